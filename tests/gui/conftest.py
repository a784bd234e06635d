"""Fixtures for the view tests: small real runs that are always stopped and joined."""

import pytest

from thread_lab.engine import Run, RunConfig

SMALL = dict(threads=8, iterations=50, sleep=0.001)


@pytest.fixture
def make_run(tmp_path):
    """Build real runs (8 threads × 50 × 1 ms unless told); each is stopped and joined after."""
    runs = []

    def make(**settings) -> Run:
        settings = {**SMALL, **settings}
        shared = settings.pop("shared_file_path", None)
        settings.setdefault("directory", tmp_path)
        run = Run(RunConfig(**settings), shared_file_path=shared)
        runs.append(run)
        return run

    yield make
    for run in runs:
        run.stop()
        assert run.join(5), "a run's threads were still alive 5 s after stop"
