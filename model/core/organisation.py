"""Organisations as data: the units of a real or synthetic organisation, from a CSV or ``.xlsx``.

A planner replaces the shipped CSV with one describing their own organisation, as their
spreadsheet exports it (any export :mod:`birosim.core.tabular` reads); the columns and their
Indonesian names are documented in ``scenarios/organisations/README.md``, ``template.csv`` and
``template.xlsx``. Every value is checked; :func:`read_organisation` lists every problem with
the file, the row (unit), the column, the value and the allowed range, and
:func:`load_organisation` raises the first.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .errors import InputError
from .shipped import ORGANISATIONS_DIR
from .tabular import Column, Problem, column_values, read_table

UNIT_ID_PATTERN = r"[A-Za-z0-9_\-]+"

#: the columns, in the order of the template; aliases are the Indonesian headers accepted
COLUMNS: dict[str, Column] = {c.name: c for c in (
    Column("unit_id", str, aliases=("kode_unit", "kode"), pattern=UNIT_ID_PATTERN),
    Column("unit_name", str, aliases=("nama_unit", "nama")),
    Column("parent_org", str, aliases=("instansi", "instansi_induk")),
    Column("staff", int, 3, 100_000, aliases=("jumlah_pegawai", "pegawai", "jumlah_asn")),
    Column("daily_demand", float, 0, 100_000, aliases=("permintaan_harian", "layanan_per_hari")),
    Column("approval_layers", int, 1, 6, aliases=("jenjang_persetujuan", "lapis_persetujuan")),
    Column("service_standard_days", float, 0.5, 250,
           aliases=("standar_pelayanan_hari", "standar_waktu_hari")),
    Column("work_hours_per_case", float, 0.05, 500, aliases=("jam_kerja_per_berkas",)),
    Column("goal_clarity", float, 0, 1, 0.4, aliases=("kejelasan_tujuan",)),
    Column("monopoly", float, 0, 1, 0.5, aliases=("monopoli",)),
    Column("discretion", float, 0, 1, 0.5, aliases=("diskresi",)),
    Column("salary_rp_month", float, 1e6, 1e8, 6_000_000.0,
           aliases=("gaji_rp_bulan", "gaji_per_bulan"), rupiah=True),
    Column("season_phase", float, 0, 1, 0.0, aliases=("fase_musim",)),
)}
MAX_APPROVAL_LAYERS = 6


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
    season_phase: np.ndarray  # share of a year by which the unit's demand cycle is shifted

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


@dataclass(frozen=True)
class OrganisationReading:
    """What reading an organisation file found: the organisation (None when any value is bad),
    every problem, and what was detected about the file (encoding, separator, decimal mark)."""

    organisation: Organisation | None
    problems: tuple[Problem, ...]
    notes: tuple[str, ...]


def read_organisation(name_or_path: str, relative_to: Path | None = None) -> OrganisationReading:
    """Read an organisation file and list every problem in it (see module docstring)."""
    path = resolve_organisation(name_or_path, relative_to)
    try:
        table = read_table(path, tuple(COLUMNS.values()))
    except InputError as error:  # the file as a whole cannot be read as a table
        problem = Problem(error.source, None, "", error.field, error.value, error.allowed,
                          error.allowed, error.reason)
        return OrganisationReading(None, (problem,), ())
    values: dict[str, list] = {}
    problems: list[Problem] = []
    for column in COLUMNS.values():
        values[column.name] = column_values(table, column, problems)
    if not table.rows:
        problems.append(Problem(str(path), None, "", "rows", 0, "at least one unit",
                                "setidaknya satu unit"))
    first_row: dict[str, int] = {}
    for row_no, unit in zip(table.row_numbers, values["unit_id"], strict=True):
        if unit and unit in first_row:
            problems.append(Problem(str(path), row_no, unit, "unit_id", unit, "a unique id",
                                    "kode yang unik", "duplicate"))
        first_row.setdefault(unit, row_no)
    if problems:
        problems.sort(key=lambda p: (p.row or 0, list(COLUMNS).index(p.column)
                                     if p.column in COLUMNS else -1))
        return OrganisationReading(None, tuple(problems), table.notes)
    return OrganisationReading(_organisation(path, values), (), table.notes)


def load_organisation(name_or_path: str, relative_to: Path | None = None) -> Organisation:
    """Load and check an organisation file; raises the first problem as an InputError."""
    reading = read_organisation(name_or_path, relative_to)
    if reading.problems:
        raise reading.problems[0].error()
    return reading.organisation


def _organisation(path: Path, values: dict[str, list]) -> Organisation:
    def column(name, dtype):
        return np.asarray(values[name], dtype=dtype)

    return Organisation(
        name=path.stem,
        source=str(path),
        unit_id=tuple(values["unit_id"]),
        unit_name=tuple(values["unit_name"]),
        parent_org=tuple(values["parent_org"]),
        staff=column("staff", np.int64),
        daily_demand=column("daily_demand", np.float64),
        approval_layers=column("approval_layers", np.int64),
        service_standard_days=column("service_standard_days", np.float64),
        work_hours_per_case=column("work_hours_per_case", np.float64),
        goal_clarity=column("goal_clarity", np.float64),
        monopoly=column("monopoly", np.float64),
        discretion=column("discretion", np.float64),
        salary_rp_month=column("salary_rp_month", np.float64),
        season_phase=column("season_phase", np.float64),
    )
