"""Job documents: Chronos job JSON, and schedule lists, with the position of every value.

The standard ``json`` module checks the text and reports a syntax error with its line and column,
but keeps no positions of the values it reads. So a valid text is read a second time here, by a
walker that records where each value starts and ends, with ``json``'s own string scanner doing the
strings; a schedule's character index then maps to a file column through the JSON escapes.
YAML job files (chronos-sync's) become the same nodes in :mod:`isorepeat.chronos.yaml_jobs`.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from json import decoder as _decoder
from typing import Final, Literal, TypeAlias, final

__all__ = [
    "DocumentError",
    "Job",
    "Node",
    "Source",
    "is_job_file",
    "jobs_of",
    "load_jobs",
    "load_lines",
    "load_source",
    "read_json",
    "NOT_A_JOB_FILE",
    "YAML_SUFFIXES",
]

JsonValue: TypeAlias = "str | int | float | bool | list[Node] | dict[str, Node] | None"

# NOTE: json.decoder.scanstring (C-accelerated) is public at run time but missing from typeshed.
scanstring: Final[Callable[[str, int], tuple[str, int]]] = _decoder.scanstring  # type: ignore[attr-defined]
_WHITESPACE: Final = re.compile(r"[ \t\n\r]*")
_NUMBER: Final = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")
_LITERALS: Final[dict[str, bool | None]] = {"true": True, "false": False, "null": None}
_ESCAPE_LENGTH: Final = 2  # \n, \/, \" ...; \uXXXX is 6
_UNICODE_ESCAPE_LENGTH: Final = 6
_COMMENT: Final = re.compile(r"(?:^|\s)#")
YAML_SUFFIXES: Final = (".yaml", ".yml")
"""A source whose path ends so is YAML (:mod:`isorepeat.chronos.yaml_jobs` reads it)."""


@final
@dataclass(frozen=True, slots=True)
class Source:
    """A checked file: its path as given and its text, with 1-based line and column lookup."""

    path: str
    text: str
    _line_starts: list[int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        starts = [0]
        starts.extend(match.end() for match in re.finditer(r"\r\n|\r|\n", self.text))
        object.__setattr__(self, "_line_starts", starts)

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column), both 1-based, of the character at ``offset`` (``len(text)``: the end)."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1


@final
@dataclass(frozen=True, slots=True)
class Node:
    """A value read from a source: ``value`` (containers hold nodes) and its span ``[start, end)``.

    ``quoted`` is true for a JSON string, whose span includes the quotes and whose characters
    may be written as escapes; a schedule line of a text file is a string without quotes. A YAML
    string has ``offsets``: the source offset of each of its characters, then of its end.
    """

    value: JsonValue
    start: int
    end: int
    quoted: bool = False
    key_start: int | None = None  # a member of an object: where its key's quote is
    offsets: tuple[int, ...] | None = field(default=None, repr=False)

    def offset_of(self, source: Source, index: int) -> int:
        """The source offset of character ``index`` of a string value (its end for ``len``)."""
        if self.offsets is not None:
            return self.offsets[max(0, min(index, len(self.offsets) - 1))]
        if not self.quoted:
            return self.start + index
        text = source.text
        pos = self.start + 1
        stop = self.end - 1
        remaining = index
        while remaining > 0 and pos < stop:
            if text[pos] != "\\":
                pos += 1
            elif text[pos + 1] != "u":
                pos += _ESCAPE_LENGTH
            else:
                high = int(text[pos + 2 : pos + 6], 16)
                pos += _UNICODE_ESCAPE_LENGTH
                # A surrogate pair written as two escapes is one character in Python.
                if 0xD800 <= high < 0xDC00 and text[pos : pos + 2] == "\\u":
                    low = int(text[pos + 2 : pos + 6], 16)
                    if 0xDC00 <= low < 0xE000:
                        pos += _UNICODE_ESCAPE_LENGTH
            remaining -= 1
        return pos

    def get(self, key: str) -> Node | None:
        """The member ``key`` of an object node (``None`` when absent or not an object)."""
        return self.value.get(key) if isinstance(self.value, dict) else None


@final
class DocumentError(Exception):
    """A text that is not JSON, or not a job document: ``message`` at ``offset`` (IR108)."""

    def __init__(self, message: str, offset: int, hint: str | None = None) -> None:
        super().__init__(message, offset, hint)
        self.message = message
        self.offset = offset
        self.hint = hint


def read_json(text: str) -> Node:
    """Read a JSON text into nodes; :class:`DocumentError` where it is not JSON as Chronos reads it.

    >>> from isorepeat.chronos.jobs import read_json
    >>> node = read_json('{"schedule": "R\\\\/2014-09-25T17:22:00Z\\\\/PT2M"}')
    >>> schedule = node.get("schedule")
    >>> schedule.value, schedule.start, schedule.end
    ('R/2014-09-25T17:22:00Z/PT2M', 13, 44)
    """
    return _read(text)[0]


def _read(text: str) -> tuple[Node, list[tuple[int, str, int]]]:
    """The root node, and (object start, key, key offset) for each key an object repeats."""
    try:
        json.loads(text)
    except json.JSONDecodeError as error:
        raise DocumentError(f"JSON syntax error: {error.msg}", error.pos) from None
    except RecursionError:
        raise DocumentError("JSON nested too deeply to read", 0) from None
    walker = _Walker(text)
    try:
        node, _ = walker.value(_skip(text, 0))
    except RecursionError:
        raise DocumentError("JSON nested too deeply to read", 0) from None
    return node, walker.repeated


def _skip(text: str, pos: int) -> int:
    match = _WHITESPACE.match(text, pos)
    assert match is not None  # the pattern matches the empty string
    return match.end()


@final
class _Walker:
    """Reads a text ``json.loads`` accepted; only NaN and Infinity, which Java rejects, fail."""

    __slots__ = ("repeated", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.repeated: list[tuple[int, str, int]] = []

    def value(self, pos: int) -> tuple[Node, int]:
        text = self.text
        char = text[pos]
        if char == '"':
            string, end = scanstring(text, pos + 1)
            return Node(string, pos, end, quoted=True), end
        if char == "{":
            return self._object(pos)
        if char == "[":
            return self._array(pos)
        for literal, value in _LITERALS.items():
            if text.startswith(literal, pos):
                return Node(value, pos, pos + len(literal)), pos + len(literal)
        match = _NUMBER.match(text, pos)
        if match is None or text.startswith(("Infinity", "-Infinity", "NaN"), pos):
            raise DocumentError(
                "JSON syntax error: NaN and Infinity are not JSON (Chronos rejects them)",
                pos,
                "write a number or a string",
            )
        number = match.group()
        parsed: int | float = float(number) if any(c in number for c in ".eE") else int(number)
        return Node(parsed, pos, match.end()), match.end()

    def _object(self, start: int) -> tuple[Node, int]:
        text = self.text
        members: dict[str, Node] = {}
        pos = _skip(text, start + 1)
        if text[pos] == "}":
            return Node(members, start, pos + 1), pos + 1
        while True:
            key_start = pos
            key, pos = scanstring(text, pos + 1)
            pos = _skip(text, _skip(text, pos) + 1)  # the colon
            node, pos = self.value(pos)
            if key in members:  # the last one wins, as in json and Jackson
                self.repeated.append((start, key, key_start))
            members[key] = Node(node.value, node.start, node.end, node.quoted, key_start)
            pos = _skip(text, pos)
            if text[pos] == "}":
                return Node(members, start, pos + 1), pos + 1
            pos = _skip(text, pos + 1)  # the comma

    def _array(self, start: int) -> tuple[Node, int]:
        text = self.text
        items: list[Node] = []
        pos = _skip(text, start + 1)
        if text[pos] == "]":
            return Node(items, start, pos + 1), pos + 1
        while True:
            node, pos = self.value(pos)
            items.append(node)
            pos = _skip(text, pos)
            if text[pos] == "]":
                return Node(items, start, pos + 1), pos + 1
            pos = _skip(text, pos + 1)


JobKind: TypeAlias = Literal["job", "line"]


@final
@dataclass(frozen=True, slots=True)
class Job:
    """A Chronos job as read from a source, or one schedule line of a text file (``kind="line"``).

    ``node`` is the job object; the typed fields are ``None`` where the job does not set them
    (the loader has already reported fields of the wrong type, IR108, and left them ``None``).
    """

    source: Source
    node: Node
    kind: JobKind = "job"
    name: str | None = None
    schedule: str | None = None
    schedule_time_zone: str | None = None
    epsilon: str | None = None
    parents: tuple[str, ...] | None = None
    repeated_keys: tuple[tuple[str, int], ...] = ()
    """(key, source offset) of each key written again after its first time in the job object."""

    def locate(self, where: tuple[str | int, ...], index: int | None = None, *, on_key: bool = False) -> int:
        """The source offset of a field (``("parents", 1)``), of character ``index`` in it, or
        (``on_key``) of the key it is written under."""
        node = self.node
        for step in where:
            child = _child(node, step)
            if child is None:
                break  # the field is not there: point at what holds it
            node = child
        if on_key and node.key_start is not None:
            return node.key_start
        if index is not None and isinstance(node.value, str):
            return node.offset_of(self.source, index)
        return node.start


def _child(node: Node, step: str | int) -> Node | None:
    """The member ``step`` of an object node, or item ``step`` of an array node."""
    value = node.value
    if isinstance(value, dict) and isinstance(step, str):
        return value.get(step)
    if isinstance(value, list) and isinstance(step, int) and 0 <= step < len(value):
        return value[step]
    return None


# Fields with a known JSON type (Chronos's JobDeserializer); the others are not looked at.
_STRING_FIELDS: Final = ("name", "schedule", "scheduleTimeZone", "epsilon")


def load_jobs(source: Source) -> tuple[list[Job], list[DocumentError]]:
    """The jobs of a JSON source (one job object, or an array of them), and what is wrong with it.

    A syntax error, a document that is neither an object nor an array of objects, and fields of
    the wrong type are :class:`DocumentError` s; jobs with a bad field are still returned.
    """
    try:
        root, repeated = _read(source.text)
    except DocumentError as error:
        return [], [error]
    return jobs_of(source, root, repeated)


def jobs_of(
    source: Source, root: Node, repeated: Sequence[tuple[int, str, int]], *, yaml: bool = False
) -> tuple[list[Job], list[DocumentError]]:
    """The jobs of a document read into nodes (``root``), as :func:`load_jobs` gives them.

    ``repeated``: (object start, key, key offset) of each key an object writes again; ``yaml``
    names the document's types as YAML does (a mapping, a sequence).
    """
    names = _YAML_TYPES if yaml else _JSON_TYPES
    if isinstance(root.value, dict):
        nodes = [root]
    elif isinstance(root.value, list):
        nodes = root.value
    else:
        shape = "mapping or a sequence of job mappings" if yaml else "object or an array of job objects"
        return [], [
            DocumentError(
                f"a job file holds a job {shape}, not {_json_type(root, names)}",
                root.start,
                "write name: ... and schedule: ... (a list of schedule lines is a .txt file)"
                if yaml
                else 'write {"name": ..., "schedule": ...}',
            )
        ]
    jobs: list[Job] = []
    problems: list[DocumentError] = []
    for node in nodes:
        if not isinstance(node.value, dict):
            found = _json_type(node, names)
            problems.append(
                DocumentError(f"expected a {names['job object']} here, found {found}", node.start)
            )
            continue
        keys = tuple((key, offset) for start, key, offset in repeated if start == node.start)
        jobs.append(_job(source, node, keys, problems, names))
    return jobs, problems


# The containers as each format names them, in messages.
_JSON_TYPES: Final = {"an object": "an object", "an array": "an array", "job object": "job object"}
_YAML_TYPES: Final = {"an object": "a mapping", "an array": "a sequence", "job object": "job mapping"}


def _json_type(node: Node, names: Mapping[str, str] = _JSON_TYPES) -> str:
    value = node.value
    if isinstance(value, dict):
        return names["an object"]
    if isinstance(value, list):
        return names["an array"]
    if isinstance(value, str):
        return "a string"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return "a number"


def _job(
    source: Source,
    node: Node,
    repeated_keys: tuple[tuple[str, int], ...],
    problems: list[DocumentError],
    names: Mapping[str, str],
) -> Job:
    members = node.value
    assert isinstance(members, dict)
    strings: dict[str, str | None] = {}
    for key in _STRING_FIELDS:
        member = members.get(key)
        if member is None or member.value is None:
            strings[key] = None
        elif isinstance(member.value, str):
            strings[key] = member.value
        else:
            strings[key] = None
            problems.append(
                DocumentError(f"{key} must be a string, found {_json_type(member, names)}", member.start)
            )
    parents: tuple[str, ...] | None = None
    member = members.get("parents")
    if member is not None and member.value is not None:
        if isinstance(member.value, list) and all(isinstance(item.value, str) for item in member.value):
            parents = tuple(str(item.value) for item in member.value)
        else:
            problems.append(
                DocumentError(
                    f"parents must be {names['an array']} of job names, found {_json_type(member, names)}",
                    member.start,
                )
            )
    return Job(
        source,
        node,
        "job",
        strings["name"],
        strings["schedule"],
        strings["scheduleTimeZone"],
        strings["epsilon"],
        parents,
        repeated_keys,
    )


def load_lines(source: Source) -> list[Job]:
    """One job per schedule line of a text file; blank lines and ``#`` comments are skipped."""
    jobs = []
    offset = 0
    for line in source.text.splitlines(keepends=True):
        content = line.rstrip("\r\n")
        comment = _COMMENT.search(content)
        if comment is not None:
            content = content[: comment.start()]
        stripped = content.strip()
        if stripped:
            start = offset + content.index(stripped)
            schedule = Node(stripped, start, start + len(stripped))
            jobs.append(
                Job(
                    source,
                    Node({"schedule": schedule}, start, start + len(stripped)),
                    "line",
                    schedule=stripped,
                )
            )
        offset += len(line)
    return jobs


def load_source(source: Source) -> tuple[list[Job], list[DocumentError]]:
    """The jobs of a source, and what is wrong with it: JSON (:func:`load_jobs`) for ``*.json``
    and for texts that look like JSON, schedule lines (:func:`load_lines`) otherwise.

    A ``*.yaml`` or ``*.yml`` source is a YAML job file, no longer a list of schedule lines:
    :func:`isorepeat.chronos.yaml_jobs.load_yaml` reads it (``check`` sends it there), and here
    it is a :class:`ValueError`, so that no YAML is read as lines by mistake.
    """
    if source.path.endswith(YAML_SUFFIXES):
        msg = f"{source.path} is YAML: read it with isorepeat.chronos.yaml_jobs.load_yaml"
        raise ValueError(msg)
    if _reads_as_json(source):
        return load_jobs(source)
    return load_lines(source), []


def _reads_as_json(source: Source) -> bool:
    return source.path.endswith(".json") or source.text.lstrip()[:1] in ("{", "[")


# -- which documents are job files (issue 13, C14) -----------------------------------------------
#
# A JSON or YAML document is a Chronos job file when its root object, or an object of its root
# array, has one of these; anything else (package.json, tsconfig.json, renovate.json, a Keras
# optimizer's config) is not, and ``check`` skips it:
#  1. a field only Chronos jobs have: schedule or epsilon with a string (renovate's
#     "schedule": [...] and Keras's "epsilon": 1e-07 are other formats), scheduleTimeZone or
#     parents with any value but null (a job with a wrong type is still checked: IR108), also
#     spelt with another case, "_" or "-" ("Schedule", "schedule_time_zone", IR216's folding);
#  2. name and command, both strings: every Chronos job has them; package.json has a name alone;
#  3. any key whose value is a string that starts as a repeating interval does (R, digits, "/"),
#     so that a misspelt key keeps the job checked: {"nmae": ..., "shedule": "R/2026-..."}.
# A document that does not parse is a job file when its text names such a key (a JSON
# tsconfig.json with comments names none, and is skipped rather than reported as broken).

NOT_A_JOB_FILE: Final = (
    "not a Chronos job file: none of schedule, parents, scheduleTimeZone, epsilon, or name with command"
)
"""Why :func:`is_job_file` turned a file down (``check --verbose`` prints it)."""

_JOB_FIELD_TYPES: Final[dict[str, type]] = {
    # folded (_fold) key: the type its value must have; None (null) never counts
    "schedule": str,
    "epsilon": str,
    "scheduletimezone": object,
    "parents": object,
}
# Patterns for a document that does not parse, compiled on first use (re's cache): start-up
# cost matters on every commit, and most files parse.
_JSON_KEY: Final = r'"((?:[^"\\\n]|\\.)*)"\s*:'
_JSON_INTERVAL: Final = r'"\s*R[0-9]*\\?/'
_YAML_KEY: Final = r"""(?m)^[ \t-]*["']?([\w.-]+)["']?[ \t]*:(?=\s|$)"""
_YAML_INTERVAL: Final = r"""(?m)^(?:[^#\n]*:)?[ \t-]*["']?R[0-9]*/"""
"""A value that starts as a repeating interval, under a key or not: a ``.yaml`` of schedule
lines, as they were read before YAML job files, is reported (IR108), not skipped."""


def is_job_file(source: Source, jobs: Sequence[Job]) -> bool:
    """Whether ``source``, read into ``jobs`` (:func:`load_source`), is a Chronos job file.

    A list of schedule lines is; a JSON or YAML document is when one of its jobs has a key only
    a job has (``schedule`` or ``epsilon`` with a string, ``parents`` or ``scheduleTimeZone``
    not null), both ``name`` and ``command``, or a value that is a repeating interval (under a
    misspelt key too). A document that does not parse is one when its text names such
    a key. Others (``package.json``, ``tsconfig.json``) are skipped by ``check``.

    >>> from isorepeat.chronos.jobs import Source, is_job_file, load_source
    >>> source = Source("package.json", '{"name": "app", "scripts": {"test": "jest"}}')
    >>> is_job_file(source, load_source(source)[0])
    False
    >>> source = Source("job.json", '{"nmae": "etl", "schedule": "R/2026-01-01T00:00:00Z/P1D"}')
    >>> is_job_file(source, load_source(source)[0])
    True
    """
    yaml = source.path.endswith(YAML_SUFFIXES)
    if not yaml and not _reads_as_json(source):
        return True
    if jobs:
        return any(_has_job_keys(job.node) for job in jobs)
    keys = {_fold(key) for key in re.findall(_YAML_KEY if yaml else _JSON_KEY, source.text)}
    if keys & _JOB_FIELD_TYPES.keys() or {"name", "command"} <= keys:
        return True
    return re.search(_YAML_INTERVAL if yaml else _JSON_INTERVAL, source.text) is not None


def _starts_as_interval(text: str) -> bool:
    """``R``, digits, ``/`` after any leading whitespace (``\\s*R[0-9]*/``, without a regex)."""
    text = text.lstrip()
    if not text.startswith("R"):
        return False
    rest = text[1:].lstrip("0123456789")
    return rest.startswith("/")


def _fold(key: str) -> str:
    return key.replace("_", "").replace("-", "").casefold()


def _has_job_keys(node: Node) -> bool:
    members = node.value
    assert isinstance(members, dict)
    for key, member in members.items():
        value = member.value
        expected = _JOB_FIELD_TYPES.get(_fold(key))
        if expected is not None and value is not None and isinstance(value, expected):
            return True
        if isinstance(value, str) and _starts_as_interval(value):
            return True
    name, command = members.get("name"), members.get("command")
    return (
        name is not None
        and command is not None
        and isinstance(name.value, str)
        and isinstance(command.value, str)
    )
