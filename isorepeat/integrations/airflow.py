"""Airflow: an ISO 8601 repeating interval as a DAG's schedule.

``ISO8601Timetable("R5/2026-01-31T09:00:00/P1M", timezone="Europe/Berlin")`` runs a DAG on the
runs of that :class:`~isorepeat.Schedule`, and :class:`IsorepeatPlugin` registers the timetable,
which Airflow needs before it serializes a DAG that uses it: the ``airflow.plugins`` entry point
of this package loads the plugin, so installing isorepeat next to Airflow is enough.

Why a timetable and not a cron string: cron has no "the last day of each month", no count of
runs, and no period that is not a divisor of a day or a year; an ISO 8601 repeating interval has
all three. The timetable adds no arithmetic of its own: every moment it hands Airflow is a query
of the schedule (``next_after``, ``previous_before``), so month ends, DST and ``R<n>`` are what
the library says, in the schedule's dialect (``dialect="chronos"`` runs it chained, as Chronos).

How the runs map onto Airflow's data intervals (docs/integrations/airflow.rst says it in full):

* the DAG run of run k has the data interval [run k, run k+1), so its logical date is run k,
  and Airflow creates it at run k+1, as for ``CronDataIntervalTimetable``;
* the last run n of a finite series has no run n+1: its interval is [run n, run n], of zero
  length, created at run n, so ``R<n>`` makes exactly n DAG runs;
* the start must be written: Airflow reads a DAG file again at every parse, so an empty or
  absent start (``R//PT10M``, ``R/PT10M``) would be put into effect anew each time, and a DAG's
  runs would move with the clock. The constructor rejects it.
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from datetime import timezone as _timezone
from typing import Any, Final

import pendulum  # type: ignore[import-not-found, unused-ignore]
from airflow.plugins_manager import AirflowPlugin  # type: ignore[import-not-found, unused-ignore]
from airflow.timetables.base import (  # type: ignore[import-not-found, unused-ignore]
    DagRunInfo,
    DataInterval,
    TimeRestriction,
    Timetable,
)
from airflow.utils.types import DagRunType  # type: ignore[import-not-found, unused-ignore]

import isorepeat
from isorepeat import Disambiguate, Schedule, ScheduleError

__all__ = ["ISO8601Timetable", "IsorepeatPlugin"]

_UTC: Final = _timezone.utc
_PROBES: Final = (datetime(2000, 1, 1, tzinfo=_UTC), datetime(2001, 1, 1, tzinfo=_UTC))
"""Two clocks to read the text at: a written start is the same at both, an empty or absent one
is put into effect at each (``parse(now=...)``), which is how the constructor tells them apart in
every dialect, Chronos's included (it reads an empty start from the clock as it parses)."""
_JSON_SCALARS: Final = (str, int, float, bool)
_NAMED_BY_LOGICAL_DATE: Final = frozenset({DagRunType.SCHEDULED, DagRunType.BACKFILL_JOB})
"""The DAG runs this timetable makes, each of which has its own run k (its logical date)."""


class ISO8601Timetable(Timetable):  # type: ignore[misc, unused-ignore]
    """A DAG schedule that is an ISO 8601 repeating interval, ``R[n]/start/period``.

    ``schedule``, ``timezone`` (the schedule zone: an IANA name or a tzinfo), ``dialect``,
    ``disambiguate`` and ``options`` (a dialect's own, such as Chronos's ``jvm_zone``) are those
    of :func:`isorepeat.parse`; any error in them is raised here, when the DAG file is parsed, as
    the library words it. A value: equal timetables have equal schedules.

    :raises ScheduleError: for a schedule the dialect rejects, an unknown zone, or a schedule
        whose start is not written (see the module's docstring).
    :raises ValueError: for an unknown dialect, or an option it does not take.
    :raises TypeError: for a schedule that is not a str.
    """

    def __init__(
        self,
        schedule: str,
        timezone: str | tzinfo | None = None,
        dialect: str = "iso",
        *,
        disambiguate: Disambiguate = "compatible",
        **options: str,
    ) -> None:
        if not isinstance(schedule, str):
            msg = (
                "ISO8601Timetable takes the schedule as a str such as 'R/2026-01-31T09:00:00Z/P1M', "
                f"not {type(schedule).__name__}"
            )
            raise TypeError(msg)
        self._schedule = _written(schedule, timezone, dialect, disambiguate, options)
        self._text, self._keywords = _stored(self._schedule)
        self.description = isorepeat.describe(self._schedule)

    # -- the value ---------------------------------------------------------------------------

    @property
    def schedule(self) -> Schedule:
        """The schedule the DAG runs on."""
        return self._schedule

    @property
    def summary(self) -> str:
        """The schedule's text, for the DAG list of the web UI (as a cron timetable shows its cron)."""
        return str(self._schedule)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ISO8601Timetable):
            return NotImplemented
        return self._schedule == other._schedule

    def __hash__(self) -> int:
        return hash(self._schedule)

    def __repr__(self) -> str:
        keywords = {"timezone" if name == "tz" else name: value for name, value in self._keywords.items()}
        extra = "".join(f", {name}={value!r}" for name, value in keywords.items())
        return f"ISO8601Timetable({self._text!r}{extra})"

    # -- what Airflow stores: the text and the keywords that read it back (the schedule's repr) --

    def serialize(self) -> dict[str, Any]:
        """The schedule as ``{"schedule": text, "options": keywords of isorepeat.parse}``: JSON."""
        return {"schedule": self._text, "options": dict(self._keywords)}

    @classmethod
    def deserialize(cls, data: dict[str, Any]) -> ISO8601Timetable:
        """The timetable :meth:`serialize` stored; the scheduler and the web server read DAGs so."""
        options = dict(data["options"])
        timezone = options.pop("tz", None)
        dialect = options.pop("dialect", "iso")
        return cls(data["schedule"], timezone, dialect, **options)

    # -- the scheduler's questions -------------------------------------------------------------

    def next_dagrun_info(
        self,
        *,
        last_automated_data_interval: DataInterval | None,
        restriction: TimeRestriction,
    ) -> DagRunInfo | None:
        """The DAG run after the last automated one (the first when there is none), or ``None``.

        As ``CronDataIntervalTimetable`` does: the run is the first one strictly after the last
        interval's start, not before ``restriction.earliest`` (the DAG's ``start_date``), and,
        with ``catchup=False``, not before the latest interval already complete now (missed
        intervals are skipped, the latest one still runs); none after ``restriction.latest``
        (its ``end_date``). Keyed on the interval's start, the run k itself, so a zero-length
        last interval and an edited schedule both find the run that follows.
        """
        start = self._first_run(last_automated_data_interval, restriction)
        if start is None or (restriction.latest is not None and start > restriction.latest):
            return None
        return DagRunInfo.interval(start=_airflow_time(start), end=_airflow_time(self._end_of(start)))

    def infer_manual_data_interval(self, *, run_after: datetime) -> DataInterval:
        """The interval of a run triggered by hand at ``run_after``: the latest one complete then
        (as a cron timetable does), or the moment itself before the first one is."""
        start = self._latest_complete(run_after)
        if start is None:
            moment = _airflow_time(run_after)
            return DataInterval(start=moment, end=moment)
        return DataInterval(start=_airflow_time(start), end=_airflow_time(self._end_of(start)))

    def generate_run_id(
        self,
        *,
        run_type: DagRunType,
        run_after: pendulum.DateTime | None = None,
        data_interval: DataInterval | None = None,
        **extra: Any,
    ) -> str:
        """``scheduled__<logical date>`` for the runs the series makes; Airflow's own name otherwise.

        Airflow 3 names a DAG run by when it is created, which is run k+1; the last two runs of a
        finite series are both created at run n, and the scheduler would fail on the second name.
        The logical date (run k) is one per run. A run triggered by hand keeps Airflow's name, and
        so does every run in Airflow 2, which passes no ``run_after``: it names runs by logical date.
        """
        if run_after is None:
            return str(super().generate_run_id(run_type=run_type, data_interval=data_interval, **extra))
        if data_interval is not None and run_type in _NAMED_BY_LOGICAL_DATE:
            return str(run_type.generate_run_id(suffix=_airflow_time(data_interval.start).isoformat()))
        return str(
            super().generate_run_id(
                run_type=run_type, run_after=run_after, data_interval=data_interval, **extra
            )
        )

    # -- the runs, each a query of the schedule ------------------------------------------------

    def _first_run(self, last: DataInterval | None, restriction: TimeRestriction) -> datetime | None:
        """The first run that every bound allows: each bound is a run, the latest of them wins."""
        bounds: list[datetime | None] = [
            next(iter(self._schedule), None) if last is None else self._schedule.next_after(last.start)
        ]
        if restriction.earliest is not None:
            bounds.append(self._schedule.next_after(restriction.earliest, inclusive=True))
        if not restriction.catchup:
            latest = self._latest_complete(datetime.now(_UTC))
            if latest is not None:
                bounds.append(latest)
        if any(bound is None for bound in bounds):  # the series ends before a bound
            return None
        return max(bound for bound in bounds if bound is not None)

    def _end_of(self, run: datetime) -> datetime:
        """The end of run k's interval: run k+1, or run k itself for the last run of the series."""
        following = self._schedule.next_after(run)
        return run if following is None else following

    def _latest_complete(self, moment: datetime) -> datetime | None:
        """The start of the latest interval that has ended at ``moment``, ``None`` before any has:
        the run before the latest run, or the latest run when it is the last (zero length)."""
        run = self._schedule.previous_before(moment, inclusive=True)
        if run is None or self._schedule.next_after(run) is None:
            return run
        return self._schedule.previous_before(run)


class IsorepeatPlugin(AirflowPlugin):  # type: ignore[misc, unused-ignore]
    """Registers :class:`ISO8601Timetable`, without which Airflow refuses to serialize a DAG using
    it; loaded from the ``airflow.plugins`` entry point (pyproject.toml), nothing to copy."""

    name = "isorepeat"
    timetables = [ISO8601Timetable]  # noqa: RUF012 (AirflowPlugin's attribute, a list)


def _written(
    text: str,
    timezone: str | tzinfo | None,
    dialect: str,
    disambiguate: Disambiguate,
    options: dict[str, str],
) -> Schedule:
    """The schedule of ``text``, whose start must be written (module docstring: why)."""
    early, late = (
        isorepeat.parse(text, tz=timezone, dialect=dialect, disambiguate=disambiguate, now=probe, **options)
        for probe in _PROBES
    )
    if early != late:
        raise ScheduleError(
            "Airflow parses a DAG file again and again, so an empty or absent start would be put "
            "into effect anew at each parse: ISO8601Timetable needs the start written",
            text,
            text.find("/") + 1,
            "write the start the series counts from, such as the DAG's start_date: "
            "R/2026-01-01T00:00:00Z/PT10M",
        )
    return early


def _stored(schedule: Schedule) -> tuple[str, dict[str, Any]]:
    """The text and keywords that parse back to ``schedule`` (its repr), checked to do so as JSON.

    :raises ValueError: for a zone given as a tzinfo with no IANA name (``dateutil.tz.tzlocal()``):
        its text keeps only an offset, so the scheduler, which reads the DAG back from JSON,
        would run the schedule without the zone's DST.
    """
    text, keywords = schedule.dialect_spec.reparse(schedule)
    options: dict[str, Any] = dict(keywords)
    storable = all(isinstance(value, _JSON_SCALARS) for value in options.values())
    if not storable or isorepeat.parse(text, **options) != schedule:
        msg = (
            f"ISO8601Timetable cannot store the zone {schedule.tz!r}: Airflow keeps a DAG's timetable "
            f"as JSON, and {text!r} has only its offset; give the zone by name, such as 'Europe/Berlin'"
        )
        raise ValueError(msg)
    return text, options


def _airflow_time(moment: datetime) -> pendulum.DateTime:
    """``moment`` as the pendulum ``DateTime`` in UTC that Airflow's intervals hold.

    Through UTC, not ``pendulum.instance(moment)``: a wall time in a DST overlap converts
    exactly only with its ``fold``, and UTC has none.
    """
    return pendulum.instance(moment.astimezone(_UTC))
