"""Dialects: how one engine reads, prints, counts and runs a schedule, as one value each.

A :class:`Dialect` is data: the functions and settings that make ``iso`` strict ISO 8601 and
``chronos`` what the Chronos server does. Core modules ask the schedule's dialect instead of
naming one, so a new engine is one module that builds a ``Dialect`` and :func:`register`\\ s it.
The built-in dialects are registered on first use (:data:`_BUILT_IN` names their modules), so
neither the core nor ``import isorepeat`` loads the Chronos package until a schedule asks for it.

>>> from isorepeat.dialects import dialect_named, dialect_names
>>> dialect_names()[:2]  # the built-in ones, then any registered since
('iso', 'chronos')
>>> chronos = dialect_named("chronos")
>>> chronos.mode, chronos.options
('chained', ('jvm_zone', 'version'))
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Final, Literal, TypeAlias, final

from isorepeat._types import Disambiguate, Nanos

if TYPE_CHECKING:
    from datetime import tzinfo

    from isorepeat.bpmn.timers import TimerEngine
    from isorepeat.duration import Duration
    from isorepeat.schedule import Schedule
    from isorepeat.zones import Zone

__all__ = [
    "Arithmetic",
    "ChainStep",
    "Dialect",
    "EffectiveStart",
    "Form",
    "Mode",
    "Options",
    "dialect_named",
    "dialect_names",
    "dialect_summaries",
    "dialects_taking",
    "parse",
    "register",
]

Mode: TypeAlias = Literal["anchored", "chained"]
"""How occurrences follow each other: from the start (S27), or each from the last (S35)."""
Form: TypeAlias = Literal["start", "interval", "end", "cycle"]
"""Which ISO form was written: ``R/start/P``, ``R/start/end`` (S16), ``R/P/end`` (S17), ``R/P`` (S18)."""
Options: TypeAlias = Mapping[str, object]
"""A dialect's options as ``parse`` received them (``jvm_zone="Europe/Berlin"``), by name."""

Reader: TypeAlias = "Callable[[str, tzinfo | str | None, Disambiguate, Options], Schedule]"
"""``(text, tz, disambiguate, options) -> Schedule``: the dialect's grammar. An empty start may
stay empty: :func:`isorepeat.parse` resolves it with ``now`` (and ``resolves_on_read``)."""
Arithmetic: TypeAlias = "Callable[[Zone, Nanos, Nanos, Duration, int, Disambiguate], Nanos | None]"
"""``start ⊕ k·P`` as ``(zone, start, start wall, period, k, disambiguate)``; ``None`` past S40."""
ChainStep: TypeAlias = (
    "Callable[[Zone, Nanos, Duration, Zone | None, Disambiguate], tuple[Nanos, Zone] | None]"
)
"""One chained step (S35): ``(zone, run, period, schedule zone, disambiguate)`` -> the next run and
the zone it is shown in; ``None`` past S40."""


@final
@dataclass(frozen=True, slots=True)
class EffectiveStart:
    """How an empty start (S6) or an absent one (S18) is put into effect at ``now``.

    The start is ``now`` truncated to ``precision`` ns, moved by ``shift`` ns, then ``periods``
    periods later (with the dialect's arithmetic). ``zone`` is where it is shown: ``"schedule"``,
    the schedule's zone (``now``'s offset without one), or ``"utc"`` (Chronos reads an empty start
    in UTC whatever the ``scheduleTimeZone``).

    >>> from isorepeat import EffectiveStart
    >>> EffectiveStart(periods=1)   # the BPMN cycle R/P: one period after now
    EffectiveStart(periods=1, shift=0, precision=1, zone='schedule')
    """

    periods: int = 0
    shift: Nanos = 0
    precision: Nanos = 1
    zone: Literal["schedule", "utc"] = "schedule"


_AT_NOW: Final = EffectiveStart()
_ONE_PERIOD_LATER: Final = EffectiveStart(periods=1)


@final
@dataclass(frozen=True, slots=True, eq=False)
class Dialect:
    """One engine's reading of ``R[n]/start/period``: a registered, immutable value.

    Equality is identity: a dialect is its registration. Every field is what the name says;
    the callables are module-level functions, so a schedule pickles its dialect by name.
    """

    name: str
    """The registry key, and ``Schedule.dialect``."""
    summary: str
    """One line for ``--help`` and the docs: ``"as the Chronos scheduler reads it"``."""
    read: Reader
    format: Callable[[Schedule], str]
    """The text in this dialect: ``str(schedule)`` of its own, ``schedule.format(dialect=...)``."""
    reparse: Callable[[Schedule], tuple[str, dict[str, object]]]
    """``(text, keyword arguments)`` such that ``parse(text, **kwargs)`` rebuilds the schedule: the repr."""
    arithmetic: Arithmetic
    chain_step: ChainStep
    mode: Mode = "anchored"
    """The default mode of every query: what the engine runs."""
    count_runs: Callable[[int | None, bool], int | None] = lambda repetitions, _has_start: repetitions
    """What ``R<n>`` counts: ``(n, whether a start is written) -> runs`` (``None``: for ever)."""
    effective_start: Callable[[Form, Options], EffectiveStart] = lambda form, _options: (
        _ONE_PERIOD_LATER if form == "cycle" else _AT_NOW
    )
    """How an empty (``R//P``, S6) or absent (``R/P``, S18) start is put into effect."""
    resolves_on_read: bool = False
    """True when the engine reads an empty start from the clock when it reads the text (Chronos)."""
    read_fast: Callable[[str, Disambiguate], Schedule | None] | None = None
    """A reader for the common call (no ``tz``, no options, no ``now``, ``disambiguate`` left
    ``"compatible"``) that may decline with
    ``None``; then :attr:`read` reads the text. The hot path of ``parse``: one call fewer."""
    options: tuple[str, ...] = ()
    """The keyword options ``parse`` passes to :attr:`read` (``jvm_zone``); any other is an error."""
    read_duration: Callable[[str], Duration] | None = None
    """How a lone duration (Chronos's ``epsilon``) is read; ``None``: ISO 8601 (``Duration.parse``)."""
    format_period: Callable[[Duration], str] = str
    """A period in this dialect's own words, for messages."""
    engine: str | None = None
    """The engine's name in messages (``"Chronos rejects the schedule"``); ``None`` for a standard."""
    check_rules: frozenset[str] | None = None
    """The codes of ``check`` that apply to this dialect's schedules; ``None``: every code."""
    timer_engine: Callable[[Options], TimerEngine] | None = None
    """For a BPMN engine's dialect: its timer model for the options given (``version``), which
    :func:`isorepeat.bpmn.fires` runs fire after fire; ``None`` for the other dialects."""

    def __repr__(self) -> str:
        return f"dialect_named({self.name!r})"

    def __reduce__(self) -> tuple[Callable[[str], Dialect], tuple[str]]:
        return dialect_named, (self.name,)


_REGISTRY: dict[str, Dialect] = {}
_BUILT_IN: Final = {
    "iso": ("isorepeat.iso", "ISO 8601, strict and exact"),
    "chronos": ("isorepeat.chronos.dialect", "as the Chronos scheduler reads and runs it"),
    "zeebe": ("isorepeat.bpmn.engines", "as Camunda 8 (Zeebe) reads and fires a BPMN timer"),
    "camunda7": ("isorepeat.bpmn.engines", "as Camunda 7 reads and fires a BPMN timer"),
    "flowable": ("isorepeat.bpmn.engines", "as Flowable reads and fires a BPMN timer"),
    "activiti": ("isorepeat.bpmn.engines", "as Activiti reads and fires a BPMN timer"),
}
"""The modules that register the built-in dialects, imported when a dialect is first asked for,
and their summaries (for ``--help`` without importing them: the Chronos package costs 30 ms):
the registry names them as data, so no core module imports them."""


def register(dialect: Dialect, /) -> Dialect:
    """Add ``dialect`` to the registry under its name and return it.

    Registering another dialect under a taken name is an error; registering the same one again
    is not (a module imported twice).

    :raises ValueError: for a name already taken by another dialect.
    """
    known = _REGISTRY.get(dialect.name)
    if known is not None and known is not dialect:
        msg = f"a dialect named {dialect.name!r} is already registered"
        raise ValueError(msg)
    _REGISTRY[dialect.name] = dialect
    return dialect


def dialect_named(name: str | Dialect, /) -> Dialect:
    """The registered dialect called ``name`` (a :class:`Dialect` is returned as it is).

    :raises ValueError: for a name that is not registered, listing those that are.
    """
    if isinstance(name, Dialect):
        return name
    dialect = _REGISTRY.get(name)
    if dialect is not None:
        return dialect
    built_in = _BUILT_IN.get(name) if isinstance(name, str) else None
    if built_in is not None:
        importlib.import_module(built_in[0])
        return _REGISTRY[name]
    msg = f"dialect must be one of {', '.join(map(repr, dialect_names()))}, not {name!r}"
    raise ValueError(msg)


def dialect_names() -> tuple[str, ...]:
    """The names of every dialect: the built-in ones first, then those registered since."""
    return (*_BUILT_IN, *(name for name in _REGISTRY if name not in _BUILT_IN))


def dialect_summaries() -> dict[str, str]:
    """Each dialect's name and one-line summary (``--help``), without loading a built-in one."""
    return {
        name: _REGISTRY[name].summary if name in _REGISTRY else _BUILT_IN[name][1] for name in dialect_names()
    }


def _checked(spec: Dialect, options: dict[str, object]) -> dict[str, object]:
    """The options given (``None`` counts as not given), each one the dialect takes.

    :raises ValueError: for an option the dialect does not take, naming those that do.
    """
    given = {name: value for name, value in options.items() if value is not None}
    for name in given:
        if name not in spec.options:
            msg = f"{name} is not an option of the {spec.name} dialect" + (
                f"; it takes {', '.join(spec.options)}" if spec.options else "; it takes none"
            )
            takers = dialects_taking(name)
            if takers:
                msg += f" ({name} is an option of {', '.join(takers)})"
            raise ValueError(msg)
    return given


def dialects_taking(option: str) -> tuple[str, ...]:
    """The names of the dialects that take ``option`` (loads the built-in ones)."""
    return tuple(name for name in dialect_names() if option in dialect_named(name).options)


def parse(
    text: str,
    /,
    *,
    tz: tzinfo | str | None = None,
    dialect: str | Dialect = "iso",
    disambiguate: Disambiguate = "compatible",
    now: datetime | None = None,
    **options: object,
) -> Schedule:
    """Parse an ISO 8601 repeating interval into a :class:`~isorepeat.Schedule`; ``str`` is its inverse.

    ``tz`` is the schedule time zone (S22): an IANA name, ``"UTC"``, an offset such as
    ``"+05:30"``, or a tzinfo (``ZoneInfo``, ``timezone``, pytz, dateutil). With a zone, the
    start's wall-clock fields are kept and its own offset is discarded (S23). ``disambiguate``
    places wall times in gaps and overlaps (S24). ``now`` puts an empty start into effect (S6).

    ``dialect`` names the engine whose reading is wanted (:func:`dialect_names`); ``options``
    are that dialect's own. ``dialect="chronos"`` reads the text as the Chronos server does
    (S34): ``tz`` is its ``scheduleTimeZone`` (a string), ``jvm_zone`` the JVM's default zone for
    starts without an offset (UTC by default), ``version`` ``"3"`` (HEAD, the default) or ``"2"``
    (2.5.1), and ``now`` the clock an empty start is read from (``now - 1 s``; ``now`` in 2.5.1),
    by default the current time.

    >>> from isorepeat import parse
    >>> parse("R5/2026-01-31T09:00:00/P1M", tz="Europe/Berlin")
    Schedule.parse('R5/2026-01-31T09:00:00+01:00[Europe/Berlin]/P1M')
    >>> parse("R5/2026-01-31T09:00:00Z/P1.5D")
    Traceback (most recent call last):
      ...
    isorepeat.errors.ScheduleError: a fractional day has no fixed length across DST; use hours
      R5/2026-01-31T09:00:00Z/P1.5D
                                ^
    hint: write PT36H

    :raises ScheduleError: for any text that is not a valid schedule, or an unknown zone.
    :raises ValueError: for an unknown dialect, or an option it does not take.
    """
    if type(text) is not str:
        msg = f"parse() takes the schedule as a str, not {type(text).__name__}"
        raise TypeError(msg)
    # The registry first: parse is the hot path, and dialect_named's checks cost 10% of it.
    spec = _REGISTRY.get(dialect) if type(dialect) is str else None
    if spec is None:
        spec = dialect_named(dialect)
    if options:
        options = _checked(spec, options)
    elif tz is None and now is None and disambiguate == "compatible" and spec.read_fast is not None:
        fast = spec.read_fast(text, disambiguate)
        if fast is not None:
            return fast
    schedule = spec.read(text, tz, disambiguate, options)
    if now is not None:
        return schedule.resolve(now)
    if spec.resolves_on_read and schedule.start_ns is None:
        return schedule.resolve(datetime.now(timezone.utc))
    return schedule
