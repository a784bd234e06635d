"""The Queues page: producers and consumers handing items over through a queue.Queue;
items made and used over time, the queue's size over time, each thread's state.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from thread_lab.engine import State
from thread_lab.engine.labs.queues import (
    HAS_SHUTDOWN,
    QueueConfig,
    QueueLab,
    QueueResult,
    QueueSnapshot,
)
from thread_lab.gui import theme
from thread_lab.gui.console import Console
from thread_lab.gui.labs.common import LabPage, StateRow, code_pane, heading, note
from thread_lab.gui.plotting import pg

WHY = (
    "queue.Queue does the locking for you: put() waits while the queue is full, get() waits "
    "while it is empty, and every item goes to exactly one consumer. No shared list, no "
    "lock of your own, no lost or doubled items. The consumers learn that the work is over "
    "from a sentinel (a None each) or, on Python 3.13+, from q.shutdown(); then main joins "
    "every thread."
)


def _style(plot: pg.PlotItem, left: str) -> None:
    pen = pg.mkPen(theme.FOREGROUND, width=2)
    for name in ("left", "bottom"):
        axis = plot.getAxis(name)
        axis.setPen(pen)
        axis.setTextPen(theme.FOREGROUND)
        axis.setTickFont(theme.ui_font(theme.SMALL_PT))
        axis.enableAutoSIPrefix(False)
    plot.setLabel("left", left, **{"font-size": f"{theme.FONT_PT}pt", "color": theme.FOREGROUND})
    plot.setLabel("bottom", "time (s)",
                  **{"font-size": f"{theme.FONT_PT}pt", "color": theme.FOREGROUND})
    plot.setMenuEnabled(False)
    plot.showGrid(x=True, y=True, alpha=0.2)


class QueuePlots(pg.GraphicsLayoutWidget):
    """Above: items made and used so far. Below: items waiting in the queue, and its limit."""

    def __init__(self) -> None:
        super().__init__()
        self.setBackground(theme.BACKGROUND)
        self.counts = self.addPlot(row=0, col=0)
        _style(self.counts, "items")
        legend = self.counts.addLegend(offset=(10, 10), labelTextSize=f"{theme.SMALL_PT}pt",
                                       labelTextColor=theme.FOREGROUND)
        legend.setBrush(pg.mkBrush(255, 255, 255, 220))
        self.made = self.counts.plot([], [], pen=pg.mkPen(theme.BLUE, width=4), name="made (put)")
        self.used = self.counts.plot([], [], pen=pg.mkPen(theme.VERMILLION, width=4,
                                                        style=Qt.PenStyle.DashLine),
                                     name="used (got)")
        self.size_plot = self.addPlot(row=1, col=0)
        _style(self.size_plot, "in the queue")
        self.size_plot.setXLink(self.counts)
        self.queue_curve = self.size_plot.plot([], [], pen=pg.mkPen(theme.BLUISH_GREEN, width=3),
                                        fillLevel=0, brush=theme.qcolour(theme.BLUISH_GREEN, 70))
        self.limit = pg.InfiniteLine(angle=0, movable=False,
                                     pen=pg.mkPen(theme.FOREGROUND, width=2,
                                                  style=Qt.PenStyle.DashLine),
                                     label="full (maxsize)", labelOpts=dict(
                                         position=0.1, color=theme.FOREGROUND,
                                         fill=(255, 255, 255, 220), anchors=[(0, 1), (0, 1)]))
        self.limit.label.setFont(theme.ui_font(theme.SMALL_PT, bold=True))
        self.size_plot.addItem(self.limit)
        self.reset()

    def reset(self, maxsize: int = 0, total: int = 1) -> None:
        """Empty curves, axes sized for `total` items and a queue of `maxsize`."""
        self._t: list[float] = []
        self._made: list[int] = []
        self._used: list[int] = []
        self._sizes_t: list[float] = []
        self._sizes: list[int] = []
        self.made.setData([], [])
        self.used.setData([], [])
        self.queue_curve.setData([], [])
        self.counts.setYRange(0, max(1, total) * 1.05, padding=0)
        self.limit.setVisible(maxsize > 0)
        self.limit.setValue(maxsize)
        self.size_plot.setYRange(0, max(maxsize, 4) * 1.25, padding=0)

    def add(self, snap: QueueSnapshot) -> None:
        """Add this tick's totals and the queue's new sizes."""
        self._t.append(snap.t)
        self._made.append(sum(snap.produced))
        self._used.append(sum(snap.consumed))
        for t, size in snap.samples:
            self._sizes_t.append(t)
            self._sizes.append(size)
        self.made.setData(self._t, self._made)
        self.used.setData(self._t, self._used)
        if self._sizes:
            # A step curve: the size holds until the next put or get changes it.
            t = np.repeat(np.asarray(self._sizes_t + [snap.t]), 2)[1:-1]
            y = np.repeat(np.asarray(self._sizes, dtype=float), 2)
            self.queue_curve.setData(t, y)
            top = max(self._sizes)
            lo, hi = self.size_plot.viewRange()[1]
            if top > hi / 1.25:
                self.size_plot.setYRange(0, top * 1.25, padding=0)
        self.counts.setXRange(0, max(1.0, snap.t), padding=0.02)

    def series(self) -> tuple[list[float], list[int], list[int]]:
        """(times, made, used) so far, for tests."""
        return list(self._t), list(self._made), list(self._used)


class QueuePage(LabPage):
    """Settings on the left; plots and states in the middle; code and console on the right."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        d = QueueConfig()

        def spin(low, high, value):
            box = QSpinBox()
            box.setRange(low, high)
            box.setValue(value)
            return box

        def seconds(value):
            box = QDoubleSpinBox()
            box.setRange(0.0, 2.0)
            box.setSingleStep(0.05)
            box.setDecimals(2)
            box.setSuffix(" s")
            box.setValue(value)
            return box

        self.producers = spin(1, 4, d.producers)
        self.consumers = spin(1, 4, d.consumers)
        self.items = spin(1, 50, d.items)
        self.make_time = seconds(d.make_time)
        self.use_time = seconds(d.use_time)
        self.maxsize = spin(0, 50, d.maxsize)
        self.maxsize.setSpecialValueText("no limit")
        settings = QGroupBox("Settings")
        form = QFormLayout(settings)
        form.addRow("Producers:", self.producers)
        form.addRow("Consumers:", self.consumers)
        form.addRow("Items each:", self.items)
        form.addRow("Make one:", self.make_time)
        form.addRow("Use one:", self.use_time)
        form.addRow("Queue size:", self.maxsize)
        self.sentinel = QRadioButton("a None per consumer")
        self.shutdown = QRadioButton("q.shutdown()" + ("" if HAS_SHUTDOWN else " (3.13+)"))
        self.sentinel.setChecked(True)
        self.shutdown.setEnabled(HAS_SHUTDOWN)
        if not HAS_SHUTDOWN:
            self.shutdown.setToolTip("queue.Queue.shutdown() is new in Python 3.13.")
        group = QButtonGroup(self)
        group.addButton(self.sentinel)
        group.addButton(self.shutdown)
        finish = QGroupBox("Tell consumers to finish with")
        fl = QVBoxLayout(finish)
        fl.addWidget(self.sentinel)
        fl.addWidget(self.shutdown)
        self.counts = note("", pt=theme.TITLE_PT, bold=True)
        self.verdict = note("", pt=theme.FONT_PT, bold=True)
        self._controls = (self.producers, self.consumers, self.items, self.make_time,
                          self.use_time, self.maxsize, self.sentinel)

        left = QWidget()
        ll = QVBoxLayout(left)
        ll.addWidget(heading("Producers and consumers"))
        ll.addWidget(settings)
        ll.addWidget(finish)
        ll.addWidget(self.buttons())
        ll.addWidget(self.status)
        ll.addWidget(self.counts)
        ll.addWidget(self.verdict)
        ll.addWidget(note(WHY, pt=theme.SMALL_PT))
        ll.addStretch(1)
        left_scroll = QScrollArea()
        left_scroll.setWidget(left)
        left_scroll.setWidgetResizable(True)
        left_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        left_scroll.setMinimumWidth(420)

        self.plots = QueuePlots()
        self.states = StateRow()
        self.states.labels[State.WAITING] = "Waiting"
        middle = QWidget()
        ml = QVBoxLayout(middle)
        ml.setContentsMargins(0, 0, 0, 0)
        ml.addWidget(self.plots, 1)
        ml.addWidget(self.states)

        self.code = code_pane(*QueueLab.lesson_classes)
        self.console = Console(max_lines=2000)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.code)
        right.addWidget(self.console)
        right.setSizes([620, 320])

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left_scroll)
        split.addWidget(middle)
        split.addWidget(right)
        split.setStretchFactor(1, 3)
        split.setStretchFactor(2, 2)
        split.setSizes([420, 640, 840])
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        self.states.set_threads(QueueLab(self.config()).snapshot().names)

    def config(self) -> QueueConfig:
        """The settings shown."""
        return QueueConfig(
            producers=self.producers.value(), consumers=self.consumers.value(),
            items=self.items.value(), make_time=round(self.make_time.value(), 3),
            use_time=round(self.use_time.value(), 3), maxsize=self.maxsize.value(),
            finish="shutdown" if self.shutdown.isChecked() else "sentinel",
        )

    def make_run(self, listener) -> QueueLab:
        """A producer/consumer run with the settings shown."""
        return QueueLab(self.config(), listener)

    def set_controls_enabled(self, enabled: bool) -> None:
        """Settings are fixed during a run."""
        for c in self._controls:
            c.setEnabled(enabled)
        self.shutdown.setEnabled(enabled and HAS_SHUTDOWN)

    _sample_cursor = 0

    def begin(self, run: QueueLab) -> None:
        """Empty plots and console; a row per thread."""
        self._sample_cursor = 0
        c = run.config
        self.plots.reset(c.maxsize, c.producers * c.items)
        self.console.begin(run)
        self.states.set_threads(run.snapshot().names)
        self.verdict.setText("")
        self.status.setText("Running…")

    def show_snapshot(self, snap: QueueSnapshot) -> None:
        """Totals, plots, states and console lines."""
        self._sample_cursor = snap.sample_cursor
        self.plots.add(snap)
        made, used = sum(snap.produced), sum(snap.consumed)
        self.counts.setText(f"made {made} · in queue {snap.size} · used {used}")
        producers = len(snap.produced)
        notes = tuple(
            ("queue full: put() waits" if i < producers else "queue empty: get() waits")
            if state is State.WAITING else ""
            for i, state in enumerate(snap.states)
        )
        self.states.show_states(snap.states, notes)
        self.console.show_snapshot(snap)

    def _tick(self) -> None:
        # The queue's samples have their own cursor; the base class keeps the events' one.
        if self.run is None:
            return
        snap = self.run.snapshot(self._cursor, self._sample_cursor)
        self._cursor = snap.cursor
        self.show_snapshot(snap)

    def show_result(self, result: QueueResult) -> None:
        """Say what happened."""
        self.console.finish(result)
        self.verdict.setText(result.sentence())
        self.status.setText(f"{result.status.capitalize()} in {result.elapsed_s:.2f} s.")
