"""One key of the session state looked up alone, where Streamlit's keyed widgets present every key to test one.

Each keyed select box, number input, radio and slider without a value asks, every time it is drawn, for
`SafeSessionState.filtered_state`: a new dictionary of every user key and keyed widget with its value
*presented* (about 15 µs a key), only to test ``key in state`` and read ``state[key]``. The Playground holds
about 70 keys and draws a dozen such widgets a run, the network lesson 23 over about 115 keys: in
cProfile, ~1 ms of a widget's 1.6 ms, and 40 ms of the network page's run (6.5% of the server's interpreter
time under a class of 50, py-spy, GIL samples).

`KeyedView` answers the same questions from the keys alone: which user keys the dictionary would hold, and by
which key each value would be read, are computed as `SessionState.filtered_state` computes them, minus the
values; one value is presented only when it is read. Iterating it, or ``st.session_state.to_dict()``, gives
the same dictionary as before.

Installed by `ui.serve` (the server the image runs). It replaces the property
``SafeSessionState.filtered_state`` of Streamlit's runtime and reads three private names of its session
state (``_keys``, ``_key_id_mapper``, ``_lock``); tests/test_keyed_state.py runs every page with each lookup
checked against Streamlit's own dictionary, and fails if those names change.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from streamlit.runtime.state.common import is_element_id, is_keyed_element_id
from streamlit.runtime.state.session_state import _is_internal_key

_original = None  # SafeSessionState.filtered_state as Streamlit defines it
_original_to_dict = None
_checked = False  # tests: every lookup compared with Streamlit's own dictionary


class KeyedView(Mapping):
    """`SafeSessionState.filtered_state` as a mapping that presents only the values it is asked for."""

    def __init__(self, safe):
        self._safe = safe

    def _sources(self) -> dict[str, str]:
        """Each user key the dictionary would hold, and the key Streamlit's own reads its value by (the user key,
        or the id of the widget that holds it: after a widget is drawn anew, its old id may hold the value)."""
        with self._safe._lock:
            state = self._safe._state
            by_id = state._key_id_mapper.id_key_mapping
            sources = {}
            for k in state._keys():  # as SessionState.filtered_state walks them, the last one read winning
                if _is_internal_key(k):
                    continue
                if not is_element_id(k):
                    sources[k] = k
                elif is_keyed_element_id(k) and k in by_id:
                    sources[by_id[k]] = k
            return sources

    def __contains__(self, key: object) -> bool:
        found = key in self._sources()
        if _checked:
            assert found == (key in _full(self._safe)), f"{key!r}: in the view {found}, not so in Streamlit's"
        return found

    def __getitem__(self, key: str) -> Any:
        source = self._sources()[key]
        with self._safe._lock:
            value = self._safe._state[source]
        if _checked:
            theirs = _full(self._safe)[key]
            assert value is theirs or value == theirs, f"{key!r}: {value!r} in the view, {theirs!r} in Streamlit's"
        return value

    def __iter__(self) -> Iterator[str]:
        return iter(self._sources())

    def __len__(self) -> int:
        return len(self._sources())

    def __repr__(self) -> str:
        return repr(dict(self))


def _full(safe) -> dict[str, Any]:
    """Streamlit's own dictionary."""
    return _original.fget(safe)


def install(checked: bool = False) -> None:
    """Replace ``SafeSessionState.filtered_state`` by a `KeyedView` (and ``st.session_state.to_dict()`` by its
    dictionary). Once per process; ``checked``: compare every lookup with Streamlit's own dictionary (tests)."""
    global _original, _original_to_dict, _checked
    _checked = checked
    if _original is not None:
        return
    from streamlit.runtime.state.safe_session_state import SafeSessionState
    from streamlit.runtime.state.session_state_proxy import SessionStateProxy, get_session_state

    _original = SafeSessionState.__dict__["filtered_state"]
    SafeSessionState.filtered_state = property(KeyedView, doc=_original.__doc__)

    def to_dict(self) -> dict[str, Any]:
        return dict(get_session_state().filtered_state)

    _original_to_dict = SessionStateProxy.to_dict
    to_dict.__doc__ = _original_to_dict.__doc__
    SessionStateProxy.to_dict = to_dict


def uninstall() -> None:
    """Streamlit's own property and ``to_dict`` again (tests)."""
    global _original, _checked
    if _original is None:
        return
    from streamlit.runtime.state.safe_session_state import SafeSessionState
    from streamlit.runtime.state.session_state_proxy import SessionStateProxy

    SafeSessionState.filtered_state = _original
    SessionStateProxy.to_dict = _original_to_dict
    _original, _checked = None, False
