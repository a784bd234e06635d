"""The summary: elapsed time, expected / actual / lost, the speed-up, and one sentence."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from thread_lab.gui.i18n import number, result_sentence

translate = QCoreApplication.translate
HONEST_NOTE = QT_TRANSLATE_NOOP(
    "Summary",
    "Each increment is read → pause → write. The pause is there on purpose: since "
    "Python 3.10 a thread switch almost never falls inside a bare counter += 1, so the "
    "race would be real but invisible."
)


class Summary(QGroupBox):
    """What the run measured, in numbers big enough for the back row, and what it means."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(translate("Summary", "Summary"), parent)
        self._values: dict[str, QLabel] = {}
        grid = QGridLayout()
        for row, (key, title) in enumerate(
            [("elapsed", QT_TRANSLATE_NOOP("Summary", "Elapsed")),
             ("expected", QT_TRANSLATE_NOOP("Summary", "Expected")),
             ("actual", QT_TRANSLATE_NOOP("Summary", "Actual")),
             ("lost", QT_TRANSLATE_NOOP("Summary", "Lost"))]
        ):
            name = QLabel(translate("Summary", title))
            value = QLabel("–")
            value.setObjectName(f"summary_{key}")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(name, row, 0)
            grid.addWidget(value, row, 1)
            self._values[key] = value
        self.speedup = QLabel("")
        self.speedup.setObjectName("summary_speedup")
        self.speedup.setWordWrap(True)
        self.sentence = QLabel(translate("Summary", "Press Start."))
        self.sentence.setObjectName("summary_sentence")
        self.sentence.setWordWrap(True)
        self.note = QLabel(translate("Summary", HONEST_NOTE))
        self.note.setObjectName("summary_note")
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.speedup)
        layout.addWidget(self.sentence)
        layout.addWidget(self.note)
        layout.addStretch(1)
        self._experiment = ""
        self._sleep_times: dict[tuple[int, float], dict[str, float]] = {}

    def value(self, key: str) -> str:
        """The text shown for elapsed, expected, actual or lost."""
        return self._values[key].text()

    def begin(self, run) -> None:
        """A run starts: clear the numbers and say what to watch."""
        cfg = run.config
        self._experiment = cfg.experiment
        counting = cfg.experiment != "sleep"
        for key in ("expected", "actual", "lost"):
            self._values[key].setText("0" if counting else "–")
        self._values["elapsed"].setText("0.00 s")
        self._set_lost_style(False)
        self.note.setVisible(cfg.experiment == "counter" and not cfg.plain)
        self.sentence.setText(translate("Summary", "Running…"))

    def clear(self) -> None:
        """No run: blank numbers and an invitation to press Start."""
        for value in self._values.values():
            value.setText("–")
        self._set_lost_style(False)
        self.sentence.setText(translate("Summary", "Press Start."))
        self.speedup.setText("")

    def show_snapshot(self, snap) -> None:
        """Live numbers while the run goes."""
        self._values["elapsed"].setText(f"{snap.t:.2f} s")
        if self._experiment == "counter":
            self._values["expected"].setText(number(snap.expected))
            self._values["actual"].setText(number(snap.counter))
            self._values["lost"].setText(number(snap.lost))
            self._set_lost_style(snap.lost > 0)
        elif self._experiment == "file":
            self._values["expected"].setText(
                translate("Summary", "{n} lines").format(n=number(snap.expected)))

    def finish(self, result) -> None:
        """Final numbers, the speed-up when both sleep modes were run, and one sentence."""
        self._values["elapsed"].setText(f"{result.elapsed_s:.2f} s")
        if result.experiment == "counter":
            self._values["expected"].setText(number(result.expected))
            self._values["actual"].setText(number(result.actual))
            self._values["lost"].setText(number(result.lost))
            self._set_lost_style(result.lost > 0)
        elif result.experiment == "file":
            self._values["expected"].setText(
                translate("Summary", "{n} lines").format(n=number(result.lines_expected)))
            self._values["actual"].setText(
                translate("Summary", "{n} whole").format(n=number(result.lines_intact)))
            self._values["lost"].setText(
                translate("Summary", "{n} torn").format(n=number(result.lines_torn)))
            self._set_lost_style(result.lines_torn > 0)
        self.sentence.setText(result_sentence(result))
        self.speedup.setText(self._speedup_text(result))

    def _speedup_text(self, result) -> str:
        if result.experiment != "sleep" or result.status != "finished":
            return ""
        times = self._sleep_times.setdefault((result.threads, result.sleep_s), {})
        times[result.mode] = result.elapsed_s
        if len(times) < 2:
            if result.mode == "threaded":
                return translate("Summary", "Run it one after another too to compare.")
            return translate("Summary", "Run it in threads too to compare.")
        ratio = times["sequential"] / max(times["threaded"], 1e-9)
        return translate(
            "Summary", "Threads were {ratio}× faster: {sequential} s one after another, "
            "{threaded} s in threads."
        ).format(ratio=f"{ratio:.1f}", sequential=f"{times['sequential']:.2f}",
                 threaded=f"{times['threaded']:.2f}")

    def _set_lost_style(self, lost: bool) -> None:
        label = self._values["lost"]
        if label.property("bad") == lost:
            return  # re-polishing restyles and re-lays out the label: only on a change
        label.setProperty("bad", lost)
        label.style().unpolish(label)
        label.style().polish(label)
