"""Compiled kernels of post filling (``careers.fill_vacancies``): the vacancy table and where
each unit's staff sit (runs of rows, bucketed by unit) in one pass over staff; then per grade,
in each unit with an open post only, the candidates' scores, the unit's best candidates and the
bookkeeping of who moved up, in one call.

The choice equals a stable sort of each unit's candidates by score (ties: the first candidate
in staff order; a test compares :func:`top_per_unit` with that sort). Scores are formed with
numpy's dtypes (float32 staff attributes widened to float64). Their random parts are
counter-based draws (:mod:`birosim.core.draws`) of the ``promotion`` stream, a function of the
day, the candidate's staff id and the round, so only the draw a score reads is made.
"""

from __future__ import annotations

import numba
import numpy as np

from . import draws
from .staff import ACTIVE, LEFT, MAX_GRADE

GRADE_PRIORITY = 1e4  # larger than any promotion score, so the grade below always goes first

#: promotion rules as the kernel codes them
MERIT, SENIORITY, LOTTERY = 0, 1, 2

#: up to this many open posts in a unit, its best candidates are kept in a small sorted buffer
#: (one pass, ~k compares per candidate); above it a stable sort of the unit's candidates is
#: cheaper. Both give the same choice and order (ties: the first candidate).
TOP_K_BUFFER = 16


@numba.njit(cache=True)
def _offer(best, best_score, held, wanted, candidate, value):
    """Offer ``candidate`` (score ``value``) to a unit's best so far, ``best[0..held)`` with
    their scores, highest first, at most ``wanted``: a later candidate enters only with a
    strictly higher score, so ties keep the earlier one (a stable sort's order). Returns the
    new ``held``."""
    if held == wanted and value <= best_score[held - 1]:
        return held
    slot = held if held < wanted else wanted - 1
    while slot > 0 and value > best_score[slot - 1]:
        best[slot] = best[slot - 1]
        best_score[slot] = best_score[slot - 1]
        slot -= 1
    best[slot] = candidate
    best_score[slot] = value
    return held + 1 if held < wanted else held


@numba.njit(cache=True)
def _best_first(members, score, wanted, best, best_score, chosen, n_chosen):
    """Append to ``chosen`` (from ``n_chosen``) the ``wanted`` highest-scoring ``members``
    (indices into ``score``; 0 < ``wanted`` <= their number), best first, ties to the earlier
    member (a stable sort's order); ``best`` and ``best_score`` are scratch buffers of
    TOP_K_BUFFER. Returns the new ``n_chosen``."""
    if wanted <= TOP_K_BUFFER:
        held = 0
        for i in members:
            held = _offer(best, best_score, held, wanted, i, score[i])
        for j in range(wanted):
            chosen[n_chosen] = best[j]
            n_chosen += 1
    else:
        order = np.argsort(-score[members], kind="mergesort")
        for j in range(wanted):
            chosen[n_chosen] = members[order[j]]
            n_chosen += 1
    return n_chosen


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
    best_score = np.empty(TOP_K_BUFFER, np.float64)
    n_chosen = 0
    for u in range(n_units):
        members = bucket[start[u]:start[u + 1]]
        wanted = min(posts[u], len(members))
        if wanted > 0:
            n_chosen = _best_first(members, score, wanted, best, best_score, chosen, n_chosen)
    return chosen[:n_chosen]


def top_per_unit(index, unit, score, posts, n_units):
    """The ``posts[u]`` highest-scoring of ``index`` within each unit ``u`` (ties: first)."""
    picked = _top_per_unit(unit.astype(np.int64), score.astype(np.float64),
                           posts.astype(np.int64), n_units)
    return index[picked]


#: the counter of a draw (:func:`birosim.core.draws.start`): candidates' scores at
#: (day, staff id, slot), each unit's rule at (day, unit, RULE_SLOTS + slot), with
#: slot = ``call`` x 8 + the post's grade, so every filling round of a day draws afresh
SLOTS_PER_CALL = 8
RULE_SLOTS = 1024


@numba.njit(cache=True)
def _rule_value(code, state, tenure, skill, noise):
    """The rule's part of a promotion score, from the candidate's draw state ``state``."""
    if code == SENIORITY:
        return np.float64(tenure) + draws.uniform(state)[0] * 1e-3
    if code == LOTTERY:
        return draws.uniform(state)[0]
    return np.float64(skill) + noise * draws.standard_normal(state)


@numba.njit(cache=True)
def _candidate(grade, status, honorer, post_grade):
    """Whether a member of ``grade``, ``status`` and ``honorer`` may move up to ``post_grade``:
    an active civil servant (not honorer) below it. (A member's values, not the arrays: a
    compiled helper that takes arrays costs a reference count update per array and call, more
    than the test itself in a loop over millions of rows.)"""
    return grade < post_grade and status == ACTIVE and not honorer


@numba.njit(cache=True)
def _open_posts_and_runs(unit, status, grade, required):
    """Open posts per unit and grade (``required`` less the posts held by employed staff),
    and where the units with any open post have their staff: runs of consecutive rows of one
    unit, bucketed by unit in staff order (unit ``u``'s runs are ``run_first[k]`` to
    ``run_end[k]`` for k from ``run_start[u]`` to ``run_start[u + 1]``), and the most rows
    any such unit has.

    Staff sit mostly in long runs of one unit (hires are appended, movers change unit in
    place), so the runs are far fewer than the rows a list of members would hold."""
    n_units = required.shape[0]
    vacancies = required.copy()
    first_of_run = np.empty(len(unit) + 1, np.int64)  # reserved; touched as far as runs go
    n_runs = 0
    current = -1
    for i in range(len(unit)):
        u = unit[i]
        if u != current:
            first_of_run[n_runs] = i
            n_runs += 1
            current = u
        if status[i] != LEFT and grade[i] > 0:
            vacancies[u, grade[i] - 1] -= 1
    first_of_run[n_runs] = len(unit)
    short = np.zeros(n_units, np.bool_)
    for u in range(n_units):
        for g in range(MAX_GRADE):
            if vacancies[u, g] > 0:
                short[u] = True
    count = np.zeros(n_units + 1, np.int64)  # runs per unit, shifted by one
    rows = np.zeros(n_units, np.int64)
    for k in range(n_runs):
        u = unit[first_of_run[k]]
        if short[u]:
            count[u + 1] += 1
            rows[u] += first_of_run[k + 1] - first_of_run[k]
    run_start = np.cumsum(count)
    fill = run_start[:-1].copy()
    run_first = np.empty(run_start[n_units], np.int64)
    run_end = np.empty(run_start[n_units], np.int64)
    for k in range(n_runs):
        u = unit[first_of_run[k]]
        if short[u]:
            run_first[fill[u]] = first_of_run[k]
            run_end[fill[u]] = first_of_run[k + 1]
            fill[u] += 1
    return vacancies, run_first, run_end, run_start, rows.max() if n_units else 0


@numba.njit(cache=True)
def fill_open_posts(key, day, call, unit, status, grade, honorer, staff_id, tenure, skill,
                    salary, required, uptake, rule_on_paper, rule_otherwise, noise, pay_step):
    """Fill the open posts, top grade first (``careers.fill_vacancies``): at each grade, in
    each unit with an open post there, the candidates (its active civil servants below the
    grade) are scored under the unit's rule for the round, the best move up and a post left
    behind opens one grade below.

    The unit's rule is ``rule_on_paper[u]`` when a uniform draw falls below ``uptake[u]``, else
    ``rule_otherwise``; scores are grade x GRADE_PRIORITY plus tenure + 1e-3 x a uniform
    (seniority), a uniform (lottery) or skill + ``noise[u]`` x a standard normal (merit).
    Each draw is counter-based on ``key`` (see RULE_SLOTS): only the draws a score reads are
    made, and only for units with an open post. Grades and salaries are updated in place;
    returns the promoted rows, grade by grade (top first), unit by unit, best first, and the
    number of posts left open (where candidates ran out)."""
    vacancies, run_first, run_end, run_start, largest = _open_posts_and_runs(
        unit, status, grade, required)
    n_units = vacancies.shape[0]
    row = np.empty(largest, np.int64)
    score = np.empty(largest, np.float64)
    positions = np.arange(largest)
    best = np.empty(TOP_K_BUFFER, np.int64)
    best_score = np.empty(TOP_K_BUFFER, np.float64)
    picked = np.empty(largest, np.int64)
    chosen = np.empty(len(unit), np.int64)  # reserved; touched as far as moves go
    n_chosen = 0
    for post_grade in range(MAX_GRADE, 0, -1):
        column = post_grade - 1
        slot = call * SLOTS_PER_CALL + post_grade
        for u in range(n_units):
            posts = vacancies[u, column]
            if posts <= 0:
                continue
            code = rule_otherwise
            if draws.uniform(draws.start(key, day, u, RULE_SLOTS + slot))[0] < uptake[u]:
                code = rule_on_paper[u]
            runs = range(run_start[u], run_start[u + 1])
            n_picked = 0
            if posts <= TOP_K_BUFFER:
                # one pass keeping the unit's best; a candidate whose score cannot beat the
                # worst kept, whatever its draw, is passed over without drawing (seniority's
                # tie-break adds less than 1e-3, the lottery less than 1: rounding keeps the
                # bound, so the choice is the one drawing every candidate would make)
                held = 0
                for r in runs:
                    for i in range(run_first[r], run_end[r]):
                        if not _candidate(grade[i], status[i], honorer[i], post_grade):
                            continue
                        priority = np.float64(grade[i]) * GRADE_PRIORITY
                        if held == posts and code != MERIT:
                            most = np.float64(tenure[i]) + 1e-3 if code == SENIORITY else 1.0
                            if priority + most <= best_score[held - 1]:
                                continue
                        value = _rule_value(code, draws.start(key, day, staff_id[i], slot),
                                            tenure[i], skill[i], noise[u])
                        held = _offer(best, best_score, held, posts, i, priority + value)
                for j in range(held):
                    picked[j] = best[j]
                n_picked = held
            else:
                k = 0
                for r in runs:
                    for i in range(run_first[r], run_end[r]):
                        if _candidate(grade[i], status[i], honorer[i], post_grade):
                            value = _rule_value(code, draws.start(key, day, staff_id[i], slot),
                                                tenure[i], skill[i], noise[u])
                            score[k] = np.float64(grade[i]) * GRADE_PRIORITY + value
                            row[k] = i
                            k += 1
                if k > 0:
                    n_picked = _best_first(positions[:k], score, min(posts, k), best, best_score,
                                           picked, 0)
                    for j in range(n_picked):
                        picked[j] = row[picked[j]]
            for j in range(n_picked):
                i = picked[j]
                chosen[n_chosen] = i
                n_chosen += 1
                if grade[i] > 0:
                    vacancies[u, grade[i] - 1] += 1
                vacancies[u, column] -= 1
                grade[i] = post_grade
                salary[i] = salary[i] * pay_step
    left_open = 0
    for u in range(n_units):
        for g in range(MAX_GRADE):
            left_open += max(vacancies[u, g], 0)
    return chosen[:n_chosen], left_open


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
