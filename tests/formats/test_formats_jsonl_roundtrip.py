"""The annotator JSONL round trip, property-based: random texts (accents, emoji, CRLF), two
annotators' overlapping layers, gold, suggestions, quotations with speakers and cues, events with
arguments and quotation links — exported, imported into a fresh project and exported again."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from test_formats_prodigy import documents, expected_spans, kept_spans, round_trip

from annotator.formats.jsonl import export_jsonl


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(docs=documents())
def test_jsonl_round_trip_keeps_everything(docs, labels):
    first, second, before, after = round_trip(docs, export_jsonl, None, labels)
    assert first == second  # byte for byte
    assert after == before
    assert kept_spans(after) == expected_spans(docs)
