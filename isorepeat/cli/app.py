"""argparse wiring and exit codes (DEVELOPERS.md: 0 clean, 1 findings or bad schedule, 2 usage).

Each command lives in a module of its own with ``register(commands)``, which adds its parser and
sets ``run``; ``run(args)`` returns the exit status. This module only dispatches.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from isorepeat.cli import check, explain, next_runs, simulate
from isorepeat.cli.common import UsageError, print_error

__all__ = ["main"]

_COMMANDS = (next_runs, explain, check, simulate)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="isorepeat",
        description="Parse, preview and check ISO 8601 repeating-interval schedules (R[n]/start/period).",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in _COMMANDS:
        command.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = build_parser().parse_args(argv)
    try:
        status: int = args.run(args)
    except UsageError as error:
        print_error(error)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 1  # the reader went away (``| head``): nothing left to say
    except Exception as error:  # never a traceback (DEVELOPERS.md), but say what broke
        print_error(f"internal error, please report it: {type(error).__name__}: {error}")
        return 2
    return status
