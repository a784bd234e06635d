"""The `thread-lab` command: the window by default, `run` for headless experiments.

`thread-lab run` never imports Qt, so it starts fast and works without a display.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
from pathlib import Path

from thread_lab import __version__
from thread_lab.engine.config import (
    EXPERIMENTS,
    LOCK_KINDS,
    MAX_ITERATIONS,
    MAX_SLEEP_S,
    MAX_THREADS,
    MODES,
    ConfigError,
    RunConfig,
)

WINDOW_LANGUAGES = ("en", "fr")  # the window's translations (resources/translations)


class _Parser(argparse.ArgumentParser):
    """argparse that reports a bad argument in one line and exits 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write(f"thread-lab: {message} (see thread-lab --help)\n")
        raise SystemExit(2)


def add_run_options(parser: argparse.ArgumentParser) -> None:
    """Add the experiment options shared by `run`, the window and --screenshot."""
    parser.add_argument(
        "experiment", nargs="?", choices=EXPERIMENTS, help="which experiment (default: counter)"
    )
    parser.add_argument(
        "--threads", type=int, metavar="N", help=f"how many threads, 1 to {MAX_THREADS}"
    )
    parser.add_argument(
        "--sleep", type=float, metavar="S", help=f"seconds each pause lasts, 0 to {MAX_SLEEP_S:g}"
    )
    parser.add_argument(
        "--iterations",
        type=int,
        metavar="K",
        help=f"increments or lines per thread, 1 to {MAX_ITERATIONS:,}",
    )
    lock = parser.add_mutually_exclusive_group()
    lock.add_argument("--lock", dest="lock", action="store_true", default=None, help="use the lock")
    lock.add_argument("--no-lock", dest="lock", action="store_false", help="no lock (default)")
    parser.add_argument("--lock-kind", choices=LOCK_KINDS, help="Lock or RLock (default: lock)")
    parser.add_argument("--mode", choices=MODES, help="sleep: one after another or in threads")
    join = parser.add_mutually_exclusive_group()
    join.add_argument("--join", dest="join", action="store_true", default=None,
                      help="main waits for the threads with join() (default)")
    join.add_argument("--no-join", dest="join", action="store_false",
                      help="main does not wait: its last line comes first")
    parser.add_argument("--plain", action="store_true", default=None,
                        help="counter: a bare `counter += 1`, no pause between read and write")
    parser.add_argument("--dir", type=Path, metavar="PATH",
                        help="file: where the run's folder is made (default: the temp folder)")


def config_from_args(args: argparse.Namespace) -> RunConfig:
    """Build validated run settings from parsed options; raises ConfigError."""
    values = {}
    for name in ("threads", "sleep", "iterations", "lock", "lock_kind", "mode", "join", "plain"):
        value = getattr(args, name, None)
        if value is not None:
            values[name] = value
    if args.dir is not None:
        values["directory"] = args.dir
    return RunConfig.for_experiment(args.experiment or "counter", **values)


def build_parser() -> argparse.ArgumentParser:
    """The whole command line: window options, and the `run` sub-command."""
    parser = _Parser(
        prog="thread-lab",
        description="Watch Python threads run, race and take turns. "
        "Without a command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"thread-lab {__version__}")
    parser.add_argument("--screenshot", type=Path, metavar="OUT.png",
                        help="run the experiment in the window, save a picture, exit")
    parser.add_argument("--self-test", action="store_true",
                        help="run the counter with the lock off then on in the window; exit 0 or 1")
    parser.add_argument("--presentation", action="store_true",
                        help="start in presentation mode: full screen, big text, thick lines (F5)")
    parser.add_argument("--lang", choices=WINDOW_LANGUAGES,
                        help="the window's language (default: the one chosen last, else the system's)")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    run = sub.add_parser("run", help="run an experiment without a window")
    add_run_options(run)
    run.add_argument("--json", action="store_true",
                     help="end with one line of JSON with the results")
    window = sub.add_parser("window", help="open the window (the default)")
    add_run_options(window)
    gil = sub.add_parser("gil", help="time sleeps and arithmetic one by one, on threads, "
                                     "on processes, without a window")
    gil.add_argument("--jobs", type=int, default=5, metavar="N", help="jobs of each kind, 1 to 8")
    gil.add_argument("--seconds", type=float, default=0.5, metavar="S",
                     help="how long each job takes, 0.05 to 1 (jobs × seconds at most 4)")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of `thread-lab` and `python -m thread_lab`."""
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0].startswith("-") and argv[0] not in ("-h", "--help", "--version"):
        argv = ["window", *argv]  # options before any command belong to the window
    if argv and argv[0] in EXPERIMENTS:
        argv = ["window", *argv]
    parser = build_parser()
    args = parser.parse_args(_move_window_flags(argv))
    if args.command == "gil":
        from thread_lab.engine.labs import cpu_io

        try:
            return cpu_io.main([str(args.jobs), str(args.seconds)])
        except ValueError as exc:
            sys.stderr.write(f"thread-lab: {exc}\n")
            return 2
    try:
        config = config_from_args(args)
    except ConfigError as exc:
        sys.stderr.write(f"thread-lab: {exc}\n")
        return 2
    if args.command == "run":
        return run_headless(config, as_json=args.json)
    from thread_lab.gui.app import run_window  # Qt is imported only here

    return run_window(config, screenshot=args.screenshot, self_test=args.self_test,
                      presentation=args.presentation, language=args.lang,
                      config_given=_gave_run_options(args))


def _gave_run_options(args: argparse.Namespace) -> bool:
    """True if the command line set the experiment or any of its settings."""
    names = ("experiment", "threads", "sleep", "iterations", "lock", "lock_kind", "mode", "join",
             "plain", "dir")
    return any(getattr(args, name, None) is not None for name in names)


def _move_window_flags(argv: list[str]) -> list[str]:
    """Let the window's own flags (--screenshot, --self-test, --presentation, --lang) stand anywhere."""
    front: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in ("--self-test", "--presentation"):
            front.append(arg)
        elif arg in ("--screenshot", "--lang") and i + 1 < len(argv):
            front += [arg, argv[i + 1]]
            i += 1
        elif arg.startswith(("--screenshot=", "--lang=")):
            front.append(arg)
        else:
            rest.append(arg)
        i += 1
    return front + rest


def run_headless(config: RunConfig, *, as_json: bool = False, out=None, err=None) -> int:
    """Run an experiment without a window, printing the threads' lines as they happen."""
    from thread_lab.engine.run import Run, RunError

    out = out or sys.stdout
    err = err or sys.stderr
    done = threading.Event()

    class _Done:
        def started(self, run): pass
        def worker_failed(self, thread, message): pass
        def finished(self, result): done.set()

    run = Run(config, _Done())
    try:
        run.start()
    except RunError as exc:
        err.write(f"thread-lab: {exc}\n")
        return 1
    progress = _Progress(err, config)
    cursor = 0
    try:
        while not done.wait(0.05):
            cursor = _print_events(run, cursor, out)
            progress.show(run)
    except KeyboardInterrupt:
        run.stop()
        run.join()
        progress.clear()
        _print_events(run, cursor, out)
        err.write("thread-lab: stopped (Ctrl+C); every thread was joined\n")
        return 130
    run.join()
    progress.clear()
    _print_events(run, cursor, out)
    result = run.result
    out.write(_summary(result))
    if as_json:
        out.write(json.dumps(result.to_dict()) + "\n")
    out.flush()
    if result.status == "failed":
        err.write(f"thread-lab: {result.errors[0] if result.errors else 'the run failed'}\n")
        return 1
    return 0


def _print_events(run, cursor: int, out) -> int:
    snap = run.snapshot(cursor)
    for event in snap.events:
        if event.kind == "print":
            out.write(f"{event.text}\n")
        elif event.kind == "lock":
            out.write(f"-- {event.text} at {event.t:.3f} s --\n")
    out.flush()
    return snap.cursor


def _summary(result) -> str:
    lines = ["", f"Summary ({result.experiment}, {result.threads} threads, {result.status}):"]
    lines.append(f"  elapsed:   {result.elapsed_s:.3f} s")
    if result.experiment == "sleep":
        lines.append(f"  mode:      {result.mode}, join {'on' if result.join else 'off'}")
        if result.main_done_s is not None:
            lines.append(f"  main said 'all done' at {result.main_done_s:.3f} s")
    if result.experiment == "counter":
        lines.append(f"  expected:  {result.expected:,}")
        lines.append(f"  actual:    {result.actual:,}")
        lines.append(f"  lost:      {result.lost:,}")
        lines.append(f"  per thread: {', '.join(f'{n:,}' for n in result.per_thread)}")
    if result.experiment == "file":
        lines.append(f"  lines expected: {result.lines_expected:,}")
        lines.append(f"  lines intact:   {result.lines_intact:,}")
        lines.append(f"  lines torn:     {result.lines_torn:,}")
        lines.append(f"  file: {result.path}")
    lines.append(f"  {result.sentence()}")
    if result.experiment == "counter" and result.plain and not result.lost and not result.lock:
        lines.append(
            "  Note: since Python 3.10 a thread switch practically never falls inside a bare "
            "`counter += 1`; drop --plain to widen the gap and see the race."
        )
    return "\n".join(lines) + "\n"


class _Progress:
    """A one-line progress indicator on stderr, for runs longer than a second on a terminal."""

    def __init__(self, err, config: RunConfig) -> None:
        self.err = err
        self.config = config
        self.enabled = hasattr(err, "isatty") and err.isatty()
        self.shown = False
        self.start = time.monotonic()

    def show(self, run) -> None:
        if not self.enabled or time.monotonic() - self.start < 1.0:
            return
        snap = run.snapshot(10**12)  # no events wanted, just the numbers
        if self.config.experiment == "sleep":
            done = sum(1 for s in snap.states if s.name == "DONE")
            text = f"{done}/{self.config.threads} threads done"
        else:
            text = f"{snap.expected:,}/{self.config.total_increments:,}"
        self.err.write(f"\r  {snap.t:6.1f} s  {text}  (Ctrl+C stops) ")
        self.err.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            self.err.write("\r" + " " * 60 + "\r")
            self.err.flush()
