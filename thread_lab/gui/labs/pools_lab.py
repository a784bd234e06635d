"""The Pools & asyncio page: the tutorial's sleep experiment as Thread subclasses, on a
ThreadPoolExecutor and with asyncio, side by side: the same result, different code.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from thread_lab.engine import State
from thread_lab.engine import workers as lessons
from thread_lab.engine.labs import pools
from thread_lab.engine.labs.pools import ThreeWays, ThreeWaysResult, ThreeWaysSnapshot
from thread_lab.gui import theme
from thread_lab.gui.console import Console
from thread_lab.gui.labs.common import LabPage, code_pane, heading, note

COLUMNS = (
    ("subclass", "Thread subclasses",
     "The tutorial's way: a class per kind of thread; start() each, then join() each.",
     (lessons.SleepyThread, lessons.MainProgram)),
    ("pool", "ThreadPoolExecutor",
     "A pool of threads runs plain functions; leaving `with` waits for them all.",
     (pools.sleepy_job, pools.main_with_pool)),
    ("asyncio", "asyncio",
     "One thread, one event loop: while a task awaits, the loop runs the others.",
     (pools.sleepy_task, pools.main_with_asyncio)),
)


class JobSquares(QWidget):
    """One square per job: waiting to start, sleeping, done; with the words beside."""

    def __init__(self) -> None:
        super().__init__()
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._squares: list[QLabel] = []
        self.words = QLabel("")
        self.words.setStyleSheet(theme.text_css(theme.SMALL_PT))

    def set_jobs(self, n: int) -> None:
        """n squares, all "not started"."""
        while self._row.count():
            item = self._row.takeAt(0)
            if item.widget() and item.widget() is not self.words:
                item.widget().deleteLater()
        self._squares = []
        for _ in range(n):
            sq = QLabel()
            sq.setFixedSize(24, 24)
            self._row.addWidget(sq)
            self._squares.append(sq)
        self._row.addWidget(self.words, 1)
        self.show_counts(0, 0)

    def show_counts(self, started: int, done: int) -> None:
        """Colour the squares: done first, then the ones sleeping, then the rest."""
        for i, sq in enumerate(self._squares):
            state = State.DONE if i < done else State.SLEEPING if i < started else State.READY
            sq.setStyleSheet(theme.swatch_style(theme.colour_for_state(state)))
        n = len(self._squares)
        self.words.setText(f"{done}/{n} done, {started - done} sleeping")


class PoolsPage(LabPage):
    """Settings on top; three columns: code, progress, console and the time each took."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.jobs = QSpinBox()
        self.jobs.setRange(1, 20)
        self.jobs.setValue(5)
        self.jobs.setPrefix("jobs: ")
        self.seconds = QDoubleSpinBox()
        self.seconds.setRange(0.1, 5.0)
        self.seconds.setSingleStep(0.5)
        self.seconds.setDecimals(1)
        self.seconds.setValue(2.0)
        self.seconds.setPrefix("each sleeps ")
        self.seconds.setSuffix(" s")
        self.verdict = note("", pt=theme.TITLE_PT, bold=True)

        top = QHBoxLayout()
        top.addWidget(heading("The same sleeps, three ways"), 2)
        top.addWidget(self.jobs)
        top.addWidget(self.seconds)
        top.addWidget(self.buttons(), 1)

        grid = QGridLayout()
        self.times: dict[str, QLabel] = {}
        self.squares: dict[str, JobSquares] = {}
        self.consoles: dict[str, Console] = {}
        self.codes = {}
        for col, (key, title, blurb, objects) in enumerate(COLUMNS):
            grid.addWidget(heading(title), 0, col)
            grid.addWidget(note(blurb, pt=theme.SMALL_PT), 1, col)
            self.times[key] = note("", pt=theme.TITLE_PT, bold=True)
            grid.addWidget(self.times[key], 2, col)
            self.squares[key] = JobSquares()
            grid.addWidget(self.squares[key], 3, col)
            self.codes[key] = code_pane(*objects, pt=theme.SMALL_PT)  # three side by side
            grid.addWidget(self.codes[key], 4, col)
            self.consoles[key] = Console(max_lines=500)
            self.consoles[key].setMinimumHeight(150)
            grid.addWidget(self.consoles[key], 5, col)
            grid.setColumnStretch(col, 1)
        grid.setRowStretch(4, 3)
        grid.setRowStretch(5, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status, 1)
        status_row.addWidget(self.verdict, 2)
        layout.addLayout(status_row)
        layout.addLayout(grid, 1)
        for s in self.squares.values():
            s.set_jobs(self.jobs.value())

    def make_run(self, listener) -> ThreeWays:
        """The three versions with the settings shown."""
        return ThreeWays(self.jobs.value(), round(self.seconds.value(), 2), listener)

    def set_controls_enabled(self, enabled: bool) -> None:
        """Settings are fixed during a run."""
        self.jobs.setEnabled(enabled)
        self.seconds.setEnabled(enabled)

    def begin(self, run: ThreeWays) -> None:
        """Fresh squares, consoles and times."""
        for key, *_ in COLUMNS:
            self.squares[key].set_jobs(run.jobs)
            self.consoles[key].begin(run)
            self.times[key].setText("")
        self.verdict.setText("")
        self.status.setText(f"Running {run.jobs} sleeps of {run.seconds:g} s, three ways at once…")

    def show_snapshot(self, snap: ThreeWaysSnapshot) -> None:
        """Progress and console lines of each version."""
        sub = snap.subclass
        started = sum(1 for s in sub.states if s is not State.READY)
        done = sum(1 for s in sub.states if s is State.DONE)
        self._column("subclass", started, done, sub)
        self._column("pool", snap.pool.started, snap.pool.done, snap.pool)
        self._column("asyncio", snap.asyncio.started, snap.asyncio.done, snap.asyncio)

    def _column(self, key: str, started: int, done: int, snap) -> None:
        self.squares[key].show_counts(started, done)
        self.consoles[key].show_snapshot(snap)
        if snap.phase in ("running", "stopping"):
            self.times[key].setText(f"{snap.t:.2f} s …")

    def show_result(self, result: ThreeWaysResult) -> None:
        """The time each took and on how many threads."""
        sub = result.subclass
        if sub is not None:
            self.times["subclass"].setText(f"{sub.elapsed_s:.2f} s on {sub.threads} threads")
            self.consoles["subclass"].finish(sub)
        for key in ("pool", "asyncio"):
            r = getattr(result, key)
            if r is not None:
                n = len(r.threads)
                self.times[key].setText(f"{r.elapsed_s:.2f} s on {n} thread{'s' if n != 1 else ''}")
                self.consoles[key].finish(r)
        self.verdict.setText(result.sentence())
        self.status.setText("Waiting overlaps on threads and on tasks alike. Threads: any "
                            "blocking call works. asyncio: only `await`-able ones, but "
                            "thousands of tasks cost little." if result.status == "finished"
                            else result.status.capitalize() + ".")

