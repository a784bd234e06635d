"""The base class of every lesson thread: the bookkeeping, kept out of the lesson's way.

A lesson class (in workers.py) subclasses `LabThread` and writes a plain `run()`. This
class records what the thread is doing for the window, makes `self.sleep()` wake at once
when the run is stopped, and reports an exception raised in `run()` instead of letting it
vanish on stderr.
"""

from __future__ import annotations

import builtins
import functools
import threading
import time

from thread_lab.engine.shared import State

# The lesson object whose run() is executing on this OS thread. In sequential mode the
# main program calls worker.run() itself, so "the current thread" and "the worker being
# shown" differ; this is the worker being shown.
_acting = threading.local()


def current_worker() -> LabThread | None:
    """The lesson thread whose run() is executing here, if any."""
    return getattr(_acting, "worker", None)


def lab_print(*parts, sep: str = " ", **kwargs) -> None:
    """print() for lesson code: lines go to the run's console (the window, or stdout)."""
    worker = current_worker()
    if worker is None or kwargs.get("file") is not None:
        builtins.print(*parts, sep=sep, **kwargs)
        return
    worker.board.log.add(worker.name, "print", sep.join(str(p) for p in parts))


class LabThread(threading.Thread):
    """A `threading.Thread` that the window can watch and the Stop button can stop."""

    increments = 0  # counter lessons count their own increments here
    lines_written = 0  # file lessons count their own lines here

    def __init__(self, number: int, board, **lesson) -> None:
        # daemon: a safety net only; every run joins all of its threads before it ends.
        super().__init__(name=f"Thread {number}" if number else "Main", daemon=True)
        self.number = number
        self.board = board  # the Run: clock, log, stop event, error reporting
        self.stopping: threading.Event = board.stopping
        for key, value in lesson.items():
            setattr(self, key, value)
        # Why plain attributes: only this thread writes them, the window only reads them,
        # and reading a stale value for one frame is harmless.
        self.state = State.READY
        self.started_at: float | None = None
        self.finished_at: float | None = None
        self._waiting = False
        self._held = 0
        self._sleeping = False
        self._joining = False

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        if "run" in cls.__dict__:
            cls.run = _watched(cls.__dict__["run"])

    # -- what lesson code calls ---------------------------------------------------------

    def sleep(self, seconds: float) -> None:
        """Like time.sleep(seconds), but the Stop button wakes it at once."""
        self._sleeping = True
        self._refresh()
        try:
            board = self.board
            if getattr(board, "window_drawing", False) or (  # see Run.window_turn
                    getattr(board, "window_due", None) is not None and board.window_overdue()):
                board.wait_for_window()  # and Run.window_alive
            if seconds <= 0:
                time.sleep(0)  # still lets another thread run, as time.sleep(0) does
            else:
                self.stopping.wait(seconds)
        finally:
            self._sleeping = False
            self._refresh()

    def should_stop(self) -> bool:
        """True once Stop was pressed: a thread cannot be killed, it must agree to end."""
        return self.stopping.is_set()

    def join(self, timeout: float | None = None) -> None:
        """threading.Thread.join, shown on the timeline as the waiting thread's state."""
        if self.ident is None:  # never started: Stop came before start()
            return
        waiter = current_worker()
        if waiter is not None:
            waiter._joining = True
            waiter._refresh()
        try:
            super().join(timeout)
        finally:
            if waiter is not None:
                waiter._joining = False
                waiter._refresh()

    # -- bookkeeping --------------------------------------------------------------------

    @property
    def progress(self) -> int:
        """Increments or lines this thread has completed."""
        return self.increments + self.lines_written

    def lock_state(self, change: str) -> None:
        """Record a change reported by the lock: waiting, holding or released."""
        if change == "waiting":
            self._waiting = True
        elif change == "holding":
            self._waiting = False
            self._held += 1
        else:
            self._held -= 1
        self._refresh()

    def _refresh(self) -> None:
        if self.state is State.DONE:
            return
        if self._waiting:
            self.state = State.WAITING
        elif self._held:
            self.state = State.HOLDING
        elif self._sleeping:
            self.state = State.SLEEPING
        elif self._joining:
            self.state = State.JOINING
        else:
            self.state = State.RUNNING


def _watched(run):
    """Wrap a lesson's run() so its states and errors reach the window."""

    @functools.wraps(run)
    def watched_run(self: LabThread) -> None:
        previous = current_worker()
        _acting.worker = self
        self.started_at = self.board.clock()
        self.state = State.RUNNING
        try:
            run(self)
        except BaseException as exc:  # noqa: BLE001 - every failure is reported, none lost
            self.board.worker_failed(self, exc)
        finally:
            self.finished_at = self.board.clock()
            self.state = State.DONE
            _acting.worker = previous

    return watched_run
