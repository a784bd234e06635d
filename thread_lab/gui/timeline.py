"""The timeline pane: one row per thread (and Main), coloured by what it does, over seconds.

How it stays cheap with 1000 threads: every tick writes one column of state codes (one byte
per thread) into a numpy buffer; the buffer is drawn as images with a colour lookup table, in
chunks of 256 columns so a tick re-renders only the newest chunk. A column stands for 10 ms;
when a long run fills 4096 columns, every other column is dropped and a column stands for
twice as long, so memory and drawing stay bounded however long the run lasts.

Beyond 50 threads the rows cannot be read one by one, so the pane adds a summary above them:
how many threads are in each state over time (a stacked chart, drawn from the same columns),
and the rows below scroll 40 at a time.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QScrollBar, QVBoxLayout, QWidget

from thread_lab.engine import Run, RunResult, Snapshot, State
from thread_lab.gui import theme
from thread_lab.gui.plotting import pg

ROW_LIMIT = 50  # more worker threads than this: summary chart + scrolling rows
VISIBLE_ROWS = 40  # rows on screen at once when they scroll
FIRST_DT = 0.01  # seconds per column at the start of a run
CHUNK = 256  # columns per image item
MAX_COLS = 4096  # columns kept; beyond this the resolution halves

translate = QCoreApplication.translate
HOVER_HINT = QT_TRANSLATE_NOOP(
    "Timeline", "Point at a row to read its state. Drag or scroll to zoom in time; double-click to follow the run.")
N_CODES = 9  # state codes 0..6, NOT_SEEN and WAITING_STRIPE
NOT_SEEN = 7  # the window did not look: a gap between two snapshots longer than MAX_HOLD_S
WAITING_STRIPE = 8  # the light stripes of WAITING: waiting reads as a pattern, not only a colour
MAX_HOLD_S = 0.25  # a shorter gap shows the earlier state; a longer one is drawn as not seen
# Bottom to top in the summary: finished threads pile up from the bottom, threads not yet
# started sit on top, and the interesting states are in the middle.
SUMMARY_ORDER = np.array(
    [State.DONE, State.RUNNING, State.HOLDING, State.WAITING, State.SLEEPING, State.JOINING, State.READY],
    dtype=np.uint8,
)


def _lookup_table() -> np.ndarray:
    lut = np.zeros((N_CODES, 3), dtype=np.uint8)
    lut[NOT_SEEN] = theme.rgb(theme.BACKGROUND)  # blank: nothing seen
    for state, colour in theme.STATE_COLOURS.items():
        lut[int(state)] = theme.rgb(colour)
    lut[WAITING_STRIPE] = theme.rgb(waiting_stripe_colour())
    return lut


def waiting_stripe_colour() -> str:
    """The lighter colour WAITING alternates with, in the rows and in the legend."""
    return theme.mix(theme.colour_for_state(State.WAITING), theme.BACKGROUND, 0.6)


def _stripe_waiting(img: np.ndarray, first: int) -> None:
    """Draw WAITING light in every other pair of columns, so it shows without colour too."""
    odd = (np.arange(first, first + len(img)) // 2) % 2 == 1
    part = img[odd]
    part[part == State.WAITING] = WAITING_STRIPE
    img[odd] = part


class _Stripes:
    """A growing [time × rows] image of state codes, drawn as chunked ImageItems."""

    def __init__(self, plot: pg.PlotItem) -> None:
        self.plot = plot
        self.lut = _lookup_table()
        self.items: list[pg.ImageItem] = []
        self.reset(1)

    def reset(self, rows: int) -> None:
        """Forget everything; the next run has `rows` rows."""
        for item in self.items:
            self.plot.removeItem(item)
        self.items = []
        self.rows = rows
        # Column-major: one tick writes one contiguous line of bytes, and a chunk of
        # columns is one contiguous block.
        self.buf = np.zeros((MAX_COLS, rows), dtype=np.uint8)
        self.n = 0  # columns filled
        self.dt = FIRST_DT
        self._dirty = 0  # first column changed since the last flush
        self.gaps = 0  # stretches drawn as NOT_SEEN

    def add(self, t: float, column: np.ndarray) -> None:
        """Record the states seen at time `t` (seconds)."""
        k = int(max(t, 0.0) / self.dt)
        while k >= MAX_COLS:
            self._halve()
            k = int(t / self.dt)
        if self.n == 0:
            self.buf[: k + 1] = column  # before the first look, threads were as first seen
        elif k >= self.n:
            if (k - self.n) * self.dt <= MAX_HOLD_S:
                # Between two looks a thread is shown as it was at the earlier look.
                self.buf[self.n : k] = self.buf[self.n - 1]
            else:
                # The window was busy for a while: say so rather than invent what happened.
                self.buf[self.n : k] = NOT_SEEN
                self.gaps += 1
            self.buf[k] = column
        else:
            k = self.n - 1  # same column as the last look: the newer look wins
            self.buf[k] = column
        self._dirty = min(self._dirty, k, self.n)
        self.n = max(self.n, k + 1)

    def _halve(self) -> None:
        half = (self.n + 1) // 2
        self.buf[:half] = self.buf[0 : self.n : 2].copy()
        self.buf[half:] = 0
        self.n = half
        self.dt *= 2
        self._dirty = 0

    def flush(self) -> None:
        """Hand the changed chunks to their image items (only those)."""
        if self._dirty >= self.n:
            return
        last = (self.n - 1) // CHUNK
        for c in range(self._dirty // CHUNK, last + 1):
            if c == len(self.items):
                item = pg.ImageItem(axisOrder="col-major")
                item.setLookupTable(self.lut, update=False)
                self.plot.addItem(item)
                self.items.append(item)
            c0, c1 = c * CHUNK, min(self.n, (c + 1) * CHUNK)
            # A copy: the item must not see the buffer change under it between renders.
            image = self.buf[c0:c1].copy()
            _stripe_waiting(image, c0)
            self.items[c].setImage(image, autoLevels=False, levels=(0, N_CODES))
            self.items[c].setRect(QRectF(c0 * self.dt, 0, (c1 - c0) * self.dt, self.rows))
        while len(self.items) > last + 1:  # after halving, fewer chunks are needed
            self.plot.removeItem(self.items.pop())
        self._dirty = self.n

    def codes(self) -> np.ndarray:
        """The recorded states as [rows × columns]."""
        return self.buf[: self.n].T.copy()

    def code_at(self, row: int, t: float) -> int | None:
        """The state code of `row` at time `t`, or None outside what was recorded."""
        k = int(t / self.dt) if t >= 0 else -1
        if 0 <= k < self.n and 0 <= row < self.rows:
            return int(self.buf[k, row])
        return None


class _RowAxis(pg.AxisItem):
    """A left axis naming the rows ("Main", "Thread 1"…), skipping names when rows are thin."""

    def __init__(self) -> None:
        super().__init__("left")
        self.names: list[str] = []
        self.setTickFont(theme.ui_font(theme.SMALL_PT))
        self._line_px = QFontMetrics(theme.ui_font(theme.SMALL_PT)).height()

    def set_names(self, names: list[str]) -> None:
        """Name the rows, and size the axis for the longest name."""
        self.names = names
        metrics = QFontMetrics(theme.ui_font(theme.SMALL_PT))
        self._line_px = metrics.height()  # the text size may have changed (zoom)
        # The last name is the longest ("Thread 1000"); no need to measure a thousand.
        widest = max((metrics.horizontalAdvance(n) for n in names[:1] + names[-1:]), default=40)
        self.fixed_width = widest + 16
        self.setWidth(self.fixed_width)
        self.picture = None
        self.update()

    def tickValues(self, minVal, maxVal, size):  # noqa: N802, N803 - pyqtgraph's names
        """Row centres, every row if there is room, else every 2nd, 5th, 10th… row."""
        if not self.names or size <= 0:
            return []
        lo, hi = sorted((minVal, maxVal))
        per_row = size / max(hi - lo, 1e-9)
        step = _nice_step(math.ceil(self._line_px * 1.2 / max(per_row, 1e-9)))
        first = max(0, int(math.floor(lo)))
        last = min(len(self.names) - 1, int(math.ceil(hi)))
        return [(step, [i + 0.5 for i in range(first, last + 1) if i % step == 0])]

    def tickStrings(self, values, scale, spacing):  # noqa: N802 - pyqtgraph's name
        """The row names for the row centres."""
        return [self.names[int(v)] if 0 <= int(v) < len(self.names) else "" for v in values]


def _nice_step(step: int) -> int:
    for nice in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000):
        if step <= nice:
            return nice
    return step


def _style_plot(plot: pg.PlotItem) -> None:
    pen = pg.mkPen(theme.FOREGROUND, width=2)
    for name in ("left", "bottom"):
        axis = plot.getAxis(name)
        axis.setPen(pen)
        axis.setTextPen(theme.FOREGROUND)
        if not isinstance(axis, _RowAxis):
            axis.setTickFont(theme.ui_font(theme.SMALL_PT))
            axis.enableAutoSIPrefix(False)  # seconds stay seconds, never "(x0.001)"
    plot.setMenuEnabled(False)
    plot.hideButtons()
    plot.layout.setContentsMargins(4, 12, 12, 4)  # room for the first and last row names


def _label(text: str = "", pt: int = theme.FONT_PT, *, bold: bool = False) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet(theme.text_css(pt, bold=bold))
    return label


class Timeline(QWidget):
    """Shows what every thread (and the main program) was doing, second by second."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = _label(translate("Timeline", "Timeline: start a run to see its threads."), theme.FONT_PT, bold=True)
        self.title.setWordWrap(True)

        # The summary: how many threads are in each state (shown beyond ROW_LIMIT threads).
        self.summary_widget = pg.PlotWidget(background=theme.BACKGROUND)
        self.summary_plot = self.summary_widget.getPlotItem()
        _style_plot(self.summary_plot)
        self.summary_plot.setLabel("left", translate("Timeline", "threads"), **{"font-size": f"{theme.FONT_PT}pt"})
        self.summary_plot.setTitle(
            translate("Timeline", "How many threads are in each state"), size=f"{theme.FONT_PT}pt",
            color=theme.FOREGROUND
        )
        self.summary_plot.getViewBox().setMouseEnabled(x=True, y=False)
        self.summary_plot.setLimits(xMin=0)
        self.summary_widget.hide()
        self._summary = _Stripes(self.summary_plot)

        # The rows: one per thread, Main on top.
        self.rows_axis = _RowAxis()
        self.plot_widget = pg.PlotWidget(background=theme.BACKGROUND, axisItems={"left": self.rows_axis})
        self.plot = self.plot_widget.getPlotItem()
        _style_plot(self.plot)
        self.plot.setLabel("bottom", translate("Timeline", "time (s)"), **{"font-size": f"{theme.FONT_PT}pt"})
        self.plot.invertY(True)  # row 0 (Main) on top, then Thread 1, 2, … downwards
        self.plot.getViewBox().setMouseEnabled(x=True, y=False)  # rows scroll with the bar
        self.plot.setLimits(xMin=0)
        self.plot.setXLink(self.summary_plot)
        self._rows = _Stripes(self.plot)

        self.scroll = QScrollBar(Qt.Orientation.Vertical)
        self.scroll.valueChanged.connect(self._scroll_rows)
        self.scroll.hide()

        self.hover = _label(translate("Timeline", HOVER_HINT), theme.SMALL_PT)
        self.hover.setStyleSheet(theme.text_css(theme.SMALL_PT, colour=theme.MUTED))

        # The legend doubles as a live count: colour, name and how many threads are in it.
        self._legend: dict[State, QLabel] = {}
        legend = QGridLayout()
        legend.setHorizontalSpacing(18)
        for i, state in enumerate(theme.STATE_ORDER):
            swatch = QLabel()
            swatch.setFixedSize(28, 22)
            if state == State.WAITING:  # striped in the rows too
                swatch.setStyleSheet(theme.striped_swatch_style(
                    theme.colour_for_state(state), waiting_stripe_colour()))
            else:
                swatch.setStyleSheet(theme.swatch_style(theme.colour_for_state(state)))
            text = _label(theme.state_label(state), theme.SMALL_PT)
            self._legend[state] = text
            cell = QHBoxLayout()
            cell.setSpacing(6)
            cell.addWidget(swatch)
            cell.addWidget(text)
            cell.addStretch(1)
            legend.addLayout(cell, i // 3, i % 3)  # 3 columns fit a 640-pixel pane
        marks = _label(translate("Timeline", "★ Main printed   ┆ lock switched   ✖ a thread failed"), theme.SMALL_PT)
        legend.addWidget(marks, 3, 0, 1, 2)
        # Only shown once it happened: a stretch the window was too busy to look at.
        self.not_seen = _label(translate("Timeline", "□ blank: not seen (window busy)"), theme.SMALL_PT)
        self.not_seen.hide()
        legend.addWidget(self.not_seen, 3, 2)

        # One grid so the summary and the rows are exactly as wide (the scroll bar gets its
        # own column): their time axes are linked and must line up to the pixel.
        plots = self._plots = QGridLayout()
        plots.setContentsMargins(0, 0, 0, 0)
        plots.setSpacing(0)
        plots.addWidget(self.summary_widget, 0, 0)
        plots.addWidget(self.plot_widget, 1, 0)
        plots.addWidget(self.scroll, 1, 1)
        plots.setRowStretch(0, 2)
        plots.setRowStretch(1, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(plots, 1)
        layout.addLayout(legend)
        layout.addWidget(self.hover)

        self._marks: list[tuple[pg.PlotItem, pg.GraphicsObject]] = []  # row lines, lock lines, end line
        self._main_texts: list[tuple[float, pg.TextItem]] = []
        self._stars = pg.ScatterPlotItem(
            symbol="star", size=26, brush=pg.mkBrush(theme.FOREGROUND), pen=pg.mkPen("#FFFFFF", width=2)
        )
        self._errors = pg.ScatterPlotItem(
            symbol="x", size=24, brush=pg.mkBrush(theme.VERMILLION), pen=pg.mkPen("#FFFFFF", width=1)
        )
        self._stars.setZValue(25)
        self._errors.setZValue(25)
        self.plot.addItem(self._stars)
        self.plot.addItem(self._errors)
        self.lock_switches: list[tuple[float, bool]] = []  # what the markers show
        self.main_prints: list[tuple[float, str]] = []
        self._names: list[str] = []
        self._threads = 0
        self._counts = np.zeros(N_CODES, dtype=np.int64)
        self._t = 0.0
        self._mode = ""
        self.plot.scene().sigMouseMoved.connect(self._hovered)
        # The time axis follows the run until someone pans or zooms it by hand; a
        # double-click gives the view back to the run.
        self._follow = True
        self.plot.getViewBox().sigRangeChangedManually.connect(self._stop_following)
        self.summary_plot.getViewBox().sigRangeChangedManually.connect(self._stop_following)
        self.plot.scene().sigMouseClicked.connect(self._clicked)
        self.summary_plot.scene().sigMouseClicked.connect(self._clicked)

    # -- the view contract --------------------------------------------------------------

    def begin(self, run: Run) -> None:
        """Set up one row per thread plus Main, and clear the marks."""
        cfg = run.config
        self._threads = cfg.threads
        self._names = ["Main"] + [f"Thread {i}" for i in range(1, cfg.threads + 1)]
        self._mode = cfg.mode
        self._t = 0.0
        for plot, item in self._marks:
            plot.removeItem(item)
        for _, text in self._main_texts:
            self.plot.removeItem(text)
        self._marks = []
        self._main_texts = []
        self._stars.setData([], [])
        self._errors.setData([], [])
        self.lock_switches = []
        self.main_prints = []
        self._rows.reset(len(self._names))
        self._summary.reset(cfg.threads)
        self.rows_axis.set_names(self._names)
        self.summary_plot.getAxis("left").setWidth(self.rows_axis.fixed_width)
        self.title.setText(self._title())

        big = cfg.threads > ROW_LIMIT
        self.summary_widget.setVisible(big)
        self._plots.setRowStretch(0, 2 if big else 0)  # a hidden row must not keep its share
        self.scroll.setVisible(big)
        self.summary_plot.setYRange(0, cfg.threads, padding=0)
        self.summary_plot.setLimits(yMin=0, yMax=cfg.threads)
        rows = len(self._names)
        self.plot.setLimits(yMin=0, yMax=rows)
        if big:
            self.scroll.setRange(0, rows - VISIBLE_ROWS)
            self.scroll.setPageStep(VISIBLE_ROWS)
            self.scroll.setValue(0)
            self._scroll_rows(0)
        else:
            self.plot.setYRange(0, rows, padding=0)
            # White lines between rows, so each thread reads as its own bar.
            for y in range(1, rows):
                line = pg.InfiniteLine(pos=y, angle=0, pen=pg.mkPen(theme.BACKGROUND, width=3))
                line.setZValue(5)
                self.plot.addItem(line, ignoreBounds=True)
                self._marks.append((self.plot, line))
        self.not_seen.hide()
        self._follow = True
        self._follow_time(0.0, exact=True)
        self._set_counts(np.zeros(N_CODES, dtype=np.int64))

    def show_snapshot(self, snap: Snapshot) -> None:
        """Add a column of states at the snapshot's time, and marks for its events."""
        self._t = snap.t
        workers = np.fromiter(snap.states, dtype=np.uint8, count=len(snap.states))
        column = np.empty(len(workers) + 1, dtype=np.uint8)
        column[0] = snap.main_state
        column[1:] = workers
        if column.size != self._rows.rows:
            return  # a snapshot of another run: ignore rather than draw garbage
        self._rows.add(snap.t, column)
        counts = np.bincount(workers, minlength=N_CODES)
        if self._threads > ROW_LIMIT:
            self._summary.add(snap.t, np.repeat(SUMMARY_ORDER, counts[SUMMARY_ORDER]))
            self._summary.flush()
        self._rows.flush()
        if self._rows.gaps and self.not_seen.isHidden():
            self.not_seen.show()
        self._follow_time(snap.t)
        for event in snap.events:
            self._mark(event)
        self._set_counts(counts)

    def finish(self, result: RunResult) -> None:
        """Mark the end of the run with its total time."""
        end = result.elapsed_s
        for plot, label in ((self.plot, True), (self.summary_plot, False)):
            line = pg.InfiniteLine(
                pos=end, angle=90, pen=pg.mkPen(theme.FOREGROUND, width=theme.MARKER_PX),
                label=translate("Timeline", "end {t} s").format(t=f"{end:.2f}") if label else None,
                labelOpts=dict(position=0.9, color=theme.FOREGROUND, fill=theme.LABEL_FILL, anchors=[(1, 1), (1, 1)]),
            )
            if getattr(line, "label", None) is not None:
                line.label.setFont(theme.ui_font(theme.SMALL_PT, bold=True))
            line.setZValue(20)
            plot.addItem(line)
            self._marks.append((plot, line))
        # Texts of Main's prints in the first half read to the right of their star.
        for t, text in self._main_texts:
            text.setAnchor((0, 0.5) if t < end / 2 else (1, 0.5))
        self.title.setText(self._title(result))
        self._follow_time(end, exact=True)

    # -- reading it back ------------------------------------------------------------------

    def row_names(self) -> list[str]:
        """The rows, top to bottom: "Main", "Thread 1", …"""
        return list(self._names)

    def states(self) -> np.ndarray:
        """The recorded states, [rows × columns] of State codes (row 0 is Main)."""
        return self._rows.codes()

    def summary(self) -> np.ndarray:
        """The summary columns [threads × columns] (only filled beyond ROW_LIMIT threads)."""
        return self._summary.codes()

    @property
    def seconds_per_column(self) -> float:
        """How long one column of states() stands for."""
        return self._rows.dt

    # -- inside -------------------------------------------------------------------------

    def _mark(self, event) -> None:
        if event.kind == "lock":
            on = "on" in event.text.split()
            self.lock_switches.append((event.t, on))
            for plot in (self.plot, self.summary_plot):
                line = pg.InfiniteLine(
                    pos=event.t, angle=90,
                    pen=pg.mkPen(theme.FOREGROUND, width=theme.MARKER_PX, style=Qt.PenStyle.DashLine),
                    label=translate("Timeline", "lock ON") if on else translate("Timeline", "lock OFF"),
                    labelOpts=dict(position=0.06, color=theme.FOREGROUND, fill=theme.LABEL_FILL, anchors=[(0, 0), (0, 0)]),
                )
                line.label.setFont(theme.ui_font(theme.SMALL_PT, bold=True))
                line.setZValue(20)
                plot.addItem(line)
                self._marks.append((plot, line))
        elif event.kind == "print" and event.thread == "Main":
            self.main_prints.append((event.t, event.text))
            self._stars.addPoints([{"pos": (event.t, 0.5)}])
            text = pg.TextItem(event.text, color=theme.FOREGROUND, fill=theme.LABEL_FILL, anchor=(1, 0.5))
            text.setFont(theme.ui_font(theme.SMALL_PT, bold=True))
            text.setPos(event.t, 0.5)
            text.setZValue(30)
            self.plot.addItem(text, ignoreBounds=True)
            self._main_texts.append((event.t, text))
        elif event.kind == "error":
            row = self._names.index(event.thread) if event.thread in self._names else 0
            self._errors.addPoints([{"pos": (event.t, row + 0.5)}])

    def _set_counts(self, counts: np.ndarray) -> None:
        if np.array_equal(counts, self._counts):
            return
        self._counts = counts
        for state, label in self._legend.items():
            label.setText(f"{theme.state_label(state)}: {int(counts[int(state)])}")

    def _follow_time(self, t: float, *, exact: bool = False) -> None:
        if not self._follow:
            return
        if exact:
            self.plot.setXRange(0, max(t, 0.1) * 1.03, padding=0)
            return
        # The axis grows in steps of a quarter, not every frame: a steady axis is easier to
        # read, and a range change costs more than drawing the new column.
        shown = self.plot.getViewBox().viewRange()[0][1]
        if t > shown * 0.97 or shown > max(t, 0.1) * 2:
            self.plot.setXRange(0, max(t, 0.1) * 1.25, padding=0)

    def _stop_following(self, *_) -> None:
        self._follow = False

    def _clicked(self, event) -> None:
        if event.double():
            self._follow = True
            self._follow_time(self._t, exact=True)

    def _scroll_rows(self, first: int) -> None:
        self.plot.setYRange(first, first + VISIBLE_ROWS, padding=0)

    def _title(self, result: RunResult | None = None) -> str:
        if self._mode == "sequential":
            threads = (translate("Timeline", "1 thread + Main, one after another") if self._threads == 1
                       else translate("Timeline", "{n} threads + Main, one after another"))
        else:
            threads = (translate("Timeline", "1 thread + Main, in threads") if self._threads == 1
                       else translate("Timeline", "{n} threads + Main, in threads"))
        threads = threads.format(n=self._threads)
        if result is None:
            return translate("Timeline", "Timeline: {threads}").format(threads=threads)
        status = {"finished": translate("Timeline", "finished"), "stopped": translate("Timeline", "stopped"),
                  "failed": translate("Timeline", "failed")}.get(result.status, result.status)
        return translate("Timeline", "Timeline: {threads}. The run took {t} s ({status}).").format(
            threads=threads, t=f"{result.elapsed_s:.2f}", status=status)

    def _hovered(self, pos: QPointF) -> None:
        vb = self.plot.getViewBox()
        if not self._names or not vb.sceneBoundingRect().contains(pos):
            return
        point = vb.mapSceneToView(pos)
        row, t = int(math.floor(point.y())), point.x()
        code = self._rows.code_at(row, t)
        if code is None:
            self.hover.setText(translate("Timeline", HOVER_HINT))
            return
        what = translate("Timeline", "not seen (the window was busy)") if code == NOT_SEEN else theme.state_label(code)
        self.hover.setText(translate("Timeline", "{thread} at {t} s: {what}").format(
            thread=self._names[row], t=f"{t:.2f}", what=what))
