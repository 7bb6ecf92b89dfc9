"""Separate sentences that scraping glued together ("giornalisti.All'inizio").

Only whitespace is ever inserted: removing the inserted characters gives back the original line.
Cuts never fall inside a protected span (addresses, e-mails) or inside an exception word such as
"PlayStation". A straight double quote at a cut goes with the sentence it belongs to: the count of
quotes before it tells whether it opens a quotation (the cut goes before it) or closes one (after).
"""

from __future__ import annotations

from bisect import bisect_left

from annotator.ingest.rules import CleaningRules


def split_glued(line: str, rules: CleaningRules) -> str:
    """``line`` with the ``split`` rules' separators inserted where sentences are glued."""
    split_rules = rules.active("split")
    if not split_rules:
        return line
    cuts: dict[int, str] = {}
    blocked = _blocked_positions(line, rules)
    quotes = [i for i, char in enumerate(line) if char == '"'] if '"' in line else []
    for rule in split_rules:
        assert rule.pattern is not None
        pos = 0
        while pos <= len(line):
            match = rule.pattern.search(line, pos)
            if not match:
                break
            # Search again from the start of "after", so that glued runs ("a.B.Cd") overlap.
            pos = max(match.start("after"), match.start() + 1)
            cut = match.end("before")
            if cut != match.start("after") or cut in blocked:
                continue
            cut = _side_of_quote(line, cut, quotes)
            if cut not in blocked and not line[cut - 1:cut].isspace():
                cuts.setdefault(cut, rule.insert)
    if not cuts:
        return line
    pieces: list[str] = []
    last = 0
    for cut in sorted(cuts):
        pieces.append(line[last:cut])
        pieces.append(cuts[cut])
        last = cut
    pieces.append(line[last:])
    return "".join(pieces)


def _blocked_positions(line: str, rules: CleaningRules) -> set[int]:
    """Positions strictly inside protected spans and exception words, where no cut may go."""
    blocked: set[int] = set()
    for pattern in rules.protected:
        for match in pattern.finditer(line):
            blocked.update(range(match.start() + 1, match.end()))
    for word in rules.split_exceptions:
        start = line.find(word)
        while start != -1:
            blocked.update(range(start + 1, start + len(word)))
            start = line.find(word, start + 1)
    return blocked


def _side_of_quote(line: str, cut: int, quotes: list[int]) -> int:
    """Move a cut next to a straight quote to the side of the sentence the quote belongs to.

    ``quotes`` are the positions of the straight quotes of ``line``; the number of them before a
    quote tells whether it opens (even) or closes (odd) a quotation.
    """
    if line[cut:cut + 1] == '"' and bisect_left(quotes, cut) % 2 == 1:
        return cut + 1  # the quote closes the sentence before the cut
    if line[cut - 1:cut] == '"' and bisect_left(quotes, cut - 1) % 2 == 0:
        return cut - 1  # the quote opens the sentence after the cut
    return cut
