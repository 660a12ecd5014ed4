"""Build khabar's Phoenix-derived actor tables from the event-data field's dictionaries.

Reads the Phoenix actor and agent dictionaries (openeventdata/petrarch2, MIT licence) from
``../shared/dictionaries/petrarch2`` and writes khabar's own tables, in khabar's columns, each row with a
``source`` naming the dictionary:

- ``khabar/kb/data/actors_phoenix.tsv``: international bodies, armed non-state groups and national
  institutions (the columns of ``actors.tsv``);
- ``khabar/kb/data/people_phoenix.tsv``: office holders, one row per dated term (the columns of
  ``people.tsv``);
- ``khabar/kb/data/sector_nouns_phoenix.tsv``: generic agents ("soldier", "protester") to sectors (the
  columns of ``sector_nouns.tsv``).

What is left out, and why:
- anything khabar's own tables already name (``actors.tsv``, ``people.tsv``, ``sector_nouns.tsv``): khabar's
  facts are newer (the Taliban govern Afghanistan from 2021-08-15; office holders after 2016);
- country blocks (names, capitals, provinces as aliases of a bare country code): khabar's countries, gazetteer
  and demonyms already say what is a place;
- names that are common English words (a word the reference corpora use in lower case), names made only of
  such words ("Revolutionary Left"), short names (fewer than 4 letters, or 2-letter acronyms), one-word
  aliases of groups other than their own name or acronym ("Tigers", "Paradise"), given names;
- a name the dictionaries give to parties of different countries, a one-word person name (a surname) that
  is also a given name or a surname of another country's people, and a two-word name whose given name and
  surname are both borne in several countries ("Andrew Smith");
- open-ended terms of office are closed at the dictionary's own date: past it the dictionary does not know;
- multinational companies (the International dictionary's stock listings): seldom parties to political
  events, and their names ("Republic Services", "Carnival Corporation") read as ordinary phrases;
- generic agents of everyday life (victims, women, airlines, scientists) and agents that name places or things:
  only agents of the political and armed sectors are kept.

Run from the repository root: ``python tools/build_actor_tables.py [--shared ../shared] [--out DIR]``. The output is
deterministic; commit the three tables, never the dictionaries.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pycountry

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "khabar" / "kb" / "data"
DICTIONARIES = ("petrarch2",)

# The date each dictionary knew the world up to (its header, else the petrarch2 commit): an open-ended
# term ("[AFGGOV >011222]") is closed here.
KNOWN_UNTIL = {
    "Phoenix.Countries.actors.txt": date(2014, 1, 30),  # "Generated at: Thu Jan 30 ... 2014"
    "Phoenix.International.actors.txt": date(2016, 1, 1),
    "Phoenix.MilNonState.actors.txt": date(2016, 1, 1),
}

# CAMEO sector codes to khabar's sector vocabulary (khabar/kb/data/sector_nouns.tsv): the same meaning under
# khabar's name; codes with no khabar equivalent (portfolios such as DEV, regions, organisation ids) are dropped.
SECTORS = {
    "GOV": "GOV", "MIL": "MIL", "REB": "REB", "INS": "INS", "OPP": "OPP", "PTY": "POL", "COP": "COP",
    "JUD": "JUD", "SPY": "SPY", "MED": "MED", "EDU": "EDU", "BUS": "BUS", "CRM": "CRM", "CVL": "CVL",
    "HLH": "HLH", "LAB": "LAB", "LEG": "LEG", "REF": "REF", "AGR": "AGR", "REL": "REL", "IGO": "IGO",
    "NGO": "NGO", "MNC": "BUS", "HRI": "ACT", "NGM": "ACT", "ENV": "ACT", "UAF": "REB",
}  # fmt: skip
# "international militarised group" (al-Qaeda): khabar codes such groups as insurgents of no country.
TRANSNATIONAL = {"IGO": ("IGO",), "NGO": ("NGO",), "NGM": ("ACT",), "MNC": ("BUS",), "IMG": ("INS", "REB")}
# Religion codes: a sector only for clergy ("bishop"); a believer is not a religious body.
RELIGIONS = frozenset({"CHR", "MUS", "BUD", "HIN", "JEW", "SIK", "JAN", "ZRO", "ATH", "REL"})
CLERGY = re.compile(r"(priest|bishop|monk|clergy|cleric|imam|mullah|rabbi|ayatollah|pope|cardinal|nun|mufti)")
# CAMEO country codes that are not ISO 3166 alpha-3.
COUNTRY_FIXES = {"KSV": "XKX", "ROM": "ROU", "ZAR": "COD", "TMP": "TLS"}


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that name a body, not a person: the kind of an undated entry.
ORG_WORDS = _words(
    "army forces force front movement party brigade brigades organization organisation council committee "
    "union league agency ministry commission group groups fund bank court tribunal assembly association "
    "alliance mission office programme program institute foundation federation coalition guard guards "
    "corps police service services network cells cell faction command battalion battalions regiment "
    "militia militias government parliament congress senate authority bureau centre center board "
    "secretariat unit units division navy legion resistance jihad hezbollah tribe clan society community "
    "company corporation inc corp ltd plc llc international holdings team teams squad squads commandos "
    "cadres"
)
SMALL_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "to", "de", "du", "des", "la", "le", "del", "y"})
# Agent nouns that name a place, a thing or an activity rather than a party ("settlement", "publication",
# "village"): as role nouns they would make every such noun phrase an actor.
NOT_PARTIES = re.compile(r"(ment|tion|sion|ity|age|ance|ence|ing|ship|ness)$")
PLACE_NOUNS = _words(
    "village town city camp building area region district neighbourhood neighborhood province country "
    "state capital territory zone base position facility station house site prison jail school website "
    "chamber"
)
# The sectors a generic agent may bring: parties to political and armed events. Agents of everyday life
# ("victim", "woman", "child", "airline", "scientist") would make every such noun a doer of events; khabar's
# own table already has the civilian, business and professional roles news uses for parties.
AGENT_SECTORS = frozenset({"GOV", "MIL", "REB", "INS", "COP", "JUD", "LEG", "OPP", "SPY", "IGO", "NGO", "REF", "CRM"})
PARTY_WORDS = ORG_WORDS | {"administration", "commission", "federation", "association", "institution",
                           "coalition", "opposition", "authority", "community", "organisation", "organization",
                           "corporation", "delegation", "population", "minority", "majority"}  # fmt: skip


@dataclass
class Term:
    country: str | None
    sectors: tuple[str, ...]
    start: date | None
    end: date | None
    elite: bool = False  # CAMEO "ELI": out of office


@dataclass
class Block:
    """One dictionary record: its names and its (possibly dated) codes."""

    file: str
    names: list[str] = field(default_factory=list)
    codes: list[tuple[str, str]] = field(default_factory=list)  # (code, restriction)
    comment: str = ""


# -- reading the dictionaries ------------------------------------------------------------------------------

_BRACKET = re.compile(r"\[([^\]]*)\]")


def read_actor_file(path: Path) -> list[Block]:
    """Records of a Phoenix .actors file. A primary line without a code shares the codes that follow it."""
    blocks: list[Block] = []
    current: Block | None = None
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if not raw.strip() or raw.lstrip().startswith("#") or raw.startswith("<"):
            continue
        line, _, comment = raw.partition("#")
        line = line.partition(";")[0]  # the older TABARI comment mark
        codes = [(c.split()[0], " ".join(c.split()[1:])) for c in _BRACKET.findall(line) if c.split()]
        text = _BRACKET.sub(" ", line).strip()
        if raw[:1] in ("\t", " ") and not text:  # a date restriction
            if current is not None:
                current.codes.extend(codes)
            continue
        if raw.startswith("+"):
            if current is not None and text[1:].strip():
                current.names.append(text[1:].strip())
                current.codes.extend(codes)
            continue
        if not text:
            continue
        if current is None or current.codes:
            current = Block(path.name)
            blocks.append(current)
        current.names.append(text)
        current.codes.extend(codes)
        current.comment = current.comment or comment.strip()
    return [b for b in blocks if b.codes]


def parse_date(text: str) -> date | None:
    digits = re.sub(r"\D", "", text)
    try:
        if len(digits) == 8:
            return date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
        if len(digits) == 6:
            year = int(digits[:2])
            return date(2000 + year if year < 20 else 1900 + year, int(digits[2:4]), int(digits[4:]))
    except ValueError:
        return None
    return None


def country_of(prefix: str) -> str | None:
    prefix = COUNTRY_FIXES.get(prefix, prefix)
    return prefix if pycountry.countries.get(alpha_3=prefix) is not None or prefix == "XKX" else None


def decode(code: str, restriction: str, known_until: date, *, primary_only: bool) -> Term | None:
    """A CAMEO code with its date restriction as a Term; None for a null code or an unreadable date."""
    code = code.strip().upper()
    if not code or code.startswith("---") or not code.isalpha():
        return None
    chunks = [code[i : i + 3] for i in range(0, len(code), 3)]
    country = country_of(chunks[0])
    sectors: list[str] = []
    rest = chunks[1:]
    if country is None:
        if chunks[0] in TRANSNATIONAL:
            sectors.extend(TRANSNATIONAL[chunks[0]])
        elif chunks[0] in SECTORS or chunks[0] == "ELI":
            rest = chunks  # "[ELI]", "[GOV]": a sector with no country
    elite = bool(rest) and rest[0] == "ELI"
    for chunk in rest[:1] if primary_only else rest:
        mapped = SECTORS.get(chunk)
        if mapped and mapped not in sectors:
            sectors.append(mapped)
    start = end = None
    restriction = restriction.strip()
    if restriction.startswith("<"):
        end = parse_date(restriction)
    elif restriction.startswith(">"):
        start = parse_date(restriction)
        end = known_until if start is not None and start <= known_until else None
    elif "-" in restriction:
        left, _, right = restriction.partition("-")
        start, end = parse_date(left), parse_date(right)
        if start is None or end is None or end < start:
            return None
    elif restriction:
        return None
    if restriction and start is None and end is None:
        return None
    return Term(country, tuple(sectors), start, end, elite)


def read_agent_file(path: Path) -> list[tuple[str, str]]:
    """(phrase, code) pairs of the agents file, substitution markers expanded, plural forms left out."""
    markers: dict[str, list[str]] = {}
    out: list[tuple[str, str]] = []
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.partition("#")[0].strip()
        if not line or line.startswith("<"):
            continue
        marker = re.match(r"^!(\w+)!\s*=\s*(.+)$", line)
        if marker:
            markers[marker.group(1)] = [w.strip() for w in marker.group(2).split(",") if w.strip()]
            continue
        code = re.search(r"\[([^\]]*)[\]}]", line)
        if not code:
            continue
        phrase = re.sub(r"\{[^}]*\}", " ", line[: code.start()]).strip()
        found = re.search(r"!(\w+)!", phrase)
        forms = [phrase.replace(found.group(0), w) for w in markers.get(found.group(1), [])] if found else [phrase]
        out.extend((form, code.group(1).strip()) for form in forms)
    return out


# -- words ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Words:
    """What the reference news corpora say about words: which are written in lower case (English words,
    not names), and how often a short word is written in capitals ("UN") rather than title case ("Ban")."""

    common: frozenset[str]
    upper: dict[str, int]
    title: dict[str, int]

    def acronym(self, word: str) -> bool:
        low = word.lower()
        return self.upper.get(low, 0) > self.title.get(low, 0)


def read_words(shared: Path) -> Words:
    common: set[str] = set()
    upper: dict[str, int] = defaultdict(int)
    title: dict[str, int] = defaultdict(int)
    corpora = shared / "corpora"
    for path in sorted(corpora.rglob("*")):
        if path.suffix.lower() not in (".csv", ".txt", ".xml", ".tml", ".naf") or path.stat().st_size > 50_000_000:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for word in re.findall(r"(?<![\w'-])[A-Za-z][a-z'-]*[a-z](?![\w'-])|(?<![\w'-])[a-z](?![\w'-])", text):
            if word[0].islower():
                common.add(word)
            else:
                title[word.lower()] += 1
        for word in re.findall(r"(?<![\w'-])[A-Z]{2,6}(?![\w'-])", text):
            upper[word.lower()] += 1
    if len(common) < 5_000:
        sys.exit(f"too few lower-case words under {corpora} ({len(common)}): are the corpora there?")
    return Words(frozenset(common), dict(upper), dict(title))


PARTICLES = frozenset({"de", "da", "dos", "das", "do", "di", "du", "van", "von", "der", "den", "la", "le", "del"})


def surface(name: str, words_info: Words, *, person: bool = False) -> list[str]:
    """How news writes a dictionary name: "AFGHAN_NATIONAL_ARMY" -> "Afghan National Army"; an acronym
    ("ANSF", "U.N.") stays upper case; a one-word name that could be either ("HAMAS") gives both."""
    name = re.sub(r'\([^)]*\)|"[^"]*"', " ", name)  # "(ETA)" is its own alias; a "nickname" is left out
    words = [w for w in re.split(r"[_\s]+", name.strip(" _")) if w]
    if words and words[0].upper() == "THE":
        words = words[1:]
    if not words or any(ch.isdigit() or ch in '"/&' for ch in "".join(words)):
        return []
    if len(words) == 1:
        word = words[0]
        letters = re.sub(r"[^A-Za-z]", "", word)
        if (
            "." in word
            or re.search(r"[^AEIOUY\W]{4}", word)
            or (len(letters) <= 5 and re.search(r"[^AEIOUY\W]{3}", word))
            or not re.search(r"[AEIOU]", word)
            or (not person and words_info.acronym(letters))
            or (len(letters) <= 4 and not words_info.title.get(letters.lower()))
        ):
            return [word.upper()]
        return [_cap(word), word.upper()]
    out = []
    for i, word in enumerate(words):
        low = word.lower()
        if i and (low in SMALL_WORDS or low in PARTICLES or len(low) == 1):
            out.append(low)
        elif (
            "." in word
            or not re.search(r"[AEIOU]", word)
            or ((not person or len(word) <= 2) and len(word) <= 5 and words_info.acronym(word))
            or (not person and len(word) <= 3 and low not in words_info.common and not words_info.title.get(low))
        ):
            out.append(word.upper())
        else:
            out.append(_cap(word))
    return [" ".join(out)]


def _cap(word: str) -> str:
    """ "AL-QASSAM" -> "Al-Qassam", "CHILDREN'S" -> "Children's", "LASHKAR-E-TAIBA" -> "Lashkar-e-Taiba"."""
    parts = word.split("-")
    return "-".join(p.lower() if i and len(p) == 1 else p[:1].upper() + p[1:].lower() for i, p in enumerate(parts))


def parenthesised(name: str) -> list[str]:
    return [p.strip(" _") for p in re.findall(r"\(([^)]*)\)", name) if p.strip(" _")]


def content_words(alias: str) -> list[str]:
    return [w for w in re.split(r"[\s-]+", alias.lower()) if w and w not in SMALL_WORDS]


def noisy(alias: str, common: frozenset[str]) -> bool:
    """A name that would match ordinary English: a common word, only common words, or too short."""
    letters = re.sub(r"[^A-Za-z]", "", alias)
    if len(letters) < 3 or (not alias.isupper() and len(letters) < 4):
        return True
    if alias.isupper() and " " not in alias:
        return letters.lower() in common or len(letters) < 3
    words = content_words(alias)
    return not words or all(w.strip("'.") in common for w in words)


def is_place(name: str) -> bool:
    """A country, capital or demonym ("Uzbekistan", "Kabul", "Afghan"): khabar codes those as places and
    peoples; as an alias of a group they would turn every mention of the country into the group."""
    from khabar.kb.countries import capital_country, country_code, demonym_country

    return bool(country_code(name) or capital_country(name) or demonym_country(name))


def key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower().replace(".", "")).strip()


# -- building ---------------------------------------------------------------------------------------------


def read_own(name: str) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    header: list[str] | None = None
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if header is None:
            header = cells
            continue
        rows.append(dict(zip(header, cells, strict=False)))
    return rows


def slug(text: str) -> str:
    return "phx-" + re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def source_of(block: Block) -> str:
    return f"Phoenix {block.file.removeprefix('Phoenix.').removesuffix('.txt')} (petrarch2 676801c, MIT)"


def build(shared: Path) -> tuple[list[list[str]], list[list[str]], list[list[str]]]:
    folder = shared / "dictionaries" / "petrarch2"
    if not folder.is_dir():
        sys.exit(f"no petrarch2 dictionaries at {folder}: pass --shared PATH")
    words_info = read_words(shared)
    common = words_info.common
    own_rows: dict[str, list[dict[str, str]]] = defaultdict(list)
    own_ids: dict[str, str] = {}
    for row in read_own("actors.tsv") + read_own("people.tsv"):
        own_rows[row["id"]].append(row)
        for n in (row["name"], *row["aliases"].split("|")):
            if n:
                own_ids.setdefault(key(n), row["id"])
    own_names = set(own_ids)

    # 1. every block, decoded
    decoded: list[tuple[Block, list[Term], str]] = []
    for file in KNOWN_UNTIL:
        for block in read_actor_file(folder / file):
            dated = any(r.strip() for _, r in block.codes)
            terms = [t for c, r in block.codes if (t := decode(c, r, KNOWN_UNTIL[file], primary_only=dated))]
            if not terms:
                continue
            if all(not t.sectors and not t.elite for t in terms):
                continue  # a country block: names, capitals and provinces of a state
            if all(code.upper().startswith("MNC") for code, _ in block.codes):
                continue  # a listed company: seldom a party to political events, and its name often a phrase
            kind = _kind(block, terms)
            decoded.append((block, terms, kind))

    # 2. names: surfaces, with the noise and the ambiguity filtered out
    surfaces: dict[int, list[str]] = {}
    countries_of: dict[str, set[str | None]] = defaultdict(set)
    last_words: dict[str, set[str | None]] = defaultdict(set)
    first_words: dict[str, set[str | None]] = defaultdict(set)
    other_words: set[str] = set()
    for i, (block, terms, kind) in enumerate(decoded):
        names: list[str] = []
        for raw in block.names:
            names.extend(surface(raw, words_info, person=kind == "person"))
            names.extend(s for p in parenthesised(raw) for s in surface(p, words_info))
        surfaces[i] = list(dict.fromkeys(names))
        country = next((t.country for t in terms if t.country), None)
        for name in surfaces[i]:
            countries_of[key(name)].add(country)
            words = key(name).split()
            if kind == "person" and len(words) > 1:
                last_words[words[-1]].add(country)
                first_words[words[0]].add(country)
                other_words.update(words[:-1])
    actors: list[list[str]] = []
    people: list[list[str]] = []
    used_ids: set[str] = set()
    seen_names: set[str] = set()
    for i, (block, terms, kind) in enumerate(decoded):
        known = {own_ids[key(name)] for name in surfaces[i] if key(name) in own_ids}
        kept = []
        for name in surfaces[i]:
            k = key(name)
            if name in seen_names and not known:
                continue  # listed again in a later record: the first one has it (khabar's office holders
                # may share one: "President Bush" is the father's and the son's, the date picks)
            if k in own_names or noisy(name, common) or len(countries_of[k]) > 1 or is_place(name):
                continue
            if kind == "person" and len(k.split()) == 1 and not name.isupper():
                if len(last_words.get(k, set())) > 1 or k in other_words:
                    continue  # a surname of several countries' people, or also a given name
            if kind == "person" and len(k.split()) == 2:  # "President Bush" is a title, not a given name
                given, family = k.split()
                if given not in common and len(first_words[given]) > 1 and len(last_words[family]) > 1:
                    continue  # "Andrew Smith", "Ian Campbell": a common name, borne in many countries
            kept.append(name)
        if known:
            # khabar's own row knows this party, and knows it later than the dictionary: the dictionary's other
            # names become its aliases, with khabar's roles and dates
            country = next((t.country for t in terms if t.country), None)
            own_country = own_rows[next(iter(known))][0]["country"] or None if len(known) == 1 else None
            if own_rows[next(iter(known))][0]["kind"] == "person" if len(known) == 1 else False:
                kept = [n for n in kept if len(key(n).split()) > 1]  # khabar's table chose which surnames to use
            if len(known) == 1 and kept and (country is None or own_country is None or country == own_country):
                seen_names.update(kept)
                for own in own_rows[known.pop()]:
                    fields = ["id", "name", "aliases", "country", "sectors", "kind", "valid_from", "valid_to"]
                    line = [own[f] for f in fields] + [f"khabar roles; aliases: {source_of(block)}"]
                    line[2] = "|".join(kept)
                    (people if own["kind"] == "person" else actors).append(line)
            continue
        if kind != "person":
            # a one-word alias in title case that is not the record's own name ("Tigers", "Paradise", "Avengers"
            # for small armed groups) or that is someone's given name ("Muhammed"): ordinary words and names of
            # other things in news; the record's full names and acronyms still match
            primary = (
                kept[0]
                if kept
                and key(kept[0])
                == key(surface(block.names[0], words_info)[0] if surface(block.names[0], words_info) else "")
                else None
            )
            kept = [n for n in kept if " " in n or n.isupper() or (n == primary and key(n) not in other_words)]
            # "Al-Aqsa" for the Al-Aqsa Martyrs' Brigades names the mosque: a one-word name that only begins a
            # longer name of the same record is a truncation, and the longer names match anyway
            kept = [n for n in kept if " " in n or not any(o.lower().startswith(n.lower() + " ") for o in kept)]
        if not kept:
            continue
        seen_names.update(kept)
        ident = slug(kept[0])
        while ident in used_ids:
            ident += "-x"
        used_ids.add(ident)
        name, aliases = kept[0], "|".join(kept[1:])
        rows = _rows(terms, kind)
        for country, sectors, start, end in rows:
            dates = [start.isoformat() if start else "", end.isoformat() if end else ""]
            line = [ident, name, aliases, country or "", "|".join(sectors), kind, *dates, source_of(block)]
            (people if kind == "person" else actors).append(line)
    return actors, people, build_agents(folder, common)


def _kind(block: Block, terms: list[Term]) -> str:
    """person, group (armed or political) or organisation. A dated entry is a person in office; an undated
    one is a person when its names are two to four words with none that names a body ("Hafiz Saeed")."""
    if any(t.start or t.end or t.elite for t in terms):
        return "person"
    names = [key(n).split() for n in block.names]
    words = {w for n in names for w in n}
    primary = names[0] if names else []
    business = any(code.upper().startswith("MNC") for code, _ in block.codes) or (
        terms[0].sectors[:1] in (("BUS",), ("MED",), ("NGO",))
    )
    armed = block.file == "Phoenix.MilNonState.actors.txt"  # its leaders are listed as names of the group
    named = 2 <= len(primary) <= 4 and not set(primary) & (SMALL_WORDS - {"de", "la", "le"})
    if not business and not armed and not words & ORG_WORDS and named:
        return "person"
    if armed or set(terms[0].sectors) & {"MIL", "REB", "INS"}:
        return "group"
    return "organisation"


def _rows(terms: list[Term], kind: str) -> list[tuple[str | None, tuple[str, ...], date | None, date | None]]:
    """khabar rows for a block's terms: dated terms in date order, then one undated default. An out-of-office
    ("ELI") period is no row: khabar codes a person outside every term by country alone."""
    country = next((t.country for t in terms if t.country), None)
    dated = sorted((t for t in terms if (t.start or t.end) and not t.elite and t.sectors),
                   key=lambda t: (t.start or date.min, t.end or date.max))  # fmt: skip
    rows = [(t.country or country, t.sectors, t.start, t.end) for t in dated]
    default = [t for t in terms if not (t.start or t.end)]
    if default and default[0].sectors and not default[0].elite:
        rows.append((default[0].country or country, default[0].sectors, None, None))
    elif not rows and kind == "person":
        rows.append((country, (), None, None))  # known only out of office: a person of their country
    return rows


def build_agents(folder: Path, common: frozenset[str]) -> list[list[str]]:
    """Generic agents of one or two consecutive words ("soldier", "riot police") as sector nouns."""
    own = {row["lemma"].lower() for row in read_own("sector_nouns.tsv")}
    out: dict[str, list[str]] = {}
    for phrase, code in read_agent_file(folder / "Phoenix.agents.txt"):
        if " " in phrase.strip():  # words with a gap between them: not a noun phrase
            continue
        words = [w.lower() for w in phrase.strip("_").split("_") if w]
        lemma = " ".join(words)
        if not words or len(words) > 2 or lemma in own or lemma in out or len(lemma) < 4:
            continue
        if not all(re.fullmatch(r"[a-z][a-z'-]*", w) for w in words):
            continue
        if words[-1] in PLACE_NOUNS or (NOT_PARTIES.search(words[-1]) and words[-1] not in PARTY_WORDS):
            continue  # a place or a thing, not a party
        chunks = code.replace("~", "")
        chunks_list = [chunks[i : i + 3] for i in range(0, len(chunks), 3)]
        if chunks_list and chunks_list[0] in RELIGIONS and not CLERGY.search(lemma):
            continue  # "Christian", "Muslim": believers, not a religious body
        sectors: list[str] = []
        for chunk in chunks_list:
            mapped = "REL" if chunk in RELIGIONS else SECTORS.get(chunk) or TRANSNATIONAL.get(chunk, (None,))[0]
            if mapped and mapped not in sectors:
                sectors.append(mapped)
        if not sectors or sectors[0] not in AGENT_SECTORS:
            continue
        body = words[-1] in ORG_WORDS or words[-1].endswith(("ry", "ment", "ion", "ity"))
        kind = "organisation" if body else "person"
        out[lemma] = [lemma, "|".join(sectors), kind, "Phoenix agents (petrarch2 676801c, MIT)"]
    return [out[k] for k in sorted(out)]


HEADERS = {
    "actors_phoenix.tsv": (
        "# International bodies, armed non-state groups and national institutions, built by\n"
        "# tools/build_actor_tables.py from the Phoenix actor dictionaries (openeventdata/petrarch2, MIT).\n"
        "# Same columns as actors.tsv; khabar's own rows win (names they know are left out here).\n",
        ["id", "name", "aliases", "country", "sectors", "kind", "valid_from", "valid_to", "source"],
    ),
    "people_phoenix.tsv": (
        "# Office holders, one row per term, built by tools/build_actor_tables.py from the Phoenix actor\n"
        "# dictionaries (openeventdata/petrarch2, MIT). Same columns as people.tsv; a term the dictionary left\n"
        "# open ends at the dictionary's date. khabar's own rows win (names they know are left out here).\n",
        ["id", "name", "aliases", "country", "sectors", "kind", "valid_from", "valid_to", "source"],
    ),
    "sector_nouns_phoenix.tsv": (
        "# Generic agents (role nouns) to sectors, built by tools/build_actor_tables.py from the Phoenix agents\n"
        "# dictionary (openeventdata/petrarch2, MIT). Same columns as sector_nouns.tsv; its rows come first.\n",
        ["lemma", "sectors", "kind", "source"],
    ),
}


def write(folder: Path, name: str, rows: list[list[str]]) -> None:
    comment, header = HEADERS[name]
    with (folder / name).open("w", encoding="utf-8", newline="") as handle:
        handle.write(comment)
        for row in [header, *rows]:
            handle.write("\t".join(cell.replace("\t", " ") for cell in row) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared", help="the shared/ folder")
    parser.add_argument("--out", type=Path, default=DATA, help="where to write the tables (default: khabar's)")
    args = parser.parse_args()
    actors, people, agents = build(args.shared)
    args.out.mkdir(parents=True, exist_ok=True)
    write(args.out, "actors_phoenix.tsv", actors)
    write(args.out, "people_phoenix.tsv", people)
    write(args.out, "sector_nouns_phoenix.tsv", agents)
    print(f"{len(actors)} actor rows, {len(people)} office-holder terms, {len(agents)} agent nouns", file=sys.stderr)


if __name__ == "__main__":
    main()
