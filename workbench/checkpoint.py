"""Checkpoints: a versioned dict saved atomically and opened with ``torch.load(weights_only=True)``.

Format 2::

    {"format": 2, "task": "mnist-rows", "spec": {...ModelSpec...}, "config": {...TrainConfig...},
     "state_dict": {name: tensor},
     "meta": {"app_version": ..., "saved": ..., "metrics": {...},
              "digest": {"algorithm": "sha256", "weights": hex, "description": hex}},
     "resume": {...}}            # optional: what a run needs to continue training (workbench/resume.py)

``weights_only=True`` means opening a file can never run code hidden in it. The digests make damage
visible: a flipped bit in a tensor's bytes loads without complaint in torch, but not here ("damaged: the
weights do not match their checksum"). Format 1 (no digest) still opens, marked unverified. A bare
``state_dict`` (what ``torch.save(model.state_dict(), path)`` writes, as in the seed notes) opens too,
into the network the caller describes. Every failure is one :class:`CheckpointError` with a sentence a
learner understands; a load never writes to disk.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import pickle
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

import torch
from torch import nn

from workbench import __version__
from workbench.atomic import atomic_write
from workbench.errors import CheckpointError, SpecError, tr_noop
from workbench.spec import ModelSpec, TrainConfig

FORMAT = 2
REQUIRED_KEYS = ("format", "task", "spec", "state_dict")

VERIFIED = "verified"          # both digests match
UNVERIFIED = "unverified"      # format 1: saved before checksums existed, damage cannot be detected
BARE = "bare"                  # a plain state_dict: nothing to verify against


@dataclass
class Checkpoint:
    task: str
    spec: ModelSpec
    state_dict: dict[str, torch.Tensor]
    config: TrainConfig = field(default_factory=TrainConfig)
    meta: dict[str, Any] = field(default_factory=dict)
    bare: bool = False   # True when the file held only a state_dict
    integrity: str = VERIFIED
    resume: dict[str, Any] | None = None


def weights_digest(state_dict: Mapping[str, torch.Tensor]) -> str:
    """SHA-256 over every tensor's name, dtype, shape and bytes, in name order."""
    digest = hashlib.sha256()
    for name in sorted(state_dict):
        tensor = state_dict[name].detach().cpu().contiguous()
        digest.update(f"{name}|{tensor.dtype}|{tuple(tensor.shape)}|".encode())
        digest.update(tensor.reshape(-1).view(torch.uint8).numpy().tobytes())
    return digest.hexdigest()


def description_digest(task: str, spec: Mapping[str, Any], config: Mapping[str, Any]) -> str:
    """SHA-256 of the lesson, network and recipe, as canonical JSON."""
    text = json.dumps({"task": task, "spec": spec, "config": config}, sort_keys=True, ensure_ascii=True)
    return hashlib.sha256(text.encode()).hexdigest()


def save_checkpoint(path: str | os.PathLike, task: str, spec: ModelSpec, model: nn.Module,
                    config: TrainConfig | None = None, metrics: Mapping[str, Any] | None = None,
                    resume: Mapping[str, Any] | None = None) -> Path:
    """Write ``model``'s weights with everything needed to rebuild it; the old file survives any failure."""
    state_dict = {name: tensor.detach().cpu().clone() for name, tensor in model.state_dict().items()}
    spec_dict, config_dict = spec.to_dict(), (config or TrainConfig()).to_dict()
    payload: dict[str, Any] = {
        "format": FORMAT,
        "task": task,
        "spec": spec_dict,
        "config": config_dict,
        "state_dict": state_dict,
        "meta": {"app_version": __version__, "torch_version": str(torch.__version__),
                 "saved": _dt.datetime.now().isoformat(timespec="seconds"),
                 "metrics": {key: value for key, value in (metrics or {}).items()
                             if isinstance(value, (int, float, str, bool)) or value is None},
                 "digest": {"algorithm": "sha256", "weights": weights_digest(state_dict),
                            "description": description_digest(task, spec_dict, config_dict)}},
    }
    if resume is not None:
        payload["resume"] = dict(resume)
    path = Path(path)
    try:
        return atomic_write(path, lambda file: torch.save(payload, file))
    except OSError as error:
        raise CheckpointError(tr_noop("could not save the checkpoint to {path}: {error}"),
                              path=str(path), error=error.strerror or error) from error


def _not_a_checkpoint(path: Path) -> CheckpointError:
    return CheckpointError(tr_noop("{path} is not a PyTorch checkpoint (it may be truncated or another kind of "
                                   "file)"), path=str(path))


def _read(path: Path) -> Any:
    if not path.exists():
        raise CheckpointError(tr_noop("there is no file at {path}"), path=str(path))
    if path.is_dir():
        raise CheckpointError(tr_noop("{path} is a folder, not a checkpoint file"), path=str(path))
    if path.stat().st_size == 0:
        raise CheckpointError(tr_noop("{path} is empty"), path=str(path))
    try:
        with warnings.catch_warnings():
            # torch warns about pickle protocols of odd files; the learner gets our sentence instead.
            warnings.simplefilter("ignore")
            return torch.load(path, map_location="cpu", weights_only=True)
    except pickle.UnpicklingError as error:
        # The weights-only unpickler names the global or opcode it refused; a random file fails earlier.
        if "Unsupported global" in str(error):
            raise CheckpointError(tr_noop("{path} contains Python code or objects, not only weights; "
                                          "it was not opened because opening it could run that code"),
                                  path=str(path)) from error
        raise _not_a_checkpoint(path) from error
    except MemoryError as error:
        raise CheckpointError(tr_noop("{path} is too large to open"), path=str(path)) from error
    except Exception as error:
        # Junk makes torch's readers fail in many ways (RuntimeError, EOFError, KeyError, IndexError,
        # BadZipFile, ...); which one says nothing to a learner, and none may escape as a traceback.
        raise _not_a_checkpoint(path) from error


def _is_state_dict(value: Any) -> bool:
    return isinstance(value, Mapping) and bool(value) and all(
        isinstance(key, str) and isinstance(tensor, torch.Tensor) for key, tensor in value.items())


def _config_of(content: dict) -> Any:
    """The saved recipe; files from before configs were saved have none (``bool()`` of junk may raise)."""
    config = content.get("config")
    return {} if config is None else config


def _damaged(path: Path, what: str) -> CheckpointError:
    if what == "weights":
        return CheckpointError(tr_noop("{path} is damaged: the weights do not match their checksum"), path=str(path))
    return CheckpointError(tr_noop("{path} is damaged: the network description does not match its checksum"),
                           path=str(path))


def _verify(path: Path, content: dict, meta: dict) -> str:
    """Check the digests of a format-2 file; a format-1 file has none and is returned as unverified."""
    if content["format"] < 2:
        return UNVERIFIED
    digest = meta.get("digest")
    if not isinstance(digest, dict) or digest.get("algorithm") != "sha256" \
            or not all(isinstance(digest.get(key), str) for key in ("weights", "description")):
        raise CheckpointError(tr_noop("{path} is damaged: its checksum is missing"), path=str(path))
    try:
        described = description_digest(content["task"], content["spec"], _config_of(content))
    except (TypeError, ValueError):     # not JSON at all (a tensor where a number belongs, ...)
        raise _damaged(path, "description") from None
    if described != digest["description"]:
        raise _damaged(path, "description")
    if weights_digest(content["state_dict"]) != digest["weights"]:
        raise _damaged(path, "weights")
    return VERIFIED


def check_tensors(path: str | os.PathLike, state_dict: Mapping[str, torch.Tensor]) -> None:
    """Refuse weights no network should have: not floating point, or NaN / infinite values."""
    for name, tensor in state_dict.items():
        if not tensor.is_floating_point():
            raise CheckpointError(tr_noop("the weights in {path} are not usable: {name} holds {dtype} numbers, "
                                          "not floating point"), path=str(path), name=name,
                                  dtype=str(tensor.dtype).replace("torch.", ""))
        if not bool(torch.isfinite(tensor).all()):
            raise CheckpointError(tr_noop("the weights in {path} are not usable: {name} contains NaN or infinite "
                                          "values"), path=str(path), name=name)


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
        check_tensors(path, content)
        return Checkpoint(bare_task, bare_spec, dict(content), bare=True, integrity=BARE)
    if not isinstance(content, dict) or any(key not in content for key in REQUIRED_KEYS):
        raise CheckpointError(tr_noop("{path} is a PyTorch file but not an RNN Workbench checkpoint "
                                      "(it lacks the network description)"), path=str(path))
    version = content["format"]
    if type(version) is not int or version > FORMAT or version < 1:
        raise CheckpointError(tr_noop("{path} has checkpoint format {version}; this version of the app "
                                      "reads format {supported}. Update the app to open it"),
                              path=str(path), version=version, supported=FORMAT)
    task = content["task"]
    if not isinstance(task, str):
        raise CheckpointError(tr_noop("{path} is damaged: it does not say which lesson it belongs to"), path=str(path))
    if not _is_state_dict(content["state_dict"]):
        raise CheckpointError(tr_noop("the weights in {path} are not a table of tensors"), path=str(path))
    if content.get("meta") is not None and not isinstance(content["meta"], dict):
        raise CheckpointError(tr_noop("{path} is damaged: its metadata is not a table"), path=str(path))
    meta = content.get("meta") or {}
    # The digests first: a damaged description must not decide which (possibly huge) network gets built.
    integrity = _verify(path, content, meta)
    if lessons is not None and task not in lessons:
        raise CheckpointError(tr_noop("{path} is for the lesson {task!r}, which this version does not have"),
                              path=str(path), task=task)
    try:
        spec = ModelSpec.from_dict(content["spec"])
        config = TrainConfig.from_dict(_config_of(content))
    except (SpecError, TypeError) as error:
        raise CheckpointError(tr_noop("the network description in {path} is invalid: {error}"),
                              path=str(path), error=error) from error
    check_tensors(path, content["state_dict"])
    resume = content.get("resume") if isinstance(content.get("resume"), dict) else None
    return Checkpoint(task, spec, dict(content["state_dict"]), config, meta, integrity=integrity, resume=resume)


def fit_report(model: nn.Module, state_dict: Mapping[str, torch.Tensor]) -> list[str]:
    """Why ``state_dict`` does not fit ``model``: one line per missing, extra, wrongly shaped or typed tensor."""
    expected = model.state_dict()
    lines = [f"missing {name}" for name in expected if name not in state_dict]
    lines += [f"unexpected {name}" for name in state_dict if name not in expected]
    for name, tensor in state_dict.items():
        if name not in expected:
            continue
        if tuple(tensor.shape) != tuple(expected[name].shape):
            lines.append(f"{name}: {list(tensor.shape)} in the file, {list(expected[name].shape)} in the network")
        elif tensor.dtype != expected[name].dtype:
            lines.append(f"{name}: {str(tensor.dtype).replace('torch.', '')} in the file, "
                         f"{str(expected[name].dtype).replace('torch.', '')} in the network")
    return lines


def load_weights(model: nn.Module, checkpoint: Checkpoint, path: str | os.PathLike = "") -> nn.Module:
    """Load the checkpoint's weights into ``model`` (strict), or explain what does not fit."""
    problems = fit_report(model, checkpoint.state_dict)
    if problems:
        shown = "; ".join(problems[:3]) + (f" (+{len(problems) - 3} more)" if len(problems) > 3 else "")
        raise CheckpointError(tr_noop("the weights in {path} do not fit a {network}: {problems}"),
                              path=str(path), network=describe_network(checkpoint.spec), problems=shown)
    try:
        model.load_state_dict(checkpoint.state_dict, strict=True)
    except RuntimeError as error:   # what fit_report cannot foresee (e.g. odd strides) still gets a sentence
        raise CheckpointError(tr_noop("the weights in {path} do not fit a {network}: {problems}"),
                              path=str(path), network=describe_network(checkpoint.spec),
                              problems=str(error).splitlines()[0]) from error
    return model


def network_name(spec: ModelSpec) -> tuple[str, dict]:
    """A network's short name as a translatable template and its values, e.g. ('bidirectional {cell}
    {hidden}×{layers}', {...}); the window translates it (widgets.i18n.translate_core)."""
    if spec.architecture == "mlp":
        if spec.output_size == 784:
            return tr_noop("MLP ({activation}), code of {latent}"), {"activation": spec.activation,
                                                                      "latent": spec.latent_size}
        return tr_noop("MLP ({activation}) {hidden}"), {"activation": spec.activation, "hidden": spec.hidden_size}
    if spec.architecture == "cnn":
        return "CNN", {}
    values = {"cell": spec.cell.upper(), "hidden": spec.hidden_size, "layers": spec.num_layers}
    return (tr_noop("bidirectional {cell} {hidden}×{layers}") if spec.bidirectional else "{cell} {hidden}×{layers}"), values


def describe_network(spec: ModelSpec) -> str:
    """Short human name of a network in English, e.g. 'bidirectional GRU 128×2'."""
    template, values = network_name(spec)
    return template.format(**values)
