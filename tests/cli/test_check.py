"""``isorepeat check``: rendering, exit statuses, stdin, colour (the work is check_jobs')."""

from __future__ import annotations

import io
import json
import re
import sys
import textwrap
from pathlib import Path

import pytest

from isorepeat.cli.app import main
from tests.cli.helpers import run_cli
from tests.paths import DOCS

GOOD = '{\n  "name": "docker",\n  "schedule": "R\\/2014-09-25T17:22:00Z\\/PT2M"\n}\n'
WARNS = '{\n  "name": "billing",\n  "schedule": "R/2024-01-31T02:00:00Z/P1M"\n}\n'
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
    for name, text in (("good.json", GOOD), ("warns.json", WARNS), ("bad.json", BAD)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_clean_file_exits_0(jobs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(["check", str(jobs / "good.json")], capsys) == (0, "checked 1 file: no findings\n", "")


def test_warnings_exit_0_unless_strict(jobs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(jobs / "warns.json")
    status, out, _ = _run(["check", path], capsys)
    assert status == 0
    lines = out.splitlines()
    # "schedule" value on line 3: the quote at column 15, the day 31 is schedule index 10.
    assert lines[0].startswith(f"{path}:3:26: IR205 warning: start on day 31 with a period of P1M")
    assert lines[1].startswith("    hint: start on day 28 or earlier")
    assert lines[2] == "0 errors and 1 warning in 1 file"
    assert _run(["check", "--strict", path], capsys)[0] == 1


def test_errors_exit_1_with_ruff_style_lines(jobs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(jobs / "bad.json")
    status, out, err = _run(["check", path], capsys)
    assert status == 1
    assert err == ""
    firsts = [line for line in out.splitlines() if not line.startswith("    ")]
    assert firsts == [
        f"{path}:2:14: IR102 error: the job name 'my job' has ' ': "
        "Chronos accepts letters, digits, _, . and - only",
        f"{path}:3:24: IR100 error: Chronos rejects the schedule: month 13 is out of range 1-12",
        "2 errors and 0 warnings in 1 file",
    ]


def test_ir218_a_year_chronos_accepts_is_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "typo.json"
    path.write_text('{\n  "name": "typo",\n  "schedule": "R/20261-06-01T09:00:00Z/P1D"\n}\n')
    status, out, err = _run(["check", str(path)], capsys)
    assert (status, err) == (0, "")
    assert out.splitlines() == [
        f"{path}:3:18: IR218 warning: the start is in the year 20261: Chronos accepts it and does "
        "not run the job before then",
        "    hint: check the year: Chronos stores the start as written and waits for it",
        "0 errors and 1 warning in 1 file",
    ]


def test_ir219_in_a_job_with_a_schedule_time_zone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "nightly.json"
    path.write_text(
        '{\n  "name": "nightly",\n  "schedule": "R/2026-03-07T02:30:00/P1D",\n'
        '  "scheduleTimeZone": "America/New_York"\n}\n'
    )
    status, out, _ = _run(["check", str(path)], capsys)
    assert status == 0
    assert out.splitlines()[0] == (
        f"{path}:3:29: IR219 warning: 02:30 does not exist in America/New_York on 2026-03-08, when "
        "the clocks skip from 02:00 to 03:00: Chronos moves that run to 03:30 and, because it adds the "
        "period to the run before, keeps 03:30 for ever after"
    )


def test_a_directory_is_one_set(jobs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (jobs / "child.json").write_text('{"name": "child", "parents": ["missing"]}')
    status, out, _ = _run(["check", str(jobs)], capsys)
    assert status == 1
    assert "IR104 error: the parent 'missing'" in out
    assert out.splitlines()[-1] == "3 errors and 1 warning in 4 files"  # every file checked (C14)
    # the same file alone: the parent may live elsewhere, unless --complete
    assert _run(["check", str(jobs / "child.json")], capsys)[0] == 0
    assert _run(["check", "--complete", str(jobs / "child.json")], capsys)[0] == 1


def test_json_format_is_a_list_of_diagnostics(jobs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(["check", "--format", "json", str(jobs / "warns.json")], capsys)
    assert status == 0
    [entry] = json.loads(out)
    assert list(entry) == ["code", "severity", "message", "path", "line", "col", "hint", "schedule_column"]
    assert (entry["code"], entry["line"], entry["col"], entry["schedule_column"]) == ("IR205", 3, 26, 10)


def test_github_format_is_workflow_annotations(jobs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = jobs / "a,b:c.json"
    path.write_text(WARNS)
    status, out, _ = _run(["check", "--format", "github", str(path)], capsys)
    assert status == 0
    escaped = str(path).replace(":", "%3A").replace(",", "%2C")
    assert out.startswith(f"::warning file={escaped},line=3,col=26,title=IR205::start on day 31")
    assert "%0Ahint: start on day 28" in out
    assert out.count("\n") == 1


def test_stdin_json_and_schedule_lines(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(WARNS))
    status, out, _ = _run(["check", "-"], capsys)
    assert (status, out.splitlines()[0][:16]) == (0, "-:3:26: IR205 wa")
    monkeypatch.setattr(sys, "stdin", io.StringIO("# two schedules\nR/T05:50Z/PT1H\nR0//P1D\n"))
    status, out, _ = _run(["check", "-", "--select", "IR2"], capsys)
    assert [line.split(" ")[0:2] for line in out.splitlines() if line.startswith("-:")] == [
        ["-:2:3:", "IR210"],
        ["-:3:2:", "IR206"],
        ["-:3:4:", "IR209"],
    ]


def test_select_and_ignore(jobs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(jobs / "bad.json")
    assert _run(["check", path, "--select", "IR100"], capsys)[1].count("IR1") == 1
    assert _run(["check", path, "--ignore", "IR1"], capsys)[:2] == (0, "checked 1 file: no findings\n")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["check", "no/such/file.json"], "no/such/file.json: no such file or directory"),
        (["check", ".", "--select", "IR999"], "--select: unknown code 'IR999'"),
        (["check", ".", "--ignore", "XX"], "--ignore: unknown code 'XX'"),
    ],
)
def test_usage_errors_exit_2(argv: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = _run(argv, capsys)
    assert (status, out) == (2, "")
    assert message in err


def test_argparse_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(["check", "--format", "xml", "."], capsys)[0] == 2
    assert _run(["check", "--dialect", "cron", "."], capsys)[0] == 2


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_only_on_a_terminal_and_never_with_no_color(
    jobs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = str(jobs / "bad.json")
    monkeypatch.delenv("NO_COLOR", raising=False)
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    main(["check", path])
    assert "\033[31mIR100 error:\033[0m" in terminal.getvalue()
    monkeypatch.setenv("NO_COLOR", "1")
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    main(["check", path])
    assert "\033[" not in terminal.getvalue()
    pipe = io.StringIO()
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setattr(sys, "stdout", pipe)
    main(["check", path])
    assert "\033[" not in pipe.getvalue()


def test_internal_errors_are_one_line_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], jobs: Path
) -> None:
    import isorepeat.chronos.check

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(isorepeat.chronos.check, "check_report", broken)
    status, _, err = _run(["check", str(jobs)], capsys)
    assert status == 2
    assert err == "isorepeat: error: internal error, please report it: RuntimeError: boom\n"


def test_a_path_too_long_for_the_system_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = _run(["check", "a" * 300], capsys)
    assert (status, out) == (2, "")
    assert err.startswith("isorepeat: error: aaaa")
    assert "internal error" not in err


def test_docs_diagnostics_page_first_example_is_what_check_prints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The page shows the job files and the output (issue 13 D20: IR204's example as it really is).
    page = (DOCS / "diagnostics.rst").read_text(encoding="utf-8")
    files = re.findall(r"``(jobs/\w+\.json)``:?\n\n\.\. code-block:: json\n\n((?:   .*\n|\n)+)", page)
    assert [name for name, _ in files] == ["jobs/billing.json", "jobs/report.json"]
    (tmp_path / "jobs").mkdir()
    for name, block in files:
        (tmp_path / name).write_text(textwrap.dedent(block).strip() + "\n", encoding="utf-8")
    console = re.search(r"^\.\. code-block:: console\n\n((?:   .*\n|\n)+)", page, re.MULTILINE)
    assert console is not None
    command, *expected = textwrap.dedent(console.group(1)).strip().splitlines()
    assert command == "$ isorepeat check jobs/"
    monkeypatch.chdir(tmp_path)
    status, out, _ = run_cli(capsys, "check", "jobs/")
    assert status == 0
    assert out == expected
