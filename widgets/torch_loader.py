"""Import torch in a background thread so the window is painted first (the import takes seconds).

:func:`load_torch` is a plain job for a :class:`~widgets.worker.JobController` (no QObject of its own:
see widgets/worker.py); its summary tells the form what it needs to know.
"""
from __future__ import annotations

import ctypes
import gc
import importlib.util
import os
import sys
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


# In the order ``import torch`` loads them, and with its flags: first libtorch_global_deps.so, global (it
# brings torch's OpenMP runtime and, in a CUDA build, the CUDA runtime into the global scope), then the
# libraries behind torch._C, local; libtorch.so pulls in the CUDA half where the build has one.
# *Why the order matters:* mapped local and in dependency order, without the global ones first, the tiny
# lessons then trained 7-8 % slower for the whole run (curve-fit, a training thread with no window: 0.922
# of the speed without the preload, median of 4 alternating rounds; loaded as torch loads them, 1.001).
TORCH_LIBRARIES = (("libtorch_global_deps.so", os.RTLD_NOW | os.RTLD_GLOBAL), ("libc10.so", os.RTLD_NOW),
                   ("libtorch_cpu.so", os.RTLD_NOW), ("libtorch.so", os.RTLD_NOW),
                   ("libtorch_python.so", os.RTLD_NOW))


def preload_torch_libraries() -> int:
    """Map torch's shared libraries before ``import torch``, without holding the GIL; how many it mapped.

    *Why:* the import's own ``dlopen`` of libtorch_cpu.so (~400 MB to relocate) runs with the GIL held,
    and the painted window froze for 300-450 ms. Called through ctypes as a foreign function, ``dlopen``
    runs with the GIL released; the import then finds the libraries mapped. (``ctypes.CDLL`` would hold
    the GIL.) Linux only; anything that fails here is simply left to the import.
    """
    if not sys.platform.startswith("linux"):
        return 0
    try:
        spec = importlib.util.find_spec("torch")     # finds the package without importing it
        libc = ctypes.CDLL(None)
        dlopen = libc.dlopen
    except (ImportError, ValueError, OSError, AttributeError):
        return 0
    if spec is None or not spec.submodule_search_locations:
        return 0
    dlopen.argtypes, dlopen.restype = [ctypes.c_char_p, ctypes.c_int], ctypes.c_void_p
    folder = os.path.join(spec.submodule_search_locations[0], "lib")
    mapped = 0
    for name, flags in TORCH_LIBRARIES:
        path = os.path.join(folder, name)
        if os.path.exists(path) and dlopen(path.encode(), flags):
            mapped += 1        # never closed: torch keeps using them
    return mapped


def load_torch(_runner=None) -> dict:
    """{"torch": version, "threads": n, "devices": [(value, label), ...]}; raises if torch is broken.

    The cyclic garbage collector is off while torch imports. *Why:* the import creates about a million
    objects, so the collector ran full passes over them again and again, each one C code holding the GIL
    for 100-300 ms, and the painted window froze for as long (bench/startup.py --stalls). What the import
    leaves is long-lived (with Qt's and pyqtgraph's objects, ~10^6), so it is frozen out of the collector
    before the collector comes back on: a full pass over them later held the GIL for ~150 ms mid-training.
    """
    gc.disable()
    try:
        preload_torch_libraries()
        return _import_torch()
    finally:
        gc.freeze()
        gc.enable()


def _import_torch() -> dict:
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
