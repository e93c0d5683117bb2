from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from tests.window_helpers import LONG
from widgets.worker import JobController, MirrorHost
from workbench.threads import THREADS_ENV, choose_thread_count, configure_torch_threads


def test_thread_policy(monkeypatch):
    monkeypatch.delenv(THREADS_ENV, raising=False)
    assert choose_thread_count(False, cores=2) == 2
    assert choose_thread_count(True, cores=2) == 2      # too few cores to spare one
    assert choose_thread_count(True, cores=8) == 7
    assert choose_thread_count(True, requested=3, cores=8) == 3
    monkeypatch.setenv(THREADS_ENV, "1")
    assert choose_thread_count(False, cores=8) == 1


class ThreadCounts(QObject):
    """Collects, in the GUI thread, the torch thread counts that a job and a mirror saw in their threads."""

    got = Signal(str, int)

    @Slot(object)
    def on_job_done(self, summary: dict) -> None:
        self.got.emit("job", summary["threads"])

    @Slot(str, object)
    def on_reported(self, kind: str, payload: object) -> None:
        self.got.emit(kind, payload)


class CountingMirror:
    def __init__(self, emit):
        self.emit = emit

    def count(self):
        import torch
        self.emit("mirror", torch.get_num_threads())


def count_job(runner) -> dict:
    import torch
    return {"threads": torch.get_num_threads()}


def test_mirrors_run_on_one_thread_and_training_keeps_its_count(qtbot):
    """A drawing pad's reading on one core, and a training job started after it still with the chosen
    count: torch remembers the last count set in any thread as the one new threads start with."""
    import torch
    chosen = configure_torch_threads(leave_core_for_gui=False, requested=2)
    owner, counts = QObject(), ThreadCounts()
    host = MirrorHost(owner, CountingMirror, "counting")
    host.reported.connect(counts.on_reported)
    jobs = JobController(owner, "workbench-job")
    jobs.succeeded.connect(counts.on_job_done)
    try:
        with qtbot.waitSignal(counts.got, timeout=LONG) as mirror:
            host.submit("count")
        assert mirror.args == ["mirror", 1]
        with qtbot.waitSignal(counts.got, timeout=LONG) as job:     # a new thread, after the mirror's
            assert jobs.start(count_job)
        assert job.args == ["job", chosen] and chosen == 2
        assert torch.get_num_threads() == 2                         # this thread's own count untouched
    finally:
        host.stop()
        jobs.shutdown()


def test_training_gives_way_to_other_programs_and_takes_the_cores_back(monkeypatch):
    """Two cores, a ceiling of two threads; the samples say how much CPU other programs used."""
    import torch

    from workbench.threads import CpuSample, LoadFollower
    busy = own = wall = 0.0

    def sample():
        return CpuSample(busy, own, wall)

    def second_passes(others: float) -> None:
        nonlocal busy, own, wall
        wall += 1.0
        own += 1.0                      # this process: ours, never counted against us
        busy += 1.0 + others

    before = torch.get_num_threads()
    try:
        follower = LoadFollower(ceiling=2, cores=2, interval_s=0.0, sample=sample)
        assert torch.get_num_threads() == 2
        counts = []
        for others in (0.0, 0.1, 1.0, 1.0, 0.0, 0.0, 0.0, 2.0, 0.05):
            second_passes(others)
            follower.after_step()
            counts.append(torch.get_num_threads())
        # Down as soon as a core is taken; up only after two free seconds in a row.
        assert counts == [2, 2, 1, 1, 1, 2, 2, 1, 1]
        assert [threads for _at, _others, threads in follower.changes] == [1, 2, 1]
    finally:
        torch.set_num_threads(before)


def test_a_thread_count_asked_for_is_kept_whatever_the_load(monkeypatch):
    from workbench import threads
    monkeypatch.delenv(threads.THREADS_ENV, raising=False)
    assert threads.configure_torch_threads(leave_core_for_gui=False, requested=2) == 2
    assert threads.load_follower() is None                       # --threads 2: fixed
    monkeypatch.setenv(threads.THREADS_ENV, "2")
    threads.configure_torch_threads(leave_core_for_gui=False)
    assert threads.load_follower() is None                       # $RNN_WORKBENCH_THREADS: fixed too
    monkeypatch.delenv(threads.THREADS_ENV)
    chosen = threads.configure_torch_threads(leave_core_for_gui=False)
    assert (threads.load_follower() is not None) == (chosen > 1)  # chosen here: a ceiling


def test_the_trainer_follows_the_load_after_each_step(monkeypatch, tmp_path, tiny_spec, tiny_config):
    """A real training run whose steps find a core taken by another program: it goes on with one thread."""
    import torch

    from tasks import LESSONS
    from workbench.session import train_lesson
    from workbench.runs import read_config
    from workbench.threads import CpuSample, LoadFollower
    clock = {"t": 0.0}

    def taken_core():                  # every look: one more second in which others used a whole core
        clock["t"] += 1.0
        return CpuSample(busy_s=2 * clock["t"], own_s=clock["t"], wall_s=clock["t"])

    followers = []

    def make():
        followers.append(LoadFollower(ceiling=2, cores=2, interval_s=0.0, sample=taken_core))
        return followers[-1]

    before = torch.get_num_threads()
    seen = []
    monkeypatch.setattr("workbench.trainer.load_follower", make)
    try:
        metrics = train_lesson(LESSONS["mnist-rows"](), tiny_spec, tiny_config.replace(epochs=1), tmp_path,
                               listeners={"on_step": [lambda event: seen.append((torch.get_num_threads(),
                                                                                    event.threads, event.thread_ceiling))]})
    finally:
        torch.set_num_threads(before)
    assert metrics["steps"] == len(seen) > 2
    assert seen[-1] == (1, 1, 2) and followers[0].changes[0][2] == 1   # gave way, and each step says so
    assert metrics["threads"] == 2 and metrics["thread_changes"][0][1] == 1    # and the run's metrics keep it
    saved = read_config(Path(metrics["run_dir"]))["result"]                   # config.json of the run folder
    assert saved["thread_changes"] == metrics["thread_changes"]


def _one_round_s() -> float:
    """Long enough for a tuner's first measurement with _Steps' 0.1 s steps."""
    from workbench.threads import ThreadTuner
    return ThreadTuner.SETTLE_S + (2 * ThreadTuner.PAIRS + 1) * max(ThreadTuner.BLOCK_S, ThreadTuner.MIN_STEPS * 0.11) + 0.5


class _Steps:
    """A run seen by a ThreadTuner: steps of ``batch`` samples whose speed depends on the thread count."""

    def __init__(self, rates: dict[int, float], batch: int = 100) -> None:
        self.rates, self.batch = rates, batch
        self.now = self.samples = 0
        self.train_seconds = 0.0
        self.counts: list[int] = []

    def clock(self) -> float:
        return self.now

    def train(self, seconds: float, threads, step_ended) -> None:
        """Steps at the speed of ``threads()`` threads, each followed by ``step_ended(samples, train_seconds)``."""
        end = self.now + seconds
        while self.now < end:
            spent = self.batch / self.rates[threads()]
            self.now += spent + 0.001           # a little time between steps (the batch, the listeners)
            self.samples += self.batch
            self.train_seconds += spent
            step_ended(self.samples, self.train_seconds)
            self.counts.append(threads())

    def run(self, tuner, seconds: float) -> None:
        """As a tuner's run: with the count it asked for after the last step."""
        asked = {"count": tuner.choice}
        self.train(seconds, lambda: asked["count"],
                   lambda samples, train_seconds: asked.update(count=tuner.count(samples, train_seconds)))


def test_the_tuner_picks_one_thread_where_it_trains_faster_and_alternates_to_find_out():
    from workbench.threads import ThreadTuner
    steps = _Steps({1: 1100.0, 2: 1000.0})
    tuner = ThreadTuner(ceiling=2, clock=steps.clock)
    steps.run(tuner, ThreadTuner.SETTLE_S * 0.5)
    assert set(steps.counts) == {2} and not tuner.measuring        # the run's first moments: the ceiling
    steps.run(tuner, _one_round_s() + 3.0)
    changes = [count for previous, count in zip(steps.counts, steps.counts[1:]) if count != previous]
    assert changes[:4] == [1, 2, 1, 2]                             # blocks alternate, the ceiling first
    assert len(tuner.decisions) == 1 and tuner.choice == 1
    _at, ratio, count = tuner.decisions[0]
    assert count == 1 and abs(ratio - 1.1) < 0.02                  # 1,100 vs 1,000 samples/s
    assert set(steps.counts[-20:]) == {1}                         # and it keeps to its choice


def test_the_tuner_keeps_all_threads_where_they_are_faster_and_measures_again_later():
    from workbench.threads import ThreadTuner
    steps = _Steps({1: 800.0, 2: 1000.0})
    tuner = ThreadTuner(ceiling=2, clock=steps.clock)
    steps.run(tuner, _one_round_s())
    assert tuner.choice == 2 and tuner.decisions[0][1] < 0.85 and steps.counts[-1] == 2
    steps.run(tuner, ThreadTuner.RECHECK_S + _one_round_s())       # soon again: the first was near the start
    assert len(tuner.decisions) == 2 and tuner.choice == 2
    steps.rates[1] = 1000.0                                      # a tie now (the panels drew more, say)
    steps.run(tuner, ThreadTuner.RECHECK_S + _one_round_s())
    assert len(tuner.decisions) == 2                             # a clear call is measured again only later,
    steps.run(tuner, ThreadTuner.SETTLED_RECHECK_S)
    (second, _, _), (third, ratio, count) = tuner.decisions[1:3]
    assert third - second >= ThreadTuner.SETTLED_RECHECK_S
    assert abs(ratio - 1.0) < 0.02 and count == 1 == tuner.choice  # and one thread wins a tie: a core for the GUI


def test_a_clear_win_for_all_threads_ends_the_measurement_early_and_one_thread_must_win_every_block():
    from workbench.threads import ThreadTuner
    for rates, pairs, choice in (({1: 700.0, 2: 1000.0}, ThreadTuner.EARLY_PAIRS, 2),
                                 ({1: 1200.0, 2: 1000.0}, ThreadTuner.PAIRS, 1),     # a wrong one costs more
                                 ({1: 1000.0, 2: 1010.0}, ThreadTuner.PAIRS, 1)):
        steps = _Steps(rates)
        tuner = ThreadTuner(ceiling=2, clock=steps.clock)
        steps.run(tuner, _one_round_s())
        assert len(tuner.decisions) == 1 and tuner.choice == choice, rates
        counts = steps.counts
        blocks = [count for index, count in enumerate(counts) if index == 0 or counts[index - 1] != count]
        # the run on all threads, then one-thread blocks between all-thread ones, then the choice
        assert blocks.count(1) - (choice == 1) == pairs, (rates, blocks)
        assert blocks[:2] == [2, 1] and blocks[-1] == choice


def test_a_core_taken_mid_measurement_abandons_it_and_the_window_s_follower_applies_the_choice():
    import torch

    from workbench.threads import CpuSample, LoadFollower, ThreadTuner
    steps = _Steps({1: 1100.0, 2: 1000.0})
    busy = {"others": 0.0, "total": 0.0}

    def sample():                         # other programs' CPU use so far, on the steps' clock
        busy["total"] += busy["others"] * 0.5
        return CpuSample(busy["total"], 0.0, steps.now)

    before = torch.get_num_threads()
    try:
        follower = LoadFollower(ceiling=2, cores=2, interval_s=0.5, sample=sample, tune=True, clock=steps.clock)

        def run(seconds):
            steps.train(seconds, torch.get_num_threads, follower.after_step)
        run(ThreadTuner.SETTLE_S + 1.0)
        assert follower.tuner.measuring
        busy["others"] = 1.0                          # another program takes a core
        run(1.0)
        assert not follower.tuner.measuring and follower.allowed == 1 and torch.get_num_threads() == 1
        assert not follower.tuner.decisions            # nothing decided from blocks that compared 1 with 1
        busy["others"] = 0.0
        run(_one_round_s() + 2.0)
        assert follower.allowed == 2 and follower.tuner.decisions and follower.tuner.choice == 1
        assert follower.target == 1 and torch.get_num_threads() == 1 and follower.current == 1
    finally:
        torch.set_num_threads(before)


def test_only_the_window_s_training_measures_one_thread_against_all(monkeypatch):
    from workbench import threads
    monkeypatch.delenv(threads.THREADS_ENV, raising=False)
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    threads.configure_torch_threads(leave_core_for_gui=False)
    assert threads.load_follower().tuner is None                  # main.py train: the speed it always had
    threads.configure_torch_threads(leave_core_for_gui=True)
    assert threads.load_follower().tuner is not None
    threads.configure_torch_threads(leave_core_for_gui=True, requested=2)
    assert threads.load_follower() is None                        # a count asked for is kept
