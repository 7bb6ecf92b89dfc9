"""Two annotators and a reviewer at work at once, each in their own thread with their own Project
(their own session, as three apps would be): the annotators edit the same articles at the same
moments, the reviewer reads and adjudicates while they do. No write is lost, nobody waits on anybody
for long (barriers with a generous timeout catch a hang), and each sees what their role may."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier
from typing import Any

from annotator.domain import commands
from annotator.domain.model import (ACCEPTED, DOC_ADJUDICATED, DOC_DONE, DOC_IN_PROGRESS, DOC_IN_REVIEW, GOLD, SUGGESTED,
                                    SUGGESTIONS, Span)
from annotator.services.adjudication import adjudicate_auto
from annotator.store import NewDocument
from team_helpers import TEXT, Team, label

ARTICLES = 6
MODEL = "gazetteer"


def prepared(team: Team) -> list[int]:
    """As the owner: the articles and the pipeline's suggestions (Mario Rossi PER, Roma LOC)."""
    owner = team.open(team.owner)
    docs = [doc for doc, _ in owner.add_documents(NewDocument(f"{TEXT} Articolo {i}.", {}) for i in range(ARTICLES))]
    owner.replace_suggestions(
        [(doc, [Span(doc, TEXT.index(f), TEXT.index(f) + len(f), lab, SUGGESTIONS, MODEL, SUGGESTED, MODEL)
                for f, lab in (("Mario Rossi", "PER"), ("Roma", "LOC"))]) for doc in docs],
        origin=MODEL, action="Pre-annotate")
    return docs


def annotated(project: Any, doc: int, layer: str) -> list[tuple[str, str]]:
    text = project.document(doc).text
    return sorted((text[s.start:s.end], s.label) for s in project.spans(doc, layer) if s.status == ACCEPTED)


def test_two_annotators_and_a_reviewer_at_once(team: Team) -> None:
    docs = prepared(team)
    start, done = Barrier(3, timeout=60), Barrier(3, timeout=60)
    edits = {team.anna: 0, team.bruno: 0}

    def annotator(me: str) -> None:
        project = team.open(me)
        for i, doc in enumerate(docs):
            start.wait()
            project.apply(commands.accept_all(visible=project.visible_spans(doc, me), doc_id=doc, layer=me,
                                              annotator=me, doc_status=project.doc_status(doc, me)))
            label(project, doc, "Giorgia Meloni", "PER")
            label(project, doc, "Palazzo Chigi", "ORG" if me == team.bruno and i == 0 else "LOC")
            project.apply(commands.set_status(doc_id=doc, annotator=me, before=project.doc_status(doc, me),
                                              after=DOC_DONE))
            edits[me] += 4
            # blind: her own layer and the suggestions, nothing of the other annotator's or gold
            assert project.layers(doc) == [me]
            assert [s.status for s in project.visible_spans(doc, me)] == [ACCEPTED] * 4
            assert project.spans(doc, GOLD) == []
            done.wait()

    def reviewer() -> None:
        project = team.open(team.rita)
        for i, doc in enumerate(docs):
            start.wait()
            # while they edit this article: read everything, put what they agreed on before into gold
            assert set(project.layers(doc)) <= {team.anna, team.bruno, GOLD}
            project.stats()
            if i:
                adjudicate_auto(project)
            done.wait()
            # once they are done with it, every edit of both is there for her to see
            assert annotated(project, doc, team.anna) == annotated(project, doc, team.bruno) or i == 0
            assert project.doc_status(doc, team.anna) == project.doc_status(doc, team.bruno) == DOC_DONE
        adjudicate_auto(project)  # the last article too
        project.apply(commands.set_status(doc_id=docs[1], annotator=GOLD, before=project.doc_status(docs[1], GOLD),
                                          after=DOC_ADJUDICATED))
        with project.transaction():  # a reviewer sends an article back to an annotator
            project.set_doc_status(docs[2], team.anna, DOC_IN_PROGRESS)

    with ThreadPoolExecutor(3) as pool:
        futures = [pool.submit(annotator, team.anna), pool.submit(annotator, team.bruno), pool.submit(reviewer)]
        for future in futures:
            try:
                future.result(timeout=300)
            except BaseException:
                start.abort()
                done.abort()
                raise

    owner = team.open(team.owner)
    agreed = [("Giorgia Meloni", "PER"), ("Mario Rossi", "PER"), ("Roma", "LOC")]
    for i, doc in enumerate(docs):
        assert annotated(owner, doc, team.anna) == sorted([*agreed, ("Palazzo Chigi", "LOC")])
        assert annotated(owner, doc, team.bruno) == sorted([*agreed, ("Palazzo Chigi", "ORG" if i == 0 else "LOC")])
        # gold holds what both said alike, once
        assert annotated(owner, doc, GOLD) == sorted(agreed if i == 0 else [*agreed, ("Palazzo Chigi", "LOC")])
        assert owner.doc_status(doc, team.bruno) == DOC_DONE
        assert owner.doc_status(doc, team.anna) == (DOC_IN_PROGRESS if i == 2 else DOC_DONE)
        assert owner.doc_status(doc, GOLD) == (DOC_ADJUDICATED if i == 1 else DOC_IN_REVIEW)
    history = owner.history(limit=1000)
    for me in (team.anna, team.bruno):
        assert sum(1 for h in history if h["annotator"] == me) == edits[me] == 4 * ARTICLES
    assert any(h["annotator"] == GOLD and h["direction"] == "batch" for h in history)

    # afterwards, each still sees what they may
    anna, rita = team.open(team.anna), team.open(team.rita)
    for doc in docs:
        assert anna.layers(doc) == [team.anna]
        assert anna.doc_status(doc, team.bruno) == "new"  # blind: bruno's status is not hers to see
        assert rita.layers(doc) == sorted([team.anna, team.bruno, GOLD])
    assert anna.doc_status(docs[2], team.anna) == DOC_IN_PROGRESS  # the reviewer's word reached her
    assert sorted(anna.stats()["status"]) == [team.anna]
    assert sorted(rita.stats()["status"]) == sorted([team.anna, team.bruno, GOLD])


def test_a_reviewer_adjudicates_from_the_command_line(team: Team, capsys) -> None:
    from annotator.cli.main import main

    docs = prepared(team)
    for me in (team.anna, team.bruno):
        project = team.open(me)
        for doc in docs[:2]:
            project.apply(commands.accept_all(visible=project.visible_spans(doc, me), doc_id=doc, layer=me,
                                              annotator=me, doc_status=project.doc_status(doc, me)))
    assert main(["--project", team.url(team.rita), "adjudicate", "--auto"]) == 0
    assert capsys.readouterr().out.startswith("Gold layer: 4 entities, 0 quotations and 0 events added in 2 documents")
    owner = team.open(team.owner)
    assert annotated(owner, docs[0], GOLD) == [("Mario Rossi", "PER"), ("Roma", "LOC")]
    # an annotator in a blind project sees no one to agree with: nothing goes to gold
    before = annotated(owner, docs[1], GOLD)
    assert main(["--project", team.url(team.anna), "adjudicate", "--auto"]) == 0
    assert capsys.readouterr().out.startswith("Gold layer: 0 entities, 0 quotations and 0 events added in 0 documents")
    assert annotated(owner, docs[1], GOLD) == before
