"""The one place that finds Thread Lab's files in `resources/` (icons, desktop entry, ...).

The same relative name works in the three ways Thread Lab runs:

- frozen by PyInstaller: `build.spec` copies `resources/` next to the bundled code, into
  `sys._MEIPASS/resources` (one-folder: `_internal/resources`; one-file: the unpack folder);
- installed from a wheel: `pyproject.toml` maps the top-level `resources/` folder into the
  package as `thread_lab/_resources`;
- from a source checkout: the top-level `resources/` folder beside the `thread_lab` package.

Pure Python and cheap to import: no Qt here, so `thread-lab run` stays Qt-free.
"""

from __future__ import annotations

import sys
from pathlib import Path

APP_ID = "thread-lab"  # file stem of the icons and the desktop entry
PACKAGE_DATA = "_resources"  # the wheel's copy of resources/, inside the package (pyproject.toml)
FROZEN_DATA = "resources"  # where build.spec puts resources/ inside sys._MEIPASS

_PACKAGE_DIR = Path(__file__).resolve().parent  # module global so tests can relocate it


def resource_dirs() -> list[Path]:
    """The folders searched for resources, in order: frozen bundle, installed package, checkout."""
    if getattr(sys, "frozen", False):
        # One-folder and one-file builds both set _MEIPASS; fall back to the executable's folder.
        base = Path(getattr(sys, "_MEIPASS", Path(sys.executable).resolve().parent))
        return [base / FROZEN_DATA]
    return [_PACKAGE_DIR / PACKAGE_DATA, _PACKAGE_DIR.parent / "resources"]


def resource_path(name: str) -> Path:
    """The path of resources/NAME (e.g. "icons/thread-lab.png"); FileNotFoundError if missing."""
    relative = Path(name)
    if relative.is_absolute() or ".." in relative.parts:
        raise ValueError(f"resource names are relative to resources/, got {name!r}")
    searched = resource_dirs()
    for folder in searched:
        candidate = folder / relative
        if candidate.exists():
            return candidate
    places = ", ".join(str(folder) for folder in searched)
    raise FileNotFoundError(
        f"Thread Lab cannot find its resource {name!r}; looked in: {places}. "
        "The installation is incomplete: reinstall Thread Lab."
    )


def icon_path(size: int | None = None) -> Path:
    """The application icon as a PNG: the SIZE-pixel one, or the largest when SIZE is None."""
    if size is None:
        return resource_path(f"icons/{APP_ID}.png")
    return resource_path(f"icons/{APP_ID}-{size}.png")
