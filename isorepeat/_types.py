"""Literal aliases for the string policies of the public API (one place, whenever's names)."""

from __future__ import annotations

from typing import Literal, TypeAlias

__all__ = ["Disambiguate", "Nanos"]

Disambiguate: TypeAlias = Literal["compatible", "earlier", "later", "raise"]
"""How a wall time in a gap or overlap becomes an instant (S24), as whenever and Temporal name it."""

Nanos: TypeAlias = int
"""An integer count of nanoseconds: of elapsed time, or since the Unix epoch for an instant."""

DISAMBIGUATIONS: tuple[Disambiguate, ...] = ("compatible", "earlier", "later", "raise")
