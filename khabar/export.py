"""Stored events out in the formats other tools read: ACLED-style CSV, GDELT 2.0 event + mentions TSV,
PLOVER JSON lines, GeoJSON and Parquet. The field mappings are documented in ``docs/formats.md``.

Every exporter takes event rows as ``Store.iter_events()`` yields them (flattened columns plus the Event
JSON under ``event``), so it works the same on SQLite, PostgreSQL or rows built in memory. ACLED and GDELT
count one row per real-world event, so they export clusters (reports merged across articles); PLOVER,
GeoJSON and Parquet export one record per reported event. A value the text does not support stays empty.
"""

from __future__ import annotations

import csv
import json
import time
from collections.abc import Iterable, Iterator
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from khabar.cluster import Cluster, cluster_events

if TYPE_CHECKING:
    from khabar.model import Report
    from khabar.store import Store

FORMATS = ("acled", "gdelt", "plover", "geojson", "parquet")

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
]  # fmt: skip

_ACTOR_FIELDS = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
                 "Religion2Code", "Type1Code", "Type2Code", "Type3Code"]  # fmt: skip
_GEO_FIELDS = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]
GDELT_EVENT_COLUMNS = (
    ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    + [f"Actor1{f}" for f in _ACTOR_FIELDS]
    + [f"Actor2{f}" for f in _ACTOR_FIELDS]
    + [
        "IsRootEvent",
        "EventCode",
        "EventBaseCode",
        "EventRootCode",
        "QuadClass",
        "GoldsteinScale",
        "NumMentions",
        "NumSources",
        "NumArticles",
        "AvgTone",
    ]
    + [f"Actor1Geo_{f}" for f in _GEO_FIELDS]
    + [f"Actor2Geo_{f}" for f in _GEO_FIELDS]
    + [f"ActionGeo_{f}" for f in _GEO_FIELDS]
    + ["DATEADDED", "SOURCEURL"]
)
GDELT_MENTION_COLUMNS = [
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset",
    "InRawText", "Confidence", "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras",
]  # fmt: skip

# ACLED's numeric actor types (inter codes) from our CAMEO/PLOVER sector codes, most specific first.
_INTER = [("MIL", 1), ("GOV", 1), ("COP", 1), ("REB", 2), ("INS", 2), ("SEP", 2), ("MILITIA", 3),
          ("ETH", 4), ("REL", 4), ("RIOTER", 5), ("PROTESTER", 6), ("CVL", 7), ("REF", 7), ("MED", 7),
          ("BUS", 7), ("EDU", 7), ("IGO", 8), ("NGO", 8)]  # fmt: skip
_ARMED = {"MIL", "COP", "REB", "INS", "SEP", "GOV"}
_REMOTE = ("bomb", "shell", "strike", "missile", "rocket", "drone", "explos", "mortar", "artillery", "ied")
_GEO_PRECISION = {"point": 1, "locality": 1, "admin2": 2}
_GDELT_GEO_TYPE = {"country": 1, "admin1": 5, "region": 5}


# rows in ------------------------------------------------------------------------------------------------


def event_rows_from_reports(reports: Iterable[Report]) -> list[dict[str, Any]]:
    """The rows a store would hold for these Reports, without a store (for tests and pipelines)."""
    from khabar.store.rows import event_rows

    rows = []
    for report in reports:
        rows.extend(event_rows(report, report.to_dict()))
    return rows


# ACLED --------------------------------------------------------------------------------------------------


def acled_type(row: dict[str, Any]) -> tuple[str, str, str] | None:
    """(disorder_type, event_type, sub_event_type) for an event, or None when ACLED has no such event."""
    kind, mode = row["type"], row.get("mode") or ""
    trigger = (row.get("trigger") or "").lower()
    targets = set((row.get("actor2_sectors") or "").split())
    if kind == "ASSAULT":
        if mode == "explosives" or any(w in trigger for w in _REMOTE):
            return "Political violence", "Explosions/Remote violence", "Remote explosive/landmine/IED"
        if mode == "abduct":
            return "Political violence", "Violence against civilians", "Abduction/forced disappearance"
        if "CVL" in targets or not (targets & _ARMED):
            return "Political violence", "Violence against civilians", "Attack"
        return "Political violence", "Battles", "Armed clash"
    if kind == "PROTEST":
        if mode == "riot" or "riot" in trigger:
            return "Demonstrations", "Riots", "Violent demonstration"
        return "Demonstrations", "Protests", "Peaceful protest"
    strategic = {
        "AGREE": "Agreement",
        "MOBILIZE": "Change to group/activity",
        "RETREAT": "Non-violent transfer of territory",
        "COERCE": "Arrests" if mode in ("arrest", "deport") or "arrest" in trigger or "detain" in trigger else "Other",
    }
    if kind in strategic:
        return "Strategic developments", "Strategic developments", strategic[kind]
    return None


def acled_rows(events: Iterable[dict[str, Any]], clusters: list[Cluster] | None = None) -> Iterator[dict[str, Any]]:
    """One ACLED row per real-world event (cluster) of a type ACLED codes."""
    now = int(time.time())
    for cluster in clusters if clusters is not None else cluster_events(events):
        first = cluster.members[0]
        coded = acled_type(first)
        if coded is None:
            continue
        # the merged event: the narrowest date all reports allow, the most specific place any gives
        record = cluster.record()
        when, until = record["date_earliest"], record["date_latest"]
        iso3 = record["country"]
        country = _country(iso3)
        # ACLED codes the people demonstrating as protesters (6) or rioters (5), whoever they are
        inter1 = {"Protests": 6, "Riots": 5}.get(coded[1]) or _inter(first.get("actor1_sectors"))
        inter2 = _inter(first.get("actor2_sectors"))
        killed = [m["fatalities"] for m in cluster.members if m.get("fatalities") is not None]
        outlets = sorted({m.get("outlet") or m.get("url") or m["article_id"] for m in cluster.members})
        stances = sorted({m.get("stance") or "asserted" for m in cluster.members})
        yield {
            "event_id_cnty": f"{iso3 or 'XXX'}{int(cluster.id[:12], 16) % 10**9}",
            "event_date": when.isoformat() if when else "",
            "year": when.year if when else "",
            "time_precision": _days_precision(when, until) if when else "",
            "disorder_type": coded[0],
            "event_type": coded[1],
            "sub_event_type": coded[2],
            "actor1": first.get("actor1") or "",
            "assoc_actor_1": _others(first.get("actors"), first.get("actor1")),
            "inter1": inter1 or 0,
            "actor2": first.get("actor2") or "",
            "assoc_actor_2": _others(first.get("recipients"), first.get("actor2")),
            "inter2": inter2 or 0,
            "interaction": _interaction(inter1, inter2),
            "civilian_targeting": "Civilian targeting"
            if coded[0] == "Political violence" and "CVL" in (first.get("actor2_sectors") or "").split()
            else "",
            "iso": country[1] if country else "",
            "region": "",
            "country": country[0] if country else "",
            "admin1": record["admin1"] or "",
            "admin2": record["admin2"] or "",
            "admin3": "",
            "location": record["place"] or "",
            "latitude": record["lat"] if record["lat"] is not None else "",
            "longitude": record["lon"] if record["lon"] is not None else "",
            "geo_precision": _GEO_PRECISION.get(record["geo_precision"] or "", 3) if record["place"] else "",
            "source": "; ".join(outlets),
            "source_scale": "",
            "notes": " ".join((first.get("evidence") or "").split()),
            "fatalities": max(killed) if killed else 0,
            "tags": f"khabar_cluster={cluster.id}; n_sources={cluster.n_sources}; stance={'/'.join(stances)}",
            "timestamp": now,
        }


def write_acled(rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow(row)
        n += 1
    return n


# GDELT --------------------------------------------------------------------------------------------------


def gdelt_tables(
    events: Iterable[dict[str, Any]], clusters: list[Cluster] | None = None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """GDELT 2.0 event rows (one per cluster) and mention rows (one per reporting article)."""
    event_table, mention_table = [], []
    for cluster in clusters if clusters is not None else cluster_events(events):
        first = cluster.members[0]
        gid = int(cluster.id[:15], 16)
        when = first.get("date_earliest")
        added = _stamp(min((m["published"] for m in cluster.members if m.get("published")), default=None))
        cameo = (first.get("cameo") or "").strip()
        root = cameo[:2] if len(cameo) >= 2 else ""
        row: dict[str, Any] = {c: "" for c in GDELT_EVENT_COLUMNS}
        row.update(
            {
                "GLOBALEVENTID": gid,
                "SQLDATE": when.strftime("%Y%m%d") if when else "",
                "MonthYear": when.strftime("%Y%m") if when else "",
                "Year": when.year if when else "",
                "FractionDate": round(when.year + (when.timetuple().tm_yday - 1) / 365, 4) if when else "",
                "IsRootEvent": 1,
                "EventCode": cameo,
                "EventBaseCode": cameo[:3],
                "EventRootCode": root,
                "QuadClass": _quad(root),
                "NumMentions": len(cluster.members),
                "NumSources": len({m.get("outlet") or m["article_id"] for m in cluster.members}),
                "NumArticles": cluster.n_sources,
                "DATEADDED": added,
                "SOURCEURL": first.get("url") or "",
            }
        )
        for n, prefix in ((1, "actor1"), (2, "actor2")):
            sectors = (first.get(f"{prefix}_sectors") or "").split()
            country = first.get(f"{prefix}_country") or ""
            if first.get(prefix):
                row[f"Actor{n}Code"] = country + (sectors[0] if sectors else "")
                row[f"Actor{n}Name"] = str(first[prefix]).upper()
                row[f"Actor{n}CountryCode"] = country
                for i, sector in enumerate(sectors[:3], start=1):
                    row[f"Actor{n}Type{i}Code"] = sector
        if first.get("place"):
            country = _country(first.get("country"))
            row["ActionGeo_Type"] = _GDELT_GEO_TYPE.get(first.get("geo_precision") or "", 4)
            row["ActionGeo_FullName"] = ", ".join(
                x for x in (first.get("place"), first.get("admin1"), country[0] if country else None) if x
            )
            row["ActionGeo_CountryCode"] = country[2] if country else ""
            row["ActionGeo_Lat"] = first.get("lat") if first.get("lat") is not None else ""
            row["ActionGeo_Long"] = first.get("lon") if first.get("lon") is not None else ""
            row["ActionGeo_FeatureID"] = first.get("geonames_id") or ""
        event_table.append(row)
        for member in cluster.members:
            event = member.get("event") or {}
            actors, recipients = event.get("actors") or [], event.get("recipients") or []
            mention: dict[str, Any] = {c: "" for c in GDELT_MENTION_COLUMNS}
            mention.update(
                {
                    "GLOBALEVENTID": gid,
                    "EventTimeDate": added,
                    "MentionTimeDate": _stamp(member.get("published")),
                    "MentionType": 1,
                    "MentionSourceName": member.get("outlet") or "",
                    "MentionIdentifier": member.get("url") or member["article_id"],
                    "Actor1CharOffset": actors[0]["span"]["start"] if actors else -1,
                    "Actor2CharOffset": recipients[0]["span"]["start"] if recipients else -1,
                    "ActionCharOffset": (event.get("trigger") or {}).get("start", -1),
                    "InRawText": 1,
                    "Confidence": round(100 * float(member.get("confidence") or 0)),
                    "Extras": f"khabar_event={member['id']}",
                }
            )
            mention_table.append(mention)
    return event_table, mention_table


def write_tsv(rows: Iterable[dict[str, Any]], columns: list[str], out: IO[str]) -> int:
    """GDELT's convention: tab-separated, no header, no quoting (tabs and newlines in values become spaces)."""
    n = 0
    for row in rows:
        out.write("\t".join(_tsv_cell(row.get(c)) for c in columns) + "\n")
        n += 1
    return n


# PLOVER -------------------------------------------------------------------------------------------------


def plover_records(events: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """One PLOVER record per reported event, with our evidence and provenance fields alongside."""
    for row in events:
        event = row.get("event") or {}
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
            "fatalities": row.get("fatalities"),
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
            "confidence": row.get("confidence"),
            "source": {
                "article_id": row["article_id"],
                "url": row.get("url"),
                "outlet": row.get("outlet"),
                "published": row["published"].isoformat() if row.get("published") else None,
            },
        }  # fmt: skip


# GeoJSON ------------------------------------------------------------------------------------------------


def geojson_collection(events: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """A FeatureCollection of the located events: Point geometries as [lon, lat] (RFC 7946 order)."""
    features = []
    for row in events:
        lat, lon = row.get("lat"), row.get("lon")
        if lat is None or lon is None:
            continue
        properties = {k: _json_value(v) for k, v in row.items() if k not in ("event", "lat", "lon", "parties")}
        features.append(
            {
                "type": "Feature",
                "id": row["id"],
                "geometry": {"type": "Point", "coordinates": [float(lon), float(lat)]},
                "properties": properties,
            }
        )
    return {"type": "FeatureCollection", "features": features}


# Parquet ------------------------------------------------------------------------------------------------


def write_parquet(events: Iterable[dict[str, Any]], path: Path) -> int:
    """The flattened event columns (with the Event JSON as a string column) in one Parquet file."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from khabar.store.schema import events as table

    types = {
        "date_earliest": pa.date32(), "date_latest": pa.date32(), "published": pa.date32(),
        "lat": pa.float64(), "lon": pa.float64(), "confidence": pa.float64(),
        "fatalities": pa.int64(), "geonames_id": pa.int64(), "evidence_start": pa.int64(),
        "evidence_end": pa.int64(),
    }  # fmt: skip
    names = [c.name for c in table.columns]
    schema = pa.schema([(n, types.get(n, pa.string())) for n in names])
    columns: dict[str, list[Any]] = {n: [] for n in names}
    for row in events:
        for n in names:
            value = row.get(n)
            columns[n].append(json.dumps(value, ensure_ascii=False) if n == "event" else value)
    pq.write_table(pa.table(columns, schema=schema), path)
    return len(columns["id"])


# the command's entry point ------------------------------------------------------------------------------


def export_store(store: Store, fmt: str, output: Path | None) -> dict[str, int]:
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
        table, mentions = gdelt_tables(events)
        mentions_path = mentions_path_for(output)
        with _open(output) as out, _open(mentions_path) as out_mentions:
            written = {name: write_tsv(table, GDELT_EVENT_COLUMNS, out)}
            written[str(mentions_path)] = write_tsv(mentions, GDELT_MENTION_COLUMNS, out_mentions)
        return written
    with _open(output) as out:
        if fmt == "acled":
            return {name: write_acled(acled_rows(events), out)}
        if fmt == "plover":
            n = 0
            for record in plover_records(events):
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                n += 1
            return {name: n}
        collection = geojson_collection(events)
        json.dump(collection, out, ensure_ascii=False)
        out.write("\n")
        return {name: len(collection["features"])}


def mentions_path_for(path: Path) -> Path:
    """``events.tsv`` -> ``events.mentions.tsv`` (GDELT ships the two tables side by side)."""
    return path.with_name(f"{path.stem}.mentions{path.suffix or '.tsv'}")


# helpers ------------------------------------------------------------------------------------------------


class _open:
    """A text file for writing, or stdout left open."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.handle: IO[str] | None = None

    def __enter__(self) -> IO[str]:
        import sys

        if self.path is None:
            return sys.stdout
        self.handle = self.path.open("w", encoding="utf-8", newline="")
        return self.handle

    def __exit__(self, *exc: object) -> None:
        if self.handle is not None:
            self.handle.close()


@lru_cache(maxsize=512)
def _country(iso3: str | None) -> tuple[str, int, str] | None:
    """(name, ISO numeric, ISO alpha-2) of an alpha-3 code."""
    if not iso3:
        return None
    import pycountry

    found = pycountry.countries.get(alpha_3=iso3)
    if found is None:
        return None
    return getattr(found, "common_name", None) or found.name, int(found.numeric), found.alpha_2


def _inter(sectors: str | None) -> int | None:
    codes = set((sectors or "").split())
    for code, inter in _INTER:
        if code in codes:
            return inter
    return 8 if codes else None


def _interaction(a: int | None, b: int | None) -> int:
    """ACLED's two-digit code: the smaller inter code first; one actor alone gives its code times ten."""
    if not a or not b:
        return (a or b or 0) * 10
    low, high = sorted((a, b))
    return low * 10 + high


def _others(names: str | None, first: str | None) -> str:
    rest = [n for n in (names or "").split(" | ") if n and n != first]
    return "; ".join(rest)


def _days_precision(earliest: date, latest: date | None) -> int:
    """ACLED's time precision of a merged event's interval: 1 a day, 2 within a week, 3 anything wider."""
    days = ((latest or earliest) - earliest).days
    return 1 if days == 0 else 2 if days <= 7 else 3


def _quad(root: str) -> int | str:
    if not root.isdigit():
        return ""
    n = int(root)
    return 1 if n <= 5 else 2 if n <= 8 else 3 if n <= 13 else 4


def _stamp(day: date | None) -> str:
    return day.strftime("%Y%m%d000000") if day else ""


def _tsv_cell(value: Any) -> str:
    if value is None:
        return ""
    return " ".join(str(value).replace("\t", " ").splitlines())


def _json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


__all__ = [
    "ACLED_COLUMNS",
    "FORMATS",
    "GDELT_EVENT_COLUMNS",
    "GDELT_MENTION_COLUMNS",
    "acled_rows",
    "event_rows_from_reports",
    "export_store",
    "gdelt_tables",
    "geojson_collection",
    "plover_records",
    "write_acled",
    "write_parquet",
    "write_tsv",
]
