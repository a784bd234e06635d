"""The shared look of every view: colour-blind-safe colours, state colours and big fonts.

Everything is sized for a classroom projector read from the back row. Colours come from the
Okabe–Ito palette, which people with the common colour-vision deficiencies can tell apart;
still, no view uses colour alone: every colour is paired with a label, a marker or a line
style.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QColor, QFont, QFontDatabase

from thread_lab.engine import State

# -- the Okabe–Ito palette ----------------------------------------------------------------
BLACK = "#000000"
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
BLUISH_GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"

# Greys for what is quiet on purpose (not started, finished) and for text.
READY_GREY = "#E4E4E4"
DONE_GREY = "#9A9A9A"
MUTED = "#6B6B6B"  # secondary text; 5.3:1 on white
BACKGROUND = "#FFFFFF"  # the views draw on white: the most readable on a washed-out projector
FOREGROUND = "#111111"

# -- what each thread state looks like ------------------------------------------------------
STATE_COLOURS: dict[State, str] = {
    State.READY: READY_GREY,
    State.RUNNING: BLUISH_GREEN,
    State.SLEEPING: SKY_BLUE,
    State.WAITING: VERMILLION,  # stuck at the lock: the "bad" colour
    State.HOLDING: BLUE,
    State.DONE: DONE_GREY,
    State.JOINING: REDDISH_PURPLE,
}

# English source texts; state_label() gives them in the window's language.
STATE_LABELS: dict[State, str] = {
    State.READY: QT_TRANSLATE_NOOP("State", "Ready (not started)"),
    State.RUNNING: QT_TRANSLATE_NOOP("State", "Running"),
    State.SLEEPING: QT_TRANSLATE_NOOP("State", "Sleeping"),
    State.WAITING: QT_TRANSLATE_NOOP("State", "Waiting for the lock"),
    State.HOLDING: QT_TRANSLATE_NOOP("State", "Holding the lock"),
    State.DONE: QT_TRANSLATE_NOOP("State", "Done"),
    State.JOINING: QT_TRANSLATE_NOOP("State", "Waiting in join()"),
}

# The order a legend lists the states in: the life of a thread.
STATE_ORDER: tuple[State, ...] = (
    State.READY,
    State.RUNNING,
    State.SLEEPING,
    State.WAITING,
    State.HOLDING,
    State.JOINING,
    State.DONE,
)

# -- one colour per thread ------------------------------------------------------------------
# Yellow is left out: on white it cannot be read as text or seen as a thin bar.
THREAD_COLOURS: tuple[str, ...] = (BLUE, VERMILLION, BLUISH_GREEN, REDDISH_PURPLE, ORANGE, SKY_BLUE, BLACK)

# -- light and dark -------------------------------------------------------------------------
# The colour names above and these are the palette in use. Widgets read them when they are
# built, so set_palette() runs before a window is made (switching theme rebuilds the window).
SURFACE = "#F2F2F2"  # button faces
SURFACE_DISABLED = "#F7F7F7"
TEXT_DISABLED = "#8A8A8A"
BORDER_DISABLED = "#B0B0B0"
LABEL_FILL = "#FFFFFFE6"  # behind text drawn over a plot
ERROR_TEXT = "#A03000"  # error messages and torn lines, readable on BACKGROUND
CODE_COLOURS = {  # the code pane's syntax colours
    "keyword": "#0B4F9C", "builtin": "#7A3E9D", "self": "#A0306E", "number": "#A34700",
    "name": "#005F49", "decorator": "#7A3E9D", "string": "#1C6B2F", "comment": "#636363",
}
DARK = False

_PALETTES = {
    False: dict(
        BACKGROUND="#FFFFFF", FOREGROUND="#111111", MUTED="#6B6B6B", READY_GREY="#E4E4E4",
        DONE_GREY="#9A9A9A", SURFACE="#F2F2F2", SURFACE_DISABLED="#F7F7F7",
        TEXT_DISABLED="#8A8A8A", BORDER_DISABLED="#B0B0B0", LABEL_FILL="#FFFFFFE6",
        ERROR_TEXT="#A03000", THREAD_COLOURS=THREAD_COLOURS, CODE_COLOURS=dict(CODE_COLOURS),
    ),
    True: dict(  # text at least 7:1 on BACKGROUND (disabled text aside)
        BACKGROUND="#161616", FOREGROUND="#F2F2F2", MUTED="#B8B8B8", READY_GREY="#3C3C3C",
        DONE_GREY="#8C8C8C", SURFACE="#2E2E2E", SURFACE_DISABLED="#222222",
        TEXT_DISABLED="#7C7C7C", BORDER_DISABLED="#555555", LABEL_FILL="#161616E6",
        ERROR_TEXT="#FF9E70",
        # Black disappears on a dark background: light grey takes its place.
        THREAD_COLOURS=THREAD_COLOURS[:-1] + ("#E6E6E6",),
        CODE_COLOURS={
            "keyword": "#7FB8FF", "builtin": "#D7A6F0", "self": "#F29CC8", "number": "#FFB870",
            "name": "#6FE0BE", "decorator": "#D7A6F0", "string": "#A6E3A1", "comment": "#A8A8A8",
        },
    ),
}


def set_palette(dark: bool) -> None:
    """Use the dark (or the light) palette for the widgets built from now on."""
    global DARK
    DARK = bool(dark)
    globals().update(_PALETTES[DARK])
    STATE_COLOURS[State.READY] = READY_GREY
    STATE_COLOURS[State.DONE] = DONE_GREY


def state_label(state: State | int) -> str:
    """The name of a thread state in the window's language ("Waiting for the lock")."""
    return QCoreApplication.translate("State", STATE_LABELS[State(state)])


# -- sizes ----------------------------------------------------------------------------------
# The sizes in use: zoom and presentation mode (gui/presentation.py) change them, and the
# widgets already shown with them. Read them as theme.FONT_PT when you need them.
FONT_PT = 16  # body text, legends, axis labels
SMALL_PT = 14  # the smallest text any view draws (tick labels, notes)
TITLE_PT = 20  # the numbers the class reads aloud (readouts)
CODE_PT = 16  # source code, console and file lines
LINE_PX = 4  # curves
MARKER_PX = 3  # lock markers, outlines


def colour_for_state(state: State | int) -> str:
    """The fill colour of a thread state, as "#RRGGBB"."""
    return STATE_COLOURS[State(state)]


def colour_for_thread(i: int) -> str:
    """The colour of thread `i` (1-based; 0 is Main) for bars and fills, as "#RRGGBB"."""
    if i <= 0:
        return FOREGROUND
    return THREAD_COLOURS[(i - 1) % len(THREAD_COLOURS)]


def text_colour_for_thread(i: int) -> str:
    """The colour of thread `i` made readable as text on the background (contrast ≥ 4.5:1)."""
    return readable(colour_for_thread(i))


def readable(colour: str, contrast: float = 4.5) -> str:
    """`colour`, darkened (light palette) or lightened (dark) to reach `contrast` on BACKGROUND."""
    if not DARK:
        return readable_on_white(colour, contrast)
    c = QColor(colour)
    rgb = [c.red(), c.green(), c.blue()]
    back = QColor(BACKGROUND)
    back_lum = _luminance([back.red(), back.green(), back.blue()])
    while (_luminance(rgb) + 0.05) / (back_lum + 0.05) < contrast and min(rgb) < 255:
        rgb = [min(255, int(v + (255 - v) * 0.1 + 1)) for v in rgb]
    return QColor(*rgb).name().upper()


def readable_on_white(colour: str, contrast: float = 4.5) -> str:
    """`colour`, darkened just enough to reach `contrast` against white (WCAG formula)."""
    c = QColor(colour)
    rgb = [c.red(), c.green(), c.blue()]
    while _contrast_with_white(rgb) < contrast:
        rgb = [int(v * 0.9) for v in rgb]
    return QColor(*rgb).name().upper()


def _contrast_with_white(rgb: list[int]) -> float:
    return 1.05 / (_luminance(rgb) + 0.05)


def _luminance(rgb: list[int]) -> float:
    def linear(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) + 0.0722 * linear(rgb[2])


def qcolour(colour: str, alpha: int = 255) -> QColor:
    """A QColor from "#RRGGBB" with an optional alpha (0–255)."""
    c = QColor(colour)
    c.setAlpha(alpha)
    return c


def rgb(colour: str) -> tuple[int, int, int]:
    """(r, g, b) of "#RRGGBB", for pyqtgraph and numpy lookup tables."""
    c = QColor(colour)
    return c.red(), c.green(), c.blue()


def ui_font(pt: float | None = None, *, bold: bool = False) -> QFont:
    """The application font at `pt` points (FONT_PT as it is now if not given)."""
    font = QFont()
    font.setPointSizeF(FONT_PT if pt is None else pt)
    font.setBold(bold)
    return font


def mono_font(pt: float | None = None) -> QFont:
    """A fixed-width font for code, console and file lines (CODE_PT as it is now if not given)."""
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSizeF(CODE_PT if pt is None else pt)
    return font


def text_css(pt: float | None = None, *, bold: bool = False, colour: str | None = None, extra: str = "") -> str:
    """A widget style sheet for text of `pt` points.

    Why a style sheet and not setFont: the application's style sheet sets a font size on
    every QWidget, and a style sheet wins over setFont; a widget's own sheet wins over both.
    """
    css = f"font-size: {FONT_PT if pt is None else pt}pt; font-weight: {'bold' if bold else 'normal'};"
    if colour:
        css += f" color: {colour};"
    return css + (f" {extra}" if extra else "")


def swatch_style(colour: str) -> str:
    """A style sheet that draws a legend swatch: the colour with a dark outline."""
    return f"background: {colour}; border: 2px solid {FOREGROUND}; border-radius: 3px;"


def striped_swatch_style(colour: str, stripe: str) -> str:
    """A legend swatch in vertical stripes of `colour` and `stripe` (a pattern, not only a colour)."""
    return (
        "background: qlineargradient(spread:repeat, x1:0, y1:0, x2:0.5, y2:0, "
        f"stop:0 {colour}, stop:0.5 {colour}, stop:0.51 {stripe}, stop:1 {stripe}); "
        f"border: 2px solid {FOREGROUND}; border-radius: 3px;"
    )


def mix(colour: str, other: str, share: float) -> str:
    """`colour` with `share` (0–1) of `other` mixed in, as "#RRGGBB"."""
    a, b = QColor(colour), QColor(other)
    return QColor(*(round(x + (y - x) * share) for x, y in zip(
        (a.red(), a.green(), a.blue()), (b.red(), b.green(), b.blue())))).name().upper()
