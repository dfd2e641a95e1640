"""``isorepeat check``: Chronos job files, schedule lists and BPMN files, reported as a compiler would.

All the work is :func:`isorepeat.bpmn.check.check_paths` (job files by
:func:`isorepeat.chronos.check_jobs`, BPMN files by :func:`isorepeat.bpmn.check.check_bpmn`); this
module reads the arguments and renders the diagnostics as text (``path:line:col: CODE severity:
message``), JSON or GitHub annotations.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Final, TextIO

from isorepeat.cli.common import UsageError, add_dialect_option, parse_moment, use_colour

if TYPE_CHECKING:
    from isorepeat.chronos.check import CheckReport

__all__ = ["register"]

_EXAMPLES = """\
examples:
  isorepeat check jobs/                       every *.json below jobs/, as one set
  isorepeat check billing.json reports.json   two job files (parents may be elsewhere)
  isorepeat check schedules.txt --dialect iso one schedule per line, # comments
  curl -s chronos:4400/scheduler/jobs | isorepeat check -
  isorepeat check jobs/ --format github --ignore IR209,IR212
  isorepeat check chronos/ -v                 chronos-sync's YAML; list what is skipped
  isorepeat check models/ --dialect camunda7  BPMN files; camunda7 where a file names no engine

exit status: 0 no errors (warnings too with --strict), 1 errors, 2 usage errors
(no job file found is one)
"""

_DESCRIPTION = """\
Check Chronos job files (one job object, or an array of jobs as
GET /scheduler/jobs returns them; YAML as chronos-sync keeps them, with
pip install 'isorepeat[yaml]'), BPMN files (*.bpmn, *.bpmn20.xml: every timer as
its engine reads and fires it), directories of them (*.json, *.bpmn and
*.bpmn20.xml below, and *.yaml in scheduled/ and dependent/), text files with
one schedule per line (*.txt, # comments) or standard input (-). A BPMN file's
engine is the one it names (modeler:executionPlatform), else its namespaces
show, else --dialect's. Each finding prints as
path:line:col: CODE severity: message, then a hint; the last line says how
many files were checked. Skipped: JSON and YAML files with none of a job's
keys (package.json), and below a directory node_modules, virtual environments
and what .gitignore excludes.
"""

_RED: Final = "\033[31m"
_YELLOW: Final = "\033[33m"
_CYAN: Final = "\033[36m"
_SEVERITY_COLOURS: Final = {"error": _RED, "warning": _YELLOW, "note": _CYAN}
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
        help="the Chronos server's or BPMN engine's zone, for starts without an offset (default: UTC)",
    )
    parser.add_argument(
        "--engine-version",
        metavar="VERSION",
        help="Zeebe's timer behaviour for BPMN files: 49135 (default), 2024 or 63687",
    )
    parser.add_argument(
        "--now",
        metavar="TIME",
        help="the deployment time BPMN timers are compared with, ISO 8601 with an offset "
        "(default: the clock)",
    )
    parser.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="list the files and directories skipped, and why",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from isorepeat.bpmn.check import check_paths
    from isorepeat.chronos import Source

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
    now = None if args.now is None else parse_moment(args.now, "--now")
    if args.engine_version is not None:
        from isorepeat.bpmn.engines import ZEEBE_VERSIONS

        if args.engine_version not in ZEEBE_VERSIONS:
            raise UsageError(
                f"--engine-version must be one of {', '.join(ZEEBE_VERSIONS)}, not {args.engine_version!r}"
            )
    try:
        report = check_paths(
            inputs,
            dialect=args.dialect,
            version=args.engine_version,
            jvm_zone=args.jvm_zone,
            complete=True if args.complete else None,
            select=_codes(args.select, "--select"),
            ignore=_codes(args.ignore, "--ignore") or (),
            now=now,
        )
    except OSError as error:
        raise UsageError(f"{error.filename}: {error.strerror}") from None
    except ModuleNotFoundError as error:
        if error.name != "yaml":
            raise
        raise UsageError(str(error)) from None
    _nothing_read(report, args.paths)
    _RENDERERS[args.format](report, args.verbose)
    if args.verbose and args.format != "text":  # the text lists them above its summary line
        _list_skipped(report, sys.stderr)  # json and github stay what their readers parse
    failing = {"error", "warning"} if args.strict else {"error"}
    return 1 if any(d.severity in failing for d in report.diagnostics) else 0


def _nothing_read(report: CheckReport, paths: Sequence[str]) -> None:
    """A usage error when no file was found to check: never a silent pass. Files found and
    skipped as no job files (a commit that only changes package.json) are not one."""
    if report.checked or any(skipped.examined for skipped in report.skipped):
        return
    where = " ".join(paths)
    more = f"; {_plural(len(report.skipped), 'path')} skipped (--verbose says why)" if report.skipped else ""
    raise UsageError(
        f"no job files found in {where}: a directory is searched for *.json, *.bpmn and "
        f"*.bpmn20.xml, and for *.yaml and *.yml in scheduled/ and dependent/ directories{more}"
    )


def _codes(text: str | None, option: str) -> list[str] | None:
    if text is None:
        return None
    from isorepeat.bpmn.rules import BPMN_CODES
    from isorepeat.chronos.diagnostics import CODES

    codes = [code.strip().upper() for code in text.split(",") if code.strip()]
    known_codes = [*CODES, *BPMN_CODES]
    for code in codes:
        if not any(known.startswith(code) for known in known_codes):
            raise UsageError(
                f"{option}: unknown code {code!r} (codes are {min(CODES)}-{max(CODES)} for job files, "
                f"{min(BPMN_CODES)}-{max(BPMN_CODES)} for BPMN files; see the docs)"
            )
    return codes


def _render_text(report: CheckReport, verbose: bool) -> None:
    colour = use_colour(sys.stdout)
    for d in report.diagnostics:
        where = f"{d.path}:{d.line}:{d.col}:"
        label = f"{d.code} {d.severity}:"
        if colour:
            where = f"{_BOLD}{where}{_RESET}"
            label = f"{_SEVERITY_COLOURS[d.severity]}{label}{_RESET}"
        print(f"{where} {label} {d.message}")
        if d.hint:
            print(f"    hint: {d.hint}")
    if verbose:
        _list_skipped(report, sys.stdout)
    print(_summary(report, verbose))


def _list_skipped(report: CheckReport, stream: TextIO) -> None:
    for skipped in report.skipped:
        print(f"{skipped.path}: skipped: {skipped.reason}", file=stream)


def _summary(report: CheckReport, verbose: bool) -> str:
    """``checked 12 files: no findings``, or ``1 error and 2 warnings in 12 files`` (the files
    checked), then what was skipped; ``warning: no job files checked`` when every file was."""
    diagnostics, files = report.diagnostics, len(report.checked)
    skipped = ""
    if report.skipped:
        listed = "listed above" if verbose else "--verbose says why"
        skipped = f"skipped {len(report.skipped)} ({listed})"
    if not files:
        return f"warning: no job files checked; {skipped}"
    if not diagnostics:
        summary = f"checked {_plural(files, 'file')}: no findings"
    else:
        errors = sum(d.severity == "error" for d in diagnostics)
        warnings = sum(d.severity == "warning" for d in diagnostics)
        notes = len(diagnostics) - errors - warnings
        summary = f"{_plural(errors, 'error')} and {_plural(warnings, 'warning')}"
        if notes:
            summary = (
                f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')} and {_plural(notes, 'note')}"
            )
        summary += f" in {_plural(files, 'file')}"
    return f"{summary}; {skipped}" if skipped else summary


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _render_json(report: CheckReport, _verbose: bool) -> None:
    print(json.dumps([asdict(d) for d in report.diagnostics], indent=2, ensure_ascii=False))


def _render_github(report: CheckReport, _verbose: bool) -> None:
    """Workflow commands: ``::warning file=F,line=L,col=C,title=CODE::message``."""
    for d in report.diagnostics:
        message = f"{d.message}\nhint: {d.hint}" if d.hint else d.message
        properties = f"file={_escape(d.path, True)},line={d.line},col={d.col},title={d.code}"
        command = "notice" if d.severity == "note" else d.severity
        print(f"::{command} {properties}::{_escape(message, False)}")


def _escape(text: str, is_property: bool) -> str:
    """GitHub's escaping of workflow-command data and properties."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if is_property else text


_RENDERERS: Final[dict[str, Callable[[CheckReport, bool], None]]] = {
    "text": _render_text,
    "json": _render_json,
    "github": _render_github,
}
