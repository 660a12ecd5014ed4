"""The model's lemmatizer, remembered per distinct (word, part of speech, morphology).

spaCy's rule lemmatizer runs in Python for every token: a cache key built from three token properties, the
lemma looked up (or, when the cache misses, which it does on every call for a base form, its commonest
answer, the base-form test and suffix rules run, and a new word scans a list of up to 57,528 words), then set
through ``token.lemma_``. What it returns depends on the word, its part of speech and its morphology only,
so ``LemmaTable`` reads those three columns of a Doc at once, asks the stock lemmatizer once per distinct
triple (its word lists turned into sets) and writes the lemma column back in one call: identical lemmas
(``tests/test_lemma_table.py`` compares every token's). Like the stock component it leaves a lemma already
set (by the attribute rules) alone unless told to overwrite. A lemmatizer in a mode whose answer may
depend on more than those three keeps the stock component.
"""

from __future__ import annotations

from typing import Any

import numpy
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.tokens import Doc

MEMO_LIMIT = 200_000  # distinct (word, POS, morphology) triples remembered before the memo starts anew
MODES = ("rule", "lookup")  # the modes whose answer depends on the word, POS and morphology only
_COLUMNS = [ORTH, POS, MORPH, LEMMA]


class LemmaTable:
    """The stock lemmatizer's answer per distinct (word, POS, morphology), set column-wise."""

    def __init__(self, lemmatizer: Any) -> None:
        if getattr(lemmatizer, "mode", None) not in MODES:
            raise ValueError(f"lemmatizer mode {getattr(lemmatizer, 'mode', None)!r} is not one of {MODES}")
        self.lemmatizer = lemmatizer
        _index_as_sets(lemmatizer)
        self.strings = lemmatizer.vocab.strings
        self.memo: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not self.lemmatizer._validated:  # the check the stock component makes on its first call
            self.lemmatizer._validate_tables()
        n = len(doc)
        if n == 0:
            return doc
        table = doc.to_array(_COLUMNS)
        todo = numpy.ones(n, dtype=bool) if self.lemmatizer.overwrite else table[:, 3] == 0
        if not todo.any():
            return doc
        # the distinct (word, POS, morphology) triples of the tokens to lemmatise, each looked up once
        where = numpy.flatnonzero(todo)
        keys = table[where, :3]
        order = numpy.lexsort(keys.T[::-1])
        ranked = keys[order]
        new = numpy.ones(len(ranked), dtype=bool)
        new[1:] = (ranked[1:] != ranked[:-1]).any(axis=1)
        inverse = numpy.empty(len(ranked), dtype=numpy.intp)
        inverse[order] = numpy.cumsum(new) - 1
        firsts = where[order[new]]  # a token of each triple, for the stock lemmatizer to read
        memo = self.memo
        found: list[int] = []
        for key, i in zip(ranked[new].tolist(), firsts.tolist(), strict=True):
            triple = (key[0], key[1], key[2])
            lemma = memo.get(triple)
            if lemma is None:
                lemma = self.strings.add(self.lemmatizer.lemmatize(doc[i])[0])
                if len(memo) >= MEMO_LIMIT:
                    memo.clear()
                memo[triple] = lemma
            found.append(lemma)
        lemmas = table[:, 3].copy()
        lemmas[where] = numpy.array(found, dtype=numpy.uint64)[inverse]
        doc.from_array([LEMMA], lemmas)  # type: ignore[arg-type]
        return doc


def _index_as_sets(lemmatizer: Any) -> None:
    """The rule lemmatizer asks ``form in index`` of a list of up to 57,528 words per part of speech (a linear
    scan, a tenth of a millisecond for every new word); the same words as a frozenset answer the same."""
    if "lemma_index" not in lemmatizer.lookups:
        return
    index = lemmatizer.lookups.get_table("lemma_index")
    for pos, words in list(index.items()):
        if isinstance(words, list) and all(isinstance(w, str) for w in words):
            index[pos] = frozenset(words)


@Language.factory("khabar_lemma_table")
def make_lemma_table(nlp: Language, name: str) -> LemmaTable:
    """The memo of the pipeline's ``lemmatizer`` (added after it, which is then removed)."""
    return LemmaTable(nlp.get_pipe("lemmatizer"))


def use_lemma_table(nlp: Language) -> bool:
    """Put a ``LemmaTable`` in place of the pipeline's ``lemmatizer``; False (and the stock component kept)
    when there is none or its mode is not one the table reproduces."""
    if "lemmatizer" not in nlp.pipe_names or getattr(nlp.get_pipe("lemmatizer"), "mode", None) not in MODES:
        return False
    nlp.add_pipe("khabar_lemma_table", after="lemmatizer")
    nlp.remove_pipe("lemmatizer")
    return True
