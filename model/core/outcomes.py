"""Outcomes: recorders of the per-step series for the model and for each unit.

The column names come from the outcome registry (:mod:`birosim.core.outcome_registry`). Per-unit
series are kept in memory in chunks, or streamed to a Parquet file chunk by chunk when a
``unit_sink`` path is given, so that a run with many units never holds them all. Which per-unit
columns are kept is selectable.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .outcome_registry import names

MODEL_COLUMNS = names("step")
UNIT_COLUMNS = names("unit")
RUN_OUTCOMES = names("run")
#: the headline run outcomes, shown first in comparisons (a selection from ``RUN_OUTCOMES``)
SUMMARY_OUTCOMES = (
    "lead_time_mean_days", "lead_time_p90_days", "backlog", "on_time_share", "headcount",
    "staff_cost_rp", "cost_per_case_rp", "total_cost_rp", "total_cost_per_case_rp",
    "overhead_share", "corrupt_acts_per_1000_cases",
    "detection_rate", "pungli_share", "innovations_adopted", "productivity_true",
    "productivity_reported", "ikm",
)
SAKIP_GRADES = ((90, "AA"), (80, "A"), (70, "BB"), (60, "B"), (50, "CC"), (30, "C"), (0, "D"))
CHUNK_STEPS = 50


def sakip_grade(score: float) -> str:
    """SAKIP-style grade of a 0-100 score (PermenPANRB 88/2021): AA > 90 ... D <= 30."""
    if not np.isfinite(score):
        return "n/a"
    for floor, grade in SAKIP_GRADES:
        if score > floor:
            return grade
    return "D"


def lead_time_quantile(histogram: np.ndarray, q: float) -> float:
    total = histogram.sum()
    if total == 0:
        return float("nan")
    return float(np.searchsorted(np.cumsum(histogram), q * total, side="left"))


class UnitRecorder:
    """Per-unit, per-step rows, in memory or streamed to Parquet in chunks.

    A streaming run can be checkpointed (pickled): the file written so far is closed and the
    rows after the checkpoint go to a numbered part file beside it (``units.part1.parquet``,
    ...); :meth:`paths` lists them in order and :meth:`frame` reads them all.
    """

    def __init__(self, unit_ids, columns, sink: Path | None):
        self.unit_ids = np.asarray(unit_ids)
        self.columns = tuple(columns)
        unknown = set(self.columns) - set(UNIT_COLUMNS)
        if unknown:
            raise ValueError(f"unknown unit columns {sorted(unknown)}; known: {UNIT_COLUMNS}")
        self.sink = Path(sink) if sink else None
        self.writer: pq.ParquetWriter | None = None
        self.buffer: list[tuple[int, dict[str, np.ndarray]]] = []
        self.tables: list[pa.Table] = []
        self.part = 0

    def record(self, day: int, values: dict[str, np.ndarray]) -> None:
        if not self.columns:
            return
        self.buffer.append((day, {c: np.asarray(values[c], dtype=np.float32) for c in self.columns}))
        if len(self.buffer) >= CHUNK_STEPS:
            self.flush()

    def flush(self) -> None:
        if not self.buffer:
            return
        n = len(self.unit_ids)
        data = {
            "day": np.repeat(np.array([d for d, _ in self.buffer], dtype=np.int32), n),
            "unit_id": pa.DictionaryArray.from_arrays(
                np.tile(np.arange(n, dtype=np.int32), len(self.buffer)), pa.array(self.unit_ids)
            ),
        }
        for column in self.columns:
            data[column] = np.concatenate([v[column] for _, v in self.buffer])
        table = pa.table(data)
        self.buffer = []
        if self.sink is None:
            self.tables.append(table)
            return
        if self.writer is None:
            self.sink.parent.mkdir(parents=True, exist_ok=True)
            self.writer = pq.ParquetWriter(self.paths()[-1], table.schema)
        self.writer.write_table(table)

    def paths(self) -> list[Path]:
        """The Parquet files of a streaming run: the sink, then any part files."""
        if self.sink is None:
            return []
        parts = [self.sink.with_name(f"{self.sink.stem}.part{k}{self.sink.suffix}")
                 for k in range(1, self.part + 1)]
        return [self.sink, *parts]

    def close(self) -> None:
        self.flush()
        if self.writer is not None:
            self.writer.close()
            self.writer = None

    def frame(self) -> pd.DataFrame:
        self.flush()
        if self.sink is not None:
            self.close()
            written = [path for path in self.paths() if path.exists()]
            return pd.concat([pd.read_parquet(path) for path in written], ignore_index=True)
        if not self.tables:
            return pd.DataFrame(columns=["day", "unit_id", *self.columns])
        return pa.concat_tables(self.tables).to_pandas()

    def __getstate__(self):
        if self.writer is not None:  # finish this file; later rows go to the next part
            self.close()
            self.part += 1
        return self.__dict__.copy()


class ModelRecorder:
    """One row per step of model-wide outcomes, preallocated for the horizon.

    ``table`` holds one row per column (registry order) and one slot per day; ``values[column]``
    is that row, so a day's outcomes are written into the table in place (by the model's
    compiled ``record_day``) and read by name.
    """

    def __init__(self, horizon: int):
        self.table = np.full((len(MODEL_COLUMNS), horizon), np.nan)
        self.values = self._views()
        self.n = 0

    def _views(self) -> dict[str, np.ndarray]:
        return {column: self.table[i] for i, column in enumerate(MODEL_COLUMNS)}

    def rows(self, columns: tuple[str, ...]) -> np.ndarray:
        """The table rows of ``columns``, which must be exactly the registry's step outcomes."""
        if sorted(columns) != sorted(MODEL_COLUMNS):
            raise ValueError(f"a day's row must hold exactly the step outcomes {MODEL_COLUMNS}; "
                             f"got {columns}")
        return np.array([MODEL_COLUMNS.index(column) for column in columns], dtype=np.int64)

    def frame(self) -> pd.DataFrame:
        data = {"day": np.arange(self.n)}
        data.update({c: v[: self.n] for c, v in self.values.items()})
        return pd.DataFrame(data)

    def __getstate__(self):
        return {"table": self.table, "n": self.n}

    def __setstate__(self, state):
        self.table, self.n = state["table"], state["n"]
        self.values = self._views()
