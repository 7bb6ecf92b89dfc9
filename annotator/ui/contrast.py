"""Colours for helper text that stay readable: WCAG 2 contrast ratios and a muted text colour.

Helper text (legends, definitions, counts) is drawn lighter than body text, but never below the
WCAG AA ratio of 4.5:1 against the background it sits on, whatever the palette (light or dark).
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget

__all__ = ["AA_NORMAL", "contrast_ratio", "mute", "muted_text_color"]

AA_NORMAL = 4.5


def _luminance(color: QColor) -> float:
    """Relative luminance of an sRGB colour (WCAG 2.x definition)."""
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF())


def contrast_ratio(a: QColor, b: QColor) -> float:
    """The WCAG contrast ratio of two colours, from 1 (same) to 21 (black on white)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def muted_text_color(palette: QPalette, *, minimum: float = AA_NORMAL + 0.3) -> QColor:
    """The lightest mix of the palette's text and window colours whose contrast with the window
    colour is at least ``minimum`` (a little over AA, so antialiasing cannot drop it below)."""
    text = palette.color(QPalette.ColorRole.WindowText)
    window = palette.color(QPalette.ColorRole.Window)
    best = QColor(text)
    for step in range(1, 20):  # 5 % steps from the text colour toward the background
        t = step / 20
        mixed = QColor.fromRgbF(text.redF() + (window.redF() - text.redF()) * t,
                                text.greenF() + (window.greenF() - text.greenF()) * t,
                                text.blueF() + (window.blueF() - text.blueF()) * t)
        if contrast_ratio(mixed, window) < minimum:
            break
        best = mixed
    return best


def mute(widget: QWidget) -> None:
    """Draw ``widget``'s text (a helper label) in :func:`muted_text_color` of its palette."""
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.WindowText, muted_text_color(palette))
    widget.setPalette(palette)
