"""Look inside a recurrent layer: recompute every gate over time from the weights, and measure how much
of the loss's gradient reaches each time step.

PyTorch's fused nn.LSTM / nn.GRU / nn.RNN return only hidden states; the gates exist only inside the
kernel. Here the same equations run step by step in Python (weights from the module, so nothing is
copied or retrained), which is cheap for one sample of a few dozen steps:

- LSTM: i, f, o = σ(·), g = tanh(·), c = f⊙c + i⊙g, h = o⊙tanh(c)   (chunks in PyTorch's order i, f, g, o)
- GRU:  r, z = σ(·), n = tanh(W_in x + b_in + r⊙(W_hn h + b_hn)), h = (1−z)⊙n + z⊙h
- RNN:  h = tanh or relu(W_ih x + b_ih + W_hh h + b_hh)

A test checks the recomputed hidden states against the fused modules in float64.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np
import torch
from torch import nn

from workbench.frames import GateFrame, GradientFrame, SequenceProbe
from workbench.spec import GATE_RANGES, GATES  # noqa: F401 - re-exported for callers of this module


def cell_kind(rnn: nn.RNNBase) -> str:
    if isinstance(rnn, nn.LSTM):
        return "lstm"
    if isinstance(rnn, nn.GRU):
        return "gru"
    return "rnn"


@dataclass
class Recomputed:
    """Per (layer, direction): each gate as a (batch, time, hidden) tensor, plus the per-step hidden
    tensors themselves (``steps``) so that gradients with respect to them can be asked for."""

    cell: str
    gates: dict[tuple[int, int], dict[str, torch.Tensor]]
    steps: dict[tuple[int, int], list[torch.Tensor]]
    outputs: torch.Tensor                       # top layer, (batch, time, directions * hidden)
    final_hidden: torch.Tensor                  # (layers * directions, batch, hidden), like h_n


def _weights(rnn: nn.RNNBase, layer: int, direction: int):
    suffix = f"_l{layer}" + ("_reverse" if direction else "")
    return (getattr(rnn, "weight_ih" + suffix), getattr(rnn, "weight_hh" + suffix),
            getattr(rnn, "bias_ih" + suffix, None), getattr(rnn, "bias_hh" + suffix, None))


def _linear(inputs: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor | None) -> torch.Tensor:
    return nn.functional.linear(inputs, weight, bias)


def recompute(rnn: nn.RNNBase, inputs: torch.Tensor) -> Recomputed:
    """Run ``rnn``'s equations step by step on batch-first ``inputs``; inter-layer dropout is off (eval)."""
    cell = cell_kind(rnn)
    directions = 2 if rnn.bidirectional else 1
    batch, time_steps, _ = inputs.shape
    hidden = rnn.hidden_size
    gates: dict[tuple[int, int], dict[str, torch.Tensor]] = {}
    steps: dict[tuple[int, int], list[torch.Tensor]] = {}
    finals = []
    layer_input = inputs
    for layer in range(rnn.num_layers):
        direction_outputs = []
        for direction in range(directions):
            w_ih, w_hh, b_ih, b_hh = _weights(rnn, layer, direction)
            # The input projection for all time steps at once; only the recurrence needs the loop.
            projected = _linear(layer_input, w_ih, b_ih)                   # (batch, time, blocks*hidden)
            h = inputs.new_zeros(batch, hidden)
            c = inputs.new_zeros(batch, hidden)
            record: dict[str, list[torch.Tensor]] = {name: [None] * time_steps for name in GATES[cell]}
            order = range(time_steps - 1, -1, -1) if direction else range(time_steps)
            for t in order:
                recurrent = _linear(h, w_hh, b_hh)
                if cell == "lstm":
                    i, f, g, o = (projected[:, t] + recurrent).chunk(4, dim=1)
                    i, f, g, o = i.sigmoid(), f.sigmoid(), g.tanh(), o.sigmoid()
                    c = f * c + i * g
                    h = o * c.tanh()
                    values = {"i": i, "f": f, "g": g, "o": o, "c": c, "h": h}
                elif cell == "gru":
                    x_r, x_z, x_n = projected[:, t].chunk(3, dim=1)
                    h_r, h_z, h_n = recurrent.chunk(3, dim=1)
                    r, z = (x_r + h_r).sigmoid(), (x_z + h_z).sigmoid()
                    n = (x_n + r * h_n).tanh()
                    h = (1 - z) * n + z * h
                    values = {"r": r, "z": z, "n": n, "h": h}
                else:
                    pre = projected[:, t] + recurrent
                    h = pre.tanh() if rnn.nonlinearity == "tanh" else pre.relu()
                    values = {"h": h}
                for name, value in values.items():
                    record[name][t] = value
            gates[(layer, direction)] = {name: torch.stack(sequence, dim=1) for name, sequence in record.items()}
            steps[(layer, direction)] = record["h"]
            direction_outputs.append(gates[(layer, direction)]["h"])
            finals.append(h)
        layer_input = torch.cat(direction_outputs, dim=2)
    return Recomputed(cell, gates, steps, layer_input, torch.stack(finals, dim=0))


def gate_arrays(recomputed: Recomputed, sample: int = 0) -> dict[str, np.ndarray]:
    """Numpy copies for the panel: key ``"layer.direction.gate"`` -> (hidden, time) array of one sample."""
    return {f"{layer}.{direction}.{name}": value[sample].detach().cpu().numpy().T.astype(np.float32)
            for (layer, direction), named in recomputed.gates.items() for name, value in named.items()}


def trace(rnn: nn.RNNBase, inputs: torch.Tensor,
          loss_of: Callable[[Recomputed], torch.Tensor]) -> tuple[Recomputed, np.ndarray]:
    """Recompute the gates and measure ‖∂loss/∂h_t‖ for every time step in one forward/backward pass.

    Returns the recomputation and the gradient norms, shape (layers·directions, time), rows in
    (layer, direction) order. ``loss_of`` turns the recomputed forward pass into the lesson's loss (e.g.
    the head on the final state, then cross-entropy); the hidden state of every step is a graph node,
    so its gradient can be read. Parameter gradients are not touched.
    """
    with torch.enable_grad():
        recomputed = recompute(rnn, inputs)
        loss = loss_of(recomputed)
        keys = sorted(recomputed.steps)
        flat = [state for key in keys for state in recomputed.steps[key]]
        grads = torch.autograd.grad(loss, flat, allow_unused=True)
    time_steps = inputs.shape[1]
    norms = np.zeros((len(keys), time_steps), dtype=np.float64)
    for index, grad in enumerate(grads):
        row, t = divmod(index, time_steps)
        if grad is not None:
            norms[row, t] = float(grad.detach().norm())
    return recomputed, norms


def gradient_through_time(rnn: nn.RNNBase, inputs: torch.Tensor,
                          loss_of: Callable[[Recomputed], torch.Tensor]) -> np.ndarray:
    """‖∂loss/∂h_t‖ per (layer, direction) and time step; see :func:`trace`."""
    return trace(rnn, inputs, loss_of)[1]


def inspect_sequence(rnn: nn.RNNBase, head: nn.Module, inputs: torch.Tensor, targets: torch.Tensor,
                     index: int, last_step_only: bool = False) -> tuple[GateFrame, GradientFrame]:
    """Panel parts for a sequence lesson: gates over one window and the gradient of its squared error.

    ``inputs`` (1, time, features) and ``targets`` (1, time, outputs) are window ``index`` of the series;
    ``last_step_only`` scores only the final prediction (a forecaster read from its last state).
    """
    def loss_of(recomputed: Recomputed) -> torch.Tensor:
        predictions = head(recomputed.outputs)
        if last_step_only:
            return nn.functional.mse_loss(predictions[:, -1], targets[:, -1])
        return nn.functional.mse_loss(predictions, targets)

    recomputed, norms = trace(rnn, inputs, loss_of)
    probe = SequenceProbe(inputs[0, :, 0].detach().cpu().numpy().astype(np.float64), index)
    return (GateFrame(gate_arrays(recomputed), recomputed.cell, rnn.bidirectional, probe),
            GradientFrame(norms, rnn.bidirectional))
