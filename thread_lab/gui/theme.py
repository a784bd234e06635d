"""The shared look of every view: colour-blind-safe colours, state colours and big fonts.

Everything is sized for a classroom projector read from the back row. Colours come from the
Okabe–Ito palette, which people with the common colour-vision deficiencies can tell apart;
still, no view uses colour alone: every colour is paired with a label, a marker or a line
style.
"""

from __future__ import annotations

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

STATE_LABELS: dict[State, str] = {
    State.READY: "Ready (not started)",
    State.RUNNING: "Running",
    State.SLEEPING: "Sleeping",
    State.WAITING: "Waiting for the lock",
    State.HOLDING: "Holding the lock",
    State.DONE: "Done",
    State.JOINING: "Waiting in join()",
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

# -- sizes ----------------------------------------------------------------------------------
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
        return BLACK
    return THREAD_COLOURS[(i - 1) % len(THREAD_COLOURS)]


def text_colour_for_thread(i: int) -> str:
    """The colour of thread `i` darkened enough to read as text on white (contrast ≥ 4.5:1)."""
    return readable_on_white(colour_for_thread(i))


def readable_on_white(colour: str, contrast: float = 4.5) -> str:
    """`colour`, darkened just enough to reach `contrast` against white (WCAG formula)."""
    c = QColor(colour)
    rgb = [c.red(), c.green(), c.blue()]
    while _contrast_with_white(rgb) < contrast:
        rgb = [int(v * 0.9) for v in rgb]
    return QColor(*rgb).name().upper()


def _contrast_with_white(rgb: list[int]) -> float:
    def linear(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    lum = 0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) + 0.0722 * linear(rgb[2])
    return 1.05 / (lum + 0.05)


def qcolour(colour: str, alpha: int = 255) -> QColor:
    """A QColor from "#RRGGBB" with an optional alpha (0–255)."""
    c = QColor(colour)
    c.setAlpha(alpha)
    return c


def rgb(colour: str) -> tuple[int, int, int]:
    """(r, g, b) of "#RRGGBB", for pyqtgraph and numpy lookup tables."""
    c = QColor(colour)
    return c.red(), c.green(), c.blue()


def ui_font(pt: int = FONT_PT, *, bold: bool = False) -> QFont:
    """The application font at `pt` points."""
    font = QFont()
    font.setPointSize(pt)
    font.setBold(bold)
    return font


def mono_font(pt: int = CODE_PT) -> QFont:
    """A fixed-width font for code, console and file lines."""
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSize(pt)
    return font


def text_css(pt: int = FONT_PT, *, bold: bool = False, colour: str | None = None, extra: str = "") -> str:
    """A widget style sheet for text of `pt` points.

    Why a style sheet and not setFont: the application's style sheet sets a font size on
    every QWidget, and a style sheet wins over setFont; a widget's own sheet wins over both.
    """
    css = f"font-size: {pt}pt; font-weight: {'bold' if bold else 'normal'};"
    if colour:
        css += f" color: {colour};"
    return css + (f" {extra}" if extra else "")


def swatch_style(colour: str) -> str:
    """A style sheet that draws a legend swatch: the colour with a dark outline."""
    return f"background: {colour}; border: 2px solid {FOREGROUND}; border-radius: 3px;"
