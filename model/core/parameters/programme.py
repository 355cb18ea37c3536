"""Parameters of what each formal measure needs to run and what it costs (issue: an honest model).

A formal rule on paper works only as far as people with time and skill run it: auditors of the
inspectorate (APIP), complaint handlers, the staff who run a measurement system and the leaders
who read it. Each measure costs staff hours (through the unit's overhead) and/or Rupiah booked
as programme spending. Unit costs are from the Ministry of Finance's input cost standard for
2024 (Standar Biaya Masukan, PMK 49/2023) where it has the item, otherwise assumptions, said so.
"""

from __future__ import annotations

from .registry import declare

integrity = declare("integrity", "lever")
integrity_assumption = declare("integrity", "parameter")
measurement_assumption = declare("measurement", "parameter")
careers_assumption = declare("careers", "parameter")
goals_assumption = declare("goals", "parameter")
reform_assumption = declare("reform", "parameter")

SBM_2024 = "Standar Biaya Masukan TA 2024 (PMK 49/2023)"
APIP = "PP 60/2008 (SPIP: the inspectorate, APIP, audits the units of its government)"
SP4N = "Perpres 76/2013 and PermenPANRB 62/2018 (complaint handling, SP4N-LAPOR!)"

PARAMETERS = (
    integrity(
        "auditor_staffing", "share", 1.0, 0, 3,
        source=f"assumption; {APIP}",
        en=("Auditor staffing",
            "Auditor-days the inspectorate (APIP) has, as a share of what its audit plan needs"),
        id=("Kecukupan auditor",
            "Hari-auditor yang dimiliki inspektorat (APIP), sebagai bagian dari kebutuhan rencana auditnya"),
    ),
    integrity(
        "auditor_skill", "-", 1.0, 0, 3,
        source=f"assumption; {APIP}",
        en=("Auditor skill",
            "Scales the chance one audit uncovers a corrupt member (1 = the model's reference team)"),
        id=("Kecakapan auditor",
            "Pengali peluang satu audit mengungkap pegawai yang korup (1 = tim acuan model)"),
    ),
    integrity_assumption(
        "auditor_days_per_audit", "auditor-days", 40.0, 1, 1000,
        en=("Auditor-days per audit", "Auditor-days one audit of a unit takes (a team of 4 for 10 days)"),
        id=("Hari-auditor per audit", "Hari-auditor untuk satu audit unit (tim 4 orang selama 10 hari)"),
    ),
    integrity_assumption(
        "auditor_day_cost_rp", "Rp per auditor-day", 660_000.0, 0, 1e9,
        source=f"{SBM_2024}: in-town daily allowance Rp 140,000-230,000; plus an auditor's pay "
               "of about Rp 9.5 million a month over 21 working days (assumption)",
        en=("Cost of an auditor-day", "Pay and daily allowance of one auditor for one day"),
        id=("Biaya satu hari-auditor", "Gaji dan uang harian seorang auditor untuk satu hari"),
    ),
    integrity(
        "complaint_staffing", "share", 1.0, 0, 3,
        source=f"assumption; {SP4N}",
        en=("Complaint handler staffing",
            "Handler hours a unit assigns, as a share of what its complaint channel on paper needs"),
        id=("Kecukupan pengelola pengaduan",
            "Jam pengelola pengaduan yang disediakan unit, sebagai bagian dari kebutuhan saluran pengaduannya"),
    ),
    integrity_assumption(
        "complaint_hours", "staff hours per complaint", 8.0, 0, 200,
        source=f"assumption; {SP4N}",
        en=("Hours per complaint", "Staff hours to investigate one complaint that reaches the channel"),
        id=("Jam per pengaduan", "Jam kerja untuk memeriksa satu pengaduan yang sampai ke saluran"),
    ),
    integrity_assumption(
        "complaint_investigation_rp", "Rp per complaint", 210_000.0, 0, 1e9,
        source=f"{SBM_2024}: in-town daily allowance for more than 8 hours, DKI Jakarta",
        en=("Cost of an investigation", "Field check of one complaint (a day's in-town allowance)"),
        id=("Biaya pemeriksaan pengaduan", "Pemeriksaan lapangan satu pengaduan (uang harian dalam kota)"),
    ),
    measurement_assumption(
        "system_cost_rp_per_unit_year", "Rp per unit-year", 25_000_000.0, 0, 1e12,
        en=("Cost of the measurement system",
            "Yearly cost of a unit's performance reporting system at full intensity (application, "
            "data collection, verification)"),
        id=("Biaya sistem pengukuran",
            "Biaya tahunan sistem pelaporan kinerja satu unit pada intensitas penuh (aplikasi, "
            "pengumpulan data, verifikasi)"),
    ),
    careers_assumption(
        "training_cost_rp_per_person_day", "Rp per person-day", 380_000.0, 0, 1e9,
        source=f"{SBM_2024}: training allowance (uang diklat) Rp 110,000-170,000 a day and "
               "meeting meals Rp 71,000; trainers and venue about Rp 150,000 (assumption)",
        en=("Cost of a training day", "Cost of one staff member's training day"),
        id=("Biaya satu hari pelatihan", "Biaya satu hari pelatihan seorang pegawai"),
    ),
    goals_assumption(
        "goal_setting_days", "days per official-year", 2.0, 0, 30,
        source="assumption; PermenPANRB 53/2014 (performance agreements, cascading)",
        en=("Goal-setting days", "Workshop days a year each official spends on cascading goals at full goal setting"),
        id=("Hari penetapan sasaran", "Hari lokakarya per tahun tiap pejabat untuk menurunkan sasaran pada penetapan sasaran penuh"),
    ),
    goals_assumption(
        "goal_setting_cost_rp_per_day", "Rp per official-day", 142_000.0, 0, 1e9,
        source=f"{SBM_2024}: meeting meals Rp 71,000 a sitting, two a day",
        en=("Cost of a goal-setting day", "Cost of one official's day in a goal-setting workshop"),
        id=("Biaya satu hari penetapan sasaran", "Biaya satu hari seorang pejabat dalam lokakarya penetapan sasaran"),
    ),
    reform_assumption(
        "measurement_skill", "relative skill", 1.0, 0.1, 3,
        source="assumption; Gerrish 2016, Public Administration Review 76(1) (good practice)",
        en=("Skill a measurement system needs",
            "Mean staff skill at which a unit runs its performance measurement in full"),
        id=("Kecakapan yang dibutuhkan sistem pengukuran",
            "Rata-rata kecakapan pegawai agar unit menjalankan pengukuran kinerjanya sepenuhnya"),
    ),
    reform_assumption(
        "reading_support", "share", 0.6, 0.01, 1,
        source="assumption; Gerrish 2016, Public Administration Review 76(1) (leaders' use of results)",
        en=("Leader support to read results",
            "Leader support at which leaders read and act on every results report"),
        id=("Dukungan pimpinan untuk membaca hasil",
            "Dukungan pimpinan agar pimpinan membaca dan menindaklanjuti setiap laporan hasil"),
    ),
)
