"""The console pane: what the threads printed, in the order it happened, with the time."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QFont, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from thread_lab.engine import LogEvent, Run, RunResult, Snapshot
from thread_lab.gui import theme
from thread_lab.gui.i18n import number

MAX_LINES = 5_000
FORMATTED_LINES = 200  # per tick; older lines of a bigger burst are inserted as plain text
translate = QCoreApplication.translate


class Console(QWidget):
    """Shows every print, lock switch and error of a run as timestamped lines."""

    def __init__(self, parent: QWidget | None = None, *, max_lines: int = MAX_LINES) -> None:
        super().__init__(parent)
        self.max_lines = max_lines
        self._total = 0  # lines received this run; more than shown once the cap is hit

        self._status = QLabel(translate("Console", "Prints of the threads appear here, in the order they happened."))
        self._status.setStyleSheet(theme.text_css(theme.SMALL_PT, colour=theme.MUTED))
        self._status.setWordWrap(True)

        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setAccessibleName(translate("Console", "Console: what the threads printed"))
        self.text.setFont(theme.mono_font())
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        # Why no setMaximumBlockCount: it trims the top on every append, and on a full
        # console that costs tens of ms per tick. _trim() drops a tenth at once instead.
        self.text.setUndoRedoEnabled(False)  # the undo stack would keep every line forever
        pal = self.text.palette()
        pal.setColor(QPalette.ColorRole.Base, QColor(theme.BACKGROUND))
        pal.setColor(QPalette.ColorRole.Text, QColor(theme.FOREGROUND))
        self.text.setPalette(pal)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._status)
        layout.addWidget(self.text, 1)

        self._plain_fmt = _fmt(theme.FOREGROUND)
        self._lock_fmt = _fmt(theme.FOREGROUND, background=theme.qcolour(theme.YELLOW, 150), bold=True)
        self._error_fmt = _fmt(theme.ERROR_TEXT, background=theme.qcolour(theme.VERMILLION, 45), bold=True)
        self._other_fmt = _fmt(theme.MUTED, italic=True)
        self._thread_fmts: dict[str, QTextCharFormat] = {}

    # -- the view contract --------------------------------------------------------------

    def begin(self, run: Run) -> None:
        """Clear the console for a new run."""
        self.text.clear()
        self._total = 0
        self._update_status()

    def show_snapshot(self, snap: Snapshot) -> None:
        """Append the snapshot's new events in one batch."""
        if snap.events:
            self._append(snap.events)

    def finish(self, result: RunResult) -> None:
        """Note how the run ended under the lines (the lines themselves stay)."""
        self._update_status(ended=result.status)

    # -- reading it back ------------------------------------------------------------------

    def lines(self) -> list[str]:
        """The lines shown now, oldest first."""
        text = self.text.toPlainText()
        return text.split("\n") if text else []

    @property
    def total_lines(self) -> int:
        """How many lines this run produced, shown or already dropped by the cap."""
        return self._total

    # -- inside -------------------------------------------------------------------------

    def _append(self, events: tuple[LogEvent, ...]) -> None:
        self._total += len(events)
        # Lines that the cap would drop at once are never inserted: a burst of 20,000 prints
        # costs the same as 5,000.
        if len(events) > self.max_lines:
            events = events[-self.max_lines :]
        bar = self.text.verticalScrollBar()
        # Follow the end only if the reader is at the end: never yank someone scrolled up.
        follow = bar.value() >= bar.maximum() - 2
        keep = bar.value()

        # Why runs: every Qt call may have to win the GIL back from a thousand busy threads,
        # so consecutive lines that look alike go in as one insertText. In a flood, older
        # prints are grouped regardless of colour; the newest FORMATTED_LINES and every lock
        # or error line keep their own look.
        runs: list[tuple[list[str], QTextCharFormat]] = []
        plain_until = len(events) - FORMATTED_LINES
        for i, event in enumerate(events):
            text, fmt = self._line(event)
            if i < plain_until and event.kind == "print":
                fmt = self._plain_fmt
            if runs and runs[-1][1] is fmt:
                runs[-1][0].append(text)
            else:
                runs.append(([text], fmt))

        cursor = QTextCursor(self.text.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.beginEditBlock()  # one layout pass for the whole batch
        first = self.text.document().isEmpty()
        for lines, fmt in runs:
            text = "\n".join(lines)
            cursor.insertText(text if first else "\n" + text, fmt)
            first = False
        cursor.endEditBlock()
        self._trim()

        if follow:
            bar.setValue(bar.maximum())
        else:
            bar.setValue(min(keep, bar.maximum()))
        self._update_status()

    def _trim(self) -> None:
        """Keep at most max_lines: past it, drop the oldest lines down to 90 % in one cut."""
        doc = self.text.document()
        if doc.blockCount() <= self.max_lines:
            return
        drop = doc.blockCount() - self.max_lines + self.max_lines // 10
        cursor = QTextCursor(doc)
        cursor.setPosition(doc.findBlockByNumber(drop).position(), QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()

    def _line(self, event: LogEvent) -> tuple[str, QTextCharFormat]:
        time = f"{event.t:8.3f} s  "
        if event.kind == "print":
            return time + event.text, self._thread_fmt(event.thread)
        if event.kind == "lock":
            return f"{time}■ {event.thread}: {event.text}", self._lock_fmt
        if event.kind == "error":
            return f"{time}✖ ERROR  {event.text}", self._error_fmt
        return f"{time}{event.thread}: {event.text}", self._other_fmt

    def _thread_fmt(self, thread: str) -> QTextCharFormat:
        fmt = self._thread_fmts.get(thread)
        if fmt is None:
            number = _thread_number(thread)
            fmt = _fmt(theme.text_colour_for_thread(number), bold=number == 0)
            self._thread_fmts[thread] = fmt
        return fmt

    def _update_status(self, ended: str | None = None) -> None:
        shown = self.text.document().blockCount() if self._total else 0
        if self._total > shown:
            text = translate("Console", "Showing the last {shown} of {total} lines.").format(
                shown=number(shown), total=number(self._total))
        else:
            text = translate("Console", "{total} lines, in the order they happened.").format(
                total=number(self._total))
        if ended:
            text += " " + {"finished": translate("Console", "The run finished."),
                           "stopped": translate("Console", "The run stopped."),
                           "failed": translate("Console", "The run failed.")}.get(ended, ended)
        self._status.setText(text)


def _thread_number(name: str) -> int:
    """1 for "Thread 1", 0 for "Main" or anything else."""
    head, _, number = name.rpartition(" ")
    return int(number) if head == "Thread" and number.isdigit() else 0


def _fmt(colour: str, *, background: QColor | None = None, bold: bool = False, italic: bool = False) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setForeground(QColor(colour))
    if background is not None:
        fmt.setBackground(background)
    if bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    fmt.setFontItalic(italic)
    return fmt

