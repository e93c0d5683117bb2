"""The training loop: one place that owns the optimizer, the schedule, clipping, evaluation and events.

Read it top to bottom in :meth:`Trainer.run`. It reports through callbacks registered by event name
(``on_start``, ``on_step``, ``on_eval``, ``on_snapshot``, ``on_done``, ``on_error``) and knows nothing
about Qt, files or printing; the CLI and the window's worker attach what they need.
"""
from __future__ import annotations

import math
import time
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Callable

import torch
from torch import nn

from workbench.control import Control
from workbench.errors import TrainingError, tr_noop
from workbench.events import EvalEnded, RunFailed, RunFinished, RunStarted, Snapshot, StepEnded
from workbench.models import count_parameters
from workbench.resume import ResumePoint, capture_rng, restore_rng
from workbench.spec import ModelSpec, TrainConfig
from workbench.task import Batches, Task
from workbench.threads import LoadFollower, load_follower

# "on_epoch" receives (model, ResumePoint) in the trainer's thread, to save a checkpoint from which the
# run can continue; it holds live objects, so it is never forwarded to another thread.
EVENT_NAMES = ("on_start", "on_step", "on_eval", "on_snapshot", "on_done", "on_error", "on_epoch")


def resolve_device(name: str) -> torch.device:
    """The torch device for a config's device name, or a :class:`TrainingError` saying why not."""
    if name.startswith("cuda"):
        if not torch.cuda.is_available():
            raise TrainingError(tr_noop("CUDA was chosen, but this PyTorch build sees no CUDA GPU; choose cpu"))
        index = int(name.split(":")[1]) if ":" in name else 0
        if index >= torch.cuda.device_count():
            raise TrainingError(tr_noop("there is no CUDA device {index} (this machine has {count})"),
                                index=index, count=torch.cuda.device_count())
    if name == "mps" and not torch.backends.mps.is_available():
        raise TrainingError(tr_noop("MPS (Apple GPU) was chosen but is not available here; choose cpu"))
    return torch.device(name)


def make_optimizer(config: TrainConfig, parameters) -> torch.optim.Optimizer:
    kind, lr, decay = config.optimizer, config.lr, config.weight_decay
    if kind == "sgd":
        return torch.optim.SGD(parameters, lr=lr, weight_decay=decay)
    if kind == "momentum":
        return torch.optim.SGD(parameters, lr=lr, momentum=0.9, weight_decay=decay)
    if kind == "rmsprop":
        return torch.optim.RMSprop(parameters, lr=lr, alpha=0.9, weight_decay=decay)
    if kind == "adam":
        return torch.optim.Adam(parameters, lr=lr, weight_decay=decay)
    return torch.optim.AdamW(parameters, lr=lr, weight_decay=decay)


def make_schedule(config: TrainConfig, optimizer: torch.optim.Optimizer, total_steps: int):
    """A per-step learning-rate schedule, or None for a constant rate."""
    if config.schedule != "onecycle":
        return None
    # Only optimizers with a momentum term of their own get it cycled; for RMSprop/SGD that would
    # silently add momentum the learner did not ask for.
    cycle_momentum = config.optimizer in ("momentum", "adam", "adamw")
    return torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=config.lr, total_steps=max(total_steps, 1),
                                               cycle_momentum=cycle_momentum)


def gradient_norm(model: nn.Module, clip_norm: float) -> torch.Tensor:
    """The global gradient norm before clipping; gradients are clipped to ``clip_norm`` when it is > 0.

    Without clipping only the norm is computed: clip_grad_norm_ with an infinite limit still multiplied
    every gradient by 1, which doubled the optimizer step's Python work for the tiny lessons.
    """
    if clip_norm > 0:
        return nn.utils.clip_grad_norm_(model.parameters(), clip_norm)
    grads = [parameter.grad for parameter in model.parameters() if parameter.grad is not None]
    if not grads:
        return torch.zeros(())
    return nn.utils.get_total_norm(grads)


def eval_points(steps_per_epoch: int, evals_per_epoch: int) -> set[int]:
    """Batch numbers (1-based, within an epoch) after which to evaluate: evenly spaced, the last one last."""
    count = min(evals_per_epoch, steps_per_epoch)
    return {max(1, round(steps_per_epoch * k / count)) for k in range(1, count + 1)}


def evaluate(task: Task, model: nn.Module, batches: Batches) -> dict[str, float]:
    """Mean test loss and the task's per-sample metrics over ``batches``, prefixed ``test_``."""
    was_training = model.training
    model.eval()
    total_loss, total_size = 0.0, 0
    sums: dict[str, float] = defaultdict(float)
    with torch.no_grad():
        for batch in batches:
            result = task.step(model, batch, training=False)
            total_loss += float(result.loss) * result.size
            total_size += result.size
            for key, value in result.sums.items():
                sums[key] += float(value)
    metrics = {"test_loss": total_loss / max(total_size, 1)}
    metrics.update({f"test_{key}": value / max(total_size, 1) for key, value in sums.items()})
    with torch.no_grad():   # metrics that are not averages over batches (e.g. a free-running rollout)
        metrics.update(task.extra_metrics(model))
    model.train(was_training)
    return metrics


def thread_facts(threads: LoadFollower | None) -> dict[str, Any]:
    """What a run's metrics say of the CPU threads it trained on: their count (the ceiling, where training
    gave way to other programs or, in the window, measured one thread faster), when the window chose which,
    and, if it gave way, when and to how many — results of the CNN lesson can differ in their last digits
    with the count (workbench/threads.py), and speeds differ a lot."""
    if threads is None:
        return {"threads": torch.get_num_threads()}
    facts: dict[str, Any] = {"threads": threads.ceiling}
    if threads.tuner is not None and threads.tuner.decisions:      # the window measured one thread against all
        facts["thread_choices"] = [[seconds, count, ratio] for seconds, ratio, count in threads.tuner.decisions]
    if threads.changes:
        facts["thread_changes"] = [[seconds, count] for seconds, _others, count in threads.changes]
    return facts


@dataclass
class RunResult:
    model: nn.Module
    metrics: dict[str, Any]
    stopped: bool
    resume: ResumePoint | None = None       # where a continuation would pick up


def _restore_optimizer(optimizer, state: dict) -> None:
    try:
        optimizer.load_state_dict(state)
    except (ValueError, KeyError, TypeError, RuntimeError) as error:
        raise TrainingError(tr_noop("the saved optimizer state does not fit this network ({error})"),
                            error=error) from None


class Trainer:
    """Trains one model for one task with one config; :meth:`run` may be called once."""

    def __init__(self, task: Task, spec: ModelSpec, config: TrainConfig, control: Control | None = None,
                 snapshot_every_s: float = 0.3, resume: tuple[dict, ResumePoint] | None = None) -> None:
        """``resume`` = (state_dict, ResumePoint): continue a saved run instead of starting afresh."""
        self.task = task
        self.resume = resume
        self.spec = spec.validate()
        self.config = config.validate()
        self.control = control or Control()
        self.snapshot_every_s = snapshot_every_s
        self.callbacks: dict[str, list[Callable]] = defaultdict(list)

    def add_callback(self, event_name: str, callback: Callable) -> None:
        if event_name not in EVENT_NAMES:
            raise ValueError(f"unknown trainer event {event_name!r}; known: {', '.join(EVENT_NAMES)}")
        self.callbacks[event_name].append(callback)

    def trigger(self, event_name: str, event: Any) -> None:
        for callback in self.callbacks[event_name]:
            callback(event)

    def _snapshot(self, model: nn.Module, step: int) -> None:
        was_training = model.training
        model.eval()
        with torch.no_grad():
            parts = tuple(self.task.snapshot(model))
        model.train(was_training)
        self.trigger("on_snapshot", Snapshot(step, parts))

    def run(self) -> RunResult:
        """Train; report events; return the model and the summary metrics. Raises on failure."""
        try:
            return self._run()
        except Exception as error:
            self.trigger("on_error", RunFailed(str(error)))
            raise

    def _run(self) -> RunResult:
        config, control = self.config, self.control
        began = time.perf_counter()
        paused_s = 0.0
        torch.manual_seed(config.seed)
        device = resolve_device(config.device)
        model = self.task.build(self.spec).to(device)
        data = self.task.data(config, device)
        steps_per_epoch = len(data.train)
        total_steps = steps_per_epoch * config.epochs
        custom = self.task.make_optimizer(model, config)    # e.g. one optimizer per racer
        optimizer = make_optimizer(config, model.parameters()) if custom is None else custom
        schedule = make_schedule(config, optimizer, total_steps) if custom is None else None
        evaluate_after = eval_points(steps_per_epoch, config.evals_per_epoch)
        step, samples, train_seconds, epoch, done_before = 0, 0, 0.0, 0, 0.0
        first_epoch, skip_batches = 1, 0
        metrics: dict[str, float] = {}
        evaluated_at = -1
        recent_losses: list[float] = []
        if self.resume is not None:
            weights, point = self.resume
            model.load_state_dict(weights)
            _restore_optimizer(optimizer, point.optimizer)
            if schedule is not None:
                if point.schedule is not None and point.total_epochs == config.epochs:
                    schedule.load_state_dict(point.schedule)
                else:    # more epochs than the cycle was planned for: a fresh cycle over the added steps
                    schedule = make_schedule(config, optimizer, total_steps - point.step)
            restore_rng(point.rng, data.generators)
            self.task.restore_state(point.task)
            step, samples, train_seconds, done_before = point.step, point.samples, point.train_seconds, point.seconds
            metrics, evaluated_at, recent_losses = dict(point.metrics), point.evaluated_at, list(point.recent_losses)
            epoch = point.epoch
            first_epoch, skip_batches = point.epoch + 1, point.batches_done
        # A run stopped inside an epoch continues exactly if that epoch is drawn again as it was (its shuffle,
        # and the random draws of the batches already trained: shifts, phases) before the states at the stop
        # are put back. Checkpoints saved before epoch_rng existed continue from the stop's states alone.
        replay_rng = self.resume[1].epoch_rng if self.resume is not None and skip_batches else None
        epoch_rng = replay_rng             # the random states as the epoch in progress began
        self.trigger("on_start", RunStarted(self.task.name, str(device), count_parameters(model), total_steps,
                                            steps_per_epoch, config.epochs, data.train_size, data.test_size,
                                            data.description))
        wants_snapshots = bool(self.callbacks["on_snapshot"])
        if wants_snapshots:
            self._snapshot(model, step)
        last_snapshot = loop_began = time.perf_counter()

        def resume_point(rng: dict | None = None) -> ResumePoint:
            # Every epoch has steps_per_epoch steps, so the step count says where in which epoch we are.
            completed, batches_done = divmod(step, steps_per_epoch) if steps_per_epoch else (epoch, 0)
            return ResumePoint(completed, step, samples, train_seconds,
                               done_before + time.perf_counter() - loop_began - paused_s, config.epochs, dict(metrics),
                               evaluated_at, list(recent_losses), optimizer.state_dict(),
                               schedule.state_dict() if schedule is not None else None,
                               rng or capture_rng(data.generators), self.task.resume_state(), batches_done,
                               epoch_rng if batches_done else None)
        model.train()
        batch_number = 0
        threads = load_follower()       # gives way to other programs' CPU use (workbench/threads.py)
        for epoch in range(first_epoch, config.epochs + 1):
            paused_s += control.wait_while_paused()
            if control.stop_requested:      # before the next epoch draws its shuffle: the run can continue exactly
                epoch -= 1
                break
            if replay_rng is not None:
                restore_rng(replay_rng, data.generators)
            epoch_rng = replay_rng or capture_rng(data.generators)
            for batch_number, batch in enumerate(data.train, start=1):
                if skip_batches:            # a run stopped mid-epoch continues where it stopped
                    skip_batches -= 1
                    if not skip_batches and replay_rng is not None:
                        restore_rng(self.resume[1].rng, data.generators)   # as they were at the stop
                        replay_rng = None
                    continue
                step_began = time.perf_counter()
                result = self.task.step(model, batch, training=True)
                optimizer.zero_grad(set_to_none=True)
                result.loss.backward()
                grad_norm = float(gradient_norm(model, config.clip_norm))
                loss = float(result.loss.detach())  # the one host sync per step
                if not math.isfinite(loss):
                    raise TrainingError(tr_noop("the loss became {loss} at step {step}: training diverged. "
                                                "Try a lower learning rate or turn on gradient clipping"),
                                        loss=loss, step=step + 1)
                optimizer.step()
                if schedule is not None:
                    schedule.step()
                step += 1
                samples += result.size
                train_seconds += time.perf_counter() - step_began
                recent_losses = (recent_losses + [loss])[-50:]
                active = done_before + time.perf_counter() - loop_began - paused_s
                logs = {name: float(value) for name, value in result.logs.items()}
                self.trigger("on_step", StepEnded(step, epoch, loss, grad_norm, optimizer.param_groups[0]["lr"],
                                                  samples, active, total_steps, train_seconds, logs,
                                                  threads=threads.current if threads else 0,
                                                  thread_ceiling=threads.target if threads else 0))
                if batch_number in evaluate_after:
                    metrics = evaluate(self.task, model, data.test)
                    evaluated_at = step
                    self.trigger("on_eval", EvalEnded(step, epoch, metrics))
                if wants_snapshots and time.perf_counter() - last_snapshot >= self.snapshot_every_s:
                    self._snapshot(model, step)
                    last_snapshot = time.perf_counter()
                if threads is not None:
                    threads.after_step(samples, train_seconds)
                # Pause and stop between this step and the next batch: fetching a batch draws random numbers
                # (shifts, phases), and a stopped run's saved states must be those before the next batch.
                paused_s += control.wait_while_paused()
                if control.stop_requested:
                    break
            if control.stop_requested:
                break
            if self.callbacks["on_epoch"]:
                self.trigger("on_epoch", (model, resume_point()))
        stop_rng = capture_rng(data.generators)     # before the last evaluation and snapshot, which could draw
        if evaluated_at != step:
            metrics = evaluate(self.task, model, data.test)
            self.trigger("on_eval", EvalEnded(step, epoch, metrics))
        if wants_snapshots:
            self._snapshot(model, step)
        summary = {
            "task": self.task.name,
            "epochs": round(step / steps_per_epoch, 3) if steps_per_epoch else 0,
            "steps": step,
            **{key: round(value, 6) for key, value in metrics.items()},
            "train_loss": round(sum(recent_losses) / len(recent_losses), 6) if recent_losses else None,
            "samples_per_s": round(samples / train_seconds, 1) if train_seconds else 0.0,
            "seconds": round(done_before + time.perf_counter() - began - paused_s, 3),
            "device": str(device),
            "parameter_count": count_parameters(model),
            "stopped": control.stop_requested,
            **thread_facts(threads),
            **data.facts,
        }
        self.trigger("on_done", RunFinished(control.stop_requested, summary))
        return RunResult(model, summary, control.stop_requested, resume_point(stop_rng))
