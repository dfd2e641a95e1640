"""describe(): a schedule in plain language (the wording rules are in isorepeat/describe.py)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from isorepeat import describe, parse

DESCRIPTIONS: list[tuple[str, dict[str, Any], str]] = [
    # (schedule, parse keywords, description)
    # the example: the last run on the start's day shows the time only
    (
        "R10/2012-10-01T05:52:00Z/PT2S",
        {},
        "every 2 seconds, 10 times, from 1 Oct 2012 05:52:00 UTC, last run 05:52:18 UTC",
    ),
    # a last run on another day shows its date
    (
        "R3/2012-10-01T23:59:59Z/PT1S",
        {},
        "every second, 3 times, from 1 Oct 2012 23:59:59 UTC, last run 2 Oct 2012 00:00:01 UTC",
    ),
    # one unit of 1 drops the number
    ("R/2026-01-31T09:00:00Z/P1D", {}, "every day, for ever, from 31 Jan 2026 09:00:00 UTC"),
    ("R/2026-01-31T09:00:00Z/P1W", {}, "every week, for ever, from 31 Jan 2026 09:00:00 UTC"),
    ("R/2026-01-31T09:00:00Z/P1Y", {}, "every year, for ever, from 31 Jan 2026 09:00:00 UTC"),
    ("R/2026-01-31T09:00:00Z/PT1H", {}, "every hour, for ever, from 31 Jan 2026 09:00:00 UTC"),
    ("R/2026-01-31T09:00:00Z/PT1M", {}, "every minute, for ever, from 31 Jan 2026 09:00:00 UTC"),
    # several units: spaces, and "and" before the last
    (
        "R/2026-01-31T09:00:00Z/P1M2D",
        {},
        "every 1 month and 2 days, for ever, from 31 Jan 2026 09:00:00 UTC",
    ),
    (
        "R/2026-01-31T09:00:00Z/PT1H30M",
        {},
        "every 1 hour and 30 minutes, for ever, from 31 Jan 2026 09:00:00 UTC",
    ),
    (
        "R/2026-01-31T09:00:00Z/P0001-02-03T04:05:06",
        {},
        "every 1 year 2 months 3 days 4 hours 5 minutes and 6 seconds, for ever, "
        "from 31 Jan 2026 09:00:00 UTC",
    ),
    ("R/2026-01-31T09:00:00Z/P2W", {}, "every 2 weeks, for ever, from 31 Jan 2026 09:00:00 UTC"),
    # fractions, as written in the canonical form
    (
        "R3/2026-01-31T09:00:00Z/PT1.5S",
        {},
        "every 1.5 seconds, 3 times, from 31 Jan 2026 09:00:00 UTC, last run 09:00:03 UTC",
    ),
    (
        "R3/2026-01-31T09:00:00Z/PT0,25H",
        {},
        "every 0.25 hours, 3 times, from 31 Jan 2026 09:00:00 UTC, last run 09:30:00 UTC",
    ),
    (
        "R2/2026-01-31T09:00:00.5Z/PT0.000001S",
        {},
        "every 0.000001 seconds, 2 times, from 31 Jan 2026 09:00:00.5 UTC, last run 09:00:00.500001 UTC",
    ),
    # the period of <start>/<end> is the elapsed time between them (S16)
    (
        "R2/2008-05-11T15:30:00Z/2008-05-12T16:00:00Z",
        {},
        "every 24 hours and 30 minutes, 2 times, from 11 May 2008 15:30:00 UTC, "
        "last run 12 May 2008 16:00:00 UTC",
    ),
    # R<n>/<period>/<end> (S17) starts n periods before the end
    (
        "R5/P1D/2008-05-11T15:30:00Z",
        {},
        "every day, 5 times, from 6 May 2008 15:30:00 UTC, last run 10 May 2008 15:30:00 UTC",
    ),
    # counts
    ("R0/2026-01-31T09:00:00Z/P1D", {}, "never runs (R0)"),
    ("R0//P1D", {}, "never runs (R0)"),
    ("R1/2026-01-31T09:00:00Z/PT0S", {}, "once, at 31 Jan 2026 09:00:00 UTC"),
    (
        "R1000000/2026-01-31T09:00:00Z/PT1S",
        {},
        "every second, 1,000,000 times, from 31 Jan 2026 09:00:00 UTC, last run 11 Feb 2026 22:46:39 UTC",
    ),
    # the year 9999 ends a long series early (S40)
    (
        "R100/9999-12-31T23:59:50Z/PT1S",
        {},
        "every second, 100 times (10 before the end of the year 9999), from 31 Dec 9999 23:59:50 UTC, "
        "last run 23:59:59 UTC",
    ),
    # empty starts (S6) and the BPMN cycle (S18)
    ("R//PT10M", {}, "every 10 minutes, for ever, from when it is put into effect"),
    ("R5//P1D", {}, "every day, 5 times, from when it is put into effect"),
    ("R1//P1D", {}, "once, when it is put into effect"),
    ("R/PT10M", {}, "every 10 minutes, for ever, from 10 minutes after it is put into effect"),
    ("R1/P1DT12H", {}, "once, 1 day and 12 hours after it is put into effect"),
    # zones: a named zone with its offset at that moment, a fixed offset, UTC under any name
    (
        "R5/2026-01-31T09:00:00/P1M",
        {"tz": "Europe/Berlin"},
        "every month, 5 times, from 31 Jan 2026 09:00:00 Europe/Berlin (UTC+01:00), "
        "last run 31 May 2026 09:00:00 Europe/Berlin (UTC+02:00)",
    ),
    (
        "R3/2026-01-31T09:00:00+05:30/PT12H",
        {},
        "every 12 hours, 3 times, from 31 Jan 2026 09:00:00 UTC+05:30, "
        "last run 1 Feb 2026 09:00:00 UTC+05:30",
    ),
    (
        "R2/2026-01-31T09:00:00/PT1H",
        {"tz": "-03:00"},
        "every hour, 2 times, from 31 Jan 2026 09:00:00 UTC-03:00, last run 10:00:00 UTC-03:00",
    ),
    ("R/2026-01-31T09:00:00/PT1H", {"tz": "Etc/UTC"}, "every hour, for ever, from 31 Jan 2026 09:00:00 UTC"),
    (
        "R/2026-01-31T09:00:00/PT1H",
        {"tz": "Europe/London"},
        "every hour, for ever, from 31 Jan 2026 09:00:00 Europe/London (UTC+00:00)",
    ),
    (
        "R/2026-01-31T09:00:00/PT1H",
        {"tz": "Etc/GMT+5"},
        "every hour, for ever, from 31 Jan 2026 09:00:00 Etc/GMT+5 (UTC-05:00)",
    ),
    (
        "R/2014-11-02T01:30:00-08:00[America/Los_Angeles]/PT1H",
        {},
        "every hour, for ever, from 2 Nov 2014 01:30:00 America/Los_Angeles (UTC-08:00)",
    ),
    # a historical offset with seconds (Amsterdam mean time)
    (
        "R/1900-01-01T00:00:00/P1D",
        {"tz": "Europe/Amsterdam"},
        "every day, for ever, from 1 Jan 1900 00:00:00 Europe/Amsterdam (UTC+00:19:32)",
    ),
    # the chronos dialect: as Chronos runs it (chained, S35)
    (
        "R5/2012-01-31T00:00:00Z/P1M",
        {"dialect": "chronos"},
        "every month, 5 times, from 31 Jan 2012 00:00:00 UTC, last run 29 May 2012 00:00:00 UTC",
    ),
    (
        "R5/2012-01-31T00:00:00Z/P1M",
        {},
        "every month, 5 times, from 31 Jan 2012 00:00:00 UTC, last run 31 May 2012 00:00:00 UTC",
    ),
    (
        "R3/2012-10-01T05:52:00Z/PT1.5S",
        {"dialect": "chronos", "tz": "BST"},
        "every 1.5 seconds, 3 times, from 1 Oct 2012 05:52:00 Asia/Dhaka (UTC+06:00), "
        "last run 05:52:03 Asia/Dhaka (UTC+06:00)",
    ),
    (
        "R/2012-10-01T05:52:00Z/PT2S",
        {"dialect": "chronos", "tz": "Europe/Berln"},
        "every 2 seconds, for ever, from 1 Oct 2012 05:52:00 UTC",
    ),
    (
        "R2/2012-10-01T05:52:00/P1D",
        {"dialect": "chronos", "jvm_zone": "America/New_York"},
        "every day, 2 times, from 1 Oct 2012 05:52:00 America/New_York (UTC-04:00), "
        "last run 2 Oct 2012 05:52:00 UTC-04:00",
    ),
    # Chronos accepts periods that do not move forward (IR207)
    (
        "R3/2012-10-01T05:52:00Z/PT0S",
        {"dialect": "chronos"},
        "with the period PT0S, which does not move forward, 3 times, from 1 Oct 2012 05:52:00 UTC, "
        "last run 05:52:00 UTC",
    ),
    (
        "R3/2012-10-01T05:52:00Z/PT-2S",
        {"dialect": "chronos"},
        "with the period PT-2S, which does not move forward, 3 times, from 1 Oct 2012 05:52:00 UTC, "
        "last run 05:51:56 UTC",
    ),
    (
        "R/2012-10-01T05:52:00Z/PT0S",
        {"dialect": "chronos"},
        "with the period PT0S, which does not move forward, for ever, from 1 Oct 2012 05:52:00 UTC",
    ),
    # a long chained calendar series is not walked: no last run rather than one Chronos misses
    (
        "R20000/2012-01-31T00:00:00Z/P1M",
        {"dialect": "chronos"},
        "every month, 20,000 times, from 31 Jan 2012 00:00:00 UTC",
    ),
    # ... but a long fixed one is: chained and anchored agree on it
    (
        "R20000/2012-01-31T00:00:00Z/PT1M",
        {"dialect": "chronos"},
        "every minute, 20,000 times, from 31 Jan 2012 00:00:00 UTC, last run 13 Feb 2012 21:19:00 UTC",
    ),
]


@pytest.mark.parametrize(("text", "options", "expected"), DESCRIPTIONS)
def test_describe(text: str, options: dict[str, Any], expected: str) -> None:
    assert describe(parse(text, **options)) == expected


def test_describe_a_resolved_empty_start() -> None:
    now = datetime(2026, 11, 23, 12, 0, tzinfo=timezone(timedelta(hours=1)))
    schedule = parse("R3//PT10M").resolve(now)
    assert describe(schedule) == (
        "every 10 minutes, 3 times, from 23 Nov 2026 12:00:00 UTC+01:00, last run 12:20:00 UTC+01:00"
    )


def test_s24_raise_leaves_out_a_last_run_in_a_gap() -> None:
    # 2014-03-09T02:30 does not exist in Los Angeles: the third run cannot be named.
    schedule = parse("R3/2014-03-07T02:30:00/P1D", tz="America/Los_Angeles", disambiguate="raise")
    assert describe(schedule) == (
        "every day, 3 times, from 7 Mar 2014 02:30:00 America/Los_Angeles (UTC-08:00)"
    )


@pytest.mark.parametrize("module", ["pytz", "dateutil.tz"])
def test_describe_names_pytz_and_dateutil_zones(module: str) -> None:
    if module == "pytz":
        import pytz

        tz: Any = pytz.timezone("America/New_York")
    else:
        from dateutil import tz as dateutil_tz

        tz = dateutil_tz.gettz("America/New_York")
    schedule = parse("R2/2026-07-01T00:00:00/PT1.5H", tz=tz)
    assert describe(schedule) == (
        "every 1.5 hours, 2 times, from 1 Jul 2026 00:00:00 America/New_York (UTC-04:00), "
        "last run 01:30:00 America/New_York (UTC-04:00)"
    )


def test_describe_is_exported() -> None:
    import isorepeat

    assert "describe" in isorepeat.__all__
    assert isorepeat.describe is describe
