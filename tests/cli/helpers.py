"""What the CLI tests share: ``run_cli`` (main() in-process, its exit status and output) and ``NOW``."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from isorepeat.cli.app import main

NOW = "2026-01-01T00:00:00Z"
"""The ``--now`` of most tests: distances are counted from it."""


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str], str]:
    """(exit status, stdout lines, stderr); argparse's own exits count as their status."""
    try:
        status = main(list(argv))
    except SystemExit as exit_:
        status = int(exit_.code or 0)
    captured = capsys.readouterr()
    return status, captured.out.splitlines(), captured.err


def console_examples(page: Path) -> list[tuple[str, str]]:
    """(command line, output) of every ``$ isorepeat ...`` in the console blocks of a docs page."""
    examples = []
    text = page.read_text(encoding="utf-8")
    for block in re.finditer(r"^\.\. code-block:: console\n\n((?:   .*\n|\n)+)", text, re.MULTILINE):
        lines = textwrap.dedent(block.group(1)).strip("\n")
        for example in re.split(r"^(?=\$ )", lines, flags=re.MULTILINE):
            if example.strip():
                command, _, output = example.partition("\n")
                examples.append((command, output.rstrip("\n")))
    return examples
