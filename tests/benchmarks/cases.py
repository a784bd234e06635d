"""One benchmark case in a fresh process: `python -m tests.benchmarks.cases CASE 'JSON'`.

Each case builds the real window the way `thread-lab` does (thread_lab.gui.app.create_app),
measures one thing, and prints one line of JSON. A fresh process per case keeps the cases
from warming each other up and makes the peak memory (VmHWM) belong to that case alone.
run.py starts these and prints the table.
"""

from __future__ import annotations

import json
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PROBE_MS = 1  # the probe timer's interval: its lateness is the event loop's lag
WINDOW_SIZE = (1920, 1080)  # a projector: the size the views are drawn at matters


def memory() -> dict:
    """Resident memory now and at its peak, in MB, from /proc/self/status."""
    values = {}
    with open("/proc/self/status") as status:
        for line in status:
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                values[key] = round(int(rest.split()[0]) / 1024, 1)
    return {"rss_mb": values.get("VmRSS"), "peak_rss_mb": values.get("VmHWM")}


def percentile(values: list[float], p: float) -> float | None:
    """The p-th percentile (0..100) by nearest rank, or None without values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


class _Lab:
    """The real window in this process, and ways to wait in its event loop."""

    def __init__(self) -> None:
        from thread_lab.gui.app import create_app
        from thread_lab.gui.main_window import MainWindow

        self.app = create_app()
        self.window = MainWindow()
        self.window.resize(*WINDOW_SIZE)
        self.window.show()
        self.spin(0.5)  # shown, laid out and painted once

    def spin(self, seconds: float) -> None:
        """Run the event loop for `seconds`."""
        from PySide6.QtCore import QEventLoop, QTimer

        loop = QEventLoop()
        QTimer.singleShot(max(0, round(seconds * 1000)), loop.quit)
        loop.exec()

    def spin_until(self, condition, timeout: float, step: float = 0.02) -> bool:
        """Run the event loop until `condition()` holds; False after `timeout` seconds."""
        deadline = time.perf_counter() + timeout
        while not condition():
            if time.perf_counter() > deadline:
                return False
            self.spin(step)
        return True

    def configure(self, **settings) -> None:
        """Set the controls as a person would."""
        from thread_lab.engine import RunConfig

        experiment = settings.pop("experiment", "counter")
        self.window.controls.set_config(RunConfig.for_experiment(experiment, **settings))

    def probe(self, seconds: float) -> list[float]:
        """Lateness (ms) of each firing of a 1 ms timer on the GUI thread, for `seconds`."""
        from PySide6.QtCore import Qt, QTimer

        fired: list[float] = []
        clock = time.perf_counter
        timer = QTimer()
        timer.setTimerType(Qt.TimerType.PreciseTimer)
        timer.setInterval(PROBE_MS)
        timer.timeout.connect(lambda: fired.append(clock()))
        timer.start()
        self.spin(seconds)
        timer.stop()
        return [max(0.0, (b - a) * 1000 - PROBE_MS) for a, b in zip(fired, fired[1:])]

    def started_threads(self) -> int:
        """How many of the run's threads have been started so far."""
        run = self.window.run
        return 0 if run is None else sum(1 for w in run.workers if w.ident is not None)

    def frames(self) -> int:
        """How many snapshots the counter plot has drawn in this run."""
        return len(self.window.plot.series()[0])

    def stop(self, timeout: float = 30.0) -> float:
        """Press Stop; seconds until the window is idle with every thread joined."""
        pressed = time.perf_counter()
        self.window.stop()
        if not self.spin_until(lambda: self.window.last_result is self.window.run.result
                               and self.window.run.result is not None, timeout, step=0.005):
            raise SystemExit(f"the run did not end within {timeout} s of Stop")
        return time.perf_counter() - pressed


def case_responsiveness(threads: int, sleep: float, lock: bool, seconds: float = 3.0,
                        warmup: float = 0.5, switch_interval: float | None = None) -> dict:
    """GUI-thread lag while a counter run goes in the window (with no run if threads == 0)."""
    lab = _Lab()
    if switch_interval is not None:
        sys.setswitchinterval(switch_interval)
    result: dict = {"switch_interval_s": sys.getswitchinterval()}
    if threads:
        # The most increments allowed, so the run outlasts the measurement; Stop ends it.
        lab.configure(threads=threads, sleep=sleep, lock=lock, iterations=100_000)
        pressed = time.perf_counter()
        if not lab.window.start():
            raise SystemExit(f"the window refused to start: {lab.window.banner.text()}")
        lab.spin(warmup)
        frames0, snap0, t0 = lab.frames(), lab.window.run.snapshot(10**12), time.perf_counter()
    lateness = lab.probe(seconds)
    if threads:
        t1 = time.perf_counter()
        snap1 = lab.window.run.snapshot(10**12)
        result.update(
            frames_per_s=round((lab.frames() - frames0) / (t1 - t0), 1),
            increments_per_s=round((snap1.expected - snap0.expected) / (t1 - t0)),
            threads_started=lab.started_threads(),
            since_start_s=round(t1 - pressed, 2),
        )
        result["stop_s"] = round(lab.stop(), 3)
    result.update(
        firings=len(lateness) + 1,
        p50_ms=round(percentile(lateness, 50), 2),
        p99_ms=round(percentile(lateness, 99), 2),
        max_ms=round(max(lateness), 2),
        **memory(),
    )
    return result


def case_window_rate(threads: int, sleep: float, lock: bool, iterations: int,
                     switch_interval: float | None = None) -> dict:
    """Increments per second of one counter run to its end in the window."""
    lab = _Lab()
    if switch_interval is not None:
        sys.setswitchinterval(switch_interval)
    lab.configure(threads=threads, sleep=sleep, lock=lock, iterations=iterations)
    if not lab.window.start():
        raise SystemExit(f"the window refused to start: {lab.window.banner.text()}")
    if not lab.spin_until(lambda: lab.window.last_result is not None, 600, step=0.05):
        raise SystemExit("the run did not finish in 600 s")
    result = lab.window.last_result
    return {
        "elapsed_s": result.elapsed_s,
        "expected": result.expected,
        "increments_per_s": round(result.expected / result.elapsed_s),
        "frames": lab.frames(),
        **memory(),
    }


def case_stop(threads: int = 1000, sleep: float = 10.0) -> dict:
    """Stop pressed while `threads` threads sleep: seconds until the window is idle."""
    from thread_lab.engine import State

    lab = _Lab()
    lab.configure(experiment="sleep", threads=threads, sleep=sleep)
    pressed = time.perf_counter()
    lab.window.start()
    if not lab.spin_until(
        lambda: lab.window.run.snapshot(10**12).states.count(State.SLEEPING) == threads, 60
    ):
        raise SystemExit(f"not all {threads} threads were asleep within 60 s")
    asleep_s = time.perf_counter() - pressed
    lab.spin(0.5)  # a steady state: all asleep, the views refreshing
    before = memory()
    stop_s = lab.stop()
    alive = sum(1 for w in lab.window.run.workers if w.is_alive())
    return {"all_asleep_after_s": round(asleep_s, 2), "stop_s": round(stop_s, 3),
            "alive_after_stop": alive, "rss_while_running_mb": before["rss_mb"], **memory()}


CASES = {
    "responsiveness": case_responsiveness,
    "window_rate": case_window_rate,
    "stop": case_stop,
}


def main(argv: list[str]) -> int:
    """Run the case named in argv[0] with the JSON keyword arguments in argv[1]."""
    name, params = argv[0], json.loads(argv[1]) if len(argv) > 1 else {}
    result = CASES[name](**params)
    # Only the JSON goes to stdout, on its own last line; Qt's chatter goes to stderr.
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
