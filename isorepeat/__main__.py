"""``python -m isorepeat``."""

from isorepeat.cli.app import main

raise SystemExit(main())
