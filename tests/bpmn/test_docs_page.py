"""docs/bpmn.rst: its console examples print what the page says (its doctests run with the docs)."""

from __future__ import annotations

import re
import shlex
import textwrap

import pytest

from tests.cli.helpers import run_cli
from tests.paths import DOCS

PAGE = DOCS / "bpmn.rst"


def _console_examples() -> list[tuple[str, str]]:
    page = PAGE.read_text(encoding="utf-8")
    examples = []
    for block in re.finditer(r"^\.\. code-block:: console\n\n((?:   .*\n|\n)+)", page, re.MULTILINE):
        text = textwrap.dedent(block.group(1)).strip("\n")
        for example in re.split(r"^(?=\$ )", text, flags=re.MULTILINE):
            if example.strip():
                command, _, output = example.partition("\n")
                examples.append((command, output.rstrip("\n")))
    return examples


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
