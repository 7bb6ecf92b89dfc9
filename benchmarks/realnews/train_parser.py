"""Build resources/models/it_ud_parser: an Italian tagger (UPOS + morphology) and dependency parser
trained with spaCy on the Universal Dependencies treebanks in ../shared/data/ud.

    .venv/bin/python benchmarks/realnews/train_parser.py        # or: make parser

1. Converts each CoNLL-U file with `spacy convert -c conllu -T -n 10` (multi-word tokens such as
   "della" = "di" + "la" merged into one token, as spaCy's Italian tokenizer leaves them; 10
   sentences a document, so that the parser learns sentence boundaries) into build/ud/ (gitignored):
   - train/: ParTUT train + ISDT dev (ISDT's train file is not in ../shared/data/ud),
   - dev/:   ParTUT dev (picks the checkpoint),
   - test/:  ISDT test, PUD test, ParTUT test (never trained on).
2. Trains benchmarks/realnews/it_ud_parser.cfg (tok2vec + morphologizer + parser, CPU, seed 0, one
   thread) with `spacy train`.
3. Copies the best checkpoint to resources/models/it_ud_parser, sets its meta (name, version,
   licence, data) and writes its README.md with the figures of benchmarks/bench_parser.py.

Licence of the result: CC BY-NC-SA 4.0 (ParTUT is CC BY-NC-SA 4.0, ISDT CC BY-NC-SA 3.0; PUD, CC
BY-SA 3.0, is only a test set). About 10 minutes on a 2-core machine.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

import bench_parser  # noqa: E402

CONFIG = HERE / "it_ud_parser.cfg"
UD_DIR = REPO.parent / "shared" / "data" / "ud"
BUILD = REPO / "build" / "ud"
OUTPUT = REPO / "resources" / "models" / "it_ud_parser"
NAME, VERSION = "it_ud_parser", "1.0.0"
LICENSE = "CC BY-NC-SA 4.0"
DESCRIPTION = ("Italian UPOS tagger, morphologizer and UD dependency parser trained on UD Italian "
               "ParTUT (train) and ISDT (dev); small CPU model for pre-annotation")

# role -> [(file, treebank, licence, url)]
SPLITS = {
    "train": [
        ("it_partut-ud-train.conllu", "UD_Italian-ParTUT train", "CC BY-NC-SA 4.0",
         "https://github.com/UniversalDependencies/UD_Italian-ParTUT"),
        ("it_isdt-ud-dev.conllu", "UD_Italian-ISDT dev", "CC BY-NC-SA 3.0",
         "https://github.com/UniversalDependencies/UD_Italian-ISDT"),
    ],
    "dev": [
        ("it_partut-ud-dev.conllu", "UD_Italian-ParTUT dev", "CC BY-NC-SA 4.0",
         "https://github.com/UniversalDependencies/UD_Italian-ParTUT"),
    ],
    "test": [
        ("it_isdt-ud-test.conllu", "UD_Italian-ISDT test", "CC BY-NC-SA 3.0",
         "https://github.com/UniversalDependencies/UD_Italian-ISDT"),
        ("it_pud-ud-test.conllu", "UD_Italian-PUD test", "CC BY-SA 3.0",
         "https://github.com/UniversalDependencies/UD_Italian-PUD"),
        ("it_partut-ud-test.conllu", "UD_Italian-ParTUT test", "CC BY-NC-SA 4.0",
         "https://github.com/UniversalDependencies/UD_Italian-ParTUT"),
    ],
}
ROW = re.compile(r"^\s*\d+\s+(\d+)\s+([0-9.\s]+)$")  # E, step, losses..., scores of spaCy's log


def one_thread_env() -> dict:
    env = dict(os.environ)
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        env[var] = "1"
    return env


def convert(ud_dir: Path, build: Path) -> dict[str, int]:
    """CoNLL-U -> build/<role>/<name>.spacy; returns the words per role."""
    words: dict[str, int] = {}
    for role, files in SPLITS.items():
        folder = build / role
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        for filename, *_ in files:
            subprocess.run(
                [sys.executable, "-m", "spacy", "convert", str(ud_dir / filename), str(folder),
                 "-c", "conllu", "-T", "-n", str(bench_parser.SENTS_PER_DOC), "-l", "it"],
                check=True, env=one_thread_env(), stdout=subprocess.DEVNULL,
            )
            text = (ud_dir / filename).read_text(encoding="utf8")
            words[role] = words.get(role, 0) + sum(
                1 for line in text.splitlines() if re.match(r"^\d+\t", line))
    return words


def train(build: Path, args: argparse.Namespace) -> tuple[Path, float, int | None]:
    """Runs `spacy train`; returns the best checkpoint, the seconds it took and its step."""
    out = build / "training"
    if out.exists():
        shutil.rmtree(out)
    command = [
        sys.executable, "-m", "spacy", "train", str(CONFIG), "--output", str(out),
        "--paths.train", str(build / "train"), "--paths.dev", str(build / "dev"),
        "--training.max_steps", str(args.max_steps), "--training.patience", str(args.patience),
        "--training.eval_frequency", str(args.eval_every), "--system.seed", str(args.seed),
    ]
    print("==>", " ".join(command), flush=True)
    start = time.perf_counter()
    log_lines = []
    with subprocess.Popen(command, env=one_thread_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True) as proc:
        for line in proc.stdout:
            print(line, end="", flush=True)
            log_lines.append(line)
    seconds = time.perf_counter() - start
    if proc.returncode:
        raise SystemExit(f"spacy train failed ({proc.returncode})")
    (build / "train.log").write_text("".join(log_lines), encoding="utf8")
    best_step = _best_step(log_lines, out / "model-best" / "meta.json")
    return out / "model-best", seconds, best_step


def _best_step(log_lines: list[str], meta_path: Path) -> int | None:
    """The step of the best checkpoint: the last log row whose UPOS/UAS/LAS (printed in percent,
    2 decimals) are the scores spaCy stored in model-best's meta.json."""
    performance = json.loads(meta_path.read_text(encoding="utf8")).get("performance", {})
    wanted = [round(100 * performance.get(key, -1), 2) for key in ("pos_acc", "dep_uas", "dep_las")]
    step = None
    for line in log_lines:
        match = ROW.match(re.sub(r"\x1b\[[0-9;]*m", "", line))
        if match:
            values = [float(v) for v in match.group(2).split()]
            # columns: 3 losses, POS_ACC, MORPH_ACC, DEP_UAS, DEP_LAS, SENTS_F, SCORE
            if len(values) == 9 and [values[3], values[5], values[6]] == wanted:
                step = int(match.group(1))
    return step


def install(best: Path, output: Path, record: dict) -> None:
    """The checkpoint -> ``output``, with annotator's meta and no training paths in the config."""
    from spacy.util import load_config

    if output.exists():
        if any(output.iterdir()) and not (output / "meta.json").is_file():
            raise SystemExit(f"{output} exists and is not a model folder: not overwriting it")
        shutil.rmtree(output)
    shutil.copytree(best, output)
    config = load_config(output / "config.cfg")
    for key in ("train", "dev"):
        config["paths"][key] = None
    config.to_disk(output / "config.cfg")
    meta = json.loads((output / "meta.json").read_text(encoding="utf8"))
    meta.update(name=NAME, version=VERSION, license=LICENSE, description=DESCRIPTION, author="annotator")
    meta["annotator_training"] = record  # read back by --measure-only
    meta["sources"] = [
        {"name": treebank, "url": url, "license": licence}
        for role in ("train", "dev") for _, treebank, licence, url in SPLITS[role]
    ]
    (output / "meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf8")


def readme(figures: dict, record: dict) -> str:
    words = record["words"]
    tests = figures["tests"]
    rows = "\n".join(
        f"| {name} | {s['words']:,} | {s['pos_acc']:.3f} | {s['morph_acc']:.3f} | {s['uas']:.3f} | "
        f"{s['las']:.3f} | {s['sents_f']:.3f} |"
        for name, s in tests.items()
    )
    speed = figures["speed"]
    data = "\n".join(
        f"| {role} | {treebank} (`{filename}`) | {licence} |"
        for role, files in SPLITS.items() for filename, treebank, licence, _ in files
    )
    return f"""# {NAME} {VERSION}

{DESCRIPTION}.

- Pipeline: spaCy's Italian tokenizer, `tok2vec` (hashed NORM/PREFIX/SUFFIX/SHAPE embeddings, 4-layer
  CNN of width 96), `morphologizer` (UPOS + UD features), `parser` (transition-based, hidden width 128, UD relations
  with subtypes: `nsubj:pass`, `obl:agent`, `flat:name`...; it also sets sentence boundaries).
- Multi-word tokens are merged as spaCy's tokenizer leaves them: "della", "dalla", "al" are one
  token labelled `case` (ADP), with the article's features.
- No lemmas, no named entities (the NER model is `it_news_kind`).
- Licence: **{LICENSE}** (see below).
- Helpers that read subjects, objects, agents and recipients off its parses:
  `annotator/nlp/syntax.py`.

## Data (../shared/data/ud, UD Italian treebanks; not part of this repository)

| role | treebank (file) | licence |
|---|---|---|
{data}

Training: {words['train']:,} words; development: {words['dev']:,} words (chooses the checkpoint).
ISDT's own train file is not among the shared files, so ISDT's dev file is used for training; the
test files were never trained on.

## Licence

**{LICENSE}**: the weights and the vocabulary are derived from UD_Italian-ParTUT (CC BY-NC-SA 4.0) and
UD_Italian-ISDT (CC BY-NC-SA 3.0, whose share-alike clause allows a later version of the same
licence). The model may be used, shared and adapted for **non-commercial purposes only**, with
attribution to the treebanks, and adaptations must be shared under the same licence. annotator's
code is MIT; this licence covers this model folder only.

## Figures (`benchmarks/bench_parser.py`)

spaCy's scorer on spaCy's tokenization aligned to the gold tokens (punctuation included; "words" are
gold tokens, multi-word tokens such as "della" merged). PUD's
morphological features follow another scheme (Voice, Aspect; no VerbForm on most verbs), so its
"morph" figure is not comparable; ParTUT dev chose the checkpoint (it is close to ParTUT train:
its scores flatter the model).

| test file | words | UPOS | morph | UAS | LAS | sentences F |
|---|---|---|---|---|---|---|
{rows}

- Speed: {speed['words_per_s']:,.0f} words/s on one core (whole pipeline, `nlp.pipe` over the
  ISDT and PUD test texts, {speed['words']:,} words).
- Size: {figures['megabytes']:.1f} MB on disk.
- Training: {record['minutes']:.1f} minutes on a 2-core machine (single-threaded, seed {record['seed']}), best
  checkpoint at step {record['best_step']} of at most {record['max_steps']} (patience {record['patience']},
  evaluated every {record['eval_every']} steps on the development file).

## Rebuilding

From the repository root, with `../shared/data/ud/` beside it:

```sh
.venv/bin/python benchmarks/realnews/train_parser.py   # or: make parser
.venv/bin/python benchmarks/bench_parser.py            # the figures above
```

The config is `benchmarks/realnews/it_ud_parser.cfg`; intermediate files go to `build/ud/`.
Load it with `spacy.load("resources/models/it_ud_parser")` or `annotator.nlp.syntax.load_parser()`.
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ud", type=Path, default=UD_DIR, help="folder of the UD Italian CoNLL-U files")
    parser.add_argument("--build", type=Path, default=BUILD, help="working folder (converted data, checkpoints)")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="where the model goes")
    parser.add_argument("--max-steps", type=int, default=5000)
    parser.add_argument("--patience", type=int, default=2000)
    parser.add_argument("--eval-every", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--measure-only", action="store_true",
                        help="only re-measure the installed model and rewrite its README.md")
    args = parser.parse_args()
    if args.measure_only:
        meta = json.loads((args.output / "meta.json").read_text(encoding="utf8"))
        return measure_and_document(args.output, args.ud, meta["annotator_training"])
    missing = [f for files in SPLITS.values() for f, *_ in files if not (args.ud / f).is_file()]
    if missing:
        print(f"train_parser: missing in {args.ud}: {', '.join(missing)}", file=sys.stderr)
        return 1
    print(f"==> Converting {args.ud} into {args.build}", flush=True)
    words = convert(args.ud, args.build)
    best, seconds, best_step = train(args.build, args)
    print(f"==> Trained in {seconds / 60:.1f} minutes; best step {best_step}; installing into {args.output}")
    record = {"minutes": round(seconds / 60, 1), "best_step": best_step, "max_steps": args.max_steps,
              "patience": args.patience, "eval_every": args.eval_every, "seed": args.seed, "words": words}
    install(best, args.output, record)
    return measure_and_document(args.output, args.ud, record)


def measure_and_document(output: Path, ud_dir: Path, record: dict) -> int:
    print("==> Measuring (benchmarks/bench_parser.py)", flush=True)
    figures = bench_parser.measure(output, ud_dir)
    (output / "README.md").write_text(readme(figures, record), encoding="utf8")
    print(json.dumps({"training": record, **figures}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
