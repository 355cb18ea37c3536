"""Start the dashboard's server for ``birosim dashboard``: offline, on localhost unless told otherwise.

The command checks the scenarios, organisation and language before the server starts, so a bad
one is one line and exit code 2. The server is Solara's own (``solara run ... --production``) in
a child process; the settings below keep every request of the page on this server:

- ``SOLARA_ASSETS_PROXY=true``: the browser fetches Solara's front end (Vue, Vuetify, fonts,
  icons) from this server's ``/_solara/cdn/``, which serves the files shipped in the
  ``solara-assets`` package, instead of from a public CDN;
- ``SOLARA_ASSETS_CDN`` points at this server, so a file missing from ``solara-assets`` fails at
  once instead of waiting for an internet that is not there;
- ``SOLARA_TELEMETRY_MIXPANEL_ENABLE=false`` and ``--no-check-version`` (no usage reports, no
  version check against the package index).
"""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys

from .app import DashboardConfig

APP_MODULE = "birosim.interfaces.dashboard.app"
PR_SET_PDEATHSIG = 1  # prctl(2)


def server_environment(config: DashboardConfig, host: str, port: int) -> dict[str, str]:
    environment = dict(os.environ)
    environment.update(config.environment())
    environment.update({
        "SOLARA_ASSETS_PROXY": "true",
        "SOLARA_ASSETS_CDN": f"http://{host}:{port}/_solara/missing/",
        "SOLARA_TELEMETRY_MIXPANEL_ENABLE": "false",
        # a classroom network serves plain http: Solara's advice on https cookies is noise there
        "PYTHONWARNINGS": "ignore:Cookies with samesite=none:UserWarning",
    })
    return environment


def server_command(host: str, port: int) -> list[str]:
    return [sys.executable, "-m", "solara", "run", APP_MODULE, "--host", host, "--port",
            str(port), "--production", "--no-open", "--no-check-version"]


def _end_with_parent() -> None:
    """In the server process (Linux): be killed when the command ends, however it ends, so no
    server is left behind holding the port. Elsewhere the command's own shutdown stops it."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt  # a termination request stops the server as Ctrl-C does


def serve(config: DashboardConfig, host: str, port: int, echo=print) -> int:
    """Run the server until Ctrl-C (or until it stops); returns its exit code (0 on Ctrl-C)."""
    signal.signal(signal.SIGTERM, _interrupt)
    # its own session: Ctrl-C reaches only this process, which stops the server once, cleanly
    child = subprocess.Popen(server_command(host, port), env=server_environment(config, host, port),
                             stdout=subprocess.DEVNULL, start_new_session=True,
                             preexec_fn=_end_with_parent)
    echo(f"birosim dashboard: http://{host}:{port}/  ({config.scenario_a} | {config.scenario_b}, "
         f"{config.organisation}; Ctrl-C stops it)")
    try:
        return child.wait()
    except KeyboardInterrupt:
        child.send_signal(signal.SIGINT)
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
        echo("birosim dashboard: stopped")
        return 0
