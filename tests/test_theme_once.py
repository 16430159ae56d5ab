"""ui.theme_once: each run's theme message, built once from the configuration, equals Streamlit's own."""

import inspect

import pytest
from streamlit import config
from streamlit.proto.NewSession_pb2 import CustomThemeConfig
from streamlit.runtime import app_session

from ui import theme_once

SECTIONS = ["theme", "theme.light", "theme.dark", "theme.sidebar", "theme.light.sidebar", "theme.dark.sidebar"]


@pytest.fixture
def patched(monkeypatch):
    """ui.theme_once installed for one test, on a theme with options in several sections; Streamlit's own after."""
    original = app_session._populate_theme_msg
    monkeypatch.setattr(app_session, "_populate_theme_msg", original)  # put back after the test
    monkeypatch.setattr(theme_once, "_installed", False)
    config.get_config_options()
    theme = (("theme.primaryColor", "#ff4b4b"), ("theme.base", "dark"), ("theme.dark.textColor", "#fafafa"),
             ("theme.sidebar.backgroundColor", "#101010"), ("theme.headingFontSizes", ["2rem", "1.5rem"]))
    before = {name: config.get_option(name) for name, _ in theme}
    for name, value in theme:
        config.set_option(name, value)
    theme_once.forget()
    disconnect = theme_once.install()
    yield original
    for name, value in before.items():
        config.set_option(name, value)
    theme_once.forget()
    disconnect()


def _built(populate, section: str) -> bytes:
    msg = CustomThemeConfig()
    populate(msg, section)
    return msg.SerializeToString()


def test_the_kept_message_is_streamlits_own_for_every_section(patched):
    for section in SECTIONS:
        theirs = _built(patched, section)
        assert _built(app_session._populate_theme_msg, section) == theirs  # built
        assert _built(app_session._populate_theme_msg, section) == theirs  # kept
    assert CustomThemeConfig.FromString(_built(app_session._populate_theme_msg, "theme")).primary_color == "#ff4b4b"


def test_it_is_kept_until_the_configuration_is_parsed_again(patched):
    before = _built(app_session._populate_theme_msg, "theme")
    config.set_option("theme.primaryColor", "#00ff00")  # without a parse: the kept message stands
    assert _built(app_session._populate_theme_msg, "theme") == before
    config._on_config_parsed.send()  # what a new parse of the configuration signals
    after = CustomThemeConfig.FromString(_built(app_session._populate_theme_msg, "theme"))
    assert after.primary_color == "#00ff00"


def test_streamlits_function_has_the_shape_it_replaces():
    # theme_once replaces app_session._populate_theme_msg(msg, section="theme") and the runtime calls it so
    params = list(inspect.signature(app_session._populate_theme_msg).parameters.values())
    assert [p.name for p in params] == ["msg", "section"] and params[1].default == "theme"
    source = inspect.getsource(app_session.AppSession._create_new_session_message)
    assert source.count("_populate_theme_msg(") == len(SECTIONS)
