"""Deadlock lab: the wait-for cycle is found as it forms, both cures prevent it, Stop ends it."""

import pytest

from thread_lab.engine.labs.locks import LockLab, LockLabConfig, find_cycle
from thread_lab.engine.shared import State


def test_opposite_orders_deadlock_is_detected_within_a_second(start_lab, wait_until):
    """Two threads, two locks, opposite orders: the cycle is reported within 1 s of forming."""
    lab = start_lab(LockLab(LockLabConfig(pause=0.2)))
    wait_until(lambda: lab.snapshot().graph.deadlocked, timeout=5, what="the deadlock")
    snap = lab.snapshot()
    graph = snap.graph
    assert snap.t - graph.formed_at < 1.0
    assert graph.cycle == ("Thread 1", "lock B", "Thread 2", "lock A")
    assert graph.holder("lock A") == "Thread 1" and graph.holder("lock B") == "Thread 2"
    assert graph.waiting_for("Thread 1") == "lock B" and graph.waiting_for("Thread 2") == "lock A"
    assert "Thread 1 waits for lock B, held by Thread 2" in graph.sentence()
    assert snap.states == (State.WAITING, State.WAITING)


def test_stop_ends_a_deadlock(start_lab, wait_until):
    """Stop wakes both deadlocked threads; the result says they were deadlocked."""
    lab = start_lab(LockLab(LockLabConfig(pause=0.05)))
    wait_until(lambda: lab.snapshot().graph.deadlocked, timeout=5, what="the deadlock")
    lab.stop()
    assert lab.join(2)
    assert lab.result.status == "stopped" and lab.result.deadlocked
    assert not lab.result.errors


def test_one_lock_order_cures_the_deadlock(start_lab):
    """With one lock order no cycle ever forms and every transfer is made."""
    lab = start_lab(LockLab(LockLabConfig(one_order=True, pause=0.02, transfers=3)))
    assert lab.join(10)
    r = lab.result
    assert (r.status, r.cycles_seen, r.deadlocked, r.done) == ("finished", 0, False, (3, 3))


def test_timeout_cure_breaks_the_cycle_and_retries(start_lab):
    """With acquire(timeout=…) the cycle forms but a thread gives up, backs off and all finish."""
    lab = start_lab(LockLab(LockLabConfig(timeout=0.1, pause=0.05, transfers=2)))
    assert lab.join(20)
    r = lab.result
    assert (r.status, r.deadlocked, r.done) == ("finished", False, (2, 2))
    assert r.cycles_seen >= 1 and r.gave_up >= 1  # the opposite orders still collide at first


def test_lock_taken_twice_by_its_owner_is_a_self_deadlock(start_lab, wait_until):
    """A Lock taken again through a nested call: the thread waits for itself, and is told so."""
    lab = start_lab(LockLab(LockLabConfig(scenario="nested", lock_kind="lock")))
    wait_until(lambda: lab.snapshot().graph.deadlocked, timeout=5, what="the self-deadlock")
    graph = lab.snapshot().graph
    assert graph.cycle == ("Thread 1", "lock A")
    assert "which it holds itself" in graph.sentence()
    lab.stop()
    assert lab.join(2) and lab.result.deadlocked


def test_rlock_lets_its_owner_take_it_again(start_lab):
    """The same nested call with an RLock proceeds and finishes."""
    lab = start_lab(LockLab(LockLabConfig(scenario="nested", lock_kind="rlock")))
    assert lab.join(5)
    assert (lab.result.status, lab.result.cycles_seen) == ("finished", 0)
    assert lab.workers[0].balance == 110


@pytest.mark.parametrize(
    "holders, waits, cycle",
    [
        ({"A": "T1", "B": "T2"}, {"T1": "B", "T2": "A"}, ("T1", "B", "T2", "A")),
        ({"A": "T1"}, {"T1": "A"}, ("T1", "A")),
        ({"A": "T1"}, {"T2": "A"}, ()),
        ({"A": "T1", "B": "T2", "C": "T3"}, {"T1": "B", "T2": "C", "T3": "A"},
         ("T1", "B", "T2", "C", "T3", "A")),
    ],
)
def test_find_cycle(holders, waits, cycle):
    """The cycle finder follows waits-for and held-by edges back to the start, or finds none."""
    assert find_cycle(holders, waits) == cycle
