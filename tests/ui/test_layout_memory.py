"""The window reopens where the annotator stopped: article, geometry, splitter and column widths."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from annotator.store import NewDocument
from annotator.ui.window_state import settings

USER = "tester"
REPO = Path(__file__).resolve().parents[2]


def add_articles(project, n=5):
    results = project.add_documents(
        NewDocument(f"Articolo numero {i}: il governo discute la manovra.", {"title": f"Articolo {i}"})
        for i in range(1, n + 1))
    return [doc_id for doc_id, _ in results]


def open_window(qtbot, project, labels, annotator=USER):
    from annotator.ui.main_window import MainWindow

    win = MainWindow(project, annotator, labels)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


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
from annotator.ui.window_state import use_settings_folder

db, folder, labels, arrange = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == "arrange"
use_settings_folder(folder)
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
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={screen}", PYTHONPATH=str(REPO))
    done = subprocess.run(
        [sys.executable, "-c", SESSION, str(project.path), str(tmp_path / "settings"),
         str(REPO / "resources" / "labels.json"), "arrange" if arrange else "look"],
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
    # the autouse fixture gave this test an empty settings file in its own folder
    assert settings().allKeys() == []
    assert str(own_settings) in settings().fileName()
