"""Import torch in a background thread so the window is painted first (the import takes seconds).

:func:`load_torch` is a plain job for a :class:`~widgets.worker.JobController` (no QObject of its own:
see widgets/worker.py); its summary tells the form what it needs to know.
"""
from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QTimer, Slot

from widgets.worker import JobController


def warm_up(torch) -> None:
    """Build an optimizer and take one step on a one-weight model: the first optimizer imports
    torch._dynamo (~3 s of Python holding the GIL), which otherwise happened at the learner's first Start
    and stalled the window there; here it happens behind the loading message."""
    weight = torch.zeros(1, requires_grad=True)
    optimizer = torch.optim.Adam([weight], lr=0.1)
    (weight * 2).sum().backward()
    optimizer.step()


def load_torch(_runner=None) -> dict:
    """{"torch": version, "threads": n, "devices": [(value, label), ...]}; raises if torch is broken."""
    import torch

    import workbench.session  # noqa: F401 - pulls in models, trainer, checkpoint while we wait
    warm_up(torch)
    from workbench.threads import configure_torch_threads
    threads = configure_torch_threads(leave_core_for_gui=True)
    devices = []
    if torch.cuda.is_available():
        for index in range(torch.cuda.device_count()):
            value = "cuda" if index == 0 else f"cuda:{index}"
            devices.append((value, f"CUDA {index}: {torch.cuda.get_device_name(index)}"))
    return {"torch": torch.__version__, "threads": threads, "devices": devices}


class TorchStartup(QObject):
    """Loads torch once the window has been painted (so the learner sees the window at once), recording
    when the window was painted and when torch was ready in ``window.startup_times``."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.controller = JobController(self, "torch-loader")
        self._requested = False
        self._after_paint = False
        # Installed on the window only until its first paint, so that afterwards no event of the
        # window passes through Python.
        window.installEventFilter(self)

    def eventFilter(self, watched, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if watched is self.window and event.type() == QEvent.Type.Paint:
            self.window.startup_times["painted"] = time.time()
            self.window.removeEventFilter(self)
            if self._after_paint:
                QTimer.singleShot(0, self.load)
        return False

    def load_after_paint(self) -> None:
        """A fallback timer covers platforms that never paint (a minimised start)."""
        self._after_paint = True
        QTimer.singleShot(1000, self.load)

    @Slot()
    def load(self) -> None:
        """Only the first call acts; the controller's ``succeeded`` / ``failed`` follow."""
        if not self._requested:
            self._requested = True
            self.controller.start(load_torch)
