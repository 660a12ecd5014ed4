"""The page in a real headless Chromium (Debian's, driven by Playwright from PyPI), against ``khabar serve``
on a store built by ingesting the bundled founding article: the map shows one point per located event,
brushing the timeline narrows the list, an event opens to its highlighted sentence, and no request
leaves 127.0.0.1. A screenshot is left in tests/artifacts/ for people to look at.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from reports_factory import attack_report
from test_api import build_sample_db, running_server

from khabar.store import open_store

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]  # fmt: skip

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} not found: run `bash .ci/chromium.sh` (Debian's chromium) to run the page tests",
                allow_module_level=True)  # fmt: skip
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed: pip install -e '.[dev]'")


class Browser:
    """One page plus everything it asked for; requests to any host but 127.0.0.1 are refused and kept."""

    def __init__(self, context: Any) -> None:
        self.requests: list[str] = []
        self.foreign: list[str] = []
        self.errors: list[str] = []
        context.route("**/*", self._route)
        context.on("request", lambda r: self.requests.append(r.url))
        self.page = context.new_page()
        self.page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(f"console: {m.text}"))

    def _route(self, route: Any) -> None:
        url = route.request.url
        if urlsplit(url).scheme in ("data", "blob") or urlsplit(url).hostname == "127.0.0.1":
            route.continue_()
        else:
            self.foreign.append(url)
            route.abort()

    def assert_stayed_local(self) -> None:
        assert not self.foreign, f"the page asked other hosts: {self.foreign}"
        outside = [u for u in self.requests if urlsplit(u).scheme not in ("data", "blob")
                   and urlsplit(u).hostname != "127.0.0.1"]  # fmt: skip
        assert not outside, outside
        assert self.requests, "no requests were seen at all"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = build_sample_db(tmp_path_factory.mktemp("page") / "page.db")
    with open_store(url) as store:  # one event the text dates long before the article: hidden by default
        old = attack_report(url="https://a.example/history", title="An old attack")
        store.put(replace(old, events=(replace(old.events[0], background=True),)))
    with running_server(url) as base:
        yield base


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def browser(chromium: Any) -> Iterator[Browser]:
    context = chromium.new_context(viewport={"width": 1400, "height": 860}, service_workers="block")
    yield Browser(context)
    context.close()


def api(base: str, path: str, **params: str) -> Any:
    response = httpx.get(base + path, params=params, timeout=30)
    assert response.status_code == 200, response.text
    return response.json()


def wait_ready(page: Any, after: int = 0) -> int:
    """Wait for the page to finish a refresh newer than ``after``; returns its number."""
    page.wait_for_function("n => Number(document.body.dataset.ready || 0) > n", arg=after, timeout=20000)
    return int(page.evaluate("document.body.dataset.ready"))


def test_map_timeline_list_and_evidence(server: str, browser: Browser) -> None:
    page = browser.page
    every = api(server, "/api/events", limit="1000")["events"]
    located = [e for e in every if e["lat"] is not None and e["lon"] is not None]
    assert len(located) >= 3, "the founding article should give several located events"

    page.goto(server + "/")
    ready = wait_ready(page)
    # the basemap is drawn from the bundled Natural Earth boundaries, and there is one point per located event
    assert page.locator("#map path.land").get_attribute("d")
    assert page.locator("#map circle.point").count() == len(located)
    assert sorted(page.locator("#map circle.point").evaluate_all("ns => ns.map(n => n.dataset.id)")) == sorted(
        e["id"] for e in located
    )
    assert page.locator("#events li.event").count() == len(every)
    assert page.locator("#timeline rect.bar").count() == len(api(server, "/api/stats")["by_day"])

    # brush the last day of the timeline: the list shrinks to the events whose dates overlap that day
    last_day = api(server, "/api/stats")["by_day"][-1]["day"]
    bar = page.locator(f'#timeline rect.bar[data-day="{last_day}"]').bounding_box()
    svg = page.locator("#timeline").bounding_box()
    y = bar["y"] + bar["height"] / 2
    page.mouse.move(bar["x"] + 1, y)
    page.mouse.down()
    page.mouse.move(svg["x"] + svg["width"] - 3, y, steps=8)
    page.mouse.up()
    ready = wait_ready(page, ready)
    expected = api(server, "/api/events", since=last_day, until=last_day, limit="1000")["events"]
    assert 0 < len(expected) < len(every)
    shown = page.locator("#events li.event").evaluate_all("ns => ns.map(n => n.dataset.id)")
    assert shown == [e["id"] for e in expected]
    assert page.locator("#map circle.point").count() == sum(e["lat"] is not None for e in expected)
    assert page.locator("#clear-brush").is_visible()

    # open an event: its sentence is highlighted in the article, with the trigger marked inside it
    chosen = next(e for e in expected if e["lat"] is not None)
    page.locator(f'#events li.event[data-id="{chosen["id"]}"]').click()
    sentence = page.locator("#article mark.sentence")
    sentence.wait_for(state="visible", timeout=20000)
    event = api(server, f"/api/events/{chosen['id']}")["event"]
    assert sentence.count() == 1
    assert sentence.text_content() == event["sentence"]["text"] == chosen["evidence"]
    assert sentence.locator(".trigger").first.text_content() == event["trigger"]["text"]
    background = sentence.evaluate("n => getComputedStyle(n).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent"), background
    assert sentence.is_visible() and sentence.bounding_box()["height"] > 0
    assert page.locator("#evidence .facts").text_content().count(event["type"]) >= 1
    assert page.locator(f'#map circle.point.selected[data-id="{chosen["id"]}"]').count() == 1

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "page.png"), full_page=True)
    assert (ARTIFACTS / "page.png").stat().st_size > 10_000

    # a click on the timeline clears the brush and brings every event back
    page.locator("#clear-brush").click()
    wait_ready(page, ready)
    assert page.locator("#events li.event").count() == len(every)

    assert not browser.errors, browser.errors
    browser.assert_stayed_local()


def test_filters_and_a_deep_link(server: str, browser: Browser) -> None:
    page = browser.page
    assault = api(server, "/api/events", type="ASSAULT")["events"]
    assert assault
    page.goto(server + "/#event=" + assault[0]["id"])
    ready = wait_ready(page)
    page.locator("#article mark.sentence").wait_for(state="visible", timeout=20000)
    assert page.locator("#article mark.sentence").text_content() == assault[0]["evidence"]

    page.select_option("#f-type", "ASSAULT")
    ready = wait_ready(page, ready)
    assert page.locator("#events li.event").evaluate_all("ns => ns.map(n => n.dataset.id)") == [
        e["id"] for e in assault
    ]
    assert page.locator("#map circle.point").count() == sum(e["lat"] is not None for e in assault)

    page.fill("#f-country", "IRN")
    wait_ready(page, ready)
    irn = api(server, "/api/events", type="ASSAULT", country="IRN")["events"]
    assert page.locator("#events li.event").count() == len(irn)
    assert not browser.errors, browser.errors
    browser.assert_stayed_local()


def chart_counts(page: Any) -> dict[tuple[str, str], int]:
    segs = page.locator("#chart rect.seg").evaluate_all(
        "ns => ns.map(n => [n.dataset.day, n.dataset.type, Number(n.dataset.events)])"
    )
    return {(day, kind): n for day, kind, n in segs}


def expected_counts(events: list[dict[str, Any]]) -> dict[tuple[str, str], int]:
    counts: dict[tuple[str, str], int] = {}
    for e in events:
        if e["date_earliest"]:
            key = (e["date_earliest"], e["type"])
            counts[key] = counts.get(key, 0) + 1
    return counts


def test_background_toggle_date_fields_and_the_chart(server: str, browser: Browser) -> None:
    page = browser.page
    shown = api(server, "/api/events", limit="1000")["events"]
    everything = api(server, "/api/events", limit="1000", background="true")["events"]
    hidden = [e for e in everything if e["id"] not in {s["id"] for s in shown}]
    assert len(hidden) == 1 and hidden[0]["url"] == "https://a.example/history"

    page.goto(server + "/")
    ready = wait_ready(page)
    listed = page.locator("#events li.event").evaluate_all("ns => ns.map(n => n.dataset.id)")
    assert listed == [e["id"] for e in shown]  # newest first, background hidden
    days = [e["date_earliest"] for e in shown if e["date_earliest"]]
    assert days == sorted(days, reverse=True)
    # the chart counts the listed events per day and type; the legend names each type with its colour
    assert chart_counts(page) == expected_counts(shown)
    legend = page.locator("#legend li").evaluate_all("ns => ns.map(n => n.dataset.type)")
    assert sorted(legend) == sorted({e["type"] for e in shown})
    fills = page.locator("#legend li rect").evaluate_all("ns => ns.map(n => n.getAttribute('fill'))")
    assert len(set(fills)) == len(fills)

    # the toggle brings the background event in, to the list and the chart
    page.check("#f-background")
    ready = wait_ready(page, ready)
    listed = page.locator("#events li.event").evaluate_all("ns => ns.map(n => n.dataset.id)")
    assert listed == [e["id"] for e in everything]
    assert chart_counts(page) == expected_counts(everything)
    page.uncheck("#f-background")
    ready = wait_ready(page, ready)
    assert page.locator("#events li.event").count() == len(shown)

    # the date fields beside the brush set the same range a brush would, in either order
    last = max(days)
    first = min(days)
    assert first < last, "the founding article's events should span several days"
    page.fill("#f-since", last)
    page.fill("#f-until", last)
    page.locator("#f-until").dispatch_event("change")
    ready = wait_ready(page, ready)
    expected = api(server, "/api/events", since=last, until=last, limit="1000")["events"]
    assert page.locator("#events li.event").evaluate_all("ns => ns.map(n => n.dataset.id)") == [
        e["id"] for e in expected
    ]
    assert page.locator("#timeline rect.brush").count() == 1 and page.locator("#clear-brush").is_visible()
    assert chart_counts(page) == expected_counts(
        api(server, "/api/events", since=last, until=last, limit="1000")["events"]
    )
    page.locator("#clear-brush").click()
    ready = wait_ready(page, ready)
    assert page.input_value("#f-since") == "" and page.locator("#events li.event").count() == len(shown)

    # a type filter narrows the chart to that type
    page.select_option("#f-type", "ASSAULT")
    wait_ready(page, ready)
    assert {kind for _, kind in chart_counts(page)} == {"ASSAULT"}
    assert not browser.errors, browser.errors
    browser.assert_stayed_local()


def test_api_docs_load_offline(server: str, browser: Browser) -> None:
    page = browser.page
    page.goto(server + "/docs")
    page.locator(".swagger-ui .opblock").first.wait_for(timeout=20000)
    assert page.locator(".swagger-ui .opblock").count() >= 7
    browser.assert_stayed_local()
