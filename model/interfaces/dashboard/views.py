"""What the dashboard shows: the live charts, the units view and the scorecard.

Labels, units and better directions of outcomes come from the outcome registry
(:mod:`birosim.core.outcome_registry`); the dashboard adds only its own headings and the short
"what is happening" text of each chart (:mod:`.i18n`).
"""

from __future__ import annotations

from html import escape

import numpy as np
import solara

from ...core.outcome_registry import get_outcome
from ..numbers import format_value
from .charts import SIDE_COLOURS, Line, colour_scale, line_chart, smooth
from .i18n import text
from .session import SIDES, UNIT_STATE, LockstepPair

#: chart panels: (panel, [(series, dashed)] per chart); noisy daily series are smoothed
PANELS: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...] = (
    ("responsiveness", (("lead_time_mean_days",), ("backlog",))),
    ("cost", (("staff_cost_rp",), ("headcount",))),
    ("integrity", (("corrupt_acts",), ("detections",))),
    ("innovation", (("innovations_adopted",),)),
    ("ikm", (("ikm",),)),
    ("performance", (("perf_true", "perf_reported"),)),
)
SMOOTHED = {"lead_time_mean_days", "corrupt_acts", "detections", "ikm"}
DASHED = {"perf_reported"}
SCORECARD = ("lead_time_mean_days", "backlog", "on_time_share", "headcount", "staff_cost_rp",
             "corrupt_acts", "corrupt_staff_share", "innovations_adopted", "ikm", "perf_true",
             "perf_reported")


def outcome_label(name: str, lang: str) -> str:
    return get_outcome(name).label(lang)  # the registry's label names its unit


def display_series(pair: LockstepPair, column: str) -> dict[str, np.ndarray]:
    series = pair.series(column)
    if column in SMOOTHED:
        return {side: smooth(values) for side, values in series.items()}
    return series


def latest(values: np.ndarray) -> float:
    finite = values[-20:][np.isfinite(values[-20:])]
    return float(finite.mean()) if len(finite) else float("nan")


def chart_svg(pair: LockstepPair, columns: tuple[str, ...], lang: str) -> str:
    lines = []
    for column in columns:
        series = display_series(pair, column)
        lines += [Line(side, column, series[side], column in DASHED) for side in SIDES]
    if len(columns) == 1:
        title = outcome_label(columns[0], lang)
    else:  # true and reported performance: the panel's heading names them, lines tell apart
        title = f"— {text('true', lang)}   - - {text('reported', lang)}"
    markers = [(marker.day, text(f"event_{marker.event}", lang)) for marker in pair.markers]
    horizon = max(250, int(np.ceil(max(pair.day, 1) / 250)) * 250)
    legend = {side: text(f"side_{side}", lang) for side in SIDES}
    return line_chart(title, lines, markers, horizon, legend, get_outcome(columns[0]).unit, lang)


@solara.component
def Charts(pair: LockstepPair, lang: str, version: int):
    with solara.GridFixed(columns=3, row_gap="8px", column_gap="12px"):
        for panel, charts in PANELS:
            with solara.Card(text(f"panel_{panel}", lang), classes=[f"birosim-panel-{panel}"],
                             style={"padding": "6px"}):
                for columns in charts:
                    solara.HTML(tag="div", unsafe_innerHTML=chart_svg(pair, columns, lang))
                solara.Text(text(f"explain_{panel}", lang),
                            style={"font-size": "13px", "color": "#444"})


@solara.component
def Units(pair: LockstepPair, lang: str, version: int):
    """Each side's units as tiles coloured by an outcome; a click shows the unit's details."""
    columns = list(UNIT_STATE)
    column, set_column = solara.use_state("backlog")
    selected, set_selected = solara.use_state(None)
    names = {outcome_label(c, lang): c for c in columns}
    solara.Select(text("colour_by", lang), value=outcome_label(column, lang), values=list(names),
                  on_value=lambda label: set_column(names[label]))
    values = pair.unit_values(column)
    everything = np.concatenate(list(values.values()))
    finite = everything[np.isfinite(everything)]
    low, high = (finite.min(), finite.max()) if len(finite) else (0.0, 1.0)
    outcome = get_outcome(column)
    org = pair.organisation
    for side in SIDES:
        with solara.Row(gap="6px", style={"flex-wrap": "wrap", "align-items": "center"}):
            solara.Text(text(f"side_{side}", lang),
                        style={"font-weight": "700", "color": SIDE_COLOURS[side], "width": "20px"})
            for index, unit_id in enumerate(org.unit_id):
                value = values[side][index]
                solara.Button(
                    f"{unit_id} {format_value(outcome.unit, value, lang)}", on_click=lambda s=side, i=index: set_selected((s, i)),
                    classes=[f"birosim-unit birosim-unit-{side}"],
                    style={"background-color": colour_scale(value, low, high, outcome.better),
                           "color": "white", "text-transform": "none"},
                )
    if selected is None:
        solara.Text(text("click_unit", lang), style={"font-size": "13px"})
    else:
        UnitDetails(pair, *selected, lang)


@solara.component
def UnitDetails(pair: LockstepPair, side: str, index: int, lang: str):
    agent = pair.models[side].unit_agents[index]
    true, reported = agent.performance
    rows = [
        (text("unit_id", lang), f"{agent.unit_id}: {agent.name}"),
        (text("parent_org", lang), agent.parent_org),
        (outcome_label("headcount", lang), agent.headcount),
        (outcome_label("backlog", lang), agent.backlog),
        (text("approval_layers", lang), agent.approval_layers),
        (text("goal_clarity", lang), f"{agent.goal_clarity:.2f}"),
        (text("innovations", lang), agent.innovations),
        (text("performance", lang), f"{true:.2f} / {reported:.2f}"),
    ]
    body = "".join(f"<tr><td>{escape(str(name))}</td><td>{escape(str(value))}</td></tr>"
                   for name, value in rows)
    solara.HTML(tag="table", unsafe_innerHTML=f'<caption style="text-align:left;font-weight:700;'
                f'color:{SIDE_COLOURS[side]}">{text(f"side_{side}", lang)}</caption>{body}',
                classes=["birosim-unit-details"], style={"font-size": "14px"})


def scorecard_rows(pair: LockstepPair, lang: str) -> list[dict]:
    """Latest value of each side, B - A and whether that is better, worse or neither."""
    rows = []
    for column in SCORECARD:
        series = pair.series(column)
        value_a, value_b = latest(series["A"]), latest(series["B"])
        difference = value_b - value_a
        better = get_outcome(column).better
        verdict = "none"
        if better != "none" and np.isfinite(difference) and abs(difference) > 1e-9 * (
                abs(value_a) + abs(value_b)):
            verdict = "better" if (difference > 0) == (better == "higher") else "worse"
        rows.append({"column": column, "label": outcome_label(column, lang),
                     "unit": get_outcome(column).unit, "A": value_a,
                     "B": value_b, "difference": difference, "verdict": verdict})
    return rows


@solara.component
def Scorecard(pair: LockstepPair, lang: str, version: int):
    colours = {"better": "#2b8a3e", "worse": "#c92a2a", "none": "#333"}
    cells = []
    for row in scorecard_rows(pair, lang):
        colour = colours[row["verdict"]]
        cells.append(
            f'<tr class="birosim-score" data-column="{row["column"]}" data-verdict="{row["verdict"]}">'
            f'<td>{row["label"]}</td>'
            f'<td style="color:{SIDE_COLOURS["A"]}">{format_value(row["unit"], row["A"], lang)}</td>'
            f'<td style="color:{SIDE_COLOURS["B"]}">{format_value(row["unit"], row["B"], lang)}</td>'
            f'<td style="color:{colour};font-weight:700">{"+" if row["difference"] > 0 else ""}'
            f'{format_value(row["unit"], row["difference"], lang)}</td></tr>')
    head = (f'<tr><th>{text("outcome", lang)}</th><th>{text("side_A", lang)}</th>'
            f'<th>{text("side_B", lang)}</th><th>{text("difference", lang)}</th></tr>')
    solara.HTML(tag="table", unsafe_innerHTML=head + "".join(cells),
                style={"font-size": "15px", "width": "100%", "text-align": "left"})
    solara.Text(text("scorecard_note", lang), style={"font-size": "12px", "color": "#555"})
