"""The parameter registry: every number or choice that shapes the model, declared once.

Each :class:`Parameter` has a dotted name (``group.key``), a role (``lever``: a reformer's
policy choice; ``parameter``: a behavioural or institutional assumption), a unit, a default, a
range or choices, a source (a paper, a regulation or "assumption") and a label and one-line
description in English and Bahasa Indonesia. The run-time holder of values,
:class:`birosim.core.levers.Levers`, is generated from it, so every entry is settable in a
scenario's ``[levers.GROUP]`` table, with ``--set GROUP.KEY=VALUE`` and as a sweep factor; the
ODD's parameter tables (:mod:`birosim.core.odd`) and every allowed-range text come from it too.
"""

from __future__ import annotations

from ..errors import InputError
from . import integrity, people, practice, programme, work
from .registry import ASSUMPTION, ROLES, Parameter

#: group -> labels and the seed claims its submodel speaks to, in the order of ``Levers``
GROUPS: dict[str, dict] = {
    "service": {"label_en": "Casework and sign-off", "label_id": "Pelayanan dan persetujuan",
                "claims": ("W1", "R3")},
    "goals": {"label_en": "Goals and routine", "label_id": "Sasaran dan rutinitas",
              "claims": ("W4", "R1")},
    "budget": {"label_en": "Budget and establishment", "label_id": "Anggaran dan formasi",
               "claims": ("W2", "B1")},
    "measurement": {"label_en": "Performance measurement", "label_id": "Pengukuran kinerja",
                    "claims": ("R2",)},
    "flexibility": {"label_en": "Flexibility", "label_id": "Fleksibilitas",
                    "claims": ("R3", "B4")},
    "innovation": {"label_en": "Collaboration and innovation", "label_id": "Kolaborasi dan inovasi",
                   "claims": ("R4", "B5")},
    "integrity": {"label_en": "Integrity and accountability", "label_id": "Integritas dan akuntabilitas",
                  "claims": ("W3", "R5")},
    "careers": {"label_en": "Careers and skills", "label_id": "Karier dan kompetensi",
                "claims": ("A2",)},
    "reform": {"label_en": "Reform programme", "label_id": "Program reformasi",
               "claims": ("A1", "A2", "A3")},
    "citizens": {"label_en": "Citizens", "label_id": "Warga", "claims": ("B2",)},
}

_DECLARED = (work.PARAMETERS + practice.PARAMETERS + integrity.PARAMETERS + people.PARAMETERS
             + programme.PARAMETERS)
#: every parameter, grouped in the order of ``GROUPS``
PARAMETERS: tuple[Parameter, ...] = tuple(
    parameter for group in GROUPS for parameter in _DECLARED if parameter.group == group
)
_BY_NAME = {parameter.name: parameter for parameter in PARAMETERS}


def get_parameter(name: str) -> Parameter:
    """The parameter called ``name`` (``group.key``); an unknown name is an input error."""
    try:
        return _BY_NAME[name]
    except KeyError:
        raise InputError("parameter", "name", name, "GROUP.NAME, see `birosim levers`",
                         "unknown parameter") from None


def parameters(role: str | None = None, group: str | None = None) -> tuple[Parameter, ...]:
    """The parameters of one role and/or group (all by default), in registry order."""
    if role is not None and role not in ROLES:
        raise InputError("parameters", "role", role, " | ".join(ROLES))
    if group is not None and group not in GROUPS:
        raise InputError("parameters", "group", group, " | ".join(GROUPS))
    return tuple(
        parameter for parameter in PARAMETERS
        if (role is None or parameter.role == role) and (group is None or parameter.group == group)
    )


__all__ = ["ASSUMPTION", "GROUPS", "PARAMETERS", "ROLES", "Parameter", "get_parameter", "parameters"]
