"""The app on a team project (PostgreSQL): others' saves shown as they happen (LISTEN/NOTIFY), a server
that goes away and comes back mid-session, File ▸ Open team project… with a password, and what each
role may use. Real widgets, a real server (the session's throwaway one), two or three members at once."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

import psycopg
import pytest
from psycopg import sql
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.domain import commands
from annotator.domain.model import ACCEPTED, DOC_DONE, DOC_NEW
from annotator.store import NewDocument, Project
from annotator.store.team import add_member, init_project

from window_helpers import select_words_in, words_at

PASSWORD = "pw secret"
TEXT = "Biden e Putin hanno avuto una telefonata martedì. Mosca ha negato le accuse, ha detto Peskov."
OTHER = "Un secondo articolo, su Roma e Milano."
LONG_WAIT_MS = 30_000  # a reconnection: the server's restart, then the app's next try


@dataclass
class Team:
    server: Any
    dbname: str
    owner_url: str
    names: dict[str, str]  # "alice", "bob" (annotators), "rita", "remo" (reviewers) -> role name
    docs: list[int]
    opened: list[Any] = field(default_factory=list)

    def url(self, who: str, password: str | None = PASSWORD) -> str:
        return self.server.url(self.names[who], password, self.dbname)

    def open(self, who: str) -> Project:
        project = Project(self.url(who), create=False)
        self.opened.append(project)
        return project


@pytest.fixture
def team(pg_server, make_pg_database):
    url = make_pg_database()
    owner, _ = init_project(url)
    suffix = uuid.uuid4().hex[:8]
    names = {"alice": f"alice_{suffix}", "bob": f"bob_{suffix}", "rita": f"rita_{suffix}", "remo": f"remo_{suffix}"}
    try:
        for who, role in (("alice", "annotator"), ("bob", "annotator"), ("rita", "reviewer"), ("remo", "reviewer")):
            add_member(owner, names[who], role, password=PASSWORD)
        docs = [doc_id for doc_id, _ in owner.add_documents([NewDocument(TEXT, {"title": "Telefonata"}),
                                                               NewDocument(OTHER, {"title": "Secondo"})])]
    finally:
        owner.close()
    team = Team(pg_server, url.rsplit("/", 1)[1], url, names, docs)
    yield team
    for project in team.opened:
        project.close()
    if not pg_server.running:
        pg_server.start()
    with psycopg.connect(pg_server.admin_url(), autocommit=True) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(team.dbname)))
        for role in names.values():
            admin.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))


def label(project: Project, doc_id: int, words: str, name: str = "PER", text: str = TEXT) -> None:
    """``project``'s user labels ``words``, the way the app's controller would: one Command."""
    who = project.user
    start, end = words_at(text, words)
    project.ensure_annotator(who)
    cmd = commands.label_range(text=text, visible=project.visible_spans(doc_id, who), doc_id=doc_id, start=start,
                               end=end, label=name, layer=who, annotator=who,
                               doc_status=project.doc_status(doc_id, who))
    project.apply(cmd)


def mark_done(project: Project, doc_id: int) -> None:
    who = project.user
    project.apply(commands.set_status(doc_id=doc_id, annotator=who, before=project.doc_status(doc_id, who),
                                      after=DOC_DONE))


def open_window(qtbot, project: Project, *, active: bool = False):
    from annotator.ui.main_window import team_window

    window = team_window(project)
    qtbot.addWidget(window)
    window.show()
    if active:
        with qtbot.waitActive(window):
            window.activateWindow()
    else:
        qtbot.waitExposed(window)
    window.view.setFocus()
    return window


def words_in(view, text: str = TEXT) -> set[str]:
    """The words of the spans an article view shows."""
    return {text[s.start:s.end] for s in view.spans}


# --- (a) live together: the reviewer's curation and list follow the annotators' saves --------------


def test_the_reviewers_curation_and_list_show_the_annotators_saves_without_a_reload(qtbot, team):
    alice, bob = team.open("alice"), team.open("bob")
    doc = team.docs[0]
    label(alice, doc, "Biden")  # alice took part before the reviewer opens the curation
    label(alice, doc, "Putin")
    reviewer = team.open("rita")
    window = open_window(qtbot, reviewer)
    window.controller.open(doc)
    window.curate_article()
    curation = window.curation
    assert curation is not None and curation.annotators == [team.names["alice"]]
    qtbot.addWidget(curation)
    alice_view = curation.views[team.names["alice"]]
    assert words_in(alice_view) == {"Biden", "Putin"}
    putin_row = next(i for i, (kind, c) in enumerate(curation._rows) if TEXT[c.item.start:c.item.end] == "Putin")
    curation.table.selectRow(putin_row)  # the reviewer is looking at Putin
    window.doclist.show_statuses_of(team.names["alice"])  # and follows alice's progress in the list
    row = window.doclist.model.row_of(doc)
    status_of = lambda: window.doclist.model.index(row, 0).data(Qt.ItemDataRole.UserRole + 3)  # noqa: E731
    assert status_of() not in (DOC_DONE,)

    label(alice, doc, "Mosca", "LOC")  # alice goes on, in her own app
    label(bob, doc, "Peskov")  # bob starts on the same article
    mark_done(alice, doc)

    def shown() -> bool:
        names = curation.views.keys()
        return (team.names["bob"] in names and "Mosca" in words_in(curation.views[team.names["alice"]])
                and words_in(curation.views[team.names["bob"]]) == {"Peskov"})

    qtbot.waitUntil(shown, timeout=10_000)  # the notices, then the refresh: no reload asked for
    assert curation.annotators == sorted([team.names["alice"], team.names["bob"]])
    chosen = curation.selected_candidate()
    assert chosen is not None and TEXT[chosen[1].item.start:chosen[1].item.end] == "Putin"  # still selected
    kinds = {TEXT[c.item.start:c.item.end] for _k, c in curation._rows}
    assert {"Biden", "Putin", "Mosca", "Peskov"} <= kinds  # the table lists the new items
    qtbot.waitUntil(lambda: status_of() == DOC_DONE, timeout=10_000)  # alice's status in the reviewer's list
    assert window.doclist.current_doc_id() == doc  # the reviewer's own article is still current
    assert window.controller.doc_id == doc


def test_the_curation_reads_gold_again_when_another_reviewer_takes_an_item(qtbot, team):
    """Gold has several writers: a second reviewer's take shows in the first one's curation, and the
    first one's next edit starts from it."""
    from annotator.domain.curation_commands import take_into_gold
    from annotator.domain.model import GOLD

    alice = team.open("alice")
    doc = team.docs[0]
    label(alice, doc, "Biden")
    label(alice, doc, "Putin")
    window = open_window(qtbot, team.open("rita"))
    window.controller.open(doc)
    window.curate_article()
    curation = window.curation
    qtbot.addWidget(curation)
    other = team.open("remo")  # the second reviewer, in their own app
    biden = next(s for s in other.spans(doc, alice.user) if TEXT[s.start:s.end] == "Biden")
    other.apply(take_into_gold(text=TEXT, doc_id=doc, items=[biden], gold=[], reviewer=GOLD,
                               gold_status=other.doc_status(doc, GOLD), title=None, quotes_by_id={}))

    qtbot.waitUntil(lambda: words_in(curation.gold_view) == {"Biden"}, timeout=10_000)
    assert [TEXT[s.start:s.end] for s in curation.controller.spans if s.status == ACCEPTED] == ["Biden"]
    curation.merge_agreed()  # the first reviewer goes on: Putin joins the Biden the other took
    stored = [TEXT[s.start:s.end] for s in other.spans(doc, GOLD) if s.status == ACCEPTED]
    assert sorted(stored) == ["Biden", "Putin"]


def test_the_agreement_view_follows_the_annotators_saves(qtbot, team):
    alice, bob = team.open("alice"), team.open("bob")
    doc = team.docs[0]
    for project, words in ((alice, ("Biden", "Putin")), (bob, ("Biden",))):
        for w in words:
            label(project, doc, w)
        mark_done(project, doc)
    window = open_window(qtbot, team.open("rita"))
    window.show_agreement()
    qtbot.waitUntil(lambda: window.agreement_view is not None, timeout=10_000)
    view = window.agreement_view
    before = view.pairs_table.item(0, 3).text()  # exact F1 of alice and bob
    view.tabs.setCurrentIndex(3)  # the reviewer reads the Quotations tab

    label(bob, doc, "Putin")  # bob now agrees on everything

    qtbot.waitUntil(lambda: view.follower.updates >= 1 and view.pairs_table.item(0, 3).text() == "1.000",
                    timeout=15_000)
    assert before != "1.000"
    assert view.tabs.currentIndex() == 3  # the tab the reviewer chose stays chosen


def test_a_blind_annotator_learns_of_a_new_article_without_reading_others_work(qtbot, team):
    """The owner imports while alice works: her list grows by itself; bob's work stays invisible."""
    window = open_window(qtbot, team.open("alice"))
    assert window.doclist.model.rowCount() == 2
    label(team.open("bob"), team.docs[0], "Biden")
    owner = Project(team.owner_url, create=False)
    team.opened.append(owner)
    owner.add_documents([NewDocument("Un terzo articolo, da Napoli.", {"title": "Terzo"})])
    qtbot.waitUntil(lambda: window.doclist.model.rowCount() == 3, timeout=10_000)
    assert window.controller.doc_id is not None
    assert window.doclist.model.index(window.doclist.model.row_of(team.docs[0]), 0).data(
        Qt.ItemDataRole.UserRole + 3) == DOC_NEW  # her own status, not bob's


# --- (b) the server away mid-session ----------------------------------------------------------------


def test_the_server_stopped_mid_session_refuses_edits_keeps_undo_true_and_reconnects(qtbot, team, pg_server):
    from annotator.ui.live import BACK, UNSAVED, LiveUpdates

    alice = team.open("alice")
    doc = team.docs[0]
    window = open_window(qtbot, alice, active=True)
    window.controller.open(doc)
    messages: list[str] = []
    window.controller.message.connect(messages.append)
    select_words_in(window.view, TEXT, "Biden")
    qtbot.keyClick(window.view, Qt.Key.Key_1)  # PER, saved
    stack = window.controller.undo_stack
    assert (stack.count(), stack.index()) == (1, 1)

    pg_server.stop()
    try:
        select_words_in(window.view, TEXT, "Putin")
        qtbot.keyClick(window.view, Qt.Key.Key_1)  # refused: the server is away
        assert window.banner.message() == UNSAVED
        assert messages[-1] == UNSAVED
        assert (stack.count(), stack.index()) == (1, 1)  # the failed command was not pushed
        live = LiveUpdates.of(alice)
        assert live is not None and live.offline
        qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo: refused too
        assert (stack.count(), stack.index()) == (1, 1)  # Biden's label is still on the stack, not undone
        assert "unreachable" in messages[-1]
        assert [s for s in window.controller.spans if window.controller.document.text[s.start:s.end] == "Biden"]
        assert not window.findChildren(QMessageBox)  # a banner, no box
    finally:
        pg_server.start()

    qtbot.waitUntil(lambda: not live.offline, timeout=LONG_WAIT_MS)  # reconnected by itself
    assert window.banner.message() == BACK
    with Project(team.url("alice"), create=False) as fresh:  # nothing half-saved: Biden only
        assert [TEXT[s.start:s.end] for s in fresh.spans(doc, alice.user)] == ["Biden"]

    select_words_in(window.view, TEXT, "Putin")
    qtbot.keyClick(window.view, Qt.Key.Key_1)  # the next edit is saved
    assert (stack.count(), stack.index()) == (2, 2)
    with Project(team.url("alice"), create=False) as fresh:
        assert sorted(TEXT[s.start:s.end] for s in fresh.spans(doc, alice.user)) == ["Biden", "Putin"]
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # both undo now
    with Project(team.url("alice"), create=False) as fresh:
        assert fresh.spans(doc, alice.user) == []


def test_an_undo_that_loses_the_server_stays_on_the_stack(qtbot, team, pg_server):
    """The server goes away unnoticed (no notice read yet): the undo fails in the store, the stack
    keeps the command, and once back the same undo works."""
    from annotator.ui.live import LiveUpdates

    alice = team.open("alice")
    doc = team.docs[0]
    window = open_window(qtbot, alice, active=True)
    window.controller.open(doc)
    select_words_in(window.view, TEXT, "Biden")
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    stack = window.controller.undo_stack
    live = LiveUpdates.of(alice)
    live._notifier.setEnabled(False)  # the listener does not hear the server leave: the undo finds out
    pg_server.stop()
    try:
        window.controller.undo()
        assert (stack.count(), stack.index()) == (1, 1)
        assert live.offline
        assert "undo" in window.banner.message()
    finally:
        pg_server.start()
    qtbot.waitUntil(lambda: not live.offline, timeout=LONG_WAIT_MS)
    window.controller.undo()
    assert stack.index() == 0
    with Project(team.url("alice"), create=False) as fresh:
        assert fresh.spans(doc, alice.user) == []


# --- (c) File ▸ Open team project… ------------------------------------------------------------------


def test_open_team_project_asks_the_password_and_shows_the_name_not_the_password(qtbot, team, tmp_path,
                                                                                    labels, monkeypatch):
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    from annotator.store import open_project
    from annotator.ui.team_dialog import OpenTeamDialog
    from annotator.ui.window_state import settings

    from window_helpers import show_main_window

    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))
    file_project = open_project(tmp_path / "mine.db")
    window = show_main_window(qtbot, file_project, "alice", labels)
    asked: list[tuple[str, Any]] = []

    def type_password(_parent, title, text, echo, *args, **kwargs):
        asked.append((text, echo))
        return PASSWORD, True

    monkeypatch.setattr(QInputDialog, "getText", type_password)

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, OpenTeamDialog)
        dialog.url_line.setText("")
        qtbot.keyClicks(dialog.url_line, f"postgresql://{team.names['alice']}@127.0.0.1:{team.server.port}/"
                                         f"{team.dbname}")
        assert dialog.database.text() == team.dbname and dialog.user.text() == team.names["alice"]
        dialog.accept()

    QTimer.singleShot(0, fill)
    opened = window.open_team_project()

    assert opened is not None
    qtbot.addWidget(opened)
    assert len(asked) == 1 and asked[0][1] == QLineEdit.EchoMode.Password  # asked once, in a password box
    title = opened.windowTitle()
    assert f"{team.dbname} on 127.0.0.1" in title and team.names["alice"] in title
    assert "secret" not in title and "127.0.0.1:" not in title  # the name, not the URL nor the password
    assert opened.project.user == team.names["alice"]
    assert opened.annotator_label.text() == f"{team.names['alice']} · annotator on {team.dbname} on 127.0.0.1"
    assert opened.controller.annotator == team.names["alice"]
    stored = settings()  # remembered for next time, without the password
    assert stored.value("team/database") == team.dbname and stored.value("team/user") == team.names["alice"]
    assert not any(PASSWORD in str(stored.value(key)) for key in stored.allKeys())


def test_what_a_role_may_not_do_is_disabled_saying_who_may(qtbot, team):
    annotator = open_window(qtbot, team.open("alice"))
    for action_id in ("import", "preannotate", "model", "train", "team", "curate", "agreement"):
        action = annotator.actions_by_id[action_id]
        assert not action.isEnabled(), action_id
        assert "Only the project's" in action.toolTip() and team.names["alice"] in action.toolTip()
    assert "owner" in annotator.actions_by_id["import"].toolTip()
    assert "reviewers" in annotator.actions_by_id["curate"].toolTip()
    assert annotator.actions_by_id["export"].isEnabled()
    assert annotator.doclist.people is None  # a blind annotator follows no one else

    reviewer = open_window(qtbot, team.open("rita"))
    assert reviewer.actions_by_id["curate"].isEnabled() and reviewer.actions_by_id["agreement"].isEnabled()
    assert not reviewer.actions_by_id["import"].isEnabled()
    assert not reviewer.actions_by_id["team"].isEnabled()
    assert reviewer.annotator_label.text().startswith(f"{team.names['rita']} · reviewer on ")

    owner = open_window(qtbot, Project(team.owner_url, create=False))
    team.opened.append(owner.project)
    assert all(owner.actions_by_id[a].isEnabled() for a in ("import", "preannotate", "team", "curate"))


def test_the_gui_command_opens_a_url_as_its_login_role(qtbot, team, monkeypatch):
    """``annotator gui --project URL`` builds its window with build_window: the annotator is the login
    role whatever $ANNOTATOR_USER says, and no demo article is imported."""
    from annotator.ui.app import build_window

    window = build_window(team.url("bob"), "someone-else")
    qtbot.addWidget(window)
    team.opened.append(window.project)
    assert window.controller.annotator == team.names["bob"]
    assert window.project.count_documents() == 2
