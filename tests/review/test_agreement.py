"""Agreement between annotators, checked against numbers worked out by hand on tiny cases.

Every expected value below is computed in the test from counts written out in comments; nothing
is taken from the code under test or from a statistics library.

Tokens are words and punctuation marks (``\\w+`` runs and single non-space, non-word characters),
so "Mario Rossi vive a Roma." has six tokens: Mario, Rossi, vive, a, Roma and ".".
"""

from __future__ import annotations

import pytest

from annotator.domain.model import Event, Quote, Span
from annotator.review.agreement import DocumentLayers, agreement, cohen_kappa, krippendorff_alpha, token_labels

# "Mario Rossi vive a Roma."
#  Mario 0-5, Rossi 6-11, vive 12-16, a 17-18, Roma 19-23, "." 23-24
ROMA = "Mario Rossi vive a Roma."
# "Anna Bianchi lavora a Milano."
#  Anna 0-4, Bianchi 5-12, lavora 13-19, a 20-21, Milano 22-28, "." 28-29
MILANO = "Anna Bianchi lavora a Milano."


def sp(start: int, end: int, label: str, layer: str = "x") -> Span:
    return Span(1, start, end, label, layer)


def doc(uid: str, text: str, **spans: list[Span]) -> DocumentLayers:
    return DocumentLayers(uid, text, spans)


def only_pair(report):
    assert len(report.entity_pairs) == 1
    return report.entity_pairs[0]


# --- token labels -------------------------------------------------------------------------------------


def test_token_labels_are_words_and_punctuation():
    # six tokens: Mario Rossi vive a Roma .
    assert token_labels(ROMA, []) == ["O"] * 6
    assert token_labels(ROMA, [sp(0, 11, "PER"), sp(19, 23, "LOC")]) == ["PER", "PER", "O", "O", "LOC", "O"]
    # an apostrophe is a token of its own: l ' Italia  (3 tokens), plus the comma and the full stop
    text = "Roma, l'Italia."
    # Roma 0-4, "," 4-5, l 6-7, "'" 7-8, Italia 8-14, "." 14-15
    assert token_labels(text, [sp(8, 14, "LOC")]) == ["O", "O", "O", "O", "LOC", "O"]


def test_a_token_takes_the_label_of_the_span_covering_its_first_character():
    # the span starts inside "Mario" (at 2): Mario's first character (0) is outside, Rossi's (6) inside
    assert token_labels(ROMA, [sp(2, 11, "PER")]) == ["O", "PER", "O", "O", "O", "O"]
    # a span ending inside "Rossi" (at 8) still covers Rossi's first character (6)
    assert token_labels(ROMA, [sp(0, 8, "PER")]) == ["PER", "PER", "O", "O", "O", "O"]


# --- Cohen's kappa and Krippendorff's alpha directly ------------------------------------------------


def test_cohen_kappa_by_hand():
    a = ["PER", "PER", "O", "O", "LOC", "O"]
    b = ["O", "PER", "O", "O", "LOC", "O"]
    # observed: 5 of 6 agree; a: PER 2, O 3, LOC 1; b: PER 1, O 4, LOC 1
    # expected = (2*1 + 3*4 + 1*1) / 36 = 15/36; kappa = (5/6 - 15/36) / (1 - 15/36) = 15/21
    assert cohen_kappa(a, b) == pytest.approx((5 / 6 - 15 / 36) / (1 - 15 / 36))
    assert cohen_kappa(a, b) == pytest.approx(5 / 7)
    assert cohen_kappa(a, a) == pytest.approx(1.0)


def test_cohen_kappa_is_none_when_undefined_and_zero_at_chance():
    assert cohen_kappa([], []) is None
    assert cohen_kappa(["O", "O"], ["O"]) is None  # not the same length
    # one and the same label throughout: chance agreement 1, kappa undefined
    assert cohen_kappa(["O"] * 4, ["O"] * 4) is None
    assert cohen_kappa(["PER"] * 3, ["PER"] * 3) is None
    # a: PER O, b: O O -> observed 1/2, expected (1*0 + 1*2)/4 = 1/2 -> kappa 0
    assert cohen_kappa(["PER", "O"], ["O", "O"]) == pytest.approx(0.0)
    # each a single, different label: observed 0, expected 0 -> kappa (0 - 0) / 1 = 0
    assert cohen_kappa(["PER"] * 2, ["O"] * 2) == pytest.approx(0.0)


def test_krippendorff_alpha_three_coders_one_missing_by_hand():
    units = [
        ["PER", "PER", "O"],  # coders 1, 2, 3
        ["O", "O"],           # coder 3 missing
        ["PER", "O", "O"],    # coders 1, 2, 3
        ["PER"],              # a single value: not pairable, left out
    ]
    # coincidences o_ck, each unit adding n_c * (n_k - [c == k]) / (m - 1):
    #   unit 1 (m=3; PER 2, O 1): o_PP += 2*1/2 = 1, o_PO += 2*1/2 = 1, o_OP += 1*2/2 = 1, o_OO += 0
    #   unit 2 (m=2; O 2):        o_OO += 2*1/1 = 2
    #   unit 3 (m=3; PER 1, O 2): o_PP += 0, o_PO += 1*2/2 = 1, o_OP += 1, o_OO += 2*1/2 = 1
    #   o_PP = 1, o_PO = 2, o_OP = 2, o_OO = 3
    # n_PER = 1 + 2 = 3, n_O = 2 + 3 = 5, n = 8
    # D_o = (o_PO + o_OP) / n = 4/8
    # D_e = (n_PER * n_O + n_O * n_PER) / (n (n - 1)) = 30/56
    # alpha = 1 - D_o / D_e = 1 - (4/8) / (30/56) = 1 - 14/15 = 1/15
    assert krippendorff_alpha(units) == pytest.approx(1 - (4 / 8) / (30 / 56))
    assert krippendorff_alpha(units) == pytest.approx(1 / 15)


def test_krippendorff_alpha_is_none_when_undefined():
    assert krippendorff_alpha([]) is None
    assert krippendorff_alpha([["PER"], ["O"]]) is None  # nothing pairable
    assert krippendorff_alpha([["O", "O"], ["O", "O", "O"]]) is None  # a single value throughout
    # perfect agreement on two values: D_o = 0 -> alpha 1
    assert krippendorff_alpha([["PER", "PER"], ["O", "O"]]) == pytest.approx(1.0)


# --- entities ------------------------------------------------------------------------------------------


def test_identical_layers_agree_fully():
    spans = [sp(0, 11, "PER"), sp(19, 23, "LOC")]
    pair = only_pair(agreement([doc("d1", ROMA, ann=spans, bob=list(spans))]))
    assert pair["a"] == "ann" and pair["b"] == "bob" and pair["documents"] == 1
    assert pair["f1"] == 1.0 and pair["f1_overlap"] == 1.0
    assert pair["per_label"] == {"LOC": 1.0, "PER": 1.0}
    # tokens PER PER O O LOC O on both sides: observed 1, expected (2*2 + 3*3 + 1*1)/36 = 14/36,
    # kappa = (1 - 14/36) / (1 - 14/36) = 1
    assert pair["kappa"] == 1.0


def test_identical_layers_with_a_single_label_throughout_have_no_kappa_and_no_alpha():
    # "Mario Rossi": two tokens, both PER for both annotators
    report = agreement([doc("d1", "Mario Rossi", ann=[sp(0, 11, "PER")], bob=[sp(0, 11, "PER")])])
    pair = only_pair(report)
    assert pair["f1"] == 1.0 and pair["f1_overlap"] == 1.0
    assert pair["kappa"] is None  # chance agreement (2*2)/4 = 1
    assert report.alpha is None  # a single value (PER) throughout


def test_identical_alpha_is_one():
    spans = [sp(0, 11, "PER"), sp(19, 23, "LOC")]
    report = agreement([doc("d1", ROMA, ann=spans, bob=list(spans))])
    # o_PP = 2*2 = 4, o_OO = 3*2 = 6, o_LL = 2, nothing off the diagonal: D_o = 0 -> alpha 1
    assert report.alpha == pytest.approx(1.0)


def test_disjoint_spans():
    pair = only_pair(agreement([doc("d1", ROMA, ann=[sp(0, 11, "PER")], bob=[sp(19, 23, "LOC")])]))
    # exact: 1 vs 1, none shared -> P = R = 0 -> F1 0; by overlap the same
    assert pair["f1"] == 0.0 and pair["f1_overlap"] == 0.0
    # PER: gold 1, predicted 0; LOC: gold 0, predicted 1: both 0, neither None
    assert pair["per_label"] == {"LOC": 0.0, "PER": 0.0}
    # ann: PER PER O O O O; bob: O O O O LOC O -> observed 3/6 (tokens 2, 3, 5)
    # ann PER 2, O 4; bob O 5, LOC 1 -> expected (4*5)/36 = 20/36
    # kappa = (1/2 - 20/36) / (1 - 20/36) = (-2/36) / (16/36) = -1/8
    assert pair["kappa"] == round((1 / 2 - 20 / 36) / (1 - 20 / 36), 4) == -0.125


def test_boundary_disagreement_lowers_exact_f1_not_overlap_f1():
    ann = [sp(0, 11, "PER"), sp(19, 23, "LOC")]  # "Mario Rossi", "Roma"
    bob = [sp(6, 11, "PER"), sp(19, 23, "LOC")]  # "Rossi", "Roma"
    pair = only_pair(agreement([doc("d1", ROMA, ann=ann, bob=bob)]))
    # exact: 2 vs 2, 1 shared (Roma) -> P = R = 1/2 -> F1 1/2
    assert pair["f1"] == 0.5
    # overlap: both of ann's overlap a span of bob with the same label, and both of bob's -> 1
    assert pair["f1_overlap"] == 1.0
    assert pair["f1"] < pair["f1_overlap"]
    assert pair["per_label"] == {"LOC": 1.0, "PER": 0.0}
    # ann PER PER O O LOC O, bob O PER O O LOC O: kappa 15/21 (as in test_cohen_kappa_by_hand)
    assert pair["kappa"] == round(15 / 21, 4) == 0.7143


def test_overlap_f1_counts_precision_and_recall_apart():
    # ann: "Mario Rossi"; bob split it in two and added "Roma"
    ann = [sp(0, 11, "PER")]
    bob = [sp(0, 5, "PER"), sp(6, 11, "PER"), sp(19, 23, "LOC")]
    pair = only_pair(agreement([doc("d1", ROMA, ann=ann, bob=bob)]))
    # exact: nothing shared -> 0
    assert pair["f1"] == 0.0
    # overlap: recall 1/1 (ann's span overlaps bob's), precision 2/3 (bob's two PER overlap ann's, LOC not)
    # F1 = 2 * (2/3) * 1 / (2/3 + 1) = 4/5
    assert pair["f1_overlap"] == round(2 * (2 / 3) * 1 / (2 / 3 + 1), 4) == 0.8
    # the same with the roles swapped (names are sorted, so rename them)
    swapped = only_pair(agreement([doc("d1", ROMA, ann=bob, bob=ann)]))
    assert swapped["f1_overlap"] == 0.8 and swapped["f1"] == 0.0


def test_label_disagreement():
    pair = only_pair(agreement([doc("d1", ROMA, ann=[sp(0, 11, "PER")], bob=[sp(0, 11, "ORG")])]))
    # same range, other label: neither exact nor overlap match (the label must be the same)
    assert pair["f1"] == 0.0 and pair["f1_overlap"] == 0.0
    assert pair["per_label"] == {"ORG": 0.0, "PER": 0.0}
    # ann PER PER O O O O, bob ORG ORG O O O O: observed 4/6; expected (PER 2*0 + O 4*4)/36 = 16/36
    # kappa = (24/36 - 16/36) / (20/36) = 8/20
    assert pair["kappa"] == 0.4


def test_per_label_f1_over_two_documents():
    d1 = doc("d1", ROMA, ann=[sp(0, 11, "PER"), sp(19, 23, "LOC")], bob=[sp(0, 11, "PER"), sp(19, 23, "ORG")])
    d2 = doc("d2", MILANO, ann=[sp(0, 12, "PER"), sp(22, 28, "LOC")], bob=[sp(0, 4, "PER"), sp(22, 28, "LOC")])
    report = agreement([d1, d2])
    pair = only_pair(report)
    assert pair["documents"] == 2
    # PER: ann {d1 0-11, d2 0-12}, bob {d1 0-11, d2 0-4}: 2 vs 2, 1 shared -> 1/2
    # LOC: ann {d1 19-23, d2 22-28}, bob {d2 22-28}: P = 1/1, R = 1/2 -> 2 * 1 * (1/2) / (3/2) = 2/3
    # ORG: ann none, bob {d1 19-23}: 0
    assert pair["per_label"] == {"LOC": round(2 * 1 * (1 / 2) / (1 + 1 / 2), 4), "ORG": 0.0, "PER": 0.5}
    assert pair["per_label"]["LOC"] == 0.6667
    # micro: 4 vs 4, 2 shared -> 1/2
    assert pair["f1"] == 0.5
    # overlap: ann's d1 PER, d2 PER, d2 LOC matched (d1 LOC is ORG for bob): 3/4; bob's likewise 3/4
    assert pair["f1_overlap"] == 0.75
    # tokens (12): d1 ann PER PER O O LOC O / bob PER PER O O ORG O; d2 ann PER PER O O LOC O / bob PER O O O LOC O
    # observed 10/12; ann PER 4, O 6, LOC 2; bob PER 3, O 7, ORG 1, LOC 1
    # expected = (4*3 + 6*7 + 2*1) / 144 = 56/144; kappa = (120/144 - 56/144) / (88/144) = 64/88 = 8/11
    assert pair["kappa"] == round(8 / 11, 4) == 0.7273
    # alpha on the same 12 units of two values:
    #   agreeing units: PER 3 (o_PP = 6), O 6 (o_OO = 12), LOC 1 (o_LL = 2)
    #   disagreeing: LOC/ORG (o_L,ORG = o_ORG,L = 1), PER/O (o_PO = o_OP = 1)
    #   n_PER = 7, n_O = 13, n_LOC = 3, n_ORG = 1, n = 24
    #   D_o = 4/24; D_e = (24^2 - (49 + 169 + 9 + 1)) / (24 * 23) = 348/552
    #   alpha = 1 - (4/24) / (348/552) = 1 - 92/348 = 64/87
    assert report.alpha == pytest.approx(1 - (4 / 24) / (348 / 552))
    assert report.as_dict()["entities"]["alpha"] == round(64 / 87, 4) == 0.7356


def test_spans_are_matched_within_their_document():
    # the same offsets in two documents, each annotator marking a different document: no match
    d1 = doc("d1", "Luca dorme.", ann=[sp(0, 4, "PER")], bob=[])
    d2 = doc("d2", "Anna dorme.", ann=[], bob=[sp(0, 4, "PER")])
    pair = only_pair(agreement([d1, d2]))
    # gold 1 (ann's), predicted 1 (bob's), none shared -> 0
    assert pair["f1"] == 0.0 and pair["f1_overlap"] == 0.0
    assert pair["per_label"] == {"PER": 0.0}


def test_an_empty_layer_counts_as_disagreement_when_the_other_has_spans():
    pair = only_pair(agreement([doc("d1", ROMA, ann=[sp(0, 11, "PER")], bob=[])]))
    assert pair["documents"] == 1
    # gold 1, predicted 0 -> P = R = 0 -> F1 0, not None
    assert pair["f1"] == 0.0 and pair["f1_overlap"] == 0.0
    assert pair["per_label"] == {"PER": 0.0}
    # ann PER PER O O O O, bob O x6: observed 4/6, expected (4*6)/36 = 24/36 -> kappa 0
    assert pair["kappa"] == 0.0


def test_both_layers_empty_measure_nothing():
    report = agreement([doc("d1", ROMA, ann=[], bob=[])])
    pair = only_pair(report)
    assert pair["documents"] == 1
    assert pair["f1"] is None and pair["f1_overlap"] is None
    assert pair["per_label"] == {}
    assert pair["kappa"] is None  # "O" throughout
    assert report.alpha is None
    assert report.documents == [{"id": "d1", "annotators": ["ann", "bob"], "f1": None,
                                 "spans": {"ann": 0, "bob": 0}}]


def test_one_annotator_only():
    report = agreement([doc("d1", ROMA, ann=[sp(0, 11, "PER")]), doc("d2", MILANO, ann=[])])
    assert report.annotators == ["ann"]
    assert report.entity_pairs == [] and report.quote_pairs == [] and report.event_pairs == []
    assert report.alpha is None
    assert report.documents == []


def test_two_annotators_on_disjoint_documents():
    report = agreement([doc("d1", ROMA, ann=[sp(0, 11, "PER")]), doc("d2", MILANO, bob=[sp(0, 12, "PER")])])
    assert report.annotators == ["ann", "bob"]
    pair = only_pair(report)
    assert pair["documents"] == 0
    assert pair["f1"] is None and pair["f1_overlap"] is None and pair["kappa"] is None
    assert pair["per_label"] == {}
    assert len(report.quote_pairs) == 1 and len(report.event_pairs) == 1
    quotes, events = report.quote_pairs[0], report.event_pairs[0]
    assert quotes["documents"] == 0 and quotes["f1"] is None and quotes["speaker"] is None and quotes["matched"] == 0
    assert events["documents"] == 0 and events["f1"] is None and events["type_agreement"] is None
    assert events["matched"] == 0
    assert report.alpha is None
    assert report.documents == []


def test_three_annotators_alpha_with_one_missing_and_pairs():
    # X "Mario Rossi" (Mario 0-5, Rossi 6-11): ann PER PER, bob PER O, cat O O (took part, no span)
    # Y "Ciao" (one token): ann O, bob O; cat did not take part
    # Z "Luca" : ann only (one coder: no unit, no row)
    x = doc("X", "Mario Rossi", ann=[sp(0, 11, "PER")], bob=[sp(0, 5, "PER")], cat=[])
    y = doc("Y", "Ciao", ann=[], bob=[])
    z = doc("Z", "Luca", ann=[sp(0, 4, "PER")])
    report = agreement([z, y, x])
    assert report.annotators == ["ann", "bob", "cat"]
    # units: (PER, PER, O), (PER, O, O), (O, O) -- the units of test_krippendorff_alpha_three_coders_one_missing
    # alpha = 1 - (4/8) / (30/56) = 1/15
    assert report.alpha == pytest.approx(1 / 15)
    assert report.as_dict()["entities"]["alpha"] == round(1 / 15, 4) == 0.0667
    pairs = {(p["a"], p["b"]): p for p in report.entity_pairs}
    assert list(pairs) == [("ann", "bob"), ("ann", "cat"), ("bob", "cat")]
    ab, ac, bc = pairs["ann", "bob"], pairs["ann", "cat"], pairs["bob", "cat"]
    assert (ab["documents"], ac["documents"], bc["documents"]) == (2, 1, 1)
    # ann-bob on X and Y: exact 1 vs 1, none shared -> 0; overlap: Mario Rossi / Mario -> 1
    assert ab["f1"] == 0.0 and ab["f1_overlap"] == 1.0
    # tokens ann PER PER O, bob PER O O: observed 2/3; ann PER 2, O 1; bob PER 1, O 2
    # expected (2*1 + 1*2)/9 = 4/9; kappa = (6/9 - 4/9) / (5/9) = 2/5
    assert ab["kappa"] == 0.4
    # ann-cat on X: 1 vs 0 -> 0; tokens PER PER / O O: observed 0, expected 0 -> kappa 0
    assert ac["f1"] == 0.0 and ac["kappa"] == 0.0 and ac["per_label"] == {"PER": 0.0}
    # bob-cat on X: 1 vs 0 -> 0; tokens PER O / O O: observed 1/2, expected (1*2)/4 = 1/2 -> kappa 0
    assert bc["f1"] == 0.0 and bc["kappa"] == 0.0
    # per document: X mean of (0, 0, 0) = 0; Y has no span at all -> None, last; Z has one coder -> no row
    assert report.documents == [
        {"id": "X", "annotators": ["ann", "bob", "cat"], "f1": 0.0, "spans": {"ann": 1, "bob": 1, "cat": 0}},
        {"id": "Y", "annotators": ["ann", "bob"], "f1": None, "spans": {"ann": 0, "bob": 0}},
    ]


def test_naming_annotators_narrows_the_comparison():
    x = doc("X", "Mario Rossi", ann=[sp(0, 11, "PER")], bob=[sp(0, 5, "PER")], cat=[])
    report = agreement([x], ["cat", "ann"])
    assert report.annotators == ["ann", "cat"]
    pair = only_pair(report)
    assert (pair["a"], pair["b"]) == ("ann", "cat")
    # units (PER, O), (PER, O): o_PO = o_OP = 2, n_PER = 2, n_O = 2, n = 4
    # D_o = 4/4 = 1; D_e = (2*2 + 2*2) / (4*3) = 8/12 -> alpha = 1 - 12/8 = -1/2
    assert report.alpha == pytest.approx(1 - 1 / (8 / 12))
    assert report.alpha == pytest.approx(-0.5)
    assert report.documents == [{"id": "X", "annotators": ["ann", "cat"], "f1": 0.0, "spans": {"ann": 1, "cat": 0}}]


def test_hardest_documents_first_ties_by_id():
    half_a = [sp(0, 11, "PER"), sp(19, 23, "LOC")]
    half_b = [sp(0, 11, "PER"), sp(12, 16, "LOC")]  # 2 vs 2, 1 shared -> 1/2
    docs = [
        doc("d2", ROMA, ann=half_a, bob=half_b),                       # 0.5
        doc("d4", MILANO, ann=[], bob=[]),                              # None: last
        doc("d1", ROMA + " ", ann=half_a, bob=half_b),                 # 0.5: ties with d2, comes first by id
        doc("d3", MILANO, ann=[sp(0, 12, "PER")], bob=[sp(22, 28, "LOC")]),  # 0
        doc("d0", "Solo.", ann=[sp(0, 4, "PER")]),                     # one annotator: no row
    ]
    rows = agreement(docs).documents
    assert [(r["id"], r["f1"]) for r in rows] == [("d3", 0.0), ("d1", 0.5), ("d2", 0.5), ("d4", None)]


def test_document_f1_is_the_mean_of_its_pairs():
    # ann and bob agree (1), cat marks nothing: ann-cat 0, bob-cat 0 -> mean (1 + 0 + 0)/3 = 1/3
    x = doc("X", ROMA, ann=[sp(0, 11, "PER")], bob=[sp(0, 11, "PER")], cat=[])
    # ann and bob agree, cat differs in label: ann-cat 0, bob-cat 0 -> (1 + 0 + 0)/3 as well
    # both 1/3: the tie is broken by id, W before X
    w = doc("W", ROMA, ann=[sp(19, 23, "LOC")], bob=[sp(19, 23, "LOC")], cat=[sp(19, 23, "ORG")])
    rows = agreement([x, w]).documents
    assert [(r["id"], r["f1"]) for r in rows] == [("W", round(1 / 3, 4)), ("X", round(1 / 3, 4))]
    assert rows[0]["f1"] == 0.3333


# --- quotations ------------------------------------------------------------------------------------------

QTEXT = ("Rossi: «aaaaaaaaaabbbbbbbbbb». Bianchi: «ccccccccccdddddddddd». «eeeeeeeeee». "
         "Verdi: «ffffffffff». Lo ha ripetuto Mario Rossi.")


def at(sub: str, text: str = QTEXT) -> tuple[int, int]:
    i = text.index(sub)
    return i, i + len(sub)


def quote(rng: tuple[int, int], speaker: tuple[int, int] | None = None) -> Quote:
    if speaker is None:
        return Quote(1, rng[0], rng[1], "x")
    return Quote(1, rng[0], rng[1], "x", speaker_start=speaker[0], speaker_end=speaker[1])


def test_quotations_match_on_half_their_characters():
    q1, q2 = at("aaaaaaaaaabbbbbbbbbb"), at("ccccccccccdddddddddd")  # 20 characters each
    q3, q4 = at("eeeeeeeeee"), at("ffffffffff")
    ann = [
        quote(q1, at("Rossi")),           # speaker "Rossi" (at 0)
        quote(q2, at("Bianchi")),
        quote(q3),                        # no speaker
        quote(q4, at("Verdi")),
    ]
    bob = [
        quote(at("aaaaaaaaaa"), at("Mario Rossi")),  # 10 of q1's 20: exactly half; same last word "Rossi"
        quote(at("ccccccccc")),                      # 9 of q2's 20: less than half; all of its own 9
        quote(q3),                                   # same range, no speaker either
        quote(q4),                                   # same range, no speaker where ann named Verdi
        quote(at("Lo ha ripetuto")),                 # nothing of ann's there
    ]
    report = agreement([DocumentLayers("q", QTEXT, {"ann": [], "bob": []}, {"ann": ann, "bob": bob})])
    pair = report.quote_pairs[0]
    assert (pair["a"], pair["b"], pair["documents"]) == ("ann", "bob", 1)
    # recall: q1 (2*10 >= 20), q3, q4 found; q2 not (2*9 < 20) -> 3/4
    # precision: bob's first (2*10 >= 10), second (2*9 >= 9), third, fourth right; fifth not -> 4/5
    # F1 = 2 * (4/5) * (3/4) / (4/5 + 3/4) = 24/31
    assert pair["f1"] == round(2 * (4 / 5) * (3 / 4) / (4 / 5 + 3 / 4), 4) == 0.7742
    # speakers on the 3 matched: q1 Rossi / Mario Rossi agree, q3 none / none agree, q4 Verdi / none not
    assert pair["matched"] == 3
    assert pair["speaker"] == round(2 / 3, 4) == 0.6667


def test_speaker_agreement_pairs_each_quotation_with_its_most_overlapping_match():
    q = at("aaaaaaaaaabbbbbbbbbb")
    ann = [
        quote(q, at("Verdi")),
        quote(at("eeeeeeeeee")),  # no speaker
    ]
    bob = [
        quote(q, at("Bianchi")),                     # overlaps q by 20: the one compared; another speaker
        quote(at("aaaaaaaaaa"), at("Verdi")),        # overlaps q by 10 only
        quote(at("eeeeeeeeee"), at("Rossi")),        # ann named nobody, bob names Rossi: disagreement
    ]
    pair = agreement([DocumentLayers("q", QTEXT, {"ann": [], "bob": []}, {"ann": ann, "bob": bob})]).quote_pairs[0]
    # recall 2/2, precision 3/3 -> 1
    assert pair["f1"] == 1.0
    assert pair["matched"] == 2
    # q: compared with Bianchi, not Verdi -> no; e: none vs Rossi -> no
    assert pair["speaker"] == 0.0


def test_quotations_of_one_side_only():
    ann = [quote(at("eeeeeeeeee"))]
    pair = agreement([DocumentLayers("q", QTEXT, {"ann": [], "bob": []}, {"ann": ann, "bob": []})]).quote_pairs[0]
    # gold 1, predicted 0: F1 0; nothing matched: speaker None
    assert pair["f1"] == 0.0 and pair["speaker"] is None and pair["matched"] == 0
    none = agreement([DocumentLayers("q", QTEXT, {"ann": [], "bob": []})]).quote_pairs[0]
    assert none["f1"] is None and none["speaker"] is None


# --- events --------------------------------------------------------------------------------------------

ETEXT = "Il governo ha annunciato nuove sanzioni e la polizia ha arrestato tre persone; poi è scoppiata una protesta."


def event(type_: str, trigger: str | None) -> Event:
    if trigger is None:
        return Event(1, type_, "x")
    start, end = at(trigger, ETEXT)
    return Event(1, type_, "x", trigger_start=start, trigger_end=end)


def test_event_trigger_f1_and_type_agreement():
    ann = [
        event("STATEMENT", "annunciato"),
        event("ARREST", "arrestato"),
        event("PROTEST", "protesta"),
        event("OTHER", None),  # no trigger: not compared
    ]
    bob = [
        event("STATEMENT", "ha annunciato"),  # overlaps "annunciato", same type
        event("VIOLENCE", "arrestato tre"),   # overlaps "arrestato", other type
        event("SANCTION", "sanzioni"),        # nothing of ann's there
        event("PROTEST", "una "),             # ends where "protesta" starts: shares no character
    ]
    pair = agreement([DocumentLayers("e", ETEXT, {"ann": [], "bob": []}, {}, {"ann": ann, "bob": bob})]).event_pairs[0]
    assert (pair["a"], pair["b"], pair["documents"]) == ("ann", "bob", 1)
    # recall: annunciato, arrestato found of 3 -> 2/3; precision: 2 of bob's 4 -> 1/2
    # F1 = 2 * (1/2) * (2/3) / (1/2 + 2/3) = 4/7
    assert pair["f1"] == round(2 * (1 / 2) * (2 / 3) / (1 / 2 + 2 / 3), 4) == 0.5714
    # types on the 2 matched: STATEMENT = STATEMENT, ARREST != VIOLENCE -> 1/2
    assert pair["matched"] == 2
    assert pair["type_agreement"] == 0.5


def test_events_without_triggers_measure_nothing():
    ann, bob = [event("OTHER", None)], [event("OTHER", None)]
    pair = agreement([DocumentLayers("e", ETEXT, {"ann": [], "bob": []}, {}, {"ann": ann, "bob": bob})]).event_pairs[0]
    assert pair["f1"] is None and pair["type_agreement"] is None and pair["matched"] == 0


def test_report_as_dict_shape():
    spans = [sp(0, 11, "PER")]
    data = agreement([doc("d1", ROMA, ann=spans, bob=list(spans))]).as_dict()
    assert set(data) >= {"entities", "quotes", "events"}
    assert set(data["entities"]) >= {"pairs", "alpha", "documents"}
    assert set(data["entities"]["pairs"][0]) >= {"a", "b", "f1", "f1_overlap", "kappa", "per_label"}
    assert set(data["quotes"]) >= {"pairs"} and set(data["events"]) >= {"pairs"}
