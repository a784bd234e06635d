"""The lab pages beyond the tutorial: the GIL, deadlocks, pools and asyncio, queues.

The window adds them as tabs with `beyond_labs()`. Each page is built the first time its tab
is shown (gui/lazy.py).
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from thread_lab.gui.lazy import LazyPage


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
# (tab title, class name of the page, what builds it)
LABS = (
    ("GIL: CPU vs I/O", "CpuIoPage", _cpu_io),
    ("Deadlocks", "DeadlockLab", _deadlock),
    ("Pools && asyncio", "PoolsPage", _pools),
    ("Queues", "QueuePage", _queues),
)


def beyond_labs() -> list[tuple[str, LazyPage]]:
    """(tab title, page) for each lab beyond the tutorial, in tab order."""
    return [(title, LazyPage(factory, name)) for title, name, factory in LABS]
