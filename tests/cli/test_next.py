"""``isorepeat next``: text and json output, the end of time (S40), dialects and modes, notes.

Expected outputs are written out by hand; distances are counted from ``--now``.
"""

from __future__ import annotations

import io
import itertools
import json
from datetime import timezone
from pathlib import Path
from typing import Any

import pytest

import isorepeat
from tests.cli.helpers import NOW, run_cli

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
    # Whatever today is, the README's command shows runs to come: its schedule has no end.
    status, out, err = run_cli(
        capsys, "next", "R/2026-01-31T09:00:00/P1M", "--tz", "Europe/Berlin", "-n", "5"
    )
    assert (status, err) == (0, "")
    assert len(out) == 5
    assert all(" in " in line for line in out)


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
        "2026-01-01T00:00:00+00:00  2026-01-01T00:00:00Z  2 days 7 h ago",
        "2026-01-02T00:00:00+00:00  2026-01-02T00:00:00Z  1 day 7 h ago",
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
        "last_run": None,
        "notes": [],
        "warnings": [],
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
        "last_run",
        "notes",
        "warnings",
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


def test_next_json_of_a_finished_schedule_gives_its_last_run(capsys: pytest.CaptureFixture[str]) -> None:
    finished = "R10/2012-10-01T05:52:00Z/PT2S"
    status, out, _ = run_cli(capsys, "next", finished, "--now", NOW, "--format", "json")
    assert status == 0
    document = json.loads("\n".join(out))
    assert (document["runs"], document["remaining"]) == ([], 0)
    assert document["last_run"] == "2012-10-01T05:52:18+00:00"  # as the text's last line says


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
        (
            "R/2012-01-01T00:00:00Z/PT0S",
            NOW,
            [
                "no runs at or after 2026-01-01T00:00:00Z; "
                "the last run: 2012-01-01T00:00:00+00:00 (5,114 days ago)"
            ],
        ),
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


def test_next_n_at_the_cap_is_accepted(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(capsys, "next", "R3/2026-01-01T00:00:00Z/PT1S", "-n", "100000", "--now", NOW)
    assert status == 0
    assert len(out) == 4


# -- next: --after and --now without an offset -----------------------------------------------


@pytest.mark.parametrize(
    ("options", "first_run", "note"),
    [
        (
            ["--tz", "Europe/Berlin", "--after", "2026-02-28T09:00:00"],
            "2026-03-31T09:00:00+02:00",
            "note: --after 2026-02-28T09:00:00 has no offset: read in Europe/Berlin, as "
            "2026-02-28T09:00:00+01:00",
        ),
        (
            ["--dialect", "chronos", "--tz", "PST", "--after", "2026-02-28T09:00:00"],
            "2026-03-28T09:00:00-07:00",
            "note: --after 2026-02-28T09:00:00 has no offset: read in America/Los_Angeles, as "
            "2026-02-28T09:00:00-08:00",
        ),
        (
            ["--after", "2026-02-28T09:00:00"],  # the start's own offset
            "2026-03-31T09:00:00-05:00",
            "note: --after 2026-02-28T09:00:00 has no offset: read in UTC-05:00, as "
            "2026-02-28T09:00:00-05:00",
        ),
    ],
)
def test_next_after_without_an_offset_is_read_in_the_schedules_zone(
    options: list[str], first_run: str, note: str, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "R/2026-01-31T09:00:00/P1M" if "--tz" in options else "R/2026-01-31T09:00:00-05:00/P1M"
    status, out, err = run_cli(capsys, "next", text, "-n", "1", "--now", NOW, *options)
    assert (status, err) == (0, "")
    assert out[0].startswith(first_run)
    assert out[-1] == note


def test_next_now_without_an_offset_puts_an_empty_start_into_effect_in_tz(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = run_cli(
        capsys, "next", "R//PT1H", "-n", "1", "--tz", "America/New_York", "--now", "2026-01-01T00:00:00"
    )
    assert status == 0
    assert out == [
        "2026-01-01T00:00:00-05:00  2026-01-01T05:00:00Z  now",
        "note: --now 2026-01-01T00:00:00 has no offset: read in America/New_York, as "
        "2026-01-01T00:00:00-05:00",
    ]


# -- next and explain on a job file ------------------------------------------------------------

_BILLING = """{
  "name": "billing",
  "command": "bill",
  "schedule": "R/2026-01-31T09:00:00Z/P1M",
  "scheduleTimeZone": "Europe/Berlin",
  "epsilon": "PT30M"
}
"""


def test_next_reads_a_job_files_schedule_zone_and_dialect(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    job = tmp_path / "billing.json"
    job.write_text(_BILLING, encoding="utf-8")
    status, out, err = run_cli(capsys, "next", str(job), "-n", "3", "--now", NOW)
    assert (status, err) == (0, "")
    assert out == [  # chronos by default, in the job's scheduleTimeZone: the 28th after February
        "2026-01-31T09:00:00+01:00  2026-01-31T08:00:00Z  in 30 days 8 h",
        "2026-02-28T09:00:00+01:00  2026-02-28T08:00:00Z  in 58 days 8 h",
        "2026-03-28T09:00:00+01:00  2026-03-28T08:00:00Z  in 86 days 8 h",
        f"note: read from {job}: job 'billing', scheduleTimeZone Europe/Berlin, epsilon PT30M",
    ]
    status, out, _ = run_cli(
        capsys, "next", str(job), "-n", "1", "--now", NOW, "--dialect", "iso", "--tz", "UTC"
    )
    assert out[0] == "2026-01-31T09:00:00+00:00  2026-01-31T09:00:00Z  in 30 days 9 h"  # the options win


def test_explain_reads_a_job_file_from_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(_BILLING))
    status, out, _ = run_cli(capsys, "explain", "-", "--now", NOW)
    assert status == 0
    assert out[0] == "schedule: R/2026-01-31T09:00:00.000+01:00/P1M"
    assert out[2] == "note: read from <stdin>: job 'billing', scheduleTimeZone Europe/Berlin, epsilon PT30M"


def test_next_job_file_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    jobs = tmp_path / "two.json"
    jobs.write_text(
        '[{"name": "a", "schedule": "R/2026-13-01T00:00:00Z/P1D"}, {"name": "b"}]', encoding="utf-8"
    )
    status, out, err = run_cli(capsys, "next", str(jobs), "--now", NOW)
    assert (status, out) == (1, [])
    assert err == f"isorepeat: error: {jobs} holds 2 jobs: say which with --job NAME ('a', 'b')\n"
    status, _, err = run_cli(capsys, "next", str(jobs), "--job", "a", "--now", NOW)
    assert status == 1
    assert err.splitlines()[0] == f"isorepeat: error: {jobs}:1:36: month 13 is out of range 1-12"
    status, _, err = run_cli(capsys, "next", str(jobs), "--job", "b", "--now", NOW)
    assert (status, err) == (1, f"isorepeat: error: {jobs}: the job 'b' has no schedule\n")
    status, _, err = run_cli(capsys, "next", str(jobs), "--job", "c", "--now", NOW)
    assert (status, err) == (1, f"isorepeat: error: {jobs}: no job named 'c' (the jobs: 'a', 'b')\n")
    status, _, err = run_cli(capsys, "next", str(tmp_path / "absent.json"))
    assert status == 2
    assert err.startswith(f"isorepeat: error: cannot read {tmp_path / 'absent.json'}: ")
    status, _, err = run_cli(capsys, "next", "R/2026-01-31T09:00:00Z/P1M", "--job", "a")
    assert (status, err) == (
        2,
        "isorepeat: error: --job applies when SCHEDULE is a job file (or - for standard input)\n",
    )


def test_next_warns_when_tz_discards_an_offset_ir202(capsys: pytest.CaptureFixture[str]) -> None:
    text = "R/2026-01-31T09:00:00+05:00/P1M"
    status, out, _ = run_cli(capsys, "next", text, "--tz", "Europe/Berlin", "-n", "1", "--now", NOW)
    assert status == 0
    assert out == [
        "2026-01-31T09:00:00+01:00  2026-01-31T08:00:00Z  in 30 days 8 h",
        "warning: IR202 the offset +05:00 is discarded: scheduleTimeZone Europe/Berlin keeps the wall time "
        "09:00:00, where its offset is +01:00",
        "    hint: remove the offset, or write +01:00 if 09:00 Europe/Berlin is meant",
    ]
    status, out, _ = run_cli(capsys, "next", text, "--tz", "Europe/Berlin", "--now", NOW, "--format", "json")
    assert [w["code"] for w in json.loads("\n".join(out))["warnings"]] == ["IR202"]
    status, out, _ = run_cli(capsys, "next", "R/2026-01-31T09:00:00/P1M", "--tz", "Europe/Berlin", "-n", "1")
    assert not [line for line in out if line.startswith("warning:")]  # no offset written: nothing dropped
