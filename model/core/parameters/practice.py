"""Parameters of performance measurement, flexibility and innovation (R2, R3, R4, B4, B5)."""

from __future__ import annotations

from .registry import declare

measurement = declare("measurement", "lever")
measurement_assumption = declare("measurement", "parameter")
flexibility = declare("flexibility", "lever")
flexibility_assumption = declare("flexibility", "parameter")
innovation = declare("innovation", "lever")
innovation_assumption = declare("innovation", "parameter")

BEVAN_HOOD = "Bevan & Hood 2006, Public Administration 84(3)"
MULTITASKING = "Holmstrom & Milgrom 1991, J. Law, Economics & Organization 7 (multitasking)"
SAKIP = "Perpres 29/2014 (SAKIP); PermenPANRB 88/2021 (its evaluation)"
BASS = "Bass 1969; Sultan, Farley & Lehmann 1990, J. Marketing Research 27(1)"

PARAMETERS = (
    measurement(
        "intensity", "share", 0.5, 0, 1,
        source=f"{SAKIP}: every body plans, measures and reports (assumption: half its work)",
        en=("Measurement intensity", "Share of work measured and reviewed"),
        id=("Intensitas pengukuran", "Bagian pekerjaan yang diukur dan ditinjau"),
    ),
    measurement(
        "noise", "standard error", 0.1, 0, 1,
        en=("Measurement error", "Standard error of a measured share at 50 %"),
        id=("Galat pengukuran", "Galat baku suatu proporsi terukur pada 50 %"),
    ),
    measurement_assumption(
        "reporting_share", "share of hours", 0.06, 0, 0.3,
        en=("Reporting time", "Share of hours on reporting at full measurement intensity"),
        id=("Waktu pelaporan", "Bagian jam untuk pelaporan pada intensitas pengukuran penuh"),
    ),
    measurement(
        "incentive_strength", "share of allowance", 0.0, 0, 1,
        source=f"{MULTITASKING}; PermenPANRB 63/2011 (tunjangan kinerja by job class, cut for "
               "absence): 0 conventionally",
        en=("Incentive strength",
            "Share of allowances (TPP, tunjangan kinerja) tied to measured results; the rest "
            "follows attendance and job class"),
        id=("Kekuatan insentif",
            "Bagian tunjangan (TPP, tunjangan kinerja) yang dikaitkan dengan hasil terukur; "
            "sisanya mengikuti kehadiran dan kelas jabatan"),
    ),
    measurement(
        "use_for_decisions", "share", 0.1, 0, 1,
        source=f"{SAKIP} (the use of performance information is scored apart, compliance-style "
               "reports are little used); value: assumption",
        en=("Use of the measure in decisions",
            "How far leaders act on measured results (feedback, pay, promotion); 0 = reports "
            "are filed and not used"),
        id=("Pemanfaatan ukuran dalam keputusan",
            "Seberapa jauh pimpinan bertindak atas hasil terukur (umpan balik, tunjangan, "
            "promosi); 0 = laporan dibuat dan tidak dipakai"),
    ),
    measurement_assumption(
        "grade_stake", "share of allowance", 0.25, 0, 1,
        source=f"assumption; {SAKIP} (grades are published and ranked)",
        en=("Stake of the grade",
            "What looking good on the report is worth, as a share of allowances, even when "
            "pay does not follow it"),
        id=("Taruhan nilai SAKIP",
            "Nilai tampil baik dalam laporan, sebagai bagian tunjangan, meski tunjangan tidak "
            "mengikutinya"),
    ),
    measurement(
        "target", "-", "continuous", choices=("none", "continuous", "threshold", "ratchet"),
        source=f"{BEVAN_HOOD}; Weitzman 1980, Bell J. Economics 11(1) (ratchet); {SAKIP} "
               "(a continuous score)",
        en=("Target rule", "How measured results are rewarded"),
        id=("Aturan target", "Cara hasil terukur diberi imbalan"),
    ),
    measurement(
        "target_level", "share", 0.8, 0, 1,
        en=("Target level", "Target share of cases resolved within the service standard"),
        id=("Tingkat target", "Target bagian berkas selesai dalam standar pelayanan"),
    ),
    measurement(
        "gameability", "share", 0.6, 0, 1,
        source=f"{BEVAN_HOOD}; assumption: a self-assessed report (conventional) 0.6, a "
               "sample of case records 0.3",
        en=("Gameability", "How easily the measure can be manipulated (0 = not at all)"),
        id=("Kerentanan manipulasi", "Seberapa mudah ukuran dapat dimanipulasi (0 = tidak sama sekali)"),
    ),
    measurement(
        "breadth", "share", 0.3, 0, 1,
        source=f"{MULTITASKING}; assumption: activity indicators (conventional) 0.3",
        en=("Breadth of the measure", "How much of case quality the measure captures (0 = none)"),
        id=("Cakupan ukuran", "Seberapa banyak mutu berkas yang tertangkap ukuran (0 = tidak ada)"),
    ),
    measurement_assumption(
        "max_inflation", "share of the gap", 0.5, 0, 1,
        source=f"assumption; mechanism: {BEVAN_HOOD}",
        en=("Largest report inflation",
            "Share of the gap to 100 % a fully gameable measure lets a gaming unit report away"),
        id=("Penggelembungan laporan terbesar",
            "Bagian selisih ke 100 % yang dapat digelembungkan unit yang memanipulasi ukuran"),
    ),
    measurement_assumption(
        "gaming_hours", "share of hours", 0.03, 0, 0.3,
        en=("Gaming time", "Share of hours a fully gaming unit spends on manipulation"),
        id=("Waktu manipulasi", "Bagian jam unit yang sepenuhnya memanipulasi untuk manipulasi"),
    ),
    measurement_assumption(
        "effort_response", "share of effort", 0.15, 0, 1,
        en=("Effort response to incentives",
            "Extra effort on measured work at full incentive, intensity and precision"),
        id=("Respons upaya terhadap insentif",
            "Tambahan upaya pada pekerjaan terukur pada insentif, intensitas dan presisi penuh"),
    ),
    measurement_assumption(
        "quality_penalty", "quality points", 0.25, 0, 1,
        source=f"assumption; mechanism: {MULTITASKING}",
        en=("Quality lost to a narrow measure",
            "Quality lost at full incentive and intensity on a measure of breadth 0"),
        id=("Mutu hilang karena ukuran sempit",
            "Mutu yang hilang pada insentif dan intensitas penuh dengan ukuran bercakupan 0"),
    ),
    measurement_assumption(
        "output_inflation", "reported cases per case", 0.5, 0, 2,
        en=("Output inflation", "Extra reported cases per resolved case of a fully gaming unit"),
        id=("Penggelembungan keluaran", "Tambahan berkas dilaporkan per berkas selesai pada unit yang sepenuhnya memanipulasi"),
    ),
    measurement_assumption(
        "gaming_propensity", "-", 3.0, 0, 20,
        en=("Propensity to game", "Will to game per unit of stake x (1 - integrity) x cover"),
        id=("Kecenderungan memanipulasi", "Kemauan memanipulasi per satuan taruhan x (1 - integritas) x perlindungan"),
    ),
    measurement_assumption(
        "cover_noise", "standard error", 0.05, 0.001, 1,
        en=("Noise of half cover", "Measurement error at which noise gives gaming half its cover"),
        id=("Galat setengah perlindungan", "Galat pengukuran yang memberi manipulasi setengah perlindungan"),
    ),
    measurement_assumption(
        "precision_noise", "standard error", 0.1, 0.001, 1,
        en=("Noise of half precision", "Measurement error at which the measure is half precise"),
        id=("Galat setengah presisi", "Galat pengukuran saat ukuran setengah presisi"),
    ),
    measurement_assumption(
        "audit_report_check", "share", 0.5, 0, 1,
        en=("Audits checking reports", "How well an audit checks reports, relative to conduct"),
        id=("Audit atas laporan", "Seberapa baik audit memeriksa laporan dibanding perilaku"),
    ),
    measurement_assumption(
        "bunching_margin", "share", 0.01, 0, 0.2,
        source=BEVAN_HOOD,
        en=("Bunching margin", "Largest margin above a threshold target a gaming unit reports"),
        id=("Batas pengumpulan di ambang", "Selisih terbesar di atas target ambang yang dilaporkan unit yang memanipulasi"),
    ),
    measurement_assumption(
        "ratchet_margin", "share", 0.1, 0.001, 1,
        source="assumption; mechanism: Weitzman 1980, Bell J. Economics 11(1)",
        en=("Ratchet margin", "Result above target at which a ratchet unit holds back fully"),
        id=("Batas efek ratchet", "Hasil di atas target saat unit dengan target ratchet menahan upaya penuh"),
    ),
    measurement_assumption(
        "ratchet_holdback", "share of effort", 0.5, 0, 1,
        source="assumption; mechanism: Weitzman 1980, Bell J. Economics 11(1)",
        en=("Ratchet holdback", "Effort held back at full incentive, well above a ratchet target"),
        id=("Upaya yang ditahan", "Upaya yang ditahan pada insentif penuh, jauh di atas target ratchet"),
    ),
    measurement_assumption(
        "quality_base", "quality", 0.55, 0, 1,
        en=("Base quality", "Case quality of a unit of mean skill 1 and goal clarity 0"),
        id=("Mutu dasar", "Mutu berkas unit berketerampilan rata-rata 1 dan kejelasan sasaran 0"),
    ),
    measurement_assumption(
        "quality_per_skill", "quality per skill", 0.25, 0, 1,
        en=("Quality per skill", "Quality gained per unit of mean skill above 1"),
        id=("Mutu per keterampilan", "Tambahan mutu per satuan keterampilan rata-rata di atas 1"),
    ),
    measurement_assumption(
        "quality_per_clarity", "quality", 0.2, 0, 1,
        en=("Quality from clear goals", "Quality gained at full goal clarity"),
        id=("Mutu dari sasaran jelas", "Tambahan mutu pada kejelasan sasaran penuh"),
    ),
    measurement_assumption(
        "quality_per_autonomy", "quality", 0.2, 0, 1,
        source=("assumption; mechanism: Rasul & Rogger 2018, Economic Journal 128(608) (autonomy "
                "lets bureaucrats use local information to adapt the work to the case); Aghion & "
                "Tirole 1997, J. Political Economy 105(1) (real authority)"),
        en=("Quality from autonomy",
            "Quality gained when every sign-off above the first is delegated to the staff who "
            "do the work (they fit the work to the case: fewer incomplete files)"),
        id=("Mutu dari otonomi",
            "Tambahan mutu bila semua paraf di atas lapis pertama didelegasikan kepada pegawai "
            "pelaksana (pekerjaan disesuaikan dengan kasusnya: lebih sedikit berkas tidak lengkap)"),
    ),
    measurement_assumption(
        "quality_floor", "quality", 0.05, 0, 1,
        en=("Lowest quality", "Quality below which no unit's work falls"),
        id=("Mutu terendah", "Batas bawah mutu kerja unit"),
    ),
    measurement_assumption(
        "motivation_base", "motivation", 0.65, 0, 1,
        en=("Motivation at rest", "Motivation staff drift toward without pay for results"),
        id=("Motivasi dasar", "Motivasi yang dituju pegawai tanpa imbalan atas hasil"),
    ),
    measurement_assumption(
        "motivation_incentive", "motivation", 0.2, 0, 2,
        en=("Motivation from fair pay for results",
            "Motivation gained at full incentive per unit of precision above the reference"),
        id=("Motivasi dari imbalan yang adil",
            "Tambahan motivasi pada insentif penuh per satuan presisi di atas acuan"),
    ),
    measurement_assumption(
        "motivation_monitoring", "motivation", 0.4, 0, 2,
        source=("assumption; mechanism: Frey 1997, Not Just for the Money; Frey & Jegen 2001, J. "
                "Economic Surveys 15(5) (monitoring seen as controlling crowds intrinsic "
                "motivation out, seen as informative crowds it in)"),
        en=("Motivation from monitoring",
            "Motivation gained at full monitoring (intensity x use) per unit of precision above "
            "the reference; a noisy, subjective measure crowds motivation out"),
        id=("Motivasi dari pemantauan",
            "Tambahan motivasi pada pemantauan penuh (intensitas x pemanfaatan) per satuan "
            "presisi di atas acuan; ukuran yang bising dan subjektif mendesak motivasi keluar"),
    ),
    measurement_assumption(
        "absence_cut", "share of absence", 0.5, 0, 1,
        source=("Duflo, Hanna & Ryan 2012, American Economic Review 102(4): camera monitoring "
                "with pay halved teachers' absence (42 % to 21 %), the cut here at full attention "
                "(a measure fully used and exact); weaker monitoring cuts less (Dhaliwal & Hanna "
                "2017, J. Development Economics 124, biometric attendance); that leaders act on "
                "performance data they use: Moynihan 2008, The Dynamics of Performance "
                "Management ('purposeful use')"),
        en=("Absence cut by monitoring",
            "Share of staff's and officials' days away that disappears when leaders fully use "
            "a precise measure of the unit's results (attention = intensity x use x precision)"),
        id=("Ketidakhadiran yang dipangkas pemantauan",
            "Bagian hari tidak hadir pegawai dan pejabat yang hilang bila pimpinan memanfaatkan "
            "penuh ukuran kinerja unit yang presisi (perhatian = intensitas x pemanfaatan x presisi)"),
    ),
    measurement_assumption(
        "motivation_autonomy", "motivation", 0.15, 0, 1,
        source=("assumption; mechanism: Deci & Ryan 2000, Psychological Inquiry 11(4) "
                "(self-determination); Besley & Ghatak 2005, American Economic Review 95(3) "
                "(mission-motivated agents)"),
        en=("Motivation from autonomy",
            "Motivation gained when every sign-off above the first is delegated to the staff "
            "who do the work"),
        id=("Motivasi dari otonomi",
            "Tambahan motivasi bila semua paraf di atas lapis pertama didelegasikan kepada "
            "pegawai pelaksana"),
    ),
    measurement_assumption(
        "motivation_pace", "share per month", 0.05, 0, 1,
        en=("Pace of motivation", "Share of the gap to the pull motivation closes each month"),
        id=("Laju motivasi", "Bagian selisih ke tarikan yang ditutup motivasi setiap bulan"),
    ),
    flexibility(
        "reallocation_interval_days", "days", 0, 0, 250,
        source="PermenPANRB 3/2020 (manajemen talenta); Peraturan BKN 5/2019 (mutasi)",
        en=("Reallocation interval", "Days between reallocation rounds (0 = fixed establishment)"),
        id=("Selang realokasi", "Hari antara putaran realokasi pegawai (0 = formasi tetap)"),
    ),
    flexibility(
        "reallocation_share", "share of staff", 0.05, 0, 0.5,
        en=("Reallocation share", "Largest share of a unit's staff moved in one round"),
        id=("Porsi realokasi", "Bagian terbesar pegawai unit yang dipindah dalam satu putaran"),
    ),
    flexibility_assumption(
        "transfer_cost_days", "days", 10, 0, 120,
        en=("Settling-in time", "Working days a transferred or new staff member needs to settle in"),
        id=("Masa penyesuaian", "Hari kerja yang dibutuhkan pegawai pindahan atau baru untuk menyesuaikan diri"),
    ),
    flexibility_assumption(
        "settling_pace", "share of pace", 0.5, 0, 1,
        en=("Pace while settling in", "Share of full pace a member works while settling in"),
        id=("Laju saat penyesuaian", "Bagian laju penuh yang dicapai pegawai selama masa penyesuaian"),
    ),
    flexibility_assumption(
        "knowledge_loss", "share of skill", 0.05, 0, 0.5,
        source=("assumption: local knowledge (the unit's cases, rules and contacts) a mover leaves "
                "behind; firm-specific human capital, Becker 1964"),
        en=("Local knowledge lost on a move", "Share of a moved member's skill that stays behind in the old unit"),
        id=("Pengetahuan lokal yang hilang saat pindah",
            "Bagian keterampilan pegawai pindahan yang tertinggal di unit lama"),
    ),
    flexibility_assumption(
        "backlog_clearance_days", "days", 20, 1, 250,
        en=("Backlog clearance time", "Days in which reallocation plans to clear a unit's backlog"),
        id=("Waktu penyelesaian tunggakan", "Hari yang direncanakan realokasi untuk menuntaskan tunggakan unit"),
    ),
    flexibility_assumption(
        "arrivals_smoothing", "weight per day", 0.05, 0, 1,
        en=("Smoothing of arrivals", "Weight of today's arrivals in the moving average reallocation reads"),
        id=("Penghalusan kedatangan", "Bobot kedatangan hari ini dalam rata-rata bergerak yang dibaca realokasi"),
    ),
    innovation(
        "innovation_time_share", "share of hours", 0.01, 0, 0.3,
        en=("Improvement time", "Share of hours staff may spend on improvement ideas"),
        id=("Waktu perbaikan", "Bagian jam yang boleh dipakai pegawai untuk gagasan perbaikan"),
    ),
    innovation_assumption(
        "idea_rate", "ideas per staff-day", 0.005, 0, 1,
        en=("Idea rate", "Ideas per fully innovative staff-day of improvement time"),
        id=("Laju gagasan", "Gagasan per hari-pegawai waktu perbaikan pegawai yang sepenuhnya inovatif"),
    ),
    innovation(
        "failure_tolerance", "share", 0.2, 0, 1,
        en=("Failure tolerance", "How much failed pilots are tolerated (0 = punished)"),
        id=("Toleransi kegagalan", "Seberapa jauh uji coba yang gagal ditoleransi (0 = dihukum)"),
    ),
    innovation_assumption(
        "success_probability", "probability", 0.4, 0, 1,
        en=("Pilot success chance", "Chance a piloted idea works, for a staff member of skill 1"),
        id=("Peluang keberhasilan uji coba", "Peluang gagasan yang diujicobakan berhasil, untuk pegawai berketerampilan 1"),
    ),
    innovation_assumption(
        "mean_gain", "share of work", 0.03, 0, 0.5,
        source="Gerrish 2016, Public Administration Review 76(1) (modest effects)",
        en=("Mean gain", "Mean cut in work per case from one working innovation"),
        id=("Rata-rata manfaat", "Rata-rata pengurangan beban kerja per berkas dari satu inovasi yang berhasil"),
    ),
    innovation(
        "collaboration", "share", 0.1, 0, 1,
        en=("Collaboration", "Intensity of inter-unit collaboration (scales imitation)"),
        id=("Kolaborasi", "Intensitas kolaborasi antarunit (memperbesar peniruan)"),
    ),
    innovation(
        "network", "-", "small_world", choices=("parent_org", "small_world", "complete", "none"),
        source="Watts & Strogatz 1998 (small world)",
        en=("Collaboration network",
            "Which units are linked for collaboration: colleagues in the unit's own organisation "
            "(parent_org), with small-world partners elsewhere (small_world), all, or none"),
        id=("Jejaring kolaborasi",
            "Unit mana yang terhubung untuk berkolaborasi: rekan dalam organisasi induk unit "
            "(parent_org), ditambah mitra dunia kecil di luar (small_world), semua, atau tidak ada"),
    ),
    innovation_assumption(
        "external_rate", "per year", 0.03, 0, 1,
        source=BASS,
        en=("Bass p (external adoption)", "Adoption hazard from outside sources"),
        id=("Bass p (adopsi eksternal)", "Laju adopsi dari sumber luar"),
    ),
    innovation_assumption(
        "imitation_rate", "per year", 1.0, 0, 5,
        source=("assumption: a unit all of whose contacts use a working practice takes it up "
                "within about a year (one yearly work plan, Renja: Permendagri 86/2017) at full "
                "collaboration; mechanism: Bass 1969"),
        en=("Imitation at full exposure",
            "Adoption hazard of a unit all of whose contacts have adopted, at full collaboration"),
        id=("Peniruan pada keterpaparan penuh",
            "Laju adopsi unit yang semua mitranya telah mengadopsi, pada kolaborasi penuh"),
    ),
    innovation_assumption(
        "pilot_share_intolerant", "share of ideas", 0.3, 0, 1,
        en=("Ideas piloted where failure is punished",
            "Share of ideas piloted at failure tolerance 0 (all are piloted at 1)"),
        id=("Gagasan diujicobakan bila gagal dihukum",
            "Bagian gagasan yang diujicobakan pada toleransi kegagalan 0 (semua pada toleransi 1)"),
    ),
    innovation_assumption(
        "failure_discouragement", "motivation per failure", 0.2, 0, 1,
        en=("Discouragement by a failed pilot",
            "Motivation lost per failed pilot per member where failure is punished"),
        id=("Kekecewaan karena uji coba gagal",
            "Motivasi yang hilang per uji coba gagal per pegawai bila kegagalan dihukum"),
    ),
    innovation_assumption(
        "max_discouragement", "share of motivation", 0.5, 0, 1,
        en=("Largest discouragement", "Largest share of motivation failed pilots take in a month"),
        id=("Kekecewaan terbesar", "Bagian motivasi terbesar yang hilang karena uji coba gagal dalam sebulan"),
    ),
    innovation_assumption(
        "max_gain", "share of work", 0.5, 0, 1,
        en=("Largest gain", "Largest cut in work per case from one innovation"),
        id=("Manfaat terbesar", "Pengurangan beban kerja per berkas terbesar dari satu inovasi"),
    ),
    innovation_assumption(
        "work_floor", "share of work", 0.7, 0, 1,
        source="Gerrish 2016, Public Administration Review 76(1) (modest effects)",
        en=("Work floor", "Share of work per case no innovation can remove"),
        id=("Batas bawah beban kerja", "Bagian beban kerja per berkas yang tidak dapat dihapus inovasi"),
    ),
    innovation_assumption(
        "retire_at", "share of units", 0.95, 0.5, 1,
        en=("Retirement of an innovation",
            "Adoption share at which an innovation becomes permanent practice"),
        id=("Pelembagaan inovasi", "Bagian unit pengadopsi saat inovasi menjadi praktik tetap"),
    ),
    innovation_assumption(
        "practice_kinds", "kinds", 32, 1, 256,
        en=("Kinds of improved practice", "Kinds of practice an innovation can improve at once"),
        id=("Jenis praktik yang diperbaiki", "Jumlah jenis praktik yang dapat diperbaiki inovasi sekaligus"),
    ),
    innovation_assumption(
        "small_world_neighbours", "units", 4, 2, 20,
        source="assumption, in the Watts & Strogatz 1998 small-world model",
        en=("Small-world neighbours", "Partners each unit has before rewiring"),
        id=("Tetangga jejaring dunia kecil", "Mitra setiap unit sebelum penyambungan ulang"),
    ),
    innovation_assumption(
        "colleague_share", "share of contact", 0.5, 0, 1,
        en=("Contact with colleagues",
            "Share of a unit's collaboration contact with the other units of its own "
            "organisation; the rest goes to small-world partners elsewhere"),
        id=("Kontak dengan rekan",
            "Bagian kontak kolaborasi unit dengan unit lain dalam organisasinya sendiri; "
            "sisanya dengan mitra dunia kecil di luar"),
    ),
    innovation_assumption(
        "small_world_rewiring", "probability", 0.1, 0, 1,
        source="assumption, in the Watts & Strogatz 1998 small-world model",
        en=("Small-world rewiring", "Chance each link is rewired to a random unit"),
        id=("Penyambungan ulang dunia kecil", "Peluang setiap tautan disambung ulang ke unit acak"),
    ),
)
