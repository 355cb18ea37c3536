"""The shipped experiment specs (TOML, see ``docs/experiments.md``), package data of birosim."""
