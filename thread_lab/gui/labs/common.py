"""Pieces every "beyond the tutorial" lab page uses: the bridge, code panes, headings,
buttons, a row of thread states, and the page base class with Start / Stop / join.
"""

from __future__ import annotations

import inspect

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from thread_lab.engine.labs.cpu_io import CpuIoListener
from thread_lab.engine.shared import State
from thread_lab.gui import theme
from thread_lab.gui.code_view import CodeEdit

FRAME_MS = 33  # 30 redraws a second: plenty for states, bars and a queue size


class LabBridge(QObject):
    """A lab run's listener: called on the run's threads, it re-emits as Qt signals.

    It lives in the GUI thread, so the signals reach their slots there (queued): no widget is
    touched from a worker. Payloads are frozen dataclasses and strings.
    """

    finished = Signal(object)  # the lab's result
    workerFailed = Signal(str, str)  # thread name, one-line message
    measured = Signal(object)  # CPU/I-O lab: one bar is done


class Listener(CpuIoListener):
    """The engine-side listener a page hands to a run; forwards each call to the bridge.

    Why not the bridge itself: a QObject's signal attributes shadow methods of the same name
    (`finished`), so the engine's method names cannot be the bridge's signal names.
    """

    def __init__(self, bridge: LabBridge) -> None:
        self._bridge = bridge

    def worker_failed(self, thread: str, message: str) -> None:
        """A thread raised: forward."""
        self._bridge.workerFailed.emit(thread, message)

    def finished(self, result) -> None:
        """The run ended and was joined: forward."""
        self._bridge.finished.emit(result)

    def measured(self, measurement) -> None:
        """One bar measured: forward."""
        self._bridge.measured.emit(measurement)


def source_of(obj) -> str:
    """The real source of a lesson class or function, as the code pane shows it."""
    try:
        return inspect.getsource(obj)
    except (OSError, TypeError):  # a build without .py files
        return f"# The source of {obj.__name__} cannot be shown in this build."


def code_pane(*objects, lines: int | None = None, pt: int = theme.CODE_PT) -> CodeEdit:
    """A read-only, highlighted code editor showing the sources of `objects`, in order."""
    edit = CodeEdit()
    if pt != theme.CODE_PT:
        edit.setFont(theme.mono_font(pt))
    edit.setPlainText("\n\n".join(source_of(o).rstrip() for o in objects))
    if lines:
        edit.setMinimumHeight(lines * edit.fontMetrics().lineSpacing())
    return edit


def heading(text: str, pt: int = theme.TITLE_PT) -> QLabel:
    """A bold title line."""
    label = QLabel(text)
    label.setStyleSheet(theme.text_css(pt, bold=True))
    label.setWordWrap(True)
    return label


def note(text: str = "", *, pt: int = theme.FONT_PT, colour: str | None = None,
         bold: bool = False) -> QLabel:
    """A wrapped paragraph of plain text."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setStyleSheet(theme.text_css(pt, bold=bold, colour=colour))
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def switch(text: str, tip: str) -> QPushButton:
    """A big on/off button (the race lab's lock-switch look): dashed when off, solid when on."""
    button = QPushButton(text)
    button.setCheckable(True)
    button.setObjectName("lockSwitch")
    button.setToolTip(tip)
    button.setStyleSheet(f"font-size: {theme.FONT_PT}pt;")
    return button


class StateRow(QWidget):
    """One labelled square per thread, coloured and named by its state."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(10)
        self._cells: list[tuple[QLabel, QLabel, QLabel]] = []
        self.labels: dict[State, str] = dict(theme.STATE_LABELS)

    def set_threads(self, names: tuple[str, ...]) -> None:
        """One row per thread name."""
        while self._grid.count():
            item = self._grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self._cells = []
        for i, name in enumerate(names):
            swatch = QLabel()
            swatch.setFixedSize(26, 26)
            who = QLabel(name)
            who.setStyleSheet(theme.text_css(bold=True))
            what = QLabel("")
            what.setStyleSheet(theme.text_css())
            self._grid.addWidget(swatch, i, 0)
            self._grid.addWidget(who, i, 1)
            self._grid.addWidget(what, i, 2)
            self._cells.append((swatch, who, what))
        self._grid.setColumnStretch(2, 1)

    def show_states(self, states: tuple[State, ...], notes: tuple[str, ...] = ()) -> None:
        """Colour each square and say the state in words (plus an optional note)."""
        for i, (cell, state) in enumerate(zip(self._cells, states)):
            swatch, _, what = cell
            swatch.setStyleSheet(theme.swatch_style(theme.colour_for_state(state)))
            extra = notes[i] if i < len(notes) and notes[i] else ""
            what.setText(self.labels[State(state)] + (f": {extra}" if extra else ""))

    def texts(self) -> list[str]:
        """What each row says now (for tests and screen readers)."""
        return [f"{who.text()}: {what.text()}" for _, who, what in self._cells]


def hline() -> QFrame:
    """A thin horizontal rule between groups."""
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setStyleSheet(f"color: {theme.DONE_GREY};")
    return line


class LabPage(QWidget):
    """A lab page: Start and Stop buttons, one run at a time, polled by one timer.

    Subclasses make the run (`make_run`), show its snapshots (`show_snapshot`) and its
    result (`show_result`). Whatever happens, every run is stopped and joined: on Stop, on
    a restart, and when the window closes (`stop_and_join`).
    """

    runFinished = Signal(object)  # the result, after the page has shown it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.run = None
        self.last_result = None
        self._cursor = 0
        self._bridge: LabBridge | None = None
        self.start_button = QPushButton("Start")
        self.start_button.setObjectName("startButton")
        self.stop_button = QPushButton("Stop")
        self.stop_button.setObjectName("stopButton")
        self.stop_button.setEnabled(False)
        for b in (self.start_button, self.stop_button):
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.start_button.clicked.connect(self.start)
        self.stop_button.clicked.connect(self.stop)
        self.status = note("Press Start.", bold=True)
        self._timer = QTimer(self)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self._tick)

    def buttons(self) -> QWidget:
        """Start and Stop side by side."""
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.start_button)
        layout.addWidget(self.stop_button)
        return row

    # -- for subclasses -------------------------------------------------------------------

    def make_run(self, listener: Listener):
        """A new, unstarted run with the settings shown."""
        raise NotImplementedError

    def begin(self, run) -> None:
        """Prepare the views for `run` (just started)."""

    def show_snapshot(self, snap) -> None:
        """Show the run as it is now."""

    def show_result(self, result) -> None:
        """Show how the run ended."""

    def set_controls_enabled(self, enabled: bool) -> None:
        """Enable the settings between runs, disable them during one."""

    # -- actions ------------------------------------------------------------------------

    @Slot()
    def start(self) -> bool:
        """Start a run with the settings shown; False if one is running or it cannot start."""
        if self.is_running():
            return False
        bridge = LabBridge(self)
        bridge.finished.connect(self._finished)
        bridge.workerFailed.connect(self._failed)
        bridge.measured.connect(self._measured)
        try:
            run = self.make_run(Listener(bridge))
        except ValueError as exc:
            self.status.setText(f"⚠ {exc}")
            return False
        if self._bridge is not None:
            self.run.join()  # its last signal has been emitted once its thread has ended
            self._bridge.deleteLater()
        self.run, self._bridge, self._cursor, self.last_result = run, bridge, 0, None
        self.begin(run)
        run.start()
        self.start_button.setEnabled(False)
        self.stop_button.setEnabled(True)
        self.set_controls_enabled(False)
        self._timer.start()
        return True

    @Slot()
    def stop(self) -> None:
        """Ask the run to end now; the page shows the result once every thread is joined."""
        if self.is_running():
            self.run.stop()
            self.status.setText("Stopping…")

    def is_running(self) -> bool:
        """True while a run has threads that have not been joined."""
        return self.run is not None and self.run.result is None

    def stop_and_join(self, timeout: float = 5.0) -> bool:
        """Stop the run and wait for its threads; True when none is left."""
        if self.run is None:
            return True
        self.run.stop()
        joined = self.run.join(timeout)
        if self.run.result is not None:
            self._finished(self.run.result)  # don't wait for the queued signal
        return joined

    # -- what the run reports -----------------------------------------------------------

    @Slot()
    def _tick(self) -> None:
        if self.run is None:
            return
        snap = self.run.snapshot(self._cursor)
        self._cursor = snap.cursor if hasattr(snap, "cursor") else self._cursor
        self.show_snapshot(snap)

    @Slot(str, str)
    def _failed(self, thread: str, message: str) -> None:
        if self.sender() is self._bridge:
            self.status.setText(f"⚠ {message}")

    @Slot(object)
    def _measured(self, measurement) -> None:
        if self.sender() is self._bridge:
            self.show_measurement(measurement)

    def show_measurement(self, measurement) -> None:
        """CPU/I-O lab: one bar was measured."""

    @Slot(object)
    def _finished(self, result) -> None:
        if self.run is None or result is not self.run.result or self.last_result is result:
            return  # an older run's late signal, or already shown
        self.run.join()  # its driver thread is ending right now
        self._timer.stop()
        self._tick()  # the last events and numbers
        self.last_result = result
        self.show_result(result)
        self.start_button.setEnabled(True)
        self.stop_button.setEnabled(False)
        self.set_controls_enabled(True)
        self.runFinished.emit(result)
