"""Scoring a Report of the founding article against its hand-made reading (gold/seed/expected.json).

The rules are those of the seed README: an event matches a gold event when its type is among the gold
types, one of its actors matches a gold actor (country, and sector where the gold lists sectors), and its
place and dates agree where the gold gives them. Each gold event matches at most one Report event
(maximum bipartite matching); precision counts Report events that match any gold event.
"""

from __future__ import annotations

import json
import math
import unicodedata
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from khabar.model import Attribution, Claim, Event, Place, Quantity, Report

Gold = dict[str, Any]


def _fold(text: str | None) -> str:
    # typographic apostrophes are the same letter: "Iran’s customs administration" is "Iran's ..."
    text = unicodedata.normalize("NFKD", text or "").replace("\u2019", "'").replace("\u2018", "'")
    return "".join(c for c in text if not unicodedata.combining(c)).lower().replace("province", "").strip()


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def actor_matches(gold: Gold, country: str | None, sectors: Sequence[str]) -> bool:
    if gold.get("country") and gold["country"] != country:
        return False
    wanted = gold.get("sector")
    if wanted is None:
        return True
    wanted = wanted if isinstance(wanted, list) else [wanted]
    if not sectors:
        return None in wanted
    return any(s in wanted for s in sectors)


def place_matches(gold: Gold, place: Place | None) -> bool:
    if place is None:
        return False
    if _place_matches_one(gold, place):
        return True
    alternative: Gold | None = gold.get("or")
    return alternative is not None and _place_matches_one(alternative, place)


def _place_matches_one(gold: Gold, place: Place) -> bool:
    if gold.get("country") and gold["country"] != place.country:
        return False
    if gold.get("tolerance_km") is not None and gold.get("lat") is not None:
        if place.lat is None or place.lon is None:
            return False
        return _km(gold["lat"], gold["lon"], place.lat, place.lon) <= gold["tolerance_km"]
    if gold.get("admin1"):
        return _fold(gold["admin1"]) == _fold(place.admin1)
    if gold.get("feature") == "country":
        return place.kind == "country" or place.precision == "country"
    return True


def dates_match(gold: Gold, event: Event) -> bool:
    when = event.when
    if when is None:
        return False
    lo = date.fromisoformat(gold["earliest"]) if gold.get("earliest") else None
    hi = date.fromisoformat(gold["latest"]) if gold.get("latest") else None
    if lo is not None and (when.earliest is None or when.earliest < lo):
        return False
    return not (hi is not None and (when.latest is None or when.latest > hi))


def event_matches(gold: Gold, event: Event, *, check_place: bool = True) -> bool:
    if event.type not in gold["type"]:
        return False
    gold_actors = gold.get("actor") or []
    if gold_actors and not any(actor_matches(g, a.country, a.sectors) for g in gold_actors for a in event.actors):
        return False
    if check_place and "place" in gold:
        if gold["place"] is None:
            if event.place is not None:
                return False
        elif not place_matches(gold["place"], event.place):
            return False
    return not ("date" in gold and not dates_match(gold["date"], event))


def max_matching(gold: Sequence[Gold], found: Sequence[Any], fits: Callable[[Gold, Any], bool]) -> dict[int, int]:
    """Maximum bipartite matching gold index -> found index (augmenting paths; the sets are small)."""
    edges = {g: [f for f in range(len(found)) if fits(gold[g], found[f])] for g in range(len(gold))}
    owner: dict[int, int] = {}

    def augment(g: int, seen: set[int]) -> bool:
        for f in edges[g]:
            if f in seen:
                continue
            seen.add(f)
            if f not in owner or augment(owner[f], seen):
                owner[f] = g
                return True
        return False

    for g in range(len(gold)):
        augment(g, set())
    return {g: f for f, g in owner.items()}


def _speaker_matches(gold_speaker: str, found: str) -> bool:
    g = {w for w in _fold(gold_speaker).replace("'s", "").split() if w not in ("a", "an", "the")}
    f = {w for w in _fold(found).replace("'s", "").split() if w not in ("a", "an", "the")}
    return (bool(g) and g <= f | {"s"}) or (bool(f) and f <= g and len(f) >= max(1, len(g) - 1))


def attribution_matches(gold: Gold, found: Attribution) -> bool:
    if not _speaker_matches(gold["speaker"], found.speaker):
        return False
    if gold.get("cue") and _fold(gold["cue"]) != _fold(found.cue):
        return False
    if gold.get("via") and gold["via"] != found.via:
        return False
    return not ("anonymous" in gold and bool(gold["anonymous"]) != found.anonymous)


def claim_matches(gold: Gold, found: Claim) -> bool:
    claimant = gold["claimant"]
    if not _speaker_matches(claimant["name"], found.claimant.name):
        return False
    if claimant.get("country") and claimant["country"] != found.claimant.country:
        return False
    if gold.get("quantity") and (found.quantity is None or found.quantity.value != gold["quantity"]["value"]):
        return False
    disputed = gold.get("disputed_by")
    if disputed:
        by = found.disputed_by
        return by is not None and actor_matches(disputed, by.country, by.sectors)
    return True


def quantity_matches(gold: Gold, found: Quantity) -> bool:
    if found.value != gold["value"]:
        return False
    for key in ("unit", "qualifier", "per"):
        if gold.get(key) and gold[key] != getattr(found, key):
            return False
    return True


def gold_place_matches(gold: Gold, found: Place) -> bool:
    return _fold(gold["name"]) in _fold(found.name) and place_matches(gold, found)


def must_not_violations(gold: Gold, report: Report, matches: dict[int, int]) -> list[str]:
    """The mistakes that fail the test outright, as readable lines."""
    out: list[str] = []
    published = date.fromisoformat(gold["article"]["published"])
    events = list(report.events)
    for gi, g in enumerate(gold["events"]):
        if "place" in g and g["place"] is None:
            # any event that is this one but for its place must not name a place
            candidates = [events[matches[gi]]] if gi in matches else [
                e for e in events if event_matches(g, e, check_place=False)
            ]  # fmt: skip
            out += [f"{g['id']}: given place {e.place.name!r}" for e in candidates if e.place is not None]
    for event in events:
        if event.when and event.when.latest and event.when.latest > published:
            out.append(f"event {event.trigger.text!r} dated after publication ({event.when.latest})")
        names = [a.name for a in (*event.actors, *event.recipients)]
        if event.attribution:
            names += [event.attribution.speaker, event.attribution.via or ""]
        if any("getty" in n.lower() for n in names):
            out.append(f"event {event.trigger.text!r}: Getty as actor or source")
    out += [f"attribution to {a.speaker!r}" for a in report.attributions if "getty" in a.speaker.lower()]
    return out


def score_seed(report: Report, gold: Gold) -> dict[str, Any]:
    events = list(report.events)
    gold_events = gold["events"]
    matches = max_matching(gold_events, events, event_matches)
    required = [i for i, g in enumerate(gold_events) if g.get("required")]
    required_matched = sum(1 for i in required if i in matches)
    matching_any = sum(1 for e in events if any(event_matches(g, e) for g in gold_events))
    attr = max_matching(gold["attributions"], list(report.attributions), attribution_matches)
    claims = max_matching(gold["claims"], list(report.claims), claim_matches)
    places = max_matching(gold["places"], list(report.places), gold_place_matches)
    quantities = max_matching(gold["quantities"], list(report.quantities), quantity_matches)
    violations = must_not_violations(gold, report, matches)
    return {
        "recall": round(required_matched / len(required), 4) if required else 0.0,
        "precision": round(matching_any / len(events), 4) if events else 0.0,
        "required_matched": required_matched,
        "required_total": len(required),
        "must_not_violations": len(violations),
        "n_events": len(events),
        "attributions_matched": len(attr),
        "attributions_total": len(gold["attributions"]),
        "claims_matched": len(claims),
        "claims_total": len(gold["claims"]),
        "places_matched": len(places),
        "places_total": len(gold["places"]),
        "quantities_matched": len(quantities),
        "quantities_total": len(gold["quantities"]),
        "matched": {gold_events[g]["id"]: events[f].trigger.text for g, f in sorted(matches.items())},
        "missed": [gold_events[i]["id"] for i in required if i not in matches],
        "violations": violations,
    }


def load_seed(gold_dir: Path) -> tuple[str, Gold]:
    """The founding article's text and its gold reading from a seed folder."""
    expected = json.loads((gold_dir / "expected.json").read_text(encoding="utf-8"))
    text = (gold_dir / expected["article"]["file"]).read_text(encoding="utf-8")
    return text, expected


def evaluate_seed(gold_dir: Path) -> tuple[Report, dict[str, Any]]:
    from khabar import extract

    text, gold = load_seed(gold_dir)
    meta = gold["article"]
    report = extract(text, published=date.fromisoformat(meta["published"]), title=meta.get("title"))
    return report, score_seed(report, gold)
