"""The analysis of a sweep folder as tables, a text summary and ``report.md``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from ..spec import AnalysisSpec
from .data import SweepData, baseline_policy, load_sweep
from .discovery import PrimResult, scenario_discovery
from .effects import outcome_summary, paired_effects
from .sensitivity import sensitivity


@dataclass
class AnalysisReport:
    out: Path
    method: str
    sensitivity: dict[str, pd.DataFrame]
    paired: pd.DataFrame | None
    paired_by_sample: pd.DataFrame | None
    prim: PrimResult | None
    notes: list[str]
    files: list[Path]
    runs: int
    failed: int
    outcomes: pd.DataFrame | None = None
    conf_level: float = 0.95

    def to_text(self, top: int = 8) -> str:
        parts = [f"Analysis of {self.runs} runs ({self.failed} failed), design {self.method}"]
        parts += [f"note: {n}" for n in self.notes]
        if self.outcomes is not None and len(self.outcomes):
            parts.append("\nOutcomes over all runs:")
            parts.append(_fmt(self.outcomes))
        if "sobol" in self.sensitivity:
            parts.append("\nSobol indices (first order S1, total ST, with confidence half-widths),"
                         f" top {top} factors by ST:")
            for (target, outcome), group in self.sensitivity["sobol"].groupby(
                    ["target", "outcome"], sort=False):
                parts.append(f"-- {target} / {outcome}")
                g = group.sort_values("ST", ascending=False).head(top)
                parts.append(_fmt(g[["factor", "S1", "S1_conf", "ST", "ST_conf",
                                     "change_at_half", "warning"]]))
        if "morris" in self.sensitivity:
            parts.append(f"\nMorris elementary effects, top {top} factors by mu*:")
            for (target, outcome), group in self.sensitivity["morris"].groupby(
                    ["target", "outcome"], sort=False):
                parts.append(f"-- {target} / {outcome}")
                g = group.sort_values("mu_star", ascending=False).head(top)
                parts.append(_fmt(g[["factor", "mu_star", "mu_star_conf", "mu", "sigma",
                                     "warning"]]))
        if self.paired is not None and len(self.paired):
            parts.append("\nPaired policy effects (policy - baseline, same seeds):")
            parts.append(_fmt(self.paired[["policy", "baseline", "outcome", "n_pairs",
                                           "mean_baseline", "effect", "ci_low", "ci_high",
                                           "relative_effect", "p_value"]]))
        if self.prim is not None:
            parts.append("\nScenario discovery (PRIM):")
            parts.append(self.prim.describe())
        parts.append("\nFiles: " + ", ".join(str(p.name) for p in self.files))
        return "\n".join(parts)


def _fmt(frame: pd.DataFrame) -> str:
    return frame.to_string(index=False, float_format=lambda v: f"{v:.4g}")


def _markdown(frame: pd.DataFrame) -> str:
    def cell(v: Any) -> str:
        return f"{v:.4g}" if isinstance(v, float) else str(v)

    head = "| " + " | ".join(map(str, frame.columns)) + " |"
    rule = "|" + "---|" * len(frame.columns)
    body = ["| " + " | ".join(cell(v) for v in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join([head, rule, *body])


#: draws a report's figures into ``report.out`` and returns the files written
FigureWriter = Callable[["AnalysisReport"], list[Path]]


def analyze_sweep(out: str | Path, *, dest: str | Path | None = None,
                  figures: FigureWriter | None = None, analysis: AnalysisSpec | None = None,
                  seed: int = 0) -> AnalysisReport:
    """Analyse the sweep folder ``out``; tables and report.md go to ``dest`` (default
    ``out/analysis``), and the figures ``figures`` draws (the command line passes
    ``birosim.interfaces.figures.sensitivity.analysis_figures``; none when None)."""
    data = load_sweep(out, analysis)
    dest = Path(dest) if dest else data.out / "analysis"
    dest.mkdir(parents=True, exist_ok=True)
    files: list[Path] = []
    tables, notes = sensitivity(data, seed=seed)
    failed_ids = set(data.failures["run_id"]) - set(data.runs["run_id"]) if len(
        data.failures) else set()
    if failed_ids:
        notes.insert(0, f"{len(failed_ids)} runs failed; see failures/ (pairs and samples "
                        "without their runs are left out)")
    summary = outcome_summary(data.runs, data.outcomes)
    files.append(dest / "outcomes.csv")
    summary.to_csv(files[-1], index=False)
    for name, frame in tables.items():
        path = dest / f"{name}.csv"
        frame.to_csv(path, index=False)
        files.append(path)

    paired = by_sample = None
    baseline = baseline_policy(data)
    conf = data.spec.analysis.conf_level
    if baseline is not None:
        paired = paired_effects(data.runs, data.outcomes, data.policies, baseline, conf)
        files.append(dest / "paired_effects.csv")
        paired.to_csv(files[-1], index=False)
        if data.spec.replicates > 1:
            by_sample = paired_effects(data.runs, data.outcomes, data.policies, baseline, conf,
                                       by="sample")
            by_sample = by_sample.join(data.sample_values(), on="sample")
            files.append(dest / "paired_effects_by_sample.csv")
            by_sample.to_csv(files[-1], index=False)

    prim = None
    if data.spec.analysis.prim is not None:
        prim = scenario_discovery(data)
        for name, frame in (("prim_box", prim.limits), ("prim_trajectory", prim.trajectory),
                            ("prim_cases", prim.cases)):
            if len(frame):
                files.append(dest / f"{name}.csv")
                frame.to_csv(files[-1], index=name == "prim_cases")

    report = AnalysisReport(dest, data.spec.design.method, tables, paired, by_sample, prim,
                            notes, files, len(data.runs), len(failed_ids), summary, conf)
    if figures is not None:
        report.files += figures(report)
    md = dest / "report.md"
    md.write_text(_report_markdown(data, report), encoding="utf-8")
    report.files.append(md)
    return report


def _report_markdown(data: SweepData, report: AnalysisReport) -> str:
    m = data.manifest
    lines = [f"# Analysis of sweep `{data.spec.name}`", "", data.spec.description, "",
             f"- design: {data.spec.design.method}, {len(data.design)} samples x "
             f"{data.spec.replicates} replicates x {len(data.policies)} policies",
             f"- runs finished: {report.runs}, failed: {report.failed}",
             f"- spec hash {m.get('spec_hash')}, birosim {m.get('package_version')}, "
             f"commit {m.get('git_commit')}, code {m.get('code_fingerprint')}", ""]
    lines += [f"> {n}" for n in report.notes]
    lines += ["", "## Outcomes over all runs", "", _markdown(report.outcomes)]
    for name, title in (("sobol", "Sobol indices"), ("sobol_s2", "Second-order Sobol indices"),
                        ("morris", "Morris elementary effects")):
        if name in report.sensitivity:
            lines += ["", f"## {title}", ""]
            lines += [f"![{p.stem}]({p.name})" for p in sorted(report.out.glob(f"{name}_*.png"))]
            lines += ["", _markdown(report.sensitivity[name]), ""]
    if report.paired is not None:
        lines += ["", "## Paired policy effects (common random numbers)", "",
                  _markdown(report.paired), "", "![paired effects](paired_effects.png)"]
    if report.prim is not None:
        lines += ["", "## Scenario discovery (PRIM)", "", "```", report.prim.describe(), "```"]
        if len(report.prim.limits):
            lines += ["", _markdown(report.prim.limits), "", "![PRIM](prim.png)"]
    return "\n".join(lines) + "\n"
