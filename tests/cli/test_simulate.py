"""``isorepeat simulate``: formats parsed back, exit statuses, options (the work is simulate_fleet's).

The fleet of most tests, over 2026-03-02 07:00Z-10:00Z with the scheduler down 07:50Z-08:15Z:

* export, every 20 minutes: 07:00, 07:20, 07:40 run; 08:00 is missed (its 60 s window closes
  at 08:01, in the outage); 08:20 ... 09:40 run: 8 runs, 1 missed;
* billing, daily at 09:00 in Berlin (08:00Z), its own epsilon PT30M: due in the outage, still
  inside its window at 08:15, so it runs 15 minutes late;
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
        "job      kind              runs    skipped",
        "export   scheduled            8          1  1 missed",
        "billing  scheduled            1          0",
        "report   dependent            1          0",
        "off      scheduled            0          0  (disabled: Chronos does not run it)",
        "runs: 10; skipped: 1 (1 missed)",
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
    assert len(out.splitlines()) == 11 + 11


def test_json_is_one_object(jobs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(["simulate", str(jobs), *WINDOW, *DOWN, "--format", "json"], capsys)
    assert status == 0
    document = json.loads(out)
    assert "events" not in document
    assert {key: document[key] for key in ("refused", "from", "until", "runs", "skips", "errors")} == {
        "refused": False,
        "from": "2026-03-02T07:00:00Z",
        "until": "2026-03-02T10:00:00Z",
        "runs": 10,
        "skips": 1,
        "errors": [],
    }
    assert document["policy"] == {
        "name": "chronos2",
        "epsilon": "PT60S",
        "catchup": "each",
        "count": "occurrences",
        "mode": "chained",
    }
    assert document["outages"] == [{"down": "2026-03-02T07:50:00Z", "up": "2026-03-02T08:15:00Z"}]
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
        "skips": 1,
        "missed": 1,
        "superseded": 0,
        "not_caught_up": 0,
        "note": None,
    }
    assert [(job["name"], job["runs"], job["note"]) for job in document["jobs"][1:]] == [
        ("billing", 1, None),
        ("report", 1, None),
        ("off", 0, "disabled: Chronos does not run it"),
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
        "due": "2026-03-02T08:00:00+00:00",
        "at": None,
        "delay_seconds": None,
        "reason": "missed",
    }
    assert events[4] == {
        "time": "2026-03-02T08:15:00Z",
        "job": "billing",
        "event": "run",
        "due": "2026-03-02T09:00:00+01:00",
        "at": "2026-03-02T09:15:00+01:00",
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
    assert (rows[4]["due"], rows[4]["at"], rows[4]["delay_seconds"]) == (
        "2026-03-02T09:00:00+01:00",
        "2026-03-02T09:15:00+01:00",
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
    assert out.splitlines()[-4] == "runs: 10; skipped: 1 (1 missed)"
    assert f"{bad}:3:24: IR100 error" in err


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


def test_the_docs_page_example_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    page = DOCS_PAGE.read_text(encoding="utf-8")
    block = re.compile(r"^\.\. code-block:: (\w+)\n(?:   :.*\n)*\n((?:   .*\n|\n)+)", re.MULTILINE)
    blocks = {match.group(1): textwrap.dedent(match.group(2)).strip("\n") for match in block.finditer(page)}
    (tmp_path / "jobs.json").write_text(blocks["json"], encoding="utf-8")
    command, _, expected = blocks["console"].replace("\\\n", "").partition("\n")
    argv = shlex.split(command.removeprefix("$ "))
    assert argv[:2] == ["isorepeat", "simulate"]
    monkeypatch.chdir(tmp_path)
    status, out, _ = _run(argv[1:], capsys)
    assert status == 0
    assert out.rstrip("\n") == expected
