"""argparse wiring, exit codes and output (DEVELOPERS.md: 0 clean, 1 findings or bad schedule, 2 usage).

For now one command, ``next``, prints the canonical form and the start; the full CLI is issue 6.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import datetime, timezone

__all__ = ["main"]

_EXAMPLES = """\
examples:
  isorepeat next 'R5/2026-01-31T09:00:00/P1M' --tz Europe/Berlin
  isorepeat next 'R//PT10M' --now 2026-11-23T12:00:00Z
"""


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="isorepeat",
        description="Parse and preview ISO 8601 repeating-interval schedules (R[n]/start/period).",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    next_parser = commands.add_parser(
        "next",
        help="print the canonical form and the start of a schedule",
        description="Print the canonical form of SCHEDULE and its start.",
        epilog=_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    next_parser.add_argument("schedule", metavar="SCHEDULE", help="an ISO 8601 repeating interval")
    next_parser.add_argument("--tz", metavar="ZONE", help="the schedule time zone (IANA name or offset)")
    next_parser.add_argument(
        "--now",
        metavar="TIME",
        help="the moment an empty start is put into effect (ISO 8601, default: now)",
    )
    return parser


def _command_next(args: argparse.Namespace) -> int:
    from isorepeat import ScheduleError, parse

    try:
        schedule = parse(args.schedule, tz=args.tz)
    except ScheduleError as error:
        print(f"isorepeat: error: {error}", file=sys.stderr)
        return 1
    now = datetime.now(timezone.utc)
    if args.now is not None:
        try:
            now = datetime.fromisoformat(args.now.replace("Z", "+00:00").replace("z", "+00:00"))
        except ValueError:
            print(f"isorepeat: error: --now {args.now!r} is not an ISO 8601 date-time", file=sys.stderr)
            return 2
        if now.tzinfo is None:
            print(f"isorepeat: error: --now {args.now!r} needs an offset, e.g. Z", file=sys.stderr)
            return 2
    try:
        resolved = schedule.resolve(now)
    except ScheduleError as error:
        print(f"isorepeat: error: {error}", file=sys.stderr)
        return 1
    start = resolved.start
    assert start is not None  # resolve() always gives a start
    count = "for ever" if schedule.repetitions is None else f"{schedule.repetitions} times"
    print(f"schedule: {schedule}")
    print(f"start:    {start.isoformat()}  ({start.astimezone(timezone.utc).isoformat()})")
    print(f"repeats:  {count}, every {schedule.period}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = _build_parser()
    args = parser.parse_args(argv)
    if args.command == "next":
        return _command_next(args)
    parser.error(f"unknown command {args.command!r}")  # pragma: no cover - argparse checks first
    return 2  # pragma: no cover
