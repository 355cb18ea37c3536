"""Record the field-evidence results and rewrite the table of docs/evidence.md from them.

Run the full experiments first, then this script on their output folder::

    birosim validate olken2007 rasul_rogger2018 ... --seed 2026 --out results/evidence
    python docs/make_evidence_table.py results/evidence --seed 2026

It writes ``docs/evidence/results.json`` (the record) and copies each experiment's figures to
``docs/evidence/<name>.png`` and ``<name>_id.png``.
"""

import argparse
import json
import shutil
from pathlib import Path

from birosim import __version__
from birosim.experiments.validation import FIELD_EVIDENCE
from birosim.experiments.validation.evidence_table import collect, sync

DOCS = Path(__file__).parent
PAGE = DOCS / "evidence.md"
RECORD = DOCS / "evidence" / "results.json"

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results", type=Path, help="the folder birosim validate wrote")
    parser.add_argument("--seed", type=int, required=True, help="the seed it ran with")
    parser.add_argument("--quick", action="store_true", help="it ran the quick versions")
    args = parser.parse_args()
    record = {"seed": args.seed, "versions": "quick" if args.quick else "full",
              "package_version": __version__,
              "experiments": collect(args.results, list(FIELD_EVIDENCE))}
    RECORD.parent.mkdir(exist_ok=True)
    RECORD.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    for name in FIELD_EVIDENCE:
        for suffix in ("", "_id"):
            shutil.copyfile(args.results / name / f"figure{suffix}.png",
                            RECORD.parent / f"{name}{suffix}.png")
    PAGE.write_text(sync(PAGE.read_text(encoding="utf-8"), record), encoding="utf-8")
    print(f"updated {RECORD} and {PAGE}")
