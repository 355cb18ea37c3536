"""Bad inputs are rejected with one clear message: the file, the field, the value and what is
allowed (:class:`birosim.core.InputError`). Scenario TOML files, organisation CSV files and
``--set GROUP.NAME=VALUE`` overrides are covered, with hypothesis where a rule is general.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from birosim.core import (
    InputError,
    Levers,
    lever_table,
    load_organisation,
    load_scenario,
    parse_assignment,
    scenario_from_dict,
)
from birosim.core.levers import get_lever
from birosim.core.parameters import get_parameter, parameters
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

# the documented columns (scenarios/organisations/README.md): (kind, low, high)
CSV_RANGES = {
    "staff": (int, 3, 100_000),
    "daily_demand": (float, 0, 100_000),
    "approval_layers": (int, 1, 6),
    "service_standard_days": (float, 0.5, 250),
    "work_hours_per_case": (float, 0.05, 500),
    "goal_clarity": (float, 0, 1),
    "monopoly": (float, 0, 1),
    "discretion": (float, 0, 1),
    "salary_rp_month": (float, 1e6, 1e8),
}
NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


def numbers_in(text: str) -> set[float]:
    return {float(m) for m in NUMBER.findall(text)}


def allowed_part(message: str) -> str:
    assert "allowed" in message, message
    return message.split("allowed", 1)[1]


def assert_mentions(error: InputError, *parts: object) -> None:
    """Every part is named in the message; a file path is looked for first and then removed,
    so that digits in the path cannot stand in for a value; numbers must stand alone."""
    message = str(error)
    for part in parts:
        if isinstance(part, Path):
            assert str(part) in message, f"file {part} not named in message: {message}"
            message = message.replace(str(part), "<file>")
    for part in parts:
        if isinstance(part, Path):
            continue
        text = str(part)
        if NUMBER.fullmatch(text):
            found = re.search(rf"(?<![\w.]){re.escape(text)}(?![\w]|\.\d)", message)
        else:
            found = text in message
        assert found, f"{part!r} not named in message: {message}"


def assert_range_named(message: str, low: float, high: float) -> None:
    found = numbers_in(allowed_part(message))
    assert low in found and high in found, f"range {low} .. {high} not named in: {message}"


# ------------------------------------------------------------------ scenario files

VALID = """
name = "ok"
organisation = "classroom"
preset = "conventional"
horizon_days = 100
warmup_days = 10
seed = 1
"""


def write_toml(tmp_path: Path, text: str, name: str = "bad.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def scenario_error(tmp_path: Path, text: str) -> tuple[Path, InputError]:
    path = write_toml(tmp_path, text)
    with pytest.raises(InputError) as info:
        load_scenario(str(path))
    return path, info.value


def test_valid_scenario_file_loads(tmp_path):
    path = write_toml(tmp_path, VALID + '\n[levers.service]\ndelegation = 0.5\n', "ok.toml")
    scenario = load_scenario(str(path))
    assert scenario.levers.service.delegation == 0.5
    assert scenario.horizon_days == 100


@pytest.mark.parametrize("name", ["classroom", "conventional", "results_oriented",
                                  "demand_shock", "budget_cut", "gaming", "paper_reform",
                                  "phased_rollout"])
def test_shipped_scenarios_load(name):
    assert load_scenario(name).horizon_days > load_scenario(name).warmup_days


def test_unknown_top_level_key(tmp_path):
    path, error = scenario_error(tmp_path, VALID + 'colour = "red"\n')
    assert_mentions(error, path, "colour", "red")


def test_unknown_lever_group(tmp_path):
    path, error = scenario_error(tmp_path, VALID + "[levers.speed]\nfast = 1\n")
    assert_mentions(error, path, "speed")


def test_unknown_lever_name(tmp_path):
    path, error = scenario_error(tmp_path, VALID + "[levers.service]\nspeed = 2\n")
    assert_mentions(error, path, "service.speed", "2")


OUT_OF_RANGE = [
    ("service", "absence_rate", "0.9", 0, 0.5),
    ("service", "citizen_patience_days", "0", 1, 250),
    ("integrity", "audit_rate", "-1.0", 0, 12),
    ("careers", "retirement_age", "80", 50, 70),
]


@pytest.mark.parametrize("group, name, value, low, high", OUT_OF_RANGE)
def test_out_of_range_lever_names_file_field_value_and_bound(tmp_path, group, name, value, low, high):
    path, error = scenario_error(tmp_path, VALID + f"[levers.{group}]\n{name} = {value}\n")
    assert_mentions(error, path, f"{group}.{name}", value)
    violated = high if float(value) > high else low
    assert violated in numbers_in(allowed_part(str(error))), str(error)


@pytest.mark.parametrize("group, name, value, low, high", OUT_OF_RANGE)
def test_out_of_range_lever_names_the_whole_range(tmp_path, group, name, value, low, high):
    _, error = scenario_error(tmp_path, VALID + f"[levers.{group}]\n{name} = {value}\n")
    assert_range_named(str(error), low, high)


def test_wrong_type_top_level(tmp_path):
    path, error = scenario_error(tmp_path, VALID.replace("horizon_days = 100", 'horizon_days = "long"'))
    assert_mentions(error, path, "horizon_days", "long")


def test_wrong_type_lever(tmp_path):
    path, error = scenario_error(tmp_path, VALID + '[levers.service]\ndelegation = "high"\n')
    assert_mentions(error, path, "service.delegation", "high")


def test_levers_not_a_table(tmp_path):
    path, error = scenario_error(tmp_path, VALID + "levers = 3\n")
    assert_mentions(error, path, "levers", "3")


def test_bad_preset(tmp_path):
    path, error = scenario_error(tmp_path, VALID.replace('"conventional"', '"agile"'))
    assert_mentions(error, path, "preset", "agile", "conventional", "results_oriented")


def test_warmup_not_less_than_horizon(tmp_path):
    path, error = scenario_error(tmp_path, VALID.replace("warmup_days = 10", "warmup_days = 100"))
    assert_mentions(error, path, "warmup_days", "100", "horizon_days")


SHOCK = '\n[[shocks]]\nkind = "{kind}"\nstart_day = {start}\nmagnitude = {magnitude}\n'


@pytest.mark.parametrize(
    "shock, parts",
    [
        (SHOCK.format(kind="flood", start=10, magnitude=1.5), ("kind", "flood", "demand")),
        (SHOCK.format(kind="budget_cut", start=10, magnitude=1.5), ("magnitude", "1.5")),
        (SHOCK.format(kind="staff_loss", start=10, magnitude=2), ("magnitude", "2")),
        (SHOCK.format(kind="demand", start=-5, magnitude=1.5), ("start_day", "-5")),
        ('\n[[shocks]]\nkind = "demand"\nmagnitude = 1.5\n', ("start_day",)),
        (SHOCK.format(kind="demand", start=10, magnitude=1.5) + "size = 2\n", ("size", "2")),
        (SHOCK.format(kind="demand", start=10, magnitude=25), ("magnitude", "25", "20")),
    ],
    ids=["unknown-kind", "cut-above-1", "loss-above-1", "negative-start", "missing-start",
         "unknown-field", "surge-above-20"],
)
def test_bad_shock_fields(tmp_path, shock, parts):
    path, error = scenario_error(tmp_path, VALID + shock)
    assert_mentions(error, path, "shocks", *parts)


def test_toml_syntax_error(tmp_path):
    path, error = scenario_error(tmp_path, VALID + "horizon_days = = 3\n")
    assert_mentions(error, path, "TOML")
    assert "line" in str(error)


def test_unknown_organisation(tmp_path):
    path, error = scenario_error(tmp_path, VALID.replace('"classroom"', '"atlantis"'))
    assert_mentions(error, path, "organisation", "atlantis", "classroom", "kabupaten")


def test_unknown_shock_unit(tmp_path):
    path, error = scenario_error(
        tmp_path, VALID + SHOCK.format(kind="demand", start=10, magnitude=1.5) + 'units = ["NOPE"]\n'
    )
    assert_mentions(error, path, "units", "NOPE")


def test_unknown_scenario_name():
    with pytest.raises(InputError) as info:
        load_scenario("no_such_scenario")
    assert_mentions(info.value, "no_such_scenario", "conventional", "results_oriented")


def test_bad_organisation_csv_named_through_scenario(tmp_path, write_org_csv, org_row):
    csv_path = write_org_csv(tmp_path / "org.csv", [org_row(monopoly=7)])
    path, error = scenario_error(tmp_path, VALID.replace('"classroom"', '"org.csv"'))
    assert_mentions(error, csv_path, "monopoly", "7")


def test_scenario_from_dict_bad_preset():
    with pytest.raises(InputError) as info:
        scenario_from_dict({"preset": "agile"}, source="inline")
    assert_mentions(info.value, "inline", "preset", "agile")


# ------------------------------------------------------------------ organisation CSV files


def csv_error(path: Path) -> InputError:
    with pytest.raises(InputError) as info:
        load_organisation(str(path))
    return info.value


def test_template_and_shipped_organisations_load():
    for name in ("classroom", "kabupaten", "template"):
        org = load_organisation(name)
        assert org.n_units >= 2


def test_valid_csv_loads_with_defaults(tmp_path, write_org_csv, org_row):
    path = write_org_csv(tmp_path / "org.csv", [org_row(goal_clarity="", salary_rp_month="")])
    org = load_organisation(str(path))
    assert org.unit_id == ("U1",)
    assert 0 <= org.goal_clarity[0] <= 1 and org.salary_rp_month[0] >= 1e6


def test_csv_missing_column(tmp_path, write_org_csv, org_row, org_columns):
    columns = [c for c in org_columns if c != "staff"]
    path = write_org_csv(tmp_path / "org.csv", [org_row()], columns=columns)
    assert_mentions(csv_error(path), path, "staff", "missing")


def test_csv_unknown_column(tmp_path, write_org_csv, org_row, org_columns):
    path = write_org_csv(tmp_path / "org.csv", [org_row(budget=5)], columns=(*org_columns, "budget"))
    assert_mentions(csv_error(path), path, "budget")


@pytest.mark.parametrize(
    "column, value, extra",
    [
        ("staff", "many", ()),
        ("daily_demand", "lots", ()),
        ("monopoly", "1.5", ()),
        ("approval_layers", "7", ()),
        ("service_standard_days", "0.1", ()),
        ("salary_rp_month", "500", ()),
        ("staff", "12.5", ("whole",)),
        ("approval_layers", "2.5", ("whole",)),
        ("work_hours_per_case", "nan", ()),
        ("discretion", "inf", ()),
        ("staff", "", ("required",)),
    ],
)
def test_csv_bad_value(tmp_path, write_org_csv, org_row, column, value, extra):
    path = write_org_csv(tmp_path / "org.csv", [org_row(), org_row(unit_id="U2", **{column: value})])
    error = csv_error(path)
    assert_mentions(error, path, "row 3", "U2", column, repr(value), *extra)
    _, low, high = CSV_RANGES[column]
    assert_range_named(str(error), low, high)


def test_csv_bad_unit_id(tmp_path, write_org_csv, org_row):
    path = write_org_csv(tmp_path / "org.csv", [org_row(unit_id="A B")])
    assert_mentions(csv_error(path), path, "unit_id", "A B")


def test_csv_duplicate_unit_id(tmp_path, write_org_csv, org_row):
    path = write_org_csv(tmp_path / "org.csv", [org_row(unit_id="X"), org_row(unit_id="X")])
    error = csv_error(path)
    assert_mentions(error, path, "unit_id", "X", "duplicate")


def test_csv_empty_file(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("", encoding="utf-8")
    assert_mentions(csv_error(path), path, "unit_id")


def test_csv_header_only(tmp_path, write_org_csv):
    path = write_org_csv(tmp_path / "org.csv", [])
    assert_mentions(csv_error(path), path, "at least one unit")


def _one_row_csv(write_org_csv, org_row, column: str, text: str):
    folder = tempfile.TemporaryDirectory()
    path = write_org_csv(Path(folder.name) / "org.csv", [org_row(**{column: text})])
    return path, folder


def outside(kind, low, high, floats=True):
    """Values below ``low`` or above ``high``: floats and, for whole-number fields, integers."""
    strategies = []
    if floats:
        strategies += [
            st.floats(max_value=low, exclude_max=True, allow_nan=False, allow_infinity=False),
            st.floats(min_value=high, exclude_min=True, allow_nan=False, allow_infinity=False),
        ]
    if kind is int:
        strategies += [st.integers(-(10**12), int(low) - 1), st.integers(int(high) + 1, 10**12)]
    return st.one_of(strategies)


@settings(max_examples=80, deadline=None)
@given(data=st.data(), column=st.sampled_from(sorted(CSV_RANGES)))
def test_csv_any_value_outside_range_is_rejected(write_org_csv, org_row, data, column):
    kind, low, high = CSV_RANGES[column]
    value = data.draw(outside(kind, low, high))
    path, folder = _one_row_csv(write_org_csv, org_row, column, repr(value))
    with folder, pytest.raises(InputError) as info:
        load_organisation(str(path))
    assert_mentions(info.value, path, column, repr(value))
    assert_range_named(str(info.value), low, high)


@settings(max_examples=80, deadline=None)
@given(data=st.data(), column=st.sampled_from(sorted(CSV_RANGES)))
def test_csv_any_value_inside_range_is_accepted(write_org_csv, org_row, data, column):
    kind, low, high = CSV_RANGES[column]
    if kind is int:
        value = data.draw(st.integers(int(low), int(high)))
    else:
        value = data.draw(st.floats(low, high, allow_nan=False))
    path, folder = _one_row_csv(write_org_csv, org_row, column, repr(value))
    with folder:
        org = load_organisation(str(path))
    assert getattr(org, column)[0] == value


# ------------------------------------------------------------------ --set GROUP.NAME=VALUE


def _lever_fields():
    rows = {}
    for group, group_field in Levers.model_fields.items():
        for name, field in group_field.default_factory.model_fields.items():
            rows[f"{group}.{name}"] = field
    return rows


LEVER_FIELDS = _lever_fields()
LEVER_ROWS = {row["lever"]: row for row in lever_table()}
NUMERIC_LEVERS = sorted(p.name for p in parameters() if p.min is not None and p.max is not None)
CHOICE_LEVERS = sorted(p.name for p in parameters() if p.choices is not None)
LIST_LEVERS = sorted(p.name for p in parameters() if isinstance(p.default, tuple))


def lever_range(path: str) -> tuple[type, float, float]:
    parameter = get_parameter(path)
    return LEVER_FIELDS[path].annotation, float(parameter.min), float(parameter.max)


@pytest.fixture(scope="module")
def base_scenario():
    return scenario_from_dict({"organisation": "classroom", "horizon_days": 50})


def test_lever_table_covers_every_lever():
    assert set(LEVER_ROWS) == set(LEVER_FIELDS)
    booleans = [path for path, field in LEVER_FIELDS.items() if field.annotation is bool]
    every = len(NUMERIC_LEVERS) + len(CHOICE_LEVERS) + len(LIST_LEVERS) + len(booleans)
    assert every == len(LEVER_ROWS)
    for path in NUMERIC_LEVERS:
        assert LEVER_FIELDS[path].annotation in (int, float), path
    for row in LEVER_ROWS.values():
        assert row["description"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("service.delegation=0.5", ("service.delegation", 0.5)),
        (" service.delegation = 0.5 ", ("service.delegation", 0.5)),
        ("service.citizen_patience_days=30", ("service.citizen_patience_days", 30)),
        ("budget.mode=performance", ("budget.mode", "performance")),
        ('budget.mode="performance"', ("budget.mode", "performance")),
        ("reform.enabled=true", ("reform.enabled", True)),
    ],
)
def test_parse_assignment(text, expected):
    assert parse_assignment(text) == expected


@pytest.mark.parametrize("text", ["service.delegation", "delegation=1", "a.b.c=1", ".x=1", "x.=1"])
def test_parse_assignment_rejects_malformed(text):
    with pytest.raises(InputError) as info:
        parse_assignment(text)
    assert_mentions(info.value, "--set", "GROUP.NAME")


@pytest.mark.parametrize("text, part", [("speed.fast=1", "speed"), ("service.speed=1", "service.speed")])
def test_set_unknown_lever(base_scenario, text, part):
    with pytest.raises(InputError) as info:
        base_scenario.with_levers(dict([parse_assignment(text)]))
    assert_mentions(info.value, "--set", part)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), path=st.sampled_from(NUMERIC_LEVERS))
def test_set_in_range_value_is_applied(base_scenario, data, path):
    kind, low, high = lever_range(path)
    value = data.draw(st.integers(int(low), int(high)) if kind is int
                      else st.floats(low, high, allow_nan=False))
    parsed = parse_assignment(f"{path}={value!r}")
    assert parsed == (path, value)
    scenario = base_scenario.with_levers(dict([parsed]))
    assert get_lever(scenario.levers, path) == value


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), path=st.sampled_from(NUMERIC_LEVERS))
def test_set_out_of_range_names_lever_value_and_bound(base_scenario, data, path):
    kind, low, high = lever_range(path)
    value = data.draw(outside(kind, low, high, floats=kind is not int))
    with pytest.raises(InputError) as info:
        base_scenario.with_levers(dict([parse_assignment(f"{path}={value!r}")]))
    assert_mentions(info.value, "--set", path, repr(value))
    message = str(info.value)
    violated = high if value > high else low
    assert violated in numbers_in(allowed_part(message)), message


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), path=st.sampled_from(NUMERIC_LEVERS))
def test_set_out_of_range_names_the_whole_range(base_scenario, data, path):
    kind, low, high = lever_range(path)
    value = data.draw(outside(kind, low, high, floats=kind is not int))
    with pytest.raises(InputError) as info:
        base_scenario.with_levers(dict([parse_assignment(f"{path}={value!r}")]))
    assert_range_named(str(info.value), low, high)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), path=st.sampled_from(CHOICE_LEVERS))
def test_set_choice_levers(base_scenario, data, path):
    choices = list(get_parameter(path).choices)
    good = data.draw(st.sampled_from(choices))
    scenario = base_scenario.with_levers(dict([parse_assignment(f"{path}={good}")]))
    assert get_lever(scenario.levers, path) == good
    bad = data.draw(st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=12)
                    .filter(lambda s: s not in choices and s not in ("true", "false", "inf", "nan")))
    with pytest.raises(InputError) as info:
        base_scenario.with_levers(dict([parse_assignment(f"{path}={bad}")]))
    assert_mentions(info.value, "--set", path, bad, *choices)


def test_set_fractional_value_for_whole_number_lever(base_scenario):
    with pytest.raises(InputError) as info:
        base_scenario.with_levers(dict([parse_assignment("service.citizen_patience_days=10.5")]))
    assert_mentions(info.value, "--set", "service.citizen_patience_days", "10.5")


def test_set_wrong_type(base_scenario):
    with pytest.raises(InputError) as info:
        base_scenario.with_levers(dict([parse_assignment("service.delegation=high")]))
    assert_mentions(info.value, "--set", "service.delegation", "high")
    with pytest.raises(InputError) as info:
        base_scenario.with_levers(dict([parse_assignment("reform.enabled=maybe")]))
    assert_mentions(info.value, "reform.enabled", "maybe")
