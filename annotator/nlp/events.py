"""The event suggester: who did what to whom, where and when, from an Italian trigger lexicon.

:class:`EventSuggester` reads ``resources/events/triggers_it.tsv`` (trigger words per type and mode)
and ``resources/events/suggester_it.json`` (which schema roles are subject, object and place; which
triggers absorb the one they govern, "minacciato nuove sanzioni" being one THREATEN of mode
restrict; when talks are future talks), and finds events in a text given its entities, quotations
and dates. Every type, mode and role name comes from those files and the schema: none is written in
the code, so a project with another schema brings its own lexicon.

For each trigger:

- the actor is the subject: a noun phrase naming no one right before the verb ("quattro uomini
  hanno aperto il fuoco"), else the nearest name before it in its sentence (not a place after a
  preposition), the speaker of the quotation a verb of it belongs to, or, for reciprocal types
  ("telefonata tra Biden e Putin"), every participant; of a passive verb ("è stato arrestato dai
  carabinieri", "Crescenzo, ucciso dal clan"), the agent after "da"; of a gerund, the subject of
  the sentence's main verb; a name after a noun trigger with "di" ("le dimissioni del ministro X");
- the recipient is the name it is done to, after it in its clause ("minacciato la Russia",
  "sanzioni alla Russia"), else the noun phrase there ("ha arrestato il vicino di casa"); of a
  passive verb, its subject; of a noun trigger of the types of ``undergone_after_of``, a name
  after "di" ("l'omicidio di Mario Rossi");
- the location is a place after a place preposition for the types that happen somewhere ("attacco
  aereo su Kiev", "colloqui a Ginevra"), else the place the sentence opens with or one right
  after the trigger with "di" ("la strage di Bologna");
- the date is the value of a DATE in its sentence, else the article's publication date.

Plain Python over text and offsets (no spaCy): it costs little beside the pipeline.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import islice
from pathlib import Path

from ..domain.event_schema import EventSchema
from .coreference import Coreference, joined_names
from .dates import MONTHS, WEEKDAYS
from .italian_words import (AGENT_PREPOSITIONS, ARTICULATED_PREPOSITIONS, DEMONSTRATIVES, EVENT_PARTICIPLE_STEMS, GERUND,
                            NUMBER_WORDS, PAST_PARTICIPLE, QUANTIFIERS, is_participle)
from .quote_lexicon import verb_forms
from .quote_marks import text_sentence_ends
from .syntax_roles import Argument, SyntaxRoles, is_personal_pronoun

__all__ = ["EventLexicon", "EventLexiconError", "EventSuggester", "FoundEvent", "load_event_lexicon"]

SYNTAX_MODES = ("first", "only", "fallback", "passive")  # how a parse and the rules share the arguments (EventSuggester.find)
# a passive auxiliary right before a trigger: the rules' "subject before the verb" is its undergoer
_PASSIVE_BEFORE = frozenset("""è sono era erano fu furono sia siano sarà saranno sarebbe sarebbero stato stata
    stati state viene vengono veniva venivano venne vennero verrà verranno verrebbe""".split())

# what opens a noun phrase given as an argument when nothing is named, and what ends it
_NEW_PHRASE = frozenset("il lo la l i gli le un uno una".split())  # an article: a phrase of its own begins
_ALL = frozenset("tutti tutte".split())  # "ha ucciso tutti i componenti della famiglia"
_PHRASE_OPENERS = _NEW_PHRASE | NUMBER_WORDS | QUANTIFIERS | _ALL
# the prepositions, and the adjectives between, that make a noun trigger a complement ("a seguito delle
# proteste", "durante l'eccidio"), and a name or a phrase after them no one's subject
_NOUN_PREPOSITIONS = frozenset("di d a ad da in con su per tra fra durante dopo contro".split())
_NOUN_MODIFIERS = frozenset("""nuovo nuova nuovi nuove primo prima primi prime violento violenta violenti
    violente""".split())
_TIME_WORDS = frozenset("""giorno giorni mattina mattinata pomeriggio sera serata notte settimana settimane mese mesi
    anno anni ora ore minuti volta""".split())
_TIME_ADJECTIVES = frozenset("scorso scorsa scorsi scorse stesso stessa prossimo prossima ultimo ultima".split())
_PHRASE_STOPS = frozenset("""a ad al allo alla all ai agli alle da dal dalla dai dagli dalle in nel nella nei nelle
    su sul sulla sui con per tra fra che e ed o ma mentre dopo durante perché se""".split())
# prepositions the words of a phrase may run into before an article ends it: "l'attacco contro | l'ambasciata"
_DANGLING_PREPOSITIONS = frozenset("contro verso senza presso sopra sotto oltre".split())
_ACTIVE_AUXILIARIES = frozenset("""ha hanno aveva avevano avrebbe avrebbero avrà avranno ebbe
    gli le si ci ne lo la li""".split())
_BY_PARTY = re.compile(r"\bda\s+parte\s+(?:di|del|dello|della|dell['’]|dei|degli|delle)\s*", re.IGNORECASE)
# what ends an object phrase besides the stops and gerunds (GERUND): "le indiscrezioni | secondo le quali"
_NOT_IN_A_PHRASE = re.compile(r"mente$|^(?:poco|molto|già|poi|anche|ieri|oggi|secondo)$")
# words that keep a name after "di" from being whose act it is ("di un amico di Mario Rossi")
_NOT_A_TITLE = frozenset("un uno una di del della dello dei degli delle a al alla e ed che".split())
_OF = re.compile(r"\s+(?:di|del|della|dello|dell['’]|dei|degli|delle)\s*")
_JOINER = re.compile(r"\s*(?:,|\be\b|\bed\b)\s*")  # between two names of a list: "Tannin e Cioffi"
_PLACE_WORDS = frozenset("a ad in nel nella nei nelle negli da dal dalla su sul sulla presso".split())
_OPENING_PLACE = re.compile(r"\s*(?:A|In|Nel|Nella|Ad|Negli|Nei)\s+")
_PLACE_PREPOSITION_BEFORE = re.compile(r"\b(?:a|in|nel|nella|ad)\s+$")
_CLAUSE_END = re.compile(r"[;:.!?\n]|,\s+(?:che|mentre|ma|perché|dopo)\b")
_CLAUSE_REACH = 400
_MOST_PAIRS_KEPT = 50_000  # word pairs whose rules EventLexicon.rules_before keeps
_MAIN_VERB_REACH = 1000  # characters looked back for the verb a gerund hangs on
_WHAT_NOT_WHOM = frozenset("accusa accuse dimissioni notizia notizie ipotesi voci".split())
_SKIPPED_ADVERBS = frozenset("""già poi anche subito ieri oggi immediatamente successivamente infine ancora non
    mai così invece però quindi dunque inoltre infatti comunque tuttavia pure ormai finalmente appena
    prima""".split())
# auxiliaries a subject stands right before ("la Spagna ha inoltrato", "Rossi è stato arrestato")
_SUBJECT_VERBS = frozenset("ha hanno aveva avevano avrebbe avrebbero è sono era erano sarebbe sarebbero".split())
# forms of "avere" before a participle: an active compound tense ("ha ucciso", "di averla soffocata")
_HAVE_FORMS = frozenset("""ha hanno aveva avevano avrebbe avrebbero avrà avranno abbia abbiano ebbe ebbero avesse
    avessero aver avere averlo averla averli averle avergli averne avendo avendolo avendola avendoli""".split())
_REFLEXIVE_CLITICS = frozenset("si mi ti ci vi".split())
# a participle: regular ("arrestato", "colpiti", "battute") or one of the irregular endings of event
# verbs ("ucciso", "preso", "messo", "aggredito", "scosso", "detenuto", "sconfitto", "espulso")
_PARTICIPLE_OR_IRREGULAR = re.compile(r"(?:at|it|ut|s|ss|tt|st|rt|lt)[oaie]$")

# doers named by a noun after "da" that the person and body nouns of coreference leave out
_AGENT_NOUNS = frozenset("clan banda gang commando cecchino cecchini killer sicari sicario branco".split())

EVENTS_DIR = Path(__file__).resolve().parents[2] / "resources" / "events"
NOT_AN_EVENT = "-"  # the type of a lexicon line whose words hold a trigger word but say no event
_WORD = re.compile(r"\w+(?:-\w+)?", re.UNICODE)
_NAMES = ("PER", "ORG", "LOC")

Entity = tuple[int, int, str]
# words before a noun trigger, not a verb: its arguments are not read off the parse
_NOMINAL_BEFORE = frozenset("""il lo la l i gli le un uno una dell del della dello dei degli delle al allo alla
    all ai agli alle nel nello nella nell nei negli nelle dal dalla dallo dall dai dagli dalle col sul sulla
    sull sui sugli sulle di a da in con su per tra fra dopo contro questo questa questi queste quel quella
    quei quelle nuovo nuova nuovi nuove suo sua suoi sue loro ogni primo prima altro altra altri altre""".split())

# -- events that are not coded (resources/events/README.md: negated and hypothetical events) -------------
# a clitic pronoun before a word makes it a verb ("lo incontro alle 7"), never a noun trigger; "lo"
# and "la" are articles too, but an article elides before a vowel ("l'incontro")
_CLITICS = frozenset("mi ti ci vi ne si li".split())
_CLITICS_BEFORE_VOWEL = frozenset("lo la".split())
# words that may stand between a negation, a governing verb or "si" and the trigger: auxiliaries,
# clitics, adverbs ("non è mai stato arrestato", "non lo ha incontrato")
_BETWEEN = frozenset("""ha hanno ho hai abbiamo avete aveva avevano avrà avranno abbia abbiano avesse avessero
    è sono era erano fu furono sarà saranno sia siano fosse fossero stato stata stati state essere esser
    aver avere venire viene vengono veniva venivano venne vennero verrà verranno
    lo la li le gli ne si ci mi ti vi mai più ancora già neppure sempre anche""".split())
# words between a negation and a noun: "nessun nuovo accordo", "non un solo convoglio", "non alcuna richiesta"
_NEGATED_NOUN_BETWEEN = frozenset("""un una uno solo sola singolo singola alcun alcuna alcuno altro altra
    altri altre ulteriore ulteriori nuovo nuova nuovi nuove vero vera""".split())
_ARTICLES = frozenset("il la lo l i gli le".split())
# determiners that are never clitic pronouns: a verb form after one is a noun ("nelle chiese")
_DETERMINERS = frozenset("il i un uno".split()) | ARTICULATED_PREPOSITIONS | DEMONSTRATIVES | NUMBER_WORDS | QUANTIFIERS
_PARTICIPLE = PAST_PARTICIPLE
_NAMES_WITHOUT_EVENTS = frozenset(("PER", "ORG"))
# an article, alone or in a preposition, before a noun: "l'omicidio volontario di X" names one killing
_ARTICLE_BEFORE = _ARTICLES | ARTICULATED_PREPOSITIONS | frozenset("un uno una".split())
_NEGATIONS = frozenset("non nessun nessuna nessuno senza né nemmeno neanche mancato mancata mancati mancate".split())
# the irrealis: a trigger governed by a verb or noun of wanting, fearing, avoiding, risking, a
# possibility ("evitare di essere ucciso", "temeva di essere arrestato", "l'opzione di invadere",
# "potrebbe attaccare", "avrebbe potuto uccidere")
# forms of "smentire": the act a denial names as its object did not happen ("Smentito l'arresto di X")
_DENYING = frozenset(verb_forms("smentire", isc_only=True))
_IRREALIS_GOVERNORS = frozenset("""evitare evita evitano evitava evitavano evitato evitando eviterà evitarlo
    temere teme temono temeva temevano temuto temendo temendone
    rischiare rischia rischiano rischiava rischiavano rischiato rischiando rischierebbe
    sperare spera sperano sperava speravano sperato sperando
    volere vuole vogliono voleva volevano volendo vorrà vorranno voglio vogliamo
    desiderare desidera desiderano desiderava desideravano
    preferire preferisce preferiscono preferiva preferivano
    paura timore rischio timori opzione ipotesi possibilità intenzione eventualità
    potrebbe potrebbero potrei potremmo potreste potresti può possono potrà potranno potesse potessero
    possa possano dovrebbe dovrebbero dovrei dovremmo dovreste
    vorrebbe vorrebbero vorrei vorremmo""".split())
_CONDITIONAL_AUX = frozenset("avrebbe avrebbero avrei avremmo avreste avresti sarebbe sarebbero".split())
_COUNTERFACTUAL_MODALS = frozenset("potuto dovuto voluto".split())
# a first or second person conditional auxiliary: "sarei già stato ucciso" did not happen (the third
# person, "sarebbe stato ucciso", is the reporting conditional of the press: coded)
_FIRST_PERSON_CONDITIONAL = frozenset("sarei saresti saremmo sareste avrei avresti avremmo avreste".split())
_CONDITIONS = frozenset("se qualora semmai casomai purché".split())
_NOT_CONDITION_AFTER = frozenset("ne lo la li le stesso stessa stessi stesse".split())  # "se ne è andato"
_PRONOUN_OR_ARTICLE = frozenset("lo la li le".split())  # "se la prende" / "se la polizia"
_NOT_CONDITION_BEFORE = frozenset("anche pure".split())  # "anche se" concedes a fact
# before a cause of nature after the trigger: "ucciso da una frana", "la strage della calca"
_CAUSE_PREPOSITIONS = frozenset("""da dal dalla dallo dall dai dagli dalle per causa del della dello dell dei
    delle""".split())
_SINGULAR_AUX = frozenset("è era sarebbe sarà fu sia fosse stato stata".split())
_RECIPROCAL_AFTER = frozenset("con contro tra fra".split())
_MOST_REACH = 200  # a lexicon's reach:N, in words: about a short article


class EventLexiconError(ValueError):
    """A trigger lexicon or suggester file that cannot be used; names the file, line and problem."""


@dataclass(frozen=True, slots=True)
class _Rule:
    words: tuple[str, ...]
    type: str
    mode: str | None
    near: frozenset[str] = frozenset()
    unless: frozenset[str] = frozenset()  # none of these words may stand near ("incontro" of boxing)
    kind: str = ""  # "verb", "noun" or "phrase", as the lexicon line says
    lemma: str = ""  # a verb line's infinitive ("imporre" for "imposto")
    reach: int = 0  # words either side where ``near`` and ``unless`` also count, past the sentence (0: the sentence's six)


@dataclass(frozen=True, slots=True)
class VerbalAttacks:
    """``verbal_attacks`` of suggester_it.json: triggers of ``from_type`` that, aimed at a person or
    followed by words said, are of ``to_type`` unless one of ``unless`` (weapons, casualties) is near."""

    triggers: frozenset[str]
    from_type: str
    to_type: str
    mode: str | None
    unless: frozenset[str]


@dataclass(frozen=True, slots=True)
class EventLexicon:
    """Trigger rules by first word, and how sentences map to roles and combine."""

    rules: dict[str, tuple[_Rule, ...]]
    subject_role: str
    object_role: str
    place_role: str
    reciprocal: frozenset[str]
    place_types: frozenset[str]
    combine: dict[tuple[str, str], str | None]  # (governor type, object type) -> governor's mode
    future_from: str | None
    future_to: str | None
    future_words: frozenset[str]
    object_prepositions: frozenset[str]
    place_prepositions: frozenset[str]
    participant_prepositions: frozenset[str]
    nameless_types: frozenset[str] = frozenset()  # suggested even when their sentence names no one
    named_party_modes: frozenset[str] = frozenset()  # "phone": only with a person or body named taking part
    party_types: frozenset[str] = frozenset()  # "un incontro pubblico": only with someone or somewhere found
    reflexive_not_coded: frozenset[str] = frozenset()  # "si è ucciso": a suicide, not an act on another
    natural_types: frozenset[str] = frozenset()  # types never coded when nature or illness does them
    natural_causes: frozenset[str] = frozenset()  # "frana", "virus": the doer is no one
    natural_patients: frozenset[str] = frozenset()  # "batteri": the one it is done to is no one
    sport_words: frozenset[str] = frozenset()  # two around a trigger: sports news, not coded
    sport_types: frozenset[str] = frozenset()  # the types sports news makes of ordinary words ("incontro")
    judging_types: frozenset[str] = frozenset()  # verbs that judge another's act: "ha condannato l'attacco"
    light_verbs: frozenset[str] = frozenset()  # "imporre": before a trigger noun of its type the noun is the event
    verbal_attack: VerbalAttacks | None = None  # "Travaglio attacca Schifani": an attack in words
    charge_words: frozenset[str] = frozenset()  # "l'accusa di omicidio": a crime named as a charge is no event
    charge_between: frozenset[str] = frozenset()  # words between the charge and the crime ("di", "tentato")
    accidental_words: frozenset[str] = frozenset()  # "omicidio colposo": an accident, no act between people
    charge_qualifiers: frozenset[str] = frozenset()  # "omicidio volontario" without article: a charge's name
    # "TYPE" or "TYPE mode": a noun trigger of these names after "di" the one the act is done to
    # ("l'omicidio di Mario Rossi"); of the others, the one who does it ("le dimissioni di Rossi")
    undergone_after_of: frozenset[str] = frozenset()
    # the rules of a first word that can match given the word after it, read once per pair ("si"
    # opens 186 rules, most of them out at their second word); see :meth:`rules_before`. Not an
    # argument of __init__, so that dataclasses.replace (the lexicon overlay) starts a fresh one
    _by_pair: dict[tuple[str, str], tuple[_Rule, ...]] = field(
        default_factory=dict, init=False, compare=False, hash=False, repr=False)

    def rules_before(self, word: str, following: str) -> tuple[_Rule, ...]:
        """The rules that start with ``word`` and whose second word, if any, is ``following``, in
        the lexicon's order."""
        found = self._by_pair.get((word, following))
        if found is None:
            found = tuple(r for r in self.rules.get(word, ()) if len(r.words) == 1 or r.words[1] == following)
            if len(self._by_pair) >= _MOST_PAIRS_KEPT:
                self._by_pair.clear()  # a long session reads many word pairs: keep the memory bounded
            self._by_pair[(word, following)] = found
        return found


def load_event_lexicon(folder: Path | str = EVENTS_DIR, schema: EventSchema | None = None) -> EventLexicon:
    """Read ``triggers_it.tsv`` and ``suggester_it.json`` of ``folder``; with ``schema``, a type or
    mode it lacks is an error naming the line (a lexicon must fit the project's schema)."""
    folder = Path(folder)
    rules: dict[str, list[_Rule]] = {}
    path = folder / "triggers_it.tsv"
    for number, line in _lines(path):
        parts = line.split("\t")
        if len(parts) < 4 or parts[3] not in ("verb", "noun", "phrase"):
            raise EventLexiconError(f"{path}:{number}: expected trigger<TAB>TYPE<TAB>mode<TAB>verb|noun|phrase")
        trigger, type_, mode, kind = parts[:4]
        near, unless, reach = frozenset(), frozenset(), 0
        for condition in parts[4:]:
            name, _, words = condition.partition(":")
            if name == "reach" and words.isdigit() and 0 < int(words) <= _MOST_REACH:
                reach = int(words)
                continue
            if name not in ("near", "unless") or not words:
                raise EventLexiconError(f"{path}:{number}: a condition is near:w1|w2, unless:w1|w2 or reach:N "
                                        f"(N words, 1 to {_MOST_REACH}), not {condition!r}")
            chosen = frozenset(w.lower() for w in words.split("|") if w)
            near, unless = (chosen, unless) if name == "near" else (near, chosen)
        if reach and not (near or unless):
            raise EventLexiconError(f"{path}:{number}: reach:{reach} widens a near: or unless: condition; add one")
        if schema is not None and type_ != NOT_AN_EVENT:
            found = schema.type(type_)
            if found is None:
                raise EventLexiconError(f"{path}:{number}: type {type_} is not in the {schema.name} schema")
            if mode and found.mode(mode) is None:
                raise EventLexiconError(f"{path}:{number}: mode {mode} is not a mode of {type_}")
        lemma = trigger.partition(":")[0].strip().lower() if kind == "verb" else ""
        for words in _trigger_words(trigger, kind):
            rule = _Rule(words, type_, mode or None, near, unless, kind, lemma, reach)
            rules.setdefault(words[0], []).append(rule)
    config_path = folder / "suggester_it.json"
    try:
        config = json.loads(config_path.read_text(encoding="utf-8"))
        roles = config["roles"]
        combine = {(c["governor"], c["object"]): c.get("mode") for c in config.get("combine", [])}
        future = config.get("future") or {}
        charges = config.get("charges") or {}
        lexicon = EventLexicon(
            rules={k: tuple(sorted(v, key=lambda r: -len(r.words))) for k, v in rules.items()},
            subject_role=roles["subject"], object_role=roles["object"], place_role=roles["place"],
            reciprocal=frozenset(config.get("reciprocal_types", [])),
            place_types=frozenset(config.get("place_types", [])),
            combine=combine, future_from=future.get("from"), future_to=future.get("to"),
            future_words=frozenset(future.get("words", [])),
            object_prepositions=frozenset(config.get("object_prepositions", [])),
            place_prepositions=frozenset(config.get("place_prepositions", [])),
            participant_prepositions=frozenset(config.get("participant_prepositions", [])),
            nameless_types=frozenset(config.get("nameless_types", [])),
            named_party_modes=frozenset(config.get("named_party_modes", [])),
            party_types=frozenset(config.get("party_types", [])),
            undergone_after_of=frozenset(config.get("undergone_after_of", [])),
            reflexive_not_coded=frozenset(config.get("reflexive_not_coded", [])),
            natural_types=frozenset((config.get("natural_causes") or {}).get("types", [])),
            natural_causes=frozenset((config.get("natural_causes") or {}).get("causes", [])),
            natural_patients=frozenset((config.get("natural_causes") or {}).get("patients", [])),
            sport_words=frozenset(config.get("sport_words", [])),
            sport_types=frozenset(config.get("sport_types", [])),
            judging_types=frozenset(config.get("judging_types", [])),
            light_verbs=frozenset(config.get("light_verbs", [])),
            verbal_attack=_verbal_attack_config(config.get("verbal_attacks")),
            charge_words=frozenset(charges.get("words", [])),
            charge_between=frozenset(charges.get("between", [])),
            accidental_words=frozenset(charges.get("accidental", [])),
            charge_qualifiers=frozenset(charges.get("qualifiers", [])),
        )
    except OSError as err:
        raise EventLexiconError(f"{config_path}: cannot read ({err.strerror or err})") from None
    except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as err:
        raise EventLexiconError(f"{config_path}: not a suggester configuration ({err})") from None
    if schema is not None:
        for role in (lexicon.subject_role, lexicon.object_role, lexicon.place_role):
            if schema.role(role) is None:
                raise EventLexiconError(f"{config_path}: role {role} is not in the {schema.name} schema")
    return lexicon


def _verbal_attack_config(found: dict | None) -> VerbalAttacks | None:
    if found is None:
        return None
    return VerbalAttacks(frozenset(found["triggers"]), found["from"], found["to"], found.get("mode"),
                         frozenset(found.get("unless", [])))


def _trigger_words(trigger: str, kind: str, *, listed: bool = True) -> list[tuple[str, ...]]:
    """The word sequences a lexicon line matches. ``listed``: the line can list its verb's other
    forms, so an -ire verb gets its -isc present only ("colpisce"; "colpe" and "rape" are words
    of their own) and one without -isc lists its plain present ("apre aprono"). A learned trigger
    lists nothing: it gets both presents, and the overlay leaves out the singular itself."""
    if kind == "verb":
        infinitive, _, extra = trigger.partition(":")
        infinitive = infinitive.strip().lower()
        base = infinitive[:-2] + "e" if infinitive.endswith(("arsi", "ersi", "irsi")) else infinitive
        forms = verb_forms(base, isc_only=listed) | {f.lower() for f in extra.split()}
        forms |= _with_pronouns(base)
        return [(form,) for form in sorted(forms)]
    if kind == "noun":
        return [(form.strip().lower(),) for form in trigger.split("|") if form.strip()]
    return [tuple(_WORD.findall(form.lower())) for form in trigger.split("|") if form.strip()]


_PRONOUNS = ("lo", "la", "li", "le", "ne", "si", "ci", "gli", "glielo")


def _with_pronouns(infinitive: str) -> set[str]:
    """Forms with a pronoun attached and the first person plural: "accusandoli", "accusarli",
    "chiediamo" — the usual forms verb_forms leaves out."""
    if len(infinitive) < 4 or infinitive[-3:] not in ("are", "ere", "ire"):
        return set()
    stem, ending = infinitive[:-3], infinitive[-3:]
    gerund = stem + ("ando" if ending == "are" else "endo")
    plural = stem + ("hiamo" if ending == "are" and stem.endswith(("c", "g")) else "iamo")
    return {plural} | {gerund + p for p in _PRONOUNS} | {infinitive[:-1] + p for p in _PRONOUNS}


def _lines(path: Path):
    try:
        content = path.read_text(encoding="utf-8")
    except OSError as err:
        raise EventLexiconError(f"{path}: cannot read the trigger lexicon ({err.strerror or err})") from None
    for number, line in enumerate(content.splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            yield number, line.rstrip("\n")


@dataclass(frozen=True, slots=True)
class FoundEvent:
    """A suggested event: type, mode, trigger range, arguments (role, start, end), date, and the
    index of the quotation (in the list given) that expresses it."""

    type: str
    trigger: tuple[int, int]
    mode: str | None = None
    args: tuple[tuple[str, int, int], ...] = ()
    date: str | None = None
    quote: int | None = None
    entities: tuple[tuple[int, int, str] | None, ...] = ()  # per argument: the named entity it refers to


@dataclass(slots=True)
class _Hit:
    rule: _Rule
    first: int  # word indices
    last: int
    absorbed: bool = False
    mode: str | None = None
    type: str = ""


class EventSuggester:
    """Finds events with one lexicon (``resources/events`` by default)."""

    def __init__(self, lexicon: EventLexicon | None = None, *, syntax_mode: str = "only",
                 descriptions: str = "all") -> None:
        if syntax_mode not in SYNTAX_MODES:
            raise ValueError(f"syntax_mode must be one of {', '.join(SYNTAX_MODES)}, not {syntax_mode!r}")
        self.lexicon = lexicon or load_event_lexicon()
        self.syntax_mode = syntax_mode
        self.descriptions = descriptions  # which parsed arguments may be unnamed: "none", "actor", "all"

    def find(self, text: str, entities: Sequence[Entity] = (), *, quotes: Sequence[object] = (),
             dates: Sequence[tuple[int, int, str | None]] = (), published: date | None = None,
             syntax: SyntaxRoles | None = None) -> list[FoundEvent]:
        """Events of ``text``. ``entities``: (start, end, label) names; ``quotes``: objects with
        start, end, speaker (range or None), cue (range or None) — quotations found in the text;
        ``dates``: (start, end, value) of DATE expressions; ``published``: the article's date;
        ``syntax``: the parse of ``text`` (:class:`annotator.nlp.syntax_roles.SentenceParses`),
        to read the actor and the recipient of a verb trigger off (subject and object, agent and
        passive subject), combined with the rules as ``syntax_mode`` says ("first": the parse
        where it names the argument, else the rules; "only"; "fallback": the rules, else the
        parse). Without it the rules alone."""
        reading = _Reading(self.lexicon, text, entities, quotes, dates, published)
        reading.syntax, reading.syntax_mode, reading.descriptions = syntax, self.syntax_mode, self.descriptions
        return reading.events()

    def syntax_positions(self, text: str, entities: Sequence[Entity]) -> list[int]:
        """The offsets of the verb triggers of ``text`` whose arguments :meth:`find` will ask a
        parse about, so that a caller can have them parsed beforehand, many texts in one batch
        (:func:`annotator.nlp.syntax_roles.prepare_all`); the parses serve the quotation
        finder's speakers too (a reporting verb is often an event trigger)."""
        if self.syntax_mode not in ("first", "only"):
            return []
        reading = _Reading(self.lexicon, text, entities, (), (), None)
        hits = reading._hits()
        reading._combine(hits)
        return reading._syntax_positions(hits)


class _Reading:
    def __init__(self, lexicon: EventLexicon, text: str, entities: Sequence[Entity], quotes: Sequence[object],
                 dates: Sequence[tuple[int, int, str | None]], published: date | None) -> None:
        self.lx = lexicon
        self.text = text
        matches = list(_WORD.finditer(text))
        self.starts = [m.start() for m in matches]
        self.ends_ = [m.end() for m in matches]
        self.words = [m.group().lower() for m in matches]
        self.entities = sorted((e for e in joined_names(text, entities) if e[2] in _NAMES), key=lambda e: e[0])
        self.entity_starts = [e[0] for e in self.entities]
        self.quotes = list(quotes)
        self._quote_ranges, self._quote_starts, self._quote_reach = _quote_ranges(self.quotes)
        self.dates = sorted(d for d in dates if d[2])
        self._armed: dict[int, bool] = {}  # sentence start -> whether it names a weapon (see _armed_sentence)
        self.published = published
        self.sentence_ends = text_sentence_ends(text)
        self.coreference = Coreference(text, self.entities)
        self.syntax: SyntaxRoles | None = None
        self._verbal: set[int] = set()  # word indices of the triggers the parse is asked about
        self.syntax_mode = "first"
        self._sport: dict[int, bool] = {}  # sentence number -> in sports news
        self.descriptions = "actor"
        self._hit_ending: dict[int, _Hit] = {}  # last word index -> the trigger ending there

    # -- triggers ---------------------------------------------------------------------------------

    def events(self) -> list[FoundEvent]:
        hits = self._hits()
        self._hit_ending = {hit.last: hit for hit in hits}
        self._combine(hits)
        self._prepare_syntax(hits)
        found = []
        for hit in hits:
            if hit.absorbed:
                continue
            event = self._event(hit)
            if event is not None and not self._spoken_of_in_general(event):
                found.append(event)
        return found

    def _spoken_of_in_general(self, event: FoundEvent) -> bool:
        """An event word in a direct quotation with no one or nowhere found taking part: a speaker's
        plan, fear or generality ("Non posso raccogliere persone per una manifestazione")."""
        return not event.args and event.quote is not None and \
            getattr(self.quotes[event.quote], "kind", None) == "direct"

    def _hits(self) -> list[_Hit]:
        hits: list[_Hit] = []
        rules = self.lx.rules
        after = 0  # the first word not yet inside a hit
        for index in [k for k, word in enumerate(self.words) if word in rules]:  # the words that start a rule
            if index < after:
                continue
            hit = self._rule_at(index)
            if hit is None:
                continue
            if hit.type != NOT_AN_EVENT:  # "in collaborazione con", "biglietti da visita": no event
                hits.append(hit)
            after = hit.last + 1
        return hits

    def _rule_at(self, index: int) -> _Hit | None:
        rules = self.lx.rules_before(self.words[index], self.words[index + 1] if index + 1 < len(self.words) else "")
        if not rules or self._in_name(index):
            return None  # "Raffaele Sollecito", "la trasmissione Pressing": a name, not an act
        for rule in rules:
            last = index + len(rule.words) - 1
            if last >= len(self.words) or tuple(self.words[index:last + 1]) != rule.words:
                continue
            if rule.near and not self._near(index, last, rule.near) and not (
                    rule.reach and self._around(index, last, rule.near, rule.reach)):
                continue
            if rule.unless and (self._near(index, last, rule.unless) or (
                    rule.reach and self._around(index, last, rule.unless, rule.reach))):
                continue
            if rule.kind == "noun" and self._after_clitic(index):
                continue  # "lo incontro alle 7": a verb, not the noun "incontro"
            if rule.kind == "verb" and (self._after_determiner(index) or self._capitalised_inside(index)):
                continue  # "gli arrestati", "l'imputato", "nelle chiese", "altre Chiese": people or things
            return _Hit(rule, index, last, mode=rule.mode, type=rule.type)
        return None

    def _in_name(self, index: int) -> bool:
        """Word ``index`` is part of a person's or an organisation's name."""
        return self._entity_label_at(index) in _NAMES_WITHOUT_EVENTS

    def _after_clitic(self, index: int) -> bool:
        if index == 0 or self._clause_break(index - 1, index):
            return False
        before = self.words[index - 1]
        return before in _CLITICS or (before in _CLITICS_BEFORE_VOWEL and self.words[index][0] in "aeiouàèéìòù")

    def _after_determiner(self, index: int) -> bool:
        """A verb's form used as a noun: after a determiner that is never a pronoun ("degli
        arrestati", "tre chiese"), or a participle after "il", "la", "gli"… (a clitic never stands
        right before a participle: "l'imputato", "gli indagati" name people, not an act)."""
        if index == 0 or self._clause_break(index - 1, index):
            return False
        before = self.words[index - 1]
        return before in _DETERMINERS or (before in _ARTICLES and _PARTICIPLE.search(self.words[index]) is not None)

    def _capitalised_inside(self, index: int) -> bool:
        """A capitalised word inside a sentence: a name or a title ("le Chiese ortodosse"), not a verb."""
        return index > 0 and self.text[self.starts[index]].isupper() and not self._clause_break(index - 1, index) \
            and not self.text[self.ends_[index - 1]:self.starts[index]].strip(" ,")

    def _back(self, index: int, skip: frozenset[str], reach: int = 5) -> int | None:
        """The first word before ``index`` in its clause that is not one of ``skip`` (at most
        ``reach`` words back); None at a clause break."""
        position = index - 1
        while position >= 0 and index - position <= reach:
            if self._clause_break(position, position + 1):
                return None
            if self.words[position] not in skip:
                return position
            position -= 1
        return None

    def _not_coded(self, hit: _Hit) -> bool:
        """A negated or hypothetical event, or a suicide (resources/events/README.md)."""
        words, first = self.words, hit.first
        before = self._back(first, _BETWEEN)
        if before is not None and words[before] in _NEGATIONS:
            return True  # "non ha incontrato", "senza accordo", "indagati ma non incriminati"
        noun = self._back(first, _NEGATED_NOUN_BETWEEN | _ARTICLES, reach=4)
        if noun is not None and noun < first - 1 and (
                (words[noun] in _NEGATIONS and words[noun + 1] not in ("solo", "soltanto"))  # "non solo"
                or any(w in ("alcun", "alcuna", "alcuno") for w in words[noun + 1:first])):
            return True  # "nessun nuovo accordo", "non un solo convoglio", "non aveva fatto alcuna richiesta"
        if hit.rule.kind == "noun" and self._feared_or_avoided(first):
            return True  # "temono una invasione", "evitare il linciaggio", "la paura di altri attentati"
        if before is not None:
            word = words[before]
            if word == "di" or word == "da":  # "evitare di essere ucciso", "il candidato da proporre"
                governor = self._back(before, frozenset(("non",)), reach=3)
                if (word == "da" and before == first - 1) or (  # "da essere arrestato" may be a fact
                        word == "di" and governor is not None and words[governor] in _IRREALIS_GOVERNORS):
                    return hit.rule.kind == "verb"
            if word == "per" and before == first - 1 and hit.rule.kind != "noun" and words[first].endswith(
                    ("are", "ere", "ire")):
                return True  # "per chiedere il riconoscimento": a purpose, not done yet ("per aver ucciso" is)
            if word in _IRREALIS_GOVERNORS:  # "potrebbe attaccare", "voleva suicidarsi"
                return True
            if word in _COUNTERFACTUAL_MODALS and before > 0 and words[before - 1] in _CONDITIONAL_AUX:
                return True  # "avrebbe potuto uccidere"
            if word in _FIRST_PERSON_CONDITIONAL:
                return True  # "altrimenti sarei già stato ucciso"
        if self._in_condition(first, hit.rule.kind):
            return True  # "se confesseranno di aver ucciso", "qualora le accuse venissero confermate"
        if self._question(first):
            return True
        if self._named_charge(hit):  # a verb's form is a noun here too: "il reato di minaccia"
            return True  # "con l'accusa di omicidio volontario", "indagati per omicidio colposo"
        if hit.type in self.lx.natural_types and self._natural_cause(hit):
            return True  # "una frana ha ucciso venti persone", "hanno ucciso i batteri"
        if hit.type in self.lx.sport_types and self._in_sport(first):
            return True  # "l'incontro è stato trasmesso in diretta" (a doping charge is still an event)
        return hit.type in self.lx.reflexive_not_coded and self._reflexive(hit)

    def _feared_or_avoided(self, first: int) -> bool:
        """A noun trigger that a word of fearing, avoiding, risking, a possibility or a denial
        governs, as its object ("temono una invasione", "rischia il licenziamento", "smentito
        l'arresto") or through "di" ("la paura di altri attentati", "la possibilità di un ricorso"):
        it has not happened."""
        governor = self._back(first, _NEGATED_NOUN_BETWEEN | _ARTICLES, reach=4)
        if governor is None:
            return False
        word = self.words[governor]
        if word == "di" or (word in ARTICULATED_PREPOSITIONS and word.startswith("de")):
            governor -= 1  # "la paura di…", "il rischio degli…"
        return governor >= 0 and (self.words[governor] in _IRREALIS_GOVERNORS or self.words[governor] in _DENYING)

    def _named_charge(self, hit: _Hit) -> bool:
        """A crime named as a charge, or an accident named by its legal name: "con l'accusa di
        omicidio volontario", "indagati per omicidio", "l'ipotesi di reato di strage", "omicidio
        colposo". The accusation, the arrest or the trial is the event; the crime named without an
        article is only its content ("accusato dell'omicidio di X" names a killing: coded)."""
        words, first = self.words, hit.first
        after = hit.last + 1
        if after < len(words) and not self._clause_break(hit.last, after):
            if words[after] in self.lx.accidental_words:
                return True
            if words[after] in self.lx.charge_qualifiers and (first == 0 or words[first - 1] not in _ARTICLE_BEFORE):
                return True  # "capi d'accusa: strage e omicidio volontario"; "l'omicidio volontario di X" is one
        if first == 0 or words[first - 1] not in ("di", "d", "per") or self._clause_break(first - 1, first):
            return False
        charge = self._back(first, self.lx.charge_between, reach=4)
        return charge is not None and words[charge] in self.lx.charge_words

    def _natural_cause(self, hit: _Hit) -> bool:
        """Done by nature, illness or an accident, or to microbes: not an act between people. A
        cause word before the trigger in its clause (at most eight words back) or after "da",
        "per", "a causa di" right after it; a non-human patient within three words after it."""
        causes = self.lx.natural_causes
        position = hit.first - 1
        while position >= 0 and hit.first - position <= 8 and not self._clause_break(position, position + 1):
            if self.words[position] in causes:
                return True
            position -= 1
        after = range(hit.last + 1, min(hit.last + 5, len(self.words)))
        for i in after:
            if self._clause_break(i - 1, i):
                break
            word = self.words[i]
            if word in self.lx.natural_patients and i - hit.last <= 3:
                return True
            if word in causes and any(self.words[j] in _CAUSE_PREPOSITIONS for j in range(hit.last + 1, i)):
                return True
        return False

    def _in_sport(self, index: int) -> bool:
        """Sports news (resources/events/README.md: sports results are not events): two or more
        sports words in the trigger's sentence and the two sentences either side of it."""
        if not self.lx.sport_words:
            return False
        k = bisect_right(self.sentence_ends, self.starts[index])
        if k not in self._sport:
            start = self.sentence_ends[k - 3] if k >= 3 else 0
            end = self.sentence_ends[k + 2] if k + 2 < len(self.sentence_ends) else len(self.text)
            words = self.words[bisect_left(self.starts, start):bisect_left(self.starts, end)]
            self._sport[k] = sum(w in self.lx.sport_words for w in words) >= 2
        return self._sport[k]

    def _in_condition(self, index: int, kind: str) -> bool:
        """A "se"/"qualora" before the trigger in its clause: a condition or an indirect question
        ("non è chiaro se la sparatoria fosse in corso"); not "se ne", "se stesso", "anche se", nor
        "se la" before a verb trigger, where "la" is a pronoun ("se la prende"). Also a "che" after a
        verb or noun of avoiding, fearing or hoping ("evitare che", "il timore che")."""
        position = index - 1
        while position >= 0 and index - position <= 8 and not self._clause_break(position, position + 1):
            word = self.words[position]
            if word in _CONDITIONS and (word != "se" or (
                    not (self.words[position + 1] in _NOT_CONDITION_AFTER and (
                        self.words[position + 1] not in _PRONOUN_OR_ARTICLE
                        or (position + 2 == index and kind == "verb")))
                    and (position == 0 or self.words[position - 1] not in _NOT_CONDITION_BEFORE))):
                return True
            if word == "che" and position > 0 and self.words[position - 1] in _IRREALIS_GOVERNORS:
                return True  # "per evitare che si trasformasse in una rissa", "teme che venga arrestato"
            position -= 1
        return False

    def _question(self, index: int) -> bool:
        start, end = self._sentence(self.starts[index])
        return self.text[start:end].rstrip(" \n»\"”'’)").endswith("?")

    def _active_participle(self, hit: _Hit) -> bool:
        """An irregular participle the lexicon lists as a noun ("espulso", "ucciso") after a form of
        "avere": the past tense of an active verb, whose object the act is done to."""
        if hit.rule.kind != "noun" or hit.first != hit.last or hit.first == 0 or \
                not _PARTICIPLE_OR_IRREGULAR.search(self.words[hit.first]):
            return False
        before = self._back(hit.first, _SKIPPED_ADVERBS, reach=4)
        return before is not None and self.words[before] in _HAVE_FORMS

    def _passive(self, hit: _Hit) -> bool:
        """A verb trigger after a passive auxiliary ("è stato arrestato", "sono stati poi uccisi",
        "viene accusato"), not a reflexive one ("si è dimesso"): its subject before it undergoes
        the act, and the act's doer is the agent after "da" ("arrestato dai carabinieri")."""
        if hit.rule.kind == "phrase" and self.words[hit.first] in _PASSIVE_BEFORE and hit.last > hit.first and \
                PAST_PARTICIPLE.search(self.words[hit.last]):
            return True  # the auxiliary is the phrase's own: "è stato condannato", "sono stati condannati"
        if hit.rule.kind not in ("verb", "phrase", "noun") or hit.first == 0 or \
                not _PARTICIPLE_OR_IRREGULAR.search(self.words[hit.first]):
            return False  # a phrase is passive as its first word is: "sottoposto a fermo", "condannato a morte"
        before = self._back(hit.first, _SKIPPED_ADVERBS, reach=4)
        if hit.rule.kind == "noun" and (before is None or self.words[before] not in _PASSIVE_BEFORE or
                                        not PAST_PARTICIPLE.search(self.words[hit.first])):
            return False  # a participle listed as a noun, passive only after its auxiliary: "è stato giustiziato"
        while before is not None and self.words[before].endswith("mente"):  # "ha ripetutamente negato"
            before = self._back(before, _SKIPPED_ADVERBS, reach=4)
        if before is None or self.words[before] not in _PASSIVE_BEFORE:
            # a participle with no auxiliary ("Crescenzo, ucciso dal clan", "Arrestato il boss",
            # "la sedicenne violentata") is passive too; after "ha", "averla", "si" it is not
            word = self.words[hit.first]
            if not is_participle(word, EVENT_PARTICIPLE_STEMS, plural_feminine=False):
                return False  # "uccise", "chiese", "disse" are also past tenses: read as active without an auxiliary
            return before is None or (self.words[before] not in _HAVE_FORMS and
                                      self.words[before] not in _REFLEXIVE_CLITICS and
                                      self.words[before] not in _ACTIVE_AUXILIARIES)
        clitic = self._back(before, _PASSIVE_BEFORE | _SKIPPED_ADVERBS, reach=3)
        return clitic is None or self.words[clitic] not in _REFLEXIVE_CLITICS

    def _after_place_word(self, position: int) -> bool:
        """Whether the word before ``position`` is a preposition of place ("a Los Angeles", "nel
        Lazio"): a place so introduced is where, not who."""
        index = bisect_left(self.starts, position)
        before = self.words[index - 1] if index > 0 else ""
        return before in _PLACE_WORDS or before in ARTICULATED_PREPOSITIONS

    def _undergoer(self, sentence_start: int, position: int) -> Entity | None:
        """Who undergoes a passive act: the subject before its auxiliary (:meth:`_subject`), not a
        place after a preposition ("Somalia, liberati i cooperanti…" has none; "rapiti in Somalia")."""
        subject = self._relative_antecedent(position, sentence_start) or \
            self._subject(sentence_start, position)  # a place after a preposition it passes over
        if subject is not None and subject[2] == "LOC" and \
                (subject[0] == 0 or self.text[subject[1]:position].strip(" ").startswith(",")):
            return None
        return subject

    def _passive_start(self, hit: _Hit) -> int:
        """Where the passive auxiliary chain before the trigger begins (the subject stands before it)."""
        return self._chain_start(hit, _PASSIVE_BEFORE)

    def _chain_start(self, hit: _Hit, verb_words: frozenset[str]) -> int:
        """Where the run of ``verb_words`` (auxiliaries, clitics) and adverbs right before the
        trigger begins: "è stato poi | arrestato", "gli ha | detto"."""
        index = hit.first
        while index > 0 and (self.words[index - 1] in verb_words or self.words[index - 1] in _SKIPPED_ADVERBS):
            index -= 1
        return self.starts[index]

    def _object_phrase(self, index: int, limit: int, openers: frozenset[str] = frozenset(),
                       least: int = 2) -> Entity | None:
        """The noun phrase that word ``index`` opens right after a verb ("ha arrestato il vicino di
        casa", "uccise sette persone"): an article, a number or a quantifier and at most five more
        words, up to a punctuation mark, a preposition other than "di" or a clause word."""
        if index >= len(self.words) or self.starts[index] >= limit or \
                (self.words[index] not in (openers or _PHRASE_OPENERS) and "" not in openers) or \
                self.text[self.ends_[index - 1]:self.starts[index]].strip(" '’"):
            return None
        last = index
        for k in range(index + 1, min(index + 6, len(self.words))):
            if self.starts[k] >= limit or self.text[self.ends_[k - 1]:self.starts[k]].strip(" '’") or \
                    self.words[k] in _PHRASE_STOPS or _NOT_IN_A_PHRASE.search(self.words[k]) or GERUND.match(self.words[k]) or \
                    (self.words[k] in _NEW_PHRASE and not (k == index + 1 and self.words[index] in _ALL)):
                break  # "agli ambulanti | una multa"; not "tutti | i componenti"
            last = k
        while last > index and self.words[last] in _DANGLING_PREPOSITIONS:
            last -= 1  # "l'attacco contro | l'ambasciata": the phrase ends before its own complement
        if last - index + 1 < least or self.words[min(index + 1, last)] in _WHAT_NOT_WHOM or \
                self.words[min(index + 1, last)].endswith("ità"):
            return None  # "ha negato le accuse", "chiede le dimissioni": what is denied or asked, not to whom
        named = re.match(r"\s*,\s*", self.text[self.ends_[last]:self.ends_[last] + 4])
        if named is not None:  # "arrestato un operaio marocchino, Mohamed Fikri,": the name in apposition
            after = self._names_in(self.ends_[last] + named.end(), self.ends_[last] + named.end() + 60)[:1]
            if after and after[0][0] == self.ends_[last] + named.end() and after[0][2] == "PER":
                return after[0]
        return (self.starts[index], self.ends_[last], "")

    def _past_adverbs(self, index: int) -> int:
        """The first word from ``index`` on that is no adverb ("ha criticato duramente | l'intervento")."""
        while index < len(self.words) and (self.words[index] in _SKIPPED_ADVERBS or
                                           self.words[index].endswith("mente")) and \
                not self.text[self.ends_[index - 1]:self.starts[index]].strip():
            index += 1
        return index

    def _aimed_phrase(self, index: int, limit: int) -> Entity | None:
        """The noun phrase a verb is aimed at with "contro", "verso" or "a" right after it ("ha
        chiesto aiuto agli alleati" is not: "aiuto" stands between; "ha sparato contro i manifestanti",
        "si è rivolto ai giudici")."""
        if index >= len(self.words) or self.words[index] not in self.lx.object_prepositions:
            return None
        if self.words[index] in ARTICULATED_PREPOSITIONS:  # "ai separatisti": the article is in the preposition
            return self._object_phrase(index + 1, limit, openers=frozenset({""}), least=1)
        return self._object_phrase(index + 1, limit)

    def _subject_phrase(self, position: int, sentence_start: int, *, comma_before: bool = False) -> Entity | None:
        """The noun phrase right before a verb at ``position`` ("Un uomo di 41 anni è stato
        arrestato", "A Bologna il leader azzurro ha minacciato"): from the earliest article,
        number or quantifier of the words before it, with no punctuation, preposition other than
        "di" or clause word between (``comma_before``: a comma may stand between the phrase and
        ``position``, before a relative "che")."""
        first = bisect_left(self.starts, position)
        opener = None
        for k in range(first - 1, max(-1, first - 8), -1):
            if self.starts[k] < sentence_start or self.words[k] in _PHRASE_STOPS or \
                    (k < first - 1 or not comma_before) and self.text[self.ends_[k]:self.starts[k + 1]].strip(" '’"):
                break
            if self.words[k] in _PHRASE_OPENERS:
                opener = k
        if opener is None or opener == first - 1 or \
                any(w in MONTHS or w in WEEKDAYS for w in self.words[opener:first]) or \
                next((w for w in self.words[opener + 1:first] if w not in _TIME_ADJECTIVES), "") in _TIME_WORDS:
            return None  # "Il 5 dicembre era stato arrestato", "La scorsa notte è stato ucciso": when, not who
        return (self.starts[opener], self.ends_[first - 1], "")

    def _active_subject(self, hit: _Hit, sentence_start: int, start: int) -> Entity | None:
        """The doer of an active verb or of a noun: a noun phrase that names no one right before the
        verb ("quattro uomini hanno aperto il fuoco", "il leader azzurro ha lanciato un appello"),
        else the nearest name before it (:meth:`_subject`)."""
        verbal = hit.rule.kind == "verb" or (hit.rule.kind == "phrase" and hit.first > 0 and
                                              self.words[hit.first - 1] in _HAVE_FORMS)  # "hanno aperto il fuoco"
        if hit.rule.kind != "noun" and GERUND.match(self.words[hit.first]):
            main = self._main_verb(sentence_start, start)  # a gerund's doer is the subject of its main verb
            if main is not None:
                return self._subject_phrase(main, sentence_start) or self._subject(sentence_start, main)
        if hit.rule.kind != "noun":
            antecedent = self._relative_antecedent(self._chain_start(hit, _ACTIVE_AUXILIARIES), sentence_start)
            if antecedent is not None:
                return antecedent
        if verbal:
            phrase = self._subject_phrase(self._chain_start(hit, _ACTIVE_AUXILIARIES), sentence_start)
            if phrase is not None and not self._after_preposition(phrase[0]) and \
                    all(self._after_preposition(name[0]) for name in self._names_in(phrase[0], phrase[1])):
                return phrase  # also "I legali di Saddam Hussein hanno criticato": not Saddam Hussein
        if hit.rule.kind == "noun" and self._in_prepositional_phrase(hit.first):
            return None  # "Mubarak si dimise a seguito delle proteste": who did what the phrase names is not said
        if not verbal and self._judged(hit):
            return None  # "Il capo dello Stato ha condannato l'attacco": who condemns did not attack
        return self._subject(sentence_start, start)

    def _judged(self, hit: _Hit) -> bool:
        """Whether a noun trigger is the object of a verb that judges someone else's act ("ha
        condannato l'attacco", "ha respinto la proposta", "ha elogiato l'accordo")."""
        before = self._back(hit.first, _ARTICLES | _NOUN_MODIFIERS, reach=3)
        governor = self._hit_ending.get(before) if before is not None else None
        return governor is not None and governor is not hit and governor.rule.kind == "verb" and \
            governor.type in self.lx.judging_types

    def _in_prepositional_phrase(self, index: int) -> bool:
        """Whether word ``index`` heads a phrase a preposition opens ("delle proteste", "durante
        l'eccidio", "nelle manifestazioni"), its article and adjectives between."""
        before = self._back(index, _ARTICLES | _NOUN_MODIFIERS, reach=3)
        return before is not None and (self.words[before] in _NOUN_PREPOSITIONS or
                                       self.words[before] in ARTICULATED_PREPOSITIONS)

    def _main_verb(self, sentence_start: int, trigger: int) -> int | None:
        """Where the first auxiliary or reflexive verb of the sentence before ``trigger`` stands
        ("gli investigatori sono arrivati…, portando via in manette"), or None."""
        for index in range(bisect_left(self.starts, max(sentence_start, trigger - _MAIN_VERB_REACH)),
                           bisect_left(self.starts, trigger)):
            if self.words[index] in _HAVE_FORMS or self.words[index] in _PASSIVE_BEFORE or self.words[index] == "si":
                return self.starts[index]
        return None

    def _by_party(self, end: int, limit: int) -> Entity | None:
        """The doer named after "da parte di" ("l'attacco alla Crimea da parte degli estremisti")."""
        match = _BY_PARTY.search(self.text, end, min(limit, end + 80))
        if match is None:
            return None
        named = self._names_in(match.end(), limit)
        if named and not self.text[match.end():named[0][0]].strip(" '’"):
            return named[0]
        return self._object_phrase(bisect_left(self.starts, match.end()), limit, openers=_PHRASE_OPENERS | {""},
                                   least=1)

    def _named_after_of(self, end: int) -> Entity | None:
        """A person or a body named right after a noun trigger with "di" ("l'omicidio di Mario
        Rossi", "le dimissioni del ministro Rossi")."""
        match = _OF.match(self.text, end, end + 12)
        if match is None:
            return None
        named = [n for n in self._names_in(match.end(), match.end() + 80) if n[2] in ("PER", "ORG")][:1]
        if not named:
            return None
        between = _WORD.findall(self.text[match.end():named[0][0]])
        if len(between) > 2 or any(w.lower() in _NOT_A_TITLE or w[:1].isupper() for w in between):
            return None  # "l'omicidio di un amico di Mario Rossi" is not Rossi's
        return named[0]

    def _joined_names(self, name: Entity, limit: int) -> list[Entity]:
        """Names of the same kind joined to ``name`` by "e" or a comma right after it ("Tannin e
        Cioffi", "Rossi, Bianchi e Verdi"), at most four."""
        found: list[Entity] = []
        end = name[1]
        for other in islice(self._names_from(end, limit), 4):
            if not _JOINER.fullmatch(self.text, end, other[0]) or (other[2] == "LOC") != (name[2] == "LOC"):
                break
            found.append(other)
            end = other[1]
        return found

    def _joined_before(self, name: Entity, floor: int, *, same_kind: bool = True) -> list[Entity]:
        """Names joined to ``name`` by "e" or a comma right before it ("Rossi, Bianchi e Verdi
        hanno…" for Verdi), nearest first, at most four; with ``same_kind``, places only to a place."""
        found: list[Entity] = []
        start = name[0]
        for other in reversed(self._names_in(max(floor, start - 200), start)[-4:]):
            if not _JOINER.fullmatch(self.text, other[1], start) or \
                    (same_kind and (other[2] == "LOC") != (name[2] == "LOC")):
                break
            found.append(other)
            start = other[0]
        return found

    def _phrase_after_of(self, end: int, limit: int) -> Entity | None:
        """The noun phrase right after a noun trigger with "di" when it names no one ("l'arresto di
        un anziano monaco", "gli arresti degli ex manager"): who undergoes the act."""
        match = _OF.match(self.text, end, end + 12)
        if match is None or self._names_in(match.end(), match.end() + 1):
            return None
        index = bisect_left(self.starts, match.end())
        articled = not match.group().strip().lower().startswith("di")
        return self._object_phrase(index, limit, openers=_PHRASE_OPENERS | {""} if articled else frozenset(),
                                   least=1 if articled else 2)

    def _place_of(self, end: int, taken: set[tuple[int, int]]) -> Entity | None:
        """A place named right after the trigger with "di" ("la strage di Bologna", "il massacro
        del Circeo")."""
        match = _OF.match(self.text, end, end + 12)
        if match is None:
            return None
        named = self._names_in(match.end(), match.end() + 60)
        return named[0] if named and named[0][0] == match.end() and named[0][2] == "LOC" and \
            (named[0][0], named[0][1]) not in taken else None

    def _place_before(self, sentence_start: int, trigger: int, taken: set[tuple[int, int]]) -> Entity | None:
        """A place the sentence opens with ("A Montauban, all'interno di un centro commerciale, due
        militari sono stati uccisi"; a headline's "Croazia: uomo uccide…"), else one after "a"/"in"
        before the trigger with no comma between ("In Iraq due soldati sono stati uccisi")."""
        headline = list(islice(self._names_from(sentence_start, trigger), 1))  # "Croazia: uomo uccide tutta la famiglia"
        if headline and (headline[0][0], headline[0][1]) not in taken and \
                self._before_headline_colon(headline[0], sentence_start):
            return headline[0]
        opening = _OPENING_PLACE.match(self.text, sentence_start, trigger)
        if opening is not None:
            first = list(islice(self._names_from(opening.end(), trigger), 1))
            if first and first[0][0] == opening.end() and first[0][2] == "LOC" and \
                    (first[0][0], first[0][1]) not in taken:
                return first[0]
        places = [n for n in self._names_in(max(sentence_start, trigger - _CLAUSE_REACH), trigger)
                  if n[2] == "LOC" and (n[0], n[1]) not in taken]
        for place in reversed(places):
            if _PLACE_PREPOSITION_BEFORE.search(self.text, max(sentence_start, place[0] - 6), place[0]) and \
                    "," not in self.text[place[1]:trigger]:
                return place
        return None

    def _agent(self, end: int, limit: int) -> Entity | None:
        """The doer of a passive act: a name right after "da", "dal", "dalla"… in its clause, else
        a noun phrase there that names a person or a body ("condannato all'ergastolo da un
        tribunale egiziano", "ucciso dal clan"): not "da due anni", "da Roma"."""
        named = self._after(end, limit, AGENT_PREPOSITIONS, labels=_NAMES, taken=set())
        if named is not None:
            return named
        first = bisect_left(self.starts, end)
        for k in range(first, min(first + 6, len(self.words))):
            if self.starts[k] >= limit or self.text[self.ends_[k - 1]:self.starts[k]].strip(" '’"):
                return None
            if self.words[k] not in AGENT_PREPOSITIONS:
                continue
            articled = self.words[k] != "da"
            phrase = self._object_phrase(k + 1, limit, openers=frozenset({""}) if articled else frozenset(),
                                         least=1)
            if phrase is None:
                return None
            head = next((i for i in range(k + 1 + (not articled), bisect_left(self.starts, phrase[1]))
                         if self.words[i] not in _PHRASE_OPENERS), None)
            noun = self.words[head] if head is not None else ""
            named = noun in self.coreference.person_nouns or noun in self.coreference.org_nouns or noun in _AGENT_NOUNS
            return phrase if named else None
        return None

    def _reflexive(self, hit: _Hit) -> bool:
        """"si è ucciso", "si sarebbe ucciso", "si uccide": done to oneself; "si sono scontrati con"
        and plurals ("si uccidono") may be done to each other."""
        if hit.rule.kind != "verb":
            return False
        if hit.last + 1 < len(self.words) and self.words[hit.last + 1] in _RECIPROCAL_AFTER:
            return False
        before = self._back(hit.first, _SINGULAR_AUX, reach=3)
        if before is None or self.words[before] != "si":
            return False
        return before < hit.first - 1 or not self.words[hit.first].endswith("no")

    def _around(self, first: int, last: int, words: frozenset[str], reach: int) -> bool:
        """One of ``words`` within ``reach`` words of the trigger, across sentences: what the story
        is about ("L'esplosione, avvenuta nei pressi di una strada…" after "un grave attentato")."""
        lo, hi = max(0, first - reach), min(len(self.words), last + reach + 1)
        return any(self.words[i] in words for i in range(lo, hi) if not first <= i <= last)

    def _near(self, first: int, last: int, words: frozenset[str], reach: int = 6) -> bool:
        """One of ``words`` within ``reach`` words of the trigger, in its sentence."""
        start, end = self._sentence(self.starts[first])
        lo = max(bisect_left(self.starts, start), first - reach)
        hi = min(bisect_left(self.starts, end), last + reach + 1)
        return any(self.words[i] in words for i in range(lo, hi) if not first <= i <= last)

    def _combine(self, hits: list[_Hit]) -> None:
        """A trigger governing another in its clause absorbs it ("minacciato sanzioni": THREATEN
        restrict); talks with a future word around them are an agreement to talk."""
        for a, b in zip(hits, hits[1:]):
            if b.first - a.last > 6 or self._clause_break(a.last, b.first):
                continue
            light = self._light_verb(a, b) or self._light_verb(b, a)
            if light is not None:  # "imposto il coprifuoco": the noun is the trigger
                light.absorbed = True
                continue
            key = (a.type, b.type)
            if key in self.lx.combine and not b.absorbed:
                b.absorbed = True
                mode = self.lx.combine[key]
                a.mode = mode or a.mode
        for hit in hits:
            self._verbal_attack(hit)
        for hit in hits:  # "colloqui … a Ginevra il mese prossimo": the whole clause counts
            if hit.type == self.lx.future_from and self.lx.future_to and self._near(
                    hit.first, hit.last, self.lx.future_words, reach=12):
                hit.type, hit.mode = self.lx.future_to, None

    def _verbal_attack(self, hit: _Hit) -> None:
        """An attack in words, not arms ("Travaglio attacca Schifani", "l'attacco di Grillo a
        Napolitano", "Maroni attacca: «…»"): a trigger of ``verbal_attacks`` aimed at a person
        named within three words after it, or followed by a colon or quotation marks, with no
        weapon, soldier or casualty word in its sentence, takes the verbal type (ACCUSE)."""
        config = self.lx.verbal_attack
        if config is None:
            return
        if hit.type != config.from_type or not (hit.rule.lemma in config.triggers or
                                                 self.words[hit.first] in config.triggers):
            return
        end = self.ends_[hit.last]
        said = re.match(r"\s*[:«“\"]", self.text[end:end + 3]) is not None
        after = [i for i in range(hit.last + 1, min(hit.last + 4, len(self.words)))
                 if not self._clause_break(hit.last, i)]
        aimed = any(self._entity_label_at(i) == "PER" for i in after)
        if (said or aimed) and not self._armed_sentence(self.starts[hit.first], config.unless):
            hit.type, hit.mode = config.to_type, config.mode

    def _armed_sentence(self, position: int, words: frozenset[str]) -> bool:
        """Whether the sentence of ``position`` holds one of ``words`` (weapons, casualties), read
        once per sentence: a sentence of thousands of "attacca" is not read again for each."""
        start, stop = self._sentence(position)
        if start not in self._armed:
            first, last = bisect_left(self.starts, start), bisect_left(self.starts, stop)
            self._armed[start] = any(self.words[i] in words for i in range(first, last))
        return self._armed[start]

    def _entity_label_at(self, index: int) -> str | None:
        """The label of the entity word ``index`` starts or stands in, if any."""
        start = self.starts[index]
        k = bisect_right(self.entity_starts, start) - 1
        return self.entities[k][2] if k >= 0 and start < self.entities[k][1] else None

    def _light_verb(self, verb: _Hit, noun: _Hit) -> _Hit | None:
        """``verb`` when it is one of the lexicon's light verbs (``light_verbs``: "imporre",
        "decretare") and ``noun`` is a trigger of the same type among the words it needs near
        ("imposto il coprifuoco"): the convention says the noun takes the event."""
        if verb.rule.lemma in self.lx.light_verbs and noun.rule.kind != "verb" and verb.type == noun.type and \
                set(noun.rule.words) & verb.rule.near:
            return verb
        return None

    def _clause_break(self, a: int, b: int) -> bool:
        between = self.text[self.ends_[a]:self.starts[b]]
        return bool(re.search(r"[.;:!?\n]", between))

    # -- arguments --------------------------------------------------------------------------------

    def _event(self, hit: _Hit) -> FoundEvent | None:
        if self._not_coded(hit):
            return None
        if self._active_participle(hit):  # "ha espulso i diplomatici": a verb, with its object
            hit = replace(hit, rule=replace(hit.rule, kind="verb"))
        start, end = self.starts[hit.first], self.ends_[hit.last]
        sentence = self._sentence(start)
        if next(self._names_from(*sentence), None) is None and hit.type not in self.lx.nameless_types:
            return None  # an event is about someone: no name, no suggestion (crime news: "arrestati tre uomini")
        args: list[tuple[str, int, int]] = []
        quote = self._quote_of(start, end)
        clause_end = self._clause_end(end, sentence[1])
        opened = getattr(self.quotes[quote], "start") if quote is not None and not self._in_cue(quote, start) else 0
        own_start = opened if sentence[0] < opened <= start else sentence[0]  # not who the words are said by
        if hit.type in self.lx.reciprocal:
            participants = self._participants(end, clause_end) or self._joint_subjects(own_start, start)
            whose = self._named_after_of(end) if hit.rule.kind == "noun" and not participants else None
            if whose is not None:  # "la visita di Macron al Quirinale", "l'incontro di Putin con Xi"
                participants = [whose] + self._participants(whose[1], clause_end)
            if not participants:  # "Putin ha incontrato Zelensky": the one met takes part as much
                met = self._with_syntax(start, "patient", lambda: self._after(
                    end, clause_end, frozenset({""}), labels=("PER", "ORG"), taken=set()))
                participants = [met] if met is not None else []
            for name in participants:
                args.append((self.lx.subject_role, name[0], name[1]))
        speaker = getattr(self.quotes[quote], "speaker", None) if quote is not None else None
        if speaker and hit.rule.kind == "noun" and hit.type not in self.lx.reciprocal and \
                not self._in_cue(quote, start):
            speaker = None  # "«l'attacco è stato vile», ha detto X": X speaks of the attack, X did not do it
            # (of a meeting or a call, a speaker usually took part: "«l'incontro è andato bene», ha detto X")
        if speaker and hit.rule.kind != "noun" and hit.type not in self.lx.reciprocal and \
                not self._in_cue(quote, start) and self._subject_in_quote(hit, quote, start) is not None:
            speaker = None  # "Il ministro ha detto che la polizia ha arrestato tre uomini": the police did
        passive = hit.type not in self.lx.reciprocal and self._passive(hit)
        whose = self._named_after_of(end) if hit.rule.kind == "noun" and hit.type not in self.lx.reciprocal else None
        undergoes_of = hit.type in self.lx.undergone_after_of or f"{hit.type} {hit.mode}" in self.lx.undergone_after_of
        if whose is None and undergoes_of and hit.rule.kind == "noun" and hit.type not in self.lx.reciprocal:
            whose = self._phrase_after_of(end, clause_end)  # "l'arresto di un anziano monaco", nothing named
        undergone = whose is not None and undergoes_of
        if whose is not None and not undergone:  # "le dimissioni di Rossi", "l'attacco di Grillo a Napolitano"
            speaker = speaker or whose
        undergoer = self._undergoer(sentence[0], self._passive_start(hit)) if passive else None
        if speaker:
            args.append((self.lx.subject_role, speaker[0], speaker[1]))
        else:
            subject = self._with_syntax(start, "actor", lambda: self._by_party(end, clause_end) or (
                self._agent(end, clause_end) if passive else self._active_subject(hit, own_start, start)))
            if subject is not None:
                args.append((self.lx.subject_role, subject[0], subject[1]))
                if subject[2] and subject[1] <= start:  # "Silvano Vittor e Manuela Kleinszig, tutti imputati"
                    args += [(self.lx.subject_role, a, b) for a, b, _ in self._joined_before(subject, sentence[0])]
        taken = {(a, b) for _, a, b in args}
        place = None
        if hit.type in self.lx.place_types:
            place = self._after(end, clause_end, self.lx.place_prepositions, labels=("LOC",), taken=taken) or \
                self._place_of(end, taken) or self._place_before(sentence[0], start, taken)
            if place is not None:
                args.append((self.lx.place_role, place[0], place[1]))
                taken.add((place[0], place[1]))
        if hit.type not in self.lx.reciprocal:
            if undergone:  # "l'omicidio di Mario Rossi", "l'arresto del boss Matteo Messina Denaro"
                undergoer = whose
            target = self._with_syntax(start, "patient", lambda: (undergoer if undergoer is not None and (
                undergoer[0], undergoer[1]) not in taken else None) or (
                self._unnamed_undergoer(hit, end, clause_end, sentence[0], taken) if passive else None) or self._after(
                end, clause_end, self.lx.object_prepositions | {""}, labels=_NAMES, taken=taken), taken=taken)
            if target is None and hit.rule.kind == "verb":  # nothing named: the noun phrase, as annotators mark it
                target = (self._subject_phrase(self._passive_start(hit), sentence[0]) if passive else None) or \
                    self._object_phrase(self._past_adverbs(hit.last + 1), clause_end) or \
                    self._aimed_phrase(self._past_adverbs(hit.last + 1), clause_end)
                # the object phrase of a passive too: "liberati i cooperanti italiani"
            if target is not None and (target[0], target[1]) not in taken:  # no one in two roles
                args.append((self.lx.object_role, target[0], target[1]))
                if target[2]:  # "le accuse a Tannin e Cioffi": each name joined to it
                    args += [(self.lx.object_role, a, b) for a, b, _ in self._joined_names(target, clause_end)
                             if (a, b) not in taken]
        unique = sorted(set(args), key=lambda a: a[1])
        entities = tuple(None if role == self.lx.place_role else self.coreference.resolve(a, b) for role, a, b in unique)
        if not unique and hit.type in self.lx.party_types:
            return None  # "un incontro pubblico", "le esercitazioni": no one meets, no one is deployed
        if hit.mode in self.lx.named_party_modes and not any(e is not None and e[2] in ("PER", "ORG") for e in entities):
            return None  # "rispondere ad una telefonata", "le telefonate dei tifosi": no one named calls
        return FoundEvent(hit.type, (start, end), hit.mode, tuple(unique), self._date(*sentence), quote, entities)

    def _prepare_syntax(self, hits: list[_Hit]) -> None:
        """Parse at once the sentences of the verb triggers whose arguments will be looked for."""
        if self.syntax is None or not hasattr(self.syntax, "prepare"):
            return
        if self.syntax_mode in ("first", "only"):  # else parsed only where needed, when asked
            self.syntax.prepare(self._syntax_positions(hits))

    def _syntax_positions(self, hits: list[_Hit]) -> list[int]:
        self._verbal = {hit.first for hit in hits if not hit.absorbed and self._verbal_trigger(hit)}
        return [self.starts[i] for i in sorted(self._verbal)
                if next(self._names_from(*self._sentence(self.starts[i])), None) is not None]

    def _verbal_trigger(self, hit: _Hit) -> bool:
        """Whether a trigger may be a verb, worth parsing for: not a noun after an article,
        a determiner or a preposition ("l'attacco", "le sanzioni", "dopo l'arresto")."""
        return hit.first == 0 or self.words[hit.first - 1] not in _NOMINAL_BEFORE

    def _with_syntax(self, trigger: int, role: str, rules, taken: set[tuple[int, int]] = frozenset()):
        """The actor (``role`` "actor") or the recipient ("patient") of the trigger at ``trigger``:
        the parse's and the rules' (a callable), combined as ``syntax_mode`` says."""
        index = bisect_left(self.starts, trigger)
        if self.syntax is None or index not in self._verbal:
            return rules()
        if self.syntax_mode == "passive" and not (index > 0 and self.words[index - 1] in _PASSIVE_BEFORE):
            return rules() or self._syntactic(trigger, role, taken)[1]
        if self.syntax_mode == "fallback":
            return rules() or self._syntactic(trigger, role, taken)[1]
        answered, found = self._syntactic(trigger, role, taken)
        if answered or (self.syntax_mode == "only" and role == "actor"):
            return found
        return rules()  # "only": a recipient may lie past the parsed window ("minacciato sanzioni … alla Russia")

    def _syntactic(self, trigger: int, role: str, taken: set[tuple[int, int]]) -> tuple[bool, Entity | None]:
        """Whether the parse gives the trigger's ``role`` an argument, and the name or description
        it stands for: the actor is the subject (the agent of a passive verb); the recipient the
        object (the subject of a passive verb), else an indirect object that is not a place."""
        assert self.syntax is not None
        roles = self.syntax.roles(trigger)
        if roles is None:
            return False, None
        if role == "actor":
            candidates = list(roles.actors)
        else:
            candidates = list(roles.patients) + [a for a in roles.recipients
                                                 if (self._argument_name(a, True) or (0, 0, ""))[2] != "LOC"]
        candidates = [a for a in candidates if not is_personal_pronoun(a, self.text)]
        unnamed = self.descriptions == "all" or (self.descriptions == "actor" and role == "actor")
        # a name first, then a description: "minacciato sanzioni alla Russia" is done to Russia
        for allow in (False, True) if unnamed else (False,):
            for argument in candidates:
                found = self._argument_name(argument, allow)
                if found is not None and (found[0], found[1]) not in taken:
                    return True, found
        return bool(candidates), None

    def _argument_name(self, argument: Argument, unnamed: bool) -> Entity | None:
        """The name a parsed argument stands for (the entity its head noun is part of, else one in
        its phrase), else with ``unnamed`` its own words ("gli hacker cinesi")."""
        head_start, head_end = argument.head
        k = bisect_right(self.entity_starts, head_start) - 1
        if k >= 0 and self.entities[k][0] <= head_start < self.entities[k][1]:
            return self.entities[k]
        names = self._names_in(*argument.phrase)
        persons = [n for n in names if n[2] == "PER"]
        if persons:  # "il ministro degli Esteri Sergej Lavrov"
            return persons[-1]
        inside = [n for n in names if n[0] < head_end and head_start < n[1]]  # "presidente Mattarella"
        if inside:
            return inside[0]
        if not unnamed or argument.pos not in ("NOUN", "PROPN"):
            return None
        start, end = argument.phrase
        if len(_WORD.findall(self.text[start:end])) > 6:
            start, end = argument.head
        return (start, end, "")

    def _sentence(self, position: int) -> tuple[int, int]:
        k = bisect_right(self.sentence_ends, position)
        start = self.sentence_ends[k - 1] if k > 0 else 0
        end = self.sentence_ends[k] if k < len(self.sentence_ends) else len(self.text)
        return start, end

    def _clause_end(self, position: int, limit: int) -> int:
        """Where the clause of ``position`` ends: at a stop, or at a comma that opens another clause;
        at most _CLAUSE_REACH characters on (an argument stands near its trigger, and a "sentence"
        of thousands of words is not read to its end for each trigger)."""
        limit = min(limit, position + _CLAUSE_REACH)
        match = _CLAUSE_END.search(self.text, position, limit)
        return match.start() if match else limit

    def _names_in(self, start: int, end: int) -> list[Entity]:
        """The names of [start, end), all of them (see :meth:`_names_from` for the first few)."""
        return list(self._names_from(start, end))

    def _names_from(self, start: int, end: int) -> Iterator[Entity]:
        """The names of [start, end) one by one, for a search that stops at the first few (a
        sentence of thousands of names is not copied for each trigger)."""
        for k in range(bisect_left(self.entity_starts, start), bisect_left(self.entity_starts, end)):
            if self.entities[k][1] <= end:
                yield self.entities[k]

    def _subject(self, sentence_start: int, trigger: int) -> Entity | None:
        """The nearest person, organisation or place before the trigger in its sentence, outside a
        parenthesis between commas just before it."""
        head = self.text[sentence_start:trigger].rstrip()
        end = trigger
        if head.endswith(","):
            comma = self.text.rfind(",", sentence_start, sentence_start + len(head) - 1)
            if comma > sentence_start:
                end = comma
        names = self._names_in(sentence_start, end) or self._names_in(sentence_start, trigger)
        if names and not self._after_preposition(names[-1][0]):  # not "La Procura di Roma ha…"
            after = bisect_left(self.starts, names[-1][1])  # "la Spagna ha inoltrato richiesta…": the name right
            if after < len(self.words) and self.words[after] in _SUBJECT_VERBS and \
                    not self.text[names[-1][1]:self.starts[after]].strip():  # before the verb, whatever its label
                return names[-1]
        for label in _NAMES:
            of_label = [n for n in names if n[2] == label and not (label == "LOC" and self._after_place_word(n[0]))
                        and not self._opening_place(n, sentence_start)]
            if of_label:
                return of_label[-1]
        return None

    def _relative_antecedent(self, position: int, sentence_start: int) -> Entity | None:
        """Who a relative "che" right before a verb at ``position`` stands for: the name or the
        noun phrase before it ("tre uomini, che sono finiti in carcere", "una 26enne che è stata
        messa agli arresti"), not a name further back."""
        k = bisect_left(self.starts, position) - 1
        while k >= 0 and self.words[k] in _SKIPPED_ADVERBS:
            k -= 1
        if k <= 0 or self.words[k] != "che" or self.starts[k] < sentence_start:
            return None
        names = self._names_in(max(sentence_start, self.starts[k] - 120), self.starts[k])  # the last one is enough
        if names and not self.text[names[-1][1]:self.starts[k]].strip(" ,"):
            return names[-1]
        return self._subject_phrase(self.starts[k], sentence_start, comma_before=True)

    def _after_preposition(self, position: int) -> bool:
        """Whether the word before ``position`` (or before its article) is a preposition ("coordinati
        da Fabio Zampaglione", "con il Partito Democratico")."""
        index = bisect_left(self.starts, position) - 1
        if index > 0 and self.words[index] in _ARTICLES:
            index -= 1  # "con il Partito Democratico"
        return index >= 0 and (self.words[index] in _NOUN_PREPOSITIONS or self.words[index] in ARTICULATED_PREPOSITIONS)

    def _opening_place(self, name: Entity, sentence_start: int) -> bool:
        """A name the sentence opens with after "A", "In", "Nel"… and a comma after it: where, whatever
        label the NER gave it ("A Tikrit, città natale dell'ex dittatore, è stato imposto…"); a
        place before a headline's colon ("Croazia: uomo uccide…")."""
        if self._before_headline_colon(name, sentence_start):
            return True
        return _OPENING_PLACE.fullmatch(self.text, sentence_start, name[0]) is not None and \
            self.text[name[1]:name[1] + 1] == ","

    def _before_headline_colon(self, name: Entity, sentence_start: int) -> bool:
        """A place that opens the sentence, a colon right after it: a headline's "Croazia: uomo uccide…"."""
        return name[2] == "LOC" and not self.text[sentence_start:name[0]].strip() and \
            self.text[name[1]:name[1] + 2].strip().startswith(":")

    def _participants(self, end: int, limit: int) -> list[Entity]:
        """Names right after "tra"/"con" after a reciprocal trigger ("telefonata tra Biden e
        Putin"): those joined by "e" or commas, not a place ("in Alaska") further on."""
        first = bisect_left(self.starts, end)
        for index in range(first, min(first + 4, len(self.words))):
            if self.starts[index] >= limit:
                break
            if self.words[index] not in self.lx.participant_prepositions:
                continue
            found: list[Entity] = []
            position = self.ends_[index]
            for name in self._names_in(position, limit):
                gap = self.text[position:name[0]]
                gap_words = _WORD.findall(gap.lower())
                if len(gap_words) > 3 or any(w in self.lx.place_prepositions - {"da"} for w in gap_words):
                    break
                found.append(name)
                position = name[1]
            return found[:4]
        return []

    def _joint_subjects(self, sentence_start: int, trigger: int) -> list[Entity]:
        """Names joined by "e" or commas as the subject of a reciprocal event: "Biden e Putin hanno
        avuto una telefonata" (both are actors). Empty unless there are at least two."""
        last = [n for n in self._names_in(max(sentence_start, trigger - 200), trigger) if n[2] in _NAMES][-1:]
        joined = self._joined_before(last[0], sentence_start, same_kind=False) if last else []
        return list(reversed(joined)) + last if joined else []

    def _after(self, end: int, limit: int, prepositions: frozenset[str], *, labels: Sequence[str],
               taken: set[tuple[int, int]]) -> Entity | None:
        """The first name after the trigger in its clause, right after one of ``prepositions``
        (the empty string allows a name with only an article before it: a direct object)."""
        for name in self._names_from(end, limit):
            if name[2] not in labels or (name[0], name[1]) in taken:
                continue
            before = self.words[max(0, bisect_left(self.starts, name[0]) - 2):bisect_left(self.starts, name[0])]
            words_between = [i for i in range(bisect_left(self.starts, end), bisect_left(self.starts, name[0]))]
            if len(words_between) > 10:
                return None
            previous = before[-1] if before else ""
            if previous in prepositions or (previous == "confronti" and "confronti" in prepositions):
                return name
            words_between = self._past_place(words_between, name[0])  # "ha incontrato a Palazzo Chigi il cancelliere X"
            if "" in prepositions and (not words_between or previous in ("il", "la", "lo", "l", "i", "gli", "le") or
                                       self._titled_run(words_between)):
                return name  # "ha incontrato il premier ucraino Zelensky"
        return None

    def _past_place(self, words: list[int], until: int) -> list[int]:
        """``words`` after a place or a date that opens them ("a Palazzo Chigi", "ieri"): what stands
        between a verb and its object at ``until`` past that complement, unless the object goes on
        a list the place begins ("in Pakistan, Sri Lanka")."""
        opened = 1 if words and self.words[words[0]] in self.lx.place_prepositions else 0
        if len(words) < opened + 1:
            return words
        for name in self._names_in(self.starts[words[opened]], self.ends_[words[-1]]):
            if name[0] == self.starts[words[opened]] and (name[2] == "DATE" or opened and name[2] == "LOC"):
                rest = [i for i in words if self.starts[i] >= name[1]]
                gap = self.text[name[1]:until]
                joined = "," in gap or re.match(r"\s+(?:e|ed)\b", gap) is not None
                return words if joined else rest  # not "attentati in Pakistan, Sri Lanka": a list of places
        return words

    def _in_cue(self, quote: int, position: int) -> bool:
        """Whether ``position`` lies in the cue of quotation ``quote`` ("ha accusato")."""
        cue = getattr(self.quotes[quote], "cue", None)
        return bool(cue) and cue[0] <= position < cue[1]

    def _titled_run(self, words: list[int]) -> bool:
        """Whether words (indices) are an article and at most three lower-case words with no
        preposition among them: a title before a name ("il premier ucraino", "la cancelliera")."""
        return 2 <= len(words) <= 4 and self.words[words[0]] in _NEW_PHRASE and all(
            self.text[self.starts[i]].islower() and self.words[i] not in _PHRASE_STOPS and
            self.words[i] not in ARTICULATED_PREPOSITIONS for i in words[1:])

    def _unnamed_undergoer(self, hit: _Hit, end: int, clause_end: int, sentence_start: int,
                           taken: set[tuple[int, int]]) -> Entity | None:
        """Who undergoes a passive participle when no one is named before it: a name right after it
        ("arrestato Mario Rossi"), else, for a participle without an auxiliary, the noun phrase it
        follows ("un uomo di 45 anni accusato di aver ucciso la moglie a Torino": not Torino)."""
        named = self._after(end, clause_end, frozenset({""}), labels=_NAMES, taken=taken)
        if named is not None or self._passive_start(hit) != self.starts[hit.first]:
            return named  # with an auxiliary, "è stata inflitta a Taha Yassin Ramadan": the name after "a"
        phrase = self._subject_phrase(self.starts[hit.first], sentence_start)
        return phrase if phrase is not None and (phrase[0], phrase[1]) not in taken else None

    def _subject_in_quote(self, hit: _Hit, quote: int, start: int) -> Entity | None:
        """The doer the reported words name themselves before the trigger ("…ha detto che la polizia
        ha arrestato…", "Secondo il ministero, Israele ha lanciato…"), inside the quotation."""
        opened = getattr(self.quotes[quote], "start")
        if opened > start:
            return None
        subject = self._active_subject(hit, opened, start)
        return subject if subject is not None and subject[0] >= opened else None

    def _quote_of(self, start: int, end: int) -> int | None:
        """The first quotation (in the order given) whose words or cue hold [start, end): read back
        from the last range opening at or before ``start`` while an earlier one may still reach
        ``end``, not through every quotation for every trigger (a text of thousands of both)."""
        k = bisect_right(self._quote_starts, start)
        found: int | None = None
        while k > 0 and self._quote_reach[k - 1] >= end:
            k -= 1
            _, reach, index = self._quote_ranges[k]
            if reach >= end and (found is None or index < found):
                found = index
        return found

    def _date(self, start: int, end: int) -> str | None:
        for d_start, d_end, value in self.dates:
            if start <= d_start and d_end <= end and value and re.match(r"^\d{4}-\d{2}(-\d{2})?$", value):
                return value
        return self.published.isoformat() if self.published else None


def _quote_ranges(quotes: list) -> tuple[list[tuple[int, int, int]], list[int], list[int]]:
    """Each quotation's words and cue as (start, end, index), sorted by start; the starts; and the
    furthest end reached so far along that order (see ``_quote_of``)."""
    ranges = []
    for index, quote in enumerate(quotes):
        ranges.append((getattr(quote, "start"), getattr(quote, "end"), index))
        cue = getattr(quote, "cue", None)
        if cue:
            ranges.append((cue[0], cue[1], index))
    ranges.sort()
    reach, furthest = [], -1
    for _, end, _ in ranges:
        furthest = max(furthest, end)
        reach.append(furthest)
    return ranges, [start for start, _, _ in ranges], reach
