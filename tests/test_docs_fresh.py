"""Every example runs when pasted into a fresh interpreter (issue 13 D19).

Sphinx's ``doctest_global_setup`` and pytest's doctest namespace give the examples names they
did not import; a reader who pastes an example has none of them. So each page of ``docs/``, and
each docstring of the package, is run here with empty globals: a page as one session (its
examples build on each other, as a reader's would), a docstring as one of its own.
"""

from __future__ import annotations

import doctest
import importlib
import io
import pkgutil
from pathlib import Path

import pytest

import isorepeat
from isorepeat.integrations import REQUIRES
from tests.paths import DOCS

_FLAGS = doctest.ELLIPSIS | doctest.DONT_ACCEPT_TRUE_FOR_1
_PAGES = sorted(DOCS.glob("*.rst")) + sorted(DOCS.glob("integrations/*.rst"))
_MODULES = sorted(
    info.name
    for info in pkgutil.walk_packages(isorepeat.__path__, "isorepeat.")
    if info.name != "isorepeat.__main__"
)


def _failures(test: doctest.DocTest) -> str:
    test.globs = {}
    report = io.StringIO()
    runner = doctest.DocTestRunner(optionflags=_FLAGS)
    runner.run(test, out=report.write)
    return report.getvalue() if runner.failures else ""


@pytest.mark.parametrize("page", _PAGES, ids=lambda page: page.name)
def test_a_docs_page_runs_in_a_fresh_interpreter(page: Path) -> None:
    if page.parent.name == "integrations":
        pytest.importorskip(REQUIRES[page.stem], reason=f"{page.name} needs {REQUIRES[page.stem]} installed")
    text = page.read_text(encoding="utf-8")
    test = doctest.DocTestParser().get_doctest(text, {}, page.name, str(page), 0)
    assert not _failures(test), _failures(test)


@pytest.mark.parametrize("name", _MODULES)
def test_the_docstrings_of_a_module_run_in_a_fresh_interpreter(name: str) -> None:
    adapter = name.removeprefix("isorepeat.integrations.")
    if adapter in REQUIRES:
        pytest.importorskip(REQUIRES[adapter], reason=f"{name} needs {REQUIRES[adapter]} installed")
    module = importlib.import_module(name)
    failed = [
        report
        for test in doctest.DocTestFinder().find(module, globs={})
        if test.examples and (report := _failures(test))
    ]
    assert not failed, "\n".join(failed)
