"""A wheel built with ``pip wheel .`` and installed into a fresh venv checks and runs every
shipped scenario from any folder (the shipped files are package data, not the checkout's).

The fresh venv gets birosim from the wheel only; its dependencies (numpy, mesa, ...) come from
the test's own environment through a ``.pth`` line, so the test needs no network and no
re-install of them. The check that ``birosim`` is imported from the venv, not from ``model/``,
keeps that shortcut honest.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = sorted(p.stem for p in (ROOT / "scenarios").glob("*.toml")) + sorted(
    f"rollout/{p.stem}" for p in (ROOT / "scenarios" / "rollout").glob("*.toml"))
SPECS = sorted(p.stem for p in (ROOT / "scenarios" / "experiments").glob("*.toml"))
pytestmark = pytest.mark.install


def run(*command: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run([str(c) for c in command], cwd=cwd, env=env, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, (command, result.stdout[-2000:], result.stderr[-2000:])
    return result.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """(the fresh venv's bin folder, an environment that uses it)."""
    base = tmp_path_factory.mktemp("wheel")
    run(sys.executable, "-m", "pip", "wheel", ROOT, "--no-deps",
        "--quiet", "-w", base / "dist", cwd=base)
    wheel = next((base / "dist").glob("birosim-*.whl"))
    with zipfile.ZipFile(wheel) as archive:  # a package left out of pyproject.toml's list
        shipped = set(archive.namelist())
    missing = sorted(str(path.relative_to(ROOT)) for path in (ROOT / "model").rglob("*.py")
                     if f"birosim/{path.relative_to(ROOT / 'model')}" not in shipped)
    assert missing == [], missing
    venv = base / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=base)
    python = venv / "bin" / "python"
    run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index",
        "--quiet", wheel, cwd=base)
    fresh_site = Path(run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))",
                          cwd=base).strip())
    # dependencies only: a plain path line adds the folder without running its .pth files, so
    # the checkout's editable birosim there stays invisible
    (fresh_site / "dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    return venv / "bin", env


# one process for the many checks: a fresh interpreter per command costs seconds on a busy machine
CHECKS = """
import json, sys
import birosim, birosim.core.shipped as shipped
from birosim.interfaces.cli import app
from typer.testing import CliRunner

runner = CliRunner()
commands = [["check", name] for name in sys.argv[1].split(",")]
commands.append(["check", "classroom", "--org", "kabupaten"])
commands += [["sweep", spec, "--out", f"sweep_{spec}", "--dry-run"] for spec in sys.argv[2].split(",")]
results = {" ".join(args): runner.invoke(app, args) for args in commands}
print(json.dumps({
    "files": [birosim.__file__, str(shipped.SCENARIOS_DIR)],
    "results": {k: [r.exit_code, r.output[:2000]] for k, r in results.items()},
}))
"""


def test_every_shipped_scenario_and_spec_checks_from_any_folder(installed, tmp_path):
    bin_dir, env = installed
    report = json.loads(run(bin_dir / "python", "-c", CHECKS, ",".join(SCENARIOS),
                            ",".join(SPECS), cwd=tmp_path, env=env))
    venv = bin_dir.parent
    assert all(Path(path).is_relative_to(venv) for path in report["files"]), report["files"]
    assert len(report["results"]) == len(SCENARIOS) + 1 + len(SPECS)
    for command, (code, output) in report["results"].items():
        assert code == 0, (command, output)
        if command.startswith("check"):
            assert ": OK" in output, (command, output)
    assert "36 in" in report["results"]["check classroom --org kabupaten"][1]


def test_installed_console_script_runs(installed, tmp_path):
    bin_dir, env = installed
    run(bin_dir / "birosim", "run", "classroom", "--steps", "20", "--out", tmp_path / "out",
        cwd=tmp_path, env=env)
    assert {p.name for p in (tmp_path / "out").iterdir()} == {
        "timeseries.parquet", "units.parquet", "summary.json"}
