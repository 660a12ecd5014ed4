"""Headlines: a title-case line ("Taliban Seize Key Border Crossing With Iran") is a clause whose verb the
parser reads as a proper noun. Headlines keep the shape NAME VERB OBJECT, so the verb is found by its word
(a verb the event tables know, in any inflection) and its parties by where the mentions stand: before the
verb the doer, after it the one acted on.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from khabar.kb.cameo_verbs import cameo_verbs
from khabar.kb.event_patterns import TriggerPattern, trigger_patterns

# Words a title-case headline leaves in lower case.
MINOR_WORDS = frozenset({"a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for", "by", "with",
                         "as", "from", "into", "over", "after", "amid", "vs", "via"})  # fmt: skip


def is_headline(sent: SpacySpan) -> bool:
    """A line of at least three words, most of its content words capitalised, with no closing full stop."""
    words = [t for t in sent if t.is_alpha and t.lower_ not in MINOR_WORDS]
    if len(words) < 3 or sent.text.rstrip().endswith((".", "?", "!")):
        return False
    capitalised = sum(t.is_title or t.is_upper for t in words)
    return capitalised >= 0.8 * len(words)


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
                return token, rows[lemma]
    return None
