"""BPMN engines' timers: what Camunda 8 (Zeebe), Camunda 7, Flowable and Activiti do with a
``timeCycle``, ``timeDate`` or ``timeDuration``, and ``check`` for ``.bpmn`` files.

The names are loaded on first use, so ``import isorepeat`` never loads an engine model.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from isorepeat.bpmn.check import check_bpmn, check_timer
    from isorepeat.bpmn.document import BpmnDocument, BpmnFileError, TimerText, read_bpmn
    from isorepeat.bpmn.engines import ENGINES, ZEEBE_VERSIONS, Fires, fires, timer_engine

__all__ = [
    "ENGINES",
    "ZEEBE_VERSIONS",
    "BpmnDocument",
    "BpmnFileError",
    "Fires",
    "TimerText",
    "check_bpmn",
    "check_timer",
    "fires",
    "read_bpmn",
    "timer_engine",
]

_ENGINE_NAMES: Final = ("ENGINES", "ZEEBE_VERSIONS", "Fires", "fires", "timer_engine")
_LAZY: Final = {
    **dict.fromkeys(_ENGINE_NAMES, "isorepeat.bpmn.engines"),
    **dict.fromkeys(("BpmnDocument", "BpmnFileError", "TimerText", "read_bpmn"), "isorepeat.bpmn.document"),
    **dict.fromkeys(("check_bpmn", "check_timer"), "isorepeat.bpmn.check"),
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        msg = f"module 'isorepeat.bpmn' has no attribute {name!r}"
        raise AttributeError(msg)
    return getattr(importlib.import_module(module), name)
