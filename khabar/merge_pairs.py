"""Could two reported events be one real-world event? The pieces an analyst weighs, one pair at a time.

Each piece either rules the pair out (a conflict: incompatible types, places in different areas, dates
that cannot overlap, opposing parties) or gives a score in [0, 1] with a short reason. ``khabar.cluster``
combines the scores with the evidence sentences' similarity and decides over a whole candidate group.
Rows are the store's event rows (``Store.iter_events``), with the Event JSON under ``event``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

# One real-world act is coded differently by different outlets. Pairs of PLOVER categories (with a mode
# where only that mode qualifies; None: any mode) that can describe the same act, with why.
# Sources: PLOVER codebook (openeventdata/PLOVER: ASSAULT, COERCE modes seize/arrest, PROTEST modes,
# RETREAT, CONCEDE, COOPERATE, AID) and ACLED's codebook (a capture of territory by force is a battle with
# a change of control; an abduction by state forces may be reported as an arrest). Signing a deal and carrying
# it out are two events (as event annotation guidelines such as MEANTIME's keep them), so AGREE and COOPERATE
# do not merge.
COMPATIBLE_TYPES: tuple[tuple[str, str | None, str, str | None, str], ...] = (
    ("ASSAULT", None, "COERCE", "seize", "a capture by force is reported as an attack or as a seizure"),
    ("ASSAULT", "abduct", "COERCE", "arrest", "a detention by force is an abduction or an arrest"),
    ("ASSAULT", None, "COERCE", "arrest", "a raid reported as fighting or as arrests"),
    ("COERCE", "seize", "PROTEST", None, "an occupation: protesters seize a building"),
    ("ASSAULT", None, "PROTEST", "riot", "a violent demonstration: a riot or an attack by the crowd"),
    ("RETREAT", None, "CONCEDE", None, "a side yields: withdrawal reported as a concession"),
    ("COOPERATE", None, "AID", None, "material help reported as cooperation"),
)
SAME_TYPE, SAME_MODE, COMPATIBLE = 0.8, 1.0, 0.6
# Trigger words of a REJECT event that deny some other event took place: a dispute on it, not an event of its own.
DENIAL_TRIGGERS = frozenset(
    ("deny", "denied", "denies", "denying", "denial", "dispute", "disputed", "disputes", "reject", "rejected",
     "rejects", "dismiss", "dismissed", "refute", "refuted")
)  # fmt: skip

PLACE_RANK = {"point": 0, "locality": 1, "admin2": 2, "admin1": 3, "region": 4, "country": 5}
REPORTED_WINDOW_DAYS = 7  # an event dated only by its report happened in the week up to publication


@dataclass(frozen=True)
class Piece:
    """One consideration: its score in [0, 1], or ``conflict`` when it rules the pair out."""

    score: float
    reason: str = ""
    conflict: bool = False


NEUTRAL = Piece(0.5)


def type_piece(x: dict[str, Any], y: dict[str, Any]) -> Piece:
    if x["type"] == y["type"]:
        if x.get("mode") and x.get("mode") == y.get("mode"):
            return Piece(SAME_MODE, f"{x['type']}/{x['mode']}")
        return Piece(SAME_TYPE, x["type"])
    if compatible_types(x["type"], x.get("mode"), y["type"], y.get("mode")):
        return Piece(COMPATIBLE, f"{x['type']}~{y['type']}")
    return Piece(0.0, "types differ", conflict=True)


def compatible_types(a: str, amode: str | None, b: str, bmode: str | None) -> bool:
    for t1, m1, t2, m2, _why in COMPATIBLE_TYPES:
        for (p, pm), (q, qm) in (((a, amode), (b, bmode)), ((b, bmode), (a, amode))):
            if p == t1 and q == t2 and (m1 is None or m1 == pm) and (m2 is None or m2 == qm):
                return True
    return False


def type_family(kind: str) -> str:
    """A key shared by every category that can be compatible with ``kind`` (for blocking)."""
    family = {kind}
    changed = True
    while changed:
        changed = False
        for t1, _m1, t2, _m2, _why in COMPATIBLE_TYPES:
            if (t1 in family) != (t2 in family):
                family |= {t1, t2}
                changed = True
    return "+".join(sorted(family))


# places -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Where:
    """A place as the hierarchy sees it: country > admin1 > admin2 > the place itself."""

    country: str | None
    admin1: str | None
    admin2: str | None
    lat: float | None
    lon: float | None
    rank: int  # PLACE_RANK; 6 when unknown
    name: str | None

    @classmethod
    def of(cls, row: dict[str, Any]) -> Where:
        place = (row.get("event") or {}).get("place") or {}
        precision = row.get("geo_precision") or place.get("precision")
        kind = place.get("kind")
        if precision is None and kind in PLACE_RANK:
            precision = kind
        if precision not in PLACE_RANK:  # unknown: the finest level the row names
            precision = next((k for k in ("admin2", "admin1", "country") if row.get(k)), None)
        rank = PLACE_RANK.get(precision or "", 6)
        point = rank <= 1 and row.get("lat") is not None and row.get("lon") is not None
        return cls(row.get("country"), row.get("admin1"), row.get("admin2"),
                   row.get("lat") if point else None, row.get("lon") if point else None, rank,
                   row.get("place"))  # fmt: skip


def alternatives(row: dict[str, Any]) -> list[Where]:
    """When the coder could place an event only at a country (or nowhere), the other places its sentence
    names are candidates too ("seized the crossing on the border with Iran" placed in Iran also names the
    crossing); each as a Where, weaker than the coder's own choice (``ALTERNATIVE``)."""
    chosen = Where.of(row)
    if chosen.rank < PLACE_RANK["country"]:
        return []
    event = row.get("event") or {}
    chosen_name = (event.get("place") or {}).get("name")
    out = []
    for place in event.get("places_mentioned") or ():
        if not place.get("country") or place.get("name") == chosen_name:
            continue
        out.append(Where.of({"country": place.get("country"), "admin1": place.get("admin1"),
                             "admin2": place.get("admin2"), "lat": place.get("lat"), "lon": place.get("lon"),
                             "geo_precision": place.get("precision"), "place": place.get("name"),
                             "event": {"place": place}}))  # fmt: skip
    return out


ALTERNATIVE = 0.8  # a place the sentence names but the coder did not choose counts this much


def place_piece(a: Where, b: Where, max_km: float) -> Piece:
    """Places agree when one lies inside the other in the hierarchy; a coarser place matches the finer."""
    if a.country is None or b.country is None:
        return Piece(0.4, "place unknown")
    if a.country != b.country:
        return Piece(0.0, "different countries", conflict=True)
    for level in ("admin1", "admin2"):
        va, vb = getattr(a, level), getattr(b, level)
        if va and vb and va != vb:
            return Piece(0.0, f"different {level}", conflict=True)
    if a.lat is not None and b.lat is not None and a.lon is not None and b.lon is not None:
        km = haversine_km(a.lat, a.lon, b.lat, b.lon)
        if km > max_km:
            return Piece(0.0, f"{km:.0f} km apart", conflict=True)
        return Piece(1.0 if km <= 10 else 0.8, f"{km:.0f} km apart")
    if a.admin2 and a.admin2 == b.admin2:
        return Piece(0.8, f"same district {a.admin2}")
    if a.admin1 and a.admin1 == b.admin1:
        return Piece(0.7, f"same province {a.admin1}")
    if a.admin1 or b.admin1:
        inner = a if a.rank <= b.rank else b
        return Piece(0.6, f"{inner.name or inner.admin1} lies in {(b if inner is a else a).name or a.country}")
    return Piece(0.5, f"same country {a.country}")


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


# dates --------------------------------------------------------------------------------------------------


def interval(row: dict[str, Any]) -> tuple[date, date] | None:
    """The days the event can have happened on: its date's interval (precision included); an event dated
    only by its report, the week up to publication; None when nothing dates it."""
    earliest, latest = row.get("date_earliest"), row.get("date_latest")
    if row.get("date_precision") == "reported" and earliest is not None:
        return earliest - timedelta(days=REPORTED_WINDOW_DAYS), latest or earliest
    if earliest is None and latest is None:
        return None
    return earliest or latest, latest or earliest  # type: ignore[return-value]


def date_piece(a: tuple[date, date] | None, b: tuple[date, date] | None, slack_days: int) -> Piece:
    if a is None or b is None:
        return Piece(0.4, "undated")
    pad = timedelta(days=slack_days)
    if a[0] > b[1] + pad or b[0] > a[1] + pad:
        return Piece(0.0, "dates apart", conflict=True)
    widest = max((a[1] - a[0]).days, (b[1] - b[0]).days)
    start = max(a[0], b[0])
    if widest <= 2:
        return Piece(1.0, f"same days from {start}")
    return Piece(0.6 if widest <= 8 else 0.5, f"dates overlap from {start}")


# parties ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Party:
    actor_id: str | None  # a dictionary id (not a bare country)
    country: str | None
    sectors: frozenset[str]
    names: frozenset[str]  # the capitalised words of its name ("Steve Jobs" -> Steve, Jobs)

    @classmethod
    def of(cls, actor: dict[str, Any]) -> Party:
        actor_id = actor.get("actor_id")
        if actor_id and str(actor_id).startswith("country:"):
            actor_id = None
        names = frozenset(w for w in str(actor.get("name") or "").replace("'s", "").split() if w[:1].isupper())
        return cls(actor_id, actor.get("country"), frozenset(actor.get("sectors") or ()), names)

    def match(self, other: Party) -> float:
        """1 for the same dictionary actor; 0.8 for the same name (a shared proper name: "Jobs", "Steve
        Jobs") or the same kind of party (countries equal or one unknown, a shared sector); 0.6 for the same
        country, one of no known sector; 0 otherwise."""
        if self.actor_id and self.actor_id == other.actor_id:
            return 1.0
        if self.country and other.country and self.country != other.country:
            return 0.0
        if self.names & other.names and not (self.actor_id and other.actor_id):
            return 0.8
        if self.sectors & other.sectors:
            return 0.8
        if self.country and self.country == other.country and not (self.sectors and other.sectors):
            return 0.6
        return 0.0


@dataclass(frozen=True)
class Parties:
    """Who acts and who is acted on."""

    sources: tuple[Party, ...]
    targets: tuple[Party, ...]

    @classmethod
    def of(cls, row: dict[str, Any]) -> Parties:
        event = row.get("event") or {}
        return cls(
            tuple(Party.of(a) for a in event.get("actors") or ()),
            tuple(Party.of(a) for a in event.get("recipients") or ()),
        )


def _side(a: tuple[Party, ...], b: tuple[Party, ...]) -> float | None:
    if not a or not b:
        return None
    return max(x.match(y) for x in a for y in b)


def party_piece(a: Parties, b: Parties) -> Piece:
    """How well the parties agree: source with source and target with target, or crossed (one outlet's
    attacker is another's "clashed with"); never a conflict by itself, as actor coding is the least sure."""
    best = None
    for mine, theirs in (
        ((a.sources, b.sources), (a.targets, b.targets)),
        ((a.sources, b.targets), (a.targets, b.sources)),
    ):
        sides = [s for s in (_side(*mine), _side(*theirs)) if s is not None]
        if sides:
            score = sum(sides) / len(sides)
            best = score if best is None else max(best, score)
    if best is None:
        return Piece(0.4, "parties unknown")
    return Piece(best, f"parties agree {best:.2f}")


def is_denial(row: dict[str, Any]) -> bool:
    """A REJECT event whose trigger denies or rejects (a party's denial of some other event), or an act
    reported under the ``denied`` modality."""
    if (row.get("event") or {}).get("modality") == "denied":
        return True
    return row["type"] == "REJECT" and (row.get("trigger") or "").lower() in DENIAL_TRIGGERS
