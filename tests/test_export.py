"""isorepeat.export: every RRULE and cron produced gives the schedule's runs, by the real readers.

The oracles are dateutil's ``rrulestr`` (its zones asked of ``zoneinfo``, whose ``fold=0`` is RFC
5545's reading of a skipped or repeated wall time) and croniter, each asked for the first 1,000
runs (for cron, from the first run on) and compared instant by instant with isorepeat's own.
Every refusal is a row with its message and hint.
"""

from __future__ import annotations

import calendar
import pickle
from collections.abc import Callable
from datetime import datetime, timedelta, timezone, tzinfo
from itertools import islice
from typing import Final, TypeVar
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from isorepeat import Schedule, ScheduleError, parse
from isorepeat.export import Cron, NotExpressibleError, to_cron, to_rrule

rrule = pytest.importorskip("dateutil.rrule")
croniter_module = pytest.importorskip("croniter")

T = TypeVar("T")
RUNS: Final = 1_000
UTC: Final = timezone.utc


def rrule_runs(text: str, n: int = RUNS) -> list[datetime]:
    """The first ``n`` runs dateutil reads in ``text``, as UTC instants (RFC 5545: fold=0)."""
    rule = rrule.rrulestr(text, tzids=ZoneInfo)
    return [run.astimezone(UTC) for run in islice(rule, n)]


def cron_runs(cron: Cron, first: datetime, n: int = RUNS) -> list[datetime]:
    """The first ``n`` firing times croniter gives from ``first`` on (``first`` included)."""
    zone = ZoneInfo(cron.zone)
    # A microsecond before the first run as an instant, not on the wall clock: a run at a gap's
    # end (03:00 on Berlin's spring day) has no wall time a microsecond earlier.
    before = (first.astimezone(UTC) - timedelta(microseconds=1)).astimezone(zone)
    moments = croniter_module.croniter(cron.expression, before)
    return [moments.get_next(datetime).astimezone(UTC) for _ in range(n)]


def schedule_runs(schedule: Schedule, n: int = RUNS) -> list[datetime]:
    return [run.astimezone(UTC) for run in islice(schedule, n)]


def assert_rrule_exact(schedule: Schedule, text: str) -> None:
    expected = schedule_runs(schedule)
    finite = schedule.run_count is not None and schedule.run_count <= RUNS
    # A short series: the whole of it, and no run more.
    assert rrule_runs(text, len(expected) + finite) == expected
    if finite:
        assert len(expected) == schedule.run_count


def assert_cron_exact(schedule: Schedule, cron: Cron) -> None:
    expected = schedule_runs(schedule)
    assert schedule.start is not None
    assert cron_runs(cron, schedule.start) == expected


# -- hand-picked: what each exporter writes, checked by the oracle -------------------------------

RRULES: Final = [
    # columns: the schedule, tz, the RRULE text
    # months: the month end of S28, as BYMONTHDAY=-1 or BYSETPOS=-1, and plain days
    (
        "R5/2026-01-31T09:00:00/P1M",
        "Europe/Berlin",
        "DTSTART;TZID=Europe/Berlin:20260131T090000\nRRULE:FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=5",
    ),
    (
        "R/2026-01-30T09:00:00/P1M",
        "America/New_York",
        "DTSTART;TZID=America/New_York:20260130T090000\nRRULE:FREQ=MONTHLY;BYMONTHDAY=28,29,30;BYSETPOS=-1",
    ),
    (
        "R/2026-01-29T09:00:00/P1M",
        "Europe/Berlin",
        "DTSTART;TZID=Europe/Berlin:20260129T090000\nRRULE:FREQ=MONTHLY;BYMONTHDAY=28,29;BYSETPOS=-1",
    ),
    (
        "R/2026-01-30T09:00:00/P12M",
        "Europe/Berlin",
        "DTSTART;TZID=Europe/Berlin:20260130T090000\nRRULE:FREQ=MONTHLY;INTERVAL=12",
    ),
    (
        "R/2026-04-30T09:00:00/P2M",
        "Europe/Berlin",
        "DTSTART;TZID=Europe/Berlin:20260430T090000\nRRULE:FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=28,29,30;BYSETPOS=-1",
    ),
    (
        "R/2026-01-15T09:00:00/P1Y6M",
        "Europe/Berlin",
        "DTSTART;TZID=Europe/Berlin:20260115T090000\nRRULE:FREQ=MONTHLY;INTERVAL=18",
    ),
    (
        "R/2024-02-29T09:00:00/P1Y",
        "Australia/Lord_Howe",
        "DTSTART;TZID=Australia/Lord_Howe:20240229T090000\nRRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1",
    ),
    (
        "R/2096-02-29T00:00:00Z/P4Y",
        None,
        "DTSTART:20960229T000000Z\nRRULE:FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=-1",
    ),
    (
        "R20/2012-01-31T00:00:00Z/P1M",
        None,
        "DTSTART:20120131T000000Z\nRRULE:FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=20",
    ),
    # days and weeks keep the wall time across DST; a skipped time runs after the gap (S24 = RFC 5545)
    (
        "R/2026-01-05T02:30:00/P1D",
        "Europe/Berlin",
        "DTSTART;TZID=Europe/Berlin:20260105T023000\nRRULE:FREQ=DAILY",
    ),
    (
        "R/2026-01-05T01:30:00/P1D",
        "America/New_York",
        "DTSTART;TZID=America/New_York:20260105T013000\nRRULE:FREQ=DAILY",
    ),
    (
        "R/2026-01-05T02:15:00/P1D",
        "Australia/Lord_Howe",
        "DTSTART;TZID=Australia/Lord_Howe:20260105T021500\nRRULE:FREQ=DAILY",
    ),
    (
        "R/2026-03-29T02:30:00/P1D",
        "Europe/Berlin",
        "DTSTART;TZID=Europe/Berlin:20260329T023000\nRRULE:FREQ=DAILY",
    ),
    (
        "R/2026-01-05T09:30:00/P1W",
        "Europe/Berlin",
        "DTSTART;TZID=Europe/Berlin:20260105T093000\nRRULE:FREQ=WEEKLY",
    ),
    (
        "R/2026-01-05T09:30:00/P2W",
        "Europe/Berlin",
        "DTSTART;TZID=Europe/Berlin:20260105T093000\nRRULE:FREQ=WEEKLY;INTERVAL=2",
    ),
    (
        "R/2026-01-05T09:30:00/P1W3D",
        "Europe/Berlin",
        "DTSTART;TZID=Europe/Berlin:20260105T093000\nRRULE:FREQ=DAILY;INTERVAL=10",
    ),
    (
        "R/2026-01-05T09:30:00/P14D",
        "Europe/Berlin",
        "DTSTART;TZID=Europe/Berlin:20260105T093000\nRRULE:FREQ=DAILY;INTERVAL=14",
    ),
    # elapsed time: in UTC where the offset changes (an hour of a fall-back night is not lost)
    (
        "R/2026-01-05T09:05:00/PT15M",
        "Europe/Berlin",
        "DTSTART:20260105T080500Z\nRRULE:FREQ=MINUTELY;INTERVAL=15",
    ),
    ("R/2026-10-25T00:30:00/PT1H", "Europe/Berlin", "DTSTART:20261024T223000Z\nRRULE:FREQ=HOURLY"),
    (
        "R/2026-11-01T00:30:00/PT30M",
        "America/New_York",
        "DTSTART:20261101T043000Z\nRRULE:FREQ=MINUTELY;INTERVAL=30",
    ),
    (
        "R/2026-04-05T01:00:00/PT20M",
        "Australia/Lord_Howe",
        "DTSTART:20260404T140000Z\nRRULE:FREQ=MINUTELY;INTERVAL=20",
    ),
    ("R/2026-01-05T09:05:00Z/PT2S", None, "DTSTART:20260105T090500Z\nRRULE:FREQ=SECONDLY;INTERVAL=2"),
    ("R/2026-01-05T09:05:00Z/PT36H", None, "DTSTART:20260105T090500Z\nRRULE:FREQ=HOURLY;INTERVAL=36"),
    ("R/2026-01-05T09:05:00Z/P1DT12H", None, "DTSTART:20260105T090500Z\nRRULE:FREQ=HOURLY;INTERVAL=36"),
    (
        "R10/2026-01-05T09:05:00Z/2026-01-05T10:35:00Z",
        None,
        "DTSTART:20260105T090500Z\nRRULE:FREQ=MINUTELY;INTERVAL=90;COUNT=10",
    ),
    # ... and in the zone itself where its offset never changes
    (
        "R3/2026-01-05T09:05:00/P1DT12H",
        "Asia/Tokyo",
        "DTSTART;TZID=Asia/Tokyo:20260105T090500\nRRULE:FREQ=HOURLY;INTERVAL=36;COUNT=3",
    ),
    (
        "R/2026-01-05T09:05:00/PT45M",
        "Asia/Kolkata",
        "DTSTART;TZID=Asia/Kolkata:20260105T090500\nRRULE:FREQ=MINUTELY;INTERVAL=45",
    ),
    (
        "R24/2026-06-01T09:00:00/PT1H",
        "Europe/Berlin",
        "DTSTART;TZID=Europe/Berlin:20260601T090000\nRRULE:FREQ=HOURLY;COUNT=24",
    ),
    # ... but not from the second pass of a repeated time, which DTSTART;TZID= cannot say
    (
        "R19/2026-04-05T01:45:00+10:30/PT66H",
        "Australia/Lord_Howe",
        "DTSTART:20260404T151500Z\nRRULE:FREQ=HOURLY;INTERVAL=66;COUNT=19",
    ),
    # a fixed offset without a name: in UTC, where it is the same
    ("R/2026-01-05T09:05:00+05:30/P1D", None, "DTSTART:20260105T033500Z\nRRULE:FREQ=DAILY"),
    ("R/2026-01-31T09:05:00+05:30/P1M", None, "DTSTART:20260131T033500Z\nRRULE:FREQ=MONTHLY;BYMONTHDAY=-1"),
    # the end form counts back, the same as forward where no month end clamps (S17)
    (
        "R3/P1M/2026-05-15T09:00:00",
        "Europe/Berlin",
        "DTSTART;TZID=Europe/Berlin:20260215T090000\nRRULE:FREQ=MONTHLY;COUNT=3",
    ),
    # another policy, where no run falls in a gap or overlap
    (
        "R/2026-01-05T09:00:00/P1D",
        "Europe/Berlin",
        "DTSTART;TZID=Europe/Berlin:20260105T090000\nRRULE:FREQ=DAILY",
    ),
]


@pytest.mark.parametrize(("text", "tz", "expected"), RRULES)
def test_to_rrule(text: str, tz: str | None, expected: str) -> None:
    schedule = parse(text, tz=tz)
    assert to_rrule(schedule) == expected
    assert_rrule_exact(schedule, expected)


@pytest.mark.parametrize("policy", ["earlier", "later", "raise"])
def test_to_rrule_other_policy_where_no_run_falls_in_a_change(policy: str) -> None:
    schedule = parse("R/2026-01-05T09:00:00/P1D", tz="Europe/Berlin", disambiguate=policy)  # type: ignore[arg-type]
    text = to_rrule(schedule)
    assert text == "DTSTART;TZID=Europe/Berlin:20260105T090000\nRRULE:FREQ=DAILY"
    assert rrule_runs(text, 400) == schedule_runs(schedule, 400)


def test_to_rrule_in_the_chained_dialect_where_chained_is_anchored() -> None:
    schedule = parse("R/2026-01-05T09:30:00/P1D", dialect="chronos", tz="Europe/Berlin")
    text = to_rrule(schedule)
    assert text == "DTSTART;TZID=Europe/Berlin:20260105T093000\nRRULE:FREQ=DAILY"
    assert_rrule_exact(schedule, text)
    hourly = parse("R5/2026-10-25T00:30:00Z/PT1H", dialect="chronos", tz="Europe/Berlin")
    assert_rrule_exact(hourly, to_rrule(hourly))


@pytest.mark.parametrize(
    ("text", "options", "expected"),
    [
        (
            "R/2026-01-05T09:05:00Z/P1DT12H",
            {"dialect": "chronos"},
            "DTSTART:20260105T090500Z\nRRULE:FREQ=HOURLY;INTERVAL=36",
        ),
        (
            "R3/2026-01-05T09:30:00Z/P1D",
            {"dialect": "zeebe"},
            "DTSTART:20260105T093000Z\nRRULE:FREQ=DAILY;COUNT=3",
        ),
        (
            "R4/2026-01-15T09:30:00Z/P1M",
            {"dialect": "camunda7"},
            "DTSTART:20260115T093000Z\nRRULE:FREQ=MONTHLY;COUNT=5",
        ),
    ],
)
def test_to_rrule_in_other_dialects(text: str, options: dict[str, object], expected: str) -> None:
    # Each dialect's own count of runs (Camunda 7 runs R4 five times) and its own mode of running.
    schedule = parse(text, **options)  # type: ignore[arg-type]
    assert to_rrule(schedule) == expected
    assert_rrule_exact(schedule, expected)


@pytest.mark.parametrize("tz", [ZoneInfo("Europe/Berlin"), "pytz", "dateutil"])
def test_to_rrule_names_the_zone_whatever_library_gave_it(tz: tzinfo | str) -> None:
    if tz == "pytz":
        tz = pytest.importorskip("pytz").timezone("Europe/Berlin")
    elif tz == "dateutil":
        tz = pytest.importorskip("dateutil.tz").gettz("Europe/Berlin")
    assert isinstance(tz, tzinfo)
    schedule = parse("R3/2026-01-31T09:00:00/P1M", tz=tz)
    assert to_rrule(schedule).startswith("DTSTART;TZID=Europe/Berlin:20260131T090000\n")


CRONS: Final = [
    # columns: the schedule, tz, the expression, the zone
    ("R/2026-01-05T09:30:00/P1D", "Europe/Berlin", "30 9 * * *", "Europe/Berlin"),
    ("R/2026-01-05T03:30:00/P1D", "America/New_York", "30 3 * * *", "America/New_York"),
    ("R/2026-01-05T02:30:00/P1D", "Australia/Lord_Howe", "30 2 * * *", "Australia/Lord_Howe"),
    ("R/2026-01-05T09:30:00/P1W", "Europe/Berlin", "30 9 * * 1", "Europe/Berlin"),
    ("R/2026-01-04T09:30:00/P7D", "America/New_York", "30 9 * * 0", "America/New_York"),
    ("R/2026-01-15T09:00:00/P1M", "Europe/Berlin", "0 9 15 * *", "Europe/Berlin"),
    ("R/2026-01-28T09:00:00/P1M", "Europe/Berlin", "0 9 28 * *", "Europe/Berlin"),
    ("R/2026-01-15T09:00:00/P3M", "Europe/Berlin", "0 9 15 */3 *", "Europe/Berlin"),
    ("R/2026-02-15T09:00:00/P3M", "Europe/Berlin", "0 9 15 2,5,8,11 *", "Europe/Berlin"),
    ("R/2026-01-15T09:00:00/P1Y", "Europe/Berlin", "0 9 15 1 *", "Europe/Berlin"),
    ("R/2026-01-31T09:00:00/P12M", "Europe/Berlin", "0 9 31 1 *", "Europe/Berlin"),
    ("R/2026-04-30T09:00:00/P1Y", "Europe/Berlin", "0 9 30 4 *", "Europe/Berlin"),
    # elapsed time on the cron's grid: whole-hour DST keeps it, Lord Howe's half hour halves it
    ("R/2026-01-05T09:05:00/PT15M", "Europe/Berlin", "5,20,35,50 * * * *", "Europe/Berlin"),
    ("R/2026-10-25T01:00:00/PT15M", "Europe/Berlin", "*/15 * * * *", "Europe/Berlin"),
    ("R/2026-03-08T01:00:00/PT10M", "America/New_York", "*/10 * * * *", "America/New_York"),
    ("R/2026-10-24T23:30:00/PT1H", "Europe/Berlin", "30 * * * *", "Europe/Berlin"),
    ("R/2026-11-01T00:00:00/PT1H", "America/New_York", "0 * * * *", "America/New_York"),
    ("R/2026-04-05T01:00:00/PT30M", "Australia/Lord_Howe", "*/30 * * * *", "Australia/Lord_Howe"),
    ("R/2026-10-04T01:10:00/PT15M", "Australia/Lord_Howe", "10,25,40,55 * * * *", "Australia/Lord_Howe"),
    ("R/2026-01-05T00:00:00Z/PT1M", None, "* * * * *", "UTC"),
    ("R/2026-01-05T09:05:00Z/PT2H", None, "5 1,3,5,7,9,11,13,15,17,19,21,23 * * *", "UTC"),
    ("R/2026-01-05T00:05:00Z/PT6H", None, "5 */6 * * *", "UTC"),
    ("R/2026-01-05T09:05:00Z/PT24H", None, "5 9 * * *", "UTC"),
    ("R/2026-01-05T09:05:00Z/PT168H", None, "5 9 * * 1", "UTC"),
    ("R/2026-01-05T09:05:00Z/PT60S", None, "* * * * *", "UTC"),
    ("R/2026-01-05T09:05:00/PT2H", "Asia/Tokyo", "5 1,3,5,7,9,11,13,15,17,19,21,23 * * *", "Asia/Tokyo"),
    # a fixed offset without a name: the UTC fields
    ("R/2026-01-05T09:05:00+05:30/P1D", None, "35 3 * * *", "UTC"),
    ("R/2026-01-05T09:05:00+05:30/P1W", None, "35 3 * * 1", "UTC"),
    ("R/2026-01-15T09:05:00+05:30/P1M", None, "35 3 15 * *", "UTC"),
    ("R/2026-01-15T09:05:00/P1M", "UTC", "5 9 15 * *", "UTC"),
]


@pytest.mark.parametrize(("text", "tz", "expression", "zone"), CRONS)
def test_to_cron(text: str, tz: str | None, expression: str, zone: str) -> None:
    schedule = parse(text, tz=tz)
    cron = to_cron(schedule)
    assert cron == Cron(expression, zone)
    assert_cron_exact(schedule, cron)


def test_cron_is_a_pair() -> None:
    expression, zone = to_cron(parse("R/2026-01-05T09:30:00/P1D", tz="Europe/Berlin"))
    assert (expression, zone) == ("30 9 * * *", "Europe/Berlin")
    assert pickle.loads(pickle.dumps(Cron(expression, zone))) == Cron(expression, zone)


def test_to_cron_in_the_chained_dialect_where_chained_is_anchored() -> None:
    schedule = parse("R/2026-01-05T09:30:00/P1D", dialect="chronos", tz="Europe/Berlin")
    cron = to_cron(schedule)
    assert cron == Cron("30 9 * * *", "Europe/Berlin")
    assert_cron_exact(schedule, cron)


@pytest.mark.parametrize(
    ("now", "accepted"),
    [
        (datetime(2026, 1, 6, tzinfo=UTC), True),  # put into effect after the start
        (datetime(2026, 1, 5, 8, 30, tzinfo=UTC), True),  # the start is the first firing time after now
        (datetime(2026, 1, 4, 8, 30, tzinfo=UTC), True),  # at the firing time before it: not after now
        (datetime(2026, 1, 4, 8, 29, tzinfo=UTC), False),  # it would fire on January 4
    ],
)
def test_to_cron_now(now: datetime, accepted: bool) -> None:
    schedule = parse("R/2026-01-05T09:30:00/P1D", tz="Europe/Berlin")
    if accepted:
        assert to_cron(schedule, now=now) == Cron("30 9 * * *", "Europe/Berlin")
        first = croniter_module.croniter("30 9 * * *", now.astimezone(ZoneInfo("Europe/Berlin")))
        following = first.get_next(datetime)
        assert following >= schedule[0]
        assert following in schedule
    else:
        with pytest.raises(NotExpressibleError) as error:
            to_cron(schedule, now=now)
        assert error.value.message == (
            "the schedule starts at 2026-01-05T09:30:00+01:00, after now (2026-01-04T09:29:00+01:00): "
            "a cron has no start, and put into effect now it fires at 2026-01-04T09:30:00+01:00 first"
        )
        assert error.value.hint == "put it into effect at or after 2026-01-04T09:30:00+01:00"


def test_to_cron_now_must_be_aware() -> None:
    schedule = parse("R/2026-01-05T09:30:00/P1D", tz="Europe/Berlin")
    with pytest.raises(TypeError, match="now is a naive datetime"):
        to_cron(schedule, now=datetime(2026, 1, 4))  # the naive one is the point


# -- refusals: every one, with its message -----------------------------------------------------

_BERLIN: Final = "Europe/Berlin"

REFUSALS: Final = [
    # columns: the exporter, the schedule, tz, parse's options, the message, the hint
    # both
    (
        "rrule",
        "R//PT10M",
        None,
        {},
        "R//PT10M starts when it is put into effect, so it has no start yet: an RRULE needs one",
        "export schedule.resolve(now), the schedule as put into effect",
    ),
    (
        "cron",
        "R/PT10M",
        None,
        {},
        "R/PT10M starts when it is put into effect, so it has no start yet: a cron needs one",
        "export schedule.resolve(now), the schedule as put into effect",
    ),
    (
        "rrule",
        "R/2026-01-05T09:00:00Z/P-1D",
        None,
        {"dialect": "chronos"},
        "P-1D has a negative field: an RRULE only goes forward",
        None,
    ),
    (
        "cron",
        "R1/2026-01-05T09:00:00Z/PT0S",
        None,
        {},
        "PT0S repeats the same instant: a cron needs a period",
        None,
    ),
    (
        "rrule",
        "R/2026-01-05T09:00:00Z/P1M1D",
        None,
        {},
        "P1M1D adds months and then days: an RRULE repeats one unit",
        None,
    ),
    (
        "cron",
        "R/2026-01-05T09:00:00Z/P1MT1H",
        None,
        {},
        "P1MT1H adds months and then elapsed time: a cron repeats one unit",
        None,
    ),
    (
        "rrule",
        "R/2026-01-05T09:05:00/P1DT12H",
        _BERLIN,
        {},
        "P1DT12H is 1 day on the clock and then elapsed time, and in Europe/Berlin 1 day may not be 24 "
        "hours: the clocks change at 2026-03-29T03:00:00+02:00, from +01:00 to +02:00",
        "write it as elapsed time, PT36H, if that is meant",
    ),
    (
        "rrule",
        "R3/P1M/2026-05-31T09:00:00",
        _BERLIN,
        {},
        "R3/P1M/2026-05-31T09:00:00+02:00[Europe/Berlin] counts P1M back from the 31st, each run clamped "
        "to its month's end from there: an RRULE counts forward from its start",
        "end on a day from 1 to 28",
    ),
    # a dialect that chains its runs
    (
        "rrule",
        "R/2026-01-31T09:00:00Z/P1M",
        _BERLIN,
        {"dialect": "chronos"},
        "the chronos dialect runs P1M from the 31st each from the run before: after 2026-02-28 the day "
        "drifts, where an RRULE keeps it",
        "start on a day from 1 to 28",
    ),
    (
        "cron",
        "R/2026-01-05T02:30:00/P1D",
        _BERLIN,
        {"dialect": "chronos"},
        "the chronos dialect runs P1D each from the run before, and 2026-03-29T02:30:00 does not exist "
        "in Europe/Berlin (the clocks skip from +01:00 to +02:00): after it the runs move, where a cron "
        "keeps the wall time",
        "choose a time of day the clocks never skip or repeat",
    ),
    (
        "rrule",
        "R//P1D",
        _BERLIN,
        {"dialect": "chronos", "now": datetime(2026, 1, 5, 9, tzinfo=UTC)},
        "the chronos dialect shows the start in UTC and reads its wall time in Europe/Berlin for the next "
        "run: the runs are not one series in one zone",
        "write the start",
    ),
    (
        "cron",
        "R//PT1H",
        _BERLIN,
        {"dialect": "chronos", "now": datetime(2026, 1, 5, 9, tzinfo=UTC)},
        "the chronos dialect shows the start in UTC and reads its wall time in Europe/Berlin for the next "
        "run: the runs are not one series in one zone",
        "write the start",
    ),
    # RRULE
    (
        "rrule",
        "R0/2026-01-05T09:00:00Z/P1D",
        None,
        {},
        "R0 has no runs, and an RRULE always has its DTSTART as the first",
        None,
    ),
    (
        "rrule",
        "R/2026-01-05T09:00:00Z/PT0.5S",
        None,
        {},
        "PT0.5S has a fraction of a second: RFC 5545 counts whole seconds",
        None,
    ),
    (
        "rrule",
        "R/2026-01-05T09:00:00.25Z/PT1M",
        None,
        {},
        "the start 2026-01-05T09:00:00.250000+00:00 has a fraction of a second: RFC 5545 times have "
        "whole seconds",
        None,
    ),
    (
        "rrule",
        "R/2026-10-25T02:30:00+01:00/P1D",
        _BERLIN,
        {},
        "the start is 2026-10-25T02:30:00+01:00, and DTSTART;TZID=Europe/Berlin:20261025T023000 means "
        "2026-10-25T02:30:00+02:00: RFC 5545 reads 2026-10-25T02:30:00 as its first pass",
        "write the start at a wall time that happens once, or parse it with disambiguate='compatible'",
    ),
    (
        "rrule",
        "R/2026-03-29T02:30:00/P1D",
        _BERLIN,
        {"disambiguate": "earlier"},
        "the start is 2026-03-29T01:30:00+01:00, and DTSTART;TZID=Europe/Berlin:20260329T023000 means "
        "2026-03-29T03:30:00+02:00: RFC 5545 reads 2026-03-29T02:30:00 with the offset before the gap",
        "write the start at a wall time that happens once, or parse it with disambiguate='compatible'",
    ),
    (
        "rrule",
        "R/2026-03-28T02:30:00/P1D",
        _BERLIN,
        {"disambiguate": "earlier"},
        "run 1: 2026-03-29T02:30:00 does not exist in Europe/Berlin (the clocks skip from +01:00 to "
        "+02:00), and disambiguate='earlier' moves the run back by the gap, RFC 5545 forward",
        "parse it with disambiguate='compatible', RFC 5545's rule",
    ),
    (
        "rrule",
        "R/2026-10-24T02:30:00/P1D",
        _BERLIN,
        {"disambiguate": "later"},
        "run 1: 2026-10-25T02:30:00 happens twice in Europe/Berlin (at +02:00, then at +01:00), and "
        "disambiguate='later' runs at its second pass, RFC 5545 at its first",
        "parse it with disambiguate='compatible', RFC 5545's rule",
    ),
    (
        "rrule",
        "R/2026-10-01T01:30:00/P1M",
        "America/New_York",
        {"disambiguate": "raise"},
        "run 1: 2026-11-01T01:30:00 happens twice in America/New_York (at -04:00, then at -05:00), and "
        "disambiguate='raise' raises there, where RFC 5545 runs",
        "parse it with disambiguate='compatible', RFC 5545's rule",
    ),
    (
        "rrule",
        "R/2026-01-31T01:30:00+05:30/P1M",
        None,
        {},
        "+05:30 has no IANA name, and in UTC the runs fall on another day (2026-01-30), where months end "
        "elsewhere",
        "give the schedule a named zone (tz='Asia/Kolkata', ...)",
    ),
    # cron, no count, no start, whole minutes
    (
        "cron",
        "R5/2026-01-05T09:00:00Z/P1D",
        None,
        {},
        "R5 has 5 runs and then ends: a cron has no count; it fires for ever",
        "to_rrule() says COUNT=5",
    ),
    (
        "cron",
        "R1/2026-01-05T09:00:00Z/P1D",
        None,
        {},
        "R1 has 1 run and then ends: a cron has no count; it fires for ever",
        "to_rrule() says COUNT=1",
    ),
    (
        "cron",
        "R0/2026-01-05T09:00:00Z/P1D",
        None,
        {},
        "R0 has no runs: a cron has no count; it fires for ever",
        None,
    ),
    (
        "cron",
        "R/2026-01-05T09:00:30Z/P1D",
        None,
        {},
        "the start 2026-01-05T09:00:30+00:00 is not on a whole minute: a cron fires at :00",
        None,
    ),
    # cron, elapsed time
    (
        "cron",
        "R/2026-01-05T09:00:00Z/PT90S",
        None,
        {},
        "PT90S is not whole minutes: a cron fires at whole minutes",
        "a period that divides an hour (PT1M ... PT30M) or a day (PT1H ... PT12H), or PT24H, PT168H, "
        "P1D, P1W, or P1M ... P1Y from a day from 1 to 28",
    ),
    (
        "cron",
        "R/2026-01-05T09:00:00Z/PT7M",
        None,
        {},
        "PT7M does not divide an hour: a cron's minutes start again at every hour",
        "a period that divides an hour (PT1M ... PT30M) or a day (PT1H ... PT12H), or PT24H, PT168H, "
        "P1D, P1W, or P1M ... P1Y from a day from 1 to 28",
    ),
    (
        "cron",
        "R/2026-01-05T09:00:00Z/PT90M",
        None,
        {},
        "PT90M does not divide a day: a cron's hours start again at every midnight",
        "a period that divides an hour (PT1M ... PT30M) or a day (PT1H ... PT12H), or PT24H, PT168H, "
        "P1D, P1W, or P1M ... P1Y from a day from 1 to 28",
    ),
    (
        "cron",
        "R/2026-01-05T09:00:00Z/PT48H",
        None,
        {},
        "PT48H is neither a day nor a week: a cron's days start again at every month or week",
        "a period that divides an hour (PT1M ... PT30M) or a day (PT1H ... PT12H), or PT24H, PT168H, "
        "P1D, P1W, or P1M ... P1Y from a day from 1 to 28",
    ),
    (
        "cron",
        "R/2026-01-05T09:00:00/PT2H",
        _BERLIN,
        {},
        "PT2H is elapsed time, and the clocks in Europe/Berlin change at 2026-03-29T03:00:00+02:00, from "
        "+01:00 to +02:00: from there the runs are not on the cron's hours",
        "a zone whose offsets differ by whole periods, or a shorter period that divides them",
    ),
    (
        "cron",
        "R/2026-01-05T09:05:00/PT20M",
        "Australia/Lord_Howe",
        {},
        "PT20M is elapsed time, and the clocks in Australia/Lord_Howe change at "
        "2026-04-05T01:30:00+10:30, from +11:00 to +10:30: from there the runs are not on the cron's "
        "minutes",
        "a zone whose offsets differ by whole periods, or a shorter period that divides them",
    ),
    (
        "cron",
        "R/2026-01-05T09:00:00/PT24H",
        "America/New_York",
        {},
        "PT24H is elapsed time, and the clocks in America/New_York change at 2026-03-08T03:00:00-04:00, "
        "from -05:00 to -04:00: from there the runs are not on the cron's days",
        "write P1D or P1W: days on the clock",
    ),
    (
        "cron",
        "R/2026-03-01T00:00:00/PT2H",
        "Antarctica/Troll",
        {},
        "2026-03-29T02:00:00 does not exist in Antarctica/Troll (the clocks skip from +00:00 to +02:00), "
        "and a cron with a list of hours fires at the end of the gap instead",
        "P1D at a time of day the clocks never skip, or PT1H",
    ),
    # cron, days and months
    (
        "cron",
        "R/2026-01-05T09:00:00Z/P2D",
        None,
        {},
        "P2D is not a cron: a cron's day-of-month steps start again every month (the 31st, then the 1st)",
        "P1D or P1W; to_rrule() says FREQ=DAILY;INTERVAL=2",
    ),
    (
        "cron",
        "R/2026-01-05T09:00:00Z/P2Y",
        None,
        {},
        "P2Y is not a cron: a cron has no year field",
        "to_rrule() says FREQ=YEARLY;INTERVAL=2",
    ),
    (
        "cron",
        "R/2026-01-05T09:00:00Z/P5M",
        None,
        {},
        "P5M is not a cron: a cron's months start again every year, and a year is not a whole number of P5M",
        "P1M, P2M, P3M, P4M, P6M or P1Y; to_rrule() says FREQ=MONTHLY;INTERVAL=5",
    ),
    (
        "cron",
        "R/2026-01-31T09:00:00/P1M",
        _BERLIN,
        {},
        "P1M from the 31st is not a cron: months without a 31st end on their last day in ISO 8601 "
        "(2026-02-28), and a cron skips them",
        "start on a day from 1 to 28, or use to_rrule(), which says BYMONTHDAY=-1",
    ),
    (
        "cron",
        "R/2026-01-30T09:00:00/P1M",
        _BERLIN,
        {},
        "P1M from the 30th is not a cron: months without a 30th end on their last day in ISO 8601 "
        "(2026-02-28), and a cron skips them",
        "start on a day from 1 to 28, or use to_rrule(), which says BYSETPOS=-1 for the month's end",
    ),
    (
        "cron",
        "R/2024-02-29T09:00:00/P1Y",
        _BERLIN,
        {},
        "P1Y from February 29 is not a cron: years without a February 29 run on February 28 in ISO 8601 "
        "(2025-02-28), and a cron skips them",
        "start on a day from 1 to 28, or use to_rrule(), which says BYMONTHDAY=-1",
    ),
    (
        "cron",
        "R/2026-01-05T02:30:00/P1D",
        _BERLIN,
        {},
        "P1D at 02:30 is not a cron: 2026-03-29T02:30:00 does not exist in Europe/Berlin (the clocks "
        "skip from +01:00 to +02:00); ISO 8601 runs at 2026-03-29T03:30:00+02:00, after the gap, and a "
        "cron does not",
        "choose a time of day the clocks never skip or repeat, or use to_rrule()",
    ),
    (
        "cron",
        "R/2026-01-04T01:30:00/P1W",
        "America/New_York",
        {},
        "P1W at 01:30 is not a cron: 2026-11-01T01:30:00 happens twice in America/New_York (at -04:00, "
        "then at -05:00); ISO 8601 runs once, at the first, and a cron at both",
        "choose a time of day the clocks never skip or repeat, or use to_rrule()",
    ),
    (
        "cron",
        "R/2026-01-05T02:15:00/P1M",
        "Australia/Lord_Howe",
        {},
        "P1M at 02:15 is not a cron: 2031-10-05T02:15:00 does not exist in Australia/Lord_Howe (the "
        "clocks skip from +10:30 to +11:00); ISO 8601 runs at 2031-10-05T02:45:00+11:00, after the gap, "
        "and a cron does not",
        "choose a time of day the clocks never skip or repeat, or use to_rrule()",
    ),
    (
        "cron",
        "R/2026-01-15T01:30:00+05:30/P1M",
        None,
        {},
        "+05:30 has no IANA name, and in UTC the runs fall on another day (2026-01-14), where months end "
        "elsewhere",
        "give the schedule a named zone (tz='Asia/Kolkata', ...)",
    ),
]


@pytest.mark.parametrize(("exporter", "text", "tz", "options", "message", "hint"), REFUSALS)
def test_refusal(
    exporter: str, text: str, tz: str | None, options: dict[str, object], message: str, hint: str | None
) -> None:
    schedule = parse(text, tz=tz, **options)  # type: ignore[arg-type]
    function = to_rrule if exporter == "rrule" else to_cron
    with pytest.raises(NotExpressibleError) as error:
        function(schedule)
    assert error.value.message == message
    assert error.value.hint == hint
    assert error.value.schedule == str(schedule)
    assert error.value.target == ("an RRULE" if exporter == "rrule" else "a cron")
    assert str(error.value) == message + ("" if hint is None else f"\nhint: {hint}")


def test_refusal_is_a_value_error_that_pickles() -> None:
    with pytest.raises(NotExpressibleError, match="a cron has no count") as error:
        to_cron(parse("R5/2026-01-05T09:00:00Z/P1D"))
    again = pickle.loads(pickle.dumps(error.value))
    assert isinstance(again, NotExpressibleError)
    assert isinstance(error.value, ValueError)
    assert (again.message, again.schedule, again.target, again.hint) == (
        error.value.message,
        error.value.schedule,
        error.value.target,
        error.value.hint,
    )


def test_a_refused_monthly_cron_is_still_an_rrule() -> None:
    # The hint's promise: the month end is an RRULE's BYMONTHDAY=-1.
    schedule = parse("R/2026-01-31T09:00:00/P1M", tz=_BERLIN)
    with pytest.raises(NotExpressibleError):
        to_cron(schedule)
    assert_rrule_exact(schedule, to_rrule(schedule))


# -- properties: whatever is produced is exact; whatever is refused is NotExpressibleError --------

ZONES: Final = (
    None,
    "UTC",
    "Europe/Berlin",
    "America/New_York",
    "Australia/Lord_Howe",
    "+05:30",
    "Asia/Tokyo",
)
# Wall times near the clock changes of the zones above (2026), where exports are most often wrong.
NEAR_CHANGES: Final = (
    datetime(2026, 3, 29, 1, 30),
    datetime(2026, 3, 29, 2, 30),
    datetime(2026, 10, 25, 2, 30),
    datetime(2026, 3, 8, 2, 0),
    datetime(2026, 11, 1, 1, 0),
    datetime(2026, 4, 5, 1, 45),
    datetime(2026, 10, 4, 2, 15),
)
PERIODS: Final = st.one_of(
    st.sampled_from(["P1D", "P1W", "P1M", "P3M", "P1Y", "PT1H", "PT15M", "PT30M", "PT2H", "PT24H", "PT1M"]),
    st.builds("P{}D".format, st.integers(1, 40)),
    st.builds("P{}W".format, st.integers(1, 5)),
    st.builds("P{}M".format, st.integers(1, 30)),
    st.builds("P{}Y".format, st.integers(1, 8)),
    st.builds("PT{}H".format, st.integers(1, 50)),
    st.builds("PT{}M".format, st.integers(1, 200)),
    st.builds("PT{}S".format, st.integers(1, 5000)),
    st.builds("P{}DT{}H".format, st.integers(1, 3), st.integers(1, 23)),
    st.builds("P{}MT{}H".format, st.integers(1, 3), st.integers(1, 23)),
)


@st.composite
def schedules(draw: st.DrawFn) -> Schedule:
    """A schedule in one of :data:`ZONES`, often near a clock change or on a month's last days, in
    the iso dialect or the chained one of Chronos."""
    tz = draw(st.sampled_from(ZONES))
    near = draw(st.sampled_from(NEAR_CHANGES)) - timedelta(days=draw(st.integers(0, 3)))
    anywhere = draw(st.datetimes(datetime(2000, 1, 1), datetime(2040, 12, 31))).replace(microsecond=0)
    start = draw(
        st.sampled_from([near, anywhere, anywhere.replace(second=0), anywhere.replace(day=28, second=0)])
    )
    month_end = draw(st.sampled_from([None, 29, 30, 31]))
    if month_end is not None and month_end <= calendar.monthrange(start.year, start.month)[1]:
        start = start.replace(day=month_end)
    count = draw(st.sampled_from(["", "", str(draw(st.integers(0, 40)))]))
    offset = {None: "Z", "+05:30": "+05:30"}.get(tz, "")
    text = f"R{count}/{start.isoformat()}{offset}/{draw(PERIODS)}"
    dialect = draw(st.sampled_from(["iso", "iso", "iso", "chronos"]))
    try:
        return parse(text, tz=None if tz in (None, "+05:30") else tz, dialect=dialect)
    except ScheduleError:  # a start Chronos rejects (in a gap of its zone): draw another
        assume(False)
        raise


def exported(function: Callable[[Schedule], T], schedule: Schedule) -> T | None:
    """What ``function`` exports, or ``None`` when it refuses (which must say why)."""
    try:
        return function(schedule)
    except NotExpressibleError as error:
        refusal = error
    assert refusal.message
    assert refusal.schedule == str(schedule)
    return None


_PROPERTY: Final = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.slow
@_PROPERTY
@given(schedules())
@example(parse("R/2012-01-31T09:00:00/P1M", tz="Europe/Berlin"))
@example(parse("R/2026-03-29T02:30:00/P1D", tz="Europe/Berlin"))
@example(parse("R/2026-11-01T01:30:00/P1D", tz="America/New_York"))
@example(parse("R/2026-10-04T02:00:00/PT15M", tz="Australia/Lord_Howe"))
def test_every_rrule_produced_is_exact(schedule: Schedule) -> None:
    text = exported(to_rrule, schedule)
    if text is not None:
        assert_rrule_exact(schedule, text)


@pytest.mark.slow
@_PROPERTY
@given(schedules())
@example(parse("R/2026-10-25T01:00:00/PT15M", tz="Europe/Berlin"))
@example(parse("R/2026-03-08T01:00:00/PT1H", tz="America/New_York"))
@example(parse("R/2026-04-05T01:00:00/PT30M", tz="Australia/Lord_Howe"))
@example(parse("R/2026-01-05T09:30:00/P1D", tz="Australia/Lord_Howe"))
@example(parse("R/2026-03-29T02:00:00/PT1H", tz="Europe/Berlin"))  # a start in the gap
def test_every_cron_produced_is_exact(schedule: Schedule) -> None:
    cron = exported(to_cron, schedule)
    if cron is not None:
        assert_cron_exact(schedule, cron)
