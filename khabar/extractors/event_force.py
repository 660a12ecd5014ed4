"""Acts of force told without a party the actor tables know: "a car bomb killed four people", "three people
were killed in an ambush". PLOVER codes the ASSAULT whoever did it and whoever it struck; what tells that
it was force, and not a flood or a crash, is a weapon or an act of force named as its cause, or a verb that
only a person's deed fits ("shot", "stabbed", "abducted").
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

# Weapons and explosive devices: the heads of CAMEO's weapon set (&WEAPON in PETRARCH2's verb dictionary,
# MIT) and the devices of its bombing codes (183: car, roadside and other non-military bombs).
WEAPON_NOUNS = frozenset({"weapon", "gun", "knife", "missile", "rocket", "bomb", "grenade", "mortar", "shell",
                          "artillery", "rifle", "pistol", "firearm", "cannon", "machete", "explosive", "device",
                          "ied", "mine", "landmine", "drone", "bullet", "gunfire", "airstrike", "howitzer",
                          "bazooka", "rpg", "munition", "ammunition", "shrapnel"})  # fmt: skip
# Force verbs that also tell of accidents, disasters and disease ("the floods killed 30 people"): they are an
# act of force only with a weapon or an act of force named as their cause.
CAUSE_NEEDING = frozenset({"kill", "wound", "injure", "hurt", "die", "maim"})
# Prepositions that name the cause of a harm: "killed in an ambush", "wounded by shrapnel", "died during
# shelling", "killed with a knife".
CAUSE_PREPS = frozenset({"in", "by", "during", "with", "after"})


def is_weapon(token: Token) -> bool:
    """ "a car bomb", "roadside bombs", "the device": a noun naming a weapon or explosive device."""
    return token.pos_ in ("NOUN", "PROPN") and token.lemma_.lower() in WEAPON_NOUNS


def instruments_only(heads: list[Token]) -> bool:
    """The subject is a weapon ("a bomb went off", "a missile killed"): nobody is named, yet it was force."""
    return bool(heads) and all(is_weapon(h) for h in heads)


def _causes(verb: Token, subjects: list[Token]) -> list[Token]:
    """The words a harm is told to come from: the subject, the passive's agent, the object of a preposition
    of cause, and for a participle of result ("exploded, killing four") the clause it follows."""
    out = list(subjects)
    for child in verb.children:
        if child.dep_ in ("agent", "prep") and child.lower_ in CAUSE_PREPS:
            out.extend(o for o in child.children if o.dep_ == "pobj")
    if verb.dep_ in ("advcl", "conj") and verb.head is not verb:
        head = verb.head
        out.append(head)
        out.extend(c for c in head.children if c.dep_ in ("nsubj", "nsubjpass"))
    return out


def force_told(verb: Token, subjects: list[Token], is_force_noun: Callable[[Token], bool]) -> bool:
    """Whether a force verb's clause tells of an act of force, so that its victims count as parties even
    when no table knows them: a deed-only verb ("shot", "beheaded"), or a weapon or force noun as its cause
    ("in an ambush", "a car bomb killed", "a blast ripped through ..., killing")."""
    if verb.lemma_.lower() not in CAUSE_NEEDING:
        return True
    for cause in _causes(verb, subjects):
        if is_weapon(cause) or is_force_noun(cause):
            return True
        if cause.pos_ == "VERB" and any(is_weapon(c) for c in cause.children if c.dep_ == "nsubj"):
            return True  # "a bomb exploded, killing four": the explosion is the cause
    return False
