"""GDELT 2.0 event and mention tables (tab-separated, no header) by the GDELT 2.0 event codebook.

One event row per real-world event (a cluster of reports), one mention row per report of it. CAMEO codes
come from ``cameo.gdelt_cameo``; names, Goldstein scores and QuadClass from khabar's CAMEO table; country
codes are FIPS 10-4, as GDELT uses them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import IO, Any

from khabar.cluster import Cluster, cluster_events
from khabar.export.cameo import gdelt_cameo, lookup
from khabar.export.common import background, country, event_country, event_json, modality, outlet_of, select

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

# GDELT ActionGeo_Type: 1 country, 5 a first-order division ("world state"), 4 a place within ("world city")
_GEO_TYPE = {"country": 1, "admin1": 5, "region": 5}
# GDELT's IsRootEvent marks events of a document's lead paragraph; khabar's rows do not carry paragraph
# breaks, so a sentence starting in the first LEAD_CHARS characters counts as the lead.
LEAD_CHARS = 500


def gdelt_tables(
    events: Iterable[dict[str, Any]], clusters: list[Cluster] | None = None, include_unrealised: bool = False
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """GDELT 2.0 event rows (one per cluster with a CAMEO code) and mention rows (one per report)."""
    event_table: list[dict[str, Any]] = []
    mention_table: list[dict[str, Any]] = []
    found = clusters if clusters is not None else cluster_events(select(events, include_unrealised))
    for cluster in found:
        first = cluster.members[0]
        code = gdelt_cameo(first)
        entry = lookup(code)
        if not code or entry is None:
            continue
        gid = int(cluster.id[:15], 16)
        added = _stamp(min((m["published"] for m in cluster.members if m.get("published")), default=None))
        row: dict[str, Any] = {c: "" for c in GDELT_EVENT_COLUMNS}
        row.update(_dates(first.get("date_earliest")))
        row.update(
            {
                "GLOBALEVENTID": gid,
                "IsRootEvent": int(any((m.get("evidence_start") or 0) < LEAD_CHARS for m in cluster.members)),
                "EventCode": code,
                "EventBaseCode": code[:3],
                "EventRootCode": code[:2],
                "QuadClass": entry.quad_class,
                "GoldsteinScale": entry.goldstein,
                "NumMentions": len(cluster.members),
                "NumSources": len({outlet_of(m) or m["article_id"] for m in cluster.members}),
                "NumArticles": cluster.n_sources,
                "DATEADDED": added,
                "SOURCEURL": next((m["url"] for m in cluster.members if m.get("url")), ""),
            }
        )
        for n, prefix in ((1, "actor1"), (2, "actor2")):
            row.update(_actor(first, prefix, n))
        row.update(_action_geo(first, event_country(cluster.members)))
        event_table.append(row)
        mention_table.extend(_mention(member, gid, added) for member in cluster.members)
    return event_table, mention_table


def _dates(when: date | None) -> dict[str, Any]:
    if when is None:
        return {}
    return {
        "SQLDATE": when.strftime("%Y%m%d"),
        "MonthYear": when.strftime("%Y%m"),
        "Year": when.year,
        "FractionDate": round(when.year + (when.timetuple().tm_yday - 1) / 365, 4),
    }


def _actor(row: dict[str, Any], prefix: str, n: int) -> dict[str, Any]:
    """CAMEO actor code: country (CAMEO's country codes are ISO alpha-3) then role (type) codes."""
    if not row.get(prefix):
        return {}
    codes = (row.get(f"{prefix}_sectors") or "").split()
    home = row.get(f"{prefix}_country") or ""
    out = {
        f"Actor{n}Code": home + "".join(codes[:1]),
        f"Actor{n}Name": str(row[prefix]).upper(),
        f"Actor{n}CountryCode": home,
    }
    for i, code in enumerate(codes[:3], start=1):
        out[f"Actor{n}Type{i}Code"] = code
    return out


def _action_geo(row: dict[str, Any], iso3: str | None) -> dict[str, Any]:
    where = country(row.get("country") or iso3)
    if not row.get("place") and where is None:
        return {}
    precise = bool(row.get("place"))
    geo_type = _GEO_TYPE.get(row.get("geo_precision") or "", 4) if precise else 1
    return {
        "ActionGeo_Type": geo_type,
        "ActionGeo_FullName": ", ".join(
            x for x in (row.get("place"), row.get("admin1"), where.name if where else None) if x
        ) if precise else (where.name if where else ""),
        "ActionGeo_CountryCode": where.fips if where else "",
        "ActionGeo_ADM1Code": where.fips if where and geo_type == 1 else "",
        "ActionGeo_Lat": row["lat"] if precise and row.get("lat") is not None else "",
        "ActionGeo_Long": row["lon"] if precise and row.get("lon") is not None else "",
        "ActionGeo_FeatureID": (row.get("geonames_id") or "") if precise else (where.fips if where else ""),
    }  # fmt: skip


def _mention(member: dict[str, Any], gid: int, added: str) -> dict[str, Any]:
    event = event_json(member)
    actors, recipients = event.get("actors") or [], event.get("recipients") or []
    mention: dict[str, Any] = {c: "" for c in GDELT_MENTION_COLUMNS}
    mention.update(
        {
            "GLOBALEVENTID": gid,
            "EventTimeDate": added,
            "MentionTimeDate": _stamp(member.get("published")),
            "MentionType": 1,
            "MentionSourceName": outlet_of(member),
            "MentionIdentifier": member.get("url") or member["article_id"],
            "Actor1CharOffset": actors[0]["span"]["start"] if actors else -1,
            "Actor2CharOffset": recipients[0]["span"]["start"] if recipients else -1,
            "ActionCharOffset": (event.get("trigger") or {}).get("start", -1),
            "InRawText": 1,
            "Confidence": round(100 * float(member.get("confidence") or 0)),
            "Extras": f"khabar_event={member['id']}; stance={member.get('stance') or 'asserted'}; "
            f"modality={modality(member) or 'reported'}; background={int(background(member))}",
        }
    )
    return mention


def _stamp(day: date | None) -> str:
    return day.strftime("%Y%m%d000000") if day else ""


def write_tsv(rows: Iterable[dict[str, Any]], columns: list[str], out: IO[str]) -> int:
    """GDELT's convention: tab-separated, no header, no quoting (tabs and newlines in values become spaces)."""
    n = 0
    for row in rows:
        out.write("\t".join(_cell(row.get(c)) for c in columns) + "\n")
        n += 1
    return n


def _cell(value: Any) -> str:
    if value is None:
        return ""
    return " ".join(str(value).replace("\t", " ").splitlines())
