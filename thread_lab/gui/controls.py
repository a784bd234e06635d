"""The control panel: what to run, and Start / Stop / Reset."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from thread_lab.engine.config import (
    EXPERIMENT_DEFAULTS,
    MAX_ITERATIONS,
    MAX_SLEEP_S,
    MAX_THREADS,
    RunConfig,
)

EXPERIMENT_NAMES = {  # English source texts, shown translated
    "counter": QT_TRANSLATE_NOOP("Controls", "Shared counter"),
    "file": QT_TRANSLATE_NOOP("Controls", "Shared file"),
    "sleep": QT_TRANSLATE_NOOP("Controls", "Sleeping threads"),
}
translate = QCoreApplication.translate


class Controls(QWidget):
    """Experiment settings and the run buttons; the lock switch stays live during a run."""

    startRequested = Signal()
    stopRequested = Signal()
    resetRequested = Signal()
    lockToggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.experiment = QComboBox()
        for key, name in EXPERIMENT_NAMES.items():
            self.experiment.addItem(translate("Controls", name), key)
        self.threads = QSpinBox()
        self.threads.setRange(1, MAX_THREADS)
        self.sleep = QDoubleSpinBox()
        self.sleep.setRange(0.0, MAX_SLEEP_S)
        self.sleep.setDecimals(3)
        self.sleep.setSingleStep(0.001)
        self.sleep.setSuffix(" s")
        self.iterations = QSpinBox()
        self.iterations.setRange(1, MAX_ITERATIONS)
        self.iterations.setGroupSeparatorShown(True)
        self.lock = QPushButton()
        self.lock.setCheckable(True)
        self.lock.setObjectName("lockSwitch")
        self.lock.setMinimumHeight(52)
        self.lock.toggled.connect(self._label_lock)
        self.lock_kind = QComboBox()
        self.lock_kind.addItem("Lock", "lock")
        self.lock_kind.addItem("RLock", "rlock")
        self.mode = QComboBox()
        self.mode.addItem(translate("Controls", "in threads"), "threaded")
        self.mode.addItem(translate("Controls", "one after another"), "sequential")
        self.join = QCheckBox(translate("Controls", "main waits with join()"))
        self.plain = QCheckBox(translate("Controls", "bare counter += 1 (no pause)"))

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.addRow(translate("Controls", "&Experiment"), self.experiment)
        form.addRow(translate("Controls", "&Threads"), self.threads)
        form.addRow(translate("Controls", "S&leep"), self.sleep)
        form.addRow(translate("Controls", "&Iterations"), self.iterations)
        form.addRow(translate("Controls", "Mode"), self.mode)
        form.addRow("", self.join)
        form.addRow("", self.plain)
        settings = QGroupBox(translate("Controls", "Experiment"))
        settings.setLayout(form)

        lock_row = QVBoxLayout()
        lock_row.addWidget(self.lock)
        kind_row = QHBoxLayout()
        kind_row.addWidget(QLabel(translate("Controls", "Kind")))
        kind_row.addWidget(self.lock_kind, 1)
        lock_row.addLayout(kind_row)
        lock_box = QGroupBox(translate("Controls", "Lock (live: flip it mid-run)"))
        lock_box.setLayout(lock_row)

        self.start_button = QPushButton(translate("Controls", "▶  &Start"))
        self.start_button.setObjectName("startButton")
        self.stop_button = QPushButton(translate("Controls", "■  Sto&p"))
        self.stop_button.setObjectName("stopButton")
        self.reset_button = QPushButton(translate("Controls", "Rese&t"))

        # What a screen reader says for each control.
        for widget, name in [
            (self.experiment, translate("Controls", "Experiment")),
            (self.threads, translate("Controls", "Number of threads")),
            (self.sleep, translate("Controls", "Sleep duration in seconds")),
            (self.iterations, translate("Controls", "Iterations per thread")),
            (self.lock, translate("Controls", "Lock switch")),
            (self.lock_kind, translate("Controls", "Kind of lock")),
            (self.mode, translate("Controls", "Sequential or threaded")),
            (self.join, translate("Controls", "Join")),
            (self.plain, translate("Controls", "Bare increment")),
            (self.start_button, translate("Controls", "Start")),
            (self.stop_button, translate("Controls", "Stop")),
            (self.reset_button, translate("Controls", "Reset")),
        ]:
            widget.setAccessibleName(name)
        buttons = QHBoxLayout()
        for button in (self.start_button, self.stop_button, self.reset_button):
            button.setMinimumHeight(44)
            buttons.addWidget(button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(settings)
        layout.addWidget(lock_box)
        layout.addLayout(buttons)

        self.start_button.clicked.connect(self.startRequested)
        self.stop_button.clicked.connect(self.stopRequested)
        self.reset_button.clicked.connect(self.resetRequested)
        self.lock.toggled.connect(self.lockToggled)
        self.experiment.currentIndexChanged.connect(self._experiment_changed)
        self.set_config(RunConfig())
        self._label_lock(self.lock.isChecked())
        self.set_running(False)

    def set_config(self, config: RunConfig) -> None:
        """Show these settings in the controls."""
        self.experiment.blockSignals(True)
        self.experiment.setCurrentIndex(self.experiment.findData(config.experiment))
        self.experiment.blockSignals(False)
        self.threads.setValue(config.threads)
        self.sleep.setValue(config.sleep)
        self.iterations.setValue(config.iterations)
        self.lock.setChecked(config.lock)
        self.lock_kind.setCurrentIndex(self.lock_kind.findData(config.lock_kind))
        self.mode.setCurrentIndex(self.mode.findData(config.mode))
        self.join.setChecked(config.join)
        self.plain.setChecked(config.plain)
        self._directory = config.directory
        self._show_relevant()

    def config(self) -> RunConfig:
        """The settings shown, as validated run settings (the widgets' ranges match)."""
        return RunConfig(
            experiment=self.experiment.currentData(),
            threads=self.threads.value(),
            sleep=round(self.sleep.value(), 3),
            iterations=self.iterations.value(),
            lock=self.lock.isChecked(),
            lock_kind=self.lock_kind.currentData(),
            mode=self.mode.currentData(),
            join=self.join.isChecked(),
            plain=self.plain.isChecked(),
            directory=self._directory,
        )

    def set_running(self, running: bool) -> None:
        """Disable what cannot change mid-run; the lock switch and Stop stay live."""
        for widget in (self.experiment, self.threads, self.sleep, self.iterations,
                       self.lock_kind, self.mode, self.join, self.plain, self.start_button):
            widget.setEnabled(not running)
        self.stop_button.setEnabled(running)
        if not running:
            self._show_relevant()

    def _label_lock(self, on: bool) -> None:
        """Say what the lock does now, in words, not just with colour."""
        self.lock.setText(translate("Controls", "Lock ON: one at a time") if on
                          else translate("Controls", "Lock OFF: threads race"))

    def _experiment_changed(self) -> None:
        experiment = self.experiment.currentData()
        defaults = EXPERIMENT_DEFAULTS[experiment]
        self.threads.setValue(defaults["threads"])
        self.sleep.setValue(defaults["sleep"])
        self.iterations.setValue(defaults["iterations"])
        self._show_relevant()

    def _show_relevant(self) -> None:
        """Grey out the settings that do nothing for the chosen experiment."""
        experiment = self.experiment.currentData()
        self.iterations.setEnabled(experiment != "sleep")
        self.mode.setEnabled(experiment == "sleep")
        self.plain.setEnabled(experiment == "counter")
