"""Checkpoints: a versioned dict saved atomically and opened with ``torch.load(weights_only=True)``.

Format 1::

    {"format": 1, "task": "mnist-rows", "spec": {...ModelSpec...}, "config": {...TrainConfig...},
     "state_dict": {name: tensor}, "meta": {"app_version": ..., "saved": ..., "metrics": {...}}}

``weights_only=True`` means opening a file can never run code hidden in it. A bare ``state_dict`` (what
``torch.save(model.state_dict(), path)`` writes, as in the seed notes) opens too, into the network the
caller describes. Every failure is one :class:`CheckpointError` with a sentence a learner understands;
a load never writes to disk.
"""
from __future__ import annotations

import datetime as _dt
import os
import pickle
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

import torch
from torch import nn

from workbench import __version__
from workbench.atomic import atomic_write
from workbench.errors import CheckpointError, SpecError, tr_noop
from workbench.spec import ModelSpec, TrainConfig

FORMAT = 1
REQUIRED_KEYS = ("format", "task", "spec", "state_dict")


@dataclass
class Checkpoint:
    task: str
    spec: ModelSpec
    state_dict: dict[str, torch.Tensor]
    config: TrainConfig = field(default_factory=TrainConfig)
    meta: dict[str, Any] = field(default_factory=dict)
    bare: bool = False   # True when the file held only a state_dict


def save_checkpoint(path: str | os.PathLike, task: str, spec: ModelSpec, model: nn.Module,
                    config: TrainConfig | None = None, metrics: Mapping[str, Any] | None = None) -> Path:
    """Write ``model``'s weights with everything needed to rebuild it; the old file survives any failure."""
    payload = {
        "format": FORMAT,
        "task": task,
        "spec": spec.to_dict(),
        "config": (config or TrainConfig()).to_dict(),
        "state_dict": {name: tensor.detach().cpu().clone() for name, tensor in model.state_dict().items()},
        "meta": {"app_version": __version__, "torch_version": str(torch.__version__),
                 "saved": _dt.datetime.now().isoformat(timespec="seconds"),
                 "metrics": {key: value for key, value in (metrics or {}).items()
                             if isinstance(value, (int, float, str, bool)) or value is None}},
    }
    path = Path(path)
    try:
        return atomic_write(path, lambda file: torch.save(payload, file))
    except OSError as error:
        raise CheckpointError(tr_noop("could not save the checkpoint to {path}: {error}"),
                              path=str(path), error=error.strerror or error) from error


def _read(path: Path) -> Any:
    if not path.exists():
        raise CheckpointError(tr_noop("there is no file at {path}"), path=str(path))
    if path.is_dir():
        raise CheckpointError(tr_noop("{path} is a folder, not a checkpoint file"), path=str(path))
    if path.stat().st_size == 0:
        raise CheckpointError(tr_noop("{path} is empty"), path=str(path))
    try:
        return torch.load(path, map_location="cpu", weights_only=True)
    except pickle.UnpicklingError as error:
        text = str(error)
        # The weights-only unpickler names the global or opcode it refused; a random file fails earlier.
        if "Unsupported global" in text:
            raise CheckpointError(tr_noop("{path} contains Python code or objects, not only weights; "
                                          "it was not opened because opening it could run that code"),
                                  path=str(path)) from error
        raise CheckpointError(tr_noop("{path} is not a PyTorch checkpoint (it may be truncated or "
                                      "another kind of file)"), path=str(path)) from error
    except (RuntimeError, EOFError, zipfile.BadZipFile, ValueError, OSError, UnicodeDecodeError) as error:
        raise CheckpointError(tr_noop("{path} is not a PyTorch checkpoint (it may be truncated or "
                                      "another kind of file)"), path=str(path)) from error


def _is_state_dict(value: Any) -> bool:
    return isinstance(value, Mapping) and bool(value) and all(
        isinstance(key, str) and isinstance(tensor, torch.Tensor) for key, tensor in value.items())


def load_checkpoint(path: str | os.PathLike, lessons: Mapping[str, Any] | None = None,
                    bare_task: str | None = None, bare_spec: ModelSpec | None = None) -> Checkpoint:
    """Read and check a checkpoint file.

    ``lessons`` (name -> task class), when given, rejects checkpoints of lessons this version lacks.
    ``bare_task``/``bare_spec`` describe the network a bare state_dict is meant for.
    """
    path = Path(path)
    content = _read(path)
    if _is_state_dict(content) and "format" not in content:
        if bare_spec is None or bare_task is None:
            raise CheckpointError(tr_noop("{path} holds only weights, without a description of the network; "
                                          "open it from the window, with the network it belongs to in the form"),
                                  path=str(path))
        return Checkpoint(bare_task, bare_spec, dict(content), bare=True)
    if not isinstance(content, dict) or any(key not in content for key in REQUIRED_KEYS):
        raise CheckpointError(tr_noop("{path} is a PyTorch file but not an RNN Workbench checkpoint "
                                      "(it lacks the network description)"), path=str(path))
    version = content["format"]
    if not isinstance(version, int) or version > FORMAT or version < 1:
        raise CheckpointError(tr_noop("{path} has checkpoint format {version}; this version of the app "
                                      "reads format {supported}. Update the app to open it"),
                              path=str(path), version=version, supported=FORMAT)
    task = content["task"]
    if lessons is not None and task not in lessons:
        raise CheckpointError(tr_noop("{path} is for the lesson {task!r}, which this version does not have"),
                              path=str(path), task=task)
    try:
        spec = ModelSpec.from_dict(content["spec"])
        config = TrainConfig.from_dict(content.get("config") or {})
    except SpecError as error:
        raise CheckpointError(tr_noop("the network description in {path} is invalid: {error}"),
                              path=str(path), error=error) from error
    if not _is_state_dict(content["state_dict"]):
        raise CheckpointError(tr_noop("the weights in {path} are not a table of tensors"), path=str(path))
    meta = content.get("meta") if isinstance(content.get("meta"), dict) else {}
    return Checkpoint(task, spec, dict(content["state_dict"]), config, meta)


def fit_report(model: nn.Module, state_dict: Mapping[str, torch.Tensor]) -> list[str]:
    """Why ``state_dict`` does not fit ``model``: one line per missing, extra or wrongly shaped tensor."""
    expected = model.state_dict()
    lines = [f"missing {name}" for name in expected if name not in state_dict]
    lines += [f"unexpected {name}" for name in state_dict if name not in expected]
    for name, tensor in state_dict.items():
        if name in expected and tuple(tensor.shape) != tuple(expected[name].shape):
            lines.append(f"{name}: {list(tensor.shape)} in the file, {list(expected[name].shape)} in the network")
    return lines


def load_weights(model: nn.Module, checkpoint: Checkpoint, path: str | os.PathLike = "") -> nn.Module:
    """Load the checkpoint's weights into ``model`` (strict), or explain what does not fit."""
    problems = fit_report(model, checkpoint.state_dict)
    if problems:
        shown = "; ".join(problems[:3]) + (f" (+{len(problems) - 3} more)" if len(problems) > 3 else "")
        raise CheckpointError(tr_noop("the weights in {path} do not fit a {network}: {problems}"),
                              path=str(path), network=describe_network(checkpoint.spec), problems=shown)
    model.load_state_dict(checkpoint.state_dict, strict=True)
    return model


def describe_network(spec: ModelSpec) -> str:
    """Short human name of a network, e.g. 'bidirectional GRU 128×2'."""
    if spec.architecture == "mlp":
        return f"MLP ({spec.activation}), latent {spec.latent_size}" if spec.output_size == 784 else \
            f"MLP ({spec.activation}) {spec.hidden_size}"
    if spec.architecture == "cnn":
        return "CNN"
    prefix = "bidirectional " if spec.bidirectional else ""
    return f"{prefix}{spec.cell.upper()} {spec.hidden_size}×{spec.num_layers}"
