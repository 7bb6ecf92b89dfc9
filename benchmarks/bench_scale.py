"""Scale benchmark: import, export, file size and ``annotator stats`` on 20,000 synthetic articles.

    python benchmarks/bench_scale.py                 # 20,000 articles of ~500 words (~10 M words)
    python benchmarks/bench_scale.py --articles 2000 # smaller

Generates Italian news-like articles from sentence templates filled with random names, places,
organisations, numbers and dates (every text differs), each record carrying ~10 entity spans of one
annotator, as JSONL in a temporary folder. Then measures and prints:

- import articles/s: ``annotator.services.import_paths`` into a fresh project file;
- export articles/s: the annotator JSONL exporter;
- project file size (after ``PRAGMA wal_checkpoint(TRUNCATE)``, -wal included) against the UTF-8 size
  of all texts;
- the wall time of ``annotator stats`` run as a real command in a subprocess.

Targets: import >= 500/s, export >= 2,000/s, file < 3x the text, stats < 2 s.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

FIRST = ["Mario", "Giulia", "Luca", "Francesca", "Giorgio", "Sara", "Paolo", "Elena", "Marco", "Chiara", "Andrea",
         "Valentina", "Stefano", "Laura", "Roberto", "Silvia", "Antonio", "Federica", "Matteo", "Alessandra",
         "Davide", "Martina", "Simone", "Ilaria", "Riccardo", "Beatrice", "Lorenzo", "Anna", "Tommaso", "Giovanna"]
LAST = ["Rossi", "Bianchi", "Ferrari", "Russo", "Esposito", "Romano", "Colombo", "Ricci", "Marino", "Greco",
        "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Rizzo", "Lombardi", "Moretti",
        "Barbieri", "Fontana", "Santoro", "Mariani", "Rinaldi", "Caruso", "Ferrara", "Galli", "Martini", "Leone"]
PLACES = ["Roma", "Milano", "Napoli", "Torino", "Palermo", "Genova", "Bologna", "Firenze", "Bari", "Catania",
          "Venezia", "Verona", "Messina", "Padova", "Trieste", "Brescia", "Parma", "Modena", "Perugia", "Cagliari",
          "Bruxelles", "Parigi", "Berlino", "Madrid", "Kiev", "Mosca", "Washington", "Pechino", "Ginevra", "Vienna"]
ORGS = ["Commissione europea", "NATO", "ONU", "Banca d'Italia", "Consiglio di Stato", "Corte costituzionale",
        "Confindustria", "CGIL", "Istat", "Protezione civile", "Ministero della Salute", "Regione Lombardia",
        "Camera dei deputati", "Senato", "Fondo monetario internazionale", "Croce Rossa", "Unicef", "Eni", "Enel",
        "Fiat", "Coldiretti", "Agenzia delle Entrate", "Guardia di Finanza", "Carabinieri", "Polizia di Stato"]
MONTHS = ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre",
          "ottobre", "novembre", "dicembre"]
TEMPLATES = [
    "{PER} ha detto che la situazione a {LOC} resta molto delicata e che servono risposte rapide.",
    "Secondo {ORG}, nel {YEAR} il numero delle richieste è cresciuto del {NUM} per cento rispetto all'anno precedente.",
    "L'incontro tra {PER} e i rappresentanti di {ORG} si è svolto a {LOC} il {DATE}.",
    "«Non possiamo aspettare oltre», ha spiegato {PER}, ricordando che i fondi stanziati ammontano a {NUM} milioni di euro.",
    "A {LOC} migliaia di persone sono scese in piazza per protestare contro la decisione annunciata da {ORG}.",
    "Il portavoce di {ORG} ha confermato che il vertice si terrà a {LOC} entro la fine di {MONTH}.",
    "Nelle ultime settimane {PER} ha incontrato più volte i sindaci della provincia di {LOC}.",
    "I dati pubblicati da {ORG} mostrano un calo di {NUM} punti nella fiducia delle famiglie.",
    "La delegazione guidata da {PER} è arrivata a {LOC} nella mattinata di {WEEKDAY}.",
    "Gli analisti ritengono che le nuove misure avranno effetti limitati almeno fino al {YEAR}.",
    "{PER}, che da anni segue il dossier, ha chiesto a {ORG} di chiarire i tempi dell'intervento.",
    "Il bilancio provvisorio parla di {NUM} feriti e di danni ingenti alle infrastrutture di {LOC}.",
    "Durante la conferenza stampa {PER} ha respinto le accuse, definendole del tutto infondate.",
    "La proposta dovrà ora passare al vaglio di {ORG}, che si riunirà il {DATE}.",
    "Nel frattempo a {LOC} le scuole resteranno chiuse almeno per altri {NUM} giorni.",
    "Fonti vicine a {ORG} parlano di un accordo ormai vicino, anche se restano alcuni nodi da sciogliere.",
    "Il piano prevede investimenti per {NUM} miliardi nei prossimi anni, con priorità al Mezzogiorno.",
    "{PER} e {PER} hanno firmato a {LOC} un protocollo d'intesa sulla cooperazione tra le due città.",
    "La notizia è stata accolta con cautela dagli operatori del settore, che attendono i decreti attuativi.",
    "Secondo quanto riferito da {PER}, la riunione con {ORG} è durata oltre {NUM} ore.",
    "Le opposizioni hanno annunciato un'interrogazione parlamentare sulla vicenda di {LOC}.",
    "Il traffico ferroviario tra {LOC} e {LOC} è rimasto sospeso per gran parte della giornata.",
    "In una nota {ORG} ha ribadito la propria disponibilità al dialogo con tutte le parti coinvolte.",
    "Il sindaco di {LOC} ha firmato un'ordinanza che resterà in vigore fino al {DATE}.",
]
WEEKDAYS = ["lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"]
LABEL_OF = {"PER": "PER", "LOC": "LOC", "ORG": "ORG", "DATE": "DATE"}


def make_article(rng: random.Random, index: int, *, words: int, spans_wanted: int) -> dict:
    """One JSONL record: a title line, paragraphs of filled templates, and the first entity spans."""
    parts: list[str] = []
    spans: list[dict] = []
    length = 0
    count = 0

    def add(piece: str) -> None:
        nonlocal length
        parts.append(piece)
        length += len(piece)

    place = rng.choice(PLACES)
    title = f"{rng.choice(['Vertice', 'Accordo', 'Protesta', 'Inchiesta', 'Piano'])} a {place}, notizia {index}"
    add(title + "\n\n")
    sentences_in_paragraph = 0
    while count < words:
        template = rng.choice(TEMPLATES)
        first_part = len(parts)
        pos = 0
        while True:
            open_ = template.find("{", pos)
            if open_ < 0:
                add(template[pos:])
                break
            close = template.index("}", open_)
            add(template[pos:open_])
            kind = template[open_ + 1:close]
            if kind == "PER":
                value = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            elif kind == "LOC":
                value = rng.choice(PLACES)
            elif kind == "ORG":
                value = rng.choice(ORGS)
            elif kind == "DATE":
                value = f"{rng.randint(1, 28)} {rng.choice(MONTHS)}"
            elif kind == "YEAR":
                value = str(rng.randint(1990, 2030))
            elif kind == "MONTH":
                value = rng.choice(MONTHS)
            elif kind == "WEEKDAY":
                value = rng.choice(WEEKDAYS)
            else:
                value = str(rng.randint(2, 9999))
            if kind in LABEL_OF and len(spans) < spans_wanted:
                spans.append({"start": length, "end": length + len(value), "label": LABEL_OF[kind],
                              "text": value, "origin": "manual"})
            add(value)
            pos = close + 1
        count += sum(p.count(" ") for p in parts[first_part:]) + 1
        sentences_in_paragraph += 1
        if sentences_in_paragraph >= rng.randint(3, 6):
            add("\n\n")
            sentences_in_paragraph = 0
        else:
            add(" ")
    text = "".join(parts).rstrip()
    return {
        "id": f"bench-{index:06d}",
        "text": text,
        "meta": {"title": title, "source": rng.choice(["ANSA", "Agi", "Adnkronos", "LaPresse"]),
                 "url": f"https://example.org/news/{index}", "published": f"2021-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"},
        "annotator": "alice",
        "status": rng.choice(["done", "in progress"]),
        "spans": spans,
        "quotes": [],
        "events": [],
    }


def generate(path: Path, n: int, *, words: int, spans: int, seed: int) -> tuple[int, int]:
    """Write ``n`` records to ``path``; returns (total UTF-8 bytes of the texts, total words)."""
    rng = random.Random(seed)
    text_bytes = total_words = 0
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            record = make_article(rng, i, words=words, spans_wanted=spans)
            text_bytes += len(record["text"].encode("utf-8"))
            total_words += len(record["text"].split())
            out.write(json.dumps(record, ensure_ascii=False))
            out.write("\n")
    return text_bytes, total_words


def _children_cpu() -> float:
    """CPU seconds used by finished child processes (0 where the platform cannot tell)."""
    try:
        import resource
    except ImportError:  # Windows
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def verdict(ok: bool) -> str:
    return "OK" if ok else "MISSED"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=20_000, help="number of articles (20,000)")
    parser.add_argument("--words", type=int, default=500, help="words per article (~500)")
    parser.add_argument("--spans", type=int, default=10, help="spans per article record (10)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder and print its path")
    args = parser.parse_args(argv)

    from annotator.formats.jsonl import export_jsonl
    from annotator.services import import_paths, load_labels
    from annotator.store import open_project

    tmp = Path(tempfile.mkdtemp(prefix="annotator-bench-"))
    try:
        source = tmp / "articles.jsonl"
        t0 = time.perf_counter()
        text_bytes, total_words = generate(source, args.articles, words=args.words, spans=args.spans, seed=args.seed)
        gen_s = time.perf_counter() - t0
        print(f"generated {args.articles:,} articles, {total_words:,} words, {text_bytes / 1e6:.1f} MB of text, "
              f"{args.articles * args.spans:,} spans in {gen_s:.1f} s")

        db_path = tmp / "bench.db"
        project = open_project(db_path)
        labels = load_labels(project)
        t0, c0 = time.perf_counter(), time.process_time()
        report = import_paths(project, [source], annotator="bench", labels=labels)
        import_s, import_cpu = time.perf_counter() - t0, time.process_time() - c0
        assert report.added == args.articles and not report.rejected, (report.added, report.rejected[:3])
        import_rate = report.added / import_s
        print(f"import: {report.added:,} articles, {report.annotations:,} annotations in {import_s:.1f} s "
              f"= {import_rate:,.0f} articles/s (target >= 500) {verdict(import_rate >= 500)}  [cpu {import_cpu:.1f} s]")

        out = tmp / "export.jsonl"
        t0, c0 = time.perf_counter(), time.process_time()
        exported = export_jsonl(project, out)
        export_s, export_cpu = time.perf_counter() - t0, time.process_time() - c0
        export_rate = exported.documents / export_s
        print(f"export: {exported.records:,} records ({exported.documents:,} articles), "
              f"{out.stat().st_size / 1e6:.1f} MB in {export_s:.1f} s = {export_rate:,.0f} articles/s "
              f"(target >= 2,000) {verdict(export_rate >= 2000)}  [cpu {export_cpu:.1f} s]")
        project.close()

        with sqlite3.connect(db_path) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        wal = Path(f"{db_path}-wal")
        size = db_path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)
        ratio = size / text_bytes
        print(f"size: project file {size / 1e6:.1f} MB (with -wal) for {text_bytes / 1e6:.1f} MB of text "
              f"= {ratio:.2f}x (target < 3x) {verdict(ratio < 3)}")

        env = {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}
        timings, cpu = [], []
        for extra in ([], ["--json"]):
            cmd = [sys.executable, "-m", "annotator.cli", "--project", str(db_path), "stats", *extra]
            before = _children_cpu()
            t0 = time.perf_counter()
            done = subprocess.run(cmd, env=env, capture_output=True, text=True)
            timings.append(time.perf_counter() - t0)
            cpu.append(_children_cpu() - before)
            if done.returncode != 0:
                print(done.stderr, file=sys.stderr)
                return 1
        print(f"stats: 'annotator stats' {timings[0]:.2f} s, 'annotator stats --json' {timings[1]:.2f} s wall "
              f"(target < 2 s) {verdict(max(timings) < 2)}  [cpu {cpu[0]:.2f} s, {cpu[1]:.2f} s]")
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(f"machine: {os.cpu_count()} CPUs, load average {load:.1f} at the end (wall times grow with load)")
        if args.keep:
            print(f"files kept in {tmp}")
    finally:
        if not args.keep:
            for p in sorted(tmp.rglob("*"), reverse=True):
                p.unlink() if p.is_file() else p.rmdir()
            tmp.rmdir()
    return 0


if __name__ == "__main__":
    sys.exit(main())
