"""Cross-article merge: reports of one real-world event in different articles become one cluster.

Candidate pairs come only from the same block (event type + location country + week of the event's
date), so the work grows with block sizes, not with the square of the store. A pair joins when nothing
contradicts it (dates overlap, places agree to the admin1 / within ``max_km``, actor countries agree)
and the evidence says the same thing (similar evidence sentences, or moderately similar ones with the
same actors or the same death toll). Connected pairs form clusters. Clusters are derived data: they are
recomputed from the stored events and replace the previous ones, so merging is always reversible.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from itertools import combinations
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from khabar.store import Store

METHOD = "khabar.cluster.rules.v1"
MAX_BUCKETS = 3  # an event with a wide date interval joins at most this many week buckets

_WORD = re.compile(r"[a-z0-9]+")
_STOP_WORDS = """a an the and or but of in on at to for from by with as is was were be been being are has have had
    it its this that these those he she they them his her their we our you your i said says say told
    according also after before over into about than then there which who whom whose what when where
    while will would could should may might can not no mr mrs ms on upon per"""
_STOP = frozenset(_STOP_WORDS.split())


@dataclass(frozen=True)
class MergeRules:
    """The thresholds, in one place so they can be tuned against labelled pairs."""

    max_km: float = 50.0
    date_slack_days: int = 1
    text_alone: float = 0.5  # evidence similarity that suffices by itself
    text_with_support: float = 0.25  # ... that suffices with the same actors or the same death toll
    actors_support: float = 0.5


@dataclass
class Link:
    score: float
    reason: str


@dataclass
class Cluster:
    id: str
    members: list[dict[str, Any]]
    links: dict[str, Link] = field(default_factory=dict)  # event id -> why it joined

    @property
    def n_sources(self) -> int:
        return len({m["article_id"] for m in self.members})


def cluster_events(events: Iterable[dict[str, Any]], rules: MergeRules | None = None) -> list[Cluster]:
    """Group event rows (as the store returns them) into clusters; every event ends in exactly one."""
    rules = rules or MergeRules()
    rows = {row["id"]: row for row in events}
    words = {eid: _words(row.get("evidence")) for eid, row in rows.items()}
    parent = {eid: eid for eid in rows}
    best: dict[str, Link] = {}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in candidate_pairs(rows.values()):
        link = compare(rows[a], rows[b], words[a], words[b], rules)
        if link is None:
            continue
        for eid in (a, b):
            if eid not in best or link.score > best[eid].score:
                best[eid] = link
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for eid in sorted(rows):
        groups[find(eid)].append(rows[eid])
    clusters = []
    for members in groups.values():
        members.sort(key=_report_order)
        ids = "\n".join(sorted(m["id"] for m in members))
        cluster_id = hashlib.sha256(ids.encode()).hexdigest()[:16]
        links = {m["id"]: best[m["id"]] for m in members[1:] if m["id"] in best}
        clusters.append(Cluster(cluster_id, members, links))
    clusters.sort(key=lambda c: (-c.n_sources, _report_order(c.members[0])))
    return clusters


def candidate_pairs(rows: Iterable[dict[str, Any]]) -> Iterator[tuple[str, str]]:
    """Pairs of events from different articles that share a block (type, country, week)."""
    blocks: dict[tuple[str, str, int | None], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        for week in _weeks(row):
            blocks[(row["type"], row.get("country") or "?", week)].append(row)
    seen: set[tuple[str, str]] = set()
    for block in blocks.values():
        for x, y in combinations(block, 2):
            if x["article_id"] == y["article_id"]:
                continue
            pair = (x["id"], y["id"]) if x["id"] < y["id"] else (y["id"], x["id"])
            if pair not in seen:
                seen.add(pair)
                yield pair


def compare(x: dict[str, Any], y: dict[str, Any], wx: set[str], wy: set[str], rules: MergeRules) -> Link | None:
    """Why two events are the same one, or None when something contradicts it or evidence is thin."""
    reasons = [f"type {x['type']}"]
    when = _dates_agree(x, y, rules.date_slack_days)
    if when is False:
        return None
    if isinstance(when, str):
        reasons.append(when)
    place = _places_agree(x, y, rules.max_km)
    if place is False:
        return None
    if isinstance(place, str):
        reasons.append(place)
    for column in ("actor1_country", "actor2_country"):
        if x.get(column) and y.get(column) and x[column] != y[column]:
            return None
    text = _jaccard(wx, wy)
    actors = _jaccard(_names(x), _names(y))
    same_toll = x.get("fatalities") is not None and x.get("fatalities") == y.get("fatalities")
    supported = actors >= rules.actors_support or same_toll
    if not (text >= rules.text_alone or (text >= rules.text_with_support and supported)):
        return None
    reasons.append(f"evidence similarity {text:.2f}")
    if actors:
        reasons.append(f"actor overlap {actors:.2f}")
    if same_toll:
        reasons.append(f"same toll {x['fatalities']}")
    score = round(0.6 * text + 0.25 * actors + 0.15 * (1.0 if place else 0.5), 3)
    return Link(score, "; ".join(reasons))


def cluster_rows(clusters: list[Cluster]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Rows for the ``clusters`` and ``cluster_events`` tables."""
    now = datetime.now(UTC)
    cluster_table, member_table = [], []
    for cluster in clusters:
        members = cluster.members
        first = members[0]
        earliest, latest = _cluster_dates(members)
        located = [m for m in members if m.get("lat") is not None and m.get("lon") is not None]
        published = [m["published"] for m in members if m.get("published")]
        cluster_table.append(
            {
                "id": cluster.id,
                "type": first["type"],
                "n_events": len(members),
                "n_sources": cluster.n_sources,
                "n_outlets": len({m.get("outlet") or m["article_id"] for m in members}),
                "first_report": min(published) if published else None,
                "last_report": max(published) if published else None,
                "date_earliest": earliest,
                "date_latest": latest,
                "country": _most_common(m.get("country") for m in members),
                "admin1": _most_common(m.get("admin1") for m in members),
                "lat": located[0]["lat"] if located else None,
                "lon": located[0]["lon"] if located else None,
                "actor1": _most_common(m.get("actor1") for m in members),
                "actor2": _most_common(m.get("actor2") for m in members),
                "evidence": first.get("evidence"),
                "method": METHOD,
                "computed_at": now,
            }
        )
        for member in members:
            link = cluster.links.get(member["id"])
            member_table.append(
                {
                    "cluster_id": cluster.id,
                    "event_id": member["id"],
                    "article_id": member["article_id"],
                    "outlet": member.get("outlet"),
                    "published": member.get("published"),
                    "stance": member.get("stance"),
                    "score": 1.0 if link is None else link.score,
                    "reason": "first report" if link is None else link.reason,
                }
            )
    return cluster_table, member_table


def cluster_store(store: Store, rules: MergeRules | None = None) -> dict[str, int]:
    """Recompute every cluster from the stored events and replace the old ones in one transaction."""
    clusters = cluster_events(store.iter_events(), rules)
    table, members = cluster_rows(clusters)
    store.replace_clusters(table, members)
    return {
        "events": len(members),
        "clusters": len(table),
        "multi_source": sum(c.n_sources > 1 for c in clusters),
    }


# the pieces of evidence -------------------------------------------------------------------------------


def _weeks(row: dict[str, Any]) -> list[int | None]:
    earliest, latest = row.get("date_earliest"), row.get("date_latest")
    if earliest is None or latest is None:
        return [None]
    start = _week(earliest - timedelta(days=1))
    end = _week(latest + timedelta(days=1))
    if end - start + 1 > MAX_BUCKETS:  # vague dates: block by the middle only
        return [_week(earliest + (latest - earliest) / 2)]
    return list(range(start, end + 1))


def _week(day: date) -> int:
    return day.toordinal() // 7


def _dates_agree(x: dict[str, Any], y: dict[str, Any], slack: int) -> str | Literal[False] | None:
    """A reason when the intervals overlap, False when they do not, None when either is undated."""
    if None in (x.get("date_earliest"), x.get("date_latest"), y.get("date_earliest"), y.get("date_latest")):
        return None
    pad = timedelta(days=slack)
    if x["date_earliest"] > y["date_latest"] + pad or y["date_earliest"] > x["date_latest"] + pad:
        return False
    start = max(x["date_earliest"], y["date_earliest"])
    return f"dates overlap from {start}"


def _places_agree(x: dict[str, Any], y: dict[str, Any], max_km: float) -> str | Literal[False] | None:
    """A reason when the places agree, False when they conflict, None when either is unknown."""
    if x.get("admin1") and y.get("admin1") and x["admin1"] != y["admin1"]:
        return False
    if None not in (x.get("lat"), x.get("lon"), y.get("lat"), y.get("lon")):
        km = haversine_km(x["lat"], x["lon"], y["lat"], y["lon"])
        if km > max_km:
            return False
        return f"{km:.0f} km apart" + (f" in {x['admin1']}" if x.get("admin1") else "")
    if x.get("admin1") and x.get("admin1") == y.get("admin1"):
        return f"same admin1 {x['admin1']}"
    return None


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def _words(text: str | None) -> set[str]:
    return {w for w in _WORD.findall((text or "").lower()) if w not in _STOP}


def _names(row: dict[str, Any]) -> set[str]:
    names = set()
    for column in ("actors", "recipients"):
        for name in (row.get(column) or "").split(" | "):
            names.update(_words(name))
    return names


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _cluster_dates(members: list[dict[str, Any]]) -> tuple[date | None, date | None]:
    """The intersection of the members' intervals when they share one, else their union."""
    starts = [m["date_earliest"] for m in members if m.get("date_earliest")]
    ends = [m["date_latest"] for m in members if m.get("date_latest")]
    if not starts or not ends:
        return None, None
    if max(starts) <= min(ends):
        return max(starts), min(ends)
    return min(starts), max(ends)


def _most_common(values: Iterable[Any]) -> Any:
    counted = Counter(v for v in values if v)
    return counted.most_common(1)[0][0] if counted else None


def _report_order(row: dict[str, Any]) -> tuple[date, str]:
    return (row.get("published") or date.max, row["id"])
