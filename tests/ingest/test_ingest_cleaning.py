"""clean_text on small texts: titles, dates, categories, conservative removal, paragraphs."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.ingest import CleaningRules, clean_text

BODY = "Il governo ha approvato oggi la nuova legge di bilancio per il prossimo anno."
BODY2 = "L'opposizione ha annunciato che presenterà centinaia di emendamenti in commissione."


def test_short_first_line_without_full_stop_is_the_title(rules: CleaningRules) -> None:
    result = clean_text(f"Manovra, via libera del governo\n\n{BODY}", rules)
    assert result.meta["title"] == "Manovra, via libera del governo"
    assert result.text.startswith("Manovra, via libera del governo\n\n")


def test_headline_with_quotation_is_a_title(rules: CleaningRules) -> None:
    result = clean_text(f'Lavrov: "Colloqui a gennaio"\n\n{BODY}', rules)
    assert result.meta["title"] == 'Lavrov: "Colloqui a gennaio"'


def test_first_line_ending_with_a_full_stop_is_body(rules: CleaningRules) -> None:
    result = clean_text(f"Breve frase iniziale.\n\n{BODY}", rules)
    assert result.meta["title"] == "Breve frase iniziale"
    assert result.text.startswith("Breve frase iniziale.\n\n")


def test_derived_title_is_cut_at_a_word_boundary(rules: CleaningRules) -> None:
    long_sentence = ("Il presidente del Consiglio ha incontrato a Palazzo Chigi i rappresentanti dei sindacati "
                     "per discutere della riforma delle pensioni.")
    title = clean_text(long_sentence, rules).meta["title"]
    assert title == "Il presidente del Consiglio ha incontrato a Palazzo Chigi i rappresentanti dei sindacati…"
    assert len(title) <= 90


def test_date_marker_variants(rules: CleaningRules) -> None:
    assert clean_text(f"date 2022-03-15\n{BODY}", rules).meta["published"] == "2022-03-15"
    assert clean_text(f"   date 2022-03 {BODY}", rules).text == BODY
    # "date" inside the text is not a marker.
    result = clean_text(f"{BODY} date 2022-03", rules)
    assert "published" not in result.meta and result.text.endswith("date 2022-03")


def test_url_only_becomes_metadata_on_the_first_line(rules: CleaningRules) -> None:
    result = clean_text(f"https://www.ansa.it/sito/notizie/a.html\n\nTitolo\n\n{BODY}\n\nhttps://www.ansa.it/altro.html", rules)
    assert result.meta["url"] == "https://www.ansa.it/sito/notizie/a.html"
    assert result.meta["source"] == "ansa.it"
    assert [r["rule"] for r in result.removed] == ["source-url", "bare-url"]
    assert result.text == f"Titolo\n\n{BODY}"


def test_category_words_between_body_paragraphs_are_kept(rules: CleaningRules) -> None:
    text = f"Titolo\n\nmondo\n\n{BODY}\n\nEconomia\n\n{BODY2}\n\nmondo, russia\n\n2021"
    result = clean_text(text, rules)
    assert result.text == f"Titolo\n\n{BODY}\n\nEconomia\n\n{BODY2}"
    assert result.meta["categories"] == ["mondo", "russia"]
    assert [r["rule"] for r in result.removed] == ["category", "category", "year"]


def test_a_short_headline_under_a_section_word_stays_the_title(rules: CleaningRules) -> None:
    result = clean_text(f"Esteri\n\nCrisi ucraina\n\nmondo\n\n{BODY}", rules)
    assert result.text == f"Crisi ucraina\n\n{BODY}"
    assert result.meta["title"] == "Crisi ucraina"
    assert result.meta["categories"] == ["Esteri", "mondo"]
    assert clean_text(f"mondo\n\n{BODY}", rules).text == BODY  # a lowercase tag is not a headline


def test_contact_line_is_removed_only_at_the_edges_and_never_prose(rules: CleaningRules) -> None:
    prose = "Chi ha informazioni può scrivere alla redazione, all'indirizzo segnalazioni@giornale.it, entro domani."
    text = f"Titolo\n\n{BODY}\n\n{prose}\n\n{BODY2}\n\nRedazione redazione@giornale.it +390612345678"
    result = clean_text(text, rules)
    assert prose in result.text
    assert "+390612345678" not in result.text
    assert result.removed == [{"rule": "contact", "text": "Redazione redazione@giornale.it +390612345678"}]


def test_timestamps_fill_published_then_modified(rules: CleaningRules) -> None:
    text = f"2022-01-05T09:30+0100\n\n2022-01-06T10:00:00Z\n\n{BODY}"
    meta = clean_text(text, rules).meta
    assert meta["published"] == "2022-01-05" and meta["modified"] == "2022-01-06"


def test_repeated_paragraph_keeps_the_first(rules: CleaningRules) -> None:
    result = clean_text(f"Titolo\n\n{BODY}\n\n{BODY2}\n\n{BODY}", rules)
    assert result.text == f"Titolo\n\n{BODY}\n\n{BODY2}"
    assert result.removed == [{"rule": "repeated-line", "text": BODY}]


def test_paragraph_spacing_is_normalised(rules: CleaningRules) -> None:
    text = f"Titolo\r\n\r\n\r\n\r\n{BODY}   \r\n{BODY2}\r\n\r\n\r\nFine del pezzo.\r\n\r\n"
    assert clean_text(text, rules).text == f"Titolo\n\n{BODY}\n{BODY2}\n\nFine del pezzo."


def test_removed_list_is_the_same_in_meta(rules: CleaningRules) -> None:
    result = clean_text(f"date 2021-12 Titolo\n\n{BODY}\n\nmondo", rules)
    assert result.meta["removed"] == result.removed == [
        {"rule": "date-marker", "text": "date 2021-12"},
        {"rule": "category", "text": "mondo"},
    ]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from([
    BODY, BODY2, "mondo", "russia, esteri", "2021", "it_IT", "1920 1080 true", "https://x.it/a.jpg",
    "2021-12-22T11:32+0100", "Titolo breve", "", "", "Sputnik feedback@x.com +74956456601",
    "frase.Glued insieme", "date 2021-12",
]), max_size=14))
def test_cleaning_never_invents_text(rules: CleaningRules, lines: list[str]) -> None:
    raw = "\n".join(lines)
    result = clean_text(raw, rules)
    remaining = iter("".join(raw.split()))
    assert all(char in remaining for char in "".join(result.text.split()))
    assert result.meta["removed"] == result.removed
    for item in result.removed:
        assert item["text"] in raw
