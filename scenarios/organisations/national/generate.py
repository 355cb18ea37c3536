"""Generate ``scenarios/organisations/national.csv``: Indonesia's whole civil service, synthetic.

Run from the repository root (takes about a second; the output is byte-identical every time):

    .venv/bin/python scenarios/organisations/national/generate.py [--out PATH] [--check-only]
    .venv/bin/python scenarios/organisations/national/generate.py --verify   # shipped file current?

Published aggregates used (see README.md in this folder): 4,282,429 ASN in June 2023 (BKN), 77 %
of them in regional governments; 38 provinces, 416 kabupaten and 98 kota. Everything else (how
regional staff split between provinces, kota and kabupaten, how big each government is, how
central staff split between ministries and agencies and into units, and every per-unit service
parameter) is an assumption, drawn deterministically from a fixed seed. Regional governments
reuse the synthetic district template ``scenarios/organisations/kabupaten.csv``, scaled.

Columns and ranges are those of ``scenarios/organisations/README.md``. ``daily_demand`` is set from
a target case-work utilisation rho per unit, exactly as in ``generate.py`` one folder up:

    daily_demand = rho * 3.96 * staff / work_hours_per_case,   rho in [0.5, 0.9]
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ORG_DIR = HERE.parent
TEMPLATE_CSV = ORG_DIR / "kabupaten.csv"
OUT_CSV = ORG_DIR / "national.csv"
SEED = 20230630  # BKN's June 2023 count; any fixed number would do

COLUMNS = [
    "unit_id", "unit_name", "parent_org", "staff", "daily_demand",
    "approval_layers", "service_standard_days", "work_hours_per_case",
    "goal_clarity", "monopoly", "discretion", "salary_rp_month",
]

# ---------------------------------------------------------------- published aggregates (BKN)
TOTAL_ASN = 4_282_429  # ASN (PNS + PPPK), June 2023, BKN
REGIONAL_SHARE = 0.77  # share of ASN in regional governments, June 2023, BKN
N_PROVINCES, N_KABUPATEN, N_KOTA = 38, 416, 98  # Kemendagri, 2023

# ---------------------------------------------------------------- assumptions
# Split of regional ASN between the three kinds of regional government (assumption: kabupaten
# hold most teachers and health workers; provinces hold senior-secondary teachers and provincial
# hospitals; kota are fewer and smaller).
REGIONAL_SPLIT = {"prov": 0.17, "kota": 0.14, "kab": 0.69}
GOV_SIZE_SIGMA = 0.5  # lognormal spread of government sizes within a kind, truncated at 2.5 sd
UNIT_JITTER_SIGMA = 0.15  # lognormal spread of a unit's size around its template share
N_KEMENTERIAN, N_LEMBAGA = 34, 40  # ministries and non-ministerial agencies (approximate)
KEMENTERIAN_SHARE = 0.85  # share of central ASN in ministries (assumption)
ZIPF_EXPONENT = 1.1  # instansi sizes ~ rank^-1.1 (heavy tail; assumption)
CAPACITY_H_PER_STAFF = 0.88 * 7.5 * 0.6  # = 3.96 case-work hours per staff per day (README)
RHO_RANGE = (0.5, 0.9)
SALARY_FACTOR = {"prov": 1.10, "kota": 1.05, "kab": 1.00}  # TPP differs by kind (assumption)

# Template rows left out or resized per kind of regional government (assumption):
# a kota has kelurahan, not villages, and little agriculture or fisheries; a province has no
# kecamatan and no civil registration counter, few health workers of its own (no puskesmas),
# larger provincial hospitals and a large revenue agency (SAMSAT vehicle-tax offices).
DROP = {
    "kab": set(),
    "kota": {"DISTAN", "DISKAN", "DPMD"},
    "prov": {"DISDUKCAPIL", "KEC_KOTA", "KEC_UTARA", "KEC_SELATAN", "KEC_PESISIR"},
}
RESIZE = {"prov": {"DINKES": 0.15, "RSUD": 2.5, "BAPENDA": 6.0}}


def min_unit_staff(layers: np.ndarray) -> np.ndarray:
    """Smallest unit size kept: room for a chain of officials plus front-line staff."""
    return 10 + 5 * layers


# Central units: (kind, work_hours_per_case, approval_layers, service_standard_days,
#                 goal_clarity, monopoly, discretion, salary in million Rp, rho)
CENTRAL_PROFILES = {
    "DIT": (4.0, 5, 14.0, 0.40, 0.90, 0.50, 12.0, 0.60),  # directorate at headquarters
    "KANWIL": (2.0, 4, 7.0, 0.45, 0.90, 0.40, 10.0, 0.65),  # provincial regional office
    "KANTOR": (1.0, 3, 5.0, 0.55, 0.95, 0.40, 9.0, 0.75),  # district-level vertical office
}
CENTRAL_NAMES = {
    "DIT": "Direktorat {n:02d}",
    "KANWIL": "Kantor Wilayah {n:02d}",
    "KANTOR": "Kantor Vertikal {n:03d}",
}
LARGE_INSTANSI = 20_000  # staff; above this: HQ, a kanwil per province and district offices
MEDIUM_INSTANSI = 5_000  # staff; above this: HQ and regional offices (balai)
KANTOR_STAFF = 1_100  # typical staff of a district-level vertical office (assumption)
HQ_STAFF_PER_DIRECTORATE = 1_500


def read_template(path: Path = TEMPLATE_CSV) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def largest_remainder(x: np.ndarray, total: int) -> np.ndarray:
    """Integers >= floor(x) summing to ``total`` (x.sum() must be <= total + len(x))."""
    base = np.floor(x).astype(np.int64)
    short = total - int(base.sum())
    if short < 0:
        raise ValueError("cannot round down to the total")
    order = np.argsort(-(x - base), kind="stable")
    base[order[:short]] += 1
    return base


def allocate(total: float, weights: np.ndarray, floor: np.ndarray) -> np.ndarray:
    """Split ``total`` proportionally to ``weights`` with a per-unit floor (water-filling)."""
    if floor.sum() > total:
        raise ValueError(f"government of {total:.0f} staff too small for its unit floors")
    x = total * weights / weights.sum()
    fixed = np.zeros(len(x), dtype=bool)
    while True:
        below = ~fixed & (x < floor)
        if not below.any():
            return x
        fixed |= below
        x[fixed] = floor[fixed]
        free = ~fixed
        x[free] = (total - floor[fixed].sum()) * weights[free] / weights[free].sum()


def government_sizes(rng: np.random.Generator, n: int, total: float) -> np.ndarray:
    z = np.clip(rng.standard_normal(n), -2.5, 2.5)
    w = np.exp(GOV_SIZE_SIGMA * z)
    return total * w / w.sum()


def regional_units(rng: np.random.Generator, template: list[dict[str, str]], regional_total: int):
    """Rows (as dicts of arrays) for all provinces, kota and kabupaten, staff as floats."""
    kinds = (("prov", N_PROVINCES, "PROV", "Pemprov Contoh"),
             ("kota", N_KOTA, "KOTA", "Pemkot Contoh"),
             ("kab", N_KABUPATEN, "KAB", "Pemkab Contoh"))
    parts = []
    for kind, count, prefix, parent_name in kinds:
        rows = [r for r in template if r["unit_id"] not in DROP[kind]]
        ids = np.array([r["unit_id"] for r in rows])
        t_staff = np.array([float(r["staff"]) for r in rows])
        t_staff *= np.array([RESIZE.get(kind, {}).get(i, 1.0) for i in ids])
        layers = np.array([int(r["approval_layers"]) for r in rows])
        hours = np.array([float(r["work_hours_per_case"]) for r in rows])
        t_rho = np.array([float(r["daily_demand"]) for r in rows]) * hours / (
            CAPACITY_H_PER_STAFF * np.array([float(r["staff"]) for r in rows]))
        sizes = government_sizes(rng, count, REGIONAL_SPLIT[kind] * regional_total)
        width = 2 if count < 100 else 3
        for g, size in enumerate(sizes, start=1):
            jitter = np.exp(UNIT_JITTER_SIGMA * rng.standard_normal(len(rows)))
            staff = allocate(size, t_staff * jitter, min_unit_staff(layers).astype(float))
            code = f"{prefix}{g:0{width}d}"
            parent = f"{parent_name} {g:0{width}d}"
            parts.append({
                "unit_id": np.array([f"{code}_{i}" for i in ids]),
                "unit_name": np.array([f"{r['unit_name']} {parent}" for r in rows]),
                "parent_org": np.full(len(rows), parent),
                "staff": staff,
                "rho": np.clip(t_rho * rng.uniform(0.93, 1.07, len(rows)), 0.52, 0.88),
                "approval_layers": layers,
                "service_standard_days": np.array(
                    [float(r["service_standard_days"]) for r in rows]),
                "work_hours_per_case": hours * np.exp(0.1 * rng.standard_normal(len(rows))),
                "goal_clarity": np.array([float(r["goal_clarity"]) for r in rows]),
                "monopoly": np.array([float(r["monopoly"]) for r in rows]),
                "discretion": np.array([float(r["discretion"]) for r in rows]),
                "salary_rp_month": np.array([float(r["salary_rp_month"]) for r in rows])
                * SALARY_FACTOR[kind] * np.exp(0.08 * rng.standard_normal(len(rows))),
            })
    return parts


def instansi_sizes(central_total: int) -> list[tuple[str, str, float]]:
    """(code, name, staff) of each ministry and agency: Zipf-like sizes (assumption)."""
    result = []
    for prefix, name, count, share in (
        ("KEM", "Kementerian Contoh", N_KEMENTERIAN, KEMENTERIAN_SHARE),
        ("LEM", "Lembaga Contoh", N_LEMBAGA, 1 - KEMENTERIAN_SHARE),
    ):
        w = np.arange(1, count + 1, dtype=float) ** -ZIPF_EXPONENT
        sizes = share * central_total * w / w.sum()
        result += [(f"{prefix}{k:02d}", f"{name} {k:02d}", s) for k, s in enumerate(sizes, start=1)]
    return result


def central_units(rng: np.random.Generator, central_total: int):
    parts = []
    for code, name, size in instansi_sizes(central_total):
        if size >= LARGE_INSTANSI:  # headquarters, a kanwil per province, district offices
            n_dit = int(np.clip(round(0.10 * size / HQ_STAFF_PER_DIRECTORATE), 6, 40))
            n_kanwil = N_PROVINCES
            n_kantor = int(np.clip(round(0.70 * size / KANTOR_STAFF), 1, N_KABUPATEN + N_KOTA))
            shares = {"DIT": 0.10, "KANWIL": 0.20, "KANTOR": 0.70}
        elif size >= MEDIUM_INSTANSI:  # headquarters and regional offices (balai)
            n_dit = int(np.clip(round(0.30 * size / HQ_STAFF_PER_DIRECTORATE), 4, 20))
            n_kanwil = int(np.clip(round(0.70 * size / 250), 5, N_PROVINCES))
            n_kantor = 0
            shares = {"DIT": 0.30, "KANWIL": 0.70, "KANTOR": 0.0}
        else:  # headquarters only
            n_dit = int(np.clip(round(size / 250), 3, 20))
            n_kanwil = n_kantor = 0
            shares = {"DIT": 1.0, "KANWIL": 0.0, "KANTOR": 0.0}
        kinds = np.array(["DIT"] * n_dit + ["KANWIL"] * n_kanwil + ["KANTOR"] * n_kantor)
        numbers = np.concatenate([np.arange(1, n + 1) for n in (n_dit, n_kanwil, n_kantor)])
        weights = np.exp(0.35 * rng.standard_normal(len(kinds)))
        for kind, n in (("DIT", n_dit), ("KANWIL", n_kanwil), ("KANTOR", n_kantor)):
            mask = kinds == kind
            if n:
                weights[mask] *= shares[kind] / weights[mask].sum()
        profile = np.array([CENTRAL_PROFILES[k] for k in kinds])
        layers = profile[:, 1].astype(np.int64)
        staff = allocate(size, weights, min_unit_staff(layers).astype(float))
        n = len(kinds)
        pairs = list(zip(kinds, numbers, strict=True))
        parts.append({
            "unit_id": np.array([f"{code}_{k}{m:03d}" for k, m in pairs]),
            "unit_name": np.array([f"{CENTRAL_NAMES[k].format(n=m)} {name}" for k, m in pairs]),
            "parent_org": np.full(n, name),
            "staff": staff,
            "rho": np.clip(profile[:, 7] + rng.uniform(-0.1, 0.1, n), 0.52, 0.88),
            "approval_layers": layers,
            "service_standard_days": profile[:, 2],
            "work_hours_per_case": profile[:, 0] * np.exp(0.2 * rng.standard_normal(n)),
            "goal_clarity": np.clip(profile[:, 3] + rng.uniform(-0.1, 0.1, n), 0, 1),
            "monopoly": profile[:, 4],
            "discretion": np.clip(profile[:, 5] + rng.uniform(-0.1, 0.1, n), 0, 1),
            "salary_rp_month": profile[:, 6] * 1e6 * np.exp(0.08 * rng.standard_normal(n)),
        })
    return parts


def concat(parts: list[dict[str, np.ndarray]]) -> dict[str, np.ndarray]:
    return {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}


def build() -> dict[str, np.ndarray]:
    """All units as columns; staff are integers summing exactly to TOTAL_ASN."""
    rng = np.random.default_rng(SEED)
    regional_total = round(REGIONAL_SHARE * TOTAL_ASN)
    central_total = TOTAL_ASN - regional_total
    regional = concat(regional_units(rng, read_template(), regional_total))
    regional["staff"] = largest_remainder(regional["staff"], regional_total)
    central = concat(central_units(rng, central_total))
    central["staff"] = largest_remainder(central["staff"], central_total)
    table = concat([regional, central])
    hours = np.round(np.clip(table["work_hours_per_case"], 0.1, 400), 2)
    table["work_hours_per_case"] = hours
    demand = table["rho"] * CAPACITY_H_PER_STAFF * table["staff"] / hours
    table["daily_demand"] = np.round(demand, 2)
    table["salary_rp_month"] = np.round(np.clip(table["salary_rp_month"], 1e6, 1e8), -3)
    return table


def rho(table: dict[str, np.ndarray]) -> np.ndarray:
    hours = table["daily_demand"] * table["work_hours_per_case"]
    return hours / (CAPACITY_H_PER_STAFF * table["staff"])


def check(table: dict[str, np.ndarray]) -> None:
    """Assert every column range of the loader, unique ids, exact totals and the rho band."""
    ids = table["unit_id"]
    assert len(set(ids.tolist())) == len(ids), "duplicate unit_id"
    assert int(table["staff"].sum()) == TOTAL_ASN, table["staff"].sum()
    regional = np.array([i.startswith(("PROV", "KOTA", "KAB")) for i in ids])
    assert int(table["staff"][regional].sum()) == round(REGIONAL_SHARE * TOTAL_ASN)
    assert ((table["staff"] >= 3) & (table["staff"] <= 100_000)).all()
    assert ((table["daily_demand"] > 0) & (table["daily_demand"] <= 100_000)).all()
    assert ((table["approval_layers"] >= 1) & (table["approval_layers"] <= 6)).all()
    assert ((table["service_standard_days"] >= 0.5) & (table["service_standard_days"] <= 250)).all()
    assert ((table["work_hours_per_case"] >= 0.05) & (table["work_hours_per_case"] <= 500)).all()
    for column in ("goal_clarity", "monopoly", "discretion"):
        assert ((table[column] >= 0) & (table[column] <= 1)).all(), column
    assert ((table["salary_rp_month"] >= 1e6) & (table["salary_rp_month"] <= 1e8)).all()
    u = rho(table)
    assert ((u >= RHO_RANGE[0]) & (u <= RHO_RANGE[1])).all(), (u.min(), u.max())


def write(table: dict[str, np.ndarray], path: Path) -> None:
    formats = {
        "staff": "{:d}", "daily_demand": "{:.2f}", "approval_layers": "{:d}",
        "service_standard_days": "{:.1f}", "work_hours_per_case": "{:.2f}",
        "goal_clarity": "{:.2f}", "monopoly": "{:.2f}", "discretion": "{:.2f}",
        "salary_rp_month": "{:.1f}",
    }
    columns = [table[c].tolist() for c in COLUMNS]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COLUMNS)
        for row in zip(*columns, strict=True):
            writer.writerow([formats[c].format(v) if c in formats else v
                             for c, v in zip(COLUMNS, row, strict=True)])


def describe(table: dict[str, np.ndarray]) -> str:
    ids = table["unit_id"]
    staff = table["staff"]
    kinds = np.array([i.split("_")[0].rstrip("0123456789") for i in ids])
    lines = [f"{len(ids)} units, {int(staff.sum()):,} staff"]
    for kind in ("PROV", "KOTA", "KAB", "KEM", "LEM"):
        mask = kinds == kind
        parents = len(set(table["parent_org"][mask].tolist()))
        lines.append(f"  {kind:<5} {parents:4d} instansi {mask.sum():6d} units "
                     f"{int(staff[mask].sum()):>10,} staff  "
                     f"unit staff {int(staff[mask].min())}-{int(staff[mask].max())}")
    u = rho(table)
    mean = np.average(u, weights=staff)
    lines.append(f"  rho {u.min():.3f}-{u.max():.3f} (staff-weighted mean {mean:.3f});"
                 f" daily demand {table['daily_demand'].sum():,.0f} cases")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT_CSV, help="where to write the CSV")
    parser.add_argument("--check-only", action="store_true", help="build and check, write nothing")
    parser.add_argument("--verify", action="store_true",
                        help="exit 1 if the CSV at --out differs from what would be written "
                             "(e.g. after kabupaten.csv changed)")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    table = build()
    check(table)
    print(describe(table))
    if args.verify:
        fresh = args.out.with_name(args.out.name + ".verify.tmp")
        write(table, fresh)
        same = args.out.is_file() and fresh.read_bytes() == args.out.read_bytes()
        fresh.unlink()
        print(f"{args.out} is {'up to date' if same else 'STALE: rerun this script'}")
        return 0 if same else 1
    if not args.check_only:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        write(table, args.out)
        print(f"wrote {args.out}")
    print(f"took {time.perf_counter() - start:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
