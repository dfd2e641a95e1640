"""``isorepeat explain``: what iso and Chronos make of a schedule, written out by hand."""

from __future__ import annotations

import pytest

from tests.cli.helpers import run_cli

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


def test_explain_chronos_reading_isorepeat_cannot_represent(capsys: pytest.CaptureFixture[str]) -> None:
    # Found by test_cli_exits_0_1_or_2_and_never_a_traceback: Chronos's now - 1 s is in year 0.
    status, out, err = run_cli(capsys, "explain", "R//PT10M", "--now=0001-01-01T00:00:00Z")
    assert (status, err) == (0, "")
    assert out[-2:] == [
        "iso and Chronos:",
        "  the empty start put into effect at 0001-01-01T00:00:00+00:00 is before the year 0001: "
        "Chronos accepts this; isorepeat cannot represent it",
    ]


def test_explain_ir219_names_the_day_and_the_wall_time_kept(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(
        capsys, "explain", "R/2014-03-08T02:30:00/P1D", "--tz", "America/Los_Angeles", "--dialect", "chronos"
    )
    assert status == 0
    at = out.index("diagnostics:")
    assert out[at + 1 : at + 5] == [
        "  IR219 warning: 02:30 does not exist in America/Los_Angeles on 2014-03-09, when the clocks "
        "skip from 02:00 to 03:00: Chronos moves that run to 03:30 and, because it adds the period to "
        "the run before, keeps 03:30 for ever after",
        "    R/2014-03-08T02:30:00/P1D",
        "                 ^",
        "    hint: start at a time of day the clocks do not skip, or at 03:30 if that is meant",
    ]
