"""The form that edits a ModelSpec and a TrainConfig, with each problem shown beside its field.

Spin boxes accept out-of-range values on purpose (hidden size 0, say): the form then explains *why*
the network cannot use the value instead of silently clamping it, and Start stays disabled.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDoubleSpinBox, QFileDialog, QFormLayout, QGroupBox,
                               QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox, QVBoxLayout, QWidget)

from widgets.i18n import translate_error
from workbench.data import find_idx_files
from workbench.errors import DataError, SpecError, tr_noop
from workbench.series import ROW_BY_ROW, read_series_csv
from workbench.spec import ModelSpec, TrainConfig

ERROR_STYLE = "color: #c62828; font-size: 9pt;"


class FieldRow(QWidget):
    """An editor with an error line under it that appears only when there is something to say."""

    def __init__(self, editor: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(editor)
        layout.addWidget(self.error)

    def set_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))


def _spin(low: int, high: int, step: int = 1) -> QSpinBox:
    box = QSpinBox()
    box.setRange(low, high)
    box.setSingleStep(step)
    box.setKeyboardTracking(True)
    return box


def _fraction(decimals: int = 2, step: float = 0.05, high: float = 9.99) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(0.0, high)
    box.setDecimals(decimals)
    box.setSingleStep(step)
    return box


def _path_line(path: QLineEdit, *buttons: QPushButton) -> QWidget:
    """A read-only path with its buttons ("Choose…", "use the built-in one") on one line."""
    line = QWidget()
    layout = QHBoxLayout(line)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(path, 1)
    for button in buttons:
        layout.addWidget(button)
    return line


class ModelForm(QWidget):
    """Edits the network and the recipe. ``changed`` fires on every edit; read :meth:`values`."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: dict[str, FieldRow] = {}
        self._loading = False
        self._csv_problem = ""
        self.parameter_counter = None    # the lesson's own count, for networks that are not a plain stack

        self.architecture = QComboBox()
        for value, text in (("recurrent", self.tr("recurrent (reads rows)")), ("mlp", self.tr("MLP")),
                            ("cnn", self.tr("CNN"))):
            self.architecture.addItem(text, value)
        self.latent_size = _spin(0, 999)
        self.activation = QComboBox()
        for value in ("tanh", "relu", "sigmoid"):
            self.activation.addItem(value, value)
        self.noise_std = _fraction(decimals=2, step=0.05, high=9.99)
        self.noise_std.setSpecialValueText(self.tr("off"))
        self.cell = QComboBox()
        for value, text in (("rnn", self.tr("RNN (plain)")), ("lstm", self.tr("LSTM")), ("gru", self.tr("GRU"))):
            self.cell.addItem(text, value)
        self.hidden_size = _spin(0, 99999, 16)
        self.num_layers = _spin(0, 99)
        self.bidirectional = QCheckBox(self.tr("read the rows both ways"))
        self.dropout = _fraction(high=0.99)
        self.nonlinearity = QComboBox()
        for value in ("tanh", "relu"):
            self.nonlinearity.addItem(value, value)

        self.optimizer = QComboBox()
        for value, text in (("sgd", self.tr("SGD")), ("momentum", self.tr("SGD + momentum 0.9")),
                            ("rmsprop", self.tr("RMSprop")), ("adam", self.tr("Adam")), ("adamw", self.tr("AdamW"))):
            self.optimizer.addItem(text, value)
        self.lr = QLineEdit()
        self.lr.setPlaceholderText("0.01")
        self.race_lrs = QLineEdit()
        self.race_lrs.setPlaceholderText("0.01, 0.01, 0.01, 0.01")
        self.race_lrs.setToolTip(self.tr("SGD, SGD + momentum, RMSprop, Adam"))
        self.schedule = QComboBox()
        self.schedule.addItem(self.tr("constant"), "constant")
        self.schedule.addItem(self.tr("OneCycle (warm up, then anneal)"), "onecycle")
        self.batch_size = _spin(0, 999999, 16)
        self.epochs = _spin(0, 99999)
        self.weight_decay = _fraction(decimals=4, step=0.01, high=9.99)
        self.clip_norm = _fraction(decimals=2, step=0.5, high=9999)
        self.clip_norm.setSpecialValueText(self.tr("off"))
        self.label_smoothing = _fraction(high=0.99)
        self.shift_px = _spin(0, 99)
        self.shift_px.setSpecialValueText(self.tr("off"))
        self.evals_per_epoch = _spin(0, 999)
        self.seed = _spin(-1, 2**31 - 1)
        self.device = QComboBox()
        self.device.addItem(self.tr("CPU"), "cpu")

        self.sequence_length = _spin(0, 99999)
        self.carry_hidden = QCheckBox(self.tr("yes, detached"))
        self.horizon = _spin(0, 99999, 10)
        self.csv_path = QLineEdit()
        self.csv_path.setReadOnly(True)
        self.csv_path.setPlaceholderText(self.tr("built-in noisy sine (1,000 points)"))
        self.choose_csv = QPushButton(self.tr("Open CSV…"))
        self.use_built_in = QPushButton(self.tr("Built-in"))
        csv_line = _path_line(self.csv_path, self.choose_csv, self.use_built_in)
        self.csv_column = QComboBox()
        self.csv_note = QLabel()
        self.csv_note.setStyleSheet("color: #555; font-size: 9pt;")
        self.csv_note.setWordWrap(True)
        column_line = QWidget()
        column_layout = QVBoxLayout(column_line)
        column_layout.setContentsMargins(0, 0, 0, 0)
        column_layout.setSpacing(1)
        column_layout.addWidget(self.csv_column)
        column_layout.addWidget(self.csv_note)
        self._fill_csv_columns(())

        self.data_root = QLineEdit()
        self.data_root.setReadOnly(True)
        self.data_root.setPlaceholderText(self.tr("embedded MNIST (4,000 train / 1,000 test)"))
        self.choose_data = QPushButton(self.tr("Choose…"))
        self.use_embedded = QPushButton(self.tr("Embedded"))
        self.download = QCheckBox(self.tr("download if missing"))
        data_line = _path_line(self.data_root, self.choose_data, self.use_embedded)

        network = self._group(self.tr("Network"), [
            ("architecture", self.tr("Architecture"), self.architecture),
            ("cell", self.tr("Cell"), self.cell),
            ("hidden_size", self.tr("Hidden size"), self.hidden_size),
            ("num_layers", self.tr("Layers"), self.num_layers),
            ("bidirectional", self.tr("Bidirectional"), self.bidirectional),
            ("dropout", self.tr("Dropout between layers"), self.dropout),
            ("nonlinearity", self.tr("Nonlinearity"), self.nonlinearity),
            ("latent_size", self.tr("Latent size"), self.latent_size),
            ("activation", self.tr("Activation"), self.activation),
        ])
        self.parameter_count = QLabel()
        self.parameter_count.setStyleSheet("font-weight: bold;")
        network.layout().addRow(self.tr("Parameters"), self.parameter_count)
        training = self._group(self.tr("Training"), [
            ("optimizer", self.tr("Optimizer"), self.optimizer),
            ("lr", self.tr("Learning rate"), self.lr),
            ("race_lrs", self.tr("Rates: SGD, Mom., RMSprop, Adam"), self.race_lrs),
            ("schedule", self.tr("Schedule"), self.schedule),
            ("batch_size", self.tr("Batch size"), self.batch_size),
            ("epochs", self.tr("Epochs"), self.epochs),
            ("weight_decay", self.tr("Weight decay"), self.weight_decay),
            ("clip_norm", self.tr("Clip gradient norm"), self.clip_norm),
            ("label_smoothing", self.tr("Label smoothing"), self.label_smoothing),
            ("shift_px", self.tr("Random shift (px)"), self.shift_px),
            ("noise_std", self.tr("Input noise (denoising)"), self.noise_std),
            ("evals_per_epoch", self.tr("Tests per epoch"), self.evals_per_epoch),
            ("seed", self.tr("Seed"), self.seed),
            ("device", self.tr("Device"), self.device),
        ])
        self.sequence_group = self._group(self.tr("Sequence"), [
            ("sequence_length", self.tr("Steps per window"), self.sequence_length),
            ("carry_hidden", self.tr("Carry the hidden state"), self.carry_hidden),
            ("horizon", self.tr("Generate (steps)"), self.horizon),
            ("csv_path", self.tr("Series (CSV)"), csv_line),
            ("csv_column", self.tr("Column"), column_line),
        ])
        self.data_group = self._group(self.tr("Data"), [("data_root", self.tr("MNIST"), data_line),
                                                        ("download", "", self.download)])
        self.network_group = network
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for group in (network, training, self.sequence_group, self.data_group):
            layout.addWidget(group)
        layout.addStretch(1)

        self.csv_column.currentIndexChanged.connect(self._on_csv_column_chosen)
        for combo in (self.cell, self.nonlinearity, self.optimizer, self.schedule, self.device, self.architecture,
                      self.activation):
            combo.currentIndexChanged.connect(self._on_edited)
        for box in (self.hidden_size, self.num_layers, self.batch_size, self.epochs, self.shift_px,
                    self.evals_per_epoch, self.seed, self.dropout, self.weight_decay, self.clip_norm,
                    self.label_smoothing, self.sequence_length, self.horizon, self.latent_size, self.noise_std):
            box.valueChanged.connect(self._on_edited)
        for check in (self.bidirectional, self.download, self.carry_hidden):
            check.toggled.connect(self._on_edited)
        self.choose_csv.clicked.connect(self._on_choose_csv)
        self.use_built_in.clicked.connect(self._on_use_built_in)
        self.lr.textChanged.connect(self._on_edited)
        self.race_lrs.textChanged.connect(self._on_edited)
        self.choose_data.clicked.connect(self._on_choose_data)
        self.use_embedded.clicked.connect(self._on_use_embedded)
        self.set_values(ModelSpec(), TrainConfig())

    def _group(self, title: str, fields: list[tuple[str, str, QWidget]]) -> QGroupBox:
        group = QGroupBox(title)
        form = QFormLayout(group)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # In a narrow side panel a row that does not fit puts its field under its label instead of
        # making the whole form wider than the panel.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for key, label, editor in fields:
            row = FieldRow(editor)
            self.rows[key] = row
            form.addRow(label, row)
        return group

    # --- reading and writing ----------------------------------------------------------------------
    def set_values(self, spec: ModelSpec, config: TrainConfig) -> None:
        """Fill every field (one ``changed`` signal at the end, not one per field)."""
        self._loading = True
        try:
            self._select(self.cell, spec.cell)
            self.hidden_size.setValue(spec.hidden_size)
            self.num_layers.setValue(spec.num_layers)
            self.bidirectional.setChecked(spec.bidirectional)
            self.dropout.setValue(spec.dropout)
            self._select(self.nonlinearity, spec.nonlinearity)
            self._select(self.architecture, spec.architecture)
            self.latent_size.setValue(spec.latent_size)
            self._select(self.activation, spec.activation)
            self.noise_std.setValue(config.noise_std)
            self._select(self.optimizer, config.optimizer)
            self.lr.setText(f"{config.lr:g}")
            self.race_lrs.setText(config.race_lrs)
            self._select(self.schedule, config.schedule)
            self.batch_size.setValue(config.batch_size)
            self.epochs.setValue(config.epochs)
            self.weight_decay.setValue(config.weight_decay)
            self.clip_norm.setValue(config.clip_norm)
            self.label_smoothing.setValue(config.label_smoothing)
            self.shift_px.setValue(config.shift_px)
            self.evals_per_epoch.setValue(config.evals_per_epoch)
            self.seed.setValue(config.seed)
            if self.device.findData(config.device) >= 0:
                self._select(self.device, config.device)
            self.data_root.setText(config.data_root)
            self.download.setChecked(config.download)
            self.sequence_length.setValue(config.sequence_length)
            self.carry_hidden.setChecked(config.carry_hidden)
            self.horizon.setValue(config.horizon)
            self.csv_path.setText(config.csv_path)
            self._show_csv_columns(config.csv_path, config.csv_column)
            self._input_size, self._output_size, self._head = spec.input_size, spec.output_size, spec.head
        finally:
            self._loading = False
        self._on_edited()

    @staticmethod
    def _select(combo: QComboBox, value: str) -> None:
        index = combo.findData(value)
        if index >= 0:
            combo.setCurrentIndex(index)

    def _parse_lr(self) -> tuple[float, list[SpecError]]:
        text = self.lr.text().strip()
        try:
            return float(text), []
        except ValueError:
            return float("nan"), [SpecError("lr", tr_noop("{label} must be a number such as 0.01 or 1e-3, "
                                                          "got {value!r}"), label=tr_noop("learning rate"),
                                            value=text)]

    def values(self) -> tuple[ModelSpec, TrainConfig, list[SpecError]]:
        """The spec and config the form describes, and every problem with them (empty when usable)."""
        lr, problems = self._parse_lr()
        spec = ModelSpec(cell=self.cell.currentData(), input_size=self._input_size,
                         hidden_size=self.hidden_size.value(), num_layers=self.num_layers.value(),
                         bidirectional=self.bidirectional.isChecked(), dropout=round(self.dropout.value(), 4),
                         nonlinearity=self.nonlinearity.currentData() if self.cell.currentData() == "rnn" else "tanh",
                         output_size=self._output_size, head=self._head,
                         architecture=self.architecture.currentData(), latent_size=self.latent_size.value(),
                         activation=self.activation.currentData())
        config = TrainConfig(optimizer=self.optimizer.currentData(), lr=lr if not problems else 0.01,
                             batch_size=self.batch_size.value(), epochs=self.epochs.value(),
                             schedule=self.schedule.currentData(), weight_decay=round(self.weight_decay.value(), 6),
                             clip_norm=round(self.clip_norm.value(), 4),
                             label_smoothing=round(self.label_smoothing.value(), 4),
                             shift_px=self.shift_px.value(), evals_per_epoch=self.evals_per_epoch.value(),
                             noise_std=round(self.noise_std.value(), 4),
                             seed=self.seed.value(), device=self.device.currentData(),
                             data_root=self.data_root.text(), download=self.download.isChecked(),
                             sequence_length=self.sequence_length.value(), carry_hidden=self.carry_hidden.isChecked(),
                             horizon=self.horizon.value(), csv_path=self.csv_path.text(),
                             csv_column=self.csv_column.currentData() or "",
                             race_lrs=self.race_lrs.text())
        if self._csv_problem and not self.rows["csv_column"].isHidden():
            problems.append(SpecError("csv_column", "{message}", message=self._csv_problem))
        return spec, config, problems + spec.problems() + config.problems()

    def set_devices(self, devices: list[tuple[str, str]]) -> None:
        """Offer these (value, label) devices besides the CPU, e.g. [("cuda", "CUDA: NVIDIA H100")]."""
        for value, label in devices:
            if self.device.findData(value) < 0:
                self.device.addItem(label, value)

    def set_epochs(self, epochs: int) -> None:
        self.epochs.setValue(epochs)

    # --- reacting ------------------------------------------------------------------------------------
    @Slot()
    def _on_edited(self) -> None:
        if self._loading:
            return
        for editor in (self.cell, self.hidden_size, self.num_layers, self.bidirectional, self.activation):
            editor.setEnabled(True)
        self.nonlinearity.setEnabled(self.cell.currentData() == "rnn")
        self.dropout.setEnabled(self.num_layers.value() > 1 or self.dropout.value() > 0)
        if not self.rows["architecture"].isHidden():
            # Only the parts of the form that the chosen architecture uses stay editable.
            recurrent = self.architecture.currentData() == "recurrent"
            for editor in (self.cell, self.hidden_size, self.num_layers, self.bidirectional):
                editor.setEnabled(recurrent)
            self.dropout.setEnabled(recurrent and self.dropout.isEnabled())
            self.nonlinearity.setEnabled(recurrent and self.cell.currentData() == "rnn")
            self.activation.setEnabled(not recurrent)
        spec, _config, problems = self.values()
        by_field: dict[str, str] = {}
        for problem in problems:
            by_field.setdefault(problem.field, translate_error(problem))
        by_field.setdefault("csv_column", self._csv_problem)   # the file's, found when it was described
        for key, row in self.rows.items():
            row.set_error(by_field.get(key, ""))
        spec_ok = not any(problem.field in ModelSpec.__dataclass_fields__ for problem in problems)
        counter = self.parameter_counter or (lambda chosen: chosen.parameter_count())
        self.parameter_count.setText(f"{counter(spec):,}" if spec_ok else "—")
        self.changed.emit()

    @Slot()
    def _on_choose_data(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder holding MNIST/raw"),
                                                  self.data_root.text() or str(Path.home()))
        if folder:
            self.set_data_root(folder)

    def set_data_root(self, folder: str) -> str:
        """Use MNIST from ``folder``; if its files are missing (and no download is asked for), keep the
        embedded set and return the reason, which is also shown beside the field."""
        try:
            find_idx_files(folder)
        except DataError as error:
            if not self.download.isChecked():
                self.data_root.setText("")
                self._on_edited()
                message = translate_error(error)
                self.rows["data_root"].set_error(message)
                return message
        self.data_root.setText(folder)
        self._on_edited()
        return ""

    def set_visible_fields(self, fields: tuple[str, ...] | None) -> None:
        """Show only the rows a lesson uses (None: all); groups left empty hide too."""
        for key, row in self.rows.items():
            visible = fields is None or key in fields
            row.setVisible(visible)
            label = row.parentWidget().layout().labelForField(row)
            if label is not None:
                label.setVisible(visible)
        for group in (self.network_group, self.sequence_group, self.data_group):
            group.setVisible(any(row.isVisibleTo(group) for key, row in self.rows.items()
                                 if group.isAncestorOf(row)))

    @Slot()
    def _on_choose_csv(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("A time series (CSV)"), str(Path.home()),
                                              self.tr("CSV files (*.csv *.txt);;All files (*)"))
        if path:
            self.set_csv_path(path)

    def set_csv_path(self, path: str, column: str = "") -> str:
        """Use the series in ``path`` (``column`` as the CLI's --column; "" = automatic); if the file cannot
        be read, keep the current series and return why (also shown beside the field)."""
        try:
            read_series_csv(path, column)
        except DataError as error:
            message = translate_error(error)
            self._on_edited()
            self.rows["csv_path"].set_error(message)
            return message
        self.csv_path.setText(path)
        self._show_csv_columns(path, column)
        self._on_edited()
        return ""

    def _show_csv_columns(self, path: str, column: str) -> None:
        """Offer the file's numeric columns (and row-by-row reading of a wide table) and say what is used."""
        columns: tuple[str, ...] = ()
        if path:
            try:
                columns = read_series_csv(path).numeric_columns
            except DataError:
                columns = ()
        self._fill_csv_columns(columns, column)
        self._describe_csv()

    def _fill_csv_columns(self, columns: tuple[str, ...], chosen: str = "") -> None:
        self.csv_column.blockSignals(True)
        self.csv_column.clear()
        self.csv_column.addItem(self.tr("automatic: the last numeric column"), "")
        for name in columns:
            self.csv_column.addItem(name, name)
        if len(columns) >= 3:
            self.csv_column.addItem(self.tr("all value columns, row by row (a wide table)"), ROW_BY_ROW)
        if chosen and self.csv_column.findData(chosen) < 0:
            self.csv_column.addItem(chosen, chosen)      # e.g. a column number given to the CLI
        self.csv_column.setCurrentIndex(max(0, self.csv_column.findData(chosen)))
        self.csv_column.setEnabled(bool(columns))
        self.csv_column.blockSignals(False)

    def _describe_csv(self) -> None:
        path, column = self.csv_path.text(), self.csv_column.currentData() or ""
        self._csv_problem = ""
        if not path:
            self.csv_note.setText(self.tr("The built-in series has one column."))
            return
        try:
            series = read_series_csv(path, column)
        except DataError as error:
            self.csv_note.setText("")
            self._csv_problem = translate_error(error)
            self.rows["csv_column"].set_error(self._csv_problem)
            return
        text = self.tr("Using column {column!r}: {count:,} values").format(column=series.column,
                                                                         count=len(series.values))
        if series.filled_missing:
            text += self.tr(", {filled:,} missing filled by linear interpolation").format(filled=series.filled_missing)
        self.csv_note.setText(text)

    @Slot()
    def _on_csv_column_chosen(self) -> None:
        self._on_edited()
        self._describe_csv()

    @Slot()
    def _on_use_built_in(self) -> None:
        self.csv_path.setText("")
        self._show_csv_columns("", "")
        self._on_edited()

    @Slot()
    def _on_use_embedded(self) -> None:
        self.data_root.setText("")
        self._on_edited()
