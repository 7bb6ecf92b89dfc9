"""Encodings: UTF-8 (with or without BOM), Latin-1 and Windows-1252 files give the same text."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from annotator.ingest import DecodeError, IncomingDocument, Rejection, decode_bytes, read_paths

ACCENTED = (
    "Perché la città è più sicura? Il ministro ha detto così: «sì, è già fatto» "
    "- ma l'opposizione non è d'accordo.\n\nÈ stato un lunedì difficile per l'Unione."
)
CURLY = "Il ministro ha detto: “Costa 5 € al mese”. L’opposizione parla di un “errore” – e chiede le dimissioni."


def encodings_for(text: str) -> dict[str, bytes]:
    found = {
        "utf-8": text.encode("utf-8"),
        "utf-8 with BOM": codecs.BOM_UTF8 + text.encode("utf-8"),
        "cp1252": text.encode("cp1252"),
    }
    try:
        found["latin-1"] = text.encode("latin-1")
    except UnicodeEncodeError:
        pass  # curly quotes and the euro sign do not exist in Latin-1
    return found


@pytest.mark.parametrize("label", ["utf-8", "utf-8 with BOM", "cp1252", "latin-1"])
def test_accented_text_decodes_the_same_in_every_encoding(label: str) -> None:
    text, _ = decode_bytes(encodings_for(ACCENTED)[label], name="a.txt")
    assert text == ACCENTED


@pytest.mark.parametrize("label", ["utf-8", "utf-8 with BOM", "cp1252"])
def test_curly_quotes_and_euro_come_out_right(label: str) -> None:
    text, _ = decode_bytes(encodings_for(CURLY)[label], name="a.txt")
    assert text == CURLY


def test_encoding_names() -> None:
    assert decode_bytes(ACCENTED.encode("utf-8"), name="a")[1] == "utf-8"
    assert decode_bytes(codecs.BOM_UTF8 + b"ciao", name="a") == ("ciao", "utf-8-sig")
    assert decode_bytes(ACCENTED.encode("latin-1"), name="a")[1] == "iso-8859-1"
    # Bytes 0x80-0x9F are invisible controls in Latin-1: Windows-1252 is meant.
    assert decode_bytes(CURLY.encode("cp1252"), name="a")[1] == "cp1252"


def test_utf16_with_bom_is_read() -> None:
    assert decode_bytes(ACCENTED.encode("utf-16"), name="a") == (ACCENTED, "utf-16")


def test_files_in_four_encodings_give_four_identical_documents(tmp_path: Path) -> None:
    for label, data in encodings_for(ACCENTED).items():
        (tmp_path / f"{label.replace(' ', '_')}.txt").write_bytes(data)
    docs = list(read_paths([tmp_path]))
    assert len(docs) == 4 and all(isinstance(d, IncomingDocument) for d in docs)
    assert {d.text for d in docs} == {ACCENTED}
    assert {d.raw for d in docs} == {ACCENTED}


def test_a_seed_saved_as_cp1252_reads_like_the_utf8_original(seeds_dir: Path, tmp_path: Path) -> None:
    original = seeds_dir / "003_3c4052defd36ae13.txt"
    copy = tmp_path / "003_cp1252.txt"
    copy.write_bytes(original.read_text(encoding="utf-8").encode("cp1252"))
    first, second = read_paths([original, copy])
    assert isinstance(first, IncomingDocument) and isinstance(second, IncomingDocument)
    assert second.text == first.text and second.meta == first.meta
    assert "Vienna. “In particolare" in second.text


def test_other_legacy_encodings_are_refused_not_garbled(tmp_path: Path) -> None:
    path = tmp_path / "russo.txt"
    path.write_bytes("Президент России Владимир Путин заявил, что переговоры продолжатся.".encode("cp1251"))
    (result,) = read_paths([path])
    assert isinstance(result, Rejection)
    assert result.reason.startswith("not valid UTF-8, Latin-1 or Windows-1252 text")
    assert "save it as UTF-8" in result.reason


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b" \n\t\r\n  ", "empty file"),
        (codecs.BOM_UTF8 + b"\n\n", "empty file"),
        (codecs.BOM_UTF16_LE + " \n\t".encode("utf-16-le"), "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (contains NUL bytes)"),
        (b"Caff\x81 \x8d\x90 buono \x9d" * 5, "not valid UTF-8, Latin-1 or Windows-1252 text"),
    ],
)
def test_decode_errors_say_why(data: bytes, reason: str) -> None:
    with pytest.raises(DecodeError) as caught:
        decode_bytes(data, name="x.txt")
    assert caught.value.reason.startswith(reason)
    assert isinstance(caught.value, ValueError)


def test_mostly_control_characters_is_a_binary_file() -> None:
    with pytest.raises(DecodeError, match=r"^binary file \(\d+% of its bytes are control characters\)"):
        decode_bytes(bytes(range(1, 32)) * 20 + b"abc", name="x.txt")
