"""ACLED-style CSV: one row per real-world event (a cluster of reports), coded by ACLED's public codebook.

The event type and sub-event type come from the PLOVER category, its mode, the parties' sectors and the
words the report uses for the act (``lexicon``): Battles need an armed party and no civilian target;
Violence against civilians needs a civilian target; Explosions/Remote violence needs a named weapon.
"""

from __future__ import annotations

import csv
import time
from collections.abc import Iterable, Iterator
from datetime import date
from typing import IO, Any, NamedTuple

from khabar.cluster import Cluster, cluster_events
from khabar.export import lexicon as lx
from khabar.export.common import (
    ARMED,
    CIVILIAN,
    FORCES,
    NON_STATE_ARMED,
    STATE,
    country,
    event_country,
    event_json,
    fatalities,
    modality,
    outlet_of,
    sectors,
    select,
)

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
]  # fmt: skip

# ACLED time precision: 1 the day is known, 2 the week, 3 the month or coarser. An event the text does not
# date is dated by its report, which only places it in the days before publication: 2.
_GEO_PRECISION = {"point": 1, "locality": 1, "admin2": 2}

PV, DEM, SD = "Political violence", "Demonstrations", "Strategic developments"


class AcledType(NamedTuple):
    disorder: str
    event: str
    sub_event: str


def acled_type(row: dict[str, Any]) -> AcledType | None:
    """ACLED's (disorder type, event type, sub-event type) for one event row; None when ACLED does not
    code it: its PLOVER category is not one ACLED codes (CONSULT, ACCUSE, ...), or it is not political
    violence or a conflict development (no armed force takes part and no civilian is targeted: a
    politician "attacked" a rival, a minister resigned, two states agreed on trade)."""
    kind, mode = row["type"], row.get("mode") or ""
    trigger = row.get("trigger") or ""
    sentence = row.get("evidence") or ""
    a1, a2 = sectors(row, "actor1"), sectors(row, "actor2")
    forces = bool((a1 | a2) & FORCES)
    if kind == "ASSAULT":
        return _violence(row, mode, trigger, sentence, a1, a2)
    if kind == "PROTEST":
        return _demonstration(row, mode, trigger, sentence, a2)
    if kind == "RETREAT":
        if not forces:
            return None
        withdrawn = "Non-violent transfer of territory" if row.get("place") else "Change to group/activity"
        sub = {"ceasefire": "Agreement", "disarm": "Change to group/activity", "release": "Other",
               "return": "Other"}.get(mode, withdrawn)  # fmt: skip
        return AcledType(SD, SD, sub)
    if kind == "AGREE":
        return AcledType(SD, SD, "Agreement") if forces or lx.names(lx.PEACE, sentence) else None
    if kind == "MOBILIZE":
        return AcledType(SD, SD, "Headquarters or base established" if lx.names(lx.BASE, sentence)
                         else "Change to group/activity")  # fmt: skip
    if kind == "COERCE":
        if mode in ("arrest", "deport") or lx.names(lx.ARREST, trigger):
            return AcledType(SD, SD, "Arrests")
        if lx.names(lx.DISRUPTED, trigger) or (mode == "seize" and lx.names(lx.DISRUPTED, sentence)):
            return AcledType(SD, SD, "Disrupted weapons use")
        if mode == "seize" or lx.names(lx.DESTRUCTION, trigger):
            return AcledType(SD, SD, "Looting/property destruction")
        if lx.names(lx.ABDUCTION, trigger):
            return AcledType(PV, "Violence against civilians", "Abduction/forced disappearance")
        return AcledType(SD, SD, "Other") if forces else None
    return None


def _violence(
    row: dict[str, Any], mode: str, trigger: str, sentence: str, a1: set[str], a2: set[str]
) -> AcledType | None:
    civilian_target = _civilian(a2)
    if mode == "abduct" or lx.names(lx.ABDUCTION, trigger):
        return AcledType(PV, "Violence against civilians", "Abduction/forced disappearance")
    if lx.names(lx.SEXUAL, trigger):
        return AcledType(PV, "Violence against civilians", "Sexual violence")
    if lx.names(lx.TERRITORY, trigger) and not civilian_target and a1 & FORCES:
        if lx.names(lx.UNOPPOSED, sentence):
            return AcledType(SD, SD, "Non-violent transfer of territory")
        return AcledType(PV, "Battles", _territory(row, a1))
    # the weapon named by the act's own word ("shelled") or its sentence ("attacked ... with rockets"),
    # the most specific class first ("jets bombed" is an air strike); a mode of explosives or heavy weapons
    # says so without a word
    weapon = lx.first_weapon(f"{trigger} {sentence}")
    if weapon is None and mode == "explosives":
        weapon = "Remote explosive/landmine/IED"
    if weapon is None and mode == "heavy-weapons":
        weapon = "Shelling/artillery/missile attack"
    if weapon == "Remote explosive/landmine/IED" and not (a1 | a2) and not fatalities(row) and mode != "explosives":
        weapon = None  # an explosion with no party and no dead (a fire, a supernova) is no evidence of violence
    if weapon is not None:
        return AcledType(PV, "Explosions/Remote violence", weapon)
    if civilian_target:
        return AcledType(PV, "Violence against civilians", "Attack")
    if _civilian(a1) and a2 & FORCES:  # unarmed people fighting police or soldiers: ACLED's rioters
        return AcledType(DEM, "Riots", "Violent demonstration")
    # Battles: organised armed groups on both sides (a side the text leaves unnamed may be one; an office
    # or an official without forces is not)
    if (a1 & FORCES and (a2 & ARMED or not a2)) or (a2 & FORCES and (a1 & ARMED or not a1)):
        return AcledType(PV, "Battles", "Armed clash")
    return None


def _territory(row: dict[str, Any], a1: set[str]) -> str:
    """A state's own forces take back ground; anyone else (rebels, a foreign state) overtakes it."""
    home = row.get("country")
    foreign = bool(home and row.get("actor1_country") and row["actor1_country"] != home)
    if a1 & STATE and not a1 & NON_STATE_ARMED and not foreign:
        return "Government regains territory"
    return "Non-state actor overtakes territory"


def _demonstration(row: dict[str, Any], mode: str, trigger: str, sentence: str, a2: set[str]) -> AcledType:
    if lx.names(lx.MOB, trigger) or lx.names(lx.MOB, sentence):
        return AcledType(PV, "Riots", "Mob violence")
    if mode == "riot" or lx.names(lx.RIOT, trigger) or lx.names(lx.RIOT, sentence):
        return AcledType(DEM, "Riots", "Violent demonstration")
    if (fatalities(row) or 0) > 0 or lx.names(lx.EXCESSIVE_FORCE, sentence):
        return AcledType(f"{PV}; {DEM}", "Protests", "Excessive force against protesters")
    if a2 & STATE or lx.names(lx.INTERVENTION, sentence):
        return AcledType(DEM, "Protests", "Protest with intervention")
    return AcledType(DEM, "Protests", "Peaceful protest")


def _civilian(codes: set[str]) -> bool:
    return bool(codes & CIVILIAN) and not codes & ARMED


def inter_code(codes: set[str], actor_country: str | None, home: str | None) -> int:
    """ACLED's actor type: 1 state forces, 2 rebels, 3 political militias, 4 identity militias, 5 rioters,
    6 protesters, 7 civilians, 8 external/other forces (a state's forces abroad, international bodies);
    0 when there is no such actor."""
    if not codes:
        return 0
    if codes & STATE:
        return 8 if home and actor_country and actor_country != home else 1
    if codes & NON_STATE_ARMED:
        return 2
    if codes & {"MILITIA"}:
        return 3
    if codes & {"IGO"}:
        return 8
    if codes & CIVILIAN:
        return 7
    return 8


def interaction(a: int, b: int) -> int:
    """ACLED's two-digit code: the smaller inter code first; one actor alone gives its code times ten."""
    if not a or not b:
        return (a or b) * 10
    low, high = sorted((a, b))
    return low * 10 + high


def acled_rows(
    events: Iterable[dict[str, Any]], clusters: list[Cluster] | None = None, include_unrealised: bool = False
) -> Iterator[dict[str, Any]]:
    """One ACLED row per real-world event (cluster) of a type ACLED codes. Only events that happened are
    clustered and written unless ``include_unrealised``."""
    now = int(time.time())
    found = clusters if clusters is not None else cluster_events(select(events, include_unrealised))
    for cluster in found:
        row = _row(cluster, now)
        if row is not None:
            yield row


def _row(cluster: Cluster, now: int) -> dict[str, Any] | None:
    members = cluster.members
    first = members[0]
    coded = acled_type(first)
    if coded is None:
        return None
    # the merged event: the narrowest date all reports allow, the most specific place any gives
    record = cluster.record()
    iso3 = record["country"] or event_country(members)
    where = country(iso3)
    actor1, actor2 = first.get("actor1") or "", first.get("actor2") or ""
    assoc1, assoc2 = _others(first.get("actors"), actor1), _others(first.get("recipients"), actor2)
    c1, c2 = first.get("actor1_country"), first.get("actor2_country")
    s1, s2 = sectors(first, "actor1"), sectors(first, "actor2")
    if not actor1 and actor2:  # ACLED's actor1 is always named; order is not direction ("69 fighters killed")
        actor1, actor2, assoc1, assoc2, c1, c2, s1, s2 = actor2, "", assoc2, "", c2, None, s2, set()
    inter1 = inter_code(s1, c1, iso3) if actor1 else 0
    inter2 = inter_code(s2, c2, iso3) if actor2 else 0
    if coded.event in ("Protests", "Riots"):  # ACLED codes the people demonstrating by what they do
        crowd = 6 if coded.event == "Protests" else 5
        if not actor1 and where is not None:
            actor1 = f"{'Protesters' if crowd == 6 else 'Rioters'} ({where.name})"
        inter1 = crowd
    when, until = record["date_earliest"], record["date_latest"]
    reported = all(m.get("date_precision") == "reported" for m in members)
    if when is not None and reported:
        when = until  # dated only by its reports: ACLED's event date is the report's day, precision 2 (a week)
    dead = [f for f in (fatalities(m) for m in members) if f is not None]
    outlets = sorted({o for o in (outlet_of(m) for m in members) if o})
    stances = sorted({m.get("stance") or "asserted" for m in members})
    modalities = sorted({modality(m) or "reported" for m in members})
    civilian = coded.disorder.startswith(PV) and _civilian(sectors(first, "actor2"))
    return {
        "event_id_cnty": f"{iso3 or 'XXX'}{int(cluster.id[:12], 16) % 10**9}",
        "event_date": when.isoformat() if when else "",
        "year": when.year if when else "",
        "time_precision": (2 if reported else _days_precision(when, until)) if when else "",
        "disorder_type": coded.disorder,
        "event_type": coded.event,
        "sub_event_type": coded.sub_event,
        "actor1": actor1,
        "assoc_actor_1": assoc1,
        "inter1": inter1,
        "actor2": actor2,
        "assoc_actor_2": assoc2,
        "inter2": inter2,
        "interaction": interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if civilian else "",
        "iso": where.numeric if where else "",
        "region": "",
        "country": where.name if where else "",
        "admin1": record["admin1"] or "",
        "admin2": record["admin2"] or "",
        "admin3": "",
        "location": record["place"] or (where.name if where else ""),
        "latitude": record["lat"] if record["lat"] is not None else "",
        "longitude": record["lon"] if record["lon"] is not None else "",
        "geo_precision": _GEO_PRECISION.get(record["geo_precision"] or "", 3) if record["place"] or where else "",
        "source": "; ".join(outlets),
        "source_scale": "",
        "notes": " ".join((first.get("evidence") or "").split()),
        "fatalities": max(dead) if dead else 0,
        "tags": f"khabar_cluster={cluster.id}; n_sources={cluster.n_sources}; stance={'/'.join(stances)}; "
        f"modality={'/'.join(modalities)}; background={int(any(event_json(m).get('background') for m in members))}",
        "timestamp": now,
    }


def _days_precision(earliest: date, latest: date | None) -> int:
    """ACLED's time precision of a merged event's interval: 1 a day, 2 within a week, 3 anything wider."""
    days = ((latest or earliest) - earliest).days
    return 1 if days == 0 else 2 if days <= 7 else 3


def _others(names: str | None, first: str | None) -> str:
    rest = [n for n in (names or "").split(" | ") if n and n != first]
    return "; ".join(rest)


def write_acled(rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow(row)
        n += 1
    return n
