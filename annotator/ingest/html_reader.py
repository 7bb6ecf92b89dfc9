"""HTML pages (.html, .htm): trafilatura finds the article body and its metadata.

No tags are stripped by hand: navigation, footers, related links and cookie banners are left out by
trafilatura's extraction. The title becomes the first paragraph of the text; the extracted text is
then cleaned like plain text (glued sentences, repeated lines).
"""

from __future__ import annotations

from typing import Any

from annotator.ingest.cleaning import add_list_items, is_prose, source_from_url
from annotator.ingest.documents import IncomingDocument, Rejection
from annotator.ingest.rules import CleaningRules
from annotator.ingest.text_reader import document_from_text

NO_ARTICLE = "no article text found in the HTML"


def document_from_html(
    raw: str, *, source: str, rules: CleaningRules
) -> IncomingDocument | Rejection:
    """Extract the article of an HTML page; ``raw`` keeps the page source."""
    extracted = extract_article(raw)
    if extracted is None:
        return Rejection(source, NO_ARTICLE)
    body, meta = extracted
    return document_from_text(
        raw, source=source, rules=rules, extra_meta=meta, body=body, title=meta["title"] or None
    )


def extract_article(html: str) -> tuple[str, dict[str, Any]] | None:
    """``(text, metadata)`` of the page's main article, the title first.

    None when trafilatura finds no body, or only lines that are not prose (menus, link lists).
    """
    import trafilatura  # lazy: heavy import, only needed for HTML

    try:
        doc = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=True,
            include_images=False, include_links=False,
        )
    except Exception:  # noqa: BLE001 - trafilatura may raise on malformed markup; a Rejection follows
        return None
    if doc is None:
        return None
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    body = (data.get("text") or "").strip()
    if not any(is_prose(line) for line in body.split("\n")):
        return None  # trafilatura's fallback returns menus and link lists: not an article
    title = " ".join((data.get("title") or "").split())
    if title:
        first, _, rest = body.partition("\n")
        body = f"{title}\n\n{rest.strip() if first.strip() == title else body}"
    url = data.get("url") or ""
    meta: dict[str, Any] = {
        "title": title,
        "url": url,
        "source": source_from_url(url) if url else (data.get("sitename") or ""),
        "sitename": data.get("sitename") or "",
        "published": data.get("date") or "",
        "author": data.get("author") or "",
        "description": data.get("description") or "",
        "categories": _as_list(data.get("categories")),
        "tags": _as_list(data.get("tags")),
    }
    return body, meta


def _as_list(value: Any) -> list[str]:
    """trafilatura gives lists whose items may be comma lists themselves."""
    if not value:
        return []
    items = value if isinstance(value, list) else [value]
    out: list[str] = []
    for item in items:
        add_list_items(out, str(item), ",")
    return out
