"""Read a BPMN 2.0 file: every timer's text with its exact source positions, and the engine it targets.

:func:`read_bpmn` parses with the standard library's :mod:`xml.parsers.expat` and nothing else, so
the text a timer holds is what any conforming XML reader (the engines' included) hands the engine:
entities and character references decoded, CDATA sections unwrapped, line ends normalised to
``\\n``, nothing trimmed. A diagnostic about that text must point into the file, not into the
decoded string, so each :class:`TimerText` keeps the source position of every piece of character
data expat reported (``buffer_text = False``) and :meth:`TimerText.position` maps an index of the
text back to a line and column, through entity references, CDATA sections and line breaks.

Columns are 1-based and counted in characters, as expat counts them (``CurrentColumnNumber + 1``):
a tab is one column, a character outside the BMP is one column, and a byte-order mark counts as
the first column of line 1, as in expat.

What the reader refuses, it refuses with a :class:`BpmnFileError` that has a line and column, never
with a traceback: malformed XML (expat's own message and position), a root that is not BPMN 2.0's
``definitions``, any ``DOCTYPE`` (its entity declarations are how XML bombs work, and no BPMN file
needs one), and bytes that are not in the encoding the file declares.

>>> from isorepeat.bpmn.document import read_bpmn
>>> doc = read_bpmn(b'''<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
...     xmlns:zeebe="http://camunda.org/schema/zeebe/1.0">
...   <process id="p"><startEvent id="s"><timerEventDefinition>
...     <timeCycle>R/PT&#49;0M</timeCycle>
...   </timerEventDefinition></startEvent></process>
... </definitions>''')
>>> doc.engine.name, doc.engine.reason
('zeebe', 'declares the zeebe namespace http://camunda.org/schema/zeebe/1.0')
>>> timer = doc.timers[0]
>>> timer.kind, timer.text, timer.line, timer.column, timer.event, timer.process_id
('timeCycle', 'R/PT10M', 4, 16, 'startEvent', 'p')
>>> timer.position(4), timer.position(5)   # '1' is the character reference &#49;, '0' follows it
((4, 20), (4, 25))
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Final, Literal, TypeAlias, final
from xml.parsers import expat

from isorepeat.bpmn._document_engine import execution_platform, guess_engine, split_name
from isorepeat.bpmn._document_errors import malformed, unreadable_encoding
from isorepeat.bpmn.timers import TimerKind

__all__ = [
    "BPMN_MODEL_NS",
    "BpmnDocument",
    "BpmnFileError",
    "EngineGuess",
    "EngineName",
    "TimerText",
    "read_bpmn",
]

BPMN_MODEL_NS: Final = "http://www.omg.org/spec/BPMN/20100524/MODEL"
"""The namespace of BPMN 2.0's semantic model: the root must be its ``definitions``."""

EngineName: TypeAlias = Literal["zeebe", "camunda7", "flowable", "activiti"]
"""The engines isorepeat models (:data:`isorepeat.bpmn.engines.ENGINES`)."""

Expression: TypeAlias = Literal["el", "feel"]
"""``el``: a JUEL/EL expression (``${...}``, ``#{...}``); ``feel``: a FEEL expression (``=...``)."""


class BpmnFileError(Exception):
    """The bytes are not a BPMN 2.0 file isorepeat will read; ``line`` and ``column`` (1-based,
    columns in characters as expat counts them) say where, so a checker can point at it."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message, line, column)
        self.message = message
        self.line = line
        self.column = column

    def __str__(self) -> str:
        return f"line {self.line}, column {self.column}: {self.message}"


@final
@dataclass(frozen=True, slots=True)
class EngineGuess:
    """The engine a file targets, read from the file alone, and why.

    ``from_attribute`` is True when the file says so outright (``modeler:executionPlatform`` on
    ``definitions``, written by the Camunda Modeler): a checker can then report the engine's
    rules as the file's rules. Otherwise the guess rests on namespaces the file uses or declares,
    or on its ``exporter``/``targetNamespace``, and a checker should say it guessed. ``name`` is
    None when nothing points at an engine isorepeat models (``reason`` then says what the file
    does show, a jBPM namespace for instance). ``version`` is ``modeler:executionPlatformVersion``,
    given with the attribute that named the platform.
    """

    name: EngineName | None
    version: str | None
    reason: str
    from_attribute: bool


@final
@dataclass(frozen=True, slots=True)
class TimerText:
    """One ``timeCycle``, ``timeDate`` or ``timeDuration`` of a ``timerEventDefinition``.

    ``text`` is the element's text content exactly as the engine's XML reader sees it: entities
    decoded, CDATA included, not trimmed (whether the engine trims it is the engine model's
    business). ``line``/``column`` are the position of its first character; for an empty element,
    the position just after the start tag (``<timeCycle/>`` included), where a value would go.
    ``element_line``/``element_column`` are the ``<`` of the element's start tag.

    ``event`` is the local name of the element holding the ``timerEventDefinition``
    (``startEvent``, ``boundaryEvent``, ``intermediateCatchEvent``...). ``cancel_activity`` is a
    ``boundaryEvent``'s ``cancelActivity`` (True when absent, BPMN's default) and None for other
    events; ``interrupting`` is the ``isInterrupting`` of a ``startEvent`` directly inside an event
    subprocess (True when absent) and None otherwise, where the attribute means nothing.
    ``in_event_subprocess`` is True when any enclosing ``subProcess`` has
    ``triggeredByEvent="true"``: the timer only runs while that subprocess can start or runs.
    ``expression`` says the text is an expression the engine evaluates before it reads a timer
    value: ``"el"`` for ``${...}``/``#{...}`` (leading or spliced inside, as in
    ``R1/PT1H/${end}``), ``"feel"`` for a leading ``=``, None for a literal value.
    """

    kind: TimerKind
    text: str
    line: int
    column: int
    event: str
    event_id: str | None
    event_name: str | None
    cancel_activity: bool | None
    interrupting: bool | None
    in_event_subprocess: bool
    process_id: str | None
    expression: Expression | None
    element_line: int
    element_column: int
    _chunks: tuple[tuple[int, int, int], ...] = field(default=(), repr=False)
    """(index in ``text``, line, column) of each piece of character data, in order."""
    _end: tuple[int, int] | None = field(default=None, repr=False)
    """The position just past the text's last character (the markup that follows it)."""

    def position(self, index: int) -> tuple[int, int]:
        """The (line, column) in the file of ``text[index]``.

        Each piece of character data expat reported starts at a known position; inside a piece
        the characters follow one another, a ``\\n`` starting the next line. A character that came
        from an entity or character reference (``&amp;``, ``&#x41;``) sits at its ``&``; the first
        character of a CDATA section just after ``<![CDATA[``; a line end written ``\\r\\n`` is the
        one ``\\n`` of the text, at the ``\\r``. ``index == len(text)`` is allowed and gives the
        position just past the last character (for an empty text, ``(line, column)``), where a
        message about a missing end can point.

        :raises IndexError: for an index outside ``0..len(text)``.
        """
        size = len(self.text)
        if not 0 <= index <= size:
            msg = f"index {index} is outside the timer text (0..{size})"
            raise IndexError(msg)
        if index == size:
            return self._end if self._end is not None else (self.line, self.column)
        chunks = self._chunks
        if not chunks:  # built by hand without positions: the text is one run from (line, column)
            chunks = ((0, self.line, self.column),)
        start, line, column = chunks[bisect_right(chunks, (index, _MAX, _MAX)) - 1]
        run = self.text[start:index]
        newline = run.rfind("\n")
        if newline < 0:
            return line, column + len(run)
        return line + run.count("\n"), len(run) - newline


_MAX: Final = 1 << 62  # bisect key: sorts after every (index, line, column) with that index


@final
@dataclass(frozen=True, slots=True)
class BpmnDocument:
    """A BPMN file as read: its timers in document order, and the engine it targets."""

    path: str
    engine: EngineGuess
    timers: tuple[TimerText, ...]


def read_bpmn(source: bytes, path: str = "<bytes>") -> BpmnDocument:
    """Read the BPMN 2.0 file in ``source`` (its bytes: the encoding is the file's to declare).

    ``path`` is only carried into the result, for messages.

    :raises BpmnFileError: malformed XML, not BPMN 2.0, a DOCTYPE, or bytes not in the declared
        encoding; with the line and column.
    :raises TypeError: when ``source`` is not bytes (a ``str`` has lost the file's encoding).
    """
    if not isinstance(source, bytes):
        msg = f"read_bpmn reads the file's bytes, not {type(source).__name__}: open it in binary mode"
        raise TypeError(msg)
    engine, timers = _Reader(source).read()
    return BpmnDocument(path=path, engine=engine, timers=timers)


# --- the reader ------------------------------------------------------------------------------------

_TIMER_KINDS: Final[dict[str, TimerKind]] = {
    "timeCycle": "timeCycle",
    "timeDate": "timeDate",
    "timeDuration": "timeDuration",
}
_TIMER_DEFINITION: Final = (BPMN_MODEL_NS, "timerEventDefinition", None, False)
_SUBPROCESSES: Final = frozenset({"subProcess", "transaction", "adHocSubProcess"})

_Name: TypeAlias = "tuple[str | None, str, TimerKind | None, bool]"
"""An element's name as the reader needs it: (namespace URI or None, local name, the timer kind
when it is BPMN's ``timeCycle``/``timeDate``/``timeDuration``, whether an engine could own its
namespace (neither none nor BPMN's own: worth counting for the guess))."""
_Entry: TypeAlias = "tuple[_Name, dict[str, str]]"
"""An open element: its name, and its attributes as expat gave them."""

_STANDARD_NAMESPACES: Final = frozenset(
    {
        BPMN_MODEL_NS,
        "http://www.omg.org/spec/BPMN/20100524/DI",
        "http://www.omg.org/spec/DD/20100524/DC",
        "http://www.omg.org/spec/DD/20100524/DI",
    }
)
_NAMES: Final[dict[str, _Name]] = {}
"""Every element name read so far, split: files repeat the same few hundred names."""
_NAMES_KEPT: Final = 50_000
"""Past this many names (a file of made-up names), the cache starts over rather than grow."""


def _name(name: str) -> _Name:
    """The split name of an element, from the cache or split once and kept."""
    known = _NAMES.get(name)
    if known is None:
        if len(_NAMES) >= _NAMES_KEPT:
            _NAMES.clear()
        uri, local, _ = split_name(name)
        kind = _TIMER_KINDS.get(local) if uri == BPMN_MODEL_NS else None
        known = (uri, local, kind, uri is not None and uri not in _STANDARD_NAMESPACES)
        _NAMES[name] = known
    return known


def _boolean(value: str | None, default: bool) -> bool:
    """An ``xsd:boolean`` attribute: ``true``/``1``, ``false``/``0`` (whitespace aside).

    Absent or unreadable means BPMN's default: the schema would reject the file, and a timer
    checker should still say something about its timers.
    """
    if value is not None:
        word = value.strip()
        if word in {"true", "1"}:
            return True
        if word in {"false", "0"}:
            return False
    return default


def _expression(text: str) -> Expression | None:
    """``el`` for a JUEL/EL expression, leading or spliced in; ``feel`` for Zeebe's ``=``."""
    head = text.lstrip()
    if head.startswith(("${", "#{")):
        return "el"
    if head.startswith("="):
        return "feel"
    if "${" in text or "#{" in text:
        return "el"
    return None


@final
class _OpenTimer:
    """The timer element being read: what is known at its start tag, and the text so far."""

    __slots__ = (
        "after_start",
        "chunks",
        "context",
        "depth",
        "element",
        "end",
        "kind",
        "length",
        "parts",
        "pending_end",
    )

    def __init__(self, kind: TimerKind, depth: int, element: tuple[int, int], context: _Context) -> None:
        self.kind: TimerKind = kind
        self.depth = depth
        """How many elements are open around the timer element: its end tag brings it back."""
        self.element = element
        self.context = context
        self.parts: list[str] = []
        self.chunks: list[tuple[int, int, int]] = []
        self.length = 0
        self.after_start: tuple[int, int] | None = None
        """The position of the first thing expat reports after the start tag: just after it."""
        self.end: tuple[int, int] | None = None
        self.pending_end = False
        """Character data was the last thing read: the next markup's position is the text's end."""


@final
@dataclass(frozen=True, slots=True)
class _Context:
    """What the ancestors of a timer element say about it."""

    event: str
    event_id: str | None
    event_name: str | None
    cancel_activity: bool | None
    interrupting: bool | None
    in_event_subprocess: bool
    process_id: str | None


@final
class _Reader:
    """One pass of expat over a file: its handlers keep only what the timers and the guess need.

    Speed is in what is not done: character data is only asked for inside a timer element (the
    handler is set at its start tag and removed at its end tag), ancestors are a stack of the
    names and attribute dicts expat hands over anyway, and a name is split once per file.
    """

    __slots__ = ("_declared", "_parser", "_root", "_source", "_stack", "_timer", "_timers", "_uses")

    def __init__(self, source: bytes) -> None:
        self._source = source
        self._uses: dict[str, int] | None = {}
        """How often each name in an extension namespace occurs (None: the root says the engine)."""
        self._declared: list[tuple[str, str]] = []
        """Every namespace declaration: (prefix, URI)."""
        self._root: dict[str, str] | None = None
        self._stack: list[_Entry] = []
        self._timer: _OpenTimer | None = None
        self._timers: list[TimerText] = []
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.namespace_prefixes = True
        parser.buffer_text = False  # one call per piece of character data, each with its position
        parser.DefaultHandlerExpand = self._prolog
        parser.StartNamespaceDeclHandler = self._declare
        parser.StartElementHandler = self._start_root
        parser.EndElementHandler = self._end
        self._parser = parser

    def read(self) -> tuple[EngineGuess, tuple[TimerText, ...]]:
        try:
            self._parser.Parse(self._source, True)
        except expat.ExpatError as error:
            raise BpmnFileError(*malformed(self._source, error)) from None
        except (LookupError, ValueError) as error:
            # Python's handler for encodings expat lacks raises these from the XML declaration;
            # after the root element they would be a bug here, and must not pass for the file's
            if self._root is not None:
                raise
            raise BpmnFileError(*unreadable_encoding(self._source, error)) from None
        assert self._root is not None  # Parse succeeded, so there was a root element
        engine = EngineGuess(*guess_engine(self._root, self._declared, self._uses))
        return engine, tuple(self._timers)

    def _here(self) -> tuple[int, int]:
        parser = self._parser
        return parser.CurrentLineNumber, parser.CurrentColumnNumber + 1

    def _prolog(self, data: str) -> None:
        """Markup before the root element: refuse a DOCTYPE at its first token."""
        if data.startswith("<!DOCTYPE"):
            line, column = self._here()
            msg = (
                "the file has a DOCTYPE declaration: isorepeat does not read DTDs, because their entity "
                "declarations can expand a small file into gigabytes (an XML bomb) and no BPMN file needs one"
            )
            raise BpmnFileError(msg, line, column)

    def _declare(self, prefix: str | None, uri: str | None) -> None:
        if uri:
            self._declared.append((prefix or "", uri))

    def _start_root(self, name: str, attrs: dict[str, str]) -> None:
        parser = self._parser
        parser.DefaultHandlerExpand = None
        parser.StartElementHandler = self._start
        uri, local, _, _ = _name(name)
        if uri != BPMN_MODEL_NS or local != "definitions":
            where = "in no namespace" if uri is None else f"in the namespace {uri}"
            line, column = self._here()
            msg = (
                f"not a BPMN 2.0 file: the root element is {local} {where}, not definitions in the "
                f"BPMN 2.0 model namespace {BPMN_MODEL_NS}"
            )
            raise BpmnFileError(msg, line, column)
        self._root = attrs
        if execution_platform(attrs) is not None:
            self._uses = None  # the file says its engine: no need to count what it uses
        self._start(name, attrs)

    def _start(self, name: str, attrs: dict[str, str]) -> None:
        # the hot path: one call per element of the file
        if self._timer is not None:
            self._mark()
        known = _NAMES.get(name) or _name(name)
        uses = self._uses
        if uses is not None:
            if known[3]:
                uses[name] = uses.get(name, 0) + 1
            for key in attrs:
                if " " in key:
                    uses[key] = uses.get(key, 0) + 1
        stack = self._stack
        if known[2] is not None and self._timer is None and stack[-1][0] == _TIMER_DEFINITION:
            self._open(known[2], stack)
        stack.append((known, attrs))

    def _end(self, name: str) -> None:
        stack = self._stack
        stack.pop()
        timer = self._timer
        if timer is not None:
            self._mark()
            if len(stack) == timer.depth:
                self._close(timer)

    def _open(self, kind: TimerKind, stack: list[_Entry]) -> None:
        self._timer = _OpenTimer(kind, len(stack), self._here(), self._context(stack))
        parser = self._parser
        parser.CharacterDataHandler = self._chars
        parser.CommentHandler = self._mark
        parser.ProcessingInstructionHandler = self._mark
        parser.StartCdataSectionHandler = self._mark
        parser.EndCdataSectionHandler = self._mark

    def _context(self, stack: list[_Entry]) -> _Context:
        """The event holding the ``timerEventDefinition`` on top of ``stack``, and its scopes."""
        event_name, event_attrs = stack[-2]  # the root is definitions, so there is one
        event = event_name[1]
        cancel_activity = (
            _boolean(event_attrs.get("cancelActivity"), True) if event == "boundaryEvent" else None
        )
        interrupting = None
        if event == "startEvent" and len(stack) > 2 and self._event_subprocess(stack[-3]):
            interrupting = _boolean(event_attrs.get("isInterrupting"), True)
        process_id = None
        in_event_subprocess = False
        for entry in reversed(stack[:-2]):
            if not in_event_subprocess and self._event_subprocess(entry):
                in_event_subprocess = True
            entry_name, attrs = entry
            if entry_name[0] == BPMN_MODEL_NS and entry_name[1] == "process":
                process_id = attrs.get("id")
                break
        return _Context(
            event=event,
            event_id=event_attrs.get("id"),
            event_name=event_attrs.get("name"),
            cancel_activity=cancel_activity,
            interrupting=interrupting,
            in_event_subprocess=in_event_subprocess,
            process_id=process_id,
        )

    @staticmethod
    def _event_subprocess(entry: _Entry) -> bool:
        (uri, local, _, _), attrs = entry
        return (
            uri == BPMN_MODEL_NS and local in _SUBPROCESSES and _boolean(attrs.get("triggeredByEvent"), False)
        )

    def _chars(self, data: str) -> None:
        timer = self._timer
        if timer is None:  # pragma: no cover - the handler is only set while a timer is open
            return
        parser = self._parser
        here = parser.CurrentLineNumber, parser.CurrentColumnNumber + 1
        if timer.after_start is None:
            timer.after_start = here
        timer.chunks.append((timer.length, *here))
        timer.parts.append(data)
        timer.length += len(data)
        timer.pending_end = True

    def _mark(self, *_: object) -> None:
        """Any markup inside the timer element: where the text starts (if it is empty) or ends."""
        timer = self._timer
        if timer is None:  # pragma: no cover - the handlers are only set while a timer is open
            return
        if timer.after_start is None:
            timer.after_start = self._here()
        if timer.pending_end:
            timer.end = self._here()
            timer.pending_end = False

    def _close(self, timer: _OpenTimer) -> None:
        self._timer = None
        parser = self._parser
        parser.CharacterDataHandler = None
        parser.CommentHandler = None
        parser.ProcessingInstructionHandler = None
        parser.StartCdataSectionHandler = None
        parser.EndCdataSectionHandler = None
        text = "".join(timer.parts)
        if timer.chunks:
            _, line, column = timer.chunks[0]
        else:
            assert timer.after_start is not None  # the end tag itself was marked
            line, column = timer.after_start
        context = timer.context
        self._timers.append(
            TimerText(
                kind=timer.kind,
                text=text,
                line=line,
                column=column,
                event=context.event,
                event_id=context.event_id,
                event_name=context.event_name,
                cancel_activity=context.cancel_activity,
                interrupting=context.interrupting,
                in_event_subprocess=context.in_event_subprocess,
                process_id=context.process_id,
                expression=_expression(text),
                element_line=timer.element[0],
                element_column=timer.element[1],
                _chunks=tuple(timer.chunks),
                _end=timer.end if timer.chunks else None,
            )
        )
