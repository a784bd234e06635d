"""The threads of the lessons. The window's code pane shows these classes as they run.

Each one is a `threading.Thread` subclass with a plain `run()`. Three helpers come from
`LabThread`, so the Stop button works and the window can watch:

- `self.sleep(seconds)` is `time.sleep(seconds)` that Stop can interrupt;
- `self.should_stop()` is true once Stop was pressed (Python cannot kill a thread);
- `print()` writes to the run's console: the window's console pane, or your terminal.
"""

from __future__ import annotations

from thread_lab.engine.lab_thread import LabThread
from thread_lab.engine.lab_thread import lab_print as print  # noqa: A004 - see above


class SleepyThread(LabThread):
    """The tutorial's first thread: say hello, sleep, say goodbye."""

    def run(self):
        print(f"Thread {self.number}: starting")
        self.sleep(self.seconds)
        print(f"Thread {self.number}: finishing")


class CounterThread(LabThread):
    """Adds 1 to a shared counter: read, pause, write."""

    def run(self):
        print(f"Thread {self.number}: starting")
        for _ in range(self.iterations):
            if self.should_stop():
                break
            # With the lock off, this does nothing
            with self.lock:
                # 1. read the shared number
                value = self.shared.counter
                # 2. pause here on purpose: since
                # Python 3.10 a thread switch almost
                # never falls inside `counter += 1`,
                # so the race is real but rarely seen
                self.sleep(self.seconds)
                # 3. write back what we read, plus 1
                self.shared.counter = value + 1
            # our own tally: no other thread uses it
            self.increments += 1
        print(f"Thread {self.number}: finishing")


class PlainCounterThread(LabThread):
    """The bare `counter += 1`: racy, but rarely wrong."""

    def run(self):
        print(f"Thread {self.number}: starting")
        for _ in range(self.iterations):
            if self.should_stop():
                break
            # With the lock off, this does nothing
            with self.lock:
                # read, add, write: 3 steps, 1 line
                self.shared.counter += 1
            # our own tally: no other thread uses it
            self.increments += 1
        print(f"Thread {self.number}: finishing")


class FileThread(LabThread):
    """Appends lines to one shared file, in two halves."""

    def run(self):
        print(f"Thread {self.number}: starting")
        for line in range(self.iterations):
            if self.should_stop():
                break
            # With the lock off, this does nothing
            with self.lock:
                # the first half of the line
                self.file.write(f"Thread {self.number}: ")
                # another thread may write meanwhile
                self.sleep(self.seconds)
                # the second half
                self.file.write(f"line {line}\n")
            # our own tally: no other thread uses it
            self.lines_written += 1
        print(f"Thread {self.number}: finishing")


class MainProgram(LabThread):
    """The main program: make threads, start, wait."""

    def run(self):
        if self.mode == "sequential":
            for worker in self.workers:
                if self.should_stop():
                    break
                # run() without start(): it runs right
                # here, one after another
                worker.run()
        else:
            for worker in self.workers:
                if self.should_stop():
                    break
                # start(): run() in a new thread
                worker.start()
            if self.join:
                for worker in self.workers:
                    # wait until that thread ends
                    worker.join()
        print("Main: all done")
