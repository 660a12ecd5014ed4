"""Attribution: who says so. The speaker, the cue, the channel, the words attributed and the stance.

Cues come from khabar's cue lexicon (khabar/kb/data/attribution_cues.tsv): verbs of saying and of stance,
nouns ("claims that"), adverbs ("reportedly") and "according to", each with its frame. The content is the
reported clause, or the whole quotation the cue introduces or closes (across sentences, with a quote
paragraph that carries on after "..., he said."). The speaker is the cue's subject, the subject its
participial or conjoined verb shares ("..., adding"), the noun a relative "who" stands for, or a pronoun
with its nearest named antecedent; "I" in a quote is whoever speaks the quote. An attribution inside
another's content is its child (``parent``). A bare definite speaker ("the spokesman") is linked to the
last speaker with the same role noun. A claim that someone disputes ("a figure that the Afghan government
disputes") is marked disputed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import numpy
from spacy.attrs import LEMMA, LOWER, POS
from spacy.symbols import AUX, NOUN, VERB
from spacy.tokens import Doc, Token

from khabar.extractors.actors import ActorCoder, entity_of, focus_country
from khabar.extractors.attribution_content import (
    Range,
    finite,
    in_open_quote_title,
    token_end,
    trim,
    verb_content,
)
from khabar.extractors.attribution_cues import Cue, lexicon, quotations
from khabar.extractors.attribution_headlines import colon_cues, headline_cues
from khabar.extractors.attribution_speakers import FIRST, Speaker, noun_range, phrase_range, subject_of, title_of
from khabar.model import Article, Attribution, Event, Span
from khabar.registry import register

# The events coder's verbs of saying (events.py reads them to tell a report from an act); the cues of
# attribution themselves are the lexicon's.
SAY_VERBS = frozenset({
    "say", "tell", "claim", "state", "announce", "add", "report", "acknowledge", "confirm", "insist",
    "assert", "declare", "allege", "note", "explain", "write", "tweet", "admit", "maintain",
})  # fmt: skip
DISPUTE_VERBS = frozenset({"dispute", "deny", "reject", "contest", "refute"})
MEDIA_SECTOR = "MED"


class AttributionExtractor:
    def __init__(self) -> None:
        self.coder = ActorCoder()
        self.lexicon = lexicon()
        self._kinds: dict[int, tuple[bool, bool, bool]] = {}

    def patterns(self) -> list[dict[str, Any]]:
        return []

    def __call__(self, doc: Doc, article: Article) -> list[Attribution]:
        home = focus_country(doc)
        quotes = quotations(article.text)
        doc.user_data["khabar.text"] = article.text  # the doc's own text, which Doc.text would rebuild per call
        found: list[Attribution] = []
        for i in self._may_cue(doc):
            token = doc[i]
            lemma = token.lemma_.lower()
            attribution: Attribution | None = None
            if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
                attribution = self._from_according(token, article, home)
            elif token.pos_ in ("VERB", "AUX") and lemma in self.lexicon.verbs and token.dep_ != "amod":
                attribution = self._from_verb(token, self.lexicon.verbs[lemma], quotes, article, home, found)
            elif token.lower_ in self.lexicon.adverbs:
                attribution = self._from_adverb(token, self.lexicon.adverbs[token.lower_], article)
            elif token.pos_ == "NOUN" and lemma in self.lexicon.nouns:
                attribution = self._from_noun(token, self.lexicon.nouns[lemma], article, home)
            if attribution is not None:
                found.append(replace(attribution, id=_id(article, attribution)))
        for extra in colon_cues(doc, quotes) + headline_cues(doc):
            if any(_overlap(a.cue_span, extra.cue_range) for a in found):
                continue
            cue_span = Span.of(article.text, *extra.cue_range)
            attribution = self._make(extra.speaker, cue_span, extra.cue, extra.content, None, article, home, found)
            found.append(replace(attribution, id=_id(article, attribution)))
        found.sort(key=lambda a: a.cue_span.start if a.cue_span is not None else a.span.start)
        found = _nest(_first_person(found))
        doc.user_data.pop("khabar.text", None)  # the text cache is this extractor's alone
        return _mark_disputes(doc, found)

    def _may_cue(self, doc: Doc) -> list[int]:
        """The tokens that may be a cue, in order: a word or lemma the lexicon names, with the part of speech
        its kind needs (read off the columns; the conditions are checked again on each token)."""
        if len(doc) == 0:
            return []
        table = doc.to_array([LOWER, LEMMA, POS])
        lower, lemma, pos = table[:, 0], table[:, 1], table[:, 2]
        strings = doc.vocab.strings
        words = self.lexicon
        kinds = self._kinds  # word or lemma hash -> (a cue word's lower case, a verb's lemma, a noun's lemma)
        if len(kinds) > KINDS_LIMIT:
            kinds.clear()
        lowers, verbs, nouns = [], [], []
        for h in numpy.unique(table[:, :2]).tolist():
            kind = kinds.get(h)
            if kind is None:
                text = strings[h]
                folded = text.lower()
                cue_word = text == "according" or text in words.adverbs
                kind = kinds[h] = (cue_word, folded in words.verbs, folded in words.nouns)
            if kind[0]:
                lowers.append(h)
            if kind[1]:
                verbs.append(h)
            if kind[2]:
                nouns.append(h)
        may = numpy.isin(lower, numpy.array(lowers, dtype=numpy.uint64))
        may |= ((pos == VERB) | (pos == AUX)) & numpy.isin(lemma, numpy.array(verbs, dtype=numpy.uint64))
        may |= (pos == NOUN) & numpy.isin(lemma, numpy.array(nouns, dtype=numpy.uint64))
        return [int(i) for i in numpy.flatnonzero(may)]

    # -- the kinds of cue ---------------------------------------------------------------------------

    def _from_verb(self, verb: Token, cue: Cue, quotes: list[Range], article: Article, home: str | None,
                   earlier: list[Attribution]) -> Attribution | None:  # fmt: skip
        if in_open_quote_title(verb):
            return None
        if verb.tag_ == "VBG" and verb.dep_ in ("csubj", "nsubj", "pobj", "dobj", "amod", "compound"):
            return None  # a gerund as a noun ("denying them citizenship violated ..."), not a report
        if (
            verb.tag_ == "VBG"
            and verb.dep_ == "xcomp"
            and verb.i == verb.head.i + 1
            and verb.head.lemma_.lower() in self.lexicon.verbs
        ):
            return None  # "wrote denying X violated Y": the gerund begins what was written
        speaker = subject_of(verb)
        if speaker is None:
            return None
        content = verb_content(verb, cue, quotes)
        if content is None:
            return None  # "said" with nothing said ("the so-called ...") is no attribution
        holds_cue = content[0] <= verb.idx < content[1]  # a quote carried on past its cue's sentence
        if content[0] <= speaker.head.idx < content[1] and speaker.how is None and not holds_cue:
            return None  # the "subject" is inside what is said: a parse of the quote, not a speaker
        via: str | None = None
        for child in verb.children:
            if child.dep_ in ("dative", "dobj") and child.ent_type_ == "ORG":
                coded = self.coder.code_head(child, article, home, depth=0)
                if (coded is not None and "MED" in coded.sectors) or child.text.isupper():
                    via = child.text
        cue_span = Span.of(article.text, verb.idx, verb.idx + len(verb.text))
        return self._make(speaker, cue_span, cue, content, via, article, home, earlier)

    def _from_according(self, according: Token, article: Article, home: str | None) -> Attribution | None:
        doc = according.doc
        to = doc[according.i + 1]
        objects = [c for c in to.children if c.dep_ == "pobj"]
        if not objects:
            return None
        phrase = {according.i, to.i} | {t.i for t in to.subtree}
        head = according.head
        while head.pos_ not in ("VERB", "AUX") and head.dep_ != "ROOT" and head.head.i != head.i:
            head = head.head
        clause = [t for t in head.subtree if t.i not in phrase and not (t.is_punct or t.is_space)]
        if head.i in phrase or not clause:
            clause = [t for t in according.sent if t.i not in phrase and not (t.is_punct or t.is_space)]
        if len(clause) < 2:
            return None
        content = (clause[0].idx, token_end(clause[-1]))
        cue_span = Span.of(article.text, according.idx, token_end(to))
        cue = self.lexicon.verbs["according to"]
        return self._make(Speaker(objects[0]), cue_span, cue, content, None, article, home, [])

    def _from_adverb(self, adverb: Token, cue: Cue, article: Article) -> Attribution | None:
        head = adverb.head
        tokens = [t for t in head.subtree if not (t.is_punct or t.is_space)]
        if tokens and tokens[0].i == adverb.i:
            tokens = tokens[1:]  # "Reportedly, the buckets were secured": the cue is not what is reported
        if not tokens or head.i == adverb.i:
            return None
        span = Span.of(article.text, adverb.idx, token_end(adverb))
        return Attribution(
            speaker="unnamed reports",
            span=span,
            cue=adverb.text,
            cue_span=span,
            anonymous=True,
            stance="claimed" if cue.claimed and cue.lemma != "allegedly" else "attributed",
            content=Span.of(article.text, tokens[0].idx, token_end(tokens[-1])),
            how="implicit",
            cue_class=cue.cls,
        )

    def _from_noun(self, noun: Token, cue: Cue, article: Article, home: str | None) -> Attribution | None:
        """ "allegations that ...", "the ministry's claim that ...", "employee concerns that ...": a noun
        cue with a clause of its own; its source is the possessor, a compound, or a by/from phrase."""
        clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp", "appos") and finite(c)), None)
        if clause is None:
            return None
        tokens = [
            t for t in clause.subtree if not (t.dep_ == "mark" and t.lower_ == "that" and t.i == clause.left_edge.i)
        ]
        tokens = [t for t in tokens if not (t.is_punct or t.is_space)]
        if len(tokens) < 3:
            return None
        content = (tokens[0].idx, token_end(tokens[-1]))
        source: Token | None = None
        for child in noun.children:
            if child.dep_ == "poss" or (child.dep_ == "compound" and child.i < noun.i):
                source = child
            elif child.dep_ == "prep" and child.lower_ in ("by", "from", "of") and source is None:
                source = next((g for g in child.children if g.dep_ == "pobj"), None)
        cue_span = Span.of(article.text, noun.idx, token_end(noun))
        if source is None:
            return Attribution(speaker="unnamed", span=cue_span, cue=noun.text, cue_span=cue_span, anonymous=True,
                               stance="claimed" if cue.claimed else "attributed",
                               content=Span.of(article.text, *content), how="implicit", cue_class=cue.cls)  # fmt: skip
        return self._make(Speaker(source), cue_span, cue, content, None, article, home, [])

    # -- the attribution ------------------------------------------------------------------------------

    def _make(self, speaker: Speaker, cue_span: Span, cue: Cue, content: Range, via: str | None,
              article: Article, home: str | None, earlier: list[Attribution]) -> Attribution:  # fmt: skip
        head = speaker.head
        doc = head.doc
        text = article.text
        content = trim(text, *content)
        stance = "claimed" if cue.claimed else "attributed"
        common: dict[str, Any] = {
            "cue": cue_span.text, "cue_span": cue_span, "via": via, "stance": stance,
            "content": Span.of(text, *content), "cue_class": cue.cls,
        }  # fmt: skip
        if speaker.how in ("pronoun", "relative"):
            # the pronoun is the evidence; the named antecedent, where found, is who it is
            span = Span.of(text, head.idx, token_end(head))
            if speaker.named is None:
                return Attribution(speaker=head.text, span=span, how=speaker.how, **common)
            named = doc[speaker.named[0] : speaker.named[1]]
            coded = self.coder.code_head(named.root, article, home, depth=0)
            return Attribution(
                speaker=named.text, span=span, how=speaker.how,
                antecedent=Span.of(text, named.start_char, named.end_char),
                country=coded.country if coded else None, sectors=coded.sectors if coded else (),
                title=title_of(named.root, speaker.named), **common,
            )  # fmt: skip
        role: str | None = None
        person = _appositive_person(head)
        if person is not None:  # "A spokesman for the Taliban, Zabihullah Mujahid, said"
            ent = entity_of(person)
            name = (ent.start, ent.end) if ent is not None else (person.i, person.i + 1)
            role_tokens = [t for t in head.subtree if t.i < name[0]]
            role = (
                _strip_article(doc[role_tokens[0].i : role_tokens[-1].i + 1].text.strip(" ,")) if role_tokens else None
            )
            title: str | None = None
        else:
            name = noun_range(head)
            title = (
                title_of(head, name) if head.pos_ == "PROPN" or head.ent_type_ == "PERSON" or _has_appos(head) else None
            )
        if speaker.bound is not None:  # "Howard Kurtz, Fox News: ...": the name, and the rest is its title
            b0, b1 = speaker.bound
            name = speaker.named or (max(name[0], b0), min(name[1], b1))
            if name[0] >= name[1]:
                name = (head.i, head.i + 1)
            rest = (doc[b0 : name[0]].text + " " + doc[name[1] : b1].text).strip(" ,")
            title = rest or None
        start, end = name
        name_text = doc[start:end].text
        lo, hi = phrase_range(head, name) if person is None else name
        if speaker.bound is not None:
            lo, hi = speaker.bound
        speaker_span = Span.of(text, doc[lo].idx, token_end(doc[hi - 1]))
        coded = self.coder.code_head(head, article, home, depth=0)
        how = speaker.how
        # "the spokesman told AFP": the spokesman named in an earlier sentence
        if _bare_definite(head):
            for prior in reversed(earlier):
                if prior.span.text.lower().split()[1:2] == [head.lower_] and prior.span.start < head.idx:
                    return Attribution(
                        speaker=prior.speaker, span=prior.span, anonymous=prior.anonymous, country=prior.country,
                        sectors=prior.sectors, role=prior.role, how="role", title=prior.title, **common,
                    )  # fmt: skip
        anonymous = (
            person is None
            and head.ent_type_ != "PERSON"
            and (head.lemma_.lower() == "source"
                 or any(t.lower_ in ("anonymity", "unnamed", "anonymous") for t in doc[start:end]))
        )  # fmt: skip
        return Attribution(
            speaker=name_text, span=speaker_span, anonymous=anonymous,
            country=coded.country if coded else None, sectors=coded.sectors if coded else (), role=role,
            how=how, antecedent=speaker_span if how == "shared" else None, title=title, **common,
        )  # fmt: skip


# -- after all cues are read ---------------------------------------------------------------------------


def _first_person(found: list[Attribution]) -> list[Attribution]:
    """ "I think ..." inside a quote: the speaker is whoever speaks the quote."""
    out = list(found)
    for i, a in enumerate(out):
        if a.how != "pronoun" or a.span.text.lower() not in FIRST:
            continue
        outer = _narrowest_holding(out, a, a.span.start)
        if outer is not None:
            named = outer.antecedent or outer.span
            out[i] = replace(a, speaker=outer.speaker, antecedent=named, country=outer.country, sectors=outer.sectors,
                             title=outer.title)  # fmt: skip
    return out


def _nest(found: list[Attribution]) -> list[Attribution]:
    """Each attribution whose cue lies in another's content is that one's child."""
    out = []
    for a in found:
        if a.cue_span is None:
            out.append(a)
            continue
        outer = _narrowest_holding(found, a, a.cue_span.start)
        out.append(replace(a, parent=outer.id) if outer is not None else a)
    return out


def _narrowest_holding(found: list[Attribution], inner: Attribution, at: int) -> Attribution | None:
    best: Attribution | None = None
    for b in found:
        if b is inner or b.content is None or b.id == inner.id:
            continue
        if b.content.start <= at < b.content.end and (inner.content is None or inner.content != b.content):
            if (
                best is None
                or best.content is None
                or b.content.end - b.content.start < best.content.end - best.content.start
            ):
                best = b
    return best


def _mark_disputes(doc: Doc, found: list[Attribution]) -> list[Attribution]:
    """A claim followed in its sentence by "a figure that X disputes" / "X denies" is disputed by X."""
    out = list(found)
    for i, attribution in enumerate(out):
        if attribution.stance != "claimed" or attribution.cue_span is None or attribution.how == "implicit":
            continue
        span = doc.char_span(attribution.cue_span.start, attribution.cue_span.end, alignment_mode="expand")
        if span is None:
            continue
        for token in span.sent:
            if token.lemma_.lower() in DISPUTE_VERBS and token.idx > attribution.cue_span.start:
                subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
                if subject is None:
                    continue
                words = list(subject.subtree)
                name = doc[words[0].i : words[-1].i + 1].text
                out[i] = replace(attribution, stance="disputed", disputed_by=name)
    return out


# -- helpers -----------------------------------------------------------------------------------------------


def _appositive_person(speaker: Token) -> Token | None:
    """The named person in "a spokesman for the Taliban, Zabihullah Mujahid" (the parser may hang the
    apposition on the role noun or on the organisation). A named speaker's own apposition is its title."""
    if speaker.ent_type_ == "PERSON":
        return None
    for token in speaker.subtree:
        if token.dep_ == "appos" and token.ent_type_ == "PERSON" and token.i > speaker.i:
            return token
    return None


def _has_appos(head: Token) -> bool:
    return any(c.dep_ == "appos" and c.i > head.i for c in head.children)


def _bare_definite(speaker: Token) -> bool:
    """ "the spokesman": a definite role noun with no modifiers of its own."""
    children = list(speaker.children)
    return bool(children) and all(c.dep_ == "det" for c in children) and children[0].lower_ == "the"


def _strip_article(text: str) -> str:
    words = text.split()
    return " ".join(words[1:]) if words and words[0].lower() in ("a", "an", "the") else text


def _overlap(span: Span | None, r: Range) -> bool:
    return span is not None and span.start < r[1] and r[0] < span.end


def _id(article: Article, a: Attribution) -> str:
    at = a.cue_span.start if a.cue_span is not None else a.span.start
    return hashlib.sha1(f"{article.id}|{at}|{a.cue}".encode()).hexdigest()[:12]


KINDS_LIMIT = 200_000  # word and lemma hashes remembered by _may_cue before it starts anew


@register("khabar.attribution.cues.v1")
def make_attribution_extractor() -> AttributionExtractor:
    return AttributionExtractor()


def with_events(attributions: Sequence[Attribution], events: Sequence[Event]) -> tuple[Attribution, ...]:
    """Each attribution with the ids of the events whose trigger lies in its content: what a reader of
    the attribution learns happened, by the speaker's account."""
    out = []
    for a in attributions:
        if a.content is None:
            out.append(a)
            continue
        covered = tuple(dict.fromkeys(e.id for e in events if a.content.start <= e.trigger.start < a.content.end))
        out.append(replace(a, events=covered) if covered else a)
    return tuple(out)
