"""Hostile links: random and malicious query strings on every page never raise, and the page says what it dropped.

A course puts the app on the public internet, and a link is the one input anyone can
forge. Each case draws keys from every name the app reads (the scene's, each
setting's of every rule, every surface's parameters, the app-wide ``lang`` and
``proj``) and unknown ones, with values of the wrong type, huge, NaN, infinite,
negative, unicode, markup, code and 10 kB long.
"""

import random

import pytest
from streamlit.testing.v1 import AppTest

import landscapes
import optimizers
from apptest import APP, TIMEOUT, lesson_files
from lab import scene as sc
from optimizers import settings

VALUES = [
    "", "abc", "1e308", "-1e308", "1e999", "nan", "NaN", "inf", "-inf", "-5", "0", "1.5", "9" * 400, "x" * 10_000,
    "<script>alert(1)</script>", "__import__('os').system('id')", "../../etc/passwd", "ü∂ƒ©", "\u202e\u0000",
    "\U0001F916" * 50, "[1,2]", "{'a': 1}", "true", "None", "0x10", "1_000", " 3 ", "%00", "off",
]
FORMULAS = ["__class__", "x" * 300, "exp(exp(exp(x)))", "x**99999", "x/0", "().__class__.__bases__", "y" * 5000,
            "sin(x)*" * 60 + "1", "open('/etc/passwd')", "lambda: 0"]


def _keys() -> list[str]:
    keys = ["surface", "f", "x0", "y0", "steps", "seed", "proj", "3d", "lang", "inspect"]
    names = sorted({h.name for r in optimizers.names() for h in sc.hyperparams_of(r)} | set(settings.TABLE))
    for i in (1, 2, 6, 7):
        keys += [f"o{i}"] + [f"o{i}.{n}" for n in names]
    keys += [f"p.{p.name}" for n in landscapes.names() for p in landscapes.params(n)]
    return keys + ["o0", "o1.", "p.", ".", "ö", "a" * 2000, "__proto__", "constructor"]


def hostile_query(rng: random.Random) -> dict[str, str]:
    """12-24 keys; values mostly hostile, sometimes a real surface, rule or formula (to reach deeper code)."""
    keys = _keys()
    q = {}
    for key in rng.sample(keys, rng.randint(12, 24)):
        if key == "surface" and rng.random() < 0.5:
            q[key] = rng.choice([*landscapes.names(), sc.EXPRESSION])
        elif key.startswith("o") and "." not in key and rng.random() < 0.6:
            q[key] = rng.choice([*optimizers.names(), "optax:lion", "optax:__init__"])
        elif key == "f":
            q[key] = rng.choice(FORMULAS)
        else:
            q[key] = rng.choice(VALUES)
    q["steps"] = "9" * 10_000  # at least one value that must be clamped, and said
    return q


@pytest.mark.parametrize("case", range(24))
def test_the_playground_survives_a_hostile_link_and_says_what_it_dropped(case):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for k, v in hostile_query(random.Random(case)).items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert any("steps" in w.value for w in at.warning), [w.value for w in at.warning]
    assert not any("<script>" in m.value for m in at.markdown)


@pytest.mark.parametrize("page", lesson_files())
def test_every_lesson_survives_a_hostile_link(page):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for k, v in hostile_query(random.Random(page)).items():
        at.query_params[k] = v
    at.run()
    at.switch_page(page).run()  # the link's values stay in the query while the lesson runs
    assert not at.exception, [e.message for e in at.exception]


@pytest.mark.parametrize("case", range(200))
def test_a_lessons_link_notices_name_every_key_it_does_not_read(case):
    q = hostile_query(random.Random(1000 + case))
    notices = " ".join(sc.page_notices(q, lesson=True))
    for key in sorted(set(q) - {"lang", "proj"})[:10]:
        assert repr(key if len(key) <= 40 else key[:40] + "…") in notices
    if q.get("lang", "en") not in sc.LANGS:
        assert "unknown language" in notices
