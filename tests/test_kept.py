"""Kept figures (`figures.kept`): the same content gives the same figure, other content another, and a figure
whose template plotly puts in as its default is the figure plotly would build with the template named."""

import json

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from figures import kept, wire
from figures.look import TEMPLATE, base_layout, look


def traces(y):
    return [dict(type="scatter", y=np.asarray(y, dtype=np.float32), mode="lines", name="a", text=np.array(["p", "q"], dtype=object))]


def test_the_same_content_gives_the_same_figure_and_other_content_another():
    a = kept.figure(data=traces([1.0, 2.0]), layout=base_layout(look(False)))
    assert kept.figure(data=traces([1.0, 2.0]), layout=base_layout(look(False))) is a
    assert kept.figure(data=traces([1.0, 2.5]), layout=base_layout(look(False))) is not a
    assert kept.figure(data=traces([1.0, 2.0]), layout=base_layout(look(True))) is not a
    assert set(kept.slot(a)) <= {"spec", "encoded"}  # what to encode it from, until it is encoded; then its bytes
    assert kept.slot(go.Figure()) is None


ALIKE = [1, 1.0, True, "1", None, (1,), [1], np.float32(1), np.int64(1), np.array([1.0]), np.array([1.0], np.float32)]


@pytest.mark.parametrize("i", range(len(ALIKE)))
def test_values_that_print_alike_differ_in_the_digest(i):
    assert all(kept.digest(ALIKE[i]) != kept.digest(other) for j, other in enumerate(ALIKE) if j != i)


def test_content_the_digest_cannot_read_is_built_every_time():
    odd = [dict(type="scatter", y=[1, 2], customdata=[object()])]
    with pytest.raises(kept.Unreadable):
        kept.digest(odd)
    assert kept.figure(data=odd, layout={}) is not kept.figure(data=odd, layout={})


def test_the_table_is_bounded():
    for i in range(kept.ENTRIES + 10):
        kept.figure(data=traces([float(i), 0.0]), layout={})
    assert kept.size() == kept.ENTRIES


def test_a_default_template_left_to_plotly_draws_the_same_figure(monkeypatch):
    layout = base_layout(look(False))
    monkeypatch.setattr(pio.templates, "default", TEMPLATE)
    left = kept.figure(data=traces([3.0, 1.0, 0.5]), layout=layout)  # content no other test keeps
    reference = go.Figure(data=traces([3.0, 1.0, 0.5]), layout=layout)
    assert json.dumps(wire.pack(left.to_plotly_json()), sort_keys=True) == json.dumps(
        wire.pack(reference.to_plotly_json()), sort_keys=True)
    assert left.layout.template.layout.plot_bgcolor == pio.templates[TEMPLATE].layout.plot_bgcolor


def test_every_pages_figures_are_the_same_built_without_validation(monkeypatch):
    """Each lesson's figures, as its page builds them: `kept.figure`, which skips plotly's validation, gives exactly
    what the validated figure gives (as JSON: what the browser gets), every property coerced alike."""
    import apptest

    built = []

    def recording(data=None, layout=None, **kwargs):
        built.append((data, layout, kwargs))
        return go.Figure(data=data, layout=kept._without_default_template(layout), **kwargs)

    monkeypatch.setattr(kept, "figure", recording)
    for page in apptest.lesson_files():
        apptest.open_page(page, "ko")
    assert len(built) > 30
    monkeypatch.undo()
    for data, layout, kwargs in built:
        checked = go.Figure(data=data, layout=kept._without_default_template(layout), **kwargs)
        kept._table.clear()
        fig = kept.figure(data=data, layout=layout, **kwargs)
        assert json.loads(fig.to_json()) == json.loads(checked.to_json())
        # and what the chart sends of it, from the inputs kept with it, is what plotly's own copy gives
        spec, own = kept.slot(fig)["spec"], fig.to_plotly_json()
        assert set(spec) == {"data", "layout"} | ({"frames"} if own.get("frames") else set())
        for part in spec:
            assert json.loads(wire.encode(wire.pack(spec[part]))) == json.loads(wire.encode(wire.pack(own[part]))), part
