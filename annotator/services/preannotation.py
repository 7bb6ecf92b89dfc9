"""Pre-annotation: suggest entities with a spaCy pipeline and store them in the suggestions layer.

Two ways to run it:

- :func:`preannotate`, a generator that computes and stores batch by batch (the CLI);
- the pieces, for the desktop app, where only the main thread writes to SQLite:
  :func:`resolve_model` (main thread: which pipeline), then on a worker thread loading it and
  :func:`suggestion_batches` (pure computation over ``(doc_id, text, publication date)`` items,
  read with :func:`iter_texts` from a project opened on that thread), and
  :func:`store_suggestions` (main thread, once per batch the worker emits).

The publication date (:func:`publication_reference`, from the document's metadata: a day, else the
month or year it gives) is what relative DATE values ("ieri", "il mese prossimo") are resolved against.

A document the pipeline fails on is skipped, not stored (so the next run tries it again): each
batch lists it in ``skipped`` and :func:`preannotate` reports it, named, in its progress.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from ..domain.labels import LabelSchema
from ..domain.model import Event, Quote, Span
from ..domain.published import Period, publication_date, publication_reference  # noqa: F401 - publication_date: re-exported
from ..domain.shown import shown
from .settings import MODEL_SETTING, label_map

TextItem = tuple[int, str] | tuple[int, str, date | Period | None]


@dataclass(frozen=True)
class SkippedDocument:
    """A document that could not be pre-annotated: ``reason`` in one line; ``name`` (its uid and
    title, escaped for a message) once someone with the project filled it in (:func:`named`)."""

    doc_id: int
    reason: str
    name: str = ""

    def message(self) -> str:
        """One line for the user: which document, why, and what happens to it."""
        return (f"Skipped document {self.name or self.doc_id}: {shown(self.reason)} (it has no suggestions; "
                "the next pre-annotation tries it again)")


class Batch(list[tuple[int, list[Span], list[Quote], list[Event]]]):
    """Per document of a batch: ``(doc_id, entities, quotations, events)`` to store, in order;
    ``skipped``: the documents of the batch that failed (not in the list, nothing to store)."""

    def __init__(self, items: Iterable[tuple[int, list[Span], list[Quote], list[Event]]] = (),
                 skipped: Iterable[SkippedDocument] = ()) -> None:
        super().__init__(items)
        self.skipped = list(skipped)

    @property
    def processed(self) -> int:
        """How many documents of the queue this batch accounts for, stored or skipped."""
        return len(self) + len(self.skipped)


@dataclass(frozen=True)
class PreannotateProgress:
    """``done`` of ``total`` documents pre-annotated, ``suggestions`` stored so far, by ``origin``;
    ``skipped``: the documents that failed so far (counted in ``done``), named. On a team project
    (see :mod:`.preannotation_workers`): ``others``, the documents this run found pre-annotated
    meanwhile by another command (counted in ``done``, left as they were); ``left``, in the last
    step, the documents still queued when this run ended, claimed by another command."""

    done: int
    total: int
    suggestions: int
    origin: str
    skipped: tuple[SkippedDocument, ...] = ()
    others: int = 0
    left: int = 0


@dataclass(frozen=True)
class PreannotationPlan:
    """What a pre-annotation run will do: the loaded pipeline, its origin and the documents."""

    nlp: Any
    model: str
    origin: str
    doc_ids: list[int]


def resolve_model(project: Any, model: str | None = None) -> str:
    """The pipeline to use: ``model``, else the project's "model" setting, else the default."""
    if model:
        return model
    from ..nlp.pipeline import DEFAULT_MODEL

    return project.setting(MODEL_SETTING) or DEFAULT_MODEL


def documents_to_preannotate(project: Any, *, redo_all: bool = False) -> list[int]:
    """Ids of the documents without suggestions yet, or of every document with ``redo_all``."""
    if redo_all:
        return project.document_ids()
    return project.documents_without_suggestions()


def prepare_preannotation(project: Any, *, model: str | None = None, redo_all: bool = False) -> PreannotationPlan:
    """Load the pipeline and list the documents. Raises ``PipelineNotFound`` for an unknown model."""
    from ..nlp.pipeline import load_pipeline, pipeline_origin

    name = resolve_model(project, model)
    nlp = load_pipeline(name)
    return PreannotationPlan(nlp, name, pipeline_origin(nlp), documents_to_preannotate(project, redo_all=redo_all))


def iter_texts(project: Any, doc_ids: Sequence[int]) -> Iterator[tuple[int, str, date | Period | None]]:
    """``(doc_id, text, publication date, month or year, or None)``, read lazily one document at a time."""
    for doc in project.iter_documents(doc_ids):
        yield doc.id, doc.text, publication_reference(doc.meta)


def suggestion_batches(
    nlp: Any,
    texts: Iterable[TextItem],
    *,
    origin: str,
    labels: LabelSchema | Iterable[str] | None,
    batch_size: int = 32,
    label_map: Mapping[str, str | None] | None = None,
    events: Any = None,
    quotes: Any = None,
) -> Iterator[Batch]:
    """Pure computation: for each batch of texts, a :class:`Batch` ``[(doc_id, [Span, …], [Quote, …],
    [Event, …]), …]`` for the suggestions layer, with ``origin``: entities (only labels of the schema
    are kept), the quotations the finder sees, their speakers linked to those entities, and the events
    ``events`` (an :class:`~annotator.nlp.events.EventSuggester`, see :func:`event_suggester_for`)
    suggests; none when it is None. ``texts`` holds ``(doc_id, text)`` or ``(doc_id, text, publication
    date)``: DATE spans and event dates are resolved against that date. A document that fails is left
    out and listed in the batch's ``skipped`` (not yet named). Touches no storage."""
    from ..nlp.preannotate import suggest_annotations, to_events, to_quotes, to_spans
    from ..nlp.quotes import QuoteFinder

    allowed = None
    if labels is not None:
        allowed = labels.names() if isinstance(labels, LabelSchema) else labels
    finder = quotes or QuoteFinder()  # see quote_finder_for: the project's learned cues
    for batch in suggest_annotations(nlp, texts, batch_size=batch_size, allowed_labels=allowed,
                                     label_map=label_map, quotes=finder, events=events):
        yield Batch(((s.doc_id, to_spans(s.doc_id, s.entities, origin), to_quotes(s.doc_id, s.quotes, origin),
                      to_events(s.doc_id, s.events, origin)) for s in batch if s.error is None),
                    skipped=(SkippedDocument(s.doc_id, s.error) for s in batch if s.error is not None))


def named(project: Any, skipped: SkippedDocument) -> SkippedDocument:
    """``skipped`` with its name: the document's uid and title, escaped for a message."""
    try:
        doc = project.document(skipped.doc_id)
    except Exception:  # noqa: BLE001 - deleted meanwhile, or the store is busy: the id still names it
        return skipped
    title = f" “{shown(doc.title)}”" if doc.title else ""
    return replace(skipped, name=f"{shown(doc.uid)}{title}")


def event_suggester_for(project: Any) -> Any:
    """The event suggester for the project's event schema, with the triggers the project learned
    (:mod:`.lexicon`), or None when the bundled Italian trigger lexicon does not fit that schema
    (a team's own schema brings its own lexicon)."""
    from ..nlp.events import EventLexiconError, EventSuggester, load_event_lexicon
    from .lexicon import load_overlay
    from .settings import SchemaError, load_event_schema

    try:
        schema = load_event_schema(project)
        lexicon = load_event_lexicon(schema=schema)
    except (SchemaError, EventLexiconError):
        return None
    return EventSuggester(load_overlay(project).event_lexicon(lexicon, [t.name for t in schema.types]))


def quote_finder_for(project: Any) -> Any:
    """The quotation finder with the reporting verbs the project learned (:mod:`.lexicon`)."""
    from ..nlp.quote_lexicon import load_lexicon
    from ..nlp.quotes import QuoteFinder
    from .lexicon import load_overlay

    return QuoteFinder(load_overlay(project).quote_lexicon(load_lexicon()))


def store_suggestions(project: Any, batch: Batch, *, origin: str) -> int:
    """Replace the suggestions (entities and quotations) of the batch's documents in one
    transaction; returns how many were stored (none when every document of it was skipped)."""
    if not batch:
        return 0
    return project.replace_suggestions(batch, origin=origin, action=f"Pre-annotate {len(batch)} documents with {origin}")


def preannotate(
    project: Any,
    *,
    model: str | None = None,
    redo_all: bool = False,
    labels: LabelSchema | None,
    batch_size: int = 32,
    workers: int = 1,
) -> Iterator[PreannotateProgress]:
    """Pre-annotate the documents without suggestions (all with ``redo_all``), batch by batch.

    Yields progress once before the first batch (``done=0``, so a caller knows ``total`` and the
    origin) and after each stored batch. Stopping the iteration between batches leaves every stored
    batch in place. The pipeline is loaded when this is called, so ``PipelineNotFound`` is raised
    here, before any iteration.

    ``workers`` > 1: that many processes, each with its own pipeline, share the batches (see
    :mod:`.preannotation_workers`); they are started and have loaded the pipeline when this
    returns. On a team project the documents are claimed from the project's queue, whatever
    ``workers`` is, so ``preannotate`` commands on several machines share one run; only the owner
    may run it. A failed worker ends the iteration with
    :class:`~.preannotation_workers.WorkerFailed` (also raised here when one fails while starting).
    """
    if not project.shared and workers <= 1:
        plan = prepare_preannotation(project, model=model, redo_all=redo_all)
        return _run(project, plan, labels=labels, batch_size=batch_size)
    from . import preannotation_workers as parallel

    if project.shared:
        parallel.require_owner(project)
    name = resolve_model(project, model)
    allowed = labels.names() if labels is not None else None
    if project.shared and workers > 1 and parallel.work_at_most(project, redo_all=redo_all) <= batch_size:
        workers = 1  # one batch at most: a worker process would load the pipeline for nothing
    if project.shared and workers <= 1:
        from ..nlp.pipeline import load_pipeline, pipeline_origin

        nlp = load_pipeline(name)
        suggester = parallel.Suggester(project, nlp, pipeline_origin(nlp), allowed, batch_size)
        return parallel.run_claims_here(project, suggester, redo_all=redo_all)
    doc_ids = None if project.shared else documents_to_preannotate(project, redo_all=redo_all)
    if doc_ids is not None and len(doc_ids) <= batch_size:  # one batch: no worker would have a share
        from ..nlp.pipeline import load_pipeline, pipeline_origin

        nlp = load_pipeline(name)
        plan = PreannotationPlan(nlp, name, pipeline_origin(nlp), doc_ids)
        return _run(project, plan, labels=labels, batch_size=batch_size)
    _origin, steps = parallel.run_in_processes(project, model=name, allowed=allowed, batch_size=batch_size,
                                               workers=workers, doc_ids=doc_ids, redo_all=redo_all)
    return steps


def _run(project: Any, plan: PreannotationPlan, *, labels: LabelSchema | None, batch_size: int) -> Iterator[PreannotateProgress]:
    total, done, stored = len(plan.doc_ids), 0, 0
    skipped: list[SkippedDocument] = []
    yield PreannotateProgress(0, total, 0, plan.origin)
    mapping = label_map(project)
    for batch in suggestion_batches(plan.nlp, iter_texts(project, plan.doc_ids), origin=plan.origin,
                                    labels=labels, batch_size=batch_size, label_map=mapping,
                                    events=event_suggester_for(project), quotes=quote_finder_for(project)):
        stored += store_suggestions(project, batch, origin=plan.origin)
        skipped += [named(project, s) for s in batch.skipped]
        done += batch.processed
        yield PreannotateProgress(done, total, stored, plan.origin, tuple(skipped))
