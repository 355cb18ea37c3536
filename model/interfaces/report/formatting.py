"""Numbers as a decision-maker reads them in a report: Rupiah in words (``Rp 1,25 miliar``;
tables and plots use the short forms of :mod:`birosim.interfaces.numbers`), Indonesian number
formatting, the IKM quality category and the SAKIP grade."""

from __future__ import annotations

import math

from ...core.outcomes import sakip_grade
from ..numbers import localise

#: PermenPANRB 14/2017, Lampiran: IKM interval -> quality category (mutu pelayanan)
IKM_CATEGORIES = (
    (88.31, "A", "Very good", "Sangat Baik"),
    (76.61, "B", "Good", "Baik"),
    (65.00, "C", "Poor", "Kurang Baik"),
    (25.00, "D", "Very poor", "Tidak Baik"),
)
RUPIAH_UNITS = ((1e12, "trillion", "triliun"), (1e9, "billion", "miliar"),
                (1e6, "million", "juta"))


def number(value: float, lang: str = "en", digits: int = 2) -> str:
    """``1234.5`` as ``1,234.50`` (en) or ``1.234,50`` (id); NaN as a dash."""
    if value is None or not math.isfinite(value):
        return "-"
    return localise(f"{value:,.{digits}f}", lang)


def significant(value: float, lang: str = "en") -> str:
    """A number with about three significant digits, in the language's format."""
    if value is None or not math.isfinite(value):
        return "-"
    size = abs(value)
    digits = 0 if size >= 100 else 1 if size >= 10 else 2 if size >= 0.1 else 3
    return number(value, lang, digits)


def rupiah(value: float, lang: str = "en") -> str:
    """``1.25e9`` as ``Rp 1.25 billion`` (en) or ``Rp 1,25 miliar`` (id)."""
    if value is None or not math.isfinite(value):
        return "-"
    sign = "-" if value < 0 else ""
    for size, word_en, word_id in RUPIAH_UNITS:
        if abs(value) >= size:
            amount = significant(abs(value) / size, lang)
            return f"{sign}Rp {amount} {word_id if lang == 'id' else word_en}"
    return f"{sign}Rp {number(abs(value), lang, 0)}"


def ikm_category(score: float, lang: str = "en") -> str:
    """The PermenPANRB 14/2017 quality category of an IKM score: ``B (Baik)``."""
    if score is None or not math.isfinite(score):
        return "-"
    for floor, grade, label_en, label_id in IKM_CATEGORIES:
        if score >= floor:
            return f"{grade} ({label_id if lang == 'id' else label_en})"
    return "D (" + ("Tidak Baik" if lang == "id" else "Very poor") + ")"


def sakip(score: float) -> str:
    """The SAKIP grade (AA ... D) of a 0-100 score."""
    return sakip_grade(score)


def value(outcome_unit: str, amount: float, lang: str = "en") -> str:
    """An outcome's value in its unit: Rupiah as juta/miliar, shares as per cent."""
    if outcome_unit.startswith("Rp"):
        return rupiah(amount, lang)
    if outcome_unit.startswith("share"):
        return "-" if not math.isfinite(amount) else number(100 * amount, lang, 1) + " %"
    return significant(amount, lang)
