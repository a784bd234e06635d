"""The one object that carries a run's happenings from its threads to the window."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class RunBridge(QObject):
    """A run's listener: each call arrives on a worker thread and leaves as a Qt signal.

    The bridge lives in the GUI thread, so a signal emitted from a worker thread is queued
    and its slots run in the GUI thread: no widget is ever touched from a worker.
    The payloads are immutable (strings, a frozen RunResult), so passing a reference is safe.
    """

    runStarted = Signal()
    workerFailed = Signal(str, str)  # thread name, one-line message
    runFinished = Signal(object)  # RunResult

    # The engine's Listener interface, called from the run's threads.
    def started(self, run) -> None:
        """The run's threads are starting."""
        self.runStarted.emit()

    def worker_failed(self, thread: str, message: str) -> None:
        """A thread raised; tell the window."""
        self.workerFailed.emit(thread, message)

    def finished(self, result) -> None:
        """Every thread has been joined; hand the window the result."""
        self.runFinished.emit(result)
