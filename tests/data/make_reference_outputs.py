"""Record every shipped scenario's outputs at a short horizon, for the bit-identity test.

Run on the code whose behaviour is the reference (``python tests/data/make_reference_outputs.py``);
``tests/test_reference_outputs.py`` recomputes the same runs and requires exactly equal floats.
A horizon of 300 days crosses the first budget year (day 250) and every month boundary of it;
scenarios whose shock starts later get the days to take it in.
"""

from __future__ import annotations

import hashlib
import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
from birosim.core import BureaucracyModel, load_scenario
from birosim.core.scenario import SCENARIOS_DIR

REFERENCE_FILE = Path(__file__).with_name("reference_outputs.json")
HORIZON_DAYS = 300
SHOCK_TAIL_DAYS = 30
SEED = 11


def horizon_of(scenario) -> int:
    """300 days, or to 30 days after the last shock's start when that is later."""
    last_shock = max((shock.start_day for shock in scenario.shocks), default=0)
    return max(HORIZON_DAYS, last_shock + SHOCK_TAIL_DAYS)


def frame_hash(frame: pd.DataFrame) -> str:
    """Hash of a frame's column names and exact values (float bits included), column by column
    in name order: the column order is presentation, the values are behaviour."""
    digest = hashlib.sha256()
    for column in sorted(frame.columns):
        digest.update(str(column).encode())
        values = frame[column].to_numpy()
        if values.dtype == object:
            digest.update("\x1f".join(map(str, values)).encode())
        else:
            digest.update(np.ascontiguousarray(values).tobytes())
    return digest.hexdigest()


def encode(value: float) -> float | str:
    """A float as JSON keeps it (repr round-trips exactly); NaN and infinities as text."""
    return value if math.isfinite(value) else repr(value)


def reference_output(name: str) -> dict:
    """The summary and the series hashes of one shipped scenario's short run."""
    scenario = load_scenario(name)
    horizon = horizon_of(scenario)
    scenario = scenario.model_copy(update={"horizon_days": horizon})
    model = BureaucracyModel(scenario, seed=SEED).run()
    return {
        "horizon_days": horizon,
        "seed": SEED,
        "summary": {key: encode(value) for key, value in model.summary().items()},
        "timeseries_sha256": frame_hash(model.timeseries()),
        "unit_series_sha256": frame_hash(model.unit_series()),
    }


def shipped_scenarios() -> list[str]:
    return sorted(path.stem for path in SCENARIOS_DIR.glob("*.toml"))


if __name__ == "__main__":
    outputs = {name: reference_output(name) for name in shipped_scenarios()}
    REFERENCE_FILE.write_text(json.dumps(outputs, indent=1, sort_keys=True) + "\n")
    print(f"wrote {REFERENCE_FILE} ({len(outputs)} scenarios)")
