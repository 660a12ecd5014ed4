"""CAMEO verb synonym sets and their patterns (built from PETRARCH2's dictionary), loaded once per process.

Two tables in ``kb/data``: ``cameo_verbs.tsv`` maps a verb (and particle) to its synonym set and default code;
``cameo_verb_patterns.tsv`` refines the code by the words after the verb (object heads, prepositional
phrases) and, rarely, before it. ``constructions.tsv`` is khabar's own table in the pattern layout, for
support-verb constructions the dictionary leaves to its defaults ("take control of", "fall to").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from khabar.kb.tables import read_tsv


@dataclass(frozen=True)
class CameoVerb:
    lemma: str
    particle: str  # "off" for "call off"; "" for the bare verb
    synset: str
    type: str  # PLOVER category; "" when the set's default codes nothing PLOVER keeps
    mode: str | None
    cameo: str


@dataclass(frozen=True)
class CameoPattern:
    """One refinement of a synonym set: every slot must be filled for the pattern to apply."""

    synset: str
    objects: tuple[frozenset[str], ...]  # words after the verb (object heads), each slot a set of alternatives
    preps: tuple[tuple[str, frozenset[str]], ...]  # (preposition or particle, the words its object may be)
    subject: tuple[frozenset[str], ...]  # words of the subject
    type: str  # "" blocks the set's default: CAMEO codes nothing for this use of the verb
    mode: str | None
    cameo: str
    reversed: bool  # the subject suffers the act ("appeared before court")
    doer: str  # "" (the subject) or "prep:to": the object of that preposition does it ("fell to the Taliban")
    source: str

    @property
    def size(self) -> int:
        return len(self.objects) + len(self.preps) + len(self.subject)


def _slots(text: str) -> tuple[frozenset[str], ...]:
    return tuple(frozenset(w for w in slot.split("|") if w) for slot in text.split(";") if slot)


def _preps(text: str) -> tuple[tuple[str, frozenset[str]], ...]:
    out = []
    for item in text.split(";"):
        if not item:
            continue
        prep, _, words = item.partition(":")
        out.append((prep, frozenset(w for w in words.split("|") if w)))
    return tuple(out)


@lru_cache(maxsize=1)
def cameo_verbs() -> dict[str, tuple[CameoVerb, ...]]:
    """Verb lemma -> its entries (with and without particles)."""
    out: dict[str, list[CameoVerb]] = {}
    for row in read_tsv("cameo_verbs.tsv"):
        verb = CameoVerb(row["lemma"], row["particle"], row["synset"], row["type"], row["mode"] or None, row["cameo"])
        out.setdefault(verb.lemma, []).append(verb)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def cameo_patterns() -> dict[str, tuple[CameoPattern, ...]]:
    """Synonym set -> its patterns, khabar's own constructions first, then the most specific (most slots)."""
    out: dict[str, list[CameoPattern]] = {}
    for table in ("constructions.tsv", "cameo_verb_patterns.tsv"):
        for row in read_tsv(table):
            pattern = CameoPattern(
                synset=row["synset"],
                objects=_slots(row["objects"]),
                preps=_preps(row["preps"]),
                subject=_slots(row["subject"]),
                type=row["type"],
                mode=row["mode"] or None,
                cameo=row["cameo"],
                reversed=row["reversed"] == "1",
                doer=row.get("doer", "") or "",
                source=row["source"],
            )
            out.setdefault(pattern.synset, []).append(pattern)
    # stable sort: own constructions keep their place before the dictionary's patterns of the same size
    return {k: tuple(sorted(v, key=lambda p: -p.size)) for k, v in out.items()}


@dataclass(frozen=True)
class PatternIndex:
    """A synonym set's patterns (in order) by one word each cannot fit without: its preposition or particle,
    or a word of its object or subject slot (the slot with the fewest alternatives). A verb is tried only
    against the patterns one of its words names, in the same order, so the first that fits is the same."""

    patterns: tuple[CameoPattern, ...]
    by_prep: dict[str, tuple[int, ...]]
    by_object: dict[str, tuple[int, ...]]
    by_subject: dict[str, tuple[int, ...]]
    object_words: frozenset[str]
    subject_words: frozenset[str]
    always: tuple[int, ...]  # patterns with no slot (none in the tables today): tried every time

    def candidates(self, preps: Iterable[str], words: set[str], subject: set[str]) -> list[CameoPattern]:
        """The patterns (in order) that can fit a verb with these prepositions, object words, subject words."""
        found = set(self.always)
        for prep in preps:
            found.update(self.by_prep.get(prep, ()))
        for word in words & self.object_words:
            found.update(self.by_object[word])
        for word in subject & self.subject_words:
            found.update(self.by_subject[word])
        return [self.patterns[i] for i in sorted(found)]


def _index(patterns: tuple[CameoPattern, ...]) -> PatternIndex:
    keyed: dict[str, dict[str, list[int]]] = {"prep": {}, "object": {}, "subject": {}}
    always: list[int] = []
    for i, pattern in enumerate(patterns):
        slots = [(1, "prep", frozenset({prep})) for prep, _ in pattern.preps]
        slots += [(len(slot), "object", slot) for slot in pattern.objects]
        slots += [(len(slot), "subject", slot) for slot in pattern.subject]
        if not slots or any(not words for _, _, words in slots):
            always.append(i)  # (an empty slot never fits, but the pattern is still tried as before)
            continue
        _, kind, words = min(slots, key=lambda slot: slot[0])  # the first of the narrowest
        for word in words:
            keyed[kind].setdefault(word, []).append(i)

    def frozen(table: dict[str, list[int]]) -> dict[str, tuple[int, ...]]:
        return {word: tuple(found) for word, found in table.items()}

    return PatternIndex(
        patterns=patterns,
        by_prep=frozen(keyed["prep"]),
        by_object=frozen(keyed["object"]),
        by_subject=frozen(keyed["subject"]),
        object_words=frozenset(keyed["object"]),
        subject_words=frozenset(keyed["subject"]),
        always=tuple(always),
    )


@lru_cache(maxsize=1)
def pattern_index() -> dict[str, PatternIndex]:
    """Synonym set -> its patterns indexed by the word each requires (built once per process)."""
    return {synset: _index(patterns) for synset, patterns in cameo_patterns().items()}
