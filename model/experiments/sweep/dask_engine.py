"""The Dask engine: an existing dask.distributed scheduler, or a LocalCluster started for the
sweep, quietened while it runs (``dask_tuning``). Dask is imported only when this engine is used.

Ctrl-C reaches every process of the terminal's process group, the cluster's workers included;
they would each print a traceback. The workers of a cluster started here ignore SIGINT (the
disposition is inherited by the processes the nannies start) and are stopped by the sweep, which
cancels its tasks and closes the client, then the cluster, with Dask's loggers silenced."""

from __future__ import annotations

import contextlib
import logging
import os
import signal
from collections.abc import Callable
from typing import Any

from ...core import InputError


class DaskEngine:
    """An existing dask.distributed scheduler, or a LocalCluster started for this sweep."""

    name = "dask"

    def __init__(self, address: str | None = None, workers: int | None = None,
                 quiet: bool = True, dashboard_port: int | None = None):
        """``quiet``: slow the housekeeping timers of the cluster and its workers while the
        sweep runs (``dask_tuning``); off only to measure what that gains. ``dashboard_port``:
        serve the started cluster's dashboard on 127.0.0.1 at that port (0: any free port);
        None keeps it off."""
        import dask
        from distributed import Client, LocalCluster

        from .dask_tuning import QuietWorker, quiet_config

        self.cluster = None
        self.dashboard = dashboard_port is not None
        if address:
            try:
                self.client = Client(address, timeout=30)
            except (OSError, TimeoutError) as exc:
                raise InputError("--scheduler", "scheduler", address,
                                 "the address of a running dask scheduler (tcp://host:8786)",
                                 f"cannot connect: {exc}") from None
        else:
            dashboard = None if dashboard_port is None else f"127.0.0.1:{dashboard_port}"
            previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
            try:
                with dask.config.set(quiet_config() if quiet else {}):
                    self.cluster = LocalCluster(
                        n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                        processes=True, dashboard_address=dashboard,
                        silence_logs=logging.ERROR,
                    )
            finally:
                signal.signal(signal.SIGINT, previous)
            self.client = Client(self.cluster)
        self.futures: set = set()  # submitted and not yet handed back by wait()
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

    @property
    def dashboard_link(self) -> str | None:
        """The dashboard's address (None when it is off)."""
        if self.cluster is not None and not self.dashboard:
            return None
        with contextlib.suppress(Exception):
            return self.client.dashboard_link
        return None

    def submit(self, fn: Callable, arg: Any):
        future = self.client.submit(fn, arg, pure=False)
        self.futures.add(future)
        return future

    def wait(self, futures: list, timeout: float | None) -> set:
        from distributed import wait

        try:
            done = set(wait(futures, timeout=timeout, return_when="FIRST_COMPLETED").done)
        except TimeoutError:
            return set()
        self.futures -= done
        return done

    def recover(self, exc: BaseException) -> None:
        pass

    def close(self, cancel: bool = False) -> None:
        """End the session; ``cancel`` (an interrupt): cancel the tasks in flight first, and
        keep Dask's loggers quiet while workers are stopped mid-task."""
        from .dask_tuning import QuietWorker

        if cancel:
            for name in ("distributed", "tornado", "asyncio"):
                logging.getLogger(name).setLevel(logging.CRITICAL + 1)
            with contextlib.suppress(Exception):
                self.client.cancel(list(self.futures), force=True)
        self.futures.clear()
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
                "local_cluster": self.cluster is not None, "quiet": self.quiet,
                "dashboard": self.dashboard_link}
