"""Celery beat on an isorepeat schedule: ``ISO8601Schedule`` (``iso8601``), a beat schedule.

``{"task": "tasks.report", "schedule": iso8601("R/2026-01-31T09:00:00/P1M")}`` in ``beat_schedule``
sends ``tasks.report`` at 09:00 in the app's zone on the last day of every month. The schedule
answers beat's two questions, ``is_due(last_run_at)`` and ``remaining_estimate(last_run_at)``,
with :meth:`isorepeat.Schedule.next_after`: the next run is the first occurrence strictly after
the entry's last run. It adds no arithmetic of its own, so month ends, DST and ``R<n>`` are the
library's; once a finite series has ended it is never due again.

Beat keeps two things of an entry, its ``last_run_at`` (when it was last sent) and, in its
shelve, the pickled schedule; but it builds every entry of ``beat_schedule`` anew when it starts
and counts a new entry as sent at its creation. :class:`PersistentScheduler` and
:class:`Scheduler` are beat's own with two changes, for what beat's rules do to a start the
schedule puts into effect itself (``R//PT10M``): a new entry counts as not sent since its schedule
began, so the run at that start is sent; and a schedule in the store that ``beat_schedule``
gives again is kept, so a restart does not put its start into effect again. With beat's own
schedulers every start written out runs as it should (docs/integrations/celery.rst, "Limits").
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime, timedelta, timezone, tzinfo
from typing import Any, Final, TypeAlias

from celery import Celery, current_app  # type: ignore[import-untyped]
from celery.beat import PersistentScheduler as _PersistentScheduler  # type: ignore[import-untyped]
from celery.beat import ScheduleEntry as _ScheduleEntry
from celery.beat import Scheduler as _Scheduler
from celery.schedules import BaseSchedule, schedstate  # type: ignore[import-untyped]
from celery.utils.time import maybe_make_aware  # type: ignore[import-untyped]

from isorepeat import Disambiguate, Schedule
from isorepeat.dialects import Dialect
from isorepeat.integrations._schedules import definition_of, leaves_zone_open, read_schedule, zone_argument

__all__ = [
    "NEVER_CHECK_TIMEOUT",
    "STATE_VERSION",
    "ISO8601Schedule",
    "iso8601",
    "ScheduleEntry",
    "Scheduler",
    "PersistentScheduler",
]

NEVER_CHECK_TIMEOUT: Final = 100_000_000
"""Seconds (three years) until beat asks again about a series that has ended: ``is_due`` gives
``(False, NEVER_CHECK_TIMEOUT)``, as django-celery-beat's one-off schedules do (beat takes no
``None`` there, and waits ``beat_max_loop_interval`` at most anyway)."""

STATE_VERSION: Final = 1
"""The version of the state :meth:`ISO8601Schedule.__reduce__` pickles (and the newest one read)."""

_NEVER: Final = timedelta(seconds=NEVER_CHECK_TIMEOUT)
_UTC: Final = timezone.utc
_MICROSECOND: Final = timedelta(microseconds=1)
_ARGUMENTS: Final = "schedule, tz, dialect, disambiguate, now, nowfun, app"

_State: TypeAlias = dict[str, object]


class ISO8601Schedule(BaseSchedule):  # type: ignore[misc]
    """A beat schedule on an ISO 8601 repeating interval, ``R[n]/start/period``.

    ``schedule`` is the text, read in ``dialect`` (``"iso"``, the default, or ``"chronos"``,
    chained as Chronos runs it) with that dialect's ``options`` (``jvm_zone``, ``version``) and
    ``disambiguate``; or a :class:`~isorepeat.Schedule` already parsed, used as it is.

    ``tz`` (a name or a tzinfo) is the zone of a start written without an offset and of an
    empty or absent start; without it, that zone is the app's (``app.conf.timezone``, read when
    beat binds the app to the entry, as ``crontab`` reads it). A start written with an offset or
    a ``[zone]`` suffix keeps its own: the app's zone would otherwise move ``09:00Z`` to 09:00 in
    that zone.

    ``now`` is the moment the schedule is created (default: ``nowfun()``, else ``app.now()``,
    else the clock): an empty or absent start is put into effect then, once, and the pickle
    keeps that moment, so the start stays where it was put. ``nowfun`` and ``app`` are Celery's
    (the clock beat asks, the app whose zone fills the text's).

    :raises ScheduleError: for schedule text that is not valid, or an unknown zone.
    :raises ValueError: for an unknown dialect, one beat cannot run (a BPMN engine's), an argument
        the schedule does not take, or a naive ``now``.
    :raises TypeError: for an argument of the wrong type.
    """

    def __init__(
        self,
        schedule: str | Schedule,
        *,
        tz: tzinfo | str | None = None,
        dialect: str | Dialect | None = None,
        disambiguate: Disambiguate | None = None,
        now: datetime | None = None,
        nowfun: Callable[[], datetime] | None = None,
        app: Celery | None = None,
        **options: object,
    ) -> None:
        super().__init__(nowfun=nowfun, app=app)
        text, keywords = _definition(schedule, tz, dialect, disambiguate, options)
        if "now" in keywords:  # a Schedule whose empty start was put into effect (chronos, with a tz)
            if now is not None:
                msg = "a Schedule whose start was put into effect carries its now: give no other"
                raise TypeError(msg)
            now = keywords.pop("now")  # type: ignore[assignment]
        probe = _read(text, keywords)
        self._text: str = text
        self._keywords: dict[str, object] = keywords
        self._opened: bool = "tz" not in keywords and leaves_zone_open(text, probe)
        self._unwritten: bool = probe.start is None
        self._created: datetime = _creation(now, nowfun, app)
        self._built: tuple[object, Schedule] | None = None
        if not self._opened or app is not None:
            self._effective()  # every error now, not in beat's loop

    # -- what beat calls -----------------------------------------------------------------------

    def is_due(self, last_run_at: datetime) -> tuple[bool, float]:
        """``(is_due, seconds until beat should ask again)``: due when the first run strictly
        after ``last_run_at`` is not later than now; then the wait is until the first run after
        now (beat sets ``last_run_at`` to now when it sends). After the last run of a finite
        series: ``(False, NEVER_CHECK_TIMEOUT)``, for ever."""
        now = self._now()
        following = self._following(last_run_at)
        if following is None:
            return _state(False, None)
        if following > now:
            return _state(False, _between(now, following))
        return _state(True, self._wait_after(now))

    def remaining_estimate(self, last_run_at: datetime) -> timedelta:
        """The exact time from now to the first run strictly after ``last_run_at``: negative when
        that run is overdue, ``NEVER_CHECK_TIMEOUT`` seconds when the series has ended.

        Computed in UTC: two datetimes of one zone subtract as wall times in Python, an hour off
        across a DST change."""
        following = self._following(last_run_at)
        if following is None:
            return _NEVER
        return _between(self._now(), following)

    @property
    def app(self) -> Celery:
        """The app bound to the schedule (by beat, when it builds an entry), else Celery's current one."""
        return self._app or current_app._get_current_object()

    @app.setter
    def app(self, app: Celery | None) -> None:
        # Beat binds the app of every entry it builds: the moment the app's zone is known, so
        # a text that takes it is read in it here, and its errors raised here.
        self._app = app
        if app is not None and self._opened:
            self._effective()

    @property
    def tz(self) -> tzinfo:
        """The app's zone, read at each call (``BaseSchedule`` caches it, for the first app asked)."""
        zone: tzinfo = self.app.timezone
        return zone

    # -- values --------------------------------------------------------------------------------

    @property
    def schedule(self) -> Schedule:
        """The schedule in effect: in the app's zone where the text takes it, its empty or absent
        start put into effect when this object was created."""
        return self._effective()

    @property
    def created(self) -> datetime:
        """When this schedule was created: the moment an empty or absent start is put into effect at."""
        return self._created

    @property
    def since(self) -> datetime:
        """The earliest moment whose run a new entry sends (:class:`ScheduleEntry`): the creation,
        or the start put into effect if that is earlier (Chronos's empty start is now - 1 s)."""
        start = self.schedule.start
        if self._unwritten and start is not None and start < self._created:
            return start
        return self._created

    def __reduce__(self) -> tuple[Callable[..., ISO8601Schedule], tuple[type[ISO8601Schedule], _State]]:
        """Plain data, so that a later isorepeat reads what an earlier one stored in beat's shelve:
        the text and keywords as given (not the app), the moment of creation, and ``nowfun``
        (pickled as Celery's own ``schedule`` pickles it)."""
        state: _State = {
            "version": STATE_VERSION,
            "schedule": self._text,
            "keywords": dict(self._keywords),
            "created": self._created,
            "nowfun": self.nowfun,
        }
        return _restored, (type(self), state)

    def _same_definition(self, other: ISO8601Schedule) -> bool:
        """Whether both were made from the same text and arguments (their creation aside)."""
        return (self._text, self._keywords) == (other._text, other._keywords)

    def _key(self) -> tuple[object, ...]:
        # What the runs depend on: the definition, and the creation when it places the start.
        created = self._created if self._unwritten else None
        return (self._text, tuple(sorted(self._keywords.items())), created)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ISO8601Schedule):
            return self._key() == other._key() and self.nowfun == other.nowfun
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        fields = [repr(self._text), *(f"{name}={value!r}" for name, value in self._keywords.items())]
        if self._unwritten:
            fields.append(f"now={self._created.isoformat()!r}")
        return f"<iso8601: {', '.join(fields)}>"

    # -- internals -----------------------------------------------------------------------------

    def _effective(self) -> Schedule:
        """The schedule in effect, read again only when the app's zone it was read in changes."""
        zone = self.tz if self._opened else None
        built = self._built
        if built is not None and built[0] is zone:
            return built[1]
        keywords = dict(self._keywords)
        if zone is not None:
            keywords["tz"] = zone_argument(zone, "tz")
        schedule = _read(text=self._text, keywords=keywords)
        if self._unwritten:
            schedule = schedule.resolve(self._created)
        self._built = (zone, schedule)
        return schedule

    def _following(self, last_run_at: datetime) -> datetime | None:
        return self.schedule.next_after(self.maybe_make_aware(last_run_at))

    def _wait_after(self, now: datetime) -> timedelta | None:
        after = self.schedule.next_after(now)
        return None if after is None else _between(now, after)

    def _now(self) -> datetime:
        aware: datetime = self.maybe_make_aware(self.now())  # a naive clock reads UTC, as in Celery
        return aware


iso8601 = ISO8601Schedule
"""The schedule under a name like Celery's own (``crontab``, ``solar``)."""


class ScheduleEntry(_ScheduleEntry):  # type: ignore[misc]
    """Beat's entry, except that a new one of an :class:`ISO8601Schedule` counts as last sent
    just before :attr:`ISO8601Schedule.since` (if that is earlier than its own creation, beat's
    answer): beat's would skip the run at a start the schedule put into effect (``R//PT10M``
    starts when it is created), and ``R<n>`` would send n - 1 times. A start written out is
    unaffected, but for a run between the schedule's creation and the entry's: sent at once."""

    last_run_at: datetime

    def __init__(
        self,
        name: str | None = None,
        task: str | None = None,
        last_run_at: datetime | None = None,
        total_run_count: int | None = None,
        schedule: object = None,
        args: object = (),
        kwargs: object = None,
        options: object = None,
        relative: bool = False,
        app: Celery | None = None,
    ) -> None:
        super().__init__(
            name=name,
            task=task,
            last_run_at=last_run_at,
            total_run_count=total_run_count,
            schedule=schedule,
            args=args,
            kwargs=kwargs,
            options=options,
            relative=relative,
            app=app,
        )
        if last_run_at is None and isinstance(self.schedule, ISO8601Schedule):
            # Never later than beat's own answer (a schedule made by a clock ahead of beat's).
            since: datetime = self.schedule.since - _MICROSECOND
            created: datetime = maybe_make_aware(self.last_run_at)
            self.last_run_at = min(since, created)


class Scheduler(_Scheduler):  # type: ignore[misc]
    """``celery.beat.Scheduler`` with :class:`ScheduleEntry` (``beat_scheduler =
    "isorepeat.integrations.celery:Scheduler"``): it keeps nothing across restarts."""

    Entry = ScheduleEntry


class PersistentScheduler(_PersistentScheduler):  # type: ignore[misc]
    """``celery.beat.PersistentScheduler`` (beat's default, a shelve file) with
    :class:`ScheduleEntry`, which keeps the stored :class:`ISO8601Schedule` of an entry that
    ``beat_schedule`` gives again with the same text and arguments.

    Beat reads ``beat_schedule`` at every start, and the schedules in it were created by that
    start: beat's own scheduler would put an empty or absent start into effect again, and
    ``R<n>`` would count afresh. Set ``beat_scheduler =
    "isorepeat.integrations.celery:PersistentScheduler"`` (or ``celery beat -S ...``).
    """

    Entry = ScheduleEntry

    def merge_inplace(self, b: Mapping[str, Mapping[str, object]]) -> None:
        stored = {
            name: entry.schedule
            for name, entry in self.schedule.items()
            if isinstance(entry.schedule, ISO8601Schedule)
        }
        super().merge_inplace(b)
        for name, entry in self.schedule.items():
            kept = stored.get(name)
            given = entry.schedule
            if kept is not None and isinstance(given, ISO8601Schedule) and kept._same_definition(given):
                kept.app = self.app
                entry.schedule = kept


# -- reading the arguments -----------------------------------------------------------------------


def _definition(
    schedule: object,
    tz: object,
    dialect: object,
    disambiguate: object,
    options: dict[str, object],
) -> tuple[str, dict[str, object]]:
    """The text and the keywords given (``None`` left out, the zone as a name where it has one)."""
    text, keywords = definition_of(schedule, dialect=dialect, disambiguate=disambiguate, options=options)
    if tz is not None:
        keywords["tz"] = tz
    given = {name: value for name, value in keywords.items() if value is not None}
    if "tz" in given:
        given["tz"] = zone_argument(given["tz"], "tz")
    named = given.get("dialect")
    if isinstance(named, Dialect):
        given["dialect"] = named = named.name
    if named == "iso":
        del given["dialect"]
    return text, given


def _restored(cls: type[ISO8601Schedule], state: Mapping[str, Any]) -> ISO8601Schedule:
    """The schedule :meth:`ISO8601Schedule.__reduce__` pickled.

    :raises ValueError: for a state another isorepeat wrote, which PersistentScheduler answers
        by building its store again from ``beat_schedule``.
    """
    version = state.get("version") if isinstance(state, Mapping) else None
    if type(version) is not int or not 1 <= version <= STATE_VERSION:
        msg = (
            f"{cls.__name__} state version {version!r} is not one this isorepeat reads "
            f"(1 to {STATE_VERSION}): the schedule was stored by another isorepeat; install "
            "that version (or a newer one) to load it"
        )
        raise ValueError(msg)
    return cls(state["schedule"], now=state["created"], nowfun=state["nowfun"], **state["keywords"])


def _creation(now: object, nowfun: Callable[[], datetime] | None, app: Celery | None) -> datetime:
    """The moment of creation: ``now``, else the schedule's clock, else the system's (no app is
    asked when none is given: the current one may still be loading its configuration)."""
    if now is None:
        clock = nowfun() if nowfun is not None else app.now() if app is not None else datetime.now(_UTC)
        moment: datetime = maybe_make_aware(clock)
        return moment
    if not isinstance(now, datetime):
        msg = f"now must be a datetime, not {type(now).__name__}"
        raise TypeError(msg)
    if now.utcoffset() is None:
        msg = f"now must be an aware datetime (with a tzinfo), not the naive {now.isoformat()}"
        raise ValueError(msg)
    return now


def _read(text: str, keywords: Mapping[str, object]) -> Schedule:
    """The schedule the dialect reads, its empty start left empty (this module puts it into effect)."""
    return read_schedule(text, keywords, who="ISO8601Schedule", arguments=_ARGUMENTS)


def _state(due: bool, wait: timedelta | None) -> tuple[bool, float]:
    """Beat's ``schedstate``: the wait in seconds, ``NEVER_CHECK_TIMEOUT`` when no run follows."""
    state: tuple[bool, float] = schedstate(due, NEVER_CHECK_TIMEOUT if wait is None else wait.total_seconds())
    return state


def _between(start: datetime, end: datetime) -> timedelta:
    """``end - start`` exactly, in UTC (not as wall times, which one shared tzinfo would give)."""
    return end.astimezone(_UTC) - start.astimezone(_UTC)
