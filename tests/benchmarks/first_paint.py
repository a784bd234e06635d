"""Measure how long Thread Lab takes from launch to its first painted window.

    python tests/benchmarks/first_paint.py [--runs 5] [--limit SECONDS] -- COMMAND [ARG ...]
    python tests/benchmarks/first_paint.py -- dist/thread-lab/thread-lab

Starts COMMAND with THREAD_LAB_EXIT_AFTER_FIRST_PAINT=1 (the window then prints
"first-paint" once its first frame is painted, "plots-painted" once the plots it builds just
after are painted too, and exits) and QT_QPA_PLATFORM=offscreen unless already set, and times
from just before the process is created to each line: what a student waits for after the
double-click, bootloader included. Prints each run and the medians; with --limit, exits 1 if
the first paint's median is over the limit.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time


def launch_times(command: list[str], timeout: float = 60.0, env: dict | None = None) -> tuple[float, float]:
    """Seconds from starting COMMAND to its "first-paint" line and to its "plots-painted" line.

    The window paints first and builds its plots just after (thread_lab/gui/lazy.py): the
    first is when the student sees the window, the second when the plots are in it too.
    """
    env = dict(os.environ if env is None else env, THREAD_LAB_EXIT_AFTER_FIRST_PAINT="1")
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    seen: dict[str, float] = {}
    start = time.perf_counter()
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                          text=True, env=env) as proc:
        try:
            for line in proc.stdout:
                word = line.strip()
                if word in ("first-paint", "plots-painted"):
                    seen[word] = time.perf_counter() - start
                if "plots-painted" in seen or time.perf_counter() - start > timeout:
                    break
            proc.wait(timeout)
        finally:
            if proc.poll() is None:
                proc.kill()
    if len(seen) < 2:
        raise RuntimeError(f"{command[0]} exited without printing first-paint and plots-painted")
    return seen["first-paint"], seen["plots-painted"]


def measure(command: list[str], runs: int = 5, env: dict | None = None) -> dict:
    """One warm-up launch (it fills the file cache: count starts, not disk reads), then `runs`."""
    launch_times(command, env=env)
    times = [launch_times(command, env=env) for _ in range(runs)]
    first, plots = [t[0] for t in times], [t[1] for t in times]
    return {"median_s": round(statistics.median(first), 3), "runs_s": [round(t, 3) for t in first],
            "plots_median_s": round(statistics.median(plots), 3),
            "plots_runs_s": [round(t, 3) for t in plots]}


def main(argv: list[str] | None = None) -> int:
    """Command line: time N launches, print each and the medians."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--limit", type=float, help="fail if the first paint's median exceeds this (seconds)")
    parser.add_argument("command", nargs="+")
    args = parser.parse_args(argv)
    m = measure(args.command, args.runs)
    print(f"first paint: median {m['median_s']:.3f} s of {args.runs} "
          f"({', '.join(f'{t:.3f}' for t in m['runs_s'])})")
    print(f"plots painted: median {m['plots_median_s']:.3f} s "
          f"({', '.join(f'{t:.3f}' for t in m['plots_runs_s'])})")
    if args.limit is not None and m["median_s"] > args.limit:
        print(f"first paint: median over the {args.limit:g} s limit", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
