"""Organisations of a chosen size for benchmarks: a deterministic sample of national.csv's units.

``sample_organisation(staff)`` writes (once, into a cache folder) a CSV whose units are a random
but fixed subset of ``scenarios/organisations/national.csv``, taken in a shuffled order until the
staff total reaches the target. Per-unit sizes, demand and rules are unchanged, so the cost per
staff member is that of the national organisation, whatever the size.
"""

from __future__ import annotations

import csv
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
ORG_DIR = REPO / "scenarios" / "organisations"
NATIONAL_CSV = ORG_DIR / "national.csv"
GENERATOR = ORG_DIR / "national" / "generate.py"
CACHE = Path(tempfile.gettempdir()) / "birosim_bench_orgs"
SAMPLE_SEED = 7


def national_csv() -> Path:
    """The national organisation CSV, generated on demand if it is not shipped."""
    if not NATIONAL_CSV.is_file():
        subprocess.run([sys.executable, str(GENERATOR)], check=True, stdout=subprocess.DEVNULL)
    return NATIONAL_CSV


def sample_organisation(staff: int) -> Path:
    """Path of a CSV with about ``staff`` staff sampled from the national organisation."""
    source = national_csv()
    with source.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    sizes = np.array([int(r[header.index("staff")]) for r in body])
    if staff >= sizes.sum():
        return source
    order = np.random.default_rng(SAMPLE_SEED).permutation(len(body))
    cumulative = np.cumsum(sizes[order])
    stop = int(np.searchsorted(cumulative, staff)) + 1
    if stop > 1 and abs(cumulative[stop - 2] - staff) < abs(cumulative[stop - 1] - staff):
        stop -= 1
    keep = np.sort(order[:stop])
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"national_sample_{staff}.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(body[i] for i in keep)
    return path
