"""birosim: an agent-based sandbox comparing conventional and results-oriented bureaucracy.

The import name is ``birosim``; the source lives in ``model/``:

- ``birosim.core``: the simulation (levers, organisation, staff, units, one module per submodel);
- ``birosim.experiments``: runs, paired comparisons, sweeps and validation built on the core;
- ``birosim.interfaces``: the command line, plots and reports built on the experiments.
"""

from .kernel_cache import use_source_keyed_cache

__version__ = "0.1.0"

use_source_keyed_cache()  # before any kernel is defined (kernel_cache's docstring says why)
