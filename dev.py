"""Set up and run birosim with nothing but Python 3.11: ``python3 dev.py demo`` or ``python3 dev.py test``.

Each command creates ``.venv`` (if missing), installs the package with its development extras
into it (again only when ``pyproject.toml`` changed), then runs:

- ``demo``: the main job, a conventional vs results-oriented comparison on the shipped
  kabupaten organisation, writing tables and plots to ``results/demo/``;
- ``test``: ruff and the whole test suite (unit, statistical, CLI, notebook, browser); installs
  Debian's Chromium for the browser tests where it is missing.

Extra arguments after the command are passed on (to ``birosim demo`` or to pytest).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".birosim-installed"


def run(*command: str | Path) -> None:
    print("+", " ".join(str(c) for c in command), flush=True)
    subprocess.run([str(c) for c in command], cwd=ROOT, check=True)


def ensure_environment() -> None:
    if sys.version_info[:2] != (3, 11):
        sys.exit(f"birosim needs Python 3.11 (Mesa 3.3.1); this is {sys.version.split()[0]}")
    if not (BIN / "python").exists():
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    run(BIN / "python", "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(BIN / "python", "-m", "pip", "install", "--quiet", "-e", ".[dev]")
    STAMP.write_text(wanted)


def ensure_chromium() -> None:
    """Debian's Chromium for the browser tests (Playwright's own browser download cannot work here)."""
    if shutil.which("chromium"):
        return
    run("apt-get", "update", "-qq")
    run("apt-get", "install", "-y", "-qq", "chromium")


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in ("demo", "test"):
        sys.exit(__doc__)
    command, extra = sys.argv[1], sys.argv[2:]
    ensure_environment()
    try:
        if command == "demo":
            run(BIN / "birosim", "demo", *extra)
        else:
            ensure_chromium()
            run(BIN / "ruff", "check", ".")
            run(BIN / "python", "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests",
                "--nbmake", "notebooks", *extra)
    except subprocess.CalledProcessError as error:
        sys.exit(error.returncode)


if __name__ == "__main__":
    main()
