"""Cleaning of the five seed articles: titles, dates, sources, noise removed, body untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.ingest import IncomingDocument, read_paths

SEED_NAMES = {
    0: "000_7964ae7afded8b3f.txt",
    1: "001_93394e011efbde58.txt",
    2: "002_fa0ae0fd43db0086.txt",
    3: "003_3c4052defd36ae13.txt",
    4: "004_a8df54c927ef7d33.txt",
}


def squash(text: str) -> str:
    """The text without any whitespace: what must survive cleaning letter for letter."""
    return "".join(text.split())


@pytest.fixture(scope="module")
def docs(seeds_dir: Path) -> dict[int, IncomingDocument]:
    results = list(read_paths([seeds_dir]))
    assert all(isinstance(r, IncomingDocument) for r in results), results
    by_name = {Path(r.source).name: r for r in results}
    return {number: by_name[name] for number, name in SEED_NAMES.items()}


def test_the_seed_folder_gives_five_documents_in_order(seeds_dir: Path) -> None:
    names = [Path(r.source).name for r in read_paths([seeds_dir])]
    assert names == sorted(SEED_NAMES.values())


@pytest.mark.parametrize("number", sorted(SEED_NAMES))
def test_cleaning_only_removes_listed_lines_and_changes_no_letter(
    docs: dict[int, IncomingDocument], number: int
) -> None:
    """Raw minus the lines listed in meta["removed"] is the text, up to whitespace."""
    doc = docs[number]
    lines = [line.strip() for line in doc.raw.splitlines() if line.strip()]
    for item in doc.meta["removed"]:
        if item["rule"] == "date-marker":
            assert lines[0].startswith(item["text"])
            lines[0] = lines[0][len(item["text"]):].strip()
        else:
            lines.remove(item["text"])  # raises if the removed text was not a line of raw
    assert squash("".join(lines)) == squash(doc.text)


def test_seed_000_has_no_title_line_and_a_title_from_its_first_sentence(
    docs: dict[int, IncomingDocument],
) -> None:
    doc = docs[0]
    assert doc.text == doc.raw.strip()  # nothing to clean in this one
    assert doc.meta["removed"] == []
    title = doc.meta["title"]
    assert title.startswith("L'Ucraina e l'Occidente hanno accusato la Russia")
    assert title.endswith("…") and len(title) <= 90
    assert doc.text.startswith(title[:-1])  # cut at a word boundary of the first sentence
    assert doc.text[len(title) - 1] == " "
    assert "published" not in doc.meta and "url" not in doc.meta


def test_seed_001_date_marker_sharing_the_first_line_with_the_body(
    docs: dict[int, IncomingDocument],
) -> None:
    doc = docs[1]
    assert doc.meta["published"] == "2021-12"
    assert doc.meta["removed"] == [{"rule": "date-marker", "text": "date 2021-12"}]
    assert doc.text.startswith("Dopo l'incontro (virtuale) di martedì 7 dicembre, Biden e Putin")
    assert "date 2021-12" not in doc.text
    assert doc.meta["title"].startswith("Dopo l'incontro (virtuale)")
    assert doc.meta["title"].endswith("…")
    # The short introducing line stays, and paragraphs stay separated by one blank line.
    assert "\n\nComunque, alla fine del colloquio telefonico Yuri Ushakov" in doc.text
    assert len(doc.text.split("\n\n")) == 7
    assert doc.text.endswith("Funzionari statunitensi e russi si incontreranno a Ginevra il mese prossimo.")


SEED_002_NOISE = [
    ("timestamp", "2021-12-22T11:32+0100"),
    ("timestamp", "2021-12-22T12:18+0100"),
    ("category", "mondo"),
    ("category", "russia"),
    ("xpath", "/html/head/meta[@name='og:title']/@content /html/head/meta[@name='og:description']/@content"),
    ("bare-url", "https://cdnnit1.img.sputniknews.com/img/07e5/09/19/13049189_0:0:3375:1899_1920x0_80_0_0_1ec1920bf64aa94e9d56e18a2432b879.jpg"),
    ("bare-url", "https://it.sputniknews.com/20211221/usa-paesi-nato-discuteranno-delle-modifiche-allo-schieramento-delle-truppe-in-europa-14284751.html"),
    ("contact", "Sputnik Italia feedback.it@sputniknews.com +74956456601 MIA „Rosiya Segodnya“ 252 60"),
    ("year", "2021"),
    ("category", "Notiziario"),
    ("locale", "it_IT"),
    ("image-size", "1920 1080 true"),
    ("image-size", "1920 1440 true"),
    ("image-size", "1920 1920 true"),
    ("category", "mondo, russia"),
]


@pytest.mark.parametrize(("rule", "line"), SEED_002_NOISE)
def test_seed_002_noise_is_out_of_the_text_but_in_raw_and_listed(
    docs: dict[int, IncomingDocument], rule: str, line: str
) -> None:
    doc = docs[2]
    assert line in doc.raw
    assert {"rule": rule, "text": line} in doc.meta["removed"]
    assert line not in doc.text.split("\n")


def test_seed_002_metadata(docs: dict[int, IncomingDocument]) -> None:
    meta = docs[2].meta
    assert meta["title"] == 'Lavrov: "Primo giro di colloqui Russia-USA sulle garanzie di sicurezza fissato a inizio 2022"'
    assert meta["url"] == (
        "https://it.sputniknews.com/20211222/lavrov-primo-giro-di-colloqui-russia-usa-"
        "sulle-garanzie-di-sicurezza-fissato-a-inizio-2022-14291767.html"
    )
    assert meta["source"] == "it.sputniknews.com"
    assert meta["published"] == "2021-12-22"  # the timestamp is more precise than "date 2021-12"
    assert meta["modified"] == "2021-12-22"  # from the later, different timestamp (12:18)
    assert meta["categories"] == ["mondo", "russia", "Notiziario"]


def test_seed_002_text_keeps_title_once_lead_and_body(docs: dict[int, IncomingDocument]) -> None:
    doc = docs[2]
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[0] == doc.meta["title"]
    assert doc.text.count("Primo giro di colloqui Russia-USA") == 1
    assert {"rule": "repeated-line", "text": doc.meta["title"]} in doc.meta["removed"]
    assert paragraphs[1].startswith("Lavrov aveva già confermato la disponibilità di Washington")
    assert paragraphs[2].startswith("Il primo giro di colloqui sulla sicurezza tra Russia e Stati Uniti")
    assert paragraphs[2].endswith("all'interno dei propri confini nazionali.")
    assert len(paragraphs) == 3
    assert "sputniknews" not in doc.text and "http" not in doc.text


def test_seed_002_glued_sentences_are_separated(docs: dict[int, IncomingDocument]) -> None:
    text = docs[2].text
    assert "Russia Today. Il capo della diplomazia" in text
    assert 'stata "professionale". Lavrov ha sottolineato' in text
    assert "con l'OSCE. Secondo il ministro" in text
    assert 'il contrario". Martedì scorso' in text
    assert "22.12.2021, Sputnik Italia" in text  # dates are not split


def test_seed_003_metadata_and_header(docs: dict[int, IncomingDocument]) -> None:
    doc = docs[3]
    assert doc.meta["title"] == "Chiamata Putin-Biden: secondo il Cremlino servono accordi vincolanti sulla sicurezza"
    assert doc.text.startswith(doc.meta["title"] + "\n\nNel corso delle trattative due leader")
    assert doc.meta["published"] == "2021-12"
    assert doc.meta["source"] == "it.sputniknews.com"
    assert doc.meta["url"].endswith("-14412123.html")
    assert [item["rule"] for item in doc.meta["removed"]] == ["date-marker", "source-url"]


@pytest.mark.parametrize(
    "expected",
    [
        "ai giornalisti. All'inizio della giornata",
        'ha detto Ushakov. "Mi sembra che Washington',
        'garanzie di sicurezza. "Biden ha detto chiaramente',
        "Bruxelles, Vienna. “In particolare",
        "è giunta al termine. La telefonata è durata",
        "questo giovedì. Biden nel colloquio",
        "la NATO. Secondo il ministero",
        "Harry S. Truman",
    ],
)
def test_seed_003_glued_sentences_are_separated(
    docs: dict[int, IncomingDocument], expected: str
) -> None:
    assert expected in docs[3].text


def test_seed_003_glued_headline_is_split_without_changing_the_paragraph(
    docs: dict[int, IncomingDocument],
) -> None:
    doc = docs[3]
    assert "ridurre le tensioni in Ucraina\nUn alto funzionario" in doc.text
    raw_body = next(line for line in doc.raw.splitlines() if line.startswith("Il portavoce del Cremlino"))
    body = doc.text[doc.text.index("Il portavoce del Cremlino"):]
    # Taking out the inserted separators gives back the original paragraph exactly.
    assert body.count("\n") == 1
    restored = body.replace("\n", "")
    for glued in ("termine.La", "Casa Bianca.L'assistente", 'sicurezza."Biden', 'Ushakov."Mi',
                  "giovedì.Biden", "funzionario.\"Non", "Vienna.“In", "giornalisti.All'inizio"):
        assert glued in raw_body
        separated = glued.replace(".", ". ", 1)
        assert separated in restored
        restored = restored.replace(separated, glued)
    assert squash(restored) == squash(raw_body)
    assert len(restored) <= len(raw_body.strip()) + 20


def test_seed_004_keeps_single_line_breaks_and_subheadings(
    docs: dict[int, IncomingDocument],
) -> None:
    doc = docs[4]
    assert doc.text == doc.raw.strip()
    lines = doc.text.split("\n")
    assert len(lines) == 14 and "" not in lines
    assert "La Russia lancia un attacco aereo su Kiev" in lines
    assert "La Russia collega futuri colloqui sull'Ucraina al riconoscimento dei conquisti territoriali" in lines
    assert doc.meta["title"].startswith("La Russia e gli Stati Uniti stanno coordinando")
    assert doc.meta["removed"] == []
