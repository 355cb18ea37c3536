"""Sweeps: run every sample of an experiment spec, on local processes or a Dask cluster.

A sweep folder holds::

    spec.toml               copy of the spec (its analysis settings are read by `analyze`)
    manifest.json           provenance: spec hash, package version, git commit, times, counts
    design.parquet          the design matrix in the sampled space (what SALib analyses)
    runs/part-*.parquet     one summary row per finished run
    failures/part-*.parquet one row per failed attempt: parameters, error and traceback
    series/part-*.parquet   per-step series (optional), in the same batches as runs/

Every file is written to a hidden temporary file in its folder and moved into place with
``os.replace``, so a sweep killed at any moment (even ``kill -9``) leaves only whole parts.
Starting the same command again reads the run ids already present and runs only the rest: no
run is written twice. A run's seed depends only on the spec's seed, its sample and its replicate
(numpy ``SeedSequence``), so results are identical on 1 process, N processes or Dask, and every
policy of a sample sees the same seed (common random numbers).

A run that raises is retried once; every failed attempt is recorded with its parameters and
traceback and the sweep goes on. ``SweepResult.failed`` counts the runs that failed twice.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import fcntl
import hashlib
import importlib
import json
import math
import multiprocessing
import os
import platform
import signal
import socket
import sys
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .. import __version__
from ..core import InputError, Scenario
from .run import git_commit, run_scenario
from .spec import (
    Experiment,
    apply_factors,
    expand_design,
    kept_outcomes,
    load_experiment,
    plan_runs,
    sample_values,
)

RUNS, FAILURES, SERIES = "runs", "failures", "series"
ID_COLUMNS = ("run_id", "sample", "replicate", "policy", "seed")
TIMING_COLUMNS = ("attempts", "elapsed_s", "cpu_s")
MAX_ATTEMPTS = 2


# --------------------------------------------------------------------------- provenance
def _fingerprint_sources() -> str:
    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


#: Hash of the package's source files when this module was imported: the code a process runs.
#: Workers must agree with the driver (a sweep refuses Dask workers running other code), and
#: the manifest records it, since ``git_commit`` only says "+dirty" for uncommitted edits.
CODE_FINGERPRINT = _fingerprint_sources()


def code_fingerprint() -> str:
    return CODE_FINGERPRINT


# --------------------------------------------------------------------------- runners
def birosim_runner(scenario: Scenario, *, seed: int, steps: int, series: bool | list[str],
                   factors: dict[str, Any]) -> tuple[dict[str, float], pd.DataFrame | None]:
    """One birosim run: its summary and, when asked, its per-step series."""
    result = run_scenario(scenario, seed=seed, steps=steps, unit_series=False)
    frame = None
    if series:
        frame = result.timeseries
        if isinstance(series, list):
            frame = frame[["day", *series]]
    return result.summary, frame


def ishigami_runner(scenario: Scenario, *, seed: int, steps: int, series: bool | list[str],
                    factors: dict[str, Any]) -> dict[str, float]:
    """The Ishigami function (a = 7, b = 0.1) of factors x1, x2, x3 in [-pi, pi].

    A "model" with known Sobol indices (S1 = 0.314, 0.442, 0; ST = 0.558, 0.442, 0.244), to
    check that sampling, storage and analysis are wired together correctly.
    """
    x1, x2, x3 = (float(factors[k]) for k in ("x1", "x2", "x3"))
    return {"y": math.sin(x1) + 7.0 * math.sin(x2) ** 2 + 0.1 * x3**4 * math.sin(x1)}


def get_runner(name: str) -> Callable[..., Any]:
    if name == "birosim":
        return birosim_runner
    if name == "ishigami":
        return ishigami_runner
    module, _, func = name.partition(":")
    return getattr(importlib.import_module(module), func)


class InjectedFault(RuntimeError):
    """Raised by runs listed under ``[testing] fail_samples`` of a spec."""


# --------------------------------------------------------------------------- the task function
def run_chunk(payload: dict[str, Any]) -> list[dict[str, Any]]:
    """Run a chunk of runs (in a worker process); never raises for a failing run."""
    return [_run_one(payload, task) for task in payload["tasks"]]


def _run_one(payload: dict[str, Any], task: tuple) -> dict[str, Any]:
    rid, sample, replicate, policy, seed, values = task
    runner = get_runner(payload["runner"])
    outcomes = payload["outcomes"]
    fail_samples, fail_attempts = payload["faults"]
    errors = []
    for attempt in range(1, MAX_ATTEMPTS + 1):
        start, cpu = time.perf_counter(), time.process_time()
        try:
            if sample in fail_samples and attempt <= fail_attempts:
                raise InjectedFault(f"injected fault in sample {sample}, attempt {attempt}")
            scenario = apply_factors(payload["scenarios"][policy], values)
            out = runner(scenario, seed=seed, steps=payload["steps"], series=payload["series"],
                         factors=values)
            summary, series = out if isinstance(out, tuple) else (out, None)
            keys = outcomes if outcomes is not None else list(summary)
            summary = {k: float(summary[k]) for k in keys}
            return {"run_id": rid, "ok": True, "summary": summary, "series": series,
                    "attempts": attempt, "elapsed_s": time.perf_counter() - start,
                    "cpu_s": time.process_time() - cpu, "errors": errors}
        except Exception as exc:
            errors.append({
                "attempt": attempt, "error": f"{type(exc).__name__}: {exc}",
                "traceback": traceback.format_exc(), "elapsed_s": time.perf_counter() - start,
            })
    return {"run_id": rid, "ok": False, "attempts": MAX_ATTEMPTS, "errors": errors}


def task_payload(experiment: Experiment) -> dict[str, Any]:
    """What every chunk of a sweep's runs carries besides its runs (``run_chunk``)."""
    spec = experiment.spec
    return {
        "runner": spec.runner,
        "scenarios": experiment.policies,
        "steps": experiment.base.horizon_days,
        "series": spec.series,
        "outcomes": kept_outcomes(spec),
        "faults": (frozenset(spec.testing.fail_samples), spec.testing.fail_attempts),
    }


def run_tasks(plan: pd.DataFrame, values: list) -> list[tuple]:
    """The runs of ``plan`` (rows of ``plan_runs``) as tasks for ``run_chunk``."""
    return [
        (r.run_id, int(r.sample), int(r.replicate), r.policy, int(r.seed), values[r.sample])
        for r in plan.itertuples(index=False)
    ]


def warm_up(runner: str, scenario: Scenario) -> str:
    """Compile and load once per process (numba, imports) so timed runs do not pay for it;
    returns the process's code fingerprint."""
    if runner == "birosim":
        run_scenario(scenario, seed=0, steps=2, unit_series=False)
        git_commit()
    return CODE_FINGERPRINT


# --------------------------------------------------------------------------- engines
def _init_local_worker(parent_pid: int, close_fds: tuple[int, ...]) -> None:
    """In each forked worker: drop the sweep lock, ignore Ctrl-C (the driver stops the pool),
    die on SIGTERM whatever handler the driver had, and exit if the driver dies."""
    for fd in close_fds:
        with contextlib.suppress(OSError):
            os.close(fd)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)

    def watch() -> None:
        while True:
            time.sleep(1.0)
            if os.getppid() != parent_pid:
                os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


class InlineEngine:
    """Runs chunks in this process, one at a time (``workers = 1``)."""

    name = "local"
    workers = 1
    max_inflight = 1

    def submit(self, fn: Callable, arg: Any) -> cf.Future:
        future: cf.Future = cf.Future()
        try:
            future.set_result(fn(arg))
        except Exception as exc:
            future.set_exception(exc)
        return future

    def wait(self, futures: list, timeout: float | None) -> set:
        return set(futures)

    def recover(self, exc: BaseException) -> None:
        pass

    def close(self, cancel: bool = False) -> None:
        pass

    def describe(self) -> dict[str, Any]:
        return {"engine": "local", "workers": 1}


class LocalEngine:
    """A process pool (fork context) on this machine."""

    name = "local"

    def __init__(self, workers: int, close_fds: tuple[int, ...] = ()):
        self.workers = workers
        self.max_inflight = 2 * workers
        self._close_fds = close_fds
        self._start()

    def _start(self) -> None:
        self.pool = cf.ProcessPoolExecutor(
            max_workers=self.workers, mp_context=multiprocessing.get_context("fork"),
            initializer=_init_local_worker, initargs=(os.getpid(), self._close_fds),
        )
        # With the fork context every worker is forked at the first submit: do it now, before
        # this process starts any pyarrow threads.
        self.pool.submit(int, 0).result()

    def submit(self, fn: Callable, arg: Any) -> cf.Future:
        return self.pool.submit(fn, arg)

    def wait(self, futures: list, timeout: float | None) -> set:
        done, _ = cf.wait(futures, timeout=timeout, return_when=cf.FIRST_COMPLETED)
        return done

    def recover(self, exc: BaseException) -> None:
        """Start a fresh pool when a worker process died (once per broken pool: every task of
        the old pool reports the same breakage)."""
        if isinstance(exc, BrokenProcessPool) and getattr(self.pool, "_broken", True):
            self.close(cancel=True)
            self._start()

    def close(self, cancel: bool = False) -> None:
        if cancel:
            processes = list((getattr(self.pool, "_processes", None) or {}).values())
            self.pool.shutdown(wait=False, cancel_futures=True)
            for process in processes:
                with contextlib.suppress(Exception):
                    process.terminate()
        else:
            self.pool.shutdown(wait=True)

    def describe(self) -> dict[str, Any]:
        return {"engine": "local", "workers": self.workers}


class DaskEngine:
    """An existing dask.distributed scheduler, or a LocalCluster started for this sweep."""

    name = "dask"

    def __init__(self, address: str | None = None, workers: int | None = None,
                 quiet: bool = True):
        """``quiet``: slow the housekeeping timers of the cluster and its workers while the
        sweep runs (``dask_tuning``); off only to measure what that gains."""
        import logging

        import dask
        from distributed import Client, LocalCluster

        from .dask_tuning import QuietWorker, quiet_config

        self.cluster = None
        if address:
            try:
                self.client = Client(address, timeout=30)
            except (OSError, TimeoutError) as exc:
                raise InputError("--scheduler", "scheduler", address,
                                 "the address of a running dask scheduler (tcp://host:8786)",
                                 f"cannot connect: {exc}") from None
        else:
            with dask.config.set(quiet_config() if quiet else {}):
                self.cluster = LocalCluster(
                    n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                    processes=True, dashboard_address=None, silence_logs=logging.ERROR,
                )
            self.client = Client(self.cluster)
        self.quiet = quiet
        # a cluster started here read quiet_config; an existing one is quietened by the plugin
        self.plugin = quiet and address is not None
        if self.plugin:
            try:
                self.client.register_plugin(QuietWorker())
            except Exception as exc:
                self.plugin = False  # nothing to restore
                self.close()
                raise InputError(address or "--dask-workers", "workers", type(exc).__name__,
                                 "workers that can import and run birosim", str(exc)) from None
        self.address = address or self.cluster.scheduler_address
        info = self.client.scheduler_info()
        threads = sum(w.get("nthreads", 1) for w in info.get("workers", {}).values())
        self.workers = max(threads, 1)
        self.max_inflight = 2 * self.workers

    def run_everywhere(self, fn: Callable, *args: Any) -> dict[str, Any]:
        return self.client.run(fn, *args)

    def submit(self, fn: Callable, arg: Any):
        return self.client.submit(fn, arg, pure=False)

    def wait(self, futures: list, timeout: float | None) -> set:
        from distributed import wait

        try:
            return set(wait(futures, timeout=timeout, return_when="FIRST_COMPLETED").done)
        except TimeoutError:
            return set()

    def recover(self, exc: BaseException) -> None:
        pass

    def close(self, cancel: bool = False) -> None:
        from .dask_tuning import QuietWorker

        if self.plugin:
            with contextlib.suppress(Exception):
                self.client.unregister_worker_plugin(QuietWorker.name)
        with contextlib.suppress(Exception):
            self.client.close()
        if self.cluster is not None:
            with contextlib.suppress(Exception):
                self.cluster.close()

    def describe(self) -> dict[str, Any]:
        return {"engine": "dask", "workers": self.workers, "scheduler": self.address,
                "local_cluster": self.cluster is not None, "quiet": self.quiet}


# --------------------------------------------------------------------------- storage
def _now() -> str:
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


# --------------------------------------------------------------------------- progress
@dataclass
class Progress:
    done: int
    total: int
    failed: int
    ran: int
    todo: int
    elapsed_s: float

    @property
    def rate_per_min(self) -> float:
        return 60.0 * self.ran / self.elapsed_s if self.elapsed_s > 0 else 0.0

    @property
    def eta_s(self) -> float | None:
        left = self.todo - self.ran
        return left / (self.ran / self.elapsed_s) if self.ran and self.elapsed_s > 0 else None


def _duration(seconds: float | None) -> str:
    if seconds is None or not math.isfinite(seconds):
        return "?"
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}h{minutes:02d}m" if hours else f"{minutes}m{secs:02d}s"


class TextProgress:
    """A progress bar with rate and ETA on stderr (a line every 10 s when not a terminal)."""

    def __init__(self, stream=None, width: int = 30):
        self.stream = stream or sys.stderr
        self.width = width
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self._last = 0.0
        self._shown: tuple[int, int] | None = None

    def __call__(self, p: Progress, final: bool = False) -> None:
        now = time.monotonic()
        if not final and now - self._last < (0.2 if self.tty else 10.0):
            return
        if final and not self.tty and self._shown == (p.done, p.failed):
            return
        self._last = now
        self._shown = (p.done, p.failed)
        share = p.done / p.total if p.total else 1.0
        filled = int(self.width * share)
        bar = "#" * filled + "." * (self.width - filled)
        failed = f"  {p.failed} failed" if p.failed else ""
        line = (f"[{bar}] {p.done}/{p.total} runs{failed}  {p.rate_per_min:.0f} runs/min  "
                f"elapsed {_duration(p.elapsed_s)}  ETA {_duration(0 if final else p.eta_s)}")
        if self.tty:
            self.stream.write("\r" + line + ("\n" if final else ""))
        else:
            self.stream.write(line + "\n")
        self.stream.flush()


# --------------------------------------------------------------------------- the sweep
@dataclass
class SweepResult:
    out: Path
    total: int
    done: int
    failed: int
    ran: int
    recovered: int
    skipped: int
    elapsed_s: float
    engine: dict[str, Any]
    failed_ids: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    run_s: float = 0.0  # from the first task sent to the last result (no start-up costs)

    @property
    def complete(self) -> bool:
        return self.done == self.total


class _Chunker:
    """Cuts the runs to do into chunks of about ``target_s`` seconds of work each (measured
    from the runs finished so far), small enough that every worker gets several chunks, so
    that messages and per-task costs stay small and the end of the sweep stays balanced.
    ``fixed`` (``--chunk-size``) turns the adaptation off."""

    def __init__(self, tasks: list, workers: int, target_s: float, fixed: int | None = None):
        self.tasks = deque(tasks)
        self.retries: deque = deque()
        self.workers, self.target_s, self.fixed = workers, target_s, fixed
        self.busy_s, self.done = 0.0, 0

    def __bool__(self) -> bool:
        return bool(self.tasks or self.retries)

    def observe(self, results: list[dict]) -> None:
        for res in results:
            if res.get("ok"):
                self.busy_s += res["elapsed_s"]
                self.done += 1

    def size(self) -> int:
        if self.fixed:
            return self.fixed
        if not self.done:
            return 1
        per_run = max(self.busy_s / self.done, 1e-4)
        balance = max(1, len(self.tasks) // (self.workers * 3))
        return int(max(1, min(round(self.target_s / per_run), balance, 256)))

    def next(self) -> tuple[list, int]:
        if self.retries:
            return [self.retries.popleft()], 2
        n = self.size()
        return [self.tasks.popleft() for _ in range(min(n, len(self.tasks)))], 1


def run_sweep(
    spec: str | Path | Experiment,
    out: str | Path,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    dask_workers: int | None = None,
    chunk_size: int | None = None,
    retry_failed: bool = True,
    progress: Callable[[Progress, bool], None] | None = None,
    flush_runs: int = 256,
    flush_seconds: float = 10.0,
    log: Callable[[str], None] | None = None,
) -> SweepResult:
    """Run (or resume) the sweep of ``spec`` into the folder ``out``.

    Engines: ``scheduler`` (address of a dask.distributed scheduler) or ``dask_workers`` (start a
    LocalCluster) use Dask; otherwise ``workers`` local processes (default: all cores; 1 runs in
    this process). Runs already in ``out`` are skipped; runs that failed before are tried again
    unless ``retry_failed`` is False. ``progress(Progress, final)`` is called as runs finish
    (:class:`TextProgress` draws a bar with rate and ETA).
    """
    experiment = spec if isinstance(spec, Experiment) else load_experiment(spec)
    exp_spec = experiment.spec
    say = log or (lambda _msg: None)
    store = SweepStore(out)
    run_hash = experiment.run_hash()
    old = store.manifest()
    if old is not None and old.get("spec_hash") != run_hash:
        raise InputError(
            str(store.out), "spec", experiment.source,
            f"the spec this folder was made with (hash {old.get('spec_hash')}, "
            f"{old.get('spec_file')})", f"the runs of this spec differ (hash {run_hash}); "
            "use a new --out folder",
        )

    design = expand_design(exp_spec, experiment.factors)
    values = sample_values(experiment.factors, design)
    plan = plan_runs(exp_spec, len(design), list(experiment.policies))
    commit = git_commit()

    store.lock()
    try:
        # The engine before anything else: a local pool forks its workers before this process
        # uses pyarrow; they close their copy of the lock file.
        engine: InlineEngine | LocalEngine | DaskEngine
        if scheduler or dask_workers:
            engine = DaskEngine(scheduler, dask_workers)
        else:
            n = workers or os.cpu_count() or 1
            if n == 1:
                engine = InlineEngine()
            else:
                warm_up(exp_spec.runner, experiment.base)
                engine = LocalEngine(n, close_fds=(store.lock_fd,))
        return _sweep(experiment, store, engine, design, values, plan, run_hash, commit, old,
                      chunk_size, retry_failed, progress, flush_runs, flush_seconds, say,
                      time.perf_counter())
    finally:
        store.unlock()


def _sweep(experiment, store, engine, design, values, plan, run_hash, commit, old,
           chunk_size, retry_failed, progress, flush_runs, flush_seconds, say, started):
    exp_spec = experiment.spec
    interrupted = False
    try:
        notes = store.clean()
        for note in notes:
            say(note)
        write_text_atomic(experiment.text, store.out / "spec.toml")
        write_parquet_atomic(design, store.out / "design.parquet")
        done_ids = set(store.ids(RUNS))
        failed_before = set(store.ids(FAILURES)) - done_ids
        skip = done_ids if retry_failed else done_ids | failed_before
        todo = plan[~plan["run_id"].isin(skip)]
        session = datetime.now(UTC).strftime("%Y%m%dT%H%M%S") + f"-{os.getpid()}"
        manifest = _manifest(experiment, store, engine, old, run_hash, commit, plan, session)
        manifest["runs"] = _counts(len(plan), len(done_ids), len(failed_before))
        store.write_manifest(manifest)
        if old and old.get("code_fingerprint") not in (None, CODE_FINGERPRINT):
            say(f"note: the code changed since this sweep's last session "
                f"({old.get('code_fingerprint')} -> {CODE_FINGERPRINT}); finished runs are kept")
        if len(done_ids):
            say(f"resuming: {len(done_ids)} of {len(plan)} runs already done, {len(todo)} to run")

        if isinstance(engine, DaskEngine) and len(todo):
            try:
                prints = engine.run_everywhere(warm_up, exp_spec.runner, experiment.base)
            except Exception as exc:
                raise InputError(engine.address, "workers", type(exc).__name__,
                                 "workers that can import and run birosim",
                                 str(exc)) from None
            other = {w: p for w, p in prints.items() if p != CODE_FINGERPRINT}
            if other:
                worker, fp = next(iter(other.items()))
                raise InputError(engine.address, "workers", f"{worker} runs code {fp}",
                                 f"the driver's code ({CODE_FINGERPRINT})",
                                 "the package's source differs between workers and driver; "
                                 "install the same version everywhere (or the code changed "
                                 "while the cluster started)")

        state = _SweepState(store, session, len(plan), len(done_ids), len(todo),
                            set() if retry_failed else failed_before)
        payload = task_payload(experiment)
        factor_names = [f.name for f in experiment.factors]
        tasks = run_tasks(todo, values)
        target_s = 4.0 if isinstance(engine, DaskEngine) else 1.0
        chunks = _Chunker(tasks, engine.workers, target_s, chunk_size)
        inflight: dict[Any, tuple[list, int]] = {}
        last_flush = time.monotonic()
        clock = time.perf_counter()
        try:
            while chunks or inflight:
                while chunks and len(inflight) < engine.max_inflight:
                    if any(a == 2 for _, a in inflight.values()) or (chunks.retries and inflight):
                        break  # a run whose task failed is retried alone, to find the culprit
                    chunk, attempt = chunks.next()
                    inflight[engine.submit(run_chunk, {**payload, "tasks": chunk})] = (chunk,
                                                                                       attempt)
                wait_s = max(0.05, flush_seconds - (time.monotonic() - last_flush))
                for future in engine.wait(list(inflight), wait_s):
                    chunk, attempt = inflight.pop(future)
                    try:
                        results = future.result()
                    except Exception as exc:  # the task itself failed (e.g. a worker died)
                        engine.recover(exc)
                        if attempt == 1:
                            chunks.retries.extend(chunk)
                        else:
                            state.add([_chunk_failure(task, exc) for task in chunk], chunk,
                                      factor_names)
                        continue
                    state.add(results, chunk, factor_names)
                    chunks.observe(results)
                    if progress:
                        progress(state.progress(time.perf_counter() - clock), False)
                if state.buffered >= flush_runs or state.series_rows >= 200_000 or (
                    time.monotonic() - last_flush >= flush_seconds
                ):
                    state.flush()
                    store.write_manifest({**manifest, "runs": state.counts()})
                    last_flush = time.monotonic()
        except BaseException:
            interrupted = True
            engine.close(cancel=True)
            raise
        finally:
            state.flush()
            failed_ids = sorted(state.all_failed())
            manifest["runs"] = state.counts()
            manifest["finished"] = _now()
            manifest["status"] = ("interrupted" if interrupted else
                                  "complete" if manifest["runs"]["done"] == len(plan)
                                  else "incomplete")
            manifest["sessions"][-1].update(
                finished=manifest["finished"], status=manifest["status"], ran=state.ran,
                failed=len(state.failed_ids), recovered=state.recovered,
            )
            store.write_manifest(manifest)
        run_s = time.perf_counter() - clock
        if progress:
            progress(state.progress(run_s), True)
        return SweepResult(
            out=store.out, total=len(plan), done=manifest["runs"]["done"],
            failed=len(failed_ids), ran=state.ran, recovered=state.recovered,
            skipped=len(done_ids), elapsed_s=time.perf_counter() - started,
            engine=engine.describe(), failed_ids=failed_ids, notes=notes, run_s=run_s,
        )
    finally:
        if not interrupted:
            engine.close()


def _chunk_failure(task: tuple, exc: BaseException) -> dict[str, Any]:
    tb = "".join(traceback.format_exception(exc))
    error = {"attempt": MAX_ATTEMPTS, "error": f"{type(exc).__name__}: {exc}", "traceback": tb,
             "elapsed_s": float("nan")}
    return {"run_id": task[0], "ok": False, "attempts": MAX_ATTEMPTS, "errors": [error]}


def _counts(total: int, done: int, failed: int) -> dict[str, int]:
    return {"total": total, "done": done, "failed": failed, "pending": total - done - failed}


def _manifest(experiment: Experiment, store: SweepStore, engine, old, run_hash: str,
              commit: str | None, plan: pd.DataFrame, session: str) -> dict[str, Any]:
    spec = experiment.spec
    now = _now()
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


class _SweepState:
    """Buffers of finished runs, failures and series; counts; writes batches."""

    def __init__(self, store: SweepStore, session: str, total: int, done: int, todo: int,
                 skipped_failed: set[str]):
        self.store, self.session = store, session
        self.skipped_failed = skipped_failed
        self.total, self.done_before, self.todo = total, done, todo
        self.runs: list[dict] = []
        self.failures: list[dict] = []
        self.series: list[pd.DataFrame] = []
        self.series_rows = 0
        self.part = 0
        self.ran = 0
        self.recovered = 0
        self.ok_ids: set[str] = set()
        self.failed_ids: set[str] = set()

    @property
    def buffered(self) -> int:
        return len(self.runs) + len(self.failures)

    def add(self, results: list[dict], chunk: list[tuple], factor_names: list[str]) -> None:
        by_id = {task[0]: task for task in chunk}
        for res in results:
            rid, sample, replicate, policy, seed, values = by_id[res["run_id"]]
            ids = {"run_id": rid, "sample": sample, "replicate": replicate, "policy": policy,
                   "seed": seed}
            self.ran += 1
            for err in res["errors"]:
                self.failures.append({
                    **ids, "params": json.dumps(values, default=str), "attempt": err["attempt"],
                    "error": err["error"], "traceback": err["traceback"],
                    "elapsed_s": err["elapsed_s"], "recovered": bool(res["ok"]),
                    "session": self.session,
                })
            if not res["ok"]:
                self.failed_ids.add(rid)
                continue
            if res["errors"]:
                self.recovered += 1
            self.ok_ids.add(rid)
            self.failed_ids.discard(rid)
            self.runs.append({**ids, **{n: values[n] for n in factor_names}, **res["summary"],
                              "attempts": res["attempts"], "elapsed_s": res["elapsed_s"],
                              "cpu_s": res["cpu_s"]})
            if res.get("series") is not None:
                frame = res["series"].copy()
                for i, (key, value) in enumerate(ids.items()):
                    if key != "seed":
                        frame.insert(i, key, value)
                self.series.append(frame)
                self.series_rows += len(frame)

    def flush(self) -> None:
        if not self.runs and not self.failures:
            return
        self.store.write_batch(f"{self.session}-{self.part:05d}", self.runs, self.failures,
                               self.series)
        self.part += 1
        self.runs, self.failures, self.series, self.series_rows = [], [], [], 0

    def progress(self, elapsed: float) -> Progress:
        return Progress(done=self.done_before + len(self.ok_ids), total=self.total,
                        failed=len(self.failed_ids), ran=self.ran, todo=self.todo,
                        elapsed_s=elapsed)

    def all_failed(self) -> set[str]:
        return self.failed_ids | self.skipped_failed

    def counts(self) -> dict[str, int]:
        return _counts(self.total, self.done_before + len(self.ok_ids), len(self.all_failed()))


def summary_frame(out: str | Path, drop_timing: bool = True) -> pd.DataFrame:
    """Runs sorted by run id without timing columns: what must match across engines."""
    frame = load_runs(out)
    if drop_timing:
        frame = frame.drop(columns=[c for c in TIMING_COLUMNS if c in frame.columns])
    return frame


__all__ = [
    "DaskEngine", "InlineEngine", "LocalEngine", "Progress", "SweepResult", "SweepStore",
    "TextProgress", "birosim_runner", "get_runner", "ishigami_runner", "iter_series",
    "load_failures", "load_runs", "load_series", "run_chunk", "run_sweep", "summary_frame",
    "write_parquet_atomic",
]
