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

import numpy as np

from ..submodel import StepContext, SubmodelBase

IKM_MIN, IKM_MAX = 25.0, 100.0


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

    def on_day(self, ctx: StepContext) -> None:
        today = ctx.today
        today["ikm_sum"], today["ratings"] = self.rate(today)
        today["complaints"] = self.complaints(today["asked"])
        self.expect(today)

    def expect(self, today: dict[str, np.ndarray]) -> None:
        """Update the lead time citizens expect and the share of the need that applies
        tomorrow (see module docstring)."""
        ctx = self.context
        levers = ctx.levers.citizens
        units = ctx.units
        fastest = ctx.org.approval_layers.astype(np.float64)
        if ctx.day == 0:  # before anyone has been served, citizens expect the fastest service
            units.expected_wait = fastest.copy()
        ended = today["resolved"] + today["withdrawn"]
        waited = today["lead_sum"] + today["withdrawn"] * ctx.levers.service.citizen_patience_days
        experienced = np.divide(waited, ended, out=units.expected_wait.copy(), where=ended > 0)
        units.expected_wait += (experienced - units.expected_wait) / levers.reputation_days
        units.demand_response = (np.maximum(units.expected_wait, fastest) / fastest) ** -levers.wait_elasticity

    def rate(self, today: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        """(sum of IKM scores, number of ratings) per unit for today's ended cases."""
        levers = self.context.levers.citizens
        weights = levers.weight_timeliness + levers.weight_quality + levers.weight_integrity
        resolved = today["resolved"]
        quality = self.context.units.quality
        score = (
            levers.weight_timeliness * today["timely"]
            + levers.weight_quality * quality * resolved
            + levers.weight_integrity * (resolved - today["asked"])
        ) / max(weights, 1e-12)
        ikm_sum = IKM_MIN * (resolved + today["withdrawn"]) + (IKM_MAX - IKM_MIN) * score
        return ikm_sum, resolved + today["withdrawn"]

    def complaints(self, asked: np.ndarray) -> np.ndarray:
        return self.context.streams.citizens.binomial(asked, self.context.levers.citizens.complaint_propensity)
