"""A fleet of Chronos jobs simulated together (SEMANTICS S37-S39 through Policy; issues 7 and 12).

Every expected figure is worked out by hand in the comment above it.
"""

from __future__ import annotations

import datetime as _datetime
import json
import pickle
import random
import subprocess
import sys
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import isorepeat
import isorepeat.chronos
from isorepeat import Duration, Policy, Run, Skipped, parse, simulate
from isorepeat.chronos import (
    Diagnostic,
    Fleet,
    FleetEvent,
    FleetJob,
    FleetResult,
    JobSummary,
    Peak,
    Source,
    Span,
    check_jobs,
    fleet_events,
    load_fleet,
    simulate_fleet,
)
from isorepeat.chronos._fleet_plan import EPOCH, Micros, Plan, checked_setting, job_events, run_micros
from isorepeat.chronos._fleet_summary import count_fleet
from isorepeat.chronos.jobs import DocumentError, Job, load_source
from tests.paths import DATA

UTC = timezone.utc
WITH_PARENTS = DATA / "hooks" / "positive" / "joblist-with-parents.json"


def _t(hour: int, minute: int = 0, day: int = 1, month: int = 3) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


def _source(*jobs: dict[str, object], path: str = "jobs.json") -> Source:
    return Source(path, json.dumps(list(jobs), indent=2))


def _job(name: str, schedule: str | None = None, **fields: object) -> dict[str, object]:
    job: dict[str, object] = {"name": name}
    if schedule is not None:
        job["schedule"] = schedule
    job.update(fields)
    return job


def _runs(result: FleetResult) -> dict[str, int]:
    return {job.name: job.runs for job in result.jobs}


EVERY_10 = _job("a", "R/2026-03-01T00:00:00Z/PT10M")
EVERY_15_AT_5 = _job("b", "R/2026-03-01T00:05:00Z/PT15M")


# -- loading ------------------------------------------------------------------------------------


def test_load_reads_what_decides_when_a_job_runs(tmp_path: Path) -> None:
    path = tmp_path / "jobs.json"
    jobs = [
        _job("a", "R/2026-03-01T09:00:00/P1D", scheduleTimeZone="Europe/Berlin", epsilon="PT5M"),
        _job("b", parents=["a"], owner="x@example.com"),
        _job("c", "R/2026-03-01T00:00:00Z/PT1H", disabled=True, scheduleTimeZone=""),
    ]
    path.write_text(json.dumps(jobs), encoding="utf-8")
    fleet = load_fleet([path])
    assert fleet == Fleet(
        (
            FleetJob("a", str(path), "R/2026-03-01T09:00:00/P1D", "Europe/Berlin", Duration.parse("PT5M")),
            FleetJob("b", str(path), parents=("a",)),
            FleetJob("c", str(path), "R/2026-03-01T00:00:00Z/PT1H", None, disabled=True),
        )
    )
    assert [job.kind for job in fleet.jobs] == ["scheduled", "dependent", "scheduled"]


def test_a_directory_is_read_as_check_reads_it(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(json.dumps(EVERY_10), encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.json").write_text(json.dumps(EVERY_15_AT_5), encoding="utf-8")
    (tmp_path / "notes.md").write_text("not a job", encoding="utf-8")
    assert [job.name for job in load_fleet([tmp_path]).jobs] == ["a", "b"]


def test_schedule_lines_of_a_text_file_are_named_by_path_and_line(tmp_path: Path) -> None:
    path = tmp_path / "schedules.txt"
    path.write_text(
        "# nightly\nR/2026-03-01T00:00:00Z/P1D\n\nR/2026-03-01T00:00:00Z/PT1H\n", encoding="utf-8"
    )
    assert [job.name for job in load_fleet([path]).jobs] == [f"{path}:2", f"{path}:4"]


def test_a_file_with_an_error_refuses_the_fleet() -> None:
    good = _source(EVERY_10, path="good.json")
    bad = _source(_job("b", "R5/2012-13-01T00:00Z/P1D"), path="bad.json")
    fleet = load_fleet([good, bad])
    assert fleet.refused
    assert fleet.jobs == ()
    assert [(d.path, d.code) for d in fleet.errors] == [("bad.json", "IR100")]
    assert fleet.invalid_files == ("bad.json",)


def test_skip_invalid_leaves_out_only_the_files_with_errors() -> None:
    good = _source(EVERY_10, path="good.json")
    bad = _source(_job("my job", "R/2026-03-01T00:00:00Z/PT1H"), EVERY_15_AT_5, path="bad.json")
    fleet = load_fleet([good, bad], skip_invalid=True)
    assert not fleet.refused
    assert [job.name for job in fleet.jobs] == ["a"]  # b shares a file with the bad name (IR102)
    assert [d.code for d in fleet.errors] == ["IR102"]


def test_warnings_do_not_refuse() -> None:
    # IR205 (day 31, monthly) and IR201 (no offset, no zone) are warnings.
    fleet = load_fleet([_source(_job("m", "R/2026-01-31T02:00:00/P1M"))])
    assert not fleet.refused
    assert fleet.errors == ()


@pytest.mark.parametrize(
    ("jobs", "code"),
    [
        # a parent that is not in the set: the set is always complete here
        ([_job("c", parents=["nowhere"])], "IR104"),
        ([_job("x", parents=["y"]), _job("y", parents=["x"])], "IR105"),
        ([EVERY_10, EVERY_10], "IR103"),
        ([_job("e", "R/2026-03-01T00:00:00Z/PT1H", epsilon="5 minutes")], "IR106"),
    ],
)
def test_set_errors_refuse_the_fleet(jobs: list[dict[str, object]], code: str) -> None:
    fleet = load_fleet([_source(*jobs)])
    assert fleet.refused
    assert code in {d.code for d in fleet.errors}


def test_a_file_that_is_not_utf8_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "latin1.json").write_bytes(b'{"name": "caf\xe9"}')
    (tmp_path / "a.json").write_text(json.dumps(EVERY_10), encoding="utf-8")
    fleet = load_fleet([tmp_path])
    assert [(Path(d.path).name, d.code) for d in fleet.errors] == [("latin1.json", "IR108")]
    assert [job.name for job in load_fleet([tmp_path], skip_invalid=True).jobs] == ["a"]


def test_a_fleet_is_read_by_check_once_per_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # one reader for check and the fleet (issue 12): each file is parsed once, by check's loader
    (tmp_path / "a.json").write_text(json.dumps(EVERY_10), encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps([EVERY_15_AT_5, _job("my job")]), encoding="utf-8")
    read: list[str] = []

    def counting(source: Source) -> tuple[list[Job], list[DocumentError]]:
        read.append(Path(source.path).name)
        return load_source(source)

    monkeypatch.setattr("isorepeat.chronos.check.load_source", counting)
    fleet = load_fleet([tmp_path], skip_invalid=True)
    assert read == ["a.json", "b.json"]
    assert [job.name for job in fleet.jobs] == ["a"]
    # the errors are check's, with the set taken as complete
    checked = check_jobs([tmp_path], complete=True)
    assert fleet.errors == tuple(d for d in checked if d.severity == "error")
    assert [d.code for d in fleet.errors] == ["IR102"]


def test_a_fleet_built_by_hand_cannot_name_two_jobs_alike() -> None:
    with pytest.raises(ValueError, match="two jobs are named 'a'"):
        Fleet((FleetJob("a", "x.json"), FleetJob("a", "y.json")))


# -- scheduled jobs -----------------------------------------------------------------------------


def test_runs_per_job_without_an_outage() -> None:
    # a: 00:00, 00:10, ..., 00:50 (6); b: 00:05, 00:20, 00:35, 00:50 (4)
    result = simulate_fleet([_source(EVERY_10, EVERY_15_AT_5)], _t(0), _t(1))
    assert result.jobs == (
        JobSummary("a", "jobs.json", "scheduled", 6),
        JobSummary("b", "jobs.json", "scheduled", 4),
    )
    assert (result.runs, result.skips) == (10, 0)
    # 00:20 and 00:50 have a and b (the earliest wins); the hour 00:00 has all ten
    assert result.busiest_minute == Peak(_t(0, 20), 2)
    assert result.busiest_hour == Peak(_t(0), 10)
    # starts at 0, 5, 10, 20, 30, 35, 40, 50: three gaps of 10 minutes, the earliest wins
    assert result.longest_gap == Span(_t(0, 10), _t(0, 20))


# The catch-up rules on a (every 10 minutes) over an outage [00:12, 00:31): due 00:20 and 00:30.
OUTAGE = [(_t(0, 12), _t(0, 31))]
CATCHUP = [
    # (policy, runs, missed, superseded, not caught up)
    # epsilon 60 s: 00:20 closed at 00:21, 00:30 at 00:31 (half open): both missed (S37)
    (Policy.chronos2(), 4, 2, 0, 0),
    # an hour's window: both run at 00:31
    (Policy.chronos2("PT1H"), 6, 0, 0, 0),
    # Chronos 3: no window, only the latest (00:30) runs at 00:31
    (Policy.chronos3(), 5, 0, 1, 0),
    (Policy(Duration.parse("PT1H"), "none"), 4, 0, 0, 2),
    # a 15-minute window: 00:20's closes at 00:35, so it runs too, and supersedes nothing
    (Policy(Duration.parse("PT15M"), "latest"), 5, 0, 1, 0),
]


@pytest.mark.parametrize(("policy", "runs", "missed", "superseded", "late"), CATCHUP)
def test_s38_catchup_policies_per_job(
    policy: Policy, runs: int, missed: int, superseded: int, late: int
) -> None:
    [a] = simulate_fleet([_source(EVERY_10)], _t(0), _t(1), outages=OUTAGE, policy=policy).jobs
    assert (a.runs, a.missed, a.superseded, a.not_caught_up) == (runs, missed, superseded, late)
    assert a.skips == missed + superseded + late


def test_s37_a_jobs_epsilon_replaces_the_policys_window() -> None:
    # The default window (60 s) misses 00:20 and 00:30; the job's own PT15M runs 00:20 (open
    # until 00:35) and 00:30 at 00:31. Chronos 3 has no window: the job's epsilon means nothing.
    own = _source(_job("a", "R/2026-03-01T00:00:00Z/PT10M", epsilon="PT15M"))
    [chronos2] = simulate_fleet([own], _t(0), _t(1), outages=OUTAGE).jobs
    [chronos3] = simulate_fleet([own], _t(0), _t(1), outages=OUTAGE, policy=Policy.chronos3()).jobs
    assert (chronos2.runs, chronos2.missed) == (6, 0)
    assert (chronos3.runs, chronos3.superseded) == (5, 1)


# Runs caught up after the outage [00:12, 00:31) of a (every 10 minutes) start late.
LATE = [
    # (policy, runs late)
    (Policy.chronos2(), 0),  # both missed
    (Policy.chronos2("PT1H"), 2),  # 00:20 and 00:30 at 00:31
    (Policy.chronos3(), 1),  # 00:30 at 00:31, 00:20 superseded
    (Policy(Duration.parse("PT1H"), "none"), 0),
]


@pytest.mark.parametrize(("policy", "late"), LATE)
def test_s38_runs_caught_up_count_as_late(policy: Policy, late: int) -> None:
    jobs = _source(EVERY_10, _job("after", parents=["a"]))
    result = simulate_fleet([jobs], _t(0), _t(1), outages=OUTAGE, policy=policy)
    a, after = result.jobs
    assert (a.late, after.late, result.late) == (late, 0, late)  # a dependent is never late
    assert a.affected  # a skip or a late run, whatever the policy
    assert not after.affected
    # without the outage nothing is late
    assert simulate_fleet([jobs], _t(0), _t(1), policy=policy).late == 0


def test_a_run_caught_up_in_the_repeated_hour_is_late() -> None:
    # Daily at 02:30 in Berlin: on 2026-10-25 due at 02:30 CEST (00:30Z); down 00:20Z-01:30Z, up
    # at 02:30 CET. Due and start read 02:30 in one zone, an hour apart: late all the same.
    job = _source(_job("night", "R/2026-10-20T02:30:00/P1D", scheduleTimeZone="Europe/Berlin"))
    start, end = datetime(2026, 10, 25, tzinfo=UTC), datetime(2026, 10, 25, 6, tzinfo=UTC)
    outage = [(datetime(2026, 10, 25, 0, 20, tzinfo=UTC), datetime(2026, 10, 25, 1, 30, tzinfo=UTC))]
    [night] = simulate_fleet([job], start, end, outages=outage, policy=Policy.chronos2("PT2H")).jobs
    assert (night.runs, night.late) == (1, 1)
    [event] = fleet_events([job], start, end, outages=outage, policy=Policy.chronos2("PT2H"))
    assert isinstance(event.event, Run)
    assert event.event.at == event.event.due  # what == says of one zone's wall times
    assert event.event.at.astimezone(UTC) - event.event.due.astimezone(UTC) == timedelta(hours=1)


def test_s37_the_summary_says_whose_own_epsilon_replaced_the_policys() -> None:
    jobs = _source(
        _job("own", "R/2026-03-01T00:00:00Z/PT10M", epsilon="PT15M"),
        EVERY_10 | {"name": "plain"},
        _job("off", "R/2026-03-01T00:00:00Z/PT10M", epsilon="PT15M", disabled=True),
        _job("after", parents=["own"], epsilon="PT5M"),  # a dependent starts when its round does
        _job("same", "R/2026-03-01T00:00:00Z/PT10M", epsilon="PT60S"),  # equal, still its own
    )
    result = simulate_fleet([jobs], _t(0), _t(1), outages=OUTAGE)
    assert [(job.name, job.epsilon) for job in result.own_epsilons] == [
        ("own", Duration.parse("PT15M")),
        ("same", Duration.parse("PT60S")),
    ]
    assert [job.epsilon for job in result.jobs] == [
        Duration.parse("PT15M"),
        None,
        None,
        None,
        Duration.parse("PT60S"),
    ]
    # no window to replace: Chronos 3, and Chronos 2's rules without one
    for policy in (Policy.chronos3(), Policy.named("chronos2", epsilon=None)):
        assert simulate_fleet([jobs], _t(0), _t(1), policy=policy).own_epsilons == ()


def test_s39_rn_counts_launches_under_chronos3() -> None:
    # R4 from 00:00 every 10 minutes, outage [00:12, 00:31). Chronos 2 counts occurrences:
    # 00:00, 00:10 run, 00:20, 00:30 missed: 2 runs. Chronos 3 counts launches: 00:00, 00:10,
    # 00:30 (at 00:31; 00:20 superseded), then 00:40: 4 runs.
    job = _source(_job("r4", "R4/2026-03-01T00:00:00Z/PT10M"))
    [two] = simulate_fleet([job], _t(0), _t(1), outages=OUTAGE).jobs
    [three] = simulate_fleet([job], _t(0), _t(1), outages=OUTAGE, policy=Policy.chronos3()).jobs
    assert (two.runs, two.missed) == (2, 2)
    assert (three.runs, three.superseded) == (4, 1)


def test_an_empty_start_is_due_at_the_start_of_the_window() -> None:
    # As if posted at 00:00: Chronos reads now - 1 s, isorepeat is given now = 00:00:01.
    result = simulate_fleet([_source(_job("now", "R//PT20M"))], _t(0), _t(1))
    assert _runs(result) == {"now": 3}
    assert result.busiest_minute == Peak(_t(0), 1)
    assert result.longest_gap == Span(_t(0), _t(0, 20))


def test_a_zone_moves_a_daily_job_across_dst() -> None:
    # 09:00 in Berlin: 08:00Z until the clocks go forward on 2026-03-29, then 07:00Z.
    job = _source(_job("daily", "R/2026-03-01T09:00:00/P1D", scheduleTimeZone="Europe/Berlin"))
    result = simulate_fleet([job], _t(0, day=27), _t(0, day=31))
    assert _runs(result) == {"daily": 4}
    # gaps: 8 h, then 27 08:00 -> 28 08:00 (24 h), 23 h, 24 h, 17 h: the earliest 24 h wins
    assert result.longest_gap == Span(_t(8, day=27), _t(8, day=28))
    assert result.busiest_hour == Peak(_t(8, day=27), 1)


def test_runs_in_the_repeated_hour_of_a_fall_back_are_two_instants() -> None:
    # Every 30 minutes in Berlin over the night of 2026-10-25 (02:00-03:00 happens twice). A
    # one-day window keeps the series in its zone (no UTC shortcut); still one run a minute.
    job = _source(_job("half", "R/2026-10-24T00:00:00/PT30M", scheduleTimeZone="Europe/Berlin"))
    start, end = datetime(2026, 10, 24, 22, tzinfo=UTC), datetime(2026, 10, 25, 3, tzinfo=UTC)
    for policy in (Policy.chronos2(), Policy.chronos2("P1D")):
        result = simulate_fleet([job], start, end, policy=policy)
        assert _runs(result) == {"half": 10}
        assert result.busiest_minute == Peak(start, 1)
        assert result.busiest_hour == Peak(start, 2)


def test_jobs_that_cannot_run_have_a_note_and_no_runs() -> None:
    jobs = _source(
        EVERY_10,
        _job("off", "R/2026-03-01T00:00:00Z/PT1M", disabled=True),
        _job("nothing"),
        _job("zero", "R/2026-03-01T00:00:00Z/PT0S"),  # IR207, a warning
    )
    result = simulate_fleet([jobs], _t(0), _t(1))
    notes = {job.name: (job.kind, job.runs, job.note) for job in result.jobs}
    assert notes["a"] == ("scheduled", 6, None)
    assert notes["off"] == ("scheduled", 0, "disabled: Chronos does not run it")
    assert notes["nothing"] == (
        "unscheduled",
        0,
        "no schedule and no parents: Chronos runs it once, when it is posted",
    )
    kind, runs, note = notes["zero"]
    assert (kind, runs) == ("scheduled", 0)
    assert note is not None
    assert note.startswith("not simulated: the period PT0S does not move forward")


# -- dependent jobs -----------------------------------------------------------------------------


def test_a_dependent_runs_once_per_completed_round_of_its_parents() -> None:
    # a: 00, 10, 20, 30, 40, 50; b: 05, 20, 35, 50.
    # Rounds: (a 00, b 05) -> 05; (a 10, b 20) -> 20; (a 30, b 35) -> 35; (a 40, b 50) -> 50.
    # a's 20 ran at the same instant as the round that ended at 20: not after it, so absorbed.
    jobs = _source(EVERY_10, EVERY_15_AT_5, _job("ab", parents=["a", "b"]))
    result = simulate_fleet([jobs], _t(0), _t(1))
    assert _runs(result) == {"a": 6, "b": 4, "ab": 4}
    assert result.jobs[2] == JobSummary("ab", "jobs.json", "dependent", 4)
    # 00:20 and 00:50: a, b and ab (the earliest wins); 00:05 and 00:35: b and ab
    assert result.busiest_minute == Peak(_t(0, 20), 3)


def test_extra_runs_of_one_parent_in_a_round_count_once() -> None:
    # hourly h at :00 and minutely m: each round waits for h; m's 59 other runs are absorbed.
    jobs = _source(
        _job("h", "R/2026-03-01T00:00:00Z/PT1H"),
        _job("m", "R/2026-03-01T00:00:00Z/PT1M"),
        _job("hm", parents=["h", "m"]),
    )
    # Rounds: (h 00:00, m 00:00) -> 00:00; (h 01:00, m 01:00) -> 01:00; (h 02:00, ...) -> 02:00
    result = simulate_fleet([jobs], _t(0), _t(3))
    assert _runs(result) == {"h": 3, "m": 180, "hm": 3}


def test_a_dependent_of_a_dependent() -> None:
    jobs = _source(EVERY_10, EVERY_15_AT_5, _job("ab", parents=["a", "b"]), _job("abc", parents=["ab"]))
    assert _runs(simulate_fleet([jobs], _t(0), _t(1)))["abc"] == 4
    # listed before its parent: the order of the files does not matter
    jobs = _source(_job("abc", parents=["ab"]), _job("ab", parents=["a", "b"]), EVERY_10, EVERY_15_AT_5)
    assert _runs(simulate_fleet([jobs], _t(0), _t(1)))["abc"] == 4


def test_catch_up_runs_at_one_instant_are_one_round() -> None:
    # Unbounded window, each: a's 00:10, 00:20 and 00:30 all run at 00:35 when the outage ends.
    # The dependent runs at 00:00, 00:35 (once: the other two are not after it), 00:40, 00:50.
    jobs = _source(EVERY_10, _job("after", parents=["a"]))
    policy = Policy(None, "each")
    result = simulate_fleet([jobs], _t(0), _t(1), outages=[(_t(0, 5), _t(0, 35))], policy=policy)
    assert _runs(result) == {"a": 6, "after": 4}
    # 00:35: three runs of a and one of after
    assert result.busiest_minute == Peak(_t(0, 35), 4)


def test_a_dependent_of_a_job_that_never_runs_never_runs() -> None:
    jobs = _source(_job("off", "R/2026-03-01T00:00:00Z/PT1M", disabled=True), _job("child", parents=["off"]))
    result = simulate_fleet([jobs], _t(0), _t(1))
    assert _runs(result) == {"off": 0, "child": 0}
    # issue 13 C18: it says why
    assert result.jobs[1].note == "its parent 'off' is disabled: it never runs"


# Why a dependent never runs (issue 13 C18): the plan's reasons, named down the chain.
NEVER_RUNS = [
    # (jobs, the dependent, its note)
    (
        [_job("off", "R/2026-03-01T00:00:00Z/PT1M", disabled=True), _job("child", parents=["off"])],
        "child",
        "its parent 'off' is disabled: it never runs",
    ),
    (
        [_job("once"), _job("child", parents=["once"])],
        "child",
        "its parent 'once' has no schedule and no parents: it never runs",
    ),
    # a chain names the job at its root
    (
        [
            _job("off", "R/2026-03-01T00:00:00Z/PT1M", disabled=True),
            _job("child", parents=["off"]),
            _job("grandchild", parents=["child"]),
        ],
        "grandchild",
        "its parent 'child' never runs: 'off' is disabled",
    ),
    # a disabled dependent's own reason comes first, and its dependents name it
    (
        [EVERY_10, _job("mid", parents=["a"], disabled=True), _job("leaf", parents=["a", "mid"])],
        "leaf",
        "its parent 'mid' is disabled: it never runs",
    ),
]


@pytest.mark.parametrize(("jobs", "name", "note"), NEVER_RUNS)
def test_a_dependent_that_never_runs_says_why(jobs: list[dict[str, object]], name: str, note: str) -> None:
    result = simulate_fleet([_source(*jobs)], _t(0), _t(1))
    [summary] = [job for job in result.jobs if job.name == name]
    assert (summary.runs, summary.note) == (0, note)
    assert summary.affected


# Parents in the fleet that could run, and did not in the window: the note names them.
LATER = _job("later", "R/2026-03-02T00:00:00Z/PT1H")  # its first run is after the window
ZERO = _job("zero", "R/2026-03-01T00:00:00Z/PT0S")  # not simulated (IR207, a warning)
NO_ROUND = [
    # (jobs, the dependent's note)
    ([LATER, _job("d", parents=["later"])], "its parent 'later' did not run in the window"),
    ([ZERO, _job("d", parents=["zero"])], "its parent 'zero' did not run in the window"),
    (
        [EVERY_10, LATER, _job("d", parents=["a", "later"])],
        "no round of its parents completed in the window: 'later' did not run",
    ),
    (
        [EVERY_10, LATER, ZERO, _job("d", parents=["later", "a", "zero"])],
        "no round of its parents completed in the window: 'later' and 'zero' did not run",
    ),
    # a dependent that did not run is a parent that did not run
    (
        [EVERY_10, LATER, _job("c", parents=["later"]), _job("d", parents=["a", "c"])],
        "no round of its parents completed in the window: 'c' did not run",
    ),
    (
        [
            *(_job(f"p{index}", f"R/2026-03-02T00:00:00Z/PT{index + 1}H") for index in range(5)),
            _job("d", parents=[f"p{index}" for index in range(5)]),
        ],
        "no round of its parents completed in the window: 'p0', 'p1', 'p2' and 2 more did not run",
    ),
]


@pytest.mark.parametrize(("jobs", "note"), NO_ROUND)
def test_a_dependent_whose_parents_completed_no_round_says_which(
    jobs: list[dict[str, object]], note: str
) -> None:
    result = simulate_fleet([_source(*jobs)], _t(0), _t(1))
    assert (result.jobs[-1].name, result.jobs[-1].runs, result.jobs[-1].note) == ("d", 0, note)
    # the same with workers: the dependents are counted in this process either way
    assert simulate_fleet([_source(*jobs)], _t(0), _t(1), workers=2) == result


def test_a_parent_left_out_by_skip_invalid_is_noted() -> None:
    parent = _source(_job("p", "R/2026-13-01T00:00:00Z/PT1H"), path="parent.json")
    child = _source(_job("child", parents=["p"]), path="child.json")
    result = simulate_fleet([parent, child], _t(0), _t(1), skip_invalid=True)
    assert not result.refused
    assert [d.path for d in result.errors] == ["parent.json"]
    assert result.jobs == (
        JobSummary(
            "child", "child.json", "dependent", 0, note="its parent 'p' is not in the fleet: it never runs"
        ),
    )


def test_the_airbnb_job_list(capsys: pytest.CaptureFixture[str]) -> None:
    # Two exports every 12 h at 00:15 and 00:30 (epsilon PT2H each) and a summary after both.
    start, end = datetime(2013, 3, 1, tzinfo=UTC), datetime(2013, 3, 2, tzinfo=UTC)
    hour = timedelta(hours=1)
    result = simulate_fleet([WITH_PARENTS], start, end)
    assert [(job.name, job.kind, job.runs) for job in result.jobs] == [
        ("db_export-airbed_hostings", "scheduled", 2),
        ("db_export-airbed_reservation2s", "scheduled", 2),
        ("hostings_earnings_summary", "dependent", 2),
    ]
    # 00:30: the second export and the summary; the hours 00 and 12 have three runs each
    assert result.busiest_minute == Peak(start + timedelta(minutes=30), 2)
    assert result.busiest_hour == Peak(start, 3)
    assert result.longest_gap == Span(
        start + timedelta(minutes=30), start + 12 * hour + timedelta(minutes=15)
    )
    # Down from 00:10 to 01:00: the exports run late (their own PT2H window), the summary at once.
    late = simulate_fleet([WITH_PARENTS], start, end, outages=[(start + timedelta(minutes=10), start + hour)])
    assert (late.runs, late.skips, late.busiest_minute) == (6, 0, Peak(start + hour, 3))
    # With catch-up "none" both exports skip their 00:xx runs; the summary waits for 12:30.
    none = simulate_fleet(
        [WITH_PARENTS],
        start,
        end,
        outages=[(start + timedelta(minutes=10), start + hour)],
        policy=Policy(Duration.parse("PT2H"), "none"),
    )
    assert _runs(none) == {
        "db_export-airbed_hostings": 1,
        "db_export-airbed_reservation2s": 1,
        "hostings_earnings_summary": 1,
    }
    assert none.skips == 2


# -- the plan: the order of dependents ----------------------------------------------------------


def _order(*jobs: FleetJob) -> tuple[list[str], dict[str, str]]:
    plan = Plan(jobs)
    return [job.name for job in plan.dependents], plan.notes


def _dependent(name: str, *parents: str, disabled: bool = False) -> FleetJob:
    return FleetJob(name, "jobs.json", parents=parents, disabled=disabled)


SCHEDULED = FleetJob("s", "jobs.json", "R/2026-03-01T00:00:00Z/PT10M")


def test_dependents_come_after_their_parents_otherwise_in_the_fleet_s_order() -> None:
    # listed in order: the fleet's order
    assert _order(SCHEDULED, _dependent("d1", "s"), _dependent("d2", "d1"), _dependent("d3", "s"))[0] == [
        "d1",
        "d2",
        "d3",
    ]
    # d2 is listed before its parent d1: a sweep of the fleet's order takes d1 and d3, the next
    # one d2, then d4, which waited for d2 and d3
    jobs = (SCHEDULED, _dependent("d2", "d1"), _dependent("d1", "s"), _dependent("d3", "s"))
    order, notes = _order(*jobs, _dependent("d4", "d2", "d3"))
    assert order == ["d1", "d3", "d2", "d4"]
    assert notes == {}


def test_the_order_of_dependents_is_topological_on_any_graph() -> None:
    # the property graphlib gives: every parent comes before its dependent, whatever the listing
    rng = random.Random(12)
    for _ in range(200):
        names = [f"d{index}" for index in range(rng.randint(1, 9))]  # d0 -> d1 -> ...: no cycle
        jobs = [_dependent("d0", "s")]
        jobs += [
            _dependent(name, *rng.sample(names[:index], rng.randint(1, min(2, index))))
            for index, name in enumerate(names)
            if index
        ]
        rng.shuffle(jobs)
        order, notes = _order(SCHEDULED, *jobs)
        assert sorted(order) == sorted(names)
        assert notes == {}
        for job in jobs:
            assert all(order.index(parent) < order.index(job.name) for parent in job.parents if parent != "s")


def test_a_dependency_cycle_is_noted_and_comes_last() -> None:
    # x and y wait for each other; z waits for x, so it never runs either; w is not held back
    jobs = (
        SCHEDULED,
        _dependent("x", "y"),
        _dependent("y", "x", "s"),
        _dependent("z", "x"),
        _dependent("w", "s"),
    )
    order, notes = _order(*jobs)
    assert order == ["w", "x", "y", "z"]
    cycle = "in a dependency cycle: it never runs"
    assert notes == {"x": cycle, "y": cycle, "z": cycle}
    # load_fleet refuses a cycle (IR105); a fleet built by hand is simulated around it
    result = simulate_fleet(Fleet(jobs), _t(0), _t(1))
    assert [(job.name, job.runs, job.note) for job in result.jobs] == [
        ("s", 6, None),
        ("x", 0, cycle),
        ("y", 0, cycle),
        ("z", 0, cycle),
        ("w", 6, None),
    ]
    assert [e.job for e in fleet_events(Fleet(jobs), _t(0), _t(0, 5))] == ["s", "w"]


def test_a_parent_missing_from_the_fleet_is_noted() -> None:
    # d's parent "ghost" is no job: d never runs, nor does its dependent e, which names the root
    # (issue 13 C18); a disabled job keeps the reason it has first
    jobs = (
        SCHEDULED,
        _dependent("e", "d"),
        _dependent("d", "s", "ghost"),
        _dependent("off", "ghost", disabled=True),
    )
    order, notes = _order(*jobs)
    assert order == ["d", "off", "e"]
    assert notes == {
        "d": "its parent 'ghost' is not in the fleet: it never runs",
        "e": "its parent 'd' never runs: 'ghost' is not in the fleet",
        "off": "disabled: Chronos does not run it",
    }
    result = simulate_fleet(Fleet(jobs), _t(0), _t(1))
    assert [(job.name, job.runs, job.note) for job in result.jobs] == [
        ("s", 6, None),
        ("e", 0, notes["e"]),
        ("d", 0, notes["d"]),
        ("off", 0, notes["off"]),
    ]


# -- the summary figures ------------------------------------------------------------------------


def test_no_runs_make_the_whole_window_the_gap() -> None:
    result = simulate_fleet([_source(_job("later", "R/2026-03-02T00:00:00Z/PT1H"))], _t(0), _t(1))
    assert (result.runs, result.busiest_minute, result.busiest_hour) == (0, None, None)
    assert result.longest_gap == Span(_t(0), _t(1))
    assert result.longest_gap.length == timedelta(hours=1)


def test_an_empty_window_has_no_gap() -> None:
    result = simulate_fleet([_source(EVERY_10)], _t(0), _t(0))
    assert (result.runs, result.longest_gap) == (0, None)


def test_a_run_caught_up_after_the_end_counts_but_not_for_the_gap() -> None:
    # Due 00:50, down until 01:30, unbounded window: runs at 01:30, after the window.
    result = simulate_fleet(
        [_source(EVERY_10)], _t(0), _t(1), outages=[(_t(0, 45), _t(1, 30))], policy=Policy(None, "each")
    )
    assert result.runs == 6
    assert result.busiest_hour == Peak(_t(0), 5)  # and one in the hour 01:00
    assert result.longest_gap == Span(_t(0, 40), _t(1))


def test_peaks_and_gaps_are_in_utc_whatever_the_window_s_offset() -> None:
    plus2 = timezone(timedelta(hours=2))
    start = datetime(2026, 3, 1, 2, 0, tzinfo=plus2)  # 00:00Z
    result = simulate_fleet([_source(EVERY_10)], start, start + timedelta(hours=1))
    assert result.busiest_hour == Peak(_t(0), 6)
    assert result.longest_gap == Span(_t(0), _t(0, 10))
    assert result.longest_gap.start.tzinfo is UTC


# Job by job, the fleet agrees with simulate() run in each job's own zone (the oracle): the
# fleet takes a UTC shortcut for periods of hours, minutes and seconds (_fleet_plan._in_utc).
ORACLE_JOBS = [
    # (schedule, zone, epsilon field)
    ("R/2026-03-28T23:17:00/PT7M", "Europe/Berlin", None),
    ("R/2026-03-08T01:00:00/PT1H", "America/Los_Angeles", "PT5M"),
    ("R/2026-10-24T23:00:00/PT15M", "Europe/Berlin", None),
    ("R/2026-03-28T09:00:00/P1D", "Europe/Berlin", None),
    ("R/2026-01-31T02:30:00/P1M", "America/Los_Angeles", "PT30M"),
    ("R40/2026-03-28T12:00:00.250+05:30/PT45M", None, None),
    ("R/2026-03-28T00:00:00Z/PT1H30M", "UTC", None),
]
SPRING = (datetime(2026, 3, 28, tzinfo=UTC), datetime(2026, 3, 30, tzinfo=UTC))
AUTUMN = (datetime(2026, 10, 24, 20, tzinfo=UTC), datetime(2026, 10, 25, 6, tzinfo=UTC))
# down at 00:10 in Berlin (22:10Z), up at 01:20Z: after the repeated hour 02:00-03:00 began twice
AUTUMN_OUTAGE = [
    (
        datetime(2026, 10, 25, 0, 10, tzinfo=ZoneInfo("Europe/Berlin")),
        datetime(2026, 10, 25, 1, 20, tzinfo=UTC),
    )
]
ORACLE_CASES = [
    pytest.param(policy, window, outages, id=f"{name}-{season}")
    for name, policy in [
        ("chronos2", Policy.chronos2()),
        ("chronos3", Policy.chronos3()),
        ("latest", Policy(Duration.parse("PT10M"), "latest")),
    ]
    for season, window, outages in [
        ("spring", SPRING, []),
        (
            "spring-outage",
            SPRING,
            [(datetime(2026, 3, 29, 0, 55, tzinfo=UTC), datetime(2026, 3, 29, 2, 3, tzinfo=UTC))],
        ),
        ("autumn-outage", AUTUMN, AUTUMN_OUTAGE),
        # overlapping and touching outages, merged as simulate merges them (late runs)
        (
            "spring-overlapping",
            SPRING,
            [
                (datetime(2026, 3, 29, 1, 30, tzinfo=UTC), datetime(2026, 3, 29, 3, 10, tzinfo=UTC)),
                (datetime(2026, 3, 29, 0, 55, tzinfo=UTC), datetime(2026, 3, 29, 2, 3, tzinfo=UTC)),
                (datetime(2026, 3, 29, 3, 10, tzinfo=UTC), datetime(2026, 3, 29, 3, 40, tzinfo=UTC)),
                (datetime(2026, 3, 28, 8, 50, tzinfo=UTC), datetime(2026, 3, 28, 8, 50, tzinfo=UTC)),
            ],
        ),
    ]
]


@pytest.mark.parametrize(("policy", "window", "outages"), ORACLE_CASES)
def test_the_fleet_agrees_with_simulate_job_by_job(
    policy: Policy, window: tuple[datetime, datetime], outages: list[tuple[datetime, datetime]]
) -> None:
    start, end = window
    jobs = [
        _job(
            f"j{index}",
            text,
            **({"scheduleTimeZone": zone} if zone else {}),
            **({"epsilon": eps} if eps else {}),
        )
        for index, (text, zone, eps) in enumerate(ORACLE_JOBS)
    ]
    result = simulate_fleet([_source(*jobs)], start, end, outages=outages, policy=policy)
    minutes: Counter[datetime] = Counter()
    for summary, (text, zone, eps) in zip(result.jobs, ORACLE_JOBS, strict=True):
        # the oracle: simulate() in the job's own zone, its runs taken to UTC one by one
        schedule = parse(text, dialect="chronos", tz=zone)
        own = (
            policy
            if eps is None or policy.epsilon is None
            else Policy(Duration.parse(eps), policy.catchup, policy.count, policy.mode)
        )
        events = list(simulate(schedule, start, end, outages=outages, policy=own))
        runs = [event.at.astimezone(UTC) for event in events if isinstance(event, Run)]
        reasons = Counter(event.reason for event in events if isinstance(event, Skipped))
        late = sum(
            event.at.astimezone(UTC) != event.due.astimezone(UTC)
            for event in events
            if isinstance(event, Run)
        )
        assert (summary.runs, summary.missed, summary.superseded, summary.not_caught_up, summary.late) == (
            len(runs),
            reasons["missed"],
            reasons["superseded"],
            reasons["not caught up"],
            late,
        ), text
        minutes.update(run.replace(second=0, microsecond=0) for run in runs)
    if minutes:
        assert result.busiest_minute is not None
        top = max(minutes.values())
        assert result.busiest_minute == Peak(min(m for m, n in minutes.items() if n == top), top)


# -- for planners: ranking, affected jobs (issue 13 C18) -------------------------------------------


def _ranked(*jobs: JobSummary) -> FleetResult:
    return FleetResult(_t(0), _t(1), Policy.chronos2(), jobs)


def _summary(name: str, runs: int = 0, missed: int = 0, **fields: object) -> JobSummary:
    return JobSummary(name, "jobs.json", "scheduled", runs, missed, **fields)  # type: ignore[arg-type]  # NOTE: fields are JobSummary's


# Names in the order a person expects: digits as numbers, case ignored, then as written.
NAME_ORDER = [
    ["job-2", "job-101", "job-1000"],
    ["job", "job-1", "job-1a", "job-1b", "job-10"],
    ["a9", "A10", "b1"],
    ["job-007", "job-7", "job-08"],  # one number: as written, "0" before "7"
    ["x1", "x1.5", "x1.10", "x2"],
    ["n" + "9" * 5000, "n1" + "0" * 5000],  # longer than int() reads
    ["", "0", "00", "1"],
]


@pytest.mark.parametrize("names", NAME_ORDER)
def test_name_order_is_numeric_aware(names: list[str]) -> None:
    shuffled = names[::-1]
    random.Random(3).shuffle(shuffled)
    result = _ranked(*(_summary(name) for name in shuffled))
    assert [job.name for job in result.top(by="name")] == names


def test_top_ranks_by_runs_or_skips_the_most_first_equals_by_name() -> None:
    result = _ranked(
        _summary("job-1000", 5, 1),
        _summary("job-101", 5, 0),
        _summary("job-2", 9, 0),
        _summary("job-30", 1, 3),
        _summary("job-4", 5, 1),
    )
    assert [job.name for job in result.top(by="runs")] == ["job-2", "job-4", "job-101", "job-1000", "job-30"]
    assert [job.name for job in result.top(by="skips")] == ["job-30", "job-4", "job-1000", "job-2", "job-101"]
    assert [job.name for job in result.top(2)] == ["job-2", "job-4"]  # by runs
    assert result.top(0) == ()
    assert len(result.top(99)) == 5
    assert [job.name for job in result.jobs] == ["job-1000", "job-101", "job-2", "job-30", "job-4"]


def test_affected_jobs_skipped_ran_late_or_are_dependents_without_a_run() -> None:
    result = _ranked(
        _summary("fine", 6),
        _summary("missed", 5, 1),
        _summary("late", 6, late=2),
        _summary("off", note="disabled: Chronos does not run it"),  # not an outage's doing
        JobSummary("ran", "jobs.json", "dependent", 3),
        JobSummary("idle", "jobs.json", "dependent", 0, note="its parent 'later' did not run in the window"),
        _summary("superseded", 1, superseded=1),
        _summary("waiting", 1, not_caught_up=1),
    )
    assert [job.name for job in result.affected()] == ["missed", "late", "idle", "superseded", "waiting"]
    assert [job.name for job in result.top(2, by="skips", only_affected=True)] == ["missed", "superseded"]
    assert [job.name for job in result.top(by="name", only_affected=True)] == [
        "idle", "late", "missed", "superseded", "waiting",
    ]  # fmt: skip


def test_top_refuses_what_it_cannot_rank() -> None:
    result = _ranked(_summary("a"))
    with pytest.raises(ValueError, match="n must be 0 or more"):
        result.top(-1)
    with pytest.raises(ValueError, match="by must be one of 'runs', 'skips', 'name', not 'late'"):
        result.top(by="late")  # type: ignore[arg-type]  # NOTE: the error is the test


@pytest.mark.parametrize(
    ("outage", "overlaps"),
    [
        ((_t(1), _t(2)), True),
        ((_t(0), _t(3)), True),  # holds the window
        ((_t(1, 30), _t(1, 40)), True),  # inside it
        ((_t(0), _t(1)), False),  # ends when the window starts
        ((_t(2), _t(3)), False),  # starts when it ends
        ((_t(3), _t(4)), False),
        ((_t(1, 30), _t(1, 30)), False),  # empty
    ],
)
def test_a_span_overlaps_another_when_they_share_a_moment(
    outage: tuple[datetime, datetime], overlaps: bool
) -> None:
    window = Span(_t(1), _t(2))
    assert Span(*outage).overlaps(window) is overlaps
    assert window.overlaps(Span(*outage)) is overlaps


# -- workers, progress, timeline ------------------------------------------------------------------


def test_workers_give_the_same_result(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("isorepeat.chronos._fleet_summary._MIN_JOBS_PER_WORKER", 1)
    jobs = _source(
        EVERY_10, EVERY_15_AT_5, _job("ab", parents=["a", "b"]), _job("h", "R/2026-03-01T00:00:00Z/PT1H")
    )
    one = simulate_fleet([jobs], _t(0), _t(3), outages=OUTAGE)
    two = simulate_fleet([jobs], _t(0), _t(3), outages=OUTAGE, workers=2)
    assert two == one
    assert _runs(two) == {"a": 16, "b": 11, "ab": 11, "h": 3}


def test_workers_none_means_the_processors_available(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("isorepeat.chronos._fleet_summary._MIN_JOBS_PER_WORKER", 1)
    jobs = _source(EVERY_10, EVERY_15_AT_5)
    assert simulate_fleet([jobs], _t(0), _t(1), workers=None) == simulate_fleet([jobs], _t(0), _t(1))
    with pytest.raises(ValueError, match="workers must be 1 or more"):
        simulate_fleet([jobs], _t(0), _t(1), workers=0)


def test_progress_is_told_until_every_job_is_done() -> None:
    seen: list[tuple[int, int]] = []
    jobs = _source(EVERY_10, EVERY_15_AT_5, _job("ab", parents=["a", "b"]))
    simulate_fleet([jobs], _t(0), _t(1), progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 3), (2, 3), (3, 3)]


def test_the_timeline_is_in_time_order_across_zones() -> None:
    # 01:00 in Berlin (+01:00) is 00:00Z; 16:30 the day before in Los Angeles (-08:00) is 00:30Z.
    jobs = _source(
        _job("berlin", "R/2026-03-01T01:00:00/PT1H", scheduleTimeZone="Europe/Berlin"),
        _job("la", "R/2026-02-28T16:30:00/PT1H", scheduleTimeZone="America/Los_Angeles"),
        _job("utc", "R/2026-03-01T00:00:00Z/PT30M"),
    )
    events = list(fleet_events([jobs], _t(0), _t(1)))
    assert [(e.moment.astimezone(UTC), e.job) for e in events] == [
        (_t(0), "berlin"),
        (_t(0), "utc"),
        (_t(0, 30), "la"),
        (_t(0, 30), "utc"),
    ]
    # each job's events in its own zone
    assert events[0].moment.tzinfo == ZoneInfo("Europe/Berlin")


def test_the_timeline_has_the_skips_at_their_due_time_and_the_dependents() -> None:
    jobs = _source(EVERY_10, _job("after", parents=["a"]))
    events = list(fleet_events([jobs], _t(0), _t(0, 30), outages=[(_t(0, 5), _t(0, 15))]))
    assert events == [
        FleetEvent("a", Run(_t(0), _t(0))),
        FleetEvent("after", Run(_t(0), _t(0))),
        FleetEvent("a", Skipped(_t(0, 10), "missed")),
        FleetEvent("a", Run(_t(0, 20), _t(0, 20))),
        FleetEvent("after", Run(_t(0, 20), _t(0, 20))),
    ]
    assert [e.moment for e in events] == [_t(0), _t(0), _t(0, 10), _t(0, 20), _t(0, 20)]


def test_the_timeline_and_the_summary_agree() -> None:
    jobs = [_source(EVERY_10, EVERY_15_AT_5, _job("ab", parents=["a", "b"]))]
    events = list(fleet_events(jobs, _t(0), _t(2), outages=OUTAGE))
    result = simulate_fleet(jobs, _t(0), _t(2), outages=OUTAGE)
    ran = Counter(e.job for e in events if isinstance(e.event, Run))
    assert dict(ran) == _runs(result)
    assert sum(isinstance(e.event, Skipped) for e in events) == result.skips


# A fleet with zones, elapsed and calendar periods, epsilons, dependents of dependents, over the
# spring change in Berlin and Los Angeles, with outages: the summary (the UTC shortcut) and the
# timeline (every job in its own zone) must be one simulation.
AGREEING = [
    _job("berlin", "R/2026-03-28T23:17:00/PT7M", scheduleTimeZone="Europe/Berlin"),
    _job("la", "R/2026-03-28T01:00:00/PT1H", scheduleTimeZone="America/Los_Angeles", epsilon="PT5M"),
    _job("daily", "R/2026-03-28T09:00:00/P1D", scheduleTimeZone="Europe/Berlin", epsilon="PT2H"),
    _job("kolkata", "R40/2026-03-28T12:00:00.250+05:30/PT45M"),
    _job("utc", "R/2026-03-28T00:00:00Z/PT1H30M"),
    _job("both", parents=["berlin", "la"]),
    _job("after", parents=["both", "daily"]),
    _job("three", parents=["after", "utc", "kolkata"]),
]
AGREEING_OUTAGES = [
    (datetime(2026, 3, 29, 0, 55, tzinfo=UTC), datetime(2026, 3, 29, 2, 3, tzinfo=UTC)),
    (
        datetime(2026, 3, 29, 10, 0, tzinfo=ZoneInfo("Europe/Berlin")),
        datetime(2026, 3, 29, 9, 40, tzinfo=UTC),
    ),
]


@pytest.mark.parametrize(
    "policy",
    [Policy.chronos2(), Policy.chronos3(), Policy(Duration.parse("PT10M"), "latest"), Policy(None, "none")],
    ids=["chronos2", "chronos3", "latest", "none"],
)
def test_the_summary_and_the_timeline_agree_run_for_run(policy: Policy) -> None:
    start, end = SPRING
    fleet = load_fleet([_source(*AGREEING)])
    assert not fleet.refused
    events = list(fleet_events(fleet, start, end, outages=AGREEING_OUTAGES, policy=policy))
    # every run of the timeline is a run the summary counted, at the same instant
    setting = checked_setting(start, end, AGREEING_OUTAGES, policy, None)
    counted, counts = count_fleet(Plan(fleet.jobs), setting)
    assert Counter(e.event.at - EPOCH for e in events if isinstance(e.event, Run)) == counts
    assert sum(counts.values()) > 100
    # and job by job, the runs, the skips by reason and the runs late
    result = simulate_fleet(fleet, start, end, outages=AGREEING_OUTAGES, policy=policy)
    assert result.late > 0 or policy.catchup == "none"  # the count is tested, not only zeros
    for summary in result.jobs:
        own = [e.event for e in events if e.job == summary.name]
        reasons = Counter(event.reason for event in own if isinstance(event, Skipped))
        late = sum(
            event.at.astimezone(UTC) != event.due.astimezone(UTC) for event in own if isinstance(event, Run)
        )
        assert (summary.runs, summary.missed, summary.superseded, summary.not_caught_up, summary.late) == (
            sum(isinstance(event, Run) for event in own),
            reasons["missed"],
            reasons["superseded"],
            reasons["not caught up"],
            late,
        ), summary.name
        assert counted[summary.name][1:6] == (
            summary.runs,
            summary.missed,
            summary.superseded,
            summary.not_caught_up,
            summary.late,
        )
    assert {summary.name for summary in result.jobs if summary.runs} == {job["name"] for job in AGREEING}
    # the figures, from the timeline's runs
    minutes = Counter(
        e.moment.astimezone(UTC).replace(second=0, microsecond=0) for e in events if isinstance(e.event, Run)
    )
    top = max(minutes.values())
    assert result.busiest_minute == Peak(min(m for m, n in minutes.items() if n == top), top)


def test_the_pipeline_in_utc_is_the_pipeline_in_each_zone() -> None:
    # job_events(zoned=False), what the summary counts, against zoned=True, what the timeline
    # shows, event by event, the parents' runs passed along as each consumer passes them
    start, end = SPRING
    fleet = load_fleet([_source(*AGREEING)])
    plan = Plan(fleet.jobs)
    setting = checked_setting(start, end, AGREEING_OUTAGES, Policy.chronos2(), None)
    runs_of: dict[str, Micros] = {}
    for job in [*plan.scheduled, *plan.dependents]:
        in_utc, zoned = (job_events(job, setting, runs_of, zoned=flag) for flag in (False, True))
        assert not isinstance(in_utc, str)
        assert not isinstance(zoned, str)
        utc_events, zoned_events = list(in_utc), list(zoned)
        assert [_in_utc_fields(event) for event in utc_events] == [_in_utc_fields(e) for e in zoned_events]
        runs_of[job.name] = run_micros(utc_events)
    assert len(runs_of["three"]) > 0


def _in_utc_fields(event: Run | Skipped) -> tuple[str, datetime, datetime | str]:
    if isinstance(event, Run):
        return "run", event.due.astimezone(UTC), event.at.astimezone(UTC)
    return "skipped", event.due.astimezone(UTC), event.reason


# -- errors -------------------------------------------------------------------------------------


def test_a_refused_fleet_simulates_nothing() -> None:
    bad = _source(_job("b", "R5/2012-13-01T00:00Z/P1D"), path="bad.json")
    result = simulate_fleet([bad], _t(0), _t(1))
    assert result.refused
    assert (result.jobs, result.busiest_minute, result.longest_gap) == ((), None, None)
    assert [d.code for d in result.errors] == ["IR100"]
    with pytest.raises(ValueError, match=r"the fleet was refused: 1 errors in bad\.json"):
        fleet_events([bad], _t(0), _t(1))


@pytest.mark.parametrize(
    ("start", "end", "outages", "message"),
    [
        (datetime(2026, 3, 1), _t(1), [], "start must be an aware datetime"),
        (_t(1), _t(0), [], "end 2026-03-01T00:00:00[+]00:00 is before start"),
        (_t(0), _t(1), [(_t(0, 30), _t(0, 10))], "an outage ends .* before it begins"),
        (_t(0), _t(1), [(_t(0), datetime(2026, 3, 1, 1))], "an outage's end must be an aware datetime"),
    ],
)
def test_bad_windows_are_rejected_before_any_file_is_read(
    start: datetime, end: datetime, outages: list[tuple[datetime, datetime]], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        simulate_fleet(["/no/such/file.json"], start, end, outages=outages)


def test_loading_options_with_a_loaded_fleet_are_an_error() -> None:
    fleet = load_fleet([_source(EVERY_10)])
    with pytest.raises(ValueError, match="pass them to load_fleet"):
        simulate_fleet(fleet, _t(0), _t(1), skip_invalid=True)


def test_one_path_as_a_string_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="pass a list of paths"):
        simulate_fleet("jobs/", _t(0), _t(1))  # a str type-checks: it is an iterable of str


def test_a_missing_file_is_an_os_error() -> None:
    with pytest.raises(OSError, match="no/such"):
        simulate_fleet(["/no/such/file.json"], _t(0), _t(1))


# -- value objects ------------------------------------------------------------------------------

FLEET_NAMES = (
    "simulate_fleet", "fleet_events", "load_fleet", "Fleet", "FleetJob", "FleetResult", "FleetEvent",
    "JobSummary", "Peak", "Span", "SortKey", "JobKind",
)  # fmt: skip
VALUES = [
    FleetJob(
        "a", "jobs.json", "R/2026-03-01T00:00:00Z/PT1H", "Europe/Berlin", Duration.parse("PT5M"), ("p",)
    ),
    Fleet(
        (FleetJob("a", "jobs.json"),), (Diagnostic("IR100", "error", "bad", "x.json", 1, 2),), jvm_zone="UTC"
    ),
    JobSummary("a", "jobs.json", "scheduled", 3, 1, 0, 2, "a note"),
    JobSummary("a", "jobs.json", "scheduled", 3, late=2, epsilon=Duration.parse("PT5M")),
    Peak(_t(0), 3),
    Span(_t(0), _t(1)),
    FleetEvent("a", Run(_t(0), _t(0, 1))),
    FleetEvent("a", Skipped(_t(0), "missed")),
    simulate_fleet([_source(EVERY_10, EVERY_15_AT_5)], _t(0), _t(1), outages=OUTAGE),
]
NAMES = {"datetime": _datetime, "Duration": Duration, "Policy": Policy, "Diagnostic": Diagnostic, "Run": Run}
NAMES |= {"Skipped": Skipped, **{name: getattr(isorepeat.chronos, name) for name in FLEET_NAMES}}


@pytest.mark.parametrize("value", VALUES, ids=lambda value: type(value).__name__)
def test_immutable(value: object) -> None:
    name = next(iter(value.__dataclass_fields__))  # type: ignore[attr-defined]  # NOTE: all are dataclasses
    with pytest.raises(AttributeError):
        setattr(value, name, None)


@pytest.mark.parametrize("value", VALUES, ids=lambda value: type(value).__name__)
def test_hash_matches_eq(value: object) -> None:
    twin = pickle.loads(pickle.dumps(value))
    assert twin == value
    assert hash(twin) == hash(value)


@pytest.mark.parametrize("value", VALUES, ids=lambda value: type(value).__name__)
def test_repr_evaluates(value: object) -> None:
    assert eval(repr(value), NAMES) == value


def test_the_fleet_api_is_chronos_s() -> None:
    # The fleet is Chronos's (issue 12): exported by isorepeat.chronos, not by the core.
    assert isorepeat.chronos.simulate_fleet is simulate_fleet
    assert set(FLEET_NAMES) <= set(isorepeat.chronos.__all__)
    fleet_names = {name for name, module in isorepeat.chronos._LAZY.items() if module.endswith(".fleet")}
    assert set(FLEET_NAMES) == fleet_names
    assert not set(FLEET_NAMES) & set(isorepeat.__all__)
    with pytest.raises(AttributeError, match="no attribute 'simulate_fleet'"):
        isorepeat.simulate_fleet  # noqa: B018  # NOTE: the attribute error is the test (isorepeat.__getattr__ types it)
    with pytest.raises(AttributeError, match="no attribute 'simulate_flet'"):
        isorepeat.chronos.simulate_flet  # noqa: B018  # NOTE: the attribute error is the test


def test_the_fleet_loads_on_first_use() -> None:
    # ``isorepeat check`` imports the Chronos package on every commit; the fleet is not its work
    code = (
        "import sys, isorepeat.chronos; loaded = 'isorepeat.chronos.fleet' in sys.modules; "
        "from isorepeat.chronos import simulate_fleet; "
        "print(loaded, 'isorepeat.chronos.fleet' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "True"]
