"""Parameters of corruption, contagion, detection and sanctions (W3, R5)."""

from __future__ import annotations

from .registry import declare

integrity = declare("integrity", "lever")
integrity_assumption = declare("integrity", "parameter")

BECKER = "Becker 1968, J. Political Economy 76(2)"
KLITGAARD = "Klitgaard 1988, Controlling Corruption"

PARAMETERS = (
    integrity(
        "audit_rate", "audits per unit-year", 0.5, 0, 12,
        en=("Audit rate", "Audits per unit per year"),
        id=("Frekuensi audit", "Jumlah audit per unit per tahun"),
    ),
    integrity_assumption(
        "audit_detection", "probability", 0.15, 0, 1,
        en=("Audit detection", "Chance an audit uncovers a given corrupt staff member"),
        id=("Daya ungkap audit", "Peluang satu audit mengungkap seorang pegawai yang korup"),
    ),
    integrity(
        "penalty_months", "months of pay", 3.0, 0, 60,
        source=BECKER,
        en=("Sanction severity", "Sanction severity, in months of pay lost"),
        id=("Beratnya sanksi", "Beratnya sanksi, dalam bulan gaji yang hilang"),
    ),
    integrity(
        "sanction_days", "days", 60, 0, 250,
        source="PP 94/2021 on civil servants' discipline",
        en=("Suspension length", "Working days a sanctioned staff member is suspended"),
        id=("Lama pemberhentian sementara", "Hari kerja pegawai yang disanksi diberhentikan sementara"),
    ),
    integrity(
        "complaint_channel", "probability", 0.1, 0, 1,
        en=("Complaint channel", "Transparency: chance a citizen's complaint reaches an investigator"),
        id=("Saluran pengaduan", "Transparansi: peluang pengaduan warga sampai ke pemeriksa"),
    ),
    integrity(
        "peer_reporting", "probability per month", 0.005, 0, 1,
        en=("Peer reporting", "Chance per month honest peers report a corrupt colleague"),
        id=("Pelaporan rekan kerja", "Peluang per bulan rekan jujur melaporkan rekan yang korup"),
    ),
    integrity_assumption(
        "peer_influence", "share", 0.8, 0, 1,
        source="Hammond 2000, Brookings CSED Working Paper 19",
        en=("Peer influence", "Weight of peers' corruption in lowering its moral cost"),
        id=("Pengaruh rekan kerja", "Bobot korupsi rekan kerja dalam menurunkan biaya moralnya"),
    ),
    integrity_assumption(
        "peer_cover", "share", 0.0, 0, 1,
        source="Andvig & Moene 1990, J. Economic Behavior & Organization 13(1)",
        en=("Peer cover",
            "How far corrupt colleagues shield each other from audits and complaint investigations"),
        id=("Saling melindungi",
            "Seberapa jauh rekan yang korup saling melindungi dari audit dan pemeriksaan pengaduan"),
    ),
    integrity(
        "discretion_multiplier", "-", 1.0, 0, 2,
        source=KLITGAARD,
        en=("Discretion", "Scales every unit's discretion (SOPs and e-services lower it)"),
        id=("Diskresi", "Pengali diskresi setiap unit (SOP dan layanan elektronik menurunkannya)"),
    ),
    integrity_assumption(
        "discretion_per_delegation", "-", 0.5, 0, 2,
        source=KLITGAARD + "; assumption: half of what the removed sign-off layers decided "
               "becomes the front line's discretion",
        en=("Discretion from delegation", "How much a fully delegated unit's discretion rises: "
            "delegation takes away the layers that checked the front line"),
        id=("Diskresi dari pendelegasian", "Seberapa jauh diskresi unit yang didelegasikan "
            "penuh naik: pendelegasian menghapus lapisan yang memeriksa petugas depan"),
    ),
    integrity(
        "monopoly_multiplier", "-", 1.0, 0, 2,
        source=KLITGAARD,
        en=("Monopoly", "Scales every unit's monopoly (alternative channels lower it)"),
        id=("Monopoli", "Pengali monopoli setiap unit (saluran alternatif menurunkannya)"),
    ),
    integrity_assumption(
        "bribe_rp_per_case_hour", "Rp per case-hour", 100_000.0, 0, 1e8,
        en=("Bribe size", "Illicit payment per act, per staff-hour of the case"),
        id=("Besaran pungutan liar", "Pembayaran tidak sah per tindakan, per jam kerja berkas"),
    ),
    integrity_assumption(
        "pay_bargaining", "share of bribe", 0.5, 0, 5,
        source="Khan, Khwaja & Olken 2016, Q. J. Economics 131(1) (sign); size: assumption",
        en=("Bargaining power from pay for results",
            "Extra bribe a corrupt member can ask per unit of allowance tied to the measured "
            "quantity (the threat of a higher assessment or a slower file becomes credible)"),
        id=("Daya tawar dari tunjangan berbasis hasil",
            "Tambahan pungutan yang dapat diminta pegawai korup per satuan tunjangan yang "
            "terkait besaran terukur (ancaman penetapan lebih tinggi atau berkas diperlambat "
            "menjadi kredibel)"),
    ),
    integrity_assumption(
        "moral_cost_months", "months of pay", 1.5, 0, 60,
        en=("Moral cost", "Moral cost of corruption for integrity 1, in months of pay"),
        id=("Biaya moral", "Biaya moral korupsi bagi pegawai berintegritas 1, dalam bulan gaji"),
    ),
    integrity_assumption(
        "initial_corruption", "share", 0.5, 0, 1,
        en=("Expected corruption at start", "Share of corrupt colleagues staff expect at the start"),
        id=("Korupsi yang diharapkan di awal", "Bagian rekan korup yang diperkirakan pegawai di awal"),
    ),
    integrity_assumption(
        "reconsider_share", "share per month", 0.25, 0, 1,
        en=("Monthly reconsideration", "Share of staff who re-weigh their choice in a month"),
        id=("Pertimbangan ulang bulanan", "Bagian pegawai yang menimbang ulang pilihannya dalam sebulan"),
    ),
    integrity_assumption(
        "decision_noise", "sd of log gain", 0.5, 0, 5,
        en=("Temptation spread", "Standard deviation of the log of idiosyncratic gains"),
        id=("Sebaran godaan", "Simpangan baku logaritma keuntungan pribadi tiap berkas"),
    ),
    integrity_assumption(
        "approval_fee_share", "share", 0.5, 0, 1,
        en=("Sign-off fee share", "How often sign-off fees are asked, relative to front-line payments"),
        id=("Porsi pungutan persetujuan", "Seberapa sering pungutan persetujuan diminta dibanding pungutan di loket"),
    ),
    integrity_assumption(
        "complaint_follow_up", "probability", 0.005, 0, 1,
        en=("Complaint follow-up", "Chance an investigated complaint proves the act"),
        id=("Tindak lanjut pengaduan", "Peluang pengaduan yang diperiksa membuktikan tindakan"),
    ),
    integrity_assumption(
        "sanction_motivation_factor", "share of motivation", 0.8, 0, 1,
        en=("Motivation kept after a sanction", "Share of motivation a sanctioned member keeps"),
        id=("Motivasi tersisa setelah sanksi", "Bagian motivasi yang tersisa pada pegawai yang disanksi"),
    ),
)
