"""Country names, aliases and demonyms to ISO alpha-3 (khabar.kb.countries)."""

from __future__ import annotations

import pytest

from khabar.kb.countries import alpha2_to_alpha3, country_code, country_name, demonym_country


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Iran", "IRN"),
        ("Afghanistan", "AFG"),
        ("U.S.", "USA"),
        ("United States", "USA"),
        ("America", "USA"),
        ("Britain", "GBR"),
        ("UK", "GBR"),
        ("Russia", "RUS"),
        ("Syria", "SYR"),
        ("South Korea", "KOR"),
        ("Ivory Coast", "CIV"),
        ("Côte d'Ivoire", "CIV"),
        ("Tajikistan", "TJK"),
        ("DR Congo", "COD"),
        ("iran", "IRN"),
        ("Yemen (North Yemen)", "YEM"),
        ("Myanmar (Burma)", "MMR"),
        ("Kosovo", "XKX"),
        ("the Netherlands", "NLD"),
        ("Guinea-Bissau", "GNB"),
        ("Niger", "NER"),
        ("Nigeria", "NGA"),
    ],
)
def test_country_code(name: str, code: str) -> None:
    assert country_code(name) == code


def test_unknown_country_is_none() -> None:
    assert country_code("Atlantis") is None
    assert country_code("") is None


@pytest.mark.parametrize(
    ("word", "code"),
    [
        ("Afghan", "AFG"),
        ("Iranian", "IRN"),
        ("American", "USA"),
        ("British", "GBR"),
        ("Israeli", "ISR"),
        ("Palestinian", "PSE"),
        ("Ukrainian", "UKR"),
        ("Russian", "RUS"),
        ("Syrian", "SYR"),
        ("Tajik", "TJK"),
        ("Pakistani", "PAK"),
        ("Chinese", "CHN"),
        ("French", "FRA"),
        ("Afghans", "AFG"),
        ("Swiss", "CHE"),
    ],
)
def test_demonym_country(word: str, code: str) -> None:
    assert demonym_country(word) == code


def test_country_names_are_not_demonyms() -> None:
    assert demonym_country("Tajikistan") is None


def test_every_un_member_has_a_demonym() -> None:
    from khabar.kb.countries import _demonyms

    covered = set(_demonyms().values())
    # A sample across continents; the table covers all 193 members.
    for code in ("AFG", "BRA", "NGA", "FJI", "MNG", "SSD", "TLS", "VUT", "KIR", "ISL"):
        assert code in covered, code


def test_names_and_codes() -> None:
    assert country_name("IRN") == "Iran"
    assert country_name("XYZ") is None
    assert alpha2_to_alpha3("af") == "AFG"
    assert alpha2_to_alpha3("XK") == "XKX"
