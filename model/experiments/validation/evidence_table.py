"""The study-by-study table of ``docs/evidence.md``, generated from the experiments' results.

``python docs/make_evidence_table.py RESULTS_DIR`` reads the ``verdict.json`` and
``table.csv`` of each field-evidence experiment in a ``birosim validate`` output folder, records
them in ``docs/evidence/results.json`` (with the seed, the version and whether the quick or full
versions ran) and rewrites the block between ``<!-- evidence-table -->`` and
``<!-- /evidence-table -->`` of ``docs/evidence.md`` from that record. ``tests/test_evidence.py``
checks that the block is what the record gives, and that the record's published figures,
bands and verdicts are those the modules declare now, so the page cannot drift from the code.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

import pandas as pd

BLOCK = re.compile(r"(<!-- evidence-table -->\n)(.*?)(<!-- /evidence-table -->)", re.DOTALL)
HEADER = ("| study | what is compared | published | model, mean [95 % CI] | tolerance "
          "(set before running) | verdict |\n|---|---|---|---|---|---|\n")


def collect(results_dir: Path, names: list[str]) -> list[dict[str, Any]]:
    """One record per experiment from a ``birosim validate`` output folder."""
    records = []
    for name in names:
        folder = Path(results_dir) / name
        verdict = json.loads((folder / "verdict.json").read_text(encoding="utf-8"))
        table = pd.read_csv(folder / "table.csv")
        estimates = table[table["part"] == "estimate"]
        records.append({
            "name": name, "title": verdict["title"], "source": verdict["source"],
            "verdict": verdict["verdict"], "checks": verdict["checks"],
            "setup": verdict["measured"].get("setup", ""),
            "estimates": [_clean(row) for row in estimates.to_dict("records")],
        })
    return records


def _clean(row: dict[str, Any]) -> dict[str, Any]:
    keep = ("criterion", "label_en", "unit", "published", "published_low", "published_high",
            "published_text", "band_low", "band_high", "sign", "model_mean", "model_ci_low",
            "model_ci_high", "replicates", "sign_holds", "in_band")
    out = {}
    for key in keep:
        value = row[key]
        if isinstance(value, float) and math.isnan(value):
            value = None
        elif hasattr(value, "item"):
            value = value.item()
        out[key] = value
    out["sign"] = int(out["sign"])
    out["replicates"] = int(out["replicates"])
    out["sign_holds"], out["in_band"] = bool(out["sign_holds"]), bool(out["in_band"])
    return out


def _number(value: float | None) -> str:
    if value is None or not math.isfinite(value):
        return "n/a"
    if abs(value) >= 100:
        return f"{value:.0f}"
    return f"{value:.3g}"


def render(record: dict[str, Any]) -> str:
    """The table's rows (Markdown) of every experiment in the results record."""
    lines = []
    for experiment in record["experiments"]:
        for i, e in enumerate(experiment["estimates"]):
            study = f"`{experiment['name']}`" if i == 0 else ""
            passed = e["sign_holds"] and e["in_band"]
            verdict = "pass" if passed else "**FAIL**"
            lines.append(
                f"| {study} | {e['label_en']} ({e['unit']}) | {e['published_text']} | "
                f"{_number(e['model_mean'])} [{_number(e['model_ci_low'])}, "
                f"{_number(e['model_ci_high'])}] | {_number(e['band_low'])} to "
                f"{_number(e['band_high'])} | {verdict} |\n")
    return HEADER + "".join(lines)


def sync(text: str, record: dict[str, Any]) -> str:
    """``text`` with its evidence-table block rewritten from ``record``."""
    return BLOCK.sub(lambda m: m.group(1) + render(record) + m.group(3), text)
