"""The submodels, in the one order the model runs them (each step: shocks, then every
submodel's ``on_year`` if a budget year starts, then every ``on_month`` if a month starts, then
every ``on_day``). The order is part of the model's definition; each place has a reason:

1. ``reform``: units join and practice moves first, so the month's formal rules
   (``context.policy``) and practised levers (``context.practice``) hold for everything after.
2. ``careers``: ageing, exits, training and promotion set who holds which post before integrity
   weighs the choices of the staff in post.
3. ``flexibility``: a reallocation round moves staff before the day's casework, so the day's
   capacity is the moved staff's.
4. ``service``: the day's arrivals, casework and sign-off produce ``context.today``, which
   integrity, citizens and budget read.
5. ``integrity``: monthly choices and sanctions after careers; daily acts on the day's cases.
6. ``citizens``: the day's ratings need the pungli integrity asked.
7. ``budget``: counts the day's arrivals; the yearly round sets establishments before the
   appointments fill them.
8. ``appointments``: fills posts vacated by the month's sanctions and funded by the budget.
9. ``innovation``: pilots use the month's refreshed staff (skill, innovativeness) and change work
   per case; failed pilots discourage staff before measurement's pay moves motivation.
10. ``measurement``: measures the month's results, sets effort, quality and gaming.
11. ``goals``: overhead last, as it adds up the month's reporting and gaming hours.
12. ``programme``: books the day's programme spending once the day's complaints are known and
    the month's rules and staff are in place.
"""

from __future__ import annotations

from .budget import Budget
from .careers import Appointments, Careers
from .citizens import Citizens
from .flexibility import Flexibility
from .goals import GoalsAndRoutine
from .innovation import Innovation
from .integrity import Integrity
from .measurement import Measurement
from .programme import ProgrammeSpending
from .reform import Reform
from .service import Service

SUBMODELS = (
    Reform, Careers, Flexibility, Service, Integrity, Citizens, Budget, Appointments, Innovation,
    Measurement, GoalsAndRoutine, ProgrammeSpending,
)

__all__ = ["SUBMODELS"]
