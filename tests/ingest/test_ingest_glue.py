"""Glued sentences are separated by inserting whitespace only; names and addresses stay whole."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.ingest import CleaningRules
from annotator.ingest.glue import split_glued


@pytest.mark.parametrize(
    ("glued", "separated"),
    [
        ("ha detto ai giornalisti.All'inizio della giornata", "ha detto ai giornalisti. All'inizio della giornata"),
        ('ha detto Ushakov."Mi sembra', 'ha detto Ushakov. "Mi sembra'),
        ('di sicurezza."Biden ha detto', 'di sicurezza. "Biden ha detto'),
        ("Ginevra, Bruxelles, Vienna.“In particolare", "Ginevra, Bruxelles, Vienna. “In particolare"),
        ('è stata "professionale".Lavrov ha', 'è stata "professionale". Lavrov ha'),
        ("a ridurre le tensioni in UcrainaUn alto funzionario", "a ridurre le tensioni in Ucraina\nUn alto funzionario"),
        ('ha detto "basta."Poi se ne è andato', 'ha detto "basta." Poi se ne è andato'),
        ("è finita (per ora).Il governo", "è finita (per ora). Il governo"),
        ("ha risposto «no».Poi", "ha risposto «no». Poi"),
        ("«Non ci sto.»Poi", "«Non ci sto.» Poi"),
        ("con l'OSCE.Secondo il ministro", "con l'OSCE. Secondo il ministro"),
        ("nel 2021.Il governo", "nel 2021. Il governo"),
        ("Davvero?Sì, ha detto.Ecco!Fine", "Davvero? Sì, ha detto. Ecco! Fine"),
    ],
)
def test_glued_sentences_are_separated(rules: CleaningRules, glued: str, separated: str) -> None:
    assert split_glued(glued, rules) == separated


@pytest.mark.parametrize(
    "text",
    [
        "la Fiat S.p.A. ha chiuso", "Fincantieri S.p.A.", "il tasso al 3.5 per cento", "ore 10.30",
        "fonte: sputniknews.com e ansa.it", "gli U.S.A. e l'U.R.S.S.", "il nuovo iPhone di Apple",
        "un video su YouTube", "un panino da McDonald's", "la PlayStation 5", "scrivete a Mario.Rossi@Example.com",
        "vedi https://example.com/Notizie.Esteri/Pagina.Html", "la portaerei Harry S. Truman",
        "un messaggio su WhatsApp e LinkedIn", "il vaccino AstraZeneca", "il fondo BlackRock",
        "Ha detto: sì. Poi è uscito.", "22.12.2021, Sputnik Italia", "NATO e... 31.12.2021",
    ],
)
def test_names_numbers_and_addresses_are_left_alone(rules: CleaningRules, text: str) -> None:
    assert split_glued(text, rules) == text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aàeèiouAÈOUbcdBCDLM .,!?\"“”«»()'’0123\n")), max_size=80))
def test_only_whitespace_is_ever_inserted(rules: CleaningRules, text: str) -> None:
    out = split_glued(text, rules)
    remaining = iter(out)
    assert all(char in remaining for char in text), "the original is not a subsequence of the output"
    extra = len(out) - len(text)
    assert extra >= 0
    assert "".join(out.split()) == "".join(text.split())
