""""Save as script": the experiment on screen as one standalone Python file.

The file uses nothing but the standard library (`threading`, `time`, `contextlib`): no Thread
Lab, no Qt. A student runs it at home with `python the_file.py`, reads every line, and
changes the settings at its top. It follows the lesson classes of `engine/workers.py` line for
line where it can, without the window's bookkeeping (stop button, state recording).

Pure Python, no Qt import: a test runs the generated files in a fresh interpreter.
"""

from __future__ import annotations

from string import Template

from thread_lab import __version__
from thread_lab.engine.config import RunConfig

# What each experiment is called in the file's first line and its suggested file name.
TITLES = {
    "counter": "the shared counter race",
    "file": "many threads writing one file",
    "sleep": "sleeping threads, one after another or at the same time",
}


def suggested_name(config: RunConfig) -> str:
    """A file name for the script of this experiment, e.g. "thread_lab_counter.py"."""
    return f"thread_lab_{config.experiment}.py"


def make_script(config: RunConfig) -> str:
    """The Python source of a standalone script that runs `config`'s experiment."""
    values = dict(
        version=__version__,
        title=TITLES[config.experiment],
        threads=config.threads,
        iterations=config.iterations,
        pause=repr(float(config.sleep)),
        use_lock=config.lock,
        lock_kind="RLock" if config.lock_kind == "rlock" else "Lock",
        plain=config.plain,
        sequential=config.mode == "sequential",
        join=config.join,
    )
    body = {"counter": _COUNTER, "file": _FILE, "sleep": _SLEEP}[config.experiment]
    return Template(_HEADER + body + _MAIN).substitute(values)


_HEADER = '''\
#!/usr/bin/env python3
"""Thread Lab experiment: $title.

Saved from Thread Lab $version. It needs only Python 3: run it with

    python this_file.py

then change the settings below and run it again. Every thread here is a plain
threading.Thread, as in the lesson.
"""

import atexit
import contextlib
import threading
import time

# -- the settings, as they were in Thread Lab ------------------------------------------
THREADS = $threads  # how many threads
ITERATIONS = $iterations  # increments (or lines) per thread
PAUSE = $pause  # seconds each pause lasts
USE_LOCK = $use_lock  # True: `with lock:` lets one thread at a time run its block
LOCK_KIND = "$lock_kind"  # "Lock" or "RLock"
PLAIN = $plain  # counter only: a bare `counter += 1`, no pause between read and write
SEQUENTIAL = $sequential  # True: call run() one after another instead of start()
JOIN = $join  # True: the main program waits for the threads with join()

if USE_LOCK:
    lock = threading.RLock() if LOCK_KIND == "RLock" else threading.Lock()
else:
    # The lock is off: `with lock:` does nothing, and the threads run the block together.
    lock = contextlib.nullcontext()

'''

_COUNTER = '''\
counter = 0  # the number every thread adds to


class CounterThread(threading.Thread):
    """Adds 1 to the shared counter: read, pause, write."""

    def __init__(self, number):
        super().__init__(name=f"Thread {number}")
        self.number = number
        self.increments = 0  # our own tally: no other thread touches it

    def run(self):
        global counter
        print(f"Thread {self.number}: starting")
        for _ in range(ITERATIONS):
            with lock:
                if PLAIN:
                    # read, add, write: three steps, one line. Since Python 3.10 a thread
                    # switch almost never falls inside it, so the race is rarely seen.
                    counter += 1
                else:
                    # 1. read the shared number
                    value = counter
                    # 2. pause between read and write, on purpose: it widens the gap in
                    # which another thread can read the same old value
                    time.sleep(PAUSE)
                    # 3. write back what we read, plus one
                    counter = value + 1
            self.increments += 1
        print(f"Thread {self.number}: finishing")


def make_threads():
    """The threads of the experiment, not started yet."""
    return [CounterThread(number) for number in range(1, THREADS + 1)]


def report(threads, elapsed):
    """Print what happened to the counter."""
    expected = sum(thread.increments for thread in threads)
    lost = expected - counter
    print()
    print(f"Summary: {THREADS} threads x {ITERATIONS} increments, lock {'ON' if USE_LOCK else 'OFF'}")
    print(f"  expected: {expected}")
    print(f"  counter:  {counter}")
    print(f"  lost:     {lost}")
    print(f"  elapsed:  {elapsed:.2f} s")
    if lost:
        print(f"{lost} of {expected} increments were lost: threads overwrote each other's writes.")
    else:
        print(f"All {expected} increments counted.")
'''

_FILE = '''\
import re
from pathlib import Path

# The shared file: next to this script, emptied at every run.
FILE = Path(__file__).resolve().with_suffix(".txt")
shared_file = open(FILE, "w", encoding="utf-8")


def write(text):
    """Append `text` to the shared file at once (flush: no buffer hides the mix-up)."""
    shared_file.write(text)
    shared_file.flush()


class FileThread(threading.Thread):
    """Appends lines to one shared file, in two halves."""

    def __init__(self, number):
        super().__init__(name=f"Thread {number}")
        self.number = number
        self.lines_written = 0  # our own tally: no other thread touches it

    def run(self):
        print(f"Thread {self.number}: starting")
        for line in range(ITERATIONS):
            with lock:
                # the first half of the line
                write(f"Thread {self.number}: ")
                # another thread may write in between
                time.sleep(PAUSE)
                # the second half
                write(f"line {line}\\n")
            self.lines_written += 1
        print(f"Thread {self.number}: finishing")


def make_threads():
    """The threads of the experiment, not started yet."""
    return [FileThread(number) for number in range(1, THREADS + 1)]


def report(threads, elapsed):
    """Count the whole and the torn lines of the shared file."""
    shared_file.flush()
    whole = torn = 0
    seen = set()
    for text in FILE.read_text(encoding="utf-8").splitlines():
        # A whole line reads exactly "Thread i: line j", and only once: two halves of
        # different threads stitched together can look whole, but then they repeat a line.
        if re.fullmatch(r"Thread \\d+: line \\d+", text) and text not in seen:
            seen.add(text)
            whole += 1
        else:
            torn += 1
    print()
    print(f"Summary: {THREADS} threads x {ITERATIONS} lines, lock {'ON' if USE_LOCK else 'OFF'}")
    print(f"  expected: {THREADS * ITERATIONS} lines")
    print(f"  whole:    {whole}")
    print(f"  torn:     {torn}")
    print(f"  elapsed:  {elapsed:.2f} s")
    print(f"  the file: {FILE}")
    if torn:
        print(f"{torn} lines were torn: another thread wrote between the two halves of a line.")
    else:
        print(f"All {whole} lines are whole.")
'''

_SLEEP = '''\
class SleepyThread(threading.Thread):
    """The tutorial's first thread: say hello, sleep, say goodbye."""

    def __init__(self, number):
        super().__init__(name=f"Thread {number}")
        self.number = number

    def run(self):
        print(f"Thread {self.number}: starting")
        time.sleep(PAUSE)
        print(f"Thread {self.number}: finishing")


def make_threads():
    """The threads of the experiment, not started yet."""
    return [SleepyThread(number) for number in range(1, THREADS + 1)]


def report(threads, elapsed):
    """Print how long the sleeps took together."""
    how = "one after another" if SEQUENTIAL else "in threads"
    print()
    print(f"Summary: {THREADS} threads x {PAUSE:g} s of sleep took {elapsed:.2f} s {how}.")
'''

_MAIN = '''

def main():
    """The main program: make threads, start them, wait for them."""
    threads = make_threads()
    start = time.perf_counter()
    if SEQUENTIAL:
        for thread in threads:
            # run() without start(): it runs right here, one after another
            thread.run()
    else:
        for thread in threads:
            # start() runs thread.run() in a new thread
            thread.start()
        if JOIN:
            for thread in threads:
                # wait here until that thread finished
                thread.join()
    print("Main: all done")
    if SEQUENTIAL or JOIN:
        report(threads, time.perf_counter() - start)
    else:
        # Main did not wait: the threads are still running. Python waits for them before
        # it exits, and only then calls what atexit registered: the summary comes last.
        print("(Main did not join the threads: they are still running.)")
        atexit.register(lambda: report(threads, time.perf_counter() - start))


if __name__ == "__main__":
    main()
'''
