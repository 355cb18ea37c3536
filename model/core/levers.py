"""Levers: the run-time values of every parameter, generated from the parameter registry.

One pydantic sub-model per registry group holds that group's values; a field's type, default,
range and choices come from its :class:`~birosim.core.parameters.Parameter`, so nothing here is
written twice. Unknown names are errors and values are range-checked. The defaults are the
*conventional* preset (see :mod:`birosim.core.presets`): a scenario that names no lever models a
conventional bureaucracy; ``results_oriented`` is a set of overrides of these same values.

A value is addressed by its dotted name, e.g. ``measurement.noise``; see :func:`lever_table`.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

from .parameters import GROUPS, Parameter, parameters


class LeverGroup(BaseModel):
    """A group of levers for one submodel; unknown names are errors, values are checked."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, frozen=False)


def _field(parameter: Parameter) -> tuple[Any, Any]:
    """The pydantic (type, Field) of one parameter."""
    default = parameter.default
    description = parameter.description_en
    if parameter.choices is not None:
        return Literal[parameter.choices], Field(default, description=description)
    # strict: a boolean or a string is never read as a number, nor a number as a boolean
    if isinstance(default, bool):
        return bool, Field(default, strict=True, description=description)
    if isinstance(default, tuple):
        return tuple[str, ...], Field(default, description=description)
    kind = int if isinstance(default, int) else float
    return kind, Field(default, ge=parameter.min, le=parameter.max, strict=True,
                       description=description)


def _group_model(group: str) -> type[LeverGroup]:
    fields = {parameter.key: _field(parameter) for parameter in parameters(group=group)}
    name = f"{group.title()}Levers"
    return create_model(name, __base__=LeverGroup, __doc__=GROUPS[group]["label_en"], **fields)


#: the pydantic model of each group's values
GROUP_MODELS: dict[str, type[LeverGroup]] = {group: _group_model(group) for group in GROUPS}
# each group's class is a module attribute (``ServiceLevers``, ...), so lever values pickle
# (checkpoints, worker processes)
globals().update({model.__name__: model for model in GROUP_MODELS.values()})

Levers = create_model(
    "Levers",
    __base__=LeverGroup,
    __doc__="All levers and parameters of the model, one group per submodel.",
    **{group: (model, Field(default_factory=model)) for group, model in GROUP_MODELS.items()},
)

#: Levers whose *practice* follows a unit's reform implementation when a programme runs:
#: a unit that has not taken up the reform keeps the conventional value.
BEHAVIOURAL_LEVERS = (
    "goals.goal_setting",
    "service.delegation",
    "innovation.collaboration",
    "innovation.failure_tolerance",
    "innovation.innovation_time_share",
    "integrity.discretion_multiplier",
)

#: Formal rules: on paper, a unit applies the designed value once it has joined a reform
#: programme and the value outside the reform before (``Reform.policy``); it runs the designed
#: rule only as far as it takes it up (``Reform.uptake``, ``context.practice``).
FORMAL_RULES = (
    "budget.mode",
    "measurement.intensity",
    "measurement.incentive_strength",
    "measurement.target",
    "measurement.noise",
    "measurement.use_for_decisions",
    "measurement.breadth",
    "measurement.gameability",
    "integrity.audit_rate",
    "integrity.complaint_channel",
    "integrity.peer_reporting",
    "careers.training_days_per_year",
    "careers.promotion",
    "flexibility.reallocation_interval_days",
)

#: Formal rules that rest on measured results: a unit runs them only as far as its staff can
#: run the measurement system and its leaders read the results (``Reform.uptake``); merit
#: promotion ranks candidates by the measure.
MEASURED_RULES = (
    "measurement.intensity",
    "measurement.incentive_strength",
    "measurement.target",
    "measurement.noise",
    "careers.promotion",
)


def lever_table() -> list[dict[str, Any]]:
    """Every lever and parameter as a row: name, role, unit, default, allowed values, description."""
    return [
        {
            "lever": parameter.name,
            "role": parameter.role,
            "unit": parameter.unit,
            "default": parameter.default,
            "allowed": parameter.allowed(),
            "description": parameter.description_en,
        }
        for parameter in parameters()
    ]


def get_lever(levers: BaseModel, path: str) -> Any:
    group, name = path.split(".")
    return getattr(getattr(levers, group), name)


#: Levers with a practised value per unit (``context.practice``): the behavioural levers and
#: the formal rules with a number for a value (a choice such as ``budget.mode`` has none).
PRACTISED_LEVERS = BEHAVIOURAL_LEVERS + tuple(
    path for path in FORMAL_RULES if not isinstance(get_lever(Levers(), path), str)
)
