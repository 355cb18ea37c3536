"""Parameters of careers, staff at entry, the reform programme and citizens (A1-A3, B2)."""

from __future__ import annotations

from .registry import declare

careers = declare("careers", "lever")
careers_assumption = declare("careers", "parameter")
reform = declare("reform", "lever")
reform_assumption = declare("reform", "parameter")
citizens = declare("citizens", "parameter")

PLUCHINO = "Pluchino, Rapisarda & Garofalo 2010, Physica A 389:467"
GERRISH = "assumption; moderators: Gerrish 2016, Public Administration Review 76(1)"
IKM = "assumption; scale: PermenPANRB 14/2017 (IKM survey guideline)"


def _beta(key, default, high, what_en, what_id, side):
    """One shape parameter of a staff attribute's beta distribution."""
    en_side, id_side = side
    return careers_assumption(
        key, "-", default, 0.1, high,
        en=(f"{what_en} at entry, beta {en_side}",
            f"Shape {en_side} of the beta distribution of {what_en.lower()} at entry"),
        id=(f"{what_id} saat masuk, beta {id_side}",
            f"Parameter bentuk {id_side} distribusi beta {what_id.lower()} saat masuk"),
    )


PARAMETERS = (
    careers(
        "promotion", "-", "seniority", choices=("seniority", "merit", "lottery"),
        source=PLUCHINO,
        en=("Promotion rule", "How vacant posts are filled"),
        id=("Aturan promosi", "Cara jabatan kosong diisi"),
    ),
    careers_assumption(
        "competence_on_promotion", "-", "carried_over", choices=("carried_over", "redrawn"),
        source=PLUCHINO,
        en=("Competence on promotion", "Common-sense (carried over) or Peter hypothesis (redrawn)"),
        id=("Kompetensi saat promosi", "Hipotesis akal sehat (dibawa) atau hipotesis Peter (diundi ulang)"),
    ),
    careers(
        "training_days_per_year", "days per year", 2.0, 0, 60,
        source="PP 17/2020 (at least 20 lesson hours a year)",
        en=("Training days", "Training days per staff member per year"),
        id=("Hari pelatihan", "Hari pelatihan per pegawai per tahun"),
    ),
    careers_assumption(
        "training_effect", "skill per day", 0.01, 0, 0.2,
        en=("Training effect", "Skill a member of skill 1 gains per training day (less nearer the training ceiling)"),
        id=("Dampak pelatihan",
            "Keterampilan yang diperoleh pegawai berketerampilan 1 per hari pelatihan (makin kecil mendekati batas pelatihan)"),
    ),
    careers_assumption(
        "training_ceiling", "skill", 1.5, 1.01, 10,
        source=("assumption: about the 95th percentile of entry skill (exp(1.645 x 0.25) = 1.51); "
                "diminishing returns to training as on a learning curve"),
        en=("Training ceiling", "Skill training approaches but does not pass: each day gains less"),
        id=("Batas hasil pelatihan",
            "Keterampilan yang didekati pelatihan tanpa dilampaui: setiap hari hasilnya makin kecil"),
    ),
    careers_assumption(
        "retirement_age", "years", 58.0, 50, 70,
        source="UU 5/2014 on ASN (batas usia pensiun 58 for administrative posts)",
        en=("Retirement age", "Age at retirement"),
        id=("Batas usia pensiun", "Usia saat pensiun"),
    ),
    careers_assumption(
        "turnover_rate", "share per year", 0.01, 0, 0.5,
        en=("Turnover", "Yearly voluntary exit rate of a fully demotivated employee"),
        id=("Perputaran pegawai", "Laju keluar sukarela per tahun pegawai yang sama sekali tidak termotivasi"),
    ),
    careers(
        "recruitment_quality", "-", 0.0, -1, 1,
        en=("Recruitment quality", "Shift of new hires' skill (merit recruitment raises it)"),
        id=("Mutu rekrutmen", "Pergeseran keterampilan pegawai baru (seleksi berbasis merit menaikkannya)"),
    ),
    careers_assumption(
        "impression_noise", "skill sd", 0.5, 0, 5,
        en=("Supervisor's judgement error", "Sd of a supervisor's unmeasured judgement of skill"),
        id=("Galat penilaian atasan", "Simpangan baku penilaian atasan atas keterampilan tanpa pengukuran"),
    ),
    careers_assumption(
        "span_of_control", "staff per official", 8, 2, 30,
        en=("Span of control", "Staff per official in the establishment's pyramid of posts"),
        id=("Rentang kendali", "Jumlah pegawai per pejabat dalam piramida jabatan"),
    ),
    careers_assumption(
        "promotion_pay_step", "pay ratio", 1.25, 1, 3,
        en=("Pay step per grade", "Pay of a grade relative to the grade below"),
        id=("Kenaikan gaji per jenjang", "Gaji satu jenjang dibanding jenjang di bawahnya"),
    ),
    careers_assumption(
        "entry_pay_share", "share of unit pay", 0.9, 0.1, 2,
        en=("Entry pay", "Pay of a new front-line member as a share of the unit's salary"),
        id=("Gaji awal", "Gaji pegawai pelaksana baru sebagai bagian gaji unit"),
    ),
    careers_assumption(
        "skill_spread", "sd of log skill", 0.25, 0, 2,
        en=("Skill spread", "Sd of the log of skill at entry (lognormal around 1)"),
        id=("Sebaran keterampilan", "Simpangan baku logaritma keterampilan saat masuk (lognormal sekitar 1)"),
    ),
    careers_assumption(
        "recruitment_skill_shift", "log skill", 0.25, 0, 2,
        en=("Skill shift per recruitment quality", "Log-skill shift of hires per unit of recruitment quality"),
        id=("Pergeseran keterampilan per mutu rekrutmen",
            "Pergeseran logaritma keterampilan pegawai baru per satuan mutu rekrutmen"),
    ),
    careers_assumption(
        "skill_floor", "skill", 0.3, 0, 1,
        en=("Lowest skill", "Skill below which no civil servant is drawn"),
        id=("Keterampilan terendah", "Batas bawah keterampilan pegawai yang diundi"),
    ),
    careers_assumption(
        "skill_ceiling", "skill", 2.5, 1, 10,
        en=("Highest skill", "Skill above which no civil servant is drawn"),
        id=("Keterampilan tertinggi", "Batas atas keterampilan pegawai yang diundi"),
    ),
    careers_assumption(
        "entry_age_min", "years", 22.0, 18, 40,
        en=("Youngest entry age", "Youngest age of a new hire; tenure counts from it"),
        id=("Usia masuk termuda", "Usia termuda pegawai baru; masa kerja dihitung darinya"),
    ),
    careers_assumption(
        "entry_age_max", "years", 35.0, 18, 50,
        en=("Oldest entry age", "Oldest age of a new hire"),
        id=("Usia masuk tertua", "Usia tertua pegawai baru"),
    ),
    careers_assumption(
        "initial_age_min", "years", 23.0, 18, 70,
        en=("Youngest member at start", "Youngest age in the starting workforce"),
        id=("Usia termuda di awal", "Usia termuda pegawai pada awal simulasi"),
    ),
    careers_assumption(
        "initial_age_max", "years", 57.0, 18, 70,
        en=("Oldest member at start", "Oldest age in the starting workforce"),
        id=("Usia tertua di awal", "Usia tertua pegawai pada awal simulasi"),
    ),
    _beta("initial_motivation_a", 5.0, 50, "Motivation", "Motivasi", ("a", "a")),
    _beta("initial_motivation_b", 3.0, 50, "Motivation", "Motivasi", ("b", "b")),
    _beta("hire_motivation_a", 6.0, 50, "Hires' motivation", "Motivasi pegawai baru", ("a", "a")),
    _beta("hire_motivation_b", 3.0, 50, "Hires' motivation", "Motivasi pegawai baru", ("b", "b")),
    _beta("integrity_a", 4.0, 50, "Integrity", "Integritas", ("a", "a")),
    _beta("integrity_b", 2.0, 50, "Integrity", "Integritas", ("b", "b")),
    _beta("innovativeness_a", 2.0, 50, "Innovativeness", "Daya inovasi", ("a", "a")),
    _beta("innovativeness_b", 5.0, 50, "Innovativeness", "Daya inovasi", ("b", "b")),
    reform(
        "enabled", "-", False,
        source="Perpres 81/2010 (Grand Design Reformasi Birokrasi)",
        en=("Reform programme", "Whether a reform programme moves units from conventional practice"),
        id=("Program reformasi", "Apakah program reformasi menggeser unit dari praktik konvensional"),
    ),
    reform(
        "start_day", "day", 0, 0, 100_000,
        en=("Start day", "Day the programme starts"),
        id=("Hari mulai", "Hari program dimulai"),
    ),
    reform(
        "pilot_share", "share of units", 1.0, 0, 1,
        en=("Pilot share", "Share of units in the pilot (when no pilot units are named)"),
        id=("Porsi unit percontohan", "Bagian unit dalam percontohan (bila unit percontohan tidak disebut)"),
    ),
    reform(
        "pilot_units", "-", (),
        en=("Pilot units", "Unit ids of the pilot (empty = drawn by the pilot share)"),
        id=("Unit percontohan", "Id unit percontohan (kosong = dipilih menurut porsi percontohan)"),
    ),
    reform(
        "pilot_selection", "-", "random", choices=("random", "readiness"),
        en=("Pilot selection",
            "How the pilot share is filled: at random, or the units with the highest leader "
            "support x staff acceptance"),
        id=("Pemilihan percontohan",
            "Cara porsi percontohan diisi: acak, atau unit dengan dukungan pimpinan x penerimaan "
            "pegawai tertinggi"),
    ),
    reform(
        "scale_up_day", "day", 0, 0, 100_000,
        en=("Scale-up day", "Day every unit joins (0 = at start)"),
        id=("Hari perluasan", "Hari semua unit bergabung (0 = sejak awal)"),
    ),
    reform(
        "leadership_support", "share", 0.5, 0, 1,
        source=GERRISH,
        en=("Leadership support", "Leaders' backing of the programme (A3)"),
        id=("Dukungan pimpinan", "Dukungan pimpinan terhadap program (A3)"),
    ),
    reform(
        "culture_change", "share", 0.3, 0, 1,
        en=("Culture change", "Weight of peers' acceptance in each employee's own (A1)"),
        id=("Perubahan budaya", "Bobot penerimaan rekan kerja dalam penerimaan tiap pegawai (A1)"),
    ),
    reform_assumption(
        "initial_acceptance", "share", 0.4, 0, 1,
        en=("Initial acceptance", "Mean staff acceptance of the reform at its start"),
        id=("Penerimaan awal", "Rata-rata penerimaan pegawai terhadap reformasi di awal"),
    ),
    reform_assumption(
        "acceptance_concentration", "-", 6.0, 0.1, 100,
        en=("Concentration of acceptance", "Beta concentration (a + b) of staff acceptance at start"),
        id=("Konsentrasi penerimaan", "Konsentrasi beta (a + b) penerimaan pegawai di awal"),
    ),
    reform_assumption(
        "acceptance_rate", "share per month", 0.15, 0, 1,
        en=("Acceptance pace", "Share of the gap to the pull closed each month"),
        id=("Laju penerimaan", "Bagian selisih ke tarikan yang tertutup setiap bulan"),
    ),
    reform_assumption(
        "support_threshold", "share", 0.4, 0, 1,
        en=("Support threshold", "Leader support below which staff read the reform as paper"),
        id=("Ambang dukungan", "Dukungan pimpinan di bawahnya pegawai menganggap reformasi hanya di atas kertas"),
    ),
    reform_assumption(
        "leader_support_spread", "share", 0.15, 0, 1,
        en=("Spread of leader support", "Sd of leader support between units around the lever"),
        id=("Sebaran dukungan pimpinan", "Simpangan baku dukungan pimpinan antarunit"),
    ),
    reform_assumption(
        "training_push", "acceptance per day", 0.02, 0, 1,
        en=("Training push", "Acceptance gained per training day, toward 1 (A2)"),
        id=("Dorongan pelatihan", "Penerimaan yang diperoleh per hari pelatihan, menuju 1 (A2)"),
    ),
    reform_assumption(
        "reform_training_days", "days per year", 5.0, 0.1, 60,
        source=GERRISH,
        en=("Training the reform needs", "Training days a year the reform's new practices need (A2)"),
        id=("Pelatihan yang dibutuhkan reformasi", "Hari pelatihan per tahun yang dibutuhkan praktik baru (A2)"),
    ),
    reform_assumption(
        "credible_noise", "standard error", 0.05, 0.001, 1,
        source=GERRISH,
        en=("Noise of a credible measure", "Measurement error at which results are fully trusted"),
        id=("Galat ukuran yang kredibel", "Galat pengukuran yang membuat hasil sepenuhnya dipercaya"),
    ),
    citizens(
        "weight_timeliness", "weight", 0.45, 0, 1, source=IKM,
        en=("IKM weight of timeliness", "Weight of timeliness in the IKM score"),
        id=("Bobot ketepatan waktu IKM", "Bobot ketepatan waktu dalam nilai IKM"),
    ),
    citizens(
        "weight_quality", "weight", 0.30, 0, 1, source=IKM,
        en=("IKM weight of quality", "Weight of quality in the IKM score"),
        id=("Bobot mutu IKM", "Bobot mutu dalam nilai IKM"),
    ),
    citizens(
        "weight_integrity", "weight", 0.25, 0, 1, source=IKM,
        en=("IKM weight of integrity", "Weight of no illicit payment in the IKM score"),
        id=("Bobot integritas IKM", "Bobot tiadanya pungutan liar dalam nilai IKM"),
    ),
    citizens(
        "complaint_propensity", "probability", 0.3, 0, 1,
        en=("Complaint propensity", "Chance a citizen asked for pungli files a complaint"),
        id=("Kecenderungan mengadu", "Peluang warga yang dimintai pungli mengajukan pengaduan"),
    ),
    citizens(
        "wait_elasticity", "elasticity", 0.2, 0, 2,
        source=("Martin & Smith 1999, J. Public Econ. 71(1) and Martin et al. 2003, JRSS A 166(3): "
                "low elasticity of demand to waiting time, about 0.1-0.2, for NHS elective "
                "surgery; carrying it over to Indonesian public services is an assumption"),
        en=("Demand's elasticity to waiting",
            "How strongly applications fall as the expected lead time rises above the fastest possible "
            "(0 = a fixed stream of applications)"),
        id=("Elastisitas permintaan terhadap waktu tunggu",
            "Seberapa kuat permohonan turun bila waktu penyelesaian yang diharapkan melebihi waktu "
            "tercepat (0 = arus permohonan tetap)"),
    ),
    citizens(
        "reputation_days", "days", 60, 1, 250,
        en=("Memory of service speed",
            "Working days over which citizens' expected lead time follows what others experienced"),
        id=("Ingatan atas kecepatan layanan",
            "Hari kerja yang dibutuhkan harapan warga atas waktu penyelesaian untuk mengikuti pengalaman orang lain"),
    ),
)
