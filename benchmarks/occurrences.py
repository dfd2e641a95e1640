"""Occurrence speed of isorepeat and its peers, side by side in one process (run by hand, not a test).

    python benchmarks/occurrences.py [--passes 7] [--min-time 0.02] [--steps 200000]

The five workloads of issue 4 (item 5):

a. the first 1,000 occurrences of ``R/2012-10-01T05:52:00.123+01:00/PT2S``;
b. the next run after 2026-11-22T12:00Z of ``R/2012-10-01T05:52:00Z/PT2S``;
c. the next run after 2026-11-22T12:00Z of ``R/2012-01-31T09:00:00Z/P1M`` (2026-11-30T09:00Z);
d. 120 monthly occurrences from 2024-01-31T09:00 in Europe/Berlin;
e. 1,000 daily occurrences from 2024-01-01T09:00 in Europe/Berlin;

and issue 16's

f. a week of PT1M (10,080 occurrences) in Europe/Berlin, across its spring change, against the
   same instants in UTC (the goal: within 2x of UTC).

Every schedule, rule, cron expression and start is parsed or built **outside** the timed
operation, for isorepeat and for every peer alike: what is timed is the query (a list of
occurrences, or one next run). The one exception is a pair of rows in (a), marked "parsed
inside", which time parsing plus the first 1,000 for isorepeat and aniso8601 alike (aniso8601's
public API parses and makes its generator in one call). isorepeat's schedule is a value, so its
first query builds and caches its arithmetic; later queries, the ones timed, reuse it. Peers
that hold a cursor (croniter) are rewound with ``start_time`` inside the timed operation. Results
that are not ``datetime`` objects (whenever's) are converted for the check only, never inside
the timing.

Before timing, each operation runs once and its results are compared with isorepeat's, item by item
(instant and UTC offset): the "results" column says "agree" or where they first differ, and for a
single next run, what the peer returned and whether it is right. Peers that disagree are still
timed, so the price of being wrong is visible too. A peer that is not installed prints "not
installed"; croniter without a seconds field says so.

Timing is timeit's: each operation is repeated enough times for a pass to last ``--min-time``
seconds, with the garbage collector off; the libraries' passes are interleaved (the order rotates
each pass) and each time is the median of ``--passes`` passes, in µs per operation. The ratio is
that time divided by isorepeat's: above 1 is slower than isorepeat. The "issue" column is the
median issue 4 measured for that peer before isorepeat had occurrences, for comparison. Stepping
aniso8601's generator to 2026 one period at a time (b) takes over a minute: it runs ``--steps``
steps and the time is extrapolated to the full count (marked ``~``). Each workload ends with the
issue's target for isorepeat, "met" or "MISSED"; a summary of all targets comes last.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import math
import platform
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from importlib import metadata
from typing import Any
from zoneinfo import ZoneInfo

Operation = Callable[[], object]
"""One timed operation: a list of occurrences, or one next run."""
Convert = Callable[[object], list[datetime]]
"""Turns an operation's result into aware datetimes to compare with isorepeat's (not timed)."""

UTC = timezone.utc
BERLIN = "Europe/Berlin"
AFTER = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
"""The reference time of the next-run workloads (b, c)."""
RIGHT_MONTHLY = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
"""The right answer of workload c: Jan 31 + 178 months, clamped to November's 30 days (S28)."""


@dataclass(frozen=True)
class Prepared:
    """A contender ready to run: its operation, or an estimate for stepping too slow to run."""

    operation: Operation | None
    convert: Convert
    note: str = ""
    """Printed in the results column after the check (how the peer was made to fit)."""
    estimate: Callable[[int], tuple[float, str]] | None = None
    """For ``operation=None``: given ``--steps``, (µs per operation, how it was extrapolated)."""


@dataclass(frozen=True)
class Contender:
    label: str
    distribution: str
    """The package whose version is printed (and whose absence means "not installed")."""
    load: Callable[[], Prepared]
    """Imports the library (raising ImportError if it is missing) and builds the operation."""
    issue_us: float | None = None
    """The median issue 4 measured for this peer, in µs."""


@dataclass(frozen=True)
class Target:
    text: str
    judge: Callable[[dict[str, float]], tuple[str, bool] | None]
    """From µs/op by label: (what was measured, met?), or None when a peer it needs is missing."""
    aim: bool = False
    """An aim rather than a requirement: printed, but "missed" rather than "MISSED"."""


@dataclass(frozen=True)
class Workload:
    key: str
    title: str
    contenders: list[Contender]
    targets: list[Target]
    single: bool = False
    """The operation returns one next run (b, c): show it and whether it is right."""


# -- helpers ---------------------------------------------------------------------------------


def _as_list(result: object) -> list[datetime]:
    if isinstance(result, datetime):
        return [result]
    assert isinstance(result, list)
    return result


def _whenever_list(result: object) -> list[datetime]:
    values: list[Any] = result if isinstance(result, list) else [result]
    return [value.to_stdlib() for value in values]


def _schedule(text: str, tz: str | None = None) -> object:
    import isorepeat

    schedule = isorepeat.parse(text, tz=tz)
    schedule.next_after(AFTER)  # the first query builds the cached arithmetic; time the others
    return schedule


def _isorepeat_first(text: str, count: int, tz: str | None = None) -> Callable[[], Prepared]:
    def load() -> Prepared:
        schedule = _schedule(text, tz)
        islice = itertools.islice

        def operation() -> object:
            return list(islice(schedule, count))  # type: ignore[call-overload]

        return Prepared(operation, _as_list)

    return load


def _isorepeat_next(text: str) -> Callable[[], Prepared]:
    def load() -> Prepared:
        schedule = _schedule(text)
        next_after = schedule.next_after  # type: ignore[attr-defined]
        return Prepared(lambda: next_after(AFTER), _as_list)

    return load


# -- a. first 1,000 of R/2012-10-01T05:52:00.123+01:00/PT2S --------------------------------

_A_TEXT = "R/2012-10-01T05:52:00.123+01:00/PT2S"
_A_START = datetime(2012, 10, 1, 5, 52, 0, 123_000, tzinfo=timezone(timedelta(hours=1)))
_A_STEP = timedelta(seconds=2)
_A_COUNT = 1000


def _aniso8601_generator() -> tuple[Callable[[], object], str]:
    """aniso8601's repeating-interval generator, from a start and a step parsed once."""
    import aniso8601
    from aniso8601.builders.python import PythonTimeBuilder

    _, start_text, period_text = _A_TEXT.split("/")
    generator = getattr(PythonTimeBuilder, "_date_generator_unbounded", None)
    start, step = aniso8601.parse_datetime(start_text), aniso8601.parse_duration(period_text)
    if generator is not None:
        return (lambda: generator(start, step)), "its generator, on the start and step parsed once"
    # Another version: the only public way in parses the text each time.
    return (lambda: aniso8601.parse_repeating_interval(_A_TEXT)), "parsed inside: no generator found"


def _aniso8601_a() -> Prepared:
    make, note = _aniso8601_generator()
    islice = itertools.islice
    return Prepared(lambda: list(islice(make(), _A_COUNT)), _as_list, note)  # type: ignore[call-overload]


def _isorepeat_parse_a() -> Prepared:
    import isorepeat

    parse, islice = isorepeat.parse, itertools.islice
    return Prepared(lambda: list(islice(parse(_A_TEXT), _A_COUNT)), _as_list, "parsed inside")


def _aniso8601_parse_a() -> Prepared:
    import aniso8601

    parse, islice = aniso8601.parse_repeating_interval, itertools.islice
    return Prepared(lambda: list(islice(parse(_A_TEXT), _A_COUNT)), _as_list, "parsed inside")


def _rrule_a() -> Prepared:
    from dateutil.rrule import SECONDLY, rrule

    rule = rrule(SECONDLY, interval=2, dtstart=_A_START, count=_A_COUNT)
    return Prepared(lambda: list(rule), _as_list)


def _bare_loop_a() -> Prepared:
    start, step, count = _A_START, _A_STEP, _A_COUNT
    return Prepared(lambda: [start + i * step for i in range(count)], _as_list)


# -- b. next run of R/2012-10-01T05:52:00Z/PT2S after 2026-11-22T12:00Z ----------------------

_B_TEXT = "R/2012-10-01T05:52:00Z/PT2S"
_B_START = datetime(2012, 10, 1, 5, 52, tzinfo=UTC)
_B_STEP = timedelta(seconds=2)


def _aniso8601_b() -> Prepared:
    import aniso8601

    def estimate(steps: int) -> tuple[float, str]:
        total = (AFTER - _B_START) // _B_STEP + 2  # yields up to the first one after AFTER
        times = []
        for _ in range(3):
            dates = aniso8601.parse_repeating_interval(_B_TEXT)  # parsed before the clock starts
            begin = time.perf_counter()
            for date in itertools.islice(dates, steps):
                if date > AFTER:
                    break
            times.append(time.perf_counter() - begin)
        per_step = statistics.median(times) / steps
        return (
            per_step * total * 1e6,
            f"~{per_step * total:.0f} s: {steps:,} of {total:,} steps, extrapolated",
        )

    return Prepared(None, _as_list, estimate=estimate)


def _metomi_next(text: str) -> Callable[[], Prepared]:
    def load() -> Prepared:
        from metomi.isodatetime.parsers import TimePointParser, TimeRecurrenceParser

        recurrence = TimeRecurrenceParser().parse(text)  # type: ignore[no-untyped-call]
        after = TimePointParser().parse(AFTER.strftime("%Y-%m-%dT%H:%M:%SZ"))  # type: ignore[no-untyped-call]

        def convert(point: object) -> list[datetime]:
            return [datetime.fromisoformat(str(point).replace("Z", "+00:00"))]

        return Prepared(lambda: recurrence.get_first_after(after), convert)

    return load


def _croniter_next(expression: str, note: str) -> Callable[[], Prepared]:
    def load() -> Prepared:
        from croniter import croniter

        try:
            cron = croniter(expression, AFTER)
        except (ValueError, KeyError) as error:
            return Prepared(None, _as_list, f"cannot express it: {type(error).__name__}: {error}"[:70])
        get_next = cron.get_next
        return Prepared(lambda: get_next(datetime, start_time=AFTER), _as_list, note)

    return load


def _floor_b() -> Prepared:
    start, step, after = _B_START, _B_STEP, AFTER

    def next_after() -> datetime:
        return start + ((after - start) // step + 1) * step

    return Prepared(next_after, _as_list)


# -- c. next run of R/2012-01-31T09:00:00Z/P1M after 2026-11-22T12:00Z -----------------------

_C_TEXT = "R/2012-01-31T09:00:00Z/P1M"


def _aniso8601_c() -> Prepared:
    import aniso8601
    from aniso8601.builders.python import PythonTimeBuilder

    _, start_text, period_text = _C_TEXT.split("/")
    start, step = aniso8601.parse_datetime(start_text), aniso8601.parse_duration(period_text)
    generator = PythonTimeBuilder._date_generator_unbounded

    def next_after() -> object:
        for date in generator(start, step):
            if date > AFTER:
                return date
        return None  # pragma: no cover - the generator is unbounded

    return Prepared(next_after, _as_list, f"its generator steps P1M as {step}")


def _whenever_c() -> Prepared:
    from whenever import ZonedDateTime

    start = ZonedDateTime(2012, 1, 31, 9, tz="UTC")
    after = ZonedDateTime(2026, 11, 22, 12, tz="UTC")

    def next_after() -> object:
        months = 0
        while True:
            date = start.add(months=months)
            if date > after:
                return date
            months += 1

    return Prepared(next_after, _whenever_list, "add(months=i), i = 0, 1, ...")


# -- d. 120 monthly occurrences from 2024-01-31T09:00, Europe/Berlin -------------------------

_D_COUNT = 120


def _relativedelta_d() -> Prepared:
    from dateutil.relativedelta import relativedelta

    zone, start, count = ZoneInfo(BERLIN), datetime(2024, 1, 31, 9), _D_COUNT

    def operation() -> object:
        return [(start + relativedelta(months=i)).replace(tzinfo=zone) for i in range(count)]

    return Prepared(operation, _as_list, "start + relativedelta(months=i), then ZoneInfo")


def _pendulum_d() -> Prepared:
    import pendulum

    start, count = pendulum.datetime(2024, 1, 31, 9, tz=BERLIN), _D_COUNT
    return Prepared(lambda: [start.add(months=i) for i in range(count)], _as_list)


def _whenever_d() -> Prepared:
    from whenever import ZonedDateTime

    start, count = ZonedDateTime(2024, 1, 31, 9, tz=BERLIN), _D_COUNT
    return Prepared(lambda: [start.add(months=i) for i in range(count)], _whenever_list)


# -- e. 1,000 daily occurrences from 2024-01-01T09:00, Europe/Berlin -------------------------

_E_COUNT = 1000


def _croniter_e() -> Prepared:
    from croniter import croniter

    before = datetime(2024, 1, 1, 8, 59, tzinfo=ZoneInfo(BERLIN))
    cron, count = croniter("0 9 * * *", before), _E_COUNT

    def operation() -> object:
        get_next = cron.get_next
        first = get_next(datetime, start_time=before)
        return [first] + [get_next(datetime) for _ in range(count - 1)]

    return Prepared(operation, _as_list)


def _rrule_e() -> Prepared:
    from dateutil.rrule import DAILY, rrule

    rule = rrule(DAILY, dtstart=datetime(2024, 1, 1, 9, tzinfo=ZoneInfo(BERLIN)), count=_E_COUNT)
    return Prepared(lambda: list(rule), _as_list)


def _whenever_e() -> Prepared:
    from whenever import ZonedDateTime

    start, count = ZonedDateTime(2024, 1, 1, 9, tz=BERLIN), _E_COUNT
    return Prepared(lambda: [start.add(days=i) for i in range(count)], _whenever_list)


# -- f. a week of PT1M from 2026-03-25T00:00 in Europe/Berlin, and the same instants in UTC ------

_F_COUNT = 10_080
ISOREPEAT_F = "isorepeat: list(islice(schedule, 10080)), Europe/Berlin"
ISOREPEAT_F_UTC = "isorepeat: the same instants in UTC (R/2026-03-24T23:00:00Z/PT1M)"


def _isorepeat_f_utc() -> Prepared:
    schedule = _schedule("R/2026-03-24T23:00:00Z/PT1M")
    berlin = ZoneInfo(BERLIN)

    def operation() -> object:
        return list(itertools.islice(schedule, _F_COUNT))  # type: ignore[call-overload]

    # The instants shown in Berlin for the check only, outside the timing.
    return Prepared(operation, lambda result: [moment.astimezone(berlin) for moment in _as_list(result)])


def _whenever_f() -> Prepared:
    from whenever import ZonedDateTime

    start, count = ZonedDateTime(2026, 3, 25, 0, tz=BERLIN), _F_COUNT
    return Prepared(lambda: [start.add(minutes=i) for i in range(count)], _whenever_list)


# -- targets ---------------------------------------------------------------------------------

ISOREPEAT_A = "isorepeat: list(islice(schedule, 1000))"
ANISO_A = "aniso8601 generator: list(islice(gen, 1000))"
ISOREPEAT_A_PARSE = "isorepeat: parse + list(islice(schedule, 1000))"
ANISO_A_PARSE = "aniso8601: parse_repeating_interval + islice 1000"
BARE_A = "bare loop: [start + i*step for i in range(1000)]"
ISOREPEAT_NEXT = "isorepeat: schedule.next_after(t)"
ISOREPEAT_D = "isorepeat: list(islice(schedule, 120))"
RELATIVEDELTA_D = "dateutil relativedelta, anchored"
WHENEVER_D = "whenever ZonedDateTime.add(months=i)"
ISOREPEAT_E = "isorepeat: list(islice(schedule, 1000))"


def _within(label: str, of: str, factor: float) -> Callable[[dict[str, float]], tuple[str, bool] | None]:
    def judge(times: dict[str, float]) -> tuple[str, bool] | None:
        if label not in times or of not in times:
            return None
        return f"{times[label]:,.1f} vs {factor:g} × {times[of]:,.1f} µs", times[label] <= factor * times[of]

    return judge


def _faster(label: str, of: str, factor: float) -> Callable[[dict[str, float]], tuple[str, bool] | None]:
    def judge(times: dict[str, float]) -> tuple[str, bool] | None:
        if label not in times or of not in times:
            return None
        ratio = times[of] / times[label]
        return f"{ratio:,.1f}× faster ({times[label]:,.1f} vs {times[of]:,.1f} µs)", ratio >= factor

    return judge


def _under(label: str, limit: float) -> Callable[[dict[str, float]], tuple[str, bool] | None]:
    def judge(times: dict[str, float]) -> tuple[str, bool] | None:
        if label not in times:
            return None
        return f"{times[label]:,.2f} µs", times[label] < limit

    return judge


def _workloads() -> list[Workload]:
    months_note = "cron's last day of the month: the same series, as Jan 31 is one"
    return [
        Workload(
            "a",
            f"a. first 1,000 occurrences of {_A_TEXT}",
            [
                Contender(ISOREPEAT_A, "isorepeat", _isorepeat_first(_A_TEXT, _A_COUNT)),
                Contender(ANISO_A, "aniso8601", _aniso8601_a, 126),
                Contender(ISOREPEAT_A_PARSE, "isorepeat", _isorepeat_parse_a),
                Contender(ANISO_A_PARSE, "aniso8601", _aniso8601_parse_a),
                Contender(
                    "dateutil rrule(SECONDLY, interval=2, count=1000)", "python-dateutil", _rrule_a, 3400
                ),
                Contender(BARE_A, "python", _bare_loop_a, 293),
            ],
            [
                Target("within 1.5× of aniso8601's generator", _within(ISOREPEAT_A, ANISO_A, 1.5)),
                Target(
                    "the same, both parsing inside the loop",
                    _within(ISOREPEAT_A_PARSE, ANISO_A_PARSE, 1.5),
                    aim=True,
                ),
                Target("faster than the bare loop", _within(ISOREPEAT_A, BARE_A, 1.0)),
            ],
        ),
        Workload(
            "b",
            f"b. next run after {AFTER:%Y-%m-%dT%H:%MZ} of {_B_TEXT}",
            [
                Contender(ISOREPEAT_NEXT, "isorepeat", _isorepeat_next(_B_TEXT)),
                Contender("aniso8601 generator, stepped until after t", "aniso8601", _aniso8601_b),
                Contender(
                    "metomi TimeRecurrence.get_first_after(t)",
                    "metomi-isodatetime",
                    _metomi_next(_B_TEXT),
                    221,
                ),
                Contender(
                    "croniter('* * * * * */2').get_next(start_time=t)",
                    "croniter",
                    _croniter_next("* * * * * */2", "even seconds (6th field), as the start's is"),
                    419,
                ),
                Contender("floor: start + ((t - start) // step + 1) * step", "python", _floor_b, 0.7),
            ],
            [Target("under 2 µs", _under(ISOREPEAT_NEXT, 2.0))],
            single=True,
        ),
        Workload(
            "c",
            f"c. next run after {AFTER:%Y-%m-%dT%H:%MZ} of {_C_TEXT} (right: 2026-11-30T09:00Z)",
            [
                Contender(ISOREPEAT_NEXT, "isorepeat", _isorepeat_next(_C_TEXT)),
                Contender(
                    "croniter('0 9 L * *').get_next(start_time=t)",
                    "croniter",
                    _croniter_next("0 9 L * *", months_note),
                    171,
                ),
                Contender("whenever ZonedDateTime.add(months=i) loop", "whenever", _whenever_c, 71),
                Contender(
                    "metomi TimeRecurrence.get_first_after(t)", "metomi-isodatetime", _metomi_next(_C_TEXT)
                ),
                Contender("aniso8601 generator, stepped until after t", "aniso8601", _aniso8601_c),
            ],
            [Target("under 5 µs", _under(ISOREPEAT_NEXT, 5.0))],
            single=True,
        ),
        Workload(
            "d",
            "d. 120 monthly occurrences from 2024-01-31T09:00 in Europe/Berlin (R/…/P1M)",
            [
                Contender(
                    ISOREPEAT_D, "isorepeat", _isorepeat_first("R/2024-01-31T09:00:00/P1M", _D_COUNT, BERLIN)
                ),
                Contender(RELATIVEDELTA_D, "python-dateutil", _relativedelta_d, 860),
                Contender("pendulum DateTime.add(months=i)", "pendulum", _pendulum_d, 1140),
                Contender(WHENEVER_D, "whenever", _whenever_d, 23),
            ],
            [
                Target("at least 5× faster than relativedelta", _faster(ISOREPEAT_D, RELATIVEDELTA_D, 5.0)),
                Target("aim: within 2× of whenever", _within(ISOREPEAT_D, WHENEVER_D, 2.0), aim=True),
            ],
        ),
        Workload(
            "e",
            "e. 1,000 daily occurrences from 2024-01-01T09:00 in Europe/Berlin (R/…/P1D)",
            [
                Contender(
                    ISOREPEAT_E, "isorepeat", _isorepeat_first("R/2024-01-01T09:00:00/P1D", _E_COUNT, BERLIN)
                ),
                Contender("croniter('0 9 * * *').get_next() × 1000", "croniter", _croniter_e, 72_000),
                Contender(
                    "dateutil rrule(DAILY, count=1000), ZoneInfo start", "python-dateutil", _rrule_e, 2200
                ),
                Contender("whenever ZonedDateTime.add(days=i)", "whenever", _whenever_e, 183),
            ],
            [Target("under 400 µs", _under(ISOREPEAT_E, 400.0))],
        ),
        Workload(
            "f",
            "f. 10,080 occurrences of PT1M from 2026-03-25T00:00 in Europe/Berlin (across its spring change)",
            [
                Contender(
                    ISOREPEAT_F, "isorepeat", _isorepeat_first("R/2026-03-25T00:00:00/PT1M", _F_COUNT, BERLIN)
                ),
                Contender(ISOREPEAT_F_UTC, "isorepeat", _isorepeat_f_utc),
                Contender("whenever ZonedDateTime.add(minutes=i)", "whenever", _whenever_f),
            ],
            [Target("within 2× of the same in UTC", _within(ISOREPEAT_F, ISOREPEAT_F_UTC, 2.0))],
        ),
    ]


# -- checking --------------------------------------------------------------------------------


def _key(moment: datetime) -> tuple[datetime, timedelta | None]:
    """What must agree: the instant and the UTC offset (so also the wall time)."""
    return moment.astimezone(UTC), moment.utcoffset()


def _show(moment: datetime) -> str:
    return moment.isoformat()


def _verdict(workload: Workload, got: list[datetime], expected: list[datetime]) -> str:
    if workload.single:
        if not got or got[0] is None:
            return "returns nothing: WRONG"
        right = _key(got[0]) == _key(expected[0])
        return f"{_show(got[0])} {'right' if right else 'WRONG'}"
    for index, (mine, theirs) in enumerate(zip(got, expected, strict=False)):
        if _key(mine) != _key(theirs):
            return f"differ at #{index}: {_show(mine)}, isorepeat {_show(theirs)}"
    if len(got) != len(expected):
        return f"differ: {len(got)} results, isorepeat {len(expected)}"
    return f"agree ({len(got):,} of {len(expected):,})"


# -- timing ----------------------------------------------------------------------------------


def _one_pass(operation: Operation, number: int) -> float:
    """Seconds for ``number`` calls, with the garbage collector off (as timeit does)."""
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        begin = time.perf_counter()
        for _ in range(number):
            operation()
        return time.perf_counter() - begin
    finally:
        if gc_was_enabled:
            gc.enable()


def _number(operation: Operation, min_time: float) -> int:
    """How many calls make a pass last ``min_time`` seconds."""
    once = _one_pass(operation, 1)
    number = max(1, math.ceil(min_time / max(once, 1e-7)))
    # A second estimate on a bigger sample: a single call is too short to time well.
    sample = min(number, 1000)
    per_call = _one_pass(operation, sample) / sample
    return max(1, math.ceil(min_time / max(per_call, 1e-9)))


def _version(distribution: str) -> str:
    if distribution == "python":
        return platform.python_version()
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "?"


@dataclass
class _Row:
    contender: Contender
    status: str
    operation: Operation | None = None
    number: int = 1
    per_op: float | None = None
    estimated: bool = False


def run(workload: Workload, passes: int, min_time: float, steps: int) -> dict[str, float]:
    """Check, time and print one workload; returns µs/op by label."""
    rows: list[_Row] = []
    expected: list[datetime] = []
    for contender in workload.contenders:
        try:
            prepared = contender.load()
        except ImportError:
            rows.append(_Row(contender, "not installed"))
            continue
        if prepared.operation is None:
            if prepared.estimate is None:
                rows.append(_Row(contender, prepared.note))
                continue
            per_op, how = prepared.estimate(steps)
            rows.append(_Row(contender, how, per_op=per_op, estimated=True))
            continue
        got = prepared.convert(prepared.operation())
        if not rows:  # isorepeat, the reference
            expected = got
            if workload.key == "c":
                assert got == [RIGHT_MONTHLY], f"isorepeat returns {got}, not {RIGHT_MONTHLY}"
        status = _verdict(workload, got, expected)
        if prepared.note:
            status += f"; {prepared.note}"
        rows.append(_Row(contender, status, prepared.operation))

    timed = [row for row in rows if row.operation is not None]
    for row in timed:
        assert row.operation is not None
        row.number = _number(row.operation, min_time)
    times: dict[str, list[float]] = {row.contender.label: [] for row in timed}
    for index in range(passes):
        # Rotate the order each pass: no library always runs first, or right after another.
        for row in timed[index % len(timed) :] + timed[: index % len(timed)]:
            assert row.operation is not None
            times[row.contender.label].append(_one_pass(row.operation, row.number) / row.number)
    for row in timed:
        row.per_op = statistics.median(times[row.contender.label]) * 1e6

    base = rows[0].per_op
    print(f"\n{workload.title}")
    print(f"{'library':<52} {'version':<10} {'µs/op':>10} {'vs isorepeat':>13} {'issue':>8}  results")
    for row in rows:
        label, version = row.contender.label, _version(row.contender.distribution)
        issue = f"{row.contender.issue_us:,g}" if row.contender.issue_us is not None else ""
        if row.per_op is None or base is None:
            version = "-" if row.status == "not installed" else version
            print(f"{label:<52} {version:<10} {'':>10} {'':>13} {issue:>8}  {row.status}")
            continue
        shown = f"~{row.per_op:,.0f}" if row.estimated else f"{row.per_op:,.2f}"
        ratio = row.per_op / base
        ratio_text = f"{ratio:,.0f}×" if ratio >= 1000 else f"{ratio:,.2f}×"
        print(f"{label:<52} {version:<10} {shown:>10} {ratio_text:>13} {issue:>8}  {row.status}")
    return {row.contender.label: row.per_op for row in rows if row.per_op is not None}


def _judge(workload: Workload, times: dict[str, float]) -> list[tuple[str, str, str]]:
    """(target, measured, verdict) for each of the workload's targets."""
    results = []
    for target in workload.targets:
        outcome = target.judge(times)
        if outcome is None:
            results.append((target.text, "a peer it needs is not installed", "n/a"))
            continue
        measured, met = outcome
        results.append((target.text, measured, "met" if met else ("missed" if target.aim else "MISSED")))
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--passes", type=int, default=7, help="timed passes per library (median)")
    parser.add_argument("--min-time", type=float, default=0.02, help="seconds per pass, at least")
    parser.add_argument("--steps", type=int, default=200_000, help="aniso8601 steps timed in b")
    parser.add_argument("--only", default="abcdef", help="workloads to run, e.g. 'bc'")
    args = parser.parse_args(argv)
    print(
        f"Python {platform.python_version()} ({platform.python_implementation()}) on "
        f"{platform.machine()} {platform.system()}; median of {args.passes} passes; "
        "schedules parsed outside the timed operation unless marked 'parsed inside'"
    )
    summary: list[tuple[str, str, str, str]] = []
    for workload in _workloads():
        if workload.key not in args.only:
            continue
        times = run(workload, args.passes, args.min_time, args.steps)
        for target, measured, verdict in _judge(workload, times):
            print(f"  target: {target}: {measured}: {verdict}")
            summary.append((workload.key, target, measured, verdict))
    print("\ntargets (issue 4, item 5)")
    print(f"{'':<2} {'target':<40} {'measured':<44} verdict")
    for key, target, measured, verdict in summary:
        print(f"{key:<2} {target:<40} {measured:<44} {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
