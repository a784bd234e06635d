"""A pane built when it is first needed, not when the window is.

Two uses. The lab tabs beyond the first build their page the first time the tab is shown
(building all of them costs ~0.2 s and their modules import multiprocessing and asyncio).
The live plots are built just after the window's first paint: they need pyqtgraph, and
importing it (numpy, and a copy of every QtCore/QtGui/QtWidgets name) takes longer than
building the rest of the window. Either way, asking for `page` builds it at once, so code
that needs the pane never sees it missing.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from thread_lab.gui import theme


class LazyPage(QWidget):
    """Holds the page `factory()` makes: built when first shown (`on_show`) or asked for.

    `name` is the class name of the page it will hold, so a lesson can find the lab "CpuIoPage"
    before the page exists.
    """

    built_now = Signal(QWidget)  # the page, just built

    def __init__(self, factory: Callable[[], QWidget], name: str = "", *, on_show: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._factory = factory
        self._page: QWidget | None = None
        self._on_show = on_show
        self.name = name
        # How to call the factory: the window sets this so that a page built after a zoom
        # or in presentation mode is drawn like the rest (presentation.built_at).
        self.builder: Callable[[Callable[[], QWidget]], QWidget] | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if not on_show:
            # Until the plot is there, the place it will fill, in its background colour: the
            # window's layout does not jump when it arrives.
            self.setStyleSheet(f"background: {theme.BACKGROUND};")
            self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)

    @property
    def page(self) -> QWidget:
        """The page, built now if it was not yet."""
        if self._page is None:
            self._page = self.builder(self._factory) if self.builder else self._factory()
            if not self._on_show:
                self.setStyleSheet("")
            self.layout().addWidget(self._page)
            self.built_now.emit(self._page)
        return self._page

    @property
    def built(self) -> bool:
        """True once the page exists."""
        return self._page is not None

    @property
    def page_if_built(self) -> QWidget | None:
        """The page, or None if it was not built yet (never builds it)."""
        return self._page

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Build the page when it is first shown (tabs); the plots wait for the first paint."""
        if self._on_show:
            self.page  # noqa: B018 - builds it
        super().showEvent(event)

    def stop_and_join(self, timeout: float = 5.0) -> bool:
        """Stop the page's run and join its threads (nothing to do if never built)."""
        if self._page is None or not hasattr(self._page, "stop_and_join"):
            return True
        return self._page.stop_and_join(timeout)
