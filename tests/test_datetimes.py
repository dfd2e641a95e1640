"""The start grammar through isorepeat.parse (SEMANTICS S7-S11)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

import isorepeat
from isorepeat import ScheduleError

UTC = timezone.utc

# -- tables ----------------------------------------------------------------------------------

# Each row: a schedule as written, then its canonical text (S20).
ACCEPTED_STARTS = [
    # S7: calendar dates, extended and basic; S8: a date alone means 00:00; S11: UTC
    ("R/2008-02-15/P1D", "R/2008-02-15T00:00:00Z/P1D"),
    ("R/20080215/P1D", "R/2008-02-15T00:00:00Z/P1D"),
    ("R/2008-02-15T13:00:00Z/P1D", "R/2008-02-15T13:00:00Z/P1D"),
    ("R/20080215T130000Z/P1D", "R/2008-02-15T13:00:00Z/P1D"),
    ("R/20080215T1300Z/P1D", "R/2008-02-15T13:00:00Z/P1D"),
    ("R/20080215T13Z/P1D", "R/2008-02-15T13:00:00Z/P1D"),
    ("R/2012-02-29T00:00:00Z/P1Y", "R/2012-02-29T00:00:00Z/P1Y"),
    ("R/2000-02-29/P1Y", "R/2000-02-29T00:00:00Z/P1Y"),
    ("R/2013-12-31/P1D", "R/2013-12-31T00:00:00Z/P1D"),
    # S7: ordinal dates (46 = 31 January days + 15)
    ("R/2008-046/P1D", "R/2008-02-15T00:00:00Z/P1D"),
    ("R/2008-046T13:00Z/P1D", "R/2008-02-15T13:00:00Z/P1D"),
    ("R/2008046T1300Z/P1D", "R/2008-02-15T13:00:00Z/P1D"),
    ("R/2012-060/P1D", "R/2012-02-29T00:00:00Z/P1D"),
    ("R/2012-366/P1D", "R/2012-12-31T00:00:00Z/P1D"),
    ("R/2013-365/P1D", "R/2013-12-31T00:00:00Z/P1D"),
    ("R/2013-001/P1D", "R/2013-01-01T00:00:00Z/P1D"),
    # S7: week dates (week 1 holds the year's first Thursday)
    ("R/2008-W07-5T13:00:00Z/P1D", "R/2008-02-15T13:00:00Z/P1D"),
    ("R/2008W075T130000Z/P1D", "R/2008-02-15T13:00:00Z/P1D"),
    ("R/2009-W01-1/P1D", "R/2008-12-29T00:00:00Z/P1D"),
    ("R/2009W011/P1D", "R/2008-12-29T00:00:00Z/P1D"),
    ("R/2004-W53-7/P1D", "R/2005-01-02T00:00:00Z/P1D"),
    ("R/2015-W53-5T13:00Z/P1D", "R/2016-01-01T13:00:00Z/P1D"),
    ("R/2010-W52-7/P1D", "R/2011-01-02T00:00:00Z/P1D"),
    # S8: reduced times
    ("R/2008-02-15T13/P1D", "R/2008-02-15T13:00:00Z/P1D"),
    ("R/2008-02-15T13:30/P1D", "R/2008-02-15T13:30:00Z/P1D"),
    ("R/20080215T1330/P1D", "R/2008-02-15T13:30:00Z/P1D"),
    ("R/20080215T13/P1D", "R/2008-02-15T13:00:00Z/P1D"),
    ("R/2008-02-15T00:00:00/P1D", "R/2008-02-15T00:00:00Z/P1D"),
    ("R/2008-02-15T23:59:59/P1D", "R/2008-02-15T23:59:59Z/P1D"),
    # S8: a fraction on the last component, '.' or ','
    ("R/2008-02-15T13.5/P1D", "R/2008-02-15T13:30:00Z/P1D"),
    ("R/2008-02-15T13,25/P1D", "R/2008-02-15T13:15:00Z/P1D"),
    ("R/2008-02-15T13:30.5/P1D", "R/2008-02-15T13:30:30Z/P1D"),
    ("R/2008-02-15T13:30,25Z/P1D", "R/2008-02-15T13:30:15Z/P1D"),
    ("R/2008-02-15T13:30:15.5/P1D", "R/2008-02-15T13:30:15.5Z/P1D"),
    ("R/2008-02-15T13:30:15,5/P1D", "R/2008-02-15T13:30:15.5Z/P1D"),
    ("R/20080215T13.5/P1D", "R/2008-02-15T13:30:00Z/P1D"),
    ("R/20080215T1330.5/P1D", "R/2008-02-15T13:30:30Z/P1D"),
    ("R/20080215T133015.25Z/P1D", "R/2008-02-15T13:30:15.25Z/P1D"),
    ("R/2008-02-15T13.5+01:00/P1D", "R/2008-02-15T13:30:00+01:00/P1D"),
    # S9: exact to the nanosecond; trailing zeros dropped; extra zeros allowed
    ("R/2008-02-15T13:30:15.123456789Z/PT1S", "R/2008-02-15T13:30:15.123456789Z/PT1S"),
    ("R/2008-02-15T13:30:15.1234567890000Z/PT1S", "R/2008-02-15T13:30:15.123456789Z/PT1S"),
    ("R/2008-02-15T00:00:00.000000001Z/PT1S", "R/2008-02-15T00:00:00.000000001Z/PT1S"),
    ("R/2008-02-15T13:30:15.500Z/PT1S", "R/2008-02-15T13:30:15.5Z/PT1S"),
    ("R/2008-02-15T13:30:15.000Z/PT1S", "R/2008-02-15T13:30:15Z/PT1S"),
    ("R/2008-02-15T13:30:15.0Z/PT1S", "R/2008-02-15T13:30:15Z/PT1S"),
    # 0.000000001 h = 3.6 µs, 0.000000001 min = 60 ns
    ("R/2008-02-15T13.000000001/PT1S", "R/2008-02-15T13:00:00.0000036Z/PT1S"),
    ("R/2008-02-15T13:00.000000001/PT1S", "R/2008-02-15T13:00:00.00000006Z/PT1S"),
    # S4: lower-case t and z inside the date-time (RFC 3339)
    ("R/2008-02-15t13:00:00z/P1D", "R/2008-02-15T13:00:00Z/P1D"),
    ("R/20080215t1300z/P1D", "R/2008-02-15T13:00:00Z/P1D"),
    # S10: offsets Z, ±hh:mm, ±hhmm and ±hh
    ("R/2008-02-15T13:00:00+01:00/P1D", "R/2008-02-15T13:00:00+01:00/P1D"),
    ("R/2008-02-15T13:00:00+01/P1D", "R/2008-02-15T13:00:00+01:00/P1D"),
    ("R/20080215T130000+0100/P1D", "R/2008-02-15T13:00:00+01:00/P1D"),
    ("R/20080215T1300+01/P1D", "R/2008-02-15T13:00:00+01:00/P1D"),
    ("R/2008-02-15T13:00-05:30/P1D", "R/2008-02-15T13:00:00-05:30/P1D"),
    ("R/2008-02-15T13:00:00+05:45/P1D", "R/2008-02-15T13:00:00+05:45/P1D"),
    ("R/2008-02-15T13:00:00+23:59/P1D", "R/2008-02-15T13:00:00+23:59/P1D"),
    ("R/2008-02-15T13:00:00-23:59/P1D", "R/2008-02-15T13:00:00-23:59/P1D"),
    ("R/2008-02-15T13:00:00+00:00/P1D", "R/2008-02-15T13:00:00Z/P1D"),
    ("R/2008-02-15T13:00:00-00:00/P1D", "R/2008-02-15T13:00:00Z/P1D"),
    ("R/20080215T130000-0000/P1D", "R/2008-02-15T13:00:00Z/P1D"),
    ("R/2008-02-15T13:00:00+00/P1D", "R/2008-02-15T13:00:00Z/P1D"),
    # S7: the years 0001-9999
    ("R/0001-01-01T00:00:00Z/P1D", "R/0001-01-01T00:00:00Z/P1D"),
    ("R/9999-12-31T00:00:00Z/PT1H", "R/9999-12-31T00:00:00Z/PT1H"),
]

# Each row: a schedule, the 0-based column of the first offending character (S1), the message.
REJECTED_STARTS = [
    # S7: month and day out of range
    ("R5/2012-13-01T00:00Z/P1D", 8, "month 13 is out of range 01-12"),
    ("R/2012-00-01T00:00Z/P1D", 7, "month 00 is out of range 01-12"),
    ("R/2012-01-32T00:00Z/P1D", 10, "day 32 is out of range 01-31"),
    ("R/2012-01-00T00:00Z/P1D", 10, "day 00 is out of range 01-31"),
    ("R/20121301/P1D", 6, "month 13 is out of range 01-12"),
    # S7: invalid calendar dates
    ("R/2013-02-29T00:00Z/P1D", 10, "2013-02-29 does not exist: February 2013 has 28 days"),
    ("R/2013-04-31T00:00Z/P1D", 10, "2013-04-31 does not exist: April 2013 has 30 days"),
    ("R/1900-02-29/P1D", 10, "1900-02-29 does not exist: February 1900 has 28 days"),
    ("R/20130229/P1D", 8, "2013-02-29 does not exist: February 2013 has 28 days"),
    ("R/2012-02-30/P1D", 10, "2012-02-30 does not exist: February 2012 has 29 days"),
    # S7: ordinal dates
    ("R/2013-366/P1D", 7, "day 366 of 2013 does not exist: 2013 has 365 days"),
    ("R/2013366/P1D", 6, "day 366 of 2013 does not exist: 2013 has 365 days"),
    ("R/2013-000/P1D", 7, "day of the year 000 is out of range 001-366"),
    ("R/2013-367/P1D", 7, "day of the year 367 is out of range 001-366"),
    # S7: week dates (2010 has 52 weeks)
    ("R/2010-W53-1/P1D", 8, "week 53 of 2010 does not exist: 2010 has 52 weeks"),
    ("R/2010W531/P1D", 7, "week 53 of 2010 does not exist: 2010 has 52 weeks"),
    ("R/2010-W00-1/P1D", 8, "week 00 is out of range 01-53"),
    ("R/2010-W54-1/P1D", 8, "week 54 is out of range 01-53"),
    ("R/2010-W01-8/P1D", 11, "day of the week 8 is out of range 1-7"),
    ("R/2010-W01-0/P1D", 11, "day of the week 0 is out of range 1-7"),
    ("R/2010-W1-1/P1D", 8, "the week needs 2 digits (01-53)"),
    ("R/2010-w01-1/P1D", 7, "the week designator must be an upper-case 'W'"),
    # S7: years 0001-9999
    ("R/0000-01-01T00:00:00Z/P1D", 2, "year 0000 is out of range 0001-9999"),
    ("R/00000101/P1D", 2, "year 0000 is out of range 0001-9999"),
    ("R/10000-01-01T00:00:00Z/P1D", 2, "the year 10000 is out of range 0001-9999"),
    (
        "R/0001-01-01T00:00:00+01:00/P1D",
        2,
        "0001-01-01T00:00:00 is outside the years 0001-9999 in UTC or in +01:00",
    ),
    (
        "R/9999-12-31T23:00:00-05:00/P1D",
        2,
        "9999-12-31T23:00:00 is outside the years 0001-9999 in UTC or in -05:00",
    ),
    ("R/-2012-01-01/P1D", 2, "years are written with 4 digits, 0001-9999, without a sign"),
    ("R/+2012-01-01/P1D", 2, "years are written with 4 digits, 0001-9999, without a sign"),
    # S1: fields with too few digits -> their first character
    ("R/212-01-01/P1D", 2, "the year needs 4 digits (0001-9999)"),
    ("R/2012-1-01/P1D", 7, "the month needs 2 digits (01-12)"),
    ("R/2012-01/P1D", 9, "the date needs a day: write YYYY-MM-DD"),
    (
        "R/2008-02-15T13:00:00+0\u0661:00/P1D",
        23,
        "non-ASCII digit '\u0661'; only the digits 0-9 are accepted",
    ),
    ("R/2012-01-1/P1D", 10, "the day needs 2 digits (01-31)"),
    ("R/2008-02-15T1:00/P1D", 13, "the hour needs 2 digits, found ':'"),
    ("R/2008-02-15T13:0/P1D", 16, "the minute needs 2 digits, found '/'"),
    ("R/2008-02-15T13:00:0Z/P1D", 19, "the second needs 2 digits, found 'Z'"),
    ("R/2008-02-15T/P1D", 13, "the hour needs 2 digits, found '/'"),
    ("R/T13:00Z/P1D", 2, "the start needs a date before its time"),
    # S8: 24:00, hours, minutes, leap seconds
    ("R/2008-02-15T25:00/P1D", 13, "hour 25 is out of range 00-23"),
    ("R/2008-02-15T24:30/P1D", 13, "hour 24 is out of range 00-23"),
    ("R/2008-02-15T13:60/P1D", 16, "minute 60 is out of range 00-59"),
    ("R/2008-02-15T13:00:61Z/P1D", 19, "second 61 is out of range 00-59"),
    ("R/2008-02-15T13:00:60Z/P1D", 19, "second 60 is a leap second; leap seconds are not supported"),
    ("R/2008-12-31T23:59:60Z/P1D", 19, "second 60 is a leap second; leap seconds are not supported"),
    ("R/20081231T235960Z/P1D", 15, "second 60 is a leap second; leap seconds are not supported"),
    # S8: a fraction only on the last component
    ("R/2008-02-15T13.5:00/P1D", 17, "a fraction is allowed only on the last component of the time"),
    ("R/2008-02-15T13:30.5:00/P1D", 20, "a fraction is allowed only on the last component of the time"),
    ("R/2008-02-15T13:00:00./P1D", 22, "expected a digit after the decimal separator"),
    ("R/2008-02-15T13:00:00,Z/P1D", 22, "expected a digit after the decimal separator"),
    # S9: at most 9 significant fractional digits: the error is at the 10th digit
    (
        "R/2008-02-15T13:00:00.0000000001Z/P1D",
        31,
        "the fraction is finer than a nanosecond; at most 9 digits are kept",
    ),
    (
        "R/2008-02-15T13:00:00.12345678912Z/P1D",
        31,
        "the fraction is finer than a nanosecond; at most 9 digits are kept",
    ),
    (
        "R/2008-02-15T13.0000000001/P1D",
        25,
        "the fraction is finer than a nanosecond; at most 9 digits are kept",
    ),
    # S8: basic and extended may not be mixed: the first character departing from the start's format
    (
        "R/2008-02-15T1300Z/P1D",
        15,
        "expected ':' between the time fields: the date is in extended format (with '-'), "
        "so the time must be too",
    ),
    (
        "R/2008-02-15T13:0000/P1D",
        18,
        "expected ':' between the time fields: the date is in extended format (with '-'), "
        "so the time must be too",
    ),
    (
        "R/20080215T13:00Z/P1D",
        13,
        "unexpected ':': the date is in basic format (no '-'), so the time must be too",
    ),
    (
        "R/20080215T1300:00Z/P1D",
        15,
        "unexpected ':': the date is in basic format (no '-'), so the time must be too",
    ),
    (
        "R/2008-02-15T13:00:00+0100/P1D",
        24,
        "expected ':' in the offset: the date-time is in extended format, so it is ±hh:mm",
    ),
    (
        "R/20080215T130000+01:00/P1D",
        20,
        "unexpected ':': the date-time is in basic format, so the offset is ±hhmm",
    ),
    # S10: offsets Z, ±hh:mm, ±hhmm and ±hh
    ("R/2008-02-15T13:00:00+24:00/P1D", 21, "offset +24:00 is out of range -23:59 to +23:59"),
    ("R/2008-02-15T13:00:00-99:00/P1D", 21, "offset -99:00 is out of range -23:59 to +23:59"),
    ("R/2008-02-15T13:00:00+24/P1D", 21, "offset +24 is out of range -23:59 to +23:59"),
    ("R/2008-02-15T13:00:00+23:60/P1D", 25, "offset minute 60 is out of range 00-59"),
    ("R/2008-02-15T13:00:00+1/P1D", 22, "the offset hour needs 2 digits, found '/'"),
    ("R/2008-02-15T13:00:00+01:0/P1D", 25, "the offset minute needs 2 digits, found '/'"),
    ("R/2008-02-15T13:00:00\u221201:00/P1D", 21, "the offset sign must be an ASCII '-' or '+'"),
    ("R/2008-02-15Z/P1D", 12, "an offset needs a time of day before it"),
    (
        "R/2008-02-15T13:00:00+01:00:60/P1D",
        21,
        "offset +01:00:60 has seconds; an offset is ±hh:mm, ±hhmm or ±hh",
    ),
    ("R/20080215T130000+0100:00/P1D", 22, "unexpected ':' after the start; expected '/' and a period"),
    # S2, S4: ASCII digits, no whitespace, nothing else after the start
    ("R/2008-0\u0662-15/P1D", 8, "non-ASCII digit '\u0662'; only the digits 0-9 are accepted"),
    ("R/2008-02-15T1\u0663:00/P1D", 14, "non-ASCII digit '\u0663'; only the digits 0-9 are accepted"),
    ("R/2008-02-15 13:00:00Z/P1D", 12, "unexpected whitespace after the start; expected '/' and a period"),
    ("R/2008-02-15T13:00:00 Z/P1D", 21, "unexpected whitespace after the start; expected '/' and a period"),
    ("R/2008-02-15T13:00:00Zjunk/P1D", 22, "unexpected 'j' after the start; expected '/' and a period"),
    ("R/2008-02-15T13:00:00Z", 22, "the schedule ends after the start; expected '/' and a period"),
]


# -- tests -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "canonical"), ACCEPTED_STARTS)
def test_s7_accepted_starts(text: str, canonical: str) -> None:
    assert str(isorepeat.parse(text)) == canonical


@pytest.mark.parametrize(("text", "column", "message"), REJECTED_STARTS)
def test_s7_rejected_starts(text: str, column: int, message: str) -> None:
    with pytest.raises(ScheduleError) as info:
        isorepeat.parse(text)
    err = info.value
    assert (err.text, err.column, err.message) == (text, column, message)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("R/2008-02-15/P1D", datetime(2008, 2, 15, tzinfo=UTC)),
        ("R/2008-046/P1D", datetime(2008, 2, 15, tzinfo=UTC)),
        ("R/2008-W07-5/P1D", datetime(2008, 2, 15, tzinfo=UTC)),
        ("R/20080215/P1D", datetime(2008, 2, 15, tzinfo=UTC)),
    ],
)
def test_s7_date_forms_agree(text: str, expected: datetime) -> None:
    assert isorepeat.parse(text).start == expected


def test_s7_invalid_calendar_date() -> None:
    with pytest.raises(ScheduleError) as info:
        isorepeat.parse("R/2013-02-29T00:00:00Z/P1D")
    assert info.value.column == 10


def test_s7_week_53_of_a_52_week_year() -> None:
    with pytest.raises(ScheduleError) as info:
        isorepeat.parse("R/2010-W53-1/P1D")
    assert info.value.column == 8


def test_s7_year_0000() -> None:
    with pytest.raises(ScheduleError) as info:
        isorepeat.parse("R/0000-01-01T00:00:00Z/P1D")
    assert "0001-9999" in info.value.message


def test_s8_date_alone_is_midnight() -> None:
    assert isorepeat.parse("R/2008-02-15/P1D").start == datetime(2008, 2, 15, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("R/2008-02-15T13.5/P1D", datetime(2008, 2, 15, 13, 30, tzinfo=UTC)),
        ("R/2008-02-15T13:30.5/P1D", datetime(2008, 2, 15, 13, 30, 30, tzinfo=UTC)),
        ("R/2008-02-15T13:30:30.25/P1D", datetime(2008, 2, 15, 13, 30, 30, 250_000, tzinfo=UTC)),
        ("R/2008-02-15T13,75/P1D", datetime(2008, 2, 15, 13, 45, tzinfo=UTC)),
    ],
)
def test_s8_fraction_on_last_component(text: str, expected: datetime) -> None:
    assert isorepeat.parse(text).start == expected


@pytest.mark.parametrize(
    ("text", "next_day"),
    [
        ("R/2008-02-15T24:00:00Z/P1D", "2008-02-16"),
        ("R/2008-02-15T24:00/P1D", "2008-02-16"),
        ("R/2008-02-15T24/P1D", "2008-02-16"),
        ("R/2008-12-31T24:00:00.000Z/P1D", "2009-01-01"),
        ("R/20080229T2400/P1D", "2008-03-01"),
    ],
)
def test_s8_hour_24_has_next_day_hint(text: str, next_day: str) -> None:
    with pytest.raises(ScheduleError) as info:
        isorepeat.parse(text)
    err = info.value
    assert err.column == text.index("T24") + 1
    assert err.message == "hour 24 is out of range 00-23"
    assert err.hint is not None
    assert err.hint.startswith("write T00:00 on the next day")
    assert next_day in err.hint


def test_s8_second_60() -> None:
    with pytest.raises(ScheduleError) as info:
        isorepeat.parse("R/2008-12-31T23:59:60Z/P1D")
    assert "leap seconds are not supported" in info.value.message


def test_s9_nanoseconds_round_trip_and_datetime_is_floored() -> None:
    s = isorepeat.parse("R/2008-02-15T13:30:15.123456789Z/PT1S")
    assert str(s) == "R/2008-02-15T13:30:15.123456789Z/PT1S"
    assert s.start == datetime(2008, 2, 15, 13, 30, 15, 123_456, tzinfo=UTC)


def test_s9_ten_digit_fraction_rejected_at_tenth_digit() -> None:
    text = "R/2008-02-15T13:00:00.1234567891Z/P1D"
    with pytest.raises(ScheduleError) as info:
        isorepeat.parse(text)
    assert info.value.column == text.index(".") + 10


@pytest.mark.parametrize(
    ("text", "offset"),
    [
        ("R/2008-02-15T13:00:00Z/P1D", timedelta(0)),
        ("R/2008-02-15T13:00:00z/P1D", timedelta(0)),
        ("R/2008-02-15T13:00:00-00:00/P1D", timedelta(0)),
        ("R/2008-02-15T13:00:00+01:00/P1D", timedelta(hours=1)),
        ("R/20080215T130000+0130/P1D", timedelta(hours=1, minutes=30)),
        ("R/2008-02-15T13:00:00-05/P1D", timedelta(hours=-5)),
        ("R/2008-02-15T13:00:00-23:59/P1D", -timedelta(hours=23, minutes=59)),
    ],
)
def test_s10_offsets(text: str, offset: timedelta) -> None:
    start = isorepeat.parse(text).start
    assert start is not None
    assert start.utcoffset() == offset
    assert start.replace(tzinfo=None) == datetime(2008, 2, 15, 13, 0)


def test_s10_minus_zero_is_utc() -> None:
    assert isorepeat.parse("R/2008-02-15T13:00:00-00:00/P1D") == isorepeat.parse("R/2008-02-15T13:00:00Z/P1D")


def test_s11_no_offset_is_utc() -> None:
    s = isorepeat.parse("R/2008-02-15T13:00:00/P1D")
    assert s.start == datetime(2008, 2, 15, 13, 0, tzinfo=UTC)
    assert s == isorepeat.parse("R/2008-02-15T13:00:00Z/P1D")


def test_s11_no_offset_with_tz_is_wall_time() -> None:
    start = isorepeat.parse("R/2008-02-15T13:00:00/P1D", tz="Europe/Berlin").start
    assert start == datetime(2008, 2, 15, 12, 0, tzinfo=UTC)
