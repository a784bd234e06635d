"""Thread Lab finds its icons from a checkout, an installed wheel and a frozen build."""

import fnmatch
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from thread_lab import resources
from thread_lab.resources import icon_path, resource_path

REPO = Path(__file__).resolve().parents[1]
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _make(path: Path, data: bytes = PNG_MAGIC) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_the_icon_is_found_and_is_a_png():
    """The application icon resolves to a real PNG file, in whatever way the tests run."""
    path = resource_path("icons/thread-lab.png")
    assert path.is_file() and path.read_bytes()[:8] == PNG_MAGIC
    assert icon_path() == path
    assert icon_path(16).is_file() and icon_path(512).is_file()


def test_checkout_layout_uses_the_top_level_resources_folder(monkeypatch, tmp_path):
    """From a source checkout, resources/ beside the thread_lab package is used."""
    _make(tmp_path / "repo" / "resources" / "icons" / "thread-lab.png")
    monkeypatch.setattr(resources, "_PACKAGE_DIR", tmp_path / "repo" / "thread_lab")
    assert resource_path("icons/thread-lab.png") == (
        tmp_path / "repo" / "resources" / "icons" / "thread-lab.png"
    )


def test_wheel_layout_needs_no_checkout(monkeypatch, tmp_path):
    """Installed from a wheel, the package's own _resources copy is used; no checkout needed."""
    site = tmp_path / "site-packages"
    icon = _make(site / "thread_lab" / "_resources" / "icons" / "thread-lab.png")
    monkeypatch.setattr(resources, "_PACKAGE_DIR", site / "thread_lab")
    assert not (site / "resources").exists()
    assert resource_path("icons/thread-lab.png") == icon


def test_frozen_build_uses_the_bundle_folder(monkeypatch, tmp_path):
    """In a PyInstaller build, files come from sys._MEIPASS/resources and nowhere else."""
    icon = _make(tmp_path / "resources" / "icons" / "thread-lab.png")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resource_path("icons/thread-lab.png") == icon
    assert resources.resource_dirs() == [tmp_path / "resources"]
    with pytest.raises(FileNotFoundError, match="icons/thread-lab-16.png"):
        resource_path("icons/thread-lab-16.png")  # the checkout's copy must not be used


def test_frozen_build_without_meipass_looks_beside_the_executable(monkeypatch, tmp_path):
    """A frozen build that sets no _MEIPASS looks in resources/ next to the executable."""
    icon = _make(tmp_path / "resources" / "icons" / "thread-lab.png")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.delattr(sys, "_MEIPASS", raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "thread-lab"))
    assert resource_path("icons/thread-lab.png") == icon


def test_a_missing_resource_says_what_and_where(monkeypatch, tmp_path):
    """A missing file raises FileNotFoundError naming the file and the folders searched."""
    monkeypatch.setattr(resources, "_PACKAGE_DIR", tmp_path / "thread_lab")
    with pytest.raises(FileNotFoundError) as caught:
        resource_path("icons/nothing.png")
    message = str(caught.value)
    assert "'icons/nothing.png'" in message and str(tmp_path / "resources") in message
    assert "reinstall" in message.lower()


@pytest.mark.parametrize("name", ["../pyproject.toml", "/etc/passwd"])
def test_names_cannot_leave_the_resources_folder(name):
    """Resource names are relative to resources/: no absolute paths, no '..'."""
    with pytest.raises(ValueError):
        resource_path(name)


def test_the_installed_package_finds_its_icon_without_the_checkout(tmp_path):
    """The installed (non-editable) thread-lab finds the icon inside site-packages."""
    code = (
        "import thread_lab, thread_lab.resources as r; "
        "print(thread_lab.__file__); print(r.resource_path('icons/thread-lab.png'))"
    )
    # -I: ignore PYTHONPATH and the current folder, so only an installed copy can be imported.
    done = subprocess.run([sys.executable, "-I", "-c", code], cwd=tmp_path,
                          capture_output=True, text=True)
    if "No module named 'thread_lab'" in done.stderr:
        pytest.skip("thread-lab is not installed in this Python (pip install '.[test]')")
    assert done.returncode == 0, done.stderr
    package_file, icon = (Path(line).resolve() for line in done.stdout.split())
    if package_file.parent == REPO / "thread_lab":
        pytest.skip("thread-lab is installed in editable mode: the wheel layout is not in use")
    assert icon.is_file() and icon.read_bytes()[:8] == PNG_MAGIC
    assert icon.parent.parent == package_file.parent / "_resources"
    assert REPO / "resources" not in icon.parents  # not the checkout's copy


def test_every_resource_is_shipped_in_the_wheel():
    """Each file in resources/ matches pyproject's package-data (the generator excepted)."""
    tomllib = pytest.importorskip("tomllib")
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    setuptools = config["tool"]["setuptools"]
    assert setuptools["package-dir"]["thread_lab._resources"] == "resources"
    patterns = setuptools["package-data"]["thread_lab._resources"]
    files = [p.relative_to(REPO / "resources").as_posix()
             for p in (REPO / "resources").rglob("*")
             if p.is_file() and "__pycache__" not in p.parts]
    shipped = [f for f in files if any(fnmatch.fnmatch(f, pat) for pat in patterns)]
    assert "icons/thread-lab.png" in shipped
    # Sources that stay home: the scripts that make resources or builds (icon generator,
    # translation updater, ICU slimmer) and the translators' .ts files (their compiled .qm
    # files are what ships).
    unshipped = sorted(set(files) - set(shipped))
    assert unshipped == sorted(f for f in files if f.endswith((".py", ".ts")))
    assert "icons/make_icons.py" in unshipped
    assert all(f"{f[:-3]}.qm" in shipped for f in files if f.endswith(".ts"))


def test_desktop_entry_starts_thread_lab_with_its_icon():
    """resources/thread-lab.desktop names the program, its command and its icon."""
    lines = (REPO / "resources" / "thread-lab.desktop").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    entry = dict(line.split("=", 1) for line in lines[1:] if "=" in line)
    assert entry["Type"] == "Application" and entry["Name"] == "Thread Lab"
    assert entry["Exec"] == "thread-lab" and entry["Icon"] == "thread-lab"
    assert entry["Categories"] == "Education;Development;"


def test_windows_icon_holds_every_size_up_to_256():
    """thread-lab.ico is a valid icon file with 16 to 256 px images, each a PNG."""
    data = (REPO / "resources" / "icons" / "thread-lab.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind) == (0, 1)
    sizes = []
    for i in range(count):
        width, _, _, _, _, _, length, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * i)
        assert data[offset:offset + 8] == PNG_MAGIC and offset + length <= len(data)
        sizes.append(width or 256)
    assert sizes == [16, 24, 32, 48, 64, 128, 256]


def test_macos_icon_is_a_complete_icns_file():
    """thread-lab.icns has the right total length and PNG images up to 512 px @2x."""
    data = (REPO / "resources" / "icons" / "thread-lab.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack_from(">I", data, 4)[0] == len(data)
    kinds, at = [], 8
    while at < len(data):
        kind, length = data[at:at + 4], struct.unpack_from(">I", data, at + 4)[0]
        assert data[at + 8:at + 16] == PNG_MAGIC
        kinds.append(kind.decode())
        at += length
    assert at == len(data)
    # 16, 32, 128, 256 and 512 px, and 512 @2x: sharp in the Dock on a Retina screen
    assert {"icp4", "icp5", "ic07", "ic08", "ic09", "ic14"} <= set(kinds)
