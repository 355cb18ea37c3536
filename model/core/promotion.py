"""Compiled kernels of post filling (``careers.fill_vacancies``): the vacancy table and the pool
of movable staff in one pass over staff, then per grade the candidates' scores, each unit's best
candidates and the bookkeeping of who moved up, without masked copies of the staff arrays.

The choice equals a stable sort of each unit's candidates by score (ties: the first candidate
in staff order), and the scores are formed with numpy's dtypes (float32 staff attributes
widened to float64), so results are the same bit for bit as the numpy version they replace.
"""

from __future__ import annotations

import numba
import numpy as np

from .staff import ACTIVE, LEFT, MAX_GRADE

GRADE_PRIORITY = 1e4  # larger than any promotion score, so the grade below always goes first

#: promotion rules as the kernel codes them
MERIT, SENIORITY, LOTTERY = 0, 1, 2

#: up to this many open posts in a unit, its best candidates are kept in a small sorted buffer
#: (one pass, ~k compares per candidate); above it a stable sort of the unit's candidates is
#: cheaper. Both give the same choice and order (ties: the first candidate).
TOP_K_BUFFER = 16


@numba.njit(cache=True)
def _top_per_unit(unit, score, posts, n_units):
    count = np.zeros(n_units + 1, np.int64)
    for u in unit:
        count[u + 1] += 1
    start = np.cumsum(count)
    fill = start[:-1].copy()
    bucket = np.empty(len(unit), np.int64)
    for i in range(len(unit)):
        bucket[fill[unit[i]]] = i
        fill[unit[i]] += 1
    chosen = np.empty(len(unit), np.int64)
    best = np.empty(TOP_K_BUFFER, np.int64)
    n_chosen = 0
    for u in range(n_units):
        members = bucket[start[u]:start[u + 1]]
        wanted = min(posts[u], len(members))
        if wanted <= 0:
            continue
        if wanted <= TOP_K_BUFFER:
            # best[0..held) sorted by score, highest first; a later candidate enters only with
            # a strictly higher score, so ties keep the earlier candidate (a stable order)
            held = 0
            for i in members:
                value = score[i]
                if held == wanted and value <= score[best[held - 1]]:
                    continue
                slot = held if held < wanted else wanted - 1
                while slot > 0 and value > score[best[slot - 1]]:
                    best[slot] = best[slot - 1]
                    slot -= 1
                best[slot] = i
                if held < wanted:
                    held += 1
            for j in range(wanted):
                chosen[n_chosen] = best[j]
                n_chosen += 1
        else:
            order = np.argsort(-score[members], kind="mergesort")
            for j in range(wanted):
                chosen[n_chosen] = members[order[j]]
                n_chosen += 1
    return chosen[:n_chosen]


def top_per_unit(index, unit, score, posts, n_units):
    """The ``posts[u]`` highest-scoring of ``index`` within each unit ``u`` (ties: first)."""
    picked = _top_per_unit(unit.astype(np.int64), score.astype(np.float64),
                           posts.astype(np.int64), n_units)
    return index[picked]


@numba.njit(cache=True)
def vacancies_and_pool(unit, status, grade, honorer, required):
    """Open posts per unit and grade (``required`` less the posts held by employed staff), and
    the rows of active civil servants in units with any open post (staff order)."""
    n_units = required.shape[0]
    vacancies = required.copy()
    for i in range(len(unit)):
        if status[i] != LEFT and grade[i] > 0:
            vacancies[unit[i], grade[i] - 1] -= 1
    short = np.zeros(n_units, np.bool_)
    for u in range(n_units):
        for g in range(MAX_GRADE):
            if vacancies[u, g] > 0:
                short[u] = True
    n_pool = 0
    for i in range(len(unit)):
        if status[i] == ACTIVE and short[unit[i]] and not honorer[i]:
            n_pool += 1
    pool = np.empty(n_pool, np.int64)
    n_pool = 0
    for i in range(len(unit)):
        if status[i] == ACTIVE and short[unit[i]] and not honorer[i]:
            pool[n_pool] = i
            n_pool += 1
    return vacancies, pool


@numba.njit(cache=True)
def count_candidates(pool, unit, grade, vacancies, post_grade):
    """Pool members below ``post_grade`` in units with an open post at that grade."""
    count = 0
    for i in pool:
        if grade[i] < post_grade and vacancies[unit[i], post_grade - 1] > 0:
            count += 1
    return count


@numba.njit(cache=True)
def promote(pool, unit, grade, tenure, skill, salary, vacancies, post_grade, rule, noise,
            uniform, normal, pay_step):
    """Fill the open posts at ``post_grade``: score the candidates (``count_candidates``'s, in
    pool order) under each unit's ``rule`` code, move each unit's best up, and update grades,
    salaries and the vacancies (a post left behind opens one grade below). ``uniform`` holds
    the two rows of uniform draws and ``normal`` the normal draws, one per candidate, as
    ``careers.promotion_score`` draws them. Returns the promoted rows, unit by unit, best
    first."""
    n = len(normal)
    row = np.empty(n, np.int64)
    row_unit = np.empty(n, np.int64)
    score = np.empty(n, np.float64)
    k = 0
    column = post_grade - 1
    for i in pool:
        u = unit[i]
        if grade[i] >= post_grade or vacancies[u, column] <= 0:
            continue
        code = rule[u]
        if code == SENIORITY:
            value = np.float64(tenure[i]) + uniform[k] * 1e-3
        elif code == LOTTERY:
            value = uniform[n + k]
        else:
            value = np.float64(skill[i]) + noise[u] * normal[k]
        score[k] = np.float64(grade[i]) * GRADE_PRIORITY + value
        row[k] = i
        row_unit[k] = u
        k += 1
    picked = _top_per_unit(row_unit, score, vacancies[:, column].copy(), vacancies.shape[0])
    chosen = np.empty(len(picked), np.int64)
    for j in range(len(picked)):
        i = row[picked[j]]
        chosen[j] = i
        u = unit[i]
        if grade[i] > 0:
            vacancies[u, grade[i] - 1] += 1
        vacancies[u, column] -= 1
        grade[i] = post_grade
        salary[i] = salary[i] * pay_step
    return chosen


@numba.njit(cache=True)
def grades_by_seniority(tenure, block_start, posts_at_or_above):
    """Initial grades: staff come in unit blocks (``block_start``, one more entry than units);
    in each unit the most senior (stable order, ties: the first) hold its posts, the highest
    post the most senior: a member of seniority rank r gets the highest grade g with
    r < ``posts_at_or_above[u, g - 1]`` (posts at grade g or higher), else 0.

    Only the unit's post holders (about one in seven at a span of control of 8) are ranked:
    they are the members above the k-th highest tenure, then the first members at it, which
    a stable sort of the whole block would also put first."""
    grade = np.zeros(len(tenure), np.int8)
    for u in range(len(block_start) - 1):
        first = block_start[u]
        block = tenure[first:block_start[u + 1]]
        n = len(block)
        k = min(posts_at_or_above[u, 0], n)
        if k <= 0:
            continue
        holders = np.empty(k, np.int64)
        if k < n:
            threshold = np.partition(block, n - k)[n - k]  # the k-th highest tenure
            at_threshold = k
            for i in range(n):
                if block[i] > threshold:
                    at_threshold -= 1
            m = 0
            for i in range(n):
                if block[i] > threshold or (block[i] == threshold and at_threshold > 0):
                    if block[i] == threshold:
                        at_threshold -= 1
                    holders[m] = i
                    m += 1
        else:
            holders[:] = np.arange(n)
        order = np.argsort(-block[holders], kind="mergesort")
        for rank in range(k):
            value = 0
            for g in range(1, MAX_GRADE + 1):
                if rank < posts_at_or_above[u, g - 1]:
                    value = g
            grade[first + holders[order[rank]]] = value
    return grade
