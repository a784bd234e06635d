"""The scheduler's seat, driven as a teacher drives it: click threads, press keys, replay."""

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from thread_lab.engine import RunConfig
from thread_lab.engine.challenges import CHALLENGES
from thread_lab.gui.step_lab import SPEEDS, StepLab

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def lab(qtbot):
    """A scheduler page; whatever it runs is stopped and joined when the test ends."""
    page = StepLab()
    qtbot.addWidget(page)
    page.resize(1600, 1000)
    page.show()
    yield page
    assert page.stop_and_join(5), "a step run was still going 5 s after stop"


def start(qtbot, lab, **settings):
    """Set the controls, press Start stepping, and wait until every card can be read."""
    lab.set_config(RunConfig(**{"threads": 2, "iterations": 1, **settings}))
    qtbot.mouseClick(lab.start_button, LEFT)
    shown(qtbot, lab, 0)


def shown(qtbot, lab, steps):
    """Wait until the page shows `steps` steps done and every thread parked or finished."""
    qtbot.waitUntil(lambda: lab.last_snapshot is not None and lab.last_snapshot.settled
                    and lab.last_snapshot.total_steps == steps, timeout=10_000)


def click_steps(qtbot, lab, order):
    """Click the cards' Step buttons in `order`, each step shown before the next click."""
    done = lab.last_snapshot.total_steps
    for number in order:
        card = lab.cards[number - 1]
        assert card.button.isEnabled(), card.status.text()
        qtbot.mouseClick(card.button, LEFT)
        done += 1
        shown(qtbot, lab, done)


def finish(qtbot, lab, action):
    """Do `action` and wait for the page to show the run's end."""
    with qtbot.waitSignal(lab.runFinished, timeout=10_000) as ended:
        action()
    return ended.args[0]


def test_clicking_threads_read_read_write_write_shows_the_lost_update(qtbot, lab):
    """Click 1, 2, 1, 2: the counter says 1 and the page names whose write erased whose."""
    start(qtbot, lab)
    click_steps(qtbot, lab, [1, 2, 1])
    result = finish(qtbot, lab, lambda: qtbot.mouseClick(lab.cards[1].button, LEFT))
    assert (result.expected, result.actual, result.lost) == (2, 1, 1)
    assert lab.counter_value.text() == "1"
    assert "Lost: 1" in lab.counter_note.text()
    assert lab.callout.isVisible()
    assert "Thread 2's write erased Thread 1's update" in lab.callout.text()
    texts = [lab.events.item(i).text() for i in range(lab.events.count())]
    assert [t.split(".", 1)[1].strip() for t in texts[:3]] == ["Thread 1 read 0", "Thread 2 read 0",
                                                               "Thread 1 wrote 1"]
    assert "⚠" in texts[3] and "erased Thread 1's update" in texts[3]


def test_number_keys_step_whole_increments_to_a_correct_count(qtbot, lab):
    """Keys 1, 1, 2, 2: each increment whole, the counter says 2, nothing is called lost."""
    start(qtbot, lab)
    lab.activateWindow()
    qtbot.waitUntil(lab.isActiveWindow, timeout=5000)
    for done, key in enumerate([Qt.Key.Key_1, Qt.Key.Key_1, Qt.Key.Key_2], 1):
        qtbot.keyClick(lab.events, key)
        shown(qtbot, lab, done)
    result = finish(qtbot, lab, lambda: qtbot.keyClick(lab.events, Qt.Key.Key_2))
    assert (result.actual, result.lost) == (2, 0)
    assert lab.counter_value.text() == "2" and "Lost: 0" in lab.counter_note.text()
    assert not lab.callout.isVisible()


def test_cards_and_code_show_each_threads_next_operation(qtbot, lab):
    """After Thread 1 reads 0: its card says it will write 1 holding 0; chips mark the lines."""
    start(qtbot, lab)
    click_steps(qtbot, lab, [1])
    one, two = lab.cards
    assert one.next.text() == "Next: write the counter ← 1"
    assert one.holds.text().startswith("Holds 0")
    assert two.next.text() == "Next: read the counter"
    code = lab._code
    assert lab.code.chip_texts(code.line_of("write")) == ["T1 ← 1"]
    assert lab.code.chip_texts(code.line_of("read")) == ["T2"]
    assert "STORE_ATTR" in lab.bytecode.document().findBlockByNumber(code.row_of("write")).text()
    assert lab.bytecode.chip_texts(code.row_of("write")) == ["T1"]
    assert lab.bytecode.chip_texts(code.row_of("read")) == ["T2"]
    assert "LOAD_ATTR" in lab.explain.text() and "⇄" in lab.explain.text()


def test_with_the_lock_on_the_other_thread_cannot_be_clicked(qtbot, lab):
    """Lock on: once Thread 1 holds the lock, Thread 2's card is blocked and its button off."""
    start(qtbot, lab, lock=True)
    click_steps(qtbot, lab, [1])
    assert not lab.cards[1].button.isEnabled()
    assert "BLOCKED at the lock: Thread 1 holds it" in lab.cards[1].status.text()
    assert "HOLDS THE LOCK" in lab.cards[0].status.text()
    click_steps(qtbot, lab, [1, 1, 1, 2, 2, 2])
    result = finish(qtbot, lab, lambda: qtbot.mouseClick(lab.cards[1].button, LEFT))
    assert (result.actual, result.lost) == (2, 0)


def test_stop_ends_a_stepped_run_at_once(qtbot, lab):
    """Threads parked at the gate wake on Stop; the page goes idle, nothing failed."""
    start(qtbot, lab, threads=5, iterations=20)
    click_steps(qtbot, lab, [3])
    result = finish(qtbot, lab, lambda: qtbot.mouseClick(lab.stop_button, LEFT))
    assert result.status == "stopped" and result.errors == ()
    assert not any(w.is_alive() for w in lab.run.workers)
    assert lab.start_button.isEnabled() and not lab.stop_button.isEnabled()
    assert not lab.banner.isVisible()


def test_auto_play_steps_by_itself_until_the_end(qtbot, lab):
    """Play at the fastest speed: the scheduler picks threads until every increment is done."""
    start(qtbot, lab, threads=3, iterations=2)
    lab.speed.setValue(len(SPEEDS) - 1)
    result = finish(qtbot, lab, lambda: qtbot.mouseClick(lab.play_button, LEFT))
    assert result.status == "finished" and result.expected == 6
    assert len(lab.run.steps()) == 12
    assert not lab.play_button.isChecked()


def test_replay_shows_the_same_interleaving_again(qtbot, lab):
    """Record a lost update by clicking, press Replay: same steps, same counter, and it says so."""
    start(qtbot, lab, iterations=2)
    order = [1, 2, 2, 1, 2, 1, 1]
    click_steps(qtbot, lab, order)
    first = finish(qtbot, lab, lambda: qtbot.mouseClick(lab.cards[1].button, LEFT))
    steps = [(s.thread, s.op, s.value) for s in lab.run.steps()]
    assert lab.replay_button.isEnabled() and first.actual == 2
    lab.speed.setValue(len(SPEEDS) - 1)
    again = finish(qtbot, lab, lambda: qtbot.mouseClick(lab.replay_button, LEFT))
    assert [(s.thread, s.op, s.value) for s in lab.run.steps()] == steps
    assert again.actual == first.actual == 2
    assert "Replay matched the recording: the same 8 steps" in lab.banner.text()


def test_save_load_and_replay_through_the_buttons(qtbot, lab, tmp_path, monkeypatch):
    """Save the interleaving as JSON, load it back, replay it: the same final counter."""
    start(qtbot, lab)
    click_steps(qtbot, lab, [1, 2, 1])
    finish(qtbot, lab, lambda: qtbot.mouseClick(lab.cards[1].button, LEFT))
    path = tmp_path / "lost-update.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    qtbot.mouseClick(lab.save_button, LEFT)
    data = json.loads(path.read_text())
    assert data["steps"] == [[1, "read", 0], [2, "read", 0], [1, "write", 1], [2, "write", 1]]
    assert data["final"] == 1

    lab.recording = None
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    qtbot.mouseClick(lab.load_button, LEFT)
    assert lab.recording is not None and lab.recording.order == (1, 2, 1, 2)
    assert "Loaded lost-update.json" in lab.status.text()
    lab.speed.setValue(len(SPEEDS) - 1)
    again = finish(qtbot, lab, lambda: qtbot.mouseClick(lab.replay_button, LEFT))
    assert again.actual == 1
    assert "Replay matched" in lab.banner.text()


def test_a_malformed_recording_gets_a_one_line_message_and_nothing_runs(qtbot, lab, tmp_path, monkeypatch):
    """Loading a bad file: a one-line banner naming the file; no run, no traceback."""
    path = tmp_path / "bad.json"
    path.write_text('{"format": "thread-lab-recording", "version": 1, "steps": "rm -rf /"}')
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    qtbot.mouseClick(lab.load_button, LEFT)
    assert lab.banner.isVisible()
    text = lab.banner.text()
    assert text.startswith("⚠") and "bad.json" in text and "\n" not in text
    assert lab.run is None and lab.recording is None
    assert not lab.replay_button.isEnabled()


def test_a_free_run_is_recorded_and_replays_step_by_step(qtbot, lab):
    """Run freely (real pauses): its order of reads and writes replays exactly when stepped."""
    lab.set_config(RunConfig(threads=3, iterations=3))
    free = finish(qtbot, lab, lambda: qtbot.mouseClick(lab.free_button, LEFT))
    assert lab.recording.run == "free" and len(lab.recording.steps) == 18
    steps = list(lab.recording.steps)
    lab.speed.setValue(len(SPEEDS) - 1)
    again = finish(qtbot, lab, lambda: qtbot.mouseClick(lab.replay_button, LEFT))
    assert [(s.thread, s.op, s.value) for s in lab.run.steps()] == steps
    assert again.actual == free.actual
    assert "Replay matched" in lab.banner.text()


def test_a_met_challenge_is_noticed_and_ticked(qtbot, lab):
    """Try "Lose an update", click 1, 2, 1, 2: a success banner and a tick in the list."""
    lab.challenge_list.setCurrentRow(0)
    qtbot.mouseClick(lab.try_button, LEFT)
    shown(qtbot, lab, 0)
    click_steps(qtbot, lab, [1, 2, 1])
    finish(qtbot, lab, lambda: qtbot.mouseClick(lab.cards[1].button, LEFT))
    assert lab.banner.isVisible() and "Challenge met — Lose an update" in lab.banner.text()
    assert lab.challenge_list.item(0).text().startswith("✔")
    assert CHALLENGES[0].key in lab.met


def test_a_missed_challenge_says_not_yet(qtbot, lab):
    """Try "Lose an update" but step whole increments: no banner, a "Not yet" with a hint."""
    lab.challenge_list.setCurrentRow(0)
    qtbot.mouseClick(lab.try_button, LEFT)
    shown(qtbot, lab, 0)
    click_steps(qtbot, lab, [1, 1, 2])
    finish(qtbot, lab, lambda: qtbot.mouseClick(lab.cards[1].button, LEFT))
    assert not lab.banner.isVisible()
    assert lab.status.text().startswith("Not yet")
    assert lab.challenge_list.item(0).text().startswith("☐")


def test_the_window_has_the_scheduler_and_closing_it_joins_the_threads(qtbot):
    """The main window shows the lab as a tab; closing mid-step ends every thread."""
    from thread_lab.gui.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    titles = [win.labs.tabText(i) for i in range(win.labs.count())]
    tab = win.labs.widget(titles.index("Be the scheduler"))
    assert not tab.built  # built when first shown: the window opens sooner
    win.labs.setCurrentWidget(tab)
    page = tab.page
    assert isinstance(page, StepLab)
    start(qtbot, page, threads=3, iterations=3)
    run = page.run
    win.close()
    assert run.result is not None and run.result.status == "stopped"
    assert not any(w.is_alive() for w in run.workers)
