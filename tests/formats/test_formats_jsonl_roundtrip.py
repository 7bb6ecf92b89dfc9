"""The annotator JSONL round trip, property-based: random texts (accents, emoji, CRLF), two
annotators' overlapping layers, gold, suggestions, quotations with speakers and cues, events with
arguments and quotation links — exported, imported into a fresh project and exported again."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from test_formats_prodigy import SUGGESTER, documents, expected_spans, kept_spans, round_trip

from annotator.formats.jsonl import export_jsonl


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(docs=documents(rejections=True))
def test_jsonl_round_trip_keeps_everything(docs, labels):
    first, second, before, after = round_trip(docs, export_jsonl, None, labels)
    assert first == second  # byte for byte
    assert after == before  # rejections included, and only the suggestions still pending
    assert kept_spans(after) == expected_spans(docs)
    assert rejected_spans(after) == expected_rejections(docs)


def rejected_spans(records):
    return {(r["id"], r["annotator"]): sorted((s["start"], s["end"], s["label"], s["origin"])
                                              for s in r["rejected"]["spans"])
            for r in records if r["rejected"]["spans"]}


def expected_rejections(docs):
    """What each annotator who has a record rejected, per (document uid, annotator)."""
    found = {}
    for i, spec in enumerate(docs):
        for layer, content in spec["layers"].items():
            written = content["spans"] or content["quotes"] or content["events"] or content["status"] != "new"
            if content.get("rejects") and written:
                found[f"d{i}", layer] = sorted((*spec["suggested"][n], SUGGESTER) for n in content["rejects"])
    return found
