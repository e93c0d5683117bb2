"""What every lesson panel is to the window, and what the window offers panels in return.

A panel is built from its spec (``Panel(spec, context)``, see registry.py), draws the snapshot parts
whose types it lists in ``frames``, and may follow the job's progress. Every hook has a do-nothing
default, so a panel implements only what it draws. Panels never import torch and never train.
"""
from __future__ import annotations

from typing import Any, ClassVar, Mapping, Protocol

from workbench.task import ProbeSelection
from workbench.views import LessonView


TRAINING_JOBS = ("train", "compare", "experiment")    # the job kinds that train (the others open or inspect)
SEVERAL_RUNS = ("compare", "experiment")              # jobs that train several runs one after another


class PanelContext(Protocol):
    """The window, as panels see it (all calls in the GUI thread)."""

    lessons: Mapping[str, type]
    probe: ProbeSelection               # which input the inside-the-cell parts are computed for
    view: LessonView                    # the lesson whose panels are being built

    def data_root(self) -> str: ...     # the MNIST folder the form names ("" = embedded)
    def inspect_again(self) -> None: ...              # recompute the probe's parts now (when no job runs)
    def show_panel(self, spec_type: type) -> None: ...  # bring the lesson's panel of that spec type to front
    def start_comparison(self, cells: tuple[str, ...]) -> bool: ...  # train these cells in turn, same recipe


class LessonPanel:
    """Mixin for panel widgets (``class X(QWidget, LessonPanel)``); all hooks are optional."""

    frames: ClassVar[tuple[type, ...]] = ()     # the snapshot part types this panel draws
    # A hidden panel (another tab is in front) gets only the newest part of each type, when it is shown:
    # drawing gates and latent maps nobody sees cost the window tens of ms per snapshot. A panel that
    # must see every part (a history) says True.
    draw_hidden: ClassVar[bool] = False

    def show_frame(self, frame: Any, tag: str | None = None) -> None:
        """Draw a part; ``tag`` names the cell of a comparison run (None for a normal run)."""

    def job_starting(self, kind: str, config: Any) -> None:
        """A job ("train", "compare", "experiment", "open", "inspect") is about to start with this TrainConfig."""

    def run_started(self, event: Any, kind: str) -> None:
        """A training run began (RunStarted); a comparison has one per cell."""

    def progressed(self, progress: Any, kind: str) -> None:
        """New steps (widgets.worker.Progress), at most a few times a second."""

    def evaluated(self, evaluations: tuple) -> None:
        """The evaluations (EvalEnded) since the last update, oldest first; never empty. A tiny model
        evaluates hundreds of times a second: draw them as one batch."""

    def set_ready(self, ready: bool) -> None:
        """Whether a new job may start now (torch loaded, nothing running)."""

    def clear(self) -> None:
        """Forget what was drawn (the lesson was chosen again)."""

    def shutdown(self) -> None:
        """Stop any thread of the panel's own and wait for it (the window is closing)."""
