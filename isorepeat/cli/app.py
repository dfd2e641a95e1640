"""argparse wiring and exit codes (DEVELOPERS.md: 0 clean, 1 findings or bad schedule, 2 usage).

Each command lives in a module of its own with ``register(commands)``, which adds its parser and
sets ``run``; ``run(args)`` returns the exit status. This module only dispatches.
"""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from collections.abc import Sequence
from typing import Final, NoReturn

from isorepeat.cli import check, explain, next_runs, simulate
from isorepeat.cli.common import UsageError, print_error

__all__ = ["build_parser", "main"]

_COMMANDS = (next_runs, explain, check, simulate)

_EPILOG: Final = """\
examples:
  isorepeat next 'R/2026-01-31T09:00:00/P1M' --tz Europe/Berlin -n 5
  isorepeat explain 'R10/2012-10-01T05:52:00Z/PT2S' --dialect chronos
  isorepeat check jobs/
  isorepeat simulate jobs/ --from 2026-12-06T00:00:00Z --until 2026-12-07T00:00:00Z \\
      --down 2026-12-06T02:00:00Z/PT3H

exit status:
  0  done: the runs were printed, or no findings
  1  a schedule does not parse, or check found errors (or warnings with --strict)
  2  a usage error: a missing or bad argument, an unknown command or option

'isorepeat COMMAND --help' tells more about each command, with examples.
"""


class _VersionAction(argparse.Action):
    """``--version``: the installed distribution's version, looked up only when asked for."""

    def __init__(self, option_strings: Sequence[str], dest: str, **_kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help="print the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *_args: object, **_kwargs: object) -> NoReturn:
        from isorepeat import __version__

        print(f"isorepeat {__version__}")
        parser.exit(0)


def build_parser() -> argparse.ArgumentParser:
    return _build()[0]


def _build() -> tuple[argparse.ArgumentParser, list[str]]:
    """The parser and its command names."""
    parser = argparse.ArgumentParser(
        prog="isorepeat",
        description=(
            "Parse, preview, check and simulate ISO 8601 repeating-interval schedules,\n"
            "R[n]/start/period: as ISO 8601 means them, and as Chronos runs them."
        ),
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action=_VersionAction)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in _COMMANDS:
        command.register(commands)
    return parser, list(commands.choices)


def _unknown_command(argv: Sequence[str], names: list[str]) -> str | None:
    """The usage error for a first argument that is no command, with the nearest one."""
    if not argv or argv[0].startswith("-"):
        return None
    if argv[0] in names:
        return None
    near = difflib.get_close_matches(argv[0], names, n=1, cutoff=0.5)
    suggestion = f"; did you mean '{near[0]}'?" if near else f"; the commands are {', '.join(names)}"
    return f"unknown command {argv[0]!r}{suggestion}"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser, names = _build()
    arguments = sys.argv[1:] if argv is None else list(argv)
    unknown = _unknown_command(arguments, names)
    if unknown is not None:
        parser.print_usage(sys.stderr)
        print_error(unknown)
        return 2
    args = parser.parse_args(arguments)
    if args.command is None:  # bare ``isorepeat``: what it can do, and a usage status
        parser.print_help()
        return 2
    try:
        status: int = args.run(args)
    except UsageError as error:
        print_error(error)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (``| head``): it has what it wanted. Point stdout at devnull so
        # the interpreter's last flush does not raise again on the way out.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception as error:  # never a traceback (DEVELOPERS.md), but say what broke
        print_error(f"internal error, please report it: {type(error).__name__}: {error}")
        return 2
    return status
