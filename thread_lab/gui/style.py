"""The application's style sheet: big, high-contrast controls for a projector."""

from __future__ import annotations

from thread_lab.gui import theme


def app_style() -> str:
    """The Qt style sheet for the whole window."""
    return f"""
    QWidget {{ font-size: {theme.FONT_PT}pt; }}
    QGroupBox {{ font-weight: bold; margin-top: 14px; padding-top: 6px; }}
    QGroupBox::title {{ subcontrol-origin: margin; left: 8px; padding: 0 4px; }}
    QPushButton {{ padding: 6px 14px; border-radius: 6px; border: 2px solid {theme.FOREGROUND};
                  background: {theme.SURFACE}; }}
    QPushButton:focus {{ border: 3px solid {theme.BLUE}; }}
    QPushButton:disabled {{ color: {theme.TEXT_DISABLED}; border-color: {theme.BORDER_DISABLED};
                           background: {theme.SURFACE_DISABLED}; }}
    QPushButton#startButton:enabled {{ background: {theme.BLUISH_GREEN}; color: white;
                                       font-weight: bold; }}
    QPushButton#stopButton:enabled {{ background: {theme.VERMILLION}; color: white;
                                      font-weight: bold; }}
    QPushButton#lockSwitch {{ font-size: {theme.TITLE_PT}pt; font-weight: bold;
                             background: {theme.BACKGROUND}; color: {theme.readable(theme.VERMILLION)};
                             border: 3px dashed {theme.VERMILLION}; }}
    QPushButton#lockSwitch:checked {{ background: {theme.BLUE}; color: white;
                                     border: 3px solid {theme.FOREGROUND}; }}
    QPushButton#lockSwitch:focus {{ border-color: {theme.FOREGROUND}; }}
    QLabel#banner {{ background: {theme.VERMILLION}; color: white; font-weight: bold;
                     padding: 10px; border-radius: 6px; font-size: {theme.TITLE_PT}pt; }}
    QLabel[objectName^="summary_"] {{ font-size: {theme.TITLE_PT + 6}pt; font-weight: bold; }}
    QLabel#summary_lost[bad="true"] {{ color: {theme.readable(theme.VERMILLION)}; }}
    QLabel#summary_sentence {{ font-size: {theme.TITLE_PT}pt; font-weight: bold; }}
    QLabel#summary_speedup {{ font-size: {theme.FONT_PT}pt; font-weight: bold; }}
    QLabel#summary_note {{ font-size: {theme.SMALL_PT}pt; font-weight: normal;
                           color: {theme.MUTED}; }}
    QTabBar::tab {{ padding: 8px 18px; }}
    QTabBar::tab:selected {{ font-weight: bold; }}
    """
