"""Worker processes: how every parallel step starts them.

Workers are forked, so that they share this process's memory (the model, the compiled
templates) instead of receiving it through a pipe.  Where fork is not available (Windows)
the steps run here, one after the other.
"""
from __future__ import annotations

import multiprocessing
import signal
from multiprocessing.pool import Pool


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


_STOPPING = {signal.SIGINT, signal.SIGTERM}


def pool(workers: int) -> Pool:
    """``workers`` forked processes.  They leave signals to this process: Ctrl-C reaches
    every process of the terminal's group, and each worker would print a traceback of its
    own, while this one stops them anyway as it unwinds (``Pool.terminate``, a SIGTERM,
    which a worker must not turn into a KeyboardInterrupt as ``gwsite serve`` does).
    The signals stay blocked from the fork until a worker has set that up."""
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPPING)
    try:
        return multiprocessing.get_context("fork").Pool(workers, initializer=_leave_signals_to_parent,
                                                        initargs=(mask,))
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)


def _leave_signals_to_parent(mask) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_SETMASK, mask)
