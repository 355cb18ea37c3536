"""The parameter and outcome registries are complete, consistent and the one source of truth.

Every parameter has a unit, a source, a role, labels and descriptions in both languages and a
default inside its own range; ``Levers`` holds exactly the registry's entries with the registry's
defaults; every allowed-range text of a lever error is the registry's. Every outcome has a unit,
a direction, a claim and labels; the model reports exactly the registry's outcomes at each level.
"""

from __future__ import annotations

import re

import numpy as np
import pytest
from birosim.core import BureaucracyModel, InputError, Levers, scenario_from_dict
from birosim.core.levers import BEHAVIOURAL_LEVERS, FORMAL_RULES, get_lever
from birosim.core.outcome_registry import (
    DIRECTIONS,
    LEVELS,
    OUTCOME_GROUPS,
    OUTCOMES,
    get_outcome,
    names,
    outcomes,
)
from birosim.core.parameters import GROUPS, PARAMETERS, ROLES, get_parameter, parameters

CLAIM = re.compile(r"^([WRBA]\d(-[WRBA]?\d)?)(/[WRBA]\d(-[WRBA]?\d)?)*$")


@pytest.mark.parametrize("parameter", PARAMETERS, ids=[p.name for p in PARAMETERS])
def test_parameter_is_fully_declared(parameter):
    assert parameter.role in ROLES
    assert parameter.group in GROUPS and parameter.name == f"{parameter.group}.{parameter.key}"
    for text in (parameter.unit, parameter.source, parameter.label_en, parameter.label_id,
                 parameter.description_en, parameter.description_id):
        assert text.strip(), parameter.name
    assert parameter.description_id != parameter.description_en, parameter.name
    default = parameter.default
    if parameter.choices is not None:
        assert default in parameter.choices
    elif isinstance(default, (int, float)) and not isinstance(default, bool):
        assert parameter.min is not None and parameter.max is not None, parameter.name
        assert parameter.min <= default <= parameter.max, parameter.name


def test_names_are_unique_and_grouped_in_order():
    names_ = [p.name for p in PARAMETERS]
    assert len(names_) == len(set(names_))
    groups = [p.group for p in PARAMETERS]
    assert groups == sorted(groups, key=list(GROUPS).index)
    assert {p.group for p in PARAMETERS} == set(GROUPS)
    assert set(parameters(role="lever")) | set(parameters(role="parameter")) == set(PARAMETERS)


def test_levers_hold_exactly_the_registry_with_its_defaults():
    levers = Levers()
    fields = {f"{group}.{name}" for group, field in Levers.model_fields.items()
              for name in field.default_factory.model_fields}
    assert fields == {p.name for p in PARAMETERS}
    for parameter in PARAMETERS:
        assert get_lever(levers, parameter.name) == parameter.default, parameter.name
    for path in BEHAVIOURAL_LEVERS + FORMAL_RULES:
        assert get_parameter(path).role == "lever", path


def test_unknown_parameter_is_an_input_error():
    with pytest.raises(InputError, match="birosim levers"):
        get_parameter("integrity.no_such_thing")
    with pytest.raises(InputError):
        parameters(role="knob")


@pytest.mark.parametrize("lang, word", [("en", " to "), ("id", " sampai ")])
def test_allowed_text_in_both_languages(lang, word):
    audit = get_parameter("integrity.audit_rate")
    assert audit.allowed(lang) == f"0{word}12 audits per unit-year"
    assert get_parameter("budget.mode").allowed(lang) == "incremental | performance"


@pytest.mark.parametrize("parameter", [p for p in PARAMETERS if p.max is not None][::7],
                         ids=lambda p: p.name)
def test_out_of_range_error_gives_the_registry_range(parameter):
    too_high = parameter.max + 1
    data = {"organisation": "classroom", "levers": {parameter.group: {parameter.key: too_high}}}
    with pytest.raises(InputError) as info:
        scenario_from_dict(data, source="test.toml")
    assert info.value.allowed.endswith(parameter.allowed())  # "a number " + the registry's text
    assert parameter.name in str(info.value) and "test.toml" in str(info.value)


# ------------------------------------------------------------------ outcomes


@pytest.mark.parametrize("outcome", OUTCOMES, ids=[o.name for o in OUTCOMES])
def test_outcome_is_fully_declared(outcome):
    assert outcome.better in DIRECTIONS
    assert outcome.group in OUTCOME_GROUPS
    assert outcome.levels and outcome.levels <= set(LEVELS)
    assert CLAIM.match(outcome.claim), outcome.claim
    for text in (outcome.unit, outcome.reducer, outcome.label_en, outcome.label_id,
                 outcome.description_en, outcome.description_id):
        assert text.strip(), outcome.name
    assert outcome.label_id != outcome.label_en or "IKM" in outcome.label_en, outcome.name


def test_outcome_lookup():
    assert get_outcome("ikm").better == "higher"
    with pytest.raises(InputError, match="birosim outcomes"):
        get_outcome("happiness")
    assert {o.name for o in outcomes(level="unit")} == set(names("unit"))


def test_the_model_reports_exactly_the_registry_outcomes():
    scenario = scenario_from_dict({"organisation": "classroom", "horizon_days": 30}, "test")
    model = BureaucracyModel(scenario).run()
    assert list(model.summary()) == list(names("run"))
    assert list(model.timeseries().columns) == ["day", *names("step")]
    assert list(model.unit_series().columns) == ["day", "unit_id", *names("unit")]


# ------------------------------------------------------------------ pilot units and selection


def _phased(**reform):
    levers = {"reform": {"enabled": True, "start_day": 0, "scale_up_day": 10_000, **reform}}
    return scenario_from_dict({"organisation": "classroom", "horizon_days": 30, "levers": levers},
                              "test.toml")


def test_unknown_pilot_unit_is_one_clear_error():
    with pytest.raises(InputError) as info:
        _phased(pilot_units=["NOWHERE"]).load_organisation("test.toml")
    assert info.value.field == "levers.reform.pilot_units"
    assert info.value.value == "NOWHERE" and "unit ids of" in info.value.allowed


def test_named_pilot_units_join_and_no_other():
    org = _phased().load_organisation()
    chosen = list(org.unit_id[1:3])
    model = BureaucracyModel(_phased(pilot_units=chosen)).run(5)
    assert np.asarray(org.unit_id)[model.reform.joined].tolist() == chosen


def test_readiness_selection_takes_the_readiest_units():
    model = BureaucracyModel(_phased(pilot_selection="readiness", pilot_share=0.4))
    readiness = model.reform.leader_support * model.unit_state.acceptance_mean
    expected = model.reform.readiest_units(0.4)
    assert expected.sum() == round(0.4 * len(readiness))
    assert readiness[expected].min() >= readiness[~expected].max()
    model.run(1)  # the programme starts on day 0 and picks its pilot then
    assert (model.reform.joined == expected).all()


def test_outcome_verdict_reads_the_better_direction_and_the_interval():
    lower_is_better = get_outcome("lead_time_mean_days")
    higher_is_better = get_outcome("ikm")
    no_direction = next(o for o in OUTCOMES if o.better == "none")
    assert lower_is_better.verdict(-2.0, -0.5) == "better"
    assert lower_is_better.verdict(0.5, 2.0) == "worse"
    assert higher_is_better.verdict(0.5, 2.0) == "better"
    assert higher_is_better.verdict(-0.5, 2.0) == "unclear"
    assert higher_is_better.verdict(float("nan"), 1.0) == "unclear"
    assert no_direction.verdict(0.5, 2.0) == "changed"
