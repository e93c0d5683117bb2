import hashlib
import pickle

import pytest
import torch

from tasks import LESSONS
from tasks.mnist_rows import MnistRows
from workbench.checkpoint import FORMAT, load_checkpoint, load_weights, save_checkpoint
from workbench.errors import CheckpointError
from workbench.session import evaluate_checkpoint
from workbench.spec import ModelSpec


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def saved(tmp_path, tiny_spec):
    torch.manual_seed(0)
    model = MnistRows().build(tiny_spec)
    path = save_checkpoint(tmp_path / "model.pt", "mnist-rows", tiny_spec, model, metrics={"test_accuracy": 0.5})
    return path, model


def test_round_trip_gives_identical_predictions(saved, tiny_spec):
    path, model = saved
    checkpoint = load_checkpoint(path, LESSONS)
    assert checkpoint.task == "mnist-rows" and checkpoint.spec == tiny_spec
    assert checkpoint.meta["metrics"] == {"test_accuracy": 0.5}
    restored = load_weights(MnistRows().build(checkpoint.spec), checkpoint, path)
    inputs = torch.rand(5, 28, 28)
    model.eval(), restored.eval()
    assert torch.equal(model(inputs), restored(inputs))


def test_the_file_is_a_plain_versioned_dict(saved):
    content = torch.load(saved[0], weights_only=True)
    assert content["format"] == FORMAT and content["task"] == "mnist-rows"
    assert set(content) >= {"spec", "config", "state_dict", "meta"}


def malicious_pickle(path):
    class RunsCode:
        def __reduce__(self):
            return (print, ("this ran while loading",))
    with open(path, "wb") as file:
        torch.save({"format": 1, "payload": RunsCode()}, file)


@pytest.mark.parametrize("make, words", [
    (lambda path: path.write_bytes(b""), "is empty"),
    (lambda path: path.write_bytes(b"\x00\x01garbage" * 100), "not a PyTorch checkpoint"),
    (lambda path: path.write_bytes(pickle.dumps({"format": 1})), "not a PyTorch checkpoint"),
    (lambda path: torch.save({"format": 1, "weights": torch.zeros(2)}, path), "not an RNN Workbench checkpoint"),
    (malicious_pickle, "contains Python code or objects"),
    (lambda path: torch.save({"format": 99, "task": "mnist-rows", "spec": {}, "state_dict": {}}, path),
     "format 99"),
    (lambda path: torch.save({"format": 1, "task": "poetry", "spec": {}, "state_dict": {"w": torch.zeros(1)}}, path),
     "lesson 'poetry'"),
    (lambda path: torch.save({"format": 1, "task": "mnist-rows", "spec": {"hidden_size": 0},
                              "state_dict": {"w": torch.zeros(1)}}, path), "network description .* is invalid"),
])
def test_bad_files_give_one_clear_error_and_stay_unchanged(tmp_path, make, words):
    path = tmp_path / "bad.pt"
    make(path)
    before = digest(path)
    with pytest.raises(CheckpointError, match=words):
        load_checkpoint(path, LESSONS)
    assert digest(path) == before


def test_truncated_checkpoint(saved):
    path, _ = saved
    path.write_bytes(path.read_bytes()[:-300])
    with pytest.raises(CheckpointError, match="truncated"):
        load_checkpoint(path, LESSONS)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(CheckpointError, match="there is no file"):
        load_checkpoint(tmp_path / "nope.pt")
    with pytest.raises(CheckpointError, match="is a folder"):
        load_checkpoint(tmp_path)


def test_weights_of_another_shape_or_cell_are_explained(tmp_path, tiny_spec):
    gru = MnistRows().build(ModelSpec(cell="gru", hidden_size=16))
    path = tmp_path / "gru-weights.pt"
    torch.save(gru.state_dict(), path)   # a bare state_dict, as the seed notes save it
    checkpoint = load_checkpoint(path, LESSONS, bare_task="mnist-rows", bare_spec=tiny_spec)
    assert checkpoint.bare
    with pytest.raises(CheckpointError, match=r"do not fit a LSTM 16×1: rnn.weight_ih_l0: \[48, 28\] in the file, "
                                              r"\[64, 28\] in the network"):
        load_weights(MnistRows().build(tiny_spec), checkpoint, path)
    with pytest.raises(CheckpointError, match="holds only weights"):
        load_checkpoint(path, LESSONS)


def test_a_failed_save_keeps_the_previous_file(saved, monkeypatch, tiny_spec):
    path, model = saved
    before = digest(path)

    def broken_save(obj, file):
        file.write(b"half a checkpoint")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(torch, "save", broken_save)
    with pytest.raises(CheckpointError, match="No space left"):
        save_checkpoint(path, "mnist-rows", tiny_spec, model)
    assert digest(path) == before
    assert [entry.name for entry in path.parent.iterdir()] == ["model.pt"]  # no temporary left behind


def test_evaluate_checkpoint_reports_test_metrics(saved):
    metrics = evaluate_checkpoint(saved[0], LESSONS)
    assert metrics["task"] == "mnist-rows" and 0 <= metrics["test_accuracy"] <= 1
    assert metrics["spec"]["hidden_size"] == 16
