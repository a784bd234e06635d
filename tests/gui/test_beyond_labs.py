"""The labs beyond the tutorial, driven as a teacher drives them: Start, switch, Stop."""

import pytest
from PySide6.QtCore import Qt

from thread_lab.engine.labs.locks import LockResult
from thread_lab.gui.labs.cpu_io_lab import CpuIoPage
from thread_lab.gui.labs.deadlock_lab import DeadlockLab
from thread_lab.gui.labs.pools_lab import PoolsPage
from thread_lab.gui.labs.queue_lab import QueuePage

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def page(qtbot, request):
    """A lab page of the class the test names; its run is stopped and joined afterwards."""
    made = request.param()
    qtbot.addWidget(made)
    made.resize(1600, 950)
    made.show()
    yield made
    assert made.stop_and_join(10), "a lab's threads were still alive 10 s after stop"


def run_to_end(qtbot, page, timeout=20_000):
    """Press Start and wait until the page has shown the result."""
    with qtbot.waitSignal(page.runFinished, timeout=timeout) as finished:
        qtbot.mouseClick(page.start_button, LEFT)
    return finished.args[0]


def _not_stopped(result) -> bool:
    return result.status != "stopped"


@pytest.mark.parametrize("page", [DeadlockLab], indirect=True)
def test_deadlock_shown_within_a_second_then_one_lock_order_cures_it(qtbot, page):
    """The wait-for cycle is on screen within 1 s of forming; Cure 1 restarts without it."""
    qtbot.mouseClick(page.start_button, LEFT)
    qtbot.waitUntil(lambda: page.deadlocked, timeout=3000)
    graph = page.graph_view.graph
    assert page.run.clock() - graph.formed_at < 1.0
    assert graph.cycle == ("Thread 1", "lock B", "Thread 2", "lock A")
    assert "Deadlock" in page.verdict.text() and "held by Thread 2" in page.verdict.text()
    assert page.states.texts() == ["Thread 1: Waiting: for lock B, held by Thread 2",
                                   "Thread 2: Waiting: for lock A, held by Thread 1"]

    # The switch stops the deadlocked run (its result comes first) and starts a cured one.
    with qtbot.waitSignal(page.runFinished, timeout=10_000, check_params_cb=_not_stopped) as finished:
        qtbot.mouseClick(page.one_order, LEFT)
    result: LockResult = finished.args[0]
    assert (result.status, result.cycles_seen, result.done) == ("finished", 0, (3, 3))
    assert not page.deadlocked and "one lock order" in page.verdict.text()


@pytest.mark.parametrize("page", [DeadlockLab], indirect=True)
def test_stop_ends_a_deadlock_and_the_timeout_cure_finishes(qtbot, page):
    """Stop always works, even deadlocked; with acquire(timeout=…) the run finishes."""
    qtbot.mouseClick(page.start_button, LEFT)
    qtbot.waitUntil(lambda: page.deadlocked, timeout=3000)
    with qtbot.waitSignal(page.runFinished, timeout=2000) as finished:
        qtbot.mouseClick(page.stop_button, LEFT)
    assert finished.args[0].deadlocked and finished.args[0].status == "stopped"
    assert page.start_button.isEnabled()

    qtbot.mouseClick(page.timeout, LEFT)
    result = run_to_end(qtbot, page, timeout=30_000)
    assert (result.status, result.deadlocked, result.done) == ("finished", False, (3, 3))
    assert result.gave_up >= 1


@pytest.mark.parametrize("page", [DeadlockLab], indirect=True)
def test_lock_taken_twice_hangs_and_is_explained_rlock_proceeds(qtbot, page):
    """Nested call with a Lock: self-deadlock, explained; switching to RLock lets it finish."""
    page.nested.click()  # the radio button, as a click on its label does
    qtbot.mouseClick(page.start_button, LEFT)
    qtbot.waitUntil(lambda: page.deadlocked, timeout=3000)
    assert page.graph_view.graph.cycle == ("Thread 1", "lock A")
    assert "which it holds itself" in page.verdict.text()
    assert "When does RLock matter?" in page.explain.text()
    with qtbot.waitSignal(page.runFinished, timeout=10_000, check_params_cb=_not_stopped) as finished:
        qtbot.mouseClick(page.rlock, LEFT)
    assert finished.args[0].status == "finished" and not page.deadlocked


@pytest.mark.parametrize("page", [CpuIoPage], indirect=True)
def test_cpu_io_page_draws_every_bar_from_signals(qtbot, page):
    """A short measurement fills all six bars and says what the speed-ups are."""
    page.jobs.setValue(2)
    page.seconds.setValue(0.1)
    qtbot.mouseClick(page.start_button, LEFT)
    # The window stays live while it measures: the growing bar is redrawn by the timer.
    qtbot.waitUntil(lambda: any(h > 0 for h in page.chart.heights().values()), timeout=5000)
    assert page.is_running()
    with qtbot.waitSignal(page.runFinished, timeout=30_000) as finished:
        pass
    result = finished.args[0]
    assert result.status == "finished"
    assert all(h > 0 for h in page.chart.heights().values())
    assert "I/O-bound: threads ×" in page.verdict.text()
    assert "GIL" in page.interpreter_title.text()


@pytest.mark.parametrize("page", [PoolsPage], indirect=True)
def test_pool_and_asyncio_match_thread_subclasses(qtbot, page):
    """Three versions of 3 × 0.3 s sleeps: all about 0.3 s, on 3, 3 and 1 threads."""
    page.jobs.setValue(3)
    page.seconds.setValue(0.3)
    result = run_to_end(qtbot, page)
    assert result.status == "finished"
    assert page.times["subclass"].text().endswith("on 3 threads")
    assert page.times["pool"].text().endswith("on 3 threads")
    assert page.times["asyncio"].text().endswith("on 1 thread")
    assert "Same result" in page.verdict.text()
    assert "ThreadPoolExecutor(" in page.codes["pool"].toPlainText()
    assert "await asyncio.gather(" in page.codes["asyncio"].toPlainText()
    assert "class SleepyThread" in page.codes["subclass"].toPlainText()


@pytest.mark.parametrize("page", [QueuePage], indirect=True)
def test_queue_page_counts_every_item_once(qtbot, page):
    """2 producers × 4 items through a queue of 2: 8 made, 8 used, the plot agrees."""
    page.items.setValue(4)
    page.make_time.setValue(0.01)
    page.use_time.setValue(0.03)
    page.maxsize.setValue(2)
    result = run_to_end(qtbot, page)
    assert (result.produced, result.consumed, result.left_in_queue) == (8, 8, 0)
    assert page.counts.text() == "made 8 · in queue 0 · used 8"
    _, made, used = page.plots.series()
    assert made[-1] == used[-1] == 8
    assert sum("got Producer" in line for line in page.console.lines()) == 8


@pytest.mark.parametrize("page", [QueuePage], indirect=True)
def test_queue_page_stop_ends_waiting_threads(qtbot, page):
    """Slow consumers, full queue: Stop ends every waiting thread at once."""
    page.use_time.setValue(2.0)
    page.make_time.setValue(0.0)
    qtbot.mouseClick(page.start_button, LEFT)
    qtbot.waitUntil(lambda: "queue full" in " ".join(page.states.texts()), timeout=5000)
    with qtbot.waitSignal(page.runFinished, timeout=2000) as finished:
        qtbot.mouseClick(page.stop_button, LEFT)
    assert finished.args[0].status == "stopped"


def test_window_has_the_labs_and_closing_joins_a_deadlock(qtbot):
    """The labs are tabs of the main window; closing it mid-deadlock joins every thread."""
    from thread_lab.gui.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    titles = [win.labs.tabText(i) for i in range(win.labs.count())]
    for title in ("GIL: CPU vs I/O", "Deadlocks", "Pools && asyncio", "Queues"):
        assert title in titles
    tab = win.labs.widget(titles.index("Deadlocks"))
    assert not tab.built  # built when first shown: the window opens as fast as before
    win.labs.setCurrentWidget(tab)
    assert tab.built
    deadlock = tab.page
    qtbot.mouseClick(deadlock.start_button, LEFT)
    qtbot.waitUntil(lambda: deadlock.deadlocked, timeout=3000)
    win.close()
    assert deadlock.run.result is not None and deadlock.run.result.deadlocked
