"""Collaboration and innovation: ideas, pilots and Bass-like diffusion over unit links (R4, B5).

What it represents: staff spend ``innovation_time_share`` of their hours on improvement; ideas
arise in proportion to innovativeness x time. Where failure is tolerated more ideas are piloted;
a pilot works with ``success_probability`` (times the unit's mean skill) and cuts the work per
case by a gain drawn around ``mean_gain``; a failed pilot costs motivation where failure is
punished. A working innovation then spreads to other units with the Bass (1969) hazard::

    hazard_u,j = p + q * collaboration_u * F_u,j        (per year)

where ``F_u,j`` is the share of unit u's contact with units that have adopted innovation j: its
colleagues (the other units of its own organisation, who meet in its coordination forums) and,
in the default ``small_world`` network, partners elsewhere (``colleague_share`` of the contact
goes to colleagues, the rest to partners). ``q`` here is the hazard at full exposure
and full collaboration, not Bass's coefficient: a unit all of whose contacts use a working
practice takes it up within about a year, one yearly work plan (Renja, Permendagri 86/2017),
where it collaborates fully (an assumption). With a fully mixed network this is the Bass model
(an S-curve) with Bass's q = ``q * collaboration``; with no collaboration adoption only follows
p (no S-curve). What an organisation's adoption curves show is measured, not set
(``birosim validate bass``: Sultan, Farley & Lehmann 1990, J. Marketing Research 27(1), found
p ~ 0.03 and q ~ 0.38 a year on average). Replication of public-sector innovation between regions is
the aim of KemenPANRB's *Kompetisi Inovasi Pelayanan Publik* (PermenPANRB 91/2021).

Gains have diminishing returns: the adopted innovations' product of ``(1 - gain)`` cuts only
the part of the work above ``innovation.work_floor`` (70 %: improvement cannot remove the case itself), which
keeps the effect within what evaluations of public-sector innovation report (modest, with
failures; Gerrish 2016 for the related performance-management literature).

Innovations are ``innovation.practice_kinds`` kinds of improved practice (e.g. online booking, a simplified SOP): a
working pilot improves a kind drawn at random, the first one opens it with its gain. A kind
adopted nearly everywhere is retired into the adopters' permanent productivity and its slot is
free for the next generation, so a long or national run never runs out of kinds.
"""

from __future__ import annotations

import numba
import numpy as np
import scipy.sparse as sp

from ..day_totals import adoption_share
from ..staff_passes import scale_by_unit
from ..submodel import StepContext, SubmodelBase


def small_world_links(n: int, rng: np.random.Generator, neighbours: int,
                      rewiring: float) -> sp.csr_matrix:
    """Row-normalised links of a Watts-Strogatz small world: ``neighbours`` partners per unit on
    a ring, each link rewired to a random unit with ``rewiring`` (both directions)."""
    k = min(neighbours // 2, (n - 1) // 2) or 1
    base = np.arange(n)
    rows = np.concatenate([base] * k)
    cols = np.concatenate([(base + j) % n for j in range(1, k + 1)])
    rewire = rng.random(len(rows)) < rewiring
    cols[rewire] = rng.integers(0, n, rewire.sum())
    keep = rows != cols
    rows, cols = np.concatenate([rows[keep], cols[keep]]), np.concatenate([cols[keep], rows[keep]])
    links = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
    links.data[:] = 1.0
    degree = np.asarray(links.sum(axis=1)).ravel()
    return (sp.diags(np.divide(1.0, degree, out=np.zeros(n), where=degree > 0)) @ links).tocsr()


@numba.njit(cache=True, nogil=True)
def adopted_log_sums(adopted, log_keep):
    """Per unit: the sum of ``log_keep[kind]`` over the kinds it has adopted, in kind order.
    (A BLAS product ``adopted @ log_keep`` gives bits that depend on how many threads BLAS
    uses, one in a Dask worker, and its idle threads spin on the CPU after each call.)"""
    sums = np.zeros(adopted.shape[0])
    for u in range(adopted.shape[0]):
        total = 0.0
        for kind in range(adopted.shape[1]):
            if adopted[u, kind]:
                total += log_keep[kind]
        sums[u] = total
    return sums


@numba.njit(cache=True, nogil=True)
def contact_share(adopted, parent, group_count, others, to_colleagues, indptr, indices, weights):
    """F[u, j] of :meth:`ContactNetwork.share` in one pass (numpy and scipy calls on a few units
    cost more in overhead than in arithmetic). Colleagues' counts are sums of ones, so exact;
    partners' weighted sums run in the links' stored order, as scipy's CSR product does, so
    the result is the same to the bit."""
    n, kinds = adopted.shape
    group_adopted = np.zeros((group_count, kinds))
    for u in range(n):
        for kind in range(kinds):
            if adopted[u, kind]:
                group_adopted[parent[u], kind] += 1.0
    result = np.empty((n, kinds))
    for u in range(n):
        for kind in range(kinds):
            colleagues = (group_adopted[parent[u], kind] - adopted[u, kind]) / others[u]
            result[u, kind] = to_colleagues[u] * colleagues
            if indptr[u + 1] > indptr[u]:
                partners = 0.0
                for link in range(indptr[u], indptr[u + 1]):
                    partners += weights[link] * adopted[indices[link], kind]
                result[u, kind] += (1 - to_colleagues[u]) * partners
    return result


class ContactNetwork:
    """Whom a unit learns from. ``parent_org``: its colleagues, the other units of its own
    organisation (they meet in its coordination forums), evenly; ``small_world``:
    ``colleague_share`` of its contact with colleagues and the rest with ``neighbours`` partners
    on a ring rewired with ``rewiring``, which reach across organisations (a unit alone in its
    organisation gives all its contact to partners); ``complete``: every other unit evenly;
    ``none``: no one. Colleagues' shares are group sums, so a large organisation costs no more
    than a small one."""

    def __init__(self, kind: str, parent: np.ndarray, rng: np.random.Generator,
                 neighbours: int, rewiring: float, colleague_share: float):
        n = len(parent)
        self.parent = np.zeros(n, dtype=np.int64) if kind == "complete" else parent
        group_size = np.bincount(self.parent)
        self.group_count = len(group_size)
        has_colleagues = group_size[self.parent] > 1
        self.others = np.maximum(group_size[self.parent] - 1, 1).astype(np.float64)
        self.partners = sp.csr_matrix((n, n))  # no partners unless a small world links them
        self.to_colleagues = np.zeros(n)
        if kind in ("complete", "parent_org"):
            self.to_colleagues = has_colleagues.astype(float)
        elif kind == "small_world" and n > 1:
            self.partners = small_world_links(n, rng, neighbours, rewiring)
            has_partners = np.diff(self.partners.indptr) > 0
            self.to_colleagues = np.where(has_colleagues,
                                          np.where(has_partners, colleague_share, 1.0), 0.0)

    def share(self, adopted: np.ndarray) -> np.ndarray:
        """F[u, j]: the share of u's contact that is with units that have adopted j."""
        partners = self.partners
        return contact_share(adopted.astype(np.float64), self.parent, self.group_count,
                             self.others, self.to_colleagues, partners.indptr, partners.indices,
                             partners.data)


class Innovation(SubmodelBase):
    """Monthly ideas, pilots and the diffusion of working innovations between units."""

    name = "innovation"
    group = "innovation"
    reads = ("units.innovativeness_sum", "units.skill_mean", "units.headcount", "staff.unit")
    writes = ("units.work_multiplier", "staff.motivation")
    streams = ("innovation", "network")
    source = "Bass 1969; Sultan, Farley & Lehmann 1990; PermenPANRB 91/2021"
    odd_section = "7.6"

    def __init__(self, ctx: StepContext):
        self.context = ctx
        n = ctx.org.n_units
        levers = ctx.levers.innovation
        self.slots = levers.practice_kinds
        self.adopted = np.zeros((n, self.slots), dtype=bool)
        self.in_use = np.zeros(self.slots, dtype=bool)
        self.gain = np.zeros(self.slots)
        self.retired_multiplier = np.ones(n)
        self.contacts = ContactNetwork(
            levers.network, ctx.org.parent_index(), ctx.streams.network,
            levers.small_world_neighbours, levers.small_world_rewiring, levers.colleague_share,
        )
        self.ideas = 0
        self.pilots_failed = 0
        self.adoptions = 0
        self.created = 0

    def seed(self, unit: int, gain: float) -> int:
        """Introduce a working innovation in one unit (used by tests and validation)."""
        if self.in_use.all():
            self._retire(int(np.argmax(self.adopted.mean(axis=0))))
        slot = int(np.argmin(self.in_use))
        self._open(np.array([slot]), np.array([gain]))
        self.adopted[unit, slot] = True
        self.adoptions += 1
        return slot

    def _open(self, slots: np.ndarray, gains: np.ndarray) -> None:
        self.in_use[slots] = True
        self.gain[slots] = gains
        self.adopted[:, slots] = False
        self.created += len(slots)

    def invent(self, works: np.ndarray) -> None:
        """Each working pilot improves one of the ``slots`` kinds of practice, drawn at random:
        the first unit to get a kind working opens it (with its gain); later inventors of the
        same kind adopt it as if by their own discovery."""
        rng = self.context.streams.innovation
        unit = np.repeat(np.arange(len(works)), works)
        if len(unit) == 0:
            return
        levers = self.context.levers.innovation
        kind = rng.integers(0, self.slots, len(unit))
        new_kinds = np.unique(kind[~self.in_use[kind]])
        gains = np.minimum(rng.exponential(levers.mean_gain, len(new_kinds)), levers.max_gain)
        self._open(new_kinds, gains)
        fresh = ~self.adopted[unit, kind]
        self.adopted[unit[fresh], kind[fresh]] = True
        self.adoptions += int(np.unique(unit[fresh] * self.slots + kind[fresh]).size)

    def _retire(self, slot: int) -> None:
        self.retired_multiplier[self.adopted[:, slot]] *= 1 - self.gain[slot]
        self.adopted[:, slot] = False
        self.in_use[slot] = False

    def on_month(self, ctx: StepContext) -> None:
        days = int(round(ctx.days_per_year / ctx.months_per_year))
        levers = ctx.levers.innovation
        units = ctx.units
        rng = ctx.streams.innovation
        time_share = ctx.practice["innovation.innovation_time_share"]
        tolerance = ctx.practice["innovation.failure_tolerance"]
        ideas = rng.poisson(levers.idea_rate * units.innovativeness_sum * time_share * days)
        intolerant = levers.pilot_share_intolerant
        piloted = rng.binomial(ideas, intolerant + (1 - intolerant) * tolerance)
        works = rng.binomial(piloted, np.clip(levers.success_probability * units.skill_mean, 0, 1))
        self.ideas += int(ideas.sum())
        failed = piloted - works
        self.pilots_failed += int(failed.sum())
        self._discourage(failed, tolerance)
        self.invent(works)

        years = days / ctx.days_per_year
        collaboration = ctx.practice["innovation.collaboration"]
        hazard = levers.external_rate + levers.imitation_rate * collaboration[:, None] * self.contacts.share(self.adopted)
        new = (
            ~self.adopted
            & self.in_use[None, :]
            & (rng.random(self.adopted.shape) < 1 - np.exp(-hazard * years))
        )
        self.adopted |= new
        self.adoptions += int(new.sum())
        saturated = self.in_use & (self.adopted.mean(axis=0) >= levers.retire_at)
        for slot in np.flatnonzero(saturated):
            self._retire(int(slot))
        remaining = self.retired_multiplier * np.exp(
            adopted_log_sums(self.adopted, np.log1p(-self.gain)))
        units.work_multiplier = levers.work_floor + (1 - levers.work_floor) * remaining

    def _discourage(self, failed: np.ndarray, tolerance: np.ndarray) -> None:
        """Failed pilots lower the unit's motivation where failure is punished."""
        levers = self.context.levers.innovation
        staff = self.context.staff
        headcount = np.maximum(self.context.units.headcount, 1)
        hit = levers.failure_discouragement * failed * (1 - tolerance) / headcount
        scale_by_unit(staff.view("motivation"), staff.view("unit"),
                      (1 - np.minimum(hit, levers.max_discouragement)).astype(np.float64))

    def adoption_share(self) -> float:
        """Mean share of units that have adopted each innovation in use (the day's record
        computes it with the same kernel)."""
        return adoption_share(self.adopted, self.in_use)
