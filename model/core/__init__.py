"""The simulation core: levers, organisations, scenarios, staff, units and the submodels."""

from .errors import InputError
from .levers import Levers, lever_table
from .model import BureaucracyModel
from .organisation import Organisation, load_organisation
from .outcomes import SUMMARY_OUTCOMES
from .scenario import Scenario, Shock, load_scenario, parse_assignment, scenario_from_dict

__all__ = [
    "BureaucracyModel", "InputError", "Levers", "Organisation", "Scenario", "Shock",
    "SUMMARY_OUTCOMES", "lever_table", "load_organisation", "load_scenario", "parse_assignment",
    "scenario_from_dict",
]
