"""Diagnostics: the findings of ``check`` as data, with their stable codes (SEMANTICS §8).

A rule says what it found and where in the job (:class:`Finding`); :mod:`isorepeat.chronos.check`
turns that into a :class:`Diagnostic` with the file's line and column. The code table below is the
one place that gives a code its severity and its short name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, Literal, TypeAlias, final

if TYPE_CHECKING:
    from isorepeat.dialects import Dialect

__all__ = ["CHRONOS_ONLY", "CODES", "Diagnostic", "Finding", "Severity", "codes_of"]

Severity: TypeAlias = Literal["error", "warning", "note"]
"""``"error"``: the engine rejects the job or timer, or it cannot work; ``"warning"``: accepted,
but probably not what the author meant; ``"note"``: worth knowing, nothing to fix (a BPMN cron
expression isorepeat does not check, the engine a file was read as)."""

CODES: Final[dict[str, tuple[Severity, str]]] = {
    "IR100": ("error", "unparseable-schedule"),
    "IR101": ("error", "start-before-1970"),
    "IR102": ("error", "bad-job-name"),
    "IR103": ("error", "duplicate-job-name"),
    "IR104": ("error", "unknown-parent"),
    "IR105": ("error", "dependency-cycle"),
    "IR106": ("error", "unparseable-epsilon"),
    "IR107": ("error", "uris-and-fetch"),
    "IR108": ("error", "not-a-job-document"),
    "IR201": ("warning", "start-without-offset"),
    "IR202": ("warning", "offset-discarded"),
    "IR203": ("warning", "surprising-zone-alias"),
    "IR204": ("warning", "unknown-zone"),
    "IR205": ("warning", "month-end-drift"),
    "IR206": ("warning", "never-runs"),
    "IR207": ("warning", "period-does-not-advance"),
    "IR208": ("warning", "sub-millisecond-fraction"),
    "IR209": ("warning", "empty-start"),
    "IR210": ("warning", "reduced-start"),
    "IR211": ("warning", "schedule-and-parents"),
    "IR212": ("warning", "fixed-offset-across-dst"),
    "IR213": ("warning", "period-shorter-than-epsilon"),
    "IR214": ("warning", "period-chronos-2-cannot-count"),
    "IR215": ("warning", "duplicate-key"),
    "IR216": ("warning", "misspelt-field"),
    "IR217": ("warning", "no-schedule-no-parents"),
    "IR218": ("warning", "unrepresentable-start"),
    "IR219": ("warning", "dst-gap-drift"),
}

CHRONOS_ONLY: Final = frozenset({"IR205", "IR208", "IR209", "IR210", "IR213", "IR214", "IR219"})
"""The codes about what Chronos does with a schedule (its month-end and DST-gap drift,
truncation, empty starts, reduced starts, epsilon and 2.x's skip count): a dialect that is not
Chronos does not get them."""


def codes_of(dialect: Dialect) -> frozenset[str]:
    """The codes ``check`` reports for schedules of ``dialect`` (its ``check_rules``; by default
    every code but :data:`CHRONOS_ONLY`)."""
    if dialect.check_rules is not None:
        return dialect.check_rules
    return frozenset(CODES) - CHRONOS_ONLY


@final
@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding of ``check``, located in its file.

    ``line`` and ``col`` are 1-based, as editors, flake8 and ruff count, and point at the offending
    character in the file (inside a schedule string, through its JSON escapes);
    ``schedule_column`` is the 0-based index of that character in the schedule text
    (:attr:`isorepeat.ScheduleError.column`), ``None`` when the finding is not about a schedule.
    """

    code: str
    severity: Severity
    message: str
    path: str
    line: int
    col: int
    hint: str | None = None
    schedule_column: int | None = None

    def __str__(self) -> str:
        """``path:line:col: CODE severity: message`` and the hint on an indented line."""
        head = f"{self.path}:{self.line}:{self.col}: {self.code} {self.severity}: {self.message}"
        return f"{head}\n    hint: {self.hint}" if self.hint else head


@final
@dataclass(frozen=True, slots=True)
class Finding:
    """What a rule found, and where in the job: a field (``("parents", 2)`` is the third parent;
    ``()`` the job object itself) and, in a string field, the 0-based index of the character;
    ``on_key`` points at the key the field is written under instead of its value."""

    code: str
    message: str
    hint: str | None = None
    where: tuple[str | int, ...] = ("schedule",)
    index: int | None = None
    on_key: bool = False
