"""CAMEO verb synonym sets and their patterns (built from PETRARCH2's dictionary), loaded once per process.

Two tables in ``kb/data``: ``cameo_verbs.tsv`` maps a verb (and particle) to its synonym set and default code;
``cameo_verb_patterns.tsv`` refines the code by the words after the verb (object heads, prepositional
phrases) and, rarely, before it. ``constructions.tsv`` is khabar's own table in the pattern layout, for
support-verb constructions the dictionary leaves to its defaults ("take control of", "fall to").
"""

from __future__ import annotations

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
