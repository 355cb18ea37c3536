"""The promotion kernel's choice is the definition: per unit, the ``posts[u]`` highest scores,
ties to the first candidate, in that order (a stable sort of each unit's candidates), whether
the unit's posts fit the small buffer or need the sort."""

from __future__ import annotations

import numpy as np
from birosim.core.promotion import TOP_K_BUFFER, grades_by_seniority, top_per_unit
from hypothesis import given, settings
from hypothesis import strategies as st


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
