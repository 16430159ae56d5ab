"""Every text the app shows, in English and Korean, from one catalogue.

``t(key, lang, **values)`` looks a text up and fills its ``{placeholders}``.
A key missing in either language is a bug that `tests/test_i18n.py` catches.
The Korean follows the course notes' own terms (경사하강법, 학습률, 모멘텀,
가중치 감소, 기울기 클리핑, 안장점, 지역 최솟값 …).
"""

from __future__ import annotations

from .catalog import CATALOG

LANGS = ("en", "ko")
LANG_NAMES = {"en": "English", "ko": "한국어"}


def t(key: str, lang: str = "en", **values) -> str:
    """The text ``key`` in ``lang`` (English when the language is unknown), with ``values`` filled in."""
    entry = CATALOG[key]
    text = entry.get(lang) or entry["en"]
    return text.format(**values) if values else text


def rule_title(rule: str, lang: str, *, stochastic: bool | None = None) -> str:
    """An update rule's display name. Plain gradient steps are named by their gradient, as lesson 2 defines
    them: ``stochastic=False`` GD (the exact, full-batch gradient), ``True`` SGD (a sampled one), ``None``
    both (a menu of rules, before a run is set up)."""
    key = f"rule.{rule}"
    if stochastic is not None and f"{key}.{'stochastic' if stochastic else 'exact'}" in CATALOG:
        key = f"{key}.{'stochastic' if stochastic else 'exact'}"
    return t(key, lang) if key in CATALOG else rule


def figure_text(lang: str) -> dict[str, str]:
    """The shared figures' words (`figures.text.DEFAULT`'s keys) in ``lang``, from the catalogue's ``fig.*``."""
    prefix = "fig."
    return {k[len(prefix):]: t(k, lang) for k in CATALOG if k.startswith(prefix)}
