"""Italian temporal expressions: a TIMEX3-style value for each, resolved against a publication date.

:func:`resolve_date` turns the text of a DATE span ("ieri", "il 17 dicembre", "negli anni Novanta")
into a normalised value at the expression's own granularity. It is plain Python (no spaCy), so the
pre-annotator can call it for every DATE suggestion and the rest of the program for any span.

Value convention: a TIMEX3 ``value``, then optionally one space and a TIMEX3 ``mod``
------------------------------------------------------------------------------------

Examples with the reference (publication date) Wednesday 2021-12-22:

==================  ======================  ===============================================
granularity         value                   examples
==================  ======================  ===============================================
day                 ``YYYY-MM-DD``          "ieri" 2021-12-21, "22.12.2021", "lunedì" 2021-12-20
part of a day       ``YYYY-MM-DDTpp``       "ieri sera" 2021-12-21TEV (pp: MO AF EV NI)
clock time          ``YYYY-MM-DDThh:mm``    "ieri alle 15.30" 2021-12-21T15:30
time, day unknown   ``XXXX-XX-XXThh:mm``    "alle 15.30" (the article does not say which day)
week                ``YYYY-Www`` (ISO)      "la settimana scorsa" 2021-W50
weekend             ``YYYY-Www-WE``         "il prossimo fine settimana" 2021-W52-WE
month               ``YYYY-MM``             "il mese prossimo" 2022-01
season              ``YYYY-SP|SU|FA|WI``    "l'estate scorsa" 2021-SU (WI: the winter that
                                            begins in December of YYYY)
year                ``YYYY``                "nel 2022" 2022
decade              ``YYYX``                "negli anni Novanta" 199X (TIMEX3 proper writes 199)
duration            ``PnU`` or ``PXU``      "negli ultimi tre anni" P3Y, "nei prossimi giorni"
                                            PXD, "le ultime 24 ore" PT24H (U: Y M W D H DE CE)
==================  ======================  ===============================================

The modifier (TIMEX3 ``mod``) marks part of the period: ``START`` ("inizio", "primi di"), ``MID``
("metà"), ``END`` ("fine", "ultimi di"): "all'inizio del prossimo anno" 2022 START, "a metà agosto"
2021-08 MID, "fine gennaio" 2022-01 END. Split a value with ``value.split(" ")``.

How relative expressions are resolved
-------------------------------------

- Without a reference, relative expressions ("ieri", "lunedì", "il 17 dicembre", "il mese
  prossimo") give None; absolute ones ("22.12.2021", "dicembre 2021", "anni Novanta") resolve.
- A day named with its weekday ("martedì 7 dicembre") is looked for first in the years where that
  day falls on that weekday.
- An unqualified day, weekday, month, weekend or season is the occurrence *nearest* to the
  reference, in the past or the future (news mostly reports the recent past and the near future);
  on a tie, the earlier one. So in an article of 2021-12-22 "il 17 dicembre" is 2021-12-17, "fine
  gennaio" is 2022-01 END and "a metà agosto" is 2021-08 MID (four months back, not eight ahead).
- "scorso"/"passato" is the latest occurrence before the reference ("dicembre scorso" in December
  2021 is 2020-12), "prossimo"/"venturo" the first one after it; "questo" is the one of the
  reference's week, month or year.
- "successivo", "precedente", "seguente" count from another time in the text, not from the
  publication date: None.
- Two-digit years: 00-69 are 2000-2069, 70-99 are 1970-1999. Decade words are of the 1900s ("anni
  Venti" 192X), except "anni Duemila" (200X).
- Expressions these rules do not know are handed to the ``dateparser`` library (Italian), whose
  result is used only at the granularity it reports (day, week, month, year).
- A publication date known only to the month or the year (a
  :class:`annotator.domain.published.Period`, from metadata such as "2021-12") resolves an
  expression when every day of that period gives the same value: with "2021-12", "martedì 7
  dicembre" is 2021-12-07 and "il mese prossimo" 2022-01, while "ieri" or "lunedì" stay None; with
  "2021", "l'anno scorso" is 2020 and "martedì 7 dicembre" 2021-12-07 (the weekday names the year),
  but "7 dicembre" (2020-12-07 for an article of 1 January) is None.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Any, NamedTuple

from ..domain.published import Period

__all__ = ["DATE_LABEL", "resolve_date"]

DATE_LABEL = "DATE"

MONTHS = {name: number for number, name in enumerate(
    ("gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre").split(), 1)}
WEEKDAYS = {
    "lunedì": 0, "lunedi": 0, "martedì": 1, "martedi": 1, "mercoledì": 2, "mercoledi": 2,
    "giovedì": 3, "giovedi": 3, "venerdì": 4, "venerdi": 4, "sabato": 5, "domenica": 6,
}
# day offset from the reference, and the part of the day the word names
NAMED_DAYS = {
    "oggi": (0, None), "ieri": (-1, None), "domani": (1, None), "dopodomani": (2, None),
    "altroieri": (-2, None), "stamattina": (0, "MO"), "stamani": (0, "MO"), "stamane": (0, "MO"),
    "stasera": (0, "EV"), "stanotte": (0, "NI"), "domattina": (1, "MO"),
}
PARTS_OF_DAY = {"mattina": "MO", "mattino": "MO", "mattinata": "MO", "pomeriggio": "AF", "sera": "EV",
                "serata": "EV", "notte": "NI", "nottata": "NI"}
NUMBERS = {
    "un": 1, "un'": 1, "uno": 1, "una": 1, "primo": 1, "due": 2, "tre": 3, "quattro": 4, "cinque": 5,
    "sei": 6, "sette": 7, "otto": 8, "nove": 9, "dieci": 10, "undici": 11, "dodici": 12, "tredici": 13,
    "quattordici": 14, "quindici": 15, "sedici": 16, "diciassette": 17, "diciotto": 18,
    "diciannove": 19, "venti": 20, "ventuno": 21, "ventidue": 22, "ventitré": 23, "ventitre": 23,
    "ventiquattro": 24, "trenta": 30, "quaranta": 40, "cinquanta": 50, "sessanta": 60, "cento": 100,
}
DECADE_WORDS = {"dieci": "191X", "venti": "192X", "trenta": "193X", "quaranta": "194X",
                "cinquanta": "195X", "sessanta": "196X", "settanta": "197X", "ottanta": "198X",
                "novanta": "199X", "duemila": "200X"}
RELATIVE = {
    "prossimo": 1, "prossima": 1, "venturo": 1, "ventura": 1, "entrante": 1,
    "scorso": -1, "scorsa": -1, "passato": -1, "passata": -1,
    "questo": 0, "questa": 0, "quest'": 0, "corrente": 0,
    # counted from another time of the story, not from the publication date
    "successivo": None, "successiva": None, "seguente": None, "precedente": None,
}
PLURAL_RELATIVE = {"ultimi": -1, "ultime": -1, "scorsi": -1, "scorse": -1, "passati": -1, "passate": -1,
                   "prossimi": 1, "prossime": 1}
MODS = {"inizio": "START", "primi": "START", "prime": "START", "metà": "MID", "meta": "MID",
        "fine": "END"}
UNITS = {"anno": "Y", "mese": "M", "settimana": "W", "giorno": "D", "ora": "H", "decennio": "DE",
         "secolo": "CE"}
PLURAL_UNITS = {"anni": "Y", "mesi": "M", "settimane": "W", "giorni": "D", "ore": "H", "decenni": "DE",
                "secoli": "CE"}
SEASONS = {"primavera": 0, "estate": 1, "autunno": 2, "inverno": 3}
SEASON_CODES = ("SP", "SU", "FA", "WI")
# articles and prepositions around the expression: they add nothing to its value
SKIP = frozenset(
    "il lo la l' i gli le di d' del dello della dell' dei degli delle a ad al allo alla all' ai agli "
    "da dal dallo dalla dall' dai dagli in nel nello nella nell' nei negli nelle su sul sullo sulla "
    "sull' entro verso circa per fino sino intorno attorno".split()
)
_SIMPLE_KINDS = {"weekend": "E", "fa": "F", "tra": "A", "fra": "A", "alle": "@", "dalle": "@"}
_WORD_KINDS = ((NAMED_DAYS, "G"), (WEEKDAYS, "W"), (MONTHS, "M"), (PARTS_OF_DAY, "P"), (RELATIVE, "R"),
               (PLURAL_RELATIVE, "L"), (MODS, "K"), (UNITS, "U"), (PLURAL_UNITS, "V"), (SEASONS, "S"),
               (NUMBERS, "n"))

_NORMALIZE = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'", "\u00ba": "", "\u00b0": "",
                            "\u00aa": ""})
_WORD = re.compile(r"\d+(?:[./:-]\d+)*|'\d\d\b|[^\W\d_]+'?")
_DMY = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})")
_YMD = re.compile(r"(\d{4})[./-](\d{1,2})[./-](\d{1,2})")
_CLOCK = re.compile(r"(\d{1,2})[.:](\d{2})")
_PROBES = (date(2003, 3, 14), date(2017, 9, 27))  # two bases: a relative expression differs between them


class Tok(NamedTuple):
    """A classified word: ``kind`` is one letter (see ``_classify``), ``value`` what it means."""

    kind: str
    value: Any


class _Unknown:
    """The rules do not know the expression (as opposed to None: known, but not resolvable)."""


UNKNOWN = _Unknown()


def resolve_date(expression: str, reference: date | Period | None = None) -> str | None:
    """The TIMEX3-style value of an Italian temporal ``expression`` (see the module docstring).

    reference: the publication date that relative expressions count from (a datetime counts as its
        date), or the month or year it fell in (a :class:`Period`: then an expression resolves when
        the first and the last day of the period give the same value); None resolves only absolute
        expressions.
    Returns None for what cannot be resolved: a relative expression without reference (or one whose
    value depends on the day of a period), an expression anchored to another time of the text ("il
    giorno successivo"), or text that is not a date.
    """
    if isinstance(reference, Period):
        first = _resolve_cached(expression, reference.first)
        if first is None or reference.first == reference.last:
            return first
        # a value is monotonic in the reference (nearest, previous or next occurrence), so the two
        # ends agreeing means every day between them agrees too
        return first if _resolve_cached(expression, reference.last) == first else None
    if isinstance(reference, datetime):
        reference = reference.date()
    if reference is not None and not isinstance(reference, date):
        raise TypeError(f"reference must be a datetime.date, a Period or None, not {type(reference).__name__}")
    return _resolve_cached(expression, reference)


@lru_cache(maxsize=8192)
def _resolve_cached(expression: str, reference: date | None) -> str | None:
    words = _words(expression)
    value = _rules(_classify(words), reference) if words else UNKNOWN
    if value is UNKNOWN:
        return _dateparser_value(expression.strip(), reference) if _worth_parsing(words) else None
    return value  # type: ignore[return-value]


# -- words and their kinds -----------------------------------------------------------------------


def _words(expression: str) -> list[str]:
    """Lower-case words, with "altro ieri" and "fine settimana" joined and articles dropped."""
    words = _WORD.findall(expression.translate(_NORMALIZE).lower())
    joined: list[str] = []
    for word in words:
        if joined and (joined[-1], word) == ("altro", "ieri"):
            joined[-1] = "altroieri"
        elif joined and (joined[-1], word) == ("fine", "settimana"):
            joined[-1] = "weekend"
        else:
            joined.append(word)
    return [w for w in joined if w not in SKIP]


def _classify(words: list[str]) -> list[Tok]:
    """One :class:`Tok` per word. Kinds: G named day, W weekday, M month, n number, y year,
    Z numeric date, T clock time, O "ore" before a time, @ "alle", P part of day, R relative word,
    L plural relative, K modifier, U unit, V unit in the plural, E weekend, S season, X decade,
    F "fa", A "tra"/"fra", ? anything else."""
    toks: list[Tok] = []
    for i, word in enumerate(words):
        after = words[i + 1] if i + 1 < len(words) else ""
        toks.append(_classify_word(word, after, words[i - 1] if i else ""))
    return [t for t in toks if t.kind != "-"]


def _classify_word(word: str, after: str, before: str) -> Tok:
    if word[0].isdigit() or word[0] == "'":
        return _classify_number(word, before)
    if before == "anni" and word in DECADE_WORDS:
        return Tok("X", DECADE_WORDS[word])
    if word == "anni" and (after in DECADE_WORDS or _decade_digits(after)):
        return Tok("-", None)  # "anni" of "anni Novanta": the decade token carries the value
    if word in ("ultimi", "ultime") and after in MONTHS:
        return Tok("K", "END")  # "gli ultimi di gennaio"
    if word == "ore" and after[:1].isdigit():
        return Tok("O", None)
    for table, kind in _WORD_KINDS:
        if word in table:
            return Tok(kind, table[word])
    return Tok(_SIMPLE_KINDS[word], None) if word in _SIMPLE_KINDS else Tok("?", word)


def _classify_number(word: str, before: str) -> Tok:
    if before == "anni" and _decade_digits(word):
        return Tok("X", _decade_digits(word))
    if word[0] == "'":
        return Tok("y", _two_digit_year(int(word[1:])))
    if word.isdigit():
        number = int(word)
        if len(word) == 4:
            return Tok("y", number) if 1000 <= number <= 2999 else Tok("?", word)
        return Tok("n", number) if len(word) <= 3 else Tok("?", word)
    if match := _DMY.fullmatch(word):
        day, month, year = (int(g) for g in match.groups())
        return Tok("Z", _date(_two_digit_year(year) if year < 100 else year, month, day))
    if match := _YMD.fullmatch(word):
        year, month, day = (int(g) for g in match.groups())
        return Tok("Z", _date(year, month, day))
    if (match := _CLOCK.fullmatch(word)) and int(match[1]) <= 24 and int(match[2]) < 60:
        return Tok("T", (int(match[1]), int(match[2])))
    return Tok("?", word)


def _decade_digits(word: str) -> str | None:
    """"90", "'90", "1990" -> "199X"; "2000" -> "200X"; None for anything else."""
    digits = word.lstrip("'")
    if len(digits) == 2 and digits.isdigit() and digits.endswith("0"):
        return f"{19 if digits != '00' else 20}{digits[0]}X"
    if len(digits) == 4 and digits.isdigit() and digits.endswith("0") and 1800 <= int(digits) <= 2090:
        return f"{digits[:3]}X"
    return None


def _two_digit_year(year: int) -> int:
    return 2000 + year if year < 70 else 1900 + year


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _worth_parsing(words: list[str]) -> bool:
    """Whether dateparser may find something: not bare numbers ("15" is no date)."""
    return any(not w[0].isdigit() and w[0] != "'" for w in words) or any(
        _DMY.fullmatch(w) or _YMD.fullmatch(w) for w in words)


# -- the rules -----------------------------------------------------------------------------------


def _rules(toks: list[Tok], ref: date | None) -> str | None | _Unknown:
    """The value of the classified words, UNKNOWN when no rule fits."""
    mod = None
    if toks and toks[0].kind == "K":
        mod, toks = toks[0].value, _drop_unit_before_anchor(toks[1:])
    toks, clock, part = _split_time_of_day(toks)
    if not toks:
        if clock is not None and mod is None:
            return f"XXXX-XX-XXT{clock[0]:02d}:{clock[1]:02d}"
        return UNKNOWN
    found = _day(toks, ref)
    if found is UNKNOWN:
        if clock is not None or part is not None:
            return UNKNOWN
        value = _period(toks, ref)
    elif found is None:
        return None
    else:
        day, own_part = found  # type: ignore[misc]
        value = day.isoformat() + _time_suffix(clock, part or own_part)
    if value is UNKNOWN or value is None or mod is None:
        return value
    return None if str(value).startswith("P") else f"{value} {mod}"


def _drop_unit_before_anchor(toks: list[Tok]) -> list[Tok]:
    """"primi (tre) mesi del 2022" -> "2022": a unit between the modifier and an anchor."""
    kinds = "".join(t.kind for t in toks)
    match = re.match(r"n?[UV](?=[MyWZSXGE])", kinds)
    return toks[match.end():] if match else toks


def _split_time_of_day(toks: list[Tok]) -> tuple[list[Tok], tuple[int, int] | None, str | None]:
    """Take a trailing clock time ("alle 15.30", "alle ore 15") or part of day ("sera") off."""
    kinds = "".join(t.kind for t in toks)
    match = re.search(r"@?O?T$|@?On$|@n$", kinds)
    if match:
        hour, minute = toks[-1].value if toks[-1].kind == "T" else (toks[-1].value, 0)
        if hour > 24:
            return toks, None, None
        return toks[:match.start()], (hour, minute), None
    if kinds.endswith("P") and len(toks) > 1 and kinds != "RP":
        return toks[:-1], None, toks[-1].value
    return toks, None, None


def _time_suffix(clock: tuple[int, int] | None, part: str | None) -> str:
    if clock is not None:
        return f"T{clock[0]:02d}:{clock[1]:02d}"
    return f"T{part}" if part else ""


def _get(toks: list[Tok], kind: str) -> Any:
    return next(t.value for t in toks if t.kind == kind)


def _unit(toks: list[Tok]) -> str:
    """The unit of a singular (U) or plural (V) unit word: Y M W D H DE CE."""
    return next(t.value for t in toks if t.kind in "UV")


def _rel(toks: list[Tok]) -> Any:
    """The relative word's offset (+1, -1, 0, None for "successivo"); 0 when there is none."""
    return next((t.value for t in toks if t.kind == "R"), 0)


def _direction(toks: list[Tok]) -> Any:
    """Like :func:`_rel`, but "nearest" when there is no relative word ("lunedì", "agosto")."""
    return next((t.value for t in toks if t.kind == "R"), "nearest")


def _day(toks: list[Tok], ref: date | None) -> tuple[date, str | None] | None | _Unknown:
    """(day, part of day it names) for a day-level expression, None if unresolvable, else UNKNOWN."""
    kinds = "".join(t.kind for t in toks)
    for pattern, rule in _DAY_RULES:
        if re.fullmatch(pattern, kinds):
            found = rule(toks, ref)
            if found is None or isinstance(found, tuple):
                return found
            return found, None
    return UNKNOWN


def _named_day(toks: list[Tok], ref: date | None) -> tuple[date, str | None] | None:
    offset, part = _get(toks, "G")
    return None if ref is None else (ref + timedelta(days=offset), part)


def _this_part_of_day(toks: list[Tok], ref: date | None) -> tuple[date, str | None] | None:
    """"questa sera": only "questo" (0) names the reference's own day."""
    return None if ref is None or _rel(toks) != 0 else (ref, _get(toks, "P"))


def _weekday(toks: list[Tok], ref: date | None) -> date | None:
    rel = _direction(toks)
    if ref is None or rel is None:
        return None
    wanted = _get(toks, "W")
    back = (ref.weekday() - wanted) % 7
    ahead = (wanted - ref.weekday()) % 7
    if rel == -1:
        return ref - timedelta(days=back or 7)
    if rel == 1:
        return ref + timedelta(days=ahead or 7)
    if rel == 0:
        return ref + timedelta(days=wanted - ref.weekday())
    return ref - timedelta(days=back) if back <= ahead else ref + timedelta(days=ahead)


def _numeric(toks: list[Tok], ref: date | None) -> date | None:
    return _get(toks, "Z")


def _day_month(toks: list[Tok], ref: date | None) -> date | None:
    day, month = _get(toks, "n"), _get(toks, "M")
    if any(t.kind == "y" for t in toks):
        return _date(_get(toks, "y"), month, day)
    rel = _direction(toks)
    if ref is None or rel is None:
        return None
    if rel == 0:
        return _date(ref.year, month, day)
    candidates = [d for y in (ref.year - 1, ref.year, ref.year + 1) if (d := _date(y, month, day))]
    if any(t.kind == "W" for t in toks):  # "martedì 7 dicembre": the years where the 7th is a Tuesday
        candidates = [d for d in candidates if d.weekday() == _get(toks, "W")] or candidates
    return _pick(candidates, rel, lambda d: (d - ref).days)


_DAY_RULES: list[tuple[str, Callable[..., Any]]] = [
    (r"G", _named_day),
    (r"RP", _this_part_of_day),
    (r"W|WR|RW", _weekday),
    (r"Z", _numeric),
    (r"R?W?nM(?:y|R|yR)?", _day_month),
]


def _period(toks: list[Tok], ref: date | None) -> str | None | _Unknown:
    """The value of a week, month, season, year, decade or duration expression, else UNKNOWN."""
    kinds = "".join(t.kind for t in toks)
    for pattern, rule in _PERIOD_RULES:
        if re.fullmatch(pattern, kinds):
            return rule(toks, ref)
    return UNKNOWN


def _pick(candidates: list[Any], rel: Any, distance: Callable[[Any], int]) -> Any:
    """The candidate before (rel -1), after (+1) or nearest to (else) the reference, ``distance``
    being how far a candidate is after it (negative: before); on a tie, the earlier one."""
    if rel == -1:
        before = [c for c in candidates if distance(c) < 0]
        return max(before, key=distance) if before else None
    if rel == 1:
        after = [c for c in candidates if distance(c) > 0]
        return min(after, key=distance) if after else None
    return min(candidates, key=lambda c: (abs(distance(c)), distance(c) > 0)) if candidates else None


def _month(toks: list[Tok], ref: date | None) -> str | None:
    month = _get(toks, "M")
    if any(t.kind == "y" for t in toks):
        return f"{_get(toks, 'y'):04d}-{month:02d}"
    rel = _direction(toks)
    if ref is None or rel is None:
        return None
    if rel == 0:
        return f"{ref.year:04d}-{month:02d}"
    here = ref.year * 12 + ref.month - 1
    candidates = [y * 12 + month - 1 for y in (ref.year - 1, ref.year, ref.year + 1)]
    index = _pick(candidates, rel, lambda c: c - here)
    return None if index is None else f"{index // 12:04d}-{index % 12 + 1:02d}"


def _year(toks: list[Tok], ref: date | None) -> str:
    return f"{_get(toks, 'y'):04d}"


def _relative_unit(toks: list[Tok], ref: date | None) -> str | None:
    """"il mese prossimo", "l'anno scorso", "questa settimana", "fine anno" (this year)."""
    rel, unit = _rel(toks), _get(toks, "U")
    if ref is None or rel is None or unit not in ("Y", "M", "W"):
        return None
    return _shift(ref, unit, rel)


def _shift(ref: date, unit: str, count: int) -> str | None:
    """The reference moved by ``count`` units, written at that unit's granularity."""
    if unit == "D":
        return (ref + timedelta(days=count)).isoformat()
    if unit == "W":
        year, week, _ = (ref + timedelta(weeks=count)).isocalendar()
        return f"{year:04d}-W{week:02d}"
    if unit == "M":
        index = ref.year * 12 + ref.month - 1 + count
        return f"{index // 12:04d}-{index % 12 + 1:02d}"
    if unit == "Y":
        return f"{ref.year + count:04d}"
    if unit == "DE":
        return f"{(ref.year + 10 * count) // 10}X"
    return None  # hours, centuries: not from a publication date


def _shifted(toks: list[Tok], ref: date | None) -> str | None:
    """"tre anni fa" 2018, "tra due settimane" 2022-W01, at the unit's granularity."""
    if ref is None:
        return None
    sign = -1 if toks[-1].kind == "F" else 1
    return _shift(ref, _unit(toks), sign * _get(toks, "n"))


def _weekend(toks: list[Tok], ref: date | None) -> str | None:
    rel = _direction(toks)
    if ref is None or rel is None:
        return None
    if rel == "nearest":
        # last week's weekend is (weekday + 1) days back, this week's (5 - weekday) ahead
        rel = -1 if ref.weekday() + 1 <= 5 - ref.weekday() else 0
    year, week, _ = (ref + timedelta(weeks=rel)).isocalendar()
    return f"{year:04d}-W{week:02d}-WE"


def _season(toks: list[Tok], ref: date | None) -> str | None:
    season = _get(toks, "S")
    if any(t.kind == "y" for t in toks):
        return f"{_get(toks, 'y'):04d}-{SEASON_CODES[season]}"
    rel = _direction(toks)
    if ref is None or rel is None:
        return None
    current = _season_number(ref)
    candidates = [y * 4 + season for y in (ref.year - 2, ref.year - 1, ref.year, ref.year + 1)]
    found = _pick(candidates, rel, lambda c: c - current)
    return None if found is None else f"{found // 4:04d}-{SEASON_CODES[found % 4]}"


def _season_number(day: date) -> int:
    """year * 4 + season (spring 0 … winter 3); January and February belong to last year's winter."""
    if day.month <= 2:
        return (day.year - 1) * 4 + 3
    return day.year * 4 + (day.month - 3) // 3


def _decade(toks: list[Tok], ref: date | None) -> str:
    return _get(toks, "X")


def _duration(toks: list[Tok], ref: date | None) -> str | None:
    """"gli ultimi tre anni" P3Y, "i prossimi giorni" PXD, "le ultime 24 ore" PT24H."""
    unit = _unit(toks)
    count = next((str(t.value) for t in toks if t.kind == "n"), "X")
    return f"PT{count}H" if unit == "H" else f"P{count}{unit}"


_PERIOD_RULES: list[tuple[str, Callable[..., Any]]] = [
    (r"n[UV]F|An[UV]", _shifted),
    (r"M[yR]?|RM", _month),
    (r"y", _year),
    (r"R?UR?", _relative_unit),
    (r"R?ER?", _weekend),
    (r"S[yR]?|RS", _season),
    (r"X", _decade),
    (r"Ln?[UV]|n[UV]", _duration),
]


# -- dateparser, for what the rules do not know --------------------------------------------------


@lru_cache(maxsize=4096)
def _dateparser_value(text: str, reference: date | None) -> str | None:
    """dateparser's reading of ``text``; without reference, only when it does not depend on one."""
    if reference is not None:
        return _dateparser_parse(text, reference)
    first, second = (_dateparser_parse(text, probe) for probe in _PROBES)
    return first if first == second else None


def _dateparser_parse(text: str, base: date) -> str | None:
    data = _dateparser(base).get_date_data(text)
    when, period = data.date_obj, data.period
    if when is None:
        return None
    if period == "day":
        return when.date().isoformat()
    if period == "week":
        year, week, _ = when.isocalendar()
        return f"{year:04d}-W{week:02d}"
    if period == "month":
        return f"{when.year:04d}-{when.month:02d}"
    if period == "year":
        return f"{when.year:04d}"
    return None  # a time of day on a day dateparser made up


@lru_cache(maxsize=16)
def _dateparser(base: date) -> Any:
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["it"], settings={
        "RELATIVE_BASE": datetime.combine(base, time()),
        "PREFER_DATES_FROM": "current_period",
        "RETURN_TIME_AS_PERIOD": True,
    })
