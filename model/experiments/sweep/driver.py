"""The sweep driver: plans the runs, skips those already in the folder, sends chunks of about a
few seconds of work to the engine, buffers results and writes them in batches, and records each
session in the manifest."""

from __future__ import annotations

import json
import os
import time
import traceback
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from ...core import InputError
from ..run import git_commit
from ..spec import Experiment, expand_design, load_experiment, plan_runs, sample_values
from .dask_engine import DaskEngine
from .local_engine import InlineEngine, LocalEngine
from .progress import Progress
from .runners import CODE_FINGERPRINT, MAX_ATTEMPTS, run_chunk, run_tasks, task_payload, warm_up
from .store import (
    FAILURES,
    RUNS,
    SweepStore,
    build_manifest,
    check_same_sizes,
    run_counts,
    utc_now,
    write_parquet_atomic,
    write_text_atomic,
)


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
    dask_dashboard: int | None = None,
    chunk_size: int | None = None,
    retry_failed: bool = True,
    progress: Callable[[Progress, bool], None] | None = None,
    flush_runs: int = 256,
    flush_seconds: float = 10.0,
    log: Callable[[str], None] | None = None,
) -> SweepResult:
    """Run (or resume) the sweep of ``spec`` into the folder ``out``.

    Engines: ``scheduler`` (address of a dask.distributed scheduler) or ``dask_workers`` (start a
    LocalCluster; ``dask_dashboard``: serve its dashboard on 127.0.0.1 at that port, 0 for any
    free one, and say its link) use Dask; otherwise ``workers`` local processes (default: all cores; 1 runs in
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
    if old is not None:
        check_same_sizes(store.out, old, experiment)
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
            engine = DaskEngine(scheduler, dask_workers, dashboard_port=dask_dashboard)
            if dask_dashboard is not None:
                link = engine.dashboard_link
                say(f"Dask dashboard: {link}" if link else
                    "Dask dashboard: not available (the cluster serves none)")
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
        manifest = build_manifest(experiment, store, engine, old, run_hash, commit, plan, session)
        manifest["runs"] = run_counts(len(plan), len(done_ids), len(failed_before))
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
            manifest["finished"] = utc_now()
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
        return run_counts(self.total, self.done_before + len(self.ok_ids), len(self.all_failed()))
