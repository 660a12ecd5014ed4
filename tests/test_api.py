"""The HTTP API over a real SQLite store built by the real ingest of the bundled founding article.

Filters are checked against what the store itself returns for the same filters, so these tests pin the
API's contract (parameters, validation, the token rule, paging) rather than the extractors' output.
The concurrency test runs ``khabar serve`` and ``khabar ingest`` as real processes on 127.0.0.1.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import SAMPLE, SEED_PUBLISHED

from khabar.store import open_store

fastapi = pytest.importorskip("fastapi", reason="fastapi is not installed: pip install -e '.[dev]'")
from fastapi.testclient import TestClient  # noqa: E402

from khabar.api import create_app  # noqa: E402

TOKEN = "test-token-0123456789"
PLOVER_HINT = "is not a PLOVER event type"


# helpers shared with test_page.py --------------------------------------------------------------------


def build_sample_db(path: Path) -> str:
    """A store holding the founding article, read by ``khabar ingest`` (the CLI, in a subprocess)."""
    url = f"sqlite:///{path}"
    cmd = [sys.executable, "-m", "khabar.cli", "ingest", str(SAMPLE), "--db", url,
           "--published", SEED_PUBLISHED.isoformat(), "--quiet"]  # fmt: skip
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return url


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running_server(db_url: str, token: str | None = None) -> Iterator[str]:
    """``khabar serve`` (the click command) in its own process on 127.0.0.1; yields its base URL."""
    port = free_port()
    cmd = [sys.executable, "-m", "khabar.api.cli", "--db", db_url, "--host", "127.0.0.1", "--port", str(port),
           "--log-level", "warning"]  # fmt: skip
    env = dict(os.environ, KHABAR_TOKEN=token) if token else {k: v for k, v in os.environ.items()
                                                               if k != "KHABAR_TOKEN"}  # fmt: skip
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise AssertionError(f"khabar serve exited with {proc.returncode}: {proc.stderr.read()}")  # type: ignore[union-attr]
            try:
                if httpx.get(base + "/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise AssertionError("khabar serve did not answer /healthz within 60 s")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# fixtures --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def db_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_sample_db(tmp_path_factory.mktemp("api") / "sample.db")


@pytest.fixture(scope="module")
def client(db_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(db_url)) as c:
        yield c


@pytest.fixture(scope="module")
def all_rows(db_url: str) -> list[dict[str, Any]]:
    with open_store(db_url) as store:
        rows = store.events(limit=None, newest_first=True, background=False)
    assert len(rows) >= 5, "the founding article should give several events"
    return rows


def ids(response: httpx.Response) -> list[str]:
    assert response.status_code == 200, response.text
    return [e["id"] for e in response.json()["events"]]


def store_ids(db_url: str, **filters: Any) -> list[str]:
    with open_store(db_url) as store:
        return [r["id"] for r in store.events(limit=None, newest_first=True, background=False, **filters)]


# reading: every filter -------------------------------------------------------------------------------


def test_events_unfiltered_lists_every_event_newest_first(client: TestClient, all_rows: list[dict[str, Any]]) -> None:
    body = client.get("/api/events", params={"limit": 1000}).json()
    assert [e["id"] for e in body["events"]] == [r["id"] for r in all_rows]
    assert body["count"] == body["total"] == len(all_rows) and body["next_offset"] is None
    days = [e["date_earliest"] for e in body["events"] if e["date_earliest"]]
    assert days == sorted(days, reverse=True) and len(set(days)) > 1
    oldest = client.get("/api/events", params={"limit": 1000, "order": "oldest"}).json()["events"]
    assert [e["date_earliest"] for e in oldest if e["date_earliest"]] == sorted(days)
    page = client.get("/api/events", params={"limit": 2}).json()
    assert page["count"] == 2 and page["total"] == len(all_rows)
    assert "parties" not in body["events"][0]  # the internal search column stays inside
    assert {"type", "evidence", "evidence_start", "lat", "lon", "date_earliest"} <= set(body["events"][0])


def test_since_and_until_keep_events_whose_dates_overlap(client: TestClient, db_url: str) -> None:
    from datetime import date

    since = ids(client.get("/api/events", params={"since": "2021-07-09"}))
    assert since == store_ids(db_url, since=date(2021, 7, 9))
    assert 0 < len(since) < len(store_ids(db_url))
    until = ids(client.get("/api/events", params={"until": "2021-07-08"}))
    assert until == store_ids(db_url, until=date(2021, 7, 8)) and until
    assert not set(until) & set(ids(client.get("/api/events", params={"since": "2021-07-09",
                                                                       "until": "2021-07-09"})))  # fmt: skip
    for e in client.get("/api/events", params={"since": "2021-07-09"}).json()["events"]:
        assert e["date_latest"] >= "2021-07-09"


def test_country_filter_is_case_insensitive(client: TestClient, db_url: str) -> None:
    found = client.get("/api/events", params={"country": "afg"}).json()["events"]
    assert found and all(e["country"] == "AFG" for e in found)
    assert [e["id"] for e in found] == store_ids(db_url, country="AFG")


def test_type_filter(client: TestClient, db_url: str) -> None:
    found = client.get("/api/events", params={"type": "assault"}).json()["events"]
    assert found and all(e["type"] == "ASSAULT" for e in found)
    assert [e["id"] for e in found] == store_ids(db_url, type="ASSAULT")
    assert ids(client.get("/api/events", params={"type": "PROTEST"})) == store_ids(db_url, type="PROTEST")


def test_actor_filter_matches_names_and_country_codes(client: TestClient, db_url: str) -> None:
    taliban = client.get("/api/events", params={"actor": "Taliban"}).json()["events"]
    assert taliban and [e["id"] for e in taliban] == store_ids(db_url, actor="Taliban")
    assert all("taliban" in f"{e['actors']} {e['recipients']}".lower() for e in taliban)
    assert ids(client.get("/api/events", params={"actor": "IRN"})) == store_ids(db_url, actor="IRN")
    assert ids(client.get("/api/events", params={"actor": "nobody-of-that-name"})) == []


def test_bbox_filter_and_the_antimeridian(client: TestClient, all_rows: list[dict[str, Any]]) -> None:
    afghanistan = client.get("/api/events", params={"bbox": "60,29,75,39"}).json()["events"]
    assert afghanistan and all(60 <= e["lon"] <= 75 and 29 <= e["lat"] <= 39 for e in afghanistan)
    expected = [r["id"] for r in all_rows if r["lat"] is not None and 60 <= r["lon"] <= 75 and 29 <= r["lat"] <= 39]
    assert [e["id"] for e in afghanistan] == expected
    # west > east wraps round the antimeridian: 50°E eastwards to 170°W holds all of our located events
    located = [r["id"] for r in all_rows if r["lat"] is not None]
    assert ids(client.get("/api/events", params={"bbox": "50,-90,-170,90"})) == located
    assert ids(client.get("/api/events", params={"bbox": "-170,-90,50,90"})) == []


def test_filters_combine(client: TestClient, db_url: str) -> None:
    from datetime import date

    got = ids(client.get("/api/events", params={"country": "AFG", "since": "2021-07-09", "type": "ASSAULT"}))
    assert got == store_ids(db_url, country="AFG", since=date(2021, 7, 9), type="ASSAULT")


def test_paging_walks_every_event_once(client: TestClient, all_rows: list[dict[str, Any]]) -> None:
    seen: list[str] = []
    offset: int | None = 0
    while offset is not None:
        body = client.get("/api/events", params={"limit": 3, "offset": offset}).json()
        assert body["count"] <= 3
        seen.extend(e["id"] for e in body["events"])
        offset = body["next_offset"]
    assert seen == [r["id"] for r in all_rows]


def test_geojson_has_one_point_per_located_event(client: TestClient, all_rows: list[dict[str, Any]]) -> None:
    response = client.get("/api/events.geojson")
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/geo+json")
    body = response.json()
    located = {r["id"]: r for r in all_rows if r["lat"] is not None and r["lon"] is not None}
    assert body["type"] == "FeatureCollection" and not body["truncated"]
    assert {f["id"] for f in body["features"]} == set(located)
    for f in body["features"]:
        assert f["geometry"]["coordinates"] == [located[f["id"]]["lon"], located[f["id"]]["lat"]]
    assert len(client.get("/api/events.geojson", params={"limit": 2}).json()["features"]) == 2
    assert client.get("/api/events.geojson", params={"limit": 2}).json()["truncated"] is True
    typed = client.get("/api/events.geojson", params={"type": "ASSAULT"}).json()["features"]
    assert typed and all(f["properties"]["type"] == "ASSAULT" for f in typed)


def test_geojson_cells_aggregate_server_side(client: TestClient, all_rows: list[dict[str, Any]]) -> None:
    located = [r for r in all_rows if r["lat"] is not None]
    cells = client.get("/api/events.geojson", params={"cell": 5}).json()["features"]
    assert sum(f["properties"]["count"] for f in cells) == len(located)
    assert len(cells) < len(located)  # the founding article's places share cells (Herat, Iran)
    world = client.get("/api/events.geojson", params={"cell": 90}).json()["features"]
    assert sum(f["properties"]["count"] for f in world) == len(located) and len(world) <= 8


def test_one_event_with_its_spans(client: TestClient, all_rows: list[dict[str, Any]]) -> None:
    row = all_rows[0]
    body = client.get(f"/api/events/{row['id']}").json()
    assert body["id"] == row["id"] and body["event"]["type"] == row["type"] and body["clusters"] == []
    article = client.get(f"/api/articles/{row['article_id']}").json()
    text = article["article"]["text"]
    sentence, trigger = body["event"]["sentence"], body["event"]["trigger"]
    assert text[sentence["start"] : sentence["end"]] == sentence["text"] == row["evidence"]
    assert text[trigger["start"] : trigger["end"]] == trigger["text"]


def test_article_carries_the_whole_report(client: TestClient, all_rows: list[dict[str, Any]]) -> None:
    body = client.get(f"/api/articles/{all_rows[0]['article_id']}").json()
    assert body["article"]["published"] == "2021-07-09"
    assert len(body["events"]) == body["n_events"] == len(all_rows)
    assert {"attributions", "claims", "actors", "places", "times", "pipeline"} <= set(body)
    text = body["article"]["text"]
    for claim in body["claims"]:
        assert text[claim["content"]["start"] : claim["content"]["end"]] == claim["content"]["text"]


def test_unknown_ids_are_404_with_a_message(client: TestClient) -> None:
    for path in ("/api/events/no-such-event", "/api/articles/no-such-article"):
        response = client.get(path)
        assert response.status_code == 404 and "no-such" in response.json()["message"]


def test_stats_count_by_day_and_type(client: TestClient, all_rows: list[dict[str, Any]]) -> None:
    body = client.get("/api/stats").json()
    assert body["counts"]["events"] == len(all_rows)
    dated = [r for r in all_rows if r["date_earliest"] is not None]
    assert sum(d["events"] for d in body["by_day"]) == len(dated)
    assert sum(body["by_type"].values()) == len(all_rows)
    assault = client.get("/api/stats", params={"type": "ASSAULT"}).json()
    assert assault["by_type"] == {"ASSAULT": sum(r["type"] == "ASSAULT" for r in all_rows)}
    assert sum(d["events"] for d in assault["by_day"]) == sum(r["type"] == "ASSAULT" for r in dated)
    afg = client.get("/api/stats", params={"country": "AFG"}).json()
    assert afg["counts"]["events"] == sum(r["country"] == "AFG" for r in all_rows)


def test_clusters_after_merging(client: TestClient, db_url: str) -> None:
    from khabar.cluster import cluster_store

    with open_store(db_url) as store:
        figures = cluster_store(store)
    body = client.get("/api/clusters").json()
    assert len(body["clusters"]) == min(figures["clusters"], 100)
    assert all(c["reports"] for c in body["clusters"])
    first = body["clusters"][0]
    assert first["reports"][0]["evidence"] and "outlet" in first["reports"][0] and first["disputes"] == []
    assert client.get(f"/api/clusters/{first['id']}").json()["id"] == first["id"]
    assert client.get("/api/clusters/nope").status_code == 404
    assert client.get("/api/clusters", params={"min_sources": 2}).json()["clusters"] == []  # one article
    assert client.get("/api/clusters", params={"min_sources": 0}).status_code == 422


def test_health_docs_and_page(client: TestClient) -> None:
    health = client.get("/healthz").json()
    assert health["status"] == "ok" and health["read_only"] is True and health["counts"]["articles"] == 1
    spec = client.get("/openapi.json").json()
    assert {"/api/events", "/api/events.geojson", "/api/events/{event_id}", "/api/articles/{article_id}",
            "/api/stats", "/api/clusters", "/healthz"} <= set(spec["paths"])  # fmt: skip
    names = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert {"since", "until", "country", "type", "actor", "bbox", "limit", "offset"} <= names
    docs = client.get("/docs").text
    assert "/static/vendor/swagger-ui-bundle.js" in docs and "cdn." not in docs
    page = client.get("/")
    assert page.status_code == 200 and "default-src 'self'" in page.headers["content-security-policy"]
    assert "http://" not in page.text and "https://" not in page.text
    assert "static/clusters.js" in page.text and "static/clusters.css" in page.text
    assets = ("static/app.js", "static/app.css", "static/clusters.js", "static/clusters.css",
              "static/vendor/d3-geo.min.js", "static/vendor/countries-110m.json", "static/favicon.svg")  # fmt: skip
    for asset in assets:
        assert client.get("/" + asset).status_code == 200, asset


# bad parameters: 422 with a message ------------------------------------------------------------------

BAD = [
    ("/api/events", {"since": "yesterday"}, "since"),
    ("/api/events", {"until": "2021-13-01"}, "until"),
    ("/api/events", {"since": "2021-07-10", "until": "2021-07-01"}, "is after until"),
    ("/api/events", {"country": "AF"}, "country"),
    ("/api/events", {"country": "A1G"}, "country"),
    ("/api/events", {"type": "BOMBING"}, PLOVER_HINT),
    ("/api/events", {"actor": ""}, "actor"),
    ("/api/events", {"actor": "x" * 201}, "actor"),
    ("/api/events", {"bbox": "1,2,3"}, "W,S,E,N"),
    ("/api/events", {"bbox": "a,b,c,d"}, "W,S,E,N"),
    ("/api/events", {"bbox": "0,10,10,0"}, "south <= north"),
    ("/api/events", {"bbox": "200,0,10,10"}, "longitudes"),
    ("/api/events", {"bbox": "nan,0,1,1"}, "finite"),
    ("/api/events", {"limit": "0"}, "limit"),
    ("/api/events", {"limit": "1001"}, "limit"),
    ("/api/events", {"limit": "ten"}, "limit"),
    ("/api/events", {"offset": "-1"}, "offset"),
    ("/api/events", {"contry": "AFG"}, "contry"),
    ("/api/events.geojson", {"cell": "0"}, "cell"),
    ("/api/events.geojson", {"cell": "91"}, "cell"),
    ("/api/events.geojson", {"limit": "20001"}, "limit"),
    ("/api/events.geojson", {"bbox": "0,0,0"}, "W,S,E,N"),
    ("/api/stats", {"type": "nothing"}, PLOVER_HINT),
    ("/api/stats", {"since": "2021-02-30"}, "since"),
    ("/api/clusters", {"limit": "0"}, "limit"),
]


@pytest.mark.parametrize(("path", "params", "said"), BAD, ids=[f"{p}?{q}" for p, q, _ in BAD])
def test_bad_parameters_are_422_with_a_message(
    client: TestClient, path: str, params: dict[str, str], said: str
) -> None:
    response = client.get(path, params=params)
    assert response.status_code == 422, response.text
    body = response.json()
    assert said in body["message"], body["message"]
    assert body["detail"]  # the structured errors stay for programs


# the token rule --------------------------------------------------------------------------------------

ARTICLE = {
    "text": "Taliban fighters attacked a police checkpoint in Kandahar on Monday, killing three officers, "
    "a provincial spokesman told reporters.",
    "title": "Checkpoint attacked in Kandahar",
    "published": "2021-07-14",
}


def test_without_a_token_the_server_is_read_only(client: TestClient) -> None:
    response = client.post("/api/articles", json=ARTICLE)
    assert response.status_code == 403 and "read-only" in response.json()["message"]
    response = client.post("/api/articles", json=ARTICLE, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 403
    assert client.get("/healthz").json()["counts"]["articles"] == 1


def test_a_token_shorter_than_eight_characters_is_refused(db_url: str) -> None:
    with pytest.raises(ValueError, match="at least 8"):
        create_app(db_url, token="short")


def test_with_a_token_only_its_bearer_may_post(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'write.db'}"
    with TestClient(create_app(url, token=TOKEN)) as c:
        missing = c.post("/api/articles", json=ARTICLE)
        assert missing.status_code == 401 and missing.headers["www-authenticate"] == "Bearer"
        assert "Authorization: Bearer" in missing.json()["message"]
        wrong = c.post("/api/articles", json=ARTICLE, headers={"Authorization": "Bearer not-the-token"})
        assert wrong.status_code == 403 and wrong.json()["message"] == "wrong token"
        basic = c.post("/api/articles", json=ARTICLE, headers={"Authorization": f"Basic {TOKEN}"})
        assert basic.status_code == 401
        assert c.get("/healthz").json()["counts"]["articles"] == 0

        auth = {"Authorization": f"Bearer {TOKEN}"}
        created = c.post("/api/articles", json=ARTICLE, headers=auth)
        assert created.status_code == 201, created.text
        body = created.json()
        assert body["outcome"] == "inserted" and body["events"] >= 1
        stored = c.get("/api/events", params={"since": "2021-07-01"}).json()["events"]
        assert {e["article_id"] for e in stored} == {body["id"]}
        assert c.get(f"/api/articles/{body['id']}").json()["article"]["title"] == ARTICLE["title"]
        again = c.post("/api/articles", json=ARTICLE, headers=auth).json()
        assert again == body | {"outcome": "unchanged"}

        blank = c.post("/api/articles", json={"text": "   "}, headers=auth)
        assert blank.status_code == 422 and "blank" in blank.json()["message"]
        extra = c.post("/api/articles", json=ARTICLE | {"author": "x"}, headers=auth)
        assert extra.status_code == 422 and "author" in extra.json()["message"]
        bad_date = c.post("/api/articles", json=ARTICLE | {"published": "July"}, headers=auth)
        assert bad_date.status_code == 422 and "published" in bad_date.json()["message"]
        ancient = c.post("/api/articles", json=ARTICLE | {"published": "0001-01-01"}, headers=auth)
        assert ancient.status_code == 422 and "before 1900" in ancient.json()["message"]
        script = c.post("/api/articles", json=ARTICLE | {"url": "javascript:alert(1)"}, headers=auth)
        assert script.status_code == 422 and "url" in script.json()["message"]
        assert c.get("/healthz").json() | {"counts": None} == {"status": "ok", "version": c.app.version,  # type: ignore[attr-defined]
                                                               "read_only": False, "counts": None}  # fmt: skip


# 100 concurrent readers while an ingest writes ---------------------------------------------------------


def test_100_concurrent_readers_during_an_ingest(tmp_path: Path) -> None:
    db_url = build_sample_db(tmp_path / "busy.db")
    sources = tmp_path / "incoming"
    sources.mkdir()
    text = SAMPLE.read_text(encoding="utf-8")
    for i in range(12):  # distinct articles (distinct ids), each a full Report with a dozen events
        (sources / f"update-{i:02d}.txt").write_text(f"Update {i}: {text}", encoding="utf-8")
    with open_store(db_url) as store:
        before = store.counts()["events"]
        first = store.events(limit=1)[0]

    readers = 100
    errors: list[str] = []
    seen_counts: set[int] = set()
    requests_done = [0] * readers
    started = threading.Barrier(readers + 1)
    stop = threading.Event()
    lock = threading.Lock()

    def read(n: int, base: str) -> None:
        paths = ["/api/events?limit=50", "/api/stats", "/api/events.geojson", f"/api/events/{first['id']}",
                 f"/api/articles/{first['article_id']}", "/api/events?type=ASSAULT&bbox=40,20,80,45",
                 "/healthz"]  # fmt: skip
        with httpx.Client(base_url=base, timeout=120) as http:
            started.wait()
            i = 0
            while not stop.is_set() or i < len(paths):
                path = paths[(n + i) % len(paths)]
                i += 1
                try:
                    response = http.get(path)
                except httpx.HTTPError as exc:
                    with lock:
                        errors.append(f"{path}: {type(exc).__name__}: {exc}")
                    continue
                if response.status_code != 200:
                    with lock:
                        errors.append(f"{path}: {response.status_code} {response.text[:200]}")
                elif path == "/healthz":
                    with lock:
                        seen_counts.add(response.json()["counts"]["events"])
                requests_done[n] += 1

    with running_server(db_url) as base:
        threads = [threading.Thread(target=read, args=(n, base), daemon=True) for n in range(readers)]
        for thread in threads:
            thread.start()
        started.wait()
        cmd = [sys.executable, "-m", "khabar.cli", "ingest", str(sources), "--db", db_url,
               "--published", "2021-07-10", "--quiet", "--json"]  # fmt: skip
        ingest = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
        stop.set()
        for thread in threads:
            thread.join(timeout=300)
        assert not any(t.is_alive() for t in threads), "a reader hung"
        after = httpx.get(base + "/healthz").json()["counts"]["events"]

    assert ingest.returncode == 0, ingest.stderr
    assert not errors, f"{len(errors)} failed reads, e.g. {errors[:5]}"
    assert all(n >= 7 for n in requests_done), "every reader made a full round"
    assert after > before
    # the readers watched the store grow while they read: they saw more than the count before the ingest
    assert len(seen_counts) >= 2 and max(seen_counts) > before, seen_counts
