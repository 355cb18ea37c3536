"""A straightforward Mesa reference of birosim's casework rules, for speed comparisons only.

One ``mesa.Agent`` per staff member, activated each day with ``model.agents.shuffle_do("step")``,
as a Mesa user would first write it. It is not part of the birosim package and no result of the
project comes from it; ``compare_reference.py`` runs it side by side with birosim.

The casework rules are birosim's (``birosim.core.submodels.service``):

- each unit receives a Poisson number of cases a day (its ``daily_demand`` with a yearly cycle);
- front-line staff (grade 0), if present (absence 8 %), work cases first-come first-served from
  their unit's casework queue at ``skill * drive * hours_per_day * (1 - overhead) /
  work_hours_per_case`` cases a day, keeping fractions of a case while the queue is not empty;
- every worked case then queues for sign-off at each approval layer in turn; an official of
  grade g, if present (absence 15 %), signs ``approval_capacity_ratio * daily_demand * skill /
  posts_g`` cases a day, the posts following the same span-of-control pyramid as birosim;
- a case moves at most one desk a day; citizens whose case waits for casework longer than their
  patience (120 days) withdraw; resolved cases count their lead time and whether it met the
  unit's service standard.

What it leaves out (birosim does all of these, every day or month, for every staff member):
integrity (corrupt acts, peer contagion, detection, sanctions), citizens' IKM ratings and
complaints, careers (ageing, retirement, resignation, training, promotion), yearly budgeting and
recruitment, reallocation between units, innovation and diffusion, performance measurement and
gaming, goal clarity and overhead dynamics, the reform rollout, shocks, and per-unit series. The
overhead is fixed per unit (0.06 + 0.30 * (1 - goal_clarity)). It is therefore a *lower bound*
on what a one-object-per-person Mesa version of the full model would cost.

It is kept honest, not deliberately slow: arrivals are drawn for all units in one numpy call,
queues are ``collections.deque`` of cohorts ``[arrival day, cases]`` (as birosim's counts, so a
staff member moves a whole cohort at once rather than one case object at a time), agents draw
absence from Python's fast ``random``, and no DataCollector is used (plain counters instead).
"""

from __future__ import annotations

import csv
import math
from collections import deque
from pathlib import Path

import mesa
import numpy as np

HOURS_PER_DAY = 7.5
ABSENCE = 0.08
OFFICIAL_ABSENCE = 0.15
APPROVAL_CAPACITY_RATIO = 2.0
PATIENCE_DAYS = 120
SEASONALITY = 0.1
DAYS_PER_YEAR = 250
SPAN_OF_CONTROL = 8
MAX_GRADE = 6


class Unit:
    """An organisational unit: its queues (one per stage) and its case accounting."""

    def __init__(self, row: dict[str, str]):
        self.unit_id = row["unit_id"]
        self.staff = int(row["staff"])
        self.demand = float(row["daily_demand"])
        self.layers = int(row["approval_layers"])
        self.standard = float(row["service_standard_days"])
        self.hours_per_case = float(row["work_hours_per_case"])
        self.overhead = 0.06 + 0.30 * (1 - float(row.get("goal_clarity") or 0.4))
        # cohorts [arrival day, cases], oldest first, one queue per stage (0 = casework)
        self.queues = [deque() for _ in range(self.layers + 1)]
        self.inbox = [{} for _ in range(self.layers + 1)]  # arrival day -> cases passed on today
        self.resolved = self.withdrawn = self.lead_sum = self.on_time = 0

    def posts(self) -> list[int]:
        """Officials per sign-off layer: span of control 8, at least one per layer (birosim)."""
        return [max(1, round(self.staff / SPAN_OF_CONTROL**g)) for g in range(1, self.layers + 1)]

    def pass_on(self, stage: int, arrived: int, cases: int, day: int) -> None:
        """``cases`` of the cohort that arrived on ``arrived`` leave ``stage`` today."""
        if stage == self.layers:
            lead = day - arrived
            self.resolved += cases
            self.lead_sum += cases * lead
            if lead <= self.standard:
                self.on_time += cases
        else:
            inbox = self.inbox[stage + 1]
            inbox[arrived] = inbox.get(arrived, 0) + cases

    def end_of_day(self) -> None:
        """Cases passed on today reach the next desk (a case moves at most one desk a day)."""
        for stage in range(1, self.layers + 1):
            inbox = self.inbox[stage]
            if inbox:
                queue = self.queues[stage]
                for arrived in sorted(inbox):
                    if queue and queue[-1][0] == arrived:
                        queue[-1][1] += inbox[arrived]
                    else:
                        queue.append([arrived, inbox[arrived]])
                self.inbox[stage] = {}

    def backlog(self) -> int:
        return sum(cohort[1] for q in self.queues for cohort in q)


class StaffAgent(mesa.Agent):
    """One civil servant: works cases from its unit's queue at its stage (0 = casework)."""

    def __init__(self, model: CaseworkModel, unit: Unit, grade: int, cases_per_day: float):
        super().__init__(model)
        self.unit = unit
        self.grade = grade
        self.cases_per_day = cases_per_day
        self.absence = ABSENCE if grade == 0 else OFFICIAL_ABSENCE
        self.carry = 0.0

    def step(self) -> None:
        if self.model.random.random() < self.absence:
            return
        unit = self.unit
        queue = unit.queues[self.grade]
        if not queue:
            self.carry = 0.0
            return
        day = self.model.day
        budget = self.carry + self.cases_per_day
        while budget >= 1.0 and queue:
            cohort = queue[0]
            take = min(cohort[1], int(budget))
            budget -= take
            cohort[1] -= take
            if cohort[1] == 0:
                queue.popleft()
            unit.pass_on(self.grade, cohort[0], take, day)
        self.carry = budget if queue else 0.0


class CaseworkModel(mesa.Model):
    """The units of an organisation CSV and one StaffAgent per staff member."""

    def __init__(self, organisation_csv: str | Path, seed: int = 0):
        super().__init__(seed=seed)
        with Path(organisation_csv).open(newline="", encoding="utf-8") as handle:
            self.units = [Unit(row) for row in csv.DictReader(handle)]
        self.day = 0
        self.rates = np.array([u.demand for u in self.units])
        self.arrivals = self.resolved = self.withdrawn = 0
        rng = np.random.default_rng(seed)
        for unit in self.units:
            skills = np.clip(rng.lognormal(0.0, 0.25, unit.staff), 0.3, 2.5)
            drive = 0.7 + 0.3 * rng.beta(5, 3, unit.staff)
            posts = unit.posts()
            officials = sum(posts)
            order = 0
            for grade, count in enumerate(posts, start=1):  # officials of each layer
                for _ in range(count):
                    if order < unit.staff:
                        capacity = APPROVAL_CAPACITY_RATIO * unit.demand * skills[order] / count
                        StaffAgent(self, unit, grade, capacity)
                        order += 1
            for i in range(min(officials, unit.staff), unit.staff):  # front-line staff
                capacity = (skills[i] * drive[i] * HOURS_PER_DAY * (1 - unit.overhead)
                            / unit.hours_per_case)
                StaffAgent(self, unit, 0, capacity)
        self.n_staff = len(self.agents)

    def step(self) -> None:
        day = self.day
        season = 1.0 + SEASONALITY * math.sin(2 * math.pi * (day % DAYS_PER_YEAR) / DAYS_PER_YEAR)
        arrivals = self.rng.poisson(self.rates * season).tolist()
        for unit, count in zip(self.units, arrivals, strict=True):
            queue = unit.queues[0]
            if count:
                queue.append([day, count])
            while queue and day - queue[0][0] > PATIENCE_DAYS:
                unit.withdrawn += queue.popleft()[1]
        self.arrivals += sum(arrivals)
        self.agents.shuffle_do("step")
        for unit in self.units:
            unit.end_of_day()
        self.day += 1

    def summary(self) -> dict[str, float]:
        resolved = sum(u.resolved for u in self.units)
        return {
            "arrivals": self.arrivals,
            "resolved": resolved,
            "withdrawn": sum(u.withdrawn for u in self.units),
            "backlog": sum(u.backlog() for u in self.units),
            "lead_time_mean_days": sum(u.lead_sum for u in self.units) / max(resolved, 1),
            "on_time_share": sum(u.on_time for u in self.units) / max(resolved, 1),
        }


if __name__ == "__main__":
    import argparse
    import time

    parser = argparse.ArgumentParser(description="Run the Mesa reference on an organisation CSV")
    parser.add_argument("organisation", help="path of an organisation CSV")
    parser.add_argument("--days", type=int, default=20)
    args = parser.parse_args()
    start = time.perf_counter()
    model = CaseworkModel(args.organisation)
    built = time.perf_counter()
    for _ in range(args.days):
        model.step()
    done = time.perf_counter()
    print(f"{model.n_staff} staff, {len(model.units)} units: build {built - start:.2f} s, "
          f"{args.days} days {done - built:.2f} s, "
          f"{model.n_staff * args.days / (done - built):,.0f} staff-days/s")
    print(model.summary())
