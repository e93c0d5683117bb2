"""Stop and pause flags shared between a running job and whoever drives it (no torch, no Qt)."""
from __future__ import annotations

import threading
import time


class Control:
    """Two ``threading.Event``s checked once per batch: stop, and run (cleared while paused)."""

    def __init__(self) -> None:
        self._stop = threading.Event()
        self._running = threading.Event()
        self._running.set()

    def stop(self) -> None:
        self._stop.set()
        self._running.set()  # wake a paused loop so it can see the stop

    def pause(self) -> None:
        self._running.clear()

    def resume(self) -> None:
        self._running.set()

    @property
    def stop_requested(self) -> bool:
        return self._stop.is_set()

    @property
    def paused(self) -> bool:
        return not self._running.is_set()

    def wait_while_paused(self) -> float:
        """Block while paused; return the seconds spent waiting (kept out of speed and ETA figures)."""
        if self._running.is_set():
            return 0.0
        began = time.perf_counter()
        self._running.wait()
        return time.perf_counter() - began
