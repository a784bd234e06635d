"""Start, watch, stop and always join one run of an experiment."""

from __future__ import annotations

import contextlib
import re
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from thread_lab.engine import workers
from thread_lab.engine.config import RunConfig
from thread_lab.engine.lab_thread import LabThread
from thread_lab.engine.shared import (
    EventLog,
    LockSwitch,
    LogEvent,
    SharedCounter,
    SharedFile,
    State,
    make_run_folder,
)

WINDOW_WAIT_S = 0.2  # the longest a pausing thread waits for the window to draw
INTACT_LINE = re.compile(r"Thread (\d+): line (\d+)")


class RunError(RuntimeError):
    """The run could not start (for example, its folder cannot be written)."""


class Listener:
    """What a run tells its watcher. Called from the run's own threads, never the caller's."""

    def started(self, run: Run) -> None:
        """The run's threads are being started."""

    def worker_failed(self, thread: str, message: str) -> None:
        """A thread raised; `message` says which error, in one line."""

    def finished(self, result: RunResult) -> None:
        """The run ended (finished, stopped or failed) and every thread has been joined."""


@dataclass(frozen=True)
class Snapshot:
    """The run at one moment, cheap enough to take 60 times a second."""

    t: float  # seconds since start
    phase: str  # "running", "stopping", "finished", "stopped", "failed"
    counter: int  # the shared counter now
    expected: int  # increments (or lines) the threads have completed
    lost: int  # expected - counter, for the counter experiment
    lock_on: bool
    progress: tuple[int, ...]  # per worker thread
    states: tuple[State, ...]  # per worker thread
    main_state: State
    events: tuple[LogEvent, ...]  # new since the cursor passed in
    cursor: int  # pass this to the next snapshot()


@dataclass(frozen=True)
class RunResult:
    """What a finished run measured."""

    experiment: str
    threads: int
    status: str  # "finished", "stopped" or "failed"
    elapsed_s: float
    mode: str
    lock: bool  # the lock switch at the end
    lock_kind: str
    join: bool
    plain: bool
    sleep_s: float
    iterations: int
    main_done_s: float | None  # when the main program printed its last line
    errors: tuple[str, ...] = ()
    expected: int | None = None
    actual: int | None = None
    lost: int | None = None
    per_thread: tuple[int, ...] = ()
    lines_expected: int | None = None
    lines_intact: int | None = None
    lines_torn: int | None = None
    path: str | None = None
    lock_switches: tuple[tuple[float, bool], ...] = field(default=())

    def to_dict(self) -> dict:
        """The result as plain JSON-ready values, leaving out what does not apply."""
        data = asdict(self)
        data["per_thread"] = list(self.per_thread)
        data["errors"] = list(self.errors)
        data["lock_switches"] = [list(s) for s in self.lock_switches]
        return {k: v for k, v in data.items() if v is not None}

    def sentence(self) -> str:
        """One plain sentence saying what happened, for the summary."""
        if self.status == "failed":
            return f"The run failed: {self.errors[0]}" if self.errors else "The run failed."
        prefix = "Stopped early. " if self.status == "stopped" else ""
        if self.experiment == "counter":
            if self.lost:
                cure = " Switch the lock on." if not self.lock else ""
                return (
                    f"{prefix}{self.lost:,} of {self.expected:,} increments were lost: "
                    f"threads overwrote each other's writes.{cure}"
                )
            how = "the lock let one thread at a time read and write" if self.lock else (
                "no thread switch fell between a read and its write"
            )
            return f"{prefix}All {self.expected:,} increments counted: {how}."
        if self.experiment == "file":
            if self.lines_torn:
                return (
                    f"{prefix}{self.lines_torn:,} lines were torn: another thread wrote "
                    f"between the two halves of a line.{'' if self.lock else ' Switch the lock on.'}"
                )
            return f"{prefix}All {self.lines_intact:,} lines are whole."
        return (
            f"{prefix}{self.threads} × {self.sleep_s:g} s of sleep took "
            f"{self.elapsed_s:.2f} s {self.mode}."
        )


class Run:
    """One run of an experiment on real threads. Use start(), stop(), join(), snapshot()."""

    def __init__(
        self,
        config: RunConfig,
        listener: Listener | None = None,
        *,
        shared_file_path: Path | None = None,
    ) -> None:
        self.config = config
        self.listener = listener or Listener()
        self.stopping = threading.Event()
        self._t0 = time.perf_counter()
        self.log = EventLog(self.clock)
        self.shared = SharedCounter()
        self.lock = LockSwitch(config.lock_kind, config.lock, self._lock_state, self._switched)
        self.file: SharedFile | None = None
        self._file_path = shared_file_path
        self.workers: list[LabThread] = []
        self.main: workers.MainProgram | None = None
        self._driver: threading.Thread | None = None
        self._errors: list[str] = []
        self._errors_lock = threading.Lock()
        self._switches: list[tuple[float, bool]] = []
        self.result: RunResult | None = None
        self._phase = "ready"
        # The window's turn (see window_turn): a plain bool that every pause reads, so it
        # costs nothing while no window takes a turn; the event is what paused threads wait on.
        self.window_drawing = False
        self._window_done = threading.Event()
        self._window_done.set()
        # The window's heartbeat (see window_alive): None while no window watches.
        self.window_due: float | None = None
        self._window_back = threading.Event()
        self._window_back.set()

    # -- control ------------------------------------------------------------------------

    @property
    def worker_class(self) -> type[LabThread]:
        """The lesson class this run's threads are made of (the code pane shows it)."""
        if self.config.experiment == "sleep":
            return workers.SleepyThread
        if self.config.experiment == "file":
            return workers.FileThread
        return workers.PlainCounterThread if self.config.plain else workers.CounterThread

    def start(self) -> None:
        """Prepare the shared state and start the main program on its own thread."""
        if self._driver is not None:
            raise RunError("this run was already started")
        cfg = self.config
        if cfg.experiment == "file":
            self._open_file()
        lesson = dict(
            iterations=cfg.iterations,
            seconds=cfg.sleep,
            shared=self.shared,
            lock=self.lock,
            file=self.file,
        )
        cls = self.worker_class
        self.workers = [cls(i, self, **lesson) for i in range(1, cfg.threads + 1)]
        self.main = workers.MainProgram(0, self, workers=self.workers, mode=cfg.mode, join=cfg.join)
        self._t0 = time.perf_counter()
        self._phase = "running"
        self._driver = threading.Thread(target=self._drive, name="thread-lab run", daemon=True)
        self._driver.start()

    def stop(self) -> None:
        """Ask every thread to end now; sleeping threads wake at once."""
        if self._phase == "running":
            self._phase = "stopping"
        self.stopping.set()
        self.window_due = None
        self._window_done.set()  # no thread waits for the window once Stop is pressed
        self._window_back.set()

    def join(self, timeout: float | None = None) -> bool:
        """Wait until every thread of the run has ended; True if they all have."""
        if self._driver is None:
            return True
        self._driver.join(timeout)
        return not self._driver.is_alive()

    def set_lock(self, enabled: bool) -> None:
        """Switch the lock on or off, now, even mid-run."""
        self.lock.switch(enabled)

    @property
    def running(self) -> bool:
        """True from start() until every thread has been joined."""
        return self._driver is not None and self._driver.is_alive()

    def clock(self) -> float:
        """Seconds since the run started."""
        return time.perf_counter() - self._t0

    # -- watching -----------------------------------------------------------------------

    @contextlib.contextmanager
    def window_turn(self):
        """While inside, a thread that reaches a pause waits for the window (at most 0.2 s).

        Why: every step of drawing a frame needs the GIL, and with hundreds of threads
        wanting it too the window waited for it at each step: a frame took seconds. The
        window takes a turn only when it is crowded out, and only for a small share of the
        time (see MainWindow._tick). Threads never wait in the middle of a lesson step: only
        where they pause anyway (`self.sleep`), so a pause just lasts a little longer.
        """
        self._window_done.clear()
        self.window_drawing = True
        try:
            yield
        finally:
            self.window_drawing = False
            self._window_done.set()

    def window_alive(self, within: float | None) -> None:
        """The window had the interpreter just now and will ask again within `within` s.

        Why: with hundreds of threads that hardly ever stop, the window's thread could wait
        for the GIL for seconds (18 s was measured with 1000 threads pausing 0 s): whoever
        the system wakes gets the GIL, and it is one window against 1000 threads. Once the
        window is overdue, a thread that reaches a pause waits until the window is back (at
        most WINDOW_WAIT_S), so the window gets the GIL. A window that keeps its heartbeat
        costs the threads nothing. `within` None: no window watches any more.
        """
        self.window_due = None if within is None else time.perf_counter() + within
        self._window_back.set()

    def window_overdue(self) -> bool:
        """True if a watching window missed its heartbeat (see window_alive)."""
        due = self.window_due
        return due is not None and time.perf_counter() > due

    def wait_for_window(self) -> None:
        """Called by a pausing thread while the window draws or is overdue: wait for it."""
        if self.window_drawing:
            self._window_done.wait(WINDOW_WAIT_S)
            return
        self._window_back.clear()
        if self.window_overdue() and not self.stopping.is_set():
            self._window_back.wait(WINDOW_WAIT_S)
        else:  # the window came back meanwhile
            self._window_back.set()

    def snapshot(self, cursor: int = 0) -> Snapshot:
        """The run now: counter, each thread's progress and state, and new events."""
        # Progress first, then the counter: a thread writes the counter before its tally,
        # so read in this order the lost count never shows an update as lost by mistake.
        progress = tuple(w.progress for w in self.workers)
        counter = self.shared.counter
        expected = sum(progress)
        events, cursor = self.log.since(cursor)
        lost = max(0, expected - counter) if self.config.experiment == "counter" else 0
        return Snapshot(
            t=self.clock() if self.result is None else self.result.elapsed_s,
            phase=self._phase,
            counter=counter,
            expected=expected,
            lost=lost,
            lock_on=self.lock.enabled,
            progress=progress,
            states=tuple(w.state for w in self.workers),
            main_state=self.main.state if self.main else State.READY,
            events=events,
            cursor=cursor,
        )

    # -- what threads call --------------------------------------------------------------

    def worker_failed(self, worker: LabThread, exc: BaseException) -> None:
        """A thread raised: record it, tell the watcher, and stop the whole run."""
        message = f"{worker.name} failed: {describe_error(exc)}"
        with self._errors_lock:
            self._errors.append(message)
        self.log.add(worker.name, "error", message)
        self.stop()
        self.listener.worker_failed(worker.name, message)

    def _lock_state(self, change: str) -> None:
        from thread_lab.engine.lab_thread import current_worker

        worker = current_worker()
        if worker is not None:
            worker.lock_state(change)

    def _switched(self, enabled: bool) -> None:
        t = self.clock()
        self._switches.append((round(t, 4), enabled))
        self.log.add("Teacher", "lock", f"lock switched {'on' if enabled else 'off'}")

    # -- the run's own thread -----------------------------------------------------------

    def _open_file(self) -> None:
        try:
            path = self._file_path
            if path is None:
                path = make_run_folder(self.config.directory) / "shared.txt"
            self.file = SharedFile(path)
        except OSError as exc:
            where = self.config.directory or "the temporary folder"
            raise RunError(f"cannot create the shared file in {where}: {describe_error(exc)}") from exc

    def _drive(self) -> None:
        self.listener.started(self)
        try:
            self.main.run()  # the lesson's main program, on this thread (named "Main" on screen)
        finally:
            # Whatever the lesson did (join or no join, error or not), the run is only over
            # when every thread it started has ended.
            for worker in self.workers:
                if worker.ident is not None:
                    threading.Thread.join(worker)
            elapsed = self.clock()
            if self.file is not None:
                self.file.close()
            self.result = self._measure(elapsed)
            self._phase = self.result.status
            self.listener.finished(self.result)

    def _measure(self, elapsed: float) -> RunResult:
        cfg = self.config
        errors = tuple(self._errors)
        if errors:
            status = "failed"
        elif self.stopping.is_set():
            status = "stopped"
        else:
            status = "finished"
        main_done = next(
            (e.t for e in reversed(self.log.all()) if e.thread == "Main" and e.kind == "print"),
            None,
        )
        common = dict(
            experiment=cfg.experiment,
            threads=cfg.threads,
            status=status,
            elapsed_s=round(elapsed, 4),
            mode=cfg.mode,
            lock=self.lock.enabled,
            lock_kind=cfg.lock_kind,
            join=cfg.join,
            plain=cfg.plain,
            sleep_s=cfg.sleep,
            iterations=cfg.iterations,
            main_done_s=None if main_done is None else round(main_done, 4),
            errors=errors,
            per_thread=tuple(w.progress for w in self.workers),
            lock_switches=tuple(self._switches),
        )
        if cfg.experiment == "counter":
            expected = sum(w.progress for w in self.workers)
            actual = self.shared.counter
            return RunResult(
                **common, expected=expected, actual=actual, lost=max(0, expected - actual)
            )
        if cfg.experiment == "file":
            return RunResult(**common, **count_lines(self.file.path, cfg.threads * cfg.iterations))
        return RunResult(**common)


def count_lines(path: Path, expected: int) -> dict:
    """Count the whole and the torn lines of a shared file.

    A line is whole when it reads exactly `Thread i: line j` and no earlier line was that
    same line: a first half from one thread stitched to another thread's second half can
    also read like a whole line, and then it repeats (or replaces) a genuine one.
    """
    intact = torn = 0
    seen: set[tuple[str, str]] = set()
    path = Path(path)
    try:
        if path.is_file():  # not a device such as /dev/full, which reads forever
            with path.open("r", encoding="utf-8", errors="replace") as lines:
                for line in lines:
                    match = INTACT_LINE.fullmatch(line.rstrip("\n"))
                    if match and match.groups() not in seen:
                        seen.add(match.groups())
                        intact += 1
                    else:
                        torn += 1
    except OSError:
        pass  # the file was deleted or cannot be read: report what could be counted
    return dict(lines_expected=expected, lines_intact=intact, lines_torn=torn, path=str(path))


def describe_error(exc: BaseException) -> str:
    """One line for an error, the way a person reads it: no traceback."""
    if isinstance(exc, OSError) and exc.strerror:
        where = f" ({exc.filename})" if exc.filename else ""
        return f"{exc.strerror}{where}"
    text = str(exc) or type(exc).__name__
    return f"{type(exc).__name__}: {text}" if str(exc) else text
