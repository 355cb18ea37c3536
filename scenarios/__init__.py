"""The shipped scenarios, organisations (``organisations/``) and experiment specs
(``experiments/``), installed as package data of ``birosim.scenarios``.

This folder stays at the top of the repository, where planners and researchers look for it;
``pyproject.toml`` maps it into the package, and :mod:`birosim.core.shipped` finds it through
:mod:`importlib.resources`, so an installed ``birosim`` reads the same files from any folder.
"""
