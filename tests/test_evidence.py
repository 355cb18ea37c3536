"""Field evidence (quick versions at two seeds): the model set up like each study must reproduce
the sign and size of what the study measured, by the criteria each module writes down before
running (``CRITERIA``: sign, and the model's mean inside the stated band).

Each experiment runs once per seed (module-scoped cache, no figures). Seeds 11 and 12 are not
the seed of ``docs/evidence.md`` (2026), so the page reports a third seed. An experiment that
fails with the current mechanisms is marked ``xfail(strict=True)`` with the reason and its
numbers in ``docs/evidence.md``: the failure stays visible, and the mark must be removed the
day it passes. Also: the page's table is what the recorded results give, and the record's
published figures and bands are those the modules declare now.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest
from birosim.experiments.validation import FIELD_EVIDENCE, PATTERNS, run_pattern
from birosim.experiments.validation._evidence import Criterion
from birosim.experiments.validation.evidence_table import BLOCK, sync
from birosim.interfaces.figures.evidence import UNITS_ID

SEEDS = (11, 12)
ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "evidence.md"
RECORD = ROOT / "docs" / "evidence" / "results.json"
#: experiments that do not reproduce their study with the current mechanisms, with the reason
#: and the test seeds at which a criterion fails (docs/evidence.md lists each, with numbers,
#: under "What is not yet reproduced")
FAILING: dict[str, tuple[str, tuple[int, ...]]] = {
    "gerrish2016": (
        "performance management has a small average effect (+0.08 and +0.09 SD at seeds 11 and "
        "12) and good practice adds +0.036 and +0.069 SD: under the 0.05 asked at seed 11, and "
        "at seed 12 the good-practice third is not 1.5 times the mean. Training explains most "
        "of the spread between settings; leaders' support moves nothing, since the programme's "
        "rules hold org-wide from day 0, and routed through implementation the measurement "
        "levers' effects fall to about zero", SEEDS),
}


def module(name: str):
    return importlib.import_module(f"birosim.experiments.validation.{name}")


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    out = tmp_path_factory.mktemp("evidence")
    cache = {}

    def get(name, seed):
        if (name, seed) not in cache:
            cache[name, seed] = run_pattern(name, quick=True, out_dir=out / str(seed), seed=seed)
        return cache[name, seed]

    return get


def _cases():
    for name in FIELD_EVIDENCE:
        for seed in SEEDS:
            reason, failing_seeds = FAILING.get(name, ("", ()))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if seed in failing_seeds else []
            yield pytest.param(name, seed, marks=marks, id=f"{name}-seed{seed}")


@pytest.mark.parametrize(("name", "seed"), list(_cases()))
def test_reproduces_the_study(results, name, seed):
    result = results(name, seed)
    estimates = result.table[result.table["part"] == "estimate"].set_index("criterion")
    for criterion in module(name).CRITERIA:
        row = estimates.loc[criterion.key]
        mean = row["model_mean"]
        if criterion.sign:
            assert (mean > 0) == (criterion.sign > 0), f"{criterion.key}: wrong sign ({mean:.3g})"
        low, high = criterion.band
        assert low <= mean <= high, f"{criterion.key}: {mean:.3g} outside [{low}, {high}]"
    failed = [k for k, ok in result.checks.items() if not ok]
    assert not failed, f"{name} seed {seed}: {failed}; {result.headline[0]}"


@pytest.mark.parametrize("name", FIELD_EVIDENCE)
def test_criteria_are_written_in_the_module(name):
    """Each experiment states its source, set-up and criteria, and its bands are constants of
    the module (declared before any run), with the published figure's sign matching."""
    mod = module(name)
    doc = mod.__doc__
    for word in ("Source", "Set-up", "Criteria (written before running)"):
        assert word in doc, f"{name}: docstring lacks {word!r}"
    assert name in PATTERNS and name == mod.NAME
    assert mod.CRITERIA and all(isinstance(c, Criterion) for c in mod.CRITERIA)
    for c in mod.CRITERIA:
        assert c.band[0] < c.band[1], c.key
        assert c.sign in (-1, 0, 1) and c.why, c.key
        if c.sign and c.published:
            assert (c.published > 0) == (c.sign > 0), c.key
        assert c.unit in UNITS_ID, f"{name}: unit {c.unit!r} has no Bahasa Indonesia label"


def test_figures_in_both_languages(results):
    from birosim.interfaces.figures.validation import write_pattern_figure

    result = results("olken2007", SEEDS[0])
    write_pattern_figure(result)
    for name in ("figure.png", "figure_id.png"):
        assert (result.out_dir / name).stat().st_size > 10_000
    verdict = json.loads((result.out_dir / "verdict.json").read_text())
    assert set(verdict["checks"]) == set(result.checks)
    assert verdict["figure"].endswith("figure.png")


# ------------------------------------------------------------------------------ the page
@pytest.fixture(scope="module")
def record():
    return json.loads(RECORD.read_text(encoding="utf-8"))


def test_page_table_is_generated_from_the_record(record):
    text = PAGE.read_text(encoding="utf-8")
    assert BLOCK.search(text), "docs/evidence.md has no evidence-table block"
    assert sync(text, record) == text, (
        "docs/evidence.md is out of date: run python docs/make_evidence_table.py")


def test_record_matches_the_modules(record):
    """The recorded run has every experiment, with the criteria the modules declare now and
    verdicts that follow from its numbers; the page reports a seed the tests do not use."""
    assert [e["name"] for e in record["experiments"]] == list(FIELD_EVIDENCE)
    assert record["seed"] not in SEEDS and record["versions"] == "full"
    for experiment in record["experiments"]:
        criteria = {c.key: c for c in module(experiment["name"]).CRITERIA}
        assert [e["criterion"] for e in experiment["estimates"]] == list(criteria)
        for e in experiment["estimates"]:
            c = criteria[e["criterion"]]
            assert (e["band_low"], e["band_high"], e["sign"]) == (*c.band, c.sign)
            assert e["published"] == c.published and e["published_text"] == c.published_text
            assert e["in_band"] == (c.band[0] <= e["model_mean"] <= c.band[1])
        passed = all(experiment["checks"].values())
        assert experiment["verdict"] == ("pass" if passed else "fail")
        if not passed:
            assert experiment["name"] in FAILING, (
                f"{experiment['name']} fails on the page but its tests are not marked")


def test_every_failing_experiment_is_listed_on_the_page():
    text = PAGE.read_text(encoding="utf-8")
    section = text.split("## What is not yet reproduced", 1)[1].split("\n## ", 1)[0]
    for name in FAILING:
        assert f"`{name}`" in section, f"{name} is marked failing but not listed on the page"
