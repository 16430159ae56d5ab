"""The text catalogue: every key in both languages, the same placeholders, every key the code uses present."""

import re
import string
from pathlib import Path

import pytest

import landscapes
import optimizers
from lab.catalog import CATALOG
from lab.i18n import LANGS, t
from lab.presets import PRESETS
from optimizers import settings

ROOT = Path(__file__).resolve().parent.parent
HANGUL = re.compile(r"[\uac00-\ud7a3]")


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(CATALOG))
def test_every_key_has_both_languages_with_the_same_placeholders(key):
    entry = CATALOG[key]
    assert set(entry) == set(LANGS), f"{key} has {sorted(entry)}"
    for lang in LANGS:
        assert entry[lang].strip(), f"{key} is empty in {lang}"
    assert placeholders(entry["en"]) == placeholders(entry["ko"])


def test_korean_texts_are_korean():
    # symbols and names (ε, "Adam", "f(x, y) =") may stay as they are; sentences must be Korean
    def english_words(text):
        return re.findall(r"[A-Za-z]{3,}", re.sub(r"\{[^}]*\}", "", text))

    sentences = [k for k, e in CATALOG.items() if len(english_words(e["en"])) >= 3]
    assert sentences
    for k in sentences:
        assert HANGUL.search(CATALOG[k]["ko"]), f"{k} is not translated"


def test_every_literal_key_used_in_the_code_exists():
    used = set()
    for path in [*ROOT.glob("*.py"), *ROOT.glob("views/*.py"), *ROOT.glob("ui/*.py"), *ROOT.glob("lab/*.py")]:
        used |= set(re.findall(r"""\bt\(\s*["']([\w.]+)["']""", path.read_text()))
    assert used, "the scan found the calls"
    missing = sorted(used - set(CATALOG))
    assert not missing


def test_every_generated_key_exists():
    keys = [f"surface.{n}" for n in landscapes.names()]
    keys += [f"rule.{n}" for n in optimizers.names()]
    keys += [f"preset.{p.key}" for p in PRESETS] + [f"preset.{p.key}.lesson" for p in PRESETS]
    for rule in optimizers.names():
        keys += [f"hp.{h.name}" for h in optimizers.rule_info(rule).hyperparams]
        keys += [f"choice.{c}" for h in optimizers.rule_info(rule).hyperparams if h.choices and not isinstance(h.choices[0], bool) for c in h.choices]
    table = list(settings.TABLE.values())
    keys += [f"{kind}.{h.name}" for h in table for kind in ("hp", "help")]
    keys += [f"off.{h.off}" for h in table if h.off is not None]
    keys += [f"choice.{c}" for h in table if h.choices and not isinstance(h.choices[0], bool) for c in h.choices]
    keys += [f"help.{n}.{p.name}" for n in landscapes.names() for p in landscapes.params(n)]
    keys += [f"pg.variant.{v}" for family in optimizers.families() for v in optimizers.variants(family)]
    missing = sorted(set(keys) - set(CATALOG))
    assert not missing


def test_placeholders_are_filled():
    assert t("pg.diverged", "ko", label="Adam", step=37).count("37") == 1
    assert "{" not in t("pg.diverged", "en", label="Adam", step=37)


def test_the_catalogue_covers_every_figure_word():
    from figures.text import DEFAULT

    from lab.i18n import figure_text

    for lang in LANGS:
        assert set(figure_text(lang)) == set(DEFAULT)
