"""What Thread Lab remembers between sessions: the experiment's settings, the window's layout,
the theme, the zoom, the language and the lesson.

One INI file (QSettings, organisation and application "Thread Lab"), on every system, so a
teacher can find it, read it and delete it. THREAD_LAB_SETTINGS names another file: the tests
point it at a temporary one, so they never touch the user's settings.

Whatever is in the file, starting never fails: a value that cannot be read is replaced by
its default and named in a note the window shows; a file that cannot be parsed is kept
aside as "<name>.broken" and a fresh one is written.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QByteArray, QCoreApplication, QSettings

from thread_lab.engine.config import ConfigError, RunConfig

ENV = "THREAD_LAB_SETTINGS"
ORGANISATION = APPLICATION = "Thread Lab"
RUN_KEYS = ("experiment", "threads", "sleep", "iterations", "lock", "lock_kind", "mode", "join", "plain")
THEMES = ("light", "dark")
LANGUAGES = ("en", "fr")
translate = QCoreApplication.translate


def open_settings() -> QSettings:
    """The settings file: $THREAD_LAB_SETTINGS if set, else the user's Thread Lab.ini."""
    path = os.environ.get(ENV)
    if path:
        return QSettings(path, QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION)


@dataclass
class Remembered:
    """Everything read back from the settings file; None (or the default) where nothing was."""

    config: RunConfig | None = None
    geometry: QByteArray | None = None
    window_state: QByteArray | None = None
    splitter: QByteArray | None = None
    theme: str | None = None
    language: str | None = None
    zoom: float = 1.0
    lessons_visible: bool | None = None
    lesson: int = 0
    problems: list[str] = field(default_factory=list)  # what could not be read, for the note

    def note(self) -> str:
        """One sentence for the window about what could not be read, or ""."""
        if not self.problems:
            return ""
        return translate(
            "Settings", "Some remembered settings could not be read ({what}); Thread Lab uses "
            "its defaults for them."
        ).format(what=", ".join(self.problems))


def load(settings: QSettings | None = None) -> Remembered:
    """Read the remembered settings; never raises, whatever the file holds."""
    settings = settings or open_settings()
    found = Remembered()
    status = settings.status()
    if status != QSettings.Status.NoError:
        found.problems.append(_unreadable(settings, status))
        return found
    try:
        _read(settings, found)
    except Exception as exc:  # noqa: BLE001 - a settings file must never stop the program
        found.problems.append(translate("Settings", "the file {path} ({error})").format(
            path=settings.fileName(), error=type(exc).__name__))
    return found


def save(values: dict, settings: QSettings | None = None) -> str:
    """Write `values` ({"run/threads": 8, ...}); returns "" or a sentence saying why it failed."""
    settings = settings or open_settings()
    _write(settings, values)
    if settings.status() == QSettings.Status.NoError:
        return ""
    # The file is corrupt (Qt will not write over what it cannot parse): keep it aside and
    # start a fresh one.
    path = Path(settings.fileName())
    del settings
    try:
        if path.is_file():
            path.replace(path.with_name(path.name + ".broken"))
    except OSError:
        pass
    fresh = QSettings(str(path), QSettings.Format.IniFormat)
    _write(fresh, values)
    if fresh.status() == QSettings.Status.NoError:
        return ""
    return translate("Settings", "Could not remember the settings in {path}.").format(path=path)


def config_values(config: RunConfig) -> dict:
    """The run settings as settings-file values."""
    return {f"run/{key}": getattr(config, key) for key in RUN_KEYS}


# -- inside -------------------------------------------------------------------------------


def _write(settings: QSettings, values: dict) -> None:
    for key, value in values.items():
        settings.setValue(key, value)
    settings.sync()


def _unreadable(settings: QSettings, status) -> str:
    path = settings.fileName()
    if status == QSettings.Status.AccessError:
        return translate("Settings", "the file {path} cannot be opened").format(path=path)
    # Kept aside now, so the next save writes a fresh file instead of failing on this one.
    try:
        broken = Path(path)
        if broken.is_file():
            broken.replace(broken.with_name(broken.name + ".broken"))
            return translate("Settings", "the file {path} is damaged; it was kept as {kept}").format(
                path=path, kept=broken.name + ".broken")
    except OSError:
        pass
    return translate("Settings", "the file {path} is damaged").format(path=path)


def _read(settings: QSettings, found: Remembered) -> None:
    problems = found.problems

    def get(key, convert, name):
        raw = settings.value(key)
        if raw is None:
            return None
        try:
            return convert(raw)
        except (TypeError, ValueError, ConfigError):
            problems.append(name)
            return None

    # The run settings: all or none, validated exactly as the controls would.
    run = {}
    converters = dict(experiment=str, threads=_int, sleep=_float, iterations=_int, lock=_bool,
                      lock_kind=str, mode=str, join=_bool, plain=_bool)
    experiment_settings = translate("Settings", "experiment settings")
    for key in RUN_KEYS:
        value = get(f"run/{key}", converters[key], experiment_settings)
        if value is not None:
            run[key] = value
    if run and experiment_settings not in problems:  # half a set of settings is no set
        try:
            found.config = RunConfig.for_experiment(run.pop("experiment", "counter"), **run)
        except (ConfigError, TypeError):
            problems.append(experiment_settings)
    layout = translate("Settings", "window layout")
    found.geometry = get("window/geometry", _bytes, layout)
    found.window_state = get("window/state", _bytes, layout)
    found.splitter = get("window/splitter", _bytes, layout)
    found.theme = get("look/theme", lambda v: _choice(v, THEMES), translate("Settings", "theme"))
    zoom = get("look/zoom", _float, translate("Settings", "zoom"))
    if zoom is not None:
        if 0.5 <= zoom <= 3.0:
            found.zoom = zoom
        else:
            problems.append(translate("Settings", "zoom"))
    found.language = get("language", lambda v: _choice(v, LANGUAGES), translate("Settings", "language"))
    found.lessons_visible = get("lessons/visible", _bool, translate("Settings", "lessons"))
    lesson = get("lessons/current", _int, translate("Settings", "lessons"))
    found.lesson = lesson if lesson is not None and lesson >= 0 else 0
    found.problems = list(dict.fromkeys(problems))  # each named once


def _int(value) -> int:
    if isinstance(value, bool):
        raise ValueError(value)
    return int(str(value).strip())


def _float(value) -> float:
    result = float(str(value).strip())
    if result != result or result in (float("inf"), float("-inf")):
        raise ValueError(value)
    return result


def _bool(value) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "1", "yes"):
        return True
    if text in ("false", "0", "no"):
        return False
    raise ValueError(value)


def _bytes(value) -> QByteArray:
    if isinstance(value, QByteArray):
        return value
    if isinstance(value, (bytes, bytearray)):
        return QByteArray(bytes(value))
    raise TypeError(type(value).__name__)


def _choice(value, allowed: tuple[str, ...]) -> str:
    text = str(value).strip()
    if text not in allowed:
        raise ValueError(text)
    return text
