"""pyqtgraph, set up for Thread Lab, imported by the first plot that is built.

Nothing imports this at start-up: importing pyqtgraph costs ~0.35 s on a 2-core machine
(numpy, and a copy of every QtCore/QtGui/QtWidgets name), more than building the rest of the
window. The window paints first and builds its plots just after (gui/lazy.py).
"""

from __future__ import annotations

import os

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

import PySide6.QtWidgets  # noqa: E402,F401 - first, so pyqtgraph uses PySide6

import pyqtgraph as pg  # noqa: E402

from thread_lab.gui import theme  # noqa: E402

# The palette in use now (a dark theme chosen before any plot existed included);
# presentation.apply_palette keeps it up to date afterwards.
pg.setConfigOptions(antialias=True, background=theme.BACKGROUND, foreground=theme.FOREGROUND)

__all__ = ["pg"]
