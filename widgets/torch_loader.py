"""Import torch in a background thread so the window is painted first (the import takes seconds).

:func:`load_torch` is a plain job for a :class:`~widgets.worker.JobController` (no QObject of its own:
see widgets/worker.py); its summary tells the form what it needs to know.
"""
from __future__ import annotations


def load_torch(_runner=None) -> dict:
    """{"torch": version, "threads": n, "devices": [(value, label), ...]}; raises if torch is broken."""
    import torch

    import workbench.session  # noqa: F401 - pulls in models, trainer, checkpoint while we wait
    from workbench.threads import configure_torch_threads
    threads = configure_torch_threads(leave_core_for_gui=True)
    devices = []
    if torch.cuda.is_available():
        for index in range(torch.cuda.device_count()):
            value = "cuda" if index == 0 else f"cuda:{index}"
            devices.append((value, f"CUDA {index}: {torch.cuda.get_device_name(index)}"))
    return {"torch": torch.__version__, "threads": threads, "devices": devices}
