"""Plain-text articles (.txt): clean the decoded text and keep what cleaning found as metadata."""

from __future__ import annotations

from typing import Any

from annotator.ingest.cleaning import clean_text
from annotator.ingest.documents import IncomingDocument, Rejection
from annotator.ingest.rules import CleaningRules


def document_from_text(
    raw: str, *, source: str, rules: CleaningRules, extra_meta: dict[str, Any] | None = None,
    body: str | None = None, title: str | None = None,
) -> IncomingDocument | Rejection:
    """Clean ``body`` (default: ``raw``) into a document whose ``raw`` is the original text.

    ``extra_meta`` (from HTML or markdown front matter) overrides what cleaning guessed; ``title``,
    when known, is protected from cleaning. A text that cleaning empties is rejected, saying how
    many lines were removed.
    """
    result = clean_text(raw if body is None else body, rules, title=title)
    if not result.text.strip():
        count = len(result.removed)
        return Rejection(
            source,
            f"nothing left to annotate after removing boilerplate ({count} line"
            f"{'' if count == 1 else 's'} removed)",
        )
    meta = dict(result.meta)  # holds "removed" already; extra_meta never has it
    for key, value in (extra_meta or {}).items():
        if value not in (None, "", []):
            meta[key] = value
    return IncomingDocument(text=result.text, raw=raw, meta=meta, source=source)
