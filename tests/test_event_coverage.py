"""Issue 13: the CAMEO verb space, constructions, modality and background, on sentences written for the test."""

from __future__ import annotations

from datetime import date

import pytest

from khabar.kb.cameo_verbs import cameo_patterns, cameo_verbs
from khabar.kb.event_patterns import PLOVER_TYPES
from khabar.model import MODALITIES, Article, Event, Report


def _events(pipeline, text: str, published: date = date(2024, 5, 10)) -> list[Event]:  # type: ignore[no-untyped-def]
    report = next(iter(pipeline.run([Article.new(text, published=published)])))
    assert isinstance(report, Report)
    return list(report.events)


def _types(pipeline, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [e.type for e in _events(pipeline, text)]


def test_cameo_tables_name_plover_categories_and_a_source() -> None:
    verbs = [v for entries in cameo_verbs().values() for v in entries]
    assert len(verbs) > 1500, "the CAMEO synonym sets cover well over a thousand verbs"
    assert all(v.type in PLOVER_TYPES or v.type == "" for v in verbs)
    patterns = [p for entries in cameo_patterns().values() for p in entries]
    assert all(p.type in PLOVER_TYPES or p.type == "" for p in patterns)
    assert all(p.source for p in patterns)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Japanese prime minister telephoned the German chancellor on Tuesday.", ("CONSULT", "phone")),
        ("Norway donated medical supplies to Yemen.", ("AID", None)),
        ("Spain extradited the suspect to France last week.", ("COOPERATE", None)),
        ("Rebel fighters took control of the border town on Sunday.", ("COERCE", "seize")),
        ("Police dispersed the protesters with tear gas.", ("COERCE", "restrict")),
    ],
)
def test_verbs_the_hand_table_does_not_know(pipeline, text: str, expected: tuple[str, str | None]) -> None:  # type: ignore[no-untyped-def]
    events = _events(pipeline, text)
    assert expected in [(e.type, e.mode) for e in events], [(e.type, e.mode, e.trigger.text) for e in events]


def test_the_doer_of_fall_to_is_the_one_it_falls_to(pipeline) -> None:  # type: ignore[no-untyped-def]
    events = _events(pipeline, "The provincial capital fell to the insurgents after a week of fighting.")
    seizure = next(e for e in events if e.trigger.text == "fell")
    assert seizure.type == "COERCE"
    assert [a.name for a in seizure.actors] == ["insurgents"]


def test_a_light_verb_alone_is_no_event(pipeline) -> None:  # type: ignore[no-untyped-def]
    assert _types(pipeline, "The minister took a train to the coast.") == []
    assert _types(pipeline, "The committee issued its annual report.") == []


def test_calling_off_a_strike_is_a_concession_not_a_protest(pipeline) -> None:  # type: ignore[no-untyped-def]
    assert _types(pipeline, "The dockworkers' union called off the strike on Friday.") == ["CONCEDE"]


def test_reciprocal_parties_failing_to_agree_reject(pipeline) -> None:  # type: ignore[no-untyped-def]
    assert "REJECT" in _types(pipeline, "Greece and Turkey failed to reach an agreement on the islands.")


@pytest.mark.parametrize(
    ("text", "modality", "category"),
    [
        ("The army did not attack the village.", "negated", None),
        # PLOVER codes a stated intention to meet as AGREE (the manual: one category, not CONSULT + future)
        ("The two leaders will meet in Geneva next month.", "future", "AGREE"),
        ("The ministers are due to meet in Oslo.", "future", "AGREE"),
        ("Government forces tried to seize the airport.", "attempted", None),
        ("The army could attack the town.", "hypothetical", None),
        ("The army will extend the curfew in the capital.", "future", "THREATEN"),
    ],
)
def test_modality_on_every_event(pipeline, text: str, modality: str, category: str | None) -> None:  # type: ignore[no-untyped-def]
    events = _events(pipeline, text)
    assert events, text
    assert modality in MODALITIES
    assert events[0].modality == modality, [(e.type, e.modality, e.trigger.text) for e in events]
    if category:
        assert events[0].type == category


def test_a_reported_act_has_no_modality(pipeline) -> None:  # type: ignore[no-untyped-def]
    events = _events(pipeline, "Soldiers attacked the convoy near the border on Monday.")
    assert [(e.type, e.modality) for e in events] == [("ASSAULT", None)]


def test_an_act_dated_long_before_the_article_is_background(pipeline) -> None:  # type: ignore[no-untyped-def]
    old = _events(pipeline, "In 1968, Soviet troops invaded the country.", published=date(2021, 7, 9))
    assert old and all(e.background for e in old)
    recent = _events(pipeline, "On Monday, soldiers invaded the village.", published=date(2021, 7, 9))
    assert recent and not any(e.background for e in recent)


@pytest.mark.parametrize(
    ("text", "doer", "country"),
    [
        ("Russian aircraft killed twelve civilians in the market.", "Russian aircraft", "RUS"),
        ("The Hezbollah (Party of God) group declared a ceasefire.", "Hezbollah", "LBN"),
    ],
)
def test_an_event_never_needs_a_known_actor(pipeline, text: str, doer: str, country: str) -> None:  # type: ignore[no-untyped-def]
    events = _events(pipeline, text)
    assert events, text
    assert (doer, country) in [(a.name, a.country) for a in events[0].actors]


def test_a_wire_dateline_is_never_an_actor(pipeline) -> None:  # type: ignore[no-untyped-def]
    dateline = "KANDAHAR, Afghanistan (AP) — "
    events = _events(pipeline, dateline + "Insurgents attacked a police post on Friday.")
    assert [a.name for e in events for a in e.actors] == ["Insurgents"]
    assert all(a.span.start >= len(dateline) for e in events for a in e.actors)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Chinese foreign minister arrived in Moscow on a three-day visit.", "CONSULT"),
        ("Thousands of people marched through the capital to protest against the new law.", "PROTEST"),
        ("A suicide bomber blew himself up at a checkpoint, killing four policemen.", "ASSAULT"),
        ("Turkey gave the militants an ultimatum to leave the border area.", "THREATEN"),
        ("The president bowed to pressure and released the prisoners.", "CONCEDE"),
    ],
)
def test_constructions_of_ordinary_news(pipeline, text: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    assert expected in _types(pipeline, text)


def test_what_an_accusation_is_of_is_not_an_event(pipeline) -> None:  # type: ignore[no-untyped-def]
    assert _types(pipeline, "Human rights groups accused the army of torturing detainees.") == ["ACCUSE"]


@pytest.mark.parametrize(
    ("headline", "category", "doer"),
    [
        ("Rebels Seize Airport In Northern Town", "COERCE", "Rebels"),
        ("Police Arrest Dozens Of Students In Dhaka", "COERCE", "Police"),
        ("Norway Sends Aid To Flood Victims", "AID", "Norway"),
    ],
)
def test_title_case_headline_verbs_are_verbs(pipeline, headline: str, category: str, doer: str) -> None:  # type: ignore[no-untyped-def]
    events = _events(pipeline, headline + "\n\nThe full report follows in the next paragraph.")
    assert [(e.type, [a.name for a in e.actors]) for e in events][:1] == [(category, [doer])]


def test_a_title_without_a_known_verb_is_no_event(pipeline) -> None:  # type: ignore[no-untyped-def]
    assert _types(pipeline, "The Year In Review\n\nIt was a long year for everyone.") == []


def test_a_protest_lodged_with_a_government_is_a_complaint(pipeline) -> None:  # type: ignore[no-untyped-def]
    assert _types(pipeline, "Chile lodged a formal protest with Peru over the fishing dispute.") == ["ACCUSE"]
    assert _types(pipeline, "Students staged a protest outside the ministry.") == ["PROTEST"]


def test_an_event_noun_that_fails_its_own_condition_leaves_the_verb_to_code(pipeline) -> None:  # type: ignore[no-untyped-def]
    events = _events(pipeline, "The supreme court opened a hearing on Monday into the conduct of the election.")
    assert [(e.type, e.mode) for e in events] == [("ACCUSE", "investigate")]


def test_an_effort_noun_stands_for_its_event(pipeline) -> None:  # type: ignore[no-untyped-def]
    events = _events(pipeline, "Norway launched a mediation effort between Sudan and South Sudan.")
    assert [(e.type, [a.name for a in e.actors]) for e in events] == [("CONSULT", ["Norway"])]


def test_a_measure_nobody_took_is_no_event(pipeline) -> None:  # type: ignore[no-untyped-def]
    assert "COERCE" not in _types(pipeline, "Spain backed a resolution that aims to impose a naval blockade.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tens of thousands marched in Santiago against the pension reform.", ("PROTEST", "demo")),
        ("The Kenyan president held a phone call with his Tanzanian counterpart.", ("CONSULT", "phone")),
        ("The emir received the Pakistani prime minister in Doha.", ("CONSULT", "visit")),
        ("Serbia massed troops near the border with Kosovo.", ("MOBILIZE", "troops")),
        ("The government scrapped the fuel tax increase after a week of protests.", ("CONCEDE", None)),
        ("Canada approved a package of humanitarian assistance for Haiti.", ("AID", None)),
    ],
)
def test_recent_news_phrasings(pipeline, text: str, expected: tuple[str, str | None]) -> None:  # type: ignore[no-untyped-def]
    assert expected in [(e.type, e.mode) for e in _events(pipeline, text)]


def test_continuing_an_act_carries_it(pipeline) -> None:  # type: ignore[no-untyped-def]
    events = _events(pipeline, "A group of Kurdish refugees are continuing a hunger strike outside the parliament.")
    assert [e.type for e in events] == ["PROTEST"]
    assert [a.name for a in events[0].actors] == ["Kurdish refugees"]


def test_an_instruments_user_is_the_doer_of_a_passive(pipeline) -> None:  # type: ignore[no-untyped-def]
    events = _events(pipeline, "Two policemen were killed by a landmine planted by Shabaab militants.")
    assert [(e.type, [a.name for a in e.actors], [r.name for r in e.recipients]) for e in events] == [
        ("ASSAULT", ["Shabaab militants"], ["Two policemen"])
    ]


def test_coordinated_doers_of_a_support_verb(pipeline) -> None:  # type: ignore[no-untyped-def]
    events = _events(pipeline, "Japan and Australia imposed sanctions on the junta.")
    assert sorted(a.name for e in events for a in e.actors) == ["Australia", "Japan"]


@pytest.mark.parametrize(
    "text",
    [
        "The United Nations deployed 2,000 peacekeepers along the ceasefire line on Monday.",
        "Ghana sent peacekeeping troops to the island last week.",
    ],
)
def test_deploying_peacekeepers_is_aid_as_cameo_074_says(pipeline, text: str) -> None:  # type: ignore[no-untyped-def]
    assert _types(pipeline, text) == ["AID"]
    assert _types(pipeline, "The army deployed tanks along the border on Monday.") == ["MOBILIZE"]


def test_a_press_release_is_a_document_not_a_release(pipeline) -> None:  # type: ignore[no-untyped-def]
    assert "RETREAT" not in _types(pipeline, "The ministry said in a press release on Friday that it was pleased.")
    assert "RETREAT" in _types(pipeline, "The rebels announced the release of 20 prisoners on Friday.")


def test_a_coordinated_verb_shares_its_first_conjuncts_modality(pipeline) -> None:  # type: ignore[no-untyped-def]
    events = _events(pipeline, "The rebels will attack the town and seize the airport.")
    assert events and all(e.modality == "future" for e in events)
    # a blockade named in what a resolution aims at is no act anyone did
    text = "Chile backed a resolution that aims to tighten sanctions and impose a naval blockade on the port."
    assert "COERCE" not in _types(pipeline, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Turkish president spoke by telephone with his Iranian counterpart.", ("CONSULT", "phone")),
        ("The navy put its ships on high alert after the drills.", ("MOBILIZE", "troops")),
        ("The ministry placed police on alert before the match.", ("MOBILIZE", "police")),
        ("The gunmen used passengers as human shields.", ("ASSAULT", "abduct")),
    ],
)
def test_constructions_of_light_verbs(pipeline, text: str, expected: tuple[str, str]) -> None:  # type: ignore[no-untyped-def]
    assert [(e.type, e.mode) for e in _events(pipeline, text)] == [expected]


def test_states_named_by_a_common_noun_act_and_are_not_where_they_meet(pipeline) -> None:  # type: ignore[no-untyped-def]
    (agree,) = _events(pipeline, "The two countries agreed to restore diplomatic relations.")
    assert agree.type == "AGREE" and agree.actors[0].name == "two countries"
    (talks,) = _events(pipeline, "Chile said the two nations would hold talks in Geneva.")
    assert all(a.country != "CHE" for a in talks.actors)


def test_force_told_in_the_passive_needs_only_whom_it_struck(pipeline) -> None:  # type: ignore[no-untyped-def]
    # "stab" is known only from the CAMEO dictionary, whose default codes otherwise need a doer and a target
    assert [(e.type, e.mode) for e in _events(pipeline, "The mayor was stabbed at a rally, police said.")] == [
        ("ASSAULT", "beat")
    ]
    assert _types(pipeline, "The senator was praised at a rally.") == []  # not force: a doer is still needed


def test_a_hyphenated_event_noun_stays_one_word(pipeline) -> None:  # type: ignore[no-untyped-def]
    doc = pipeline.nlp("Students held sit-ins and a cease-fire began.")
    assert [t.text for t in doc][2] == "sit-ins" and "cease-fire" in [t.text for t in doc]
    assert _types(pipeline, "Hundreds of students held sit-ins at three universities on Monday.") == ["PROTEST"]


@pytest.mark.parametrize(
    "text",
    [
        "A car bomb killed five people outside the central bank on Monday.",
        "Two shopkeepers were killed in an ambush on the coast road.",
        "A landmine wounded three children near the old quarry.",
        "A roadside device exploded near the convoy, killing two people.",
        "A bomb went off in the crowded bus station.",
    ],
)
def test_force_with_a_weapon_or_force_as_its_cause_needs_no_known_party(pipeline, text: str) -> None:  # type: ignore[no-untyped-def]
    events = _events(pipeline, text)
    assert [e.type for e in events] == ["ASSAULT"], text


@pytest.mark.parametrize(
    "text",
    [
        "The floods killed forty people in the river valley.",
        "Six people were killed in a collision on the motorway.",
        "The outbreak has killed nine hundred children this year.",
    ],
)
def test_harm_without_a_weapon_or_an_act_of_force_is_no_assault(pipeline, text: str) -> None:  # type: ignore[no-untyped-def]
    assert "ASSAULT" not in _types(pipeline, text), text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The party turned down an offer to join the coalition.", "REJECT"),
        ("The minister brushed aside demands for a public inquiry.", "REJECT"),
        ("The provincial council ended the curfew on Thursday.", "CONCEDE"),
        ("The authorities removed the restrictions on foreign reporters.", "CONCEDE"),
        ("The cabinet has taken steps to loosen the ban on street markets.", "CONCEDE"),
    ],
)
def test_phrasal_rejections_and_the_easing_of_restrictions(pipeline, text: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    assert _types(pipeline, text) == [expected], text


def test_steps_to_be_taken_carry_their_mode_to_the_act(pipeline) -> None:  # type: ignore[no-untyped-def]
    events = _events(pipeline, "The cabinet will take steps to lift the ban on street markets.")
    assert [(e.type, e.modality) for e in events] == [("AGREE", "future")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The two navies held joint exercises in the strait.", "COOPERATE"),
        ("The air force held exercises over the desert on Monday.", "MOBILIZE"),
        ("The governor pardoned sixty prisoners on the national holiday.", "CONCEDE"),
        ("Turkey backed the Qatari proposal for a ceasefire.", "SUPPORT"),
        ("Government gunships bombed insurgent camps in the hills.", "ASSAULT"),
        ("The archbishop appealed to both parties to end the fighting.", "REQUEST"),
    ],
)
def test_manual_classes_of_cooperation_mobilisation_and_concession(pipeline, text: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    assert _types(pipeline, text) == [expected], text


def test_being_backed_by_a_state_is_a_standing_relation_not_an_act(pipeline) -> None:  # type: ignore[no-untyped-def]
    assert _types(pipeline, "The militia is backed by Turkey.") == []
    assert _types(pipeline, "Turkey backed the militia's demands.") == ["SUPPORT"]


def test_a_that_clause_the_parser_hangs_on_the_object_is_what_was_said(pipeline) -> None:  # type: ignore[no-untyped-def]
    assert _types(pipeline, "The colonel warned the villagers that his men would burn the crops.") == ["THREATEN"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Moscow protested to Oslo over the arrest of its trawler crew.", "ACCUSE"),
        ("The junta closed three independent radio stations.", "COERCE"),
        ("The government expelled two foreign missionaries.", "COERCE"),
        ("The army moved artillery and tanks toward the frontier.", "MOBILIZE"),
        ("The defence ministry called up 15,000 reservists.", "MOBILIZE"),
        ("The cabinet agreed to the strikers' demands for higher pay.", "CONCEDE"),
        ("Canada provided 12 million dollars in humanitarian assistance to Haiti.", "AID"),
        ("Peru and Ecuador reached an agreement on the border on Friday.", "AGREE"),
        ("Peru and Ecuador failed to reach an agreement on the border.", "REJECT"),
    ],
)
def test_wire_news_constructions(pipeline, text: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    assert _types(pipeline, text) == [expected], text


@pytest.mark.parametrize(
    "text",
    [
        "Two men were arrested in Tunis on Monday for selling forged visas.",
        "A missionary was detained at the airport on arrival.",
        "Forty people were arrested after the clashes outside the stadium.",
    ],
)
def test_an_arrest_needs_only_whom_it_struck(pipeline, text: str) -> None:  # type: ignore[no-untyped-def]
    assert [(e.type, e.mode) for e in _events(pipeline, text)] == [("COERCE", "arrest")], text


def test_widening_political_freedoms_is_a_concession(pipeline) -> None:  # type: ignore[no-untyped-def]
    assert _types(pipeline, "The military council has taken steps to broaden press freedom.") == ["CONCEDE"]


def test_a_speaker_after_an_inverted_verb_of_saying_is_no_object(pipeline) -> None:  # type: ignore[no-untyped-def]
    # "reports aid agencies": the agencies report; "aid" is not what is reported as given
    text = "Kenya opened the border crossing to trucks on Monday, reports aid agencies."
    assert _types(pipeline, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The senator lauded the governor's handling of the floods.", "SUPPORT"),
        ("The interior minister signed a decree banning street protests.", "COERCE"),
        ("The defence minister tendered his resignation on Friday.", "RETREAT"),
    ],
)
def test_acclaim_synonyms_decrees_and_carried_resignations(pipeline, text: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    events = _events(pipeline, text)
    assert [e.type for e in events] == [expected] and events[0].actors, text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The detained sailors were returned to Ghana by flight on Friday.", "RETREAT"),
        ("The two sides exchanged prisoners at the border crossing.", "RETREAT"),
        ("The army airlifted reinforcements to the besieged garrison.", "MOBILIZE"),
        ("Three mortar shells hit the market on Sunday.", "ASSAULT"),
    ],
)
def test_returns_exchanges_airlifts_and_weapons_that_hit(pipeline, text: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    assert _types(pipeline, text) == [expected], text


def test_an_act_asked_for_has_not_happened_whoever_would_do_it(pipeline) -> None:  # type: ignore[no-untyped-def]
    assert _types(pipeline, "The Arab League called for the withdrawal of Turkish forces from Iraq.") == ["REQUEST"]
    assert _types(pipeline, "Iran demanded the withdrawal of American troops from the gulf.") == ["REQUEST"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Foreign Office expressed support for the new peace initiative.", "SUPPORT"),
        ("Representatives of the two factions met in Geneva on Tuesday.", "CONSULT"),
    ],
)
def test_voiced_support_and_representatives_as_parties(pipeline, text: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    assert _types(pipeline, text) == [expected], text


def test_parties_of_coordinated_countries_are_one_each(pipeline) -> None:  # type: ignore[no-untyped-def]
    (talks,) = _events(pipeline, "Negotiators from Sudan and Chad met in Doha on Monday.")
    assert sorted(a.country or "" for a in talks.actors) == ["SDN", "TCD"]


def test_a_states_representatives_speak_for_its_government(pipeline) -> None:  # type: ignore[no-untyped-def]
    (talks,) = _events(pipeline, "Iranian negotiators met representatives of Iraq in Geneva.")
    assert talks.actors[0].country == "IRN" and "GOV" in talks.actors[0].sectors
    assert talks.recipients and talks.recipients[0].country == "IRQ" and "GOV" in talks.recipients[0].sectors


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Riot police used water cannon to break up the march.", "COERCE"),
        ("Kenya closed its border with Somalia on Friday.", "COERCE"),
        ("Ghana downgraded diplomatic ties with Togo.", "SANCTION"),
        ("The Red Cross airlifted blankets and tents to the flooded valley.", "AID"),
        ("The guerrillas declared a unilateral truce for the holidays.", "CONCEDE"),
        ("Both armies observed the ceasefire on Sunday.", "RETREAT"),
    ],
)
def test_means_borders_ties_and_ceasefires_declared_or_kept(pipeline, text: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    assert _types(pipeline, text) == [expected], text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The foreign minister flew to Riyadh for talks with Saudi officials.", "CONSULT"),
        ("The Iraqi minister is on a three-day official visit to China.", "CONSULT"),
        ("The president granted an amnesty to the rebels.", "CONCEDE"),
        ("The police opened an investigation into the bombing.", "ACCUSE"),
    ],
)
def test_trips_for_talks_granted_amnesties_and_the_topic_of_an_inquiry(pipeline, text: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    assert _types(pipeline, text) == [expected], text


def test_what_someone_is_suspected_of_is_not_their_accusers_act(pipeline) -> None:  # type: ignore[no-untyped-def]
    events = _events(pipeline, "Chad offered to hand over two men suspected by Sudan of blowing up a bridge.")
    assert all(a.country != "SDN" for e in events if e.type == "ASSAULT" for a in e.actors)


def test_firing_someone_from_a_post_is_no_force_but_firing_on_people_is(pipeline) -> None:  # type: ignore[no-untyped-def]
    assert _types(pipeline, "The broadcaster fired its chief editor on Monday.") == []
    assert _types(pipeline, "Border guards fired on the smugglers' boat.") == ["ASSAULT"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The air force carried out a missile strike on the depot overnight.", "ASSAULT"),
        ("Dock workers began a strike over pay on Monday.", "PROTEST"),
        ("Thousands took to the streets of the capital on Sunday.", "PROTEST"),
        ("Beijing sent warships and bombers near the islands.", "MOBILIZE"),
    ],
)
def test_weapon_strikes_street_protests_and_warships_sent(pipeline, text: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    assert _types(pipeline, text) == [expected], text


def test_a_headline_support_verb_codes_the_noun_it_carries(pipeline) -> None:  # type: ignore[no-untyped-def]
    # (the small model leaves "Imposes" untagged here; where it tags it a verb, the ordinary path codes it)
    (event,) = _events(pipeline, "EU Imposes Fresh Sanctions On Russian Gas Imports")
    assert (event.type, event.trigger.text) == ("SANCTION", "Sanctions")
