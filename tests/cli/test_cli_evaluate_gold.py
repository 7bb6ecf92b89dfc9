"""``annotator evaluate --quotes`` and ``--events``: the finder and the suggester scored on gold markup and JSONL."""

from __future__ import annotations

import json

from annotator.cli.main import main

MARKUP = """=== uno | published=2024-03-12
Vertice a Ginevra

Il portavoce <sp q="a b" label="PER">Dmitry Peskov</sp> <cue q="a">ha detto</cue>: «<q id="a" kind="direct">Non abbiamo ricevuto nessuna proposta</q>». «<q id="b" kind="direct">Ne parleremo</q>», <cue q="b">ha aggiunto</cue>.

=== due
Il libro «Mare Nostrum» è uscito. <sp q="c" label="PER">Maria Bianchi</sp> <cue q="c">ha spiegato</cue> che <q id="c" kind="indirect">la crisi è finita da mesi</q>.
"""


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_scores_markup_gold(capsys, tmp_path):
    gold = tmp_path / "gold.txt"
    gold.write_text(MARKUP, encoding="utf-8")
    code, out, _ = run(capsys, "evaluate", "--quotes", "--model", "gazetteer", gold, "--json")
    assert code == 0
    scores = json.loads(out)
    assert scores["documents"] == 2
    assert scores["quotes"]["gold"] == 3
    # the three are plain patterns: all found, nothing else (the book title is no quotation)
    assert (scores["quotes"]["r"], scores["quotes"]["p"]) == (1.0, 1.0)
    assert (scores["quotes_one_to_one"]["r"], scores["quotes_one_to_one"]["p"]) == (1.0, 1.0)
    assert set(scores["per_kind"]) == {"direct", "indirect"}


def test_scores_jsonl_gold_and_prints_a_table(capsys, tmp_path):
    text = "«Siamo pronti», ha detto Mario Draghi. Il film «Roma» esce oggi."
    q, s = text.index("Siamo pronti"), text.index("Mario Draghi")
    record = {"id": "d1", "text": text, "quotes": [
        {"start": q, "end": q + 12, "kind": "direct", "speaker": {"start": s, "end": s + 12, "label": "PER"},
         "cue": {"start": text.index("ha detto"), "end": text.index("ha detto") + 8}}]}
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    code, out, _ = run(capsys, "evaluate", "--quotes", "--model", "gazetteer", gold)
    assert code == 0
    assert "direct" in out and "speaker accuracy" in out
    line = next(l for l in out.splitlines() if l.strip().startswith("all"))
    assert line.split()[1:4] == ["1.000", "1.000", "1.000"]
    one = next(l for l in out.splitlines() if "one to one" in l)
    assert one.split()[4:7] == ["1.000", "1.000", "1.000"]


def test_a_bad_gold_file_is_named_and_the_rest_scored(capsys, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(MARKUP, encoding="utf-8")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "Ciao", "quotes": [{"start": 3, "end": 99}]}\n', encoding="utf-8")
    code, out, err = run(capsys, "evaluate", "--quotes", "--model", "gazetteer", bad, good, "--json")
    assert code == 1
    assert "bad.jsonl:1" in err and "inside the text" in err
    assert json.loads(out)["quotes"]["gold"] == 3


def test_scores_events_markup(capsys, tmp_path):
    gold = tmp_path / "events.txt"
    gold.write_text(
        "=== e1 | published=2021-12-08\n"
        "Telefonata\n\n"
        '<arg e="a" role="actor">Biden</arg> e <arg e="a" role="actor">Putin</arg> hanno avuto una '
        '<ev id="a" type="CONSULT" mode="phone">telefonata</ev>. <arg e="b" role="actor">Mosca</arg> ha '
        '<ev id="b" type="REJECT" mode="deny">negato</ev> le accuse.\n', encoding="utf-8")
    code, out, _ = run(capsys, "evaluate", "--events", "--model", "gazetteer", gold, "--json")
    assert code == 0
    scores = json.loads(out)
    assert scores["events"]["gold"] == 2
    assert scores["events"]["r"] == 1.0 and scores["mode_accuracy"] == 1.0


def test_jsonl_gold_takes_the_publication_day_from_a_timestamp_or_a_date_key(tmp_path):
    from annotator.services.evaluation import read_quote_gold

    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        '{"id": "a", "text": "Uno.", "meta": {"published": "2021-12-22T09:30:00+01:00"}}\n'
        '{"id": "b", "text": "Due.", "meta": {"date": "2021-12-23"}}\n'
        '{"id": "c", "text": "Tre.", "meta": {"published": "ieri"}}\n', encoding="utf-8")
    documents, errors = read_quote_gold([gold])
    assert errors == []
    assert [(d.id, d.published) for d in documents] == [("a", "2021-12-22"), ("b", "2021-12-23"), ("c", None)]


def test_jsonl_gold_leaves_out_articles_their_annotator_has_not_finished(tmp_path, capsys):
    from annotator.services.evaluation import read_quote_gold

    gold = tmp_path / "gold.jsonl"
    lines = [{"id": "a", "text": "Uno.", "annotator": "anna", "status": "done", "quotes": []},
             {"id": "b", "text": "Due.", "annotator": "anna", "status": "in progress", "quotes": []},
             {"id": "c", "text": "Tre.", "annotator": "anna", "status": "new", "quotes": []},
             {"id": "c", "text": "Tre.", "annotator": "gold", "status": "in review", "quotes": []}]
    gold.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    notes: list[str] = []
    documents, errors = read_quote_gold([gold], notes)
    assert [d.id for d in documents] == ["a", "c"] and errors == []  # c from the gold record
    assert notes == [f"{gold}: 2 records whose annotator has not marked the article done "
                     "(only reviewed work is gold)"]
    code, _, err = run(capsys, "evaluate", "--quotes", "--model", "gazetteer", gold, "--json")
    assert code == 0  # leaving out unfinished work is no failure
    assert f"annotator: skipped {gold}: 2 records whose annotator has not marked" in err, err
