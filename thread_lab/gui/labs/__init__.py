"""The lab pages beyond the tutorial: the GIL, deadlocks, pools and asyncio, queues.

The window adds them as tabs with `beyond_labs()`. Each page is built the first time its tab
is shown, so the window opens as fast as before (building all four costs ~0.2 s, and their
modules import multiprocessing and asyncio).
"""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget


def _cpu_io() -> QWidget:
    from thread_lab.gui.labs.cpu_io_lab import CpuIoPage

    return CpuIoPage()


def _deadlock() -> QWidget:
    from thread_lab.gui.labs.deadlock_lab import DeadlockLab

    return DeadlockLab()


def _pools() -> QWidget:
    from thread_lab.gui.labs.pools_lab import PoolsPage

    return PoolsPage()


def _queues() -> QWidget:
    from thread_lab.gui.labs.queue_lab import QueuePage

    return QueuePage()


# Plain imports inside functions (not importlib with names) so PyInstaller finds them.
LABS = (
    ("GIL: CPU vs I/O", _cpu_io),
    ("Deadlocks", _deadlock),
    ("Pools && asyncio", _pools),
    ("Queues", _queues),
)


class LazyPage(QWidget):
    """A tab that builds its lab page the first time it is shown (or asked for)."""

    def __init__(self, factory, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._factory = factory
        self._page: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    @property
    def page(self) -> QWidget:
        """The lab page, built now if it was not yet."""
        if self._page is None:
            self._page = self._factory()
            self.layout().addWidget(self._page)
        return self._page

    @property
    def built(self) -> bool:
        """True once the page exists."""
        return self._page is not None

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Build the page when its tab is first shown."""
        self.page  # noqa: B018 - builds it
        super().showEvent(event)

    def stop_and_join(self, timeout: float = 5.0) -> bool:
        """Stop the page's run and join its threads (nothing to do if never built)."""
        return True if self._page is None else self._page.stop_and_join(timeout)


def beyond_labs() -> list[tuple[str, LazyPage]]:
    """(tab title, page) for each lab beyond the tutorial, in tab order."""
    return [(title, LazyPage(factory)) for title, factory in LABS]
