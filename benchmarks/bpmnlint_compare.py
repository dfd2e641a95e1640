"""isorepeat and bpmnlint side by side on the BPMN corpus's timers (run by hand, not a test).

    python benchmarks/bpmnlint_compare.py [--corpus DIR] [--env /tmp/bpmnlint-env] [--runs 3]
                                          [--table timers.tsv] [--sample 10] [--tz UTC]

bpmnlint checks a timer with bpmnlint-plugin-camunda-compat's ``camunda-compat/timer`` rule (the
plain bpmnlint rules have none about timers). The script installs both, with zeebe-bpmn-moddle
(the plug-in's README asks for it on the command line), with npm into ``--env``, a directory
outside the project (``npm install`` runs only when they are missing there), and writes there:

* a ``.bpmnlintrc`` that turns on that one rule for Camunda 8, ``["error", {"version": V}]``,
  with the zeebe moddle extension; ``V`` is ``--version`` (default 8.8);
* ``lint-corpus.js``, which lints every file in one Node process with bpmnlint's own ``Linter``
  and ``NodeResolver`` (what ``bpmnlint FILE`` runs), the rule's ``version`` set per file as the
  Camunda Modeler sets it (``@camunda/linting``): the file's ``modeler:executionPlatformVersion``
  when its ``executionPlatform`` is Camunda Cloud, else ``--version``. It prints every report,
  every timer bpmn-moddle read (with its event's id, which a report names) and whether its process
  is executable (from 8.2 the rule skips a process with ``isExecutable="false"``).

Node runs with ``TZ=--tz`` (UTC): the rule's date check reads the month in the machine's zone
(``rules/utils/iso8601.js``), so the script lints once more with ``TZ=America/Los_Angeles`` and
counts the verdicts that change.

isorepeat runs as ``isorepeat check --format json --now 2026-01-01T00:00:00Z`` on the corpus
directory, each file read as the engine it names or its namespaces show. A traceback (exit 2,
"internal error") makes the script check each file alone, in this process, and print the files
and tracebacks. Each diagnostic is put on the timer whose text holds its line and column
(:func:`isorepeat.bpmn.document.read_bpmn`'s positions).

Per timer: bpmnlint *flags* it when the rule reports its event; isorepeat when it has an error or
a warning there (notes, IR311 and IR312, are not verdicts). The disagreements are sorted into
classes, each with a count, an example and why; ``--table`` writes every timer as TSV (file, line,
column, kind, element, engine, text, bpmnlint's verdict, isorepeat's codes, class).

Timed, the median of ``--runs`` runs: ``isorepeat check DIR`` in a subprocess (start-up
included) and ``check_paths([DIR])`` in process; ``bpmnlint FILES`` (``npx``, every file in one
process, start-up included), ``lint-corpus.js`` (the Node API, one process, start-up included)
and ``npx bpmnlint FILE`` once per file (``--sample`` files timed, the total extrapolated, ``~``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

NOW = "2026-01-01T00:00:00Z"
_NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)
PACKAGES = ("bpmnlint", "bpmnlint-plugin-camunda-compat", "zeebe-bpmn-moddle")
RULE = "camunda-compat/timer"
_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "bpmn" / "files"
_ENGINE_MODULES = ("isorepeat.bpmn.zeebe", "isorepeat.bpmn.camunda7", "isorepeat.bpmn.flowable")

_LINT_JS = r"""// Written by isorepeat's benchmarks/bpmnlint_compare.py: lints BPMN files in one Node process
// with bpmnlint's Linter and NodeResolver (what the bpmnlint command runs), the camunda-compat
// rules' version per file as the Camunda Modeler sets it. argv[2]: a JSON job
// {"default_version", "rc", "files"}; prints {"seconds", "results"}.
const { readFileSync } = require('node:fs');
const { BpmnModdle } = require('bpmn-moddle');
const Linter = require('bpmnlint/lib/linter');
const NodeResolver = require('bpmnlint/lib/resolver/node-resolver');

async function main() {
  const job = JSON.parse(readFileSync(process.argv[2], 'utf-8'));
  const extensions = {};
  for (const [ key, path ] of Object.entries(job.rc.moddleExtensions || {})) {
    extensions[key] = require(path);
  }
  const moddle = new BpmnModdle(extensions);
  const linters = new Map();
  function linterFor(version) {
    if (!linters.has(version)) {
      const rules = {};
      for (const [ name, setting ] of Object.entries(job.rc.rules)) {
        rules[name] = Array.isArray(setting) ? [ setting[0], { ...setting[1], version } ] : setting;
      }
      linters.set(version, new Linter({ config: { rules }, resolver: new NodeResolver() }));
    }
    return linters.get(version);
  }
  const started = process.hrtime.bigint();
  const results = [];
  for (const file of job.files) {
    const xml = readFileSync(file, 'utf-8');
    const result = { file, platform: null, platformVersion: null, version: job.default_version,
                     parseError: null, importWarnings: [], reports: [], timers: [] };
    let root;
    try {
      const parsed = await moddle.fromXML(xml);
      root = parsed.rootElement;
      result.importWarnings = (parsed.warnings || []).map(w => String(w.message).split('\n')[0]);
    } catch (error) {
      result.parseError = String(error.message).split('\n')[0];
      results.push(result);
      continue;
    }
    for (const [ key, value ] of Object.entries(root.$attrs || {})) {
      if (key.endsWith(':executionPlatform')) result.platform = value;
      if (key.endsWith(':executionPlatformVersion')) result.platformVersion = value;
    }
    if (result.platform === 'Camunda Cloud' && result.platformVersion) {
      result.version = result.platformVersion.split('.').slice(0, 2).join('.');
    }
    const seen = new Set();
    (function walk(element, parent, executable) {
      if (!element || typeof element !== 'object' || !element.$type || seen.has(element)) return;
      seen.add(element);
      if (element.$type === 'bpmn:Process') {
        const flag = element.get('isExecutable');
        executable = flag === undefined ? 'absent' : flag === true;
      }
      if (element.$type === 'bpmn:TimerEventDefinition' && parent) {
        for (const kind of [ 'timeCycle', 'timeDate', 'timeDuration' ]) {
          const value = element.get(kind);
          if (value) {
            result.timers.push({ id: parent.id || null, kind, executable,
                                 body: value.body === undefined ? null : value.body });
          }
        }
      }
      const descriptor = element.$descriptor;
      for (const property of (descriptor && descriptor.properties) || []) {
        if (property.isReference || property.isAttr) continue;
        const child = element[property.name];
        if (Array.isArray(child)) child.forEach(item => walk(item, element, executable));
        else walk(child, element, executable);
      }
    })(root, null, null);
    try {
      const reports = await linterFor(result.version).lint(root);
      for (const [ rule, items ] of Object.entries(reports)) {
        for (const item of items) {
          result.reports.push({ rule, id: item.id || null, message: String(item.message),
                                category: item.category, path: item.path || null });
        }
      }
    } catch (error) {
      result.reports.push({ rule: 'lint', id: null, message: String(error && error.message),
                            category: 'rule-error', path: null });
    }
    results.push(result);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  process.stdout.write(JSON.stringify({ seconds, results }));
}

main().catch(error => { console.error(error); process.exit(2); });
"""


# -- bpmnlint ------------------------------------------------------------------------------------


def _rc(version: str) -> dict[str, object]:
    return {
        "rules": {RULE: ["error", {"version": version}]},
        "moddleExtensions": {"zeebe": "zeebe-bpmn-moddle/resources/zeebe.json"},
    }


def prepare_env(env: Path, version: str) -> dict[str, str]:
    """bpmnlint and the plug-in in ``env`` (npm install when missing), the rc and the script;
    returns the installed versions."""
    env.mkdir(parents=True, exist_ok=True)
    if not all((env / "node_modules" / name / "package.json").exists() for name in PACKAGES):
        if not (env / "package.json").exists():
            subprocess.run(["npm", "init", "-y"], cwd=env, capture_output=True, check=True)
        print(f"npm install {' '.join(PACKAGES)} in {env}", flush=True)
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", *PACKAGES], cwd=env, capture_output=True, check=True
        )
    (env / ".bpmnlintrc").write_text(json.dumps(_rc(version), indent=2) + "\n", encoding="utf-8")
    (env / "lint-corpus.js").write_text(_LINT_JS, encoding="utf-8")
    versions = {}
    for name in (*PACKAGES, "bpmn-moddle"):
        package = json.loads((env / "node_modules" / name / "package.json").read_text(encoding="utf-8"))
        versions[name] = package["version"]
    return versions


def lint_corpus(env: Path, files: Sequence[Path], version: str, tz: str) -> tuple[float, dict[str, dict]]:
    """Runs lint-corpus.js; returns (wall seconds, start-up included; file name -> result)."""
    job = {"default_version": version, "rc": _rc(version), "files": [str(f) for f in files]}
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as handle:
        json.dump(job, handle)
    try:
        begin = time.perf_counter()
        done = subprocess.run(
            ["node", "lint-corpus.js", handle.name],
            cwd=env,
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "TZ": tz},
        )
        seconds = time.perf_counter() - begin
    finally:
        os.unlink(handle.name)
    if done.returncode != 0:
        raise RuntimeError(f"lint-corpus.js: exit {done.returncode}: {done.stderr[-500:]}")
    results = json.loads(done.stdout)["results"]
    return seconds, {Path(r["file"]).name: r for r in results}


def _bpmnlint_cli(env: Path, files: Sequence[Path], tz: str) -> float:
    begin = time.perf_counter()
    subprocess.run(
        ["npx", "--no-install", "bpmnlint", *map(str, files)],
        cwd=env,
        capture_output=True,
        check=False,
        env={**os.environ, "TZ": tz},
    )
    return time.perf_counter() - begin


# -- isorepeat -----------------------------------------------------------------------------------


def engines_ready() -> str | None:
    """None when isorepeat's engine models import, else why not."""
    done = subprocess.run(
        [sys.executable, "-c", "import " + ", ".join(_ENGINE_MODULES)],
        capture_output=True,
        text=True,
        check=False,
    )
    return None if done.returncode == 0 else done.stderr.strip().splitlines()[-1]


def isorepeat_cli(corpus: Path) -> tuple[float, subprocess.CompletedProcess[str]]:
    argv = [sys.executable, "-m", "isorepeat", "check", "--format", "json", "--now", NOW, str(corpus)]
    begin = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True, check=False)
    return time.perf_counter() - begin, done


def isorepeat_library(corpus: Path) -> float:
    from isorepeat.bpmn.check import check_paths

    begin = time.perf_counter()
    check_paths([corpus], now=_NOW)
    return time.perf_counter() - begin


def tracebacks(files: Sequence[Path]) -> dict[str, str]:
    """Each file checked alone in this process: file name -> traceback, for those that raise."""
    from isorepeat.bpmn.check import check_bpmn

    found = {}
    for path in files:
        try:
            check_bpmn([path], now=_NOW)
        except Exception:
            found[path.name] = traceback.format_exc()
    return found


# -- the timers side by side ---------------------------------------------------------------------

FILE_VIEW = "the file's engine"
ZEEBE_VIEW = "Camunda 8 (Zeebe)"


@dataclass
class Verdict:
    """isorepeat's findings on one timer, in one view."""

    codes: list[str] = field(default_factory=list)
    """every code (notes too)"""
    flagged: list[str] = field(default_factory=list)
    """the errors and warnings among them: isorepeat flags the timer"""
    messages: list[str] = field(default_factory=list)
    klass: str = "-"


@dataclass
class Row:
    file: str
    line: int
    column: int
    kind: str
    event: str
    event_id: str | None
    cancel_activity: bool | None
    in_event_subprocess: bool
    engine: str | None
    text: str
    expression: str | None
    platform: str | None = None
    version: str | None = None
    bpmnlint: str = "ok"
    """ok, flags, rule crashed, skipped (not executable), not checked, not read"""
    bpmnlint_message: str = ""
    bpmnlint_west: str = "ok"
    views: dict[str, Verdict] = field(default_factory=dict)

    @property
    def bpmnlint_flags(self) -> bool:
        return self.bpmnlint == "flags"


def _verdict(result: dict | None, event_id: str | None, kind: str) -> tuple[str, str]:
    if result is None or result["parseError"]:
        return "not read", "" if result is None else result["parseError"]
    reports = [r for r in result["reports"] if r["rule"] in (RULE, "lint")]
    crashed = [r for r in reports if r["category"] == "rule-error"]
    mine = [r for r in reports if r["id"] is not None and r["id"] == event_id and r not in crashed]
    if mine:
        return "flags", " / ".join(r["message"] for r in mine)
    if crashed:
        return "rule crashed", crashed[0]["message"].splitlines()[0]
    timers = [t for t in result["timers"] if t["id"] == event_id and t["kind"] == kind]
    if not timers:
        return "not checked", "not on a BPMN event (a Camunda 7 task listener's timer): no rule sees it"
    executable = timers[0]["executable"]
    if executable is None:
        return "not checked", "a timerEventDefinition outside any process: no rule sees it"
    if _at_least(result["version"], "8.2") and executable is not True:
        flag = "absent" if executable == "absent" else '"false"'
        return (
            "skipped (not executable)",
            f"isExecutable {flag}: skipped from 8.2 (rules/utils/rule.js:12, 46)",
        )
    return "ok", ""


def _at_least(version: str, floor: str) -> bool:
    def parts(text: str) -> tuple[int, ...]:
        return tuple(int(p) for p in re.findall(r"\d+", text)[:3])

    return parts(version) >= parts(floor)


def build_rows(
    files: Sequence[Path], linted: dict[str, dict], west: dict[str, dict], diagnostics: list[dict] | None
) -> list[Row]:
    """Every timer of the corpus, bpmnlint's verdict and (with ``diagnostics``) isorepeat's."""
    from isorepeat.bpmn.document import BpmnFileError, read_bpmn

    by_file: dict[str, list[dict]] = defaultdict(list)
    for diagnostic in diagnostics or []:
        by_file[Path(diagnostic["path"]).name].append(diagnostic)
    rows: list[Row] = []
    for path in files:
        try:
            document = read_bpmn(path.read_bytes(), str(path))
        except BpmnFileError:
            continue
        result = linted.get(path.name)
        where: dict[tuple[int, int], Row] = {}
        for timer in document.timers:
            row = Row(
                path.name,
                timer.line,
                timer.column,
                timer.kind,
                timer.event,
                timer.event_id,
                timer.cancel_activity,
                timer.in_event_subprocess,
                document.engine.name,
                timer.text,
                timer.expression,
            )
            if result is not None:
                row.platform, row.version = result["platform"], result["version"]
            row.bpmnlint, row.bpmnlint_message = _verdict(result, timer.event_id, timer.kind)
            row.bpmnlint_west = _verdict(west.get(path.name), timer.event_id, timer.kind)[0]
            for index in range(len(timer.text) + 1):
                where.setdefault(timer.position(index), row)
            where.setdefault((timer.line, timer.column), row)
            where.setdefault((timer.element_line, timer.element_column), row)
            rows.append(row)
        if diagnostics is None:
            continue
        for row in rows[len(rows) - len(document.timers) :]:
            row.views[FILE_VIEW] = Verdict()
        for diagnostic in by_file.get(path.name, []):
            row = where.get((diagnostic["line"], diagnostic["col"]))
            if row is None:
                continue  # a file's own note (IR312) or an unreadable file (IR301)
            _add(row.views[FILE_VIEW], diagnostic["code"], diagnostic["severity"], diagnostic["message"])
    return rows


def _add(verdict: Verdict, code: str, severity: str, message: str) -> None:
    verdict.codes.append(code)
    verdict.messages.append(f"{code} {message}")
    if severity in ("error", "warning"):
        verdict.flagged.append(code)


def add_zeebe_view(rows: Sequence[Row]) -> None:
    """isorepeat's Zeebe model on every timer (``check_timer(dialect="zeebe")``), as the rule
    judges every file for Camunda 8. A FEEL expression (``=``) is left out: neither tool knows
    its value. ``check_timer`` knows the element and ``cancelActivity`` but not an event
    subprocess: its start events are checked as a process's."""
    from isorepeat.bpmn.check import check_timer

    for row in rows:
        verdict = Verdict()
        row.views[ZEEBE_VIEW] = verdict
        if row.expression == "feel":
            continue
        found = check_timer(
            row.text,
            dialect="zeebe",
            kind=row.kind,  # type: ignore[arg-type]
            event=row.event,
            cancel_activity=row.cancel_activity,
            now=_NOW,
        )
        for diagnostic in found:
            _add(verdict, diagnostic.code, diagnostic.severity, diagnostic.message)


# -- the classes of disagreement -----------------------------------------------------------------


@dataclass(frozen=True)
class Klass:
    name: str
    applies: Callable[[Row, Verdict], bool]
    why: str
    views: tuple[str, ...] = (FILE_VIEW, ZEEBE_VIEW)


_DATE = re.compile(r"\d{4}-\d\d-\d\d")
_END_FORM = re.compile(r"^R[^/]*/P[^/]*/.|^R[^/]*/\d{4}-[^/]*/\d{4}-")


def _bl_only(row: Row, verdict: Verdict) -> bool:
    return row.bpmnlint_flags and not verdict.flagged


def _iso_only(row: Row, verdict: Verdict) -> bool:
    return bool(verdict.flagged) and not row.bpmnlint_flags


CLASSES = [
    # -- bpmnlint flags, isorepeat does not
    Klass(
        "bpmnlint: this element may not hold this kind of timer",
        lambda r, v: _bl_only(r, v) and r.bpmnlint_message.startswith("Property <"),
        "timer/config.js:9-41 allows no timeDuration on a start event outside an event subprocess "
        "and no timeCycle on an intermediate catch event or an interrupting boundary event, as "
        "Camunda 8's documentation says; Camunda 7, Flowable and Activiti run them. Zeebe's own "
        "validators refuse the two timeCycle cases, not the start event's timeDuration, which its "
        "catch-event transformer fires once (CatchEventTransformer.java:115-121).",
    ),
    Klass(
        "bpmnlint: an EL expression, ${...} or #{...}",
        lambda r, v: _bl_only(r, v) and r.expression == "el",
        "The rule takes an expression only if it starts with '=' (FEEL, timer/index.js:140-144); "
        "Camunda 7, Flowable and Activiti evaluate ${...} and #{...} before they read the value, "
        "and isorepeat, which cannot know the value, leaves such a timer alone.",
        (FILE_VIEW,),
    ),
    Klass(
        "bpmnlint: a cycle with an end (R/period/end)",
        lambda r, v: _bl_only(r, v) and r.kind == "timeCycle" and _END_FORM.search(r.text) is not None,
        "ISO_CYCLE is R[n]/[start/]period only (iso8601.js:15): no start/end, no period/end form. "
        "ISO 8601 has them; Camunda 7, Flowable and Activiti read R/period/end (the end is when "
        "the cycle stops), and isorepeat checks the file's engine (here none: ISO 8601).",
    ),
    Klass(
        "bpmnlint: a date-time without seconds or an offset, or a date alone",
        lambda r, v: _bl_only(r, v) and _DATE.search(r.text) is not None,
        "ISO_DATE is YYYY-MM-DDTHH:MM:SS then Z or ±hh:mm (iso8601.js:7-11): seconds and an offset "
        "are required, a date alone is refused. java.time's ZonedDateTime.parse (Zeebe) takes "
        "HH:MM; Camunda 7, Flowable and Activiti (Joda-Time's ISO parser) take HH:MM, a date alone "
        "and no offset, read in the JVM's zone.",
    ),
    Klass(
        "bpmnlint: a cron expression its regex does not know",
        lambda r, v: _bl_only(r, v) and "IR311" in v.codes,
        "CRON_REGEX (cron.js:55, 59) has six fields and no step ('1/1') in the day of the month; "
        "Spring's cron (Zeebe) and cron-utils' (Camunda 7) take '1/1' there. isorepeat leaves "
        "cron unchecked (IR311, a note).",
    ),
    Klass(
        "bpmnlint flags, isorepeat does not: other",
        _bl_only,
        "see the example",
    ),
    # -- isorepeat flags, bpmnlint does not
    Klass(
        "isorepeat: bpmnlint's rule crashed on the file",
        lambda r, v: _iso_only(r, v) and r.bpmnlint == "rule crashed",
        "isNonExecutableProcess (rules/utils/rule.js:41-42) calls is() on a BPMNPlane's "
        "bpmnElement, which is undefined when it names no element; the TypeError ends the rule for "
        "the whole file and bpmnlint prints a rule error instead: no timer in the file is checked.",
    ),
    Klass(
        "isorepeat: bpmnlint skips the process (isExecutable absent or false)",
        lambda r, v: _iso_only(r, v) and r.bpmnlint.startswith("skipped"),
        "From version 8.2 the rule skips a process whose isExecutable is not true "
        "(rules/utils/rule.js:12, 46): absent counts as false. Flowable and Activiti deploy such a "
        "process (their Process.java: executable = true); Camunda 7 skips it on a new deployment "
        "(BpmnParse.java:560-573), so isorepeat's finding on such a timer there is moot.",
    ),
    Klass(
        "isorepeat: a timer no bpmnlint rule sees",
        lambda r, v: _iso_only(r, v) and r.bpmnlint == "not checked",
        'A Camunda 7 task listener\'s timeout (camunda:taskListener event="timeout") is in '
        "extensionElements, and a timerEventDefinition at the top level is not an event's: the rule "
        "only looks at events' eventDefinitions[0] (element.js:80-86).",
    ),
    Klass(
        "isorepeat: the engine rejects a text the regexes accept",
        lambda r, v: _iso_only(r, v) and "IR300" in v.flagged,
        "The rule's regexes are not the engine's parser: see the example's message.",
    ),
    Klass(
        "isorepeat: what the engine will do with a valid timer",
        _iso_only,
        "A start or a date already past at the deployment (IR303, IR310), a repeat count the engine "
        "counts differently (IR302), a start without an offset (IR316), a cycle that can fire once "
        "(IR305): the rule only matches the text's shape (iso8601.js, cron.js) and never computes a "
        "fire, so it has nothing to say about them.",
    ),
]


def classify(row: Row, view: str) -> str:
    verdict = row.views[view]
    if row.bpmnlint_flags == bool(verdict.flagged):
        return "agree: both flag" if verdict.flagged else "agree: neither flags"
    for klass in CLASSES:
        if view in klass.views and klass.applies(row, verdict):
            return klass.name
    return "unclassified"


# -- output --------------------------------------------------------------------------------------


def _median(run: Callable[[], float], runs: int) -> float:
    return statistics.median(run() for _ in range(runs))


_COLUMNS = (
    "file", "line", "column", "kind", "event", "engine", "platform", "version", "text", "bpmnlint",
    "bpmnlint_message", "bpmnlint_tz_west", "isorepeat_codes", "class", "isorepeat_messages",
    "zeebe_codes", "zeebe_class", "zeebe_messages",
)  # fmt: skip


def _write_table(rows: Sequence[Row], path: Path) -> None:
    lines = ["\t".join(_COLUMNS)]
    for r in rows:
        cells: list[object] = [r.file, r.line, r.column, r.kind, r.event, r.engine or "-"]
        cells += [
            r.platform or "-",
            r.version or "-",
            r.text,
            r.bpmnlint,
            r.bpmnlint_message,
            r.bpmnlint_west,
        ]
        for view in (FILE_VIEW, ZEEBE_VIEW):
            verdict = r.views.get(view, Verdict())
            cells += [",".join(verdict.codes) or "-", verdict.klass, " | ".join(verdict.messages)]
        lines.append("\t".join(str(c).replace("\t", " ").replace("\n", "\\n") for c in cells))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _short(text: str, size: int = 70) -> str:
    text = text.replace("\n", "\\n")
    return text if len(text) <= size else text[: size - 1] + "…"


def print_classes(rows: Sequence[Row], view: str) -> None:
    print(f"\nclasses, isorepeat reading each timer as {view}:")
    counts = Counter(r.views[view].klass for r in rows if view in r.views)
    names = ["agree: both flag", "agree: neither flags", *(k.name for k in CLASSES), "unclassified"]
    for name in dict.fromkeys(names):
        if not counts[name]:
            continue
        members = [r for r in rows if r.views[view].klass == name]
        example = members[0]
        verdict = example.views[view]
        print(f"\n  {counts[name]:4d}  {name}")
        where = f"{example.file}:{example.line}:{example.column}"
        print(f"        e.g. {where} ({example.event}, {example.engine}) {example.text!r}")
        print(f"        bpmnlint: {example.bpmnlint} {_short(example.bpmnlint_message)}")
        print(f"        isorepeat: {_short(' | '.join(verdict.messages) or 'nothing', 200)}")
        print(f"        engines: {dict(Counter(r.engine or 'none' for r in members))}")


def _timings(args: argparse.Namespace, files: Sequence[Path]) -> list[tuple[str, float, str]]:
    lint_times = [lint_corpus(args.env, files, args.version, args.tz)[0] for _ in range(args.runs)]
    cli_seconds = _median(lambda: _bpmnlint_cli(args.env, files, args.tz), args.runs)
    sample = files[: args.sample]
    per_file = sum(_bpmnlint_cli(args.env, [f], args.tz) for f in sample) / max(1, len(sample)) * len(files)
    return [
        (f"bpmnlint FILES (npx, one process, TZ={args.tz})", cli_seconds, " "),
        ("bpmnlint Node API, lint-corpus.js (one process)", statistics.median(lint_times), " "),
        (f"npx bpmnlint FILE, a process per file ({len(sample)} timed)", per_file, "~"),
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--corpus", type=Path, default=_CORPUS, help="the directory of *.bpmn files")
    parser.add_argument("--env", type=Path, default=Path("/tmp/bpmnlint-env"), help="npm directory")
    parser.add_argument("--version", default="8.8", help="Camunda 8 version of a file that names none")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per contender (median)")
    parser.add_argument("--sample", type=int, default=10, help="files timed for npx bpmnlint FILE")
    parser.add_argument("--tz", default="UTC", help="TZ of the Node process")
    parser.add_argument("--table", type=Path, help="write every timer side by side as TSV")
    args = parser.parse_args(argv)

    files = sorted(args.corpus.glob("*.bpmn")) if args.corpus.is_dir() else []
    if not files:
        print(f"skipped: no BPMN corpus at {args.corpus} (pass --corpus DIR)")
        return 0
    node = subprocess.run(["node", "--version"], capture_output=True, text=True, check=False).stdout.strip()
    versions = prepare_env(args.env, args.version)
    print(
        f"Python {platform.python_version()} on {platform.machine()} {platform.system()}, "
        f"{os.cpu_count()} CPUs; Node {node}; {', '.join(f'{k} {v}' for k, v in versions.items())}; "
        f"isorepeat {metadata.version('isorepeat')}; {datetime.now(timezone.utc):%Y-%m-%d}"
    )
    print(f"{len(files)} files in {args.corpus}; bpmnlint: {RULE} only, TZ={args.tz}; isorepeat: --now {NOW}")

    _, linted = lint_corpus(args.env, files, args.version, args.tz)
    _, west = lint_corpus(args.env, files, args.version, "America/Los_Angeles")
    timings = _timings(args, files)
    crashed = [name for name, r in linted.items() if any(x["category"] == "rule-error" for x in r["reports"])]
    unread = [name for name, r in linted.items() if r["parseError"]]
    print(f"bpmnlint: the rule crashed on {len(crashed)} files, bpmn-moddle refused {len(unread)}")

    why_not = engines_ready()
    diagnostics: list[dict] | None = None
    if why_not is not None:
        print(f"\nisorepeat side not run: the engine models do not import yet ({why_not})")
    else:
        runs = [isorepeat_cli(args.corpus) for _ in range(args.runs)]
        done = runs[-1][1]
        timings.append(
            ("isorepeat check --format json DIR (subprocess)", statistics.median(s for s, _ in runs), " ")
        )
        library = _median(lambda: isorepeat_library(args.corpus), args.runs)
        timings.append(("isorepeat check_paths([DIR]) in process", library, " "))
        if done.returncode in (0, 1):
            diagnostics = json.loads(done.stdout)
        else:
            print(f"\nisorepeat check failed (exit {done.returncode}): {done.stderr.strip()[-500:]}")
        for name, text in tracebacks(files).items():
            print(f"\n--- isorepeat traceback on {name}:\n{text}")

    rows = build_rows(files, linted, west, diagnostics)
    if diagnostics is not None:
        add_zeebe_view(rows)
        for row in rows:
            for view, verdict in row.views.items():
                verdict.klass = classify(row, view)

    print(f"\ntimings (median of {args.runs}), {len(files)} files, {len(rows)} timers:")
    for label, seconds, mark in timings:
        print(f"  {label:<58} {mark}{seconds:7.2f} s  {seconds / len(files) * 1e3:7.2f} ms/file")

    changed = [r for r in rows if r.bpmnlint != r.bpmnlint_west]
    print(f"\nbpmnlint under TZ=America/Los_Angeles: {len(changed)} timer verdicts change")
    for r in changed:
        print(f"  {r.file}:{r.line}:{r.column} {r.text!r}: {r.bpmnlint} -> {r.bpmnlint_west}")

    print("\nbpmnlint verdicts:", dict(Counter(r.bpmnlint for r in rows)))
    if diagnostics is not None:
        for view in (FILE_VIEW, ZEEBE_VIEW):
            codes = Counter(c for r in rows for c in r.views[view].codes)
            print(f"isorepeat codes on timers, as {view}:", dict(codes.most_common()))
        for view in (FILE_VIEW, ZEEBE_VIEW):
            print_classes(rows, view)
        print("\nwhy:")
        for klass in CLASSES:
            print(f"  {klass.name}: {klass.why}")
    if args.table:
        _write_table(rows, args.table)
        print(f"\nevery timer: {args.table}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
