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
        "coordination_overhead", "share of hours", 0.15, 0, 1,
        source="Parkinson 1955 (officials make work for each other)",
        en=("Coordination overhead", "Overhead share added per doubling of officials"),
        id=("Beban koordinasi", "Tambahan bagian jam untuk setiap penggandaan jumlah pejabat"),
    ),
    budget_assumption(
        "subordinates_per_request", "posts per request", 2.0, 0, 10,
        source="Parkinson 1955 (an overworked official asks for two subordinates, not one rival)",
        en=("Subordinates per request",
            "Posts an official who feels overworked asks for (never one: a rival)"),
        id=("Bawahan per usulan",
            "Formasi yang diusulkan pejabat yang merasa kewalahan (tidak pernah satu: pesaing)"),
    ),
    budget_assumption(
        "years_in_post", "years", 5.0, 1, 40,
        source=("assumption: an official asks for subordinates once per post at a felt load of 1; "
                "posts change about once a local-election cycle (5 years: reshuffles follow "
                "elections)"),
        en=("Years in a post",
            "Years an official holds a post; a newly posted official asks for subordinates"),
        id=("Masa jabatan",
            "Tahun seorang pejabat memegang jabatan; pejabat baru mengusulkan bawahan"),
    ),
    budget(
        "formasi_share", "share of requested posts", 0.25, 0, 1,
        source=("assumption: most regional growth since 2005 ran through honorer, not formasi "
                "(BKN non-ASN data collection, Oct 2022: 1,879,903 regional non-ASN beside about "
                "3.3 million regional ASN); 0 = moratorium"),
        en=("Formasi granted",
            "Share of requested civil-servant posts (CPNS, PPPK) the national formasi grants; "
            "0 = moratorium"),
        id=("Formasi yang disetujui",
            "Bagian usulan formasi ASN (CPNS, PPPK) yang ditetapkan secara nasional; "
            "0 = moratorium"),
    ),
    budget(
        "personnel_cap", "share of regional spending", 0.30, 0, 1,
        source="UU 1/2022 on HKPD, art. 146 (belanja pegawai at most 30 % of APBD spending)",
        en=("Personnel spending cap",
            "Largest share of regional spending the civil servants' pay bill may take; "
            "1 = no cap"),
        id=("Batas belanja pegawai",
            "Bagian terbesar belanja daerah yang boleh dipakai belanja pegawai ASN; 1 = tanpa batas"),
    ),
    budget_assumption(
        "personnel_share_at_start", "share of regional spending", 0.25, 0.01, 1,
        en=("Personnel share at the start",
            "The starting pay bill as a share of regional spending (sets the spending base)"),
        id=("Porsi belanja pegawai awal",
            "Belanja pegawai awal sebagai bagian belanja daerah (menentukan basis belanja)"),
    ),
    budget(
        "honorer_hiring", "share of ungranted posts", 1.0, 0, 1,
        source=("PP 48/2005 and UU 20/2023 art. 66 ban new non-ASN hires; 1 = the ban is not "
                "enforced, as 2005-2022 (BKN Oct 2022: 2,215,542 non-ASN); 0 = ban enforced"),
        en=("Honorer hiring",
            "Share of requested posts not granted as civil servants that units fill with "
            "honorary staff they pay themselves; 0 = ban enforced"),
        id=("Pengangkatan honorer",
            "Bagian usulan yang tidak mendapat formasi ASN yang diisi unit dengan tenaga "
            "honorer yang dibayarnya sendiri; 0 = larangan ditegakkan"),
    ),
    budget_assumption(
        "honorer_pay_share", "share of entry pay", 0.4, 0, 2,
        en=("Honorer pay", "Honorary staff's pay as a share of a civil servant's entry pay"),
        id=("Honor tenaga honorer",
            "Honor tenaga honorer sebagai bagian penghasilan awal seorang ASN"),
    ),
    budget(
        "envelope_rp_per_year", "Rp per year", 0.0, 0, 1e15,
        en=("Budget envelope",
            "Yearly total cost (staff bill + programme spending) the organisation is held to "
            "by recruitment; 0 = free"),
        id=("Pagu anggaran",
            "Biaya total per tahun (belanja pegawai + belanja program) yang menjadi batas "
            "organisasi lewat rekrutmen; 0 = bebas"),
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
        "performance_deadband", "share of need", 0.10, 0, 0.5,
        source=("assumption, narrower than the band workload analysis rates good (rating B, "
                "'baik': workload filling about 80-100 % of effective hours; KepMenPAN 75/2004, "
                "PermenPANRB 1/2020 on analisis beban kerja)"),
        en=("Staffing deadband",
            "Performance budgeting cuts no posts while a unit's posts exceed what its workload "
            "needs by at most this share"),
        id=("Pita toleransi formasi",
            "Penganggaran kinerja tidak memotong formasi selama formasi unit melebihi kebutuhan "
            "beban kerjanya paling banyak sebesar bagian ini"),
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
