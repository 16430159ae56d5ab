"""A Korean page's figures speak Korean: no English word a learner reads in a hover, a legend, a title
or an axis (start, minimum, step, …) is left on any page's charts."""

import re

import pytest
from apptest import charts, lesson_files, open_page, spec

# English words that must have been translated (whole words, case-insensitive); names of methods and
# symbols (Adam, SGD, RMSProp, η, β) are the same in both languages and are not on the list
ENGLISH = re.compile(r"\b(start|minimum|minima|step|steps|saddle|diverged|loss|learning rate|distance|gradient|"
                     r"epoch|iteration|velocity|path|best|current|theory|measured)\b", re.I)
READ = ("name", "hovertemplate", "hovertext", "text")


def _words(fig: dict) -> list[str]:
    """Every string a learner reads in a figure: trace names, hovers, texts, titles, annotations, axis titles."""
    out: list[str] = []

    def strings(v):
        if isinstance(v, str):
            out.append(v)
        elif isinstance(v, list):
            for x in v:
                if isinstance(x, str):
                    out.append(x)

    for tr in fig.get("data", []):
        if tr.get("showlegend") is False and not tr.get("hovertemplate") and not tr.get("hovertext"):
            continue  # an unlabelled helper trace (a casing, a click grid) that nobody reads
        if tr.get("hoverinfo") == "skip":
            continue
        hover = tr.get("hovertemplate") or ""
        # a trace's name is read in the legend, or in a hover that does not hide it (<extra></extra>)
        if tr.get("showlegend") is not False or (tr.get("hoverinfo") not in ("none", "text") and "<extra></extra>" not in hover):
            strings(tr.get("name"))
        for k in READ[1:]:
            strings(tr.get(k))
    layout = fig.get("layout", {})
    for k, v in layout.items():
        if k.startswith(("xaxis", "yaxis")) and isinstance(v, dict):
            title = v.get("title")
            strings(title.get("text") if isinstance(title, dict) else title)
    title = layout.get("title")
    strings(title.get("text") if isinstance(title, dict) else title)
    for a in layout.get("annotations", []) or []:
        strings(a.get("text"))
    return out


@pytest.mark.parametrize("page", [None, *lesson_files()], ids=lambda p: "playground" if p is None else p.split("/")[-1])
def test_no_english_left_on_a_korean_pages_figures(page):
    at = open_page(page, lang="ko")
    found = {}
    for i in range(len(charts(at))):
        left = sorted({w for w in _words(spec(at, i)) if ENGLISH.search(re.sub(r"<[^>]+>|%\{[^}]*\}", " ", w))})
        if left:
            found[i] = left[:6]
    assert not found, f"English left on the Korean page's charts: {found}"
