"""The GIL page: the same jobs as sleeps and as arithmetic, one after another, on threads and
on processes; a bar chart of the times and the speed-ups.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from thread_lab.engine.labs import cpu_io
from thread_lab.engine.labs.cpu_io import (
    KINDS,
    WAYS,
    CpuIoConfig,
    CpuIoLab,
    CpuIoResult,
    CpuIoSnapshot,
    Measurement,
)
from thread_lab.gui import theme
from thread_lab.gui.code_view import LineMark
from thread_lab.gui.labs.common import LabPage, code_pane, heading, note
from thread_lab.gui.plotting import pg

WAY_COLOURS = {"sequential": theme.DONE_GREY, "threads": theme.BLUE, "processes": theme.ORANGE}
WAY_NAMES = {"sequential": "one after\nanother", "threads": "threads", "processes": "processes"}
KIND_NAMES = {"io": "I/O-bound: sleep", "cpu": "CPU-bound: arithmetic"}
BAR_W = 0.8
LESSON = (cpu_io.io_job, cpu_io.cpu_job, cpu_io.sequential, cpu_io.with_threads,
          cpu_io.with_processes)


def bar_x(kind: str, way: str) -> float:
    """Where a bar stands: the I/O group on the left, the CPU group on the right."""
    return KINDS.index(kind) * 3.7 + WAYS.index(way)


class BarChart(pg.PlotWidget):
    """Six bars, created once; each tick only changes their heights and labels."""

    def __init__(self) -> None:
        super().__init__()
        self.setBackground(theme.BACKGROUND)
        plot = self.getPlotItem()
        plot.setMenuEnabled(False)
        plot.setMouseEnabled(False, False)
        plot.hideButtons()
        pen = pg.mkPen(theme.FOREGROUND, width=2)
        for name in ("left", "bottom"):
            axis = plot.getAxis(name)
            axis.setPen(pen)
            axis.setTextPen(theme.FOREGROUND)
            axis.setTickFont(theme.ui_font(theme.SMALL_PT))
            axis.enableAutoSIPrefix(False)
        plot.setLabel("left", "seconds for all jobs",
                      **{"font-size": f"{theme.FONT_PT}pt", "color": theme.FOREGROUND})
        ticks = [(bar_x(k, w), WAY_NAMES[w]) for k in KINDS for w in WAYS]
        plot.getAxis("bottom").setTicks([ticks])
        plot.getAxis("bottom").setHeight(64)  # two lines of tick labels
        plot.showGrid(y=True, alpha=0.25)
        self.bars: dict[tuple[str, str], pg.BarGraphItem] = {}
        self.labels: dict[tuple[str, str], pg.TextItem] = {}
        for kind in KINDS:
            for way in WAYS:
                x = bar_x(kind, way)
                bar = pg.BarGraphItem(x=[x], height=[0.0], width=BAR_W,
                                      brush=theme.qcolour(WAY_COLOURS[way]),
                                      pen=pg.mkPen(theme.FOREGROUND, width=2))
                plot.addItem(bar)
                label = pg.TextItem("", color=theme.FOREGROUND, anchor=(0.5, 1.0))
                label.setFont(theme.ui_font(theme.FONT_PT, bold=True))
                label.setPos(x, 0)
                plot.addItem(label)
                self.bars[(kind, way)] = bar
                self.labels[(kind, way)] = label
            group = pg.TextItem(KIND_NAMES[kind], color=theme.FOREGROUND, anchor=(0.5, 0.0))
            group.setFont(theme.ui_font(theme.FONT_PT, bold=True))
            plot.addItem(group)
            self.labels[(kind, "group")] = group
        plot.setXRange(-0.6, 6.3, padding=0)
        self.set_top(3.0)

    def set_top(self, seconds: float) -> None:
        """Fix the y axis from 0 to a bit more than `seconds`, and place the group titles."""
        self.top_s = seconds
        top = seconds * 1.4
        self.getPlotItem().setYRange(0, top, padding=0)
        for kind in KINDS:
            self.labels[(kind, "group")].setPos(bar_x(kind, "threads"), top)

    def show_bar(self, kind: str, way: str, seconds: float | None, text: str, *,
                 live: bool = False) -> None:
        """Set one bar's height and label; a live bar (still measuring) is drawn pale."""
        bar = self.bars[(kind, way)]
        colour = WAY_COLOURS[way]
        if seconds and seconds > self.top_s:  # a slow machine: make room, keep labels inside
            self.set_top(seconds)
        bar.setOpts(height=[seconds or 0.0],
                    brush=theme.qcolour(colour, 90 if live else 255),
                    pen=pg.mkPen(theme.FOREGROUND, width=2,
                                 style=Qt.PenStyle.DashLine if live else Qt.PenStyle.SolidLine))
        label = self.labels[(kind, way)]
        label.setText(text)
        label.setPos(bar_x(kind, way), seconds or 0.0)

    def heights(self) -> dict[tuple[str, str], float]:
        """Each bar's height now (for tests)."""
        return {key: float(bar.opts["height"][0]) for key, bar in self.bars.items()}


class CpuIoPage(LabPage):
    """Settings and the interpreter on the left; the bars in the middle; the code on the right."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        info = cpu_io.interpreter()
        self.jobs = QSpinBox()
        self.jobs.setRange(1, 8)
        self.jobs.setValue(5)
        self.seconds = QDoubleSpinBox()
        self.seconds.setRange(0.1, 0.8)
        self.seconds.setSingleStep(0.1)
        self.seconds.setDecimals(1)
        self.seconds.setValue(0.5)
        self.seconds.setSuffix(" s")
        settings = QGroupBox("The jobs")
        form = QFormLayout(settings)
        form.addRow("Jobs:", self.jobs)
        form.addRow("Each job:", self.seconds)
        self.interpreter_title = heading(f"Python: {info.title}", theme.FONT_PT)
        self.interpreter_note = note(info.explanation(), pt=theme.SMALL_PT)
        self.job_size = note("", pt=theme.SMALL_PT, colour=theme.MUTED)
        self.verdict = note("", pt=theme.TITLE_PT, bold=True)

        left = QWidget()
        ll = QVBoxLayout(left)
        ll.addWidget(heading("The GIL: CPU vs I/O"))
        ll.addWidget(note("The same jobs three ways. A sleeping thread lets go of the GIL; "
                          "a computing thread needs it all the time.", pt=theme.SMALL_PT))
        ll.addWidget(settings)
        ll.addWidget(self.buttons())
        ll.addWidget(self.status)
        ll.addWidget(self.verdict)
        ll.addWidget(self.job_size)
        ll.addWidget(self.interpreter_title)
        ll.addWidget(self.interpreter_note)
        ll.addStretch(1)
        left_scroll = QScrollArea()
        left_scroll.setWidget(left)
        left_scroll.setWidgetResizable(True)
        left_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        left_scroll.setMinimumWidth(420)

        self.chart = BarChart()
        self.code = code_pane(*LESSON)
        code_box = QWidget()
        cl = QVBoxLayout(code_box)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.addWidget(heading("The code that runs", theme.FONT_PT))
        cl.addWidget(self.code, 1)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left_scroll)
        split.addWidget(self.chart)
        split.addWidget(code_box)
        split.setStretchFactor(1, 3)
        split.setStretchFactor(2, 2)
        split.setSizes([420, 700, 780])
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        self._reset_bars()

    # -- the run ------------------------------------------------------------------------

    def config(self) -> CpuIoConfig:
        """The settings shown."""
        return CpuIoConfig(jobs=self.jobs.value(), seconds=round(self.seconds.value(), 2))

    def make_run(self, listener) -> CpuIoLab:
        """A measurement with the settings shown."""
        return CpuIoLab(self.config(), listener)

    def stop(self) -> None:
        """Skip the bars not started; the one under way must finish (at most 4 s)."""
        super().stop()
        if self.is_running():
            self.status.setText("Stopping: the bar being measured finishes first. Python "
                                "cannot interrupt a computation from outside.")

    def set_controls_enabled(self, enabled: bool) -> None:
        """Settings are fixed while measuring."""
        self.jobs.setEnabled(enabled)
        self.seconds.setEnabled(enabled)

    def begin(self, run: CpuIoLab) -> None:
        """Empty bars on an axis sized for this run."""
        self._reset_bars(run.config)
        self.verdict.setText("")
        self.status.setText("Measuring… (the window stays responsive: the jobs run on other "
                            "threads and processes)")

    def _reset_bars(self, cfg: CpuIoConfig | None = None) -> None:
        cfg = cfg or self.config()
        self.chart.set_top(cfg.jobs * cfg.seconds)
        for kind in KINDS:
            for way in WAYS:
                self.chart.show_bar(kind, way, 0.0, "")
        self.code.set_marks([])

    def show_snapshot(self, snap: CpuIoSnapshot) -> None:
        """Grow the bar being measured; keep the finished ones."""
        if snap.cpu_n:
            self.job_size.setText(f"Each CPU job is cpu_job({snap.cpu_n:,}): about "
                                  f"{self.run.config.seconds:g} s of arithmetic here, "
                                  f"as long as each sleep.")
        for m in snap.measurements:
            if m.elapsed_s is not None:
                self._show_done(m)
            elif m.started_s is not None and snap.phase in ("running", "stopping"):
                live = max(0.0, snap.t - m.started_s)
                self.chart.show_bar(m.kind, m.way, live, f"{live:.1f} s…", live=True)
        self._mark(snap.current)

    def show_measurement(self, m: Measurement) -> None:
        """One bar finished: show it at once (the signal may beat the next tick)."""
        self._show_done(m)

    def _show_done(self, m: Measurement) -> None:
        base = None
        if self.run is not None:
            base = next((x.elapsed_s for x in self.run.snapshot().measurements
                         if x.kind == m.kind and x.way == "sequential"), None)
        text = f"{m.elapsed_s:.2f} s"
        if base and m.way != "sequential":
            text += f"\n×{base / m.elapsed_s:.1f}"
        self.chart.show_bar(m.kind, m.way, m.elapsed_s, text)

    def _mark(self, current: tuple[str, str] | None) -> None:
        marks = []
        if current is not None:
            kind, way = current
            names = {f"def {cpu_io.RUNNERS[way].__name__}(", f"def {cpu_io.JOBS[kind].__name__}("}
            for i, line in enumerate(self.code.toPlainText().splitlines()):
                if any(line.startswith(n) for n in names):
                    marks.append(LineMark(i, True, "running now", "Being measured now."))
        if marks != self.code.marks:
            self.code.set_marks(marks)

    def show_result(self, result: CpuIoResult) -> None:
        """All bars, the speed-ups in words, and what they mean."""
        self.code.set_marks([])
        for m in result.measurements:
            if m.elapsed_s is not None:
                self._show_done(m)
            else:
                self.chart.show_bar(m.kind, m.way, 0.0, "skipped" if m.skipped else "")
        self.verdict.setText(result.sentence())
        cpu_threads = result.speedup("cpu", "threads")
        if result.status == "finished" and cpu_threads is not None:
            gil = result.interpreter.gil_enabled
            self.status.setText(
                ("Threads overlap waiting, not computing: the GIL lets one thread at a time "
                 "run Python. Processes each have their own GIL." if gil else
                 "No GIL here: threads computed in parallel too.")
                + f" Done in {result.elapsed_s:.1f} s."
            )
        else:
            self.status.setText(f"{result.status.capitalize()}.")
