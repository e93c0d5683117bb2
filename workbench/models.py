"""Build PyTorch modules from a :class:`~workbench.spec.ModelSpec`."""
from __future__ import annotations

import torch
from torch import nn

from workbench.frames import ModelWeights
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


def prefix_logits(model: SequenceClassifier, inputs: torch.Tensor) -> torch.Tensor:
    """The classifier's scores after reading only the first 1, 2, ..., T steps of one sequence: (T, classes).

    All T prefixes run as one packed batch, so a bidirectional network's backward pass really starts at
    the prefix's last row (zero padding would feed it blank rows first).
    """
    steps = inputs.shape[1]
    lengths = torch.arange(1, steps + 1)
    prefixes = inputs.expand(steps, -1, -1)        # row k of the batch is cut to length k + 1 by packing
    packed = nn.utils.rnn.pack_padded_sequence(prefixes, lengths, batch_first=True, enforce_sorted=False)
    outputs, state = model.rnn(packed)
    final_hidden = state[0] if isinstance(state, tuple) else state
    if model.spec.head == "mean":
        padded, _ = nn.utils.rnn.pad_packed_sequence(outputs, batch_first=True, total_length=steps)
        features = padded.sum(dim=1) / lengths[:, None].to(padded)
    else:
        features = final_hidden[-model.spec.directions:].transpose(0, 1).reshape(steps, -1)
    return model.head(features)


def mirror_payload(task_name: str, model: nn.Module) -> ModelWeights:
    """What a panel needs to rebuild ``model`` in its own thread: lesson, spec and numpy weight copies."""
    return ModelWeights(task_name, model.spec.to_dict(),
                        {name: tensor.detach().cpu().numpy().copy() for name, tensor in model.state_dict().items()})


def count_parameters(model: nn.Module) -> int:
    return sum(parameter.numel() for parameter in model.parameters() if parameter.requires_grad)


class SequenceRegressor(nn.Module):
    """A recurrent stack with a linear read-out at every time step: (batch, time, in) -> (batch, time, out).

    ``forward`` takes and returns the recurrent state, so a lesson can carry it from one window to the
    next (detached, see :func:`detach_state`).
    """

    def __init__(self, spec: ModelSpec) -> None:
        super().__init__()
        self.spec = spec.validate()
        self.rnn = build_recurrent(spec)
        self.head = nn.Linear(spec.feature_size, spec.output_size)

    def forward(self, inputs: torch.Tensor, state=None):
        outputs, state = self.rnn(inputs, state)
        return self.head(outputs), state


def detach_state(state):
    """Cut the graph behind a carried state (truncated backpropagation through time)."""
    if state is None:
        return None
    if isinstance(state, tuple):
        return tuple(part.detach() for part in state)
    return state.detach()


class NextValueMLP(nn.Module):
    """The seed's MLP forecaster: the next value from the current one alone, 1-32-16-1 with ReLU."""

    def __init__(self, hidden_sizes: tuple[int, ...] = (32, 16)) -> None:
        super().__init__()
        sizes = (1, *hidden_sizes)
        layers: list[nn.Module] = []
        for width_in, width_out in zip(sizes, sizes[1:]):
            layers += [nn.Linear(width_in, width_out), nn.ReLU()]
        self.net = nn.Sequential(*layers, nn.Linear(sizes[-1], 1))

    def forward(self, inputs: torch.Tensor) -> torch.Tensor:
        return self.net(inputs)


class ForecastPair(nn.Module):
    """A recurrent forecaster and an MLP trained side by side on the same windows.

    Their parameters are disjoint, so one Adam over both (the loss is the sum of their losses) updates
    each exactly as its own optimizer would.
    """

    def __init__(self, spec: ModelSpec) -> None:
        super().__init__()
        self.spec = spec.validate()
        self.recurrent = SequenceRegressor(spec)
        self.mlp = NextValueMLP()

    @property
    def rnn(self) -> nn.RNNBase:      # what the inside-the-cell panels inspect
        return self.recurrent.rnn

    @property
    def head(self) -> nn.Linear:
        return self.recurrent.head


ACTIVATION_LAYERS = {"tanh": nn.Tanh, "relu": nn.ReLU, "sigmoid": nn.Sigmoid}
AUTOENCODER_WIDTHS = (784, 128, 64, 12)   # the seed's encoder, before the latent layer


def mlp(sizes: tuple[int, ...], activation: str, final_activation: bool = False) -> nn.Sequential:
    """Linear layers through ``sizes`` with ``activation`` between them (and after the last, if asked)."""
    layers: list[nn.Module] = []
    for index, (width_in, width_out) in enumerate(zip(sizes, sizes[1:])):
        layers.append(nn.Linear(width_in, width_out))
        if index < len(sizes) - 2 or final_activation:
            layers.append(ACTIVATION_LAYERS[activation]())
    return nn.Sequential(*layers)


class MLPAutoencoder(nn.Module):
    """The seed's autoencoder: 784-128-64-12-latent, mirrored back, tanh between layers, sigmoid out."""

    def __init__(self, spec: ModelSpec) -> None:
        super().__init__()
        self.spec = spec.validate()
        self.encoder = mlp((*AUTOENCODER_WIDTHS, spec.latent_size), spec.activation)
        self.decoder = nn.Sequential(mlp((spec.latent_size, *AUTOENCODER_WIDTHS[::-1]), spec.activation),
                                     nn.Sigmoid())

    def encode(self, images: torch.Tensor) -> torch.Tensor:
        return self.encoder(images.reshape(images.shape[0], -1))

    def decode(self, codes: torch.Tensor) -> torch.Tensor:
        return self.decoder(codes).view(-1, 28, 28)

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        return self.decode(self.encode(images))


class RecurrentAutoencoder(nn.Module):
    """An encoder that reads the digit row by row into a latent code, and a decoder that writes it back
    row by row: the code sets the decoder's initial state and is also its input at every step."""

    def __init__(self, spec: ModelSpec) -> None:
        super().__init__()
        self.spec = spec.validate()
        self.rnn = build_recurrent(spec.replace(input_size=28))           # the encoder (gates panel reads it)
        self.to_latent = nn.Linear(spec.feature_size, spec.latent_size)
        self.from_latent = nn.Linear(spec.latent_size, spec.hidden_size * spec.num_layers)
        self.decoder_rnn = build_recurrent(spec.replace(input_size=spec.latent_size, bidirectional=False,
                                                        dropout=spec.dropout))
        self.to_row = nn.Linear(spec.hidden_size, 28)

    def encode(self, images: torch.Tensor) -> torch.Tensor:
        _, state = self.rnn(images)
        final_hidden = state[0] if isinstance(state, tuple) else state
        top = final_hidden[-self.spec.directions:].transpose(0, 1).reshape(images.shape[0], -1)
        return self.to_latent(top)

    def decode(self, codes: torch.Tensor) -> torch.Tensor:
        batch = codes.shape[0]
        hidden = torch.tanh(self.from_latent(codes)).view(batch, self.spec.num_layers, self.spec.hidden_size)
        hidden = hidden.transpose(0, 1).contiguous()
        state = (hidden, torch.zeros_like(hidden)) if self.spec.cell == "lstm" else hidden
        outputs, _ = self.decoder_rnn(codes[:, None, :].expand(batch, 28, codes.shape[1]).contiguous(), state)
        return torch.sigmoid(self.to_row(outputs))

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        return self.decode(self.encode(images))


def build_autoencoder(spec: ModelSpec) -> nn.Module:
    return RecurrentAutoencoder(spec) if spec.architecture == "recurrent" else MLPAutoencoder(spec)


class SmallMLP(nn.Module):
    """in -> hidden -> out with one activation: the PyTorch-basics lessons' network."""

    def __init__(self, spec: ModelSpec) -> None:
        super().__init__()
        self.spec = spec.validate()
        self.net = mlp((spec.input_size, spec.hidden_size, spec.output_size), spec.activation)

    def forward(self, inputs: torch.Tensor) -> torch.Tensor:
        return self.net(inputs)


class RaceNets(nn.Module):
    """Identical copies of one small MLP, one per optimizer in a race: same initial weights by construction."""

    def __init__(self, spec: ModelSpec, names: tuple[str, ...]) -> None:
        super().__init__()
        self.spec = spec.validate()
        first = SmallMLP(spec)
        self.names = names
        self.nets = nn.ModuleList([first] + [SmallMLP(spec) for _ in names[1:]])
        for net in self.nets[1:]:
            net.load_state_dict(first.state_dict())

    def forward(self, inputs: torch.Tensor) -> torch.Tensor:
        return torch.stack([net(inputs) for net in self.nets])   # (racers, batch, out)


class MultiOptimizer:
    """Several optimizers stepped together, each over its own parameters (the trainer sees one)."""

    def __init__(self, optimizers: list[torch.optim.Optimizer]) -> None:
        self.optimizers = optimizers
        self.param_groups = [group for optimizer in optimizers for group in optimizer.param_groups]

    def zero_grad(self, set_to_none: bool = True) -> None:
        for optimizer in self.optimizers:
            optimizer.zero_grad(set_to_none=set_to_none)

    def step(self) -> None:
        for optimizer in self.optimizers:
            optimizer.step()

    def state_dict(self) -> dict:
        return {"optimizers": [optimizer.state_dict() for optimizer in self.optimizers]}

    def load_state_dict(self, state: dict) -> None:
        states = state["optimizers"]
        if len(states) != len(self.optimizers):
            raise ValueError(f"{len(states)} saved optimizers for {len(self.optimizers)} racers")
        for optimizer, saved in zip(self.optimizers, states):
            optimizer.load_state_dict(saved)


class TwoConvCNN(nn.Module):
    """The seed's CNN: conv 5x5 (16) -> ReLU -> max-pool 2 -> conv 5x5 (32) -> ReLU -> max-pool 2 -> linear 10."""

    def __init__(self, spec: ModelSpec) -> None:
        super().__init__()
        self.spec = spec.validate()
        self.conv1 = nn.Sequential(nn.Conv2d(1, 16, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2))
        self.conv2 = nn.Sequential(nn.Conv2d(16, 32, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2))
        self.out = nn.Linear(32 * 7 * 7, 10)

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        features = self.conv2(self.conv1(images.unsqueeze(1)))
        return self.out(features.flatten(1))
