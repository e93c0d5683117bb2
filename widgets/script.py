"""Scripted runs: ``--lesson/--preset/--epochs/--data-root/--autostart/--show-runs/--screenshot/--quit-when-done``."""
from __future__ import annotations

from dataclasses import dataclass
from functools import partial


@dataclass
class ScriptOptions:
    """What the command line asked the window to do once PyTorch is ready."""

    lesson: str | None = None
    preset: str | None = None
    epochs: int | None = None
    autostart: bool = False
    screenshot: str | None = None
    quit_when_done: bool = False
    data_root: str | None = None
    show_runs: bool = False         # open the Runs view with every run of the lesson overlaid


def run_script(window, script: ScriptOptions) -> None:
    """Apply the options to the window (torch is loaded); a start that cannot happen exits non-zero."""
    if script.preset:
        window.apply_preset(script.preset)
    if script.epochs:
        window.form.set_epochs(script.epochs)
    if script.data_root:
        reason = window.form.set_data_root(script.data_root)
        if reason:
            window.message_bar.show_message(reason, "error")
    if script.show_runs:
        window.show_runs()
        runs = window.runs_view
        if script.autostart:              # the run that trains joins them when it ends (MainWindow)
            runs.when_listed(runs.select_all)
        else:                             # the screenshot waits for the overlays instead of a job
            runs.when_listed(partial(runs.overlay_all, window.on_script_done))
    if script.autostart:
        if not window.start_training() and script.quit_when_done:
            window.exit_requested.emit(1)
    elif not script.show_runs:
        # No job and no overlays to wait for: the window as it opened is what was asked for (without this,
        # ``--screenshot FILE --quit-when-done`` alone waited for a job that never came, for ever).
        window.on_script_done()
