"""Producer/consumer lab: every item made is used once, the finish signal ends the consumers."""

import pytest

from thread_lab.engine.labs.queues import HAS_SHUTDOWN, QueueConfig, QueueLab
from thread_lab.engine.shared import State


def test_every_item_is_used_once_and_sentinels_end_the_consumers(start_lab):
    """2 producers × 10 items through a queue of 3: 20 made, 20 used, none left."""
    cfg = QueueConfig(producers=2, consumers=3, items=10, make_time=0.002, use_time=0.004,
                      maxsize=3)
    lab = start_lab(QueueLab(cfg))
    assert lab.join(15)
    r = lab.result
    assert (r.status, r.produced, r.consumed, r.left_in_queue) == ("finished", 20, 20, 0)
    snap = lab.snapshot()
    assert max(size for _, size in snap.samples) <= 3  # the queue never held more than maxsize
    assert all(s is State.DONE for s in snap.states)


@pytest.mark.skipif(not HAS_SHUTDOWN, reason="queue.shutdown() needs Python 3.13+")
def test_shutdown_ends_the_consumers():
    """On Python 3.13+, q.shutdown() ends the consumers as the sentinels do."""
    lab = QueueLab(QueueConfig(items=5, make_time=0, use_time=0, finish="shutdown"))
    lab.start()
    assert lab.join(10)
    assert (lab.result.produced, lab.result.consumed) == (10, 10)


def test_full_queue_makes_producers_wait_and_stop_ends_every_wait(start_lab, wait_until):
    """Fast producers and a slow consumer fill the queue; producers wait; Stop ends it all."""
    cfg = QueueConfig(producers=2, consumers=1, items=100, make_time=0, use_time=1.0,
                      maxsize=2)
    lab = start_lab(QueueLab(cfg))
    wait_until(lambda: lab.snapshot().states[:2] == (State.WAITING, State.WAITING),
               what="both producers waiting for room")
    assert lab.snapshot().size == 2
    lab.stop()
    assert lab.join(2)
    assert lab.result.status == "stopped" and not lab.result.errors


def test_shutdown_is_refused_before_python_3_13():
    """Asking for queue.shutdown() where it does not exist is a clear error."""
    if HAS_SHUTDOWN:
        QueueConfig(finish="shutdown")
    else:
        with pytest.raises(ValueError, match="3.13"):
            QueueConfig(finish="shutdown")
