"""Citizens: satisfaction on the IKM scale, complaints, and who applies at all (B2).

What it represents: each citizen whose case ends rates the service on the *Indeks Kepuasan
Masyarakat* scale, 25-100 (PermenPANRB 14/2017 on the IKM survey guideline), from timeliness
against the unit's published service standard (standar pelayanan, PermenPANRB 15/2014), the
quality of the decision and whether an illicit payment (*pungli*) was demanded. A citizen who
withdrew after waiting past their patience gives the lowest score. Citizens asked for pungli
complain with ``citizens.complaint_propensity``; their expected rate feeds detection (integrity
submodel) and the realised complaints are an output.

    timeliness = 1 if lead <= standard else exp(-(lead - standard) / standard)
    ikm = 25 + 75 * (w_t * timeliness + w_q * quality + w_i * (1 - asked)) / (w_t + w_q + w_i)

Latent demand: a unit's ``daily_demand`` is the citizens' need, what they would bring if every
case took the fastest time the unit's own sign-off chain allows (one working day per layer of the
organisation file, before any delegation). Slow service deters: of the need, the share that
applies falls with the lead time citizens expect, with a constant elasticity (demand's low
elasticity to waiting time in public services, Martin & Smith 1999); citizens expect what others
recently experienced, a moving average over ``reputation_days`` of the lead time of ended cases
(a withdrawn citizen waited their patience):

    expected_u  <- expected_u + (experienced_u - expected_u) / reputation_days
    applying_u  = min(1, (expected_u / layers_u) ** -wait_elasticity)

The share only falls as the expected lead time rises, so faster service never deters more.
so when a unit gets faster the deterred citizens come forward and its capacity becomes output.
"""

from __future__ import annotations

import numba
import numpy as np

from .. import draws
from ..submodel import StepContext, SubmodelBase

IKM_MIN, IKM_MAX = 25.0, 100.0


@numba.njit(cache=True, nogil=True)
def ratings_today(resolved, withdrawn, asked, timely, quality, weight_timeliness,
                  weight_quality, weight_integrity, ikm_sum, ratings):
    """Into ``ikm_sum`` and ``ratings``: the sum of IKM scores and the number of ratings per
    unit for today's ended cases (module docstring)."""
    weights = max(weight_timeliness + weight_quality + weight_integrity, 1e-12)
    for u in range(resolved.shape[0]):
        score = (weight_timeliness * timely[u] + weight_quality * quality[u] * resolved[u]
                 + weight_integrity * (resolved[u] - asked[u])) / weights
        ikm_sum[u] = IKM_MIN * (resolved[u] + withdrawn[u]) + (IKM_MAX - IKM_MIN) * score
        ratings[u] = resolved[u] + withdrawn[u]


@numba.njit(cache=True, nogil=True)
def complaints_and_expectations(key, day, asked, complaint_propensity, resolved, withdrawn,
                                lead_sum, patience, fastest, reputation_days, wait_elasticity,
                                expected_wait, demand_response, complaints):
    """Into ``complaints``: today's complaints per unit (each citizen asked for pungli
    complains with ``complaint_propensity``; counter-based draws, :mod:`birosim.core.draws`);
    in place, the lead time citizens expect and the share of the need that applies tomorrow."""
    for u in range(asked.shape[0]):
        complaints[u] = draws.binomial(draws.start(key, day, u, 0), asked[u], complaint_propensity)
        ended = resolved[u] + withdrawn[u]
        if ended > 0:
            experienced = (lead_sum[u] + withdrawn[u] * patience) / ended
        else:
            experienced = expected_wait[u]
        expected_wait[u] += (experienced - expected_wait[u]) / reputation_days
        demand_response[u] = (max(expected_wait[u], fastest[u]) / fastest[u]) ** -wait_elasticity


@numba.njit(cache=True, nogil=True)
def citizens_day(key, day, resolved, withdrawn, asked, timely, quality, weight_timeliness,
                 weight_quality, weight_integrity, complaint_propensity, lead_sum, patience,
                 fastest, reputation_days, wait_elasticity, expected_wait, demand_response,
                 ikm_sum, ratings, complaints):
    """:func:`ratings_today` and :func:`complaints_and_expectations` in one call, into
    ``ikm_sum``, ``ratings`` and ``complaints``."""
    ratings_today(resolved, withdrawn, asked, timely, quality, weight_timeliness, weight_quality,
                  weight_integrity, ikm_sum, ratings)
    complaints_and_expectations(
        key, day, asked, complaint_propensity, resolved, withdrawn, lead_sum, patience, fastest,
        reputation_days, wait_elasticity, expected_wait, demand_response, complaints)


class Citizens(SubmodelBase):
    """Each day: ratings of the cases that ended, and complaints about pungli."""

    name = "citizens"
    group = "citizens"
    reads = ("units.quality",)
    writes = ("units.expected_wait", "units.demand_response")
    streams = ("citizens",)
    source = ("PermenPANRB 14/2017 (IKM); PermenPANRB 15/2014 (service standards); "
              "Martin & Smith 1999 (demand's elasticity to waiting time)")
    odd_section = "7.10"

    def __init__(self, ctx: StepContext):
        self.context = ctx
        self.key = ctx.streams.key("citizens")
        self.fastest = ctx.org.approval_layers.astype(np.float64)
        n = ctx.org.n_units
        #: today's results, rewritten each day (``context.today`` holds the current day's only)
        self.ikm_sum = np.zeros(n)
        self.ratings = np.zeros(n, dtype=np.int64)
        self.complaints = np.zeros(n, dtype=np.int64)

    def on_day(self, ctx: StepContext) -> None:
        """Ratings, complaints, and what citizens expect tomorrow (module docstring)."""
        today = ctx.today
        levers = ctx.levers.citizens
        units = ctx.units
        if ctx.day == 0:  # before anyone has been served, citizens expect the fastest service
            units.expected_wait = self.fastest.copy()
        citizens_day(
            self.key, ctx.day, today["resolved"], today["withdrawn"], today["asked"],
            today["timely"], units.quality, levers.weight_timeliness, levers.weight_quality,
            levers.weight_integrity, levers.complaint_propensity, today["lead_sum"],
            ctx.levers.service.citizen_patience_days, self.fastest, levers.reputation_days,
            levers.wait_elasticity, units.expected_wait, units.demand_response, self.ikm_sum,
            self.ratings, self.complaints,
        )
        today["ikm_sum"], today["ratings"], today["complaints"] = (
            self.ikm_sum, self.ratings, self.complaints)

    def rate(self, today: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        """(sum of IKM scores, number of ratings) per unit for today's ended cases."""
        levers = self.context.levers.citizens
        n = len(today["resolved"])
        ikm_sum, ratings = np.zeros(n), np.zeros(n, dtype=np.int64)
        ratings_today(
            today["resolved"], today["withdrawn"], today["asked"], today["timely"],
            self.context.units.quality, levers.weight_timeliness, levers.weight_quality,
            levers.weight_integrity, ikm_sum, ratings,
        )
        return ikm_sum, ratings
