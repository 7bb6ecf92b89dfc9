"""``annotator agreement``: a small project, its numbers worked out by hand, as JSON and as tables.

Tokens are words and punctuation marks: "Mario Rossi vive a Roma." is Mario, Rossi, vive, a, Roma, ".".
"""

from __future__ import annotations

import json

from annotator.cli.main import main
from annotator.domain.model import (ACCEPTED, DOC_DONE, DOC_IN_PROGRESS, GOLD, REJECTED, SUGGESTED, SUGGESTIONS,
                                    Event, Quote, Span)
from annotator.store.project import NewDocument

ROMA = "Mario Rossi vive a Roma."         # Mario 0-5, Rossi 6-11, vive 12-16, a 17-18, Roma 19-23, . 23-24
MILANO = "Anna Bianchi lavora a Milano."  # Anna 0-4, Bianchi 5-12, lavora 13-19, a 20-21, Milano 22-28, . 28-29
LUCA = "Luca Verdi."                      # Luca 0-4, Verdi 5-10, . 10-11


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def build(project):
    """d1: ann, bob and gold; d2: ann, and bob finished with no span; d3: ann and cat; dan only rejected.
    Every layer is reviewed (done, no suggestion pending): agreement compares only those."""
    (d1, _), (d2, _), (d3, _) = project.add_documents(
        [NewDocument(ROMA, uid="d1"), NewDocument(MILANO, uid="d2"), NewDocument(LUCA, uid="d3")])
    project.import_annotations([
        Span(d1, 0, 11, "PER", "ann"), Span(d1, 19, 23, "LOC", "ann"),   # Mario Rossi, Roma
        Span(d1, 6, 11, "PER", "bob"), Span(d1, 19, 23, "LOC", "bob"),   # Rossi, Roma
        Span(d1, 0, 11, "PER", GOLD), Span(d1, 19, 23, "LOC", GOLD),
        Span(d2, 0, 12, "PER", "ann"),                                   # Anna Bianchi
        Span(d3, 0, 4, "PER", "ann"), Span(d3, 0, 4, "PER", "cat"),      # Luca
    ], action="import", annotator="tester")
    # left out: a suggestion (which ann and bob rejected), and a rejected row (dan has nothing else anywhere)
    suggestion = project.insert(Span(d1, 12, 16, "PER", SUGGESTIONS, "rules", SUGGESTED, "rules"))
    for who in ("ann", "bob"):
        project.insert(Span(d1, 12, 16, "PER", who, "rules", REJECTED, who, source_id=suggestion.id))
    project.insert(Span(d2, 22, 28, "LOC", "dan", status=REJECTED))
    # a quotation and an event on d1, for ann and bob
    project.insert(Quote(d1, 12, 23, "ann", speaker_start=0, speaker_end=11))
    project.insert(Quote(d1, 12, 23, "bob", speaker_start=6, speaker_end=11))
    project.insert(Event(d1, "RESIDENCE", "ann", trigger_start=12, trigger_end=16))
    project.insert(Event(d1, "MOVE", "bob", trigger_start=12, trigger_end=16))
    for doc_id in (d1, d2, d3):
        project.set_doc_status(doc_id, "ann", DOC_DONE)
    project.set_doc_status(d1, "bob", DOC_DONE)
    project.set_doc_status(d2, "bob", DOC_DONE)  # finished with no span: an empty layer that takes part
    project.set_doc_status(d3, "cat", DOC_DONE)
    return project.path


def test_only_reviewed_articles_are_compared_and_the_skipped_ones_are_named(capsys, project):
    path = build(project)
    project.set_doc_status(3, "cat", DOC_IN_PROGRESS)  # cat's only article: not done
    project.insert(Span(2, 22, 28, "LOC", SUGGESTIONS, "rules", SUGGESTED, "rules"))  # Milano, pending for ann
    code, out, err = run(capsys, "--project", path, "agreement", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["annotators"] == ["ann", "bob"]  # cat reviewed nothing
    assert data["skipped"] == {"ann": {"not_done": 0, "pending_suggestions": 1},
                               "bob": {"not_done": 0, "pending_suggestions": 1},
                               "cat": {"not_done": 1, "pending_suggestions": 0}}
    [pair] = data["entities"]["pairs"]
    assert pair["documents"] == 1  # d1 only: on d2 the new suggestion is pending for both
    assert "agreement: ann: skipped 1 article marked done with suggestions still pending" in err
    assert "agreement: cat: skipped 1 article not marked done" in err


def test_json_report_by_hand(capsys, project):
    path = build(project)
    code, out, err = run(capsys, "--project", path, "agreement", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["annotators"] == ["ann", "bob", "cat"]  # no gold, no suggestions, no dan (only rejected)
    ents = data["entities"]
    pairs = {(p["a"], p["b"]): p for p in ents["pairs"]}
    assert list(pairs) == [("ann", "bob"), ("ann", "cat"), ("bob", "cat")]

    ab = pairs["ann", "bob"]
    assert ab["documents"] == 2  # d1 and d2 (bob's empty finished layer)
    # exact: ann {d1 0-11 PER, d1 19-23 LOC, d2 0-12 PER}, bob {d1 6-11 PER, d1 19-23 LOC}: 1 shared
    # P = 1/2, R = 1/3 -> F1 = 2 * (1/2) * (1/3) / (1/2 + 1/3) = 2/5
    assert ab["f1"] == round(2 * (1 / 2) * (1 / 3) / (1 / 2 + 1 / 3), 4) == 0.4
    # overlap: ann's d1 PER and LOC matched, d2 PER not -> R = 2/3; bob's both -> P = 1
    # F1 = 2 * 1 * (2/3) / (1 + 2/3) = 4/5
    assert ab["f1_overlap"] == round(2 * 1 * (2 / 3) / (1 + 2 / 3), 4) == 0.8
    # PER: ann 2, bob 1, none shared -> 0; LOC: 1, 1, 1 shared -> 1
    assert ab["per_label"] == {"LOC": 1.0, "PER": 0.0}
    # tokens: d1 ann PER PER O O LOC O / bob O PER O O LOC O (5 of 6 agree)
    #         d2 ann PER PER O O O O   / bob O O O O O O     (4 of 6 agree)
    # observed 9/12; ann PER 4, O 7, LOC 1; bob PER 1, O 10, LOC 1
    # expected (4*1 + 7*10 + 1*1)/144 = 75/144; kappa = (108/144 - 75/144) / (69/144) = 33/69
    assert ab["kappa"] == round(33 / 69, 4) == 0.4783

    ac = pairs["ann", "cat"]
    assert ac["documents"] == 1  # d3
    assert ac["f1"] == 1.0 and ac["f1_overlap"] == 1.0 and ac["per_label"] == {"PER": 1.0}
    # PER O O on both: observed 1, expected (1*1 + 2*2)/9 = 5/9 -> kappa 1
    assert ac["kappa"] == 1.0

    bc = pairs["bob", "cat"]
    assert bc["documents"] == 0
    assert bc["f1"] is None and bc["f1_overlap"] is None and bc["kappa"] is None and bc["per_label"] == {}

    # alpha over d1, d2 (ann, bob) and d3 (ann, cat), 15 units of two values:
    #   agreeing: PER (d1 Rossi, d3 Luca) -> o_PP = 4; O (d1: 3, d2: 4, d3: 2) -> o_OO = 18; LOC (d1) -> o_LL = 2
    #   disagreeing PER/O: d1 Mario, d2 Anna, d2 Bianchi -> o_PO = o_OP = 3
    #   n_PER = 7, n_O = 21, n_LOC = 2, n = 30
    #   D_o = 6/30; D_e = (30^2 - (49 + 441 + 4)) / (30 * 29) = 406/870
    #   alpha = 1 - (6/30) / (406/870) = 1 - 174/406 = 4/7
    assert ents["alpha"] == round(1 - (6 / 30) / (406 / 870), 4) == 0.5714

    # per document: d2 0 (1 vs 0), d1 1/2 (2 vs 2, 1 shared), d3 1
    assert ents["documents"] == [
        {"id": "d2", "annotators": ["ann", "bob"], "f1": 0.0, "spans": {"ann": 1, "bob": 0}},
        {"id": "d1", "annotators": ["ann", "bob"], "f1": 0.5, "spans": {"ann": 2, "bob": 2}},
        {"id": "d3", "annotators": ["ann", "cat"], "f1": 1.0, "spans": {"ann": 1, "cat": 1}},
    ]

    quotes = {(p["a"], p["b"]): p for p in data["quotes"]["pairs"]}
    # one quotation each on d1, same range; speakers "Mario Rossi" (0-11) and "Rossi" (6-11) overlap
    assert quotes["ann", "bob"]["f1"] == 1.0 and quotes["ann", "bob"]["speaker"] == 1.0
    assert quotes["ann", "bob"]["matched"] == 1
    assert quotes["ann", "cat"]["f1"] is None and quotes["ann", "cat"]["speaker"] is None
    events = {(p["a"], p["b"]): p for p in data["events"]["pairs"]}
    # one event each on d1, the same trigger "vive", RESIDENCE vs MOVE
    assert events["ann", "bob"]["f1"] == 1.0 and events["ann", "bob"]["type_agreement"] == 0.0
    assert events["ann", "bob"]["matched"] == 1
    assert events["bob", "cat"]["f1"] is None and events["bob", "cat"]["type_agreement"] is None


def test_annotators_narrow_the_comparison(capsys, project):
    path = build(project)
    code, out, err = run(capsys, "--project", path, "agreement", "--annotators", "ann", "bob", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["annotators"] == ["ann", "bob"]
    assert [(p["a"], p["b"]) for p in data["entities"]["pairs"]] == [("ann", "bob")]
    assert data["entities"]["pairs"][0]["f1"] == 0.4
    # d3 has only ann now: 12 units of d1 and d2
    #   o_PP = 2 (Rossi), o_OO = 14 (d1: 3, d2: 4), o_LL = 2, o_PO = o_OP = 3
    #   n_PER = 5, n_O = 17, n_LOC = 2, n = 24
    #   D_o = 6/24; D_e = (24^2 - (25 + 289 + 4)) / (24 * 23) = 258/552
    #   alpha = 1 - (6/24) / (258/552) = 1 - 138/258 = 20/43
    assert data["entities"]["alpha"] == round(1 - (6 / 24) / (258 / 552), 4) == 0.4651
    assert [d["id"] for d in data["entities"]["documents"]] == ["d2", "d1"]
    assert [(p["a"], p["b"]) for p in data["quotes"]["pairs"]] == [("ann", "bob")]
    assert [(p["a"], p["b"]) for p in data["events"]["pairs"]] == [("ann", "bob")]


def test_gold_can_be_named(capsys, project):
    path = build(project)
    code, out, err = run(capsys, "--project", path, "agreement", "--annotators", "ann", "gold", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["annotators"] == ["ann", "gold"]
    pair = data["entities"]["pairs"][0]
    assert (pair["a"], pair["b"], pair["documents"]) == ("ann", "gold", 1)  # gold is on d1 only
    # the same two spans: F1 1; tokens PER PER O O LOC O on both: kappa 1
    assert pair["f1"] == 1.0 and pair["f1_overlap"] == 1.0 and pair["kappa"] == 1.0
    assert pair["per_label"] == {"LOC": 1.0, "PER": 1.0}
    # six agreeing units, three values: D_o = 0 -> alpha 1
    assert data["entities"]["alpha"] == 1.0
    assert data["entities"]["documents"] == [
        {"id": "d1", "annotators": ["ann", "gold"], "f1": 1.0, "spans": {"ann": 2, "gold": 2}}]
    # ann's quotation and event have no counterpart in gold: 1 vs 0 -> F1 0, nothing matched
    quotes, events = data["quotes"]["pairs"][0], data["events"]["pairs"][0]
    assert quotes["f1"] == 0.0 and quotes["speaker"] is None and quotes["matched"] == 0
    assert events["f1"] == 0.0 and events["type_agreement"] is None and events["matched"] == 0


def test_one_annotator_is_a_usage_error_that_says_what_to_do(capsys, project):
    (d1, _), = project.add_documents([NewDocument(ROMA, uid="d1")])
    project.insert(Span(d1, 0, 11, "PER", "ann"))
    project.insert(Span(d1, 0, 11, "PER", GOLD))
    project.set_doc_status(d1, "ann", DOC_DONE)
    code, out, err = run(capsys, "--project", project.path, "agreement", "--format", "json")
    assert code == 2
    assert out == ""
    assert "at least two annotators" in err and "found: ann" in err
    assert "import or merge their work first" in err


def test_no_annotator_at_all(capsys, project):
    project.add_documents([NewDocument(ROMA, uid="d1")])
    code, _, err = run(capsys, "--project", project.path, "agreement")
    assert code == 2
    assert "at least two annotators" in err and "found: none" in err


def test_a_finished_document_without_spans_takes_part(capsys, project):
    (d1, _), = project.add_documents([NewDocument(ROMA, uid="d1")])
    project.insert(Span(d1, 0, 11, "PER", "ann", status=ACCEPTED))
    project.set_doc_status(d1, "ann", DOC_DONE)
    code, _, err = run(capsys, "--project", project.path, "agreement")
    assert code == 2 and "found: ann" in err  # bob has not started: he does not count
    project.set_doc_status(d1, "bob", DOC_DONE)
    code, out, err = run(capsys, "--project", project.path, "agreement", "--format", "json")
    assert code == 0, err
    pair = json.loads(out)["entities"]["pairs"][0]
    # 1 vs 0: F1 0, not None; tokens PER PER O O O O / O x6: observed 4/6, expected 24/36 -> kappa 0
    assert (pair["a"], pair["b"], pair["documents"]) == ("ann", "bob", 1)
    assert pair["f1"] == 0.0 and pair["f1_overlap"] == 0.0 and pair["kappa"] == 0.0
    assert pair["per_label"] == {"PER": 0.0}


def test_table_names_the_pairs_and_alpha(capsys, project):
    path = build(project)
    code, out, err = run(capsys, "--project", path, "agreement")
    assert code == 0, err
    lines = out.splitlines()
    # entity pairs: a, b, documents, F1 exact, F1 overlap, kappa (values of test_json_report_by_hand)
    assert any(line.split() == ["ann", "bob", "2", "0.400", "0.800", "0.478"] for line in lines), out
    assert any(line.split() == ["ann", "cat", "1", "1.000", "1.000", "1.000"] for line in lines), out
    assert any(line.split() == ["bob", "cat", "0", "—", "—", "—"] for line in lines), out
    assert "Krippendorff's alpha (token labels, all annotators): 0.571" in out
    # the documents agreed on least, hardest first
    rows = [line.split()[0] for line in lines if line.split()[:1] in (["d1"], ["d2"], ["d3"])]
    assert rows == ["d2", "d1", "d3"]
