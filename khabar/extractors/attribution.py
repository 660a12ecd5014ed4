"""Attribution: who says so. The speaker, the cue, the channel, the words attributed and the stance.

Cues are verbs of saying ("said", "told AFP", "claim", "acknowledged by"), "according to", and the
adverbs "reportedly"/"allegedly". A bare definite speaker ("the spokesman") is linked to the last speaker
with the same role noun ("a spokesman for the interior ministry"), so the attribution names who it is.
A claim that someone disputes ("a figure that the Afghan government disputes") is marked disputed.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from spacy.tokens import Doc, Token

from khabar.extractors.actors import ActorCoder, entity_of, focus_country
from khabar.model import Article, Attribution, Span
from khabar.registry import register

SAY_VERBS = frozenset({
    "say", "tell", "claim", "state", "announce", "add", "report", "acknowledge", "confirm", "insist",
    "assert", "declare", "allege", "note", "explain", "write", "tweet", "admit", "maintain",
})  # fmt: skip
CLAIM_VERBS = frozenset({"claim", "insist", "assert", "allege", "maintain"})
DISPUTE_VERBS = frozenset({"dispute", "deny", "reject", "contest", "refute"})
REPORT_ADVERBS = frozenset({"reportedly", "allegedly", "purportedly"})
MEDIA_SECTOR = "MED"
QUOTES = '"“”'


class AttributionExtractor:
    def __init__(self) -> None:
        self.coder = ActorCoder()

    def patterns(self) -> list[dict[str, Any]]:
        return []

    def __call__(self, doc: Doc, article: Article) -> list[Attribution]:
        home = focus_country(doc)
        found: list[Attribution] = []
        for token in doc:
            attribution: Attribution | None = None
            if token.lemma_.lower() in SAY_VERBS and token.pos_ in ("VERB", "AUX"):
                attribution = self._from_verb(token, article, home, found)
            elif token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
                attribution = self._from_according(token, article, home)
            elif token.lower_ in REPORT_ADVERBS:
                attribution = self._from_adverb(token, article)
            if attribution is not None:
                found.append(attribution)
        return _mark_disputes(doc, article, found)

    # -- the three kinds of cue ---------------------------------------------------------------------

    def _from_verb(
        self, verb: Token, article: Article, home: str | None, earlier: list[Attribution]
    ) -> Attribution | None:
        speaker = _subject(verb)
        if speaker is None or (speaker.pos_ == "PRON" and speaker.lower_ not in ("they",)):
            return None
        content = _content(verb)
        if content is None:
            return None  # "said" with nothing said ("the so-called ...") is no attribution
        via: str | None = None
        for child in verb.children:
            if child.dep_ in ("dative", "dobj") and child.ent_type_ == "ORG":
                coded = self.coder.code_head(child, article, home, depth=0)
                if (coded is not None and MEDIA_SECTOR in coded.sectors) or child.text.isupper():
                    via = child.text
        return self._make(speaker, verb, verb.text, content, via, article, home, earlier)

    def _from_according(self, according: Token, article: Article, home: str | None) -> Attribution | None:
        to = according.doc[according.i + 1]
        objects = [c for c in to.children if c.dep_ == "pobj"]
        if not objects:
            return None
        speaker = objects[0]
        sent = according.sent
        subtree_end = max(t.i for t in speaker.subtree) + 1
        rest_start = subtree_end + (1 if subtree_end < sent.end and according.doc[subtree_end].is_punct else 0)
        content: tuple[int, int] | None = None
        if rest_start < sent.end - 1:
            content = (rest_start, sent.end)
        elif according.i > sent.start:
            content = (sent.start, according.i)
        if content is None:
            return None
        cue = according.doc[according.i : according.i + 2]
        return self._make(speaker, according, cue.text, content, None, article, home, [], cue_end=to)

    def _from_adverb(self, adverb: Token, article: Article) -> Attribution:
        verb = adverb.head
        start = min(t.i for t in verb.subtree)
        end = max(t.i for t in verb.subtree) + 1
        cue = Span.of(article.text, adverb.idx, adverb.idx + len(adverb.text))
        doc = adverb.doc
        return Attribution(
            speaker="unnamed reports",
            span=cue,
            cue=adverb.text,
            cue_span=cue,
            anonymous=True,
            stance="attributed",
            content=Span.of(article.text, doc[start].idx, _end_char(doc, end)),
        )

    def _make(
        self,
        speaker: Token,
        cue_token: Token,
        cue_text: str,
        content: tuple[int, int],
        via: str | None,
        article: Article,
        home: str | None,
        earlier: list[Attribution],
        cue_end: Token | None = None,
    ) -> Attribution:
        doc = speaker.doc
        role: str | None = None
        person = _appositive_person(speaker)
        if person is not None:  # "A spokesman for the Taliban, Zabihullah Mujahid, said"
            name_tokens = _ent_tokens(person)
            role_tokens = [t for t in speaker.subtree if t.i < name_tokens[0].i]
            role = _text(doc, role_tokens).strip(" ,")
            role_words = role.split()
            if role_words and role_words[0].lower() in ("a", "an", "the"):
                role = " ".join(role_words[1:])
        elif speaker.ent_type_ == "PERSON":
            name_tokens = _ent_tokens(speaker)
        else:
            name_tokens = [t for t in speaker.subtree if not _is_trailing_clause(t, speaker)]
        start, end = name_tokens[0].i, name_tokens[-1].i + 1
        speaker_span = Span.of(article.text, doc[start].idx, _end_char(doc, end))
        coded = self.coder.code_head(speaker, article, home, depth=0)
        # "the spokesman told AFP": the spokesman named in an earlier sentence
        if _bare_definite(speaker):
            for prior in reversed(earlier):
                if prior.span.text.lower().split()[1:2] == [speaker.lower_] and prior.span.start < speaker.idx:
                    speaker_span = prior.span
                    coded = None
                    role = prior.role
                    return Attribution(
                        speaker=prior.speaker, span=prior.span, cue=cue_text,
                        cue_span=_cue_span(article, cue_token, cue_end), via=via, anonymous=prior.anonymous,
                        country=prior.country, sectors=prior.sectors, role=role,
                        stance="claimed" if cue_token.lemma_.lower() in CLAIM_VERBS else "attributed",
                        content=Span.of(article.text, doc[content[0]].idx, _end_char(doc, content[1])),
                    )  # fmt: skip
        lemma = speaker.lemma_.lower()
        anonymous = (
            person is None
            and speaker.ent_type_ != "PERSON"
            and (lemma == "source" or any(t.lower_ in ("anonymity", "unnamed", "anonymous") for t in doc[start:end]))
        )
        return Attribution(
            speaker=speaker_span.text,
            span=speaker_span,
            cue=cue_text,
            cue_span=_cue_span(article, cue_token, cue_end),
            via=via,
            anonymous=anonymous,
            country=coded.country if coded else None,
            sectors=coded.sectors if coded else (),
            role=role,
            stance="claimed" if cue_token.lemma_.lower() in CLAIM_VERBS else "attributed",
            content=Span.of(article.text, doc[content[0]].idx, _end_char(doc, content[1])),
        )


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "nsubj":
            return child
    for child in verb.children:  # passive: "was acknowledged ... by a spokesman"
        if child.dep_ == "agent":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def _content(verb: Token) -> tuple[int, int] | None:
    """Token range of what was said: the quotation the verb introduces or closes, a complement clause,
    or a passive subject."""
    sent = verb.sent
    quote_positions = [t.i for t in sent if t.text in QUOTES]
    if len(quote_positions) >= 2 and not quote_positions[0] < verb.i < quote_positions[-1]:
        if verb.i > quote_positions[-1] or not any(c.dep_ == "ccomp" for c in verb.children):
            return quote_positions[0] + 1, quote_positions[-1]  # “...,” the spokesman told AFP
    for child in verb.children:
        if child.dep_ in ("ccomp", "xcomp") or (child.dep_ == "nsubjpass"):
            idx = [t.i for t in child.subtree]
            start = min(idx)
            if verb.doc[start].dep_ == "mark" and verb.doc[start].lower_ == "that":
                start += 1  # what was said, without the complementiser: "(that) the crossing was ..."
            return start, max(idx) + 1
    if verb.dep_ == "parataxis" and verb.head.i != verb.i:  # "..., the spokesman said."
        idx = [t.i for t in verb.head.subtree if t.i < verb.i]
        if idx:
            return min(idx), max(idx) + 1
    return None


def _appositive_person(speaker: Token) -> Token | None:
    """The named person in "a spokesman for the Taliban, Zabihullah Mujahid" (the parser may hang the
    apposition on the role noun or on the organisation)."""
    for token in speaker.subtree:
        if token.dep_ == "appos" and token.ent_type_ == "PERSON" and token.i > speaker.i:
            return token
    return None


def _ent_tokens(token: Token) -> list[Token]:
    ent = entity_of(token)
    return list(ent) if ent is not None else [token]


def _is_trailing_clause(token: Token, head: Token) -> bool:
    return token.i > head.i and token.dep_ in ("relcl", "acl", "punct") and token.head == head


def _bare_definite(speaker: Token) -> bool:
    """ "the spokesman": a definite role noun with no modifiers of its own."""
    children = list(speaker.children)
    return bool(children) and all(c.dep_ == "det" for c in children) and children[0].lower_ == "the"


def _cue_span(article: Article, cue: Token, cue_end: Token | None) -> Span:
    last = cue_end or cue
    return Span.of(article.text, cue.idx, last.idx + len(last.text))


def _end_char(doc: Doc, end: int) -> int:
    """Character end of token range [.., end), without trailing punctuation."""
    last = end - 1
    while last > 0 and (doc[last].is_space or (doc[last].is_punct and doc[last].text not in QUOTES)):
        last -= 1
    return doc[last].idx + len(doc[last].text)


def _text(doc: Doc, tokens: list[Token]) -> str:
    if not tokens:
        return ""
    return doc[tokens[0].i : tokens[-1].i + 1].text


def _mark_disputes(doc: Doc, article: Article, found: list[Attribution]) -> list[Attribution]:
    """A claim followed in its sentence by "a figure that X disputes" / "X denies" is disputed by X."""
    out = list(found)
    for i, attribution in enumerate(out):
        if attribution.stance != "claimed" or attribution.cue_span is None:
            continue
        sent = doc.char_span(attribution.cue_span.start, attribution.cue_span.end, alignment_mode="expand")
        if sent is None:
            continue
        for token in sent.sent:
            if token.lemma_.lower() in DISPUTE_VERBS and token.idx > attribution.cue_span.start:
                subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
                if subject is None:
                    continue
                words = [t for t in subject.subtree]
                name = doc[words[0].i : words[-1].i + 1].text
                out[i] = replace(attribution, stance="disputed", disputed_by=name)
    return out


@register("khabar.attribution.cues.v1")
def make_attribution_extractor() -> AttributionExtractor:
    return AttributionExtractor()
