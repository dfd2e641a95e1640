"""``isorepeat check``: Chronos job files and schedule lists, reported as a compiler would.

All the work is :func:`isorepeat.chronos.check_jobs`; this module reads the arguments and renders
the diagnostics as text (``path:line:col: CODE severity: message``), JSON or GitHub annotations.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Final

from isorepeat.cli.common import UsageError, add_dialect_option, use_colour

if TYPE_CHECKING:
    from isorepeat.chronos.diagnostics import Diagnostic

__all__ = ["register"]

_EXAMPLES = """\
examples:
  isorepeat check jobs/                       every *.json below jobs/, as one set
  isorepeat check billing.json reports.json   two job files (parents may be elsewhere)
  isorepeat check schedules.txt --dialect iso one schedule per line, # comments
  curl -s chronos:4400/scheduler/jobs | isorepeat check -
  isorepeat check jobs/ --format github --ignore IR209,IR212

exit status: 0 no errors (warnings too with --strict), 1 errors, 2 usage errors
"""

_DESCRIPTION = """\
Check Chronos job files (one job object, or an array of jobs as
GET /scheduler/jobs returns them), directories of them (*.json, recursively),
text files with one schedule per line (*.txt, # comments) or standard input
(-). Each finding prints as path:line:col: CODE severity: message, then a hint.
"""

_RED: Final = "\033[31m"
_YELLOW: Final = "\033[33m"
_BOLD: Final = "\033[1m"
_RESET: Final = "\033[0m"


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "check",
        help="check Chronos job files and schedule lists",
        description=_DESCRIPTION,
        epilog=_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "paths", metavar="PATH", nargs="*", default=["."], help="files, directories or - (default: .)"
    )
    add_dialect_option(parser, default="chronos")
    parser.add_argument(
        "--format",
        choices=("text", "json", "github"),
        default="text",
        help="text (default), json (a list of objects) or github (workflow annotations)",
    )
    parser.add_argument("--select", metavar="CODES", help="only these codes or prefixes, e.g. IR1,IR205")
    parser.add_argument("--ignore", metavar="CODES", help="leave out these codes or prefixes")
    parser.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    parser.add_argument(
        "--complete",
        action="store_true",
        help="the paths hold every job, so an unknown parent is an error (IR104); "
        "implied by a directory argument",
    )
    parser.add_argument(
        "--jvm-zone",
        metavar="ZONE",
        help="the Chronos server's zone, for starts without an offset (default: UTC)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from isorepeat.chronos import Source, check_jobs

    inputs: list[str | Source] = []
    for path in args.paths:
        if path == "-":
            inputs.append(Source("-", sys.stdin.read()))
        else:
            try:
                exists = Path(path).exists()
            except OSError as error:  # a name too long for the system, for one
                raise UsageError(f"{path}: {error.strerror}") from None
            if not exists:
                raise UsageError(f"{path}: no such file or directory")
            inputs.append(path)
    try:
        diagnostics = check_jobs(
            inputs,
            dialect=args.dialect,
            jvm_zone=args.jvm_zone,
            complete=True if args.complete else None,
            select=_codes(args.select, "--select"),
            ignore=_codes(args.ignore, "--ignore") or (),
        )
    except OSError as error:
        raise UsageError(f"{error.filename}: {error.strerror}") from None
    _RENDERERS[args.format](diagnostics)
    failing = {"error", "warning"} if args.strict else {"error"}
    return 1 if any(d.severity in failing for d in diagnostics) else 0


def _codes(text: str | None, option: str) -> list[str] | None:
    from isorepeat.chronos.diagnostics import CODES

    if text is None:
        return None
    codes = [code.strip().upper() for code in text.split(",") if code.strip()]
    for code in codes:
        if not any(known.startswith(code) for known in CODES):
            raise UsageError(f"{option}: unknown code {code!r} (codes are IR100-IR217, see the docs)")
    return codes


def _render_text(diagnostics: Sequence[Diagnostic]) -> None:
    colour = use_colour(sys.stdout)
    for d in diagnostics:
        where = f"{d.path}:{d.line}:{d.col}:"
        label = f"{d.code} {d.severity}:"
        if colour:
            where = f"{_BOLD}{where}{_RESET}"
            label = f"{_RED if d.severity == 'error' else _YELLOW}{label}{_RESET}"
        print(f"{where} {label} {d.message}")
        if d.hint:
            print(f"    hint: {d.hint}")
    print(_summary(diagnostics))


def _summary(diagnostics: Sequence[Diagnostic]) -> str:
    if not diagnostics:
        return "no findings"
    errors = sum(d.severity == "error" for d in diagnostics)
    warnings = len(diagnostics) - errors
    files = len({d.path for d in diagnostics})
    return f"{_plural(errors, 'error')} and {_plural(warnings, 'warning')} in {_plural(files, 'file')}"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _render_json(diagnostics: Sequence[Diagnostic]) -> None:
    print(json.dumps([asdict(d) for d in diagnostics], indent=2, ensure_ascii=False))


def _render_github(diagnostics: Sequence[Diagnostic]) -> None:
    """Workflow commands: ``::warning file=F,line=L,col=C,title=CODE::message``."""
    for d in diagnostics:
        message = f"{d.message}\nhint: {d.hint}" if d.hint else d.message
        properties = f"file={_escape(d.path, True)},line={d.line},col={d.col},title={d.code}"
        print(f"::{d.severity} {properties}::{_escape(message, False)}")


def _escape(text: str, is_property: bool) -> str:
    """GitHub's escaping of workflow-command data and properties."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if is_property else text


_RENDERERS: Final[dict[str, Callable[[Sequence[Diagnostic]], None]]] = {
    "text": _render_text,
    "json": _render_json,
    "github": _render_github,
}
