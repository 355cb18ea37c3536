"""Named random streams: one seed fixes a run, and paired runs share their citizens.

Every submodel draws from its own stream, spawned from the scenario seed with a fixed key. Two
runs with the same seed but different levers therefore see the same citizens (arrivals) and the
same initial staff, and differ only where their rules make them draw differently: common random
numbers for paired comparisons. The daily draws inside compiled kernels (arrivals, presence,
corrupt acts, complaints) take a stream's :meth:`Streams.key` instead of its generator: they are
counter-based (:mod:`birosim.core.draws`), a function of the key, the day and the unit.
"""

from __future__ import annotations

import functools
import zlib

import numpy as np


class Streams:
    """``streams.arrivals``, ``streams.integrity``, ...: independent generators from one seed."""

    def __init__(self, seed: int):
        self.seed = int(seed)
        self._cache: dict[str, np.random.Generator] = {}

    def __getattr__(self, name: str) -> np.random.Generator:
        if name.startswith("_"):
            raise AttributeError(name)
        if name not in self._cache:
            key = zlib.crc32(name.encode())
            self._cache[name] = np.random.Generator(
                np.random.PCG64(np.random.SeedSequence(self.seed, spawn_key=(key,)))
            )
        return self._cache[name]

    def key(self, name: str) -> np.uint64:
        """The 64-bit key of stream ``name`` for the counter-based draws of compiled kernels
        (:mod:`birosim.core.draws`): from the same seed and name as the generator, so it is the
        same in every process."""
        return stream_key(self.seed, name)

    def __getstate__(self):
        return {"seed": self.seed, "_cache": self._cache}

    def __setstate__(self, state):
        self.__dict__.update(state)


@functools.lru_cache(maxsize=1024)
def stream_key(seed: int, name: str) -> np.uint64:
    """:meth:`Streams.key`, kept: a seed sequence costs tens of microseconds and some kernels
    take their key at every call (promotions, several times a month)."""
    sequence = np.random.SeedSequence(seed, spawn_key=(zlib.crc32(name.encode()),))
    return sequence.generate_state(1, np.uint64)[0]
