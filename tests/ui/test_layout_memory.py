"""The window reopens where the annotator stopped: article, geometry, splitter and column widths."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from annotator.store import NewDocument
from annotator.ui.window_state import settings
from window_helpers import show_main_window

USER = "tester"
REPO = Path(__file__).resolve().parents[2]


def add_articles(project, n=5):
    results = project.add_documents(
        NewDocument(f"Articolo numero {i}: il governo discute la manovra.", {"title": f"Articolo {i}"})
        for i in range(1, n + 1))
    return [doc_id for doc_id, _ in results]


def open_window(qtbot, project, labels, annotator=USER):
    return show_main_window(qtbot, project, annotator, labels)


def test_reopens_the_last_article_of_this_annotator_and_project(qtbot, project, labels):
    ids = add_articles(project)
    first = open_window(qtbot, project, labels)
    assert first.controller.doc_id == ids[0]
    first.next_document()
    first.next_document()  # the third article, as a user would with ]
    assert first.controller.doc_id == ids[2]
    first.close()

    again = open_window(qtbot, project, labels)
    assert again.controller.doc_id == ids[2]
    assert again.title.text() == "Articolo 3"
    assert again.doclist.view.selectionModel().selectedRows()[0].row() == 2
    # another annotator of the same project starts at the top, not at tester's article
    other = open_window(qtbot, project, labels, annotator="bruno")
    assert other.controller.doc_id == ids[0]


def test_stepping_through_articles_writes_the_settings_once_at_close(qtbot, project, labels):
    add_articles(project)
    win = open_window(qtbot, project, labels)
    key = win.memory._article_key
    for _ in range(3):
        win.next_document()
    assert settings().value(key) is None  # no settings write per key press (each costs milliseconds)
    win.close()
    assert int(settings().value(key)) == win.controller.doc_id


def test_a_remembered_article_that_is_gone_falls_back_to_the_first(qtbot, project, labels):
    ids = add_articles(project, 2)
    win = open_window(qtbot, project, labels)
    win.next_document()
    win.close()
    settings().setValue(f"{win.memory._article_key}", 999)  # e.g. another project file at that path
    again = open_window(qtbot, project, labels)
    assert again.controller.doc_id == ids[0]


# One app session in its own process, on a 1920 × 1200 offscreen screen (the suite's is 800 px wide,
# and Qt fits a restored window into its screen). It arranges the window when asked to, closes it the
# way the user does, and prints what the window looked like when it opened.
SESSION = """
import json, sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
from annotator.domain.labels import LabelSchema
from annotator.store import open_project
from annotator.ui.doclist import COL_DATE
from annotator.ui.main_window import MainWindow

db, labels, arrange = sys.argv[1], sys.argv[2], sys.argv[3] == "arrange"
project = open_project(db)
win = MainWindow(project, "tester", LabelSchema.load(labels))
win.show()
app.processEvents()
header = win.doclist.view.horizontalHeader()
seen = {"size": [win.width(), win.height()], "splitter": win.splitter.sizes(),
        "date_column": header.sectionSize(COL_DATE), "article": win.title.text()}
if arrange:
    win.resize(1300, 760)
    app.processEvents()
    win.splitter.setSizes([420, 500, 362])
    header.resizeSection(COL_DATE, 131)
    win.next_document()
    win.next_document()
    app.processEvents()
    seen["arranged"] = win.splitter.sizes()
win.close()
print(json.dumps(seen))
"""


def run_session(tmp_path, project, arrange: bool) -> dict:
    screen = tmp_path / "screen.json"
    screen.write_text(json.dumps({"screens": [{"name": "big", "x": 0, "y": 0, "width": 1920, "height": 1200,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={screen}", PYTHONPATH=str(REPO),
               ANNOTATOR_SETTINGS_DIR=str(tmp_path / "settings"))
    done = subprocess.run(
        [sys.executable, "-c", SESSION, str(project.path), str(REPO / "resources" / "labels.json"),
         "arrange" if arrange else "look"],
        env=env, capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_geometry_splitter_columns_and_article_survive_a_restart(tmp_path, project):
    add_articles(project)
    first = run_session(tmp_path, project, arrange=True)
    assert first["size"] == [1600, 1000] and first["article"] == "Articolo 1"  # a first start
    second = run_session(tmp_path, project, arrange=False)
    assert second["size"] == [1300, 760]
    assert second["splitter"] == first["arranged"]
    assert second["date_column"] == 131
    assert second["article"] == "Articolo 3"


def test_tests_do_not_share_settings(own_settings):
    # the autouse fixture (tests/conftest.py) gave this test an empty settings file in its own folder
    assert settings().allKeys() == []
    assert settings().fileName().startswith(str(own_settings))


# --- nothing cut off at 1366 × 768 ------------------------------------------------------------

LONG_TITLE = "Il Presidente Vladimir Putin ha detto martedì che la Russia non ha spazio per arretrare"
TEXT = ("Il Presidente Vladimir Vladimirovič Putin ha telefonato al Presidente degli Stati Uniti d'America "
        "Joseph Robinette Biden. Il Ministero degli Affari Esteri della Federazione Russa ha negato "
        "l'attacco. «Non attaccheremo l'Ucraina», ha dichiarato il portavoce del Cremlino Dmitrij Peskov.")


def at(words: str) -> tuple[int, int]:
    start = TEXT.index(words)
    return start, start + len(words)


@pytest.fixture
def busy_window(qtbot, project, labels):
    """A 1366 × 768 window on an article with long names in every column of every list."""
    from annotator.domain.model import SUGGESTED, SUGGESTIONS, Event, EventArg, Quote, Span
    from annotator.ui.main_window import MainWindow

    [(doc_id, _)] = project.add_documents([NewDocument(TEXT, {"title": LONG_TITLE, "published": "2021-12-07",
                                                               "source": "sputniknews"})])
    add_articles(project, 3)
    origin = "test-pipeline@1"
    names = ("Vladimir Vladimirovič Putin", "Joseph Robinette Biden", "Stati Uniti d'America",
             "Ministero degli Affari Esteri della Federazione Russa", "Dmitrij Peskov")
    spans = [Span(doc_id, *at(n), "PER", SUGGESTIONS, origin, SUGGESTED, origin) for n in names]
    quote = Quote(doc_id, *at("Non attaccheremo l'Ucraina"), SUGGESTIONS, "direct", speaker_start=at("Dmitrij Peskov")[0],
                  speaker_end=at("Dmitrij Peskov")[1], cue_start=at("ha dichiarato")[0], cue_end=at("ha dichiarato")[1],
                  speaker_label="PER", origin=origin)
    events = [
        Event(doc_id, "CONSULT", SUGGESTIONS, mode="phone", trigger_start=at("telefonato")[0],
              trigger_end=at("telefonato")[1], date="2021-12-07", origin=origin,
              args=(EventArg("actor", *at(names[0])), EventArg("recipient", *at(names[1])))),
        Event(doc_id, "REJECT", SUGGESTIONS, mode="deny", trigger_start=at("negato")[0], trigger_end=at("negato")[1],
              origin=origin, args=(EventArg("actor", *at(names[3])),)),
    ]
    project.replace_suggestions([(doc_id, spans, [quote], events)], origin=origin, action="test")
    win = MainWindow(project, USER, labels)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: win.width() == 1366)
    return win


def test_every_panel_fits_a_1366_screen(busy_window):
    win = busy_window
    assert win.minimumSizeHint().width() <= 1366
    doclist, center, side = win.splitter.sizes()
    assert doclist >= 300 and center >= 450 and side >= win.side.minimumSizeHint().width()


def test_article_list_titles_are_readable_and_counts_visible(qtbot, busy_window):
    from annotator.ui.doclist import COL_SPANS, COL_STATUS, COL_SUGGESTIONS, COL_TITLE

    view = busy_window.doclist.view
    header, model = view.horizontalHeader(), view.model()
    assert header.sectionSize(COL_TITLE) >= 150  # about 20 characters before the ellipsis
    assert view.horizontalScrollBar().maximum() == 0
    for col in (COL_STATUS, COL_TITLE, COL_SPANS, COL_SUGGESTIONS):
        rect = view.visualRect(model.index(0, col))
        assert not header.isSectionHidden(col) and rect.width() > 0
        assert rect.right() <= view.viewport().width()  # wholly on screen
    assert model.data(model.index(0, COL_TITLE), Qt.ItemDataRole.ToolTipRole).startswith(LONG_TITLE)
    assert model.data(model.index(0, COL_SUGGESTIONS)) == 5
    # the status is a coloured dot that says its name on hover
    assert model.data(model.index(0, COL_STATUS)) is None
    assert model.data(model.index(0, COL_STATUS), Qt.ItemDataRole.ToolTipRole).startswith("new")


@pytest.mark.parametrize("tab", ["quotes", "events"])
def test_quotation_and_event_lists_never_scroll_sideways(qtbot, busy_window, tab):
    win = busy_window
    panel = getattr(win.side, tab)
    win.side.setCurrentWidget(panel)
    tree = panel.tree
    qtbot.waitUntil(lambda: tree.topLevelItemCount() > 0 and tree.isVisible())
    for width in (win.side.width(), win.side.width() + 250):  # also after the user widens the panel
        win.splitter.setSizes([320, 1366 - 320 - width, width])
        qtbot.wait(10)  # the columns are fitted on the next turn of the event loop
        header = tree.header()
        shown = [c for c in range(tree.columnCount()) if not tree.isColumnHidden(c)]
        assert sum(header.sectionSize(c) for c in shown) <= tree.viewport().width()
        assert tree.horizontalScrollBar().maximum() == 0
        assert all(header.sectionSize(c) >= 24 for c in shown)
    # a cut cell reads whole on hover
    item = tree.topLevelItem(0)
    assert all(item.toolTip(c) for c in range(tree.columnCount()) if item.text(c))


def helper_labels(win):
    win.side.setCurrentWidget(win.side.events)
    win.side.events.select_event(win.side.events._events[0])
    return {"legend": win.label_bar.legend, "quotes summary": win.side.quotes.summary,
            "quotes hint": win.side.quotes.hint, "events summary": win.side.events.summary,
            "event definition": win.side.events.definition}


def test_helper_text_meets_wcag_aa_contrast(qtbot, busy_window):
    from annotator.ui.contrast import contrast_ratio

    win = busy_window
    for name, label in helper_labels(win).items():
        tab = next((t for t in (win.side.quotes, win.side.events) if t.isAncestorOf(label)), None)
        if tab is not None:
            win.side.setCurrentWidget(tab)
        qtbot.waitUntil(label.isVisible)
        text = label.palette().color(label.foregroundRole())
        # the background as drawn: a pixel of the label's own grab, at a corner no glyph reaches
        background = label.grab().toImage().pixelColor(0, 0)
        assert contrast_ratio(text, background) >= 4.5, (name, text.name(), background.name())


def test_the_reviewers_gold_editor_keeps_a_layout_of_its_own(qtbot, project, labels):
    from annotator.domain.model import GOLD
    from annotator.ui.doclist import COL_DATE
    from annotator.ui.main_window import MainWindow

    add_articles(project)
    win = open_window(qtbot, project, labels)
    win.doclist.view.horizontalHeader().resizeSection(COL_DATE, 123)
    win.close()
    gold = MainWindow(project, GOLD, labels, gold=True)
    qtbot.addWidget(gold)
    gold.show()
    assert gold.doclist.view.horizontalHeader().sectionSize(COL_DATE) != 123  # not the annotator's layout
    gold.doclist.view.horizontalHeader().resizeSection(COL_DATE, 77)
    gold.close()
    again = open_window(qtbot, project, labels)
    assert again.doclist.view.horizontalHeader().sectionSize(COL_DATE) == 123


def test_the_source_column_is_one_right_click_away_and_stays(qtbot, project, labels):
    from annotator.ui.doclist import COL_SOURCE

    project.add_documents([NewDocument("Testo.", {"title": "Uno", "source": "ANSA"})])
    win = open_window(qtbot, project, labels)
    header = win.doclist.view.horizontalHeader()
    assert header.isSectionHidden(COL_SOURCE)  # a first start keeps the title readable
    menu = win.doclist.column_menu()  # what a right-click on the header opens
    source = next(a for a in menu.actions() if a.text() == "Source")
    assert not source.isChecked()
    source.trigger()
    assert not header.isSectionHidden(COL_SOURCE)
    assert win.doclist.model.data(win.doclist.model.index(0, COL_SOURCE)) == "ANSA"
    win.close()
    again = open_window(qtbot, project, labels)
    assert not again.doclist.view.horizontalHeader().isSectionHidden(COL_SOURCE)
