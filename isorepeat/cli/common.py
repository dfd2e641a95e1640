"""What every command shares: usage errors (exit 2), moments from the command line, colour."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import datetime, timezone
from typing import TextIO, final

__all__ = [
    "UsageError",
    "add_dialect_option",
    "jvm_zone_option",
    "parse_moment",
    "print_error",
    "use_colour",
]


@final
class UsageError(Exception):
    """A bad command-line argument: :func:`isorepeat.cli.app.main` prints it and exits 2."""


def parse_moment(value: str, option: str, *, naive: bool = False) -> datetime:
    """A datetime from ``--now``/``--after``/``--from`` text (ISO 8601): aware, with an offset,
    unless ``naive`` allows one without (the caller then says which zone it is read in)."""
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise UsageError(f"{option} {value!r} is not an ISO 8601 date-time") from None
    if moment.tzinfo is None and not naive:
        raise UsageError(f"{option} {value!r} needs an offset, e.g. Z")
    return moment


def now_utc() -> datetime:
    return datetime.now(timezone.utc)


def print_error(message: object) -> None:
    print(f"isorepeat: error: {message}", file=sys.stderr)


def use_colour(stream: TextIO) -> bool:
    """Colour only on a terminal, and never with ``NO_COLOR`` set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def add_dialect_option(
    parser: argparse.ArgumentParser, *, default: str | None, default_text: str = ""
) -> None:
    """``--dialect``: its choices and help from the registry (a dialect registered before the
    parser is built is one of them). ``default=None`` leaves the choice to the command, which
    ``default_text`` describes in the help."""
    from isorepeat.dialects import dialect_summaries

    summaries = dialect_summaries()
    parser.add_argument(
        "--dialect",
        choices=tuple(summaries),
        default=default,
        help="how the schedule is read: "
        + "; ".join(f"{name}: {summary}" for name, summary in summaries.items())
        + f" (default: {default_text or default})",
    )


def jvm_zone_option(jvm_zone: str | None, dialect: str) -> str | None:
    """``--jvm-zone``, checked against the dialect: a usage error for a dialect without the option."""
    from isorepeat.dialects import dialect_named, dialects_taking

    if jvm_zone is None:
        return None
    if "jvm_zone" not in dialect_named(dialect).options:
        takers = dialects_taking("jvm_zone")
        named = ", ".join(takers[:-1]) + f" or {takers[-1]}" if len(takers) > 1 else takers[0]
        raise UsageError(f"--jvm-zone applies to --dialect {named} only")
    return jvm_zone
