"""iso against Chronos: where the two dialects run one schedule text differently, run by run.

:func:`compare` reads the text both ways and lines up iso's anchored runs (S27) with the chained
runs Chronos makes (S35); each run that differs carries the reason, in words. ``isorepeat
explain`` prints these values.

>>> from isorepeat.chronos import compare
>>> compare("R10/2012-10-01T05:52:00Z/PT2S").same
True
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Final, final

from isorepeat.chronos.rules import ir207_period_does_not_advance, schedule_facts
from isorepeat.dialects import parse
from isorepeat.errors import ScheduleError

if TYPE_CHECKING:
    from isorepeat.schedule import Schedule

__all__ = ["COMPARED_RUNS", "Comparison", "Difference", "compare"]

COMPARED_RUNS: Final = 1_000
"""How many runs of iso and Chronos are compared by default: month ends differ by the third run,
DST changes within a year, and 1,000 chained steps take a few milliseconds."""


@final
@dataclass(frozen=True, slots=True)
class Difference:
    """Run ``index`` (0-based) is ``chronos`` in Chronos where it is ``iso`` in iso, for ``reason``.

    Both datetimes are shown as each dialect shows them, in their own zone or offset; they are
    different instants.
    """

    index: int
    iso: datetime
    chronos: datetime
    reason: str


@final
@dataclass(frozen=True, slots=True, eq=False)
class Comparison:
    """How iso and Chronos run one schedule text: the result of :func:`compare`.

    ``iso_error`` and ``chronos_error`` are the :class:`~isorepeat.ScheduleError` each dialect
    raises for the text, ``None`` when it accepts it; both are read, whatever the other does.
    ``stands_still`` is true when Chronos accepts the text but its period does not move forward
    (IR207): it runs the job again and again at once.

    ``iso_runs`` and ``chronos_runs`` count the runs each made within the limit of
    :func:`compare` (0 for a dialect that rejects the text, and for Chronos when its runs
    cannot be listed because it stands still); ``compared`` is how many were lined up (the
    smaller count, 0 unless both dialects accept the text), and ``differences`` lists, in
    order, every one of those that is a different instant.

    Values compare equal field by field, the errors by their type and fields (an exception is
    otherwise equal only to itself); they hash and pickle.
    """

    iso_error: ScheduleError | None
    chronos_error: ScheduleError | None
    stands_still: bool
    differences: tuple[Difference, ...]
    compared: int
    iso_runs: int
    chronos_runs: int

    @property
    def first(self) -> Difference | None:
        """The first run that differs, ``None`` when none does."""
        return self.differences[0] if self.differences else None

    @property
    def same(self) -> bool:
        """True when both dialects accept the text and make the same runs, as many of them."""
        return (
            self.iso_error is None
            and self.chronos_error is None
            and not self.stands_still
            and not self.differences
            and self.iso_runs == self.chronos_runs
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Comparison):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def _key(self) -> tuple[object, ...]:
        return (
            _error_key(self.iso_error),
            _error_key(self.chronos_error),
            self.stands_still,
            self.differences,
            self.compared,
            self.iso_runs,
            self.chronos_runs,
        )


def _error_key(error: ScheduleError | None) -> tuple[object, ...] | None:
    return None if error is None else (type(error), error.args)


def compare(
    text: str,
    /,
    *,
    tz: str | None = None,
    jvm_zone: str | None = None,
    now: datetime | None = None,
    runs: int = COMPARED_RUNS,
) -> Comparison:
    """Compare iso's anchored runs of ``text`` with the chained runs Chronos makes, the first ``runs``.

    iso reads ``text`` with ``tz`` as its zone (``isorepeat.parse(text, tz=tz)``) and puts an
    empty start into effect at ``now``; Chronos reads it with ``tz`` as its
    ``scheduleTimeZone``, ``jvm_zone`` as the JVM's zone, and ``now`` as its clock. ``now``
    (an aware datetime, the current UTC time by default) matters only for an empty start.

    A month-end start drifts in Chronos from the third run on:

    >>> from isorepeat.chronos import compare
    >>> result = compare("R/2024-01-31T02:00:00Z/P1M")
    >>> result.first.index, result.first.chronos.isoformat(), result.first.iso.isoformat()
    (2, '2024-03-29T02:00:00+00:00', '2024-03-31T02:00:00+00:00')
    >>> import textwrap
    >>> print(textwrap.fill(result.first.reason, 80))
    Chronos adds P1M to the previous run (chained), so after a short month the day
    stays at the 29th; iso counts every run from the start (anchored), so the 31st
    comes back
    >>> len(result.differences), result.compared
    (934, 1000)

    An empty start: Chronos puts it into effect one second before ``now``:

    >>> from datetime import datetime, timezone
    >>> result = compare("R3//PT10M", now=datetime(2026, 11, 23, 12, 0, tzinfo=timezone.utc))
    >>> [d.chronos.time().isoformat() for d in result.differences]
    ['11:59:59', '12:09:59', '12:19:59']

    A text only iso accepts, and one only Chronos accepts:

    >>> result = compare("R/2012-10-01T05:52:00[Europe/Berlin]/PT2S")
    >>> result.iso_error is None, result.chronos_error.message
    (True, "unexpected '[' in the start")
    >>> result.iso_runs, result.chronos_runs, result.compared
    (1000, 0, 0)
    >>> result = compare("R5/2012-10-01T05:52:00Z/PT0S")
    >>> result.iso_error.message
    'a zero period repeats the same instant; it is allowed only with R0 or R1'
    >>> result.chronos_error is None, result.stands_still
    (True, True)

    :raises ValueError: when ``runs`` is negative.
    """
    if runs < 0:
        msg = f"runs must be 0 or more, not {runs}"
        raise ValueError(msg)
    if now is None:
        now = datetime.now(timezone.utc)
    iso: Schedule | None = None
    iso_error: ScheduleError | None = None
    iso_runs: list[datetime] = []
    try:
        iso = parse(text, tz=tz)
        iso_runs = list(itertools.islice(iso.resolve(now).occurrences(mode="anchored"), runs))
    except ScheduleError as error:
        iso_error = error
    chronos: Schedule | None = None
    chronos_error: ScheduleError | None = None
    chronos_runs: list[datetime] = []
    stands_still = False
    try:
        chronos = parse(text, tz=tz, dialect="chronos", jvm_zone=jvm_zone, now=now)
    except ScheduleError as error:
        chronos_error = error
    if chronos is not None:
        facts = schedule_facts(text, dialect="chronos", tz=tz, jvm_zone=jvm_zone, now=now)
        stands_still = any(ir207_period_does_not_advance(facts))
        try:
            chronos_runs = list(itertools.islice(chronos.occurrences(mode="chained"), runs))
        except ScheduleError:  # no series of runs: a period that does not move forward
            stands_still = True
    differences: tuple[Difference, ...] = ()
    compared = 0
    if iso is not None and chronos is not None and iso_error is None:
        compared = min(len(iso_runs), len(chronos_runs))
        differences = tuple(
            Difference(k, mine, theirs, _why(iso, chronos, k, iso_runs, chronos_runs))
            for k, (mine, theirs) in enumerate(zip(iso_runs, chronos_runs, strict=False))
            if mine.astimezone(timezone.utc) != theirs.astimezone(timezone.utc)
        )
    return Comparison(
        iso_error=iso_error,
        chronos_error=chronos_error,
        stands_still=stands_still,
        differences=differences,
        compared=compared,
        iso_runs=len(iso_runs),
        chronos_runs=len(chronos_runs),
    )


# -- why a run differs -------------------------------------------------------------------------


def _why(
    iso: Schedule,
    chronos: Schedule,
    k: int,
    iso_runs: list[datetime],
    chronos_runs: list[datetime],
) -> str:
    """Why run k differs: the start, a month end, a DST gap, or else Joda's chained arithmetic."""
    mine, theirs = iso_runs[k], chronos_runs[k]
    period = chronos.period
    if k == 0:
        return _why_start(iso, mine, theirs)
    if (period.years or period.months) and theirs.day < mine.day and theirs.time() == mine.time():
        return (
            f"Chronos adds {period} to the previous run (chained), so after a short month the day "
            f"stays at the {_ordinal(theirs.day)}; iso counts every run from the start (anchored), "
            f"so the {_ordinal(iso_runs[0].day)} comes back"
        )
    if not period.is_fixed and theirs.time() != mine.time():
        return (
            f"Chronos goes on from the wall time of the run before ({_clock(chronos_runs[k - 1])}), "
            f"which a DST change moved; iso keeps the start's wall time {_clock(iso_runs[0])} "
            "(anchored)"
        )
    return (
        f"Chronos adds {period} to the previous run with Joda's arithmetic (chained); iso counts "
        "every run from the start (anchored)"
    )


def _why_start(iso: Schedule, mine: datetime, theirs: datetime) -> str:
    if iso.start is None:
        return "Chronos puts an empty start into effect one second before now; iso at now"
    if theirs.replace(tzinfo=None) == mine.replace(tzinfo=None):
        if _zone_name(theirs) == _zone_name(mine):
            return (
                f"{_clock(mine)} happens twice in {_zone_name(mine)} that night: Chronos takes the "
                f"offset {_offset(theirs)} by Joda's rule (the offset in force at the instant "
                f"written), iso {_offset(mine)} (S25: the offset written if valid, else the "
                "earlier); write the offset you mean"
            )
        return (
            f"Chronos reads the start's wall time in {_zone_name(theirs)}, iso in "
            f"{_zone_name(mine)}: give the zone with --tz"
        )
    if theirs.microsecond == mine.microsecond // 1000 * 1000 and theirs.microsecond != mine.microsecond:
        return "Chronos keeps milliseconds: it drops the rest of the start's fraction (IR208)"
    return "Chronos places the start in its zone by Joda's rules (CHRONOS.md §2), iso by S23-S25"


def _zone_name(moment: datetime) -> str:
    name = moment.tzname()
    key = getattr(moment.tzinfo, "key", None)
    return key if isinstance(key, str) else (name or "UTC")


def _offset(moment: datetime) -> str:
    return moment.isoformat()[-6:]


def _clock(moment: datetime) -> str:
    return moment.strftime("%H:%M:%S")


def _ordinal(day: int) -> str:
    suffix = "th" if 11 <= day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"
