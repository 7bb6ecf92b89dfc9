"""Names as a message may show them: control characters escaped, undecodable bytes spelled out.

A file name may hold a newline, an escape sequence or bytes that are not UTF-8 (``os.fsdecode``
turns those into lone surrogates). Printed as they are, they forge lines in a report or raise
``UnicodeEncodeError`` on the terminal. Every message that names a file or a record passes it
through :func:`shown`.
"""

from __future__ import annotations

import os
import unicodedata

__all__ = ["shown"]


def shown(name: "str | bytes | os.PathLike[str] | os.PathLike[bytes]") -> str:
    """``name`` printable on one line: control and format characters as ``\\n``, ``\\x1b`` or
    ``\\u200e``; an undecodable byte (a lone surrogate from ``os.fsdecode``) as ``\\xff``."""
    text = os.fsdecode(name) if not isinstance(name, str) else name
    out: list[str] = []
    for char in text:
        code = ord(char)
        if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: the original byte
            out.append(f"\\x{code - 0xDC00:02x}")
        elif 0xD800 <= code <= 0xDFFF:
            out.append(f"\\u{code:04x}")
        elif char == "\\":
            out.append("\\\\")
        elif unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp"):
            out.append(repr(char)[1:-1] if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out)
