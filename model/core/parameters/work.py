"""Parameters of casework and sign-off, goals and routine, and budgeting (W1, W2, W4, R1, R3)."""

from __future__ import annotations

from .registry import declare

service = declare("service", "lever")
service_assumption = declare("service", "parameter")
goals = declare("goals", "lever")
goals_assumption = declare("goals", "parameter")
budget = declare("budget", "lever")
budget_assumption = declare("budget", "parameter")

PARAMETERS = (
    service_assumption(
        "hours_per_day", "h", 7.5, 1, 12,
        en=("Working hours per day", "Paid working hours per staff-day"),
        id=("Jam kerja per hari", "Jam kerja berbayar per pegawai per hari"),
    ),
    service_assumption(
        "absence_rate", "share", 0.08, 0, 0.5,
        en=("Staff absence rate", "Daily probability a staff member is away (leave, sick, travel)"),
        id=("Tingkat ketidakhadiran pegawai",
            "Peluang harian seorang pegawai tidak hadir (cuti, sakit, dinas luar)"),
    ),
    service_assumption(
        "official_absence_rate", "share", 0.15, 0, 0.9,
        en=("Official absence rate", "Daily probability an official is away (meetings, travel)"),
        id=("Tingkat ketidakhadiran pejabat",
            "Peluang harian seorang pejabat tidak di tempat (rapat, dinas luar)"),
    ),
    service_assumption(
        "approval_capacity_ratio", "sign-offs per case", 2.0, 0.5, 20,
        en=("Sign-off capacity",
            "Sign-offs a fully staffed layer can give, per case of the unit's base demand"),
        id=("Kapasitas persetujuan",
            "Persetujuan yang dapat diberikan satu lapis jabatan lengkap, per berkas permintaan dasar unit"),
    ),
    service(
        "delegation", "share", 0.0, 0, 1,
        source="Glynn, Greve & Rao 2020 (approval layers and resolution times)",
        en=("Delegation of sign-off", "Share of sign-off layers above the first that are delegated away"),
        id=("Pendelegasian persetujuan",
            "Bagian lapis persetujuan di atas lapis pertama yang didelegasikan"),
    ),
    service_assumption(
        "rework_at_zero_quality", "share", 0.2, 0, 0.9,
        en=("Rework at zero quality", "Share of worked cases found incomplete when quality is 0"),
        id=("Berkas kembali pada mutu nol",
            "Bagian berkas yang ternyata tidak lengkap bila mutu kerja 0"),
    ),
    service_assumption(
        "citizen_patience_days", "days", 120, 1, 250,
        en=("Citizen patience", "Working days a citizen waits for casework before withdrawing"),
        id=("Kesabaran warga", "Hari kerja warga menunggu berkasnya dikerjakan sebelum mundur"),
    ),
    service_assumption(
        "seasonality", "share of mean", 0.1, 0, 0.9,
        en=("Demand seasonality", "Amplitude of the yearly demand cycle"),
        id=("Musiman permintaan", "Amplitudo siklus tahunan permintaan layanan"),
    ),
    service_assumption(
        "demand_multiplier", "-", 1.0, 0, 10,
        en=("Demand multiplier", "Multiplier on every unit's daily demand"),
        id=("Pengali permintaan", "Pengali permintaan harian setiap unit"),
    ),
    service_assumption(
        "drive_base", "share of hours", 0.8, 0, 1,
        en=("Casework pace of an unmotivated member",
            "Share of a front-line member's hours that count as casework at motivation 0"),
        id=("Laju kerja pegawai tanpa motivasi",
            "Bagian jam pegawai pelaksana yang efektif untuk berkas pada motivasi 0"),
    ),
    service_assumption(
        "drive_slope", "share of hours", 0.2, 0, 1,
        en=("Pace gained with motivation",
            "Extra share of hours that count as casework at motivation 1"),
        id=("Tambahan laju dari motivasi",
            "Tambahan bagian jam efektif untuk berkas pada motivasi 1"),
    ),
    goals(
        "goal_setting", "share", 0.0, 0, 1,
        en=("Goal cascading", "Strength of goal cascading: moves unit goal clarity toward 1"),
        id=("Penjenjangan sasaran", "Kekuatan penjenjangan sasaran: menaikkan kejelasan sasaran unit ke 1"),
    ),
    goals_assumption(
        "routine_overhead", "share of hours", 0.30, 0, 0.8,
        en=("Routine overhead", "Share of hours lost to procedure in a unit with no clear goals"),
        id=("Beban rutinitas", "Bagian jam yang habis untuk prosedur di unit tanpa sasaran jelas"),
    ),
    goals_assumption(
        "base_overhead", "share of hours", 0.06, 0, 0.5,
        en=("Base administration", "Share of hours on unavoidable administration"),
        id=("Administrasi dasar", "Bagian jam untuk administrasi yang tidak terhindarkan"),
    ),
    goals_assumption(
        "max_overhead", "share of hours", 0.85, 0, 1,
        en=("Largest overhead", "Cap on the share of hours that overhead of every kind can take"),
        id=("Beban tambahan terbesar", "Batas bagian jam yang dapat diambil seluruh beban non-layanan"),
    ),
    budget(
        "mode", "-", "incremental", choices=("incremental", "performance"),
        source="Parkinson 1955 (incremental budgeting)",
        en=("Budgeting mode", "How the yearly establishment is set"),
        id=("Cara penganggaran", "Cara formasi tahunan ditetapkan"),
    ),
    budget_assumption(
        "incremental_growth", "share per year", 0.05, 0, 0.3,
        source="Parkinson 1955: Admiralty 5.6 %/yr, Colonial Office 5.24 %/yr",
        en=("Incremental growth", "Customary yearly budget increment under incremental mode"),
        id=("Pertumbuhan inkremental", "Kenaikan anggaran tahunan yang lazim pada penganggaran inkremental"),
    ),
    budget_assumption(
        "coordination_overhead", "share of hours", 0.15, 0, 1,
        source="Parkinson 1955 (officials make work for each other)",
        en=("Coordination overhead", "Overhead share added per doubling of officials"),
        id=("Beban koordinasi", "Tambahan bagian jam untuk setiap penggandaan jumlah pejabat"),
    ),
    budget_assumption(
        "subordinate_ambition", "share of establishment", 0.25, 0, 2,
        source="Parkinson 1955 (an official wants to multiply subordinates, not rivals)",
        en=("Subordinate ambition", "Subordinates officials ask for on top of perceived need"),
        id=("Ambisi bawahan", "Tambahan bawahan yang diminta pejabat di atas kebutuhan yang dirasakan"),
    ),
    budget(
        "performance_slack", "share of workload", 0.25, 0, 1,
        en=("Performance slack", "Spare capacity performance budgeting funds above workload"),
        id=("Cadangan kapasitas", "Kapasitas cadangan yang didanai penganggaran kinerja di atas beban kerja"),
    ),
    budget(
        "max_yearly_change", "share per year", 0.10, 0, 0.5,
        en=("Largest yearly change", "Largest yearly establishment change in performance mode"),
        id=("Perubahan tahunan terbesar", "Perubahan formasi tahunan terbesar pada penganggaran kinerja"),
    ),
    budget_assumption(
        "allowance_share_of_pay", "share of pay", 0.4, 0, 1,
        en=("Allowance share of pay", "Share of take-home pay that is allowance (tunjangan, TPP)"),
        id=("Porsi tunjangan dalam penghasilan", "Bagian penghasilan yang berupa tunjangan (TPP)"),
    ),
    budget_assumption(
        "expected_attrition", "share per year", 0.04, 0, 0.3,
        en=("Expected attrition", "Yearly retirements and exits that recruitment must cover"),
        id=("Perkiraan pegawai keluar", "Pensiun dan keluar per tahun yang harus ditutup rekrutmen"),
    ),
    budget_assumption(
        "backlog_clearance_days", "days", 60, 1, 250,
        en=("Backlog clearance time", "Days in which performance budgeting plans to clear a backlog"),
        id=("Waktu penyelesaian tunggakan", "Hari yang direncanakan penganggaran kinerja untuk menuntaskan tunggakan"),
    ),
    budget_assumption(
        "cut_motivation_loss", "share per share cut", 0.3, 0, 1,
        en=("Motivation lost to a cut", "Motivation lost per share of budget cut"),
        id=("Motivasi hilang karena pemotongan", "Motivasi yang hilang per bagian anggaran yang dipotong"),
    ),
)
