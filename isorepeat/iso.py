"""The iso dialect: ISO 8601-1:2019 repeating intervals, strict and exact (S4-S33), registered.

The grammar is ``grammar.py``, the arithmetic ``calendar.py``; this module adds how an iso
schedule prints (S20), how its repr reads back, its chain step (S35), and the registration.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from isorepeat._types import Disambiguate, Nanos
from isorepeat.calendar import advance
from isorepeat.datetimes import format_offset, format_wall
from isorepeat.dialects import Dialect, dialect_summaries, register
from isorepeat.grammar import read_iso, read_iso_fast
from isorepeat.units import NS_PER_SECOND
from isorepeat.zones import Overlap, ZoneInfoZone, is_valid_offset, zone_from_name

if TYPE_CHECKING:
    from isorepeat.duration import Duration
    from isorepeat.schedule import End, Schedule
    from isorepeat.zones import Zone

__all__ = ["ISO", "format_iso"]


def format_iso(schedule: Schedule) -> str:
    """The canonical text (S20): ``R[n]/start/period`` with the start's offset and zone suffix."""
    repetitions = "R" if schedule.repetitions is None else f"R{schedule.repetitions}"
    form, zone, end = schedule.form, schedule.zone, schedule.end
    start, wall = schedule.start_ns, schedule.start_wall_ns
    if form == "cycle":
        return f"{repetitions}/{schedule.period}{_zone_suffix(zone)}"
    if form == "end":
        assert end is not None
        assert zone is not None
        return f"{repetitions}/{schedule.period}/{_format_moment(zone, end.instant, end.wall)}"
    if start is None or zone is None or wall is None:
        return f"{repetitions}//{schedule.period}{_zone_suffix(zone)}"
    start_text = _format_moment(zone, start, wall)
    if form == "interval":
        assert end is not None
        return f"{repetitions}/{start_text}/{_format_interval_end(zone, end)}"
    return f"{repetitions}/{start_text}/{schedule.period}"


def _format_moment(zone: Zone, instant: Nanos, wall: Nanos) -> str:
    """A start (or S17 end) in canonical form: offset, and the zone's key as a suffix (S20).

    The offset is written only when ``parse`` reads it back as this instant in the IANA zone of
    the key: whole minutes (S10) that the zone has at that wall time. Otherwise the wall time
    and the suffix say it, or the instant in UTC does where the wall time happens twice.
    """
    offset = zone.offset_at(instant)
    key = zone.key
    if key is None:
        if offset % 60:  # S10 writes no seconds: a nameless zone in local mean time, shown in UTC
            return format_wall(instant) + "Z"
        return format_wall(instant + offset * NS_PER_SECOND) + format_offset(offset)
    if wall != instant + offset * NS_PER_SECOND:
        # S20: a wall time in a gap prints as written, with no offset: S28 arithmetic starts there.
        return f"{format_wall(wall)}[{key}]"
    if not offset % 60 and (type(zone) is ZoneInfoZone or is_valid_offset(_iana(key), wall, offset)):
        return f"{format_wall(wall)}{format_offset(offset)}[{key}]"
    # Local mean time has seconds (Berlin +00:53:28 until 1893), which S10 does not write; pytz
    # rounds it to minutes (+00:53), an offset the IANA zone does not have. The suffix gives the
    # wall time's own offset, unless the wall time happens twice: then Z[Zone] gives the instant.
    if isinstance(_iana(key).resolve(wall), Overlap):
        return f"{format_wall(instant)}Z[{key}]"
    return f"{format_wall(wall)}[{key}]"


def _format_interval_end(zone: Zone, end: End) -> str:
    """The end of S16 in full, with its own offset; one S10 cannot write (seconds: local mean
    time) is left out, so the end is read in the start's zone, where it is that offset."""
    offset = (end.wall - end.instant) // NS_PER_SECOND
    if offset % 60:
        return format_wall(end.wall) if zone.key is not None else format_wall(end.instant) + "Z"
    return format_wall(end.wall) + format_offset(offset)


def _iana(key: str) -> Zone:
    """The zone ``parse`` reads for a suffix ``[key]``."""
    return zone_from_name(key, key, 0)


def _zone_suffix(zone: Zone | None) -> str:
    """The zone of a schedule without a start, as a suffix after its period (docs/grammar.rst):
    ``[Europe/Berlin]``, ``[+05:30]``, ``[UTC]``; empty without a zone, or for a zone the text
    cannot name (a tzinfo without an IANA key and with changing offsets)."""
    if zone is None:
        return ""
    if zone.key is not None:
        return f"[{zone.key}]"
    offset = zone.fixed_offset
    if offset is None or offset % 60:
        return ""
    # Not Z: without a zone, an empty start put into effect keeps now's offset; [UTC] does not.
    return "[UTC]" if offset == 0 else f"[{format_offset(offset)}]"


def _reparse(schedule: Schedule) -> tuple[str, dict[str, object]]:
    keywords: dict[str, object] = {}
    zone = schedule.zone
    if schedule.start_ns is None and zone is not None and schedule.form != "end" and not _zone_suffix(zone):
        keywords["tz"] = zone.key or zone.name  # a zone the text cannot carry
    if schedule.dialect != "iso":
        keywords["dialect"] = schedule.dialect
    if schedule.disambiguate != "compatible":
        keywords["disambiguate"] = schedule.disambiguate
    return format_iso(schedule), keywords


def iso_chain_step(
    zone: Zone, instant: Nanos, period: Duration, _schedule_zone: Zone | None, disambiguate: Disambiguate
) -> tuple[Nanos, Zone] | None:
    """S35 in the iso dialect: the text carries the offset and the zone, so reading it back gives
    the same instant; the next run is S28's ⊕ from that run's resolved wall time."""
    wall = instant + zone.offset_at(instant) * NS_PER_SECOND
    following = advance(zone, instant, wall, period, 1, disambiguate)
    return None if following is None else (following, zone)


ISO: Final = register(
    Dialect(
        name="iso",
        summary=dialect_summaries()["iso"],
        read=read_iso,
        read_fast=read_iso_fast,  # parse is the hot path: the common shape without a wrapper
        format=format_iso,
        reparse=_reparse,
        arithmetic=advance,
        chain_step=iso_chain_step,
        mode="anchored",
    )
)
