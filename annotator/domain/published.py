"""The day a document was published, read from its metadata.

It anchors relative dates ("ieri", "il mese prossimo") in pre-annotation and in the editor, and it is
the date of an event whose sentence names none. A metadata date that gives only the month ("2021-12")
or the year ("2021") still anchors what does not depend on the day: :func:`publication_reference`
gives it as a :class:`Period`, the first and last day it may have been. Plain Python.
"""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

__all__ = ["PUBLISHED_KEYS", "Period", "publication_date", "publication_reference"]

# metadata keys that may hold the publication date, in order of trust ("published" is what import
# writes; "date" is common in hand-made JSONL)
PUBLISHED_KEYS = ("published", "date")
_ISO_DAY = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})(?:[T ]|\s*$)")
_ISO_MONTH = re.compile(r"\s*(\d{4})-(\d{2})\s*$")
_ISO_YEAR = re.compile(r"\s*(\d{4})\s*$")


@dataclass(frozen=True, slots=True)
class Period:
    """A publication date known only to the month or the year: its ``first`` and ``last`` day."""

    first: date
    last: date

    def __post_init__(self) -> None:
        if self.first > self.last:
            raise ValueError(f"a period ends ({self.last}) before it starts ({self.first})")


def publication_date(meta: Mapping[str, Any]) -> date | None:
    """The day a document was published, from its metadata ("published", else "date").

    Only a full ISO day counts ("2021-12-22", "2021-12-22T11:32+01:00"): a month ("2021-12") or
    free text cannot anchor "ieri", so it gives None, as does an impossible day.
    """
    for key in PUBLISHED_KEYS:
        value = meta.get(key)
        if isinstance(value, str) and (match := _ISO_DAY.match(value)):
            try:
                return date(*(int(part) for part in match.groups()))
            except ValueError:
                continue
    return None


def publication_reference(meta: Mapping[str, Any]) -> date | Period | None:
    """What relative dates of a document count from: its publication day (see
    :func:`publication_date`), else the month ("2021-12") or year ("2021") its metadata gives, as a
    :class:`Period`; None when the metadata has none of these."""
    day = publication_date(meta)
    if day is not None:
        return day
    for key in PUBLISHED_KEYS:
        value = meta.get(key)
        if not isinstance(value, str):
            continue
        if (match := _ISO_MONTH.match(value)) and 1 <= (month := int(match.group(2))) <= 12:
            year = int(match.group(1))
            if year >= 1:
                return Period(date(year, month, 1), date(year, month, monthrange(year, month)[1]))
        if (match := _ISO_YEAR.match(value)) and int(match.group(1)) >= 1:
            year = int(match.group(1))
            return Period(date(year, 1, 1), date(year, 12, 31))
    return None
