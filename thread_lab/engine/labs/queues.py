"""Producer / consumer: `queue.Queue` is the safe way to hand work from thread to thread.

The queue does the locking: `put()` waits while the queue is full, `get()` waits while it
is empty, and no item is lost or taken twice. The consumers learn that the work is over
from a sentinel (one `None` per consumer), or on Python 3.13+ from `queue.shutdown()`.
"""

from __future__ import annotations

import queue
import threading
from dataclasses import dataclass

from thread_lab.engine.lab_thread import LabThread
from thread_lab.engine.lab_thread import lab_print as print  # noqa: A004 - to the lab's console
from thread_lab.engine.labs.base import POLL_S, LabListener, LabRun, Stopped, mark_waiting
from thread_lab.engine.shared import LogEvent, State

# queue.ShutDown exists from Python 3.13; before that nothing raises it, and `except ()`
# catches nothing, so the lesson code reads the same on every version.
ShutDown = getattr(queue, "ShutDown", ())
HAS_SHUTDOWN = hasattr(queue.Queue, "shutdown")
FINISHES = ("sentinel", "shutdown")


# -- the lessons ------------------------------------------------------------------------------


class Producer(LabThread):
    """Makes items and puts them on the queue."""

    def run(self):
        for n in range(1, self.items + 1):
            if self.should_stop():
                break
            self.sleep(self.make_time)  # making one takes time
            # put() waits while the queue is full
            self.queue.put(f"{self.name}, item {n}")
            self.produced += 1
        print(f"{self.name}: made {self.produced} items")


class Consumer(LabThread):
    """Takes items off the queue until told to finish."""

    def run(self):
        while True:
            try:
                item = self.queue.get()  # waits while empty
            except ShutDown:  # 3.13+: shut down and empty
                break
            if item is None:  # the sentinel: no more items
                break
            print(f"{self.name}: got {item}")
            self.sleep(self.use_time)  # using one takes time
            self.consumed += 1
        print(f"{self.name}: used {self.consumed} items")


class QueueMain(LabThread):
    """Starts everyone, then tells consumers to finish."""

    def run(self):
        for thread in self.producers + self.consumers:
            thread.start()
        for producer in self.producers:
            producer.join()  # now every item is queued
        if self.finish == "shutdown":
            self.queue.shutdown()  # then get() raises ShutDown
        else:
            for _ in self.consumers:
                self.queue.put(None)  # a sentinel each
        for consumer in self.consumers:
            consumer.join()
        print("Main: all done")


# -- the watched queue ----------------------------------------------------------------------


class WatchedQueue(queue.Queue):
    """A real queue.Queue that records its size over time and that Stop can interrupt.

    A thread blocked in a plain get() or put() cannot be woken; these wait in slices of
    POLL_S and raise Stopped once Stop was pressed.
    """

    def __init__(self, maxsize: int, stopping: threading.Event, clock) -> None:
        super().__init__(maxsize)
        self._stopping = stopping
        self._clock = clock
        self._samples: list[tuple[float, int]] = [(0.0, 0)]
        self._samples_lock = threading.Lock()  # why: every producer and consumer appends

    def put(self, item, block: bool = True, timeout: float | None = None) -> None:
        """queue.Queue.put that Stop ends; records the new size."""
        self._wait(super().put, item)

    def get(self, block: bool = True, timeout: float | None = None):
        """queue.Queue.get that Stop ends; records the new size."""
        return self._wait(super().get)

    def samples(self, cursor: int = 0) -> tuple[tuple[tuple[float, int], ...], int]:
        """(time, size) after every put and get since `cursor`, and the next cursor."""
        with self._samples_lock:
            return tuple(self._samples[cursor:]), len(self._samples)

    def _wait(self, call, *item):
        if self._stopping.is_set():
            raise Stopped("the queue was stopped")
        try:
            result = call(*item, block=False)
        except (queue.Full, queue.Empty):
            mark_waiting(True)
            try:
                while True:
                    if self._stopping.is_set():
                        raise Stopped("the queue was stopped") from None
                    try:
                        result = call(*item, timeout=POLL_S)
                        break
                    except (queue.Full, queue.Empty):
                        continue
            finally:
                mark_waiting(False)
        with self._samples_lock:
            self._samples.append((round(self._clock(), 4), self.qsize()))
        return result


# -- the run ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueConfig:
    """How many producers and consumers, how fast each works, how big the queue is."""

    producers: int = 2
    consumers: int = 2
    items: int = 15  # per producer
    make_time: float = 0.1  # seconds to make one item
    use_time: float = 0.25  # seconds to use one item
    maxsize: int = 5  # 0: no limit
    finish: str = "sentinel"  # or "shutdown" (Python 3.13+)

    def __post_init__(self) -> None:
        if not (1 <= self.producers <= 8 and 1 <= self.consumers <= 8):
            raise ValueError("producers and consumers must be from 1 to 8")
        if not 1 <= self.items <= 1000 or not 0 <= self.maxsize <= 1000:
            raise ValueError("items must be 1–1000 and the queue size 0–1000")
        if not (0 <= self.make_time <= 5 and 0 <= self.use_time <= 5):
            raise ValueError("times must be from 0 to 5 seconds")
        if self.finish not in FINISHES:
            raise ValueError(f"finish must be one of {', '.join(FINISHES)}")
        if self.finish == "shutdown" and not HAS_SHUTDOWN:
            raise ValueError("queue.shutdown() needs Python 3.13 or newer")


@dataclass(frozen=True)
class QueueSnapshot:
    """The queue lab at one moment."""

    t: float
    phase: str
    produced: tuple[int, ...]
    consumed: tuple[int, ...]
    size: int
    samples: tuple[tuple[float, int], ...]  # new (time, size) pairs since the cursor
    sample_cursor: int
    names: tuple[str, ...]  # producers, then consumers
    states: tuple[State, ...]
    main_state: State
    events: tuple[LogEvent, ...]
    cursor: int


@dataclass(frozen=True)
class QueueResult:
    """What a producer/consumer run did."""

    status: str
    elapsed_s: float
    produced: int
    consumed: int
    left_in_queue: int
    finish: str
    errors: tuple[str, ...] = ()

    def sentence(self) -> str:
        """One plain sentence for the summary."""
        if self.status == "failed":
            return self.errors[0] if self.errors else "The run failed."
        how = "a None per consumer" if self.finish == "sentinel" else "queue.shutdown()"
        if self.status == "stopped":
            return (f"Stopped: {self.produced} made, {self.consumed} used, "
                    f"{self.left_in_queue} left in the queue.")
        return (f"All {self.produced} items made and all {self.consumed} used, none lost, none "
                f"twice; {how} told the consumers to finish, and every thread was joined.")


class QueueLab(LabRun):
    """Producers put items on a queue, consumers take them off."""

    thread_name = "thread-lab queue"

    def __init__(self, config: QueueConfig | None = None,
                 listener: LabListener | None = None) -> None:
        super().__init__(listener)
        self.config = c = config or QueueConfig()
        self.queue = WatchedQueue(c.maxsize, self.stopping, self.clock)
        self.producers = [
            Producer(i, self, queue=self.queue, items=c.items, make_time=c.make_time, produced=0)
            for i in range(1, c.producers + 1)
        ]
        self.consumers = [
            Consumer(c.producers + i, self, queue=self.queue, use_time=c.use_time, consumed=0)
            for i in range(1, c.consumers + 1)
        ]
        for p in self.producers:
            p.name = f"Producer {p.number}"
        for i, consumer in enumerate(self.consumers, 1):
            consumer.name = f"Consumer {i}"
        self.main = QueueMain(0, self, producers=self.producers, consumers=self.consumers,
                              queue=self.queue, finish=c.finish)
        self.threads = [*self.producers, *self.consumers]

    lesson_classes = (Producer, Consumer, QueueMain)

    def drive(self) -> None:
        """The lesson's main program, on the run's own thread."""
        self.main.run()

    def snapshot(self, cursor: int = 0, sample_cursor: int = 0) -> QueueSnapshot:
        """Counts, the queue's size (and its new samples), states and new console lines."""
        events, cursor = self.log.since(cursor)
        samples, sample_cursor = self.queue.samples(sample_cursor)
        workers = [*self.producers, *self.consumers]
        return QueueSnapshot(
            t=self.clock() if self.result is None else self.result.elapsed_s,
            phase=self.phase,
            produced=tuple(p.produced for p in self.producers),
            consumed=tuple(c.consumed for c in self.consumers),
            size=self.queue.qsize(),
            samples=samples,
            sample_cursor=sample_cursor,
            names=tuple(w.name for w in workers),
            states=tuple(w.state for w in workers),
            main_state=self.main.state,
            events=events,
            cursor=cursor,
        )

    def measure(self, elapsed: float) -> QueueResult:
        """Totals made, used and left over."""
        left = sum(1 for item in list(self.queue.queue) if item is not None)
        return QueueResult(
            status=self.status,
            elapsed_s=elapsed,
            produced=sum(p.produced for p in self.producers),
            consumed=sum(c.consumed for c in self.consumers),
            left_in_queue=left,
            finish=self.config.finish,
            errors=self.errors,
        )
