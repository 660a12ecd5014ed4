"""The conditions of khabar's event pattern rows (event_patterns.tsv): what a word's object, subject,
preposition, modifier or governing verb must be for the row to code it. Kept apart from the coder because
they read only the parse and the mentions, and the row table names them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from khabar.extractors.event_parse import _conjuncts, _Index
from khabar.extractors.event_places import _is_place_phrase

if TYPE_CHECKING:
    from khabar.extractors.events import EventCoder

# Objects that make a giving verb an act of aid, and a signing verb an agreement.
AID_OBJECTS = frozenset({"aid", "assistance", "help", "support", "food", "supply", "money", "grant", "loan",
                         "weapon", "arm", "troop", "asylum", "shelter", "funding", "fund", "equipment",
                         "intelligence", "medicine", "vaccine", "relief", "refuge", "protection",
                         "training", "rice", "grain", "flour", "wheat", "tent", "blanket", "water",
                         "ration"})  # fmt: skip
MONEY_NOUNS = frozenset({"dollar", "euro", "pound", "yen", "franc", "rupee", "shilling", "million", "billion", "mark",
                         "dinar", "riyal", "rial", "peso", "rouble", "ruble", "yuan", "lira", "krone", "krona",
                         "rand", "naira", "taka", "won", "ringgit", "baht", "dirham"})  # fmt: skip
ACCORD_OBJECTS = frozenset({"agreement", "deal", "accord", "treaty", "pact", "ceasefire", "truce", "memorandum",
                            "protocol", "contract", "declaration", "armistice", "settlement"})  # fmt: skip
# CAMEO's peacekeeping nouns (the PKO set of its verb dictionary): a force "of peacekeepers", "peacekeeping troops"
PEACEKEEPING_WORDS = frozenset({"peacekeeper", "peacekeeping", "peace-keeper", "peace-keeping", "helmet"})
DEMAND_OBJECTS = frozenset({"demand", "condition", "ultimatum", "term", "request", "call"})
RELATION_OBJECTS = frozenset({"tie", "relation", "embassy", "consulate", "link"})
RESTRICTION_OBJECTS = frozenset({"curfew", "ban", "restriction", "sanction", "blockade", "embargo", "siege",
                                 "emergency", "closure", "sentence", "quarantine", "lockdown"})  # fmt: skip
# What one yields to, as against a request one grants ("agreed to the request" is an agreement, not a concession).
PRESSURE_OBJECTS = frozenset({"demand", "condition", "ultimatum", "term"})
OBJECT_KINDS = {"aid": AID_OBJECTS, "accord": ACCORD_OBJECTS, "demand": DEMAND_OBJECTS, "pressure": PRESSURE_OBJECTS,
                "restriction": RESTRICTION_OBJECTS,
                "relations": RELATION_OBJECTS}  # fmt: skip
# The subj= conditions of the event patterns: armed actors, and the state's forces or authorities.
SUBJECT_SECTORS = {"MIL": frozenset({"MIL", "REB", "INS", "COP"}), "STATE": frozenset({"MIL", "COP", "GOV"})}


def _condition_holds(condition: str, token: Token, index: _Index, coder: EventCoder) -> bool:
    """Whether a row's condition (the column event_patterns.tsv documents) holds of ``token``."""
    if not condition:
        return True
    key, _, value = condition.partition("=")
    if key == "prep":
        if any(c.dep_ == "prt" and c.lower_ == value for c in token.children):
            return True  # "pulled out its troops"
        # "called for talks", "called on Iran to": no object of its own ("called Nevada for Biden" is no call)
        has_object = any(c.dep_ in ("dobj", "oprd") for c in token.children)
        return not has_object and any(c.dep_ == "prep" and c.lower_ == value for c in token.children)
    if key == "obj" and value == "peacekeepers":  # "deployed peacekeepers", "the deployment of UN peacekeeping troops"
        moved = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
        moved += [g for p in token.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children
                  if g.dep_ == "pobj"]  # fmt: skip
        moved += [g for o in moved for g in _conjuncts(o)]
        return any(w.lemma_.lower() in PEACEKEEPING_WORDS for o in moved for w in (o, *o.lefts))
    if key == "obj" and value in OBJECT_KINDS:
        wanted = OBJECT_KINDS[value]
        objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass", "dative")]
        if value == "pressure":  # "agreed to the rebels' demand", "acceded to their demands"
            objects += [g for p in token.children if p.dep_ == "prep" and p.lower_ == "to" for g in p.children
                        if g.dep_ == "pobj"]  # fmt: skip
        objects += [g for o in objects for g in _conjuncts(o)]
        if value == "aid":  # "gave X 5 million dollars of aid", "50 million euros in aid": the money, or what it is
            objects += [g for o in objects for p in o.children if p.dep_ == "prep" and p.lower_ in ("of", "in")
                        for g in p.children if g.dep_ == "pobj"]  # fmt: skip
            if any(o.lemma_.lower() in MONEY_NOUNS for o in objects):
                return True
        return any(o.lemma_.lower() in wanted for o in objects)
    if key == "obj":
        objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
        is_place = any(_is_place_phrase(o, index) for o in objects)
        return is_place if value == "place" else bool(objects) and not is_place
    if key == "subj":
        subject = next((c for c in (*token.children, *token.head.children) if c.dep_ == "nsubj"), None)
        if subject is None:
            return False
        actor = index.actor_at(subject)
        if actor is not None and actor.kind == "state" and not actor.sectors:
            return True  # a state named as the doer acts through its forces and authorities ("Israel evacuated")
        return actor is not None and bool(set(actor.sectors) & SUBJECT_SECTORS.get(value, frozenset()))
    if key == "mod":  # "joint patrols": a modifier that makes the noun another act
        return any(c.dep_ in ("amod", "compound") and c.lower_ in value.split("|") for c in token.children)
    if key == "head":  # "lodged a protest with X": the verb the noun is the object of
        return token.dep_ in ("dobj", "nsubjpass") and token.head.lemma_.lower() in value.split("|")
    if key == "under":
        # "efforts are under way to recapture": the infinitive hangs off the noun or the clause it heads
        for anc in token.ancestors:
            if anc.lemma_.lower() in (value, f"{value}s"):
                return True
            for child in anc.children:
                if child.dep_ in ("nsubj", "nsubjpass") and child.lemma_.lower() == value:
                    return True
        return False
    return False
