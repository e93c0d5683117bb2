"""Build PyTorch modules from a :class:`~workbench.spec.ModelSpec`."""
from __future__ import annotations

import torch
from torch import nn

from workbench.spec import ModelSpec

RECURRENT_LAYERS = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}


def build_recurrent(spec: ModelSpec) -> nn.RNNBase:
    """The nn.RNN / nn.LSTM / nn.GRU stack the spec describes (batch first)."""
    options = dict(input_size=spec.input_size, hidden_size=spec.hidden_size, num_layers=spec.num_layers,
                   bidirectional=spec.bidirectional, dropout=spec.dropout, batch_first=True)
    if spec.cell == "rnn":
        options["nonlinearity"] = spec.nonlinearity
    return RECURRENT_LAYERS[spec.cell](**options)


class SequenceClassifier(nn.Module):
    """A recurrent stack read by a linear head: (batch, time, features) -> (batch, output_size).

    With ``head="last"`` the head reads the final hidden state of the top layer in each direction:
    for the backward direction that is the state after it has read the whole sequence, which
    ``outputs[:, -1]`` (the seed's choice) would not give. ``head="mean"`` averages the top layer's
    outputs over time.
    """

    def __init__(self, spec: ModelSpec) -> None:
        super().__init__()
        self.spec = spec.validate()
        self.rnn = build_recurrent(spec)
        self.head = nn.Linear(spec.feature_size, spec.output_size)

    def features_from(self, outputs: torch.Tensor, final_hidden: torch.Tensor) -> torch.Tensor:
        """What the head reads, given the stack's outputs and h_n (also used on recomputed states)."""
        if self.spec.head == "mean":
            return outputs.mean(dim=1)
        top_layer = final_hidden[-self.spec.directions:]               # (directions, batch, hidden)
        return top_layer.transpose(0, 1).reshape(outputs.shape[0], -1)

    def forward(self, inputs: torch.Tensor) -> torch.Tensor:
        outputs, state = self.rnn(inputs)
        final_hidden = state[0] if isinstance(state, tuple) else state  # LSTM returns (h_n, c_n)
        return self.head(self.features_from(outputs, final_hidden))


def count_parameters(model: nn.Module) -> int:
    return sum(parameter.numel() for parameter in model.parameters() if parameter.requires_grad)
