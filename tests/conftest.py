"""Shared test set-up: no screen needed, and no thread may outlive its test."""

import os
import threading

import pytest

# Tests never need a screen; set before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def own_settings_file(tmp_path, monkeypatch):
    """Every test remembers its settings in a file of its own, never in the user's."""
    path = tmp_path / "thread-lab-settings.ini"
    monkeypatch.setenv("THREAD_LAB_SETTINGS", str(path))
    return path


@pytest.fixture(autouse=True)
def no_thread_left_behind():
    """Every test ends with the same threads it began with: runs are always joined."""
    before = set(threading.enumerate())
    yield
    # Threads of a finished run are joined before its result exists, so none may linger.
    left = [t for t in threading.enumerate() if t not in before and t.is_alive()]
    for t in left:  # give a just-ended thread its last instant to exit, never hang
        t.join(2)
    still = [t.name for t in left if t.is_alive()]
    assert not still, f"threads left running after the test: {still[:10]}"
