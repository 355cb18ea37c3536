"""Numbers for people: Rupiah in juta / miliar / triliun (``id``) or million / billion /
trillion (``en``), with each language's decimal and thousands separators."""

from __future__ import annotations

import math
from typing import Any

#: (threshold, suffix) per language, largest first
RUPIAH_SCALES = {
    "en": ((1e12, "tn"), (1e9, "bn"), (1e6, "m")),
    "id": ((1e12, "T"), (1e9, "M"), (1e6, "jt")),
}


def localise(text: str, lang: str) -> str:
    """English separators (``1,234.5``) as Indonesian ones (``1.234,5``) when ``lang == "id"``."""
    if lang != "id":
        return text
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def format_rupiah(value: Any, lang: str = "en") -> str:
    """``Rp 9.62 bn`` / ``Rp 9,62 M``; below a million the whole amount (``Rp 145,781``)."""
    if value is None or not math.isfinite(float(value)):
        return "-"
    value = float(value)
    sign = "-" if value < 0 else ""
    size = abs(value)
    for threshold, suffix in RUPIAH_SCALES[lang]:
        if size >= threshold:
            return f"{sign}Rp {localise(f'{size / threshold:.3g}', lang)} {suffix}"
    return f"{sign}Rp {localise(f'{size:,.0f}', lang)}"


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
