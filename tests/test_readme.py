"""README.md: its tour runs as a doctest, and CI runs exactly the test command it shows."""

from __future__ import annotations

import doctest
import re

from tests.paths import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _block_after(marker: str) -> str:
    match = re.search(rf"{re.escape(marker)}\n```\w*\n(.*?)\n```", README, re.DOTALL)
    assert match is not None, f"no code block after {marker} in README.md"
    return match.group(1)


def test_readme_tour_runs() -> None:
    tour = re.search(r"```python\n(.*?)```", README, re.DOTALL)
    assert tour is not None
    parser = doctest.DocTestParser()
    test = parser.get_doctest(tour.group(1), {}, "README.md", "README.md", 0)
    assert test.examples, "the README tour has no examples"
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    assert runner.failures == 0


def test_readme_has_exactly_two_setup_commands() -> None:
    run = _block_after("<!-- run-command -->")
    tests = _block_after("<!-- test-command -->")
    assert run.startswith("pip install . && isorepeat next ")
    assert "pip install -e '.[test]'" in tests
    assert "pytest" in tests


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "<!-- test-command -->" in ci, ".ci/run must read the test command from README.md"
