"""The events coder: from the dependency parse and the mentions, who did what to whom, where, when.

A word that can head an event (``kb/data/event_patterns.tsv``) becomes an Event when its arguments make
it one: its subject or agent (through relative pronouns, control and coordination) gives the actors, its
object or dative the recipients, its locative arguments the place, the time expression governing it the
date, and the attribution whose words contain it who says so. Coordinated places ("seized the Islam Qala
crossing and the Abu Nazr Farahi crossing") give one event each. What is only the content of another
event ("asked Iran to return the soldiers") or of a contested claim is not coded as having happened.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from khabar.extractors import Mentions
from khabar.extractors.actors import ActorCoder, focus_country
from khabar.extractors.attribution import SAY_VERBS
from khabar.extractors.time import when_for_event
from khabar.kb.countries import country_code, demonym_country
from khabar.kb.event_patterns import TriggerPattern, cameo_code, trigger_patterns
from khabar.model import Actor, Article, Attribution, Claim, Event, Place, Quantity, Span, When
from khabar.registry import register

# Categories whose actor must be able to speak or decide: "a statement calling for talks" is no actor.
AGENTIVE_TYPES = frozenset({"AGREE", "CONSULT", "SUPPORT", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "CONCEDE",
                            "COOPERATE", "SANCTION"})  # fmt: skip
PLACE_NOUNS = frozenset({
    "crossing", "city", "town", "village", "territory", "border", "area", "region", "province", "district",
    "capital", "base", "airport", "checkpoint", "post", "road", "highway", "port", "camp", "site", "building",
    "office", "country", "land", "neighbourhood", "neighborhood", "point", "swathe", "gateway", "compound",
})  # fmt: skip
LOCATIVE_PREPS = frozenset({"in", "at", "near", "into", "to", "across", "from", "towards", "toward", "outside",
                            "inside", "on", "around", "through", "within", "over"})  # fmt: skip
# Definite phrases that point back to a place named earlier: the kind of place each one wants.
ANAPHORIC_PLACES = {"area": "local", "site": "local", "scene": "local", "there": "local", "crossing": "local",
                    "city": "local", "town": "local", "region": "local", "country": "country"}  # fmt: skip
# Events of movement and force: "to/into/from X" says where they happened, not to whom.
MOVEMENT_TYPES = frozenset({"RETREAT", "ASSAULT", "MOBILIZE", "COERCE", "PROTEST"})
RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom"})
MODAL_HYPOTHETICAL = frozenset({"could", "would", "might", "may", "should"})
MODAL_FUTURE = frozenset({"will", "shall", "'ll"})
INTENT_HEADS = frozenset({"plan", "intend", "aim", "prepare", "want", "hope", "vow", "pledge", "promise", "offer"})
ATTEMPT_HEADS = frozenset({"try", "attempt", "seek", "strive"})
# PLOVER codes a stated intention by its direction: to do harm is to THREATEN, to do good is to AGREE.
HOSTILE_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION", "PROTEST", "REJECT", "MOBILIZE"})
FRIENDLY_TYPES = frozenset({"AID", "COOPERATE", "RETREAT", "CONCEDE", "CONSULT", "SUPPORT"})
# Nouns of these types report an act even when nobody is named ("a bombing in Kabul", "a suspension of
# trade"); nouns of the other types without a party ("a meeting", "the agreement", "an investigation") more
# often name a thing or a topic than tell that it happened.
SELF_EVIDENT = frozenset({"ASSAULT", "COERCE", "PROTEST", "SANCTION", "MOBILIZE"})
# Objects that make a giving verb an act of aid, and a signing verb an agreement.
AID_OBJECTS = frozenset({"aid", "assistance", "help", "support", "food", "supply", "money", "grant", "loan",
                         "weapon", "arm", "troop", "asylum", "shelter", "funding", "fund", "equipment",
                         "intelligence", "medicine", "vaccine", "relief", "refuge", "protection",
                         "training"})  # fmt: skip
MONEY_NOUNS = frozenset({"dollar", "euro", "pound", "yen", "franc", "rupee", "shilling", "million", "billion"})
ACCORD_OBJECTS = frozenset({"agreement", "deal", "accord", "treaty", "pact", "ceasefire", "truce", "memorandum",
                            "protocol", "contract", "declaration", "armistice", "settlement"})  # fmt: skip
# Verbs that only carry a nominal event ("launch an offensive", "hold talks"): its doer is theirs.
SUPPORT_VERBS = frozenset({"start", "launch", "open", "hold", "conduct", "issue", "stage", "begin", "lead",
                           "carry", "have", "make", "mount", "wage", "initiate", "announce", "order", "reiterate",
                           "renew", "repeat", "complete", "impose", "declare", "enforce"})  # fmt: skip
DEMAND_OBJECTS = frozenset({"demand", "condition", "ultimatum", "term", "request", "call"})
RELATION_OBJECTS = frozenset({"tie", "relation", "embassy", "consulate", "link"})
RESTRICTION_OBJECTS = frozenset({"curfew", "ban", "restriction", "sanction", "blockade", "embargo", "siege",
                                 "emergency", "closure", "sentence", "quarantine", "lockdown"})  # fmt: skip
OBJECT_KINDS = {"aid": AID_OBJECTS, "accord": ACCORD_OBJECTS, "demand": DEMAND_OBJECTS,
                "restriction": RESTRICTION_OBJECTS,
                "relations": RELATION_OBJECTS}  # fmt: skip
INTERNATIONAL_SECTORS = frozenset({"IGO", "NGO"})
# The subj= conditions of the event patterns: armed actors, and the state's forces or authorities.
SUBJECT_SECTORS = {"MIL": frozenset({"MIL", "REB", "INS", "COP"}), "STATE": frozenset({"MIL", "COP", "GOV"})}
# Actors whose country the event's place does not tell: named people and parties called foreign.
UNLOCATED = frozenset({"name", "title", "apposition", "foreign"})
# Answers to a request: "rejected an appeal from X", "accepted demands from Y" report the answer; the request
# is what it answers, not a second event of the sentence.
RESPONSE_TYPES = frozenset({"REJECT", "CONCEDE", "AGREE"})
# How a clause of purpose hangs off a protest: "staged demonstrations to demand", "joined protesters in demanding".
PURPOSE_DEPS = frozenset({"advcl", "pcomp", "prep", "pobj", "xcomp"})
CLAIM_CUES = frozenset({"claim", "insist", "assert", "allege", "maintain"})
# Prepositions that name the doer of a nominal event ("attack by X", "talks between X and Y") ...
NOUN_AGENT_PREPS = frozenset({"by", "of", "between", "among", "from"})
# ... except "of" after nouns of force, where it names the one who suffers it ("the invasion of Lebanon").
PATIENT_OF_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION"})


@dataclass
class Coded:
    """What the coder returns: the events and the claims of one article."""

    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)


@dataclass
class _Index:
    """Mentions looked up by position, built once per article."""

    actors: Sequence[Actor]
    places: Sequence[Place]

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


class EventCoder:
    def __init__(self) -> None:
        self.patterns_by_key = trigger_patterns()
        self.coder = ActorCoder()

    def patterns(self) -> list[dict[str, Any]]:
        return []

    def __call__(self, doc: Doc, article: Article, mentions: Mentions) -> Coded:
        index = _Index(mentions.actors, mentions.places)
        home = focus_country(doc)
        claimed = _claimed_heads(doc, mentions.attributions)
        events: list[Event] = []
        seen_types: set[str] = set()
        seen_sentences: set[str] = set()
        for sent in doc.sents:
            sentence = Span.of(article.text, sent.start_char, _sent_end(sent))
            if sentence.text in seen_sentences:
                continue  # a headline repeated as the first line is the same report, not a second event
            seen_sentences.add(sentence.text)
            sent_events: list[Event] = []
            nominal_triggers: set[int] = set()
            for token in sent:
                pattern = self._match(token, index)
                if pattern is None or token.i in claimed:
                    continue
                if _is_content_of_trigger(token, self, index, pattern.type):
                    continue
                nominal = token.pos_ == "NOUN" and not _noun_as_predicate(token)
                if nominal and not self._eventive_noun(token, pattern, seen_types, index):
                    continue
                for event in self._code(token, pattern, sent, sentence, article, mentions, index, home, events):
                    sent_events.append(event)
                    if nominal:
                        nominal_triggers.add(event.trigger.start)
            for event in _dedupe(sent_events):
                event = _bridge(event, events)
                if not event.actors and event.trigger.start in nominal_triggers and event.type not in SELF_EVIDENT:
                    continue  # "an investigation is required", "the agreement seeks": a thing named, no act told
                prior = _same_as_earlier(event, events)
                if prior is not None:
                    events[prior] = _merge(events[prior], event)
                    continue
                events.append(event)
                seen_types.add(event.type)
        return Coded(events=events, claims=_claims(article, mentions))

    # -- triggers ----------------------------------------------------------------------------------

    def _match(self, token: Token, index: _Index) -> TriggerPattern | None:
        if _obliged_party(token) is not None:
            return REPORTED_DEMAND
        pos = "VERB" if token.pos_ in ("VERB", "AUX") or _noun_as_predicate(token) else token.pos_
        candidates = self.patterns_by_key.get((token.lemma_.lower(), pos))
        if not candidates:
            return None
        for pattern in candidates:
            if _condition_holds(pattern.condition, token, index, self):
                return pattern
        return None

    def _eventive_noun(self, noun: Token, pattern: TriggerPattern, seen: set[str], index: _Index) -> bool:
        """A noun names an event, not a topic: not a modifier ("trade route"), not a repeat ("the seizure")."""
        if noun.dep_ in ("compound", "amod"):
            return False
        definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in noun.children)
        if definite and pattern.type in seen:
            return False  # a definite mention of an event already coded: the same event again
        if self._noun_actors(noun, index, pattern.type):
            return True
        return noun.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "attr", "ROOT", "appos")

    # -- arguments ---------------------------------------------------------------------------------

    def _code(
        self,
        token: Token,
        pattern: TriggerPattern,
        sent: SpacySpan,
        sentence: Span,
        article: Article,
        mentions: Mentions,
        index: _Index,
        home: str | None,
        earlier: list[Event],
    ) -> list[Event]:
        nominal = token.pos_ == "NOUN" and not _noun_as_predicate(token)
        if nominal:
            actors = self._noun_actors(token, index, pattern.type)
            recipients: list[Actor] = self._noun_recipients(token, index, pattern.type)
        else:
            subject_heads = _subjects(token)
            actors = [a for h in subject_heads for a in self._actors_for(h, index, article, home)]
            if subject_heads and not actors and pattern.type in AGENTIVE_TYPES:
                return []  # a subject that is no actor ("a statement calling for ...")
            if not subject_heads and not actors and pattern.type in AGENTIVE_TYPES:
                return []
            recipients = [a for h in _objects(token, pattern.type) for a in self._actors_for(h, index, article, home)]
            # "three civilians were killed in a bombing": an act of force told in the passive, doer unnamed
            victims = _passive_subjects(token) if pattern.type in SELF_EVIDENT and not subject_heads else []
            suffered = [a for h in victims for a in self._actors_for(h, index, article, home)]
            recipients += suffered
            if not actors and not suffered:
                return []
        actors = _unique(self._with_partners(actors, token.doc))
        recipients = [r for r in _unique(self._with_partners(recipients, token.doc)) if r not in actors]
        if (
            pattern.type == "CONSULT"
            and not nominal
            and not recipients
            and len(actors) == 1
            and actors[0].kind == "person"
        ):
            return []  # "With Wikinews, Lusk discussed why she joined": one person talking about something
        if pattern.type == "REJECT":
            recipients += _claimants_disputed_by(actors, mentions.attributions, sentence, index)
        trigger = Span.of(article.text, token.idx, token.idx + len(token.text))
        places, place_how = self._event_places(token, pattern.type, sent, actors + recipients, index, mentions.places)
        mentioned = tuple(index.places_within(sentence.start, sentence.end))
        when = when_for_event(mentions.times, sentence, trigger, article.published, past=_is_past(token))
        quantities = _quantities_of(token, actors, mentions.quantities, sentence)
        attribution = _attribution_of(trigger, sentence, mentions.attributions, actors)
        modality = _modality(token)
        event_type, mode = pattern.type, pattern.mode
        if modality == "negated" and event_type in FRIENDLY_TYPES | {"AGREE"} and not nominal:
            event_type, mode = "REJECT", None  # "will not accept refugees", "did not withdraw"
        elif _conditional(token) and modality in ("future", "intended", "hypothetical") and not nominal:
            event_type, mode = "THREATEN", None  # "will withdraw its force unless ...": a conditional threat
        elif modality in ("future", "intended") and not nominal:
            if event_type in HOSTILE_TYPES:
                event_type, mode = "THREATEN", None
            elif event_type in FRIENDLY_TYPES:
                event_type, mode = "AGREE", None
        base_conf = 0.7 if token.pos_ != "NOUN" else 0.55
        if actors and all(a.country for a in actors):
            base_conf += 0.1
        out: list[Event] = []
        chosen: list[Place | None] = list(places) or [None]
        for place in chosen:
            here, aimed_at = _located(actors, place), _located(recipients, place)
            event_id = hashlib.sha1(
                f"{article.id}|{trigger.start}|{event_type}|{place.span.start if place else ''}".encode()
            ).hexdigest()[:16]
            out.append(
                Event(
                    id=event_id,
                    type=event_type,
                    trigger=trigger,
                    sentence=sentence,
                    actors=tuple(here),
                    recipients=tuple(aimed_at),
                    mode=mode,
                    modality=modality,
                    cameo=cameo_code(event_type, mode),
                    place=place,
                    places_mentioned=mentioned,
                    place_how=place_how if place else None,
                    when=when,
                    quantities=tuple(quantities),
                    attribution=attribution,
                    confidence=round(min(base_conf, 0.95), 2),
                )
            )
        return out

    def _actors_for(self, head: Token, index: _Index, article: Article, home: str | None) -> list[Actor]:
        """Actors of a subject/object head, through relative pronouns and coordination."""
        heads = [head, *_conjuncts(head)]
        out: list[Actor] = []
        for h in heads:
            h = _quantified(h)
            if h.lower_ in RELATIVE_PRONOUNS and h.head.dep_ == "relcl":
                h = h.head.head  # "soldiers who fled": the soldiers
            if h.pos_ == "PRON":
                antecedent = _pronoun_antecedent(h)
                if antecedent is None:
                    continue
                h = antecedent
            actor = index.actor_at(h)
            if actor is None:
                phrase = h.doc[min(t.i for t in h.subtree) : max(t.i for t in h.subtree) + 1]
                actor = self.coder.code_phrase(phrase, article, home) if h.pos_ in ("NOUN", "PROPN") else None
            if actor is not None and actor.kind != "source":
                out.append(actor)
        return out

    def _noun_actors(self, noun: Token, index: _Index, event_type: str, through_control: bool = True) -> list[Actor]:
        """Actors of a nominal event: "Iran's request", "Taliban attack", "attack by X", "talks between X and Y",
        "Palestinian riots"; the doer of a support verb first ("Israel mounted its invasion of Lebanon")."""
        if noun.dep_ == "dobj" and noun.head.lemma_.lower() in SUPPORT_VERBS:
            # through control too ("Iran threatened to launch an offensive") unless only its own words count
            heads = _subjects(noun.head) if through_control else [c for c in noun.head.children if c.dep_ == "nsubj"]
            doers = [a for h in heads if (a := index.actor_at(_quantified(h))) is not None and a.kind != "source"]
            if doers:
                return _unique(doers)
        out: list[Actor] = []
        for child in noun.children:
            if child.dep_ in ("poss", "compound", "nmod", "amod") and child.i < noun.i:
                actor = index.actor_at(child)
                if actor is not None and actor.span.start <= noun.idx < actor.span.end:
                    # the mention covers the noun itself ("Afghan government request"): use its owner words
                    actor = None
                    for inner in (a for a in index.actors if a.span.start <= child.idx < a.span.end):
                        if inner.span.end <= noun.idx:
                            actor = inner
                    actor = actor or _country_word(child)
                if actor is not None:
                    out.append(actor)
            elif child.dep_ == "prep" and child.lower_ in NOUN_AGENT_PREPS:
                if child.lower_ == "of" and event_type in PATIENT_OF_TYPES:
                    continue  # "the invasion of Lebanon", "the arrest of X": who suffers it, not who does it
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        for h in (obj, *_conjuncts(obj)):
                            actor = index.actor_at(h)
                            if actor is not None and actor.kind != "source":
                                out.append(actor)
        return _unique(out)

    def _noun_recipients(self, noun: Token, index: _Index, event_type: str) -> list[Actor]:
        """Whom a nominal event is aimed at: "sanctions on X", "attacks against X", "the invasion of X"."""
        preps = {"on", "against"} | ({"of"} if event_type in PATIENT_OF_TYPES else set())
        out: list[Actor] = []
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ in preps:
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        out.extend(a for h in (obj, *_conjuncts(obj)) if (a := index.actor_at(h)) is not None)
        return _unique(out)

    def _with_partners(self, actors: list[Actor], doc: Doc) -> list[Actor]:
        """One actor per country of a mention with coordinated demonyms: "Hungarian and Romanian officials"."""
        out: list[Actor] = []
        for actor in actors:
            out.append(actor)
            span = doc.char_span(actor.span.start, actor.span.end, alignment_mode="expand")
            if span is None or actor.country is None:
                continue
            for country in self.coder.partner_countries(span.root):
                if country != actor.country:
                    out.append(replace(actor, country=country, actor_id=None))
        return out

    def _event_places(
        self,
        token: Token,
        event_type: str,
        sent: SpacySpan,
        parties: list[Actor],
        index: _Index,
        all_places: Sequence[Place],
    ) -> tuple[list[Place], str]:
        """Where it happened: the trigger's own locative arguments (its object too for acts of movement and
        force: "seized the crossing", not "discussed Libya-Turkey relations"), else those of the clause it is
        the purpose of ("gathered in Cairo to discuss"), else a place the text points back to, else another
        place named in the sentence; never a place that is one of the parties."""
        party_spans = [(a.span.start, a.span.end) for a in parties]

        def free(p: Place) -> bool:
            return not any(s <= p.span.start and p.span.end <= e for s, e in party_spans)

        def under(child: Token) -> list[Place]:
            start, end = _subtree_chars(child)
            return [p for p in index.places_within(start, end) if free(p)]

        def locative(child: Token) -> bool:
            return child.dep_ == "prep" and child.lower_ in LOCATIVE_PREPS

        own: list[Place] = []
        object_deps = ("dobj", "nsubjpass", "attr", "npadvmod") if event_type in MOVEMENT_TYPES else ("npadvmod",)
        for child in token.children:
            # "seized two crossings, the Islam Qala crossing, and the Abu Nazr Farahi crossing"
            coordinated_object = (
                event_type in MOVEMENT_TYPES and child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN")
            )
            if child.dep_ in object_deps or locative(child) or coordinated_object:
                own.extend(under(child))
        if not own and token.dep_ in ("xcomp", "advcl") and token.head is not token:
            own = [p for child in token.head.children if locative(child) for p in under(child)]
        own = _site_of(_specific_first(own), token.doc, parties, all_places)
        if own:
            return own, "argument"
        referent = _anaphoric_place(sent, all_places)
        if referent is not None:
            return [referent], "anaphora"
        in_sentence = [
            p for p in index.places_within(sent.start_char, sent.end_char) if free(p) and not _far_side(p, token.doc)
        ]
        if in_sentence and token.pos_ != "NOUN":
            in_sentence.sort(key=lambda p: abs(p.span.start - token.idx))
            return [in_sentence[0]], "sentence"
        return [], "none"


# -- helpers on the parse ----------------------------------------------------------------------------


def _located(actors: list[Actor], place: Place | None) -> list[Actor]:
    """Parties of no known country take the country where the event happened ("prisoners rioted at a jail
    in Dili"), as ACLED codes an unnamed group by its location; marked ``how="place"``. Named people,
    sources, dictionary actors of no country (al-Qaeda), international bodies and parties called foreign
    keep none."""
    if place is None or place.country is None:
        return actors
    return [replace(a, country=place.country, how="place") if _unplaced(a) else a for a in actors]


def _unplaced(actor: Actor) -> bool:
    return (
        actor.country is None
        and actor.actor_id is None
        and actor.kind != "source"
        and actor.how not in UNLOCATED
        and not set(actor.sectors) & INTERNATIONAL_SECTORS
    )


def _country_word(word: Token) -> Actor | None:
    """A demonym or country name modifying an event noun, as its party: "Palestinian riots", "US strikes"."""
    people = demonym_country(word.text)
    country = people or country_code(word.text)
    if country is None:
        return None
    span = Span.of(word.doc.text, word.idx, word.idx + len(word.text))  # the doc's text is the article's
    return Actor(
        name=span.text,
        span=span,
        country=country,
        kind="people" if people else "state",
        how="demonym" if people else "country",
    )


def _condition_holds(condition: str, token: Token, index: _Index, coder: EventCoder) -> bool:
    if not condition:
        return True
    key, _, value = condition.partition("=")
    if key == "prep":
        if any(c.dep_ == "prt" and c.lower_ == value for c in token.children):
            return True  # "pulled out its troops"
        # "called for talks", "called on Iran to": no object of its own ("called Nevada for Biden" is no call)
        has_object = any(c.dep_ in ("dobj", "oprd") for c in token.children)
        return not has_object and any(c.dep_ == "prep" and c.lower_ == value for c in token.children)
    if key == "obj" and value in OBJECT_KINDS:
        wanted = OBJECT_KINDS[value]
        objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass", "dative")]
        objects += [g for o in objects for g in _conjuncts(o)]
        if value == "aid":  # "gave X 5 million dollars of aid": the money, or what it is "of"
            objects += [g for o in objects for p in o.children if p.dep_ == "prep" and p.lower_ == "of"
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
        return actor is not None and bool(set(actor.sectors) & SUBJECT_SECTORS.get(value, frozenset()))
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


def _purpose_of_protest(verb: Token, coder: EventCoder) -> bool:
    """A demand that is what a protest is for ("students staged demonstrations to demand reforms"): PLOVER
    codes the protest, with the demand as its content, not a separate request."""
    node = verb
    for _ in range(CONTENT_DEPTH):
        if node.dep_ not in PURPOSE_DEPS or node.head is node:
            return False
        node = node.head
        protests = [node, *(c for c in node.children if c.dep_ == "dobj")] if node.pos_ == "VERB" else [node]
        for word in protests:
            pattern = coder._match(word, NO_MENTIONS)
            if pattern is not None and pattern.type == "PROTEST":
                return True
    return False


def _noun_as_predicate(token: Token) -> bool:
    """ "a figure that the government disputes": tagged NOUN, but the parse makes it a clause with a subject."""
    return (
        token.pos_ == "NOUN"
        and token.dep_ in ("relcl", "ccomp", "ROOT", "advcl")
        and any(c.dep_ == "nsubj" for c in token.children)
    )


def _is_place_phrase(head: Token, index: _Index) -> bool:
    if head.lemma_.lower() in PLACE_NOUNS or head.ent_type_ in ("GPE", "LOC", "FAC"):
        return True
    start, end = _subtree_chars(head)
    return bool(index.places_within(start, end))


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


CONTENT_DEPS = frozenset({"xcomp", "ccomp", "pobj", "dobj", "prep", "advcl", "acl", "attr", "oprd", "dative"})
CONTENT_DEPTH = 4


def _is_content_of_trigger(token: Token, coder: EventCoder, index: _Index, event_type: str) -> bool:
    """What another event is about is not an event of its own: "asked Iran to *return* the soldiers",
    "threatened to launch an *offensive*", "rejected an offer to host a *summit*".

    Climbs objects and complements (never relative clauses, coordination or subjects, which report acts
    of their own) up to a few steps to a trigger. A nominal event with its own actor ("condemned the
    Israeli attack") stays an event: the text reports that it happened."""
    if token.pos_ == "NOUN" and event_type == "REQUEST" and token.dep_ in ("dobj", "nsubjpass"):
        answer = coder._match(token.head, NO_MENTIONS)
        if answer is not None and answer.type in RESPONSE_TYPES:
            return True
    if token.pos_ == "VERB" and event_type == "REQUEST" and _purpose_of_protest(token, coder):
        return True
    if token.pos_ == "NOUN" and coder._noun_actors(token, index, event_type, through_control=False):
        return False
    node = token
    for _ in range(CONTENT_DEPTH):
        if node.dep_ not in CONTENT_DEPS or node.head is node:
            return False
        node = node.head
        if node.pos_ != "ADP" and coder._match(node, NO_MENTIONS) is not None:
            return True
    return False


def _subjects(verb: Token) -> list[Token]:
    """Subjects of a verb, inherited through coordination, control and adjectival predicates."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj"):
            return [child]
        if child.dep_ == "agent":
            return [o for o in child.children if o.dep_ == "pobj"]
    if verb.pos_ == "ADJ":
        return [c for c in verb.head.children if c.dep_ == "nsubj"]
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


def _passive_subjects(verb: Token) -> list[Token]:
    """Who an agentless passive happened to: "civilians" in "civilians were killed"."""
    if any(c.dep_ == "agent" for c in verb.children):
        return []
    return [c for c in verb.children if c.dep_ == "nsubjpass"]


OBLIGATION_MODALS = frozenset({"must", "should"})
REPORTED_DEMAND = TriggerPattern("say", "VERB", "", "REQUEST", None)


def _obliged_party(token: Token) -> Token | None:
    """ "Russia said Sudan must return the helicopter": a statement that another party must act is a
    demand of the speaker's (PLOVER REQUEST), whatever the verb of the obligation. The party that must act
    (named by a noun), or None when ``token`` reports no obligation."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in SAY_VERBS - {"claim", "allege"}:
        return None
    for clause in token.children:
        if clause.dep_ == "ccomp" and any(c.dep_ == "aux" and c.lower_ in OBLIGATION_MODALS for c in clause.children):
            subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            return subject if subject is not None and subject.pos_ in ("PROPN", "NOUN") else None
    return None


def _objects(verb: Token, event_type: str) -> list[Token]:
    """Recipients: objects, datives, "with/against/on X", the parties of "a deal between X and Y".
    For events of movement and force, "to/from/into X" is where, not whom."""
    preps = {"with", "against", "on"} if event_type in MOVEMENT_TYPES else {"with", "against", "on", "to", "from"}
    out: list[Token] = []
    party = _obliged_party(verb) if event_type == "REQUEST" else None
    if party is not None:  # the party that must act
        out.append(party)
    for child in verb.children:
        if child.dep_ in ("dobj", "dative", "iobj"):
            out.append(child)
            if event_type in MOVEMENT_TYPES:
                continue  # "the crossing between Afghanistan and Iran" is a place, not the parties
            for prep in child.children:
                if prep.dep_ == "prep" and prep.lower_ in ("between", "with"):
                    out.extend(o for o in prep.children if o.dep_ == "pobj")
        elif child.dep_ == "prep" and child.lower_ in preps:
            out.extend(o for o in child.children if o.dep_ == "pobj")
    return out


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


def _specific_first(places: list[Place]) -> list[Place]:
    """Sub-national places before countries: "captured the crossing between Afghanistan and Iran" is at the crossing."""
    local = [p for p in places if p.kind != "country"]
    return _unique(local or places)


BORDER_NOUNS = frozenset({"crossing", "border", "frontier", "checkpoint", "gate", "post", "crossings", "borders"})


def _site_of(places: list[Place], doc: Doc, parties: list[Actor], all_places: Sequence[Place]) -> list[Place]:
    """Where the act happened among the places of its arguments. A country named as the far side of a
    border ("seized a border crossing with Iran", "the crossing between Afghanistan and Iran") is not: a
    crossing lies on the side of whoever holds it, so the place is the acting party's own country where the
    article names it, else none. An area that holds another of the places ("near Spin Boldak, Kandahar
    province") only says where that one is."""
    out: list[Place] = []
    for place in places:
        if not _far_side(place, doc):
            out.append(place)
            continue
        side = next((a.country for a in parties if a.country and a.country != place.country), None)
        home = next((p for p in all_places if p.kind == "country" and p.country == side), None)
        if home is not None:
            out.append(home)
    return [p for p in _unique(out) if not any(_holds(p, q) for q in out if q is not p)]


def _holds(area: Place, place: Place) -> bool:
    """Whether ``area`` (an admin area) contains ``place``, by the hierarchy the gazetteer gives each place."""
    if (
        area.kind not in ("admin1", "admin2")
        or place.kind in ("admin1", "country", None)
        or area.country != place.country
    ):
        return False
    if area.kind == "admin1":
        return area.admin1 is not None and area.admin1 == place.admin1
    return place.kind != "admin2" and area.admin2 is not None and area.admin2 == place.admin2


def _far_side(place: Place, doc: Doc) -> bool:
    """Whether ``place`` is a country named as a side of a border ("a crossing with Iran")."""
    span = doc.char_span(place.span.start, place.span.end, alignment_mode="expand")
    return place.kind == "country" and span is not None and _beyond_border(span.root)


def _beyond_border(token: Token) -> bool:
    """Whether ``token`` names a side of a border: the object of "with"/"between" after a border noun."""
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    prep = token.head
    return token.dep_ == "pobj" and prep.lower_ in ("with", "between") and prep.head.lower_ in BORDER_NOUNS


def _anaphoric_place(sent: SpacySpan, places: Sequence[Place]) -> Place | None:
    """ "the area", "the site", "there": the last place of that kind named before this sentence."""
    wanted: str | None = None
    anaphor_at = sent.start_char
    for token in sent:
        kind = ANAPHORIC_PLACES.get(token.lower_)
        if kind and (token.lower_ == "there" or any(c.lower_ == "the" for c in token.children)):
            wanted, anaphor_at = kind, token.idx
            break
    if wanted is None:
        return None
    earlier = [p for p in places if p.span.end <= anaphor_at and p.lat is not None]
    for place in reversed(earlier):
        if (place.kind == "country") == (wanted == "country"):
            return place
    return None


def _is_past(token: Token) -> bool:
    """Past tense or perfect aspect ("captured", "have seized", "did not withdraw")."""
    verb = token if token.pos_ in ("VERB", "AUX", "ADJ") else token.head
    if "Past" in verb.morph.get("Tense", []):
        return True
    return any(c.dep_ == "aux" and c.lower_ in ("has", "have", "had", "did") for c in verb.children)


def _conditional(token: Token) -> bool:
    """The act is made to depend on another party's: "unless X arranges a ceasefire", "if war starts"."""
    verb = token if token.pos_ in ("VERB", "AUX", "ADJ") else token.head
    return any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless" for m in c.children) for c in verb.children
    )


def _modality(token: Token) -> str | None:
    """PLOVER's auxiliary modes: negated, hypothetical, future, intended, attempted."""
    verb = token if token.pos_ in ("VERB", "AUX", "ADJ") else token.head
    if any(child.dep_ == "neg" for child in verb.children):
        return "negated"  # "will not accept": the negation outranks the tense
    for child in verb.children:
        if child.dep_ == "aux" and child.lower_ in MODAL_FUTURE:
            return "future"
        if child.dep_ == "aux" and child.lower_ in MODAL_HYPOTHETICAL:
            if child.lower_ == "would" and verb.dep_ == "ccomp" and verb.head.lemma_.lower() in SAY_VERBS:
                return "future"  # reported future: "said they would boycott"
            return "hypothetical"
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in INTENT_HEADS:
        return "intended"
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in ATTEMPT_HEADS:
        return "attempted"
    return None


def _quantities_of(token: Token, actors: list[Actor], quantities: Sequence[Quantity], sentence: Span) -> list[Quantity]:
    """Quantities inside the event's actors or its own arguments (PLOVER's size fields)."""
    start, end = _subtree_chars(token)
    out = []
    for q in quantities:
        if not (sentence.start <= q.span.start < sentence.end):
            continue
        in_actor = any(a.span.start <= q.span.start < a.span.end or q.span.start <= a.span.start < q.span.end
                       for a in actors)  # fmt: skip
        if in_actor or (start <= q.span.start and q.span.end <= end and q.kind != "percent"):
            out.append(q)
    return out


def _attribution_of(
    trigger: Span, sentence: Span, attributions: Sequence[Attribution], actors: Sequence[Actor]
) -> Attribution | None:
    """The attribution whose attributed words contain the trigger (the narrowest one). The dispute of a
    claim ("a figure that the government disputes") is the outlet's report, not the claimant's."""
    best: Attribution | None = None
    for a in attributions:
        content = a.content
        if content is None or not (content.start <= trigger.start < content.end):
            continue
        if a.disputed_by and any(actor.name in a.disputed_by for actor in actors):
            continue
        if not (sentence.start <= content.start <= sentence.end or sentence.start <= trigger.start < sentence.end):
            continue
        if best is None or (best.content and content.end - content.start < best.content.end - best.content.start):
            best = a
    return best


def _claimed_heads(doc: Doc, attributions: Sequence[Attribution]) -> set[int]:
    """Token indices heading the content of a contested claim: recorded as a Claim, not as an event."""
    heads: set[int] = set()
    for a in attributions:
        if a.content is None or a.cue is None or a.cue.lower().rstrip("s") not in CLAIM_CUES:
            continue
        span = doc.char_span(a.content.start, a.content.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        heads.add(root.i)
        heads.update(c.i for c in root.children if c.dep_ in ("conj", "xcomp"))
    return heads


def _claimants_disputed_by(actors: list[Actor], attributions: Sequence[Attribution], sentence: Span,
                           index: _Index) -> list[Actor]:  # fmt: skip
    out: list[Actor] = []
    names = {a.name for a in actors} | {a.span.text for a in actors}
    for attribution in attributions:
        if attribution.disputed_by and any(n in attribution.disputed_by for n in names):
            if sentence.start <= attribution.span.start < sentence.end:
                claimant = next((a for a in index.actors if a.span == attribution.span), None)
                if claimant is not None:
                    out.append(claimant)
    return out


def _claims(article: Article, mentions: Mentions) -> list[Claim]:
    """A Claim is a party's contested or self-serving statement: cue "claim", disputed, or in the first
    person plural ("under our full control")."""
    out: list[Claim] = []
    for attribution in mentions.attributions:
        if attribution.content is None or attribution.anonymous:
            continue
        words = {w.strip('.,;:"“”').lower() for w in attribution.content.text.split()}
        self_serving = bool(words & {"we", "our", "us", "ours"})
        if attribution.stance not in ("claimed", "disputed") and not self_serving:
            continue
        claimant = next((a for a in mentions.actors if a.span.start <= attribution.span.start < a.span.end), None)
        if claimant is None:
            claimant = Actor(
                name=attribution.speaker,
                span=attribution.span,
                country=attribution.country,
                sectors=attribution.sectors,
                role=attribution.role,
                how="attribution",
            )
        elif claimant.span != attribution.span or attribution.role:
            claimant = replace(claimant, name=attribution.speaker, span=attribution.span, role=attribution.role,
                               country=claimant.country or attribution.country,
                               sectors=claimant.sectors or attribution.sectors)  # fmt: skip
        content = attribution.content
        quantity = next((q for q in mentions.quantities if content.start <= q.span.start < content.end), None)
        disputed_by: Actor | None = None
        if attribution.disputed_by:
            disputed_by = next(
                (a for a in mentions.actors if a.name in attribution.disputed_by and a.span.start > content.start),
                None,
            )
        claim_id = hashlib.sha1(f"{article.id}|claim|{content.start}".encode()).hexdigest()[:16]
        out.append(Claim(id=claim_id, claimant=claimant, content=content, cue=attribution.cue,
                         quantity=quantity, disputed_by=disputed_by))  # fmt: skip
    return out


def _actor_codes(event: Event) -> frozenset[tuple[str, tuple[str, ...]]]:
    return frozenset((a.country or "", a.sectors) for a in event.actors)


def _bridge(event: Event, earlier: list[Event]) -> Event:
    """ "Recently, Iran tried to broker a deal between the Taliban and the government. Talks on Thursday
    resulted in a statement": talks with no participants named are those of the talks just mentioned."""
    if event.actors or not earlier:
        return event
    previous = earlier[-1]
    if previous.type == event.type and event.sentence.start - previous.sentence.end < 400:
        return replace(event, actors=previous.actors, recipients=previous.recipients)
    return event


def _same_as_earlier(event: Event, earlier: list[Event]) -> int | None:
    """One real event, one record: a later mention with the same type and actors that adds no place of its
    own ("the soldiers who fled", "the seizure of the crossing") is the earlier event told again."""
    codes = _actor_codes(event)
    for i, prior in enumerate(earlier):
        if prior.type != event.type or not codes or _actor_codes(prior) != codes:
            continue
        if event.place_how != "argument" or (prior.place is not None and event.place is not None
                                             and prior.place.name == event.place.name):  # fmt: skip
            return i
    return None


PRECISION_RANK = {"reported": 0, "before": 1, "after": 1, "decade": 2, "year": 3, "season": 4, "quarter": 4,
                  "month": 5, "week": 6, "day": 7}  # fmt: skip


ANCHOR_RANK = {"sentence": 2, "preceding": 1}


def _date_evidence(when: When | None) -> tuple[int, int]:
    """How strongly a date is evidenced: a date written in the event's own sentence beats one carried over
    from an earlier sentence, whatever their precisions; then the more precise wins."""
    if when is None or when.span is None:
        return (0, 0)
    return (ANCHOR_RANK.get(when.anchor, 0), PRECISION_RANK[when.precision])


def _merge(prior: Event, again: Event) -> Event:
    """The record keeps its first mention's evidence and takes what a later mention adds: a date written in
    its own sentence or a more precise one ("Talks on Thursday"), a place."""
    out = prior
    if _date_evidence(again.when) > _date_evidence(prior.when):
        out = replace(out, when=again.when)
    # The attribution stays the first mention's: an event the outlet asserts in its own voice and a party
    # later also reports is still the outlet's report (the capture of Islam Qala is not the customs office's).
    if out.place is None and again.place is not None and again.place_how == "argument":
        out = replace(out, place=again.place, place_how=again.place_how)
    return out


def _dedupe(events: list[Event]) -> list[Event]:
    """One real event, one record: same type, actors and place in one sentence is one event."""
    out: list[Event] = []
    keys: set[tuple[Any, ...]] = set()
    for event in events:
        key = (event.type, tuple(sorted((a.country or "", a.name) for a in event.actors)),
               event.place.name if event.place else None)  # fmt: skip
        if key in keys:
            continue
        keys.add(key)
        out.append(event)
    return out


def _unique(items: Sequence[Any]) -> list[Any]:
    out: list[Any] = []
    for item in items:
        if item not in out:
            out.append(item)
    return out


@register("khabar.events.patterns.v1")
def make_event_coder() -> EventCoder:
    return EventCoder()
