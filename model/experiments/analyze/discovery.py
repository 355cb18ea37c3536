"""Scenario discovery (PRIM of EMA Workbench 2.5.3): the samples where a question's answer is
"yes" (e.g. results-oriented reform fails to beat conventional on satisfaction or cost) are the
cases of interest; PRIM finds the box of factor values where they concentrate, with coverage and
density."""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ...core import InputError
from ..spec import PrimSpec
from .data import SweepData, paired_diffs, sample_means


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
        frame = sample_means(paired_diffs(runs, policy, prim.baseline, outcomes), outcomes)
    else:
        frame = sample_means(runs[runs["policy"] == policy], outcomes)
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
