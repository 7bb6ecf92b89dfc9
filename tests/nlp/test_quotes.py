"""The Italian quotation finder (annotator.nlp.quotes): marks, attribution patterns, speakers,
the cases it must leave alone, and its word lists (annotator.nlp.quote_lexicon).

Entities are computed here from the text (``ents``), so no spaCy model is loaded. Each test checks
what a user would see: the quoted words, the kind, the speaker's words and the cue's words.
"""

from __future__ import annotations

import random

import pytest

from annotator.nlp.events import EventSuggester
from annotator.nlp.quote_lexicon import LexiconError, load_lexicon, verb_forms
from annotator.nlp.quote_marks import quoted_segments, sentence_ends
from annotator.nlp.quotes import QuoteFinder, find_quotes


def ents(text: str, *names: tuple[str, str]) -> list[tuple[int, int, str]]:
    """Entity spans ``(start, end, label)`` for the first occurrence of each ``(name, label)``."""
    spans = []
    for name, label in names:
        start = text.find(name)
        assert start >= 0, f"{name!r} is not in the text"
        spans.append((start, start + len(name), label))
    return spans


def _words(text: str, span: tuple[int, int] | None) -> str | None:
    return text[span[0]:span[1]] if span is not None else None


def quotes(text: str, *names: tuple[str, str], finder: QuoteFinder | None = None) -> list[tuple]:
    """The quotations found, as ``(content, kind, speaker, cue)`` strings of the text."""
    found = (finder.find if finder else find_quotes)(text, ents(text, *names))
    return [(text[q.start:q.end], q.kind, _words(text, q.speaker), _words(text, q.cue)) for q in found]


NERI = ("Carlo Neri", "PER")
PESKOV = ("Dmitry Peskov", "PER")


# -- quotation marks ------------------------------------------------------------------------------

@pytest.mark.parametrize("opening, closing", [("«", "»"), ("“", "”"), ('"', '"'), ("“", '"')],
                         ids=["caporali", "alte", "plain", "alte-closed-by-plain"])
def test_each_kind_of_mark(opening, closing):
    text = f"Il ministro Carlo Neri ha detto: {opening}Non ci sono alternative{closing}. Poi è ripartito."
    assert quotes(text, NERI) == [("Non ci sono alternative", "direct", "Carlo Neri", "ha detto")]


def test_nested_marks_make_one_outer_quotation():
    text = "Il ministro Carlo Neri ha detto: «Il piano “Italia sicura” non basta più». Poi è ripartito."
    assert quotes(text, NERI) == [
        ("Il piano “Italia sicura” non basta più", "direct", "Carlo Neri", "ha detto")]


def test_same_marks_nested_in_one_quotation_stay_inside_it():
    text = "Carlo Neri ha detto: «Il ministro ha parlato di «vergogna» e di «tradimento», ma noi no». Poi è ripartito."
    assert [q[0] for q in quotes(text, NERI)] == [
        "Il ministro ha parlato di «vergogna» e di «tradimento», ma noi no"]


def test_a_caporale_never_closed_ends_where_the_next_quotation_opens():
    """« does not nest in «: "«A … «B». «C»." with no » for A means A's closing mark was forgotten,
    not that it holds everything to the paragraph's end."""
    text = ("Carlo Neri ha detto che bisognerebbe pubblicare «il nome degli utilizzatori oltre ad avere «una norma "
            "sul limite di cilindrata». Il presidente segnala inoltre: «La legge del 1991 non basta». Poi è ripartito.")
    found = [q[0] for q in quotes(text, NERI)]
    assert found[0] == "il nome degli utilizzatori oltre ad avere"
    assert "La legge del 1991 non basta" in found and "una norma sul limite di cilindrata" in [
        text[s.start:s.end] for s in quoted_segments(text)]


@pytest.mark.parametrize("layout", ["\n\n", " "])
def test_a_plain_quotation_mark_never_closed_ends_where_a_caporale_opens(layout: str) -> None:
    """« nests in no other mark: a " left open before a «…» was never closed, and the quotations
    after it are quotations of their own, even in a text with no paragraph break to stop it."""
    text = ('I manifestanti gridano slogan come "Vogliamo la libertà" e "Vogliamo la giustizia, nel tentativo di '
            'ripetere la rivoluzione arancione.' + layout + 'Italia-Serbia, Maroni attacca: «L\'Interpol serba ha '
            'sottovalutato i rischi». Continua la polemica. «Il messaggio parlava di cento tifosi», ha detto il '
            'ministro. E in merito alle critiche ha concluso: «Sono stato accusato in modo comico')
    found = [text[s.start:s.end] for s in quoted_segments(text)]
    assert found[0] == "Vogliamo la libertà" and found[1].startswith("Vogliamo la giustizia") and "«" not in found[1]
    assert found[2:] == ["L'Interpol serba ha sottovalutato i rischi", "Il messaggio parlava di cento tifosi",
                         "Sono stato accusato in modo comico"]


@pytest.mark.parametrize("text, content", [
    ("«Vediamo la capacità delle forze irachene a Baghdad «ha detto Carlo Neri. «Grazie a queste operazioni, gli "
     "estremisti sono stati mandati via». Il presidente ha continuato.", "Vediamo la capacità delle forze irachene a Baghdad"),
    ('"È un dramma familiare. Stiamo ricostruendo quello che è accaduto "ha commentato Carlo Neri. Poi: "Il biglietto '
     'denota problemi familiari". Fine.', "È un dramma familiare. Stiamo ricostruendo quello che è accaduto"),
])
def test_a_closing_mark_typed_as_an_opening_one_before_the_attribution_closes(text, content):
    found = quotes(text, NERI)
    assert found[0][0] == content and found[0][2] == "Carlo Neri"
    assert len(found) == 2  # the next quotation stands alone, not swallowed by the first


def test_a_partial_quotation_opening_with_ha_is_still_one():
    text = "Carlo Neri ha detto che le forze dell'ordine «hanno confermato che c'erano dei corpi». Fine."
    assert [q[0] for q in quotes(text, NERI)] == ["hanno confermato che c'erano dei corpi"]


def test_unclosed_mark_runs_to_the_end_of_its_paragraph():
    text = ("Il vertice si è chiuso in serata.\n"
            "Il ministro Carlo Neri ha detto: «Non ci sono alternative e lo sappiamo tutti\n"
            "La seduta è poi ripresa.")
    assert quotes(text, NERI) == [
        ("Non ci sono alternative e lo sappiamo tutti", "direct", "Carlo Neri", "ha detto")]


def test_quotation_over_three_paragraphs_is_one_quotation():
    text = ("Il ministro Carlo Neri ha detto: «Non ci sono alternative.\n"
            "«Dobbiamo agire subito.\n"
            "«Il tempo stringe». La seduta è poi ripresa.")
    assert quotes(text, NERI) == [(
        "Non ci sono alternative.\n«Dobbiamo agire subito.\n«Il tempo stringe",
        "direct", "Carlo Neri", "ha detto")]


def test_apostrophes_are_not_quotation_marks():
    text = "Il ministro Carlo Neri ha detto: «L’Ucraina ha bisogno di un po’ di tempo per decidere». Poi è ripartito."
    assert quotes(text, NERI) == [
        ("L’Ucraina ha bisogno di un po’ di tempo per decidere", "direct", "Carlo Neri", "ha detto")]


def test_single_quotes_never_pair():
    text = "Per l’Ucraina serve un po’ di tempo, e 'così' sia: «sì»"
    assert [text[s.start:s.end] for s in quoted_segments(text)] == ["sì"]


def test_a_quotation_cut_into_paragraphs_closes_where_its_closing_mark_stands():
    text = ("Cuomo ha criticato il sindaco:\n\n«La polizia non è stata efficace\n\nRitengo che il sindaco abbia "
            "sottovalutato il problema». «Serve altro», ha aggiunto.")
    assert [text[s.start:s.end] for s in quoted_segments(text)] == [
        "La polizia non è stata efficace\n\nRitengo che il sindaco abbia sottovalutato il problema", "Serve altro"]


def test_a_quotation_never_closed_still_ends_with_its_paragraph():
    text = "Ha detto: «Non ci sto\n\nIl consiglio si è chiuso alle dieci.\n\nPoi «altro» è arrivato."
    assert [text[s.start:s.end] for s in quoted_segments(text)] == ["Non ci sto", "altro"]


def test_a_plain_mark_after_a_number_is_seconds_not_a_quotation():
    text = ('Al 12º giro Stoner era a 8 " dagli altri. Pedrosa chiude terzo a 29 " dal vincitore. '
            'Rossi ha detto: "Una gara perfetta".')
    assert [text[s.start:s.end] for s in quoted_segments(text)] == ["Una gara perfetta"]


def test_a_stray_closing_mark_before_punctuation_opens_nothing():
    text = ('Tajani sostiene che quel giro di persone è la maggioranza nel Paese ". Dura anche la replica di '
            'Schifani: "Abbiamo fatto molto contro la mafia".')
    assert [text[s.start:s.end] for s in quoted_segments(text)] == ["Abbiamo fatto molto contro la mafia"]


def test_a_plain_mark_after_a_number_still_closes_an_open_quotation():
    text = 'Il ct ha detto: "Abbiamo vinto 3 a 0" e se ne è andato.'
    assert [text[s.start:s.end] for s in quoted_segments(text)] == ["Abbiamo vinto 3 a 0"]


def test_glued_sentences_are_split():
    text = "Ha parlato ai giornalisti.All'inizio era teso. Il dott. Rossi è arrivato."
    ends = sentence_ends(text, quoted_segments(text))
    assert [text[:e].rsplit(" ", 1)[-1] for e in ends] == ["giornalisti.", "teso.", "arrivato."]


def test_glued_sentence_after_an_attribution_keeps_the_quotation():
    text = ("«Non abbiamo ricevuto nessuna proposta», ha detto Dmitry Peskov ai giornalisti.All'inizio del "
            "vertice il clima era teso.")
    assert quotes(text, PESKOV) == [
        ("Non abbiamo ricevuto nessuna proposta", "direct", "Dmitry Peskov", "ha detto")]


def test_glued_sentence_before_a_quotation_keeps_it_direct():
    text = "Il clima era teso.«Non abbiamo ricevuto nessuna proposta», ha detto Dmitry Peskov."
    assert quotes(text, PESKOV) == [
        ("Non abbiamo ricevuto nessuna proposta", "direct", "Dmitry Peskov", "ha detto")]


# -- speaker and verb before the quotation --------------------------------------------------------

def test_speaker_and_verb_before_a_colon():
    text = "Carlo Neri ha spiegato: «Non abbiamo ricevuto nessuna proposta»."
    assert quotes(text, NERI) == [
        ("Non abbiamo ricevuto nessuna proposta", "direct", "Carlo Neri", "ha spiegato")]


def test_colon_without_a_verb_is_the_cue():
    text = "Poi la stoccata del ministro Carlo Neri: «Chi sbaglia paga, e questa volta paga caro»."
    assert quotes(text, NERI) == [
        ("Chi sbaglia paga, e questa volta paga caro", "direct", "Carlo Neri", ":")]


# -- attribution after the quotation --------------------------------------------------------------

@pytest.mark.parametrize("attribution, cue", [
    ("ha detto Carlo Neri", "ha detto"),
    ("spiega Carlo Neri", "spiega"),
    ("aggiunge il ministro Carlo Neri", "aggiunge"),
    ("ha chiosato Carlo Neri", "ha chiosato"),
    ("le fa eco Carlo Neri", "le fa eco"),  # "le" the pronoun, not the article
    ("gli fa eco Carlo Neri", "gli fa eco"),
])
def test_verb_after_the_quotation(attribution, cue):
    text = f"«La trattativa resta aperta per tutti», {attribution}."
    assert quotes(text, NERI) == [("La trattativa resta aperta per tutti", "direct", "Carlo Neri", cue)]


def test_dash_after_the_quotation():
    text = "«La trattativa resta aperta per tutti» – Carlo Neri."
    assert quotes(text, NERI) == [("La trattativa resta aperta per tutti", "direct", "Carlo Neri", "–")]


def test_cosi_after_the_quotation():
    text = "«La trattativa resta aperta per tutti». Così Carlo Neri al termine del vertice."
    assert quotes(text, NERI) == [("La trattativa resta aperta per tutti", "direct", "Carlo Neri", "Così")]


def test_quotation_interrupted_by_its_attribution():
    text = "«Non abbiamo ricevuto nessuna proposta», ha aggiunto Dmitry Peskov, «e non ne aspettiamo altre»."
    assert quotes(text, PESKOV) == [
        ("Non abbiamo ricevuto nessuna proposta", "direct", "Dmitry Peskov", "ha aggiunto"),
        ("e non ne aspettiamo altre", "direct", "Dmitry Peskov", "ha aggiunto"),
    ]


# -- speakers carried over ------------------------------------------------------------------------

def test_bare_verb_takes_the_previous_speaker():
    text = "«Il piano è pronto», ha spiegato Carlo Neri. «Lo presenteremo lunedì», ha aggiunto."
    assert quotes(text, NERI) == [
        ("Il piano è pronto", "direct", "Carlo Neri", "ha spiegato"),
        ("Lo presenteremo lunedì", "direct", "Carlo Neri", "ha aggiunto"),
    ]


def test_follow_on_sentence_in_marks_takes_the_same_speaker():
    text = "«Non abbiamo ricevuto nessuna proposta», ha detto Dmitry Peskov. «Ne parleremo domani con calma»."
    assert quotes(text, PESKOV) == [
        ("Non abbiamo ricevuto nessuna proposta", "direct", "Dmitry Peskov", "ha detto"),
        ("Ne parleremo domani con calma", "direct", "Dmitry Peskov", None),
    ]


def test_follow_on_question_followed_by_another_sentence():
    text = ("«Non abbiamo ricevuto nessuna proposta», ha detto Dmitry Peskov. «Chi paga adesso?» "
            "Poi ha lasciato la sala.")
    assert quotes(text, PESKOV) == [
        ("Non abbiamo ricevuto nessuna proposta", "direct", "Dmitry Peskov", "ha detto"),
        ("Chi paga adesso?", "direct", "Dmitry Peskov", None),
    ]


# -- headlines and partial quotations -------------------------------------------------------------

def test_headline():
    text = "Lavrov: «Nessun passo indietro»\nIl ministro degli Esteri russo ha parlato oggi a Mosca."
    assert quotes(text, ("Lavrov", "PER"), ("Mosca", "LOC")) == [
        ("Nessun passo indietro", "headline", "Lavrov", ":")]


def test_partial_quotation():
    text = "Il ministro Carlo Neri ha definito la situazione «molto grave»."
    assert quotes(text, NERI) == [("molto grave", "partial", "Carlo Neri", "ha definito")]


def test_marked_words_inside_a_report_are_not_a_second_suggestion():
    text = ("Il ministro Carlo Neri ha detto che la riforma è «un passo avanti» e che i sindacati "
            "hanno «esagerato». La riforma è «una svolta», ha scritto Paolo Bianchi.")
    assert quotes(text, NERI, ("Paolo Bianchi", "PER")) == [
        ("la riforma è «un passo avanti» e che i sindacati hanno «esagerato»", "indirect", "Carlo Neri", "ha detto"),
        ("una svolta", "partial", "Paolo Bianchi", "ha scritto")]
    opening = "Il ministro Carlo Neri ha detto che «la riforma» è giusta e che andrà avanti."
    assert quotes(opening, NERI) == [("«la riforma» è giusta e che andrà avanti", "indirect", "Carlo Neri", "ha detto")]


# -- indirect speech ------------------------------------------------------------------------------

CONTROL = "la situazione è sotto controllo"


@pytest.mark.parametrize("text, cue", [
    ("Il ministro Carlo Neri ha detto che la situazione è sotto controllo.", "ha detto"),
    ("Il ministro Carlo Neri ha detto ieri ai giornalisti che la situazione è sotto controllo.", "ha detto"),
    ("Secondo Carlo Neri, la situazione è sotto controllo.", "Secondo"),
    ("A detta di Carlo Neri, la situazione è sotto controllo.", "A detta di"),
    ("Stando a Carlo Neri, la situazione è sotto controllo.", "Stando a"),
], ids=["verb-che", "verb-gap-che", "secondo", "a-detta-di", "stando-a"])
def test_indirect_with_a_named_source(text, cue):
    assert quotes(text, NERI) == [(CONTROL, "indirect", "Carlo Neri", cue)]


def test_indirect_with_the_source_after_the_clause():
    text = "La situazione è sotto controllo, secondo Carlo Neri."
    assert quotes(text, NERI) == [("La situazione è sotto controllo", "indirect", "Carlo Neri", "secondo")]


def test_indirect_with_a_bare_verb_takes_the_previous_speaker():
    text = "«Non abbiamo ricevuto nessuna proposta», ha detto Carlo Neri. Ha detto anche che la situazione è sotto controllo."
    assert quotes(text, NERI)[1] == (CONTROL, "indirect", "Carlo Neri", "Ha detto")


def test_indirect_with_a_bare_verb_takes_the_previous_subject():
    text = "Il ministro Carlo Neri ha incontrato i sindacati. Ha detto che la situazione è sotto controllo."
    assert quotes(text, NERI) == [(CONTROL, "indirect", "Carlo Neri", "Ha detto")]


def test_impersonal_note():
    text = "Si legge in una nota del Ministero della Salute che i casi sono in calo da tre settimane."
    assert quotes(text, ("Ministero della Salute", "ORG")) == [(
        "i casi sono in calo da tre settimane", "indirect", "Ministero della Salute",
        "Si legge in una nota del")]


def test_impersonal_fanno_sapere():
    text = "Fanno sapere da Palazzo Chigi che il decreto sarà approvato entro venerdì."
    assert quotes(text, ("Palazzo Chigi", "ORG")) == [
        ("il decreto sarà approvato entro venerdì", "indirect", "Palazzo Chigi", "Fanno sapere da")]


# -- speakers -------------------------------------------------------------------------------------

def test_description_with_a_name_gives_the_name():
    text = "«Non abbiamo ricevuto nessuna proposta», ha detto il portavoce del Cremlino Dmitry Peskov."
    [quote] = find_quotes(text, ents(text, ("Cremlino", "ORG"), PESKOV))
    assert _words(text, quote.speaker) == "Dmitry Peskov"
    assert quote.speaker_label == "PER"


def test_name_in_apposition_after_a_description():
    text = ("«I prezzi sono saliti troppo in fretta», commenta il presidente dell'associazione "
            "Consumatori Uniti, Davide Lorusso.")
    names = ("Consumatori Uniti", "ORG"), ("Davide Lorusso", "PER")
    assert quotes(text, *names) == [
        ("I prezzi sono saliti troppo in fretta", "direct", "Davide Lorusso", "commenta")]


def test_description_without_a_name():
    text = "«Non ci sarà nessun ritiro delle truppe», ha detto un alto funzionario dell'amministrazione."
    [quote] = find_quotes(text, [])
    assert _words(text, quote.speaker) == "un alto funzionario dell'amministrazione"
    assert quote.speaker_label is None


def test_speaker_label_of_a_linked_organisation():
    text = "«Il piano è pronto», ha fatto sapere Confindustria."
    [quote] = find_quotes(text, ents(text, ("Confindustria", "ORG")))
    assert (_words(text, quote.speaker), quote.speaker_label) == ("Confindustria", "ORG")


@pytest.mark.parametrize("text", [
    "Il Ministero della Salute ha detto che la situazione è sotto controllo.",
    "«La situazione è sotto controllo», ha detto il Ministero della Salute.",
], ids=["subject", "after-verb"])
def test_organisation_speaker_is_linked_to_its_entity(text):
    [quote] = find_quotes(text, ents(text, ("Ministero della Salute", "ORG")))
    assert (_words(text, quote.speaker), quote.speaker_label) == ("Ministero della Salute", "ORG")


# -- what is not a quotation ----------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Carlo Neri ha presentato il libro «Mare Nostrum» ieri a Roma.",
    "È partita l'operazione \"Strade sicure\" in tutta la città.",
    "Il boss, detto «il Cobra», è stato arrestato ieri.",
    "La cosiddetta «riforma epocale» non ha convinto nessuno.",
    "Si tratta di una «svolta storica» per il quartiere.",
    "Il consiglio comunale ha deciso che la piazza resterà chiusa fino a giugno.",
    "È chiaro che la piazza resterà chiusa fino a giugno.",
    "Il fatto che la piazza resterà chiusa fino a giugno preoccupa i commercianti.",
], ids=["book-title", "operation-name", "nickname", "scare-quotes", "scare-quotes-si-tratta", "ha-deciso-che", "e-chiaro-che",
        "il-fatto-che"])
def test_no_quotation(text):
    names = [name for name in (NERI, ("Roma", "LOC")) if name[0] in text]
    assert quotes(text, *names) == []


# -- the lexicon ----------------------------------------------------------------------------------

@pytest.mark.parametrize("infinitive, forms", [
    ("spiegare", {"spiega", "spiegano", "spiegò", "spiegava", "spiegherà", "spiegherebbe", "spiegato",
                  "spiegata", "spiegando", "spiegare"}),
    ("annunciare", {"annuncia", "annunciò", "annuncerà", "annunciato"}),
    ("ripetere", {"ripete", "ripeté", "ripeteva", "ripeterà", "ripetuto", "ripetendo"}),
    ("chiarire", {"chiarisce", "chiarì", "chiariva", "chiarirà", "chiarito", "chiarendo"}),
    ("disconoscere", {"disconosce", "disconosciuto", "disconosciuta"}),
])
def test_verb_forms_of_regular_verbs(infinitive, forms):
    assert forms <= verb_forms(infinitive)


def test_verb_forms_do_not_invent_wrong_futures():
    assert "annuncierà" not in verb_forms("annunciare")
    assert "spiegerà" not in verb_forms("spiegare")


def test_an_entity_of_no_words_at_the_end_of_the_text_is_no_speaker_and_no_crash():
    text = "«Va tutto bene», ha detto a ¿¿¿"
    (quote,) = find_quotes(text, [(text.index("¿"), len(text), "PER")])
    assert (text[quote.start:quote.end], quote.speaker) == ("Va tutto bene", None)


def test_a_one_letter_stem_gives_no_regular_forms_that_are_other_words():
    assert verb_forms("dire") == {"dire"}  # not "dito", "diva", "dono", "de": its forms are listed


def test_an_isc_verb_gives_no_plain_present_that_is_an_adjective():
    assert "chiare" not in verb_forms("chiarire", isc_only=True)
    assert {"chiarisce", "chiariscono", "chiarito"} <= verb_forms("chiarire", isc_only=True)
    assert "garante" not in load_lexicon().verb_forms


def test_an_adjective_the_verb_list_once_made_from_chiarire_opens_no_report():
    text = "Le idee chiare che il ministro Mario Rossi ha espresso sono state apprezzate da tutti."
    assert find_quotes(text, [(text.index("Mario"), text.index(" ha"), "PER")]) == []


def test_a_noun_that_a_short_verb_would_give_is_no_cue():
    text = "Sul palco è salito Cristiano De André: un concerto che nessuno dimenticherà, in dono alla città."
    assert find_quotes(text, [(text.index("Cristiano"), text.index(":"), "PER")]) == []


@pytest.mark.parametrize("text", [
    "La questione posta dai biocarburanti è talmente grave che Mario Rossi se ne occupa da anni.",
    "Un'inserviente di Mario Rossi è stata arrestata e posta ai domiciliari con l'accusa di aver ucciso una donna.",
    "In aggiunta alla «mani pulite» di Mario Rossi, il comune ha le mani bucate.",
])
def test_another_verbs_participle_is_no_cue(text):
    """"posta" is "porre" here, not "postare"; "in aggiunta" a noun, not "aggiungere"."""
    assert find_quotes(text, [(text.index("Mario"), text.index("Mario") + 11, "PER")]) == []


def test_a_verb_line_can_refuse_a_regular_form(tmp_path):
    _write_lexicon(tmp_path, verbs="dire: dice detto\npostare: -posta\n")
    forms = load_lexicon(tmp_path).verb_forms
    assert "posta" not in forms and {"postato", "postano"} <= set(forms)


def test_a_refused_form_the_verb_does_not_make_names_file_and_line(tmp_path):
    _write_lexicon(tmp_path, verbs="dire: dice detto\npostare: -psota\n")
    with pytest.raises(LexiconError) as caught:
        load_lexicon(tmp_path)
    assert f"{tmp_path / 'verbs.txt'}:2:" in str(caught.value) and "-psota" in str(caught.value)


def test_verb_forms_of_a_reflexive_verb_are_only_itself():
    assert verb_forms("appellarsi") == {"appellarsi"}


def _write_lexicon(folder, *, verbs="dire: dice detto\n", cues="source\tsecondo\n"):
    (folder / "verbs.txt").write_text(verbs, encoding="utf-8")
    (folder / "cues.txt").write_text(cues, encoding="utf-8")
    (folder / "speakers.txt").write_text("# nouns\nportavoce\n", encoding="utf-8")
    (folder / "not_quotes.txt").write_text("libro\n", encoding="utf-8")


def test_custom_lexicon_adds_a_verb(tmp_path):
    _write_lexicon(tmp_path, verbs="# mine\ndire: dice detto\ncinguettare\n")
    finder = QuoteFinder(load_lexicon(tmp_path))
    text = "«Domani si vota, andate tutti», cinguetta Carlo Neri."
    assert quotes(text, NERI, finder=finder) == [
        ("Domani si vota, andate tutti", "direct", "Carlo Neri", "cinguetta")]


def test_bundled_lexicon_does_not_know_the_custom_verb():
    text = "«Domani si vota, andate tutti», cinguetta Carlo Neri."
    assert quotes(text, NERI) == []


def test_malformed_cue_line_names_file_and_line(tmp_path):
    _write_lexicon(tmp_path, cues="# cues\nsource\tsecondo\nfrase senza tipo\n")
    with pytest.raises(LexiconError) as caught:
        load_lexicon(tmp_path)
    assert f"{tmp_path / 'cues.txt'}:3:" in str(caught.value)


def test_missing_lexicon_file(tmp_path):
    _write_lexicon(tmp_path)
    (tmp_path / "speakers.txt").unlink()
    with pytest.raises(LexiconError, match="speakers.txt"):
        load_lexicon(tmp_path)


def test_a_user_cue_with_an_elided_article_matches(tmp_path):
    from annotator.nlp.quote_lexicon import LEXICON_DIR, load_lexicon
    from annotator.nlp.quotes import QuoteFinder

    for name in ("verbs.txt", "speakers.txt", "not_quotes.txt"):
        (tmp_path / name).write_text((LEXICON_DIR / name).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "cues.txt").write_text("source\tstando all'\n", encoding="utf-8")
    text = "Stando all'Onu, la situazione nel paese è ormai fuori controllo."
    onu = text.index("Onu")
    [found] = QuoteFinder(load_lexicon(tmp_path)).find(text, [(onu, onu + 3, "ORG")])
    assert (found.kind, text[found.start:found.end], text[found.speaker[0]:found.speaker[1]]) == (
        "indirect", "la situazione nel paese è ormai fuori controllo", "Onu")


_HOSTILE_PIECES = ["«", "»", '"', "“", "”", ":", ",", ".", ";", " - ", " – ", "(", ")", "\n", "\n\n", "Mario Rossi",
                   "ha detto", "che", "secondo", "il ministro", "a", "con", "al", "All", "Al-Alam", "Quest'ultima",
                   "Quando", "dicendo", "parlando", "ha stabilito", "queste le sue parole", "Nella sentenza si legge",
                   "come", "tramite", "¿¿¿", "12.30", "Un escursionista", "ho", "siamo", "Il presidente", "dopo",
                   "l'incontro", "dono", "chiare", "De", "André", "?", "!"]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_shuffled_news_words_with_entities_anywhere_never_break_the_finder(seed):
    """Random marks, cues and names, with entity spans anywhere (on punctuation too, as a user may
    draw them): the finder and the event suggester answer, and every quotation lies in the text."""
    rng = random.Random(seed)
    suggester = EventSuggester()
    for _ in range(300):
        text = " ".join(rng.choice(_HOSTILE_PIECES) for _ in range(rng.randint(1, 40)))
        entities = []
        for _ in range(rng.randint(0, 6)):
            start = rng.randrange(len(text))
            entities.append((start, min(len(text), start + rng.randint(1, 15)), rng.choice(["PER", "ORG", "LOC"])))
        quotes = find_quotes(text, entities)
        suggester.find(text, entities, quotes=quotes)
        assert all(0 <= q.start < q.end <= len(text) for q in quotes)
