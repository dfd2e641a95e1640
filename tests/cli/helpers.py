"""What the CLI tests share: ``run_cli`` (main() in-process, its exit status and output) and ``NOW``."""

from __future__ import annotations

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
