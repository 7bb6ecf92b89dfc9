"""Opening the real main window in a test, the way every window test needs it."""

from __future__ import annotations

from typing import Any


def show_main_window(qtbot: Any, project: Any, user: str, labels: Any, *, active: bool = False) -> Any:
    """The main window on ``project`` for ``user``, shown, exposed, with the article view focused.
    ``active``: also wait until it is the active window (its label and edit keys are window
    shortcuts, which only an active window receives)."""
    from annotator.ui.main_window import MainWindow

    window = MainWindow(project, user, labels)
    qtbot.addWidget(window)
    window.show()
    if active:
        with qtbot.waitActive(window):
            window.activateWindow()
    else:
        qtbot.waitExposed(window)
    window.view.setFocus()
    return window


# --- the "telefonata" article: an emoji first (str and Qt offsets differ), suggestions of every kind


TELEFONATA = ("👍 Biden e Putin hanno avuto una telefonata martedì. Mosca ha negato le accuse.\n"
              "«Non attaccheremo», ha detto Peskov.")
TELEFONATA_ORIGIN = "test-pipeline@1"


def words_at(text: str, words: str) -> tuple[int, int]:
    """The ``str`` range of the first ``words`` in ``text``."""
    start = text.index(words)
    return start, start + len(words)


def utf16_at(text: str, index: int) -> int:
    """Qt's position (UTF-16 units) of ``str`` offset ``index`` of ``text``."""
    return len(text[:index].encode("utf-16-le")) // 2


def select_words_in(view: Any, text: str, words: str) -> None:
    """Select ``words`` in the article view showing ``text``, as a drag would."""
    from PySide6.QtGui import QTextCursor

    start, end = words_at(text, words)
    cursor = view.textCursor()
    cursor.setPosition(utf16_at(text, start))
    cursor.setPosition(utf16_at(text, end), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)


def add_telefonata(project: Any) -> int:
    """Add :data:`TELEFONATA` with pipeline suggestions: Biden, Putin, Peskov (PER) and Mosca (LOC),
    Peskov's quotation and the REJECT event "negato" (actor Mosca). Returns its id."""
    from annotator.domain.model import SUGGESTED, SUGGESTIONS, Event, EventArg, Quote, Span
    from annotator.store import NewDocument

    def at(words: str) -> tuple[int, int]:
        return words_at(TELEFONATA, words)

    [(doc_id, _)] = project.add_documents([NewDocument(TELEFONATA, {"title": "Telefonata",
                                                                    "published": "2021-12-08"})])
    origin = TELEFONATA_ORIGIN
    spans = [Span(doc_id, *at(name), label, SUGGESTIONS, origin, SUGGESTED, origin)
             for name, label in (("Biden", "PER"), ("Putin", "PER"), ("Mosca", "LOC"), ("Peskov", "PER"))]
    quote = Quote(doc_id, *at("Non attaccheremo"), SUGGESTIONS, "direct", speaker_start=at("Peskov")[0],
                  speaker_end=at("Peskov")[1], speaker_label="PER", origin=origin)
    event = Event(doc_id, "REJECT", SUGGESTIONS, mode="deny", trigger_start=at("negato")[0],
                  trigger_end=at("negato")[1], args=(EventArg("actor", *at("Mosca")),), origin=origin)
    project.replace_suggestions([(doc_id, spans, [quote], [event])], origin=origin, action="test")
    return doc_id
