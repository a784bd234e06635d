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
    """Adds 1 to a shared counter, again and again: read, pause, write."""

    def run(self):
        print(f"Thread {self.number}: starting")
        for _ in range(self.iterations):
            if self.should_stop():
                break
            with self.lock:  # does nothing while the lock is switched off
                value = self.shared.counter  # 1. read the shared number
                # 2. pause on purpose between the read and the write. Since Python 3.10 a
                #    thread switch almost never falls inside `counter += 1`, so without
                #    this pause the race is real but you would practically never see it.
                self.sleep(self.seconds)
                self.shared.counter = value + 1  # 3. write back what we read, plus one
            self.increments += 1  # this thread's own tally: no other thread touches it
        print(f"Thread {self.number}: finishing")


class PlainCounterThread(LabThread):
    """The tutorial's bare `counter += 1`: racy in principle, rarely wrong in practice."""

    def run(self):
        print(f"Thread {self.number}: starting")
        for _ in range(self.iterations):
            if self.should_stop():
                break
            with self.lock:  # does nothing while the lock is switched off
                self.shared.counter += 1  # read, add, write: three steps, one line
            self.increments += 1  # this thread's own tally: no other thread touches it
        print(f"Thread {self.number}: finishing")


class FileThread(LabThread):
    """Appends lines to one shared file, each line in two writes with a pause between."""

    def run(self):
        print(f"Thread {self.number}: starting")
        for line in range(self.iterations):
            if self.should_stop():
                break
            with self.lock:  # does nothing while the lock is switched off
                self.file.write(f"Thread {self.number}: ")  # the first half of the line
                self.sleep(self.seconds)  # another thread may write in between
                self.file.write(f"line {line}\n")  # the second half
            self.lines_written += 1  # this thread's own tally
        print(f"Thread {self.number}: finishing")


class MainProgram(LabThread):
    """The tutorial's main program: make the threads, start them, wait for them."""

    def run(self):
        if self.mode == "sequential":
            for worker in self.workers:
                if self.should_stop():
                    break
                worker.run()  # run() without start(): runs here, one after another
        else:
            for worker in self.workers:
                if self.should_stop():
                    break
                worker.start()  # start() runs worker.run() in a new thread
            if self.join:
                for worker in self.workers:
                    worker.join()  # wait here until that thread has finished
        print("Main: all done")
