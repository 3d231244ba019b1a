"""govaudit: compliance-audit crawler for Chinese government websites.

This package is the command line and the glue between the stages (crawler → checks → reports); no stage
imports it. The version is the installed distribution's (pyproject.toml is its one source).
"""

from importlib.metadata import version

__version__ = version("govaudit")
