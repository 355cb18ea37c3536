"""The decision-maker's report: every option and every OPD named, the planner's strings escaped,
Indonesian number formats and categories as published, and a page that renders offline in
Chromium with no console error and no broken image."""

from __future__ import annotations

import csv

import pytest
from birosim.core.organisation import ORGANISATIONS_DIR
from birosim.core.outcome_registry import get_outcome
from birosim.core.outcomes import sakip_grade as sakip
from birosim.core.scenario import load_scenario
from birosim.core.shipped import SCENARIOS_DIR
from birosim.interfaces.cli import app
from birosim.interfaces.numbers import format_rupiah, ikm_category
from birosim.interfaces.report import build_report
from birosim.interfaces.report.data import verdict
from chromium import chromium_browser
from typer.testing import CliRunner

MARKUP = "<b>x</b>"
ROLLOUT = SCENARIOS_DIR / "rollout"


OPTIONS = {  # name -> (preset, extra TOML)
    "status_quo": ("conventional", ""),
    "results_oriented": ("results_oriented", ""),
    "delegation_only": ("conventional", "[levers.service]\ndelegation = 0.6\n"),
}


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    """``birosim compare`` of three options on the classroom, one unit renamed to markup."""
    root = tmp_path_factory.mktemp("report")
    with (ORGANISATIONS_DIR / "classroom.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    rows[1]["unit_name"] = MARKUP
    with (root / "org.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    paths = []
    for name, (preset, extra) in OPTIONS.items():
        paths.append(root / f"{name}.toml")
        paths[-1].write_text(f'name = "{name}"\norganisation = "org.csv"\npreset = "{preset}"\n'
                             f"horizon_days = 120\nwarmup_days = 20\nseed = 11\n{extra}")
    out = root / "results"
    result = CliRunner().invoke(app, ["compare", *map(str, paths), "--replicates", "3",
                                      "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out, rows


def test_report_names_every_option_and_unit_and_escapes_markup(results):
    directory, rows = results
    html = build_report(directory, "en")
    for name in OPTIONS:
        assert name in html
    for row in rows:
        if row["unit_name"] != MARKUP:
            assert row["unit_name"] in html and row["unit_id"] in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html and MARKUP not in html
    assert "http://" not in html and "https://" not in html  # nothing to fetch


def test_report_in_indonesian(results):
    html = build_report(results[0], "id")
    assert "Pilihan reformasi birokrasi" in html and "IK 95 %" in html
    assert " miliar" in html or " juta" in html


def test_formats_and_categories():
    assert format_rupiah(1.25e9, "id", words=True) == "Rp 1,25 miliar"
    assert format_rupiah(1.25e9, "en", words=True) == "Rp 1.25 billion"
    assert format_rupiah(9.62e11, "id", words=True) == "Rp 962 miliar"
    assert format_rupiah(4.5e6, "id", words=True) == "Rp 4,50 juta"
    assert [ikm_category(s, "id") for s in (88.31, 88.30, 76.61, 76.60, 65.0, 64.99)] == [
        "A (Sangat Baik)", "B (Baik)", "B (Baik)", "C (Kurang Baik)", "C (Kurang Baik)",
        "D (Tidak Baik)"]
    assert [sakip(s) for s in (95, 85, 75, 65, 55, 35, 10)] == ["AA", "A", "BB", "B", "CC", "C", "D"]


def test_verdict_follows_the_better_direction():
    lead, ikm = get_outcome("lead_time_mean_days"), get_outcome("ikm")
    assert verdict(lead, -2, -1) == "better" and verdict(lead, 1, 2) == "worse"
    assert verdict(ikm, 1, 2) == "better" and verdict(ikm, -2, -1) == "worse"
    assert verdict(ikm, -1, 1) == "unclear"


def test_report_renders_offline_in_chromium(results, tmp_path):
    out = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["report", str(results[0]), "--out", str(out)])
    assert result.exit_code == 0, result.output
    errors, requests = [], []
    with chromium_browser() as browser:
        page = browser.new_context().new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: requests.append(r.url))
        page.goto(out.as_uri())
        broken = page.evaluate(
            "[...document.images].filter(i => !i.complete || i.naturalWidth === 0).length")
        images = page.evaluate("document.images.length")
    assert not errors, errors
    assert all(url.startswith(("file:", "data:")) for url in requests), requests
    assert images >= 1 and broken == 0


def test_bad_results_directory_is_one_line(tmp_path):
    result = CliRunner().invoke(app, ["report", str(tmp_path), "--out", str(tmp_path / "r.html")])
    assert result.exit_code == 2 and "manifest.json" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("name", ["big_bang", "big_bang_unsupported", "pilot_named",
                                  "pilot_readiness", "pilot_unsupported"])
def test_rollout_options_load_and_name_real_pilots(name):
    scenario = load_scenario(str(ROLLOUT / f"{name}.toml"))
    units = scenario.load_organisation().unit_id
    assert set(scenario.levers.reform.pilot_units) <= set(units)
    assert scenario.levers.reform.enabled and scenario.preset == "results_oriented"
    if "unsupported" in name:
        assert scenario.levers.reform.leadership_support < 0.5
