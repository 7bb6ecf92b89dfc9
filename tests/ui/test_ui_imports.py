"""The windows and dialogs do not import the main window back (docs/architecture.md: MainWindow composes
them and hands them what they need — the project, the controller, a parent, callbacks — so each can be
opened and tested on its own). Every import counts: module level, inside functions and under
``TYPE_CHECKING``."""

from __future__ import annotations

from tests.test_layers import PACKAGE, imports_of, module_name

UI = PACKAGE / "ui"
MAIN = "annotator.ui.main_window"


def ui_graph() -> dict[str, set[str]]:
    """annotator.ui module -> the annotator.ui modules it imports (any kind of import)."""
    modules = {module_name(p): p for p in sorted(UI.rglob("*.py"))}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        graph[name] = {i.module for i in imports_of(path) if i.module in modules and i.module != name}
    return graph


def cycles_through(graph: dict[str, set[str]], start: str) -> list[list[str]]:
    """A path start -> ... -> start for each module ``start`` imports that leads back to it."""
    found = []
    for first in sorted(graph.get(start, ())):
        paths = {first: [start, first]}
        frontier = [first]
        while frontier and not (found and found[-1][1] == first):
            node = frontier.pop(0)
            for target in sorted(graph.get(node, ())):
                if target == start:
                    found.append(paths[node] + [start])
                    break
                if target not in paths:
                    paths[target] = paths[node] + [target]
                    frontier.append(target)
    return found


def test_the_walker_sees_the_main_window_and_what_it_opens() -> None:
    graph = ui_graph()
    assert {"annotator.ui.tasks", "annotator.ui.training_dialog", "annotator.ui.model_dialog",
            "annotator.ui.curation"} <= graph[MAIN]  # curation: imported inside a function
    assert MAIN in graph["annotator.ui.app"]


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles_through(graph, "a") == [["a", "b", "c", "a"]]
    assert cycles_through(graph, "d") == []


def test_no_ui_module_imports_the_main_window_back() -> None:
    cycles = [" -> ".join(c) for c in cycles_through(ui_graph(), MAIN)]
    assert not cycles, ("these modules import annotator.ui.main_window back (pass them the project, the "
                        "controller, a parent or a callback instead; see annotator/ui/host.py):\n  "
                        + "\n  ".join(cycles))


def test_only_the_app_entry_point_imports_the_main_window() -> None:
    importers = sorted(m for m, targets in ui_graph().items() if MAIN in targets)
    assert importers == ["annotator.ui.app"], importers



def test_the_windows_load_without_the_main_window() -> None:
    import subprocess
    import sys

    code = ("import sys, annotator.ui.curation, annotator.ui.model_dialog, annotator.ui.tasks, "
            "annotator.ui.training_dialog, annotator.ui.agreement_view; "
            "print(sorted(m for m in sys.modules if m == 'annotator.ui.main_window'))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120,
                          cwd=PACKAGE.parent)
    assert done.stdout.strip() == "[]"


def test_a_dialog_opens_for_any_host_not_only_the_main_window(qtbot, project, labels) -> None:
    from PySide6.QtWidgets import QMainWindow, QRadioButton

    from annotator.ui.controller import AnnotationController
    from annotator.ui.model_dialog import choose_model_for_suggestions

    class StandIn(QMainWindow):
        """The least a window must have to open the dialogs (annotator.ui.host.Host)."""

        def __init__(self) -> None:
            super().__init__()
            self.project, self.labels = project, labels
            self.controller = AnnotationController(project, "alice", labels, self)
            self.background_worker = None

        def after_import(self) -> None:
            pass

    host = StandIn()
    qtbot.addWidget(host)
    host.show()
    dialog = choose_model_for_suggestions(host)
    assert dialog is not None and dialog.isVisible()
    assert dialog.findChildren(QRadioButton)  # the models to choose from
    dialog.reject()
    host.background_worker = object()  # something runs: the dialog says so in the host's status bar
    assert choose_model_for_suggestions(host) is None
    assert "Wait for the running" in host.statusBar().currentMessage()
