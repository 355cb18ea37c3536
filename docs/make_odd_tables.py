"""Rewrite the parameter tables of docs/ODD.md from the parameter registry.

Run after adding or changing a parameter: ``python docs/make_odd_tables.py``.
"""

from pathlib import Path

from birosim.core.odd import sync

ODD = Path(__file__).with_name("ODD.md")

if __name__ == "__main__":
    ODD.write_text(sync(ODD.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"updated {ODD}")
