"""Report -> table rows: the flattening that makes events filterable without JSON functions."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from khabar.model import Actor, Event, Report

SEP = " | "


def event_row_id(article_id: str, event_id: str) -> str:
    """Event ids are only unique within a Report; prefixing the article id makes them global."""
    return f"{article_id}:{event_id}"


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True, slots=True)
class JsonText:
    """JSON text made once: hashed for ``report_hash`` and written as it is into the JSON column."""

    text: str


def dumps(value: Any) -> str:
    """The stores' ``json_serializer``: JSON made in advance goes in unchanged, anything else is dumped."""
    return value.text if isinstance(value, JsonText) else json.dumps(value, ensure_ascii=False)


def article_row(report: Report, report_json: dict[str, Any]) -> dict[str, Any]:
    a = report.article
    text = json.dumps(report_json, sort_keys=True, ensure_ascii=False)
    return {
        "id": a.id,
        "url": a.url,
        "title": a.title,
        "published": a.published,
        "outlet": a.outlet,
        "language": a.language,
        "text_hash": sha256(a.text),
        "report_hash": sha256(text),
        "n_events": len(report.events),
        "report": JsonText(text),
        "schema_version": report.schema_version,
        "ingested_at": datetime.now(UTC),
    }


def event_rows(report: Report, report_json: dict[str, Any]) -> list[dict[str, Any]]:
    a = report.article
    rows = []
    for event, event_json in zip(report.events, report_json.get("events", []), strict=True):
        rows.append(event_row(report, event, event_json) | {"published": a.published, "url": a.url, "outlet": a.outlet})
    return rows


def event_row(report: Report, event: Event, event_json: dict[str, Any]) -> dict[str, Any]:
    a = report.article
    place = event.place
    when = event.when
    earliest: date | None
    latest: date | None
    precision: str | None
    date_text: str | None
    if when is not None:
        earliest, latest, precision, date_text = when.earliest, when.latest, when.precision, when.text
    elif a.published is not None:  # the house rule: undated events are dated by their report
        earliest, latest, precision, date_text = a.published, a.published, "reported", None
    else:
        earliest = latest = precision = date_text = None
    first = event.actors[0] if event.actors else None
    second = event.recipients[0] if event.recipients else None
    killed = [q.value for q in event.quantities if q.kind == "killed"]
    attribution = event.attribution
    return {
        "id": event_row_id(a.id, event.id),
        "article_id": a.id,
        "event_id": event.id,
        "type": event.type,
        "mode": event.mode,
        "contexts": SEP.join(event.contexts) or None,
        "cameo": event.cameo,
        "date_earliest": earliest,
        "date_latest": latest,
        "date_precision": precision,
        "date_text": date_text,
        "place": place.name if place else None,
        "country": place.country if place else None,
        "admin1": place.admin1 if place else None,
        "admin2": place.admin2 if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "geo_precision": place.precision if place else None,
        "geonames_id": place.geonames_id if place else None,
        "actor1": first.name if first else None,
        "actor1_country": first.country if first else None,
        "actor1_sectors": _sectors(first),
        "actor2": second.name if second else None,
        "actor2_country": second.country if second else None,
        "actor2_sectors": _sectors(second),
        "actors": SEP.join(x.name for x in event.actors) or None,
        "recipients": SEP.join(x.name for x in event.recipients) or None,
        "parties": parties(event.actors + event.recipients),
        "fatalities": int(max(killed)) if killed else None,
        "speaker": attribution.speaker if attribution else None,
        "stance": attribution.stance if attribution else "asserted",
        "confidence": event.confidence,
        "trigger": event.trigger.text,
        "evidence": event.sentence.text,
        "evidence_start": event.sentence.start,
        "evidence_end": event.sentence.end,
        "event": event_json,
    }


def parties(actors: tuple[Actor, ...]) -> str | None:
    """``|name|ISO|...|`` in lower case, so one LIKE finds an actor by name or country code."""
    words: list[str] = []
    for actor in actors:
        for value in (actor.name, actor.country, actor.actor_id):
            if value and value.lower() not in words:
                words.append(value.lower())
    return "|" + "|".join(words) + "|" if words else None


def _sectors(actor: Actor | None) -> str | None:
    return " ".join(actor.sectors) or None if actor is not None else None
