"""A Playground scene: the surface, the start, and the contestants, with their URL form.

A `Scene` is everything a shared link must reproduce. `to_query` writes it as
flat query parameters; `from_query` reads them back, trusting nothing: names
come from the registries (`landscapes.names()`, `optimizers.names()`,
`optimizers.SCHEDULES`), settings are those of the one settings table
(`optimizers.settings`), numbers are parsed and clamped to its ranges, the start
to the surface's plotting area, and every value that is dropped or changed is
reported as a notice. Nothing here imports Streamlit.

Query form (``i`` numbers the contestants from 1)::

    surface=rosenbrock  p.a=1  p.b=100  f=<formula>  x0=-1.5  y0=2  steps=300  seed=0
    o1=adam  o1.learning_rate=0.05  o1.b1=0.9  o1.clip_norm=1  o1.batch_size=32 ...
    proj=1  3d=1  lang=ko  inspect=40
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Any, Mapping

import landscapes
import optimizers
from optimizers import settings
from optimizers.settings import Setting

from .i18n import LANGS, t

MAX_CONTESTANTS = 6
STEPS = settings.get("steps")
SEED = settings.get("seed")
EXPRESSION = "expression"  # the surface name of a typed formula
MAX_FORMULA = 200


@dataclass
class Contestant:
    """One optimizer in the race: a rule from the registry and its settings, in the engine's (optax's) names."""

    rule: str = "sgd"
    hp: dict[str, Any] = field(default_factory=dict)  # the settings that differ from their defaults

    def settings(self) -> dict[str, Any]:
        """Every setting, defaults filled in: exactly the keywords `optimizers.run` takes for this contestant."""
        return {h.name: h.default for h in hyperparams_of(self.rule)} | self.hp


@dataclass
class Scene:
    """Everything the Playground shows, and everything a shared link carries."""

    surface: str = "quadratic"
    surface_params: dict[str, float] = field(default_factory=dict)
    formula: str = ""
    start: tuple[float, float] | None = None  # None: the surface's suggested start
    steps: int = 200
    seed: int = 0
    contestants: list[Contestant] = field(default_factory=lambda: [Contestant("sgd"), Contestant("momentum")])
    projector: bool = False
    show_3d: bool = False  # the 3-D view costs the browser most of a redraw: on request
    lang: str = "en"
    inspect: int | None = None


def default_scene() -> Scene:
    """The Playground's opening scene, the course's headline: plain GD zigzags across a narrow valley
    (κ = 50) while momentum runs along it (about 80 steps to a millionth of the start's loss, against
    GD's 140; tests/test_scene.py measures it)."""
    return Scene(surface_params={"condition": 50.0},
                 contestants=[Contestant("sgd", {"learning_rate": 1.8}),
                              Contestant("momentum", {"learning_rate": 0.5, "momentum": 0.8})])


def hyperparams_of(rule: str) -> tuple[Setting, ...]:
    """What a contestant can set: the rule's own settings, then the run's (a rule's own weight decay wins)."""
    own = optimizers.rule_info(rule).hyperparams
    names = {h.name for h in own}
    return (*own, *(settings.get(k) for k in settings.RUN if k not in names))


# ----------------------------------------------------------------------------
# to the URL


def to_query(scene: Scene) -> dict[str, str]:
    """The scene as flat query parameters (defaults left out, so links stay short)."""
    q = {"surface": scene.surface}
    if scene.surface == EXPRESSION:
        q["f"] = scene.formula
    for k, v in scene.surface_params.items():
        q[f"p.{k}"] = _fmt(v)
    if scene.start is not None:
        q["x0"], q["y0"] = _fmt(scene.start[0]), _fmt(scene.start[1])
    if scene.steps != STEPS.default:
        q["steps"] = str(scene.steps)
    if scene.seed != SEED.default:
        q["seed"] = str(scene.seed)
    for i, c in enumerate(scene.contestants, start=1):
        q[f"o{i}"] = c.rule
        for k, v in c.hp.items():
            q[f"o{i}.{k}"] = _fmt(v)
    if scene.projector:
        q["proj"] = "1"
    if scene.show_3d:
        q["3d"] = "1"
    if scene.lang != "en":
        q["lang"] = scene.lang
    if scene.inspect is not None:
        q["inspect"] = str(scene.inspect)
    return q


def _fmt(v) -> str:
    if isinstance(v, bool):
        return "1" if v else "0"
    if isinstance(v, float):
        # six digits when they read back as the same number, else all it takes: a slider's value (an angle
        # moves in steps of pi/200) comes back exactly, so a link, a reload or another replica shows this view
        short = f"{v:.6g}"
        return short if float(short) == v else repr(float(v))
    return str(v)


# ----------------------------------------------------------------------------
# from the URL


def from_query(query: Mapping[str, Any]) -> tuple[Scene, list[str]]:
    """Read a scene from query parameters; return it with notices about what was ignored or clamped."""
    q = {str(k): _last(v) for k, v in query.items()}
    notices = Notices(q.get("lang", "en"))
    used: set[str] = set()

    def take(key):
        used.add(key)
        return q.get(key)

    scene = replace(default_scene(), contestants=[])
    # 1) the surface and its parameters
    surface = take("surface")
    if surface is not None:
        if surface == EXPRESSION or surface in landscapes.names():
            scene.surface = surface
        else:
            notices.say("unknown_surface", value=_show(surface), default=scene.surface)
    if scene.surface != Scene.surface:
        scene.surface_params = {}  # the default scene's parameters belong to its own surface
    if scene.surface == EXPRESSION:
        formula = take("f") or ""
        scene.formula = formula[:MAX_FORMULA]
        if len(formula) > MAX_FORMULA:
            notices.say("formula_cut", n=MAX_FORMULA)
        specs = ()
    else:
        specs = landscapes.params(scene.surface)
    for p in specs:
        raw = take(f"p.{p.name}")
        if raw is not None:
            value = _number(raw, p.name, p.low, p.high, p.default, p.integer, notices)
            if p.stops and value not in p.stops:  # one of the values the app offers (each compiles its own program)
                value = min(p.stops, key=lambda s: abs(s - value))
                notices.say("not_a_stop", name=p.name, value=_show(raw), stops=", ".join(f"{s:g}" for s in p.stops),
                            used=f"{value:g}")
            scene.surface_params[p.name] = value

    # 2) the run: start, steps, seed
    x0, y0 = take("x0"), take("y0")
    if x0 is not None or y0 is not None:
        x, y = _float(x0), _float(y0)
        if x is None or y is None:
            notices.say("start_not_numbers")
        else:
            scene.start = _inside(scene, (x, y), notices)
    if (raw := take("steps")) is not None:
        scene.steps = int(_number(raw, "steps", STEPS.low, STEPS.high, STEPS.default, True, notices))
    if (raw := take("seed")) is not None:
        scene.seed = int(_number(raw, "seed", SEED.low, SEED.high, SEED.default, True, notices))

    # 3) the contestants, in order o1, o2, ...
    for i in range(1, MAX_CONTESTANTS + 1):
        rule = take(f"o{i}")
        if rule is None:
            continue
        if rule not in optimizers.names():
            notices.say("unknown_optimizer", value=_show(rule), i=i)
            continue
        c = Contestant(rule)
        for h in hyperparams_of(rule):
            raw = take(f"o{i}.{h.name}")
            if raw is not None:
                value = _setting(raw, h, f"o{i}.{h.name}", notices)
                if value is not None:
                    c.hp[h.name] = value
        scene.contestants.append(c)
    if not scene.contestants:
        scene.contestants = default_scene().contestants

    # 4) display
    if (raw := take("proj")) is not None:  # app-wide, like lang: a bad value is reported by `page_notices`
        scene.projector = _switch(raw, "proj", Notices("en"))
    if (raw := take("3d")) is not None:
        scene.show_3d = _switch(raw, "3d", notices)
    if (raw := take("lang")) is not None and raw in LANGS:  # a bad one is reported by `page_notices`
        scene.lang = raw
    if (raw := take("inspect")) is not None:
        scene.inspect = int(_number(raw, "inspect", 0, scene.steps, 0, True, notices))

    unknown = sorted(set(q) - used)
    if unknown:
        notices.say("unknown_params", names=", ".join(_show(k) for k in unknown[:10]))
    return scene, notices


def _inside(scene: Scene, start: tuple[float, float], notices: Notices) -> tuple[float, float]:
    """A start from the URL, moved inside the surface's plotting area (a typed formula's, once it parses)."""
    try:
        surface = (landscapes.from_expression(scene.formula) if scene.surface == EXPRESSION
                   else landscapes.get(scene.surface, **scene.surface_params))
    except ValueError:
        return start  # the page says what is wrong with the formula
    (x0, x1), (y0, y1) = surface.domain
    inside = (min(max(start[0], x0), x1), min(max(start[1], y0), y1))
    if inside != start:
        notices.say("start_outside", x=f"{start[0]:g}", y=f"{start[1]:g}", x_in=f"{inside[0]:.3g}", y_in=f"{inside[1]:.3g}")
    return inside


def page_notices(query: Mapping[str, Any], lesson: bool) -> list[str]:
    """What a link carries that the app cannot use: a bad value of the app-wide ``lang`` or ``proj``,
    and on a lesson, which reads nothing else, any other parameter (the Playground reads the rest of
    its link with `from_query`)."""
    q = {str(k): _last(v) for k, v in query.items()}
    notices = Notices(q.get("lang", "en"))
    if "lang" in q and q["lang"] not in LANGS:
        notices.say("unknown_language", value=_show(q["lang"]))
    if "proj" in q:
        _switch(q["proj"], "proj", notices)
    unknown = sorted(set(q) - {"lang", "proj"}) if lesson else []
    if unknown:
        notices.say("lesson_params", names=", ".join(_show(k) for k in unknown[:10]))
    return notices


class Notices(list):
    """The notices about one link, each a sentence in the link's language (English when it names none we have)."""

    def __init__(self, lang: str):
        super().__init__()
        self.lang = lang if lang in LANGS else "en"

    def say(self, key: str, **values) -> None:
        self.append(t(f"notice.{key}", self.lang, **values))


def _switch(raw: str, name: str, notices: Notices) -> bool:
    """An on/off switch from the URL: 1/true on, 0/false off, anything else off with a notice."""
    if raw in ("1", "true", "True"):
        return True
    if raw not in ("0", "false", "False", ""):
        notices.say("not_a_switch", name=name, value=_show(raw))
    return False


def _last(v):
    """Query values may repeat (``?a=1&a=2``): the last one counts."""
    if isinstance(v, (list, tuple)):
        return str(v[-1]) if v else ""
    return str(v)


def _show(text: str) -> str:
    """A value from the URL, shortened and quoted for a notice (shown as plain text, never as markup)."""
    text = str(text)
    return repr(text if len(text) <= 40 else text[:40] + "…")


def _float(raw) -> float | None:
    try:
        v = float(raw)
    except (TypeError, ValueError):
        return None
    return v if math.isfinite(v) else None


def _number(raw, name, low, high, default, integer, notices) -> float:
    v = _float(raw)
    if v is None:
        notices.say("not_a_number", name=name, value=_show(raw), default=default)
        return default
    if integer and v != int(v):
        notices.say("not_whole", name=name, value=_show(raw))
        v = float(round(v))
    clamped = min(max(v, low), high)
    if clamped != v:
        notices.say("clamped", name=name, value=_show(raw), low=f"{low:g}", high=f"{high:g}", clamped=f"{clamped:g}")
    return int(clamped) if integer else clamped


def _setting(raw, h: Setting, name: str, notices: Notices):
    """A contestant's setting from the URL: a known choice, ``off`` for a stage that can be off, or a number in range."""
    if not h.numeric:
        for c in h.choices:
            if raw == _fmt(c):
                return c
        notices.say("not_a_choice", name=name, value=_show(raw), choices=", ".join(_fmt(c) for c in h.choices))
        return None
    if h.off is not None and raw == "off":
        return h.default
    return _number(raw, name, h.low, h.high, h.default, h.integer, notices)
