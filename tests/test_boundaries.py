"""The packages' boundaries: the math and the lessons' computations never import the UI.

`landscapes`, `optimizers`, `networks`, `lessons` and `lab` run without Streamlit and without Plotly (a notebook,
a test or a benchmark can use them alone); `figures` draws with Plotly but never imports Streamlit.
"""

import pathlib
import re
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
PURE = {"landscapes": ("streamlit", "plotly"), "optimizers": ("streamlit", "plotly"), "networks": ("streamlit", "plotly"),
        "lessons": ("streamlit", "plotly"), "lab": ("streamlit", "plotly"), "figures": ("streamlit",)}


@pytest.mark.parametrize("package", sorted(PURE))
def test_a_package_never_imports_what_it_must_not(package):
    banned = PURE[package]
    imports = re.compile(rf"^\s*(import|from)\s+({'|'.join(banned)})\b", re.MULTILINE)
    offenders = [p.name for p in (ROOT / package).rglob("*.py") if imports.search(p.read_text())]
    assert not offenders, f"{package} imports {banned}: {offenders}"
    # and nothing it imports pulls them in either
    modules = sorted(p.stem for p in (ROOT / package).glob("*.py") if p.stem != "__init__")
    code = (f"import sys, importlib; [importlib.import_module('{package}.' + m) for m in {modules!r}]; "
            f"print(sorted(b for b in {banned!r} if b in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


# Files short enough to read in one sitting (issue 8): pages thin, the core's modules one job each.
PAGE_LINES, MODULE_LINES = 160, 350


def _long(paths, limit):
    return {p.relative_to(ROOT).as_posix(): n for p in paths if (n := len(p.read_text().splitlines())) > limit}


def test_no_page_file_is_over_160_lines():
    assert not _long((ROOT / "views").glob("*.py"), PAGE_LINES)


@pytest.mark.parametrize("package", ["optimizers", "landscapes", "networks", "lessons", "lab", "figures", "ui"])
def test_no_module_of_a_package_is_over_350_lines(package):
    # lab/texts holds the catalogue (words, not code), one module per page
    paths = [p for p in (ROOT / package).rglob("*.py") if "texts" not in p.parts]
    assert not _long(paths, MODULE_LINES)
