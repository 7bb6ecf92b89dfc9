"""Undoable commands, run against a small dict-backed repository.

The same commands against the real SQLite store are tested in tests/store/test_commands_store.py.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.domain import commands
from annotator.domain.commands import Command, Item
from annotator.domain.model import (
    ACCEPTED,
    DOC_DONE,
    DOC_IN_PROGRESS,
    DOC_NEW,
    MANUAL,
    REJECTED,
    SUGGESTED,
    SUGGESTIONS,
    Event,
    Quote,
    Span,
    visible_spans,
)

TEXT = "Mario Rossi ha incontrato Giorgia Meloni a Palazzo Chigi, Roma."
DOC = 1
ANNA = "anna"
MODEL = "it_core_news_lg 3.8.0"


def at(fragment: str) -> tuple[int, int]:
    start = TEXT.index(fragment)
    return start, start + len(fragment)


@dataclass
class FakeRepo:
    """Implements the Repository protocol with dicts; ids behave like SQLite rowids."""

    items: dict[str, dict[int, Item]] = field(default_factory=lambda: {"Span": {}, "Quote": {}, "Event": {}})
    status: dict[tuple[int, str], str] = field(default_factory=dict)
    calls: int = 0

    def _table(self, item: Item) -> dict[int, Item]:
        return self.items[type(item).__name__]

    def insert(self, item: Item) -> Item:
        self.calls += 1
        table = self._table(item)
        if item.id is None:
            item = item.with_(id=max(table, default=0) + 1)
        elif item.id in table:
            raise KeyError(f"id {item.id} already used")
        table[item.id] = item
        return item

    def delete(self, item: Item) -> None:
        self.calls += 1
        del self._table(item)[item.id]

    def update(self, item: Item) -> None:
        self.calls += 1
        table = self._table(item)
        if item.id not in table:
            raise KeyError(f"no item {item.id}")
        table[item.id] = item

    def set_doc_status(self, doc_id: int, annotator: str, status: str) -> None:
        self.calls += 1
        self.status[(doc_id, annotator)] = status

    # --- reading ---

    def doc_status(self, doc_id: int = DOC, annotator: str = ANNA) -> str:
        return self.status.get((doc_id, annotator), DOC_NEW)

    def layer(self, layer: str) -> list[Span]:
        return sorted((s for s in self.items["Span"].values() if s.layer == layer), key=lambda s: (s.start, s.end))

    def visible(self) -> list[Span]:
        return visible_spans(self.layer(ANNA), self.layer(SUGGESTIONS))

    def state(self) -> tuple:
        """Everything stored; a document without a status row is "new"."""
        statuses = {k: v for k, v in self.status.items() if v != DOC_NEW}
        return copy.deepcopy(self.items), statuses


def repo_with_suggestions(*fragments_labels: tuple[str, str]) -> FakeRepo:
    repo = FakeRepo()
    for fragment, label in fragments_labels:
        repo.insert(Span(DOC, *at(fragment), label, SUGGESTIONS, MODEL, SUGGESTED, MODEL))
    return repo


def suggestion(repo: FakeRepo, fragment: str) -> Span:
    return next(s for s in repo.layer(SUGGESTIONS) if (s.start, s.end) == at(fragment))


def run(repo: FakeRepo, cmd: Command) -> Command:
    """Apply ``cmd``, then check that revert restores the state exactly and that redo gives the same state."""
    before = repo.state()
    cmd.apply(repo)
    after = repo.state()
    cmd.revert(repo)
    assert repo.state() == before, "revert did not restore the previous state"
    cmd.apply(repo)
    assert repo.state() == after, "apply after revert gave another state than the first apply"
    return cmd


def label(repo: FakeRepo, fragment: str, name: str, *, start_end: tuple[int, int] | None = None) -> Command:
    start, end = start_end or at(fragment)
    return commands.label_range(
        text=TEXT, visible=repo.visible(), doc_id=DOC, start=start, end=end, label=name, layer=ANNA,
        annotator=ANNA, doc_status=repo.doc_status(),
    )


def view(repo: FakeRepo) -> list[tuple[str, str, str, str]]:
    """What the annotator sees: (text, label, status, origin)."""
    return [(TEXT[s.start : s.end], s.label, s.status, s.origin) for s in repo.visible()]


# --- label_range ------------------------------------------------------------------------------


def test_label_a_plain_selection() -> None:
    repo = FakeRepo()
    cmd = run(repo, label(repo, "Mario Rossi", "PER"))
    assert view(repo) == [("Mario Rossi", "PER", ACCEPTED, MANUAL)]
    (span,) = repo.layer(ANNA)
    assert span.annotator == ANNA and span.source_id is None and span.id is not None
    assert "Mario Rossi" in cmd.text and "PER" in cmd.text


def test_labelling_over_an_existing_span_replaces_it() -> None:
    repo = FakeRepo()
    run(repo, label(repo, "Palazzo", "LOC"))
    run(repo, label(repo, "Palazzo Chigi", "ORG"))
    assert view(repo) == [("Palazzo Chigi", "ORG", ACCEPTED, MANUAL)]
    run(repo, label(repo, "Chigi, Roma", "LOC"))
    assert view(repo) == [("Chigi, Roma", "LOC", ACCEPTED, MANUAL)]


def test_labelling_the_same_range_with_the_same_label_does_nothing() -> None:
    repo = FakeRepo()
    run(repo, label(repo, "Roma", "LOC"))
    cmd = label(repo, "Roma", "LOC")
    assert cmd.is_empty()


def test_labelling_exactly_a_suggestion_accepts_it_and_keeps_its_origin() -> None:
    repo = repo_with_suggestions(("Giorgia Meloni", "PER"))
    sugg = suggestion(repo, "Giorgia Meloni")
    run(repo, label(repo, "Giorgia Meloni", "PER"))
    (decision,) = repo.layer(ANNA)
    assert (decision.status, decision.source_id, decision.origin, decision.label) == (ACCEPTED, sugg.id, MODEL, "PER")
    assert view(repo) == [("Giorgia Meloni", "PER", ACCEPTED, MODEL)]


def test_labelling_exactly_a_suggestion_with_another_label_is_a_manual_acceptance() -> None:
    repo = repo_with_suggestions(("Palazzo Chigi", "LOC"))
    sugg = suggestion(repo, "Palazzo Chigi")
    run(repo, label(repo, "Palazzo Chigi", "ORG"))
    (decision,) = repo.layer(ANNA)
    assert (decision.status, decision.source_id, decision.origin, decision.label) == (ACCEPTED, sugg.id, MANUAL, "ORG")
    assert view(repo) == [("Palazzo Chigi", "ORG", ACCEPTED, MANUAL)]


def test_labelling_a_range_overlapping_a_suggestion_rejects_it() -> None:
    repo = repo_with_suggestions(("Giorgia", "PER"), ("Roma", "LOC"))
    sugg = suggestion(repo, "Giorgia")
    run(repo, label(repo, "Giorgia Meloni", "PER"))
    layer = repo.layer(ANNA)
    assert [(s.status, s.source_id) for s in layer] == [(REJECTED, sugg.id), (ACCEPTED, None)]
    assert view(repo) == [("Giorgia Meloni", "PER", ACCEPTED, MANUAL), ("Roma", "LOC", SUGGESTED, MODEL)]


def test_labelling_over_an_accepted_suggestion_keeps_the_suggestion_hidden() -> None:
    repo = repo_with_suggestions(("Palazzo Chigi", "LOC"))
    run(repo, commands.accept(text=TEXT, span=suggestion(repo, "Palazzo Chigi"), layer=ANNA, annotator=ANNA,
                              doc_status=repo.doc_status()))
    run(repo, label(repo, "Palazzo Chigi, Roma", "LOC"))
    assert view(repo) == [("Palazzo Chigi, Roma", "LOC", ACCEPTED, MANUAL)]


def test_labelling_a_selection_covering_an_exact_and_an_overlapping_suggestion() -> None:
    repo = repo_with_suggestions(("Mario Rossi", "PER"), ("Rossi", "PER"), ("Mario", "ORG"))
    run(repo, label(repo, "Mario Rossi", "PER"))
    decisions = {(TEXT[s.start : s.end], s.status) for s in repo.layer(ANNA)}
    assert decisions == {("Mario Rossi", ACCEPTED), ("Rossi", REJECTED), ("Mario", REJECTED)}
    assert view(repo) == [("Mario Rossi", "PER", ACCEPTED, MODEL)]


# --- relabel, delete, accept ------------------------------------------------------------------


def test_relabel_a_manual_span() -> None:
    repo = FakeRepo()
    run(repo, label(repo, "Palazzo Chigi", "LOC"))
    (span,) = repo.layer(ANNA)
    cmd = run(repo, commands.relabel(text=TEXT, span=span, label="ORG", layer=ANNA, annotator=ANNA,
                                     doc_status=repo.doc_status()))
    assert view(repo) == [("Palazzo Chigi", "ORG", ACCEPTED, MANUAL)]
    assert repo.layer(ANNA)[0].id == span.id
    assert "LOC" in cmd.text and "ORG" in cmd.text


def test_relabel_a_suggestion_accepts_it_with_the_new_label() -> None:
    repo = repo_with_suggestions(("Palazzo Chigi", "LOC"))
    sugg = suggestion(repo, "Palazzo Chigi")
    run(repo, commands.relabel(text=TEXT, span=sugg, label="ORG", layer=ANNA, annotator=ANNA, doc_status=DOC_NEW))
    (decision,) = repo.layer(ANNA)
    assert (decision.source_id, decision.status, decision.label, decision.origin) == (sugg.id, ACCEPTED, "ORG", MANUAL)
    assert repo.layer(SUGGESTIONS) == [sugg]  # the shared suggestion itself is untouched


def test_relabel_an_accepted_suggestion_makes_it_manual() -> None:
    repo = repo_with_suggestions(("Palazzo Chigi", "LOC"))
    run(repo, commands.accept(text=TEXT, span=suggestion(repo, "Palazzo Chigi"), layer=ANNA, annotator=ANNA,
                              doc_status=DOC_NEW))
    (accepted,) = repo.layer(ANNA)
    run(repo, commands.relabel(text=TEXT, span=accepted, label="ORG", layer=ANNA, annotator=ANNA,
                               doc_status=repo.doc_status()))
    assert view(repo) == [("Palazzo Chigi", "ORG", ACCEPTED, MANUAL)]
    assert repo.layer(ANNA)[0].source_id == accepted.source_id


def test_relabel_to_the_same_label_does_nothing() -> None:
    repo = FakeRepo()
    run(repo, label(repo, "Roma", "LOC"))
    (span,) = repo.layer(ANNA)
    assert commands.relabel(text=TEXT, span=span, label="LOC", layer=ANNA, annotator=ANNA,
                            doc_status=repo.doc_status()).is_empty()


def test_delete_a_manual_span_removes_it() -> None:
    repo = FakeRepo()
    run(repo, label(repo, "Roma", "LOC"))
    (span,) = repo.layer(ANNA)
    run(repo, commands.delete(text=TEXT, span=span, layer=ANNA, annotator=ANNA, doc_status=repo.doc_status()))
    assert repo.layer(ANNA) == [] and view(repo) == []


def test_delete_a_suggestion_records_a_rejection() -> None:
    repo = repo_with_suggestions(("Roma", "LOC"))
    sugg = suggestion(repo, "Roma")
    cmd = run(repo, commands.delete(text=TEXT, span=sugg, layer=ANNA, annotator=ANNA, doc_status=DOC_NEW))
    assert [(s.status, s.source_id) for s in repo.layer(ANNA)] == [(REJECTED, sugg.id)]
    assert view(repo) == []
    assert cmd.text.startswith("Reject")


def test_delete_an_accepted_suggestion_turns_it_into_a_rejection() -> None:
    repo = repo_with_suggestions(("Roma", "LOC"))
    run(repo, commands.accept(text=TEXT, span=suggestion(repo, "Roma"), layer=ANNA, annotator=ANNA, doc_status=DOC_NEW))
    (accepted,) = repo.layer(ANNA)
    run(repo, commands.delete(text=TEXT, span=accepted, layer=ANNA, annotator=ANNA, doc_status=repo.doc_status()))
    assert [(s.id, s.status) for s in repo.layer(ANNA)] == [(accepted.id, REJECTED)]
    assert view(repo) == []  # and the suggestion does not come back


def test_accept_a_suggestion() -> None:
    repo = repo_with_suggestions(("Giorgia Meloni", "PER"), ("Roma", "LOC"))
    sugg = suggestion(repo, "Giorgia Meloni")
    run(repo, commands.accept(text=TEXT, span=sugg, layer=ANNA, annotator=ANNA, doc_status=DOC_NEW))
    (decision,) = repo.layer(ANNA)
    assert (decision.source_id, decision.status, decision.origin, decision.label) == (sugg.id, ACCEPTED, MODEL, "PER")
    assert view(repo) == [("Giorgia Meloni", "PER", ACCEPTED, MODEL), ("Roma", "LOC", SUGGESTED, MODEL)]


def test_accept_something_that_is_not_a_suggestion_does_nothing() -> None:
    repo = FakeRepo()
    run(repo, label(repo, "Roma", "LOC"))
    (span,) = repo.layer(ANNA)
    assert commands.accept(text=TEXT, span=span, layer=ANNA, annotator=ANNA, doc_status=DOC_IN_PROGRESS).is_empty()


# --- accept_all -------------------------------------------------------------------------------


def accept_all(repo: FakeRepo) -> Command:
    return commands.accept_all(visible=repo.visible(), doc_id=DOC, layer=ANNA, annotator=ANNA,
                               doc_status=repo.doc_status())


def test_accept_all_where_suggestions_overlap_the_first_and_longest_wins() -> None:
    repo = repo_with_suggestions(
        ("Rossi", "PER"), ("Mario", "PER"), ("Mario Rossi", "PER"), ("Palazzo Chigi", "ORG"), ("Chigi, Roma", "LOC"),
        ("Roma", "LOC"),
    )
    cmd = run(repo, accept_all(repo))
    assert "6" in cmd.text
    assert view(repo) == [("Mario Rossi", "PER", ACCEPTED, MODEL), ("Palazzo Chigi", "ORG", ACCEPTED, MODEL),
                          ("Roma", "LOC", ACCEPTED, MODEL)]
    rejected = sorted(TEXT[s.start : s.end] for s in repo.layer(ANNA) if s.status == REJECTED)
    assert rejected == ["Chigi, Roma", "Mario", "Rossi"]


def test_accept_all_leaves_the_annotators_spans_alone() -> None:
    repo = repo_with_suggestions(("Giorgia Meloni", "PER"), ("Roma", "LOC"))
    run(repo, label(repo, "Giorgia", "PER"))  # rejects the overlapping suggestion
    run(repo, accept_all(repo))
    assert view(repo) == [("Giorgia", "PER", ACCEPTED, MANUAL), ("Roma", "LOC", ACCEPTED, MODEL)]


def test_accept_all_with_nothing_pending_is_empty() -> None:
    repo = FakeRepo()
    cmd = accept_all(repo)
    assert cmd.is_empty()
    cmd.apply(repo)
    assert repo.doc_status() == DOC_NEW


# --- document status --------------------------------------------------------------------------


def test_first_edit_moves_a_new_document_in_progress_and_undo_moves_it_back() -> None:
    repo = FakeRepo()
    cmd = label(repo, "Roma", "LOC")
    cmd.apply(repo)
    assert repo.doc_status() == DOC_IN_PROGRESS
    cmd.revert(repo)
    assert repo.doc_status() == DOC_NEW
    cmd.apply(repo)
    second = label(repo, "Mario Rossi", "PER")
    assert second.status_change is None  # already in progress
    second.apply(repo)
    second.revert(repo)
    assert repo.doc_status() == DOC_IN_PROGRESS


def test_editing_a_done_document_keeps_it_done() -> None:
    repo = FakeRepo()
    run(repo, commands.set_status(doc_id=DOC, annotator=ANNA, before=DOC_NEW, after=DOC_DONE))
    assert repo.doc_status() == DOC_DONE
    run(repo, label(repo, "Roma", "LOC"))
    assert repo.doc_status() == DOC_DONE


def test_set_status() -> None:
    repo = FakeRepo()
    cmd = run(repo, commands.set_status(doc_id=DOC, annotator=ANNA, before=DOC_NEW, after=DOC_DONE))
    assert "done" in cmd.text
    assert repo.doc_status() == DOC_DONE
    cmd.revert(repo)
    assert repo.doc_status() == DOC_NEW
    assert commands.set_status(doc_id=DOC, annotator=ANNA, before=DOC_DONE, after=DOC_DONE).is_empty()


# --- apply / revert in general ----------------------------------------------------------------


def test_revert_reinserts_removed_items_with_their_ids() -> None:
    repo = FakeRepo()
    run(repo, label(repo, "Palazzo", "LOC"))
    (old,) = repo.layer(ANNA)
    cmd = label(repo, "Palazzo Chigi", "ORG")
    cmd.apply(repo)
    cmd.revert(repo)
    assert repo.layer(ANNA) == [old]


def test_quotes_and_events_in_a_command_round_trip() -> None:
    repo = FakeRepo()
    quote = Quote(DOC, 0, 11, ANNA, speaker_start=0, speaker_end=5, speaker_label="PER")
    event = Event(DOC, "MEET", ANNA, context=("diplomatic",))
    cmd = run(repo, Command("Add quote and event", DOC, ANNA, added=[quote, event]))
    assert [i.id for i in cmd.added] == [1, 1]
    moved = cmd.added[0].with_(kind="partial")
    run(repo, Command("Edit quote", DOC, ANNA, updated=[(cmd.added[0], moved)]))
    assert repo.items["Quote"][1].kind == "partial"
    run(repo, Command("Remove event", DOC, ANNA, removed=[cmd.added[1]]))
    assert repo.items["Event"] == {}


def test_undo_of_a_sequence_in_reverse_order_restores_the_start() -> None:
    repo = repo_with_suggestions(("Mario Rossi", "PER"), ("Roma", "LOC"), ("Palazzo Chigi", "LOC"))
    start = repo.state()
    done = []
    for make in (
        lambda: label(repo, "Giorgia Meloni", "PER"),
        lambda: accept_all(repo),
        lambda: label(repo, "Chigi, Roma", "LOC"),
        lambda: commands.set_status(doc_id=DOC, annotator=ANNA, before=repo.doc_status(), after=DOC_DONE),
    ):
        cmd = make()
        cmd.apply(repo)
        done.append(cmd)
    assert repo.doc_status() == DOC_DONE
    for cmd in reversed(done):
        cmd.revert(repo)
    assert repo.state() == start


# --- random edit sequences --------------------------------------------------------------------

WORDS = [(m.start(), m.end()) for m in re.finditer(r"\w+", TEXT)]
OPS = st.lists(
    st.tuples(
        st.sampled_from(["label", "relabel", "delete", "accept", "accept_all", "done"]),
        st.integers(0, len(WORDS) - 1),
        st.integers(0, 2),
        st.sampled_from(["PER", "ORG", "LOC"]),
    ),
    max_size=12,
)


def build(repo: FakeRepo, op: tuple[str, int, int, str]) -> Command | None:
    kind, word, extra, name = op
    start, end = WORDS[word][0], WORDS[min(len(WORDS) - 1, word + extra)][1]
    visible = repo.visible()
    common = dict(layer=ANNA, annotator=ANNA, doc_status=repo.doc_status())
    if kind == "label":
        return commands.label_range(text=TEXT, visible=visible, doc_id=DOC, start=start, end=end, label=name, **common)
    if kind == "accept_all":
        return commands.accept_all(visible=visible, doc_id=DOC, **common)
    if kind == "done":
        return commands.set_status(doc_id=DOC, annotator=ANNA, before=repo.doc_status(), after=DOC_DONE)
    if not visible:
        return None
    span = visible[word % len(visible)]
    if kind == "relabel":
        return commands.relabel(text=TEXT, span=span, label=name, **common)
    if kind == "delete":
        return commands.delete(text=TEXT, span=span, **common)
    return commands.accept(text=TEXT, span=span, **common)


@settings(max_examples=100, deadline=None)
@given(OPS, st.lists(st.tuples(st.integers(0, len(WORDS) - 1), st.integers(0, 2)), max_size=6))
def test_random_edit_sequences_undo_exactly_and_never_overlap(ops, suggested) -> None:
    repo = FakeRepo()
    for word, extra in suggested:
        start, end = WORDS[word][0], WORDS[min(len(WORDS) - 1, word + extra)][1]
        repo.insert(Span(DOC, start, end, "PER", SUGGESTIONS, MODEL, SUGGESTED, MODEL))
    history = [repo.state()]
    done = []
    for op in ops:
        cmd = build(repo, op)
        if cmd is None:
            continue
        run(repo, cmd)
        done.append(cmd)
        history.append(repo.state())
        mine = [s for s in repo.layer(ANNA) if s.status == ACCEPTED]
        for a, b in zip(mine, mine[1:]):
            assert a.end <= b.start, f"overlapping spans in the layer after {cmd.text}: {a} {b}"
        decided = [s.source_id for s in repo.layer(ANNA) if s.source_id is not None]
        assert len(decided) == len(set(decided)), f"two decisions on one suggestion after {cmd.text}"
    for cmd in reversed(done):
        history.pop()
        cmd.revert(repo)
        assert repo.state() == history[-1]


def test_a_failing_repository_call_propagates() -> None:
    class Broken(FakeRepo):
        def set_doc_status(self, doc_id: int, annotator: str, status: str) -> None:
            raise RuntimeError("disk full")

    repo = Broken()
    with pytest.raises(RuntimeError, match="disk full"):
        label(repo, "Roma", "LOC").apply(repo)


# --- values (a DATE's "2021-12-17") travel with their label -------------------------------------

DATED = "Il vertice del 17 dicembre a Roma."


def dated_suggestion(repo: FakeRepo) -> Span:
    start = DATED.index("17 dicembre")
    return repo.insert(Span(DOC, start, start + 11, "DATE", SUGGESTIONS, MODEL, SUGGESTED, MODEL, value="2021-12-17"))


def test_accepting_a_date_keeps_its_value() -> None:
    repo = FakeRepo()
    sugg = dated_suggestion(repo)
    run(repo, commands.accept(text=DATED, span=sugg, layer=ANNA, annotator=ANNA, doc_status=DOC_NEW))
    assert [(s.label, s.value, s.status) for s in repo.layer(ANNA)] == [("DATE", "2021-12-17", ACCEPTED)]
    every = FakeRepo()
    dated_suggestion(every)
    run(every, commands.accept_all(visible=every.visible(), doc_id=DOC, layer=ANNA, annotator=ANNA,
                                   doc_status=DOC_NEW))
    assert [(s.label, s.value, s.status) for s in every.layer(ANNA)] == [("DATE", "2021-12-17", ACCEPTED)]
    # labelling exactly the suggested range with its label is also an acceptance, value included
    other = FakeRepo()
    dated_suggestion(other)
    run(other, commands.label_range(text=DATED, visible=other.visible(), doc_id=DOC, start=sugg.start,
                                    end=sugg.end, label="DATE", layer=ANNA, annotator=ANNA, doc_status=DOC_NEW))
    assert [(s.label, s.value) for s in other.layer(ANNA)] == [("DATE", "2021-12-17")]


def test_another_label_drops_the_value() -> None:
    repo = FakeRepo()
    sugg = dated_suggestion(repo)
    run(repo, commands.relabel(text=DATED, span=sugg, label="MISC", layer=ANNA, annotator=ANNA, doc_status=DOC_NEW))
    assert [(s.label, s.value) for s in repo.layer(ANNA)] == [("MISC", None)]
    repo = FakeRepo()
    run(repo, commands.accept(text=DATED, span=dated_suggestion(repo), layer=ANNA, annotator=ANNA,
                              doc_status=DOC_NEW))
    (accepted,) = repo.layer(ANNA)
    run(repo, commands.relabel(text=DATED, span=accepted, label="MISC", layer=ANNA, annotator=ANNA,
                               doc_status=repo.doc_status()))
    assert [(s.label, s.value) for s in repo.layer(ANNA)] == [("MISC", None)]
