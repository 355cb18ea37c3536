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
few cache lines; a case moving one desk on stays in the same line. The queue kernel
``serve_day`` is compiled with numba because it walks each unit's cohorts; ``service_day``
around it makes the day's draws and computes capacities and utilisation unit by unit in the
same compiled pass (a small organisation's day is then one call, not dozens of numpy calls on
tiny arrays).
"""

from __future__ import annotations

import numba
import numpy as np

from .. import draws
from ..submodel import StepContext, SubmodelBase

WINDOW = 256
N_STAGES = 7  # casework + up to six sign-off layers
#: utilisation is read over about a month of working days (a reporting window, not behaviour)
UTILISATION_DAYS = 21
#: beyond ten times capacity a utilisation says nothing more (reports stay finite)
MAX_UTILISATION = 10.0
#: the day's per-unit counts :func:`service_day` writes, the rows of ``Service.day_counts``
DAY_COUNTS = ("need", "arrivals", "deterred", "layers", "withdrawn", "resolved", "lead_sum",
              "on_time", "returned", "backlog", "bottleneck_stage")
#: the day's per-unit values it writes, the rows of ``Service.day_values``
DAY_VALUES = ("timely", "work_capacity", "utilisation")


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


@numba.njit(cache=True, nogil=True, error_model="numpy")
def service_day(
    keys, day, year_share, seasonality, demand_multiplier, absence_rate, official_absence_rate,
    absence_factor, hours_per_day, approval_ratio, patience, rework_at_zero_quality, record, counts, oldest,
    queue, carry, capacity, rework_carry, offered_recent, capacity_recent, lead_hist,
    base_demand, season_phase, demand_factor, demand_response, front_count, front_hours,
    overhead, effort, work_hours_per_case, work_multiplier, official_count, official_skill,
    official_required, reference_demand, approval_layers, delegation, standard, quality,
    day_counts, day_values, served, offered, stage_capacity,
):
    """One day of every unit: the day's draws, the stages' capacities, :func:`serve_day`, and
    each stage's offered load and utilisation (module docstring; what ``Service.on_day``
    publishes as ``context.today``), written into ``day_counts`` and ``day_values`` (rows
    :data:`DAY_COUNTS`, :data:`DAY_VALUES`) and the per-stage ``served``, ``offered`` and
    ``stage_capacity``, arrays kept from day to day (a returned array costs more to box than a
    small organisation's whole day of queueing).

    Draws (counter-based, :mod:`birosim.core.draws`; ``keys`` are the streams ``arrivals``,
    ``deterrence`` and ``service``): the citizens' need is Poisson around the seasonal demand,
    of which each applies with ``demand_response``; front-line staff are away with
    ``absence_rate`` and each layer's officials with ``official_absence_rate``, both times the
    unit's ``absence_factor`` (monitoring that leaders use cuts absence, measurement 7.4)."""
    n_units = counts.shape[0]
    n_layers = official_count.shape[1]
    day_counts[:] = 0
    day_values[:] = 0.0
    served[:] = 0
    offered[:] = 0.0
    stage_capacity[:] = 0.0
    need, arrivals, deterred, layers, withdrawn, resolved = day_counts[:6]
    lead_sum, on_time, returned, backlog, bottleneck = day_counts[6:]
    timely, work_capacity, utilisation = day_values
    n_stages = np.zeros(n_units, dtype=np.int64)
    rework_share = np.zeros(n_units)
    season_angle = 2 * np.pi
    for u in range(n_units):
        season = 1.0 + seasonality * np.sin(season_angle * (year_share - season_phase[u]))
        mean = base_demand[u] * demand_multiplier * season * demand_factor[u]
        need[u] = draws.poisson(draws.start(keys[0], day, u, 0), mean)
        applying = min(max(demand_response[u], 0.0), 1.0)
        arrivals[u] = draws.binomial(draws.start(keys[1], day, u, 0), need[u], applying)
        deterred[u] = need[u] - arrivals[u]
        present_share = 1.0 - absence_rate * absence_factor[u]
        official_present_share = 1.0 - official_absence_rate * absence_factor[u]
        present = draws.binomial(draws.start(keys[2], day, u, 0), front_count[u], present_share)
        presence = present / front_count[u] if front_count[u] > 0 else 0.0
        work_hours = front_hours[u] * presence * hours_per_day * (1.0 - overhead[u])
        capacity[u, 0] = work_hours * effort[u] / (work_hours_per_case[u] * work_multiplier[u])
        work_capacity[u] = capacity[u, 0]
        # delegation removes sign-off layers above the first
        n_stages[u] = 2 + np.int64(np.rint((approval_layers[u] - 1) * (1.0 - delegation[u])))
        for j in range(n_layers):
            if j + 1 >= n_stages[u]:  # a layer not in use serves nothing: no presence drawn
                capacity[u, 1 + j] = 0.0
                continue
            count = official_count[u, j]
            present = draws.binomial(draws.start(keys[2], day, u, 1 + j), count,
                                     official_present_share)
            share = present / count if count > 0 else 0.0
            capacity[u, 1 + j] = (approval_ratio * reference_demand[u] * official_skill[u, j]
                                  * share / max(official_required[u, j], 1))
        layers[u] = n_stages[u] - 1
        rework_share[u] = rework_at_zero_quality * (1 - quality[u])

    serve_day(day, counts, oldest, queue, arrivals, capacity, carry, n_stages, patience, standard,
              rework_share, rework_carry, record, served, returned, withdrawn, resolved, lead_sum,
              on_time, timely, lead_hist)

    weight = 1.0 / UTILISATION_DAYS
    for u in range(n_units):
        for s in range(N_STAGES):
            backlog[u] += queue[u, s]
            if s >= n_stages[u] and offered_recent[u, s] == 0.0 and capacity_recent[u, s] == 0.0:
                continue  # a stage not in use and with no recent load: nothing below changes
            if s < n_stages[u]:
                if s == 0:
                    offered[u, s] = arrivals[u] + returned[u]
                elif s == 1:
                    offered[u, s] = served[u, 0] - returned[u]
                else:
                    offered[u, s] = served[u, s - 1]
                stage_capacity[u, s] = capacity[u, s]
            # utilisation over about a month, so a day on which a layer's only official is
            # away does not count as infinite load
            offered_recent[u, s] += weight * (offered[u, s] - offered_recent[u, s])
            capacity_recent[u, s] += weight * (stage_capacity[u, s] - capacity_recent[u, s])
            if capacity_recent[u, s] > 0:
                rho = offered_recent[u, s] / capacity_recent[u, s]
            else:
                rho = MAX_UTILISATION if offered_recent[u, s] > 0 else 0.0
            rho = min(rho, MAX_UTILISATION)
            if s == 0 or rho > utilisation[u]:
                utilisation[u] = rho
                bottleneck[u] = s


class Service(SubmodelBase):
    """Demand, casework and sign-off queues for every unit; see the module docstring.

    Publishes the queues (``context.queue``) and each day's results (``context.today``)."""

    name = "service"
    group = "service"
    reads = ("units.front_count", "units.front_hours", "units.overhead", "units.effort",
             "units.absence_factor", "units.work_multiplier", "units.official_count", "units.official_skill",
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
        #: counter-based keys of the daily draws: citizens' need, who applies, who is present
        self.keys = np.array([ctx.streams.key(name) for name in self.streams], dtype=np.uint64)
        #: the day's results, rewritten each day (``context.today`` holds the current day's only)
        self.day_counts = np.zeros((len(DAY_COUNTS), n_units), dtype=np.int64)
        self.day_values = np.zeros((len(DAY_VALUES), n_units))
        self.served = np.zeros((n_units, N_STAGES), dtype=np.int64)
        self.offered = np.zeros((n_units, N_STAGES))
        self.stage_capacity = np.zeros((n_units, N_STAGES))
        self.results = self._results()
        ctx.queue = self.queue

    def _results(self) -> dict[str, np.ndarray]:
        """The day's results by name: views of the arrays :func:`service_day` writes."""
        return {
            **dict(zip(DAY_COUNTS, self.day_counts, strict=True)),
            **dict(zip(DAY_VALUES, self.day_values, strict=True)),
            "served": self.served, "offered": self.offered, "stage_capacity": self.stage_capacity,
        }

    def __getstate__(self) -> dict:
        state = self.__dict__.copy()
        del state["results"]  # views: a pickle would copy them apart from the arrays they view
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self.results = self._results()

    def effective_layers(self) -> np.ndarray:
        """Sign-off layers each unit uses today: delegation removes layers above the first."""
        layers = self.context.org.approval_layers
        delegation = self.context.practice["service.delegation"]
        return 1 + np.rint((layers - 1) * (1.0 - delegation)).astype(np.int64)

    def on_day(self, ctx: StepContext) -> None:
        """Arrivals, casework and sign-off of one day; the results become ``context.today``."""
        levers = ctx.levers.service
        units = ctx.units
        org = ctx.org
        day = ctx.day
        service_day(
            self.keys, day, (day % ctx.days_per_year) / ctx.days_per_year, levers.seasonality,
            levers.demand_multiplier, levers.absence_rate, levers.official_absence_rate,
            units.absence_factor, levers.hours_per_day,
            levers.approval_capacity_ratio, levers.citizen_patience_days,
            levers.rework_at_zero_quality, day >= ctx.warmup_days, self.counts, self.oldest,
            self.queue, self.carry, self.capacity, self.rework_carry, self.offered_recent,
            self.capacity_recent, self.lead_hist, self.base_demand, org.season_phase,
            self.demand_factor, units.demand_response, units.front_count, units.front_hours,
            units.overhead, units.effort, org.work_hours_per_case, units.work_multiplier,
            units.official_count, units.official_skill, units.official_required,
            units.reference_demand, org.approval_layers, ctx.practice["service.delegation"],
            self.standard, units.quality, self.day_counts, self.day_values, self.served,
            self.offered, self.stage_capacity,
        )
        ctx.today = dict(self.results)
