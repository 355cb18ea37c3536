"""The Dask engine: an existing dask.distributed scheduler, or a LocalCluster started for the
sweep, quietened while it runs (``dask_tuning``). Dask is imported only when this engine is used."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from typing import Any

from ...core import InputError


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
