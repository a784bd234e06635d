"""The five views, each fed a real run the way the main window feeds it."""

import inspect
import os
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog

from thread_lab.engine import State
from thread_lab.engine import workers
from thread_lab.gui import code_view as code_view_module
from thread_lab.gui import console as console_module
from thread_lab.gui import file_preview as file_preview_module
from thread_lab.gui.code_view import CodeView
from thread_lab.gui.console import Console
from thread_lab.gui.counter_plot import CounterPlot
from thread_lab.gui.file_preview import MAX_READ_BYTES, TORN_MARK, FilePreview
from thread_lab.gui.timeline import NOT_SEEN, ROW_LIMIT, Timeline


def pump(qtbot, run, views, *, during=None, finish=True, started=False, timeout=20_000):
    """Drive views like the main window: start, begin, a snapshot per 16 ms, last one, finish.

    `during(run, snap)` is called after each snapshot, on the GUI thread (to flip the lock,
    delete the file…). `started=True`: the test already started the run and called begin.
    Returns the last snapshot, taken after every thread was joined.
    """
    if not started:
        run.start()
        for view in views:
            view.begin(run)
    state = {"cursor": 0, "snap": None}

    def tick():
        snap = run.snapshot(state["cursor"])
        state["cursor"], state["snap"] = snap.cursor, snap
        for view in views:
            view.show_snapshot(snap)
        if during is not None:
            during(run, snap)

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(16)
    try:
        qtbot.waitUntil(lambda: not run.running, timeout=timeout)
    finally:
        timer.stop()
    assert run.join(5)
    tick()  # after the join: the final numbers and the last events
    if finish:
        for view in views:
            view.finish(run.result)
    return state["snap"]


def flip_lock_once(on: bool):
    """A `during` hook that switches the lock at the first snapshot of a running run."""
    done = []

    def during(run, snap):
        if not done and snap.phase == "running":
            run.set_lock(on)
            done.append(snap.t)

    return during


def add(qtbot, widget):
    """Let pytest-qt close the widget after the test."""
    qtbot.addWidget(widget)
    return widget


# -- counter plot ---------------------------------------------------------------------------


def test_counter_plot_ends_on_the_runs_numbers(qtbot, make_run):
    """The curves end exactly on the counter, the expected count and the lost updates."""
    plot = add(qtbot, CounterPlot())
    run = make_run(experiment="counter", lock=False)
    last = pump(qtbot, run, [plot], finish=False)
    result = run.result
    t, expected, actual = plot.series()
    # Before finish(): the last snapshot alone brought the curves to the final numbers.
    assert (expected[-1], actual[-1], plot.lost_series()[-1]) == (last.expected, last.counter, last.lost)
    assert (last.expected, last.counter, last.lost) == (result.expected, result.actual, result.lost)
    assert len(t) >= 3 and np.all(np.diff(t) >= 0) and np.all(np.diff(expected) >= 0)

    plot.finish(result)
    xs, ys = plot.actual_curve.getData()
    assert ys[-1] == result.actual and xs[-1] == pytest.approx(result.elapsed_s)
    assert plot.lost_curve.getData()[1][-1] == result.lost == result.expected - result.actual
    assert plot.expected_curve.getData()[1][-1] == result.expected == 400
    assert list(plot.bar_heights()) == list(result.per_thread) == [50] * 8
    assert f"lost {result.lost:,}" in plot.readout.text()


def test_counter_plot_marks_a_mid_run_lock_switch(qtbot, make_run):
    """Switching the lock on mid-run draws a labelled marker where it happened."""
    plot = add(qtbot, CounterPlot())
    run = make_run(experiment="counter", lock=False, sleep=0.002)
    pump(qtbot, run, [plot], during=flip_lock_once(True))
    (switch_t, on), = run.result.lock_switches
    assert on and len(plot.lock_switches) == 1
    assert plot.lock_switches[0][1] is True
    assert plot.lock_switches[0][0] == pytest.approx(switch_t, abs=1e-3)
    labels = [item.label.format for item in plot._markers]
    assert labels == [f"lock ON at {plot.lock_switches[0][0]:.2f} s"]
    assert all(item in plot.plot.items for item in plot._markers)
    assert "lock ON" in plot.readout.text()


def test_counter_plot_counts_finished_threads_for_sleep(qtbot, make_run):
    """For the sleep experiment the plot shows threads finished, up to all of them."""
    plot = add(qtbot, CounterPlot())
    run = make_run(experiment="sleep", threads=3, sleep=0.05, mode="sequential")
    pump(qtbot, run, [plot])
    t, done, _ = plot.series()
    assert done[-1] == 3 and done[0] == 0
    assert np.all(np.diff(done) >= 0)
    assert plot.bars_plot not in plot.graphics.ci.items  # no increments: no bars
    assert plot.readout.text().startswith("3 of 3 threads finished")


# -- timeline -----------------------------------------------------------------------------


def test_timeline_has_a_row_for_main_and_each_thread(qtbot, make_run):
    """N threads give N+1 named rows, Main on top, and a column of states per moment."""
    timeline = add(qtbot, Timeline())
    run = make_run(experiment="counter")
    pump(qtbot, run, [timeline])
    assert timeline.row_names() == ["Main"] + [f"Thread {i}" for i in range(1, 9)]
    states = timeline.states()
    assert states.shape[0] == 9 and states.shape[1] >= 1
    assert set(np.unique(states[1:, -1])) == {State.DONE}  # every thread done at the end
    assert timeline.summary_widget.isHidden()  # 8 threads: rows only


def test_timeline_shows_sequential_sleeps_one_after_another(qtbot, make_run):
    """Sequential: each thread sleeps only after the previous one finished sleeping."""
    timeline = add(qtbot, Timeline())
    run = make_run(experiment="sleep", threads=3, sleep=0.15, mode="sequential")
    pump(qtbot, run, [timeline])
    states = timeline.states()
    sleeping = [np.flatnonzero(states[row] == State.SLEEPING) for row in (1, 2, 3)]
    assert all(len(cols) > 0 for cols in sleeping)
    assert sleeping[0].max() < sleeping[1].min() and sleeping[1].max() < sleeping[2].min()
    assert not np.any(states[0] == State.JOINING)  # Main runs each one itself


def test_timeline_shows_threaded_sleeps_at_the_same_time(qtbot, make_run):
    """Threaded: all threads sleep in the same moments while Main waits in join()."""
    timeline = add(qtbot, Timeline())
    run = make_run(experiment="sleep", threads=3, sleep=0.15, mode="threaded")
    pump(qtbot, run, [timeline])
    states = timeline.states()
    for row in states[1:]:  # no holes: between two looks a row keeps the earlier state
        started = np.flatnonzero(row != State.READY)
        assert len(started) and np.all(row[started[0] :] != State.READY)
    together = np.all(states[1:4] == State.SLEEPING, axis=0)
    assert together.sum() >= 3  # several columns where all three sleep at once
    assert np.any(states[0][together] == State.JOINING)
    assert timeline.seconds_per_column * states.shape[1] == pytest.approx(run.result.elapsed_s, abs=0.05)


def test_timeline_marks_mains_print_and_lock_switches(qtbot, make_run):
    """Main's print gets a star on the Main row and a lock switch gets a labelled line."""
    timeline = add(qtbot, Timeline())
    run = make_run(experiment="counter", lock=False, sleep=0.002)
    pump(qtbot, run, [timeline], during=flip_lock_once(True))
    assert [text for _, text in timeline.main_prints] == ["Main: all done"]
    assert timeline.main_prints[0][0] == pytest.approx(run.result.main_done_s, abs=1e-3)
    stars = timeline._stars.data
    assert len(stars) == 1 and stars[0]["y"] == 0.5  # on the Main row
    assert [on for _, on in timeline.lock_switches] == [True]
    labels = [item.label.format for _, item in timeline._marks if getattr(item, "label", None)]
    assert "lock ON" in labels


def test_timeline_summarises_many_threads(qtbot, make_run):
    """Beyond 50 threads a stacked count per state appears and the rows scroll."""
    timeline = add(qtbot, Timeline())
    threads = ROW_LIMIT + 70
    run = make_run(experiment="counter", threads=threads, iterations=3)
    pump(qtbot, run, [timeline])
    assert not timeline.summary_widget.isHidden() and not timeline.scroll.isHidden()
    assert timeline.scroll.maximum() > 0
    rows, summary = timeline.states(), timeline.summary()
    assert rows.shape[0] == threads + 1 and summary.shape[0] == threads
    # Each summary column holds the same counts per state as the rows at that moment.
    for col in range(summary.shape[1]):
        assert np.array_equal(np.bincount(summary[:, col], minlength=8), np.bincount(rows[1:, col], minlength=8))


# -- file preview ---------------------------------------------------------------------------


def run_file(qtbot, make_run, preview, **settings):
    """Run the file experiment into the preview and wait until it read the whole file."""
    run = make_run(experiment="file", **settings)
    pump(qtbot, run, [preview])
    qtbot.waitUntil(lambda: preview.caught_up, timeout=10_000)
    return run.result


def test_file_preview_flags_torn_lines_without_the_lock(qtbot, make_run):
    """Lock off: torn lines are counted like the engine counts them and marked ⚠."""
    preview = add(qtbot, FilePreview())
    result = run_file(qtbot, make_run, preview, lock=False)
    assert result.lines_torn > 0
    assert (preview.intact, preview.torn) == (result.lines_intact, result.lines_torn)
    model = preview.model
    torn_rows = [i for i, line in enumerate(model.rows) if line.torn]
    assert torn_rows
    index = model.index(torn_rows[0])
    assert model.data(index).startswith(TORN_MARK)  # a symbol, not colour alone
    assert model.data(index, Qt.ItemDataRole.BackgroundRole) is not None
    whole = model.index(next(i for i, line in enumerate(model.rows) if not line.torn))
    assert not model.data(whole).startswith(TORN_MARK)
    assert model.data(whole, Qt.ItemDataRole.BackgroundRole) is None
    assert f"{result.lines_torn:,} torn" in preview.counts.text()


def test_file_preview_shows_no_torn_lines_with_the_lock(qtbot, make_run):
    """Lock on: every line is whole, and the pane shows the file's last lines in order."""
    preview = add(qtbot, FilePreview())
    result = run_file(qtbot, make_run, preview, lock=True)
    assert (preview.intact, preview.torn) == (400, 0) == (result.lines_intact, result.lines_torn)
    lines = Path(result.path).read_text().splitlines()
    assert [line.text for line in preview.model.rows] == lines
    assert not any(line.torn for line in preview.model.rows)
    assert preview.path_field.text() == result.path
    assert preview._handle is None  # read to the end, then let go of the file


def test_file_preview_reads_a_bounded_chunk_per_tick(qtbot, make_run, tmp_path):
    """A big file is read a chunk per tick, the shown lines capped, and every line counted."""
    path = tmp_path / "shared.txt"
    before = 60_000  # ~1 MB of whole lines already in the file
    path.write_text("".join(f"Thread 99: line {i}\n" for i in range(before)))
    preview = add(qtbot, FilePreview())
    run = make_run(experiment="file", lock=True, shared_file_path=path)
    run.start()
    preview.begin(run)
    preview.show_snapshot(run.snapshot())
    assert 0 < preview.bytes_read <= MAX_READ_BYTES
    pump(qtbot, run, [preview], started=True)
    qtbot.waitUntil(lambda: preview.caught_up, timeout=10_000)
    assert (preview.intact, preview.torn) == (before + 400, 0)
    assert preview.bytes_read == path.stat().st_size
    assert len(preview.model.rows) == preview.model.cap == 2_000


def test_file_preview_counts_a_last_line_without_newline(qtbot, make_run):
    """Once the run is over, a last line that never got its newline still counts."""
    preview = add(qtbot, FilePreview())
    run = make_run(experiment="file", lock=True)
    pump(qtbot, run, [preview], finish=False)
    with open(run.file.path, "ab") as f:
        f.write(b"Thread 3: li")  # a half line, as a crash mid-write would leave
    preview.finish(run.result)
    qtbot.waitUntil(lambda: preview.caught_up, timeout=10_000)
    assert (preview.intact, preview.torn) == (400, 1)
    assert preview.model.rows[-1] == file_preview_module.FileLine("Thread 3: li", 3, True)


def test_file_preview_save_as_copies_the_file(qtbot, make_run, tmp_path, monkeypatch):
    """Save as… writes an exact copy where the user chose, and says so."""
    preview = add(qtbot, FilePreview())
    result = run_file(qtbot, make_run, preview, lock=False)
    dest = tmp_path / "copy.txt"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(dest), ""))
    qtbot.mouseClick(preview.save_button, Qt.MouseButton.LeftButton)
    assert dest.read_bytes() == Path(result.path).read_bytes()
    assert not preview.message.isHidden() and "Saved a copy" in preview.message.text()


def test_file_preview_save_as_to_an_unwritable_place_says_why(qtbot, make_run, tmp_path, monkeypatch):
    """Saving under a path that cannot be a folder gives a message, never a traceback."""
    preview = add(qtbot, FilePreview())
    run_file(qtbot, make_run, preview, lock=True)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    dest = blocker / "copy.txt"  # root can write anywhere, but not inside a regular file
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(dest), ""))
    preview.save_as()
    assert not dest.exists()
    assert not preview.message.isHidden()
    assert preview.message.text().startswith("✖ Could not save a copy to") and str(dest) in preview.message.text()

    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    preview.message.hide()
    preview.save_as()  # cancelled: nothing happens
    assert preview.message.isHidden()


def test_file_preview_opens_the_files_folder(qtbot, make_run, monkeypatch):
    """Open folder asks the desktop to show the folder that holds the shared file."""
    preview = add(qtbot, FilePreview())
    result = run_file(qtbot, make_run, preview, lock=True)
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    qtbot.mouseClick(preview.open_button, Qt.MouseButton.LeftButton)
    assert [url.toLocalFile() for url in opened] == [str(Path(result.path).parent)]


def test_file_preview_survives_the_file_being_deleted(qtbot, make_run):
    """Deleting the shared file mid-run leaves a note and the lines read so far."""
    preview = add(qtbot, FilePreview())
    run = make_run(experiment="file", lock=True, sleep=0.002)
    deleted = []

    def delete_after_first_lines(run, snap):
        if not deleted and preview.bytes_read > 0:
            os.remove(run.file.path)
            deleted.append(preview.bytes_read)

    pump(qtbot, run, [preview], during=delete_after_first_lines)
    qtbot.waitUntil(lambda: preview.caught_up, timeout=10_000)
    assert deleted
    assert "was deleted" in preview.message.text() and not preview.message.isHidden()
    assert 0 < preview.intact + preview.torn <= 400  # what was read before the note stays
    assert preview._handle is None  # and the pane let go of the file


def test_file_preview_survives_the_file_being_replaced(qtbot, make_run, tmp_path):
    """Replacing the shared file by another one mid-run leaves a note, not a crash."""
    preview = add(qtbot, FilePreview())
    run = make_run(experiment="file", lock=True, sleep=0.002)
    impostor = tmp_path / "impostor.txt"
    impostor.write_text("not the threads' lines\n")
    replaced = []

    def replace_after_first_lines(run, snap):
        if not replaced and preview.bytes_read > 0:
            os.replace(impostor, run.file.path)
            replaced.append(True)

    pump(qtbot, run, [preview], during=replace_after_first_lines)
    qtbot.waitUntil(lambda: preview.caught_up, timeout=10_000)
    assert replaced and "was replaced" in preview.message.text()
    assert not any("impostor" in line.text or "not the threads" in line.text for line in preview.model.rows)


def test_file_preview_explains_itself_for_other_experiments(qtbot, make_run):
    """Outside the file experiment the pane shows a hint instead of an empty list."""
    preview = add(qtbot, FilePreview())
    pump(qtbot, make_run(experiment="counter"), [preview])
    assert preview.pages.currentWidget() is preview.hint
    assert "file" in preview.hint.text() and preview.path is None


# -- code view ------------------------------------------------------------------------------


def test_code_view_shows_the_real_running_source(qtbot, make_run):
    """The code pane shows exactly the source of the classes that run, not a copy."""
    view = add(qtbot, CodeView())
    run = make_run(experiment="file")
    pump(qtbot, run, [view])
    assert view.worker_code.toPlainText() == inspect.getsource(run.worker_class)
    assert view.main_code.toPlainText() == inspect.getsource(workers.MainProgram)
    assert run.worker_class.__name__ in view.tabs.tabText(0)


def test_code_view_lock_line_follows_the_switch(qtbot, make_run):
    """The `with self.lock` line is marked OFF (struck) until the lock flips, then ON."""
    view = add(qtbot, CodeView())
    run = make_run(experiment="counter", lock=False, sleep=0.002)
    seen = []

    def watch(run, snap):
        strong = [m for m in view.worker_code.marks if m.badge]
        seen.append((snap.lock_on, [(m.active, m.badge) for m in strong]))
        if len(seen) == 1:
            run.set_lock(True)

    pump(qtbot, run, [view], during=watch, finish=False)
    lines = view.worker_code.toPlainText().splitlines()
    lock_line = next(m.line for m in view.worker_code.marks if m.badge)
    assert "with self.lock" in lines[lock_line]
    assert seen[0] == (False, [(False, "lock OFF")])
    assert seen[-1] == (True, [(True, "lock ON")])
    assert view.lock_on is True and view.banner.text().startswith("Lock ON")
    struck = [s for s in view.worker_code.extraSelections() if s.format.fontStrikeOut()]
    assert not struck
    view._show_lock(False)
    struck = [s for s in view.worker_code.extraSelections() if s.format.fontStrikeOut()]
    assert len(struck) == 1 and "with self.lock" in struck[0].cursor.selectedText()


def test_code_view_without_source_says_so(qtbot, make_run, monkeypatch):
    """A build without .py files shows a one-line message instead of crashing."""

    def no_source(obj):
        raise OSError("could not get source code")

    monkeypatch.setattr(code_view_module.inspect, "getsource", no_source)
    view = add(qtbot, CodeView())
    pump(qtbot, make_run(experiment="counter"), [view])
    text = view.worker_code.toPlainText()
    assert len(text.splitlines()) == 1 and "cannot be shown" in text
    assert "lock is OFF" in view.banner.text()


# -- console --------------------------------------------------------------------------------


@pytest.mark.parametrize("formatted", [200, 3])
def test_console_keeps_order_and_caps_lines(qtbot, make_run, monkeypatch, formatted):
    """Lines appear in the order they happened, with times, and only the newest are kept."""
    monkeypatch.setattr(console_module, "FORMATTED_LINES", formatted)  # 3: the flood path
    console = add(qtbot, Console(max_lines=20))
    run = make_run(experiment="counter", threads=16, iterations=5)
    pump(qtbot, run, [console], during=flip_lock_once(True))
    events = run.log.all()
    assert console.total_lines == len(events) > 20
    lines = console.lines()
    assert 18 <= len(lines) <= 20  # past the cap, the oldest tenth goes in one cut
    for line, event in zip(lines, events[-len(lines) :]):
        assert line.startswith(f"{event.t:8.3f} s  ")
        assert line.endswith(event.text)
    assert f"Showing the last {len(lines)} of {len(events)} lines" in console._status.text()


def test_console_follows_the_end_unless_scrolled_up(qtbot, make_run):
    """New lines scroll into view, except while the reader has scrolled up to read."""
    console = add(qtbot, Console())
    console.resize(500, 150)
    console.show()
    qtbot.waitExposed(console)
    pump(qtbot, make_run(experiment="counter", threads=30, iterations=2), [console])
    bar = console.text.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == bar.maximum()

    def scroll_up(run, snap):
        if snap.events:
            bar.setValue(0)

    pump(qtbot, make_run(experiment="counter", threads=30, iterations=2), [console], during=scroll_up)
    assert bar.maximum() > 0 and bar.value() == 0


def test_console_lock_switch_stands_out(qtbot, make_run):
    """A lock switch reads as its own bold, highlighted line, not as a thread's print."""
    console = add(qtbot, Console())
    pump(qtbot, make_run(experiment="counter", sleep=0.002), [console], during=flip_lock_once(True))
    lock_lines = [line for line in console.lines() if "lock switched on" in line]
    assert len(lock_lines) == 1 and "■ Teacher" in lock_lines[0]
    block = console.text.document().findBlockByNumber(console.lines().index(lock_lines[0]))
    lock_fragments = []
    iterator = block.begin()
    while not iterator.atEnd():
        fragment = iterator.fragment()
        if "lock switched" in fragment.text():
            lock_fragments.append(fragment.charFormat())
        iterator += 1
    assert len(lock_fragments) == 1
    assert lock_fragments[0].fontWeight() >= 700  # bold
    assert lock_fragments[0].background().color().alpha() > 0  # highlighted


# -- all of them ----------------------------------------------------------------------------


def test_every_view_paints_after_a_run_of_each_experiment(qtbot, make_run):
    """Each view draws without error for every experiment, including between runs."""
    views = [CounterPlot(), Timeline(), FilePreview(), CodeView(), Console()]
    for view in views:
        add(qtbot, view)
        view.resize(800, 600)
    for experiment in ("sleep", "counter", "file"):
        settings = dict(sleep=0.02, threads=3) if experiment == "sleep" else {}
        pump(qtbot, make_run(experiment=experiment, **settings), views)
        for view in views:
            assert not view.grab().isNull()


def test_timeline_hover_names_the_state_under_the_mouse(qtbot, make_run):
    """Pointing at a row says in words which thread it is and what it was doing."""
    timeline = add(qtbot, Timeline())
    timeline.resize(900, 600)
    timeline.show()
    qtbot.waitExposed(timeline)
    run = make_run(experiment="sleep", threads=3, sleep=0.3, mode="sequential")
    pump(qtbot, run, [timeline])
    vb = timeline.plot.getViewBox()
    t = 0.15  # Thread 1 sleeps from 0 to 0.3 s; Thread 2 has not started
    timeline._hovered(vb.mapViewToScene(QPointF(t, 1.5)))
    assert timeline.hover.text() == "Thread 1 at 0.15 s: Sleeping"
    timeline._hovered(vb.mapViewToScene(QPointF(t, 2.5)))
    assert timeline.hover.text() == "Thread 2 at 0.15 s: Ready (not started)"


def test_timeline_draws_a_long_blind_spot_as_not_seen(qtbot, make_run):
    """If the window misses 0.4 s of a run, that stretch is white, not the old state."""
    timeline = add(qtbot, Timeline())
    run = make_run(experiment="sleep", threads=2, sleep=0.6, mode="threaded")
    run.start()
    timeline.begin(run)
    first = run.snapshot()
    timeline.show_snapshot(first)
    qtbot.waitUntil(lambda: run.clock() > first.t + 0.4, timeout=5_000)  # the window looks away
    timeline.show_snapshot(run.snapshot(first.cursor))
    states = timeline.states()
    blind = np.flatnonzero(np.all(states == NOT_SEEN, axis=0))
    assert blind.size * timeline.seconds_per_column >= 0.35
    assert not timeline.not_seen.isHidden()
    assert np.all(states[1:, -1] == State.SLEEPING)  # what it saw again is drawn as seen
    run.stop()
