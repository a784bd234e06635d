"""`thread-lab run`: the tutorial's output, a summary, JSON, and clear errors, never a traceback."""

import io
import json
import os
import signal
import subprocess
import sys

import pytest

from thread_lab.cli import main, run_headless
from thread_lab.engine import RunConfig


def thread_lab(*args, timeout=60):
    """Run the real command in a fresh process, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "thread_lab", *args],
        capture_output=True, text=True, timeout=timeout,
    )


def test_counter_json_last_line_has_the_numbers():
    """--json ends stdout with one JSON object holding the counter's results."""
    done = thread_lab("run", "counter", "--threads", "8", "--iterations", "50",
                      "--sleep", "0.001", "--no-lock", "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout.strip().splitlines()[-1])
    assert data["experiment"] == "counter" and data["threads"] == 8
    assert data["expected"] == 400 and data["lost"] > 0
    assert data["actual"] + data["lost"] == 400 and data["elapsed_s"] > 0
    assert "Thread 1: starting" in done.stdout
    assert "increments were lost" in done.stdout
    assert done.stderr == ""


def test_file_json_names_the_file_and_its_lines(tmp_path):
    """The file experiment reports expected, intact and torn lines and the file's path."""
    done = thread_lab("run", "file", "--threads", "3", "--iterations", "4", "--lock", "--sleep", "0.001",
                      "--dir", str(tmp_path), "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout.strip().splitlines()[-1])
    assert (data["lines_expected"], data["lines_intact"], data["lines_torn"]) == (12, 12, 0)
    assert data["path"].startswith(str(tmp_path)) and os.path.exists(data["path"])


def test_sleep_prints_the_tutorial_output_and_timing():
    """The sleep experiment prints each thread's lines and how long it all took."""
    out = io.StringIO()
    code = run_headless(RunConfig(experiment="sleep", threads=2, sleep=0.05,
                                  mode="sequential"), as_json=True, out=out, err=io.StringIO())
    assert code == 0
    lines = out.getvalue().splitlines()
    assert lines[:5] == ["Thread 1: starting", "Thread 1: finishing",
                         "Thread 2: starting", "Thread 2: finishing", "Main: all done"]
    assert json.loads(lines[-1])["elapsed_s"] >= 0.1


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["run", "counter", "--threads", "0"], "threads must be from 1 to 1,000, not 0"),
        (["run", "counter", "--threads", "many"], "--threads: invalid int value"),
        (["run", "counter", "--sleep", "11"], "sleep must be from 0 to 10 seconds"),
        (["run", "juggle"], "invalid choice: 'juggle'"),
        (["run", "counter", "--lock", "--no-lock"], "not allowed with argument"),
    ],
)
def test_bad_arguments_exit_2_with_one_line(args, words):
    """A bad argument: exit status 2 and one line that says what is wrong."""
    done = thread_lab(*args)
    assert done.returncode == 2
    assert words in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr


def test_unwritable_folder_exits_1_with_one_line(tmp_path):
    """A folder that cannot be written: exit 1, one line naming it, no thread left."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    done = thread_lab("run", "file", "--dir", str(blocker))
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        line for line in done.stderr.strip().splitlines() if "cannot create the shared file" in line
    ]
    assert "Not a directory" in done.stderr and "Traceback" not in done.stderr


def test_worker_failure_exits_1_with_one_line(monkeypatch):
    """A thread that fails at run time (a full disk): exit 1 and the error in one line."""
    from thread_lab.engine import run as run_module

    monkeypatch.setattr(run_module, "make_run_folder", lambda parent: _DevFull())
    err = io.StringIO()
    code = run_headless(RunConfig(experiment="file", threads=3, iterations=5),
                        out=io.StringIO(), err=err)
    assert code == 1
    assert err.getvalue().count("\n") == 1
    assert "No space left on device (/dev/full)" in err.getvalue()


class _DevFull:
    """A stand-in run folder whose shared file is /dev/full, a disk that is always full."""

    def __truediv__(self, name):
        return "/dev/full"


def test_ctrl_c_stops_the_run_and_exits_130():
    """Ctrl+C during a long run stops every thread within a second and exits 130."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "thread_lab", "run", "sleep", "--threads", "50", "--sleep", "10"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    assert proc.stdout.readline().startswith("Thread ")  # the run is under way
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=5)
    assert proc.returncode == 130
    assert "stopped" in err and "Traceback" not in err


def test_progress_shows_on_a_terminal_for_long_runs():
    """On a terminal, a run longer than a second shows its progress on stderr."""

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    err = Terminal()
    code = run_headless(RunConfig(experiment="sleep", threads=2, sleep=1.3), out=io.StringIO(),
                        err=err)
    assert code == 0
    assert "threads done" in err.getvalue() and "Ctrl+C stops" in err.getvalue()


def test_no_progress_when_not_a_terminal():
    """Piped to a file, stderr stays clean."""
    err = io.StringIO()
    assert run_headless(RunConfig(experiment="sleep", threads=2, sleep=1.1), out=io.StringIO(),
                        err=err) == 0
    assert err.getvalue() == ""


def test_help_and_version_work():
    """--help lists the run command; --version names the version."""
    assert "run" in thread_lab("--help").stdout
    assert thread_lab("--version").stdout.startswith("thread-lab ")
    assert main(["run", "counter", "--threads", "1", "--iterations", "1"]) == 0
