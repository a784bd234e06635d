"""What the threads share: a counter, a file, a lock that can be switched, and a log.

Everything here is touched by many threads at once; each class says how it stays safe.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path


class State(IntEnum):
    """What a thread is doing, as the timeline colours it."""

    READY = 0  # created, not started yet
    RUNNING = 1
    SLEEPING = 2
    WAITING = 3  # waiting for the lock
    HOLDING = 4  # holding the lock
    DONE = 5
    JOINING = 6  # waiting in join() for another thread to finish


@dataclass(frozen=True)
class LogEvent:
    """One timestamped happening: a print, a lock switch, an error."""

    t: float  # seconds since the run started
    thread: str  # "Thread 3", "Main"
    kind: str  # "print", "lock", "error", "join"
    text: str


class EventLog:
    """An append-only list of events that readers page through with a cursor.

    Why a lock: appends come from every worker thread while the window reads; the lock keeps
    each reader's slice consistent with the cursor it gets back, on any Python build.
    """

    def __init__(self, clock) -> None:
        self._clock = clock
        self._events: list[LogEvent] = []
        self._lock = threading.Lock()

    def add(self, thread: str, kind: str, text: str) -> None:
        """Record an event now."""
        event = LogEvent(self._clock(), thread, kind, text)
        with self._lock:
            self._events.append(event)

    def since(self, cursor: int) -> tuple[tuple[LogEvent, ...], int]:
        """Return the events after `cursor` and the cursor to pass next time."""
        with self._lock:
            return tuple(self._events[cursor:]), len(self._events)

    def all(self) -> tuple[LogEvent, ...]:
        """Every event so far, in order."""
        return self.since(0)[0]


class SharedCounter:
    """The number every counter thread adds to.

    A plain attribute on purpose: reading and writing it runs no Python function, so the
    `+= 1` the plain variant does is exactly what the tutorial shows, race and all.
    """

    def __init__(self) -> None:
        self.counter = 0


class LockSwitch:
    """A real `threading.Lock` (or `RLock`) that the teacher can switch off and on mid-run.

    `with lock:` takes the real lock while the switch is on and does nothing while it is off.
    A flip takes effect at the next `with`: a thread that took the lock always releases it.
    """

    def __init__(self, kind: str, enabled: bool, on_state, on_switch) -> None:
        self.kind = kind
        self._lock = threading.RLock() if kind == "rlock" else threading.Lock()
        # Why a plain bool is enough: the GUI thread writes it, workers read it once per
        # `with`; a bool assignment is atomic, and a stale read only delays the flip by one
        # increment, which is what "takes effect at the next increment" promises.
        self.enabled = enabled
        self._on_state = on_state  # (thread) -> records waiting / holding / released
        self._on_switch = on_switch
        self._taken = threading.local()  # per thread: a stack of "did this `with` acquire?"

    def switch(self, enabled: bool) -> None:
        """Turn the lock on or off; running threads notice at their next `with`."""
        if enabled != self.enabled:
            self.enabled = enabled
            self._on_switch(enabled)

    def __enter__(self):
        stack = getattr(self._taken, "stack", None)
        if stack is None:
            stack = self._taken.stack = []
        if self.enabled:
            self._on_state("waiting")
            self._lock.acquire()
            stack.append(True)
            self._on_state("holding")
        else:
            stack.append(False)
        return self

    def __exit__(self, *exc) -> None:
        if self._taken.stack.pop():
            self._lock.release()
            self._on_state("released")

    def locked(self) -> bool:
        """True while some thread holds the real lock."""
        if isinstance(self._lock, type(threading.Lock())):
            return self._lock.locked()
        # RLock has no locked() before Python 3.14: try it without blocking.
        if self._lock.acquire(blocking=False):
            self._lock.release()
            return False
        return True


class SharedFile:
    """One file that every file thread appends to.

    Each `write` is one unbuffered `os.write` to a file opened for appending, so what a
    thread writes lands at once, whole, and at the end of the file. A line written in two
    calls can still be split by another thread's write between them: that is the lesson.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        # Why unbuffered: a shared buffer would hide the interleaving and delay what the
        # window shows; one os.write per call is atomic for appends on a local disk.
        self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)

    def write(self, text: str) -> None:
        """Append `text` to the file now."""
        data = text.encode("utf-8")
        try:
            while data:
                written = os.write(self._fd, data)
                data = data[written:]
        except OSError as exc:  # name the file: "No space left on device (/path/shared.txt)"
            raise OSError(exc.errno, exc.strerror, str(self.path)) from exc

    def close(self) -> None:
        """Close the file; later writes fail."""
        if self._fd >= 0:
            fd, self._fd = self._fd, -1
            os.close(fd)


def make_run_folder(parent: Path | None) -> Path:
    """Create a fresh, empty folder for one run's files, so no user file is overwritten."""
    import tempfile

    if parent is None:
        parent = Path(tempfile.gettempdir())
    stamp = time.strftime("%Y%m%d-%H%M%S")
    return Path(tempfile.mkdtemp(prefix=f"thread-lab-{stamp}-", dir=parent))
