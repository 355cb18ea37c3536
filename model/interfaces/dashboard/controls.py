"""Lever controls generated from the parameter registry, grouped by the article's themes.

Every control's range, unit, label and help text come from :mod:`birosim.core.parameters`;
numbers get a slider and a field to type a value in. A value the registry does not allow gets a
message under the field and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable

import solara

from ...core.errors import InputError
from ...core.parameters import Parameter, parameters
from .charts import SIDE_COLOURS
from .i18n import text
from .session import LockstepPair

#: the article's themes, each with the registry groups whose levers it shows
THEMES: dict[str, tuple[str, ...]] = {
    "goals": ("goals",),
    "measurement": ("measurement",),
    "flexibility": ("flexibility", "service"),
    "innovation": ("innovation",),
    "accountability": ("integrity", "citizens"),
    "budget": ("budget",),
    "careers": ("careers",),
    "reform": ("reform",),
}
SLIDER_STEPS = 100


def theme_levers(theme: str) -> tuple[Parameter, ...]:
    """The levers a theme shows; lists (pilot unit ids) are set in scenario files, not here."""
    return tuple(
        parameter for group in THEMES[theme] for parameter in parameters(role="lever", group=group)
        if not isinstance(parameter.default, tuple)
    )


def parse_typed(parameter: Parameter, typed: str) -> object:
    """A typed value as the lever's type; text that is no number stays text (and is refused)."""
    typed = typed.strip().replace(",", ".")  # Indonesian decimal comma
    try:
        return int(typed) if isinstance(parameter.default, int) else float(typed)
    except ValueError:
        return typed


@solara.component
def LeverControl(pair: LockstepPair, side: str, parameter: Parameter, lang: str,
                 version: int, on_change: Callable[[], None]):
    """One lever of one side: slider and field, select or switch."""
    error, set_error = solara.use_state("")
    path = parameter.name
    value = pair.lever(side, path)
    label = parameter.label(lang)
    help_text = parameter.description(lang)

    def apply(new_value) -> None:
        try:
            pair.set_lever(side, path, new_value)
        except InputError:
            set_error(f"{text('invalid', lang)}: {new_value!r}. "
                      f"{parameter.allowed(lang)}")
            return
        set_error("")
        on_change()

    def slide(new_value, step: float) -> None:
        # the browser's slider snaps a value off its step grid and reports the snapped value
        # as if moved: a shift within half a step is that snap, not the trainer's move
        if abs(new_value - value) > step / 2:
            apply(new_value)

    css = f"birosim-lever birosim-lever-{side} birosim-lever-{path.replace('.', '-')}"
    with solara.Column(gap="0px", classes=[css], style={"margin-bottom": "10px"}):
        solara.Text(label, style={"font-weight": "600", "font-size": "14px"})
        if parameter.choices:
            solara.Select(label="", value=value, values=list(parameter.choices), on_value=apply,
                          dense=True)
        elif isinstance(parameter.default, bool):
            solara.Checkbox(label=label, value=bool(value), on_value=apply)
        else:
            low, high = parameter.min, parameter.max
            with solara.Row(gap="6px", style={"align-items": "center"}):
                with solara.Div(style={"flex": "1"}):
                    if isinstance(parameter.default, int):
                        solara.SliderInt("", value=int(value), min=int(low), max=int(high),
                                         on_value=apply)
                    else:
                        step = (high - low) / SLIDER_STEPS
                        solara.SliderFloat("", value=float(value), min=low, max=high, step=step,
                                           on_value=lambda moved: slide(moved, step))
                solara.InputText("", value=f"{value:g}", on_value=lambda typed: apply(
                    parse_typed(parameter, typed)), continuous_update=False,
                    classes=["birosim-typed"], style={"max-width": "80px"})
        if error:
            solara.Text(error, classes=["birosim-error"],
                        style={"color": "#c92a2a", "font-weight": "600"})
        solara.Text(f"{help_text} [{parameter.allowed(lang)}]",
                    style={"font-size": "12px", "color": "#555", "line-height": "1.2"})


@solara.component
def LeverPanel(pair: LockstepPair, lang: str, version: int, on_change: Callable[[], None]):
    """The chosen theme's levers, side A beside side B."""
    theme, set_theme = solara.use_state("measurement")
    labels = {text(f"theme_{name}", lang): name for name in THEMES}
    solara.ToggleButtonsSingle(
        value=text(f"theme_{theme}", lang), values=list(labels),
        on_value=lambda label: set_theme(labels[label]), classes=["birosim-themes"],
        style={"flex-wrap": "wrap"},
    )
    with solara.Columns([1, 1]):
        for side in ("A", "B"):
            with solara.Column(classes=[f"birosim-side-{side}"]):
                solara.Text(text(f"side_{side}", lang),
                            style={"font-size": "20px", "font-weight": "700",
                                   "color": SIDE_COLOURS[side]})
                for parameter in theme_levers(theme):
                    LeverControl(pair, side, parameter, lang, version, on_change).key(
                        f"{side}-{parameter.name}-{lang}")
    solara.Text(text("levers_at_reset", lang), style={"font-size": "12px", "color": "#555"})
