"""The engine abused without a window: runs hammered, stopped early, their files pulled away."""

import threading
import time

from thread_lab.engine import Run, RunConfig, State


def test_200_start_stop_cycles_leave_no_thread(start_run, wait_until):
    """Start and stop a run 200 times: each time every thread is joined, none is left over."""
    before = threading.active_count()
    for _ in range(200):
        run = start_run(threads=8, sleep=0.01, iterations=1000)
        wait_until(lambda: all(w.ident is not None for w in run.workers), what="all started")
        run.stop()
        assert run.join(5)
        assert run.result.status == "stopped"
    assert threading.active_count() == before


def test_stop_before_start_and_twice_is_harmless():
    """Stop before Start starts no thread; Stop twice, or join without start, just works."""
    run = Run(RunConfig(threads=5, iterations=10))
    assert run.join(0.1)  # never started: nothing to wait for
    run.stop()
    run.start()
    assert run.join(5)
    assert run.result.status == "stopped"
    assert not any(w.ident for w in run.workers)
    run.stop()
    run.stop()
    assert run.join(0.1)


def test_lock_flipped_10000_times_from_another_thread(start_run, finish):
    """A thread flipping the lock as fast as it can: no deadlock, every flip counted."""
    run = start_run(threads=8, sleep=0.0005, iterations=400)
    flips = 0

    def flipper():
        nonlocal flips
        while run.running and flips < 10_000:
            run.set_lock(flips % 2 == 0)
            flips += 1

    toggler = threading.Thread(target=flipper, name="flipper")
    toggler.start()
    result = finish(run, timeout=60)
    toggler.join(5)
    assert not toggler.is_alive()
    assert len(result.lock_switches) == flips
    assert result.expected == 8 * 400 == sum(result.per_thread)
    assert result.actual + result.lost == result.expected


def test_stop_during_the_windows_turn_ends_the_run_at_once(start_run, wait_until):
    """Threads waiting for the window are released by Stop: the run ends within 0.5 s."""
    run = start_run(threads=50, sleep=0.001, iterations=100_000)
    wait_until(lambda: all(w.ident is not None for w in run.workers), what="all started")
    with run.window_turn():
        wait_until(lambda: run.snapshot(10**9).states.count(State.SLEEPING) == 50,
                   what="every thread at a pause")
        run.stop()
        assert run.join(0.5)
    assert run.result.status == "stopped"


def test_a_window_that_never_ends_its_turn_cannot_stall_the_threads(start_run, wait_until):
    """Even if the window hangs in its turn, the threads carry on (each waits 0.2 s at most)."""
    run = start_run(threads=4, sleep=0.001, iterations=100_000)
    wait_until(lambda: all(w.ident is not None for w in run.workers), what="all started")
    with run.window_turn():
        done = run.snapshot(10**9).expected
        wait_until(lambda: run.snapshot(10**9).expected >= done + 8, timeout=5,
                   what="progress while the window holds its turn")


def test_the_windows_turn_loses_no_increment(start_run, finish):
    """Turns taken over and over during a run: with the lock, every increment still counts."""
    run = start_run(threads=8, sleep=0.0005, iterations=300, lock=True)
    while not run.join(0.002):  # a turn every 2 ms or so, as a window under load takes them
        with run.window_turn():
            run.snapshot()
    result = finish(run)
    assert (result.expected, result.actual, result.lost) == (2400, 2400, 0)


def test_the_shared_file_deleted_mid_run_ends_cleanly(start_run, finish, wait_until, tmp_path):
    """The shared file deleted while threads write: they finish, the run ends normally."""
    run = start_run(experiment="file", threads=4, iterations=200, sleep=0.001, lock=True,
                    directory=tmp_path)
    wait_until(lambda: run.snapshot(10**9).expected >= 20, what="some lines written")
    run.file.path.unlink()
    result = finish(run)
    assert result.status == "finished" and sum(result.per_thread) == 800
    assert result.lines_intact == result.lines_torn == 0  # nothing left to count


def test_threads_wait_at_their_pauses_for_a_window_that_missed_its_heartbeat(start_run, wait_until):
    """A window crowded out of the GIL gets it back: pausing threads wait while it is overdue."""
    run = start_run(threads=50, sleep=0, iterations=100_000)
    wait_until(lambda: all(w.ident is not None for w in run.workers), what="all started")

    def made() -> int:
        return sum(run.snapshot().progress)

    run.window_alive(0.0)  # a window that is overdue at once, and never comes back
    wait_until(lambda: run.snapshot().states.count(State.SLEEPING) == 50, what="all waiting")
    before = made()
    time.sleep(0.3)  # a measuring interval: busy threads would make thousands in it
    assert made() - before <= 3 * 50  # each thread gets one step per 0.2 s wait at most
    run.window_alive(60.0)  # the window is back: the threads run on at once
    resumed = made()
    wait_until(lambda: made() - resumed > 1000, what="the threads running again")
    run.window_alive(0.0)
    wait_until(lambda: run.snapshot().states.count(State.SLEEPING) == 50, what="all waiting again")
    run.stop()  # Stop releases every waiting thread at once
    assert run.join(2.0)
    assert run.result.status == "stopped"
