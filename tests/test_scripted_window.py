"""``main.py --lesson ... --autostart --screenshot ... --quit-when-done``, as the README uses it."""
import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

MAIN = str(Path(__file__).resolve().parent.parent / "main.py")


def test_scripted_run_trains_saves_a_screenshot_and_exits_zero(tmp_path):
    shot = tmp_path / "window.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    from tasks.mnist_rows import MnistRows
    from widgets.window_settings import WindowSettings
    saved = WindowSettings(os.environ["RNN_WORKBENCH_SETTINGS"])      # what the learner's window remembers
    saved.save_form("mnist-rows", MnistRows().default_spec(), MnistRows().default_config().replace(epochs=7))
    saved.set("lesson", "two-class")
    saved.sync()
    remembered = Path(saved.path).read_bytes()
    result = subprocess.run([sys.executable, MAIN, "--lesson", "mnist-rows", "--autostart", "--epochs", "1",
                             "--screenshot", str(shot), "--quit-when-done", "--runs-dir", str(tmp_path / "runs"),
                             "--report-startup"], capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    image = QImage(str(shot))
    assert image.width() >= 1000 and image.height() >= 600
    timings = json.loads(result.stdout.strip().splitlines()[0])
    assert timings["window_painted_s"] < timings["torch_ready_s"]      # painted before torch was ready
    runs = list((tmp_path / "runs").iterdir())
    assert len(runs) == 1 and (runs[0] / "checkpoint.pt").exists()
    assert json.loads((runs[0] / "config.json").read_text())["config"]["epochs"] == 1
    assert Path(saved.path).read_bytes() == remembered       # the scripted run's --epochs is not remembered


def test_a_screenshot_without_a_job_is_taken_once_torch_is_loaded(tmp_path):
    shot = tmp_path / "launch.png"
    result = subprocess.run([sys.executable, MAIN, "--lesson", "two-class", "--screenshot", str(shot),
                             "--quit-when-done", "--runs-dir", str(tmp_path / "runs")],
                            capture_output=True, text=True, timeout=120, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert result.returncode == 0, result.stderr
    assert QImage(str(shot)).width() >= 1000


def test_unknown_lesson_exits_non_zero(tmp_path):
    result = subprocess.run([sys.executable, MAIN, "--lesson", "poetry", "--quit-when-done"],
                            capture_output=True, text=True, timeout=120,
                            env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert result.returncode == 2 and "no lesson 'poetry'" in result.stderr


def test_a_scripted_run_that_cannot_start_says_why_on_stderr(tmp_path):
    result = subprocess.run([sys.executable, MAIN, "--lesson", "two-class", "--autostart", "--epochs", "20000",
                             "--quit-when-done", "--runs-dir", str(tmp_path / "runs")],
                            capture_output=True, text=True, timeout=120, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert result.returncode == 1
    assert "rnn-workbench: error: Fix the form first" in result.stderr and "epochs" in result.stderr, result.stderr
