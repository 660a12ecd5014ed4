"""Attributions leave khabar with the events they cover: in PLOVER JSON and through the API."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from khabar.export import attributions_path_for, export_store
from khabar.model import Article, Report
from khabar.store import open_store

TEXT = (
    '"Rebels attacked the convoy near the river. Our soldiers arrested six men," the army spokesman Omar Haddad '
    "told reporters. The ministry reportedly plans a review of border security."
)


@pytest.fixture(scope="module")
def report(pipeline) -> Report:  # type: ignore[no-untyped-def]
    found = next(iter(pipeline.run([Article.new(TEXT, url="https://news.example/convoy")])))
    assert isinstance(found, Report)
    return found


def test_plover_records_and_the_attributions_file(tmp_path: Path, report: Report) -> None:
    with open_store(tmp_path / "k.db") as store:
        store.put(report)
        written = export_store(store, "plover", tmp_path / "p.jsonl")
    side = attributions_path_for(tmp_path / "p.jsonl")
    assert written[str(side)] == len(report.attributions) >= 2
    records = [json.loads(line) for line in (tmp_path / "p.jsonl").read_text().splitlines()]
    quoted = [r for r in records if r["attribution"] and r["attribution"]["cue"] == "told"]
    assert quoted, [r["attribution"] for r in records]
    told = quoted[0]["attribution"]
    assert told["speaker"] == "Omar Haddad" and told["cue_class"] == "speech"
    assert told["content"].startswith("Rebels attacked the convoy")
    rows = [json.loads(line) for line in side.read_text().splitlines()]
    assert {r["id"] for r in quoted} <= {e for r in rows if r["cue"] == "told" for e in r["events"]}
    assert {r["cue"] for r in rows} >= {"told", "reportedly"}
    assert all(r["article_id"] == report.article.id for r in rows)


def test_api_lists_each_attribution_with_its_events(tmp_path: Path, report: Report) -> None:
    pytest.importorskip("fastapi", reason="fastapi is not installed: pip install -e '.[dev]'")
    from fastapi.testclient import TestClient

    from khabar.api import create_app

    url = f"sqlite:///{tmp_path / 'api.db'}"
    with open_store(url) as store:
        store.put(report)
    with TestClient(create_app(url)) as client:
        body = client.get(f"/api/articles/{report.article.id}/attributions").json()
        assert client.get("/api/articles/nothing-here/attributions").status_code == 404
    told = next(a for a in body["attributions"] if a["cue"] == "told")
    assert told["events"] and all(e["type"] and e["trigger"]["text"] for e in told["events"])
    assert {e["trigger"]["text"] for e in told["events"]} <= set(TEXT.split(".")[0].replace(",", "").split()) | {
        "attacked",
        "arrested",
    }
