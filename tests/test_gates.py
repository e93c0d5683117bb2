import numpy as np
import pytest
import torch
from torch import nn

from workbench.gates import GATES, gate_arrays, gradient_through_time, recompute
from workbench.models import SequenceClassifier
from workbench.spec import ModelSpec

SHAPES = [(1, False), (2, False), (1, True), (3, True)]


@pytest.mark.parametrize("cell", ["rnn", "lstm", "gru"])
@pytest.mark.parametrize("layers, bidirectional", SHAPES)
def test_recomputed_hidden_states_match_pytorch(cell, layers, bidirectional):
    torch.manual_seed(0)
    spec = ModelSpec(cell=cell, hidden_size=7, num_layers=layers, bidirectional=bidirectional,
                     dropout=0.3 if layers > 1 else 0.0, input_size=5)
    model = SequenceClassifier(spec).double().eval()
    inputs = torch.randn(3, 11, 5, dtype=torch.float64)
    outputs, state = model.rnn(inputs)
    h_n = state[0] if isinstance(state, tuple) else state
    recomputed = recompute(model.rnn, inputs)
    assert torch.allclose(recomputed.outputs, outputs, atol=1e-10)
    assert torch.allclose(recomputed.final_hidden, h_n, atol=1e-10)
    if cell == "lstm":
        c_n = state[1]
        last_cells = torch.stack([recomputed.gates[key]["c"][:, -1 if key[1] == 0 else 0]
                                  for key in sorted(recomputed.gates)])
        assert torch.allclose(last_cells, c_n, atol=1e-10)
    assert set(recomputed.gates[(0, 0)]) == set(GATES[cell])


def test_relu_rnn_matches_too():
    torch.manual_seed(1)
    rnn = nn.RNN(4, 6, nonlinearity="relu", batch_first=True).double()
    inputs = torch.randn(2, 9, 4, dtype=torch.float64)
    assert torch.allclose(recompute(rnn, inputs).outputs, rnn(inputs)[0], atol=1e-10)


def test_gate_arrays_are_hidden_by_time_in_the_gate_ranges():
    model = SequenceClassifier(ModelSpec(cell="lstm", hidden_size=8, num_layers=2))
    arrays = gate_arrays(recompute(model.rnn, torch.rand(1, 28, 28)))
    assert set(arrays) == {f"{layer}.0.{gate}" for layer in (0, 1) for gate in GATES["lstm"]}
    assert arrays["1.0.f"].shape == (8, 28)
    assert arrays["0.0.i"].min() >= 0 and arrays["0.0.i"].max() <= 1
    assert np.abs(arrays["0.0.h"]).max() <= 1


def classifier_loss(model, label):
    def loss_of(recomputed):
        logits = model.head(model.features_from(recomputed.outputs, recomputed.final_hidden))
        return nn.functional.cross_entropy(logits, torch.tensor([label]))
    return loss_of


def test_gradient_through_time_is_finite_positive_and_fades_in_a_plain_rnn():
    torch.manual_seed(0)
    model = SequenceClassifier(ModelSpec(cell="rnn", hidden_size=32))
    inputs = torch.rand(1, 28, 28)
    norms = gradient_through_time(model.rnn, inputs, classifier_loss(model, 3))
    assert norms.shape == (1, 28)
    assert np.isfinite(norms).all() and (norms > 0).all()
    assert norms[0, 0] < norms[0, -1] / 10   # what reaches the first row is a sliver of the last's


def test_bidirectional_gradients_have_a_row_per_direction():
    model = SequenceClassifier(ModelSpec(cell="gru", hidden_size=8, num_layers=2, bidirectional=True))
    norms = gradient_through_time(model.rnn, torch.rand(1, 28, 28), classifier_loss(model, 1))
    assert norms.shape == (4, 28) and (norms > 0).all()


@pytest.mark.parametrize("head", ["last", "mean"])
@pytest.mark.parametrize("bidirectional", [False, True])
def test_prefix_logits_equal_running_each_prefix(head, bidirectional):
    from workbench.models import prefix_logits
    torch.manual_seed(0)
    model = SequenceClassifier(ModelSpec(cell="gru", hidden_size=6, num_layers=2, bidirectional=bidirectional,
                                         head=head)).double().eval()
    inputs = torch.rand(1, 9, 28, dtype=torch.float64)
    with torch.no_grad():
        expected = torch.cat([model(inputs[:, :k]) for k in range(1, 10)])
        assert torch.allclose(prefix_logits(model, inputs), expected, atol=1e-10)
