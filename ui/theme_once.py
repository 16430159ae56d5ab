"""The theme's part of every run's first message, read from the configuration once instead of at every run.

Streamlit starts each script run, a fragment's too, with a ``new_session`` message that carries the
app's theme: six sections (``theme``, ``theme.light``, ``theme.dark`` and their sidebars), each read by
`streamlit.config.get_options_for_section`, which walks all of the ~370 options under the configuration's
lock. Under a class of 50 on one server that was 3% of the server's interpreter time (py-spy, GIL samples,
`bench/bench_load.py`), on the event loop every run's messages wait for. The theme cannot change while the
server runs except by a new parse of the configuration, which empties what is kept here.

Installed by `ui.serve` (the server the image runs). It replaces a function of Streamlit's runtime,
``app_session._populate_theme_msg``; tests/test_theme_once.py fails if its shape changes.
"""

from __future__ import annotations

import threading

_kept: dict[str, bytes] = {}  # section -> that section's theme message, serialized
_lock = threading.Lock()
_installed = False


def install():
    """Keep each theme section's message once built (until the configuration is parsed again). Once per process;
    returns a function that stops the emptying on a new parse (for tests)."""
    global _installed
    if _installed:
        return lambda: None
    from streamlit import config
    from streamlit.runtime import app_session

    original = app_session._populate_theme_msg

    def _populate_theme_msg(msg, section: str = "theme") -> None:
        with _lock:
            kept = _kept.get(section)
        if kept is None:
            fresh = type(msg)()
            original(fresh, section)
            kept = fresh.SerializeToString()
            with _lock:
                _kept[section] = kept
        msg.MergeFromString(kept)

    _populate_theme_msg.__doc__ = original.__doc__
    app_session._populate_theme_msg = _populate_theme_msg
    _installed = True
    return config.on_config_parsed(forget, force_connect=True)


def forget() -> None:
    """Build every section's message afresh at its next use (the configuration was parsed again)."""
    with _lock:
        _kept.clear()
