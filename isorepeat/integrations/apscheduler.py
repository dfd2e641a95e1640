"""An APScheduler 3.x trigger that fires on an isorepeat schedule: ``ISO8601Trigger``.

``scheduler.add_job(f, "iso8601", schedule="R/2026-01-31T09:00:00/P1M", timezone="Europe/Berlin")``
finds the trigger by the ``apscheduler.triggers`` entry point ``iso8601``. The trigger asks the
schedule for each fire time (:meth:`isorepeat.Schedule.next_after`, O(1) in anchored mode): it
adds no arithmetic of its own, so month ends, DST and ``R<n>`` are the library's. What it keeps in
a job store is text (the schedule as its dialect rebuilds it, and the options), never a pickled
:class:`~isorepeat.Schedule`, so a later isorepeat reads a job an earlier one stored.

APScheduler 4 (``Trigger.next()``, JSON state) is not supported: its release on PyPI is an alpha.
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from decimal import Decimal
from typing import Any, Final

from apscheduler.job import Job  # type: ignore[import-untyped]
from apscheduler.triggers.base import BaseTrigger  # type: ignore[import-untyped]
from tzlocal import get_localzone

from isorepeat import Disambiguate, Duration, Policy, Schedule
from isorepeat.dialects import Dialect, Mode
from isorepeat.integrations._schedules import definition_of, leaves_zone_open, read_schedule, zone_argument

__all__ = ["STATE_VERSION", "ISO8601Trigger", "misfire_policy"]

STATE_VERSION: Final = 1
"""The version of the state :meth:`ISO8601Trigger.__getstate__` writes (and the newest one read)."""

_ARGUMENTS: Final = "schedule, timezone, dialect, disambiguate, jitter"


class ISO8601Trigger(BaseTrigger):  # type: ignore[misc]
    """Fires at the occurrences of an ISO 8601 repeating interval, ``R[n]/start/period``.

    ``schedule`` is the text, read in ``dialect`` (``"iso"``, the default, or ``"chronos"``,
    chained as Chronos runs it) with that dialect's ``options`` (``jvm_zone``, ``version``) and
    ``disambiguate``; or a :class:`~isorepeat.Schedule` already parsed, which is used as it is.

    ``timezone`` (a name or a tzinfo; by default the local zone, and through ``add_job`` the
    scheduler's, which APScheduler passes to every trigger it builds by name) is the zone of a
    start written without an offset and of an empty or absent start. A start written with an
    offset or a ``[zone]`` suffix keeps its own: the scheduler's zone would otherwise move
    ``09:00Z`` to 09:00 local time. ``jitter`` delays each run by up to that many seconds, as
    APScheduler's own triggers do; it must stay below the shortest gap between two runs.

    The first fire time asked for (no previous fire) is the first occurrence at or after
    ``now``, as APScheduler's interval and cron triggers answer: occurrences already past are not
    run late (a job added to a series that started last year begins with its next run). An empty
    start (``R//PT10M``) is put into effect on that first call, when APScheduler adds the job to
    its store, and its first run is the start so put into effect. Each later fire time is the
    first occurrence strictly after the previous one, so a finite ``R<n>`` fires n times, across
    restarts too (APScheduler keeps the next fire time in the store); what runs when the
    scheduler was down is APScheduler's ``misfire_grace_time`` and ``coalesce``
    (:func:`misfire_policy`).

    :raises ScheduleError: for schedule text that is not valid, or an unknown zone.
    :raises ValueError: for an unknown dialect, one the trigger does not run, an argument it
        does not take, or a negative jitter.
    :raises TypeError: for an argument of the wrong type.
    """

    __slots__ = ("_schedule", "jitter")

    def __init__(
        self,
        schedule: str | Schedule,
        timezone: tzinfo | str | None = None,
        dialect: str | Dialect | None = None,
        jitter: float | None = None,
        disambiguate: Disambiguate | None = None,
        **options: object,
    ) -> None:
        self.jitter: float | None = _checked_jitter(jitter)
        if isinstance(schedule, str):
            _refuse_parse_only(options)
        text, keywords = definition_of(schedule, dialect=dialect, disambiguate=disambiguate, options=options)
        zone = zone_argument(get_localzone() if timezone is None else timezone)
        self._schedule: Schedule = _read(text, _placed(text, keywords, zone))

    # -- what APScheduler calls ----------------------------------------------------------------

    def get_next_fire_time(self, previous_fire_time: datetime | None, now: datetime) -> datetime | None:
        """The first occurrence after ``previous_fire_time`` (strictly), or, without one, the first
        at or after ``now``; ``None`` when the series has ended, and APScheduler removes the job."""
        schedule = self._schedule
        resolving = schedule.start is None
        if resolving:
            # Put into effect once: the job store saves the trigger after this call.
            schedule = self._schedule = schedule.resolve(now)
        if previous_fire_time is not None:
            following = schedule.next_after(previous_fire_time)
        else:
            following = schedule.next_after(schedule.start if resolving else now, inclusive=True)
        fire_time: datetime | None = self._apply_jitter(following, self.jitter, now)
        return fire_time

    def __getstate__(self) -> dict[str, object]:
        """Plain data: the text and keywords that rebuild the schedule (``repr``'s), the jitter.

        The text is the schedule's canonical text where that rebuilds it; a chained schedule
        whose empty start was read in UTC keeps the moment it was put into effect (``now``).
        """
        text, keywords = self._schedule.dialect_spec.reparse(self._schedule)
        dialect = keywords.pop("dialect", "iso")
        return {
            "version": STATE_VERSION,
            "schedule": text,
            "dialect": dialect,
            "options": keywords,
            "jitter": self.jitter,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        version = state.get("version") if isinstance(state, dict) else None
        if type(version) is not int or not 1 <= version <= STATE_VERSION:
            msg = (
                f"{type(self).__name__} state version {version!r} is not one this isorepeat reads "
                f"(1 to {STATE_VERSION}): the job was stored by another isorepeat; install that "
                "version (or a newer one) to load it"
            )
            raise ValueError(msg)
        self.jitter = state["jitter"]
        self._schedule = _read(state["schedule"], dict(state["options"], dialect=state["dialect"]))

    # -- values --------------------------------------------------------------------------------

    @property
    def schedule(self) -> Schedule:
        """The schedule the trigger fires on (its empty start put into effect after the first call)."""
        return self._schedule

    @property
    def timezone(self) -> tzinfo | None:
        """The zone of the fire times: the schedule's zone, or the fixed offset its start has."""
        schedule = self._schedule
        if schedule.tz is not None:
            return schedule.tz
        start = schedule.start
        return None if start is None else start.tzinfo

    def __str__(self) -> str:
        return f"iso8601[{self._schedule}]"

    def __repr__(self) -> str:
        text, keywords = self._schedule.dialect_spec.reparse(self._schedule)
        fields = [f"schedule={text!r}", *(f"{name}={value!r}" for name, value in keywords.items())]
        if self.jitter:
            fields.append(f"jitter={self.jitter}")
        return f"<{type(self).__name__} ({', '.join(fields)})>"


def misfire_policy(job: Job) -> Policy:
    """The :class:`~isorepeat.Policy` that says what APScheduler runs of ``job`` after an outage,
    for :func:`isorepeat.simulate`: ``misfire_grace_time`` is the epsilon window (``None``: no
    limit), ``coalesce`` is catch-up ``"latest"`` (else ``"each"``), and ``R<n>`` counts
    occurrences (a missed run is one of the n: the trigger moves past it). The mode is the
    schedule's for an :class:`ISO8601Trigger`, else anchored.

    :raises ValueError: for a job APScheduler has not added to a store yet (its defaults unset).
    """
    if not hasattr(job, "misfire_grace_time"):
        msg = (
            f"job {job.id!r} has no misfire_grace_time yet: APScheduler fills in its defaults "
            "when it adds the job to a job store (when the scheduler starts)"
        )
        raise ValueError(msg)
    grace: float | None = job.misfire_grace_time
    trigger = job.trigger
    mode: Mode = trigger.schedule.mode if isinstance(trigger, ISO8601Trigger) else "anchored"
    return Policy(
        epsilon=None if grace is None else _seconds(grace),
        catchup="latest" if job.coalesce else "each",
        count="occurrences",
        mode=mode,
    )


# -- reading the arguments -----------------------------------------------------------------------


def _placed(text: str, keywords: dict[str, object], zone: tzinfo | str) -> dict[str, object]:
    """The keywords, with ``tz`` the trigger's zone where the text leaves the zone open.

    Open means: a date-time written without an offset or a ``[zone]`` suffix, or no start
    (``R//P``, ``R/P``) that the dialect would put into effect in the schedule's zone. The
    dialect reads the text once without ``tz`` to say which form it is.
    """
    if keywords.get("tz") is not None:
        return keywords
    # Unresolved: whether an empty start is open does not change once it is put into effect.
    probe = _read(text, {name: value for name, value in keywords.items() if name != "now"})
    return {**keywords, "tz": zone} if leaves_zone_open(text, probe) else keywords


def _read(text: str, keywords: dict[str, object]) -> Schedule:
    """The schedule ``isorepeat.parse(text, **keywords)`` gives, except that an empty start stays
    empty unless ``now`` is given: the trigger puts it into effect when the job is added."""
    return read_schedule(text, keywords, who="the iso8601 trigger", arguments=_ARGUMENTS)


def _refuse_parse_only(options: dict[str, object]) -> None:
    """``tz`` and ``now`` are ``parse``'s: the trigger's zone is ``timezone``, its clock APScheduler's."""
    if "tz" in options:
        msg = (
            "tz is not an argument of the iso8601 trigger: give timezone (the zone of a start "
            "written without an offset), or a Schedule from isorepeat.parse(text, tz=...) to "
            "replace a written offset"
        )
        raise ValueError(msg)
    if "now" in options:
        msg = (
            "now is not an argument of the iso8601 trigger: it puts an empty start into effect "
            "when the job is added"
        )
        raise ValueError(msg)


def _checked_jitter(jitter: object) -> float | None:
    if jitter is None:
        return None
    if isinstance(jitter, bool) or not isinstance(jitter, int | float):
        msg = f"jitter must be a number of seconds or None, not {type(jitter).__name__}"
        raise TypeError(msg)
    if not jitter >= 0:
        msg = f"jitter must be 0 or more seconds, not {jitter}"
        raise ValueError(msg)
    return jitter


def _seconds(seconds: float) -> Duration:
    """A number of seconds as an exact duration (``PT1.5S``), as its decimal text writes it."""
    exact = Decimal(str(seconds))
    whole = int(exact)
    return Duration(seconds=whole, nanoseconds=int((exact - whole) * 1_000_000_000))
