"""Challenges for the scheduler's seat: small goals that make people cause (or cure) a race.

Each challenge names its settings and says, from a finished step run, whether it was met. The
numbers were checked against every possible interleaving: with 2 threads × 2 increments the
counter can end at 2, 3 or 4, never at 1 (the last write comes from a thread that already
wrote once, so what it read was at least 1).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from thread_lab.engine.config import RunConfig


@dataclass(frozen=True)
class Verdict:
    """Whether a run met a challenge, and one sentence saying why (or what to try)."""

    met: bool
    message: str


@dataclass(frozen=True)
class Challenge:
    """A goal, the settings it is played with, and a hint."""

    key: str
    title: str
    goal: str
    hint: str
    settings: dict = field(default_factory=dict)  # RunConfig fields

    def config(self) -> RunConfig:
        """The settings to play this challenge with."""
        return RunConfig(**{"experiment": "counter", "sleep": 0.0, **self.settings})

    def applies(self, run) -> bool:
        """True when `run` was played with this challenge's settings."""
        cfg, want = run.config, self.config()
        return all(getattr(cfg, name) == getattr(want, name)
                   for name in ("experiment", "plain", "threads", "iterations", "lock"))

    def judge(self, run) -> Verdict:
        """Did this finished step run meet the challenge?"""
        result = run.result
        if result is None:
            return Verdict(False, "The run has not ended yet.")
        if not self.applies(run):
            return Verdict(False, f"This run had other settings: press “Try it” to play “{self.title}”.")
        if not run.stepping:
            return Verdict(False, "This was a free run: the threads chose. Step it yourself.")
        if result.status != "finished":
            return Verdict(False, "The run was stopped before the threads finished: try again.")
        return _JUDGES[self.key](run, result)


def _lose_one(run, result) -> Verdict:
    if result.actual == 1:
        step = next((s for s in run.steps() if s.erased), None)
        named = f"{step.headline()}. " if step else ""
        return Verdict(True, f"{named}Two increments, and the counter says 1.")
    return Verdict(False, f"The counter ended at {result.actual}. Let both threads read before either writes.")


def _lowest(run, result) -> Verdict:
    if result.actual == 2:
        return Verdict(True, f"The counter ended at 2 after 4 increments: {result.lost} updates lost, "
                             "as low as it can go.")
    return Verdict(False, f"The counter ended at {result.actual}. Hint: one thread reads 0 and holds it "
                          "while the other increments, then writes 1 back…")


def _turns(run, result) -> Verdict:
    steps = run.steps()
    switches = sum(1 for a, b in zip(steps, steps[1:]) if a.thread != b.thread)
    if result.lost:
        return Verdict(False, f"{result.lost} update lost. Let a thread write before the other reads.")
    if switches < 3:
        return Verdict(False, f"Nothing lost, but the threads switched only {switches} times. "
                              "Make them take turns: at least 3 switches.")
    return Verdict(True, f"Nothing lost with the lock off and {switches} thread switches: a race "
                         "loses updates only when a switch falls between a read and its write.")


def _lock_wait(run, result) -> Verdict:
    if not run.gate.blocked_by_lock:
        return Verdict(False, "No thread had to wait. Let Thread 1 take the lock, then try Thread 2.")
    if result.lost:
        return Verdict(False, f"{result.lost} update lost: was the lock on?")
    return Verdict(True, f"You couldn't: a thread stood at the lock while the other held it, and the "
                         f"counter ended at {result.actual}. With the lock on, nothing is lost.")


def _tear(run, result) -> Verdict:
    if result.lines_torn:
        step = next((s for s in run.steps() if s.tore), None)
        named = f"{step.headline()}. " if step else ""
        return Verdict(True, f"{named}{result.lines_torn} torn lines in the file.")
    return Verdict(False, "Every line is whole. Let the other thread write between the two halves.")


_JUDGES = {
    "lose-one": _lose_one,
    "plain": _lose_one,
    "lowest": _lowest,
    "turns": _turns,
    "lock-wait": _lock_wait,
    "tear": _tear,
}

CHALLENGES: tuple[Challenge, ...] = (
    Challenge(
        "lose-one", "Lose an update",
        "2 threads × 1 increment, lock off: end with the counter at 1.",
        "Let both threads read 0 before either of them writes.",
        dict(threads=2, iterations=1),
    ),
    Challenge(
        "plain", "Break the one-liner",
        "The bare counter += 1, 2 threads × 1: end at 1. The bytecode shows why you can.",
        "A read and a write are two instructions: switch threads between them.",
        dict(threads=2, iterations=1, plain=True),
    ),
    Challenge(
        "lowest", "As low as it goes",
        "2 threads × 2 increments, lock off: end at 2, the lowest possible. (Why never 1?)",
        "Thread 1 reads 0 and holds it while Thread 2 increments; Thread 1 writes 1 back; now "
        "Thread 2 reads 1 and holds it while Thread 1 finishes; Thread 2 writes 2.",
        dict(threads=2, iterations=2),
    ),
    Challenge(
        "turns", "Race, but lose nothing",
        "2 threads × 2, lock OFF: lose no update, with at least 3 thread switches.",
        "Switch only after a write, never between a read and its write.",
        dict(threads=2, iterations=2),
    ),
    Challenge(
        "lock-wait", "Meet the lock",
        "Lock ON, 2 threads × 1: try to get Thread 2's read between Thread 1's read and write.",
        "Let Thread 1 take the lock and read, then try to step Thread 2. Then finish the run.",
        dict(threads=2, iterations=1, lock=True),
    ),
    Challenge(
        "tear", "Tear a line",
        "The file, 2 threads × 1 line, lock off: get another thread's write inside a line.",
        "Let Thread 2 write after Thread 1's first half.",
        dict(experiment="file", threads=2, iterations=1),
    ),
)


def challenge(key: str) -> Challenge:
    """The challenge called `key`."""
    return next(c for c in CHALLENGES if c.key == key)
