"""How real an act is (PLOVER's auxiliary modes, ``model.MODALITIES``), read off the trigger's clause.

"did not attack" is negated, "will meet" future, "plans to meet" intended, "if they attack" conditional,
"could attack" hypothetical, "tried to seize" attempted, "threatened to strike" threatened, "called off the
strike" / "prevented the march" cancelled, "denied attacking" denied. None: reported as done.
The category then follows the PLOVER manual: a stated intention to do harm is THREATEN, to do good AGREE,
a refusal of something friendly REJECT (``events._code``).
"""

from __future__ import annotations

from datetime import date, timedelta

from spacy.tokens import Token

from khabar.extractors.event_parse import _step_taker
from khabar.model import When

MODAL_HYPOTHETICAL = frozenset({"could", "would", "might", "may", "should"})
MODAL_FUTURE = frozenset({"will", "shall", "'ll"})
# Heads of a complement clause and what they make of the act in it ("plans to", "failed to", "threatened to").
INTENT_HEADS = frozenset({"plan", "intend", "aim", "prepare", "want", "hope", "vow", "pledge", "promise", "offer",
                          "decide", "agree", "propose"})  # fmt: skip
ATTEMPT_HEADS = frozenset({"try", "attempt", "seek", "strive", "struggle", "endeavour", "endeavor"})
NEGATING_HEADS = frozenset({"fail", "refuse", "decline", "neglect", "omit"})
THREAT_HEADS = frozenset({"threaten", "warn"})
# "is due to meet", "is set to sign", "is expected to visit", "is scheduled to arrive": a future act.
FUTURE_ADJECTIVES = frozenset({"due", "set", "expected", "scheduled", "slated", "poised", "likely", "going"})
# Verbs that stop, cancel or prevent the act named by their object ("called off the strike", "prevented the
# march", "postponed the talks", "banned the rally").
CANCEL_HEADS = frozenset({"cancel", "postpone", "prevent", "stop", "halt", "block", "foil", "thwart", "avert",
                          "abandon", "suspend", "delay", "scrap", "ban", "forbid", "prohibit", "call",
                          "adjourn", "drop", "end"})  # fmt: skip
DENIAL_HEADS = frozenset({"deny", "dismiss", "refute", "reject"})
# How long before its article an act must be dated to be background ("In 1905 ...", "since the 2006 riots").
BACKGROUND_AFTER = timedelta(days=365)


def _clause_verb(token: Token) -> Token:
    return token if token.pos_ in ("VERB", "AUX", "ADJ") else token.head


def modality(token: Token) -> str | None:
    """The auxiliary mode of the act ``token`` names (a verb, or a noun through the verb that governs it)."""
    if token.pos_ == "NOUN":
        return _nominal_modality(token)
    verb = _clause_verb(token)
    if any(child.dep_ == "neg" for child in verb.children):
        return "negated"  # "will not accept": the negation outranks the tense
    for child in verb.children:
        if child.dep_ == "aux" and child.lower_ in MODAL_FUTURE:
            return "future"
        if child.dep_ == "aux" and child.lower_ in MODAL_HYPOTHETICAL:
            if child.lower_ == "would" and verb.dep_ == "ccomp" and _reports(verb.head):
                return "future"  # reported future: "said they would boycott"
            return "hypothetical"
    if _conditional_clause(verb):
        return "conditional"
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX") and _shares_clause(verb):
        # "plans to attack the town and seize the airport", "will meet X and sign a deal": a coordinated verb
        # without its own subject or auxiliary shares its first conjunct's (a negation stays with its own verb)
        shared = modality(verb.head)
        return shared if shared != "negated" else None
    if (take := _step_taker(verb)) is not None:
        return modality(take)  # "will take steps to ease": the taking's mode is the act's
    head = verb.head
    head_lemma = head.lemma_.lower()
    if verb.dep_ == "xcomp":
        if any(c.dep_ == "neg" for c in head.children) and head_lemma in INTENT_HEADS | ATTEMPT_HEADS:
            return "negated"  # "did not try to", "does not plan to"
        if head_lemma in NEGATING_HEADS:
            return "negated"  # "failed to reach an agreement"
        if head_lemma in THREAT_HEADS:
            return "threatened"
        if head_lemma in ATTEMPT_HEADS:
            return "attempted"
        if head_lemma in INTENT_HEADS:
            return "intended"
        if head_lemma in FUTURE_ADJECTIVES or head.lower_ in FUTURE_ADJECTIVES:
            return "future"  # "is due to meet", "is set to sign"
    if verb.dep_ in ("pcomp", "pobj") and head.lower_ == "from" and head.head.lemma_.lower() in CANCEL_HEADS:
        return "cancelled"  # "prevented them from marching"
    if verb.dep_ in ("ccomp", "pcomp", "xcomp") and head_lemma in DENIAL_HEADS:
        return "denied"  # "denied that its forces attacked", "denied attacking"
    return None


def _nominal_modality(noun: Token) -> str | None:
    """A noun's act is cancelled when it is what a cancelling verb stops ("called off the strike"), planned
    when it is what a plan is for, and takes the modality of the verb that carries it ("will hold talks")."""
    if noun.dep_ not in ("dobj", "nsubjpass", "pobj"):
        return None
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head
    lemma = verb.lemma_.lower()
    if noun.dep_ != "pobj" and lemma in CANCEL_HEADS:
        return "cancelled"
    if noun.dep_ == "pobj" and lemma in CANCEL_HEADS | {"plan", "call"}:
        return None  # "called for talks" is a request, not a cancellation
    if verb.pos_ in ("VERB", "AUX") and noun.dep_ == "dobj":
        return modality(verb)  # "will hold talks", "did not launch an attack", "denied carrying out an attack"
    return None


def _shares_clause(verb: Token) -> bool:
    """A conjoined verb phrase joined by "and"/"or" with no subject or auxiliary of its own."""
    if any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "mark") for c in verb.children):
        return False
    joins = [c.lower_ for c in verb.head.children if c.dep_ == "cc" and c.i < verb.i]
    return not joins or joins[-1] in ("and", "or")


def _reports(verb: Token) -> bool:
    from khabar.extractors.attribution import SAY_VERBS

    return verb.lemma_.lower() in SAY_VERBS


def _conditional_clause(verb: Token) -> bool:
    """The act is made to depend on something: "if X attacks", "unless they withdraw", "should talks fail"."""
    for child in verb.children:
        if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("unless", "if") for m in child.children):
            return True
    return any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in verb.children)


def conditional_threat(token: Token) -> bool:
    """The act is made to depend on another party's: "will withdraw unless X arranges a ceasefire"."""
    verb = _clause_verb(token)
    return any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless" for m in c.children) for c in verb.children
    )


def is_past(token: Token) -> bool:
    """Past tense or perfect aspect ("captured", "have seized", "did not withdraw")."""
    verb = _clause_verb(token)
    if "Past" in verb.morph.get("Tense", []):
        return True
    return any(c.dep_ == "aux" and c.lower_ in ("has", "have", "had", "did") for c in verb.children)


def is_background(when: When | None, published: date | None) -> bool:
    """The text itself dates the act a year or more before the article (a date in its own sentence)."""
    if when is None or when.span is None or published is None or when.latest is None:
        return False
    return when.latest < published - BACKGROUND_AFTER
