"""Accuracy, speed and size of the bundled UD tagger and parser (resources/models/it_ud_parser).

Reads the Universal Dependencies treebanks in ../shared/data/ud (not part of the repository) and
prints, for each test file, UPOS accuracy, morphological-feature accuracy, UAS and LAS (spaCy's
scorer: punctuation included, on spaCy's own tokenization aligned to the gold tokens, multi-word
tokens such as "della" merged as in training), then words per second of the whole pipeline on one
core (the test articles, 10 sentences a text) and the model folder's size on disk.
None of the test files went into training (see resources/models/it_ud_parser/README.md). PUD's
morphological features follow another scheme (Voice, Aspect), so its "morph" figure is not comparable.
Targets: >= 5,000 words/s on one core, <= 15 MB.

    .venv/bin/python benchmarks/bench_parser.py [--model PATH] [--ud DIR] [--json]
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
UD_DIR = REPO.parent / "shared" / "data" / "ud"
MODEL = REPO / "resources" / "models" / "it_ud_parser"
# name -> file; the first two are the held-out test sets of the build, the last two the ParTUT
# test (held out too) and the development file used to pick the checkpoint.
TEST_FILES = {
    "isdt-test": "it_isdt-ud-test.conllu",
    "pud-test": "it_pud-ud-test.conllu",
    "partut-test": "it_partut-ud-test.conllu",
    "partut-dev": "it_partut-ud-dev.conllu",
}
SPEED_FILES = ("isdt-test", "pud-test")
SENTS_PER_DOC = 10  # as `spacy convert -n 10` in train_parser.py
TARGET_WPS = 5000
TARGET_MB = 15


def folder_megabytes(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


def read_conllu(nlp, path: Path) -> list:
    """The gold Docs of a CoNLL-U file, as `spacy convert -c conllu -T -n 10` makes them."""
    from spacy.tokens import DocBin
    from spacy.training.converters import conllu_to_docs

    docs = conllu_to_docs(path.read_text(encoding="utf8"), n_sents=SENTS_PER_DOC,
                          merge_subtokens=True, no_print=True)
    return list(DocBin(docs=docs, store_user_data=False).get_docs(nlp.vocab))


def score(nlp, gold_docs: list) -> dict:
    """spaCy's scores of ``nlp`` against ``gold_docs`` (what `spacy evaluate` prints)."""
    from spacy.training import Example

    examples = [Example(nlp.make_doc(doc.text), doc) for doc in gold_docs]
    scores = nlp.evaluate(examples)
    return {
        "words": sum(len(doc) for doc in gold_docs),
        "sentences": sum(1 for doc in gold_docs for _ in doc.sents),
        "token_acc": scores["token_acc"],
        "pos_acc": scores["pos_acc"],
        "morph_acc": scores["morph_acc"],
        "uas": scores["dep_uas"],
        "las": scores["dep_las"],
        "sents_f": scores["sents_f"],
    }


def words_per_second(nlp, texts: list[str], rounds: int = 2) -> dict:
    """Words per second of ``nlp.pipe`` over ``texts``, best of ``rounds`` (after a warm-up)."""
    list(nlp.pipe(texts[:5]))
    best = None
    for _ in range(rounds):
        wall, cpu = time.perf_counter(), time.process_time()
        words = sum(sum(1 for t in doc if not t.is_space) for doc in nlp.pipe(texts, batch_size=64))
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        if best is None or wall < best["seconds"]:
            best = {"words": words, "seconds": wall, "words_per_s": words / wall, "words_per_cpu_s": words / cpu}
    return best


def measure(model: Path = MODEL, ud_dir: Path = UD_DIR) -> dict:
    """All the figures, as a dict (train_parser.py writes them into the model's README)."""
    import spacy

    nlp = spacy.load(model)
    figures: dict = {"model": str(model), "tests": {}}
    texts: list[str] = []
    for name, filename in TEST_FILES.items():
        path = ud_dir / filename
        if not path.exists():
            continue
        gold = read_conllu(nlp, path)
        figures["tests"][name] = score(nlp, gold)
        if name in SPEED_FILES:
            texts.extend(doc.text for doc in gold)
    figures["speed"] = words_per_second(nlp, texts) if texts else None
    figures["megabytes"] = folder_megabytes(model)
    figures["pipeline"] = list(nlp.pipe_names)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=MODEL, help="pipeline folder (default: the bundled parser)")
    parser.add_argument("--ud", type=Path, default=UD_DIR, help="folder of the UD Italian CoNLL-U files")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    if not (args.model / "meta.json").is_file():
        print(f"bench_parser: no model in {args.model}: build it with benchmarks/realnews/train_parser.py",
              file=sys.stderr)
        return 0
    if not args.ud.is_dir():
        print(f"bench_parser: {args.ud} not found: this benchmark needs the shared UD data", file=sys.stderr)
        return 0  # a machine without ../shared has nothing to measure; not a failure
    figures = measure(args.model, args.ud)
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    print(f"model           {args.model} ({' + '.join(figures['pipeline'])})")
    print(f"{'test':<15} {'words':>7}  {'UPOS':>6} {'morph':>6} {'UAS':>6} {'LAS':>6} {'sents F':>7}")
    for name, s in figures["tests"].items():
        print(f"{name:<15} {s['words']:>7,}  {s['pos_acc']:6.3f} {s['morph_acc']:6.3f} "
              f"{s['uas']:6.3f} {s['las']:6.3f} {s['sents_f']:7.3f}")
    speed = figures["speed"]
    if speed:
        print(f"speed           {speed['words_per_s']:,.0f} words/s on one core "
              f"({speed['words_per_cpu_s']:,.0f} per CPU second, {speed['words']:,} words)   "
              f"target >= {TARGET_WPS:,}")
    print(f"size            {figures['megabytes']:.1f} MB on disk   target <= {TARGET_MB} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
