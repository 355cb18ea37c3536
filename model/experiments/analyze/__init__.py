"""Analysis of a sweep folder: sensitivity indices, paired policy effects, scenario discovery.

- ``data``: the folder read back (:func:`load_sweep`);
- ``sensitivity``: Sobol and Morris indices (SALib);
- ``effects``: outcome summaries and paired policy effects on common random numbers;
- ``discovery``: scenario discovery (PRIM);
- ``report``: :func:`analyze_sweep` writes CSV tables and ``report.md`` to ``DIR/analysis``.

The analysis returns data; its figures are drawn in ``birosim.interfaces.figures``.
"""

from .data import SweepData, baseline_policy, load_sweep
from .discovery import PrimResult, cases_of_interest, scenario_discovery
from .effects import outcome_summary, paired_effects
from .report import AnalysisReport, FigureWriter, analyze_sweep
from .sensitivity import morris_indices, sensitivity, sensitivity_targets, sobol_indices

__all__ = [
    "AnalysisReport", "FigureWriter", "PrimResult", "SweepData", "analyze_sweep",
    "baseline_policy", "cases_of_interest", "load_sweep", "morris_indices", "outcome_summary",
    "paired_effects", "scenario_discovery", "sensitivity", "sensitivity_targets",
    "sobol_indices",
]
