"""A schedule in plain language: ``every 2 seconds, 10 times, from 1 Oct 2012 05:52:00 UTC, ...``.

The wording is fixed, so that people and tests can rely on it:

* the period: ``every <amount>``, where the amount names each unit written, largest first, with
  its number as written (``1.5 seconds``), separated by spaces with ``and`` before the last
  (``every 1 year 2 months and 3 days``, ``every 1 hour and 30 minutes``: no commas, which
  separate the parts of the description); a period of one unit of 1 drops the number
  (``every month``);
* the count: ``10 times`` (thousands separated by commas), ``for ever`` for ``R``; ``R1`` is
  ``once, at <start>`` and ``R0`` ``never runs (R0)``;
* a moment: ``1 Oct 2012 05:52:00`` (the day without a leading zero, the month's English
  abbreviation, a fraction of a second only when there is one), then the zone: ``UTC``, a fixed
  offset as ``UTC+05:30``, or a named zone with its offset at that moment,
  ``Europe/Berlin (UTC+01:00)``;
* ``last run`` for a finite schedule, with the time only when it falls on the start's day.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from typing import Final

from isorepeat.chain import chains_as_anchored
from isorepeat.datetimes import format_offset
from isorepeat.duration import Duration
from isorepeat.errors import ScheduleError
from isorepeat.schedule import Schedule
from isorepeat.zones import resolve_tz

__all__ = ["describe"]

_MONTHS: Final = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DATE_UNITS: Final = {"Y": "year", "M": "month", "W": "week", "D": "day"}
_TIME_UNITS: Final = {"H": "hour", "M": "minute", "S": "second"}
_FIELD: Final = re.compile(r"(-?[0-9]+(?:\.[0-9]+)?)([YMWDHS])")

# Chronos chains (S35): its last run is found by walking the chain. 10,000 steps take about 60 ms;
# beyond that a fixed period gives the anchored last run (the same instants) and a calendar
# period gives none, rather than a last run Chronos would not reach.
_CHAINED_WALK_LIMIT: Final = 10_000


def describe(schedule: Schedule, /) -> str:
    """The schedule in plain language: period, count, start and last run.

    A schedule with an empty start (S6) starts "when it is put into effect"; ``resolve(now)``
    it first to name the moment. A schedule is described as its dialect runs it: a chronos
    schedule chained (S35), so its last run is where the chain ends.

    >>> from isorepeat import describe, parse
    >>> describe(parse("R10/2012-10-01T05:52:00Z/PT2S"))
    'every 2 seconds, 10 times, from 1 Oct 2012 05:52:00 UTC, last run 05:52:18 UTC'
    >>> describe(parse("R/2026-01-31T09:00:00/P1M", tz="Europe/Berlin"))
    'every month, for ever, from 31 Jan 2026 09:00:00 Europe/Berlin (UTC+01:00)'
    >>> describe(parse("R/2026-03-28T12:00:00+05:30/P1DT1H30M"))
    'every 1 day 1 hour and 30 minutes, for ever, from 28 Mar 2026 12:00:00 UTC+05:30'
    >>> describe(parse("R1/2026-01-31T09:00:00.25Z/PT1.5S"))
    'once, at 31 Jan 2026 09:00:00.25 UTC'
    >>> describe(parse("R//PT10M"))
    'every 10 minutes, for ever, from when it is put into effect'
    >>> describe(parse("R0/2026-01-31T09:00:00Z/P1D"))
    'never runs (R0)'

    Chronos adds each month to the previous run, so the 31st does not come back:

    >>> describe(parse("R5/2012-01-31T00:00:00Z/P1M"))
    'every month, 5 times, from 31 Jan 2012 00:00:00 UTC, last run 31 May 2012 00:00:00 UTC'
    >>> describe(parse("R5/2012-01-31T00:00:00Z/P1M", dialect="chronos"))
    'every month, 5 times, from 31 Jan 2012 00:00:00 UTC, last run 29 May 2012 00:00:00 UTC'
    """
    repetitions = schedule.run_count  # what R<n> counts is the dialect's
    if repetitions == 0:
        return "never runs (R0)"
    start = schedule.start
    if start is None:
        when = _put_into_effect(schedule)
        if repetitions == 1:
            return f"once, {when}"
        return f"{_every(schedule)}, {_count(schedule, repetitions)}, from {when}"
    if repetitions == 1:
        return f"once, at {_moment(start)}"
    text = f"{_every(schedule)}, {_count(schedule, repetitions)}, from {_moment(start)}"
    if repetitions is not None:
        last = _last(schedule)
        if last is not None:
            text += f", last run {_moment(last, start)}"
    return text


def _put_into_effect(schedule: Schedule) -> str:
    """S6's empty start, or S18's cycle ``R[n]/<duration>`` that first runs one period later."""
    if "//" in schedule.format():
        return "when it is put into effect"
    return f"{_amount(schedule.period)} after it is put into effect"


def _every(schedule: Schedule) -> str:
    period = schedule.period
    if not period.moves_forward_in(schedule.zone):
        # Only the chronos dialect has these with n >= 2 (IR207; the iso dialect rejects them, S14).
        return f"with the period {period}, which does not move forward"
    words = _unit_words(period)
    if len(words) == 1 and words[0].startswith("1 "):
        return f"every {words[0][2:]}"
    return f"every {_join(words)}"


def _count(schedule: Schedule, repetitions: int | None) -> str:
    if repetitions is None:
        return "for ever"
    text = f"{repetitions:,} times"
    if not _countable(schedule):
        return text
    try:
        runs = len(schedule)
    except ScheduleError:  # a period that does not move forward has no anchored series (IR207)
        return text
    if runs < repetitions:
        text += f" ({runs:,} before the end of the year 9999)"
    return text


def _last(schedule: Schedule) -> datetime | None:
    """The last run in the dialect's mode; ``None`` when it cannot be named (a chain longer than
    ``_CHAINED_WALK_LIMIT``), or when ``disambiguate="raise"`` rejects it (S24)."""
    if not _countable(schedule):
        return None
    try:
        return schedule.last
    except ScheduleError:
        return None


def _countable(schedule: Schedule) -> bool:
    """Whether the last run is cheap to find: anchored (O(1)), or a chain of at most
    ``_CHAINED_WALK_LIMIT`` runs."""
    count = schedule.run_count
    if schedule.mode == "anchored" or chains_as_anchored(schedule.period):
        return True
    return count is not None and count <= _CHAINED_WALK_LIMIT


def _amount(period: Duration) -> str:
    return _join(_unit_words(period))


def _unit_words(period: Duration) -> list[str]:
    """``["1 month", "2 days"]``: each unit of the canonical text (S20), its number as written."""
    date_part, _, time_part = str(period)[1:].partition("T")
    words = []
    for part, names in ((date_part, _DATE_UNITS), (time_part, _TIME_UNITS)):
        for number, letter in _FIELD.findall(part):
            name = names[letter]
            words.append(f"{number} {name}" if number == "1" else f"{number} {name}s")
    return words


def _join(words: Sequence[str]) -> str:
    if len(words) == 1:
        return words[0]
    return f"{' '.join(words[:-1])} and {words[-1]}"


def _moment(moment: datetime, same_day_as: datetime | None = None) -> str:
    """``1 Oct 2012 05:52:00 UTC``; only the time when ``moment`` is on ``same_day_as``'s date."""
    time = f"{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d}"
    if moment.microsecond:
        time += f".{moment.microsecond:06d}".rstrip("0")
    if same_day_as is None or moment.date() != same_day_as.date():
        time = f"{moment.day} {_MONTHS[moment.month - 1]} {moment.year:04d} {time}"
    return f"{time} {_zone_label(moment)}"


def _zone_label(moment: datetime) -> str:
    """``UTC``, ``UTC+05:30``, or ``Europe/Berlin (UTC+01:00)``: the zone and its offset then."""
    delta = moment.utcoffset()
    assert delta is not None  # occurrences are aware datetimes (S31)
    seconds = delta.days * 86_400 + delta.seconds
    zone = resolve_tz(moment.tzinfo)
    key = None if zone is None else zone.key
    if key is None:
        return "UTC" if not seconds else f"UTC{format_offset(seconds)}"
    return f"{key} (UTC{format_offset(seconds) if seconds else '+00:00'})"
