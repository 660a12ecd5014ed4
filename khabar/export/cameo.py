"""CAMEO codes for GDELT rows: the code chosen from the event's mode, parties and words, and each code's
GDELT name, Goldstein score and QuadClass from khabar's table ``kb/data/cameo_gdelt.tsv``.

The events coder gives each event the nearest CAMEO code of its PLOVER category and mode (``plover_cameo.tsv``);
that table is a start. Here the code is narrowed where CAMEO has a closer one: armed forces pulling back are
0874 "Retreat or surrender militarily" (not 0872 "Ease military blockade"), taking a place is 192 "Occupy
territory", and a named weapon gives the bombing or aerial code.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, NamedTuple

from khabar.export import lexicon as lx
from khabar.export.common import ARMED, CIVILIAN, sectors
from khabar.kb.tables import read_tsv


class Cameo(NamedTuple):
    code: str
    name: str
    goldstein: float
    quad_class: int


@lru_cache(maxsize=1)
def cameo_table() -> dict[str, Cameo]:
    return {
        r["code"]: Cameo(r["code"], r["name"], float(r["goldstein"]), int(r["quad_class"]))
        for r in read_tsv("cameo_gdelt.tsv")
    }


def lookup(code: str | None) -> Cameo | None:
    """The code's entry, or its nearest coded parent (a 4-digit code GDELT lacks falls back to 3 digits)."""
    table = cameo_table()
    while code:
        if code in table:
            return table[code]
        code = code[:-1] if len(code) > 2 else ""
    return None


# weapon classes (ACLED sub-types found by ``lexicon``) to the CAMEO code of that kind of violence
_WEAPON_CAMEO = {
    "Air/drone strike": "195",  # Employ aerial weapons
    "Shelling/artillery/missile attack": "194",  # Fight with artillery and tanks
    "Suicide bomb": "1831",  # Carry out suicide bombing
    "Chemical weapon": "2041",  # Use chemical, biological, or radiological weapons
}


def gdelt_cameo(row: dict[str, Any]) -> str:
    """The CAMEO event code for one event row ("" when there is none)."""
    kind, mode = row["type"], row.get("mode") or ""
    trigger, sentence = row.get("trigger") or "", row.get("evidence") or ""
    given = (row.get("cameo") or "").strip()
    a1, a2 = sectors(row, "actor1"), sectors(row, "actor2")
    if kind == "RETREAT" and mode == "withdraw" and (a1 & ARMED or not a1):
        return "0874"  # Retreat or surrender militarily
    if kind == "ASSAULT":
        if mode == "abduct" or lx.names(lx.ABDUCTION, trigger):
            return "181"
        if lx.names(lx.SEXUAL, trigger):
            return "1821"  # Sexually assault
        if lx.names(lx.TERRITORY, trigger) and not (a2 & CIVILIAN and not a2 & ARMED):
            return "192"  # Occupy territory
        weapon = lx.first_weapon(f"{trigger} {sentence}")
        if weapon in _WEAPON_CAMEO:
            return _WEAPON_CAMEO[weapon]
        if weapon is not None or mode == "explosives":
            text = f"{trigger} {sentence}".lower()
            return "1832" if "car bomb" in text else "1833" if "roadside" in text else "183"
        if mode in ("firearms", "heavy-weapons", "assassinate", "beat", "torture", "massacre") and given:
            return given
        if a2 & CIVILIAN and not a2 & ARMED:
            return "180"  # Use unconventional violence (against people who are not fighting)
        return given or "190"
    return given
