"""The Korean catalogue reads as Korean: particles attach to the symbol or Latin word before them
("η를", "SGD의", "$\\kappa$가", not "η 를"), the course's terms are used one way each, and the
Playground is not called 놀이터."""

import re

import pytest

from lab.catalog import CATALOG

# a particle standing alone after a symbol, a number, a Latin word, a formula or a bracket
PARTICLES = ("을|를|이|가|은|는|의|에|에서|에는|에도|에서는|로|으로|로는|으로는|로서|으로서|와|과|와는|과는|도|만|까지|부터|"
             "보다|처럼|이다|입니다|이고|이며|인|일|이면|라는|이라는|란|이란|마다|만큼|이나|나|라고|이라고|에게|씩|쯤")
DETACHED = re.compile(rf"(?<=[A-Za-z0-9$)\]}}'’*`α-ωΑ-Ω²³ⁿ₀-₉⁰-⁹^])[ \u00a0]({PARTICLES})(?=[\s.,;:!?)\]}}*\"'`]|$)")
# one word for each idea (left: what the catalogue says; right: what it must not say for the same idea)
NOT_USED = {"놀이터": "자유 실험", "정칙화": "규제", "가중치 감쇠": "가중치 감소", "에폭": "에포크"}


def korean() -> dict[str, str]:
    return {k: v["ko"] for k, v in CATALOG.items() if "ko" in v}


def test_particles_attach_to_what_they_follow():
    loose = {k: [m.group(0) for m in DETACHED.finditer(v)] for k, v in korean().items()}
    loose = {k: v for k, v in loose.items() if v}
    assert not loose, f"{len(loose)} texts with a detached particle, e.g. {dict(list(loose.items())[:5])}"


@pytest.mark.parametrize("word", sorted(NOT_USED))
def test_one_term_for_each_idea(word):
    used = [k for k, v in korean().items() if word in v]
    assert not used, f"{word!r} in {used[:5]}: the catalogue says {NOT_USED[word]!r}"


def test_the_check_finds_a_detached_particle():
    assert DETACHED.search("학습률 η 를 키우면") and DETACHED.search("$\\kappa$ 가 클수록") and DETACHED.search("SGD 의 경로")
    assert not DETACHED.search("학습률 η를 키우면") and not DETACHED.search("이 그림은 SGD 이동 경로")
