"""Saving what the window shows: the plots as PNG, the counter's samples as CSV, the shared
file, and the experiment as a standalone Python script.

Each `save_*` function writes to a path and returns "" or one sentence saying why it could
not (never a traceback); `Exports` asks where with a file dialog and shows the outcome.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from thread_lab.engine.run import describe_error
from thread_lab.script_export import make_script, suggested_name

translate = QCoreApplication.translate

# The columns of the CSV per experiment: the series CounterPlot records, by their meaning.
CSV_COLUMNS = {
    "counter": ("time_s", "expected", "actual", "lost"),
    "file": ("time_s", "lines_written"),
    "sleep": ("time_s", "threads_finished"),
}


def plots_widget(window) -> QWidget:
    """The part of the window holding the counter plot and the timeline."""
    return window.plot.parentWidget() or window.plot


def save_plots_png(window, path: str | Path) -> str:
    """Save a picture of the plot and the timeline as PNG; "" or why it failed."""
    picture = plots_widget(window).grab()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not picture.save(buffer, "PNG"):
        return translate("Exports", "Could not make a picture of the plots.")
    return _write(path, bytes(data), translate("Exports", "Could not save the plots to {path}: {reason}"))


def series_csv(window) -> str:
    """The samples of the counter plot as CSV text, one row per refresh."""
    experiment = window.plot.experiment
    t, expected, actual = window.plot.series()
    lost = window.plot.lost_series()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS[experiment])
    for i in range(len(t)):
        row = [f"{t[i]:.4f}", int(expected[i])]
        if experiment == "counter":
            row += [int(actual[i]), int(lost[i])]
        writer.writerow(row)
    return out.getvalue()


def save_series_csv(window, path: str | Path) -> str:
    """Save the counter plot's samples as CSV; "" or why it failed."""
    return _write(path, series_csv(window).encode("utf-8"),
                  translate("Exports", "Could not save the data to {path}: {reason}"))


def save_script(window, path: str | Path) -> str:
    """Save the experiment in the controls as a standalone Python script; "" or why it failed."""
    try:
        config = window.controls.config()
    except ValueError as exc:  # a setting out of range
        return str(exc)
    return _write(path, make_script(config).encode("utf-8"),
                  translate("Exports", "Could not save the script to {path}: {reason}"))


def _write(path: str | Path, data: bytes, failure: str) -> str:
    try:
        Path(path).write_bytes(data)
    except OSError as exc:  # a folder that is a file, no permission, a full disk…
        return failure.format(path=path, reason=describe_error(exc))
    return ""


class Exports:
    """The File menu's save actions: ask where, save, and say how it went."""

    def __init__(self, window) -> None:
        self.window = window
        self.folder = Path(QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation) or Path.home())

    def plots(self) -> None:
        """Ask where, then save the plots as PNG."""
        self._save(translate("Exports", "Save the plots as a picture"), "thread-lab-plots.png",
                   translate("Exports", "PNG pictures (*.png)"), save_plots_png,
                   translate("Exports", "Saved the plots to {path}"))

    def data(self) -> None:
        """Ask where, then save the counter's samples as CSV."""
        self._save(translate("Exports", "Save the counter data"), "thread-lab-data.csv",
                   translate("Exports", "CSV files (*.csv)"), save_series_csv,
                   translate("Exports", "Saved the data to {path}"))

    def script(self) -> None:
        """Ask where, then save the experiment as a Python script."""
        try:
            name = suggested_name(self.window.controls.config())
        except ValueError:
            name = "thread_lab.py"
        self._save(translate("Exports", "Save the experiment as a Python script"), name,
                   translate("Exports", "Python files (*.py)"), save_script,
                   translate("Exports", "Saved the script to {path}: run it with python {name}"))

    def shared_file(self) -> None:
        """Save a copy of the file experiment's shared file (its pane says how it went)."""
        preview = self.window.file_preview
        if preview.path is None:
            self.window.statusBar().showMessage(translate(
                "Exports", "Run the file experiment first: there is no shared file yet."))
            return
        self.window.tabs.setCurrentWidget(preview)
        preview.save_as()

    def _save(self, title: str, name: str, kinds: str, save, success: str) -> None:
        path, _ = QFileDialog.getSaveFileName(self.window, title, str(self.folder / name), kinds)
        if not path:
            return  # cancelled
        self.folder = Path(path).parent
        problem = save(self.window, path)
        if problem:
            self.window.show_error(problem)
        else:
            self.window.hide_banner()
            self.window.statusBar().showMessage(success.format(path=path, name=Path(path).name))
