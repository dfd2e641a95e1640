"""Job documents as properties (STYLE §2.9, SEMANTICS §8): whatever the text, ``check_jobs`` returns
well-formed diagnostics located inside the file, and the command line exits 0, 1 or 2.

Documents start from real job files (read from ``../shared/corpus``,
broken ones and a job list included) and are mutated as text (characters deleted, inserted,
replaced, JSON escapes such as ``\\/``, ``\\u0052`` and lone surrogates written in) or as JSON
(values swapped, retyped, nested, keys repeated, jobs duplicated or made each other's parents)
and written back with random spacing and escaping. A schedule and a name whose escapes the test
wrote itself show that ``line``/``col`` land on the very character a finding names
(``schedule_column``; the name's first bad character for IR102). The real corpus, when it sits
beside the checkout, is checked file by file and as one set.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import json
import os
import random
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final

import pytest
from hypothesis import example, given, note
from hypothesis import strategies as st

from isorepeat.chronos import Diagnostic, Source, check_jobs
from isorepeat.chronos.diagnostics import CODES
from isorepeat.cli.app import main
from tests.paths import SHARED

from .strategies import HARD_SCHEDULES, SETTINGS, fast_shape_texts, mutations, schedules

SHARED_CORPUS = SHARED / "corpus"
# The real job files the properties start from, read from ../shared/corpus (never copied into
# the project): broken ones, a job list and escaped slashes among them. Absent: tests skip.
CORPUS_FILES = (
    "chronos-jobs/LREN-CHUV__woken__2.json",
    "chronos-jobs/adamjkeller__vault-ecs__1.json",
    "chronos-jobs/betterdoctor__duncan__1.json",
    "chronos-jobs/ddragosd__ffmpeg-vod-transcoder__1.json",
    "chronos-jobs/jobrapido__mail-jobseeker-extractor__1.json",
    "chronos-jobs/mesos__chronos__1.json",
    "chronos-jobs/mesos__chronos__10.json",
    "chronos-jobs/mesos__chronos__15.json",
    "chronos-jobs/mesos__chronos__2.json",
    "chronos-jobs/mesos__chronos__269.json",
    "chronos-jobs/mesos__chronos__270.json",
    "chronos-joblists/mesos__chronos__stubs-jobs.json",
    "chronos-jobs/trivago__chapi__1.json",
    "chronos-jobs/trivago__chapi__3.json",
)
CORPUS: dict[str, str] = {
    (SHARED_CORPUS / name).name: (SHARED_CORPUS / name).read_text(encoding="utf-8")
    for name in CORPUS_FILES
    if (SHARED_CORPUS / name).is_file()
}
needs_corpus = pytest.mark.skipif(
    not CORPUS, reason=f"{SHARED_CORPUS} is not here (it sits beside the checkout in development)"
)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # as flake8, ruff and GitHub count lines


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


VALID_CORPUS = sorted(name for name, text in CORPUS.items() if _is_json(text))


# -- the contract --------------------------------------------------------------------------------


def _offset(text: str, line: int, col: int) -> int:
    """The offset of 1-based (line, col) in ``text``, lines counted as ``_LINE_BREAK`` splits them."""
    starts = [0, *(match.end() for match in _LINE_BREAK.finditer(text))]
    return starts[line - 1] + col - 1


def _assert_well_formed(diagnostics: list[Diagnostic], texts: dict[str, str]) -> None:
    """Known code, its severity, a one-line message, and a position inside its file (S2, §8)."""
    for d in diagnostics:
        assert d.code in CODES, d
        assert d.severity == CODES[d.code][0], d
        assert d.path in texts, d
        lines = _LINE_BREAK.split(texts[d.path])
        assert 1 <= d.line <= len(lines), (d, len(lines))
        assert 1 <= d.col <= len(lines[d.line - 1]) + 1, (d, lines[d.line - 1])
        assert d.message, d
        assert d.message == d.message.strip(), d
        assert "\n" not in d.message, d
        assert d.hint is None or (d.hint.strip() and "\n" not in d.hint), d
        assert d.schedule_column is None or d.schedule_column >= 0, d
    assert diagnostics == sorted(diagnostics, key=lambda d: (d.path, d.line, d.col, d.code))


def _check(text: str, path: str = "jobs/job.json", *, complete: bool = False) -> list[Diagnostic]:
    diagnostics = check_jobs([Source(path, text)], complete=complete)  # any exception fails the test
    _assert_well_formed(diagnostics, {path: text})
    return diagnostics


@needs_corpus
def test_corpus_copy_is_present() -> None:
    assert len(CORPUS) >= 10, f"no job files in {SHARED_CORPUS}"
    assert set(CORPUS) - set(VALID_CORPUS), "the corpus copy must hold broken documents too"
    assert any(text.lstrip().startswith("[") for text in CORPUS.values()), "and a job list"
    assert any("\\/" in text for text in CORPUS.values()), "and escaped slashes"


# -- text mutations ------------------------------------------------------------------------------

_ESCAPES = [
    "\\/",
    "\\u0052",  # R
    "\\u002F",  # /
    "\\u002f",
    "\\u0050",  # P
    "\\n",
    '\\"',
    "\\\\",
    "\\t",
    "\\u00e9",
    "\\ud83d\\ude00",  # a surrogate pair: one character
    "\\ud800",  # lone surrogates
    "\\udfff",
    "\\ud83d",
    "\\x41",  # not JSON escapes
    "\\u12",
    "\\",
]
_PIECES = [
    "{", "}", "[", "]", '"', ",", ":", " ", "\n", "\r\n", "\r", "\t", "null", "true", "false", "0",
    "-1", "1e400", "-0.0", "NaN", "Infinity", '"schedule"', '"parents"', '"name"', '"epsilon"',
    '"scheduleTimeZone"', '"uris"', '"fetch"', "\ufeff", "\u2028", "\x00", "\x0b", "é", "😀", "R/",
    "PT1M", "P1M", "Z", "T", "-", "+05:30", "2012-01-31", "R0", "//", "\u00a0", "٣",
]  # fmt: skip


@st.composite
def text_mutations(draw: st.DrawFn, text: str) -> str:
    """One to four edits, half of them in or near a ``"schedule"`` value when there is one."""
    for _ in range(draw(st.integers(1, 4))):
        anchors = [match.end() for match in re.finditer(r'"schedule"\s*:\s*"', text)]
        near_schedule = draw(st.booleans())
        if anchors and near_schedule:
            at = min(len(text), draw(st.sampled_from(anchors)) + draw(st.integers(0, 40)))
        else:
            at = draw(st.integers(0, len(text)))
        edit = draw(st.sampled_from(["delete", "insert", "replace", "escape", "duplicate", "truncate"]))
        if edit == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 8)) :]
        elif edit == "insert":
            text = text[:at] + draw(st.sampled_from(_PIECES) | st.text(max_size=4)) + text[at:]
        elif edit == "replace":
            text = text[:at] + draw(st.sampled_from(_PIECES)) + text[at + 1 :]
        elif edit == "escape":
            text = text[:at] + draw(st.sampled_from(_ESCAPES)) + text[at:]
        elif edit == "duplicate":
            end = min(len(text), at + draw(st.integers(1, 60)))
            text = text[:end] + text[at:end] + text[end:]
        else:
            text = text[:at]
    return text


@st.composite
def mutated_corpus_documents(draw: st.DrawFn) -> str:
    return draw(text_mutations(CORPUS[draw(st.sampled_from(sorted(CORPUS)))]))


@needs_corpus
@given(mutated_corpus_documents())
@SETTINGS
@example("")
@example("\ufeff{}")
@example('{"schedule": "R\\/2014-09-25T17:22:00Z\\/PT2M\\ud800", "name": "x"}')
@example('{"schedule": "\\u0052/2012-01-31T00:00:00Z/P1M", "name": "x"}')
@example('[{"name": "a", "parents": ["b"]}, {"name": "b", "parents": ["a"]}, 3]')
@example('{"name": "a", "name": "b", "schedule": "R/1969-01-01T00:00:00Z/PT1S"}')
@example('{"schedule": "R/2012-01-01T00:00:00Z/PT1M"}\r\n\r{"x": 1}')
def test_mutated_text_gives_diagnostics_inside_the_file(text: str) -> None:
    note(f"document: {text!r}")
    _check(text)


# -- JSON mutations ------------------------------------------------------------------------------

_SCHEDULES = sorted(
    {text for text, _ in HARD_SCHEDULES}
    | {
        "",
        "R",
        "R//",
        "R0//PT0S",
        "R/T05:50Z/PT1H",
        "R-1/2012-01-01T00:00:00Z/P1D",
        "R/2012-01-31T00:00:00Z/P1M",
        "R/1969-12-31T23:59:59Z/PT1S",
        "R/2012-01-01T00:00:00.0000001Z/PT0.0001S",
        "R/2012-01-01T00:00:00/P1Y",
        "R1/2012-01-01T00:00:00Z/PT0S",
        "R/2012-01-01T00:00:00+05:00/P1D",
        "R/2012-01-01T00:00:00Z/-PT1M",
        "{{.Schedule}}",
        "1//",
        "R/２０１２-01-01T00:00:00Z/P1D",
    }
)
_ODD_VALUES: list[Any] = [
    0, -1, 1.5, 1e300, True, False, None, "", [], {}, [1], ["a", None], {"a": 1}, "PT15M", "PST",
    "America/Los_Angles", "x y", "😀", "\u2028", "\ud800", "a" * 300,
]  # fmt: skip
_ODD_CHARACTERS = ["é", "😀", "\u2028", "\x00", "\ud800", "\\", '"', "/"]
_KEYS = [
    "name", "schedule", "scheduleTimeZone", "epsilon", "parents", "uris", "fetch",
    "scheduleTimezone", "schedule_time_zone", "Schedule", "parent", "command", "",
]  # fmt: skip


def _jobs(document: Any) -> list[dict[str, Any]]:
    if isinstance(document, dict):
        return [document]
    if isinstance(document, list):
        return [item for item in document if isinstance(item, dict)]
    return []


def _mutate_job(job: dict[str, Any], names: list[str], rng: random.Random) -> None:
    keys = list(job)
    edit = rng.choice(["swap", "retype", "nest", "delete", "add", "schedule", "unicode", "parents"])
    if edit == "swap" and len(keys) >= 2:
        a, b = rng.sample(keys, 2)
        job[a], job[b] = job[b], job[a]
    elif edit == "retype" and keys:
        job[rng.choice(keys)] = rng.choice(_ODD_VALUES)
    elif edit == "nest" and keys:
        key = rng.choice(keys)
        job[key] = rng.choice([[job[key]], {"value": job[key]}])
    elif edit == "delete" and keys:
        del job[rng.choice(keys)]
    elif edit == "add":
        job[rng.choice(_KEYS)] = rng.choice([*_ODD_VALUES, *_SCHEDULES])
    elif edit == "schedule":
        job["schedule"] = rng.choice(_SCHEDULES)
        if rng.random() < 0.5:
            job["scheduleTimeZone"] = rng.choice(["", "UTC", "PST", "EST", "BST", "Europe/Berlin", "Mars/X"])
    elif edit == "unicode":
        key = rng.choice(["name", "schedule"])
        value = str(job.get(key, ""))
        at = rng.randint(0, len(value))
        job[key] = value[:at] + rng.choice(_ODD_CHARACTERS) + value[at:]
    elif edit == "parents":
        if rng.random() < 0.5:
            job.pop("schedule", None)
        parents = rng.sample(names, k=min(len(names), rng.randint(1, 3)))
        job["parents"] = parents + rng.choice([[], ["nobody"]])  # itself, others, unknown: IR104/105


def _mutate(document: Any, rng: random.Random) -> Any:
    for _ in range(rng.randint(1, 4)):
        jobs = _jobs(document)
        roll = rng.random()
        if roll < 0.1:
            document = [document] if not isinstance(document, list) else (document[0] if document else {})
        elif roll < 0.15:
            document = rng.choice([None, 3, "job", True])
        elif roll < 0.25 and isinstance(document, list) and document:
            document.append(json.loads(json.dumps(rng.choice(document))))  # a duplicate job: IR103
        elif jobs:
            names = [str(job.get("name")) for job in jobs]
            _mutate_job(rng.choice(jobs), names, rng)
    return document


def _string(text: str, rng: random.Random) -> str:
    """A JSON string for ``text``, each character written plainly or as one of its escapes."""
    if rng.random() < 0.6:
        return json.dumps(text, ensure_ascii=rng.random() < 0.2)
    out = ['"']
    for char in text:
        code = ord(char)
        if code > 0xFFFF and rng.random() < 0.5:
            high, low = divmod(code - 0x10000, 0x400)
            out.append(f"\\u{0xD800 + high:04x}\\u{0xDC00 + low:04X}")
        elif char in '"\\' or code < 0x20 or 0xD800 <= code < 0xE000 or rng.random() < 0.15:
            out.append(json.dumps(char)[1:-1] if code < 0xD800 and rng.random() < 0.5 else f"\\u{code:04x}")
        elif char == "/" and rng.random() < 0.5:
            out.append("\\/")
        else:
            out.append(char)
    return "".join(out) + '"'


def _dump(value: Any, rng: random.Random) -> str:
    """JSON for ``value`` with random spacing and escaping; a repeated key now and then."""

    def space() -> str:
        return rng.choice(["", "", " ", "\n", "\n  ", "\r\n", "\t"])

    if isinstance(value, dict):
        items = list(value.items())
        if items and rng.random() < 0.05:
            items.insert(0, (rng.choice(items)[0], rng.choice(_ODD_VALUES)))  # IR215
        members = [
            f"{space()}{_string(key, rng)}{space()}:{space()}{_dump(item, rng)}" for key, item in items
        ]
        return "{" + ",".join(members) + space() + "}"
    if isinstance(value, list):
        return "[" + ",".join(space() + _dump(item, rng) for item in value) + space() + "]"
    if isinstance(value, str):
        return _string(value, rng)
    return json.dumps(value)


@needs_corpus
@given(st.sampled_from(VALID_CORPUS), st.integers(0, 2**32 - 1))
@SETTINGS
def test_mutated_json_gives_diagnostics_inside_the_file(name: str, seed: int) -> None:
    rng = random.Random(seed)
    text = _dump(_mutate(json.loads(CORPUS[name]), rng), rng)
    note(f"document: {text!r}")
    _check(text, "jobs/" + name, complete=rng.random() < 0.5)  # complete: unknown parents too (IR104)


# -- the schedule's characters, through the escapes ----------------------------------------------

_LONE_SURROGATES = ["\ud800", "\udbff", "\udc00", "\udfff"]


@st.composite
def schedule_texts(draw: st.DrawFn) -> str:
    text = draw(
        st.one_of(
            schedules().map(lambda pair: pair[0]),
            fast_shape_texts(),
            mutations(st.sampled_from(_SCHEDULES)),
            st.sampled_from(_SCHEDULES),
            st.text(st.sampled_from("R/0123456789-:TZPYMWDHS.,+ é😀"), max_size=40),
        )
    )
    if draw(st.integers(0, 9)) == 0:
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(_LONE_SURROGATES)) + text[at:]
    return text


@st.composite
def encoded_strings(draw: st.DrawFn, text: str) -> tuple[str, list[int]]:
    """``text`` as a JSON string with escapes chosen per character, and where each character
    starts in it (the last entry: the closing quote)."""
    out = ['"']
    starts = []
    length = 1
    for char in text:
        code = ord(char)
        forms = [f"\\u{code:04x}", f"\\u{code:04X}"]
        if code > 0xFFFF:
            high, low = divmod(code - 0x10000, 0x400)
            forms = [char, f"\\u{0xD800 + high:04x}\\u{0xDC00 + low:04x}"]
        elif 0xD800 <= code < 0xE000:
            pass  # a lone surrogate can only be written as an escape
        elif char in '"\\' or code < 0x20:
            forms.append(json.dumps(char)[1:-1])
        else:
            forms += [char] * 3 + (["\\/"] * 2 if char == "/" else [])
        form = draw(st.sampled_from(forms))
        starts.append(length)
        out.append(form)
        length += len(form)
    starts.append(length)
    return "".join(out) + '"', starts


def _decoded_at(text: str, offset: int) -> str:
    """The character that starts at ``offset`` inside a JSON string, its escape decoded."""
    if text[offset] != "\\":
        return text[offset]
    if text[offset + 1] != "u":
        return str(json.loads(f'"{text[offset : offset + 2]}"'))
    pair = re.match(r"\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}", text[offset:])
    length = 12 if pair else 6
    return str(json.loads(f'"{text[offset : offset + length]}"'))


_JAVA_WORD: Final = re.compile(r"[A-Za-z0-9_.-]")  # Chronos's [\w.-], Java's ASCII \w
_NAMES: Final = st.one_of(
    st.sampled_from(["x", "", "a b", "${APP}-job", "billing.v2", "nightly/report", "{{.TaskName}}"]),
    st.text(st.sampled_from('ab_-.09 é😀/\\"\t#$\u2028'), max_size=12),
)


def _has_pair(text: str) -> bool:
    """Two lone surrogates, high then low: written as escapes, JSON reads them as one character."""
    return any("\ud800" <= a <= "\udbff" and "\udc00" <= b <= "\udfff" for a, b in itertools.pairwise(text))


@given(st.data())
@SETTINGS
def test_columns_land_on_the_character_through_the_escapes(data: st.DataObject) -> None:
    """``col`` of a schedule finding is the character ``schedule_column`` of the schedule, and
    that of IR102 the name's first bad character, whatever escapes the file writes them with."""
    schedule = data.draw(schedule_texts(), label="schedule")
    name = data.draw(_NAMES, label="name")
    if _has_pair(schedule):
        return
    encoded_schedule, schedule_starts = data.draw(encoded_strings(schedule), label="encoded schedule")
    encoded_name, name_starts = data.draw(encoded_strings(name), label="encoded name")
    key = data.draw(st.sampled_from(['"schedule"', '"sch\\u0065dule"', '"\\u0073chedule"']))
    before = data.draw(
        st.sampled_from(
            [
                "",
                "\n  ",
                '"description": "na\\u00efve 😀\u2028 tab\\t",\r\n',
                '"epsilon": "PT15M",\n',
                '"scheduleTimeZone": "PST",\r',
                '"scheduleTimeZone": "America/Los_Angles",\n\t',
            ]
        )
    )
    colon = st.sampled_from([":", ": ", " :\n    "])
    head = "{" + before + key + data.draw(colon)
    middle = data.draw(st.sampled_from([",", ",\n  ", " ,\r\n"])) + '"name"' + data.draw(colon)
    name_at = len(head) + len(encoded_schedule) + len(middle)
    text = head + encoded_schedule + middle + encoded_name + data.draw(st.sampled_from(["}", "\n}\n"]))
    note(f"document: {text!r}")
    job = json.loads(text)
    assert (job["schedule"], job["name"]) == (schedule, name)  # the encoder is right
    diagnostics = _check(text)
    for d in diagnostics:
        if d.code == "IR100":
            assert d.schedule_column is not None, d
        if d.schedule_column is None:
            continue
        assert 0 <= d.schedule_column <= len(schedule), d
        offset = _offset(text, d.line, d.col)
        assert offset == len(head) + schedule_starts[d.schedule_column], (d, offset)
        if d.schedule_column < len(schedule):
            assert _decoded_at(text, offset) == schedule[d.schedule_column], d
        else:
            assert text[offset] == '"', d
    bad_names = [d for d in diagnostics if d.code == "IR102"]
    if name and all(_JAVA_WORD.fullmatch(char) for char in name):
        assert bad_names == []
    elif not _has_pair(name):
        [d] = bad_names
        bad = next((i for i, char in enumerate(name) if not _JAVA_WORD.fullmatch(char)), 0)
        assert _offset(text, d.line, d.col) == name_at + name_starts[bad], d


@needs_corpus
def test_schedule_column_through_the_corpus_escapes() -> None:
    """The corpus's ``"R\\/2014-09-25T17:22:00Z\\/PT2M"``, made monthly from the 31st (IR205)."""
    text = CORPUS["mesos__chronos__10.json"].replace("2014-09-25", "2014-01-31").replace("PT2M", "P1M")
    [d] = _check(text)
    assert (d.code, d.line, d.schedule_column) == ("IR205", 2, 10)
    # "schedule": "R\/2014-01-31...: the R is column 15, and one \/ comes before the day.
    assert d.col == 15 + 10 + 1
    assert text.splitlines()[1][d.col - 1 : d.col + 1] == "31"


# -- the command line ----------------------------------------------------------------------------

_PATH_TOKENS = [
    "good.json",
    "bad.json",
    "jobs",
    "jobs/",
    "list.json",
    "schedules.txt",
    "notutf8.json",
    "empty.json",
    "bom.json",
    "missing.json",
    "-",
]
_OPTION_TOKENS = [
    "check", "--dialect", "chronos", "iso", "--format", "text", "json", "github", "--select",
    "--ignore", "IR1", "IR205", "IR2,IR1", "ir100", "IR999", "XX", "", ",", "--strict", "--complete",
    "--jvm-zone", "Europe/Berlin", "PST", "Mars/Base", "+05:00", "--", "--format=json",
    "--select=IR1", "--jvm-zone=", "-x", "--version", "-h",
]  # fmt: skip
# Short, without "/" or ".": a random token never names a file outside the workspace (no "..").
_RANDOM_TOKENS = st.text(st.characters(exclude_characters="/.\x00", exclude_categories=["Cs"]), max_size=8)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not CORPUS:
        pytest.skip(f"{SHARED_CORPUS} is not here (it sits beside the checkout in development)")
    root = tmp_path_factory.mktemp("cli-workspace")
    good = '{"name": "good", "schedule": "R\\/2014-09-25T17:22:00Z\\/PT2M"}\n'
    (root / "good.json").write_text(good, encoding="utf-8")
    (root / "bad.json").write_text('{"name": "b a d", "schedule": "R5/2012-13-01T00:00Z/P1D"}', "utf-8")
    (root / "list.json").write_text(CORPUS["mesos__chronos__2.json"].join("[]"), encoding="utf-8")
    (root / "schedules.txt").write_text("R/2012-01-31T00:00:00Z/P1M  # drifts\nR5/x/P1D\n", "utf-8")
    (root / "notutf8.json").write_bytes(b'{"name": "\xff"}')
    (root / "empty.json").write_text("", encoding="utf-8")
    (root / "bom.json").write_bytes(b"\xef\xbb\xbf" + good.encode())
    (root / "jobs").mkdir()
    for name in ("mesos__chronos__1.json", "mesos__chronos__15.json", "trivago__chapi__3.json"):
        (root / "jobs" / name).write_text(CORPUS[name], encoding="utf-8")
    return root


@contextlib.contextmanager
def _cli_context(directory: Path, stdin: str) -> Iterator[tuple[io.StringIO, io.StringIO]]:
    """The workspace as the current directory, ``stdin`` as standard input, output captured."""
    out, err = io.StringIO(), io.StringIO()
    cwd, real_stdin = Path.cwd(), sys.stdin
    os.chdir(directory)
    sys.stdin = io.StringIO(stdin)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            yield out, err
    finally:
        sys.stdin = real_stdin
        os.chdir(cwd)


@given(
    st.lists(st.sampled_from(_PATH_TOKENS) | st.sampled_from(_OPTION_TOKENS) | _RANDOM_TOKENS, max_size=7),
    st.sampled_from(["", "R/2012-01-31T00:00:00Z/P1M\n", '{"name": "x"}', "[1, 2]", "\x00{"])
    | st.text(max_size=30),
)
@SETTINGS
@example(["check"], "")
@example(["check", "-", "--format", "github"], '{"name": "a b", "schedule": "R/x"}')
@example(["check", "jobs", "--select", "IR2", "--strict"], "")
@example(["check", "missing.json"], "")
def test_cli_check_exits_0_1_or_2_without_a_traceback(workspace: Path, argv: list[str], stdin: str) -> None:
    argv = ["check", *argv]
    with _cli_context(workspace, stdin) as (out, err):
        try:
            status = main(argv)
        except SystemExit as exit_:  # argparse: usage errors (2) and --help (0)
            status = exit_.code if isinstance(exit_.code, int) else 2
    note(f"argv={argv!r} status={status} stdout={out.getvalue()!r} stderr={err.getvalue()!r}")
    assert status in (0, 1, 2)
    for stream in (out.getvalue(), err.getvalue()):
        assert "Traceback" not in stream
        assert "internal error" not in stream
    if status == 2 and "-h" not in argv and "--help" not in argv:
        assert err.getvalue().strip(), "a usage error says what is wrong"


# -- the shared corpus, every file ---------------------------------------------------------------


def _file_texts(paths: list[Path]) -> dict[str, str]:
    """The texts ``check`` reads: UTF-8, a byte order mark dropped, up to the first bad byte."""
    texts = {}
    for path in paths:
        data = path.read_bytes().removeprefix(b"\xef\xbb\xbf")
        texts[str(path)] = data.decode("utf-8", errors="ignore")
    return texts


def _shared_corpus() -> list[Path]:
    if not SHARED_CORPUS.is_dir():
        pytest.skip(f"{SHARED_CORPUS} is not here (it sits beside the checkout in development)")
    paths = sorted(SHARED_CORPUS.rglob("*.json"))
    assert paths, f"no job files in {SHARED_CORPUS}"
    return paths


def test_every_shared_corpus_file_is_checked_alone() -> None:
    paths = _shared_corpus()
    texts = _file_texts(paths)
    for path in paths:
        _assert_well_formed(check_jobs([path]), texts)


def test_the_shared_corpus_is_checked_as_one_set() -> None:
    paths = _shared_corpus()
    diagnostics = check_jobs([SHARED_CORPUS / "chronos-jobs", SHARED_CORPUS / "chronos-joblists"])
    _assert_well_formed(diagnostics, _file_texts(paths))
    assert {d.code for d in diagnostics} >= {"IR100", "IR102", "IR103", "IR104", "IR108"}
