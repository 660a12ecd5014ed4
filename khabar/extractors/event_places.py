"""Where an event happened: its own locative arguments, the clause it is the purpose of, a place the text
points back to, or the nearest place of its sentence; never a place that is one of its parties.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from khabar.extractors.event_parse import _Index, _subtree_chars, _unique
from khabar.model import Actor, Place

PLACE_NOUNS = frozenset({
    "crossing", "city", "town", "village", "territory", "border", "area", "region", "province", "district",
    "capital", "base", "airport", "checkpoint", "post", "road", "highway", "port", "camp", "site", "building",
    "office", "country", "land", "neighbourhood", "neighborhood", "point", "swathe", "gateway", "compound",
})  # fmt: skip


LOCATIVE_PREPS = frozenset({"in", "at", "near", "into", "to", "across", "from", "towards", "toward", "outside",
                            "inside", "on", "around", "through", "within", "over"})  # fmt: skip


# Definite phrases that point back to a place named earlier: the kind of place each one wants.
ANAPHORIC_PLACES = {"area": "local", "site": "local", "scene": "local", "there": "local", "crossing": "local",
                    "city": "local", "town": "local", "region": "local", "country": "country"}  # fmt: skip


# Events of movement and force: "to/into/from X" says where they happened, not to whom.
MOVEMENT_TYPES = frozenset({"RETREAT", "ASSAULT", "MOBILIZE", "COERCE", "PROTEST"})


def _is_place_phrase(head: Token, index: _Index) -> bool:
    if head.lemma_.lower() in PLACE_NOUNS or head.ent_type_ in ("GPE", "LOC", "FAC"):
        return True
    start, end = _subtree_chars(head)
    return bool(index.places_within(start, end))


def _specific_first(places: list[Place]) -> list[Place]:
    """Sub-national places before countries: "captured the crossing between Afghanistan and Iran" is at the crossing."""
    local = [p for p in places if p.kind != "country"]
    return _unique(local or places)


def _anaphoric_place(sent: SpacySpan, places: Sequence[Place]) -> Place | None:
    """ "the area", "the site", "there": the last place of that kind named before this sentence."""
    wanted: str | None = None
    anaphor_at = sent.start_char
    for token in sent:
        kind = ANAPHORIC_PLACES.get(token.lower_)
        if kind and (token.lower_ == "there" or any(c.lower_ == "the" for c in token.children)):
            wanted, anaphor_at = kind, token.idx
            break
    if wanted is None:
        return None
    earlier = [p for p in places if p.span.end <= anaphor_at and p.lat is not None]
    for place in reversed(earlier):
        if (place.kind == "country") == (wanted == "country"):
            return place
    return None


def _across(place: Place, sent: SpacySpan) -> bool:
    """ "a crossing with Iran", "the border between X and Y": the other side, not the site."""
    first = next((t for t in sent if t.idx >= place.span.start), None)
    return first is not None and first.i > 0 and first.nbor(-1).lower_ in ("with", "between", "and")


def event_places(
    token: Token,
    event_type: str,
    sent: SpacySpan,
    parties: list[Actor],
    index: _Index,
    all_places: Sequence[Place],
) -> tuple[list[Place], str]:
    """Where it happened: the trigger's own locative arguments (its object too for acts of movement and
    force: "seized the crossing", not "discussed Libya-Turkey relations"), else those of the clause it is
    the purpose of ("gathered in Cairo to discuss"), else a place the text points back to, else another
    place named in the sentence; never a place that is one of the parties."""
    party_spans = [(a.span.start, a.span.end) for a in parties]

    def free(p: Place) -> bool:
        return not any(s <= p.span.start and p.span.end <= e for s, e in party_spans)

    def under(child: Token) -> list[Place]:
        start, end = _subtree_chars(child)
        return [p for p in index.places_within(start, end) if free(p)]

    def locative(child: Token) -> bool:
        return child.dep_ == "prep" and child.lower_ in LOCATIVE_PREPS

    own: list[Place] = []
    object_deps = ("dobj", "nsubjpass", "attr", "npadvmod") if event_type in MOVEMENT_TYPES else ("npadvmod",)
    for child in token.children:
        # "seized two crossings, the Islam Qala crossing, and the Abu Nazr Farahi crossing"
        coordinated_object = event_type in MOVEMENT_TYPES and child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN")
        if child.dep_ in object_deps or locative(child) or coordinated_object:
            own.extend(under(child))
    if not own and token.dep_ in ("xcomp", "advcl") and token.head is not token:
        own = [p for child in token.head.children if locative(child) for p in under(child)]
    own = _site_of(_specific_first(own), token.doc, parties, all_places)
    if own:
        return own, "argument"
    referent = _anaphoric_place(sent, all_places)
    if referent is not None:
        return [referent], "anaphora"
    in_sentence = [
        p for p in index.places_within(sent.start_char, sent.end_char) if free(p) and not _far_side(p, token.doc)
    ]
    if in_sentence and token.pos_ != "NOUN":
        in_sentence.sort(key=lambda p: abs(p.span.start - token.idx))
        return [in_sentence[0]], "sentence"
    return [], "none"


BORDER_NOUNS = frozenset({"crossing", "border", "frontier", "checkpoint", "gate", "post", "crossings", "borders"})


def _site_of(places: list[Place], doc: Doc, parties: list[Actor], all_places: Sequence[Place]) -> list[Place]:
    """Where the act happened among the places of its arguments. A country named as the far side of a
    border ("seized a border crossing with Iran", "the crossing between Afghanistan and Iran") is not: a
    crossing lies on the side of whoever holds it, so the place is the acting party's own country where the
    article names it, else none. An area that holds another of the places ("near Spin Boldak, Kandahar
    province") only says where that one is."""
    out: list[Place] = []
    for place in places:
        if not _far_side(place, doc):
            out.append(place)
            continue
        side = next((a.country for a in parties if a.country and a.country != place.country), None)
        home = next((p for p in all_places if p.kind == "country" and p.country == side), None)
        if home is not None:
            out.append(home)
    return [p for p in _unique(out) if not any(_holds(p, q) for q in out if q is not p)]


def _holds(area: Place, place: Place) -> bool:
    """Whether ``area`` (an admin area) contains ``place``, by the hierarchy the gazetteer gives each place."""
    if (
        area.kind not in ("admin1", "admin2")
        or place.kind in ("admin1", "country", None)
        or area.country != place.country
    ):
        return False
    if area.kind == "admin1":
        return area.admin1 is not None and area.admin1 == place.admin1
    return place.kind != "admin2" and area.admin2 is not None and area.admin2 == place.admin2


def _far_side(place: Place, doc: Doc) -> bool:
    """Whether ``place`` is a country named as a side of a border ("a crossing with Iran")."""
    span = doc.char_span(place.span.start, place.span.end, alignment_mode="expand")
    return place.kind == "country" and span is not None and _beyond_border(span.root)


def _beyond_border(token: Token) -> bool:
    """Whether ``token`` names a side of a border: the object of "with"/"between" after a border noun."""
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    prep = token.head
    return token.dep_ == "pobj" and prep.lower_ in ("with", "between") and prep.head.lower_ in BORDER_NOUNS
