"""The value objects, uniformly (STYLE 2.2): immutable, equal and hashed by value, a repr that
evaluates back, and pickling with every protocol.

Each case builds its value afresh on every call, so "equal" is always checked between two values
built separately, and names a different value of the same type and the namespace its repr needs.
"""

from __future__ import annotations

import dataclasses
import datetime as datetime_module
import pickle
import zoneinfo
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, Final
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import isorepeat
from isorepeat import Duration, Schedule, ScheduleError
from isorepeat.chronos.diagnostics import Diagnostic
from isorepeat.dialects import Dialect, dialect_named
from isorepeat.notes import Note
from isorepeat.schedule import Runs
from isorepeat.simulate import Policy, Run, Skipped, SkipReason
from tests.properties.strategies import (
    HARD_SCHEDULES,
    SETTINGS,
    durations,
    empty_start_schedules,
    other_form_schedules,
    schedules,
)

UTC: Final = timezone.utc
BERLIN: Final = ZoneInfo("Europe/Berlin")
NOW: Final = datetime(2026, 1, 1, tzinfo=UTC)
ZONES: Final = (UTC, BERLIN, ZoneInfo("Asia/Kolkata"))
PROTOCOLS: Final = range(pickle.HIGHEST_PROTOCOL + 1)

# What the reprs need: the class (or the function the repr calls), and the modules datetime's
# and ZoneInfo's own reprs name (``datetime.datetime(...)``, ``zoneinfo.ZoneInfo(key=...)``).
DATETIMES: Final[Mapping[str, object]] = {"datetime": datetime_module, "zoneinfo": zoneinfo}


@dataclass(frozen=True)
class Case:
    """One value: how to build it, a different value of its type, what ``eval(repr(...))`` needs."""

    build: Callable[[], object]
    other: Callable[[], object]
    namespace: Mapping[str, object]


def _case(
    name: str, build: Callable[[], object], other: Callable[[], object], **namespace: object
) -> tuple[str, Case]:
    return name, Case(build, other, namespace)


def _due(hour: int, tz: datetime_module.tzinfo = UTC) -> datetime:
    return datetime(2026, 1, 1, hour, 0, tzinfo=tz)


def _parse(text: str, **options: Any) -> Callable[[], Schedule]:
    """A factory: ``isorepeat.parse(text, **options)`` each time it is called."""
    return lambda: isorepeat.parse(text, **options)


# -- the cases -------------------------------------------------------------------------------------

SCHEDULE = {"Schedule": Schedule}
SCHEDULE_CASES: Final[dict[str, Case]] = dict(
    [
        # iso
        _case(
            "iso",
            _parse("R10/2012-10-01T05:52:00Z/PT2S"),
            _parse("R10/2012-10-01T05:52:00Z/PT3S"),
            **SCHEDULE,
        ),
        _case(
            "iso-fraction-offset",
            _parse("R/2012-10-01T05:52:00.123456789+02:00/PT1.5H"),
            _parse("R/2012-10-01T05:52:00.123456788+02:00/PT1.5H"),
            **SCHEDULE,
        ),
        _case(
            "iso-tz",
            _parse("R/2012-01-31T09:00:00/P1M", tz="Europe/Berlin"),
            _parse("R/2012-01-31T09:00:00/P1M", tz="Europe/Paris"),
            **SCHEDULE,
        ),
        _case(
            "iso-tz-object",
            _parse("R/2012-01-31T09:00:00/P1M", tz=BERLIN),
            _parse("R/2012-01-31T09:00:00/P1M", tz=UTC),
            **SCHEDULE,
        ),
        _case(
            "iso-fixed-tz",
            _parse("R/2012-01-31T09:00:00/P1M", tz="+05:30"),
            _parse("R/2012-01-31T09:00:00/P1M", tz="-05:30"),
            **SCHEDULE,
        ),
        _case(
            "iso-suffix-overlap-later",
            _parse("R3/2014-11-02T01:30:00-08:00[America/Los_Angeles]/PT1H"),
            _parse("R3/2014-11-02T01:30:00-07:00[America/Los_Angeles]/PT1H"),
            **SCHEDULE,
        ),
        _case(
            "iso-disambiguate",
            _parse("R/2014-11-02T01:30:00/P1D", tz="America/Los_Angeles", disambiguate="later"),
            _parse("R/2014-11-02T01:30:00/P1D", tz="America/Los_Angeles"),
            **SCHEDULE,
        ),
        # iso, without a start (S6, S18)
        _case("iso-empty-start", _parse("R//PT10M"), _parse("R/PT10M"), **SCHEDULE),
        _case(
            "iso-empty-start-tz",
            _parse("R5//P1D", tz="Europe/Berlin"),
            _parse("R5//P1D", tz="Europe/London"),
            **SCHEDULE,
        ),
        _case(
            "iso-cycle-tz",
            _parse("R3/P1M", tz="Europe/Berlin"),
            _parse("R4/P1M", tz="Europe/Berlin"),
            **SCHEDULE,
        ),
        _case(
            "iso-empty-start-resolved",
            _parse("R//PT10M", now=NOW),
            _parse("R//PT10M", now=NOW + timedelta(seconds=1)),
            **SCHEDULE,
        ),
        # iso, the end forms (S16, S17)
        _case(
            "iso-start-end",
            _parse("R/2008-02-15T13:00/16:00"),
            _parse("R/2008-02-15T13:00/17:00"),
            **SCHEDULE,
        ),
        _case(
            "iso-start-end-tz",
            _parse("R/2008-02-15T13:00/16:00", tz="Europe/Berlin"),
            _parse("R/2008-02-15T13:00/16:00"),
            **SCHEDULE,
        ),
        _case(
            "iso-period-end",
            _parse("R5/P1D/2008-05-11T15:30:00Z"),
            _parse("R5/P1D/2008-05-11T15:30:01Z"),
            **SCHEDULE,
        ),
        # chronos
        _case(
            "chronos",
            _parse("R/2012-01-31T00:00:00Z/P1M", dialect="chronos"),
            _parse("R/2012-01-31T00:00:00Z/P1M"),
            **SCHEDULE,
        ),
        _case(
            "chronos-tz",
            _parse("R5/2026-01-31T09:00:00/P1M", dialect="chronos", tz="Europe/Berlin"),
            _parse("R5/2026-01-31T09:00:00/P1M", dialect="chronos", tz="Europe/Paris"),
            **SCHEDULE,
        ),
        _case(
            "chronos-tz-alias",
            _parse("R/2012-01-31T00:00:00Z/P1M", dialect="chronos", tz="PST"),
            _parse("R/2012-01-31T00:00:00Z/P1M", dialect="chronos", tz="EST"),
            **SCHEDULE,
        ),
        _case(
            "chronos-jvm-zone",
            _parse("R/2012-01-31T09:00:00/P1M", dialect="chronos", jvm_zone="Europe/Berlin"),
            _parse("R/2012-01-31T09:00:00/P1M", dialect="chronos"),
            **SCHEDULE,
        ),
        _case(
            "chronos-empty-start",
            _parse("R//PT10M", dialect="chronos", now=NOW),
            _parse("R//PT10M", dialect="chronos", now=NOW + timedelta(hours=1)),
            **SCHEDULE,
        ),
        _case(
            "chronos-negative-period",
            _parse("R/2012-01-31T00:00:00Z/P-1M", dialect="chronos"),
            _parse("R/2012-01-31T00:00:00Z/P1M", dialect="chronos"),
            **SCHEDULE,
        ),
        _case(
            "chronos-version-2",
            _parse("R5/2026-01-31T09:00:00/P1M", dialect="chronos", tz="Europe/Berlin", version="2"),
            _parse("R6/2026-01-31T09:00:00/P1M", dialect="chronos", tz="Europe/Berlin", version="2"),
            **SCHEDULE,
        ),
        _case(
            "chronos-version-2-empty-start",
            _parse("R1//PT24H", dialect="chronos", now=NOW, version="2"),
            _parse("R1//PT24H", dialect="chronos", now=NOW + timedelta(days=1), version="2"),
            **SCHEDULE,
        ),
    ]
)

OTHER_CASES: Final[dict[str, Case]] = dict(
    [
        # simulate.py
        _case("policy", Policy, Policy.chronos3, Policy=Policy, Duration=Duration),
        _case(
            "policy-chronos2",
            Policy.chronos2,
            lambda: Policy.chronos2("PT2M"),
            Policy=Policy,
            Duration=Duration,
        ),
        _case("policy-chronos3", Policy.chronos3, Policy.chronos2, Policy=Policy, Duration=Duration),
        _case(
            "policy-named",
            lambda: Policy.named("latest", epsilon="PT10M"),
            lambda: Policy.named("none", epsilon="PT10M"),
            Policy=Policy,
            Duration=Duration,
        ),
        _case(
            "policy-unbounded",
            lambda: Policy(epsilon=None, catchup="none", count="launches", mode="chained"),
            lambda: Policy(epsilon=None, catchup="none", count="launches", mode="anchored"),
            Policy=Policy,
        ),
        _case("run", lambda: Run(_due(1), _due(1)), lambda: Run(_due(1), _due(2)), Run=Run, **DATETIMES),
        _case(
            "run-zoned-late",
            lambda: Run(_due(1, BERLIN), _due(2, BERLIN) + timedelta(microseconds=5)),
            lambda: Run(_due(1, BERLIN), _due(2, BERLIN)),
            Run=Run,
            **DATETIMES,
        ),
        _case(
            "skipped",
            lambda: Skipped(_due(1), "missed"),
            lambda: Skipped(_due(1), "superseded"),
            Skipped=Skipped,
            **DATETIMES,
        ),
        _case(
            "skipped-zoned",
            lambda: Skipped(_due(3, BERLIN), "not caught up"),
            lambda: Skipped(_due(4, BERLIN), "not caught up"),
            Skipped=Skipped,
            **DATETIMES,
        ),
        # chronos/diagnostics.py
        _case(
            "diagnostic",
            lambda: Diagnostic(
                "IR205",
                "warning",
                "start on day 31 with a monthly period: Chronos drifts",
                "jobs/billing.json",
                7,
                26,
                "start on day 28 or earlier",
                10,
            ),
            lambda: Diagnostic(
                "IR205",
                "warning",
                "start on day 31 with a monthly period: Chronos drifts",
                "jobs/billing.json",
                7,
                27,
                "start on day 28 or earlier",
                11,
            ),
            Diagnostic=Diagnostic,
        ),
        _case(
            "diagnostic-without-hint",
            lambda: Diagnostic("IR108", "error", "not a job object", "-", 1, 1),
            lambda: Diagnostic("IR108", "error", "not a job object", "a.json", 1, 1),
            Diagnostic=Diagnostic,
        ),
        # notes.py
        _case(
            "note",
            lambda: Note("IR203", "'PST' is America/Los_Angeles", "write America/Los_Angeles"),
            lambda: Note("IR203", "'PST' is America/Los_Angeles"),
            Note=Note,
        ),
        _case(
            "note-of-a-schedule",
            lambda: isorepeat.parse("R/2012-01-31T00:00:00Z/P1M", dialect="chronos", tz="PST").notes[0],
            lambda: Note("IR204", "unknown zone"),
            Note=Note,
        ),
        # duration.py
        _case(
            "duration", lambda: Duration.parse("PT1.5H"), lambda: Duration.parse("PT90M"), Duration=Duration
        ),
        _case(
            "duration-every-unit",
            lambda: Duration.parse("P1Y2M3W4DT5H6M7.000000008S"),
            lambda: Duration.parse("P1Y2M3W4DT5H6M7.000000009S"),
            Duration=Duration,
        ),
        _case("duration-zero", lambda: Duration.parse("P0D"), lambda: Duration(seconds=1), Duration=Duration),
        _case("duration-huge", lambda: Duration.parse("P99999999999999999999D"), Duration, Duration=Duration),
        _case(
            "duration-negative",
            lambda: Duration(hours=-1),
            lambda: Duration(hours=1),
            Duration=Duration,
        ),
        _case(
            "duration-negative-fraction-of-a-minute",
            lambda: Duration(minutes=-2, nanoseconds=-30_000_000_000, fraction_unit="M"),
            lambda: Duration(minutes=-2, seconds=-30),
            Duration=Duration,
        ),
        # schedule.Runs
        _case(
            "runs",
            lambda: isorepeat.parse("R5/2026-01-31T09:00:00Z/P1M").runs_after(NOW, 2),
            lambda: isorepeat.parse("R5/2026-01-31T09:00:00Z/P1M").runs_after(NOW, 3),
            Runs=Runs,
            **DATETIMES,
        ),
        _case(
            "runs-zoned-infinite",
            lambda: Runs((_due(1, BERLIN), _due(2, BERLIN)), None),
            lambda: Runs((_due(1, BERLIN), _due(2, BERLIN)), 0),
            Runs=Runs,
            **DATETIMES,
        ),
        _case("runs-ended", lambda: Runs((), 0), lambda: Runs((), None), Runs=Runs),
        # dialects: equality is identity, so "built separately" is asking the registry twice
        _case(
            "dialect-iso",
            lambda: dialect_named("iso"),
            lambda: dialect_named("chronos"),
            dialect_named=dialect_named,
        ),
        _case(
            "dialect-chronos",
            lambda: dialect_named("chronos"),
            lambda: dialect_named("iso"),
            dialect_named=dialect_named,
        ),
    ]
)
CASES: Final = SCHEDULE_CASES | OTHER_CASES

# Every case builds what it says; the type list is the issue's.
EXPECTED_TYPES: Final = {Policy, Run, Skipped, Diagnostic, Note, Duration, Schedule, Runs, Dialect}


def _cases(cases: Mapping[str, Case]) -> pytest.MarkDecorator:
    """``@pytest.mark.parametrize("case", ...)`` over named cases."""
    return pytest.mark.parametrize("case", list(cases.values()), ids=list(cases))


def test_cases_cover_every_value_type() -> None:
    assert {type(case.build()) for case in CASES.values()} == EXPECTED_TYPES


# -- immutable ---------------------------------------------------------------------------------


@_cases(CASES)
def test_immutable(case: Case) -> None:
    value = case.build()
    fields = dataclasses.fields(value)  # type: ignore[arg-type]
    # NOTE: every value type is a dataclass; fields() raises TypeError otherwise.
    assert fields
    for field in fields:
        with pytest.raises((dataclasses.FrozenInstanceError, AttributeError)):
            setattr(value, field.name, getattr(value, field.name))
        with pytest.raises((dataclasses.FrozenInstanceError, AttributeError)):
            delattr(value, field.name)
    # A new attribute: TypeError on CPython 3.10 and 3.11 at least (frozen and slotted: the generated
    # __setattr__'s super() sees the class before slots=True rebuilt it, CPython gh-90562).
    with pytest.raises((dataclasses.FrozenInstanceError, AttributeError, TypeError)):
        value.extra = 1  # type: ignore[attr-defined]
        # NOTE: a new attribute on a frozen, slotted value is what the test checks.
    assert value == case.build()  # nothing above changed it


# -- hashable and equal by value ---------------------------------------------------------------


@_cases(CASES)
def test_hash_matches_eq(case: Case) -> None:
    first, second = case.build(), case.build()
    assert first == second
    assert not first != second  # noqa: SIM202 - __ne__ is what this line checks
    assert hash(first) == hash(second)
    assert len({first, second}) == 1


@_cases(CASES)
def test_different_value_is_not_equal(case: Case) -> None:
    value, other = case.build(), case.other()
    assert type(other) is type(value)
    assert value != other
    assert not value == other  # noqa: SIM201 - __eq__ is what this line checks
    assert len({value, other}) == 2


# -- repr evaluates ----------------------------------------------------------------------------


@_cases(CASES)
def test_repr_evaluates(case: Case) -> None:
    value = case.build()
    copy = eval(repr(value), dict(case.namespace))
    assert type(copy) is type(value)
    assert copy == value
    assert hash(copy) == hash(value)
    assert repr(copy) == repr(value)


# -- pickle ------------------------------------------------------------------------------------


def _has_zone(case: Case) -> bool:
    value = case.build()
    return isinstance(value, Schedule) and value.zone is not None


ZONED_SCHEDULE_CASES: Final = {name: case for name, case in SCHEDULE_CASES.items() if _has_zone(case)}
PICKLE_CASES: Final = [
    pytest.param(case, protocol, id=f"{name}-protocol-{protocol}")
    for name, case in CASES.items()
    for protocol in PROTOCOLS
    if not (protocol < 2 and _has_zone(case))  # test_pickle_roundtrip_zoned_schedule_protocols_0_and_1
]


@pytest.mark.parametrize(("case", "protocol"), PICKLE_CASES)
def test_pickle_roundtrip(case: Case, protocol: int) -> None:
    value = case.build()
    copy = pickle.loads(pickle.dumps(value, protocol))
    assert type(copy) is type(value)
    assert copy == value
    assert hash(copy) == hash(value)
    assert repr(copy) == repr(value)
    if isinstance(value, Schedule):
        assert isinstance(copy, Schedule)
        assert str(copy) == str(value)
        assert copy.start == value.start
        assert copy.tz == value.tz
        assert copy.options == value.options


@pytest.mark.parametrize("protocol", [0, 1])
@_cases(ZONED_SCHEDULE_CASES)
def test_pickle_roundtrip_zoned_schedule_protocols_0_and_1(case: Case, protocol: int) -> None:
    value = case.build()
    assert pickle.loads(pickle.dumps(value, protocol)) == value


# -- Dialect: a registration, equal only to itself -----------------------------------------------


@pytest.mark.parametrize("name", ["iso", "chronos"])
def test_dialect_equality_is_identity(name: str) -> None:
    dialect = dialect_named(name)
    assert dialect_named(name) is dialect
    twin = dataclasses.replace(dialect)  # every field equal, another registration
    assert twin != dialect
    assert dialect == dialect  # noqa: PLR0124 - reflexive equality is what this line checks


@pytest.mark.parametrize("protocol", PROTOCOLS)
@pytest.mark.parametrize("name", ["iso", "chronos"])
def test_dialect_pickles_by_name(name: str, protocol: int) -> None:
    dialect = dialect_named(name)
    data = pickle.dumps(dialect, protocol)
    assert pickle.loads(data) is dialect
    assert b"isorepeat.dialects" in data
    assert name.encode() in data


@pytest.mark.parametrize("name", ["iso", "chronos"])
def test_dialect_repr_evaluates_to_the_registration(name: str) -> None:
    dialect = dialect_named(name)
    assert repr(dialect) == f"dialect_named({name!r})"
    assert eval(repr(dialect), {"dialect_named": dialect_named}) is dialect


# -- properties: durations and schedules from generated texts ----------------------------------


def _check_value(value: object, twin: object, namespace: Mapping[str, object], protocols: range) -> None:
    """The four properties of a value and a twin built separately from the same text."""
    assert twin == value
    assert hash(twin) == hash(value)
    copy = eval(repr(value), dict(namespace))
    assert copy == value
    assert hash(copy) == hash(value)
    for protocol in protocols:
        assert pickle.loads(pickle.dumps(value, protocol)) == value
    first = dataclasses.fields(value)[0].name  # type: ignore[arg-type]
    # NOTE: every value type is a dataclass; fields() raises TypeError otherwise.
    with pytest.raises((dataclasses.FrozenInstanceError, AttributeError)):
        setattr(value, first, getattr(value, first))


@SETTINGS
@given(durations())
@example("PT1.5H")
@example("P0001-02-03T04:05:06,5")
@example("P99999999999999999999D")
def test_duration_from_text_is_a_value(text: str) -> None:
    duration = Duration.parse(text)
    _check_value(duration, Duration.parse(text), {"Duration": Duration}, PROTOCOLS)
    assert Duration.parse(str(duration)) == duration
    with pytest.raises(dataclasses.FrozenInstanceError):
        duration.days = 1  # type: ignore[misc]
        # NOTE: assigning to a frozen field is what the test checks.


@SETTINGS
@given(
    st.one_of(
        schedules(),
        empty_start_schedules(),
        other_form_schedules().map(lambda text: (text, None)),
    )
)
@example(HARD_SCHEDULES[0])
@example(HARD_SCHEDULES[2])
@example(HARD_SCHEDULES[5])
@example(("R3/P1M", "Europe/Berlin"))
@example(("R1/P1Y/1883-11-18[America/Los_Angeles]", None))  # a local mean time offset, -07:52:58
def test_iso_schedule_from_text_is_a_value(written: tuple[str, str | None]) -> None:
    text, tz = written
    schedule = isorepeat.parse(text, tz=tz)
    _check_value(schedule, isorepeat.parse(text, tz=tz), {"Schedule": Schedule}, PROTOCOLS)


@st.composite
def _chronos_texts(draw: st.DrawFn) -> tuple[str, str | None, str]:
    """Texts in the shape Chronos job files have (``R[n]/<start>/<period>``), a
    ``scheduleTimeZone`` or none, and a version; many parse, some do not."""
    reps = draw(st.sampled_from(["R", "R0", "R1", "R5", "R10", "R100"]))
    start = ""
    if draw(st.integers(0, 4)):
        moment = draw(st.datetimes(datetime(1970, 1, 2), datetime(2100, 1, 1)))
        start = moment.isoformat(timespec=draw(st.sampled_from(["seconds", "milliseconds"])))
        start += draw(st.sampled_from(["Z", "", "+01:00", "-08:00", "+05:30"]))
    units = draw(
        st.lists(
            st.tuples(st.sampled_from(["Y", "M", "W", "D", "H", "TM", "S"]), st.integers(1, 40)),
            min_size=1,
            max_size=4,
            unique_by=lambda unit: unit[0],
        )
    )
    order = ["Y", "M", "W", "D", "H", "TM", "S"]
    units.sort(key=lambda unit: order.index(unit[0]))
    date = "".join(f"{n}{unit}" for unit, n in units if unit in ("Y", "M", "W", "D"))
    time = "".join(f"{n}{unit[-1]}" for unit, n in units if unit in ("H", "TM", "S"))
    period = "P" + date + (f"T{time}" if time else "")
    tz = draw(st.sampled_from([None, "Europe/Berlin", "America/Los_Angeles", "PST", "UTC", "Nowhere/Land"]))
    return f"{reps}/{start}/{period}", tz, draw(st.sampled_from(["2", "3"]))


@SETTINGS
@given(_chronos_texts())
@example(("R/2012-01-31T00:00:00Z/P1M", "PST", "3"))
@example(("R1//PT24H", None, "2"))
def test_chronos_schedule_from_text_is_a_value(written: tuple[str, str | None, str]) -> None:
    text, tz, version = written
    try:
        schedule = isorepeat.parse(text, tz=tz, dialect="chronos", now=NOW, version=version)
    except ScheduleError:
        return  # the values that are built are what this property is about
    twin = isorepeat.parse(text, tz=tz, dialect="chronos", now=NOW, version=version)
    # An empty start read in UTC and re-read in the zone has the moment it was read in its repr.
    namespace = {"Schedule": Schedule, "datetime": datetime_module}
    _check_value(schedule, twin, namespace, PROTOCOLS)
    assert eval(repr(schedule), namespace).dialect == "chronos"


@SETTINGS
@given(
    st.datetimes(datetime(1, 1, 2), datetime(9999, 12, 30), timezones=st.sampled_from(ZONES)),
    st.timedeltas(timedelta(0), timedelta(days=1)),
    st.sampled_from(["missed", "superseded", "not caught up"]),
)
def test_events_are_values(due: datetime, delay: timedelta, reason: SkipReason) -> None:
    run = Run(due, due + delay)
    _check_value(run, Run(due, due + delay), {"Run": Run, **DATETIMES}, PROTOCOLS)
    skipped = Skipped(due, reason)
    _check_value(skipped, Skipped(due, reason), {"Skipped": Skipped, **DATETIMES}, PROTOCOLS)
