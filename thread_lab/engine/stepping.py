"""Be the scheduler: the real lesson threads stop before each shared operation until you say.

A `StepRun` is a `Run` of the counter or file experiment whose shared objects are instrumented:
the counter is a property, the lock and the file are thin subclasses or wrappers. Each of them
calls the run's `Gate` around the real operation:

- in step mode a thread *parks* at the gate, showing its next operation, until the controller
  grants it exactly one step (`StepRun.step(n)`); it then performs the real operation and runs
  on, by itself, to its next gate (or to its end). Nothing else moves meanwhile, so the order of
  the operations is exactly the order of the grants, and a recording replays exactly;
- in a free (recorded) run nobody waits: the gate only writes down, in the order they really
  happened, the reads, writes, lock operations and file writes of the threads.

The lesson classes are untouched: `PlainCounterThread` compiles to the same bytecode in every
run. Normal runs (`Run`) use the plain objects of shared.py and never come here, so their speed
and their races are what they always were.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from thread_lab.engine.config import ConfigError, RunConfig
from thread_lab.engine.lab_thread import LabThread, current_worker
from thread_lab.engine.run import Listener, Run
from thread_lab.engine.shared import LockSwitch, SharedCounter, SharedFile, State

# One key per thread (1–9) and a run a person can step through or watch replayed.
MAX_STEP_THREADS = 9
MAX_STEP_ITERATIONS = 100

# The shared operations a thread can be stopped before.
OPS = ("read", "write", "acquire", "release", "file")
OP_NAMES = {
    "read": "read the counter",
    "write": "write the counter",
    "acquire": "take the lock",
    "release": "release the lock",
    "file": "write to the file",
}


class StepError(RuntimeError):
    """A step that cannot be taken now; the message says why, in one line."""


class LeftAtGate(Exception):
    """Raised in a thread parked at the gate when Stop is pressed: it leaves without its step."""


@dataclass(frozen=True)
class Step:
    """One shared operation that happened: who, what, and the value read or written."""

    index: int  # 1, 2, 3… in the order the operations happened
    thread: int  # 1-based thread number
    op: str  # one of OPS
    value: int | str | None  # counter value read or written; the text of a file write
    erased: tuple[int, ...] = ()  # a counter write: the threads whose updates it overwrote
    tore: tuple[int, ...] = ()  # a file write: the threads whose half-written line it split

    def describe(self) -> str:
        """What happened, as one sentence for the event list."""
        who = f"Thread {self.thread}"
        if self.op == "read":
            return f"{who} read {self.value}"
        if self.op == "write":
            text = f"{who} wrote {self.value}"
            return f"{text}: it erased {updates_of(self.erased)}" if self.erased else text
        if self.op == "acquire":
            return f"{who} took the lock"
        if self.op == "release":
            return f"{who} released the lock"
        text = f"{who} wrote {self.value!r} to the file"
        if self.tore:
            owners = " and ".join(f"Thread {t}'s" for t in self.tore)
            return f"{text}: inside {owners} half-written line"
        return text

    def headline(self) -> str:
        """The lost update or torn line this step caused, named ("" when it caused none)."""
        if self.erased:
            return f"Thread {self.thread}'s write erased {updates_of(self.erased)}"
        if self.tore:
            owners = " and ".join(f"Thread {t}'s" for t in self.tore)
            return f"Thread {self.thread} wrote in the middle of {owners} line"
        return ""


def updates_of(threads: tuple[int, ...]) -> str:
    """ "Thread 1's update", "Thread 1's 2 updates", "Thread 1's and Thread 3's updates"."""
    counts: dict[int, int] = {}
    for t in threads:
        counts[t] = counts.get(t, 0) + 1
    parts = [f"Thread {t}'s {n} updates" if n > 1 else f"Thread {t}'s" for t, n in counts.items()]
    if len(parts) == 1:
        return parts[0] if parts[0].endswith("updates") else f"{parts[0]} update"
    noun = "" if parts[-1].endswith("updates") else " updates"
    return ", ".join(parts[:-1]) + f" and {parts[-1]}{noun}"


@dataclass(frozen=True)
class ThreadView:
    """One thread as the scheduler's seat shows it."""

    number: int
    status: str  # "moving", "ready", "blocked", "running", "done", "left"
    op: str | None  # the operation it is parked before (step mode)
    detail: int | str | None  # what that write will write (counter value or file text)
    local: int | None  # the counter value it read and has not written back yet
    holds_lock: bool
    mid_line: bool  # file: it wrote the first half of a line, not the second yet
    steps: int  # operations it has performed

    def next_text(self) -> str:
        """Its next operation in words: "write the counter ← 1"."""
        if self.op is None:
            return ""
        if self.op == "write":
            return f"write the counter ← {self.detail}"
        if self.op == "file":
            half = "second" if self.mid_line else "first"
            return f"write the {half} half {self.detail!r}"
        return OP_NAMES[self.op]


@dataclass(frozen=True)
class StepSnapshot:
    """The scheduler's view of a run at one moment, cheap enough to take 30 times a second."""

    phase: str  # "ready", "running", "stopping", "finished", "stopped", "failed"
    stepping: bool
    counter: int
    writes: int  # counter writes so far: one per completed increment
    lost: int  # writes - counter
    lock_on: bool
    lock_owner: int | None
    threads: tuple[ThreadView, ...]
    runnable: tuple[int, ...]  # the threads you may step now
    settled: bool  # no thread is moving: every one is parked, blocked or done
    steps: tuple[Step, ...]  # new since the cursor passed in
    cursor: int
    total_steps: int
    file_text: str  # everything written to the shared file so far (file experiment)
    blocked_by_lock: bool  # a thread has stood at the lock while another held it


class Gate:
    """Where the lesson threads stop before each shared operation, and the record of them all.

    Why one Condition for everything: the threads park and wake on it, the controller grants
    through it, and every record is appended under it, so the recorded order is the real order.
    """

    def __init__(self, threads: int, stopping: threading.Event, *, stepping: bool,
                 workers: Callable[[], list[LabThread]]) -> None:
        self.threads = threads
        self.stepping = stepping
        self._stopping = stopping
        self._workers = workers
        self._cond = threading.Condition()
        self._parked: dict[int, tuple[str, object]] = {}  # thread → (op, detail)
        self._granted: int | None = None
        self._left: set[int] = set()  # threads that left at the gate on Stop
        self._steps: list[Step] = []
        self._counts: dict[int, int] = {}  # thread → operations performed
        self._local: dict[int, int] = {}  # thread → value read, not yet written back
        self._holders: list[int] = []  # the writers whose increments the counter holds now
        self._writes = 0
        self._owner: int | None = None
        self._depth = 0
        self._mid: dict[int, bool] = {}  # file: thread mid-line → has its line been torn?
        self._file: list[str] = []
        self.blocked_by_lock = False

    # -- what the instrumented objects call, on the lesson threads -------------------------

    def perform(self, number: int, op: str, detail, action: Callable[[], object]):
        """Do `action` (the real operation) as thread `number`'s step `op`; return its value."""
        if not self.stepping:
            if op == "acquire":
                # Take the real lock first (it may block), then record: a release is recorded
                # before it happens, so the record never shows two holders.
                value = action()
                with self._cond:
                    self._record(number, op, value)
                return value
            with self._cond:
                value = action()
                self._record(number, op, value)
            return value
        with self._cond:
            if self._stopping.is_set():
                return self._leave(number, op, action)
            self._parked[number] = (op, detail)
            if op == "acquire" and self._owner not in (None, number):
                self.blocked_by_lock = True
            self._cond.notify_all()
            while self._granted != number:
                if self._stopping.is_set():
                    del self._parked[number]
                    return self._leave(number, op, action)
                self._cond.wait()
            self._granted = None
            del self._parked[number]
        # Only this thread moves now, so doing the operation outside the Condition is safe;
        # an acquire cannot block: the controller only grants it while the lock is free.
        value = action()
        with self._cond:
            self._record(number, op, value)
        return value

    def _leave(self, number: int, op: str, action):
        """Stop was pressed: a thread never keeps a lock, and does nothing else any more."""
        if op == "release":
            return action()
        self._left.add(number)
        self._cond.notify_all()
        raise LeftAtGate(f"Thread {number} left at the gate before its {op}")

    def _record(self, number: int, op: str, value) -> None:
        erased: tuple[int, ...] = ()
        tore: tuple[int, ...] = ()
        if op == "read":
            self._local[number] = value
        elif op == "write":
            self._local.pop(number, None)
            self._writes += 1
            # The counter holds the increments of the writers in _holders. Writing v keeps the
            # first v - 1 of them and erases the rest: those updates are lost.
            keep = min(len(self._holders), max(0, value - 1)) if isinstance(value, int) else len(self._holders)
            erased = tuple(self._holders[keep:])
            self._holders = self._holders[:keep] + [number]
        elif op == "acquire":
            self._owner = number
            self._depth += 1
            if any(o == "acquire" for t, (o, _) in self._parked.items() if t != number):
                self.blocked_by_lock = True  # someone stands at the lock this thread just took
        elif op == "release":
            self._depth -= 1
            if self._depth <= 0:
                self._owner, self._depth = None, 0
        elif op == "file":
            tore = tuple(t for t, torn in self._mid.items() if t != number and not torn)
            for t in tore:
                self._mid[t] = True
            if number in self._mid:
                del self._mid[number]  # the second half: this thread's line is complete
            else:
                self._mid[number] = bool(tore)  # a first half inside a line: torn as well
            self._file.append(str(value))
        self._steps.append(Step(len(self._steps) + 1, number, op, value, erased, tore))
        self._counts[number] = self._counts.get(number, 0) + 1
        self._cond.notify_all()

    # -- what the controller calls ----------------------------------------------------------

    def grant(self, number: int) -> None:
        """Let thread `number` perform its next operation; StepError says why it cannot."""
        with self._cond:
            problem = self._why_not(number)
            if problem:
                raise StepError(problem)
            self._granted = number
            self._cond.notify_all()

    def why_not(self, number: int) -> str | None:
        """Why thread `number` cannot take a step now, or None when it can."""
        with self._cond:
            return self._why_not(number)

    def runnable(self) -> tuple[int, ...]:
        """The threads that may take a step now."""
        with self._cond:
            return tuple(n for n in range(1, self.threads + 1) if self._why_not(n) is None)

    def settled(self) -> bool:
        """True when no thread is moving: each is parked at the gate, or has ended."""
        with self._cond:
            return self._settled()

    def wait_settled(self, timeout: float) -> bool:
        """Wait (at most `timeout` s) until no thread is moving; True if that happened."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while not self._settled():
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                # Why a short wait and not only notify: a thread that ends after its last
                # operation passes no gate, so nothing notifies; its DONE state is polled.
                self._cond.wait(min(left, 0.005))
            return True

    def wake(self) -> None:
        """Wake every parked thread so it sees Stop."""
        with self._cond:
            self._cond.notify_all()

    @property
    def step_count(self) -> int:
        """How many operations have been performed so far."""
        with self._cond:
            return len(self._steps)

    def steps(self) -> tuple[Step, ...]:
        """Every operation performed so far, in order."""
        with self._cond:
            return tuple(self._steps)

    def view(self, cursor: int, lock_on: bool) -> dict:
        """The gate's part of a StepSnapshot, taken consistently under its lock."""
        with self._cond:
            workers = {w.number: w for w in self._workers()}
            settled = self._settled()
            views = []
            for n in range(1, self.threads + 1):
                op, detail = self._parked.get(n, (None, None))
                worker = workers.get(n)
                if n in self._left:
                    status = "left"
                elif op is not None:
                    status = "blocked" if self._blocked(n, op) else "ready"
                elif worker is not None and worker.state is State.DONE:
                    status = "done"
                else:
                    status = "moving" if self.stepping else "running"
                views.append(ThreadView(
                    number=n, status=status, op=op, detail=detail, local=self._local.get(n),
                    holds_lock=self._owner == n, mid_line=n in self._mid,
                    steps=self._counts.get(n, 0),
                ))
            runnable = tuple(n for n in range(1, self.threads + 1) if self._why_not(n) is None)
            return dict(
                writes=self._writes, lock_owner=self._owner, threads=tuple(views), runnable=runnable,
                settled=settled, steps=tuple(self._steps[cursor:]), cursor=len(self._steps),
                total_steps=len(self._steps), file_text="".join(self._file),
                blocked_by_lock=self.blocked_by_lock,
            )

    # -- inside (call with the Condition held) ------------------------------------------------

    def _settled(self) -> bool:
        if self._granted is not None:
            return False
        workers = {w.number: w for w in self._workers()}
        if len(workers) < self.threads:
            return False  # the run has not made its threads yet
        return all(
            n in self._parked or n in self._left or workers[n].state is State.DONE
            for n in range(1, self.threads + 1)
        )

    def _blocked(self, number: int, op: str) -> bool:
        return op == "acquire" and self._owner not in (None, number)

    def _why_not(self, number: int) -> str | None:
        if not self.stepping:
            return "this run is not in step mode: its threads run freely"
        if self._stopping.is_set():
            return "the run was stopped"
        if not 1 <= number <= self.threads:
            return f"there is no Thread {number} in this run"
        if number in self._left:
            return f"Thread {number} has left"
        if self._granted is not None:
            return f"Thread {self._granted} is still taking its step"
        if number not in self._parked:
            worker = next((w for w in self._workers() if w.number == number), None)
            if worker is not None and worker.state is State.DONE:
                return f"Thread {number} has finished"
            return f"Thread {number} is still moving to its next step"
        if not self._settled():
            workers = {w.number: w for w in self._workers()}
            moving = next((n for n in range(1, self.threads + 1)
                           if n not in self._parked and n not in self._left
                           and not (n in workers and workers[n].state is State.DONE)), None)
            if moving is None:
                return "the threads are still starting"
            return f"Thread {moving} is still moving to its next step"
        op, _ = self._parked[number]
        if self._blocked(number, op):
            return f"Thread {number} waits for the lock: Thread {self._owner} holds it"
        return None


# -- the instrumented shared objects ------------------------------------------------------------


def _acting_number() -> int | None:
    """The lesson thread number doing this operation; None for the window or the run itself."""
    worker = current_worker()
    if worker is None or worker.number == 0:
        return None
    return worker.number


class GatedCounter(SharedCounter):
    """The shared counter of a step or recorded run: `counter` is a property that asks the gate.

    A read or write from anything but a lesson thread (the window's snapshot, the result) just
    looks, and is neither gated nor recorded.
    """

    def __init__(self, gate: Gate) -> None:  # no super().__init__(): it would assign through the property
        self._gate = gate
        self._value = 0

    @property
    def counter(self) -> int:
        """The counter; a lesson thread's read is one step."""
        number = _acting_number()
        if number is None:
            return self._value
        return self._gate.perform(number, "read", None, self._read)

    @counter.setter
    def counter(self, value: int) -> None:
        number = _acting_number()
        if number is None:
            self._value = value
            return
        self._gate.perform(number, "write", value, lambda: self._write(value))

    def _read(self) -> int:
        return self._value

    def _write(self, value: int) -> int:
        self._value = value
        return value


class GatedLock(LockSwitch):
    """The lock switch of a step or recorded run: taking and releasing the lock are steps.

    Why it reaches into LockSwitch's fields: it is the same real lock, the same per-thread stack
    and the same state reports, with the gate wrapped around the acquire and the release.
    """

    def __init__(self, gate: Gate, kind: str, enabled: bool, on_state, on_switch) -> None:
        super().__init__(kind, enabled, on_state, on_switch)
        self._gate = gate

    def __enter__(self):
        number = _acting_number()
        if number is None:
            return super().__enter__()
        stack = getattr(self._taken, "stack", None)
        if stack is None:
            stack = self._taken.stack = []
        if not self.enabled:
            stack.append(False)
            return self

        def take() -> None:
            self._on_state("waiting")
            self._lock.acquire()
            self._on_state("holding")

        self._gate.perform(number, "acquire", None, take)
        stack.append(True)
        return self

    def __exit__(self, *exc) -> None:
        number = _acting_number()
        if number is None:
            return super().__exit__(*exc)
        if self._taken.stack.pop():

            def give() -> None:
                self._lock.release()
                self._on_state("released")

            self._gate.perform(number, "release", None, give)
        return None


class GatedFile:
    """The shared file of a step or recorded run: each write is one step, then the real write."""

    def __init__(self, inner: SharedFile, gate: Gate) -> None:
        self._inner = inner
        self._gate = gate
        self.path = inner.path

    def write(self, text: str) -> None:
        """Append `text` to the file, as one step of the calling lesson thread."""
        number = _acting_number()
        if number is None:
            self._inner.write(text)
            return

        def put() -> str:
            self._inner.write(text)
            return text

        self._gate.perform(number, "file", text, put)

    def close(self) -> None:
        """Close the real file."""
        self._inner.close()


# -- the run ------------------------------------------------------------------------------------


def step_config(config: RunConfig, *, stepping: bool) -> RunConfig:
    """The settings a step or recorded run uses: threaded and joined; no pause when stepping."""
    if config.experiment not in ("counter", "file"):
        raise ConfigError(
            "the scheduler lab needs the counter or the file experiment: sleeping threads share nothing"
        )
    if config.threads > MAX_STEP_THREADS:
        raise ConfigError(
            f"threads must be from 1 to {MAX_STEP_THREADS} here (one number key each), not {config.threads}"
        )
    if config.iterations > MAX_STEP_ITERATIONS:
        raise ConfigError(
            f"iterations must be from 1 to {MAX_STEP_ITERATIONS} here, not {config.iterations:,}"
        )
    # Stepping: you are the pause, so self.sleep() returns at once (the code still calls it).
    changes = dict(mode="threaded", join=True)
    if stepping:
        changes["sleep"] = 0.0
    return config.replace(**changes)


class StepRun(Run):
    """A run whose threads wait before each shared operation until you let one go (stepping),
    or run freely while the order of their shared operations is recorded (stepping=False)."""

    def __init__(self, config: RunConfig, listener: Listener | None = None, *, stepping: bool = True,
                 shared_file_path: Path | None = None) -> None:
        config = step_config(config, stepping=stepping)
        super().__init__(config, listener, shared_file_path=shared_file_path)
        self.stepping = stepping
        self.gate = Gate(config.threads, self.stopping, stepping=stepping, workers=lambda: self.workers)
        self.shared = GatedCounter(self.gate)
        self.lock = GatedLock(self.gate, config.lock_kind, config.lock, self._lock_state, self._switched)

    # -- stepping -----------------------------------------------------------------------

    def step(self, number: int) -> None:
        """Let thread `number` perform exactly its next shared operation."""
        self.gate.grant(number)

    def runnable(self) -> tuple[int, ...]:
        """The threads that may take a step now."""
        return self.gate.runnable()

    def settled(self) -> bool:
        """True when every thread is parked at the gate or has ended."""
        return self.gate.settled()

    def wait_settled(self, timeout: float = 10.0) -> bool:
        """Wait until every thread is parked at the gate or has ended; True if so in time."""
        return self.gate.wait_settled(timeout)

    def play(self, order, timeout: float = 10.0) -> None:
        """Step the threads in `order` (thread numbers), each step settled before the next."""
        for number in order:
            if not self.wait_settled(timeout):
                raise StepError(f"the threads did not settle within {timeout:g} s")
            self.step(number)
        if not self.wait_settled(timeout):
            raise StepError(f"the threads did not settle within {timeout:g} s")

    def steps(self) -> tuple[Step, ...]:
        """Every shared operation performed so far, in order."""
        return self.gate.steps()

    # -- Run ------------------------------------------------------------------------------

    def stop(self) -> None:
        """Ask every thread to end now; a thread parked at the gate leaves without its step."""
        super().stop()
        self.gate.wake()

    def set_lock(self, enabled: bool) -> None:
        """The lock is chosen before a step run starts: switching it mid-run is refused."""
        if enabled != self.lock.enabled:
            raise StepError("choose the lock before you start: a recording must replay the same way")

    def worker_failed(self, worker: LabThread, exc: BaseException) -> None:
        """A thread left at the gate because of Stop is not a failure; anything else is."""
        if isinstance(exc, LeftAtGate):
            self.log.add(worker.name, "stop", str(exc))
            return
        super().worker_failed(worker, exc)

    def _open_file(self) -> None:
        super()._open_file()
        self.file = GatedFile(self.file, self.gate)

    def step_snapshot(self, cursor: int = 0) -> StepSnapshot:
        """The scheduler's view now: each thread's next operation, the counter, new steps."""
        gate = self.gate.view(cursor, self.lock.enabled)
        counter = self.shared.counter
        return StepSnapshot(
            phase=self._phase, stepping=self.stepping, counter=counter,
            lost=max(0, gate["writes"] - counter) if self.config.experiment == "counter" else 0,
            lock_on=self.lock.enabled, **gate,
        )
