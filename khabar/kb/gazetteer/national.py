"""Villages from national gazetteers that PyPI packages ship: the places GeoNames' cities500 leaves out.

Conflict news names villages, and cities500 keeps only places with 500 people counted (Nigeria: 927 places).
A national package that lists a country's settlements with coordinates and an open licence fills that in:

- ``safesignal-geo`` (code Apache-2.0): Nigeria's settlements from OpenStreetMap (ODbL 1.0; each row says
  its OSM node and licence), with state and LGA.

A settlement joins the gazetteer as a town with no population (so it ranks below every counted namesake) in
the admin1 area its row names, or, where the row names none, that of the nearest GeoNames town. Rows go in
by the package's prominence score (its OSM place rank: a town before a village, a village before a hamlet),
so among uncounted namesakes the lookup, which ranks ties by id, offers the town first. One already
in GeoNames (same name within ``SAME_PLACE_KM``) is left out: GeoNames' record carries the id and the count.
"""

from __future__ import annotations

import csv
import logging
import math
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from khabar.kb.gazetteer.names import name_key
from khabar.kb.gazetteer.sources import _best_admin, _latin_names, _Place

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())

SAME_PLACE_KM = 15.0  # a namesake this close is the same village spelt the same way
_NEAREST_TOWN_KM = 60.0  # an unnamed state is taken from a GeoNames town at most this far


@dataclass(frozen=True)
class NationalSource:
    """One package's settlement table: where it lies and how its columns are named."""

    dist: str  # the distribution, as pip and importlib.metadata name it
    package: str  # the import name, to find its data files
    path: tuple[str, ...]
    cc: str  # alpha-2
    credit: str  # the ``source`` every place from it carries


SOURCES = (
    NationalSource(
        dist="safesignal-geo",
        package="safesignal_geo",
        path=("data", "nigeria_v0.2.csv"),
        cc="NG",
        credit="safesignal-geo: OpenStreetMap (ODbL 1.0)",
    ),
)


def _rows(source: NationalSource) -> Iterator[dict[str, str]]:
    """The table's settlement rows; none (with a warning) when the package is not installed."""
    try:
        path = Path(str(resources.files(source.package).joinpath(*source.path)))
    except ModuleNotFoundError:
        log.warning("national gazetteer %s is not installed; its villages are left out", source.dist)
        return
    if not path.exists():
        log.warning("national gazetteer %s has no %s; its villages are left out", source.dist, "/".join(source.path))
        return
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r.get("type") == "settlement" and r.get("lat") and r.get("lng")]
    rows.sort(key=lambda r: -_prominence(r))
    yield from rows


def _prominence(row: dict[str, str]) -> int:
    try:
        return int(row.get("popularity") or 0)
    except ValueError:
        return 0


class _Grid:
    """Places of one country on a 0.5-degree grid, for "is there a namesake / a town near here"."""

    CELL = 0.5

    def __init__(self, places: Iterable[_Place]) -> None:
        self.cells: dict[tuple[int, int], list[_Place]] = defaultdict(list)
        for p in places:
            if p.lat is not None and p.lon is not None:
                self.cells[self._cell(p.lat, p.lon)].append(p)

    def _cell(self, lat: float, lon: float) -> tuple[int, int]:
        return math.floor(lat / self.CELL), math.floor(lon / self.CELL)

    def near(self, lat: float, lon: float) -> Iterator[tuple[float, _Place]]:
        """(km, place) for the places in this cell and the eight around it (at least ~50 km every way)."""
        ci, cj = self._cell(lat, lon)
        for di in (-1, 0, 1):
            for dj in (-1, 0, 1):
                for p in self.cells.get((ci + di, cj + dj), ()):
                    yield _km(lat, lon, p.lat or 0.0, p.lon or 0.0), p


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def national_settlements(
    known: list[_Place], adm1_names: dict[tuple[str, str], str], skip_cc: Collection[str] = ()
) -> list[_Place]:
    """Settlements of every installed national source not already among ``known`` (same name, nearby).

    ``adm1_names``: (alpha-2, admin1 code) -> name, to place each row in its admin1 area by the state it names;
    ``skip_cc``: countries a GeoNames dump already covers in full."""
    out: list[_Place] = []
    for source in SOURCES:
        if source.cc in skip_cc:
            continue
        admin1s = {code: name for (cc, code), name in adm1_names.items() if cc == source.cc}
        grid = _Grid(p for p in known if p.cc == source.cc and p.kind == "city")
        code_of: dict[str, str | None] = {}
        kept = dropped = 0
        for row in _rows(source):
            lat, lon = float(row["lat"]), float(row["lng"])
            names = _latin_names(row["canonical_name"], (a for a in row.get("aliases", "").split(";") if a))
            keys = {name_key(n) for n in names} - {""}
            if not keys:
                continue
            near = sorted(((km, p) for km, p in grid.near(lat, lon) if km <= _NEAREST_TOWN_KM), key=lambda t: t[0])
            if any(km <= SAME_PLACE_KM and keys & {name_key(n) for n in p.names} for km, p in near):
                dropped += 1
                continue
            state = row.get("admin_state", "")
            if state and state not in code_of:
                code_of[state] = _best_admin(state, admin1s)
            code = code_of.get(state) or (near[0][1].admin1_code if near else "")
            out.append(
                _Place(
                    geonames_id=None,
                    name=row["canonical_name"],
                    kind="city",
                    cc=source.cc,
                    admin1_code=code or "",
                    admin2=row.get("admin_lga", ""),
                    lat=lat,
                    lon=lon,
                    population=0,
                    source=source.credit,
                    names=names,
                )
            )
            kept += 1
        log.info("national gazetteer %s: %d settlements, %d already in GeoNames", source.dist, kept, dropped)
    return out
