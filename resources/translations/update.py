"""Refresh the translations: find every translatable string, then compile the .qm files.

    python resources/translations/update.py

1. `pyside6-lupdate` reads every .py file of the `thread_lab` package and adds new strings to
   resources/translations/thread_lab_<lang>.ts (and drops the ones no longer in the code);
2. translate what is new: open the .ts file in Qt Linguist (`pyside6-linguist`) or edit the
   XML, and remove `type="unfinished"` once a translation is right;
3. run this again: `pyside6-lrelease` compiles each .ts into the .qm file the program loads.

Both tools come with PySide6 (PySide6-Essentials too). tests/gui/test_classroom.py fails when a
string in the code has no finished translation, or when a .qm does not say what its .ts says.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # resources/translations/update.py
FOLDER = ROOT / "resources" / "translations"
LANGUAGES = ("fr",)


def tool(name: str) -> str:
    """The path of pyside6-<name>: on PATH, or beside this Python."""
    for candidate in (shutil.which(f"pyside6-{name}"), Path(sys.executable).with_name(f"pyside6-{name}")):
        if candidate and Path(candidate).exists():
            return str(candidate)
    sys.exit(f"update_translations: pyside6-{name} not found; install PySide6-Essentials")


def main() -> int:
    """Update the .ts files from the code, then compile them to .qm."""
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "thread_lab").rglob("*.py"))
    for language in LANGUAGES:
        ts = FOLDER / f"thread_lab_{language}.ts"
        subprocess.run([tool("lupdate"), "-no-obsolete", "-locations", "none", *sources,
                        "-ts", str(ts.relative_to(ROOT))], cwd=ROOT, check=True)
        subprocess.run([tool("lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))],
                       cwd=ROOT, check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
