"""A row of label buttons (key, name, colour): click one to label the selection."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from ..domain.labels import LabelSchema
from .contrast import mute


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
        # the legend takes the width left and wraps (never widens the window); its grey keeps AA contrast
        self.legend = QLabel(
            # no-break spaces inside each item: a narrow bar wraps between the items, never inside one
            "<span style='background:#cfe3f7; color:#1f2937'>&nbsp;filled&nbsp;</span>&nbsp;=&nbsp;annotation &nbsp; "
            "<span style='text-decoration: underline dashed'>dashed</span>&nbsp;=&nbsp;suggestion &nbsp; F1&nbsp;keys"
        )
        self.legend.setToolTip("A filled word is your annotation; a dashed underline is a suggestion still to "
                               "decide: A accepts it, X rejects it. F1 lists every key.")
        self.legend.setObjectName("labelLegend")
        self.legend.setWordWrap(True)
        self.legend.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.legend.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.legend.setMinimumWidth(120)
        mute(self.legend)
        layout.addWidget(self.legend, 1)
