"""Generate the shipped birosim organisation data sets (classroom, kabupaten, template).

Run from the repository root:

    .venv/bin/python scenarios/organisations/generate.py

The output is fully deterministic (pure tables, no random numbers), so running
the script again rewrites byte-identical CSV files. All numbers are synthetic
assumptions calibrated to public aggregates; see README.md in this folder.

How daily_demand is set: for each unit we choose staff, hours per case and a
target case-work utilisation (rho). daily_demand is then derived as
    daily_demand = rho_target * casework_hours(unit) / work_hours_per_case
where casework_hours is what the model gives the unit's front-line staff at the
start of a run (see casework_hours below)
(rounded to 0.1), and the check below recomputes rho from the written values.
"""
import csv
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent

COLUMNS = [
    "unit_id", "unit_name", "parent_org", "staff", "daily_demand",
    "approval_layers", "service_standard_days", "work_hours_per_case",
    "goal_clarity", "monopoly", "discretion", "salary_rp_month",
]

# Balance rule of the model: officials (a pyramid with a span of control of 8,
# at least one per sign-off layer) do no case work; front-line staff work
# 7.5 h/day, minus 8 % absence, 8 % lower pace and the overhead share
# 0.09 + 0.30 * (1 - goal_clarity) (birosim.core.submodels.goals).
HOURS_PER_FRONT_STAFF = 7.5 * 0.92 * 0.92
SPAN_OF_CONTROL = 8
# Template rows are written with a round demand; this is the rough share of
# staff-hours available for case work used to size them.
CAPACITY_H_PER_STAFF = 0.88 * 7.5 * 0.6
RHO_BOUNDS = {"citizen": (0.55, 0.92), "internal": (0.40, 0.80)}

# Row layout of the tables below:
# (unit_id, unit_name, staff, work_hours_per_case, approval_layers,
#  service_standard_days, goal_clarity, monopoly, discretion,
#  salary in million Rp/month, rho_target, kind)
# kind: "citizen" = citizen-facing unit, "internal" = support unit whose
# "cases" are requests from other units (letters, SK, audits, payments ...).

CLASSROOM_PARENT = "Kantor Pelayanan Contoh Nusantara"  # fictional agency
CLASSROOM = [
    ("LOKET", "Loket Pelayanan Terpadu", 24, 0.35, 1, 1.0, 0.60, 0.80, 0.20, 5.2, 0.80, "citizen"),
    ("PERIZINAN", "Seksi Perizinan", 26, 3.00, 4, 10.0, 0.50, 0.90, 0.60, 6.0, 0.85, "citizen"),
    ("REGISTRASI", "Seksi Registrasi dan Pendataan", 22, 0.80, 2, 3.0, 0.60, 0.90, 0.20, 5.5, 0.70, "citizen"),
    ("KEUANGAN", "Subbagian Keuangan", 12, 1.50, 3, 3.0, 0.40, 1.00, 0.30, 6.0, 0.60, "internal"),
    ("SEKRETARIAT", "Sekretariat dan Tata Usaha", 16, 1.20, 3, 5.0, 0.30, 1.00, 0.40, 6.2, 0.55, "internal"),
]

KABUPATEN_PARENT = "Pemkab Contoh"  # synthetic district, not a real kabupaten
KABUPATEN = [
    # --- secretariats, oversight and support agencies (internal cases) ---
    ("SETDA", "Sekretariat Daerah", 230, 3.00, 5, 5.0, 0.30, 0.90, 0.50, 8.5, 0.65, "internal"),
    ("SETWAN", "Sekretariat Dewan Perwakilan Rakyat Daerah", 70, 2.50, 4, 5.0, 0.30, 1.00, 0.40, 8.0, 0.55, "internal"),
    ("INSPEKTORAT", "Inspektorat Daerah", 55, 16.00, 4, 20.0, 0.50, 0.90, 0.50, 8.5, 0.60, "internal"),
    ("BAPPEDA", "Badan Perencanaan Pembangunan Daerah", 50, 5.00, 4, 10.0, 0.50, 0.90, 0.50, 8.0, 0.60, "internal"),
    ("BKPSDM", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", 50, 1.50, 4, 14.0, 0.40, 1.00, 0.50, 7.8, 0.70, "internal"),
    ("BPKAD", "Badan Pengelolaan Keuangan dan Aset Daerah", 75, 2.00, 3, 3.0, 0.50, 1.00, 0.40, 8.5, 0.75, "internal"),
    ("DISKOMINFO", "Dinas Komunikasi dan Informatika", 40, 2.00, 3, 5.0, 0.40, 0.60, 0.20, 7.0, 0.60, "internal"),
    ("DISARSIP", "Dinas Kearsipan", 25, 1.50, 2, 3.0, 0.20, 0.90, 0.10, 6.5, 0.50, "internal"),
    # --- citizen-facing agencies and dinas ---
    ("BAPENDA", "Badan Pendapatan Daerah", 70, 0.80, 3, 3.0, 0.80, 0.95, 0.50, 8.5, 0.70, "citizen"),
    ("DISDIK", "Dinas Pendidikan dan Kebudayaan", 3480, 2.00, 1, 1.0, 0.50, 0.60, 0.30, 6.8, 0.80, "citizen"),
    ("DINKES", "Dinas Kesehatan", 1000, 0.75, 1, 1.0, 0.60, 0.60, 0.30, 6.5, 0.80, "citizen"),
    ("RSUD", "Rumah Sakit Umum Daerah", 560, 2.00, 2, 2.0, 0.60, 0.50, 0.40, 7.5, 0.85, "citizen"),
    ("DPUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", 110, 10.00, 5, 28.0, 0.50, 0.90, 0.60, 7.5, 0.70, "citizen"),
    ("DPERKIM", "Dinas Perumahan dan Kawasan Permukiman", 50, 4.00, 4, 14.0, 0.40, 0.80, 0.40, 7.0, 0.65, "citizen"),
    ("DINSOS", "Dinas Sosial", 45, 1.20, 3, 5.0, 0.50, 0.90, 0.50, 6.8, 0.80, "citizen"),
    ("DISDUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil", 60, 0.45, 2, 3.0, 0.70, 1.00, 0.20, 7.0, 0.88, "citizen"),
    ("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", 40, 4.00, 4, 14.0, 0.60, 0.95, 0.40, 7.2, 0.75, "citizen"),
    ("DISHUB", "Dinas Perhubungan", 70, 1.00, 3, 3.0, 0.40, 0.80, 0.50, 6.8, 0.70, "citizen"),
    ("DLH", "Dinas Lingkungan Hidup", 85, 4.00, 4, 14.0, 0.40, 0.90, 0.50, 6.8, 0.65, "citizen"),
    ("DISTAN", "Dinas Pertanian", 150, 2.50, 2, 5.0, 0.50, 0.70, 0.50, 6.8, 0.70, "citizen"),
    ("DISKAN", "Dinas Perikanan", 45, 2.00, 3, 7.0, 0.50, 0.70, 0.40, 6.8, 0.60, "citizen"),
    ("DISKOPUKM", "Dinas Koperasi Usaha Kecil dan Menengah", 35, 2.00, 3, 7.0, 0.40, 0.60, 0.40, 6.8, 0.60, "citizen"),
    ("DISNAKER", "Dinas Tenaga Kerja", 35, 1.00, 3, 5.0, 0.40, 0.80, 0.30, 6.8, 0.65, "citizen"),
    ("DISPAR", "Dinas Pariwisata", 35, 2.50, 3, 7.0, 0.40, 0.30, 0.30, 6.8, 0.56, "citizen"),
    ("DISPUS", "Dinas Perpustakaan", 25, 0.25, 1, 1.0, 0.30, 0.20, 0.10, 6.5, 0.56, "citizen"),
    ("DPMD", "Dinas Pemberdayaan Masyarakat dan Desa", 35, 4.00, 4, 10.0, 0.40, 0.90, 0.50, 7.0, 0.65, "citizen"),
    ("SATPOLPP", "Satuan Polisi Pamong Praja", 90, 3.00, 3, 5.0, 0.30, 0.90, 0.60, 5.5, 0.60, "citizen"),
    ("BPBD", "Badan Penanggulangan Bencana Daerah", 40, 3.00, 3, 3.0, 0.50, 0.90, 0.40, 6.8, 0.56, "citizen"),
    ("KESBANGPOL", "Badan Kesatuan Bangsa dan Politik", 25, 2.00, 3, 7.0, 0.20, 1.00, 0.30, 6.8, 0.56, "citizen"),
    ("DP3AKB", "Dinas Pemberdayaan Perempuan Perlindungan Anak dan Keluarga Berencana", 60, 2.00, 3, 7.0, 0.50, 0.70, 0.30, 6.5, 0.60, "citizen"),
    ("DISPORA", "Dinas Pemuda dan Olahraga", 30, 2.00, 3, 5.0, 0.30, 0.50, 0.30, 6.8, 0.56, "citizen"),
    ("DISKETAPANG", "Dinas Ketahanan Pangan", 35, 2.50, 3, 10.0, 0.40, 0.70, 0.40, 6.8, 0.60, "citizen"),
    # --- example kecamatan offices (PATEN front offices) ---
    ("KEC_KOTA", "Kecamatan Kota Contoh", 45, 0.60, 3, 3.0, 0.40, 0.90, 0.30, 6.0, 0.85, "citizen"),
    ("KEC_UTARA", "Kecamatan Contoh Utara", 35, 0.60, 3, 3.0, 0.40, 0.90, 0.30, 6.0, 0.70, "citizen"),
    ("KEC_SELATAN", "Kecamatan Contoh Selatan", 35, 0.60, 3, 3.0, 0.40, 0.90, 0.30, 6.0, 0.65, "citizen"),
    ("KEC_PESISIR", "Kecamatan Contoh Pesisir", 30, 0.60, 3, 3.0, 0.40, 0.90, 0.30, 6.0, 0.60, "citizen"),
]

# Template: two obviously illustrative rows for planners to overwrite. Here the
# rho target is written so that daily_demand comes out as round 50.0 and 10.0.
TEMPLATE_PARENT = "Instansi Contoh"
TEMPLATE = [
    ("CONTOH_LAYANAN", "Unit Pelayanan Contoh - ganti dengan nama unit Anda", 20, 1.00, 2, 3.0, 0.50, 0.50, 0.50, 5.0,
     50.0 * 1.00 / (CAPACITY_H_PER_STAFF * 20), "citizen"),
    ("CONTOH_SEKRETARIAT", "Sekretariat Contoh - ganti dengan nama unit Anda", 10, 2.00, 3, 5.0, 0.50, 0.50, 0.50, 5.0,
     10.0 * 2.00 / (CAPACITY_H_PER_STAFF * 10), "internal"),
]


def casework_hours(staff, layers, clarity):
    """Case-work hours per day the model gives a unit at the start of a run."""
    officials = sum(max(1, round(staff / SPAN_OF_CONTROL**k)) for k in range(1, layers + 1))
    overhead = 0.09 + 0.30 * (1 - clarity)
    return (staff - officials) * HOURS_PER_FRONT_STAFF * (1 - overhead)


def build_rows(table, parent):
    """Turn a unit table into CSV rows (lists of strings), deriving daily_demand."""
    rows = []
    for (uid, name, staff, hours, layers, std_days, clarity, mono, disc,
         salary_m, rho_target, _kind) in table:
        demand = round(rho_target * casework_hours(staff, layers, clarity) / hours, 1)
        rows.append([
            uid, name, parent, str(staff), f"{demand:.1f}", str(layers),
            f"{std_days:.1f}", f"{hours:.2f}", f"{clarity:.2f}", f"{mono:.2f}",
            f"{disc:.2f}", f"{salary_m * 1e6:.1f}",
        ])
    return rows


def rho(row):
    """Case-work utilisation of one unit from its written CSV values."""
    staff, demand, hours = int(row[3]), float(row[4]), float(row[7])
    return demand * hours / casework_hours(staff, int(row[5]), float(row[8]))


def check(name, table, rows, staff_range):
    """Print each unit's rho and assert column ranges and balance bounds."""
    print(f"\n{name}: unit_id, staff, daily_demand, hours/case, rho, kind")
    ids = [r[0] for r in rows]
    assert len(ids) == len(set(ids)), f"{name}: duplicate unit_id"
    for unit, r in zip(table, rows, strict=True):
        kind = unit[-1]
        u = rho(r)
        print(f"  {r[0]:<18} {r[3]:>6} {r[4]:>9} {r[7]:>6} {u:6.3f}  {kind}")
        assert re.fullmatch(r"[A-Za-z0-9_-]+", r[0]), r[0]
        assert r[1] and r[2] and "," not in r[1] + r[2] and r[1].isascii()
        assert 3 <= int(r[3]) <= 100000 and 0 < float(r[4]) <= 100000
        assert 1 <= int(r[5]) <= 6 and 0.5 <= float(r[6]) <= 250
        assert float(r[6]) >= int(r[5]), f"{r[0]}: a standard shorter than one day per sign-off"
        assert 0.05 <= float(r[7]) <= 500
        assert all(0 <= float(x) <= 1 for x in r[8:11])
        assert 1e6 <= float(r[11]) <= 1e8
        lo, hi = RHO_BOUNDS[kind]
        assert lo <= u <= hi, f"{name}/{r[0]}: rho {u:.3f} outside [{lo}, {hi}]"
    total = sum(int(r[3]) for r in rows)
    rhos = [rho(r) for r in rows]
    print(f"  -> {len(rows)} units, {total} staff, rho min {min(rhos):.3f} max {max(rhos):.3f}")
    assert staff_range[0] <= total <= staff_range[1], f"{name}: total staff {total}"


def write_csv(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(rows)
    print(f"wrote {path.relative_to(HERE.parent.parent)}")


def main():
    datasets = [
        ("classroom", CLASSROOM, CLASSROOM_PARENT, (90, 110)),
        ("kabupaten", KABUPATEN, KABUPATEN_PARENT, (6800, 7200)),
        ("template", TEMPLATE, TEMPLATE_PARENT, (3, 1000)),
    ]
    built = []
    for name, table, parent, staff_range in datasets:  # check everything first
        rows = build_rows(table, parent)
        check(name, table, rows, staff_range)
        built.append((name, rows))
    print()
    for name, rows in built:  # ... and only then write
        write_csv(HERE / f"{name}.csv", rows)


if __name__ == "__main__":
    main()
