"""Team projects in the app: File ▸ Open team project… and File ▸ Team members….

:class:`OpenTeamDialog` asks where the project is (host, port, database, user, or a whole
``postgresql://`` URL pasted), remembering the answer in the app's settings without any password.
:func:`connect_asking` opens it, asking for a password in a password box only when the server wants
one that libpq did not find (``PGPASSWORD``, ``~/.pgpass``). :class:`TeamDialog` lists the members;
the owner adds and removes them there.

The window a team project opens in is made by a callback (the main window's), so this module never
imports the main window (tests/ui/test_ui_imports.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..store import Project
from ..store.errors import ProjectUnavailable
from ..store.location import display_location, is_server_url
from .contrast import mute
from .notify import notify
from .window_state import settings

__all__ = ["OpenTeamDialog", "TeamDialog", "ask_password", "connect_asking", "open_team_project"]

DEFAULT_PORT = 5432
PASSWORD_TRIES = 3
_REMEMBERED = ("host", "port", "database", "user")  # never the password


class OpenTeamDialog(QDialog):
    """Where the team project is: a server, a database on it, and who logs in."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Open team project")
        self.password: str | None = None  # only from a pasted URL that holds one; never remembered
        self.host = QLineEdit()
        self.host.setPlaceholderText("db.example.org")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(DEFAULT_PORT)
        self.database = QLineEdit()
        self.database.setPlaceholderText("news")
        self.user = QLineEdit()
        self.user.setPlaceholderText("your login (the annotator you are)")
        self.url_line = QLineEdit()
        self.url_line.setPlaceholderText("or paste postgresql://USER@HOST:PORT/DATABASE")
        self.url_line.setToolTip("The project's address; the fields above and this line follow each other")
        intro = QLabel("A team project lives in a database on a PostgreSQL server; you log in as yourself "
                       "(your login is your annotator name). The password is asked only if the server "
                       "wants one (PGPASSWORD and ~/.pgpass are used first) and is never stored.")
        intro.setWordWrap(True)
        mute(intro)
        form = QFormLayout()
        form.addRow("&Server", self.host)
        form.addRow("P&ort", self.port)
        form.addRow("&Database", self.database)
        form.addRow("&User", self.user)
        form.addRow("U&RL", self.url_line)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.resize(520, self.sizeHint().height())
        self._restore()
        for field in (self.host, self.database, self.user):
            field.textEdited.connect(self._fields_edited)
        self.port.valueChanged.connect(self._fields_edited)
        self.url_line.textEdited.connect(self._url_edited)
        self._fields_edited()

    # --- the fields and the URL ---------------------------------------------------------------

    def url(self) -> str:
        """``postgresql://USER@HOST:PORT/DATABASE`` from the fields (no password in it)."""
        host = self.host.text().strip()
        if ":" in host and not host.startswith("["):  # an IPv6 address
            host = f"[{host}]"
        user = quote(self.user.text().strip(), safe="")
        return f"postgresql://{user}@{host}:{self.port.value()}/{quote(self.database.text().strip(), safe='')}"

    def complete(self) -> bool:
        return all(f.text().strip() for f in (self.host, self.database, self.user))

    def _fields_edited(self, *_args: object) -> None:
        self.url_line.setText(self.url() if self.complete() else "")
        self.buttons.button(QDialogButtonBox.StandardButton.Open).setEnabled(self.complete())

    def _url_edited(self, text: str) -> None:
        """A pasted URL fills the fields (a password in it is kept aside, for this opening only)."""
        text = text.strip()
        if is_server_url(text):
            parts = urlsplit(text)
            try:
                port = parts.port or DEFAULT_PORT
            except ValueError:
                port = self.port.value()
            self.host.setText(parts.hostname or "")
            self.port.blockSignals(True)
            self.port.setValue(port)
            self.port.blockSignals(False)
            self.database.setText(unquote(parts.path.lstrip("/")))
            self.user.setText(unquote(parts.username or ""))
            self.password = unquote(parts.password) if parts.password else None
        self.buttons.button(QDialogButtonBox.StandardButton.Open).setEnabled(self.complete())

    # --- remembering (never the password) -------------------------------------------------------

    def _restore(self) -> None:
        store = settings()
        self.host.setText(str(store.value("team/host", "") or ""))
        try:
            self.port.setValue(int(store.value("team/port", DEFAULT_PORT) or DEFAULT_PORT))
        except (TypeError, ValueError):
            self.port.setValue(DEFAULT_PORT)
        self.database.setText(str(store.value("team/database", "") or ""))
        self.user.setText(str(store.value("team/user", "") or ""))

    def remember(self) -> None:
        store = settings()
        values = {"host": self.host.text().strip(), "port": self.port.value(),
                  "database": self.database.text().strip(), "user": self.user.text().strip()}
        for key in _REMEMBERED:
            store.setValue(f"team/{key}", values[key])
        store.sync()


def ask_password(parent: QWidget | None, location: str, *, again: bool = False) -> str | None:
    """The password for ``location`` (a URL without password), typed in a password box; None when
    the user cancels."""
    label = (f"The server did not accept that password. Password for {location}:" if again
             else f"The server wants a password for {location}:")
    text, ok = QInputDialog.getText(parent, "Password", label, QLineEdit.EchoMode.Password)
    return text if ok else None


def connect_asking(parent: QWidget | None, url: str, password: str | None = None) -> Project | None:
    """The team project at ``url``, asking for the password while the server wants one (a few
    tries); None when the user cancels. Raises ProjectUnavailable when it cannot be opened (the
    message says why)."""
    from ..store.postgres import PasswordNeeded

    tried = 0
    while True:
        try:
            return Project(url, create=False, password=password)
        except PasswordNeeded:
            if tried >= PASSWORD_TRIES:
                raise
            answer = ask_password(parent, display_location(url), again=password is not None)
            if answer is None:
                return None
            password, tried = answer, tried + 1


def open_team_project(parent: QWidget, make_window: Callable[[Project], QWidget]) -> QWidget | None:
    """Ask where the team project is, open it (asking for a password if needed) and show it in the
    window ``make_window(project)`` makes; None when cancelled or refused (a box says why, without
    waiting)."""
    dialog = OpenTeamDialog(parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        url, password = dialog.url(), dialog.password
        dialog.remember()
    finally:
        dialog.deleteLater()
    try:
        project = connect_asking(parent, url, password)
    except ProjectUnavailable as err:
        notify(parent, "The team project cannot be opened", str(err))
        return None
    if project is None:
        return None
    try:
        window = make_window(project)
    except Exception:
        project.close()
        raise
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.show()
    _OPEN.add(window)
    window.destroyed.connect(lambda *_: _OPEN.discard(window))
    return window


_OPEN: set[Any] = set()  # the windows opened here live until closed (a top-level window has no parent)


class TeamDialog(QDialog):
    """The team: who is the owner, who annotates, who reviews (and who was removed). The owner adds
    members (creating their login, with a password) and removes them (their annotations stay)."""

    def __init__(self, project: Any, parent: QWidget | None = None) -> None:
        from ..store.team import ROLES, role_of

        super().__init__(parent)
        self.project = project
        self.setWindowTitle(f"Team of {project.name}")
        self.resize(620, 420)
        self.owner = role_of(project) == "owner"
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["Member", "Role", "Added", "Removed"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.name = QLineEdit()
        self.name.setPlaceholderText("login name")
        self.role = QComboBox()
        for role in ROLES:
            self.role.addItem(role)
        self.new_password = QLineEdit()
        self.new_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_password.setPlaceholderText("password (for a new login)")
        self.add_button = QPushButton("Add")
        self.add_button.clicked.connect(self.add)
        self.remove_button = QPushButton("Remove the selected member")
        self.remove_button.clicked.connect(self.remove_selected)
        adding = QHBoxLayout()
        for widget in (self.name, self.role, self.new_password, self.add_button):
            adding.addWidget(widget)
        self.state = QLabel()
        self.state.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(adding)
        layout.addWidget(self.remove_button)
        layout.addWidget(self.state)
        layout.addWidget(buttons)
        if not self.owner:
            for widget in (self.name, self.role, self.new_password, self.add_button, self.remove_button):
                widget.setEnabled(False)
            self.state.setText("Only the project's owner adds and removes members.")
        self.fill()

    def fill(self) -> None:
        from ..store.team import members

        listed = members(self.project)
        self.table.setRowCount(len(listed))
        for row, member in enumerate(listed):
            for column, value in enumerate((member.name, member.role, member.added, member.removed or "")):
                self.table.setItem(row, column, QTableWidgetItem(value))

    def add(self) -> None:
        from ..store.team import TeamError, add_member

        name = self.name.text().strip()
        try:
            created = add_member(self.project, name, self.role.currentText(),
                                 password=self.new_password.text() or None)
        except (TeamError, ProjectUnavailable) as err:
            self.state.setText(str(err))
            return
        self.new_password.clear()
        self.name.clear()
        self.state.setText(f"{name} added as {self.role.currentText()}"
                           + (" (a new login)" if created else " (their existing login)"))
        self.fill()

    def remove_selected(self) -> None:
        from ..store.team import TeamError, remove_member

        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.state.setText("Select a member first")
            return
        name = self.table.item(rows[0].row(), 0).text()
        try:
            remove_member(self.project, name)
        except (TeamError, ProjectUnavailable) as err:
            self.state.setText(str(err))
            return
        self.state.setText(f"{name} can no longer connect; their annotations stay in the project")
        self.fill()
