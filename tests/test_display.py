"""Without a usable display, Thread Lab says so in one line instead of letting Qt abort."""

import socket
import subprocess
import sys

import pytest

from thread_lab.gui import display
from thread_lab.gui.display import (
    WAYLAND_LIBRARIES,
    XCB_LIBRARIES,
    display_problem,
    display_reachable,
    library_available,
)


def _all_there(soname: str) -> bool:
    return True


def _listening(name, kind, env) -> bool:
    return True


def _problem(env: dict, system: str = "linux", have_library=_all_there, reachable=_listening):
    return display_problem(env, system=system, have_library=have_library, reachable=reachable)


def test_no_display_at_all_is_explained_in_one_line():
    """With neither DISPLAY nor WAYLAND_DISPLAY, the message names both and the ways out."""
    message = _problem({})
    assert message is not None and "\n" not in message
    assert "DISPLAY and WAYLAND_DISPLAY are unset" in message
    assert "thread-lab run" in message and "QT_QPA_PLATFORM=offscreen" in message


@pytest.mark.parametrize("platform", ["offscreen", "minimal", "offscreen:fontengine=freetype"])
def test_a_platform_without_display_server_needs_nothing(platform):
    """QT_QPA_PLATFORM=offscreen (used by --screenshot and --self-test) needs no display."""
    assert _problem({"QT_QPA_PLATFORM": platform}, have_library=lambda so: False) is None


def test_x11_desktop_with_its_libraries_is_fine():
    """On an X11 desktop with every xcb library present there is no problem."""
    assert _problem({"DISPLAY": ":0"}) is None


def test_wayland_alone_is_enough():
    """On a Wayland desktop WAYLAND_DISPLAY alone is enough, even without the xcb libraries."""
    env = {"WAYLAND_DISPLAY": "wayland-0"}
    assert _problem(env, have_library=lambda so: so not in XCB_LIBRARIES) is None


def test_missing_xcb_cursor_names_the_library_and_the_package():
    """A desktop without libxcb-cursor gets the exact apt package to install."""
    message = _problem({"DISPLAY": ":0"}, have_library=lambda so: so != "libxcb-cursor.so.0")
    assert message is not None and "\n" not in message
    assert "libxcb-cursor.so.0" in message and "sudo apt install libxcb-cursor0;" in message
    assert "libxcb-icccm" not in message  # only what is missing


def test_x11_is_the_fallback_when_wayland_libraries_are_missing():
    """Like Qt, fall back to X11 when Wayland is announced but cannot start."""
    env = {"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}
    assert _problem(env, have_library=lambda so: so not in WAYLAND_LIBRARIES) is None


def test_when_both_platforms_lack_libraries_all_are_named():
    """If neither Wayland nor X11 can load, the message lists what each one lacks."""
    env = {"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}
    lacking = {"libwayland-cursor.so.0", "libxcb-icccm.so.4"}
    message = _problem(env, have_library=lambda so: so not in lacking)
    assert message is not None
    assert "sudo apt install libwayland-cursor0 libxcb-icccm4;" in message


def test_libraries_of_a_platform_without_its_display_are_not_blamed():
    """Missing X11 libraries are not mentioned when DISPLAY is unset anyway."""
    message = _problem({}, have_library=lambda so: False)
    assert message is not None and "DISPLAY and WAYLAND_DISPLAY are unset" in message
    assert "apt install" not in message


def test_explicit_platform_without_its_display_says_which_variable_is_unset():
    """QT_QPA_PLATFORM=xcb with DISPLAY unset points at DISPLAY, even under Wayland."""
    message = _problem({"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "wayland-0"})
    assert message is not None
    assert "QT_QPA_PLATFORM=xcb but DISPLAY is unset" in message
    message = _problem({"QT_QPA_PLATFORM": "wayland;xcb"})
    assert message is not None
    assert "QT_QPA_PLATFORM=wayland;xcb but WAYLAND_DISPLAY and DISPLAY are unset" in message


def test_fallback_list_takes_the_first_platform_that_can_start():
    """QT_QPA_PLATFORM="wayland;xcb" is fine when X11 works even though Wayland does not."""
    assert _problem({"QT_QPA_PLATFORM": "wayland;xcb", "DISPLAY": ":1"}) is None


def test_a_stale_display_variable_is_explained():
    """DISPLAY=:99 with no X server behind it (an old SSH session) is named in one line."""
    message = _problem({"DISPLAY": ":99"}, reachable=lambda name, kind, env: False)
    assert message is not None and "\n" not in message
    assert "nothing answers at DISPLAY=:99" in message and "thread-lab run" in message


def test_a_display_that_cannot_be_probed_is_left_to_qt():
    """When reachability cannot be told (a remote host timing out), Qt gets to try."""
    assert _problem({"DISPLAY": "far:0"}, reachable=lambda name, kind, env: None) is None


@pytest.mark.parametrize("system", ["win32", "darwin"])
def test_windows_and_macos_always_have_a_display(system):
    """Windows and macOS use their native platform: never a problem."""
    assert _problem({}, system=system) is None


def test_library_check_really_asks_the_dynamic_loader():
    """library_available finds libc and does not invent a library that does not exist."""
    if not sys.platform.startswith("linux"):
        pytest.skip("shared-object names are Linux ones")
    assert library_available("libc.so.6")
    assert not library_available("libthread-lab-no-such-library.so.7")


def test_frozen_build_counts_its_own_copy_of_a_library(monkeypatch, tmp_path):
    """In a PyInstaller build, a library bundled in sys._MEIPASS counts as present."""
    (tmp_path / "libthread-lab-bundled.so.1").write_bytes(b"")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert library_available("libthread-lab-bundled.so.1")
    assert not library_available("libthread-lab-not-bundled.so.1")


def test_the_check_never_imports_qt():
    """display.py runs before the QApplication exists: importing it loads no Qt."""
    code = (
        "import sys, thread_lab.gui.display as d; d.display_problem(); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'shiboken6', 'pyqtgraph')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.fixture
def x11_dir(monkeypatch, tmp_path):
    """A private folder standing in for /tmp/.X11-unix."""
    monkeypatch.setattr(display, "X11_SOCKET_DIR", str(tmp_path))
    return tmp_path


def _unix_server(path) -> socket.socket:
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    server.listen(16)
    return server


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="needs Unix sockets")
def test_a_local_x_server_is_found_by_its_socket(x11_dir):
    """An X server listening on <socket dir>/X42 makes DISPLAY=:42 reachable."""
    with _unix_server(x11_dir / "X42"):
        assert display_reachable(":42", "xcb", {}) is True
        assert display_reachable(":42.0", "xcb", {}) is True
        assert display_reachable("unix:42", "xcb", {}) is True
    assert display_reachable(":42", "xcb", {}) is False  # the socket file left behind
    assert display_reachable(":43", "xcb", {}) is False  # no socket at all


def test_a_tcp_x_server_is_found_by_its_port():
    """DISPLAY=host:N means TCP port 6000+N: reachable while something listens there."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(16)
        number = server.getsockname()[1] - 6000
        assert display_reachable(f"127.0.0.1:{number}", "xcb", {}) is True
    assert display_reachable(f"127.0.0.1:{number}", "xcb", {}) is False


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="needs Unix sockets")
def test_a_wayland_compositor_is_found_in_the_runtime_dir(tmp_path):
    """WAYLAND_DISPLAY names a socket in XDG_RUNTIME_DIR; without that folder, Qt decides."""
    env = {"XDG_RUNTIME_DIR": str(tmp_path)}
    with _unix_server(tmp_path / "wayland-7"):
        assert display_reachable("wayland-7", "wayland", env) is True
        assert display_reachable(str(tmp_path / "wayland-7"), "wayland", {}) is True
    assert display_reachable("wayland-8", "wayland", env) is False
    assert display_reachable("wayland-7", "wayland", {}) is None


def test_an_unusual_display_name_is_left_to_qt():
    """A DISPLAY this check does not understand is not called unreachable."""
    assert display_reachable("/private/tmp/com.apple.launchd.x/org.xquartz:0", "xcb", {}) is None
