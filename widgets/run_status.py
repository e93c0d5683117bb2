"""The status bar's right side: the device, the training speed, and a progress bar that says what is
happening (epoch, percentage, ETA; or idle, paused, done, failed)."""
from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar


def format_duration(seconds: float) -> str:
    if seconds != seconds or seconds < 0:  # NaN before the first step
        return "–"
    minutes, seconds = divmod(int(round(seconds)), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


class RunStatus(QObject):
    def __init__(self, bar: QStatusBar) -> None:
        super().__init__(bar)
        self.device_label = QLabel(self.tr("device: –"))
        self.speed_label = QLabel(self.tr("– samples/s"))
        self.progress = QProgressBar()
        self.progress.setFixedWidth(360)
        # Fixed sizes, both ways: text that changes several times a second must not relayout the window. A
        # label only keeps its text change to itself when its minimum and maximum size are equal; with a
        # minimum width alone, each new speed climbed as a layout request from the status bar to the main
        # window (7 times a second in the tiny lessons, each re-laying out the window's central splitter).
        for label, sample in ((self.device_label, self.device_text("cuda:0")),
                              (self.speed_label, self.speed_text(88_888_888))):
            label.setFixedSize(label.fontMetrics().horizontalAdvance(sample) + 16, label.sizeHint().height())
        self.speed_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)   # digits stay put
        self.speed_label.setContentsMargins(0, 0, 8, 0)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setFormat(self.tr("idle"))
        self.epochs = 0
        for widget in (self.device_label, self.speed_label, self.progress):
            bar.addPermanentWidget(widget)

    def device_text(self, device: str) -> str:
        return self.tr("device: {device}").format(device=device)

    def speed_text(self, samples_per_s: float) -> str:
        return self.tr("{speed:,.0f} samples/s").format(speed=samples_per_s)

    def say(self, text: str) -> None:
        self.progress.setFormat(text)

    def run_started(self, event) -> None:
        self.epochs = event.epochs
        self.progress.setRange(0, max(1, event.total_steps))
        self.progress.setValue(0)
        self.device_label.setText(self.device_text(event.device))

    def progressed(self, latest, paused: bool) -> None:
        """``latest`` is the newest StepEnded."""
        # QProgressBar.setValue repaints at once, a paint and flush of its own outside the window's frame
        # (0.8 ms of the GUI thread per update while training, bench of 2026-11-30). With updates off it
        # only stores the value; turning them back on schedules one ordinary repaint with everything else.
        self.progress.setUpdatesEnabled(False)
        self.progress.setValue(latest.step)
        if not paused:
            text = self.tr("epoch {epoch}/{epochs} · {percent}% · ETA {eta}").format(
                epoch=latest.epoch, epochs=self.epochs, percent=round(100 * latest.step / max(1, latest.total_steps)),
                eta=format_duration(latest.eta_s))
            giving_way = latest.threads < latest.thread_ceiling      # why it is slower than it was: say so
            if giving_way:
                text += self.tr(" · {threads}/{ceiling} cores").format(threads=latest.threads,
                                                                       ceiling=latest.thread_ceiling)
            if giving_way or self.progress.toolTip():
                self.progress.setToolTip(self.tr("Other programs are using the CPU: training runs on {threads} of "
                                                 "{ceiling} cores until they are free again.").format(
                    threads=latest.threads, ceiling=latest.thread_ceiling) if giving_way else "")
            self.progress.setFormat(text)
        self.progress.setUpdatesEnabled(True)
        self.speed_label.setText(self.speed_text(latest.samples_per_s))
