"""What a lookup returns: a gazetteer place (Entry) and how its name matched (Match)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

PRECISION_OF_KIND = {
    "country": "country",
    "region": "region",
    "admin1": "admin1",
    "admin2": "admin2",
    "city": "locality",
}


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
    radius_km: float | None = None  # areas: how far from the point the area reaches

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
        radius_km: float | None = None,
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
        self.radius_km = radius_km
        self.__class__ = Entry  # type: ignore[assignment]


class _MatchMaker:
    __slots__ = Match.__slots__

    def __init__(self, entry: Entry, how: str) -> None:
        self.entry = entry
        self.how = how
        self.__class__ = Match  # type: ignore[assignment]


_make_entry: Callable[..., Entry] = _EntryMaker  # type: ignore[assignment]
_make_match: Callable[[Entry, str], Match] = _MatchMaker  # type: ignore[assignment]
