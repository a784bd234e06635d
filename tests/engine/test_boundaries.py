"""Qt stays out of the engine and out of `thread-lab run`, so both start fast anywhere."""

import subprocess
import sys


def _modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys; print('\\n'.join(sys.modules))"],
        capture_output=True, text=True, check=True,
    ).stdout
    return set(out.split())


def test_engine_does_not_import_qt():
    """Importing the engine and running an experiment never loads PySide6 or pyqtgraph."""
    loaded = _modules_after(
        "from thread_lab.engine import Run, RunConfig\n"
        "r = Run(RunConfig(threads=2, iterations=2)); r.start(); r.join()"
    )
    assert "thread_lab.engine.run" in loaded
    assert not {m for m in loaded if m.split(".")[0] in ("PySide6", "pyqtgraph", "shiboken6")}


def test_headless_command_does_not_import_qt():
    """`thread-lab run` works without loading Qt at all."""
    loaded = _modules_after(
        "import io, contextlib\n"
        "from thread_lab.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert main(['run', 'counter', '--threads', '2', '--iterations', '2']) == 0"
    )
    assert "thread_lab.cli" in loaded
    assert not {m for m in loaded if m.split(".")[0] in ("PySide6", "pyqtgraph", "shiboken6")}
