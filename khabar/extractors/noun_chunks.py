"""Base noun phrases of a parsed English doc: the spans ``doc.noun_chunks`` gives, read off its columns.

spaCy's English noun-chunk iterator makes a Token object of every word of the doc to test its part of
speech, a quarter of the actor stage. The same rule (a noun, proper noun or pronoun in a noun-phrase
relation, or conjoined to one, from its left edge; no chunk inside the previous one) is applied here to the
POS, DEP and HEAD columns, and only the few words that head a chunk are looked at as tokens (for their left
edge). ``tests/test_noun_chunks.py`` compares the spans with spaCy's own.
"""

from __future__ import annotations

import numpy
from spacy.attrs import DEP, HEAD, POS
from spacy.symbols import NOUN, PRON, PROPN
from spacy.tokens import Doc, Span

# spaCy's English labels for a noun phrase's relation to its head (spacy/lang/en/syntax_iterators.py)
NP_LABELS = ("oprd", "nsubj", "dobj", "nsubjpass", "pcomp", "pobj", "dative", "appos", "attr", "ROOT")


def noun_chunks(doc: Doc) -> list[Span]:
    """The doc's base noun phrases, in order, labelled NP: the spans of ``list(doc.noun_chunks)``."""
    if len(doc) == 0 or not doc.has_annotation("DEP"):
        return list(doc.noun_chunks)  # (spaCy's own answer, or its error for a doc without a parse)
    strings = doc.vocab.strings
    np_deps = numpy.array([strings.add(label) for label in NP_LABELS], dtype=numpy.uint64)
    conj = strings.add("conj")
    label = strings.add("NP")
    table = doc.to_array([POS, DEP, HEAD]).astype(numpy.int64)
    pos, dep, head = table[:, 0], table[:, 1].astype(numpy.uint64), table[:, 2]
    nominal = (pos == NOUN) | (pos == PROPN) | (pos == PRON)
    is_np = numpy.isin(dep, np_deps)
    is_conj = dep == conj
    heads = numpy.arange(len(doc)) + head  # HEAD is stored as an offset from the token
    out: list[Span] = []
    prev_end = -1
    for i in numpy.flatnonzero(nominal & (is_np | is_conj)).tolist():
        if is_conj[i]:
            # a conjunct is a noun phrase when the first conjunct of its chain is one
            h = int(heads[i])
            while is_conj[h] and heads[h] < h:
                h = int(heads[h])
            if not is_np[h]:
                continue
        left = doc[i].left_edge.i
        if left <= prev_end:  # nested in the previous chunk
            continue
        prev_end = i
        out.append(Span(doc, left, i + 1, label=label))
    return out
