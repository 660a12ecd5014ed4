"""The actor dictionary and the sector lexicon, loaded once per process.

Dictionary rows are time-bounded roles: the same actor id can be insurgents before a date and the
government after it, so coding depends on the article's publication date. An article with no date (none
given and none inferred, see ``khabar.published``) never gets the role of "now": when the roles differ,
it gets what they share (the country; the sectors common to all terms, often none) and is marked ambiguous.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from khabar.kb.tables import read_tsv


@dataclass(frozen=True)
class ActorEntry:
    id: str
    name: str
    aliases: tuple[str, ...]
    country: str | None
    sectors: tuple[str, ...]
    kind: str
    valid_from: date | None
    valid_to: date | None
    source: str

    def valid_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True)
class SectorNoun:
    lemma: str
    sectors: tuple[str, ...]
    kind: str


def _distance(entry: ActorEntry, day: date) -> int:
    """Days between ``day`` and the nearest end of the entry's term."""
    ends = [d for d in (entry.valid_from, entry.valid_to) if d is not None]
    return min((abs((day - d).days) for d in ends), default=0)


def _common(candidates: list[ActorEntry]) -> ActorEntry | None:
    """What every term of one actor agrees on, for an undated text: one term is simply that term; terms that
    differ keep the shared country and sectors (the Taliban, INS|REB then GOV: no sector) and say so."""
    if not candidates:
        return None
    first = candidates[0]
    if all((e.country, e.sectors) == (first.country, first.sectors) for e in candidates[1:]):
        return first
    countries = {e.country for e in candidates}
    shared = tuple(s for s in first.sectors if all(s in e.sectors for e in candidates[1:]))
    roles = "; ".join(f"{'|'.join(e.sectors) or '-'} {e.valid_from or '…'} to {e.valid_to or '…'}" for e in candidates)
    return replace(
        first,
        country=first.country if len(countries) == 1 else None,
        sectors=shared,
        valid_from=None,
        valid_to=None,
        source=f"ambiguous without a date: {roles}",
    )


def _date(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


class ActorDictionary:
    """Names and aliases to time-bounded actor roles."""

    def __init__(self, entries: list[ActorEntry]) -> None:
        self.entries = entries
        self._by_name: dict[str, list[ActorEntry]] = {}
        for entry in entries:
            for name in (entry.name, *entry.aliases):
                # acronyms match only as written: "WHO" is an organisation, "who" a pronoun
                key = name if name.isupper() else name.lower()
                self._by_name.setdefault(key, []).append(entry)
        self._by_id: dict[str, list[ActorEntry]] = {}
        for entry in entries:
            self._by_id.setdefault(entry.id, []).append(entry)

    def names(self) -> dict[str, str]:
        """Every surface name (as written in the table) to its actor id."""
        out: dict[str, str] = {}
        for entry in self.entries:
            for name in (entry.name, *entry.aliases):
                out.setdefault(name, entry.id)
        return out

    def lookup(self, name: str, day: date | None) -> ActorEntry | None:
        """The role of the actor called ``name`` on ``day`` (case-insensitive; a leading "the" ignored)."""
        name = name.strip()
        if name.lower().startswith("the "):
            name = name[4:]
        return self._pick(self._by_name.get(name) or self._by_name.get(name.lower(), []), day)

    def by_id(self, actor_id: str, day: date | None) -> ActorEntry | None:
        return self._pick(self._by_id.get(actor_id, []), day)

    def mention(self, actor_id: str, text: str, day: date | None) -> ActorEntry | None:
        """The role of a name the phrase matcher tagged with ``actor_id``. The matcher keeps one id per name,
        but a name can be several actors' ("President Bush", father and son): a role of any of them valid on
        ``day`` comes first."""
        named = self._by_name.get(text) or self._by_name.get(text.lower(), [])
        if day is None:  # undated: what all the name's roles share (``_pick``), never today's
            return self._pick(list(named), None) if named else self.by_id(actor_id, None)
        for entry in named:
            if entry.valid_on(day):
                return entry
        return self.by_id(actor_id, day)

    @staticmethod
    def _pick(candidates: list[ActorEntry], day: date | None) -> ActorEntry | None:
        """The role valid on ``day``; a person out of office on ``day`` is still of their country: the nearest
        term, its sectors dropped. With no day, the roles' common part (``ambiguous``)."""
        if day is None:
            return _common(candidates)
        for entry in candidates:
            if entry.valid_on(day):
                return entry
        people = [entry for entry in candidates if entry.kind == "person"]
        if not people:
            return None
        return replace(min(people, key=lambda e: _distance(e, day)), sectors=())


# Groups, organisations and institutions; then office holders, one row per term (people.tsv); then the same
# built from the Phoenix dictionaries (tools/build_actor_tables.py), which leave out what khabar's own know.
# Order matters: a name's first valid role wins.
ACTOR_TABLES = ("actors.tsv", "people.tsv", "actors_phoenix.tsv", "people_phoenix.tsv")
# Role nouns: khabar's own, then the Phoenix generic agents; the first row for a noun wins.
SECTOR_NOUN_TABLES = ("sector_nouns.tsv", "sector_nouns_phoenix.tsv")


@lru_cache(maxsize=1)
def actor_dictionary() -> ActorDictionary:
    entries = [
        ActorEntry(
            id=row["id"],
            name=row["name"],
            aliases=tuple(a for a in row["aliases"].split("|") if a),
            country=row["country"] or None,
            sectors=tuple(s for s in row["sectors"].split("|") if s),
            kind=row["kind"] or "group",
            valid_from=_date(row["valid_from"]),
            valid_to=_date(row["valid_to"]),
            source=row["source"],
        )
        for table in ACTOR_TABLES
        for row in read_tsv(table)
    ]
    return ActorDictionary(entries)


@lru_cache(maxsize=1)
def sector_nouns() -> dict[str, SectorNoun]:
    """Role nouns ("soldier", "ministry") to sectors; multi-word keys ("armed forces") included."""
    out: dict[str, SectorNoun] = {}
    for row in (row for table in SECTOR_NOUN_TABLES for row in read_tsv(table)):
        lemma = row["lemma"].lower()
        if lemma not in out:  # first row wins: "officer" is MIL unless the context says police
            out[lemma] = SectorNoun(lemma, tuple(x for x in row["sectors"].split("|") if x), row["kind"])
    return out
