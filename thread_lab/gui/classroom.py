"""The classroom around the experiment: lessons, presentation mode, zoom, theme, language,
keyboard shortcuts, exports and remembered settings.

`Classroom(window)` adds all of it to a MainWindow (menus, buttons in the menu bar's corner,
the lessons dock, the shortcuts) without the window knowing the details. Switching the theme or the language
builds a fresh window in the same process (`rebuild_window`): every label is made again in
the new language and colours, with the settings, layout, zoom and lesson carried over. A run
in progress is stopped and joined first; the new window starts with empty plots.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDockWidget,
    QHBoxLayout,
    QScrollArea,
    QSplitter,
    QToolButton,
    QWidget,
)

from thread_lab.gui import i18n, settings, theme
from thread_lab.gui.exports import Exports
from thread_lab.gui.lazy import LazyPage
from thread_lab.gui.lessons import LESSONS, LessonsPanel
from thread_lab.gui.presentation import Look, apply_look, apply_palette, screen_dpi, zoomed
from thread_lab.gui.shortcuts import KeyGuard, ShortcutsOverlay, add_shortcut

translate = QCoreApplication.translate


class Classroom(QObject):
    """Lessons, presentation, zoom, theme, language, shortcuts, exports and settings of a window."""

    windowReplaced = Signal(object)  # the new MainWindow, after a theme or language switch

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.remember = False  # save the settings when the window closes (run_window turns it on)
        self.look = Look(dpi=screen_dpi(window))
        self._before_presentation: tuple[bool, bool] | None = None  # (maximized, full screen)
        self._geometry = None  # the window's geometry outside presentation mode
        self._splitter_state = None  # the panes' widths outside presentation mode

        self.exports = Exports(window)
        self.overlay = ShortcutsOverlay(window)
        self.lessons = LessonsPanel(has_lab=self._find_lab)
        self.lessons.runRequested.connect(self.run_step)
        self.lessons.setupRequested.connect(self.setup_step)
        self.lessons.labRequested.connect(self.open_lab)
        self.lessons.lessonChanged.connect(self._buttons_keep_focus_off)
        self.dock = QDockWidget(translate("Classroom", "Lessons"), window)
        self.dock.setObjectName("lessonsDock")
        self.dock.setWidget(self.lessons)
        self.dock.setAllowedAreas(Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea)
        self.dock.setMinimumWidth(300)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        # Hidden at first: at 1920 pixels the experiment needs the whole width. The Lessons
        # button in the menu bar, F2 and the status bar lead to it.
        self.dock.hide()

        self._make_actions()
        self._make_menus()
        self._make_corner_buttons()
        self._make_shortcuts()
        self._name_for_screen_readers()
        self._buttons_keep_focus_off()
        window.statusBar().showMessage(translate(
            "Classroom", "Choose an experiment and press Start, or follow the Lessons (F2)."))

    # -- what the menus, buttons and keys do ---------------------------------------------

    def toggle_run(self) -> None:
        """Space: start when idle, stop when running."""
        if self.window.is_running():
            self.window.stop()
        else:
            self.window.start()

    def toggle_lock(self) -> None:
        """L: flip the lock switch, as a click on it would (also mid-run)."""
        self.window.controls.lock.click()

    def change_threads(self, delta: int) -> None:
        """↑ / ↓: one thread more or less (between runs only, like the spin box)."""
        box = self.window.controls.threads
        if box.isEnabled():
            box.stepBy(delta)
            self.window.statusBar().showMessage(translate("Classroom", "Threads: {n}").format(n=box.value()))

    def run_step(self, step) -> None:
        """A lesson's "Run it": set the controls to its settings and start (stopping any run)."""
        if self.window.is_running():
            self.window.stop_and_join()
        self.setup_step(step)
        self.window.start()

    def setup_step(self, step) -> None:
        """Set the controls to a lesson step's settings, unless a run is going."""
        if self.window.is_running():
            return
        self.window.show_config(step.config(self._directory()))

    def open_lab(self, name: str) -> None:
        """Show the extra lab page whose class is `name`, if the window has it."""
        labs = self.window.labs
        for i in range(labs.count()):
            if _lab_name(labs.widget(i)) == name:
                labs.setCurrentIndex(i)
                return

    def set_presentation(self, on: bool, *, full_screen: bool = True) -> None:
        """F5: presentation mode on (full screen, big text, thick lines, high contrast) or off."""
        on = bool(on)
        if on == self.look.presentation:
            self.presentation_action.setChecked(on)
            return
        window = self.window
        split = self._main_splitter()
        if on:
            self._before_presentation = (window.isMaximized(), window.isFullScreen())
            if not window.isFullScreen():
                self._geometry = window.saveGeometry()
            self._splitter_state = split.saveState() if split is not None else None
        self._set_look(replace(self.look, presentation=on, dpi=screen_dpi(window)))
        self.presentation_action.setChecked(on)
        # On a projector every row of pixels goes to the plots: the status bar repeats the
        # summary, and nobody in the room can point at the timeline to read its hover line.
        window.statusBar().setVisible(not on)
        self._show_hover_hint()
        if on and full_screen:
            self._show_full_screen()
        elif not on and self._before_presentation is not None:
            maximized, was_full = self._before_presentation
            if not was_full:
                window.showNormal()
                if maximized:
                    window.showMaximized()
                elif self._geometry is not None:
                    window.restoreGeometry(self._geometry)
        if split is not None:
            if on:  # the plots get the room the bigger controls leave: 60 % of it, code 40 %
                QApplication.processEvents()  # the new sizes laid out first
                sizes = split.sizes()
                rest = sum(sizes) - sizes[0]
                split.setSizes([sizes[0], round(rest * 0.6), rest - round(rest * 0.6)])
            elif self._splitter_state is not None:
                split.restoreState(self._splitter_state)
        self._sync_full_screen_action()
        window.statusBar().showMessage(
            translate("Classroom", "Presentation mode: F5 or Esc to leave.") if on
            else translate("Classroom", "Presentation mode off."))

    def set_full_screen(self, on: bool) -> None:
        """F11: the window fills the screen, or not."""
        if on and not self.window.isFullScreen():
            self._geometry = self.window.saveGeometry()
            self._show_full_screen()
        elif not on and self.window.isFullScreen():
            self.window.showNormal()
            if self._geometry is not None:
                self.window.restoreGeometry(self._geometry)
        self._sync_full_screen_action()

    def escape(self) -> None:
        """Esc: close the shortcut list, else leave presentation mode, else full screen."""
        if self.overlay.isVisible():
            self.overlay.close_overlay()
        elif self.look.presentation:
            self.set_presentation(False)
        elif self.window.isFullScreen():
            self.set_full_screen(False)

    def zoom(self, steps: int) -> None:
        """Ctrl+= / Ctrl+- / Ctrl+0: everything bigger, smaller, or back to normal."""
        self._set_look(zoomed(self.look, steps))
        self.window.statusBar().showMessage(
            translate("Classroom", "Zoom {percent} %").format(percent=round(self.look.zoom * 100)))

    def set_theme(self, dark: bool) -> None:
        """Light or dark: rebuilds the window in that palette (a run in progress is stopped)."""
        if bool(dark) == theme.DARK:
            return
        self._remember({"look/theme": "dark" if dark else "light"})
        rebuild_window(self.window, dark=bool(dark))

    def set_language(self, language: str) -> None:
        """English or French: rebuilds the window in that language (a run in progress is stopped)."""
        if language == i18n.current_language():
            return
        self._remember({"language": language})
        rebuild_window(self.window, language=language)

    def toggle_lessons(self) -> None:
        """F2: show or hide the lessons."""
        self.dock.setVisible(not self.dock.isVisible())

    # -- remembered settings ---------------------------------------------------------------

    def restore(self, found: settings.Remembered) -> None:
        """Put back the window's layout, zoom and lesson from `found` (settings.load())."""
        window = self.window
        if found.geometry is not None and not window.restoreGeometry(found.geometry):
            found.problems.append(translate("Settings", "window layout"))
        if found.window_state is not None and not window.restoreState(found.window_state):
            found.problems.append(translate("Settings", "window layout"))
        split = self._main_splitter()
        if found.splitter is not None and split is not None and not split.restoreState(found.splitter):
            found.problems.append(translate("Settings", "window layout"))
        if found.lessons_visible is not None:
            self.dock.setVisible(found.lessons_visible)
        if 0 <= found.lesson < len(LESSONS):
            self.lessons.show_lesson(found.lesson, setup=False)
        if found.zoom != self.look.zoom:
            self._set_look(replace(self.look, zoom=found.zoom))
        note = found.note()
        if note:
            window.show_error(note)

    def values(self) -> dict:
        """What to remember of this window, as settings-file keys and values."""
        window = self.window
        try:
            values = settings.config_values(window.controls.config())
        except ValueError:  # settings out of range: remember the rest
            values = {}
        geometry = self._geometry if (self.look.presentation or window.isFullScreen()) and self._geometry else window.saveGeometry()
        values.update({
            "window/geometry": geometry,
            "window/state": window.saveState(),
            "look/theme": "dark" if theme.DARK else "light",
            "look/zoom": self.look.zoom,
            "language": i18n.current_language(),
            "lessons/visible": not self.dock.isHidden(),
            "lessons/current": self.lessons.index,
        })
        split = self._main_splitter()
        if split is not None:  # the widths outside presentation mode
            presenting = self.look.presentation and self._splitter_state is not None
            values["window/splitter"] = self._splitter_state if presenting else split.saveState()
        return values

    def save(self) -> str:
        """Remember this window's settings now; "" or why it failed."""
        return settings.save(self.values())

    def window_closing(self) -> None:
        """The window is closing: remember its settings (if asked to), then reset the sizes.

        Called by the window's closeEvent, not from an event filter: a filter on the window
        runs Python, and waits for the GIL behind the run's threads, for every event it gets.
        """
        if self.remember:
            self.save()
        # The sizes in `theme` are global: the next window is built at the normal size.
        if self.look.zoom != 1.0 or self.look.presentation:
            self._set_look(replace(self.look, zoom=1.0, presentation=False))

    # -- inside ------------------------------------------------------------------------

    def _set_look(self, look: Look) -> None:
        old, self.look = self.look, look
        apply_look(self.window, old, look)
        if self.overlay.isVisible():
            self.overlay.open()  # rebuilt at the new size

    def _show_full_screen(self) -> None:
        self.window.showFullScreen()
        # Without a window manager (a bare X server, a kiosk) nobody resizes a full-screen
        # window: fill the screen ourselves if it did not happen.
        QTimer.singleShot(300, self, self._fill_screen)

    def _fill_screen(self) -> None:
        window = self.window
        screen = window.screen()
        if window.isFullScreen() and screen is not None and window.geometry() != screen.geometry():
            window.setGeometry(screen.geometry())

    def _directory(self):
        """The folder the file experiment writes in, as the controls have it."""
        try:
            return self.window.controls.config().directory
        except ValueError:  # settings out of range (too many lines): the default folder
            return None

    def _remember(self, values: dict) -> None:
        if self.remember:
            settings.save(values)

    def _find_lab(self, name: str) -> bool:
        labs = self.window.labs
        return any(_lab_name(labs.widget(i)) == name for i in range(labs.count()))

    def _main_splitter(self):
        page = self.window.labs.widget(0)
        return page if isinstance(page, QSplitter) else None

    def _sync_full_screen_action(self) -> None:
        self.full_screen_action.blockSignals(True)
        self.full_screen_action.setChecked(self.window.isFullScreen())
        self.full_screen_action.blockSignals(False)

    def _action(self, text: str, slot, keys=None, *, checkable: bool = False, tip: str = "") -> QAction:
        action = QAction(text, self.window)
        if keys:
            action.setShortcuts([QKeySequence(k) for k in (keys if isinstance(keys, list) else [keys])])
        action.setCheckable(checkable)
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        self.window.addAction(action)  # its shortcut works even when the menu bar is hidden
        return action

    def _make_actions(self) -> None:
        self.presentation_action = self._action(
            translate("Classroom", "&Presentation mode"), self.set_presentation, "F5", checkable=True,
            tip=translate("Classroom", "Full screen, big text, thick lines, high contrast (F5)"))
        self.full_screen_action = self._action(
            translate("Classroom", "&Full screen"), self.set_full_screen, "F11", checkable=True)
        self.zoom_in_action = self._action(
            translate("Classroom", "Zoom &in"), lambda: self.zoom(+1), ["Ctrl+=", "Ctrl++"],
            tip=translate("Classroom", "Everything bigger (Ctrl+=)"))
        self.zoom_out_action = self._action(
            translate("Classroom", "Zoom &out"), lambda: self.zoom(-1), "Ctrl+-",
            tip=translate("Classroom", "Everything smaller (Ctrl+-)"))
        self.zoom_reset_action = self._action(
            translate("Classroom", "&Normal size"), lambda: self.zoom(0), "Ctrl+0")
        self.lessons_action = self._action(
            translate("Classroom", "&Lessons"), self.toggle_lessons, "F2",
            tip=translate("Classroom", "Show or hide the guided lessons (F2)"))
        self.shortcuts_action = self._action(
            translate("Classroom", "&Keyboard shortcuts"), self.overlay.toggle, ["?", "F1"],
            tip=translate("Classroom", "The list of keyboard shortcuts (? or F1)"))
        self.save_plots_action = self._action(translate("Classroom", "Save the &plots as PNG…"), self.exports.plots)
        self.save_data_action = self._action(translate("Classroom", "Save the counter &data as CSV…"), self.exports.data)
        self.save_file_action = self._action(translate("Classroom", "Save the shared &file as…"), self.exports.shared_file)
        self.save_script_action = self._action(
            translate("Classroom", "Save as Python &script…"), self.exports.script, "Ctrl+S",
            tip=translate("Classroom", "The experiment as a plain threading program to run with python"))

        self.theme_group = QActionGroup(self.window)
        self.light_action = self._action(translate("Classroom", "&Light"), lambda: self.set_theme(False), checkable=True)
        self.dark_action = self._action(translate("Classroom", "&Dark"), lambda: self.set_theme(True), checkable=True)
        for action in (self.light_action, self.dark_action):
            self.theme_group.addAction(action)
        (self.dark_action if theme.DARK else self.light_action).setChecked(True)

        self.language_group = QActionGroup(self.window)
        self.language_actions = {}
        for code, name in i18n.LANGUAGES.items():
            action = self._action(name, lambda _=False, c=code: self.set_language(c), checkable=True)
            self.language_group.addAction(action)
            self.language_actions[code] = action
        self.language_actions[i18n.current_language()].setChecked(True)

    def _make_menus(self) -> None:
        bar = self.window.menuBar()
        first = bar.actions()[0] if bar.actions() else None
        file_menu = bar.addMenu(translate("Classroom", "&File"))
        if first is not None:  # File comes first, as everywhere
            bar.insertMenu(first, file_menu)
        for action in (self.save_script_action, self.save_plots_action, self.save_data_action,
                       self.save_file_action):
            file_menu.addAction(action)
        file_menu.aboutToShow.connect(
            lambda: self.save_file_action.setEnabled(self.window.file_preview.path is not None))

        view = bar.addMenu(translate("Classroom", "&View"))
        for action in (self.lessons_action, self.presentation_action, self.full_screen_action):
            view.addAction(action)
        view.addSeparator()
        for action in (self.zoom_in_action, self.zoom_out_action, self.zoom_reset_action):
            view.addAction(action)
        view.addSeparator()
        theme_menu = view.addMenu(translate("Classroom", "&Theme"))
        theme_menu.addActions([self.light_action, self.dark_action])
        language_menu = view.addMenu(translate("Classroom", "L&anguage"))
        language_menu.addActions(list(self.language_actions.values()))

        help_menu = bar.addMenu(translate("Classroom", "&Help"))
        help_menu.addAction(self.shortcuts_action)
        help_menu.addAction(self.lessons_action)

    def _make_corner_buttons(self) -> None:
        # In the menu bar's free corner rather than a tool bar of its own: a projector has
        # no pixel row to spare.
        corner = QWidget()
        corner.setObjectName("classroomBar")
        row = QHBoxLayout(corner)
        row.setContentsMargins(0, 0, 6, 0)
        row.setSpacing(4)
        self.lessons_toggle = self.dock.toggleViewAction()
        self.lessons_toggle.setText(translate("Classroom", "Lessons"))
        self.lessons_toggle.setToolTip(translate("Classroom", "Show or hide the guided lessons (F2)"))
        self.corner_buttons = []
        for action, text in ((self.lessons_toggle, None), (self.presentation_action, None),
                             (self.zoom_out_action, "A−"), (self.zoom_in_action, "A+"),
                             (self.shortcuts_action, "?")):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setAutoRaise(True)
            if text:
                button.setText(text)
            button.setAccessibleName(action.text().replace("&", ""))
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            row.addWidget(button)
            self.corner_buttons.append(button)
        self.corner = corner
        self.window.menuBar().setCornerWidget(corner, Qt.Corner.TopRightCorner)

    def _make_shortcuts(self) -> None:
        window = self.window
        self.key_guard = KeyGuard(window)
        add_shortcut(window, Qt.Key.Key_Space, self.toggle_run)
        add_shortcut(window, Qt.Key.Key_L, self.toggle_lock)
        add_shortcut(window, Qt.Key.Key_R, window.reset)
        add_shortcut(window, Qt.Key.Key_Up, lambda: self.change_threads(+1))
        add_shortcut(window, Qt.Key.Key_Down, lambda: self.change_threads(-1))
        add_shortcut(window, Qt.Key.Key_Escape, self.escape)

    def _name_for_screen_readers(self) -> None:
        """Names for the panes that have no text of their own for a screen reader to read."""
        window = self.window
        window.tabs.setAccessibleName(translate("Classroom", "Code, console and shared file"))
        window.labs.setAccessibleName(translate("Classroom", "Labs"))
        self.lessons.setAccessibleName(translate("Classroom", "Lessons"))
        for area in window.findChildren(QScrollArea):
            if area.widget() is not None and area.widget().isAncestorOf(window.controls):
                area.setAccessibleName(translate("Classroom", "Experiment settings and summary"))
                area.setProperty("threadLabFitWidth", True)  # zoom keeps it as wide as its controls

    def pane_built(self, pane: QWidget) -> None:
        """A pane the window builds after its first paint (the plots) exists now: name it, and
        show it as the mode in use wants. Its sizes and colours come from `theme`, already set
        to the zoom, presentation mode and palette in use."""
        window = self.window
        if pane is window._plot_slot.page_if_built:
            pane.graphics.setAccessibleName(translate("Classroom", "Counter plot: expected, actual and lost over time"))
        if pane is window._timeline_slot.page_if_built:
            pane.plot_widget.setAccessibleName(translate("Classroom", "Timeline: what each thread does over time"))
            pane.summary_widget.setAccessibleName(translate("Classroom", "How many threads are in each state"))
            self._show_hover_hint()
        self._buttons_keep_focus_off()

    def _show_hover_hint(self) -> None:
        # On a projector nobody in the room can point at the timeline to read its hover line.
        timeline = self.window._timeline_slot.page_if_built
        if timeline is not None:
            timeline.hover.setVisible(not self.look.presentation)

    def _buttons_keep_focus_off(self, *_) -> None:
        # A mouse click must not leave the keyboard focus on a button: Space would press that
        # button again instead of starting or stopping the run. Tab still reaches them.
        for button in self.window.findChildren(QAbstractButton):
            if button.focusPolicy() != Qt.FocusPolicy.NoFocus:
                button.setFocusPolicy(Qt.FocusPolicy.TabFocus)


def _lab_name(page: QWidget) -> str:
    """The class name of a lab page, also of one not built yet."""
    return page.name if isinstance(page, LazyPage) else type(page).__name__


def rebuild_window(window, *, language: str | None = None, dark: bool | None = None):
    """Build the window again in another language or palette; returns the new window.

    The experiment's settings, the layout, zoom, presentation mode and lesson carry over; a
    run in progress is stopped and joined first.
    """
    app = QApplication.instance()
    old = window.classroom
    was_running = window.is_running()
    window.stop_and_join()
    try:
        config = window.controls.config()
    except ValueError:  # settings out of range: the new window starts from the defaults
        config = None
    values = old.values()  # what would be remembered, outside presentation mode
    found = settings.Remembered(
        geometry=values["window/geometry"], window_state=values["window/state"],
        splitter=values.get("window/splitter"), zoom=old.look.zoom,
        lessons_visible=values["lessons/visible"], lesson=values["lessons/current"])
    presentation, full_screen = old.look.presentation, window.isFullScreen()
    # The sizes in `theme` are the old window's: the new one is built at zoom 1 and zoomed.
    old._set_look(replace(old.look, zoom=1.0, presentation=False))
    if language is not None:
        i18n.install(app, language)
    if dark is not None:
        apply_palette(app, dark)

    new = type(window)(config)
    room = new.classroom
    room.restore(found)
    room.remember = old.remember
    if presentation:
        room.set_presentation(True, full_screen=full_screen)
    if full_screen:
        room._show_full_screen()
    else:
        new.show()
    if was_running:
        new.statusBar().showMessage(translate("Classroom", "The run in progress was stopped to switch."))
    old.remember = False  # the new window remembers from now on
    old.windowReplaced.emit(new)
    window.close()
    window.deleteLater()
    return new

