"""Each export read back the way its consumers read it."""

from __future__ import annotations

import json
from pathlib import Path

import geojson
import jsonschema
import pandas as pd
import pyarrow.parquet as pq
from click.testing import CliRunner
from reports_factory import attack_report, protest_report

from khabar.export import (
    ACLED_COLUMNS,
    GDELT_EVENT_COLUMNS,
    GDELT_MENTION_COLUMNS,
    export_store,
    mentions_path_for,
    plover_schema,
)
from khabar.ingest.cli import export_command
from khabar.model import MODALITIES
from khabar.store import SqlStore, open_store


def filled(tmp_path: Path) -> SqlStore:
    store = open_store(tmp_path / "k.db")
    store.put(attack_report(url="https://a.example/1"))
    store.put(attack_report(url="https://b.example/2", title="Mirror"))
    store.put(protest_report())
    return store


def test_acled_csv(tmp_path: Path) -> None:
    with filled(tmp_path) as store:
        export_store(store, "acled", tmp_path / "acled.csv")
    frame = pd.read_csv(tmp_path / "acled.csv", keep_default_na=False)
    assert list(frame.columns) == ACLED_COLUMNS and len(ACLED_COLUMNS) == 31
    assert len(frame) == 2  # the two reports of the attack are one ACLED event
    attack = frame[frame.event_type == "Battles"].iloc[0]
    assert attack.disorder_type == "Political violence" and attack.sub_event_type == "Armed clash"
    assert attack.event_date == "2021-07-05" and attack.year == 2021 and attack.time_precision == 1
    assert attack.country == "Afghanistan" and attack.iso == 4 and attack.admin1 == "Kandahar"
    assert (attack.latitude, attack.longitude, attack.fatalities) == (31.61, 65.71, 12)
    assert (attack.inter1, attack.inter2, attack.interaction) == (2, 1, 12)
    assert attack.source == "a.example; b.example" and attack.event_id_cnty.startswith("AFG")
    assert "n_sources=2" in attack.tags
    protest = frame[frame.event_type == "Protests"].iloc[0]
    assert protest.sub_event_type == "Peaceful protest" and protest.fatalities == 0
    assert (protest.inter1, protest.inter2, protest.interaction) == (6, 0, 60)


def test_gdelt_events_and_mentions(tmp_path: Path) -> None:
    out = tmp_path / "gdelt.tsv"
    with filled(tmp_path) as store:
        written = export_store(store, "gdelt", out)
    assert written == {str(out): 2, str(mentions_path_for(out)): 3}
    events = pd.read_csv(out, sep="\t", header=None, names=GDELT_EVENT_COLUMNS, dtype={"EventCode": str},
                         keep_default_na=False)  # fmt: skip
    assert events.shape == (2, 61)
    attack = events[events.EventCode == "190"].iloc[0]
    assert attack.SQLDATE == 20210705 and attack.MonthYear == 202107 and attack.QuadClass == 4
    assert (attack.NumMentions, attack.NumArticles, attack.NumSources) == (2, 2, 2)
    assert attack.Actor1Code == "AFGINS" and attack.Actor1Name == "TALIBAN FIGHTERS"
    assert attack.ActionGeo_CountryCode == "AF" and attack.ActionGeo_Lat == 31.61
    assert attack.GoldsteinScale == -10.0 and attack.IsRootEvent == 1 and attack.Actor1Type1Code == "INS"
    protest = events[events.EventCode == "140"].iloc[0]
    assert protest.QuadClass == 4 and protest.GoldsteinScale == -6.5 and protest.ActionGeo_Type == 4
    mentions = pd.read_csv(mentions_path_for(out), sep="\t", header=None, names=GDELT_MENTION_COLUMNS,
                           keep_default_na=False)  # fmt: skip
    assert mentions.shape == (3, 16)
    assert set(mentions.GLOBALEVENTID) == set(events.GLOBALEVENTID)
    first = mentions[mentions.MentionIdentifier == "https://a.example/1"].iloc[0]
    assert first.ActionCharOffset == attack_report().events[0].trigger.start
    assert first.MentionTimeDate == 20210706000000
    assert "modality=reported; background=0" in first.Extras


def test_plover_jsonl(tmp_path: Path) -> None:
    with filled(tmp_path) as store:
        export_store(store, "plover", tmp_path / "p.jsonl")
    records = [json.loads(line) for line in (tmp_path / "p.jsonl").read_text().splitlines()]
    assert len(records) == 3
    schema = plover_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    for record in records:
        validator.validate(record)
    assert schema["properties"]["modality"]["enum"] == [None, *MODALITIES]  # the model's vocabulary
    broken = dict(records[0], modality="maybe")
    assert not validator.is_valid(broken)
    attack = next(r for r in records if r["event_type"] == "ASSAULT")
    for key in ("event_type", "mode", "context", "actor", "actor_country", "actor_sector", "recipient",
                "recipient_country", "recipient_sector", "date", "location", "event_text", "source"):  # fmt: skip
        assert key in attack
    assert attack["actor_country"] == "AFG" and attack["actor_sector"] == ["INS"]
    assert attack["recipient_sector"] == ["COP"] and attack["date"] == "2021-07-05"
    assert attack["location"]["admin1"] == "Kandahar"
    assert attack["event_text"].startswith("Taliban fighters attacked")
    assert attack["modality"] is None and attack["background"] is False and attack["stance"] == "attributed"
    assert [(c["kind"], c["value"], c["source"]) for c in attack["casualties"]] == [
        ("killed", 12, "a provincial spokesman")
    ]
    text = attack_report().article.text
    span = attack["evidence"]["trigger"]
    assert text[span["start"] : span["end"]] == "attacked"


def test_geojson_is_valid_and_lon_lat(tmp_path: Path) -> None:
    with filled(tmp_path) as store:
        export_store(store, "geojson", tmp_path / "e.geojson")
    collection = geojson.loads((tmp_path / "e.geojson").read_text())
    assert collection.is_valid, collection.errors()
    assert len(collection["features"]) == 3
    assert collection["features"][0]["geometry"]["coordinates"] == [65.71, 31.61]
    assert collection["features"][0]["properties"]["date_earliest"] == "2021-07-05"
    properties = collection["features"][0]["properties"]
    assert properties["modality"] is None and properties["background"] is False
    assert {(c["kind"], c["value"]) for f in collection["features"] for c in f["properties"]["casualties"]} == {
        ("killed", 12)
    }


def test_parquet(tmp_path: Path) -> None:
    with filled(tmp_path) as store:
        export_store(store, "parquet", tmp_path / "e.parquet")
    table = pq.read_table(tmp_path / "e.parquet")
    assert table.num_rows == 3
    assert {"id", "type", "date_earliest", "lat", "lon", "evidence", "event", "modality", "background"} <= set(
        table.column_names
    )
    frame = table.to_pandas()
    assert sorted(frame.type) == ["ASSAULT", "ASSAULT", "PROTEST"]
    assert json.loads(frame.event.iloc[0])["id"] == "e1"


def test_export_command_writes_the_file(tmp_path: Path) -> None:
    filled(tmp_path).close()
    result = CliRunner().invoke(export_command, ["geojson", "--db", str(tmp_path / "k.db"),
                                                 "-o", str(tmp_path / "o.geojson")])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert json.loads((tmp_path / "o.geojson").read_text())["type"] == "FeatureCollection"
    result = CliRunner().invoke(export_command, ["parquet", "--db", str(tmp_path / "k.db")])
    assert result.exit_code == 2 and "needs -o" in result.output
