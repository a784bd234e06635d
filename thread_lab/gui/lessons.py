"""Guided lessons, in the tutorial's order: each sets the controls, says what to predict and
what to watch, and has a button per run ("Run it").

The panel lives in a dock beside the experiment (never a modal dialog): the class keeps
seeing the plots while the teacher reads the lesson out. The texts are English source
strings translated through Qt (QT_TRANSLATE_NOOP here, `translate` when shown).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from thread_lab.engine.config import RunConfig
from thread_lab.gui import theme

translate = QCoreApplication.translate


@dataclass(frozen=True)
class Step:
    """One "Run it" button: its label and the experiment's settings."""

    label: str
    experiment: str
    settings: dict = field(default_factory=dict)

    def config(self, directory=None) -> RunConfig:
        """The run settings this button runs."""
        return RunConfig.for_experiment(self.experiment, directory=directory, **self.settings)


@dataclass(frozen=True)
class Lesson:
    """A lesson: what it is about, what to predict, what to watch, and its runs."""

    key: str
    title: str
    intro: str
    predict: str
    watch: str
    steps: tuple[Step, ...] = ()
    lab: str = ""  # the class name of an extra lab page the lesson can open, if the window has it


RACE = dict(threads=8, iterations=50, sleep=0.02, plain=False)

LESSONS: tuple[Lesson, ...] = (
    Lesson(
        "linear",
        QT_TRANSLATE_NOOP("Lessons", "One after another, or at the same time"),
        QT_TRANSLATE_NOOP("Lessons", "Five tasks each wait 2 seconds, like five downloads waiting for the network. "
                                     "Run them one after another, then each in its own thread."),
        QT_TRANSLATE_NOOP("Lessons", "How long do five 2-second waits take one after another? And in five threads?"),
        QT_TRANSLATE_NOOP("Lessons", "The timeline: one after another, the sleeps form a staircase; in threads, they "
                                     "sleep side by side. After both runs the summary compares the two times."),
        (Step(QT_TRANSLATE_NOOP("Lessons", "One after another"), "sleep",
              dict(threads=5, sleep=2.0, mode="sequential", join=True)),
         Step(QT_TRANSLATE_NOOP("Lessons", "In threads"), "sleep",
              dict(threads=5, sleep=2.0, mode="threaded", join=True))),
    ),
    Lesson(
        "first",
        QT_TRANSLATE_NOOP("Lessons", "Your first thread"),
        QT_TRANSLATE_NOOP("Lessons", "A thread is a threading.Thread whose run() method runs alongside the main "
                                     "program once start() is called. The Code tab shows the real class: "
                                     "SleepyThread says hello, sleeps, and says goodbye."),
        QT_TRANSLATE_NOOP("Lessons", "The main program starts one thread, then waits for it with join(). Which "
                                     "line is printed last?"),
        QT_TRANSLATE_NOOP("Lessons", "The Console: “Thread 1: starting”, two seconds later “Thread 1: finishing”, "
                                     "and only then “Main: all done”. In the timeline, Main’s row shows “Waiting in "
                                     "join()” while the thread sleeps."),
        (Step(QT_TRANSLATE_NOOP("Lessons", "Run it"), "sleep", dict(threads=1, sleep=2.0, mode="threaded", join=True)),),
    ),
    Lesson(
        "race",
        QT_TRANSLATE_NOOP("Lessons", "The shared counter race"),
        QT_TRANSLATE_NOOP("Lessons", "Eight threads each add 1 to one shared counter, 50 times. Each increment reads "
                                     "the counter, pauses, then writes back what it read plus one. The pause is there "
                                     "on purpose: since Python 3.10 a thread switch practically never falls inside "
                                     "counter += 1, so without it the race would be real but you would almost never "
                                     "see it."),
        QT_TRANSLATE_NOOP("Lessons", "8 × 50 = 400 increments. What will the counter say at the end?"),
        QT_TRANSLATE_NOOP("Lessons", "The plot: the solid “actual” line falls behind the dashed “expected” line; the "
                                     "shaded gap is the lost updates. Each thread’s own tally still reaches 50. Then "
                                     "run the bare counter += 1: many more increments, and almost surely none lost."),
        (Step(QT_TRANSLATE_NOOP("Lessons", "The race"), "counter", dict(RACE, lock=False)),
         Step(QT_TRANSLATE_NOOP("Lessons", "Bare counter += 1"), "counter",
              dict(threads=8, iterations=20_000, sleep=0.0, plain=True, lock=False))),
    ),
    Lesson(
        "file",
        QT_TRANSLATE_NOOP("Lessons", "Many threads, one file"),
        QT_TRANSLATE_NOOP("Lessons", "Four threads append lines to one shared file. Each writes a line in two halves, "
                                     "“Thread 2: ” and then “line 7”, with a short pause between them, like a "
                                     "program that writes a line in pieces."),
        QT_TRANSLATE_NOOP("Lessons", "Will every line of the file read “Thread N: line M”?"),
        QT_TRANSLATE_NOOP("Lessons", "The Shared file tab: a line that another thread cut in two is marked ⚠. No "
                                     "line is lost, but some are torn and mixed up."),
        (Step(QT_TRANSLATE_NOOP("Lessons", "Run it"), "file", dict(threads=4, iterations=10, sleep=0.05, lock=False)),),
    ),
    Lesson(
        "lock",
        QT_TRANSLATE_NOOP("Lessons", "The lock"),
        QT_TRANSLATE_NOOP("Lessons", "A threading.Lock lets one thread at a time run the block under “with lock:”; "
                                     "the others wait their turn. (RLock, in the Kind list, is a lock that the "
                                     "thread holding it may take again; here both behave the same.)"),
        QT_TRANSLATE_NOOP("Lessons", "With the lock on, will any increment be lost? Will the run be faster or slower?"),
        QT_TRANSLATE_NOOP("Lessons", "No gap between the lines: all 400 increments counted. In the timeline one "
                                     "thread holds the lock while the others wait (striped). It takes longer: the "
                                     "pauses no longer overlap. Run it without the lock and press L mid-run: the "
                                     "losses stop at that moment."),
        (Step(QT_TRANSLATE_NOOP("Lessons", "With the lock"), "counter", dict(RACE, lock=True)),
         Step(QT_TRANSLATE_NOOP("Lessons", "Without it (press L)"), "counter", dict(RACE, lock=False))),
    ),
    Lesson(
        "join",
        QT_TRANSLATE_NOOP("Lessons", "Waiting with join()"),
        QT_TRANSLATE_NOOP("Lessons", "start() returns at once: the main program carries on while the thread runs. "
                                     "join() makes it wait until that thread has finished."),
        QT_TRANSLATE_NOOP("Lessons", "Without join(), when does Main print “all done”: before or after the threads "
                                     "finish?"),
        QT_TRANSLATE_NOOP("Lessons", "Without join(), “Main: all done” comes first, while the threads still sleep "
                                     "(the ★ on Main’s row of the timeline). With join(), it comes last."),
        (Step(QT_TRANSLATE_NOOP("Lessons", "Without join()"), "sleep",
              dict(threads=3, sleep=1.0, mode="threaded", join=False)),
         Step(QT_TRANSLATE_NOOP("Lessons", "With join()"), "sleep",
              dict(threads=3, sleep=1.0, mode="threaded", join=True))),
    ),
    Lesson(
        "cpu",
        QT_TRANSLATE_NOOP("Lessons", "Waiting or computing"),
        QT_TRANSLATE_NOOP("Lessons", "Threads help when tasks wait (for a disk, the network, or here a sleep): while "
                                     "one waits, the others run. They do not help when tasks compute in Python: the "
                                     "GIL lets only one thread at a time run Python code."),
        QT_TRANSLATE_NOOP("Lessons", "Five 1-second sleeps in threads: about how long? 400,000 increments in four "
                                     "threads rather than one after another: faster?"),
        QT_TRANSLATE_NOOP("Lessons", "Compare the elapsed times in the summary. Waiting: threads are about five times "
                                     "faster. Computing (the bare counter += 1): threads are no faster, often a "
                                     "little slower. (A free-threaded Python 3.13+ build, without the GIL, can "
                                     "compute in several threads at once.)"),
        (Step(QT_TRANSLATE_NOOP("Lessons", "Waiting, in threads"), "sleep", dict(threads=5, sleep=1.0, mode="threaded")),
         Step(QT_TRANSLATE_NOOP("Lessons", "Waiting, one by one"), "sleep",
              dict(threads=5, sleep=1.0, mode="sequential")),
         Step(QT_TRANSLATE_NOOP("Lessons", "Computing, in threads"), "counter",
              dict(threads=4, iterations=100_000, sleep=0.0, plain=True, lock=False, mode="threaded")),
         Step(QT_TRANSLATE_NOOP("Lessons", "Computing, one by one"), "counter",
              dict(threads=4, iterations=100_000, sleep=0.0, plain=True, lock=False, mode="sequential"))),
        lab="CpuIoPage",
    ),
    Lesson(
        "next",
        QT_TRANSLATE_NOOP("Lessons", "Where to go next"),
        QT_TRANSLATE_NOOP("Lessons", "You have met the building blocks: Thread, start(), join() and Lock. Python "
                                     "builds higher-level tools on them."),
        QT_TRANSLATE_NOOP("Lessons", "• concurrent.futures.ThreadPoolExecutor runs many small tasks on a few reused "
                                     "threads and hands back their results.\n"
                                     "• queue.Queue passes work from thread to thread safely, with no lock of your own.\n"
                                     "• asyncio waits for thousands of network connections on one thread, with async "
                                     "and await.\n"
                                     "• multiprocessing and ProcessPoolExecutor compute on every core: each process "
                                     "has its own interpreter and its own GIL."),
        QT_TRANSLATE_NOOP("Lessons", "Take an experiment home: File ▸ Save as Python script writes it as a plain "
                                     "threading program that runs with python and that you can change."),
    ),
)


class LessonsPanel(QWidget):
    """The lesson on show: title, what to predict, what to watch, and its "Run it" buttons."""

    runRequested = Signal(object)  # a Step: set the controls to it and start
    setupRequested = Signal(object)  # a Step: set the controls to it (when idle)
    labRequested = Signal(str)  # the class name of a lab page to show
    lessonChanged = Signal(int)

    def __init__(self, parent: QWidget | None = None, *, has_lab=lambda name: False) -> None:
        super().__init__(parent)
        self.setObjectName("lessonsPanel")
        self._has_lab = has_lab
        self.index = 0

        self.chooser = QComboBox()
        self.chooser.setAccessibleName(translate("Lessons", "Choose a lesson"))
        # Long titles must not widen the panel: the list shows them whole when it opens.
        self.chooser.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.chooser.setMinimumContentsLength(12)
        for i, lesson in enumerate(LESSONS, 1):
            self.chooser.addItem(f"{i}. {translate('Lessons', lesson.title)}", lesson.key)
        self.chooser.currentIndexChanged.connect(self.show_lesson)

        self.position = QLabel()
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.intro = self._text()
        self.predict_head = QLabel(translate("Lessons", "Predict"))
        self.predict = self._text()
        self.watch_head = QLabel(translate("Lessons", "Watch"))
        self.watch = self._text()
        self.step_box = QVBoxLayout()
        self.step_box.setSpacing(8)
        self.steps: list[QPushButton] = []
        self.lab_button = QPushButton()
        self.lab_button.clicked.connect(self._open_lab)

        self.previous = QPushButton(translate("Lessons", "◀ Previous"))
        self.previous.setAccessibleName(translate("Lessons", "Previous lesson"))
        self.next = QPushButton(translate("Lessons", "Next ▶"))
        self.next.setAccessibleName(translate("Lessons", "Next lesson"))
        self.previous.clicked.connect(lambda: self.show_lesson(self.index - 1))
        self.next.clicked.connect(lambda: self.show_lesson(self.index + 1))

        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(4, 4, 4, 4)
        column.addWidget(self.position)
        column.addWidget(self.title)
        column.addWidget(self.intro)
        for head, text in ((self.predict_head, self.predict), (self.watch_head, self.watch)):
            frame = QFrame()
            frame.setObjectName("lessonBox")
            box = QVBoxLayout(frame)
            box.setContentsMargins(10, 6, 10, 8)
            box.addWidget(head)
            box.addWidget(text)
            column.addWidget(frame)
        column.addLayout(self.step_box)
        column.addWidget(self.lab_button)
        column.addStretch(1)
        scroll = self.scroll = QScrollArea()
        scroll.setWidget(body)
        body.installEventFilter(self)  # its widest line sets the panel's narrowest width
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setAccessibleName(translate("Lessons", "Lesson text"))

        nav = QHBoxLayout()
        nav.addWidget(self.previous)
        nav.addStretch(1)
        nav.addWidget(self.next)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.chooser)
        layout.addWidget(scroll, 1)
        layout.addLayout(nav)
        self._style()
        self.show_lesson(0, setup=False)

    @property
    def lesson(self) -> Lesson:
        """The lesson on show."""
        return LESSONS[self.index]

    def show_lesson(self, index: int, *, setup: bool = True) -> None:
        """Show lesson `index` (0-based) and, unless told not to, set the controls for it."""
        index = max(0, min(len(LESSONS) - 1, int(index)))
        self.index = index
        lesson = LESSONS[index]
        if self.chooser.currentIndex() != index:
            self.chooser.blockSignals(True)
            self.chooser.setCurrentIndex(index)
            self.chooser.blockSignals(False)
        self.position.setText(translate("Lessons", "Lesson {n} of {total}").format(
            n=index + 1, total=len(LESSONS)))
        self.title.setText(translate("Lessons", lesson.title))
        self.intro.setText(translate("Lessons", lesson.intro))
        self.predict.setText(translate("Lessons", lesson.predict))
        self.watch.setText(translate("Lessons", lesson.watch))
        self.predict_head.setText(translate("Lessons", "Try next") if not lesson.steps
                                  else translate("Lessons", "Predict"))
        self.watch_head.setText(translate("Lessons", "At home") if not lesson.steps
                                else translate("Lessons", "Watch"))
        for button in self.steps:
            self.step_box.removeWidget(button)
            button.hide()  # at once: deleteLater() waits for the event loop
            button.deleteLater()
        self.steps = []
        for step in lesson.steps:
            button = QPushButton(f"▶  {translate('Lessons', step.label)}")
            button.setObjectName("lessonRun")
            button.setAccessibleName(translate("Lessons", "Run it: {what}").format(
                what=translate("Lessons", step.label)))
            button.clicked.connect(lambda _=False, s=step: self.runRequested.emit(s))
            self.step_box.addWidget(button)
            self.steps.append(button)
        self.lab_button.setVisible(bool(lesson.lab) and self._has_lab(lesson.lab))
        self.lab_button.setText(translate("Lessons", "Open the I/O or CPU lab"))
        self.previous.setEnabled(index > 0)
        self.next.setEnabled(index < len(LESSONS) - 1)
        if setup and lesson.steps:
            self.setupRequested.emit(lesson.steps[0])
        self.lessonChanged.emit(index)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        """The lesson's contents changed (text, buttons, size): never narrower than they are."""
        if event.type() == QEvent.Type.LayoutRequest and obj is self.scroll.widget():
            bar = self.scroll.verticalScrollBar().sizeHint().width()
            self.scroll.setMinimumWidth(obj.minimumSizeHint().width() + bar + 4)
        return False

    def run_step(self, number: int) -> None:
        """Press the lesson's "Run it" button `number` (0-based)."""
        self.steps[number].click()

    def _open_lab(self) -> None:
        self.labRequested.emit(self.lesson.lab)

    def _text(self) -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _style(self) -> None:
        self.position.setStyleSheet(theme.text_css(theme.SMALL_PT, colour=theme.MUTED))
        self.title.setStyleSheet(theme.text_css(theme.TITLE_PT + 2, bold=True))
        for head in (self.predict_head, self.watch_head):
            head.setStyleSheet(theme.text_css(theme.FONT_PT, bold=True, colour=theme.readable(theme.BLUE)))
        self.setStyleSheet(
            f"QFrame#lessonBox {{ border-left: 5px solid {theme.BLUE}; background: {theme.SURFACE}; }}"
            f"QPushButton#lessonRun {{ text-align: left; padding: 8px 14px; font-weight: bold; }}"
        )
