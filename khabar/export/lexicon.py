"""Word classes the export mappings look for, matched by whole words (so "ied" never matches "occupied").

Each class is a definition from a codebook, written as the words news uses for it: the weapon classes are
the sub-event types of ACLED's Explosions/Remote violence (ACLED codebook 2023, "Definitions of event and
sub-event types"); the territory verbs are CAMEO 192 "Occupy territory" and ACLED's territorial Battles
sub-types; the intervention and excessive-force words are ACLED's Protests sub-types.
"""

from __future__ import annotations

import re
from functools import lru_cache


def _words(*patterns: str) -> re.Pattern[str]:
    """One case-insensitive regex that matches any pattern as whole words."""
    return re.compile(r"(?<![\w-])(?:" + "|".join(patterns) + r")(?![\w-])", re.IGNORECASE)


# ACLED Explosions/Remote violence sub-types, the most specific first: the first class found names it.
WEAPONS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "Chemical weapon",
        _words(
            r"chemical (?:weapons?|attacks?|agents?)",
            "sarin",
            r"(?:chlorine|mustard) gas",
            r"nerve agents?",
            "toxic gas",
        ),
    ),
    (
        "Suicide bomb",
        _words(
            r"suicide (?:bomb(?:s|er|ers|ing|ings)?|attacks?|attackers?|vests?|car bombs?)",
            r"suicide-bomb(?:er|ers|ing)?",
            "self-immolat\\w*",
        ),
    ),
    (
        "Air/drone strike",
        _words(
            r"air ?strikes?",
            r"air raids?",
            r"aerial (?:bombardment|bombing|attacks?)",
            r"drones?(?: strikes?)?",
            r"warplanes?",
            r"fighter jets?",
            r"jets?",
            r"helicopter gunships?",
            r"gunships?",
            r"bombers?",
            r"airstrikes?",
        ),
    ),
    (
        "Shelling/artillery/missile attack",
        _words(
            r"shell(?:s|ed|ing)?",
            r"artillery",
            r"mortars?(?: rounds?| fire)?",
            r"rockets?",
            r"missiles?",
            r"howitzers?",
            r"barrages?",
            r"rocket-propelled grenades?",
            r"rpgs?",
        ),
    ),
    ("Grenade", _words(r"grenades?", r"hand grenades?")),
    (
        "Remote explosive/landmine/IED",
        _words(
            r"ieds?",
            r"vbieds?",
            r"improvised explosive devices?",
            r"(?:road-?side|car|truck|roadside|magnetic|sticky|parcel) bombs?",
            r"land ?mines?",
            r"booby[- ]traps?(?:ped)?",
            r"explosive devices?",
            r"explosives?",
            r"explosions?",
            r"blasts?",
            r"bomb(?:s|ed|ing|ings)?",
            r"detonat(?:e|ed|es|ing|ion)",
            r"blew up",
            r"blown up",
        ),
    ),
)

# CAMEO 192 "Occupy territory"; ACLED's territorial Battles sub-types: taking control of a place by force.
TERRITORY = _words(
    r"seiz(?:e|es|ed|ing|ure)",
    r"captur(?:e|es|ed|ing)",
    r"overr(?:an|un|uns|unning)",
    r"occup(?:y|ies|ied|ying|ation)",
    r"re-?took",
    r"re-?tak(?:e|es|en|ing)",
    r"recaptur(?:e|es|ed|ing)",
    r"regain(?:s|ed|ing)?",
    r"took",
    r"tak(?:e|es|en|ing)",
    r"liberat(?:e|es|ed|ing)",
    r"f[ae]ll(?:s)?",
    r"conquer(?:s|ed|ing)?",
    r"storm(?:s|ed|ing)?",
)
# ACLED "Non-violent transfer of territory": control passes without fighting.
UNOPPOSED = _words(
    r"without (?:a|any) (?:fight|shot|battle|struggle)",
    r"without (?:any )?(?:resistance|fighting)",
    r"unopposed",
    r"without firing a (?:single )?shot",
    r"peacefully",
    r"handed over",
    r"hand(?:s|ed|ing)? over",
    r"surrender(?:s|ed|ing)?",
    r"abandon(?:s|ed|ing)?",
)
# ACLED sexual violence and abduction sub-types of Violence against civilians.
SEXUAL = _words(r"rap(?:e|es|ed|ing)", r"sexual(?:ly)? (?:assault(?:s|ed)?|violence|abuse(?:d)?)")
ABDUCTION = _words(
    r"abduct(?:s|ed|ing|ion|ions)?",
    r"kidnap(?:s|ped|ping|pings)?",
    r"forcibly disappeared",
    r"enforced disappearances?",
    r"hostages?",
    r"taken hostage",
)
# ACLED Protests sub-types.
EXCESSIVE_FORCE = _words(
    r"opened fire",
    r"open(?:s|ing)? fire",
    r"live (?:ammunition|fire|rounds)",
    r"shot dead",
    r"fired (?:on|at|into)",
    r"gunned down",
    r"massacred?",
)
INTERVENTION = _words(
    r"dispers(?:e|es|ed|ing|al)",
    r"tear ?gas",
    r"water cannons?",
    r"rubber bullets?",
    r"batons?",
    r"baton-charged",
    r"broke up",
    r"break(?:s|ing)? up",
    r"clash(?:ed|es)? with police",
    r"arrest(?:s|ed|ing)?",
    r"detain(?:s|ed|ing)?",
    r"pepper spray",
    r"stun grenades?",
)
RIOT = _words(
    r"riot(?:s|ed|ing|ers)?",
    r"torch(?:ed|ing)",
    r"set fire",
    r"set alight",
    r"threw (?:stones|rocks)",
    r"stone-pelting",
    r"pelted",
    r"looted",
    r"looting",
    r"vandali[sz](?:ed|ing)",
    r"ransack(?:ed|ing)",
)
ARREST = _words(r"arrest(?:s|ed|ing)?", r"detain(?:s|ed|ing)?", r"detentions?", r"custody", r"round(?:ed)? up")
MOB = _words(r"mobs?", r"lynch(?:ed|ing|ings)?", r"vigilantes?")
# ACLED Strategic developments sub-types that a PLOVER category alone does not fix.
DISRUPTED = _words(
    r"defus(?:e|ed|ing)",
    r"intercept(?:s|ed|ing)?",
    r"shot down",
    r"seized (?:weapons|arms|ammunition)",
    r"weapons cache",
    r"arms cache",
    r"dismantl(?:e|ed|ing)",
    r"foiled",
)
DESTRUCTION = _words(
    r"destroy(?:s|ed|ing)?",
    r"demolish(?:es|ed|ing)?",
    r"loot(?:s|ed|ing)?",
    r"burn(?:s|ed|t|ing)?",
    r"bulldoz(?:e|es|ed|ing)",
    r"raz(?:e|es|ed|ing)",
    r"vandali[sz](?:e|es|ed|ing)",
)
BASE = _words(
    r"(?:bases?|headquarters|outposts?|camps?) (?:was |were )?(?:established|set up|built|opened)",
    r"establish(?:es|ed|ing)? (?:a |an |its |their )?(?:\w+ )?(?:bases?|headquarters|outposts?)",
    r"set(?:s|ting)? up (?:a |an |its |their )?(?:\w+ )?(?:bases?|headquarters|outposts?)",
)
# ACLED Agreement: between conflict parties (a ceasefire, a peace deal, a prisoner exchange)
PEACE = _words(
    r"cease-?fires?",
    r"truces?",
    r"peace (?:deal|agreement|accord|talks|plan|process)s?",
    r"armistices?",
    r"prisoner (?:swap|exchange)s?",
)
# kill verbs: the event itself is a killing, so a count of its own parties is a death toll
KILLING = _words(
    r"kill(?:s|ed|ing|ings)?",
    r"di(?:e|ed|es)",
    r"dead",
    r"slain",
    r"slaughter(?:ed)?",
    r"massacr(?:e|ed|es)",
    r"execut(?:e|ed|es|ing)",
    r"assassinat(?:e|ed|es|ing)",
    r"behead(?:ed)?",
)


@lru_cache(maxsize=4096)
def first_weapon(text: str) -> str | None:
    """The ACLED Explosions/Remote violence sub-type of the first weapon class the text names."""
    for name, pattern in WEAPONS:
        if pattern.search(text):
            return name
    return None


def names(pattern: re.Pattern[str], text: str | None) -> bool:
    return bool(text) and pattern.search(text or "") is not None
