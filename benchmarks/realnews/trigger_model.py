"""Does a statistical trigger model beat the event lexicon alone on real news? (issue 15, deliverable 4)

Trains small models on the real-news dev events and compares, with the scorer of
benchmarks/bench_realnews.py (annotator/nlp/event_evaluation.score_events: same type, overlapping
trigger):

  lexicon         the lexicon alone: EventSuggester as shipped;
  filter          a logistic-regression classifier over each suggested event (trigger words and
                  stem, type, mode, the words around it, its roles, whether it stands in a
                  quotation) drops the suggestions it scores below a threshold (precision);
  filter-l2       the same, more strongly regularised;
  filter-trig     trigger features only (type, mode, words, stem): how reliable each trigger is;
  filter-trig-l2  the same, more strongly regularised;
  filter-parse    filter plus part of speech and dependency from resources/models/it_ud_parser;
  tagger          a token classifier with type labels adds triggers the lexicon misses (words whose
                  stem was a trigger in training), their events then getting actors, places and
                  dates from EventSuggester's own code (recall);
  both            filter and tagger.

"Dev" is the dev split and, unless ``--dev-only``, the annotated WN_train passages (the "train"
split of bench_realnews.py). Dev figures are 5-fold cross-validation over it by blocks of consecutive passages (train on four
fifths, score the held-out fifth, pool the counts); the thresholds are chosen by an inner
cross-validation of the training folds only. Test figures: trained on all of dev, scored on test
once. Also the training time, the time the model adds per 1,000 words, a paired bootstrap interval
of each gain over passages, and the decision: the variant best on dev CV ships only if it gains 0.02
event F1 or more on both dev CV and test. Plain numpy (spaCy's own dependency); no other library.

    .venv/bin/python benchmarks/realnews/trigger_model.py [--cache DIR] [--variants A,B] [--lexicon DIR]

``--cache DIR`` keeps the pipeline's entities, dates, quotations and parses between runs (they do
not depend on the model); ``--lexicon DIR`` scores another trigger lexicon (a folder holding
triggers_it.tsv and suggester_it.json).
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse
import pickle
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(Path(__file__).resolve().parent)]

from annotate import BUILD, all_passages, build, gold_documents  # noqa: E402

from annotator.domain.matching import overlaps  # noqa: E402
from annotator.nlp.event_evaluation import score_events  # noqa: E402
from annotator.nlp.events import EventSuggester, FoundEvent, _Reading  # noqa: E402

_WORD = re.compile(r"\w+(?:-\w+)?", re.UNICODE)
FOLDS = 5
FEATURES = "all"  # the filter's features: all | all+parse | trigger | trigger+parse (set per variant)
FILTER_OPTIONS = {"l2": 1e-3, "steps": 150}


@dataclass
class Item:
    """One gold passage with what the pipeline found in it (the model's input)."""

    id: str
    text: str
    gold: list
    entities: list
    dates: list
    quotes: list
    published: object
    parse: dict | None = None  # word start -> (POS, dependency, head's word, head's POS), from it_ud_parser


# -- data ------------------------------------------------------------------------------------------


def load_items(cache: Path | None, with_train: bool = True) -> dict[str, list[Item]]:
    """The dev and test passages with the pipeline's output; ``with_train``: the annotated WN_train
    passages join dev (more to learn from; test stays as it is)."""
    path = cache / ("items-train.pkl" if with_train else "items.pkl") if cache else None
    if path and path.exists():
        try:
            return {split: [Item(**fields) for fields in docs]
                    for split, docs in pickle.loads(path.read_bytes()).items()}
        except (pickle.UnpicklingError, EOFError, TypeError, AttributeError, ValueError) as err:
            print(f"{path}: not a usable cache ({err}); computing it again")
    from annotator.domain.published import publication_date
    from annotator.nlp.dates import DATE_LABEL, resolve_date
    from annotator.nlp.pipeline import DEFAULT_MODEL, load_pipeline
    from annotator.nlp.quotes import QuoteFinder

    build("primary", all_passages(), quiet=True)
    nlp = load_pipeline(DEFAULT_MODEL)
    finder = QuoteFinder()
    items: dict[str, list[Item]] = {}
    for split in ("dev", "test"):
        documents = gold_documents(split)
        if split == "dev" and with_train and (BUILD / "primary-train.txt").exists():
            documents += gold_documents("train")
        items[split] = []
        for gold, doc in zip(documents, nlp.pipe(d.text for d in documents), strict=True):
            published = publication_date({"published": gold.published or ""})
            entities = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
            dates = [(e.start_char, e.end_char, resolve_date(e.text, published)) for e in doc.ents
                     if e.label_ == DATE_LABEL]
            quotes = finder.find(gold.text, entities)
            items[split].append(Item(gold.id, gold.text, list(gold.events), entities, dates, quotes, published))
    parser = load_pipeline(ROOT / "resources" / "models" / "it_ud_parser")
    started = time.process_time()
    for docs in items.values():
        for item, doc in zip(docs, parser.pipe(d.text for d in docs), strict=True):
            item.parse = {t.idx: (t.pos_, t.dep_, t.head.lower_, t.head.pos_) for t in doc}
    words = sum(len(d.text.split()) for docs in items.values() for d in docs)
    print(f"UD parser (features of filter-parse only): {1e6 * (time.process_time() - started) / words:.1f} ms "
          "per 1,000 words")
    if path:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".part")  # a killed run leaves the old cache, not half a new one
        partial.write_bytes(pickle.dumps({split: [vars(d) for d in docs] for split, docs in items.items()}))
        partial.replace(path)
    return items


def folds(items: list[Item], k: int = FOLDS) -> list[list[int]]:
    """k blocks of consecutive passages (an article's passages stay together)."""
    n = len(items)
    return [list(range(n * f // k, n * (f + 1) // k)) for f in range(k)]


# -- a sparse logistic regression in numpy ---------------------------------------------------------


class SparseLogit:
    """Multinomial logistic regression over string features, L2-regularised, full-batch Adam."""

    def __init__(self, l2: float = 1e-3, steps: int = 150, rate: float = 0.1) -> None:
        self.l2, self.steps, self.rate = l2, steps, rate
        self.vocab: dict[str, int] = {}
        self.classes: list[str] = []
        self.weights = np.zeros((0, 0))

    def _encode(self, rows: list[list[str]], grow: bool) -> tuple[np.ndarray, np.ndarray]:
        flat, owner = [], []
        for r, feats in enumerate(rows):
            for f in feats:
                index = self.vocab.get(f)
                if index is None and grow:
                    index = self.vocab[f] = len(self.vocab)
                if index is not None:
                    flat.append(index)
                    owner.append(r)
        return np.asarray(flat, dtype=np.int64), np.asarray(owner, dtype=np.int64)

    def _scores(self, flat: np.ndarray, owner: np.ndarray, n: int) -> np.ndarray:
        scores = np.zeros((n, len(self.classes)))
        np.add.at(scores, owner, self.weights[flat])
        return scores + self.bias

    def fit(self, rows: list[list[str]], labels: list[str]) -> "SparseLogit":
        self.vocab = {}
        self.classes = sorted(set(labels))
        flat, owner = self._encode(rows, grow=True)
        n, c = len(rows), len(self.classes)
        y = np.zeros((n, c))
        y[np.arange(n), [self.classes.index(l) for l in labels]] = 1.0
        self.weights = np.zeros((len(self.vocab), c))
        self.bias = np.log(y.mean(0) + 1e-6)
        m = np.zeros_like(self.weights)
        v = np.zeros_like(self.weights)
        for step in range(1, self.steps + 1):
            p = _softmax(self._scores(flat, owner, n))
            g = p - y
            grad = np.zeros_like(self.weights)
            np.add.at(grad, flat, g[owner])
            grad = grad / n + self.l2 * self.weights
            m = 0.9 * m + 0.1 * grad
            v = 0.999 * v + 0.001 * grad * grad
            self.weights -= self.rate * (m / (1 - 0.9 ** step)) / (np.sqrt(v / (1 - 0.999 ** step)) + 1e-8)
        return self

    def predict_proba(self, rows: list[list[str]]) -> np.ndarray:
        flat, owner = self._encode(rows, grow=False)
        return _softmax(self._scores(flat, owner, len(rows)))


def _softmax(scores: np.ndarray) -> np.ndarray:
    scores = scores - scores.max(1, keepdims=True)
    e = np.exp(scores)
    return e / e.sum(1, keepdims=True)


# -- features --------------------------------------------------------------------------------------


class Words:
    """The words of a text with their offsets."""

    def __init__(self, text: str) -> None:
        matches = list(_WORD.finditer(text))
        self.starts = [m.start() for m in matches]
        self.ends = [m.end() for m in matches]
        self.forms = [m.group() for m in matches]
        self.lower = [f.lower() for f in self.forms]

    def index(self, position: int) -> int:
        from bisect import bisect_right
        return max(0, bisect_right(self.starts, position) - 1)


def _stem(word: str) -> str:
    return word[:5] if len(word) > 5 else word


def _context(words: Words, text: str, first: int, last: int) -> list[str]:
    w = words.lower
    f = [f"p1={w[first - 1] if first > 0 else '<s>'}", f"n1={w[last + 1] if last + 1 < len(w) else '</s>'}",
         f"p2={w[first - 2] if first > 1 else '<s>'}", f"n2={w[last + 2] if last + 2 < len(w) else '</s>'}"]
    for i in range(max(0, first - 5), min(len(w), last + 6)):
        if not first <= i <= last and len(w[i]) > 3:
            f.append(f"w={_stem(w[i])}")
    gap_before = text[words.ends[first - 1]:words.starts[first]] if first > 0 else "\n"
    if any(ch in gap_before for ch in ".!?\n"):
        f.append("sentence_start")
    if words.forms[first][:1].isupper():
        f.append("capital")
    return f


def _parse_features(words: Words, parse: dict | None, first: int, ty: str) -> list[str]:
    """The trigger's part of speech and dependency, its head, and the part of speech before it."""
    if not parse:
        return []
    pos, dep, head, head_pos = parse.get(words.starts[first], ("?", "?", "?", "?"))
    before = parse.get(words.starts[first - 1], ("?",))[0] if first > 0 else "<s>"
    return [f"pos={pos}", f"ty|pos={ty}|{pos}", f"dep={dep}", f"ty|dep={ty}|{dep}", f"hpos={head_pos}",
            f"head={_stem(head)}", f"pos-1={before}", f"pos-1|pos={before}|{pos}"]


def event_features(words: Words, text: str, event: FoundEvent, quotes: list, parse: dict | None = None) -> list[str]:
    first, last = words.index(event.trigger[0]), words.index(event.trigger[1] - 1)
    trigger = " ".join(words.lower[first:last + 1])
    ty = event.type
    f = ["bias", f"ty={ty}", f"tm={ty}|{event.mode}", f"t={trigger}", f"ty|t={ty}|{trigger}",
         f"st={_stem(words.lower[first])}", f"ty|st={ty}|{_stem(words.lower[first])}",
         f"nargs={min(len(event.args), 3)}", f"len={min(last - first + 1, 3)}"]
    f += [f"role={role}" for role in sorted({a[0] for a in event.args})]
    f += [f"ty|role={ty}|{role}" for role in sorted({a[0] for a in event.args})]
    if event.quote is not None:
        quote = quotes[event.quote]
        cue = getattr(quote, "cue", None)
        f.append("in_cue" if cue and cue[0] <= event.trigger[0] < cue[1] else "in_quote")
    if FEATURES in ("trigger", "trigger+parse"):  # the trigger's own reliability, no context
        f = [x for x in f if x.split("=")[0] in ("bias", "ty", "tm", "t", "ty|t", "st", "ty|st")]
    if "parse" in FEATURES:
        f += _parse_features(words, parse, first, ty)
    if FEATURES in ("trigger", "trigger+parse"):
        return f
    f += _context(words, text, first, last)
    f += [f"ty|{x}" for x in f if x.startswith(("p1=", "n1="))]
    return f


# -- the models ------------------------------------------------------------------------------------


def _right(event, gold: list) -> bool:
    return any(g.type == event.type and overlaps(g.trigger, event.trigger) for g in gold)


class TriggerFilter:
    """Keeps a lexicon suggestion when the classifier gives it at least ``threshold``."""

    def __init__(self, threshold: float = 0.5, **options) -> None:
        self.threshold = threshold
        self.model = SparseLogit(**options)

    def fit(self, rows: list[list[str]], labels: list[bool]) -> "TriggerFilter":
        self.model.fit(rows, ["keep" if y else "drop" for y in labels])
        return self

    def scores(self, rows: list[list[str]]) -> np.ndarray:
        if not rows:
            return np.zeros(0)
        return self.model.predict_proba(rows)[:, self.model.classes.index("keep")]


def token_features(words: Words, text: str, i: int) -> list[str]:
    w = words.lower[i]
    return ["bias", f"t={w}", f"st={_stem(w)}", f"suf={w[-3:]}", f"st4={w[:4]}"] + _context(words, text, i, i)


def tagger_candidates(words: Words, covered: set[int], stems: set[str]) -> list[int]:
    return [i for i, w in enumerate(words.lower)
            if i not in covered and len(w) > 3 and _stem(w) in stems and not words.forms[i][:1].isupper()]


class Experiment:
    def __init__(self, items: dict[str, list[Item]], lexicon: Path | None = None) -> None:
        from annotator.nlp.events import load_event_lexicon

        self.items = items
        self.suggester = EventSuggester(load_event_lexicon(lexicon) if lexicon else None)
        self.lexicon_events: dict[str, list[list[FoundEvent]]] = {}
        self.words: dict[str, list[Words]] = {}
        started = time.process_time()
        for split, docs in items.items():
            self.lexicon_events[split] = [self.suggester.find(d.text, d.entities, quotes=d.quotes, dates=d.dates,
                                                              published=d.published) for d in docs]
            self.words[split] = [Words(d.text) for d in docs]
        self.lexicon_seconds = time.process_time() - started

    # rows and labels of a set of passages
    def filter_data(self, split: str, indices: list[int]):
        rows, labels, owners = [], [], []
        for k in indices:
            d, words = self.items[split][k], self.words[split][k]
            for j, event in enumerate(self.lexicon_events[split][k]):
                rows.append(event_features(words, d.text, event, d.quotes, d.parse))
                labels.append(_right(event, d.gold))
                owners.append((k, j))
        return rows, labels, owners

    def tagger_data(self, split: str, indices: list[int], stems: set[str]):
        rows, labels, owners = [], [], []
        for k in indices:
            d, words = self.items[split][k], self.words[split][k]
            covered = {i for e in self.lexicon_events[split][k]
                       for i in range(words.index(e.trigger[0]), words.index(e.trigger[1] - 1) + 1)}
            for i in tagger_candidates(words, covered, stems):
                span = (words.starts[i], words.ends[i])
                types = [g.type for g in d.gold if overlaps(g.trigger, span)]
                rows.append(token_features(words, d.text, i))
                labels.append(types[0] if types else "O")
                owners.append((k, i))
        return rows, labels, owners

    def gold_stems(self, split: str, indices: list[int]) -> set[str]:
        stems = set()
        for k in indices:
            d, words = self.items[split][k], self.words[split][k]
            for g in d.gold:
                first, last = words.index(g.trigger[0]), words.index(g.trigger[1] - 1)
                stems.update(_stem(words.lower[i]) for i in range(first, last + 1) if len(words.lower[i]) > 3)
        return stems

    # train on (split, train) and predict on (split2, held)
    def train(self, split: str, train: list[int], *, use_filter: bool, use_tagger: bool,
              filter_threshold: float | None = None, tag_threshold: float | None = None):
        model = {}
        if use_filter:
            rows, labels, _ = self.filter_data(split, train)
            model["filter"] = TriggerFilter(**FILTER_OPTIONS).fit(rows, labels)
            model["filter_threshold"] = filter_threshold
        if use_tagger:
            stems = self.gold_stems(split, train)
            rows, labels, _ = self.tagger_data(split, train, stems)
            model["tagger"] = SparseLogit().fit(rows, labels)
            model["stems"] = stems
            model["tag_threshold"] = tag_threshold
        return model

    def predict(self, model: dict, split: str, held: list[int], filter_threshold: float | None = None,
                tag_threshold: float | None = None) -> list[list[FoundEvent]]:
        out = []
        ft = filter_threshold if filter_threshold is not None else model.get("filter_threshold")
        tt = tag_threshold if tag_threshold is not None else model.get("tag_threshold")
        for k in held:
            d, words = self.items[split][k], self.words[split][k]
            events = list(self.lexicon_events[split][k])
            if "filter" in model and events:
                scores = model["filter"].scores([event_features(words, d.text, e, d.quotes, d.parse) for e in events])
                events = [e for e, s in zip(events, scores) if s >= ft]
            if "tagger" in model:
                covered = {i for e in self.lexicon_events[split][k]
                           for i in range(words.index(e.trigger[0]), words.index(e.trigger[1] - 1) + 1)}
                candidates = tagger_candidates(words, covered, model["stems"])
                if candidates:
                    tagger: SparseLogit = model["tagger"]
                    probs = tagger.predict_proba([token_features(words, d.text, i) for i in candidates])
                    reading = None
                    outside = tagger.classes.index("O")
                    for i, p in zip(candidates, probs):
                        if 1.0 - p[outside] < tt:  # the chance that it is a trigger of any type
                            continue
                        p = p.copy()
                        p[outside] = -1.0
                        label = tagger.classes[int(np.argmax(p))]
                        if reading is None:
                            reading = _Reading(self.suggester.lexicon, d.text, d.entities, d.quotes, d.dates,
                                               d.published)
                        event = _tagged_event(reading, i, label)
                        if event is not None:
                            events.append(event)
            out.append(events)
        return out

    def score(self, split: str, indices: list[int], predicted: list[list[FoundEvent]]):
        docs = [self.items[split][k] for k in indices]
        return score_events((d.text, d.gold, p) for d, p in zip(docs, predicted, strict=True))


def _tagged_event(reading: _Reading, index: int, type_: str) -> FoundEvent | None:
    """An event for a trigger the tagger found, its arguments found as the suggester finds them."""
    from annotator.nlp.events import _Hit, _Rule

    rule = _Rule((reading.words[index],), type_, None)
    return reading._event(_Hit(rule, index, index, mode=None, type=type_))


# -- cross-validation ------------------------------------------------------------------------------

FILTER_THRESHOLDS = (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)
TAG_THRESHOLDS = (0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 1.01)  # 1.01: the tagger adds nothing


def _pooled(ex: Experiment, split: str, parts: list[tuple[list[int], list[list[FoundEvent]]]]):
    from annotator.nlp.event_evaluation import EventReport
    total = EventReport()
    for held, predicted in parts:
        report = ex.score(split, held, predicted)
        for name in ("overall", "triggers"):
            a, b = getattr(total, name), getattr(report, name)
            a.gold += b.gold; a.found += b.found; a.predicted += b.predicted; a.right += b.right  # noqa: E702
    return total


def choose_thresholds(ex: Experiment, split: str, train: list[int], variant: str) -> tuple[float, float]:
    """The thresholds that give the best pooled F1 over an inner cross-validation of ``train``."""
    inner = [train[len(train) * g // 4:len(train) * (g + 1) // 4] for g in range(4)]
    use_filter, use_tagger = variant in ("filter", "both"), variant in ("tagger", "both")
    filter_parts = {t: [] for t in FILTER_THRESHOLDS}
    tag_parts = {t: [] for t in TAG_THRESHOLDS}
    for held in inner:
        rest = [k for k in train if k not in held]
        model = ex.train(split, rest, use_filter=use_filter, use_tagger=use_tagger)
        if use_filter:
            for t in FILTER_THRESHOLDS:
                only = {"filter": model["filter"]}
                filter_parts[t].append((held, ex.predict(only, split, held, filter_threshold=t)))
        if use_tagger:
            for t in TAG_THRESHOLDS:
                only = {k: model[k] for k in ("tagger", "stems")}
                tag_parts[t].append((held, ex.predict(only, split, held, tag_threshold=t)))
    ft = max(FILTER_THRESHOLDS, key=lambda t: _pooled(ex, split, filter_parts[t]).overall.f1) if use_filter else 0.0
    tt = max(TAG_THRESHOLDS, key=lambda t: _pooled(ex, split, tag_parts[t]).overall.f1) if use_tagger else 1.01
    return ft, tt


# name: (what, the filter's features, its L2 weight)
VARIANTS = {
    "lexicon": ("lexicon", "all", 1e-3),
    "filter": ("filter", "all", 1e-3),
    "filter-l2": ("filter", "all", 3e-2),
    "filter-trig": ("filter", "trigger", 1e-3),
    "filter-trig-l2": ("filter", "trigger", 1e-2),
    "filter-parse": ("filter", "all+parse", 1e-3),
    "tagger": ("tagger", "all", 1e-3),
    "both": ("both", "all", 1e-3),
}


def _counts(ex: Experiment, split: str, parts) -> np.ndarray:
    """Per passage, in passage order: gold, found, predicted, right (event type)."""
    rows = {}
    for held, predicted in parts:
        for k, p in zip(held, predicted, strict=True):
            o = ex.score(split, [k], [p]).overall
            rows[k] = (o.gold, o.found, o.predicted, o.right)
    return np.array([rows[k] for k in sorted(rows)], dtype=float)


def _f1(c: np.ndarray) -> np.ndarray:
    """F1 of summed counts (last axis: gold, found, predicted, right)."""
    p = c[..., 3] / np.maximum(c[..., 2], 1)
    r = c[..., 1] / np.maximum(c[..., 0], 1)
    return np.where(p + r > 0, 2 * p * r / np.maximum(p + r, 1e-12), 0.0)


def bootstrap_gain(a: np.ndarray, b: np.ndarray, draws: int = 2000, seed: int = 0) -> tuple[float, float, float]:
    """F1 of b minus F1 of a with a 95% interval, passages drawn again with replacement (paired)."""
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(a), size=(draws, len(a)))
    gains = _f1(b[picks].sum(1)) - _f1(a[picks].sum(1))
    return float(_f1(b.sum(0)) - _f1(a.sum(0))), float(np.percentile(gains, 2.5)), float(np.percentile(gains, 97.5))


def run_variant(ex: Experiment, name: str) -> dict:
    global FEATURES
    variant, FEATURES, FILTER_OPTIONS["l2"] = VARIANTS[name]
    dev = ex.items["dev"]
    parts, chosen = [], []
    for held in folds(dev):
        train = [k for k in range(len(dev)) if k not in held]
        if variant == "lexicon":
            parts.append((held, [ex.lexicon_events["dev"][k] for k in held]))
            continue
        ft, tt = choose_thresholds(ex, "dev", train, variant)
        chosen.append((ft, tt))
        model = ex.train("dev", train, use_filter=variant in ("filter", "both"),
                         use_tagger=variant in ("tagger", "both"), filter_threshold=ft, tag_threshold=tt)
        parts.append((held, ex.predict(model, "dev", held)))
    dev_report = _pooled(ex, "dev", parts)
    test = list(range(len(ex.items["test"])))
    words = sum(len(d.text.split()) for d in ex.items["test"])
    train_seconds = predict_seconds = 0.0
    if variant == "lexicon":
        predicted = [ex.lexicon_events["test"][k] for k in test]
        test_report = ex.score("test", test, predicted)
        ft = tt = None
    else:
        all_dev = list(range(len(dev)))
        ft, tt = choose_thresholds(ex, "dev", all_dev, variant)
        started = time.process_time()
        model = ex.train("dev", all_dev, use_filter=variant in ("filter", "both"),
                         use_tagger=variant in ("tagger", "both"), filter_threshold=ft, tag_threshold=tt)
        train_seconds = time.process_time() - started
        started = time.process_time()
        predicted = ex.predict(model, "test", test)
        predict_seconds = time.process_time() - started
        test_report = ex.score("test", test, predicted)
    per_passage = {"dev": _counts(ex, "dev", parts), "test": _counts(ex, "test", [(test, predicted)])}
    return {"variant": name, "dev": dev_report, "test": test_report, "train_s": train_seconds,
            "per_passage": per_passage,
            "added_ms_per_1000_words": 1000 * predict_seconds / words * 1000, "chosen": chosen,
            "final_thresholds": (ft, tt)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, help="keep the pipeline's output here between runs")
    parser.add_argument("--variants", default=",".join(VARIANTS), help=f"some of {', '.join(VARIANTS)}")
    parser.add_argument("--lexicon", type=Path, help="a folder with triggers_it.tsv and suggester_it.json "
                        "(default: resources/events)")
    parser.add_argument("--dev-only", action="store_true",
                        help="learn from the WN_dev dev passages alone, without the annotated WN_train ones")
    args = parser.parse_args()
    items = load_items(args.cache, with_train=not args.dev_only)
    ex = Experiment(items, args.lexicon)
    words = {s: sum(len(d.text.split()) for d in items[s]) for s in items}
    print(f"real-news events: dev {len(items['dev'])} passages, {words['dev']:,} words, "
          f"{sum(len(d.gold) for d in items['dev'])} events; test {len(items['test'])} passages, "
          f"{words['test']:,} words, {sum(len(d.gold) for d in items['test'])} events")
    print(f"lexicon suggester: {1000 * ex.lexicon_seconds / sum(words.values()) * 1000:.1f} ms per 1,000 words "
          "(with the quotation finder's output given)")
    print(f"{'variant':<14} | {'dev CV P':>8} {'R':>6} {'F1':>6} {'trig':>6} | {'test P':>7} {'R':>6} {'F1':>6} "
          f"{'trig':>6} | {'train s':>7} {'ms/1kw':>7} thresholds (filter, tagger)")
    results = []
    for variant in args.variants.split(","):
        r = run_variant(ex, variant)
        results.append(r)
        d, t = r["dev"], r["test"]
        print(f"{r['variant']:<14} | {d.overall.precision:>8.3f} {d.overall.recall:>6.3f} {d.overall.f1:>6.3f} "
              f"{d.triggers.f1:>6.3f} | {t.overall.precision:>7.3f} {t.overall.recall:>6.3f} {t.overall.f1:>6.3f} "
              f"{t.triggers.f1:>6.3f} | {r['train_s']:>7.2f} {r['added_ms_per_1000_words']:>7.1f} "
              f"folds {r['chosen']} all-dev {r['final_thresholds']}", flush=True)
    base = next((r for r in results if r["variant"] == "lexicon"), None)
    models = [r for r in results if r["variant"] != "lexicon"]
    if base and models:
        best = max(models, key=lambda r: r["dev"].overall.f1)  # chosen on dev alone
        gain_dev = best["dev"].overall.f1 - base["dev"].overall.f1
        gain_test = best["test"].overall.f1 - base["test"].overall.f1
        ship = gain_dev >= SHIP_GAIN and gain_test >= SHIP_GAIN
        for r in models:
            (dg, dlo, dhi), (tg, tlo, thi) = (bootstrap_gain(base["per_passage"][s], r["per_passage"][s])
                                              for s in ("dev", "test"))
            print(f"{r['variant']:<14} F1 gain over the lexicon, 95% bootstrap interval over passages: dev CV "
                  f"{dg:+.3f} [{dlo:+.3f}, {dhi:+.3f}], test {tg:+.3f} [{tlo:+.3f}, {thi:+.3f}]")
        print(f"best on dev CV: {best['variant']}, event type F1 {gain_dev:+.3f} on dev CV, {gain_test:+.3f} on "
              f"test against the lexicon alone -> {'ship it' if ship else 'keep the lexicon alone'} "
              f"(a model ships when it gains {SHIP_GAIN} or more on both)")


SHIP_GAIN = 0.02

if __name__ == "__main__":
    main()
