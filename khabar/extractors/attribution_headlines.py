"""Cues the parser does not read as verbs of saying: a colon before a quotation, and title-case headlines.

A colon that opens a quotation attributes it to the speaker before it: to the subject of the verb there
("the governor addressed the public: “...”"), or, in a headline with no verb, to the name itself ("Howard
Kurtz, Fox News: “...”"). A title-case headline ("Donald Trump Tells Florida Supporters Taxes Will Fall")
is tagged as a string of proper nouns, so its verb of saying is found by its inflected form.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from khabar.extractors.attribution_content import Range, doc_text, token_end, tokens_between, trim
from khabar.extractors.attribution_cues import Cue, lexicon
from khabar.extractors.attribution_speakers import TITLE_WORDS, Speaker, subject_of
from khabar.kb.actors import sector_nouns

SPEAKER_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
SPEAKER_PRONOUNS = frozenset({"he", "she", "they", "we", "i"})
COLON_CUE_WORDS = 3  # the verb before a colon and its next words are the cue ("issued a statement")
MAX_HEADLINE_SOURCE = 12  # words of a name before a headline's colon or verb
IRREGULAR = {"said": "say", "told": "tell", "wrote": "write", "thought": "think", "found": "find"}


@dataclass(frozen=True)
class Found:
    speaker: Speaker
    cue: Cue
    cue_range: Range
    content: Range


def colon_cues(doc: Doc, quotes: list[Range]) -> list[Found]:
    """Quotations opened right after a colon, with the speaker before the colon."""
    text = doc_text(doc)
    starts = {q[0]: q for q in quotes}
    out: list[Found] = []
    colon = lexicon().verbs[":"]
    for at in (i for i, ch in enumerate(text) if ch == ":"):
        found = tokens_between(doc, at, at + 1)
        if not found or found[0].text != ":":
            continue
        token = found[0]
        after = token.idx + 1
        while after < len(text) and text[after] in " \t":
            after += 1
        quote = starts.get(after)
        if quote is None:
            continue
        line_start = text.rfind("\n", 0, token.idx) + 1
        left = [t for t in token.sent if line_start <= t.idx < token.idx and not (t.is_space or t.is_punct)]
        if not left:
            continue
        content = trim(text, quote[0] + 1, quote[1])
        verbs = [t for t in left if t.pos_ in ("VERB", "AUX")]
        if verbs:
            if any(v.lemma_.lower() in lexicon().verbs for v in verbs):
                continue  # a verb of saying: its own cue reads the quotation
            verb = next((v for v in verbs if v.dep_ == "ROOT"), None)
            if verb is None or not any(c.dep_ == "nsubj" for c in verb.children):
                continue  # the colon ends a subordinate or passive clause, not the speaker's act
            speaker = subject_of(verb)
            if speaker is not None and _can_speak(speaker.head):
                act = [t for t in left if verb.i <= t.i <= verb.i + COLON_CUE_WORDS]  # "addressed the public"
                out.append(Found(speaker, colon, (verb.idx, token_end(act[-1])), content))
        elif len(left) <= MAX_HEADLINE_SOURCE:
            named = next((t for t in left if t.ent_type_ in ("PERSON", "ORG")), None)
            if named is not None:
                bound = (left[0].i, left[-1].i + 1)
                head = _entity_end(named)
                speaker = Speaker(head, named=_name_run(head, bound[0]), bound=bound)
                out.append(Found(speaker, colon, (token.idx, token.idx + 1), content))
    return out


def headline_cues(doc: Doc) -> list[Found]:
    """Title-case lines whose verb of saying the tagger read as a name: the words before it are the
    speaker, the words after it what was said."""
    out: list[Found] = []
    forms = _verb_forms()
    for line_start, line_end in _lines(doc_text(doc)):
        tokens = [t for t in tokens_between(doc, line_start, line_end) if not t.is_space]
        words = [t for t in tokens if t.is_alpha]
        if len(words) < 4 or doc_text(doc)[line_end - 1 : line_end] in ".!?" or not _title_case(words):
            continue
        for i, token in enumerate(tokens[1:-2], 1):
            lemma = forms.get(token.lower_)
            if lemma is None or token.pos_ == "VERB":
                continue  # a verb the parser read is the verb rule's
            before, after = tokens[:i], [t for t in tokens[i + 1 :] if not t.is_punct]
            if len(before) > MAX_HEADLINE_SOURCE or len(after) < 2 or not any(t.pos_ == "PROPN" for t in before):
                continue
            head = before[-1]
            if head.ent_type_ not in ("PERSON", "ORG", "NORP", "GPE"):
                continue  # the words before the verb must end in a name
            content = (after[0].idx, token_end(after[-1]))
            speaker = Speaker(head, named=_name_run(head, before[0].i), bound=(before[0].i, before[-1].i + 1))
            out.append(Found(speaker, lexicon().verbs[lemma], (token.idx, token_end(token)), content))
            break
    return out


def _can_speak(head: Token) -> bool:
    """A person, a body or a role noun speaks; "the results were clear:" does not."""
    if head.ent_type_ in SPEAKER_LABELS or head.lower_ in SPEAKER_PRONOUNS:
        return True
    noun = sector_nouns().get(head.lemma_.lower())
    return noun is not None


def _name_run(head: Token, floor: int) -> tuple[int, int]:
    """The capitalised words ending at the head, back to a comma or an office ("Police Chief John Smith"
    -> "John Smith"): a headline's name, where the tagger's entity is often cut short."""
    doc, roles = head.doc, sector_nouns()
    start = head.i
    while start - 1 >= floor:
        word = doc[start - 1]
        role = roles.get(word.lemma_.lower())
        office = (role is not None and role.kind == "person") or word.lower_.rstrip(".") in TITLE_WORDS
        if not word.text[:1].isupper() or word.is_punct or office:
            break
        start -= 1
    return start, head.i + 1


def _entity_end(token: Token) -> Token:
    """The last word of the name the token is in: an English name's head."""
    doc = token.doc
    end = token.i
    while end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I":
        end += 1
    return doc[end]


def _lines(text: str) -> list[Range]:
    out, start = [], 0
    for part in text.split("\n"):
        end = start + len(part.rstrip())
        if end > start:
            out.append((start, end))
        start += len(part) + 1
    return out


def _title_case(words: list[Token]) -> bool:
    """Most words capitalised, small words aside: "Donald Trump Tells Florida Supporters Taxes Will Fall"."""
    content = [w for w in words if len(w.text) > 3]
    return bool(content) and sum(w.text[0].isupper() for w in content) >= 0.8 * len(content)


@lru_cache(maxsize=1)
def _verb_forms() -> dict[str, str]:
    """Inflected forms of the speech verbs ("tells", "warned", "said") to their lemma."""
    forms: dict[str, str] = dict(IRREGULAR)
    for lemma, cue in lexicon().verbs.items():
        if cue.cls != "speech" or " " in lemma or not lemma.isalpha():
            continue
        stem = lemma[:-1] if lemma.endswith("e") else lemma
        for form in (lemma + "s", lemma + "es", stem + "ed", lemma + "d"):
            forms.setdefault(form, lemma)
        if lemma.endswith("y"):
            forms.setdefault(lemma[:-1] + "ies", lemma)
            forms.setdefault(lemma[:-1] + "ied", lemma)
    return forms
