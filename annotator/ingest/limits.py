"""Size limits for what one input may hold.

Read through the module (``limits.MAX_TEXT_FILE_BYTES``) at call time, so a test or a caller can
lower them with ``monkeypatch.setattr``.
"""

from __future__ import annotations

#: The largest .txt, .md or .html file read whole into memory.
MAX_TEXT_FILE_BYTES: int = 50 * 1024 * 1024

#: The longest text of one JSONL record, in characters.
MAX_RECORD_CHARS: int = 5_000_000

#: The longest single JSONL line read; longer lines are skipped without being held in memory.
MAX_JSONL_LINE_BYTES: int = 64 * 1024 * 1024


def human_size(n_bytes: int) -> str:
    """``312 MB``, ``12 KB`` or ``80 bytes``: a size written for people."""
    if n_bytes >= 1024 * 1024:
        return f"{n_bytes / (1024 * 1024):.0f} MB"
    if n_bytes >= 1024:
        return f"{n_bytes / 1024:.0f} KB"
    return f"{n_bytes} bytes"
