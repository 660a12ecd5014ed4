"""The offline gazetteer: name keys, transliteration variants, curated sites and GeoNames dumps."""

from __future__ import annotations

import dataclasses
import math
import re
import sqlite3
import time
import unicodedata
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import khabar.kb.gazetteer as gz
import khabar.kb.gazetteer.builder as gz_builder
from khabar.kb.gazetteer import (
    MAX_CANDIDATES,
    Entry,
    Gazetteer,
    Match,
    build,
    gazetteer_cli,
    get_gazetteer,
    loose_key,
    name_key,
)


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(a))


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return get_gazetteer()


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Islam Qala", "Eslam Qaleh"),
        ("Qala", "Qal'ah"),
        ("Qala", "Kala"),
        ("Abu Nazr Farahi", "Abu Nasr Farahi"),
        ("Helmand", "Hilmand"),
        ("Logar", "Lowgar"),
    ],
)
def test_transliteration_variants_share_a_skeleton(a: str, b: str) -> None:
    assert loose_key(a) == loose_key(b)


def test_name_key_folds_diacritics_and_articles() -> None:
    assert name_key("Ḩaḑramawt") == "hadramawt"
    assert name_key("al-Bab") == name_key("Al Bab") == name_key("el-Bab") == "bab"


def test_islam_qala_is_the_border_crossing_in_herat(gaz: Gazetteer) -> None:
    matches = gaz.lookup("Islam Qala")
    crossing = next(m.entry for m in matches if m.entry.kind == "border crossing")
    assert crossing.country == "AFG" and crossing.admin1 == "Herat"
    assert crossing.lat is not None and crossing.lon is not None
    assert km(crossing.lat, crossing.lon, 34.66, 61.07) < 30
    assert crossing.geonames_id == 1142404


@pytest.mark.parametrize("name", ["Abu Nazr Farahi", "Abu Nasr Farahi"])
def test_abu_nasr_farahi_is_in_farah(gaz: Gazetteer, name: str) -> None:
    entry = gaz.lookup(name)[0].entry
    assert (entry.kind, entry.country, entry.admin1) == ("border crossing", "AFG", "Farah")


def test_eslam_qaleh_alternate_name_from_geonames(gaz: Gazetteer) -> None:
    assert any(m.entry.geonames_id == 1142404 for m in gaz.lookup("Eslam Qaleh"))


def test_countries_and_cities(gaz: Gazetteer) -> None:
    assert gaz.lookup("Tajikistan")[0].entry.country == "TJK"
    kabul = next(m.entry for m in gaz.lookup("Kabul") if m.entry.kind == "city")
    assert kabul.country == "AFG" and km(kabul.lat or 0, kabul.lon or 0, 34.53, 69.17) < 30


def test_admin1_names_follow_geonames_with_aliases(gaz: Gazetteer) -> None:
    herat = [m.entry for m in gaz.lookup("Herat") if m.entry.kind == "admin1"]
    assert herat and herat[0].country == "AFG"
    damascus = [m.entry for m in gaz.lookup("Damascus") if m.entry.kind == "admin1"]
    assert damascus and damascus[0].country == "SYR"


@pytest.mark.parametrize(
    ("name", "code", "lat", "lon", "within_km"),
    [
        ("United States", "USA", 39.8, -98.6, 100),  # the documented centre, not the median of its towns
        ("Canada", "CAN", 60.0, -95.0, 300),
        ("Russia", "RUS", 60.0, 100.0, 600),
        ("Afghanistan", "AFG", 33.0, 65.0, 150),
    ],
)
def test_countries_sit_at_their_own_points(
    gaz: Gazetteer, name: str, code: str, lat: float, lon: float, within_km: float
) -> None:
    country = gaz.lookup(name)[0].entry
    assert (country.kind, country.country) == ("country", code)
    assert country.geonames_id is not None and country.radius_km is not None and country.radius_km > 100
    assert km(country.lat or 0, country.lon or 0, lat, lon) < within_km


def test_admin_areas_have_ids_points_radii_and_a_hierarchy(gaz: Gazetteer) -> None:
    texas = next(m.entry for m in gaz.lookup("Texas") if m.entry.kind == "admin1")
    assert texas.geonames_id is not None and texas.radius_km is not None and texas.radius_km > 200
    assert km(texas.lat or 0, texas.lon or 0, 31.0, -99.0) < 200  # the state, not the median of its towns
    herat = next(m.entry for m in gaz.lookup("Herat") if m.entry.kind == "admin1")
    town = next(m.entry for m in gaz.lookup("Herat") if m.entry.kind == "city")
    assert town.admin1_key == herat.admin1_key  # the town is known to lie in the province
    district = next(m.entry for m in gaz.lookup("Bakwa") if m.entry.kind == "admin2")
    assert (district.country, district.admin1, district.geonames_id is not None) == ("AFG", "Farah", True)


@pytest.mark.parametrize(
    ("name", "kind", "country", "admin1"),
    [
        ("U.S.", "country", "USA", None),
        ("U.K.", "country", "GBR", None),
        ("Va.", "admin1", "USA", "Virginia"),
        ("Ark.", "admin1", "USA", "Arkansas"),
        ("Ont.", "admin1", "CAN", "Ontario"),
        ("B.C.", "admin1", "CAN", "British Columbia"),
        ("NSW", "admin1", "AUS", "New South Wales"),
    ],
)
def test_abbreviations_and_dotted_forms(gaz: Gazetteer, name: str, kind: str, country: str, admin1: str) -> None:
    entries = [m.entry for m in gaz.lookup(name)]
    assert any(e.kind == kind and e.country == country and (admin1 is None or e.admin1 == admin1) for e in entries)


def test_dotted_abbreviations_are_one_word() -> None:
    assert name_key("U.S.") == name_key("US") == "us"
    assert name_key("Washington, D.C.") == "washington dc"


@pytest.mark.parametrize("name", ["Africa", "Europe", "Middle East", "Southeast Asia", "Horn of Africa"])
def test_continents_and_macro_regions_are_regions(gaz: Gazetteer, name: str) -> None:
    entry = gaz.lookup(name)[0].entry
    assert entry.kind == "region" and entry.lat is not None and entry.source.startswith("curated")


@pytest.mark.parametrize(
    ("name", "admin1"),
    [("Torghundi", "Herat"), ("Spin Boldak crossing", "Kandahar"), ("Sher Khan Bandar", "Kunduz")],
)
def test_afghan_border_crossings_are_curated_with_points(gaz: Gazetteer, name: str, admin1: str) -> None:
    entry = next(m.entry for m in gaz.lookup(name) if m.entry.kind == "border crossing")
    assert (entry.country, entry.admin1) == ("AFG", admin1) and entry.lat is not None


def test_unknown_name_has_no_candidates(gaz: Gazetteer) -> None:
    assert gaz.lookup("Qwxzzy Plonk") == ()


def _reference_name_key(text: str) -> str:
    """name_key as first written (regex only), to hold the translate-table fast path to it."""
    text = text.translate(str.maketrans("", "", "'’‘ʻʼʾʿ`´"))
    text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)).lower()
    words = [w for w in re.split(r"[^0-9a-z]+", text.translate(str.maketrans("", "", "'’‘ʻʼʾʿ`´"))) if w]
    kept = [w for w in words if w not in gz.names._ARTICLES]
    return " ".join(kept or words)


def _reference_loose_key(text: str) -> str:
    out = []
    for word in _reference_name_key(text).split():
        for a, b in (("kh", "k"), ("gh", "g"), ("ph", "f"), ("dh", "d"), ("th", "t"), ("sh", "s"), ("ch", "c")):
            word = word.replace(a, b)
        word = re.sub(r"(?<=[aeiouy])w", "", re.sub(r"(?<=[aeiouy])h$", "", word)).translate(
            str.maketrans("qzcwxj", "kskvkj")
        )
        out.append(re.sub(r"(.)\1+", r"\1", re.sub(r"[aeiouy]", "", word)))
    return "".join(out)


@pytest.mark.parametrize(
    "text",
    [
        "Islam Qala",
        "Eslam Qaleh",
        "Qal'ah-ye Now",
        "AL-BAB",
        "the Hague",
        "al",
        "  ",
        "",
        "Ḩaḑramawt",
        "Łódź",
        "Shahr-e Now\t(centre)",
        "Kabul\xa0city",
        "awwa",
        "Ahh",
        "yh",
        "Sheikh Maqsoud",
        "Khowst",
        "Kandahar Province",
        "Ghazni 2",
        "São Tomé",
        "Dhi Qar",
        "Ma`rib",
        "Hims'",
        "Aleppo\x1cGov",
        "Ar-Raqqah",
        "İzmir",
        "Straße",
        "wh",
    ],
)
def test_key_fast_paths_match_the_reference(text: str) -> None:
    assert name_key(text) == _reference_name_key(text)
    assert loose_key(text) == _reference_loose_key(text)


def test_packed_candidates_are_the_names_table_ranked(gaz: Gazetteer) -> None:
    """The pre-ranked ids are what a join over ``names`` gives: population first, then id, capped."""
    con = sqlite3.connect(f"file:{gaz.path}?mode=ro", uri=True)
    try:
        for name in ["Kabul", "Herat", "San Jose", "Santa Maria", "Islam Qala", "Damascus", "Georgia"]:
            want = [
                pid
                for (pid,) in con.execute(
                    "SELECT p.id FROM names AS n JOIN places AS p ON p.id = n.pid WHERE n.key = ? "
                    "ORDER BY p.pop DESC, p.id LIMIT ?",
                    (name_key(name), MAX_CANDIDATES),
                )
            ]
            assert want and [m.entry.id for m in gaz.lookup(name)] == want, name
            assert all(m.how == "name" for m in gaz.lookup(name))
    finally:
        con.close()


def test_packed_entries_are_real_frozen_entries(gaz: Gazetteer) -> None:
    match = gaz.lookup("Islam Qala")[0]
    entry = match.entry
    assert type(entry) is Entry and type(match) is Match
    same = Entry(**{f.name: getattr(entry, f.name) for f in dataclasses.fields(Entry)})
    assert entry == same and hash(entry) == hash(same) and repr(entry) == repr(same)
    assert match == Match(same, match.how)
    with pytest.raises(dataclasses.FrozenInstanceError):
        entry.name = "elsewhere"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        match.how = "loose"  # type: ignore[misc]
    con = sqlite3.connect(f"file:{gaz.path}?mode=ro", uri=True)
    try:  # NULLs in the table come back as None from the packed records (-1 and NaN there)
        rows = con.execute("SELECT * FROM places WHERE lat IS NULL OR gid IS NULL OR a1 IS NULL LIMIT 200").fetchall()
    finally:
        con.close()
    assert any(r[1] is None for r in rows) and any(r[7] is None for r in rows)
    for pid, gid, name, kind, cc, a1, a2, lat, lon, pop, src, radius in rows:
        e = gaz._entry(pid)
        assert (
            e.geonames_id,
            e.name,
            e.kind,
            e.country,
            e.admin1_code,
            e.admin2,
            e.lat,
            e.lon,
            e.population,
            e.source,
            e.radius_km,
        ) == (gid, name, kind, cc, a1, a2, lat, lon, pop, src, radius)


def test_loose_keys_keep_a_few_places_per_country() -> None:
    """A skeleton shared by many places keeps the most populous two of each country, at most twelve."""
    from khabar.kb.gazetteer.pack import LOOSE_PER_COUNTRY, MAX_LOOSE_CANDIDATES, _KeyIndex, _pack_index

    # place ids 1..30: the ten most populous in one country, then one place in each of twenty others
    pop = [0] + [1000 - i for i in range(1, 31)]
    country = [None] + ["AAA"] * 10 + [f"C{i:02d}" for i in range(20)]
    packed = _pack_index([("brw", pid) for pid in range(1, 31)], pop, "loose", MAX_LOOSE_CANDIDATES, country, 2)
    got = list(_KeyIndex(packed, "loose").get("brw"))
    assert got == [1, 2, *range(11, 11 + MAX_LOOSE_CANDIDATES - LOOSE_PER_COUNTRY)]
    exact = _pack_index([("barwa", pid) for pid in range(1, 31)], pop, "names")
    assert list(_KeyIndex(exact, "names").get("barwa")) == list(range(1, MAX_CANDIDATES + 1))


def test_spellings_of_one_key_share_one_result(gaz: Gazetteer) -> None:
    """Names that fold to one key (or one skeleton) are looked up once: the same tuple comes back."""
    fresh = Gazetteer(gaz.path)
    try:
        first = fresh.lookup("Islam Qala")
        assert fresh.lookup("islam-qala") is first and fresh.lookup("ISLAM QALA") is first
        loose = fresh.lookup("Hirat")  # no place is called that: Herat's transliteration skeleton
        assert loose and all(m.how == "loose" for m in loose)
        assert fresh.lookup("Hiraat") is loose
    finally:
        fresh._con.close()


def test_a_file_of_an_older_format_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    txt = tmp_path / "AF.txt"
    txt.write_text("".join("\t".join(row) + "\n" for row in DUMP_ROWS), encoding="utf-8")
    out = tmp_path / "g.sqlite"
    build(out, txt, base=False)
    assert gz_builder._needs_build(out)[0] is False
    monkeypatch.setattr(gz_builder, "BUILD_VERSION", "4")
    assert gz_builder._needs_build(out) == (True, str(txt.resolve()))


def test_lookups_are_fast(gaz: Gazetteer) -> None:
    names = ["Kabul", "Herat", "Aleppo", "Damascus", "Mosul", "Kandahar", "Islam Qala", "Mogadishu"] * 2000
    started = time.perf_counter()
    for name in names:
        gaz.lookup(name)
    rate = len(names) / (time.perf_counter() - started)
    assert rate > 50_000, rate


DUMP_ROWS = [
    # geonameid name asciiname alternatenames lat lon fclass fcode cc cc2 a1 a2 a3 a4 pop elev dem tz mod
    [
        "9000001",
        "Zzyzx Post",
        "Zzyzx Post",
        "Zzyzx Crossing,Zizix Post",
        "34.5",
        "61.1",
        "S",
        "PSTB",
        "AF",
        "",
        "11",
        "",
        "",
        "",
        "0",
        "",
        "900",
        "Asia/Kabul",
        "2021-07-09",
    ],
    [
        "9000002",
        "Qalat-e Testi",
        "Qalat-e Testi",
        "",
        "32.1",
        "66.9",
        "P",
        "PPL",
        "AF",
        "",
        "11",
        "",
        "",
        "",
        "1200",
        "",
        "1500",
        "Asia/Kabul",
        "2021-07-09",
    ],
    [
        "9000003",
        "Testistan Province",
        "Testistan Province",
        "",
        "34.0",
        "62.0",
        "A",
        "ADM1",
        "AF",
        "",
        "11",
        "",
        "",
        "",
        "0",
        "",
        "800",
        "Asia/Kabul",
        "2021-07-09",
    ],
]


def test_build_accepts_a_geonames_dump(tmp_path: Path) -> None:
    txt = tmp_path / "AF.txt"
    txt.write_text("".join("\t".join(row) + "\n" for row in DUMP_ROWS), encoding="utf-8")
    archive = tmp_path / "allCountries.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(txt, "allCountries.txt")
    out = tmp_path / "g.sqlite"
    result = CliRunner().invoke(
        gazetteer_cli, ["build", "--geonames", str(archive), "--output", str(out), "--dump-only"]
    )
    assert result.exit_code == 0, result.output
    assert "2 from the GeoNames dump" in result.output
    gaz = Gazetteer(out)
    post = gaz.lookup("Zizix Post")[0].entry
    assert (post.kind, post.country, post.geonames_id, post.admin1) == ("border crossing", "AFG", 9000001, "Testistan")
    assert gaz.lookup("Testistan")[0].entry.kind == "admin1"
    assert build(tmp_path / "h.sqlite", txt, base=False).dump_places == 2


def test_no_two_admin1_areas_of_a_country_share_a_name(gaz: Gazetteer) -> None:
    for country in ("IND", "AFG", "PAK", "USA"):
        names = list(gaz.admin1_names(country).values())
        assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)
