"""Every label a figure shows, from the registries: outcomes (label, unit, better direction,
group) from :mod:`birosim.core.outcome_registry`, factors from :mod:`birosim.core.parameters`,
and the few words of the figures themselves in English and Bahasa Indonesia.

Names the registries do not hold (a runner's own outcomes and factors, e.g. the Ishigami test
function's ``y`` and ``x1``, or a shock field ``shocks.0.magnitude``) are shown as they are.
"""

from __future__ import annotations

from ...core.errors import InputError
from ...core.outcome_registry import OUTCOME_GROUPS, get_outcome
from ...core.parameters import get_parameter

LANGS = ("en", "id")

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "sobol_title": "Sobol indices: {target}",
        "sobol_x": "share of the outcome's variance (with {conf} % CI)",
        "S1": "S1: first order (factor alone)",
        "ST": "ST: total (with interactions)",
        "morris_title": "Morris screening: {target}",
        "morris_x": "mu*: mean absolute elementary effect ({unit}), with {conf} % CI",
        "sigma": "sigma: spread of the effects (non-linearity, interactions)",
        "effects_title": "Paired effects against {baseline} (same seeds), {conf} % CI",
        "effects_x": "difference, % of {baseline}'s mean",
        "better": "better", "worse": "worse", "unclear": "CI includes 0",
        "neutral": "no better direction",
        "na": "n/a (no data, or the baseline's mean is 0)",
        "prim_trajectory": "PRIM peeling trajectory",
        "prim_box": "Box limits (numeric factors)",
        "coverage": "coverage", "density": "density", "restricted": "restricted dimensions",
        "selected": "selected box", "share_of_range": "share of the sampled range",
        "prim_title": "Scenario discovery",
        "no_unit": "outcome units",
        "noise_note": "hatched: may be noise (interval wider than the index, outside its range, "
                      "not converged, or the factor cannot act); see the warning column",
        "band": "tolerance (set before the run)", "published": "published (95 % CI)",
        "replicates": "model replicates", "model_ci": "model mean (95 % CI)",
        "study": "study", "model": "model", "pass": "pass", "fail": "FAIL",
    },
    "id": {
        "sobol_title": "Indeks Sobol: {target}",
        "sobol_x": "bagian varians hasil (dengan IK {conf} %)",
        "S1": "S1: orde pertama (faktor sendiri)",
        "ST": "ST: total (dengan interaksi)",
        "morris_title": "Penyaringan Morris: {target}",
        "morris_x": "mu*: rata-rata efek elementer absolut ({unit}), dengan IK {conf} %",
        "sigma": "sigma: sebaran efek (tak linear, interaksi)",
        "effects_title": "Dampak berpasangan terhadap {baseline} (benih sama), IK {conf} %",
        "effects_x": "selisih, % dari rata-rata {baseline}",
        "better": "lebih baik", "worse": "lebih buruk", "unclear": "IK memuat 0",
        "neutral": "tanpa arah lebih baik",
        "na": "t/a (tanpa data, atau rata-rata pembanding 0)",
        "prim_trajectory": "Lintasan pengupasan PRIM",
        "prim_box": "Batas kotak (faktor numerik)",
        "coverage": "cakupan", "density": "kepadatan", "restricted": "dimensi yang dibatasi",
        "selected": "kotak terpilih", "share_of_range": "bagian dari rentang sampel",
        "prim_title": "Penemuan skenario",
        "no_unit": "satuan hasil",
        "noise_note": "berarsir: mungkin derau (interval lebih lebar dari indeks, di luar "
                      "rentangnya, belum konvergen, atau faktor tidak dapat bekerja); lihat "
                      "kolom warning",
        "band": "toleransi (ditetapkan sebelum dijalankan)", "published": "publikasi (IK 95 %)",
        "replicates": "ulangan model", "model_ci": "rata-rata model (IK 95 %)",
        "study": "studi", "model": "model", "pass": "lolos", "fail": "GAGAL",
    },
}


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise InputError("--lang", "lang", lang, " | ".join(LANGS))
    return lang


def words(lang: str) -> dict[str, str]:
    return WORDS[check_lang(lang)]


def _outcome(name: str):
    try:
        return get_outcome(name)
    except InputError:
        return None


def outcome_label(name: str, lang: str = "en") -> str:
    """The registry's label of an outcome in ``lang`` (the name when it is not registered)."""
    outcome = _outcome(name)
    return outcome.label(check_lang(lang)) if outcome else name


def outcome_unit(name: str, lang: str = "en") -> str:
    outcome = _outcome(name)
    return outcome.unit if outcome else words(lang)["no_unit"]


def outcome_better(name: str) -> str:
    """``higher``, ``lower`` or ``none`` (unregistered outcomes have no better direction)."""
    outcome = _outcome(name)
    return outcome.better if outcome else "none"


def outcome_group(name: str) -> str | None:
    outcome = _outcome(name)
    return outcome.group if outcome else None


def group_label(group: str | None, lang: str = "en") -> str:
    if group not in OUTCOME_GROUPS:
        return {"en": "Other outcomes", "id": "Hasil lain"}[check_lang(lang)]
    return OUTCOME_GROUPS[group][f"label_{check_lang(lang)}"]


def factor_label(name: str, lang: str = "en") -> str:
    """The registry's label of a factor (a lever or parameter), else its path."""
    try:
        return get_parameter(name).label(check_lang(lang))
    except InputError:
        return name
