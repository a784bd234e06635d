"""The Deadlocks page: two threads taking two locks in opposite orders, or one thread taking
one Lock twice, drawn live as a wait-for graph, with the cures as switches.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt, Slot
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from thread_lab.engine.labs.locks import Graph, LockLab, LockLabConfig, LockResult, LockSnapshot
from thread_lab.engine.shared import State
from thread_lab.gui import theme
from thread_lab.gui.code_view import LineMark
from thread_lab.gui.console import Console
from thread_lab.gui.labs.common import (
    LabPage,
    StateRow,
    code_pane,
    heading,
    note,
    source_of,
    switch,
)

TIMEOUT_S = 0.5
PAUSE_S = 0.3  # long enough to watch each thread take its first lock

RLOCK_NOTE = (
    "When does RLock matter? Only when a thread that holds the lock can reach code that "
    "takes it again: a method calling another method of the same object, recursion, a "
    "callback. The tutorial uses RLock so such nesting is safe. With a single, flat "
    "`with lock:` a Lock and an RLock behave the same (a Lock is a little faster). An "
    "RLock must be released by the thread that took it, as often as it took it."
)
TWO_LOCKS_NOTE = (
    "Each thread holds one lock and waits for the other's: neither can go on, and Python "
    "will not notice. Cure 1: every thread takes the locks in one agreed order, so no "
    "cycle can form. Cure 2: acquire(timeout=…) lets a thread give up, let go of what it "
    "holds, and try again a little later."
)


class WaitForGraphView(QWidget):
    """Threads (circles) and locks (squares); arrows "held by" and "waits for"; the cycle red."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.graph: Graph | None = None
        self.setMinimumSize(420, 380)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def show_graph(self, graph: Graph) -> None:
        """Draw this graph."""
        if graph != self.graph:
            self.graph = graph
            self.update()

    # -- drawing ------------------------------------------------------------------------

    def _positions(self) -> dict[str, QPointF]:
        g = self.graph
        w, h = self.width(), self.height()
        cx, cy = w / 2, h / 2 + 20
        r = min(w, h - 40) * 0.34
        nodes: list[str] = []
        for i in range(max(len(g.threads), len(g.locks))):
            if i < len(g.threads):
                nodes.append(g.threads[i])
            if i < len(g.locks):
                nodes.append(g.locks[i])
        pos = {}
        if len(nodes) == 2:  # one thread and one lock: side by side
            pos[nodes[0]] = QPointF(cx - r, cy)
            pos[nodes[1]] = QPointF(cx + r, cy)
            return pos
        for i, name in enumerate(nodes):  # around a circle: thread, lock, thread, lock…
            a = math.pi - 2 * math.pi * i / len(nodes)  # thread 1 left, lock A on top
            pos[name] = QPointF(cx + r * math.cos(a), cy - r * math.sin(a))
        return pos

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Draw the graph, with a title saying whether there is a cycle."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor(theme.BACKGROUND))
        g = self.graph
        title_font = theme.ui_font(theme.TITLE_PT, bold=True)
        painter.setFont(title_font)
        if g is None:
            painter.setPen(QColor(theme.MUTED))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "Press Start")
            return
        if g.deadlocked:
            title, colour = "DEADLOCK: a cycle of waits", theme.readable_on_white(theme.VERMILLION)
        elif g.cycle:
            title, colour = "A cycle of waits: the timeout will break it", theme.readable_on_white(theme.ORANGE)
        else:
            title, colour = "Wait-for graph: no cycle", theme.FOREGROUND
        painter.setPen(QColor(colour))
        painter.drawText(QRectF(0, 6, self.width(), 40), Qt.AlignmentFlag.AlignHCenter, title)

        pos = self._positions()
        in_cycle = set(_cycle_edges(g.cycle))
        node_r = min(self.width(), self.height()) * 0.09
        node_r = max(34.0, min(node_r, 60.0))
        edges = [(lock, t, "held by" + (f" ×{n}" if n > 1 else "")) for lock, t, n in g.holders]
        edges += [(w.thread, w.lock, "waits for" + (f" ≤{w.timeout:g} s" if w.timeout else ""))
                  for w in g.waits]
        pair_count: dict[frozenset, int] = {}
        for a, b, _ in edges:
            pair_count[frozenset((a, b))] = pair_count.get(frozenset((a, b)), 0) + 1
        for a, b, label in edges:
            if a not in pos or b not in pos:
                continue
            red = (a, b) in in_cycle
            bend = 0.35 if pair_count[frozenset((a, b))] > 1 else 0.18
            self._edge(painter, pos[a], pos[b], node_r, label, red, waits=label.startswith("waits"),
                       bend=bend)
        for name, p in pos.items():
            self._node(painter, name, p, node_r, is_thread=name in g.threads,
                       red=name in g.cycle)
        painter.end()

    def _node(self, painter: QPainter, name: str, p: QPointF, r: float, *, is_thread: bool,
              red: bool) -> None:
        pen = QPen(QColor(theme.VERMILLION if red else theme.FOREGROUND), 5 if red else 3)
        painter.setPen(pen)
        if is_thread:
            number = int(name.split()[-1]) if name.split()[-1].isdigit() else 0
            painter.setBrush(theme.qcolour(theme.colour_for_thread(number), 60))
            painter.drawEllipse(p, r, r)
        else:
            painter.setBrush(theme.qcolour(theme.YELLOW, 150))
            painter.drawRoundedRect(QRectF(p.x() - r, p.y() - r * 0.8, 2 * r, 1.6 * r), 10, 10)
        painter.setPen(QColor(theme.FOREGROUND))
        painter.setFont(theme.ui_font(theme.FONT_PT, bold=True))
        first, _, second = name.partition(" ")
        painter.drawText(QRectF(p.x() - r * 1.4, p.y() - r, 2.8 * r, 2 * r),
                         Qt.AlignmentFlag.AlignCenter, f"{first}\n{second}")

    def _edge(self, painter: QPainter, a: QPointF, b: QPointF, r: float, label: str, red: bool,
              *, waits: bool, bend: float) -> None:
        d = b - a
        length = math.hypot(d.x(), d.y()) or 1.0
        ux, uy = d.x() / length, d.y() / length
        nx, ny = uy, -ux  # to the left of a → b, so the two directions bow apart
        mid = QPointF((a.x() + b.x()) / 2 + nx * bend * length, (a.y() + b.y()) / 2 + ny * bend * length)
        start = _towards(a, mid, r + 4)
        end = _towards(b, mid, r + 8)
        colour = QColor(theme.VERMILLION if red else (theme.MUTED if waits else theme.BLUE))
        pen = QPen(colour, 6 if red else 3)
        if waits:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        path = QPainterPath(start)
        path.quadTo(mid, end)
        painter.drawPath(path)
        # the arrowhead, along the curve's last direction (control point → end)
        tx, ty = end.x() - mid.x(), end.y() - mid.y()
        tl = math.hypot(tx, ty) or 1.0
        tx, ty = tx / tl, ty / tl
        size = 20 if red else 16
        head = QPolygonF([
            end,
            QPointF(end.x() - size * tx + size * 0.55 * ty, end.y() - size * ty - size * 0.55 * tx),
            QPointF(end.x() - size * tx - size * 0.55 * ty, end.y() - size * ty + size * 0.55 * tx),
        ])
        painter.setPen(QPen(colour, 2))
        painter.setBrush(colour)
        painter.drawPolygon(head)
        # the label, at the middle of the curve, on a white patch so it stays readable
        at = path.pointAtPercent(0.5)
        font = theme.ui_font(theme.SMALL_PT, bold=True)
        painter.setFont(font)
        w = painter.fontMetrics().horizontalAdvance(label) + 12
        h = painter.fontMetrics().height() + 4
        rect = QRectF(at.x() - w / 2, at.y() - h / 2, w, h)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(255, 255, 255, 230))
        painter.drawRoundedRect(rect, 4, 4)
        painter.setPen(QColor(theme.readable_on_white(theme.VERMILLION) if red else theme.FOREGROUND))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, label)


def _towards(p: QPointF, q: QPointF, distance: float) -> QPointF:
    """The point `distance` from p in the direction of q."""
    dx, dy = q.x() - p.x(), q.y() - p.y()
    length = math.hypot(dx, dy) or 1.0
    return QPointF(p.x() + dx / length * distance, p.y() + dy / length * distance)


def _cycle_edges(cycle: tuple[str, ...]) -> list[tuple[str, str]]:
    """The edges of a cycle thread → lock → thread …, in the graph's directions."""
    edges = []
    for i in range(0, len(cycle), 2):
        thread, lock = cycle[i], cycle[i + 1]
        holder = cycle[(i + 2) % len(cycle)]
        edges += [(thread, lock), (lock, holder)]
    return edges


class DeadlockLab(LabPage):
    """The deadlock page: scenario, cures, Start/Stop; wait-for graph; code and console."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.two_locks = QRadioButton("Two threads, two locks,\nopposite orders")
        self.nested = QRadioButton("One thread takes one lock\ntwice (a nested call)")
        self.two_locks.setChecked(True)
        self._scenario = QButtonGroup(self)
        self._scenario.addButton(self.two_locks)
        self._scenario.addButton(self.nested)
        self.one_order = switch("Cure 1: one lock order",
                                "Both threads take lock A before lock B.")
        self.timeout = switch(f"Cure 2: acquire(timeout={TIMEOUT_S:g})",
                              "Give up after a while, let go, and try again.")
        self.rlock = switch("Use RLock, not Lock",
                            "An RLock lets the thread holding it take it again.")

        self.cures = QGroupBox("Cures (switch during a deadlock)")
        cures = QVBoxLayout(self.cures)
        cures.addWidget(self.one_order)
        cures.addWidget(self.timeout)
        self.kind_box = QGroupBox("The lock")
        kind = QVBoxLayout(self.kind_box)
        kind.addWidget(self.rlock)
        scenario = QGroupBox("Scenario")
        sl = QVBoxLayout(scenario)
        sl.addWidget(self.two_locks)
        sl.addWidget(self.nested)

        self.verdict = note("", pt=theme.TITLE_PT, bold=True)
        self.explain = note(TWO_LOCKS_NOTE, pt=theme.SMALL_PT)

        left = QWidget()
        ll = QVBoxLayout(left)
        ll.addWidget(heading("Deadlock"))
        ll.addWidget(scenario)
        ll.addWidget(self.cures)
        ll.addWidget(self.kind_box)
        ll.addWidget(self.buttons())
        ll.addWidget(self.status)
        ll.addWidget(self.verdict)
        ll.addWidget(self.explain)
        ll.addStretch(1)
        left_scroll = QScrollArea()
        left_scroll.setWidget(left)
        left_scroll.setWidgetResizable(True)
        left_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        left_scroll.setMinimumWidth(430)

        self.graph_view = WaitForGraphView()
        self.states = StateRow()
        self.states.labels[State.WAITING] = "Waiting"
        self.states.labels[State.RUNNING] = "Running"
        self.holds = note("", pt=theme.FONT_PT)
        middle = QWidget()
        ml = QVBoxLayout(middle)
        ml.setContentsMargins(0, 0, 0, 0)
        ml.addWidget(self.graph_view, 1)
        ml.addWidget(self.states)
        ml.addWidget(self.holds)

        self.code_title = heading("", theme.FONT_PT)
        self.code = code_pane(LockLab(LockLabConfig()).lesson_class)
        self.console = Console(max_lines=2000)
        code_box = QWidget()
        cl = QVBoxLayout(code_box)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.addWidget(self.code_title)
        cl.addWidget(self.code, 1)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(code_box)
        right.addWidget(self.console)
        right.setSizes([640, 300])

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left_scroll)
        split.addWidget(middle)
        split.addWidget(right)
        split.setStretchFactor(1, 3)
        split.setStretchFactor(2, 3)
        split.setSizes([420, 560, 920])
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)

        self.two_locks.toggled.connect(self._scenario_changed)
        for s in (self.one_order, self.timeout, self.rlock):
            s.toggled.connect(self._cure_switched)
        self._scenario_changed()

    # -- settings -----------------------------------------------------------------------

    def config(self) -> LockLabConfig:
        """The settings the controls show."""
        if self.nested.isChecked():
            return LockLabConfig(scenario="nested",
                                 lock_kind="rlock" if self.rlock.isChecked() else "lock")
        return LockLabConfig(
            scenario="two_locks",
            one_order=self.one_order.isChecked(),
            timeout=TIMEOUT_S if self.timeout.isChecked() else None,
            pause=PAUSE_S,
            transfers=3,
        )

    def make_run(self, listener) -> LockLab:
        """A lock-lab run with the settings shown."""
        return LockLab(self.config(), listener)

    @Slot()
    def _scenario_changed(self) -> None:
        nested = self.nested.isChecked()
        self.cures.setVisible(not nested)
        self.kind_box.setVisible(nested)
        self.explain.setText(RLOCK_NOTE if nested else TWO_LOCKS_NOTE)
        if self.is_running():
            self.stop_and_join(2.0)
        self._show_code(LockLab(self.config()))
        self.graph_view.show_graph(LockLab(self.config()).graph.graph())
        self.verdict.setText("")
        self.status.setText("Press Start.")

    @Slot()
    def _cure_switched(self) -> None:
        """A switch flipped: threads already stuck stay stuck, so start them again with it."""
        if self.is_running():
            self.stop_and_join(2.0)
            self.start()
            self.status.setText("Restarted with the new setting: stuck threads can't be "
                                "unstuck, only stopped.")
        else:
            self._show_code(LockLab(self.config()))

    def set_controls_enabled(self, enabled: bool) -> None:
        """The scenario is fixed during a run; the cure switches restart it."""
        self.two_locks.setEnabled(enabled)
        self.nested.setEnabled(enabled)

    # -- the views ----------------------------------------------------------------------

    def _show_code(self, lab: LockLab) -> None:
        cls = lab.lesson_class
        cfg = lab.config
        self.code_title.setText(f"The thread's code: {cls.__name__}")
        source = source_of(cls)
        if self.code.toPlainText() != source:
            self.code.setPlainText(source)
        marks = []
        for i, line in enumerate(source.splitlines()):
            code = line.split("#", 1)[0]
            if "sorted(" in code:
                marks.append(LineMark(i, cfg.one_order, "cure 1 ON" if cfg.one_order else "cure 1 off",
                                      "Cure 1: every thread takes the locks in one order."))
            elif "second.acquire(timeout" in code:
                on = cfg.timeout is not None
                badge = f"cure 2 ON: timeout={cfg.timeout:g}" if on else "timeout=-1: for ever"
                marks.append(LineMark(i, on, badge, "Cure 2: give up after a timeout.",
                                      strong=on))  # it runs either way: never struck out
            elif "with self.lock:" in code and "again" in line:
                rl = cfg.lock_kind == "rlock"
                marks.append(LineMark(i, rl, "RLock: proceeds" if rl else "Lock: waits for ever",
                                      "The same lock, taken again by the thread holding it.",
                                      strong=rl))
        self.code.set_marks(marks)

    def begin(self, run: LockLab) -> None:
        """A new run: fresh console, rows for its threads, its code."""
        self.console.begin(run)
        self.states.set_threads(run.graph.graph().threads)
        self._show_code(run)
        self.verdict.setText("")
        self.status.setText("Running…")

    def show_snapshot(self, snap: LockSnapshot) -> None:
        """Redraw the graph, the states and the words."""
        g = snap.graph
        self.graph_view.show_graph(g)
        notes = []
        for name in snap.names:
            lock = g.waiting_for(name)
            if lock:
                holder = g.holder(lock)
                notes.append(f"for {lock}" + (f", held by {holder}" if holder else ""))
            else:
                held = [lock for lock, t, _ in g.holders if t == name]
                notes.append("holds " + " and ".join(held) if held else "")
        self.states.show_states(snap.states, tuple(notes))
        held = [f"{lock} is held by {t}" + (f" ({n} times)" if n > 1 else "")
                for lock, t, n in g.holders]
        free = [lock for lock in g.locks if g.holder(lock) is None]
        self.holds.setText("; ".join(held + [f"{lock} is free" for lock in free]) + ".")
        self.console.show_snapshot(snap)
        if g.deadlocked:
            since = snap.t - (g.formed_at or snap.t)
            self.verdict.setStyleSheet(theme.text_css(theme.TITLE_PT, bold=True,
                                       colour=theme.readable_on_white(theme.VERMILLION)))
            self.verdict.setText(f"Deadlock for {since:.1f} s. {g.sentence()}")
            cure = "switch to RLock" if snap.graph.threads == ("Thread 1",) else "switch a cure on"
            self.status.setText(f"Stop ends it; or {cure}.")
        elif g.cycle:
            self.verdict.setStyleSheet(theme.text_css(theme.TITLE_PT, bold=True))
            self.verdict.setText(g.sentence())
        elif snap.phase == "running":
            self.verdict.setStyleSheet(theme.text_css(theme.TITLE_PT, bold=True))
            self.verdict.setText(f"No cycle. Gave up and retried: {snap.gave_up}."
                                 if snap.gave_up else "No cycle.")

    def show_result(self, result: LockResult) -> None:
        """Say how it ended."""
        self.console.finish(result)
        colour = theme.readable_on_white(theme.VERMILLION) if result.deadlocked else (
            theme.readable_on_white(theme.BLUISH_GREEN))
        self.verdict.setStyleSheet(theme.text_css(theme.TITLE_PT, bold=True, colour=colour))
        self.verdict.setText(result.sentence())
        self.status.setText(f"{result.status.capitalize()} after {result.elapsed_s:.2f} s.")

    @property
    def deadlocked(self) -> bool:
        """True while the page shows a deadlock."""
        g = self.graph_view.graph
        return bool(g and g.deadlocked)

