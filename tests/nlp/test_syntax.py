"""annotator.nlp.syntax on hand-built UD parses (spacy.tokens.Doc with heads and deps: no model)."""

from __future__ import annotations

import pytest

from annotator.nlp import syntax

spacy = pytest.importorskip("spacy")
from spacy.tokens import Doc  # noqa: E402
from spacy.vocab import Vocab  # noqa: E402

VOCAB = Vocab()


def parsed(*rows):
    """``rows``: (word, head index, dep, UPOS[, morph]) per token; the root is its own head."""
    words = [r[0] for r in rows]
    return Doc(
        VOCAB,
        words=words,
        heads=[r[1] for r in rows],
        deps=[r[2] for r in rows],
        pos=[r[3] for r in rows],
        morphs=[r[4] if len(r) > 4 else "" for r in rows],
    )


def texts(spans):
    return [span.text for span in spans]


# -- active ---------------------------------------------------------------------------------------

# Il ministro Mario Rossi ha detto ai giornalisti che la crisi è finita.
ACTIVE = parsed(
    ("Il", 1, "det", "DET"),
    ("ministro", 5, "nsubj", "NOUN"),
    ("Mario", 1, "nmod", "PROPN"),
    ("Rossi", 2, "flat:name", "PROPN"),
    ("ha", 5, "aux", "AUX"),
    ("detto", 5, "ROOT", "VERB", "Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part"),
    ("ai", 7, "case", "ADP"),
    ("giornalisti", 5, "obl", "NOUN"),
    ("che", 12, "mark", "SCONJ"),
    ("la", 10, "det", "DET"),
    ("crisi", 12, "nsubj", "NOUN"),
    ("è", 12, "aux", "AUX"),
    ("finita", 5, "ccomp", "VERB"),
    (".", 5, "punct", "PUNCT"),
)


def test_active_reporting_verb_subject_is_the_title_and_full_name():
    assert texts(syntax.subjects(ACTIVE, 5)) == ["ministro Mario Rossi"]
    assert not syntax.is_passive(ACTIVE, 5)
    assert texts(syntax.actors(ACTIVE, 5)) == ["ministro Mario Rossi"]


def test_an_auxiliary_index_is_taken_to_its_verb():
    assert syntax.predicate(ACTIVE, 4).text == "detto"
    assert texts(syntax.subjects(ACTIVE, 4)) == ["ministro Mario Rossi"]


def test_recipient_is_the_a_complement_and_the_clause_is_not_an_object():
    args = syntax.arguments(ACTIVE, 5)
    assert texts(args.recipients) == ["giornalisti"]
    assert args.objects == () and args.agents == ()
    # the embedded clause has its own subject
    assert texts(syntax.subjects(ACTIVE, 12)) == ["crisi"]


def test_phrase_span_is_the_whole_noun_phrase():
    assert syntax.phrase_span(ACTIVE[1]).text == "Il ministro Mario Rossi"
    assert syntax.phrase_span(ACTIVE[7]).text == "giornalisti"  # the preposition is left out


# La polizia ha arrestato Mario Rossi e Luca Bianchi.
ARREST = parsed(
    ("La", 1, "det", "DET"),
    ("polizia", 3, "nsubj", "NOUN"),
    ("ha", 3, "aux", "AUX"),
    ("arrestato", 3, "ROOT", "VERB", "Tense=Past|VerbForm=Part"),
    ("Mario", 3, "obj", "PROPN"),
    ("Rossi", 4, "flat:name", "PROPN"),
    ("e", 7, "cc", "CCONJ"),
    ("Luca", 4, "conj", "PROPN"),
    ("Bianchi", 7, "flat:name", "PROPN"),
    (".", 3, "punct", "PUNCT"),
)


def test_active_event_verb_actor_and_coordinated_objects():
    args = syntax.arguments(ARREST, 3)
    assert not args.passive
    assert texts(args.actors) == ["polizia"]
    assert texts(args.objects) == ["Mario Rossi", "Luca Bianchi"]
    assert texts(args.patients) == ["Mario Rossi", "Luca Bianchi"]


def test_a_second_subject_after_an_active_verb_is_its_object():
    # La polizia ha arrestato Mario Rossi: the bundled parser labels "Mario" nsubj, as if inverted
    doc = parsed(
        ("La", 1, "det", "DET"),
        ("polizia", 3, "nsubj", "NOUN"),
        ("ha", 3, "aux", "AUX"),
        ("arrestato", 3, "ROOT", "VERB"),
        ("Mario", 3, "nsubj", "PROPN"),
        ("Rossi", 4, "flat:name", "PROPN"),
        (".", 3, "punct", "PUNCT"),
    )
    args = syntax.arguments(doc, 3)
    assert texts(args.actors) == ["polizia"] and texts(args.patients) == ["Mario Rossi"]


def test_an_inverted_subject_alone_stays_the_subject():
    # Ha parlato Mario Rossi: one subject, after the verb
    doc = parsed(
        ("Ha", 1, "aux", "AUX"),
        ("parlato", 1, "ROOT", "VERB"),
        ("Mario", 1, "nsubj", "PROPN"),
        ("Rossi", 2, "flat:name", "PROPN"),
    )
    args = syntax.arguments(doc, 1)
    assert texts(args.subjects) == ["Mario Rossi"] and texts(args.objects) == []


def test_name_span_follows_flat_compound_and_amod_but_not_the_determiner():
    # Il Partito Democratico e il presidente Sergio Mattarella
    doc = parsed(
        ("Il", 1, "det", "DET"),
        ("Partito", 1, "ROOT", "PROPN"),
        ("Democratico", 1, "amod", "ADJ"),
        ("e", 5, "cc", "CCONJ"),
        ("il", 5, "det", "DET"),
        ("presidente", 1, "conj", "NOUN"),
        ("Sergio", 5, "flat", "PROPN"),
        ("Mattarella", 6, "flat:name", "PROPN"),
    )
    assert syntax.name_span(doc[1]).text == "Partito Democratico"
    assert syntax.name_span(doc[5]).text == "presidente Sergio Mattarella"
    assert [t.text for t in syntax.conjuncts(doc[1])] == ["Partito", "presidente"]


def test_a_proper_noun_after_a_preposition_is_not_part_of_the_name():
    # Il sindaco di Roma ha detto
    doc = parsed(
        ("Il", 1, "det", "DET"),
        ("sindaco", 5, "nsubj", "NOUN"),
        ("di", 3, "case", "ADP"),
        ("Roma", 1, "nmod", "PROPN"),
        ("ha", 5, "aux", "AUX"),
        ("detto", 5, "ROOT", "VERB"),
    )
    assert texts(syntax.subjects(doc, 5)) == ["sindaco"]
    assert syntax.phrase_span(doc[1]).text == "Il sindaco di Roma"


# -- passive --------------------------------------------------------------------------------------

# Mario Rossi è stato arrestato dalla polizia.
PASSIVE = parsed(
    ("Mario", 4, "nsubj:pass", "PROPN"),
    ("Rossi", 0, "flat:name", "PROPN"),
    ("è", 4, "aux", "AUX"),
    ("stato", 4, "aux:pass", "AUX"),
    ("arrestato", 4, "ROOT", "VERB", "Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part"),
    ("dalla", 6, "case", "ADP"),
    ("polizia", 4, "obl:agent", "NOUN"),
    (".", 4, "punct", "PUNCT"),
)


def test_passive_actor_is_the_da_agent_and_the_subject_the_patient():
    args = syntax.arguments(PASSIVE, 4)
    assert args.passive
    assert texts(args.subjects) == ["Mario Rossi"]
    assert texts(args.agents) == ["polizia"]
    assert texts(args.actors) == ["polizia"]
    assert texts(args.patients) == ["Mario Rossi"]
    assert texts(syntax.actors(PASSIVE, 3)) == ["polizia"]  # from the passive auxiliary too


def test_passive_agent_labelled_plain_obl_is_found_by_its_da():
    doc = parsed(
        ("Rossi", 3, "nsubj:pass", "PROPN"),
        ("è", 3, "aux", "AUX"),
        ("stato", 3, "aux:pass", "AUX"),
        ("fermato", 3, "ROOT", "VERB"),
        ("dai", 5, "case", "ADP"),
        ("carabinieri", 3, "obl", "NOUN"),
        ("a", 7, "case", "ADP"),
        ("Milano", 3, "obl", "PROPN"),
    )
    assert syntax.is_passive(doc, 3)
    assert texts(syntax.agents(doc, 3)) == ["carabinieri"]


def test_an_active_verb_has_no_agent_even_with_da():
    # Rossi è partito da Roma
    doc = parsed(
        ("Rossi", 2, "nsubj", "PROPN"),
        ("è", 2, "aux", "AUX"),
        ("partito", 2, "ROOT", "VERB"),
        ("da", 4, "case", "ADP"),
        ("Roma", 2, "obl", "PROPN"),
    )
    args = syntax.arguments(doc, 2)
    assert not args.passive and args.agents == ()
    assert texts(args.actors) == ["Rossi"]


def test_coordinated_passive_verbs_share_subject_agent_and_voice():
    # Rossi è stato arrestato e condannato dal tribunale
    doc = parsed(
        ("Rossi", 3, "nsubj:pass", "PROPN"),
        ("è", 3, "aux", "AUX"),
        ("stato", 3, "aux:pass", "AUX"),
        ("arrestato", 3, "ROOT", "VERB"),
        ("e", 5, "cc", "CCONJ"),
        ("condannato", 3, "conj", "VERB"),
        ("dal", 7, "case", "ADP"),
        ("tribunale", 3, "obl:agent", "NOUN"),
    )
    args = syntax.arguments(doc, 5)
    assert args.passive
    assert texts(args.patients) == ["Rossi"]
    assert texts(args.actors) == ["tribunale"]


def test_venire_passive_and_recipient_iobj():
    # Gli viene consegnato il premio
    doc = parsed(
        ("Gli", 2, "iobj", "PRON"),
        ("viene", 2, "aux:pass", "AUX"),
        ("consegnato", 2, "ROOT", "VERB"),
        ("il", 4, "det", "DET"),
        ("premio", 2, "nsubj:pass", "NOUN"),
    )
    args = syntax.arguments(doc, 2)
    assert args.passive and args.agents == ()
    assert texts(args.patients) == ["premio"]
    assert texts(args.recipients) == ["Gli"]


# -- coordination ---------------------------------------------------------------------------------

# Rossi e Bianchi hanno detto che non si dimetteranno.
COORDINATED = parsed(
    ("Rossi", 4, "nsubj", "PROPN"),
    ("e", 2, "cc", "CCONJ"),
    ("Bianchi", 0, "conj", "PROPN"),
    ("hanno", 4, "aux", "AUX"),
    ("detto", 4, "ROOT", "VERB"),
    ("che", 8, "mark", "SCONJ"),
    ("non", 8, "advmod", "ADV"),
    ("si", 8, "expl", "PRON"),
    ("dimetteranno", 4, "ccomp", "VERB"),
    (".", 4, "punct", "PUNCT"),
)


def test_coordinated_subjects_each_get_a_span():
    assert texts(syntax.subjects(COORDINATED, 4)) == ["Rossi", "Bianchi"]


def test_the_expletive_si_is_not_a_subject():
    assert syntax.subjects(COORDINATED, 8) == []


def test_coordinated_verbs_share_the_first_ones_subject():
    # Il premier è arrivato e ha detto
    doc = parsed(
        ("Il", 1, "det", "DET"),
        ("premier", 3, "nsubj", "NOUN"),
        ("è", 3, "aux", "AUX"),
        ("arrivato", 3, "ROOT", "VERB"),
        ("e", 6, "cc", "CCONJ"),
        ("ha", 6, "aux", "AUX"),
        ("detto", 3, "conj", "VERB"),
    )
    assert texts(syntax.subjects(doc, 6)) == ["premier"]
    assert not syntax.is_passive(doc, 6)


def test_a_right_shared_object_goes_to_both_verbs_but_not_a_left_one():
    # La polizia ha fermato e interrogato il sospetto
    doc = parsed(
        ("La", 1, "det", "DET"),
        ("polizia", 3, "nsubj", "NOUN"),
        ("ha", 3, "aux", "AUX"),
        ("fermato", 3, "ROOT", "VERB"),
        ("e", 5, "cc", "CCONJ"),
        ("interrogato", 3, "conj", "VERB"),
        ("il", 7, "det", "DET"),
        ("sospetto", 3, "obj", "NOUN"),
    )
    assert texts(syntax.objects(doc, 3)) == ["sospetto"]
    assert texts(syntax.objects(doc, 5)) == ["sospetto"]
    assert texts(syntax.subjects(doc, 5)) == ["polizia"]
    # Rossi ha fermato il sospetto e ha detto
    doc = parsed(
        ("Rossi", 2, "nsubj", "PROPN"),
        ("ha", 2, "aux", "AUX"),
        ("fermato", 2, "ROOT", "VERB"),
        ("il", 4, "det", "DET"),
        ("sospetto", 2, "obj", "NOUN"),
        ("e", 7, "cc", "CCONJ"),
        ("ha", 7, "aux", "AUX"),
        ("detto", 2, "conj", "VERB"),
    )
    assert syntax.objects(doc, 7) == []


def test_controlled_infinitive_takes_the_controllers_subject():
    # Rossi ha deciso di parlare
    doc = parsed(
        ("Rossi", 2, "nsubj", "PROPN"),
        ("ha", 2, "aux", "AUX"),
        ("deciso", 2, "ROOT", "VERB"),
        ("di", 4, "mark", "ADP"),
        ("parlare", 2, "xcomp", "VERB", "VerbForm=Inf"),
    )
    assert texts(syntax.subjects(doc, 4)) == ["Rossi"]


def test_no_subject_when_it_is_unexpressed():
    # Ha detto che ...
    doc = parsed(("Ha", 1, "aux", "AUX"), ("detto", 1, "ROOT", "VERB"), ("che", 1, "mark", "SCONJ"))
    assert syntax.subjects(doc, 1) == [] and syntax.actors(doc, 0) == []


# -- relative clauses -----------------------------------------------------------------------------

# Il ministro, che ha parlato ieri, è stato criticato.
RELATIVE_SUBJECT = parsed(
    ("Il", 1, "det", "DET"),
    ("ministro", 10, "nsubj:pass", "NOUN"),
    (",", 5, "punct", "PUNCT"),
    ("che", 5, "nsubj", "PRON", "PronType=Rel"),
    ("ha", 5, "aux", "AUX"),
    ("parlato", 1, "acl:relcl", "VERB"),
    ("ieri", 5, "advmod", "ADV"),
    (",", 5, "punct", "PUNCT"),
    ("è", 10, "aux", "AUX"),
    ("stato", 10, "aux:pass", "AUX"),
    ("criticato", 10, "ROOT", "VERB"),
)


def test_relative_pronoun_subject_is_the_noun_the_clause_modifies():
    assert texts(syntax.subjects(RELATIVE_SUBJECT, 5)) == ["ministro"]
    assert texts(syntax.patients(RELATIVE_SUBJECT, 10)) == ["ministro"]
    assert syntax.actors(RELATIVE_SUBJECT, 10) == []


def test_relative_pronoun_object_and_the_clause_subject():
    # L'uomo che la polizia ha arrestato
    doc = parsed(
        ("L'", 1, "det", "DET"),
        ("uomo", 1, "ROOT", "NOUN"),
        ("che", 6, "obj", "PRON"),  # no morphology: the word and the clause are enough
        ("la", 4, "det", "DET"),
        ("polizia", 6, "nsubj", "NOUN"),
        ("ha", 6, "aux", "AUX"),
        ("arrestato", 1, "acl:relcl", "VERB"),
    )
    args = syntax.arguments(doc, 6)
    assert not args.passive
    assert texts(args.actors) == ["polizia"]
    assert texts(args.patients) == ["uomo"]


def test_relative_clause_with_coordinated_verbs():
    # I manifestanti che sono arrivati e hanno detto
    doc = parsed(
        ("I", 1, "det", "DET"),
        ("manifestanti", 1, "ROOT", "NOUN"),
        ("che", 4, "nsubj", "PRON", "PronType=Rel"),
        ("sono", 4, "aux", "AUX"),
        ("arrivati", 1, "acl:relcl", "VERB"),
        ("e", 7, "cc", "CCONJ"),
        ("hanno", 7, "aux", "AUX"),
        ("detto", 4, "conj", "VERB"),
    )
    assert texts(syntax.subjects(doc, 7)) == ["manifestanti"]


def test_relative_pronoun_cui_as_recipient():
    # il giudice a cui ha scritto
    doc = parsed(
        ("il", 1, "det", "DET"),
        ("giudice", 1, "ROOT", "NOUN"),
        ("a", 3, "case", "ADP"),
        ("cui", 5, "obl", "PRON", "PronType=Rel"),
        ("ha", 5, "aux", "AUX"),
        ("scritto", 1, "acl:relcl", "VERB"),
    )
    assert texts(syntax.recipients(doc, 5)) == ["giudice"]


def test_participle_modifying_a_noun_is_a_passive_with_that_noun_as_patient():
    # L'uomo arrestato dalla polizia ha detto
    doc = parsed(
        ("L'", 1, "det", "DET"),
        ("uomo", 6, "nsubj", "NOUN"),
        ("arrestato", 1, "acl", "VERB", "Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part"),
        ("dalla", 4, "case", "ADP"),
        ("polizia", 2, "obl:agent", "NOUN"),
        ("ha", 6, "aux", "AUX"),
        ("detto", 6, "ROOT", "VERB"),
    )
    args = syntax.arguments(doc, 2)
    assert args.passive
    assert texts(args.patients) == ["uomo"]
    assert texts(args.actors) == ["polizia"]
    assert texts(syntax.subjects(doc, 6)) == ["uomo"]


def test_a_token_object_is_accepted_as_well_as_an_index():
    assert texts(syntax.subjects(PASSIVE, PASSIVE[4])) == ["Mario Rossi"]


def test_proper_name_drops_the_title():
    assert syntax.proper_name(ACTIVE[1]).text == "Mario Rossi"  # "ministro Mario Rossi"
    assert syntax.proper_name(ACTIVE[2]).text == "Mario Rossi"
    assert syntax.proper_name(ACTIVE[7]) is None  # "giornalisti"
    # il ministro dell'Interno Piantedosi: the name is not next to the title
    doc = parsed(
        ("il", 1, "det", "DET"),
        ("ministro", 1, "ROOT", "NOUN"),
        ("dell'", 3, "case", "ADP"),
        ("Interno", 1, "nmod", "PROPN"),
        ("Piantedosi", 1, "nmod", "PROPN"),
    )
    assert syntax.name_span(doc[1]).text == "ministro"
    assert syntax.proper_name(doc[1]).text == "Piantedosi"


def test_participle_amod_is_a_passive_modifier_not_part_of_the_name():
    # La polizia ha arrestato due giovani accusati di furto
    doc = parsed(
        ("La", 1, "det", "DET"),
        ("polizia", 3, "nsubj", "NOUN"),
        ("ha", 3, "aux", "AUX"),
        ("arrestato", 3, "ROOT", "VERB"),
        ("due", 5, "nummod", "NUM"),
        ("giovani", 3, "obj", "NOUN"),
        ("accusati", 5, "amod", "ADJ", "Gender=Masc|Number=Plur|Tense=Past|VerbForm=Part"),
        ("di", 8, "case", "ADP"),
        ("furto", 6, "obl", "NOUN"),
    )
    assert texts(syntax.objects(doc, 3)) == ["giovani"]
    assert syntax.is_passive(doc, 6)
    assert texts(syntax.patients(doc, 6)) == ["giovani"]


# -- the bundled parser, end to end ---------------------------------------------------------------


def test_bundled_parser_feeds_the_helpers():
    from annotator.nlp.pipeline import MODELS_DIR

    if not (MODELS_DIR / syntax.PARSER_MODEL / "meta.json").is_file():
        pytest.skip("resources/models/it_ud_parser is not built")
    doc = syntax.parse("Mario Rossi è stato arrestato dalla polizia.")
    verb = next(t.i for t in doc if t.text == "arrestato")
    args = syntax.arguments(doc, verb)
    assert args.passive
    assert texts(args.actors) == ["polizia"]
    assert texts(args.patients) == ["Mario Rossi"]
    assert syntax.load_parser() is syntax.load_parser()  # loaded once
