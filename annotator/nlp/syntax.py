"""Who does what to whom, read off a Universal Dependencies parse: plain helpers over a parsed Doc.

Given a parsed spaCy ``Doc`` (UD labels, as ``resources/models/it_ud_parser`` writes them) and the
index of a predicate, usually a reporting verb ("ha *detto*") or an event trigger verb ("è stato
*arrestato*"), these helpers return the spans of its arguments:

- :func:`subjects`: the grammatical subjects (``nsubj``, ``nsubj:pass``), one span per conjunct
  ("Rossi e Bianchi hanno detto" -> ``Rossi``, ``Bianchi``). A verb without a subject of its own
  takes that of the verb it is coordinated with ("è arrivato e ha detto"), of the verb that controls
  it (``xcomp``: "ha deciso di parlare"), or, for a participle modifying a noun ("l'uomo arrestato
  ieri"), that noun. A relative pronoun ("il ministro *che* ha detto") is replaced by the noun the
  relative clause modifies. A second ``nsubj`` after an active verb that has one before it is
  the parser taking the object for an inverted subject ("La polizia ha arrestato Mario Rossi"):
  it is returned as an object.
- :func:`objects`: the direct objects (``obj``).
- :func:`agents`: the agents of a passive (``obl:agent``, or an ``obl`` introduced by "da", "dal",
  "dalla"... when the verb is passive): "è stato arrestato *dalla polizia*".
- :func:`recipients`: indirect objects (``iobj``) and ``obl`` introduced by "a", "al", "alla"...:
  "ha detto *ai giornalisti*". An ``obl`` with "a" may also be a place ("a Roma"); telling them
  apart is the caller's business (a LOC entity, say).
- :func:`actors` and :func:`patients`: the doer and the undergoer, whatever the voice (the agents
  and subjects of a passive, the subjects and objects of an active verb).
- :func:`arguments`: all of the above at once, as an :class:`Arguments`.

Each span is a noun's "name span" (:func:`name_span`): the noun with its ``flat:name``, ``flat``,
``compound``, ``fixed`` and ``amod`` children (recursively) and a proper noun put right after it
("il presidente Sergio Mattarella", "Partito Democratico"), as long as they are contiguous;
determiners, prepositions and clauses are left out. :func:`phrase_span` gives the whole noun phrase,
:func:`proper_name` the proper noun alone ("Sergio Mattarella" for "il presidente Sergio Mattarella").
An expletive (``expl``, ``expl:impers``, ``expl:pass``: the "si" of "si dice", "si è dimesso") is
never returned as a subject: the real subject, where there is one, is an ``nsubj``.

Nothing here imports spaCy: the helpers only read the Doc they are given. :func:`load_parser`
(cached) and :func:`parse` load the bundled parser when a caller has no parsed Doc yet.

    >>> from annotator.nlp import syntax
    >>> doc = syntax.parse("Mario Rossi è stato arrestato dalla polizia.")
    >>> args = syntax.arguments(doc, 4)          # "arrestato"
    >>> args.passive, [s.text for s in args.actors], [s.text for s in args.patients]
    (True, ['polizia'], ['Mario Rossi'])
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Union

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

__all__ = [
    "PARSER_MODEL",
    "Arguments",
    "actors",
    "agents",
    "arguments",
    "conjuncts",
    "contiguous_run",
    "is_passive",
    "load_parser",
    "name_span",
    "objects",
    "parse",
    "patients",
    "phrase_span",
    "predicate",
    "proper_name",
    "recipients",
    "subjects",
]

PARSER_MODEL = "it_ud_parser"  # the bundled UD tagger and parser, in resources/models/

SUBJECT_DEPS = frozenset({"nsubj", "nsubj:pass"})
OBJECT_DEPS = frozenset({"obj"})
AGENT_DEPS = frozenset({"obl:agent"})
IOBJ_DEPS = frozenset({"iobj"})
OBL_DEPS = frozenset({"obl"})
PASSIVE_DEPS = frozenset({"aux:pass", "nsubj:pass", "csubj:pass", "expl:pass", "obl:agent"})
AUX_DEPS = frozenset({"aux", "aux:pass", "cop"})
NAME_DEPS = frozenset({"flat", "flat:name", "flat:foreign", "compound", "fixed", "amod"})
# A proper noun right after a common noun, attached to it without a preposition, is its name:
# "il presidente Mattarella", "il leader Hague" (UD Italian labels it flat, nmod or appos).
TITLE_NAME_DEPS = frozenset({"nmod", "appos"})
CASE_DEPS = frozenset({"case"})

# Italian "da" and "a" with the article fused in (a parser trained on merged CoNLL-U subtokens
# sees "dalla" as one ``case`` token).
DA_FORMS = frozenset({"da", "dal", "dallo", "dalla", "dai", "dagli", "dalle", "dall'", "dall’"})
A_FORMS = frozenset({"a", "ad", "al", "allo", "alla", "ai", "agli", "alle", "all'", "all’"})
RELATIVE_PRONOUNS = frozenset({"che", "cui", "quale", "quali", "chi"})

TokenRef = Union[int, "Token"]


@dataclass(frozen=True)
class Arguments:
    """The arguments of one predicate (:func:`arguments`); every field a tuple of Spans."""

    predicate: "Token"
    passive: bool
    subjects: tuple["Span", ...]
    objects: tuple["Span", ...]
    agents: tuple["Span", ...]
    recipients: tuple["Span", ...]

    @property
    def actors(self) -> tuple["Span", ...]:
        """Who does it: the agents of a passive verb, else the subjects."""
        return self.agents if self.passive else self.subjects

    @property
    def patients(self) -> tuple["Span", ...]:
        """Who undergoes it: the subjects of a passive verb, else the objects."""
        return self.subjects if self.passive else self.objects


# -- loading -------------------------------------------------------------------------------------

_lock = threading.Lock()
_parser: "Language | None" = None


def load_parser() -> "Language":
    """The bundled UD parser (``resources/models/it_ud_parser``), loaded once per process.
    RAISES annotator.nlp.pipeline.PipelineNotFound: the model folder is missing."""
    global _parser
    with _lock:
        if _parser is None:
            from annotator.nlp.pipeline import load_pipeline

            _parser = load_pipeline(PARSER_MODEL)
        return _parser


def parse(text: str) -> "Doc":
    """``text`` tokenized, tagged and parsed by :func:`load_parser`."""
    return load_parser()(text)


# -- the predicate ---------------------------------------------------------------------------------


def _token(doc: "Doc", ref: TokenRef) -> "Token":
    return doc[ref] if isinstance(ref, int) else ref


def predicate(doc: "Doc", ref: TokenRef) -> "Token":
    """The token that carries the clause's dependents: ``ref`` itself, or the verb an auxiliary or
    copula ``ref`` belongs to ("*ha* detto" -> "detto", "*è stato* arrestato" -> "arrestato")."""
    token = _token(doc, ref)
    while token.dep_ in AUX_DEPS and token.head.i != token.i:
        token = token.head
    return token


def _own(token: "Token", deps: frozenset[str]) -> list["Token"]:
    return [child for child in token.children if child.dep_ in deps]


def _has_own_aux(token: "Token") -> bool:
    return any(child.dep_ in AUX_DEPS for child in token.children)


def _is_participle_modifier(token: "Token") -> bool:
    """"arrestato" in "l'uomo arrestato ieri": a past participle that modifies a noun (``acl``, or
    ``amod`` when the tagger marked it as a participle)."""
    if token.dep_ not in ("acl", "amod") or token.head.i == token.i:
        return False
    form = token.morph.get("VerbForm")
    if form:  # a tagged Doc: trust the morphology
        return "Part" in form and "Pres" not in token.morph.get("Tense")
    return token.dep_ == "acl" and token.text.lower().endswith(("to", "ta", "ti", "te", "so", "sa", "si", "se"))


def is_passive(doc: "Doc", ref: TokenRef) -> bool:
    """Whether the predicate at ``ref`` is passive: a passive auxiliary ("è stato", "viene"), a
    passive subject, an agent, a passive "si", or a past participle modifying a noun ("l'uomo
    arrestato"); a verb coordinated with a passive one and without auxiliaries of its own ("è stato
    arrestato e condannato") is passive too."""
    token = predicate(doc, ref)
    seen = set()
    while token.i not in seen:
        seen.add(token.i)
        if _own(token, PASSIVE_DEPS) or _is_participle_modifier(token):
            return True
        if token.dep_ == "conj" and not _has_own_aux(token) and not _own(token, SUBJECT_DEPS):
            token = token.head
            continue
        return False
    return False


# -- spans -----------------------------------------------------------------------------------------


def conjuncts(token: "Token") -> list["Token"]:
    """``token`` and the tokens coordinated with it ("Rossi e Bianchi"), in text order."""
    found = [token]
    stack = [token]
    while stack:
        for child in stack.pop().children:
            if child.dep_ == "conj" and child not in found:
                found.append(child)
                stack.append(child)
    return sorted(found, key=lambda t: t.i)


def _is_title_name(child: "Token") -> bool:
    return (
        child.dep_ in TITLE_NAME_DEPS
        and child.pos_ == "PROPN"
        and child.head.pos_ != "PROPN"
        and not _own(child, CASE_DEPS)
    )


def _is_name_part(child: "Token") -> bool:
    # an adjective is part of a name ("Partito Democratico"), a participle is not ("giovani accusati")
    return child.dep_ in NAME_DEPS and not (child.dep_ == "amod" and "Part" in child.morph.get("VerbForm"))


def name_span(token: "Token") -> "Span":
    """The name a noun stands for: ``token`` with its ``flat:name``/``flat``/``compound``/``fixed``/
    ``amod`` children (recursively) and a proper noun naming it ("presidente Mattarella"), cut to
    the contiguous run around ``token``. "Mario Rossi", "Partito Democratico", "Banca Centrale
    Europea"; the determiner and any preposition are left out."""
    doc = token.doc
    members = {token.i}
    stack = [token]
    while stack:
        for child in stack.pop().children:
            if child.i not in members and (_is_name_part(child) or _is_title_name(child)):
                members.add(child.i)
                stack.append(child)
    start, end = contiguous_run(members, token.i)
    return doc[start:end + 1]


def contiguous_run(members: set[int], index: int) -> tuple[int, int]:
    """The first and last token index of the unbroken run of ``members`` around ``index``."""
    start = end = index
    while start - 1 in members:
        start -= 1
    while end + 1 in members:
        end += 1
    return start, end


def proper_name(token: "Token") -> "Span | None":
    """The proper name a noun stands for, without a title: the name span of ``token`` itself when it
    is a proper noun ("Mario Rossi"), else the proper nouns that follow it in its name span ("il
    presidente *Sergio Mattarella*") or that it governs without a preposition further on ("il
    ministro dell'Interno *Piantedosi*"), else None ("la polizia")."""
    if token.pos_ == "PROPN":
        return name_span(token)
    doc = token.doc
    span = name_span(token)
    names = [t.i for t in span if t.i > token.i and t.pos_ == "PROPN"]
    if names:
        return doc[names[0]:names[-1] + 1]
    for child in token.rights:
        if child.pos_ == "PROPN" and child.dep_ in NAME_DEPS | TITLE_NAME_DEPS and not _own(child, CASE_DEPS):
            return name_span(child)
    return None


def phrase_span(token: "Token") -> "Span":
    """The whole phrase ``token`` heads (its subtree), without punctuation at either end or a
    preposition at its start: "la polizia di Stato" for "polizia"."""
    doc = token.doc
    start, end = token.left_edge.i, token.right_edge.i
    while start < token.i and (doc[start].is_punct or doc[start].dep_ in CASE_DEPS):
        start += 1
    while end > token.i and doc[end].is_punct:
        end -= 1
    return doc[start:end + 1]


def _relative_clause(pronoun: "Token") -> "Token | None":
    """The verb of the relative clause a relative pronoun belongs to: its nearest ``acl:relcl``
    ancestor (through coordinated and controlled verbs alike), or None."""
    for ancestor in pronoun.ancestors:
        if ancestor.dep_.startswith("acl:relcl"):
            return ancestor
    return None


def _resolve(argument: "Token") -> "Token":
    """The noun a relative pronoun stands for ("il ministro che ha detto": "che" -> "ministro")."""
    relative = "Rel" in argument.morph.get("PronType") or (
        argument.pos_ in ("PRON", "DET", "") and argument.text.lower() in RELATIVE_PRONOUNS
    )
    if relative:
        clause = _relative_clause(argument)
        if clause is not None and clause.head.i != clause.i:
            return clause.head
    return argument


def _spans(heads: list["Token"]) -> list["Span"]:
    spans: list["Span"] = []
    seen: set[tuple[int, int]] = set()
    for head in heads:
        for conjunct in conjuncts(_resolve(head)):
            span = name_span(conjunct)
            if (span.start, span.end) not in seen:
                seen.add((span.start, span.end))
                spans.append(span)
    return spans


def _case_forms(token: "Token") -> set[str]:
    return {child.text.lower() for child in token.children if child.dep_ in CASE_DEPS}


# -- arguments -------------------------------------------------------------------------------------


def _subjects_after_a_subject(verb: "Token") -> list["Token"]:
    """The ``nsubj`` dependents after an active verb that already has one before it: a verb has one
    subject (coordinated ones hang off the first as ``conj``), so a second, after the verb, is the
    parser taking the object for an inverted subject ("La polizia ha arrestato *Mario Rossi*")."""
    own = [t for t in verb.children if t.dep_ == "nsubj"]
    if len(own) < 2 or not any(t.i < verb.i for t in own):
        return []
    return [t for t in own if t.i > verb.i]


def _subject_heads(verb: "Token") -> list["Token"]:
    seen = set()
    while verb.i not in seen:
        seen.add(verb.i)
        misread = _subjects_after_a_subject(verb)
        own = [t for t in _own(verb, SUBJECT_DEPS) if t not in misread]
        if own:
            return own
        if verb.head.i == verb.i:
            return []
        if verb.dep_ in ("conj", "xcomp"):
            verb = verb.head
            continue
        if _is_participle_modifier(verb):
            return [verb.head]
        return []
    return []


def subjects(doc: "Doc", ref: TokenRef) -> list["Span"]:
    """The subjects of the predicate at ``ref`` (see the module's description), in text order of
    their conjuncts; ``[]`` when the subject is unexpressed ("Ha detto che...")."""
    verb = predicate(doc, ref)
    return _spans(_subject_heads(verb))


def _shared_from_head(verb: "Token", deps: frozenset[str], keep=lambda t: True) -> list["Token"]:
    """Dependents a coordinated verb shares with the first conjunct, to its right ("ha arrestato e
    interrogato *il sospetto*": UD attaches "sospetto" to "arrestato")."""
    if verb.dep_ != "conj" or verb.head.i == verb.i:
        return []
    return [t for t in _own(verb.head, deps) if t.i > verb.i and keep(t)]


def objects(doc: "Doc", ref: TokenRef) -> list["Span"]:
    """The direct objects of the predicate at ``ref``: "ha arrestato *Mario Rossi*"."""
    verb = predicate(doc, ref)
    heads = _own(verb, OBJECT_DEPS) or _subjects_after_a_subject(verb) or _shared_from_head(verb, OBJECT_DEPS)
    return _spans(heads)


def _agent_heads(verb: "Token", passive: bool) -> list["Token"]:
    def is_agent(t: "Token") -> bool:
        return t.dep_ in AGENT_DEPS or (passive and t.dep_ in OBL_DEPS and bool(_case_forms(t) & DA_FORMS))

    own = [t for t in verb.children if is_agent(t)]
    return own or _shared_from_head(verb, AGENT_DEPS | OBL_DEPS, is_agent)


def agents(doc: "Doc", ref: TokenRef) -> list["Span"]:
    """The agents of the passive predicate at ``ref``: "è stato arrestato *dalla polizia*"."""
    verb = predicate(doc, ref)
    return _spans(_agent_heads(verb, is_passive(doc, verb)))


def recipients(doc: "Doc", ref: TokenRef) -> list["Span"]:
    """Indirect objects and "a" complements of the predicate at ``ref``: "ha detto *ai giornalisti*"
    (also places: "ha detto a Roma" gives "Roma")."""
    verb = predicate(doc, ref)
    heads = [
        t for t in verb.children
        if t.dep_ in IOBJ_DEPS or (t.dep_ in OBL_DEPS and bool(_case_forms(t) & A_FORMS))
    ]
    return _spans(heads)


def arguments(doc: "Doc", ref: TokenRef) -> Arguments:
    """All the arguments of the predicate at ``ref`` (an auxiliary is taken to its verb)."""
    verb = predicate(doc, ref)
    passive = is_passive(doc, verb)
    return Arguments(
        predicate=verb,
        passive=passive,
        subjects=tuple(subjects(doc, verb)),
        objects=tuple(objects(doc, verb)),
        agents=tuple(_spans(_agent_heads(verb, passive))),
        recipients=tuple(recipients(doc, verb)),
    )


def actors(doc: "Doc", ref: TokenRef) -> list["Span"]:
    """Who does it: the agents of a passive predicate, else its subjects."""
    return list(arguments(doc, ref).actors)


def patients(doc: "Doc", ref: TokenRef) -> list["Span"]:
    """Who undergoes it: the subjects of a passive predicate, else its objects."""
    return list(arguments(doc, ref).patients)
