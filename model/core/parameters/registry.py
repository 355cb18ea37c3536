"""The parameter type and the helper that declares one, shared by the group modules."""

from __future__ import annotations

from dataclasses import dataclass

ASSUMPTION = "assumption"
ROLES = ("lever", "parameter")


@dataclass(frozen=True)
class Parameter:
    """One number or choice that shapes the model's behaviour, with its unit, range and source.

    ``role`` is ``lever`` for a policy choice a reformer makes and ``parameter`` for a
    behavioural or institutional assumption of the model; both are settable in a scenario.
    """

    name: str
    group: str
    role: str
    unit: str
    default: float | int | bool | str | tuple
    min: float | None
    max: float | None
    choices: tuple[str, ...] | None
    source: str
    label_en: str
    label_id: str
    description_en: str
    description_id: str

    @property
    def key(self) -> str:
        """The name within its group (``audit_rate`` of ``integrity.audit_rate``)."""
        return self.name.split(".", 1)[1]

    def label(self, lang: str = "en") -> str:
        return self.label_id if lang == "id" else self.label_en

    def description(self, lang: str = "en") -> str:
        return self.description_id if lang == "id" else self.description_en

    def allowed(self, lang: str = "en") -> str:
        """The allowed values in words: ``0 to 12 audits per unit-year`` or ``a | b``."""
        if self.choices is not None:
            return " | ".join(self.choices)
        if isinstance(self.default, bool):
            return "true | false"
        if isinstance(self.default, tuple):
            return "a list of unit ids" if lang != "id" else "daftar id unit"
        unit = "" if self.unit == "-" else f" {self.unit}"
        word = "sampai" if lang == "id" else "to"
        return f"{_number(self.min)} {word} {_number(self.max)}{unit}"


def _number(value: float | None) -> str:
    """A bound as written in the declaration: ``12``, ``0.5``, ``100000``."""
    if value is None:
        return "?"
    return str(int(value)) if float(value).is_integer() else repr(value)


def declare(group: str, role: str):
    """A declaring function for one group and role: ``p(name, unit, default, ...)``."""

    def parameter(
        key: str,
        unit: str,
        default,
        low: float | None = None,
        high: float | None = None,
        *,
        en: tuple[str, str],
        id: tuple[str, str],  # noqa: A002 - the language code reads best here
        source: str = ASSUMPTION,
        choices: tuple[str, ...] | None = None,
    ) -> Parameter:
        return Parameter(
            name=f"{group}.{key}", group=group, role=role, unit=unit, default=default,
            min=low, max=high, choices=choices, source=source,
            label_en=en[0], description_en=en[1], label_id=id[0], description_id=id[1],
        )

    return parameter
