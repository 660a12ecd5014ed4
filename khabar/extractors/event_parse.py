"""Reading the dependency parse for the events coder: who the subject, objects and parties of a word
are, through coordination, control, relative pronouns and quantities; and the mention index by position.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from khabar.model import Actor, Place

RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom"})


@dataclass
class _Index:
    """Mentions looked up by position, built once per article."""

    actors: Sequence[Actor]
    places: Sequence[Place]
    dateline_end: int = 0  # "HERAT, Afghanistan (AP) —": where the wire dateline ends; nothing in it acts

    def actor_at(self, token: Token) -> Actor | None:
        """The smallest actor mention containing the token's head word."""
        best: Actor | None = None
        for actor in self.actors:
            if actor.span.start <= token.idx < actor.span.end and (
                best is None or actor.span.end - actor.span.start < best.span.end - best.span.start
            ):
                best = actor
        return best

    def places_within(self, start: int, end: int) -> list[Place]:
        return [p for p in self.places if start <= p.span.start and p.span.end <= end]


# For asking whether a word could head an event at all, whatever the article's mentions.
NO_MENTIONS = _Index((), ())


QUANTITY_NOUNS = frozenset({"thousands", "hundreds", "dozens", "scores", "millions", "tens", "some", "many",
                            "number", "group", "crowd", "crowds", "hundred", "thousand"})  # fmt: skip


def _quantified(head: Token) -> Token:
    """ "Thousands of Iraqi Kurds demonstrated": the Kurds, not the thousands."""
    if head.lower_ in QUANTITY_NOUNS or head.pos_ == "NUM" or head.like_num:
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                obj = next((o for o in prep.children if o.dep_ == "pobj"), None)
                if obj is not None:
                    return obj
    return head


PERSONAL_PRONOUNS = {"they": "Plur", "we": "Plur", "he": "Sing", "she": "Sing", "it": "Sing"}


def _pronoun_antecedent(pronoun: Token) -> Token | None:
    """The subject of the clause that reports this one: "leaders said [they would boycott]" -> leaders.

    Only the reporting-clause case, which news prose uses constantly and a parser gets right; no general
    coreference. The antecedent must agree in number.
    """
    number = PERSONAL_PRONOUNS.get(pronoun.lower_)
    if number is None or pronoun.dep_ not in ("nsubj", "nsubjpass"):
        return None
    clause = pronoun.head
    while clause.dep_ in ("ccomp", "xcomp", "conj", "advcl") and clause.head is not clause:
        clause = clause.head
        for child in clause.children:
            if child.dep_ == "nsubj" and child.pos_ in ("NOUN", "PROPN"):
                child_number = child.morph.get("Number", [])
                if number == "Plur" or not child_number or child_number == [number] or child.pos_ == "PROPN":
                    return child
    return None


def _subjects(verb: Token) -> list[Token]:
    """Subjects of a verb, inherited through coordination, control and adjectival predicates."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj"):
            return [child]
        if child.dep_ == "agent":
            return [o for o in child.children if o.dep_ == "pobj"]
    if verb.pos_ == "ADJ":
        return [c for c in verb.head.children if c.dep_ == "nsubj"]
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.lemma_.lower() in DECREE_NOUNS:
        # "signed a decree banning the niqab": who signs or issues the decree does what it does
        return _subjects(verb.head.head) if verb.head.dep_ == "dobj" else []
    if verb.dep_ in ("relcl", "acl") and (take := _step_taker(verb)) is not None:
        return _subjects(take)  # "the government took steps to ease ...": who takes the steps acts
    if verb.dep_ == "relcl":
        # "soldiers fleeing the fighting": the antecedent acts; not in "people who were killed" (it suffers)
        # nor in "Serbia, where ... were killed" (it is where)
        passive_or_where = any(
            c.dep_ == "nsubjpass" or (c.dep_ == "advmod" and c.lower_ in ("where", "when")) for c in verb.children
        )
        return [] if passive_or_where else [verb.head]
    if verb.dep_ == "conj":
        return _subjects(verb.head)
    if verb.dep_ == "xcomp":  # "asked Iran to return": the object controls; else the head's subject
        if verb.head.lemma_.lower() in INSTRUMENT_VERBS:
            return _subjects(verb.head)  # "police used tear gas to disperse": the gas is what they used
        objects = [c for c in verb.head.children if c.dep_ == "dobj"]
        return objects or _subjects(verb.head)
    if verb.dep_ == "advcl" and verb.tag_ == "VBN":
        return []  # "When asked to clarify, X said": the main clause's subject is who was asked, not who asked
    if verb.dep_ in ("advcl", "pcomp", "acomp") and verb.head is not verb:
        # "Iran have been active in trying to broker": climb to the clause that has the subject
        head = verb.head.head if verb.head.pos_ == "ADP" else verb.head
        if head.pos_ in ("VERB", "AUX", "ADJ") and head is not verb:
            return _subjects(head)
    return []


def _prep_objects(verb: Token, prep: str) -> list[Token]:
    """The objects of a preposition governed by the verb, or nested in its prepositional phrases ("fell into
    the hands of the rebels" for "of")."""
    out: list[Token] = []
    for child in verb.children:
        if child.dep_ not in ("prep", "agent"):
            continue
        for t in child.subtree:
            if t.dep_ in ("prep", "agent") and t.lower_ == prep:
                out.extend(o for o in t.children if o.dep_ == "pobj")
    return out


# Verbs whose object is a means, not the doer of the infinitive after it ("used tear gas to disperse them").
INSTRUMENT_VERBS = frozenset({"use", "employ", "utilise", "utilize", "deploy", "send", "dispatch"})
# Instruments of rule whose "-ing" clause is the act they impose: "a decree banning", "an order expelling".
DECREE_NOUNS = frozenset({"decree", "order", "edict", "ordinance", "directive", "law"})
# "took steps/measures to V": nouns of acting whose infinitive is the act itself.
STEP_NOUNS = frozenset({"step", "measure"})


def _step_taker(verb: Token) -> Token | None:
    """ "took steps to ease restrictions": the verb "take" whose steps the infinitive ``verb`` is, hung on the
    noun or on the verb; None for any other infinitive."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None
    if verb.dep_ in ("relcl", "acl"):
        noun, take = verb.head, verb.head.head
    elif verb.dep_ == "advcl":
        take = verb.head
        noun = next((c for c in take.children if c.dep_ == "dobj"), take)
    else:
        return None
    if noun.lemma_.lower() in STEP_NOUNS and noun.dep_ == "dobj" and take.lemma_.lower() == "take":
        return take
    return None


def _instrument_users(agents: list[Token]) -> list[Token]:
    """Who used an instrument named as a passive's agent: "a bomb planted by insurgents" -> insurgents."""
    out: list[Token] = []
    for agent in agents:
        for clause in agent.children:
            if clause.dep_ in ("acl", "relcl"):
                for by in clause.children:
                    if by.dep_ == "agent":
                        out.extend(o for o in by.children if o.dep_ == "pobj")
    return out


def _passive_subjects(verb: Token) -> list[Token]:
    """Who an agentless passive happened to: "civilians" in "civilians were killed"."""
    if any(c.dep_ == "agent" for c in verb.children):
        return []
    return [c for c in verb.children if c.dep_ == "nsubjpass"]


def _conjuncts(token: Token) -> list[Token]:
    return [c for c in token.children if c.dep_ == "conj"] + [
        g for c in token.children if c.dep_ == "conj" for g in _conjuncts(c)
    ]


def _subtree_chars(token: Token) -> tuple[int, int]:
    tokens = list(token.subtree)
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _sent_end(sent: SpacySpan) -> int:
    last = sent.end - 1
    while last > sent.start and sent.doc[last].is_space:
        last -= 1
    tok = sent.doc[last]
    return tok.idx + len(tok.text)


def _noun_as_predicate(token: Token) -> bool:
    """ "a figure that the government disputes": tagged NOUN, but the parse makes it a clause with a subject."""
    return (
        token.pos_ == "NOUN"
        and token.dep_ in ("relcl", "ccomp", "ROOT", "advcl")
        and any(c.dep_ == "nsubj" for c in token.children)
    )


def _plural(actor: Actor, doc: Doc) -> bool:
    """ "the two leaders", "ministers": more than one person (they can meet each other)."""
    span = doc.char_span(actor.span.start, actor.span.end, alignment_mode="expand")
    return span is not None and "Plur" in span.root.morph.get("Number", [])


def _unique(items: Sequence[Any]) -> list[Any]:
    out: list[Any] = []
    for item in items:
        if item not in out:
            out.append(item)
    return out


# A wire dateline: a place in capitals, maybe its country or state, maybe the agency, then a dash or colon.
DATELINE = re.compile(
    r"\A\s*[A-Z][A-Z.'\- ]{1,40}(?:,\s*[A-Z][\w.'\- ]{1,40})?(?:\s*\([^)\n]{1,40}\))?\s*(?:—|–|--?|:)\s"
)


def _dateline_end(text: str) -> int:
    """Where a dateline at the start of the text ends ("BEIRUT (AP) — ", "HERAT, Afghanistan (Reuters) - "), or 0."""
    match = DATELINE.match(text[:200])
    return match.end() if match else 0


# Nouns that stand for the undertaking of an act named as their modifier: "a mediation effort", "a peace bid".
EFFORT_NOUNS = frozenset({"effort", "bid", "drive", "campaign", "mission", "initiative", "attempt", "push"})


# Nouns that hold an amount of what is given: "a package of military assistance", "a shipment of aid".
CONTAINER_NOUNS = frozenset({"package", "shipment", "consignment", "tranche", "batch", "convoy", "round"})


def _effort_of(noun: Token) -> Token:
    """The noun that stands where an event noun would: the effort it modifies ("a mediation effort"), the
    package it fills ("a package of military assistance"); else the noun itself."""
    if noun.dep_ == "compound" and noun.head.lemma_.lower() in EFFORT_NOUNS:
        return noun.head
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in CONTAINER_NOUNS:
        return noun.head.head
    return noun


def _standing_state(verb: Token) -> bool:
    """ "the faction that controls Afghanistan", "a group which opposes the plan": a present-tense verb in a
    relative clause describes what its antecedent is, not an act the news reports."""
    return verb.dep_ == "relcl" and verb.tag_ in ("VBZ", "VBP")


def _doc_text(doc: Doc) -> str:
    """The doc's text, made once per doc (``Doc.text`` joins every token each time it is read)."""
    text = doc.user_data.get("khabar_text")
    if text is None:
        text = doc.user_data["khabar_text"] = doc.text
    return str(text)
