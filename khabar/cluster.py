"""Cross-article merge: every report of one real-world event becomes one merged record.

Two reports are of the same event when their types are compatible (``merge_pairs.COMPATIBLE_TYPES``), their
places fit in the place hierarchy (a crossing lies in its province and country), their date intervals
overlap (each date's precision interval; an event dated only by its report, the week up to publication) and
their parties agree; the evidence sentences' TF-IDF similarity (scikit-learn) adds weight. Any conflict
keeps a pair apart for good.

The decision is taken in one step per candidate group: candidate pairs come from blocks (type family and
week), pairs close enough join a candidate group, and each group is cut by average-linkage agglomerative
clustering (scipy) at ``MergeRules.threshold``. Average linkage joins two sets only when their reports are
close on average, so one bridging report cannot chain two different events; a conflict is an infinite
distance, so no merged record ever holds two reports that contradict each other.

A party's denial ("the ministry denied that the crossing had fallen") is not an event of its own: it is
attached to the merged event it denies as a dispute. Clusters are derived data: they are recomputed from
the stored events and replace the previous ones, so merging is always reversible.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from itertools import combinations
from typing import TYPE_CHECKING, Any

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage

from khabar.merge_distance import FAR, Facts, MergeRules
from khabar.merge_pairs import Where, interval, is_denial

if TYPE_CHECKING:
    from khabar.store import Store

METHOD = "khabar.cluster.linkage.v2"
MAX_BUCKETS = 6  # the week buckets of a month; a vaguer date meets every report of its type family
DISPUTE_REASON = "dispute"
MAX_KEY_SHARE = 200  # a blocking key (rare n-gram or name) shared by more items than this is not rare


@dataclass
class Link:
    score: float
    reason: str


@dataclass
class Cluster:
    id: str
    members: list[dict[str, Any]]  # the reports of the event, first report first
    links: dict[str, Link] = field(default_factory=dict)  # event id -> why it joined
    disputes: list[dict[str, Any]] = field(default_factory=list)  # denials of the event, as event rows

    @property
    def n_sources(self) -> int:
        return len({m["article_id"] for m in self.members})

    def record(self) -> dict[str, Any]:
        """The merged event: the most specific place, the narrowest date all reports allow, every source
        with its attribution, and the disputes."""
        place = min(self.members, key=lambda m: (Where.of(m).rank, _report_order(m)))
        earliest, latest = narrowest_dates(self.members)
        return {
            "id": self.id,
            "type": _most_common(m["type"] for m in self.members),
            "mode": _most_common(m.get("mode") for m in self.members),
            "date_earliest": earliest,
            "date_latest": latest,
            "place": place.get("place"),
            "country": place.get("country") or _most_common(m.get("country") for m in self.members),
            "admin1": place.get("admin1") or _most_common(m.get("admin1") for m in self.members),
            "admin2": place.get("admin2"),
            "lat": place.get("lat"),
            "lon": place.get("lon"),
            "geo_precision": place.get("geo_precision"),
            "actor1": _most_common(m.get("actor1") for m in self.members),
            "actor2": _most_common(m.get("actor2") for m in self.members),
            "fatalities": _most_common(m.get("fatalities") for m in self.members),
            "n_events": len(self.members),
            "n_sources": self.n_sources,
            "n_outlets": len({m.get("outlet") or m["article_id"] for m in self.members}),
            "sources": [_source(m, self.links.get(m["id"])) for m in self.members],
            "disputes": [_dispute(d) for d in self.disputes],
        }


def cluster_events(events: Iterable[dict[str, Any]], rules: MergeRules | None = None) -> list[Cluster]:
    """Group event rows (as the store returns them) into merged events; every report ends in exactly one
    cluster, and every denial either as a dispute on the event it denies or, when none fits, its own."""
    rules = rules or MergeRules()
    rows = list({row["id"]: row for row in events}.values())
    if not rows:
        return []
    rows.sort(key=lambda r: r["id"])
    facts = Facts(rows, rules)
    denials = [i for i, item in enumerate(facts.items) if all(is_denial(rows[r]) for r in item)]
    denied = set(denials)
    reports = [i for i in range(len(facts.items)) if i not in denied]
    parts = [part for group in _candidate_groups(reports, facts) for part in _decide(group, facts)]
    built = [_build(sorted(part, key=lambda i: _report_order(facts.head(i))), facts) for part in parts]
    leftover = _attach_disputes(built, denials, facts)
    for i in leftover:  # a denial of nothing we know: kept as the REJECT event it was coded as
        built.append(_build([i], facts))
    for cluster in built:
        ids = "\n".join(sorted([m["id"] for m in cluster.members] + [d["id"] for d in cluster.disputes]))
        cluster.id = hashlib.sha256(ids.encode()).hexdigest()[:16]
    built.sort(key=lambda c: (-c.n_sources, _report_order(c.members[0])))
    return built


# candidate groups and the decision ---------------------------------------------------------------------


def _weeks(span: tuple[date, date] | None) -> list[int | None]:
    """The week buckets an interval touches (a day of slack each side); [None] when undated or vague."""
    if span is None:
        return [None]
    start = (span[0] - timedelta(days=1)).toordinal() // 7
    end = (span[1] + timedelta(days=1)).toordinal() // 7
    if end - start + 1 > MAX_BUCKETS:  # vaguer than a month: compared with the whole family
        return [None]
    return list(range(start, end + 1))


def candidate_pairs(indices: list[int], facts: Facts) -> Iterator[tuple[int, int]]:
    """Pairs that share a block: the same type family, week and country. Where the place or the date does
    not localise a report, its words must: an item of no known country meets the other countries' items of
    its family and week that share one of its rare words or names (``Facts.keys``), and so does an undated
    item, or one dated only vaguely (more than ``MAX_BUCKETS`` weeks: a quarter, a year), with every item of
    its family."""
    blocks: dict[tuple[str, int | None, str | None], list[int]] = defaultdict(list)
    weeks: dict[tuple[str, int | None], set[str | None]] = defaultdict(set)
    undated: dict[str, list[int]] = defaultdict(list)
    keyed: dict[tuple[str, int | None, Any], set[int]] = defaultdict(set)  # (family, week or None, key)
    for i in indices:
        family = facts.family[i]
        countries = {w.country for w in facts.wheres[i] + facts.others[i]}
        country = countries.pop() if len(countries) == 1 else None
        for key in facts.keys[i]:
            keyed[(family, None, key)].add(i)
        for week in _weeks(facts.when[i]):
            if week is None:
                undated[family].append(i)
                continue
            blocks[(family, week, country)].append(i)
            weeks[(family, week)].add(country)
            for key in facts.keys[i]:
                keyed[(family, week, key)].add(i)
    seen: set[tuple[int, int]] = set()

    def fresh(i: int, j: int) -> bool:
        pair = (i, j) if i < j else (j, i)
        if i == j or pair in seen:
            return False
        seen.add(pair)
        return True

    for (family, week, country), block in blocks.items():
        for i, j in combinations(block, 2):
            if fresh(i, j):
                yield (i, j) if i < j else (j, i)
        if country is None:  # placed nowhere (or in two countries, one only named): its words must localise it
            for i in block:
                for j in _sharing(facts.keys[i], keyed, family, week):
                    if fresh(i, j):
                        yield (i, j) if i < j else (j, i)
    for family, alone in undated.items():
        for i in alone:
            for j in _sharing(facts.keys[i], keyed, family, None):
                if fresh(i, j):
                    yield (i, j) if i < j else (j, i)


def _sharing(keys: set[Any], keyed: dict[tuple[str, int | None, Any], set[int]], family: str,
             week: int | None) -> set[int]:  # fmt: skip
    """The items of a block sharing one of ``keys``; a key that many share is no rare word and is skipped."""
    found: set[int] = set()
    for key in keys:
        posting = keyed.get((family, week, key), set())
        if len(posting) <= MAX_KEY_SHARE:
            found |= posting
    return found


def _candidate_groups(indices: list[int], facts: Facts) -> list[list[int]]:
    """Connected parts of the graph of pairs closer than the threshold (singletons included). Every candidate
    pair that does not conflict is kept in ``facts.near`` for the decision."""
    parent = {i: i for i in indices}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in candidate_pairs(indices, facts):
        distance = facts.distance(i, j)[0]
        if distance < FAR:
            facts.near[i].append((j, distance))
        if distance < facts.rules.threshold:
            ri, rj = find(i), find(j)
            if ri != rj:
                parent[max(ri, rj)] = min(ri, rj)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in indices:
        groups[find(i)].append(i)
    return list(groups.values())


def _decide(group: list[int], facts: Facts) -> list[list[int]]:
    """The merged events of one candidate group: average linkage over all its pairs, cut at the threshold."""
    if len(group) == 1:
        return [group]
    if len(group) > facts.rules.max_group:  # cut by the first week bucket so the matrix stays small
        parts: dict[int | None, list[int]] = defaultdict(list)
        for i in group:
            parts[_weeks(facts.when[i])[0]].append(i)
        if len(parts) > 1:
            return [out for part in parts.values() for out in _decide(part, facts)]
    n = len(group)
    if n <= facts.rules.exact_group:  # every pair weighed
        condensed = np.array([facts.distance(group[a], group[b])[0] for a in range(n) for b in range(a + 1, n)])
    else:  # a large group: the pairs the blocks compared; the others (never compared) count as conflicting
        position = {item: p for p, item in enumerate(group)}
        condensed = np.full(n * (n - 1) // 2, FAR)
        for item in group:
            for other, distance in facts.near[item]:
                if other in position:
                    a, b = sorted((position[item], position[other]))
                    condensed[n * a - a * (a + 1) // 2 + (b - a - 1)] = distance
    tree = linkage(condensed, method="average")
    labels = fcluster(tree, t=facts.rules.threshold, criterion="distance")
    out: dict[int, list[int]] = defaultdict(list)
    for i, label in zip(group, labels, strict=True):
        out[int(label)].append(i)
    return list(out.values())


def _build(items: list[int], facts: Facts) -> Cluster:
    """A cluster of the given items (first report first); each later report's link is its closest earlier
    item, with the reasons (the other events of one act join as the same act)."""
    members: list[dict[str, Any]] = []
    links: dict[str, Link] = {}
    for pos, i in enumerate(items):
        rows = [facts.rows[r] for r in facts.items[i]]
        if pos:
            best = min((facts.distance(i, j) for j in items[:pos]), key=lambda d: d[0])
            links[rows[0]["id"]] = Link(round(1.0 - best[0], 3), best[1])
        for twin in rows[1:]:
            links[twin["id"]] = Link(1.0, "the same act (one trigger, another candidate place)")
        members.extend(rows)
    return Cluster("", members, links)


def _attach_disputes(clusters: list[Cluster], denials: list[int], facts: Facts) -> list[int]:
    """Attach each denial to the merged event it denies (same article, or similar words in another one, and
    compatible date and place); return the denials that fit none."""
    item_of = {facts.rows[r]["id"]: i for i, item in enumerate(facts.items) for r in item}
    members: list[list[int]] = [sorted({item_of[m["id"]] for m in c.members}) for c in clusters]
    by_article: dict[str, set[int]] = defaultdict(set)
    by_week: dict[int | None, set[int]] = defaultdict(set)
    for c, items in enumerate(members):
        for i in items:
            by_article[facts.head(i)["article_id"]].add(c)
            for week in _weeks(facts.when[i]):
                by_week[week].add(c)
    leftover = []
    for d in denials:
        head = facts.head(d)
        candidates = set(by_article[head["article_id"]])
        for week in _weeks(facts.when[d]):
            candidates |= by_week[week]
        best: tuple[float, int] | None = None
        for c in candidates:
            score = _dispute_score(d, members[c], facts)
            if score is not None and (best is None or score > best[0]):
                best = (score, c)
        if best is None:
            leftover.append(d)
        else:
            clusters[best[1]].disputes.extend(facts.rows[r] for r in facts.items[d])
    return leftover


def _dispute_score(d: int, items: list[int], facts: Facts) -> float | None:
    """How well a denial fits a merged event, or None: it must not conflict in date or place with any of its
    reports, and its words and names must echo one, more loosely when the denial and the report share a
    sentence ("denied that the rebels had seized the crossing", both coded)."""
    best = None
    denial = facts.head(d)
    for j in items:
        if facts.conflict(d, j):
            return None
        report = facts.head(j)
        same = report["article_id"] == denial["article_id"] and report.get("evidence_start") == denial.get(
            "evidence_start"
        )
        text = (facts.text(d, j) + facts.names(d, j)) / 2
        if text >= (facts.rules.dispute_text if same else max(0.5, facts.rules.dispute_text)):
            score = text + (0.5 if same else 0.0)
            best = score if best is None else max(best, score)
    return best


# the merged record --------------------------------------------------------------------------------------


def narrowest_dates(members: list[dict[str, Any]]) -> tuple[date | None, date | None]:
    """The interval every report allows (the intersection); when the reports disagree within the slack,
    the narrowest single report's interval."""
    spans = [s for s in (interval(m) for m in members) if s is not None]
    if not spans:
        return None, None
    start, end = max(s[0] for s in spans), min(s[1] for s in spans)
    if start <= end:
        return start, end
    return min(spans, key=lambda s: (s[1] - s[0], s[0]))


def _source(row: dict[str, Any], link: Link | None) -> dict[str, Any]:
    return {
        "event_id": row["id"],
        "article_id": row["article_id"],
        "outlet": row.get("outlet"),
        "url": row.get("url"),
        "published": row.get("published"),
        "type": row["type"],
        "place": row.get("place"),
        "date_earliest": row.get("date_earliest"),
        "date_latest": row.get("date_latest"),
        "speaker": row.get("speaker"),
        "stance": row.get("stance") or "asserted",
        "evidence": row.get("evidence"),
        "score": 1.0 if link is None else link.score,
        "reason": "first report" if link is None else link.reason,
    }


def _dispute(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "event_id": row["id"],
        "article_id": row["article_id"],
        "outlet": row.get("outlet"),
        "url": row.get("url"),
        "published": row.get("published"),
        "by": row.get("actor1") or row.get("speaker"),
        "evidence": row.get("evidence"),
    }


def cluster_rows(clusters: list[Cluster]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Rows for the ``clusters`` and ``cluster_events`` tables (a dispute is a member with stance
    ``disputed`` and a reason starting with ``dispute``)."""
    now = datetime.now(UTC)
    cluster_table, member_table = [], []
    for cluster in clusters:
        record = cluster.record()
        published = [m["published"] for m in cluster.members if m.get("published")]
        cluster_table.append(
            {
                "id": cluster.id,
                "type": record["type"],
                "n_events": record["n_events"],
                "n_sources": record["n_sources"],
                "n_outlets": record["n_outlets"],
                "first_report": min(published) if published else None,
                "last_report": max(published) if published else None,
                "date_earliest": record["date_earliest"],
                "date_latest": record["date_latest"],
                "country": record["country"],
                "admin1": record["admin1"],
                "lat": record["lat"],
                "lon": record["lon"],
                "actor1": record["actor1"],
                "actor2": record["actor2"],
                "evidence": cluster.members[0].get("evidence"),
                "method": METHOD,
                "computed_at": now,
            }
        )
        for member in cluster.members:
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
        for denial in cluster.disputes:
            member_table.append(
                {
                    "cluster_id": cluster.id,
                    "event_id": denial["id"],
                    "article_id": denial["article_id"],
                    "outlet": denial.get("outlet"),
                    "published": denial.get("published"),
                    "stance": "disputed",
                    "score": 0.0,
                    "reason": f"{DISPUTE_REASON}: {_dispute(denial)['by'] or 'a party'} denies it",
                }
            )
    return cluster_table, member_table


def cluster_store(store: Store, rules: MergeRules | None = None) -> dict[str, int]:
    """Recompute every cluster from the stored events and replace the old ones in one transaction."""
    return merge_store(store, rules)[0]


def merge_store(store: Store, rules: MergeRules | None = None) -> tuple[dict[str, int], list[Cluster]]:
    """``cluster_store``'s figures and the merged events themselves (for ``khabar cluster --json``)."""
    clusters = cluster_events(store.iter_events(), rules)
    table, members = cluster_rows(clusters)
    store.replace_clusters(table, members)
    figures = {
        "events": sum(len(c.members) + len(c.disputes) for c in clusters),
        "clusters": len(table),
        "multi_source": sum(c.n_sources > 1 for c in clusters),
        "disputed": sum(bool(c.disputes) for c in clusters),
    }
    return figures, clusters


def stored_view(row: dict[str, Any]) -> dict[str, Any]:
    """A stored cluster (``Store.clusters``) as people read it: its reports and, apart, its disputes."""
    members = row.get("members") or []
    disputes = [m for m in members if str(m.get("reason", "")).startswith(DISPUTE_REASON)]
    reports = [m for m in members if m not in disputes]
    return {**{k: v for k, v in row.items() if k != "members"}, "reports": reports, "disputes": disputes}


def _most_common(values: Iterable[Any]) -> Any:
    counted = Counter(v for v in values if v is not None and v != "")
    return counted.most_common(1)[0][0] if counted else None


def _report_order(row: dict[str, Any]) -> tuple[date, str]:
    return (row.get("published") or date.max, row["id"])
