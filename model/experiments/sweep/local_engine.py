"""Engines on this machine: runs in this process (one worker) or in a pool of forked
processes. An engine submits chunks and waits for them; the driver (``driver``) does the rest."""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures.process import BrokenProcessPool
from typing import Any


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
