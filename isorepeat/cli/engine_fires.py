"""``next`` and ``explain`` for a BPMN engine's dialect: the engine's fires, simulated.

A BPMN engine decides each timer from its clock (a past start, a late fire), so its runs are not
a schedule's occurrences: :func:`isorepeat.bpmn.fires` deploys the timer at ``--now`` and fires
each one ``--fire-lag`` after it is due, and this module prints what it found.
"""

from __future__ import annotations

import argparse
import json
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Final

from isorepeat.cli.common import UsageError, now_utc, print_error
from isorepeat.cli.preview import distance, moment_option

if TYPE_CHECKING:
    from isorepeat.bpmn.engines import Fires
    from isorepeat.bpmn.timers import TimerKind

__all__ = [
    "add_engine_options",
    "check_engine_options",
    "engine_fires",
    "fires_json",
    "fires_lines",
    "is_engine",
    "ms_text",
    "explain_engine",
    "print_fires",
]

_DEFAULT_LAG_MS: Final = 1
_DEFAULT_MAX_FIRES: Final = 1_000
_MAX_LAG_MS: Final = 10 * 365 * 86_400_000  # ten years: longer is a typo, not a lag


def add_engine_options(parser: argparse.ArgumentParser) -> None:
    """``--kind``, ``--engine-version`` and ``--fire-lag``: how a BPMN engine's timer is simulated."""
    parser.add_argument(
        "--kind",
        choices=("timeCycle", "timeDate", "timeDuration"),
        help="with a BPMN engine's --dialect: the timer element the text is in (default timeCycle)",
    )
    parser.add_argument(
        "--engine-version",
        metavar="VERSION",
        help="with --dialect zeebe: 49135 (the released behaviour, default), 2024 (before "
        "camunda/camunda#38987's fix) or 63687 (nextOccurrenceAfter, under review)",
    )
    parser.add_argument(
        "--max-fires",
        metavar="N",
        help=f"with a BPMN engine's --dialect: simulate at most N fires (default {_DEFAULT_MAX_FIRES:,}); "
        "a timer still firing then is counted as going on",
    )
    parser.add_argument(
        "--fire-lag",
        metavar="MS",
        help="with a BPMN engine's --dialect: how many milliseconds after its due date each "
        f"timer fires (default {_DEFAULT_LAG_MS}: an engine never fires in the millisecond it is due)",
    )


def check_engine_options(args: argparse.Namespace, *, is_engine: bool) -> None:
    """The engine options are for an engine's dialect only; ``--tz`` is for the others.

    :raises UsageError: for an option the dialect does not take.
    """
    if is_engine:
        if args.tz is not None:
            raise UsageError(
                "--tz does not apply to a BPMN engine: a timer's zone is its start's offset or "
                "[zone], and --jvm-zone the engine's default zone"
            )
        if args.engine_version is not None and args.dialect != "zeebe":
            raise UsageError("--engine-version applies to --dialect zeebe only")
        return
    options = ("kind", "engine_version", "fire_lag", "max_fires")
    given = [name for name in options if getattr(args, name) is not None]
    if given:
        option = "--" + given[0].replace("_", "-")
        raise UsageError(f"{option} applies to a BPMN engine's --dialect only: {_engine_names()}")


def _engine_names() -> str:
    from isorepeat.dialects import dialect_named, dialect_names

    return ", ".join(name for name in dialect_names() if dialect_named(name).timer_engine is not None)


def is_engine(dialect: str | None) -> bool:
    """Whether ``--dialect`` names a BPMN engine: its runs are the engine's simulated fires."""
    from isorepeat.dialects import dialect_named

    return dialect is not None and dialect_named(dialect).timer_engine is not None


def _lag(value: str | None) -> timedelta:
    if value is None:
        return timedelta(milliseconds=_DEFAULT_LAG_MS)
    if not value.isdigit() or not value.isascii() or int(value) > _MAX_LAG_MS:
        raise UsageError(
            f"--fire-lag must be a whole number of milliseconds, 0 to {_MAX_LAG_MS:,}, not {value!r}"
        )
    return timedelta(milliseconds=int(value))


def engine_fires(args: argparse.Namespace, limit: int) -> tuple[Fires, datetime]:
    """Simulate ``args.schedule`` on the engine ``--dialect`` names, deployed at ``--now``.

    :raises UsageError: for bad options.
    :raises ScheduleError: where the engine rejects the text.
    """
    from isorepeat.bpmn import fires

    now = moment_option(args.now, "--now", now_utc())
    result = fires(
        args.schedule,
        dialect=args.dialect,
        kind=args.kind or "timeCycle",
        now=now,
        jvm_zone=args.jvm_zone or "UTC",
        version=args.engine_version,
        fire_lag=_lag(args.fire_lag),
        limit=limit,
    )
    return result, now


def ms_text(moment: datetime | None) -> str | None:
    """``2024-06-15T10:00:00.250Z``: UTC to the millisecond, as the engines count."""
    from isorepeat.bpmn.timers import millis_of, millis_text

    return None if moment is None else millis_text(millis_of(moment))


def fires_lines(result: Fires, now: datetime, shown: list[int] | None = None) -> list[str]:
    """One line a fire shown (due, fired, how far from now), then how the series ends."""
    lines = []
    for i in range(len(result.fired_at)) if shown is None else shown:
        due, fired = result.due[i], result.fired_at[i]
        due_text = ms_text(due) if due is not None else "no due date (acquired at once)"
        lines.append(f"{due_text}  fired {ms_text(fired)}  {distance(fired, now)}")
    lines.append(_ending(result, len(result.fired_at) if shown is None else len(shown)))
    return lines


def _ending(result: Fires, shown: int) -> str:
    """How the series ends: in all, deleted unfired, failing to reschedule, or still firing."""
    count = len(result.fired_at)
    if result.total is None:
        return f"and it goes on: still firing after {count:,} simulated fires (--max-fires)"
    if shown < count:
        more = count - shown
        fired = f"and {more:,} more {'fire' if more == 1 else 'fires'}: {count:,} in all"
    else:
        fired = f"fires {count:,} {'time' if count == 1 else 'times'} in all"
    if result.deleted_unfired is not None:
        due, at, reason = result.deleted_unfired
        return f"{fired}; then the timer due {ms_text(due)} is deleted unfired at {ms_text(at)}: {reason}"
    if result.reschedule_error is not None:
        return f"{fired}; then the engine fails to schedule the next timer: {result.reschedule_error.message}"
    return fired


def fires_json(
    args: argparse.Namespace, result: Fires, now: datetime, shown: list[int] | None = None
) -> object:
    """The fires shown as one object; ``fires_total`` counts every fire simulated (``None``: it goes on)."""
    deleted = result.deleted_unfired
    error = result.reschedule_error
    indexes = range(len(result.fired_at)) if shown is None else shown
    return {
        "schedule": args.schedule,
        "dialect": args.dialect,
        "engine": result.engine,
        "kind": args.kind or "timeCycle",
        "jvm_zone": args.jvm_zone or "UTC",
        "now": ms_text(now),
        "fire_lag_ms": int(args.fire_lag) if args.fire_lag is not None else _DEFAULT_LAG_MS,
        "max_fires": result.limit,
        "due": [ms_text(result.due[i]) for i in indexes],
        "fired_at": [ms_text(result.fired_at[i]) for i in indexes],
        "fires_total": result.total,
        "deleted_unfired": None
        if deleted is None
        else {"due": ms_text(deleted[0]), "at": ms_text(deleted[1]), "reason": deleted[2]},
        "reschedule_error": None if error is None else {"message": error.message, "text": error.text},
    }


def print_fires(args: argparse.Namespace, count: int) -> int:
    """``next`` for an engine's dialect: the first ``count`` fires (after ``--after``) of at most
    ``--max-fires`` simulated; exit 1 (the engine's reason on stderr) for a rejected text."""
    from isorepeat.errors import ScheduleError

    check_engine_options(args, is_engine=True)
    limit = _max_fires(args.max_fires)
    after = None if args.after is None else moment_option(args.after, "--after", now_utc())
    try:
        result, now = engine_fires(args, limit)
    except ScheduleError as error:
        print_error(error)
        return 1
    shown = _shown(result, after, count)
    if args.format == "json":
        print(json.dumps(fires_json(args, result, now, shown), indent=2, ensure_ascii=False))
    else:
        for line in fires_lines(result, now, shown):
            print(line)
    return 0


_MAX_MAX_FIRES: Final = 100_000


def _max_fires(value: str | None) -> int:
    if value is None:
        return _DEFAULT_MAX_FIRES
    if not value.isascii() or not value.isdigit() or not 1 <= int(value) <= _MAX_MAX_FIRES:
        raise UsageError(f"--max-fires must be a whole number from 1 to {_MAX_MAX_FIRES:,}, not {value!r}")
    return int(value)


def _shown(result: Fires, after: datetime | None, count: int) -> list[int]:
    """The indexes of the fires to print: the first ``count``, of those after ``after``."""
    return [i for i, fired in enumerate(result.fired_at) if after is None or fired > after][:count]


# -- explain -----------------------------------------------------------------------------------

_EXPLAINED_FIRES: Final = 5


def explain_engine(args: argparse.Namespace) -> int:
    """``explain`` for an engine's dialect: what the engine does, its diagnostics, and how every
    engine (and ISO 8601) reads the same text."""
    from isorepeat.bpmn.check import check_timer
    from isorepeat.bpmn.engines import ENGINES
    from isorepeat.errors import ScheduleError

    check_engine_options(args, is_engine=True)
    engine = ENGINES[args.dialect]
    kind: TimerKind = args.kind or "timeCycle"
    try:
        result, now = engine_fires(args, _max_fires(args.max_fires))
    except ScheduleError as error:
        print_error(error)
        return 1
    print(f"timer:    {args.schedule} ({kind} of a start event)")
    print(f"engine:   {engine} ({result.engine}), deployed {ms_text(now)}, JVM zone {args.jvm_zone or 'UTC'}")
    print(f"what {engine} does:")
    for line in fires_lines(result, now, list(range(min(_EXPLAINED_FIRES, len(result.fired_at))))):
        print(f"  {line}")
    diagnostics = check_timer(
        args.schedule,
        dialect=args.dialect,
        kind=kind,
        version=args.engine_version,
        jvm_zone=args.jvm_zone,
        now=now,
    )
    print("diagnostics:" if diagnostics else "diagnostics: none")
    for d in diagnostics:
        print(f"  {d.code} {d.severity}: {d.message}")
        if d.hint:
            print(f"      hint: {d.hint}")
    print("how the engines read it:")
    for name, line in _engine_readings(args, now, kind):
        print(f"  {name + ':':<19} {line}")
    return 0


def _engine_readings(args: argparse.Namespace, now: datetime, kind: TimerKind) -> list[tuple[str, str]]:
    """One line for ISO 8601's meaning, then one for each engine: how many fires, the first."""
    from isorepeat.bpmn import fires
    from isorepeat.bpmn.engines import ENGINES
    from isorepeat.errors import ScheduleError

    readings = [("ISO 8601", _iso_reading(args.schedule, kind, now))]
    for dialect, name in ENGINES.items():
        try:
            result = fires(
                args.schedule,
                dialect=dialect,
                kind=kind,
                now=now,
                jvm_zone=args.jvm_zone or "UTC",
                version=args.engine_version if dialect == "zeebe" else None,
                limit=_COUNTED_FIRES,
            )
        except ScheduleError as error:
            readings.append((name, f"rejects it: {error.message}"))
            continue
        readings.append((name, _fires_summary(result)))
    return readings


_COUNTED_FIRES: Final = 1_000


def _fires_summary(result: Fires) -> str:
    count = len(result.fired_at)
    if result.total is None:
        how_many = f"fires more than {count:,} times"
    else:
        how_many = f"fires {count:,} {'time' if count == 1 else 'times'}"
    if not result.due:
        return how_many
    first = result.due[0]
    return f"{how_many}, the first {'at once' if first is None else 'due ' + str(ms_text(first))}"


def _iso_reading(text: str, kind: str, now: datetime) -> str:
    """ISO 8601's meaning of a cycle: how many runs, how many after the deployment, the first of those."""
    from isorepeat.dialects import parse
    from isorepeat.errors import ScheduleError

    if kind != "timeCycle":
        return "a cycle is what ISO 8601 repeats; this is a single timer"
    try:
        schedule = parse(text.strip()).resolve(now)
    except ScheduleError as error:
        return f"not ISO 8601: {error.message}"
    total = schedule.run_count
    first = schedule.next_after(now, inclusive=True)
    runs = "runs for ever" if total is None else f"{total:,} {'run' if total == 1 else 'runs'}"
    if first is None:
        return f"{runs}, none after the deployment"
    return f"{runs}, the first after the deployment at {ms_text(first)}"
