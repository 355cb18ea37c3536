"""The simulation core: levers, organisations, scenarios, staff, units and the submodels."""

from .errors import InputError
from .levers import Levers, lever_table
from .model import BureaucracyModel
from .organisation import Organisation, load_organisation
from .outcome_registry import OUTCOMES, Outcome, get_outcome, outcomes
from .outcomes import SUMMARY_OUTCOMES
from .parameters import PARAMETERS, Parameter, get_parameter, parameters
from .scenario import Scenario, Shock, load_scenario, parse_assignment, scenario_from_dict

__all__ = [
    "OUTCOMES", "PARAMETERS", "BureaucracyModel", "InputError", "Levers", "Organisation",
    "Outcome", "Parameter", "Scenario", "Shock", "SUMMARY_OUTCOMES", "get_outcome",
    "get_parameter", "lever_table", "load_organisation", "load_scenario", "outcomes",
    "parameters", "parse_assignment", "scenario_from_dict",
]
