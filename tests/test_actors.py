"""Actor coding: dictionary roles bounded by dates, demonyms, owners, and the words around a role noun."""

from __future__ import annotations

from datetime import date

import pytest

from khabar.kb.actors import actor_dictionary
from khabar.model import Article, Report


def test_taliban_are_insurgents_before_15_august_2021_and_government_after() -> None:
    kb = actor_dictionary()
    before = kb.lookup("Taliban", date(2021, 7, 9))
    after = kb.lookup("Taleban", date(2022, 1, 1))
    assert before is not None and after is not None
    assert "INS" in before.sectors and after.sectors == ("GOV",)
    assert all(entry.source for entry in kb.entries), "every dictionary row records its source"


def test_acronyms_match_only_as_written() -> None:
    kb = actor_dictionary()
    assert kb.lookup("WHO", None) is not None
    assert kb.lookup("who", None) is None


def _codes(report: Report) -> dict[str, tuple[str | None, tuple[str, ...]]]:
    return {a.name: (a.country, a.sectors) for a in report.actors}


def test_founding_article_actors(seed_report: Report) -> None:
    codes = _codes(seed_report)
    assert codes["Afghan soldiers"] == ("AFG", ("MIL",))
    assert codes["Afghan government"] == ("AFG", ("GOV",))
    assert codes["Iranian armed forces"] == ("IRN", ("MIL",))
    assert codes["Iran’s customs administration"] == ("IRN", ("GOV",))
    assert codes["Taliban forces"][0] == "AFG" and "INS" in codes["Taliban forces"][1]


@pytest.mark.parametrize(
    ("text", "name", "country", "sector"),
    [
        ("The Palestinians rejected the proposal on Monday.", "Palestinians", "PSE", "CVL"),
        ("Ukrainian troops shelled the town.", "Ukrainian troops", "UKR", "MIL"),
        ("A spokesman for the Kremlin said the talks had failed.", "spokesman", "RUS", "GOV"),
        ("Foreign forces withdrew from the base.", "Foreign forces", None, "MIL"),
    ],
)
def test_coding_from_context(pipeline, text: str, name: str, country: str | None, sector: str | None) -> None:  # type: ignore[no-untyped-def]
    report = next(iter(pipeline.run([Article.new(text, published=date(2024, 1, 1))])))
    actor = next(a for a in report.actors if a.name == name)
    assert actor.country == country
    assert (sector in actor.sectors) if sector else actor.sectors == ()


@pytest.mark.parametrize(
    ("text", "name", "country", "sector"),
    [
        ("Nairobi rejected the proposal on Friday.", "Nairobi", "KEN", "GOV"),
        ("Chilean Foreign Minister Alberto van Klaveren arrived in Lima.", "Alberto van Klaveren", "CHL", "GOV"),
    ],
)
def test_capitals_and_titled_people(pipeline, text: str, name: str, country: str, sector: str) -> None:  # type: ignore[no-untyped-def]
    report = next(iter(pipeline.run([Article.new(text, published=date(2024, 5, 10))])))
    assert isinstance(report, Report)
    coded = {a.name: (a.country, a.sectors) for a in report.actors}
    found = next((v for k, v in coded.items() if name in k), None)
    assert found is not None, coded
    assert found[0] == country and sector in found[1]


def test_office_holders_are_coded_by_their_term() -> None:
    kb = actor_dictionary()
    in_office = kb.lookup("Bush", date(2003, 3, 20))
    assert in_office is not None and in_office.name == "George W. Bush" and in_office.sectors == ("GOV",)
    father = kb.lookup("Bush", date(1991, 1, 17))
    assert father is not None and father.name == "George H. W. Bush"
    secretary = kb.lookup("Clinton", date(2010, 5, 1))  # a shared surname: the date picks the office holder
    assert secretary is not None and secretary.name == "Hillary Clinton"
    out_of_office = kb.lookup("Karzai", date(2019, 6, 1))  # still Afghan, no longer the government
    assert out_of_office is not None and out_of_office.country == "AFG" and out_of_office.sectors == ()
    undated = kb.lookup("Bouteflika", None)  # an undated text gets the person's latest term
    assert undated is not None and (undated.country, undated.sectors) == ("DZA", ("GOV",))
    assert kb.lookup("Guterres", None) is not None and kb.lookup("Guterres", None).country is None  # type: ignore[union-attr]


def test_president_named_without_country_is_coded_from_the_office_holder_table(pipeline) -> None:  # type: ignore[no-untyped-def]
    report = next(iter(pipeline.run([Article.new("President Yoweri Museveni has threatened to ban the opposition.")])))
    assert isinstance(report, Report)
    assert _codes(report)["Yoweri Museveni"] == ("UGA", ("GOV",))


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("Bosnian Serbs demanded a truce with Moslem forces.", "Bosnian Serbs", ("BIH", ("CVL",))),
        ("Up to 100 ethnic Albanians demonstrated in Serbia.", "Albanians", (None, ("CVL",))),
        ("Red Cross officials suspended aid deliveries in Baghdad.", "Red Cross officials", (None, ("NGO",))),
        ("University students throughout Indonesia staged demonstrations.", "University students", ("IDN", ("EDU",))),
    ],
)
def test_people_organisations_and_places_of_a_role(pipeline, text: str, name: str, expected) -> None:  # type: ignore[no-untyped-def]
    report = next(iter(pipeline.run([Article.new(text, published=date(2004, 1, 1))])))
    assert isinstance(report, Report)
    assert _codes(report)[name] == expected


def test_ambiguous_surnames_are_not_office_holder_aliases() -> None:
    kb = actor_dictionary()
    for surname in ("Kerry", "Castro", "Chavez", "Najibullah", "Powell"):
        assert kb.lookup(surname, date(2000, 1, 1)) is None, surname
    assert kb.lookup("John Kerry", date(2014, 1, 1)) is not None


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("Afghan rebel leaders rejected the offer.", "Afghan rebel leaders", ("AFG", ("REB",))),
        ("Israeli intelligence officials said it failed.", "Israeli intelligence officials", ("ISR", ("SPY",))),
        ("Serbian military police arrested two men.", "Serbian military police", ("SRB", ("MIL", "COP"))),
        ("Iraqi Kurds protested in Erbil.", "Iraqi Kurds", ("IRQ", ("CVL",))),
    ],
)
def test_a_modifier_names_the_sector_of_a_generic_role(pipeline, text: str, name: str, expected) -> None:  # type: ignore[no-untyped-def]
    report = next(iter(pipeline.run([Article.new(text, published=date(2004, 1, 1))])))
    assert isinstance(report, Report)
    assert _codes(report)[name] == expected


# -- the tables built from the Phoenix dictionaries (tools/build_actor_tables.py) ------------------------


@pytest.mark.parametrize(
    ("text", "name", "country", "sector"),
    [
        # an intergovernmental body known only to the Phoenix dictionaries, by its acronym
        ("The IAEA said on Monday that its inspectors had been turned away.", "IAEA", None, "IGO"),
        # an armed group by an alias (the acronym of its Basque name), and by its name inside a longer phrase
        ("ETA claimed the car bombing in a statement to a newspaper.", "ETA", "ESP", "REB"),
        ("Shining Path guerrillas ambushed a patrol in the highlands.", "Shining Path guerrillas", "PER", "REB"),
        # generic agents: a one-word and a two-word role noun
        ("Kidnappers seized two engineers near the border.", "Kidnappers", None, "CRM"),
        ("Riot police dispersed the crowd outside the ministry.", "Riot police", None, "COP"),
    ],
)
def test_phoenix_bodies_groups_and_agents(pipeline, text: str, name: str, country: str | None, sector: str) -> None:  # type: ignore[no-untyped-def]
    report = next(iter(pipeline.run([Article.new(text, published=date(2005, 3, 1))])))
    assert isinstance(report, Report)
    coded = _codes(report)
    assert name in coded, coded
    assert coded[name][0] == country and sector in coded[name][1], coded[name]


def test_phoenix_office_holder_is_coded_by_the_dated_term() -> None:
    kb = actor_dictionary()
    in_office = kb.lookup("Tzipi Livni", date(2008, 6, 1))
    assert in_office is not None and in_office.id.startswith("phx-") and in_office.source.startswith("Phoenix")
    assert (in_office.country, in_office.sectors) == ("ISR", ("GOV",))
    # the dictionary dates from early 2014: past it, she is Israeli and no longer coded as the government
    later = kb.lookup("Tzipi Livni", date(2020, 6, 1))
    assert later is not None and (later.country, later.sectors) == ("ISR", ())


def test_phoenix_office_holder_in_a_sentence(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "Tzipi Livni rejected the proposal during talks in Jerusalem."
    report = next(iter(pipeline.run([Article.new(text, published=date(2008, 6, 1))])))
    assert isinstance(report, Report)
    assert _codes(report)["Tzipi Livni"] == ("ISR", ("GOV",))


def test_khabar_own_facts_win_over_the_dictionary() -> None:
    kb = actor_dictionary()
    # the dictionary has the Taliban as rebels with no end date; khabar's rows have them govern from 2021-08-15
    for name in ("Taliban", "Taleban"):
        entry = kb.lookup(name, date(2022, 1, 1))
        assert entry is not None and entry.id == "taliban" and entry.sectors == ("GOV",), name
    # the dictionary has the Sandinistas as rebels; khabar's rows follow them into government and out of it
    assert kb.lookup("Sandinistas", date(1985, 1, 1)).sectors == ("GOV",)  # type: ignore[union-attr]
    assert kb.lookup("FSLN", date(1995, 1, 1)).sectors == ("OPP", "POL")  # type: ignore[union-attr]
    # a dictionary title-and-name alias of a khabar office holder carries khabar's term, not the dictionary's
    karzai = kb.lookup("President Karzai", date(2014, 6, 1))
    assert karzai is not None and karzai.id == "hamid-karzai" and karzai.sectors == ("GOV",)
    assert not any(e.id.startswith("phx-") for e in kb._by_name.get("karzai", []))


def test_noisy_dictionary_names_are_left_out() -> None:
    kb = actor_dictionary()
    # common English words the dictionaries list as aliases ("ORGANIZATION" for an armed group)
    for word in ("Organization", "organization", "ORGANIZATION", "Revolutionary Left"):
        assert kb.lookup(word, date(2005, 1, 1)) is None, word
    # a country or a capital is a place, never the alias of a group
    for place in ("Uzbekistan", "Greece", "Kabul"):
        assert kb.lookup(place, date(2005, 1, 1)) is None, place
    # no one- or two-letter names, and no acronym of fewer than three letters
    for entry in kb.entries:
        if entry.source.startswith("Phoenix"):
            for name in (entry.name, *entry.aliases):
                assert sum(ch.isalpha() for ch in name) >= 3, (entry.id, name)


def test_dictionary_tables_load_once() -> None:
    from khabar.kb.actors import sector_nouns

    assert actor_dictionary() is actor_dictionary()
    assert sector_nouns() is sector_nouns()
    nouns = sector_nouns()
    assert nouns["soldier"].sectors == ("MIL",)  # khabar's own row
    assert nouns["smuggler"].sectors == ("CRM",)  # a Phoenix agent
    # agents of everyday life are left out: they would make every victim or website a doer of events
    assert "victim" not in nouns and "website" not in nouns


def test_the_committed_tables_are_what_the_build_script_makes(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import subprocess
    import sys

    from conftest import REPO, shared_path

    shared = shared_path("dictionaries", "petrarch2").parent.parent
    script = REPO / "tools" / "build_actor_tables.py"
    subprocess.run(
        [sys.executable, str(script), "--shared", str(shared), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
    )
    for name in ("actors_phoenix.tsv", "people_phoenix.tsv", "sector_nouns_phoenix.tsv"):
        built = (tmp_path / name).read_text(encoding="utf-8")
        assert built == (REPO / "khabar" / "kb" / "data" / name).read_text(encoding="utf-8"), name


def test_a_name_shared_by_two_office_holders_resolves_by_date() -> None:
    kb = actor_dictionary()
    # the phrase matcher tags "President Bush" with one id; the article's date picks the father or the son
    son = kb.mention("george-h-w-bush", "President Bush", date(2003, 3, 20))
    father = kb.mention("george-w-bush", "President Bush", date(1991, 1, 17))
    assert son is not None and son.id == "george-w-bush" and son.sectors == ("GOV",)
    assert father is not None and father.id == "george-h-w-bush" and father.sectors == ("GOV",)


def test_an_undated_text_names_a_shared_office_by_what_its_holders_share() -> None:
    """A name two office holders bore ("President Bush") in a text with no date: no crash, and no guess of
    which term is meant beyond what both share (today's role is never taken)."""
    import khabar

    report = khabar.extract("President Bush met the Japanese prime minister in Washington.")
    bush = next(a for a in report.actors if "Bush" in a.name)
    assert bush.country == "USA"
