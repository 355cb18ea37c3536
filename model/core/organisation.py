"""Organisations as data: the units of a real or synthetic organisation, loaded from a CSV.

A planner replaces the shipped CSV with one describing their own organisation; the columns are
documented in ``scenarios/organisations/README.md`` and ``template.csv``. Every value is checked
and a bad one is reported with the file, the row (unit), the column, the value and the allowed
range.
"""

from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .errors import InputError
from .shipped import ORGANISATIONS_DIR

#: column -> (type, low, high, default or None when required)
COLUMNS: dict[str, tuple[type, float | None, float | None, object]] = {
    "unit_id": (str, None, None, None),
    "unit_name": (str, None, None, None),
    "parent_org": (str, None, None, None),
    "staff": (int, 3, 100_000, None),
    "daily_demand": (float, 0, 100_000, None),
    "approval_layers": (int, 1, 6, None),
    "service_standard_days": (float, 0.5, 250, None),
    "work_hours_per_case": (float, 0.05, 500, None),
    "goal_clarity": (float, 0, 1, 0.4),
    "monopoly": (float, 0, 1, 0.5),
    "discretion": (float, 0, 1, 0.5),
    "salary_rp_month": (float, 1e6, 1e8, 6_000_000.0),
}
MAX_APPROVAL_LAYERS = 6
_UNIT_ID = re.compile(r"^[A-Za-z0-9_\-]+$")


@dataclass(frozen=True)
class Organisation:
    """The units of one organisation, as arrays indexed by unit number."""

    name: str
    source: str
    unit_id: tuple[str, ...]
    unit_name: tuple[str, ...]
    parent_org: tuple[str, ...]
    staff: np.ndarray
    daily_demand: np.ndarray
    approval_layers: np.ndarray
    service_standard_days: np.ndarray
    work_hours_per_case: np.ndarray
    goal_clarity: np.ndarray
    monopoly: np.ndarray
    discretion: np.ndarray
    salary_rp_month: np.ndarray

    @property
    def n_units(self) -> int:
        return len(self.unit_id)

    @property
    def total_staff(self) -> int:
        return int(self.staff.sum())

    def parent_index(self) -> np.ndarray:
        """Each unit's parent organisation as an integer code."""
        _, codes = np.unique(np.asarray(self.parent_org), return_inverse=True)
        return codes.astype(np.int32)


def resolve_organisation(name_or_path: str, relative_to: Path | None = None) -> Path:
    """A shipped organisation's name (``classroom``) or a CSV path, as an existing path."""
    candidates = [Path(name_or_path)]
    if relative_to is not None:
        candidates.insert(0, relative_to / name_or_path)
    candidates.append(ORGANISATIONS_DIR / f"{name_or_path}.csv")
    for path in candidates:
        if path.is_file():
            return path
    shipped = ", ".join(sorted(p.stem for p in ORGANISATIONS_DIR.glob("*.csv")))
    raise InputError(
        str(relative_to or "."), "organisation", name_or_path, f"a CSV file or one of: {shipped}"
    )


def _parse(path: Path, row_no: int, unit: str, column: str, text: str | None):
    kind, low, high, default = COLUMNS[column]
    where = f"{path}: row {row_no} (unit {unit or '?'})"
    text = (text or "").strip()
    if text == "":
        if default is None:
            raise InputError(where, column, text, _allowed(column), "required")
        return default
    if kind is str:
        if column == "unit_id" and not _UNIT_ID.match(text):
            raise InputError(where, column, text, "letters, digits, '_' or '-'")
        return text
    try:
        value = float(text)
    except ValueError:
        raise InputError(where, column, text, _allowed(column), "not a number") from None
    if not math.isfinite(value):
        raise InputError(where, column, text, _allowed(column), "not finite")
    if kind is int and value != int(value):
        raise InputError(where, column, text, _allowed(column), "must be a whole number")
    if (low is not None and value < low) or (high is not None and value > high):
        raise InputError(where, column, text, _allowed(column))
    return kind(value)


def _allowed(column: str) -> str:
    kind, low, high, _ = COLUMNS[column]
    if kind is str:
        return "non-empty text"
    word = "whole number" if kind is int else "number"
    return f"{word} from {low:g} to {high:g}"


def _parse_all_valid(raw_rows: list[dict[str, str]]) -> dict[str, list] | None:
    """Every column at once when every value is valid (the common case), else None.

    Accepts exactly what :func:`_parse` accepts; on any problem it returns None and the caller
    parses row by row, so that the error names the first bad value as before.
    """
    if not raw_rows:
        return None
    columns: dict[str, list] = {}
    for column, (kind, low, high, default) in COLUMNS.items():
        texts = [(raw.get(column) or "").strip() for raw in raw_rows]
        if kind is str:
            if not all(texts):
                return None
            if column == "unit_id" and not all(_UNIT_ID.match(t) for t in texts):
                return None
            columns[column] = texts
            continue
        if not all(texts) and default is None:
            return None
        try:
            values = np.array([float(t) if t else float(default) for t in texts])
        except ValueError:
            return None
        if not np.isfinite(values).all():
            return None
        if kind is int and (values != np.trunc(values)).any():
            return None
        if (low is not None and (values < low).any()) or (high is not None and (values > high).any()):
            return None
        columns[column] = values.astype(np.int64) if kind is int else values
    return columns


def load_organisation(name_or_path: str, relative_to: Path | None = None) -> Organisation:
    """Load and check an organisation CSV (see module docstring)."""
    path = resolve_organisation(name_or_path, relative_to)
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        header = [h.strip() for h in (reader.fieldnames or [])]
        required = [c for c, spec in COLUMNS.items() if spec[3] is None]
        missing = [c for c in required if c not in header]
        if missing:
            raise InputError(str(path), "header", ",".join(header), f"columns {', '.join(COLUMNS)}",
                             f"missing {', '.join(missing)}")
        unknown = [c for c in header if c not in COLUMNS]
        if unknown:
            raise InputError(str(path), "header", ",".join(unknown), f"columns {', '.join(COLUMNS)}",
                             "unknown column")
        raw_rows = [{k.strip(): v for k, v in raw.items() if k is not None} for raw in reader]
    rows = _parse_all_valid(raw_rows)
    if rows is None:  # some value is bad: the row-by-row parser names the first one
        parsed = []
        for row_no, raw in enumerate(raw_rows, start=2):
            unit = (raw.get("unit_id") or "").strip()
            parsed.append({c: _parse(path, row_no, unit, c, raw.get(c)) for c in COLUMNS})
        rows = {c: [r[c] for r in parsed] for c in COLUMNS}
    ids = rows["unit_id"]
    if not ids:
        raise InputError(str(path), "rows", 0, "at least one unit")
    seen = set()
    for row_no, unit in enumerate(ids, start=2):
        if unit in seen:
            raise InputError(f"{path}: row {row_no}", "unit_id", unit, "a unique id", "duplicate")
        seen.add(unit)

    def column(name, dtype):
        return np.asarray(rows[name], dtype=dtype)

    return Organisation(
        name=path.stem,
        source=str(path),
        unit_id=tuple(ids),
        unit_name=tuple(rows["unit_name"]),
        parent_org=tuple(rows["parent_org"]),
        staff=column("staff", np.int64),
        daily_demand=column("daily_demand", np.float64),
        approval_layers=column("approval_layers", np.int64),
        service_standard_days=column("service_standard_days", np.float64),
        work_hours_per_case=column("work_hours_per_case", np.float64),
        goal_clarity=column("goal_clarity", np.float64),
        monopoly=column("monopoly", np.float64),
        discretion=column("discretion", np.float64),
        salary_rp_month=column("salary_rp_month", np.float64),
    )
