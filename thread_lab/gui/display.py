"""Find out, before Qt starts, whether a window can be opened here, and say why not in one line.

Without a display (SSH, a container, CI) or without the system libraries Qt's platform
plugins link against, Qt prints a long message and aborts the process. `display_problem()`
predicts those cases so the program can print one clear line and exit instead.

What it predicts is what Qt 6 does on Linux: QT_QPA_PLATFORM, if set, lists the platforms
to try in order ("wayland;xcb"); if unset, Qt tries Wayland first when WAYLAND_DISPLAY is set,
then X11 (xcb), which needs DISPLAY. A platform fails when its libraries are missing or when
no server listens at its display (a stale DISPLAY after an SSH session, say).

Pure Python, no Qt import: it must run before the QApplication exists.
"""

from __future__ import annotations

import ctypes
import os
import re
import socket
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

# The shared libraries each platform plugin links against that a desktop may lack, with the
# Debian/Ubuntu package of each. A PyInstaller build carries its own copies of the xcb ones.
XCB_LIBRARIES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libX11-xcb.so.1": "libx11-xcb1",
}
WAYLAND_LIBRARIES = {
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
}
# platform plugin name -> (the variable naming its display, the libraries it needs)
_PLATFORMS = {
    "xcb": ("DISPLAY", XCB_LIBRARIES),
    "wayland": ("WAYLAND_DISPLAY", WAYLAND_LIBRARIES),
    "wayland-egl": ("WAYLAND_DISPLAY", WAYLAND_LIBRARIES),
    "wayland-brcm": ("WAYLAND_DISPLAY", WAYLAND_LIBRARIES),
}

X11_SOCKET_DIR = "/tmp/.X11-unix"  # where X servers put their local sockets: X0, X1, ...

HOW_ELSE = (
    "Run it on a desktop, or use `thread-lab run …` for the terminal, "
    "or set QT_QPA_PLATFORM=offscreen for --screenshot/--self-test."
)


def library_available(soname: str) -> bool:
    """True if the shared library SONAME can be loaded (a frozen build's own copy counts)."""
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle and (Path(bundle) / soname).exists():
        return True
    try:
        ctypes.CDLL(soname)  # the dynamic loader's own search: LD_LIBRARY_PATH, ld.so.cache
    except OSError:
        return False
    return True


def _answers(connect: Callable[[], socket.socket]) -> bool | None:
    """True if CONNECT reaches a listening server, False if refused or absent, else None."""
    try:
        connect().close()
    except (FileNotFoundError, ConnectionRefusedError):
        return False
    except OSError:
        return None  # timed out, no route, unknown host...: let Qt try and tell
    return True


def _unix(path: str) -> socket.socket:
    probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    probe.settimeout(0.5)
    try:
        probe.connect(path)
    except OSError:
        probe.close()
        raise
    return probe


def display_reachable(name: str, kind: str, env: Mapping[str, str]) -> bool | None:
    """Whether a server listens at display NAME (kind "xcb": ":0", "localhost:10.0"; kind
    "wayland": "wayland-0"): True, False, or None when only Qt itself could tell."""
    if kind == "xcb":
        match = re.fullmatch(r"([^:/]*):(\d+)(?:\.\d+)?", name)
        if not match:
            return None  # e.g. XQuartz's launchd socket path
        host, number = match.groups()
        if host in ("", "unix"):
            path = f"{X11_SOCKET_DIR}/X{number}"
            # Like libxcb on Linux: the abstract socket first, then the file.
            if sys.platform.startswith("linux") and _answers(lambda: _unix("\0" + path)):
                return True
            return _answers(lambda: _unix(path))
        return _answers(lambda: socket.create_connection((host, 6000 + int(number)), 1.0))
    runtime = env.get("XDG_RUNTIME_DIR", "")
    if not name.startswith("/") and not runtime:
        return None
    return _answers(lambda: _unix(name if name.startswith("/") else os.path.join(runtime, name)))


def display_problem(
    env: Mapping[str, str] | None = None,
    *,
    system: str | None = None,
    have_library: Callable[[str], bool] = library_available,
    reachable: Callable[[str, str, Mapping[str, str]], bool | None] = display_reachable,
) -> str | None:
    """One line saying why no window can open here (and what to do), or None if one can."""
    env = os.environ if env is None else env
    system = sys.platform if system is None else system
    if not system.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return None  # Windows and macOS always have their native platform
    requested = env.get("QT_QPA_PLATFORM", "").strip()
    # "wayland;xcb" is a fallback list; "offscreen:fontengine=freetype" carries options.
    names = [part.split(":")[0].strip() for part in requested.split(";") if part.strip()]
    if any(name not in _PLATFORMS for name in names):
        return None  # offscreen, minimal, vnc, eglfs...: chosen on purpose, no display server
    if not names:
        names = ["wayland", "xcb"] if env.get("WAYLAND_DISPLAY") else ["xcb"]

    missing: dict[str, str] = {}  # soname -> package, for platforms whose display is there
    silent: list[str] = []  # "DISPLAY=:99", ...: set, but no server listens there
    for name in names:  # Qt tries them in order and keeps the first that starts
        variable, libraries = _PLATFORMS[name]
        if not env.get(variable):
            continue
        lacking = {lib: pkg for lib, pkg in libraries.items() if not have_library(lib)}
        if lacking:
            missing.update(lacking)
        elif reachable(env[variable], "xcb" if name == "xcb" else "wayland", env) is False:
            silent.append(f"{variable}={env[variable]}")
        else:
            return None

    if missing:
        return (
            f"Thread Lab cannot open a window: Qt needs {', '.join(missing)}, which this "
            f"system lacks. On Debian or Ubuntu: sudo apt install {' '.join(missing.values())}; "
            "or use `thread-lab run …` for the terminal."
        )
    if silent:
        where = " and ".join(dict.fromkeys(silent))
        return (
            f"Thread Lab needs a display: nothing answers at {where} (a closed session or a "
            f"stale variable?). {HOW_ELSE}"
        )
    variables = list(dict.fromkeys(_PLATFORMS[name][0] for name in names))
    unset = " and ".join(variables) + (" are unset" if len(variables) > 1 else " is unset")
    if requested:
        return f"Thread Lab needs a display: QT_QPA_PLATFORM={requested} but {unset}. {HOW_ELSE}"
    return (
        "Thread Lab needs a display: none was found (DISPLAY and WAYLAND_DISPLAY are unset). "
        f"{HOW_ELSE}"
    )
