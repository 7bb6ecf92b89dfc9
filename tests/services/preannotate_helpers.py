"""What the tests of ``preannotate --workers`` and of claiming share: a command in a process of its
own, its worker processes, and waiting for a state (a bound, never a timing assertion)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]


def command(project: Path | str, *args: str, **popen: Any) -> subprocess.Popen[str]:
    """``annotator --project PROJECT preannotate ARGS`` running in a process of its own."""
    return subprocess.Popen([sys.executable, "-m", "annotator.cli.main", "--project", str(project), "preannotate",
                             *args], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **popen)


def spawned_children(pid: int) -> list[int]:
    """The worker processes of command ``pid``: multiprocessing's spawned children (not its
    resource tracker), found through /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == pid and b"spawn_main" in cmdline:
            found.append(int(entry.name))
    return found


def wait_for(condition: Any, what: str, limit_s: float = 120.0) -> Any:
    """Poll until ``condition()`` is true and return its value; fail after a generous bound."""
    deadline = time.monotonic() + limit_s
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.05)
