"""The chronos dialect beyond the vectors (SEMANTICS S34, S35; CHRONOS.md §1-§3).

The vectors (test_vectors.py) say what Chronos returns; these tests pin what isorepeat
adds: where an error points, the Joda arithmetic of anchored occurrences, chained evaluation in
both dialects, and the argument checks.
"""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import isorepeat
from isorepeat import Schedule, ScheduleError

UTC = timezone.utc
NOW = datetime(2020, 6, 15, 12, 0, tzinfo=UTC)


def chronos(text: str, **kwargs: object) -> Schedule:
    return isorepeat.parse(text, dialect="chronos", **kwargs)  # type: ignore[arg-type]


def iso_texts(schedule: Schedule, count: int, mode: str = "anchored") -> list[str]:
    return [t.isoformat() for t in itertools.islice(schedule.occurrences(mode), count)]  # type: ignore[arg-type]


# -- grammar: what Joda accepts that ISO 8601 does not (S34) -----------------------------------


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("R/2008-3-1T5:7Z/P1D", "2008-03-01T05:07:00+00:00"),  # one-digit fields
        ("R/2008-03-01T13.5Z/P1D", "2008-03-01T13:30:00+00:00"),  # hour fraction
        ("R/2008-03-01T13.123456789Z/P1D", "2008-03-01T13:07:24.443000+00:00"),  # Joda's lossy weights
        ("R/2008-03-01T13:00:00.987654Z/P1D", "2008-03-01T13:00:00.987000+00:00"),  # truncated to ms
        ("R/2008-03-01T/P1D", "2008-03-01T00:00:00+00:00"),  # dangling T
        ("R/2008-03-01TZ/P1D", "2008-03-01T00:00:00+00:00"),
        ("R/2008-W01-1/P1D", "2007-12-31T00:00:00+00:00"),  # week date
        ("R/2008-w01/P1D", "2007-12-31T00:00:00+00:00"),  # case-insensitive literal
        ("R/2008-366/P1D", "2008-12-31T00:00:00+00:00"),  # ordinal date
        ("R/2008-3/P1D", "2008-03-01T00:00:00+00:00"),  # a tie: the calendar date wins
        ("R/+2008-03-01T00:00Z/P1D", "2008-03-01T00:00:00+00:00"),  # signed year
        ("R/2008-03-01T13:00+0530/P1D", "2008-03-01T13:00:00+05:30"),
        ("R/2008-03-01T13:00+053015/P1D", "2008-03-01T13:00:00+05:30:15"),
        ("R/2008-03-01T13:00-00:00/P1D", "2008-03-01T13:00:00+00:00"),
    ],
)
def test_s34_joda_start_grammar(text: str, start: str) -> None:
    schedule = chronos(text)
    assert schedule.start is not None
    assert schedule.start.isoformat() == start


@pytest.mark.parametrize(
    ("period", "printed"),
    [
        ("P", "PT0S"),
        ("P1W1D", "P1W1D"),
        ("P+1D", "P1D"),
        ("P-1D", "P-1D"),
        ("P1Dt1h", "P1DT1H"),
        ("PT1.S", "PT1S"),
        ("PT-1.5S", "PT-1.500S"),
        ("PT-0.5S", "PT-0.500S"),
        ("PT0.0009S", "PT0S"),  # below a millisecond: Joda truncates to zero
        ("PT2147483647S", "PT2147483647S"),
    ],
)
def test_s34_joda_period_grammar(period: str, printed: str) -> None:
    schedule = chronos(f"R1/2008-03-01T00:00:00Z/{period}")
    assert schedule.format(dialect="chronos") == f"R1/2008-03-01T00:00:00.000Z/{printed}"


@pytest.mark.parametrize(
    ("text", "column", "message"),
    [
        ("r5/2008-03-01T13:00:00Z/P1D", 0, "starts with R"),
        ("R-1/2008-03-01T13:00:00Z/P1D", 1, "repetitions"),
        ("R5/2008-03-01T13:00:00Z", 23, "three parts"),
        ("R5/2008-03-01T13:00:00Z/p1D", 24, "must start with P"),
        ("R5", 2, "three parts"),
        ("R5/2008-03-01T13:00:00Z/P1D\n", 27, "line break"),
        ("R99999999999999999999/2008-03-01T13:00:00Z/P1D", 1, "Java long"),
        ("R5/2008-13-01T13:00:00Z/P1D", 8, "month 13"),
        ("R5/2008-02-30T00:00:00Z/P1D", 11, "day 30"),
        ("R5/2008-03-01T24:00:00Z/P1D", 14, "hour 24"),
        ("R5/2008-03-01T23:60Z/P1D", 17, "minute 60"),
        ("R5/2008-03-01T23:59:60Z/P1D", 20, "leap seconds"),
        ("R5/2008-03-01T13:00:00+24:00/P1D", 22, "offset hours 24"),
        ("R5/2008-03-01T13:00:00+5/P1D", 23, "two digits"),
        ("R5/20080301T130000Z/PT1S", 14, "unexpected"),
        ("R5/ 2008-03-01T13:00:00Z/P1D", 3, "year"),
        ("R5/2008-03-01T13:00:00Z/PT", 26, "T must be followed"),
        ("R5/2008-03-01T13:00:00Z/P1.5D", 26, "only seconds"),
        ("R5/2008-03-01T13:00:00Z/P1H", 26, "needs a T"),
        ("R5/2008-03-01T13:00:00Z/P1D!", 27, "unexpected '!'"),
        ("R5/2008-03-01T13:00:00Z/PT1M1H", 29, "out of order"),
        ("R5/2008-03-01T13:00:00Z/P2147483648D", 25, "Java int"),
        ("R5/2008-03-01T13:00:00Z/P00000000001D", 35, "at most 10 digits"),
        ("R5/2008-03-01T13:00:00.1234567891Z/P1D", 32, "unexpected"),
        ("R5/-0001-01-01T00:00:00Z/P1D", 3, "isorepeat cannot represent it"),
        ("R5/12345-01-01T00:00:00Z/P1D", 3, "isorepeat cannot represent it"),
        # Joda's calendar holds every year it reads: a day it has not is rejected in any year
        ("R5/20261-02-29T00:00:00Z/P1D", 12, "day 29 is out of range 1-28 for 20261-02"),
        ("R5/20260-02-29T00:00:00Z/P1D", 3, "isorepeat cannot represent it"),
        ("R5/-0001-02-29T00:00:00Z/P1D", 12, "day 29 is out of range 1-28 for -1-02"),
        ("R5/20261-366T00:00:00Z/P1D", 9, "day 366 of the year is out of range 1-365 for 20261"),
        ("R5/20260-366T00:00:00Z/P1D", 3, "isorepeat cannot represent it"),
        ("R5/12021-W53-1T00:00:00Z/P1D", 10, "week 53 is out of range 1-52 for 12021"),
        ("R5/12026-W53-1T00:00:00Z/P1D", 3, "isorepeat cannot represent it"),
        ("R5/2008-03-01T13:00:00+05:30:15.5/P1D", 3, "isorepeat cannot represent it"),
    ],
)
def test_s1_chronos_errors_point_at_the_column(text: str, column: int, message: str) -> None:
    with pytest.raises(ScheduleError) as caught:
        chronos(text)
    assert caught.value.column == column, caught.value
    assert message in caught.value.message


@pytest.mark.parametrize(
    ("text", "column", "hint"),
    [
        # Joda's dateOptionalTimeParser: date ['T' [time] [offset]]; the offset only after the T
        ("R/2016-07-04Z/P1D", 12, "write 2016-07-04T00:00:00Z"),
        ("R/2016-07-04z/P1D", 12, "write 2016-07-04T00:00:00z"),
        ("R/2016-07-04+05:00/P1D", 12, "write 2016-07-04T00:00:00+05:00"),
        ("R/2016-07-04-05:00/P1D", 12, "write 2016-07-04T00:00:00-05:00"),
        ("R/2016-07Z/P1D", 9, "write 2016-07T00:00:00Z"),
        ("R/2016Z/P1D", 6, "write 2016T00:00:00Z"),
        ("R/2016-186Z/P1D", 10, "write 2016-186T00:00:00Z"),
        ("R/2016-W27-1Z/P1D", 12, "write 2016-W27-1T00:00:00Z"),
    ],
)
def test_s34_an_offset_after_a_date_without_a_time_is_rejected(text: str, column: int, hint: str) -> None:
    with pytest.raises(ScheduleError) as caught:
        chronos(text)
    assert caught.value.column == column
    offset = text[column : text.rindex("/")]
    assert caught.value.message == (
        f"Chronos (Joda-Time) reads an offset only after a time: {offset!r} follows the date"
    )
    assert caught.value.hint == hint


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("R/2016-07-04TZ/P1D", "2016-07-04T00:00:00+00:00"),  # a dangling T still takes one
        ("R/2016-07-04T+05:00/P1D", "2016-07-04T00:00:00+05:00"),
        ("R/T05:50+01:00/P1D", "1970-01-01T05:50:00+01:00"),
    ],
)
def test_s34_an_offset_after_a_t_is_read(text: str, start: str) -> None:
    schedule = chronos(text)
    assert schedule.start is not None
    assert schedule.start.isoformat() == start


def test_s34_offsetless_start_in_a_jvm_gap_is_rejected_with_a_hint() -> None:
    with pytest.raises(ScheduleError, match="JVM zone America/Los_Angeles") as caught:
        chronos("R/2014-03-09T02:30:00/P1D", jvm_zone="America/Los_Angeles")
    assert caught.value.column == 2
    assert caught.value.hint is not None


def test_s34_empty_start_is_now_minus_one_second_in_utc() -> None:
    schedule = chronos("R//PT1H", tz="Europe/Berlin", now=NOW)
    assert schedule.start == NOW - timedelta(seconds=1)
    assert schedule.start is not None
    assert schedule.start.utcoffset() == timedelta(0)


def test_s35_empty_start_with_a_schedule_zone_jumps_at_the_second_run() -> None:
    # Chronos reads an empty start as now - 1 s in UTC and does not re-zone it; the next step
    # prints it with Z and reads those wall fields in the zone (CHRONOS.md §2).
    now = datetime(2026, 1, 15, 12, 0, tzinfo=UTC)
    schedule = chronos("R//PT1H", tz="America/New_York", now=now)
    assert iso_texts(schedule, 3, "chained") == [
        "2026-01-15T11:59:59+00:00",
        "2026-01-15T12:59:59-05:00",
        "2026-01-15T13:59:59-05:00",
    ]
    following = schedule.next_after(now)
    assert following is not None
    assert following.isoformat() == "2026-01-15T12:59:59-05:00"
    # Anchored (ISO's reading) keeps the hour from the start; and the repr, which no stored text
    # can give, is the empty start read at that now.
    assert iso_texts(schedule, 2, "anchored") == ["2026-01-15T11:59:59+00:00", "2026-01-15T12:59:59+00:00"]
    assert repr(schedule) == (
        "Schedule.parse('R//PT1H', tz='America/New_York', now=datetime.datetime(2026, 1, 15, 12, 0, "
        "tzinfo=datetime.timezone.utc), dialect='chronos')"
    )


def test_s35_empty_start_jump_is_what_simulate_runs() -> None:
    now = datetime(2026, 1, 15, 12, 0, tzinfo=UTC)
    schedule = chronos("R3//PT1H", tz="America/New_York", now=now)
    runs = isorepeat.simulate(
        schedule, now - timedelta(hours=1), now + timedelta(days=1), policy=isorepeat.Policy.chronos2()
    )
    assert [r.due.astimezone(UTC).isoformat() for r in runs] == [
        "2026-01-15T11:59:59+00:00",
        "2026-01-15T17:59:59+00:00",
        "2026-01-15T18:59:59+00:00",
    ]


def test_s35_empty_start_chain_step_rezones_the_run_after_a_utc_start() -> None:
    # The step itself (what Chronos does with the text it stored): a run shown in UTC, then the
    # schedule zone New York re-applied to its wall fields, 5 hours later.
    from isorepeat.chronos.chained import chronos_chain_step
    from isorepeat.chronos.zones import resolve_zone
    from isorepeat.zones import UTC_ZONE

    new_york = resolve_zone("America/New_York").zone
    run0 = (int(datetime(2026, 1, 15, 11, 59, 59, tzinfo=UTC).timestamp())) * 10**9
    found = chronos_chain_step(UTC_ZONE, run0, isorepeat.Duration(hours=1), new_york, "compatible")
    assert found is not None
    instant, zone = found
    assert zone.to_datetime(instant).isoformat() == "2026-01-15T12:59:59-05:00"


def test_s34_empty_start_defaults_to_the_clock() -> None:
    before = datetime.now(UTC) - timedelta(seconds=1, milliseconds=1)
    schedule = chronos("R//PT1H")
    assert schedule.start is not None
    assert before <= schedule.start <= datetime.now(UTC)


# -- anchored occurrences: Joda's field-by-field arithmetic (S34, issue 5 item 4) -------------


def test_s34_years_then_months_each_clamped() -> None:
    # Joda: Feb 29 + 1 year = Feb 28, + 1 month = Mar 28. S28 adds 13 months at once: Mar 29.
    text = "R2/2012-02-29T00:00:00Z/P1Y1M"
    assert iso_texts(chronos(text), 2)[1] == "2013-03-28T00:00:00+00:00"
    assert iso_texts(isorepeat.parse(text), 2)[1] == "2013-03-29T00:00:00+00:00"


def test_s34_negative_fields_are_added_too() -> None:
    # Jan 31 + 1 month = Feb 29, - 1 day = Feb 28; then Mar 28 - 1 day = Mar 27 (chained).
    assert iso_texts(chronos("R3/2012-01-31T00:00:00Z/P1M-1D"), 3, "chained") == [
        "2012-01-31T00:00:00+00:00",
        "2012-02-28T00:00:00+00:00",
        "2012-03-27T00:00:00+00:00",
    ]


def test_s34_gap_start_keeps_the_shifted_wall_time() -> None:
    # Joda moved the start to 03:30; P1D goes on from there (iso keeps the written 02:30).
    text = "R3/2014-03-09T02:30:00Z/P1D"
    assert iso_texts(chronos(text, tz="America/Los_Angeles"), 2)[1] == "2014-03-10T03:30:00-07:00"
    assert iso_texts(isorepeat.parse(text, tz="America/Los_Angeles"), 2)[1] == "2014-03-10T02:30:00-07:00"


def test_s34_overlap_of_an_occurrence_takes_the_earlier_offset() -> None:
    schedule = chronos("R2/2013-11-26T02:30:00+01:00/P11M", tz="Europe/Berlin")
    assert iso_texts(schedule, 2)[1] == "2014-10-26T02:30:00+02:00"  # CHRONOS.md §3.1


def test_s34_queries_use_joda_arithmetic_in_constant_steps() -> None:
    schedule = chronos("R/2012-02-29T09:00:00Z/P1Y1M")
    moment = datetime(2026, 11, 22, 12, tzinfo=UTC)
    following = schedule.next_after(moment)
    assert following is not None
    k = schedule.index_of(following)
    assert k is not None
    assert schedule[k] == following
    assert following == next(t for t in schedule if t > moment)


@pytest.mark.parametrize("period", ["P-1D", "PT0S", "P1M-40D"])
def test_s34_a_period_that_does_not_move_forward_has_no_anchored_series(period: str) -> None:
    schedule = chronos(f"R/2012-01-01T00:00:00Z/{period}")
    with pytest.raises(ScheduleError, match="does not move forward"):
        schedule.next_after(NOW, mode="anchored")
    # One run is still one run: R1//P is Chronos's "run once now".
    assert list(chronos(f"R1/2012-01-01T00:00:00Z/{period}")) == [datetime(2012, 1, 1, tzinfo=UTC)]


# -- chained evaluation (S35) -----------------------------------------------------------------


def test_s35_chained_month_end_drift_in_both_dialects() -> None:
    text = "R4/2012-01-31T00:00:00Z/P1M"
    for schedule in (chronos(text), isorepeat.parse(text)):
        assert [t.day for t in schedule.occurrences(mode="chained")] == [31, 29, 29, 29]
        assert [t.day for t in schedule.occurrences(mode="anchored")] == [31, 29, 31, 30]


def test_s35_chained_without_zone_keeps_the_first_offset() -> None:
    # An offset-less start in a DST JVM zone: only the first step follows the zone (CHRONOS.md §3.4).
    schedule = chronos("R/2014-03-08T01:00:00/P1D", jvm_zone="America/Los_Angeles")
    assert iso_texts(schedule, 4, "chained")[1:] == [
        "2014-03-09T01:00:00-08:00",
        "2014-03-10T01:00:00-08:00",
        "2014-03-11T01:00:00-08:00",
    ]
    assert iso_texts(schedule, 4)[2] == "2014-03-10T01:00:00-07:00"  # anchored stays in the zone


def test_s35_iso_chained_keeps_the_overlap_side() -> None:
    schedule = isorepeat.parse("R4/2014-11-02T00:30:00-07:00/PT1H", tz="America/Los_Angeles")
    assert iso_texts(schedule, 4, "chained") == iso_texts(schedule, 4)


def test_s35_chained_iso_raise_names_the_occurrence() -> None:
    schedule = isorepeat.parse("R3/2014-03-08T02:30:00/P1D", tz="America/Los_Angeles", disambiguate="raise")
    chained = schedule.occurrences(mode="chained")
    next(chained)
    with pytest.raises(ScheduleError, match="occurrence 1"):
        next(chained)


def test_s35_mode_is_checked() -> None:
    with pytest.raises(ValueError, match="mode must be"):
        chronos("R/2012-01-01T00:00:00Z/P1D").occurrences(mode="drifting")  # type: ignore[arg-type]


def test_s35_chained_on_an_unresolved_iso_schedule_raises_s6() -> None:
    with pytest.raises(ScheduleError, match="resolve"):
        isorepeat.parse("R//PT1H").occurrences(mode="chained")


def test_s35_chained_end_form_starts_at_occurrence_zero() -> None:
    schedule = isorepeat.parse("R3/P1M/2012-04-30T00:00:00Z")
    assert iso_texts(schedule, 3, "chained")[0] == iso_texts(schedule, 1)[0]


# -- values, text and arguments ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kwargs"),
    [
        ("R5/2008-03-01T13:00:00Z/PT1.5S", {}),
        ("R/2008-03-01T13:00:00Z/P1D", {"tz": "PST"}),
        ("R/2008-03-01T13:00:00/P1D", {"jvm_zone": "Europe/Berlin"}),
        ("R/2008-03-01T13:00:00+05:30/P-1D", {}),
    ],
)
def test_s21_repr_evaluates_back(text: str, kwargs: dict[str, str]) -> None:
    schedule = chronos(text, **kwargs)
    again = eval(repr(schedule), {"Schedule": Schedule})  # our own repr
    assert again == schedule
    assert str(again) == str(schedule) == schedule.format(dialect="chronos")


@pytest.mark.parametrize(
    ("text", "column", "message", "hint"),
    [
        (
            "R/P1D",
            2,
            "Chronos has no form R/<period>: it counts from a start",
            "resolve(now) gives the schedule a start; or write R/<start>/P1D",
        ),
        (
            "R5/P1D/2008-05-11T15:30:00Z",
            3,
            "Chronos has no form R/<period>/<end>: it counts from a start",
            "write R5/2008-05-06T15:30:00.000Z/P1D, from its first run",
        ),
        (
            "R/2026-01-01T00:00:00Z/PT0.0001S",
            30,
            "Chronos keeps milliseconds: it would read the period PT0.0001S as PT0S",
            "write the period in whole milliseconds",
        ),
        (
            "R/2026-01-01T00:00:00Z/PT1.0005S",
            30,
            "Chronos keeps milliseconds: it would read the period PT1.0005S as PT1S",
            "write the period in whole milliseconds",
        ),
        (
            "R/2026-01-01T00:00:00Z/PT0.0000001H",
            23,
            "Chronos keeps milliseconds: it would read the period PT0.0000001H as PT0S",
            "write the period in whole milliseconds",
        ),
        (  # S16: the period is the elapsed time between the two
            "R/2026-01-01T00:00:00Z/2026-01-01T00:00:01.0005Z",
            23,
            "Chronos keeps milliseconds: it would read the period PT1.0005S as PT1S",
            "write the period in whole milliseconds",
        ),
    ],
)
def test_s21_format_chronos_of_what_chronos_cannot_store_is_a_schedule_error(
    text: str, column: int, message: str, hint: str
) -> None:
    schedule = isorepeat.parse(text)
    with pytest.raises(ScheduleError) as caught:
        schedule.format(dialect="chronos")
    assert (caught.value.text, caught.value.column) == (str(schedule), column)
    assert (caught.value.message, caught.value.hint) == (message, hint)


def test_s21_format_chronos_of_an_empty_start_and_a_millisecond_period() -> None:
    assert isorepeat.parse("R//PT1.5S").format(dialect="chronos") == "R//PT1.500S"
    assert isorepeat.parse("R/2026-01-01T00:00:00Z/PT0.001S").format(dialect="chronos") == (
        "R/2026-01-01T00:00:00.000Z/PT0.001S"
    )


def test_s34_zone_notes_are_readable() -> None:
    schedule = chronos("R/2008-03-01T13:00:00Z/P1D", tz="america/los_angeles")
    assert [note.code for note in schedule.notes] == ["IR204"]
    assert schedule.start == datetime(2008, 3, 1, 13, tzinfo=UTC)


def test_s34_tz_is_the_schedule_time_zone() -> None:
    schedule = chronos("R/2008-03-01T13:00:00Z/P1D", tz="Europe/Paris")
    assert schedule.tz == ZoneInfo("Europe/Paris")


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"disambiguate": "later"}, ValueError),
        ({"tz": ZoneInfo("UTC")}, TypeError),
    ],
)
def test_s34_arguments_the_chronos_dialect_refuses(kwargs: dict[str, object], error: type[Exception]) -> None:
    with pytest.raises(error):
        chronos("R/2008-03-01T13:00:00Z/P1D", **kwargs)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        (
            {"disambiguate": "later"},
            ValueError,
            "the chronos dialect resolves gaps and overlaps as Joda-Time does: leave out "
            "disambiguate='later' (it is for the iso dialect)",
        ),
        (
            {"tz": ZoneInfo("Europe/Berlin")},
            TypeError,
            "the chronos dialect takes tz as Chronos's scheduleTimeZone, a str, not ZoneInfo: "
            "write tz='Europe/Berlin'",
        ),
        (
            {"tz": UTC},
            TypeError,
            "the chronos dialect takes tz as Chronos's scheduleTimeZone, a str, not timezone: write tz='UTC'",
        ),
        (
            {"tz": timezone(timedelta(hours=5, minutes=30))},
            TypeError,
            "the chronos dialect takes tz as Chronos's scheduleTimeZone, a str, not timezone: "
            "write tz='GMT+05:30'",
        ),
        (
            {"jvm_zone": ZoneInfo("Europe/Berlin")},
            TypeError,
            "jvm_zone must be a zone name (str), not ZoneInfo: write jvm_zone='Europe/Berlin'",
        ),
        (
            {"version": "2.5.1"},
            ValueError,
            "version must be '2' (Chronos 2.5.1) or '3' (Chronos HEAD), not '2.5.1'",
        ),
    ],
)
def test_s34_arguments_the_chronos_dialect_refuses_say_what_to_write(
    kwargs: dict[str, object], error: type[Exception], message: str
) -> None:
    # About the arguments, not the schedule: no ScheduleError (no column in the text to show).
    with pytest.raises(error) as caught:
        chronos("R/2008-03-01T13:00:00Z/P1D", **kwargs)
    assert not isinstance(caught.value, ScheduleError)
    assert str(caught.value) == message


def test_s34_parse_chronos_documents_what_it_raises() -> None:
    from isorepeat.chronos.dialect import parse_chronos

    doc = parse_chronos.__doc__ or ""
    assert ":raises ScheduleError:" in doc
    assert ":raises TypeError:" in doc
    assert ":raises ValueError:" in doc


def test_s6_iso_now_resolves_and_jvm_zone_is_refused() -> None:
    assert isorepeat.parse("R//PT1H", now=NOW).start == NOW
    with pytest.raises(ValueError, match="jvm_zone"):
        isorepeat.parse("R/2008-03-01T13:00:00Z/P1D", jvm_zone="UTC")


# -- any text: a ScheduleError or a schedule, nothing else (S2, both dialects) -----------------

_SEEDS = [
    "R5/2008-03-01T13:00:00.250+05:30/PT1.5S",
    "R/2008-W10-1T13.5Z/P1Y2M3W4DT5H6M7.8S",
    "R1//P",
    "R/T05:50Z/PT24H",
    "R/2008-061T13:30.5-0800/P-1D",
]


@st.composite
def _mutations(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(_SEEDS))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        kind = draw(st.sampled_from(["delete", "double", "insert", "swap"]))
        if kind == "delete" and at < len(text):
            text = text[:at] + text[at + 1 :]
        elif kind == "double" and at < len(text):
            text = text[:at] + text[at] + text[at:]
        elif kind == "insert":
            char = draw(st.sampled_from([*"0123456789-+:.,/TZPRWYMDHSt z\n٣", "9" * 30]))
            text = text[:at] + char + text[at:]
        elif kind == "swap" and at + 1 < len(text):
            text = text[:at] + text[at + 1] + text[at] + text[at + 2 :]
    return text


@settings(max_examples=1500, deadline=None)
@given(st.one_of(_mutations(), st.text(max_size=40)), st.sampled_from([None, "PST", "Europe/Berlin", "Foo"]))
def test_s2_chronos_any_text_parses_or_raises_schedule_error(text: str, tz: str | None) -> None:
    try:
        schedule = chronos(text, tz=tz, now=NOW)
    except ScheduleError as error:
        column = error.column
        assert 0 <= column <= len(error.text)  # noqa: PT017 - any text: pytest.raises cannot say "or"
        return
    assert schedule.start is not None
    list(itertools.islice(schedule.occurrences(mode="chained"), 3))


def test_s40_empty_start_one_second_before_the_year_0001_is_unrepresentable() -> None:
    # Chronos reads the empty start as now - 1 s: at the first second of 0001 that is in year 0.
    first_second = datetime(1, 1, 1, tzinfo=UTC)
    with pytest.raises(isorepeat.UnrepresentableError) as caught:
        chronos("R//PT10M", now=first_second)
    assert caught.value.message == (
        "the empty start put into effect at 0001-01-01T00:00:00+00:00 is before the year 0001: "
        "Chronos accepts this; isorepeat cannot represent it"
    )
    assert caught.value.column == 2  # the empty start
    assert chronos("R//PT10M", now=first_second + timedelta(seconds=1)).occurrence(0) == first_second
