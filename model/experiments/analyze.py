"""Analysis of a sweep folder: sensitivity indices, paired policy effects, scenario discovery.

- **Sensitivity** (SALib, on the stored design matrix): Sobol S1 and ST with confidence
  intervals (and S2 when the design has second order) for a Sobol design; Morris mu, mu* (with
  confidence interval) and sigma for a Morris design. One analysis per policy and outcome, on the
  mean over replicates of each sample; with several policies also of each policy's paired effect
  (policy minus baseline), i.e. what drives the effect of the reform.
- **Paired policy effects**: every run of a policy minus the baseline's run with the same sample
  and seed (common random numbers); mean, t-based confidence interval, relative effect, p-value,
  over all pairs and (with replicates) per sample.
- **Scenario discovery** (PRIM of EMA Workbench 2.5.3): the samples where a question's answer is
  "yes" (e.g. results-oriented reform fails to beat conventional on satisfaction or cost) are the
  cases of interest; PRIM finds the box of factor values where they concentrate, with coverage
  and density.

:func:`analyze_sweep` writes CSV tables, PNG plots and ``report.md`` to ``DIR/analysis``.
"""

from __future__ import annotations

import json
import math
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..core import InputError
from .effects import paired_effect
from .spec import (
    AnalysisSpec,
    ExperimentSpec,
    Factor,
    PrimSpec,
    check_policy_names,
    factors_from_manifest,
    parse_spec,
)
from .sweep import ID_COLUMNS, TIMING_COLUMNS, load_failures, load_runs


# --------------------------------------------------------------------------- loading
@dataclass
class SweepData:
    """Everything stored in a sweep folder, ready for analysis."""

    out: Path
    spec: ExperimentSpec
    factors: list[Factor]
    design: pd.DataFrame
    runs: pd.DataFrame
    failures: pd.DataFrame
    manifest: dict[str, Any]
    outcomes: list[str]
    policies: list[str]

    @property
    def problem(self) -> dict[str, Any]:
        return {"num_vars": len(self.factors), "names": [f.name for f in self.factors],
                "bounds": [f.bounds() for f in self.factors]}

    def sample_values(self) -> pd.DataFrame:
        """The factor values of each sample (one row per sample that has a finished run)."""
        names = [f.name for f in self.factors]
        first = self.runs.drop_duplicates("sample").set_index("sample")
        return first[names].sort_index()


def load_sweep(out: str | Path, analysis: AnalysisSpec | None = None) -> SweepData:
    """Read a sweep folder; ``analysis`` replaces the settings of its ``spec.toml``."""
    out = Path(out)
    spec_path = out / "spec.toml"
    if not spec_path.is_file() or not (out / "manifest.json").is_file():
        raise InputError(str(out), "DIR", str(out), "a folder written by `birosim sweep`",
                         "no spec.toml / manifest.json")
    spec = parse_spec(spec_path.read_text(encoding="utf-8"), str(spec_path), check_factors=False)
    if analysis is not None:
        spec = spec.model_copy(update={"analysis": analysis})
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    factors = factors_from_manifest(manifest)
    runs = load_runs(out)
    if runs.empty:
        raise InputError(str(out), "runs", 0, "at least one finished run", "nothing to analyse")
    design = pd.read_parquet(out / "design.parquet")
    known = set(ID_COLUMNS) | set(TIMING_COLUMNS) | {f.name for f in factors}
    outcomes = list(spec.outcomes) if spec.outcomes else [
        c for c in runs.columns if c not in known and pd.api.types.is_numeric_dtype(runs[c])
    ]
    policies = list(manifest.get("design", {}).get("policies") or runs["policy"].unique())
    _check_analysis_names(spec, policies, outcomes, [f.name for f in factors], str(spec_path))
    return SweepData(out, spec, factors, design, runs, load_failures(out), manifest, outcomes,
                     policies)


def _check_analysis_names(spec: ExperimentSpec, policies: list[str], outcomes: list[str],
                          factors: list[str], source: str) -> None:
    check_policy_names(spec.analysis, policies, source)
    prim = spec.analysis.prim
    if prim is None:
        return
    for i, criterion in enumerate(prim.criteria):
        if criterion.outcome not in outcomes:
            raise InputError(source, f"analysis.prim.criteria[{i}].outcome", criterion.outcome,
                             ", ".join(outcomes), "not an outcome of this sweep")
    for i, name in enumerate(prim.inputs or ()):
        if name not in factors:
            raise InputError(source, f"analysis.prim.inputs[{i}]", name, ", ".join(factors),
                             "not a factor of this sweep")


def baseline_policy(data: SweepData) -> str | None:
    if len(data.policies) < 2:
        return None
    return data.spec.analysis.baseline or data.policies[0]


# --------------------------------------------------------------------------- sensitivity
def _sample_means(runs: pd.DataFrame, outcomes: list[str]) -> pd.DataFrame:
    return runs.groupby("sample")[outcomes].mean()


def _paired_diffs(runs: pd.DataFrame, policy: str, baseline: str,
                  outcomes: list[str]) -> pd.DataFrame:
    """Per (sample, replicate): policy minus baseline, for runs that both finished."""
    keys = ["sample", "replicate"]
    left = runs.loc[runs["policy"] == policy, keys + outcomes].set_index(keys)
    right = runs.loc[runs["policy"] == baseline, keys + outcomes].set_index(keys)
    joined = left.merge(right, how="inner", left_index=True, right_index=True,
                        suffixes=("__p", "__b"))
    diffs = pd.DataFrame(index=joined.index)
    for name in outcomes:
        diffs[name] = joined[f"{name}__p"] - joined[f"{name}__b"]
    return diffs.reset_index()


def sensitivity_targets(data: SweepData) -> dict[str, pd.DataFrame]:
    """Per target (a policy, or ``policy-baseline`` for its paired effect): per-sample means."""
    targets = {}
    for policy in data.policies:
        targets[policy] = _sample_means(data.runs[data.runs["policy"] == policy], data.outcomes)
    baseline = baseline_policy(data)
    if baseline is not None:
        for policy in data.policies:
            if policy != baseline:
                diffs = _paired_diffs(data.runs, policy, baseline, data.outcomes)
                targets[f"{policy}-{baseline}"] = _sample_means(diffs, data.outcomes)
    return targets


def sobol_indices(problem: dict[str, Any], y: np.ndarray, *, second_order: bool = False,
                  conf_level: float = 0.95, resamples: int = 1000,
                  seed: int = 0) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """SALib Sobol analysis: per factor S1, S1_conf, ST, ST_conf (and the S2 table)."""
    from SALib.analyze import sobol

    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        res = sobol.analyze(problem, np.asarray(y, dtype=float), calc_second_order=second_order,
                            num_resamples=resamples, conf_level=conf_level, seed=seed)
    first = pd.DataFrame({
        "factor": problem["names"], "S1": res["S1"], "S1_conf": res["S1_conf"],
        "ST": res["ST"], "ST_conf": res["ST_conf"],
    })
    pairs = None
    if second_order:
        names = problem["names"]
        rows = [
            {"factor": names[i], "factor_2": names[j], "S2": res["S2"][i, j],
             "S2_conf": res["S2_conf"][i, j]}
            for i in range(len(names)) for j in range(i + 1, len(names))
        ]
        pairs = pd.DataFrame(rows)
    return first, pairs


def morris_indices(problem: dict[str, Any], x: np.ndarray, y: np.ndarray, *, levels: int = 4,
                   conf_level: float = 0.95, resamples: int = 1000, seed: int = 0) -> pd.DataFrame:
    """SALib Morris analysis: per factor mu, mu_star, mu_star_conf, sigma."""
    from SALib.analyze import morris

    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        res = morris.analyze(problem, np.asarray(x, dtype=float), np.asarray(y, dtype=float),
                             num_resamples=resamples, conf_level=conf_level, num_levels=levels,
                             seed=seed)
    return pd.DataFrame({
        "factor": problem["names"], "mu": res["mu"], "mu_star": res["mu_star"],
        "mu_star_conf": res["mu_star_conf"], "sigma": res["sigma"],
    })


def sensitivity(data: SweepData, seed: int = 0) -> tuple[dict[str, pd.DataFrame], list[str]]:
    """Sobol or Morris indices for every target and outcome, as long tables, plus notes."""
    method = data.spec.design.method
    tables: dict[str, pd.DataFrame] = {}
    notes: list[str] = []
    if method not in ("sobol", "morris"):
        return tables, notes
    analysis = data.spec.analysis
    roles = {f.name: f.role for f in data.factors}
    n = len(data.design)
    x = data.design[[f.name for f in data.factors]].to_numpy(dtype=float)
    first_rows, second_rows, morris_rows = [], [], []
    for target, means in sensitivity_targets(data).items():
        means = means.reindex(range(n))
        for outcome in data.outcomes:
            y = means[outcome].to_numpy(dtype=float)
            missing = int(np.isnan(y).sum())
            if missing:
                notes.append(f"{method} {target} {outcome}: {missing} of {n} samples have no "
                             "finished run (or a NaN outcome); indices left out")
                continue
            tag = {"target": target, "outcome": outcome}
            if method == "sobol":
                first, pairs = sobol_indices(
                    data.problem, y, second_order=data.spec.design.second_order,
                    conf_level=analysis.conf_level, resamples=analysis.resamples, seed=seed)
                first_rows.append(first.assign(**tag))
                if pairs is not None:
                    second_rows.append(pairs.assign(**tag))
            else:
                morris_rows.append(morris_indices(
                    data.problem, x, y, levels=data.spec.design.levels,
                    conf_level=analysis.conf_level, resamples=analysis.resamples, seed=seed,
                ).assign(**tag))
    for name, rows in (("sobol", first_rows), ("sobol_s2", second_rows), ("morris", morris_rows)):
        if rows:
            frame = pd.concat(rows, ignore_index=True)
            frame["role"] = frame["factor"].map(roles).fillna("")
            lead = ["target", "outcome", "factor", "role"]
            frame = frame[lead + [c for c in frame.columns if c not in lead]]
            tables[name] = frame
    return tables, notes


# --------------------------------------------------------------------------- outcome summary
def outcome_summary(runs: pd.DataFrame, outcomes: list[str]) -> pd.DataFrame:
    """Per policy and outcome, over all runs: n, mean, sd and the 5/50/95 % quantiles."""
    rows = []
    for policy, group in runs.groupby("policy", sort=False):
        for name in outcomes:
            v = group[name].dropna()
            rows.append({"policy": policy, "outcome": name, "n": len(v), "mean": v.mean(),
                         "sd": v.std(), "p5": v.quantile(0.05), "p50": v.median(),
                         "p95": v.quantile(0.95)})
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- paired effects
def paired_effects(runs: pd.DataFrame, outcomes: list[str], policies: list[str],
                   baseline: str, conf_level: float = 0.95,
                   by: str | None = None) -> pd.DataFrame:
    """Each policy minus ``baseline`` on common random numbers, per outcome (and per ``by``)."""
    rows = []
    keys = ["sample", "replicate"]
    base_runs = runs.loc[runs["policy"] == baseline, keys + outcomes].set_index(keys)
    for policy in policies:
        if policy == baseline:
            continue
        pol_runs = runs.loc[runs["policy"] == policy, keys + outcomes].set_index(keys)
        joined = pol_runs.merge(base_runs, how="inner", left_index=True, right_index=True,
                                suffixes=("__p", "__b")).reset_index()
        groups = joined.groupby(by) if by else [(None, joined)]
        for key, group in groups:
            for outcome in outcomes:
                pol, base = group[f"{outcome}__p"], group[f"{outcome}__b"]
                row = {"policy": policy, "baseline": baseline, "outcome": outcome}
                if by:
                    row[by] = key
                effect = paired_effect(base, pol, conf_level)
                rows.append({**row, "n_pairs": effect["n"], "mean_baseline": effect["mean_baseline"],
                             "mean_policy": effect["mean_option"], "effect": effect["difference"],
                             "ci_low": effect["ci_low"], "ci_high": effect["ci_high"],
                             "sd": effect["sd"], "relative_effect": effect["relative_difference"],
                             "p_value": effect["p_value"]})
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- scenario discovery
@dataclass
class PrimResult:
    """A PRIM box: where the cases of interest concentrate."""

    question: str
    policy: str | None
    baseline: str | None
    n_samples: int
    n_interest: int
    coverage: float = math.nan
    density: float = math.nan
    mass: float = math.nan
    meets_threshold: bool = False
    limits: pd.DataFrame = field(default_factory=pd.DataFrame)
    trajectory: pd.DataFrame = field(default_factory=pd.DataFrame)
    selected: int | None = None
    note: str = ""
    cases: pd.DataFrame = field(default_factory=pd.DataFrame)

    def describe(self) -> str:
        lines = [f"Question: {self.question}" if self.question else "Scenario discovery (PRIM)",
                 f"Cases of interest: {self.n_interest} of {self.n_samples} samples "
                 f"({self.n_interest / max(self.n_samples, 1):.0%})"]
        if self.note:
            lines.append(self.note)
        if self.selected is not None:
            lines.append(f"Box: coverage {self.coverage:.2f}, density {self.density:.2f}, "
                         f"mass {self.mass:.2f}" + ("" if self.meets_threshold else
                                                    " (below the density threshold)"))
            for row in self.limits.itertuples(index=False):
                lines.append(f"  {row.factor}: {row.limits}  (qp {row.qp_value:.3g})")
        return "\n".join(lines)


def cases_of_interest(data: SweepData, prim: PrimSpec) -> tuple[pd.DataFrame, str | None]:
    """Per sample: the criteria's values and whether it is a case of interest."""
    policy = prim.policy or data.policies[0]
    outcomes = sorted({c.outcome for c in prim.criteria})
    runs = data.runs
    if prim.baseline is not None:
        frame = _sample_means(_paired_diffs(runs, policy, prim.baseline, outcomes), outcomes)
    else:
        frame = _sample_means(runs[runs["policy"] == policy], outcomes)
    flags = []
    for c in prim.criteria:
        v = frame[c.outcome]
        if prim.baseline is not None:
            beats = v > c.margin if c.better == "higher" else v < -c.margin
            flags.append(~beats)
        elif c.below is not None:
            flags.append(v < c.below)
        else:
            flags.append(v > c.above)
    combined = pd.concat(flags, axis=1)
    frame["interest"] = combined.any(axis=1) if prim.combine == "any" else combined.all(axis=1)
    return frame, policy


def scenario_discovery(data: SweepData, prim: PrimSpec | None = None) -> PrimResult:
    """PRIM on the samples' factor values and their case-of-interest flags."""
    prim = prim or data.spec.analysis.prim
    if prim is None:
        raise InputError(str(data.out / "spec.toml"), "analysis.prim", None,
                         "an [analysis.prim] table", "no scenario discovery question")
    cases, policy = cases_of_interest(data, prim)
    inputs = prim.inputs or [f.name for f in data.factors]
    x = data.sample_values().loc[cases.index, inputs].reset_index(drop=True)
    for f in data.factors:
        if f.name in inputs and (f.values is not None or f.target.kind in ("bool", "choice")):
            x[f.name] = x[f.name].astype(str).astype("category")
        elif f.name in inputs:
            x[f.name] = x[f.name].astype(float)
    y = cases["interest"].to_numpy(dtype=bool)
    result = PrimResult(prim.question, policy, prim.baseline, len(y), int(y.sum()),
                        cases=cases.join(data.sample_values()))
    if not inputs:
        result.note = "no factors to restrict"
        return result
    if y.sum() == 0:
        result.note = "No sample is a case of interest: nothing for PRIM to find."
        return result
    if y.all():
        result.note = "Every sample is a case of interest: the whole space is the box."
        return result
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from ema_workbench.analysis import prim as ema_prim

        finder = ema_prim.Prim(x, y, threshold=prim.threshold, peel_alpha=prim.peel_alpha,
                               mass_min=prim.mass_min)
        box = finder.find_box()
    trajectory = box.peeling_trajectory.copy()
    meets = trajectory[trajectory["density"] >= prim.threshold]
    if y.mean() >= prim.threshold:
        result.note = (f"{y.mean():.0%} of the samples are cases of interest, already above the "
                       f"density threshold {prim.threshold}: the whole space is the box. Ask the "
                       "question the other way round (or raise the threshold) to find where "
                       "the exceptions are.")
    if len(meets):
        best = meets.sort_values(["coverage", "res_dim"], ascending=[False, True]).index[0]
    else:
        best = trajectory["density"].idxmax()
        result.note = (f"No box reaches density {prim.threshold}; showing the densest "
                       f"({trajectory['density'].max():.2f}).")
    i = int(best)
    box.select(i)
    result.selected = i
    result.coverage, result.density = float(box.coverage), float(box.density)
    result.mass = float(box.mass)
    result.meets_threshold = bool(len(meets))
    result.trajectory = trajectory
    result.limits = _box_limits(box.box_lims[i], box.box_lims[0], box.qp[i])
    return result


def _box_limits(lims: pd.DataFrame, init: pd.DataFrame, qp: dict) -> pd.DataFrame:
    rows = []
    for name in lims.columns:
        low, high = lims[name].iloc[0], lims[name].iloc[1]
        if isinstance(low, set):
            if low == init[name].iloc[0]:
                continue
            text = "{" + ", ".join(sorted(map(str, low))) + "}"
            lo_v, hi_v = math.nan, math.nan
        else:
            if low == init[name].iloc[0] and high == init[name].iloc[1]:
                continue
            text = f"{low:.4g} .. {high:.4g}"
            lo_v, hi_v = float(low), float(high)
        q = [v for v in qp.get(name, []) if v is not None and v >= 0]
        rows.append({"factor": name, "limits": text, "min": lo_v, "max": hi_v,
                     "full_min": _num(init[name].iloc[0]), "full_max": _num(init[name].iloc[1]),
                     "qp_value": max(q) if q else math.nan})
    return pd.DataFrame(rows, columns=["factor", "limits", "min", "max", "full_min", "full_max",
                                       "qp_value"])


def _num(value: Any) -> float:
    return math.nan if isinstance(value, set) else float(value)


# --------------------------------------------------------------------------- report
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
                parts.append(_fmt(g[["factor", "S1", "S1_conf", "ST", "ST_conf"]]))
        if "morris" in self.sensitivity:
            parts.append(f"\nMorris elementary effects, top {top} factors by mu*:")
            for (target, outcome), group in self.sensitivity["morris"].groupby(
                    ["target", "outcome"], sort=False):
                parts.append(f"-- {target} / {outcome}")
                g = group.sort_values("mu_star", ascending=False).head(top)
                parts.append(_fmt(g[["factor", "mu_star", "mu_star_conf", "mu", "sigma"]]))
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


def analyze_sweep(out: str | Path, *, dest: str | Path | None = None, plots: bool = True,
                  analysis: AnalysisSpec | None = None, seed: int = 0) -> AnalysisReport:
    """Analyse the sweep folder ``out``; tables, plots and report.md go to ``dest``."""
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

    if plots:
        files += plot_all(dest, tables, paired, prim)

    report = AnalysisReport(dest, data.spec.design.method, tables, paired, by_sample, prim,
                            notes, files, len(data.runs), len(failed_ids), summary)
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


# --------------------------------------------------------------------------- plots
def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _grid(n: int, cols: int = 3) -> tuple[int, int]:
    cols = min(cols, max(n, 1))
    return math.ceil(n / cols), cols


def plot_all(dest: Path, tables: dict[str, pd.DataFrame], paired: pd.DataFrame | None,
             prim: PrimResult | None, top: int = 12) -> list[Path]:
    """PNG plots of every table that has one; returns the files written."""
    plt = _pyplot()
    files = []
    for name, draw in (("sobol", _plot_sobol), ("morris", _plot_morris)):
        if name in tables:
            for target, frame in tables[name].groupby("target", sort=False):
                path = dest / f"{name}_{target}.png"
                fig = draw(plt, frame, f"{target}", top)
                fig.savefig(path, dpi=110)
                plt.close(fig)
                files.append(path)
    if paired is not None and len(paired):
        fig = _plot_paired(plt, paired)
        files.append(dest / "paired_effects.png")
        fig.savefig(files[-1], dpi=110)
        plt.close(fig)
    if prim is not None and len(prim.trajectory):
        fig = _plot_prim(plt, prim)
        files.append(dest / "prim.png")
        fig.savefig(files[-1], dpi=110)
        plt.close(fig)
    return files


def _plot_sobol(plt, frame: pd.DataFrame, target: str, top: int):
    outcomes = list(dict.fromkeys(frame["outcome"]))
    rows, cols = _grid(len(outcomes))
    fig, axes = plt.subplots(rows, cols, figsize=(5 * cols, 0.9 + 0.32 * top * rows),
                             squeeze=False)
    for ax, outcome in zip(axes.flat, outcomes, strict=False):
        g = frame[frame["outcome"] == outcome].sort_values("ST").tail(top)
        pos = np.arange(len(g))
        ax.barh(pos + 0.2, g["ST"], 0.4, xerr=g["ST_conf"], label="ST", color="#4c72b0")
        ax.barh(pos - 0.2, g["S1"], 0.4, xerr=g["S1_conf"], label="S1", color="#dd8452")
        ax.set_yticks(pos, g["factor"], fontsize=7)
        ax.set_title(outcome, fontsize=9)
        ax.axvline(0, color="grey", lw=0.5)
    for ax in list(axes.flat)[len(outcomes):]:
        ax.set_visible(False)
    axes.flat[0].legend(fontsize=7)
    fig.suptitle(f"Sobol indices: {target}")
    fig.tight_layout()
    return fig


def _plot_morris(plt, frame: pd.DataFrame, target: str, top: int):
    outcomes = list(dict.fromkeys(frame["outcome"]))
    rows, cols = _grid(len(outcomes))
    fig, axes = plt.subplots(rows, cols, figsize=(5 * cols, 4 * rows), squeeze=False)
    for ax, outcome in zip(axes.flat, outcomes, strict=False):
        g = frame[frame["outcome"] == outcome]
        ax.scatter(g["mu_star"], g["sigma"], s=12)
        for row in g.sort_values("mu_star").tail(min(top, 6)).itertuples(index=False):
            ax.annotate(row.factor, (row.mu_star, row.sigma), fontsize=6)
        ax.set_xlabel("mu*", fontsize=8)
        ax.set_ylabel("sigma", fontsize=8)
        ax.set_title(outcome, fontsize=9)
    for ax in list(axes.flat)[len(outcomes):]:
        ax.set_visible(False)
    fig.suptitle(f"Morris screening: {target}")
    fig.tight_layout()
    return fig


def _plot_paired(plt, paired: pd.DataFrame):
    labels = [f"{r.policy} / {r.outcome}" for r in paired.itertuples(index=False)]
    base = paired["mean_baseline"].abs().replace(0, np.nan)
    rel = 100 * paired["effect"] / base
    low = 100 * paired["ci_low"] / base
    high = 100 * paired["ci_high"] / base
    fig, ax = plt.subplots(figsize=(7, 0.9 + 0.3 * len(paired)))
    pos = np.arange(len(paired))
    ax.errorbar(rel, pos, xerr=[rel - low, high - rel], fmt="o", ms=4, capsize=3)
    ax.axvline(0, color="grey", lw=0.8)
    ax.set_yticks(pos, labels, fontsize=7)
    ax.invert_yaxis()
    ax.set_xlabel(f"effect vs {paired['baseline'].iloc[0]} (% of baseline mean), with CI")
    fig.tight_layout()
    return fig


def _plot_prim(plt, prim: PrimResult):
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2))
    t = prim.trajectory
    points = left.scatter(t["coverage"], t["density"], c=t["res_dim"], cmap="viridis", s=14)
    fig.colorbar(points, ax=left, label="restricted dimensions")
    if prim.selected is not None:
        left.scatter([prim.coverage], [prim.density], marker="o", s=90, facecolors="none",
                     edgecolors="red", label="selected box")
        left.legend(fontsize=7)
    left.set_xlabel("coverage")
    left.set_ylabel("density")
    left.set_title("PRIM peeling trajectory", fontsize=9)
    lim = prim.limits.dropna(subset=["min"])
    if len(lim):
        span = (lim["full_max"] - lim["full_min"]).replace(0, np.nan)
        lo = (lim["min"] - lim["full_min"]) / span
        hi = (lim["max"] - lim["full_min"]) / span
        pos = np.arange(len(lim))
        right.barh(pos, hi - lo, left=lo, color="#4c72b0")
        right.set_yticks(pos, [f"{r.factor}\n{r.limits}" for r in lim.itertuples()], fontsize=7)
        right.set_xlim(0, 1)
        right.set_xlabel("share of the sampled range")
    right.set_title("Box limits (numeric factors)", fontsize=9)
    fig.suptitle(prim.question or "Scenario discovery", fontsize=10)
    fig.tight_layout()
    return fig
