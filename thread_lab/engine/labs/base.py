"""What every lab run shares: the stop event, the clock, the log, and joining every thread.

A `LabRun` is also the "board" the lesson threads (`LabThread` subclasses) report to, the way
`Run` is for the tutorial's experiments: `stopping`, `clock()`, `log` and `worker_failed()`.
"""

from __future__ import annotations

import threading
import time

from thread_lab.engine.lab_thread import LabThread, current_worker
from thread_lab.engine.run import describe_error
from thread_lab.engine.shared import EventLog

# How often a wait that Python cannot interrupt (lock.acquire, queue.get) wakes up to look at
# the Stop button. 50 ms: Stop feels instant, and an idle waiter costs 20 wake-ups a second.
POLL_S = 0.05


class Stopped(Exception):
    """Raised inside a lesson thread whose wait was ended by Stop; the thread then ends."""


class LabListener:
    """What a lab run tells its watcher. Called from the run's own threads."""

    def worker_failed(self, thread: str, message: str) -> None:
        """A thread raised; `message` says which error, in one line."""

    def finished(self, result) -> None:
        """The run ended and every thread it started has been joined."""


def mark_waiting(waiting: bool) -> None:
    """Show the calling lesson thread as waiting (for a lock, a queue) or not, on screen."""
    worker = current_worker()
    if worker is not None:
        # Why the private fields: LabThread keeps "waiting" for its lock switch; a lab's own
        # waits (an instrumented lock, a queue) are shown the same way, in the same colour.
        worker._waiting = waiting
        worker._refresh()


class LabRun:
    """start / stop / join / snapshot for one run of a lab; subclasses write `drive()`."""

    thread_name = "thread-lab lab"

    def __init__(self, listener: LabListener | None = None) -> None:
        self.listener = listener or LabListener()
        self.stopping = threading.Event()
        self._t0 = time.perf_counter()
        self.log = EventLog(self.clock)
        self._errors: list[str] = []
        self._errors_lock = threading.Lock()  # why: any worker thread may fail at any time
        self._driver: threading.Thread | None = None
        self.threads: list[threading.Thread] = []  # every thread the lesson starts
        self.result = None
        self.phase = "ready"

    # -- control ------------------------------------------------------------------------

    def start(self) -> None:
        """Start the lab's main program on its own thread."""
        if self._driver is not None:
            raise RuntimeError("this run was already started")
        self._t0 = time.perf_counter()
        self.phase = "running"
        self._driver = threading.Thread(target=self._drive, name=self.thread_name, daemon=True)
        self._driver.start()

    def stop(self) -> None:
        """Ask every thread to end now: sleeps and waits wake at once."""
        if self.phase == "running":
            self.phase = "stopping"
        self.stopping.set()

    def join(self, timeout: float | None = None) -> bool:
        """Wait until every thread of the run has ended; True if they all have."""
        if self._driver is None:
            return True
        self._driver.join(timeout)
        return not self._driver.is_alive()

    @property
    def running(self) -> bool:
        """True from start() until every thread has been joined."""
        return self._driver is not None and self._driver.is_alive()

    def clock(self) -> float:
        """Seconds since the run started."""
        return time.perf_counter() - self._t0

    @property
    def errors(self) -> tuple[str, ...]:
        """The one-line messages of the threads that failed."""
        with self._errors_lock:
            return tuple(self._errors)

    @property
    def status(self) -> str:
        """"failed", "stopped" or "finished" (meaningful once the run has ended)."""
        if self.errors:
            return "failed"
        return "stopped" if self.stopping.is_set() else "finished"

    # -- what lesson threads call ---------------------------------------------------------

    def worker_failed(self, worker: LabThread, exc: BaseException) -> None:
        """A thread raised. Stopped is how Stop ends a wait: logged, not an error."""
        if isinstance(exc, Stopped):
            self.log.add(worker.name, "stop", f"{worker.name}: stopped while waiting")
            return
        message = f"{worker.name} failed: {describe_error(exc)}"
        with self._errors_lock:
            self._errors.append(message)
        self.log.add(worker.name, "error", message)
        self.stop()
        self.listener.worker_failed(worker.name, message)

    # -- for subclasses -----------------------------------------------------------------

    def drive(self) -> None:
        """The lab's main program, run on the run's own thread."""
        raise NotImplementedError

    def measure(self, elapsed: float):
        """The frozen result, made once every thread has been joined."""
        raise NotImplementedError

    def _drive(self) -> None:
        try:
            self.drive()
        except Stopped:
            pass
        except Exception as exc:  # noqa: BLE001 - reported, never lost
            message = f"{self.thread_name} failed: {describe_error(exc)}"
            with self._errors_lock:
                self._errors.append(message)
            self.log.add("Main", "error", message)
            self.listener.worker_failed("Main", message)
        finally:
            # The run is over only when every thread it started has ended, whatever happened.
            self.stopping_if_failed()
            for thread in self.threads:
                if thread.ident is not None:
                    threading.Thread.join(thread)
            elapsed = self.clock()
            self.result = self.measure(round(elapsed, 4))
            self.phase = self.status
            self.listener.finished(self.result)

    def stopping_if_failed(self) -> None:
        """After a failure, wake every other thread so the joins below end."""
        if self.errors:
            self.stopping.set()
