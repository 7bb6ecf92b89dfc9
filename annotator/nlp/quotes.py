"""The Italian quotation finder: who said what, from quotation marks, reporting verbs and entities.

:meth:`QuoteFinder.find` takes a text and its entity spans (from the NER) and returns quotations
with a content range, a kind (direct, partial, indirect, headline), a cue range (the reporting verb
or expression) and a speaker range linked to an entity where the text names one. The patterns are
those of docs/quotes.md:

- quoted segments (:mod:`annotator.nlp.quote_marks`) introduced by a colon ("X ha detto: «…»"),
  followed by their attribution ("«…», ha detto X", "«…» – X", "«…». Così X"), interrupted by it
  ("«…», ha aggiunto X, «…»"), in a headline ("X: «…»"), a few words inside the writer's sentence
  next to a reporting verb (partial: "ha definito la scelta «un errore»"), or a whole sentence
  right after an attributed one (a follow-on, same speaker);
- indirect speech: a reporting verb followed by "che" ("ha detto ai giornalisti che …"), a source
  expression ("secondo X, …", "a detta di X", "stando a X"), an impersonal note ("si legge in una
  nota del Ministero", "fanno sapere da Palazzo Chigi");
- a speaker who says how they stand ("si è detto disponibile a…", "dicendosi preoccupato che…"),
  a reporting verb with an infinitive ("ha dichiarato di…", "ha dichiarato trattarsi di…").

Italian drops subject pronouns, so a quotation with a bare verb ("«…», ha aggiunto.") or none (a
follow-on) takes the last speaker named. Strings in marks that name things (il libro «…»,
l'operazione "…") are left alone, and so are short or capitalised quoted words with no reporting
verb near them (scare quotes, titles); three lowercase words or more in marks inside a sentence
are someone's words ("un appello volto ad «evitare un nuovo bagno di sangue»"), given to the
sentence's subject. Where in doubt the finder stays silent, since annotators fix what is
highlighted faster than they find what is missing.

Plain Python over the text: no spaCy, so it adds little to pre-annotation time.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace

from .coreference import ORG_NOUNS, PERSON_NOUNS, Coreference, joined_names
from .dates import MONTHS, WEEKDAYS
from .italian_words import (AGENT_PREPOSITIONS, ARTICULATED_PREPOSITIONS, DEMONSTRATIVES, GERUND, PAST_PARTICIPLE,
                            QUANTIFIERS, REPORTING_PARTICIPLE_STEMS, is_participle)
from .quote_lexicon import QuoteLexicon, load_lexicon
from .quote_marks import Segment, abbreviation_before, quoted_segments, text_sentence_ends
from .run_in import run_in_ends
from .syntax_roles import Argument, SyntaxRoles, is_personal_pronoun

__all__ = ["FoundQuote", "QuoteFinder", "find_quotes"]

SYNTAX_MODES = ("first", "only", "fallback")  # how a parse and the rules share the speaker (QuoteFinder.find)

Entity = tuple[int, int, str]
Range = tuple[int, int]

SPEAKER_LABELS = ("PER", "ORG", "LOC")  # preferred in this order; LOC for "Mosca ha fatto sapere"
_REACH = 600  # characters: how far a sentence may stretch around a quotation or cue
# an unmarked answer after "Name:" runs at most this many sentences, and stops at a quotation mark
_ANSWER_SENTENCES = 6
_ANSWER_STOPS = ("«", "»", "“", "”", '"')
# a plural reporting verb: its auxiliary, or the ending of its one word ("annunciano", "dissero")
_PLURAL_AUXILIARIES = frozenset("hanno avevano avrebbero abbiano avessero sono erano furono sarebbero saranno".split())
_PLURAL_ENDINGS = ("ano", "ono", "ebbero", "ranno", "rono")
_SUBJECT_PRONOUNS = frozenset("egli ella lui lei".split())  # singular: plural ones carry no one entity
_WORD = re.compile(r"\w+", re.UNICODE)
_HAVE = frozenset("ha hanno aveva avevano avrebbe avrebbero avrà avranno abbia abbiano ebbe".split())
_AUXILIARIES = _HAVE | frozenset("""è sono era erano sarebbe sarebbero sarà saranno stato stata stati state
    viene vengono venne""".split())
_CLITICS = frozenset("si gli le lo la l ci mi ti vi ne".split())  # "gli ha detto", "l'ha definita"
_VERB_CLITICS = frozenset("si gli ci mi ti vi".split())  # also right before a verb: "gli chiede"
_ADVERBS = frozenset("""poi anche già inoltre ancora infine quindi pure subito sempre più non allora
    invece oggi ieri spesso mai chiaramente apertamente nuovamente duramente ufficialmente
    testualmente recentemente successivamente immediatamente infatti tuttavia comunque""".split())
_DETERMINERS = frozenset("""il lo la l i gli le un uno una un del dello della dell dei degli delle
    al allo alla all ai agli alle nel nello nella nell nei negli nelle col sul sullo sulla sull sui
    sugli sulle dal dallo dalla dall dai dagli dalle questo questa questi queste quello quella
    quelli quelle quel suo sua suoi sue mio mia tuo tua nostro nostra vostro vostra loro ogni
    qualche alcuni alcune nessun nessuna ultima ultimo prima primo nuova nuovo""".split())
# words that may stand between a reporting verb and its "che": "ha detto ieri ai giornalisti che"
_GAP_OPENERS = frozenset("""a ai al alla alle agli allo all in nel nella nei nelle negli nell
    durante dopo ieri oggi stamani stamattina stasera stanotte poi anche più già inoltre infatti
    invece ancora chiaramente apertamente esplicitamente pubblicamente sempre subito nuovamente
    davanti con su sul sulla tramite attraverso via ufficialmente senza mai non lui lei loro gli
    le mi ci ti vi da dal dalla dai parlando rispondendo intervenendo commentando nel corso
    questa questo stamane stasera fra tra in più volte però tuttavia comunque quindi dunque
    pure""".split()) | frozenset(WEEKDAYS)
# words that open a clause of its own after a speaker: "ha spiegato un poliziotto aggiungendo che…"
_SUBORDINATORS = frozenset("che mentre perché quando se dopo".split())
# words that end a speaker noun phrase after a verb: "ha detto il ministro a margine del vertice"
_NP_STOPS = frozenset("""che come mentre durante dopo prima parlando rispondendo intervenendo commentando
    in nel nella nei nelle negli nell a ai al alla alle agli allo all con per su sul sulla sui da
    dal dalla dai dagli oggi ieri stamani stamattina stasera e ed ma o anche poi quando perché se
    rivolto rivolta rivolgendosi riferendosi citando tramite attraverso mediante""".split())
# "«…», è stata la risposta di X": a noun that names what was said, then who said it
_SPEECH_NOUN_AFTER = re.compile(r"(?:(?:questa|questo|queste|questi)\s+)?(?:è|sono|era|fu)\s+(?:stat[aoie]\s+)?"
                                r"(?:(?:la|il|le|una?|l')\s*)(?:\w+\s+){0,2}?"
                                r"(risposta|replica|commento|frase|dichiarazione|reazione|battuta|messaggio|"
                                r"parole|appello|promessa|accusa|risposte|frasi|dichiarazioni|racconto|"
                                r"testimonianza|ricordo|sfogo)\b", re.IGNORECASE)
# "«…», queste le parole di X" / "«…», il commento del ministro": a speech noun, then who said it
_SPEECH_NOUN_BARE = re.compile(r"(?:(?:queste|questa|questo|ecco)\s+)?(?:la|il|le|l'|l’)\s*"
                               r"(risposta|replica|commento|parole|reazione|battuta|accusa|denuncia|"
                               r"spiegazione|conclusione|chiosa|sfogo|appello|attacco|stoccata|frecciata|giudizio)"
                               r"\s+(?=(?:di|del|dello|della|dell|dei|degli|delle)\b)", re.IGNORECASE)
# multiword verbs that close a report as a reporting verb does ("…, fa sapere la Cgil")
_MAKE_KNOWN = frozenset({"fa sapere", "fanno sapere", "fatto sapere", "rende noto", "reso noto", "rendono noto"})
# the words that point back to a quotation before a noun of speech: "Questo il commento di X", "È il commento di X"
_POINTING_BACK = frozenset("questo questa queste questi ecco è sono era fu".split())
# "«…». A dirlo è X" / "A spiegarlo è stato il ministro": an infinitive of saying, then who said it
_A_DIRLO = re.compile(r"ad?\s+(\w+?)(?:lo|la|li|le|ne)?\s+(?:è|sono|era|fu)(?:\s+stat[oaie])?\s+", re.IGNORECASE)
# first and second persons, as said: "Siete dei ladri", "Abbiamo vinto", "Non ho paura"
_SPOKEN_FINITE = re.compile(r"^(?:ho|hai|sei|siete|siamo|abbiamo|avete|voglio|posso|devo|so|\w+iamo|\w{2,}(?:ate|ete|ite))$")
# how a word after the article "lo" starts ("lo studio", "lo zio", "lo gnomo", "lo psicologo", "lo iato")
_LO_NOUN = re.compile(r"^(?:s[^aeiouàèéìòù]|z|gn|ps|pn|x|y|i[aeiou])")
# words after which quoted words are a name or a term ("i cosiddetti «esodati»")
_SO_CALLED = frozenset("""cosiddetto cosiddetta cosiddetti cosiddette soprannominato soprannominata
    soprannominati ribattezzato ribattezzata ribattezzati denominato denominata intitolato intitolata
    alias""".split())
_ENCLITIC_GERUND = re.compile(r"^(\w+ndo)(?:gli|le|lo|la|li|ne|mi|ti|ci|vi|si)(?:lo|la|li|le|ne)?$")
_A_DARNE_NOTIZIA = re.compile(r"ad?\s+(?:darne|dare)\s+(?:la\s+)?notizia\s+(?:è|sono|era|fu)(?:\s+stat[oaie])?\s+",
                              re.IGNORECASE)
# "di voler inviare", and an infinitive that drops its last vowel before a pronoun: "di non
# trovarsi bene", "di sentirsene soddisfatta", "di dirgli" (never "diversi", "universi")
_INFINITIVE = re.compile(r"^(?:(?:aver|esser|voler|poter|dover|saper|far|dire|dare|fare|\w{2,}(?:are|ere|ire|rre))"
                         r"(?:lo|la|li|le|ne|si|ci|gli|mi|ti|vi|sene|glielo)?"
                         r"|(?!(?:di|uni|av|con)versi$|(?:e|im|som)mersi$|dispersi$|\w*corsi$)"
                         r"(?:dir|por|\w{2,}(?:ar|er|ir|or|ur))"
                         r"(?:lo|la|li|le|ne|si|ci|gli|mi|ti|vi|sene|sela|selo|glielo|gliela))$")
_IMPERSONAL_UNSAID = frozenset("ricordare ritenere notare rilevare osservare".split())
_INJURIES = frozenset("""ferite ferita lesioni lesione traumi trauma ustioni fratture frattura contusioni danni
    ecchimosi""".split())
# words after which an infinitive reporting verb says nothing yet: "per dire", "si può dire"
_BEFORE_UNSAID_INFINITIVE = frozenset("""per a di da fa può possono potuto potrebbe potrebbero possa possano potere
    poter deve devono dovrebbe dovrebbero debba debbano dover voler gran""".split())
# verbs after which "secondo" is a place in a ranking: "era arrivato secondo"
_PLACED = frozenset("""arrivato arrivata arrivati arrivate giunto giunta giunti giunte classificato classificata
    piazzato piazzata finito finita chiuso chiusa""".split())
# after a colon, an explanation or a list, not someone's words
_EXPLAINING = frozenset("infatti esattamente cioè ovvero ossia".split())
_LIST = re.compile(r"(?:[A-ZÀ-Ý][\w'’.-]*(?:\s+[\w'’.-]+){0,3},\s+){2,}")
_MODAL_PARTICIPLES = frozenset("voluto dovuto".split())  # "ha poi voluto precisare che", "ha dovuto ammettere"
_GERUND = GERUND
# words that cannot end a described speaker ("gli esperti che", "un gruppo d'"), and words that
# alone describe no one ("Intanto", "Quello", "ad"; "chi" does: "c'è chi sostiene che")
_DANGLING = frozenset("che e ed d di a o".split())
_NO_SPEAKER_WORDS = frozenset("intanto quello quella questo questa ciò ad a così allora poi".split())
# a verb that ends the noun phrase of a description: an auxiliary, a modal, a future
_DESCRIPTION_ENDING_VERB = re.compile(r"^(?:è|sono|era|erano|fu|furono|sarà|saranno|sarebbe|sarebbero|ha|hanno|"
                                      r"aveva|avevano|avrà|avranno|avrebbe|avrebbero|può|possono|potrà|potranno|"
                                      r"deve|devono|\w{3,}(?:erà|irà|eranno|iranno))$")
_CLAUSE_PUNCTUATION = re.compile(r"(?<!\d)[,.:]|[,.:](?!\d)|[;!?()«»“”\"\n]")
# "la Federcalcio, che aveva parlato"; "L'ultimo comunicato, in cui si affermava" (not "una risposta,
# nella quale asserisce": someone speaks in it)
_RELATIVE_CHE = re.compile(r",\s*(?:che|(?P<where>in cui|nel quale|nella quale|nei quali|nelle quali)(?:\s+si)?)\s*$")
# What stands between two quotations when the second one's verb is left out ("X ha parlato di «A»,
# Y di «B»", "X ha definito la legge «A» e Y «B»"): a comma or "e", the name, and the preposition
# the verb took before the first quotation, if any.
_GAPPED = re.compile(r"\s*(?:[,;]\s*(?:(?:e|ed|mentre)\s+)?|(?:e|ed|mentre)\s+)(?P<name>[^,;:.!?«»“”\"()]+?)"
                     r"(?:\s+(?P<preposition>di|del|della|dello|dei|degli|delle|a|al|alla|come))?\s*", re.IGNORECASE)
# verbs whose report may be a noun phrase after "di": "parlavano di due morti accertati"
_NOUN_PHRASE_VERBS = frozenset(("parlare", "riferire"))
_NAMING_VERBS = frozenset("chiamare etichettare qualificare giudicare".split())
# verbs aimed at someone, who follows as their object: "ha attaccato Bianchi: «…»" is not Bianchi's
_ADDRESSING_VERBS = frozenset("""attaccare accusare criticare ringraziare elogiare difendere invitare esortare
    avvertire ammonire rassicurare minacciare incalzare salutare rimproverare sfidare bacchettare punzecchiare
    insultare querelare lodare apostrofare redarguire""".split())
_ASKING_VERBS = frozenset("chiedere domandare invitare esortare sollecitare intimare ordinare pregare".split())
# verbs whose reported clause may open with "come" instead of "che": "ha sottolineato come la
# situazione sia sotto controllo"; and those that report a question: "ha chiesto se…"
_COME_VERBS = frozenset("""sottolineare spiegare ricordare rammentare osservare evidenziare rilevare notare
    raccontare ribadire precisare rimarcare segnalare denunciare lamentare ammettere riconoscere chiarire
    confermare puntualizzare affermare dichiarare rivelare riferire testimoniare specificare""".split())
# auxiliaries of a passive or reflexive cue, after which "come" is "as": "è stato confermato come il più
# antico libro", "si rivelò come artista poliedrico", "viene riferito come un inconveniente"
_AS_AUXILIARIES = frozenset("""si è sono era erano fu furono sarà stato stata stati state viene vengono venne
    veniva""".split())
_QUESTION_VERBS = frozenset("chiedere domandare".split())
# verbs that close a sentence to attribute it: "L'uomo era armato, ha riferito la polizia."
_CLOSING_VERBS = frozenset("""dire riferire scrivere spiegare affermare dichiarare sostenere riportare
    sottolineare precisare aggiungere raccontare annunciare confermare assicurare ribadire osservare
    rilevare denunciare ricordare avvertire ammettere rivelare comunicare evidenziare commentare
    concludere informare segnalare""".split())
# a finite verb in the clause an attribution closes: "è salito", "aveva", "sarebbe", "confermano"
_FINITE = re.compile(r"^(?:\w+(?:ano|ono|ò|ava|avano|eva|evano|iva|ivano|rà|ranno|ebbe|ebbero|isce|iscono)|"
                     r"ha|hanno|è|sono|era|erano|sarà|saranno|sarebbe|sarebbero|aveva|avevano|avrebbe|"
                     r"avrebbero|c|ci|si|può|possono|deve|devono|va|vanno|fa|fanno|sta|stanno)$")
_ARTICLES = frozenset("il lo la l i gli le un uno una un".split())
# what may open an apposition besides an article, a title or a name: ", ex ministro Mario Rossi,",
# ", ovvero il maggiore X"
_APPOSITION_OPENERS = frozenset("ex neo vice ovvero ossia cioè".split())
_DEFINITE_ARTICLES = frozenset("il lo la l i gli le".split())
_SINGULAR_ARTICLES = _ARTICLES - frozenset("i gli le".split())
_QUANTIFIERS = QUANTIFIERS
_LEADING_ADVERBS = frozenset("oggi ieri stamani stamattina stasera poi anche ancora infine inoltre invece".split())
# words after which a clause goes on: "…se, come affermato da X, il governo…"
_LEADING_INTO = _SUBORDINATORS - {"dopo"} | frozenset("poiché ma e ed o né come dove anche".split())
_NON_FINITE_ENDING = re.compile(r"(?:ndo|are|ere|ire|at[oaie]|ut[oaie]|it[oie])$")  # participles, gerunds, infinitives
# speaker nouns that after "per" say for whom rather than in whose view ("Per i cittadini è previsto…")
_FOR_WHOM = frozenset("""cittadini residenti abitanti vittima vittime familiari madre padre fratello sorella moglie
    marito figlio figlia figli dipendenti lavoratori operai studenti genitori insegnanti docenti tifosi agricoltori
    commercianti consumatori paziente pazienti detenuto detenuti migranti profughi passeggero passeggera passeggeri
    turista passante titolare proprietario proprietaria esercenti squadra club società azienda gruppo comune regione
    parti sanitari soccorritori giocatore giocatrice attaccante difensore portiere""".split())
# words before a noun that are not its head ("le prime informazioni", "il nostro pianeta")
_NOT_THE_HEAD = frozenset("""primo prima primi prime nostro nostra nostri nostre suo sua suoi sue loro mio mia
    molti molte tanti tante altri altre stesso stessa ultimo ultima ultimi ultime nuovo nuova nuovi nuove""".split())
# nouns of no speaker that no ending tells ("un giorno", "il gesto", "il costo")
_SILENT_NOUNS = frozenset("""giorno giorni gesto gesti esito pianeta costo costi frasi frase parole momento volta
    anno anni mese mesi settimana settimane ore fine weekend notte sera mattina pomeriggio""".split())
_CLAUSE_OPENERS = frozenset("e ed ma poi inoltre anche però quindi infine così allora invece".split())
# what opens a clause joined to the one before, not a reported one ("…, secondo X, anche se…")
_JOINING = frozenset(("ma", "mentre", "anche se", "dopo che", "però", "benché", "sebbene", "poiché", "perché",
                      "tuttavia", "nonostante", "pur", "eppure", "quando", "anzi"))
# words after "così" that make it "thus" or "as", not "said thus by": "così lo chiamavano", "così come"
_NOT_SAID_BY_AFTER_COSI = frozenset("come lo la l li le ha è".split())
_CONNECTIVES = frozenset("""infatti tuttavia quindi dunque inoltre però comunque intanto sempre anzi
    già ora oggi ieri""".split())
_NAME_PARTICLES = frozenset("de di da del della van von der al el bin ben la le du dos".split())
_SOURCE_NOUNS = frozenset("""fonti fonte stime dati sondaggio sondaggi rapporto studio ricerca indagini
    inquirenti notizie accuse ricostruzione testimonianze agenzie agenzia stampa giornale quotidiano
    settimanale mensile testata sito emittente televisione tv radio rivista ministeri questi lui lei
    loro essi esse indiscrezioni voci media giornali quotidiani tabloid documenti verbali perizia autopsia
    comunicato relazione dichiarazioni ricostruzioni notizia nota note lettera analisi analisti esperti
    calcoli previsioni risultati conclusioni informazioni rilievi statistiche cifre rapporti bilancio
    personale contrari favorevoli critici sostenitori osservatori testimoni testimone""".split())
# words of someone speaking of themself or to someone: a sentence holding one goes on with the words said
_FIRST_OR_SECOND_PERSON = frozenset("""io noi mi me mio mia miei mie nostro nostra nostri nostre ho abbiamo
    siamo tu ti te voi vi tuo tua tuoi tue vostro vostra hai avete sei siete devi credo penso""".split())
# a first person future or conditional: "le decisioni che prenderò", "vorrei" ("però" is no verb)
_FIRST_PERSON_FUTURE = re.compile(r"^(?!però$)\w{3,}(?:rò|rei)$")
# a colon that ends a clause (not the colon of a time, "20:00")
_CLAUSE_COLON = re.compile(r"(?<!\d):|:(?!\d)")
# what goes on with the last speaker's words before a colon: "E poi: …", "Più sinteticamente: …"
_GOING_ON = frozenset(("e poi", "poi", "e ancora", "ed ancora", "ancora", "infine", "e infine", "più sinteticamente",
                       "e aggiunge", "inoltre"))
# a colon or a semicolon between clauses
_CLAUSE_BREAK = re.compile(_CLAUSE_COLON.pattern + "|;")
# what "secondo" follows when it means "in accordance with", not "according to": "secondo la legge"
_ACCORDANCE_NOUNS = frozenset("""legge leggi norma norme regola regole regolamento contratto schema
    canoni canone tradizione tradizioni mitologia orario fuso calendario progetto piano programma
    indirizzi sezioni modalità criteri criterio voleri volere principi principio procedura procedure
    protocollo protocolli tempi ordine classifica stesso stessa stessi stesse regioni visione parametri
    parametro""".split())
# nouns of what is said or asked, the object of a reporting verb, never who speaks ("ha confermato la notizia")
_WHAT_IS_SAID = frozenset("""notizia notizie richiesta richieste intenzione proposta proposte decisione
    accusa accuse versione ipotesi dimissioni appello smentita""".split())
# adverbs of place and time (beyond _ADVERBS) that may open an impersonal passive: "Qui è stato
# confermato dai magistrati che…"
_PLACE_TIME_ADVERBS = frozenset("qui qua lì là ora".split())
# further quotations in a list after one: ", «B» e «C»"
_QUOTATION_LIST = re.compile(r"^(?:\s*(?:,|\be\b|\bed\b)?\s*(?:«[^«»]*»|“[^“”]*”|\"[^\"]*\"))+")
# lower-case words inside a name of capitalised words: "Centre for Disease Prevention and Control"
_NAME_JOINERS = frozenset("for of and the".split())
# works whose title a name between commas after them gives: "Nel suo libro, Inside Wikileaks, ha rivelato"
_WORK_NOUNS = frozenset("""libro libri romanzo saggio film album disco brano canzone singolo documentario
    serie fiction spettacolo autobiografia memorie""".split())
# source phrases whose possessive stands for the speaker: "a suo dire", "a loro avviso", "a detta sua"
_POSSESSIVE_SOURCE = re.compile(r"\b(?:suo|sua|loro)\b")
# source phrases that mean "in the words of", ending where the source starts
_SAID_BY = re.compile(r"\b(?:a detta|ad avviso|a parere|nelle parole|a dire) d(?:i|el|ello|ella|ell|ei|egli|elle)?['’]?\s*$")
# participles after which "secondo quanto … da X" says in accordance with what X prescribes, not what
# X said: "secondo quanto previsto dal regolamento"
_ACCORDANCE_PARTICIPLES = frozenset("previsto prevista previsti previste stabilito stabilita stabiliti stabilite "
                                    "disposto disposta prescritto prescritta imposto imposta".split())
# words after which "che" compares instead of opening reported words: "piuttosto che", "anziché"
_COMPARATIVE_BEFORE_CHE = frozenset("piuttosto prima dopo più meno anziché".split())
# a subject the parse may give that names no one by itself
_RELATIVE_PRONOUNS = frozenset(("che", "cui", "il quale", "la quale", "i quali", "le quali"))
# what opens a clause of its own after a quotation's comma: "«…», mentre X ha affermato: «…»"
_NEW_CLAUSE = frozenset("mentre ma però invece".split())
# words that open the reported clause right after a source without a comma: "Secondo X non c'è…"
_BARE_CLAUSE_OPENERS = _AUXILIARIES | frozenset("""non c ci si vi poteva potevano potrebbe potrebbero
    può possono potrà potranno deve devono doveva dovrebbe dovrebbero dovrà dovranno esiste esistono va
    vanno sembra sembrano sembrava pare paiono pareva""".split())
# a conditional, always a verb: "Secondo gli investigatori | sembrerebbe che…"
_CONDITIONAL = re.compile(r"^\w{2,}(?:rebbe|rebbero)$")
# cues after which a speaker describes themself: "si è detto favorevole", "dicendosi pronto"
_SELF_DESCRIBING = ("si è detto", "si è detta", "si sono detti", "si sono dette", "si dice", "si dicono",
                    "dicendosi", "si è dichiarato", "si è dichiarata", "si sono dichiarati", "si dichiara",
                    "dichiarandosi")
# infinitives a reporting verb takes without "di": "ha dichiarato essere rumorosi", "trattarsi di"
_BARE_INFINITIVES = frozenset("essere esser essersi trattarsi avere aver averlo averla".split())
_GENITIVE_PREPOSITIONS = frozenset("di del dello della dell dei degli delle".split())
_NUMBERS = frozenset("""due tre quattro cinque sei sette otto nove dieci undici dodici venti trenta cento mille
    molti molte pochi poche alcuni alcune tanti tante""".split())
_PREPOSITIONS = frozenset("""di del dello della dell dei degli delle a al allo alla all ai agli alle da
    dal dallo dalla dall dai dagli dalle in nel nello nella nell nei negli nelle con su sul sulla
    per tra fra""".split())
_ANY_PREPOSITION = _PREPOSITIONS | ARTICULATED_PREPOSITIONS
_LEADING_SUBORDINATORS = frozenset("quando mentre se poiché siccome benché sebbene dopo appena".split())
# the prepositions of whom one speaks to or with ("parlando con X", "ha scritto al ministro X"), not of
# an author ("dal ministro X") or of whose ("del ministro X")
_OPENS_QUOTATION = re.compile(r"[^.;:,«“\"]{0,30}?[«“\"]")  # a few words, then a quotation mark
_JOINED_VERBS = ("e", "ed", "ma", "però")  # "ha espresso lo sconcerto, ma ha annunciato che": one subject
_ADDRESSEE_PREPOSITIONS = frozenset("a al allo alla all ai agli alle con col coi".split())
# words that open a subordinate clause before its subject: "Nonostante alcune testate abbiano scritto che"
_SUBORDINATE_OPENERS = frozenset("nonostante sebbene benché quando poiché perché mentre qualora dopo che".split())
# participles whose agent asks the questions: "intervistato dalla National Public Radio, ha avvertito"
_ASKED = frozenset("""intervistato intervistata intervistati intervistate interpellato interpellata interpellati
    interpellate interrogato interrogata interrogati interrogate contattato contattata contattati contattate
    raggiunto raggiunta raggiunti raggiunte sollecitato sollecitata""".split())
_THE_LATTER = frozenset("ultimo ultima ultimi ultime".split())  # "quest'ultima": the one named last
# words that open a phrase between a reporting verb and "di": "sui propri profili social di…"
_PHRASE_OPENERS = _PREPOSITIONS | frozenset("sui sugli sulle sullo col coi attraverso tramite durante".split())


@dataclass(frozen=True, slots=True)
class FoundQuote:
    """A quotation found in a text: content range, kind, and speaker and cue ranges when known."""

    start: int
    end: int
    kind: str
    speaker: Range | None = None
    speaker_label: str | None = None  # the linked entity's label; None for a description
    cue: Range | None = None
    entity: Entity | None = None  # the named entity the speaker refers to: its fullest mention


@dataclass(slots=True)
class _Speaker:
    range: Range
    label: str | None


_PARSE_FREE_KEPT = 128  # texts whose parse-free quotations a finder keeps: a batch's pieces (32 texts), and more


class QuoteFinder:
    """Finds quotations with the word lists of one lexicon folder (``resources/quotes`` by default)."""

    def __init__(self, lexicon: QuoteLexicon | None = None, *, syntax_mode: str = "fallback") -> None:
        if syntax_mode not in SYNTAX_MODES:
            raise ValueError(f"syntax_mode must be one of {', '.join(SYNTAX_MODES)}, not {syntax_mode!r}")
        self.lexicon = lexicon or load_lexicon()
        self.person_words = self.lexicon.speaker_nouns | PERSON_NOUNS  # nouns that name who someone is
        self.syntax_mode = syntax_mode
        # the quotations of the texts most recently read whose speakers the rules all found, the
        # parse asked nothing: pre-annotation reads each text twice, once to learn which verbs to
        # parse and once with the parse, and the second reading of such a text is the first's
        self._parse_free: dict[tuple[str, tuple[Entity, ...]], list[FoundQuote]] = {}
        self._parse_free_lock = threading.Lock()
        first_words: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for kind, phrases in (("note", self.lexicon.note_phrases), ("verb", self.lexicon.verb_phrases),
                              ("source", self.lexicon.source_phrases)):
            for phrase in phrases:
                first_words.setdefault(phrase[0], []).append((phrase, kind))
        self._phrases = first_words
        # the phrases of a first word that can match given the word after it (read once per pair):
        # "si" opens 90 phrases, and most of them are out at the second word
        self._phrases_before: dict[tuple[str, str], list[tuple[tuple[str, ...], str]]] = {}

    def find(self, text: str, entities: Sequence[Entity] = (), *, syntax: SyntaxRoles | None = None) -> list[FoundQuote]:
        """The quotations of ``text``; ``entities`` are ``(start, end, label)`` of its names.
        ``syntax``: the parse of ``text`` (:class:`annotator.nlp.syntax_roles.SentenceParses`), to
        read speakers off: the subject of the reporting verb (``syntax_mode`` "first": the parse
        where it names a subject, else the rules; "only": the parse alone; "fallback": the rules,
        else the parse). Without it the rules alone, as always."""
        names = joined_names(text, entities)
        key = (text, tuple(names))
        with self._parse_free_lock:
            known = self._parse_free.get(key)
        if known is not None:
            return list(known)
        document = _Document(self, text, names, syntax)
        found = document.find()
        if syntax is not None and not document.asked_parse:
            with self._parse_free_lock:
                if len(self._parse_free) >= _PARSE_FREE_KEPT:
                    del self._parse_free[next(iter(self._parse_free))]
                self._parse_free[key] = found
        return list(found)


_default_finder: QuoteFinder | None = None


def find_quotes(text: str, entities: Sequence[Entity] = ()) -> list[FoundQuote]:
    """:meth:`QuoteFinder.find` with the bundled lexicon (loaded once)."""
    global _default_finder
    if _default_finder is None:
        _default_finder = QuoteFinder()
    return _default_finder.find(text, entities)


@dataclass(frozen=True, slots=True)
class _Cue:
    start: int  # characters
    end: int
    kind: str  # "verb", "note" (speaker follows), "source" (speaker follows), "colon", "dash", "così"
    next_word: int  # index of the first word after the cue


class _Document:
    """One run of the finder over one text: words, sentences and entities indexed once."""

    def __init__(self, finder: QuoteFinder, text: str, entities: Sequence[Entity],
                 syntax: SyntaxRoles | None = None) -> None:
        self.finder = finder
        self.syntax = syntax
        self.asked_parse = False  # whether the parse was asked for a speaker (the rules found none)
        self._cues: dict[int, _Cue | None] = {}  # word index -> the cue starting there (see _cue_at)
        self._phrases_at: dict[int, _Cue | None] = {}  # word index -> the lexicon expression starting there
        self.lexicon = finder.lexicon
        self.person_words = finder.person_words
        self.text = text
        matches = list(_WORD.finditer(text))
        self.word_starts = [m.start() for m in matches]
        self.word_ends = [m.end() for m in matches]
        self.words = [m.group().lower() for m in matches]
        self.entities = sorted((e for e in entities if e[2] in SPEAKER_LABELS), key=lambda e: e[0])
        self.entity_starts = [e[0] for e in self.entities]
        self.segments = quoted_segments(text)
        self.segment_opens = [seg.open_at for seg in self.segments]
        self.quoted_spans = [(seg.open_at, seg.after) for seg in self.segments]  # for _inside
        persons = [(e[0], e[1]) for e in self.entities if e[2] == "PER"]  # "…Donald Trump Joe Biden risponde…"
        self.ends = sorted(set(text_sentence_ends(text)).union(run_in_ends(text, persons)))
        self.results: list[FoundQuote] = []
        self.last_speaker: _Speaker | None = None
        self.title_end = self._title_end()

    # -- the pass over the text ------------------------------------------------------------------

    def find(self) -> list[FoundQuote]:
        events: list[tuple[int, int, object]] = [(s.open_at, 0, s) for s in self.segments]
        events += [(item[0].start, 1, item) for item in self._indirect_candidates()]
        events.sort(key=lambda e: (e[0], e[1]))
        previous: tuple[FoundQuote, int] | None = None  # last direct quotation and its attribution's end
        for _, kind, item in events:
            if kind == 0:
                previous = self._segment(item, previous)  # type: ignore[arg-type]
            else:
                self._indirect(*item)  # type: ignore[misc]
        self._name_colon_answers()
        unique: dict[tuple[int, int], FoundQuote] = {}
        for quote in self.results:  # two cues for one statement: the first found wins
            if not self._scare_quoted(quote):
                unique.setdefault((quote.start, quote.end), quote)
        self._end_before_inner_sources(unique)
        reach, outer = -1, None
        for report in sorted((q for q in unique.values() if q.kind == "indirect"), key=lambda q: (q.start, -q.end)):
            if outer is not None and report.end <= reach:  # "la teoria secondo cui X" and "X": one report, the outer one
                if self._reported_speech_inside(outer, report):
                    unique.pop((outer.start, outer.end), None)  # "Secondo l'Ansa, Rossi ha detto che X": Rossi's X
                    outer = report
                else:
                    unique.pop((report.start, report.end), None)
                continue
            reach, outer = report.end, report
        for quote in self._inside_reports(list(unique.values())):
            unique.pop((quote.start, quote.end))
        coreference = Coreference(self.text, self.entities, person_nouns=self.lexicon.speaker_nouns,
                                  verbs=self.lexicon.verb_forms)
        return sorted((replace(q, entity=coreference.resolve(*q.speaker) or self._missed_name_entity(q.speaker))
                       if q.speaker else q for q in unique.values()), key=lambda q: (q.start, q.end))

    def _missed_name_entity(self, speaker: Range) -> tuple[int, int, str] | None:
        """A speaker that is a name the NER missed ("secondo TuttoSport", "dallo European Centre for
        Disease Prevention and Control") is its own entity: a body when an acronym, long or joined
        by "for"/"of", else a person ("ha detto Giampaolo Sbarra")."""
        words = self._word_range(*speaker)
        if not words or (len(words) == 1 and self._sentence_initial(words[0])) or \
                not all(self._capital(i) or self.words[i] in _NAME_JOINERS | _NAME_PARTICLES for i in words):
            return None
        if any(self.words[i] in self.person_words for i in words):
            return None  # "Magistrati", "Presidente": a capitalised common noun, no name
        written = self.text[speaker[0]:speaker[1]]
        body = len(words) >= 4 or written.isupper() or any(self.words[i] in _NAME_JOINERS for i in words) or \
            len(words) == 1
        return (speaker[0], speaker[1], "ORG" if body else "PER")

    def _reported_speech_inside(self, outer: FoundQuote, inner: FoundQuote) -> bool:
        """Whether ``inner`` is the statement a source expression relays: its named speaker opens
        ``outer``'s words and its reporting verb follows ("Secondo l'Ansa, | Mario Rossi ha detto
        che…": Rossi's words, which the Ansa reports)."""
        if outer.cue is None or inner.cue is None or inner.speaker is None:
            return False
        outer_cue = self._cue_at(bisect_left(self.word_starts, outer.cue[0]))
        return outer_cue is not None and outer_cue.kind == "source" and \
            len(self._word_range(outer.start, inner.speaker[0])) <= 1 and \
            outer.start <= inner.speaker[0] < inner.cue[0] < inner.start and \
            (self._speaker_in(*inner.speaker, labels=("PER", "ORG")) is not None or self._titled_person(inner.speaker))

    def _titled_person(self, mention: Range) -> bool:
        """A description headed by a title or a speaker noun ("il ministro", "il portavoce
        dell'esercito"): someone who speaks for himself."""
        words = [i for i in self._word_range(*mention) if self.words[i] not in _ARTICLES]
        return bool(words) and self.words[words[0]] in self.lexicon.speaker_nouns

    def _end_before_inner_sources(self, unique: dict[tuple[int, int], FoundQuote]) -> None:
        """A report that runs over the next source's comma ends there: "Secondo Rossi la legge è
        sbagliata, secondo Bianchi è una vergogna" holds two reports, not Rossi's one over both."""
        openers = sorted((q.cue[0], q.start) for q in unique.values()
                         if q.kind == "indirect" and q.cue is not None and q.start >= q.cue[1]
                         and self.text[q.cue[0]:q.cue[1]].lower() in ("secondo", "per"))
        if not openers:
            return
        cue_starts = [cue for cue, _ in openers]
        for key, report in list(unique.items()):
            if report.kind != "indirect":
                continue
            k = bisect_right(cue_starts, report.start)
            if k == len(cue_starts) or cue_starts[k] >= report.end:
                continue
            comma = self.text.rfind(",", report.start, cue_starts[k])
            if comma < 0 or self.text[comma + 1:cue_starts[k]].strip() or \
                    len(self._word_range(report.start, comma)) < 3:
                continue  # only ", secondo Bianchi …": a source that opens a clause of its own
            unique.pop(key)
            trimmed = replace(report, end=comma)
            unique.setdefault((trimmed.start, trimmed.end), trimmed)

    @staticmethod
    def _inside_reports(found: list[FoundQuote]) -> list[FoundQuote]:
        """The partial quotations that lie inside a found indirect report ("ha detto che la riforma
        è «un passo avanti»"): the marked words are part of that one statement, not a second one,
        and a second suggestion over the same words would be one more for the annotator to delete."""
        reports = sorted((q.start, q.end) for q in found if q.kind == "indirect")
        starts = [start for start, _ in reports]
        reach: list[int] = []  # the furthest end of the reports that start at or before each one
        for _, end in reports:
            reach.append(max(end, reach[-1]) if reach else end)
        inside = []
        for quote in found:
            k = bisect_right(starts, quote.start) - 1
            if quote.kind == "partial" and k >= 0 and quote.end <= reach[k]:
                inside.append(quote)
        return inside

    def _scare_quoted(self, quote: FoundQuote) -> bool:
        """One word in quotation marks with its reporting verb after it: a term the writer marks
        ("Dopo la visita "virtuale" Guidoni ha risposto", "Il ladro, che si firma "Leonardo",
        affermava"), not a word someone said; "definendolo un "traditore"" is."""
        if not (quote.kind == "partial" and quote.cue is not None and quote.cue[0] >= quote.end and
                len(_WORD.findall(self.text[quote.start:quote.end])) == 1):
            return False
        before = self._word_range(self._sentence_start(quote.start), quote.start)[-4:]
        return not any((cue := self._cue_at(i)) is not None and cue.kind == "verb" and
                       len(self._word_range(cue.end, quote.start)) <= 2 for i in before)  # "ha parlato di «…»"

    def _name_colon_answers(self) -> None:
        """Words given after a name and a colon, without quotation marks, as in interviews and
        round-ups: "Romano Prodi: È un trionfo. Massimo D'Alema: Siamo maggioranza nel Paese."
        The answer runs to the end of its paragraph or to the next "Name:"."""
        openings = []
        for name in self.entities:
            if (name[2] != "PER" and not (name[2] == "ORG" and name[1] <= self.title_end)) or \
                    self._sentence_start(name[0]) != name[0]:
                continue  # a person, or an organisation in the headline ("Farnesina: nessun italiano coinvolto")
            match = re.match(r"((?:[ \t]+[\w'’]+){0,4}?)[ \t]*:[ \t]+(?=[^\s«“\"])", self.text[name[1]:name[1] + 60])
            if match is None or any(w.lower() in _AUXILIARIES for w in re.findall(r"\w+", match.group(1))):
                continue
            openings.append((name, name[1] + match.end()))
        quoted = self.quoted_spans
        answers: list[tuple[int, int, Entity, int]] = []
        for k, (name, start) in enumerate(openings):
            paragraph_end = self.text.find("\n", start)
            end = len(self.text) if paragraph_end < 0 else paragraph_end
            if k + 1 < len(openings) and openings[k + 1][0][0] < end:
                end = openings[k + 1][0][0]
            if self.text[start] in "'‘":  # a headline in single quotes: "Salvini: 'Il governo cadrà'"
                closing = self.text[start:end].rstrip().rstrip(".")
                if len(closing) < 2 or closing[-1] not in "'’":
                    continue
                start, end = start + 1, start + len(closing) - 1
            end = self._answer_end(name, start, end)
            if len(self._word_range(start, end)) < 3 or _inside(quoted, start):
                continue
            answers.append((start, end, name, self.text.rindex(":", name[1], start)))
        # a colon read already as words said after a clause: one quotation, the answer
        colons = {(colon, colon + 1) for *_, colon in answers}
        self.results = [q for q in self.results if q.cue not in colons]
        for start, end, name, colon in answers:
            self._add(start, end, "direct", _Speaker((name[0], name[1]), name[2]), (colon, colon + 1))

    def _answer_end(self, name: Entity, start: int, end: int) -> int:
        """Where an unmarked answer after "Name:" ends, at the latest at ``end`` (its paragraph's end):
        before a sentence that names its speaker or holds a quotation mark (the writer talking about
        the speaker again: "Violante: intorno a Berlusconi molti mafiosi. Le parole di Luciano
        Violante hanno provocato…"), and after _ANSWER_SENTENCES sentences, so that a text whose
        paragraphs were lost in copying does not make one answer of the rest of the article."""
        names = {w.lower() for w in _WORD.findall(self.text[name[0]:name[1]]) if len(w) > 2}
        first = bisect_right(self.ends, start)
        for count, k in enumerate(range(first, len(self.ends))):
            sentence_end = self.ends[k]
            if sentence_end >= end:
                break
            if count + 1 >= _ANSWER_SENTENCES:
                return sentence_end
            following = self.text[sentence_end:min(end, self.ends[k + 1] if k + 1 < len(self.ends) else end)]
            if any(mark in following for mark in _ANSWER_STOPS) or \
                    any(w.lower() in names for w in _WORD.findall(following)):
                return sentence_end
        return end

    def _carried(self, position: int, cue: _Cue | None = None) -> _Speaker | None:
        """Whom a quotation without a named speaker belongs to: the last speaker named, unless a
        person opened or closed a sentence since ("Carlo Neri ha incontrato i sindacati. Ha detto
        che…")."""
        subject = self._last_subject(position)
        if cue is not None and self._plural_verb(cue):  # "Ha detto X. … Hanno dichiarato che…": not X
            subject = subject if subject is not None and not self._singular(subject) else None
            if subject is None and (self.last_speaker is None or self._singular(self.last_speaker)):
                return None
        if subject is not None and (self.last_speaker is None or subject.range[0] > self.last_speaker.range[1]
                                    or self._spoke_in_a_relative(subject)):
            return subject
        return self.last_speaker

    def _spoke_in_a_relative(self, subject: _Speaker) -> bool:
        """The last quotation was reported in a relative clause of the sentence ``subject`` opens
        ("Maroni se la prende con la UEFA, che aveva parlato di responsabilità dell'Italia. «…»"):
        the words that follow go on with the sentence's subject, not the one it answers."""
        if not self.results or self.results[-1].cue is None:
            return False
        cue_start = self.results[-1].cue[0]
        k = bisect_left(self.word_starts, cue_start)
        relative = k > 0 and (self.words[k - 1] in _RELATIVE_PRONOUNS or
                              " ".join(self.words[max(0, k - 2):k]) in _RELATIVE_PRONOUNS)  # "che", "il quale"
        return relative and self._sentence_start(cue_start) <= subject.range[0] < cue_start

    def _plural_verb(self, cue: _Cue) -> bool:
        """Whether a reporting verb's finite form is plural ("hanno dichiarato", "annunciano",
        "si sono detti"): no one person carried over is its subject."""
        if cue.kind != "verb":
            return False
        words = self._word_range(cue.start, cue.end)
        finite = [self.words[i] for i in words if self.words[i] not in _CLITICS]
        if not finite:
            return False
        first = finite[0]
        if first in _PLURAL_AUXILIARIES:
            return True
        return len(finite) == 1 and first in self.lexicon.verb_forms and first.endswith(_PLURAL_ENDINGS)

    def _singular(self, speaker: _Speaker) -> bool:
        """A person named alone ("Mario Rossi", not "Rossi e Bianchi") or a description opened by a
        singular article ("il ministro")."""
        words = [self.words[i] for i in self._word_range(*speaker.range)]
        if not words or "e" in words or "ed" in words:
            return False
        if speaker.label is not None:
            return speaker.label == "PER"
        return words[0] in _SINGULAR_ARTICLES

    def _last_subject(self, position: int) -> _Speaker | None:
        """The last person named in the first words of a sentence, in the sentence of
        ``position`` (before it) or the two before, or closing one of the two before."""
        k = bisect_right(self.ends, position)
        for index in (k, k - 1, k - 2):
            if index < 0:
                break
            start = self.ends[index - 1] if index > 0 else 0
            end = min(self.ends[index] if index < len(self.ends) else len(self.text), position)
            words = self._word_range(start, end, limit=8)
            clause = next((n for n, i in enumerate(words) if self.words[i] in _SUBORDINATORS), None)
            words = words[:clause]  # "Inoltre, specificano che Schumacher…": not who opens the sentence
            if words and index < k:
                titled = self._titled_opening(words)
                if titled is not None:
                    return titled  # "Il premier ha poi risposto alle critiche. «…», ha assicurato."
            if words:
                person = self._speaker_in(self.word_starts[words[0]], self.word_ends[words[-1]],
                                          labels=("PER",), first=True)
                if person is not None and not self._title_of_work(person):
                    return person
            person = self._person_before_verb(start, end)
            if person is not None:
                return person  # "Nella giornata di martedì …, il presidente Donald Trump ha incaricato…"
            if index < k:
                person = self._closing_person(start, end)
                if person is not None:
                    return person
        return None

    def _titled_opening(self, words: list[int]) -> _Speaker | None:
        """A titled description that opens a sentence right before its auxiliary ("Il premier ha",
        "La ministra aveva"), with no name in it: the sentence's subject."""
        verb = self._first_word_verb(self.word_starts[words[0]], self.word_ends[words[-1]])
        if verb == self.word_ends[words[-1]] or len(self._word_range(self.word_starts[words[0]], verb)) > 4:
            return None
        return self._titled_description(self.word_starts[words[0]], verb, most=4)

    def _person_before_verb(self, start: int, end: int) -> _Speaker | None:
        """The first person named in [start, end) right before an auxiliary ("Donald Trump ha
        incaricato"): the subject of a sentence that opens with something else."""
        lo = bisect_left(self.entity_starts, start)
        for entity in self.entities[lo:bisect_left(self.entity_starts, end)]:
            if entity[2] != "PER" or entity[1] > end:
                continue
            after = bisect_left(self.word_starts, entity[1])
            if after >= len(self.words) or self.text[entity[1]:self.word_starts[after]].strip():
                continue
            if after + 1 < len(self.words) and self.words[after] in _CLITICS and \
                    self._joined(after, after + 1):
                after += 1  # "il premier Silvio Berlusconi si era mostrato fiducioso", "Erik Zabel l'aveva detto"
            if self.words[after] in _AUXILIARIES:
                return _Speaker((entity[0], entity[1]), "PER")
        return None

    def _closing_person(self, start: int, end: int) -> _Speaker | None:
        """The person whose name closes the sentence [start, end), not after a preposition: the
        subject put last ("Si è pronunciato un missionario, padre Alex Zanotelli. Ha dichiarato…")."""
        words = self._word_range(start, end)
        if not words:
            return None
        last = words[-1]
        person = self._speaker_in(self.word_starts[max(words[0], last - 5)], self.word_ends[last], labels=("PER",))
        if person is None or person.range[1] != self.word_ends[last] or self._after_preposition(person.range[0]):
            return None
        return person

    def _add(self, start: int, end: int, kind: str, speaker: _Speaker | None, cue: Range | None,
             *, carried: bool = False) -> FoundQuote:
        start, end = self._trim(start, end)
        if speaker is not None and speaker.label is not None:
            speaker = self._whole_description(speaker)
        if speaker is not None and speaker.label is None:
            speaker = self._cleaned_description(speaker)
            if speaker is None and cue is not None and kind == "direct":
                speaker, carried = self._carried(start), True  # "…, ad esempio ha detto: «…»": no one is "ad esempio"
        quote = FoundQuote(start, end, kind, speaker.range if speaker else None,
                           speaker.label if speaker else None, cue)
        if end > start:
            self.results.append(quote)
        if speaker is not None and not carried:
            self.last_speaker = speaker
        return quote

    def _whole_description(self, speaker: _Speaker) -> _Speaker:
        """A name that only completes a description of someone else is not the speaker: "i legali
        di Speciale", "una portavoce della società Eurotunnel", "il capo del Viminale", "la senatrice
        Pd" speak, not Speciale, Eurotunnel, the Viminale or the party (a body's own office, "la
        questura di Frosinone", is the body). A description the text follows with a name in
        apposition speaks by that name ("il figlio di Vittorio Emanuele, Emanuele Filiberto,")."""
        index = bisect_left(self.word_starts, speaker.range[0])
        if speaker.label in ("ORG", "LOC") and index >= 2 and self._joined(index - 1, index) and \
                self.words[index - 1] in self.person_words and \
                self.words[index - 1] not in ORG_NOUNS and self.text[self.word_starts[index - 1]].islower() and \
                self.words[index - 2] in _DEFINITE_ARTICLES and self._joined(index - 2, index - 1):
            return _Speaker((self.word_starts[index - 2], speaker.range[1]), None)  # "la senatrice Pd"
        k = index - 1
        while k >= 0 and index - k <= 3 and self.words[k] not in _GENITIVE_PREPOSITIONS and \
                self.text[self.word_starts[k]].islower() and not _has_punctuation(
                    self.text[self.word_ends[k]:self.word_starts[k + 1]]):
            k -= 1  # "della società Eurotunnel", "del partito X"
        if k < 1 or self.words[k] not in _GENITIVE_PREPOSITIONS or \
                _has_punctuation(self.text[self.word_ends[k - 1]:self.word_starts[k + 1]]):
            return speaker
        if speaker.label == "PER" and k < index - 1:
            return speaker  # "il ministro del lavoro Cesare Damiano": the name is the title's holder
        head = k - 1
        if self.words[head] not in self.person_words and head >= 1 and \
                self.words[head - 1] not in _ARTICLES | _QUANTIFIERS and \
                not _has_punctuation(self.text[self.word_ends[head - 1]:self.word_starts[head]]):
            head -= 1  # "il consulente generale di Microsoft"
        noun = self.words[head]
        place_of = speaker.label == "LOC" and self.text[self.word_starts[head]].islower() and \
            noun not in _PREPOSITIONS and noun not in ARTICULATED_PREPOSITIONS and noun not in _ARTICLES
        if not place_of and (noun not in self.person_words or noun in ORG_NOUNS):
            return speaker  # (a place never speaks itself: "la stampa del Regno Unito", "i quotidiani di Belgrado")
        first = head
        for before in range(head - 1, max(-1, head - 3), -1):  # "il consulente generale", "i suoi legali"
            if _has_punctuation(self.text[self.word_ends[before]:self.word_starts[before + 1]]):
                break
            if self.words[before] in _ARTICLES | _QUANTIFIERS:
                first = before
                break
            if not self.text[self.word_starts[before]].islower():
                break
        comma = speaker.range[1]
        if self.text.startswith(",", comma):  # "il figlio di Vittorio Emanuele, Emanuele Filiberto,": the name given
            named = self._named_apposition(comma, min(len(self.text), comma + 80))
            if named is not None:
                return named[0]
        return _Speaker((self.word_starts[first], speaker.range[1]), None)

    def _cleaned_description(self, speaker: _Speaker) -> _Speaker | None:
        """A described speaker without the words that dangle at its end ("gli esperti che", "le
        accuse e"); none at all where only a function word or a gerund's phrase is left ("Intanto",
        "Quello", "citando testimoni oculari"): an empty speaker costs the annotator less than a
        wrong one."""
        words = self._word_range(*speaker.range)
        while len(words) > 1 and self.words[words[-1]] in _DANGLING:
            words = words[:-1]
        if not words or (len(words) <= 2 and self.words[words[0]] in _NO_SPEAKER_WORDS) or \
                _GERUND.match(self.words[words[0]]):
            return None
        return _Speaker((self.word_starts[words[0]], self.word_ends[words[-1]]), None)

    # -- quoted segments -------------------------------------------------------------------------

    def _segment(self, seg: Segment, previous: tuple[FoundQuote, int] | None) -> tuple[FoundQuote, int] | None:
        text = self.text
        sentence_start = self._sentence_start(seg.open_at)
        before_start = max(sentence_start, previous[1] if previous else 0)
        before = text[before_start:seg.open_at]
        stripped = before.rstrip()
        # interrupted by its attribution: «A», ha aggiunto X, «B»; or one more: ha detto: «A» e «B»
        if previous and 0 <= seg.open_at - previous[1] <= 5 and \
                text[previous[1]:seg.open_at].strip(" ,;–—-") in ("", "e", "ed"):
            quote, _ = previous
            speaker = _Speaker(quote.speaker, quote.speaker_label) if quote.speaker else None
            kind = "partial" if quote.kind == "partial" else "direct"
            found = self._add(seg.start, seg.end, kind, speaker, quote.cue, carried=True)
            return found, self._attribution_end(seg) or seg.after
        gapped = self._gapped_attribution(seg, previous)
        if gapped is not None:
            return gapped
        if seg.open_at < self.title_end and stripped.endswith(":") and self._is_headline_speaker(before_start, seg.open_at):
            colon = before_start + len(stripped) - 1
            clause = max(before_start, self.text.rfind(",", before_start, colon) + 1)
            speaker = self._speaker_in(clause, colon) or self._capitalised(clause, colon) or \
                self._description(clause, colon) or self._speaker_in(before_start, colon)
            self._add(seg.start, seg.end, "headline", speaker, (colon, colon + 1))
            return None
        split = self._dash_split(seg)  # «A – ha detto X – B», also after a colon
        if split is not None:
            return split
        if stripped.endswith(":"):
            return self._after_colon(seg, before_start, before_start + len(stripped) - 1)
        lead = text[:seg.open_at].rstrip()
        if not stripped and lead.endswith(":"):  # "X scrivono:" closing the paragraph before
            colon = len(lead) - 1
            return self._after_colon(seg, self._sentence_start(colon), colon)
        words_before = self._word_range(before_start, seg.open_at)
        embedded = bool(words_before) and not _only_dash(before)
        if embedded and self._is_term(seg, words_before):
            return None  # "i cosiddetti «esodati»", "soprannominato «il Capitano»", "dei molti «riders»"
        attribution = self._attribution_after(seg) or self._coordinated_attribution(seg)
        if attribution is not None:
            cue, speaker, end = attribution
            kind = "partial" if embedded and self._is_short(seg) else "direct"
            if kind == "partial" and speaker is not None and self._gerund_at(cue.start):
                # "X hanno espresso «…», auspicando un ripensamento da parte di Y": the gerund goes on
                # with the sentence's subject, who said the words
                speaker = self._subject(before_start, seg.open_at) or speaker
            if speaker is None:
                if kind == "partial":  # a verb after a partial quotation belongs to the sentence
                    speaker = self._subject(before_start, seg.open_at)
                speaker = speaker or self._carried(seg.open_at, cue)
                found = self._add(seg.start, seg.end, kind, speaker, (cue.start, cue.end), carried=True)
            else:
                found = self._add(seg.start, seg.end, kind, speaker, (cue.start, cue.end))
            return found, end
        if not embedded:
            if (self._sentence_goes_on(seg) and not seg.cut) or self._looks_like_title(seg):
                return None
            follows = previous is not None and not text[previous[1]:seg.open_at].strip(" .;\n") and \
                text[seg.start:seg.start + 1].isupper()  # «…», ha detto X. «Ricostruiremo tutto».
            if len(self._word_range(seg.start, seg.end)) < 3 and seg.close_at is not None and not follows:
                return None
            found = self._add(seg.start, seg.end, "direct", self._carried(seg.open_at), None, carried=True)
            return found, seg.after  # «A», «B», «C».: the next one is the same speaker's
        return self._partial(seg, sentence_start, before_start)

    def _gapped_attribution(self, seg: Segment,
                            previous: tuple[FoundQuote, int] | None) -> tuple[FoundQuote, int] | None:
        """The second of two statements that share one verb, left out the second time ("Gasparri ha
        parlato di «A», Alemanno di «B»", "Rossi ha definito la legge «A» e Bianchi «B»"): the name
        between them said B, with the first one's cue. The preposition, if any, must be the one
        the first quotation follows."""
        if previous is None or previous[0].cue is None or previous[0].speaker is None:
            return None
        quote, end = previous
        if not 0 <= seg.open_at - end <= 80 or self._sentence_start(seg.open_at) > quote.start:
            return None  # a name and a preposition, in the same sentence
        match = _GAPPED.fullmatch(self.text, end, seg.open_at)
        if match is None:
            return None
        name = self._speaker_in(match.start("name"), match.end("name"), labels=("PER", "ORG"))
        if name is None or name.range != match.span("name") or self._same_name(name, quote.speaker):
            return None
        addressed = self._speaker_in(quote.cue[1], quote.start, labels=("PER", "ORG"))
        if addressed is not None and not self._same_name(addressed, quote.speaker):
            return None  # "Rossi ha definito Bianchi «un ladro», Verdi «un truffatore»": Verdi is called so
        before_first = self._word_range(self._sentence_start(quote.start), quote.start)[-1:]
        preposition = match.group("preposition")
        if preposition is not None and (not before_first or self.words[before_first[0]] != preposition.lower()):
            return None
        kind = quote.kind if quote.kind in ("partial", "direct") else ("partial" if self._is_short(seg) else "direct")
        return self._add(seg.start, seg.end, kind, name, quote.cue), seg.after

    def _same_name(self, name: _Speaker, speaker: Range | None) -> bool:
        """Whether ``name`` is written as ``speaker`` is."""
        return speaker is not None and self.text[slice(*name.range)] == self.text[slice(*speaker)]

    def _dash_split(self, seg: Segment) -> tuple[FoundQuote, int] | None:
        """A quotation its attribution interrupts between dashes inside the marks: «Il paese – ha
        detto Enrico Letta – ha bisogno di riforme», «Siamo preoccupati – spiega il sindaco –
        perché…». Two quotations with the speaker the dashes name (else the last one)."""
        content = self.text[seg.start:seg.end]
        dashes = [seg.start + m.start() for m in re.finditer(r"(?<=\s)[–—-](?=[.,;]?\s)", content)]  # "– dichiara X –."
        for first, second in zip(dashes, dashes[1:]):
            inside = self._word_range(first, second)
            if not 2 <= len(inside) <= 12 or re.search(r"[;:.!?()«»“”\"]", self.text[first + 1:second]):
                continue
            cue = None
            for n, index in enumerate(inside[:6]):
                cue = self._cue_at(index)
                if cue is not None and cue.kind in ("verb", "note") and cue.end <= second:
                    break  # "– ha detto X –", "– si legge in un comunicato dell'ospedale –"
                cue = None
            if cue is None or not self._word_range(seg.start, first) or not self._word_range(second, seg.end):
                continue
            if self._word_range(first, cue.start):
                speaker = self._subject(first + 1, cue.start)
            else:
                speaker = self._speaker_after_cue(cue, second)
            carried = speaker is None
            speaker = speaker or self._carried(seg.open_at, cue)
            self._add(seg.start, first, "direct", speaker, (cue.start, cue.end), carried=carried)
            resume = second + 1 + len(self.text[second + 1:seg.end]) - len(self.text[second + 1:seg.end].lstrip(".,; "))
            found = self._add(resume, seg.end, "direct", speaker, (cue.start, cue.end), carried=True)
            return found, self._attribution_end(seg) or seg.after
        return None

    def _after_colon(self, seg: Segment, start: int, colon: int) -> tuple[FoundQuote, int] | None:
        words = self._word_range(start, colon)
        titled = words[-1:] + (words[-3:-2] if len(words) >= 3 and self.words[words[-2]] in _GENITIVE_PREPOSITIONS else [])
        if any(self._title_word(i) for i in titled) and len(self._word_range(seg.start, seg.end)) <= 6:
            return None  # "il titolo: «…»", "le opere di X: «…»"; a sentence after "all'evento:" is speech
        cue = self._last_cue(start, colon)
        if cue is None:
            attribution = self._attribution_after(seg)
            if attribution is not None and attribution[1] is not None:  # "X: «…», ha detto Y." is Y's
                after, speaker, end = attribution
                return self._add(seg.start, seg.end, "direct", speaker, (after.start, after.end)), end
            speaker = self._subject_named(start, colon) or self._description(start, colon, nouns_only=True) or \
                self._bare_description(start, colon)
            carried = speaker is None  # "Il suo messaggio è stato chiaro: «…»": the last speaker
            found = self._add(seg.start, seg.end, "direct", speaker or self._carried(seg.open_at), (colon, colon + 1),
                              carried=carried)
            return found, self._attribution_end(seg) or seg.after
        attribution = self._attribution_after(seg)
        if attribution is not None and attribution[1] is not None and attribution[0].kind == "verb" and \
                self.text[attribution[0].start].islower() and not self._gerund_at(attribution[0].start):
            after, speaker, end = attribution  # "Hanno commentato anche altri: «…» ha dichiarato X": X's
            return self._add(seg.start, seg.end, "direct", speaker, (after.start, after.end)), end
        before_cue = [self.words[i] for i in self._word_range(start, cue.start)]
        if " ".join(before_cue) in _RELATIVE_PRONOUNS:  # "«…», ha affermato il ministro, che ha aggiunto: «…»"
            start = self._sentence_start(start)  # what it stands for comes before the last quotation
        speaker = self._subject(start, cue.start) if before_cue else self._main_clause_speaker(cue, colon)
        addressed = speaker is None and self._addresses_who_follows(cue)
        if speaker is None and not addressed:
            speaker = self._speaker_after_cue(cue, colon)
        agent = self._passive_agent(cue)
        if agent is not None:  # "La sua affermazione è contestata dallo storico X: «…»": the agent speaks
            speaker = self._speaker_after_cue(agent, colon) or speaker
        carried = speaker is None
        if addressed and carried and self.results and self.results[-1].speaker is not None:
            speaker = self._speaker_in(*self.results[-1].speaker) or _Speaker(self.results[-1].speaker, None)
            # "«…», ha detto. Poi ha attaccato Bianchi: «…»": Bianchi is attacked; the last quotation's speaker speaks
        carried_from = cue.start if addressed else seg.open_at  # the one attacked is not who is carried over
        found = self._add(seg.start, seg.end, "direct", speaker or self._carried(carried_from, cue), (cue.start, cue.end),
                          carried=carried)
        return found, self._attribution_end(seg) or seg.after

    def _main_clause_speaker(self, cue: _Cue, colon: int) -> _Speaker | None:
        """The subject of the main clause after a gerund cue that opens the sentence: "Rispondendo
        ad un appello del ministro X, Putin ha accolto la proposta: «…»" is Putin's."""
        if not self._gerund_at(cue.start):
            return None
        comma = self.text.find(",", cue.end, colon)
        if comma < 0:
            return None
        verb = self._first_word_verb(comma + 1, colon, finite=True)
        return self._subject(comma + 1, verb) if verb < colon else None

    def _addresses_who_follows(self, cue: _Cue) -> bool:
        """A verb whose object is the person it is aimed at, right after it with no comma ("ha
        attaccato Luigi Bianchi", "ringrazia i soccorritori"): that person is not the speaker."""
        if cue.kind != "verb" or cue.next_word >= len(self.words):
            return False
        lemma = self.lexicon.verb_forms.get(self.words[cue.next_word - 1])
        return lemma in _ADDRESSING_VERBS and not _has_punctuation(self.text[cue.end:self.word_starts[cue.next_word]])

    def _bare_description(self, start: int, colon: int) -> _Speaker | None:
        """Words before a colon (from ``start``, the sentence's or the last attribution's end) that
        are only a short noun phrase name the speaker ("Un escursionista: «…»", "I residenti della
        zona: «…»"), as a headline does."""
        words = self._word_range(start, colon)
        if not 2 <= len(words) <= 5 or self.words[words[0]] not in _ARTICLES or \
                any(_FINITE.match(self.words[i]) for i in words):
            return None
        return self._description(self.word_starts[words[0]], colon)

    def _is_term(self, seg: Segment, before: list[int]) -> bool:
        """Quoted words inside a sentence that are a term or a nickname, not speech: after "so
        called" words ("i cosiddetti «esodati»", "soprannominato «il Capitano»", "noto come «…»"),
        or a single word right after an article, a preposition or a quantifier ("dei molti
        «riders»", "un'«attenzione» mediatica", "una sorta di «tariffario»") with no verb of
        saying just before ("ha parlato di «catastrofe»" is said)."""
        last = before[-1]
        if self.text[self.word_ends[last]:seg.open_at].strip(" '’"):
            return False  # punctuation between: "…, «…»"
        word = self.words[last]
        named = before[:-1] if word in _ARTICLES and len(before) > 1 else before  # "noto come il «…»"
        head = self.words[named[-1]]
        if head in _SO_CALLED or (head == "come" and len(named) > 1 and self.words[named[-2]] in
                                  ("noto", "nota", "noti", "note", "conosciuto", "conosciuta", "conosciuti")):
            return True
        if len(self._word_range(seg.start, seg.end)) != 1 or \
                word not in _DETERMINERS | _PREPOSITIONS | _QUANTIFIERS | _NUMBERS:
            return False
        for index in before[-4:]:
            cue = self._cue_at(index)
            if cue is not None and cue.kind == "verb" and len(self._word_range(cue.end, seg.open_at)) <= 2:
                return False
        return True

    def _partial(self, seg: Segment, sentence_start: int, before_start: int) -> tuple[FoundQuote, int] | None:
        if self._names_something(seg, before_start):
            return None
        cue = self._last_cue(sentence_start, seg.open_at)
        sentence_end = self._sentence_end(seg.after)
        if cue is None:
            cue = self._first_cue(seg.after, sentence_end)
            if cue is None:
                return self._after_source(seg, sentence_start) or self._unattributed(seg, sentence_start)
            speaker = self._speaker_after_cue(cue, sentence_end) or self._subject(sentence_start, seg.open_at)
        else:
            speaker = self._subject(sentence_start, cue.start) if self._word_range(sentence_start, cue.start) else None
            speaker = speaker or self._speaker_after_cue(cue, seg.open_at)
            agent = self._passive_agent(cue)
            if agent is not None:  # "Il provvedimento è stato contestato da alcuni esponenti del Pdl: «…»"
                speaker = self._speaker_after_cue(agent, seg.open_at) or speaker
        kind = "partial" if self._is_short(seg) else "direct"
        carried = speaker is None
        found = self._add(seg.start, seg.end, kind, speaker or self._carried(seg.open_at, cue), (cue.start, cue.end),
                          carried=carried)
        return found, seg.after

    def _unattributed(self, seg: Segment, sentence_start: int) -> tuple[FoundQuote, int] | None:
        """Someone's words quoted inside a sentence with no reporting verb: "ha diffuso un appello
        volto ad «evitare un nuovo bagno di sangue»" — lowercase and three words or more (a
        capitalised or shorter string is a name or a term, and so is one right after an article), the
        sentence's subject as speaker."""
        words = self._word_range(seg.start, seg.end)
        if len(words) < 3 or not self.text[self.word_starts[words[0]]].islower():
            return None
        before = self._word_range(sentence_start, seg.open_at)[-1:]
        if before and self.words[before[0]] in _DETERMINERS:
            return None  # "il «re degli ottomila»", "il «padre più bello del mondo»": a name for someone
        speaker = self._speaker_in(sentence_start, seg.open_at, labels=("PER", "ORG"), first=True)
        if speaker is None:
            return None
        return self._add(seg.start, seg.end, "partial", speaker, None), seg.after

    def _after_source(self, seg: Segment, sentence_start: int) -> tuple[FoundQuote, int] | None:
        """Quoted words after a source expression: "Secondo il ministero, «…»"."""
        for index in self._word_range(sentence_start, seg.open_at):
            cue = self._phrase_at(index)
            if cue is not None and cue.kind == "source":
                clause = self._source_clause(cue, self._sentence_end(cue.end))
                if clause is None:
                    return None
                source = clause[1]
                speaker = self._source_speaker(source)
                apposition = (source[1], seg.open_at)  # "Secondo la portavoce dell'Unifil, Yasmina Bouziane, «…»"
                if 0 < len(self._word_range(*apposition)) <= 4:
                    named = self._speaker_in(*apposition)
                    if named is not None and named.label == "PER":
                        speaker = named
                kind = "partial" if self._is_short(seg) else "direct"
                return self._add(seg.start, seg.end, kind, speaker, (cue.start, cue.end)), seg.after
        return None

    def _attribution_after(self, seg: Segment) -> tuple[_Cue, _Speaker | None, int] | None:
        """"«…», ha detto X" / "«…» – X" / "«…». Così X" / "«…», X ha aggiunto": cue, speaker, end."""
        if seg.close_at is None:
            return None
        text = self.text
        position = seg.after
        limit = min(len(text), position + 200)
        rest = text[position:limit]
        lead = re.match(r"[ \t]*([,.:]?)[ \t]*([–—-]?)[ \t]*", rest)
        assert lead is not None
        punct, dash = lead.group(1), lead.group(2)
        start = position + lead.end()
        first = bisect_left(self.word_starts, start)
        if first >= len(self.words) or self.word_starts[first] != start:
            return None
        sentence_end = self._sentence_end(start)
        if punct and not dash and self.words[first] == "così" and first + 1 < len(self.words) and \
                self.words[first + 1] not in _NOT_SAID_BY_AFTER_COSI:
            cue = _Cue(self.word_starts[first], self.word_ends[first], "così", first + 1)  # «…». Così il ministro.
            speaker, end = self._named_after(cue, self._sentence_end(cue.end))  # «…», così X a margine di…
            if speaker is not None:
                return cue, speaker, end
        if punct in ".:" and punct and not dash:
            follow = self._follow_on_attribution(first)
            if follow is not None:
                return follow
            if self.words[first:first + 3] in (["con", "queste", "parole"], ["con", "tali", "parole"]):
                cue = _Cue(self.word_starts[first], self.word_ends[first + 2], "così", first + 3)
                end = self._sentence_end(cue.end)  # «…». Con queste parole il ministro ha aperto…
                verb = self._first_word_verb(cue.end, end)
                speaker = self._speaker_in(cue.end, verb, labels=("PER", "ORG")) or self._description(cue.end, verb)
                if speaker is None and all(self.words[i] in _CLITICS for i in self._word_range(cue.end, verb)):
                    # "Con queste parole si è dimesso il presidente X"
                    speaker = self._speaker_in(verb, end, labels=("PER", "ORG"), first=True)
                if speaker is not None:
                    return cue, speaker, end
            if re.search(r"[:«»“”\"]", text[start:sentence_end]) is None:  # not one opening the next quotation:
                return self._speech_noun_after(start, sentence_end, first, pointed=True)  # "Queste le parole di X"
            return None
        cue = self._cue_at(first)
        if cue is not None and cue.kind in ("verb", "note"):
            speaker, end = self._named_after(cue, sentence_end)
            return cue, speaker, end
        if cue is not None and cue.kind == "source" and punct == ",":  # «…», secondo il ministro X.
            end = self._clause_end(cue.end, sentence_end)
            words = self._word_range(cue.end, end)
            speaker = self._source_speaker((cue.end, end)) if 0 < len(words) <= 10 else None
            introduces = text[end:end + 4].lstrip()[:1] in ("«", "“", '"')  # "…, per Bianchi «…»": the next one's
            if speaker is not None and not introduces and \
                    not (self.text[cue.start:cue.end].lower() == "per" and speaker.label == "LOC"):
                return cue, speaker, end
        if dash:  # «…» – Mario Rossi
            end = self._clause_end(start, sentence_end)
            speaker = self._speaker_in(start, end)
            if speaker is not None:
                return _Cue(position + lead.start(2), position + lead.end(2), "dash", first), speaker, end
            return None
        if punct in (",", ""):  # «…», è stata la risposta di Berlusconi. / «…» è il commento di X.
            spoken = self._speech_noun_after(start, sentence_end, first, pointed=not punct)
            if spoken is not None:
                return spoken
        if punct == "," and self.words[first] not in _NEW_CLAUSE:  # «…», il ministro ha aggiunto.
            for index in range(first, min(first + 7, len(self.words))):
                if self.word_starts[index] >= sentence_end or _has_punctuation(text[start:self.word_starts[index]]):
                    break
                cue = self._cue_at(index)
                if cue is not None and cue.kind == "verb" and index > first:
                    speaker = self._speaker_in(start, cue.start) or self._description(start, cue.start)
                    introduces = text[cue.end:cue.end + 4].lstrip()[:1] in (":", "«", "“", '"')
                    if speaker is not None and not introduces:  # "«…», e il presidente risponde «…»": the next one's
                        return cue, speaker, self._clause_end(cue.end, sentence_end)
                    break
        return None

    def _speech_noun_after(self, start: int, sentence_end: int, first: int, *,
                           pointed: bool = False) -> tuple[_Cue, _Speaker | None, int] | None:
        """A noun of speech and who said it, right after a quotation: "è stata la risposta di
        Berlusconi", "le parole di X", "questo il giudizio dell'avvocato X". ``pointed``: only
        a noun that a copula or a demonstrative points back with ("Questo il commento di X",
        "è il commento di X"), where a bare one would begin a sentence of its own ("La replica
        di X è arrivata in serata") or be the object of the verb before ("ha definito «vergognosa»
        la replica di X")."""
        named = _SPEECH_NOUN_AFTER.match(self.text, start) or _SPEECH_NOUN_BARE.match(self.text, start)
        if named is None or (pointed and self.words[first] not in _POINTING_BACK):
            return None
        end = self._clause_end(named.end(), sentence_end)
        speaker = self._speaker_in(named.end(), end, first=True) or \
            self._description(named.end(), end, nouns_only=True)  # "la risposta di X … di Y": X
        if speaker is None:
            return None
        return _Cue(named.start(1), named.end(1), "così", first), speaker, end

    def _follow_on_attribution(self, first: int) -> tuple[_Cue, _Speaker | None, int] | None:
        """The sentence after a quotation that says who said it: "Lo ha detto X", "Parola di X",
        "A dirlo è X", "È quanto ha dichiarato X"; cue, speaker and where the speaker ends."""
        words, text = self.words, self.text
        cue = None
        named = self._speaker_in(self.word_starts[first], self._clause_end(self.word_starts[first], len(text)),
                                 labels=("PER", "ORG"), first=True)
        if named is not None and named.range[0] == self.word_starts[first]:  # "Carlo Nordio lo ha detto ieri"
            after = bisect_left(self.word_starts, named.range[1])
            if after < len(words) and words[after] in ("lo", "l"):
                cue = self._cue_at(after)
                if cue is not None and cue.kind == "verb" and not self._opens_its_own(cue):
                    return cue, named, self._clause_end(cue.end, self._sentence_end(cue.end))
        if words[first] in ("lo", "l"):
            cue = self._cue_at(first)
            cue = cue if cue is not None and cue.kind == "verb" else None
        elif words[first] in ("parola", "parole") and first + 1 < len(words) and \
                words[first + 1] in _GENITIVE_PREPOSITIONS:  # "Parola di X", "Parola del sindaco X"
            cue = _Cue(self.word_starts[first], self.word_ends[first], "così", first + 1)
            end = self._clause_end(cue.end, self._sentence_end(cue.end))
            speaker = self._speaker_in(cue.end, end) or self._description(self.word_ends[first + 1], end)
            return (cue, speaker, end) if speaker is not None else None
        elif words[first] in ("a", "ad") and first + 1 < len(words):
            match = _A_DIRLO.match(text, self.word_starts[first])
            if match is not None and (match.group(1).lower() in self.lexicon.verb_forms
                                      or match.group(1).lower() + "e" in self.lexicon.verb_forms):
                cue = _Cue(match.start(), match.end(), "così", bisect_left(self.word_starts, match.end()))
        elif words[first:first + 2] == ["è", "quanto"] and first + 2 < len(words):
            cue = self._cue_at(first + 2)
            cue = cue if cue is not None and cue.kind == "verb" else None
        if cue is None or self._opens_its_own(cue):
            return None
        speaker, end = self._named_after(cue, self._sentence_end(cue.end))
        return (cue, speaker, end) if speaker is not None else None

    def _opens_its_own(self, cue: _Cue) -> bool:
        """Whether a quotation mark opens right after ``cue`` ("Renzo Arbore lo ha definito «uno
        dei migliori»"): the verb introduces those words, not the quotation before its sentence."""
        return _OPENS_QUOTATION.match(self.text, cue.end, cue.end + 32) is not None

    def _first_word_verb(self, start: int, end: int, *, finite: bool = False) -> int:
        """Where the first auxiliary in [start, end) starts ("Mario Monti ha aperto"), or with
        ``finite`` the first word that looks like a finite verb ("si dice", "aveva"), else ``end``."""
        for index in self._word_range(start, end):
            if self.words[index] in _AUXILIARIES or (finite and _FINITE.match(self.words[index])):
                return self.word_starts[index]
        return end

    def _coordinated_attribution(self, seg: Segment) -> tuple[_Cue, _Speaker | None, int] | None:
        """«A» e «B», ha detto X: the attribution after the second quotation covers the first."""
        if seg.close_at is None:
            return None
        match = re.match(r"[ \t]*,?[ \t]*(?:e|ed|o)[ \t]+", self.text[seg.after:seg.after + 8])
        if match is None:
            return None
        k = bisect_left(self.segment_opens, seg.after + match.end())
        if k >= len(self.segments) or self.segments[k].open_at != seg.after + match.end():
            return None
        found = self._attribution_after(self.segments[k])
        return (found[0], found[1], seg.after) if found is not None else None

    def _attribution_end(self, seg: Segment) -> int | None:
        found = self._attribution_after(seg)
        return found[2] if found else None

    # -- indirect speech -------------------------------------------------------------------------

    def _indirect_candidates(self) -> list[tuple]:
        """Reporting verbs followed by "che", and source and note expressions: each with the clause
        it reports and, for a source expression, the words that name the source."""
        found: list[tuple] = []  # (cue, clause, source words or None[, kind])
        quoted = self.quoted_spans
        index = 0
        while index < len(self.words):
            if _inside(quoted, self.word_starts[index]):
                index += 1
                continue
            told = self._told_by(index) if self.words[index] in ("a", "ad") else None
            if told is not None:  # "Il decreto arriverà venerdì. A darne notizia è l'Ansa."
                found.append(told)
                index = told[0].next_word
                continue
            cue = self._cue_at(index)
            if cue is None:
                index += 1
                continue
            if self._only_names(cue):
                index = max(index + 1, cue.next_word)
                continue
            sentence_end = self._sentence_end(cue.end)
            if cue.kind == "source":
                clause = self._source_clause(cue, sentence_end)
                if clause is not None:
                    found.append((cue, clause[0], clause[1]))
            else:
                che = self._che_after(cue.next_word, sentence_end, source_first=cue.kind == "note",
                                      opener=self._clause_openers(cue))
                if che is not None and self._relative_after_agent(cue, che):
                    che = None  # "frase confermata da una donna che si trovava nei paraggi"
                if che is None and cue.kind == "verb" and cue.start == self._sentence_start(cue.start):
                    che = self._che_after_speaker(cue, sentence_end)  # "Scrive Beppe Grillo sul blog che…"
                told = self._told_before(cue) if che is None and cue.kind == "verb" and \
                    self._colon_after(cue, sentence_end) is None else None
                if told is not None:  # "Il decreto arriverà venerdì. Lo ha annunciato il premier."
                    found.append((cue, told, None))
                elif che is not None:
                    found.append((cue, (self.word_ends[che], sentence_end), None))
                elif cue.kind == "verb" and self._describes_self(cue, sentence_end):
                    # "si è detto disponibile a incontrare i sindacati", "dicendosi dispiaciuto che…"
                    found.append((cue, (self.word_starts[cue.next_word], sentence_end), None))
                elif cue.kind == "verb":
                    infinitive = self._infinitive_after(cue, sentence_end)
                    colon = self._colon_after(cue, sentence_end)
                    reported = self._reported_noun_phrase(cue, sentence_end) if infinitive is None else None
                    if reported is not None:  # "Le agenzie parlavano di due morti accertati."
                        found.append((cue, reported, None))
                    elif infinitive is None and colon is not None:  # "ha avvertito: se l'Iran…"
                        found.append((cue, (colon, self._speech_runs_on(sentence_end)), None, "direct"))
                    elif infinitive is None:  # "Questo abbandono, aveva promesso, sarebbe avvenuto…"
                        inserted = self._parenthetical(cue, sentence_end)
                        if inserted is not None:
                            found.append((cue, (inserted, sentence_end), None))
                        else:  # "Il bilancio è salito a 12 morti, riferisce la Protezione civile."
                            reported = self._reported_before(cue, sentence_end)
                            if reported is not None:
                                found.append((cue, reported, None))
                    if infinitive is not None:  # "di non voler lasciare il Pirellone, motivando…"
                        start = self.word_starts[infinitive]
                        found.append((cue, (start, self._infinitive_end(start, sentence_end)), None))
            index = max(index + 1, cue.next_word)
        return found + self._unmarked_speech()

    def _unmarked_speech(self) -> list[tuple]:
        """Words said after a colon without quotation marks and without a reporting verb before it:
        a clause about a person ("Il suo allenatore era molto deluso: Avevamo vinto", "pronto a
        combatterlo di nuovo: Manny era infortunato?") or one that goes on with the last speaker
        ("E poi: Sapevo che…"). What follows speaks in the first or second person, else it is the
        writer's colon ("Il bilancio: 20 morti")."""
        found: list[tuple] = []
        for match in _CLAUSE_COLON.finditer(self.text):
            colon = match.start()
            if _inside(self.quoted_spans, colon):
                continue
            sentence_start, sentence_end = self._sentence_start(colon), self._sentence_end(colon)
            after = self.text[colon + 1:sentence_end]
            if not after.strip() or after.lstrip()[:1] in "«“\"'" or _has_quote_marks(after):
                continue
            first = bisect_left(self.word_starts, colon + 1)
            if not _speaks_in_person(after, strict=True) or (first < len(self.words) and self._cue_at(first)):
                continue  # "…: secondo la Rowling, …" is a report, "vi siano" no one speaking
            lead = self._word_range(sentence_start, colon)
            if not lead or len(lead) > 25 or self._last_cue(sentence_start, colon) is not None:
                continue  # a reporting verb before the colon: its own rules read it
            going_on = " ".join(self.words[i] for i in lead) in _GOING_ON
            if not going_on and self._speaker_in(sentence_start, colon, labels=("PER",)) is None and \
                    self._description(sentence_start, colon, nouns_only=True) is None:
                continue
            found.append((_Cue(colon, colon + 1, "colon", first), (colon + 1, self._speech_runs_on(sentence_end)),
                           None, "direct"))
        return found

    def _only_names(self, cue: _Cue) -> bool:
        """A verb that gives a name or a label, never a report of its own ("è stato chiamato il
        medico", "chiamato a testimoniare"): its words in quotation marks are partial quotations
        ("quello che essi chiamano «il loro dovere»"), it opens no indirect one."""
        return cue.kind == "verb" and self.lexicon.verb_forms.get(self.words[cue.next_word - 1]) in _NAMING_VERBS

    def _reported_noun_phrase(self, cue: _Cue, sentence_end: int) -> Range | None:
        """What a report speaks of, as a noun phrase after "parlare di" / "riferire di": "le
        agenzie parlavano di due morti accertati", "la stampa ha riferito di un raffreddamento dei
        rapporti". Only after a bare "di" before a lower-case word or a number: an
        articulated preposition or a name gives the topic, not what was said ("parlò della sua
        malattia", "ha parlato di Paradiso"), except after "riferire", which reports a fact
        ("hanno riferito dell'arresto di 16 persone")."""
        verb = cue.next_word - 1
        lemma = self.lexicon.verb_forms.get(self.words[verb])
        if lemma not in _NOUN_PHRASE_VERBS:
            return None
        k = cue.next_word
        while k < len(self.words) and self.words[k] in ("solo", "soltanto", "anche", "invece", "già", "ora"):
            k += 1
        if k + 1 >= len(self.words) or self.word_starts[k + 1] >= sentence_end or \
                self.text[self.word_ends[verb]:self.word_starts[k]].strip():
            return None
        if lemma == "riferire" and self.words[k] in _GENITIVE_PREPOSITIONS - {"di"} and \
                self.text[self.word_starts[k + 1]].islower():  # "hanno riferito dell'arresto di 16 persone"
            start = self.word_starts[k + 1]
            return start, self._infinitive_end(start, sentence_end, noun_phrase=True)
        if self.words[k] != "di":
            return None
        start = self.word_starts[k + 1]
        first = self.text[start]
        if self.text[self.word_ends[k]:start].strip() or not (first.islower() or first.isdigit()):
            return None  # "ha parlato di «catastrofe»" is a partial quotation of its own
        return start, self._infinitive_end(start, sentence_end, noun_phrase=True)

    def _describes_self(self, cue: _Cue, sentence_end: int) -> bool:
        """A speaker who says how they stand: "si è detto" / "dicendosi" and a word that is no
        article, preposition or clause opener ("disponibile", "molto preoccupata", "dispiaciuto")."""
        phrase = " ".join(w for w in self.text[cue.start:cue.end].lower().split() if not _adverb(w))
        if not phrase.endswith(_SELF_DESCRIBING) or cue.next_word >= len(self.words) or \
                self.word_starts[cue.next_word] >= sentence_end or \
                self.text[cue.end:self.word_starts[cue.next_word]].strip():
            return False
        word = self.words[cue.next_word]
        return word not in _PREPOSITIONS and word not in _ARTICLES and word not in _CLAUSE_OPENERS and \
            word not in ("che", "di", "a", "ad", "e", "anche", "così", "più") and not word.isdigit()

    def _che_after_speaker(self, cue: _Cue, sentence_end: int) -> int | None:
        """The "che" after a sentence-initial reporting verb and the speaker it names: "Ha detto il
        ministro Paolo Gentiloni che…", "Scrive Beppe Grillo sul suo blog che…"."""
        speaker = self._speaker_after_cue(cue, sentence_end)
        if speaker is None or (speaker.label is None and not any(
                self.words[i] in self.lexicon.speaker_nouns for i in self._word_range(*speaker.range)[:4])):
            return None  # "Continuano le ricerche dei piloti … che": no one speaks
        after = bisect_left(self.word_starts, speaker.range[1])
        if after >= len(self.words) or self.text[speaker.range[1]:self.word_starts[after]].strip():
            return None  # "Dice Mario, che era presente, …": a relative clause
        che = after if self.words[after] == "che" else self._che_after(after, sentence_end)
        return che

    def _clause_openers(self, cue: _Cue) -> frozenset[str]:
        """Words besides "che" that open the reported clause after this cue, right after it or
        after a few words with no comma: "ha sottolineato come…", "ha chiesto al ministro se…"."""
        verb = cue.next_word - 1
        if cue.kind != "verb" or self.words[verb] in ("nota", "noto", "note", "noti"):
            return frozenset()  # "nota come" is "known as"
        lemma = self.lexicon.verb_forms.get(self.words[verb])
        first = bisect_left(self.word_starts, cue.start)
        if lemma in _QUESTION_VERBS and first > 0 and self.words[first - 1] in ("che", "cui"):
            return frozenset()  # "una domanda che chiedeva se" asks no one
        if lemma in _QUESTION_VERBS:
            return frozenset(("se", "perché", "come"))
        if lemma not in _COME_VERBS or set(self.words[max(0, first - 1):verb]) & _AS_AUXILIARIES or \
                (first > 0 and self.words[first - 1] == "non"):
            return frozenset()  # "non specifica come si sia giunti": how, not that
        return frozenset(("come",))

    def _che_after(self, index: int, sentence_end: int, *, source_first: bool = False,
                   opener: frozenset[str] = frozenset()) -> int | None:
        """Index of the "che" that opens reported speech after a verb, if one follows closely;
        ``source_first``: a note expression, whose source comes before "che" ("si legge in una nota
        del Ministero della Salute che"); ``opener``: other words that may open it, without a
        comma before them ("ha sottolineato come", "ha chiesto se")."""
        for k in range(index, min(index + 9, len(self.words))):
            if self.word_starts[k] >= sentence_end:
                return None
            word = self.words[k]
            if word == "che":
                between = self.text[self.word_ends[index - 1]:self.word_starts[k]]
                if between.count(",") == 1 and between.rstrip().endswith(",") and k > index:
                    return None  # "polemizzando con la dirigenza di Viale Mazzini, che invece resta…": a relative
                if "sia" in self.words[index:k] or (k > index and self.words[k - 1] in _COMPARATIVE_BEFORE_CHE):
                    return None  # "sia l'osservatorio X che gli osservatori Y", "piuttosto che": a comparison
                return k
            if word in opener and k - index <= 4 and "," not in self.text[self.word_starts[index]:self.word_starts[k]]:
                stop = re.search(r"[,;:.!?()]", self.text[self.word_ends[k]:sentence_end])
                after = self._word_range(self.word_ends[k], self.word_ends[k] + stop.start() if stop else sentence_end)
                if word == "come" and len(after) < 3:
                    return None  # "farsi riconoscere come cronisti": "as", no clause follows
                return k
            parenthetical_gerund = word.endswith(("ndo", "ndosi")) and k > 0 and \
                "," in self.text[self.word_ends[k - 1]:self.word_starts[k]]  # "ha detto, riferendosi a X, che"
            if k == index and word not in _GAP_OPENERS and not word.endswith("mente") and not parenthetical_gerund \
                    and not source_first:
                return None
            if k > index and word.endswith("ndosi") and not parenthetical_gerund:
                return None  # "ha parlato ai giornalisti dicendosi dispiaciuto che": the gerund's own
            if word in ("e", "ma", "perché", "quando", "se", "dove"):
                return None
        return None

    def _infinitive_after(self, cue: _Cue, sentence_end: int) -> int | None:
        """Index of the infinitive that opens reported speech after "di": "ha affermato di aver
        effettuato controlli", "ha dichiarato ai giornalisti di non voler lasciare". Requests
        ("chiesto di", "invitato a") are events, not quotations: the lexicon says which verbs ask."""
        if self.lexicon.verb_forms.get(self.words[cue.next_word - 1]) in _ASKING_VERBS:
            return None
        if cue.next_word < len(self.words) - 1 and self.words[cue.next_word] in _BARE_INFINITIVES and \
                self.word_starts[cue.next_word] < sentence_end and \
                not self.text[cue.end:self.word_starts[cue.next_word]].strip():
            return cue.next_word  # "hanno dichiarato trattarsi di una prassi diffusa"
        agent = cue.next_word < len(self.words) and self.words[cue.next_word] in AGENT_PREPOSITIONS  # "accusata dall'assessore X di…"
        # a phrase after a preposition may stand between: "ha dichiarato sui propri profili social di…"
        phrase = cue.next_word < len(self.words) and self.words[cue.next_word] in _PHRASE_OPENERS
        for k in range(cue.next_word, min(cue.next_word + 8, len(self.words) - 1)):
            if self.word_starts[k] >= sentence_end or (phrase and not agent and _FINITE.match(self.words[k])):
                return None  # "suggerita nel rapporto | è quella di…": the phrase ends at a verb
            word = self.words[k]
            if word in ("di", "d"):
                first = k + 1
                while first < len(self.words) and self.words[first] in ("non", "più", "mai", "già", "anche"):
                    first += 1
                if first < len(self.words) and self.word_starts[first] < sentence_end and \
                        _INFINITIVE.match(self.words[first]):
                    return k + 1
                if phrase and k > cue.next_word and not _has_punctuation(self.text[cue.end:self.word_starts[k]]):
                    continue  # "attraverso il proprio account di Twitter | di aver violato"
                return None
            if k > cue.next_word + 1 and word not in _GAP_OPENERS and not agent and not self._date_word(k) and \
                    not (phrase and not _has_punctuation(self.text[cue.end:self.word_starts[k]])):
                return None
            if word in ("che", "e", "ma", "perché", "quando", "se", "dove"):
                return None
        return None

    def _date_word(self, index: int) -> bool:
        """A word of a date between a verb and what it reports ("hanno annunciato giovedì 7 aprile
        2005 di aver raggiunto un accordo")."""
        word = self.words[index]
        return word.isdigit() or word in MONTHS

    def _source_clause(self, cue: _Cue, sentence_end: int) -> tuple[Range, Range] | None:
        """What a source expression introduces, and the source's words: "Secondo X, CLAUSE.",
        "CLAUSE, secondo X.", "La crisi, secondo X, è finita", "Secondo X non c'è CLAUSE" (no
        comma: the clause starts where the source's noun phrase ends), "uno studio secondo il
        quale CLAUSE" (the source is what the relative pronoun stands for)."""
        text = self.text
        sentence_start = self._sentence_start(cue.start)
        phrase = text[cue.start:cue.end].lower()
        if phrase == "secondo" and self._ordinal_secondo(cue):
            return None
        if phrase == "secondo":
            relative = self._relative_source(cue, sentence_start, sentence_end)
            if relative is not None:
                return relative
        if phrase.startswith("come") and text[sentence_start:cue.start].strip(" \n\"«“"):
            return self._clause_before_source(cue, sentence_start, sentence_end)
        comma = text.find(",", cue.end, sentence_end)
        if _POSSESSIVE_SOURCE.search(phrase):  # "a suo dire", "a loro avviso": the person already named
            return self._possessive_source_clause(cue, sentence_start, sentence_end, comma)
        bare = self._bare_source_end(cue, comma if comma >= 0 else sentence_end) \
            if phrase != "per" or self._person_right_after(cue) or self._speaker_noun_right_after(cue) else None
        # "Per Mario Rossi | la legge è…", "Per gli esperti | non ci sono dubbi"
        if bare is not None:
            comma = -1
            source_words = self._word_range(cue.end, bare)
            while len(source_words) > 1 and self.words[source_words[-1]] in _ADVERBS:
                source_words.pop()  # "Secondo la televisione di stato iraniana invece | i tre…"
            source = (cue.end, self.word_ends[source_words[-1]] if source_words else bare)
        else:
            source = (cue.end, comma if comma >= 0 else sentence_end)
        source_words = self._word_range(*source)
        if not source_words or self._words_counting_names(source_words) > 10:
            return None
        if self.words[source_words[0]] == "quanto" and len(source_words) > 1 and \
                self.words[source_words[1]] in _ACCORDANCE_PARTICIPLES:
            return None  # "secondo quanto stabilito dalla legge Severino": what a rule prescribes
        if self.words[source_words[0]] == "quanto":  # "secondo quanto riportato dall'agenzia X"
            agent = [i for i in source_words[:5] if self.words[i].startswith("da")]
            if agent and agent[0] != source_words[-1]:
                source = (self.word_starts[agent[0] + 1], source[1])
        at_start = not text[sentence_start:cue.start].strip(" \n\"«“") or \
            text[sentence_start:cue.start].rstrip()[-1:] in (":", ";")  # "…: per le associazioni, CLAUSE"
        speaker = self._speaker_in(*source)
        between_commas = text[sentence_start:cue.start].rstrip().endswith(",") and comma >= 0
        opens_a_clause = bare is not None and text[sentence_start:cue.start].rstrip().endswith(",")
        if phrase == "per" and not at_start and not opens_a_clause and \
                not (between_commas and speaker is not None and speaker.label == "PER"):
            return None  # "Il clima, per il ministro Corrado Passera, era «…»" is an attribution
        if phrase == "per" and (self.words[source_words[0]].isdigit() or self.words[source_words[0]] in _NUMBERS):
            return None  # "Per otto anni a fianco di X, …" is a time, not a source
        if speaker is None and phrase == "secondo" and self._only_a_name(source_words):
            speaker = self._capitalised(*source)  # "secondo TuttoSport, …": a name the NER missed
        if speaker is None:
            if not (self._names_a_source(source_words) or self._said_by(source[0]) or
                    ((phrase == "secondo" or phrase.startswith("come ")) and self._someone_or_something_said(source_words))):
                return None
            if phrase == "per" and self.words[source_words[0]] not in _ARTICLES | _QUANTIFIERS:
                return None
        elif phrase == "per" and (speaker.label == "LOC" or self._whose(source_words, speaker)):
            return None  # "Per la morte di Ciro Esposito, …", "per ordine del presidente": a cause, not a source
        if bare is not None:
            return (self.word_starts[self._word_range(bare, sentence_end)[0]], sentence_end), source
        if not at_start and phrase == "secondo" and comma >= 0 and self._conjunction_after(comma):
            lead_start = max(text.rfind(":", sentence_start, cue.start), text.rfind("(", sentence_start, cue.start)) + 1
            lead = self._word_range(max(sentence_start, lead_start), cue.start)
            if len(lead) >= 3:  # "CLAUSE, secondo gli investigatori, anche se…": the clause before
                return (self.word_starts[lead[0]], self.word_ends[lead[-1]]), source
        if comma >= 0 and at_start and self._relative_after(comma):
            following = text.find(",", comma + 1, sentence_end)  # "Secondo Reuters, che cita fonti diplomatiche, CLAUSE"
            if following >= 0 and len(self._word_range(following, sentence_end)) >= 3:
                return (following + 1, sentence_end), source
        if comma >= 0 and not (between_commas and self._relative_after(comma)):
            # (a relative after the source's comma is about the source: "CLAUSE, secondo quanto
            # riportato da Fox News, che cita fonti della polizia.")
            if between_commas and phrase != "per" and self._short_lead(sentence_start, cue.start):
                return (sentence_start, sentence_end), source  # "Il primo caso, secondo i dati, è stato…"
            if not self._apposition_only(comma + 1, sentence_end):
                named = self._named_apposition(comma, sentence_end)
                if named is not None:  # "Secondo il capo della Farnesina, Massimo D'Alema, CLAUSE"
                    return (named[1] + 1, sentence_end), (cue.end, named[1])
                return (comma + 1, sentence_end), source
            source = (cue.end, sentence_end)  # "…, secondo il direttore, Brion Vibber."
        before = text[sentence_start:cue.start].rstrip()
        if before.endswith(","):  # "CLAUSE, secondo X."
            return (sentence_start, sentence_start + len(before) - 1), source
        return None

    def _possessive_source_clause(self, cue: _Cue, sentence_start: int, sentence_end: int,
                                  comma: int) -> tuple[Range, Range] | None:
        """ "A suo dire, CLAUSE", "X, a loro dire, CLAUSE", "CLAUSE, a detta sua.", "la legge a loro
        dire favorirebbe…": what the clause says in the words of the person the possessive stands
        for; the source is empty (its speaker is carried from the sentences before)."""
        source = (cue.end, cue.end)
        before = self.text[sentence_start:cue.start].rstrip()
        if not before.strip(" \n\"«“"):  # "A suo dire, CLAUSE"
            start = comma + 1 if comma >= 0 and not self._word_range(cue.end, comma) else cue.end
            return (start, sentence_end), source
        if before.endswith(",") and comma >= 0 and not self._word_range(cue.end, comma):
            if self._short_lead(sentence_start, cue.start):  # "Il governo, a loro dire, non ha fatto nulla"
                return (sentence_start, sentence_end), source
            return (comma + 1, sentence_end), source  # "e, a loro dire, del tutto legale"
        if before.endswith(",") and not self._word_range(cue.end, sentence_end):
            return (sentence_start, sentence_start + len(before) - 1), source  # "CLAUSE, a detta sua."
        lead = self._word_range(sentence_start, cue.start)[-5:]
        opener = max((position for position, index in enumerate(lead) if self.words[index] in _SUBORDINATE_OPENERS),
                     default=None)
        if not before.endswith(",") and opener is not None and len(self._word_range(cue.end, sentence_end)) >= 3:
            # "dal momento che quella attuale a loro dire favorirebbe…": the subordinate clause
            first = lead[opener + 1] if opener + 1 < len(lead) else self._word_range(cue.end, sentence_end)[0]
            return (self.word_starts[first], sentence_end), source
        return None

    def _clause_before_source(self, cue: _Cue, sentence_start: int, end: int) -> tuple[Range, Range] | None:
        """ "CLAUSE, come confermato dal capo della polizia X[, …]": the clause before the comma is
        what X said, the source runs to the next comma; a clause that is itself a source ("Secondo
        lo stesso sindaco, come riportato dal sito X, …") or that leads to a colon is none."""
        before = self.text[sentence_start:cue.start].rstrip()
        if not before.endswith(",") or ":" in before:
            return None
        comma = sentence_start + len(before) - 1
        clause = self._word_range(sentence_start, comma)
        after = self.text.find(",", cue.end, end)
        if after >= 0 and self._short_lead(sentence_start, cue.start) and len(self._word_range(after, end)) >= 2 \
                and self._phrase_at(clause[0]) is None:
            source = (cue.end, after)  # "La pandemia, come ha spiegato X, è ormai globale": the sentence
            if self._speaker_in(*source) is not None or self._names_a_source(self._word_range(*source)):
                return (sentence_start, end), source
        if len(clause) < 4 or self._phrase_at(clause[0]) is not None or self.words[clause[-1]] in _LEADING_INTO:
            return None  # "…se, come affermato da X, …": the clause goes on after the source
        if self._first_cue(sentence_start, comma) is not None:
            return None  # "…confermerebbero che X, come affermava Vasari": that verb reports X
        after = self.text.find(",", cue.end, end)
        source = (cue.end, after if after >= 0 else end)
        words = self._word_range(*source)
        if not words or (self._speaker_in(*source) is None and not self._names_a_source(words)):
            return None
        return (sentence_start, comma), source

    def _other_sense(self, start: int, verb: int) -> bool:
        """A reporting verb used in a sense that reports nothing: injuries sustained ("le ferite
        riportate", "riportando numerosi traumi"), and a charge described in the passive with no one
        making it ("Slobodan Milošević, accusato di crimini di guerra", "i due vengono accusati di
        omicidio": an accusation event, while "accusata dall'assessore di…" reports one); and
        the impersonal "si ricorda che", "si ritiene che", "si è notato che"."""
        word = self.words[verb]
        lemma = self.lexicon.verb_forms.get(word)
        impersonal = self.words[start] == "si" or (start == verb and verb > 0 and self.words[verb - 1] == "si" and
                                                    self._joined(verb - 1, verb))
        if impersonal and lemma in _IMPERSONAL_UNSAID:
            return True  # "si ricorda che…", "si ritiene che…": the writer's aside, no one's words
        if word == "detto" and (self.words[verb - 1:verb] in (["va"], ["vada"]) or
                                self.words[max(0, verb - 2):verb] == ["non", "è"]):
            return True  # "Va detto che…" (the writer's), "non è detto che…" (it is not certain that)
        if lemma == "riportare":
            near = self.words[max(0, verb - 2):verb] + self.words[verb + 1:verb + 4]
            return any(w in _INJURIES for w in near)
        if lemma == "accusare" and PAST_PARTICIPLE.search(word):
            active = any(self.words[i] in _HAVE for i in range(start, verb)) or \
                (verb > 0 and self.words[verb - 1].startswith(("aver", "avend")))
            agent = verb + 1 < len(self.words) and self.words[verb + 1] in AGENT_PREPOSITIONS
            return not active and not agent
        return False

    def _infinitive_of_purpose(self, index: int) -> bool:
        """A reporting verb in the infinitive that reports nothing yet: after "per", "a", "di" or a
        form of "potere"/"dovere" ("per ricordare di non ripeterli", "al fine di sostenere", "si può
        dire che", "gli USA non possono confermare"). "ha voluto sottolineare", "oltre a
        sottolineare" and "ha fatto dire" do report."""
        if index == 0 or not _INFINITIVE.match(self.words[index]) or not self._joined(index - 1, index):
            return False
        k = index - 1
        while k > 0 and self.words[k] in _ADVERBS and self._joined(k - 1, k):  # "si può quindi dire"
            k -= 1
        before = self.words[k]
        if before in ("a", "ad") and k > 0 and self.words[k - 1] == "oltre":
            return False
        return before in _BEFORE_UNSAID_INFINITIVE

    def _ordinal_secondo(self, cue: _Cue) -> bool:
        """ "secondo" as "second", not "according to": after an article or a verb of placing ("il
        secondo figlio", "era arrivato secondo al Festival") or before "di seguito" / "posto" /
        "classificato" ("lo scudetto, secondo di seguito per l'Inter"); and in a title, between two
        capitalised words ("il Vangelo secondo Matteo")."""
        index = cue.next_word - 1
        joined = index > 0 and self._joined(index - 1, index)
        before = self.words[index - 1] if joined else ""
        after = self.words[cue.next_word:cue.next_word + 2]
        titled = joined and not self._sentence_initial(index - 1) and cue.next_word < len(self.words) and \
            self.text[self.word_starts[index - 1]].isupper() and self.text[self.word_starts[cue.next_word]].isupper()
        return before in _ARTICLES or before in ARTICULATED_PREPOSITIONS or before in _PLACED or titled or \
            after[:1] in (["posto"], ["classificato"], ["classificata"]) or after == ["di", "seguito"]

    def _short_lead(self, start: int, end: int) -> bool:
        """A few words before a source set between commas that begin the reported sentence ("Il
        primo caso, secondo…", "Sarà aperta, a detta del ministro, …"), not a clause of their own
        nor a connective ("Infatti, secondo…")."""
        words = self._word_range(start, end)
        if not 1 <= len(words) <= 6 or _has_punctuation(self.text[start:end].rstrip().rstrip(",")):
            return False
        if self.words[words[-1]] in ("e", "ed", "ma", "però", "mentre"):
            return False  # "Le offerte non mancano e, secondo X, …": a clause of its own, then the report
        return not (len(words) == 1 and self.words[words[0]] in _LEADING_ADVERBS | _CLAUSE_OPENERS | _CONNECTIVES)

    def _named_apposition(self, comma: int, limit: int) -> tuple[_Speaker, int] | None:
        """A person's name standing alone between the comma at ``comma`` and the next one before
        ``limit`` (an apposition: ", Massimo D'Alema,"), and that closing comma."""
        close = self.text.find(",", comma + 1, limit)
        if close < 0:
            return None
        person = self._speaker_in(comma + 1, close, labels=("PER",), quoted=False)
        if person is None or self.text[comma + 1:close].strip() != self.text[slice(*person.range)]:
            return None
        return person, close

    def _conjunction_after(self, comma: int) -> bool:
        """Whether a clause joined to the one before opens after this comma ("…, secondo gli
        investigatori, anche se…", "…, ma in un primo tempo…"): it is not what the source says."""
        words = self._two_words_after(comma)
        return bool(words) and (words[0] in _JOINING or " ".join(words) in _JOINING)

    def _two_words_after(self, comma: int) -> list[str]:
        """The first two words after the comma at ``comma`` (fewer at the text's end)."""
        return [self.words[i] for i in self._word_range(comma + 1, min(len(self.text), comma + 40))[:2]]

    def _relative_after(self, comma: int) -> bool:
        """Whether a relative clause opens after this comma ("…, che cita fonti della polizia"), not
        a "che" that opens a clause with its own subject ("la prova, secondo i carabinieri, che il
        napoletano…")."""
        words = self._two_words_after(comma)
        if len(words) < 2:
            return False
        first, second = words
        if first == "che":
            return second not in _ARTICLES
        return first == "cui" or f"{first} {second}" in _RELATIVE_PRONOUNS

    def _apposition_only(self, start: int, end: int) -> bool:
        """Whether what follows a source's comma only names or describes it: "…, secondo il direttore
        tecnico, Brion Vibber.", "…, secondo Rupert Cornwell, inviato del quotidiano X." (a name, a
        role and no verb: nothing to report)."""
        words = self._word_range(start, end)
        if words and len(words) <= 15 and self.words[words[0]] in self.person_words and \
                not any(_DESCRIPTION_ENDING_VERB.match(self.words[i]) or self.words[i] in _AUXILIARIES or
                        self.words[i] in self.lexicon.verb_forms for i in words):
            return True  # "…, secondo quanto riferito da Rupert Cornwell, inviato nella capitale del quotidiano X."
        if not words or len(words) > 4:
            return False
        return self._speaker_in(start, end) is not None or \
            all(self.text[self.word_starts[i]].isupper() or self.words[i] in _NAME_PARTICLES for i in words)

    def _source_speaker(self, source: Range) -> _Speaker | None:
        """Who a source expression names: an entity, a description, a name the NER missed
        ("secondo TuttoSport"), else its own few words when they say who ("secondo questi",
        "stando alle accuse")."""
        found = self._speaker_in(*source) or self._description(*source)
        if found is not None:
            return found
        words = self._word_range(*source)
        agent = next((i for i in words if self.words[i] in AGENT_PREPOSITIONS), None)
        if agent is not None:  # "i dati forniti dallo European Centre for Disease Prevention and Control"
            named = self._capitalised(self.word_ends[agent], source[1])
            if named is not None and named.range[0] == self.word_starts[agent + 1]:
                return named
        if self._only_a_name(words):
            return self._capitalised(*source)
        while words and self.words[words[0]] in _PREPOSITIONS:
            words = words[1:]
        if words and len(words) <= 4 and (self._names_a_source(words) or self._someone_or_something_said(words)
                                          or self._after_reporting_agent(words[0]) or self._said_by(source[0])):
            return _Speaker((self.word_starts[words[0]], self.word_ends[words[-1]]), None)
        if words and len(words) <= 8 and self.words[words[0]] in _ARTICLES | _QUANTIFIERS:
            return _Speaker((self.word_starts[words[0]], self.word_ends[words[-1]]), None)  # "secondo alcuni documenti diffusi lunedì"
        if words and self.words[words[0]] in _ARTICLES | _QUANTIFIERS and (
                self._names_a_source(words) or self._someone_or_something_said(words)):
            noun = next((n for n in range(len(words)) if self.words[words[n]] not in _DETERMINERS | _QUANTIFIERS), 0)
            head = next((n for n in range(noun + 1, len(words)) if PAST_PARTICIPLE.search(self.words[words[n]]) or
                         self.words[words[n]] in _PREPOSITIONS or self.words[words[n]] in ARTICULATED_PREPOSITIONS or
                         _has_punctuation(self.text[self.word_ends[words[n - 1]]:self.word_starts[words[n]]])), None)
            if head is not None and head <= 4:  # "secondo i dati ufficiali pubblicati all'indomani della chiusura dei seggi"
                return _Speaker((self.word_starts[words[0]], self.word_ends[words[head - 1]]), None)
        return None

    def _words_counting_names(self, words: list[int]) -> int:
        """How many words, a name counting as one ("i dati forniti dallo European Centre for Disease
        Prevention and Control" is five)."""
        count, k = 0, 0
        while k < len(words):
            start = self.word_starts[words[k]]
            lo = bisect_left(self.entity_starts, start)
            entity_end = self.entities[lo][1] if lo < len(self.entities) and self.entities[lo][0] == start else None
            while k + 1 < len(words) and entity_end is not None and self.word_ends[words[k + 1]] <= entity_end:
                k += 1
            while entity_end is None and self._capital(words[k]) and k + 1 < len(words) and (
                    self._capital(words[k + 1]) or (self.words[words[k + 1]] in _NAME_JOINERS | _NAME_PARTICLES and
                                                     k + 2 < len(words) and self._capital(words[k + 2]))):
                k += 1  # a name the NER missed: "European Centre for Disease Prevention and Control"
            count += 1
            k += 1
        return count

    def _capital(self, index: int) -> bool:
        return self.text[self.word_starts[index]].isupper()

    def _said_by(self, start: int) -> bool:
        """The source starts right after a phrase that means "in the words of": "a detta dei diretti
        interessati", "ad avviso degli esperti", "nelle parole del capitano" name who said it
        whatever the noun (where "secondo" and "per" also say in accordance with what, or for whom)."""
        return _SAID_BY.search(self.text[max(0, start - 30):start].lower()) is not None

    def _after_reporting_agent(self, index: int) -> bool:
        """The word opens the agent of "quanto riportato da": "secondo quanto riportato dal
        telegiornale regionale" names who reported, whatever its noun."""
        return index >= 3 and self.words[index - 1] in AGENT_PREPOSITIONS and self.words[index - 3] == "quanto" and \
            self.words[index - 2] not in _ACCORDANCE_PARTICIPLES and self.words[index] not in _ACCORDANCE_NOUNS

    def _only_a_name(self, words: list[int]) -> bool:
        """One to three capitalised words inside a sentence, and nothing else: a name."""
        return 1 <= len(words) <= 3 and all(self.text[self.word_starts[i]].isupper() and not self._sentence_initial(i)
                                            for i in words)

    def _names_a_source(self, words: list[int]) -> bool:
        """Whether unnamed source words say who: a speaker noun ("secondo la polizia tedesca") or
        a document ("secondo le indagini", "secondo i dati"), also after "quanto riportato da"."""
        if self.words[words[0]] == "quanto":  # "quanto riportato dall'agenzia", "quanto afferma il funzionario"
            after = [i for i in words[:5] if self.words[i].startswith("da")]
            words = [i for i in words if i > after[0]] if after else words[2:]
            if not words:
                return False
            if after and self.words[after[0] - 1] not in _ACCORDANCE_PARTICIPLES:
                head = next((self.words[i] for i in words if self.words[i] not in _DETERMINERS | _QUANTIFIERS), "")
                return head not in _ACCORDANCE_NOUNS  # "quanto riportato dal telegiornale regionale": who reported
        nouns = self.lexicon.speaker_nouns | _SOURCE_NOUNS
        return any(self.words[i] in nouns for i in words[:3])

    def _whose(self, words: list[int], speaker: _Speaker) -> bool:
        """The name in a source's words follows another noun: it says whose death, order or voice
        ("per la morte di Ciro Esposito", "per ordine del presidente X", "per voce di Manlio Di
        Stefano"), unless the first noun names a speaker ("per il presidente della Regione X")."""
        before = [i for i in words if self.word_ends[i] <= speaker.range[0]]
        nouns = [i for i in before if self.words[i] not in _ARTICLES | _PREPOSITIONS and
                 self.words[i] not in ARTICULATED_PREPOSITIONS and self.text[self.word_starts[i]].islower()]
        return bool(nouns) and self.words[nouns[0]] not in self.lexicon.speaker_nouns | _SOURCE_NOUNS

    def _someone_or_something_said(self, words: list[int]) -> bool:
        """ "secondo i cacciatori", "secondo molti", "secondo la mappa": any noun phrase after
        "secondo" is a source unless its noun says in accordance with what ("secondo la legge",
        "secondo il fuso orario", "secondo le regole")."""
        before_noun = _DETERMINERS | _QUANTIFIERS
        if self.words[words[0]] not in before_noun:
            return False
        head = next((self.words[i] for i in words if self.words[i] not in before_noun), "")
        if not head:
            return self.words[words[0]] in _QUANTIFIERS  # "secondo molti, …"
        return head not in _ACCORDANCE_NOUNS and not head.isdigit()

    def _person_right_after(self, cue: _Cue) -> bool:
        """A person's name right after the cue, with no article: "Per Mario Rossi…" names a source,
        where "per la morte di…" or "per anni" does not."""
        if cue.next_word >= len(self.words):
            return False
        k = bisect_left(self.entity_starts, self.word_starts[cue.next_word])
        return k < len(self.entities) and self.entities[k][0] == self.word_starts[cue.next_word] and \
            self.entities[k][2] == "PER"

    def _speaker_noun_right_after(self, cue: _Cue) -> bool:
        """A definite article and a speaker noun right after the cue, opening the sentence: "Per
        gli esperti…", "Per il fondatore del M5S…" name a source, where "per i cittadini" does not."""
        k = cue.next_word
        return k + 1 < len(self.words) and self.words[k] in _DEFINITE_ARTICLES and \
            self.words[k + 1] in self.lexicon.speaker_nouns and self.words[k + 1] not in _FOR_WHOM and \
            not self.text[self._sentence_start(cue.start):cue.start].strip(" \n\"«“")

    def _bare_source_end(self, cue: _Cue, limit: int) -> int | None:
        """Where a source without a comma ends, "Secondo la polizia tedesca | non c'è stato…",
        "che secondo Sulej | poteva essere…": at the first word before ``limit`` that opens a
        clause (a negation, an auxiliary or copula, a clitic, or a new article after the source's
        noun), once the source has a noun. None when no such word or nothing after it."""
        words = self._word_range(cue.end, limit)
        if len(words) > 3 and self.words[words[0]] == "quanto" and self.words[words[2]].startswith("da"):
            words = words[3:]  # "secondo quanto dichiarato dal Placanica | il fatto sarebbe…": after the agent
        seen_noun = False
        for position, index in enumerate(words):
            word = self.words[index]
            if seen_noun and position and position <= 12 and \
                    ")" in self.text[self.word_ends[words[position - 1]]:self.word_starts[index]] and \
                    "(" in self.text[cue.end:self.word_starts[index]]:  # its own parenthesis, not one it stands in
                return self.word_starts[index]  # "Secondo il Centro nazionale degli uragani (NHC) | Ike ha…"
            capitalised = self.text[self.word_starts[index]].isupper()  # "dagli Stati Uniti": a name
            after_preposition = self.words[words[position - 1]] in _PREPOSITIONS  # "la televisione di stato"
            if seen_noun and position and not capitalised and not after_preposition and (
                    word in _BARE_CLAUSE_OPENERS or word in DEMONSTRATIVES  # "Secondo i contrari questa è…"
                    or word in _ARTICLES or _CONDITIONAL.match(word)):
                named_last = self._entity_ending(self.word_ends[words[position - 1]])
                if position > (9 if named_last else 6) or index + 2 >= len(self.words):
                    return None  # "Secondo il presidente della Regione Veneto Luca Zaia | c'è…": a name may be long
                return self.word_starts[index]
            if word in _ARTICLES or word in _PREPOSITIONS:
                continue
            if word in ("quanto", "cui") or (not seen_noun and word in _BARE_CLAUSE_OPENERS):
                return None
            seen_noun = True
        return None

    def _relative_source(self, cue: _Cue, sentence_start: int, sentence_end: int) -> tuple[Range, Range] | None:
        """ "uno studio secondo il quale CLAUSE", "voci secondo cui CLAUSE": the clause after the
        relative pronoun, and the words before "secondo" that it stands for."""
        index = cue.next_word
        if index < len(self.words) and self.words[index] == "cui":
            after = index + 1
        elif index + 1 < len(self.words) and self.words[index] in ("il", "la", "i", "le") and \
                self.words[index + 1] in ("quale", "quali"):
            after = index + 2
        else:
            return None
        if after >= len(self.words) or self.word_starts[after] >= sentence_end:
            return None
        head_end = self._antecedent_end(sentence_start, cue.start)
        words = self._word_range(sentence_start, head_end)[-6:]
        if not words:
            return None
        named = [i for i in words if self.words[i] in _ARTICLES | _QUANTIFIERS]
        if named and self._speaker_in(self.word_starts[words[0]], head_end) is None:
            words = words[words.index(named[-1]):]  # "… sulla rivista X uno studio secondo il quale"
        return (self.word_starts[after], sentence_end), (self.word_starts[words[0]], head_end)

    def _antecedent_end(self, sentence_start: int, position: int) -> int:
        """Where the words a relative "secondo cui" stands for end, leaving out a parenthesis and an
        apposition in between: "TMZ (il sito che annunciò…), secondo cui", "Silvia Noé, dell'Udc,
        secondo cui"."""
        head = self.text[sentence_start:position].rstrip().rstrip(",").rstrip()
        if head.endswith(")") and "(" in head:
            head = head[:head.rindex("(")].rstrip().rstrip(",").rstrip()
        comma = head.rfind(",")
        if comma > 0:
            tail = self._word_range(sentence_start + comma, sentence_start + len(head))
            if tail and len(tail) <= 8 and self.words[tail[0]] in _PREPOSITIONS:
                head = head[:comma].rstrip()
        return sentence_start + len(head)

    def _infinitive_end(self, start: int, sentence_end: int, *, noun_phrase: bool = False) -> int:
        """Where reported "di + infinitive" ends: at a semicolon, colon or parenthesis, or at a
        comma that a new clause follows ("di non voler lasciare il Pirellone, motivando…", "di aver
        compiuto atti illegittimi, ammetteva…"), not at one inside the reported words ("di aver
        notato un fulmine che colpiva il ponte, il quale potrebbe…"). After a ``noun_phrase`` an article
        after a comma opens an apposition, not a clause ("di un solo morto, uno dei macchinisti")."""
        for stop in re.finditer(r"[,;:(]", self.text[start:sentence_end]):
            at = start + stop.start()
            if stop.group() != ",":
                return at
            following = self._word_range(at, sentence_end)[:2]
            if not following:
                return at
            word = self.words[following[0]]
            if word.endswith("ndo") or re.search(r"(?:va|vano|ò|rono)$", word) or \
                    word in ("ma", "mentre", "però", "solo", "poi") or \
                    (word in _ARTICLES and not noun_phrase and
                     not (len(following) > 1 and self.words[following[1]] in ("quale", "quali"))):
                return at
        return sentence_end

    def _parenthetical(self, cue: _Cue, sentence_end: int) -> int | None:
        """Where the reported words resume after a reporting verb set between commas or dashes
        inside a sentence ("…, sostiene lo studio, sarebbero necessari…", "– hanno raccontato i
        testimoni –"): the verb group (and its speaker) must fill the parenthesis, and words must
        come before and after it."""
        before = self.text[self._sentence_start(cue.start):cue.start].rstrip()
        spaced_hyphen = before.endswith(" -")  # the web's dash: "La protesta - ha spiegato X - durerà…"
        if not before or (before[-1] not in ",–—" and not spaced_hyphen) or len(_WORD.findall(before)) < 2:
            return None
        verb = _WORD.findall(self.text[cue.start:cue.end])
        if verb[-1].endswith("ndo") or (len(verb) == 1 and re.search(r"t[oaie]$", verb[0])):
            return None  # a gerund or a bare participle: "…, confermando la notizia, …"
        close = re.search(r"\s-\s" if spaced_hyphen else r"[,–—]", self.text[cue.end:sentence_end])
        if close is None or re.search(r"[;:.!?()«»“”\"]", self.text[cue.end:cue.end + close.start()]):
            return None
        resume = cue.end + close.end()
        if self.text[resume:resume + 3].lstrip()[:1] in ("«", "“", '"'):
            return None  # "perché - ha detto - «…»": the attribution of the quotation after it
        inside = self._word_range(cue.end, cue.end + close.start())
        if len(inside) > 8 or (inside and self.words[inside[0]] in ("che", "di", "a", "e", "come")):
            return None
        if any(self.words[i] in _WHAT_IS_SAID for i in inside[:3]):
            return None  # "Al Qaeda, ha confermato la notizia, dopo…": the verb's object, no parenthesis
        resumed = self.words[bisect_left(self.word_starts, resume)]
        if len(self._word_range(resume, sentence_end)) < 4 or resumed in ("che", "e", "ma", "mentre", "quando") or \
                resumed.endswith("ndo") or _ENCLITIC_GERUND.match(resumed):
            return None  # "«…», ha detto X, aggiungendo che…": the gerund reports on its own
        if before[-1] == "," and before[:-1].rstrip()[-1:] in "»”\"":
            return None  # "«…», ha detto X, …": the verb is the quotation's attribution
        return resume

    def _reported_before(self, cue: _Cue, sentence_end: int) -> Range | None:
        """What a reporting verb closing its sentence after a comma reports: the clause before it
        ("L'uomo era armato, ha riferito la polizia.", "Il governo sarebbe pronto a intervenire,
        scrive il Corriere della Sera."); also when "e" or "ma" opens another clause after the
        speaker's comma ("Il velivolo è intatto, ha detto Ginn, e i passeggeri…"). The verb (a
        finite form) and its speaker must fill the rest of the sentence, the clause must have words
        of its own and no reporting verb."""
        text = self.text
        sentence_start = self._sentence_start(cue.start)
        before = text[sentence_start:cue.start].rstrip()
        if not before.endswith(","):
            return None
        comma = sentence_start + len(before) - 1
        verb = _WORD.findall(text[cue.start:cue.end])
        made_known = " ".join(verb[-2:]).lower() in _MAKE_KNOWN  # "fa sapere": its infinitive is no infinitive cue
        if self.lexicon.verb_forms.get(verb[-1].lower()) not in _CLOSING_VERBS and not made_known:
            return None
        if verb[-1].endswith("ndo") or (_INFINITIVE.match(verb[-1].lower()) and not made_known) or \
                (len(verb) == 1 and re.search(r"t[oaie]$", verb[0])):
            return None  # a gerund, an infinitive or a bare participle: "…, confermando la notizia"
        close = text.find(",", cue.end, sentence_end)
        after = self._word_range(close + 1, sentence_end) if close >= 0 else []
        if after and self.words[after[0]] in ("e", "ma", "mentre"):
            sentence_end = close  # "Il velivolo è intatto, ha detto Ginn, e la maggior parte…"
        rest = text[cue.end:sentence_end].rstrip().rstrip(".!?…").rstrip()
        rest_words = self._word_range(cue.end, cue.end + len(rest))
        if not rest_words or len(rest_words) > 10 or _has_punctuation(rest) or \
                any(self.words[i] in ("che", "di", "e", "ma", "se", "come") for i in rest_words):
            return None
        clause = self._word_range(sentence_start, comma)
        if len(clause) < 4 or self._first_cue(sentence_start, comma) is not None or \
                not any(_FINITE.match(self.words[i]) for i in clause):
            return None  # "Incidente aereo tra due Tornado, proseguono le ricerche"
        if bisect_left(self.segment_opens, comma) > bisect_left(self.segment_opens, sentence_start):
            return None  # "…, in quanto «…», spiega Maroni": the attribution is the quotation's
        last = text.rfind(",", sentence_start, comma)
        if last >= 0 and self._speaker_in(last + 1, comma, labels=("PER",)) is not None and \
                len(self._word_range(last + 1, comma)) <= 4:
            return None  # "La moglie di West, Kim Kardashian, ha scritto": an apposition, the subject
        if self._speaker_after_cue(cue, sentence_end) is None:
            return None
        return sentence_start, comma

    def _told_before(self, cue: _Cue) -> Range | None:
        """The sentence before one that opens "Lo ha annunciato X", "Lo riferisce X", "Lo rende
        noto X", "È quanto ha dichiarato X": what the pronoun stands for, reported. The verb must be
        one that closes a report, a speaker must follow it, and the sentence before must be a plain
        statement in the same paragraph (a finite verb, no reporting verb of its own, not the headline)."""
        text = self.text
        sentence_start = self._sentence_start(cue.start)
        lead = self._word_range(sentence_start, cue.start)
        words = self._word_range(cue.start, cue.end)
        if lead:
            if [self.words[i] for i in lead] not in (["lo"], ["l"], ["è", "quanto"], ["questo", "è", "quanto"]):
                return None  # "Lo ha annunciato X", "È quanto ha dichiarato X"
        elif cue.start != sentence_start or self.words[words[0]] not in ("lo", "l"):
            return None
        verb = [self.words[i] for i in words]
        if self.lexicon.verb_forms.get(verb[-1]) not in _CLOSING_VERBS and " ".join(verb[-2:]) not in _MAKE_KNOWN:
            return None
        if self._speaker_after_cue(cue, self._sentence_end(cue.end)) is None:
            return None
        return self._statement_before(sentence_start)

    def _statement_before(self, sentence_start: int) -> Range | None:
        """The sentence before ``sentence_start`` when it is a plain statement in the same
        paragraph: a finite verb, no reporting verb or source of its own, not the headline."""
        k = bisect_right(self.ends, sentence_start) - 1
        if k < 0 or "\n" in self.text[self.ends[k]:sentence_start]:
            return None
        end = self.ends[k]
        start = self._sentence_start(end - 1)
        clause = self._word_range(start, end)
        if start < self.title_end or len(clause) < 4 or not any(_FINITE.match(self.words[i]) for i in clause):
            return None
        if self._first_cue(start, end) is not None or any(self._phrase_at(i) is not None for i in clause):
            return None
        return start, end

    def _told_by(self, index: int) -> tuple[_Cue, Range, None] | None:
        """A sentence opening "A riferirlo è X", "A darne notizia è X", "A confermarlo è stato X":
        the cue and the statement before it that X made."""
        start = self.word_starts[index]
        if self._sentence_start(start) != start:
            return None
        match = _A_DIRLO.match(self.text, start) or _A_DARNE_NOTIZIA.match(self.text, start)
        if match is None or (match.re is _A_DIRLO and match.group(1).lower() not in self.lexicon.verb_forms
                             and match.group(1).lower() + "e" not in self.lexicon.verb_forms):
            return None
        cue = _Cue(match.start(), match.end(), "così", bisect_left(self.word_starts, match.end()))
        if self._speaker_after_cue(cue, self._sentence_end(cue.end)) is None:
            return None
        clause = self._statement_before(start)
        return (cue, clause, None) if clause is not None else None

    def _speech_runs_on(self, end: int) -> int:
        """Where words said after a colon without quotation marks end: the sentences that follow in
        the same paragraph go on speaking while they speak in the first or second person and hold
        no quotation marks ("ha dichiarato: Stavo colpendo il mio avversario. La boxe è questa,
        io ho raggiunto il mio sogno."), at most three of them, and none that gives a colon of its
        own ("Il suo allenatore Freddie Roach: …" is someone else speaking)."""
        for _ in range(3):
            following = end
            while following < len(self.text) and self.text[following] in " \t":
                following += 1
            if following >= len(self.text) or self.text[following] == "\n":
                return end
            next_end = self._sentence_end(following)
            sentence = self.text[following:next_end]
            if _has_quote_marks(sentence) or self._names_next_speaker(following, next_end) or \
                    not _speaks_in_person(sentence):
                return end
            end = next_end
        return end

    def _names_next_speaker(self, start: int, end: int) -> bool:
        """A sentence that gives someone a colon ("Il suo allenatore Freddie Roach: …"), not one
        that goes on ("ed anche: …")."""
        colon = _CLAUSE_COLON.search(self.text, start, end)
        return colon is not None and (self._speaker_in(start, colon.start(), labels=("PER",)) is not None or
                                      self._description(start, colon.start(), nouns_only=True) is not None)

    def _colon_after(self, cue: _Cue, sentence_end: int) -> int | None:
        """Where words said without quotation marks start after a reporting verb and a colon
        ("ha avvertito: se l'Iran accresce…"), if they do: a few words at most between the verb
        and the colon, and at least four words after it."""
        colon = self.text.find(":", cue.end, min(sentence_end, cue.end + 80))
        if 0 < colon < len(self.text) - 1 and self.text[colon - 1].isdigit() and self.text[colon + 1].isdigit():
            return None  # "alle ore 20:00" is a time
        if colon < 0 or _has_punctuation(self.text[cue.end:colon]):
            return None
        verb = _WORD.findall(self.text[cue.start:cue.end])
        if len(verb) == 1 and PAST_PARTICIPLE.search(verb[0].lower()) and \
                cue.start > self._sentence_start(cue.start) + 1:
            return None  # "un asteroide già osservato in precedenza: sia…": a participle describing a noun
        first = bisect_left(self.word_starts, cue.start)
        if len(verb) == 1 and _INFINITIVE.match(verb[0].lower()) and \
                not (first > 0 and self.words[first - 1] in ("far", "fare", "fatto", "fa", "fanno")):
            return None  # "Impossibile dire a priori…:", "si va ad aggiungere ad altri casi:"; not "far dire a X:"
        after = self.text[colon + 1:sentence_end].lstrip()
        words = self._word_range(colon + 1, sentence_end)
        if not after or after[0] in "«“\"‘'" or len(words) < 4:
            return None
        if any(self.words[i] in _EXPLAINING for i in words[:3]) or _LIST.match(after):
            return None  # "viene attaccata la capitale: infatti…", "stato d'emergenza per: Washington, New York, …"
        return colon + 1

    def _indirect(self, cue: _Cue, clause: Range, source: Range | None, kind: str = "indirect") -> None:
        start, end = clause
        lead = re.match(r"\s*:\s*", self.text[start:end])
        if lead is not None:  # "ha dichiarato che: Anche in allenamento consiglio…": the words themselves
            if self.text[start + lead.end():start + lead.end() + 1] in ("«", "“", '"'):
                return  # "dichiara che: «…»": the marks are a quotation of their own
            start, kind = start + lead.end(), "direct"
        start += len(self.text[start:end]) - len(self.text[start:end].lstrip(" ,"))  # "che, se…, X": from "se"
        sentence_start = self._sentence_start(cue.start)
        opened = self.text.rfind("(", sentence_start, cue.start)
        if opened >= 0 and ")" not in self.text[opened:cue.start]:  # "(… la polizia aveva detto che… un pugno)"
            closed = self.text.find(")", start, end)
            end = closed if closed >= 0 else end
            sentence_start = opened + 1  # its speaker is inside the parenthesis too
        end = self._before_semicolon(start, end)
        if end - start < 8 or self._mostly_quoted(start, end):
            return
        end = self._before_writer_clause(start, end)
        if end - start < 8:
            return
        if source is not None and source[0] == source[1]:  # "a suo dire": the subject before, else who spoke last
            before_clause = min(start, cue.start)
            speaker = self._subject(sentence_start, before_clause) if self._word_range(sentence_start, before_clause) \
                else None
            self._add(start, end, kind, speaker or self._carried(cue.start), (cue.start, cue.end),
                      carried=speaker is None)
            return
        if source is not None:
            speaker = self._source_speaker(source)
            self._add(start, end, kind, speaker, (cue.start, cue.end))
            return
        lead = self.text[sentence_start:cue.start].rstrip()
        inserted = lead[-1:] in (",", "–", "—") or lead.endswith(" -")
        limit = start if start >= cue.end else self._sentence_end(cue.end)  # "CLAUSE, riferisce X."
        if cue.kind == "note" or inserted:  # "si legge in una nota del Comune che"; ", sostiene lo studio,"
            speaker = self._speaker_after_cue(cue, limit) or self._subject(sentence_start, cue.start)
        else:
            speaker = self._subject(sentence_start, cue.start) or \
                (None if self._addresses_who_follows(cue) else self._speaker_after_cue(cue, limit))
            # ("dopo aver accusato Trump di aver usato la Bibbia": Trump is accused, not who speaks)
        agent = self._passive_agent(cue)
        if agent is not None:  # "Viene riferito dalla polizia che…": the agent speaks, not the subject
            speaker = self._speaker_after_cue(agent, start) or speaker
        carried = speaker is None
        self._add(start, end, kind, speaker or self._carried(cue.start, cue), (cue.start, cue.end), carried=carried)

    def _before_semicolon(self, start: int, end: int) -> int:
        """Where reported words end at a semicolon outside quotation marks: what follows it is
        the writer's next clause ("ha affermato che è stata una cosa improvvisa; le cause della
        morte rimangono ignote"); or at a colon before quotation marks, which open the speaker's
        own words ("secondo il presidente, sarebbero state preparate all'estero: «Io dico…»"). Fewer
        than five words before such a colon only lead in to the marks: nothing is reported."""
        for match in re.finditer(r";|:\s*[«“\"]", self.text[start:end]):
            if _inside(self.quoted_spans, start + match.start()):
                continue
            if match.group() == ";" or len(self._word_range(start, start + match.start())) >= 5:
                return start + match.start()
            return start  # "si tratta di: «…»", "commosso dall'accoglienza: «…»": a lead-in, no report
        return end

    def _before_writer_clause(self, start: int, end: int) -> int:
        """Where reported words end at the writer's own next clause: a contrast with someone else
        ("…, mentre la rivista X parla di sette vittime"), or the speaker's next act of saying
        ("…, sottolineando comunque che", "… e ricorda le vite dei soldati"). Four words at least
        stay reported."""
        words = self._word_range(start, end)
        negated = any(self.words[i] == "non" for i in words[:4])
        for position in range(4, len(words)):
            index = words[position]
            if not _inside(self.quoted_spans, self.word_starts[index]):
                after_comma = "," in self.text[self.word_ends[words[position - 1]]:self.word_starts[index]]
                if self._writer_goes_on(index, end, after_comma=after_comma, negated=negated):
                    return self.word_ends[words[position - 1]]
            negated = negated or self.words[index] == "non"
        return end

    def _writer_goes_on(self, index: int, end: int, *, after_comma: bool, negated: bool) -> bool:
        """Whether word ``index`` opens the writer's clause; ``negated``: a "non" came before it in
        the report."""
        word = self.words[index]
        following = self.words[index + 1] if index + 1 < len(self.words) and self.word_starts[index + 1] < end else ""
        if word in ("e", "ed"):
            return self._says_next(index + 1, end)  # "… e ricorda", "e ne ha chiesto"
        if not after_comma:
            return False
        if word in ("mentre", "cosa"):  # "…, mentre la rivista X parla di…", "…, cosa già accaduta"
            return True
        if _GERUND.match(word):  # a reporting gerund only: "…, arrivando a incassare" stays reported
            return word in self.lexicon.verb_forms
        if word == "ma":  # "…, ma le immagini aeree…", not "non X, ma Y"
            return following in _ARTICLES and not negated
        if word == "come":  # "…, come affermava Giorgio Vasari"
            return self._says_next(index + 1, end)
        return word == "anche" and following == "se"

    def _says_next(self, index: int, end: int) -> bool:
        """A finite reporting verb at word ``index``, after adverbs and clitics ("poi ha anche
        ipotizzato", "ne ha chiesto")."""
        while index < len(self.words) and (_adverb(self.words[index]) or self.words[index] in _VERB_CLITICS | {"ne"}):
            index += 1
        cue = self._cue_at(index) if index < len(self.words) and self.word_starts[index] < end else None
        return cue is not None and cue.kind == "verb" and not _INFINITIVE.match(self.words[cue.next_word - 1])

    def _relative_after_agent(self, cue: _Cue, che: int) -> bool:
        """ "che" after the agent of a passive participle that agrees with a subject is a relative
        pronoun ("La notizia è stata confermata da un astronomo, George Hall, che…", "L'attentato
        sarebbe stato rivendicato da terroristi che…"); only an impersonal one, with nothing before
        it but auxiliaries ("È stato confermato dai magistrati che…"), reports."""
        agent = self._passive_agent(cue)
        participle = self.words[self._word_range(cue.start, cue.end)[-1]]
        if agent is None or che < agent.next_word or PAST_PARTICIPLE.search(participle) is None:
            return False
        who = (agent.end, self.word_starts[che])  # a person, not "dalla considerazione che…"
        if self._speaker_in(*who, labels=("PER",)) is None and not any(
                self.words[i] in self.person_words and self.words[i] not in _SOURCE_NOUNS
                for i in self._word_range(*who)):
            return False
        lead = [i for i in self._word_range(self._sentence_start(cue.start), cue.start)
                if self.words[i] not in _AUXILIARIES | _PLACE_TIME_ADVERBS and not _adverb(self.words[i])]
        return not participle.endswith("o") or bool(lead)

    def _passive_agent(self, cue: _Cue) -> _Cue | None:
        """A passive reporting verb followed by its agent ("viene riferito dalla polizia", "è stato
        annunciato dal ministro"): the cue stretched over "da", so that the speaker follows it."""
        verb = _WORD.findall(self.text[cue.start:cue.end].lower())
        # "accusata dall'assessore", "le frasi dette da Armstrong"
        participle = len(verb) == 1 and is_participle(verb[0], REPORTING_PARTICIPLE_STEMS)
        if cue.kind not in ("verb", "note") or not (participle or len(verb) >= 2 and set(verb[:-1]) & {
                "viene", "vengono", "venne", "stato", "stata", "stati", "state", "è", "sono", "era", "erano", "fu",
                "furono", "si"}):  # "si apprende da fonti giudiziarie che"
            return None
        k = cue.next_word
        while k < len(self.words) and self.words[k] in _ADVERBS and k - cue.next_word < 2:
            k += 1  # "si apprende infatti da…"
        if k >= len(self.words) or self.words[k] not in AGENT_PREPOSITIONS:
            return None
        return _Cue(cue.start, self.word_ends[k], cue.kind, k + 1)

    def _mostly_quoted(self, start: int, end: int) -> bool:
        first = max(0, bisect_left(self.segment_opens, start) - 1)  # segments never overlap each other
        inside = 0
        for seg in self.segments[first:]:
            if seg.open_at >= end:
                break
            inside += max(0, min(end, seg.after) - max(start, seg.open_at))
        return inside >= 0.6 * (end - start)

    # -- cues ------------------------------------------------------------------------------------

    def _cue_at(self, index: int) -> _Cue | None:
        """A reporting verb group ("ha poi aggiunto", "gli ha detto", "spiega") or a lexicon
        expression starting at word ``index`` (each word is read once: the scans for each quotation
        and report ask about the same words again)."""
        if index not in self._cues:
            self._cues[index] = self._read_cue_at(index)
        return self._cues[index]

    def _read_cue_at(self, index: int) -> _Cue | None:
        phrase = self._phrase_at(index)
        if phrase is not None:
            return phrase
        words, count = self.words, len(self.words)
        if words[index] == "come":
            return self._as_reported(index)
        if words[index] in ("gli", "le") and index + 1 < count and self._joined(index, index + 1):
            for phrase, kind in self.finder._phrases.get(words[index + 1], ()):
                last = self._phrase_end(index + 1, phrase, skip=False) if kind == "verb" else None
                if last is not None:  # "gli fa eco", "le fa eco": the pronoun, not an article
                    return _Cue(self.word_starts[index], self.word_ends[last], "verb", last + 1)
        k = index
        if words[k] in _CLITICS and k + 1 < count and self._joined(k, k + 1) and (
                words[k + 1] in _AUXILIARIES
                or (words[k] in _VERB_CLITICS and words[k + 1] in self.lexicon.verb_forms)):
            k += 1
            if words[k] in self.lexicon.verb_forms:  # "si appella", "gli chiede"
                return None if self._other_sense(index, k) else \
                    _Cue(self.word_starts[index], self.word_ends[k], "verb", k + 1)
        has_auxiliary = False
        if words[k] in ("stato", "stati") and self.text[self.word_starts[k]].isupper() and \
                not self._sentence_initial(k):
            return None  # "Il capo dello Stato ha spiegato": the state, no auxiliary
        while k < count and k - index < 5 and (
                words[k] in _AUXILIARIES or (has_auxiliary and (words[k] in _ADVERBS or words[k].endswith("mente")
                                                                or words[k] in _MODAL_PARTICIPLES))):
            if self._joined(k, k + 1):
                k += 1
            elif words[k] in _AUXILIARIES and self._adverb_between_commas(k):
                k += 2  # "il questore ha, infatti, affermato"
            else:
                break
            has_auxiliary = True
        if k >= count:
            return None
        if words[k] in self.lexicon.verb_forms and (has_auxiliary or not self._after_determiner(k)) and \
                (has_auxiliary or not self._infinitive_of_purpose(k)) and not self._other_sense(index, k):
            return _Cue(self.word_starts[index], self.word_ends[k], "verb", k + 1)
        if not has_auxiliary and k == index:  # a gerund with its pronouns: "gridandole", "spiegandogli"
            gerund = _ENCLITIC_GERUND.match(words[k])
            if gerund is not None and gerund.group(1) in self.lexicon.verb_forms:
                return _Cue(self.word_starts[index], self.word_ends[k], "verb", k + 1)
        if has_auxiliary:
            phrase = self._phrase_at(k)
            if phrase is not None and phrase.kind == "verb":
                return _Cue(self.word_starts[index], phrase.end, "verb", phrase.next_word)
        return None

    def _adverb_between_commas(self, k: int) -> bool:
        """Word k + 1 is an adverb set between commas right after word k: "ha, infatti, affermato"."""
        if k + 2 >= len(self.words) or self.words[k + 1] not in _ADVERBS:
            return False
        return self.text[self.word_ends[k]:self.word_starts[k + 1]].strip() == "," and \
            self.text[self.word_ends[k + 1]:self.word_starts[k + 2]].strip() == ","

    def _as_reported(self, index: int) -> _Cue | None:
        """ "come" before a reporting verb is a source expression, like "secondo": "…, come
        confermato dal capo della polizia X", "come ha precisato il responsabile", "come aveva
        comunicato nel suo sito" (the agent's preposition belongs to the expression)."""
        if index + 1 >= len(self.words) or not self._joined(index, index + 1):
            return None
        verb = self._cue_at(index + 1)
        if verb is None or verb.kind != "verb":
            return None
        end, after = verb.end, verb.next_word
        if after < len(self.words) and self.words[after] in AGENT_PREPOSITIONS and self._joined(after - 1, after):
            end, after = self.word_ends[after], after + 1
        return _Cue(self.word_starts[index], end, "source", after)

    def _phrase_at(self, index: int) -> _Cue | None:
        """A lexicon expression (verb, note or source) starting at word ``index``, read once."""
        if index not in self._phrases_at:
            self._phrases_at[index] = self._read_phrase_at(index)
        return self._phrases_at[index]

    def _read_phrase_at(self, index: int) -> _Cue | None:
        candidates = self.finder._phrases.get(self.words[index])
        if not candidates:
            return None
        following = self.words[index + 1] if index + 1 < len(self.words) else ""
        if not _adverb(following):  # an adverb may stand inside a verb phrase: every phrase stays in
            key = (self.words[index], following)
            narrowed = self.finder._phrases_before.get(key)
            if narrowed is None:
                narrowed = [c for c in candidates if len(c[0]) == 1 or c[0][1] == following]
                self.finder._phrases_before[key] = narrowed
            candidates = narrowed
        for phrase, kind in candidates:
            last = self._phrase_end(index, phrase, skip=kind == "verb" and len(phrase) > 2)
            if last is None:
                continue
            if kind != "source" and self._after_determiner(index):
                continue
            return _Cue(self.word_starts[index], self.word_ends[last], kind, last + 1)
        return None

    def _phrase_end(self, index: int, phrase: tuple[str, ...], *, skip: bool) -> int | None:
        """Index of the last word of ``phrase`` read from word ``index``, its words joined; ``skip``:
        one adverb may stand inside it ("si è subito detto", "si è ovviamente detta")."""
        k = index
        for position, expected in enumerate(phrase):
            if k >= len(self.words):
                return None
            if self.words[k] != expected and skip and position > 0 and _adverb(self.words[k]):
                skip = False
                k += 1
                if k >= len(self.words):
                    return None
            if self.words[k] != expected or (k > index and not self._joined(k - 1, k)):
                return None
            k += 1
        return k - 1

    def _last_cue(self, start: int, end: int) -> _Cue | None:
        """The last reporting verb or note expression inside [start, end)."""
        best = None
        for index in self._word_range(start, end):
            cue = self._cue_at(index)
            if cue is not None and cue.end <= end and cue.kind in ("verb", "note"):
                if best is None or cue.start >= best.end:
                    best = cue
        return best

    def _first_cue(self, start: int, end: int) -> _Cue | None:
        """The first reporting verb or note expression inside [start, end)."""
        for index in self._word_range(start, end):
            cue = self._cue_at(index)
            if cue is not None and cue.end <= end and cue.kind in ("verb", "note"):
                return cue
        return None

    # -- speakers --------------------------------------------------------------------------------

    def _speaker_after_cue(self, cue: _Cue, limit: int) -> _Speaker | None:
        return self._named_after(cue, limit)[0]

    def _named_after(self, cue: _Cue, limit: int) -> tuple[_Speaker | None, int]:
        """The speaker named right after a cue, and where its words end: "ha detto oggi il
        portavoce del Cremlino Pavel Sorokin", "commenta il presidente dell'associazione, Davide
        Lorusso,", "una nota del Comune". With a parse, for a reporting verb: its subject after it
        (or an object that names a person: the parser often takes "ha detto il ministro" for an
        object), as the finder's ``syntax_mode`` says; the words' end is the rules'."""
        speaker, end = self._named_after_by_rules(cue, limit)
        if cue.kind != "verb":
            return speaker, end
        return self._with_syntax(cue.start, cue.end, limit, lambda: speaker), end

    def _named_after_by_rules(self, cue: _Cue, limit: int) -> tuple[_Speaker | None, int]:
        """A person named in the clause after the cue wins (the first one: "contro il norvegese X"
        comes later), then a person in an apposition after a description, then the description
        ("una turista tedesca"), then an organisation or a capitalised name the NER missed. A
        preposition right after the cue ("ha scritto su X") means no speaker is named there."""
        end = self._clause_end(cue.end, limit)
        own = self._subordinate_start(cue.next_word, end)  # the words before another clause opens
        person = self._first_person_not_addressed(cue.end, own)
        if person is not None:
            return person, end
        words = self._word_range(cue.end, own)
        while words and self.words[words[0]] in _LEADING_ADVERBS:
            words = words[1:]
        if words and self.words[words[0]] in _PREPOSITIONS and cue.kind == "verb" and self.text[end:end + 1] == ":":
            words = self._after_complements(words)  # "ricordano ai microfoni di Studio Aperto i suoi amici:"
        if not words or (self.words[words[0]] in _NP_STOPS and cue.kind not in ("note", "source")):
            return None, end
        stop = len(words)
        for n, index in enumerate(words):
            if self.words[index] in _NP_STOPS and n > 0:
                stop = n
                break
        np_start, np_end = self.word_starts[words[0]], self.word_ends[words[stop - 1]]
        named = self._speaker_in(np_start, np_end, first=True)
        if named is not None and all(self.words[i] in _ARTICLES for i in self._word_range(np_start, named.range[0])):
            return named, end  # "ha detto il Ministero della Salute": the organisation itself
        description = self._description(np_start, np_end)
        apposition = self._apposition(end, limit)
        if apposition is not None and description is not None:
            return apposition
        speaker = description or self._speaker_in(np_start, np_end, first=True) or self._capitalised(np_start, np_end)
        return speaker, end

    def _after_complements(self, words: list[int]) -> list[int]:
        """The words from the noun phrase that follows the prepositional phrases opening ``words``
        (the subject after them: "ai microfoni di Studio Aperto i suoi amici"), or ``words`` when
        no article opens a phrase of its own there."""
        for n in range(1, len(words)):
            before = self.words[words[n - 1]]
            if self.words[words[n]] in _ARTICLES and before not in _ANY_PREPOSITION and before not in ("e", "ed", "o"):
                return words[n:]
        return words

    def _first_person_not_addressed(self, start: int, end: int) -> _Speaker | None:
        """The first person named in [start, end) who is not spoken to or with ("parlando con
        Vladimir Putin", "ha scritto al presidente X"): a name after such a preposition is not
        who speaks, a later one may be ("ha detto a Mario Rossi il ministro Carlo Neri")."""
        lo = bisect_left(self.entity_starts, start)
        for entity in self.entities[lo:bisect_right(self.entity_starts, end)]:
            if entity[1] > end or entity[2] != "PER":
                continue
            person = _Speaker((entity[0], entity[1]), "PER")
            if not self._complement(person, _ADDRESSEE_PREPOSITIONS):
                return person
        return None

    def _subordinate_start(self, first: int, end: int) -> int:
        """Where a clause of its own opens in [word ``first``, ``end``): at "che", a conjunction or
        a gerund ("ha spiegato un poliziotto aggiungendo che Kim…": Kim is not who speaks)."""
        for index in range(first, len(self.words)):
            if self.word_starts[index] >= end:
                break
            word = self.words[index]
            gerund = index > first and word.endswith(("ando", "endo")) and len(word) > 5 and \
                self.words[index - 1] not in _ARTICLES | _PREPOSITIONS  # not "il reverendo"
            if word in _SUBORDINATORS or gerund:
                return self.word_starts[index]
        return end

    def _apposition(self, comma: int, limit: int) -> tuple[_Speaker, int] | None:
        """A person named between commas right after a description (", il colonnello David
        Amrani,"), and where the apposition ends."""
        if comma >= limit or self.text[comma:comma + 1] != ",":
            return None
        end = self._clause_end(comma + 1, limit)
        words = self._word_range(comma + 1, end)
        if len(words) > 6:
            return None
        opening = self.words[words[0]] if words else ""
        if opening and not self.text[self.word_starts[words[0]]].isupper() and opening not in _ARTICLES and \
                opening not in _APPOSITION_OPENERS and opening not in self.lexicon.speaker_nouns and \
                opening not in self.lexicon.title_words:
            return None  # ", citata dalla BBC": who quotes her, not a name given to her
        speaker = self._speaker_in(comma + 1, end, labels=("PER",)) or self._capitalised(comma + 1, end)
        return (speaker, end) if speaker is not None else None

    def _subject(self, start: int, verb: int) -> _Speaker | None:
        """The subject before a verb, within its sentence: with a parse, the verb's subject (as
        the finder's ``syntax_mode`` says); else by the rules (:meth:`_subject_by_rules`)."""
        return self._with_syntax(verb, start, verb, lambda: self._subject_by_rules(start, verb))

    def _with_syntax(self, verb: int, start: int, end: int, rules) -> _Speaker | None:
        """The speaker of the reporting verb at ``verb`` inside [start, end): the parse's and the
        rules' (a callable), combined as the finder's ``syntax_mode`` says. Where the parse names
        a subject outside [start, end) ("ha detto il ministro" asked before the verb), it answers
        None there: the speaker is looked for on the other side."""
        if self.syntax is None:
            return rules()
        mode = self.finder.syntax_mode
        if mode == "fallback":
            return rules() or self._syntactic_speaker(verb, start, end)[1]
        answered, speaker = self._syntactic_speaker(verb, start, end)
        if mode == "only" or answered:
            return speaker
        return rules()

    def _syntactic_speaker(self, verb: int, start: int, end: int) -> tuple[bool, _Speaker | None]:
        """Whether the parse names the subject of the reporting verb at ``verb``, and the speaker
        it gives inside [start, end): the subject, else (after the verb) an object that names a
        person ("ha detto il ministro", "ha dichiarato Mario Rossi")."""
        assert self.syntax is not None
        self.asked_parse = True
        roles = self.syntax.roles(verb)
        if roles is None:
            return False, None
        candidates = [(a, False) for a in roles.subjects
                      if not is_personal_pronoun(a, self.text) and not self._relative_pronoun(a)]
        if not roles.passive:
            candidates += [(a, True) for a in roles.objects if a.phrase[0] >= verb]
        answered = False
        for argument, as_object in candidates:
            speaker = self._argument_speaker(argument, as_object)
            if speaker is None:
                continue
            answered = True
            if start <= argument.phrase[0] and argument.phrase[1] <= end:
                return True, speaker
        return answered, None

    def _relative_pronoun(self, argument: Argument) -> bool:
        """A subject that is a bare relative pronoun ("…, che ha aggiunto: «…»"): it names no one
        itself; the rules find what it stands for, or the speaker carries on."""
        return self.text[argument.phrase[0]:argument.phrase[1]].lower() in _RELATIVE_PRONOUNS

    def _argument_speaker(self, argument: Argument, as_object: bool) -> _Speaker | None:
        """The speaker a syntactic argument names: a person in its phrase ("il portavoce del
        Cremlino Dmitry Peskov") or its apposition, the entity its head noun is part of, else the
        phrase itself as a description ("un membro del personale"); an object only when it names a
        person or is headed by a speaker noun ("ha detto la verità" names no one)."""
        start, end = argument.phrase
        head_start = argument.head[0]
        person = self._speaker_in(start, end, labels=("PER",))
        if person is None and argument.apposition is not None:
            person = self._speaker_in(*argument.apposition, labels=("PER",)) or _Speaker(argument.apposition, None)
        if person is not None:
            return person
        lo = bisect_right(self.entity_starts, head_start) - 1
        if lo >= 0 and self.entities[lo][0] <= head_start < self.entities[lo][1]:
            entity = self.entities[lo]
            return _Speaker((entity[0], entity[1]), entity[2])
        if argument.pos == "PROPN":
            return _Speaker(argument.head, None)
        words = self._word_range(start, end)
        if as_object and not any(self.words[i] in self.lexicon.speaker_nouns for i in words[:4]):
            return None
        if not words:
            return None
        if len(words) > 10:
            return _Speaker(argument.head, None)
        return _Speaker((start, end), None)

    def _subject_by_rules(self, start: int, verb: int) -> _Speaker | None:
        """The subject before a verb, within its sentence (:meth:`_nearest_subject`); for a verb
        joined to the clause's first verb by "e" or a gerund, not a name that stands after that
        verb: "Letta è salito al Quirinale da Giorgio Napolitano e ha poi dichiarato che…", "la
        polizia ha arrestato Mario Rossi, dicendo che…" are Letta's and the police's words."""
        speaker = self._nearest_subject(start, verb)
        if self._gerund_at(verb):
            relative = self._relative_clause_subject(start, verb)
            if relative is not None:
                return relative  # "seguito da Marzouk che si è intrattenuto con i giornalisti dichiarando che…"
        if speaker is None and self._coordinated_verb(start, verb, joining=("ma", "però")):
            first = self._finite_verb_before(start, self._clause_start(start, verb))
            # "Il ministro ha espresso lo sconcerto, ma ha annunciato che…": the first verb's subject
            return self._nearest_subject(start, first) if first is not None else None
        if speaker is None or speaker.range[0] >= verb or \
                not (self._gerund_at(verb) or self._coordinated_verb(start, verb, joining=_JOINED_VERBS)):
            return speaker
        between = self._finite_verb_before(speaker.range[1], verb)
        if between is not None:
            described = self._description(self._clause_start(speaker.range[1], between), between) \
                if speaker.label is not None else None
            if described is not None and self._titled_person(described.range):
                return described  # "Come ribadito da Palazzo Chigi, il ministro ha espresso…, ma ha annunciato"
            return speaker  # "Placanica ribadiva le accuse e confermava di…": the subject of the verb after it
        first = self._finite_verb_before(start, speaker.range[0])
        if first is None:
            return speaker  # the name comes before every verb: the subject
        said = self._cue_at(bisect_left(self.word_starts, first))
        if said is not None and speaker.label is not None and not self._word_range(said.end, speaker.range[0]):
            return speaker  # "«…» ha detto Hill, aggiungendo che…": the subject after the verb
        subject = self._nearest_subject(start, first)
        if subject is None or self._complement(subject) or subject.range[1] > first or \
                _inside(self.quoted_spans, subject.range[0]):
            return speaker  # "Sul caso Regeni è intervenuto Matteo Salvini, sostenendo": inverted
        return subject

    def _relative_clause_subject(self, start: int, gerund: int) -> _Speaker | None:
        """The name a relative "che" right after it makes the subject of the clause a gerund goes
        on with: "NAME che VERB …, GERUND" (no other clause opens between)."""
        words = self._word_range(start, gerund)[-12:]
        for n in range(len(words) - 1, 0, -1):
            k = words[n]
            if self.words[k] != "che":
                continue
            name = self._speaker_in(self.word_starts[words[max(0, n - 5)]], self.word_ends[words[n - 1]],
                                    labels=("PER", "ORG"), nearest=True)
            if name is None or name.range[1] != self.word_ends[words[n - 1]] or \
                    self._finite_verb_before(self.word_ends[k], gerund) is None or \
                    _has_punctuation(self.text[self.word_ends[k]:gerund].rstrip().rstrip(",")):
                return None
            return name
        return None

    def _coordinated_verb(self, start: int, verb: int, joining: tuple[str, ...] = ("e", "ed")) -> bool:
        """Whether the verb at ``verb`` is joined to one before it by "e"/"ed" (or ``joining``), its
        auxiliary and adverbs between ("e ha poi dichiarato", "ed ha affermato", ", ma ha annunciato")."""
        first, k = bisect_left(self.word_starts, start), bisect_left(self.word_starts, verb) - 1
        while k >= first and (self.words[k] in _AUXILIARIES or self.words[k] in _ADVERBS or
                              self.words[k] in _VERB_CLITICS):
            k -= 1
        return k >= first and self.words[k] in joining

    def _finite_verb_before(self, start: int, end: int) -> int | None:
        """Where the last word in [start, end) that looks like a finite verb or its auxiliary
        starts ("ha", "ribadiva", "cita"), not a capitalised word nor one inside a name
        ("Pentagono", "Villa Igiea"); None if there is none."""
        for index in reversed(self._word_range(start, end)):
            word = self.words[index]
            if not self.text[self.word_starts[index]].islower() or word in _CLITICS or word == "c" or \
                    self._inside_entity(self.word_starts[index]):
                continue
            if word in _AUXILIARIES or _FINITE.match(word) or \
                    (word in self.lexicon.verb_forms and not _NON_FINITE_ENDING.search(word)):
                return self.word_starts[index]
        return None

    def _inside_entity(self, position: int) -> bool:
        """Whether ``position`` falls inside a named entity."""
        lo = bisect_right(self.entity_starts, position) - 1
        return lo >= 0 and self.entities[lo][0] <= position < self.entities[lo][1]

    def _nearest_subject(self, start: int, verb: int) -> _Speaker | None:
        """The subject before a verb, within its sentence. The nearest name before a parenthesis
        between commas just before the verb ("Putin, parlando con Biden, ha detto"), else a
        person named in that parenthesis ("Il portavoce dell'esercito, il colonnello David
        Amrani, ha negato"), else a description ("Una passante ha raccontato")."""
        text = self.text
        breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, start, verb)]
        start = breaks[-1] if breaks else start  # no subject crosses a colon or a semicolon
        pronoun = self._pronoun_subject(start, verb)
        if pronoun is not None:
            return pronoun  # "Egli ha sottolineato che…": the mention; coreference gives whom it stands for
        relative = _RELATIVE_CHE.search(text, max(start, verb - 20), verb)
        if relative is not None and relative.group("where") and not relative.group().rstrip().endswith(" si") and \
                not text[verb:verb + 3].lower() == "si ":
            relative = None  # "una risposta, nella quale asserisce": someone speaks in it, not it
        if relative is not None:  # "la Federcalcio europea, che aveva parlato di…": the antecedent
            antecedent = self._antecedent(start, relative.start())
            if antecedent is not None:
                return antecedent
        head = text[start:verb].rstrip()
        main_end = verb
        if head.endswith(","):
            comma = text.rfind(",", start, start + len(head) - 1)
            if comma > start:
                main_end = comma
        elif head.endswith(")") and head.rfind("(") > 0:
            main_end = start + head.rindex("(")  # "Alvarez (soprannominato Canelo) ha dichiarato": Alvarez
        opening = self._opening_description(start, verb)
        if opening is not None:
            return opening  # "Il presidente, dopo l'incontro con Angela Merkel, ha dichiarato"
        gerund = self._gerund_at(verb)  # "X ha ricordato Y, definendolo…": X speaks
        if gerund:
            start = self._after_leading_subordinate(start, verb)  # "Quando X aveva chiesto…, Y lo ha difeso dicendo"
            inverted = self._inverted_subject(start, main_end)
            if inverted is not None:
                return inverted
        described = self._described_after_comma(start, verb) if main_end == verb else None
        if described is not None:
            return described  # "Meredith si sarebbe rifiutata, il questore ha affermato": the questore
        described = self._described_right_before(start, verb) if main_end == verb and not gerund else None
        if described is not None:
            return described  # "…un messaggio nel quale, secondo un comunicato, il Capo dello Stato ricorda"
        relative = main_end < verb and re.match(r"\s*,\s*(?:che|il quale|la quale|i quali|le quali)\b",
                                                text[main_end:verb], re.IGNORECASE) is not None
        for labels in (("PER",), ("ORG",), ("LOC",)):
            speaker = self._speaker_in(start, main_end, labels=labels, nearest=not gerund, first=gerund, quoted=False)
            if speaker is not None and self._title_of_work(speaker):
                speaker = None  # "Nel suo libro pubblicato quest'anno, Inside Wikileaks, ha rivelato": a title
            if main_end < verb and not relative and speaker is None:  # names in a relative clause are not who
                speaker = self._speaker_in(main_end, verb, labels=labels, nearest=True, quoted=False)
                if speaker is not None and self._title_of_work(speaker):
                    speaker = None
                if speaker is not None and (self._complement(speaker, _ADDRESSEE_PREPOSITIONS, through_of=True) or
                                            self._interviewer(speaker, main_end)):
                    speaker = None  # "quando, al settimanale Diva, ha dichiarato": to whom, not who
            elif main_end < verb and speaker is not None and labels == ("PER",) and self._complement(speaker):
                named = self._named_apposition(main_end, verb)
                if named is not None:
                    speaker = named[0]  # "Il portavoce di Prodi, Sircana, ha detto": the name in apposition
            if speaker is not None and labels == ("LOC",) and self._after_preposition(speaker.range[0]):
                speaker = None  # "Ha chiesto asilo in Svizzera dichiarando…": a place, not who speaks
            if speaker is not None and labels == ("ORG",) and \
                    self._complement(speaker, _ADDRESSEE_PREPOSITIONS, through_of=True):
                speaker = None  # "Alla trasmissione Radio anch'io spiega": where or to whom, not who
            if speaker is not None:
                return (None if gerund else self._phrase_around(start, main_end, speaker)) or speaker
        if gerund and main_end == verb and head.endswith(","):
            main_end = start + len(head) - 1  # "Quest'ultima ha parlato per prima, sostenendo": before the comma
        clause_start = self._clause_start(start, main_end)
        if gerund:  # "Egli ha commentato l'accaduto dicendo": the subject of the finite verb speaks
            main_end = self._first_word_verb(clause_start, main_end, finite=True)
            pronoun = self._pronoun_subject(clause_start, main_end)
            if pronoun is not None:
                return pronoun
        found = self._description(clause_start, main_end, subject=True) or self._capitalised(clause_start, main_end)
        opens_on_gerund = bool(self._word_range(clause_start, main_end)) and \
            _GERUND.match(self.words[bisect_left(self.word_starts, clause_start)]) is not None
        if opens_on_gerund and found is not None and found.label is None:
            found = None  # "citando testimoni oculari": whom the gerund cites, not who speaks
        if found is None and clause_start > start and (not self._word_range(clause_start, main_end) or opens_on_gerund):
            found = self._opening_subject(start, clause_start)  # "Quest'ultima, però, interrogata…, si è schernita negando"
            # "Le stime, annunciano che…", "I giornalisti, comunque, citando testimoni hanno riferito"
        if found is not None and self._title_of_work(found):
            return None
        if found is not None and self._complement(found, _ADDRESSEE_PREPOSITIONS, through_of=True):
            return None  # "Alla trasmissione Radio anch'io spiega", "Al quotidiano La Stampa spiega": where, not who
        return found

    def _opening_subject(self, start: int, end: int) -> _Speaker | None:
        """The short description that opens [start, end) before its first comma ("Quest'ultima, però,
        …", "Il ministro, interrogato…,"): the subject of a verb whose own clause names none."""
        comma = self.text.find(",", start, end)
        if comma < 0 or not 1 <= len(self._word_range(start, comma)) <= 4:
            return None
        return self._description(start, comma, subject=True)

    def _title_of_work(self, speaker: _Speaker) -> bool:
        """Whether a name stands between commas after a book, a film or a song, as its title ("Nel
        suo libro pubblicato quest'anno, Inside Wikileaks,"), not as anyone who speaks."""
        before = self.text[max(0, speaker.range[0] - 3):speaker.range[0]]
        if not before.rstrip().endswith(","):
            return False
        comma = speaker.range[0] - len(before) + before.rstrip().rindex(",")
        sentence_start = self._sentence_start(comma)
        return any(self.words[i] in _WORK_NOUNS for i in self._word_range(sentence_start, comma)[-4:])

    def _pronoun_subject(self, start: int, verb: int) -> _Speaker | None:
        """A personal subject pronoun right before the verb ("Egli ha sottolineato", "e lei fa",
        "Lui, poi, ha aggiunto"), opening its clause: the speaker's mention in the sentence, as
        annotators mark it."""
        words = self._word_range(start, verb)
        while words and self.words[words[-1]] in _ADVERBS:
            words = words[:-1]
        if not words or self.words[words[-1]] not in _SUBJECT_PRONOUNS:
            return None
        before = words[:-1]
        if before and self.words[before[-1]] not in _CLAUSE_OPENERS and \
                not self.text[self.word_ends[before[-1]]:self.word_starts[words[-1]]].strip():
            return None  # "con lui ha parlato", "di lei dice": not the subject
        index = words[-1]
        return _Speaker((self.word_starts[index], self.word_ends[index]), None)

    def _opening_description(self, start: int, verb: int) -> _Speaker | None:
        """A titled description that opens the clause and is followed by a phrase between commas
        that a preposition or a gerund opens: the subject, not a name in that phrase ("Il
        presidente, dopo l'incontro con Angela Merkel, ha dichiarato", "Il teologo, durante
        l'incontro al quale era presente X, ha proposto")."""
        if not self.text[start:verb].rstrip().endswith(","):
            return None
        comma = self.text.find(",", start, verb)
        after = self._word_range(comma + 1, verb)
        if not after:
            return None
        opener = self.words[after[0]]
        if opener not in _PHRASE_OPENERS and opener not in ("dopo", "prima", "nel", "nella") and \
                not opener.endswith(("ando", "endo")):
            return None
        return self._titled_description(start, comma, most=5)

    def _after_leading_subordinate(self, start: int, verb: int) -> int:
        """After the clause a subordinator opens the sentence with ("Quando X aveva chiesto…,"):
        the main clause's subject comes after its comma."""
        words = self._word_range(start, verb)
        if not words or self.words[words[0]] not in _LEADING_SUBORDINATORS:
            return start
        comma = self.text.find(",", start, verb)
        return comma + 1 if comma >= 0 and self._word_range(comma + 1, verb) else start

    def _described_after_comma(self, start: int, verb: int) -> _Speaker | None:
        """The subject a clause opens with after a comma, when it is a titled description with
        no name ("…, il questore ha affermato"), so that no name of the clause before speaks."""
        comma = self.text.rfind(",", start, verb)
        return self._titled_description(comma + 1, verb, most=6) if comma >= 0 else None

    def _described_right_before(self, start: int, verb: int) -> _Speaker | None:
        """A titled description with no name in it standing right before the verb, nothing
        between ("il Capo dello Stato ricorda"): the verb's subject, whatever person the clause
        named before it."""
        words = self._word_range(start, verb)
        for n in range(2, min(5, len(words)) + 1):
            first = words[-n]
            if self.words[first] in _DEFINITE_ARTICLES and \
                    not _has_punctuation(self.text[self.word_starts[first]:verb]):
                return self._titled_description(self.word_starts[first], verb, most=5)
        return None

    def _titled_description(self, start: int, end: int, *, most: int) -> _Speaker | None:
        """[start, end) as a titled description with no name in it ("il questore", "Il
        presidente"): a definite article, a speaker noun, at most ``most`` words."""
        words = self._word_range(start, end)
        if not 2 <= len(words) <= most or self.words[words[0]] not in _DEFINITE_ARTICLES or \
                self.words[words[1]] not in self.lexicon.speaker_nouns or self._speaker_in(start, end) is not None:
            return None
        return self._description(start, end)

    def _after_preposition(self, position: int) -> bool:
        """Whether the word before ``position`` is a preposition ("in Svizzera", "alla Reuters")."""
        index = bisect_left(self.word_starts, position) - 1
        return index >= 0 and (self.words[index] in _PREPOSITIONS or self.words[index] in ARTICULATED_PREPOSITIONS)

    def _inverted_subject(self, start: int, end: int) -> _Speaker | None:
        """The person named after an intransitive or passive "è/sono + participle" and right before
        a gerund's comma: its subject ("Sul caso Regeni è intervenuto anche il vicepremier Matteo
        Salvini, sostenendo che…"), not a name in the phrase before the verb."""
        verb = self._first_word_verb(start, end)
        if verb == end or self.words[bisect_left(self.word_starts, verb)] not in ("è", "sono", "era", "erano"):
            return None
        speaker = self._speaker_in(verb, end, labels=("PER",), nearest=True)
        if speaker is None or self.text[speaker.range[1]:end].strip(" ,"):
            return None
        before = self._word_range(verb, speaker.range[0])
        if any(self.words[i] in AGENT_PREPOSITIONS for i in before):
            return None  # "è stato criticato dal ministro X, sostenendo…": the agent is not the subject
        return speaker

    def _phrase_around(self, start: int, end: int, name: _Speaker) -> _Speaker | None:
        """The noun phrase that speaks when the name found before the verb is only part of the
        clause: a relative clause's antecedent ("L'infermiere che ha accompagnato Andrea … ha
        riferito"), the holder of a title ("Il portavoce del Governo polacco ha detto"), or the
        phrase after a prepositional one ("In un aggiornamento dell'agenzia STT un testimone afferma")."""
        described = self._relative_head(start, name)
        if described is not None:
            return described
        if self._whose_speaker(name):
            whole = self._description(self._clause_start(start, end), end)
            if whole is not None and whole.range[0] < name.range[0] and whole.range[1] >= name.range[1]:
                return whole
        if self._complement(name):
            described = self._description(self._clause_start(start, end, name), end)
            if described is not None and described.range[0] >= name.range[1]:
                return described
        return None

    def _relative_head(self, start: int, speaker: _Speaker) -> _Speaker | None:
        """The noun phrase a relative clause holding ``speaker`` belongs to, when that phrase opens
        the clause: "L'infermiere che ha accompagnato Andrea in ambulanza ha riferito"."""
        clause_start = self._clause_start(start, speaker.range[0])
        words = self._word_range(clause_start, speaker.range[0])
        relative = next((i for i in words if self.words[i] == "che"), None)
        if relative is None or relative == words[0] or self.words[words[0]] not in _ARTICLES:
            return None
        head = self._description(clause_start, self.word_starts[relative])
        if head is None or self.text[head.range[1]:self.word_starts[relative]].strip():
            return None
        return head

    def _clause_start(self, start: int, end: int, after: _Speaker | None = None) -> int:
        """Where the clause ending at ``end`` begins: after its last comma, semicolon or colon (and after
        ``after``, a name the clause does not start with)."""
        begin = max(start, *(self.text.rfind(mark, start, end) + 1 for mark in ",;:"))
        return max(begin, after.range[1]) if after is not None else begin

    def _whose_speaker(self, speaker: _Speaker) -> bool:
        """A name right after "di"/"del"… that follows a common noun: whose spokesman, family or
        lawyers it names ("il portavoce del Governo polacco", "i legali di Speciale")."""
        first = bisect_left(self.word_starts, speaker.range[0])
        if first < 2 or not self._joined(first - 1, first):
            return False
        genitive, noun = self.words[first - 1], first - 2
        return genitive in _GENITIVE_PREPOSITIONS and self.text[self.word_starts[noun]].islower() and \
            self.words[noun] not in _PREPOSITIONS and self.words[noun] not in _ARTICLES and \
            self.words[noun] not in ARTICULATED_PREPOSITIONS and self._joined(noun, first - 1)

    def _complement(self, speaker: _Speaker, prepositions: frozenset[str] = _ANY_PREPOSITION, *,
                    through_of: bool = False) -> bool:
        """A name inside a prepositional phrase ("dall'agenzia STT", "del fiume Irrawaddy"): whose or
        where, not who; one of ``prepositions`` opens it. ``through_of``: also a phrase that a
        "di" phrase hangs on ("Ai microfoni di Radio Rai spiega"), and two words between ("Alla
        trasmissione radiofonica Radio anch'io")."""
        first = bisect_left(self.word_starts, speaker.range[0])
        nouns = 0  # "dall'agenzia STT": one common noun may stand between
        for k in range(first - 1, max(first - 5, -1), -1):
            word = self.words[k]
            gap = self.text[self.word_ends[k]:self.word_starts[k + 1] if k + 1 < len(self.words) else speaker.range[0]]
            if word in _ANY_PREPOSITION and (gap in ("'", "’") if word.endswith("ll") else gap.isspace()):
                if word in prepositions:
                    return True  # "all'agenzia", "al sito": not "All Africa", "Al-Alam"
                if word not in _GENITIVE_PREPOSITIONS or not through_of:
                    return False
                continue  # "ai microfoni di Radio Rai": the phrase "di" hangs on
            nouns += 1
            if nouns > (2 if through_of else 1) or \
                    not self.text[self.word_starts[k]].islower() or word in _ARTICLES or not self._joined(k, k + 1):
                return False  # "alla trasmissione radiofonica Radio anch'io": a noun and its adjective
        return False

    def _interviewer(self, name: _Speaker, start: int) -> bool:
        """Whether ``name`` is the agent of a participle of asking after ``start`` ("intervistato il
        29 gennaio dalla National Public Radio", "interpellato dal Corriere"): who asked, not who
        answers. The agent of another participle may be the speaker ("diramata dall'ufficio di X")."""
        first = bisect_left(self.word_starts, name.range[0])
        lowest = bisect_left(self.word_starts, start)
        agent = next((k for k in range(first - 1, max(first - 4, lowest - 1), -1)
                      if self.words[k] in AGENT_PREPOSITIONS), None)
        return agent is not None and any(self.words[k] in _ASKED for k in range(max(lowest, agent - 6), agent))

    def _antecedent(self, start: int, comma: int) -> _Speaker | None:
        """Who a relative "…, che" before a reporting verb stands for: the entity that ends the
        words before the comma ("la replica di Renato Schifani, che ricorda"), after a parenthesis
        or an apposition with a preposition ("dal Centro nazionale… (Cnir), che ha precisato"),
        else the short noun phrase there ("l'uomo, che si è dichiarato")."""
        head_end = self._antecedent_end(start, comma + 1)
        clause_start = self._clause_start(start, head_end)
        lo = bisect_left(self.entity_starts, clause_start)
        hi = bisect_right(self.entity_starts, head_end)
        inside = [e for e in self.entities[lo:hi] if e[1] <= head_end]
        if inside and not self.text[inside[-1][1]:head_end].strip(" )»\"”'"):
            first = bisect_left(self.word_starts, inside[-1][0])
            if first > 0 and self.words[first - 1] in _PREPOSITIONS:
                return None  # "Maria Luisa Coppa, presidente dell'Ascom di Torino, che": not Torino
            return _Speaker((inside[-1][0], inside[-1][1]), inside[-1][2])
        words = self._word_range(clause_start, head_end)[-6:]
        articles = [i for i in words if self.words[i] in _ARTICLES | _QUANTIFIERS]  # "alcuni amici, che"
        if not articles:
            return None
        return self._description(self.word_starts[articles[-1]], head_end, subject=True)

    def _gerund_at(self, position: int) -> bool:
        """Whether the word at ``position`` is a gerund ("dicendo", "definendolo")."""
        index = bisect_left(self.word_starts, position)
        if index >= len(self.words) or self.word_starts[index] != position:
            return False
        word = self.words[index]
        return word.endswith("ndo") or _ENCLITIC_GERUND.match(word) is not None

    def _entity_ending(self, position: int) -> bool:
        """Whether a named entity ends at ``position``."""
        lo = bisect_right(self.entity_starts, position)
        return any(e[1] == position for e in self.entities[max(0, lo - 3):lo])

    def _speaker_in(self, start: int, end: int, *, labels: Sequence[str] = SPEAKER_LABELS,
                    nearest: bool = False, first: bool = False, quoted: bool = True) -> _Speaker | None:
        """The best entity inside [start, end), by label in the order of ``labels``: of several,
        the first (``first``), the nearest to ``end`` (``nearest``), else for a person the last
        ("il portavoce del Cremlino Dmitry Peskov") and for others the first. Not one inside
        quotation marks unless ``quoted`` (a name in quoted words is not who says them)."""
        lo = bisect_left(self.entity_starts, start)
        hi = bisect_right(self.entity_starts, end)
        inside = [e for e in self.entities[lo:hi] if e[1] <= end and (quoted or not _inside(self.quoted_spans, e[0]))]
        for label in labels:
            named = [e for e in inside if e[2] == label]
            if named:
                chosen = named[0] if first else named[-1] if (label == "PER" or nearest) else named[0]
                return _Speaker((chosen[0], chosen[1]), chosen[2])
        return None

    def _subject_named(self, start: int, end: int) -> _Speaker | None:
        """The entity a sentence without a reporting verb is about, before its colon: as
        :meth:`_speaker_in`, passing over a person after a preposition when another is named
        ("Khan, il quale è ansioso di misurarsi con Mayweather: «…»" is Khan)."""
        chosen = self._speaker_in(start, end)
        if chosen is not None and chosen.label == "LOC" and self._after_preposition(chosen.range[0]):
            return None  # "un consulente per la puntata ambientata in Vietnam: «…»": a place says nothing
        if chosen is not None and chosen.label == "ORG" and self._after_preposition(chosen.range[0]) and \
                self.words[bisect_left(self.word_starts, chosen.range[0]) - 1] not in AGENT_PREPOSITIONS:
            return None  # "il decreto è stato presentato alla Camera solo il 25 febbraio: «…»"
        if chosen is None or chosen.label != "PER":
            return chosen
        lo = bisect_left(self.entity_starts, start)
        people = [e for e in self.entities[lo:bisect_right(self.entity_starts, end)] if e[1] <= end and e[2] == "PER"]
        free = [e for e in people if not self._after_preposition(e[0])]
        if len(free) >= 2 and self._first_word_verb(free[0][1], free[-1][0], finite=True) < free[-1][0] and \
                self._first_word_verb(start, free[0][0], finite=True) >= free[0][0]:
            return _Speaker((free[0][0], free[0][1]), "PER")  # "Rossi ha ringraziato Bianchi: «…»": the subject
        if free and free[-1][:2] != chosen.range:
            return _Speaker((free[-1][0], free[-1][1]), "PER")
        return chosen

    def _capitalised(self, start: int, end: int) -> _Speaker | None:
        """A run of capitalised words the NER missed ("ha detto Giampaolo Sbarra"), as the speaker."""
        best: Range | None = None
        run: list[int] = []
        for index in self._word_range(start, end) + [-1]:
            word = self.text[self.word_starts[index]:self.word_ends[index]] if index >= 0 else ""
            if index >= 0 and word[:1].isupper() and not self._sentence_initial(index) \
                    and (not run or self._joined(run[-1], index)):
                run.append(index)
                continue
            if index >= 0 and run and (self.words[index] in _NAME_PARTICLES or self.words[index] in _NAME_JOINERS):
                run.append(index)
                continue
            while run and (self.words[run[-1]] in _NAME_PARTICLES or self.words[run[-1]] in _NAME_JOINERS):
                run.pop()
            if run and best is None:
                best = (self.word_starts[run[0]], self.word_ends[run[-1]])
            run = [index] if index >= 0 and word[:1].isupper() and not self._sentence_initial(index) else []
        return _Speaker(best, None) if best else None

    def _description(self, start: int, end: int, *, nouns_only: bool = False, subject: bool = False) -> _Speaker | None:
        """A noun phrase that describes the speaker: one headed by a speaker noun ("un alto
        funzionario dell'amministrazione"), or any short one opened by an article ("una passante",
        "l'imputato"); ``subject``: the phrase stands before its verb, where a quantifier opens one
        too ("Alcuni contadini della zona hanno confermato")."""
        words = self._word_range(start, end)
        subordinate = False  # after "nonostante", "quando"…, a subject opens: "Nonostante alcune testate abbiano…"
        while words and (self.words[words[0]] in _CLAUSE_OPENERS or self.words[words[0]] in _SUBORDINATE_OPENERS):
            subordinate = subordinate or self.words[words[0]] in _SUBORDINATE_OPENERS
            words = words[1:]
        if not words or len(words) > 10:
            return None
        later = [n for n in range(1, len(words)) if self.words[words[n]] in _ARTICLES and
                 self.words[words[n - 1]] not in _PREPOSITIONS and (self.words[words[n - 1]] not in ("e", "ed", "o") or
                                                                   (n >= 2 and _FINITE.match(self.words[words[n - 2]])))]
        # (after "e" a new noun phrase, unless a verb ends the clause before it: "ci fermano ed i doganieri")
        if later:  # "L'estate scorsa la stampa americana": the last noun phrase names the speaker
            words = words[later[-1]:]
        verb = next((n for n in range(1, len(words)) if _DESCRIPTION_ENDING_VERB.match(self.words[words[n]])
                     and self.text[self.word_starts[words[n]]].islower()), None)
        if verb is not None:  # "L'uomo è stato rilasciato domenica e", "il suo fondatore riprenderà"
            words = words[:verb]
        first = self.words[words[0]]
        if first == "quest" and len(words) > 1 and self.words[words[1]] in _THE_LATTER:
            return _Speaker((self.word_starts[words[0]], self.word_ends[words[1]]), None)  # "Quest'ultima"
        opened = first in _ARTICLES or ((subordinate or subject) and first in _QUANTIFIERS)  # not "ha aggiunto alcuni dettagli:"
        if not any(self.words[i] in self.lexicon.speaker_nouns for i in words[:4]) and \
                (nouns_only or not (opened and 2 <= len(words) <= 8) or self._names_a_thing(words)):
            return None
        return _Speaker((self.word_starts[words[0]], self.word_ends[words[-1]]), None)

    def _names_a_thing(self, words: list[int]) -> bool:
        """Whether a noun phrase opened by an article is headed by an abstraction or a thing that
        says nothing ("la disponibilità", "il costo degli affitti", "un giorno"); a document, a
        report or a crowd may ("la risoluzione", "le prime notizie", "il corteo")."""
        head = next((self.words[i] for i in words if self.words[i] not in _ARTICLES and
                     self.words[i] not in _DETERMINERS and self.words[i] not in _NOT_THE_HEAD), "")
        return head.endswith("ità") or head in _SILENT_NOUNS

    def _is_headline_speaker(self, start: int, end: int) -> bool:
        return 0 < len(self._word_range(start, end)) <= 8

    # -- text helpers ----------------------------------------------------------------------------

    def _title_end(self) -> int:
        """End of the first line when it is a headline (the text goes on, the line has no final dot)."""
        text = self.text.lstrip()
        offset = len(self.text) - len(text)
        newline = text.find("\n")
        if newline < 0:
            return 0
        line = text[:newline].rstrip()
        return offset + newline if line and not line.endswith(".") else 0

    def _word_range(self, start: int, end: int, limit: int | None = None) -> list[int]:
        """Indices of the words inside [start, end); the first ``limit`` only, when given."""
        lo = bisect_left(self.word_starts, start)
        hi = bisect_left(self.word_starts, end)
        if limit is not None:
            hi = min(hi, lo + limit)
        return [i for i in range(lo, hi) if self.word_ends[i] <= end]

    def _joined(self, a: int, b: int) -> bool:
        """Words a and b stand next to each other, with only spaces or an apostrophe between."""
        if b >= len(self.words):
            return False
        between = self.text[self.word_ends[a]:self.word_starts[b]]
        return between.strip(" '’") == "" and "\n" not in between

    def _after_determiner(self, index: int) -> bool:
        if index > 0 and self.words[index - 1] == "lo" and not _LO_NOUN.match(self.words[index]):
            return False  # "lo" before "riferisce", "dice", "conferma" is a pronoun: the article is "lo studio"
        if index > 0 and self.words[index - 1] in ("di", "d") and not _INFINITIVE.match(self.words[index]):
            return True  # "capi d'accusa", "la notizia di denuncia": a noun after "di"
        return index > 0 and self.words[index - 1] in _DETERMINERS and self._joined(index - 1, index)

    def _sentence_initial(self, index: int) -> bool:
        position = self.word_starts[index]
        if position == self._sentence_start(position):
            return True
        before = position - 1
        while before >= 0 and self.text[before].isspace():
            before -= 1
        return before >= 0 and self.text[before] in "«“\":"

    def _sentence_start(self, position: int) -> int:
        """Where the sentence of ``position`` starts, at most _REACH characters back (a run-on
        "sentence" of thousands of words is no sentence, and scanning it would be quadratic)."""
        k = bisect_right(self.ends, position) - 1
        start = max(self.ends[k] if k >= 0 else 0, position - _REACH)
        if start > 0 and position - start >= _REACH:  # cut at a word start
            first = bisect_left(self.word_starts, start)
            start = self.word_starts[first] if first < len(self.word_starts) else start
        while start < position and self.text[start].isspace():
            start += 1
        return start

    def _sentence_end(self, position: int) -> int:
        k = bisect_right(self.ends, position)
        return min(self.ends[k] if k < len(self.ends) else len(self.text), position + _REACH)

    def _clause_end(self, start: int, limit: int) -> int:
        """Where the clause from ``start`` ends: at punctuation, but not at a point or a comma
        between digits ("alle 12.30", "2,5 milioni")."""
        match = _CLAUSE_PUNCTUATION.search(self.text, start, limit)
        while match and abbreviation_before(self.text, match.start()):  # "il deputato A. Donald McEachin"
            match = _CLAUSE_PUNCTUATION.search(self.text, match.end(), limit)
        return match.start() if match else limit

    def _sentence_goes_on(self, seg: Segment) -> bool:
        """Words follow the closing mark in the same sentence: «X» è il titolo del libro."""
        rest = self.text[seg.after:self._sentence_end(seg.after - 1)]
        return bool(_WORD.search(_QUOTATION_LIST.sub("", rest)))  # not «A», «B» e «C».

    def _looks_like_title(self, seg: Segment) -> bool:
        """A short string in title case ("Make the Pope Pay", "Mare Nostrum"): a name, not speech."""
        words = [self.text[self.word_starts[i]:self.word_ends[i]] for i in self._word_range(seg.start, seg.end)]
        if not words or len(words) > 6:
            return False
        content = self.text[seg.start:seg.end]
        if content.rstrip()[-1:] in ".!?":
            return False
        return all(w[:1].isupper() or w.lower() in _NAME_PARTICLES or w.isdigit() for w in words)

    def _title_word(self, index: int) -> bool:
        """A word that names what follows ("la legge «…»", "il libro «…»"); after "si" it is a
        verb ("si legge: «…»")."""
        return self.words[index] in self.lexicon.title_words and not (index and self.words[index - 1] == "si")

    def _names_something(self, seg: Segment, before_start: int) -> bool:
        """Quoted words inside a sentence that name something rather than report speech: a title
        after a title word (il libro «…», l'operazione "…"), or a short capitalised string
        («Mattoni d'oro», «il Cobra»). Quoted speech inside a sentence starts in lowercase."""
        words = self._word_range(seg.start, seg.end)
        if not words:
            return True
        first = words[1] if self.words[words[0]] in _ARTICLES and len(words) > 1 else words[0]
        capitalised = self.text[self.word_starts[first]].isupper()
        if not capitalised:
            return False
        before = self._word_range(before_start, seg.open_at)
        if any(self._title_word(i) for i in before[-3:]):
            return True
        content = self.text[seg.start:seg.end].rstrip()
        if len(words) > 5 or content[-1:] in ".!?":
            return False
        return not self._said_right_before(seg, before, words)

    def _said_right_before(self, seg: Segment, before: list[int], words: list[int]) -> bool:
        """A short capitalised string that is a sentence said, not a name: a verb of saying (not
        "scrivere": "ha scritto «Il nome della rosa»") ends at most three words before the marks,
        and the string has a finite verb ("gridandole, testualmente, «Berlusconi è uno stronzo»")."""
        if not any(_FINITE.match(self.words[i]) or _SPOKEN_FINITE.match(self.words[i]) for i in words):
            return False
        for index in before[-5:]:
            cue = self._cue_at(index)
            if cue is not None and cue.kind == "verb" and len(self._word_range(cue.end, seg.open_at)) <= 3 and \
                    self.lexicon.verb_forms.get(self.words[cue.next_word - 1]) != "scrivere":
                return True
        return False

    def _is_short(self, seg: Segment) -> bool:
        return len(self._word_range(seg.start, seg.end)) < 8

    def _trim(self, start: int, end: int) -> tuple[int, int]:
        """[start, end) without the spaces, marks and punctuation around it, but with a mark the
        words inside pair ("che la riforma è «una svolta»" keeps its closing mark)."""
        text = self.text
        while start < end and (text[start].isspace() or text[start] in "«“\"„"):
            if not text[start].isspace() and _pairs_inside(text, start, end, opening=True):
                break
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in ".;:,»”\""):
            if text[end - 1] in "»”\"" and _pairs_inside(text, start, end, opening=False):
                break
            end -= 1
        return start, end


_MARK_PAIRS = {"«": "»", "“": "”", "„": "”", '"': '"'}
_CLOSING_PAIRS = {"»": "«", "”": "“", '"': '"'}


def _pairs_inside(text: str, start: int, end: int, *, opening: bool) -> bool:
    """Whether the mark at ``start`` (``opening``) or at ``end - 1`` pairs with one inside the
    span: the span's words hold more of its counterpart than of itself."""
    mark = text[start] if opening else text[end - 1]
    inner = text[start + 1:end] if opening else text[start:end - 1]
    other = _MARK_PAIRS[mark] if opening else _CLOSING_PAIRS[mark]
    if mark == other:  # a plain '"': an odd number inside leaves one waiting for this one
        return inner.count(mark) % 2 == 1
    return inner.count(other) > inner.count(mark)


def _adverb(word: str) -> bool:
    """A lowercase word that can stand inside a verb group: "poi", "subito", "ovviamente"."""
    return word in _ADVERBS or (word.endswith("mente") and len(word) > 7)


def _inside(ranges: list[Range], position: int) -> bool:
    k = bisect_right(ranges, (position, float("inf"))) - 1  # type: ignore[arg-type]
    return k >= 0 and ranges[k][0] <= position < ranges[k][1]


def _only_dash(text: str) -> bool:
    return not text.strip(" \t\n–—-")


def _speaks_in_person(text: str, *, strict: bool = False) -> bool:
    """Words in the first or second person ("ho", "siamo", "avevamo", "avremmo", "vorrei", "mio",
    "ti"): someone speaking, not the writer. ``strict``: not "vi", which is as often "there" ("vi
    siano")."""
    persons = _FIRST_OR_SECOND_PERSON - {"vi"} if strict else _FIRST_OR_SECOND_PERSON
    return any(w in persons or w.endswith(("iamo", "emmo", "vamo")) or _FIRST_PERSON_FUTURE.match(w)
               for w in (w.lower() for w in _WORD.findall(text)))


def _has_quote_marks(text: str) -> bool:
    return bool(re.search(r"[«»“”\"]", text))


def _has_punctuation(text: str) -> bool:
    return bool(re.search(r"[,;:.!?()«»“”\"]", text))
