"""ISO8601Trigger in a real APScheduler 3.x: real schedulers firing, a real SQLite job store.

The schedulers that fire run a series of a sub-second period started a moment ahead; they wait
for APScheduler's own events (a job executed, a job removed), never for the clock, and their
jobs take ``misfire_grace_time=None`` and ``coalesce=False``, so a slow machine runs each run
late rather than dropping it: the counts do not depend on the machine's speed. The others use a
paused scheduler (jobs are added and stored, nothing fires) or call the trigger directly.
"""

from __future__ import annotations

import importlib.metadata
import pickle
import threading
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from itertools import islice
from pathlib import Path
from typing import Any, Final
from zoneinfo import ZoneInfo

import pytest

pytest.importorskip("apscheduler", reason="APScheduler is not installed (the apscheduler extra)")
pytest.importorskip("sqlalchemy", reason="SQLAlchemy is not installed (APScheduler's SQLite job store)")

from apscheduler.events import (  # type: ignore[import-untyped]
    EVENT_JOB_EXECUTED,
    EVENT_JOB_REMOVED,
    EVENT_JOB_SUBMITTED,
    JobEvent,
    JobExecutionEvent,
)
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore  # type: ignore[import-untyped]
from apscheduler.schedulers.background import BackgroundScheduler  # type: ignore[import-untyped]
from hypothesis import example, given
from hypothesis import strategies as st

import isorepeat
from isorepeat import Duration, Policy, Schedule, ScheduleError
from isorepeat.integrations.apscheduler import STATE_VERSION, ISO8601Trigger, misfire_policy
from tests.properties.strategies import SETTINGS

WAIT: Final = 10.0
"""Seconds to wait for an event before the test fails (the series themselves take under 1 s)."""
ROBUST: Final = {"misfire_grace_time": None, "coalesce": False, "max_instances": 3}
"""Job options under which every run runs, however late the machine is."""
UTC: Final = timezone.utc


def _fire() -> None:
    """The job: what it does is not the point, when it runs is (APScheduler's events say)."""


def _soon(seconds: float = 0.3) -> str:
    """A start a moment ahead, to the millisecond, in UTC."""
    moment = datetime.now(UTC) + timedelta(seconds=seconds)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _alias_registered() -> bool:
    return any(
        entry.name == "iso8601" and entry.value == "isorepeat.integrations.apscheduler:ISO8601Trigger"
        for entry in importlib.metadata.entry_points(group="apscheduler.triggers")
    )


needs_alias = pytest.mark.skipif(
    not _alias_registered(),
    reason="isorepeat is not installed (pip install -e .): the iso8601 entry point is not registered",
)


class Recorder:
    """The events of one scheduler: the scheduled times of the runs executed, and the removal."""

    def __init__(self, scheduler: Any) -> None:
        self.executed: list[datetime] = []
        self.first_executed = threading.Event()
        self.removed = threading.Event()
        scheduler.add_listener(self._on_executed, EVENT_JOB_EXECUTED)
        scheduler.add_listener(self._on_removed, EVENT_JOB_REMOVED)

    def _on_executed(self, event: JobExecutionEvent) -> None:
        self.executed.append(event.scheduled_run_time)
        self.first_executed.set()

    def _on_removed(self, _event: JobEvent) -> None:
        self.removed.set()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'jobs.sqlite'}"


@pytest.fixture
def paused() -> Iterator[Any]:
    """A started, paused scheduler in Europe/Berlin: jobs are added and stored, none fires."""
    scheduler = BackgroundScheduler(timezone="Europe/Berlin")
    scheduler.start(paused=True)
    yield scheduler
    scheduler.shutdown(wait=False)


def _utc(moments: list[datetime]) -> list[datetime]:
    return [moment.astimezone(UTC) for moment in moments]


# -- real schedulers firing ------------------------------------------------------------------------


def test_a_background_scheduler_fires_r3_exactly_three_times() -> None:
    scheduler = BackgroundScheduler(timezone="UTC")
    recorder = Recorder(scheduler)
    scheduler.start(paused=True)
    try:
        schedule = isorepeat.parse(f"R3/{_soon()}/PT0.2S")
        job = scheduler.add_job(_fire, ISO8601Trigger(schedule), id="r3", **ROBUST)
        assert job.next_run_time == schedule[0], "adding the job took longer than its lead"
        scheduler.resume()
        assert recorder.removed.wait(WAIT), "the series did not end"
        assert scheduler.get_jobs() == []
    finally:
        scheduler.shutdown(wait=True)
    assert _utc(recorder.executed) == _utc(list(schedule))


@needs_alias
def test_a_restart_on_a_sqlite_job_store_fires_the_rest_of_the_series(sqlite_url: str) -> None:
    first = BackgroundScheduler(timezone="UTC", jobstores={"default": SQLAlchemyJobStore(url=sqlite_url)})
    before = Recorder(first)

    def stop_after_the_first_fire(_event: JobEvent) -> None:
        # Dispatched by the scheduler's thread once the store holds the next run. Detaching the
        # store (its jobs stay in the file) leaves nothing to the pass APScheduler makes at
        # shutdown, which would otherwise take a run then due and lose it to the closed executor.
        first.remove_jobstore("default")

    first.add_listener(stop_after_the_first_fire, EVENT_JOB_SUBMITTED)
    first.start(paused=True)
    try:
        schedule = isorepeat.parse(f"R3/{_soon()}/PT0.2S")
        job = first.add_job(_fire, "iso8601", schedule=str(schedule), id="r3", **ROBUST)
        assert job.next_run_time == schedule[0], "adding the job took longer than its lead"
        first.resume()
        assert before.first_executed.wait(WAIT), "the first run did not run"
    finally:
        first.shutdown(wait=True)
    assert len(before.executed) == 1

    second = BackgroundScheduler(timezone="UTC", jobstores={"default": SQLAlchemyJobStore(url=sqlite_url)})
    after = Recorder(second)
    second.start()
    try:
        assert after.removed.wait(WAIT), "the series did not end after the restart"
        assert second.get_jobs() == []
    finally:
        second.shutdown(wait=True)
    assert len(after.executed) == 2
    assert _utc(before.executed + after.executed) == _utc(list(schedule))


# -- add_job(f, "iso8601", ...) ----------------------------------------------------------------------


@needs_alias
def test_the_entry_point_alias_builds_the_trigger(paused: Any) -> None:
    job = paused.add_job(
        _fire, "iso8601", schedule="R/2026-01-31T09:00:00/P1M", timezone="Europe/Berlin", id="monthly"
    )
    assert isinstance(job.trigger, ISO8601Trigger)
    assert str(job.trigger) == "iso8601[R/2026-01-31T09:00:00+01:00[Europe/Berlin]/P1M]"
    assert job.trigger.schedule == isorepeat.parse("R/2026-01-31T09:00:00/P1M", tz="Europe/Berlin")
    expected = job.trigger.schedule.next_after(datetime.now(UTC), inclusive=True)
    assert job.next_run_time == expected


@needs_alias
def test_the_alias_takes_the_schedulers_zone_for_a_start_without_offset(paused: Any) -> None:
    job = paused.add_job(_fire, "iso8601", schedule="R/2026-01-31T09:00:00/P1M")
    assert job.trigger.schedule.tz == ZoneInfo("Europe/Berlin")
    # A start that writes its offset keeps it: the scheduler's zone is passed to every trigger.
    job = paused.add_job(_fire, "iso8601", schedule="R/2026-01-31T09:00:00Z/P1M")
    assert str(job.trigger.schedule) == "R/2026-01-31T09:00:00Z/P1M"


@needs_alias
def test_an_empty_start_is_resolved_when_the_job_is_added_and_persists(sqlite_url: str) -> None:
    scheduler = BackgroundScheduler(
        timezone="Europe/Berlin", jobstores={"default": SQLAlchemyJobStore(url=sqlite_url)}
    )
    scheduler.start(paused=True)
    try:
        before = datetime.now(UTC)
        scheduler.add_job(_fire, "iso8601", schedule="R//PT0.2S", id="every")
        after = datetime.now(UTC)
        stored = scheduler.get_job("every")  # read back from SQLite: unpickled
        # Nothing due at shutdown, where APScheduler makes one more pass, paused or not.
        scheduler.pause_job("every")
    finally:
        scheduler.shutdown(wait=False)
    start = stored.trigger.schedule.start
    assert start is not None
    assert before <= start <= after
    assert stored.trigger.schedule.tz == ZoneInfo("Europe/Berlin")
    assert stored.next_run_time == start  # its first run is the start put into effect

    restarted = BackgroundScheduler(
        timezone="Europe/Berlin", jobstores={"default": SQLAlchemyJobStore(url=sqlite_url)}
    )
    restarted.start(paused=True)
    try:
        reloaded = restarted.get_job("every")
    finally:
        restarted.shutdown(wait=False)
    assert reloaded.trigger.schedule == stored.trigger.schedule
    assert str(reloaded.trigger) == str(stored.trigger)
    # Resumed later, it runs on the same grid: the start did not move.
    later = datetime.now(UTC) + timedelta(seconds=7.05)
    resumed = reloaded.trigger.get_next_fire_time(None, later)
    assert resumed is not None
    assert (resumed - start) % timedelta(seconds=0.2) == timedelta(0)
    assert timedelta(0) <= resumed - later < timedelta(seconds=0.2)


@needs_alias
@pytest.mark.parametrize(
    ("arguments", "error", "message"),
    [
        ({"schedule": "R/2026-13-01T00:00:00Z/PT1H"}, ScheduleError, "month 13 is out of range"),
        ({"schedule": "R/PT1H", "timezone": "Europe/Berln"}, ScheduleError, "unknown time zone"),
        ({"schedule": "R/PT1H", "dialect": "cron"}, ValueError, "dialect must be one of"),
        ({"schedule": "R/PT1H", "dialect": "zeebe"}, ValueError, "does not run the zeebe dialect"),
        ({"schedule": "R/PT1H", "start_date": "2026-01-01"}, ValueError, "start_date is not an argument"),
        (
            {"schedule": "R/PT1H", "jvm_zone": "UTC"},
            ValueError,
            r"options of its dialect \(iso: none\); jvm_zone is an option of chronos",
        ),
        ({"schedule": "R/PT1H", "tz": "UTC"}, ValueError, "tz is not an argument of the iso8601 trigger"),
        (
            {"schedule": "R//PT1H", "now": datetime(2026, 1, 1, tzinfo=UTC)},
            ValueError,
            "now is not an argument",
        ),
        ({"schedule": "R/PT1H", "jitter": -1}, ValueError, "jitter must be 0 or more"),
        ({"schedule": "R/PT1H", "jitter": "5"}, TypeError, "jitter must be a number"),
        ({"schedule": 3600}, TypeError, "schedule must be the schedule's text"),
        ({"schedule": "R/PT1H", "timezone": 1}, TypeError, "timezone must be a zone name or a tzinfo"),
        ({"schedule": "R/PT1H", "disambiguate": "first"}, ValueError, "disambiguate must be one of"),
    ],
)
def test_bad_arguments_to_add_job_are_our_clear_errors(
    paused: Any, arguments: dict[str, object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        paused.add_job(_fire, "iso8601", **arguments)
    assert paused.get_jobs() == []


# -- the fire times ---------------------------------------------------------------------------------


def test_the_first_fire_time_is_the_first_run_at_or_after_now() -> None:
    trigger = ISO8601Trigger("R5/2026-01-31T09:00:00Z/P1M")
    on_a_run = datetime(2026, 3, 31, 9, 0, tzinfo=UTC)
    assert trigger.get_next_fire_time(None, on_a_run) == on_a_run
    assert trigger.get_next_fire_time(None, on_a_run + timedelta(microseconds=1)) == datetime(
        2026, 4, 30, 9, 0, tzinfo=UTC
    )
    before = datetime(2025, 1, 1, tzinfo=UTC)
    assert trigger.get_next_fire_time(None, before) == datetime(2026, 1, 31, 9, 0, tzinfo=UTC)
    # After a fire: strictly after it, whatever now is (APScheduler runs what it missed).
    assert trigger.get_next_fire_time(on_a_run, before) == datetime(2026, 4, 30, 9, 0, tzinfo=UTC)
    assert trigger.get_next_fire_time(datetime(2026, 5, 31, 9, 0, tzinfo=UTC), before) is None
    assert trigger.get_next_fire_time(None, datetime(2027, 1, 1, tzinfo=UTC)) is None


def test_an_empty_start_fires_first_at_the_start_it_puts_into_effect() -> None:
    now = datetime(2026, 1, 31, 9, 0, 0, 123456, tzinfo=UTC)
    trigger = ISO8601Trigger("R2//PT10M", timezone="Europe/Berlin")
    assert trigger.schedule.start is None
    assert trigger.get_next_fire_time(None, now) == now
    assert str(trigger) == "iso8601[R2/2026-01-31T10:00:00.123456+01:00[Europe/Berlin]/PT10M]"
    assert trigger.get_next_fire_time(now, now) == now + timedelta(minutes=10)
    assert trigger.get_next_fire_time(now + timedelta(minutes=10), now) is None
    # The chronos dialect's empty start is now - 1 s in UTC (its scheduleTimeZone is not applied
    # to it, so the scheduler's zone is not given to it either): the first fire is that start.
    chronos = ISO8601Trigger("R2//PT10M", timezone="Europe/Berlin", dialect="chronos")
    # Truncated to the millisecond, as Joda-Time's clock reads it.
    assert chronos.get_next_fire_time(None, now) == now.replace(microsecond=123000) - timedelta(seconds=1)
    assert str(chronos) == "iso8601[R2/2026-01-31T08:59:59.123Z/PT10M]"


@pytest.mark.parametrize(
    ("text", "dialect", "written"),
    [
        ("R/2026-01-31T09:00:00/P1M", "iso", "R/2026-01-31T09:00:00-05:00[America/New_York]/P1M"),
        ("R/2026-01-31T09:00:00Z/P1M", "iso", "R/2026-01-31T09:00:00Z/P1M"),
        ("R/2026-01-31T09:00:00+01:00/P1M", "iso", "R/2026-01-31T09:00:00+01:00/P1M"),
        (
            "R/2026-01-31T09:00:00+01:00[Europe/Berlin]/P1M",
            "iso",
            "R/2026-01-31T09:00:00+01:00[Europe/Berlin]/P1M",
        ),
        ("R/20260131T0900/P1M", "iso", "R/2026-01-31T09:00:00-05:00[America/New_York]/P1M"),
        ("R/2026-01-31/P1M", "iso", "R/2026-01-31T00:00:00-05:00[America/New_York]/P1M"),
        ("R3/PT1H/2026-01-31T09:00:00", "iso", "R3/PT1H/2026-01-31T09:00:00-05:00[America/New_York]"),
        ("R3/PT1H/2026-01-31T09:00:00Z", "iso", "R3/PT1H/2026-01-31T09:00:00Z"),
        ("R3//PT1H", "iso", "R3//PT1H[America/New_York]"),
        ("R3//PT1H[Europe/Berlin]", "iso", "R3//PT1H[Europe/Berlin]"),
        ("R3/PT1H", "iso", "R3/PT1H[America/New_York]"),
        ("R/2026-01-31T09:00:00/P1M", "chronos", "R/2026-01-31T09:00:00.000-05:00/P1M"),
        ("R/2026-01-31T09:00:00Z/P1M", "chronos", "R/2026-01-31T09:00:00.000Z/P1M"),
        ("R/T09:00-02:00/P1D", "chronos", "R/1970-01-01T09:00:00.000-02:00/P1D"),
    ],
)
def test_the_timezone_is_the_zone_only_where_the_text_leaves_it_open(
    text: str, dialect: str, written: str
) -> None:
    trigger = ISO8601Trigger(text, timezone=ZoneInfo("America/New_York"), dialect=dialect)
    assert str(trigger.schedule) == written


def test_a_parsed_schedule_is_used_as_it_is() -> None:
    # The chronos dialect's scheduleTimeZone applied to a start with an offset: only by parse.
    schedule = isorepeat.parse("R/2026-01-31T09:00:00Z/P1D", dialect="chronos", tz="Europe/Berlin")
    trigger = ISO8601Trigger(schedule, timezone="America/New_York")
    assert trigger.schedule == schedule
    assert trigger.get_next_fire_time(None, datetime(2026, 7, 1, tzinfo=UTC)) == datetime(
        2026, 7, 1, 9, 0, tzinfo=ZoneInfo("Europe/Berlin")
    )
    with pytest.raises(TypeError, match="a Schedule carries its dialect"):
        ISO8601Trigger(schedule, dialect="chronos")
    # The chronos dialect's empty start, put into effect by parse, stays in UTC, unchained.
    resolved = isorepeat.parse("R3//PT1H", dialect="chronos", now=datetime(2026, 1, 31, 9, tzinfo=UTC))
    assert ISO8601Trigger(resolved, timezone="Asia/Tokyo").schedule == resolved
    # An empty start without a zone takes the trigger's, as the text would.
    assert ISO8601Trigger(isorepeat.parse("R//PT1H"), timezone="Asia/Tokyo").schedule.tz == ZoneInfo(
        "Asia/Tokyo"
    )


def test_jitter_delays_a_run_and_does_not_move_the_next() -> None:
    trigger = ISO8601Trigger("R/2026-01-01T00:00:00Z/PT1H", jitter=600)
    now = datetime(2026, 1, 1, 0, 30, tzinfo=UTC)
    previous = None
    for hour in range(1, 6):
        fire = trigger.get_next_fire_time(previous, now)
        assert fire is not None
        due = datetime(2026, 1, 1, hour, tzinfo=UTC)
        assert due <= fire <= due + timedelta(seconds=600)
        previous = fire  # APScheduler feeds back the jittered time


def test_a_timezone_given_as_a_tzinfo_of_another_library_is_read_by_its_name() -> None:
    pytz = pytest.importorskip("pytz")
    trigger = ISO8601Trigger("R/2026-01-31T09:00:00/P1M", timezone=pytz.timezone("Europe/Berlin"))
    assert str(trigger.schedule) == "R/2026-01-31T09:00:00+01:00[Europe/Berlin]/P1M"
    chronos = ISO8601Trigger(
        "R/2026-01-31T09:00:00/P1M", timezone=pytz.timezone("Europe/Berlin"), dialect="chronos"
    )
    assert chronos.schedule.tz == ZoneInfo("Europe/Berlin")


# -- the trigger's fire times are the library's: hypothesis ---------------------------------------

_ZONES: Final = (
    "UTC",
    "Europe/Berlin",
    "America/New_York",
    "Australia/Lord_Howe",  # a half-hour DST
    "Pacific/Apia",  # skipped 2011-12-30
    "America/St_Johns",
    "Europe/Dublin",  # negative DST
)
_PERIODS: Final = ("P1M", "P2M", "P1Y", "P1D", "P1W", "PT1H", "PT25M", "P1DT1H", "P1MT12H")


@st.composite
def _series(draw: st.DrawFn) -> tuple[str, str, str]:
    """(text, zone, dialect): a start without offset, read in the zone; month ends and the
    small hours (where DST changes) weighted."""
    year = draw(st.integers(2010, 2030))
    month = draw(st.integers(1, 12))
    last_day = (datetime(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day
    day = draw(st.one_of(st.integers(last_day - 3, last_day), st.integers(1, last_day)))
    hour = draw(st.one_of(st.integers(0, 3), st.integers(0, 23)))
    minute = draw(st.sampled_from([0, 30, 59]))
    count = draw(st.one_of(st.just(""), st.integers(0, 40).map(str)))
    period = draw(st.sampled_from(_PERIODS))
    text = f"R{count}/{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:00/{period}"
    return text, draw(st.sampled_from(_ZONES)), draw(st.sampled_from(["iso", "chronos"]))


@SETTINGS
@given(series=_series(), k=st.integers(0, 30), shift=st.sampled_from([-60, 0, 1]))
@example(series=("R/2012-01-31T09:00:00/P1M", "Europe/Berlin", "iso"), k=1, shift=0)
@example(series=("R/2012-01-31T09:00:00/P1M", "Europe/Berlin", "chronos"), k=2, shift=1)
@example(series=("R5/2014-03-08T02:30:00/P1D", "America/New_York", "iso"), k=1, shift=-60)
@example(series=("R/2011-12-28T12:00:00/P1D", "Pacific/Apia", "iso"), k=1, shift=1)
@example(series=("R/2026-10-25T01:30:00/PT25M", "Europe/Dublin", "iso"), k=3, shift=0)
def test_the_fire_times_are_next_after_iterated(series: tuple[str, str, str], k: int, shift: int) -> None:
    text, zone, dialect = series
    schedule = isorepeat.parse(text, tz=zone, dialect=dialect)
    runs = list(islice(schedule, k + 20))
    now = (runs[min(k, len(runs) - 1)] if runs else datetime(2020, 1, 1, tzinfo=UTC)) + timedelta(
        seconds=shift
    )
    trigger = ISO8601Trigger(text, timezone=zone, dialect=dialect)
    assert trigger.schedule == schedule
    fires: list[datetime] = []
    expected: list[datetime] = []
    fire = trigger.get_next_fire_time(None, now)
    following = schedule.next_after(now, inclusive=True)
    for index in range(12):
        if index == 6:  # a job store in the middle of the series
            trigger = pickle.loads(pickle.dumps(trigger, pickle.HIGHEST_PROTOCOL))
        if fire is None or following is None:
            assert fire is None
            assert following is None
            break
        fires.append(fire)
        expected.append(following)
        fire = trigger.get_next_fire_time(fire, now)
        following = schedule.next_after(following)
    assert _utc(fires) == _utc(expected)
    # The runs themselves from the first one at or after now, each instant once: two runs at
    # one instant (a day the zone skips, Pacific/Apia's 2011-12-30) fire once.
    # (In UTC: two datetimes of one zone compare wall times, and ignore fold.)
    distinct = sorted({run.astimezone(UTC) for run in runs if run.astimezone(UTC) >= now.astimezone(UTC)})
    assert _utc(fires) == distinct[: len(fires)]


# -- state -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "keywords"),
    [
        ("R/2026-01-31T09:00:00/P1M", {"timezone": "Europe/Berlin"}),
        ("R5/2026-01-31T09:00:00.5Z/PT1.5S", {"jitter": 2}),
        ("R/2026-01-31T09:00:00/P1M", {"timezone": "Europe/Berlin", "dialect": "chronos", "version": "2"}),
        ("R3//PT1H", {"timezone": "Europe/Berlin"}),
        ("R3//PT1H", {"dialect": "chronos"}),
    ],
)
def test_the_state_round_trips_through_pickle(text: str, keywords: dict[str, Any]) -> None:
    now = datetime(2026, 2, 1, tzinfo=UTC)
    for resolve in (False, True):
        trigger = ISO8601Trigger(text, **keywords)
        if resolve:
            trigger.get_next_fire_time(None, now)
        copy = pickle.loads(pickle.dumps(trigger, pickle.HIGHEST_PROTOCOL))
        assert copy.schedule == trigger.schedule
        assert (str(copy), repr(copy)) == (str(trigger), repr(trigger))
        assert copy.__getstate__() == trigger.__getstate__()
        assert copy.get_next_fire_time(None, now) == trigger.get_next_fire_time(None, now)


def test_the_state_is_text_and_plain_values() -> None:
    trigger = ISO8601Trigger(
        "R/2026-01-31T09:00:00/P1M", timezone="Europe/Berlin", dialect="chronos", jitter=5
    )
    assert trigger.__getstate__() == {
        "version": STATE_VERSION,
        "schedule": "R/2026-01-31T09:00:00.000+01:00/P1M",
        "dialect": "chronos",
        "options": {"tz": "Europe/Berlin"},
        "jitter": 5,
    }
    assert repr(trigger) == (
        "<ISO8601Trigger (schedule='R/2026-01-31T09:00:00.000+01:00/P1M', tz='Europe/Berlin', "
        "dialect='chronos', jitter=5)>"
    )


@pytest.mark.parametrize("version", [STATE_VERSION + 1, 0, None, "1"])
def test_setstate_rejects_a_version_it_does_not_read(version: object) -> None:
    state = ISO8601Trigger("R/2026-01-31T09:00:00Z/P1M").__getstate__()
    state["version"] = version
    trigger = ISO8601Trigger.__new__(ISO8601Trigger)
    with pytest.raises(
        ValueError, match=rf"ISO8601Trigger state version {version!r} is not one this isorepeat reads"
    ):
        trigger.__setstate__(state)


# -- misfire_grace_time and coalesce as an isorepeat Policy ------------------------------------------


def test_misfire_policy_reads_the_jobs_grace_time_and_coalesce(paused: Any) -> None:
    default = paused.add_job(_fire, ISO8601Trigger("R/2026-01-31T09:00:00Z/P1M"))
    assert misfire_policy(default) == Policy(Duration(seconds=1), "latest", "occurrences", "anchored")
    each = paused.add_job(_fire, ISO8601Trigger("R/2026-01-31T09:00:00Z/P1M", dialect="chronos"), **ROBUST)
    assert misfire_policy(each) == Policy(None, "each", "occurrences", "chained")
    late = paused.add_job(_fire, "interval", seconds=10, misfire_grace_time=90)
    assert misfire_policy(late) == Policy(Duration(seconds=90), "latest", "occurrences", "anchored")


def test_misfire_policy_of_a_job_not_yet_added_to_a_store() -> None:
    scheduler = BackgroundScheduler(timezone="UTC")  # not started: the job is pending
    job = scheduler.add_job(_fire, ISO8601Trigger("R/2026-01-31T09:00:00Z/P1M"), id="pending")
    with pytest.raises(ValueError, match="job 'pending' has no misfire_grace_time yet"):
        misfire_policy(job)


def test_the_schedule_is_a_schedule() -> None:
    assert isinstance(ISO8601Trigger("R/PT1H").schedule, Schedule)
