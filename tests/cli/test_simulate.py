"""``isorepeat simulate``: formats parsed back, exit statuses, options (the work is simulate_fleet's).

The fleet of most tests, over 2026-03-02 07:00Z-10:00Z with the scheduler down 07:50Z-08:15Z:

* export, every 20 minutes: 07:00, 07:20, 07:40 run; 08:00 is missed (its 60 s window closes
  at 08:01, in the outage); 08:20 ... 09:40 run: 8 runs, 1 missed;
* billing, daily at 09:00 in Berlin (08:00Z), its own epsilon PT30M (in place of the policy's
  PT60S): due in the outage, still inside its window at 08:15, so it runs 15 minutes late;
* report, after export and billing: one round, complete when billing runs at 08:15;
* off, disabled.

Busiest minute 08:15Z (billing and report), busiest hour 08:00Z (08:15 twice, 08:20, 08:40),
longest gap 07:40-08:15 (35 minutes).
"""

from __future__ import annotations

import csv
import io
import json
import re
import shlex
import sys
import textwrap
from pathlib import Path
from typing import get_args

import pytest

from isorepeat.cli.app import main
from tests.paths import DOCS

JOBS = [
    {"name": "export", "schedule": "R/2026-03-01T00:00:00Z/PT20M"},
    {
        "name": "billing",
        "schedule": "R/2026-03-01T09:00:00/P1D",
        "scheduleTimeZone": "Europe/Berlin",
        "epsilon": "PT30M",
    },
    {"name": "report", "parents": ["export", "billing"]},
    {"name": "off", "schedule": "R/2026-03-01T00:00:00Z/PT1M", "disabled": True},
]
WINDOW = ["--from", "2026-03-02T07:00Z", "--until", "2026-03-02T10:00Z"]
DOWN = ["--down", "2026-03-02T07:50:00Z/2026-03-02T08:15:00Z"]
BAD = '{\n  "name": "my job",\n  "schedule": "R5/2012-13-01T00:00Z/P1D"\n}\n'


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        status = main(argv)
    except SystemExit as exit_:  # argparse's own usage errors
        status = int(exit_.code or 0)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.fixture
def jobs(tmp_path: Path) -> Path:
    path = tmp_path / "jobs.json"
    path.write_text(json.dumps(JOBS, indent=2), encoding="utf-8")
    return path


def test_text_is_a_summary(jobs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = _run(["simulate", str(jobs), *WINDOW, *DOWN], capsys)
    assert (status, err) == (0, "")
    assert out.splitlines() == [
        "4 jobs from 2026-03-02T07:00:00Z until 2026-03-02T10:00:00Z, 1 outage",
        "policy chronos2: epsilon PT60S, catch-up each, Rn counts occurrences, chained",
        "own epsilons: 1 job replaces the policy's PT60S (--verbose names it)",
        "job      kind              runs    skipped",
        "export   scheduled            8          1  1 missed",
        "billing  scheduled            1          0  1 ran late",
        "report   dependent            1          0",
        "off      scheduled            0          0  (disabled: Chronos does not run it)",
        "runs: 10 (1 late); skipped: 1 (1 missed)",
        "busiest minute: 2026-03-02T08:15:00Z, 2 runs",
        "busiest hour: 2026-03-02T08:00:00Z, 4 runs",
        "longest gap: 2026-03-02T07:40:00Z until 2026-03-02T08:15:00Z (35 min)",
    ]


def test_text_timeline_comes_before_the_summary(jobs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(["simulate", str(jobs), *WINDOW, *DOWN, "--timeline"], capsys)
    assert status == 0
    assert out.splitlines()[:11] == [
        "2026-03-02T07:00:00Z  export   ran",
        "2026-03-02T07:20:00Z  export   ran",
        "2026-03-02T07:40:00Z  export   ran",
        "2026-03-02T08:00:00Z  export   skipped: missed",
        "2026-03-02T08:15:00Z  billing  ran 15 min late (due 2026-03-02T08:00:00Z)",
        "2026-03-02T08:15:00Z  report   ran",
        "2026-03-02T08:20:00Z  export   ran",
        "2026-03-02T08:40:00Z  export   ran",
        "2026-03-02T09:00:00Z  export   ran",
        "2026-03-02T09:20:00Z  export   ran",
        "2026-03-02T09:40:00Z  export   ran",
    ]
    assert out.splitlines()[11].startswith("4 jobs from")
    assert len(out.splitlines()) == 11 + 12


def test_json_is_one_object(jobs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(["simulate", str(jobs), *WINDOW, *DOWN, "--format", "json"], capsys)
    assert status == 0
    document = json.loads(out)
    assert "events" not in document
    keys = ("refused", "from", "until", "runs", "late", "skips", "jobs_total", "own_epsilons", "errors")
    assert {key: document[key] for key in keys} == {
        "refused": False,
        "from": "2026-03-02T07:00:00Z",
        "until": "2026-03-02T10:00:00Z",
        "runs": 10,
        "late": 1,
        "skips": 1,
        "jobs_total": 4,
        "own_epsilons": {"billing": "PT30M"},
        "errors": [],
    }
    assert document["policy"] == {
        "name": "chronos2",
        "epsilon": "PT60S",
        "catchup": "each",
        "count": "occurrences",
        "mode": "chained",
    }
    assert document["outages"] == [
        {"down": "2026-03-02T07:50:00Z", "up": "2026-03-02T08:15:00Z", "overlaps_window": True}
    ]
    assert document["busiest_minute"] == {"start": "2026-03-02T08:15:00Z", "runs": 2}
    assert document["busiest_hour"] == {"start": "2026-03-02T08:00:00Z", "runs": 4}
    assert document["longest_gap"] == {
        "start": "2026-03-02T07:40:00Z",
        "end": "2026-03-02T08:15:00Z",
        "seconds": 2100,
    }
    assert document["jobs"][0] == {
        "name": "export",
        "path": str(jobs),
        "kind": "scheduled",
        "runs": 8,
        "late": 0,
        "skips": 1,
        "missed": 1,
        "superseded": 0,
        "not_caught_up": 0,
        "epsilon": None,
        "note": None,
    }
    assert [
        (job["name"], job["runs"], job["late"], job["epsilon"], job["note"]) for job in document["jobs"][1:]
    ] == [
        ("billing", 1, 1, "PT30M", None),
        ("report", 1, 0, None, None),
        ("off", 0, 0, None, "disabled: Chronos does not run it"),
    ]


def test_json_timeline_is_an_events_list(jobs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(["simulate", str(jobs), *WINDOW, *DOWN, "--format", "json", "--timeline"], capsys)
    assert status == 0
    document = json.loads(out)
    assert document["runs"] == 10
    events = document["events"]
    assert len(events) == 11
    assert events[3] == {
        "time": "2026-03-02T08:00:00Z",
        "job": "export",
        "event": "skipped",
        "due": "2026-03-02T08:00:00Z",
        "at": None,
        "delay_seconds": None,
        "reason": "missed",
    }
    assert events[4] == {
        "time": "2026-03-02T08:15:00Z",
        "job": "billing",
        "event": "run",
        "due": "2026-03-02T08:00:00Z",  # 09:00 in Berlin: every time is UTC (issue 13 C18)
        "at": "2026-03-02T08:15:00Z",
        "delay_seconds": 900,
        "reason": None,
    }


def test_json_timeline_of_an_empty_window(jobs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    window = ["--from", "2026-03-02T07:00Z", "--until", "2026-03-02T07:00Z"]
    status, out, _ = _run(["simulate", str(jobs), *window, "--format", "json", "--timeline"], capsys)
    assert status == 0
    document = json.loads(out)
    assert (document["events"], document["longest_gap"], document["busiest_hour"]) == ([], None, None)


def test_csv_is_one_row_per_event(jobs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(["simulate", str(jobs), *WINDOW, *DOWN, "--format", "csv"], capsys)
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 11
    assert list(rows[0]) == ["time", "job", "event", "due", "at", "delay_seconds", "reason"]
    assert [(row["time"], row["job"], row["event"]) for row in rows[3:6]] == [
        ("2026-03-02T08:00:00Z", "export", "skipped"),
        ("2026-03-02T08:15:00Z", "billing", "run"),
        ("2026-03-02T08:15:00Z", "report", "run"),
    ]
    assert rows[3]["reason"] == "missed"
    assert (rows[3]["at"], rows[3]["delay_seconds"]) == ("", "")
    # billing is due at 09:00 in Berlin: every time of a row is UTC (issue 13 C18)
    assert (rows[4]["due"], rows[4]["at"], rows[4]["delay_seconds"]) == (
        "2026-03-02T08:00:00Z",
        "2026-03-02T08:15:00Z",
        "900",
    )


def test_a_fraction_of_a_second_late(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.json"
    path.write_text('{"name": "a", "schedule": "R/2026-03-02T07:00:00Z/PT1H"}', encoding="utf-8")
    down = ["--down", "2026-03-02T06:59:00Z/2026-03-02T07:00:00.25Z"]
    status, out, _ = _run(["simulate", str(path), *WINDOW, *down, "--format", "csv"], capsys)
    assert status == 0
    assert next(csv.DictReader(io.StringIO(out)))["delay_seconds"] == "0.25"
    _, out, _ = _run(["simulate", str(path), *WINDOW, *down, "--timeline"], capsys)
    assert out.splitlines()[0] == "2026-03-02T07:00:00.250000Z  a  ran 0.25 s late (due 2026-03-02T07:00:00Z)"


def test_a_down_interval_can_end_with_a_duration(jobs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, with_end, _ = _run(["simulate", str(jobs), *WINDOW, *DOWN, "--format", "json"], capsys)
    _, with_length, _ = _run(
        ["simulate", str(jobs), *WINDOW, "--down", "2026-03-02T07:50Z/PT25M", "--format", "json"], capsys
    )
    assert json.loads(with_length) == json.loads(with_end)


def test_down_is_repeatable(jobs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # also down 09:10-09:25: export's 09:20 is missed too
    more = ["--down", "2026-03-02T09:10Z/PT15M"]
    status, out, _ = _run(["simulate", str(jobs), *WINDOW, *DOWN, *more, "--format", "json"], capsys)
    assert status == 0
    document = json.loads(out)
    assert (document["runs"], document["skips"], len(document["outages"])) == (9, 2, 2)


@pytest.mark.parametrize(
    ("options", "runs", "skips"),
    [
        # Chronos 3: no window, export's 08:00 runs at 08:15 with billing
        (["--policy", "chronos3"], 11, 0),
        # no window under chronos2's rules: the same
        (["--epsilon", "none"], 11, 0),
        # catch-up none: export's 08:00 and billing's 08:00Z are not caught up; report waits
        (["--policy", "none"], 8, 2),
        (["--policy", "latest", "--epsilon", "PT30M"], 11, 0),
    ],
)
def test_policies(
    jobs: Path, capsys: pytest.CaptureFixture[str], options: list[str], runs: int, skips: int
) -> None:
    status, out, _ = _run(["simulate", str(jobs), *WINDOW, *DOWN, *options, "--format", "json"], capsys)
    assert status == 0
    document = json.loads(out)
    assert (document["runs"], document["skips"]) == (runs, skips)


def test_a_file_with_errors_refuses_the_run(jobs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = jobs.parent / "bad.json"
    bad.write_text(BAD, encoding="utf-8")
    status, out, err = _run(["simulate", str(jobs.parent), *WINDOW], capsys)
    assert (status, out) == (1, "")
    assert err.splitlines() == [
        "isorepeat: error: 1 file with errors; nothing simulated (--skip-invalid simulates the other files)",
        f"{bad}:2:14: IR102 error: the job name 'my job' has ' ': "
        "Chronos accepts letters, digits, _, . and - only",
        "    hint: write e.g. my-job",
        f"{bad}:3:24: IR100 error: Chronos rejects the schedule: month 13 is out of range 1-12",
    ]
    status, out, err = _run(["simulate", str(jobs.parent), *WINDOW, "--format", "json"], capsys)
    assert status == 1
    document = json.loads(out)
    assert document["refused"] is True
    assert [(error["code"], error["line"], error["col"]) for error in document["errors"]] == [
        ("IR102", 2, 14),
        ("IR100", 3, 24),
    ]
    assert "Traceback" not in err


def test_skip_invalid_simulates_the_others_and_exits_1(
    jobs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = jobs.parent / "bad.json"
    bad.write_text(BAD, encoding="utf-8")
    status, out, err = _run(
        ["simulate", str(jobs.parent), *WINDOW, *DOWN, "--skip-invalid", "--format", "json"], capsys
    )
    assert status == 1
    assert err == f"isorepeat: error: left out 1 file with errors: {bad}\n"
    document = json.loads(out)
    assert (document["refused"], document["runs"]) == (False, 10)
    assert {error["path"] for error in document["errors"]} == {str(bad)}
    status, out, err = _run(["simulate", str(jobs.parent), *WINDOW, *DOWN, "--skip-invalid"], capsys)
    assert status == 1
    assert out.splitlines()[-4] == "runs: 10 (1 late); skipped: 1 (1 missed)"
    assert f"{bad}:3:24: IR100 error" in err


# -- for planners (issue 13 C18) ---------------------------------------------------------------

# Jobs named with numbers, each 20 minutes after the hour plus its number of minutes (runs: 3),
# except job-2 every 10 minutes (18 runs) and job-101 every 20 (9 runs), and job-1000 daily (1).
RANKED = [
    {"name": "job-1000", "schedule": "R/2026-03-02T07:05:00Z/P1D"},
    {"name": "job-101", "schedule": "R/2026-03-02T07:00:00Z/PT20M"},
    {"name": "job-2", "schedule": "R/2026-03-02T07:00:00Z/PT10M"},
    {"name": "Job-30", "schedule": "R/2026-03-02T07:00:00Z/PT1H"},
]


@pytest.fixture
def ranked(tmp_path: Path) -> Path:
    path = tmp_path / "ranked.json"
    path.write_text(json.dumps(RANKED), encoding="utf-8")
    return path


def _table(out: str) -> list[str]:
    lines = out.splitlines()
    start = next(index for index, line in enumerate(lines) if line.startswith("job "))
    end = next(index for index, line in enumerate(lines) if line.startswith("runs: "))
    return lines[start + 1 : end]


@pytest.mark.parametrize(
    ("options", "names"),
    [
        ([], ["job-1000", "job-101", "job-2", "Job-30"]),  # the files' order
        (["--sort", "runs"], ["job-2", "job-101", "Job-30", "job-1000"]),
        (["--sort", "name"], ["job-2", "Job-30", "job-101", "job-1000"]),  # numbers as numbers
        # all skip nothing: equals in name order
        (["--sort", "skips"], ["job-2", "Job-30", "job-101", "job-1000"]),
        (["--top", "2"], ["job-2", "job-101"]),  # by runs
        (["--top", "2", "--sort", "name"], ["job-2", "Job-30"]),
        (["--top", "9"], ["job-2", "job-101", "Job-30", "job-1000"]),
    ],
)
def test_sort_and_top_rank_the_table(
    ranked: Path, capsys: pytest.CaptureFixture[str], options: list[str], names: list[str]
) -> None:
    status, out, _ = _run(["simulate", str(ranked), *WINDOW, *options], capsys)
    assert status == 0
    assert [line.split()[0] for line in _table(out) if not line.startswith("(")] == names
    # the totals stay the whole fleet's
    assert "runs: 31; skipped: 0" in out.splitlines()
    _, out, _ = _run(["simulate", str(ranked), *WINDOW, *options, "--format", "json"], capsys)
    document = json.loads(out)
    assert [job["name"] for job in document["jobs"]] == names
    assert (document["jobs_total"], document["runs"]) == (4, 31)


def test_top_says_how_many_jobs_it_shows(ranked: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(["simulate", str(ranked), *WINDOW, "--top", "2"], capsys)
    assert _table(out) == [
        "job-2    scheduled           18          0",
        "job-101  scheduled            9          0",
        "(2 of 4 jobs shown: --top 2)",
    ]


def test_only_affected_keeps_skips_late_runs_and_dependents_that_did_not_run(
    jobs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # export skipped 08:00, billing ran late; report ran, off is disabled (no outage's doing)
    status, out, _ = _run(["simulate", str(jobs), *WINDOW, *DOWN, "--only-affected"], capsys)
    assert status == 0
    assert _table(out) == [
        "export   scheduled            8          1  1 missed",
        "billing  scheduled            1          0  1 ran late",
        "(2 of 4 jobs shown: --only-affected)",
    ]
    _, out, _ = _run(["simulate", str(jobs), *WINDOW, *DOWN, "--only-affected", "--top", "1"], capsys)
    assert _table(out) == [  # the columns as wide as the names shown
        "export  scheduled            8          1  1 missed",
        "(1 of 4 jobs shown: --only-affected, --top 1)",
    ]
    _, out, _ = _run(
        ["simulate", str(jobs), *WINDOW, *DOWN, "--only-affected", "--sort", "name", "--format", "json"],
        capsys,
    )
    assert [job["name"] for job in json.loads(out)["jobs"]] == ["billing", "export"]
    # without the outage nothing is affected
    _, out, _ = _run(["simulate", str(jobs), *WINDOW, "--only-affected"], capsys)
    assert _table(out) == ["(0 of 4 jobs shown: --only-affected)"]


def test_a_dependent_that_did_not_run_says_why(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "jobs.json"
    path.write_text(
        json.dumps(
            [
                *JOBS,
                {"name": "after-off", "parents": ["off"]},
                {"name": "tomorrow", "schedule": "R/2026-03-03T00:00:00Z/P1D"},
                {"name": "waits", "parents": ["export", "tomorrow"]},
            ]
        ),
        encoding="utf-8",
    )
    status, out, _ = _run(["simulate", str(path), *WINDOW, "--only-affected"], capsys)
    assert status == 0
    assert _table(out) == [
        "after-off  dependent            0          0  (its parent 'off' is disabled: it never runs)",
        "waits      dependent            0          0  "
        "(no round of its parents completed in the window: 'tomorrow' did not run)",
        "(2 of 7 jobs shown: --only-affected)",
    ]
    _, out, _ = _run(["simulate", str(path), *WINDOW, "--format", "json"], capsys)
    notes = {job["name"]: job["note"] for job in json.loads(out)["jobs"]}
    assert notes["after-off"] == "its parent 'off' is disabled: it never runs"
    assert notes["waits"] == "no round of its parents completed in the window: 'tomorrow' did not run"


def test_own_epsilons_are_counted_and_named_with_verbose(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "jobs.json"
    more = {"name": "sync", "schedule": "R/2026-03-01T00:00:00Z/PT1H", "epsilon": "PT5M"}
    path.write_text(json.dumps([*JOBS, more]), encoding="utf-8")
    _, out, _ = _run(["simulate", str(path), *WINDOW], capsys)
    assert out.splitlines()[2] == "own epsilons: 2 jobs replace the policy's PT60S (--verbose names them)"
    _, out, _ = _run(["simulate", str(path), *WINDOW, "--verbose", "--epsilon", "PT2M"], capsys)
    assert out.splitlines()[2:5] == [
        "own epsilons: 2 jobs replace the policy's PT2M:",
        "  billing  PT30M",
        "  sync     PT5M",
    ]
    _, out, _ = _run(["simulate", str(path), *WINDOW, "--format", "json"], capsys)
    assert json.loads(out)["own_epsilons"] == {"billing": "PT30M", "sync": "PT5M"}
    # Chronos 3 has no window for them to replace: no line
    _, out, _ = _run(["simulate", str(path), *WINDOW, "--policy", "chronos3", "-v"], capsys)
    assert out.splitlines()[2].startswith("job ")


@pytest.mark.parametrize(
    ("down", "where"),
    [
        ("2026-03-01T00:00Z/PT1H", "outside the window, 2026-03-02T07:00:00Z until 2026-03-02T10:00:00Z"),
        ("2026-03-02T10:00Z/PT1H", "outside the window, 2026-03-02T07:00:00Z until 2026-03-02T10:00:00Z"),
        (
            "2026-03-02T06:00Z/2026-03-02T07:00Z",
            "outside the window, 2026-03-02T07:00:00Z until 2026-03-02T10:00:00Z",
        ),
        ("2026-03-02T08:00Z/PT0S", "empty"),
    ],
)
def test_an_outage_that_changes_nothing_is_a_warning(
    jobs: Path, capsys: pytest.CaptureFixture[str], down: str, where: str
) -> None:
    _, alone, _ = _run(["simulate", str(jobs), *WINDOW, *DOWN, "--format", "json"], capsys)
    for output in ("text", "json", "csv"):
        status, out, err = _run(
            ["simulate", str(jobs), *WINDOW, *DOWN, "--down", down, "--format", output], capsys
        )
        assert status == 0  # a warning: the exit status is unchanged
        assert err == f"isorepeat: warning: --down {down!r} is {where}: it changes nothing\n"
    document = json.loads(
        _run(["simulate", str(jobs), *WINDOW, *DOWN, "--down", down, "--format", "json"], capsys)[1]
    )
    assert [outage["overlaps_window"] for outage in document["outages"]] == [True, False]
    assert document["jobs"] == json.loads(alone)["jobs"]
    _, out, _ = _run(["simulate", str(jobs), *WINDOW, *DOWN, "--down", down], capsys)
    assert out.splitlines()[0].endswith(", 2 outages (1 changing nothing)")


def test_an_outage_partly_in_the_window_is_no_warning(jobs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = _run(["simulate", str(jobs), *WINDOW, "--down", "2026-03-02T06:00Z/PT1H1S"], capsys)
    assert (status, err) == (0, "")


# Lengths typed another way: the error says what to write.
WRITE = [
    # (option, value, message after the option)
    ("--down", "2026-03-02T07:00Z/3h", "'3h' is neither a date-time nor a duration: write PT3H"),
    ("--down", "2026-03-02T07:00Z/3H", "'3H' is neither a date-time nor a duration: write PT3H"),
    ("--down", "2026-03-02T07:00Z/T3H", "'T3H' is neither a date-time nor a duration: write PT3H"),
    ("--down", "2026-03-02T07:00Z/45 min", "'45 min' is neither a date-time nor a duration: write PT45M"),
    ("--down", "2026-03-02T07:00Z/1h30m", "'1h30m' is neither a date-time nor a duration: write PT1H30M"),
    ("--down", "2026-03-02T07:00Z/1d", "'1d' is neither a date-time nor a duration: write PT24H"),
    ("--down", "2026-03-02T07:00Z/P3H", "hours must come after a 'T' in a duration: write PT3H"),
    ("--down", "2026-03-02T07:00Z/pt3h", "the duration designator must be an upper-case 'P': write PT3H"),
    ("--epsilon", "10m", "expected 'P' to start the duration, found '1': write PT10M"),
    ("--epsilon", "1 minute", "expected 'P' to start the duration, found '1': write PT1M"),
    ("--epsilon", "2 days", "expected 'P' to start the duration, found '2': write P2D"),
    ("--epsilon", "PT1D", "days must come before the 'T' in a duration: write P1D"),
    # no guess (an M after P is months): the library's hint where it has one
    (
        "--epsilon",
        "P1.5M",
        "a fractional month has no fixed length; use days "
        "(write whole months, or days (a month is not 30 days))",
    ),
    ("--epsilon", "PT1H1H", "hours (H) appear twice in the duration"),
]


@pytest.mark.parametrize(("option", "value", "message"), WRITE)
def test_a_length_typed_another_way_says_what_to_write(
    jobs: Path, capsys: pytest.CaptureFixture[str], option: str, value: str, message: str
) -> None:
    status, out, err = _run(["simulate", str(jobs), *WINDOW, option, value], capsys)
    assert (status, out) == (2, "")
    assert err == f"isorepeat: error: {option} {value!r}: {message}\n"


def test_the_cli_offers_every_sort_key() -> None:
    from isorepeat.chronos.fleet import SortKey
    from isorepeat.cli.simulate import SORT_KEYS

    assert get_args(SortKey) == SORT_KEYS


# Daily at 02:30 in Berlin; on 2026-10-25 02:30 happens twice (CEST, then CET). Due at the first
# (00:30Z), down 00:20Z-01:30Z, up at the second: an hour late, though both read 02:30 there.
FALL_BACK = {"name": "night", "schedule": "R/2026-10-20T02:30:00/P1D", "scheduleTimeZone": "Europe/Berlin"}
FALL_BACK_ARGS = [
    "--from", "2026-10-25T00:00Z", "--until", "2026-10-25T06:00Z",
    "--down", "2026-10-25T00:20Z/2026-10-25T01:30Z", "--epsilon", "PT2H",
]  # fmt: skip


def test_every_time_is_utc_and_a_delay_is_counted_in_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "night.json"
    path.write_text(json.dumps(FALL_BACK), encoding="utf-8")
    _, out, _ = _run(["simulate", str(path), *FALL_BACK_ARGS, "--format", "csv"], capsys)
    [row] = csv.DictReader(io.StringIO(out))
    assert row == {
        "time": "2026-10-25T01:30:00Z",
        "job": "night",
        "event": "run",
        "due": "2026-10-25T00:30:00Z",
        "at": "2026-10-25T01:30:00Z",
        "delay_seconds": "3600",
        "reason": "",
    }
    _, out, _ = _run(["simulate", str(path), *FALL_BACK_ARGS, "--format", "json", "--timeline"], capsys)
    document = json.loads(out)
    assert document["events"] == [{**row, "delay_seconds": 3600, "reason": None}]
    assert (document["late"], document["jobs"][0]["late"]) == (1, 1)
    _, out, _ = _run(["simulate", str(path), *FALL_BACK_ARGS, "--timeline"], capsys)
    assert out.splitlines()[0] == "2026-10-25T01:30:00Z  night  ran 1 h late (due 2026-10-25T00:30:00Z)"
    assert "night  scheduled            1          0  1 ran late" in out.splitlines()


def test_the_help_says_every_time_is_utc(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(["simulate", "--help"], capsys)
    assert status == 0
    assert "Every time printed is UTC, written with Z (csv and json\ntoo)" in out


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--down", "2026-03-02T07:00Z"], "--down '2026-03-02T07:00Z' is not START/END, e.g. "),
        (["--down", "2026-03-02T07:00Z/"], "--down '2026-03-02T07:00Z/' is not START/END"),
        (["--down", "a/b/c"], "--down 'a/b/c' is not START/END"),
        (
            ["--down", "2026-03-02T07:00Z/soon"],
            "--down '2026-03-02T07:00Z/soon': 'soon' is not an ISO 8601 date-time",
        ),
        (
            ["--down", "2026-03-02T07:00/PT1H"],
            "--down '2026-03-02T07:00/PT1H': '2026-03-02T07:00' needs an offset",
        ),
        (
            ["--down", "2026-03-02T08:00Z/2026-03-02T07:00Z"],
            "--down '2026-03-02T08:00Z/2026-03-02T07:00Z' ends before it starts",
        ),
        (
            ["--down", "2026-03-02T07:00Z/P1D"],
            "--down '2026-03-02T07:00Z/P1D': give the length in hours, minutes and seconds",
        ),
        (["--down", "2026-03-02T07:00Z/PT1X"], "--down '2026-03-02T07:00Z/PT1X': 'X' is not a duration unit"),
        (["--top", "0"], "--top must be 1 or more, not 0"),
        (
            ["--format", "csv", "--top", "3"],
            "--sort, --top and --only-affected choose the summary's jobs: --format csv has none",
        ),
        (["--format", "csv", "--only-affected"], "--sort, --top and --only-affected choose"),
        (["--format", "csv", "--sort", "name"], "--sort, --top and --only-affected choose"),
        (["--epsilon", "PT0S"], "--epsilon 'PT0S': give a positive duration, or none for no limit"),
        (["--epsilon", "1 minute"], "--epsilon '1 minute': "),
        (["--policy", "chronos3", "--epsilon", "PT5M"], "--epsilon: Chronos 3 has no epsilon window"),
        (["--workers", "0"], "--workers must be 1 or more, not 0"),
        (
            ["--until", "2026-03-02T06:00Z"],
            "--until '2026-03-02T06:00Z' is before --from '2026-03-02T07:00Z'",
        ),
        (["--from", "2026-03-02T07:00"], "--from '2026-03-02T07:00' needs an offset, e.g. Z"),
    ],
)
def test_usage_errors_exit_2(
    jobs: Path, capsys: pytest.CaptureFixture[str], options: list[str], message: str
) -> None:
    status, out, err = _run(["simulate", str(jobs), *WINDOW, *options], capsys)
    assert (status, out) == (2, "")
    assert err.startswith(f"isorepeat: error: {message}")
    assert len(err.splitlines()) == 1  # one line, no traceback


@pytest.mark.parametrize(
    "argv",
    [
        ["simulate", "--from", "2026-03-02T07:00Z", "--until", "2026-03-02T10:00Z"],  # no path
        ["simulate", "jobs.json", "--until", "2026-03-02T10:00Z"],  # no --from
        ["simulate", "jobs.json", *WINDOW, "--policy", "chronos4"],
        ["simulate", "jobs.json", *WINDOW, "--format", "xml"],
    ],
)
def test_argparse_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = _run(argv, capsys)
    assert (status, out) == (2, "")
    assert "Traceback" not in err


def test_a_missing_path_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = _run(["simulate", str(tmp_path / "nope.json"), *WINDOW], capsys)
    assert status == 2
    assert err == f"isorepeat: error: {tmp_path / 'nope.json'}: no such file or directory\n"


def test_workers_print_the_same(
    jobs: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("isorepeat.chronos._fleet_summary._MIN_JOBS_PER_WORKER", 1)
    one = _run(["simulate", str(jobs), *WINDOW, *DOWN, "--workers", "1"], capsys)
    two = _run(["simulate", str(jobs), *WINDOW, *DOWN, "--workers", "2"], capsys)
    assert two == one


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_only_on_a_terminal(
    jobs: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # not a terminal (capsys): nothing on stderr
    assert _run(["simulate", str(jobs), *WINDOW], capsys)[2] == ""
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setattr("isorepeat.cli.simulate._PROGRESS_INTERVAL", 0.0)
    status, out, _ = _run(["simulate", str(jobs), *WINDOW], capsys)
    assert status == 0
    shown = terminal.getvalue()
    assert "\rsimulating: 4/4 jobs\033[K" in shown
    assert shown.endswith("\r\033[K")  # the line is cleared when done
    assert "simulating" not in out


DOCS_PAGE = DOCS / "simulate.rst"


def test_the_docs_page_examples_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    page = DOCS_PAGE.read_text(encoding="utf-8")
    block = re.compile(r"^\.\. code-block:: (\w+)\n(?:   :.*\n)*\n((?:   .*\n|\n)+)", re.MULTILINE)
    blocks = [(match.group(1), textwrap.dedent(match.group(2)).strip("\n")) for match in block.finditer(page)]
    [json_block] = [text for language, text in blocks if language == "json"]
    (tmp_path / "jobs.json").write_text(json_block, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    consoles = [text for language, text in blocks if language == "console"]
    assert len(consoles) == 2
    for console in consoles:
        command, _, expected = console.replace("\\\n", "").partition("\n")
        argv = shlex.split(command.removeprefix("$ "))
        assert argv[:2] == ["isorepeat", "simulate"]
        status, out, err = _run(argv[1:], capsys)
        assert (status, err) == (0, "")
        assert out.rstrip("\n") == expected
