"""Chronos's ``JobUtils.skipForward``: how it moves an overdue schedule past now (S36).

Both versions parse the stored schedule string, count ``skip`` periods with ``calculateSkips``,
move the start to ``start.plus(period.multipliedBy(skip))`` (anchored within the one call) and
store the result as text (``Iso8601Expressions.create``). They differ in everything else:

* **Version "3"** (HEAD ``c1348dd``, ``JobUtils.scala:88-143``), called at every launch. When the
  start is before now and the period is not zero, ``skip = secondsBetween(start, now) / P + 1``
  where ``P`` is ``period.toStandardSeconds`` (days of 86,400 s, millis dropped), or for a period
  with months or years the seconds of ``period.toDurationFrom(now)``, the month or year that
  *starts at now* (PR #800); otherwise ``skip = 0``. The count drops by exactly one (``rec - 1``)
  however many occurrences were skipped, and ``R`` stays ``R``. Known errors, all reproduced:
  the month/year division lands in the past or skips a month (#819, #851); a 23-hour DST day or
  ``PT1.5S`` counted as 1 s overshoots; ``PT0.5S`` divides by zero; ``R0`` becomes ``R``, for
  ever (#814); more than 2^31 - 1 s between start and now overflows an int.
* **Version "2"** (tag 2.5.1, ``JobUtils.scala:118-161``), called when a job is registered or
  loaded and its start is older than epsilon. A period with ``months >= 1`` counts *chained*
  ``plus(period)`` steps until the date is at or after now (PR #284, for #283); any other period
  divides ``secondsBetween(start, now)`` by ``period.toStandardSeconds``, truncated, no ``+ 1``.
  The count drops by ``skip``, and when ``rec < skip`` the job is dropped (``None``): an overdue
  ``R1`` job never runs (#699). Known errors, all reproduced: a years-only period such as ``P1Y``
  throws ``UnsupportedOperationException`` and stops Chronos from starting (#869, #870), and so
  do ``P-1M`` and ``P1Y-1M``; the chained count with the anchored move skips a month end (start
  Jan 31, now Mar 30: Apr 30, not Mar 31); sub-second periods divide by zero; the same int
  overflow; a future start moves *backwards* and raises the count.

Integers follow Java: ``int`` division truncates toward zero and wraps, Joda's checked
conversions throw :class:`ChronosFailure` with the exception Chronos would log.
"""

from __future__ import annotations

from datetime import datetime
from typing import Final, Literal, NoReturn, final

from isorepeat._types import Nanos
from isorepeat.chronos.arithmetic import CANNOT_HOLD, joda_fields, joda_plus, standard_seconds
from isorepeat.chronos.printing import create
from isorepeat.dialects import parse
from isorepeat.duration import Duration
from isorepeat.schedule import Schedule
from isorepeat.units import NS_PER_MS
from isorepeat.zones import UTC_ZONE, Zone, instant_of

__all__ = ["ChronosFailure", "skip_forward"]

_MS_PER_SECOND: Final = 1_000
_INT_BITS: Final = 32
_LONG_BITS: Final = 64
_INT_MIN: Final = -(2**31)
_INT_MAX: Final = 2**31 - 1
_ARITHMETIC: Final = "java.lang.ArithmeticException"
_UNSUPPORTED: Final = "java.lang.UnsupportedOperationException"
_VERSIONS: Final = {"2": "Chronos 2.5.1", "3": "Chronos 3 (HEAD)"}


@final
class ChronosFailure(Exception):  # noqa: N818 - not our error: Chronos's own exception, by its name
    """Chronos itself throws here: ``java_exception`` is the class, ``message`` its message.

    ``str()`` is what the JVM prints, ``java.lang.ArithmeticException: / by zero``.

    >>> from isorepeat.chronos import ChronosFailure
    >>> err = ChronosFailure("java.lang.ArithmeticException", "/ by zero")
    >>> str(err), err.java_exception, err.message
    ('java.lang.ArithmeticException: / by zero', 'java.lang.ArithmeticException', '/ by zero')
    """

    def __init__(self, java_exception: str, message: str) -> None:
        # Both fields go to args, so repr() is informative and pickling rebuilds the error.
        super().__init__(java_exception, message)
        self.java_exception = java_exception
        self.message = message

    def __str__(self) -> str:
        return f"{self.java_exception}: {self.message}"


def skip_forward(
    schedule: Schedule | str,
    now: datetime,
    version: Literal["2", "3"] | None = None,
    *,
    tz: str | None = None,
    jvm_zone: str | None = None,
) -> str | None:
    """The schedule text Chronos's ``skipForward`` stores at ``now``, quirks included (S36).

    ``version="3"`` is Chronos HEAD (3.x), which runs it at every launch; ``"2"`` is tag 2.5.1,
    which runs it when it registers a job whose start is older than epsilon. A text is parsed
    as that version parses it, with ``scheduleTimeZone`` ``tz`` and the JVM default zone
    ``jvm_zone`` (an empty start is ``now - 1 s`` in Chronos 3, ``now`` in 2.5.1); a
    :class:`Schedule` must be of the chronos dialect and is taken as it is, and the version it
    was read as (``parse(..., version=)``) is the default. Without either, the version is 3.
    ``now`` is an aware datetime, read to the millisecond like Joda's clock.

    Returns ``None`` where Chronos 2.5.1 drops the job (fewer repetitions left than skipped).

    A schedule read as Chronos 2.5.1 reads it is skipped as 2.5.1 skips it:

    >>> import isorepeat
    >>> from datetime import datetime, timezone
    >>> from isorepeat.chronos import skip_forward
    >>> now = datetime(2012, 1, 3, 12, tzinfo=timezone.utc)
    >>> read_by_2 = isorepeat.parse("R5//PT10H", dialect="chronos", now=now, version="2")
    >>> skip_forward(read_by_2, datetime(2012, 1, 4, tzinfo=timezone.utc))
    'R4/2012-01-03T22:00:00.000Z/PT10H'

    More examples, from text:

    >>> from isorepeat.chronos import ChronosFailure
    >>> skip_forward("R5/2012-01-01T00:00:00Z/P1D", now)
    'R4/2012-01-04T00:00:00.000Z/P1D'
    >>> skip_forward("R5/2012-01-01T00:00:00Z/P1D", now, "2")
    'R3/2012-01-03T00:00:00.000Z/P1D'
    >>> skip_forward("R/2012-01-01T00:00:00Z/PT0.5S", now)
    Traceback (most recent call last):
      ...
    isorepeat.chronos.skip.ChronosFailure: java.lang.ArithmeticException: / by zero
    >>> try:
    ...     skip_forward("R/2012-01-01T00:00:00Z/P1Y", now, "2")
    ... except ChronosFailure as err:
    ...     print(err.message)
    Cannot convert to Seconds as this period contains years and years vary in length

    :raises ChronosFailure: where Chronos throws (division by zero, int overflow, a period that
        ``toStandardSeconds`` refuses, a multiplied period that overflows an int).
    :raises ScheduleError: for a text Chronos cannot parse: Chronos then leaves the job as it is
        (HEAD) or drops it (2.5.1, ``None``); we say why instead.
    :raises ValueError: for a :class:`Schedule` of another dialect, ``tz`` or ``jvm_zone`` with a
        :class:`Schedule`, a ``version`` other than the one a :class:`Schedule` was read as, an
        unknown ``version``, a new start outside the years 0001-9999, and a
        2.5.1 count that never ends (a month period with negative fields that stops moving
        forward: Chronos loops for ever there).
    :raises TypeError: for a naive ``now``.
    """
    if version is not None and version not in ("2", "3"):
        msg = f"version must be '2' (Chronos 2.5.1) or '3' (Chronos HEAD), not {version!r}"
        raise ValueError(msg)
    if isinstance(schedule, Schedule):
        parsed = _given(schedule, tz, jvm_zone)
        read_as: Literal["2", "3"] = "2" if parsed.options.get("version") == "2" else "3"
        if version is not None and version != read_as:
            msg = (
                f"this schedule was read as {_VERSIONS[read_as]} reads it: parse it with "
                f"version={version!r} to skip it as {_VERSIONS[version]} does (an empty start "
                "differs by a second)"
            )
            raise ValueError(msg)
        version = read_as
    else:
        version = "3" if version is None else version
        parsed = parse(schedule, dialect="chronos", tz=tz, jvm_zone=jvm_zone, now=now, version=version)
    zone, start = parsed.zone, parsed.start_ns
    if start is None or zone is None:
        msg = "Chronos keeps a start in every schedule; this one has none"
        raise ValueError(msg)
    period = parsed.period
    now_ms = instant_of(now, "now") // NS_PER_MS  # DateTime keeps milliseconds
    start_ms = start // NS_PER_MS
    rec = -1 if parsed.repetitions is None else parsed.repetitions
    if version == "3":
        skip = _skips_head(now_ms, start_ms, period)
        new_rec = rec if rec == -1 else _java_long(rec - 1)
    else:
        skip = _skips_2x(now_ms, start_ms, zone, start, period)
        if rec == -1:
            new_rec = rec
        elif rec < skip:
            return None  # "Filtered job as it is no longer valid."
        else:
            new_rec = _java_long(rec - skip)
    new_start = _plus_multiplied(zone, start, period, skip)
    return create(new_rec, zone.to_datetime(new_start), period)


def _given(schedule: Schedule, tz: str | None, jvm_zone: str | None) -> Schedule:
    """A parsed schedule, which must be of the chronos dialect and comes without text options."""
    if schedule.dialect != "chronos":
        msg = (
            f"skip_forward takes a schedule of the chronos dialect, not {schedule.dialect!r}: "
            "parse it with dialect='chronos'"
        )
        raise ValueError(msg)
    if tz is not None or jvm_zone is not None:
        msg = "tz and jvm_zone apply when the schedule is a text; a Schedule is already parsed"
        raise ValueError(msg)
    return schedule


# -- calculateSkips ------------------------------------------------------------------------------


def _skips_head(now_ms: int, start_ms: int, period: Duration) -> int:
    """HEAD's ``calculateSkips``: one past the periods that fit, or 0 (start not before now)."""
    if not (start_ms < now_ms and any(joda_fields(period))):
        return 0
    if period.months or period.years:
        # PR #800: divide by the length of the month or year that starts at now; Chronos's
        # clock, and so this Duration, is in UTC (DateTime.now(DateTimeZone.UTC)).
        end = joda_plus(UTC_ZONE, now_ms * NS_PER_MS, period)
        if end is None:
            msg = f"now plus {period} is outside the years 0001-9999: {CANNOT_HOLD}"
            raise ValueError(msg)
        elapsed = _seconds_between(start_ms, now_ms)
        divisor = _safe_to_int(_java_div(end // NS_PER_MS - now_ms, _MS_PER_SECOND))
    else:
        elapsed = _seconds_between(start_ms, now_ms)
        divisor = _standard_seconds(period)
    return _java_int(_java_div(elapsed, divisor) + 1)


def _skips_2x(now_ms: int, start_ms: int, zone: Zone, start: Nanos, period: Duration) -> int:
    """2.5.1's ``calculateSkips``: chained steps for ``months >= 1``, else truncated division."""
    if period.months >= 1:
        return _chained_steps(zone, start, now_ms * NS_PER_MS, period)
    # Scala evaluates the dividend first: its overflow wins over toStandardSeconds' refusal.
    elapsed = _seconds_between(start_ms, now_ms)
    return _java_int(_java_div(elapsed, _standard_seconds(period)))


def _chained_steps(zone: Zone, start: Nanos, now: Nanos, period: Duration) -> int:
    """``while (newDate.isBefore(now)) { newDate = newDate.plus(period); skips += 1 }``.

    With months >= 1 and no negative field every step moves at least 28 days forward. A period
    with negative fields can stand still or walk back (``P1M-30D`` from Mar 31 stays there), and
    then Chronos never leaves the loop: we say so instead of hanging.
    """
    skips = 0
    instant = start
    revisits: set[Nanos] = set()
    while instant < now:
        following = joda_plus(zone, instant, period)
        if following is None:
            msg = (
                f"Chronos 2.5.1 never finishes counting: {period} walks the start back past the "
                "year 0001 instead of towards now"
            )
            raise ValueError(msg)
        if following <= instant:
            # A cycle has a step that does not move forward; the loop is deterministic, so
            # reaching the same such target twice means it turns for ever.
            if following in revisits:
                msg = f"Chronos 2.5.1 never finishes counting: {period} does not move the start past now"
                raise ValueError(msg)
            revisits.add(following)
        instant = following
        skips += 1
    return _java_int(skips)


# -- Joda-Time -----------------------------------------------------------------------------------


def _seconds_between(start_ms: int, end_ms: int) -> int:
    """``Seconds.secondsBetween(start, end).getSeconds``: truncated, and it must fit an int."""
    return _safe_to_int(_java_div(end_ms - start_ms, _MS_PER_SECOND))


def _standard_seconds(period: Duration) -> int:
    """``Period.toStandardSeconds``: weeks of 7 days, days of 86,400 s, millis truncated away."""
    if period.months:
        _unsupported("months and months vary in length")
    if period.years:
        _unsupported("years and years vary in length")
    return _safe_to_int(standard_seconds(period))


def _unsupported(what: str) -> NoReturn:
    raise ChronosFailure(_UNSUPPORTED, f"Cannot convert to Seconds as this period contains {what}")


def _plus_multiplied(zone: Zone, start: Nanos, period: Duration, skip: int) -> Nanos:
    """``start.plus(period.multipliedBy(skip))``, with ``FieldUtils.safeMultiply``'s check."""
    if skip != 1:
        for value in joda_fields(period):
            if not _INT_MIN <= value * skip <= _INT_MAX:
                raise ChronosFailure(_ARITHMETIC, f"Multiplication overflows an int: {value} * {skip}")
    result = joda_plus(zone, start, period, skip)
    if result is None:
        msg = (
            f"the new start, {skip} times {period} from the start, is outside the years 0001-9999: "
            f"{CANNOT_HOLD}"
        )
        raise ValueError(msg)
    return result


# -- Java integers -------------------------------------------------------------------------------


def _java_div(dividend: int, divisor: int) -> int:
    """Java's ``/`` on ints and longs: truncated toward zero, ``/ by zero`` for a zero divisor."""
    if divisor == 0:
        raise ChronosFailure(_ARITHMETIC, "/ by zero")
    quotient = abs(dividend) // abs(divisor)
    return quotient if (dividend < 0) == (divisor < 0) else -quotient


def _safe_to_int(value: int) -> int:
    """``FieldUtils.safeToInt``."""
    if not _INT_MIN <= value <= _INT_MAX:
        raise ChronosFailure(_ARITHMETIC, f"Value cannot fit in an int: {value}")
    return value


def _java_int(value: int) -> int:
    """A Scala ``Int`` result: wrapped to 32 bits (``Int.MaxValue + 1`` is ``Int.MinValue``)."""
    return _wrap(value, _INT_BITS)


def _java_long(value: int) -> int:
    """A Scala ``Long`` result: wrapped to 64 bits."""
    return _wrap(value, _LONG_BITS)


def _wrap(value: int, bits: int) -> int:
    half = 1 << (bits - 1)
    return (value + half) % (1 << bits) - half
