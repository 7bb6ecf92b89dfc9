"""A row of label buttons (key, name, colour): click one to label the selection."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from ..domain.labels import LabelSchema


class LabelBar(QWidget):
    labelClicked = Signal(str)

    def __init__(self, labels: LabelSchema, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(6)
        self.buttons: dict[str, QPushButton] = {}
        for label in labels.labels:
            key = f"{label.key} " if label.key else ""
            button = QPushButton(f"{key}{label.name}")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keep the text selection where it is
            button.setToolTip(f"{label.description}" + (f"  —  key {label.key}" if label.key else ""))
            button.setStyleSheet(
                f"QPushButton {{ border: 2px solid {label.color}; border-radius: 10px; padding: 2px 10px;"
                f" background: palette(base); font-weight: 600; }}"
                f"QPushButton:hover {{ background: {label.color}; color: white; }}"
            )
            button.clicked.connect(lambda _=False, name=label.name: self.labelClicked.emit(name))
            layout.addWidget(button)
            self.buttons[label.name] = button
        layout.addStretch(1)
        legend = QLabel(
            "<span style='background:#cfe3f7'>&nbsp;filled&nbsp;</span> = annotation &nbsp; "
            "<span style='text-decoration: underline dashed'>dashed</span> = suggestion (A accept · X reject) &nbsp; F1 keys"
        )
        legend.setStyleSheet("color: palette(mid);")
        layout.addWidget(legend)
