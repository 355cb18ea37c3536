"""Generated bad inputs through the in-process command line: never a traceback, one line.

Mutations of the shipped scenarios (wrong types, out-of-range and huge values, unknown keys,
other encodings, truncation, binary junk), of the shipped classroom organisation CSV (encodings,
separators, decimal commas, duplicated columns, ragged rows, ``5.000``, booleans, huge cells) and
of option values. Every run of ``birosim check`` (which runs no model) must end with exit code 0
or 2; exit 2 is ONE ``error:`` line naming the file or option; exit 0 means the input was valid,
checked by reading it again.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import math
import tempfile
from pathlib import Path

import numpy as np
from birosim.core import load_organisation
from birosim.core.levers import get_lever
from birosim.core.organisation import ORGANISATIONS_DIR
from birosim.core.parameters import parameters
from birosim.core.scenario import read_scenario
from birosim.core.shipped import SCENARIOS_DIR
from birosim.interfaces.cli import app
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

RUNNER = CliRunner()
WORK = Path(tempfile.mkdtemp(prefix="birosim-fuzz-"))
COUNTER = itertools.count()
SHIPPED = ["classroom", "conventional", "results_oriented", "budget_cut", "demand_shock", "gaming"]
TEXTS = {name: (SCENARIOS_DIR / f"{name}.toml").read_text(encoding="utf-8") for name in SHIPPED}
CSV_TEXT = (ORGANISATIONS_DIR / "classroom.csv").read_text(encoding="utf-8")
ORG_SIGNATURE_FIELDS = ("unit_id", "unit_name", "parent_org", "staff", "daily_demand",
                        "approval_layers", "service_standard_days", "work_hours_per_case",
                        "goal_clarity", "monopoly", "discretion", "salary_rp_month")
SCALAR_KEYS = {"name": str, "description": str, "organisation": str, "preset": str,
               "horizon_days": int, "warmup_days": int, "seed": int}
FUZZ = settings(max_examples=150, deadline=None)


def check(*args: str):
    """``birosim check ARGS``: the result, asserted to be exit 0 or one error line (exit 2)."""
    result = RUNNER.invoke(app, ["check", *args])
    assert_clean(result)
    return result


def assert_clean(result, *named: str) -> None:
    """Exit 0, or exit 2 with exactly one ``error:`` line naming one of ``named``."""
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in (0, 2), (result.exit_code, result.output)
    if result.exit_code == 2:
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
        assert not named or any(name in lines[0] for name in named), (named, lines[0])


def write(data: bytes, suffix: str) -> Path:
    """A new file holding ``data`` (a fresh name each time: errors name it)."""
    path = WORK / f"input{next(COUNTER)}{suffix}"
    path.write_bytes(data)
    return path


# ------------------------------------------------------------------------ TOML values
def toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def toml_float(value: float) -> str:
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return repr(value)


SCALARS = st.one_of(
    st.integers(-(10**20), 10**20).map(lambda n: (str(n), n)),
    st.integers(-3, 100_001).map(lambda n: (str(n), n)),
    st.floats().map(lambda x: (toml_float(x), x)),
    st.booleans().map(lambda b: (str(b).lower(), b)),
    st.text(max_size=30).map(lambda s: (toml_string(s), s)),
    st.sampled_from(["conventional", "results_oriented", "classroom", "kabupaten", "performance",
                     "incremental", "random", "readiness"]).map(lambda s: (toml_string(s), s)),
    st.integers(4000, 6000).map(lambda digits: ("9" * digits, None)),  # beyond Python's limit
)
VALUES = st.one_of(
    SCALARS,
    st.lists(SCALARS, max_size=3).map(lambda items: (
        "[" + ", ".join(text for text, _ in items) + "]", [value for _, value in items])),
    SCALARS.map(lambda item: (f"{{ x = {item[0]} }}", {"x": item[1]})),
)


def without_top_key(text: str, key: str) -> str:
    """``text`` without its top-level line ``key = ...`` (lines before the first table)."""
    lines, out, in_table = text.splitlines(), [], False
    for line in lines:
        in_table = in_table or line.lstrip().startswith("[")
        if not in_table and line.split("=", 1)[0].strip() == key:
            continue
        out.append(line)
    return "\n".join(out) + "\n"


@FUZZ
@given(st.sampled_from(SHIPPED), st.sampled_from([*SCALAR_KEYS, "levers", "shocks", "colour"]),
       VALUES)
def test_scenario_top_level_values(name, key, value):
    text, python = value
    path = write((f"{key} = {text}\n" + without_top_key(TEXTS[name], key)).encode(), ".toml")
    result = check(str(path))
    if result.exit_code == 2:
        assert str(path) in result.stderr
    elif key in SCALAR_KEYS:  # accepted: it was a valid value of the field's own type
        read = getattr(read_scenario(path), key)
        assert read == python and type(read) is type(python) is SCALAR_KEYS[key]


LEVERS = [p for p in parameters()]


def assert_valid_lever(parameter, read, given_value) -> None:
    """An accepted lever value is of the parameter's own kind and inside its range."""
    if parameter.choices is not None:
        assert read in parameter.choices
    elif isinstance(parameter.default, bool):
        assert type(given_value) is bool and read is given_value
    elif isinstance(parameter.default, tuple):
        assert list(read) == given_value
    else:
        assert type(given_value) in (int, float) and read == given_value
        assert isinstance(parameter.default, float) or type(given_value) is int
        assert parameter.min <= read <= parameter.max


@FUZZ
@given(st.sampled_from(LEVERS), VALUES)
def test_scenario_lever_values(parameter, value):
    text, python = value
    group, name = parameter.name.split(".")
    toml = TEXTS["classroom"] + f"\n[levers.{group}]\n{name} = {text}\n"
    path = write(toml.encode(), ".toml")
    result = check(str(path))
    if result.exit_code == 2:
        assert str(path) in result.stderr
    else:
        assert_valid_lever(parameter, get_lever(read_scenario(path).levers, parameter.name), python)


@FUZZ
@given(st.sampled_from(LEVERS), st.one_of(VALUES.map(lambda v: v[0]), st.text(max_size=20)))
def test_set_option_values(parameter, text):
    result = check("classroom", "--set", f"{parameter.name}={text}")
    assert_clean(result, "--set")
    if result.exit_code == 0:
        from birosim.core import load_scenario, parse_assignment

        path, value = parse_assignment(f"{parameter.name}={text}")
        scenario = load_scenario("classroom", {path: value})
        assert_valid_lever(parameter, get_lever(scenario.levers, path), value)


ENCODINGS = ["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16", "utf-16-le", "utf-32"]


@FUZZ
@given(st.sampled_from(SHIPPED), st.sampled_from(ENCODINGS),
       st.text(alphabet="abc –éüñ€ÄÖ", min_size=1, max_size=12))
def test_scenario_encodings(name, encoding, words):
    text = f"name = {toml_string(words)}\n" + without_top_key(TEXTS[name], "name")
    data = text.encode(encoding, errors="replace")
    path = write(data, ".toml")
    result = check(str(path))
    try:
        data.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
        utf8 = True
    except UnicodeDecodeError:
        utf8 = False
    if not utf8:
        assert result.exit_code == 2 and "not UTF-8 at byte" in result.stderr, result.stderr
        assert str(path) in result.stderr
    elif encoding in ("utf-8", "utf-8-sig"):
        assert result.exit_code == 0, result.stderr
        assert read_scenario(path).name == words


@FUZZ
@given(st.sampled_from(SHIPPED), st.data())
def test_scenario_truncated_or_with_junk(name, data):
    original = TEXTS[name].encode()
    if data.draw(st.booleans()):
        mutated = original[:data.draw(st.integers(0, len(original) - 1))]
    else:
        mutated = original + data.draw(st.binary(min_size=1, max_size=64))
    path = write(mutated, ".toml")
    result = check(str(path))
    if result.exit_code == 2:
        assert str(path) in result.stderr


# ------------------------------------------------------------------------ organisation CSVs
def org_signature(path: Path) -> tuple:
    org = load_organisation(str(path))
    return tuple(tuple(np.asarray(getattr(org, field)).tolist()) for field in
                 ORG_SIGNATURE_FIELDS)


def rows_of(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def csv_text(rows: list[list[str]], separator: str = ",") -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=separator, lineterminator="\n").writerows(rows)
    return out.getvalue()


REFERENCE = org_signature(ORGANISATIONS_DIR / "classroom.csv")
ROWS = rows_of(CSV_TEXT)
NUMERIC = [i for i, name in enumerate(ROWS[0]) if name not in ("unit_id", "unit_name",
                                                                "parent_org")]


@FUZZ
@given(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]),
       st.sampled_from([",", ";", "\t"]), st.booleans(), st.booleans())
def test_org_benign_exports_read_the_same(encoding, separator, decimal_comma, crlf):
    """Other encodings, separators, a decimal comma and CRLF are read as the same organisation."""
    if decimal_comma and separator == ",":
        separator = ";"
    rows = [row[:] for row in ROWS]
    if decimal_comma:
        for row in rows[1:]:
            for i in NUMERIC:
                row[i] = row[i].replace(".", ",")
    text = csv_text(rows, separator)
    if crlf:
        text = text.replace("\n", "\r\n")
    path = write(text.encode(encoding), ".csv")
    result = check("classroom", "--org", str(path))
    assert result.exit_code == 0, result.stderr
    assert org_signature(path) == REFERENCE


CELL_MUTATIONS = st.one_of(
    st.sampled_from(["5.000", "1.250", "true", "FALSE", "yes", "", "nan", "inf", "-1", "1e400",
                     "5,5", "Rp 5.000.000", "0x10", "٥"]),
    st.text(max_size=20),
    st.integers(1001, 200_000).map(lambda n: "9" * n),
)


@FUZZ
@given(st.integers(1, len(ROWS) - 1), st.integers(0, len(ROWS[0]) - 1), CELL_MUTATIONS)
def test_org_bad_cells(row, column, cell):
    rows = [r[:] for r in ROWS]
    rows[row][column] = cell
    path = write(csv_text(rows).encode(), ".csv")
    result = check("classroom", "--org", str(path))
    assert_clean(result, str(path))
    if cell in ("5.000", "true", "FALSE", "yes", "") and column in NUMERIC[:1]:  # staff
        assert result.exit_code == 2
    if result.exit_code == 0:  # accepted: the other cells read as before
        read = org_signature(path)
        changed = [i for i, (a, b) in enumerate(zip(read, REFERENCE, strict=True)) if a != b]
        assert changed in ([], [column])


@FUZZ
@given(st.sampled_from(["duplicate column", "ragged row", "short row", "junk", "truncate",
                        "latin-1"]), st.data())
def test_org_structural_mutations(kind, data):
    rows = [r[:] for r in ROWS]
    raw: bytes | None = None
    if kind == "duplicate column":
        column = data.draw(st.integers(0, len(rows[0]) - 1))
        rows = [r + [r[column]] for r in rows]
    elif kind == "ragged row":
        rows[data.draw(st.integers(1, len(rows) - 1))].append(data.draw(st.text(max_size=5)))
    elif kind == "short row":
        rows[data.draw(st.integers(1, len(rows) - 1))].pop()
    elif kind == "junk":
        raw = csv_text(rows).encode() + data.draw(st.binary(min_size=1, max_size=64))
    elif kind == "truncate":
        encoded = csv_text(rows).encode()
        raw = encoded[:data.draw(st.integers(0, len(encoded) - 1))]
    else:
        rows[1][1] = data.draw(st.text(alphabet="éüñ–ÄÖ", min_size=1, max_size=5))
        raw = csv_text(rows).encode("cp1252")
    path = write(raw if raw is not None else csv_text(rows).encode(), ".csv")
    result = check("classroom", "--org", str(path))
    assert_clean(result, str(path))
    if kind in ("duplicate column", "ragged row", "short row"):
        assert result.exit_code == 2


# ------------------------------------------------------------------------ option values
INT_OPTIONS = [
    (("run", "classroom"), "--steps", 1, 100_000),
    (("run", "classroom"), "--seed", 0, 2**63 - 1),
    (("compare", "classroom", "classroom"), "--replicates", 1, 100_000),
    (("compare", "classroom", "classroom"), "--workers", 1, 1024),
    (("compare", "classroom", "classroom"), "--steps", 1, 100_000),
    (("dashboard",), "--port", 1, 65535),
]


def not_an_int(text: str) -> bool:
    try:
        int(text)
    except ValueError:
        return True
    return False


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(INT_OPTIONS), st.data())
def test_integer_options_out_of_range(option, data):
    command, name, low, high = option
    value = data.draw(st.one_of(
        st.integers(max_value=low - 1).map(str), st.integers(min_value=high + 1).map(str),
        st.text(max_size=12).filter(not_an_int), st.sampled_from(["1.5", "true", "1e3", "0x10"])))
    out = ["--out", str(WORK / "out")] if command[0] != "dashboard" else []
    result = RUNNER.invoke(app, [*command, f"{name}={value}", *out])
    assert result.exit_code == 2, (result.exit_code, result.output)
    assert_clean(result, name)
