"""pytest configuration shared by the tests and the library's doctests."""

from __future__ import annotations

import importlib.util

from isorepeat.integrations import REQUIRES

# `python -m isorepeat` runs the CLI when imported; doctest collection must not import it.
collect_ignore = ["isorepeat/__main__.py"]
# An adapter imports its scheduler: without it installed (Airflow has a CI step of its own),
# there is nothing of it to collect.
collect_ignore += [
    f"isorepeat/integrations/{module}.py"
    for module, package in REQUIRES.items()
    if importlib.util.find_spec(package) is None
]
