"""Service and sign-off: citizens' cases queue for casework, then for each approval layer.

What it represents (W1 unresponsive, R3 responsive): each unit receives citizens' requests as a
Poisson stream of need with a yearly cycle and shocks, of which each citizen applies with
probability ``units.demand_response`` (slow service deters the rest; citizens submodel). Front-line staff's hours, net of absence and
overhead, are spent on casework first-come first-served; each worked case then queues for
sign-off at each approval layer in turn, where officials' presence is the scarce resource. A
case moves at most one desk per day (files move desk to desk), so every layer adds at least one
day. A share of worked cases, larger the lower the unit's quality, turns out incomplete and
needs another day of casework (*berkas tidak lengkap*). Citizens whose case has not been worked
within their patience withdraw.

The queues are conserved (arrived = resolved + open + withdrawn) and, being first-come
first-served counts of cohorts by arrival day, satisfy Little's law exactly for the end-of-day
backlog; lead time grows like 1/(1-rho) as utilisation rho nears 1 (queueing theory, e.g.
Kleinrock 1975). Approval layers raise mean and spread of resolution times and delegation lowers
them (Glynn, Greve & Rao 2020).

State per unit: ``counts[u, day % WINDOW, stage]``, the number of cases that arrived on ``day``
and now wait at ``stage`` (0 = casework, 1..6 = sign-off layers). The stages of one arrival day
sit side by side (int32, 28 bytes), so a unit's live cohorts, a few days at every stage, share a
few cache lines; a case moving one desk on stays in the same line. The daily kernel is compiled
with numba because it walks each unit's cohorts; everything else is vectorised over units.
"""

from __future__ import annotations

import numba
import numpy as np

from ..submodel import StepContext, SubmodelBase

WINDOW = 256
N_STAGES = 7  # casework + up to six sign-off layers
#: utilisation is read over about a month of working days (a reporting window, not behaviour)
UTILISATION_DAYS = 21
#: beyond ten times capacity a utilisation says nothing more (reports stay finite)
MAX_UTILISATION = 10.0


@numba.njit(cache=True, nogil=True)
def serve_day(
    day,
    counts,
    oldest,
    queue,
    arrivals,
    capacity,
    carry,
    n_stages,
    patience,
    standard,
    rework_share,
    rework_carry,
    record,
    served,
    returned,
    withdrawn,
    done,
    done_lead_sum,
    done_on_time,
    done_timely,
    lead_hist,
):
    """Advance every unit's queues by one day (see module docstring).

    ``capacity[u, s]`` is cases that stage ``s`` can serve today; ``carry`` keeps fractions of a
    case between days while a queue is not empty. Of the cases worked at stage 0, a share
    ``rework_share[u]`` turns out incomplete and needs another day of casework (the fractional
    remainder is carried in ``rework_carry``). Outputs (per unit, today) are written into
    ``served[u, s]``, ``returned`` (worked cases sent back to casework), ``withdrawn``, ``done`` (resolved), ``done_lead_sum``, ``done_on_time``,
    ``done_timely`` (sum of timeliness scores) and, when ``record``, ``lead_hist[u, lead]``.
    """
    n_units = counts.shape[0]
    today = day % WINDOW
    for u in range(n_units):
        counts[u, today, 0] += arrivals[u]
        queue[u, 0] += arrivals[u]
        if arrivals[u] > 0 and oldest[u, 0] > day:
            oldest[u, 0] = day
        last = n_stages[u] - 1
        for s in range(N_STAGES - 1, -1, -1):
            if queue[u, s] == 0:
                carry[u, s] = 0.0
                oldest[u, s] = day + 1
                continue
            budget = carry[u, s] + (capacity[u, s] if s <= last else 1e18)
            free = np.floor(budget)
            first_left = day + 1
            d = oldest[u, s]
            while d <= day:
                slot = d % WINDOW
                c = counts[u, slot, s]
                if c == 0:
                    d += 1
                    continue
                age = day - d
                if (s == 0 and age > patience) or age >= WINDOW - 1:
                    counts[u, slot, s] = 0
                    queue[u, s] -= c
                    withdrawn[u] += c
                    d += 1
                    continue
                if free <= 0:
                    if first_left > day:
                        first_left = d
                    break
                take = c
                if take > free:
                    take = np.int64(free)
                free -= take
                served[u, s] += take
                moved = take
                if s == 0 and s < last:
                    extra = take * rework_share[u] + rework_carry[u]
                    again = np.int64(np.floor(extra))
                    rework_carry[u] = extra - again
                    returned[u] += again
                    moved = take - again
                counts[u, slot, s] -= moved
                queue[u, s] -= moved
                if s >= last:
                    done[u] += moved
                    done_lead_sum[u] += moved * age
                    if age <= standard[u]:
                        done_on_time[u] += moved
                        done_timely[u] += moved
                    else:
                        done_timely[u] += moved * np.exp(-(age - standard[u]) / standard[u])
                    if record:
                        lead_hist[u, age] += moved
                else:
                    counts[u, slot, s + 1] += moved
                    queue[u, s + 1] += moved
                    if oldest[u, s + 1] > d:
                        oldest[u, s + 1] = d
                if counts[u, slot, s] > 0 and first_left > day:
                    first_left = d
                if take < c:
                    break
                d += 1
            oldest[u, s] = first_left
            carry[u, s] = budget - np.floor(budget) if queue[u, s] > 0 and s <= last else 0.0


def stage_utilisation(offered: np.ndarray, capacity: np.ndarray) -> np.ndarray:
    """rho per unit and stage: offered load / capacity; a stage with load and no capacity
    counts as :data:`MAX_UTILISATION` (its queue only grows), an idle unused stage as 0."""
    rho = np.divide(offered, capacity, out=np.where(offered > 0, MAX_UTILISATION, 0.0),
                    where=capacity > 0)
    return np.minimum(rho, MAX_UTILISATION)


class Service(SubmodelBase):
    """Demand, casework and sign-off queues for every unit; see the module docstring.

    Publishes the queues (``context.queue``) and each day's results (``context.today``)."""

    name = "service"
    group = "service"
    reads = ("units.front_count", "units.front_hours", "units.overhead", "units.effort",
             "units.work_multiplier", "units.official_count", "units.official_skill",
             "units.official_required", "units.quality", "units.demand_response")
    writes = ("units (queues, published as context.queue)",)
    streams = ("arrivals", "deterrence", "service")
    source = "Kleinrock 1975 (queueing); Glynn, Greve & Rao 2020; PermenPANRB 15/2014"
    odd_section = "7.1"

    def __init__(self, ctx: StepContext):
        n_units = ctx.org.n_units
        self.context = ctx
        self.counts = np.zeros((n_units, WINDOW, N_STAGES), dtype=np.int32)
        self.oldest = np.full((n_units, N_STAGES), 0, dtype=np.int64)
        self.queue = np.zeros((n_units, N_STAGES), dtype=np.int64)
        self.carry = np.zeros((n_units, N_STAGES))
        self.capacity = np.zeros((n_units, N_STAGES))
        self.lead_hist = np.zeros((n_units, WINDOW), dtype=np.int64)
        self.base_demand = ctx.org.daily_demand.astype(np.float64)
        self.standard = ctx.org.service_standard_days.astype(np.float64)
        self.demand_factor = np.ones(n_units)
        self.rework_carry = np.zeros(n_units)
        self.offered_recent = np.zeros((n_units, N_STAGES))
        self.capacity_recent = np.zeros((n_units, N_STAGES))
        ctx.queue = self.queue

    def effective_layers(self) -> np.ndarray:
        """Sign-off layers each unit uses today: delegation removes layers above the first."""
        layers = self.context.org.approval_layers
        delegation = self.context.practice["service.delegation"]
        return 1 + np.rint((layers - 1) * (1.0 - delegation)).astype(np.int64)

    def on_day(self, ctx: StepContext) -> None:
        """Arrivals, casework and sign-off of one day; the results become ``context.today``."""
        levers = ctx.levers.service
        day = ctx.day
        year_share = (day % ctx.days_per_year) / ctx.days_per_year - ctx.org.season_phase
        season = 1.0 + levers.seasonality * np.sin(2 * np.pi * year_share)
        need = ctx.streams.arrivals.poisson(
            self.base_demand * levers.demand_multiplier * season * self.demand_factor)
        # the same citizens' need in paired runs; who of them applies is drawn on its own stream
        arrivals = ctx.streams.deterrence.binomial(need, np.clip(ctx.units.demand_response, 0, 1))

        units = ctx.units
        present_front = ctx.streams.service.binomial(units.front_count, 1.0 - levers.absence_rate)
        presence = np.divide(present_front, units.front_count, out=np.zeros(len(need)),
                             where=units.front_count > 0)
        work_hours = units.front_hours * presence * levers.hours_per_day * (1.0 - units.overhead)
        self.capacity[:, 0] = work_hours * units.effort / (ctx.org.work_hours_per_case * units.work_multiplier)

        present_officials = ctx.streams.service.binomial(
            units.official_count, 1.0 - levers.official_absence_rate
        )
        share_present = np.divide(present_officials, units.official_count,
                                  out=np.zeros_like(units.official_skill), where=units.official_count > 0)
        self.capacity[:, 1:] = (
            levers.approval_capacity_ratio
            * units.reference_demand[:, None]
            * units.official_skill
            * share_present
            / np.maximum(units.official_required, 1)
        )
        n_stages = 1 + self.effective_layers()
        n = len(need)
        out = {
            "arrivals": arrivals,
            "need": need,
            "deterred": need - arrivals,
            "served": np.zeros((n, N_STAGES), dtype=np.int64),
            "withdrawn": np.zeros(n, dtype=np.int64),
            "resolved": np.zeros(n, dtype=np.int64),
            "lead_sum": np.zeros(n, dtype=np.int64),
            "on_time": np.zeros(n, dtype=np.int64),
            "timely": np.zeros(n),
            "returned": np.zeros(n, dtype=np.int64),
            "work_capacity": self.capacity[:, 0].copy(),
            "layers": n_stages - 1,
        }
        serve_day(
            day, self.counts, self.oldest, self.queue, arrivals, self.capacity, self.carry,
            n_stages, levers.citizen_patience_days, self.standard,
            levers.rework_at_zero_quality * (1 - units.quality), self.rework_carry,
            day >= ctx.warmup_days,
            out["served"], out["returned"], out["withdrawn"], out["resolved"], out["lead_sum"], out["on_time"],
            out["timely"], self.lead_hist,
        )
        out["backlog"] = self.queue.sum(axis=1)
        in_use = np.arange(N_STAGES) < n_stages[:, None]
        out["offered"] = self.offered_load(arrivals, out["served"], out["returned"]) * in_use
        out["stage_capacity"] = self.capacity * in_use
        out["utilisation"], out["bottleneck_stage"] = self.utilisation(out["offered"], out["stage_capacity"])
        ctx.today = out

    @staticmethod
    def offered_load(arrivals: np.ndarray, served: np.ndarray, returned: np.ndarray) -> np.ndarray:
        """Cases offered to each stage today: casework gets the arrivals and the returned
        (incomplete) cases; each sign-off layer gets what the stage before passed on."""
        offered = np.zeros(served.shape)
        offered[:, 0] = arrivals + returned
        offered[:, 1] = served[:, 0] - returned
        offered[:, 2:] = served[:, 1:-1]
        return offered

    def utilisation(self, offered: np.ndarray, capacity: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Each unit's busiest stage and its utilisation rho = offered load / capacity, both
        over about the last month (moving averages over ``UTILISATION_DAYS``), so a day on
        which a layer's only official is away does not count as infinite load."""
        weight = 1.0 / UTILISATION_DAYS
        self.offered_recent += weight * (offered - self.offered_recent)
        self.capacity_recent += weight * (capacity - self.capacity_recent)
        rho = stage_utilisation(self.offered_recent, self.capacity_recent)
        stage = rho.argmax(axis=1)
        return rho[np.arange(len(stage)), stage], stage
