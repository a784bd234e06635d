"""The counter pane: expected vs actual counter over time, lost updates, lock switches, and
each thread's own increments as bars.

Built the way pyqtgraph's scrollingPlots example recommends: every item is created once,
the samples live in preallocated numpy buffers that double when full, each tick calls
setData on the filled part, and the curves clip to the view and downsample.

Per experiment:
- counter: expected, actual (the shared counter) and lost = expected - actual;
- file: lines written over time (there is no shared counter to lose updates of);
- sleep: threads finished over time (0 → N); the bars are hidden (no increments).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from thread_lab.engine import Run, RunResult, Snapshot, State
from thread_lab.gui import theme
from thread_lab.gui.i18n import number
from thread_lab.gui.plotting import pg

FIRST_CAPACITY = 1024
translate = QCoreApplication.translate
MANY_THREADS = 64  # more bars than this: one colour (a picture of 1000 brushes is slow)


class _Series:
    """Columns of samples in numpy buffers that double when full."""

    def __init__(self, columns: int) -> None:
        self.data = np.empty((columns, FIRST_CAPACITY))
        self.n = 0

    def clear(self) -> None:
        """Forget the samples, keep the memory."""
        self.n = 0

    def append(self, *values: float) -> None:
        """Add one sample (a value per column), doubling the buffers when full."""
        if self.n == self.data.shape[1]:
            grown = np.empty((self.data.shape[0], self.data.shape[1] * 2))
            grown[:, : self.n] = self.data
            self.data = grown
        self.data[:, self.n] = values
        self.n += 1

    def column(self, i: int) -> np.ndarray:
        """The filled part of column `i` (a view, no copy)."""
        return self.data[i, : self.n]


class _Gap(pg.FillBetweenItem):
    """The shaded gap between two curves, redrawn once per tick by its owner.

    Why: pyqtgraph redraws the fill whenever either curve changes, that is twice per tick;
    the owner changes both curves and then calls refresh() once.
    """

    def curveChanged(self) -> None:  # noqa: N802 - pyqtgraph's name
        """Ignore each single curve's change; see refresh()."""

    def refresh(self) -> None:
        """Redraw the fill from both curves as they are now."""
        self.updatePath()


def _style_plot(plot: pg.PlotItem, left: str, bottom: str) -> None:
    pen = pg.mkPen(theme.FOREGROUND, width=2)
    for name, text in (("left", left), ("bottom", bottom)):
        axis = plot.getAxis(name)
        axis.setPen(pen)
        axis.setTextPen(theme.FOREGROUND)
        axis.setTickFont(theme.ui_font(theme.SMALL_PT))
        axis.enableAutoSIPrefix(False)  # "time (s)" must stay seconds, never "(x0.001)"
        # Major ticks only: the minor grid lines made the plot busy on a projector, and
        # drawing them took most of the plot's paint time.
        axis.setStyle(maxTickLevel=0)
        plot.setLabel(name, text, **{"font-size": f"{theme.FONT_PT}pt", "color": theme.FOREGROUND})
    plot.setMenuEnabled(False)


class CounterPlot(QWidget):
    """Shows the shared counter against what it should be, and what each thread added."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.readout = QLabel(translate("CounterPlot", "Start a run to see the counter."))
        self.readout.setStyleSheet(theme.text_css(theme.TITLE_PT, bold=True))
        self.readout.setWordWrap(True)

        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setBackground(theme.BACKGROUND)
        # The legend is a label above the plot, not a pyqtgraph legend: inside the plot it
        # hid the curves and the lock markers, and a label wraps on a narrow pane.
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setStyleSheet(theme.text_css(theme.FONT_PT))
        self.plot = self.graphics.addPlot(row=0, col=0)
        self.bars_plot = self.graphics.addPlot(row=1, col=0)
        self.graphics.ci.layout.setRowStretchFactor(0, 4)
        self.graphics.ci.layout.setRowStretchFactor(1, 2)

        _style_plot(self.plot, translate("CounterPlot", "counter"), translate("CounterPlot", "time (s)"))
        self.plot.showGrid(x=True, y=True, alpha=0.2)
        self.plot.setClipToView(True)
        self.plot.setDownsampling(auto=True, mode="peak")
        self.plot.setLimits(xMin=0, yMin=0)

        # Line style, not only colour, tells the curves apart: dashed, solid, dotted.
        w = theme.LINE_PX
        self.expected_curve = self.plot.plot(
            antialias=True,
            pen=pg.mkPen(theme.BLUE, width=w, style=Qt.PenStyle.DashLine),
        )
        self.actual_curve = self.plot.plot(
            antialias=True, pen=pg.mkPen(theme.VERMILLION, width=w + 1)
        )
        self.lost_curve = self.plot.plot(
            antialias=True,
            pen=pg.mkPen(theme.REDDISH_PURPLE, width=w, style=Qt.PenStyle.DotLine),
        )
        for curve in (self.expected_curve, self.actual_curve, self.lost_curve):
            curve.setSkipFiniteCheck(True)  # the samples are counts: always finite
        # Dashed "expected" on top: with the lock on it lies exactly on "actual", and both
        # must stay visible (blue dashes over the solid line).
        self.expected_curve.setZValue(3)
        # The gap between the two curves is the lost updates: shade it.
        self.gap = _Gap(self.expected_curve, self.actual_curve, brush=theme.qcolour(theme.VERMILLION, 40))
        self.plot.addItem(self.gap)
        self.goal_line = pg.InfiniteLine(
            angle=0, pen=pg.mkPen(theme.MUTED, width=2, style=Qt.PenStyle.DashLine),
            label="", labelOpts=dict(position=0.98, color=theme.FOREGROUND, anchors=[(1, 0), (1, 0)]),
        )
        self.goal_line.label.setFont(theme.ui_font(theme.SMALL_PT))
        self.plot.addItem(self.goal_line, ignoreBounds=True)

        _style_plot(self.bars_plot, translate("CounterPlot", "its increments"), translate("CounterPlot", "thread"))
        self.bars_plot.setMouseEnabled(x=False, y=False)
        self.bars_plot.showGrid(x=False, y=True, alpha=0.2)
        self.bars = pg.BarGraphItem(x=[], height=[], width=0.8, pen=pg.mkPen(theme.FOREGROUND, width=1))
        self.bars_plot.addItem(self.bars)
        self.bar_goal = pg.InfiniteLine(angle=0, pen=pg.mkPen(theme.FOREGROUND, width=3, style=Qt.PenStyle.DashLine))
        self.bars_plot.addItem(self.bar_goal, ignoreBounds=True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.readout)
        layout.addWidget(self.legend)
        layout.addWidget(self.graphics, 1)

        self._series = _Series(4)  # t, expected, actual, lost (or threads done)
        self._markers: list[pg.InfiniteLine] = []
        self.lock_switches: list[tuple[float, bool]] = []
        self._experiment = "counter"
        self._threads = 0
        self._iterations = 0
        self._progress: tuple[int, ...] = ()
        self._bar_x = np.zeros(0)
        self._lock_on = False

    # -- the view contract --------------------------------------------------------------

    def begin(self, run: Run) -> None:
        """Clear the curves and set the plot up for this run's experiment."""
        cfg = run.config
        self._experiment = cfg.experiment
        self._threads = cfg.threads
        self._iterations = cfg.iterations
        self._series.clear()
        for marker in self._markers:
            self.plot.removeItem(marker)
        self._markers = []
        self.lock_switches = []
        self._progress = ()
        self._lock_on = run.lock.enabled

        counter = cfg.experiment == "counter"
        self.actual_curve.setVisible(counter)
        self.lost_curve.setVisible(counter)
        self.gap.setVisible(counter)
        # The samples repeat each curve's line style, so the legend works without colour.
        entries = [(theme.BLUE, "╍╍╍", {
            "counter": translate("CounterPlot", "expected (increments made)"),
            "file": translate("CounterPlot", "lines written"),
            "sleep": translate("CounterPlot", "threads finished"),
        }[cfg.experiment])]
        if counter:
            entries += [
                (theme.VERMILLION, "━━━", translate("CounterPlot", "actual (the shared counter)")),
                (theme.REDDISH_PURPLE, "┅┅┅", translate("CounterPlot", "lost = expected − actual")),
            ]
        self.legend.setText("&nbsp;&nbsp;&nbsp; ".join(
            # Non-breaking spaces inside an entry: a narrow pane wraps between entries only.
            f'<span style="color:{colour}; font-weight:bold">{sample}</span>&nbsp;{name.replace(" ", "&nbsp;")}'
            for colour, sample, name in entries
        ))
        self.plot.getAxis("left").setLabel(
            {"counter": translate("CounterPlot", "counter"), "file": translate("CounterPlot", "lines"),
             "sleep": translate("CounterPlot", "threads finished")}[cfg.experiment],
            **{"font-size": f"{theme.FONT_PT}pt", "color": theme.FOREGROUND},
        )
        goal = cfg.threads if cfg.experiment == "sleep" else cfg.total_increments
        self.goal_line.setValue(goal)
        self.goal_line.label.setFormat(
            translate("CounterPlot", "all {n} threads").format(n=number(goal)) if cfg.experiment == "sleep"
            else translate("CounterPlot", "goal: {n}").format(n=number(goal))
        )
        # A fixed height up to the goal: the curves climb towards it and the axis never
        # rescales under the class's eyes; time grows to the right.
        self.plot.setYRange(0, goal * 1.08, padding=0)
        self.plot.enableAutoRange(x=True, y=False)
        self._series.append(0.0, 0, 0, 0)  # every curve starts at the origin, at the start
        self._redraw()

        self._show_bars(cfg.experiment != "sleep")
        self._bar_x = np.arange(1, cfg.threads + 1, dtype=float)
        if cfg.threads <= MANY_THREADS:
            brushes = [pg.mkBrush(theme.colour_for_thread(i)) for i in range(1, cfg.threads + 1)]
            self.bars.setOpts(x=self._bar_x, height=np.zeros(cfg.threads), width=0.8, brushes=brushes)
        else:
            self.bars.setOpts(x=self._bar_x, height=np.zeros(cfg.threads), width=1.0, brushes=None,
                              brush=pg.mkBrush(theme.BLUE))
        # Each bar is named by its thread's number under it, not only by its colour.
        self.bars_plot.getAxis("bottom").setTicks(
            [[(i, str(i)) for i in range(1, cfg.threads + 1)]] if cfg.threads <= 20 else None
        )
        self.bars_plot.getAxis("left").setLabel(
            translate("CounterPlot", "its lines") if cfg.experiment == "file"
            else translate("CounterPlot", "its increments"),
            **{"font-size": f"{theme.FONT_PT}pt", "color": theme.FOREGROUND},
        )
        self.bar_goal.setValue(cfg.iterations)
        if cfg.experiment == "file":
            title = translate("CounterPlot", "Each thread's own tally (goal: {n} lines)")
        else:
            title = translate("CounterPlot", "Each thread's own tally (goal: {n} increments)")
        self.bars_plot.setTitle(
            title.format(n=number(cfg.iterations)), size=f"{theme.FONT_PT}pt",
            color=theme.FOREGROUND,
        )
        self.bars_plot.setXRange(0.4, cfg.threads + 0.6, padding=0)
        self.bars_plot.setYRange(0, cfg.iterations * 1.15, padding=0)
        self.readout.setText(self._readout(0, 0, 0, 0))

    def show_snapshot(self, snap: Snapshot) -> None:
        """Add the snapshot's point to the curves, mark lock switches, update the bars."""
        if self._experiment == "sleep":
            done = snap.states.count(State.DONE)  # tuple.count: C speed for 1000 threads
            self._series.append(snap.t, done, done, 0)
        else:
            self._series.append(snap.t, snap.expected, snap.counter, snap.lost)
        for event in snap.events:
            if event.kind == "lock":
                self._mark_lock(event.t, "on" in event.text.split())
        self._lock_on = snap.lock_on
        self._redraw()
        if snap.progress != self._progress and self._experiment != "sleep":
            # Only when a thread moved: the bars are the costliest item to redraw.
            self._progress = snap.progress
            self.bars.setOpts(height=np.fromiter(snap.progress, dtype=float, count=len(snap.progress)))

    def finish(self, result: RunResult) -> None:
        """Close the curves on the run's final numbers."""
        if result.experiment == "counter" and result.expected is not None:
            self._series.append(result.elapsed_s, result.expected, result.actual, result.lost)
        elif result.experiment == "file":
            self._series.append(result.elapsed_s, sum(result.per_thread), 0, 0)
        elif self._series.n:
            last = self._series.data[:, self._series.n - 1]
            self._series.append(result.elapsed_s, *last[1:])
        self._lock_on = result.lock
        if result.per_thread and self._experiment != "sleep":
            self.bars.setOpts(height=np.asarray(result.per_thread, dtype=float))
        self._redraw()

    # -- reading it back ------------------------------------------------------------------

    @property
    def experiment(self) -> str:
        """The experiment the curves show ("counter", "file" or "sleep")."""
        return self._experiment

    def series(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The recorded (t, expected, actual) samples, as copies (for export).

        For the sleep experiment both "expected" and "actual" hold the threads finished; for
        the file experiment "expected" is the lines written and "actual" is 0 (no counter).
        """
        s = self._series
        return s.column(0).copy(), s.column(1).copy(), s.column(2).copy()

    def lost_series(self) -> np.ndarray:
        """The recorded lost updates, one per sample of series()."""
        return self._series.column(3).copy()

    def bar_heights(self) -> np.ndarray:
        """The heights of the per-thread bars now."""
        height = self.bars.opts.get("height")
        return np.asarray(height if height is not None else [], dtype=float).copy()

    # -- inside -------------------------------------------------------------------------

    def _redraw(self) -> None:
        s = self._series
        t = s.column(0)
        self.expected_curve.setData(t, s.column(1))
        if self._experiment == "counter":
            self.actual_curve.setData(t, s.column(2))
            self.lost_curve.setData(t, s.column(3))
            self.gap.refresh()
        if s.n:
            self.readout.setText(self._readout(*s.data[:, s.n - 1]))

    def _show_bars(self, shown: bool) -> None:
        # Taken out of the layout, not just hidden: a hidden plot still keeps its space.
        present = self.bars_plot in self.graphics.ci.items
        if shown and not present:
            self.graphics.addItem(self.bars_plot, row=1, col=0)
            self.graphics.ci.layout.setRowStretchFactor(1, 2)
        elif not shown and present:
            self.graphics.removeItem(self.bars_plot)

    def _mark_lock(self, t: float, on: bool) -> None:
        self.lock_switches.append((t, on))
        marker = pg.InfiniteLine(
            pos=t, angle=90,
            pen=pg.mkPen(theme.FOREGROUND, width=theme.MARKER_PX, style=Qt.PenStyle.DashDotLine),
            label=(translate("CounterPlot", "lock ON at {t} s") if on
                   else translate("CounterPlot", "lock OFF at {t} s")).format(t=f"{t:.2f}"),
            labelOpts=dict(position=0.55, color=theme.FOREGROUND, fill=theme.LABEL_FILL, anchors=[(0, 0.5), (0, 0.5)]),
        )
        marker.label.setFont(theme.ui_font(theme.SMALL_PT, bold=True))
        marker.setZValue(10)
        self.plot.addItem(marker)
        self._markers.append(marker)

    def _readout(self, t: float, expected: float, actual: float, lost: float) -> str:
        lock = translate("CounterPlot", "lock ON") if self._lock_on else translate("CounterPlot", "lock OFF")
        if self._experiment == "sleep":
            return translate("CounterPlot", "{done} of {threads} threads finished  ·  {t} s").format(
                done=int(expected), threads=self._threads, t=f"{t:.2f}")
        if self._experiment == "file":
            return translate("CounterPlot", "{written} of {total} lines written  ·  {lock}").format(
                written=number(expected), total=number(self._threads * self._iterations), lock=lock)
        share = f" ({lost / expected:.0%})" if expected else ""
        return translate(
            "CounterPlot", "expected {expected}  ·  counter {actual}  ·  lost {lost}{share}  ·  {lock}"
        ).format(expected=number(expected), actual=number(actual), lost=number(lost), share=share,
                 lock=lock)

