"""The ACLED and GDELT codings on sentences written for these tests: every ACLED event type and sub-event
type, every modality, background events, casualty counts and the CAMEO codes chosen by mode."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from reports_factory import Spec, make_report

from khabar.export import ACLED_COLUMNS, acled_rows, event_rows_from_reports, gdelt_tables, plover_records, write_acled
from khabar.export.cameo import cameo_table
from khabar.export.common import country
from khabar.model import MODALITIES, Quantity, Report

INS, MIL, COP, CVL = ("AFG", ("INS",)), ("AFG", ("MIL",)), ("AFG", ("COP",)), ("AFG", ("CVL",))
DAY = ("on Monday", date(2023, 3, 6), date(2023, 3, 6), "day")


def report(text: str, spec: Spec, published: date = date(2023, 3, 7)) -> Report:
    return make_report(text, [spec], url="https://news.example/a", published=published, outlet="news.example")


def party(words: str, coded: tuple[str, tuple[str, ...]]) -> tuple[str, str, tuple[str, ...]]:
    return (words, coded[0], coded[1])


def acled(r: Report, **kw: Any) -> list[dict[str, Any]]:
    """The ACLED rows of one Report, read back through the csv module as a consumer would."""
    out = io.StringIO()
    write_acled(acled_rows(event_rows_from_reports([r]), **kw), out)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def one(text: str, spec: Spec) -> dict[str, Any]:
    rows = acled(report(text, spec))
    assert len(rows) == 1, rows
    assert list(rows[0]) == ACLED_COLUMNS
    return rows[0]


# (sentence, trigger, actor, recipient, mode, type) -> (event_type, sub_event_type)
CASES = [
    ("Army troops and rebel fighters clashed near the dam on Monday.", "clashed",
     ("Army troops", MIL), ("rebel fighters", INS), None, "ASSAULT", "Battles", "Armed clash"),
    ("Government soldiers recaptured the market town from insurgents on Monday.", "recaptured",
     ("Government soldiers", MIL), ("insurgents", INS), None, "ASSAULT", "Battles", "Government regains territory"),
    ("Insurgents seized the district headquarters on Monday.", "seized",
     ("Insurgents", INS), None, None, "ASSAULT", "Battles", "Non-state actor overtakes territory"),
    ("Militants used chemical weapons against the village on Monday.", "used",
     ("Militants", INS), ("the village", CVL), None, "ASSAULT", "Explosions/Remote violence", "Chemical weapon"),
    ("Air force jets bombed a rebel camp on Monday.", "bombed",
     ("Air force jets", MIL), ("a rebel camp", INS), None, "ASSAULT", "Explosions/Remote violence", "Air/drone strike"),
    ("A suicide bomber attacked the army convoy on Monday.", "attacked",
     ("A suicide bomber", INS), ("the army convoy", MIL), None, "ASSAULT", "Explosions/Remote violence",
     "Suicide bomb"),
    ("Rebels shelled the garrison with mortars on Monday.", "shelled",
     ("Rebels", INS), ("the garrison", MIL), None, "ASSAULT", "Explosions/Remote violence",
     "Shelling/artillery/missile attack"),
    ("A roadside bomb hit a police patrol on Monday.", "hit",
     None, ("a police patrol", COP), "explosives", "ASSAULT", "Explosions/Remote violence",
     "Remote explosive/landmine/IED"),
    ("Gunmen threw a grenade at the police post on Monday.", "threw",
     ("Gunmen", INS), ("the police post", COP), None, "ASSAULT", "Explosions/Remote violence", "Grenade"),
    ("Soldiers raped two women in the village on Monday.", "raped",
     ("Soldiers", MIL), ("two women", CVL), None, "ASSAULT", "Violence against civilians", "Sexual violence"),
    ("Militia fighters attacked farmers in the valley on Monday.", "attacked",
     ("Militia fighters", INS), ("farmers", CVL), None, "ASSAULT", "Violence against civilians", "Attack"),
    ("Gunmen kidnapped three aid workers on Monday.", "kidnapped",
     ("Gunmen", INS), ("three aid workers", CVL), None, "ASSAULT", "Violence against civilians",
     "Abduction/forced disappearance"),
    ("Police opened fire on protesters in the capital on Monday.", "protesters",
     ("protesters", CVL), None, None, "PROTEST", "Protests", "Excessive force against protesters"),
    ("Teachers protested in the capital on Monday and police dispersed them with tear gas.", "protested",
     ("Teachers", CVL), None, None, "PROTEST", "Protests", "Protest with intervention"),
    ("Teachers marched peacefully through the capital on Monday.", "marched",
     ("Teachers", CVL), None, "demo", "PROTEST", "Protests", "Peaceful protest"),
    ("Students rioted and torched cars in the capital on Monday.", "rioted",
     ("Students", CVL), None, "riot", "PROTEST", "Riots", "Violent demonstration"),
    ("A mob lynched a man accused of theft on Monday.", "lynched",
     ("A mob", CVL), ("a man", CVL), None, "PROTEST", "Riots", "Mob violence"),
    ("The two militias signed a truce on Monday.", "signed",
     ("The two militias", INS), None, None, "AGREE", "Strategic developments", "Agreement"),
    ("Police arrested the opposition leader on Monday.", "arrested",
     ("Police", COP), ("the opposition leader", CVL), "arrest", "COERCE", "Strategic developments", "Arrests"),
    ("The rebel group announced a new commander on Monday.", "announced",
     ("The rebel group", INS), None, None, "MOBILIZE", "Strategic developments", "Change to group/activity"),
    ("Army engineers defused a bomb near the bridge on Monday.", "defused",
     ("Army engineers", MIL), None, None, "COERCE", "Strategic developments", "Disrupted weapons use"),
    ("Rebels established a new base in the hills on Monday.", "established",
     ("Rebels", INS), None, None, "MOBILIZE", "Strategic developments", "Headquarters or base established"),
    ("Fighters looted the grain store on Monday.", "looted",
     ("Fighters", INS), None, None, "COERCE", "Strategic developments", "Looting/property destruction"),
    ("Insurgents took the border town without a fight on Monday.", "took",
     ("Insurgents", INS), None, None, "ASSAULT", "Strategic developments", "Non-violent transfer of territory"),
    ("The army imposed a curfew on the city on Monday.", "imposed",
     ("The army", MIL), None, "curfew", "COERCE", "Strategic developments", "Other"),
]  # fmt: skip

SUB_TYPES = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {"Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"},
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Excessive force against protesters", "Protest with intervention", "Peaceful protest"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {"Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"},
}  # fmt: skip


def test_the_cases_cover_every_acled_sub_event_type() -> None:
    covered = {(c[6], c[7]) for c in CASES}
    assert covered == {(t, s) for t, subs in SUB_TYPES.items() for s in subs}


@pytest.mark.parametrize("case", CASES, ids=[c[7] for c in CASES])
def test_acled_type_and_sub_type(case: tuple[Any, ...]) -> None:
    text, trigger, actor, recipient, mode, kind, event_type, sub_type = case
    spec = Spec(kind, trigger, actor=party(actor[0], actor[1]) if actor else None,
                recipient=party(recipient[0], recipient[1]) if recipient else None, mode=mode,
                place=("the capital", "AFG", "Kabul", 34.53, 69.17) if "capital" in text else None,
                when=DAY)  # fmt: skip
    row = one(text, spec)
    assert (row["event_type"], row["sub_event_type"]) == (event_type, sub_type)
    assert row["disorder_type"] in ("Political violence", "Demonstrations", "Strategic developments",
                                    "Political violence; Demonstrations")  # fmt: skip
    assert row["event_date"] == "2023-03-06" and row["time_precision"] == "1"
    assert row["actor1"], "ACLED's actor1 is always named"
    civilian = recipient is not None and recipient[1] == CVL and row["disorder_type"].startswith("Political")
    assert (row["civilian_targeting"] == "Civilian targeting") == civilian


@pytest.mark.parametrize(
    ("text", "spec"),
    [
        ("The senator attacked her rival in the debate on Monday.",
         Spec("ASSAULT", "attacked", actor=("The senator", "USA", ("LEG",)), recipient=("her rival", "USA", ()))),
        ("The minister banned imports of cheese on Monday.",
         Spec("COERCE", "banned", actor=("The minister", "FRA", ("GOV",)), mode="ban")),
        ("The two countries agreed on a trade deal on Monday.",
         Spec("AGREE", "agreed", actor=("The two countries", None, ()))),
        ("The minister withdrew from the race on Monday.",
         Spec("RETREAT", "withdrew", actor=("The minister", "GBR", ("GOV",)), mode="withdraw")),
        ("A gas explosion shook the old quarter on Monday.", Spec("ASSAULT", "explosion")),
    ],
    ids=["verbal attack", "trade ban", "trade deal", "resignation", "explosion without parties"],
)  # fmt: skip
def test_no_acled_row_without_armed_forces_or_civilian_target(text: str, spec: Spec) -> None:
    assert acled(report(text, replace(spec, when=DAY))) == []


def test_demonstrators_fighting_police_are_rioters() -> None:
    text = "Protesters clashed with police outside parliament on Monday."
    row = one(
        text, Spec("ASSAULT", "clashed", actor=party("Protesters", CVL), recipient=party("police", COP), when=DAY)
    )
    assert (row["event_type"], row["sub_event_type"], row["inter1"]) == ("Riots", "Violent demonstration", "5")


def test_troops_withdrawing_from_a_place_hand_over_territory() -> None:
    text = "Government troops withdrew from Kunduz on Monday."
    spec = Spec("RETREAT", "withdrew", actor=party("Government troops", MIL), mode="withdraw", when=DAY,
                place=("Kunduz", "AFG", "Kunduz", 36.73, 68.86))  # fmt: skip
    assert one(text, spec)["sub_event_type"] == "Non-violent transfer of territory"
    assert one(text, replace(spec, place=None))["sub_event_type"] == "Change to group/activity"


def test_a_word_inside_another_word_is_not_a_weapon() -> None:
    text = "Taliban fighters occupied government buildings in the town on Monday."
    row = one(text, Spec("ASSAULT", "occupied", actor=party("Taliban fighters", INS), when=DAY))
    assert row["event_type"] == "Battles" and row["sub_event_type"] == "Non-state actor overtakes territory"


def test_interaction_codes() -> None:
    clash = one(CASES[0][0], Spec("ASSAULT", "clashed", actor=party("Army troops", MIL),
                                  recipient=party("rebel fighters", INS), when=DAY))  # fmt: skip
    assert (clash["inter1"], clash["inter2"], clash["interaction"]) == ("1", "2", "12")
    attack = one(CASES[10][0], Spec("ASSAULT", "attacked", actor=party("Militia fighters", INS),
                                    recipient=party("farmers", CVL), when=DAY))  # fmt: skip
    assert (attack["inter1"], attack["inter2"], attack["interaction"]) == ("2", "7", "27")
    # a state's forces outside their country are ACLED's external forces (8)
    abroad = one("Foreign troops clashed with rebel fighters in Kandahar on Monday.",
                 Spec("ASSAULT", "clashed", actor=("Foreign troops", "USA", ("MIL",)),
                      recipient=party("rebel fighters", INS), place=("Kandahar", "AFG", "Kandahar", 31.61, 65.71),
                      when=DAY))  # fmt: skip
    assert (abroad["inter1"], abroad["inter2"], abroad["interaction"]) == ("8", "2", "28")
    protest = one(CASES[14][0], Spec("PROTEST", "marched", actor=party("Teachers", CVL), mode="demo", when=DAY))
    assert (protest["inter1"], protest["inter2"], protest["interaction"]) == ("6", "0", "60")


def test_fatalities_from_the_killed_count_even_of_the_events_own_parties() -> None:
    text = "Security forces killed 69 Taliban fighters in Helmand on Monday."
    r = report(text, Spec("ASSAULT", "killed", recipient=party("69 Taliban fighters", INS), when=DAY))
    count = Quantity("69 Taliban fighters", r.events[0].recipients[0].span, 69, "fighters", kind="count")
    r = replace(r, events=(replace(r.events[0], quantities=(count,)),))
    [row] = acled(r)
    assert row["fatalities"] == "69"
    assert row["actor1"] == "69 Taliban fighters" and row["inter1"] == "2"  # the one party named moves to actor1
    assert row["country"] == "Afghanistan" and row["event_id_cnty"].startswith("AFG")  # the parties' country
    [record] = plover_records(event_rows_from_reports([r]))
    assert record["fatalities"] == 69
    assert record["casualties"] == [{"kind": "killed", "value": 69, "qualifier": None, "text": "69 Taliban fighters",
                                     "span": {"start": count.span.start, "end": count.span.end,
                                              "text": "69 Taliban fighters"}, "source": "article"}]  # fmt: skip


def test_injured_arrested_displaced_counts_keep_qualifier_and_source() -> None:
    text = "At least 40 people were injured on Monday and 12 were arrested, police said, and 3,000 fled their homes."
    spec = Spec("PROTEST", "injured", speaker=("police", "attributed"), when=DAY)
    r = report(text, spec)
    from reports_factory import span

    quantities = (
        Quantity("At least 40 people", span(text, "At least 40 people"), 40, "people", "at least", kind="injured"),
        Quantity("12", span(text, "12"), 12, kind="arrested"),
        Quantity("3,000", span(text, "3,000"), 3000, kind="displaced"),
    )
    r = replace(r, events=(replace(r.events[0], quantities=quantities),))
    [record] = plover_records(event_rows_from_reports([r]))
    got = {(c["kind"], c["value"], c["qualifier"], c["source"]) for c in record["casualties"]}
    assert got == {("injured", 40, "at least", "police"), ("arrested", 12, None, "police"),
                   ("displaced", 3000, None, "police")}  # fmt: skip
    assert record["fatalities"] is None


@pytest.mark.parametrize("modality", MODALITIES)
def test_unrealised_events_are_no_acled_or_gdelt_rows(modality: str) -> None:
    text = "Rebel fighters attacked the army base on Monday."
    spec = Spec("ASSAULT", "attacked", actor=party("Rebel fighters", INS), recipient=party("the army base", MIL),
                when=DAY, cameo="190")  # fmt: skip
    r = report(text, spec)
    r = replace(r, events=(replace(r.events[0], modality=modality),))
    rows = event_rows_from_reports([r])
    assert acled(r) == []
    assert gdelt_tables(rows) == ([], [])
    [kept] = acled(r, include_unrealised=True)
    assert f"modality={modality}" in kept["tags"]
    events, mentions = gdelt_tables(rows, include_unrealised=True)
    assert len(events) == 1 and f"modality={modality}" in mentions[0]["Extras"]
    [record] = plover_records(rows)
    assert record["modality"] == modality and record["background"] is False


def test_background_claimed_and_disputed_events_are_left_out() -> None:
    text = "Rebel fighters attacked the army base on Monday."
    spec = Spec("ASSAULT", "attacked", actor=party("Rebel fighters", INS), recipient=party("the army base", MIL),
                when=DAY)  # fmt: skip
    r = report(text, spec)
    assert len(acled(r)) == 1 and "modality=reported" in acled(r)[0]["tags"]
    old = replace(r, events=(replace(r.events[0], background=True),))
    assert acled(old) == [] and len(acled(old, include_unrealised=True)) == 1
    assert next(plover_records(event_rows_from_reports([old])))["background"] is True
    for stance in ("claimed", "disputed"):
        said = report(text, replace(spec, speaker=("Rebel fighters", stance)))
        assert acled(said) == [], stance
    said = report(text, replace(spec, speaker=("Rebel fighters", "attributed")))
    assert len(acled(said)) == 1


def test_undated_event_without_url_or_outlet() -> None:
    text = "Rebel fighters attacked the army base."
    r = make_report(text, [Spec("ASSAULT", "attacked", actor=party("Rebel fighters", INS),
                                recipient=party("the army base", MIL))])  # fmt: skip
    [row] = acled(r)
    assert row["event_date"] == "" and row["source"] == ""  # never the article's hash
    r = report(text, Spec("ASSAULT", "attacked", actor=party("Rebel fighters", INS)))
    [row] = acled(r)
    assert row["event_date"] == "2023-03-07" and row["time_precision"] == "2"  # dated by its report only


# GDELT ---------------------------------------------------------------------------------------------------

GDELT_CASES = [
    ("Government troops retreated from the town on Monday.", "retreated", ("Government troops", MIL), None,
     "RETREAT", "withdraw", "0872", "0874"),
    ("Taliban fighters took the border crossing on Monday.", "took", ("Taliban fighters", INS), None,
     "ASSAULT", None, "190", "192"),
    ("Jets carried out air strikes on rebel positions on Monday.", "strikes", ("Jets", MIL), ("rebel positions", INS),
     "ASSAULT", None, "190", "195"),
    ("Gunmen kidnapped a doctor on Monday.", "kidnapped", ("Gunmen", INS), ("a doctor", CVL),
     "ASSAULT", None, "190", "181"),
    ("Police arrested five men on Monday.", "arrested", ("Police", COP), ("five men", CVL),
     "COERCE", "arrest", "173", "173"),
]  # fmt: skip


@pytest.mark.parametrize("case", GDELT_CASES, ids=[c[7] for c in GDELT_CASES])
def test_gdelt_cameo_by_mode_with_name_goldstein_and_quad_class(case: tuple[Any, ...]) -> None:
    text, trigger, actor, recipient, kind, mode, given, expected = case
    spec = Spec(kind, trigger, actor=party(actor[0], actor[1]), mode=mode, cameo=given, when=DAY,
                recipient=party(recipient[0], recipient[1]) if recipient else None)  # fmt: skip
    [event], [mention] = gdelt_tables(event_rows_from_reports([report(text, spec)]))
    entry = cameo_table()[expected]
    assert event["EventCode"] == expected and event["EventRootCode"] == expected[:2]
    assert event["GoldsteinScale"] == entry.goldstein and event["QuadClass"] == entry.quad_class
    assert event["Actor1Type1Code"] == actor[1][1][0] and event["Actor1Code"] == "AFG" + actor[1][1][0]
    assert event["IsRootEvent"] == 1 and event["NumMentions"] == event["NumArticles"] == event["NumSources"] == 1
    assert mention["GLOBALEVENTID"] == event["GLOBALEVENTID"]


def test_cameo_table_holds_gdelt_names_and_scores() -> None:
    table = cameo_table()
    assert len(table) > 300
    assert table["0874"].name == "Retreat or surrender militarily" and table["0874"].quad_class == 2
    assert table["192"].name == "Occupy territory" and table["192"].goldstein < 0
    assert {e.quad_class for e in table.values()} == {1, 2, 3, 4}


def test_fips_country_codes() -> None:
    assert country("CHN").fips == "CH" and country("COM").fips == "CN"  # type: ignore[union-attr]
    assert country("DEU").fips == "GM" and country("AFG").fips == "AF"  # type: ignore[union-attr]
    text = "Protesters marched in Beijing on Monday."
    spec = Spec("PROTEST", "marched", actor=("Protesters", "CHN", ("CVL",)), cameo="141", when=DAY,
                place=("Beijing", "CHN", "Beijing", 39.9, 116.4))  # fmt: skip
    [event], _ = gdelt_tables(event_rows_from_reports([report(text, spec)]))
    assert event["ActionGeo_CountryCode"] == "CH" and event["ActionGeo_FullName"] == "Beijing, Beijing, China"
