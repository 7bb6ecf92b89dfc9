"""Resolve a mention to the named entity it refers to in the same article (in-document coreference).

Quotations are attributed to "il ministro", "la deputata", "lui", "Peskov" or "OMS" as often as to a
full name; an event's actor is "il governo" or "Mosca". :class:`Coreference` indexes the named
entities of one text once and answers, for a mention, the canonical mention of its entity: the
fullest name the article uses for it ("Dmitry Peskov", "Organizzazione mondiale della sanità").

Rules, in order (measured on the real-news dev set, ``benchmarks/bench_realnews.py``):

1. a mention that is or contains a name → that name's entity; but one capitalised word after "il"
   that no fuller name holds ("il Cavaliere") is a nickname → the person the piece of news names
   most; and a name after "di" is whose, not who ("la famiglia di Francesco Montis" is not him);
2. a surname or a shorter form ("Peskov", "Fiat") → the longest name holding all its words and
   ending like it for a person ("Dmitry Peskov"), holding them for an organisation; the nearest
   one before the mention wins, else the first after (headlines name before the article does);
3. a nickname the article gives ("Hassan Mustafa Osama Nasr, detto Abu Omar", "X, alias Y") → the
   person it is given to; an epithet Italian news gives someone ("il Cavaliere", "il Professore") →
   that person when the text names them, an epithet the project does not know → the person the
   article is about; an acronym ("OMS", "Onu") → the organisation whose
   initials it spells, or the one written next to it in parentheses;
4. a title or role ("il ministro", "la campionessa", "il presidente del Consiglio") → the person
   that title is given to in the article ("il ministro dell'Interno Roberto Maroni", "Roberto
   Maroni, ministro dell'Interno") or the same office under another title ("il titolare dei
   Trasporti" after "il ministro dei Trasporti X") or another name of the office (``TITLE_SYNONYMS``:
   "il Gip", "il pontefice", "il primo cittadino", "il capo del Viminale") or a noun the article put
   before a name ("il paroliere Mogol"), else, if someone was named in the two sentences or so
   before, the person named most often among those named near it who holds no other title ("il
   neo-campione olimpico" after Razzoli three times and Deville once; kin, "il marito", is the last
   named; an epithet, "il Cavaliere", stands for its person); a title far from any name is left
   unresolved; "i medici", a plural, is several people and no one of them;
5. a pronoun ("lui", "lei") → the last person named before it;
   in 4 and 5 the person must agree in gender where both show it (``gender.py``: "lei" and "la
   deputata" are not Mario Rossi, "lui" is not Francesca Bianchi; a masculine title tells nothing,
   since women are given it too); a description naming a man or a woman ("l'uomo", "la madre")
   is not the other sex's person the article is about;
6. a common noun for a body ("il governo", "la società", "il ministero") → the organisation named
   with that noun, else the last organisation named before it.

An indefinite description ("un testimone", "una fonte") introduces someone new: no entity. Another
definite description ("l'ex raìs") stands for the person the article is about, unless its noun names
a thing or an abstraction ("la risoluzione", "il documento", "l'opinione pubblica"). Plain
Python: no spaCy, so it adds almost nothing to pre-annotation time.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Container, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from annotator.nlp.gender import agree, article_gender, mention_gender, name_gender, sex_of
from annotator.nlp.run_in import run_in_headlines

__all__ = ["Coreference", "Entity", "joined_names", "resolve"]

Entity = tuple[int, int, str]  # start, end, label

_WORD = re.compile(r"\w+", re.UNICODE)
_LABELS = ("PER", "ORG", "LOC")
# a title given to no one in the article ("il ministro") stands for the last person named, if that
# person was named within this many characters (about two sentences) before it
_TITLE_REACH = 300
_DEFINITE = frozenset("il lo la l i gli le questo questa quello quella tale stesso stessa".split())
_INDEFINITE = frozenset("un uno una un' alcuni alcune certi certe diversi diverse molti molte altri altre "
                        "qualche numerosi numerose vari varie due tre quattro cinque".split())
_GENITIVES = frozenset("di del della dello dei degli delle dell d".split())
_SINGULAR_DEFINITE = frozenset("il lo la l".split())
_PLURAL_DEFINITE = frozenset("i gli le".split())
_PRONOUNS = frozenset("lui lei egli ella esso essa costui costei quest quegli".split())
_PARTICLES = frozenset("di del della dello dei degli delle dell d e ed per la il lo l le i gli da dal "
                       "dalla in nel nella sul sulla a al alla the of and".split())
_ADJECTIVES = frozenset("""nuovo nuova ex neo vice alto alta stesso stessa giovane anziano anziana
    noto nota celebre famoso famosa attuale primo prima ultimo ultima ultimi ultime""".split())
# heads that name a body rather than a person: "il governo", "la società"
ORG_NOUNS = frozenset("""governo esecutivo ministero dicastero società azienda gruppo partito comune
    regione provincia procura tribunale corte polizia carabinieri questura prefettura esercito
    commissione consiglio parlamento camera senato associazione sindacato sindacati federazione
    università ateneo istituto agenzia autorità ufficio club squadra ospedale fondazione ente
    organizzazione movimento coalizione maggioranza opposizione giunta amministrazione casa
    compagnia banca accademia comitato dipartimento redazione consorzio osservatorio confederazione
    cooperativa ditta impresa scuola clinica diocesi direzione""".split())
# bodies usually meant as "the one just named": "la società" after "Fiat"
_SALIENT_ORG_NOUNS = frozenset("""società azienda gruppo squadra club partito associazione compagnia banca
    organizzazione""".split())
# heads that name a person: titles, roles, professions (with the speaker nouns of resources/quotes)
PERSON_NOUNS = frozenset("""ministro ministra viceministro sottosegretario sottosegretaria presidente
    vicepresidente premier sindaco sindaca assessore assessora governatore governatrice segretario
    segretaria leader capo capogruppo deputato deputata senatore senatrice consigliere consigliera
    portavoce funzionario funzionaria dirigente direttore direttrice amministratore amministratrice
    procuratore procuratrice pm giudice avvocato avvocata legale magistrato magistrata
    commissario commissaria questore prefetto generale colonnello comandante capitano ammiraglio gip gup
    cittadino titolare inquilino
    generale vescovo cardinale papa pontefice arcivescovo monsignore parroco sacerdote
    allenatore allenatrice tecnico ct giocatore giocatrice calciatore calciatrice attaccante
    difensore portiere centrocampista pilota campione campionessa atleta tennista ciclista
    corridore nuotatore nuotatrice sciatore sciatrice fuoriclasse capitano fantino
    attore attrice regista cantante musicista cantautore cantautrice scrittore scrittrice autore
    autrice poeta giornalista conduttore conduttrice artista pittore scultore stilista
    scienziato scienziata ricercatore ricercatrice professore professoressa docente studioso
    studiosa esperto esperta medico primario chirurgo astronauta astronomo fisico biologo
    economista analista imprenditore imprenditrice manager fondatore fondatrice proprietario
    presidentessa rettore rettrice ambasciatore ambasciatrice console diplomatico inviato
    candidato candidata vincitore vincitrice sfidante rivale avversario avversaria
    uomo donna ragazzo ragazza giovane padre madre figlio figlia moglie marito fratello sorella
    imputato imputata indagato indagata arrestato vittima testimone sospettato omicida
    killer aggressore rapinatore re regina principe principessa sovrano monarca dittatore
    cancelliere cancelliera primo""".split())
# epithets Italian news gives some people, and their surnames: "il Cavaliere" is Berlusconi whoever
# else the article names more
_KNOWN_EPITHETS = {"cavaliere": "berlusconi", "caimano": "berlusconi", "professore": "prodi", "senatur": "bossi",
                   "rottamatore": "renzi", "molleggiato": "celentano", "divo": "andreotti"}
# a person's kin: "il marito", "la figlia" name someone close to the person the article is about
_KIN_NOUNS = frozenset("""padre madre figlio figlia moglie marito fratello sorella fidanzato fidanzata
    compagno compagna amico amica nonno nonna zio zia cugino cugina nipote suocero suocera""".split())
# heads that name no one in particular: a side in court, the press, a source, a document
_NOBODY_NOUNS = frozenset("""accusa difesa stampa fonte fonti indagini inquirenti notizie notizia dati
    studio rapporto ricerca sondaggio indiscrezioni voci agenzie media giornali""".split())
# political camps, which speak as one and are named by no name of their own: the mention is the entity
_POLITICAL_CAMPS = frozenset("""centrodestra centrosinistra centro-destra centro-sinistra sinistra destra
    maggioranza opposizione opposizioni""".split())
# a newspaper or a broadcaster: "il giornale" stands for the last one the article names
_MEDIA_NOUNS = frozenset("giornale quotidiano tabloid settimanale periodico testata emittente televisione tv".split())
_OUTLETS_LOOKED_AT = 40  # names looked back at for the outlet "il giornale" stands for
_DESCRIBED_AFTER = re.compile(r",\s*(\w+)\s+(\w+)")  # "Al-Alam, una televisione"
# endings of abstract nouns ("risoluzione", "ricostruzione", "documento", "opinione", "autorità")
_THING_ENDINGS = ("zione", "sione", "gione", "mento", "menti", "ità", "ura", "ismo", "enza", "anza")
_THING_NOUNS = frozenset("""articolo documento testo nota lettera sentenza decreto rapporto comunicato
    dossier relazione verbale torre sito pagina blog messaggio video libro giornale quotidiano
    opinione ordinanza autopsia perizia bollettino corteo staff folla pubblico platea giuria
    episodio puntata documentario film serie programma trasmissione canzone post tweet""".split())
# "X, detto Y", "X alias Y", "X, noto come Y": Y, one to three capitalised words, is X's nickname
_ALIAS = re.compile(r"\s*,?\s*(?:detto|detta|alias|noto come|nota come|conosciuto come|conosciuta come|"
                    r"soprannominato|soprannominata)\s+[«\"“]?(?P<alias>[A-ZÀ-Ý][\w'’]*(?:\s+[A-ZÀ-Ý][\w'’]*){0,2})")
_CLAUSE_WORDS = frozenset("""che ha hanno è era sono erano aveva avevano e ed ma non si dopo quando mentre
    come dove perché se ne ci""".split())
_SENTENCE_END = re.compile(r"[.!?]\s|\n")
# between a name and the title after it: "Roberto Maroni, ministro", "Matteo Brancaleoni però, cantante jazz"
_APPOSITION_GAP = re.compile(r"\s*(?:(?:però|invece|intanto|infatti|quindi|dunque|poi)\s*)?[,(]\s*"
                             r"(?:(?:il|la|l'|lo|un|una|ex|neo|nuovo|nuova)\s*)*")
_APPOSITION_REACH = 70  # characters between a title and the name it is given to
_NAMES_COUNTED = 200  # names read either side of a mention to find whom an article is about (see _persons_named)
_MOST_PASSED_OVER = 8  # people of the other gender passed over looking back for whom "lei", "lui" stand
# the same office under other words, which Italian news alternates with the title it gave a name:
# "il Gip" after "il giudice per le indagini preliminari X", "il pontefice" after "papa X"
TITLE_SYNONYMS: dict[str, tuple[str, ...]] = {
    "gip": ("giudice per le indagini preliminari", "giudice"),
    "gup": ("giudice per l'udienza preliminare", "giudice dell'udienza preliminare", "giudice"),
    "pm": ("pubblico ministero", "sostituto procuratore", "procuratore"),
    "pubblico ministero": ("pm", "sostituto procuratore", "procuratore"),
    "magistrato": ("giudice", "gip", "gup", "pm", "pubblico ministero", "procuratore",
                   "giudice per le indagini preliminari"),
    "giudice": ("gip", "gup", "giudice per le indagini preliminari"),
    "pontefice": ("papa", "santo padre"), "papa": ("pontefice", "santo padre"),
    "santo padre": ("papa", "pontefice"),
    "premier": ("presidente del consiglio", "primo ministro", "capo del governo"),
    "presidente del consiglio": ("premier", "primo ministro", "capo del governo"),
    "primo ministro": ("premier", "presidente del consiglio", "capo del governo"),
    "capo del governo": ("premier", "presidente del consiglio", "primo ministro"),
    "presidente del consiglio dei ministri": ("presidente del consiglio", "premier", "primo ministro"),
    "capo dello stato": ("presidente della repubblica",),
    "presidente della repubblica": ("capo dello stato",),
    # the seat for the office, as Italian news writes it
    "capo del viminale": ("ministro dell'interno",), "titolare del viminale": ("ministro dell'interno",),
    "capo della farnesina": ("ministro degli esteri",), "titolare della farnesina": ("ministro degli esteri",),
    "inquilino del quirinale": ("presidente della repubblica", "capo dello stato"),
    "inquilino di palazzo chigi": ("presidente del consiglio", "premier"),
    "inquilino della casa bianca": ("presidente degli stati uniti", "presidente americano", "presidente statunitense"),
    "primo cittadino": ("sindaco",), "sindaco": ("primo cittadino",),
    "porporato": ("cardinale",), "presule": ("vescovo", "arcivescovo"),
    "tecnico": ("allenatore", "ct"), "allenatore": ("tecnico", "ct"), "ct": ("commissario tecnico", "allenatore"),
    "governatore": ("presidente della regione",),
    "legale": ("avvocato", "avvocata", "difensore"), "avvocato": ("legale", "difensore"),
    "difensore": ("avvocato", "legale"),
    "sovrano": ("re", "monarca"), "sovrana": ("regina",), "monarca": ("re", "sovrano"),
}


def joined_names(text: str, entities: Iterable[Entity]) -> list[Entity]:
    """The entities with a person's name that the NER split at a hyphen made whole again ("Tommaso
    Padoa" + "Schioppa", "Jean" + "Claude Trichet"): one side has a first name, so two words. Two
    single names stay apart ("il vertice Renzi-Alfano" is a pair), as do bodies and places
    ("Juventus-Milan" is a match, "Roma-Viterbo" a route)."""
    joined: list[Entity] = []
    for entity in sorted(entities):
        previous = joined[-1] if joined else None
        if previous is not None and entity[2] == previous[2] == "PER" and entity[0] == previous[1] + 1 \
                and text[previous[1]] in "-‐" and (" " in text[previous[0]:previous[1]].strip()
                                                   or " " in text[entity[0]:entity[1]].strip()):
            joined[-1] = (previous[0], entity[1], entity[2])
        else:
            joined.append(entity)
    return joined


@dataclass(frozen=True, slots=True)
class _Name:
    start: int
    end: int
    label: str
    words: tuple[str, ...]  # lower case, particles kept
    core: frozenset[str]  # lower case, particles dropped


class Coreference:
    """The named entities of one text, indexed to resolve mentions to their canonical names."""

    def __init__(self, text: str, entities: Iterable[Entity], *,
                 person_nouns: Iterable[str] = (), org_nouns: Iterable[str] = (),
                 verbs: Container[str] = frozenset()) -> None:
        """``verbs``: forms of verbs (of saying) that end a title's apposition: "il premier
        italiano cita Nelson Mandela" gives the title to no one named after it."""
        self.text = text
        self.verbs = verbs  # read, not copied: the finder's lexicon holds thousands of forms
        self.person_nouns, self.org_nouns = _noun_sets(frozenset(person_nouns), frozenset(org_nouns))
        names = []
        lowercase: list[Entity] = []
        for start, end, label in sorted(set(entities)):
            if label not in _LABELS or end <= start:
                continue
            written = _WORD.findall(text[start:end])
            words = tuple(_folded(w) for w in written)  # "Janukovyč" and "Janukovyċ" are one name
            if label == "PER" and len(written) == 1 and written[0].lower() in self.person_nouns:
                continue  # "Magistrati", "Ministro" capitalised: a common noun the NER took for a name
            if words and any(w[:1].isupper() for w in written):
                names.append(_Name(start, end, label, words, frozenset(words) - _PARTICLES or frozenset(words)))
            elif words and label != "LOC":
                lowercase.append((start, end, label))  # "polizia tedesca", "governo cinese"
        self.names = names
        self.lowercase = lowercase
        self.starts = [n.start for n in names]
        self._parenthesised = self._acronyms_in_parentheses()
        self._containing, self._abbreviated = self._name_index()
        self._aliases = self._aliases_given()
        # first name -> the distinct full names of persons that begin with it ("Lucinio" -> one)
        self._given: dict[str, set[tuple[str, ...]]] = {}
        for name in names:
            if name.label == "PER" and len(name.words) >= 2:
                self._given.setdefault(name.words[0], set()).add(name.words)
        self._paragraphs: list[int] | None = None  # where each paragraph starts, found on first need
        self._holders_of: dict[str, list[tuple[int, _Name]]] = {}  # see _holders
        self._fullest: dict[tuple[tuple[str, ...], str], tuple[list[_Name], list[int]]] = {}  # see _fullest_forms
        self._genders: dict[Entity, str | None] = {}  # see _gender
        self._titles_before: dict[int, frozenset[str]] = {}  # see _title_before
        self._surnamed: dict[str, list[int]] | None = None  # see _by_surname
        self._nicknamed: dict[int, Entity] = {}  # see _person_named
        self._entity_words: dict[Entity, tuple[str, ...]] = {}  # see _words_of

    # -- the public answer -----------------------------------------------------------------------

    def resolve(self, start: int, end: int) -> Entity | None:
        """The canonical named mention ``(start, end, label)`` that [start, end) refers to, or None."""
        if end <= start:
            return None
        words = [(m.group().lower(), m.group(), m.start() + start) for m in _WORD.finditer(self.text[start:end])]
        if not words:
            return None
        if words[0][0] in _INDEFINITE:
            return None  # "un responsabile del Robert Koch-Institut": someone new, not the institute
        inside = self._names_within(start, end)
        content = next((w for w in words if w[0] not in _DEFINITE and w[0] not in _ADJECTIVES), words[0])
        first = content[0]
        leading = [n for n in inside if n.start <= content[2]]  # the mention is the name ("il Cremlino")
        person = [n for n in inside if n.label == "PER" and not self._after_genitive(n.start, start)]
        if first in _POLITICAL_CAMPS and not person:
            return (content[2], end, "ORG")  # "il centrodestra", "la sinistra del Pd": a camp, no one in it
        own = self._lowercase_entity(start, end)
        if own is not None and own[0] == content[2] and not person:
            return own  # "la protezione civile", "il servizio sanitario nazionale": the body the NER tagged
        if person and (leading or first in self.person_nouns or first not in self.org_nouns):
            named = self._canonical(person[-1], start)  # "il ministro degli Esteri Sergej Lavrov"
            if self._epithet(words, person[-1], named):  # "il Cavaliere" for Silvio Berlusconi
                return self._person_named(person[-1], start)
            return named
        if leading:
            return self._canonical(leading[0], start)
        if inside and content[1][:1].islower() and first not in self.person_nouns | self.org_nouns:
            if words[0][0] in _SINGULAR_DEFINITE and first not in _NOBODY_NOUNS and not person:
                salient = self._salient_person(start)  # "il nuovo numero due di Palazzo dei Marescialli"
                whose = {self._words_of(self._canonical(n, start)) for n in inside}
                return None if salient and self._words_of(salient) in whose else salient  # "la famiglia di Francesco Montis"
            return None  # "la stampa del Regno Unito", "gli avvocati di Saddam Hussein"
        if first in self.person_nouns and all(self._after_genitive(n.start, start) for n in inside):
            named = self._unlabelled_name(words)
            if named is not None:
                return named  # "il ministro delle Foreste Parimal Suklabaidya", the name untagged
        capitalised = [w for w in words if w[1][:1].isupper() and w[0] not in _DEFINITE]
        if capitalised and first not in self.person_nouns and all(w[0] not in self.person_nouns | self.org_nouns for w in capitalised):
            found = self._by_form(tuple(_folded(w[0]) for w in capitalised), start,
                                  words_as_written=[w[1] for w in capitalised])
            if found is not None:
                return found
        heads = [w for w in words if w[0] not in _DEFINITE and w[0] not in _ADJECTIVES]
        if not heads or words[0][0] in _INDEFINITE:
            return None
        head = heads[0][0]
        if head in _NOBODY_NOUNS:
            return None
        same = any(w[0] in ("stesso", "stessa") for w in words)  # "lo stesso quotidiano", "l'agenzia stessa"
        if head in _MEDIA_NOUNS and (words[0][0] in _SINGULAR_DEFINITE or same) and not inside and \
                all(w[0] in _DEFINITE for w in words if w[0] != head):
            return self._outlet_before(start)  # "il giornale" after "il quotidiano cinese Beijing News"
        gender = mention_gender([w[0] for w in words])
        if head in _PRONOUNS:
            return self._last_before(start, ("PER",), gender)
        if head in _THING_NOUNS:
            return None  # "la sentenza", "la relazione": a text says it, no one of the article
        if head in self.person_nouns:
            if words[0][0] in _PLURAL_DEFINITE or (words[0][0] == head and head.endswith("i")):
                return None  # "i medici", "gli investigatori", "testimoni riferiscono": several people
            title_start = heads[0][2]
            before_head = [w for w in words if w[2] < title_start][-1:]
            if before_head and before_head[0][0] in ("primo", "prima"):
                title_start = before_head[0][2]  # "il primo cittadino", "la prima ministra": the title's own word
            titled = self._titled(self.text[title_start:end], start, end)
            head_end = heads[0][2] + len(heads[0][1])
            party = [n for n in inside if n.label == "ORG" and n.end == end and not self.text[head_end:n.start].strip()]
            if party and len(inside) == 1 and len(heads) == 2:
                inside = []  # "la senatrice Pd": the party says whose side, not which office; she was named before
            if titled is None and not inside and len(heads) > 1:  # "il senatore a vita" after "il senatore Monti"
                titled = self._titled(heads[0][1], start, end)
            if titled is not None or inside or len(heads) > 2:
                return titled  # "il portavoce del Cremlino" unnamed is not the last person named
            last = self._last_before(start, ("PER",), gender)  # "il papa" after "Angelo Vassallo" three sentences up is not him
            if last is None or not self._named_since(last, start, _TITLE_REACH):
                return None
            if head in _KIN_NOUNS:
                return last  # "il marito" is not the woman the article is about
            return self._most_named_near(start, gender, head) or last
        if head in self.org_nouns and not inside:
            untagged = self._unlabelled_name(words, label="ORG", least=1)
            if untagged is not None:
                return untagged  # "l'agenzia di stampa Kazakinform", the name untagged
        if head in self.org_nouns:
            own = self._lowercase_entity(start, end)
            if own is not None:
                return own  # "il governo cinese", as the NER tagged it
            named = self._org_named_with(head, start)
            if named is None and (head in _SALIENT_ORG_NOUNS or same):
                return self._last_before(start, ("ORG",))
            return named
        if words[0][0] in _SINGULAR_DEFINITE and not inside and content[1][:1].islower() and not _a_thing(head):
            if self._of_a_person(words):
                return None  # "l'agente dell'artista" is someone else than the artist the article is about
            given = self._given_title(head, start, end)
            if given:
                return self._canonical(self._nearest(given, start), start)  # "il paroliere" after "il paroliere Mogol"
            lowered = [w[0] for w in words]  # "l'ex raìs", "l'uomo"; "il ristoratore" is no woman named before
            return self._salient_person(start, sex_of(lowered) or article_gender(lowered))
        return None

    def _epithet(self, words: list[tuple[str, str, int]], name: _Name, named: Entity) -> bool:
        """ "il Cavaliere", "il Molleggiato": one capitalised word after a masculine article, which
        the NER takes for a person but no fuller name in the article holds; Italian puts no article
        before a man's name, so it is a nickname for someone named otherwise; the mention ends with it."""
        return _folded(words[-1][0]) == name.words[0] and self._nickname(name, named)

    def _person_named(self, name: _Name, position: int) -> Entity:
        """The canonical name of ``name``; for an epithet ("Il Cavaliere, … L'ex premier"), the
        person the article is about (Berlusconi), whom it stands for."""
        canonical = self._canonical(name, position)
        if name.label != "PER" or not self._nickname(name, canonical):
            return canonical
        if name.start not in self._nicknamed:  # read once for each epithet, where it stands
            self._nicknamed[name.start] = self._known_holder(name, position) or \
                self._leading_person(name.start, exclude=canonical) or canonical
        return self._nicknamed[name.start]

    def _known_holder(self, name: _Name, position: int) -> Entity | None:
        """The person the text names whom Italian news calls by this epithet ("il Cavaliere" is
        Berlusconi, "il Professore" Prodi), wherever the text names them; None if it names no one
        so, or the epithet is not one of those."""
        surname = _KNOWN_EPITHETS.get(name.words[0])
        holders = self._by_surname().get(surname, []) if surname else []
        return self._canonical(self.names[holders[0]], position) if holders else None

    def _nickname(self, name: _Name, canonical: Entity) -> bool:
        """A name that is an epithet ("il Cavaliere", "il Molleggiato"): one capitalised word after
        "il" or "lo" that no fuller name in the article holds (``canonical`` is the name itself)."""
        written = self.text[name.start:name.end]
        article = re.search(r"\b(\w+)\s+$", self.text[max(0, name.start - 4):name.start])
        return (name.label == "PER" and len(name.words) == 1 and canonical[:2] == (name.start, name.end)
                and written[1:].islower() and article is not None and article.group(1).lower() in ("il", "lo"))

    def _of_a_person(self, words: list[tuple[str, str, int]]) -> bool:
        """A description whose complement is a person ("l'agente dell'artista", "la moglie del
        ministro"): it names someone close to that person."""
        return any(words[k][0] in _GENITIVES and words[k + 1][0] in self.person_nouns
                   for k in range(1, len(words) - 1))

    def _leading_person(self, position: int, exclude: Entity) -> Entity | None:
        """The person a piece of news is about: named most often in its paragraphs, before and
        after ``position``, the first named of equals; not ``exclude`` (the nickname itself)."""
        excluded = self._words_of(exclude)
        counts = {entity: seen for entity, seen in self._persons_named(position, whole_article=True).items()
                  if self._words_of(entity) != excluded}
        return max(counts, key=lambda entity: (counts[entity][0], -counts[entity][1])) if counts else None

    def _salient_person(self, position: int, gender: str | None = None) -> Entity | None:
        """The person the article is about so far: the one named most often before ``position``
        (a surname counts for its full name), the last named of equals; of ``gender`` if given."""
        counts = {entity: seen for entity, seen in self._persons_named(position, whole_article=False).items()
                  if agree(gender, self._gender(entity))}
        return max(counts, key=lambda entity: (counts[entity][0], counts[entity][2])) if counts else None

    def _most_named_near(self, position: int, gender: str | None, title: str) -> Entity | None:
        """Of the persons named within twice _TITLE_REACH before ``position``, the one the article has
        named most often so far, the last named of equals; not one the article gave another
        title ("il giornalista" is not "il Presidente della Repubblica Giorgio Napolitano")."""
        counts = self._persons_named(position, whole_article=False)
        k = bisect_left(self.starts, position)
        near = set()
        for name in reversed(self.names[:k]):
            if name.end <= position - 2 * _TITLE_REACH:
                break
            if name.label == "PER" and name.end <= position:
                canonical = self._person_named(name, position)
                if agree(gender, self._gender(canonical)):
                    near.add(canonical)
        for entity in sorted(near & counts.keys(), key=lambda entity: (counts[entity][0], counts[entity][2]), reverse=True):
            if not self._titles_of(entity, position) - {title}:
                return entity
        return None

    def _titles_of(self, entity: Entity, position: int) -> set[str]:
        """The person nouns the article puts right before a mention of ``entity`` up to
        ``position`` ("il presidente della Repubblica Giorgio Napolitano", "il paroliere Mogol");
        a mention is a name ending with the entity's surname."""
        words = self._words_of(entity)
        same = self._by_surname().get(words[-1], []) if words else []
        floor = self._article_start(position)
        here = bisect_left(self.starts, position)
        lo = max(bisect_left(self.starts, floor), here - _NAMES_COUNTED)
        titles: set[str] = set()
        for k in same[bisect_left(same, lo):bisect_left(same, here)]:
            titles |= self._title_before(k)
        return titles

    def _by_surname(self) -> dict[str, list[int]]:
        """The indices of the people's names by their last word, made on first need."""
        if self._surnamed is None:
            self._surnamed = {}
            for k, name in enumerate(self.names):
                if name.label == "PER" and name.words:
                    self._surnamed.setdefault(name.words[-1], []).append(k)
        return self._surnamed

    def _title_before(self, k: int) -> frozenset[str]:
        """The person nouns among the four words before name ``k`` in its sentence, read once."""
        found = self._titles_before.get(k)
        if found is None:
            start = self.names[k].start
            before = _SENTENCE_END.split(self.text[max(0, start - 60):start])[-1]
            words = [w.lower() for w in _WORD.findall(before)][-4:]
            found = self._titles_before[k] = frozenset(w for w in words if w in self.person_nouns)
        return found

    def _persons_named(self, position: int, *, whole_article: bool) -> dict[Entity, list[int]]:
        """For each person named in the article of ``position`` (before it, or in the whole
        article): how often, where first and where last (by their canonical names)."""
        counts: dict[Entity, list[int]] = {}
        floor = self._article_start(position)
        here = bisect_left(self.starts, position)
        if whole_article:  # up to the paragraph break after the mention
            breaks = self._paragraph_starts()
            k = bisect_right(breaks, position)
            hi = bisect_left(self.starts, breaks[k]) if k < len(breaks) else len(self.names)
        else:
            hi = bisect_right(self.starts, position)
        # at most _NAMES_COUNTED names either side: a text of thousands of names in one piece must
        # not be read through again for every mention (an article names far fewer)
        lo = max(bisect_left(self.starts, floor), here - _NAMES_COUNTED)
        for name in self.names[lo:min(hi, here + _NAMES_COUNTED)]:
            if name.end > position and not whole_article:
                break  # after the mention
            if name.label != "PER":
                continue
            seen = counts.setdefault(self._canonical(name, position), [0, name.start, name.start])
            seen[0] += 1
            seen[2] = name.start
        return counts

    def _article_start(self, position: int) -> int:
        """Where the piece of text ``position`` belongs to starts: the paragraph before its own
        (a headline, or the lead), so that a text holding several short articles, as news
        round-ups and the real-news passages do, does not lend one article's people to the next."""
        breaks = self._paragraph_starts()
        k = bisect_right(breaks, position)
        return breaks[k - 2] if k >= 2 else 0

    def _paragraph_starts(self) -> list[int]:
        """Where each paragraph after the first starts, found once: blank lines part paragraphs; in
        a text without any, line breaks do (a text laid out one paragraph a line); in a text
        without line breaks, a headline run into its article's text is a paragraph of its own
        (:mod:`annotator.nlp.run_in`)."""
        if self._paragraphs is None:
            if "\n" not in self.text.strip():
                persons = [(name.start, name.end) for name in self.names if name.label == "PER"]
                self._paragraphs = sorted({at for pair in run_in_headlines(self.text, persons) for at in pair} - {0})
            else:
                breaks = r"\n\s*\n" if re.search(r"\n\s*\n", self.text) else r"\n\s*"
                self._paragraphs = [m.end() for m in re.finditer(breaks, self.text)]
        return self._paragraphs

    def _words_of(self, entity: Entity) -> tuple[str, ...]:
        """The lower-cased words of ``entity`` as written (to compare two mentions of one name), read
        once for each entity: the searches for whom an article is about compare hundreds of them."""
        words = self._entity_words.get(entity)
        if words is None:
            words = self._entity_words[entity] = tuple(_folded(w) for w in _WORD.findall(self.text[entity[0]:entity[1]]))
        return words

    def _after_genitive(self, position: int, floor: int) -> bool:
        """The name at ``position`` follows "di"/"del"…: it is whose, not who ("il portavoce di Putin")."""
        before = re.findall(r"\w+", self.text[floor:position])
        return bool(before) and before[-1].lower() in _GENITIVES

    def _lowercase_entity(self, start: int, end: int) -> Entity | None:
        """An entity the NER tagged in lower case that the mention holds, when it says which body
        ("polizia tedesca", "governo cinese"); a bare "polizia" names none."""
        inside = [e for e in self.lowercase if start <= e[0] and e[1] <= end
                  and len(_WORD.findall(self.text[e[0]:e[1]])) >= 2]
        return max(inside, key=lambda e: e[1] - e[0]) if inside else None

    def _unlabelled_name(self, words: list[tuple[str, str, int]], *, label: str = "PER",
                         least: int = 2) -> Entity | None:
        """Capitalised words (two or more for a person) at the end of a titled mention, which the
        NER missed."""
        run: list[tuple[str, str, int]] = []
        for word in reversed(words):
            hyphenated = word[2] > 0 and self.text[word[2] - 1] in "-‐"
            if (not word[1][:1].isupper() and not hyphenated) or word[0] in self.person_nouns | self.org_nouns:
                break
            run.insert(0, word)  # "Ban Ki-moon": "moon" belongs to "Ki"
        if run and not run[0][1][:1].isupper():
            return None
        while run and self._after_genitive(run[0][2], words[0][2]):
            run.pop(0)  # "delle Foreste" is whose title, "Parimal Suklabaidya" who
        if len(run) < least or len(run) == len(words):
            return None
        return run[0][2], run[-1][2] + len(run[-1][1]), label

    # -- names -----------------------------------------------------------------------------------

    def _names_within(self, start: int, end: int) -> list[_Name]:
        lo = bisect_left(self.starts, start)
        hi = bisect_left(self.starts, end)
        inside = [n for n in self.names[lo:hi] if n.end <= end]
        if inside:
            return inside
        # a mention inside a name ("Peskov" in "Dmitry Peskov" as tagged)
        k = bisect_right(self.starts, start) - 1
        return [self.names[k]] if k >= 0 and self.names[k].end >= end else []

    def _canonical(self, name: _Name, at: int, nicknamed: bool = False) -> Entity:
        """The fullest name of ``name``'s entity, nearest before ``at`` (else the first after); a
        nickname the article gives ("Abu Omar") stands for the name it is given to."""
        if not nicknamed:
            name = self._aliases.get(name.words, name)
        fullest, starts = self._fullest_forms(name)
        if not fullest:
            return name.start, name.end, name.label
        k = bisect_left(starts, at)
        chosen = fullest[k - 1] if k > 0 else fullest[0]  # the nearest before ``at``, else the first
        if chosen.words in self._aliases and not nicknamed:  # "Omar" -> "Abu Omar" -> "Hassan Mustafa Osama Nasr"
            return self._canonical(self._aliases[chosen.words], at, nicknamed=True)
        return chosen.start, chosen.end, chosen.label

    def _fullest_forms(self, name: _Name) -> tuple[list[_Name], list[int]]:
        """The mentions of ``name``'s entity with the most words beyond its own, in text order, and
        where each starts; worked out once per form (a long text names one person thousands of times)."""
        key = (name.words, name.label)
        found = self._fullest.get(key)
        if found is None:
            better = [n for n in self._candidates(name) if self._same_entity(name, n) and len(n.core) > len(name.core)]
            most = max((len(n.core) for n in better), default=0)
            fullest = [n for n in better if len(n.core) == most]
            found = self._fullest[key] = (fullest, [n.start for n in fullest])
        return found

    def _same_entity(self, short: _Name, full: _Name) -> bool:
        if not short.core <= full.core:
            return self._acronym_of(short, full)
        if short.label == "PER" or full.label == "PER":
            return short.words[-1] == full.words[-1] or len(short.core) > 1 or (
                len(short.words) == 1 and full.words[0] == short.words[0]
                and len(self._given.get(short.words[0], ())) == 1)  # "Lucinio" for the one Lucinio Sconfietti
        return True

    def _acronym_of(self, short: _Name, full: _Name) -> bool:
        if len(short.words) != 1 or full.label == "PER" or len(full.words) < 2:
            return False
        letters = short.words[0]
        if (letters, full.start) in self._parenthesised:
            return True
        significant = "".join(w[0] for w in full.words if w not in _PARTICLES)
        return len(letters) >= 2 and letters in (significant, "".join(w[0] for w in full.words))

    def _by_form(self, words: tuple[str, ...], at: int, words_as_written: Sequence[str]) -> Entity | None:
        """A surname, a short form or an acronym that the NER did not tag, matched to the names."""
        if words in self._aliases:
            return self._canonical(self._aliases[words], at)
        probe = _Name(at, at, "", words, frozenset(words) - _PARTICLES or frozenset(words))
        candidates = self._candidates(probe)
        matches = [n for n in candidates if probe.core <= n.core and (n.label != "PER" or n.words[-1] == words[-1])]
        if not matches and len(words) == 1 and (words_as_written[0].isupper() or len(words[0]) <= 5):
            matches = [n for n in candidates if self._acronym_of(probe, n)]
        if not matches:
            return None
        return self._canonical(self._nearest(matches, at), at)

    def _name_index(self) -> tuple[dict[str, list[_Name]], dict[str, list[_Name]]]:
        """The names by each word of their core, and the names of several words (not persons) by
        the acronyms they could be written as: the only names a shorter form can be the same as
        (see :meth:`_candidates`)."""
        containing: dict[str, list[_Name]] = {}
        abbreviated: dict[str, list[_Name]] = {}
        starts = {}
        for name in self.names:
            starts[name.start] = name
            for word in name.core:
                containing.setdefault(word, []).append(name)
            if name.label != "PER" and len(name.words) >= 2:
                significant = "".join(w[0] for w in name.words if w not in _PARTICLES)
                for letters in {significant, "".join(w[0] for w in name.words)}:
                    abbreviated.setdefault(letters, []).append(name)
        for letters, start in self._parenthesised:  # "Organizzazione mondiale della sanità (OMS)"
            if start in starts:
                abbreviated.setdefault(letters, []).append(starts[start])
        return containing, abbreviated

    def _candidates(self, short: _Name) -> list[_Name]:
        """The names, in text order, that hold every word of ``short``'s core or that ``short`` (one
        word) could abbreviate: a superset of those :meth:`_same_entity` and :meth:`_acronym_of`
        accept, found without reading every name of the text."""
        lists = [self._containing.get(word, []) for word in short.core]
        found = list(min(lists, key=len)) if lists else []
        if len(short.words) == 1:
            found += self._abbreviated.get(short.words[0], [])
        return sorted({id(n): n for n in found}.values(), key=lambda n: n.start)

    def _acronyms_in_parentheses(self) -> set[tuple[str, int]]:
        """("oms", start of the name) for "Organizzazione mondiale della sanità (OMS)"."""
        found = set()
        for name in self.names:
            match = re.match(r"\s*\((\w{2,10})\)", self.text[name.end:name.end + 14])
            if match and name.label != "PER":
                found.add((match.group(1).lower(), name.start))
        return found

    def _aliases_given(self) -> dict[tuple[str, ...], _Name]:
        """The nicknames the article gives its people: "Hassan Mustafa Osama Nasr, detto Abu Omar",
        "Gaetano Marino, alias Moncherino, alias Manuzza McKay" (words of the nickname -> the person)."""
        aliases: dict[tuple[str, ...], _Name] = {}
        for name in self.names:
            if name.label != "PER":
                continue
            position = name.end
            while True:
                match = _ALIAS.match(self.text, position)
                if match is None:
                    break
                written = _WORD.findall(match.group("alias"))
                aliases.setdefault(tuple(_folded(w) for w in written), name)
                position = match.end("alias")
        return aliases

    # -- titles, pronouns, bodies ----------------------------------------------------------------

    def _titled(self, title: str, start: int, end: int) -> Entity | None:
        """The person the article gives ``title`` to ("ministro", "portavoce del Cremlino"): "il
        ministro … Roberto Maroni", "Roberto Maroni, ministro …", or the mention's own apposition
        ("il portavoce, Silvio Sircana,"); the occurrence nearest before the mention wins."""
        own = self._person_after(end)
        if own is not None:
            return self._canonical(own, start)
        candidates = self._given_title(title, start, end)
        if not candidates:
            otherwise = self._titled_otherwise(title, start, end)
            if otherwise is not None:
                return otherwise
            for synonym in TITLE_SYNONYMS.get(" ".join(title.lower().split()), ()):
                candidates += self._given_title(synonym, start, end)  # "il Gip" after "il giudice per le indagini…"
            if not candidates:
                return None
        return self._canonical(self._nearest(candidates, start), start)

    def _given_title(self, title: str, start: int, end: int) -> list[_Name]:
        """The persons ``title`` is given to outside [start, end): named right after it or before."""
        pattern = r"\s+".join(re.escape(w) for w in title.split())
        holders = self._holders(rf"\b{pattern}\b", lambda match: (
            self._person_after(match.end()), self._person_before(match.start()),
            self._person_holding(match.start())))  # "Papa Benedetto XVI", title and all
        return [name for at, name in holders if not start <= at < end and not start <= name.start < end]

    def _holders(self, pattern: str, named: Callable[[re.Match[str]], Iterable[_Name | None]]) -> list[tuple[int, _Name]]:
        """Where ``pattern`` (a title, an office) occurs and the persons ``named`` finds at each
        occurrence, searched once per text: an article that writes "il magistrato" three thousand
        times must not scan itself three thousand times."""
        found = self._holders_of.get(pattern)
        if found is None:
            found = [(match.start(), name) for match in re.finditer(pattern, self.text, re.IGNORECASE)
                     for name in named(match) if name is not None]
            self._holders_of[pattern] = found
        return found

    def _person_holding(self, position: int) -> _Name | None:
        """The person whose name, as the NER tagged it, holds ``position``."""
        k = bisect_right(self.starts, position) - 1
        name = self.names[k] if k >= 0 else None
        return name if name is not None and name.label == "PER" and name.start <= position < name.end else None

    def _titled_otherwise(self, title: str, start: int, end: int) -> Entity | None:
        """The person given the same office under another title: "il titolare dei Trasporti"
        after "il ministro dei Trasporti Alessandro Bianchi" (the complement, "dei Trasporti",
        says which office)."""
        complement = title.partition(" ")[2]
        if not complement or complement.split()[0].lower() not in _GENITIVES or \
                not any(w[:1].isupper() for w in complement.split()):
            return None
        pattern = r"\s+".join(re.escape(w) for w in complement.split())
        holders = self._holders(rf"\b(\w+)\s+{pattern}\b", lambda match: (
            (self._person_after(match.end()), self._person_before(match.start()))
            if match.group(1).lower() in self.person_nouns else ()))
        candidates = [name for at, name in holders if not start <= at < end and not start <= name.start < end]
        return self._canonical(self._nearest(candidates, start), start) if candidates else None

    def _person_after(self, position: int) -> _Name | None:
        """A person named within a few words after a title, in the same sentence."""
        k = bisect_left(self.starts, position)
        for name in self.names[k:k + 3]:
            if name.start - position > _APPOSITION_REACH:
                break
            gap = self.text[position:name.start]
            if _SENTENCE_END.search(gap) or any(c in gap for c in ";:«»\"“”("):
                break
            if name.label == "PER":
                words = [w.lower() for w in _WORD.findall(gap)]
                if len(words) > 6 or any(w in self.person_nouns or w in _CLAUSE_WORDS or w in self.verbs
                                         for w in words):
                    return None  # another title comes first, or a clause: "il ministro ha detto che Rossi"
                return name
        return None

    def _person_before(self, position: int) -> _Name | None:
        """A person right before ", [il] title": "Roberto Maroni, ministro dell'Interno"."""
        k = bisect_left(self.starts, position) - 1
        if k < 0:
            return None
        name = self.names[k]
        gap = self.text[name.end:position]
        if name.label == "PER" and _APPOSITION_GAP.fullmatch(gap):
            return name
        return None

    def _outlet_before(self, position: int) -> Entity | None:
        """The canonical name of the last newspaper or broadcaster named before ``position``: a
        name that a media noun introduces ("il quotidiano cinese Beijing News", "Il giornale
        britannico The Sun") or describes ("Al-Alam, una televisione"), among the last names."""
        k = bisect_left(self.starts, position)
        for name in reversed(self.names[max(0, k - _OUTLETS_LOOKED_AT):k]):
            before = _SENTENCE_END.split(self.text[max(0, name.start - 40):name.start])[-1]
            described = _DESCRIBED_AFTER.match(self.text, name.end, name.end + 30)
            if any(w.lower() in _MEDIA_NOUNS for w in _WORD.findall(before)[-3:]) or \
                    (described is not None and described.group(2).lower() in _MEDIA_NOUNS):
                return self._canonical(name, position)
        return None

    def _org_named_with(self, head: str, start: int) -> Entity | None:
        folded = _folded(head)
        matches = [n for n in self._containing.get(folded, ()) if n.label != "PER"]  # a body's noun is in its core
        return self._canonical(self._nearest(matches, start), start) if matches else None

    def _last_before(self, position: int, labels: Sequence[str], gender: str | None = None) -> Entity | None:
        """The canonical name of the last entity with one of ``labels`` named before ``position``;
        for a person, one whose first name agrees with ``gender`` ("lei" is not Mario Rossi)."""
        k = bisect_left(self.starts, position)
        passed_over = 0
        for name in reversed(self.names[:k]):
            if name.label in labels and name.end <= position:
                canonical = self._person_named(name, position)
                if gender is None or agree(gender, self._gender(canonical)):
                    return canonical
                own = (name.start, name.end, name.label)
                if agree(gender, self._gender(own)):
                    return own  # "il presidente" after "Trump", whose fullest form here is "Ivanka Trump"
                passed_over += 1
                if passed_over == _MOST_PASSED_OVER:
                    return None  # "lei" stands for one of the last few people named, not for one pages back
        return None

    def _gender(self, entity: Entity) -> str | None:
        """A person's gender as the first name of its mention shows it, when it has one: two words
        or more, not a title ("Papa Benedetto XVI" tells nothing), or one word that begins another
        person's name in the text ("Vanessa" after "Vanessa Scialfa"; "Trump" tells nothing)."""
        if entity[2] != "PER":
            return None
        if entity not in self._genders:  # asked for every person named, at every mention resolved
            words = _WORD.findall(self.text[entity[0]:entity[1]])
            self._genders[entity] = None if not words or words[0].lower() in self.person_nouns or \
                (len(words) == 1 and _folded(words[0]) not in self._given) else name_gender(words[0])
        return self._genders[entity]

    def _named_since(self, entity: Entity, position: int, reach: int) -> bool:
        """Some mention of ``entity`` (its fullest name, a shorter form or an epithet for it) ends
        within ``reach`` characters before ``position``."""
        k = bisect_left(self.starts, position)
        for name in reversed(self.names[:k]):
            if name.end <= position - reach:
                return False
            if name.label == entity[2] and name.end <= position and \
                    ((name.start, name.end) == entity[:2] or self._person_named(name, position) == entity):
                return True
        return False

    def _nearest(self, names: Sequence[_Name], at: int) -> _Name:
        before = [n for n in names if n.start < at]
        return max(before, key=lambda n: n.start) if before else min(names, key=lambda n: n.start)


@lru_cache(maxsize=8)
def _noun_sets(person_nouns: frozenset[str], org_nouns: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """The person and body nouns a reading uses, the lexicon's own added (made once per lexicon:
    a text is read twice, by the finder and the suggester, and a batch holds many)."""
    bodies = ORG_NOUNS | frozenset(w.lower() for w in org_nouns)
    return (PERSON_NOUNS | frozenset(w.lower() for w in person_nouns)) - bodies, bodies


@lru_cache(maxsize=1 << 16)
def _folded(word: str) -> str:
    """``word`` in lower case without its accents: news spells foreign names with and without them
    ("Chávez", "Chavez"), or with others ("Janukovyč", "Janukovyċ")."""
    return "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(c))


def _a_thing(noun: str) -> bool:
    """A noun that names a thing, a text or an abstraction, never a person: "la risoluzione",
    "il documento", "la torre di controllo", "l'opinione pubblica"."""
    return noun.endswith(_THING_ENDINGS) or noun in _THING_NOUNS


def resolve(text: str, entities: Iterable[Entity], mentions: Iterable[tuple[int, int]]) -> list[Entity | None]:
    """The canonical entity of each mention (a convenience over :class:`Coreference`)."""
    index = Coreference(text, entities)
    return [index.resolve(start, end) for start, end in mentions]
