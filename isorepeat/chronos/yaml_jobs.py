"""YAML job files, as chronos-sync keeps them, with the position of every value (issue 13, C15).

chronos-sync (``bin/chronos-sync.rb`` in mesos/chronos) writes one job per file,
``<dir>/scheduled/<name>.yaml`` and ``<dir>/dependent/<name>.yaml``, with Ruby's ``YAML.dump`` of
the job's JSON fields, and sends ``JSON.generate(YAML.load(file))`` back. So a YAML job has
the JSON job's keys, and its scalars are read as YAML 1.1 reads them (Ruby's Psych, and PyYAML:
``yes`` is true, ``010`` is 8). PyYAML's composer gives every node its start and end (a
character index, a line and a column) without constructing anything; the nodes become the
:class:`~isorepeat.chronos.jobs.Node` tree :mod:`~isorepeat.chronos.jobs` builds for JSON, each
string with the offset of each of its characters, so the rules and the diagnostics are the
same. PyYAML is the optional extra ``yaml``, imported when a YAML file is read, never before.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Final, final

from isorepeat.chronos.jobs import DocumentError, Job, JsonValue, Node, Source, jobs_of

if TYPE_CHECKING:
    import yaml

__all__ = ["INSTALL_HINT", "load_yaml", "read_yaml"]

INSTALL_HINT: Final = "reading YAML job files needs PyYAML: pip install 'isorepeat[yaml]'"
"""The message of the :class:`ModuleNotFoundError` raised without PyYAML."""

_TAG: Final = "tag:yaml.org,2002:"
_CONSTRUCTED: Final = frozenset({_TAG + "null", _TAG + "bool", _TAG + "int", _TAG + "float"})
"""The scalar types JSON has; every other scalar (a timestamp, a binary, an unknown ``!tag``)
is its text, as ``JSON.generate`` writes a Ruby Date or Time."""
_MERGE: Final = _TAG + "merge"
_ESCAPES: Final = {
    "0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f",
    "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0",
    "L": "\u2028", "P": "\u2029",
}  # fmt: skip
"""YAML 1.1's escapes in double-quoted scalars (PyYAML's ``ESCAPE_REPLACEMENTS``)."""
_ESCAPE_CODES: Final = {"x": 2, "u": 4, "U": 8}
_LINE_BREAK: Final = re.compile(r"\r\n|\r|\n")


def load_yaml(source: Source) -> tuple[list[Job], list[DocumentError]]:
    """The jobs of a YAML source (one job mapping, or a sequence of them), and what is wrong
    with it, as :func:`isorepeat.chronos.jobs.load_jobs` gives them for JSON.

    :raises ModuleNotFoundError: without PyYAML (``pip install 'isorepeat[yaml]'``).
    """
    try:
        root, repeated = _read(source.text)
    except DocumentError as error:
        return [], [error]
    return jobs_of(source, root, repeated, yaml=True)


def read_yaml(text: str) -> Node:
    """Read one YAML document into nodes; :class:`DocumentError` where it is not YAML.

    In ``name: etl`` then ``schedule: 'R/2026-01-01T00:00:00Z/P1D'``, the schedule's node starts
    at its quote (offset 20), its key at 10, and its character 2 is at 23
    (``node.offset_of(source, 2)``).

    :raises ModuleNotFoundError: without PyYAML (``pip install 'isorepeat[yaml]'``).
    """
    return _read(text)[0]


def _read(text: str) -> tuple[Node, list[tuple[int, str, int]]]:
    """The root node, and (mapping start, key, key offset) for each key a mapping repeats."""
    try:
        import yaml
    except ImportError:
        raise ModuleNotFoundError(INSTALL_HINT, name="yaml") from None
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: 15 times faster
    try:
        root = yaml.compose(text, Loader=loader)
    except yaml.reader.ReaderError as error:
        raise DocumentError(
            f"the file holds a character YAML does not allow (U+{error.character:04X})",
            error.position,
            "remove it, or write it as an escape in a double-quoted string",
        ) from None
    except yaml.composer.ComposerError as error:
        offset = error.problem_mark.index if error.problem_mark else 0
        if error.context and "single document" in error.context:
            raise DocumentError(
                "a job file holds one YAML document: chronos-sync reads the first one only",
                offset,
                "move this job to a file of its own",
            ) from None
        raise DocumentError(_syntax_message(error), offset) from None
    except yaml.MarkedYAMLError as error:
        offset = error.problem_mark.index if error.problem_mark else 0
        raise DocumentError(_syntax_message(error), offset) from None
    except RecursionError:
        raise DocumentError("YAML nested too deeply to read", 0) from None
    if root is None:
        raise DocumentError("the file holds no YAML document", 0, "write name: ... and schedule: ...")
    converter = _Converter(text)
    try:
        return converter.node(root), converter.repeated
    except RecursionError:
        raise DocumentError("YAML nested too deeply to read", 0) from None


def _syntax_message(error: yaml.MarkedYAMLError) -> str:
    problem = error.problem or "the text is not YAML"
    return f"YAML syntax error: {problem}" + (f" ({error.context})" if error.context else "")


@final
class _Converter:
    """PyYAML nodes to :class:`Node` s. An anchor's node is converted once and shared by its
    aliases (a chain of aliases to aliases grows exponentially when copied); an alias inside
    the node it names, which no JSON can hold, is an error."""

    __slots__ = ("active", "constructor", "done", "repeated", "text")

    def __init__(self, text: str) -> None:
        import yaml

        self.text = text
        self.repeated: list[tuple[int, str, int]] = []
        self.done: dict[int, Node] = {}
        self.active: set[int] = set()
        self.constructor = yaml.constructor.SafeConstructor()

    def node(self, node: yaml.Node) -> Node:
        key = id(node)
        converted = self.done.get(key)
        if converted is not None:
            return converted
        if key in self.active:
            msg = "a YAML alias stands for a node that holds it: no JSON can hold this"
            raise DocumentError(msg, node.start_mark.index)
        self.active.add(key)
        converted = self._convert(node)
        self.active.discard(key)
        self.done[key] = converted
        return converted

    def _convert(self, node: yaml.Node) -> Node:
        import yaml

        start, end = node.start_mark.index, node.end_mark.index
        if isinstance(node, yaml.MappingNode):
            return Node(self._members(node), start, end)
        if isinstance(node, yaml.SequenceNode):
            items: list[Node] = [self.node(item) for item in node.value]
            return Node(items, start, end)
        assert isinstance(node, yaml.ScalarNode)
        if node.tag in _CONSTRUCTED:
            value: JsonValue = self.constructor.construct_object(node)
            if isinstance(value, float) and not math.isfinite(value):
                raise DocumentError(
                    f"{node.value!r} is not a number Chronos reads: JSON has no NaN or Infinity",
                    start,
                    "write a number or a string",
                )
            return Node(value, start, end)
        text = str(node.value)
        return Node(text, start, end, offsets=_offsets(self.text, node, text))

    def _members(self, node: yaml.MappingNode) -> dict[str, Node]:
        import yaml

        members: dict[str, Node] = {}
        merged: list[yaml.Node] = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                merged.append(value_node)
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                msg = "a key of a job file is a string, not a mapping or a sequence"
                raise DocumentError(msg, key_node.start_mark.index)
            key = str(key_node.value)
            value = self.node(value_node)
            if key in members:  # the last one wins, as in Psych and PyYAML
                self.repeated.append((node.start_mark.index, key, key_node.start_mark.index))
            key_start = key_node.start_mark.index
            members[key] = Node(value.value, value.start, value.end, value.quoted, key_start, value.offsets)
        # "<<: *defaults": the keys written in the mapping win, then the merged ones in order.
        for value_node in merged:
            sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
            for source in sources:
                converted = self.node(source)
                if not isinstance(converted.value, dict):
                    msg = "'<<' merges a mapping or a sequence of mappings"
                    raise DocumentError(msg, source.start_mark.index)
                for key, member in converted.value.items():
                    members.setdefault(key, member)
        return members


def _offsets(text: str, node: yaml.ScalarNode, value: str) -> tuple[int, ...]:
    """The source offset of each character of a scalar's ``value``, then of its end.

    A plain scalar on one line is its text; otherwise the source is walked along the value:
    a quote doubled (``''``) or an escape (``\\/``, ``\\u00e9``) is one character, a folded line
    break the space or newline it became, and what folding removed (indentation, trailing
    spaces, a block scalar's header line) is stepped over.
    """
    start, end = node.start_mark.index, node.end_mark.index
    style = node.style
    if not style and text[start:end] == value:
        return tuple(range(start, end + 1))
    if style in ("|", ">"):
        header = _LINE_BREAK.search(text, start, end)  # the values start on the next line
        pos, stop = (header.start() if header else end), end
    elif style in ("'", '"'):
        pos, stop = start + 1, end - 1
    else:
        pos, stop = start, end
    offsets: list[int] = []
    index = 0
    while index < len(value):
        if pos >= stop:
            offsets.extend([stop] * (len(value) - index))
            break
        char, wanted = text[pos], value[index]
        step = 1
        produced: str | None = char
        if style == '"' and char == "\\":
            produced, step = _escape(text, pos)
        elif style == "'" and char == "'" and text.startswith("''", pos):
            produced, step = "'", 2
        elif char in "\r\n" and wanted in " \n":
            produced, step = wanted, 2 if text.startswith("\r\n", pos) else 1  # a folded break
        if produced == wanted:
            offsets.append(pos)
            index += 1
        pos += step
    offsets.append(min(pos, stop))
    return tuple(offsets)


def _escape(text: str, pos: int) -> tuple[str | None, int]:
    """What the escape at ``pos`` stands for (``None``: an escaped line break) and its length."""
    letter = text[pos + 1 : pos + 2]
    if letter in _ESCAPE_CODES:
        digits = _ESCAPE_CODES[letter]
        return chr(int(text[pos + 2 : pos + 2 + digits], 16)), 2 + digits
    if letter in ("\r", "\n"):
        return None, 3 if text.startswith("\r\n", pos + 1) else 2
    return _ESCAPES.get(letter, letter), 2
