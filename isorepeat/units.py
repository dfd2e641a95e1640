"""The units of time, as integer nanoseconds: one place for every constant (ARCHITECTURE: time is ints)."""

from __future__ import annotations

from typing import Final

__all__ = [
    "NS_PER_DAY",
    "NS_PER_HOUR",
    "NS_PER_MINUTE",
    "NS_PER_MS",
    "NS_PER_SECOND",
    "NS_PER_US",
    "SECONDS_PER_DAY",
    "US_PER_SECOND",
]

NS_PER_US: Final = 1_000
NS_PER_MS: Final = 1_000_000
NS_PER_SECOND: Final = 1_000_000_000
NS_PER_MINUTE: Final = 60 * NS_PER_SECOND
NS_PER_HOUR: Final = 60 * NS_PER_MINUTE
NS_PER_DAY: Final = 24 * NS_PER_HOUR
SECONDS_PER_DAY: Final = 86_400
US_PER_SECOND: Final = 1_000_000
assert NS_PER_DAY == SECONDS_PER_DAY * NS_PER_SECOND == 86_400 * 10**9
