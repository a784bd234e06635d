"""Be the scheduler: real threads stepped one shared operation at a time, recorded, replayed."""

import itertools
import json
import subprocess
import sys

import pytest

from thread_lab.engine import Run, RunConfig
from thread_lab.engine import workers
from thread_lab.engine.bytecode import explain, lesson_code
from thread_lab.engine.challenges import CHALLENGES, challenge
from thread_lab.engine.config import ConfigError
from thread_lab.engine.recording import (
    Recording,
    RecordingError,
    Replay,
    load_recording,
    play_recording,
    save_recording,
)
from thread_lab.engine.shared import LockSwitch, SharedCounter, SharedFile
from thread_lab.engine.stepping import StepError, StepRun


@pytest.fixture
def step_run(tmp_path):
    """Start step runs (files in tmp_path); every one is stopped and joined when the test ends."""
    runs = []

    def start(config=None, *, stepping=True, **settings):
        settings.setdefault("directory", tmp_path)
        run = StepRun(config or RunConfig(**settings), stepping=stepping)
        runs.append(run)
        run.start()
        if stepping:
            assert run.wait_settled(10), "the threads never reached their first step"
        return run

    yield start
    for run in runs:
        run.stop()
    for run in runs:
        assert run.join(5), "a step run did not end within 5 s of stop"


def ops(run):
    """The run's steps as (thread, operation, value) rows."""
    return [(s.thread, s.op, s.value) for s in run.steps()]


def test_stepping_read_read_write_write_loses_an_update_and_names_it(step_run):
    """1 reads, 2 reads, 1 writes, 2 writes: counter 1, and Thread 2's write erased Thread 1's."""
    run = step_run(threads=2, iterations=1)
    run.play([1, 2, 1, 2])
    assert run.join(5)
    assert ops(run) == [(1, "read", 0), (2, "read", 0), (1, "write", 1), (2, "write", 1)]
    assert (run.result.expected, run.result.actual, run.result.lost) == (2, 1, 1)
    last = run.steps()[-1]
    assert last.erased == (1,)
    assert last.headline() == "Thread 2's write erased Thread 1's update"
    assert not any(s.erased for s in run.steps()[:-1])


def test_stepping_each_increment_whole_counts_every_one(step_run):
    """1 reads and writes, then 2 does: the counter ends at 2, nothing erased."""
    run = step_run(threads=2, iterations=1)
    run.play([1, 1, 2, 2])
    assert run.join(5)
    assert ops(run) == [(1, "read", 0), (1, "write", 1), (2, "read", 1), (2, "write", 2)]
    assert (run.result.actual, run.result.lost, run.result.status) == (2, 0, "finished")
    assert not any(s.erased for s in run.steps())


def test_the_bare_plus_equals_is_a_read_and_a_write_you_can_split(step_run):
    """PlainCounterThread's one line stops twice: stepped between them, an update is lost."""
    run = step_run(threads=2, iterations=1, plain=True)
    assert run.worker_class is workers.PlainCounterThread
    run.play([1, 2, 1, 2])
    assert run.join(5)
    assert (run.result.actual, run.result.lost) == (1, 1)


def test_parked_threads_show_their_next_operation_and_what_they_read(step_run):
    """After Thread 1 reads 0, it waits to write 1 holding 0; Thread 2 still waits to read."""
    run = step_run(threads=2, iterations=1)
    run.play([1])
    snap = run.step_snapshot()
    one, two = snap.threads
    assert (one.status, one.op, one.detail, one.local) == ("ready", "write", 1, 0)
    assert one.next_text() == "write the counter ← 1"
    assert (two.status, two.op, two.local) == ("ready", "read", None)
    assert snap.runnable == (1, 2) and snap.settled
    assert [s.describe() for s in snap.steps] == ["Thread 1 read 0"]
    assert run.step_snapshot(snap.cursor).steps == ()


def test_the_lock_keeps_the_other_thread_out_until_it_is_released(step_run):
    """Lock on: after Thread 1 takes it, Thread 2 cannot be stepped, and nothing is lost."""
    run = step_run(threads=2, iterations=1, lock=True)
    run.play([1])
    assert run.runnable() == (1,)
    assert run.step_snapshot().threads[1].status == "blocked"
    with pytest.raises(StepError, match="Thread 2 waits for the lock: Thread 1 holds it"):
        run.step(2)
    run.play([1, 1, 1, 2, 2, 2, 2])
    assert run.join(5)
    assert [op for _, op, _ in ops(run)] == ["acquire", "read", "write", "release"] * 2
    assert (run.result.actual, run.result.lost) == (2, 0)
    assert run.gate.blocked_by_lock


def test_stop_wakes_every_thread_parked_at_the_gate(step_run):
    """Stop mid-step: every thread leaves at once, nothing more is done, nothing is an error."""
    run = step_run(threads=3, iterations=5, lock=True)
    run.play([2, 2])  # Thread 2 holds the lock and has read
    run.stop()
    assert run.join(5)
    assert run.result.status == "stopped" and run.result.errors == ()
    assert ops(run) == [(2, "acquire", None), (2, "read", 0)]
    assert run.result.actual == 0
    assert not run.lock.locked()


def test_a_step_that_cannot_be_taken_is_refused_with_a_reason(step_run):
    """Unknown, finished and moving threads cannot be stepped; each refusal says why."""
    run = step_run(threads=1, iterations=1)
    with pytest.raises(StepError, match="there is no Thread 2"):
        run.step(2)
    run.step(1)
    with pytest.raises(StepError, match="Thread 1 is still (taking its step|moving)|Thread 1 has finished"):
        run.step(1)  # granted but maybe not yet performed: refused either way
    run.play([1])
    assert run.join(5)
    with pytest.raises(StepError):
        run.step(1)


def test_a_stepped_recording_replays_the_same_order_and_counter(step_run, tmp_path):
    """Record a lost update, save it, load it, replay it: the same steps, the same counter."""
    run = step_run(threads=2, iterations=2)
    run.play([1, 2, 2, 1, 2, 1, 1, 2])  # the lowest the counter can go
    assert run.join(5)
    assert run.result.actual == 2
    path = tmp_path / "lowest.json"
    save_recording(Recording.of(run), path)
    loaded = load_recording(path)
    assert loaded == Recording.of(run)
    again = step_run(loaded.config(tmp_path))
    play_recording(again, loaded)
    assert again.join(5)
    assert ops(again) == ops(run)
    assert again.result.actual == run.result.actual == loaded.final == 2
    assert [s.erased for s in again.steps()] == [s.erased for s in run.steps()]


def test_a_free_run_recording_replays_exactly(step_run, tmp_path):
    """Threads run freely (with real pauses); the recorded order, stepped, gives the same run."""
    free = step_run(threads=3, iterations=4, sleep=0.002, stepping=False)
    assert free.join(20)
    recording = Recording.of(free)
    assert recording.run == "free" and len(recording.steps) == 3 * 4 * 2
    assert recording.final == free.result.actual
    replay = step_run(recording.config(tmp_path))
    play_recording(replay, recording)
    assert replay.join(5)
    assert ops(replay) == list(recording.steps)
    assert replay.result.actual == free.result.actual


def test_a_free_run_recording_with_the_lock_replays_exactly(step_run, tmp_path):
    """A free run with the lock on records acquire/release in their real order; it replays."""
    free = step_run(threads=3, iterations=3, sleep=0.001, lock=True, stepping=False)
    assert free.join(20)
    recording = Recording.of(free)
    assert free.result.lost == 0 and recording.final == 9
    replay = step_run(recording.config(tmp_path))
    play_recording(replay, recording)
    assert replay.join(5)
    assert ops(replay) == list(recording.steps)


def test_a_stopped_recording_replays_to_the_same_end(step_run, tmp_path):
    """A run stopped half way replays its steps, then stops the same way: same counter."""
    run = step_run(threads=2, iterations=3)
    run.play([1, 2, 1])
    run.stop()
    assert run.join(5)
    recording = Recording.of(run)
    assert recording.status == "stopped"
    again = step_run(recording.config(tmp_path))
    play_recording(again, recording)
    assert again.join(5)
    assert ops(again) == ops(run) and again.result.actual == run.result.actual == 1
    assert again.result.status == "stopped"


def test_a_replay_that_does_something_else_is_reported():
    """A hand-edited value is caught at the first step that differs."""
    recording = Recording("counter", False, 1, 1, False, "lock", "stepped", "finished", 1,
                          ((1, "read", 0), (1, "write", 5)))
    run = StepRun(recording.config())
    run.start()
    try:
        with pytest.raises(RecordingError, match="step 2: the recording has Thread 1 wrote 5, "
                                                 "the run did Thread 1 wrote 1"):
            play_recording(run, recording)
    finally:
        run.stop()
        assert run.join(5)
    assert Replay(recording).next_thread(2) is None


GOOD = json.loads(Recording("counter", False, 2, 1, False, "lock", "stepped", "finished", 1,
                            ((1, "read", 0), (2, "read", 0), (1, "write", 1), (2, "write", 1))).to_json())


def _with(**changes):
    return json.dumps({**GOOD, **changes})


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", r"not JSON \(line 1, column 1"),
        (b"\xff\xfe\x00garbage", "not UTF-8 text"),
        (b"[1, 2, 3]", "not a Thread Lab recording"),
        (b'{"format": "something else"}', "format should be 'thread-lab-recording'"),
        (b"[" * 100_000, "nested too deeply|not JSON"),
        (_with(threads=0).encode(), "threads must be a whole number from 1 to 9, not 0"),
        (_with(threads=True).encode(), "threads must be a whole number from 1 to 9, not True"),
        (_with(version=2).encode(), "version 2 is not one this Thread Lab reads"),
        (_with(extra="x").encode(), "unknown field 'extra'"),
        (json.dumps({k: v for k, v in GOOD.items() if k != "steps"}).encode(), "'steps' .* is missing"),
        (_with(steps=[[1, "read", 0], [3, "read", 0]]).encode(), "step 2: the thread must be .* 1 to 2, not 3"),
        (_with(steps=[[1, "write", 1]]).encode(), "step 1: Thread 1's next operation is 'read', not 'write'"),
        (_with(steps=[[1, "__import__('os')", 0]]).encode(), "step 1: Thread 1's next operation is 'read'"),
        (_with(steps=[[1, "read", "0"]]).encode(), "step 1: a read needs a counter value"),
        (_with(steps=[[1, "read"]]).encode(), r"step 1 must be a \[thread, operation, value\] row"),
        (_with(steps=[[1, "read", 0]] * 50).encode(), "at most 4"),
        (_with(lock=True, steps=[[1, "acquire", None], [2, "acquire", None]]).encode(),
         "step 2: Thread 2 takes the lock while Thread 1 holds it"),
        (_with(steps=[[1, "read", 0]]).encode(), "says finished, but Thread 1 did 1 of its 2"),
        (b'{"format": "thread-lab-recording", "threads": NaN}', "NaN is not a number"),
        (b'{"format": "thread-lab-recording", "format": "x"}', "appears twice"),
        (b"9" * 5000, "not a Thread Lab recording"),
        (b" " * 1_000_001, "larger than 1,000 kB"),
    ],
)
def test_a_malformed_recording_is_refused_with_one_clear_line(tmp_path, content, message):
    """Every kind of bad file gets a one-line RecordingError naming the file; nothing runs."""
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(RecordingError, match=message) as caught:
        load_recording(path)
    text = str(caught.value)
    assert "\n" not in text and "Traceback" not in text and "bad.json" in text
    assert len(text) < 200


def test_a_missing_or_unreadable_recording_is_refused_in_one_line(tmp_path):
    """A missing file or a folder: one line saying it cannot be read."""
    for path in (tmp_path / "nope.json", tmp_path):
        with pytest.raises(RecordingError, match="cannot read") as caught:
            load_recording(path)
        assert "\n" not in str(caught.value)


def test_a_good_recording_survives_a_round_trip(tmp_path):
    """The JSON written is the JSON read back: same settings and steps."""
    recording = Recording.from_json(json.dumps(GOOD))
    path = tmp_path / "good.json"
    save_recording(recording, path)
    assert load_recording(path) == recording
    assert recording.order == (1, 2, 1, 2)
    assert "2 threads × 1, lock off, 4 steps, finished, counter ended at 1" in recording.describe()


def test_normal_runs_use_the_plain_shared_objects():
    """Only step runs are instrumented: a normal Run keeps the plain counter, lock and file."""
    run = Run(RunConfig(threads=2, iterations=2))
    assert type(run.shared) is SharedCounter and type(run.lock) is LockSwitch
    assert "counter" in vars(run.shared)  # a plain attribute: += is the tutorial's bytecode
    run.start()
    assert run.join(10)
    assert type(run.file) in (type(None), SharedFile)


def test_step_mode_needs_a_shared_experiment_and_at_most_nine_threads():
    """The sleep experiment and more than 9 threads are refused with a clear message."""
    with pytest.raises(ConfigError, match="counter or the file experiment"):
        StepRun(RunConfig(experiment="sleep"))
    with pytest.raises(ConfigError, match="threads must be from 1 to 9"):
        StepRun(RunConfig(threads=10))
    run = StepRun(RunConfig(threads=2, sleep=0.5, mode="sequential"))
    assert (run.config.sleep, run.config.mode) == (0.0, "threaded")


def test_the_bytecode_shows_why_plus_equals_is_two_steps():
    """From dis: += reads with LOAD_ATTR and writes with STORE_ATTR, with no switch point between."""
    plain = lesson_code(workers.PlainCounterThread)
    read, write = plain.op_rows["read"], plain.op_rows["write"]
    assert "LOAD_ATTR" in plain.rows[read].text and "STORE_ATTR" in plain.rows[write].text
    assert read < write and plain.switch_between is False
    source = plain.source.splitlines()
    assert "+= 1" in source[plain.line_of("read")] and plain.line_of("read") == plain.line_of("write")
    assert "with self.lock" in source[plain.line_of("acquire")]
    assert "None lies between this read and this write" in explain(plain)
    paused = lesson_code(workers.CounterThread)
    assert paused.switch_between is True  # the pause is a call
    assert "self.sleep" in "".join(r.text for r in paused.rows)
    file_code = lesson_code(workers.FileThread)
    assert file_code.line_of("file") != file_code.line_of("file", mid_line=True)


def test_two_threads_of_two_increments_end_at_2_3_or_4_never_1(step_run):
    """Every one of the 70 interleavings, stepped on real threads: the counter ends at 2, 3 or 4."""
    finals = set()
    for firsts in itertools.combinations(range(8), 4):
        order = [1 if i in firsts else 2 for i in range(8)]
        run = step_run(threads=2, iterations=2)
        run.play(order)
        assert run.join(5)
        finals.add(run.result.actual)
    assert finals == {2, 3, 4}


@pytest.mark.parametrize(
    ("key", "order", "met"),
    [
        ("lose-one", [1, 2, 1, 2], True),
        ("lose-one", [1, 1, 2, 2], False),
        ("plain", [2, 1, 2, 1], True),
        ("lowest", [1, 2, 2, 1, 2, 1, 1, 2], True),
        ("lowest", [1, 1, 2, 2, 1, 1, 2, 2], False),
        ("turns", [1, 1, 2, 2, 1, 1, 2, 2], True),
        ("turns", [1, 1, 1, 1, 2, 2, 2, 2], False),
        ("lock-wait", [1, 1, 1, 1, 2, 2, 2, 2], True),
        ("tear", [1, 2, 1, 2], True),
        ("tear", [1, 1, 2, 2], False),
    ],
)
def test_challenges_are_judged_from_what_the_threads_did(step_run, tmp_path, key, order, met):
    """Each challenge notices success (and only success) from the finished run."""
    goal = challenge(key)
    run = step_run(goal.config().replace(directory=tmp_path))
    run.play(order)
    assert run.join(5)
    verdict = goal.judge(run)
    assert verdict.met is met, verdict.message
    assert verdict.message


def test_every_challenge_can_be_met():
    """No challenge asks for the impossible (each has a parametrized winning order above)."""
    winners = {"lose-one", "plain", "lowest", "turns", "lock-wait", "tear"}
    assert {c.key for c in CHALLENGES} == winners


def test_the_scheduler_engine_does_not_import_qt():
    """Stepping, recordings, bytecode and challenges stay pure Python."""
    code = (
        "import sys\n"
        "import thread_lab.engine.stepping, thread_lab.engine.recording\n"
        "import thread_lab.engine.bytecode, thread_lab.engine.challenges\n"
        "print('\\n'.join(sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert not {m for m in out.split() if m.split(".")[0] in ("PySide6", "pyqtgraph", "shiboken6")}
