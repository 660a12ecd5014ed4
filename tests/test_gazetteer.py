"""The offline gazetteer: name keys, transliteration variants, curated sites and GeoNames dumps."""

from __future__ import annotations

import math
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from khabar.kb.gazetteer import Gazetteer, build, gazetteer_cli, get_gazetteer, loose_key, name_key


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
    [("Islam Qala", "Eslam Qaleh"), ("Qala", "Qal'ah"), ("Qala", "Kala"), ("Abu Nazr Farahi", "Abu Nasr Farahi"),
     ("Helmand", "Hilmand"), ("Logar", "Lowgar")],
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


def test_unknown_name_has_no_candidates(gaz: Gazetteer) -> None:
    assert gaz.lookup("Qwxzzy Plonk") == ()


def test_lookups_are_fast(gaz: Gazetteer) -> None:
    names = ["Kabul", "Herat", "Aleppo", "Damascus", "Mosul", "Kandahar", "Islam Qala", "Mogadishu"] * 2000
    started = time.perf_counter()
    for name in names:
        gaz.lookup(name)
    rate = len(names) / (time.perf_counter() - started)
    assert rate > 50_000, rate


DUMP_ROWS = [
    # geonameid name asciiname alternatenames lat lon fclass fcode cc cc2 a1 a2 a3 a4 pop elev dem tz mod
    ["9000001", "Zzyzx Post", "Zzyzx Post", "Zzyzx Crossing,Zizix Post", "34.5", "61.1", "S", "PSTB", "AF", "",
     "11", "", "", "", "0", "", "900", "Asia/Kabul", "2021-07-09"],
    ["9000002", "Qalat-e Testi", "Qalat-e Testi", "", "32.1", "66.9", "P", "PPL", "AF", "", "11", "", "", "",
     "1200", "", "1500", "Asia/Kabul", "2021-07-09"],
    ["9000003", "Testistan Province", "Testistan Province", "", "34.0", "62.0", "A", "ADM1", "AF", "", "11", "",
     "", "", "0", "", "800", "Asia/Kabul", "2021-07-09"],
]


def test_build_accepts_a_geonames_dump(tmp_path: Path) -> None:
    txt = tmp_path / "AF.txt"
    txt.write_text("".join("\t".join(row) + "\n" for row in DUMP_ROWS), encoding="utf-8")
    archive = tmp_path / "allCountries.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(txt, "allCountries.txt")
    out = tmp_path / "g.sqlite"
    result = CliRunner().invoke(gazetteer_cli, ["build", "--geonames", str(archive), "--output", str(out),
                                                "--dump-only"])
    assert result.exit_code == 0, result.output
    assert "2 from the GeoNames dump" in result.output
    gaz = Gazetteer(out)
    post = gaz.lookup("Zizix Post")[0].entry
    assert (post.kind, post.country, post.geonames_id, post.admin1) == ("border crossing", "AFG", 9000001,
                                                                      "Testistan")
    assert gaz.lookup("Testistan")[0].entry.kind == "admin1"
    assert build(tmp_path / "h.sqlite", txt, base=False).dump_places == 2
