"""Start the window: QApplication, style, main window, and the scripted modes."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

from thread_lab.engine import RunConfig

SELF_TEST_CONFIG = RunConfig.for_experiment("counter", threads=8, iterations=50, sleep=0.001)
SCRIPTED_TIMEOUT_MS = 120_000  # a scripted run that never ends is a failure, not a hang


def run_window(config: RunConfig, *, screenshot: Path | None = None,
               self_test: bool = False, presentation: bool = False, language: str | None = None,
               config_given: bool = True) -> int:
    """Open the window (or run it scripted); return the process exit status.

    `language` ("en", "fr") wins over the remembered one and the system's; `config` wins over
    the remembered experiment settings when `config_given`. Scripted runs (--screenshot,
    --self-test) neither read nor write the remembered settings: their pictures and results
    are the same on every machine.
    """
    from thread_lab.gui.display import display_problem

    scripted = self_test or screenshot is not None
    problem = display_problem()
    if problem and scripted and "QT_QPA_PLATFORM" not in os.environ:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a picture needs no screen
        problem = None
    if problem:
        sys.stderr.write(f"thread-lab: {problem}\n")
        return 1

    app = create_app()
    from PySide6.QtCore import QTimer

    from thread_lab.gui import i18n, settings
    from thread_lab.gui.main_window import MainWindow
    from thread_lab.gui.presentation import apply_palette

    remembered = settings.Remembered() if scripted else settings.load()
    i18n.install(app, i18n.choose_language(language, remembered.language))
    if remembered.theme == "dark":
        apply_palette(app, True)
    if not config_given and remembered.config is not None:
        config = remembered.config
    window = MainWindow(SELF_TEST_CONFIG if self_test else config)
    offscreen = app.platformName() == "offscreen"
    if scripted and offscreen:
        window.resize(1920, 1080)
    else:
        screen = app.primaryScreen().availableGeometry()
        window.resize(min(1800, screen.width()), min(1050, screen.height()))
    if not scripted:
        window.classroom.restore(remembered)
        window.classroom.remember = True
    window.show()
    if presentation:  # full screen on a real screen; the offscreen one keeps its 1920×1080
        window.classroom.set_presentation(True, full_screen=not offscreen)

    # The window in use: switching theme or language replaces it (gui/classroom.py).
    current = [window]

    def replaced(new) -> None:
        current[0] = new
        new.classroom.windowReplaced.connect(replaced)

    window.classroom.windowReplaced.connect(replaced)

    # Ctrl+C in the terminal closes the window cleanly (Python needs the loop to wake up).
    signal.signal(signal.SIGINT, lambda *_: current[0].close())
    wake = QTimer(app)
    wake.start(200)
    wake.timeout.connect(lambda: None)

    if os.environ.get("THREAD_LAB_EXIT_AFTER_FIRST_PAINT"):
        _exit_after_first_paint(app, window)
    status = {"code": 0}
    if self_test:
        _self_test(app, window, status)
    elif screenshot is not None:
        _screenshot(app, window, Path(screenshot), status)
    code = app.exec()
    current[0].stop_and_join()
    return status["code"] if scripted else code


def create_app():
    """The QApplication set up as the window needs it: names, icon, style.

    The window and the benchmarks (tests/benchmarks) both start here, so what is measured
    is what people run. pyqtgraph is not imported here: the plots import it just after the
    window's first paint (gui/plotting.py).
    """
    os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
    from PySide6.QtWidgets import QApplication

    from thread_lab.gui.style import app_style

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Thread Lab")
    app.setApplicationDisplayName("Thread Lab")
    app.setOrganizationName("Thread Lab")
    app.setDesktopFileName("thread-lab")
    _set_icon(app)
    app.setStyleSheet(app_style())
    return app


def _set_icon(app) -> None:
    try:
        from PySide6.QtGui import QIcon

        from thread_lab.resources import icon_path

        app.setWindowIcon(QIcon(str(icon_path())))
    except (ImportError, OSError):
        pass  # no icon is no reason not to start


def _fail_later(app, window, status, what: str) -> None:
    from PySide6.QtCore import QTimer

    def give_up() -> None:
        sys.stderr.write(f"thread-lab: {what} did not finish within "
                         f"{SCRIPTED_TIMEOUT_MS // 1000} s\n")
        status["code"] = 1
        window.close()

    QTimer.singleShot(SCRIPTED_TIMEOUT_MS, window, give_up)


def _screenshot(app, window, out: Path, status: dict) -> None:
    """Run the experiment to its end in the window, save a picture of it, then quit."""
    from PySide6.QtCore import QTimer

    def save(result) -> None:
        app.processEvents()
        picture = window.grab()
        if picture.save(str(out)):
            print(f"thread-lab: saved {out} ({picture.width()}×{picture.height()}): "
                  f"{result.sentence()}")
        else:
            sys.stderr.write(f"thread-lab: cannot save the picture to {out}\n")
            status["code"] = 1
        window.close()

    def begin() -> None:
        if not window.start():
            sys.stderr.write(f"thread-lab: {window.banner.text().lstrip('⚠ ')}\n")
            status["code"] = 1
            window.close()

    window.runFinished.connect(lambda result: QTimer.singleShot(150, lambda: save(result)))
    QTimer.singleShot(300, begin)
    _fail_later(app, window, status, "the run for the screenshot")


def _self_test(app, window, status: dict) -> None:
    """Counter with the lock off, then on, through the window: lost, then none lost."""
    from PySide6.QtCore import QTimer

    results = []

    def finished(result) -> None:
        results.append(result)
        if len(results) == 1:
            window.controls.lock.setChecked(True)
            QTimer.singleShot(0, window.start)
            return
        off, on = results
        ok = off.lost > 0 and on.lost == 0 and on.expected == off.expected == 400
        print(f"self-test {'passed' if ok else 'FAILED'}: lock off lost {off.lost} of "
              f"{off.expected}, lock on lost {on.lost} of {on.expected} "
              f"({window.run.worker_class.__name__}, {len(window.run.workers)} threads)")
        status["code"] = 0 if ok else 1
        window.close()

    window.controls.lock.setChecked(False)
    window.runFinished.connect(finished)
    QTimer.singleShot(100, window.start)
    _fail_later(app, window, status, "the self-test")


def _exit_after_first_paint(app, window) -> None:
    """For start-up measurements: print "first-paint" once the window's first frame is on
    the screen, "plots-painted" once the plots built after it are too, then quit."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    def say(line: str) -> None:
        print(line, flush=True)

    class Painted(QObject):
        """Says `line` just after `widget`'s first paint: once the whole frame is flushed."""

        def __init__(self, widget, line: str, then=None) -> None:
            super().__init__(widget)
            self.widget, self.line, self.then = widget, line, then
            widget.installEventFilter(self)

        def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.Paint:
                self.widget.removeEventFilter(self)
                QTimer.singleShot(0, lambda: (say(self.line), self.then and self.then()))
            return False

    def watch_plots() -> None:
        Painted(window.plot.graphics.viewport(), "plots-painted", lambda: QTimer.singleShot(0, window.close))

    window._first_paint = Painted(window, "first-paint")
    if window.panes_built():
        watch_plots()
    else:
        window.panesBuilt.connect(watch_plots)
