"""The one seed scheme of every experiment: sweeps, comparisons and validation.

Run *(sample s, replicate r)* of an experiment with seed ``S`` gets
``SeedSequence(S, spawn_key=(s, r)).generate_state(1, uint64) >> 1`` (a 63-bit whole number;
with ``common=True`` the key is ``(r,)``, so every sample shares replicate *r*'s seed). The
policy is not part of the key: every policy of a sample and replicate runs on the same seed, so
they see the same citizens and the same initial staff (common random numbers). A comparison is
the one-sample case: option *k*'s replicate *r* runs on ``replicate_seed(S, 0, r)``, the seed
the same replicate gets in a sweep of those policies with seed ``S``.

Seeds depend on nothing else (not on the order, the engine or the number of workers), and are
prefix-stable: asking for more replicates keeps the seeds, and results, of the first ones.
"""

from __future__ import annotations

import numpy as np

from ..core.errors import InputError

SEED_RULE = "numpy.random.SeedSequence(seed, spawn_key=(sample, replicate)).generate_state(1, uint64) >> 1"


def replicate_seed(seed: int, sample: int, replicate: int, common: bool = False) -> int:
    """The seed of run (``sample``, ``replicate``) of an experiment seeded ``seed``."""
    key = (replicate,) if common else (sample, replicate)
    state = np.random.SeedSequence(int(seed), spawn_key=key).generate_state(1, dtype=np.uint64)
    return int(state[0] >> np.uint64(1))


def replicate_seeds(seed: int, replicates: int) -> list[int]:
    """The seeds of replicates ``0 .. replicates-1`` of a comparison seeded ``seed`` (sample 0)."""
    if replicates < 1:
        raise InputError("compare", "replicates", replicates, "a whole number >= 1")
    if seed < 0:
        raise InputError("compare", "seed", seed, "a whole number >= 0")
    return [replicate_seed(seed, 0, r) for r in range(int(replicates))]
