"""govaudit: compliance-audit crawler for Chinese government websites."""

__version__ = "0.1.0"
