"""The labs stay pure Python like the engine, and ship in the wheel."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_labs_do_not_import_qt():
    """Importing every lab and running one never loads PySide6 or pyqtgraph."""
    code = (
        "from thread_lab.engine.labs import cpu_io, locks, pools, queues\n"
        "lab = locks.LockLab(locks.LockLabConfig(scenario='nested', lock_kind='rlock'))\n"
        "lab.start(); assert lab.join(5)\n"
        "import sys; print('\\n'.join(sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT).stdout
    loaded = set(out.split())
    assert "thread_lab.engine.labs.cpu_io" in loaded
    assert not {m for m in loaded if m.split(".")[0] in ("PySide6", "pyqtgraph", "shiboken6")}


def test_every_package_is_in_the_wheel():
    """Each folder of thread_lab with an __init__.py is listed in pyproject's packages."""
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
                 ["packages"])
    found = {
        ".".join(p.parent.relative_to(ROOT).parts)
        for p in (ROOT / "thread_lab").rglob("__init__.py")
    }
    assert found <= listed, f"missing from pyproject.toml: {sorted(found - listed)}"


def test_gil_command_prints_the_table_without_qt():
    """`thread-lab gil` measures all six bars headless (processes too) and never loads Qt."""
    code = (
        "import io, contextlib, sys\n"
        "from thread_lab.cli import main\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        "    status = main(['gil', '--jobs', '2', '--seconds', '0.05'])\n"
        "print(status); print(out.getvalue()); print('\\n'.join(sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT, timeout=60).stdout
    assert out.startswith("0\n")
    assert "cpu  processes" in out and "io   threads" in out
    assert not {m for m in out.split() if m.split(".")[0] in ("PySide6", "pyqtgraph")}
