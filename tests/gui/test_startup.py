"""The window shows itself before the plots are built, and loses nothing by it.

Importing pyqtgraph and building the plots takes longer than the rest of the window, so the
window paints first and builds the plot and the timeline on the next turn of the event loop
(gui/lazy.py). These tests hold the parts a user relies on: the window really paints before
pyqtgraph is imported, the plots arrive by themselves showing the experiment, a lesson can open
a lab tab that is not built yet, and a pane built in presentation mode or after a zoom looks
like one that was there already.
"""

import os
import subprocess
import sys
import textwrap

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel

from thread_lab.gui import theme
from thread_lab.gui.lessons import LESSONS
from thread_lab.gui.main_window import MainWindow

LEFT = Qt.MouseButton.LeftButton


def test_the_window_paints_before_pyqtgraph_is_imported_then_adds_the_plots():
    """In a fresh process, as the program starts: first paint without pyqtgraph, plots just after."""
    script = textwrap.dedent("""
        import sys
        from PySide6.QtCore import QEvent, QObject, QTimer
        from thread_lab.gui.app import create_app
        from thread_lab.gui.main_window import MainWindow

        app = create_app()
        window = MainWindow()
        window.resize(1200, 800)
        seen = {}

        class FirstPaint(QObject):
            def eventFilter(self, obj, event):
                if event.type() == QEvent.Type.Paint and "paint" not in seen:
                    seen["paint"] = ("pyqtgraph" in sys.modules, window.panes_built())
                return False

        watcher = FirstPaint()
        window.installEventFilter(watcher)
        def shown():
            seen["built"] = window.plot.isVisible() and window.timeline.isVisible()
            window.close()
        window.panesBuilt.connect(lambda: QTimer.singleShot(0, shown))
        QTimer.singleShot(20_000, window.close)
        window.show()
        app.exec()
        print(seen)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    seen = eval(done.stdout.strip().splitlines()[-1])  # noqa: S307 - our own dict
    assert seen["paint"] == (False, False), "the first paint waited for pyqtgraph or the plots"
    assert seen["built"] is True, "the plots never arrived by themselves"


def test_the_program_says_when_it_painted_and_when_its_plots_did():
    """The start-up benchmark's protocol (also used on the frozen build in CI)."""
    done = subprocess.run([sys.executable, "-m", "thread_lab"], capture_output=True, text=True,
                          timeout=60, env={**os.environ, "THREAD_LAB_EXIT_AFTER_FIRST_PAINT": "1"})
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["first-paint", "plots-painted"]


def test_plots_built_after_the_first_paint_show_the_experiment(qtbot):
    """Nobody calls for them: they come by themselves and show the settings on the controls."""
    window = MainWindow()
    qtbot.addWidget(window)
    window.controls.threads.setValue(5)
    assert not window.panes_built()
    window.show()
    qtbot.waitUntil(window.panes_built, timeout=10_000)
    assert "5 threads" in window.timeline.title.text()
    assert window.plot.experiment == "counter"
    # Start still works the same: the run shows on the plots built late.
    window.controls.iterations.setValue(5)
    window.controls.sleep.setValue(0.001)
    with qtbot.waitSignal(window.runFinished, timeout=20_000):
        qtbot.mouseClick(window.controls.start_button, LEFT)
    assert window.plot.series()[1][-1] == 25  # the increments made: 5 threads × 5


def test_start_before_the_plots_exist_builds_them_first(qtbot):
    """A run started before the first paint (the self-test, a quick click) has its plots."""
    window = MainWindow()
    qtbot.addWidget(window)
    window.controls.iterations.setValue(5)
    assert window.start()
    assert window.panes_built()
    qtbot.waitUntil(lambda: window.last_result is not None, timeout=20_000)
    t, expected, _ = window.plot.series()
    assert expected[-1] == 8 * 5


def test_a_lesson_opens_a_lab_tab_that_is_not_built_yet(qtbot):
    """The GIL lesson's "Open the lab" button finds the lab by name before its page exists."""
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    lessons = window.classroom.lessons
    index = next(i for i, lesson in enumerate(LESSONS) if lesson.lab == "CpuIoPage")
    tab = next(window.labs.widget(i) for i in range(window.labs.count())
               if getattr(window.labs.widget(i), "name", "") == "CpuIoPage")
    assert not tab.built
    lessons.show_lesson(index, setup=False)
    window.classroom.dock.show()
    assert lessons.lab_button.isVisibleTo(window.classroom.dock)
    qtbot.mouseClick(lessons.lab_button, LEFT)
    assert window.labs.currentWidget() is tab and tab.built
    assert type(tab.page).__name__ == "CpuIoPage"


def drawing(window):
    """What the plots draw with: tick and label sizes, pen widths, label style sheets."""
    out = []
    for pane in (window.plot, window.timeline):
        for view in pane.findChildren(pg.GraphicsView):
            for item in view.scene().items():
                if isinstance(item, pg.AxisItem) and item.style.get("tickFont") is not None:
                    out.append(("ticks", round(item.style["tickFont"].pointSizeF())))
                elif isinstance(item, pg.PlotDataItem):
                    out.append(("curve", round(pg.mkPen(item.opts["pen"]).widthF())))
                elif isinstance(item, pg.InfiniteLine):
                    if QColor(item.pen.color()).name().upper() != theme.BACKGROUND.upper():
                        out.append(("line", round(item.pen.widthF())))
        out.extend(("label", label.styleSheet().replace(".00pt", "pt"))
                   for label in pane.findChildren(QLabel))
    return out


def built(qtbot, late: bool, change):
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    if not late:
        window.build_panes()
    change(window.classroom)
    window.build_panes()
    return window


def test_plots_built_in_presentation_mode_look_like_plots_switched_to_it(qtbot):
    """--presentation switches before the first paint: the plots built after get thick lines too."""
    def present(room):
        room.set_presentation(True, full_screen=False)

    early, late = built(qtbot, False, present), built(qtbot, True, present)
    assert drawing(late) == drawing(early)
    assert min(w for what, w in drawing(late) if what in ("curve", "line")) >= 4
    assert not late.timeline.hover.isVisibleTo(late)  # nobody points at a projector
    for window in (early, late):
        window.classroom.set_presentation(False, full_screen=False)
    assert drawing(late) == drawing(early) == drawing(built(qtbot, True, lambda room: None))


def test_plots_built_after_a_remembered_zoom_look_like_plots_zoomed(qtbot):
    """A zoom restored from the settings comes before the first paint, the plots after it."""
    def zoom(room):
        room.zoom(+2)

    early, late = built(qtbot, False, zoom), built(qtbot, True, zoom)
    assert drawing(late) == drawing(early)
    for window in (early, late):
        window.classroom.zoom(0)
    assert drawing(late) == drawing(early)
