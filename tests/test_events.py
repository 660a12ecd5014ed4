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


def _parties(event: Event) -> tuple[list[tuple[str | None, str]], list[tuple[str | None, str]]]:
    return [(a.country, a.how) for a in event.actors], [(a.country, a.how) for a in event.recipients]


def test_support_verb_gives_the_doer_and_of_gives_the_target_of_force(pipeline) -> None:  # type: ignore[no-untyped-def]
    events = _events(pipeline, "Israel today mounted its long-threatened invasion of South Lebanon.")
    invasion = next(e for e in events if e.trigger.text == "invasion")
    assert invasion.type == "ASSAULT"
    assert [a.country for a in invasion.actors] == ["ISR"] and [a.country for a in invasion.recipients] == ["LBN"]


def test_imposing_a_curfew_is_the_authorities_act(pipeline) -> None:  # type: ignore[no-untyped-def]
    events = _events(pipeline, "Turkish authorities have imposed a curfew in the town of Cizre.")
    curfew = next(e for e in events if e.type == "COERCE")
    assert [(a.country, a.sectors) for a in curfew.actors] == [("TUR", ("GOV",))]


def test_demonym_in_front_of_an_event_noun_is_its_party(pipeline) -> None:  # type: ignore[no-untyped-def]
    events = _events(pipeline, "Palestinian riots against Israeli military policies are still continuing.")
    riots = next(e for e in events if e.type == "PROTEST")
    assert _parties(riots)[0] == [("PSE", "demonym")]


def test_coordinated_demonyms_give_one_actor_per_country(pipeline) -> None:  # type: ignore[no-untyped-def]
    events = _events(pipeline, "Senior Hungarian and Romanian officials agreed on Wednesday to cooperate.")
    agree = next(e for e in events if e.type == "AGREE")
    assert sorted(a.country or "" for a in agree.actors) == ["HUN", "ROU"]


def test_party_of_no_country_takes_the_country_of_the_place(pipeline) -> None:  # type: ignore[no-untyped-def]
    events = _events(pipeline, "Prisoners rioted at a jail in East Timor's capital Dili on Monday.")
    riot = next(e for e in events if e.type == "PROTEST")
    assert _parties(riot)[0] == [("TLS", "place")]
    foreign = _events(pipeline, "Foreign troops attacked a village in Helmand province on Monday.")
    attack = next(e for e in foreign if e.type == "ASSAULT")
    assert all(a.country is None for a in attack.actors), "troops called foreign do not take the place's country"


def test_rebels_blocking_a_road_obstruct_and_soldiers_restrict(pipeline) -> None:  # type: ignore[no-untyped-def]
    rebels = _events(pipeline, "Rebels in the Ivory Coast on Tuesday blocked transport into Abidjan.")
    soldiers = _events(pipeline, "Soldiers blocked the road into Abidjan on Tuesday.")
    assert [e.type for e in rebels if e.trigger.text == "blocked"] == ["PROTEST"]
    assert [e.type for e in soldiers if e.trigger.text == "blocked"] == ["COERCE"]


def test_staged_is_lemmatised_as_stage(pipeline) -> None:  # type: ignore[no-untyped-def]
    events = _events(pipeline, "Thousands of students staged demonstrations in Jakarta on Saturday.")
    demo = next(e for e in events if e.type == "PROTEST")
    assert demo.actors and demo.actors[0].sectors == ("EDU",)


def test_agentless_passive_killing_is_an_assault_on_its_victims(pipeline) -> None:  # type: ignore[no-untyped-def]
    events = _events(pipeline, "At least three Iraqi civilians have been killed in a suicide car bombing in Baghdad.")
    assault = [e for e in events if e.type == "ASSAULT"]
    assert len(assault) == 1 and not assault[0].actors
    assert [(a.country, a.sectors) for a in assault[0].recipients] == [("IRQ", ("CVL",))]


def test_purpose_of_a_protest_is_not_a_second_event(pipeline) -> None:  # type: ignore[no-untyped-def]
    events = _events(pipeline, "Thousands of students staged demonstrations in Jakarta on Saturday to demand reforms.")
    assert [e.type for e in events] == ["PROTEST"]


def test_the_request_an_answer_rejects_is_not_a_second_event(pipeline) -> None:  # type: ignore[no-untyped-def]
    events = _events(pipeline, "Beirut again rejected a United Nations appeal for deploying army troops on Thursday.")
    assert "REQUEST" not in [e.type for e in events] and "REJECT" in [e.type for e in events]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The government shortened the curfew by one hour on Thursday.", "CONCEDE"),
        ("A newspaper in Beirut has violated a ban on reporting the talks.", "REJECT"),
        ("The European Community on Monday gave the Ivory Coast 5.1 million dollars of aid.", "AID"),
    ],
)
def test_more_triggers(pipeline, text: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    assert expected in [e.type for e in _events(pipeline, text)]


def test_the_antecedent_of_where_or_of_a_passive_relative_is_not_the_doer(pipeline) -> None:  # type: ignore[no-untyped-def]
    events = _events(pipeline, "Hundreds demonstrated in Serbia, where 24 civilians were killed in riots last March.")
    assert not [a for e in events for a in e.actors if a.name == "Serbia"], "a place is not who killed"
    passive = _events(pipeline, "The soldiers who were killed in the ambush were buried in Kabul on Friday.")
    assert not [e for e in passive if e.type == "ASSAULT" and [a.name for a in e.actors] == ["soldiers"]]


def test_a_topic_is_not_where_a_meeting_happened(pipeline) -> None:  # type: ignore[no-untyped-def]
    events = _events(
        pipeline,
        "Egyptian foreign minister Sameh Shoukry and his Greek, Cypriot and French counterparts gathered in "
        "Cairo on Wednesday to discuss Libya-Turkey relations.",
    )
    consult = [e for e in events if e.type == "CONSULT"]
    assert len(consult) == 1, "one meeting, not one per country named in its topic"
    assert consult[0].place is not None and consult[0].place.name == "Cairo"
    assert sorted({a.country or "" for a in consult[0].actors}) == ["CYP", "EGY", "FRA", "GRC"]


def test_call_for_is_a_request_only_without_an_object(pipeline) -> None:  # type: ignore[no-untyped-def]
    assert "REQUEST" in [e.type for e in _events(pipeline, "The United Nations called for talks on Monday.")]
    projected = _events(pipeline, "The AP and NBC News called Nevada for Biden on Saturday.")
    assert "REQUEST" not in [e.type for e in projected], "projecting a result is not a request"


def test_one_person_talking_about_something_is_no_consultation(pipeline) -> None:  # type: ignore[no-untyped-def]
    alone = _events(pipeline, "With Wikinews, Lusk discussed why she joined the Life and Liberty Party.")
    assert "CONSULT" not in [e.type for e in alone]
    together = _events(pipeline, "President Putin discussed the war with Chancellor Scholz on Friday.")
    assert "CONSULT" in [e.type for e in together]
