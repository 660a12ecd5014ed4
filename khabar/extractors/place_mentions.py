"""Place names the NER misses, found by construction and confirmed by the gazetteer.

Five constructions, each a class of miss in news text:
- the ALL-CAPS dateline that opens a wire story ("BEIRUT (AP) -", "KANDAHAR, Afghanistan --");
- "X, Y" containment where Y is a place already found and X a capitalised name ("Pandi, Bulacan");
- a capitalised proper noun after a locative preposition ("a farm near Pirbright", "flights to Krasnodar");
- a place inside a hyphenated modifier ("U.S.-led", "Karachi-based");
- a place that names an institution the NER read as an organisation: before its head noun ("the U.S. Army",
  "Westminster City Council") or after "of" ("University of Glasgow", "Children's Hospital of Pittsburgh").
A candidate counts only if the gazetteer knows it as an area, a region or a place of some size, and the NER
has not called it something else (a person, an organisation, a date); demonyms stay actor evidence.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from khabar.kb.countries import country_code, demonym_country
from khabar.kb.gazetteer import Gazetteer

Mention = tuple[int, int, str, str | None]  # start, end, name, kind hint

_DATELINE = re.compile(
    r"^\s*(?P<name>[A-Z][A-Z'.\-]+(?: [A-Z][A-Z'.\-]+){0,3})"
    r"(?:,\s*(?P<area>[A-Z][A-Za-z.\-]+(?: [A-Z][A-Za-z.\-]+){0,2}))?"
    r"\s*(?:\([A-Za-z .]{2,20}\)\s*)?(?:-{1,2}|—|–|:)\s"
)
_MODIFIER = re.compile(
    r"(?<![\w.])(?P<name>(?:[A-Z]\.){2,}|[A-Z][a-z]+(?: [A-Z][a-z]+)?)"
    r"-(?:led|based|backed|born|made|bound|run|funded|brokered)\b"
)
_NAME = r"[A-Z][\w'\-]+(?: (?:de |del |la )?[A-Z][\w'\-]+){0,2}"
# "the village of Cellardyke", "the villages of Bumbacari and Dudescu": the noun says what the names are
_PLACE_OF = re.compile(
    r"\b(?:towns?|villages?|cit(?:y|ies)|communit(?:y|ies)|islands?|districts?|county|counties|provinces?|"
    r"regions?|municipalit(?:y|ies)|hamlets?|suburbs?|port|settlements?) of (?P<names>"
    + _NAME
    + r"(?:(?:, | and |, and )"
    + _NAME
    + r")*)"
)
# "at Pandi and Talavera", "Cairo, Giza, and Al-Minya": a name coordinated with a place found
_NEXT_IN_LIST = re.compile(r"^(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(" + _NAME + r")")
_BEFORE_COMMA = re.compile(r"(?<![\w'])([A-Z][\w'\-]+(?: [A-Z][\w'\-]+){0,2}),\s*$")
_AFTER_COMMA = re.compile(r"^,\s*([A-Z][\w'\-]+(?: [A-Z][\w'\-]+){0,2})\b")
LOCATIVE = frozenset({"in", "at", "near", "from", "to", "outside", "around", "across", "into", "towards", "toward"})
_OTHER_LABELS = frozenset({"PERSON", "ORG", "DATE", "TIME", "NORP", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT"})
_KINDS = frozenset({"country", "region", "admin1", "admin2", "border crossing", "pass"})
# Head nouns of public bodies and institutions that take the name of the place they serve or stand in
# (not schools, museums, libraries: those are named after people as often as after places).
INSTITUTION_HEADS = frozenset(
    {
        "army",
        "navy",
        "police",
        "constabulary",
        "department",
        "ministry",
        "council",
        "government",
        "parliament",
        "assembly",
        "senate",
        "legislature",
        "court",
        "university",
        "college",
        "hospital",
        "infirmary",
        "clinic",
        "institute",
        "agency",
        "authority",
        "board",
        "commission",
        "office",
        "embassy",
        "consulate",
        "zoo",
        "airport",
        "port",
    }
)
# Words that begin institutions' names without naming a place ("State Department", "Central Hospital").
_NOT_A_NAME = frozenset(
    [
        "state",
        "national",
        "federal",
        "central",
        "city",
        "county",
        "general",
        "royal",
        "supreme",
        "public",
        "health",
        "new",
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "united",
        "international",
        "regional",
    ]
)
MIN_POPULATION = 1000  # a bare capitalised word is a place only if the gazetteer has a town of some size
OVERRIDE_POPULATION = 20_000  # a town this size after "in"/"from" is a place even if the NER saw a person


def _known(gaz: Gazetteer, name: str, min_population: int = MIN_POPULATION) -> bool:
    """Whether ``name`` is an area, a region, a curated site or a town of ``min_population``."""
    if demonym_country(name) is not None and country_code(name) is None:
        return False
    for match in gaz.lookup(name):
        if match.how != "name":
            continue
        entry = match.entry
        if entry.kind in _KINDS or entry.source.startswith("curated") or entry.population >= min_population:
            return True
    return False


def extra_mentions(doc: Doc, text: str, found: list[Mention], gaz: Gazetteer) -> list[Mention]:
    """Mentions of the four constructions above that overlap no entity already found."""
    places = {(s, e) for s, e, _n, _h in found}
    persons = [(ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ == "PERSON"]
    taken = [(s, e) for s, e, _n, _h in found] + [
        (ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ in _OTHER_LABELS
    ]
    out: list[Mention] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or e <= start for s, e in taken)

    def add(start: int, end: int, hint: str | None = None) -> None:
        if start < end and free(start, end):
            out.append((start, end, text[start:end], hint))
            taken.append((start, end))
            places.add((start, end))

    dateline = _DATELINE.match(text)
    if dateline and _known(gaz, dateline.group("name")):
        # the construction outranks the NER, which reads an ALL-CAPS word as an organisation
        taken[:] = [(s, e) for s, e in taken if e <= dateline.start() or dateline.end() <= s or (s, e) in places]
        add(dateline.start("name"), dateline.end("name"))
        if dateline.group("area") and _known(gaz, dateline.group("area")):
            add(dateline.start("area"), dateline.end("area"))
    for match in _MODIFIER.finditer(text):
        if _known(gaz, match.group("name"), 100_000):
            add(match.start("name"), match.end("name"))
    for start, end in _places_in_institutions(doc, gaz):
        if all(end <= s or e <= start for s, e in places):  # the organisation is not a place: only places block
            out.append((start, end, text[start:end], None))
            taken.append((start, end))
            places.add((start, end))

    def add_over(start: int, end: int) -> None:
        """Add a name the construction vouches for even where the NER saw a person or an organisation."""
        taken[:] = [(s, e) for s, e in taken if (s, e) in places or e <= start or end <= s or s < start or e > end]
        add(start, end)

    for match in _PLACE_OF.finditer(text):
        base = match.start("names")
        for part in re.finditer(_NAME, match.group("names")):
            if _known(gaz, part.group(0), 0):
                add_over(base + part.start(), base + part.end())
    for token in doc:
        if token.lower_ not in LOCATIVE or token.i + 1 >= len(doc):
            continue
        nxt = doc[token.i + 1]
        if not (nxt.is_title or nxt.is_upper) or nxt.pos_ != "PROPN":
            continue
        if nxt.ent_type_ in _OTHER_LABELS:
            # "infected in Nottingham" read as a person: the preposition and a sizeable town say place
            ent = next((e for e in doc.ents if e.start == nxt.i), None)
            if (
                ent is not None
                and ent.label_ in ("PERSON", "ORG", "NORP")
                and ent.end == nxt.i + 1
                and _known(gaz, nxt.text, OVERRIDE_POPULATION)
            ):
                add_over(ent.start_char, ent.end_char)
            continue
        end_i = nxt.i
        while end_i + 1 < len(doc) and end_i - nxt.i < 2 and doc[end_i + 1].pos_ == "PROPN" and doc[end_i + 1].is_title:
            end_i += 1
        span = doc[nxt.i : end_i + 1]
        after = doc[end_i + 1] if end_i + 1 < len(doc) else None
        if after is not None and (
            (after.is_title and not after.is_sent_start) or (after.text == "." and len(nxt) <= 3)
        ):
            continue  # "at Franklin Elementary", "to Dr. Lee": the name goes on into something else
        if _known(gaz, span.text):
            add(span.start_char, span.end_char)
    for start, end, _name, _hint in sorted(found + out):
        at_end = end
        while True:  # names coordinated with this one
            listed = _NEXT_IN_LIST.match(text[at_end : at_end + 80])
            if not listed or not _known(gaz, listed.group(1), 0):
                break
            s = at_end + listed.start(1)
            at_end = s + len(listed.group(1))
            if text[at_end : at_end + 1] == "." and len(listed.group(1)) <= 3:
                break  # "PEI, Dr. Sweet": a title, not a place
            if (s, at_end) not in places and not any(ps <= s < pe for ps, pe in persons):
                add_over(s, at_end)  # a person's name ends the list ("Texas, Philmont said")
        before = text[max(0, start - 60) : start]
        containment = _BEFORE_COMMA.search(before)
        if containment:  # "Pandi, Bulacan": a town before an area
            at = start - len(before) + containment.start(1)
            if _known(gaz, containment.group(1), 0):
                add_over(at, at + len(containment.group(1)))
        container = _AFTER_COMMA.match(text[end : end + 60])
        if container and _known(gaz, container.group(1), 10**9):  # after the comma, only an area or region
            at = end + container.start(1)
            add_over(at, at + len(container.group(1)))
    return out


def _places_in_institutions(doc: Doc, gaz: Gazetteer) -> list[tuple[int, int]]:
    """Character spans of places that name an ORG entity with an institution head noun (see the docstring).

    The name must be capitalised and an area, a region or a city of 100,000: "the Boston Globe" has no head
    noun here, and a small town's name at the start of an organisation is more often a person's."""
    out: list[tuple[int, int]] = []
    for ent in doc.ents:
        if ent.label_ != "ORG":
            continue
        tokens = [t for t in ent if not t.is_space]
        while tokens and tokens[0].lower_ == "the":
            tokens = tokens[1:]
        lowers = [t.lower_ for t in tokens]
        if not INSTITUTION_HEADS.intersection(lowers):
            continue
        if "of" in lowers:  # "University of Glasgow": the name after the last "of"
            tail = tokens[len(lowers) - lowers[::-1].index("of") :]
            if 0 < len(tail) <= 3 and all(t.text[:1].isupper() for t in tail):
                span = doc[tail[0].i : tail[-1].i + 1]
                if not all(t.lower_ in _NOT_A_NAME for t in tail) and _known(gaz, span.text, 100_000):
                    out.append((span.start_char, span.end_char))
                    continue
        for size in (3, 2, 1):  # "the U.S. Army": the longest name before the head noun
            head = tokens[:size]
            if (
                len(tokens) <= size
                or not all(t.text[:1].isupper() for t in head)
                or lowers[size - 1] in INSTITUTION_HEADS
            ):
                continue
            span = doc[head[0].i : head[-1].i + 1]
            if not all(t.lower_ in _NOT_A_NAME for t in head) and _known(gaz, span.text, 100_000):
                out.append((span.start_char, span.end_char))
                break
    return out
