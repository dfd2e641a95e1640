"""What the schedulers' adapters share: reading a schedule for a scheduler, and its zone.

A scheduler has a zone of its own (APScheduler's ``timezone``, Celery's ``app.timezone``); it
applies only where the text leaves the zone open (:func:`leaves_zone_open`), so that a start
written ``09:00Z`` is not moved to 09:00 local time. An empty start stays empty here: each
adapter puts it into effect once, when its job is added, and keeps it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime, timezone, tzinfo
from typing import TYPE_CHECKING, Final

from isorepeat.dialects import Dialect, dialect_named, dialects_taking
from isorepeat.zones import resolve_tz

if TYPE_CHECKING:
    from isorepeat.dialects import Form
    from isorepeat.schedule import Schedule

__all__ = ["definition_of", "leaves_zone_open", "read_schedule", "writes_its_zone", "zone_argument"]

_OFFSET_CHARACTERS: Final = frozenset("Zz+-\u2212")
_TIME_DESIGNATOR: Final = re.compile("[Tt]")


def definition_of(
    schedule: object, *, dialect: object, disambiguate: object, options: Mapping[str, object]
) -> tuple[str, dict[str, object]]:
    """The text an adapter keeps and the keywords it reads it with: a text with the adapter's
    arguments, or a parsed Schedule's own (``reparse``), which then takes no others.

    :raises TypeError: for a Schedule given with a dialect or options, or anything else.
    """
    from isorepeat.schedule import Schedule

    if isinstance(schedule, Schedule):
        if dialect is not None or disambiguate is not None or options:
            msg = (
                "a Schedule carries its dialect and options: give them to isorepeat.parse, "
                "or give the schedule as text"
            )
            raise TypeError(msg)
        return schedule.dialect_spec.reparse(schedule)
    if isinstance(schedule, str):
        return schedule, dict(options, dialect=dialect, disambiguate=disambiguate)
    msg = f"schedule must be the schedule's text (str) or a Schedule, not {type(schedule).__name__}"
    raise TypeError(msg)


def read_schedule(text: str, keywords: Mapping[str, object], *, who: str, arguments: str) -> Schedule:
    """The schedule ``isorepeat.parse(text, **keywords)`` gives, its empty start left empty unless
    ``now`` is given. ``who`` names the adapter in messages, ``arguments`` what it takes.

    :raises ValueError: for a dialect the adapter does not run (a BPMN engine's), or an argument
        that neither the adapter nor its dialect takes.
    :raises TypeError: for a dialect, zone or ``now`` of the wrong type.
    """
    given = {name: value for name, value in keywords.items() if value is not None}
    dialect = given.pop("dialect", "iso")
    if not isinstance(dialect, str | Dialect):
        msg = f"dialect must be a dialect's name, not {type(dialect).__name__}"
        raise TypeError(msg)
    spec = dialect_named(dialect)
    if spec.timer_engine is not None:
        msg = (
            f"{who} does not run the {spec.name} dialect: a BPMN timer fires as "
            "isorepeat.bpmn.fires models its engine, not on the schedule's occurrences"
        )
        raise ValueError(msg)
    tz = given.pop("tz", None)
    disambiguate = given.pop("disambiguate", "compatible")
    now = given.pop("now", None)
    for name in given:
        if name not in spec.options:
            takes = ", ".join(spec.options) or "none"
            takers = dialects_taking(name)
            msg = (
                f"{name} is not an argument of {who}: it takes {arguments}, and the options of its "
                f"dialect ({spec.name}: {takes})"
            ) + (f"; {name} is an option of {', '.join(takers)}" if takers else "")
            raise ValueError(msg)
    if not isinstance(tz, tzinfo | str | None) or not isinstance(now, datetime | None):
        msg = f"tz must be a zone name or a tzinfo, and now a datetime, not {tz!r} and {now!r}"
        raise TypeError(msg)
    schedule = spec.read(text, tz, disambiguate, given)  # type: ignore[arg-type]
    return schedule if now is None else schedule.resolve(now)


def leaves_zone_open(text: str, probe: Schedule) -> bool:
    """Whether the text leaves the zone to the scheduler: a date-time written without an offset or
    a ``[zone]`` suffix, or no start (``R//P``, ``R/P``) that the dialect puts into effect in the
    schedule's zone (not Chronos's empty start, read in UTC, whose chain a zone would re-read)."""
    if probe.start is not None:
        # A start always has a zone (UTC where no offset is written): its text says if it chose it.
        return not writes_its_zone(text, probe.form)
    rule = probe.dialect_spec.effective_start(probe.form, probe.options)
    return probe.zone is None and rule.zone == "schedule"


def writes_its_zone(text: str, form: Form) -> bool:
    """Whether the date-time that places the schedule (its start; the end of ``R/P/end``) is
    written with an offset or a zone suffix. Read from text the dialect accepted: there, after
    the time designator, only an offset has a sign or a ``Z``, and only a suffix a bracket."""
    _, _, rest = text.partition("/")
    if form == "end":
        _, _, rest = rest.partition("/")
    field = rest.split("/", 1)[0]  # a suffix's own "/" comes after its "["
    if "[" in field:
        return True
    parts = _TIME_DESIGNATOR.split(field, maxsplit=1)
    return len(parts) == 2 and not _OFFSET_CHARACTERS.isdisjoint(parts[1])


def zone_argument(zone: object, argument: str = "timezone") -> tzinfo | str:
    """The zone as the dialects take it: its IANA name where it has one (the chronos dialect takes
    only names), else the tzinfo. An unknown name is a ScheduleError here, used or not."""
    if not isinstance(zone, str | tzinfo):
        msg = f"{argument} must be a zone name or a tzinfo, not {type(zone).__name__}"
        raise TypeError(msg)
    resolve_tz(zone)
    if isinstance(zone, str):
        return zone
    if zone is timezone.utc:
        return "UTC"
    key = getattr(zone, "key", None) or getattr(zone, "zone", None)  # zoneinfo, pytz
    return key if isinstance(key, str) else zone
