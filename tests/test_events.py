"""The events coder: arguments read off the parse, one record per real event, modes and CAMEO."""

from __future__ import annotations

from datetime import date

import pytest

from khabar.kb.event_patterns import PLOVER_TYPES, cameo_code, trigger_patterns
from khabar.model import Article, Event, Report


def _events(pipeline, text: str) -> list[Event]:  # type: ignore[no-untyped-def]
    report = next(iter(pipeline.run([Article.new(text, published=date(2024, 5, 10))])))
    assert isinstance(report, Report)
    return list(report.events)


def test_every_pattern_names_a_plover_category_with_a_cameo_code() -> None:
    for patterns in trigger_patterns().values():
        for pattern in patterns:
            assert pattern.type in PLOVER_TYPES
            assert cameo_code(pattern.type, pattern.mode) is not None


def test_founding_article_one_record_per_crossing(seed_report: Report) -> None:
    seizures = [e for e in seed_report.events if e.type == "ASSAULT" and e.place is not None]
    places = sorted(e.place.name for e in seizures if e.place)
    assert places == ["Abu Nazr Farahi", "Islam Qala"]


def test_founding_article_attributions_reach_their_events(seed_report: Report) -> None:
    agree = next(e for e in seed_report.events if e.type == "AGREE")
    assert agree.attribution is not None and agree.attribution.anonymous
    mobilize = next(e for e in seed_report.events if e.type == "MOBILIZE")
    assert mobilize.attribution is not None and mobilize.attribution.via == "AFP"
    assert mobilize.place is not None and mobilize.place.name == "Islam Qala"  # "the area", "the site"


def test_relative_clause_gives_the_antecedent_as_actor(pipeline) -> None:  # type: ignore[no-untyped-def]
    events = _events(pipeline, "Iran returned the Afghan soldiers who fled across the border into Iran.")
    fled = next(e for e in events if e.trigger.text == "fled")
    assert [(a.country, a.sectors) for a in fled.actors] == [("AFG", ("MIL",))]


def test_passive_agent_is_the_actor(pipeline) -> None:  # type: ignore[no-untyped-def]
    events = _events(pipeline, "The village was attacked by Boko Haram fighters on Tuesday.")
    attack = next(e for e in events if e.type == "ASSAULT")
    assert attack.actors and attack.actors[0].country == "NGA"


def test_negation_is_a_modality(pipeline) -> None:  # type: ignore[no-untyped-def]
    events = _events(pipeline, "The Israeli army did not withdraw from the town.")
    assert events and events[0].modality == "negated"


def test_stated_intent_to_harm_is_threaten(pipeline) -> None:  # type: ignore[no-untyped-def]
    events = _events(pipeline, "Palestinian leaders said they would boycott all contact with the United States.")
    assert [e.type for e in events] == ["THREATEN"]


def test_sentence_without_event_gives_none(pipeline) -> None:  # type: ignore[no-untyped-def]
    assert _events(pipeline, "The Islam Qala crossing is a vital trade route for Afghanistan.") == []


@pytest.mark.parametrize("text", ["", "   \n  "])
def test_empty_text_is_skipped_not_crashed(pipeline, text: str) -> None:  # type: ignore[no-untyped-def]
    from khabar.model import Skipped

    (result,) = list(pipeline.run([Article.new(text)]))
    assert isinstance(result, Skipped) and result.code == "empty"


def _types_and_parties(pipeline, text: str) -> list[tuple[str, list[str | None], list[str | None]]]:  # type: ignore[no-untyped-def]
    return [(e.type, [a.country for a in e.actors], [r.country for r in e.recipients]) for e in _events(pipeline, text)]


def test_reported_obligation_is_a_request_of_the_speaker(pipeline) -> None:  # type: ignore[no-untyped-def]
    coded = _types_and_parties(pipeline, "Kenya said on Monday that Somalia must hand over the suspects.")
    assert coded == [("REQUEST", ["KEN"], ["SOM"])]


def test_refusing_a_friendly_act_is_reject(pipeline) -> None:  # type: ignore[no-untyped-def]
    coded = _types_and_parties(pipeline, "Jordan will not accept the new border agreement.")
    assert [c[0] for c in coded] == ["REJECT"]


def test_conditional_promise_of_harm_is_threaten(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "Ghana will withdraw its troops from Mali unless the junta holds elections."
    assert [c[0] for c in _types_and_parties(pipeline, text)] == ["THREATEN"]


def test_what_an_event_is_about_is_not_another_event(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "Chile rejected an invitation to attend a summit on the dispute."
    assert [c[0] for c in _types_and_parties(pipeline, text)] == ["REJECT"]


def test_a_reported_attack_with_its_own_actor_stays_an_event(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "Kenya condemned the al-Shabaab attack on the hotel."
    assert sorted(c[0] for c in _types_and_parties(pipeline, text)) == ["ACCUSE", "ASSAULT"]


def test_quantified_people_are_the_actor(pipeline) -> None:  # type: ignore[no-untyped-def]
    coded = _types_and_parties(pipeline, "Thousands of Kenyan teachers demonstrated in Nairobi on Tuesday.")
    assert coded and coded[0][0] == "PROTEST" and coded[0][1] == ["KEN"]
