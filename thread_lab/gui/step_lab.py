"""Be the scheduler: a lab page where you decide which real thread does its next operation.

The page drives a `StepRun` (engine/stepping.py). Its threads never touch a widget: the page
reads `step_snapshot()` from a timer in the GUI thread, and the run's end arrives as a queued Qt
signal through a `RunBridge`. Granting a step is a call from the GUI thread that only sets a
flag under the gate's lock; it never waits for the thread.
"""

from __future__ import annotations

import random
from pathlib import Path

from PySide6.QtCore import QRectF, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QKeySequence, QPainter, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSlider,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from thread_lab.engine import ConfigError, RunConfig, RunError
from thread_lab.engine.bytecode import LessonCode, explain, lesson_code
from thread_lab.engine.challenges import CHALLENGES, Challenge
from thread_lab.engine.recording import (
    Recording,
    RecordingError,
    Replay,
    load_recording,
    save_recording,
)
from thread_lab.engine.stepping import MAX_STEP_THREADS, StepError, StepRun, StepSnapshot, ThreadView
from thread_lab.gui import theme
from thread_lab.gui.bridge import RunBridge
from thread_lab.gui.code_view import CodeEdit, LineMark

REFRESH_MS = 33  # 30 Hz: a step shows within a frame of the click
SPEEDS = (0.5, 1.0, 2.0, 4.0, 8.0, 20.0)  # auto-play, steps per second
DEFAULT_SPEED = 2  # index into SPEEDS: 2 steps a second, slow enough to narrate
FREE_SLEEP = 0.005  # a free run's pause between read and write: the race shows, the run is quick
MAX_EVENTS_SHOWN = 5000

# (experiment, plain, what the menu says)
LESSONS = (
    ("counter", False, "Counter: read → pause → write"),
    ("counter", True, "Counter: the bare counter += 1"),
    ("file", False, "File: a line in two halves"),
)

STATUS_TEXT = {
    "ready": "waiting for you",
    "moving": "moving to its next step…",
    "running": "running freely",
    "done": "done",
    "left": "stopped at the gate",
}


def _css(pt: int | None = None, *, bold: bool = False, colour: str | None = None, extra: str = "") -> str:
    """A label's style sheet; `pt` defaults to the body size in use now (zoom changes it)."""
    return theme.text_css(theme.FONT_PT if pt is None else pt, bold=bold, colour=colour, extra=extra)


def _restyle(widget: QWidget, css: str) -> None:
    """Set a style sheet only when it changes: restyling 30 times a second costs layout work."""
    if widget.styleSheet() != css:
        widget.setStyleSheet(css)


def _banner_css(fill: str) -> str:
    """White bold text on `fill` darkened for white text: readable on either palette."""
    return _css(theme.TITLE_PT, bold=True, colour="white",
                extra=f"background: {theme.readable_on_white(fill)}; padding: 10px; border-radius: 6px;")


class ChipCodeEdit(CodeEdit):
    """A read-only code pane that draws, after chosen lines, one coloured chip per thread."""

    def __init__(self, *, python: bool = True) -> None:
        super().__init__()
        if not python:
            self.highlighter.setDocument(None)  # bytecode is not Python: no keyword colours
        self.chips: dict[int, list[tuple[str, str]]] = {}  # line → [(text, colour)]
        self._chip_font = theme.ui_font(theme.SMALL_PT, bold=True)

    def set_chips(self, chips: dict[int, list[tuple[str, str]]]) -> None:
        """Show these chips (line → [(text, colour)]) and no others."""
        if chips != self.chips:
            self.chips = chips
            self.viewport().update()

    def chip_texts(self, line: int) -> list[str]:
        """The chip texts drawn after `line` (for tests and tooltips)."""
        return [text for text, _ in self.chips.get(line, [])]

    def visible_lines(self) -> int:
        """How many whole lines the pane shows."""
        return max(1, self.viewport().height() // max(1, self.fontMetrics().lineSpacing()))

    def reveal(self, lines: list[int], focus: int) -> None:
        """Scroll so that all of `lines` are on screen if they fit, else at least `focus`."""
        bar = self.verticalScrollBar()  # a QPlainTextEdit scrolls by lines
        visible = self.visible_lines()
        first, last = min(lines + [focus]), max(lines + [focus])
        if bar.value() <= first and last < bar.value() + visible:
            return
        if last - first < visible:
            bar.setValue(max(0, first - max(0, (visible - (last - first) - 1) // 2)))
        elif not bar.value() <= focus < bar.value() + visible:
            bar.setValue(max(0, focus - visible // 3))

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Draw the code and the marks, then the chips after their lines."""
        super().paintEvent(event)
        if not self.chips:
            return
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self._chip_font.pointSizeF() != theme.SMALL_PT:  # zoomed since
            self._chip_font = theme.ui_font(theme.SMALL_PT, bold=True)
        painter.setFont(self._chip_font)
        metrics = self.fontMetrics()
        chip_metrics = painter.fontMetrics()
        offset = self.contentOffset()
        for line, chips in self.chips.items():
            block = self.document().findBlockByNumber(line)
            if not block.isValid():
                continue
            geometry = self.blockBoundingGeometry(block).translated(offset)
            if geometry.bottom() < 0 or geometry.top() > self.viewport().height():
                continue
            x = offset.x() + self.document().documentMargin() + metrics.horizontalAdvance(block.text()) + 18
            total = sum(chip_metrics.horizontalAdvance(text) + 22 for text, _ in chips)
            x = max(8.0, min(x, self.viewport().width() - total - 4))  # a long line: chips stay in sight
            for text, colour in chips:
                w = chip_metrics.horizontalAdvance(text) + 16
                rect = QRectF(x, geometry.top() + 1, w, geometry.height() - 2)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(colour))
                painter.drawRoundedRect(rect, 6, 6)
                painter.setPen(QColor("#FFFFFF"))
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
                x += w + 6
        painter.end()


SHORT_OPS = {"read": "read", "acquire": "lock", "release": "unlock"}


class ThreadCard(QFrame):
    """One thread in the scheduler's seat: its next operation, what it holds, and a Step button.

    `compact` cards (more than 4 threads) say the same in a few words, three to a row.
    """

    stepRequested = Signal(int)

    def __init__(self, number: int, parent: QWidget | None = None, *, compact: bool = False) -> None:
        super().__init__(parent)
        self.number = number
        self.compact = compact
        self.setObjectName(f"threadCard{number}")
        colour = theme.colour_for_thread(number)
        self._text_colour = theme.text_colour_for_thread(number)
        self._frame = (f"QFrame#threadCard{number} {{ border: 4px solid {colour}; border-radius: 10px; "
                       f"background: {theme.BACKGROUND}; }}")
        self._frame_next = (f"QFrame#threadCard{number} {{ border: 6px dashed {theme.FOREGROUND}; "
                            f"border-radius: 10px; background: {theme.BACKGROUND}; }}")
        self.setStyleSheet(self._frame)
        self.title = QLabel(f"Thread {number}")
        self.title.setStyleSheet(_css(theme.TITLE_PT, bold=True, colour=self._text_colour))
        self.key = QLabel(f"key {number}")
        self.key.setStyleSheet(_css(theme.SMALL_PT, colour=theme.MUTED))
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.next = QLabel("")
        self.next.setWordWrap(True)
        self.next.setStyleSheet(_css(theme.FONT_PT + 2, bold=True))
        self.holds = QLabel("")
        self.holds.setWordWrap(True)
        self.holds.setStyleSheet(_css())
        self.button = QPushButton(f"▶  {number}" if compact else f"▶  Step {number}")
        self.button.setObjectName("stepButton")
        # White on the thread's colour darkened for white text: readable on either palette.
        fill = theme.readable_on_white(colour)
        self.button.setStyleSheet(
            f"QPushButton {{ font-size: {theme.FONT_PT}pt; font-weight: bold; padding: 8px 14px; "
            f"border-radius: 6px; border: 2px solid {theme.FOREGROUND}; background: {fill}; color: white; }}"
            f"QPushButton:disabled {{ background: {theme.SURFACE_DISABLED}; color: {theme.TEXT_DISABLED}; "
            f"border-color: {theme.BORDER_DISABLED}; }}"
        )
        self.button.clicked.connect(self._clicked)
        if compact:
            layout = QVBoxLayout(self)
            layout.setContentsMargins(8, 4, 8, 6)
            layout.setSpacing(1)
            for w in (self.title, self.next, self.holds, self.status, self.button):
                layout.addWidget(w)
            self.key.hide()
            self._next_in_replay = False
            return
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.key)
        layout = QGridLayout(self)
        layout.setContentsMargins(12, 6, 12, 8)
        layout.setVerticalSpacing(2)
        layout.addLayout(top, 0, 0, 1, 2)
        layout.addWidget(self.next, 1, 0, 1, 2)
        layout.addWidget(self.holds, 2, 0)
        layout.addWidget(self.status, 3, 0)
        layout.addWidget(self.button, 2, 1, 2, 1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        layout.setColumnStretch(0, 1)
        self._next_in_replay = False

    def show_view(self, view: ThreadView, can_step: bool, reason: str, next_in_replay: bool) -> None:
        """Show the thread as the scheduler sees it now."""
        self.button.setEnabled(can_step)
        self.button.setToolTip(reason or f"Let Thread {self.number} do its next operation (key {self.number}).")
        if view.local is not None:
            holds = f"Holds {view.local}" if self.compact else f"Holds {view.local} (what it read)"
        elif view.mid_line:
            holds = "Half a line" if self.compact else "Half a line written"
        else:
            holds = "" if self.compact else "Holds nothing"
        if view.status == "blocked":
            owner = reason.rsplit(": ", 1)[-1] if reason else "another thread holds it"
            status = "BLOCKED" if self.compact else f"BLOCKED at the lock: {owner}"
            _restyle(self.status, _css(bold=True, colour=theme.ERROR_TEXT))
        else:
            status = STATUS_TEXT.get(view.status, view.status)
            if view.holds_lock:
                status = "HOLDS LOCK" if self.compact else status + " · HOLDS THE LOCK"
            _restyle(self.status, _css(colour=theme.MUTED))
        if next_in_replay:
            status = ("NEXT · " if self.compact else "NEXT IN THE RECORDING · ") + status
        self.status.setText(status)
        self.holds.setText(holds)
        next_text = self._short(view) if self.compact else view.next_text()
        self.next.setText(f"Next: {next_text}" if next_text else ("Finished." if view.status == "done" else ""))
        if next_in_replay != self._next_in_replay:
            self._next_in_replay = next_in_replay
            self.setStyleSheet(self._frame_next if next_in_replay else self._frame)

    @staticmethod
    def _short(view: ThreadView) -> str:
        if view.op is None:
            return ""
        if view.op == "write":
            return f"write {view.detail}"
        if view.op == "file":
            return "2nd half" if view.mid_line else "1st half"
        return SHORT_OPS[view.op]

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Clicking anywhere on the card steps its thread, like its button."""
        if event.button() == Qt.MouseButton.LeftButton and self.button.isEnabled():
            self._clicked()
        super().mousePressEvent(event)

    @Slot()
    def _clicked(self) -> None:
        self.stepRequested.emit(self.number)


class StepLab(QWidget):
    """The "Be the scheduler" page: step real threads, watch the race, record and replay it."""

    runFinished = Signal(object)  # RunResult, after the page has shown it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.run: StepRun | None = None
        self._bridge: RunBridge | None = None
        self._cursor = 0
        self.recording: Recording | None = None  # the last run's, or the one loaded
        self._replay: Replay | None = None
        self._challenge: Challenge | None = None
        self.met: set[str] = set()
        self._rng = random.Random()
        self._code: LessonCode | None = None
        self._code_key = None
        self.cards: list[ThreadCard] = []
        self.last_snapshot: StepSnapshot | None = None
        self._shown = None  # the result already shown
        self._halves = self._tears = 0

        self._make_widgets()
        self._layout()
        self._connect()
        self._refresh = QTimer(self)
        self._refresh.setInterval(REFRESH_MS)
        self._refresh.timeout.connect(self._tick)
        self._player = QTimer(self)
        self._player.timeout.connect(self._play_tick)
        self._set_speed(DEFAULT_SPEED)
        self._show_lesson()
        self._set_running(False)
        self.say("Choose a lesson and press Start stepping, or try a challenge.")

    # -- building ------------------------------------------------------------------------

    def _make_widgets(self) -> None:
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner.hide()

        self.lesson = QComboBox()
        for _, _, text in LESSONS:
            self.lesson.addItem(text)
        self.threads = QSpinBox()
        self.threads.setRange(1, MAX_STEP_THREADS)
        self.threads.setValue(2)
        self.iterations = QSpinBox()
        self.iterations.setRange(1, 100)
        self.iterations.setValue(2)
        self.iterations_label = QLabel("Increments each")
        self.lock = QCheckBox("Lock on")
        self.start_button = QPushButton("Start stepping")
        self.start_button.setObjectName("startButton")
        self.free_button = QPushButton("Run freely")
        self.free_button.setToolTip("The threads run by themselves, with real pauses; their order is recorded.")
        self.stop_button = QPushButton("Stop")
        self.stop_button.setObjectName("stopButton")

        self.next_button = QPushButton("Next step (N)")
        self.next_button.setToolTip("The scheduler picks a thread for you (in a replay: the recording's next).")
        self.play_button = QPushButton("▶ Play (P)")
        self.play_button.setCheckable(True)
        self.speed = QSlider(Qt.Orientation.Horizontal)
        self.speed.setRange(0, len(SPEEDS) - 1)
        self.speed.setValue(DEFAULT_SPEED)
        self.speed.setMinimumWidth(160)
        self.speed_label = QLabel()
        self.save_button = QPushButton("Save recording…")
        self.load_button = QPushButton("Load recording…")
        self.replay_button = QPushButton("Replay")
        self.recording_label = QLabel("No recording yet: every run records its interleaving.")
        self.recording_label.setWordWrap(True)
        self.recording_label.setStyleSheet(_css(theme.SMALL_PT, colour=theme.MUTED))

        self.counter_title = QLabel("Shared counter")
        self.counter_title.setStyleSheet(_css(theme.TITLE_PT, bold=True))
        self.counter_value = QLabel("0")
        self.counter_value.setObjectName("stepCounter")
        self.counter_value.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.counter_value.setStyleSheet(_css(56, bold=True, extra=(
            f"border: 3px solid {theme.FOREGROUND}; border-radius: 10px; background: {theme.BACKGROUND}; "
            "padding: 4px 24px;")))
        self.counter_note = QLabel("")
        self.counter_note.setWordWrap(True)
        self.counter_note.setStyleSheet(_css(theme.FONT_PT + 2, bold=True))
        self.file_view = QPlainTextEdit()
        self.file_view.setReadOnly(True)
        self.file_view.setFont(theme.mono_font())
        self.file_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.file_view.setMaximumHeight(200)
        self.file_view.hide()

        self.cards_box = QWidget()
        self.cards_grid = QGridLayout(self.cards_box)
        self.cards_grid.setContentsMargins(0, 0, 0, 0)
        self.cards_grid.setSpacing(10)

        self.code_title = QLabel("Thread code")
        self.code_title.setStyleSheet(_css(bold=True))
        self.code = ChipCodeEdit()
        self.bytecode_title = QLabel("Bytecode")
        self.bytecode_title.setWordWrap(True)
        self.bytecode_title.setStyleSheet(_css(bold=True))
        self.bytecode = ChipCodeEdit(python=False)
        self.explain_title = QLabel("Why a read and a write are two steps")
        self.explain_title.setStyleSheet(_css(bold=True))
        self.explain = QLabel("")
        self.explain.setWordWrap(True)
        self.explain.setStyleSheet(_css(extra=f"border-left: 4px solid {theme.MUTED}; padding-left: 8px;"))

        self.callout = QLabel("")
        self.callout.setObjectName("stepCallout")
        self.callout.setWordWrap(True)
        self.callout.setStyleSheet(_banner_css(theme.VERMILLION))
        self.callout.hide()
        self.events_title = QLabel("What happened, in order")
        self.events_title.setStyleSheet(_css(bold=True))
        self.events = QListWidget()
        self.events.setWordWrap(True)
        self.events.setStyleSheet(_css())

        self.challenge_list = QListWidget()
        self.challenge_list.setStyleSheet(_css())
        for c in CHALLENGES:
            item = QListWidgetItem(f"☐  {c.title}")
            item.setData(Qt.ItemDataRole.UserRole, c.key)
            self.challenge_list.addItem(item)
        self.challenge_list.setCurrentRow(0)
        self.challenge_goal = QLabel("")
        self.challenge_goal.setWordWrap(True)
        self.challenge_goal.setStyleSheet(_css(bold=True))
        self.challenge_hint = QLabel("")
        self.challenge_hint.setWordWrap(True)
        self.challenge_hint.setStyleSheet(_css(theme.SMALL_PT, colour=theme.MUTED))
        self.challenge_hint.hide()
        self.try_button = QPushButton("Try it")
        self.hint_button = QPushButton("Hint")

        self.status = QLabel("")
        self.status.setObjectName("stepStatus")
        self.status.setWordWrap(True)
        self.status.setStyleSheet(_css(bold=True, colour=theme.FOREGROUND))

    def _layout(self) -> None:
        row1 = QHBoxLayout()
        row1.addWidget(self.lesson)
        row1.addSpacing(12)
        row1.addWidget(QLabel("Threads"))
        row1.addWidget(self.threads)
        row1.addSpacing(12)
        row1.addWidget(self.iterations_label)
        row1.addWidget(self.iterations)
        row1.addSpacing(12)
        row1.addWidget(self.lock)
        row1.addStretch(1)
        row1.addWidget(self.start_button)
        row1.addWidget(self.free_button)
        row1.addWidget(self.stop_button)

        row2 = QHBoxLayout()
        row2.addWidget(self.next_button)
        row2.addWidget(self.play_button)
        row2.addWidget(QLabel("Speed"))
        row2.addWidget(self.speed)
        row2.addWidget(self.speed_label)
        row2.addSpacing(18)
        row2.addWidget(self.save_button)
        row2.addWidget(self.load_button)
        row2.addWidget(self.replay_button)
        row2.addWidget(self.recording_label, 1)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 8, 0)
        left_layout.addWidget(self.counter_title)
        left_layout.addWidget(self.counter_value)
        left_layout.addWidget(self.file_view)
        left_layout.addWidget(self.counter_note)
        left_layout.addSpacing(6)
        left_layout.addWidget(self.cards_box)
        left_layout.addSpacing(10)
        left_layout.addWidget(self.explain_title)
        left_layout.addWidget(self.explain)
        left_layout.addStretch(1)
        left_scroll = QScrollArea()
        left_scroll.setWidget(left)
        left_scroll.setWidgetResizable(True)
        left_scroll.setFrameShape(QFrame.Shape.NoFrame)
        left_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        left_scroll.setMinimumWidth(380)

        code_box = QWidget()
        code_layout = QVBoxLayout(code_box)
        code_layout.setContentsMargins(0, 0, 0, 0)
        code_layout.addWidget(self.code_title)
        code_layout.addWidget(self.code, 1)
        byte_box = QWidget()
        byte_layout = QVBoxLayout(byte_box)
        byte_layout.setContentsMargins(0, 0, 0, 0)
        byte_layout.addWidget(self.bytecode_title)
        byte_layout.addWidget(self.bytecode, 1)
        middle = self.middle = QSplitter(Qt.Orientation.Vertical)
        middle.addWidget(code_box)
        middle.addWidget(byte_box)
        middle.setSizes([420, 520])
        middle.setMinimumWidth(420)

        challenges = QWidget()
        ch_layout = QVBoxLayout(challenges)
        ch_layout.setContentsMargins(0, 0, 0, 0)
        ch_title = QLabel("Challenges")
        ch_title.setStyleSheet(_css(bold=True))
        ch_layout.addWidget(ch_title)
        ch_layout.addWidget(self.challenge_list, 1)
        ch_layout.addWidget(self.challenge_goal)
        ch_layout.addWidget(self.challenge_hint)
        buttons = QHBoxLayout()
        buttons.addWidget(self.try_button)
        buttons.addWidget(self.hint_button)
        buttons.addStretch(1)
        ch_layout.addLayout(buttons)
        events = QWidget()
        ev_layout = QVBoxLayout(events)
        ev_layout.setContentsMargins(0, 0, 0, 0)
        ev_layout.addWidget(self.callout)
        ev_layout.addWidget(self.events_title)
        ev_layout.addWidget(self.events, 1)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(events)
        right.addWidget(challenges)
        right.setSizes([560, 340])
        right.setMinimumWidth(360)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left_scroll)
        split.addWidget(middle)
        split.addWidget(right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setStretchFactor(2, 2)
        split.setSizes([520, 820, 560])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.banner)
        layout.addLayout(row1)
        layout.addLayout(row2)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)

    def _connect(self) -> None:
        self.start_button.clicked.connect(self.start_stepping)
        self.free_button.clicked.connect(self.run_freely)
        self.stop_button.clicked.connect(self.stop)
        self.next_button.clicked.connect(self.next_step)
        self.play_button.toggled.connect(self.set_playing)
        self.speed.valueChanged.connect(self._set_speed)
        self.save_button.clicked.connect(self._ask_save)
        self.load_button.clicked.connect(self._ask_load)
        self.replay_button.clicked.connect(self.replay)
        self.lesson.currentIndexChanged.connect(self._show_lesson)
        self.threads.valueChanged.connect(self._show_lesson)
        self.lock.toggled.connect(self._show_lesson)
        self.challenge_list.currentRowChanged.connect(self._show_challenge)
        self.try_button.clicked.connect(self.try_challenge)
        self.challenge_list.itemDoubleClicked.connect(self._try_item)
        self.hint_button.clicked.connect(self._show_hint)
        # Number keys step threads; N and P as the buttons say. Window shortcuts of this page
        # act only while the page is shown, and a spin box being typed into keeps its digits.
        for n in range(1, MAX_STEP_THREADS + 1):
            shortcut = QShortcut(QKeySequence(str(n)), self)
            shortcut.activated.connect(self._key_step)
            shortcut.setProperty("thread", n)
        QShortcut(QKeySequence("N"), self).activated.connect(self.next_step)
        QShortcut(QKeySequence("P"), self).activated.connect(self.play_button.toggle)
        self._show_challenge(0)

    # -- settings ------------------------------------------------------------------------

    def config(self) -> RunConfig:
        """The settings the controls show."""
        experiment, plain, _ = LESSONS[self.lesson.currentIndex()]
        return RunConfig(experiment=experiment, plain=plain, threads=self.threads.value(),
                         iterations=self.iterations.value(), lock=self.lock.isChecked(), sleep=0.0)

    def set_config(self, config: RunConfig) -> None:
        """Show these settings in the controls."""
        index = next(i for i, (e, p, _) in enumerate(LESSONS)
                     if e == config.experiment and p == (config.plain and e == "counter"))
        self.lesson.setCurrentIndex(index)
        self.threads.setValue(config.threads)
        self.iterations.setValue(config.iterations)
        self.lock.setChecked(config.lock)

    # -- actions -------------------------------------------------------------------------

    @Slot()
    def start_stepping(self, config: RunConfig | None = None) -> bool:
        """Start a run whose threads wait for you before each shared operation."""
        self._replay = None
        return self._start(config or self.config(), stepping=True)

    @Slot()
    def run_freely(self) -> bool:
        """Start a run whose threads go by themselves (real pauses), recording their order."""
        self._replay = None
        return self._start(self.config().replace(sleep=FREE_SLEEP), stepping=False)

    @Slot()
    def replay(self) -> bool:
        """Replay the recording: the same threads, granted steps in the recorded order."""
        if self.recording is None:
            self.show_error("There is no recording to replay: run, or load one, first.")
            return False
        recording = self.recording
        self.set_config(recording.config())
        if not self._start(recording.config(), stepping=True):
            return False
        self._replay = Replay(recording)
        self.say(f"Replaying {len(recording.steps)} steps. Pause any time; N takes one step.")
        self.play_button.setChecked(True)
        return True

    @Slot()
    def stop(self) -> None:
        """Stop the run: threads parked at the gate leave at once, without their step."""
        self.play_button.setChecked(False)
        if self.is_running():
            self.run.stop()
            self.say("Stopping: every thread leaves where it stands…")

    def is_running(self) -> bool:
        """True while a run has threads that have not all been joined."""
        return self.run is not None and self.run.result is None

    def stop_and_join(self, timeout: float = 5.0) -> bool:
        """Stop the run and wait for its threads (the window calls this when it closes)."""
        self._player.stop()
        if self.run is None:
            return True
        self.run.stop()
        joined = self.run.join(timeout)
        if self.run.result is not None:
            self._finished(self.run.result)
        return joined

    @Slot()
    def next_step(self) -> bool:
        """Take one step: the recording's next in a replay, otherwise a thread picked at random."""
        run = self.run
        if run is None or run.result is not None or not run.stepping:
            return False
        if self._replay is not None:
            number = self._replay.next_thread(run.gate.step_count)
            if number is None:
                self._end_of_replay()
                return False
        else:
            runnable = run.runnable()
            if not runnable:
                return False  # a thread is still moving: the next tick will try again
            number = self._rng.choice(runnable)
        return self._grant(number)

    def step_thread(self, number: int) -> bool:
        """Let thread `number` do its next operation, as clicking its card does."""
        run = self.run
        if run is None or run.result is not None:
            return False
        if not run.stepping:
            self.say("This run is free: the threads go by themselves. Start stepping to choose.")
            return False
        if self._replay is not None and number != self._replay.next_thread(run.gate.step_count):
            self._replay = None
            self.play_button.setChecked(False)
            self.say(f"You left the recording at step {run.gate.step_count + 1}: you are the scheduler now.")
        return self._grant(number)

    @Slot(bool)
    def set_playing(self, on: bool) -> None:
        """Auto-play: take a step at the chosen speed until paused, stopped or finished."""
        if on and not (self.run is not None and self.run.result is None and self.run.stepping):
            self.play_button.setChecked(False)
            return
        self.play_button.setText("❚❚ Pause (P)" if on else "▶ Play (P)")
        if on:
            self._player.start()
        else:
            self._player.stop()

    def save_to(self, path: Path) -> bool:
        """Save the recording as JSON at `path`."""
        if self.recording is None:
            self.show_error("There is nothing to save yet: a run records itself once it ends.")
            return False
        try:
            save_recording(self.recording, Path(path))
        except RecordingError as exc:
            self.show_error(str(exc))
            return False
        self.say(f"Saved {Path(path).name}: {self.recording.describe()}.")
        return True

    def load_from(self, path: Path) -> bool:
        """Load a recording (checked, never executed); a bad file gets a one-line message."""
        try:
            recording = load_recording(Path(path))
        except RecordingError as exc:
            self.show_error(str(exc))
            return False
        if self.is_running():
            self.stop_and_join()
        self.hide_banner()
        self.recording = recording
        self.set_config(recording.config())
        self._show_recording()
        self.say(f"Loaded {Path(path).name}. Press Replay to see it again, step by step.")
        return True

    @Slot()
    def try_challenge(self) -> bool:
        """Set up the chosen challenge and start stepping it."""
        item = self.challenge_list.currentItem()
        if item is None:
            return False
        chosen = next(c for c in CHALLENGES if c.key == item.data(Qt.ItemDataRole.UserRole))
        if self.is_running():
            self.stop_and_join()
        self._challenge = chosen
        self.set_config(chosen.config())
        started = self.start_stepping(chosen.config())
        if started:
            self.say(f"Challenge: {chosen.goal}")
        return started

    # -- messages ------------------------------------------------------------------------

    def say(self, text: str) -> None:
        """One line under the page: what just happened or what to do next."""
        self.status.setText(text)

    def show_error(self, message: str) -> None:
        """A problem nobody can miss: the banner, in one line."""
        self.banner.setStyleSheet(_banner_css(theme.VERMILLION))
        self.banner.setText(f"⚠  {message}")
        self.banner.show()
        self.say(message)
        QTimer.singleShot(0, self._refit)  # the banner took height from the code

    def show_success(self, message: str) -> None:
        """Good news in the banner."""
        self.banner.setStyleSheet(_banner_css(theme.BLUISH_GREEN))
        self.banner.setText(f"✔  {message}")
        self.banner.show()
        QTimer.singleShot(0, self._refit)

    def hide_banner(self) -> None:
        """Remove the banner."""
        if self.banner.isVisible():
            QTimer.singleShot(0, self._refit)
        self.banner.hide()
        self.banner.clear()

    # -- inside --------------------------------------------------------------------------

    def _start(self, config: RunConfig, *, stepping: bool) -> bool:
        if self.is_running():
            self.stop_and_join()
        self.play_button.setChecked(False)
        self.hide_banner()
        try:
            bridge = RunBridge(self)
            bridge.runFinished.connect(self._finished)
            bridge.workerFailed.connect(self._worker_failed)
            run = StepRun(config, bridge, stepping=stepping)
            run.start()
        except (ConfigError, RunError) as exc:
            self.show_error(str(exc))
            return False
        if self._challenge is not None and not self._challenge.applies(run):
            self._challenge = None
        self.run, self._bridge, self._cursor = run, bridge, 0
        self._halves = self._tears = 0
        self.last_snapshot = None
        self.events.clear()
        self.callout.hide()
        self._show_lesson(run)
        self._set_running(True)
        self._refresh.start()
        if stepping:
            self.say(f"{config.threads} real threads are waiting at their first shared operation. "
                     "Click a thread (or press its number) to let it do one step.")
        elif config.plain:
            # Honest about the cost of watching: recording makes each read and write a call.
            self.say(f"{config.threads} threads run freely; their order is recorded. Recording turns each "
                     "read and write into a call, a place CPython may switch: the bare += races more here.")
        else:
            self.say(f"{config.threads} threads run freely, with real pauses. Their order is recorded.")
        return True

    def _grant(self, number: int) -> bool:
        try:
            self.run.step(number)
        except StepError as exc:
            self.say(str(exc)[0].upper() + str(exc)[1:] + ".")
            return False
        return True

    @Slot()
    def _key_step(self) -> None:
        number = self.sender().property("thread")
        if number <= len(self.cards):
            self.step_thread(int(number))

    @Slot()
    def _play_tick(self) -> None:
        run = self.run
        if run is None or run.result is not None:
            self.play_button.setChecked(False)
            return
        if run.settled():
            self.next_step()

    @Slot(int)
    def _set_speed(self, index: int) -> None:
        speed = SPEEDS[index]
        self.speed_label.setText(f"{speed:g} step{'s' if speed != 1 else ''}/s")
        self._player.setInterval(int(1000 / speed))

    def _end_of_replay(self) -> None:
        """Every recorded step is done: the threads finish by themselves, or stop as recorded."""
        self.play_button.setChecked(False)
        if self._replay.recording.status == "stopped" and self.is_running() and not self.run.stopping.is_set():
            self.run.stop()  # the recorded run was stopped here: end the same way

    @Slot()
    def _tick(self) -> None:
        if self.run is None:
            return
        snap = self.run.step_snapshot(self._cursor)
        self._cursor = snap.cursor
        self._show_snapshot(snap)
        if self._replay is not None and snap.steps:
            problem = self._replay.difference(snap.steps)
            if problem:
                self._replay = None
                self.play_button.setChecked(False)
                self.show_error(f"The replay went another way: {problem}")

    def _show_snapshot(self, snap: StepSnapshot) -> None:
        self.last_snapshot = snap
        run = self.run
        counter = run.config.experiment == "counter"
        if counter:
            self.counter_value.setText(str(snap.counter))
            lost = f"  ·  Lost: {snap.lost}" if snap.lost else "  ·  Lost: 0"
            self.counter_note.setText(f"Increments done: {snap.writes}{lost}")
            colour = theme.readable_on_white(theme.VERMILLION) if snap.lost else theme.FOREGROUND
            _restyle(self.counter_note, _css(theme.FONT_PT + 2, bold=True, colour=colour))
        else:
            if self.file_view.toPlainText() != snap.file_text:
                self.file_view.setPlainText(snap.file_text)
                self.file_view.verticalScrollBar().setValue(self.file_view.verticalScrollBar().maximum())
        for step in snap.steps:
            self._add_event(step)
        if snap.steps and run.stepping and run.result is None:
            last = snap.steps[-1]
            self.say(f"Step {last.index}: {last.describe()}. Click a thread (or press its number) for the next step.")
        if not counter:
            halfway = sum(1 for v in snap.threads if v.mid_line)
            torn = f"  ·  Torn: {self._tears}" if self._tears else ""
            self.counter_note.setText(f"Lines finished: {(self._halves - halfway) // 2}{torn}")
        replay_next = self._replay.next_thread(snap.total_steps) if self._replay is not None else None
        for card, view in zip(self.cards, snap.threads):
            can = view.number in snap.runnable and snap.settled
            reason = "" if can else (run.gate.why_not(view.number) or "")
            # In a replay every runnable thread stays clickable: stepping another one leaves the
            # recording ("what if Thread 1 had gone here instead?"); the recording's is marked.
            card.show_view(view, can, reason, view.number == replay_next)
        self._show_positions(snap)
        if (self._replay is not None and snap.settled and self.is_running()
                and snap.total_steps == len(self._replay.recording.steps)):
            self._end_of_replay()

    def _add_event(self, step) -> None:
        if step.op == "file":
            self._halves += 1
            self._tears += len(step.tore)
        if self.events.count() >= MAX_EVENTS_SHOWN:
            return
        item = QListWidgetItem(f"{step.index:>3}.  {step.describe()}")
        item.setForeground(QColor(theme.text_colour_for_thread(step.thread)))
        headline = step.headline()
        if headline:
            item.setText(f"{step.index:>3}.  ⚠ {step.describe()}")
            item.setBackground(theme.qcolour(theme.VERMILLION, 60))
            font = item.font()
            font.setBold(True)
            item.setFont(font)
            self.callout.setText(f"⚠  Step {step.index}: {headline}.")
            self.callout.show()
        self.events.addItem(item)
        self.events.scrollToBottom()

    def _show_positions(self, snap: StepSnapshot) -> None:
        """Chips on the code and bytecode lines where each parked thread stands."""
        code = self._code
        if code is None:
            return
        code_chips: dict[int, list[tuple[str, str]]] = {}
        byte_chips: dict[int, list[tuple[str, str]]] = {}
        latest = None
        for view in snap.threads:
            if view.op is None:
                continue
            colour = theme.readable_on_white(theme.colour_for_thread(view.number))  # under white text
            line = code.line_of(view.op, view.mid_line)
            row = code.row_of(view.op, view.mid_line)
            label = f"T{view.number} ← {view.detail}" if view.op == "write" else f"T{view.number}"
            if line is not None:
                code_chips.setdefault(line, []).append((label, colour))
            if row is not None:
                byte_chips.setdefault(row, []).append((f"T{view.number}", colour))
                latest = row
        self.code.set_chips(code_chips)
        self.bytecode.set_chips(byte_chips)
        if snap.steps and latest is not None:
            last = snap.steps[-1].thread
            mine = next((v for v in snap.threads if v.number == last and v.op), None)
            if mine is not None:
                row = code.row_of(mine.op, mine.mid_line)
                line = code.line_of(mine.op, mine.mid_line)
                if row is not None:
                    self.bytecode.reveal(list(byte_chips), row)
                if line is not None and not self._show_loop():
                    self.code.reveal(list(code_chips), line)

    @Slot(object)
    def _finished(self, result) -> None:
        run = self.run
        if run is None or result is not run.result or self._shown is result:
            return  # an older run's news, or already shown
        self._shown = result
        run.join()
        self._refresh.stop()
        self._player.stop()
        self.play_button.setChecked(False)
        self._tick()
        self._set_running(False)
        try:
            self.recording = Recording.of(run)
        except RecordingError:
            self.recording = None
        replay, self._replay = self._replay, None
        self._show_recording()
        message = self._ending(run, result)
        if replay is not None:
            self._judge_replay(run, replay)
        elif self._challenge is not None and self._challenge.applies(run):
            verdict = self._challenge.judge(run)
            if verdict.met:
                self.met.add(self._challenge.key)
                self._mark_met()
                self.show_success(f"Challenge met — {self._challenge.title}: {verdict.message}")
            else:
                message = f"Not yet — {verdict.message}"
        elif result.status == "failed":
            self.show_error(result.errors[0] if result.errors else "The run failed.")
        self.say(message)
        self.runFinished.emit(result)

    def _ending(self, run: StepRun, result) -> str:
        if result.experiment == "counter":
            text = (f"{result.status.capitalize()}: {result.expected} increments, the counter says "
                    f"{result.actual}.")
            if result.lost:
                text += f" {result.lost} lost: threads overwrote each other's writes."
            return text
        text = f"{result.status.capitalize()}: {result.lines_intact} whole lines, {result.lines_torn} torn."
        self.counter_note.setText(f"Whole lines: {result.lines_intact}  ·  Torn: {result.lines_torn}")
        return text

    def _judge_replay(self, run: StepRun, replay: Replay) -> None:
        recording = replay.recording
        problem = replay.difference(run.steps())
        done = len(run.steps())
        if problem is None and done < len(recording.steps):
            problem = f"the run ended after {done} of the recording's {len(recording.steps)} steps"
        final = run.result.actual if recording.experiment == "counter" else run.result.lines_torn
        if problem is None and recording.final is not None and final != recording.final:
            problem = f"it ended at {final}, the recording at {recording.final}"
        if problem:
            self.show_error(f"The replay differs from the recording: {problem}")
            return
        what = (f"the counter ended at {final} again" if recording.experiment == "counter"
                else f"{final} torn lines again")
        self.show_success(f"Replay matched the recording: the same {done} steps in the same order, "
                          f"and {what}.")

    @Slot(str, str)
    def _worker_failed(self, thread: str, message: str) -> None:
        if self.sender() is self._bridge:
            self.show_error(message)

    def _set_running(self, running: bool) -> None:
        for w in (self.lesson, self.threads, self.iterations, self.lock, self.start_button,
                  self.free_button, self.load_button):
            w.setEnabled(not running)
        stepping = running and self.run is not None and self.run.stepping
        self.stop_button.setEnabled(running)
        self.next_button.setEnabled(stepping)
        self.play_button.setEnabled(stepping)
        self.save_button.setEnabled(not running and self.recording is not None)
        self.replay_button.setEnabled(not running and self.recording is not None)

    def _show_recording(self) -> None:
        if self.recording is None:
            self.recording_label.setText("No recording.")
        else:
            self.recording_label.setText(f"Recording: {self.recording.describe()}.")
        self._set_running(self.is_running())

    @Slot()
    def _show_lesson(self, run: StepRun | None = None) -> None:
        """Show the lesson's code, bytecode and one card per thread (idle, or for `run`)."""
        if isinstance(run, StepRun):
            cfg, cls = run.config, run.worker_class
        else:
            if self.is_running():
                return
            try:
                cfg = self.config()
            except ConfigError:
                return
            cls = StepRun(cfg).worker_class  # never started: no thread exists
        self.iterations_label.setText("Lines each" if cfg.experiment == "file" else "Increments each")
        key = (cls, cfg.lock)
        if key != self._code_key:
            self._code_key = key
            self._code = lesson_code(cls, lock=cfg.lock)
            self.code_title.setText(f"Thread code: {cls.__name__}  (the real source, running now)")
            self.code.setPlainText(self._code.source or f"# The source of {cls.__name__} is not in this build.")
            self.bytecode.setPlainText("\n".join(r.text for r in self._code.rows))
            self.bytecode_title.setText(
                "Bytecode of these lines (dis, this Python) — ◀ a step you grant · ⇄ CPython may switch"
                if self._code.rows else "Bytecode")
            self.explain.setText(explain(self._code) if self._code.rows else "")
            self.explain_title.setText("Why a read and a write are two steps" if cfg.experiment == "counter"
                                       else "Why a line can tear")
            self._mark_code(cfg.lock)
            self._fit_code()
            self._show_loop()
        counter = cfg.experiment == "counter"
        self.counter_title.setText("Shared counter" if counter else "Shared file")
        self.counter_value.setVisible(counter)
        self.file_view.setVisible(not counter)
        if not isinstance(run, StepRun):
            self.counter_value.setText("0")
            self.counter_note.setText("")
            self.file_view.clear()
            self.code.set_chips({})
            self.bytecode.set_chips({})
        self._make_cards(cfg.threads)

    def _fit_code(self) -> None:
        """Give the code pane the height of its shared lines, and the bytecode the rest."""
        code = self._code
        lines = list(code.op_lines.values()) if code else []
        total = sum(self.middle.sizes())
        if not lines or total <= 0:
            return
        need = (max(lines) - min(lines) + 4) * self.code.fontMetrics().lineSpacing()
        need += self.code_title.sizeHint().height() + 2 * self.code.frameWidth() + 12
        need = max(total // 4, min(need, total * 3 // 5))
        self.middle.setSizes([need, total - need])

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Keep the code pane fitted to the lesson's shared lines."""
        super().resizeEvent(event)
        QTimer.singleShot(0, self._refit)

    @Slot()
    def _refit(self) -> None:
        self._fit_code()
        self._show_loop()

    def _show_loop(self) -> bool:
        """Scroll the code to the loop's `with` line if the shared lines then fit; True if so."""
        code = self._code
        lines = [v for v in code.op_lines.values()] if code else []
        if not lines:
            return False
        top = max(0, min(lines) - 2)
        height = max(1, self.code.fontMetrics().lineSpacing())
        if max(lines) - top + 1 > self.code.viewport().height() // height:
            return False
        self.code.verticalScrollBar().setValue(top)
        return True

    def _mark_code(self, lock_on: bool) -> None:
        code = self._code
        marks, byte_marks = [], []
        for op in ("acquire",):
            line = code.line_of(op)
            if line is not None:
                marks.append(LineMark(line, lock_on, "" if lock_on else "lock OFF",
                                      "Lock ON: taking and releasing it are steps." if lock_on
                                      else "Lock OFF: this line does nothing now."))
        for op, row in code.op_rows.items():
            if op in ("acquire", "release"):
                byte_marks.append(LineMark(row, lock_on, "", "", strong=lock_on))
            else:
                byte_marks.append(LineMark(row, True, "", "One shared operation: one step.", strong=False))
        self.code.set_marks(marks)
        self.bytecode.set_marks(byte_marks)

    def _make_cards(self, threads: int) -> None:
        if len(self.cards) == threads:
            for card in self.cards:
                card.show_view(ThreadView(card.number, "ready", None, None, None, False, False, 0),
                               False, "Start a run first.", False)
                card.status.setText("not started")
                card.next.setText("")
            return
        for card in self.cards:
            self.cards_grid.removeWidget(card)
            card.deleteLater()
        self.cards = []
        compact = threads > 4
        columns = 3 if compact else 1
        for i in range(threads):
            card = ThreadCard(i + 1, compact=compact)
            card.stepRequested.connect(self.step_thread)
            card.button.setEnabled(False)
            card.status.setText("not started")
            self.cards_grid.addWidget(card, i // columns, i % columns)
            self.cards.append(card)

    @Slot(int)
    def _show_challenge(self, row: int) -> None:
        if not 0 <= row < len(CHALLENGES):
            return
        chosen = CHALLENGES[row]
        self.challenge_goal.setText(chosen.goal)
        self.challenge_hint.setText(f"Hint: {chosen.hint}")
        self.challenge_hint.hide()

    @Slot(QListWidgetItem)
    def _try_item(self, item: QListWidgetItem) -> None:
        self.challenge_list.setCurrentItem(item)
        self.try_challenge()

    @Slot()
    def _show_hint(self) -> None:
        self.challenge_hint.setVisible(not self.challenge_hint.isVisible())

    def _mark_met(self) -> None:
        for i, c in enumerate(CHALLENGES):
            self.challenge_list.item(i).setText(f"{'✔' if c.key in self.met else '☐'}  {c.title}")

    def _ask_save(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Save the recording", "interleaving.json",
                                              "Thread Lab recordings (*.json)")
        if path:
            self.save_to(Path(path))

    def _ask_load(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Load a recording", "",
                                              "Thread Lab recordings (*.json);;All files (*)")
        if path:
            self.load_from(Path(path))
