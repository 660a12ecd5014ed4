"""GeoJSON (RFC 7946): a FeatureCollection of the located events, coordinates as [longitude, latitude]."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from khabar.export.common import background, casualties, modality


def geojson_collection(events: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Every event that has coordinates, with its flattened columns, modality, background and casualty
    counts as properties (the Event JSON stays out)."""
    features = []
    for row in events:
        lat, lon = row.get("lat"), row.get("lon")
        if lat is None or lon is None:
            continue
        properties = {k: _json_value(v) for k, v in row.items() if k not in ("event", "lat", "lon", "parties")}
        properties["modality"] = modality(row)
        properties["background"] = background(row)
        counts = casualties(row)
        properties["casualties"] = [{k: c[k] for k in ("kind", "value", "qualifier", "source")} for c in counts]
        features.append(
            {
                "type": "Feature",
                "id": row["id"],
                "geometry": {"type": "Point", "coordinates": [float(lon), float(lat)]},
                "properties": properties,
            }
        )
    return {"type": "FeatureCollection", "features": features}


def _json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value
