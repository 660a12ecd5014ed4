"""Headlines: a title-case line ("Taliban Seize Key Border Crossing With Iran") is a clause whose verb the
parser reads as a proper noun. Headlines keep the shape NAME VERB OBJECT, so the verb is found by its word
(a verb the event tables know, in any inflection) and its parties by where the mentions stand: before the
verb the doer, after it the one acted on.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from khabar.extractors import Mentions
from khabar.extractors.actors import ActorCoder
from khabar.extractors.event_content import SUPPORT_VERBS
from khabar.extractors.event_parse import _Index
from khabar.extractors.event_parties import _located
from khabar.extractors.event_places import MOVEMENT_TYPES, _across, _specific_first
from khabar.extractors.time import when_for_event
from khabar.kb.cameo_verbs import cameo_verbs
from khabar.kb.event_patterns import TriggerPattern, cameo_code, trigger_patterns
from khabar.model import Actor, Article, Event, Span

# Words a title-case headline leaves in lower case.
MINOR_WORDS = frozenset({"a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for", "by", "with",
                         "as", "from", "into", "over", "after", "amid", "vs", "via"})  # fmt: skip


def is_headline(sent: SpacySpan) -> bool:
    """A line of at least three words, most of its content words capitalised, with no closing full stop."""
    if _closes(sent):  # most sentences: their words need not be read
        return False
    words = [t for t in sent if t.is_alpha and t.lower_ not in MINOR_WORDS]
    if len(words) < 3:
        return False
    capitalised = sum(t.is_title or t.is_upper for t in words)
    return capitalised >= 0.8 * len(words)


def _closes(sent: SpacySpan) -> bool:
    """Whether ``sent.text.rstrip()`` ends with a full stop, question or exclamation mark, read off its last
    token with anything but white space (``Span.text`` joins every token of the sentence)."""
    doc = sent.doc
    for i in range(sent.end - 1, sent.start - 1, -1):
        tail = doc[i].text.rstrip()
        if tail:
            return tail.endswith((".", "?", "!"))
    return False


@lru_cache(maxsize=1)
def _verb_rows() -> dict[str, TriggerPattern]:
    """Verb lemma -> the pattern a headline takes for it: the hand table's unconditioned row, else the CAMEO
    set's default (a headline's words are too few to check a condition)."""
    out: dict[str, TriggerPattern] = {}
    for (lemma, pos), rows in trigger_patterns().items():
        if pos == "VERB":
            plain = [r for r in rows if not r.condition or r.condition.startswith("obj=")]
            if plain:
                out[lemma] = plain[0]
    for lemma, entries in cameo_verbs().items():
        bare = [v for v in entries if not v.particle and v.type]
        if lemma not in out and bare:
            verb = bare[0]
            out[lemma] = TriggerPattern(lemma, "VERB", "headline", verb.type, verb.mode, cameo=verb.cameo or None)
    return out


def _lemma_candidates(word: str) -> list[str]:
    w = word.lower()
    out = [w]
    if w.endswith("ies"):
        out.append(w[:-3] + "y")
    if w.endswith("es"):
        out.append(w[:-2])
    if w.endswith("s"):
        out.append(w[:-1])
    if w.endswith("ed"):
        out += [w[:-2], w[:-1], w[:-3] if len(w) > 4 and w[-3] == w[-4] else w[:-2]]
    if w.endswith("ing"):
        out += [w[:-3], w[:-3] + "e"]
    return out


def headline_verb(sent: SpacySpan) -> tuple[Token, TriggerPattern] | None:
    """The first capitalised word after the headline's first word that is a verb the tables know (the
    parser's real verbs are left to the ordinary path), with its pattern."""
    rows = _verb_rows()
    for token in sent[1:]:
        if not token.is_title or token.pos_ in ("VERB", "AUX") or token.lower_ in MINOR_WORDS:
            continue
        for lemma in _lemma_candidates(token.text):
            if lemma in rows:
                if lemma in SUPPORT_VERBS:  # "Imposes New Sanctions", "Launches Offensive": the noun is the act
                    carried = _carried_noun(sent, token)
                    if carried is not None:
                        return carried
                return token, rows[lemma]
    return None


def _carried_noun(sent: SpacySpan, verb: Token) -> tuple[Token, TriggerPattern] | None:
    """The event noun a headline's support verb carries: the first title-case word after it, before a minor
    word, that heads an event by khabar's noun rows."""
    nouns = _noun_rows()
    for token in sent[verb.i - sent.start + 1 :]:
        if token.lower_ in MINOR_WORDS or not (token.is_title or token.is_upper):
            return None
        for lemma in _lemma_candidates(token.text):
            if lemma in nouns:
                return token, nouns[lemma]
    return None


@lru_cache(maxsize=1)
def _noun_rows() -> dict[str, TriggerPattern]:
    """Noun lemma -> its unconditioned row (a headline's words are too few to check a condition)."""
    return {
        lemma: next(r for r in rows if not r.condition)
        for (lemma, pos), rows in trigger_patterns().items()
        if pos == "NOUN" and any(not r.condition for r in rows)
    }


def headline_events(
    coder: ActorCoder, sent: SpacySpan, sentence: Span, article: Article, mentions: Mentions, index: _Index
) -> list[Event]:
    """ "Taliban Seize Key Border Crossing With Iran": the verb by its word, the doer the mention before
    it, the one acted on a mention after it, the place a place after it (``event_headlines``)."""
    in_sentence = [a for a in index.actors if sentence.start <= a.span.start < sentence.end]
    places = [p for p in index.places_within(sentence.start, sentence.end)]
    found = headline_verb(sent)
    if found is None:
        return []
    verb, pattern = found
    doer = _headline_doer(coder, sent, verb, in_sentence, article)
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


def _headline_doer(
    coder: ActorCoder, sent: SpacySpan, verb: Token, mentions: list[Actor], article: Article
) -> Actor | None:
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
    coded = coder.code_phrase(words, article, None)
    if coded is not None:
        return coded
    return Actor(name=words.text, span=Span.of(article.text, words.start_char, words.end_char), how="unresolved")
