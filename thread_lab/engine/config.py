"""Validated, immutable settings for one run of an experiment."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

EXPERIMENTS = ("sleep", "counter", "file")
LOCK_KINDS = ("lock", "rlock")
MODES = ("sequential", "threaded")

# Limits a teacher can defend in class: 1000 threads is far more than a lesson needs and
# still starts in well under a second; 10 s is a long pause on a projector; 100,000
# increments per thread finishes in seconds with the pause at 0.
MAX_THREADS = 1000
MAX_SLEEP_S = 10.0
MAX_ITERATIONS = 100_000
# The file experiment writes about 20 bytes a line: a million lines is 20 MB, enough.
MAX_FILE_LINES = 1_000_000


# What each experiment shows best when nobody chose a value: the tutorial's 5 × 2 s sleeps;
# a counter race slow enough to watch (about 1 s without the lock, 8 s with it: the lock's
# cost shows too); a file small enough to read line by line.
EXPERIMENT_DEFAULTS = {
    "sleep": dict(threads=5, sleep=2.0, iterations=1),
    "counter": dict(threads=8, sleep=0.02, iterations=50),
    "file": dict(threads=4, sleep=0.05, iterations=10),
}


class ConfigError(ValueError):
    """A setting is out of range; the message names the setting and its range."""


@dataclass(frozen=True)
class RunConfig:
    """What to run: the experiment and every setting the controls offer."""

    experiment: str = "counter"
    threads: int = 8
    sleep: float = 0.001
    iterations: int = 50
    lock: bool = False
    lock_kind: str = "lock"
    mode: str = "threaded"
    join: bool = True
    plain: bool = False
    directory: Path | None = None

    def __post_init__(self) -> None:
        _choice("experiment", self.experiment, EXPERIMENTS)
        _choice("lock kind", self.lock_kind, LOCK_KINDS)
        _choice("mode", self.mode, MODES)
        _whole("threads", self.threads, 1, MAX_THREADS)
        _whole("iterations", self.iterations, 1, MAX_ITERATIONS)
        if isinstance(self.sleep, bool) or not isinstance(self.sleep, (int, float)):
            raise ConfigError(f"sleep must be a number of seconds from 0 to {MAX_SLEEP_S:g}")
        if not 0 <= self.sleep <= MAX_SLEEP_S:  # also rejects NaN
            raise ConfigError(
                f"sleep must be from 0 to {MAX_SLEEP_S:g} seconds, not {self.sleep:g}"
            )
        if self.experiment == "file" and self.threads * self.iterations > MAX_FILE_LINES:
            raise ConfigError(
                f"threads × iterations must be at most {MAX_FILE_LINES:,} for the file "
                f"experiment, not {self.threads * self.iterations:,}"
            )
        if self.directory is not None and not isinstance(self.directory, Path):
            object.__setattr__(self, "directory", Path(self.directory))

    @classmethod
    def for_experiment(cls, experiment: str, **changes) -> RunConfig:
        """Settings for `experiment`: its defaults, with `changes` on top."""
        _choice("experiment", experiment, EXPERIMENTS)
        return cls(experiment=experiment, **{**EXPERIMENT_DEFAULTS[experiment], **changes})

    def replace(self, **changes) -> RunConfig:
        """Return a copy with some settings changed, validated again."""
        return dataclasses.replace(self, **changes)

    @property
    def total_increments(self) -> int:
        """How many increments (or lines) the run should make in all."""
        return self.threads * self.iterations


def _choice(name: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise ConfigError(f"{name} must be one of {', '.join(allowed)}, not {value!r}")


def _whole(name: str, value: int, low: int, high: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ConfigError(f"{name} must be a whole number from {low} to {high:,}")
    if not low <= value <= high:
        raise ConfigError(f"{name} must be from {low} to {high:,}, not {value:,}")
