"""What an event is about is not an event of its own: the content of a request, threat, promise or answer,
the purpose of a protest, the topic of an inquiry; and which verbs only carry an event noun. The events coder
asks these of every trigger before coding it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from khabar.extractors.event_conditions import ACCORD_OBJECTS
from khabar.extractors.event_parse import NO_MENTIONS, _Index
from khabar.kb.event_patterns import TriggerPattern

if TYPE_CHECKING:
    from khabar.extractors.events import EventCoder

# Verbs that carry only an agreement ("reached a deal", "struck an accord"): its doers are theirs.
ACCORD_VERBS = frozenset({"reach", "conclude", "strike", "seal", "clinch"})
# Verbs that only carry a nominal event ("launch an offensive", "hold talks"): its doer is theirs.
SUPPORT_VERBS = frozenset({"start", "launch", "open", "hold", "conduct", "issue", "stage", "begin", "lead",
                           "carry", "have", "make", "mount", "wage", "initiate", "announce", "order", "reiterate",
                           "renew", "repeat", "complete", "impose", "declare", "enforce", "extend", "prolong",
                           "maintain", "reimpose", "give", "deliver", "send", "express", "voice", "lodge",
                           "file", "approve", "authorize", "authorise", "unveil", "continue", "resume",
                           "tender", "submit",
                           "intensify", "escalate", "step"})  # fmt: skip
# Acts whose content has not happened: what is asked for, threatened or agreed to.
UNREALISED_TYPES = frozenset({"REQUEST", "THREATEN", "AGREE"})
# Answers to a request: "rejected an appeal from X", "accepted demands from Y" report the answer; the request
# is what it answers, not a second event of the sentence.
RESPONSE_TYPES = frozenset({"REJECT", "CONCEDE", "AGREE"})
# How a clause of purpose hangs off a protest: "staged demonstrations to demand", "joined protesters in demanding".
PURPOSE_DEPS = frozenset({"advcl", "pcomp", "prep", "pobj", "xcomp"})


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


CONTENT_DEPS = frozenset({"xcomp", "ccomp", "pobj", "pcomp", "dobj", "prep", "advcl", "acl", "attr", "oprd",
                          "dative"})  # fmt: skip
CONTENT_DEPTH = 4


def _is_content_of_trigger(token: Token, coder: EventCoder, index: _Index, event_type: str) -> bool:
    """What another event is about is not an event of its own: "asked Iran to *return* the soldiers",
    "threatened to launch an *offensive*", "rejected an offer to host a *summit*".

    Climbs objects and complements (never relative clauses, coordination or subjects, which report acts
    of their own) up to a few steps to a trigger. A nominal event with its own actor stays an event ("welcomed
    the Syrian withdrawal": the text reports that it happened) unless it is asked for or threatened."""
    if token.pos_ == "NOUN" and event_type == "REQUEST" and token.dep_ in ("dobj", "nsubjpass"):
        answer = coder._match(token.head, NO_MENTIONS)
        if answer is not None and answer.type in RESPONSE_TYPES:
            return True
    if token.pos_ == "VERB" and event_type == "REQUEST" and _purpose_of_protest(token, coder):
        return True
    # an act asked for or threatened has not happened, whoever would do it ("called for the withdrawal of
    # foreign forces"); any other act with its own doer stays an event
    own_doer = token.pos_ == "NOUN" and bool(coder._noun_actors(token, index, event_type, through_control=False))
    node = token
    for _ in range(CONTENT_DEPTH):
        if (node.dep_ not in CONTENT_DEPS and not _marked_complement(node)) or node.head is node:
            return False
        via = node.dep_
        node = node.head
        head_pattern = coder._match(node, NO_MENTIONS) if node.pos_ != "ADP" else None
        if head_pattern is None and via == "prep" and node.lemma_.lower() in SUPPORT_VERBS:
            # "opened an investigation into the bombing", the parser hanging "into" on the verb: the carried
            # noun's topic
            if any(c.dep_ == "dobj" and coder._match(c, NO_MENTIONS) is not None for c in node.children):
                return not own_doer
        purpose = via == "advcl" or (via == "prep" and token.dep_ == "pobj" and token.head.lower_ in ("for", "on"))
        if head_pattern is not None and not (purpose and head_pattern.condition == "cameo-default"):
            # but a purpose is the point of a verb known only by its default ("gathered to discuss", "flew to
            # Riyadh for talks")
            return not own_doer or head_pattern.type in UNREALISED_TYPES
    return False


def _marked_complement(clause: Token) -> bool:
    """ "warned the rebels that his troops would attack": a clause the parser hangs on the object as a relative
    clause, though "that" only marks it and it has its own subject; it is what the verb says."""
    return (
        clause.dep_ == "relcl"
        and any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)
        and any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)
    )


def _no_frame(pattern: TriggerPattern | None) -> bool:
    """A verb that is no event of its own, or one known only by its synonym set's default ("arrived")."""
    return pattern is None or pattern.condition == "cameo-default"


def _carried(noun: Token) -> bool:
    """A nominal event carried by a support verb ("will extend the curfew"): the verb's tense is the act's."""
    return noun.dep_ == "dobj" and _carrier_of(noun)


def _carrier_of(noun: Token) -> bool:
    """The verb over an event noun only carries it: a support verb, or a verb of concluding over an accord."""
    verb = noun.head.lemma_.lower()
    return verb in SUPPORT_VERBS or (verb in ACCORD_VERBS and noun.lemma_.lower() in ACCORD_OBJECTS)
