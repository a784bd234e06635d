"""The file pane: the shared file of the file experiment as it grows, torn lines flagged."""

from __future__ import annotations

import functools
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    QUrl,
)
from PySide6.QtGui import QBrush, QColor, QDesktopServices, QFont, QPalette
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from thread_lab.engine import Run, RunResult, Snapshot
from thread_lab.engine.run import INTACT_LINE, describe_error
from thread_lab.gui import theme
from thread_lab.gui.i18n import number

MAX_SHOWN_LINES = 2_000
# Per tick: counting the whole lines of 128 KB (~6,500 lines) takes about 2 ms; a file that
# grows faster than 128 KB × 60 a second is shown a little late, never slowly.
MAX_READ_BYTES = 128 * 1024
CHECK_EVERY = 30  # ticks between checks that the file at the path is still the one being read
TORN_MARK = "⚠"
translate = QCoreApplication.translate

# The engine's own definition of a whole line, applied to a whole chunk at once in C:
# counting 13,000 lines this way takes well under a millisecond.
_INTACT_IN_CHUNK = re.compile(("^" + INTACT_LINE.pattern + "$").encode(), re.MULTILINE)
_LEADING_THREAD = re.compile(r"Thread (\d+):")


@dataclass(frozen=True)
class FileLine:
    """One line of the shared file as shown."""

    text: str
    thread: int  # the thread named at the start of the line, 0 if none
    torn: bool


@functools.lru_cache(maxsize=4096)
def classify(raw: bytes) -> FileLine:
    """Decode one line of the file and say whose it is and whether it is torn."""
    text = raw.decode("utf-8", errors="replace")
    lead = _LEADING_THREAD.match(text)
    return FileLine(text, int(lead.group(1)) if lead else 0, INTACT_LINE.fullmatch(text) is None)


class _LinesModel(QAbstractListModel):
    """The last lines of the file. Qt asks only for the rows on screen, so 2,000 cost nothing.

    Rows are kept as raw bytes and decoded only when Qt shows them: a tick that brings
    thousands of lines costs a list slice, not thousands of Python calls.
    """

    def __init__(self, cap: int) -> None:
        super().__init__()
        self.cap = cap
        self.raw: list[bytes] = []
        self._set_fonts()
        self._torn_bg = QBrush(theme.qcolour(theme.VERMILLION, 55))
        self._torn_fg = QBrush(QColor(theme.ERROR_TEXT))
        self._fg: dict[int, QBrush] = {}

    def _set_fonts(self) -> None:
        self._font = theme.mono_font()
        self._bold = theme.mono_font()
        self._bold.setWeight(QFont.Weight.Bold)

    @property
    def rows(self) -> list[FileLine]:
        """The shown lines, decoded (for tests and export; the view never needs all)."""
        return [classify(raw) for raw in self.raw]

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt's name
        """Qt: how many lines are shown."""
        return 0 if parent.isValid() else len(self.raw)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        """Qt: what one line looks like."""
        line = classify(self.raw[index.row()])
        if role == Qt.ItemDataRole.DisplayRole:
            # The gutter mark is the cue that does not rely on colour.
            return f"{TORN_MARK if line.torn else ' '} {line.text}"
        if role == Qt.ItemDataRole.ForegroundRole:
            if line.torn:
                return self._torn_fg
            brush = self._fg.get(line.thread)
            if brush is None:
                brush = self._fg[line.thread] = QBrush(QColor(theme.text_colour_for_thread(line.thread)))
            return brush
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._torn_bg if line.torn else None
        if role == Qt.ItemDataRole.FontRole:
            if self._font.pointSizeF() != theme.CODE_PT:  # zoomed since
                self._set_fonts()
            return self._bold if line.torn else self._font
        if role == Qt.ItemDataRole.ToolTipRole:
            if line.torn:
                return translate("FilePreview", "Torn line: another thread wrote between the two halves of a line.")
            return translate("FilePreview", "A whole line from Thread {n}.").format(n=line.thread)
        return None

    def clear(self) -> None:
        """Show no lines."""
        self.beginResetModel()
        self.raw = []
        self.endResetModel()

    def extend(self, lines: list[bytes]) -> None:
        """Append lines at the bottom, dropping the oldest beyond the cap (two Qt signals)."""
        lines = lines[-self.cap :]
        if not lines:
            return
        excess = len(self.raw) + len(lines) - self.cap
        if excess > 0:
            self.beginRemoveRows(QModelIndex(), 0, excess - 1)
            del self.raw[:excess]
            self.endRemoveRows()
        first = len(self.raw)
        self.beginInsertRows(QModelIndex(), first, first + len(lines) - 1)
        self.raw.extend(lines)
        self.endInsertRows()


class FilePreview(QWidget):
    """Shows the file the threads write to, line by line as it grows, torn lines flagged."""

    def __init__(self, parent: QWidget | None = None, *, max_lines: int = MAX_SHOWN_LINES) -> None:
        super().__init__(parent)
        self._run: Run | None = None
        self._path: Path | None = None
        self._handle = None  # the shared file, opened for reading while the pane reads it
        self._reset_reading()
        self._finished = False

        self.hint = QLabel(translate(
            "FilePreview",
            "This pane shows the shared file of the “file” experiment: choose that experiment "
            "to watch threads write lines into one file, and see lines torn when the lock is off."
        ))
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setStyleSheet(theme.text_css(colour=theme.MUTED, extra="padding: 24px;"))

        self.path_field = QLineEdit()
        self.path_field.setReadOnly(True)  # read-only still lets people select and copy it
        self.path_field.setStyleSheet(theme.text_css(theme.SMALL_PT))
        self.path_field.setPlaceholderText(translate("FilePreview", "the shared file appears here when the run starts"))
        self.path_field.setAccessibleName(translate("FilePreview", "Path of the shared file"))
        self.open_button = QPushButton(translate("FilePreview", "Open folder"))
        self.save_button = QPushButton(translate("FilePreview", "Save as…"))
        for button in (self.open_button, self.save_button):
            button.setEnabled(False)
        self.open_button.clicked.connect(self.open_folder)
        self.save_button.clicked.connect(self.save_as)

        self.counts = QLabel()
        self.counts.setStyleSheet(theme.text_css(theme.TITLE_PT, bold=True))
        self.counts.setWordWrap(True)  # a narrow pane wraps the counts instead of clipping them
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()

        self.model = _LinesModel(max_lines)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setUniformItemSizes(True)  # constant row height: Qt lays out 2,000 rows in O(1)
        self.view.setFont(theme.mono_font())
        self.view.setSelectionMode(QListView.SelectionMode.ExtendedSelection)
        self.view.setAccessibleName(translate("FilePreview", "Lines of the shared file"))
        pal = self.view.palette()
        pal.setColor(QPalette.ColorRole.Base, QColor(theme.BACKGROUND))
        self.view.setPalette(pal)

        top = QHBoxLayout()
        path_label = QLabel(translate("FilePreview", "File:"))
        top.addWidget(path_label)
        top.addWidget(self.path_field, 1)
        top.addWidget(self.open_button)
        top.addWidget(self.save_button)

        page = QWidget()
        body = QVBoxLayout(page)
        body.setContentsMargins(0, 0, 0, 0)
        body.addLayout(top)
        body.addWidget(self.counts)
        body.addWidget(self.message)
        body.addWidget(self.view, 1)

        self.pages = QStackedWidget()
        self.pages.addWidget(self.hint)
        self.pages.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

        # Why a timer of our own: once the run ends no more snapshots come, but a big file
        # may still have unread lines; they are read a chunk per tick so the window stays smooth.
        self._drain = QTimer(self)
        self._drain.setInterval(15)
        self._drain.timeout.connect(self._drain_step)
        self._update_counts()

    # -- the view contract --------------------------------------------------------------

    def begin(self, run: Run) -> None:
        """Show the file pane for a file run, or the hint for the other experiments."""
        self._drain.stop()
        self._run = run
        self._path = None
        self._finished = False
        self._reset_reading()
        self.model.clear()
        self.message.hide()
        self.path_field.clear()
        self.open_button.setEnabled(False)
        self.save_button.setEnabled(False)
        self.pages.setCurrentIndex(1 if run.config.experiment == "file" else 0)
        self._update_counts()

    def show_snapshot(self, snap: Snapshot) -> None:
        """Read what the threads appended since the last tick (at most MAX_READ_BYTES)."""
        if self._run is not None and self._run.config.experiment == "file":
            self._read_more()

    def finish(self, result: RunResult) -> None:
        """Read the rest of the file, a chunk per timer tick, then count the last line."""
        if self._run is None or self._run.config.experiment != "file":
            return
        self._finished = True
        if self._path is None and result.path:
            self._set_path(Path(result.path))
        self._drain_step()
        if not self.caught_up:
            self._drain.start()

    # -- reading it back ------------------------------------------------------------------

    @property
    def intact(self) -> int:
        """Whole lines read so far (exactly `Thread i: line j`)."""
        return self._intact

    @property
    def torn(self) -> int:
        """Torn or interleaved lines read so far."""
        return self._torn

    @property
    def bytes_read(self) -> int:
        """How far into the file the pane has read."""
        return self._offset

    @property
    def caught_up(self) -> bool:
        """True once the run ended and the whole file has been read (or reading stopped)."""
        return self._finished and (self._gone or self._at_end)

    @property
    def path(self) -> Path | None:
        """The shared file being shown."""
        return self._path

    # -- the buttons --------------------------------------------------------------------

    def open_folder(self) -> None:
        """Open the folder of the shared file in the system's file manager."""
        if self._path is None:
            return
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._path.parent))):
            self._say(translate("FilePreview", "Could not open the folder {folder}.").format(
                folder=self._path.parent), error=True)

    def save_as(self) -> None:
        """Ask where to save a copy of the shared file, then copy it there."""
        if self._path is None:
            return
        start = str(Path.home() / self._path.name)
        dest, _ = QFileDialog.getSaveFileName(
            self, translate("FilePreview", "Save a copy of the shared file"), start,
            translate("FilePreview", "Text files (*.txt);;All files (*)")
        )
        if not dest:
            return  # cancelled
        try:
            shutil.copyfile(self._path, dest)
        except OSError as exc:  # unwritable folder, full disk, the file deleted meanwhile…
            self._say(translate("FilePreview", "Could not save a copy to {dest}: {reason}").format(
                dest=dest, reason=describe_error(exc)), error=True)
        else:
            self._say(translate("FilePreview", "Saved a copy to {dest}").format(dest=dest), error=False)

    # -- inside -------------------------------------------------------------------------

    def _reset_reading(self) -> None:
        self._close()
        self._ticks = 0
        self._offset = 0
        self._pending = b""  # the start of a line whose newline has not been written yet
        self._identity: tuple[int, int] | None = None
        self._intact = 0
        self._torn = 0
        self._seen: set[tuple[bytes, bytes]] = set()
        self._gone = False  # the file was deleted or replaced: stop reading, keep what we have
        self._at_end = False

    def _set_path(self, path: Path) -> None:
        self._path = path
        self.path_field.setText(str(path))
        self.path_field.setCursorPosition(len(str(path)))  # the file name matters most
        self.open_button.setEnabled(True)
        self.save_button.setEnabled(True)

    def _read_more(self) -> None:
        if self._path is None:
            shared = self._run.file if self._run is not None else None
            if shared is None:
                return  # the run has not opened its file yet
            self._set_path(shared.path)
        if self._gone:
            return
        try:
            if self._handle is None:
                self._handle = open(self._path, "rb", buffering=0)  # noqa: SIM115 - kept open
                info = os.fstat(self._handle.fileno())
                self._identity = (info.st_dev, info.st_ino)
            self._ticks += 1
            # Why the path is checked only twice a second: every system call lets the busy
            # threads take the GIL, and the window waits to get it back. One read per tick.
            if self._finished or self._ticks % CHECK_EVERY == 0:
                info = os.stat(self._path)
                if (info.st_dev, info.st_ino) != self._identity:
                    return self._lost(translate("FilePreview", "The shared file was replaced by another file; showing the lines read before."))
                if info.st_size < self._offset:
                    return self._lost(translate("FilePreview", "The shared file was cut short by someone else; showing the lines read before."))
            data = self._handle.read(MAX_READ_BYTES) or b""
        except FileNotFoundError:
            return self._lost(translate("FilePreview", "The shared file was deleted; showing the lines read before."))
        except OSError as exc:
            return self._lost(translate("FilePreview", "The shared file cannot be read: {reason}; showing the lines read before.").format(
                reason=describe_error(exc)))
        self._offset += len(data)
        self._at_end = len(data) < MAX_READ_BYTES  # a short read: nothing more for now
        self._take(data)
        if self.caught_up:
            self._close()

    def _close(self) -> None:
        # Closed once the run is over and read: an open handle would keep Windows from
        # deleting or moving the file.
        if self._handle is not None:
            self._handle.close()
            self._handle = None

    def _take(self, data: bytes) -> None:
        data = self._pending + data
        cut = data.rfind(b"\n") + 1
        complete, self._pending = data[:cut], data[cut:]
        if self._finished and self._at_end and self._pending:
            # The run is over: a last line without a newline is a line too (as the engine counts).
            complete, self._pending = complete + self._pending + b"\n", b""
        if not complete:
            return
        total = complete.count(b"\n")
        # As the engine counts: a whole-looking line that repeats an earlier one is a
        # stitched tear (one thread's first half, another's second half).
        fresh = set(_INTACT_IN_CHUNK.findall(complete)) - self._seen
        self._seen |= fresh
        intact = len(fresh)
        self._intact += intact
        self._torn += total - intact
        # Only the lines that can stay on screen are split off; they are decoded when shown.
        lines = complete.rsplit(b"\n", self.model.cap + 1)[1:-1] if total > self.model.cap else complete.split(b"\n")[:-1]
        bar = self.view.verticalScrollBar()
        follow = bar.value() >= bar.maximum() - 1
        self.model.extend(lines)
        if follow:
            self.view.scrollToBottom()
        self._update_counts()

    def _drain_step(self) -> None:
        self._read_more()
        if self.caught_up:
            self._drain.stop()
            self._update_counts()

    def _lost(self, message: str) -> None:
        self._close()
        self._gone = True
        self._say(message, error=True)
        self._update_counts()

    def _say(self, text: str, *, error: bool) -> None:
        mark = "✖" if error else "✓"
        colour = theme.ERROR_TEXT if error else theme.readable(theme.BLUISH_GREEN)
        self.message.setText(f"{mark} {text}")
        self.message.setStyleSheet(theme.text_css(theme.SMALL_PT, bold=True, colour=colour))
        self.message.show()

    def _update_counts(self) -> None:
        expected = self._run.config.total_increments if self._run is not None else 0
        text = translate("FilePreview", "✓ {whole} whole lines    {mark} {torn} torn lines").format(
            whole=number(self._intact), mark=TORN_MARK, torn=number(self._torn))
        if expected:
            text += "    " + translate("FilePreview", "({n} expected)").format(n=number(expected))
        if self._finished and not self.caught_up:
            text += "  " + translate("FilePreview", "reading…")
        self.counts.setText(text)
