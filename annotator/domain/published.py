"""The day a document was published, read from its metadata.

It anchors relative dates ("ieri", "il mese prossimo") in pre-annotation and in the editor, and it is
the date of an event whose sentence names none. Plain Python.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

__all__ = ["PUBLISHED_KEYS", "publication_date"]

# metadata keys that may hold the publication date, in order of trust ("published" is what import
# writes; "date" is common in hand-made JSONL)
PUBLISHED_KEYS = ("published", "date")
_ISO_DAY = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})(?:[T ]|\s*$)")


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
