"""The window's left side: the lesson and preset choosers, the model form, Start / Pause / Stop, and
the line saying whether PyTorch is ready. It only lays widgets out; the window wires them."""
from __future__ import annotations

from typing import Mapping

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal, Slot
from PySide6.QtWidgets import (QComboBox, QFormLayout, QHBoxLayout, QLabel, QPushButton, QScrollArea,
                               QVBoxLayout, QWidget)

from widgets.i18n import translate_core
from widgets.model_form import ModelForm


class FormScrollArea(QScrollArea):
    """Scrolls the form up and down, never sideways, and is never narrower than the form: the splitter
    beside it then stops at the form's width instead of cutting off its right edge (the combo boxes'
    arrows, the CSV row's buttons)."""

    def __init__(self, inner: QWidget) -> None:
        super().__init__()
        self.setWidget(inner)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        inner.installEventFilter(self)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        needed = (self.widget().minimumSizeHint().width() + self.verticalScrollBar().sizeHint().width()
                  + 2 * self.frameWidth())
        return QSize(max(hint.width(), needed), hint.height())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:     # rows shown or hidden for another lesson
            self.updateGeometry()
        return False


class SidePanel(QWidget):
    preset_chosen = Signal(str)     # the name of the preset picked in the box

    def __init__(self, lessons: Mapping[str, type]) -> None:
        super().__init__()
        self.lesson_box = QComboBox()
        for name, lesson in lessons.items():
            self.lesson_box.addItem(translate_core(lesson.title), name)
        self.preset_box = QComboBox()
        self.form = ModelForm()
        self.start_button = QPushButton(self.tr("Start"))
        self.start_button.setToolTip(self.tr("Train the network in the form (F5)"))
        self.start_button.setStyleSheet("font-weight: bold; padding: 6px;")
        self.pause_button = QPushButton(self.tr("Pause"))
        self.stop_button = QPushButton(self.tr("Stop"))
        self.torch_status = QLabel(self.tr("Loading PyTorch…"))
        self.torch_status.setStyleSheet("color: #666;")

        chooser = QFormLayout()
        chooser.addRow(self.tr("Lesson"), self.lesson_box)
        chooser.addRow(self.tr("Preset"), self.preset_box)
        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.addLayout(chooser)
        layout.addWidget(self.form)
        for box in inner.findChildren(QComboBox):
            # Long entries (lesson titles, CSV column names) are elided rather than widening the form.
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(10)
        scroll = FormScrollArea(inner)
        buttons = QHBoxLayout()
        for button in (self.start_button, self.pause_button, self.stop_button):
            buttons.addWidget(button)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 6)
        outer.addWidget(scroll, 1)
        outer.addLayout(buttons)
        outer.addWidget(self.torch_status)
        self.setMinimumWidth(340)      # the form's fields stay readable; more would not fit small screens
        self.preset_box.activated.connect(self._on_preset_activated)

    def show_presets(self, task) -> None:
        self.preset_box.clear()
        self.preset_box.addItem(self.tr("Choose a preset…"), "")
        for preset in task.presets().values():
            self.preset_box.addItem(translate_core(preset.title), preset.name)

    @Slot(int)
    def _on_preset_activated(self, index: int) -> None:
        name = self.preset_box.itemData(index)
        if name:
            self.preset_chosen.emit(name)

    def apply_preset(self, task, name: str) -> str:
        """Put the lesson's preset in the form; the reason it cannot, or ""."""
        presets = task.presets()
        if name not in presets:
            return self.tr("The lesson has no preset called {name}; choose from {names}.").format(
                name=name, names=", ".join(presets))
        _spec, current, _problems = self.form.values()
        preset = presets[name]
        # Keep the learner's data and device choices; a preset is about the network and the recipe.
        config = preset.config.replace(device=current.device, data_root=current.data_root, download=current.download)
        self.form.set_values(preset.spec, config)
        self.preset_box.setCurrentIndex(max(0, self.preset_box.findData(name)))
        return ""
