"""Recordings of interleavings: save the order of a run's shared operations, load it, replay it.

A recording is a small JSON file a teacher can keep and share: the run's settings and one
`[thread, operation, value]` row per shared operation, in the order they happened. Loading
parses it with `json` and checks every field and every row before anything runs: nothing in it
is ever executed, and a bad file is refused with one line that says what is wrong.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from thread_lab.engine.config import LOCK_KINDS, ConfigError, RunConfig
from thread_lab.engine.stepping import MAX_STEP_ITERATIONS, MAX_STEP_THREADS, Step, StepError, StepRun

FORMAT = "thread-lab-recording"
VERSION = 1
MAX_RECORDING_BYTES = 1_000_000  # a full 9 × 100 run is about 60 kB
MAX_TEXT = 40  # a file write is "Thread 9: " or "line 99\n"

_FIELDS = {
    "format": "the format name",
    "version": "the format version",
    "experiment": '"counter" or "file"',
    "plain": "true or false",
    "threads": "the number of threads",
    "iterations": "increments (or lines) per thread",
    "lock": "true or false",
    "lock_kind": '"lock" or "rlock"',
    "run": '"stepped" or "free"',
    "status": '"finished" or "stopped"',
    "final": "the counter (or torn lines) at the end",
    "steps": "the operations, in order",
}


class RecordingError(ValueError):
    """A recording cannot be saved, loaded or replayed; the message is one line."""


@dataclass(frozen=True)
class Recording:
    """The settings of a run and the order in which its threads did their shared operations."""

    experiment: str  # "counter" or "file"
    plain: bool  # counter: the bare `counter += 1` lesson
    threads: int
    iterations: int
    lock: bool
    lock_kind: str
    run: str  # "stepped" (someone chose every step) or "free" (the threads ran by themselves)
    status: str  # "finished" or "stopped"
    final: int | None  # the counter at the end (counter) or the torn lines (file)
    steps: tuple[tuple[int, str, int | str | None], ...]

    @classmethod
    def of(cls, run: StepRun) -> Recording:
        """The recording of a step or recorded run that has ended."""
        result = run.result
        if result is None:
            raise RecordingError("the run has not ended yet: stop it or let it finish first")
        if result.status == "failed":
            raise RecordingError("a failed run cannot be replayed: " + (result.errors or ("no reason",))[0])
        cfg = run.config
        final = result.actual if cfg.experiment == "counter" else result.lines_torn
        return cls(
            experiment=cfg.experiment, plain=cfg.plain, threads=cfg.threads,
            iterations=cfg.iterations, lock=cfg.lock, lock_kind=cfg.lock_kind,
            run="stepped" if run.stepping else "free", status=result.status, final=final,
            steps=tuple((s.thread, s.op, s.value) for s in run.steps()),
        )

    def config(self, directory: Path | None = None) -> RunConfig:
        """The settings to replay this recording with (step mode sets the pause to 0)."""
        return RunConfig(
            experiment=self.experiment, threads=self.threads, iterations=self.iterations,
            lock=self.lock, lock_kind=self.lock_kind, plain=self.plain, sleep=0.0,
            directory=directory,
        )

    @property
    def order(self) -> tuple[int, ...]:
        """The thread numbers in the order they did their operations."""
        return tuple(s[0] for s in self.steps)

    def describe(self) -> str:
        """One line: what was recorded."""
        what = (("bare counter += 1" if self.plain else "counter") if self.experiment == "counter"
                else "file")
        end = ""
        if self.final is not None:
            end = (f", counter ended at {self.final}" if self.experiment == "counter"
                   else f", {self.final} torn line{'s' if self.final != 1 else ''}")
        lock = "lock on" if self.lock else "lock off"
        return (f"{self.run} run of the {what} lesson: {self.threads} threads × {self.iterations}, "
                f"{lock}, {len(self.steps)} steps, {self.status}{end}")

    # -- JSON -------------------------------------------------------------------------------

    def to_json(self) -> str:
        """The recording as JSON text: the settings, then one step per line."""
        head = {
            "format": FORMAT, "version": VERSION, "experiment": self.experiment, "plain": self.plain,
            "threads": self.threads, "iterations": self.iterations, "lock": self.lock,
            "lock_kind": self.lock_kind, "run": self.run, "status": self.status, "final": self.final,
        }
        lines = [f"  {json.dumps(k)}: {json.dumps(v)}," for k, v in head.items()]
        rows = [f"    {json.dumps(list(step), ensure_ascii=False)}" for step in self.steps]
        body = ",\n".join(rows)
        return "{\n" + "\n".join(lines) + '\n  "steps": [\n' + body + ("\n" if rows else "") + "  ]\n}\n"

    @classmethod
    def from_json(cls, text: str, name: str = "the recording") -> Recording:
        """Parse and check a recording; RecordingError (one line) when anything is wrong."""
        try:
            data = json.loads(text, parse_constant=_no_constant, object_pairs_hook=_no_duplicates)
        except json.JSONDecodeError as exc:
            raise RecordingError(
                f"{name} is not a Thread Lab recording: it is not JSON "
                f"(line {exc.lineno}, column {exc.colno}: {exc.msg})"
            ) from None
        except RecursionError:
            raise RecordingError(f"{name} is not a Thread Lab recording: it is nested too deeply") from None
        except ValueError as exc:  # NaN, a duplicate key, an integer of thousands of digits
            raise RecordingError(f"{name} is not a Thread Lab recording: {_one_line(exc)}") from None
        try:
            return _check(data)
        except _Bad as exc:
            raise RecordingError(f"{name} is not a valid recording: {exc}") from None


def save_recording(recording: Recording, path: Path) -> None:
    """Write the recording to `path` as JSON; RecordingError (one line) if it cannot be written."""
    path = Path(path)
    try:
        path.write_text(recording.to_json(), encoding="utf-8")
    except OSError as exc:
        raise RecordingError(f"cannot save {path.name}: {exc.strerror or _one_line(exc)}") from None


def load_recording(path: Path) -> Recording:
    """Read and check a recording file; RecordingError (one line) when it is not a good one."""
    path = Path(path)
    name = path.name or str(path)
    try:
        with path.open("rb") as f:
            data = f.read(MAX_RECORDING_BYTES + 1)
    except OSError as exc:
        raise RecordingError(f"cannot read {name}: {exc.strerror or _one_line(exc)}") from None
    if len(data) > MAX_RECORDING_BYTES:
        raise RecordingError(
            f"{name} is not a Thread Lab recording: it is larger than {MAX_RECORDING_BYTES // 1000:,} kB"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise RecordingError(f"{name} is not a Thread Lab recording: it is not UTF-8 text") from None
    return Recording.from_json(text, name)


# -- replaying ----------------------------------------------------------------------------------


class Replay:
    """Grants a recording's steps in order, and notices the moment a run does something else."""

    def __init__(self, recording: Recording) -> None:
        self.recording = recording

    def next_thread(self, done: int) -> int | None:
        """The thread whose step comes after `done` steps; None when the recording is over."""
        steps = self.recording.steps
        return steps[done][0] if done < len(steps) else None

    def difference(self, steps: Sequence[Step]) -> str | None:
        """The first step where `steps` differs from the recording, in one line; None if none."""
        recorded = self.recording.steps
        for step in steps:
            i = step.index - 1
            if i >= len(recorded):
                return f"step {step.index}: the run did {step.describe()}, after the recording ended"
            want = recorded[i]
            if (step.thread, step.op, step.value) != tuple(want):
                expected = Step(step.index, want[0], want[1], want[2]).describe()
                return f"step {step.index}: the recording has {expected}, the run did {step.describe()}"
        return None


def play_recording(run: StepRun, recording: Recording, timeout: float = 10.0) -> None:
    """Replay `recording` on the started step run `run`, ending the way the recording ended."""
    replay = Replay(recording)
    for i, number in enumerate(recording.order):
        if not run.wait_settled(timeout):
            raise RecordingError(f"the threads did not settle within {timeout:g} s at step {i + 1}")
        try:
            run.step(number)
        except StepError as exc:
            raise RecordingError(f"step {i + 1}: {exc}") from None
    if not run.wait_settled(timeout):
        raise RecordingError(f"the threads did not settle within {timeout:g} s")
    problem = replay.difference(run.steps())
    if problem:
        raise RecordingError(problem)
    if recording.status == "stopped":
        run.stop()


# -- checking -------------------------------------------------------------------------------


class _Bad(Exception):
    """One thing wrong with a parsed recording."""


def _no_constant(name: str):
    raise ValueError(f"{name} is not a number a recording can hold")


def _no_duplicates(pairs):
    data = dict(pairs)
    if len(data) != len(pairs):
        seen = set()
        twice = next(k for k, _ in pairs if k in seen or seen.add(k))
        raise ValueError(f"the key {_short(twice)} appears twice")
    return data


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def _short(value, limit: int = 30) -> str:
    text = " ".join(repr(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _whole(data: dict, key: str, low: int, high: int) -> int:
    value = data[key]
    if type(value) is not int or not low <= value <= high:
        raise _Bad(f"{key} must be a whole number from {low} to {high}, not {_short(value)}")
    return value


def _flag(data: dict, key: str) -> bool:
    value = data[key]
    if type(value) is not bool:
        raise _Bad(f"{key} must be true or false, not {_short(value)}")
    return value


def _choice(data: dict, key: str, allowed: tuple[str, ...]) -> str:
    value = data[key]
    if value not in allowed or type(value) is not str:
        raise _Bad(f"{key} must be {' or '.join(repr(a) for a in allowed)}, not {_short(value)}")
    return value


def _pattern(experiment: str, lock: bool) -> tuple[str, ...]:
    """The operations of one increment (or line), in the order a lesson thread does them."""
    body = ("read", "write") if experiment == "counter" else ("file", "file")
    return ("acquire", *body, "release") if lock else body


def _check(data) -> Recording:
    if not isinstance(data, dict):
        raise _Bad("it is JSON, but not a Thread Lab recording (expected an object with a format field)")
    if data.get("format") != FORMAT:
        raise _Bad(f"it is JSON, but not a Thread Lab recording (format should be {FORMAT!r})")
    unknown = sorted(set(data) - set(_FIELDS))
    if unknown:
        raise _Bad(f"unknown field {_short(unknown[0])}")
    missing = [k for k in _FIELDS if k not in data]
    if missing:
        raise _Bad(f"the field {missing[0]!r} ({_FIELDS[missing[0]]}) is missing")
    if data["version"] != VERSION or type(data["version"]) is not int:
        raise _Bad(f"version {_short(data['version'])} is not one this Thread Lab reads (it reads {VERSION})")
    experiment = _choice(data, "experiment", ("counter", "file"))
    plain = _flag(data, "plain")
    threads = _whole(data, "threads", 1, MAX_STEP_THREADS)
    iterations = _whole(data, "iterations", 1, MAX_STEP_ITERATIONS)
    lock = _flag(data, "lock")
    lock_kind = _choice(data, "lock_kind", LOCK_KINDS)
    run = _choice(data, "run", ("stepped", "free"))
    status = _choice(data, "status", ("finished", "stopped"))
    if plain and experiment != "counter":
        raise _Bad("plain is only for the counter experiment")
    final = data["final"]
    if final is not None and (type(final) is not int or not 0 <= final <= threads * iterations * 2):
        raise _Bad(f"final must be a whole number from 0 to {threads * iterations * 2} or null, not {_short(final)}")
    steps = data["steps"]
    if not isinstance(steps, list):
        raise _Bad(f"steps must be a list of [thread, operation, value] rows, not {_short(steps)}")
    pattern = _pattern(experiment, lock)
    most = len(pattern) * iterations
    if len(steps) > most * threads:
        raise _Bad(f"it has {len(steps):,} steps; {threads} threads × {iterations} can do at most {most * threads:,}")
    done = {n: 0 for n in range(1, threads + 1)}
    owner = None
    rows = []
    for i, row in enumerate(steps, 1):
        if not isinstance(row, list) or len(row) != 3:
            raise _Bad(f"step {i} must be a [thread, operation, value] row, not {_short(row)}")
        thread, op, value = row
        if type(thread) is not int or not 1 <= thread <= threads:
            raise _Bad(f"step {i}: the thread must be a whole number from 1 to {threads}, not {_short(thread)}")
        if done[thread] >= most:
            raise _Bad(f"step {i}: Thread {thread} has no operations left ({most} in all)")
        want = pattern[done[thread] % len(pattern)]
        if op != want:
            raise _Bad(f"step {i}: Thread {thread}'s next operation is {want!r}, not {_short(op)}")
        if op in ("read", "write"):
            if type(value) is not int or not 0 <= value <= threads * iterations:
                raise _Bad(f"step {i}: a {op} needs a counter value from 0 to {threads * iterations}, not {_short(value)}")
        elif op == "file":
            if not isinstance(value, str) or len(value) > MAX_TEXT:
                raise _Bad(f"step {i}: a file write needs a text of at most {MAX_TEXT} characters, not {_short(value)}")
        elif value is not None:
            raise _Bad(f"step {i}: a lock operation has no value (null), not {_short(value)}")
        if op == "acquire":
            if owner is not None:
                raise _Bad(f"step {i}: Thread {thread} takes the lock while Thread {owner} holds it")
            owner = thread
        elif op == "release":
            owner = None
        done[thread] += 1
        rows.append((thread, op, value))
    if status == "finished":
        short = [n for n, k in done.items() if k != most]
        if short:
            n = short[0]
            raise _Bad(f"it says finished, but Thread {n} did {done[n]} of its {most} operations")
    try:
        RunConfig(experiment=experiment, threads=threads, iterations=iterations, lock=lock,
                  lock_kind=lock_kind, plain=plain, sleep=0.0)
    except ConfigError as exc:
        raise _Bad(str(exc)) from None
    return Recording(experiment=experiment, plain=plain, threads=threads, iterations=iterations,
                     lock=lock, lock_kind=lock_kind, run=run, status=status, final=final,
                     steps=tuple(rows))
