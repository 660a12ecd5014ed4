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
from dataclasses import dataclass, field, replace
from typing import Any

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from khabar.extractors import Mentions
from khabar.extractors.actors import ActorCoder, focus_country
from khabar.extractors.attribution import SAY_VERBS
from khabar.extractors.event_claims import (
    _attribution_of,
    _claimants_disputed_by,
    _claimed_heads,
    _claims,
    _quantities_of,
)
from khabar.extractors.event_conditions import _condition_holds
from khabar.extractors.event_content import (
    SUPPORT_VERBS,
    _carried,
    _carrier_of,
    _is_content_of_trigger,
    _no_frame,
)
from khabar.extractors.event_contexts import event_contexts
from khabar.extractors.event_force import force_told, instruments_only
from khabar.extractors.event_headlines import headline_events, is_headline
from khabar.extractors.event_modality import conditional_threat, is_background, is_past, modality
from khabar.extractors.event_parse import (
    NO_MENTIONS,
    RELATIVE_PRONOUNS,
    _conjuncts,
    _dateline_end,
    _effort_of,
    _Index,
    _instrument_users,
    _noun_as_predicate,
    _passive_subjects,
    _plural,
    _prep_objects,
    _pronoun_antecedent,
    _quantified,
    _sent_end,
    _standing_state,
    _subjects,
    _unique,
)
from khabar.extractors.event_parties import (
    _as_written,
    _coded,
    _country_word,
    _denotes_people,
    _located,
    _unresolved,
)
from khabar.extractors.event_places import MOVEMENT_TYPES, event_places
from khabar.extractors.event_records import (
    _bridge,
    _dedupe,
    _framed_defaults,
    _merge,
    _same_as_earlier,
)
from khabar.extractors.event_triggers import BLOCKED, STATEMENT, is_statement_verb, match_cameo
from khabar.extractors.time import when_for_event
from khabar.kb.event_patterns import TriggerPattern, cameo_code, trigger_patterns
from khabar.model import UNREALISED, Actor, Article, Claim, Event, Place, Span
from khabar.registry import register

# Categories whose actor must be able to speak or decide: "a statement calling for talks" is no actor.
AGENTIVE_TYPES = frozenset({"AGREE", "CONSULT", "SUPPORT", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "CONCEDE",
                            "COOPERATE", "SANCTION"})  # fmt: skip
# PLOVER codes a stated intention by its direction: to do harm is to THREATEN, to do good is to AGREE.
HOSTILE_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION", "PROTEST", "REJECT", "MOBILIZE"})
FRIENDLY_TYPES = frozenset({"AID", "COOPERATE", "RETREAT", "CONCEDE", "CONSULT", "SUPPORT"})
# Nouns of these types report an act even when nobody is named ("a bombing in Kabul", "a suspension of
# trade"); nouns of the other types without a party ("a meeting", "the agreement", "an investigation") more
# often name a thing or a topic than tell that it happened.
SELF_EVIDENT = frozenset({"ASSAULT", "COERCE", "PROTEST", "SANCTION", "MOBILIZE"})
# Compound modifiers that make an event noun a publication: "press release", "news release".
MEDIA_WORDS = frozenset({"press", "news"})
# Prepositions that name the doer of a nominal event ("attack by X", "talks between X and Y") ...
NOUN_AGENT_PREPS = frozenset({"by", "of", "between", "among", "from"})
# ... except "of" after nouns of force, where it names the one who suffers it ("the invasion of Lebanon").
PATIENT_OF_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION"})
# The parts of speech a trigger can have (event_patterns.tsv rows are VERB, NOUN or ADJ; AUX and a noun used as
# a predicate read as verbs).
TRIGGER_POS = frozenset({"VERB", "AUX", "NOUN", "ADJ"})


@dataclass
class Coded:
    """What the coder returns: the events and the claims of one article."""

    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)


class EventCoder:
    def __init__(self) -> None:
        self.patterns_by_key = trigger_patterns()
        self.coder = ActorCoder()
        self._doc: Doc | None = None  # the doc whose mention-free matches ``_framing`` keeps (by token index)
        self._framing: dict[int, TriggerPattern | None] = {}

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
                if not pattern.names_its_verb and _is_content_of_trigger(token, self, index, pattern.type):
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
                sent_events = headline_events(self.coder, sent, sentence, article, mentions, index)
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

    # -- triggers ----------------------------------------------------------------------------------

    def _match(self, token: Token, index: _Index) -> TriggerPattern | None:
        """The pattern ``token`` heads an event by, if any. Asked of every word and again of the heads a
        word hangs on, so the answers that do not depend on the article's mentions are kept for the doc."""
        if token.pos_ not in TRIGGER_POS:
            return None
        if index is NO_MENTIONS:
            if token.doc is not self._doc:
                self._doc, self._framing = token.doc, {}
            if token.i not in self._framing:
                self._framing[token.i] = self._match_uncached(token, index)
            return self._framing[token.i]
        return self._match_uncached(token, index)

    def _match_uncached(self, token: Token, index: _Index) -> TriggerPattern | None:
        if _obliged_party(token) is not None:
            return REPORTED_DEMAND
        pos = "VERB" if token.pos_ in ("VERB", "AUX") or _noun_as_predicate(token) else token.pos_
        candidates = self.patterns_by_key.get((token.lemma_.lower(), pos), ())
        own = match_cameo(token, dictionary=False) if candidates and token.pos_ == "VERB" else None
        if own is BLOCKED:
            return None  # a construction of khabar's says this use is no event ("fired her manager")
        for pattern in candidates:
            if not pattern.condition and token.pos_ == "VERB":
                # a construction naming this verb's object ("suspended the licence") is more specific than
                # the verb's own row ("suspend": SANCTION)
                if own not in (None, BLOCKED, STATEMENT) and own.condition == "construction":
                    return own
            if _condition_holds(pattern.condition, token, index, self):
                if pattern.type == "SUPPORT" and _present_passive(token):
                    return None  # "the rebels are backed by Iran": a standing relation described, not an act
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
                if carried is not None and (
                    support
                    or carried.type == pattern.type
                    or _carrier_of(child)
                    or carried.names_its_verb  # "tendered his resignation"
                ):
                    return True
        return False

    def _eventive_noun(self, noun: Token, pattern: TriggerPattern, seen: set[str], index: _Index) -> bool:
        """A noun names an event, not a topic: not a modifier ("trade route"), not a repeat ("the seizure")."""
        if noun.dep_ in ("compound", "amod") and _effort_of(noun) is noun:
            return False
        if any(c.dep_ == "compound" and c.lower_ in MEDIA_WORDS for c in noun.lefts):
            return False  # "a press release", "a news release": a document the press gets, not an act
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
        suffered: list[Actor] = []
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
            # force told with a weapon or an act of force as its cause: whom it struck counts as named ("killing
            # four people"), and a weapon with nobody named is still the act ("a bomb went off")
            # an arrest, deportation or ban is always someone's deed: whom it struck counts as named too
            # and so is a release or return told in the passive ("the fishermen were returned by flight")
            forceful = (
                pattern.type == "COERCE"
                or (pattern.type == "ASSAULT" and force_told(token, subject_heads, self._is_force_noun))
                or (pattern.mode in ("release", "return") and any(c.dep_ == "nsubjpass" for c in token.children))
            )
            objects = _objects(token, pattern.type)
            recipients = [a for h in objects for a in self._actors_for(h, index, article, home, people_ok=forceful)]
            # "three civilians were killed in a bombing": an act of force told in the passive, doer unnamed
            victims = _passive_subjects(token) if not subject_heads else []
            if subject_heads and not actors and pattern.type not in AGENTIVE_TYPES:
                # "killed by a roadside bomb planted by insurgents", "returned by flight": the agent is an
                # instrument; whoever planted or fired it acts, and the passive's subject suffers it
                actors = [
                    a for h in _instrument_users(subject_heads) for a in self._actors_for(h, index, article, home)
                ]
                victims = [c for c in token.children if c.dep_ == "nsubjpass"]
            if pattern.reversed:
                victims = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
            suffered = [a for h in victims for a in self._actors_for(h, index, article, home, people_ok=forceful)]
            recipients += suffered
            weapon_only = pattern.type == "ASSAULT" and instruments_only(subject_heads)
            if not actors and not suffered and not weapon_only and (pattern.type in AGENTIVE_TYPES or not recipients):
                return []
        actors = _unique(self._with_partners(actors, token.doc))
        recipients = [r for r in _unique(self._with_partners(recipients, token.doc)) if r not in actors]
        if pattern.condition in ("cameo", "cameo-default"):
            # a verb known only from the CAMEO dictionary: PETRARCH codes it only for actors its dictionaries
            # know, and a set's default code only between a source and a target (or reciprocal parties, "Israel
            # and the Palestinians failed to ..."); so does khabar ("Finland issued a statement" is no cooperation)
            doers, targets = [a for a in actors if _coded(a)], [r for r in recipients if _coded(r)]
            # force told in the passive needs only whom it struck ("the minister was stabbed")
            harmed = pattern.type in ("ASSAULT", "COERCE") and any(_coded(a) for a in suffered)
            if not harmed and (not doers or (pattern.condition == "cameo-default" and not (targets or len(doers) > 1))):
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
        places, place_how = event_places(token, pattern.type, sent, actors + recipients, index, mentions.places)
        mentioned = tuple(index.places_within(sentence.start, sentence.end))
        when = when_for_event(mentions.times, sentence, trigger, article.published, past=is_past(token))
        quantities = _quantities_of(token, actors, mentions.quantities, sentence)
        attribution = _attribution_of(trigger, sentence, mentions.attributions, actors)
        how_real = modality(token)
        event_type, mode = pattern.type, pattern.mode
        if how_real == "negated" and event_type in FRIENDLY_TYPES | {"AGREE"} and (not nominal or _carried(token)):
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
                if actor is None and people_ok and _denotes_people(h):
                    actor = _as_written(h)
            if actor is not None and actor.kind != "source":
                out.append(actor)
        return out

    def _is_force_noun(self, token: Token) -> bool:
        """ "an ambush", "the blast": a noun khabar's own patterns read as an act of force."""
        if token.pos_ != "NOUN":
            return False
        pattern = self._match(token, NO_MENTIONS)
        return pattern is not None and pattern.type == "ASSAULT"

    def _verb_named_by_row(self, noun: Token) -> bool:
        """ "granted an amnesty", "tendered his resignation": the noun's own row names the verb it comes with."""
        pattern = self._match(noun, NO_MENTIONS)
        return pattern is not None and pattern.names_its_verb

    def _noun_actors(self, noun: Token, index: _Index, event_type: str, through_control: bool = True) -> list[Actor]:
        """Actors of a nominal event: "Iran's request", "Taliban attack", "attack by X", "talks between X and Y",
        "Palestinian riots"; the doer of a support verb first ("Israel mounted its invasion of Lebanon")."""
        noun = _effort_of(noun)  # "launched a mediation effort": the effort stands where the event would
        if noun.dep_ == "dobj" and (_carrier_of(noun) or self._verb_named_by_row(noun)):
            # through control too ("Iran threatened to launch an offensive") unless only its own words count
            heads = _subjects(noun.head) if through_control else [c for c in noun.head.children if c.dep_ == "nsubj"]
            doers = _clause_doers(heads, index, unresolved=True)  # "Britain and Canada imposed sanctions"
            if doers:
                return doers
        carrier = noun.head.head
        if (noun.dep_ == "pobj" and noun.head.lower_ in ("on", "for") and carrier.pos_ in ("VERB", "AUX")
                and _no_frame(self._match(carrier, NO_MENTIONS))):  # fmt: skip
            # "arrived in Moscow on a visit", "went on strike", "left for talks": the traveller's act (not
            # "appealed for aid": what an act of its own is for)
            doers = _clause_doers([c for c in carrier.children if c.dep_ == "nsubj"], index, unresolved=False)
            if doers:
                return doers
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


# -- helpers on the parse ----------------------------------------------------------------------------


def _present_passive(verb: Token) -> bool:
    """ "is backed by", "are supported by": a simple present passive, which describes rather than reports."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return len(auxes) == 1 and auxes[0].dep_ == "auxpass" and auxes[0].lower_ in ("is", "are", "am")


def _clause_doers(subjects: list[Token], index: _Index, unresolved: bool) -> list[Actor]:
    """The doers a clause's subjects name, coordinated ones too, for the event noun it carries; with
    ``unresolved``, also parties the tables do not know."""
    out: list[Actor] = []
    for head in (g for h in subjects for g in (h, *_conjuncts(h))):
        head = _quantified(head)
        actor = index.actor_at(head) or (_unresolved(head, index) if unresolved else None)
        if actor is not None and actor.kind != "source":
            out.append(actor)
    return _unique(out)


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


@register("khabar.events.patterns.v1")
def make_event_coder() -> EventCoder:
    return EventCoder()
