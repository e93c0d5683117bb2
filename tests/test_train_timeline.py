"""The benches' steady rate (bench/train_timeline.py): a burst of other load must not move it, a short run
has none, and it reads a real run's step events; and the share of training time lost in stalled steps."""
from __future__ import annotations

import pytest

from bench.train_timeline import TrainTimeline


def timeline_of(rates_per_second: list[float], every_s: float = 0.1) -> TrainTimeline:
    """Marks every ``every_s`` of training while the rate follows ``rates_per_second`` second by second."""
    timeline, samples, seconds = TrainTimeline(every_s), 0.0, 0.0
    for rate in rates_per_second:
        for _ in range(round(1 / every_s)):
            timeline.marks.append((round(seconds, 6), int(samples)))
            seconds += every_s
            samples += rate * every_s
    timeline.marks.append((round(seconds, 6), int(samples)))
    return timeline


def test_a_burst_of_other_load_does_not_move_the_steady_rate():
    steady = [48_000.0] * 8
    burst = steady[:3] + [26_000.0, 25_000.0] + steady[5:]
    assert timeline_of(steady).steady_rate() == pytest.approx(48_000, rel=1e-3)
    assert timeline_of(burst).steady_rate() == pytest.approx(48_000, rel=1e-3)   # the run's mean: 42,375


def test_too_short_a_run_has_no_steady_rate():
    assert TrainTimeline().steady_rate() is None
    assert timeline_of([1000.0, 1000.0]).steady_rate() is None


def test_runs_of_a_comparison_are_spans_of_their_own():
    first, second = timeline_of([1000.0] * 3), timeline_of([3000.0] * 3)
    both = TrainTimeline()
    both.marks = first.marks + second.marks          # the second run's clock starts at 0 again
    assert both.steady_rate() == pytest.approx(2000)   # the median of 1000, 1000, 3000, 3000: no span across
    spans = TrainTimeline()
    spans.marks = [(0.0, 0), (0.5, 500), (1.0, 1000), (0.0, 0), (1.0, 9000)]
    assert spans.steady_rate(span_s=1.0) is None     # two spans, not one from 1.0 s back to 0


def test_it_reads_the_steps_of_a_real_run(monkeypatch):
    from tasks.curve_fit import CurveFit
    from workbench import trainer
    monkeypatch.setattr(trainer.Trainer, "run", trainer.Trainer.run)   # put back after the test
    timeline = TrainTimeline(every_s=0.0)
    timeline.install()
    task = CurveFit()
    result = trainer.Trainer(task, task.default_spec(), task.default_config().replace(epochs=3)).run()
    steps = result.metrics["steps"]
    assert len(timeline.marks) == steps
    assert len(timeline.durations) == steps - 1
    assert sum(timeline.durations) == pytest.approx(timeline.marks[-1][0] - timeline.marks[0][0])
    seconds = [mark[0] for mark in timeline.marks]
    assert seconds == sorted(seconds) and seconds[-1] <= result.metrics["seconds"]
    batch = timeline.marks[1][1] - timeline.marks[0][1]
    assert batch > 0 and timeline.marks[-1][1] == steps * batch


def steps_of(durations: list[float]) -> TrainTimeline:
    """A timeline fed step events whose own times are ``durations``."""
    from types import SimpleNamespace
    timeline, seconds = TrainTimeline(), 0.0
    timeline._run_started(None)
    timeline._step_ended(SimpleNamespace(train_seconds=seconds, samples=0))    # a first step has no duration
    for each in durations:
        seconds += each
        timeline._step_ended(SimpleNamespace(train_seconds=seconds, samples=0))
    return timeline


def test_stalls_are_the_time_beyond_the_usual_step_of_the_steps_that_waited():
    usual = [160e-6] * 990
    assert steps_of(usual).stalled_share() == pytest.approx(0.0)
    waited = usual + [1160e-6] * 10                 # ten steps waited 1 ms each (e.g. for the GUI's GIL)
    assert steps_of(waited).stalled_share() == pytest.approx(10e-3 / (990 * 160e-6 + 10 * 1160e-6))
    drift = [160e-6] * 500 + [200e-6] * 500         # the machine slowing down by a quarter is not a stall
    assert steps_of(drift).stalled_share() == pytest.approx(0.0)
    assert steps_of(usual[:50]).stalled_share() is None         # too few steps to know the usual one
