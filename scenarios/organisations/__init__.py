"""The shipped organisations (CSV, columns in ``README.md``), package data of birosim."""
