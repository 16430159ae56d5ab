"""A session that another replica started: its first rerun runs the whole page, even when a fragment asked.

Behind a load balancer, a learner whose replica died reconnects to another replica, which can only
start a new session (a Streamlit session lives in one process). Streamlit's browser client does not
rerun the page on a reconnect: it keeps what it shows and sends the learner's next move as usual.
When that move is inside a fragment (the Playground's race: the contestants' and the surface's
sliders), the new session has no such fragment yet and drops the request
(`AppSession.request_rerun`: "The fragment with id ... does not exist anymore"): the slider moves and
the chart never answers, until something reruns the whole page.

A session whose page has never run has no fragments at all, so a fragment request there can only come
from a page served by another process. `install` makes such a request run the whole page, with the
widget states and the query string the browser sent: the page starts from its URL (the whole view),
live again. Any later fragment request goes through unchanged.

Installed by `ui.serve` (the server the image runs). It wraps a method of Streamlit's runtime;
tests/test_failover_session.py fails if that method's shape changes.
"""

from __future__ import annotations

_RAN = "_lll_page_ran"  # set on an AppSession once a whole-page rerun was asked of it


def whole_page_first(session, client_state):
    """The client state to run with: ``client_state`` without its fragment while ``session`` has not run its page."""
    if client_state is None:
        return None  # a rerun the server asked for (st.rerun), with the session's last client state
    if client_state.fragment_id and not getattr(session, _RAN, False):
        from streamlit.proto.ClientState_pb2 import ClientState

        whole = ClientState()
        whole.CopyFrom(client_state)
        whole.fragment_id = ""
        client_state = whole
    if not client_state.fragment_id:
        setattr(session, _RAN, True)
    return client_state


def install() -> None:
    """Wrap `AppSession.request_rerun` with `whole_page_first` (once)."""
    from streamlit.runtime.app_session import AppSession

    original = AppSession.request_rerun
    if getattr(original, "_lll_failover", False):
        return

    def request_rerun(self, client_state):
        return original(self, whole_page_first(self, client_state))

    request_rerun._lll_failover = True
    request_rerun.__doc__ = original.__doc__
    AppSession.request_rerun = request_rerun
