"""I/O-bound or CPU-bound: the same N jobs as sleeps and as pure-Python arithmetic, run one
after another, on a pool of threads, and on a pool of processes.

Under the GIL only one thread at a time runs Python code, so threads speed up jobs that
wait (sleep, disk, network: the GIL is released while waiting) but not jobs that compute.
Processes each have their own interpreter and GIL, so they compute on every core.

The job functions are module-level in an importable module: a process pool sends them to
its worker processes by name (pickle), which also works in the frozen build, where
`multiprocessing.freeze_support()` in `thread_lab/__main__.py` turns the re-started program
into a worker.
"""

from __future__ import annotations

import multiprocessing
import os
import platform
import sys
import sysconfig
import threading
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass

from thread_lab.engine.labs.base import LabListener, LabRun

KINDS = ("io", "cpu")
WAYS = ("sequential", "threads", "processes")
KIND_LABELS = {"io": "I/O-bound (sleep)", "cpu": "CPU-bound (arithmetic)"}
WAY_LABELS = {"sequential": "one after another", "threads": "threads", "processes": "processes"}

# "spawn" on every system: a fresh interpreter per worker, as on Windows and macOS. Forking
# a process that runs threads (the window's, the lab's) can copy a lock another thread held
# at that instant and hang the child; Python 3.12+ warns about it, 3.14 no longer does it.
SPAWN = multiprocessing.get_context("spawn")


# -- the lessons ------------------------------------------------------------------------------


def io_job(seconds):
    """Wait, like a download or a disk read: the GIL is free."""
    time.sleep(seconds)
    return seconds


def cpu_job(n):
    """Pure-Python arithmetic: every step needs the GIL."""
    total = 0
    for i in range(n):
        total += i * i % 7
    return total


def sequential(job, inputs):
    """Run the jobs one after another, right here."""
    return [job(x) for x in inputs]


def with_threads(job, inputs):
    """A thread per job: one interpreter, one GIL."""
    with ThreadPoolExecutor(max_workers=len(inputs)) as pool:
        return list(pool.map(job, inputs))


def with_processes(job, inputs):
    """A process per core, each with its own GIL."""
    # More processes than cores can't compute faster,
    # and each one takes time to start.
    workers = min(len(inputs), os.cpu_count() or 1)
    with ProcessPoolExecutor(max_workers=workers, mp_context=SPAWN) as pool:
        return list(pool.map(job, inputs))


# The longest one bar may take (the sequential one): Stop waits for the bar under way.
MAX_BAR_S = 4.0

RUNNERS = {"sequential": sequential, "threads": with_threads, "processes": with_processes}
JOBS = {"io": io_job, "cpu": cpu_job}


# -- the interpreter ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Interpreter:
    """Which Python runs the lab, and whether its threads can compute in parallel."""

    implementation: str
    version: str
    free_threaded_build: bool  # built with --disable-gil (a "t" build such as 3.13t)
    gil_enabled: bool  # sys._is_gil_enabled() where it exists; True before 3.13
    cores: int

    @property
    def title(self) -> str:
        """'CPython 3.11.7, GIL on, 2 cores'."""
        build = "t" if self.free_threaded_build else ""
        gil = "GIL on" if self.gil_enabled else "GIL off"
        return f"{self.implementation} {self.version}{build}, {gil}, {self.cores} cores"

    def explanation(self) -> str:
        """What the GIL means for this interpreter, in a few sentences."""
        if not self.free_threaded_build:
            return (
                "This is a standard build: the GIL (global interpreter lock) lets one thread at "
                "a time run Python code. Threads still overlap their waiting, so they help "
                "I/O-bound jobs; CPU-bound jobs need processes, each with its own GIL. "
                "A free-threaded build (3.13t, 3.14t) has no GIL: there threads compute on "
                "every core too, and the CPU-bound threads bar shrinks like the processes bar."
            )
        if self.gil_enabled:
            return (
                "This is a free-threaded build, but the GIL is on (an extension module asked "
                "for it, or PYTHON_GIL=1): threads take turns as in a standard build."
            )
        return (
            "This is a free-threaded build with the GIL off: threads run Python code on "
            "several cores at once, so threads speed up CPU-bound jobs too, nearly as much "
            "as processes (shared data then needs locks even more)."
        )


def interpreter() -> Interpreter:
    """Describe the running interpreter: version, build, and whether the GIL is on."""
    is_gil_enabled = getattr(sys, "_is_gil_enabled", None)  # Python 3.13+
    return Interpreter(
        implementation=platform.python_implementation(),
        version=platform.python_version(),
        free_threaded_build=bool(sysconfig.get_config_var("Py_GIL_DISABLED")),
        gil_enabled=True if is_gil_enabled is None else bool(is_gil_enabled()),
        cores=os.cpu_count() or 1,
    )


def calibrate(seconds: float) -> int:
    """How big `cpu_job(n)` must be to take about `seconds` here (measured, not guessed)."""
    n = 20_000
    while True:
        # The best of three: another busy thread or program only ever makes a try slower.
        took = min(_timed(cpu_job, n) for _ in range(3))
        if took >= 0.03:
            return max(1000, int(n * seconds / took))
        n *= 4


def _timed(job, n) -> float:
    t0 = time.perf_counter()
    job(n)
    return time.perf_counter() - t0


# -- the run ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Measurement:
    """One bar of the chart: N jobs of one kind, run one way."""

    kind: str  # "io" or "cpu"
    way: str  # "sequential", "threads", "processes"
    elapsed_s: float | None  # None until measured
    started_s: float | None = None  # run clock when it began, for the live bar
    skipped: bool = False  # Stop came first

    @property
    def key(self) -> tuple[str, str]:
        """(kind, way)."""
        return (self.kind, self.way)


@dataclass(frozen=True)
class CpuIoConfig:
    """How many jobs, how long each takes, and which bars to measure."""

    jobs: int = 5
    seconds: float = 0.5  # each job: that long asleep, or that long computing
    kinds: tuple[str, ...] = KINDS
    ways: tuple[str, ...] = WAYS

    def __post_init__(self) -> None:
        if not 1 <= self.jobs <= 8:
            raise ValueError("jobs must be from 1 to 8")
        if not 0.05 <= self.seconds <= 1.0:
            raise ValueError("seconds per job must be from 0.05 to 1")
        if self.jobs * self.seconds > MAX_BAR_S:
            # Stop waits for the bar being measured: keep every bar short.
            raise ValueError(f"jobs × seconds must be at most {MAX_BAR_S:g} s")
        if not set(self.kinds) <= set(KINDS) or not set(self.ways) <= set(WAYS):
            raise ValueError("unknown kind or way")


@dataclass(frozen=True)
class CpuIoSnapshot:
    """The measurement so far."""

    t: float
    phase: str
    measurements: tuple[Measurement, ...]  # in order; elapsed None = not done yet
    current: tuple[str, str] | None  # (kind, way) being measured now
    cpu_n: int | None  # the size of each CPU job, once calibrated


@dataclass(frozen=True)
class CpuIoResult:
    """Every bar, with speed-ups against running the jobs one after another."""

    status: str
    elapsed_s: float
    jobs: int
    seconds: float
    cpu_n: int | None
    measurements: tuple[Measurement, ...]
    interpreter: Interpreter
    errors: tuple[str, ...] = ()

    def elapsed(self, kind: str, way: str) -> float | None:
        """Seconds that `kind` jobs took run `way`, if measured."""
        for m in self.measurements:
            if m.key == (kind, way):
                return m.elapsed_s
        return None

    def speedup(self, kind: str, way: str) -> float | None:
        """How many times faster than one after another (None if either is missing)."""
        base, this = self.elapsed(kind, "sequential"), self.elapsed(kind, way)
        if not base or not this:
            return None
        return base / this

    def sentence(self) -> str:
        """What the bars say, in plain words."""
        if self.status == "failed":
            return self.errors[0] if self.errors else "The run failed."
        parts = []
        for kind, name in (("io", "I/O-bound"), ("cpu", "CPU-bound")):
            ups = [(w, self.speedup(kind, w)) for w in ("threads", "processes")]
            ups = [f"{w} ×{u:.1f}" for w, u in ups if u is not None]
            if ups:
                parts.append(f"{name}: " + ", ".join(ups))
        text = "; ".join(parts) + "." if parts else ""
        if self.status == "stopped":
            return "Stopped. " + text
        return text


class CpuIoListener(LabListener):
    """A lab listener that also hears about each bar as soon as it is measured."""

    def measured(self, measurement: Measurement) -> None:
        """One bar is done."""


class CpuIoLab(LabRun):
    """Time the same jobs sequentially, on threads and on processes; one bar each."""

    thread_name = "thread-lab cpu-io"

    def __init__(self, config: CpuIoConfig | None = None,
                 listener: LabListener | None = None) -> None:
        super().__init__(listener)
        self.config = config or CpuIoConfig()
        self.cpu_n: int | None = None
        self.interpreter = interpreter()
        # Why a lock: the run's thread writes the measurements, the window reads them.
        self._lock = threading.Lock()
        self._measurements = [
            Measurement(kind, way, None) for kind in self.config.kinds for way in self.config.ways
        ]
        self._current: tuple[str, str] | None = None

    def drive(self) -> None:
        """Measure each bar in turn; Stop skips the ones not started yet."""
        cfg = self.config
        if "cpu" in cfg.kinds:
            self.cpu_n = calibrate(cfg.seconds)
        for i, m in enumerate(list(self._measurements)):
            if self.stopping.is_set():
                self._set(i, Measurement(m.kind, m.way, None, skipped=True))
                continue
            size = self.cpu_n if m.kind == "cpu" else cfg.seconds
            inputs = [size] * cfg.jobs
            started = self.clock()
            with self._lock:
                self._current = m.key
                self._measurements[i] = Measurement(m.kind, m.way, None, started_s=started)
            # A job under way cannot be interrupted (Python cannot stop a thread or a
            # computation from outside); Stop takes effect when this bar is measured.
            t0 = time.perf_counter()
            RUNNERS[m.way](JOBS[m.kind], inputs)
            took = time.perf_counter() - t0
            self._set(i, Measurement(m.kind, m.way, round(took, 4), started_s=started))
            self.log.add("Lab", "measured", f"{m.kind} {m.way}: {took:.3f} s")
            if isinstance(self.listener, CpuIoListener):
                self.listener.measured(self._measurements[i])
        with self._lock:
            self._current = None

    def _set(self, i: int, m: Measurement) -> None:
        with self._lock:
            self._measurements[i] = m

    def snapshot(self, cursor: int = 0) -> CpuIoSnapshot:
        """The bars measured so far and the one being measured now."""
        with self._lock:
            measurements, current = tuple(self._measurements), self._current
        return CpuIoSnapshot(
            t=self.clock() if self.result is None else self.result.elapsed_s,
            phase=self.phase, measurements=measurements, current=current, cpu_n=self.cpu_n,
        )

    def measure(self, elapsed: float) -> CpuIoResult:
        """Every bar and the interpreter that measured them."""
        with self._lock:
            measurements = tuple(self._measurements)
        return CpuIoResult(
            status=self.status, elapsed_s=elapsed, jobs=self.config.jobs,
            seconds=self.config.seconds, cpu_n=self.cpu_n, measurements=measurements,
            interpreter=self.interpreter, errors=self.errors,
        )


def main(argv: list[str] | None = None) -> int:
    """`python -m thread_lab.engine.labs.cpu_io [JOBS [SECONDS]]`: print the table."""
    args = sys.argv[1:] if argv is None else argv
    cfg = CpuIoConfig(jobs=int(args[0]) if args else 5,
                      seconds=float(args[1]) if len(args) > 1 else 0.5)
    lab = CpuIoLab(cfg)
    lab.start()
    try:
        while not lab.join(0.1):  # a short wait, so Ctrl+C is heard
            pass
    except KeyboardInterrupt:
        lab.stop()  # the bar under way finishes; the others are skipped
        lab.join()
    r = lab.result
    print(f"{r.interpreter.title}; {cfg.jobs} jobs × {cfg.seconds:g} s; cpu_job({r.cpu_n or 0:,})")
    for kind in cfg.kinds:
        for way in cfg.ways:
            took, up = r.elapsed(kind, way), r.speedup(kind, way)
            if took is None:
                print(f"  {kind:4} {way:11}       – (skipped)")
            else:
                print(f"  {kind:4} {way:11} {took:7.3f} s   ×{up:.2f}")
    print(r.sentence())
    return 0 if r.status == "finished" else 1


if __name__ == "__main__":
    sys.exit(main())
