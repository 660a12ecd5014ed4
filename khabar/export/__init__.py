"""Stored events out in the formats other tools read: ACLED-style CSV, GDELT 2.0 event + mentions TSV,
PLOVER JSON lines, GeoJSON and Parquet, one module each. The mappings are documented in ``docs/formats.md``.

Every exporter takes event rows as ``Store.iter_events()`` yields them, so it works the same on SQLite,
PostgreSQL or rows built in memory. ACLED and GDELT count real-world events: one row per cluster (reports
merged across articles) of the events that happened (``common.happened``) unless ``include_unrealised``.
PLOVER, GeoJSON and Parquet write every reported event with its modality and background. A value the text
does not support stays empty.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from khabar.export.acled import ACLED_COLUMNS, acled_rows, acled_type, write_acled
from khabar.export.common import happened, open_output
from khabar.export.gdelt import GDELT_EVENT_COLUMNS, GDELT_MENTION_COLUMNS, gdelt_tables, write_tsv
from khabar.export.geo import geojson_collection
from khabar.export.parquet import write_parquet
from khabar.export.plover import attributions_path_for, plover_attributions, plover_records, plover_schema

if TYPE_CHECKING:
    from khabar.model import Report
    from khabar.store import Store

FORMATS = ("acled", "gdelt", "plover", "geojson", "parquet")


def event_rows_from_reports(reports: Iterable[Report]) -> list[dict[str, Any]]:
    """The rows a store would hold for these Reports, without a store (for tests and pipelines)."""
    from khabar.store.rows import event_rows

    rows = []
    for report in reports:
        rows.extend(event_rows(report, report.to_dict()))
    return rows


def export_store(store: Store, fmt: str, output: Path | None, include_unrealised: bool = False) -> dict[str, int]:
    """Write every stored event as ``fmt`` to ``output`` (stdout when None); returns rows per file."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}: choose one of {', '.join(FORMATS)}")
    events = list(store.iter_events())
    name = str(output) if output else "stdout"
    if fmt == "parquet":
        if output is None:
            raise ValueError("parquet needs an output path")
        return {name: write_parquet(events, output)}
    if fmt == "gdelt":
        if output is None:
            raise ValueError("gdelt needs an output path (the mentions go beside it)")
        table, mentions = gdelt_tables(events, include_unrealised=include_unrealised)
        mentions_path = mentions_path_for(output)
        with open_output(output) as out, open_output(mentions_path) as out_mentions:
            written = {name: write_tsv(table, GDELT_EVENT_COLUMNS, out)}
            written[str(mentions_path)] = write_tsv(mentions, GDELT_MENTION_COLUMNS, out_mentions)
        return written
    with open_output(output) as out:
        if fmt == "acled":
            return {name: write_acled(acled_rows(events, include_unrealised=include_unrealised), out)}
        if fmt == "plover":
            n = 0
            for record in plover_records(events):
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                n += 1
            written = {name: n}
            if output is not None:  # every attribution with the events it covers, beside the events
                side = attributions_path_for(output)
                with open_output(side) as out_attributions:
                    m = 0
                    for row in plover_attributions(store.reports()):
                        out_attributions.write(json.dumps(row, ensure_ascii=False) + "\n")
                        m += 1
                written[str(side)] = m
            return written
        collection = geojson_collection(events)
        json.dump(collection, out, ensure_ascii=False)
        out.write("\n")
        return {name: len(collection["features"])}


def mentions_path_for(path: Path) -> Path:
    """``events.tsv`` -> ``events.mentions.tsv`` (GDELT ships the two tables side by side)."""
    return path.with_name(f"{path.stem}.mentions{path.suffix or '.tsv'}")


__all__ = [
    "ACLED_COLUMNS",
    "FORMATS",
    "GDELT_EVENT_COLUMNS",
    "GDELT_MENTION_COLUMNS",
    "acled_rows",
    "acled_type",
    "attributions_path_for",
    "event_rows_from_reports",
    "export_store",
    "gdelt_tables",
    "geojson_collection",
    "happened",
    "plover_attributions",
    "plover_records",
    "plover_schema",
    "write_acled",
    "write_parquet",
    "write_tsv",
]
