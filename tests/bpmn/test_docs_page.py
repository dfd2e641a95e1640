"""docs/bpmn.rst: its console examples print what the page says (its doctests run with the docs)."""

from __future__ import annotations

import shlex

import pytest

from tests.cli.helpers import console_examples, run_cli
from tests.paths import DOCS

PAGE = DOCS / "bpmn.rst"


def _console_examples() -> list[tuple[str, str]]:
    return console_examples(PAGE)


def test_the_page_has_console_examples() -> None:
    assert _console_examples()


@pytest.mark.parametrize(("command", "output"), _console_examples())
def test_console_example_prints_what_the_page_says(
    command: str, output: str, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = shlex.split(command.removeprefix("$ "))
    assert argv[0] == "isorepeat"
    status, out, err = run_cli(capsys, *argv[1:])
    assert status == 0, err
    assert "\n".join(out) == output
