"""Pool and asyncio versions of the sleep experiment: same result as Thread subclasses."""

import pytest

from thread_lab.engine import Run, RunConfig
from thread_lab.engine.labs.pools import PoolLab


@pytest.mark.parametrize("way, threads", [("pool", 5), ("asyncio", 1)])
def test_five_sleeps_overlap(start_lab, way, threads):
    """5 × 0.3 s sleeps take about 0.3 s: on 5 pool threads, or on 1 thread with asyncio."""
    lab = start_lab(PoolLab(way, jobs=5, seconds=0.3))
    assert lab.join(10)
    r = lab.result
    assert (r.status, r.done, len(r.threads)) == ("finished", 5, threads)
    assert r.elapsed_s < 0.3 * 5 / 2  # well under the 1.5 s of one after another
    lines = [e.text for e in lab.log.all()]
    assert lines[-1] == "Main: all done" and sum("finishing" in t for t in lines) == 5


def test_same_result_as_thread_subclasses(start_lab):
    """The Thread-subclass run, the pool and asyncio all take about one sleep's time."""
    run = Run(RunConfig.for_experiment("sleep", threads=5, sleep=0.3))
    run.start()
    try:
        labs = [start_lab(PoolLab(way, jobs=5, seconds=0.3)) for way in ("pool", "asyncio")]
        assert run.join(10) and all(lab.join(10) for lab in labs)
    finally:
        run.stop()
        run.join(5)
    times = [run.result.elapsed_s] + [lab.result.elapsed_s for lab in labs]
    assert all(0.29 < t < 0.75 for t in times), times


@pytest.mark.parametrize("way", ["pool", "asyncio"])
def test_stop_ends_long_sleeps_at_once(start_lab, wait_until, way):
    """Stop during 10 s sleeps: the jobs wake (pool) or are cancelled (asyncio) at once."""
    lab = start_lab(PoolLab(way, jobs=3, seconds=10))
    wait_until(lambda: lab.snapshot().started == 3, what="all jobs started")
    lab.stop()
    assert lab.join(2)
    assert lab.result.status == "stopped"
