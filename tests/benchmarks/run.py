"""Thread Lab benchmarks: `python -m tests.benchmarks.run [--out bench-results.json]`.

Measures, each case in a fresh process (cases.py), on the real window built as
`thread-lab` builds it:

- responsiveness: how late a 1 ms QTimer on the GUI thread fires (p50, p99, max) while the
  counter experiment runs in the window with 1, 10, 100 and 1000 threads, pause 0 and 1 ms,
  lock off and on (targets: p99 ≤ 16.7 ms up to 100 threads, ≤ 50 ms at 1000);
- cost of watching: increments per second of the same counter run in the window and in
  `thread-lab run` (target: the window keeps ≥ 0.9 of the headless rate);
- start-up: process start to the window's first paint, median of 5 after one warm-up, from
  source (target ≤ 0.5 s) and from dist/thread-lab/thread-lab when it is built (≤ 0.6 s),
  and to the plots, built just after the first paint, painted too;
- Stop with 1000 threads sleeping 10 s (target ≤ 0.5 s), and the peak resident memory of
  the runs with 1000 threads (target ≤ 400 MB).

Prints a table and writes everything as JSON. Other programs running at the same time skew
the figures: the machine's load is recorded before and after.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

from tests.benchmarks.first_paint import measure as launch_times_median

ROOT = Path(__file__).resolve().parents[2]
FROZEN = ROOT / "dist" / "thread-lab" / "thread-lab"

THREADS = (1, 10, 100, 1000)
SLEEPS = (0.0, 0.001)
TARGET_P99_MS = {1: 16.7, 10: 16.7, 100: 16.7, 1000: 50.0}
# The runs whose rate is compared, window against headless: the counter lesson as it opens
# (8 threads × 50 × 20 ms), the window's self-test settings run longer, and runs of a few
# seconds with 100 and 1000 threads, where the window must share the GIL with many.
RATE_RUNS = (
    dict(threads=8, sleep=0.02, lock=False, iterations=50),
    dict(threads=8, sleep=0.001, lock=False, iterations=3000),
    dict(threads=100, sleep=0.001, lock=False, iterations=1000),
    dict(threads=100, sleep=0.0, lock=False, iterations=2000),
    dict(threads=1000, sleep=0.001, lock=False, iterations=150),
)
TARGETS = dict(rate_ratio=0.9, startup_s=0.5, frozen_startup_s=0.6, stop_s=0.5, peak_rss_mb=400)


def machine() -> dict:
    """What the figures were measured on."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        import PySide6

        pyside = PySide6.__version__
    except ImportError:
        pyside = "not installed"
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "pyside6": pyside,
        "platform": platform.platform(),
        "qt_platform": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        "switch_interval_s": sys.getswitchinterval(),
    }


def load() -> list[float]:
    """The machine's 1, 5 and 15 minute load averages."""
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return []


def child_env() -> dict:
    """The environment for the measured processes: offscreen Qt, this checkout first."""
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    return env


def run_case(name: str, timeout: float = 600, **params) -> dict:
    """Run one case of cases.py in a fresh process and return its JSON result."""
    done = subprocess.run(
        [sys.executable, "-m", "tests.benchmarks.cases", name, json.dumps(params)],
        cwd=ROOT, env=child_env(), capture_output=True, text=True, timeout=timeout,
    )
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return {"error": f"{name} failed (status {done.returncode}): {tail}"}
    return json.loads(lines[-1])


def headless_rate(threads: int, sleep: float, lock: bool, iterations: int) -> dict:
    """Increments per second of the same counter run in `thread-lab run` (no window)."""
    args = [sys.executable, "-m", "thread_lab", "run", "counter", "--threads", str(threads),
            "--sleep", str(sleep), "--iterations", str(iterations), "--json",
            "--lock" if lock else "--no-lock"]
    done = subprocess.run(args, cwd=ROOT, env=child_env(), capture_output=True, text=True,
                          timeout=600)
    if done.returncode != 0:
        return {"error": done.stderr.strip()[-200:]}
    data = json.loads(done.stdout.strip().splitlines()[-1])
    return {"elapsed_s": data["elapsed_s"], "expected": data["expected"],
            "increments_per_s": round(data["expected"] / data["elapsed_s"])}


def first_paint(command: list[str], runs: int = 5) -> dict:
    """Seconds from process start to the first paint, and to the plots painted: medians."""
    env = child_env()
    try:
        return launch_times_median(command, runs, env)
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as exc:
        return {"error": str(exc)}


def measure(args) -> dict:
    """Every measurement, in the order of the table."""
    results: dict = {"machine": machine(), "load_before": load(), "started": time.strftime("%F %T")}
    wanted = set(args.only.split(",")) if args.only else None

    def want(part: str) -> bool:
        return wanted is None or part in wanted

    if want("responsiveness"):
        rows = [dict(threads=0, sleep=0.0, lock=False)]  # the idle window: the probe's floor
        rows += [dict(threads=n, sleep=s, lock=lock)
                 for n in THREADS for s in SLEEPS for lock in (False, True)]
        results["responsiveness"] = []
        for row in rows:
            extra = {} if args.switch_interval is None else {"switch_interval": args.switch_interval}
            out = run_case("responsiveness", seconds=args.seconds, **row, **extra)
            results["responsiveness"].append({**row, **out})
            print(_resp_line(results["responsiveness"][-1]), flush=True)
    if want("rate"):
        results["rate"] = []
        for row in RATE_RUNS:
            window, headless = [], []
            for _ in range(args.repeats):  # alternate, so a busy moment hits both alike
                extra = {} if args.switch_interval is None else {"switch_interval": args.switch_interval}
                window.append(run_case("window_rate", **row, **extra))
                headless.append(headless_rate(**row))
            item = {**row, "window": window, "headless": headless}
            ok_w = [r["increments_per_s"] for r in window if "error" not in r]
            ok_h = [r["increments_per_s"] for r in headless if "error" not in r]
            if ok_w and ok_h:
                item["window_per_s"] = statistics.median(ok_w)
                item["headless_per_s"] = statistics.median(ok_h)
                item["ratio"] = round(item["window_per_s"] / item["headless_per_s"], 3)
            results["rate"].append(item)
            print(_rate_line(item), flush=True)
    if want("startup"):
        results["startup"] = {"source": first_paint([sys.executable, "-m", "thread_lab"])}
        results["startup"]["frozen"] = (
            first_paint([str(FROZEN)]) if FROZEN.exists() else {"error": "not built"}
        )
        print(f"start-up: {results['startup']}", flush=True)
    if want("stop"):
        results["stop"] = run_case("stop", threads=1000, sleep=10.0)
        print(f"stop: {results['stop']}", flush=True)
    results["load_after"] = load()
    return results


def _fmt(value, unit="", digits=1) -> str:
    if value is None:
        return "–"
    return f"{value:.{digits}f}{unit}"


def _resp_line(r: dict) -> str:
    if "error" in r:
        return f"{r['threads']:>5} threads: {r['error']}"
    return (f"{r['threads']:>5} threads, pause {r['sleep'] * 1000:g} ms, lock "
            f"{'on ' if r['lock'] else 'off'}: p50 {_fmt(r['p50_ms'])} p99 {_fmt(r['p99_ms'])} "
            f"max {_fmt(r['max_ms'])} ms, {_fmt(r.get('frames_per_s'))} frames/s")


def _rate_line(r: dict) -> str:
    return (f"rate {r['threads']} threads × {r['iterations']}, pause {r['sleep'] * 1000:g} ms: "
            f"window {r.get('window_per_s')}/s, headless {r.get('headless_per_s')}/s, "
            f"ratio {r.get('ratio')}")


def table(results: dict) -> str:
    """The results as Markdown tables, with each target and whether it holds."""
    m = results["machine"]
    out = [f"Measured {results['started']} on {m['cpu']}, {m['cores']} cores, Python "
           f"{m['python']}, PySide6 {m['pyside6']}, Qt platform {m['qt_platform']}; "
           f"load average before {results['load_before']}, after {results['load_after']}.", ""]

    def verdict(ok) -> str:
        return "–" if ok is None else ("yes" if ok else "**no**")

    if "responsiveness" in results:
        out += ["Lateness of a 1 ms timer on the GUI thread while the counter runs in the window "
                "(1920×1080):", "",
                "| threads | pause | lock | p50 ms | p99 ms | max ms | frames/s | increments/s "
                "| target p99 | holds |",
                "| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
        for r in results["responsiveness"]:
            if "error" in r:
                out.append(f"| {r['threads']} | {r['sleep'] * 1000:g} ms | "
                           f"{'on' if r['lock'] else 'off'} | {r['error']} |||||||")
                continue
            target = TARGET_P99_MS.get(r["threads"])
            ok = None if target is None else r["p99_ms"] <= target
            label = "idle window" if r["threads"] == 0 else r["threads"]
            out.append(
                f"| {label} | {r['sleep'] * 1000:g} ms | {'on' if r['lock'] else 'off'} | "
                f"{_fmt(r['p50_ms'])} | {_fmt(r['p99_ms'])} | {_fmt(r['max_ms'])} | "
                f"{_fmt(r.get('frames_per_s'))} | {r.get('increments_per_s', '–')} | "
                f"{'–' if target is None else target} | {verdict(ok)} |")
        out.append("")
    if "rate" in results:
        out += [f"Cost of watching: increments per second, median of "
                f"{len(results['rate'][0]['window'])} runs each:", "",
                "| run | window | headless | window / headless | holds (≥ 0.9) |",
                "| --- | ---: | ---: | ---: | --- |"]
        for r in results["rate"]:
            ratio = r.get("ratio")
            out.append(
                f"| {r['threads']} threads × {r['iterations']}, pause {r['sleep'] * 1000:g} ms, "
                f"lock {'on' if r['lock'] else 'off'} | {r.get('window_per_s', '–')} | "
                f"{r.get('headless_per_s', '–')} | {ratio if ratio is not None else '–'} | "
                f"{verdict(None if ratio is None else ratio >= TARGETS['rate_ratio'])} |")
        out.append("")
    rows = []
    if "startup" in results:
        for kind, target in (("source", TARGETS["startup_s"]), ("frozen", TARGETS["frozen_startup_s"])):
            s = results["startup"][kind]
            if "error" in s:
                rows.append(f"| start-up to first paint, {kind} | {s['error']} | ≤ {target} s | – |")
            else:
                rows.append(f"| start-up to first paint, {kind} (median of 5) | {s['median_s']} s "
                            f"| ≤ {target} s | {verdict(s['median_s'] <= target)} |")
                rows.append(f"| … to the plots painted in it, {kind} | {s['plots_median_s']} s | – | – |")
    if "stop" in results:
        s = results["stop"]
        if "error" in s:
            rows.append(f"| Stop, 1000 threads sleeping 10 s | {s['error']} | ≤ 0.5 s | – |")
        else:
            rows.append(f"| Stop, 1000 threads sleeping 10 s, to idle window | {s['stop_s']} s "
                        f"({s['alive_after_stop']} alive after) | ≤ {TARGETS['stop_s']} s | "
                        f"{verdict(s['stop_s'] <= TARGETS['stop_s'] and not s['alive_after_stop'])} |")
    peaks = [r["peak_rss_mb"] for r in results.get("responsiveness", [])
             if r.get("threads") == 1000 and "peak_rss_mb" in r]
    if "stop" in results and "peak_rss_mb" in results["stop"]:
        peaks.append(results["stop"]["peak_rss_mb"])
    if peaks:
        rows.append(f"| peak resident memory, window with 1000 threads | {max(peaks)} MB | "
                    f"≤ {TARGETS['peak_rss_mb']} MB | {verdict(max(peaks) <= TARGETS['peak_rss_mb'])} |")
    if rows:
        out += ["| measurement | result | target | holds |", "| --- | --- | --- | --- |", *rows, ""]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks, print the table, write the JSON."""
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks.run", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "bench-results.json",
                        help="where to write the JSON (default: bench-results.json)")
    parser.add_argument("--only", help="comma-separated: responsiveness,rate,startup,stop")
    parser.add_argument("--seconds", type=float, default=3.0,
                        help="how long each responsiveness case is probed (default 3)")
    parser.add_argument("--repeats", type=int, default=3,
                        help="window and headless runs per rate comparison (default 3)")
    parser.add_argument("--switch-interval", type=float, metavar="S",
                        help="override the GUI's sys.setswitchinterval, to compare values")
    args = parser.parse_args(argv)
    results = measure(args)
    text = table(results)
    results["table_markdown"] = text
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    print()
    print(text)
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
