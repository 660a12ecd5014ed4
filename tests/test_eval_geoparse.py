"""eval geoparse: GeoVirus-format scoring on a small file of sentences written for khabar."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from conftest import shared_path

from khabar import extract_batch
from khabar.evaluate.geoparse import GoldToponym, Tally, km, load_geovirus, pair, score_article, split_articles
from khabar.model import Article, Place, Report, Span

TEXTS = [
    "Health officials in Nairobi confirmed two cases on Monday.",
    "The clinic in Paris, Texas, closed after the outbreak.",
]
GOLD = [  # (text index, name, lat, lon)
    (0, "Nairobi", -1.28, 36.82),
    (1, "Paris", 33.66, -95.55),
    (1, "Texas", 31.0, -100.0),
]


def write_gold(path: Path) -> Path:
    articles = []
    for i, text in enumerate(TEXTS):
        locations = "".join(
            f"<location><name>{name}</name><start>{text.index(name)}</start><end>{text.index(name) + len(name)}"
            f"</end><lat>{lat}</lat><lon>{lon}</lon><page>x</page></location>"
            for j, name, lat, lon in GOLD
            if j == i
        )
        articles.append(f"<article><source>u</source><text>{text}</text><locations>{locations}</locations></article>")
    path.write_text(f"<articles>{''.join(articles)}</articles>", encoding="utf-8")
    return path


def test_load_and_split(tmp_path: Path) -> None:
    articles = load_geovirus(write_gold(tmp_path / "g.xml"))
    assert [len(a.toponyms) for a in articles] == [1, 2]
    assert [a.index for a in split_articles(articles, "look")] == [0]
    assert [a.index for a in split_articles(articles, "check")] == [1]


def test_pairing_is_one_to_one_by_overlap() -> None:
    gold = [GoldToponym(0, 5, "Paris", 0, 0), GoldToponym(7, 12, "Texas", 0, 0)]
    text = "Paris, Texas"
    found = [Place(name="Paris", span=Span.of(text, 0, 5)), Place(name="Paris, Texas", span=Span.of(text, 0, 12))]
    pairs = list(pair(gold, found))
    assert len(pairs) == 2 and len({id(p) for _g, p in pairs}) == 2


def test_figures_count_misses_as_wrong() -> None:
    tally = Tally(n_gold=4, n_found=2, matched=2, within=1)
    tally.errors = [10.0, 500.0]
    figures = tally.figures()
    assert figures["acc161"] == 0.25 and figures["acc161_found"] == 0.5 and figures["recall"] == 0.5
    assert round(km(0, 0, 0, 1)) == 111


def test_command_prints_the_figures_last(tmp_path: Path) -> None:
    from khabar.cli import main

    result = CliRunner().invoke(
        main, ["eval", "geoparse", "--gold", str(write_gold(tmp_path / "g.xml")), "--quiet", "--json"]
    )
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output.strip().splitlines()[-1])
    assert {"n_gold", "precision", "recall", "f1", "acc161", "acc161_found", "median_km"} <= set(figures)
    assert figures["n_gold"] == 3 and figures["recall"] == 1.0 and figures["acc161"] == 1.0


def test_missing_gold_is_a_usage_error(tmp_path: Path) -> None:
    from khabar.cli import main

    result = CliRunner().invoke(main, ["eval", "geoparse", "--gold", str(tmp_path / "none.xml")])
    assert result.exit_code == 2 and "no GeoVirus file" in result.output


def test_floors_on_the_first_geovirus_articles() -> None:
    """Floors on the first 30 GeoVirus articles (look and check alike), measured 2026-12-01."""
    gold = shared_path("gold", "geovirus", "GeoVirus.xml")
    articles = load_geovirus(gold)[:30]
    tally = Tally()
    inputs = [Article.new(a.text, id=f"gv-{a.index}") for a in articles]
    for article, result in zip(articles, extract_batch(inputs), strict=True):
        score_article(article, result if isinstance(result, Report) else None, tally)
    figures = tally.figures()
    assert figures["f1"] >= FLOOR_F1 and figures["acc161"] >= FLOOR_ACC161, figures


FLOOR_F1 = 0.88  # measured 0.900
FLOOR_ACC161 = 0.72  # measured 0.738
