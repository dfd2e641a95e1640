"""The installed distribution's version, from its metadata (one source: ``pyproject.toml``)."""

from __future__ import annotations

__all__ = ["installed_version"]


def installed_version() -> str:
    """``importlib.metadata``'s version of the ``isorepeat`` distribution; ``"unknown"`` when
    the package runs from a source tree that was never installed."""
    # Imported here: importlib.metadata costs milliseconds, and only --version needs it.
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("isorepeat")
    except PackageNotFoundError:
        return "unknown"
