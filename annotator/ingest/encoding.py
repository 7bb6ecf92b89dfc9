"""Turn the bytes of a file into text: UTF-8 first, then Windows-1252 or Latin-1.

Italian news files come as UTF-8 (with or without a BOM) or from older Windows tools as
Windows-1252 / Latin-1. Strict UTF-8 is tried first because it almost never decodes anything else by
accident. Between the two Western encodings, bytes 0x80-0x9F mean Windows-1252 (curly quotes, the
euro sign), since in Latin-1 they are invisible control characters. A Western reading that does not
look like Western text is checked with charset-normalizer, whose first guess alone is not trusted
(for short Italian texts it often names cp1250 or cp1258).

A file that is UTF-8 but for a few bytes (a damaged download, one Windows curly quote pasted in) is
not re-read as Latin-1, which would turn every "è" of it into "Ã¨": it is refused, naming the offsets
of the bad bytes. The rule: when the valid multi-byte UTF-8 sequences are at least as many as the
bytes that are not UTF-8, the file is UTF-8 with damage; a real Latin-1 or Windows-1252 file has
(almost) no valid multi-byte sequence, since its accented letters are single bytes.
"""

from __future__ import annotations

import codecs
import re
from itertools import islice

UNDECODABLE = "not valid UTF-8, Latin-1 or Windows-1252 text"
EMPTY_FILE = "empty file"
NUL_BYTES = "binary file (contains NUL bytes)"

#: charset-normalizer's names for the encodings read here as Latin-1 or Windows-1252.
_WESTERN = frozenset({"cp1252", "latin_1", "iso8859_15", "iso8859_1", "windows_1252"})

#: C0 control bytes that never occur in text files (tab, newlines, form feed, ESC are allowed).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\v\f\r\x1b") + b"\x7f"
_C1_BYTES = re.compile(rb"[\x80-\x9f]")
_MAX_CONTROL_SHARE = 0.05
_MAX_ACCENTED_SHARE = 0.3
_MAX_INSIDE_SHARE = 0.1
_WORD_PUNCTUATION = "’‘·–—"  # may stand between letters in real text: l’ho, l·l, 2019–2020
_DETECTION_SAMPLE = 1024 * 1024
_ESCAPED = re.compile("[\udc80-\udcff]")  # the bytes a surrogateescape decoding could not read
_SHOWN_BAD_BYTES = 5
_STATS_SAMPLE = 200_000


class DecodeError(ValueError):
    """The bytes are not a text we can read; ``reason`` says why in plain words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def decode_bytes(data: bytes, *, name: str) -> tuple[str, str]:
    """Decode a whole file: return ``(text, encoding name)`` or raise :class:`DecodeError`.

    ``name`` (the file name) is not needed to decode; it is part of the signature for callers' logs.
    A UTF-8 BOM is removed; a UTF-16 BOM is honoured. Empty or whitespace-only files, binary files
    and undecodable bytes are refused.
    """
    if data.startswith(codecs.BOM_UTF8):
        data, bom = data[len(codecs.BOM_UTF8):], "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_utf16(data)
    else:
        bom = ""
    _refuse_binary(data)
    try:
        return _checked(data.decode("utf-8")), bom or "utf-8"
    except UnicodeDecodeError:
        refuse_damaged_utf8(data, start=len(codecs.BOM_UTF8) if bom else 0, declared=bool(bom))
    text, encoding = decode_legacy(data)
    return _checked(text), encoding


def refuse_damaged_utf8(data: bytes, *, what: str = "the file", start: int = 0, declared: bool = False) -> None:
    """Raise :class:`DecodeError` for bytes that are UTF-8 except for a few (see the module
    docstring), naming the first bad bytes by offset (``start``: where ``data`` begins in the file);
    return for anything else. ``declared`` (a UTF-8 mark was found): any bad byte is refused."""
    text = data.decode("utf-8", errors="surrogateescape")  # a bad byte becomes U+DC80..U+DCFF
    bad = len(data) - len(text.encode("utf-8", errors="ignore"))  # counted without a regex: fast
    good = len(text) - len(text.encode("ascii", errors="ignore")) - bad  # multi-byte characters
    if not bad or (not declared and good < bad):
        return
    first = ", ".join(f"0x{ord(m.group()) - 0xDC00:02x} at byte {start + _byte_offset(text, m.start()):,}"
                      for m in islice(_ESCAPED.finditer(text), _SHOWN_BAD_BYTES))
    more = f" and {bad - _SHOWN_BAD_BYTES:,} more" if bad > _SHOWN_BAD_BYTES else ""
    count = "1 byte that is" if bad == 1 else f"{bad:,} bytes that are"
    raise DecodeError(
        f"{what} is UTF-8 except for {count} not ({first}{more}; offsets count from 0): it is not "
        "read as Latin-1, which would garble its accented letters. Fix or delete those bytes "
        "(iconv -c -f utf-8 -t utf-8 deletes them) and import it again"
    )


def _byte_offset(text: str, index: int) -> int:
    """The offset in the original bytes of character ``index`` of a surrogateescape decoding."""
    return len(text[:index].encode("utf-8", errors="surrogateescape"))


def decode_legacy(data: bytes) -> tuple[str, str]:
    """For bytes that are not UTF-8: ``(text, "cp1252" | "iso-8859-1")`` or :class:`DecodeError`.

    The Western reading is kept when it looks like a Western European text (few accented letters
    among plain ones, no symbols in the middle of words, no control characters). Otherwise
    charset-normalizer decides: a Western encoding among its matches keeps the reading; anything
    else is refused, naming the encoding it found so that the user can convert the file.
    """
    if _C1_BYTES.search(data):
        try:
            text, encoding = data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:  # 0x81 0x8D 0x8F 0x90 0x9D: controls in Latin-1 too
            raise DecodeError(UNDECODABLE) from None
    else:
        text, encoding = data.decode("iso-8859-1"), "iso-8859-1"
    if _looks_western(text):
        return text, encoding
    import charset_normalizer  # lazy: only asked about doubtful files

    matches = charset_normalizer.from_bytes(data[:_DETECTION_SAMPLE])
    # A match lists every encoding giving the same text (could_be_from_charset): cp1252 often
    # hides behind cp1250 there.
    if any(_WESTERN.intersection(m.could_be_from_charset) for m in matches):
        return text, encoding
    best = matches.best()
    if best is not None:
        raise DecodeError(f"{UNDECODABLE}: it looks like {best.encoding} text; save it as UTF-8")
    raise DecodeError(UNDECODABLE)


def _looks_western(text: str) -> bool:
    """A Western European reading: accented letters are a minority, and no symbol sits in a word.

    Cyrillic or Greek bytes read as Windows-1252 give words made only of accented letters
    ("Ïðåçèäåíò"); Central European ones give symbols inside words ("Za¿ó³æ").
    """
    text = text[:_STATS_SAMPLE]
    letters = accented = inside = 0
    for index, char in enumerate(text):
        if char.isalpha():
            letters += 1
            accented += not char.isascii()
        elif (not char.isascii() and char not in _WORD_PUNCTUATION and 0 < index < len(text) - 1
                and text[index - 1].isalpha() and text[index + 1].isalpha()):
            inside += 1
    few_accents = accented <= max(_MAX_ACCENTED_SHARE * letters, 2)
    return few_accents and inside <= _MAX_INSIDE_SHARE * max(accented, 1)


def _decode_utf16(data: bytes) -> tuple[str, str]:
    try:
        text = data.decode("utf-16")
    except UnicodeDecodeError:
        raise DecodeError(f"{UNDECODABLE} (it starts with a UTF-16 mark but is not UTF-16)") from None
    return _checked(text.lstrip("\ufeff")), "utf-16"


def _refuse_binary(data: bytes) -> None:
    """Raise for data that holds NUL bytes or is largely made of control characters."""
    if b"\x00" in data:
        raise DecodeError(NUL_BYTES)
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if controls > _MAX_CONTROL_SHARE * len(data):
        share = round(100 * controls / len(data))
        raise DecodeError(f"binary file ({share}% of its bytes are control characters)")


def _checked(text: str) -> str:
    """Refuse a decoded text that is empty or holds NUL characters (UTF-16 binaries)."""
    if not text.strip():
        raise DecodeError(EMPTY_FILE)
    if "\x00" in text:
        raise DecodeError(NUL_BYTES)
    return text
