"""Is the process that trains a run folder still alive? A lock file answers it.

The training process holds an exclusive ``flock`` on ``run.lock`` (with its pid written inside) for as
long as it trains. The kernel drops the lock when the process dies, however it dies, so a reader that
can take the lock knows the run was interrupted; a PID file alone could not tell a dead process from a
recycled pid. ``flock`` locks belong to an open file, not to a process, so even the window that trains
a run sees its own run as held. Windows has no ``flock``; ``msvcrt.locking`` on the first byte does
the same there.
"""
from __future__ import annotations

import os
from pathlib import Path

from workbench.errors import TrainingError, tr_noop

try:
    import fcntl
    msvcrt = None
except ImportError:          # pragma: no cover - Windows
    fcntl = None
    import msvcrt


def _try_lock(handle, exclusive: bool) -> bool:
    try:
        if fcntl is not None:
            fcntl.flock(handle.fileno(), (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
        else:                # pragma: no cover - Windows
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        return True
    except OSError:
        return False


def _unlock(handle) -> None:
    if fcntl is not None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
    else:                    # pragma: no cover - Windows
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)


class RunLock:
    def __init__(self, path: str | os.PathLike) -> None:
        self.path = Path(path)
        self._handle = None

    def acquire(self) -> None:
        handle = self.path.open("a+")
        if not _try_lock(handle, exclusive=True):
            handle.close()
            raise TrainingError(tr_noop("{run_dir} is being trained right now by another process"),
                                run_dir=str(self.path.parent))
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")      # for a person looking; the lock itself is the truth
        handle.flush()
        self._handle = handle

    def release(self) -> None:
        """The run ended (finished, stopped or failed, all recorded in config.json): the lock file goes."""
        if self._handle is not None:
            self.path.unlink(missing_ok=True)
            self._handle.close()      # closing drops the flock
            self._handle = None


def is_held(path: str | os.PathLike) -> bool:
    """Whether a living process holds the run's lock (False when there is no lock file)."""
    path = Path(path)
    if not path.exists():
        return False
    with path.open("r+") as handle:
        if not _try_lock(handle, exclusive=False):
            return True
        _unlock(handle)
        return False
