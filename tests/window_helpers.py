"""Helpers for tests that drive the real window."""

LONG = 120_000  # ms; generous for a loaded 2-core CI machine


def make_tiny(window, epochs=1):
    form = window.form
    form.hidden_size.setValue(16)
    form.batch_size.setValue(200)
    form.epochs.setValue(epochs)
    form.evals_per_epoch.setValue(2)


def train(qtbot, window):
    with qtbot.waitSignal(window.job_succeeded, timeout=LONG) as succeeded:
        assert window.start_training()
    qtbot.waitUntil(lambda: not window.controller.busy and window.runs_view.is_current, timeout=LONG)
    return succeeded.args[0]




def panel(window, spec_type):
    """The current lesson's panel drawing ``spec_type`` (a workbench.views spec class)."""
    found = window.page.panel(spec_type)
    assert found is not None, f"the lesson {window.task.name} has no {spec_type.__name__}"
    return found
