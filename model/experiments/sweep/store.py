"""A sweep folder on disk: lock, clean-up of interrupted writes, Parquet parts written
atomically, the manifest, and reading finished runs, failures and series back (resume)."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import platform
import socket
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from ... import __version__
from ...core import InputError
from ..spec import Experiment
from .runners import CODE_FINGERPRINT

RUNS, FAILURES, SERIES = "runs", "failures", "series"


ID_COLUMNS = ("run_id", "sample", "replicate", "policy", "seed")


TIMING_COLUMNS = ("attempts", "elapsed_s", "cpu_s")


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_parquet_atomic(frame: pd.DataFrame, path: Path) -> None:
    """Write to a hidden temporary file in the same folder, fsync, then ``os.replace``."""
    tmp = path.with_name(f".tmp-{path.name}")
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), tmp)
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    _fsync_dir(path.parent)


def write_text_atomic(text: str, path: Path) -> None:
    tmp = path.with_name(f".tmp-{path.name}")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    _fsync_dir(path.parent)


class SweepStore:
    """A sweep folder: lock, clean-up of interrupted writes, run ids present, parts, manifest."""

    def __init__(self, out: str | Path):
        self.out = Path(out)
        self.lock_fd: int | None = None

    def dir(self, name: str) -> Path:
        return self.out / name

    def lock(self) -> None:
        self.out.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.out / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise InputError(str(self.out), "--out", str(self.out),
                             "a folder no other sweep is writing to",
                             "another sweep holds its lock") from None
        self.lock_fd = fd

    def unlock(self) -> None:
        if self.lock_fd is not None:
            with contextlib.suppress(OSError):
                os.close(self.lock_fd)
            self.lock_fd = None

    def manifest(self) -> dict[str, Any] | None:
        path = self.out / "manifest.json"
        if not path.is_file():
            return None
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            return None

    def write_manifest(self, manifest: dict[str, Any]) -> None:
        write_text_atomic(json.dumps(manifest, indent=2, default=str) + "\n",
                          self.out / "manifest.json")

    def clean(self) -> list[str]:
        """Remove temporary files of interrupted writes and series parts whose runs part is
        missing; set aside unreadable parts. Returns what was done, for the log."""
        notes = []
        for folder in (self.out, *(self.dir(n) for n in (RUNS, FAILURES, SERIES))):
            folder.mkdir(parents=True, exist_ok=True)
            for tmp in folder.glob(".tmp-*"):
                tmp.unlink(missing_ok=True)
                notes.append(f"removed unfinished write {tmp.name}")
        runs = {p.name for p in self.dir(RUNS).glob("part-*.parquet")}
        for part in self.dir(SERIES).glob("part-*.parquet"):
            if part.name not in runs:
                part.unlink()
                notes.append(f"removed series {part.name} of an unfinished batch")
        for folder in (self.dir(RUNS), self.dir(FAILURES)):
            for part in folder.glob("part-*.parquet"):
                try:
                    pq.read_metadata(part)
                except Exception:
                    part.rename(part.with_name(f".corrupt-{part.name}"))
                    notes.append(f"set aside unreadable {part.name}")
        return notes

    def ids(self, name: str, column: str = "run_id") -> list[str]:
        ids: list[str] = []
        for part in sorted(self.dir(name).glob("part-*.parquet")):
            ids.extend(pq.read_table(part, columns=[column]).column(column).to_pylist())
        return ids

    def write_batch(self, part: str, runs: list[dict], failures: list[dict],
                    series: list[pd.DataFrame]) -> None:
        """Series first, then failures, then runs: a batch counts once its runs part exists."""
        name = f"part-{part}.parquet"
        if series and runs:
            write_parquet_atomic(pd.concat(series, ignore_index=True), self.dir(SERIES) / name)
        if failures:
            write_parquet_atomic(pd.DataFrame(failures), self.dir(FAILURES) / name)
        if runs:
            write_parquet_atomic(pd.DataFrame(runs), self.dir(RUNS) / name)


def _read_parts(folder: Path, columns: list[str] | None = None, filters=None) -> pd.DataFrame:
    parts = sorted(folder.glob("part-*.parquet"))
    if not parts:
        return pd.DataFrame()
    frames = [pq.read_table(p, columns=columns, filters=filters).to_pandas() for p in parts]
    frames = [f for f in frames if len(f)]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)


def load_runs(out: str | Path) -> pd.DataFrame:
    """Every finished run's summary row, sorted by run id."""
    frame = _read_parts(Path(out) / RUNS)
    if frame.empty:
        return frame
    return frame.sort_values("run_id", kind="stable").reset_index(drop=True)


def load_failures(out: str | Path) -> pd.DataFrame:
    """Every failed attempt (params, error, traceback, recovered)."""
    frame = _read_parts(Path(out) / FAILURES)
    if frame.empty:
        return frame
    return frame.sort_values(["run_id", "session", "attempt"], kind="stable").reset_index(drop=True)


def load_series(out: str | Path, run_ids: list[str] | None = None,
                columns: list[str] | None = None) -> pd.DataFrame:
    """Per-step series of the given runs (all runs when None), read part by part."""
    filters = [("run_id", "in", list(run_ids))] if run_ids is not None else None
    cols = None if columns is None else ["run_id", "day", *columns]
    return _read_parts(Path(out) / SERIES, cols, filters)


def iter_series(out: str | Path):
    """Per-step series one part at a time, so that no sweep needs them all in memory."""
    for part in sorted((Path(out) / SERIES).glob("part-*.parquet")):
        yield pq.read_table(part).to_pandas()


def summary_frame(out: str | Path, drop_timing: bool = True) -> pd.DataFrame:
    """Runs sorted by run id without timing columns: what must match across engines."""
    frame = load_runs(out)
    if drop_timing:
        frame = frame.drop(columns=[c for c in TIMING_COLUMNS if c in frame.columns])
    return frame


def run_counts(total: int, done: int, failed: int) -> dict[str, int]:
    return {"total": total, "done": done, "failed": failed, "pending": total - done - failed}


def build_manifest(experiment: Experiment, store: SweepStore, engine, old, run_hash: str,
              commit: str | None, plan: pd.DataFrame, session: str) -> dict[str, Any]:
    spec = experiment.spec
    now = utc_now()
    sessions = [
        {**s, "status": "killed (no end recorded)"} if s.get("status") == "running" else s
        for s in (old or {}).get("sessions", [])
    ]
    sessions.append({"session": session, "started": now, "finished": None, "status": "running",
                     **engine.describe(), "package_version": __version__, "git_commit": commit,
                     "code_fingerprint": CODE_FINGERPRINT, "host": socket.gethostname()})
    return {
        "name": spec.name,
        "description": spec.description,
        "spec_file": str(Path(experiment.source).resolve()),
        "spec_hash": run_hash,
        "package": "birosim",
        "package_version": __version__,
        "git_commit": commit,
        "code_fingerprint": CODE_FINGERPRINT,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "created": (old or {}).get("created", now),
        "started": now,
        "finished": None,
        "status": "running",
        "engine": engine.describe(),
        "design": {
            "method": spec.design.method,
            "samples": int(plan["sample"].max() + 1) if len(plan) else 0,
            "replicates": spec.replicates,
            "design_samples": spec.design.samples,
            "sizes_from_command_line": experiment.sizes,
            "policies": list(experiment.policies),
            "factors": [
                {"name": f.name, "role": f.role, "kind": f.target.kind,
                 "range": list(f.range) if f.range else None,
                 "values": list(f.values) if f.values is not None else None,
                 "levels": f.levels}
                for f in experiment.factors
            ],
            "horizon_days": experiment.base.horizon_days,
            "warmup_days": experiment.base.warmup_days,
            "organisation": experiment.base.organisation,
            "scenarios": {name: s.name for name, s in experiment.policies.items()},
            "seed": spec.seed,
            "runner": spec.runner,
        },
        "runs": {},
        "sessions": sessions,
    }


def check_same_sizes(out: Path, old: dict[str, Any], experiment: Experiment) -> None:
    """Resuming needs the sample size and replicates the folder was made with."""
    design = old.get("design") or {}
    spec = experiment.spec
    for option, key, now in (("--samples", "design_samples", spec.design.samples),
                             ("--replicates", "replicates", spec.replicates)):
        if key in design and design[key] != now:
            raise InputError(str(out), option, now,
                             f"{design[key]}, the value this sweep folder was made with",
                             "resume with the same value, or use a new --out folder")
