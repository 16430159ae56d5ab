"""The settings table is the one place a default, a range or a name lives: the engine, the widgets and the URL read it."""

from dataclasses import replace

import numpy as np
import optax
import pytest
from streamlit.testing.v1 import AppTest

import landscapes
import optimizers
from lab import scene as sc
from optimizers import settings
from apptest import APP, TIMEOUT


def test_every_setting_is_consistent():
    for s in settings.TABLE.values():
        if s.numeric:
            assert s.low < s.high, s.name
            if s.default is not settings.RULE and s.default is not None:
                assert s.low <= s.default <= s.high, s.name
            if s.log:
                assert s.low > 0, s.name
        else:
            assert s.default is settings.RULE or s.default in s.choices, s.name
        assert (s.default is None) <= (s.off is not None), f"{s.name}: None needs an 'off' label"


def test_the_engine_takes_every_run_setting_and_the_rules_take_theirs():
    surface = landscapes.get("quadratic")
    for name in optimizers.names():
        rule = optimizers.rule_info(name)
        t = optimizers.run(surface, name, steps=3, **sc.Contestant(name).settings())
        assert t.diverged_at is None
        for h in rule.hyperparams:  # each rule's default is inside the table's range
            if h.numeric:
                assert h.low <= h.default <= h.high, (name, h.name)
    assert set(settings.RUN) | {"seed"} == set(settings.run_defaults())


def test_a_rules_defaults_are_its_factorys_signature():
    import inspect

    for name in optimizers.names():
        rule = optimizers.rule_info(name)
        sig = inspect.signature(rule.factory).parameters
        assert rule.defaults == {k: sig[k].default for k in rule.defaults}, name


@pytest.fixture
def noise_default(monkeypatch):
    """The noise's default changed in the table, and nowhere else."""
    monkeypatch.setitem(settings.TABLE, "noise", replace(settings.TABLE["noise"], default=0.25))
    return 0.25


def test_a_default_changed_in_the_table_reaches_the_engine(noise_default):
    surface = landscapes.get("quadratic")
    t = optimizers.run(surface, "sgd", steps=20)
    assert t.hyperparams["noise"] == noise_default
    quiet = optimizers.run(surface, "sgd", steps=20, noise=0.0)
    assert not np.allclose(t.xy, quiet.xy)  # the noise is really applied
    assert np.allclose(t.xy, optimizers.run(surface, "sgd", steps=20, noise=noise_default).xy)


def test_a_default_changed_in_the_table_reaches_the_url(noise_default):
    scene, notices = sc.from_query({"o1": "sgd"})
    assert notices == [] and scene.contestants[0].settings()["noise"] == noise_default
    # the default is left out of a link; the old default is now a value worth writing
    assert "o1.noise" not in sc.to_query(scene)
    quiet = replace(scene, contestants=[sc.Contestant("sgd", {"noise": 0.0})])
    assert sc.to_query(quiet)["o1.noise"] == "0"


def test_a_default_changed_in_the_table_reaches_the_widget(noise_default):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["o1"] = "sgd"
    at.run()
    at.session_state["pg.o1.more"] = True  # the run settings' panel: its widgets are drawn only when open
    at.run()
    assert not at.exception
    assert at.slider(key="pg.o1.noise").value == noise_default


def test_a_callable_learning_rate_is_the_schedule_as_in_optax():
    surface = landscapes.get("rosenbrock")
    sched = optax.cosine_decay_schedule(0.002, 80, alpha=0.1)
    ours = optimizers.run(surface, "adam", steps=80, learning_rate=sched, dtype="float64")
    np.testing.assert_allclose(ours.lr, [float(sched(t)) for t in range(80)], rtol=1e-6)
    by_name = optimizers.run(surface, "adam", steps=80, learning_rate=0.002, schedule="cosine", decay_steps=80,
                             alpha=0.1, dtype="float64")
    np.testing.assert_allclose(ours.xy, by_name.xy, rtol=1e-6)
    assert ours.hyperparams["learning_rate"] is sched
    with pytest.raises(ValueError, match="not both"):
        optimizers.run(surface, "adam", steps=10, learning_rate=sched, schedule="cosine")


def test_families_and_variants_come_from_the_registry():
    assert optimizers.families()[:5] == ["sgd", "momentum", "adagrad", "rmsprop", "adam"]  # the course's order
    assert optimizers.variants("momentum") == ["nesterov"] and optimizers.variants("adam") == ["adamw"]
    every = optimizers.families() + [v for f in optimizers.families() for v in optimizers.variants(f)]
    assert sorted(every) == sorted(optimizers.names())
