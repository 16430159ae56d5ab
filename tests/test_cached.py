"""`ui.cached.computed`: the lessons' slower results, a bounded table per function, shared read-only."""

import numpy as np
import pytest

from ui import cached


def test_one_functions_churn_never_pushes_out_anothers_result():
    calls = {"fixed": 0, "moving": 0}

    def fixed():
        calls["fixed"] += 1
        return np.arange(3.0)

    def moving(x):
        calls["moving"] += 1
        return x

    cached.computed(fixed)
    for x in range(3 * cached.COMPUTED_ENTRIES):  # a class moving another page's slider to many values
        cached.computed(moving, x)
    cached.computed(fixed)
    assert calls == {"fixed": 1, "moving": 3 * cached.COMPUTED_ENTRIES}
    # ... while the moving one's own table stays bounded: its oldest value is computed again
    cached.computed(moving, 0)
    assert calls["moving"] == 3 * cached.COMPUTED_ENTRIES + 1


def test_a_shared_result_cannot_be_changed_in_place():
    def pair(n):
        return np.zeros(n), [np.ones(n)], {"a": np.full(n, 2.0)}

    zeros, (ones,), named = cached.computed(pair, 4)
    for arr in (zeros, ones, named["a"]):
        with pytest.raises(ValueError, match="read-only"):
            arr[0] = 5.0
    assert cached.computed(pair, 4)[0] is zeros  # the same object for every caller: nothing was copied


def test_unhashable_arguments_are_keyed_by_their_values():
    calls = []

    def total(values, weights=None):
        calls.append(1)
        return float(np.dot(values, weights or [1.0] * len(values)))

    assert cached.computed(total, [1.0, 2.0], weights=[3.0, 4.0]) == 11.0
    assert cached.computed(total, [1.0, 2.0], weights=[3.0, 4.0]) == 11.0 and len(calls) == 1
    assert cached.computed(total, [1.0, 2.0], weights=[4.0, 3.0]) == 10.0 and len(calls) == 2
