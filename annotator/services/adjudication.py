"""``annotator adjudicate --auto``: put into the gold layer what the annotators agree on.

The proposal is :mod:`annotator.review.adjudication`'s; this module reads the project's layers,
stores the gold items in one transaction (a named batch operation in the history), and moves each
document that got gold items to "in review" for the gold layer, so the reviewer sees what is left.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..domain.model import ACCEPTED, DOC_IN_REVIEW, DOC_NEW, GOLD
from ..review.adjudication import agreed_items
from .agreement import document_layers

__all__ = ["AdjudicationReport", "adjudicate_auto"]


@dataclass
class AdjudicationReport:
    documents: int = 0  # documents that got gold items
    spans: int = 0
    quotes: int = 0
    events: int = 0
    considered: int = 0  # documents with enough annotators to agree


def adjudicate_auto(project: Any, *, min_agreement: int | None = None, reviewer: str = GOLD) -> AdjudicationReport:
    """Add every agreed item to gold (see the module docstring); returns what was added."""
    report = AdjudicationReport()
    items: list[Any] = []
    touched: list[int] = []
    for layers in document_layers(project):
        doc_id = layers.doc_id
        gold = dict(spans=[s for s in project.spans(doc_id, GOLD) if s.status == ACCEPTED],
                    quotes=project.quotes(doc_id, GOLD), events=project.events(doc_id, GOLD))
        proposal = agreed_items(layers, doc_id, gold_spans=gold["spans"], gold_quotes=gold["quotes"],
                                gold_events=gold["events"], min_agreement=min_agreement, reviewer=reviewer)
        needed = min_agreement if min_agreement is not None else max(2, len(layers.annotators))
        report.considered += len(layers.annotators) >= needed
        if not len(proposal):
            continue
        items += [*proposal.spans, *proposal.quotes, *proposal.events]
        report.spans += len(proposal.spans)
        report.quotes += len(proposal.quotes)
        report.events += len(proposal.events)
        report.documents += 1
        touched.append(doc_id)
    if items:
        with project.transaction():  # the items and the statuses together, or nothing
            project.import_annotations(items, action=f"Adjudicate automatically: {len(items)} agreed items into "
                                       "gold", annotator=reviewer)
            for doc_id in touched:
                if project.doc_status(doc_id, GOLD) == DOC_NEW:
                    project.set_doc_status(doc_id, GOLD, DOC_IN_REVIEW)
    return report
