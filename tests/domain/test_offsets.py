"""Token snapping of a user's selection and str <-> UTF-16 offset conversion (Qt's text cursor)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.domain.offsets import Utf16Map, snap_to_tokens

TEXT = "Il presidente «Putin» ha telefonato a Mosca, poi al Consiglio NATO-Russia dell'Ucraina."


def snapped(text: str, start: int, end: int, **kw) -> str | None:
    result = snap_to_tokens(text, start, end, **kw)
    return None if result is None else text[result[0] : result[1]]


def sel(text: str, fragment: str, occurrence: int = 0) -> tuple[int, int]:
    """The (start, end) of ``fragment`` in ``text``: what a user would have selected."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(fragment, start + 1)
    return start, start + len(fragment)


# --- snap_to_tokens ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("selection", "expected"),
    [
        ("utin", "Putin"),  # starts mid-word
        ("Pu", "Putin"),  # ends mid-word
        ("ut", "Putin"),  # both
        ("«Putin»", "Putin"),  # guillemets dropped
        ("«Put", "Putin"),
        ("Mosca,", "Mosca"),  # trailing comma dropped
        ("Mosca, ", "Mosca"),
        (" a Mosca, ", "a Mosca"),
        ("Consiglio NATO-Russia", "Consiglio NATO-Russia"),  # inner punctuation kept
        ("siglio NATO-Rus", "Consiglio NATO-Russia"),
        ("Russia dell'Ucraina.", "Russia dell'Ucraina"),
    ],
)
def test_snap_widens_to_whole_words_and_trims_edges(selection: str, expected: str) -> None:
    assert snapped(TEXT, *sel(TEXT, selection)) == expected


def test_snap_drops_leading_spaces_and_line_breaks() -> None:
    text = "Notizia:\n   Sergio Mattarella   \n"
    assert snapped(text, text.index("\n"), len(text)) == "Sergio Mattarella"
    assert snapped(text, text.index(" "), text.index("Matt") + 2) == "Sergio Mattarella"


def test_snap_elision_selects_the_word_after_the_apostrophe() -> None:
    assert snapped(TEXT, *sel(TEXT, "Ucr")) == "Ucraina"
    assert snapped(TEXT, *sel(TEXT, "'Ucraina")) == "Ucraina"
    # the elided article is a token of its own
    assert snapped(TEXT, *sel(TEXT, "del")) == "dell"


def test_snap_accepts_reversed_and_out_of_range_bounds() -> None:
    start, end = sel(TEXT, "Mosca")
    assert snapped(TEXT, end - 1, start + 1) == "Mosca"
    assert snap_to_tokens(TEXT, -5, 2) == (0, 2)  # "Il"
    assert snapped(TEXT, len(TEXT) - 4, len(TEXT) + 10) == "Ucraina"


def test_snap_exact_keeps_the_characters_as_selected() -> None:
    start, end = sel(TEXT, "«Put")
    assert snap_to_tokens(TEXT, start, end, exact=True) == (start, end)
    start, end = sel(TEXT, "Mosca, ")
    assert snapped(TEXT, start, end, exact=True) == "Mosca, "
    assert snap_to_tokens(TEXT, 5, 5, exact=True) is None
    assert snap_to_tokens(TEXT, len(TEXT) - 2, len(TEXT) + 50, exact=True) == (len(TEXT) - 2, len(TEXT))


@pytest.mark.parametrize("selection", [", ", "«", " ", "» ", "."])
def test_snap_punctuation_only_is_nothing(selection: str) -> None:
    assert snap_to_tokens(TEXT, *sel(TEXT, selection)) is None


def test_snap_empty_selection_is_nothing() -> None:
    assert snap_to_tokens(TEXT, 3, 3) is None
    assert snap_to_tokens("", 0, 0) is None


def test_snap_does_not_split_decomposed_accents() -> None:
    # Text pasted from macOS is often NFD: "città" as "citta" + COMBINING GRAVE ACCENT.
    text = unicodedata.normalize("NFD", "La città è bella")
    start = text.index("cit")
    result = snapped(text, start, start + 3)
    assert result is not None
    assert unicodedata.normalize("NFC", result) == "città"
    start = text.index("e\u0300")  # "è" decomposed: selecting the base letter takes its accent too
    assert unicodedata.normalize("NFC", snapped(text, start, start + 1)) == "è"


def test_snap_result_is_always_inside_the_text_and_never_empty() -> None:
    for start in range(len(TEXT) + 1):
        for end in range(start, min(len(TEXT), start + 12) + 1):
            result = snap_to_tokens(TEXT, start, end)
            if result is not None:
                s, e = result
                assert 0 <= s < e <= len(TEXT)
                assert TEXT[s] not in " ,.«»'" and TEXT[e - 1] not in " ,.«»'", (start, end, TEXT[s:e])


# --- Utf16Map ---------------------------------------------------------------------------------

EMOJI_TEXT = "Ciao 🙂 perché 👍🏽 va bene: l'Italia 🇮🇹 è qui, città 🙂🙂 fine"


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def test_utf16_map_on_text_with_emoji_modifiers_and_flags() -> None:
    text = EMOJI_TEXT
    m = Utf16Map(text)
    for i in range(len(text) + 1):
        assert m.to_utf16(i) == utf16_len(text[:i]), i
        assert m.from_utf16(m.to_utf16(i)) == i, i
    assert m.to_utf16(len(text)) == utf16_len(text)
    # every astral character (🙂, 👍, the 🏽 modifier, both regional indicators) takes two units
    assert utf16_len(text) - len(text) == sum(1 for ch in text if ord(ch) > 0xFFFF) == 7


def test_utf16_map_a_position_inside_a_surrogate_pair_maps_past_the_character() -> None:
    text = "a🙂b"
    m = Utf16Map(text)
    assert [m.to_utf16(i) for i in range(4)] == [0, 1, 3, 4]
    assert m.from_utf16(2) == 2  # the second unit of 🙂 → after it


@pytest.mark.parametrize("text", ["", "plain ascii", "perché così è già", "città\u00a0—«ok»"])
def test_utf16_map_is_the_identity_without_astral_characters(text: str) -> None:
    m = Utf16Map(text)
    for i in range(len(text) + 1):
        assert m.to_utf16(i) == i == m.from_utf16(i)
    assert m.to_utf16(len(text)) == utf16_len(text)


ALPHABET = st.sampled_from(list("ab z.,'") + list("àèéìòù«»€—") + ["🙂", "👍", "🏽", "🇮", "🇹", "😀", "𝔸"])


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, max_size=40).map("".join))
def test_utf16_map_round_trips_on_random_text(text: str) -> None:
    m = Utf16Map(text)
    for i in range(len(text) + 1):
        assert m.to_utf16(i) == utf16_len(text[:i])
        assert m.from_utf16(m.to_utf16(i)) == i
