from workbench.threads import THREADS_ENV, choose_thread_count


def test_thread_policy(monkeypatch):
    monkeypatch.delenv(THREADS_ENV, raising=False)
    assert choose_thread_count(False, cores=2) == 2
    assert choose_thread_count(True, cores=2) == 2      # too few cores to spare one
    assert choose_thread_count(True, cores=8) == 7
    assert choose_thread_count(True, requested=3, cores=8) == 3
    monkeypatch.setenv(THREADS_ENV, "1")
    assert choose_thread_count(False, cores=8) == 1
