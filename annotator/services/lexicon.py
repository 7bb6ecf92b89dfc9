"""The project's learned lexicon: what its annotators taught the suggesters, and re-suggesting with it.

:func:`learn_from` looks at an event or a quotation an annotator just coded; when its trigger or cue
verb is new to the lexicons, the project learns it (the ``lexicon_overlay`` setting, see
:mod:`annotator.nlp.lexicon_overlay`) and :func:`resuggest_untouched` runs the quotation finder and
the event suggester again over the articles no one has touched, on the entities already suggested
there (no pipeline needed: it takes a fraction of a second per hundred articles). The CLI's
``annotator lexicon`` and the app's Project lexicon window list, add and remove entries.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..domain.model import Event, Quote
from ..domain.published import publication_reference

__all__ = ["OVERLAY_SETTING", "Learned", "learn_from", "load_overlay", "resuggest_untouched", "save_overlay"]

OVERLAY_SETTING = "lexicon_overlay"


@dataclass(frozen=True, slots=True)
class Learned:
    """What one edit taught the project, in words for the status bar."""

    description: str
    words: str


def load_overlay(project: Any) -> Any:
    """The project's overlay (empty when it has none). RAISES OverlayError for a damaged setting."""
    from ..nlp.lexicon_overlay import LexiconOverlay

    return LexiconOverlay.from_json(project.setting(OVERLAY_SETTING))


def save_overlay(project: Any, overlay: Any) -> None:
    """Store ``overlay`` (one transaction); an empty one removes the setting."""
    project.set_setting(OVERLAY_SETTING, overlay.to_json() if overlay else None)


def learn_from(project: Any, item: Quote | Event, text: str, *, annotator: str = "") -> Learned | None:
    """Learn the trigger of ``item`` (an event) or the cue verb of it (a quotation) when the
    lexicons do not know it; returns what was learned, or None."""
    from ..nlp.lexicon_overlay import learn_cue, learn_trigger
    from ..nlp.quote_lexicon import load_lexicon
    from .preannotation import event_suggester_for

    overlay = load_overlay(project)
    if isinstance(item, Event):
        if item.trigger_start is None or item.trigger_end is None:
            return None
        suggester = event_suggester_for(project)
        if suggester is None:
            return None
        before = re.findall(r"\w+", text[max(0, item.trigger_start - 30):item.trigger_start])
        trigger = learn_trigger(suggester.lexicon, text[item.trigger_start:item.trigger_end], item.type, item.mode,
                                annotator, word_before=before[-1] if before else "")
        if trigger is None:
            return None
        save_overlay(project, overlay.with_trigger(trigger))
        mode = f" {trigger.mode}" if trigger.mode else ""
        return Learned(f"learned the trigger “{trigger.words}” ({trigger.type}{mode})", trigger.words)
    if item.cue_start is None or item.cue_end is None:
        return None
    cue = learn_cue(overlay.quote_lexicon(load_lexicon()), text[item.cue_start:item.cue_end], annotator)
    if cue is None:
        return None
    save_overlay(project, overlay.with_cue(cue))
    return Learned(f"learned the reporting verb “{cue.words}”", cue.words)


def resuggest_untouched(project: Any, doc_ids: Sequence[int] | None = None) -> int:
    """Find quotations and events again, with the learned lexicon, in the articles no one has
    touched (of ``doc_ids`` when given) that have suggestions; their entity suggestions are kept.
    One transaction; returns how many articles were suggested again."""
    from ..nlp.dates import DATE_LABEL
    from ..nlp.preannotate import to_events, to_quotes
    from .preannotation import event_suggester_for, quote_finder_for

    untouched = project.documents_nobody_touched()
    if doc_ids is not None:
        wanted = set(doc_ids)
        untouched = [d for d in untouched if d in wanted]
    never = set(project.documents_without_suggestions())  # the next pre-annotation does them
    untouched = [d for d in untouched if d not in never]
    finder, suggester = quote_finder_for(project), event_suggester_for(project)
    batch = []
    for doc in project.iter_documents(untouched):
        spans = project.suggestions(doc.id)  # none in an article where the pipeline found no entity
        origin = next((s.origin for s in spans), "rules")
        entities = [(s.start, s.end, s.label) for s in spans]
        quotes = finder.find(doc.text, entities)
        events = []
        if suggester is not None:
            reference = publication_reference(doc.meta)
            events = suggester.find(doc.text, entities, quotes=quotes,
                                    dates=[(s.start, s.end, s.value) for s in spans if s.label == DATE_LABEL],
                                    published=reference if isinstance(reference, date) else None)
        batch.append((doc.id, spans, to_quotes(doc.id, quotes, origin), to_events(doc.id, events, origin)))
    if not batch:
        return 0
    project.replace_suggestions(batch, origin="lexicon", action=f"Suggest again {len(batch)} untouched articles "
                                                                 "with the learned lexicon")
    return len(batch)
