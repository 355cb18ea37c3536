"""``birosim version``: the package version."""

from __future__ import annotations

from ... import __version__
from ..app import app, stdout


@app.command()
def version() -> None:
    """Print the package version."""
    stdout().print(f"birosim {__version__}")
