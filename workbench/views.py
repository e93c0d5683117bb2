"""What a lesson shows, declared as data: the form fields, the metrics, and one spec per panel.

A lesson's :class:`LessonView` names everything the window draws for it. Each panel spec is a small
frozen dataclass carrying that panel's own titles and series names (``tr_noop``-marked, so the window
translates them); ``widgets/panels/registry.py`` maps each spec type to the widget that draws it. A
spec with a :class:`Place` sits in a cell of the *Training* page's grid; one without gets a tab of its
own, titled by ``tab``. The window knows no lesson and no panel by name: it builds what the specs say
and routes each snapshot part (``workbench/frames.py``) to the panels that draw that part's type.

No Qt and no torch here: the CLI, the tests and the window all read the same declarations.
"""
from __future__ import annotations

from dataclasses import dataclass

from workbench.errors import tr_noop


@dataclass(frozen=True)
class Place:
    """A cell of the Training page's grid (two columns; the left one is wider)."""

    row: int
    column: int
    rows: int = 1
    columns: int = 1


FULL_WIDTH_TOP = Place(0, 0, 1, 2)
FULL_WIDTH_BOTTOM = Place(1, 0, 1, 2)


@dataclass(frozen=True)
class Curve:
    """One named series: ``key`` is where its values come from, ``label`` what the legend says."""

    key: str
    label: str


@dataclass(frozen=True)
class Metric:
    """How to name and format a metric a lesson reports (e.g. ``test_accuracy`` as a percentage)."""

    key: str
    label: str
    percent: bool = False


TEST_LOSS = Metric("test_loss", tr_noop("test loss"))
TEST_ACCURACY = Metric("test_accuracy", tr_noop("test accuracy"), percent=True)


# --- panels on the Training page ----------------------------------------------------------------------
@dataclass(frozen=True)
class LossView:
    """Training curves per optimizer step (``loss`` is the optimised loss; other keys are the lesson's
    per-step logs) and evaluation curves (metric keys), on one plot."""

    y_label: str = tr_noop("cross-entropy loss")
    train: tuple[Curve, ...] = (Curve("loss", tr_noop("train (per batch)")),)
    test: tuple[Curve, ...] = (Curve("test_loss", tr_noop("test")),)
    log_y: bool = False
    title: str = tr_noop("Loss")
    place: Place = Place(0, 0)


@dataclass(frozen=True)
class MetricView:
    """One evaluation metric over training, scaled (e.g. accuracy as %), on a fixed y range."""

    metric: str = "test_accuracy"
    title: str = tr_noop("Test accuracy")
    label: str = tr_noop("test accuracy")
    y_label: str = tr_noop("accuracy (%)")
    scale: float = 100.0
    y_range: tuple[float, float] = (0.0, 100.0)
    place: Place = Place(1, 0)


@dataclass(frozen=True)
class DigitGridView:
    """Fixed test digits with the network's current guess and confidence (``DigitGuesses``)."""

    title: str = tr_noop("Test digits: the network's guess and its confidence (green right, red wrong)")
    place: Place = Place(0, 1, 2, 1)


@dataclass(frozen=True)
class SeriesView:
    """A series and what the models make of it (``SeriesFrame``): the truth, named predictions, an optional
    background curve and a boundary line. ``scrolling`` follows the newest signal on a fixed y range
    (an oscilloscope); otherwise the view fits the whole series."""

    title: str
    truth_label: str
    series: tuple[Curve, ...]
    background_label: str = ""
    boundary_label: str = ""
    truth_as_points: bool = False
    x_label: str = tr_noop("time step")
    y_label: str = tr_noop("value")
    scrolling: bool = False
    place: Place = FULL_WIDTH_BOTTOM


@dataclass(frozen=True)
class BoundaryView:
    """The plane shaded by P(class 1), the points on top, the 0.5 line (``DecisionFrame``); ``extent``: the
    square the lesson's frames cover, so the panel shows that plane, axes and all, before training."""

    place: Place = Place(0, 1, 2, 1)
    extent: tuple[float, float] = (-1.0, 1.0)


@dataclass(frozen=True)
class FiltersView:
    """The first convolution layer's filters (``FilterFrame``); ``filters``: how many the lesson's model
    has, so the panel can build their images before training rather than at its first snapshot."""

    place: Place = Place(1, 1)
    filters: int = 16


@dataclass(frozen=True)
class ReconstructionsView:
    """Test digits above what the decoder draws back (``ReconstructionFrame``)."""

    place: Place = FULL_WIDTH_BOTTOM


# --- panels with a tab of their own -------------------------------------------------------------------
@dataclass(frozen=True)
class GatesView:
    """Inside the cell: every gate of every layer and direction over time (``GateFrame``)."""

    tab: str = tr_noop("Inside the cell")


@dataclass(frozen=True)
class GradientsView:
    """Gradients through time (``GradientFrame``), the global gradient norm, and a cell comparison."""

    tab: str = tr_noop("Gradients through time")
    compare_cells: tuple[str, ...] = ("rnn", "lstm", "gru")
    step: str = tr_noop("a time step reads one input")      # what a time step reads, for the panel's note


@dataclass(frozen=True)
class DrawingPadView:
    """Draw a digit for the lesson's classifier (the lesson must be a ``DigitReader``; ``ModelWeights``)."""

    tab: str = tr_noop("Draw a digit")
    row_axis: str = tr_noop("image row (time step)")    # a convolutional reader has no time steps


@dataclass(frozen=True)
class LatentView:
    """Every test digit's code, turnable, and a decoder explorer (``LatentFrame``, ``ModelWeights``; the
    lesson must be a ``LatentDecoder``)."""

    tab: str = tr_noop("Latent space")


PanelSpec = (LossView | MetricView | DigitGridView | SeriesView | BoundaryView | FiltersView | ReconstructionsView
             | GatesView | GradientsView | DrawingPadView | LatentView)


@dataclass(frozen=True)
class SeedNote:
    """Which source note a lesson comes from (``../shared/seeds``), its recipe, and its figure if it states one."""

    note: str                                   # "001"
    recipe: str                                 # tr_noop
    metric: str | None = None                   # the metric the note reports, e.g. "test_accuracy"
    value: float | None = None                  # its figure, e.g. 0.9908
    caveat: str = ""                            # tr_noop: why a learner's result here may differ


@dataclass(frozen=True)
class LessonView:
    """Everything the window and the CLI read from a lesson besides training itself."""

    form_fields: tuple[str, ...]                  # the form rows this lesson uses (ModelSpec/TrainConfig fields)
    metrics: tuple[Metric, ...] = (TEST_LOSS, TEST_ACCURACY)   # what an evaluation reports, named
    headline: str = "test_accuracy"               # the metric the headline follows
    panels: tuple = (LossView(),)                 # panel specs, in tab order
    note: str = ""                                # a line under the headline

    def metric(self, key: str) -> Metric:
        """The named metric, or one labelled by its key (a metric the view did not declare)."""
        return next((metric for metric in self.metrics if metric.key == key), Metric(key, key))
