"""Adapters that let the schedulers people run use isorepeat schedules: APScheduler, Celery beat,
Airflow. Each module imports its scheduler, which its optional extra installs
(``pip install 'isorepeat[apscheduler]'``); nothing here is imported by ``import isorepeat``."""
