"""Schedule: the immutable value of an ISO 8601 repeating interval, and its queries (S20, S27-S35).

Shaped like this: the value knows its dialect (:mod:`isorepeat.dialects`), which says how it
prints, counts and runs; the occurrence arithmetic is ``timeline.py`` (anchored, O(1)/O(log k))
and ``chain.py`` (chained, walked once). Every query takes ``mode=`` and defaults to the
dialect's own, so a chronos schedule answers what Chronos runs. Nothing here names a dialect.
"""

from __future__ import annotations

import operator
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone, tzinfo
from itertools import islice
from typing import TYPE_CHECKING, Final, final

from isorepeat._types import Disambiguate, Nanos
from isorepeat.calendar import MAX_WALL, MIN_WALL
from isorepeat.chain import chains_as_anchored
from isorepeat.dialects import Dialect, Form, Mode, dialect_named
from isorepeat.duration import Duration
from isorepeat.errors import ScheduleError, fail, unrepresentable
from isorepeat.notes import Note
from isorepeat.queries import AnchoredRuns, ChainedRuns, anchored_runs, chained_runs, shown_as_chained
from isorepeat.units import NS_PER_HOUR, NS_PER_MINUTE, NS_PER_SECOND, NS_PER_US
from isorepeat.zones import UTC_ZONE, FixedZone, WallTimeError, Zone, instant_of, offset_seconds

if TYPE_CHECKING:
    from isorepeat.dialects import Options

__all__ = [
    "End",
    "Form",
    "Mode",
    "Runs",
    "Schedule",
    "duration_of",
    "trusted_schedule",
]

_MODES: Final = ("anchored", "chained")


@final
@dataclass(frozen=True, slots=True)
class End:
    """The end of ``R/start/end`` (S16) or the anchor of ``R/P/end`` (S17)."""

    instant: Nanos
    wall: Nanos
    """Wall-clock fields: as written for S17 (its ⊖ starts from them), resolved for S16."""


@final
@dataclass(frozen=True, slots=True)
class Runs:
    """The next runs after a moment (:meth:`Schedule.runs_after`), and what is left after them.

    ``remaining`` counts the runs after these: ``None`` for a series that goes on for ever, 0 when
    it ended (at n, or at the year 9999, S40). In chained mode a finite series counts the runs
    ``R<n>`` allows (the year 9999 may end it sooner).
    """

    runs: tuple[datetime, ...]
    remaining: int | None

    @property
    def ended(self) -> bool:
        """True when no run follows these."""
        return self.remaining == 0


@final
@dataclass(frozen=True, slots=True, repr=False)
class Schedule:
    """An ISO 8601 repeating interval, ``R[n]/<start>/<period>`` (SEMANTICS §1).

    Immutable and hashable; equality is structural on the canonical form (``str``), never
    "the same occurrences". Build one with :func:`isorepeat.parse` (or :meth:`Schedule.parse`).

    >>> from isorepeat import Schedule
    >>> s = Schedule.parse("R10/2012-10-01T05:52:00Z/PT2S")
    >>> s
    Schedule.parse('R10/2012-10-01T05:52:00Z/PT2S')
    >>> s.repetitions, s.start, str(s.period), s.is_infinite
    (10, datetime.datetime(2012, 10, 1, 5, 52, tzinfo=datetime.timezone.utc), 'PT2S', False)
    """

    repetitions: int | None
    """``None`` for ``R`` (infinite), else n >= 0 (S5), as written: :attr:`run_count` is what it counts."""
    period: Duration
    _start: Nanos | None
    _start_wall: Nanos | None
    _zone: Zone | None
    tz: tzinfo | None = field(default=None, compare=False)
    """The schedule time zone as given (argument or RFC 9557 suffix); ``None``: the start's offset."""
    _dialect: Dialect = field(default_factory=lambda: dialect_named("iso"))
    disambiguate: Disambiguate = "compatible"
    """The policy for wall times in gaps and overlaps (S24)."""
    _form: Form = "start"
    _end: End | None = None
    notes: tuple[Note, ...] = field(default=(), compare=False)
    """Findings that are not errors, such as ``PST`` read as Los Angeles time (chronos, S34)."""
    _options: tuple[tuple[str, object], ...] = field(default=(), compare=False)
    # The dialect options the text was read with (jvm_zone, version), for repr and the dialect.
    _start_written: bool = field(default=True, compare=False)
    # False when the start was empty or absent as written (what R<n> counts may depend on it).
    _rezone: Zone | None = None
    # The schedule zone a chain re-reads run 0 in when the start is shown in another zone
    # (Chronos's empty start, read in UTC, CHRONOS.md §2); None: the start's own zone, or none.
    # What answers queries in each mode, built on the first: the only slots written after __init__.
    _anchored: AnchoredRuns | None = field(default=None, init=False, repr=False, compare=False)
    _chained: AnchoredRuns | ChainedRuns | None = field(default=None, init=False, repr=False, compare=False)

    # -- construction ------------------------------------------------------------------------

    @classmethod
    def parse(
        cls,
        text: str,
        /,
        *,
        tz: tzinfo | str | None = None,
        dialect: str | Dialect = "iso",
        disambiguate: Disambiguate = "compatible",
        now: datetime | None = None,
        **options: object,
    ) -> Schedule:
        """Parse a schedule; the same as :func:`isorepeat.parse`."""
        from isorepeat.dialects import parse

        return parse(text, tz=tz, dialect=dialect, disambiguate=disambiguate, now=now, **options)

    def __reduce__(self) -> tuple[type[Schedule], tuple[object, ...]]:
        # The fields without the caches; the dialect pickles by its name (Dialect.__reduce__).
        return (
            Schedule,
            (
                self.repetitions,
                self.period,
                self._start,
                self._start_wall,
                self._zone,
                self.tz,
                self._dialect,
                self.disambiguate,
                self._form,
                self._end,
                self.notes,
                self._options,
                self._start_written,
                self._rezone,
            ),
        )

    # -- values ------------------------------------------------------------------------------

    @property
    def dialect(self) -> str:
        """The name of the dialect the text was read in (``"iso"``, ``"chronos"``, ...)."""
        return self._dialect.name

    @property
    def dialect_spec(self) -> Dialect:
        """The :class:`~isorepeat.dialects.Dialect` itself: how it prints, counts and runs."""
        return self._dialect

    @property
    def options(self) -> dict[str, object]:
        """The dialect options the text was read with, such as ``{"jvm_zone": "Europe/Berlin"}``."""
        return dict(self._options)

    @property
    def form(self) -> Form:
        """The ISO form written: ``"start"``, ``"interval"`` (S16), ``"end"`` (S17) or ``"cycle"`` (S18)."""
        return self._form

    @property
    def zone(self) -> Zone | None:
        """The zone the start is placed in: the schedule zone, or the fixed offset it was written
        with; ``None`` for an empty start without a zone."""
        return self._zone

    @property
    def chain_zone(self) -> Zone | None:
        """The zone each chained run is re-read in (S35): the schedule zone, ``None`` without one."""
        if self._rezone is not None:
            return self._rezone
        return self._zone if self.tz is not None else None

    @property
    def start_ns(self) -> Nanos | None:
        """The exact start, ns since the epoch (S9; :attr:`start` is floored to the microsecond)."""
        return self._start

    @property
    def start_wall_ns(self) -> Nanos | None:
        """The start's wall-clock fields as ns since 1970-01-01T00:00 (as written for a gap, S20)."""
        return self._start_wall

    @property
    def end(self) -> End | None:
        """The end written in ``R/start/end`` (S16) or ``R/P/end`` (S17), else ``None``."""
        return self._end

    @property
    def start(self) -> datetime | None:
        """The first occurrence as an aware datetime, floored to the microsecond (S31).

        ``None`` for an empty start (S6, S18) until :meth:`resolve` gives it one.
        """
        if self._start is None or self._zone is None:
            return None
        return self._zone.to_datetime(self._start)

    @property
    def is_infinite(self) -> bool:
        """True for ``R`` without a count (until year 9999, S40)."""
        return self.repetitions is None

    @property
    def run_count(self) -> int | None:
        """How many runs ``R<n>`` means in this dialect (n in iso and chronos); ``None``: for ever."""
        return self._dialect.count_runs(self.repetitions, self._start_written)

    @property
    def mode(self) -> Mode:
        """The dialect's evaluation mode, the default of every query: ``"anchored"`` or ``"chained"``."""
        return self._dialect.mode

    def resolve(self, now: datetime, /) -> Schedule:
        """The schedule put into effect at ``now`` (S6, S18); a schedule with a start is returned as is.

        The dialect says how: in iso an empty start becomes ``now`` and the BPMN cycle
        ``R[n]/<duration>`` starts one period after ``now``; without a ``tz``, the start keeps
        ``now``'s UTC offset.

        >>> from isorepeat import Schedule
        >>> from datetime import datetime, timezone
        >>> now = datetime(2026, 1, 31, 9, 0, tzinfo=timezone.utc)
        >>> str(Schedule.parse("R//PT10M").resolve(now))
        'R/2026-01-31T09:00:00Z/PT10M'
        >>> str(Schedule.parse("R3/P1M", tz="Europe/Berlin").resolve(now))
        'R3/2026-02-28T10:00:00+01:00[Europe/Berlin]/P1M'
        """
        if self._start is not None:
            return self
        rule = self._dialect.effective_start(self._form, dict(self._options))
        instant = instant_of(now, "now")
        instant = instant - instant % rule.precision + rule.shift
        zone = self._zone
        if rule.zone == "utc":
            zone = UTC_ZONE
        elif zone is None:
            offset = offset_seconds(now)
            zone = FixedZone(offset) if offset else UTC_ZONE
        wall = instant + zone.offset_at(instant) * NS_PER_SECOND
        if not MIN_WALL <= wall <= MAX_WALL:  # now - 1 s at the first second of the year 0001
            text = str(self)
            unrepresentable(
                f"the empty start put into effect at {now.isoformat()} is before the year 0001: "
                f"{self._dialect.engine or 'the standard'} accepts this; isorepeat cannot represent it",
                text,
                text.find("/") + 1,
            )
        if rule.periods:
            try:
                first = self._dialect.arithmetic(
                    zone, instant, wall, self.period, rule.periods, self.disambiguate
                )
            except WallTimeError as error:
                raise ScheduleError(error.message, str(self), 0, error.hint) from None
            if first is None:
                fail(f"{self.period} after {now.isoformat()} is beyond the year 9999", str(self), 0)
            instant, wall = first, first + zone.offset_at(first) * NS_PER_SECOND
        tz = self.tz if self._zone is not None and rule.zone == "schedule" else None
        rezone = self._zone if rule.zone == "utc" and self.tz is not None and self._zone != zone else None
        return replace(
            self, _start=instant, _start_wall=wall, _zone=zone, tz=tz, _form="start", _rezone=rezone
        )

    # -- occurrences (S27-S35, S40) ----------------------------------------------------------

    def __getitem__(self, k: int, /) -> datetime:
        """Occurrence k in the dialect's mode (S27, S35), floored to the microsecond (S31).

        A negative k counts from the end of a finite schedule, as for a sequence.
        :meth:`occurrence` takes a ``mode``.

        >>> from isorepeat import Schedule
        >>> s = Schedule.parse("R/2012-01-31T09:00:00/P1M", tz="Europe/Berlin")
        >>> s[1].isoformat(), s[2].isoformat()
        ('2012-02-29T09:00:00+01:00', '2012-03-31T09:00:00+02:00')

        :raises IndexError: past the end (n, or the year 9999, S40).
        """
        return self.occurrence(k)

    def occurrence(self, k: int, /, *, mode: Mode | None = None) -> datetime:
        """Occurrence k, anchored or chained (default: the dialect's mode); see ``schedule[k]``.

        :raises IndexError: past the end (n, or the year 9999, S40).
        :raises WalkLimitError: a chained k beyond the walk's bound (:data:`isorepeat.chain.WALK_LIMIT`).
        """
        index = operator.index(k)
        runs = self._runs(mode)
        if index < 0:
            if self.repetitions is None:
                msg = "an infinite schedule has no end to count back from"
                raise IndexError(msg)
            index += runs.length()
        found = None if index < 0 else runs.at(index)
        if found is None:
            where = "before the start" if index < 0 else "past the end"
            msg = f"occurrence {k} is {where} of {self}"
            raise IndexError(msg)
        return found

    def __iter__(self) -> Iterator[datetime]:
        """Every occurrence in order, in the dialect's mode, until n or the year 9999 (S40)."""
        return self.occurrences()

    def occurrences(self, mode: Mode | None = None) -> Iterator[datetime]:
        """The occurrences, anchored (S27) or chained (S35); by default in the dialect's mode.

        ``"chained"`` is what a server that stores the next start as text runs: occurrence
        k+1 = ``parse(format(occurrence k)) ⊕ P``, with the schedule zone re-applied at every
        step, so month ends and DST gaps drift as they do in Chronos.

        >>> from isorepeat import Schedule
        >>> s = Schedule.parse("R4/2012-01-31T00:00:00Z/P1M")
        >>> [t.date().isoformat() for t in s.occurrences()]
        ['2012-01-31', '2012-02-29', '2012-03-31', '2012-04-30']
        >>> [t.date().isoformat() for t in s.occurrences(mode="chained")]
        ['2012-01-31', '2012-02-29', '2012-03-29', '2012-04-29']
        """
        return self._runs(mode).runs(0)

    def __len__(self) -> int:
        """The number of occurrences of a finite schedule (fewer if the year 9999 cuts it, S40).

        :raises TypeError: for an infinite schedule (see :attr:`is_infinite`).
        """
        if self.repetitions is None:
            msg = f"{self} is infinite: it has no len(); check is_infinite first"
            raise TypeError(msg)
        return self._runs(None).length()

    def __contains__(self, moment: object, /) -> bool:
        """True when ``moment`` is one of the occurrences (as returned, to the microsecond)."""
        if not isinstance(moment, datetime):
            return False
        return self.index_of(moment) is not None

    @property
    def last(self) -> datetime | None:
        """The last occurrence (dialect's mode): of n, or before the year 9999 ends the series (S40)."""
        runs = self._runs(None)
        last = runs.length() - 1
        return None if last < 0 else runs.at(last)

    def index_of(self, moment: datetime, /, *, mode: Mode | None = None) -> int | None:
        """The k with ``schedule[k] == moment``, else ``None`` (the first k where two coincide)."""
        target = _microseconds(moment)
        runs = self._runs(mode)
        k = runs.first(target)
        if k is None:
            return None
        found = runs.at(k)
        if found is None or _microseconds(found) != target:
            return None
        return k

    def next_after(
        self, moment: datetime | None = None, /, *, inclusive: bool = False, mode: Mode | None = None
    ) -> datetime | None:
        """The first occurrence after ``moment`` (at or after it with ``inclusive=True``);
        ``moment`` defaults to now. In the dialect's mode unless ``mode`` is given.

        >>> from isorepeat import Schedule
        >>> from datetime import datetime, timezone
        >>> s = Schedule.parse("R/2012-10-01T05:52:00Z/PT2S")
        >>> s.next_after(datetime(2026, 11, 22, 12, 0, 1, tzinfo=timezone.utc)).isoformat()
        '2026-11-22T12:00:02+00:00'
        """
        moment = _now() if moment is None else moment
        return self._runs(mode).first_run(_microseconds(moment) + (0 if inclusive else 1))

    def time_until(self, moment: datetime | None = None, /, *, mode: Mode | None = None) -> timedelta | None:
        """The exact time from ``moment`` (default now) to the next run, or ``None`` if none follows.

        Computed in UTC: ``next - now`` of two datetimes sharing one tzinfo subtracts wall
        times, which is an hour off across a DST change in Python.

        >>> from isorepeat import Schedule
        >>> from datetime import datetime
        >>> from zoneinfo import ZoneInfo
        >>> s = Schedule.parse("R/2026-03-01T12:00:00/P1D", tz="Europe/Berlin")
        >>> now = datetime(2026, 3, 28, 13, 0, tzinfo=ZoneInfo("Europe/Berlin"))
        >>> s.time_until(now)  # 22 hours: the clocks go forward that night
        datetime.timedelta(seconds=79200)
        >>> s.next_after(now) - now  # wall-clock subtraction: an hour too long
        datetime.timedelta(seconds=82800)
        """
        moment = _now() if moment is None else moment
        following = self.next_after(moment, mode=mode)
        if following is None:
            return None
        return timedelta(microseconds=_microseconds(following) - _microseconds(moment))

    def previous_before(
        self, moment: datetime, /, *, inclusive: bool = False, mode: Mode | None = None
    ) -> datetime | None:
        """The last occurrence before ``moment`` (at or before it with ``inclusive=True``)."""
        runs = self._runs(mode)
        k = runs.last_before(_microseconds(moment) + (1 if inclusive else 0))
        return None if k is None else runs.at(k)

    def between(self, start: datetime, end: datetime, /, *, mode: Mode | None = None) -> Iterator[datetime]:
        """The occurrences t with ``start <= t < end``, in order (chain order when chained)."""
        low, high = _microseconds(start), _microseconds(end)
        runs = self._runs(mode)
        if isinstance(runs, ChainedRuns):
            return runs.between(low, high)
        window = runs.window(low, high)
        return runs.runs(window.start, window.stop)

    def count_between(self, start: datetime, end: datetime, /, *, mode: Mode | None = None) -> int:
        """How many occurrences t have ``start <= t < end`` (anchored: without making them)."""
        low, high = _microseconds(start), _microseconds(end)
        runs = self._runs(mode)
        if isinstance(runs, ChainedRuns):
            return sum(1 for _ in runs.between(low, high))
        return len(runs.window(low, high))

    def runs_after(
        self,
        moment: datetime | None = None,
        n: int = 1,
        /,
        *,
        inclusive: bool = False,
        mode: Mode | None = None,
    ) -> Runs:
        """The next ``n`` runs strictly after ``moment`` (at or after it with ``inclusive``;
        default now), in the dialect's mode, and how many remain after them.

        >>> from isorepeat import Schedule
        >>> from datetime import datetime, timezone
        >>> s = Schedule.parse("R5/2026-01-31T09:00:00Z/P1M")
        >>> runs = s.runs_after(datetime(2026, 2, 1, tzinfo=timezone.utc), 2)
        >>> [t.date().isoformat() for t in runs.runs], runs.remaining
        (['2026-02-28', '2026-03-31'], 2)
        """
        moment = _now() if moment is None else moment
        if n < 0:
            msg = f"n must be >= 0, not {n}"
            raise ValueError(msg)
        queries = self._runs(mode)
        k = queries.first(_microseconds(moment) + (0 if inclusive else 1))
        if k is None:
            return Runs((), 0)
        if isinstance(queries, ChainedRuns):
            runs = tuple(islice(queries.runs(k), n))
        else:
            runs = tuple(queries.runs(k, min(k + n, queries.length())))
        if len(runs) < n:  # n or the year 9999 ended the series
            return Runs(runs, 0)
        count = self.run_count
        if count is None:
            return Runs(runs, None)
        # Chained, a finite series has the runs R<n> allows; anchored, the year 9999 may cut it.
        total = count if isinstance(queries, ChainedRuns) else self._anchored_runs().length()
        return Runs(runs, max(0, total - k - len(runs)))

    # -- the runs of each mode, built on the first query in it ------------------------------------

    def _runs(self, mode: Mode | None) -> AnchoredRuns | ChainedRuns:
        """What answers queries in ``mode`` (default: the dialect's)."""
        if mode is None:
            mode = self._dialect.mode
        if mode == "anchored":
            return self._anchored or self._anchored_runs()
        if mode != "chained":
            msg = f"mode must be 'anchored' or 'chained', not {mode!r}"
            raise ValueError(msg)
        chained = self._chained
        if chained is None:
            chained = chained_runs(self, self._anchored_runs)
            if chains_as_anchored(self.period) and self._rezone is None:  # the anchored ones: O(1)
                chained = shown_as_chained(self, self._anchored_runs(), chained)
            object.__setattr__(self, "_chained", chained)  # a cache, as _anchored
        return chained

    def _anchored_runs(self) -> AnchoredRuns:
        anchored = self._anchored
        if anchored is None:
            anchored = anchored_runs(self)
            # A cache, invisible to ==, hash and repr (STYLE 2.2).
            object.__setattr__(self, "_anchored", anchored)
        return anchored

    # -- text --------------------------------------------------------------------------------

    def __str__(self) -> str:
        """The text in the schedule's own dialect: canonical iso (S20), what Chronos stores (S21).

        ``parse(str(s), dialect=s.dialect) == s``.
        """
        return self._dialect.format(self)

    def format(self, *, dialect: str | Dialect = "iso") -> str:
        """The schedule as text in ``dialect``: canonical ISO 8601 (S20), or as Chronos stores it (S21).

        >>> from isorepeat import Schedule
        >>> s = Schedule.parse("R10/2012-10-01T05:52:00Z/PT1.5S")
        >>> s.format(dialect="chronos")
        'R10/2012-10-01T05:52:00.000Z/PT1.500S'
        """
        return dialect_named(dialect).format(self)

    def __repr__(self) -> str:
        text, keywords = self._dialect.reparse(self)
        extra = "".join(f", {name}={value!r}" for name, value in keywords.items())
        return f"Schedule.parse({text!r}{extra})"


def duration_of(elapsed: Nanos) -> Duration:
    """An exact elapsed time as hours, minutes, seconds (the period of S16)."""
    hours, rest = divmod(elapsed, NS_PER_HOUR)
    minutes, rest = divmod(rest, NS_PER_MINUTE)
    seconds, nanos = divmod(rest, NS_PER_SECOND)
    return Duration(hours=hours, minutes=minutes, seconds=seconds, nanoseconds=nanos)


def _microseconds(moment: datetime) -> int:
    """An aware datetime as whole microseconds since the epoch (S31: queries compare these)."""
    return instant_of(moment, "the time") // NS_PER_US


def _now() -> datetime:
    return datetime.now(timezone.utc)


_SET_FIELDS: Final = tuple(
    Schedule.__dict__[name].__set__
    for name in (
        "repetitions",
        "period",
        "_start",
        "_start_wall",
        "_zone",
        "tz",
        "_dialect",
        "disambiguate",
        "_form",
        "_end",
        "notes",
        "_options",
        "_start_written",
        "_rezone",
        "_anchored",
        "_chained",
    )
)


def trusted_schedule(
    repetitions: int | None,
    period: Duration,
    start: Nanos,
    wall: Nanos,
    zone: Zone,
    disambiguate: Disambiguate,
    tz: tzinfo | None = None,
    *,
    dialect: Dialect | None = None,
    notes: tuple[Note, ...] = (),
    options: Options | None = None,
    start_written: bool = True,
) -> Schedule:
    """A ``R/start/P`` schedule from checked fields, as ``trusted_duration`` does:
    the fast path builds thousands, and the dataclass ``__init__`` costs 1 µs of the 4 µs budget."""
    schedule: Schedule = object.__new__(Schedule)
    (
        set_reps,
        set_period,
        set_start,
        set_wall,
        set_zone,
        set_tz,
        set_dialect,
        set_policy,
        set_form,
        set_end,
        set_notes,
        set_options,
        set_written,
        set_rezone,
        set_anchored,
        set_chained,
    ) = _SET_FIELDS
    set_reps(schedule, repetitions)
    set_period(schedule, period)
    set_start(schedule, start)
    set_wall(schedule, wall)
    set_zone(schedule, zone)
    set_tz(schedule, tz)
    set_dialect(schedule, dialect_named("iso") if dialect is None else dialect)
    set_policy(schedule, disambiguate)
    set_form(schedule, "start")
    set_end(schedule, None)
    set_notes(schedule, notes)
    set_options(schedule, () if not options else tuple(sorted(options.items())))
    set_written(schedule, start_written)
    set_rezone(schedule, None)
    set_anchored(schedule, None)
    set_chained(schedule, None)
    return schedule
