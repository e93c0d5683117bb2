"""Which widget draws which panel spec: the one place a new kind of panel is registered.

The window builds a lesson's panels with :func:`build_panel` from the specs its ``LessonView`` lists,
and never names a panel itself.
"""
from __future__ import annotations

from widgets.panels.base import LessonPanel, PanelContext
from widgets.panels.boundary_plot import BoundaryPlot
from widgets.panels.digit_grid import DigitGridPanel
from widgets.panels.drawing_pad import DrawingPad
from widgets.panels.filter_grid import FilterGrid
from widgets.panels.gate_heatmap import GateHeatmap
from widgets.panels.gradient_panel import GradientPanel
from widgets.panels.latent_explorer import LatentExplorer
from widgets.panels.reconstruction_grid import ReconstructionGrid
from widgets.panels.series_plot import SeriesPlot
from widgets.panels.training_curves import LossPanel, MetricPanel
from workbench.views import (BoundaryView, DigitGridView, DrawingPadView, FiltersView, GatesView, GradientsView,
                             LatentView, LossView, MetricView, ReconstructionsView, SeriesView)

PANELS: dict[type, type] = {
    LossView: LossPanel, MetricView: MetricPanel, DigitGridView: DigitGridPanel, SeriesView: SeriesPlot,
    BoundaryView: BoundaryPlot, FiltersView: FilterGrid, ReconstructionsView: ReconstructionGrid,
    GatesView: GateHeatmap, GradientsView: GradientPanel, DrawingPadView: DrawingPad, LatentView: LatentExplorer,
}


def build_panel(spec: object, context: PanelContext) -> LessonPanel:
    """The widget for ``spec``; a spec type nobody registered is a programming error, said plainly."""
    try:
        panel_type = PANELS[type(spec)]
    except KeyError:
        raise TypeError(f"no panel draws {type(spec).__name__}; register one in widgets/panels/registry.py") from None
    return panel_type(spec, context)
