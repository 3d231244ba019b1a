"""``govaudit demo --districts 3 --months 2``, run once per test session and shared by the tests of the
monthly documents (notices, bulletin, archive): about half a minute of audits on loopback."""

from __future__ import annotations

import atexit
import functools
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

AS_OF = "2026-11-27"
MONTHS = ["2026-10-27", AS_OF]


def govaudit(*args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    return subprocess.run([sys.executable, "-m", "govaudit.cli", *args], capture_output=True, text=True, env=env,
                          timeout=timeout, check=False)


@functools.cache
def demo_districts() -> Path:
    """The demo's three districts over two months (东湖区 fixes its gaps, 西山区 breaks a link, 南江区 keeps
    its gaps), audited into a folder kept for the session; tests that write into it write their own files."""
    root = Path(tempfile.mkdtemp(prefix="govaudit-months-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    out = root / "districts"
    proc = govaudit("demo", "--districts", "3", "--months", "2", "--as-of", AS_OF, "--out", str(out))
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-3000:]
    return out


def copy_of_districts(target: Path) -> Path:
    """A private copy, for a test that must see the folder as the demo left it."""
    shutil.copytree(demo_districts(), target)
    return target
