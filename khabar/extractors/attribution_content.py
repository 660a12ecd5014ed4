"""What is said: the content of a verb cue, by the construction the cue stands in.

The reported clause (with the rest of a quotation it opens), a quotation the verb closes or introduces
(across sentences, and with a quote paragraph that carries on after "..., he said."), an object for verbs
that take one ("confirmed two deaths"), or the clause a parenthetical "..., the spokesman said" hangs on.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from khabar.extractors.attribution_cues import Cue, lexicon

Range = tuple[int, int]  # characters [start, end) of the text
QUOTES = '"“”'
SENTENCE_END = frozenset({".", "!", "?"})
# verbs whose object is the hearer, not what is said ("told reporters")
HEARER_VERBS = frozenset({"tell", "inform", "warn", "ask", "urge", "remind"})
# objects of "announce"/"declare" that name an act done by announcing it, not a report
ACT_OBJECTS = frozenset({
    "measure", "restriction", "lockdown", "curfew", "emergency", "sanction", "ban", "policy",
    "programme", "program", "law", "rule", "tariff", "ceasefire", "truce", "boycott", "strike",
    "investigation", "inquiry", "reform", "package", "deal", "candidacy", "resignation", "retirement",
})  # fmt: skip
GAP_TOKENS = 12  # at most this many words between a cue's clause and the quotation it introduces or closes
GAP_CHARS = 160  # ... and at most this many characters


def verb_content(verb: Token, cue: Cue, quotes: list[Range]) -> Range | None:
    """Characters of what was said: the reported clause (with the rest of a quotation it opens), the
    quotation the verb closes or introduces, an object for verbs that take one ("confirmed two deaths"), or
    the clause a parenthetical "..., the spokesman said" hangs on."""
    doc = verb.doc
    inside = next((q for q in quotes if q[0] < verb.idx < q[1]), None)
    closed = _quote_before(verb, quotes, inside)
    clause = next((c for c in verb.children if c.dep_ == "ccomp" or (c.dep_ == "xcomp" and cue.cls == "speech")), None)
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    if clause is not None and clause.i < verb.i and closed is not None:
        clause = None  # “...,” he added: the quotation, not the parser's reading of it as a clause
    if clause is not None and cue.cls == "thought" and not (finite(clause) or (obj is not None and obj.i < clause.i)):
        clause = None
    if clause is not None:
        aside = _participial_cues(clause, verb)
        tokens = [
            t for t in clause.subtree if (not (t.is_punct or t.is_space) or t.text in QUOTES) and t.i not in aside
        ]
        if obj is not None and obj.i < clause.i and cue.lemma not in HEARER_VERBS:
            # "determined [Zhukovskyy's driving history] [rendered him ...]": the parser split the clause
            tokens = sorted([t for t in obj.subtree if not (t.is_punct or t.is_space)] + tokens, key=lambda t: t.i)
        if tokens and tokens[0].dep_ == "mark" and tokens[0].lower_ == "that":
            tokens = tokens[1:]  # what was said, without the complementiser
        if tokens:
            start, end = tokens[0].idx, token_end(tokens[-1])
            end = _before_next_cue(clause, start, end)
            for q in quotes:  # a quotation opened in (or right before) the clause runs to its closing mark
                if start - 2 <= q[0] < end < q[1] and q != inside:
                    end = q[1]
            if cue.frame != "quote" or any(start - 2 <= q[0] < end for q in quotes):
                return trim(doc_text(doc), start, end)
    split = _split_clause(verb, cue, obj)
    if split is not None:
        return trim(doc_text(doc), *split)
    if cue.cls == "thought":
        return None
    opened = _quote_after(verb, quotes, inside)
    if closed is not None and opened is not None and "\n" not in doc_text(doc)[closed[1] : opened[0]]:
        return trim(
            doc_text(doc), closed[0] + 1, opened[1]
        )  # “A,” wrote the judge, “B.”: one quotation split by its cue
    if closed is not None:
        return _continued(verb, closed, quotes)
    if opened is not None:
        return trim(doc_text(doc), opened[0] + 1, opened[1])
    if cue.frame == "quote":
        return None
    for child in verb.children:
        wanted = child.dep_ == "nsubjpass" or (child.dep_ == "dobj" and cue.frame in ("clause+object", "object+of"))
        if wanted:
            tokens = [t for t in child.subtree if not (t.is_punct or t.is_space)]
            for oprd in verb.children:  # "declared COVID-19 a pandemic"
                if oprd.dep_ == "oprd" and child.dep_ == "dobj":
                    tokens += [t for t in oprd.subtree if not (t.is_punct or t.is_space)]
            if cue.frame == "object+of":  # "accused X of Y"
                for prep in verb.children:
                    if prep.dep_ == "prep" and prep.lower_ == "of":
                        tokens += [t for t in prep.subtree if not (t.is_punct or t.is_space)]
            if child.dep_ == "dobj" and cue.lemma in ("announce", "declare") and child.lemma_.lower() in ACT_OBJECTS:
                return None  # "announced new lockdown measures": an act, not something said
            if len(tokens) >= 2 or tokens[0].pos_ not in ("PRON", "PROPN"):  # "he was not cited": no content
                tokens.sort(key=lambda t: t.i)
                return tokens[0].idx, token_end(tokens[-1])
    host = verb
    if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in lexicon().verbs:
        host = verb.head  # "..., CNN reported the governor said."
        before = next((c for c in host.children if c.dep_ == "ccomp" and c.i < host.i), None)
        if before is not None:
            tokens = [t for t in before.subtree if not (t.is_punct or t.is_space)]
            return tokens[0].idx, token_end(tokens[-1])
    if host.dep_ == "parataxis" and host.head.i != host.i:  # "..., the spokesman said." / "X, he said, will Y"
        own = {t.i for t in host.subtree}
        tokens = [t for t in host.head.subtree if t.i not in own and not (t.is_punct or t.is_space)]
        if tokens:
            return tokens[0].idx, token_end(tokens[-1])
    return None


def _participial_cues(clause: Token, verb: Token) -> set[int]:
    """Tokens of cues hung inside a reported clause that are the reporter's own (", saying ...", ", citing
    ..."): they share the outer verb's subject and are attributions of their own, not part of this one."""
    out: set[int] = set()
    cues = lexicon().verbs
    for t in clause.subtree:
        if t.i == clause.i or t.lemma_.lower() not in cues or t.pos_ not in ("VERB", "AUX"):
            continue
        own_subject = any(c.dep_ == "nsubj" for c in t.children)
        if (t.tag_ == "VBG" and t.dep_ in ("advcl", "xcomp", "conj") and not own_subject) or (
            t.dep_ == "advcl" and own_subject
        ):
            out.update(x.i for x in t.subtree)
    return out


def _before_next_cue(clause: Token, start: int, end: int) -> int:
    """A reported clause ends at a semicolon after which another source reports: "X reported the magnitude
    was 5.5; the USGS reported 5.8"."""
    doc = clause.doc
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return end
    cues = lexicon().verbs
    for t in span:
        if t.text == ";":
            rest = doc[t.i + 1 : span.end]
            if any(r.lemma_.lower() in cues and any(c.dep_ == "nsubj" for c in r.children) for r in rest):
                return t.idx
    return end


def _split_clause(verb: Token, cue: Cue, obj: Token | None) -> Range | None:
    """A reported clause the parser did not hang on the verb: "told Anadolu Agency, a local outlet, that
    one of the dead was ..." (a complementiser after the hearer), "said a law allowing X marked a sad day"
    (the clause read as an object with a clause inside)."""
    right = [t for t in verb.subtree if t.i > verb.i]
    for t in right:
        before = t.doc[t.i - 1]
        if t.lower_ == "that" and (before.text == "," or before.i == verb.i) and t.dep_ in ("mark", "nsubj", "dobj"):
            rest = [r for r in right if r.i > t.i and not (r.is_punct or r.is_space)]
            if len(rest) >= 3 and any(r.pos_ in ("VERB", "AUX") for r in rest):
                return rest[0].idx, token_end(rest[-1])
    if obj is not None and cue.frame == "clause" and cue.lemma not in HEARER_VERBS:
        inner = [t for t in obj.subtree if not (t.is_punct or t.is_space) or t.text in QUOTES]
        if any(t.pos_ in ("VERB", "AUX") and t.dep_ == "ccomp" and finite(t) for t in inner):
            return inner[0].idx, token_end(inner[-1])
    return None


def _quote_before(verb: Token, quotes: list[Range], inside: Range | None) -> Range | None:
    """The quotation that closes just before the verb's clause: “...,” the spokesman told AFP."""
    doc = verb.doc
    for q in reversed(quotes):
        if q[1] >= verb.idx or q == inside:
            continue
        if verb.idx - q[1] > GAP_CHARS:
            return None
        between = doc_text(doc)[q[1] + 1 : verb.idx]
        if "\n" in between or (doc_text(doc)[q[1] - 1] in SENTENCE_END and "," not in between):
            return None  # a quote of its own paragraph or sentence, not the one this verb closes
        gap = tokens_between(doc, q[1] + 1, verb.idx)
        if (
            len(gap) <= GAP_TOKENS
            and not any(t.text in SENTENCE_END or t.text in QUOTES for t in gap)
            and not any(t.pos_ == "VERB" for t in gap)
            and not any(t.dep_ in ("mark", "cc") or t.pos_ == "SCONJ" for t in gap)  # "...," while X noted
        ):
            return q
        return None
    return None


def _quote_after(verb: Token, quotes: list[Range], inside: Range | None) -> Range | None:
    """The quotation the verb introduces: said, “...” / told reporters: “...”."""
    doc = verb.doc
    end = token_end(verb)
    for q in quotes:
        if q[0] < end or q == inside:
            continue
        if q[0] - end > GAP_CHARS:
            return None
        gap = tokens_between(doc, end, q[0])
        if len(gap) <= GAP_TOKENS and not any(t.text in SENTENCE_END or t.pos_ == "VERB" for t in gap):
            return q
        return None
    return None


def _continued(verb: Token, closed: Range, quotes: list[Range]) -> Range:
    """A quotation closed by its cue, with the quote that carries on right after the cue's sentence when
    that one has no cue of its own: “We turned up,” the coach said. “They pushed hard.”"""
    doc = verb.doc
    text = doc_text(doc)
    start, end = closed[0] + 1, closed[1]
    sent_end = verb.sent.end_char
    rest = text[sent_end:]
    gap = len(rest) - len(rest.lstrip(" "))
    following = next((q for q in quotes if q[0] == sent_end + gap), None)
    if following is not None and "\n" not in text[sent_end : following[0]]:
        # what follows the quote up to the next quotation or line: a cue there makes it someone's own quote
        stops = [i for i in (text.find("\n", following[1]), *(q[0] for q in quotes if q[0] > following[1])) if i >= 0]
        tail = doc.char_span(following[1], min(stops) if stops else len(text), alignment_mode="expand")
        cues = lexicon().verbs
        if tail is None or not any(t.lemma_.lower() in cues and t.pos_ == "VERB" for t in tail):
            end = following[1]
    return trim(text, start, end)


def finite(clause: Token) -> bool:
    """A clause with a subject of its own (a stance or claim, not "expected to" or "a statement issued")."""
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") and c.tag_ not in ("WDT", "WP") for c in clause.children)


def in_open_quote_title(verb: Token) -> bool:
    """ "Say Anything", a quoted title: the verb is the whole of a short quotation."""
    doc = verb.doc
    return 0 < verb.i < len(doc) - 1 and doc[verb.i - 1].text in QUOTES and doc[verb.i + 1].text in QUOTES


def token_end(token: Token) -> int:
    return token.idx + len(token.text)


def trim(text: str, start: int, end: int) -> Range:
    """Without trailing spaces and end punctuation (a closing quotation mark stays)."""
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:"):
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return start, end


def doc_text(doc: Doc) -> str:
    """The doc's text, made once: ``Doc.text`` joins every token anew on each call."""
    text = doc.user_data.get("khabar.text")
    if text is None:
        text = doc.user_data["khabar.text"] = doc.text
    return str(text)


def tokens_between(doc: Doc, start: int, end: int) -> list[Token]:
    """The tokens that start in characters [start, end), found by the doc's character index."""
    if end <= start:
        return []
    span = doc.char_span(start, end, alignment_mode="expand")
    return [t for t in span if start <= t.idx < end] if span is not None else []
