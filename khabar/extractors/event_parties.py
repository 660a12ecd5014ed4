"""The parties of an event when the actor tables do not know them: a known actor inside the phrase, a
demonym, a name the parser recognises, people as the text names them; and the country a local act gives them.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from khabar.extractors.event_parse import _doc_text, _Index
from khabar.kb.countries import country_code, demonym_country
from khabar.model import Actor, Place, Span

INTERNATIONAL_SECTORS = frozenset({"IGO", "NGO"})


# Actors whose country the event's place does not tell: named people and parties called foreign.
UNLOCATED = frozenset({"name", "title", "apposition", "foreign"})


NAMED_ENTITIES = frozenset({"ORG", "PERSON", "NORP", "GPE"})


UNRESOLVED_KINDS = {"PERSON": "person", "ORG": "organisation", "GPE": "state", "NORP": "people"}


DETERMINERS = frozenset({"det", "predet", "punct", "case"})


# Nouns of people that the sector tables need not know: suffixes of agent and demonym nouns, and collectives.
PEOPLE_SUFFIXES = ("er", "ers", "or", "ors", "ist", "ists", "ian", "ians", "man", "men")


COLLECTIVES = frozenset({"people", "crowd", "crowds", "mob", "mobs", "youth", "youths", "women", "children",
                         "public", "population", "villager", "villagers", "locals", "group", "groups",
                         "thousands", "hundreds", "dozens", "tens", "millions", "scores", "residents",
                         "students", "migrants", "immigrants", "opponents", "dissidents", "inhabitants",
                         "assailants", "militants", "insurgents", "men", "man", "woman", "boys", "girls",
                         "persons", "person", "missionary", "missionaries"})  # fmt: skip


def _denotes_people(head: Token) -> bool:
    """ "a suicide bomber", "thousands of people", "angry residents": a noun that names people."""
    word = head.lower_
    return head.pos_ == "NOUN" and (word in COLLECTIVES or (word.endswith(PEOPLE_SUFFIXES) and len(word) > 4))


def _as_written(head: Token) -> Actor:
    """A party as the text names it, with nothing coded (how="unresolved")."""
    words = [t for t in head.subtree if t.i <= head.i]
    while len(words) > 1 and (words[0].dep_ in DETERMINERS or words[0].is_punct):
        words = words[1:]
    span = Span.of(_doc_text(head.doc), words[0].idx, head.idx + len(head.text))
    return Actor(name=span.text, span=span, how="unresolved")


def _unresolved(head: Token, index: _Index, doer: bool = True) -> Actor | None:
    """A party the actor tables do not know, kept rather than dropping its event: a known actor named inside
    the phrase as its modifier or in brackets ("Hizbollah (Party of God) group"), else the phrase of a name
    ("the US Congress", with the country its modifier names) as it stands, with no sector (how="unresolved")."""
    subtree = [t for t in head.subtree if t.dep_ not in ("relcl", "acl", "prep") or t.i < head.i]
    start, end = subtree[0].idx, head.idx + len(head.text)
    inner = [a for a in index.actors if start <= a.span.start and a.span.end <= end and a.kind != "source"]
    if inner and (head.pos_ == "NOUN" or inner[0].actor_id):
        return inner[0]
    if head.pos_ == "NOUN" and doer:
        # "Russian aircraft", "Turkish warplanes" as the doer: a party of the country its demonym names (as
        # the thing acted on, "the Afghan flag" is no party)
        for child in head.children:
            if child.dep_ in ("amod", "compound", "nmod") and child.i < head.i and (word := _country_word(child)):
                span = Span.of(_doc_text(head.doc), child.idx, head.idx + len(head.text))
                return Actor(name=span.text, span=span, country=word.country, how="demonym")
    if head.ent_type_ not in NAMED_ENTITIES and not (doer and head.pos_ == "PROPN"):
        return None  # a party named but not known: an entity the parser recognises (any name, as the doer)
    words = [t for t in head.doc[subtree[0].i : head.i + 1]]
    while words and (words[0].dep_ in DETERMINERS or words[0].is_punct):
        words = words[1:]
    if not words:
        return None
    span = Span.of(_doc_text(head.doc), words[0].idx, end)
    country = next((a.country for a in inner if a.country), None)
    kind = UNRESOLVED_KINDS.get(head.ent_type_)
    return Actor(name=span.text, span=span, country=country, kind=kind, how="unresolved")


def _located(actors: list[Actor], place: Place | None) -> list[Actor]:
    """Parties of no known country take the country where the event happened ("prisoners rioted at a jail
    in Dili"), as ACLED codes an unnamed group by its location; marked ``how="place"``. Named people,
    sources, states named by a common noun ("the two countries"), dictionary actors of no country (al-Qaeda),
    international bodies and parties called foreign keep none."""
    if place is None or place.country is None:
        return actors
    return [replace(a, country=place.country, how="place") if _unplaced(a) else a for a in actors]


def _unplaced(actor: Actor) -> bool:
    return (
        actor.country is None
        and actor.actor_id is None
        and actor.kind not in ("source", "state")  # "the two nations met in Geneva": a state is not where it meets
        and actor.how not in UNLOCATED
        and not set(actor.sectors) & INTERNATIONAL_SECTORS
    )


def _country_word(word: Token) -> Actor | None:
    """A demonym or country name modifying an event noun, as its party: "Palestinian riots", "US strikes"."""
    people = demonym_country(word.text)
    country = people or country_code(word.text)
    if country is None:
        return None
    span = Span.of(_doc_text(word.doc), word.idx, word.idx + len(word.text))  # the doc's text is the article's
    return Actor(
        name=span.text,
        span=span,
        country=country,
        kind="people" if people else "state",
        how="demonym" if people else "country",
    )


def _coded(actor: Actor) -> bool:
    """An actor the tables know: a country or a sector, not just a name."""
    return bool(actor.country or actor.sectors) and actor.how != "unresolved"
