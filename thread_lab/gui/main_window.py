"""The Thread Lab window: layout and wiring only; each part lives in its own module."""

from __future__ import annotations

import contextlib
import time

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QGraphicsView,
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
from thread_lab.gui.classroom import Classroom
from thread_lab.gui.i18n import result_sentence
from thread_lab.gui.code_view import CodeView
from thread_lab.gui.console import Console
from thread_lab.gui.controls import Controls
from thread_lab.gui.file_preview import FilePreview
from thread_lab.gui.firewall import LayoutFirewall
from thread_lab.gui.labs import beyond_labs
from thread_lab.gui.lazy import LazyPage
from thread_lab.gui.presentation import built_at
from thread_lab.gui.summary import Summary

FRAME_MS = 16  # one refresh per 60 Hz frame while the threads leave the interpreter idle
# Watching must not slow the threads down much, nor busy threads freeze the window. A frame
# takes about 10 ms of the GIL at 1920×1080. So while the threads are busy (they used more
# than BUSY_SHARE of a CPU since the last frame), or the window was crowded out (updating
# the views took CROWDED_RATIO times their CPU time: the rest was spent waiting for the GIL),
# the window draws each frame in one turn (Run.window_turn: threads reaching a pause wait
# for it) and draws only as often as keeps those turns under TURN_SHARE of the time.
# Measured in tests/benchmarks (README, "Benchmarks").
BUSY_SHARE = 0.15
CROWDED_RATIO = 2.0
TURN_SHARE = 0.05
SLOWEST_MS = 250  # however busy the threads, the views refresh at least 4 times a second
# The window's heartbeat (Run.window_alive): every HEARTBEAT_MS it tells the run it is back
# for ALIVE_S; if it misses that (crowded out of the GIL by the threads), threads reaching a
# pause wait for it. So a click never waits long behind 1000 busy threads.
HEARTBEAT_MS = 20
ALIVE_S = 0.05
translate = QCoreApplication.translate


# Built after the first paint (the plots: they import pyqtgraph) or when first shown (the step
# lab), so the window appears sooner: see gui/lazy.py. Plain imports inside functions, so
# PyInstaller finds them.
def _counter_plot() -> QWidget:
    from thread_lab.gui.counter_plot import CounterPlot

    return CounterPlot()


def _timeline() -> QWidget:
    from thread_lab.gui.timeline import Timeline

    return Timeline()


def _step_lab() -> QWidget:
    from thread_lab.gui.step_lab import StepLab

    return StepLab()


class MainWindow(QMainWindow):
    """Controls on the left, the live plot and timeline in the middle, code and output right."""

    runFinished = Signal(object)  # RunResult, after every view has shown it
    panesBuilt = Signal()  # the plot and the timeline exist (just after the first paint)

    def __init__(self, config: RunConfig | None = None) -> None:
        super().__init__()
        self.setWindowTitle(f"Thread Lab {__version__}")
        self.run: Run | None = None
        self._bridge: RunBridge | None = None
        self._cursor = 0
        self.last_result = None

        self.controls = Controls()
        self.summary = Summary()
        # The plot and the timeline are built just after the window's first paint (see
        # build_panes); `self.plot` and `self.timeline` build them at once if asked before.
        self._plot_slot = LazyPage(_counter_plot, "CounterPlot", on_show=False)
        self._timeline_slot = LazyPage(_timeline, "Timeline", on_show=False)
        self._scenes: list = []  # the live plots' scenes, painted inside each refresh
        for slot in (self._plot_slot, self._timeline_slot):
            slot.builder = self._built_at_look
            slot.built_now.connect(self._pane_built)
        self.installEventFilter(self)  # builds them after the first paint: see eventFilter
        self.code = CodeView()
        self.console = Console()
        self.file_preview = FilePreview()

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
        # Each live pane sits in a LayoutFirewall: its labels change on every refresh, and
        # without one each change re-laid out and repainted the whole window.
        middle.addWidget(LayoutFirewall(self._plot_slot))
        middle.addWidget(LayoutFirewall(self._timeline_slot))
        middle.setSizes([560, 440])

        self.tabs = QTabWidget()
        self.tabs.addTab(self.code, translate("MainWindow", "&Code"))
        self.tabs.addTab(self.console, translate("MainWindow", "C&onsole"))
        self.tabs.addTab(self.file_preview, translate("MainWindow", "Shared &file"))

        # Explicit minimums: the panes' own wishes add up to more than a 1920-pixel
        # projector, and the window must never be wider than the screen.
        middle.setMinimumWidth(480)
        self.tabs.setMinimumWidth(420)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left_scroll)
        split.addWidget(middle)
        split.addWidget(LayoutFirewall(self.tabs))
        # The code pane gets as much room as the plots: its lines are up to 64 columns.
        split.setStretchFactor(1, 1)
        split.setStretchFactor(2, 1)
        split.setSizes([470, 700, 750])

        # Each lab is a page; the race lab (the tutorial) is the first. Later labs add
        # themselves with add_lab().
        self.labs = QTabWidget()
        self.labs.setObjectName("labs")
        self.labs.setDocumentMode(True)
        self.labs.addTab(split, translate("MainWindow", "Threads && races"))
        self.labs.tabBar().setVisible(False)  # shown once there is more than one lab
        self.add_lab(LazyPage(_step_lab, "StepLab"), "Be the scheduler")
        # Beyond the tutorial: the GIL, deadlocks and RLock, pools and asyncio, queues.
        for title, page in beyond_labs():
            self.add_lab(page, title)

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
        self._busy = False  # the threads need the interpreter: see BUSY_SHARE
        self._heartbeat = QTimer(self)
        self._heartbeat.setInterval(HEARTBEAT_MS)
        self._heartbeat.timeout.connect(self._beat)
        self._last_tick: tuple[float, float] | None = None  # wall, others' CPU

        self.controls.startRequested.connect(self.start)
        self.controls.stopRequested.connect(self.stop)
        self.controls.resetRequested.connect(self.reset)
        self.controls.lockToggled.connect(self._lock_toggled)
        if config is not None:
            self.controls.set_config(config)
        self.controls.experiment.currentIndexChanged.connect(self._show_idle)
        self.controls.plain.toggled.connect(self._show_idle)
        self._show_idle()
        self.statusBar().showMessage(translate("MainWindow", "Choose an experiment and press Start."))
        # Lessons, presentation mode, zoom, theme, language, shortcuts, exports, settings.
        self.classroom = Classroom(self)

    # -- the panes ----------------------------------------------------------------------

    @property
    def plot(self):
        """The counter plot (CounterPlot), built now if it was not yet."""
        return self._plot_slot.page

    @property
    def timeline(self):
        """The timeline (Timeline), built now if it was not yet."""
        return self._timeline_slot.page

    @property
    def views(self) -> tuple:
        """Every pane that shows the run, all built."""
        return (self.summary, self.plot, self.timeline, self.code, self.console, self.file_preview)

    def panes_built(self) -> bool:
        """True once the plot and the timeline exist."""
        return self._plot_slot.built and self._timeline_slot.built

    @Slot()
    def build_panes(self) -> None:
        """Build the plot and the timeline now (the window does it just after its first paint)."""
        self.plot  # noqa: B018 - builds it
        self.timeline  # noqa: B018 - builds it

    def _views_built(self) -> list:
        """The panes that show the run and exist now (never builds one)."""
        panes = (self.summary, self._plot_slot.page_if_built, self._timeline_slot.page_if_built,
                 self.code, self.console, self.file_preview)
        return [view for view in panes if view is not None]

    def _built_at_look(self, factory) -> QWidget:
        """A pane built now, drawn at the zoom and in the mode the window is in."""
        classroom = getattr(self, "classroom", None)
        return factory() if classroom is None else built_at(classroom.look, factory)

    @Slot(QWidget)
    def _pane_built(self, pane: QWidget) -> None:
        self._scenes.extend(view.scene() for view in pane.findChildren(QGraphicsView))
        if not self.is_running():  # a run's start() shows it on every pane itself
            idle = self._idle_run()
            if idle is not None:
                pane.begin(idle)
        classroom = getattr(self, "classroom", None)
        if classroom is not None:
            classroom.pane_built(pane)
        if self.panes_built():
            self.panesBuilt.emit()

    def eventFilter(self, obj, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """After the first paint, build the plots: the window shows itself ~0.4 s sooner.

        A filter that removes itself, not an override of event(): that would call into
        Python, and wait for the GIL behind the run's threads, for every event of the window.
        """
        if obj is self and event.type() == QEvent.Type.Paint:
            self.removeEventFilter(self)
            QTimer.singleShot(0, self, self.build_panes)  # once this frame is on the screen
        return False

    # -- actions ------------------------------------------------------------------------

    @Slot()
    def start(self) -> bool:
        """Start a run with the settings shown; False (with a message) if it cannot start."""
        if self.is_running():
            return False
        self.hide_banner()
        bridge = None
        try:
            config = self.controls.config()
            bridge = RunBridge(self)
            bridge.runFinished.connect(self._finished)
            bridge.workerFailed.connect(self._worker_failed)
            run = Run(config, bridge)
            run.start()
        except (ConfigError, RunError) as exc:
            if bridge is not None:
                bridge.deleteLater()
            self.show_error(str(exc))
            return False
        if self._bridge is not None:
            # The last run's threads are all joined, so its bridge has nothing left to
            # carry: without this, every run left one behind (found by test_window_abuse).
            self._bridge.deleteLater()
        self.run, self._bridge, self._cursor = run, bridge, 0
        run.window_alive(ALIVE_S)
        self._heartbeat.start()
        for view in self.views:
            view.begin(run)
        self.controls.set_running(True)
        self.tabs.setCurrentWidget(self.file_preview if config.experiment == "file" else self.code)
        self.statusBar().showMessage(translate("MainWindow", "Running {n} threads…").format(n=config.threads))
        # The first tick then already knows how busy the threads were since the start.
        self._busy = False
        self._last_tick = (time.perf_counter(), time.process_time() - time.thread_time())
        self._timer.start(FRAME_MS)
        return True

    @Slot()
    def stop(self) -> None:
        """Ask every thread to end now; the display goes idle when all are joined."""
        if self.is_running():
            self.run.stop()
            self._heartbeat.stop()
            # Pause the refresh while the threads wind down: with hundreds of them, every
            # frame drawn now would compete with them for the GIL and delay their end.
            self._timer.stop()
            self.statusBar().showMessage(translate("MainWindow", "Stopping: waking every thread…"))

    @Slot()
    def reset(self) -> None:
        """Stop any run, restore the experiment's default settings and clear the display."""
        self.stop_and_join()
        experiment = self.controls.config().experiment
        self.controls.set_config(RunConfig.for_experiment(experiment))
        self.hide_banner()
        self.run = None
        self._show_idle()
        self.statusBar().showMessage(translate("MainWindow", "Reset. Press Start."))

    def show_config(self, config: RunConfig) -> None:
        """Between runs: show these settings in the controls and the views (the code, the plot)."""
        if self.is_running():
            return
        self.controls.set_config(config)
        self._show_idle()

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
        run = self.run
        if run is None:
            return
        start, cpu, all_cpu = time.perf_counter(), time.thread_time(), time.process_time()
        live = run.result is None
        if live:
            run.window_alive(ALIVE_S)
        self._busy = live and self._threads_busy(start, all_cpu - cpu)
        with contextlib.ExitStack() as turn:
            if self._busy:
                turn.enter_context(run.window_turn())
            snap = run.snapshot(self._cursor)
            self._cursor = snap.cursor
            for view in self.views:
                view.show_snapshot(snap)
            if live and not self._busy and _waited(start, cpu):
                self._busy = True  # crowded out already: take the turn for this paint
                turn.enter_context(run.window_turn())
            self._draw_now()
        if self._timer.isActive():
            self._pace(time.perf_counter() - start if self._busy else None)

    def _threads_busy(self, now: float, others_cpu: float) -> bool:
        """True if the other threads used more than BUSY_SHARE of a CPU since the last tick."""
        last, self._last_tick = self._last_tick, (now, others_cpu)
        if last is None or now <= last[0]:
            return self._busy
        return (others_cpu - last[1]) / (now - last[0]) > BUSY_SHARE

    def _draw_now(self) -> None:
        """Paint the refreshed views now, inside this refresh, not at the next loop pass.

        So that the window's turn covers the paint, the costliest part of a frame; and
        pyqtgraph, left to itself, applies a plot's new range during the paint and then
        paints a second time: preparing its scenes first saves that second paint.
        """
        for scene in self._scenes:
            prepare = getattr(scene, "prepareForPaint", None)  # pyqtgraph's own scenes
            if prepare is not None:
                prepare()
            QCoreApplication.sendPostedEvents(scene, QEvent.Type.MetaCall)  # its queued updates
        QCoreApplication.sendPostedEvents(self, QEvent.Type.UpdateRequest)  # the paint

    def _pace(self, turn: float | None) -> None:
        """Refresh every frame, or, after a turn of `turn` seconds, keep turns under TURN_SHARE."""
        interval = FRAME_MS
        if turn is not None:
            interval = int(min(SLOWEST_MS, max(FRAME_MS, turn * 1000 * (1 - TURN_SHARE) / TURN_SHARE)))
        if interval != self._timer.interval():
            self._timer.setInterval(interval)

    @Slot()
    def _beat(self) -> None:
        run = self.run
        if run is not None and run.result is None:
            run.window_alive(ALIVE_S)

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
        self._heartbeat.stop()
        self._tick()  # the last events and numbers
        for view in self.views:
            view.finish(result)
        self.controls.set_running(False)
        self.last_result = result
        if result.status == "failed":
            self.show_error(result.errors[0] if result.errors else translate("MainWindow", "The run failed."))
        ended = {"finished": translate("MainWindow", "Finished in {t} s."),
                 "stopped": translate("MainWindow", "Stopped after {t} s."),
                 "failed": translate("MainWindow", "Failed after {t} s.")}
        self.statusBar().showMessage(
            f"{ended.get(result.status, ended['finished']).format(t=f'{result.elapsed_s:.2f}')} "
            f"{result_sentence(result)}"
        )
        self.runFinished.emit(result)

    @Slot(bool)
    def _lock_toggled(self, on: bool) -> None:
        if self.is_running():
            self.run.set_lock(on)
            self.statusBar().showMessage(translate("MainWindow", "Lock switched on mid-run.") if on
                                         else translate("MainWindow", "Lock switched off mid-run."))
        else:
            self.code.begin(Run(self.controls.config()))  # mark the lock lines, keep results

    def add_lab(self, page: QWidget, title: str) -> int:
        """Add a lab page beside the race lab; returns its index.

        A page with a `stop_and_join(timeout)` method has it called when the window closes,
        so its threads end with the window like the race lab's.
        """
        if isinstance(page, LazyPage):
            page.builder = self._built_at_look
        index = self.labs.addTab(page, title)
        self.labs.tabBar().setVisible(self.labs.count() > 1)
        return index

    @Slot()
    def _show_idle(self) -> None:
        """Between runs: clear the views and show the code of the experiment chosen."""
        if self.is_running():
            return
        idle = self._idle_run()
        if idle is None:
            return
        for view in self._views_built():
            view.begin(idle)
        self.summary.clear()

    def _idle_run(self) -> Run | None:
        """A run of the settings shown, never started (its threads don't exist); None if invalid."""
        try:
            return Run(self.controls.config())
        except ConfigError:
            return None

    # -- window -------------------------------------------------------------------------

    def _make_menus(self) -> None:
        run_menu = self.menuBar().addMenu(translate("MainWindow", "&Run"))
        for text, keys, slot in [
            (translate("MainWindow", "&Start"), QKeySequence("Ctrl+R"), self.start),
            (translate("MainWindow", "Sto&p"), QKeySequence("Ctrl+."), self.stop),
            (translate("MainWindow", "&Reset"), QKeySequence("Ctrl+Shift+R"), self.reset),
            (translate("MainWindow", "&Quit"), QKeySequence.StandardKey.Quit, self.close),
        ]:
            action = QAction(text, self)
            action.setShortcut(keys)
            action.triggered.connect(slot)
            run_menu.addAction(action)
            self.addAction(action)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        """Closing mid-run stops and joins every thread before the window goes."""
        self.classroom.window_closing()
        self.stop_and_join()
        for i in range(1, self.labs.count()):
            page = self.labs.widget(i)
            if hasattr(page, "stop_and_join"):
                page.stop_and_join(5.0)
        self._timer.stop()
        self._heartbeat.stop()
        super().closeEvent(event)


def _waited(start: float, cpu: float) -> bool:
    """True if the time since `start` was CROWDED_RATIO times the CPU time used: it waited."""
    return time.perf_counter() - start > CROWDED_RATIO * (time.thread_time() - cpu) + 0.002
