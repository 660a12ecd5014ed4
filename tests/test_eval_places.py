"""Place resolution against UCDP-AEC: floors on a fixed subset, and the `places` command."""

from __future__ import annotations

import json

from click.testing import CliRunner
from conftest import shared_path

from khabar.evaluate.places import evaluate_places, places_command, queries_of, query_of

SUBSET = 1500  # the first rows of train.jsonl; measured 2026-12-01 admin1_acc 0.909, coverage 0.602 (strict)


def test_query_of_ucdp_names() -> None:
    assert query_of("Dael town") == ("Dael", "city")
    assert query_of("Maruf district") == ("Maruf", "admin2")
    assert query_of("Road between Shibam town and Sayun town") == ("Shibam", "city")
    assert query_of("Al Rashidin 4 sector") == ("Al Rashidin", None)


def test_query_of_lower_units_by_their_national_names() -> None:
    """Districts and sub-districts as a country names them: after the name, or (Arabic) before it."""
    assert query_of("Gorom woreda") == ("Gorom", "admin2")
    assert query_of("Tanah Merah regency") == ("Tanah Merah", "admin2")
    assert query_of("Baliko commune") == ("Baliko", "admin2")
    assert query_of("Kaspi rayon") == ("Kaspi", "admin2")
    assert query_of("Mbela département") == ("Mbela", "admin2")
    assert query_of("Nkwen sub-division") == ("Nkwen", "admin2")
    assert query_of("Qaḑā’ al Zawiyah") == ("al Zawiyah", "admin2")
    assert query_of("Nahiyat Tall Banat") == ("Tall Banat", "admin2")
    assert query_of("Umuoji community") == ("Umuoji", "city")


def test_a_place_then_the_area_it_lies_in() -> None:
    """ "X town, Y sub-district": X is the place; Y, the area around it, is the next name to try."""
    assert query_of("Palwa town, Doru sub-district") == ("Palwa", "city")
    assert queries_of("Palwa town, Doru sub-district") == [("Palwa", "city"), ("Doru", "admin2")]
    assert queries_of("Ridge line, near Kamal town") == [("Ridge line", None), ("Kamal", "city")]


def test_floors_on_a_fixed_subset() -> None:
    gold = shared_path("gold", "ucdp_aec_train", "train.jsonl")
    scores = evaluate_places(gold, limit=SUBSET)
    assert scores["n"] > 1400
    assert scores["country_acc"] >= 0.98
    assert scores["admin1_acc"] >= 0.89
    assert scores["coverage"] >= 0.59


def test_places_command_json_is_the_last_line() -> None:
    gold = shared_path("gold", "ucdp_aec_train", "train.jsonl")
    result = CliRunner().invoke(places_command, ["--gold", str(gold), "--limit", "200", "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output.strip().splitlines()[-1])
    assert set(scores) == {"n", "country_acc", "admin1_acc", "coverage", "coverage_any", "split"}


def test_places_command_table_and_missing_gold(tmp_path) -> None:  # type: ignore[no-untyped-def]
    gold = shared_path("gold", "ucdp_aec_train", "train.jsonl")
    result = CliRunner().invoke(places_command, ["--gold", str(gold), "--limit", "50"])
    assert result.exit_code == 0 and "admin1_acc" in result.output
    missing = CliRunner().invoke(places_command, ["--gold", str(tmp_path / "nope.jsonl")])
    assert missing.exit_code != 0 and "K030" in missing.output
