"""The Thread Lab window: layout and wiring only; each part lives in its own module."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from thread_lab import __version__
from thread_lab.engine import ConfigError, Run, RunConfig, RunError
from thread_lab.gui.bridge import RunBridge
from thread_lab.gui.code_view import CodeView
from thread_lab.gui.console import Console
from thread_lab.gui.controls import Controls
from thread_lab.gui.counter_plot import CounterPlot
from thread_lab.gui.file_preview import FilePreview
from thread_lab.gui.summary import Summary
from thread_lab.gui.timeline import Timeline

FRAME_MS = 16  # one refresh per 60 Hz frame, however many threads run


class MainWindow(QMainWindow):
    """Controls on the left, the live plot and timeline in the middle, code and output right."""

    runFinished = Signal(object)  # RunResult, after every view has shown it

    def __init__(self, config: RunConfig | None = None) -> None:
        super().__init__()
        self.setWindowTitle(f"Thread Lab {__version__}")
        self.run: Run | None = None
        self._bridge: RunBridge | None = None
        self._cursor = 0
        self.last_result = None

        self.controls = Controls()
        self.summary = Summary()
        self.plot = CounterPlot()
        self.timeline = Timeline()
        self.code = CodeView()
        self.console = Console()
        self.file_preview = FilePreview()
        self.views = (self.summary, self.plot, self.timeline, self.code, self.console,
                      self.file_preview)

        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner.hide()

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.controls)
        left_layout.addWidget(self.summary, 1)
        left_scroll = QScrollArea()
        left_scroll.setWidget(left)
        left_scroll.setWidgetResizable(True)
        left_scroll.setMinimumWidth(left.sizeHint().width() + 24)
        left_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        middle = QSplitter(Qt.Orientation.Vertical)
        middle.addWidget(self.plot)
        middle.addWidget(self.timeline)
        middle.setSizes([560, 440])

        self.tabs = QTabWidget()
        self.tabs.addTab(self.code, "&Code")
        self.tabs.addTab(self.console, "C&onsole")
        self.tabs.addTab(self.file_preview, "Shared &file")

        # Explicit minimums: the panes' own wishes add up to more than a 1920-pixel
        # projector, and the window must never be wider than the screen.
        middle.setMinimumWidth(480)
        self.tabs.setMinimumWidth(420)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left_scroll)
        split.addWidget(middle)
        split.addWidget(self.tabs)
        split.setStretchFactor(1, 3)
        split.setStretchFactor(2, 2)
        split.setSizes([470, 800, 650])

        # Each lab is a page; the race lab (the tutorial) is the first. Later labs add
        # themselves with add_lab().
        self.labs = QTabWidget()
        self.labs.setObjectName("labs")
        self.labs.setDocumentMode(True)
        self.labs.addTab(split, "Threads && races")
        self.labs.tabBar().setVisible(False)  # shown once there is more than one lab

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.banner)
        layout.addWidget(self.labs, 1)
        self.setCentralWidget(central)
        self._make_menus()

        self._timer = QTimer(self)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self._tick)

        self.controls.startRequested.connect(self.start)
        self.controls.stopRequested.connect(self.stop)
        self.controls.resetRequested.connect(self.reset)
        self.controls.lockToggled.connect(self._lock_toggled)
        if config is not None:
            self.controls.set_config(config)
        self.controls.experiment.currentIndexChanged.connect(self._show_idle)
        self.controls.plain.toggled.connect(self._show_idle)
        self._show_idle()
        self.statusBar().showMessage("Choose an experiment and press Start.")

    # -- actions ------------------------------------------------------------------------

    @Slot()
    def start(self) -> bool:
        """Start a run with the settings shown; False (with a message) if it cannot start."""
        if self.is_running():
            return False
        self.hide_banner()
        try:
            config = self.controls.config()
            bridge = RunBridge(self)
            bridge.runFinished.connect(self._finished)
            bridge.workerFailed.connect(self._worker_failed)
            run = Run(config, bridge)
            run.start()
        except (ConfigError, RunError) as exc:
            self.show_error(str(exc))
            return False
        self.run, self._bridge, self._cursor = run, bridge, 0
        for view in self.views:
            view.begin(run)
        self.controls.set_running(True)
        self.tabs.setCurrentWidget(self.file_preview if config.experiment == "file" else self.code)
        self.statusBar().showMessage(f"Running {config.threads} threads…")
        self._timer.start()
        return True

    @Slot()
    def stop(self) -> None:
        """Ask every thread to end now; the display goes idle when all are joined."""
        if self.is_running():
            self.run.stop()
            # Pause the refresh while the threads wind down: with hundreds of them, every
            # frame drawn now would compete with them for the GIL and delay their end.
            self._timer.stop()
            self.statusBar().showMessage("Stopping: waking every thread…")

    @Slot()
    def reset(self) -> None:
        """Stop any run, restore the experiment's default settings and clear the display."""
        self.stop_and_join()
        experiment = self.controls.config().experiment
        self.controls.set_config(RunConfig.for_experiment(experiment))
        self.hide_banner()
        self.run = None
        self._show_idle()
        self.statusBar().showMessage("Reset. Press Start.")

    def is_running(self) -> bool:
        """True while a run has threads that have not been joined."""
        return self.run is not None and self.run.result is None

    def stop_and_join(self, timeout: float = 5.0) -> bool:
        """Stop the run and wait for every thread; True when none is left."""
        if self.run is None:
            return True
        self.run.stop()
        joined = self.run.join(timeout)
        if self.run.result is not None:
            self._finished(self.run.result)  # don't wait for the queued signal
        return joined

    def show_error(self, message: str) -> None:
        """Show a problem where nobody can miss it: a banner and the status bar."""
        self.banner.setText(f"⚠  {message}")
        self.banner.show()
        self.statusBar().showMessage(message)

    def hide_banner(self) -> None:
        """Remove the error banner."""
        self.banner.hide()
        self.banner.clear()

    # -- what the run reports -----------------------------------------------------------

    @Slot()
    def _tick(self) -> None:
        if self.run is None:
            return
        snap = self.run.snapshot(self._cursor)
        self._cursor = snap.cursor
        for view in self.views:
            view.show_snapshot(snap)

    @Slot(str, str)
    def _worker_failed(self, thread: str, message: str) -> None:
        if self.sender() is self._bridge:
            self.show_error(message)

    @Slot(object)
    def _finished(self, result) -> None:
        if self.run is None or result is not self.run.result or self.last_result is result:
            return  # a run that was reset, or already shown
        self.run.join()  # its driver thread is ending right now
        self._timer.stop()
        self._tick()  # the last events and numbers
        for view in self.views:
            view.finish(result)
        self.controls.set_running(False)
        self.last_result = result
        if result.status == "failed":
            self.show_error(result.errors[0] if result.errors else "The run failed.")
        self.statusBar().showMessage(
            f"{result.status.capitalize()} in {result.elapsed_s:.2f} s. {result.sentence()}"
        )
        self.runFinished.emit(result)

    @Slot(bool)
    def _lock_toggled(self, on: bool) -> None:
        if self.is_running():
            self.run.set_lock(on)
            self.statusBar().showMessage(f"Lock switched {'on' if on else 'off'} mid-run.")
        else:
            self.code.begin(Run(self.controls.config()))  # mark the lock lines, keep results

    def add_lab(self, page: QWidget, title: str) -> int:
        """Add a lab page beside the race lab; returns its index.

        A page with a `stop_and_join(timeout)` method has it called when the window closes,
        so its threads end with the window like the race lab's.
        """
        index = self.labs.addTab(page, title)
        self.labs.tabBar().setVisible(self.labs.count() > 1)
        return index

    @Slot()
    def _show_idle(self) -> None:
        """Between runs: clear the views and show the code of the experiment chosen."""
        if self.is_running():
            return
        try:
            idle = Run(self.controls.config())  # never started: its threads don't exist
        except ConfigError:
            return
        for view in self.views:
            view.begin(idle)
        self.summary.clear()

    # -- window -------------------------------------------------------------------------

    def _make_menus(self) -> None:
        run_menu = self.menuBar().addMenu("&Run")
        for text, keys, slot in [
            ("&Start", QKeySequence("Ctrl+R"), self.start),
            ("Sto&p", QKeySequence("Ctrl+."), self.stop),
            ("&Reset", QKeySequence("Ctrl+Shift+R"), self.reset),
            ("&Quit", QKeySequence.StandardKey.Quit, self.close),
        ]:
            action = QAction(text, self)
            action.setShortcut(keys)
            action.triggered.connect(slot)
            run_menu.addAction(action)
            self.addAction(action)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        """Closing mid-run stops and joins every thread before the window goes."""
        self.stop_and_join()
        for i in range(1, self.labs.count()):
            page = self.labs.widget(i)
            if hasattr(page, "stop_and_join"):
                page.stop_and_join(5.0)
        self._timer.stop()
        super().closeEvent(event)
