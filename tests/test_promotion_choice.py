"""The promotion kernels' choice is the definition: per unit, the ``posts[u]`` highest scores,
ties to the first candidate, in that order (a stable sort of each unit's candidates), whether
the unit's posts fit the small buffer or need the sort; the compiled post filling equals its
definition written out with that sort, and merit's normal draws are standard normal."""

from __future__ import annotations

import numpy as np
from birosim.core import draws
from birosim.core.draws import standard_normal
from birosim.core.promotion import (
    GRADE_PRIORITY,
    LOTTERY,
    MERIT,
    RULE_SLOTS,
    SENIORITY,
    SLOTS_PER_CALL,
    TOP_K_BUFFER,
    fill_open_posts,
    grades_by_seniority,
    top_per_unit,
)
from birosim.core.rng import Streams
from birosim.core.staff import ACTIVE, LEFT, MAX_GRADE
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats


def stable_sort_choice(index, unit, score, posts, n_units):
    chosen = []
    for u in range(n_units):
        members = np.flatnonzero(unit == u)
        wanted = min(max(posts[u], 0), len(members))
        order = np.argsort(-score[members], kind="stable")
        chosen.extend(index[members[order[:wanted]]])
    return np.asarray(chosen, dtype=index.dtype)


@settings(max_examples=300, deadline=None)
@given(
    n_units=st.integers(1, 6),
    data=st.data(),
)
def test_top_per_unit_is_each_unit_s_stable_best(n_units, data):
    n = data.draw(st.integers(0, 3 * TOP_K_BUFFER))
    unit = np.asarray(data.draw(st.lists(st.integers(0, n_units - 1), min_size=n, max_size=n)),
                      dtype=np.int32)
    # few distinct scores, so ties are common
    score = np.asarray(data.draw(st.lists(st.integers(0, 4), min_size=n, max_size=n)),
                       dtype=np.float64)
    posts = np.asarray(data.draw(st.lists(st.integers(-1, 2 * TOP_K_BUFFER), min_size=n_units,
                                          max_size=n_units)), dtype=np.int64)
    index = np.arange(100, 100 + n)
    expected = stable_sort_choice(index, unit, score, posts, n_units)
    assert np.array_equal(top_per_unit(index, unit, score, posts, n_units), expected)


@settings(max_examples=100, deadline=None)
@given(sizes=st.lists(st.integers(0, 40), min_size=1, max_size=5), data=st.data())
def test_initial_grades_go_to_the_most_senior(sizes, data):
    """The initial posts: per unit, ranked by tenure (ties: the first), rank r holds the highest
    grade g whose posts at g or above exceed r (a stable sort of each unit's block)."""
    n = sum(sizes)
    tenure = np.asarray(data.draw(st.lists(st.integers(0, 5), min_size=n, max_size=n)),
                        dtype=np.float64)
    required = np.asarray(data.draw(st.lists(st.lists(st.integers(0, 4), min_size=6, max_size=6),
                                             min_size=len(sizes), max_size=len(sizes))))
    posts_at_or_above = np.ascontiguousarray(np.cumsum(required[:, ::-1], axis=1)[:, ::-1])
    unit = np.repeat(np.arange(len(sizes)), sizes)
    start = np.concatenate(([0], np.cumsum(sizes)))
    order = np.lexsort((-tenure, unit))
    rank = np.arange(len(unit)) - start[unit[order]]
    expected = np.zeros(len(unit), dtype=np.int8)
    for g in range(1, 7):
        expected[order[rank < posts_at_or_above[unit[order], g - 1]]] = g
    assert np.array_equal(grades_by_seniority(tenure, start, posts_at_or_above), expected)


def counter(key, day, unit, slot):
    """A draw state (``draws.start``) as the compiled functions take it when called from Python."""
    return np.uint64(draws.start(key, day, unit, slot))


def fill_open_posts_by_definition(key, day, call, unit, status, grade, honorer, staff_id, tenure,
                                  skill, salary, required, uptake, on_paper, otherwise, noise,
                                  pay_step):
    """``fill_open_posts`` as its docstring states it, unit by unit with a stable sort: the
    promoted rows and the posts left open."""
    vacancies = required.copy()
    for i in np.flatnonzero((status != LEFT) & (grade > 0)):
        vacancies[unit[i], grade[i] - 1] -= 1
    chosen = []
    for post_grade in range(MAX_GRADE, 0, -1):
        slot = call * SLOTS_PER_CALL + post_grade
        for u in range(len(required)):
            candidates = np.flatnonzero((unit == u) & (status == ACTIVE) & ~honorer
                                        & (grade < post_grade))
            wanted = min(vacancies[u, post_grade - 1], len(candidates))
            if wanted <= 0:
                continue
            rule_draw = draws.uniform(counter(key, day, u, RULE_SLOTS + slot))[0]
            code = on_paper[u] if rule_draw < uptake[u] else otherwise
            score = []
            for i in candidates:
                state = counter(key, day, staff_id[i], slot)
                if code == SENIORITY:
                    value = float(tenure[i]) + draws.uniform(state)[0] * 1e-3
                elif code == LOTTERY:
                    value = draws.uniform(state)[0]
                else:
                    value = float(skill[i]) + noise[u] * standard_normal(state)
                score.append(float(grade[i]) * GRADE_PRIORITY + value)
            for i in candidates[np.argsort(-np.asarray(score), kind="stable")[:wanted]]:
                chosen.append(i)
                if grade[i] > 0:
                    vacancies[u, grade[i] - 1] += 1
                vacancies[u, post_grade - 1] -= 1
                grade[i] = post_grade
                salary[i] = salary[i] * pay_step
    return np.asarray(chosen, dtype=np.int64), int(np.maximum(vacancies, 0).sum())


@settings(max_examples=150, deadline=None)
@given(n_units=st.integers(1, 4), data=st.data())
def test_filling_open_posts_follows_its_definition(n_units, data):
    """The compiled post filling (vacancies, pool by unit, rule and score draws, each unit's
    stable best, the moves) equals the definition, with ties (few distinct tenures and skills),
    staff who left or are suspended, honorary staff, and more posts than candidates."""
    n = data.draw(st.integers(0, 40))
    ints = lambda low, high: np.asarray(  # noqa: E731
        data.draw(st.lists(st.integers(low, high), min_size=n, max_size=n)))
    unit = ints(0, n_units - 1).astype(np.int32)
    status = ints(0, 2).astype(np.int8)
    grade = ints(0, 3).astype(np.int8)
    honorer = ints(0, 4).astype(bool) & (ints(0, 3) == 0)
    tenure, skill = ints(0, 3).astype(np.float32), ints(0, 3).astype(np.float32)
    salary = (ints(1, 5) * 1e6).astype(np.float32)
    staff_id = np.arange(n, dtype=np.int64) * 7 + 3
    required = np.asarray(data.draw(st.lists(st.lists(st.integers(0, 3), min_size=MAX_GRADE,
                                                      max_size=MAX_GRADE),
                                             min_size=n_units, max_size=n_units)), dtype=np.int64)
    uptake = np.asarray(data.draw(st.lists(st.sampled_from([0.0, 0.5, 1.0]), min_size=n_units,
                                           max_size=n_units)))
    on_paper = np.asarray(data.draw(st.lists(st.sampled_from([MERIT, SENIORITY, LOTTERY]),
                                             min_size=n_units, max_size=n_units)), dtype=np.int8)
    otherwise = data.draw(st.sampled_from([MERIT, SENIORITY, LOTTERY]))
    noise = np.asarray(data.draw(st.lists(st.sampled_from([0.0, 0.3]), min_size=n_units,
                                          max_size=n_units)))
    key, day, call = Streams(data.draw(st.integers(0, 3))).key("promotion"), 40, 2
    fixed = (key, day, call, unit, status)
    compiled_grade, compiled_salary = grade.copy(), salary.copy()
    chosen, left_open = fill_open_posts(*fixed, compiled_grade, honorer, staff_id, tenure,
                                        skill, compiled_salary, required, uptake, on_paper,
                                        otherwise, noise, np.float32(1.05))
    expected, expected_open = fill_open_posts_by_definition(
        *fixed, grade, honorer, staff_id, tenure, skill, salary, required, uptake, on_paper,
        otherwise, noise, np.float32(1.05))
    assert np.array_equal(chosen, expected)
    assert left_open == expected_open
    assert np.array_equal(compiled_grade, grade)
    assert np.array_equal(compiled_salary, salary)


def test_standard_normal_is_standard_normal():
    """Merit's measurement error (Box-Muller on the counter-based uniforms) over many counters:
    a Kolmogorov-Smirnov test against N(0, 1)."""
    key = Streams(1).key("promotion")
    values = [standard_normal(counter(key, 5, staff, 3)) for staff in range(20_000)]
    assert stats.kstest(values, "norm").pvalue > 1e-4
