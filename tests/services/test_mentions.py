"""The names the app offers for a speaker or an argument, and the one it resolves their words to."""

from __future__ import annotations

from annotator.domain.model import ACCEPTED, EntityRef, Span
from annotator.services.mentions import entity_choices, resolve_mention, resolved_name

TEXT = ("Il ministro dell'Interno Roberto Maroni ha incontrato a Milano Umberto Bossi della Lega Nord. "
        "«Nessuno sconto», ha detto il ministro. Bossi ha risposto a Maroni, poi  Roberto   Maroni è ripartito "
        "per Roma. 12 marzo.")


def at(words: str, nth: int = 1) -> tuple[int, int]:
    start = -1
    for _ in range(nth):
        start = TEXT.index(words, start + 1)
    return start, start + len(words)


def span(words: str, label: str, nth: int = 1) -> Span:
    return Span(1, *at(words, nth), label, "anna", status=ACCEPTED)


SPANS = [span("Roberto Maroni", "PER"), span("Milano", "LOC"), span("Umberto Bossi", "PER"),
         span("Lega Nord", "ORG"), span("Bossi", "PER", 2), span("Maroni", "PER", 3), span("Roma", "LOC"),
         span("12 marzo", "DATE")]


def words(ref: EntityRef | None) -> str | None:
    return None if ref is None else TEXT[ref.start:ref.end]


def test_choices_are_the_names_once_each_people_first_fullest_first():
    # "Roberto   Maroni" (spaced) is the same name as "Roberto Maroni": offered once, its first mention
    spaced = Span(1, TEXT.index("Roberto   Maroni"), TEXT.index("Roberto   Maroni") + 16, "PER", "anna")
    choices = entity_choices(TEXT, [*SPANS, spaced])
    assert [(words(c), c.label) for c in choices] == [
        ("Roberto Maroni", "PER"), ("Umberto Bossi", "PER"), ("Bossi", "PER"), ("Maroni", "PER"),
        ("Lega Nord", "ORG"), ("Milano", "LOC"), ("Roma", "LOC")]  # no DATE
    assert choices[0] == EntityRef(*at("Roberto Maroni"), "PER")


def test_a_title_a_surname_and_a_name_resolve():
    assert words(resolve_mention(TEXT, SPANS, *at("il ministro"), speaker=True)) == "Roberto Maroni"
    assert words(resolve_mention(TEXT, SPANS, *at("Bossi", 2))) == "Umberto Bossi"
    assert words(resolve_mention(TEXT, SPANS, *at("Roberto Maroni"))) == "Roberto Maroni"
    assert resolve_mention(TEXT, SPANS, *at("Nessuno sconto")) is None


def test_a_title_tagged_as_a_person_still_resolves_to_the_name():
    """An annotator's argument is always an entity span, also "il ministro" tagged PER: it names
    Maroni, not only itself."""
    tagged = [*SPANS, span("il ministro", "PER")]
    assert words(resolve_mention(TEXT, tagged, *at("il ministro"))) == "Roberto Maroni"
    assert words(resolve_mention(TEXT, tagged, *at("Milano"))) == "Milano"  # a name alone is itself


def test_the_resolved_name_is_shown_only_when_it_says_more():
    maroni = EntityRef(*at("Roberto Maroni"), "PER")
    assert resolved_name(TEXT, at("il ministro"), maroni) == "Roberto Maroni"
    assert resolved_name(TEXT, at("Roberto Maroni"), maroni) is None
    assert resolved_name(TEXT, at("il ministro"), None) is None
