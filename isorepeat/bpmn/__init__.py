"""BPMN engines' timers: what Camunda 8 (Zeebe), Camunda 7, Flowable and Activiti do with a
``timeCycle``, ``timeDate`` or ``timeDuration``, and ``check`` for ``.bpmn`` files.

The names are loaded on first use, so ``import isorepeat`` never loads an engine model.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from isorepeat.bpmn.engines import ENGINES, ZEEBE_VERSIONS, Fires, fires, timer_engine

__all__ = ["ENGINES", "ZEEBE_VERSIONS", "Fires", "fires", "timer_engine"]

_LAZY: Final = dict.fromkeys(__all__, "isorepeat.bpmn.engines")


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        msg = f"module 'isorepeat.bpmn' has no attribute {name!r}"
        raise AttributeError(msg)
    return getattr(importlib.import_module(module), name)
