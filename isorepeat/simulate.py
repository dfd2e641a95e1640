"""What actually runs: epsilon windows, scheduler outages and catch-up policies (S37-S39).

``simulate`` walks only the occurrences due inside the window asked for (the O(1) queries of the
timeline find the first one), so its cost is that of the window and the outages, not of the
schedule's history. Events are value objects, yielded in the order of the occurrences.
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Final, Literal, TypeAlias, final

from isorepeat.duration import Duration
from isorepeat.schedule import Mode, Schedule, trusted_schedule
from isorepeat.units import NS_PER_SECOND
from isorepeat.zones import instant_of

__all__ = [
    "POLICY_NAMES",
    "Catchup",
    "Count",
    "Policy",
    "PolicyName",
    "Run",
    "SkipReason",
    "Skipped",
    "simulate",
]

Catchup: TypeAlias = Literal["each", "latest", "none"]
"""What runs when an outage ends (S38): every overdue occurrence still inside its window
(Chronos 2.x), only the most recent one (Chronos 3.x), or none."""

Count: TypeAlias = Literal["occurrences", "launches"]
"""What ``Rn`` counts (S39): the first n occurrences, skipped ones included (Chronos 2.x), or
n runs (Chronos 3.x)."""

SkipReason: TypeAlias = Literal["missed", "superseded", "not caught up"]
"""Why an occurrence did not run: its window closed during the outage (``missed``), a later
overdue occurrence ran instead (``superseded``, catch-up ``latest``), or the policy runs
nothing overdue (``not caught up``, catch-up ``none``)."""

PolicyName: TypeAlias = Literal["chronos2", "chronos3", "each", "latest", "none"]
"""A policy by name (:meth:`Policy.named`): a scheduler's, or one catch-up rule alone."""
POLICY_NAMES: Final[tuple[PolicyName, ...]] = ("chronos2", "chronos3", "each", "latest", "none")

_CHRONOS_EPSILON: Final = Duration.parse("PT60S")


@final
@dataclass(frozen=True, slots=True)
class Policy:
    """How a scheduler treats occurrences it could not start on time (S37-S39).

    ``epsilon`` is the window after the due time in which a late start is still allowed
    (calendar arithmetic in the schedule's zone, S37); ``None`` is an unbounded window.

    >>> from isorepeat import Policy
    >>> Policy.chronos2()
    Policy(epsilon=Duration.parse('PT60S'), catchup='each', count='occurrences', mode='chained')
    >>> Policy.chronos3()
    Policy(epsilon=None, catchup='latest', count='launches', mode='chained')
    """

    epsilon: Duration | None = _CHRONOS_EPSILON
    catchup: Catchup = "each"
    count: Count = "occurrences"
    mode: Mode = "anchored"

    def __post_init__(self) -> None:
        if self.catchup not in ("each", "latest", "none"):
            msg = f"catchup must be 'each', 'latest' or 'none', not {self.catchup!r}"
            raise ValueError(msg)
        if self.count not in ("occurrences", "launches"):
            msg = f"count must be 'occurrences' or 'launches', not {self.count!r}"
            raise ValueError(msg)
        if self.mode not in ("anchored", "chained"):
            msg = f"mode must be 'anchored' or 'chained', not {self.mode!r}"
            raise ValueError(msg)
        if self.epsilon is not None and (self.epsilon.is_zero or not _is_positive(self.epsilon)):
            msg = f"epsilon must be a positive duration or None, not {self.epsilon}"
            raise ValueError(msg)

    @classmethod
    def chronos2(cls, epsilon: Duration | str = _CHRONOS_EPSILON) -> Policy:
        """Chronos 2.x: the epsilon window (default ``PT60S``, ``--task_epsilon``), every
        overdue occurrence still in its window runs, ``Rn`` counts occurrences, and the stream
        is chained (each start is the previous one plus the period)."""
        return cls.named("chronos2", epsilon=epsilon)

    @classmethod
    def named(cls, name: PolicyName, /, *, epsilon: Duration | str | None = _CHRONOS_EPSILON) -> Policy:
        """The policy called ``name``: ``"chronos2"`` (:meth:`chronos2`, with ``epsilon``; ``None``:
        its rules without a window), ``"chronos3"`` (:meth:`chronos3`, no window: ``epsilon`` is
        not taken), or one catch-up
        rule alone, ``"each"``, ``"latest"`` or ``"none"``, with ``epsilon`` (``None``: no limit),
        ``Rn`` counting occurrences and anchored arithmetic (ISO 8601's reading).

        >>> from isorepeat import Policy
        >>> Policy.named("latest", epsilon="PT10M")
        Policy(epsilon=Duration.parse('PT10M'), catchup='latest', count='occurrences', mode='anchored')

        :raises ValueError: for another name, or an epsilon with ``"chronos3"``.
        """
        window = Duration.parse(epsilon) if isinstance(epsilon, str) else epsilon
        if name == "chronos2":
            return cls(window, "each", "occurrences", "chained")
        if name == "chronos3":
            if window is not None and window != _CHRONOS_EPSILON:
                msg = "chronos3 has no epsilon window: Chronos 3.x runs the latest overdue occurrence"
                raise ValueError(msg)
            return cls.chronos3()
        if name in ("each", "latest", "none"):
            return cls(window, name, "occurrences", "anchored")
        msg = f"policy must be one of {', '.join(map(repr, POLICY_NAMES))}, not {name!r}"
        raise ValueError(msg)

    @classmethod
    def chronos3(cls) -> Policy:
        """Chronos 3.x (HEAD): no epsilon, one catch-up run of the latest overdue occurrence,
        ``Rn`` counts launches, chained evaluation."""
        return cls(None, "latest", "launches", "chained")


@final
@dataclass(frozen=True, slots=True)
class Run:
    """An occurrence due at ``due`` that started at ``at`` (``at == due`` when on time)."""

    due: datetime
    at: datetime

    @property
    def delay(self) -> timedelta:
        """How late the run started, in elapsed time: both in UTC, because two datetimes of one
        tzinfo subtract wall times (a run caught up in a repeated hour would be 0 s late)."""
        return self.at.astimezone(timezone.utc) - self.due.astimezone(timezone.utc)


@final
@dataclass(frozen=True, slots=True)
class Skipped:
    """An occurrence due at ``due`` that did not run, and why."""

    due: datetime
    reason: SkipReason


def simulate(
    schedule: Schedule,
    start: datetime,
    end: datetime,
    /,
    *,
    outages: Iterable[tuple[datetime, datetime]] = (),
    policy: Policy | None = None,
) -> Iterator[Run | Skipped]:
    """One event per occurrence due in ``[start, end)``: :class:`Run` or :class:`Skipped` (S38).

    ``policy`` defaults to ``Policy()``: a ``PT60S`` window, every overdue occurrence caught up,
    ``Rn`` counting occurrences, anchored arithmetic. ``outages`` are intervals ``[down, up)``
    in which nothing can start; when one ends at ``up`` the overdue occurrences are handled by
    ``policy.catchup``. Occurrences before ``start`` are taken as having run (this matters for
    ``count="launches"``).

    >>> from datetime import datetime, timezone
    >>> from isorepeat import Duration, Policy, Run, parse, simulate
    >>> s = parse("R/2026-01-01T00:00:00Z/PT10M")
    >>> t = lambda hh, mm: datetime(2026, 1, 1, hh, mm, tzinfo=timezone.utc)
    >>> window = Policy(epsilon=Duration.parse("PT15M"))
    >>> for event in simulate(s, t(0, 0), t(1, 0), outages=[(t(0, 5), t(0, 40))], policy=window):
    ...     if isinstance(event, Run):
    ...         print(f"{event.due:%H:%M} ran at {event.at:%H:%M}")
    ...     else:
    ...         print(f"{event.due:%H:%M} skipped: {event.reason}")
    00:00 ran at 00:00
    00:10 skipped: missed
    00:20 skipped: missed
    00:30 ran at 00:40
    00:40 ran at 00:40
    00:50 ran at 00:50

    :raises TypeError: for naive datetimes.
    :raises ValueError: for ``end < start``, or an outage that ends before it begins.
    :raises ScheduleError: for a schedule with an empty start (resolve it first).
    """
    _utc(start, "start")
    _utc(end, "end")
    if end < start:
        msg = f"end {end.isoformat()} is before start {start.isoformat()}"
        raise ValueError(msg)
    policy = Policy() if policy is None else policy
    downs, ups = _merged(outages)
    due_times = _due(schedule, start, end, policy)
    return _events(schedule, due_times, downs, ups, policy, _launch_budget(schedule, start, policy))


def _events(
    schedule: Schedule,
    due_times: Iterator[datetime],
    downs: Sequence[datetime],
    ups: Sequence[datetime],
    policy: Policy,
    runs_left: list[int] | None,
) -> Iterator[Run | Skipped]:
    pending: list[datetime] = []  # overdue occurrences of the current outage
    pending_up: datetime | None = None
    for due in due_times:
        if pending_up is not None and due >= pending_up:
            yield from _catch_up(schedule, pending, pending_up, policy, runs_left)
            pending, pending_up = [], None
        if runs_left is not None and runs_left[0] <= 0:
            return
        index = bisect_right(downs, due) - 1
        if index >= 0 and due < ups[index]:
            pending.append(due)
            pending_up = ups[index]
            continue
        if runs_left is not None:
            runs_left[0] -= 1
        yield Run(due, due)
    if pending_up is not None:
        yield from _catch_up(schedule, pending, pending_up, policy, runs_left)


def _catch_up(
    schedule: Schedule,
    overdue: list[datetime],
    up: datetime,
    policy: Policy,
    runs_left: list[int] | None,
) -> Iterator[Run | Skipped]:
    """The occurrences that fell in one outage, decided when it ends at ``up`` (S38)."""
    # By position, not by ==: two datetimes of one zone compare their wall times and ignore
    # fold, so 02:15 CEST and 02:15 CET of a fall-back night would be "equal".
    latest_open = next(
        (i for i in reversed(range(len(overdue))) if _window_open(schedule, overdue[i], up, policy)), None
    )
    for index, due in enumerate(overdue):
        if runs_left is not None and runs_left[0] <= 0:
            return
        if not _window_open(schedule, due, up, policy):
            yield Skipped(due, "missed")
        elif policy.catchup == "none":
            yield Skipped(due, "not caught up")
        elif policy.catchup == "latest" and index != latest_open:
            yield Skipped(due, "superseded")
        else:
            if runs_left is not None:
                runs_left[0] -= 1
            yield Run(due, up.astimezone(due.tzinfo))


def _window_open(schedule: Schedule, due: datetime, at: datetime, policy: Policy) -> bool:
    """S37: ``at < due ⊕ ε``, with the schedule's own calendar arithmetic."""
    if policy.epsilon is None:
        return True
    window = _plus(schedule, due, policy.epsilon)
    return window is None or at < window


def _plus(schedule: Schedule, moment: datetime, period: Duration) -> datetime | None:
    """``moment ⊕ period`` in the schedule's zone and dialect (``None`` past the year 9999).

    The sum is occurrence 1 of a two-run schedule that starts at ``moment``: one arithmetic,
    the timeline's, for occurrences and windows alike.
    """
    zone = schedule.zone
    assert zone is not None  # _due() resolved the start
    instant = instant_of(moment, "moment")
    wall = instant + zone.offset_at(instant) * NS_PER_SECOND
    step = trusted_schedule(
        2, period, instant, wall, zone, schedule.disambiguate, schedule.tz, dialect=schedule.dialect_spec
    )
    return step.next_after(moment, mode="anchored")


def _due(schedule: Schedule, start: datetime, end: datetime, policy: Policy) -> Iterator[datetime]:
    """The due times in ``[start, end)``; with ``count="launches"`` the series goes on past n."""
    series = schedule
    # The anchored query's definition, in the schedule's zone (IR207): P1DT-1H moves forward in UTC.
    forward = series.period.moves_forward_in(schedule.zone)
    if policy.count == "launches" and schedule.repetitions is not None and forward:
        # Past n the launch budget decides; a period that does not move forward keeps its
        # n (R1 runs once whichever way it points; more runs are refused below, IR207).
        series = dataclasses.replace(schedule, repetitions=None)
    if policy.mode == "anchored" or not forward:
        # A period that does not move forward has no series to simulate: the anchored query
        # refuses it (IR207) where a chain would run the same instant for ever.
        return series.between(start, end, mode="anchored")
    # The schedule knows where its chain is its anchored series (O(1)), and where it is not
    # though the period is fixed (an empty start Chronos re-reads in the schedule zone).
    return series.between(start, end, mode="chained")


def _launch_budget(schedule: Schedule, start: datetime, policy: Policy) -> list[int] | None:
    """``count="launches"``: the runs left, those due before the window taken as done (S39)."""
    runs = schedule.run_count
    if policy.count != "launches" or runs is None:
        return None
    first = schedule.start
    assert first is not None
    done = schedule.count_between(first, start, mode=policy.mode) if start > first else 0
    return [runs - done]


def _merged(outages: Iterable[tuple[datetime, datetime]]) -> tuple[list[datetime], list[datetime]]:
    """Outages sorted and merged where they touch: (downs, ups)."""
    # In UTC: two datetimes of one ZoneInfo compare wall times and ignore fold, so an outage
    # given in the schedule's zone would swallow the other pass of a repeated hour.
    spans = sorted((_utc(down, "an outage start"), _utc(up, "an outage end")) for down, up in outages)
    downs: list[datetime] = []
    ups: list[datetime] = []
    for down, up in spans:
        if up < down:
            msg = f"an outage ends ({up.isoformat()}) before it begins ({down.isoformat()})"
            raise ValueError(msg)
        if ups and down <= ups[-1]:
            ups[-1] = max(ups[-1], up)
        else:
            downs.append(down)
            ups.append(up)
    return downs, ups


def _utc(moment: datetime, name: str) -> datetime:
    instant_of(moment, name)  # the one naive-datetime contract: TypeError
    return moment.astimezone(timezone.utc)


def _is_positive(duration: Duration) -> bool:
    values = (duration.years, duration.months, duration.weeks, duration.days, duration.elapsed_nanoseconds)
    return all(value >= 0 for value in values)
