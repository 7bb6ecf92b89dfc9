"""Agreement of a project's annotators: gather their layers, document by document, and measure.

An annotator takes part in a document when they have accepted items in it or a status other than
"new" there (a finished document with no entity is an empty layer, and counts as such); the
measures use only the articles they reviewed (done, nothing pending) and count the others. The gold
layer and the suggestions are left out unless named in ``annotators`` ("gold" compares a person
with the adjudicated layer). The measures are :mod:`annotator.review.agreement`'s.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..domain.model import ACCEPTED, DOC_NEW, GOLD, SUGGESTIONS
from ..review.agreement import AgreementReport, DocumentLayers, agreement
from .reviewed import ALL_ROWS, REVIEWED, Skipped, layer_state

__all__ = ["document_layers", "project_agreement"]


def document_layers(project: Any, annotators: Sequence[str] | None = None, *, reviewed_only: bool = False,
                    skipped: dict[str, Skipped] | None = None) -> list[DocumentLayers]:
    """Each document with at least one of ``annotators`` (default: every person) in it.

    ``reviewed_only``: a layer takes part in a document only when it reviewed it (marked it done
    with no suggestion pending, see :mod:`annotator.services.reviewed`); the articles left out are
    counted per annotator in ``skipped``.
    """
    wanted = set(annotators) if annotators else None
    documents = []
    for annotated in project.iter_annotated_documents(statuses=ALL_ROWS if reviewed_only else (ACCEPTED,)):
        spans: dict[str, list[Any]] = {}
        quotes: dict[str, list[Any]] = {}
        events: dict[str, list[Any]] = {}
        for kind, items in ((spans, annotated.spans), (quotes, annotated.quotes), (events, annotated.events)):
            for item in items:
                if item.status == ACCEPTED:
                    kind.setdefault(item.layer, []).append(item)
        present = (set(spans) | set(quotes) | set(events)
                   | {a for a, status in annotated.statuses.items() if status != DOC_NEW})
        present = {a for a in present if (a in wanted if wanted is not None else a not in (GOLD, SUGGESTIONS))}
        if reviewed_only:
            states = {a: layer_state(annotated, a) for a in present}
            for name, state in states.items():
                if skipped is not None and state != REVIEWED:
                    skipped.setdefault(name, Skipped()).count(state)
            present = {a for a in present if states[a] == REVIEWED}
        if not present:
            continue
        documents.append(DocumentLayers(
            annotated.document.uid, annotated.document.text,
            {a: spans.get(a, []) for a in present}, {a: quotes.get(a, []) for a in present},
            {a: events.get(a, []) for a in present}, doc_id=annotated.document.id,
            title=annotated.document.title or ""))
    return documents


def project_agreement(project: Any, annotators: Sequence[str] | None = None) -> AgreementReport:
    """Agreement among ``annotators`` (default: every person with a layer) over the articles each
    reviewed; the report's ``skipped`` says, per annotator, which were left out and why."""
    skipped: dict[str, Skipped] = {}
    documents = document_layers(project, annotators, reviewed_only=True, skipped=skipped)
    report = agreement(documents, list(annotators) if annotators else None)
    report.skipped = {name: skipped[name].as_dict() for name in sorted(skipped)}
    return report
