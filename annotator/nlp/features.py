"""Gazetteer features for the statistical NER: "this token begins / continues a known name".

A model trained on 250,000 words has seen few of the organisations and places a newsroom meets. Name
lists (organisations from Wikipedia, places, first names) tell it which tokens are known names
without forcing its decision: a gazetteer match is one more input of the embedding layer, and the
model learns how far to trust it ("Nato" the alliance, "nato" the participle).

- ``annotator_gazetteer_features`` (a pipeline component, before ``tok2vec``): finds the phrases of
  each list (exact tokens, case-sensitive) and stores, per token, a row of 0/1 features ``B-<list>``
  and ``I-<list>`` in ``doc.user_data``. It saves its lists with the pipeline.
- ``annotator.GazetteerHashEmbed.v1`` (an architecture): spaCy's MultiHashEmbed with those rows
  concatenated to the hashed embeddings before the mixing layer, as static vectors would be.

Both are registered by :func:`register` (and by the ``spacy_factories`` / ``spacy_architectures``
entry points, so ``spacy.load`` finds them once annotator is installed).
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["FEATURES_COMPONENT", "FEATURES_KEY", "GAZETTEER_EMBED", "register", "read_name_list"]

FEATURES_COMPONENT = "annotator_gazetteer_features"
GAZETTEER_EMBED = "annotator.GazetteerHashEmbed.v1"
FEATURES_KEY = "annotator_gazetteer_features"  # doc.user_data key of the (tokens x features) rows
COMMON_WORDS_KEY = "__common_words__"  # in a lists file: ordinary words, for the word features
WORD_FEATURES = 2  # capitalised ordinary word; capitalised word also written in lowercase in the doc
_LISTS_FILE = "lists.json.gz"

_registered = False


def register() -> None:
    """Register the component factory and the architecture with spaCy (idempotent)."""
    global _registered
    if _registered:
        return
    from spacy.language import Language
    from spacy.util import registry

    if not Language.has_factory(FEATURES_COMPONENT):
        Language.factory(FEATURES_COMPONENT, default_config={"lists": [], "word_features": False},
                         func=make_gazetteer_features)
    registry.architectures.register(GAZETTEER_EMBED, func=gazetteer_hash_embed)
    _registered = True


def read_name_list(path: Path | str) -> dict[str, list[str]]:
    """Read ``LABEL name`` lines (the KIND gazetteer format) into ``{label: [names]}``."""
    lists: dict[str, list[str]] = {}
    with Path(path).open("r", encoding="utf-8") as handle:
        for line in handle:
            label, _, name = line.strip().partition(" ")
            if label and name.strip():
                lists.setdefault(label, []).append(name.strip())
    return lists


# -- the component -------------------------------------------------------------------------------


def make_gazetteer_features(nlp: "Language", name: str, lists: list[str],
                            word_features: bool = False) -> "GazetteerFeatures":
    """Factory: ``lists`` names the feature lists in order (their phrases come with add_phrases
    or from_disk), so the feature width is fixed by the config; ``word_features`` adds two
    columns that tell a capitalised ordinary word ("Sciopero" opening a headline) from a name."""
    return GazetteerFeatures(nlp, name, lists, word_features)


class GazetteerFeatures:
    """Marks, for each token, which name lists have a phrase beginning (B) or continuing (I) there.

    Phrases are kept as token tuples (tokenized once, when added) and matched with two dict look-ups
    per token, so loading a pipeline with 200,000 names takes a fraction of a second.
    """

    def __init__(self, nlp: "Language", name: str, lists: Iterable[str], word_features: bool = False) -> None:
        self.name = name
        self.lists = list(lists)
        self.word_features = word_features
        self._tokenizer = nlp.tokenizer
        self._bits: dict[tuple[str, ...], int] = {}  # phrase tokens -> bit per list
        self._lengths: dict[str, tuple[int, ...]] = {}  # first token -> phrase lengths, longest first
        self.common_words: frozenset[str] = frozenset()  # lowercase ordinary words

    @property
    def width(self) -> int:
        return 2 * len(self.lists) + (WORD_FEATURES if self.word_features else 0)

    def phrase_count(self, label: str) -> int:
        bit = 1 << self.lists.index(label)
        return sum(1 for bits in self._bits.values() if bits & bit)

    def add_phrases(self, phrases: Mapping[str, Iterable[str]]) -> None:
        """Add phrases (tokenized here) to lists named in the config; other names are an error."""
        for label, names in phrases.items():
            if label not in self.lists:
                raise ValueError(f"{label!r} is not one of this component's lists {self.lists}")
            unique = sorted({n.strip() for n in names if n.strip()})
            tokenized = (tuple(t.text for t in doc if not t.is_space)
                         for doc in self._tokenizer.pipe(unique))
            self._add_tokens(label, tokenized)

    def _add_tokens(self, label: str, phrases: Iterable[tuple[str, ...]]) -> None:
        bit = 1 << self.lists.index(label)
        lengths: dict[str, set[int]] = {k: set(v) for k, v in self._lengths.items()}
        for tokens in phrases:
            if tokens:
                self._bits[tokens] = self._bits.get(tokens, 0) | bit
                lengths.setdefault(tokens[0], set()).add(len(tokens))
        self._lengths = {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()}

    def initialize(self, get_examples: Any = None, *, nlp: Any = None,
                   path: str | None = None, pretokenized: bool = False) -> None:
        """Load the phrases from ``path`` (``[initialize.components]`` in the training config): a
        JSON object ``{list: [phrases]}``, gzipped when the name ends in ``.gz``. ``pretokenized``:
        the phrases are tokens joined by spaces, as a trained model stores them (no tokenizing:
        seconds instead of minutes for 200,000 names)."""
        if path:
            opener = gzip.open if str(path).endswith(".gz") else open
            with opener(path, "rt", encoding="utf-8") as handle:
                data = json.load(handle)
            self.common_words = frozenset(data.pop(COMMON_WORDS_KEY, ()))
            self._bits, self._lengths = {}, {}
            if pretokenized:
                self._load(data)
            else:
                self.add_phrases(data)

    def __call__(self, doc: "Doc") -> "Doc":
        import numpy

        words = [t.text for t in doc]
        rows = numpy.zeros((len(words), self.width), dtype="float32")
        bits_of, lengths_of = self._bits, self._lengths
        for start, word in enumerate(words):
            for length in lengths_of.get(word, ()):
                bits = bits_of.get(tuple(words[start:start + length]))
                if bits:
                    for column in range(len(self.lists)):
                        if bits >> column & 1:
                            rows[start, 2 * column] = 1.0
                            rows[start + 1:start + length, 2 * column + 1] = 1.0
        if self.word_features:
            self._word_features(words, rows, 2 * len(self.lists))
        doc.user_data[FEATURES_KEY] = rows
        return doc

    def _word_features(self, words: list[str], rows: Any, first: int) -> None:
        """Column ``first``: a capitalised word whose lowercase is an ordinary word; ``first + 1``:
        a capitalised word that the same document also writes in lowercase."""
        lowercase_here = {w for w in words if w[:1].islower()}
        common = self.common_words
        for i, word in enumerate(words):
            if word[:1].isupper():
                lower = word.lower()
                if lower in common:
                    rows[i, first] = 1.0
                if lower in lowercase_here:
                    rows[i, first + 1] = 1.0

    # serialization: the tokenized phrases travel with the pipeline folder
    def _data(self) -> dict[str, list[str]]:
        data: dict[str, list[str]] = {label: [] for label in self.lists}
        for tokens, bits in self._bits.items():
            for column, label in enumerate(self.lists):
                if bits >> column & 1:
                    data[label].append(" ".join(tokens))
        result = {label: sorted(phrases) for label, phrases in data.items()}
        if self.common_words:
            result[COMMON_WORDS_KEY] = sorted(self.common_words)
        return result

    def _load(self, data: Mapping[str, list[str]]) -> "GazetteerFeatures":
        data = dict(data)
        self.common_words = frozenset(data.pop(COMMON_WORDS_KEY, ()))
        self._bits, self._lengths = {}, {}
        for label in self.lists:
            self._add_tokens(label, (tuple(p.split(" ")) for p in data.get(label, ())))
        return self

    def to_disk(self, path: Path | str, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / _LISTS_FILE).write_bytes(self.to_bytes())

    def from_disk(self, path: Path | str, *, exclude: Iterable[str] = ()) -> "GazetteerFeatures":
        return self.from_bytes((Path(path) / _LISTS_FILE).read_bytes())

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return gzip.compress(json.dumps(self._data(), ensure_ascii=False).encode("utf-8"), 6, mtime=0)

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> "GazetteerFeatures":
        return self._load(json.loads(gzip.decompress(data).decode("utf-8")))


# -- the embedding architecture ------------------------------------------------------------------


def gazetteer_hash_embed(width: int, attrs: list[str], rows: list[int], n_features: int) -> Any:
    """MultiHashEmbed whose mixing layer also sees the gazetteer rows (``n_features`` columns)."""
    from spacy.ml.featureextractor import FeatureExtractor
    from thinc.api import HashEmbed, Maxout, Model, chain, concatenate, list2ragged, ragged2list, with_array

    if len(rows) != len(attrs):
        raise ValueError(f"Mismatched lengths: {len(rows)} rows for {len(attrs)} attrs")
    embeddings = [HashEmbed(width, rows[i], column=i, seed=8 + i, dropout=0.0)
                  for i in range(len(attrs))]
    hashed = chain(FeatureExtractor(attrs), list2ragged(), with_array(concatenate(*embeddings)))
    gazetteer = chain(Model("gazetteer_rows", _rows_forward, attrs={"n_features": n_features}),
                      list2ragged())
    mix = with_array(Maxout(width, width * len(attrs) + n_features, nP=3, dropout=0.0,
                            normalize=True))
    return chain(concatenate(hashed, gazetteer), mix, ragged2list())


def _rows_forward(model: Any, docs: list["Doc"], is_train: bool) -> tuple[list[Any], Any]:
    """The rows the component stored (zeros for a doc it did not see: e.g. during initialization)."""
    n_features = model.attrs["n_features"]
    arrays = []
    for doc in docs:
        rows = doc.user_data.get(FEATURES_KEY)
        if rows is None or rows.shape != (len(doc), n_features):
            rows = model.ops.alloc2f(len(doc), n_features)
        arrays.append(model.ops.asarray2f(rows))
    return arrays, lambda d_arrays: []
