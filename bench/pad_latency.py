"""Drawing pad latency: from a mouse move on the canvas to the bars showing the answer for it.

    python bench/pad_latency.py [--preset morvan] [--moves 300] [--while-training]

Trains the preset briefly (or uses --checkpoint), then draws strokes with synthetic mouse events at
~60 Hz and prints the latency percentiles. With --while-training a second model trains in the window's
worker at the same time, as when a learner draws during a run. Goal: <= 30 ms for the default LSTM.
"""
from __future__ import annotations

import argparse
import math
import os
import sys
from pathlib import Path

import numpy as np


sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--preset", default="morvan")
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--moves", type=int, default=300)
    parser.add_argument("--while-training", action="store_true")
    parser.add_argument("--out", default=str(Path(__file__).resolve().parent.parent / "runs" / "bench"))
    args = parser.parse_args()

    from PySide6.QtCore import QEvent, QObject, QPointF, Qt, QTimer, Slot
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    from tasks import LESSONS
    from widgets.main_window import MainWindow
    from widgets.script import ScriptOptions
    from workbench.views import DrawingPadView

    from widgets.app import configure_process
    configure_process()   # as widgets/app.py does
    app = QApplication([])
    window = MainWindow(LESSONS, args.out, ScriptOptions(preset=args.preset, epochs=args.epochs, autostart=True))
    pad = window.page.panel(DrawingPadView)
    canvas = pad.canvas

    def send(kind, x, y):
        button = Qt.MouseButton.LeftButton
        buttons = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseButtonRelease else button
        QApplication.sendEvent(canvas, QMouseEvent(kind, QPointF(x, y), canvas.mapToGlobal(QPointF(x, y)), button,
                                                   buttons, Qt.KeyboardModifier.NoModifier))

    class Driver(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.moves = 0
            self.timer = QTimer(self)
            self.timer.setInterval(16)
            self.timer.timeout.connect(self.move)

        @Slot(object)
        def trained(self, summary) -> None:
            window.tabs.setCurrentWidget(pad)
            if args.while_training:
                window.start_training()      # a second run, so drawing competes with training
            pad.latencies_ms.clear()
            send(QEvent.Type.MouseButtonPress, 140, 40)
            self.timer.start()

        @Slot()
        def move(self) -> None:
            self.moves += 1
            angle = self.moves / 15
            send(QEvent.Type.MouseMove, 140 + 90 * math.sin(angle), 140 - 90 * math.cos(angle))
            if self.moves % 60 == 0:
                send(QEvent.Type.MouseButtonRelease, 140, 140)
                canvas.clear()
                send(QEvent.Type.MouseButtonPress, 140, 40)
            if self.moves >= args.moves:
                self.timer.stop()
                send(QEvent.Type.MouseButtonRelease, 140, 140)
                QTimer.singleShot(300, app.quit)

    driver = Driver()
    window.job_succeeded.connect(driver.trained)
    window.show()
    window.load_torch()
    app.exec()
    window.close()
    # The first answer waits for the pad's thread to build its model from the weights it got when the tab
    # was shown; it is printed on its own, the percentiles are those of the answers while drawing on.
    first, latencies = pad.latencies_ms[0], np.array(pad.latencies_ms[1:])
    print(f"model: preset {args.preset}; drawing {'while another model trains' if args.while_training else 'idle'}")
    print(f"mouse moves: {args.moves}, answers: {len(latencies) + 1} (moves arriving while one is read are coalesced)")
    print(f"first answer after the pad is shown ms: {first:.1f}")
    print(f"latency ms p50: {np.percentile(latencies, 50):.1f}")
    print(f"latency ms p95: {np.percentile(latencies, 95):.1f}")
    print(f"latency ms max: {latencies.max():.1f}")


if __name__ == "__main__":
    main()
