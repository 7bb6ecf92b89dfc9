"""Training and evaluating NER models: the data they read, shared by the CLI and the desktop app.

- :func:`read_training_files`: KIND TSV, CoNLL and JSONL files into annotated texts, one file's
  problem reported without stopping the others.
- :func:`project_texts`: one annotator's reviewed documents (or the gold layer) as annotated texts;
  :func:`project_training_data` also says how many articles it left out and why.
- :func:`held_out_split`: a reproducible train / held-out split of annotated texts.
- :func:`parse_label_map`: ``"GPE=LOC,MISC="`` into ``{"GPE": "LOC", "MISC": None}``.
- :func:`gazetteer_lists`: name lists for the gazetteer features, from KIND-style ``LABEL name``
  files, the project's pattern files (``*.jsonl``) or folders of either.
- :func:`models_dir`: where the app keeps models trained on a project.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from ..domain.model import ACCEPTED
from ..nlp.corpora import AnnotatedText, CorpusError, ReadReport, read_corpus
from .reviewed import ALL_ROWS, FINISHED, REVIEWED, Skipped, layer_state
from .settings import parse_label_map

_WORD = re.compile(r"\w+")
BUNDLED_LICENSE = "CC BY-NC 4.0"

__all__ = [
    "CorpusError",
    "FINISHED",
    "TrainingData",
    "gazetteer_lists",
    "held_out_split",
    "models_dir",
    "parse_label_map",
    "project_texts",
    "project_training_data",
    "read_training_files",
]


@dataclass(slots=True)
class TrainingData:
    """Texts read from files, with what was skipped and the files that could not be read."""

    texts: list[AnnotatedText] = field(default_factory=list)
    report: ReadReport = field(default_factory=ReadReport)
    errors: list[str] = field(default_factory=list)  # one line per unreadable file
    sources: list[str] = field(default_factory=list)  # the files read

    @property
    def words(self) -> int:
        return sum(item.word_count for item in self.texts)


def read_training_files(
    paths: Iterable[Path | str],
    *,
    fmt: str | None = None,
    label_map: Mapping[str, str | None] | None = None,
    sentences_per_text: int = 10,
) -> TrainingData:
    """Read every file; a file that fails is named in ``errors`` and the others are still read."""
    data = TrainingData()
    for path in paths:
        try:
            texts = list(read_corpus(path, fmt=fmt, label_map=label_map,
                                     sentences_per_text=sentences_per_text, report=data.report))
        except CorpusError as err:
            data.errors.append(str(err))
            continue
        except OSError as err:
            data.errors.append(f"{path}: cannot be read ({err.strerror or err})")
            continue
        data.texts.extend(texts)
        data.sources.append(str(path))
    return data


def project_texts(project: Any, layer: str, *, finished_only: bool = True) -> list[AnnotatedText]:
    """The documents ``layer`` (an annotator, or "gold") reviewed, with that layer's accepted spans
    (see :func:`project_training_data`)."""
    return project_training_data(project, layer, finished_only=finished_only)[0]


def project_training_data(project: Any, layer: str, *,
                          finished_only: bool = True) -> tuple[list[AnnotatedText], Skipped]:
    """The documents ``layer`` reviewed as annotated texts, and the articles left out, by reason.

    A document counts when its status for that layer is done, in review or adjudicated and no
    suggestion in it is pending (the gold layer: also when it has any gold span; see
    :mod:`annotator.services.reviewed`); ``finished_only=False`` takes every document where the
    layer has spans. Unfinished work would teach the model to miss what was not annotated yet, and
    an undecided suggestion is not "not an entity".
    """
    texts = []
    skipped = Skipped()
    for annotated in project.iter_annotated_documents(statuses=ALL_ROWS):
        spans = [s for s in annotated.spans if s.layer == layer and s.status == ACCEPTED]
        state = layer_state(annotated, layer)
        if finished_only:
            skipped.count(state)
        if not (state == REVIEWED or (not finished_only and spans)):
            continue
        doc = annotated.document
        entities = tuple(sorted((s.start, s.end, s.label) for s in spans))
        texts.append(AnnotatedText(doc.text, entities, source=f"{doc.uid}"))
    return texts, skipped


def held_out_split(
    texts: Sequence[AnnotatedText], fraction: float = 0.2, *, seed: int = 0, minimum: int = 1
) -> tuple[list[AnnotatedText], list[AnnotatedText]]:
    """``(train, held_out)``: a reproducible random ``fraction`` held out (at least ``minimum``,
    and at least one text left to train on)."""
    if len(texts) < 2:
        raise ValueError(f"{len(texts)} annotated document(s): at least 2 are needed, one to train "
                         "on and one to measure the model on. Finish more documents first.")
    order = list(texts)
    random.Random(seed).shuffle(order)
    held = min(len(order) - 1, max(minimum, round(len(order) * fraction)))
    return order[held:], order[:held]


def gazetteer_lists(paths: Iterable[Path | str], labels: Iterable[str],
                    common_words: Collection[str] = ()) -> dict[str, list[str]]:
    """Phrases per label from name list files or folders, keeping only ``labels``.

    Accepts ``LABEL name`` lines (``.txt``, KIND's gazetteer format), pattern files (``.jsonl``:
    ``{"label": "ORG", "pattern": "Banca d'Italia"}``; token patterns are skipped) and folders,
    whose ``*.txt`` and ``*.jsonl`` files (also in sub-folders) are read. Names that would mostly
    fire on ordinary words are left out, so the feature stays worth trusting: names starting with
    a lowercase letter ("con"), and one-word names whose lowercase form is in ``common_words``
    ("Il", "Campo", "Chi": places too, but far more often the start of a sentence).
    RAISES CorpusError: a file that is neither, or a malformed pattern line (named).
    """
    wanted = set(labels)
    common = {w.lower() for w in common_words}
    lists: dict[str, set[str]] = {label: set() for label in wanted}
    for path in map(Path, paths):
        files = sorted([*path.rglob("*.txt"), *path.rglob("*.jsonl")]) if path.is_dir() else [path]
        for file in files:
            for label, name in _names_in(file):
                if label in wanted and _distinctive(name, common):
                    lists[label].add(name)
    return {label: sorted(names) for label, names in lists.items()}


def common_words(texts: Iterable[AnnotatedText], minimum: int = 3) -> set[str]:
    """Words seen in lowercase at least ``minimum`` times outside entities: ordinary words."""
    counts: dict[str, int] = {}
    for item in texts:
        inside = [False] * (len(item.text) + 1)
        for start, end, _ in item.entities:
            for i in range(start, end):
                inside[i] = True
        for match in _WORD.finditer(item.text):
            word = match.group()
            if word[0].islower() and not inside[match.start()]:
                counts[word] = counts.get(word, 0) + 1
    return {word for word, n in counts.items() if n >= minimum}


def _distinctive(name: str, common: set[str]) -> bool:
    if not name[:1].isupper() and not name[:1].isdigit():
        return False
    return " " in name or name.lower() not in common


def _names_in(file: Path) -> Iterable[tuple[str, str]]:
    if not file.is_file():
        raise CorpusError(f"{file}: no such gazetteer file")
    with file.open("r", encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            line = line.strip()
            if not line or line.startswith(("#", "//")):
                continue
            if file.suffix == ".jsonl":
                try:
                    item = json.loads(line)
                except json.JSONDecodeError as err:
                    raise CorpusError(f"{file}, line {number}: not valid JSON ({err.msg})") from None
                if isinstance(item, dict) and isinstance(item.get("pattern"), str):
                    yield str(item.get("label")), item["pattern"]
                continue
            label, _, name = line.partition(" ")
            if name.strip():
                yield label, name.strip()


def models_dir(project: Any) -> Path:
    """The folder beside the project file where the app keeps the models trained on it."""
    path = Path(project.path).resolve()
    return path.with_name(f"{path.stem}-models")


def new_model_path(project: Any, now: datetime | None = None) -> Path:
    """A fresh folder name for a model trained now on ``project``."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    return models_dir(project) / f"ner-{stamp}"


# -- the app's "Train from my annotations" -------------------------------------------------------


class _ScoredAgainstCurrent:
    """The uncertainty of a new model's score (``candidate``) and of its difference from the current
    model's (``current``), both EvaluationReports over the same articles in the same order.

    Both intervals are bootstrapped once, when the result is made (on the worker thread that trained
    and scored the models): a dialog reads them several times, and each costs 0.1 s per 400 articles.
    """

    __slots__ = ()
    candidate: Any
    current: Any | None
    candidate_interval: Any  # the new model's F1 with its bootstrap interval over the articles
    difference: Any  # F1(new) − F1(current) with its paired bootstrap interval; None without a current score

    def __post_init__(self) -> None:
        from ..nlp.bootstrap import difference_interval, f1_interval

        object.__setattr__(self, "candidate_interval", f1_interval(self.candidate.per_text))
        object.__setattr__(self, "difference", None if self.current is None else
                           difference_interval(self.candidate.per_text, self.current.per_text))


@dataclass(frozen=True, slots=True)
class ModelComparison(_ScoredAgainstCurrent):
    """The new model and the current one, scored on the same held-out documents."""

    current_model: str
    candidate_path: Path
    candidate: Any  # EvaluationReport
    current: Any | None  # EvaluationReport, or None when the current model could not be scored
    current_error: str = ""
    held_out: int = 0
    trained_on: int = 0
    candidate_interval: Any = field(init=False, repr=False, compare=False)
    difference: Any = field(init=False, repr=False, compare=False)

    @property
    def held_out_entities(self) -> int:
        """Gold entities in the held-out articles: what the F1 is measured on."""
        return self.candidate.micro.support

    @property
    def too_small(self) -> bool:
        """Too few held-out entities to tell one model from the other (see nlp.bootstrap)."""
        from ..nlp.bootstrap import MIN_ENTITIES

        return self.held_out_entities < MIN_ENTITIES

    @property
    def improves(self) -> bool:
        """Better beyond doubt: enough held-out entities, and the difference's interval above 0
        (or no current model to compare with)."""
        if self.current is None:
            return True
        return not self.too_small and self.difference.low > 0

    @property
    def uncertain(self) -> bool:
        """The held-out articles cannot tell the two models apart."""
        if self.current is None:
            return self.too_small
        return self.too_small or self.difference.contains(0.0)


@dataclass(slots=True)
class ProjectTrainingPlan:
    """What an in-app training will do; made on the main thread (it reads the project)."""

    layer: str
    train: list[AnnotatedText]
    held_out: list[AnnotatedText]
    output: Path
    current_model: str
    labels: list[str]
    settings: Any = None  # TrainSettings; None: the defaults scaled to the data
    skipped: Skipped = field(default_factory=Skipped)  # the layer's articles left out, by reason


def plan_project_training(project: Any, layer: str, *, held_out: float = 0.2,
                          labels: Iterable[str] | None = None) -> ProjectTrainingPlan:
    """Split ``layer``'s finished documents into training and held-out texts.

    RAISES ValueError: fewer than two finished documents, or no entity to learn.
    """
    from .preannotation import resolve_model

    texts, skipped = project_training_data(project, layer)
    try:
        train, held = held_out_split(texts, held_out)
    except ValueError as err:
        raise ValueError(f"{err}{skipped_note(skipped)}") from None
    wanted = sorted(set(labels) if labels is not None else
                    {label for t in texts for *_, label in t.entities})
    if not any(t.entities for t in train):
        raise ValueError(f"{layer}'s finished documents have no entities to learn from.{skipped_note(skipped)}")
    return ProjectTrainingPlan(layer, train, held, new_model_path(project), resolve_model(project),
                               wanted, project_settings(sum(t.word_count for t in train)), skipped)


def skipped_note(skipped: Skipped) -> str:
    """" Skipped: 3 articles not marked done and …": empty when nothing was left out."""
    return f" Skipped {skipped.describe()}." if skipped else ""


def project_settings(train_words: int) -> Any:
    """Settings for training on a project: the defaults scaled to its size, with the bundled
    model's name lists as gazetteer features when it is installed (they help most on little data)."""
    from ..nlp.pipeline import BUNDLED_MODEL, bundled_model_path
    from ..nlp.training import TrainSettings

    settings = TrainSettings().scaled_for(train_words)
    bundled = bundled_model_path(BUNDLED_MODEL)
    lists = bundled / "annotator_gazetteer_features" / "lists.json.gz" if bundled else None
    if lists is not None and lists.is_file():
        from dataclasses import replace

        config = (bundled / "config.cfg").read_text(encoding="utf-8")
        settings = replace(settings, gazetteer_lists=("LOC", "ORG", "PER"), gazetteer_path=str(lists),
                           gazetteer_pretokenized=True, word_features="word_features = true" in config)
    return settings


def run_project_training(plan: ProjectTrainingPlan) -> Any:
    """Train (yielding ``TrainProgress``), save the model to ``plan.output``, score it and the
    current model on the held-out texts, and yield a :class:`ModelComparison` last.

    Pure computation plus writing the model folder: safe on a worker thread. Stop iterating to
    cancel; nothing is written before training ends.
    """
    from ..nlp.evaluation import evaluate_pipeline
    from ..nlp.pipeline import PipelineNotFound, load_pipeline
    from ..nlp.training import TrainingRun, TrainSettings

    words = sum(t.word_count for t in plan.train)
    settings = plan.settings or TrainSettings().scaled_for(words)
    run = TrainingRun(plan.train, plan.held_out, settings, labels=plan.labels,
                      meta={"description": f"Trained in annotator on {plan.layer}'s annotations",
                            "license": "as the project's annotations"})
    yield from run.steps()
    path = run.save(plan.output, name=f"{plan.output.name}", version="1.0.0")
    candidate = evaluate_pipeline(load_pipeline(path), plan.held_out, labels=plan.labels)
    record_performance(path, candidate)  # the model list shows the F1 the dialog shows
    current, error = None, ""
    try:
        current = evaluate_pipeline(load_pipeline(plan.current_model), plan.held_out,
                                    labels=plan.labels)
    except (PipelineNotFound, OSError, ValueError) as err:
        error = str(err)
    yield ModelComparison(plan.current_model, path, candidate, current, error,
                          len(plan.held_out), len(plan.train))


def record_performance(path: Path, report: Any) -> None:
    """Write ``report`` (exact spans on the held-out articles, the saved pipeline with its rules)
    into the model's meta.json as its performance, and its README's scores, replacing spaCy's
    training-time score: one F1 for the dialog, the model list, the meta and the model card."""
    meta_path = Path(path) / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    micro = report.micro
    meta["performance"] = {
        "ents_p": micro.precision, "ents_r": micro.recall, "ents_f": micro.f1,
        "ents_per_type": {label: {"p": s.precision, "r": s.recall, "f": s.f1}
                          for label, s in sorted(report.labels.items())},
    }
    meta.setdefault("annotator", {})["performance_scorer"] = (
        f"exact spans on {report.texts} held-out articles ({micro.support} entities)")
    from ..nlp.training import model_card

    card = model_card(meta, meta.get("pipeline") or [])
    for target, text in ((meta_path, json.dumps(meta, indent=2, ensure_ascii=False)),
                         (Path(path) / "README.md", card)):
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(target)


# -- cross-validation: every finished article tested once ---------------------------------------


def cross_validation_folds(texts: Sequence[AnnotatedText], k: int = 5, *,
                           seed: int = 0) -> list[tuple[list[AnnotatedText], list[AnnotatedText]]]:
    """``k`` reproducible ``(train, test)`` pairs: the texts shuffled once and dealt into ``k``
    folds, each fold tested once and trained on the others. ``k`` is lowered to the number of
    texts. RAISES ValueError: fewer than two texts, or ``k`` < 2."""
    if k < 2:
        raise ValueError(f"cross-validation needs at least 2 folds (got {k})")
    if len(texts) < 2:
        raise ValueError(f"{len(texts)} annotated document(s): cross-validation needs at least 2.")
    order = list(texts)
    random.Random(seed).shuffle(order)
    k = min(k, len(order))
    folds = [order[i::k] for i in range(k)]
    return [([t for j, fold in enumerate(folds) if j != i for t in fold], folds[i]) for i in range(k)]


@dataclass(frozen=True, slots=True)
class FoldProgress:
    """One training step of fold ``fold`` (1-based) of ``folds``."""

    fold: int
    folds: int
    step: Any  # TrainProgress


@dataclass(frozen=True, slots=True)
class CrossValidation(_ScoredAgainstCurrent):
    """New models trained fold by fold, and the current model, scored on every finished article."""

    current_model: str
    folds: list[Any]  # EvaluationReport of each fold's model on its test fold
    candidate: Any  # EvaluationReport pooled over the folds (every article tested once)
    current: Any | None  # the current model on the same articles, in the same order
    current_error: str = ""
    candidate_interval: Any = field(init=False, repr=False, compare=False)
    difference: Any = field(init=False, repr=False, compare=False)

    @property
    def articles(self) -> int:
        return self.candidate.texts

    @property
    def entities(self) -> int:
        return self.candidate.micro.support


def run_cross_validation(plan: ProjectTrainingPlan, k: int = 5) -> Any:
    """Train ``k`` models on the plan's articles (train and held out together), each tested on the
    fold it did not see; yield a :class:`FoldProgress` per step and a :class:`CrossValidation`
    last. Nothing is written: the models stay in memory. Safe on a worker thread."""
    from ..nlp.evaluation import evaluate_pipeline, score_entities
    from ..nlp.pipeline import PipelineNotFound, load_pipeline
    from ..nlp.training import TrainingRun, TrainSettings, add_rule_components

    texts = [*plan.train, *plan.held_out]
    folds = cross_validation_folds(texts, k)
    reports, tested = [], []
    for number, (train, test) in enumerate(folds, 1):
        settings = plan.settings or TrainSettings().scaled_for(sum(t.word_count for t in train))
        run = TrainingRun(train, test, settings, labels=plan.labels)
        for step in run.steps():
            yield FoldProgress(number, len(folds), step)
        nlp = run.best_pipeline()
        add_rule_components(nlp, with_dates=True)  # scored as the saved model would be
        reports.append(evaluate_pipeline(nlp, test, labels=plan.labels))
        tested.extend(test)
    pooled = score_entities([], plan.labels)
    for report in reports:
        _add_counts(pooled, report)
    current, error = None, ""
    try:
        current = evaluate_pipeline(load_pipeline(plan.current_model), tested, labels=plan.labels)
    except (PipelineNotFound, OSError, ValueError) as err:
        error = str(err)
    yield CrossValidation(plan.current_model, reports, pooled, current, error)


def _add_counts(total: Any, report: Any) -> None:
    """Add one fold's counts (per label, micro, per text) to the pooled report."""
    for label, score in report.labels.items():
        into = total.labels.setdefault(label, type(score)())
        into.tp, into.fp, into.fn = into.tp + score.tp, into.fp + score.fp, into.fn + score.fn
    total.micro.tp += report.micro.tp
    total.micro.fp += report.micro.fp
    total.micro.fn += report.micro.fn
    total.per_text.extend(report.per_text)
    total.texts += report.texts
    total.words += report.words


def adopt_model(project: Any, path: Path | str) -> list[int]:
    """Make ``path`` the project's model; return the documents nobody reviewed, to re-suggest."""
    from .settings import MODEL_SETTING

    project.set_setting(MODEL_SETTING, str(path))
    return unreviewed_documents(project)


def unreviewed_documents(project: Any) -> list[int]:
    """Documents no one has touched: no span, quote or event outside the suggestions, no status."""
    return project.documents_nobody_touched()
