"""Who says so: the attribution that contains an event, contested claims (recorded as Claims, not as events)
and the parties a dispute is aimed at; quantities inside an event's words.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from khabar.extractors import Mentions
from khabar.extractors.event_parse import _Index, _subtree_chars
from khabar.model import Actor, Article, Attribution, Claim, Quantity, Span

CLAIM_CUES = frozenset({"claim", "insist", "assert", "allege", "maintain"})


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
