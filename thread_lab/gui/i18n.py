"""The window's language: English (the source texts) or French, from Qt translation files.

Strings in the GUI go through `QCoreApplication.translate("Context", "text")`, so
`pyside6-lupdate` finds them (resources/translations/update.py); the French texts live in
resources/translations/thread_lab_fr.ts and ship compiled as thread_lab_fr.qm.

The engine stays Qt-free and English. What the window shows of it is translated here, on the
GUI side: `result_sentence()` says what `RunResult.sentence()` says. Engine error messages
(a setting out of range, a file that cannot be created) and the threads' own printed lines
("Thread 1: starting") stay in English: they are what the Python code prints.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from thread_lab.resources import resource_path

LANGUAGES = {"en": "English", "fr": "Français"}  # code -> the language's own name
DEFAULT = "en"

_installed: list[QTranslator] = []  # kept alive: Qt does not own installed translators
_current = DEFAULT


def system_language() -> str:
    """The system's language if Thread Lab speaks it, else English."""
    for name in QLocale.system().uiLanguages() or [QLocale.system().name()]:
        code = name.replace("_", "-").split("-")[0].lower()
        if code in LANGUAGES:
            return code
    return DEFAULT


def choose_language(requested: str | None, remembered: str | None) -> str:
    """The language to use: the command line's, else the one remembered, else the system's."""
    for candidate in (requested, remembered):
        if candidate in LANGUAGES:
            return candidate
    return system_language()


def current_language() -> str:
    """The language the window speaks now ("en" or "fr")."""
    return _current


def install(app, language: str) -> bool:
    """Make `app` speak `language` from now on; False (and English) if its file is missing.

    Widgets built afterwards use it; the window is rebuilt to switch (gui/classroom.py).
    """
    global _current
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    _current = DEFAULT
    if language not in LANGUAGES:
        return False
    if language == DEFAULT:
        return True
    ours = QTranslator(app)
    try:
        loaded = ours.load(str(resource_path(f"translations/thread_lab_{language}.qm")))
    except (FileNotFoundError, ValueError):
        loaded = False
    if not loaded:
        return False
    app.installTranslator(ours)
    _installed.append(ours)
    # Qt's own words (the file dialog's "Save", "Cancel"), when this Qt ships them.
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    _current = language
    return True


def number(value: float) -> str:
    """A whole number with the language's thousands separator: 12,345 or 12 345."""
    text = f"{int(value):,}"
    # A comma is the decimal mark in French: a narrow no-break space groups thousands.
    return text.replace(",", "\u202f") if _current == "fr" else text


def result_sentence(result) -> str:
    """One sentence saying what a run did: RunResult.sentence(), in the window's language."""
    translate = QCoreApplication.translate
    if result.status == "failed":
        if result.errors:  # the engine's message stays as it is (English)
            return translate("Result", "The run failed: {error}").format(error=result.errors[0])
        return translate("Result", "The run failed.")
    prefix = translate("Result", "Stopped early.") + " " if result.status == "stopped" else ""
    if result.experiment == "counter":
        if result.lost:
            text = translate("Result", "{lost} of {expected} increments were lost: threads overwrote "
                                "each other's writes.").format(
                lost=number(result.lost), expected=number(result.expected))
            if not result.lock:
                text += " " + translate("Result", "Switch the lock on.")
            return prefix + text
        if result.lock:
            text = translate("Result", "All {expected} increments counted: the lock let one thread at a "
                                "time read and write.")
        else:
            text = translate("Result", "All {expected} increments counted: no thread switch fell between "
                                "a read and its write.")
        return prefix + text.format(expected=number(result.expected))
    if result.experiment == "file":
        if result.lines_torn:
            text = translate("Result", "{torn} lines were torn: another thread wrote between the two "
                                "halves of a line.").format(torn=number(result.lines_torn))
            if not result.lock:
                text += " " + translate("Result", "Switch the lock on.")
            return prefix + text
        return prefix + translate("Result", "All {intact} lines are whole.").format(
            intact=number(result.lines_intact))
    if result.mode == "sequential":
        text = translate("Result", "{threads} × {sleep} s of sleep took {elapsed} s one after another.")
    else:
        text = translate("Result", "{threads} × {sleep} s of sleep took {elapsed} s in threads.")
    return prefix + text.format(threads=result.threads, sleep=f"{result.sleep_s:g}",
                                elapsed=f"{result.elapsed_s:.2f}")
