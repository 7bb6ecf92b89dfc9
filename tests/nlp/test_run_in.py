"""A headline run into its article's text with no line break (a text whose builder joined the
sentences with spaces): where the text starts is a sentence's start and an article's (issue 15)."""

from __future__ import annotations

import re

import pytest

from annotator.nlp.quote_marks import text_sentence_ends
from annotator.nlp.quotes import QuoteFinder
from annotator.nlp.run_in import run_in_headlines

BEFORE = "Il tribunale ha respinto il ricorso. "


def headlines(text: str) -> list[tuple[str, str]]:
    """Each run-in headline found, and the first words of the text after it."""
    return [(text[start:end].strip(), " ".join(text[end:].split()[:2])) for start, end in run_in_headlines(text)]


@pytest.mark.parametrize(("text", "headline", "opening"), [
    ("Microsoft critica Google sul copyright Alcuni funzionari del gigante del software hanno constatato che…",
     "Microsoft critica Google sul copyright", "Alcuni funzionari"),
    ("Incendio ad Acilia, vittima l'ennesimo autobus romano Ieri pomeriggio un autobus ha preso fuoco.",
     "Incendio ad Acilia, vittima l'ennesimo autobus romano", "Ieri pomeriggio"),
    ("Giornale cinese accusa Google L'azienda non ha la licenza.", "Giornale cinese accusa Google", "L'azienda non"),
    ("Il presidente del Ghana John Kufuor Dopo questo episodio Kibaki ha parlato.",
     "Il presidente del Ghana John Kufuor", "Dopo questo"),
    ("Il Milan attende la decisione dell'UEFA Giovedì il Milan conoscerà le sue sorti.",
     "Il Milan attende la decisione dell'UEFA", "Giovedì il"),
    ("Nicola Mancino è il nuovo vicepresidente del Csm Nicola Mancino è stato eletto all'unanimità.",
     "Nicola Mancino è il nuovo vicepresidente del Csm", "Nicola Mancino"),
    ("Arrestato Mario Rossi Mario Rossi è stato fermato ieri.", "Arrestato Mario Rossi", "Mario Rossi"),
    ("Veltroni risponde a Parisi Arturo Parisi, vicino a Prodi, attacca il segretario.",
     "Veltroni risponde a Parisi", "Arturo Parisi,"),
])
def test_a_headline_run_into_its_text_is_found(text: str, headline: str, opening: str) -> None:
    assert headlines(BEFORE + text) == [(headline, opening)]


@pytest.mark.parametrize("text", [
    "Lo ha scritto il quotidiano La Stampa citando fonti del ministero.",  # a name that opens on an article
    "Ha venduto milioni di copie il romanzo Il nome della rosa, tradotto in quaranta lingue.",  # a title
    "Tra i suoi libri più letti ci sono Il profumo e La storia infinita.",
    "La sua canzone più nota resta Una lunga storia d'amore, del 1984.",
    "Il decreto riprende il pacchetto Bersani, ideato dal ministro Pierluigi Bersani nel 2006.",
    "In finale Serena Williams batte Venus Williams in due set.",
    "A dare la notizia della scomparsa di Lucio Dalla sono stati i frati della basilica.",  # a surname's particle
    "Il gol decisivo di Alessandro Del Piero ha chiuso la partita.",
    "Il presidente Barack Obama ha ringraziato la moglie Michelle Obama e le figlie.",
    "È una frase lunga che va avanti senza punti per più di venti parole e che a un certo punto dice che "
    "Questo non è un titolo ma un errore di battitura.",
])
def test_running_text_is_no_run_in_headline(text: str) -> None:
    assert headlines(BEFORE + text) == []


def test_the_sentence_after_a_run_in_headline_is_a_sentence_of_its_own() -> None:
    text = BEFORE + "Microsoft critica Google sul copyright Alcuni funzionari hanno constatato che Google sbaglia."
    ends = text_sentence_ends(text)
    assert text.index(" Alcuni") in ends  # the headline ends where the text starts


def test_the_speaker_of_a_text_s_first_sentence_is_not_named_by_the_headline_run_into_it() -> None:
    text = (BEFORE + "Microsoft critica Google sul copyright Alcuni funzionari del gigante del software hanno "
            "dichiarato che Google ha un approccio superbo.")
    spans = [(m.start(), m.end(), "ORG") for m in re.finditer("Microsoft|Google", text)]
    [quote] = QuoteFinder().find(text, spans)
    assert text[quote.start:quote.end] == "Google ha un approccio superbo"
    assert text[slice(*quote.speaker)] == "Alcuni funzionari del gigante del software"


def test_two_people_named_in_a_row_part_a_headline_from_its_text() -> None:
    text = (BEFORE + "Non ha esitato a dire la sua il presidente Donald Trump Joe Biden risponde al presidente, "
            "accusandolo di voler usare l'esercito: «È inaccettabile che la polizia aumenti la violenza».")
    persons = [(m.start(), m.end()) for m in re.finditer("Donald Trump|Joe Biden", text)]
    assert headlines(text) == []  # the words alone do not tell
    assert [(text[a:b].strip(), text[b:b + 9]) for a, b in run_in_headlines(text, persons)] == [
        ("Non ha esitato a dire la sua il presidente Donald Trump", "Joe Biden")]
    spans = [(a, b, "PER") for a, b in persons]
    quote = QuoteFinder().find(text, spans)[-1]
    assert text[quote.start:quote.end] == "È inaccettabile che la polizia aumenti la violenza"
    assert text[slice(*quote.speaker)] == "Joe Biden"


def test_two_people_in_a_row_with_a_comma_or_a_conjunction_are_one_sentence() -> None:
    text = BEFORE + "Il premier Mario Draghi e Sergio Mattarella si sono incontrati. Hanno parlato Anna Rossi, Luca Bianchi."
    persons = [(m.start(), m.end()) for m in re.finditer("Mario Draghi|Sergio Mattarella|Anna Rossi|Luca Bianchi", text)]
    assert run_in_headlines(text, persons) == []
