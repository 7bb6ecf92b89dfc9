"""The keyboard cheat-sheet, generated from the action table and the label schema."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from ..domain.labels import LabelSchema
from .actions import ACTIONS, CURATION_ACTIONS, GESTURES, MENUS, ROLE_KEYS


def cheatsheet_html(labels: LabelSchema, roles: Sequence[str] = ()) -> str:
    """The cheat-sheet: label keys, every action of the table, the event role keys for ``roles``
    (the event schema's, in order), the curation window's keys and the mouse gestures."""
    rows = [f"<tr><td><b>{escape(l.key)}</b></td><td><span style='color:{l.color}'>■</span> {l.name} — "
            f"{escape(l.description)}</td></tr>" for l in labels.labels if l.key]
    parts = ["<h3>Labels</h3><table cellpadding=3>", *rows, "</table>"]
    if roles:
        parts.append("<h3>Event roles</h3><table cellpadding=3>")
        parts += [f"<tr><td><b>{key}</b></td><td>the selected words or the clicked entity become the current "
                  f"event's {escape(role)}</td></tr>" for key, role in zip(ROLE_KEYS, roles)]
        parts.append("</table>")
    for menu in MENUS:
        specs = [a for a in ACTIONS if a.menu == menu]
        parts.append(f"<h3>{menu.replace('&', '')}</h3><table cellpadding=3>")
        for a in specs:
            keys = " or ".join(f"<b>{escape(k)}</b>" for k in a.shortcuts)
            parts.append(f"<tr><td>{keys}</td><td>{escape(a.text.replace('&', '').rstrip('…'))}</td></tr>")
        parts.append("</table>")
    parts.append("<h3>In the curation window (Review &gt; Curate this article)</h3><table cellpadding=3>")
    for a in CURATION_ACTIONS:
        keys = " or ".join(f"<b>{escape(k)}</b>" for k in a.shortcuts)
        parts.append(f"<tr><td>{keys}</td><td>{escape(a.text.rstrip('…'))}</td></tr>")
    parts.append("<tr><td><b>Click</b> an annotator's item</td><td>Take it into gold</td></tr></table>")
    parts.append("<h3>Mouse and selection</h3><table cellpadding=3>")
    parts += [f"<tr><td><b>{escape(k)}</b></td><td>{escape(v)}</td></tr>" for k, v in GESTURES]
    parts.append("</table><p>Every edit is saved when you make it. Undo and redo cover every edit.</p>")
    return "".join(parts)


class ShortcutsDialog(QDialog):
    def __init__(self, labels: LabelSchema, parent: QWidget | None = None, roles: Sequence[str] = ()) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.resize(560, 640)
        layout = QVBoxLayout(self)
        browser = QTextBrowser()
        browser.setHtml(cheatsheet_html(labels, roles))
        layout.addWidget(browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
