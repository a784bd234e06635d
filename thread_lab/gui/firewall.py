"""A holder for a pane that stops its many small layout changes from repainting the window."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtWidgets import QWidget


class LayoutFirewall(QWidget):
    """Holds one pane; tells the window about the pane's layout only when its limits change.

    Why: a QLabel whose text changes asks every layout above it to lay out again, up to the
    main window, and after that QMainWindow repaints itself whole. The panes change labels
    on every refresh (the counter readout, the state counts), so without this the whole
    1920×1080 window, code pane included, was repainted 60 times a second. Inside the
    firewall the pane still lays itself out as before; above it, only a change of the
    pane's minimum or maximum size is passed on, which is all a splitter needs.
    """

    def __init__(self, pane: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pane = pane
        pane.setParent(self)
        self.setSizePolicy(pane.sizePolicy())
        self._limits = self._pane_limits()
        self.setMaximumSize(self._limits[1])

    def _pane_limits(self) -> tuple[QSize, QSize]:
        hint = self.pane.minimumSizeHint().expandedTo(QSize(0, 0))
        explicit = self.pane.minimumSize()  # an explicit minimum wins over the hint
        least = QSize(explicit.width() or hint.width(), explicit.height() or hint.height())
        return least, self.pane.maximumSize()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """The pane's minimum size, as last passed on."""
        return self._limits[0]

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """The pane's preferred size."""
        return self.pane.sizeHint()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """The pane fills the holder."""
        self.pane.setGeometry(self.rect())

    def event(self, event) -> bool:
        """Swallow the pane's layout requests unless its size limits changed."""
        if event.type() == QEvent.Type.LayoutRequest:
            limits = self._pane_limits()
            if limits != self._limits:
                self._limits = limits
                self.setMaximumSize(limits[1])
                self.updateGeometry()
            return True
        return super().event(event)
