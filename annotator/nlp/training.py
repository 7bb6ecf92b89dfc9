"""Train a spaCy NER pipeline from annotated texts, step by step, so callers can show and stop it.

:class:`TrainingRun` builds the pipeline from a config (:func:`ner_config`), turns the texts into
spaCy examples, and :meth:`TrainingRun.steps` is a generator: it yields a :class:`TrainProgress`
after every optimisation step and an evaluation on the development texts every ``eval_every``
steps. A caller stops training by no longer iterating (the CLI on Ctrl+C, the app on Cancel) and
then decides whether to keep the best weights so far (:meth:`TrainingRun.save`). Nothing is written
until ``save``, which writes the pipeline folder atomically.

The pipeline: Italian tokenizer (with annotator's tweaks), optional gazetteer features
(:mod:`annotator.nlp.features`), ``tok2vec``, ``ner``, and the DATE rules when the caller adds them
(:func:`annotator.nlp.pipeline.finish_pipeline`). Its ``meta.json`` records the labels, the
training data, the scores and the license.
"""

from __future__ import annotations

import os
import random
import shutil
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.nlp.corpora import AnnotatedText
from annotator.nlp.pipeline import with_annotator_requirement

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.language import Language
    from spacy.training import Example

DATES = "annotator_dates"  # the DATE rules component (annotator.nlp.dates)

__all__ = ["TrainProgress", "TrainSettings", "TrainingRun", "ner_config", "to_examples"]


@dataclass(frozen=True, slots=True)
class TrainSettings:
    """The knobs of a training run; the defaults are those of the bundled model."""

    width: int = 96  # wider is more accurate but slower: 96 keeps the pipeline above 10k words/s
    depth: int = 4
    # hashed token attributes and the rows of each one's table; ORTH (the exact, cased word) and
    # large NORM/SUFFIX tables cost memory, not speed
    embed_attrs: tuple[str, ...] = ("NORM", "PREFIX", "SUFFIX", "SHAPE", "ORTH")
    embed_rows: tuple[int, ...] = (50000, 2500, 20000, 2500, 20000)
    hidden_width: int = 64
    dropout: float = 0.1
    learn_rate: float = 0.001
    max_steps: int = 8000
    max_epochs: int = 0  # 0: no limit, max_steps decides
    patience: int = 2000  # steps without a better dev score before stopping
    eval_every: int = 250
    batch_words: tuple[int, int] = (100, 1000)  # compounding batch size, in words
    seed: int = 0
    gazetteer_lists: tuple[str, ...] = ()  # names of the feature lists ("ORG", "LOC", "PER")
    gazetteer_path: str | None = None  # JSON {list: [phrases]} that fills them
    gazetteer_pretokenized: bool = False  # phrases already tokens joined by spaces (a model's lists)
    word_features: bool = False  # capitalised ordinary words vs names (annotator.nlp.features)
    augment_copies: int = 0  # name-swapped copies of each training text (annotator.nlp.augment)
    augment_rate: float = 0.5  # chance that an entity of such a copy gets another name
    init_tok2vec: str | None = None  # weights from `spacy pretrain` for the tok2vec layer

    def scaled_for(self, train_words: int) -> "TrainSettings":
        """Shorter runs for small data: evaluate at least ~10 times, stop early on tiny sets."""
        if train_words >= 100_000:
            return self
        steps = max(20, min(self.max_steps, train_words // 10))
        rows = tuple(min(r, 5000) for r in self.embed_rows)  # a small vocabulary: small tables
        return replace(self, max_steps=steps, eval_every=max(5, steps // 10), embed_rows=rows,
                        patience=max(steps, 10))


@dataclass(frozen=True, slots=True)
class TrainProgress:
    """One optimisation step; ``scores`` is set on steps that evaluated on the dev texts."""

    step: int
    epoch: int
    max_steps: int
    loss: float
    words_seen: int
    elapsed: float
    scores: Mapping[str, Any] | None = None  # ents_p/ents_r/ents_f and ents_per_type
    best_f: float = 0.0
    is_best: bool = False


@dataclass(slots=True)
class _Best:
    step: int = -1
    f: float = -1.0
    weights: bytes | None = None
    scores: dict[str, Any] = field(default_factory=dict)


def ner_config(labels: Sequence[str], settings: TrainSettings, lang: str = "it") -> Any:
    """The spaCy config (a ``confection.Config``) of the NER pipeline these settings describe."""
    from spacy.util import load_config_from_str

    gazetteer = bool(settings.gazetteer_lists)
    pipeline = (["annotator_gazetteer_features"] if gazetteer else []) + ["tok2vec", "ner"]
    rows = list(settings.embed_rows)
    if gazetteer:
        n_features = 2 * len(settings.gazetteer_lists) + (2 if settings.word_features else 0)
        embed = (f'@architectures = "annotator.GazetteerHashEmbed.v1"\n'
                 f"n_features = {n_features}\n")
    else:
        embed = '@architectures = "spacy.MultiHashEmbed.v2"\ninclude_static_vectors = false\n'
    text = f"""
[paths]
train = null
dev = null

[system]
seed = {settings.seed}
gpu_allocator = null

[nlp]
lang = "{lang}"
pipeline = {pipeline!r}
batch_size = 256
tokenizer = {{"@tokenizers": "spacy.Tokenizer.v1"}}

[components]

{_gazetteer_component(settings) if gazetteer else ""}

[components.tok2vec]
factory = "tok2vec"

[components.tok2vec.model]
@architectures = "spacy.Tok2Vec.v2"

[components.tok2vec.model.embed]
{embed}width = {settings.width}
attrs = {list(settings.embed_attrs)!r}
rows = {rows!r}

[components.tok2vec.model.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = {settings.width}
depth = {settings.depth}
window_size = 1
maxout_pieces = 3

[components.ner]
factory = "ner"
moves = null
update_with_oracle_cut_size = 100
incorrect_spans_key = null

[components.ner.model]
@architectures = "spacy.TransitionBasedParser.v2"
state_type = "ner"
extra_state_tokens = false
hidden_width = {settings.hidden_width}
maxout_pieces = 2
use_upper = true
nO = null

[components.ner.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = {settings.width}
upstream = "*"

[corpora]

[training]
seed = {settings.seed}
gpu_allocator = null
dropout = {settings.dropout}
accumulate_gradient = 1
patience = {settings.patience}
max_epochs = {settings.max_epochs}
max_steps = {settings.max_steps}
eval_frequency = {settings.eval_every}
frozen_components = []
annotating_components = {(["annotator_gazetteer_features"] if gazetteer else [])!r}

[training.optimizer]
@optimizers = "Adam.v1"
beta1 = 0.9
beta2 = 0.999
L2_is_weight_decay = true
L2 = 0.01
grad_clip = 1.0
use_averages = true
eps = 1e-08
learn_rate = {settings.learn_rate}

[training.batcher]
@batchers = "spacy.batch_by_words.v1"
discard_oversize = false
tolerance = 0.2
get_length = null

[training.batcher.size]
@schedules = "compounding.v1"
start = {settings.batch_words[0]}
stop = {settings.batch_words[1]}
compound = 1.001
t = 0.0

[training.score_weights]
ents_f = 1.0
ents_p = 0.0
ents_r = 0.0
ents_per_type = null

[initialize]
init_tok2vec = {_quoted(settings.init_tok2vec)}

[initialize.components]
{_gazetteer_init(settings) if gazetteer else ""}
"""
    return load_config_from_str(text.replace("'", '"'))


def _quoted(value: str | None) -> str:
    return "null" if value is None else repr(str(value))


def _gazetteer_component(settings: TrainSettings) -> str:
    return (f'[components.annotator_gazetteer_features]\nfactory = "annotator_gazetteer_features"\n'
            f"lists = {list(settings.gazetteer_lists)!r}\n"
            f"word_features = {'true' if settings.word_features else 'false'}\n")


def _gazetteer_init(settings: TrainSettings) -> str:
    path = settings.gazetteer_path or ""
    flag = "true" if settings.gazetteer_pretokenized else "false"
    return (f"\n[initialize.components.annotator_gazetteer_features]\npath = {path!r}\n"
            f"pretokenized = {flag}\n")


def to_examples(nlp: "Language", items: Sequence[AnnotatedText]) -> tuple[list["Example"], int]:
    """spaCy examples for ``items`` and the number of entities that fit no token boundary (dropped).

    Items with their own tokens keep them; others are tokenized by ``nlp``'s tokenizer and their
    entities snapped outwards to whole tokens.
    """
    from spacy.tokens import Doc
    from spacy.training import Example
    from spacy.util import filter_spans

    examples = []
    dropped = 0
    for item in items:
        reference = doc_for(nlp, item)
        spans = []
        for start, end, label in item.entities:
            span = reference.char_span(start, end, label=label, alignment_mode="expand")
            if span is None:
                dropped += 1
                continue
            spans.append(span)
        kept = filter_spans(spans)
        dropped += len(spans) - len(kept)
        reference.ents = kept
        # the model sees the sentence boundaries it will see when used: the data's own, as the
        # sentencizer (or the evaluation, from the data) gives them; an entity never crosses one
        sent_starts = [t.is_sent_start for t in reference] if reference.has_annotation("SENT_START") else None
        predicted = Doc(nlp.vocab, words=[t.text for t in reference],
                        spaces=[bool(t.whitespace_) for t in reference], sent_starts=sent_starts)
        examples.append(Example(predicted, reference))
    return examples, dropped


def doc_for(nlp: "Language", item: AnnotatedText) -> Any:
    """A Doc of ``item``: its own tokens and sentence boundaries when the data has them (TSV,
    CoNLL, Prodigy tokens), else ``nlp``'s tokenization of its text. Shared by training and
    evaluation, so both see a text the same way."""
    from spacy.tokens import Doc

    if item.words is not None and item.spaces is not None:
        text = "".join(w + (" " if s else "") for w, s in zip(item.words, item.spaces, strict=True))
        if text == item.text:
            starts = set(item.sentence_starts or ())
            sent_starts = [i in starts for i in range(len(item.words))] if starts else None
            return Doc(nlp.vocab, words=list(item.words), spaces=list(item.spaces),
                       sent_starts=sent_starts)
    return nlp.make_doc(item.text)


class TrainingRun:
    """One training: build with the data and settings, iterate :meth:`steps`, then :meth:`save`."""

    def __init__(
        self,
        train: Sequence[AnnotatedText],
        dev: Sequence[AnnotatedText],
        settings: TrainSettings | None = None,
        *,
        labels: Sequence[str] | None = None,
        meta: Mapping[str, Any] | None = None,
    ) -> None:
        if not train:
            raise ValueError("There is nothing to train on: the training data has no texts.")
        if not dev:
            raise ValueError("There is nothing to evaluate on: pass development data (--dev) or "
                             "enough texts to hold some out.")
        self.settings = settings or TrainSettings()
        self.labels = sorted(set(labels or ()) | {label for item in train for *_, label in item.entities})
        if not self.labels:
            raise ValueError("The training data has no entities: annotate some first.")
        self._train_items = list(train)
        self._dev_items = list(dev)
        self._meta = dict(meta or {})
        self._best = _Best()
        self.nlp: "Language | None" = None
        self.dropped_entities = 0
        self.train_words = sum(item.word_count for item in self._train_items)

    def steps(self) -> Iterator[TrainProgress]:
        """Train, yielding after every step; stop iterating to stop training."""
        import spacy
        from spacy.training.loop import create_evaluation_callback, train_while_improving
        from spacy.util import fix_random_seed, registry

        from annotator.nlp import components, features

        components.register()
        features.register()
        settings = self.settings
        fix_random_seed(settings.seed)
        config = ner_config(self.labels, settings)
        nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
        components.customize_tokenizer(nlp)
        train_examples, dropped_train = to_examples(nlp, self._train_items + self._augmented())
        dev_examples, dropped_dev = to_examples(nlp, self._dev_items)
        self.dropped_entities = dropped_train + dropped_dev
        for label in self.labels:
            nlp.get_pipe("ner").add_label(label)
        optimizer = nlp.initialize(lambda: train_examples[:200])
        self.nlp = nlp
        T = registry.resolve(nlp.config.interpolate()["training"])
        batches = _batches(train_examples, T["batcher"], settings.seed, settings.max_epochs)
        evaluate = create_evaluation_callback(nlp, lambda _nlp: dev_examples, T["score_weights"])
        started = time.perf_counter()
        words_seen = 0
        for batch, info, is_best in train_while_improving(
            nlp, optimizer, batches, evaluate,
            dropout=settings.dropout, eval_frequency=settings.eval_every, accumulate_gradient=1,
            patience=settings.patience, max_steps=settings.max_steps, exclude=[],
            annotating_components=T["annotating_components"], before_update=None,
        ):
            words_seen += sum(len(eg.reference) for eg in batch)
            scores = None
            if is_best is not None:
                scores = dict(info["other_scores"])
                if is_best:
                    with nlp.use_params(optimizer.averages):
                        self._best = _Best(info["step"], float(info["score"]),
                                           nlp.to_bytes(exclude=["vocab"]), scores)
            yield TrainProgress(
                step=info["step"], epoch=info["epoch"], max_steps=settings.max_steps,
                loss=float(sum(info["losses"].values())), words_seen=words_seen,
                elapsed=time.perf_counter() - started, scores=scores,
                best_f=max(self._best.f, 0.0), is_best=bool(is_best),
            )

    def _augmented(self) -> list[AnnotatedText]:
        """The name-swapped copies the settings ask for (none by default)."""
        if self.settings.augment_copies <= 0:
            return []
        from annotator.nlp.augment import name_swapped

        extra = {}
        if self.settings.gazetteer_path:
            import json

            with open(self.settings.gazetteer_path, encoding="utf-8") as handle:
                extra = {k: v for k, v in json.load(handle).items() if k in self.labels}
        return name_swapped(self._train_items, copies=self.settings.augment_copies,
                            rate=self.settings.augment_rate, extra_names=extra, seed=self.settings.seed)

    @property
    def best_scores(self) -> dict[str, Any]:
        return dict(self._best.scores)

    @property
    def best_step(self) -> int:
        return self._best.step

    def best_pipeline(self) -> "Language":
        """The pipeline with the best weights seen so far (evaluated at least once)."""
        if self.nlp is None or self._best.weights is None:
            raise RuntimeError("No evaluated weights yet: train until the first evaluation.")
        self.nlp.from_bytes(self._best.weights, exclude=["vocab"])
        return self.nlp

    def save(self, output: Path | str, *, name: str = "annotator_ner", version: str = "0.0.0",
             meta: Mapping[str, Any] | None = None, with_dates: bool = True) -> Path:
        """Write the best pipeline to ``output`` (replaced atomically) with its meta; return it.

        The saved pipeline also splits sentences and, with ``with_dates``, finds DATE expressions
        by rules (:mod:`annotator.nlp.dates`) after the statistical entities.
        """
        nlp = self.best_pipeline()
        add_rule_components(nlp, with_dates=with_dates)
        nlp.meta.update(self._meta)
        nlp.meta.update(meta or {})
        nlp.meta["name"] = name
        nlp.meta["version"] = version
        nlp.meta["requirements"] = with_annotator_requirement(nlp.meta.get("requirements") or ())
        nlp.meta["labels"] = {"ner": self.labels}
        scores = self.best_scores
        nlp.meta["performance"] = {k: scores.get(k) for k in ("ents_p", "ents_r", "ents_f",
                                                              "ents_per_type")}
        nlp.meta.setdefault("annotator", {})
        nlp.meta["annotator"].update({
            "best_step": self.best_step,
            "train_texts": len(self._train_items),
            "train_words": self.train_words,
            "dev_texts": len(self._dev_items),
            "settings": {k: getattr(self.settings, k) for k in self.settings.__dataclass_fields__},
        })
        return write_pipeline(nlp, Path(output))


def add_rule_components(nlp: "Language", *, with_dates: bool) -> None:
    """Sentence boundaries first, one label per repeated name after ``ner``, and the DATE rules
    last, unless the pipeline already has them."""
    from spacy.language import Language

    from annotator.nlp import components, consistency

    components.register()
    consistency.register()
    if "sentencizer" not in nlp.pipe_names and "parser" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer", first=True)
    if consistency.CONSISTENCY not in nlp.pipe_names:
        nlp.add_pipe(consistency.CONSISTENCY, after="ner")
    if with_dates and Language.has_factory(DATES) and DATES not in nlp.pipe_names:
        nlp.add_pipe(DATES, last=True)


def write_pipeline(nlp: "Language", output: Path) -> Path:
    """``nlp.to_disk`` into a sibling temporary folder, then swap it in place of ``output``."""
    output = output.expanduser().resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.", dir=output.parent))
    try:
        nlp.to_disk(staging)
        (staging / "README.md").write_text(model_card(nlp.meta, nlp.pipe_names), encoding="utf-8")
        if output.exists():
            old = output.with_name(f".{output.name}.old-{os.getpid()}")
            os.replace(output, old)
            os.replace(staging, output)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return output


def model_card(meta: Mapping[str, Any], pipe_names: Sequence[str]) -> str:
    """A README for the pipeline folder: what it is, its data, scores and licence, from its meta."""
    extra = meta.get("annotator") or {}
    perf = meta.get("performance") or {}
    lines = [f"# {meta.get('name', 'pipeline')} {meta.get('version', '')}".rstrip(), "",
             str(meta.get("description") or "A spaCy NER pipeline trained by annotator."), "",
             f"- Pipeline: {', '.join(pipe_names)}",
             f"- Entity labels: {', '.join((meta.get('labels') or {}).get('ner', []))}",
             f"- Licence: **{meta.get('license') or 'not stated'}**"]
    for source in meta.get("sources") or ():
        lines.append(f"- Data: {source.get('name')}")
    if extra:
        lines.append(f"- Trained on {extra.get('train_texts', '?')} texts ({extra.get('train_words', 0):,} "
                     f"words); best weights at step {extra.get('best_step', '?')}; "
                     f"measured on {extra.get('dev_texts', '?')} development texts")
    if perf.get("ents_f") is not None:
        measured = extra.get("performance_scorer")  # set when the saved pipeline itself was scored
        title = (f"## Scores of this pipeline: {measured}" if measured else
                 "## Scores on the development data (exact spans, before the consistency and DATE components)")
        lines += ["", title, "",
                  "| label | precision | recall | F1 |", "|---|---|---|---|"]
        for label, s in sorted((perf.get("ents_per_type") or {}).items()):
            lines.append(f"| {label} | {s['p']:.3f} | {s['r']:.3f} | {s['f']:.3f} |")
        lines.append(f"| micro | {perf['ents_p']:.3f} | {perf['ents_r']:.3f} | {perf['ents_f']:.3f} |")
    lines += ["", "Load it with annotator (`annotator evaluate --model PATH DATA`, `annotator preannotate "
                  "--model PATH`), or in Python with `spacy.load(PATH)` where the `annotator` package is "
                  "installed: its components come through annotator's spaCy entry points (the meta's "
                  "requirements name it).", ""]
    return "\n".join(lines)


def _batches(examples: list["Example"], batcher: Any, seed: int, max_epochs: int) -> Iterator[Any]:
    """``(epoch, batch)`` pairs, reshuffled each epoch, for ever unless ``max_epochs`` is set."""
    rng = random.Random(seed)
    order = list(examples)
    epoch = 0
    while max_epochs <= 0 or epoch < max_epochs:
        rng.shuffle(order)
        for batch in batcher(order):
            yield epoch, batch
        epoch += 1
