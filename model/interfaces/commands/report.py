"""``birosim report RESULTS_DIR``: the decision-maker's report of a comparison, as one HTML file.

Registered on the main app by :mod:`birosim.interfaces.commands`. Reads a results directory of
``birosim compare`` and writes one self-contained HTML file (and, with ``--pdf``, a PDF beside
it, printed by Chromium). See :mod:`birosim.interfaces.report`.

Example::

    birosim report results/rollout --lang id --out results/rollout/laporan.html --pdf
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ...core.errors import InputError
from ..app import LangOpt, app, check_lang, guard, stdout


@app.command()
@guard
def report(
    results_dir: Annotated[Path, typer.Argument(
        metavar="RESULTS_DIR", show_default=False,
        help="A results directory written by `birosim compare A B [C ...]`.")],
    out: Annotated[Path, typer.Option(
        "--out", "-o", metavar="FILE.html", show_default=False, help="The report file to write.")],
    lang: LangOpt = "en",
    pdf: Annotated[bool, typer.Option("--pdf", help="Also print FILE.pdf (needs Chromium).")] = False,
    robustness: Annotated[Path | None, typer.Option(
        "--robustness", metavar="DIR", show_default=False,
        help="The analysis directory of a robustness sweep (`birosim analyze`) with its PRIM box: "
             "the report then says under which conditions the options fail.")] = None,
) -> None:
    """Write a report of a comparison for a decision-maker (HTML, optionally PDF)."""
    from ..report import write_report

    lang = check_lang(lang)
    if out.suffix.lower() not in (".html", ".htm"):
        raise InputError("--out", "out", str(out), "a file name ending in .html")
    if out.is_dir():
        raise InputError("--out", "out", str(out), "a file name ending in .html", "a directory")
    for path in write_report(results_dir, out, lang, pdf, robustness):
        stdout().print(f"wrote {path}", markup=False)
