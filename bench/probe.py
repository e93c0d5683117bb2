"""What the window benches share: the event-loop probe (a 10 ms timer in the GUI thread whose lateness is how
long the loop was busy, or waiting for the GIL, when it should have fired) and a window run to its end."""
from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer, Slot


class LatenessProbe(QObject):
    """Records (``time.time()``, lateness in ms) for every tick while :attr:`active`."""

    def __init__(self, interval_ms: int = 10, active: bool = True) -> None:
        super().__init__()
        self.interval_ms = interval_ms
        self.active = active
        self.samples: list[tuple[float, float]] = []
        self.last = time.perf_counter()
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    @Slot()
    def tick(self) -> None:
        now = time.perf_counter()
        if self.active:
            self.samples.append((time.time(), max(0.0, (now - self.last) * 1000 - self.interval_ms)))
        self.last = now

    @Slot(bool)
    def set_active(self, active: bool) -> None:
        self.active = active

    def lateness(self) -> list[float]:
        return [late for _when, late in self.samples]


class ReportCounter(QObject):
    """Counts the progress reports the window's panels receive: each one refreshes them (the update budget,
    widgets/update_budget.py, sets how often from what each costs)."""

    def __init__(self) -> None:
        super().__init__()
        self.reports = 0

    @Slot(object)
    def count(self, _progress) -> None:
        self.reports += 1


def train_in_window(app, window, on_busy, on_done) -> None:
    """Show ``window`` (built with autostart), load torch so that it trains, and run the event loop until a
    slot quits it; ``on_busy`` hears the job start and end, ``on_done`` its summary. Both must be slots."""
    window.controller.busy_changed.connect(on_busy)
    window.job_succeeded.connect(on_done)
    window.show()
    window.load_torch()
    app.exec()
    window.close()
