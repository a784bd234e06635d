""""Save as script": the file a student takes home runs with plain Python and shows the lesson."""

import ast
import re
import subprocess
import sys

import pytest

from thread_lab.engine import RunConfig
from thread_lab.script_export import make_script, suggested_name

STDLIB_ONLY = {"atexit", "contextlib", "threading", "time", "re", "pathlib"}


def run_script(tmp_path, config, name="experiment.py", timeout=60):
    """Write the script for `config` and run it in a fresh, isolated Python, as a student would."""
    path = tmp_path / name
    path.write_text(make_script(config), encoding="utf-8")
    # -I: no site-packages, no current folder on sys.path: Thread Lab cannot be imported.
    done = subprocess.run([sys.executable, "-I", str(path)], capture_output=True, text=True,
                          timeout=timeout, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return done.stdout


def number(label, text):
    """The number after `label:` in the script's summary."""
    return int(re.search(rf"^\s*{label}:\s+(\d+)", text, re.MULTILINE).group(1))


@pytest.mark.parametrize("experiment", ["counter", "file", "sleep"])
def test_script_imports_only_the_standard_library(experiment):
    """The generated file is valid Python that imports no Thread Lab and no Qt."""
    source = make_script(RunConfig.for_experiment(experiment))
    tree = ast.parse(source)
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            imported.add(node.module.split(".")[0])
    assert imported <= STDLIB_ONLY
    assert "thread_lab" not in source and "PySide6" not in source
    assert "threading.Thread" in source and suggested_name(RunConfig.for_experiment(experiment)).endswith(".py")


def test_script_carries_every_setting():
    """Threads, pause, iterations, lock on/off, Lock/RLock, mode and join are written as set."""
    config = RunConfig.for_experiment("counter", threads=3, iterations=7, sleep=0.005, lock=True,
                                      lock_kind="rlock", mode="sequential", join=False, plain=True)
    source = make_script(config)
    for line in ("THREADS = 3", "ITERATIONS = 7", "PAUSE = 0.005", "USE_LOCK = True",
                 'LOCK_KIND = "RLock"', "PLAIN = True", "SEQUENTIAL = True", "JOIN = False"):
        assert line in source


def test_counter_script_loses_updates_without_the_lock_and_none_with_it(tmp_path):
    """python script.py: lock off, increments are lost; lock on (Lock or RLock), none are."""
    race = dict(threads=8, iterations=50, sleep=0.001)
    off = run_script(tmp_path, RunConfig.for_experiment("counter", lock=False, **race))
    assert number("expected", off) == 400 and number("lost", off) > 0
    assert number("counter", off) + number("lost", off) == 400
    assert "Thread 1: starting" in off and "Main: all done" in off
    for kind in ("lock", "rlock"):
        on = run_script(tmp_path, RunConfig.for_experiment("counter", lock=True, lock_kind=kind, **race))
        assert (number("expected", on), number("lost", on)) == (400, 0)


def test_file_script_tears_lines_without_the_lock_only(tmp_path):
    """The file script writes next to itself; lines tear with the lock off, never with it on."""
    settings = dict(threads=4, iterations=8, sleep=0.005)
    off = run_script(tmp_path, RunConfig.for_experiment("file", lock=False, **settings), "torn.py")
    assert number("torn", off) > 0
    assert (tmp_path / "torn.txt").exists()
    on = run_script(tmp_path, RunConfig.for_experiment("file", lock=True, **settings), "whole.py")
    assert (number("whole", on), number("torn", on)) == (32, 0)


def test_sleep_script_without_join_says_all_done_first(tmp_path):
    """Without join() the main program's line comes before the threads finish; the summary last."""
    out = run_script(tmp_path, RunConfig.for_experiment("sleep", threads=3, sleep=0.2, join=False))
    lines = out.splitlines()
    assert lines.index("Main: all done") < lines.index("Thread 1: finishing")
    assert lines[-1].startswith("Summary: 3 threads x 0.2 s of sleep took")


def test_script_module_does_not_import_qt():
    """Making a script needs no Qt (it can serve a command line too)."""
    code = ("import sys; import thread_lab.script_export\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'pyqtgraph')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
