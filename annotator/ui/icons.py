"""Small coloured marks for item views: a status dot, a label swatch (cached per colour and shape)."""

from __future__ import annotations

from PySide6 import QtCore, QtGui
from PySide6.QtCore import Qt

_CACHE: dict[tuple[str, bool], QtGui.QIcon] = {}


def color_icon(color: str, *, round_dot: bool) -> QtGui.QIcon:
    """A 12-pixel dot (``round_dot``) or rounded square filled with ``color``, with a darker rim."""
    key = (color, round_dot)
    icon = _CACHE.get(key)
    if icon is None:
        size = 12
        pixmap = QtGui.QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QtGui.QPainter(pixmap)
        painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        qcolor = QtGui.QColor(color)
        painter.setPen(QtGui.QPen(qcolor.darker(130 if round_dot else 140), 1))
        painter.setBrush(qcolor)
        box = QtCore.QRectF(1.5, 1.5, size - 3, size - 3)
        if round_dot:
            painter.drawEllipse(box)
        else:
            painter.drawRoundedRect(box, 2, 2)
        painter.end()
        icon = _CACHE[key] = QtGui.QIcon(pixmap)
    return icon
