"""Event trigger patterns and the PLOVER-to-CAMEO table, loaded once per process."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from khabar.kb.tables import read_tsv

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip


@dataclass(frozen=True)
class TriggerPattern:
    lemma: str
    pos: str
    condition: str  # "", "prep=for", "obj=place", "obj=other", "subj=MIL", "under=effort"
    type: str
    mode: str | None
    cameo: str | None = None  # the CAMEO code the dictionary gives, where a CAMEO pattern matched
    doer: str = ""  # "prep:to": the object of that preposition does the act ("the town fell to X")
    reversed: bool = False  # the subject suffers the act ("appeared before the court")

    @property
    def names_its_verb(self) -> bool:
        """A noun row conditioned on the verb it comes with ("head=tender|submit": "tendered his resignation"):
        that verb carries the noun, and the noun is no content of it."""
        return self.condition.startswith("head=")


@lru_cache(maxsize=1)
def trigger_patterns() -> dict[tuple[str, str], tuple[TriggerPattern, ...]]:
    """(lemma, POS) to its patterns, in table order (the first that fits wins)."""
    out: dict[tuple[str, str], list[TriggerPattern]] = {}
    for row in read_tsv("event_patterns.tsv"):
        if row["type"] not in PLOVER_TYPES:
            raise ValueError(f"[K020] event_patterns.tsv: {row['type']!r} is not a PLOVER category")
        pattern = TriggerPattern(row["lemma"], row["pos"], row["condition"], row["type"], row["mode"] or None)
        out.setdefault((pattern.lemma, pattern.pos), []).append(pattern)
    return {key: tuple(value) for key, value in out.items()}


@lru_cache(maxsize=1)
def hyphenated_event_nouns() -> tuple[str, ...]:
    """Event nouns the table writes with a hyphen ("sit-in"): the tokenizer keeps each one word, or the parser
    sees "sit", "-", "in" and no event."""
    return tuple(sorted({lemma for lemma, pos in trigger_patterns() if pos == "NOUN" and "-" in lemma}))


@lru_cache(maxsize=1)
def _cameo_table() -> dict[tuple[str, str], str]:
    return {(row["type"], row["mode"]): row["cameo"] for row in read_tsv("plover_cameo.tsv")}


def cameo_code(plover_type: str, mode: str | None) -> str | None:
    """The nearest CAMEO code for a PLOVER category and mode (the category's default if the mode has none)."""
    table = _cameo_table()
    return table.get((plover_type, mode or "")) or table.get((plover_type, ""))
