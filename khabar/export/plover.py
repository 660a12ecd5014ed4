"""PLOVER JSON lines: one record per reported event, with the field names of the PLOVER dataset
(``event_type``, ``mode``, ``context``, ``actor``, ``recipient`` ..., ``event_text``) and khabar's evidence,
modality, casualty counts and provenance alongside. ``khabar/schema/plover.schema.json`` describes a record.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import resources
from typing import Any

from khabar.export.common import background, casualties, event_json, fatalities, modality


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
            "attribution": None if attribution is None else {
                "speaker": attribution.get("speaker"),
                "stance": attribution.get("stance"),
                "cue": attribution.get("cue"),
            },
            "stance": row.get("stance") or "asserted",
            "confidence": row.get("confidence"),
            "source": {
                "article_id": row["article_id"],
                "url": row.get("url"),
                "outlet": row.get("outlet"),
                "published": row["published"].isoformat() if row.get("published") else None,
            },
        }  # fmt: skip
