"""Start the window: parse the GUI options, install translations, show the window, then load torch."""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from typing import Mapping, Sequence

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QApplication

from workbench.memory import WINDOW_ARENAS, limit_malloc_arenas

T0_ENV = "RNN_WORKBENCH_T0"   # bench/startup.py passes its own clock so the start-up time is end to end


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="rnn-workbench", description="RNN Workbench: watch recurrent networks learn. "
                                     "Use 'rnn-workbench train --help' for headless training.")
    parser.add_argument("--lesson", help="lesson to open (e.g. mnist-rows)")
    parser.add_argument("--preset", help="apply a preset of the lesson")
    parser.add_argument("--epochs", type=int, help="override the number of epochs")
    parser.add_argument("--data-root", metavar="DIR", help="folder with MNIST/raw IDX files (default: embedded)")
    parser.add_argument("--autostart", action="store_true", help="start training as soon as PyTorch is loaded")
    parser.add_argument("--screenshot", metavar="FILE.png", help="save a screenshot of the window when the job ends (without one: once PyTorch is loaded)")
    parser.add_argument("--quit-when-done", action="store_true", help="exit when the job ends (0 ok, 1 failed; without one: once PyTorch is loaded)")
    parser.add_argument("--runs-dir", "--out", dest="runs_dir", metavar="DIR",
                        help="where run folders go (default: the last one chosen, $RNN_WORKBENCH_RUNS or ./runs)")
    parser.add_argument("--show-runs", action="store_true",
                        help="open the Runs view with the lesson's runs overlaid (with --screenshot: once drawn)")
    parser.add_argument("--lang", help="interface language, e.g. zh_CN or en (default: the system's)")
    parser.add_argument("--report-startup", action="store_true",
                        help="print start-up timings as JSON on stdout when PyTorch is ready")
    return parser


class ExitRelay(QObject):
    """Quits the application from a GUI-thread slot (a signal wired straight to quit() hung the app). A
    scripted run that fails says why on stderr too — what the window's message strip says, which nobody
    sees once it has quit (``--epochs 20000``: exit 1 and not a word)."""

    def __init__(self, app: QApplication, window) -> None:
        super().__init__(app)
        self.app, self.window = app, window
        self.code = 0

    @Slot(int)
    def exit_with(self, code: int) -> None:
        self.code = code
        bar = self.window.message_bar
        if code and bar.kind == "error" and bar.text:
            print(f"rnn-workbench: error: {bar.text}", file=sys.stderr)
        self.app.exit(code)


class StartupReporter(QObject):
    def __init__(self, window, t0: float) -> None:
        super().__init__(window)
        self.window, self.t0 = window, t0

    @Slot()
    def report(self) -> None:
        times = self.window.startup_times
        print(json.dumps({"window_painted_s": round(times.get("painted", float("nan")) - self.t0, 3),
                          "torch_ready_s": round(times.get("torch_ready", float("nan")) - self.t0, 3)}), flush=True)


# The GUI thread needs the GIL for every Python slot and paint override, and PySide lets go of it around
# each call into Qt, so one update or paint takes it back dozens of times, each time waiting while the
# worker runs Python between torch ops until the switch interval forces it off. The interval bounds each
# wait: 5 ms (Python's default) made a 1.6 ms plot repaint take ~36 ms, 1 ms ~9 ms, 0.2 ms ~3.5 ms
# (a Python-busy worker beside it); in the window (two-class, 2 runs each) 0.2 ms gave fewer late ticks
# than 1 ms at the same training speed. It costs nothing while the GUI thread is idle.
SWITCH_INTERVAL_S = 0.0002


def drop_feature_import_hook() -> bool:
    """Take PySide's ``from __feature__ import ...`` hook out of every import statement; True if it was there.

    *Why:* importing PySide6 replaces ``builtins.__import__`` with a function that, for every import statement
    the process runs — also of a module long imported, as torch's own functions do inside each training
    step (~5 a step, counted in curve-fit and mnist-rows) — calls a Python function that looks at the caller's
    frame before the real import: a function with two import statements took 2.1 µs instead of 0.3. Curve-fit
    trained at 0.878 of its speed in a thread of a process that had merely imported PySide6, 0.929 without
    the hook (4 alternating rounds each). The hook also read the source of every module imported after it
    (to look for "PySide6" in it) and kept it in ``linecache``: all of torch's, 17.6 MB of text.
    The window never uses ``__feature__`` (snake_case, true_property); PySide's lazy loading of its own
    modules is the import the hook wraps (``builtins.__orig_import__``), and stays.
    """
    import builtins
    hook, wrapped = getattr(builtins, "__feature_import__", None), getattr(builtins, "__orig_import__", None)
    if hook is None or wrapped is None or builtins.__import__ is not hook:
        return False
    builtins.__import__ = wrapped
    return True


def configure_process(switch_interval_s: float = SWITCH_INTERVAL_S, malloc_arenas: int = WINDOW_ARENAS) -> None:
    """What the window's process needs before its first thread: the GIL's switch interval (above), the cap
    on malloc's arenas (why: workbench/memory.py) and imports without PySide's feature hook (above). The
    benches call it too, to measure the app as it runs; ``malloc_arenas=0`` leaves glibc's own limit."""
    if malloc_arenas:
        limit_malloc_arenas(malloc_arenas)
    sys.setswitchinterval(switch_interval_s)
    drop_feature_import_hook()


def main(argv: Sequence[str], lessons: Mapping[str, type]) -> int:
    t0 = float(os.environ.get(T0_ENV) or time.time())
    args = build_parser().parse_args(list(argv))
    if args.lesson and args.lesson not in lessons:
        print(f"rnn-workbench: error: no lesson {args.lesson!r}; choose from {', '.join(lessons)}", file=sys.stderr)
        return 2
    configure_process()
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("RNN Workbench")
    app.setOrganizationName("RNN Workbench")
    from widgets.qt_check import binding_drops_none_references
    if binding_drops_none_references():
        import PySide6
        print(f"rnn-workbench: error: PySide6 {PySide6.__version__} has a reference-counting bug that crashes "
              f"Python {sys.version_info.major}.{sys.version_info.minor} after a few seconds of training; "
              "install another version: pip install 'PySide6-Essentials!=6.12.0'", file=sys.stderr)
        return 3
    from widgets.window_settings import WindowSettings
    # A scripted run that quits by itself (a screenshot, a bench, CI) opens with what the learner's window
    # remembers but changes none of it: its --epochs and its offscreen window size had become what the
    # learner's window opened with next time.
    settings = WindowSettings(parent=app, read_only=args.quit_when_done)
    from widgets.i18n import install_translators
    translators = install_translators(app, args.lang or settings.language() or None)  # noqa: F841 - must outlive the loop

    from widgets.main_window import MainWindow
    from widgets.script import ScriptOptions
    from workbench.runs import RUNS_ENV, default_runs_root
    script = ScriptOptions(lesson=args.lesson, preset=args.preset, epochs=args.epochs, autostart=args.autostart,
                           screenshot=args.screenshot, quit_when_done=args.quit_when_done, data_root=args.data_root,
                           show_runs=args.show_runs)
    runs_root = args.runs_dir or os.environ.get(RUNS_ENV) or settings.runs_root() or default_runs_root()
    window = MainWindow(lessons, runs_root, script, settings)
    relay = ExitRelay(app, window)
    window.exit_requested.connect(relay.exit_with)
    if args.report_startup:
        reporter = StartupReporter(window, t0)
        window.torch_ready.connect(reporter.report)
    window.show()
    window.load_torch_after_paint()
    code = app.exec()
    window.close()
    return relay.code if relay.code else code
