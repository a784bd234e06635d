"""Fixtures for engine tests: runs that are always stopped and joined."""

import threading
import time

import pytest

from thread_lab.engine import Run, RunConfig


@pytest.fixture
def start_run():
    """Start runs for a test; every one is stopped and joined when the test ends."""
    runs = []

    def start(config=None, **settings):
        run = Run(config or RunConfig(**settings))
        runs.append(run)
        run.start()
        return run

    yield start
    for run in runs:
        run.stop()
    for run in runs:
        assert run.join(5), "a run did not end within 5 s of stop"


@pytest.fixture
def finish():
    """Wait for a run to end by itself and return its result."""

    def wait(run, timeout=30):
        assert run.join(timeout), "the run did not finish in time"
        return run.result

    return wait


@pytest.fixture
def wait_until():
    """Poll a condition until it holds; fail (never hang) after `timeout` seconds."""

    def wait(condition, timeout=10.0, what="the condition"):
        deadline = time.monotonic() + timeout
        pause = threading.Event()
        while not condition():
            assert time.monotonic() < deadline, f"timed out waiting for {what}"
            pause.wait(0.002)

    return wait


@pytest.fixture
def start_lab():
    """Start lab runs (thread_lab.engine.labs); each is stopped and joined when the test ends."""
    labs = []

    def start(lab):
        labs.append(lab)
        lab.start()
        return lab

    yield start
    for lab in labs:
        lab.stop()
    for lab in labs:
        assert lab.join(10), "a lab run did not end within 10 s of stop"
