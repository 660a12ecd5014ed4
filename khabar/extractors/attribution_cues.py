"""The cue lexicon (khabar/kb/data/attribution_cues.tsv) and the quotations of a text.

A cue is a lemma with its class and frame (where its source and content sit); a quotation is the span
between an opening and its closing mark, across sentences, so a quote that runs on after the sentence of
its cue is attributed whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from khabar.kb.tables import read_tsv

CLASSES = frozenset({"speech", "thought", "directive", "nominal", "adverbial", "according", "colon"})
FRAMES = frozenset({"clause", "clause+object", "object+of", "quote", "noun", "adverb", "prep", "colon"})
OPENING, CLOSING, STRAIGHT = "“", "”", '"'
_MARKS = re.compile('[“”"]|\n\n')


@dataclass(frozen=True)
class Cue:
    lemma: str
    cls: str
    frame: str
    claimed: bool


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, Cue]
    nouns: dict[str, Cue]
    adverbs: dict[str, Cue]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The shipped cue table, by part of speech; a row of an unknown class or frame is an error."""
    verbs: dict[str, Cue] = {}
    nouns: dict[str, Cue] = {}
    adverbs: dict[str, Cue] = {}
    for row in read_tsv("attribution_cues.tsv"):
        if row["class"] not in CLASSES or row["frame"] not in FRAMES:
            raise ValueError(f"[K021] attribution_cues.tsv: {row['cue']!r} has class {row['class']!r} "
                             f"frame {row['frame']!r}")  # fmt: skip
        cue = Cue(row["cue"], row["class"], row["frame"], row["stance"] == "claimed")
        table = {"nominal": nouns, "adverbial": adverbs}.get(row["class"], verbs)
        table[row["cue"]] = cue
    return Lexicon(verbs, nouns, adverbs)


def quotations(text: str) -> list[tuple[int, int]]:
    """Character ranges [open, close] of each quotation's marks. Curly marks pair as opening and
    closing; straight ones alternate. A quotation still open at a paragraph's end closes there (the
    news style that reopens a long quote on each paragraph)."""
    out: list[tuple[int, int]] = []
    open_at: int | None = None
    for mark in _MARKS.finditer(text):
        i, ch = mark.start(), mark.group()
        if ch == "\n\n" and open_at is not None:
            out.append((open_at, i))
            open_at = None
        elif ch == OPENING or (ch == STRAIGHT and open_at is None):
            open_at = i
        elif ch in (CLOSING, STRAIGHT) and open_at is not None:
            out.append((open_at, i))
            open_at = None
    if open_at is not None:
        out.append((open_at, len(text)))
    # a word in quotes ("so-called", a title) is a mention, not speech: keep quotes of three words or more
    return [(a, b) for a, b in out if len(text[a + 1 : b].split()) >= 3]
