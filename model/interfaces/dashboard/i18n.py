"""The dashboard's own words (buttons, headings, explanations) in English and Bahasa Indonesia.

Labels of levers and outcomes are not here: they come from the parameter and outcome
registries, the one source for them.
"""

from __future__ import annotations

LANGS = ("id", "en")

TEXT: dict[str, dict[str, str]] = {
    "title": {"en": "birosim: two bureaucracies side by side",
              "id": "birosim: dua birokrasi berdampingan"},
    "subtitle": {"en": "Same citizens, same luck: every difference comes from the rules.",
                 "id": "Warga yang sama, keberuntungan yang sama: setiap perbedaan berasal dari aturannya."},
    "side_A": {"en": "A", "id": "A"},
    "side_B": {"en": "B", "id": "B"},
    "play": {"en": "Play", "id": "Jalankan"},
    "pause": {"en": "Pause", "id": "Jeda"},
    "step": {"en": "Step", "id": "Langkah"},
    "reset": {"en": "Reset", "id": "Ulang"},
    "speed": {"en": "Days per tick", "id": "Hari per detak"},
    "copy_a_to_b": {"en": "Copy A to B", "id": "Salin A ke B"},
    "day": {"en": "Working day", "id": "Hari kerja"},
    "year": {"en": "year", "id": "tahun"},
    "language": {"en": "Language", "id": "Bahasa"},
    "levers": {"en": "Rules of each side", "id": "Aturan tiap sisi"},
    "theme": {"en": "Theme", "id": "Tema"},
    "levers_at_reset": {
        "en": "Rules read when the programme starts (reform start, pilots, network, starting "
              "values) take effect at Reset.",
        "id": "Aturan yang dibaca saat program dimulai (mulai reformasi, unit percontohan, "
              "jaringan, nilai awal) berlaku setelah Ulang."},
    "events": {"en": "Events (both sides at once)", "id": "Peristiwa (kedua sisi sekaligus)"},
    "charts": {"en": "Live charts", "id": "Grafik langsung"},
    "units": {"en": "Units", "id": "Unit"},
    "colour_by": {"en": "Colour units by", "id": "Warnai unit menurut"},
    "click_unit": {"en": "Click a unit to see its details.",
                   "id": "Klik sebuah unit untuk melihat rinciannya."},
    "scorecard": {"en": "Scorecard", "id": "Kartu skor"},
    "outcome": {"en": "Outcome", "id": "Hasil"},
    "difference": {"en": "B - A", "id": "B - A"},
    "better": {"en": "B better", "id": "B lebih baik"},
    "worse": {"en": "B worse", "id": "B lebih buruk"},
    "scorecard_note": {
        "en": "Latest values (20-day mean). Green: B is better than A, red: worse, by the outcome's "
              "better direction.",
        "id": "Nilai terakhir (rata-rata 20 hari). Hijau: B lebih baik dari A, merah: lebih buruk, "
              "menurut arah yang lebih baik."},
    "exercises": {"en": "Course exercises", "id": "Latihan kursus"},
    "load_exercise": {"en": "Load exercise", "id": "Muat latihan"},
    "question": {"en": "Question", "id": "Pertanyaan"},
    "answer": {"en": "What the model shows", "id": "Yang ditunjukkan model"},
    "show_answer": {"en": "Show the answer", "id": "Tampilkan jawaban"},
    "invalid": {"en": "Not changed", "id": "Tidak diubah"},
    "unit_id": {"en": "Unit", "id": "Unit"},
    "parent_org": {"en": "Organisation", "id": "Instansi"},
    "approval_layers": {"en": "Approval layers", "id": "Lapisan persetujuan"},
    "goal_clarity": {"en": "Goal clarity", "id": "Kejelasan sasaran"},
    "innovations": {"en": "Innovations adopted", "id": "Inovasi diadopsi"},
    "performance": {"en": "Performance (true / reported)", "id": "Kinerja (sebenarnya / dilaporkan)"},
    "smoothed": {"en": "20-day mean", "id": "rata-rata 20 hari"},
    # themes of the article (the registry's groups map onto them in controls.THEMES)
    "theme_goals": {"en": "Goals", "id": "Sasaran"},
    "theme_measurement": {"en": "Measurement", "id": "Pengukuran"},
    "theme_flexibility": {"en": "Flexibility", "id": "Fleksibilitas"},
    "theme_innovation": {"en": "Collaboration and innovation", "id": "Kolaborasi dan inovasi"},
    "theme_accountability": {"en": "Accountability", "id": "Akuntabilitas"},
    "theme_budget": {"en": "Budget", "id": "Anggaran"},
    "theme_careers": {"en": "Careers", "id": "Karier"},
    "theme_reform": {"en": "Reform support", "id": "Dukungan reformasi"},
    # events
    "event_demand_surge": {"en": "Demand surge", "id": "Lonjakan permintaan"},
    "event_budget_cut": {"en": "Budget cut", "id": "Pemotongan anggaran"},
    "event_leadership_change": {"en": "Leadership change", "id": "Pergantian pimpinan"},
    "event_audit_campaign": {"en": "Audit campaign", "id": "Kampanye audit"},
    "event_digital_channel": {"en": "New digital service channel", "id": "Kanal layanan digital baru"},
    "help_demand_surge": {"en": "Demand x 1.6 in every unit for 40 working days.",
                          "id": "Permintaan x 1,6 di semua unit selama 40 hari kerja."},
    "help_budget_cut": {"en": "15 % less establishment and allowances, from today on.",
                        "id": "Formasi dan tunjangan berkurang 15 %, mulai hari ini."},
    "help_leadership_change": {
        "en": "A new head backs the reform less: leaders' support - 0.3, for good.",
        "id": "Pimpinan baru kurang mendukung reformasi: dukungan pimpinan - 0,3, seterusnya."},
    "help_audit_campaign": {"en": "3 more audits per unit-year for 120 working days.",
                            "id": "3 audit lebih per unit-tahun selama 120 hari kerja."},
    "help_digital_channel": {
        "en": "Monopoly and discretion x 0.7, work per case - 10 %, for good.",
        "id": "Monopoli dan diskresi x 0,7, beban kerja per kasus - 10 %, seterusnya."},
    # chart panels and their "what is happening" texts
    "panel_responsiveness": {"en": "Lead time and backlog", "id": "Waktu layanan dan tunggakan"},
    "panel_cost": {"en": "Cost and headcount", "id": "Biaya dan jumlah pegawai"},
    "panel_integrity": {"en": "Corruption and detection", "id": "Korupsi dan deteksi"},
    "panel_innovation": {"en": "Innovations", "id": "Inovasi"},
    "panel_ikm": {"en": "Citizen satisfaction (IKM)", "id": "Kepuasan masyarakat (IKM)"},
    "panel_performance": {"en": "Reported vs true performance",
                          "id": "Kinerja dilaporkan vs sebenarnya"},
    "explain_responsiveness": {
        "en": "Cases queue for casework, then for each sign-off layer. Fewer layers (delegation) "
              "and staff moved to where the queue is shorten the wait; a surge shows how fast "
              "each side recovers.",
        "id": "Berkas antre untuk dikerjakan, lalu untuk setiap lapisan persetujuan. Lebih sedikit "
              "lapisan (delegasi) dan pegawai yang dipindah ke antrean memperpendek waktu tunggu; "
              "lonjakan menunjukkan seberapa cepat tiap sisi pulih."},
    "explain_cost": {
        "en": "Incremental budgets grow the establishment whatever the workload (Parkinson); "
              "performance budgets let headcount follow the work.",
        "id": "Anggaran inkremental menambah formasi apa pun beban kerjanya (Parkinson); "
              "anggaran berbasis kinerja membuat jumlah pegawai mengikuti pekerjaan."},
    "explain_integrity": {
        "en": "Staff take illicit payments when the gain beats the expected penalty and their "
              "moral cost; corrupt peers lower that cost. Audits, complaints and peers detect.",
        "id": "Pegawai menerima pungli bila untungnya melebihi perkiraan sanksi dan beban "
              "moralnya; rekan yang korup menurunkan beban itu. Audit, pengaduan dan rekan kerja "
              "mendeteksinya."},
    "explain_innovation": {
        "en": "Ideas come from time and tolerance of failure; adoption spreads over collaboration "
              "links: an S-curve with collaboration, almost flat without.",
        "id": "Ide lahir dari waktu dan toleransi atas kegagalan; adopsi menyebar lewat jejaring "
              "kolaborasi: kurva S bila ada kolaborasi, hampir datar tanpa kolaborasi."},
    "explain_ikm": {
        "en": "Citizens rate timeliness, quality and whether they were asked for pungli "
              "(IKM, 25-100).",
        "id": "Warga menilai ketepatan waktu, mutu dan ada tidaknya pungli (IKM, 25-100)."},
    "explain_performance": {
        "en": "Solid: true share on time; dashed: what is reported. Strong targets on a narrow, "
              "gameable measure make the two part (gaming).",
        "id": "Garis penuh: porsi tepat waktu sebenarnya; putus-putus: yang dilaporkan. Target kuat "
              "pada ukuran sempit yang mudah dimanipulasi membuat keduanya berpisah."},
    "reported": {"en": "reported", "id": "dilaporkan"},
    "true": {"en": "true", "id": "sebenarnya"},
}


def text(key: str, lang: str) -> str:
    """The dashboard's word for ``key`` in ``lang`` (English when a language lacks it)."""
    entry = TEXT[key]
    return entry.get(lang) or entry["en"]
