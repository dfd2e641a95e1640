"""Adapters that let the schedulers people run use isorepeat schedules: APScheduler, Celery beat,
Airflow. Each module imports its scheduler, which its optional extra installs
(``pip install 'isorepeat[apscheduler]'``); nothing here is imported by ``import isorepeat``."""

from __future__ import annotations

from typing import Final

__all__ = ["REQUIRES"]

REQUIRES: Final = {"apscheduler": "apscheduler", "celery": "celery", "airflow": "airflow"}
"""Each adapter module's name, and the top-level package of the scheduler it imports: what the
test suite and the doctest collection check is installed before they import the adapter."""
