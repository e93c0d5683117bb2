"""The headless interface, run as a user runs it: ``python main.py train|eval ...`` in a subprocess."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_data import make_mnist_folder

MAIN = str(Path(__file__).resolve().parent.parent / "main.py")
TINY = ["--hidden", "16", "--batch-size", "200", "--epochs", "1", "--evals-per-epoch", "1"]


def run(*args, cwd=None):
    return subprocess.run([sys.executable, MAIN, *args], capture_output=True, text=True, cwd=cwd, timeout=300)


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    out = tmp_path_factory.mktemp("runs")
    result = run("train", "--task", "mnist-rows", *TINY, "--cell", "gru", "--out", str(out))
    assert result.returncode == 0, result.stderr
    return result, out


def test_train_prints_progress_then_one_json_line(trained):
    result, out = trained
    lines = result.stdout.strip().splitlines()
    assert len(lines) > 2 and "test_accuracy" in lines[-2]      # progress before the summary
    metrics = json.loads(lines[-1])
    for key in ("task", "epochs", "test_accuracy", "test_loss", "samples_per_s", "seconds", "run_dir"):
        assert key in metrics
    assert metrics["task"] == "mnist-rows" and metrics["epochs"] == 1
    assert isinstance(metrics["threads"], int) and metrics["threads"] >= 1    # what it trained on
    run_dir = Path(metrics["run_dir"])
    assert run_dir.parent == out
    assert {path.name for path in run_dir.iterdir()} == {"config.json", "metrics.csv", "checkpoint.pt"}
    config = json.loads((run_dir / "config.json").read_text())
    assert config["status"] == "finished" and config["spec"]["cell"] == "gru"
    assert config["result"]["test_accuracy"] == metrics["test_accuracy"]
    rows = (run_dir / "metrics.csv").read_text().splitlines()
    assert rows[0].startswith("step,epoch,seconds,train_loss") and len(rows) == 1 + 20 + 1


def test_eval_reproduces_the_training_metrics(trained):
    metrics = json.loads(trained[0].stdout.strip().splitlines()[-1])
    result = run("eval", "--checkpoint", metrics["checkpoint"])
    assert result.returncode == 0, result.stderr
    evaluated = json.loads(result.stdout.strip().splitlines()[-1])
    assert evaluated["test_accuracy"] == metrics["test_accuracy"]
    assert evaluated["task"] == "mnist-rows" and "seconds" in evaluated and "run_dir" in evaluated


def test_train_on_an_mnist_folder(tmp_path):
    make_mnist_folder(tmp_path / "data", train=40, test=20)
    result = run("train", *TINY, "--batch-size", "20", "--data-root", str(tmp_path / "data"),
                 "--out", str(tmp_path / "runs"), "--quiet")
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.strip().splitlines()) == 1
    assert json.loads(result.stdout)["steps"] == 2


@pytest.mark.parametrize("args, code, words", [
    (["train", "--hidden", "0"], 1, "hidden size must be a whole number from 1 to 4096, got 0"),
    (["train", "--lr", "abc"], 2, "invalid float value"),
    (["train", "--task", "poetry"], 2, "invalid choice"),
    (["train", "--preset", "fastest"], 1, "unknown preset 'fastest'"),
    (["train", "--data-root", "/nonexistent/mnist"], 1, "no MNIST files in /nonexistent/mnist"),
    (["eval", "--checkpoint", "/nonexistent.pt"], 1, "there is no file at /nonexistent.pt"),
])
def test_bad_input_is_one_line_on_stderr(tmp_path, args, code, words):
    result = run(*args, "--out", str(tmp_path)) if args[0] == "train" else run(*args)
    assert result.returncode == code
    assert words in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_unsafe_checkpoint_is_refused(tmp_path):
    import torch

    class RunsCode:
        def __reduce__(self):
            return (print, ("pwned",))

    torch.save({"x": RunsCode()}, tmp_path / "evil.pt")
    result = run("eval", "--checkpoint", str(tmp_path / "evil.pt"))
    assert result.returncode == 1 and "pwned" not in result.stdout
    assert "could run that code" in result.stderr


def test_a_listing_whose_reader_goes_away_stops_quietly():
    """``rnn-workbench lessons | head -1``: no 'unexpected BrokenPipeError', the status a shell gives a piped tool."""
    reader = subprocess.Popen([sys.executable, str(Path(__file__).resolve().parent.parent / "main.py"), "lessons"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, bufsize=0)
    reader.stdout.close()            # the reader leaves before the listing is written (Python takes >50 ms to start)
    stderr = reader.stderr.read().decode()
    assert reader.wait(timeout=60) == 141
    assert stderr == ""
