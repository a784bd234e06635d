"""Run settings: out-of-range values are refused with a message naming the setting."""

import pytest

from thread_lab.engine import ConfigError, RunConfig


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        (dict(threads=0), "threads must be from 1 to 1,000"),
        (dict(threads=1001), "threads must be from 1 to 1,000"),
        (dict(sleep=-0.1), "sleep must be from 0 to 10"),
        (dict(sleep=10.5), "sleep must be from 0 to 10"),
        (dict(sleep=float("nan")), "sleep must be from 0 to 10"),
        (dict(iterations=0), "iterations must be from 1 to 100,000"),
        (dict(iterations=100_001), "iterations must be from 1 to 100,000"),
        (dict(experiment="juggle"), "experiment must be one of sleep, counter, file"),
        (dict(lock_kind="mutex"), "lock kind must be one of lock, rlock"),
        (dict(mode="parallel"), "mode must be one of sequential, threaded"),
        (dict(threads=2.5), "threads must be a whole number"),
        (dict(experiment="file", threads=1000, iterations=100_000), "at most 1,000,000"),
    ],
)
def test_out_of_range_values_are_refused_with_the_range(changes, words):
    """A bad value is refused, and the message names the setting and what it accepts."""
    with pytest.raises(ConfigError, match=words):
        RunConfig(**changes)


def test_limits_themselves_are_accepted():
    """The edges of every range are valid settings."""
    RunConfig(threads=1, sleep=0, iterations=1)
    RunConfig(threads=1000, sleep=10, iterations=100_000)


def test_settings_cannot_change_after_creation():
    """A run's settings are fixed: a running run never sees them change under it."""
    config = RunConfig()
    with pytest.raises(AttributeError):
        config.threads = 3  # type: ignore[misc]
    assert config.replace(threads=3).threads == 3 and config.threads == 8
