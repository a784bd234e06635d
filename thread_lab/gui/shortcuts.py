"""The keyboard: Space start/stop, L lock, ↑/↓ threads, R reset, F5 presentation, F11 full
screen, ? (or F1) the list of shortcuts.

Single keys must never get in the way of typing: while a spin box or a text field has the
focus, it gets every key it can use (a "3", an L, ↑ to step the value), and a focused button
or check box keeps Space, the key that presses it. `KeyGuard` does this the way Qt intends:
it answers Qt's "shortcut override" question for the focused widget before any shortcut fires.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from thread_lab.gui import theme

translate = QCoreApplication.translate

# The keys without a modifier that act on the whole window.
SINGLE_KEYS = {Qt.Key.Key_Space, Qt.Key.Key_L, Qt.Key.Key_R, Qt.Key.Key_Up, Qt.Key.Key_Down,
               Qt.Key.Key_Question}
ARROWS = {Qt.Key.Key_Up, Qt.Key.Key_Down}


def is_editor(widget: QWidget | None) -> bool:
    """True for a widget one types into: spin boxes, text fields, editable text."""
    if isinstance(widget, QAbstractSpinBox):
        return True
    if isinstance(widget, QLineEdit):
        return not widget.isReadOnly()
    if isinstance(widget, (QTextEdit, QPlainTextEdit)):
        return not widget.isReadOnly()
    if isinstance(widget, QComboBox):
        return widget.isEditable()
    return False


def widget_wants(widget: QWidget | None, key: int) -> bool:
    """True when the focused `widget` uses `key` itself, so the window's shortcut must wait."""
    if widget is None:
        return False
    if is_editor(widget):
        return True
    if isinstance(widget, QAbstractButton) or isinstance(widget, QComboBox):
        return key == Qt.Key.Key_Space or (isinstance(widget, QComboBox) and key in ARROWS)
    if isinstance(widget, (QAbstractItemView, QPlainTextEdit, QTextEdit)):
        return key in ARROWS  # lists and read-only text scroll with the arrows
    return False


class KeyGuard(QObject):
    """Gives a focused editor (or button) the single keys it uses, before any shortcut fires.

    It watches only the widget that has the keyboard focus (Qt asks that one), so the rest
    of the window's events never pass through Python on its account.
    """

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self._watched: QWidget | None = None
        QApplication.instance().focusChanged.connect(self._focus_moved)

    def _focus_moved(self, old: QWidget | None, new: QWidget | None) -> None:
        try:
            if self._watched is not None:
                self._watched.removeEventFilter(self)
        except RuntimeError:  # deleted meanwhile
            pass
        self._watched = None
        if new is not None and self._inside(new):
            new.installEventFilter(self)
            self._watched = new

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        """Answer Qt's "does the focused widget want this key?" for our single keys."""
        kind = event.type()
        if kind == QEvent.Type.ShortcutOverride and isinstance(obj, QWidget):
            mods = event.modifiers() & ~(Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier)
            key = event.key()
            # Esc too: in a field it means "leave the field", not "leave presentation mode".
            ours = key in SINGLE_KEYS or (key == Qt.Key.Key_Escape and is_editor(obj))
            if (ours and mods == Qt.KeyboardModifier.NoModifier and self._inside(obj)
                    and widget_wants(obj, key)):
                event.accept()  # the widget gets the key as a normal key press
                return True
        elif kind == QEvent.Type.KeyPress and isinstance(obj, QAbstractSpinBox) and self._inside(obj):
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape):
                # Enter (or Esc) leaves the field: Space starts again right after typing a number.
                obj.interpretText()
                self.window.setFocus(Qt.FocusReason.ShortcutFocusReason)
                return True
        return False

    def _inside(self, widget: QWidget) -> bool:
        try:
            return widget is self.window or self.window.isAncestorOf(widget)
        except RuntimeError:  # the window is being deleted
            return False


def add_shortcut(window: QWidget, keys, slot) -> QShortcut:
    """A window-wide shortcut for `keys` (one sequence or several) calling `slot`."""
    sequences = keys if isinstance(keys, (list, tuple)) else [keys]
    first = QShortcut(QKeySequence(sequences[0]), window)
    first.setContext(Qt.ShortcutContext.WindowShortcut)
    first.activated.connect(slot)
    shortcuts = [first]
    for extra in sequences[1:]:
        more = QShortcut(QKeySequence(extra), window)
        more.setContext(Qt.ShortcutContext.WindowShortcut)
        more.activated.connect(slot)
        shortcuts.append(more)
    return first


def shortcut_list() -> list[tuple[str, str]]:
    """(keys, what they do) for the overlay, in the window's language."""
    return [
        (translate("Shortcuts", "Space"), translate("Shortcuts", "Start, or stop, the run")),
        ("L", translate("Shortcuts", "Lock on / off (also mid-run)")),
        ("↑  ↓", translate("Shortcuts", "One thread more / less")),
        ("R", translate("Shortcuts", "Reset the experiment")),
        ("F5", translate("Shortcuts", "Presentation mode on / off")),
        ("F11", translate("Shortcuts", "Full screen on / off")),
        ("Ctrl + =   Ctrl + −   Ctrl + 0", translate("Shortcuts", "Zoom in, out, back to normal")),
        ("F2", translate("Shortcuts", "Show or hide the lessons")),
        ("Ctrl + S", translate("Shortcuts", "Save the experiment as a Python script")),
        (translate("Shortcuts", "Tab"), translate("Shortcuts", "Go from control to control")),
        (translate("Shortcuts", "Enter / Esc"), translate("Shortcuts", "Leave a number field")),
        ("?   F1", translate("Shortcuts", "Show this list")),
    ]


class ShortcutsOverlay(QWidget):
    """The list of shortcuts, in big letters over the window; any key or click closes it."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("shortcutsOverlay")
        self.setAccessibleName(translate("Shortcuts", "Keyboard shortcuts"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.hide()

    def open(self) -> None:
        """Show the list over the whole window and take the keyboard."""
        self._fill()
        self.setGeometry(self.parentWidget().rect())
        self.raise_()
        self.show()
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def toggle(self) -> None:
        """Show the list, or hide it if shown."""
        if self.isVisible():
            self.close_overlay()
        else:
            self.open()

    def close_overlay(self) -> None:
        """Hide the list and give the keyboard back to the window."""
        self.hide()
        self.parentWidget().setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _fill(self) -> None:
        """Rebuild the contents at the sizes and colours in use now."""
        old = self.layout()
        if old is not None:
            QWidget().setLayout(old)  # the usual way to drop a layout and its widgets
        back = theme.qcolour(theme.BACKGROUND, 250).name(QColor.NameFormat.HexArgb)
        self.setStyleSheet(f"QWidget#shortcutsOverlay {{ background: {back}; }}")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(60, 40, 60, 40)
        title = QLabel(translate("Shortcuts", "Keyboard shortcuts"))
        title.setStyleSheet(theme.text_css(theme.TITLE_PT + 6, bold=True))
        outer.addWidget(title)
        grid = QGridLayout()
        grid.setHorizontalSpacing(40)
        grid.setVerticalSpacing(10)
        for row, (keys, what) in enumerate(shortcut_list()):
            key = QLabel(keys)
            key.setStyleSheet(theme.text_css(theme.TITLE_PT, bold=True, extra=(
                f"border: 2px solid {theme.FOREGROUND}; border-radius: 6px; padding: 2px 10px;")))
            key.setAlignment(Qt.AlignmentFlag.AlignCenter)
            text = QLabel(what)
            text.setStyleSheet(theme.text_css(theme.TITLE_PT))
            grid.addWidget(key, row, 0)
            grid.addWidget(text, row, 1)
        grid.setColumnStretch(1, 1)
        outer.addLayout(grid)
        outer.addStretch(1)
        hint = QLabel(translate("Shortcuts", "Press any key or click to close this list."))
        hint.setStyleSheet(theme.text_css(theme.FONT_PT, colour=theme.MUTED))
        outer.addWidget(hint)

    def event(self, event) -> bool:
        """While shown, every key is ours: it closes the list instead of starting a run."""
        if event.type() == QEvent.Type.ShortcutOverride:
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Any key closes the list."""
        self.close_overlay()

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """A click closes the list."""
        self.close_overlay()
