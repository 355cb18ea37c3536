"""Citizens: satisfaction on the IKM scale and complaints (B2).

What it represents: each citizen whose case ends rates the service on the *Indeks Kepuasan
Masyarakat* scale, 25-100 (PermenPANRB 14/2017 on the IKM survey guideline), from timeliness
against the unit's published service standard (standar pelayanan, PermenPANRB 15/2014), the
quality of the decision and whether an illicit payment (*pungli*) was demanded. A citizen who
withdrew after waiting past their patience gives the lowest score. Citizens asked for pungli
complain with ``citizens.complaint_propensity``; their expected rate feeds detection (integrity
submodel) and the realised complaints are an output.

    timeliness = 1 if lead <= standard else exp(-(lead - standard) / standard)
    ikm = 25 + 75 * (w_t * timeliness + w_q * quality + w_i * (1 - asked)) / (w_t + w_q + w_i)
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
    writes = ()
    streams = ("citizens",)
    source = "PermenPANRB 14/2017 (IKM); PermenPANRB 15/2014 (service standards)"
    odd_section = "7.10"

    def __init__(self, ctx: StepContext):
        self.context = ctx

    def on_day(self, ctx: StepContext) -> None:
        today = ctx.today
        today["ikm_sum"], today["ratings"] = self.rate(today)
        today["complaints"] = self.complaints(today["asked"])

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
