"""The minimal command line: ``isorepeat next`` (the full CLI is a later issue)."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from isorepeat.cli.app import main

DOCS_CLI = Path(__file__).resolve().parent.parent / "docs" / "cli.rst"


def test_next_prints_canonical_form_and_start(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["next", "R5/2026-01-31T09:00:00/P1M", "--tz", "Europe/Berlin"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "schedule: R5/2026-01-31T09:00:00+01:00[Europe/Berlin]/P1M",
        "start:    2026-01-31T09:00:00+01:00  (2026-01-31T08:00:00+00:00)",
        "repeats:  5 times, every P1M",
    ]


def test_next_resolves_an_empty_start_with_now(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["next", "R//PT10M", "--now", "2026-11-23T12:00:00Z"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1] == "start:    2026-11-23T12:00:00+00:00  (2026-11-23T12:00:00+00:00)"
    assert out[2] == "repeats:  for ever, every PT10M"


def test_bad_schedule_exits_1_with_the_caret_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["next", "R5/2012-13-01T00:00Z/P1D"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "isorepeat: error: month 13 is out of range 01-12\n  R5/2012-13-01T00:00Z/P1D\n          ^\n"
    )


def test_unknown_zone_exits_1_with_a_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["next", "R/2012-01-01T00:00/P1D", "--tz", "america/los_angeles"]) == 1
    assert "hint: did you mean America/Los_Angeles?" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["next"],
        ["frobnicate"],
        ["next", "R//PT10M", "--now", "yesterday"],
        ["next", "R//PT10M", "--now", "2026-11-23T12:00:00"],
    ],
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    try:
        code = main(argv)
    except SystemExit as exit_:  # argparse's own usage errors
        code = int(exit_.code or 0)
    assert code == 2
    assert capsys.readouterr().out == ""


def test_python_m_isorepeat_runs_the_cli() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "isorepeat", "next", "R10/2012-10-01T05:52:00Z/PT2S"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout.startswith("schedule: R10/2012-10-01T05:52:00Z/PT2S\n")


def test_docs_cli_page_matches_help(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    with pytest.raises(SystemExit):
        main(["next", "--help"])
    help_text = capsys.readouterr().out
    page = DOCS_CLI.read_text(encoding="utf-8")
    block = re.search(r"\.\. code-block:: text\n\n((?:   .*\n|\n)+)", page)
    assert block is not None, "docs/cli.rst has no text block with the --help output"
    documented = textwrap.dedent(block.group(1)).strip()
    assert documented == help_text.strip()
