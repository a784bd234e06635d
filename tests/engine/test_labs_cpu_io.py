"""CPU vs I/O lab: threads help jobs that wait, not jobs that compute; processes compute."""

import os
import pickle

import pytest

from thread_lab.engine.labs import cpu_io
from thread_lab.engine.labs.cpu_io import CpuIoConfig, CpuIoLab, interpreter

GIL = interpreter().gil_enabled


def _measure(start_lab, **settings):
    lab = start_lab(CpuIoLab(CpuIoConfig(**settings)))
    assert lab.join(60)
    assert lab.result.status == "finished", lab.result.errors
    return lab.result


def test_threads_speed_up_io_bound_jobs(start_lab):
    """5 sleeps of 0.2 s: threads are at least 3× faster than one after another."""
    r = _measure(start_lab, jobs=5, seconds=0.2, kinds=("io",), ways=("sequential", "threads"))
    assert r.speedup("io", "threads") >= 3, r.measurements


def test_gil_threads_do_not_speed_up_cpu_bound_jobs_but_processes_do(start_lab):
    """4 × 0.35 s of arithmetic: threads ≤ 1.3× (GIL), processes beat threads on 2+ cores."""
    if (os.cpu_count() or 1) < 2:
        pytest.skip("processes need two cores to compute in parallel")

    def as_expected(r):
        threads_ok = r.speedup("cpu", "threads") <= 1.3 or not GIL
        return threads_ok and r.elapsed("cpu", "processes") < r.elapsed("cpu", "threads")

    tries = []
    for _ in range(3):
        # Another measurement only after a miss: another program on this machine may have
        # held a core during one bar. Three misses in a row are a real failure.
        tries.append(_measure(start_lab, jobs=4, seconds=0.35, kinds=("cpu",)))
        if as_expected(tries[-1]):
            break
    assert as_expected(tries[-1]), [
        {m.way: m.elapsed_s for m in r.measurements} for r in tries
    ]


def test_jobs_pickle_by_name_for_the_process_pool():
    """The job functions are module-level in an importable module: pickle sends them by name."""
    for job in (cpu_io.io_job, cpu_io.cpu_job):
        assert pickle.loads(pickle.dumps(job)) is job


def test_interpreter_names_the_gil():
    """The lab says which Python runs it and whether the GIL is on."""
    info = interpreter()
    assert info.version in info.title and ("GIL on" in info.title or "GIL off" in info.title)
    assert "free-threaded" in info.explanation()


def test_too_long_a_bar_is_refused():
    """A bar longer than 4 s is refused: Stop must never wait long for one."""
    with pytest.raises(ValueError, match="at most"):
        CpuIoConfig(jobs=8, seconds=1.0)


def test_stop_skips_the_bars_not_started(start_lab, wait_until):
    """Stop during the first bar: it finishes, the rest are skipped, all is joined."""
    lab = start_lab(CpuIoLab(CpuIoConfig(jobs=2, seconds=0.2, kinds=("io",))))
    wait_until(lambda: lab.snapshot().current is not None, what="the first bar")
    lab.stop()
    assert lab.join(5)
    assert lab.result.status == "stopped"
    assert any(m.skipped for m in lab.result.measurements)
