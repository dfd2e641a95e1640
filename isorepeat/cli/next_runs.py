"""``isorepeat next``: the next runs of a schedule."""

from __future__ import annotations

import argparse
from datetime import timezone

from isorepeat.cli.common import now_utc, parse_moment, print_error

__all__ = ["register"]

_EXAMPLES = """\
examples:
  isorepeat next 'R5/2026-01-31T09:00:00/P1M' --tz Europe/Berlin
  isorepeat next 'R//PT10M' --now 2026-11-23T12:00:00Z
"""


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "next",
        help="print the canonical form and the start of a schedule",
        description="Print the canonical form of SCHEDULE and its start.",
        epilog=_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("schedule", metavar="SCHEDULE", help="an ISO 8601 repeating interval")
    parser.add_argument("--tz", metavar="ZONE", help="the schedule time zone (IANA name or offset)")
    parser.add_argument(
        "--now",
        metavar="TIME",
        help="the moment an empty start is put into effect (ISO 8601, default: now)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from isorepeat import ScheduleError, parse

    try:
        schedule = parse(args.schedule, tz=args.tz)
    except ScheduleError as error:
        print_error(error)
        return 1
    now = now_utc() if args.now is None else parse_moment(args.now, "--now")
    try:
        resolved = schedule.resolve(now)
    except ScheduleError as error:
        print_error(error)
        return 1
    start = resolved.start
    assert start is not None  # resolve() always gives a start
    count = "for ever" if schedule.repetitions is None else f"{schedule.repetitions} times"
    print(f"schedule: {schedule}")
    print(f"start:    {start.isoformat()}  ({start.astimezone(timezone.utc).isoformat()})")
    print(f"repeats:  {count}, every {schedule.period}")
    return 0
