"""How big and how bright everything is: zoom (Ctrl+= / Ctrl+- / Ctrl+0), presentation mode
(F5: full screen, text at least 24 px, thick lines, high contrast), and the light / dark theme.

Zoom and presentation act live, in the middle of a run: the sizes in `theme` change, the
application style sheet is rebuilt from them, and `restyle()` rescales what is already on
screen — every widget's own style sheet and every pyqtgraph font, pen and marker. What views
draw later reads the new sizes from `theme`.

The light / dark palette is chosen before a window is built (`apply_palette`); switching it
rebuilds the window (gui/classroom.py), because the views bake colours into what they have
already drawn (console lines, highlighted code).
"""

from __future__ import annotations

import math
import re
import sys
from dataclasses import dataclass, replace

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget

from thread_lab.gui import theme
from thread_lab.gui.style import app_style

BASE_SIZES = dict(FONT_PT=16, SMALL_PT=14, TITLE_PT=20, CODE_PT=16)  # theme's, at zoom 1
BASE_LINE_PX, BASE_MARKER_PX = 4, 3
ZOOM_STEPS = (0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.25, 1.4, 1.6, 1.8, 2.0, 2.4)
MIN_TEXT_PX = 24  # presentation mode: the smallest text on a 1920×1080 projector
MIN_LINE_PX = 4  # presentation mode: the thinnest plot line
# High contrast: secondary text becomes almost as dark (light theme) or as bright (dark) as
# the main text. A colour of its own, so leaving presentation mode can find and undo it.
CONTRAST_MUTED = {False: "#2A2A2A", True: "#E4E4E4"}

_FONT_SIZE = re.compile(r"font-size:\s*([0-9.]+)pt")


@dataclass(frozen=True)
class Look:
    """The size and contrast everything is drawn at."""

    zoom: float = 1.0  # the user's Ctrl+= / Ctrl+- factor
    presentation: bool = False
    dpi: float = 96.0  # logical dots per inch of the screen: points → pixels

    @property
    def factor(self) -> float:
        """How much bigger than the base sizes things are drawn (before the minimum)."""
        return max(1.0, self.zoom) if self.presentation else self.zoom

    @property
    def min_pt(self) -> float:
        """The smallest text in points: 24 px at this dpi in presentation mode, else none."""
        return MIN_TEXT_PX * 72 / self.dpi if self.presentation else 0.0

    def text_pt(self, base: float) -> float:
        """The size of text that is `base` points at zoom 1."""
        return max(base * self.factor, self.min_pt)

    def base_pt(self, size: float) -> float:
        """Back from a size drawn at this look to its size at zoom 1 (best guess at the minimum)."""
        if self.presentation and size <= self.min_pt + 0.01:
            return BASE_SIZES["FONT_PT"]  # raised to the minimum: most such text is body text
        return size / self.factor

    def sizes(self) -> dict[str, float]:
        """The theme's sizes for this look."""
        # Up, so that 17.99 pt never misses 24 px by a hair.
        sizes = {name: max(6, math.ceil(self.text_pt(base) - 0.01)) for name, base in BASE_SIZES.items()}
        low = MIN_LINE_PX if self.presentation else 1
        sizes["LINE_PX"] = max(low, round(BASE_LINE_PX * self.factor))
        sizes["MARKER_PX"] = max(low, round(BASE_MARKER_PX * self.factor))
        return sizes


def zoomed(look: Look, steps: int) -> Look:
    """`look` zoomed in (steps > 0) or out by whole steps; 0 steps: back to 1."""
    if steps == 0:
        return replace(look, zoom=1.0)
    here = min(range(len(ZOOM_STEPS)), key=lambda i: abs(ZOOM_STEPS[i] - look.zoom))
    return replace(look, zoom=ZOOM_STEPS[max(0, min(len(ZOOM_STEPS) - 1, here + steps))])


def screen_dpi(widget: QWidget | None = None) -> float:
    """The logical dpi of the widget's screen (or the primary one)."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QApplication.primaryScreen()
    return screen.logicalDotsPerInch() if screen is not None else 96.0


def apply_look(window: QWidget, old: Look, new: Look) -> None:
    """Redraw `window` and what it shows at `new` sizes and contrast; it was drawn at `old`."""
    app = QApplication.instance()
    for name, value in new.sizes().items():
        setattr(theme, name, value)
    normal_muted = theme._PALETTES[theme.DARK]["MUTED"]
    theme.MUTED = CONTRAST_MUTED[theme.DARK] if new.presentation else normal_muted
    app.setStyleSheet(app_style() + (presentation_style() if new.presentation else ""))
    restyle(window, old, new)


def built_at(look: Look, factory):
    """`factory()`, a pane built now, drawn at `look` exactly as if it had been there when
    the look changed: built at zoom 1 like every pane, then restyled (thick lines and high
    contrast included, which building from `theme`'s sizes alone would miss)."""
    base = Look(dpi=look.dpi)
    if look == base:
        return factory()
    names = (*base.sizes(), "MUTED")
    saved = {name: getattr(theme, name) for name in names}
    for name, value in base.sizes().items():
        setattr(theme, name, value)
    theme.MUTED = theme._PALETTES[theme.DARK]["MUTED"]
    try:
        pane = factory()
    finally:
        for name, value in saved.items():
            setattr(theme, name, value)
    restyle(pane, base, look)
    return pane


def presentation_style() -> str:
    """What presentation mode adds to the style sheet: big run controls, thick outlines."""
    return f"""
    QPushButton {{ border-width: 3px; padding: 6px 8px; }}
    QPushButton#startButton, QPushButton#stopButton {{ min-height: {round(theme.TITLE_PT * 3)}px;
        font-size: {theme.TITLE_PT}pt; }}
    QPushButton#lockSwitch {{ min-height: {round(theme.TITLE_PT * 3.6)}px; border-width: 4px; }}
    QLabel, QCheckBox, QGroupBox, QTabBar::tab, QMenuBar, QMenu, QStatusBar, QToolButton {{
        color: {theme.FOREGROUND}; }}
    """


def restyle(root: QWidget, old: Look, new: Look) -> None:
    """Redraw what `root` already shows, drawn at `old`, at `new`: style sheets, plot fonts, pens."""
    normal_muted = theme._PALETTES[theme.DARK]["MUTED"]
    contrast = CONTRAST_MUTED[theme.DARK]
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        sheet = widget.styleSheet()
        if not sheet or ("font-size" not in sheet and contrast not in sheet and normal_muted not in sheet):
            continue
        if sheet == widget.property("threadLabSheet"):
            base = widget.property("threadLabBaseSheet")  # as we left it: its base is known
        else:  # set by its view since: work its base out
            base = _FONT_SIZE.sub(lambda m: f"font-size: {old.base_pt(float(m.group(1))):g}pt", sheet)
            base = re.sub(re.escape(contrast), normal_muted, base, flags=re.IGNORECASE)
        changed = _FONT_SIZE.sub(lambda m: f"font-size: {new.text_pt(float(m.group(1))):.2f}pt", base)
        if new.presentation:
            changed = re.sub(re.escape(normal_muted), contrast, changed, flags=re.IGNORECASE)
        if changed != sheet:
            widget.setStyleSheet(changed)
        widget.setProperty("threadLabSheet", changed)
        widget.setProperty("threadLabBaseSheet", base)
    pg = _pyqtgraph()
    for view in root.findChildren(pg.GraphicsView) if pg else ():
        for item in view.scene().items():
            _restyle_item(pg, item, old, new)
    # Plot items kept aside while hidden (not in any scene) are redrawn too.
    for widget in widgets:
        for value in list(getattr(widget, "__dict__", {}).values()) if pg else ():
            if isinstance(value, pg.GraphicsObject) and value.scene() is None:
                for item in [value, *_descendants(value)]:
                    _restyle_item(pg, item, old, new)
        rows = getattr(widget, "rows_axis", None)
        if rows is not None and getattr(rows, "names", None):
            rows.set_names(rows.names)  # its width follows the new font
            summary = getattr(widget, "summary_plot", None)
            if summary is not None:
                summary.getAxis("left").setWidth(rows.fixed_width)
    # A pane that never scrolls sideways must be wide enough for its bigger contents; in
    # presentation mode only as wide as it must (its lists may shorten), the plots need room.
    for area in root.findChildren(QScrollArea):
        inner = area.widget()
        if inner is not None and area.property("threadLabFitWidth"):
            wanted = inner.minimumSizeHint() if new.presentation else inner.sizeHint()
            area.setMinimumWidth(min(wanted.width() + 24, 700))


def _pyqtgraph():
    """pyqtgraph if a plot was built already, else None: then there is no plot to restyle,
    and the plots built later take their sizes and colours from `theme`."""
    return sys.modules.get("pyqtgraph")


def _descendants(item) -> list:
    found = []
    for child in item.childItems():
        found.append(child)
        found.extend(_descendants(child))
    return found


def _tracked(item, name: str, current: float, old: Look, new: Look, base_of=None, size_of=None) -> float:
    """The new size of something `item` draws at `current`; its base size is kept on the item."""
    base_of = base_of or old.base_pt
    size_of = size_of or new.text_pt
    bases = item.__dict__.setdefault("_thread_lab_sizes", {})
    base, drawn = bases.get(name, (None, None))
    if base is None or drawn is None or abs(drawn - current) > 0.01:
        base = base_of(current)  # first seen, or changed by its view since
    size = size_of(base)
    bases[name] = (base, size)
    return size


def _restyle_item(pg, item, old: Look, new: Look) -> None:
    if isinstance(item, pg.AxisItem):
        font = item.style.get("tickFont")
        if isinstance(font, QFont) and font.pointSizeF() > 0:
            item.setTickFont(_font_at(font, _tracked(item, "tick", font.pointSizeF(), old, new)))
        style = dict(item.labelStyle or {})
        size = _css_pt(style.get("font-size"))
        if item.label.isVisible() and size:
            style["font-size"] = f"{_tracked(item, 'label', size, old, new):.2f}pt"
            item.setLabel(text=item.labelText, units=item.labelUnits,
                          unitPrefix=item.labelUnitPrefix, **style)
    elif isinstance(item, pg.LabelItem):
        size = _css_pt(item.opts.get("size"))
        if item.text and size:
            item.setText(item.text, size=f"{_tracked(item, 'size', size, old, new):.2f}pt")
    elif isinstance(item, pg.TextItem):
        font = item.textItem.font()
        if font.pointSizeF() > 0:
            item.setFont(_font_at(font, _tracked(item, "font", font.pointSizeF(), old, new)))
    elif isinstance(item, pg.ScatterPlotItem):
        size = item.opts.get("size")
        if isinstance(size, (int, float)):
            item.setSize(_tracked(item, "marker", size, old, new,
                                  base_of=lambda s: s / old.factor, size_of=lambda b: b * new.factor))
    elif isinstance(item, pg.PlotDataItem):
        pen = item.opts.get("pen")
        if pen is not None:
            item.setPen(_line_pen(pg, item, pg.mkPen(pen), old, new))
    elif isinstance(item, pg.InfiniteLine):
        item.setPen(_line_pen(pg, item, item.pen, old, new))


def _line_pen(pg, item, pen, old: Look, new: Look):
    """The item's pen at the new width: thicker with zoom, at least 4 px in presentation mode."""
    # Lines in the background colour only separate rows: they may stay thin.
    separator = QColor(pen.color()).name().upper() == QColor(theme.BACKGROUND).name().upper()
    low = MIN_LINE_PX if new.presentation and not separator else 0.0
    width = _tracked(item, "pen", pen.widthF(), old, new, base_of=lambda w: w / old.factor,
                     size_of=lambda b: max(b * new.factor, low))
    pen = pg.mkPen(pen)
    pen.setWidthF(width)
    return pen


def _font_at(font: QFont, pt: float) -> QFont:
    font = QFont(font)
    font.setPointSizeF(pt)
    return font


def _css_pt(size) -> float | None:
    match = re.fullmatch(r"\s*([0-9.]+)\s*pt\s*", str(size or ""))
    return float(match.group(1)) if match else None


# -- the light and the dark palette -----------------------------------------------------------

_original: dict = {}


def apply_palette(app, dark: bool) -> None:
    """Use the dark (or light) palette for the application and for windows built from now on."""
    theme.set_palette(dark)
    if "palette" not in _original:
        _original["palette"] = QPalette(app.palette())
        _original["style"] = app.style().name()
    if dark:
        app.setStyle("Fusion")  # the style that follows the palette on every system
        app.setPalette(_dark_palette())
    else:
        if app.style().name().lower() != _original["style"].lower():
            app.setStyle(_original["style"])
        app.setPalette(_original["palette"])
    pg = _pyqtgraph()
    if pg is not None:  # else gui/plotting.py reads the palette when the first plot is built
        pg.setConfigOptions(background=theme.BACKGROUND, foreground=theme.FOREGROUND)
    app.setStyleSheet(app_style())  # its colours come from the palette in `theme`


def _dark_palette() -> QPalette:
    pal = QPalette()
    role = QPalette.ColorRole
    colours = {
        role.Window: "#202020", role.WindowText: theme.FOREGROUND, role.Base: theme.BACKGROUND,
        role.AlternateBase: "#262626", role.ToolTipBase: "#2E2E2E", role.ToolTipText: theme.FOREGROUND,
        role.Text: theme.FOREGROUND, role.Button: "#2E2E2E", role.ButtonText: theme.FOREGROUND,
        role.BrightText: "#FFFFFF", role.Highlight: theme.BLUE, role.HighlightedText: "#FFFFFF",
        role.Link: theme.SKY_BLUE, role.PlaceholderText: "#9A9A9A", role.Light: "#3A3A3A",
        role.Midlight: "#303030", role.Mid: "#262626", role.Dark: "#101010", role.Shadow: "#000000",
    }
    for r, colour in colours.items():
        pal.setColor(r, QColor(colour))
    for r in (role.Text, role.WindowText, role.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, r, QColor("#7C7C7C"))
    return pal
