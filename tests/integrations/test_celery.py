"""ISO8601Schedule in real Celery beat: beat's own schedulers ticking, a memory broker, a shelve.

Each test makes a Celery app on the ``memory://`` broker with a queue of its own (the memory
transport's queues are shared by every app of the process) and a clock it sets: beat asks the
app's ``now`` (through the schedule's ``now``) for every time it compares, so a tick at a moment
is beat's answer at that moment, without sleeping. A task counts as sent when its message is in
the queue. Two drivers: :meth:`Beat.tick_at` ticks at one moment (a run is sent at its moment,
not a microsecond before), :meth:`Beat.run_until` follows the waits beat asks for, as
``celery beat`` does (beat wakes 10 ms early by design and ticks again; the clock steps 1 ms).
"""

from __future__ import annotations

import itertools
import pickle
import shelve
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Final
from zoneinfo import ZoneInfo

import pytest

pytest.importorskip("celery", reason="Celery is not installed (the celery extra)")

import celery.beat  # type: ignore[import-untyped]
from celery import Celery
from hypothesis import example, given
from hypothesis import strategies as st

import isorepeat
from isorepeat import ScheduleError
from isorepeat.integrations.celery import (
    NEVER_CHECK_TIMEOUT,
    STATE_VERSION,
    ISO8601Schedule,
    PersistentScheduler,
    ScheduleEntry,
    Scheduler,
    iso8601,
)
from tests.properties.strategies import SETTINGS

UTC: Final = timezone.utc
BERLIN: Final = ZoneInfo("Europe/Berlin")
TASK: Final = "tests.ping"
STEP: Final = timedelta(milliseconds=1)
"""How far :meth:`Beat.run_until` moves the clock when beat asks to be woken at once."""
_APPS = itertools.count()


class Clock:
    """The time the app says it is (``app.now``): set by the test, never moving by itself."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def make_app(clock: Clock, timezone: str | None = "Europe/Berlin", **beat_schedule: object) -> Any:
    """A Celery app on the memory broker, with ``clock`` as its ``now`` and a queue of its own.

    The app is made the current one, as ``celery beat`` makes its app: PersistentScheduler
    pickles its entries at every sync and reads them back without their app, so their
    schedules (Celery's own as well) then ask the current app for its zone and its clock.
    No task is registered: beat sends one it does not know by name (``send_task``), which is all
    a test of when it sends needs. ``result_expires=None``: beat would otherwise add its daily
    ``celery.backend_cleanup`` entry.
    """
    number = next(_APPS)
    app = Celery(f"isorepeat-test-{number}", broker="memory://")
    app.conf.update(
        timezone=timezone,
        result_expires=None,
        task_default_queue=f"isorepeat-test-{number}",
        beat_max_loop_interval=10**9,  # beat's waits as it computes them, not capped at 5 minutes
        beat_schedule={
            name: {"task": TASK, "schedule": schedule} for name, schedule in beat_schedule.items()
        },
    )
    app.now = clock
    return app


class Beat:
    """A beat scheduler of ``app`` and the messages it put in the app's queue, with the clock
    reading at which each appeared."""

    def __init__(self, app: Any, clock: Clock, scheduler: Any) -> None:
        self.app = app
        self.clock = clock
        self.scheduler = scheduler
        self.sent: list[datetime] = []
        self._connection = app.connection_for_read()
        self._queue = self._connection.SimpleQueue(app.conf.task_default_queue)

    def tick_at(self, moment: datetime) -> list[datetime]:
        """Tick at ``moment`` until beat has nothing more to send then; what was sent."""
        self.clock.now = moment
        before = len(self.sent)
        for _ in range(10):  # one entry is sent per tick; a tick that sends returns 0
            waiting = self.scheduler.tick()
            self._collect()
            if waiting > 0:
                break
        return self.sent[before:]

    def run_until(self, end: datetime) -> list[datetime]:
        """Follow beat's waits from the clock's time to ``end``, as ``celery beat`` sleeps them."""
        before = len(self.sent)
        while self.clock.now < end:
            waiting = self.scheduler.tick()
            self._collect()
            step = max(timedelta(seconds=waiting), STEP) if waiting < 10**8 else end - self.clock.now
            self.clock.now = min(self.clock.now + step, end)
        return self.sent[before:]

    def _collect(self) -> None:
        while True:
            try:
                message = self._queue.get_nowait()
            except self._queue.Empty:
                return
            assert message.headers["task"] == TASK
            message.ack()
            self.sent.append(self.clock.now)

    def close(self) -> None:
        self._queue.close()
        self._connection.release()
        self.scheduler.close()


@pytest.fixture
def beats() -> Iterator[Callable[..., Beat]]:
    """Make a :class:`Beat` (``beats(app, clock, SchedulerClass, **arguments)``); closed after."""
    made: list[Beat] = []

    def make(app: Any, clock: Clock, kind: Any = Scheduler, **arguments: object) -> Beat:
        beat = Beat(app, clock, kind(app, **arguments))
        made.append(beat)
        return beat

    yield make
    for beat in made:
        beat.close()


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


# -- the runs beat sends -------------------------------------------------------------------------

SCHEDULERS: Final = [celery.beat.Scheduler, Scheduler, celery.beat.PersistentScheduler, PersistentScheduler]


def _arguments(kind: Any, tmp_path: Path) -> dict[str, object]:
    persistent = issubclass(kind, celery.beat.PersistentScheduler)
    return {"schedule_filename": str(tmp_path / "beat-schedule")} if persistent else {}


@pytest.mark.parametrize("kind", SCHEDULERS, ids=lambda kind: f"{kind.__module__}.{kind.__name__}")
def test_r3_is_sent_three_times_at_its_moments_and_never_again(
    kind: Any, tmp_path: Path, beats: Callable[..., Beat]
) -> None:
    clock = Clock(at("2026-01-30T12:00:00+00:00"))
    app = make_app(clock, report=iso8601("R3/2026-01-31T09:00:00/P1D"))
    beat = beats(app, clock, kind, **_arguments(kind, tmp_path))
    moments = [
        at("2026-01-31T09:00:00+01:00"),
        at("2026-02-01T09:00:00+01:00"),
        at("2026-02-02T09:00:00+01:00"),
    ]
    for moment in moments:
        assert beat.tick_at(moment - timedelta(microseconds=1)) == []
        assert beat.tick_at(moment) == [moment]
    assert beat.run_until(at("2027-01-01T00:00:00+00:00")) == []
    assert beat.sent == moments


def test_beat_wakes_for_each_run_across_month_ends_and_a_dst_change(beats: Callable[..., Beat]) -> None:
    # 09:00 in Berlin on the last day of each month: 08:00Z in winter, 07:00Z from 29 March.
    clock = Clock(at("2026-01-01T00:00:00+00:00"))
    app = make_app(clock, month_end=iso8601("R5/2026-01-31T09:00:00/P1M"))
    beat = beats(app, clock)
    sent = beat.run_until(at("2026-12-31T00:00:00+00:00"))
    expected = [
        "2026-01-31T08:00",
        "2026-02-28T08:00",
        "2026-03-31T07:00",
        "2026-04-30T07:00",
        "2026-05-31T07:00",
    ]
    assert [moment.astimezone(UTC).isoformat(timespec="minutes")[:16] for moment in sent] == expected
    for moment, wanted in zip(sent, expected, strict=True):  # at the run, or beat's next millisecond
        assert timedelta(0) <= moment - at(f"{wanted}+00:00") < STEP


def test_a_day_across_the_spring_gap_is_the_librarys(beats: Callable[..., Beat]) -> None:
    # 02:30 does not exist in Berlin on 29 March 2026: the library's "compatible" puts it at 03:30.
    clock = Clock(at("2026-03-26T00:00:00+00:00"))
    app = make_app(clock, nightly=iso8601("R4/2026-03-27T02:30:00/P1D"))
    beat = beats(app, clock)
    schedule = isorepeat.parse("R4/2026-03-27T02:30:00/P1D", tz="Europe/Berlin")
    for moment in schedule:
        assert beat.tick_at(moment - timedelta(microseconds=1)) == []
        assert beat.tick_at(moment) == [moment]
    assert [moment.isoformat() for moment in beat.sent] == [
        "2026-03-27T02:30:00+01:00",
        "2026-03-28T02:30:00+01:00",
        "2026-03-29T03:30:00+02:00",
        "2026-03-30T02:30:00+02:00",
    ]
    assert beat.tick_at(at("2026-04-30T00:00:00+00:00")) == []


def test_the_chronos_dialect_runs_chained(beats: Callable[..., Beat]) -> None:
    # Chronos adds the month to the run before: after 28 February, the 28th (iso: 31 March).
    clock = Clock(at("2026-01-01T00:00:00+00:00"))
    chained = iso8601("R3/2026-01-31T09:00:00Z/P1M", dialect="chronos")
    app = make_app(clock, chained=chained)
    beat = beats(app, clock)
    assert [moment.date().isoformat() for moment in beat.run_until(at("2026-06-01T00:00:00+00:00"))] == [
        "2026-01-31",
        "2026-02-28",
        "2026-03-28",
    ]
    assert chained.schedule.dialect == "chronos"


# -- a start the schedule puts into effect ---------------------------------------------------------


def test_an_empty_start_runs_at_once_and_r3_three_times(beats: Callable[..., Beat]) -> None:
    clock = Clock(at("2026-01-01T12:00:00+00:00"))
    app = make_app(clock, every_ten=iso8601("R3//PT10M", now=clock.now))
    beat = beats(app, clock)
    assert beat.tick_at(clock.now) == [clock.now]  # run 0 is the moment the schedule was created
    assert beat.run_until(at("2026-01-02T00:00:00+00:00")) == [
        at("2026-01-01T12:10:00+00:00"),
        at("2026-01-01T12:20:00+00:00"),
    ]


def test_beats_own_schedulers_count_a_new_entry_as_sent_when_it_is_created(
    beats: Callable[..., Beat],
) -> None:
    # The limit docs/integrations/celery.rst describes: beat's ScheduleEntry counts its creation
    # as its last run, so the run at a start put into effect then is not sent.
    clock = Clock(at("2026-01-01T12:00:00+00:00"))
    app = make_app(clock, every_ten=iso8601("R3//PT10M", now=clock.now))
    beat = beats(app, clock, celery.beat.Scheduler)
    assert beat.run_until(at("2026-01-02T00:00:00+00:00")) == [
        at("2026-01-01T12:10:00+00:00"),
        at("2026-01-01T12:20:00+00:00"),
    ]


def test_chronos_puts_an_empty_start_one_second_back_and_it_runs(beats: Callable[..., Beat]) -> None:
    clock = Clock(at("2026-01-01T12:00:00.250+00:00"))
    schedule = iso8601("R2//PT1H", dialect="chronos", now=clock.now)
    app = make_app(clock, chained=schedule)
    beat = beats(app, clock)
    assert schedule.schedule.start == at("2026-01-01T11:59:59.250+00:00")
    assert schedule.since == schedule.schedule.start
    start = clock.now
    assert beat.run_until(at("2026-01-02T00:00:00+00:00")) == [start, at("2026-01-01T12:59:59.250+00:00")]


def test_an_absent_start_is_one_period_after_creation(beats: Callable[..., Beat]) -> None:
    clock = Clock(at("2026-01-01T12:00:00+00:00"))
    app = make_app(clock, cycle=iso8601("R2/PT1H", now=clock.now))
    beat = beats(app, clock)
    assert beat.run_until(at("2026-01-02T00:00:00+00:00")) == [
        at("2026-01-01T13:00:00+00:00"),
        at("2026-01-01T14:00:00+00:00"),
    ]


# -- restarts: beat's shelve -----------------------------------------------------------------------


def _restart(clock: Clock, text: str, beats: Callable[..., Beat], kind: Any, path: Path) -> Beat:
    """A beat started anew: a new app whose configuration builds its schedule again, now."""
    app = make_app(clock, report=iso8601(text, now=clock.now))
    return beats(app, clock, kind, schedule_filename=str(path))


@pytest.mark.parametrize("kind", [celery.beat.PersistentScheduler, PersistentScheduler])
def test_a_written_start_counts_r3_across_restarts(
    kind: Any, tmp_path: Path, beats: Callable[..., Beat]
) -> None:
    clock = Clock(at("2026-01-30T12:00:00+00:00"))
    path = tmp_path / "beat-schedule"
    text = "R3/2026-01-31T09:00:00/P1D"
    first = _restart(clock, text, beats, kind, path)
    assert first.tick_at(at("2026-01-31T09:00:00+01:00")) == [at("2026-01-31T09:00:00+01:00")]
    first.close()
    clock.now = at("2026-01-31T20:00:00+00:00")  # down between two runs
    second = _restart(clock, text, beats, kind, path)
    assert second.run_until(at("2026-03-01T00:00:00+00:00")) == [
        at("2026-02-01T09:00:00+01:00"),
        at("2026-02-02T09:00:00+01:00"),
    ]


def test_an_empty_start_stays_put_across_restarts(tmp_path: Path, beats: Callable[..., Beat]) -> None:
    clock = Clock(at("2026-01-01T12:00:00+00:00"))
    path = tmp_path / "beat-schedule"
    first = _restart(clock, "R3//PT10M", beats, PersistentScheduler, path)
    assert first.run_until(at("2026-01-01T12:05:00+00:00")) == [at("2026-01-01T12:00:00+00:00")]
    first.close()
    clock.now = at("2026-01-01T12:07:00+00:00")  # the configuration builds R3//PT10M again, now
    second = _restart(clock, "R3//PT10M", beats, PersistentScheduler, path)
    assert second.run_until(at("2026-01-02T00:00:00+00:00")) == [
        at("2026-01-01T12:10:00+00:00"),
        at("2026-01-01T12:20:00+00:00"),
    ]
    second.close()
    with shelve.open(str(path)) as store:
        entry = store["entries"]["report"]
    assert entry.total_run_count == 3  # beat's count of the entry's runs, kept across the restart
    assert entry.schedule.created == at("2026-01-01T12:00:00+00:00")
    assert str(entry.schedule.schedule) == "R3/2026-01-01T13:00:00+01:00[Europe/Berlin]/PT10M"


def test_beats_own_persistent_scheduler_puts_an_empty_start_into_effect_again(
    tmp_path: Path, beats: Callable[..., Beat]
) -> None:
    # The limit docs/integrations/celery.rst describes: beat replaces a stored schedule with the
    # one beat_schedule builds at its start.
    clock = Clock(at("2026-01-01T12:00:00+00:00"))
    path = tmp_path / "beat-schedule"
    first = _restart(clock, "R3//PT10M", beats, celery.beat.PersistentScheduler, path)
    assert first.run_until(at("2026-01-01T12:15:00+00:00")) == [at("2026-01-01T12:10:00+00:00")]
    first.close()
    clock.now = at("2026-01-01T12:17:00+00:00")
    second = _restart(clock, "R3//PT10M", beats, celery.beat.PersistentScheduler, path)
    assert second.run_until(at("2026-01-02T00:00:00+00:00")) == [
        at("2026-01-01T12:17:00+00:00"),
        at("2026-01-01T12:27:00+00:00"),
        at("2026-01-01T12:37:00+00:00"),
    ]


def test_a_changed_text_is_a_new_series(tmp_path: Path, beats: Callable[..., Beat]) -> None:
    clock = Clock(at("2026-01-01T12:00:00+00:00"))
    path = tmp_path / "beat-schedule"
    first = _restart(clock, "R3//PT10M", beats, PersistentScheduler, path)
    assert first.tick_at(clock.now) == [clock.now]
    first.close()
    clock.now = at("2026-01-01T12:07:00+00:00")
    second = _restart(clock, "R2//PT1H", beats, PersistentScheduler, path)
    assert second.run_until(at("2026-01-02T00:00:00+00:00")) == [
        at("2026-01-01T12:07:00+00:00"),
        at("2026-01-01T13:07:00+00:00"),
    ]


def test_a_shelve_round_trip_keeps_the_start_put_into_effect_and_the_count(tmp_path: Path) -> None:
    clock = Clock(at("2026-01-01T12:00:00+00:00"))
    app = make_app(clock)
    schedule = iso8601("R3//P1D", app=app)
    with shelve.open(str(tmp_path / "store")) as store:
        store["schedule"] = schedule
    with shelve.open(str(tmp_path / "store")) as store:
        loaded = store["schedule"]
    assert loaded == schedule
    assert loaded.created == schedule.created == clock.now
    loaded.app = app
    assert loaded.schedule == schedule.schedule
    assert loaded.schedule.start == at("2026-01-01T13:00:00+01:00")
    assert loaded.schedule.run_count == 3
    assert list(loaded.schedule) == list(schedule.schedule)


# -- beat's questions, against the library's answers -------------------------------------------------

ZONES: Final = ["UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe"]
TEXTS: Final = {
    # each text, and whether it takes the app's zone
    "R/2026-01-31T09:00:00/P1M": True,
    "R5/2026-03-28T02:30:00/P1D": True,
    "R3/2026-10-25T02:30:00Z/PT45M": False,
    "R/2026-01-01T00:00:00+05:30/PT7H30M": False,
    "R4/2026-02-28T23:59:59.5[America/New_York]/P1W": False,
    "R2//PT90M": True,
    "R/P1DT1H": True,
    "R0/2026-06-01T00:00:00/P1D": True,
}
_APP_OF_ZONE: dict[str, Any] = {}


def _app_in(zone: str) -> Any:
    if zone not in _APP_OF_ZONE:
        _APP_OF_ZONE[zone] = make_app(Clock(at("2026-01-01T00:00:00+00:00")), timezone=zone)
    return _APP_OF_ZONE[zone]


moments = st.integers(min_value=0, max_value=3 * 366 * 86_400 * 10**6).map(
    lambda microseconds: datetime(2025, 6, 1, tzinfo=UTC) + timedelta(microseconds=microseconds)
)


@SETTINGS
@given(
    text=st.sampled_from(list(TEXTS)),
    zone=st.sampled_from(ZONES),
    created=moments,
    last_run_at=moments,
    now=moments,
    shown_in=st.sampled_from([UTC, BERLIN]),
)
@example(
    text="R/2026-01-31T09:00:00/P1M",
    zone="Europe/Berlin",
    created=at("2026-01-01T00:00:00+00:00"),
    last_run_at=at("2026-03-29T00:00:00+00:00"),
    now=at("2026-03-29T12:00:00+01:00"),
    shown_in=BERLIN,
)
def test_remaining_estimate_and_is_due_agree_with_next_after(
    text: str, zone: str, created: datetime, last_run_at: datetime, now: datetime, shown_in: Any
) -> None:
    schedule = ISO8601Schedule(text, now=created, nowfun=lambda: now.astimezone(shown_in), app=_app_in(zone))
    runs = schedule.schedule
    assert runs == isorepeat.parse(text, tz=zone if TEXTS[text] else None, now=created)
    following = runs.next_after(last_run_at)
    estimate = schedule.remaining_estimate(last_run_at.astimezone(shown_in))
    due, wait = schedule.is_due(last_run_at)
    if following is None:
        assert estimate == timedelta(seconds=NEVER_CHECK_TIMEOUT)
        assert (due, wait) == (False, NEVER_CHECK_TIMEOUT)
        return
    assert estimate == following.astimezone(UTC) - now.astimezone(UTC)
    assert due == (following <= now)
    if not due:
        assert wait == estimate.total_seconds()
        return
    after = runs.next_after(now)
    assert wait == (NEVER_CHECK_TIMEOUT if after is None else (after - now).total_seconds())


def test_a_finished_series_is_never_due_again() -> None:
    now = at("2030-01-01T00:00:00+00:00")
    schedule = iso8601("R2/2026-01-01T00:00:00Z/P1D", nowfun=lambda: now)
    last = at("2026-01-02T00:00:00+00:00")
    assert schedule.is_due(last) == (False, NEVER_CHECK_TIMEOUT)
    assert schedule.remaining_estimate(last) == timedelta(seconds=NEVER_CHECK_TIMEOUT)
    assert schedule.is_due(at("2025-12-31T00:00:00+00:00")) == (True, NEVER_CHECK_TIMEOUT)


def test_a_naive_last_run_at_is_utc_as_in_celery() -> None:
    now = at("2026-01-01T00:00:00+00:00")
    schedule = iso8601("R/2026-01-01T00:00:00Z/PT1H", nowfun=lambda: now)
    assert schedule.remaining_estimate(datetime(2026, 1, 1, 0, 30)) == timedelta(hours=1)


# -- zones ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "arguments", "start"),
    [
        # no offset: the app's zone (Australia/Sydney, +11:00 in January)
        ("R/2026-01-31T09:00:00/P1D", {}, "2026-01-31T09:00:00+11:00"),
        # an offset or a suffix is the text's own
        ("R/2026-01-31T09:00:00Z/P1D", {}, "2026-01-31T09:00:00+00:00"),
        ("R/2026-01-31T09:00:00-05:00/P1D", {}, "2026-01-31T09:00:00-05:00"),
        ("R/2026-01-31T09:00:00[Europe/Berlin]/P1D", {}, "2026-01-31T09:00:00+01:00"),
        # tz is the zone of a start without an offset, not the app's
        ("R/2026-01-31T09:00:00/P1D", {"tz": "Europe/Berlin"}, "2026-01-31T09:00:00+01:00"),
        ("R/2026-01-31T09:00:00/P1D", {"tz": BERLIN}, "2026-01-31T09:00:00+01:00"),
        # an empty start is shown in the app's zone; P1D then follows that zone's days
        ("R//P1D", {}, "2026-01-01T23:00:00+11:00"),
    ],
)
def test_the_apps_zone_where_the_text_leaves_it_open(
    text: str, arguments: dict[str, Any], start: str
) -> None:
    app = make_app(Clock(at("2026-01-01T12:00:00+00:00")), timezone="Australia/Sydney")
    schedule = ISO8601Schedule(text, app=app, **arguments)
    assert schedule.schedule.start is not None
    assert schedule.schedule.start.isoformat() == start


def test_the_zone_is_the_app_beat_binds(beats: Callable[..., Beat]) -> None:
    schedule = iso8601("R1/2026-07-01T09:00:00/P1D")  # no app: beat gives it the entry's
    clock = Clock(at("2026-06-30T00:00:00+00:00"))
    app = make_app(clock, timezone="America/New_York", report=schedule)
    beat = beats(app, clock)
    assert beat.run_until(at("2026-07-02T00:00:00+00:00")) == [at("2026-07-01T09:00:00-04:00")]
    assert str(schedule.schedule) == "R1/2026-07-01T09:00:00-04:00[America/New_York]/P1D"
    schedule.app = make_app(clock, timezone="Asia/Tokyo")
    assert str(schedule.schedule) == "R1/2026-07-01T09:00:00+09:00[Asia/Tokyo]/P1D"


def test_an_app_without_a_timezone_is_utc() -> None:
    app = make_app(Clock(at("2026-01-01T12:00:00+00:00")), timezone=None)
    assert str(iso8601("R/2026-01-31T09:00:00/P1D", app=app).schedule) == "R/2026-01-31T09:00:00Z/P1D"


# -- values ---------------------------------------------------------------------------------------


def test_values_pickle_compare_and_print() -> None:
    created = at("2026-01-01T12:00:00+00:00")
    empty = iso8601("R3//PT10M", now=created)
    assert pickle.loads(pickle.dumps(empty)) == empty
    assert empty != iso8601("R3//PT10M", now=created + timedelta(seconds=1))
    assert hash(empty) == hash(iso8601("R3//PT10M", now=created))
    written = iso8601("R3/2026-01-01T00:00:00Z/PT10M", now=created)
    assert written == iso8601("R3/2026-01-01T00:00:00Z/PT10M")  # its creation does not place it
    assert written != iso8601("R3/2026-01-01T00:00:00Z/PT10M", dialect="chronos")
    assert repr(empty) == "<iso8601: 'R3//PT10M', now='2026-01-01T12:00:00+00:00'>"
    chronos = iso8601("R/2026-01-01T00:00:00Z/P1M", dialect="chronos", version="2")
    assert repr(chronos) == "<iso8601: 'R/2026-01-01T00:00:00Z/P1M', version='2', dialect='chronos'>"
    assert pickle.loads(pickle.dumps(chronos)).schedule == chronos.schedule


def test_a_schedule_already_parsed_is_used_as_it_is() -> None:
    parsed = isorepeat.parse(
        "R3//PT10M", dialect="chronos", tz="Europe/Berlin", now=at("2026-01-01T12:00:00Z")
    )
    schedule = iso8601(parsed)
    assert schedule.schedule == parsed
    assert schedule.created == at("2026-01-01T12:00:00Z")
    assert pickle.loads(pickle.dumps(schedule)).schedule == parsed


def test_a_state_from_another_isorepeat_is_a_value_error() -> None:
    restore, (cls, state) = iso8601("R/PT1H").__reduce__()
    assert state["version"] == STATE_VERSION
    with pytest.raises(ValueError, match="state version 99 is not one this isorepeat reads"):
        restore(cls, {**state, "version": 99})


def test_a_new_entry_counts_as_sent_just_before_its_schedule_began() -> None:
    clock = Clock(at("2026-01-01T12:00:00+00:00"))
    app = make_app(clock)
    schedule = iso8601("R//PT10M", app=app)
    clock.now += timedelta(minutes=3)  # beat starts later than its configuration was read
    entry = ScheduleEntry(name="report", task=TASK, schedule=schedule, app=app)
    assert entry.last_run_at == at("2026-01-01T11:59:59.999999+00:00")
    assert entry.is_due() == (True, 7 * 60)
    sent = entry.next()
    assert sent.last_run_at == clock.now
    assert isinstance(sent, ScheduleEntry)
    assert sent.is_due() == (False, 7 * 60)


# -- errors ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (
            lambda: iso8601("R5/2026-01-31T09:00:00Z/P1.5D"),
            ScheduleError,
            "a fractional day has no fixed length",
        ),
        (lambda: iso8601("R/PT1H", tz="Europe/Berlinn"), ScheduleError, "Europe/Berlinn"),
        (
            lambda: iso8601("R/PT1H", jvm_zone="UTC"),
            ValueError,
            r"jvm_zone is not an argument of ISO8601Schedule",
        ),
        (lambda: iso8601("R/PT1H", dialect="zeebe"), ValueError, "does not run the zeebe dialect"),
        (lambda: iso8601("R/PT1H", dialect="cron"), ValueError, "dialect must be one of"),
        (lambda: iso8601("R/PT1H", disambiguate="latest"), ValueError, "disambiguate must be one of"),  # type: ignore[arg-type]
        (lambda: iso8601("R/PT1H", now=datetime(2026, 1, 1)), ValueError, "now must be an aware datetime"),
        (lambda: iso8601("R/PT1H", now="2026-01-01"), TypeError, "now must be a datetime"),  # type: ignore[arg-type]
        (lambda: iso8601(b"R/PT1H"), TypeError, "schedule must be the schedule's text"),  # type: ignore[arg-type]
        (lambda: iso8601("R/PT1H", tz=5), TypeError, "tz must be"),  # type: ignore[arg-type]
        (
            lambda: iso8601(isorepeat.parse("R/PT1H"), dialect="chronos"),
            TypeError,
            "a Schedule carries its dialect",
        ),
    ],
)
def test_bad_arguments_are_clear_errors(
    call: Callable[[], object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        call()


def test_a_wall_time_the_apps_zone_skips_is_an_error_when_beat_binds_the_app() -> None:
    clock = Clock(at("2026-03-01T00:00:00+00:00"))
    schedule = iso8601("R/2026-03-29T02:30:00/P1D", disambiguate="raise")  # valid in UTC
    app = make_app(clock, nightly=schedule)
    with pytest.raises(ScheduleError, match="2026-03-29T02:30:00 does not exist in Europe/Berlin"):
        Scheduler(app)
    with pytest.raises(ScheduleError, match="does not exist in Europe/Berlin"):
        iso8601("R/2026-03-29T02:30:00/P1D", disambiguate="raise", app=app)
