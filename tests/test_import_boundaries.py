"""workbench/ and tasks/ must run without Qt; the window's start-up path must not import torch."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BLOCK_QT = """
import importlib.abc, sys
class BlockQt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('PySide6', 'pyqtgraph', 'shiboken6'):
            raise ImportError('Qt is blocked in this test: ' + name)
sys.meta_path.insert(0, BlockQt())
"""


def run_python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_core_and_lessons_import_and_train_without_qt():
    modules = [f"workbench.{path.stem}" for path in (ROOT / "workbench").glob("*.py") if path.stem != "__init__"]
    modules += [f"tasks.{path.stem}" for path in (ROOT / "tasks").glob("*.py")]
    code = BLOCK_QT + "".join(f"import {module}\n" for module in modules) + """
from tasks.mnist_rows import MnistRows
from workbench.spec import ModelSpec, TrainConfig
from workbench.trainer import Trainer
result = Trainer(MnistRows(), ModelSpec(hidden_size=8), TrainConfig(batch_size=500, evals_per_epoch=1)).run()
print('steps', result.metrics['steps'])
"""
    result = run_python(code)
    assert result.returncode == 0, result.stderr
    assert "steps 8" in result.stdout


def test_qt_block_really_blocks():
    result = run_python(BLOCK_QT + "import PySide6")
    assert result.returncode != 0 and "Qt is blocked" in result.stderr


def test_window_start_up_imports_do_not_pull_in_torch():
    code = """
import sys
import tasks, workbench.spec, workbench.data, workbench.runs, workbench.atomic
import widgets.main_window
assert 'torch' not in sys.modules, 'torch was imported at start-up'
print('ok')
"""
    result = run_python(code)
    assert result.returncode == 0, result.stderr
