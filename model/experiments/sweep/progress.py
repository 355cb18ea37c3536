"""Progress of a sweep: counts, rate and ETA, and a text bar drawing them."""

from __future__ import annotations

import math
import sys
import time
from dataclasses import dataclass


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
