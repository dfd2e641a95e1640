"""Chronos's zone resolution: ``forTimeZone(TimeZone.getTimeZone(id))`` on Joda-Time 2.9.6 (S34).

The expected values are written out from their sources, not computed by the module: Joda-Time's
own test of its alias table, the vectors, tz NEWS, and what ``java.util.TimeZone`` answered on
JDK 17.0.15 for every custom ID below. Offsets are compared with pytz as an independent oracle.
"""

from __future__ import annotations

import dataclasses
import json
import pickle
import re
from datetime import datetime, timedelta, timezone
from importlib import resources
from typing import Any, Final

import pytest
import pytz

from isorepeat import ScheduleError
from isorepeat.chronos.zones import (
    _BACKWARD_2016I,
    _JDK_DROPPED,
    _JODA_ALIASES,
    _OWN_ID,
    _REGIONAL_LINKS_2016I,
    _REJECTED,
    JodaZone,
    resolve_zone,
)
from isorepeat.notes import Note
from isorepeat.units import NS_PER_SECOND
from isorepeat.zones import UTC_ZONE
from tests.paths import CHRONOS_VECTORS

DATA: Final = CHRONOS_VECTORS
VECTORS: Final[list[dict[str, Any]]] = json.loads(DATA.read_text(encoding="utf-8"))
JANUARY: Final = datetime(2016, 1, 15, 12, tzinfo=timezone.utc)
JULY: Final = datetime(2016, 7, 15, 12, tzinfo=timezone.utc)
HOUR: Final = 3600


def _ns(moment: datetime) -> int:
    return int(moment.timestamp()) * NS_PER_SECOND


def _offsets(resolved: JodaZone) -> tuple[int, int]:
    """The zone's UTC offsets in seconds in mid-January and mid-July 2016."""
    return resolved.zone.offset_at(_ns(JANUARY)), resolved.zone.offset_at(_ns(JULY))


def _pytz_offsets(key: str) -> tuple[int, int]:
    zone = pytz.timezone(key)

    def seconds(moment: datetime) -> int:
        offset = moment.astimezone(zone).utcoffset()
        assert offset is not None
        return int(offset.total_seconds())

    return seconds(JANUARY), seconds(JULY)


def _rejection(name: str) -> ScheduleError:
    with pytest.raises(ScheduleError) as caught:
        resolve_zone(name)
    return caught.value


# -- the alias table (Joda-Time DateTimeZone.getConvertedId) ---------------------------------

# Joda-Time's own test of the table, TestDateTimeZone.testForID_String_old (2.9.x):
# TimeZone.getTimeZone(key) through forTimeZone must report this ID.
JODA_TEST_OLD_IDS: Final = {
    "GMT": "UTC", "WET": "WET", "CET": "CET", "MET": "CET", "ECT": "CET", "EET": "EET",
    "MIT": "Pacific/Apia", "HST": "Pacific/Honolulu", "AST": "America/Anchorage",
    "PST": "America/Los_Angeles", "MST": "America/Denver", "PNT": "America/Phoenix",
    "CST": "America/Chicago", "EST": "America/New_York", "IET": "America/Indiana/Indianapolis",
    "PRT": "America/Puerto_Rico", "CNT": "America/St_Johns", "AGT": "America/Argentina/Buenos_Aires",
    "BET": "America/Sao_Paulo", "ART": "Africa/Cairo", "CAT": "Africa/Harare",
    "EAT": "Africa/Addis_Ababa", "NET": "Asia/Yerevan", "PLT": "Asia/Karachi", "IST": "Asia/Kolkata",
    "BST": "Asia/Dhaka", "VST": "Asia/Ho_Chi_Minh", "CTT": "Asia/Shanghai", "JST": "Asia/Tokyo",
    "ACT": "Australia/Darwin", "AET": "Australia/Sydney", "SST": "Pacific/Guadalcanal",
    "NST": "Pacific/Auckland",
}  # fmt: skip

# The well-known ones by hand: (alias, ID, offset in January 2016, offset in July 2016).
WELL_KNOWN_ALIASES: Final = [
    ("PST", "America/Los_Angeles", -8 * HOUR, -7 * HOUR),
    ("EST", "America/New_York", -5 * HOUR, -4 * HOUR),
    ("MST", "America/Denver", -7 * HOUR, -6 * HOUR),
    ("HST", "Pacific/Honolulu", -10 * HOUR, -10 * HOUR),
    ("CST", "America/Chicago", -6 * HOUR, -5 * HOUR),
    ("IST", "Asia/Kolkata", 5 * HOUR + 1800, 5 * HOUR + 1800),
    ("BST", "Asia/Dhaka", 6 * HOUR, 6 * HOUR),
    ("JST", "Asia/Tokyo", 9 * HOUR, 9 * HOUR),
    ("AET", "Australia/Sydney", 11 * HOUR, 10 * HOUR),
    # MET and ECT become CET; EAT and CAT keep the regional link's own name (Joda revives it)
    ("MET", "CET", 1 * HOUR, 2 * HOUR),
    ("ECT", "CET", 1 * HOUR, 2 * HOUR),
    ("EAT", "Africa/Addis_Ababa", 3 * HOUR, 3 * HOUR),
    ("CAT", "Africa/Harare", 2 * HOUR, 2 * HOUR),
    ("GMT", "UTC", 0, 0),
]


def test_s34_alias_table_is_jodas() -> None:
    assert _JODA_ALIASES == JODA_TEST_OLD_IDS


@pytest.mark.parametrize(("alias", "target"), sorted(_JODA_ALIASES.items()))
def test_s34_alias_resolves_to_its_target(alias: str, target: str) -> None:
    resolved = resolve_zone(alias)
    assert resolved.id == JODA_TEST_OLD_IDS[alias]
    assert _offsets(resolved) == _pytz_offsets(target)
    if target in (alias, "UTC"):  # WET, CET, EET are themselves; GMT is UTC
        assert resolved.note is None
    else:
        assert resolved.note is not None
        assert resolved.note.code == "IR203"
        assert resolved.note.message.startswith(f"{alias} is {target} in Chronos: ")
        assert resolved.note.hint is not None
        assert resolved.note.hint.startswith(f"write {target} ")


@pytest.mark.parametrize(("alias", "joda_id", "january", "july"), WELL_KNOWN_ALIASES)
def test_s34_well_known_aliases(alias: str, joda_id: str, january: int, july: int) -> None:
    resolved = resolve_zone(alias)
    assert resolved.id == joda_id
    assert _offsets(resolved) == (january, july)
    assert _pytz_offsets(joda_id) == (january, july)


ALIAS_NOTES: Final = [
    (
        "PST",
        "PST is America/Los_Angeles in Chronos: -08:00 in January and -07:00 in July "
        "(daylight saving time), not a fixed -08:00",
        "write America/Los_Angeles to make Chronos's choice explicit",
    ),
    (
        "BST",
        "BST is Asia/Dhaka in Chronos: +06:00 all year, not British Summer Time",
        "write Asia/Dhaka to make Chronos's choice explicit; for British Summer Time write Europe/London",
    ),
    (
        "IST",
        "IST is Asia/Kolkata in Chronos: +05:30 all year, not Irish or Israel Standard Time",
        "write Asia/Kolkata to make Chronos's choice explicit; "
        "for Irish or Israel Standard Time write Europe/Dublin or Asia/Jerusalem",
    ),
    (
        "CST",
        "CST is America/Chicago in Chronos: -06:00 in January and -05:00 in July "
        "(daylight saving time), not a fixed -06:00 or China Standard Time",
        "write America/Chicago to make Chronos's choice explicit; "
        "for China Standard Time write Asia/Shanghai",
    ),
    (
        "HST",
        "HST is Pacific/Honolulu in Chronos: -10:00 all year",
        "write Pacific/Honolulu to make Chronos's choice explicit",
    ),
    (
        "AET",
        "AET is Australia/Sydney in Chronos: +11:00 in January and +10:00 in July "
        "(daylight saving time), not a fixed +10:00",
        "write Australia/Sydney to make Chronos's choice explicit",
    ),
]


@pytest.mark.parametrize(("alias", "message", "hint"), ALIAS_NOTES)
def test_s34_ir203_alias_notes(alias: str, message: str, hint: str) -> None:
    assert resolve_zone(alias).note == Note("IR203", message, hint)


# -- the vectors -----------------------------------------------------------------------------

PARSE_WITH_ZONE: Final = [
    pytest.param(vector, id=f"{index}-{vector['timezone']}-{vector['input']['schedule']}")
    for index, vector in enumerate(VECTORS)
    if vector["input"]["op"] == "parse" and vector["timezone"] is not None
]
# The one vector where the zone itself makes Chronos reject the schedule (the others that give
# None fail on the schedule text or on a gap in the JVM zone).
REJECTED_IN_VECTORS: Final = {"America/Ciudad_Juarez"}
# Names the vectors resolve to UTC although they are not names of UTC: the JDK does not know them.
UNKNOWN_IN_VECTORS: Final = {"Z", "Foo/Bar", "america/los_angeles", "UTC+05:30", "+05:00", "PDT", "CEST"}


def _start_text(vector: dict[str, Any]) -> str:
    return str(vector["input"]["schedule"]).split("/")[1]


def _offset_seconds(printed: str) -> int:
    """The offset at the end of a start Chronos printed: ``Z``, ``+06:00``."""
    if printed.endswith("Z"):
        return 0
    match = re.fullmatch(r".*([+-])(\d\d):(\d\d)", printed)
    assert match is not None, printed
    sign, hours, minutes = match.groups()
    seconds = int(hours) * HOUR + int(minutes) * 60
    return -seconds if sign == "-" else seconds


def test_s34_vectors_are_there() -> None:
    assert PARSE_WITH_ZONE, "no parse vectors with a timezone in tests/data"
    names = {vector["timezone"] for vector in VECTORS if vector["input"]["op"] == "parse"}
    assert names >= UNKNOWN_IN_VECTORS | REJECTED_IN_VECTORS


@pytest.mark.parametrize("vector", PARSE_WITH_ZONE)
def test_s34_vector_zone(vector: dict[str, Any]) -> None:
    name, expected = vector["timezone"], vector["expected"]
    if expected is None and name in REJECTED_IN_VECTORS:
        assert _rejection(name).message.startswith(f"Chronos cannot use zone {name!r}: ")
        return
    resolved = resolve_zone(name)
    if expected is None or not _start_text(vector):
        # Rejected for another reason, or an empty start: "now" in UTC, the zone is not applied.
        return
    assert resolved.id == expected["start_zone"]
    start_utc = datetime.fromisoformat(expected["start_utc"].replace("Z", "+00:00"))
    assert resolved.zone.offset_at(_ns(start_utc)) == _offset_seconds(expected["start"])
    if name in UNKNOWN_IN_VECTORS:
        assert resolved.note is not None
        assert resolved.note.code == "IR204"
    elif name not in _JODA_ALIASES:
        assert resolved.note is None


@pytest.mark.parametrize(
    "vector",
    [vector for vector in VECTORS if vector["input"]["op"] != "parse" and vector["timezone"] is not None],
)
def test_s34_zones_of_other_vectors_resolve(vector: dict[str, Any]) -> None:
    resolve_zone(vector["timezone"])


# -- links: 'backward' is canonicalised, regional links and 2016i zones keep their name -------

LINKS: Final = [
    ("US/Pacific", "America/Los_Angeles"),
    ("US/Eastern", "America/New_York"),
    ("Asia/Calcutta", "Asia/Kolkata"),
    ("Asia/Saigon", "Asia/Ho_Chi_Minh"),
    ("Asia/Rangoon", "Asia/Yangon"),  # renamed in 2016g, before 2016i
    ("America/Montreal", "America/Toronto"),
    ("Europe/Belfast", "Europe/London"),
    ("Africa/Asmera", "Africa/Nairobi"),
    ("Atlantic/Jan_Mayen", "Europe/Oslo"),
    ("Antarctica/South_Pole", "Pacific/Auckland"),
    ("Navajo", "America/Denver"),
    ("Japan", "Asia/Tokyo"),
    # UTC and GMT under other names
    ("UCT", "Etc/UCT"),  # Etc/UCT was a zone of its own until 2019a
    ("Universal", "Etc/UTC"),
    ("Zulu", "Etc/UTC"),
    ("Etc/Universal", "Etc/UTC"),
    ("GMT0", "Etc/GMT"),
    ("Greenwich", "Etc/GMT"),
    ("Etc/GMT0", "Etc/GMT"),
    ("Etc/GMT+0", "Etc/GMT"),
    ("Etc/Greenwich", "Etc/GMT"),
]

OWN_NAMES: Final = [
    # 2016i zones, some of them links in later tzdata (Joda 2.9.6 still has them as zones)
    "America/Los_Angeles", "Europe/Paris", "Asia/Famagusta", "Asia/Yangon", "Etc/UTC", "Etc/UCT",
    "Etc/GMT", "Etc/GMT+5", "Etc/GMT-14", "CET", "EET", "WET", "EST5EDT", "CST6CDT", "MST7MDT",
    "PST8PDT", "Europe/Amsterdam", "Europe/Kiev", "America/Godthab", "Pacific/Enderbury",
    "Australia/Currie", "Europe/Uzhgorod", "America/Nipigon", "Asia/Choibalsan",
    # links outside 'backward', revived by ZoneInfoCompiler under their own name
    "Africa/Addis_Ababa", "Africa/Juba", "Europe/Vatican", "Arctic/Longyearbyen", "Asia/Istanbul",
    "Europe/Nicosia", "Pacific/Johnston", "America/St_Thomas", "Atlantic/St_Helena",
]  # fmt: skip


@pytest.mark.parametrize(("name", "joda_id"), LINKS)
def test_s34_backward_links_are_canonicalised(name: str, joda_id: str) -> None:
    resolved = resolve_zone(name)
    assert (resolved.id, resolved.note) == (joda_id, None)
    assert _offsets(resolved) == _pytz_offsets(joda_id)


@pytest.mark.parametrize("name", OWN_NAMES)
def test_s34_zones_and_regional_links_keep_their_name(name: str) -> None:
    resolved = resolve_zone(name)
    assert (resolved.id, resolved.note) == (name, None)
    assert _offsets(resolved) == _pytz_offsets(name)


def test_s34_posix_sign_of_etc_gmt() -> None:
    assert _offsets(resolve_zone("Etc/GMT+5")) == (-5 * HOUR, -5 * HOUR)
    assert _offsets(resolve_zone("Etc/GMT-14")) == (14 * HOUR, 14 * HOUR)


def test_s34_utc_names() -> None:
    for name in ("UTC", "GMT", "GMT+0", "GMT-0", "GMT+00:00", "GMT-00:00"):
        assert resolve_zone(name) == JodaZone(UTC_ZONE, "UTC", None), name
    assert resolve_zone("Etc/UTC").id == "Etc/UTC"


def test_s34_table_sizes_of_tzdata_2016i() -> None:
    # 382 Zone lines (Factory is not compiled), 82 regional links, 118 'backward' links + 8
    # that ZoneInfoCompiler treats the same way.
    assert (len(_OWN_ID - frozenset(_REGIONAL_LINKS_2016I)), len(_REGIONAL_LINKS_2016I)) == (382, 82)
    assert len(_BACKWARD_2016I) == 126
    assert not _OWN_ID & frozenset(_BACKWARD_2016I)
    assert set(_BACKWARD_2016I.values()) <= _OWN_ID  # no link to a link in 2016i


def test_s34_every_accepted_name_has_an_offset() -> None:
    accepted = (_OWN_ID | frozenset(_BACKWARD_2016I)) - _JDK_DROPPED
    for name in sorted(accepted):
        resolved = resolve_zone(name)
        key = "UTC" if resolved.id == "UTC" else resolved.id
        assert _offsets(resolved) == _pytz_offsets(key), name


def test_s34_installed_tzdata_names_all_have_a_decision() -> None:
    # A name a newer tzdata adds must go into _REJECTED (a current JDK knows it, Joda 2.9.6 not).
    pytest.importorskip("tzdata", reason="the tzdata package lists every name its release knows")
    names = resources.files("tzdata").joinpath("zones").read_text(encoding="utf-8").split()
    undecided = [
        name
        for name in names
        if name not in _OWN_ID
        and name not in _BACKWARD_2016I
        and name not in _REJECTED
        and name not in _JDK_DROPPED
        and name != "Factory"  # tzdata's 'factory' file: neither Joda nor the JDK has it
    ]
    assert undecided == []


# -- the JDK's custom IDs: "GMT" sign hours [[:]minutes] -------------------------------------

# (name, Joda ID, offset in seconds); each JDK ID checked with TimeZone.getTimeZone on JDK 17.
CUSTOM_IDS: Final = [
    ("GMT+5", "+05:00", 5 * HOUR),
    ("GMT+05", "+05:00", 5 * HOUR),
    ("GMT+5:30", "+05:30", 5 * HOUR + 1800),
    ("GMT+05:30", "+05:30", 5 * HOUR + 1800),
    ("GMT+0530", "+05:30", 5 * HOUR + 1800),
    ("GMT+530", "+05:30", 5 * HOUR + 1800),  # three digits: h then mm
    ("GMT-0800", "-08:00", -8 * HOUR),
    ("GMT-8", "-08:00", -8 * HOUR),
    ("GMT+23", "+23:00", 23 * HOUR),
    ("GMT+23:59", "+23:59", 23 * HOUR + 59 * 60),
    ("GMT-23:59", "-23:59", -(23 * HOUR + 59 * 60)),
    ("GMT+5:07", "+05:07", 5 * HOUR + 7 * 60),
    ("GMT+:30", "+00:30", 1800),  # the JDK takes an empty hour
    ("GMT+005", "+00:05", 300),
    ("GMT+00130", "+01:30", 5400),  # any number of digits: hours * 100 + minutes
    ("GMT+4294967301", "+00:05", 300),  # ... in Java int arithmetic, which wraps
    ("GMT+2147483648", "-00:19", -19 * 60),
]
ZERO_CUSTOM_IDS: Final = ["GMT+0", "GMT-0", "GMT+00", "GMT+00:00", "GMT-00:00", "GMT+0000000", "GMT-:00"]
# Names the JDK does not take as custom IDs (it answers GMT): Chronos silently uses UTC.
NOT_CUSTOM_IDS: Final = [
    "GMT+24:00", "GMT+24", "GMT+5:7", "GMT+05:7", "GMT+123:00", "GMT+", "GMT+5:", "GMT+12345",
    "GMT+1:60", "GMT+0160", "GMT+05:30:00", "GMT+05:60", "GMT+99", "gmt+5", "GMT 5", "GMT+5 ",
    " GMT+5", "GMT+-5", "GMT++5", "GMT5", "GMT+\u0665", "UTC+05:30", "+05:00",
]  # fmt: skip


@pytest.mark.parametrize(("name", "joda_id", "offset"), CUSTOM_IDS)
def test_s34_custom_gmt_ids_are_fixed_offsets(name: str, joda_id: str, offset: int) -> None:
    resolved = resolve_zone(name)
    assert (resolved.id, resolved.note) == (joda_id, None)
    assert resolved.zone.fixed_offset == offset


@pytest.mark.parametrize("name", ZERO_CUSTOM_IDS)
def test_s34_zero_custom_ids_are_utc(name: str) -> None:
    assert resolve_zone(name) == JodaZone(UTC_ZONE, "UTC", None)


@pytest.mark.parametrize("name", NOT_CUSTOM_IDS)
def test_s34_invalid_custom_ids_are_utc(name: str) -> None:
    resolved = resolve_zone(name)
    assert (resolved.id, resolved.zone) == ("UTC", UTC_ZONE)
    assert resolved.note is not None
    assert resolved.note.code == "IR204"


def test_s34_custom_id_joda_cannot_read() -> None:
    # The JDK wraps 2724573685 into an hour past 23 and prints it as "GMT+=4:30".
    error = _rejection("GMT+2724573685")
    assert error.message == (
        "Chronos cannot use zone 'GMT+2724573685': the JDK reads it as GMT+=4:30, which Joda-Time rejects"
    )
    assert error.hint == "write an offset from GMT-23:59 to GMT+23:59"


# -- unknown names (IR204) -------------------------------------------------------------------

UNKNOWN_HINTS: Final = [
    ("PDT", "PDT is not a zone name (PDT is Pacific Daylight Time); did you mean America/Los_Angeles?"),
    ("CEST", "CEST is not a zone name (CEST is Central European Summer Time); did you mean Europe/Berlin?"),
    ("pst", "pst is not a zone name (PST is Pacific Standard Time); did you mean America/Los_Angeles?"),
    ("Z", "write UTC"),
    ("UTC+05:30", "for a fixed offset write GMT+05:30"),
    ("+05:00", "for a fixed offset write GMT+05:00"),
    ("gmt+5", "for a fixed offset write GMT+05:00"),
    ("GMT+5:7", "for a fixed offset write GMT+05:07"),
    ("UTC-8", "for a fixed offset write GMT-08:00"),
    ("UTC+0", "write UTC"),
    ("GMT+24:00", "a fixed offset is written GMT-23:59 to GMT+23:59"),
    ("america/los_angeles", "zone names are case-sensitive: did you mean America/Los_Angeles?"),
    ("AMERICA/LOS_ANGELES", "zone names are case-sensitive: did you mean America/Los_Angeles?"),
    ("etc/utc", "zone names are case-sensitive: did you mean Etc/UTC?"),
    ("utc", "zone names are case-sensitive: did you mean UTC?"),
    ("Europe/Londn", "did you mean Europe/London?"),  # suggest_zones: clearly the one
    ("los angeles", "did you mean America/Los_Angeles?"),
    (" UTC", "remove the spaces: 'UTC' is a zone Chronos knows"),
    ("Europe/Berlin\n", "remove the spaces: 'Europe/Berlin' is a zone Chronos knows"),
    ("ROC", "the JDK no longer knows ROC (Joda-Time links it to Asia/Taipei); write Asia/Taipei"),
    (
        "Canada/East-Saskatchewan",
        "the JDK no longer knows Canada/East-Saskatchewan (Joda-Time links it to America/Regina); "
        "write America/Regina",
    ),
    (
        "US/Pacific-New",
        "the JDK no longer knows US/Pacific-New (Joda-Time links it to America/Los_Angeles); "
        "write America/Los_Angeles",
    ),
]


@pytest.mark.parametrize(("name", "hint"), UNKNOWN_HINTS)
def test_s34_ir204_unknown_names_are_utc(name: str, hint: str) -> None:
    resolved = resolve_zone(name)
    assert (resolved.id, resolved.zone) == ("UTC", UTC_ZONE)
    assert resolved.note == Note("IR204", f"unknown zone {name!r}: Chronos silently uses UTC", hint)


@pytest.mark.parametrize("name", ["Foo/Bar", "", "Mars/Olympus_Mons", "Factory", "localtime"])
def test_s34_ir204_without_a_good_guess(name: str) -> None:
    resolved = resolve_zone(name)
    assert resolved.id == "UTC"
    assert resolved.note is not None
    assert resolved.note.code == "IR204"
    assert resolved.note.message == f"unknown zone {name!r}: Chronos silently uses UTC"


def test_s34_suggestions_are_names_chronos_accepts() -> None:
    # Europe/Kyiv is closer to "europe/kyiv" than Europe/Kiev, but Chronos rejects it.
    note = resolve_zone("europe/kyiv").note
    assert note is not None
    assert note.hint is not None
    assert "Europe/Kyiv" not in note.hint
    assert "Europe/Kiev" in note.hint


# -- names a current JDK knows and Joda-Time 2.9.6 does not: rejected ------------------------

REJECTIONS: Final = [
    (
        "America/Ciudad_Juarez",
        "added in tzdata 2022g, split from America/Ojinaga",
        "write America/Denver: Ciudad Juarez has kept US Mountain time since 2022-11-30",
    ),
    (
        "Europe/Kyiv",
        "renamed from Europe/Kiev in tzdata 2022b",
        "write Europe/Kiev, its name in tzdata 2016i",
    ),
    (
        "America/Nuuk",
        "renamed from America/Godthab in tzdata 2020a",
        "write America/Godthab, its name in tzdata 2016i",
    ),
    (
        "Pacific/Kanton",
        "renamed from Pacific/Enderbury in tzdata 2021b",
        "write Pacific/Enderbury, its name in tzdata 2016i",
    ),
    ("SystemV/EST5", "a System V name only the JDK knows", "write Etc/GMT+5"),
]
# tz NEWS: every name added after 2016i (Asia/Famagusta came in 2016i itself, so it is known).
ADDED_AFTER_2016I: Final = {
    "Europe/Saratov": "2016j", "Asia/Atyrau": "2016j", "America/Punta_Arenas": "2017a",
    "Asia/Qostanay": "2018h", "America/Nuuk": "2020a", "Pacific/Kanton": "2021b",
    "Europe/Kyiv": "2022b", "America/Ciudad_Juarez": "2022g", "America/Coyhaique": "2025b",
}  # fmt: skip


@pytest.mark.parametrize(("name", "origin", "hint"), REJECTIONS)
def test_s34_rejected_names(name: str, origin: str, hint: str) -> None:
    error = _rejection(name)
    assert error.message == (
        f"Chronos cannot use zone {name!r}: its Joda-Time 2.9.6 (tzdata 2016i) does not know it ({origin})"
    )
    assert (error.text, error.column, error.hint) == (name, 0, hint)


def test_s34_every_name_added_after_2016i_is_rejected() -> None:
    rejected = {name for name in _REJECTED if not name.startswith("SystemV/")}
    assert rejected == set(ADDED_AFTER_2016I)
    for name, version in ADDED_AFTER_2016I.items():
        assert f"tzdata {version}" in _rejection(name).message


@pytest.mark.parametrize("name", sorted(_REJECTED))
def test_s34_rejection_hints_name_a_zone_chronos_accepts(name: str) -> None:
    hint = _rejection(name).hint
    assert hint is not None
    match = re.match(r"write ([^\s,:]+)", hint)
    assert match is not None, hint
    instead = resolve_zone(match[1])
    assert instead.note is None or instead.note.code == "IR203", hint


def test_s34_rejection_points_at_the_callers_text() -> None:
    text = '{"scheduleTimeZone": "Europe/Kyiv"}'
    with pytest.raises(ScheduleError) as caught:
        resolve_zone("Europe/Kyiv", text, 22)
    assert (caught.value.text, caught.value.column) == (text, 22)


# -- the value -------------------------------------------------------------------------------


def test_s34_results_are_cached() -> None:
    assert resolve_zone("PST") is resolve_zone("PST")


def test_immutable() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        resolve_zone("PST").id = "UTC"  # type: ignore[misc]  # NOTE: the assignment must fail


def test_hash_matches_eq() -> None:
    a, b = resolve_zone("US/Pacific"), resolve_zone("America/Los_Angeles")
    assert a == b
    assert hash(a) == hash(b)
    assert resolve_zone("PST") != a  # same zone, but PST carries a note


def test_pickle_roundtrip() -> None:
    for name in ("PST", "GMT+5:30", "Foo/Bar", "UTC"):
        resolved = resolve_zone(name)
        assert pickle.loads(pickle.dumps(resolved)) == resolved


def test_fixed_offsets_are_timedelta_exact() -> None:
    resolved = resolve_zone("GMT-0330")
    assert resolved.zone.tzinfo.utcoffset(None) == -timedelta(hours=3, minutes=30)
