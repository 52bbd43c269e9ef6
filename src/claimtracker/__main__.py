"""``python -m claimtracker``."""

from claimtracker.cli import main

main()
