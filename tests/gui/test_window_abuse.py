"""The window abused the way a class abuses it: hammered buttons, broken disks, a closed window."""

import gc
import os
import subprocess
import sys
import textwrap
import threading
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from thread_lab.engine import RunConfig, State
from thread_lab.engine import run as run_module
from thread_lab.gui.bridge import RunBridge
from thread_lab.gui.main_window import FRAME_MS, MainWindow

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def window(qtbot):
    """A shown main window; whatever it runs is stopped and joined when the test ends."""
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1600, 1000)
    win.show()
    yield win
    assert win.stop_and_join(5), "a run was still going 5 s after stop"
    if win.run is not None:
        assert not any(w.is_alive() for w in win.run.workers)


def configure(win, experiment="counter", **settings):
    """Show these settings in the controls, as a person would set them."""
    win.controls.set_config(RunConfig.for_experiment(experiment, **settings))


def run_to_end(qtbot, win, timeout=20_000):
    """Press Start and return the result the window shows at the end."""
    with qtbot.waitSignal(win.runFinished, timeout=timeout) as finished:
        qtbot.mouseClick(win.controls.start_button, LEFT)
    return finished.args[0]


def wait_for_end(qtbot, win, timeout=30_000):
    """Wait until the window shows the end of its run (even one that ended already)."""
    qtbot.waitUntil(lambda: win.run.result is not None and win.last_result is win.run.result,
                    timeout=timeout)
    return win.last_result


def all_started(win):
    """True once every thread of the window's run has been started."""
    return all(w.ident is not None for w in win.run.workers)


def resident_mb():
    """This process's resident memory now, in MB (from /proc/self/statm)."""
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


# -- hammering ----------------------------------------------------------------------------


def test_200_start_stop_cycles_leave_no_thread_and_little_memory(qtbot, window):
    """Start and Stop 200 times: every thread is joined each time and memory stays flat."""
    configure(window, threads=8, sleep=0.01, iterations=1000)

    def cycle():
        qtbot.mouseClick(window.controls.start_button, LEFT)
        assert window.is_running()
        qtbot.waitUntil(lambda: all_started(window), timeout=5000)
        with qtbot.waitSignal(window.runFinished, timeout=5000):
            qtbot.mouseClick(window.controls.stop_button, LEFT)
        assert window.last_result.status == "stopped"

    for _ in range(20):  # warm up: caches, fonts, first allocations
        cycle()
    gc.collect()
    threads_before, memory_before = threading.active_count(), resident_mb()
    for _ in range(200):
        cycle()
    gc.collect()
    assert threading.active_count() == threads_before
    assert resident_mb() - memory_before <= 20, f"grew {resident_mb() - memory_before:.1f} MB"
    assert len(window.findChildren(RunBridge)) <= 1  # each run's bridge goes with it


def test_start_pressed_twice_starts_one_run(qtbot, window):
    """A second Start (a double click, a shortcut) during a run starts nothing new."""
    configure(window, threads=4, sleep=0.01, iterations=500)
    qtbot.mouseClick(window.controls.start_button, LEFT)
    first = window.run
    qtbot.mouseDClick(window.controls.start_button, LEFT)
    assert window.start() is False
    assert window.run is first
    qtbot.waitUntil(lambda: all_started(window), timeout=5000)
    ours = [t for t in threading.enumerate() if t.name.startswith("Thread ")]
    assert len(ours) == 4


def test_rapid_lock_toggling_mid_run_keeps_the_count_honest(qtbot, window):
    """Flipping the lock 101 times mid-run: no deadlock, every flip recorded, counts add up."""
    configure(window, threads=8, sleep=0.001, iterations=300, lock=False)
    qtbot.mouseClick(window.controls.start_button, LEFT)
    qtbot.waitUntil(lambda: all_started(window), timeout=5000)
    for _ in range(101):
        qtbot.mouseClick(window.controls.lock, LEFT)
    assert window.controls.lock.isChecked()  # an odd number of flips: on
    result = wait_for_end(qtbot, window)
    assert result.status == "finished" and result.lock is True
    assert len(result.lock_switches) == 101
    assert result.expected == 8 * 300 == sum(result.per_thread)
    assert result.actual + result.lost == result.expected
    assert window.code.lock_on is True


def test_reset_mid_run_joins_everything_and_the_next_run_works(qtbot, window):
    """Reset during a 200-thread run: all threads joined, defaults back, Start works again."""
    configure(window, threads=200, sleep=0.05, iterations=1000)
    qtbot.mouseClick(window.controls.start_button, LEFT)
    qtbot.waitUntil(lambda: all_started(window), timeout=10_000)
    workers = list(window.run.workers)
    qtbot.mouseClick(window.controls.reset_button, LEFT)
    assert not any(w.is_alive() for w in workers)
    assert window.run is None and not window.is_running()
    assert window.controls.config() == RunConfig.for_experiment("counter")
    assert window.controls.start_button.isEnabled()
    configure(window, threads=2, sleep=0, iterations=10)
    assert run_to_end(qtbot, window).expected == 20


# -- limits -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--threads", "1001"], "threads must be from 1 to 1,000, not 1,001"),
        (["--threads", "-1"], "threads must be from 1 to 1,000, not -1"),
        (["--iterations", "0"], "iterations must be from 1 to 100,000, not 0"),
        (["--iterations", "100001"], "iterations must be from 1 to 100,000"),
        (["--sleep", "-0.001"], "sleep must be from 0 to 10 seconds"),
        (["--sleep", "nan"], "sleep must be from 0 to 10 seconds"),
        (["--sleep", "inf"], "sleep must be from 0 to 10 seconds"),
    ],
)
@pytest.mark.parametrize("command", ["run", "window"])
def test_out_of_range_values_on_the_command_line_exit_2(command, args, words):
    """Values past the limits: status 2 and one line naming the limit; no window opens."""
    done = subprocess.run(
        [sys.executable, "-m", "thread_lab", command, "counter", *args],
        capture_output=True, text=True, timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 2, done.stderr
    assert words in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr


def test_typing_past_the_limits_is_held_at_them(qtbot, window):
    """Typing 99999 threads or 0 iterations into the boxes leaves values the engine accepts."""
    c = window.controls
    for box, text in ((c.threads, "99999"), (c.iterations, "0"), (c.sleep, "99")):
        box.setFocus()
        box.selectAll()
        qtbot.keyClicks(box, text)
        qtbot.keyClick(box, Qt.Key.Key_Enter)
    config = c.config()  # would raise ConfigError if a value were out of range
    assert 1 <= config.threads <= 1000
    assert 1 <= config.iterations <= 100_000
    assert 0 <= config.sleep <= 10


def test_the_biggest_run_the_controls_allow_starts_and_stops(qtbot, window):
    """1000 threads × 100,000 increments × 10 s pauses: all start, Stop ends them within 1 s."""
    c = window.controls
    configure(window, threads=1, sleep=0, iterations=1)
    c.threads.setValue(c.threads.maximum())
    c.sleep.setValue(c.sleep.maximum())
    c.iterations.setValue(c.iterations.maximum())
    qtbot.mouseClick(c.start_button, LEFT)
    qtbot.waitUntil(lambda: window.run.snapshot(10**9).states.count(State.SLEEPING) == 1000,
                    timeout=20_000)
    pressed = time.perf_counter()
    with qtbot.waitSignal(window.runFinished, timeout=5000):
        qtbot.mouseClick(c.stop_button, LEFT)
    assert time.perf_counter() - pressed < 1.0
    assert window.last_result.status == "stopped"
    assert not any(w.is_alive() for w in window.run.workers)


# -- crowds -------------------------------------------------------------------------------


def test_a_crowd_of_busy_threads_cannot_freeze_the_window(qtbot, window):
    """100 threads racing without the lock: the window takes turns and keeps refreshing."""
    configure(window, threads=100, sleep=0.001, iterations=100_000, lock=False)
    qtbot.mouseClick(window.controls.start_button, LEFT)
    qtbot.waitUntil(lambda: window._busy, timeout=10_000)
    assert window._timer.interval() > FRAME_MS  # paced, so the threads keep most of the time
    frames = len(window.plot.series()[0])
    qtbot.waitUntil(lambda: len(window.plot.series()[0]) >= frames + 3, timeout=5000)
    with qtbot.waitSignal(window.runFinished, timeout=2000):
        qtbot.mouseClick(window.controls.stop_button, LEFT)
    assert not window.run.window_drawing  # no thread is left waiting for the window


def test_closing_mid_run_with_1000_threads_exits_within_a_second(tmp_path):
    """Closing the window while 1000 threads sleep: the program ends within 1 s, status 0."""
    script = tmp_path / "close_mid_run.py"
    script.write_text(textwrap.dedent("""
        import sys
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication
        from thread_lab.engine import RunConfig, State
        from thread_lab.gui.app import create_app, run_window

        app = create_app()

        def drive():
            window = next(w for w in QApplication.topLevelWidgets()
                          if type(w).__name__ == "MainWindow" and w.isVisible())
            window.start()
            def check():
                if window.run.snapshot(10**9).states.count(State.SLEEPING) < 1000:
                    return QTimer.singleShot(20, check)
                print("closing", flush=True)
                window.close()
            check()

        QTimer.singleShot(0, drive)
        sys.exit(run_window(RunConfig.for_experiment("sleep", threads=1000, sleep=10)))
    """))
    proc = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    try:
        line = proc.stdout.readline()
        closing = time.perf_counter()
        assert line.strip() == "closing", proc.stderr.read() if not line else line
        status = proc.wait(timeout=10)
        took = time.perf_counter() - closing
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert status == 0, proc.stderr.read()
    assert took <= 1.0, f"the program took {took:.2f} s to end after the window closed"


# -- faults -------------------------------------------------------------------------------


class _DevFull:
    """A stand-in run folder whose shared file is /dev/full: a disk that is always full."""

    def __truediv__(self, name):
        return "/dev/full"


def test_a_full_disk_fails_clearly_and_the_window_stays_usable(qtbot, window, monkeypatch):
    """A full disk: a banner naming it, the run ends, what was drawn stays, a new run works."""
    monkeypatch.setattr(run_module, "make_run_folder", lambda parent: _DevFull())
    configure(window, experiment="file", threads=3, iterations=5)
    result = run_to_end(qtbot, window)
    assert result.status == "failed"
    assert "No space left on device (/dev/full)" in window.banner.text()
    assert window.banner.isVisible()
    t, written, _ = window.plot.series()
    assert len(t) >= 2 and written[-1] == sum(result.per_thread)  # the curve ends on the result
    assert not any(w.is_alive() for w in window.run.workers)
    monkeypatch.undo()
    configure(window, threads=2, sleep=0, iterations=10)
    again = run_to_end(qtbot, window)
    assert again.status == "finished" and not window.banner.isVisible()


def test_an_unwritable_folder_starts_nothing_and_the_next_run_works(qtbot, window, tmp_path):
    """A folder under a regular file (root can write anywhere else): a message, no thread."""
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    configure(window, experiment="file", directory=blocker / "sub")
    before = threading.active_count()
    qtbot.mouseClick(window.controls.start_button, LEFT)
    assert window.banner.isVisible() and "cannot create the shared file" in window.banner.text()
    assert threading.active_count() == before and not window.is_running()
    configure(window, experiment="file", threads=2, iterations=3, sleep=0, lock=True,
              directory=tmp_path)
    result = run_to_end(qtbot, window)
    assert result.status == "finished" and result.lines_intact == 6


@pytest.mark.parametrize("how", ["deleted", "replaced"])
def test_the_shared_file_deleted_or_replaced_mid_run(qtbot, window, tmp_path, how):
    """Someone deletes or replaces the shared file mid-run: a message, the lines read stay."""
    configure(window, experiment="file", threads=4, iterations=100, sleep=0.005, lock=True,
              directory=tmp_path)
    qtbot.mouseClick(window.controls.start_button, LEFT)
    preview = window.file_preview
    qtbot.waitUntil(lambda: preview.intact >= 20, timeout=10_000)
    path = preview.path
    if how == "deleted":
        path.unlink()
    else:
        other = tmp_path / "other.txt"
        other.write_text("not the threads' lines\n")
        os.replace(other, path)
    qtbot.waitUntil(lambda: preview.message.isVisible(), timeout=5000)
    assert f"was {how}" in preview.message.text()
    kept = preview.intact
    assert wait_for_end(qtbot, window).status == "finished"
    assert preview.intact == kept >= 20 and preview.model.rowCount() >= 20
    t, written, _ = window.plot.series()
    assert written[-1] == 400  # the threads kept writing, to the file they had open
    configure(window, threads=2, sleep=0, iterations=10)
    assert run_to_end(qtbot, window).status == "finished"


def test_a_thread_that_raises_is_named_and_the_rest_is_kept(qtbot, window, monkeypatch):
    """A lesson thread raising mid-run: named in the banner, all joined, data kept, rerun works."""
    from thread_lab.engine.lab_thread import LabThread

    real_sleep = LabThread.sleep
    calls = {"n": 0}

    def sleep_then_fail(self, seconds):
        if self.name == "Thread 3":
            calls["n"] += 1
            if calls["n"] == 20:
                raise RuntimeError("the experiment broke")
        real_sleep(self, seconds)

    monkeypatch.setattr(LabThread, "sleep", sleep_then_fail)
    configure(window, threads=8, sleep=0.002, iterations=200)
    result = run_to_end(qtbot, window)
    assert result.status == "failed"
    assert "Thread 3 failed: RuntimeError: the experiment broke" in window.banner.text()
    assert not any(w.is_alive() for w in window.run.workers)
    t, expected, actual = window.plot.series()
    assert expected[-1] == result.expected > 0 and actual[-1] == result.actual
    assert any("ERROR" in line for line in window.console.lines())
    monkeypatch.undo()
    assert run_to_end(qtbot, window).status == "finished"
