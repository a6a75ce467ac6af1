"""paxscreen: screens airline passenger data for border security."""

__version__ = "0.1.0"
