"""Events a trainer fires on both sides at once, each acting only through the model's own mechanisms.

Every event is fired on the two models of a session on the same day, so both bureaucracies meet
the same shock. What each one changes, by how much and for how long:

- **demand surge**: a ``demand`` shock (the scenario's own shock mechanism) multiplying every
  unit's daily demand by 1.6 for 40 working days, as in the shipped ``demand_shock`` scenario
  (a disaster or a new national programme), here in every unit;
- **budget cut**: a ``budget_cut`` shock of 15 %, as in the shipped ``budget_cut`` scenario:
  every unit's establishment and the allowances fall by that share from the day it is fired
  (permanent);
- **leadership change**: a new head who backs the reform less: ``reform.leadership_support``
  and each unit leader's support fall by 0.3 (kept within 0 to 1), permanently; staff read a
  leader below ``reform.support_threshold`` as running a paper reform (A3);
- **audit campaign**: ``integrity.audit_rate`` rises by 3 audits per unit-year (within its
  range) for 120 working days, then falls back by what was added (units that have not joined a
  reform keep the conventional audit rate, as for any formal rule, and a joined unit runs the
  added audits as far as it takes the audit rule up; the inspectorate's added auditor-days are
  paid as programme spending);
- **new digital service channel**: citizens get an alternative, rule-bound channel:
  ``integrity.monopoly_multiplier`` and ``integrity.discretion_multiplier`` fall to 0.7 of
  their value and work per case falls by 10 % (``unit_state.work_multiplier``), permanently.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ...core.parameters import get_parameter
from ...core.scenario import Shock

Revert = Callable[[], None]

# the shipped demand_shock and budget_cut scenarios' shocks (assumptions stated there)
SURGE_MULTIPLIER = 1.6
SURGE_DAYS = 40
BUDGET_CUT_SHARE = 0.15
LEADERSHIP_DROP = 0.3  # assumption: from strong (0.8) to below the default threshold (0.4) + spread
AUDIT_CAMPAIGN_RISE = 3.0  # assumption: audits per unit-year added during the campaign
AUDIT_CAMPAIGN_DAYS = 120  # assumption: about half a working year
DIGITAL_MONOPOLY_FACTOR = 0.7  # assumption: an alternative channel takes part of the monopoly
DIGITAL_DISCRETION_FACTOR = 0.7  # assumption: rule-bound e-service steps cut discretion
DIGITAL_WORK_FACTOR = 0.9  # assumption: online intake saves a tenth of the work per case


@dataclass(frozen=True)
class Event:
    """A named event; ``fire(model)`` acts now and returns how to undo it after ``duration_days``."""

    name: str
    duration_days: int | None
    fire: Callable[[object], Revert | None]


def _demand_surge(model) -> None:
    model.scenario.shocks.append(Shock(
        kind="demand", start_day=model.day, duration_days=SURGE_DAYS, magnitude=SURGE_MULTIPLIER,
    ))


def _budget_cut(model) -> None:
    model.scenario.shocks.append(Shock(
        kind="budget_cut", start_day=model.day, magnitude=BUDGET_CUT_SHARE,
    ))


def _leadership_change(model) -> None:
    reform = model.levers.reform
    reform.leadership_support = max(0.0, reform.leadership_support - LEADERSHIP_DROP)
    model.reform.leader_support = np.clip(model.reform.leader_support - LEADERSHIP_DROP, 0, 1)


def _audit_campaign(model) -> Revert:
    integrity = model.levers.integrity
    ceiling = get_parameter("integrity.audit_rate").max
    before = integrity.audit_rate
    added = min(AUDIT_CAMPAIGN_RISE, ceiling - before)
    integrity.audit_rate = before + added

    def revert() -> None:
        integrity.audit_rate = max(0.0, integrity.audit_rate - added)

    return revert


def _digital_channel(model) -> None:
    integrity = model.levers.integrity
    integrity.monopoly_multiplier *= DIGITAL_MONOPOLY_FACTOR
    integrity.discretion_multiplier *= DIGITAL_DISCRETION_FACTOR
    model.unit_state.work_multiplier *= DIGITAL_WORK_FACTOR


EVENTS: dict[str, Event] = {
    event.name: event for event in (
        Event("demand_surge", SURGE_DAYS, _demand_surge),
        Event("budget_cut", None, _budget_cut),
        Event("leadership_change", None, _leadership_change),
        Event("audit_campaign", AUDIT_CAMPAIGN_DAYS, _audit_campaign),
        Event("digital_channel", None, _digital_channel),
    )
}
