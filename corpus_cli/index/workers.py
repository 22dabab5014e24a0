"""Worker processes for work spread over the cores: reading a folder, finding places."""

from __future__ import annotations

import multiprocessing
import sys


def pool(workers: int):
    """A pool of ``workers`` processes that end with their parent (fork on Linux, where it is quick
    and safe; spawn elsewhere)."""
    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    return context.Pool(workers, initializer=_die_with_parent)


def _die_with_parent() -> None:
    """A worker ends when its parent does, even a parent killed with SIGKILL (Linux)."""
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        PR_SET_PDEATHSIG = 1
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
