"""Every diagnostic of SEMANTICS §8: a case that fires it (with its position) and one that does not.

Schedule rules are checked through ``check_schedule`` (the schedule alone, columns 0-based in the
schedule); job and set rules through ``check_jobs`` on job texts in memory, with line and column
counted by hand in the text.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any, TypedDict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from isorepeat.chronos import Source, check_jobs, check_schedule
from isorepeat.chronos.diagnostics import CHRONOS_ONLY, CODES


class Options(TypedDict, total=False):
    """The keyword arguments of ``check_schedule`` that the cases give."""

    tz: str
    epsilon: str


# (code, schedule, options, schedule_column): the rule fires there.
SCHEDULE_FIRES: list[tuple[str, str, Options, int | None]] = [
    # IR100: the column of S1 (here the month)
    ("IR100", "R5/2012-13-01T00:00Z/P1D", {}, 8),
    ("IR100", "R/2012-10-01T00:00Z/1D", {}, 20),
    # IR101: Chronos answers 400 before 1970-01-01T00:00:01Z, the epoch included
    ("IR101", "R/1969-12-31T23:00:00Z/P1D", {}, 2),
    ("IR101", "R/1970-01-01T00:00:00Z/PT1H", {}, 2),
    ("IR101", "R/-0001-06-01T09:00:00Z/P1D", {}, 2),  # a year datetime cannot hold, long before 1970
    # IR201: no offset, no zone; the caret where the offset would go
    ("IR201", "R/2026-01-01T00:00:00/P1D", {}, 21),
    # IR202: a numeric offset the zone discards (S23)
    ("IR202", "R/2008-03-01T13:00:00-04:00/P1D", {"tz": "America/Los_Angeles"}, 21),
    ("IR202", "R3/2014-10-26T02:30:00Z/PT1H", {"tz": "Europe/Berlin"}, 22),  # Z picks the +01:00 pass
    # IR203 / IR204: reported on the zone, not in the schedule
    ("IR203", "R/2014-10-10T18:32:00Z/PT60M", {"tz": "PST"}, None),
    ("IR203", "R/2014-10-10T18:32:00Z/PT60M", {"tz": "BST"}, None),
    ("IR204", "R/2014-10-10T18:32:00Z/PT60M", {"tz": "America/Los_Angles"}, None),
    # IR205: the caret on the day
    ("IR205", "R/2024-01-31T02:00:00Z/P1M", {}, 10),
    ("IR205", "R/2024-02-29T00:00:00Z/P1Y", {}, 10),
    ("IR205", "R/2025-08-31T00:00:00Z/P2M", {}, 10),
    # IR206
    ("IR206", "R0/2026-01-01T00:00:00Z/P1D", {}, 1),
    # IR207: zero with n != 1, negative, or a mixed period that goes back
    ("IR207", "R/2026-01-01T00:00:00Z/PT0S", {}, 23),
    ("IR207", "R5/2026-01-01T00:00:00Z/P-1D", {}, 24),
    ("IR207", "R/2016-01-31T00:00:00Z/P1M-30D", {}, 23),
    # IR208: the first digit Joda drops
    ("IR208", "R/2026-01-01T00:00:00.0001Z/PT1H", {}, 25),
    ("IR208", "R/2026-01-01T00:00:00Z/PT1.0005S", {}, 30),
    ("IR208", "R/T13.123456789Z/P1D", {}, 6),
    # IR209
    ("IR209", "R//PT10M", {}, 2),
    # IR210
    ("IR210", "R/T05:50Z/PT24H", {}, 2),
    ("IR210", "R/2014-10/P1D", {}, 2),
    # IR212: on the offset
    ("IR212", "R/2026-01-01T09:00:00-07:00/P1D", {}, 21),
    ("IR212", "R/2026-01-01T09:00:00+01:00/PT24H", {}, 21),
    # IR213: sub-second, or shorter than an epsilon the job sets (reported on the epsilon)
    ("IR213", "R/2026-01-01T00:00:00Z/PT0.5S", {}, 23),
    ("IR213", "R10/2012-10-01T05:52:00Z/PT2S", {"epsilon": "PT15M"}, None),
    # IR214: 2.x cannot count skips
    ("IR214", "R/2026-01-01T00:00:00Z/P1Y", {}, 23),
    ("IR214", "R/2026-01-01T00:00:00Z/P1Y-1M", {}, 23),
    # IR218: Chronos accepts a start datetime cannot hold; on the start
    ("IR218", "R/20261-06-01T09:00:00Z/P1D", {}, 2),
    ("IR218", "R/2019-05-01T08:00:00+05:45:00.5/P1D", {}, 2),
    # IR219: a DST gap moves a chained wall time for good; on the time
    ("IR219", "R/2026-03-07T02:30:00/P1D", {"tz": "America/New_York"}, 13),
    ("IR219", "R/2026-03-08T02:30:00/P1D", {"tz": "America/New_York"}, 13),  # the start itself
    ("IR219", "R/2026-01-08T02:30:00/P1M", {"tz": "America/New_York"}, 13),
]

# (code, schedule, options): the rule stays quiet.
SCHEDULE_QUIET: list[tuple[str, str, Options]] = [
    ("IR100", "R5/2012-12-01T00:00Z/P1D", {}),
    ("IR100", "R/20261-06-01T09:00:00Z/P1D", {}),  # Chronos accepts it: IR218
    ("IR101", "R/1970-01-01T00:00:01Z/PT1H", {}),
    ("IR101", "R//PT1H", {}),
    ("IR201", "R/2026-01-01T00:00:00/P1D", {"tz": "Europe/Berlin"}),
    ("IR201", "R/2026-01-01T00:00:00Z/P1D", {}),
    ("IR202", "R/2008-03-01T13:00:00-08:00/P1D", {"tz": "America/Los_Angeles"}),
    ("IR202", "R/2014-10-10T18:32:00Z/PT60M", {"tz": "PST"}),  # Z beside a zone: the docs' own form
    ("IR202", "R3/2014-10-26T02:30:00+02:00/PT1H", {"tz": "Europe/Berlin"}),  # picks the pass written
    ("IR203", "R/2014-10-10T18:32:00Z/PT60M", {"tz": "America/Los_Angeles"}),
    ("IR204", "R/2014-10-10T18:32:00Z/PT60M", {"tz": "UTC"}),
    ("IR205", "R/2024-01-28T02:00:00Z/P1M", {}),
    ("IR205", "R/2024-03-31T00:00:00Z/P12M", {}),  # every 31 March exists
    ("IR205", "R/2024-01-31T00:00:00Z/P7D", {}),
    ("IR206", "R1/2026-01-01T00:00:00Z/P1D", {}),
    ("IR207", "R1/2026-01-01T00:00:00Z/PT0S", {}),
    ("IR207", "R/2026-01-01T00:00:00Z/P1M-1D", {}),  # mixed, but always forward
    ("IR208", "R/2026-01-01T00:00:00.123Z/PT1.5000S", {}),
    ("IR209", "R/2026-01-01T00:00:00Z/PT10M", {}),
    ("IR210", "R/2026-01-01T05:50:00Z/PT24H", {}),
    ("IR212", "R/2026-01-01T09:00:00-07:00/P1D", {"tz": "America/Los_Angeles"}),
    ("IR212", "R/2026-01-01T09:00:00Z/P1D", {}),  # UTC means UTC
    ("IR212", "R/2026-01-01T09:00:00-07:00/PT1H", {}),
    ("IR213", "R/2026-01-01T00:00:00Z/PT1S", {}),
    ("IR213", "R/2026-01-01T00:00:00Z/PT2S", {"epsilon": "PT1S"}),
    ("IR213", "R/2026-01-01T00:00:00Z/P1M", {"epsilon": "PT1H"}),
    ("IR214", "R/2026-01-01T00:00:00Z/P12M", {}),
    ("IR214", "R/2026-01-01T00:00:00Z/P1Y1M", {}),
    ("IR218", "R/2026-06-01T09:00:00Z/P1D", {}),
    ("IR218", "R/-0001-06-01T09:00:00Z/P1D", {}),  # Chronos rejects the POST: IR101
    ("IR219", "R/2026-03-07T03:30:00/P1D", {"tz": "America/New_York"}),
    ("IR219", "R/2026-03-07T02:30:00/PT24H", {"tz": "America/New_York"}),  # elapsed: no wall time kept
    ("IR219", "R/2026-03-07T02:30:00Z/P1D", {}),  # UTC has no gap
    ("IR219", "R/2026-03-02T02:30:00/P1W", {"tz": "America/New_York"}),  # Mondays: the gap is on Sundays
    ("IR219", "R1/2026-03-07T02:30:00/P1D", {"tz": "America/New_York"}),  # one run
]


@pytest.mark.parametrize(("code", "text", "options", "column"), SCHEDULE_FIRES)
def test_schedule_rule_fires(code: str, text: str, options: Options, column: int | None) -> None:
    found = [d for d in check_schedule(text, **options) if d.code == code]
    assert len(found) == 1, check_schedule(text, **options)
    diagnostic = found[0]
    assert diagnostic.severity == CODES[code][0]
    assert diagnostic.schedule_column == column
    if column is not None:
        assert diagnostic.col == column + 1
    assert diagnostic.message
    assert diagnostic.hint or code == "IR100"  # the grammar gives a hint where it knows one


@pytest.mark.parametrize(("code", "text", "options"), SCHEDULE_QUIET)
def test_schedule_rule_stays_quiet(code: str, text: str, options: Options) -> None:
    assert code not in [d.code for d in check_schedule(text, **options)]


def _check(*texts: str, complete: bool = False) -> list[tuple[str, str, int, int]]:
    sources = [Source(f"job{i}.json", text) for i, text in enumerate(texts, 1)]
    return [(d.code, d.path, d.line, d.col) for d in check_jobs(sources, complete=complete)]


def _job(**fields: Any) -> str:
    return json.dumps({"name": "job", "schedule": "R/2026-01-01T00:00:00Z/P1D", **fields})


# (code, job texts, complete, (path, line, col)): where it fires
JOB_FIRES: list[tuple[str, tuple[str, ...], bool, tuple[str, int, int]]] = [
    ("IR102", ('{"name": "my job", "schedule": "R/2026-01-01T00:00:00Z/P1D"}',), False, ("job1.json", 1, 13)),
    ("IR102", ('{"schedule": "R/2026-01-01T00:00:00Z/P1D"}',), False, ("job1.json", 1, 1)),
    ("IR102", ('{"name": "", "schedule": "R/2026-01-01T00:00:00Z/P1D"}',), False, ("job1.json", 1, 11)),
    (
        "IR102",
        ('{"name": "caf\\u00e9", "schedule": "R/2026-01-01T00:00:00Z/P1D"}',),
        False,
        ("job1.json", 1, 14),
    ),
    (
        "IR103",
        (_job(), '\n  {"name": "job", "schedule": "R/2026-01-01T00:00:00Z/P1D"}'),
        False,
        ("job2.json", 2, 12),
    ),
    ("IR104", ('{"name": "b", "parents": ["a"]}',), True, ("job1.json", 1, 27)),
    ("IR105", ('{"name": "a", "parents": ["a"]}',), False, ("job1.json", 1, 27)),
    ("IR106", (_job(epsilon="15M"),), False, ("job1.json", 1, 71)),
    ("IR107", (_job(uris=["http://x/a"], fetch=[{"uri": "http://x/a"}]),), False, ("job1.json", 1, 67)),
    ("IR108", ('{"name": "a",\n "schedule": "R/2026-01-01T00:00:00Z/P1D",}',), False, ("job1.json", 2, 43)),
    ("IR108", ('[{"name": "a", "schedule": "R/2026-01-01T00:00:00Z/P1D"}, 5]',), False, ("job1.json", 1, 59)),
    ("IR108", ('"R/2026-01-01T00:00:00Z/P1D"',), False, ("job1.json", 1, 1)),
    ("IR108", ('{"name": "a", "schedule": 5}',), False, ("job1.json", 1, 27)),
    ("IR108", ('{"name": "a", "schedule": NaN}',), False, ("job1.json", 1, 27)),
    (
        "IR211",
        ('{"name": "b", "schedule": "R/2026-01-01T00:00:00Z/P1D", "parents": ["a"]}', _job(name="a")),
        False,
        ("job1.json", 1, 27),
    ),
    (
        "IR215",
        ('{"name": "a", "schedule": "R/2026-01-01T00:00:00Z/P1D", "schedule": "R//P1D"}',),
        False,
        ("job1.json", 1, 57),
    ),
    (
        "IR216",
        ('{"name": "a", "schedule": "R/2026-01-01T00:00:00/P1D", "scheduleTimezone": "UTC"}',),
        False,
        ("job1.json", 1, 56),
    ),
    ("IR217", ('{"name": "a", "command": "true"}',), False, ("job1.json", 1, 1)),
]
# fmt: on

JOB_QUIET: list[tuple[str, tuple[str, ...], bool]] = [
    ("IR102", (_job(name="my-job.v2_x"),), False),
    ("IR103", (_job(name="a"), _job(name="b")), False),
    ("IR104", ('{"name": "b", "parents": ["a"]}',), False),  # pre-commit: the parent may be elsewhere
    ("IR104", ('{"name": "b", "parents": ["a"]}', _job(name="a")), True),
    ("IR105", ('{"name": "b", "parents": ["a"]}', '{"name": "c", "parents": ["b"]}', _job(name="a")), False),
    ("IR106", (_job(epsilon="PT15M"),), False),
    ("IR107", (_job(fetch=[{"uri": "http://x/a"}]),), False),
    ("IR107", (_job(uris=[], fetch=[{"uri": "http://x/a"}]),), False),
    ("IR108", (_job(),), False),
    ("IR211", ('{"name": "b", "parents": ["a"]}', _job(name="a")), False),
    ("IR215", (_job(),), False),
    ("IR216", (_job(scheduleTimeZone="UTC"),), False),
    ("IR216", (_job(shell=True),), False),
    ("IR217", (_job(),), False),
]


@pytest.mark.parametrize(("code", "texts", "complete", "where"), JOB_FIRES)
def test_job_rule_fires(
    code: str, texts: tuple[str, ...], complete: bool, where: tuple[str, int, int]
) -> None:
    found = [
        (path, line, col)
        for found_code, path, line, col in _check(*texts, complete=complete)
        if found_code == code
    ]
    assert where in found, _check(*texts, complete=complete)


@pytest.mark.parametrize(("code", "texts", "complete"), JOB_QUIET)
def test_job_rule_stays_quiet(code: str, texts: tuple[str, ...], complete: bool) -> None:
    assert code not in [found[0] for found in _check(*texts, complete=complete)]


def test_every_code_has_a_firing_and_a_quiet_case() -> None:
    fires = {row[0] for row in SCHEDULE_FIRES} | {row[0] for row in JOB_FIRES}
    quiet = {row[0] for row in SCHEDULE_QUIET} | {row[0] for row in JOB_QUIET}
    assert fires == set(CODES)
    assert quiet == set(CODES)


def test_ir105_names_the_cycle() -> None:
    text = (
        '[{"name": "a", "parents": ["c"]}, {"name": "b", "parents": ["a"]}, {"name": "c", "parents": ["b"]}]'
    )
    [diagnostic] = [d for d in check_jobs([Source("jobs.json", text)]) if d.code == "IR105"]
    cycle = diagnostic.message.split("dependency cycle ")[1].split(" (")[0].split(" -> ")
    assert cycle[0] == cycle[-1]
    assert sorted(cycle[:-1]) == ["a", "b", "c"]


def test_ir103_points_back_at_the_first_job() -> None:
    diagnostics = check_jobs([Source("a.json", _job()), Source("b.json", _job())])
    [duplicate] = [d for d in diagnostics if d.code == "IR103"]
    assert duplicate.path == "b.json"
    assert "a.json:1:10" in duplicate.message


def test_ir104_is_on_for_a_directory_and_off_for_files(tmp_path: Any) -> None:
    (tmp_path / "b.json").write_text('{"name": "b", "parents": ["a"]}')
    assert [d.code for d in check_jobs([tmp_path])] == ["IR104"]
    assert [d.code for d in check_jobs([tmp_path / "b.json"])] == []
    assert [d.code for d in check_jobs([tmp_path / "b.json"], complete=True)] == ["IR104"]


def test_dependent_jobs_schedule_is_not_checked() -> None:
    text = '{"name": "b", "schedule": "nonsense", "parents": ["a"]}'
    assert [d.code for d in check_jobs([Source("b.json", text)])] == ["IR211"]


def test_template_placeholders_are_named_in_the_hint() -> None:
    text = '{"name": "{{ name }}", "schedule": "{{ schedule }}"}'
    diagnostics = check_jobs([Source("t.json", text)])
    assert [d.code for d in diagnostics] == ["IR102", "IR100"]
    assert all("template placeholder" in (d.hint or "") for d in diagnostics)


def test_iso_dialect_reads_with_the_iso_grammar_and_drops_chronos_quirks() -> None:
    # Joda reads a time-only start; the iso grammar does not.
    assert [d.code for d in check_schedule("R/T05:50Z/PT24H", dialect="iso")] == ["IR100"]
    # Month-end drift and the 2.x skip counting are Chronos's, not the iso dialect's.
    assert check_schedule("R/2024-01-31T02:00:00Z/P1Y", dialect="iso") == []
    # A fixed offset across DST applies to any reading.
    assert [d.code for d in check_schedule("R/2026-01-01T09:00:00-07:00/P1D", dialect="iso")] == ["IR212"]


def test_select_and_ignore_work_by_prefix() -> None:
    source = Source("j.json", '{"name": "a b", "schedule": "R0/T05:50Z/PT1H"}')
    assert {d.code for d in check_jobs([source])} == {"IR102", "IR206", "IR210"}
    assert {d.code for d in check_jobs([source], select=["IR2"])} == {"IR206", "IR210"}
    assert {d.code for d in check_jobs([source], ignore=["IR2", "IR102"])} == set()


def test_ir218_a_year_chronos_accepts_is_a_warning_not_an_error() -> None:
    # A typo for 2026: Chronos stores it and waits 18,000 years; isorepeat cannot hold the year.
    [diagnostic] = check_schedule("R/20261-06-01T09:00:00Z/P1D")
    assert (diagnostic.code, diagnostic.severity, diagnostic.schedule_column) == ("IR218", "warning", 2)
    assert diagnostic.message == (
        "the start is in the year 20261: Chronos accepts it and does not run the job before then"
    )
    assert diagnostic.hint == "check the year: Chronos stores the start as written and waits for it"


def test_ir218_other_starts_datetime_cannot_hold_say_what_is_not_checked() -> None:
    [diagnostic] = check_schedule("R/2019-05-01T08:00:00+05:45:00.5/P1D")
    assert (diagnostic.code, diagnostic.severity) == ("IR218", "warning")
    assert diagnostic.message == (
        "an offset with a fraction of a second: Chronos accepts this; isorepeat cannot represent "
        "it, so its runs are not checked"
    )


def test_ir101_a_year_before_0001_is_before_1970() -> None:
    [diagnostic] = check_schedule("R/-0001-06-01T09:00:00Z/P1D")
    assert (diagnostic.code, diagnostic.severity, diagnostic.schedule_column) == ("IR101", "error", 2)
    assert diagnostic.message == (
        "the start is in the year -1, before 1970-01-01T00:00:01Z: Chronos rejects the job "
        "('Scheduled start date ... is before 1970!')"
    )


def test_ir100_a_date_joda_rejects_in_a_year_datetime_cannot_hold() -> None:
    # 20261 is no leap year: Joda rejects February 29, so Chronos rejects the schedule.
    [diagnostic] = check_schedule("R/20261-02-29T09:00:00Z/P1D")
    assert (diagnostic.code, diagnostic.schedule_column) == ("IR100", 11)
    assert diagnostic.message == "Chronos rejects the schedule: day 29 is out of range 1-28 for 20261-02"


@pytest.mark.parametrize(
    ("text", "tz", "message", "hint"),
    [
        (
            "R/2026-03-07T02:30:00/P1D",
            "America/New_York",
            "02:30 does not exist in America/New_York on 2026-03-08, when the clocks skip from 02:00 "
            "to 03:00: Chronos moves that run to 03:30 and, because it adds the period to the run "
            "before, keeps 03:30 for ever after",
            "start at a time of day the clocks do not skip, or at 03:30 if that is meant",
        ),
        (
            "R/2026-03-08T02:30:00/P1D",
            "America/New_York",
            "02:30 does not exist in America/New_York on 2026-03-08, when the clocks skip from 02:00 "
            "to 03:00: Chronos moves the start to 03:30 and, because it adds the period to the run "
            "before, keeps 03:30 for ever after",
            "start at a time of day the clocks do not skip, or at 03:30 if that is meant",
        ),
        (  # 30 minutes of DST
            "R/2026-09-06T02:15:00/P1W",
            "Australia/Lord_Howe",
            "02:15 does not exist in Australia/Lord_Howe on 2026-10-04, when the clocks skip from 02:00 "
            "to 02:30: Chronos moves that run to 02:45 and, because it adds the period to the run "
            "before, keeps 02:45 for ever after",
            "start at a time of day the clocks do not skip, or at 02:45 if that is meant",
        ),
    ],
)
def test_ir219_a_wall_time_a_gap_moves_stays_moved(text: str, tz: str, message: str, hint: str) -> None:
    [diagnostic] = [d for d in check_schedule(text, tz=tz) if d.code == "IR219"]
    assert (diagnostic.severity, diagnostic.message, diagnostic.hint) == ("warning", message, hint)


def test_ir219_agrees_with_the_chained_runs() -> None:
    # The date and wall time the warning names are the chained runs' own.
    import itertools

    import isorepeat

    schedule = isorepeat.parse("R/2026-03-07T02:30:00/P1D", dialect="chronos", tz="America/New_York")
    runs = [t.isoformat() for t in itertools.islice(schedule.occurrences(mode="chained"), 4)]
    assert runs[1:] == ["2026-03-08T03:30:00-04:00", "2026-03-09T03:30:00-04:00", "2026-03-10T03:30:00-04:00"]


@pytest.mark.parametrize(
    ("text", "tz", "now", "jump"),
    [
        (
            "R//PT1H",
            "America/New_York",
            datetime(2026, 1, 15, 12, 0, tzinfo=timezone.utc),
            "the second run comes 5 hours late: Chronos stores the first run plus PT1H in UTC, "
            "2026-01-15T12:59:59.000Z, and reads it back as 12:59:59 in America/New_York "
            "(2026-01-15T17:59:59Z)",
        ),
        (
            "R5//PT179H",
            "Australia/Sydney",
            datetime(2023, 10, 5, 19, 1, 46, tzinfo=timezone.utc),
            "the second run comes 11 hours early: Chronos stores the first run plus PT179H in UTC, "
            "2023-10-13T06:01:45.000Z, and reads it back as 06:01:45 in Australia/Sydney "
            "(2023-10-12T19:01:45Z)",
        ),
        (
            "R//P1D",
            "Asia/Kolkata",
            datetime(2026, 1, 15, 12, 0, tzinfo=timezone.utc),
            "the second run comes 5 hours 30 minutes early: Chronos stores the first run plus P1D in "
            "UTC, 2026-01-16T11:59:59.000Z, and reads it back as 11:59:59 in Asia/Kolkata "
            "(2026-01-16T06:29:59Z)",
        ),
    ],
)
def test_ir209_with_a_schedule_time_zone_says_how_far_the_second_run_jumps(
    text: str, tz: str, now: datetime, jump: str
) -> None:
    [diagnostic] = [d for d in check_schedule(text, tz=tz, now=now) if d.code == "IR209"]
    assert diagnostic.message == (
        "empty start: Chronos starts the job when it is posted, and again at once after every "
        f"restart until its first run; posted now, with scheduleTimeZone {tz}, {jump}"
    )
    assert diagnostic.hint == f"write the start as a wall time in {tz}, e.g. 2026-01-01T00:00:00"


@pytest.mark.parametrize(
    ("text", "tz"),
    [("R//PT1H", None), ("R//PT1H", "UTC"), ("R//PT1H", "Europe/London"), ("R1//PT1H", "America/New_York")],
)
def test_ir209_without_a_jump_keeps_its_message(text: str, tz: str | None) -> None:
    # UTC and London in January have no offset; R1 has no second run.
    now = datetime(2026, 1, 15, 12, 0, tzinfo=timezone.utc)
    [diagnostic] = [d for d in check_schedule(text, tz=tz, now=now) if d.code == "IR209"]
    assert diagnostic.message == (
        "empty start: Chronos starts the job when it is posted, and again at once after every "
        "restart until its first run"
    )


def test_ir219_is_chronos_only() -> None:
    text = "R/2026-03-07T02:30:00/P1D"
    assert "IR219" not in [d.code for d in check_schedule(text, tz="America/New_York", dialect="iso")]
    assert "IR219" in CHRONOS_ONLY


def test_jvm_zone_reads_offsetless_starts_and_is_named() -> None:
    [diagnostic] = check_schedule("R/2026-01-01T09:00:00/P1D", jvm_zone="Europe/Berlin")
    assert diagnostic.code == "IR201"
    assert "Europe/Berlin" in diagnostic.message


# -- the issue's quality bar: the seeds' own examples -------------------------------------------


@pytest.mark.parametrize(
    ("schedule", "tz", "codes"),
    [
        ("R10/2012-10-01T05:52:00Z/PT2S", None, []),
        ("R2/2016-12-05T07:58:22Z/PT1M", None, []),
        ("R/2014-10-10T18:32:00Z/PT60M", "PST", ["IR203"]),
    ],
)
def test_seed_examples_pass_clean(schedule: str, tz: str | None, codes: list[str]) -> None:
    job: dict[str, str] = {"name": "seed", "schedule": schedule}
    if tz is not None:
        job["scheduleTimeZone"] = tz
    assert [d.code for d in check_jobs([job])] == codes


def test_docker_job_with_escaped_slashes_passes_clean() -> None:
    text = '{\n  "name": "docker",\n  "schedule": "R\\/2014-09-25T17:22:00Z\\/PT2M",\n  "container": {}\n}'
    assert check_jobs([Source("docker.json", text)]) == []


def test_ir104_suggests_a_name_with_the_same_first_letter() -> None:
    # Only names with the same first letter and about the length are compared (difflib is slow).
    names = [
        json.dumps({"name": f"team-export_{i:05d}", "schedule": "R/2024-01-01T00:00:00Z/P1D"})
        for i in range(50)
    ]
    texts = (*names, '{"name": "child", "parents": ["team-exprot_00007", "zzz"]}')
    found = check_jobs([Source(f"j{i}.json", t) for i, t in enumerate(texts)], complete=True)
    hints = [d.hint for d in found if d.code == "IR104"]
    assert hints == ["did you mean 'team-export_00007'?", "add the parent job, or remove it here"]


# -- IR207: the anchored queries' "moves forward", and its message (issue 13 A3) ---------------

# (schedule, tz, message): IR207 fires, on the period (column 22 or 23), with the step that goes
# back: one of Chronos's own chained steps where there is one, else an anchored one, else the
# runs of the start where the calendar's step is shortest; "may go back" where only the bound of
# the zone's clock changes refuses the period.
IR207_A3_FIRES: list[tuple[str, str | None, str]] = [
    (
        "R/2016-01-31T00:00:00Z/P1M-30D",  # the message is kept
        None,
        "the period P1M-30D goes back (from 2016-01-31T00:00:00+00:00 to 2016-01-30T00:00:00+00:00): "
        "Chronos runs the job continuously",
    ),
    (
        "R/2026-01-01T00:00:00Z/P1DT-24H",  # stands still
        None,
        "the period P1DT-24H goes back (from 2026-01-01T00:00:00+00:00 to 2026-01-01T00:00:00+00:00): "
        "Chronos runs the job continuously",
    ),
    (
        "R/2026-01-01T12:00:00/P1DT-23H",  # 23 h less 23 h on the day New York springs forward
        "America/New_York",
        "the period P1DT-23H goes back (from 2026-01-04T05:00:00-05:00 to 2026-01-04T05:00:00-05:00, "
        "anchored runs 65 and 66): Chronos runs the job continuously from a step that does",
    ),
    (
        "R/2026-01-01T00:00:00Z/P1Y-12MT1S",  # only from February 29: Joda clamps the years first
        None,
        "the period P1Y-12MT1S goes back (from 2000-02-29T00:00:00+00:00 to 2000-02-28T00:00:01+00:00, "
        "runs 0 and 1 of a start on 2000-02-29): Chronos runs the job continuously from a step that does",
    ),
    (
        "R/2026-01-01T12:00:00/P1DT-1H",  # Apia skipped 2011-12-30: the bound refuses it
        "Pacific/Apia",
        "the period P1DT-1H may go back (its shortest step, 23 h on the wall clock, is not longer than "
        "the 25 h 30 min that Pacific/Apia's clock changes can take from a step): Chronos runs the job "
        "continuously from a step that does",
    ),
]

# (schedule, tz): periods with negative fields that move forward, as the issue lists them
IR207_A3_QUIET: list[tuple[str, str | None]] = [
    ("R/2026-01-01T12:00:00Z/P1DT-1H", None),
    ("R/2026-01-01T12:00:00/P1DT-1H", "America/New_York"),
    ("R/2026-01-01T12:00:00Z/P2DT-5M", None),
    ("R/2026-01-01T12:00:00Z/PT2H-30.5S", None),
    ("R/2026-01-31T12:00:00Z/P1M-3D", None),
    ("R/2026-01-31T12:00:00/P1M-3D", "Europe/Berlin"),
    ("R/2026-01-15T00:00:00Z/P1M-27D", None),  # one day in February of a common year
    ("R/2026-01-01T12:00:00Z/P1DT-23H", None),  # an hour in UTC
]


@pytest.mark.parametrize(("text", "tz", "message"), IR207_A3_FIRES)
def test_ir207_fires_where_a_period_does_not_move_forward(text: str, tz: str | None, message: str) -> None:
    from isorepeat import parse

    [diagnostic] = [d for d in check_schedule(text, tz=tz) if d.code == "IR207"]
    assert diagnostic.message == message
    assert diagnostic.schedule_column == text.rindex("/") + 1
    assert diagnostic.hint == "write a period whose fields are all positive"
    schedule = parse(text, dialect="chronos", tz=tz)
    with pytest.raises(ValueError, match=r"does not move forward.*\(IR207\)"):
        schedule.next_after(datetime(2000, 1, 1, tzinfo=timezone.utc), mode="anchored")


@pytest.mark.parametrize(("text", "tz"), IR207_A3_QUIET)
def test_ir207_stays_quiet_where_a_mixed_period_moves_forward(text: str, tz: str | None) -> None:
    from itertools import islice, pairwise

    from isorepeat import parse

    assert "IR207" not in [d.code for d in check_schedule(text, tz=tz)]
    schedule = parse(text, dialect="chronos", tz=tz)
    runs = list(islice(schedule.occurrences(mode="anchored"), 50))  # it exists, and moves forward
    assert all(a < b for a, b in pairwise(runs))


def test_ir219_names_the_day_of_the_gap_a_first_field_lands_in() -> None:
    # P1M1D: the month lands in the 2021-03-14 gap; the run itself is on the 15th.
    (finding,) = [
        d for d in check_schedule("R/2020-01-01T02:00:00/P1M1D", tz="America/New_York") if d.code == "IR219"
    ]
    assert finding.message.startswith("02:00 does not exist in America/New_York on 2021-03-14, ")


# -- IR104's suggestion: difflib's answer, found without difflib's every ratio (issue 16) --------

_NAME_PARTS = st.sampled_from(
    ["billing", "bill", "search", "etl", "-", "_", "export", "daily", "2", "x", "a"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_NAME_PARTS, min_size=1, max_size=5).map("".join), max_size=40), st.data())
def test_ir104_suggestion_is_difflibs_closest_match(names: list[str], data: st.DataObject) -> None:
    import difflib

    from isorepeat.chronos.rules import _closest_name

    by_initial: dict[str, list[str]] = {}
    for other in sorted(set(names)):
        by_initial.setdefault(other[:1].casefold(), []).append(other)
    parent = data.draw(st.lists(_NAME_PARTS, min_size=1, max_size=5).map("".join))
    same_initial = by_initial.get(parent[:1].casefold(), ())
    candidates = [other for other in same_initial if abs(len(other) - len(parent)) <= 3]
    expected = difflib.get_close_matches(parent, candidates, n=1)
    assert _closest_name(parent, by_initial) == (expected[0] if expected else None)


def test_check_pauses_the_collector_and_restores_it() -> None:
    import gc

    job = Source("a.json", '{"name": "a", "schedule": "R/2030-01-01T00:00:00Z/PT1H"}')
    try:
        gc.enable()
        check_jobs([job])
        assert gc.isenabled()
        gc.disable()
        check_jobs([job])
        assert not gc.isenabled()  # a caller's choice is kept
    finally:
        gc.enable()
