"""Processes that die with their parent: pool workers and kernels never outlive a killed `report`.

On Linux the kernel delivers SIGKILL to a process when its parent dies (prctl
PR_SET_PDEATHSIG); elsewhere a daemon thread polls the parent's pid.  Run as a module, it
starts another module the same way, so that each kernel is tied to its worker:

    python -m analysis.report.lifeline ipykernel_launcher -f CONNECTION_FILE
"""
from __future__ import annotations

import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1
POLL_SECONDS = 0.5


def _set_death_signal() -> bool:
    """Ask Linux to SIGKILL this process when its parent ends; False where that is not available."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch(parent: int) -> None:
    """Poll until the parent is gone, then end this process at once."""
    while os.getppid() == parent:
        time.sleep(POLL_SECONDS)
    os._exit(1)


def die_with_parent(parent: int | None = None) -> None:
    """Make this process end when `parent` (default: its current parent) does, however it dies."""
    parent = os.getppid() if parent is None else parent
    if not _set_death_signal():
        threading.Thread(target=_watch, args=(parent,), daemon=True, name="lifeline").start()
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)


def main(argv: list[str]) -> None:
    """Tie this process to its parent, then run module `argv[0]` as __main__ with the remaining arguments."""
    import runpy

    die_with_parent()
    module, sys.argv = argv[0], [argv[0], *argv[1:]]
    runpy.run_module(module, run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main(sys.argv[1:])
