"""Snapshot parts: what a lesson's ``snapshot()`` returns, one small frozen dataclass per kind of drawing.

Each part is plain numpy data (copies, never tensors) and names, by its type, the panels that draw it
(``widgets/panels/registry.py``): a ``SeriesFrame`` goes to the panel of a ``SeriesView``, a ``GateFrame``
to the panel of a ``GatesView``. A part missing a field cannot be built (a ``TypeError`` where the
lesson makes it), so no panel ever draws a silently blank plot. Parts cross threads.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass(frozen=True)
class DigitGuesses:
    """The prediction grid: fixed test digits, their labels, the current guesses and confidence."""

    images: np.ndarray          # (n, 28, 28) uint8
    labels: np.ndarray          # (n,)
    predictions: np.ndarray     # (n,)
    confidence: np.ndarray      # (n,) probability of the guess


@dataclass(frozen=True)
class SeriesFrame:
    """A series and named predictions over it; ``background`` is a curve drawn behind (e.g. the input)."""

    truth: tuple[np.ndarray, np.ndarray]                     # (x, y)
    predictions: dict[str, tuple[np.ndarray, np.ndarray]]    # curve key -> (x, y)
    boundary: float | None = None                            # x of the dashed line, if any
    background: tuple[np.ndarray, np.ndarray] | None = None


@dataclass(frozen=True)
class DecisionFrame:
    """P(class 1) over a square of the plane, and the labelled points."""

    field: np.ndarray             # (size, size), rows = y bottom up, columns = x
    extent: tuple[float, float]   # the square's low and high coordinate
    points: np.ndarray            # (n, 2)
    labels: np.ndarray            # (n,)


@dataclass(frozen=True)
class FilterFrame:
    filters: np.ndarray           # (count, height, width)


@dataclass(frozen=True)
class ReconstructionFrame:
    clean: np.ndarray             # (n, 28, 28) in 0..1
    outputs: np.ndarray           # what the decoder drew
    inputs: np.ndarray            # what the encoder saw (noisy for a denoising autoencoder)
    noisy: bool
    indices: np.ndarray           # which test digits


@dataclass(frozen=True)
class LatentFrame:
    codes: np.ndarray             # (n, latent)
    labels: np.ndarray            # (n,)


@dataclass(frozen=True)
class DigitProbe:
    """The input the gates were recomputed for: a test digit (``index`` >= 0) or a drawn one (-1)."""

    image: np.ndarray             # (28, 28) uint8
    index: int
    label: int                    # the true label, or the network's own answer for a drawing
    probabilities: np.ndarray     # (classes,)


@dataclass(frozen=True)
class SequenceProbe:
    """A window of a series the gates were recomputed for."""

    values: np.ndarray            # (time,)
    index: int


@dataclass(frozen=True)
class GateFrame:
    """Every gate of every layer and direction over time, for one probe input."""

    gates: dict[str, np.ndarray]  # "layer.direction.gate" -> (hidden, time)
    cell: str                     # rnn | lstm | gru
    bidirectional: bool
    probe: DigitProbe | SequenceProbe


@dataclass(frozen=True)
class GradientFrame:
    """‖∂loss/∂h_t‖ per (layer, direction) row and time step, for the same probe."""

    norms: np.ndarray             # (layers * directions, time)
    bidirectional: bool


@dataclass(frozen=True)
class ModelWeights:
    """What a panel needs to rebuild the model in its own thread: lesson, spec and numpy weight copies."""

    task: str
    spec: dict[str, Any]
    state: dict[str, np.ndarray]


Frame = (DigitGuesses | SeriesFrame | DecisionFrame | FilterFrame | ReconstructionFrame | LatentFrame | GateFrame
         | GradientFrame | ModelWeights)
