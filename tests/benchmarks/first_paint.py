"""Measure how long Thread Lab takes from launch to its first painted window.

    python tests/benchmarks/first_paint.py [--runs 5] [--limit SECONDS] -- COMMAND [ARG ...]
    python tests/benchmarks/first_paint.py -- dist/thread-lab/thread-lab

Starts COMMAND with THREAD_LAB_EXIT_AFTER_FIRST_PAINT=1 (the window then prints a line
starting with "first-paint" once it has painted, and exits) and QT_QPA_PLATFORM=offscreen
unless already set, and times from just before the process is created to the moment that
line arrives: what a student waits for after the double-click, bootloader included.
Prints each run and the median; with --limit, exits 1 if the median is over the limit.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time


def first_paint_seconds(command: list[str], timeout: float = 60.0) -> float:
    """Seconds from starting COMMAND to its "first-paint" line; raises if it never comes."""
    env = dict(os.environ, THREAD_LAB_EXIT_AFTER_FIRST_PAINT="1")
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    start = time.perf_counter()
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                          text=True, env=env) as proc:
        try:
            for line in proc.stdout:
                if line.startswith("first-paint"):
                    elapsed = time.perf_counter() - start
                    proc.wait(timeout)
                    return elapsed
                if time.perf_counter() - start > timeout:
                    break
        finally:
            if proc.poll() is None:
                proc.kill()
    raise RuntimeError(f"{command[0]} exited without printing first-paint")


def main(argv: list[str] | None = None) -> int:
    """Command line: time N launches, print each and the median."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--limit", type=float, help="fail if the median exceeds this (seconds)")
    parser.add_argument("command", nargs="+")
    args = parser.parse_args(argv)
    first_paint_seconds(args.command)  # warm the file cache: count starts, not disk reads
    times = [first_paint_seconds(args.command) for _ in range(args.runs)]
    median = statistics.median(times)
    print(f"first paint: median {median:.3f} s of {args.runs} "
          f"({', '.join(f'{t:.3f}' for t in times)})")
    if args.limit is not None and median > args.limit:
        print(f"first paint: median over the {args.limit:g} s limit", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
