"""The ``birosim`` command line: run, compare and check scenarios, list levers, run the demo.

The console script ``birosim`` calls :func:`main`. The app and its one-line error handling are
in :mod:`birosim.interfaces.app`; every command is a module of
:mod:`birosim.interfaces.commands`.

Examples::

    birosim check classroom --set measurement.noise=0.3
    birosim run classroom --steps 250 --out results/classroom
    birosim compare conventional results_oriented --org classroom --replicates 3 --out results/x
    birosim demo
"""

from __future__ import annotations

from . import commands  # noqa: F401  (registers every command on the app)
from .app import app

__all__ = ["app", "main"]


def main() -> None:
    """The ``birosim`` console script."""
    app()


if __name__ == "__main__":  # python -m birosim.interfaces.cli ...
    main()
