"""Import torch in a background thread so the window is painted first (the import takes seconds)."""
from __future__ import annotations

import traceback

from PySide6.QtCore import QObject, Signal, Slot


class TorchLoader(QObject):
    """Run in a QThread; emits ``loaded`` with what the form needs to know, or ``failed``."""

    loaded = Signal(object)   # {"torch": version, "threads": n, "devices": [(value, label), ...]}
    failed = Signal(str)
    finished = Signal()

    @Slot()
    def run(self) -> None:
        try:
            import torch

            import workbench.session  # noqa: F401 - pulls in models, trainer, checkpoint while we wait
            from workbench.threads import configure_torch_threads
            threads = configure_torch_threads(leave_core_for_gui=True)
            devices = []
            if torch.cuda.is_available():
                for index in range(torch.cuda.device_count()):
                    value = "cuda" if index == 0 else f"cuda:{index}"
                    devices.append((value, f"CUDA {index}: {torch.cuda.get_device_name(index)}"))
            self.loaded.emit({"torch": torch.__version__, "threads": threads, "devices": devices})
        except Exception as error:  # a broken torch install must be reported, not crash the window
            traceback.print_exc()
            self.failed.emit(f"{type(error).__name__}: {error}")
        finally:
            self.finished.emit()
