"""Tools for annotating the real-news passages (issue 15): list, template, check, freeze, build.

    python benchmarks/realnews/annotate.py list                       # passages, split, sample
    python benchmarks/realnews/annotate.py template OUT.txt ID ...    # plain markup to annotate
    python benchmarks/realnews/annotate.py check FILE.txt ...         # tags, text, schema, refs
    python benchmarks/realnews/annotate.py freeze FILE.txt ... --name primary
    python benchmarks/realnews/annotate.py build [--name primary]      # gold markup from ../shared

Annotations are written as gold markup (annotator/formats/quote_markup.py) around the passage text,
with one more attribute: ``ref="…"`` on a ``<sp>`` or ``<arg>`` whose words are a title, pronoun,
surname or acronym gives the fullest name the passage uses for that entity. ``freeze`` turns markup
files into offsets (benchmarks/data/realnews/<name>.json, committed: no KIND text in it, only offsets
and each passage's checksum); ``build`` writes the markup back from KIND's text and those offsets
into benchmarks/data/realnews/build/ (not committed), ready for ``annotator evaluate``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(Path(__file__).resolve().parent)]

from annotator.formats.atomic import atomic_write  # noqa: E402
from annotator.formats.quote_markup import MarkupError, parse_document  # noqa: E402
from passages import KIND_DIR, Passage, passages  # noqa: E402

DATA = ROOT / "benchmarks" / "data" / "realnews"
BUILD = DATA / "build"
SOURCES = ("WN_dev.tsv", "WN_train.tsv")
SPLITS = ("dev", "test", "train")
_HEADER = re.compile(r"^=== (\S+)")
_TAG = re.compile(r"<(/)?(q|sp|cue|ev|arg)((?:\s+[a-z]+=\"[^\"]*\")*)\s*>")
_ATTR = re.compile(r'([a-z]+)="([^"]*)"')


def all_passages() -> dict[str, Passage]:
    missing = [s for s in SOURCES if not (KIND_DIR / s).is_file()]
    if missing:
        raise SystemExit(f"the real-news passages are rebuilt from KIND: {', '.join(missing)} not found in "
                         f"{KIND_DIR} (see README, Benchmarks)")
    return {p.id: p for source in SOURCES for p in passages(source)}


def gold_documents(split: str, name: str = "primary") -> list:
    """The built gold documents of one split (``build`` first), or exit naming what is wrong."""
    from annotator.services.evaluation import read_quote_gold

    documents, errors = read_quote_gold([BUILD / f"{name}-{split}.txt"])
    if errors:
        raise SystemExit("\n".join(errors))
    return documents


def split_of(index: int, source: str = "WN_dev.tsv") -> str:
    """WN_dev: blocks of five consecutive passages alternate between dev and test (articles rarely
    straddle). WN_train: its own split, "train", more passages to tune on (the bundled NER model
    was trained on those sentences, so its entities there are better than on unseen news)."""
    if source == "WN_train.tsv":
        return "train"
    return "dev" if (index // 5) % 2 == 0 else "test"


def in_sample(index: int) -> bool:
    """The passages a second annotator codes independently: every fifth one."""
    return index % 5 == 2


def schema() -> dict:
    return json.loads((ROOT / "resources" / "events" / "plover.json").read_text(encoding="utf-8"))


def read_marked(path: Path) -> dict[str, str]:
    """Documents of a markup file as {id: marked text} (blank lines at both ends dropped)."""
    documents: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _HEADER.match(line)
        if match:
            current = documents.setdefault(match.group(1), [])
            continue
        if current is not None:
            current.append(line)
    return {k: "\n".join(v).strip("\n") for k, v in documents.items()}


def check(path: Path, known: dict[str, Passage]) -> list[str]:
    problems: list[str] = []
    plover = schema()
    types = {t["name"]: {m["name"] for m in t["modes"]} for t in plover["types"]}
    roles = {r["name"] for r in plover["roles"]}
    contexts = set(plover["contexts"])
    totals = {"quotes": 0, "events": 0}
    for doc_id, marked in read_marked(path).items():
        where = f"{path.name}: {doc_id}"
        passage = known.get(doc_id)
        if passage is None:
            problems.append(f"{where}: no such passage")
            continue
        try:
            gold = parse_document(doc_id, marked)
        except MarkupError as err:
            problems.append(f"{where}: {err}")
            continue
        if gold.text != passage.text:
            at = next((i for i, (a, b) in enumerate(zip(gold.text, passage.text)) if a != b),
                      min(len(gold.text), len(passage.text)))
            problems.append(f"{where}: the text differs from the passage at character {at}: "
                            f"yours {gold.text[max(0, at - 40):at + 40]!r} / passage {passage.text[max(0, at - 40):at + 40]!r}")
            continue
        for match in _TAG.finditer(marked):
            if match.group(1):
                continue
            name, attrs = match.group(2), dict(_ATTR.findall(match.group(3)))
            ref = attrs.get("ref")
            if ref is not None and ref not in passage.text:
                problems.append(f"{where}: ref={ref!r} is not words of the passage")
            if name in ("sp", "arg") and attrs.get("label") not in (None, "PER", "ORG", "LOC"):
                problems.append(f"{where}: label {attrs.get('label')!r} (PER, ORG, LOC or none)")
            if name == "ev":
                kind, mode = attrs.get("type"), attrs.get("mode")
                if kind not in types:
                    problems.append(f"{where}: event {attrs.get('id')} has type {kind!r}")
                elif mode and mode not in types[kind]:
                    problems.append(f"{where}: event {attrs.get('id')} {kind} has mode {mode!r}; "
                                    f"modes: {', '.join(sorted(types[kind])) or 'none'}")
                for context in attrs.get("context", "").split():
                    if context not in contexts:
                        problems.append(f"{where}: context {context!r}")
            if name == "arg" and attrs.get("role") not in roles:
                problems.append(f"{where}: role {attrs.get('role')!r}; roles: {', '.join(sorted(roles))}")
        totals["quotes"] += len(gold.quotes)
        totals["events"] += len(gold.events)
    print(f"{path}: {totals['quotes']} quotations, {totals['events']} events")
    return problems


def freeze(paths: list[Path], name: str, known: dict[str, Passage]) -> None:
    """Markup → offsets: {passage id: {source, first, count, sha256, tags: [[start, end, name, attrs]]}}.
    The passages of ``paths`` replace theirs in <name>.json; the other passages there are kept."""
    target = DATA / f"{name}.json"
    try:
        out: dict[str, dict] = json.loads(target.read_text(encoding="utf-8")) if target.exists() else {}
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise SystemExit(f"{target}: cannot read the frozen annotations ({err}); restore it with "
                         f"'git checkout {target.relative_to(ROOT)}' and freeze again") from None
    if not isinstance(out, dict):
        raise SystemExit(f"{target}: not a frozen annotation file (expected an object of passages)")
    for path in paths:
        for doc_id, marked in read_marked(path).items():
            passage = known[doc_id]
            tags, plain_length, position, stack = [], 0, 0, []
            for match in _TAG.finditer(marked):
                plain_length += match.start() - position
                position = match.end()
                if match.group(1):
                    tag, attrs, start = stack.pop()
                    tags.append([start, plain_length, tag, attrs])
                else:
                    stack.append((match.group(2), dict(_ATTR.findall(match.group(3))), plain_length))
            if parse_document(doc_id, marked).text != passage.text:
                raise SystemExit(f"{path}: {doc_id}: the text differs from the passage: run 'check' first")
            out[doc_id] = {"source": passage.source, "first": passage.first, "count": passage.count,
                           "sha256": passage.sha256, "tags": sorted(tags, key=lambda t: (t[0], -t[1]))}
    DATA.mkdir(parents=True, exist_ok=True)
    lines = [f"{json.dumps(k)}: {json.dumps(v, ensure_ascii=False, separators=(',', ':'))}" for k, v in sorted(out.items())]
    with atomic_write(target) as written:  # a killed freeze leaves the annotations as they were
        written.write("{\n" + ",\n".join(lines) + "\n}\n")
    print(f"{target}: {len(out)} passages")


def build(name: str, known: dict[str, Passage], *, quiet: bool = False) -> None:
    """Offsets + KIND's text → markup files per split under build/ (checksums verified)."""
    frozen = json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))
    order = {pid: i for i, pid in enumerate(known)}
    splits: dict[str, list[str]] = {split: [] for split in SPLITS}
    for doc_id, record in frozen.items():
        passage = known.get(doc_id)
        if passage is None or passage.sha256 != record["sha256"]:
            raise SystemExit(f"{doc_id}: the text rebuilt from {KIND_DIR} is not the annotated one")
        splits[split_of(order[doc_id], passage.source)].append(f"=== {doc_id}\n{_mark(passage.text, record['tags'])}\n")
    BUILD.mkdir(parents=True, exist_ok=True)
    for split, documents in splits.items():
        target = BUILD / f"{name}-{split}.txt"
        if not documents:
            target.unlink(missing_ok=True)
            continue
        target.write_text("\n".join(documents), encoding="utf-8")
        if not quiet:
            print(f"{target}: {len(documents)} passages")


def _mark(text: str, tags: list) -> str:
    inserts: list[tuple[int, int, str]] = []
    for number, (start, end, tag, attrs) in enumerate(tags):
        attributes = "".join(f' {k}="{v}"' for k, v in attrs.items())
        inserts.append((start, 1, number, f"<{tag}{attributes}>"))
        inserts.append((end, 0, -number, f"</{tag}>"))
    out, position = [], 0
    for offset, _, _, tag in sorted(inserts):
        out.append(text[position:offset] + tag)
        position = offset
    return "".join(out) + text[position:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("list")
    template = sub.add_parser("template")
    template.add_argument("out", type=Path)
    template.add_argument("ids", nargs="+")
    checking = sub.add_parser("check")
    checking.add_argument("files", nargs="+", type=Path)
    freezing = sub.add_parser("freeze")
    freezing.add_argument("files", nargs="+", type=Path)
    freezing.add_argument("--name", default="primary")
    building = sub.add_parser("build")
    building.add_argument("--name", default="primary")
    args = parser.parse_args()
    known = all_passages()
    if args.command == "list":
        for index, passage in enumerate(known.values()):
            print(passage.id, split_of(index, passage.source), "sample" if in_sample(index) else "", passage.count, len(passage.text))
    elif args.command == "template":
        missing = [i for i in args.ids if i not in known]
        if missing:
            raise SystemExit(f"no such passages: {', '.join(missing)}")
        args.out.write_text("".join(f"=== {i}\n{known[i].text}\n\n" for i in args.ids), encoding="utf-8")
    elif args.command == "check":
        problems = [p for f in args.files for p in check(f, known)]
        print("\n".join(problems) if problems else "ok")
        raise SystemExit(1 if problems else 0)
    elif args.command == "freeze":
        freeze(args.files, args.name, known)
    else:
        build(args.name, known)


if __name__ == "__main__":
    main()
