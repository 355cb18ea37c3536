"""Staff: one agent per civil servant (ASN), stored as a struct of numpy arrays.

Each staff member has individual state (unit, grade, skill, motivation, integrity,
innovativeness, reform acceptance, age, tenure, salary, status, corrupt disposition, and whether
they are honorary staff (*honorer*: hired and paid by the unit, never promoted)). The state
lives in one array per attribute, as Mesa's mesa-frames project does for large populations, so
that a rule is applied to every staff member at once and a whole national civil service fits in
memory. ``model.staff[i]`` gives a read-only view of one person for inspection.

Grades: 0 is front-line staff (pelaksana/fungsional), 1..6 are officials who give sign-offs at
approval layer 1..6 (kasi/kasubag, kabid, sekretaris, kepala, ...). Status: active, sanctioned
(suspended after a detected corrupt act) or left (retired, resigned, dismissed).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

ACTIVE, SANCTIONED, LEFT = 0, 1, 2
STATUS_NAMES = {ACTIVE: "active", SANCTIONED: "sanctioned", LEFT: "left"}
MAX_GRADE = 6

#: attribute -> dtype; every attribute is one array of length ``capacity``
FIELDS: dict[str, type] = {
    "staff_id": np.int64,
    "unit": np.int32,
    "grade": np.int8,
    "skill": np.float32,
    "motivation": np.float32,
    "integrity": np.float32,
    "innovativeness": np.float32,
    "acceptance": np.float32,
    "age": np.float32,
    "tenure": np.float32,
    "salary": np.float32,
    "status": np.int8,
    "corrupt": np.bool_,
    "offences": np.int8,
    "sanction_until": np.int32,
    "settle_until": np.int32,
    "honorer": np.bool_,
}


@dataclass(frozen=True)
class StaffMember:
    """A read-only snapshot of one staff member."""

    staff_id: int
    unit: int
    grade: int
    skill: float
    motivation: float
    integrity: float
    innovativeness: float
    acceptance: float
    age: float
    tenure: float
    salary: float
    status: str
    corrupt: bool
    offences: int
    sanction_until: int
    settle_until: int
    honorer: bool


class StaffTable:
    """Struct-of-arrays storage for staff; rows of people who left are dropped by ``compact``."""

    def __init__(self, capacity: int = 1024):
        self.n = 0
        self.next_id = 0
        for name, dtype in FIELDS.items():
            setattr(self, name, np.zeros(capacity, dtype=dtype))
        self._uniforms = np.empty(0)

    def __getstate__(self):
        state = self.__dict__.copy()
        state["_uniforms"] = np.empty(0)  # scratch space, not state: no need to save it
        return state

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, index: int) -> StaffMember:
        if not 0 <= index < self.n:
            raise IndexError(index)
        values = {name: getattr(self, name)[index].item() for name in FIELDS}
        values["status"] = STATUS_NAMES[values["status"]]
        return StaffMember(**values)

    @property
    def capacity(self) -> int:
        return len(self.staff_id)

    def uniforms(self, rng: np.random.Generator) -> np.ndarray:
        """``rng.random(self.n)``, written into a buffer kept between calls: the same draws, but
        a staff-sized array drawn every month no longer faults in fresh memory each time (at
        national scale about 4 ms of 14). The result is valid until the next call."""
        if len(self._uniforms) < self.n:
            self._uniforms = np.empty(self.capacity)
        return rng.random(out=self._uniforms[: self.n])

    def view(self, name: str) -> np.ndarray:
        """The live part of one attribute array."""
        return getattr(self, name)[: self.n]

    def add(self, count: int, **values: np.ndarray) -> slice:
        """Append ``count`` new staff; attributes not given start at zero. Returns their rows."""
        needed = self.n + count
        if needed > self.capacity:
            new_capacity = max(needed, int(self.capacity * 1.5) + 16)
            for name in FIELDS:
                old = getattr(self, name)
                grown = np.zeros(new_capacity, dtype=old.dtype)
                grown[: self.n] = old[: self.n]
                setattr(self, name, grown)
        rows = slice(self.n, needed)
        self.staff_id[rows] = np.arange(self.next_id, self.next_id + count)
        for name, value in values.items():
            getattr(self, name)[rows] = value
        # the rows may hold a departed member's values (compact() leaves them) or zeros the
        # allocation has not written yet, which the compiled passes read far more slowly on
        # these machines (a national pass reading such a column: 55 ms instead of 2 ms): write
        # every attribute not given, so a hire starts with no offences and no sanction
        for name in FIELDS.keys() - values.keys() - {"staff_id"}:
            getattr(self, name)[rows] = 0
        self.n = needed
        self.next_id += count
        return rows

    def compact(self) -> None:
        """Drop people who left, keeping everyone else in order."""
        keep = np.flatnonzero(self.status[: self.n] != LEFT)
        for name in FIELDS:
            array = getattr(self, name)
            array[: len(keep)] = array[keep]
        self.n = len(keep)

    def nbytes_per_member(self) -> int:
        return sum(np.dtype(dtype).itemsize for dtype in FIELDS.values())
