"""Parquet: the flattened event columns, modality and background, and the Event JSON as a string column."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from khabar.export.common import background, modality


def write_parquet(events: Iterable[dict[str, Any]], path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from khabar.store.schema import events as table

    types = {
        "date_earliest": pa.date32(), "date_latest": pa.date32(), "published": pa.date32(),
        "lat": pa.float64(), "lon": pa.float64(), "confidence": pa.float64(),
        "fatalities": pa.int64(), "geonames_id": pa.int64(), "evidence_start": pa.int64(),
        "evidence_end": pa.int64(), "background": pa.bool_(),
    }  # fmt: skip
    names = [c.name for c in table.columns if c.name != "event"] + ["modality", "background", "event"]
    schema = pa.schema([(n, types.get(n, pa.string())) for n in names])
    columns: dict[str, list[Any]] = {n: [] for n in names}
    for row in events:
        extra = {"modality": modality(row), "background": background(row)}
        for n in names:
            value = extra[n] if n in extra else row.get(n)
            columns[n].append(json.dumps(value, ensure_ascii=False) if n == "event" else value)
    pq.write_table(pa.table(columns, schema=schema), path)
    return len(columns["id"])
