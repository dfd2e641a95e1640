"""pytest configuration shared by the tests and the library's doctests."""

from __future__ import annotations

# `python -m isorepeat` runs the CLI when imported; doctest collection must not import it.
collect_ignore = ["isorepeat/__main__.py"]
