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

- ``runners``: what workers run (runners, the chunk task function, the code fingerprint);
- ``local_engine``, ``dask_engine`` (with ``dask_tuning``): where chunks run;
- ``store``: the folder (atomic Parquet parts, manifest, reading back for resume and analysis);
- ``progress``: counts, rate, ETA;
- ``driver``: :func:`run_sweep`.
"""

from .dask_engine import DaskEngine
from .driver import SweepResult, run_sweep
from .local_engine import InlineEngine, LocalEngine
from .progress import Progress, TextProgress
from .runners import (
    CODE_FINGERPRINT,
    birosim_runner,
    code_fingerprint,
    get_runner,
    ishigami_runner,
    run_chunk,
    run_tasks,
    task_payload,
    warm_up,
)
from .store import (
    ID_COLUMNS,
    TIMING_COLUMNS,
    SweepStore,
    iter_series,
    load_failures,
    load_runs,
    load_series,
    summary_frame,
    write_parquet_atomic,
)

__all__ = [
    "CODE_FINGERPRINT", "ID_COLUMNS", "TIMING_COLUMNS", "DaskEngine", "InlineEngine",
    "LocalEngine", "Progress", "SweepResult", "SweepStore", "TextProgress", "birosim_runner",
    "code_fingerprint", "get_runner", "ishigami_runner", "iter_series", "load_failures",
    "load_runs", "load_series", "run_chunk", "run_sweep", "run_tasks", "summary_frame",
    "task_payload", "warm_up", "write_parquet_atomic",
]
