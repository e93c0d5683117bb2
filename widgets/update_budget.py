"""How often a training job reports to the window: as often as the GUI thread can afford.

*Why:* every report (new loss points, an evaluation, the status line) costs the GUI thread its handling and
the repaints it causes, and on a small machine that CPU comes out of the training: a Python-bound worker
(the tiny lessons run thousands of steps a second, mostly Python between small torch ops) shares the GIL
with the GUI thread and loses about as much time as the GUI spends. Measured with bench/panel_cost.py
(two-class, 2 cores, two runs each): at ten reports a second the GUI thread used ~9 % of a core and training
ran at 0.921 / 0.928 of its speed with the reports dropped; at five a second, 0.979 / 0.947. A fixed rate is
wrong both ways: cheap reports on a fast machine can come ten times a second, costly ones on a slow
machine should come less often.

Where the time goes (measured 2026-12-01, curve-fit in the window, 2 cores, uprobes on libpython): the
training thread waited for the GIL 2.4 % of its run, about 420 times a second (headless: 0.1 %), which is
about the GUI thread's Python time. torch releases the GIL around every op (~150,000 times a second here),
so the GUI thread gets it within microseconds and training waits for as long as the GUI keeps it; and
pyqtgraph's views keep it for the whole repaint: their ``paintEvent`` is Python, so Qt's C++ scene
rendering beneath it runs inside a Python call (a Python thread spinning beside such a view made no
progress while it painted, and ran at full speed beside a plain QGraphicsView painting from the event
loop). So what a report costs training is the GUI's time in it, whatever the number of handoffs: a longer
GIL switch interval (1 or 5 ms instead of widgets/app.py's 0.2 ms) made training slower, not faster.

Measured how much, step by step (2026-12-01, 2 cores, one window run each, every training step's duration
set against the GUI thread's events): steps that overlapped an event took 1.0 ms on average instead of
0.16 ms in curve-fit and 5.5 ms instead of 1.8 ms in sine-forecast; that lost 4.4 and 4.5 ms of training per
report, against the 4.7 and 6.4 ms of GUI CPU each report cost. Steps away from the GUI's events ran as fast
as headless. With the reports' rate fixed, the share of curve-fit's training time stalled in steps that
waited (bench/train_timeline.py; two runs each): 4.1-5.2 % at ten reports a second, 2.3 % at four, 1.7 % at
two, 0.4 % with none drawn. So training loses about the share of a core that the reports take. Window over
headless, curve-fit (steady rates, three alternating rounds): 0.918 at a 4 % share, 0.924-0.945 at 3 %
(two sets), 0.949 at 2.5 %; the VM moves such figures by ±3 %, the stalled share by much less. 3 % kept
4.5 to 9 refreshes a second in every lesson (bench/report.py).

So the window measures what its GUI thread spends per report (CPU time, repaints included, over the
last second) and asks the worker for reports no closer together than that cost divided by
:data:`GUI_SHARE`, between :data:`FASTEST_S` and :data:`SLOWEST_S`. Every point is still drawn — a
report carries all the steps since the last one — only the refresh is coarser when it must be. Work the
learner causes (drawing on the pad, turning the latent space) counts too, so it gets the GUI's time first.
"""
from __future__ import annotations

import time
from typing import Callable

from PySide6.QtCore import QObject, QTimer, Slot

from widgets.worker import MAX_RATE_HZ

GUI_SHARE = 0.03                   # of one core, for the reports and their repaints while a job runs;
                                   # about what they cost a Python-bound training (above)
FASTEST_S = 1.0 / MAX_RATE_HZ      # the worker's own limit
SLOWEST_S = 0.25                   # 4 reports a second: slower, a growing curve looks like a slideshow
PERIOD_MS = 1000                   # how often the cost is measured
MIN_REPORTS = 3                    # reports needed in a period to judge their cost


def report_interval(cpu_per_report_s: float, share: float = GUI_SHARE) -> float:
    """The time between reports at which reports costing ``cpu_per_report_s`` of GUI CPU take ``share``
    of a core, within FASTEST_S..SLOWEST_S."""
    return min(SLOWEST_S, max(FASTEST_S, cpu_per_report_s / share))


class UpdateBudget(QObject):
    """Watches the GUI thread's CPU while ``controller`` runs a job and sets the job's report interval.

    ``controller`` is a :class:`widgets.worker.JobController`; the clocks are parameters for the tests
    (``cpu`` must measure the thread this object lives in: it is read in its slots)."""

    def __init__(self, controller, cpu: Callable[[], float] = time.thread_time,
                 period_ms: int = PERIOD_MS) -> None:
        super().__init__(controller)
        self.controller, self.cpu = controller, cpu
        self.interval_s = FASTEST_S
        self._reports = 0
        self._cpu_mark = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(period_ms)
        self._timer.timeout.connect(self.measure)
        controller.busy_changed.connect(self._busy)
        controller.progressed.connect(self._count)

    @Slot(bool)
    def _busy(self, busy: bool) -> None:
        if busy:
            # Each job starts at the fastest rate and slows within a second where it must: a lesson's reports
            # cost what its panels draw, and the next job may be another lesson's.
            self.interval_s = FASTEST_S
            self.controller.set_report_interval(self.interval_s)
            self._reports, self._cpu_mark = 0, self.cpu()
            self._timer.start()
        else:
            self._timer.stop()

    @Slot(object)
    def _count(self, _progress) -> None:
        self._reports += 1

    @Slot()
    def measure(self) -> None:
        """One period's verdict: the GUI's CPU since the last one, per report received meanwhile."""
        now = self.cpu()
        if not self._reports:              # none (a paused run): nothing to charge this period's CPU to
            self._cpu_mark = now
            return
        if self._reports < MIN_REPORTS:    # too few to judge: keep the rate and count on
            return
        cost = (now - self._cpu_mark) / self._reports
        self._reports, self._cpu_mark = 0, now
        interval = report_interval(cost)
        if abs(interval - self.interval_s) > 0.01:
            self.interval_s = interval
            self.controller.set_report_interval(interval)
