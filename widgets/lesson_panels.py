"""A lesson's panels, built from its view: the Training page's grid and the tabs beside it.

:class:`LessonPanels` builds each lesson's page the first time the lesson is chosen (and keeps it, so a
lesson switch is instant the second time and no widget is churned), shows the current page in the
window's tab widget, and feeds it: snapshot parts go to the panels whose ``frames`` list their type,
job events to every panel. It knows no lesson and no panel by name.
"""
from __future__ import annotations

from typing import Any, Iterator

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QGridLayout, QTabWidget, QWidget

from widgets.i18n import translate_core
from widgets.panels.base import LessonPanel, PanelContext
from widgets.panels.registry import build_panel
from workbench.views import LessonView


class LessonPage:
    """One lesson's panels and tabs; ``panels`` pairs each spec with the widget that draws it."""

    def __init__(self, view: LessonView, context: PanelContext, training_title: str) -> None:
        self.view = view
        self.panels: list[tuple[Any, LessonPanel]] = []
        self.tabs: list[tuple[str, QWidget]] = []
        self.training = QWidget()
        grid = QGridLayout(self.training)
        for spec in view.panels:
            panel = build_panel(spec, context)
            self.panels.append((spec, panel))
            place = getattr(spec, "place", None)
            if place is not None:
                grid.addWidget(panel, place.row, place.column, place.rows, place.columns)
            else:
                self.tabs.append((translate_core(spec.tab), panel))
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        if grid.count():
            self.tabs.insert(0, (training_title, self.training))
        self.pending: dict[tuple[int, type], tuple[LessonPanel, Any, str | None]] = {}   # for hidden panels
        self.routes: dict[type, list[LessonPanel]] = {}
        for _spec, panel in self.panels:
            for frame_type in panel.frames:
                self.routes.setdefault(frame_type, []).append(panel)

    def each(self) -> Iterator[LessonPanel]:
        return (panel for _spec, panel in self.panels)

    def route(self, parts: tuple, tag: str | None = None) -> None:
        """Each part to the panels that draw its type (a part no panel of this lesson draws is skipped);
        a hidden panel keeps only the newest part of each type until it is shown (:meth:`flush`)."""
        for part in parts:
            for panel in self.routes.get(type(part), ()):
                if panel.isVisible() or panel.draw_hidden:
                    panel.show_frame(part, tag)
                else:
                    self.pending[(id(panel), type(part))] = (panel, part, tag)

    def flush(self) -> None:
        """Draw what the panels now visible missed while hidden."""
        for key, (panel, part, tag) in list(self.pending.items()):
            if panel.isVisible():
                del self.pending[key]
                panel.show_frame(part, tag)

    def panel(self, spec_type: type) -> LessonPanel | None:
        return next((panel for spec, panel in self.panels if isinstance(spec, spec_type)), None)


class LessonPanels(QObject):
    """The current lesson's page in the window's tabs, and every page built so far."""

    def __init__(self, tabs: QTabWidget, context: PanelContext, common: tuple = ()) -> None:
        """``common``: (title, widget) tabs every lesson shows after its own (e.g. the Runs view)."""
        super().__init__(tabs)
        self.tabs, self.context, self.common = tabs, context, tuple(common)
        tabs.currentChanged.connect(self._on_tab_changed)
        self.pages: dict[str, LessonPage] = {}
        self.current: LessonPage | None = None

    def show_lesson(self, name: str, view: LessonView) -> LessonPage:
        """Build (once) and show the lesson's page, cleared, on its first tab."""
        page = self.pages.get(name)
        if page is None:
            page = self.pages[name] = LessonPage(view, self.context, self.tr("Training"))
        else:
            page.pending.clear()
            for panel in page.each():
                panel.clear()
        if page is not self.current:
            self.tabs.clear()          # removes the pages from the tab bar; they stay alive in self.pages
            for title, widget in page.tabs + list(self.common):
                self.tabs.addTab(widget, title)
            self.current = page
        self.tabs.setCurrentIndex(0)
        return page

    @Slot(int)
    def _on_tab_changed(self, _index: int) -> None:
        if self.current is not None:
            self.current.flush()

    def show_panel_named(self, spec_name: str) -> bool:
        """A notes link ``panel:GatesView``: the current lesson's panel whose spec class has that name."""
        if self.current is None:
            return False
        spec = next((spec for spec, _panel in self.current.panels if type(spec).__name__ == spec_name), None)
        return spec is not None and self.show_panel(type(spec))

    def show_tab(self, widget: QWidget) -> None:
        self.tabs.setCurrentWidget(widget)

    def show_panel(self, spec_type: type) -> bool:
        """Bring the tab holding the current lesson's panel of ``spec_type`` to the front."""
        panel = self.current.panel(spec_type) if self.current else None
        if panel is None:
            return False
        index = self.tabs.indexOf(panel)
        self.tabs.setCurrentIndex(index if index >= 0 else self.tabs.indexOf(self.current.training))
        return True

    def shutdown(self) -> None:
        for page in self.pages.values():
            for panel in page.each():
                panel.shutdown()
