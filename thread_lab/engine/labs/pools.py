"""The tutorial's sleep experiment three ways: Thread subclasses (the tutorial's
`SleepyThread`, run by `Run`), a `ThreadPoolExecutor`, and `asyncio`. Same jobs, same
result (N sleeps of S seconds take about S seconds in all), different code.

The lesson functions get a `lab` object with two helpers, the way `LabThread` gives its
subclasses `print` and `self.sleep`:

- `lab.print(text)` writes a line to the lab's console;
- `lab.sleep(seconds)` is `time.sleep(seconds)` that the Stop button can interrupt.
"""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass

from thread_lab.engine.labs.base import LabListener, LabRun
from thread_lab.engine.shared import LogEvent

WAYS = ("pool", "asyncio")


# -- the lessons ------------------------------------------------------------------------------


def sleepy_job(number, seconds, lab):
    """A job for the pool: hello, sleep, goodbye."""
    lab.print(f"Job {number}: starting")
    lab.sleep(seconds)
    lab.print(f"Job {number}: finishing")
    return number


def main_with_pool(jobs, seconds, lab):
    """Give the jobs to a pool of threads."""
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(sleepy_job, n, seconds, lab)
                   for n in range(1, jobs + 1)]
        for future in as_completed(futures):
            number = future.result()
            lab.print(f"Main: job {number} is done")
    # leaving `with` waited for every thread
    lab.print("Main: all done")


async def sleepy_task(number, seconds, lab):
    """A task: while it awaits, others run."""
    lab.print(f"Task {number}: starting")
    await asyncio.sleep(seconds)  # not time.sleep!
    lab.print(f"Task {number}: finishing")
    return number


async def main_with_asyncio(jobs, seconds, lab):
    """Every task on one thread's event loop."""
    tasks = [asyncio.create_task(sleepy_task(n, seconds, lab))
             for n in range(1, jobs + 1)]
    for number in await asyncio.gather(*tasks):
        lab.print(f"Main: task {number} is done")
    lab.print("Main: all done")


# -- the run ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PoolSnapshot:
    """One version of the sleep experiment at one moment."""

    t: float
    phase: str
    started: int  # jobs (or tasks) that have said "starting"
    done: int  # jobs that have said "finishing"
    threads: tuple[str, ...]  # the threads that ran a job, in order of first use
    events: tuple[LogEvent, ...]
    cursor: int


@dataclass(frozen=True)
class PoolResult:
    """How long one version took, and on how many threads its jobs ran."""

    way: str
    status: str
    elapsed_s: float
    jobs: int
    seconds: float
    done: int
    threads: tuple[str, ...]
    errors: tuple[str, ...] = ()

    def sentence(self) -> str:
        """One plain sentence for the summary."""
        if self.status != "finished":
            return self.errors[0] if self.errors else self.status.capitalize() + "."
        on = f"{len(self.threads)} thread{'s' if len(self.threads) != 1 else ''}"
        return (f"{self.jobs} × {self.seconds:g} s of sleep took {self.elapsed_s:.2f} s, "
                f"on {on}.")


class PoolLab(LabRun):
    """The sleep experiment on a ThreadPoolExecutor or on asyncio."""

    def __init__(self, way: str = "pool", jobs: int = 5, seconds: float = 2.0,
                 listener: LabListener | None = None) -> None:
        if way not in WAYS:
            raise ValueError(f"way must be one of {', '.join(WAYS)}")
        if not 1 <= jobs <= 100 or not 0 <= seconds <= 10:
            raise ValueError("jobs must be 1–100 and seconds 0–10")
        super().__init__(listener)
        self.way, self.jobs, self.seconds = way, jobs, seconds
        self.thread_name = f"thread-lab {way}"
        self._counts_lock = threading.Lock()  # why: pool threads count concurrently
        self._started = self._done = 0
        self._threads: list[str] = []
        self._loop: asyncio.AbstractEventLoop | None = None
        self._main_task: asyncio.Task | None = None

    @property
    def lesson(self) -> tuple:
        """The functions the code pane shows: the job, then the main program."""
        if self.way == "pool":
            return (sleepy_job, main_with_pool)
        return (sleepy_task, main_with_asyncio)

    # -- the `lab` helpers the lesson calls ---------------------------------------------

    def print(self, text: str) -> None:
        """A console line, tagged with the thread that said it."""
        me = threading.current_thread().name
        with self._counts_lock:
            if text.endswith(": starting"):
                self._started += 1
                if me not in self._threads:
                    self._threads.append(me)
            elif text.endswith(": finishing"):
                self._done += 1
        self.log.add(me, "print", text)

    def sleep(self, seconds: float) -> None:
        """time.sleep(seconds) that Stop interrupts."""
        self.stopping.wait(seconds)

    # -- control ------------------------------------------------------------------------

    def drive(self) -> None:
        """Run the lesson's main program on this thread."""
        if self.way == "pool":
            main_with_pool(self.jobs, self.seconds, self)
        else:
            asyncio.run(self._main_asyncio())

    async def _main_asyncio(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._main_task = asyncio.current_task()
        if self.stopping.is_set():
            return
        try:
            await main_with_asyncio(self.jobs, self.seconds, self)
        except asyncio.CancelledError:
            self.log.add(threading.current_thread().name, "stop", "Main: tasks cancelled")

    def stop(self) -> None:
        """Stop: pool jobs wake from their sleep; asyncio tasks are cancelled."""
        super().stop()
        loop, task = self._loop, self._main_task
        if loop is not None and task is not None:
            try:
                # Why call_soon_threadsafe: the loop belongs to the run's thread; only it
                # may touch its tasks. This hands it the cancel to do.
                loop.call_soon_threadsafe(task.cancel)
            except RuntimeError:
                pass  # the loop has already closed: nothing left to cancel

    def snapshot(self, cursor: int = 0) -> PoolSnapshot:
        """Jobs started and done, the threads used, and the new console lines."""
        events, cursor = self.log.since(cursor)
        with self._counts_lock:
            started, done, threads = self._started, self._done, tuple(self._threads)
        return PoolSnapshot(
            t=self.clock() if self.result is None else self.result.elapsed_s,
            phase=self.phase, started=started, done=done, threads=threads,
            events=events, cursor=cursor,
        )

    def measure(self, elapsed: float) -> PoolResult:
        """The elapsed time and the threads used."""
        snap = self.snapshot(10**12)
        return PoolResult(
            way=self.way, status=self.status, elapsed_s=elapsed, jobs=self.jobs,
            seconds=self.seconds, done=snap.done, threads=snap.threads, errors=self.errors,
        )


@dataclass(frozen=True)
class ThreeWaysSnapshot:
    """The three versions at one moment."""

    t: float
    phase: str
    subclass: object  # the tutorial Run's Snapshot
    pool: PoolSnapshot
    asyncio: PoolSnapshot
    cursor: tuple[int, int, int]  # pass this to the next snapshot()


@dataclass(frozen=True)
class ThreeWaysResult:
    """The three results side by side."""

    status: str
    elapsed_s: float
    subclass: object  # RunResult
    pool: PoolResult
    asyncio: PoolResult
    errors: tuple[str, ...] = ()

    def sentence(self) -> str:
        """Whether the three took about the same time."""
        if self.status != "finished":
            return self.status.capitalize() + "."
        times = [self.subclass.elapsed_s, self.pool.elapsed_s, self.asyncio.elapsed_s]
        return ("Same result: " + ", ".join(f"{t:.2f} s" for t in times)
                + f" for {self.pool.jobs} × {self.pool.seconds:g} s of sleep.")


class ThreeWays(LabRun):
    """The sleep experiment as Thread subclasses, on a ThreadPoolExecutor and on asyncio, all
    at once; each is a separate run with its own threads, stopped and joined together."""

    thread_name = "thread-lab three ways"

    def __init__(self, jobs: int = 5, seconds: float = 2.0,
                 listener: LabListener | None = None) -> None:
        from thread_lab.engine import Run, RunConfig

        super().__init__(listener)
        self.jobs, self.seconds = jobs, seconds
        self.subclass = Run(RunConfig.for_experiment("sleep", threads=jobs, sleep=seconds))
        self.pool = PoolLab("pool", jobs, seconds)
        self.asyncio = PoolLab("asyncio", jobs, seconds)
        self.runs = (self.subclass, self.pool, self.asyncio)

    def drive(self) -> None:
        """Start the three; wait for each to end (Stop reaches all three)."""
        for run in self.runs:
            if not self.stopping.is_set():
                run.start()
        for run in self.runs:
            run.join()

    def stop(self) -> None:
        """Stop all three."""
        super().stop()
        for run in self.runs:
            run.stop()

    def snapshot(self, cursor=0) -> ThreeWaysSnapshot:
        """Each version's snapshot, each with its own event cursor."""
        cursors = cursor if isinstance(cursor, tuple) else (0, 0, 0)
        snaps = [run.snapshot(c) for run, c in zip(self.runs, cursors)]
        return ThreeWaysSnapshot(
            t=self.clock() if self.result is None else self.result.elapsed_s,
            phase=self.phase, subclass=snaps[0], pool=snaps[1], asyncio=snaps[2],
            cursor=tuple(s.cursor for s in snaps),
        )

    def measure(self, elapsed: float) -> ThreeWaysResult:
        """The three results."""
        results = [run.result for run in self.runs]
        errors = tuple(e for r in results if r is not None for e in r.errors)
        status = "failed" if errors else self.status
        if any(r is None for r in results):  # stopped before it started
            status = "stopped"
        return ThreeWaysResult(status, elapsed, *results, errors=errors)
