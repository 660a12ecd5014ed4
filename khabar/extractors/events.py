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
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from khabar.extractors import Mentions
from khabar.extractors.actors import ActorCoder, focus_country
from khabar.extractors.attribution import SAY_VERBS
from khabar.extractors.event_contexts import event_contexts
from khabar.extractors.event_headlines import headline_verb, is_headline
from khabar.extractors.event_modality import conditional_threat, is_background, is_past, modality
from khabar.extractors.event_triggers import BLOCKED, STATEMENT, is_statement_verb, match_cameo
from khabar.extractors.time import when_for_event
from khabar.kb.countries import country_code, demonym_country
from khabar.kb.event_patterns import TriggerPattern, cameo_code, trigger_patterns
from khabar.model import UNREALISED, Actor, Article, Attribution, Claim, Event, Place, Quantity, Span, When
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
                         "training", "rice", "grain", "flour", "wheat", "tent", "blanket", "water",
                         "ration"})  # fmt: skip
MONEY_NOUNS = frozenset({"dollar", "euro", "pound", "yen", "franc", "rupee", "shilling", "million", "billion"})
ACCORD_OBJECTS = frozenset({"agreement", "deal", "accord", "treaty", "pact", "ceasefire", "truce", "memorandum",
                            "protocol", "contract", "declaration", "armistice", "settlement"})  # fmt: skip
# Verbs that only carry a nominal event ("launch an offensive", "hold talks"): its doer is theirs.
SUPPORT_VERBS = frozenset({"start", "launch", "open", "hold", "conduct", "issue", "stage", "begin", "lead",
                           "carry", "have", "make", "mount", "wage", "initiate", "announce", "order", "reiterate",
                           "renew", "repeat", "complete", "impose", "declare", "enforce", "extend", "prolong",
                           "maintain", "reimpose", "give", "deliver", "send", "express", "voice", "lodge",
                           "file", "approve", "authorize", "authorise", "unveil", "continue", "resume",
                           "intensify", "escalate", "step"})  # fmt: skip
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


class EventCoder:
    def __init__(self) -> None:
        self.patterns_by_key = trigger_patterns()
        self.coder = ActorCoder()

    def patterns(self) -> list[dict[str, Any]]:
        return []

    def __call__(self, doc: Doc, article: Article, mentions: Mentions) -> Coded:
        dateline_end = _dateline_end(article.text)
        actors = [a for a in mentions.actors if a.span.start >= dateline_end]
        index = _Index(actors, mentions.places, dateline_end)
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
            default_triggers: set[int] = set()
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
                    if pattern.condition == "cameo-default":
                        default_triggers.add(event.trigger.start)
                    if nominal:
                        nominal_triggers.add(event.trigger.start)
            if not sent_events and is_headline(sent):
                sent_events = self._headline_events(sent, sentence, article, mentions, index)
            for event in _dedupe(_framed_defaults(sent_events, default_triggers)):
                event = _bridge(event, events)
                if (
                    not event.actors
                    and event.trigger.start in nominal_triggers
                    and (event.type not in SELF_EVIDENT or event.modality in UNREALISED)
                ):
                    # "an investigation is required", "the agreement seeks", "a resolution that aims to impose a
                    # blockade": a thing named, or an act nobody did, no act told
                    continue
                prior = _same_as_earlier(event, events)
                if prior is not None:
                    events[prior] = _merge(events[prior], event)
                    continue
                events.append(event)
                seen_types.add(event.type)
        return Coded(events=events, claims=_claims(article, mentions))

    def _headline_events(
        self, sent: SpacySpan, sentence: Span, article: Article, mentions: Mentions, index: _Index
    ) -> list[Event]:
        """ "Taliban Seize Key Border Crossing With Iran": the verb by its word, the doer the mention before
        it, the one acted on a mention after it, the place a place after it (``event_headlines``)."""
        in_sentence = [a for a in index.actors if sentence.start <= a.span.start < sentence.end]
        places = [p for p in index.places_within(sentence.start, sentence.end)]
        found = headline_verb(sent)
        if found is None:
            return []
        verb, pattern = found
        doer = self._headline_doer(sent, verb, in_sentence, article)
        if doer is None:
            return []
        actors = [doer]
        recipients = [a for a in in_sentence if a.span.start > verb.idx and a.kind != "source"]
        if pattern.type in MOVEMENT_TYPES:  # "Flee To Iran", "Arrest Protesters In Hong Kong": where, not whom
            named_places = {(p.span.start, p.span.end) for p in places}
            recipients = [a for a in recipients if (a.span.start, a.span.end) not in named_places]
        party = [(a.span.start, a.span.end) for a in recipients]
        after = [p for p in places if p.span.start > verb.idx and not any(s <= p.span.start < e for s, e in party)
                 and not _across(p, sent)]  # fmt: skip
        place = _specific_first(after)[0] if after else None
        trigger = Span.of(article.text, verb.idx, verb.idx + len(verb.text))
        event_id = hashlib.sha1(f"{article.id}|{trigger.start}|{pattern.type}|headline".encode()).hexdigest()[:16]
        return [
            Event(
                id=event_id,
                type=pattern.type,
                trigger=trigger,
                sentence=sentence,
                actors=tuple(_located(actors, place)),
                recipients=tuple(r for r in recipients if r not in actors),
                mode=pattern.mode,
                cameo=pattern.cameo or cameo_code(pattern.type, pattern.mode),
                place=place,
                places_mentioned=tuple(places),
                place_how="argument" if place else None,
                # a headline's present tense tells what has happened
                when=when_for_event(mentions.times, sentence, trigger, article.published, past=True),
                confidence=0.5,
            )
        ]

    def _headline_doer(self, sent: SpacySpan, verb: Token, mentions: list[Actor], article: Article) -> Actor | None:
        """The words before a headline's verb: the mention that ends there (cut at the verb when the actor
        coder ran it on: "Taliban Seize"), else those words coded as a phrase, else as written."""
        before = [a for a in mentions if a.span.start < verb.idx and a.kind != "source"]
        if before:
            last = max(before, key=lambda a: a.span.start)
            if last.span.end <= verb.idx:
                return last
            cut = Span.of(article.text, last.span.start, verb.idx).text.rstrip()
            return replace(last, name=cut, span=Span.of(article.text, last.span.start, last.span.start + len(cut)))
        words = sent.doc[sent.start : verb.i]
        if not len(words):
            return None
        coded = self.coder.code_phrase(words, article, None)
        if coded is not None:
            return coded
        return Actor(name=words.text, span=Span.of(article.text, words.start_char, words.end_char), how="unresolved")

    # -- triggers ----------------------------------------------------------------------------------

    def _match(self, token: Token, index: _Index) -> TriggerPattern | None:
        if _obliged_party(token) is not None:
            return REPORTED_DEMAND
        pos = "VERB" if token.pos_ in ("VERB", "AUX") or _noun_as_predicate(token) else token.pos_
        candidates = self.patterns_by_key.get((token.lemma_.lower(), pos), ())
        for pattern in candidates:
            if _condition_holds(pattern.condition, token, index, self):
                if not pattern.condition and token.pos_ == "VERB" and match_cameo(token) is STATEMENT:
                    return None  # "released a statement": a statement, not a release (a row's own condition wins)
                return pattern
        if token.pos_ == "VERB":
            # khabar's constructions, then the CAMEO dictionary for verbs the hand table does not know (a verb
            # it knows keeps its tuned conditions)
            found = match_cameo(token, dictionary=not candidates)
            if found not in (None, BLOCKED, STATEMENT) and not self._carries_event_noun(token, found):
                if found.condition != "construction" and _standing_state(token):
                    return None
                return found
        return None

    def _carries_event_noun(self, verb: Token, pattern: TriggerPattern) -> bool:
        """ "staged demonstrations", "held talks": the verb only carries an event noun of the same category,
        which is the trigger (with the verb's subject as its doer)."""
        support = verb.lemma_.lower() in SUPPORT_VERBS  # "imposed sanctions": whatever category CAMEO gives
        for child in verb.children:
            if child.dep_ in ("dobj", "nsubjpass"):
                carried = self._match(child, NO_MENTIONS)  # the noun as a trigger, with its own conditions
                if carried is not None and (support or carried.type == pattern.type):
                    return True
        return False

    def _eventive_noun(self, noun: Token, pattern: TriggerPattern, seen: set[str], index: _Index) -> bool:
        """A noun names an event, not a topic: not a modifier ("trade route"), not a repeat ("the seizure")."""
        if noun.dep_ in ("compound", "amod") and _effort_of(noun) is noun:
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
            if any(h.idx < index.dateline_end for h in subject_heads):
                # "HERAT, Afghanistan (AP) — Taliban fighters seized": the parser's first subject is the dateline
                subject_heads = [c for c in token.children if c.dep_ == "nsubj" and c.idx >= index.dateline_end]
            if pattern.doer.startswith("prep:"):  # "the town fell to the rebels": the rebels did it
                subject_heads = _prep_objects(token, pattern.doer.partition(":")[2])
            elif pattern.reversed:  # "appeared before the court": the subject suffers the act
                subject_heads = []
            # an act of force, protest or movement keeps a doer the tables do not know ("a suicide bomber")
            people_ok = pattern.type not in AGENTIVE_TYPES
            actors = [a for h in subject_heads for a in self._actors_for(h, index, article, home, True, people_ok)]
            if subject_heads and not actors and pattern.type in AGENTIVE_TYPES:
                return []  # a subject that is no actor ("a statement calling for ...")
            if not subject_heads and not actors and pattern.type in AGENTIVE_TYPES:
                return []
            recipients = [a for h in _objects(token, pattern.type) for a in self._actors_for(h, index, article, home)]
            # "three civilians were killed in a bombing": an act of force told in the passive, doer unnamed
            victims = _passive_subjects(token) if not subject_heads else []
            if pattern.reversed:
                victims = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
            suffered = [a for h in victims for a in self._actors_for(h, index, article, home)]
            recipients += suffered
            if not actors and not suffered and (pattern.type in AGENTIVE_TYPES or not recipients):
                return []
        actors = _unique(self._with_partners(actors, token.doc))
        recipients = [r for r in _unique(self._with_partners(recipients, token.doc)) if r not in actors]
        if pattern.condition in ("cameo", "cameo-default"):
            # a verb known only from the CAMEO dictionary: PETRARCH codes it only for actors its dictionaries
            # know, and a set's default code only between a source and a target (or reciprocal parties, "Israel
            # and the Palestinians failed to ..."); so does khabar ("Finland issued a statement" is no cooperation)
            doers, targets = [a for a in actors if _coded(a)], [r for r in recipients if _coded(r)]
            if not doers or (pattern.condition == "cameo-default" and not (targets or len(doers) > 1)):
                return []
        if (
            pattern.type == "CONSULT"
            and not nominal
            and not recipients
            and len(actors) == 1
            and actors[0].kind == "person"
            and not _plural(actors[0], token.doc)
        ):
            return []  # "With Wikinews, Lusk discussed why she joined": one person talking about something
        if pattern.type == "REJECT":
            recipients += _claimants_disputed_by(actors, mentions.attributions, sentence, index)
        trigger = Span.of(article.text, token.idx, token.idx + len(token.text))
        places, place_how = self._event_places(token, pattern.type, sent, actors + recipients, index, mentions.places)
        mentioned = tuple(index.places_within(sentence.start, sentence.end))
        when = when_for_event(mentions.times, sentence, trigger, article.published, past=is_past(token))
        quantities = _quantities_of(token, actors, mentions.quantities, sentence)
        attribution = _attribution_of(trigger, sentence, mentions.attributions, actors)
        how_real = modality(token)
        event_type, mode = pattern.type, pattern.mode
        if how_real == "negated" and event_type in FRIENDLY_TYPES | {"AGREE"} and not nominal:
            event_type, mode = "REJECT", None  # "will not accept refugees", "did not withdraw"
        elif conditional_threat(token) and how_real in ("future", "intended", "hypothetical") and not nominal:
            event_type, mode = "THREATEN", None  # "will withdraw its force unless ...": a conditional threat
        elif how_real == "threatened" and not nominal:
            event_type, mode = "THREATEN", None
        elif how_real in ("future", "intended") and (not nominal or _carried(token)):
            if event_type in HOSTILE_TYPES:
                event_type, mode = "THREATEN", None
            elif event_type in FRIENDLY_TYPES:
                event_type, mode = "AGREE", None
        same_code = pattern.cameo and event_type == pattern.type  # the dictionary's own code, unless recoded
        cameo = pattern.cameo if same_code else cameo_code(event_type, mode)
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
                    modality=how_real,
                    contexts=event_contexts(sent, event_type, cameo, mode, here, aimed_at),
                    cameo=cameo,
                    place=place,
                    places_mentioned=mentioned,
                    place_how=place_how if place else None,
                    when=when,
                    quantities=tuple(quantities),
                    attribution=attribution,
                    confidence=round(min(base_conf, 0.95), 2),
                    background=is_background(when, article.published),
                )
            )
        return out

    def _actors_for(
        self,
        head: Token,
        index: _Index,
        article: Article,
        home: str | None,
        doer: bool = False,
        people_ok: bool = False,
    ) -> list[Actor]:
        """Actors of a subject/object head, through relative pronouns and coordination."""
        heads = [head, *_conjuncts(head)]
        out: list[Actor] = []
        for h in heads:
            h = _quantified(h)
            if h.idx < index.dateline_end:
                continue
            if h.lower_ in RELATIVE_PRONOUNS and h.head.dep_ == "relcl":
                h = h.head.head  # "soldiers who fled": the soldiers
            if h.pos_ == "VERB" and h.dep_ in ("nsubj", "nsubjpass"):
                # "The Red Cross operating in Iraq said": a participle parsed as the subject; its own subject acts
                h = next((c for c in h.children if c.dep_ == "nsubj"), h)
            if h.pos_ == "PRON":
                antecedent = _pronoun_antecedent(h)
                if antecedent is None:
                    continue
                h = antecedent
            actor = index.actor_at(h)
            if actor is None and h.pos_ in ("NOUN", "PROPN"):
                phrase = h.doc[min(t.i for t in h.subtree) : max(t.i for t in h.subtree) + 1]
                actor = self.coder.code_phrase(phrase, article, home) or _unresolved(h, index, doer)
                if actor is None and doer and people_ok and _denotes_people(h):
                    actor = _as_written(h)
            if actor is not None and actor.kind != "source":
                out.append(actor)
        return out

    def _noun_actors(self, noun: Token, index: _Index, event_type: str, through_control: bool = True) -> list[Actor]:
        """Actors of a nominal event: "Iran's request", "Taliban attack", "attack by X", "talks between X and Y",
        "Palestinian riots"; the doer of a support verb first ("Israel mounted its invasion of Lebanon")."""
        noun = _effort_of(noun)  # "launched a mediation effort": the effort stands where the event would
        if noun.dep_ == "dobj" and noun.head.lemma_.lower() in SUPPORT_VERBS:
            # through control too ("Iran threatened to launch an offensive") unless only its own words count
            heads = _subjects(noun.head) if through_control else [c for c in noun.head.children if c.dep_ == "nsubj"]
            found = [index.actor_at(_quantified(h)) or _unresolved(_quantified(h), index) for h in heads]
            doers = [a for a in found if a is not None and a.kind != "source"]
            if doers:
                return _unique(doers)
        carrier = noun.head.head
        if (noun.dep_ == "pobj" and noun.head.lower_ in ("on", "for") and carrier.pos_ == "VERB"
                and _no_frame(self._match(carrier, NO_MENTIONS))):  # fmt: skip
            # "arrived in Moscow on a visit", "went on strike", "left for talks": the traveller's act (not
            # "appealed for aid": what an act of its own is for)
            heads = [c for c in carrier.children if c.dep_ == "nsubj"]
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
        own = _specific_first(own)
        if own:
            return own, "argument"
        referent = _anaphoric_place(sent, all_places)
        if referent is not None:
            return [referent], "anaphora"
        in_sentence = [p for p in index.places_within(sent.start_char, sent.end_char) if free(p)]
        if in_sentence and token.pos_ != "NOUN":
            in_sentence.sort(key=lambda p: abs(p.span.start - token.idx))
            return [in_sentence[0]], "sentence"
        return [], "none"


# -- helpers on the parse ----------------------------------------------------------------------------


NAMED_ENTITIES = frozenset({"ORG", "PERSON", "NORP", "GPE"})
UNRESOLVED_KINDS = {"PERSON": "person", "ORG": "organisation", "GPE": "state", "NORP": "people"}
DETERMINERS = frozenset({"det", "predet", "punct", "case"})


# Nouns of people that the sector tables need not know: suffixes of agent and demonym nouns, and collectives.
PEOPLE_SUFFIXES = ("er", "ers", "or", "ors", "ist", "ists", "ian", "ians", "man", "men")
COLLECTIVES = frozenset({"people", "crowd", "crowds", "mob", "mobs", "youth", "youths", "women", "children",
                         "public", "population", "villager", "villagers", "locals", "group", "groups",
                         "thousands", "hundreds", "dozens", "tens", "millions", "scores", "residents",
                         "students", "migrants", "immigrants", "opponents", "dissidents", "inhabitants",
                         "assailants", "militants", "insurgents"})  # fmt: skip


def _denotes_people(head: Token) -> bool:
    """ "a suicide bomber", "thousands of people", "angry residents": a noun that names people."""
    word = head.lower_
    return head.pos_ == "NOUN" and (word in COLLECTIVES or word.endswith(PEOPLE_SUFFIXES)) and len(word) > 4


def _as_written(head: Token) -> Actor:
    """A party as the text names it, with nothing coded (how="unresolved")."""
    words = [t for t in head.subtree if t.i <= head.i]
    while len(words) > 1 and (words[0].dep_ in DETERMINERS or words[0].is_punct):
        words = words[1:]
    span = Span.of(head.doc.text, words[0].idx, head.idx + len(head.text))
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
                span = Span.of(head.doc.text, child.idx, head.idx + len(head.text))
                return Actor(name=span.text, span=span, country=word.country, how="demonym")
    if head.ent_type_ not in NAMED_ENTITIES and not (doer and head.pos_ == "PROPN"):
        return None  # a party named but not known: an entity the parser recognises (any name, as the doer)
    words = [t for t in head.doc[subtree[0].i : head.i + 1]]
    while words and (words[0].dep_ in DETERMINERS or words[0].is_punct):
        words = words[1:]
    if not words:
        return None
    span = Span.of(head.doc.text, words[0].idx, end)
    country = next((a.country for a in inner if a.country), None)
    kind = UNRESOLVED_KINDS.get(head.ent_type_)
    return Actor(name=span.text, span=span, country=country, kind=kind, how="unresolved")


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
        if actor is not None and actor.kind == "state" and not actor.sectors:
            return True  # a state named as the doer acts through its forces and authorities ("Israel evacuated")
        return actor is not None and bool(set(actor.sectors) & SUBJECT_SECTORS.get(value, frozenset()))
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


CONTENT_DEPS = frozenset({"xcomp", "ccomp", "pobj", "pcomp", "dobj", "prep", "advcl", "acl", "attr", "oprd",
                          "dative"})  # fmt: skip
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
        via = node.dep_
        node = node.head
        head_pattern = coder._match(node, NO_MENTIONS) if node.pos_ != "ADP" else None
        if head_pattern is not None and not (via == "advcl" and head_pattern.condition == "cameo-default"):
            return True  # but a purpose clause is the point of a verb known only by its default ("gathered to discuss")
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


def _across(place: Place, sent: SpacySpan) -> bool:
    """ "a crossing with Iran", "the border between X and Y": the other side, not the site."""
    first = next((t for t in sent if t.idx >= place.span.start), None)
    return first is not None and first.i > 0 and first.nbor(-1).lower_ in ("with", "between", "and")


def _no_frame(pattern: TriggerPattern | None) -> bool:
    """A verb that is no event of its own, or one known only by its synonym set's default ("arrived")."""
    return pattern is None or pattern.condition == "cameo-default"


def _standing_state(verb: Token) -> bool:
    """ "the faction that controls Afghanistan", "a group which opposes the plan": a present-tense verb in a
    relative clause describes what its antecedent is, not an act the news reports."""
    return verb.dep_ == "relcl" and verb.tag_ in ("VBZ", "VBP")


def _framed_defaults(events: list[Event], default_triggers: set[int]) -> list[Event]:
    """A verb known only by its set's default adds nothing beside an event of its category in the same
    sentence ("gathered in Cairo to discuss": one meeting, told by "discuss")."""
    told = {e.type for e in events if e.trigger.start not in default_triggers}
    return [e for e in events if e.trigger.start not in default_triggers or e.type not in told]


def _coded(actor: Actor) -> bool:
    """An actor the tables know: a country or a sector, not just a name."""
    return bool(actor.country or actor.sectors) and actor.how != "unresolved"


def _plural(actor: Actor, doc: Doc) -> bool:
    """ "the two leaders", "ministers": more than one person (they can meet each other)."""
    span = doc.char_span(actor.span.start, actor.span.end, alignment_mode="expand")
    return span is not None and "Plur" in span.root.morph.get("Number", [])


def _carried(noun: Token) -> bool:
    """A nominal event carried by a support verb ("will extend the curfew"): the verb's tense is the act's."""
    return noun.dep_ == "dobj" and noun.head.lemma_.lower() in SUPPORT_VERBS


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
    lemma = token.lemma_.lower()
    if token.pos_ != "VERB" or lemma in ("claim", "allege") or not (lemma in SAY_VERBS or is_statement_verb(lemma)):
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
