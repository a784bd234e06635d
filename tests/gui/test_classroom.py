"""In the classroom: presentation mode, zoom, themes, colour cues, the keyboard, lessons,
French, remembered settings and exports, driven through the real window."""

import ast
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QFontInfo, QImage
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QTabBar,
    QWidget,
)

import pyqtgraph as pg

from thread_lab.engine import RunConfig, State
from thread_lab.gui import i18n, settings, theme
from thread_lab.gui.exports import save_plots_png, save_script, save_series_csv
from thread_lab.gui.lessons import LESSONS
from thread_lab.gui.main_window import MainWindow
from thread_lab.gui.presentation import MIN_TEXT_PX, apply_palette
from thread_lab.gui.timeline import WAITING_STRIPE
from thread_lab.resources import resource_path

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "thread_lab_fr.ts"
QUICK = dict(threads=4, iterations=20, sleep=0.002)
OKABE_ITO = {theme.BLACK, theme.ORANGE, theme.SKY_BLUE, theme.BLUISH_GREEN, theme.YELLOW, theme.BLUE,
             theme.VERMILLION, theme.REDDISH_PURPLE}


@pytest.fixture
def window(qtbot):
    """A 1920×1080 main window; every window it turns into is stopped, joined and closed after."""
    windows = []

    def track(win):
        qtbot.addWidget(win)
        windows.append(win)
        win.classroom.windowReplaced.connect(track)

    win = MainWindow()
    track(win)
    win.resize(1920, 1080)
    win.show()
    qtbot.waitExposed(win)
    yield win
    for w in windows:
        try:
            assert w.stop_and_join(5)
        except RuntimeError:
            pass  # already deleted by a rebuild
    app = QApplication.instance()
    if theme.DARK:
        apply_palette(app, False)
    if i18n.current_language() != "en":
        i18n.install(app, "en")


def run_to_end(qtbot, win, start=None, timeout=20_000):
    """Start (by `start()`, or the Start button) and wait for the window to show the result."""
    with qtbot.waitSignal(win.runFinished, timeout=timeout) as finished:
        (start or win.start)()
    return finished.args[0]


def configure(win, experiment="counter", **settings):
    """Show these settings in the controls, as a lesson or a user would."""
    config = RunConfig.for_experiment(experiment, **settings)
    win.show_config(config)
    return config


def px(pt, win):
    """Points → pixels on the window's screen."""
    return pt * win.screen().logicalDotsPerInch() / 72


def visible_text_widgets(win):
    """The widgets on screen that draw text."""
    kinds = (QLabel, QAbstractButton, QComboBox, QAbstractSpinBox, QTabBar, QLineEdit)
    for w in win.findChildren(QWidget):
        if isinstance(w, kinds) and w.isVisible() and w.width() > 0:
            if isinstance(w, QLabel) and not w.text():
                continue
            yield w


def plot_text_sizes(win):
    """(what, pixels) of every text pyqtgraph draws in the window's plots."""
    for view in win.findChildren(pg.GraphicsView):
        if not view.isVisible():
            continue
        for item in view.scene().items():
            if isinstance(item, pg.AxisItem) and item.isVisible():
                font = item.style.get("tickFont")
                if font is not None:
                    yield f"ticks {item.orientation}", px(font.pointSizeF(), win)
                size = item.labelStyle.get("font-size") if item.label.isVisible() else None
                if size:
                    yield f"axis label {item.labelText}", px(float(size.rstrip("pt")), win)
            elif isinstance(item, pg.LabelItem) and item.text and item.isVisible():
                yield f"title {item.text}", px(float(str(item.opts["size"]).rstrip("pt")), win)
            elif isinstance(item, pg.TextItem) and item.isVisible():
                yield f"text {item.textItem.toPlainText()}", px(item.textItem.font().pointSizeF(), win)


def plot_lines(win):
    """(what, width) of every curve and marker line in the window's plots."""
    for view in win.findChildren(pg.GraphicsView):
        for item in view.scene().items():
            if isinstance(item, pg.PlotDataItem) and item.isVisible():
                yield "curve", pg.mkPen(item.opts["pen"]).widthF()
            elif isinstance(item, pg.InfiniteLine) and item.isVisible():
                if QColor(item.pen.color()).name().upper() != theme.BACKGROUND.upper():
                    yield "line", item.pen.widthF()


def contrast(a, b):
    """The WCAG contrast ratio of two colours."""
    lum = [theme._luminance([QColor(c).red(), QColor(c).green(), QColor(c).blue()]) for c in (a, b)]
    return (max(lum) + 0.05) / (min(lum) + 0.05)


# -- presentation mode and zoom ------------------------------------------------------------


def test_presentation_mode_big_text_thick_lines_big_controls(qtbot, window):
    """F5: full screen; every text at least 24 px, every plot line at least 4 px, big controls."""
    normal_button = window.controls.start_button.height()
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert window.classroom.look.presentation and window.isFullScreen()
    assert window.classroom.presentation_action.isChecked()
    window.resize(1920, 1080)  # the offscreen screen is smaller than a projector
    configure(window, lock=False, threads=4, iterations=300, sleep=0.002)
    with qtbot.waitSignal(window.runFinished, timeout=20_000) as finished:
        window.start()
        qtbot.waitUntil(lambda: window.plot.series()[0].size > 3, timeout=5000)
        window.controls.lock.click()  # a lock marker on the plot and the timeline
    result = finished.args[0]
    assert window.plot.lock_switches
    small = [(w, QFontInfo(w.font()).pixelSize()) for w in visible_text_widgets(window)]
    small = [(type(w).__name__, getattr(w, "text", lambda: "")()[:30], size) for w, size in small
             if size < MIN_TEXT_PX]
    assert not small, f"text under 24 px in presentation mode: {small[:8]}"
    tiny = [(what, round(size, 1)) for what, size in plot_text_sizes(window) if size < MIN_TEXT_PX - 0.01]
    assert not tiny, f"plot text under 24 px: {tiny[:8]}"
    thin = [(what, width) for what, width in plot_lines(window) if width < 4]
    assert not thin and any(what == "curve" for what, _ in plot_lines(window)), thin
    assert window.controls.start_button.height() >= max(60, normal_button * 1.3)
    assert window.controls.lock.height() >= 70
    assert contrast(theme.MUTED, theme.BACKGROUND) >= 7  # high contrast: no faint grey text
    assert result.lost > 0

    qtbot.keyClick(window, Qt.Key.Key_Escape)  # Esc leaves, as in a slide show
    assert not window.classroom.look.presentation and not window.isFullScreen()
    assert theme.SMALL_PT == 14 and theme.LINE_PX == 4
    assert window.statusBar().isVisible()


def test_zoom_keys_scale_text_and_plots_and_come_back(qtbot, window):
    """Ctrl+= makes text, plot fonts and curves bigger; Ctrl+- smaller; Ctrl+0 exactly as before."""
    label = window.summary.sentence
    axis = window.plot.plot.getAxis("bottom")
    curve = window.plot.expected_curve

    def sizes():
        return (QFontInfo(label.font()).pixelSize(), axis.style["tickFont"].pointSizeF(),
                pg.mkPen(curve.opts["pen"]).widthF(), QFontInfo(window.controls.threads.font()).pixelSize())

    before = sizes()
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    bigger = sizes()
    assert all(b > a for a, b in zip(before, bigger)), (before, bigger)
    assert window.classroom.look.zoom > 1.2
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert sizes() == before
    qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert all(b < a for a, b in zip(before, sizes()))
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert sizes() == before


def test_dark_theme_rebuilds_the_window_dark_and_readable(qtbot, window):
    """View ▸ Theme ▸ Dark: a new window, dark plots and code, every thread colour readable."""
    configure(window, experiment="file", threads=3, iterations=5, sleep=0.001)
    with qtbot.waitSignal(window.classroom.windowReplaced) as replaced:
        window.classroom.dark_action.trigger()
    dark = replaced.args[0]
    assert theme.DARK and dark.classroom.dark_action.isChecked()
    assert dark.controls.config().experiment == "file"  # the settings carried over
    assert QColor(dark.plot.graphics.backgroundBrush().color()).lightness() < 60
    base = dark.code.worker_code.palette().color(dark.code.worker_code.palette().ColorRole.Base)
    assert base.lightness() < 60
    for i in range(0, 8):
        assert contrast(theme.text_colour_for_thread(i), theme.BACKGROUND) >= 4.5
    assert contrast(theme.MUTED, theme.BACKGROUND) >= 7
    with qtbot.waitSignal(dark.classroom.windowReplaced) as replaced:
        dark.classroom.light_action.trigger()
    assert not theme.DARK and theme.BACKGROUND == "#FFFFFF"


# -- colour is never the only cue -------------------------------------------------------------


def test_every_colour_comes_with_a_second_cue(qtbot, window):
    """Thread colours are Okabe–Ito; bars carry numbers, curves line styles, waiting a pattern."""
    assert set(theme.THREAD_COLOURS) <= OKABE_ITO
    assert all(theme.colour_for_thread(i) in OKABE_ITO for i in range(1, 9))
    configure(window, lock=True, threads=4, iterations=20, sleep=0.01)
    run_to_end(qtbot, window)
    ticks = window.plot.bars_plot.getAxis("bottom")._tickLevels
    assert [label for _, label in ticks[0]] == ["1", "2", "3", "4"]  # every bar named
    styles = {pg.mkPen(c.opts["pen"]).style() for c in (window.plot.expected_curve, window.plot.actual_curve,
                                                        window.plot.lost_curve)}
    assert len(styles) == 3  # dashed, solid, dotted: told apart without colour
    images = [item.image for item in window.timeline._rows.items]
    assert any((image == WAITING_STRIPE).any() for image in images)  # waiting is striped
    assert any((image == State.WAITING).any() for image in images)
    legend = " ".join(label.text() for label in window.timeline._legend.values())
    assert "Waiting for the lock" in legend and "Holding the lock" in legend


# -- the keyboard -----------------------------------------------------------------------------


def test_single_keys_run_the_lab(qtbot, window):
    """Space starts and stops, L flips the lock, ↑/↓ change the threads, R resets."""
    configure(window, threads=4, iterations=400, sleep=0.005, lock=False)
    window.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_L)
    assert window.controls.lock.isChecked()
    qtbot.keyClick(window, Qt.Key.Key_L)
    assert not window.controls.lock.isChecked()
    qtbot.keyClick(window, Qt.Key.Key_Up)
    qtbot.keyClick(window, Qt.Key.Key_Up)
    qtbot.keyClick(window, Qt.Key.Key_Down)
    assert window.controls.threads.value() == 5
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert window.is_running()
    qtbot.keyClick(window, Qt.Key.Key_L)  # mid-run too
    assert window.run.lock.enabled
    with qtbot.waitSignal(window.runFinished, timeout=10_000) as finished:
        qtbot.keyClick(window, Qt.Key.Key_Space)
    assert finished.args[0].status == "stopped"
    qtbot.keyClick(window, Qt.Key.Key_R)
    assert window.controls.config() == RunConfig.for_experiment("counter")


def test_single_keys_never_fire_while_typing(qtbot, window):
    """In a spin box, L, R, Space and ↑ edit the field; Enter gives the keys back to the window."""
    configure(window, threads=4, sleep=0.02, lock=False)
    sleep = window.controls.sleep
    sleep.setFocus()
    assert QApplication.focusWidget() is sleep
    before = sleep.value()
    for key in (Qt.Key.Key_L, Qt.Key.Key_R, Qt.Key.Key_Space, Qt.Key.Key_Up):
        qtbot.keyClick(sleep, key)
    assert not window.controls.lock.isChecked() and not window.is_running()
    assert window.controls.threads.value() == 4  # ↑ stepped the sleep, not the threads
    assert sleep.value() == pytest.approx(before + 0.001)
    qtbot.keyClick(sleep, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is not sleep
    qtbot.keyClick(window, Qt.Key.Key_L)
    assert window.controls.lock.isChecked()
    lessons = window.classroom.lessons.chooser  # a list box keeps its arrows
    window.classroom.dock.show()
    lessons.setFocus()
    qtbot.keyClick(lessons, Qt.Key.Key_Down)
    assert lessons.currentIndex() == 1 and window.controls.threads.value() != 5


def test_a_focused_button_keeps_space_and_clicks_leave_no_focus(qtbot, window):
    """Tab to Reset and press Space: Reset, not Start. A mouse click does not take the focus."""
    configure(window, threads=7, **{k: v for k, v in QUICK.items() if k != "threads"})
    qtbot.mouseClick(window.controls.lock, Qt.MouseButton.LeftButton)
    assert QApplication.focusWidget() is not window.controls.lock
    window.controls.reset_button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(window.controls.reset_button, Qt.Key.Key_Space)
    assert not window.is_running()
    assert window.controls.threads.value() == RunConfig.for_experiment("counter").threads


def test_question_mark_shows_the_shortcuts_and_any_key_hides_them(qtbot, window):
    """? (or F1) lays the list of shortcuts over the window; any key closes it without acting."""
    overlay = window.classroom.overlay
    window.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_Question)
    assert overlay.isVisible() and overlay.geometry() == window.rect()
    texts = " ".join(label.text() for label in overlay.findChildren(QLabel))
    assert "Space" in texts and "F5" in texts and "Presentation mode" in texts
    qtbot.keyClick(overlay, Qt.Key.Key_Space)
    assert not overlay.isVisible() and not window.is_running()
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert overlay.isVisible()
    qtbot.mouseClick(overlay, Qt.MouseButton.LeftButton)
    assert not overlay.isVisible()


def test_tab_reaches_every_control_and_each_has_a_name(qtbot, window):
    """Tab walks through every control; each says what it is to a screen reader."""
    from PySide6.QtGui import QAccessible

    window.classroom.dock.show()
    c = window.controls
    c.experiment.setFocus(Qt.FocusReason.TabFocusReason)
    seen = []
    for _ in range(80):
        focus = QApplication.focusWidget()
        if focus in seen:
            break
        seen.append(focus)
        qtbot.keyClick(focus, Qt.Key.Key_Tab)
    wanted = [c.experiment, c.threads, c.sleep, c.iterations, c.join, c.plain, c.lock, c.lock_kind,
              c.start_button, c.reset_button, window.classroom.lessons.chooser,
              *window.classroom.lessons.steps, window.classroom.lessons.next]
    missing = [w.accessibleName() or type(w).__name__ for w in wanted if w not in seen]
    assert not missing, f"not reachable with Tab: {missing}"
    nameless = []
    for w in seen:
        face = QAccessible.queryAccessibleInterface(w)
        if not (w.accessibleName() or (face and face.text(QAccessible.Text.Name))):
            nameless.append(type(w).__name__)
    assert not nameless, f"no name for a screen reader: {nameless}"


# -- lessons ------------------------------------------------------------------------------------


def test_lessons_follow_the_tutorial_and_tell_the_truth_about_the_race():
    """Eight lessons in the tutorial's order; the race lesson says the pause is there on purpose."""
    assert [lesson.key for lesson in LESSONS] == ["linear", "first", "race", "file", "lock", "join",
                                                  "cpu", "next"]
    race = LESSONS[2]
    assert "on purpose" in race.intro and "3.10" in race.intro
    cpu = LESSONS[6]
    assert "GIL" in cpu.intro and {s.experiment for s in cpu.steps} == {"sleep", "counter"}
    assert "concurrent.futures" in LESSONS[7].predict and "asyncio" in LESSONS[7].predict
    for lesson in LESSONS[:-1]:
        assert lesson.steps and lesson.predict and lesson.watch
        for step in lesson.steps:
            step.config()  # every lesson's settings are valid


def test_a_lesson_sets_the_controls_and_runs_it_in_a_dock(qtbot, window):
    """Choosing a lesson sets the controls; its button runs it; the panel is a dock, not a dialog."""
    classroom = window.classroom
    qtbot.keyClick(window, Qt.Key.Key_F2)
    assert classroom.dock.isVisible() and not classroom.dock.isFloating()
    assert not classroom.lessons.window().isModal()
    classroom.lessons.show_lesson(3)  # many threads, one file
    assert window.controls.config().experiment == "file"
    assert "⚠" in classroom.lessons.watch.text()
    result = run_to_end(qtbot, window, start=lambda: classroom.lessons.run_step(0))
    assert result.experiment == "file" and result.lines_expected == 40
    assert window.tabs.currentWidget() is window.file_preview
    classroom.lessons.next.click()
    assert classroom.lessons.index == 4 and window.controls.config().lock


# -- French ------------------------------------------------------------------------------------


def translatable_strings():
    """(context, text) of every translate() and QT_TRANSLATE_NOOP() call in the package."""
    found = set()
    for path in (ROOT / "thread_lab").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or len(node.args) < 2:
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            context, text = node.args[:2]
            if name in ("translate", "QT_TRANSLATE_NOOP") and all(
                    isinstance(a, ast.Constant) and isinstance(a.value, str) for a in (context, text)):
                found.add((context.value, text.value))
    return found


def ts_messages():
    """{(context, source): (translation, finished)} from the French .ts file."""
    messages = {}
    for context in ET.parse(TS).getroot().iter("context"):
        for message in context.iter("message"):
            translation = message.find("translation")
            messages[(context.findtext("name"), message.findtext("source"))] = (
                translation.text or "", translation.get("type") not in ("unfinished", "obsolete"))
    return messages


def test_every_string_of_the_window_has_a_finished_french_translation():
    """Every translatable string in the code is in the .ts, translated, with the same {fields}."""
    strings = translatable_strings()
    messages = ts_messages()
    assert len(strings) > 250
    missing = sorted(s for s in strings if s not in messages)
    assert not missing, f"run resources/translations/update.py; not in the .ts: {missing[:5]}"
    unfinished = [key for key, (text, done) in messages.items() if not done or not text.strip()]
    assert not unfinished, f"untranslated: {unfinished[:5]}"
    for (context, source), (text, _) in messages.items():
        assert sorted(re.findall(r"\{\w*\}", source)) == sorted(re.findall(r"\{\w*\}", text)), source


def test_the_shipped_qm_is_compiled_from_the_ts_and_packaged():
    """The .qm the program loads says what the .ts says, and the wheel carries it."""
    from PySide6.QtCore import QTranslator

    qm = resource_path("translations/thread_lab_fr.qm")
    translator = QTranslator()
    assert translator.load(str(qm))
    for (context, source), (text, _) in ts_messages().items():
        assert translator.translate(context, source) == text, source
    assert '"translations/*.qm"' in (ROOT / "pyproject.toml").read_text()


def test_the_french_window_speaks_french(qtbot):
    """--lang fr: menus, controls, summary, legends, lessons and timeline are in French."""
    app = QApplication.instance()
    assert i18n.install(app, "fr")
    try:
        win = MainWindow(RunConfig.for_experiment("counter", **QUICK))
        qtbot.addWidget(win)
        win.show()
        result = run_to_end(qtbot, win)
        menus = [a.text().replace("&", "") for a in win.menuBar().actions()]
        assert menus[:2] == ["Fichier", "Exécution"] and "Affichage" in menus and "Aide" in menus
        assert "Démarrer" in win.controls.start_button.text()
        assert win.controls.lock.text().startswith("Sans verrou")
        assert win.summary.title() == "Résumé"
        assert "incréments sur" in win.summary.sentence.text() and str(result.lost) in win.summary.sentence.text()
        assert "attendu (incréments faits)" in win.plot.legend.text().replace("&nbsp;", " ")
        assert "Attend le verrou" in " ".join(label.text() for label in win.timeline._legend.values())
        assert win.timeline.title.text().startswith("Chronologie")
        assert win.classroom.lessons.title.text() == "L'un après l'autre, ou en même temps"
        assert win.classroom.dock.windowTitle() == "Leçons"
        assert win.tabs.tabText(1) == "C&onsole" and "Fichier" in win.tabs.tabText(2)
        assert i18n.number(12345) == "12\u202f345"
        assert win.stop_and_join(5)
    finally:
        i18n.install(app, "en")


def test_switching_language_rebuilds_the_window_in_french(qtbot, window):
    """View ▸ Language ▸ Français rebuilds the window in French, keeping the experiment."""
    configure(window, experiment="sleep", threads=3, sleep=0.5)
    window.classroom.lessons.show_lesson(5, setup=False)
    with qtbot.waitSignal(window.classroom.windowReplaced) as replaced:
        window.classroom.language_actions["fr"].trigger()
    french = replaced.args[0]
    assert i18n.current_language() == "fr"
    assert "Démarrer" in french.controls.start_button.text()
    assert french.controls.config().experiment == "sleep" and french.controls.threads.value() == 3
    assert french.classroom.lessons.index == 5
    assert french.classroom.language_actions["fr"].isChecked()


def test_language_comes_from_the_command_line_then_memory_then_the_system():
    """--lang wins, then the remembered choice, then the system's language (English otherwise)."""
    assert i18n.choose_language("fr", "en") == "fr"
    assert i18n.choose_language(None, "fr") == "fr"
    assert i18n.choose_language(None, None) in i18n.LANGUAGES
    assert i18n.choose_language("xx", None) == i18n.system_language()


def test_presentation_in_french_screenshot_from_the_command_line(tmp_path):
    """`thread-lab --presentation --lang fr --screenshot OUT.png` saves a 1920×1080 picture."""
    out = tmp_path / "fr.png"
    done = subprocess.run(
        [sys.executable, "-m", "thread_lab", "counter", "--threads", "4", "--iterations", "20",
         "--sleep", "0.002", "--presentation", "--lang", "fr", "--screenshot", str(out)],
        capture_output=True, text=True, timeout=120,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stderr
    picture = QImage(str(out))
    assert (picture.width(), picture.height()) == (1920, 1080)


# -- remembered settings -------------------------------------------------------------------------


def test_settings_are_remembered_between_sessions(qtbot, window, own_settings_file):
    """Experiment, zoom, lessons and layout come back in the next window; tests use their own file."""
    assert Path(settings.open_settings().fileName()) == own_settings_file
    window.classroom.remember = True
    configure(window, threads=5, iterations=30, sleep=0.003, lock=True, lock_kind="rlock")
    window.classroom.zoom(+1)
    window.classroom.dock.show()
    window.classroom.lessons.show_lesson(4, setup=False)
    window.close()
    assert own_settings_file.exists()

    found = settings.load()
    assert not found.problems
    assert found.config == RunConfig.for_experiment("counter", threads=5, iterations=30, sleep=0.003,
                                                     lock=True, lock_kind="rlock")
    again = MainWindow(found.config)
    qtbot.addWidget(again)
    again.classroom.restore(found)
    again.show()
    assert again.controls.config().lock_kind == "rlock" and again.controls.threads.value() == 5
    assert again.classroom.look.zoom > 1 and again.classroom.lessons.index == 4
    assert not again.classroom.dock.isHidden() and again.banner.isHidden()
    again.classroom.zoom(0)


def test_a_damaged_settings_file_gives_defaults_and_a_note(qtbot, own_settings_file):
    """Nonsense values fall back to defaults, named in a note in the window; nothing crashes."""
    own_settings_file.write_text(
        "[run]\nthreads=banana\nexperiment=counter\n[window]\ngeometry=@ByteArray(nonsense)\n"
        "[look]\nzoom=99\ntheme=purple\n", encoding="utf-8")
    found = settings.load()
    assert found.config is None and found.zoom == 1.0 and found.theme is None
    win = MainWindow(found.config)
    qtbot.addWidget(win)
    win.classroom.restore(found)
    assert not win.banner.isHidden()
    assert "could not be read" in win.banner.text() and "experiment settings" in win.banner.text()
    assert win.controls.config() == RunConfig()


def test_an_unparsable_settings_file_is_kept_aside_and_replaced(own_settings_file):
    """A file Qt cannot parse: defaults, a note, the file kept as .broken, and a fresh one saved."""
    own_settings_file.write_text("[run\nthreads=3\n", encoding="utf-8")
    found = settings.load()
    assert found.problems and "damaged" in found.note()
    assert own_settings_file.with_name(own_settings_file.name + ".broken").exists()
    assert settings.save({"run/threads": 6}) == ""
    assert QSettings(str(own_settings_file), QSettings.Format.IniFormat).value("run/threads") in ("6", 6)


# -- exports --------------------------------------------------------------------------------------


def test_exports_write_png_csv_and_script(qtbot, window, tmp_path):
    """The plots as PNG, the counter's samples as CSV, the experiment as a runnable script."""
    configure(window, **QUICK)
    result = run_to_end(qtbot, window)
    assert save_plots_png(window, tmp_path / "plots.png") == ""
    assert QImage(str(tmp_path / "plots.png")).width() > 400
    assert save_series_csv(window, tmp_path / "data.csv") == ""
    rows = (tmp_path / "data.csv").read_text().splitlines()
    assert rows[0] == "time_s,expected,actual,lost"
    assert rows[-1].split(",")[1:] == [str(result.expected), str(result.actual), str(result.lost)]
    assert save_script(window, tmp_path / "race.py") == ""
    source = (tmp_path / "race.py").read_text()
    assert "THREADS = 4" in source and "ITERATIONS = 20" in source and "import threading" in source


def test_a_save_that_fails_says_why_in_the_window(qtbot, window, tmp_path, monkeypatch):
    """Saving under a regular file (as if it were a folder) shows a clear message, no traceback."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    for save, name in ((save_plots_png, "p.png"), (save_series_csv, "d.csv"), (save_script, "s.py")):
        message = save(window, blocker / name)
        assert message.startswith("Could not save") and str(blocker / name) in message
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(blocker / "s.py"), ""))
    window.classroom.save_script_action.trigger()
    assert not window.banner.isHidden() and "Could not save the script" in window.banner.text()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "ok.py"), ""))
    window.classroom.save_script_action.trigger()
    assert window.banner.isHidden() and (tmp_path / "ok.py").exists()
    assert "Saved the script" in window.statusBar().currentMessage()


def test_the_shared_file_can_be_saved_from_the_file_menu(qtbot, window, tmp_path, monkeypatch):
    """File ▸ Save the shared file: a copy of the file experiment's file, where the user says."""
    configure(window, experiment="file", threads=2, iterations=3, sleep=0.001, directory=tmp_path)
    run_to_end(qtbot, window)
    qtbot.waitUntil(lambda: window.file_preview.caught_up, timeout=5000)
    dest = tmp_path / "copy.txt"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(dest), ""))
    window.classroom.save_file_action.trigger()
    assert dest.read_text().count("\n") == 6
