"""The page's merged events (issue 15), in a real headless Chromium: a user opens a merged event and sees every
outlet's sentence side by side, and the dispute of it. The store holds reports written for the tests
(reports_factory), merged by ``cluster_store``."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from reports_factory import Spec, make_report
from test_api import running_server
from test_page import Browser, api, browser, chromium  # noqa: F401  (fixtures)

from khabar.cluster import cluster_store
from khabar.store import open_store

WHEN = ("on Thursday", date(2024, 3, 7), date(2024, 3, 7), "day")
PLACE = ("Bab al-Hawa", "SYR", "Idlib", 36.23, 36.67)


def _reports() -> list[Any]:
    texts = [
        ("Rebel fighters seized the Bab al-Hawa crossing on Thursday, officials said.", "https://a.example/1"),
        ("Rebel fighters seized the Bab al-Hawa border crossing on Thursday after clashes.", "https://b.example/2"),
        ("A monitor said rebel fighters seized the Bab al-Hawa crossing on Thursday.", "https://c.example/3"),
    ]
    out = [
        make_report(text, [Spec("COERCE", "seized", actor=("fighters", "SYR", ("REB",)), place=PLACE, when=WHEN,
                                mode="seize")], url=url, published=date(2024, 3, 8), outlet=url.split("/")[2])
        for text, url in texts
    ]  # fmt: skip
    out.append(
        make_report(
            "The defence ministry denied that rebel fighters had seized the Bab al-Hawa crossing on Thursday.",
            [Spec("REJECT", "denied", actor=("The defence ministry", "SYR", ("GOV",)), when=WHEN)],
            url="https://d.example/4",
            published=date(2024, 3, 8),
            outlet="d.example",
        )
    )
    return out


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = tmp_path_factory.mktemp("page-clusters") / "k.db"
    with open_store(path) as store:
        for report in _reports():
            store.put(report)
        cluster_store(store)
    with running_server(f"sqlite:///{path}") as base:
        yield base


def test_a_user_opens_a_merged_event(server: str, browser: Browser) -> None:  # noqa: F811
    page = browser.page
    clusters = api(server, "/api/clusters")["clusters"]
    merged = next(c for c in clusters if c["n_sources"] == 3)
    assert len(merged["disputes"]) == 1

    page.goto(server + "/")
    page.locator("#clusters-box summary").click()
    item = page.locator(f'li.cluster[data-cluster="{merged["id"]}"]')
    item.wait_for(state="visible", timeout=20000)
    assert page.locator("li.cluster").count() == len(clusters)
    item.click()
    cards = page.locator(".report-grid .report-card")
    cards.first.wait_for(state="visible", timeout=20000)
    assert cards.count() == 3
    shown = sorted(page.locator(".report-card blockquote").all_text_contents())
    assert shown == sorted(r["evidence"] for r in merged["reports"])
    assert page.locator("ul.disputes li").count() == 1
    assert "denied" in page.locator("ul.disputes").text_content()
    assert page.url.endswith("#cluster=" + merged["id"])

    page.goto(server + "/#cluster=" + merged["id"])  # a deep link opens it directly
    page.locator(".report-card").first.wait_for(state="visible", timeout=20000)
    assert page.locator(".report-card").count() == 3
    Path(__file__).resolve().parent.joinpath("artifacts").mkdir(exist_ok=True)
    page.screenshot(path=str(Path(__file__).resolve().parent / "artifacts" / "page-clusters.png"))
    assert not browser.errors, browser.errors
    browser.assert_stayed_local()
