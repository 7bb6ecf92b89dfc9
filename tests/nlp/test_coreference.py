"""Speakers and event arguments resolved to the named entity the article gives them (issue 15)."""

from __future__ import annotations

import re

import pytest

from annotator.nlp.coreference import Coreference, joined_names


def entities(text: str, *names: tuple[str, str]) -> list[tuple[int, int, str]]:
    """Every occurrence of each (name, label) in ``text`` as an entity span."""
    return [(m.start(), m.end(), label) for name, label in names for m in re.finditer(re.escape(name), text)]


def resolved(text: str, spans: list[tuple[int, int, str]], mention: str, occurrence: int = 0) -> str | None:
    start = [m.start() for m in re.finditer(re.escape(mention), text)][occurrence]
    found = Coreference(text, spans).resolve(start, start + len(mention))
    return None if found is None else f"{text[found[0]:found[1]]}/{found[2]}"


MARONI = ("Il ministro dell'Interno Roberto Maroni ha incontrato i prefetti. «Non cederemo», ha detto il "
          "ministro. Maroni ha poi aggiunto che lui non si dimetterà.")


def test_a_title_resolves_to_the_person_the_article_gives_it_to() -> None:
    assert resolved(MARONI, entities(MARONI, ("Roberto Maroni", "PER")), "il ministro") == "Roberto Maroni/PER"


def test_a_title_given_after_the_name_resolves_too() -> None:
    text = "Giorgia Rossi, deputata del Pd, ha presentato un'interrogazione. La deputata ha detto che è un errore."
    assert resolved(text, entities(text, ("Giorgia Rossi", "PER"), ("Pd", "ORG")), "La deputata") == "Giorgia Rossi/PER"


def test_a_title_given_after_the_name_and_a_connective_resolves_too() -> None:
    text = ("Matteo Brancaleoni però, cantante jazz milanese, non ci crede. Ha suonato con Franco Cerri. "
            "«È una sorpresa», dice il giovane cantante.")
    spans = entities(text, ("Franco Cerri", "PER"), ("Matteo Brancaleoni", "PER"))
    assert resolved(text, spans, "il giovane cantante") == "Matteo Brancaleoni/PER"


@pytest.mark.parametrize("mention, expected", [
    ("il ristoratore", "Marco Verdi/PER"), ("la ristoratrice", "Francesca Monaldi/PER")])
def test_a_noun_ending_as_a_man_s_or_a_woman_s_says_whom_it_stands_for(mention: str, expected: str) -> None:
    """Francesca Monaldi is named more often, but "il ristoratore" is a man."""
    text = ("Francesca Monaldi ha cenato nel locale di Marco Verdi. Francesca Monaldi ha pagato. "
            f"Secondo {mention} la cena costava cento euro.")
    spans = entities(text, ("Francesca Monaldi", "PER"), ("Marco Verdi", "PER"))
    assert resolved(text, spans, mention) == expected


def test_the_last_communique_is_no_one() -> None:
    text = "Il principe Ranieri III è morto. L'ultimo comunicato, in cui si affermava che era grave, risale a lunedì."
    assert resolved(text, entities(text, ("Ranieri III", "PER")), "L'ultimo comunicato") is None


def test_a_title_with_its_complement_picks_the_person_with_that_title() -> None:
    text = ("Il presidente del Consiglio Mario Monti ha visto il presidente della Repubblica Giorgio "
            "Napolitano. Il presidente del Consiglio ha detto che il governo andrà avanti.")
    spans = entities(text, ("Mario Monti", "PER"), ("Giorgio Napolitano", "PER"))
    assert resolved(text, spans, "Il presidente del Consiglio", 1) == "Mario Monti/PER"


def test_a_title_with_a_complement_no_one_holds_falls_back_to_its_noun() -> None:
    text = ("Il senatore Mario Monti ha incontrato i sindacati a Roma. In serata i delegati hanno lasciato la sala "
            "senza un accordo, e la trattativa riprenderà solo la prossima settimana con il nuovo governo. "
            "Il senatore a vita ha detto che la riforma andrà avanti comunque.")
    assert resolved(text, entities(text, ("Mario Monti", "PER"), ("Roma", "LOC")), "Il senatore a vita") == \
        "Mario Monti/PER"


def test_a_surname_resolves_to_the_fullest_name() -> None:
    spans = entities(MARONI, ("Roberto Maroni", "PER")) + [(MARONI.rindex("Maroni"), MARONI.rindex("Maroni") + 6, "PER")]
    assert resolved(MARONI, spans, "Maroni", 1) == "Roberto Maroni/PER"


def test_a_surname_the_ner_missed_still_resolves() -> None:
    assert resolved(MARONI, entities(MARONI, ("Roberto Maroni", "PER")), "Maroni", 1) == "Roberto Maroni/PER"


def test_a_surname_in_a_headline_resolves_to_the_name_given_later() -> None:
    text = "Lee: gli insetti ci salveranno\n\nIl ricercatore Simon Lee ha scoperto una molecola."
    assert resolved(text, entities(text, ("Simon Lee", "PER")), "Lee") == "Simon Lee/PER"


def test_a_pronoun_resolves_to_the_last_person_named() -> None:
    assert resolved(MARONI, entities(MARONI, ("Roberto Maroni", "PER")), "lui") == "Roberto Maroni/PER"


def test_an_acronym_resolves_to_the_body_named_in_full() -> None:
    text = "L'Organizzazione mondiale della sanità ha lanciato l'allarme. Secondo l'OMS il virus si diffonde."
    spans = entities(text, ("Organizzazione mondiale della sanità", "ORG"))
    assert resolved(text, spans, "OMS") == "Organizzazione mondiale della sanità/ORG"


def test_an_acronym_in_parentheses_resolves_even_when_its_letters_differ() -> None:
    text = "Il Fondo monetario internazionale (FMI) taglia le stime. Per l'FMI la crescita rallenta."
    spans = entities(text, ("Fondo monetario internazionale", "ORG"))
    assert resolved(text, spans, "FMI", 1) == "Fondo monetario internazionale/ORG"


def test_a_title_named_in_its_own_apposition_resolves_to_that_name() -> None:
    text = "Il portavoce di Palazzo Chigi, Silvio Sircana, ha detto che il governo non cadrà."
    spans = entities(text, ("Palazzo Chigi", "ORG"), ("Silvio Sircana", "PER"))
    assert resolved(text, spans, "Il portavoce di Palazzo Chigi") == "Silvio Sircana/PER"


@pytest.mark.parametrize("mention", ["Un testimone", "Il portavoce del Cremlino"])
def test_someone_the_article_never_names_resolves_to_no_one(mention: str) -> None:
    text = ("Vladimir Putin ha parlato ai giornalisti. Un testimone ha riferito che c'era molta gente. "
            "Il portavoce del Cremlino ha smentito.")
    assert resolved(text, entities(text, ("Vladimir Putin", "PER"), ("Cremlino", "LOC")), mention) is None


def test_a_body_named_with_its_noun_resolves_to_its_name() -> None:
    text = "La Fiat ha chiuso lo stabilimento. La società ha detto che riaprirà a maggio."
    assert resolved(text, entities(text, ("Fiat", "ORG")), "La società") == "Fiat/ORG"


def test_a_name_resolves_to_itself() -> None:
    assert resolved(MARONI, entities(MARONI, ("Roberto Maroni", "PER")), "Roberto Maroni") == "Roberto Maroni/PER"


def test_two_people_with_one_surname_resolve_to_the_nearest_before() -> None:
    text = "Barack Obama e Michelle Obama sono arrivati. Più tardi Michelle Obama ha parlato. Obama ha detto che è felice."
    spans = entities(text, ("Barack Obama", "PER"), ("Michelle Obama", "PER"))
    assert resolved(text, spans, "Obama", 3) == "Michelle Obama/PER"


def test_the_quotation_finder_gives_each_speaker_its_entity() -> None:
    from annotator.nlp.quotes import find_quotes

    found = find_quotes(MARONI, entities(MARONI, ("Roberto Maroni", "PER")))
    assert found, "the quotation is found"
    quote = next(q for q in found if "cederemo" in MARONI[q.start:q.end])
    assert quote.entity is not None and MARONI[quote.entity[0]:quote.entity[1]] == "Roberto Maroni"


def test_gold_markup_ref_gives_the_speaker_its_entity_and_the_score_counts_it() -> None:
    from annotator.formats.quote_markup import parse_document
    from annotator.nlp.quote_evaluation import score_quotes
    from annotator.nlp.quotes import FoundQuote

    gold = parse_document("d", 'Il ministro Roberto Maroni è arrivato. «<q id="q1" kind="direct">Non cederemo</q>», '
                               '<cue q="q1">ha detto</cue> <sp q="q1" label="PER" ref="Roberto Maroni">il ministro</sp>.')
    (quote,) = gold.quotes
    assert gold.text[slice(*quote.speaker_entity)] == "Roberto Maroni"
    speaker = (gold.text.rindex("il ministro"), gold.text.rindex("il ministro") + 11)
    name = (gold.text.index("Roberto"), gold.text.index("Roberto") + 14)
    right = FoundQuote(quote.start, quote.end, "direct", speaker, None, quote.cue, entity=(*name, "PER"))
    unresolved = FoundQuote(quote.start, quote.end, "direct", speaker, None, quote.cue, entity=None)
    assert score_quotes([(gold.text, gold.quotes, [right])]).resolved.value == 1.0
    assert score_quotes([(gold.text, gold.quotes, [unresolved])]).resolved.value == 0.0


@pytest.mark.parametrize("text, names, mention, expected", [
    ("Gli avvocati di Saddam Hussein hanno detto che il verdetto è politico.", [("Saddam Hussein", "PER")],
     "Gli avvocati di Saddam Hussein", None),
    ("Un responsabile del Robert Koch-Institut ha detto che il virus è distrutto.", [("Robert Koch-Institut", "ORG")],
     "Un responsabile del Robert Koch-Institut", None),
    ("La stampa del Regno Unito scrive che Gazza ha avvisato la famiglia.", [("Regno Unito", "LOC")],
     "La stampa del Regno Unito", None),
    ("La polizia ha detto che la strada è pericolosa.", [("polizia", "ORG")], "La polizia", None),
    # the person the article is about, named inside the description, is whose family, not who
    ("Francesco Montis è morto in carcere. Il giovane aveva 30 anni. La famiglia di Francesco Montis ha "
     "detto che il figlio stava male.", [("Francesco Montis", "PER")],
     "La famiglia di Francesco Montis", None),
    ("Il ministro delle Foreste Parimal Suklabaidya ha detto che i morti sono nove.", [],
     "Il ministro delle Foreste Parimal Suklabaidya", "Parimal Suklabaidya/PER"),
    # a hyphenated name the NER missed, after the body whose title it is
    ("Il segretario generale dell'Onu Ban Ki-moon ha detto di sperare in una soluzione.", [("Onu", "ORG")],
     "Il segretario generale dell'Onu Ban Ki-moon", "Ban Ki-moon/PER"),
])
def test_a_description_is_resolved_only_to_whom_it_names(text, names, mention, expected) -> None:
    assert resolved(text, entities(text, *names), mention) == expected


def test_an_unknown_definite_description_resolves_to_the_person_the_article_is_about() -> None:
    text = ("Nicola Mancino è il nuovo vicepresidente del Csm. Il voto su Mancino è stato unanime e anche Carlo "
            "Rossi lo ha votato. «Sono emozionato», ha detto il nuovo numero due di Palazzo dei Marescialli.")
    spans = entities(text, ("Nicola Mancino", "PER"), ("su Mancino", "PER"), ("Carlo Rossi", "PER"),
                     ("Palazzo dei Marescialli", "LOC"), ("Csm", "ORG"))
    spans = [(s + 3, e, label) if text[s:e] == "su Mancino" else (s, e, label) for s, e, label in spans]
    assert resolved(text, spans, "il nuovo numero due di Palazzo dei Marescialli") == "Nicola Mancino/PER"


@pytest.mark.parametrize("mention", ["l'accusa", "la stessa fonte", "la stampa"])
def test_a_side_a_source_or_the_press_resolves_to_no_one(mention: str) -> None:
    text = f"Il pubblico ministero Luca Tescaroli ha parlato a lungo. Secondo {mention}, i quattro sono colpevoli."
    assert resolved(text, entities(text, ("Luca Tescaroli", "PER")), mention) is None


def test_a_body_the_ner_tagged_in_lower_case_resolves_to_itself_when_it_says_which() -> None:
    text = "Secondo la polizia tedesca non c'è stato alcun aumento dei furti."
    assert resolved(text, entities(text, ("polizia tedesca", "ORG")), "la polizia tedesca") == "polizia tedesca/ORG"


def test_an_agency_name_the_ner_missed_resolves_to_its_words() -> None:
    text = "Secondo quanto riportato dall'agenzia di stampa Kazinform, il presidente è positivo al virus."
    assert resolved(text, [], "agenzia di stampa Kazinform") == "Kazinform/ORG"


def test_the_person_an_article_is_about_is_not_taken_from_the_article_before() -> None:
    text = ("Scoperto un fossile in Polonia\n\nIl paleontologo Tomasz Sulej ha descritto il rettile. Sulej lo ha "
            "chiamato drago. Sulej è soddisfatto.\n\nMancino eletto al Csm\n\nNicola Mancino è stato eletto "
            "vicepresidente del Csm. «Sono emozionato», ha detto il nuovo numero due di Palazzo dei Marescialli.")
    spans = entities(text, ("Tomasz Sulej", "PER"), ("Nicola Mancino", "PER"), ("Csm", "ORG"))
    spans += [(m.start(), m.end(), "PER") for m in re.finditer(r"Sulej(?= (?:lo|è))", text)]
    assert resolved(text, spans, "il nuovo numero due di Palazzo dei Marescialli") == "Nicola Mancino/PER"


def test_a_first_name_resolves_to_the_one_person_who_bears_it() -> None:
    text = "Lucinio Sconfietti allena i ragazzi da vent'anni. «Avevano bisogno di me», racconta Lucinio."
    spans = entities(text, ("Lucinio Sconfietti", "PER")) + [(text.rindex("Lucinio"), text.rindex("Lucinio") + 7, "PER")]
    assert resolved(text, spans, "Lucinio", 1) == "Lucinio Sconfietti/PER"
    two = "Mario Rossi e Mario Bianchi sono arrivati. «Siamo qui», ha detto Mario."
    spans = entities(two, ("Mario Rossi", "PER"), ("Mario Bianchi", "PER")) + [(two.rindex("Mario"), two.rindex("Mario") + 5, "PER")]
    assert resolved(two, spans, "Mario", 2) == "Mario/PER"  # two Marios: the first name alone says no more


def test_a_title_no_one_holds_stands_for_a_person_named_just_before_only() -> None:
    near = "Maria Rossi è arrivata ieri a Roma. La campionessa ha detto di essere felice."
    assert resolved(near, entities(near, ("Maria Rossi", "PER"), ("Roma", "LOC")), "La campionessa") == \
        "Maria Rossi/PER"
    far = ("Angelo Vassallo lascia moglie e due figli. Era noto in tutta la provincia per l'attività che esercitava "
           "professionalmente insieme al fratello, in mare ogni mattina prima dell'alba e in comune ogni sera. "
           "Il paese lo ricorda con affetto; le esequie si terranno domani nella chiesa madre della frazione, "
           "dove sono attese migliaia di persone da tutta la regione e da fuori. Il papa ha inviato un messaggio.")
    assert resolved(far, entities(far, ("Angelo Vassallo", "PER")), "Il papa") is None


def test_several_people_described_are_not_the_one_named_last() -> None:
    from annotator.nlp.quotes import find_quotes

    def speakers(text: str) -> list[tuple[str, str | None]]:
        return [(text[slice(*q.speaker)], q.entity and text[q.entity[0]:q.entity[1]])
                for q in find_quotes(text, entities(text, ("Michael Schumacher", "PER")))]

    text = "Michael Schumacher è caduto sugli sci. I medici hanno detto che le sue condizioni sono gravi."
    assert speakers(text) == [("I medici", None)]
    text = "Michael Schumacher è caduto sugli sci. Il campione ha detto che le sue condizioni sono buone."
    assert speakers(text) == [("Il campione", "Michael Schumacher")]


def test_a_text_or_an_abstraction_is_not_the_person_the_article_is_about() -> None:
    text = ("Donald McEachin ha presentato la proposta. Donald McEachin l'ha difesa in aula. "
            "La risoluzione afferma che la schiavitù fu un crimine.")
    spans = entities(text, ("Donald McEachin", "PER"))
    assert resolved(text, spans, "La risoluzione") is None
    text = ("Donald McEachin ha presentato la proposta. Donald McEachin l'ha difesa in aula. "
            "L'ex deputato afferma che la schiavitù fu un crimine.")
    assert resolved(text, entities(text, ("Donald McEachin", "PER")), "L'ex deputato") == "Donald McEachin/PER"



def test_a_nickname_the_article_gives_resolves_to_the_full_name() -> None:
    text = ("Hassan Mustafa Osama Nasr, detto Abu Omar, era stato rapito a Milano. "
            "Omar ha detto che vorrebbe tornare in Italia.")
    spans = entities(text, ("Hassan Mustafa Osama Nasr", "PER"), ("Abu Omar", "PER"))
    spans.append((text.index("Omar ha"), text.index("Omar ha") + 4, "PER"))
    assert resolved(text, spans, "Omar", 1) == "Hassan Mustafa Osama Nasr/PER"
    assert resolved(text, spans, "Abu Omar") == "Hassan Mustafa Osama Nasr/PER"


def test_two_people_naming_each_other_as_nicknames_do_not_loop() -> None:
    text = "Mario Rossi, detto Gino Bianchi, e Gino Bianchi, detto Mario Rossi, hanno parlato. Rossi ha detto no."
    spans = entities(text, ("Mario Rossi", "PER"), ("Gino Bianchi", "PER"))
    assert resolved(text, spans, "Rossi ha") in ("Mario Rossi/PER", "Gino Bianchi/PER")


def test_a_name_the_ner_split_at_a_hyphen_is_one_name_again() -> None:
    text = "Tommaso Padoa-Schioppa e Jean-Claude Trichet al vertice Renzi-Alfano prima di Juventus-Milan."
    split = [(text.index(name), text.index(name) + len(name), label) for name, label in (
        ("Tommaso Padoa", "PER"), ("Schioppa", "PER"), ("Jean", "PER"), ("Claude Trichet", "PER"),
        ("Renzi", "PER"), ("Alfano", "PER"), ("Juventus", "ORG"), ("Milan", "ORG"))]
    assert [text[s:e] for s, e, _ in joined_names(text, split)] == [
        "Tommaso Padoa-Schioppa", "Jean-Claude Trichet", "Renzi", "Alfano", "Juventus", "Milan"]


def test_a_speaker_named_by_a_split_hyphenated_surname_resolves_to_the_full_name() -> None:
    from annotator.nlp.quotes import find_quotes

    text = ("Daniel Domscheit-Berg ha lasciato Wikileaks. Domscheit-Berg ha detto che i documenti non pubblicati "
            "sono stati distrutti.")
    spans = entities(text, ("Daniel Domscheit", "PER"), ("Domscheit", "PER"), ("Berg", "PER"), ("Wikileaks", "ORG"))
    spans = [s for s in spans if not (s[2] == "PER" and text[s[0]:s[1]] == "Domscheit" and s[0] < 10)]
    quote = find_quotes(text, spans)[0]
    assert text[quote.entity[0]:quote.entity[1]] == "Daniel Domscheit-Berg"


def test_l_organizzazione_is_the_body_just_named() -> None:
    text = ("Il Royal Ocean Racing Club ha annullato la regata. L'organizzazione ha spiegato di aver preferito "
            "annullare la manifestazione.")
    spans = entities(text, ("Royal Ocean Racing Club", "ORG"))
    assert resolved(text, spans, "L'organizzazione") == "Royal Ocean Racing Club/ORG"


def test_a_title_for_the_same_office_resolves_to_the_person_holding_it() -> None:
    text = ("Il ministro dei Trasporti Alessandro Bianchi ha presentato il decreto. Poi Mario Rossi ha parlato a "
            "lungo. «Ci saranno pene più severe», ha detto il titolare dei Trasporti.")
    spans = entities(text, ("Alessandro Bianchi", "PER"), ("Mario Rossi", "PER"))
    index = Coreference(text, spans, person_nouns=["titolare"])
    start = text.index("il titolare dei Trasporti")
    found = index.resolve(start, start + len("il titolare dei Trasporti"))
    assert found is not None and text[found[0]:found[1]] == "Alessandro Bianchi"
    # another office ("della Farnesina") is not his
    other = "Il presidente della Camera ha detto che il titolare della Farnesina partirà. " + text
    index = Coreference(other, entities(other, ("Alessandro Bianchi", "PER")), person_nouns=["titolare"])
    start = other.index("il titolare della Farnesina")
    assert index.resolve(start, start + len("il titolare della Farnesina")) is None


def test_a_nickname_after_a_masculine_article_is_the_person_the_news_is_about() -> None:
    text = ("Silvio Berlusconi ha parlato a Vicenza con Fabio Mussi. Berlusconi ha attaccato la manovra. "
            "«Ci hanno chiuso le porte», ha detto il Cavaliere.")
    spans = entities(text, ("Silvio Berlusconi", "PER"), ("Fabio Mussi", "PER"), ("Cavaliere", "PER"))
    spans += [(m.start(), m.end(), "PER") for m in re.finditer(r"(?<=\. )Berlusconi", text)]
    assert resolved(text, spans, "Cavaliere") == "Silvio Berlusconi/PER"
    # a name with no article is that person, whoever else the article names more
    text = "Silvio Berlusconi ha parlato. Berlusconi ha attaccato. «Non ci sto», ha detto Mussi."
    spans = entities(text, ("Silvio Berlusconi", "PER"), ("Mussi", "PER"))
    spans += [(m.start(), m.end(), "PER") for m in re.finditer(r"(?<=\. )Berlusconi", text)]
    assert resolved(text, spans, "Mussi") == "Mussi/PER"


def test_a_name_spelled_with_other_accents_is_the_same_person() -> None:
    text = "Il presidente Viktor Janukovyč ha parlato. Poi Janukovyċ ha accusato i neofascisti."
    spans = entities(text, ("Viktor Janukovyč", "PER"), ("Janukovyċ", "PER"))
    assert resolved(text, spans, "Janukovyċ") == "Viktor Janukovyč/PER"
    text = "Hugo Chávez ha vinto. «Otto stelle», ha detto Chavez."
    assert resolved(text, entities(text, ("Hugo Chávez", "PER"), ("Chavez", "PER")), "Chavez") == "Hugo Chávez/PER"


@pytest.mark.parametrize("text, mention, expected", [
    ("Francesca Bianchi ha incontrato Mario Rossi. Lei ha detto che l'accordo è vicino.", "Lei", "Francesca Bianchi/PER"),
    ("Francesca Bianchi ha incontrato Mario Rossi. Lui ha detto che l'accordo è vicino.", "Lui", "Mario Rossi/PER"),
    ("Mario Rossi ha incontrato Francesca Bianchi. Il ministro ha detto che l'accordo è vicino.", "Il ministro",
     "Francesca Bianchi/PER"),  # a masculine title is given to women too: it tells nothing
    ("Francesca Bianchi ha incontrato Mario Rossi. La ministra ha detto che l'accordo è vicino.", "La ministra",
     "Francesca Bianchi/PER"),
    ("Andrea Rossi ha incontrato Francesca Bianchi. Lui ha detto che l'accordo è vicino.", "Lui", "Andrea Rossi/PER"),
])
def test_a_pronoun_or_title_takes_the_last_person_of_its_gender(text: str, mention: str, expected: str) -> None:
    spans = entities(text, ("Mario Rossi", "PER"), ("Andrea Rossi", "PER"), ("Francesca Bianchi", "PER"))
    assert resolved(text, spans, mention) == expected


def test_a_noun_whose_gender_is_not_the_persons_agrees_with_anyone() -> None:
    text = "Mario Rossi è stato aggredito in strada. La vittima ha detto che non conosceva l'aggressore."
    assert resolved(text, entities(text, ("Mario Rossi", "PER")), "La vittima") == "Mario Rossi/PER"


def test_a_surname_whose_fullest_form_is_someone_else_stands_for_itself() -> None:
    text = ("Ivanka Trump è arrivata alla Casa Bianca. Poco dopo Trump è uscito a piedi. "
            "Lui ha detto che la Bibbia è sua.")
    spans = entities(text, ("Ivanka Trump", "PER"), ("Trump", "PER"))
    spans = [s for s in spans if s != (text.index("Trump"), text.index("Trump") + 5, "PER")]
    assert resolved(text, spans, "Lui") == "Trump/PER"


def test_a_description_naming_a_man_is_not_the_woman_the_article_is_about() -> None:
    text = ("Vanessa Scialfa è stata trovata morta in casa. Vanessa Scialfa aveva 20 anni. "
            "L'uomo ha confessato di averla uccisa.")
    assert resolved(text, entities(text, ("Vanessa Scialfa", "PER")), "L'uomo") is None


@pytest.mark.parametrize("first_name, gender", [
    ("Francesca", "f"), ("Mario", "m"), ("Andrea", "m"), ("Luca", "m"), ("Michele", "m"), ("Beatrice", "f"),
    ("Mustafa", "m"), ("Kim", None), ("Jean", None),
])
def test_the_gender_an_italian_first_name_shows(first_name: str, gender: str | None) -> None:
    from annotator.nlp.gender import name_gender

    assert name_gender(first_name) == gender


@pytest.mark.parametrize("text, name, mention", [
    ("Il giudice per le indagini preliminari di Roma, Valerio Savio, ha respinto l'istanza della difesa. "
     "Mario Scaramella resta in carcere. Per il magistrato sussiste il pericolo di fuga.", "Valerio Savio",
     "il magistrato"),
    ("Il giudice per le indagini preliminari di Roma, Valerio Savio, ha respinto l'istanza della difesa. "
     "Mario Scaramella resta in carcere. Il Gip ha scritto che sussiste il pericolo di fuga.", "Valerio Savio",
     "Il Gip"),
    ("Papa Benedetto XVI è arrivato a Vienna, accolto dal presidente Heinz Fischer. "
     "Il pontefice ha detto di sentirsi pellegrino.", "Papa Benedetto XVI", "Il pontefice"),
    ("Il presidente del Consiglio Giuseppe Conte ha invitato Donald Trump a Palermo. "
     "Il premier ha detto che la conferenza è stata un successo.", "Giuseppe Conte", "Il premier"),
    ("La fiaccolata per Nicola Tommasoli è stata voluta dal sindaco Flavio Tosi. Nicola Tommasoli aveva 29 anni. "
     "«Ho proposto questa manifestazione», ha dichiarato il primo cittadino.", "Flavio Tosi", "il primo cittadino"),
    ("Il ministro dell'Interno Roberto Maroni ha incontrato i prefetti. Più tardi Mario Rossi ha parlato ai "
     "giornalisti. Il capo del Viminale ha detto che i controlli saranno rafforzati.", "Roberto Maroni",
     "Il capo del Viminale"),
])
def test_a_title_resolves_through_another_name_of_the_same_office(text: str, name: str, mention: str) -> None:
    names = [(n, "PER") for n in ("Valerio Savio", "Mario Scaramella", "Papa Benedetto XVI", "Heinz Fischer",
                                  "Giuseppe Conte", "Donald Trump", "Nicola Tommasoli", "Flavio Tosi",
                                  "Roberto Maroni", "Mario Rossi") if n in text]
    assert resolved(text, entities(text, *names), mention) == f"{name}/PER"


@pytest.mark.parametrize("text, mention", [
    ("Migliaia di persone hanno sfilato dietro a José Perez. Il corteo ha definito la legge scandalosa.", "Il corteo"),
    ("Michael Schumacher è stato ricoverato a Grenoble. Lo staff ha detto che le sue condizioni sono gravi.",
     "Lo staff"),
    ("Francesco Montis è stato trovato morto in casa. L'autopsia ha stabilito che è morto strangolato.",
     "L'autopsia"),
])
def test_a_body_of_people_or_a_document_is_not_the_person_the_article_is_about(text: str, mention: str) -> None:
    names = [(n, "PER") for n in ("José Perez", "Michael Schumacher", "Francesco Montis") if n in text]
    assert resolved(text, entities(text, *names), mention) is None


def test_a_pronoun_looks_back_over_a_few_people_of_the_other_gender_not_the_whole_text() -> None:
    men = " ".join(f"Mario Rossi{i} è arrivato." for i in range(3)) + " "
    near = "Francesca Bianchi era in aula. " + men + "Lei ha detto che l'accordo è vicino."
    names = [(m.start(), m.end(), "PER") for m in re.finditer(r"Mario Rossi\d|Francesca Bianchi", near)]
    assert resolved(near, names, "Lei") == "Francesca Bianchi/PER"
    many = " ".join(f"Mario Rossi{i} è arrivato." for i in range(20)) + " "
    far = "Francesca Bianchi era in aula. " + many + "Lei ha detto che l'accordo è vicino."
    names = [(m.start(), m.end(), "PER") for m in re.finditer(r"Mario Rossi\d+|Francesca Bianchi", far)]
    assert resolved(far, names, "Lei") is None


@pytest.mark.parametrize("text, mention", [
    ("Il quotidiano cinese Beijing News accusa Google. Secondo il giornale, Google non ha la licenza.", "il giornale"),
    ("Al-Alam, una televisione araba, ha dato la notizia a Google. La televisione ha poi corretto.", "La televisione"),
])
def test_a_bare_media_noun_resolves_to_the_outlet_the_article_introduced(text: str, mention: str) -> None:
    outlet = "Beijing News" if "Beijing" in text else "Al-Alam"
    assert resolved(text, entities(text, (outlet, "ORG"), ("Google", "ORG")), mention) == f"{outlet}/ORG"


def test_a_bare_media_noun_with_no_outlet_introduced_resolves_to_no_one() -> None:
    text = "Google ha risposto al governo. Secondo il giornale, la licenza manca."
    assert resolved(text, entities(text, ("Google", "ORG")), "il giornale") is None


@pytest.mark.parametrize("text, mention, expected", [
    ("Secondo il quotidiano Tiempo Argentino l'ex presidente mentì a Mario Rossi. Lo stesso quotidiano scrive che "
     "è sospettato.", "stesso quotidiano", "Tiempo Argentino/ORG"),
    ("L'Usada ha aperto un'indagine su Mario Rossi. L'agenzia stessa ha detto che non risulta alcuna "
     "autorizzazione.", "L'agenzia stessa", "Usada/ORG"),
])
def test_stesso_points_back_to_the_body_just_named(text: str, mention: str, expected: str) -> None:
    spans = entities(text, ("Tiempo Argentino", "ORG"), ("Usada", "ORG"), ("Mario Rossi", "PER"))
    assert resolved(text, spans, mention) == expected


def test_a_bare_plural_person_noun_is_several_people_not_the_last_named() -> None:
    text = "Poco dopo, a trenta chilometri da Ascoli Piceno testimoni riferiscono di aver visto i due aerei."
    spans = entities(text, ("Ascoli Piceno", "PER"))  # the place taken for a person, as the NER may
    coreference = Coreference(text, spans, person_nouns=("testimoni", "testimone"))  # the finder's speaker nouns
    start = text.index("testimoni")
    assert coreference.resolve(start, start + len("testimoni")) is None


def test_a_capitalised_common_noun_the_ner_took_for_a_person_is_no_name() -> None:
    text = "Qui è stato confermato dai Magistrati che l'uomo resterà in carcere."
    coreference = Coreference(text, entities(text, ("Magistrati", "PER")), person_nouns=("magistrati",))
    start = text.index("Magistrati")
    assert coreference.resolve(start, start + len("Magistrati")) is None


@pytest.mark.parametrize("mention, expected", [("Il centrodestra", "centrodestra/ORG"), ("la sinistra del Pd", "sinistra del Pd/ORG")])
def test_a_political_camp_is_its_own_entity_not_a_person_named_in_it(mention: str, expected: str) -> None:
    text = f"Gianfranco Fini ha parlato a lungo. {mention} ha detto che il governo deve cadere."
    assert resolved(text, entities(text, ("Gianfranco Fini", "PER"), ("Pd", "ORG")), mention) == expected


def test_a_body_the_ner_tagged_in_lower_case_is_its_own_entity_but_not_its_spokesman() -> None:
    text = "Secondo la protezione civile, i dispersi sono tre. Il portavoce della protezione civile lo conferma."
    spans = entities(text, ("protezione civile", "ORG"))
    assert resolved(text, spans, "la protezione civile") == "protezione civile/ORG"
    assert resolved(text, spans, "Il portavoce della protezione civile") is None


def test_a_title_no_one_was_given_resolves_to_the_person_most_named_near_it_not_the_last() -> None:
    text = ("Giuliano Razzoli ha vinto lo slalom. Razzoli, già in testa dopo la prima manche, ha preceduto "
            "Ivica Kostelic; Razzoli ha chiuso in 1:39, mentre Christian Deville non ha finito la gara. "
            "A fine gara, il neo-campione olimpico ha dichiarato: «Non ho parole».")
    spans = entities(text, ("Giuliano Razzoli", "PER"), ("Razzoli", "PER"), ("Ivica Kostelic", "PER"),
                     ("Christian Deville", "PER"))
    spans = [s for s in spans if not any(o[0] < s[0] and s[1] <= o[1] for o in spans)]
    assert resolved(text, spans, "il neo-campione olimpico") == "Giuliano Razzoli/PER"


def test_the_person_most_named_is_not_taken_for_a_title_the_article_gave_someone_else() -> None:
    text = ("La Camera ha archiviato la richiesta contro il Presidente della Repubblica Giorgio Napolitano. "
            "Napolitano non ha commentato la vicenda riportata da Alan Friedman. Il giornalista scrive che "
            "tutto era già deciso.")
    spans = entities(text, ("Giorgio Napolitano", "PER"), ("Alan Friedman", "PER"))
    spans += [(m.start(), m.end(), "PER") for m in re.finditer(r"Napolitano non", text)]
    spans = [(a, a + len("Napolitano"), l) if text[a:b] == "Napolitano non" else (a, b, l) for a, b, l in spans]
    assert resolved(text, spans, "Il giornalista") == "Alan Friedman/PER"


def test_kin_of_the_person_the_article_is_about_is_the_last_named_not_that_person() -> None:
    text = ("Kim Basinger ha presentato il film a Venezia. La Basinger era accompagnata da Alec Baldwin, e il "
            "marito ha detto che il film gli è piaciuto.")
    spans = entities(text, ("Kim Basinger", "PER"), ("Alec Baldwin", "PER"))
    spans.append((text.index("Basinger era"), text.index("Basinger era") + len("Basinger"), "PER"))
    assert resolved(text, spans, "il marito") == "Alec Baldwin/PER"


def test_a_noun_the_article_puts_before_a_name_is_that_person_s_title() -> None:
    text = ("Giuseppe Mango è morto ieri. Aveva lavorato a lungo con il paroliere Mogol. Mango era nato nel 1954. "
            "Il paroliere ha detto: «Ho perso un amico».")
    spans = entities(text, ("Giuseppe Mango", "PER"), ("Mogol", "PER"))
    spans += [(m.start(), m.start() + 5, "PER") for m in re.finditer(r"Mango era", text)]
    assert resolved(text, spans, "Il paroliere") == "Mogol/PER"


def test_another_word_for_the_same_office_resolves_to_its_holder() -> None:
    text = ("Il re Guglielmo Alessandro è salito al trono. La regina Maxima ha pianto, per via del padre e di "
            "Jorge Videla. Il neo-sovrano si è così espresso: «Vorrei essere un re delle tradizioni».")
    spans = entities(text, ("Guglielmo Alessandro", "PER"), ("Maxima", "PER"), ("Jorge Videla", "PER"))
    assert resolved(text, spans, "Il neo-sovrano") == "Guglielmo Alessandro/PER"


@pytest.mark.parametrize("break_", ["\n\n", "\n", " "])
def test_an_article_s_people_do_not_pass_to_the_next_whether_blank_lines_line_breaks_or_a_run_in_headline_part_them(
        break_: str) -> None:
    text = break_.join([
        "Arrestato Mario Rossi", "Mario Rossi è stato arrestato ieri a Roma. Rossi era ricercato da mesi.",
        "Terremoto in Giappone", "Una forte scossa ha colpito la costa.", "Il sopravvissuto ha detto che è stato terribile."])
    spans = entities(text, ("Mario Rossi", "PER"))
    spans.append((text.index("Rossi era"), text.index("Rossi era") + 5, "PER"))
    assert resolved(text, spans, "Il sopravvissuto") is None


def test_a_text_with_nothing_that_parts_its_articles_is_one_article() -> None:
    text = ("Arrestato Mario Rossi Mario Rossi è stato arrestato ieri a Roma. Rossi era ricercato da mesi. "
            "Terremoto in Giappone Scosse forti hanno colpito la costa. Il sopravvissuto ha detto che è stato terribile.")
    spans = entities(text, ("Mario Rossi", "PER"))
    spans.append((text.index("Rossi era"), text.index("Rossi era") + 5, "PER"))
    assert resolved(text, spans, "Il sopravvissuto") == "Mario Rossi/PER"  # the one the text is about


def test_a_headline_run_into_its_text_that_names_again_whom_it_names_parts_the_articles() -> None:
    text = ("Scoperto un dinosauro in Polonia Il paleontologo Tomasz Sulej lo ha studiato per anni. Secondo Sulej "
            "era un predatore. Sulej lo esporrà ad agosto. Nicola Mancino è il nuovo Vicepresidente del Csm Nicola "
            "Mancino è stato eletto all'unanimità. «Non nascondo la mia emozione», ha detto il nuovo numero due di "
            "Palazzo dei Marescialli.")
    spans = entities(text, ("Tomasz Sulej", "PER"), ("Sulej era", "PER"), ("Sulej lo", "PER"), ("Nicola Mancino", "PER"))
    spans = [(a, a + 5, label) if text[a:b] in ("Sulej era", "Sulej lo") else (a, b, label) for a, b, label in spans]
    assert resolved(text, spans, "il nuovo numero due") == "Nicola Mancino/PER"


@pytest.mark.parametrize("body", ["accademia", "comitato", "redazione", "scuola"])
def test_a_body_s_noun_is_no_person_named_before_it(body: str) -> None:
    name = f"{body.capitalize()} Reale delle Scienze"
    text = f"La {name} ha premiato Gerhard Ertl. Secondo la {body} svedese il lavoro di Ertl è stato decisivo."
    spans = entities(text, (name, "ORG"), ("Gerhard Ertl", "PER"), ("Ertl è", "PER"))
    spans = [(a, a + 4, l) if text[a:b] == "Ertl è" else (a, b, l) for a, b, l in spans]
    assert resolved(text, spans, f"la {body} svedese") == f"{name}/ORG"


def test_a_title_after_an_epithet_resolves_to_the_person_the_epithet_stands_for() -> None:
    text = ("Silvio Berlusconi è tornato in piazza a Roma. " + "Il corteo ha attraversato il centro. " * 20 +
            "Il Cavaliere, ancora convalescente, è stato accolto dagli applausi. L'ex premier si è detto commosso.")
    spans = [(m.start(), m.end(), "PER") for m in re.finditer(r"Silvio Berlusconi|Cavaliere", text)]
    assert resolved(text, spans, "L'ex premier") == "Silvio Berlusconi/PER"


def test_an_epithet_italian_news_gives_someone_is_that_person_even_when_another_is_named_more() -> None:
    text = ("Romano Prodi difende la manovra. Prodi ha incontrato i sindacati, e Prodi ha risposto alle critiche di "
            "Silvio Berlusconi. Da Vicenza, il Cavaliere ha detto che il governo cadrà.")
    spans = entities(text, ("Romano Prodi", "PER"), ("Silvio Berlusconi", "PER"), ("Cavaliere", "PER"))
    spans += [(m.start(), m.end(), "PER") for m in re.finditer(r"\bProdi\b(?= ha)", text)]
    assert resolved(text, spans, "il Cavaliere") == "Silvio Berlusconi/PER"
    unknown = text.replace("Cavaliere", "Molosso")  # an epithet the project does not know: whom the article is about
    spans = entities(unknown, ("Romano Prodi", "PER"), ("Silvio Berlusconi", "PER"), ("Molosso", "PER"))
    spans += [(m.start(), m.end(), "PER") for m in re.finditer(r"\bProdi\b(?= ha)", unknown)]
    assert resolved(unknown, spans, "il Molosso") == "Romano Prodi/PER"


@pytest.mark.parametrize("thing", ["L'episodio", "La puntata", "Il documentario"])
def test_an_episode_or_a_programme_is_no_person(thing: str) -> None:
    text = (f"Brion Vibber ha ripristinato il servizio. Netflix ha rimosso una docu-serie. {thing} diceva che "
            "l'origine dell'AIDS fosse Haiti.")
    spans = entities(text, ("Brion Vibber", "PER"), ("Netflix", "ORG"), ("Haiti", "LOC"))
    assert resolved(text, spans, thing) is None
