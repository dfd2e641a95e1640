"""Time zones: the tz argument, zone suffixes, gaps and overlaps, names (SEMANTICS S3, S10, S22-S26).

pytz and dateutil are inputs and oracles only; every expected instant below is written out.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

import pytest
import pytz
from dateutil import tz as dateutil_tz
from hypothesis import given
from hypothesis import strategies as st

import isorepeat
from isorepeat import Disambiguate, ScheduleError
from isorepeat.zones import suggest_zones

UTC = timezone.utc
LA = "America/Los_Angeles"
BERLIN = "Europe/Berlin"
POLICIES: list[Disambiguate] = ["compatible", "earlier", "later", "raise"]


def _utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


def _in_utc(moment: datetime | None) -> datetime:
    """The instant in UTC: aware datetimes in a fold never compare equal across zones (PEP 495)."""
    assert moment is not None
    return moment.astimezone(UTC)


def _spellings(name: str) -> list[tuple[str, str | tzinfo]]:
    """One zone as every kind of tz argument S22 accepts: name, ZoneInfo, pytz, dateutil."""
    gettz = dateutil_tz.gettz(name)
    assert gettz is not None
    return [
        (f"str:{name}", name),
        (f"zoneinfo:{name}", ZoneInfo(name)),
        (f"pytz:{name}", pytz.timezone(name)),
        (f"dateutil:{name}", gettz),
    ]


# -- tables ----------------------------------------------------------------------------------

# Each row: a schedule, its canonical text with the zone, its start instant in UTC.
ZONED_STARTS = {
    LA: [
        (
            "R/2012-01-31T09:00:00/P1M",
            "R/2012-01-31T09:00:00-08:00[America/Los_Angeles]/P1M",
            _utc(2012, 1, 31, 17),
        ),
        (
            "R/2012-07-31T09:00:00/P1M",
            "R/2012-07-31T09:00:00-07:00[America/Los_Angeles]/P1M",
            _utc(2012, 7, 31, 16),
        ),
        # S24: a gap is left as written in the text, the instant moves forward by the gap
        (
            "R/2014-03-09T02:30:00/P1D",
            "R/2014-03-09T02:30:00[America/Los_Angeles]/P1D",
            _utc(2014, 3, 9, 10, 30),
        ),
        # S25: an overlap takes the earlier pass (-07:00)
        (
            "R/2014-11-02T01:30:00/P1D",
            "R/2014-11-02T01:30:00-07:00[America/Los_Angeles]/P1D",
            _utc(2014, 11, 2, 8, 30),
        ),
        # the hour after each transition
        (
            "R/2014-03-09T03:00:00/P1D",
            "R/2014-03-09T03:00:00-07:00[America/Los_Angeles]/P1D",
            _utc(2014, 3, 9, 10),
        ),
        (
            "R/2014-11-02T02:00:00/P1D",
            "R/2014-11-02T02:00:00-08:00[America/Los_Angeles]/P1D",
            _utc(2014, 11, 2, 10),
        ),
    ],
    BERLIN: [
        ("R/2012-01-31T09:00:00/P1M", "R/2012-01-31T09:00:00+01:00[Europe/Berlin]/P1M", _utc(2012, 1, 31, 8)),
        ("R/2012-07-31T09:00:00/P1M", "R/2012-07-31T09:00:00+02:00[Europe/Berlin]/P1M", _utc(2012, 7, 31, 7)),
        ("R/2014-03-30T02:30:00/P1D", "R/2014-03-30T02:30:00[Europe/Berlin]/P1D", _utc(2014, 3, 30, 1, 30)),
        (
            "R/2014-10-26T02:30:00/P1D",
            "R/2014-10-26T02:30:00+02:00[Europe/Berlin]/P1D",
            _utc(2014, 10, 26, 0, 30),
        ),
    ],
}

ZONED_CASES = [
    (label, tz, text, canonical, instant)
    for name, rows in ZONED_STARTS.items()
    for label, tz in _spellings(name)
    for text, canonical, instant in rows
]

# Each row: a label, the tz argument, the canonical text of "R/2012-01-31T09:00:00/P1M" with it.
FIXED_ZONES = [
    # S20: UTC under any spelling is no zone with a Z start
    ("str:UTC", "UTC", "R/2012-01-31T09:00:00Z/P1M"),
    ("str:Etc/UTC", "Etc/UTC", "R/2012-01-31T09:00:00Z/P1M"),
    ("zoneinfo:UTC", ZoneInfo("UTC"), "R/2012-01-31T09:00:00Z/P1M"),
    ("zoneinfo:Etc/UTC", ZoneInfo("Etc/UTC"), "R/2012-01-31T09:00:00Z/P1M"),
    ("timezone.utc", UTC, "R/2012-01-31T09:00:00Z/P1M"),
    ("pytz.utc", pytz.utc, "R/2012-01-31T09:00:00Z/P1M"),
    ("pytz:UTC", pytz.timezone("UTC"), "R/2012-01-31T09:00:00Z/P1M"),
    ("dateutil.tzutc", dateutil_tz.tzutc(), "R/2012-01-31T09:00:00Z/P1M"),
    ("dateutil.gettz:UTC", dateutil_tz.gettz("UTC"), "R/2012-01-31T09:00:00Z/P1M"),
    ("str:+00:00", "+00:00", "R/2012-01-31T09:00:00Z/P1M"),
    # S22: fixed offsets
    ("str:+05:30", "+05:30", "R/2012-01-31T09:00:00+05:30/P1M"),
    ("str:+0530", "+0530", "R/2012-01-31T09:00:00+05:30/P1M"),
    ("timezone:+05:30", timezone(timedelta(hours=5, minutes=30)), "R/2012-01-31T09:00:00+05:30/P1M"),
    ("pytz.FixedOffset:+05:30", pytz.FixedOffset(330), "R/2012-01-31T09:00:00+05:30/P1M"),
    ("dateutil.tzoffset:+05:30", dateutil_tz.tzoffset(None, 19_800), "R/2012-01-31T09:00:00+05:30/P1M"),
    ("str:-08", "-08", "R/2012-01-31T09:00:00-08:00/P1M"),
    ("timezone:-08:00", timezone(timedelta(hours=-8)), "R/2012-01-31T09:00:00-08:00/P1M"),
    ("pytz.FixedOffset:-08:00", pytz.FixedOffset(-480), "R/2012-01-31T09:00:00-08:00/P1M"),
    ("dateutil.tzoffset:-08:00", dateutil_tz.tzoffset(None, -28_800), "R/2012-01-31T09:00:00-08:00/P1M"),
    ("dateutil.tzoffset:+01:00", dateutil_tz.tzoffset(None, 3600), "R/2012-01-31T09:00:00+01:00/P1M"),
    ("dateutil.tzoffset named", dateutil_tz.tzoffset("CET", 3600), "R/2012-01-31T09:00:00+01:00/P1M"),
]

# S23: with tz, the start's wall-clock fields are kept and its own offset is discarded.
# Each row: a schedule, the tz argument, the canonical text, the start instant in UTC.
REZONED = [
    (
        "R/2008-03-01T13:00:00-04:00/P1D",
        LA,
        "R/2008-03-01T13:00:00-08:00[America/Los_Angeles]/P1D",
        _utc(2008, 3, 1, 21),
    ),
    (
        "R/2008-03-01T13:00:00-04:00/P1D",
        ZoneInfo(LA),
        "R/2008-03-01T13:00:00-08:00[America/Los_Angeles]/P1D",
        _utc(2008, 3, 1, 21),
    ),
    (
        "R/2008-03-01T13:00:00-04:00/P1D",
        pytz.timezone(LA),
        "R/2008-03-01T13:00:00-08:00[America/Los_Angeles]/P1D",
        _utc(2008, 3, 1, 21),
    ),
    (
        "R/2008-03-01T13:00:00-04:00/P1D",
        dateutil_tz.gettz(LA),
        "R/2008-03-01T13:00:00-08:00[America/Los_Angeles]/P1D",
        _utc(2008, 3, 1, 21),
    ),
    (
        "R/2008-03-01T13:00:00Z/P1D",
        LA,
        "R/2008-03-01T13:00:00-08:00[America/Los_Angeles]/P1D",
        _utc(2008, 3, 1, 21),
    ),
    (
        "R/20080301T1300-0400/P1D",
        LA,
        "R/2008-03-01T13:00:00-08:00[America/Los_Angeles]/P1D",
        _utc(2008, 3, 1, 21),
    ),
    ("R/2008-03-01T13:00:00+05:00/P1D", "+01:00", "R/2008-03-01T13:00:00+01:00/P1D", _utc(2008, 3, 1, 12)),
    ("R/2008-03-01T13:00:00-04:00/P1D", "UTC", "R/2008-03-01T13:00:00Z/P1D", _utc(2008, 3, 1, 13)),
    ("R/2008-03-01T13:00:00-04:00/P1D", UTC, "R/2008-03-01T13:00:00Z/P1D", _utc(2008, 3, 1, 13)),
    (
        "R/2008-07-01T13:00:00Z/P1D",
        BERLIN,
        "R/2008-07-01T13:00:00+02:00[Europe/Berlin]/P1D",
        _utc(2008, 7, 1, 11),
    ),
]

# S10: RFC 9557 zone suffixes. Each row: schedule, tz argument, canonical text, start in UTC.
SUFFIXES = [
    (
        "R/2022-05-20T08:09:40+02:00[Europe/Berlin]/P1D",
        None,
        "R/2022-05-20T08:09:40+02:00[Europe/Berlin]/P1D",
        _utc(2022, 5, 20, 6, 9, 40),
    ),
    (
        "R/2022-05-20T08:09:40+02:00[Europe/Berlin]/P1D",
        BERLIN,
        "R/2022-05-20T08:09:40+02:00[Europe/Berlin]/P1D",
        _utc(2022, 5, 20, 6, 9, 40),
    ),
    (
        "R/2022-05-20T08:09:40+02:00[Europe/Berlin]/P1D",
        ZoneInfo(BERLIN),
        "R/2022-05-20T08:09:40+02:00[Europe/Berlin]/P1D",
        _utc(2022, 5, 20, 6, 9, 40),
    ),
    (
        "R/2022-05-20T08:09:40+02:00[!Europe/Berlin]/P1D",
        None,
        "R/2022-05-20T08:09:40+02:00[Europe/Berlin]/P1D",
        _utc(2022, 5, 20, 6, 9, 40),
    ),
    (
        "R/2022-05-20T08:09:40+02[Europe/Berlin]/P1D",
        None,
        "R/2022-05-20T08:09:40+02:00[Europe/Berlin]/P1D",
        _utc(2022, 5, 20, 6, 9, 40),
    ),
    (
        "R/20220520T080940+0200[Europe/Berlin]/P1D",
        None,
        "R/2022-05-20T08:09:40+02:00[Europe/Berlin]/P1D",
        _utc(2022, 5, 20, 6, 9, 40),
    ),
    # Z[zone]: the instant is given in UTC and shown in the zone (java.time)
    (
        "R/2022-03-26T11:00:00Z[Europe/Berlin]/P1D",
        None,
        "R/2022-03-26T12:00:00+01:00[Europe/Berlin]/P1D",
        _utc(2022, 3, 26, 11),
    ),
    (
        "R/2022-05-20T06:09:40z[Europe/Berlin]/P1D",
        None,
        "R/2022-05-20T08:09:40+02:00[Europe/Berlin]/P1D",
        _utc(2022, 5, 20, 6, 9, 40),
    ),
    (
        "R/2022-05-20T06:09:40-00:00[Europe/Berlin]/P1D",
        None,
        "R/2022-05-20T08:09:40+02:00[Europe/Berlin]/P1D",
        _utc(2022, 5, 20, 6, 9, 40),
    ),
    # a suffix without an offset: the wall time in that zone (Temporal)
    (
        "R/2022-05-20T08:09:40[Europe/Berlin]/P1D",
        None,
        "R/2022-05-20T08:09:40+02:00[Europe/Berlin]/P1D",
        _utc(2022, 5, 20, 6, 9, 40),
    ),
    (
        "R/2014-03-09T02:30:00[America/Los_Angeles]/P1D",
        None,
        "R/2014-03-09T02:30:00[America/Los_Angeles]/P1D",
        _utc(2014, 3, 9, 10, 30),
    ),
    (
        "R/2022-05-20T08:09:40[Europe/Berlin]/P1D",
        BERLIN,
        "R/2022-05-20T08:09:40+02:00[Europe/Berlin]/P1D",
        _utc(2022, 5, 20, 6, 9, 40),
    ),
    # S25: in an overlap the offset chooses the pass
    (
        "R/2014-11-02T01:30:00-08:00[America/Los_Angeles]/P1D",
        None,
        "R/2014-11-02T01:30:00-08:00[America/Los_Angeles]/P1D",
        _utc(2014, 11, 2, 9, 30),
    ),
    (
        "R/2014-11-02T01:30:00-07:00[America/Los_Angeles]/P1D",
        None,
        "R/2014-11-02T01:30:00-07:00[America/Los_Angeles]/P1D",
        _utc(2014, 11, 2, 8, 30),
    ),
    # UTC and fixed-offset suffixes
    ("R/2022-05-20T08:09:40Z[UTC]/P1D", None, "R/2022-05-20T08:09:40Z/P1D", _utc(2022, 5, 20, 8, 9, 40)),
    (
        "R/2022-05-20T08:09:40+00:00[Etc/UTC]/P1D",
        None,
        "R/2022-05-20T08:09:40Z/P1D",
        _utc(2022, 5, 20, 8, 9, 40),
    ),
    ("R/2022-05-20T08:09:40[UTC]/P1D", None, "R/2022-05-20T08:09:40Z/P1D", _utc(2022, 5, 20, 8, 9, 40)),
    (
        "R/2022-05-20T08:09:40+05:30[+05:30]/P1D",
        None,
        "R/2022-05-20T08:09:40+05:30/P1D",
        _utc(2022, 5, 20, 2, 39, 40),
    ),
    # S26: EST is a fixed -05:00
    (
        "R/2012-07-01T09:00:00-05:00[EST]/P1D",
        None,
        "R/2012-07-01T09:00:00-05:00[EST]/P1D",
        _utc(2012, 7, 1, 14),
    ),
]

# Each row: schedule, tz argument, column, message.
REJECTED_SUFFIXES = [
    # S10: the offset must be one the zone has at that wall time; the error is at the offset
    (
        "R/2022-05-20T08:09:40+01:00[Europe/Berlin]/P1D",
        None,
        21,
        "offset +01:00 is not one Europe/Berlin has at 2022-05-20T08:09:40",
    ),
    (
        "R/20220520T080940+0100[Europe/Berlin]/P1D",
        None,
        17,
        "offset +0100 is not one Europe/Berlin has at 2022-05-20T08:09:40",
    ),
    (
        "R/2022-05-20T08:09:40+00:00[Europe/Berlin]/P1D",
        None,
        21,
        "offset +00:00 is not one Europe/Berlin has at 2022-05-20T08:09:40",
    ),
    (
        "R/2014-03-09T02:30:00-08:00[America/Los_Angeles]/P1D",
        None,
        21,
        "2014-03-09T02:30:00 does not exist in America/Los_Angeles: the clocks skip from -08:00 to -07:00",
    ),
    (
        "R/2014-03-09T02:30:00-07:00[America/Los_Angeles]/P1D",
        None,
        21,
        "2014-03-09T02:30:00 does not exist in America/Los_Angeles: the clocks skip from -08:00 to -07:00",
    ),
    (
        "R/2014-11-02T01:30:00-06:00[America/Los_Angeles]/P1D",
        None,
        21,
        "offset -06:00 is not one America/Los_Angeles has at 2014-11-02T01:30:00",
    ),
    (
        "R/2022-05-20T08:09:40+02:00[UTC]/P1D",
        None,
        21,
        "offset +02:00 is not one UTC has at 2022-05-20T08:09:40",
    ),
    (
        "R/2012-07-01T09:00:00-04:00[EST]/P1D",
        None,
        21,
        "offset -04:00 is not one EST has at 2012-07-01T09:00:00",
    ),
    # S10: a tz argument naming a different zone
    (
        "R/2022-05-20T08:09:40+02:00[Europe/Berlin]/P1D",
        "Europe/Paris",
        28,
        "the zone suffix [Europe/Berlin] differs from the tz argument 'Europe/Paris'",
    ),
    (
        "R/2022-05-20T08:09:40+02:00[Europe/Berlin]/P1D",
        ZoneInfo("Europe/Paris"),
        28,
        "the zone suffix [Europe/Berlin] differs from the tz argument 'Europe/Paris'",
    ),
    (
        "R/2022-05-20T08:09:40[Europe/Berlin]/P1D",
        "UTC",
        22,
        "the zone suffix [Europe/Berlin] differs from the tz argument 'UTC'",
    ),
    # S3, S26: unknown names in a suffix, at the name
    ("R/2022-05-20T08:09:40+02:00[Europe/Berln]/P1D", None, 28, "unknown time zone 'Europe/Berln'"),
    ("R/2012-01-01T00:00:00[america/los_angeles]/P1D", None, 22, "unknown time zone 'america/los_angeles'"),
    (
        "R/2012-01-01T00:00:00[PST]/P1D",
        None,
        22,
        "unknown time zone 'PST': abbreviations are not zones (PST is Pacific Standard Time)",
    ),
    # suffix syntax
    (
        "R/2022-05-20T08:09:40+02:00[]/P1D",
        None,
        28,
        "the zone suffix is empty; write a zone name such as [Europe/Berlin]",
    ),
    ("R/2022-05-20T08:09:40+02:00[Europe/Berlin/P1D", None, 45, "the zone suffix needs a closing ']'"),
    (
        "R/2022-05-20T08:09:40+02:00[Europe/Berlin][Europe/Berlin]/P1D",
        None,
        42,
        "only one zone suffix is accepted",
    ),
    (
        "R/2022-05-20T08:09:40+02:00[u-ca=iso8601]/P1D",
        None,
        27,
        "only a time zone annotation such as [Europe/Berlin] is accepted",
    ),
    ("R/2022-05-20T08:09:40+02:00[Europe Berlin]/P1D", None, 34, "unexpected whitespace in the zone name"),
]

# S24: a wall time in a gap, under each policy. Each row: zone, schedule, policy, start in UTC.
GAP_TEXT = "R/2014-03-09T02:30:00/P1D"
GAPS = [
    (LA, GAP_TEXT, "compatible", _utc(2014, 3, 9, 10, 30)),  # 03:30-07:00
    (LA, GAP_TEXT, "later", _utc(2014, 3, 9, 10, 30)),  # 03:30-07:00
    (LA, GAP_TEXT, "earlier", _utc(2014, 3, 9, 9, 30)),  # 01:30-08:00
    # a literal offset does not settle a gap (S23 discards it): the policy does
    (LA, "R/2014-03-09T02:30:00-08:00/P1D", "compatible", _utc(2014, 3, 9, 10, 30)),
    (LA, "R/2014-03-09T02:30:00-07:00/P1D", "earlier", _utc(2014, 3, 9, 9, 30)),
    # Berlin: 02:00 -> 03:00 on 2014-03-30
    (BERLIN, "R/2014-03-30T02:30:00/P1D", "compatible", _utc(2014, 3, 30, 1, 30)),  # 03:30+02:00
    (BERLIN, "R/2014-03-30T02:30:00/P1D", "later", _utc(2014, 3, 30, 1, 30)),
    (BERLIN, "R/2014-03-30T02:30:00/P1D", "earlier", _utc(2014, 3, 30, 0, 30)),  # 01:30+01:00
    (BERLIN, "R/2014-03-30T02:00:00/P1D", "compatible", _utc(2014, 3, 30, 1)),  # 03:00+02:00
]

# S25: a wall time in an overlap. Each row: zone, schedule, policy, start in UTC.
OVERLAP_TEXT = "R/2014-11-02T01:30:00/P1D"
OVERLAPS = [
    (LA, OVERLAP_TEXT, "compatible", _utc(2014, 11, 2, 8, 30)),  # -07:00, the first pass
    (LA, OVERLAP_TEXT, "earlier", _utc(2014, 11, 2, 8, 30)),
    (LA, OVERLAP_TEXT, "later", _utc(2014, 11, 2, 9, 30)),  # -08:00
    # a literal offset that is one of the two picks its side under every policy
    *[(LA, "R/2014-11-02T01:30:00-08:00/P1D", policy, _utc(2014, 11, 2, 9, 30)) for policy in POLICIES],
    *[(LA, "R/2014-11-02T01:30:00-07:00/P1D", policy, _utc(2014, 11, 2, 8, 30)) for policy in POLICIES],
    (LA, "R/20141102T013000-0800/P1D", "compatible", _utc(2014, 11, 2, 9, 30)),
    # an offset that is neither: discarded (S23), the policy decides
    (LA, "R/2014-11-02T01:30:00+05:00/P1D", "compatible", _utc(2014, 11, 2, 8, 30)),
    (LA, "R/2014-11-02T01:30:00Z/P1D", "later", _utc(2014, 11, 2, 9, 30)),
    # Berlin: 03:00 -> 02:00 on 2014-10-26
    (BERLIN, "R/2014-10-26T02:30:00/P1D", "compatible", _utc(2014, 10, 26, 0, 30)),  # +02:00
    (BERLIN, "R/2014-10-26T02:30:00/P1D", "later", _utc(2014, 10, 26, 1, 30)),  # +01:00
    (BERLIN, "R/2014-10-26T02:30:00+01:00/P1D", "earlier", _utc(2014, 10, 26, 1, 30)),
]

# S24 "raise": each row: zone, schedule, column, message.
RAISED = [
    (
        LA,
        GAP_TEXT,
        2,
        "2014-03-09T02:30:00 does not exist in America/Los_Angeles: the clocks skip from -08:00 to -07:00",
    ),
    (
        LA,
        "R/2014-03-09T02:30:00-08:00/P1D",
        2,
        "2014-03-09T02:30:00 does not exist in America/Los_Angeles: the clocks skip from -08:00 to -07:00",
    ),
    (
        LA,
        OVERLAP_TEXT,
        2,
        "2014-11-02T01:30:00 is ambiguous in America/Los_Angeles: it happens at -07:00 and again at -08:00",
    ),
    (
        LA,
        "R/2014-11-02T01:30:00+05:00/P1D",
        2,
        "2014-11-02T01:30:00 is ambiguous in America/Los_Angeles: it happens at -07:00 and again at -08:00",
    ),
    (
        BERLIN,
        "R5/2014-03-30T02:30:00/P1D",
        3,
        "2014-03-30T02:30:00 does not exist in Europe/Berlin: the clocks skip from +01:00 to +02:00",
    ),
    (
        BERLIN,
        "R5/2014-10-26T02:30:00/P1D",
        3,
        "2014-10-26T02:30:00 is ambiguous in Europe/Berlin: it happens at +02:00 and again at +01:00",
    ),
]

# S3, S26: unknown zone names given as tz. Each row: the name, the message, the start of the hint.
UNKNOWN_ZONES = [
    ("america/los_angeles", "unknown time zone 'america/los_angeles'", "did you mean America/Los_Angeles?"),
    ("europe/berlin", "unknown time zone 'europe/berlin'", "did you mean Europe/Berlin?"),
    ("AMERICA/NEW_YORK", "unknown time zone 'AMERICA/NEW_YORK'", "did you mean America/New_York?"),
    ("America/Los_Angles", "unknown time zone 'America/Los_Angles'", "did you mean America/Los_Angeles"),
    ("Europe/Berln", "unknown time zone 'Europe/Berln'", "did you mean Europe/Berlin"),
    ("Los Angeles", "unknown time zone 'Los Angeles'", "did you mean America/Los_Angeles"),
    ("PST", "unknown time zone 'PST': abbreviations are not zones (PST is Pacific Standard Time)", None),
    ("Mars/Olympus_Mons", "unknown time zone 'Mars/Olympus_Mons'", None),
]


# -- S22: every kind of tz argument ------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "tz", "text", "canonical", "instant"),
    ZONED_CASES,
    ids=[f"{row[0]}:{row[2]}" for row in ZONED_CASES],
)
def test_s22_zone_objects_agree(
    label: str, tz: str | tzinfo, text: str, canonical: str, instant: datetime
) -> None:
    s = isorepeat.parse(text, tz=tz)
    assert _in_utc(s.start) == instant
    assert str(s) == canonical
    reference = isorepeat.parse(text, tz=ZoneInfo(label.split(":", 1)[1]))
    assert s == reference
    assert hash(s) == hash(reference)


@pytest.mark.parametrize(
    ("label", "tz", "text", "canonical", "instant"),
    ZONED_CASES,
    ids=[f"{row[0]}:{row[2]}" for row in ZONED_CASES],
)
def test_s22_start_offset_matches_oracle(
    label: str, tz: str | tzinfo, text: str, canonical: str, instant: datetime
) -> None:
    start = isorepeat.parse(text, tz=tz).start
    assert start is not None
    # pytz as the oracle of the offset in force at that instant
    expected = instant.astimezone(pytz.timezone(label.split(":", 1)[1]))
    assert start.utcoffset() == expected.utcoffset()
    assert start.replace(tzinfo=None) == expected.replace(tzinfo=None)


@pytest.mark.parametrize(("label", "tz", "canonical"), FIXED_ZONES, ids=[row[0] for row in FIXED_ZONES])
def test_s22_fixed_and_utc_zones(label: str, tz: str | tzinfo, canonical: str) -> None:
    s = isorepeat.parse("R/2012-01-31T09:00:00/P1M", tz=tz)
    assert str(s) == canonical
    assert s == isorepeat.parse(canonical)
    start = s.start
    assert start is not None
    assert start.replace(tzinfo=None) == datetime(2012, 1, 31, 9)


def test_s22_start_carries_the_given_tzinfo() -> None:
    zone = ZoneInfo(BERLIN)
    start = isorepeat.parse("R/2012-01-31T09:00:00/P1M", tz=zone).start
    assert start is not None
    assert start.tzinfo is zone


@pytest.mark.parametrize("tz", ["+24:00", "+05:60", "05:30", "+5"])
def test_s22_bad_offset_strings(tz: str) -> None:
    with pytest.raises(ScheduleError):
        isorepeat.parse("R/2012-01-31T09:00:00/P1M", tz=tz)


# -- S23: re-zoning -----------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "tz", "canonical", "instant"), REZONED)
def test_s23_wall_clock_kept_offset_discarded(
    text: str, tz: str | tzinfo, canonical: str, instant: datetime
) -> None:
    s = isorepeat.parse(text, tz=tz)
    assert _in_utc(s.start) == instant
    assert str(s) == canonical


def test_s23_example() -> None:
    start = isorepeat.parse("R/2008-03-01T13:00:00-04:00/P1D", tz=LA).start
    assert start == datetime(2008, 3, 1, 13, 0, tzinfo=timezone(timedelta(hours=-8)))
    assert start is not None
    assert start.utcoffset() == timedelta(hours=-8)


# -- S10: zone suffixes ---------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "tz", "canonical", "instant"), SUFFIXES)
def test_s10_zone_suffix(text: str, tz: str | tzinfo | None, canonical: str, instant: datetime) -> None:
    s = isorepeat.parse(text, tz=tz)
    assert _in_utc(s.start) == instant
    assert str(s) == canonical
    assert isorepeat.parse(canonical) == s


@pytest.mark.parametrize(("text", "tz", "column", "message"), REJECTED_SUFFIXES)
def test_s10_zone_suffix_rejected(text: str, tz: str | tzinfo | None, column: int, message: str) -> None:
    with pytest.raises(ScheduleError) as info:
        isorepeat.parse(text, tz=tz)
    err = info.value
    assert (err.text, err.column, err.message) == (text, column, message)


def test_s10_suffix_equals_tz_argument() -> None:
    suffix = isorepeat.parse("R/2014-03-09T02:30:00[America/Los_Angeles]/P1D")
    argument = isorepeat.parse("R/2014-03-09T02:30:00/P1D", tz=LA)
    assert suffix == argument
    assert str(suffix) == str(argument)


def test_s10_z_suffix_wall_time_is_in_the_zone() -> None:
    start = isorepeat.parse("R/2022-03-26T11:00:00Z[Europe/Berlin]/P1D").start
    assert start is not None
    assert start.replace(tzinfo=None) == datetime(2022, 3, 26, 12, 0)
    assert start.utcoffset() == timedelta(hours=1)


def test_s10_suffix_sets_tz() -> None:
    s = isorepeat.parse("R/2022-05-20T08:09:40+02:00[Europe/Berlin]/P1D")
    assert s.tz is not None
    assert getattr(s.tz, "key", None) == BERLIN


# -- S24, S25: gaps and overlaps ---------------------------------------------------------------


@pytest.mark.parametrize(("zone", "text", "policy", "instant"), GAPS)
def test_s24_gap(zone: str, text: str, policy: Disambiguate, instant: datetime) -> None:
    assert _in_utc(isorepeat.parse(text, tz=zone, disambiguate=policy).start) == instant


def test_s24_gap_moves_forward() -> None:
    start = isorepeat.parse(GAP_TEXT, tz=LA).start
    assert start is not None
    assert start.replace(tzinfo=None) == datetime(2014, 3, 9, 3, 30)
    assert start.utcoffset() == timedelta(hours=-7)


@pytest.mark.parametrize("policy", ["compatible", "later"])
@pytest.mark.parametrize("tz", [LA, ZoneInfo(LA), pytz.timezone(LA), dateutil_tz.gettz(LA)], ids=str)
def test_s24_gap_forward_with_every_zone_object(tz: str | tzinfo, policy: Disambiguate) -> None:
    start = isorepeat.parse(GAP_TEXT, tz=tz, disambiguate=policy).start
    assert _in_utc(start) == _utc(2014, 3, 9, 10, 30)


@pytest.mark.parametrize("tz", [LA, ZoneInfo(LA), pytz.timezone(LA), dateutil_tz.gettz(LA)], ids=str)
def test_s24_gap_earlier_with_every_zone_object(tz: str | tzinfo) -> None:
    start = isorepeat.parse(GAP_TEXT, tz=tz, disambiguate="earlier").start
    assert _in_utc(start) == _utc(2014, 3, 9, 9, 30)


@pytest.mark.parametrize("tz", [LA, ZoneInfo(LA), pytz.timezone(LA), dateutil_tz.gettz(LA)], ids=str)
def test_s24_gap_raise_with_every_zone_object(tz: str | tzinfo) -> None:
    with pytest.raises(ScheduleError) as info:
        isorepeat.parse(GAP_TEXT, tz=tz, disambiguate="raise")
    assert info.value.column == 2


@pytest.mark.parametrize(("zone", "text", "column", "message"), RAISED)
def test_s24_raise(zone: str, text: str, column: int, message: str) -> None:
    with pytest.raises(ScheduleError) as info:
        isorepeat.parse(text, tz=zone, disambiguate="raise")
    err = info.value
    assert (err.text, err.column, err.message) == (text, column, message)
    assert err.hint


@pytest.mark.parametrize("policy", POLICIES)
def test_s24_outside_gaps_every_policy_agrees(policy: Disambiguate) -> None:
    start = isorepeat.parse("R/2014-03-09T01:30:00/P1D", tz=LA, disambiguate=policy).start
    assert _in_utc(start) == _utc(2014, 3, 9, 9, 30)


@pytest.mark.parametrize(("zone", "text", "policy", "instant"), OVERLAPS)
def test_s25_overlap(zone: str, text: str, policy: Disambiguate, instant: datetime) -> None:
    assert _in_utc(isorepeat.parse(text, tz=zone, disambiguate=policy).start) == instant


def test_s25_overlap_earlier_by_default() -> None:
    start = isorepeat.parse(OVERLAP_TEXT, tz=LA).start
    assert start is not None
    assert start.replace(tzinfo=None) == datetime(2014, 11, 2, 1, 30)
    assert start.utcoffset() == timedelta(hours=-7)


@pytest.mark.parametrize("tz", [LA, ZoneInfo(LA), pytz.timezone(LA), dateutil_tz.gettz(LA)], ids=str)
def test_s25_overlap_with_every_zone_object(tz: str | tzinfo) -> None:
    assert _in_utc(isorepeat.parse(OVERLAP_TEXT, tz=tz).start) == _utc(2014, 11, 2, 8, 30)
    assert _in_utc(isorepeat.parse(OVERLAP_TEXT, tz=tz, disambiguate="later").start) == _utc(
        2014, 11, 2, 9, 30
    )
    literal = "R/2014-11-02T01:30:00-08:00/P1D"
    assert _in_utc(isorepeat.parse(literal, tz=tz, disambiguate="raise").start) == _utc(2014, 11, 2, 9, 30)


def test_s25_literal_offset_prints_its_side() -> None:
    s = isorepeat.parse("R/2014-11-02T01:30:00-08:00/P1D", tz=LA)
    assert str(s) == "R/2014-11-02T01:30:00-08:00[America/Los_Angeles]/P1D"


# -- S3, S26: names -----------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "message", "hint"), UNKNOWN_ZONES)
def test_s26_unknown_zone(name: str, message: str, hint: str | None) -> None:
    with pytest.raises(ScheduleError) as info:
        isorepeat.parse("R/2012-01-31T09:00:00/P1M", tz=name)
    err = info.value
    assert err.message == message
    if hint is not None:
        assert err.hint is not None
        assert err.hint.startswith(hint)


def test_s3_suggestion_for_case() -> None:
    with pytest.raises(ScheduleError) as info:
        isorepeat.parse("R/2012-01-31T09:00:00/P1M", tz="america/los_angeles")
    assert info.value.hint == "did you mean America/Los_Angeles?"


def test_s3_suggestion_in_suffix() -> None:
    with pytest.raises(ScheduleError) as info:
        isorepeat.parse("R/2012-01-01T00:00:00[america/los_angeles]/P1D")
    assert (info.value.column, info.value.hint) == (22, "did you mean America/Los_Angeles?")


@pytest.mark.parametrize(
    ("text", "instant"),
    [
        ("R/2012-01-15T09:00:00/P1D", _utc(2012, 1, 15, 14)),
        ("R/2012-07-15T09:00:00/P1D", _utc(2012, 7, 15, 14)),
    ],
)
def test_s26_est_is_fixed_minus_five(text: str, instant: datetime) -> None:
    start = isorepeat.parse(text, tz="EST").start
    assert _in_utc(start) == instant
    assert start is not None
    assert start.utcoffset() == timedelta(hours=-5)


def test_s26_pst_is_unknown() -> None:
    with pytest.raises(ScheduleError) as info:
        isorepeat.parse("R/2012-07-15T09:00:00/P1D", tz="PST")
    assert info.value.message.startswith("unknown time zone 'PST'")


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [
        ("Europe/Berln", ["Europe/Berlin"]),  # alone: it is clearly the one
        ("europe/berlin", ["Europe/Berlin"]),
        ("Amerika/Chicago", ["America/Chicago"]),
        ("los angeles", ["America/Los_Angeles"]),
        ("Europe/Bel", ["Europe/Berlin", "Europe/Belfast"]),  # two as near as each other
        ("Qqqqq/Zzzz", []),
    ],
)
def test_s3_zone_suggestions_rank_by_similarity(typed: str, suggested: list[str]) -> None:
    assert suggest_zones(typed) == suggested


# -- to_datetimes: a fixed step's datetimes in bulk, each as to_datetime gives it (issue 16) -----

_BULK_ZONES = ["Europe/Berlin", "Europe/Dublin", "Australia/Lord_Howe", "Pacific/Apia", "UTC", "+05:30"]


@given(
    st.sampled_from(_BULK_ZONES),
    st.integers(-2_000_000_000, 4_000_000_000),
    st.integers(1, 7_200_000_000),
    st.integers(1, 60),
)
def test_to_datetimes_is_to_datetime_of_each_step(name: str, first_s: int, step_us: int, count: int) -> None:
    from isorepeat.zones import resolve_tz

    zone = resolve_tz(name)
    assert zone is not None
    first = first_s * 1_000_000_000 + 123_456_789
    bulk = list(zone.to_datetimes(first, step_us, count))
    one_by_one = [zone.to_datetime(first + k * step_us * 1000) for k in range(count)]
    assert [(d, d.fold, d.utcoffset()) for d in bulk] == [(d, d.fold, d.utcoffset()) for d in one_by_one]
