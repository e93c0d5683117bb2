import json

import pytest

from workbench.errors import SpecError
from workbench.spec import ModelSpec, TrainConfig


def test_defaults_are_valid_and_round_trip_through_json():
    spec, config = ModelSpec(), TrainConfig()
    assert ModelSpec.from_dict(json.loads(json.dumps(spec.to_dict()))) == spec
    assert TrainConfig.from_dict(json.loads(json.dumps(config.to_dict()))) == config


@pytest.mark.parametrize("changes, field, words", [
    ({"hidden_size": 0}, "hidden_size", "hidden size must be a whole number from 1 to 4096, got 0"),
    ({"num_layers": 9}, "num_layers", "layers must be"),
    ({"cell": "transformer"}, "cell", "cell must be one of rnn, lstm, gru"),
    ({"dropout": 0.5}, "dropout", "with 1 layer it does nothing"),
    ({"dropout": 1.0, "num_layers": 2}, "dropout", "below 1"),
    ({"cell": "lstm", "nonlinearity": "relu"}, "nonlinearity", "only a plain RNN"),
])
def test_model_spec_names_the_field_and_the_reason(changes, field, words):
    with pytest.raises(SpecError) as caught:
        ModelSpec(**changes).validate()
    assert caught.value.field == field
    assert words in str(caught.value)


@pytest.mark.parametrize("changes, field", [
    ({"lr": 0.0}, "lr"), ({"lr": float("nan")}, "lr"), ({"batch_size": 0}, "batch_size"),
    ({"epochs": 0}, "epochs"), ({"optimizer": "lbfgs"}, "optimizer"), ({"device": "gpu"}, "device"),
    ({"label_smoothing": 1.0}, "label_smoothing"), ({"seed": -1}, "seed"), ({"shift_px": 9}, "shift_px"),
])
def test_train_config_rejects_unusable_values(changes, field):
    problems = TrainConfig(**changes).problems()
    assert [problem.field for problem in problems] == [field]


def test_problems_lists_every_bad_field():
    fields = {problem.field for problem in ModelSpec(hidden_size=0, num_layers=0).problems()}
    assert fields == {"hidden_size", "num_layers"}


def test_from_dict_rejects_unknown_keys_and_wrong_types():
    with pytest.raises(SpecError, match="unknown setting 'colour'"):
        ModelSpec.from_dict({**ModelSpec().to_dict(), "colour": "red"})
    with pytest.raises(SpecError, match="bidirectional must be true or false"):
        ModelSpec.from_dict({**ModelSpec().to_dict(), "bidirectional": "yes"})
    with pytest.raises(SpecError, match="expected a table"):
        ModelSpec.from_dict(["lstm"])


@pytest.mark.parametrize("cell", ["rnn", "lstm", "gru"])
@pytest.mark.parametrize("layers, bidirectional", [(1, False), (2, False), (2, True), (3, True)])
def test_parameter_count_matches_torch(cell, layers, bidirectional):
    from workbench.models import SequenceClassifier, count_parameters
    spec = ModelSpec(cell=cell, hidden_size=12, num_layers=layers, bidirectional=bidirectional)
    assert spec.parameter_count() == count_parameters(SequenceClassifier(spec))
