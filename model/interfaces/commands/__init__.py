"""The ``birosim`` commands, one module each; importing this package registers them all on
:data:`birosim.interfaces.app.app`. A new command is a new module here plus one line below."""

from . import (
    analyze,
    calibrate,
    check,
    compare,
    dashboard,
    demo,
    org,
    registry,
    report,
    run,
    sweep,
    validate,
    version,
)

__all__ = ["analyze", "calibrate", "check", "compare", "dashboard", "demo", "org", "registry",
           "report", "run", "sweep", "validate", "version"]
