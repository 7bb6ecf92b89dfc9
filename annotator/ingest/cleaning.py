"""Boilerplate cleaning of scraped article text, driven by the rules in ``resources/cleaning.json``.

What is removed never reaches the annotated text but stays in ``raw`` and is listed in
``meta["removed"]`` so the user can see it. Cleaning is conservative: a line that reads like prose
(eight words or more with a sentence end) is only removed by an ``anywhere`` rule or as an exact
repetition, and ``edges`` rules (category words, contact lines, a lone year) only act in the header
(before the first paragraph of prose), in the trailing block (after the last one) or next to a line
that was removed anyway.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from annotator.ingest.documents import CleanResult
from annotator.ingest.glue import split_glued
from annotator.ingest.rules import CleaningRule, CleaningRules

TITLE_MAX_CHARS = 200
DERIVED_TITLE_MAX_CHARS = 90

_SENTENCE_END = re.compile(r"[.!?…][\"'”»)\]]*(?=\s|$)")
_PROSE_MIN_WORDS = 8


def clean_text(raw: str, rules: CleaningRules, *, title: str | None = None) -> CleanResult:
    """Remove scraped boilerplate from ``raw`` and gather what it says about the article.

    Returns the text to annotate (paragraphs separated by one blank line, single line breaks kept,
    the title line first when there is one), the metadata found (title, url, source, published,
    modified, categories, removed) and the list of removed lines. ``title``, when the caller knows
    it (a markdown heading, an HTML title), protects the first line equal to it from removal.
    """
    meta: dict[str, Any] = {}
    removed: list[dict[str, str]] = []
    state = _FieldState()
    text = raw.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    text = _cut_prefixes(text, rules, meta, removed, state)
    lines = [line.strip() for line in text.split("\n")]
    verdicts = _judge_lines(lines, rules, title=" ".join(title.split()) if title else None)
    for i, (rule, value) in sorted(verdicts.items()):
        removed.append({"rule": rule.name, "text": lines[i]})
        if rule.action == "meta":
            state.store(meta, rule, value, lines[i])
    kept = _assemble(lines, verdicts, rules)
    meta["title"] = _title(kept)
    if "url" in meta and "source" not in meta:
        host = source_from_url(meta["url"])
        if host:
            meta["source"] = host
    meta["removed"] = removed
    return CleanResult(text=kept, meta=meta, removed=removed)


def source_from_url(url: str) -> str:
    """The host of ``url`` without a leading ``www.``: ``it.sputniknews.com``."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host[4:] if host.startswith("www.") else host


def derived_title(text: str, limit: int = DERIVED_TITLE_MAX_CHARS) -> str:
    """The first sentence of ``text``, cut at a word boundary to ``limit`` characters with "…"."""
    first_line = next((line.strip() for line in text.split("\n") if line.strip()), "")
    end = _SENTENCE_END.search(first_line)
    sentence = first_line[: end.end()] if end else first_line
    if len(sentence) <= limit:
        return sentence[:-1] if sentence.endswith(".") and not sentence.endswith("..") else sentence
    cut = sentence[: limit - 1]
    if " " in cut and not sentence[limit - 1].isspace():
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:-–—") + "…"


class _FieldState:
    """Remembers which values each ``meta``/``prefix`` rule has stored, to fill its fields in turn."""

    def __init__(self) -> None:
        self._seen: dict[str, list[str]] = {}

    def store(self, meta: dict[str, Any], rule: CleaningRule, value: str, matched: str) -> None:
        """Put ``value`` (from the line ``matched``) in the next free field of ``rule``."""
        if rule.list_separator:
            add_list_items(meta.setdefault(rule.fields[0], []), value, rule.list_separator)
            return
        seen = self._seen.setdefault(rule.name, [])
        if matched in seen:
            return
        seen.append(matched)
        for name in rule.fields[len(seen) - 1:]:
            current = meta.get(name)
            # An empty field is filled; a less precise value ("2021-12") gives way to a more
            # precise one that agrees with it ("2021-12-22"); anything else moves to the next field.
            if current is None or (value != current and value.startswith(current)):
                meta[name] = value
                return
            if current == value:
                return


def add_list_items(items: list[str], value: str, separator: str) -> None:
    """Append to ``items`` the parts of ``value`` between ``separator``s, stripped, skipping blanks
    and those already there."""
    for item in value.split(separator):
        item = item.strip()
        if item and item not in items:
            items.append(item)


def _cut_prefixes(
    text: str, rules: CleaningRules, meta: dict[str, Any], removed: list[dict[str, str]],
    state: _FieldState,
) -> str:
    for rule in rules.active("prefix"):
        assert rule.pattern is not None
        match = rule.pattern.match(text)
        if not match or not match.group(0).strip():
            continue
        removed.append({"rule": rule.name, "text": match.group(0).strip()})
        state.store(meta, rule, _value(match), match.group(0).strip())
        text = text[match.end():]
    return text


def _value(match: re.Match[str]) -> str:
    """The ``value`` group of a match, or the whole match."""
    if "value" in match.re.groupindex and match.group("value") is not None:
        return match.group("value").strip()
    return match.group(0).strip()


def _judge_lines(
    lines: list[str], rules: CleaningRules, *, title: str | None
) -> dict[int, tuple[CleaningRule, str]]:
    """Index of each removed line -> (the rule that removed it, the value it matched)."""
    line_rules = rules.active("drop", "meta")
    firm = [r for r in line_rules if r.where != "edges"]  # the first line: "anywhere" and "first"
    anywhere = [r for r in firm if r.where == "anywhere"]  # every other line
    edge = [r for r in line_rules if r.where == "edges"]
    filled = [i for i, line in enumerate(lines) if line]
    first = filled[0] if filled else -1
    verdicts: dict[int, tuple[CleaningRule, str]] = {}
    candidates: dict[int, tuple[CleaningRule, str]] = {}
    protected = next((i for i in filled if " ".join(lines[i].split()) == title), -1)
    for i in filled:
        if i == protected:
            continue
        hit = _first_match(lines[i], firm if i == first else anywhere)
        if hit:
            verdicts[i] = hit
            continue
        hit = _first_match(lines[i], edge)
        if hit and not is_prose(lines[i]):
            candidates[i] = hit
    _spare_short_title(filled, lines, verdicts, candidates)
    _resolve_edges(filled, lines, verdicts, candidates)
    repeated = rules.active("drop-repeated")
    if repeated:
        _drop_repeated(filled, lines, verdicts, repeated[0])
    return verdicts


def _first_match(line: str, rules: list[CleaningRule]) -> tuple[CleaningRule, str] | None:
    for rule in rules:
        assert rule.pattern is not None
        match = rule.pattern.search(line)
        if match:
            return rule, _value(match)
    return None


def is_prose(line: str) -> bool:
    """A line that reads like a paragraph of an article: eight words or more and a sentence end."""
    return len(line.split()) >= _PROSE_MIN_WORDS and bool(_SENTENCE_END.search(line))


def _spare_short_title(
    filled: list[int], lines: list[str], verdicts: dict[int, tuple[CleaningRule, str]],
    candidates: dict[int, tuple[CleaningRule, str]],
) -> None:
    """Keep a short headline ("Crisi ucraina") that looks like a category word.

    When every line before the first paragraph of prose looks like a category, the last of them
    that starts with a capital (headlines do, tags often do not) is the title: "Esteri",
    "Crisi ucraina", "mondo", then prose keeps "Crisi ucraina" and removes the other two.
    """
    remaining = [i for i in filled if i not in verdicts]
    first_prose = next((k for k, i in enumerate(remaining) if is_prose(lines[i])), len(remaining))
    head = remaining[:first_prose]
    if head and all(i in candidates for i in head):
        capitalised = [i for i in head if lines[i][:1].isupper()]
        if capitalised:
            del candidates[capitalised[-1]]


def _resolve_edges(
    filled: list[int], lines: list[str], verdicts: dict[int, tuple[CleaningRule, str]],
    candidates: dict[int, tuple[CleaningRule, str]],
) -> None:
    """Remove the edge candidates in the header, in the trailing block or next to removed lines."""
    if not candidates:
        return
    anchors = [i for i in filled if i not in verdicts and is_prose(lines[i])]
    if not anchors:
        anchors = [i for i in filled if i not in verdicts and i not in candidates]
    head_end = anchors[0] if anchors else len(lines)
    tail_start = anchors[-1] + 1 if anchors else 0
    for i, hit in candidates.items():
        if i < head_end or i >= tail_start:
            verdicts[i] = hit
    position = {line_index: k for k, line_index in enumerate(filled)}
    changed = True
    while changed:
        changed = False
        for i, hit in candidates.items():
            if i in verdicts:
                continue
            k = position[i]
            neighbours = filled[max(k - 1, 0):k] + filled[k + 1:k + 2]
            if any(n in verdicts for n in neighbours):
                verdicts[i] = hit
                changed = True


def _drop_repeated(
    filled: list[int], lines: list[str], verdicts: dict[int, tuple[CleaningRule, str]],
    rule: CleaningRule,
) -> None:
    seen: set[str] = set()
    for i in filled:
        if i in verdicts:
            continue
        key = " ".join(lines[i].split())
        if key in seen and any(c.isalnum() for c in key):
            verdicts[i] = (rule, lines[i])
        seen.add(key)


def _assemble(
    lines: list[str], verdicts: dict[int, tuple[CleaningRule, str]], rules: CleaningRules
) -> str:
    """Join the kept lines: one blank line where the original had any, else a single newline."""
    parts: list[str] = []
    blank_since_last = False
    for i, line in enumerate(lines):
        if not line:
            blank_since_last = True
            continue
        if i in verdicts:
            continue
        if parts:
            parts.append("\n\n" if blank_since_last else "\n")
        parts.append(split_glued(line, rules))
        blank_since_last = False
    return "".join(parts)


def _title(text: str) -> str:
    """The first line when it is title-like, else the first sentence, shortened."""
    first = text.split("\n", 1)[0].strip()
    if first and len(first) <= TITLE_MAX_CHARS and not first.endswith((".", ";", ":", ",")):
        return first
    return derived_title(text)
