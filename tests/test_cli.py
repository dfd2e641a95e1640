"""The command line: ``isorepeat next`` and ``isorepeat explain``, their help and the CLI docs page.

(``isorepeat check`` has its own module, tests/test_cli_check.py.) Expected outputs are written
out by hand; distances are counted from ``--now``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import shlex
import subprocess
import sys
import textwrap
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import isorepeat
from isorepeat.cli.app import build_parser, main
from isorepeat.cli.preview import distance

DOCS_CLI = Path(__file__).resolve().parent.parent / "docs" / "cli.rst"
NOW = "2026-01-01T00:00:00Z"


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str], str]:
    """(exit status, stdout lines, stderr); argparse's own exits count as their status."""
    try:
        status = main(list(argv))
    except SystemExit as exit_:
        status = int(exit_.code or 0)
    captured = capsys.readouterr()
    return status, captured.out.splitlines(), captured.err


# -- next: text ------------------------------------------------------------------------------


def test_next_readme_command(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run_cli(
        capsys, "next", "R5/2026-01-31T09:00:00/P1M", "--tz", "Europe/Berlin", "--now", NOW
    )
    assert (status, err) == (0, "")
    assert out == [
        "2026-01-31T09:00:00+01:00  2026-01-31T08:00:00Z  in 30 days 8 h",
        "2026-02-28T09:00:00+01:00  2026-02-28T08:00:00Z  in 58 days 8 h",
        "2026-03-31T09:00:00+02:00  2026-03-31T07:00:00Z  in 89 days 7 h",
        "2026-04-30T09:00:00+02:00  2026-04-30T07:00:00Z  in 119 days 7 h",
        "2026-05-31T09:00:00+02:00  2026-05-31T07:00:00Z  in 150 days 7 h",
        "no more runs after these",
    ]


def test_next_readme_command_with_the_clock(capsys: pytest.CaptureFixture[str]) -> None:
    # Whatever today is, the command works: runs to come, or the last one that was.
    status, out, err = run_cli(capsys, "next", "R5/2026-01-31T09:00:00/P1M", "--tz", "Europe/Berlin")
    assert (status, err) == (0, "")
    assert out[-1] == "no more runs after these" or out[-1].startswith("no runs at or after ")


def test_next_after_is_strict_and_distances_keep_two_units(capsys: pytest.CaptureFixture[str]) -> None:
    # 12:00:00 is a run (an even number of seconds after the start): --after leaves it out.
    status, out, _ = run_cli(
        capsys,
        "next",
        "R/2012-10-01T05:52:00Z/PT2S",
        "-n",
        "3",
        "--after",
        "2026-11-23T12:00:00Z",
        "--now",
        "2026-11-23T08:47:59Z",
    )
    assert status == 0
    assert out == [
        "2026-11-23T12:00:02+00:00  2026-11-23T12:00:02Z  in 3 h 12 min",
        "2026-11-23T12:00:04+00:00  2026-11-23T12:00:04Z  in 3 h 12 min",
        "2026-11-23T12:00:06+00:00  2026-11-23T12:00:06Z  in 3 h 12 min",
    ]


def test_next_without_after_includes_a_run_at_now(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(capsys, "next", "R//PT10M", "-n", "2", "--now", "2026-11-23T12:00:00+01:00")
    assert status == 0
    assert out == [
        "2026-11-23T12:00:00+01:00  2026-11-23T11:00:00Z  now",
        "2026-11-23T12:10:00+01:00  2026-11-23T11:10:00Z  in 10 min",
    ]


def test_next_runs_before_now_are_ago(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(
        capsys,
        "next",
        "R3/2026-01-01T00:00:00Z/P1D",
        "--after",
        "2025-12-31T00:00:00Z",
        "--now",
        "2026-01-03T06:30:00Z",
    )
    assert status == 0
    assert out == [
        "2026-01-01T00:00:00+00:00  2026-01-01T00:00:00Z  2 days 6 h ago",
        "2026-01-02T00:00:00+00:00  2026-01-02T00:00:00Z  1 day 6 h ago",
        "2026-01-03T00:00:00+00:00  2026-01-03T00:00:00Z  6 h 30 min ago",
        "no more runs after these",
    ]


@pytest.mark.parametrize(
    ("n", "last_line"),
    [
        ("1", "4 more runs after these"),
        ("4", "1 more run after these"),
        ("5", "no more runs after these"),
        ("7", "no more runs after these"),
        ("0", "5 runs at or after 2026-01-01T00:00:00Z"),
    ],
)
def test_next_counts_the_runs_that_remain(n: str, last_line: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(capsys, "next", "R5/2026-01-31T09:00:00Z/P1M", "-n", n, "--now", NOW)
    assert status == 0
    assert len(out) == min(int(n), 5) + 1
    assert out[-1] == last_line


def test_next_remaining_counts_from_after(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(
        capsys, "next", "R10/2012-10-01T05:52:00Z/PT2S", "-n", "2", "--after", "2012-10-01T05:52:05Z"
    )
    assert status == 0
    assert [line[:25] for line in out[:2]] == ["2012-10-01T05:52:06+00:00", "2012-10-01T05:52:08+00:00"]
    assert out[2] == "5 more runs after these"  # 05:52:10, 12, 14, 16 and 18


def test_next_when_the_schedule_is_over(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(capsys, "next", "R3/2026-01-01T00:00:00Z/P1D", "--now", "2026-01-10T00:00:00Z")
    assert status == 0
    assert out == [
        "no runs at or after 2026-01-10T00:00:00Z; the last run: 2026-01-03T00:00:00+00:00 (7 days ago)"
    ]


def test_next_r0(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(capsys, "next", "R0/2026-01-01T00:00:00Z/P1D")[:2] == (0, ["no runs: R0 never runs"])


def test_next_infinite_prints_no_count(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(capsys, "next", "R/2026-01-01T00:00:00Z/PT1H", "-n", "2", "--now", NOW)
    assert status == 0
    assert out == [
        "2026-01-01T00:00:00+00:00  2026-01-01T00:00:00Z  now",
        "2026-01-01T01:00:00+00:00  2026-01-01T01:00:00Z  in 1 h",
    ]


def test_next_columns_line_up(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(capsys, "next", "R2/2026-01-01T00:00:00Z/PT0.5S", "--now", NOW)
    assert status == 0
    assert out[:2] == [
        "2026-01-01T00:00:00+00:00         2026-01-01T00:00:00Z         now",
        "2026-01-01T00:00:00.500000+00:00  2026-01-01T00:00:00.500000Z  in 0.5 s",
    ]


# -- next: the end of time (S40) -------------------------------------------------------------


def test_next_s40_the_year_9999_ends_an_infinite_schedule(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run_cli(
        capsys,
        "next",
        "R/9999-12-31T23:59:50Z/PT1S",
        "-n",
        "3",
        "--after",
        "9999-12-31T23:59:57Z",
        "--now",
        "9999-12-31T23:59:00Z",
    )
    assert (status, err) == (0, "")
    assert out == [
        "9999-12-31T23:59:58+00:00  9999-12-31T23:59:58Z  in 58 s",
        "9999-12-31T23:59:59+00:00  9999-12-31T23:59:59Z  in 59 s",
        "no more runs after these: the year 9999 ends the calendar",
    ]


def test_next_s40_east_of_utc_ends_earlier(capsys: pytest.CaptureFixture[str]) -> None:
    # Tokyo's wall clock reaches the year 10000 at 9999-12-31T15:00Z: 23:00+09:00 is the last run.
    status, out, err = run_cli(
        capsys,
        "next",
        "R/9999-12-31T20:00:00/PT1H",
        "--tz",
        "Asia/Tokyo",
        "--after",
        "9999-12-31T14:30:00Z",
        "--now",
        "9999-12-31T14:30:00Z",
    )
    assert (status, err) == (0, "")
    assert out == ["no runs after 9999-12-31T14:30:00Z; the last run: 9999-12-31T23:00:00+09:00 (30 min ago)"]


@pytest.mark.parametrize(
    "moment",
    ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00"],
)
def test_next_after_outside_utc_is_a_usage_error(moment: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run_cli(capsys, "next", "R//PT1S", "--after", moment)
    assert (status, out) == (2, [])
    assert err == f"isorepeat: error: --after {moment!r} is outside the years 0001-9999 in UTC\n"


# -- next: json ------------------------------------------------------------------------------


def test_next_json(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(
        capsys,
        "next",
        "R5/2026-01-31T09:00:00/P1M",
        "--tz",
        "Europe/Berlin",
        "-n",
        "2",
        "--now",
        "2026-01-01T01:00:00+01:00",
        "--format",
        "json",
    )
    assert status == 0
    assert json.loads("\n".join(out)) == {
        "schedule": "R5/2026-01-31T09:00:00+01:00[Europe/Berlin]/P1M",
        "dialect": "iso",
        "mode": "anchored",
        "tz": "Europe/Berlin",
        "now": "2026-01-01T00:00:00Z",
        "after": "2026-01-01T00:00:00Z",
        "inclusive": True,
        "start": "2026-01-31T09:00:00+01:00",
        "runs": ["2026-01-31T09:00:00+01:00", "2026-02-28T09:00:00+01:00"],
        "remaining": 3,
        "notes": [],
    }


def test_next_json_keys_in_documented_order(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(capsys, "next", "R//PT10M", "--now", NOW, "--format", "json", "-n", "1")
    assert status == 0
    document = json.loads("\n".join(out))
    assert list(document) == [
        "schedule",
        "dialect",
        "mode",
        "tz",
        "now",
        "after",
        "inclusive",
        "start",
        "runs",
        "remaining",
        "notes",
    ]
    assert document["schedule"] == "R//PT10M"
    assert document["start"] == "2026-01-01T00:00:00+00:00"
    assert document["runs"] == ["2026-01-01T00:00:00+00:00"]
    assert document["remaining"] is None


def test_next_json_chronos_with_notes(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(
        capsys,
        "next",
        "R3/2012-01-31T00:00:00Z/P1M",
        "--dialect",
        "chronos",
        "--tz",
        "PST",
        "--after",
        "2012-02-01T00:00:00Z",
        "--now",
        "2012-01-01T00:00:00Z",
        "--format",
        "json",
    )
    assert status == 0
    document = json.loads("\n".join(out))
    assert document["schedule"] == "R3/2012-01-31T00:00:00.000-08:00/P1M"
    assert (document["dialect"], document["mode"], document["tz"]) == ("chronos", "chained", "PST")
    assert document["inclusive"] is False
    assert document["runs"] == ["2012-02-29T00:00:00-08:00", "2012-03-29T00:00:00-07:00"]
    assert document["remaining"] == 0
    assert [note["code"] for note in document["notes"]] == ["IR203"]


# -- next: dialects and modes ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "days"),
    [
        # Chronos chains by default: the 31st does not come back (S35)
        (["--dialect", "chronos"], ["2012-03-29", "2012-04-29", "2012-05-29"]),
        (["--dialect", "chronos", "--mode", "anchored"], ["2012-03-31", "2012-04-30", "2012-05-31"]),
        ([], ["2012-03-31", "2012-04-30", "2012-05-31"]),
        (["--mode", "chained"], ["2012-03-29", "2012-04-29", "2012-05-29"]),
    ],
)
def test_next_modes_month_end(argv: list[str], days: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(
        capsys, "next", "R/2012-01-31T00:00:00Z/P1M", "-n", "3", "--after", "2012-03-01T00:00:00Z", *argv
    )
    assert status == 0
    assert [line[:10] for line in out] == days


def test_next_chronos_without_zone_keeps_the_printed_offset(capsys: pytest.CaptureFixture[str]) -> None:
    # Read in the JVM zone (Berlin, +01:00), then chained through text with a fixed offset:
    # after the change to summer time Chronos still shows +01:00 (CHRONOS.md §3.4).
    common = [
        "next",
        "R/2012-03-24T00:00:00/PT12H",
        "--dialect",
        "chronos",
        "--jvm-zone",
        "Europe/Berlin",
        "-n",
        "1",
        "--after",
        "2012-03-26T00:00:00Z",
        "--now",
        "2012-03-26T00:00:00Z",
    ]
    status, out, _ = run_cli(capsys, *common)
    assert status == 0
    assert out == ["2012-03-26T12:00:00+01:00  2012-03-26T11:00:00Z  in 11 h"]
    status, out, _ = run_cli(capsys, *common, "--mode", "anchored")
    assert status == 0
    assert out == ["2012-03-26T13:00:00+02:00  2012-03-26T11:00:00Z  in 11 h"]


CHAINED_FIXED: list[tuple[str, dict[str, Any]]] = [
    # fixed periods: chained runs come from the anchored queries; the chain itself is the oracle
    ("R/2012-03-24T00:00:00/PT1H", {"dialect": "chronos", "jvm_zone": "Europe/Berlin"}),
    ("R/2012-03-24T00:00:00/PT7H", {"dialect": "chronos", "tz": "Europe/Berlin"}),
    ("R/2012-03-24T00:00:00-04:00/PT7H", {"dialect": "chronos", "tz": "PST"}),
    ("R/2014-11-02T01:30:00-08:00/PT30M", {"dialect": "chronos", "tz": "America/Los_Angeles"}),
    ("R/2014-11-02T00:30:00/PT30M", {"tz": "America/Los_Angeles"}),
    ("R/2014-11-02T00:30:00/PT1.5S", {"dialect": "chronos", "tz": "America/Los_Angeles"}),
    ("R700/2012-03-24T00:00:00+05:00/PT1H30M", {"dialect": "chronos"}),
    # calendar periods: walked
    ("R/2012-01-31T00:00:00/P1M", {"dialect": "chronos", "tz": "America/Los_Angeles"}),
    ("R/2014-03-08T02:30:00/P1D", {"dialect": "chronos", "tz": "America/Los_Angeles"}),
    ("R/2014-03-08T02:30:00/P1D", {"tz": "America/Los_Angeles"}),
]


@pytest.mark.parametrize(("text", "options"), CHAINED_FIXED)
@pytest.mark.parametrize("index", [0, 1, 2, 20, 47, 100, 600])
def test_next_chained_agrees_with_the_chain(
    text: str, options: dict[str, Any], index: int, capsys: pytest.CaptureFixture[str]
) -> None:
    schedule = isorepeat.parse(text, **options)
    chain = list(itertools.islice(schedule.occurrences(mode="chained"), 700))
    after = chain[index]
    utc = timezone.utc
    expected = [t.isoformat() for t in chain if t.astimezone(utc) > after.astimezone(utc)][:4]
    argv = ["next", text, "-n", "4", "--mode", "chained", "--format", "json", "--after", after.isoformat()]
    for option, value in options.items():
        argv += [f"--{option.replace('_', '-')}", value]
    status, out, _ = run_cli(capsys, *argv)
    assert status == 0
    assert json.loads("\n".join(out))["runs"] == expected


def test_next_chained_from_1970_every_second_is_immediate(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(
        capsys,
        "next",
        "R/1970-01-01T00:00:00Z/PT1S",
        "--mode",
        "chained",
        "-n",
        "1",
        "--after",
        "2026-11-23T12:00:00Z",
        "--now",
        "2026-11-23T12:00:00Z",
    )
    assert (status, out) == (0, ["2026-11-23T12:00:01+00:00  2026-11-23T12:00:01Z  in 1 s"])


def test_next_chained_refuses_a_walk_too_long(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run_cli(
        capsys, "next", "R/0001-01-01T00:00:00Z/P1D", "--mode", "chained", "--now", NOW
    )
    assert (status, out) == (2, [])
    assert err == (
        "isorepeat: error: --mode chained would walk more than 500,000 runs to reach "
        "2026-01-01T00:00:00Z: use --mode anchored, or a start closer to --after\n"
    )


def test_next_chained_walk_within_the_limit(capsys: pytest.CaptureFixture[str]) -> None:
    # 1,300 years of daily runs: 474,000 steps, under the limit of 500,000.
    status, out, _ = run_cli(
        capsys, "next", "R/0726-01-01T00:00:00Z/P1D", "--mode", "chained", "-n", "1", "--now", NOW
    )
    assert (status, out) == (0, ["2026-01-01T00:00:00+00:00  2026-01-01T00:00:00Z  now"])


@pytest.mark.parametrize(
    ("text", "now", "expected"),
    [
        # Chronos accepts periods that do not move forward (IR207): no run gets past the start
        ("R/2012-01-01T00:00:00Z/PT0S", NOW, ["no runs at or after 2026-01-01T00:00:00Z"]),
        (
            "R3/2012-01-01T00:00:00Z/PT-1S",
            "2011-12-31T23:59:59Z",
            [
                "2012-01-01T00:00:00+00:00  2012-01-01T00:00:00Z  in 1 s",
                "2011-12-31T23:59:59+00:00  2011-12-31T23:59:59Z  now",
                "2011-12-31T23:59:58+00:00  2011-12-31T23:59:58Z  1 s ago",
                "no more runs after these",
            ],
        ),
    ],
)
def test_next_chronos_period_that_does_not_move_forward(
    text: str, now: str, expected: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run_cli(capsys, "next", text, "--dialect", "chronos", "--now", now)
    assert (status, out) == (0, expected)


def test_next_chronos_anchored_period_that_does_not_move_forward_exits_1(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, err = run_cli(
        capsys, "next", "R/2012-01-01T00:00:00Z/PT0S", "--dialect", "chronos", "--mode", "anchored"
    )
    assert (status, out) == (1, [])
    assert err.startswith("isorepeat: error: the period PT0S does not move forward")


def test_next_chronos_empty_start_is_now_minus_one_second(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(
        capsys, "next", "R2//PT10M", "--dialect", "chronos", "--now", "2026-01-01T12:00:00Z"
    )
    assert status == 0
    assert out == [
        "2026-01-01T12:09:59+00:00  2026-01-01T12:09:59Z  in 9 min 59 s",
        "no more runs after these",
    ]


def test_next_prints_notes_after_the_runs(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(
        capsys,
        "next",
        "R1/2012-01-31T00:00:00Z/P1M",
        "--dialect",
        "chronos",
        "--tz",
        "Europe/Berln",
        "--now",
        "2012-01-01T00:00:00Z",
    )
    assert status == 0
    assert out[:2] == [
        "2012-01-31T00:00:00+00:00  2012-01-31T00:00:00Z  in 30 days",
        "no more runs after these",
    ]
    assert out[2] == "note: IR204 unknown zone 'Europe/Berln': Chronos silently uses UTC"
    assert out[3].startswith("    hint: did you mean Europe/Berlin")


# -- next and explain: errors ----------------------------------------------------------------


@pytest.mark.parametrize("command", ["next", "explain"])
def test_bad_schedule_exits_1_with_the_caret_on_stderr(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run_cli(capsys, command, "R5/2012-13-01T00:00Z/P1D")
    assert (status, out) == (1, [])
    assert err == (
        "isorepeat: error: month 13 is out of range 01-12\n  R5/2012-13-01T00:00Z/P1D\n          ^\n"
    )


@pytest.mark.parametrize("command", ["next", "explain"])
def test_unknown_zone_exits_1_with_a_suggestion(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run_cli(capsys, command, "R/2012-01-01T00:00/P1D", "--tz", "america/los_angeles")
    assert status == 1
    assert "hint: did you mean America/Los_Angeles?" in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["next", "R//PT10M", "--now", "yesterday"], "--now 'yesterday' is not an ISO 8601 date-time"),
        (
            ["next", "R//PT10M", "--now", "2026-11-23T12:00:00"],
            "--now '2026-11-23T12:00:00' needs an offset, e.g. Z",
        ),
        (["next", "R//PT10M", "--after", "soon"], "--after 'soon' is not an ISO 8601 date-time"),
        (["next", "R//PT10M", "-n", "-1"], "-n must be a whole number from 0 to 100,000, not '-1'"),
        (["next", "R//PT10M", "-n", "x"], "-n must be a whole number from 0 to 100,000, not 'x'"),
        (["next", "R//PT10M", "-n", "1.5"], "-n must be a whole number from 0 to 100,000, not '1.5'"),
        (["next", "R//PT10M", "-n", "\uff11"], "-n must be a whole number from 0 to 100,000, not '\uff11'"),
        (["next", "R//PT10M", "-n", "100001"], "-n must be a whole number from 0 to 100,000, not '100001'"),
        (["next", "R//PT10M", "--jvm-zone", "UTC"], "--jvm-zone applies to --dialect chronos only"),
        (["explain", "R//PT10M", "--jvm-zone", "UTC"], "--jvm-zone applies to --dialect chronos only"),
        (["explain", "R//PT10M", "--now", "2026-11-23"], "--now '2026-11-23' needs an offset, e.g. Z"),
    ],
)
def test_usage_errors_exit_2_with_a_message(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run_cli(capsys, *argv)
    assert (status, out) == (2, [])
    assert err == f"isorepeat: error: {message}\n"


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["next"],
        ["explain"],
        ["frobnicate"],
        ["next", "R//PT10M", "--dialect", "joda"],
        ["next", "R//PT10M", "--mode", "sideways"],
        ["next", "R//PT10M", "--format", "xml"],
        ["explain", "R//PT10M", "-n", "3"],
    ],
)
def test_argparse_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(capsys, *argv)
    assert (status, out) == (2, [])


def test_next_n_at_the_cap_is_accepted(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(capsys, "next", "R3/2026-01-01T00:00:00Z/PT1S", "-n", "100000", "--now", NOW)
    assert status == 0
    assert len(out) == 4


# -- explain ---------------------------------------------------------------------------------


def test_explain_the_issue_example(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run_cli(capsys, "explain", "R10/2012-10-01T05:52:00Z/PT2S")
    assert (status, err) == (0, "")
    assert out == [
        "schedule: R10/2012-10-01T05:52:00Z/PT2S",
        "meaning:  every 2 seconds, 10 times, from 1 Oct 2012 05:52:00 UTC, last run 05:52:18 UTC",
        "first runs (anchored):",
        "  2012-10-01T05:52:00+00:00  2012-10-01T05:52:00Z",
        "  2012-10-01T05:52:02+00:00  2012-10-01T05:52:02Z",
        "  2012-10-01T05:52:04+00:00  2012-10-01T05:52:04Z",
        "  2012-10-01T05:52:06+00:00  2012-10-01T05:52:06Z",
        "  2012-10-01T05:52:08+00:00  2012-10-01T05:52:08Z",
        "  and 5 more runs",
        "diagnostics: none",
        "iso and Chronos:",
        "  the first 10 runs are the same in both",
    ]


def test_explain_month_end_in_iso_shows_what_chronos_does(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(capsys, "explain", "R/2024-01-31T02:00:00Z/P1M")
    assert status == 0
    assert out[:9] == [
        "schedule: R/2024-01-31T02:00:00Z/P1M",
        "meaning:  every month, for ever, from 31 Jan 2024 02:00:00 UTC",
        "first runs (anchored):",
        "  2024-01-31T02:00:00+00:00  2024-01-31T02:00:00Z",
        "  2024-02-29T02:00:00+00:00  2024-02-29T02:00:00Z",
        "  2024-03-31T02:00:00+00:00  2024-03-31T02:00:00Z",
        "  2024-04-30T02:00:00+00:00  2024-04-30T02:00:00Z",
        "  2024-05-31T02:00:00+00:00  2024-05-31T02:00:00Z",
        "diagnostics: none",
    ]
    assert out[9:11] == [
        "iso and Chronos:",
        "  run 3: Chronos runs 2024-03-29T02:00:00+00:00 where iso runs 2024-03-31T02:00:00+00:00: "
        "Chronos adds P1M to the previous run (chained), so after a short month the day stays at the "
        "29th; iso counts every run from the start (anchored), so the 31st comes back",
    ]
    # Runs 1-1,000 are January 2024 to April 2107. Chronos: 31st, 29th, then the 29th until
    # February 2025 makes it the 28th for ever. They agree on runs 1 and 2 and on every February
    # of a common year from 2025 to 2107: 83 Februaries less 19 leap ones (2028-2096, 2104; 2100
    # is common), 64. 1,000 - 66 = 934 differ.
    assert out[11] == "  934 of the first 1,000 runs differ"
    assert out[12].startswith("  IR205 Chronos warning: start on day 31")
    assert out[13:15] == ["    R/2024-01-31T02:00:00Z/P1M", "              ^"]


def test_explain_month_end_in_chronos(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(capsys, "explain", "R3/2024-01-31T02:00:00Z/P1M", "--dialect", "chronos")
    assert status == 0
    assert out[:6] == [
        "schedule: R3/2024-01-31T02:00:00.000Z/P1M",
        "meaning:  every month, 3 times, from 31 Jan 2024 02:00:00 UTC, last run 29 Mar 2024 02:00:00 UTC",
        "first runs (chained, as Chronos runs them):",
        "  2024-01-31T02:00:00+00:00  2024-01-31T02:00:00Z",
        "  2024-02-29T02:00:00+00:00  2024-02-29T02:00:00Z",
        "  2024-03-29T02:00:00+00:00  2024-03-29T02:00:00Z",
    ]
    assert out[6] == "diagnostics:"
    assert out[7].startswith("  IR205 warning: start on day 31")
    assert out[-2:] == [
        "iso and Chronos:",
        "  run 3: Chronos runs 2024-03-29T02:00:00+00:00 where iso runs 2024-03-31T02:00:00+00:00: "
        "Chronos adds P1M to the previous run (chained), so after a short month the day stays at the "
        "29th; iso counts every run from the start (anchored), so the 31st comes back",
    ]


def test_explain_bst_is_dhaka_in_chronos(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(
        capsys, "explain", "R1/2012-01-01T00:00:00/P1D", "--tz", "BST", "--dialect", "chronos"
    )
    assert status == 0
    assert out[:4] == [
        "schedule: R1/2012-01-01T00:00:00.000+06:00/P1D",
        "meaning:  once, at 1 Jan 2012 00:00:00 Asia/Dhaka (UTC+06:00)",
        "first runs (chained, as Chronos runs them):",
        "  2012-01-01T00:00:00+06:00  2011-12-31T18:00:00Z",
    ]
    assert out[5].startswith("  IR203 warning: BST is Asia/Dhaka in Chronos")
    assert out[-2:] == [
        "iso and Chronos:",
        "  iso rejects this schedule: unknown time zone 'BST': abbreviations are not zones "
        "(BST is British Summer Time) (did you mean Europe/London?)",
    ]


def test_explain_discarded_offset(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(
        capsys, "explain", "R/2008-03-01T13:00:00-04:00/P1D", "--tz", "America/Los_Angeles"
    )
    assert status == 0
    assert out[0] == "schedule: R/2008-03-01T13:00:00-08:00[America/Los_Angeles]/P1D"
    at = out.index("diagnostics:")
    assert out[at + 1].startswith("  IR202 warning: the offset -04:00 is discarded")
    assert out[at + 2 : at + 4] == ["    R/2008-03-01T13:00:00-04:00/P1D", "                         ^"]
    assert out[-1] == "  the first 1,000 runs are the same in both"


def test_explain_dst_gap_drift(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(
        capsys, "explain", "R/2014-03-08T02:30:00/P1D", "--tz", "America/Los_Angeles", "--dialect", "chronos"
    )
    assert status == 0
    assert out[-2:] == [
        "  run 3: Chronos runs 2014-03-10T03:30:00-07:00 where iso runs 2014-03-10T02:30:00-07:00: "
        "Chronos goes on from the wall time of the run before (03:30:00), which a DST change moved; "
        "iso keeps the start's wall time 02:30:00 (anchored)",
        "  996 of the first 1,000 runs differ",  # all but the first two and two in DST gaps
    ]


def test_explain_empty_start(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(capsys, "explain", "R3//PT10M", "--now", "2026-11-23T12:00:00Z")
    assert status == 0
    assert out[:7] == [
        "schedule: R3//PT10M",
        "meaning:  every 10 minutes, 3 times, from 23 Nov 2026 12:00:00 UTC, last run 12:20:00 UTC",
        "first runs (anchored):",
        "  2026-11-23T12:00:00+00:00  2026-11-23T12:00:00Z",
        "  2026-11-23T12:10:00+00:00  2026-11-23T12:10:00Z",
        "  2026-11-23T12:20:00+00:00  2026-11-23T12:20:00Z",
        "diagnostics: none",
    ]
    assert out[7:10] == [
        "iso and Chronos:",
        "  run 1: Chronos runs 2026-11-23T11:59:59+00:00 where iso runs 2026-11-23T12:00:00+00:00: "
        "Chronos puts an empty start into effect one second before now; iso at now",
        "  3 of the first 3 runs differ",
    ]
    assert out[10].startswith("  IR209 Chronos warning: empty start")


def test_explain_jvm_zone(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(
        capsys,
        "explain",
        "R2/2012-01-01T00:00:00/PT1H",
        "--dialect",
        "chronos",
        "--jvm-zone",
        "Europe/Berlin",
    )
    assert status == 0
    assert out[-2:] == [
        "  run 1: Chronos runs 2012-01-01T00:00:00+01:00 where iso runs 2012-01-01T00:00:00+00:00: "
        "Chronos reads the start's wall time in Europe/Berlin, iso in UTC: give the zone with --tz",
        "  2 of the first 2 runs differ",
    ]


def test_explain_overlap(capsys: pytest.CaptureFixture[str]) -> None:
    # 02:30 happens twice in Berlin on 2014-10-26; the discarded Z picks the later pass in Joda
    # (CHRONOS.md §2), iso takes the earlier (S25).
    status, out, _ = run_cli(capsys, "explain", "R3/2014-10-26T02:30:00Z/PT1H", "--tz", "Europe/Berlin")
    assert status == 0
    at = out.index("iso and Chronos:")
    assert out[at + 1 : at + 3] == [
        "  run 1: Chronos runs 2014-10-26T02:30:00+01:00 where iso runs 2014-10-26T02:30:00+02:00: "
        "02:30:00 happens twice in Europe/Berlin that night: Chronos takes the offset +01:00 by "
        "Joda's rule (the offset in force at the instant written), iso +02:00 (S25: the offset "
        "written if valid, else the earlier); write the offset you mean",
        "  3 of the first 3 runs differ",
    ]


def test_explain_milliseconds(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(capsys, "explain", "R2/2012-01-01T00:00:00.1234Z/PT1S")
    assert status == 0
    at = out.index("iso and Chronos:")
    assert out[at + 1 : at + 3] == [
        "  run 1: Chronos runs 2012-01-01T00:00:00.123000+00:00 where iso runs "
        "2012-01-01T00:00:00.123400+00:00: Chronos keeps milliseconds: it drops the rest of the "
        "start's fraction (IR208)",
        "  2 of the first 2 runs differ",
    ]
    assert out[at + 3].startswith("  IR208 Chronos warning:")


def test_explain_leap_day_yearly(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(capsys, "explain", "R6/2012-02-29T00:00:00Z/P1Y")
    assert status == 0
    at = out.index("iso and Chronos:")
    assert out[at + 1] == (
        "  run 5: Chronos runs 2016-02-28T00:00:00+00:00 where iso runs 2016-02-29T00:00:00+00:00: "
        "Chronos adds P1Y to the previous run (chained), so after a short month the day stays at the "
        "28th; iso counts every run from the start (anchored), so the 29th comes back"
    )
    # 2017-02-28 agrees again: one run differs, and no count line says so
    assert out[at + 2].startswith("  IR205 Chronos warning: start on day 29")


def test_explain_r0_and_forms_chronos_rejects(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(capsys, "explain", "R0/P1D")
    assert status == 0
    assert out[:3] == ["schedule: R0/P1D", "meaning:  never runs (R0)", "runs:     none (R0)"]
    at = out.index("iso and Chronos:")
    assert out[at + 1].startswith("  Chronos rejects this schedule: Chronos needs three parts")
    assert not any(line.startswith("  IR100") for line in out)


def test_explain_chronos_zero_period(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(capsys, "explain", "R2/2012-10-01T05:52:00Z/PT0S", "--dialect", "chronos")
    assert status == 0
    assert out[1] == (
        "meaning:  with the period PT0S, which does not move forward, 2 times, from 1 Oct 2012 "
        "05:52:00 UTC, last run 05:52:00 UTC"
    )
    assert out[-1] == (
        "  iso rejects this schedule: a zero period repeats the same instant; it is allowed only "
        "with R0 or R1 (write R1 for a single run)"
    )


def test_explain_chronos_infinite_zero_period(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(capsys, "explain", "R/2012-10-01T05:52:00Z/PT0S", "--dialect", "chronos")
    assert status == 0
    assert out[-1].startswith("  iso rejects this schedule: a zero period repeats the same instant")


# -- distances -------------------------------------------------------------------------------

_NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    ("delta", "text"),
    [
        (timedelta(0), "now"),
        (timedelta(microseconds=1), "in 0.000001 s"),
        (timedelta(seconds=1, microseconds=500_000), "in 1.5 s"),
        (timedelta(seconds=59), "in 59 s"),
        (timedelta(seconds=60), "in 1 min"),
        (timedelta(seconds=61, microseconds=5), "in 1 min 1 s"),
        (timedelta(hours=3, minutes=12, seconds=30), "in 3 h 12 min"),
        (timedelta(hours=3, seconds=30), "in 3 h"),
        (timedelta(days=1), "in 1 day"),
        (timedelta(days=1, hours=23, minutes=59), "in 1 day 23 h"),
        (timedelta(days=2, minutes=5), "in 2 days"),
        (timedelta(days=12_345, hours=1), "in 12,345 days 1 h"),
        (-timedelta(days=2), "2 days ago"),
        (-timedelta(hours=1, minutes=1), "1 h 1 min ago"),
        (-timedelta(microseconds=250_000), "0.25 s ago"),
    ],
)
def test_distance_wording(delta: timedelta, text: str) -> None:
    assert distance(_NOW + delta, _NOW) == text


def test_distance_across_zones() -> None:
    berlin_noon = datetime(2026, 1, 1, 12, tzinfo=timezone(timedelta(hours=1)))
    assert distance(berlin_noon, _NOW) == "in 11 h"


# -- no traceback, whatever the input ----------------------------------------------------------

_SCHEDULES = st.sampled_from(
    [
        "R5/2026-01-31T09:00:00/P1M",
        "R//PT10M",
        "R/PT1H",
        "R0/P1D",
        "R/1970-01-01T00:00:00Z/PT0.000001S",
        "R/9999-12-31T23:00:00Z/PT1M",
        "R/2012-01-31T00:00:00Z/P1M",
        "R5/2012-10-01T05:52:00Z/PT0S",
        "R/2012-10-01T05:52:00Z/PT-1S",
        "R5/2012-13-01T00:00Z/P1D",
        "R/0001-01-01T00:00:00Z/P1D",
        "R5/P1D/2008-05-11T15:30:00Z",
    ]
) | st.text(max_size=40)
_MOMENTS = st.sampled_from(
    ["2026-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2026-01-01", "x", ""]
) | st.text(max_size=25)
_OPTIONS = st.lists(
    st.one_of(
        st.tuples(st.just("-n"), st.sampled_from(["0", "1", "3", "-2", "abc"]) | st.text(max_size=5)),
        st.tuples(st.just("--after"), _MOMENTS),
        st.tuples(st.just("--now"), _MOMENTS),
        st.tuples(st.just("--tz"), st.sampled_from(["Europe/Berlin", "PST", "BST", "+05:30", "Nowhere", ""])),
        st.tuples(st.just("--jvm-zone"), st.sampled_from(["Europe/Berlin", "Foo", ""])),
        st.tuples(st.just("--dialect"), st.sampled_from(["iso", "chronos", "x"])),
        st.tuples(st.just("--mode"), st.sampled_from(["anchored", "chained"])),
        st.tuples(st.just("--format"), st.sampled_from(["text", "json"])),
    ),
    max_size=5,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(command=st.sampled_from(["next", "explain"]), schedule=_SCHEDULES, options=_OPTIONS)
def test_cli_exits_0_1_or_2_and_never_a_traceback(
    command: str, schedule: str, options: list[tuple[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    argv = [command, "--", schedule] if schedule.startswith("-") else [command, schedule]
    for option, value in options:
        if command == "explain" and option in ("-n", "--after", "--mode", "--format"):
            continue
        argv.insert(1, f"-n{value}" if option == "-n" else f"{option}={value}")
    status, _, err = run_cli(capsys, *argv)
    assert status in (0, 1, 2)
    assert "Traceback" not in err
    assert "internal error" not in err


# -- the package entry point and the docs page -------------------------------------------------


def test_python_m_isorepeat_runs_the_cli() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "isorepeat", "next", "R10/2012-10-01T05:52:00Z/PT2S", "--now", NOW],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout == "no runs at or after 2026-01-01T00:00:00Z; the last run: " + (
        "2012-10-01T05:52:18+00:00 (4,839 days 18 h ago)\n"
    )


def _commands() -> list[str]:
    """Every subcommand app.py registers."""
    subparsers = [a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)]
    assert len(subparsers) == 1
    return list(subparsers[0].choices)


def test_every_command_has_examples_in_its_help(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    assert {"next", "explain"} <= set(_commands())
    for command in _commands():
        status, out, _ = run_cli(capsys, command, "--help")
        assert status == 0
        assert "examples:" in out, command


def _help_block(page: str, command: str) -> str | None:
    """The first ``.. code-block:: text`` in the section headed ````isorepeat <command>````."""
    heading = re.search(rf"^``isorepeat {re.escape(command)}``\n-+\n", page, re.MULTILINE)
    if heading is None:
        return None
    following = re.search(r"^``isorepeat [^`]*``\n-+\n", page[heading.end() :], re.MULTILINE)
    section = page[heading.end() : heading.end() + following.start() if following else len(page)]
    block = re.search(r"^\.\. code-block:: text\n\n((?:   .*\n|\n)+)", section, re.MULTILINE)
    return None if block is None else textwrap.dedent(block.group(1)).strip()


@pytest.mark.parametrize("command", _commands())
def test_docs_cli_page_matches_help(
    command: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    status, out, _ = run_cli(capsys, command, "--help")
    assert status == 0
    documented = _help_block(DOCS_CLI.read_text(encoding="utf-8"), command)
    assert documented is not None, f"docs/cli.rst has no ``isorepeat {command}`` section with its --help"
    assert documented == "\n".join(out).strip()


def _console_examples() -> list[tuple[str, str]]:
    """(command line, output) of every ``$ isorepeat ...`` in the console blocks of the page."""
    page = DOCS_CLI.read_text(encoding="utf-8")
    examples = []
    for block in re.finditer(r"^\.\. code-block:: console\n\n((?:   .*\n|\n)+)", page, re.MULTILINE):
        text = textwrap.dedent(block.group(1)).strip("\n")
        for example in re.split(r"^(?=\$ )", text, flags=re.MULTILINE):
            if example.strip():
                command, _, output = example.partition("\n")
                examples.append((command, output.rstrip("\n")))
    return examples


def test_docs_cli_page_has_console_examples() -> None:
    assert len(_console_examples()) >= 4


@pytest.mark.parametrize(("command", "output"), _console_examples())
def test_docs_cli_console_examples_run(command: str, output: str, capsys: pytest.CaptureFixture[str]) -> None:
    argv = shlex.split(command.removeprefix("$ "))
    assert argv[0] == "isorepeat"
    if argv[1] == "check":
        pytest.skip("check examples read job files")  # tests/test_cli_check.py runs those
    status, out, _ = run_cli(capsys, *argv[1:])
    assert status == 0
    assert "\n".join(out) == output
