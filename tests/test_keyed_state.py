"""`ui.keyed_state`: every page runs with each keyed widget's lookup compared to Streamlit's own dictionary."""

from __future__ import annotations

import pytest
from streamlit.runtime.state.safe_session_state import SafeSessionState
from streamlit.runtime.state.session_state import SessionState

from apptest import lesson_files, open_page
from ui import keyed_state


@pytest.fixture
def checked():
    """The view installed, every lookup checked against Streamlit's dictionary; Streamlit's own after the test."""
    keyed_state.install(checked=True)
    yield
    keyed_state.uninstall()


def test_the_private_names_it_reads_are_there():
    # the view reads SafeSessionState._lock and ._state, SessionState._keys() and ._key_id_mapper.id_key_mapping
    # and replaces the property SafeSessionState.filtered_state: a new Streamlit must be looked at again
    assert isinstance(SafeSessionState.__dict__["filtered_state"], property)
    safe = SafeSessionState(SessionState(), lambda: None)
    assert hasattr(safe, "_lock") and isinstance(safe._state, SessionState)
    assert isinstance(safe._state._keys(), set)
    assert isinstance(safe._state._key_id_mapper.id_key_mapping, dict)


def test_on_a_bare_state_it_holds_the_user_keys_only(checked):
    safe = SafeSessionState(SessionState(), lambda: None)
    safe["speed"] = 3
    safe["$$STREAMLIT_INTERNAL_KEY_hidden"] = 1  # Streamlit's own keys stay out, as in its dictionary
    view = safe.filtered_state
    assert isinstance(view, keyed_state.KeyedView)
    assert "speed" in view and view["speed"] == 3
    assert "missing" not in view and "$$STREAMLIT_INTERNAL_KEY_hidden" not in view
    with pytest.raises(KeyError):
        view["missing"]
    assert dict(view) == keyed_state._full(safe) == {"speed": 3}


def _moved(widget):
    """``widget`` (a slider or a select box) set to another value it offers, or None when it offers one only."""
    if type(widget).__name__ == "Slider" and not isinstance(widget.value, tuple) and widget.min != widget.max:
        return widget.set_value(type(widget.value)(widget.max if widget.value != widget.max else widget.min))
    if type(widget).__name__ == "Selectbox" and len(widget.options) > 1:
        return widget.select_index(1 if widget.index == 0 else 0)
    return None


@pytest.mark.parametrize("page", [None, *lesson_files()])
def test_every_page_runs_with_each_lookup_checked(checked, page):
    at = open_page(page)
    # the widgets that look their key up when drawn
    assert [*at.slider, *at.selectbox, *at.radio, *at.number_input], "the page draws no widget that looks up"
    for i in range(3):  # each run draws the page's widgets again, each lookup checked
        widgets = sorted((*at.slider, *at.selectbox), key=lambda w: not w.key)  # as drawn now; keyed ones first
        moved = _moved(widgets[i]) if i < len(widgets) else None
        (moved or at).run()  # a move, or the same page run again
        assert not at.exception, [e.message for e in at.exception]
    session = at.session_state._state  # the test's SafeSessionState
    assert dict(session.filtered_state) == keyed_state._full(session)
