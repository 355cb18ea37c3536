"""Keeps Dask's own housekeeping out of the way of birosim runs.

A Dask worker runs each task in a thread beside its event loop, and the loop wakes on timers of
its own: the statistical profiler samples every thread's stack every 10 ms, the event-loop tick
runs every 20 ms and the system monitor every 0.5 s. Each wake-up takes the GIL from the thread
running the simulation. Measured on one-year kabupaten runs (a Dask worker and a plain process
taking turns on the same runs), a run was 8-16 % slower in Dask; the profiler alone accounted
for about 10 points. With the profiler off and the other timers slowed, the difference is
0-4 %. The scheduler and the nannies of a local cluster live in the sweep's own process and wake
on the same timers (plus a memory check of each worker every 0.1 s): idle, a 2-worker
``LocalCluster`` used 8-10 % of a core there and 6 % in each worker; quietened, 1.3 % and 0.5 %.

- ``quiet_config()``: Dask settings under which the Dask engine starts its ``LocalCluster``
  (scheduler, nannies and workers all read them when they are created);
- ``QuietWorker``: a worker plugin doing the same to the timers of the workers of an existing
  cluster (``--scheduler``) for the length of a sweep; removing it restores them. A sweep killed
  with ``kill -9`` leaves it registered until the cluster restarts. The memory setting of
  ``quiet_config`` cannot be changed in a running worker: start workers with
  ``MALLOC_TRIM_THRESHOLD_`` unset (``docs/experiments.md``).

What is given up: Dask's statistical profile of the sweep's tasks, and finer-grained resource
plots on the Dask dashboard. Task timings, logs and the task stream are unaffected.
"""

from __future__ import annotations

from typing import Any

from distributed import WorkerPlugin

TICK_MS = 1000.0  # Dask: 20 ms
SYSTEM_MONITOR_MS = 5000.0  # Dask: 500 ms
MEMORY_MONITOR_MS = 1000.0  # Dask: 100 ms; it enforces the memory limit, so kept at 1 s


def quiet_config() -> dict[str, Any]:
    """Settings for ``dask.config.set`` while a local cluster is created."""
    return {
        "distributed.worker.profile.enabled": False,
        "distributed.admin.tick.interval": f"{TICK_MS:.0f}ms",
        "distributed.admin.system-monitor.interval": f"{SYSTEM_MONITOR_MS:.0f}ms",
        "distributed.worker.memory.monitor-interval": f"{MEMORY_MONITOR_MS:.0f}ms",
        # Dask sets MALLOC_TRIM_THRESHOLD_=65536 in its worker processes so that glibc hands
        # freed memory back to the system at once; a run allocates and frees its arrays every
        # step, and that setting made two workers' runs a further 2-5 % slower.
        "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    }


class QuietWorker(WorkerPlugin):
    """Stops the profiler and slows the tick and system monitor of each worker it is set up
    on; ``teardown`` (the plugin being removed) puts them back."""

    name = "birosim-quiet-worker"
    stopped = ("profile", "profile-cycle")
    slowed = {"tick": TICK_MS, "monitor": SYSTEM_MONITOR_MS}

    def __init__(self) -> None:
        self.saved: dict[str, float | None] = {}

    def setup(self, worker) -> None:
        timers = worker.periodic_callbacks
        for name in self.stopped:
            if name in timers and timers[name].is_running():
                timers[name].stop()
                self.saved[name] = None
        for name, interval_ms in self.slowed.items():
            if name in timers:
                self.saved[name] = timers[name].callback_time
                timers[name].callback_time = interval_ms

    def teardown(self, worker) -> None:
        timers = worker.periodic_callbacks
        for name, interval_ms in self.saved.items():
            if name not in timers:
                continue
            if interval_ms is None:
                timers[name].start()
            else:
                timers[name].callback_time = interval_ms
        self.saved.clear()
