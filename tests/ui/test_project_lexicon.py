"""Rules that learn while people annotate, in the app (issue 15): an event or a quotation's cue coded
on words the suggesters did not know teaches the project, the untouched articles that hold them are
suggested again and the status bar says so; Tools ▸ Project lexicon… lists, removes, adds, imports
and exports what was learned. Real widgets, a real project pre-annotated with the gazetteer."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from annotator.domain.model import ACCEPTED, SUGGESTIONS
from annotator.services.lexicon import OVERLAY_SETTING, load_overlay
from annotator.services.preannotation import preannotate
from annotator.store import NewDocument
from annotator.store.errors import PermissionRefused
from window_helpers import select_words_in, show_main_window

USER = "tester"
TEXTS = [
    "La polizia ha impastoiato Mario Rossi a Napoli. «Non è finita qui», ha gongolato Luigi Verdi.",
    "I carabinieri hanno impastoiato Luigi Bianchi a Roma. «Abbiamo vinto noi», ha gongolato Anna Neri.",
    "Il sindaco di Milano ha parlato ai giornalisti del bilancio.",
]
OWN, UNTOUCHED, UNRELATED = 1, 2, 3


@pytest.fixture
def docs(project, labels):
    """Three articles pre-annotated with the gazetteer; none of the words is in the bundled lexicons."""
    from annotator.nlp.events import load_event_lexicon
    from annotator.nlp.quote_lexicon import load_lexicon

    assert "impastoiato" not in load_event_lexicon().rules and "gongolato" not in load_lexicon().verb_forms, \
        "the bundled lexicons learned these words: choose others for this test"
    project.set_setting("model", "gazetteer")
    ids = [doc_id for doc_id, _ in project.add_documents(NewDocument(t, {"title": t[:30]}) for t in TEXTS)]
    list(preannotate(project, labels=labels))
    return ids


@pytest.fixture
def window(qtbot, project, labels, docs, monkeypatch):
    win = show_main_window(qtbot, project, USER, labels)
    answers: list[str] = []
    monkeypatch.setattr(win, "pick_event_type", lambda current=None: answers.pop(0) if answers else None)
    win.type_answers = answers
    assert win.controller.doc_id == OWN
    return win


def suggested_events(project, doc_id: int) -> list[tuple[str, str | None, str]]:
    text = TEXTS[doc_id - 1]
    return [(e.type, e.mode, text[e.trigger_start:e.trigger_end]) for e in project.events(doc_id, SUGGESTIONS)
            if e.trigger_start is not None]


def suggested_cues(project, doc_id: int) -> list[str]:
    text = TEXTS[doc_id - 1]
    return [text[q.cue_start:q.cue_end] for q in project.quotes(doc_id, SUGGESTIONS) if q.cue_start is not None]


def code_event(qtbot, window, words: str, type_: str) -> None:
    select_words_in(window.view, TEXTS[OWN - 1], words)
    window.type_answers.append(type_)
    qtbot.keyClick(window.view, Qt.Key.Key_E)


# --- learning while annotating ----------------------------------------------------------------


def test_an_event_on_an_unknown_trigger_teaches_the_project(qtbot, window, project):
    assert suggested_events(project, UNTOUCHED) == []
    code_event(qtbot, window, "impastoiato", "COERCE")
    [event] = [e for e in project.events(OWN, USER) if e.status == ACCEPTED]
    assert event.type == "COERCE"  # the edit itself is stored as always
    [learned] = load_overlay(project).triggers
    assert (learned.words, learned.type, learned.kind, learned.example, learned.annotator) == (
        "impastoiare", "COERCE", "verb", "impastoiato", USER)
    assert suggested_events(project, UNTOUCHED) == [("COERCE", None, "impastoiato")]
    assert window.statusBar().currentMessage() == (
        "Learned the trigger “impastoiare” (COERCE); 1 untouched article suggested again")
    assert project.suggestions(UNTOUCHED), "the entity suggestions of the article are kept"
    assert suggested_events(project, UNRELATED) == []

    # the mode chosen next (M) follows into the learned entry, and into the suggestions
    for _ in range(6):  # (none) -> seize -> restrict -> censor -> curfew -> martial-law -> arrest
        qtbot.keyClick(window.view, Qt.Key.Key_M)
    assert [(t.type, t.mode) for t in load_overlay(project).triggers] == [("COERCE", "arrest")]
    assert suggested_events(project, UNTOUCHED) == [("COERCE", "arrest", "impastoiato")]
    assert window.statusBar().currentMessage() == (
        "The learned trigger “impastoiare” is now COERCE arrest; 1 untouched article suggested again")


def test_undo_forgets_what_the_edit_taught_and_redo_learns_it_again(qtbot, window, project):
    ctrl, shift = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
    code_event(qtbot, window, "impastoiato", "COERCE")
    for _ in range(6):
        qtbot.keyClick(window.view, Qt.Key.Key_M)
    qtbot.keyClick(window.view, Qt.Key.Key_Z, ctrl)  # the last mode: the learned entry goes back with it
    assert [(t.type, t.mode) for t in load_overlay(project).triggers] == [("COERCE", "martial-law")]
    assert suggested_events(project, UNTOUCHED) == [("COERCE", "martial-law", "impastoiato")]
    for _ in range(6):  # five modes, then the event itself
        qtbot.keyClick(window.view, Qt.Key.Key_Z, ctrl)
    assert project.events(OWN, USER) == []
    assert project.setting(OVERLAY_SETTING) is None and suggested_events(project, UNTOUCHED) == []
    assert window.statusBar().currentMessage() == (
        "Forgot the trigger “impastoiare” (its edit was undone); 1 untouched article suggested again")
    for _ in range(7):
        qtbot.keyClick(window.view, Qt.Key.Key_Z, ctrl | shift)
    assert [(e.type, e.mode) for e in project.events(OWN, USER)] == [("COERCE", "arrest")]
    assert [(t.words, t.mode) for t in load_overlay(project).triggers] == [("impastoiare", "arrest")]
    assert suggested_events(project, UNTOUCHED) == [("COERCE", "arrest", "impastoiato")]


def test_the_open_untouched_article_shows_its_new_suggestions(qtbot, window, project):
    window.controller.open(UNTOUCHED)
    assert window.side.events.tree.topLevelItemCount() == 0
    window.actions_by_id["lexicon"].trigger()
    lexicon = window.lexicon_window
    form = lexicon.add_trigger()
    form.words.setText("impastoiare")
    form.type.setCurrentIndex(form.type.findData("COERCE"))
    form.mode.setCurrentIndex(form.mode.findData("arrest"))
    qtbot.mouseClick(form.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)
    assert suggested_events(project, UNTOUCHED) == [("COERCE", "arrest", "impastoiato")]
    assert window.side.events.tree.topLevelItemCount() == 1  # the open article was read again
    assert window.statusBar().currentMessage() == (
        "Added the trigger “impastoiare” (COERCE arrest); 2 untouched articles suggested again")


def test_a_quotation_cue_on_an_unknown_verb_teaches_the_finder(qtbot, window, project):
    assert suggested_cues(project, UNTOUCHED) == []
    view = window.view
    select_words_in(view, TEXTS[OWN - 1], "Non è finita qui")
    qtbot.keyClick(view, Qt.Key.Key_Q)
    select_words_in(view, TEXTS[OWN - 1], "ha gongolato")
    qtbot.keyClick(view, Qt.Key.Key_C)
    [quote] = project.quotes(OWN, USER)
    assert TEXTS[0][quote.cue_start:quote.cue_end] == "ha gongolato"
    assert [(c.words, c.kind, c.example) for c in load_overlay(project).cues] == [("gongolare", "verb", "gongolato")]
    assert suggested_cues(project, UNTOUCHED) == ["ha gongolato"]
    assert window.statusBar().currentMessage() == (
        "Learned the reporting verb “gongolare”; 1 untouched article suggested again")
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the cue goes, and what it taught
    assert project.quotes(OWN, USER)[0].cue_start is None
    assert load_overlay(project).cues == () and suggested_cues(project, UNTOUCHED) == []


def test_a_known_trigger_teaches_nothing_and_says_nothing(qtbot, window, project):
    code_event(qtbot, window, "impastoiato", "COERCE")
    window.statusBar().clearMessage()
    window.controller.open(UNTOUCHED)  # the same word, now known: coded again, nothing new
    select_words_in(window.view, TEXTS[UNTOUCHED - 1], "impastoiato")
    window.type_answers.append("COERCE")
    qtbot.keyClick(window.view, Qt.Key.Key_E)
    assert len(load_overlay(project).triggers) == 1
    assert window.statusBar().currentMessage() == ""


def test_a_member_who_is_not_the_owner_keeps_the_edit_and_is_told(qtbot, window, project, monkeypatch):
    def refused(key, value):
        raise PermissionRefused("permission denied for table settings")

    monkeypatch.setattr(project, "set_setting", refused)  # what a team project's server answers
    code_event(qtbot, window, "impastoiato", "COERCE")
    assert [e.type for e in project.events(OWN, USER)] == ["COERCE"]
    assert project.setting(OVERLAY_SETTING) is None
    assert suggested_events(project, UNTOUCHED) == []
    message = window.statusBar().currentMessage()
    assert message.startswith("Saved;") and "only the owner's edits teach" in message
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the edit works as always
    assert project.events(OWN, USER) == []


def test_a_damaged_lexicon_is_said_and_the_edit_kept(qtbot, window, project):
    project.set_setting(OVERLAY_SETTING, "{not json")
    code_event(qtbot, window, "impastoiato", "COERCE")
    assert [e.type for e in project.events(OWN, USER)] == ["COERCE"]
    message = window.statusBar().currentMessage()
    assert message.startswith("Saved; nothing learned:") and "annotator lexicon clear" in message


# --- the Project lexicon window -----------------------------------------------------------------


def open_lexicon(window):
    window.actions_by_id["lexicon"].trigger()
    lexicon = window.lexicon_window
    assert lexicon.isVisible()
    return lexicon


def listed(lexicon) -> list[list[str]]:
    table = lexicon.table
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def click_add(qtbot, form) -> None:
    qtbot.mouseClick(form.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)


def test_the_window_lists_and_removes_with_the_keyboard(qtbot, window, project):
    from annotator.ui.actions import ACTIONS

    assert next(a for a in ACTIONS if a.id == "lexicon").menu == "&Tools"
    code_event(qtbot, window, "impastoiato", "COERCE")
    lexicon = open_lexicon(window)
    assert lexicon.empty.isHidden()
    assert listed(lexicon) == [["event trigger (verb)", "impastoiare", "COERCE", "", "“impastoiato”", USER]]
    assert not lexicon.remove_button.isEnabled()  # nothing selected yet
    lexicon.table.setFocus()
    lexicon.table.selectRow(0)
    qtbot.keyClick(lexicon.table, Qt.Key.Key_Delete)
    assert listed(lexicon) == [] and lexicon.empty.isVisible()
    assert [e.type for e in project.events(OWN, USER)] == ["COERCE"], "the key was the table's, not the editor's"
    assert project.setting(OVERLAY_SETTING) is None
    assert suggested_events(project, UNTOUCHED) == []  # suggested again without it
    assert lexicon.state.text() == "Removed “impastoiare”; 1 untouched article suggested again"
    assert window.statusBar().currentMessage() == lexicon.state.text()


def test_an_open_lexicon_window_lists_what_is_learned_meanwhile(qtbot, window, project):
    lexicon = open_lexicon(window)
    assert listed(lexicon) == []
    with qtbot.waitActive(window):  # back to the article: its keys are the main window's
        window.activateWindow()
    window.view.setFocus()
    code_event(qtbot, window, "impastoiato", "COERCE")
    assert [row[1] for row in listed(lexicon)] == ["impastoiare"]
    window.actions_by_id["lexicon"].trigger()
    assert window.lexicon_window is lexicon  # one window, shown again
    lexicon.close()
    qtbot.waitUntil(lambda: window.lexicon_window is None)
    assert open_lexicon(window) is not lexicon


def test_the_window_adds_a_trigger_and_a_reporting_verb(qtbot, window, project):
    lexicon = open_lexicon(window)
    assert lexicon.empty.isVisible()
    form = lexicon.add_trigger()
    assert [form.type.itemText(i) for i in range(3)] == ["AGREE", "CONSULT", "SUPPORT"]  # the project's schema
    form.type.setCurrentIndex(form.type.findData("COERCE"))
    assert form.mode.itemText(0) == "(no mode)" and form.mode.findData("arrest") > 0
    form.words.setText("impastoiato")  # not an infinitive: said in the form, which stays open
    click_add(qtbot, form)
    assert form.isVisible() and "infinitive" in form.error.text()
    form.words.setText("Impastoiare")
    form.mode.setCurrentIndex(form.mode.findData("arrest"))
    click_add(qtbot, form)
    assert not form.isVisible()
    assert listed(lexicon) == [["event trigger (verb)", "impastoiare", "COERCE", "arrest", "", USER]]
    assert suggested_events(project, UNTOUCHED) == [("COERCE", "arrest", "impastoiato")]
    assert suggested_events(project, OWN) == [("COERCE", "arrest", "impastoiato")]  # untouched too, so far

    form = lexicon.add_cue()
    form.words.setText("gongolare")
    click_add(qtbot, form)
    assert [row[:2] for row in listed(lexicon)] == [["event trigger (verb)", "impastoiare"],
                                                    ["reporting verb", "gongolare"]]
    assert suggested_cues(project, UNTOUCHED) == ["ha gongolato"]
    assert lexicon.state.text() == "Added the reporting verb “gongolare”; 2 untouched articles suggested again"


def test_export_and_import_and_the_project_file_is_never_a_target(qtbot, window, project, tmp_path, monkeypatch):
    code_event(qtbot, window, "impastoiato", "COERCE")
    lexicon = open_lexicon(window)
    monkeypatch.setattr(lexicon, "ask_export_path", lambda: str(project.path))
    lexicon.export_button.click()
    assert "choose another output" in lexicon.state.text()
    assert project.setting(OVERLAY_SETTING)  # the project is intact
    target = tmp_path / "lexicon.json"
    monkeypatch.setattr(lexicon, "ask_export_path", lambda: str(target))
    lexicon.export_button.click()
    assert json.loads(target.read_text(encoding="utf-8"))["triggers"][0]["words"] == "impastoiare"
    assert lexicon.state.text().startswith("Wrote 1 triggers and 0 reporting verbs")

    other = json.loads(target.read_text(encoding="utf-8"))
    other["cues"] = [{"words": "gongolare", "kind": "verb", "example": "gongolato", "annotator": "anna"}]
    target.write_text(json.dumps(other), encoding="utf-8")
    monkeypatch.setattr(lexicon, "ask_import_path", lambda: str(target))
    lexicon.import_button.click()
    assert [row[1] for row in listed(lexicon)] == ["impastoiare", "gongolare"]
    assert lexicon.state.text() == "Imported 1 entry from lexicon.json; 1 untouched article suggested again"
    lexicon.import_button.click()
    assert lexicon.state.text() == "lexicon.json holds nothing this project does not know already"
    target.write_text("not a lexicon", encoding="utf-8")
    lexicon.import_button.click()
    assert "is not a lexicon written by Export…" in lexicon.state.text()


def test_a_member_who_is_not_the_owner_sees_the_lexicon_read_only(qtbot, window, project, monkeypatch):
    import annotator.store.team as team

    code_event(qtbot, window, "impastoiato", "COERCE")
    monkeypatch.setattr(project, "shared", True)
    monkeypatch.setattr(type(project), "user", property(lambda self: "alice"))
    monkeypatch.setattr(team, "role_of", lambda project: "annotator")
    lexicon = open_lexicon(window)
    assert len(listed(lexicon)) == 1
    for button in (lexicon.add_trigger_button, lexicon.add_cue_button, lexicon.remove_button, lexicon.import_button):
        assert not button.isEnabled()
        assert "Only the project's owner" in button.toolTip() and "alice" in button.toolTip()
    assert lexicon.export_button.isEnabled() and lexicon.read_only_note.isVisible()
    lexicon.table.selectRow(0)
    qtbot.keyClick(lexicon.table, Qt.Key.Key_Delete)
    assert len(load_overlay(project).triggers) == 1
    assert lexicon.add_trigger() is None


# --- a real team project: the server refuses a member's write of the project's settings ----------


@pytest.fixture
def team_annotator(pg_server, make_pg_database, labels):
    """A team project pre-annotated by its owner, opened by "alice", an annotator."""
    import uuid

    import psycopg
    from psycopg import sql

    from annotator.store import Project
    from annotator.store.team import add_member, init_project

    url = make_pg_database()
    owner, _ = init_project(url)
    name = f"alice_{uuid.uuid4().hex[:8]}"
    try:
        add_member(owner, name, "annotator", password="pw")
        owner.set_setting("model", "gazetteer")
        owner.add_documents(NewDocument(t, {"title": t[:30]}) for t in TEXTS)
        list(preannotate(owner, labels=labels))
    finally:
        owner.close()
    alice = Project(pg_server.url(name, "pw", url.rsplit("/", 1)[1]), create=False)
    yield alice
    alice.close()
    with psycopg.connect(pg_server.admin_url(), autocommit=True) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(url.rsplit("/", 1)[1])))
        admin.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(name)))


def test_on_a_team_project_an_annotators_event_is_kept_and_teaches_nothing(qtbot, team_annotator, monkeypatch):
    from annotator.ui.main_window import team_window

    alice = team_annotator
    window = team_window(alice)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitActive(window):  # the edit keys are window shortcuts: only an active window gets them
        window.activateWindow()
    window.view.setFocus()
    monkeypatch.setattr(window, "pick_event_type", lambda current=None: "COERCE")
    try:
        window.controller.open(OWN)
        select_words_in(window.view, TEXTS[OWN - 1], "impastoiato")
        qtbot.keyClick(window.view, Qt.Key.Key_E)
        assert [e.type for e in alice.events(OWN, alice.user)] == ["COERCE"]
        message = window.statusBar().currentMessage()
        assert message.startswith("Saved;") and "only the owner's edits teach" in message
        assert alice.setting(OVERLAY_SETTING) is None and suggested_events(alice, UNTOUCHED) == []
        qtbot.keyClick(window.view, Qt.Key.Key_M)  # the connection goes on working: the next edit is stored
        assert [e.mode for e in alice.events(OWN, alice.user)] == ["seize"]

        lexicon = open_lexicon(window)
        assert not lexicon.add_trigger_button.isEnabled() and alice.user in lexicon.add_trigger_button.toolTip()
        lexicon.close()
    finally:
        window.close()
