"""The outcome registry: every reported outcome, declared once with its unit and direction.

Each :class:`Outcome` names a column of the run summary (level ``run``), of the model-wide daily
series (``step``) or of the per-unit daily series (``unit``); ``levels`` says where it appears.
The recorders and :meth:`BureaucracyModel.summary` take their column names from here, and
compare, analyze, validation and the plots read labels, units, directions and claims from here.
Claims are the seed claims: W1-W4 (Weberian ills), R1-R5 (results-oriented remedies), B1-B5
(benefits) and A1-A3 (adoption needs).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .errors import InputError

LEVELS = ("run", "step", "unit")
DIRECTIONS = ("higher", "lower", "none")


@dataclass(frozen=True)
class Outcome:
    """One reported outcome: name, unit, better direction, the claim it measures, labels."""

    name: str
    unit: str
    better: str
    claim: str
    group: str
    levels: frozenset[str]
    reducer: str
    label_en: str
    label_id: str
    description_en: str
    description_id: str

    def label(self, lang: str = "en") -> str:
        return self.label_id if lang == "id" else self.label_en

    def description(self, lang: str = "en") -> str:
        return self.description_id if lang == "id" else self.description_en

    def verdict(self, low: float, high: float) -> str:
        """What the interval ``[low, high]`` of a difference (option - baseline) says:
        ``better`` or ``worse`` when it excludes 0, by this outcome's better direction;
        ``changed`` when it excludes 0 for an outcome with no better direction; ``unclear``
        when it includes 0 or is not known."""
        if not (math.isfinite(low) and math.isfinite(high)) or low <= 0 <= high:
            return "unclear"
        if self.better == "none":
            return "changed"
        return "better" if (low > 0) == (self.better == "higher") else "worse"


OUTCOME_GROUPS: dict[str, dict] = {
    "responsiveness": {"label_en": "Responsiveness", "label_id": "Daya tanggap"},
    "cost": {"label_en": "Cost", "label_id": "Biaya"},
    "accountability": {"label_en": "Accountability", "label_id": "Akuntabilitas"},
    "innovation": {"label_en": "Innovation", "label_id": "Inovasi"},
    "productivity": {"label_en": "Productivity", "label_id": "Produktivitas"},
    "satisfaction": {"label_en": "Citizen satisfaction", "label_id": "Kepuasan masyarakat"},
    "reform": {"label_en": "Reform", "label_id": "Reformasi"},
}

RUN_MEAN = "mean of the daily values after the warm-up"
RUN_TOTAL = "total over the days after the warm-up"
RATIO_OF_TOTALS = "ratio of the totals over the days after the warm-up"


def _outcome(name, unit, better, claim, group, levels, reducer, en, id):  # noqa: A002
    return Outcome(name=name, unit=unit, better=better, claim=claim, group=group,
                   levels=frozenset(levels), reducer=reducer, label_en=en[0],
                   description_en=en[1], label_id=id[0], description_id=id[1])


OUTCOMES: tuple[Outcome, ...] = (
    _outcome("lead_time_mean_days", "days", "lower", "W1/R3", "responsiveness",
             ("run", "step", "unit"), "mean over cases resolved after the warm-up",
             ("Lead time, mean (days)", "Working days from arrival to final sign-off"),
             ("Waktu penyelesaian, rata-rata (hari)",
              "Hari kerja dari kedatangan berkas sampai persetujuan akhir")),
    _outcome("lead_time_p90_days", "days", "lower", "W1/R3", "responsiveness", ("run",),
             "90th percentile over cases resolved after the warm-up",
             ("Lead time, 90th percentile (days)", "Lead time nine in ten cases stay within"),
             ("Waktu penyelesaian, persentil 90 (hari)",
              "Waktu penyelesaian yang tidak dilampaui sembilan dari sepuluh berkas")),
    _outcome("backlog", "cases", "lower", "W1/R3", "responsiveness", ("run", "step", "unit"),
             RUN_MEAN, ("Backlog (open cases)", "Cases waiting at the end of the day"),
             ("Tunggakan (berkas terbuka)", "Berkas yang masih menunggu pada akhir hari")),
    _outcome("on_time_share", "share", "higher", "W1/R3", "responsiveness",
             ("run", "step", "unit"), RATIO_OF_TOTALS,
             ("Resolved within service standard (share)",
              "Share of resolved cases that met the unit's published service standard"),
             ("Selesai sesuai standar pelayanan (proporsi)",
              "Bagian berkas selesai yang memenuhi standar pelayanan unit")),
    _outcome("withdrawn_share", "share", "lower", "W1/R3", "responsiveness", ("run",),
             RATIO_OF_TOTALS,
             ("Withdrawn cases (share)", "Share of arrived cases whose citizen gave up waiting"),
             ("Berkas ditarik (proporsi)", "Bagian berkas masuk yang ditinggalkan warga karena terlalu lama")),
    _outcome("deterred_share", "share", "lower", "W1/B2", "responsiveness", ("run",),
             RATIO_OF_TOTALS,
             ("Deterred citizens (share of need)",
              "Share of citizens' need that did not apply because service is expected to be slow"),
             ("Warga yang urung (proporsi kebutuhan)",
              "Bagian kebutuhan warga yang tidak diajukan karena layanan diperkirakan lambat")),
    _outcome("unmet_need_share", "share", "lower", "W1/B2", "responsiveness", ("run",),
             RATIO_OF_TOTALS,
             ("Unmet need (share)",
              "Share of citizens' need not served: deterred from applying or gave up waiting"),
             ("Kebutuhan tak terlayani (proporsi)",
              "Bagian kebutuhan warga yang tidak terlayani: urung mengajukan atau berhenti menunggu")),
    _outcome("deterred", "cases", "lower", "W1/B2", "responsiveness", ("step", "unit"), "per day",
             ("Deterred citizens (cases)", "Expected cases of need that slow service kept away today"),
             ("Warga yang urung (berkas)",
              "Perkiraan berkas kebutuhan yang hari ini tidak diajukan karena layanan lambat")),
    _outcome("arrivals", "cases", "none", "W1", "responsiveness", ("run", "step", "unit"),
             RUN_TOTAL, ("Arrivals (cases)", "Citizens' cases that arrived"),
             ("Berkas masuk", "Berkas warga yang masuk")),
    _outcome("resolved", "cases", "higher", "W1/R3", "responsiveness", ("run", "step", "unit"),
             RUN_TOTAL, ("Resolved (cases)", "Cases that passed their final sign-off"),
             ("Berkas selesai", "Berkas yang telah melewati persetujuan akhir")),
    _outcome("withdrawn", "cases", "lower", "W1/R3", "responsiveness", ("step", "unit"),
             "per day", ("Withdrawn (cases)", "Cases whose citizen gave up waiting today"),
             ("Berkas ditarik", "Berkas yang hari ini ditinggalkan warga")),
    _outcome("shock_recovery_days", "days", "lower", "B4", "responsiveness", ("run",),
             "days from the first demand shock's start until the backlog is back within 10 % of "
             "its level before it for five days running",
             ("Recovery from a demand shock (days)",
              "Days until the backlog is back near its level before the shock"),
             ("Pemulihan dari lonjakan permintaan (hari)",
              "Hari sampai tunggakan kembali mendekati tingkat sebelum lonjakan")),
    _outcome("headcount", "staff", "none", "W2/B1", "cost", ("run", "step", "unit"),
             "value on the last day", ("Headcount (staff)", "Employed staff, honorer and suspended included"),
             ("Jumlah pegawai (orang)",
              "Pegawai yang bekerja, termasuk honorer dan yang diberhentikan sementara")),
    _outcome("active_staff", "staff", "none", "W2/B1", "cost", ("step",), "per day",
             ("Active staff", "Staff at work (not suspended)"),
             ("Pegawai aktif", "Pegawai yang bekerja (tidak diberhentikan sementara)")),
    _outcome("headcount_growth_simple_per_year", "share per year", "lower", "W2/B1", "cost",
             ("run",), "(last headcount / first - 1) / years",
             ("Headcount growth (per year, simple)", "Simple yearly growth of the headcount"),
             ("Pertumbuhan jumlah pegawai (per tahun)", "Pertumbuhan tahunan sederhana jumlah pegawai")),
    _outcome("staff_cost_rp", "Rp", "lower", "W2/B1", "cost", ("run", "step"), RUN_TOTAL,
             ("Staff cost (Rp)", "Civil servants' salaries and allowances paid"),
             ("Belanja pegawai (Rp)", "Gaji dan tunjangan ASN yang dibayarkan")),
    _outcome("cost_per_case_rp", "Rp per case", "lower", "B1", "cost", ("run",), RATIO_OF_TOTALS,
             ("Cost per resolved case (Rp)", "Staff cost per resolved case"),
             ("Biaya per berkas selesai (Rp)", "Belanja pegawai per berkas selesai")),
    _outcome("programme_cost_rp", "Rp", "lower", "W2/B1", "cost", ("run", "step"), RUN_TOTAL,
             ("Programme cost (Rp)",
              "Spending besides the civil servants' pay: honorer pay, audits, complaint handling, "
              "measurement, training, goal setting, pilots"),
             ("Belanja program (Rp)",
              "Belanja di luar gaji ASN: honor tenaga honorer, audit, penanganan pengaduan, "
              "pengukuran kinerja, pelatihan, penetapan sasaran, uji coba inovasi")),
    _outcome("total_cost_rp", "Rp", "lower", "W2/B1", "cost", ("run", "step"), RUN_TOTAL,
             ("Total cost (Rp)", "Staff cost plus programme cost"),
             ("Biaya total (Rp)", "Belanja pegawai ditambah belanja program")),
    _outcome("total_cost_per_case_rp", "Rp per case", "lower", "W2/B1", "cost", ("run",),
             RATIO_OF_TOTALS,
             ("Total cost per resolved case (Rp)", "Staff and programme cost per resolved case"),
             ("Biaya total per berkas selesai (Rp)",
              "Belanja pegawai dan program per berkas selesai")),
    _outcome("honorer_headcount", "staff", "none", "W2", "cost", ("run", "step"),
             "value on the last day",
             ("Honorary staff (honorer)",
              "Employed staff hired and paid by the units themselves, outside the civil service"),
             ("Tenaga honorer (orang)",
              "Pegawai yang diangkat dan dibayar unit sendiri, di luar ASN")),
    _outcome("overhead_share", "share of hours", "lower", "W4/R1", "productivity",
             ("run", "step"), RUN_MEAN,
             ("Hours on overhead (share)", "Share of hours on procedure, reporting and coordination"),
             ("Jam kerja untuk prosedur (proporsi)",
              "Bagian jam untuk prosedur, pelaporan dan koordinasi")),
    _outcome("utilisation", "share", "none", "W1/R3", "productivity", ("run", "step", "unit"),
             "mean of the daily values after the warm-up (daily: the units' bottleneck "
             "utilisation weighted by their base demand)",
             ("Utilisation of the bottleneck stage (share)",
              "Offered load (arrivals and returned cases) per capacity at the unit's busiest "
              "stage, casework or a sign-off layer, over the last month; 1 or more: the queue grows"),
             ("Utilisasi tahap tersibuk (proporsi)",
              "Beban masuk (berkas baru dan berkas kembali) per kapasitas pada tahap tersibuk unit, "
              "pengolahan atau satu lapis persetujuan, selama sebulan terakhir; 1 atau lebih: "
              "antrean terus bertambah")),
    _outcome("bottleneck_stage", "stage", "none", "W1/R3", "productivity", ("unit",), "per day",
             ("Bottleneck stage", "The unit's busiest stage: 0 casework, 1-6 the sign-off layer"),
             ("Tahap tersibuk", "Tahap unit yang paling sibuk: 0 pengolahan, 1-6 lapis persetujuan")),
    _outcome("overloaded_unit_share", "share", "lower", "W1/R3", "productivity",
             ("run", "step"), RUN_MEAN,
             ("Overloaded units (share)", "Share of units whose bottleneck utilisation is 1 or more"),
             ("Unit kelebihan beban (proporsi)",
              "Bagian unit yang utilisasi tahap tersibuknya 1 atau lebih")),
    _outcome("rework_share", "share", "lower", "W4/R1", "satisfaction", ("run", "step"),
             RATIO_OF_TOTALS,
             ("Returned cases (share of casework)",
              "Share of worked cases found incomplete and sent back to casework (lower quality, more returns)"),
             ("Berkas kembali (proporsi pengolahan)",
              "Bagian berkas yang dikerjakan lalu dikembalikan karena tidak lengkap (mutu rendah, lebih banyak kembali)")),
    _outcome("work_capacity", "cases per day", "none", "W1/R3", "productivity", ("unit",),
             "per day", ("Casework capacity (cases per day)", "Cases front-line staff can work today"),
             ("Kapasitas pengerjaan (berkas per hari)", "Berkas yang dapat dikerjakan pegawai pelaksana hari ini")),
    _outcome("productivity_true", "cases per staff-day", "higher", "B1", "productivity",
             ("run", "step"), RATIO_OF_TOTALS,
             ("Productivity, true (cases/staff-day)", "Resolved cases per active staff-day"),
             ("Produktivitas sebenarnya (berkas/hari-pegawai)", "Berkas selesai per hari-pegawai aktif")),
    _outcome("productivity_reported", "cases per staff-day", "none", "R2", "productivity",
             ("run", "step"), RATIO_OF_TOTALS,
             ("Productivity, reported (cases/staff-day)", "Reported resolved cases per active staff-day"),
             ("Produktivitas dilaporkan (berkas/hari-pegawai)",
              "Berkas selesai yang dilaporkan per hari-pegawai aktif")),
    _outcome("corrupt_acts_per_1000_cases", "acts per 1000 cases", "lower", "W3/R5",
             "accountability", ("run",), RATIO_OF_TOTALS,
             ("Corrupt acts per 1,000 cases", "Illicit payments taken per thousand resolved cases"),
             ("Tindak korupsi per 1.000 berkas", "Pembayaran tidak sah per seribu berkas selesai")),
    _outcome("corrupt_acts", "acts", "lower", "W3/R5", "accountability", ("step",), "per day",
             ("Corrupt acts", "Illicit payments taken today"),
             ("Tindak korupsi", "Pembayaran tidak sah yang diterima hari ini")),
    _outcome("pungli_share", "share", "lower", "W3/R5", "accountability", ("run",),
             RATIO_OF_TOTALS,
             ("Cases with illicit payment asked (share)", "Share of resolved cases asked for pungli"),
             ("Berkas dengan permintaan pungli (proporsi)", "Bagian berkas selesai yang dimintai pungli")),
    _outcome("pungli_asked", "cases", "lower", "W3/R5", "accountability", ("step",), "per day",
             ("Citizens asked for pungli", "Resolved cases whose citizen was asked for pungli today"),
             ("Warga dimintai pungli", "Berkas selesai yang warganya dimintai pungli hari ini")),
    _outcome("complaints", "complaints", "none", "W3/R5", "accountability", ("step",), "per day",
             ("Complaints", "Citizens' complaints about pungli filed today"),
             ("Pengaduan", "Pengaduan warga tentang pungli yang diajukan hari ini")),
    _outcome("detections", "staff", "none", "R5", "accountability", ("step",),
             "per month, on the first day of the month",
             ("Detections", "Corrupt staff caught this month"),
             ("Pengungkapan", "Pegawai korup yang terungkap bulan ini")),
    _outcome("detection_rate", "per corrupt staff-month", "higher", "R5", "accountability",
             ("run",), RATIO_OF_TOTALS,
             ("Detections per corrupt staff-month", "Corrupt staff caught per month of corrupt service"),
             ("Deteksi per bulan-pegawai korup", "Pegawai korup terungkap per bulan-pegawai korup")),
    _outcome("corrupt_staff_share", "share", "lower", "W3/R5", "accountability", ("run", "step"),
             RUN_MEAN, ("Corrupt staff (share)", "Share of active staff who act corruptly"),
             ("Pegawai korup (proporsi)", "Bagian pegawai aktif yang bertindak korup")),
    _outcome("corrupt_share", "share", "lower", "W3/R5", "accountability", ("unit",), "per day",
             ("Corrupt staff (share)", "Share of the unit's active staff who act corruptly"),
             ("Pegawai korup (proporsi)", "Bagian pegawai aktif unit yang bertindak korup")),
    _outcome("perf_true", "share", "higher", "R2", "accountability", ("run", "step", "unit"),
             RUN_MEAN, ("Performance score, true (0-1)", "Share of cases truly within the standard"),
             ("Skor kinerja sebenarnya (0-1)", "Bagian berkas yang sungguh selesai dalam standar")),
    _outcome("perf_reported", "share", "none", "R2", "accountability", ("run", "step", "unit"),
             RUN_MEAN, ("Performance score, reported (0-1)", "Share of cases reported within the standard"),
             ("Skor kinerja dilaporkan (0-1)", "Bagian berkas yang dilaporkan selesai dalam standar")),
    _outcome("sakip_score_true", "points", "higher", "R2", "accountability", ("run",),
             "100 x the true performance score",
             ("SAKIP score, true (0-100)", "Performance accountability score from true results"),
             ("Nilai SAKIP sebenarnya (0-100)", "Nilai akuntabilitas kinerja dari hasil sebenarnya")),
    _outcome("sakip_score_reported", "points", "none", "R2", "accountability", ("run",),
             "100 x the reported performance score",
             ("SAKIP score, reported (0-100)", "Performance accountability score from reported results"),
             ("Nilai SAKIP dilaporkan (0-100)", "Nilai akuntabilitas kinerja dari hasil yang dilaporkan")),
    _outcome("quality", "share", "higher", "W4/R1", "satisfaction", ("run", "step"),
             "mean of the daily values after the warm-up (daily: weighted by resolved cases)",
             ("Case quality (0-1)", "Quality of the decisions in resolved cases"),
             ("Mutu penyelesaian berkas (0-1)", "Mutu keputusan pada berkas yang selesai")),
    _outcome("ikm", "points", "higher", "B2", "satisfaction", ("run", "step", "unit"),
             RATIO_OF_TOTALS,
             ("Citizen satisfaction IKM (25-100)", "Mean IKM score of citizens whose case ended"),
             ("Indeks Kepuasan Masyarakat IKM (25-100)",
              "Rata-rata nilai IKM warga yang berkasnya berakhir")),
    _outcome("innovations_adopted", "adoptions", "higher", "R4/B5", "innovation", ("run", "step"),
             "adoptions after the warm-up (daily: since the start)",
             ("Innovations adopted", "Adoptions of innovations by units"),
             ("Inovasi yang diadopsi", "Adopsi inovasi oleh unit")),
    _outcome("adoption_share", "share", "higher", "R4/B5", "innovation", ("run", "step"),
             "value on the last day",
             ("Units adopting innovations (share)", "Mean share of units using each innovation in use"),
             ("Unit yang mengadopsi inovasi (proporsi)",
              "Rata-rata bagian unit yang memakai setiap inovasi yang berlaku")),
    _outcome("reform_implementation", "share", "higher", "A1-A3", "reform", ("run", "step"),
             "value on the last day (NaN without a reform programme)",
             ("Reform implementation (share)", "Mean implementation of the reform over units"),
             ("Pelaksanaan reformasi (proporsi)", "Rata-rata pelaksanaan reformasi di seluruh unit")),
    _outcome("implementation", "share", "higher", "A1-A3", "reform", ("unit",), "per day",
             ("Reform implementation (share)", "The unit's implementation of the reform"),
             ("Pelaksanaan reformasi (proporsi)", "Pelaksanaan reformasi oleh unit")),
    _outcome("acceptance", "share", "higher", "A1", "reform", ("step",), "per day",
             ("Staff acceptance of the reform", "Mean acceptance of the reform over active staff"),
             ("Penerimaan pegawai terhadap reformasi",
              "Rata-rata penerimaan reformasi oleh pegawai aktif")),
)
_BY_NAME = {outcome.name: outcome for outcome in OUTCOMES}


def get_outcome(name: str) -> Outcome:
    """The outcome called ``name``; an unknown name is an input error."""
    try:
        return _BY_NAME[name]
    except KeyError:
        raise InputError("outcome", "name", name, "an outcome name, see `birosim outcomes`",
                         "unknown outcome") from None


def outcomes(level: str | None = None, group: str | None = None) -> tuple[Outcome, ...]:
    """The outcomes reported at ``level`` and/or in ``group`` (all by default), in registry order."""
    if level is not None and level not in LEVELS:
        raise InputError("outcomes", "level", level, " | ".join(LEVELS))
    if group is not None and group not in OUTCOME_GROUPS:
        raise InputError("outcomes", "group", group, " | ".join(OUTCOME_GROUPS))
    return tuple(
        outcome for outcome in OUTCOMES
        if (level is None or level in outcome.levels) and (group is None or outcome.group == group)
    )


def names(level: str) -> tuple[str, ...]:
    """The column names reported at ``level``, in registry order."""
    return tuple(outcome.name for outcome in outcomes(level=level))
