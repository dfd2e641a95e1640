"""The command line as a whole: exit statuses and usage errors of every command, bad schedules,
no traceback whatever the arguments, ``python -m isorepeat``, the wording of distances, and the
CLI docs page against ``--help`` and its console examples.

(Each command has its own module: tests/cli/test_next.py, test_explain.py, test_check.py,
test_simulate.py.)
"""

from __future__ import annotations

import argparse
import re
import shlex
import subprocess
import sys
import textwrap
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from isorepeat.cli.app import build_parser
from isorepeat.cli.preview import distance
from tests.cli.helpers import NOW, console_examples, run_cli
from tests.paths import DOCS

DOCS_CLI = DOCS / "cli.rst"


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


_JVM_ZONE_TAKERS = "--jvm-zone applies to --dialect chronos, zeebe, camunda7, flowable or activiti only"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["next", "R//PT10M", "--now", "yesterday"], "--now 'yesterday' is not an ISO 8601 date-time"),
        (
            ["next", "R//PT10M", "--now", "2026-11-23T12:00:00"],
            "--now '2026-11-23T12:00:00' needs an offset, e.g. Z (or a --tz to read it in: the "
            "schedule has no zone of its own)",
        ),
        (["next", "R//PT10M", "--after", "soon"], "--after 'soon' is not an ISO 8601 date-time"),
        (["next", "R//PT10M", "-n", "-1"], "-n must be a whole number from 0 to 100,000, not '-1'"),
        (["next", "R//PT10M", "-n", "x"], "-n must be a whole number from 0 to 100,000, not 'x'"),
        (["next", "R//PT10M", "-n", "1.5"], "-n must be a whole number from 0 to 100,000, not '1.5'"),
        (["next", "R//PT10M", "-n", "\uff11"], "-n must be a whole number from 0 to 100,000, not '\uff11'"),
        (["next", "R//PT10M", "-n", "100001"], "-n must be a whole number from 0 to 100,000, not '100001'"),
        (["next", "R//PT10M", "--jvm-zone", "UTC"], _JVM_ZONE_TAKERS),
        (["explain", "R//PT10M", "--jvm-zone", "UTC"], _JVM_ZONE_TAKERS),
        (
            ["explain", "R//PT10M", "--now", "2026-11-23"],
            "--now '2026-11-23' needs an offset, e.g. Z (or a --tz to read it in: the schedule has "
            "no zone of its own)",
        ),
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


# -- distances -------------------------------------------------------------------------------

_NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    ("delta", "text"),
    [
        (timedelta(0), "now"),
        (timedelta(microseconds=1), "in 1 µs"),
        (timedelta(microseconds=499), "in 499 µs"),
        (timedelta(microseconds=500), "in 1 ms"),
        (timedelta(microseconds=12_400), "in 12 ms"),
        (timedelta(microseconds=250_000), "in 0.3 s"),
        (timedelta(microseconds=985_158), "in 1 s"),  # the example: not "in 0.985158 s"
        (timedelta(seconds=1, microseconds=500_000), "in 1.5 s"),
        (timedelta(seconds=59), "in 59 s"),
        (timedelta(seconds=59, microseconds=970_000), "in 1 min"),
        (timedelta(seconds=60), "in 1 min"),
        (timedelta(seconds=61, microseconds=5), "in 1 min 1 s"),
        (timedelta(hours=3, minutes=12, seconds=29), "in 3 h 12 min"),
        (timedelta(hours=3, minutes=12, seconds=30), "in 3 h 13 min"),
        (timedelta(hours=3, seconds=30), "in 3 h 1 min"),
        (timedelta(days=1), "in 1 day"),
        (timedelta(hours=23, minutes=59, seconds=40), "in 1 day"),  # the carry moves it up a unit
        (timedelta(days=1, hours=23, minutes=29), "in 1 day 23 h"),
        (timedelta(days=1, hours=23, minutes=59), "in 2 days"),
        (timedelta(days=2, minutes=5), "in 2 days"),
        (timedelta(days=12_345, hours=1), "in 12,345 days 1 h"),
        (-timedelta(days=2), "2 days ago"),
        (-timedelta(hours=1, minutes=1), "1 h 1 min ago"),
        (-timedelta(microseconds=250_000), "0.3 s ago"),
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


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
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
    return console_examples(DOCS_CLI)


def test_docs_cli_page_has_console_examples() -> None:
    assert len(_console_examples()) >= 4


@pytest.mark.parametrize(("command", "output"), _console_examples())
def test_docs_cli_console_examples_run(command: str, output: str, capsys: pytest.CaptureFixture[str]) -> None:
    argv = shlex.split(command.removeprefix("$ "))
    assert argv[0] == "isorepeat"
    if argv[1] == "check":
        pytest.skip("check examples read job files")  # tests/cli/test_check.py runs those
    status, out, _ = run_cli(capsys, *argv[1:])
    assert status == 0
    assert "\n".join(out) == output


# -- the top level: version, bare command, mistyped commands, help ------------------------------


def test_version_is_the_installed_distributions(capsys: pytest.CaptureFixture[str]) -> None:
    from importlib.metadata import version

    status, out, err = run_cli(capsys, "--version")
    assert (status, out, err) == (0, [f"isorepeat {version('isorepeat')}"], "")


def test_bare_isorepeat_prints_the_help_with_a_usage_status(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run_cli(capsys)
    assert (status, err) == (2, "")
    assert out[0].startswith("usage: isorepeat")
    assert "exit status:" in out


@pytest.mark.parametrize(
    ("typed", "suggestion"),
    [
        ("nxt", "did you mean 'next'?"),
        ("simulat", "did you mean 'simulate'?"),
        ("chek", "did you mean 'check'?"),
    ],
)
def test_mistyped_command_suggests_the_nearest(
    typed: str, suggestion: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run_cli(capsys, typed, "R/2026-01-31T09:00:00Z/P1M")
    assert (status, out) == (2, [])
    assert err.splitlines()[-1] == f"isorepeat: error: unknown command {typed!r}; {suggestion}"


def test_unknown_command_far_from_any_lists_them(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run_cli(capsys, "frobnicate")
    assert status == 2
    assert err.splitlines()[-1] == (
        "isorepeat: error: unknown command 'frobnicate'; the commands are next, explain, check, simulate"
    )


def _top_level_examples(help_lines: list[str]) -> list[list[str]]:
    """The example command lines of ``isorepeat --help`` (a trailing backslash continues one)."""
    block = help_lines[help_lines.index("examples:") + 1 : help_lines.index("exit status:")]
    text = "\n".join(line.strip() for line in block if line.strip()).replace("\\\n", " ")
    return [shlex.split(line) for line in text.splitlines()]


def test_top_level_help_names_every_command_and_its_examples_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run_cli(capsys, "--help")
    examples = _top_level_examples(out)
    assert sorted({argv[1] for argv in examples}) == sorted(_commands())
    jobs = tmp_path / "jobs"
    jobs.mkdir()
    (jobs / "daily.json").write_text(
        '{"name": "daily", "schedule": "R/2026-01-01T03:00:00Z/P1D", "command": "x"}'
    )
    monkeypatch.chdir(tmp_path)
    for argv in examples:
        assert argv[0] == "isorepeat"
        status, _, err = run_cli(capsys, *argv[1:])
        assert (status, err) == (0, ""), argv


def test_top_level_help_states_the_exit_statuses(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run_cli(capsys, "--help")
    statuses = out[out.index("exit status:") + 1 : out.index("exit status:") + 4]
    assert [line.split()[0] for line in statuses] == ["0", "1", "2"]


def test_docs_cli_page_shows_the_top_level_help(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    _, out, _ = run_cli(capsys, "--help")
    page = DOCS_CLI.read_text(encoding="utf-8")
    before_commands = page[: page.index("``isorepeat next``\n---")]
    block = re.search(r"^\.\. code-block:: text\n\n((?:   .*\n|\n)+)", before_commands, re.MULTILINE)
    assert block is not None, "docs/cli.rst shows no `isorepeat --help` before the commands"
    assert textwrap.dedent(block.group(1)).strip() == "\n".join(out).strip()


def test_a_closed_pipe_ends_the_command_quietly() -> None:
    # ``isorepeat next ... | head -1``: the reader leaves after one line; exit 0, nothing on stderr.
    argv = [
        sys.executable,
        "-m",
        "isorepeat",
        "next",
        "R/2026-01-31T09:00:00Z/PT1S",
        "-n",
        "100000",
        "--now",
        NOW,
    ]
    with subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        assert process.stdout.readline().startswith(b"2026-01-31T09:00:00+00:00")
        process.stdout.close()
        stderr = process.stderr.read()
    assert (process.returncode, stderr) == (0, b"")
