"""The command line's exit codes and its one error type (also in the README).

  0  audit done, no failed veto or deduct finding
  1  audit done, gaps found (a failed veto or deduct finding; with a baseline: a gating gap)
  2  usage or configuration error
  3  the site could not be crawled at all (its start page could not be fetched)
"""

from __future__ import annotations

EXIT_OK, EXIT_GAPS, EXIT_USAGE, EXIT_UNREACHABLE = 0, 1, 2, 3
EXIT_CLOSED_PIPE = 141  # stdout closed by its reader, as `yes | head` ends


class UsageError(Exception):
    """A bad option or file: ``govaudit`` prints ``govaudit: 错误：<message>`` and exits 2."""
