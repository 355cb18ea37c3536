"""``birosim report``: one self-contained HTML file a decision-maker reads in ten minutes.

From a compare results directory (:mod:`.data`): the question, the organisation, the options,
each outcome with its 95 % interval and a plain-language verdict, a table per OPD (which units
gain, which lose), Rupiah in juta/miliar, IKM with its PermenPANRB 14/2017 category, the SAKIP
grade, the trade-offs, when each option fails (from a robustness sweep's scenario discovery, if
one was run), the assumptions and their sources (the parameter registry) and the provenance.
Plots are embedded as data URIs, styles inline: the file makes no request to any host. Every
string from the planner's files is escaped (jinja2 autoescape). A PDF is printed from the HTML
by Chromium through Playwright.
"""

from __future__ import annotations

import math
from importlib.resources import files
from pathlib import Path

import jinja2

from ... import __version__
from ...core.errors import InputError
from ...core.organisation import load_organisation
from ...core.outcomes import sakip_grade
from ...core.parameters import parameters
from ..numbers import format_value, ikm_category
from .data import HEADLINE, REGISTRY, Results, load_results, outcome_rows, robustness, unit_rows
from .figures import forest
from .texts import TEXTS


def _environment() -> jinja2.Environment:
    template_dir = files("birosim.interfaces.report") / "templates"
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(template_dir)),
                              autoescape=True, undefined=jinja2.StrictUndefined,
                              trim_blocks=True, lstrip_blocks=True)


def _sentence(row, lang: str) -> str:
    t = TEXTS[lang]
    unit = row.outcome.unit
    amount = format_value(unit, abs(row.difference), lang)
    interval = f"{t['ci']} {format_value(unit, row.low, lang)} {t['to']} {format_value(unit, row.high, lang)}"
    if row.verdict in ("unclear", "same"):
        return f"{t['no_clear']} ({interval})"
    direction = t["rises"] if row.difference > 0 else t["falls"]
    return f"{direction} {amount} ({interval})"


def _organisation(results: Results) -> dict:
    """Units and staff: from the organisation file the manifest names, else from units.csv."""
    named = results.manifest.get("organisation")
    source = named.get("source") or named.get("name") if isinstance(named, dict) else named
    base = results.units[results.units["option"].astype(str) == results.baseline]
    try:
        org = load_organisation(str(source)) if source else None
    except InputError:
        org = None
    if org is not None:
        units = [{"id": org.unit_id[i], "name": org.unit_name[i], "parent": org.parent_org[i],
                  "staff": int(org.staff[i]), "demand": float(org.daily_demand[i])}
                 for i in range(org.n_units)]
        name = org.name
    else:
        first = base.groupby("unit_id", sort=False).agg(
            name=("unit_name", "first"), parent=("parent_org", "first"),
            staff=("headcount", "mean") if "headcount" in base else ("replicate", "size"))
        units = [{"id": uid, "name": r.name, "parent": r.parent, "staff": int(round(r.staff)),
                  "demand": math.nan} for uid, r in first.iterrows()]
        name = str(source or "-")
    return {"name": name, "units": units, "staff": sum(u["staff"] for u in units),
            "parents": sorted({u["parent"] for u in units})}


def _outcome_table(rows, lang: str) -> list[dict]:
    t = TEXTS[lang]
    table = []
    for row in rows:
        unit = row.outcome.unit
        extra = ""
        if row.outcome.name == "ikm":
            extra = f"{ikm_category(row.baseline, lang)} → {ikm_category(row.value, lang)}"
        elif row.outcome.name.startswith("sakip_score"):
            extra = f"{sakip_grade(row.baseline)} → {sakip_grade(row.value)}"
        baseline, value = format_value(unit, row.baseline, lang), format_value(unit, row.value, lang)
        if row.outcome.name == "ikm":  # the category is what the IKM is read by
            baseline += f" ({ikm_category(row.baseline, lang)[0]})"
            value += f" ({ikm_category(row.value, lang)[0]})"
        table.append({
            "name": row.outcome.name, "label": row.outcome.label(lang), "claim": row.outcome.claim,
            "baseline": baseline, "value": value,
            "sentence": _sentence(row, lang), "verdict": row.verdict,
            "verdict_text": t["verdict_" + row.verdict], "extra": extra,
        })
    return table


def _unit_table(results: Results, option: str, lang: str) -> list[dict]:
    rows = []
    for row in unit_rows(results, option):
        cells = {}
        for name, before in row.baseline.items():
            unit = REGISTRY[name].unit
            cells[name] = {"before": format_value(unit, before, lang),
                           "after": format_value(unit, row.option[name], lang),
                           "verdict": row.verdicts[name]}
        if "ikm" in row.option:
            cells["ikm"]["after"] += f" ({ikm_category(row.option['ikm'], lang)[0]})"
        rows.append({"id": row.unit_id, "name": row.unit_name, "cells": cells,
                     "overall": row.overall, "overall_text": TEXTS[lang]["unit_" + row.overall]})
    order = {"loses": 0, "mixed": 1, "gains": 2, "unclear": 3}
    return sorted(rows, key=lambda r: order[r["overall"]])


def _assumptions(lang: str) -> list[dict]:
    return [{"name": p.name, "label": p.label(lang), "default": p.default, "unit": p.unit,
             "source": p.source} for p in parameters(role="parameter")]


def build_report(directory: Path, lang: str = "en", robustness_dir: Path | None = None) -> str:
    """The report's HTML (see module docstring)."""
    results = load_results(directory)
    t = TEXTS[lang]
    rows = outcome_rows(results)
    options = []
    manifest_options = {str(o.get("option")): o for o in results.manifest.get("options", ())}
    for name in results.options:
        option = manifest_options.get(name, {})
        mine = [r for r in rows if r.option == name]
        options.append({
            "name": name, "baseline": name == results.baseline,
            "scenario": option.get("scenario", name),
            "hash": option.get("scenario_hash", "-"),
            "table": _outcome_table(mine, lang),
            "headline": _outcome_table(sorted((r for r in mine if r.outcome.name in HEADLINE),
                                              key=lambda r: HEADLINE.index(r.outcome.name)), lang),
            "better": [r.outcome.label(lang) for r in mine if r.verdict == "better"],
            "worse": [r.outcome.label(lang) for r in mine if r.verdict == "worse"],
            "units": _unit_table(results, name, lang) if name != results.baseline else [],
        })
    glance = []
    for name in HEADLINE:
        cells = [next((r for r in o["headline"] if r["name"] == name), None)
                 for o in options if not o["baseline"]]
        present = [c for c in cells if c is not None]
        if present:
            glance.append({"label": present[0]["label"], "baseline": present[0]["baseline"],
                           "cells": cells})
    manifest = results.manifest
    seeds = manifest.get("replicate_seeds", [])
    context = {
        "lang": lang, "t": t, "org": _organisation(results), "options": options,
        "glance": glance,
        "baseline": results.baseline,
        "question": manifest.get("question") or t["question"].format(
            baseline=results.baseline, n=len(results.options) - 1),
        "forest": forest([r for r in rows if r.outcome.name in HEADLINE], results.options, lang),
        "robustness": robustness(robustness_dir),
        "assumptions": _assumptions(lang),
        "replicates": int(results.summaries["replicate"].nunique()),
        "provenance": {
            "seed": manifest.get("seed", "-"), "seeds": ", ".join(map(str, seeds)) or "-",
            "version": manifest.get("package_version", __version__),
            "git_commit": manifest.get("git_commit") or "-",
            "uncertainty": manifest.get("uncertainty", "paired t, 95 %"),
            "directory": str(directory),
        },
        "unit_columns": [(name, REGISTRY[name].label(lang)) for name in
                         ("lead_time_mean_days", "on_time_share", "ikm", "backlog")
                         if name in results.units.columns],
    }
    return _environment().get_template("report.html.j2").render(**context)


def write_report(directory: Path, out: Path, lang: str = "en", pdf: bool = False,
                 robustness_dir: Path | None = None) -> list[Path]:
    """Write the HTML report (and a PDF beside it when ``pdf``); returns the files written."""
    html = build_report(directory, lang, robustness_dir)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(html, encoding="utf-8")
    written = [out]
    if pdf:
        written.append(print_pdf(out))
    return written


def print_pdf(html_path: Path) -> Path:
    """Print the HTML to A4 PDF with Chromium (Debian's, driven by Playwright), offline."""
    import shutil

    from playwright.sync_api import Error, sync_playwright

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        raise InputError("--pdf", "chromium", chromium, "an installed Chromium (apt-get install "
                         "chromium)", "not found")
    pdf_path = html_path.with_suffix(".pdf")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=[
                "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking"])
            page = browser.new_page()
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(
                ("file:", "data:")) else route.abort())
            page.goto(html_path.resolve().as_uri())
            page.pdf(path=str(pdf_path), format="A4", print_background=True,
                     margin={"top": "14mm", "bottom": "14mm", "left": "12mm", "right": "12mm"})
            browser.close()
    except Error as error:
        raise InputError("--pdf", "chromium", chromium, "a Chromium that Playwright can start",
                         str(error).splitlines()[0]) from None
    return pdf_path
