"""PLOVER JSON lines: one record per reported event, with the field names of the PLOVER dataset
(``event_type``, ``mode``, ``context``, ``actor``, ``recipient`` ..., ``event_text``) and khabar's evidence,
modality, casualty counts and provenance alongside. ``khabar/schema/plover.schema.json`` describes a record.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from khabar.export.common import background, casualties, event_json, fatalities, modality
from khabar.store.rows import event_row_id

if TYPE_CHECKING:
    from khabar.model import Report


@lru_cache(maxsize=1)
def plover_schema() -> dict[str, Any]:
    """The JSON Schema of one PLOVER record as khabar writes it."""
    text = resources.files("khabar").joinpath("schema", "plover.schema.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def plover_records(events: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """One PLOVER record per reported event (every event: modality and background say how real it is)."""
    for row in events:
        event = event_json(row)
        actors, recipients = event.get("actors") or [], event.get("recipients") or []
        attribution = event.get("attribution") or None
        place = event.get("place") or None
        yield {
            "id": row["id"],
            "date": row["date_earliest"].isoformat() if row.get("date_earliest") else None,
            "date_latest": row["date_latest"].isoformat() if row.get("date_latest") else None,
            "date_resolution": row.get("date_precision"),
            "event_type": row["type"],
            "mode": row.get("mode") or "",
            "context": list(event.get("contexts") or []),
            "modality": modality(row),
            "background": background(row),
            "actor": actors[0]["name"] if actors else "",
            "actor_country": (actors[0].get("country") or "") if actors else "",
            "actor_sector": list(actors[0].get("sectors") or []) if actors else [],
            "actor_id": (actors[0].get("actor_id") or "") if actors else "",
            "recipient": recipients[0]["name"] if recipients else "",
            "recipient_country": (recipients[0].get("country") or "") if recipients else "",
            "recipient_sector": list(recipients[0].get("sectors") or []) if recipients else [],
            "recipient_id": (recipients[0].get("actor_id") or "") if recipients else "",
            "location": None if place is None else {
                "name": place.get("name"),
                "country": place.get("country"),
                "admin1": place.get("admin1"),
                "admin2": place.get("admin2"),
                "lat": place.get("lat"),
                "lon": place.get("lon"),
                "geonames_id": place.get("geonames_id"),
                "precision": place.get("precision"),
            },
            "cameo": row.get("cameo") or "",
            "fatalities": fatalities(row),
            "casualties": casualties(row),
            "event_text": row.get("evidence") or "",
            "evidence": {
                "sentence": event.get("sentence"),
                "trigger": event.get("trigger"),
            },
            "attribution": None if attribution is None else plover_attribution(attribution),
            "stance": row.get("stance") or "asserted",
            "confidence": row.get("confidence"),
            "source": {
                "article_id": row["article_id"],
                "url": row.get("url"),
                "outlet": row.get("outlet"),
                "published": row["published"].isoformat() if row.get("published") else None,
            },
        }  # fmt: skip


def plover_attribution(attribution: dict[str, Any]) -> dict[str, Any]:
    """Who says so, in PLOVER JSON: the speaker (named, with how it was found when the text gives a pronoun
    or nothing), the cue and its class, the words attributed, and the outer attribution it is nested in."""
    content = attribution.get("content") or {}
    return {
        "id": attribution.get("id"),
        "speaker": attribution.get("speaker"),
        "speaker_text": (attribution.get("span") or {}).get("text"),
        "how": attribution.get("how"),
        "title": attribution.get("title"),
        "role": attribution.get("role"),
        "country": attribution.get("country"),
        "sectors": list(attribution.get("sectors") or []),
        "anonymous": bool(attribution.get("anonymous")),
        "stance": attribution.get("stance"),
        "disputed_by": attribution.get("disputed_by"),
        "cue": attribution.get("cue"),
        "cue_class": attribution.get("cue_class"),
        "via": attribution.get("via"),
        "content": content.get("text"),
        "content_span": [content["start"], content["end"]] if content else None,
        "parent": attribution.get("parent"),
        "events": list(attribution.get("events") or []),
    }


def plover_attributions(reports: Iterable[Report]) -> Iterator[dict[str, Any]]:
    """Every attribution of every stored report (also those that cover no event), each with the ids of
    the events it covers: the PLOVER export's companion file."""
    for report in reports:
        article = report.article
        for attribution in report.to_dict()["attributions"]:
            row = plover_attribution(attribution)
            row["events"] = [event_row_id(article.id, e) for e in row["events"]]  # the ids the event records carry
            yield {
                "article_id": article.id,
                "url": article.url,
                "published": article.published.isoformat() if article.published else None,
                **row,
            }


def attributions_path_for(path: Path) -> Path:
    """``events.jsonl`` -> ``events.attributions.jsonl`` (beside the PLOVER events)."""
    return path.with_name(f"{path.stem}.attributions{path.suffix or '.jsonl'}")
