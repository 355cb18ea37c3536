"""Course exercises: two shipped scenarios (with a few lever changes), a question, and the answer.

Each exercise runs on the classroom organisation, on common random numbers, for ``days`` working
days; the answer says what the model shows, in words a trainer can read out. The trainer
notebook (``notebooks/trainer.ipynb``) runs each one and plots it, and the tests check that each
answer's pattern holds (``tests/test_dashboard_exercises.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...core import Scenario, load_scenario

CLASSROOM = "classroom"


@dataclass(frozen=True)
class Exercise:
    name: str
    scenario_a: str
    scenario_b: str
    days: int
    title: dict[str, str]
    question: dict[str, str]
    answer: dict[str, str]
    levers_a: dict[str, Any] = field(default_factory=dict)
    levers_b: dict[str, Any] = field(default_factory=dict)
    events: tuple[tuple[int, str], ...] = ()  # (day, event name): fired by the notebook
    watch: tuple[str, ...] = ()  # the series to look at

    def scenarios(self) -> tuple[Scenario, Scenario]:
        """Side A's and side B's scenarios on the classroom organisation."""
        return (_on_classroom(self.scenario_a, self.levers_a),
                _on_classroom(self.scenario_b, self.levers_b))


def _on_classroom(name: str, levers: dict[str, Any]) -> Scenario:
    scenario = load_scenario(name, levers or None)
    return scenario.model_copy(update={"organisation": CLASSROOM})


EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        name="first_year",
        scenario_a="conventional", scenario_b="results_oriented", days=250,
        title={"en": "What does the reform cost in its first year?",
               "id": "Apa biaya reformasi pada tahun pertamanya?"},
        question={
            "en": "Run one year. Which side spends more of its hours on overhead, does it show in "
                  "the lead time, and how does the gap in lead time change over the year?",
            "id": "Jalankan satu tahun. Sisi mana yang menghabiskan lebih banyak jam kerja untuk "
                  "beban administrasi, apakah itu tampak pada waktu layanan, dan bagaimana selisih "
                  "waktu layanan berubah sepanjang tahun?"},
        answer={
            "en": "The reform costs before it pays: hours go to measuring and reporting, training "
                  "and settling in after transfers while staff acceptance is still low, so side "
                  "B's overhead is higher all year. Its lead time is still no longer than A's, "
                  "even in the first months: leaders who read the new measure see which desks "
                  "hold files up and who is away, and files wait less often on an absent "
                  "official. The gain in lead time grows as acceptance, skills and innovations "
                  "build up.",
            "id": "Reformasi memakan biaya sebelum memberi hasil: jam kerja tersita untuk "
                  "pengukuran dan pelaporan, pelatihan dan penyesuaian setelah mutasi, sementara "
                  "penerimaan pegawai masih rendah, sehingga beban administrasi sisi B lebih "
                  "tinggi sepanjang tahun. Namun waktu layanannya tidak lebih lama daripada sisi "
                  "A, bahkan pada bulan-bulan pertama: pimpinan yang membaca ukuran baru melihat "
                  "meja mana yang menahan berkas dan siapa yang tidak hadir, sehingga berkas lebih "
                  "jarang menunggu pejabat yang tidak di tempat. Keunggulan waktu layanan tumbuh "
                  "seiring tumbuhnya penerimaan, keterampilan dan inovasi."},
        watch=("lead_time_mean_days", "overhead_share", "acceptance"),
    ),
    Exercise(
        name="gaming",
        scenario_a="results_oriented", scenario_b="gaming", days=500,
        title={"en": "Gaming: watch reported and true performance part",
               "id": "Permainan angka: lihat kinerja dilaporkan dan sebenarnya berpisah"},
        question={
            "en": "Side B pays for hitting a threshold on a narrow, gameable measure. What happens "
                  "to reported and to true performance on each side?",
            "id": "Sisi B memberi imbalan untuk mencapai ambang pada ukuran yang sempit dan mudah "
                  "dimanipulasi. Apa yang terjadi pada kinerja dilaporkan dan sebenarnya di tiap sisi?"},
        answer={
            "en": "On side B reported performance runs ahead of true performance and the gap "
                  "stays: effort goes into what is counted (Goodhart; Bevan & Hood 2006: 96 % "
                  "reported vs 77 % in surveys). Side A's broad, less gameable measure keeps "
                  "the two close.",
            "id": "Di sisi B kinerja yang dilaporkan melampaui kinerja sebenarnya dan selisihnya "
                  "bertahan: upaya diarahkan ke yang dihitung (Goodhart; Bevan & Hood 2006: 96 % "
                  "dilaporkan vs 77 % menurut survei). Ukuran sisi A yang luas dan sulit "
                  "dimanipulasi menjaga keduanya berdekatan."},
        watch=("perf_reported", "perf_true"),
    ),
    Exercise(
        name="paper_reform",
        scenario_a="results_oriented", scenario_b="paper_reform", days=500,
        title={"en": "Paper reform", "id": "Reformasi di atas kertas"},
        question={
            "en": "Both sides adopt the same results-oriented rules; side B's leaders barely back "
                  "them. Compare implementation, acceptance and lead time.",
            "id": "Kedua sisi memakai aturan berorientasi hasil yang sama; pimpinan sisi B nyaris "
                  "tidak mendukungnya. Bandingkan implementasi, penerimaan dan waktu layanan."},
        answer={
            "en": "Without leaders' support (A3) staff read the reform as paper: acceptance and "
                  "implementation slide back on side B while the reporting goes on, so B carries "
                  "the reform's costs with few of its gains.",
            "id": "Tanpa dukungan pimpinan (A3) pegawai membaca reformasi sebagai formalitas: "
                  "penerimaan dan implementasi di sisi B merosot sementara pelaporan berjalan "
                  "terus, sehingga B menanggung biaya reformasi dengan sedikit hasilnya."},
        watch=("reform_implementation", "acceptance", "lead_time_mean_days"),
    ),
    Exercise(
        name="parkinson",
        scenario_a="conventional", scenario_b="conventional", days=1000,
        levers_a={"service.seasonality": 0.0},
        levers_b={"service.seasonality": 0.0, "budget.mode": "performance"},
        title={"en": "Parkinson with flat demand", "id": "Hukum Parkinson dengan permintaan datar"},
        question={
            "en": "Demand is flat on both sides. Side A budgets incrementally, side B by "
                  "performance. What happens to headcount and cost over four years?",
            "id": "Permintaan datar di kedua sisi. Sisi A memakai anggaran inkremental, sisi B "
                  "anggaran berbasis kinerja. Apa yang terjadi pada jumlah pegawai dan biaya "
                  "selama empat tahun?"},
        answer={
            "en": "Side A's establishment grows every year although the work does not "
                  "(Parkinson 1955: officials ask for subordinates, and work is made for each "
                  "other), mostly through honorer the units hire and pay themselves when the "
                  "formasi grants few posts; side B asks only for the posts the workload needs. "
                  "Compare the total cost (staff bill plus honorer and other programme spending), "
                  "not only the civil servants' pay bill.",
            "id": "Formasi sisi A tumbuh setiap tahun walau pekerjaannya tidak bertambah "
                  "(Parkinson 1955: pejabat mengusulkan bawahan dan saling menciptakan "
                  "pekerjaan), sebagian besar lewat tenaga honorer yang diangkat dan dibayar unit "
                  "sendiri ketika formasi yang disetujui sedikit; sisi B hanya mengusulkan formasi "
                  "sesuai beban kerja. Bandingkan biaya total (belanja pegawai ditambah honor dan "
                  "belanja program lain), bukan hanya belanja pegawai ASN."},
        watch=("headcount", "total_cost_rp"),
    ),
    Exercise(
        name="surge",
        scenario_a="conventional", scenario_b="results_oriented", days=500,
        events=((300, "demand_surge"),),
        title={"en": "A demand surge: who recovers faster?",
               "id": "Lonjakan permintaan: siapa yang lebih cepat pulih?"},
        question={
            "en": "Fire a demand surge after a year. How high does each side's backlog climb and "
                  "how long until it is back?",
            "id": "Picu lonjakan permintaan setelah satu tahun. Seberapa tinggi tunggakan tiap sisi "
                  "naik dan berapa lama sampai kembali?"},
        answer={
            "en": "Results-oriented climbs about a tenth less (its performance budgeting keeps "
                  "a margin of posts above the workload), but it does not recover sooner: once "
                  "the surge ends it takes about twice as long to get back near its old backlog, "
                  "because moving 5 % of staff a round and fewer sign-off layers do not replace "
                  "the posts it did not fill (B4 is only partly shown here). It ends with the "
                  "lower backlog.",
            "id": "Sisi berorientasi hasil naik kira-kira sepersepuluh lebih sedikit (penganggaran "
                  "berbasis kinerjanya menyisakan formasi sedikit di atas beban kerja), tetapi "
                  "tidak pulih lebih cepat: setelah lonjakan usai, butuh kira-kira dua kali lebih "
                  "lama untuk kembali mendekati tunggakan semula, karena memindahkan 5 % pegawai "
                  "per putaran dan lapisan persetujuan yang lebih sedikit tidak menggantikan "
                  "formasi yang tidak diisi (B4 hanya sebagian tampak di sini). Di akhir "
                  "tunggakannya lebih rendah."},
        watch=("backlog", "lead_time_mean_days"),
    ),
)

EXERCISE_BY_NAME = {exercise.name: exercise for exercise in EXERCISES}
