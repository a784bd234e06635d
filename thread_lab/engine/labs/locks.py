"""Deadlocks: two threads taking two locks in opposite orders, and one thread taking one Lock
twice. The locks report who holds them and who waits for them, so the window can draw the
wait-for graph and find its cycle the moment it forms.

The lesson classes (`TransferThread`, `NestedThread`) are what the code pane shows; the
`WatchedLock` they use is a real `threading.Lock` (or `RLock`) with the bookkeeping kept
out of their way.
"""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass, field

from thread_lab.engine.lab_thread import LabThread
from thread_lab.engine.lab_thread import lab_print as print  # noqa: A004 - to the lab's console
from thread_lab.engine.labs.base import POLL_S, LabListener, LabRun, Stopped, mark_waiting
from thread_lab.engine.shared import LogEvent, State

SCENARIOS = ("two_locks", "nested")


# -- the lessons ------------------------------------------------------------------------------


class TransferThread(LabThread):
    """Moves money between two accounts, each with its own lock."""

    def run(self):
        # Thread 1: first is lock A, second lock B. Thread 2: B, A.
        first, second = self.first, self.second
        if self.one_order:
            # Cure 1: every thread takes the locks in one order.
            first, second = sorted([first, second], key=by_name)
        done = 0
        while done < self.transfers and not self.should_stop():
            with first:
                print(f"{self.name}: holding {first.name}")
                self.sleep(self.pause)  # the other takes its first
                # timeout=-1: wait for ever. Cure 2: a real timeout.
                got_both = second.acquire(timeout=self.timeout)
                if got_both:
                    print(f"{self.name}: transfer {done + 1}")
                    done += 1
                    second.release()
            if not got_both:
                # `with` let go of `first`: the other can go on.
                print(f"{self.name}: gave up on {second.name}")
                self.sleep(random.uniform(0, 4 * self.pause))
        self.transfers_done = done


def by_name(lock):
    """Sort locks by name: "lock A" before "lock B"."""
    return lock.name


class NestedThread(LabThread):
    """Takes a lock, then calls a helper that takes it again."""

    def run(self):
        with self.lock:
            print(f"{self.name}: took {self.lock.name} once")
            self.deposit(10)  # a helper that needs the lock too
        print(f"{self.name}: done, balance {self.balance}")

    def deposit(self, amount):
        with self.lock:  # the same lock, again, same thread
            print(f"{self.name}: took {self.lock.name} twice")
            self.balance += amount


# -- the instrumented lock and the wait-for graph ----------------------------------------------


@dataclass(frozen=True)
class Wait:
    """One edge "thread waits for lock" of the wait-for graph."""

    thread: str
    lock: str
    since: float  # run clock, seconds
    timeout: float | None  # None: waits for ever


@dataclass(frozen=True)
class Graph:
    """The wait-for graph at one moment: who holds which lock, who waits for which."""

    locks: tuple[str, ...]
    threads: tuple[str, ...]
    holders: tuple[tuple[str, str, int], ...]  # (lock, thread, how many times it took it)
    waits: tuple[Wait, ...]
    cycle: tuple[str, ...] = ()  # thread, lock, thread, lock, … (back to the first thread)
    formed_at: float | None = None  # when the cycle formed, run clock

    @property
    def deadlocked(self) -> bool:
        """True while the threads of a cycle wait for each other with no timeout."""
        if not self.cycle:
            return False
        timed = {w.thread for w in self.waits if w.timeout is not None}
        return not any(t in timed for t in self.cycle[0::2])

    def holder(self, lock: str) -> str | None:
        """The thread holding `lock`, if any."""
        return next((t for name, t, _ in self.holders if name == lock), None)

    def waiting_for(self, thread: str) -> str | None:
        """The lock `thread` waits for, if any."""
        return next((w.lock for w in self.waits if w.thread == thread), None)

    def sentence(self) -> str:
        """The cycle in words, or who waits for whom, for the window and the terminal."""
        if self.cycle:
            return describe_cycle(self.cycle, self.waits)
        if self.waits:
            w = self.waits[0]
            holder = self.holder(w.lock)
            return f"{w.thread} waits for {w.lock}" + (f", held by {holder}." if holder else ".")
        return "Nobody waits."


def describe_cycle(cycle: tuple[str, ...], waits: tuple[Wait, ...] = ()) -> str:
    """Say a wait-for cycle in plain words."""
    threads, locks = cycle[0::2], cycle[1::2]
    timed = {w.thread: w.timeout for w in waits if w.timeout is not None}
    if len(threads) == 1:
        text = (
            f"{threads[0]} waits for {locks[0]}, which it holds itself. A Lock does not "
            f"know who holds it, so it waits for its own release(): for ever."
        )
    else:
        parts = []
        for i, (t, lock) in enumerate(zip(threads, locks)):
            holder = threads[(i + 1) % len(threads)]
            parts.append(f"{t} waits for {lock}, held by {holder}")
        text = "; ".join(parts) + ". Each waits for the other: for ever."
    if timed:
        who = ", ".join(f"{t} gives up after {s:g} s" for t, s in timed.items())
        text = text.replace(": for ever.", ", until a timeout ends it") + f" ({who})."
    return text


def find_cycle(
    holders: dict[str, str], waits: dict[str, str]
) -> tuple[str, ...]:
    """The cycle thread → lock it waits for → thread holding it → …, or () if none."""
    for start in sorted(waits):
        path: list[str] = []
        seen: set[str] = set()
        thread = start
        while thread in waits and thread not in seen:
            seen.add(thread)
            lock = waits[thread]
            path += [thread, lock]
            holder = holders.get(lock)
            if holder is None:
                break
            if holder == start:
                return tuple(path)
            thread = holder
    return ()


class WaitForGraph:
    """Who holds and who waits for each watched lock, and the cycle if there is one.

    Why a lock of its own: every lesson thread updates it while the window reads it; each
    change and the cycle check happen together, so a snapshot never shows half a change.
    """

    def __init__(self, clock, log, locks: tuple[str, ...], threads: tuple[str, ...]) -> None:
        self._clock = clock
        self._log = log
        self._guard = threading.Lock()
        self._locks = locks
        self._threads = threads
        self._holders: dict[str, tuple[str, int]] = {}
        self._waits: dict[str, Wait] = {}
        self._cycle: tuple[str, ...] = ()
        self._formed_at: float | None = None
        self.cycles_seen = 0  # how many times a cycle formed during the run
        self.first_cycle: tuple[str, ...] = ()
        self.gave_up = 0  # timed acquires that ended without the lock

    def waiting(self, thread: str, lock: str, timeout: float | None) -> None:
        """`thread` starts waiting for `lock`."""
        with self._guard:
            self._waits[thread] = Wait(thread, lock, round(self._clock(), 4), timeout)
            self._check()

    def got(self, thread: str, lock: str) -> None:
        """`thread` now holds `lock` (once more, for an RLock)."""
        with self._guard:
            self._waits.pop(thread, None)
            _, count = self._holders.get(lock, (thread, 0))
            self._holders[lock] = (thread, count + 1)
            self._check()

    def stopped_waiting(self, thread: str, lock: str, gave_up: bool) -> None:
        """`thread` no longer waits for `lock` and did not get it (timeout, or Stop)."""
        with self._guard:
            self._waits.pop(thread, None)
            if gave_up:
                self.gave_up += 1
            self._check()

    def released(self, thread: str, lock: str) -> None:
        """`thread` released `lock` once."""
        with self._guard:
            holder, count = self._holders.get(lock, (thread, 1))
            if count > 1:
                self._holders[lock] = (holder, count - 1)
            else:
                self._holders.pop(lock, None)
            self._check()

    def holder(self, lock: str) -> str | None:
        """The thread holding `lock` now, if any."""
        with self._guard:
            held = self._holders.get(lock)
            return held[0] if held else None

    def graph(self) -> Graph:
        """The graph now, as an immutable value."""
        with self._guard:
            return Graph(
                locks=self._locks,
                threads=self._threads,
                holders=tuple((lock, t, n) for lock, (t, n) in sorted(self._holders.items())),
                waits=tuple(self._waits[t] for t in sorted(self._waits)),
                cycle=self._cycle,
                formed_at=self._formed_at,
            )

    def _check(self) -> None:
        # Called with the guard held, after every change: a cycle is seen the moment it forms.
        cycle = find_cycle({k: v[0] for k, v in self._holders.items()},
                           {t: w.lock for t, w in self._waits.items()})
        if cycle and not self._cycle:
            self._formed_at = round(self._clock(), 4)
            self.cycles_seen += 1
            self.first_cycle = self.first_cycle or cycle
            self._log.add("Lab", "deadlock", "wait-for cycle: " + " → ".join(cycle + cycle[:1]))
        elif not cycle and self._cycle:
            self._log.add("Lab", "deadlock", "the cycle is broken")
            self._formed_at = None
        self._cycle = cycle


class WatchedLock:
    """A real Lock or RLock that reports to the wait-for graph and that Stop can interrupt.

    `acquire()` behaves like threading.Lock.acquire, except that it waits in slices of
    POLL_S: a thread blocked in a plain acquire() cannot be woken, so Stop could never end a
    deadlock. Between slices it looks at the stop event and raises Stopped when it is set.
    """

    def __init__(self, name: str, graph: WaitForGraph, stopping: threading.Event,
                 kind: str = "lock") -> None:
        self.name = name
        self.kind = kind
        self._lock = threading.RLock() if kind == "rlock" else threading.Lock()
        self._graph = graph
        self._stopping = stopping

    def acquire(self, blocking: bool = True, timeout: float = -1) -> bool:
        """Take the lock; with a timeout ≥ 0, give up (False) after that many seconds."""
        me = threading.current_thread().name
        if self.kind == "rlock" and self._graph.holder(self.name) == me:
            self._lock.acquire()  # ours already: an RLock just counts one more
            self._graph.got(me, self.name)
            return True
        if self._lock.acquire(blocking=False):
            self._graph.got(me, self.name)
            return True
        if not blocking:
            return False
        limit = None if timeout is None or timeout < 0 else float(timeout)
        self._graph.waiting(me, self.name, limit)
        mark_waiting(True)
        waited = 0.0
        try:
            while True:
                if self._stopping.is_set():
                    self._graph.stopped_waiting(me, self.name, gave_up=False)
                    raise Stopped(f"{me} was waiting for {self.name}")
                piece = POLL_S if limit is None else min(POLL_S, limit - waited)
                if piece <= 0:
                    self._graph.stopped_waiting(me, self.name, gave_up=True)
                    return False
                if self._lock.acquire(timeout=piece):
                    self._graph.got(me, self.name)
                    return True
                waited += piece
        finally:
            mark_waiting(False)

    def release(self) -> None:
        """Let go of the lock once."""
        self._graph.released(threading.current_thread().name, self.name)
        self._lock.release()

    def __enter__(self):
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()

    def __repr__(self) -> str:
        return f"<WatchedLock {self.name} ({'RLock' if self.kind == 'rlock' else 'Lock'})>"


# -- the run ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class LockLabConfig:
    """What the lock lab runs: which scenario, with which cures."""

    scenario: str = "two_locks"  # "two_locks" (opposite orders) or "nested" (one lock twice)
    one_order: bool = False  # cure 1: both threads take the locks in one order
    timeout: float | None = None  # cure 2: acquire(timeout=…) and back off
    lock_kind: str = "lock"  # "lock" or "rlock" (the nested scenario's choice)
    pause: float = 0.2  # seconds a thread holds its first lock before taking the second
    transfers: int = 3  # per thread, in the two-locks scenario

    def __post_init__(self) -> None:
        if self.scenario not in SCENARIOS:
            raise ValueError(f"scenario must be one of {', '.join(SCENARIOS)}")
        if self.lock_kind not in ("lock", "rlock"):
            raise ValueError("lock kind must be lock or rlock")
        if self.timeout is not None and not 0 < self.timeout <= 10:
            raise ValueError("timeout must be from 0 to 10 seconds")
        if not 0 <= self.pause <= 5 or not 1 <= self.transfers <= 100:
            raise ValueError("pause must be 0–5 s and transfers 1–100")


@dataclass(frozen=True)
class LockSnapshot:
    """The lock lab at one moment."""

    t: float
    phase: str
    names: tuple[str, ...]
    states: tuple[State, ...]
    graph: Graph
    events: tuple[LogEvent, ...]
    cursor: int
    gave_up: int


@dataclass(frozen=True)
class LockResult:
    """How a lock-lab run ended."""

    scenario: str
    status: str  # "finished", "stopped", "failed"
    elapsed_s: float
    deadlocked: bool  # a cycle with no timeout was still there when the run was stopped
    cycles_seen: int
    first_cycle: tuple[str, ...]
    gave_up: int
    errors: tuple[str, ...] = ()
    done: tuple[int, ...] = field(default=())  # transfers per thread

    def sentence(self) -> str:
        """One plain sentence for the summary."""
        if self.status == "failed":
            return self.errors[0] if self.errors else "The run failed."
        if self.deadlocked:
            return "Deadlocked: " + describe_cycle(self.first_cycle) + " Stop ended it."
        if self.status == "stopped":
            return "Stopped."
        if self.scenario == "nested":
            return "Done: an RLock let its owner take it again; no deadlock."
        if self.gave_up:
            return (f"Done, all transfers made: a timeout broke {self.cycles_seen} "
                    f"deadlock(s); the threads gave up {self.gave_up} time(s) and retried.")
        return "Done, all transfers made: one lock order, so no cycle could form."


class LockLab(LabRun):
    """Two threads and two locks (or one thread and one lock), watched as a wait-for graph."""

    thread_name = "Main"

    def __init__(self, config: LockLabConfig | None = None,
                 listener: LabListener | None = None) -> None:
        super().__init__(listener)
        self.config = config = config or LockLabConfig()
        if config.scenario == "two_locks":
            names, locks = ("Thread 1", "Thread 2"), ("lock A", "lock B")
        else:
            names, locks = ("Thread 1",), ("lock A",)
        self.graph = WaitForGraph(self.clock, self.log, locks, names)
        self.locks = [WatchedLock(n, self.graph, self.stopping, config.lock_kind) for n in locks]
        timeout = -1 if config.timeout is None else config.timeout
        if config.scenario == "two_locks":
            a, b = self.locks
            common = dict(one_order=config.one_order, timeout=timeout, pause=config.pause,
                          transfers=config.transfers, transfers_done=0)
            self.workers: list[LabThread] = [
                TransferThread(1, self, first=a, second=b, **common),
                TransferThread(2, self, first=b, second=a, **common),
            ]
        else:
            self.workers = [NestedThread(1, self, lock=self.locks[0], balance=100)]
        self.threads = list(self.workers)

    @property
    def lesson_class(self) -> type[LabThread]:
        """The class the code pane shows."""
        return type(self.workers[0])

    def drive(self) -> None:
        """Start the threads; the base class joins them."""
        for worker in self.workers:
            worker.start()

    def snapshot(self, cursor: int = 0) -> LockSnapshot:
        """The graph, each thread's state and the new console lines."""
        events, cursor = self.log.since(cursor)
        return LockSnapshot(
            t=self.clock() if self.result is None else self.result.elapsed_s,
            phase=self.phase,
            names=tuple(w.name for w in self.workers),
            states=tuple(w.state for w in self.workers),
            graph=self.graph.graph(),
            events=events,
            cursor=cursor,
            gave_up=self.graph.gave_up,
        )

    def measure(self, elapsed: float) -> LockResult:
        """Was there a deadlock when the run ended, and how did it go."""
        return LockResult(
            scenario=self.config.scenario,
            status=self.status,
            elapsed_s=elapsed,
            # Stop wakes the threads of a deadlock, so their waits are gone by now: what
            # counts is whether they were deadlocked when Stop was pressed.
            deadlocked=self._deadlock_at_stop,
            cycles_seen=self.graph.cycles_seen,
            first_cycle=self.graph.first_cycle,
            gave_up=self.graph.gave_up,
            errors=self.errors,
            done=tuple(getattr(w, "transfers_done", 0) for w in self.workers),
        )

    def stop(self) -> None:
        """Stop, remembering whether the threads were deadlocked at that moment."""
        if self.phase == "running":
            self._deadlock_at_stop = self.graph.graph().deadlocked
        super().stop()

    _deadlock_at_stop = False
