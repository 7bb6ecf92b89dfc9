"""Changes to the project's learned lexicon made in the app, each followed by new suggestions.

The app teaches the project when an annotator codes an event or a quotation on words the
suggesters did not know (:func:`teach`), follows that annotator's next choice of type or mode for
the same event (:func:`follow`), and the Project lexicon window adds, removes, imports and exports
entries (:func:`change`, :func:`trigger_entry`, :func:`cue_entry`, :func:`read_lexicon_file`,
:func:`write_lexicon_file`). After each change the untouched articles that hold the words are
suggested again (:func:`untouched_with`): an article without them would get the same suggestions
back, and suggesting every untouched article again costs seconds per few hundred articles.

The store's refusals are raised, not caught: ``PermissionRefused`` (a team project's member who is
not its owner), ``ProjectUnavailable``; and ``OverlayError`` for a damaged stored lexicon. The app
says them. Plain Python.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..domain.model import MANUAL, Event, Quote
from ..domain.shown import shown
from .lexicon import learn_from, load_overlay, resuggest_untouched, save_overlay

__all__ = ["Change", "LexiconEditError", "KINDS", "change", "cue_entry", "follow", "forget", "read_lexicon_file",
           "merged", "relearn", "suggested_again", "teach", "trigger_entry", "untouched_with", "write_lexicon_file"]

KINDS = ("verb", "noun", "phrase")  # how a trigger's words are written (see annotator.nlp.lexicon_overlay)
_WORD = re.compile(r"[^\W_]+")
_INFINITIVE = re.compile(r"^[^\W\d_]{2,}(?:are|ere|ire|rre)(?:si)?$")


class LexiconEditError(ValueError):
    """An entry or a file the lexicon cannot take; the message says what to do."""


@dataclass(frozen=True, slots=True)
class Change:
    """What a change did, in words for the status bar, and how many untouched articles were
    suggested again."""

    said: str
    again: int
    doc_ids: tuple[int, ...] = ()  # the untouched articles that hold the words (views show them again)
    entries: tuple[Any, ...] = ()  # what was learned (teach, relearn) or forgotten (forget)


def suggested_again(count: int) -> str:
    """"12 untouched articles suggested again", in the status bar after a change."""
    if count == 0:
        return "no untouched article to suggest again"
    return f"{count} untouched article{'s' if count != 1 else ''} suggested again"


# --- learning from an edit ----------------------------------------------------------------------


def teach(project: Any, item: Quote | Event, text: str, *, annotator: str) -> Change | None:
    """Learn the trigger (an event) or cue verb (a quotation) of ``item`` when the lexicons do not
    know it, and suggest again the untouched articles that hold it; None when nothing was new."""
    before = load_overlay(project)
    learned = learn_from(project, item, text, annotator=annotator)
    if learned is None:
        return None
    new = _added(before, load_overlay(project))
    doc_ids = untouched_with(project, new)
    again = resuggest_untouched(project, doc_ids)
    return Change(f"{learned.description[:1].upper()}{learned.description[1:]}; {suggested_again(again)}", again,
                  tuple(doc_ids), tuple(new))


def follow(project: Any, before: Event, after: Event, text: str, *, annotator: str) -> Change | None:
    """The annotator changed the type or mode of an event they coded by hand: when its trigger is
    one the project learned from them with the old type and mode, the entry takes the new ones (an
    event is created before its mode is chosen). None when no entry follows."""
    if (before.type, before.mode) == (after.type, after.mode) or after.trigger_start is None \
            or after.trigger_end is None or after.origin != MANUAL or after.source_id is not None:
        return None
    from ..nlp.events import EventLexiconError, load_event_lexicon
    from ..nlp.lexicon_overlay import learn_trigger
    from .settings import SchemaError, load_event_schema

    try:
        bundled = load_event_lexicon(schema=load_event_schema(project))
    except (SchemaError, EventLexiconError):
        return None
    words_before = _WORD.findall(text[max(0, after.trigger_start - 30):after.trigger_start])
    guess = learn_trigger(bundled, text[after.trigger_start:after.trigger_end], after.type, after.mode, annotator,
                          word_before=words_before[-1] if words_before else "")
    if guess is None:
        return None
    overlay = load_overlay(project)
    entry = next((t for t in overlay.triggers if (t.words, t.kind, t.example, t.annotator)
                  == (guess.words, guess.kind, guess.example, annotator)
                  and (t.type, t.mode) == (before.type, before.mode)), None)
    if entry is None:
        return None
    save_overlay(project, overlay.with_trigger(replace(entry, type=after.type, mode=after.mode)))
    doc_ids = untouched_with(project, [entry])
    again = resuggest_untouched(project, doc_ids)
    mode = f" {after.mode}" if after.mode else ""
    return Change(f"The learned trigger “{entry.words}” is now {after.type}{mode}; {suggested_again(again)}", again,
                  tuple(doc_ids))


def forget(project: Any, entries: Iterable[Any], *, why: str, keep: Collection[int] = ()) -> Change | None:
    """Remove the entries an edit taught (``teach``'s), as they are now (a later choice of mode
    included): the edit was undone. The articles of ``keep`` keep their suggestions (the edit's
    own: a redo may link to them). None when the entries are gone already."""
    from ..nlp.lexicon_overlay import LexiconOverlay

    keys = {_identity(e) for e in entries}
    overlay = load_overlay(project)
    gone = [e for e in (*overlay.triggers, *overlay.cues) if _identity(e) in keys]
    if not gone:
        return None
    kept = LexiconOverlay(tuple(t for t in overlay.triggers if t not in gone),
                          tuple(c for c in overlay.cues if c not in gone))
    return replace(change(project, kept, gone, f"Forgot {_named(gone)} ({why})", keep=keep), entries=tuple(gone))


def relearn(project: Any, entries: Iterable[Any], *, keep: Collection[int] = ()) -> Change | None:
    """Add back what :func:`forget` removed (the edit was redone); None when nothing is missing."""
    overlay = load_overlay(project)
    present = {_identity(e) for e in (*overlay.triggers, *overlay.cues)}
    back = [e for e in entries if _identity(e) not in present]
    if not back:
        return None
    for entry in back:
        overlay = overlay.with_trigger(entry) if hasattr(entry, "type") else overlay.with_cue(entry)
    return replace(change(project, overlay, back, f"Learned {_named(back)} again", keep=keep), entries=tuple(back))


def _identity(entry: Any) -> tuple[str, ...]:
    """An entry whatever type and mode it has now."""
    return ("trigger" if hasattr(entry, "type") else "cue", entry.words, entry.kind, entry.example, entry.annotator)


def _named(entries: Sequence[Any]) -> str:
    return ", ".join(f"the {'trigger' if hasattr(e, 'type') else 'reporting verb'} “{e.words}”" for e in entries)


# --- the Project lexicon window ------------------------------------------------------------------


def change(project: Any, overlay: Any, touched: Iterable[Any], what: str, *, keep: Collection[int] = ()) -> Change:
    """Store ``overlay`` (one transaction) and suggest again the untouched articles that hold the
    words of the ``touched`` entries (added, changed or removed), but those of ``keep``; ``what``:
    the change in words."""
    save_overlay(project, overlay)
    doc_ids = [d for d in untouched_with(project, touched) if d not in keep]
    again = resuggest_untouched(project, doc_ids)
    return Change(f"{what}; {suggested_again(again)}", again, tuple(doc_ids))


def trigger_entry(project: Any, words: str, type_: str, mode: str | None, kind: str, *,
                  annotator: str = "") -> Any:
    """A trigger typed by hand, checked against the project's event schema. RAISES LexiconEditError."""
    from ..nlp.lexicon_overlay import LearnedTrigger
    from .settings import SchemaError, load_event_schema

    words = " ".join(words.split()).lower()
    if not words:
        raise LexiconEditError("type the trigger's words first")
    if kind not in KINDS:
        raise LexiconEditError(f"the kind is one of {', '.join(KINDS)}, not {shown(kind)}")
    if kind == "verb" and not _INFINITIVE.match(words.partition(":")[0].strip()):
        raise LexiconEditError(f"“{shown(words)}” is not an infinitive: a verb is written as its infinitive "
                               "(sgominare), its forms are then found by themselves")
    try:
        schema = load_event_schema(project)
    except SchemaError as err:
        raise LexiconEditError(str(err)) from None
    found = schema.type(type_)
    if found is None:
        raise LexiconEditError(f"{shown(type_)} is not an event type of the {schema.name} schema")
    if mode and found.mode(mode) is None:
        raise LexiconEditError(f"{shown(mode)} is not a mode of {type_}: "
                               f"{', '.join(m.name for m in found.modes) or 'it has none'}")
    return LearnedTrigger(words, type_, mode or None, kind, words, annotator)


def cue_entry(words: str, *, annotator: str = "") -> Any:
    """A reporting verb (an infinitive) or expression typed by hand. RAISES LexiconEditError."""
    from ..nlp.lexicon_overlay import LearnedCue

    words = " ".join(words.split()).lower()
    if not words:
        raise LexiconEditError("type the reporting verb (its infinitive) or expression first")
    if " " not in words and not _INFINITIVE.match(words):
        raise LexiconEditError(f"“{shown(words)}” is not an infinitive: write the verb as its infinitive "
                               "(gongolare), or an expression of several words (puntare il dito)")
    return LearnedCue(words, "phrase" if " " in words else "verb", words, annotator)


def read_lexicon_file(path: str | os.PathLike[str]) -> Any:
    """The overlay a JSON file written by 'annotator lexicon export' holds. RAISES LexiconEditError."""
    from ..nlp.lexicon_overlay import LexiconOverlay, OverlayError

    try:
        return LexiconOverlay.from_json(Path(path).read_text(encoding="utf-8"))
    except OSError as err:
        raise LexiconEditError(f"cannot read {shown(str(path))}: {err.strerror or err}") from None
    except (UnicodeDecodeError, OverlayError) as err:
        raise LexiconEditError(f"{shown(str(path))} is not a lexicon written by Export… or "
                               f"'annotator lexicon export' ({err})") from None


def merged(overlay: Any, other: Any) -> Any:
    """``overlay`` with every entry of ``other`` (one of the same words and kind is replaced)."""
    for trigger in other.triggers:
        overlay = overlay.with_trigger(trigger)
    for cue in other.cues:
        overlay = overlay.with_cue(cue)
    return overlay


def write_lexicon_file(project: Any, overlay: Any, path: str | os.PathLike[str]) -> None:
    """Write ``overlay`` as 'annotator lexicon export' does; never over the project's own files.
    RAISES LexiconEditError."""
    from ..formats.atomic import atomic_write
    from .exporting import OutputRefused, check_output

    try:
        check_output(None if project.shared else project.path, path, fmt="jsonl")
        with atomic_write(path) as out:
            out.write(json.dumps(json.loads(overlay.to_json()), ensure_ascii=False, indent=2) + "\n")
    except OutputRefused as err:
        raise LexiconEditError(str(err)) from None
    except OSError as err:
        raise LexiconEditError(f"cannot write {shown(str(path))}: {err.strerror or err}") from None


# --- which articles a change concerns -------------------------------------------------------------


def untouched_with(project: Any, entries: Iterable[Any]) -> list[int]:
    """The untouched articles whose text holds a word of ``entries`` (learned triggers or cues), by
    the project's full-text search: a verb by its stem, so that every form is found."""
    untouched = set(project.documents_nobody_touched())
    found: set[int] = set()
    for term in sorted({t for entry in entries for t in _search_terms(entry)}):
        found.update(project.document_ids(query=term))
        if untouched <= found:
            break
    return sorted(untouched & found)


def _search_terms(entry: Any) -> list[str]:
    """Prefixes that find every form of ``entry``'s words: a verb's stem ("sgomin" for
    "sgominare", any forms listed after ":"), each form of a noun, the first word of a phrase."""
    words = entry.words.lower()
    if entry.kind == "verb":
        infinitive, _, extra = words.partition(":")
        infinitive = infinitive.strip()
        base = infinitive[:-2] + "e" if infinitive.endswith(("arsi", "ersi", "irsi")) else infinitive
        stem = base[:-3] if base.endswith(("are", "ere", "ire")) else base[:-4] if base.endswith("rre") else base
        if base.endswith(("ciare", "giare")):  # mangiare: mangerà
            stem = stem[:-1]
        terms = [stem, *extra.split()]
    else:
        terms = [form.strip() for form in words.split("|")]
    return [first[0] for term in terms if (first := _WORD.findall(term))]


def _added(before: Any, after: Any) -> Sequence[Any]:
    old = set(before.triggers) | set(before.cues)
    return [e for e in (*after.triggers, *after.cues) if e not in old]
