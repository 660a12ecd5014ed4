"""Merge speed: ``khabar.cluster.cluster_events`` over 10,000 event rows on one core.

The rows are synthetic but shaped like a year of news: real events (a type and mode, a place in one of 60
countries and its province, a day, two parties) each told by one to eight reports that vary as outlets do
(the date to the day, the month, the year, only the publication, or nothing; the place as a point, its
province, its country, or none found; the wording of the sentence; names are made-up words). No NLP runs:
the bench times the merge alone, and also scores it against the events the reports were drawn from
(pairs precision and recall), as a sanity check.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from datetime import date, timedelta
from typing import Any

from bench.common import RESULTS, machine

TYPES = [("ASSAULT", None, "attacked"), ("ASSAULT", None, "shelled"), ("COERCE", "seize", "seized"),
         ("COERCE", "arrest", "arrested"), ("PROTEST", "demo", "protested in"), ("CONSULT", None, "met"),
         ("AGREE", None, "signed a deal in"), ("RETREAT", "withdraw", "withdrew from")]  # fmt: skip
SECTORS = ["MIL", "GOV", "REB", "CVL", "COP", "INS"]
OPENERS = ["", "Witnesses said ", "Officials said ", "According to local media, ", "In a statement, "]
CLOSERS = ["", ", officials said", ", a spokesman said", ", residents told reporters", " late on {day}"]


SYLLABLES = ("ka", "ri", "mo", "sen", "dal", "u", "bel", "tor", "an", "vi", "har", "zu", "men", "lo", "pra", "ish",
             "ga", "nor", "te", "qu")  # fmt: skip


def _name(rng: random.Random, parts: int = 3) -> str:
    """A made-up proper name ("Karimo"): names in news are words, and the merge compares them as words."""
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def synthetic_rows(n_rows: int, seed: int = 15) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """``n_rows`` event rows and the real event each was drawn from."""
    rng = random.Random(seed)
    countries = [f"C{i:02d}" for i in range(60)]
    provinces = {c: [_name(rng) for _ in range(8)] for c in countries}
    towns = [_name(rng, 4) for _ in range(5000)]
    groups = [_name(rng) for _ in range(3000)]
    rows: list[dict[str, Any]] = []
    truth: dict[str, int] = {}
    event = 0
    while len(rows) < n_rows:
        kind, mode, verb = rng.choice(TYPES)
        country = rng.choice(countries)
        province = rng.choice(provinces[country])
        town = rng.choice(towns)
        lat, lon = rng.uniform(-40, 60), rng.uniform(-100, 140)
        day = date(2021, 1, 1) + timedelta(days=rng.randrange(365))
        who = (rng.choice(groups), country, rng.choice(SECTORS))
        whom = (rng.choice(groups), country, rng.choice(SECTORS))
        for report in range(min(rng.choice([1, 1, 2, 3, 4, 5, 6, 8]), n_rows - len(rows))):
            rows.append(
                _report(rng, event, report, kind, mode, verb, country, province, town, lat, lon, day, who, whom)
            )
            truth[rows[-1]["id"]] = event
        event += 1
    return rows, truth


def _report(rng: random.Random, event: int, report: int, kind: str, mode: str | None, verb: str, country: str,
            province: str, town: str, lat: float, lon: float, day: date, who: tuple[str, str, str],
            whom: tuple[str, str, str]) -> dict[str, Any]:  # fmt: skip
    published = day + timedelta(days=rng.choice([0, 0, 1, 1, 2, 3]))
    dating = rng.random()
    if dating < 0.03:  # nothing dates it
        earliest = latest = None
        precision = None
    elif dating < 0.06:  # only the year
        earliest, latest, precision = date(day.year, 1, 1), date(day.year, 12, 31), "year"
    elif dating < 0.6:
        earliest = latest = day
        precision = "day"
    elif dating < 0.8:
        earliest = latest = published
        precision = "reported"
    else:
        earliest = day.replace(day=1)
        latest = (earliest + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        precision = "month"
    placing = rng.random()
    place = {"name": town, "precision": "locality", "kind": "city"}
    admin1: str | None = province
    point: tuple[float | None, float | None] = (lat + rng.uniform(-0.05, 0.05), lon + rng.uniform(-0.05, 0.05))
    unplaced = placing < 0.15  # the coder found no place
    if placing < 0.3:
        place, admin1, point = {"name": province, "precision": "admin1", "kind": "admin1"}, province, (None, None)
    elif placing < 0.45:
        place, admin1, point = {"name": country, "precision": "country", "kind": "country"}, None, (None, None)
    sentence = (f"{rng.choice(OPENERS)}{who[0]} fighters {verb} {whom[0]} near {town} in {province}"
                f"{rng.choice(CLOSERS).format(day=day.strftime('%A'))}.")  # fmt: skip
    actors = [{"name": who[0], "country": who[1], "sectors": [who[2]], "actor_id": None}]
    recipients = [{"name": whom[0], "country": whom[1], "sectors": [whom[2]], "actor_id": None}]
    article = f"a{event:05d}r{report}"
    if unplaced:
        place, admin1, point = {}, None, (None, None)
    return {
        "id": f"{article}:e1", "article_id": article, "type": kind, "mode": mode, "trigger": verb.split()[0],
        "date_earliest": earliest, "date_latest": latest, "date_precision": precision, "place": place.get("name"),
        "country": country if place else None, "admin1": admin1, "admin2": None, "lat": point[0], "lon": point[1],
        "geo_precision": place.get("precision"), "actor1": who[0], "actor1_country": who[1], "actor2": whom[0],
        "actor2_country": whom[1], "fatalities": None, "speaker": None, "stance": "asserted",
        "evidence": sentence, "published": published, "outlet": f"outlet{report}", "url": None,
        "event": {"trigger": {"start": 0, "end": 1}, "place": place or None, "actors": actors,
                  "recipients": recipients},
    }  # fmt: skip


def pairs(truth: dict[str, int], system: dict[str, str]) -> tuple[float, float]:
    """Pairwise precision and recall, counted by group sizes (no pair enumeration)."""
    from collections import Counter

    both = Counter((truth[k], system[k]) for k in truth)
    gold = Counter(truth.values())
    found = Counter(system.values())

    def n(counts: Counter[Any]) -> int:
        return sum(c * (c - 1) // 2 for c in counts.values())

    agree, g, s = n(both), n(gold), n(found)
    return (agree / s if s else 1.0), (agree / g if g else 1.0)


def main() -> None:
    parser = argparse.ArgumentParser(description="Time the cross-article merge on synthetic event rows.")
    parser.add_argument("--events", type=int, default=10_000)
    args = parser.parse_args()
    from khabar.cluster import cluster_events

    rows, truth = synthetic_rows(args.events)
    started = time.perf_counter()
    clusters = cluster_events(rows)
    seconds = time.perf_counter() - started
    system = {m["id"]: c.id for c in clusters for m in (*c.members, *c.disputes)}
    precision, recall = pairs(truth, system)
    result = {
        "events": len(rows),
        "real_events": len(set(truth.values())),
        "clusters": len(clusters),
        "seconds": round(seconds, 2),
        "events_per_s": round(len(rows) / seconds, 1),
        "pairs_precision": round(precision, 4),
        "pairs_recall": round(recall, 4),
        "how": "cluster_events over synthetic rows (bench/cluster.py), one process, no NLP",
        "machine": machine(),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "cluster.json").write_text(
        json.dumps({"cluster": result}, indent=2, default=str) + "\n", encoding="utf-8"
    )
    print(f"cluster: {len(rows)} events in {seconds:.1f} s ({result['events_per_s']} events/s); "
          f"pairs P {precision:.3f} R {recall:.3f} against the events they were drawn from")  # fmt: skip


if __name__ == "__main__":
    main()
