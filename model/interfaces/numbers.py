"""Numbers for people, in one place for the console, the report and the dashboard: Rupiah in
juta / miliar / triliun (``id``) or million / billion / trillion (``en``), each language's
decimal and thousands separators, and the IKM quality category of PermenPANRB 14/2017."""

from __future__ import annotations

import math
from typing import Any

#: (threshold, short suffix en, short suffix id, word en, word id), largest first
RUPIAH_SCALES = (
    (1e12, "tn", "T", "trillion", "triliun"),
    (1e9, "bn", "M", "billion", "miliar"),
    (1e6, "mn", "jt", "million", "juta"),
)
#: PermenPANRB 14/2017, Lampiran: IKM interval -> quality category (mutu pelayanan)
IKM_CATEGORIES = (
    (88.31, "A", "Very good", "Sangat Baik"),
    (76.61, "B", "Good", "Baik"),
    (65.00, "C", "Poor", "Kurang Baik"),
    (25.00, "D", "Very poor", "Tidak Baik"),
)


def _finite(value: Any) -> bool:
    return value is not None and math.isfinite(float(value))


def localise(text: str, lang: str) -> str:
    """English separators (``1,234.5``) as Indonesian ones (``1.234,5``) when ``lang == "id"``."""
    if lang != "id":
        return text
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def number(value: Any, lang: str = "en", digits: int = 2) -> str:
    """``1234.5`` as ``1,234.50`` (en) or ``1.234,50`` (id); NaN as a dash."""
    if not _finite(value):
        return "-"
    return localise(f"{float(value):,.{digits}f}", lang)


def significant(value: Any, lang: str = "en") -> str:
    """About three significant digits with fixed decimals, in the language's format."""
    if not _finite(value):
        return "-"
    size = abs(float(value))
    digits = 0 if size >= 100 else 1 if size >= 10 else 2 if size >= 0.1 else 3
    return number(value, lang, digits)


def format_number(value: Any, lang: str = "en") -> str:
    """At most about 9 characters: 3 significant digits, an exponent only when large or tiny."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "-"
    if isinstance(value, int | float):
        if value != 0 and (abs(value) >= 1e5 or abs(value) < 1e-3):
            text = f"{value:.3g}"
        elif abs(value) >= 1000:
            text = f"{value:,.0f}"
        else:
            text = f"{value:.3g}"
        return localise(text, lang)
    return str(value)


def format_rupiah(value: Any, lang: str = "en", words: bool = False) -> str:
    """``Rp 9.62 bn`` / ``Rp 9,62 M`` (console), or with ``words`` ``Rp 9.62 billion`` /
    ``Rp 9,62 miliar`` (report); below a million the whole amount (``Rp 145,781``)."""
    if not _finite(value):
        return "-"
    value = float(value)
    sign = "-" if value < 0 else ""
    size = abs(value)
    for threshold, short_en, short_id, word_en, word_id in RUPIAH_SCALES:
        if size >= threshold:
            if words:
                suffix = word_id if lang == "id" else word_en
                return f"{sign}Rp {significant(size / threshold, lang)} {suffix}"
            suffix = short_id if lang == "id" else short_en
            return f"{sign}Rp {localise(f'{size / threshold:.3g}', lang)} {suffix}"
    return f"{sign}Rp {localise(f'{size:,.0f}', lang)}"


def ikm_category(score: Any, lang: str = "en") -> str:
    """The PermenPANRB 14/2017 quality category of an IKM score: ``B (Baik)``."""
    if not _finite(score):
        return "-"
    for floor, grade, label_en, label_id in IKM_CATEGORIES:
        if score >= floor:
            return f"{grade} ({label_id if lang == 'id' else label_en})"
    _, grade, label_en, label_id = IKM_CATEGORIES[-1]
    return f"{grade} ({label_id if lang == 'id' else label_en})"


def format_outcome(outcome: str, value: Any, lang: str = "en") -> str:
    """An outcome's value in a console table: Rupiah outcomes (unit ``Rp`` in the outcome
    registry) with :func:`format_rupiah`, every other with :func:`format_number`."""
    from ..core.outcome_registry import get_outcome

    if get_outcome(outcome).unit.split()[0] == "Rp":
        return format_rupiah(value, lang)
    return format_number(value, lang)


def format_value(unit: str, amount: Any, lang: str = "en") -> str:
    """An outcome's value in its unit: Rupiah in words, shares as per cent, else 3 digits."""
    if unit.startswith("Rp"):
        return format_rupiah(amount, lang, words=True)
    if unit.startswith("share"):
        return "-" if not _finite(amount) else number(100 * float(amount), lang, 1) + " %"
    return significant(amount, lang)
