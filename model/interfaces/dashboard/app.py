"""The trainers' dashboard: two bureaucracies side by side, live, offline, in two languages.

Served by ``birosim dashboard`` (``solara run birosim.interfaces.dashboard.app --production``).
Each browser session builds its own :class:`~.session.LockstepPair` (Solara keeps component
state per session), so the participants of a classroom never see each other's models. The
scenarios, organisation and language come from the command through environment variables
(:data:`CONFIG_ENV`), checked by the command before the server starts.

The layout and the controller follow Mesa 3.3's SolaraViz (``ModelController``: a threaded loop
that steps while playing, a pause between ticks and several steps per render; controls on the
left, the model's views on the right), with two models stepped together instead of one.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from html import escape

import solara

from ...core import Scenario, load_scenario
from .controls import LeverPanel
from .events import EVENTS
from .exercises import EXERCISE_BY_NAME, EXERCISES
from .i18n import LANGS, text
from .session import LockstepPair
from .views import Charts, Scorecard, Units

CONFIG_ENV = {"a": "BIROSIM_DASHBOARD_A", "b": "BIROSIM_DASHBOARD_B",
              "org": "BIROSIM_DASHBOARD_ORG", "lang": "BIROSIM_DASHBOARD_LANG"}
DEFAULTS = {"a": "conventional", "b": "results_oriented", "org": "classroom", "lang": "id"}
TICK_SECONDS = 0.4  # a pause between ticks while playing, so thirty browsers can keep up
MAX_DAYS_PER_TICK = 25


@dataclass(frozen=True)
class DashboardConfig:
    scenario_a: str
    scenario_b: str
    organisation: str
    lang: str

    @classmethod
    def from_environment(cls) -> DashboardConfig:
        values = {key: os.environ.get(name) or DEFAULTS[key] for key, name in CONFIG_ENV.items()}
        return cls(values["a"], values["b"], values["org"], values["lang"])

    def environment(self) -> dict[str, str]:
        return {CONFIG_ENV["a"]: self.scenario_a, CONFIG_ENV["b"]: self.scenario_b,
                CONFIG_ENV["org"]: self.organisation, CONFIG_ENV["lang"]: self.lang}

    def scenarios(self) -> tuple[Scenario, Scenario]:
        """Both scenarios on the chosen organisation (raises InputError for a bad one)."""
        return tuple(
            with_organisation(load_scenario(name), self.organisation)
            for name in (self.scenario_a, self.scenario_b)
        )


def with_organisation(scenario: Scenario, organisation: str) -> Scenario:
    updated = scenario.model_copy(update={"organisation": organisation})
    updated.load_organisation()
    return updated


@solara.component
def Page():
    config = solara.use_memo(DashboardConfig.from_environment, [])
    pair = solara.use_memo(lambda: LockstepPair(*config.scenarios()), [])
    lang = solara.use_reactive(config.lang if config.lang in LANGS else "id")
    version = solara.use_reactive(0)
    playing = solara.use_reactive(False)
    speed = solara.use_reactive(5)

    def refresh() -> None:
        version.value = version.value + 1

    def play(cancel) -> None:
        while playing.value and not cancel.is_set() and not pair.finished:
            pair.step(speed.value)
            refresh()
            time.sleep(TICK_SECONDS)

    solara.use_thread(play, dependencies=[playing.value])
    solara.Title("birosim")
    solara.Style(PAGE_CSS)
    words = lang.value
    with solara.Column(style={"padding": "8px 16px"}):
        Header(pair, words, lang, playing, speed, refresh, version.value)
        with solara.Columns([4, 8], gutters_dense=True):
            with solara.Column():
                with solara.Card(text("levers", words)):
                    LeverPanel(pair, words, version.value, refresh)
                Events(pair, words, refresh)
                Exercises(pair, words, playing, refresh)
            with solara.Column():
                Charts(pair, words, version.value)
                with solara.Columns([1, 1]):
                    with solara.Card(text("units", words)):
                        Units(pair, words, version.value)
                    with solara.Card(text("scorecard", words)):
                        Scorecard(pair, words, version.value)


@solara.component
def Header(pair, words, lang, playing, speed, refresh, version):
    def step() -> None:
        pair.step(speed.value)
        refresh()

    def reset() -> None:
        playing.value = False
        pair.reset()
        refresh()

    def copy() -> None:
        pair.copy_levers("A", "B")
        refresh()

    with solara.Row(style={"align-items": "center", "flex-wrap": "wrap"}, gap="12px"):
        solara.Text(text("title", words), style={"font-size": "26px", "font-weight": "700"})
        solara.Text(text("subtitle", words), style={"font-size": "15px"})
    with solara.Row(style={"align-items": "center", "flex-wrap": "wrap"}, gap="10px"):
        if playing.value:
            solara.Button(text("pause", words), icon_name="mdi-pause", color="primary",
                          on_click=lambda: playing.set(False), classes=["birosim-pause"])
        else:
            solara.Button(text("play", words), icon_name="mdi-play", color="primary",
                          on_click=lambda: playing.set(True), classes=["birosim-play"])
        solara.Button(text("step", words), icon_name="mdi-step-forward", on_click=step,
                      classes=["birosim-step"], disabled=playing.value)
        solara.Button(text("reset", words), icon_name="mdi-restart", on_click=reset,
                      classes=["birosim-reset"])
        with solara.Div(style={"width": "220px"}, classes=["birosim-speed"]):
            solara.SliderInt(text("speed", words), value=speed, min=1, max=MAX_DAYS_PER_TICK)
        solara.Button(text("copy_a_to_b", words), icon_name="mdi-content-copy", on_click=copy,
                      classes=["birosim-copy"])
        year = pair.day / 250
        solara.Text(f"{text('day', words)}: {pair.day} ({year:.1f} {text('year', words)})",
                    classes=["birosim-day"], style={"font-size": "18px", "font-weight": "700"})
        solara.ToggleButtonsSingle(value=lang, values=list(LANGS), classes=["birosim-lang"])


@solara.component
def Events(pair: LockstepPair, words: str, refresh):
    def fire(name: str) -> None:
        pair.fire(name)
        refresh()

    with solara.Card(text("events", words)):
        for name in EVENTS:
            with solara.Row(style={"align-items": "center"}):
                solara.Button(text(f"event_{name}", words), on_click=lambda n=name: fire(n),
                              classes=[f"birosim-event-{name}"], outlined=True)
                solara.Text(text(f"help_{name}", words), style={"font-size": "12px"})


@solara.component
def Exercises(pair: LockstepPair, words: str, playing, refresh):
    chosen, set_chosen = solara.use_state(EXERCISES[0].name)
    shown, set_shown = solara.use_state(False)
    exercise = EXERCISE_BY_NAME[chosen]
    titles = {item.title[words]: item.name for item in EXERCISES}

    def load() -> None:
        playing.value = False
        pair.load(*exercise.scenarios())
        set_shown(False)
        refresh()

    with solara.Card(text("exercises", words)):
        solara.Select(text("exercises", words), value=exercise.title[words], values=list(titles),
                      on_value=lambda title: set_chosen(titles[title]))
        solara.HTML(tag="p", unsafe_innerHTML=f"<b>{text('question', words)}:</b> "
                    f"{escape(exercise.question[words])}", classes=["birosim-question"])
        with solara.Row():
            solara.Button(text("load_exercise", words), on_click=load, classes=["birosim-load"])
            solara.Button(text("show_answer", words), on_click=lambda: set_shown(True),
                          text=True)
        if shown:
            solara.HTML(tag="p", unsafe_innerHTML=f"<b>{text('answer', words)}:</b> "
                        f"{escape(exercise.answer[words])}", classes=["birosim-answer"])


PAGE_CSS = """
.birosim-chart text { font-family: sans-serif; }
.v-application { font-size: 15px; }
.birosim-typed input { font-size: 14px; }
"""
