"""claimtracker: an evidence tracker for health and fitness marketing claims."""

__version__ = "0.1.0"
