"""The code pane: the real source of the running lesson classes, with the lock line marked."""

from __future__ import annotations

import inspect
import keyword
import re
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QPainter,
    QPalette,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QTabWidget, QTextEdit, QToolTip, QVBoxLayout, QWidget

from thread_lab.engine import Run, RunResult, Snapshot
from thread_lab.engine import workers
from thread_lab.gui import theme

LOCK_LINE = "with self.lock"
translate = QCoreApplication.translate


class PythonHighlighter(QSyntaxHighlighter):
    """Colours Python source: keywords, strings (f-strings too), comments, numbers, self."""

    _TRIPLE = re.compile(r"[rRbBfFuU]{0,2}('''|\"\"\")")

    def __init__(self, document) -> None:
        super().__init__(document)

        def fmt(colour: str, *, bold: bool = False, italic: bool = False) -> QTextCharFormat:
            f = QTextCharFormat()
            f.setForeground(QColor(colour))
            if bold:
                f.setFontWeight(QFont.Weight.Bold)
            f.setFontItalic(italic)
            return f

        kw = r"\b(?:" + "|".join(keyword.kwlist + ["match", "case"]) + r")\b"
        builtins = r"\b(?:print|range|len|super|isinstance|True|False|None)\b"
        # Order matters: later rules paint over earlier ones, so strings and comments last.
        colours = theme.CODE_COLOURS  # the light or the dark palette's
        self._rules = [
            (re.compile(kw), fmt(colours["keyword"], bold=True)),
            (re.compile(builtins), fmt(colours["builtin"])),
            (re.compile(r"\bself\b"), fmt(colours["self"], italic=True)),
            (re.compile(r"\b\d+(?:\.\d+)?\b"), fmt(colours["number"])),
            (re.compile(r"(?<=\bdef )\w+|(?<=\bclass )\w+"), fmt(colours["name"], bold=True)),
            (re.compile(r"^\s*@\w+"), fmt(colours["decorator"])),
        ]
        self._string = fmt(colours["string"])
        self._comment = fmt(colours["comment"], italic=True)
        # One pattern for one-line strings and comments, so a '#' inside a string is not a
        # comment and a quote inside a comment is not a string.
        self._tokens = re.compile(
            r"(?P<string>[rRbBfFuU]{0,2}(?:'[^'\\\n]*(?:\\.[^'\\\n]*)*'|\"[^\"\\\n]*(?:\\.[^\"\\\n]*)*\"))"
            r"|(?P<comment>#.*)"
        )

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt's name
        """Qt calls this for each line; state 1 means "inside a triple-quoted string"."""
        for pattern, fmt in self._rules:
            for m in pattern.finditer(text):
                self.setFormat(m.start(), m.end() - m.start(), fmt)
        start = 0
        self.setCurrentBlockState(0)
        if self.previousBlockState() > 0:
            quote = "'''" if self.previousBlockState() == 1 else '"""'
            end = text.find(quote)
            if end < 0:
                self.setFormat(0, len(text), self._string)
                self.setCurrentBlockState(self.previousBlockState())
                return
            self.setFormat(0, end + 3, self._string)
            start = end + 3
        pos = start
        while pos < len(text):
            triple = self._TRIPLE.search(text, pos)
            token = self._tokens.search(text, pos)
            if triple and (token is None or triple.start() <= token.start()):
                quote = triple.group(1)
                end = text.find(quote, triple.end())
                if end < 0:
                    self.setFormat(triple.start(), len(text) - triple.start(), self._string)
                    self.setCurrentBlockState(1 if quote == "'''" else 2)
                    return
                self.setFormat(triple.start(), end + 3 - triple.start(), self._string)
                pos = end + 3
            elif token:
                fmt = self._string if token.lastgroup == "string" else self._comment
                self.setFormat(token.start(), token.end() - token.start(), fmt)
                pos = token.end()
            else:
                break


@dataclass(frozen=True)
class LineMark:
    """A line of code marked as doing something now (active) or nothing now (inactive)."""

    line: int  # 0-based line of the shown source
    active: bool
    badge: str  # short note drawn at the end of the line ("" for none)
    tip: str  # longer note shown when hovering the line
    strong: bool = True  # False: a light background only (the lines inside a marked block)


class CodeEdit(QPlainTextEdit):
    """A read-only code editor that draws marked lines with a background and an end badge."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setFont(theme.mono_font())
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        pal = self.palette()
        pal.setColor(QPalette.ColorRole.Base, QColor(theme.BACKGROUND))
        pal.setColor(QPalette.ColorRole.Text, QColor(theme.FOREGROUND))
        self.setPalette(pal)
        self.highlighter = PythonHighlighter(self.document())
        self.marks: list[LineMark] = []
        self._badge_font = theme.ui_font(theme.SMALL_PT, bold=True)
        self.viewport().installEventFilter(self)

    def set_marks(self, marks: list[LineMark]) -> None:
        """Mark these lines (and unmark all others)."""
        self.marks = list(marks)
        selections = []
        for mark in self.marks:
            block = self.document().findBlockByNumber(mark.line)
            if not block.isValid():
                continue
            line = QTextEdit.ExtraSelection()
            line.cursor = QTextCursor(block)
            line.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
            colour = theme.BLUISH_GREEN if mark.active else theme.DONE_GREY
            alpha = (70 if mark.active else 60) if mark.strong else 28
            line.format.setBackground(theme.qcolour(colour, alpha))
            selections.append(line)
            if not mark.active and mark.strong:
                # Dimmed and struck through: the line is there, it just does nothing now.
                words = QTextEdit.ExtraSelection()
                cursor = QTextCursor(block)
                indent = len(block.text()) - len(block.text().lstrip())
                cursor.setPosition(block.position() + indent)
                cursor.setPosition(block.position() + len(block.text()), QTextCursor.MoveMode.KeepAnchor)
                words.cursor = cursor
                words.format.setFontStrikeOut(True)
                words.format.setForeground(QColor(theme.MUTED))
                selections.append(words)
        self.setExtraSelections(selections)
        self.viewport().update()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Draw the text, then a badge at the end of each marked line."""
        super().paintEvent(event)
        if not self.marks:
            return
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self._badge_font.pointSizeF() != theme.SMALL_PT:  # zoomed since
            self._badge_font = theme.ui_font(theme.SMALL_PT, bold=True)
        painter.setFont(self._badge_font)
        metrics = self.fontMetrics()
        badge_metrics = painter.fontMetrics()
        offset = self.contentOffset()
        for mark in self.marks:
            block = self.document().findBlockByNumber(mark.line)
            if not block.isValid() or not mark.badge:
                continue
            geometry = self.blockBoundingGeometry(block).translated(offset)
            if geometry.bottom() < 0 or geometry.top() > self.viewport().height():
                continue
            x = offset.x() + self.document().documentMargin() + metrics.horizontalAdvance(block.text()) + 24
            w = badge_metrics.horizontalAdvance(mark.badge) + 20
            # A long line would push the badge out of sight: keep it inside the pane.
            x = max(8.0, min(x, self.viewport().width() - w - 8))
            rect = QRectF(x, geometry.top() + 2, w, geometry.height() - 4)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(theme.BLUISH_GREEN if mark.active else theme.MUTED))
            painter.drawRoundedRect(rect, 6, 6)
            painter.setPen(QColor("#FFFFFF"))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, mark.badge)
        painter.end()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        """Show the note of a marked line when the mouse rests on it."""
        if obj is self.viewport() and event.type() == QEvent.Type.ToolTip:
            line = self.cursorForPosition(event.pos()).blockNumber()
            tip = next((m.tip for m in self.marks if m.line == line), None)
            if tip:
                QToolTip.showText(event.globalPos(), tip, self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().eventFilter(obj, event)


class CodeView(QWidget):
    """Shows the lesson code the run is executing; the lock line says whether it acts now."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.banner = QLabel(translate("CodeView", "Start a run to see the code its threads execute."))
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
        self.banner.setStyleSheet(theme.text_css(bold=True))
        self.worker_code = CodeEdit()
        self.main_code = CodeEdit()
        self.tabs = QTabWidget()
        self.tabs.setFont(theme.ui_font(theme.FONT_PT))
        self.tabs.addTab(self.worker_code, translate("CodeView", "Thread code"))
        self.tabs.addTab(self.main_code, translate("CodeView", "Main program"))
        self.worker_code.setAccessibleName(translate("CodeView", "Thread code"))
        self.main_code.setAccessibleName(translate("CodeView", "Main program code"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        self._lock_on: bool | None = None
        self._lock_lines: list[int] = []
        self._guarded: list[int] = []  # the lines inside `with self.lock:`
        self._worker_name = ""
        self._readable = True

    # -- the view contract --------------------------------------------------------------

    def begin(self, run: Run) -> None:
        """Show the source of the run's thread class and of the main program."""
        cls = run.worker_class
        self._worker_name = cls.__name__
        self.tabs.setTabText(0, translate("CodeView", "Thread code: {name}").format(name=cls.__name__))
        self.tabs.setTabText(1, translate("CodeView", "Main program: {name}").format(name=workers.MainProgram.__name__))
        worker_source, self._readable = _source(cls)
        main_source, _ = _source(workers.MainProgram)
        self.worker_code.setPlainText(worker_source)
        self.main_code.setPlainText(main_source)
        self._lock_lines = _lock_lines(worker_source) if self._readable else []
        self._guarded = _guarded_lines(worker_source, self._lock_lines)
        self.main_code.set_marks(_main_marks(main_source, run.config.mode, run.config.join))
        self._lock_on = None
        self._show_lock(run.lock.enabled)

    def show_snapshot(self, snap: Snapshot) -> None:
        """Re-mark the lock line when the lock was switched."""
        if snap.lock_on != self._lock_on:
            self._show_lock(snap.lock_on)

    def finish(self, result: RunResult) -> None:
        """Keep the code as it is; the lock marking shows the lock at the end."""
        self._show_lock(result.lock)

    # -- reading it back ------------------------------------------------------------------

    @property
    def lock_on(self) -> bool | None:
        """The lock state the marking shows now."""
        return self._lock_on

    # -- inside -------------------------------------------------------------------------

    def _show_lock(self, on: bool) -> None:
        self._lock_on = on
        if not self._readable:
            # The note replaces the code; the lock is still worth naming.
            self.banner.setText(translate("CodeView", "The lock is ON. (The code cannot be shown in this build.)") if on
                                else translate("CodeView", "The lock is OFF. (The code cannot be shown in this build.)"))
            self.banner.setStyleSheet(theme.text_css(bold=True, colour=theme.FOREGROUND))
            return
        if not self._lock_lines:
            self.worker_code.set_marks([])
            self.banner.setText(translate("CodeView", "{name} uses no lock: its threads never wait for each other.").format(
                name=self._worker_name))
            self.banner.setStyleSheet(theme.text_css(bold=True, colour=theme.FOREGROUND))
            return
        if on:
            marks = [
                LineMark(line, True, translate("CodeView", "lock ON"),
                         translate("CodeView", "Lock ON: one thread at a time runs the lines under this `with`."))
                for line in self._lock_lines
            ] + [
                LineMark(line, True, "", translate("CodeView", "Lock ON: only the thread holding the lock runs this line."),
                         strong=False)
                for line in self._guarded
            ]
            text = translate("CodeView", "Lock ON: `with self.lock:` lets one thread at a time run the block under it.")
            colour = theme.readable(theme.BLUISH_GREEN)
        else:
            marks = [
                LineMark(line, False, translate("CodeView", "lock OFF"),
                         translate("CodeView", "Lock OFF: this line does nothing now."))
                for line in self._lock_lines
            ]
            text = translate("CodeView", "Lock OFF: `with self.lock:` does nothing now; threads run the block together.")
            colour = theme.MUTED
        self.worker_code.set_marks(marks)
        self.banner.setText(text)
        self.banner.setStyleSheet(theme.text_css(bold=True, colour=colour))


def _source(cls: type) -> tuple[str, bool]:
    """The class's source as Python reads it (and True), or a one-line note (and False)."""
    try:
        return inspect.getsource(cls), True
    except (OSError, TypeError):  # a frozen build ships no .py files
        return translate("CodeView", "# The source of {name} cannot be shown: this build has no .py files.").format(
            name=cls.__name__), False


def _lock_lines(source: str) -> list[int]:
    """The lines that take the lock (`with self.lock`), in code rather than in a comment."""
    return [i for i, line in enumerate(source.splitlines()) if LOCK_LINE in line.split("#", 1)[0]]


def _guarded_lines(source: str, lock_lines: list[int]) -> list[int]:
    """The lines of the blocks under the lock lines (more indented, up to the dedent)."""
    lines = source.splitlines()
    guarded = []
    for start in lock_lines:
        indent = len(lines[start]) - len(lines[start].lstrip())
        for i in range(start + 1, len(lines)):
            text = lines[i]
            if text.strip() and len(text) - len(text.lstrip()) <= indent:
                break
            if text.strip():
                guarded.append(i)
    return guarded


def _main_marks(source: str, mode: str, join: bool) -> list[LineMark]:
    """Mark which of the main program's lines this run takes: run() here, start(), join()."""
    marks = []
    this_run, not_this_run = translate("CodeView", "this run"), translate("CodeView", "not this run")
    for i, line in enumerate(source.splitlines()):
        line = line.split("#", 1)[0]  # the code, not a comment that mentions it
        if "worker.run()" in line:
            active = mode == "sequential"
            marks.append(LineMark(i, active, this_run if active else not_this_run,
                                  translate("CodeView", "Sequential: each worker runs here, one after another.")))
        elif "worker.start()" in line:
            active = mode == "threaded"
            marks.append(LineMark(i, active, this_run if active else not_this_run,
                                  translate("CodeView", "Threaded: start() runs each worker in a new thread.")))
        elif "worker.join()" in line:
            active = mode == "threaded" and join
            badge = this_run if active else not_this_run if mode == "sequential" else translate(
                "CodeView", "skipped: join is off")
            marks.append(LineMark(i, active, badge,
                                  translate("CodeView", "join() makes main wait until that thread has finished.")))
    return marks
