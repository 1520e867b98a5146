"""Parse workers' lifecycle: a worker process ends with the loader that started it. No Django."""

from __future__ import annotations

import ctypes
import gc
import os
import signal
import sys
import threading
import time


def init_worker(parent: int) -> None:
    """Make a parse worker end with the loader that started it, even after kill -9 of the loader.

    Without this a worker waits forever on its task queue (it holds both ends of the pipe, so it
    never sees end-of-file), and multiprocessing's resource_tracker, whose pipe the workers also
    hold, stays with it. On Linux the kernel sends SIGKILL when the parent dies (PR_SET_PDEATHSIG;
    it tracks the thread that started the worker, which is the loader's, living as long as the
    load). Elsewhere, and as a second guard, a thread polls the parent id: an orphan is
    re-parented. When the last worker is gone the tracker reads end-of-file and exits by itself.
    """
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the loader died before the line above
        os._exit(1)
    gc.set_threshold(20_000, 20, 20)  # as the loader's (archive.pipeline.load.loader_gc): fewer passes
    threading.Thread(target=_watch_parent, args=(parent,), name="watch-parent", daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)
