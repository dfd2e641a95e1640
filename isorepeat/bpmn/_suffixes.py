"""The names of BPMN files, in a module of their own: ``isorepeat check`` of job files needs them
(is this argument a model?) without loading the directory walk or a BPMN module."""

from __future__ import annotations

from typing import Final

__all__ = ["BPMN_SUFFIXES"]

BPMN_SUFFIXES: Final = (".bpmn", ".bpmn20.xml")
"""``*.bpmn``, and Flowable's ``*.bpmn20.xml``."""
