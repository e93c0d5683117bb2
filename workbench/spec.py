"""What network to build (:class:`ModelSpec`) and how to train it (:class:`TrainConfig`).

Both are frozen dataclasses that validate themselves, round-trip through JSON-able dicts, and never
import torch: the form edits them, the checkpoint stores them, the CLI parses them. ``problems()``
lists every invalid field (the form shows each reason beside its field); ``validate()`` raises the
first one as a :class:`SpecError`.
"""
from __future__ import annotations

import dataclasses
import math
import re
from dataclasses import dataclass, fields
from typing import Any, TypeVar

from workbench.errors import SpecError, tr_noop

CELLS = ("rnn", "lstm", "gru")
NONLINEARITIES = ("tanh", "relu")
HEADS = ("last", "mean")
ARCHITECTURES = ("recurrent", "mlp", "cnn")
ACTIVATIONS = ("tanh", "relu", "sigmoid")
OPTIMIZERS = ("sgd", "momentum", "rmsprop", "adam", "adamw")
SCHEDULES = ("constant", "onecycle")

# Gate blocks per cell: nn.RNN has one weight block, nn.GRU three (r, z, n), nn.LSTM four (i, f, g, o).
GATE_BLOCKS = {"rnn": 1, "gru": 3, "lstm": 4}

# What workbench/gates.py recomputes per cell, in PyTorch's order, and each one's fixed colour range so
# a heatmap means the same thing all run long (the LSTM cell state c is unbounded: None = symmetric).
GATES = {"lstm": ("i", "f", "g", "o", "c", "h"), "gru": ("r", "z", "n", "h"), "rnn": ("h",)}
GATE_RANGES = {"i": (0.0, 1.0), "f": (0.0, 1.0), "o": (0.0, 1.0), "r": (0.0, 1.0), "z": (0.0, 1.0),
               "g": (-1.0, 1.0), "n": (-1.0, 1.0), "h": (-1.0, 1.0), "c": None}

MAX_WIDTH = 4096
MAX_LAYERS = 8
DEVICE_PATTERN = re.compile(r"^(cpu|cuda(:\d+)?|mps)$")

Spec = TypeVar("Spec", "ModelSpec", "TrainConfig")


def _int_in(problems: list, field: str, value: Any, low: int, high: int, label: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        problems.append(SpecError(field, tr_noop("{label} must be a whole number from {low} to {high}, got {value}"),
                                  label=label, low=low, high=high, value=value))


def _float_in(problems: list, field: str, value: Any, low: float, high: float, label: str,
              low_open: bool = False, high_open: bool = False) -> None:
    ok = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
    if ok:
        ok = (value > low if low_open else value >= low) and (value < high if high_open else value <= high)
    if ok:
        return
    if low_open:
        template = tr_noop("{label} must be greater than {low:g} and at most {high:g}, got {value}")
    elif high_open:
        template = tr_noop("{label} must be at least {low:g} and below {high:g}, got {value}")
    else:
        template = tr_noop("{label} must be from {low:g} to {high:g}, got {value}")
    problems.append(SpecError(field, template, label=label, low=low, high=high, value=value))


def _choice(problems: list, field: str, value: Any, choices: tuple[str, ...], label: str) -> None:
    if value not in choices:
        problems.append(SpecError(field, tr_noop("{label} must be one of {choices}, got {value!r}"),
                                  label=label, choices=", ".join(choices), value=value))


def _bool(problems: list, field: str, value: Any, label: str) -> None:
    if not isinstance(value, bool):
        problems.append(SpecError(field, tr_noop("{label} must be true or false, got {value!r}"),
                                  label=label, value=value))


class _SpecMixin:
    """Shared validation and dict round-trip for the two spec dataclasses."""

    def problems(self) -> list[SpecError]:  # pragma: no cover - overridden
        raise NotImplementedError

    def validate(self: Spec) -> Spec:
        """Return self when every field is usable, else raise the first :class:`SpecError`."""
        found = self.problems()
        if found:
            raise found[0]
        return self

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls: type[Spec], data: Any) -> Spec:
        """Build and validate from a dict; unknown keys and wrong types raise :class:`SpecError`."""
        if not isinstance(data, dict):
            raise SpecError("", tr_noop("expected a table of settings, got {kind}"), kind=type(data).__name__)
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise SpecError(unknown[0], tr_noop("unknown setting {name!r}"), name=unknown[0])
        values = dict(data)
        for f in fields(cls):
            # JSON has no int/float distinction for 1.0 vs 1; accept whole floats for int fields.
            if f.type == "int" and isinstance(values.get(f.name), float) and values[f.name].is_integer():
                values[f.name] = int(values[f.name])
            if f.type == "float" and isinstance(values.get(f.name), int) and not isinstance(values[f.name], bool):
                values[f.name] = float(values[f.name])
        return cls(**values).validate()

    def replace(self: Spec, **changes: Any) -> Spec:
        return dataclasses.replace(self, **changes)


@dataclass(frozen=True)
class ModelSpec(_SpecMixin):
    """A recurrent stack and its linear head: input (batch, time, input_size) -> output_size values."""

    cell: str = "lstm"
    input_size: int = 28
    hidden_size: int = 64
    num_layers: int = 1
    bidirectional: bool = False
    dropout: float = 0.0
    nonlinearity: str = "tanh"
    output_size: int = 10
    head: str = "last"
    # For lessons whose network is not (only) a recurrent stack: the autoencoder's encoder/decoder, the
    # PyTorch-basics MLPs and CNN. Recurrent lessons leave them at their defaults.
    architecture: str = "recurrent"
    latent_size: int = 3
    activation: str = "tanh"

    def problems(self) -> list[SpecError]:
        found: list[SpecError] = []
        _choice(found, "cell", self.cell, CELLS, tr_noop("cell"))
        _int_in(found, "input_size", self.input_size, 1, MAX_WIDTH, tr_noop("input size"))
        _int_in(found, "hidden_size", self.hidden_size, 1, MAX_WIDTH, tr_noop("hidden size"))
        _int_in(found, "num_layers", self.num_layers, 1, MAX_LAYERS, tr_noop("layers"))
        _bool(found, "bidirectional", self.bidirectional, tr_noop("bidirectional"))
        _float_in(found, "dropout", self.dropout, 0.0, 1.0, tr_noop("dropout"), high_open=True)
        _choice(found, "nonlinearity", self.nonlinearity, NONLINEARITIES, tr_noop("nonlinearity"))
        _int_in(found, "output_size", self.output_size, 1, MAX_WIDTH, tr_noop("output size"))
        _choice(found, "head", self.head, HEADS, tr_noop("head"))
        _choice(found, "architecture", self.architecture, ARCHITECTURES, tr_noop("architecture"))
        _int_in(found, "latent_size", self.latent_size, 1, 64, tr_noop("latent size"))
        _choice(found, "activation", self.activation, ACTIVATIONS, tr_noop("activation"))
        if not found and self.dropout > 0 and self.num_layers == 1:
            # nn.LSTM applies dropout only between stacked layers: with one layer it silently does nothing.
            found.append(SpecError("dropout", tr_noop(
                "dropout acts between stacked layers, so with 1 layer it does nothing: use 2+ layers or 0")))
        if not found and self.cell != "rnn" and self.nonlinearity != "tanh":
            found.append(SpecError("nonlinearity", tr_noop(
                "only a plain RNN cell has a choice of nonlinearity; LSTM and GRU use tanh")))
        return found

    @property
    def directions(self) -> int:
        return 2 if self.bidirectional else 1

    @property
    def feature_size(self) -> int:
        """Width of what the head reads: the last hidden state of every direction, side by side."""
        return self.hidden_size * self.directions

    def parameter_count(self) -> int:
        """Parameters of the recurrent stack and its linear head, computed without torch (the form
        shows it live; lessons with other networks provide their own count)."""
        stack = recurrent_parameter_count(self.cell, self.input_size, self.hidden_size, self.num_layers,
                                          self.bidirectional)
        return stack + linear_parameter_count(self.feature_size, self.output_size)


def recurrent_parameter_count(cell: str, input_size: int, hidden_size: int, layers: int,
                              bidirectional: bool) -> int:
    """Trainable parameters of an nn.RNN / nn.LSTM / nn.GRU stack."""
    blocks = GATE_BLOCKS.get(cell, 1) * hidden_size
    directions = 2 if bidirectional else 1
    total = 0
    for layer in range(layers):
        layer_input = input_size if layer == 0 else hidden_size * directions
        # weight_ih, weight_hh and the two bias vectors, per direction.
        total += directions * (blocks * layer_input + blocks * hidden_size + 2 * blocks)
    return total


def linear_parameter_count(*sizes: int) -> int:
    """Parameters of a chain of nn.Linear layers through ``sizes`` (weights and biases)."""
    return sum(width_in * width_out + width_out for width_in, width_out in zip(sizes, sizes[1:]))


@dataclass(frozen=True)
class TrainConfig(_SpecMixin):
    """A training recipe: optimizer, schedule, batches, regularisation, device, data."""

    optimizer: str = "adam"
    lr: float = 0.01
    batch_size: int = 64
    epochs: int = 1
    schedule: str = "constant"
    weight_decay: float = 0.0
    clip_norm: float = 0.0          # 0 turns clipping off
    label_smoothing: float = 0.0
    shift_px: int = 0               # random translation of each training image by up to this many pixels
    noise_std: float = 0.0          # denoising autoencoder: Gaussian noise added to inputs, clean targets
    evals_per_epoch: int = 4
    seed: int = 1
    device: str = "cpu"
    data_root: str = ""             # empty: the embedded 5k MNIST
    download: bool = False
    # Sequence lessons (sine-to-cos, sine-forecast, sine-generation); other lessons ignore them.
    sequence_length: int = 20       # time steps per training window
    carry_hidden: bool = True       # pass each window's final hidden state (detached) to the next window
    horizon: int = 100              # steps to generate freely after the primer
    csv_path: str = ""              # empty: the lesson's built-in series
    csv_column: str = ""            # which column of the CSV: a header name, a number from 1, "rows", or ""
                                    # for the last numeric column that is not a year/date/index column
    # Optimizer race: one learning rate per racer (SGD, SGD+momentum, RMSprop, Adam), comma-separated.
    race_lrs: str = "0.01, 0.01, 0.01, 0.01"

    def problems(self) -> list[SpecError]:
        found: list[SpecError] = []
        _choice(found, "optimizer", self.optimizer, OPTIMIZERS, tr_noop("optimizer"))
        _float_in(found, "lr", self.lr, 0.0, 10.0, tr_noop("learning rate"), low_open=True)
        _int_in(found, "batch_size", self.batch_size, 1, 65536, tr_noop("batch size"))
        _int_in(found, "epochs", self.epochs, 1, 10000, tr_noop("epochs"))
        _choice(found, "schedule", self.schedule, SCHEDULES, tr_noop("schedule"))
        _float_in(found, "weight_decay", self.weight_decay, 0.0, 1.0, tr_noop("weight decay"))
        _float_in(found, "clip_norm", self.clip_norm, 0.0, 1e6, tr_noop("gradient clipping"))
        _float_in(found, "label_smoothing", self.label_smoothing, 0.0, 1.0, tr_noop("label smoothing"), high_open=True)
        _int_in(found, "shift_px", self.shift_px, 0, 8, tr_noop("random shift"))
        _float_in(found, "noise_std", self.noise_std, 0.0, 2.0, tr_noop("input noise"))
        _int_in(found, "evals_per_epoch", self.evals_per_epoch, 1, 100, tr_noop("evaluations per epoch"))
        _int_in(found, "seed", self.seed, 0, 2**32 - 1, tr_noop("seed"))
        if not isinstance(self.device, str) or not DEVICE_PATTERN.match(self.device):
            found.append(SpecError("device", tr_noop("device must be cpu, cuda, cuda:N or mps, got {value!r}"),
                                   value=self.device))
        if not isinstance(self.data_root, str):
            found.append(SpecError("data_root", tr_noop("data folder must be a path, got {value!r}"),
                                   value=self.data_root))
        _bool(found, "download", self.download, tr_noop("download"))
        _int_in(found, "sequence_length", self.sequence_length, 2, 1000, tr_noop("sequence length"))
        _bool(found, "carry_hidden", self.carry_hidden, tr_noop("carry the hidden state"))
        _int_in(found, "horizon", self.horizon, 1, 10000, tr_noop("generation horizon"))
        if parse_rates(self.race_lrs) is None:
            found.append(SpecError("race_lrs", tr_noop("race learning rates must be 4 numbers above 0 and at most 10, "
                                                       "separated by commas, got {value!r}"), value=self.race_lrs))
        if not isinstance(self.csv_path, str):
            found.append(SpecError("csv_path", tr_noop("CSV file must be a path, got {value!r}"), value=self.csv_path))
        if not isinstance(self.csv_column, str):
            found.append(SpecError("csv_column", tr_noop("CSV column must be a name or a number, got {value!r}"),
                                   value=self.csv_column))
        return found


def parse_rates(text: object, count: int = 4) -> list[float] | None:
    """``count`` comma-separated learning rates in (0, 10], or None when the text is not that."""
    if not isinstance(text, str):
        return None
    try:
        rates = [float(part) for part in text.split(",")]
    except ValueError:
        return None
    if len(rates) != count or not all(math.isfinite(rate) and 0 < rate <= 10 for rate in rates):
        return None
    return rates


@dataclass(frozen=True)
class Preset:
    """A named recipe shown in the form's preset list and accepted by ``--preset``."""

    name: str
    title: str
    spec: ModelSpec
    config: TrainConfig
