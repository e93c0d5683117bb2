"""A training job reports as often as the GUI thread can afford (widgets/update_budget.py), and the worker
keeps to the interval the window sets."""
from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QObject, Signal

from widgets.update_budget import FASTEST_S, GUI_SHARE, SLOWEST_S, UpdateBudget, report_interval
from widgets.worker import JobController
from workbench.events import StepEnded

LONG = 30_000


def test_the_interval_spends_the_gui_share_on_reports_within_its_bounds():
    assert report_interval(0.006) == pytest.approx(0.006 / GUI_SHARE) == pytest.approx(0.2)
    assert report_interval(0.0005) == FASTEST_S         # cheap reports: ten a second, no more
    assert report_interval(0.5) == SLOWEST_S            # costly ones: still four a second


class FakeController(QObject):
    busy_changed = Signal(bool)
    progressed = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.intervals: list[float] = []

    def set_report_interval(self, seconds: float) -> None:
        self.intervals.append(seconds)


def test_the_budget_charges_the_gui_threads_cpu_to_the_reports_it_received(qtbot):
    controller, clock = FakeController(), [10.0]
    budget = UpdateBudget(controller, cpu=lambda: clock[0], period_ms=60_000)   # measured by hand below
    controller.busy_changed.emit(True)
    assert controller.intervals == [FASTEST_S]          # each job starts at the fastest rate
    for _ in range(5):
        controller.progressed.emit(object())
    clock[0] += 0.03                                    # 6 ms of GUI CPU per report
    budget.measure()
    assert controller.intervals[-1] == pytest.approx(0.2) and budget.interval_s == pytest.approx(0.2)
    clock[0] += 3.0                                     # a paused run: CPU but no reports ...
    budget.measure()
    assert controller.intervals[-1] == pytest.approx(0.2)          # ... keeps the rate
    for _ in range(2):
        controller.progressed.emit(object())
    clock[0] += 0.002
    budget.measure()                                    # two reports are too few to judge: counted on
    for _ in range(2):
        controller.progressed.emit(object())
    clock[0] += 0.002
    budget.measure()                                    # 1 ms per report, and the paused CPU not charged
    assert controller.intervals[-1] == FASTEST_S
    controller.busy_changed.emit(False)
    assert not budget._timer.isActive()


def test_the_worker_keeps_to_the_interval_and_the_controller_sets_it_while_the_job_runs(qtbot):
    def steps(worker, count: int) -> None:
        collect = worker.listeners()["on_step"][0]
        for step in range(1, count + 1):
            collect(StepEnded(step=step, epoch=1, loss=1.0, grad_norm=1.0, lr=0.1, samples=step, seconds=0.0,
                              total_steps=count))

    for interval, most in ((0.0, 50), (3600.0, 2)):    # every step its own report; one at most, then the last
        controller, received = JobController(), []
        controller.progressed.connect(received.append)

        def job(worker, interval=interval):
            worker.report_interval_s = interval
            steps(worker, 50)
            return {}

        with qtbot.waitSignal(controller.finished, timeout=LONG):
            controller.start(job)
        assert 1 <= len(received) <= most and (len(received) == 50) == (most == 50)
        assert sum(len(progress.steps) for progress in received) == 50        # no step is lost either way

    controller, seen, asked = JobController(), {}, threading.Event()

    def waiting_job(worker):
        asked.wait(10)
        seen["interval"] = worker.report_interval_s
        return {}

    with qtbot.waitSignal(controller.finished, timeout=LONG):
        controller.start(waiting_job)
        controller.set_report_interval(0.2)
        asked.set()
    assert seen["interval"] == 0.2
