"""Geoparsing raw text scored against GeoVirus (toponyms in news with their coordinates).

The scoring the field uses (Gritta et al., "What's missing in geographical parsing?", 2018): recognition
precision, recall and F1 by span overlap (each gold toponym pairs with at most one found place, and the
other way round); for every gold toponym the great-circle distance from khabar's point to the gold point;
``acc161`` the share of *all* gold toponyms placed within 161 km (100 miles; a missed toponym or one found
without coordinates counts as wrong), ``acc161_found`` the same over the toponyms found, and ``median_km``
the median error over those found (one found without coordinates counts as 20,038 km, half the Earth's
circumference, so leaving a name unresolved never flatters the median).

``--split look|check|all`` takes the even-indexed articles (look: read their errors), the odd ones (check:
only measure) or all, so rules are tuned on one half and judged on the other.
"""

from __future__ import annotations

import math
import statistics
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from khabar.model import Article, Place, Report

KM_161 = 161.0
_FAR = 20_038.0  # half the circumference: the error of a toponym found but left without coordinates


@dataclass(frozen=True)
class GoldToponym:
    start: int
    end: int
    name: str
    lat: float
    lon: float


@dataclass(frozen=True)
class GoldArticle:
    index: int
    text: str
    toponyms: tuple[GoldToponym, ...]


def load_geovirus(path: Path) -> list[GoldArticle]:
    """The articles of a GeoVirus XML file, each with its gold toponyms (offsets into its text)."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise click.ClickException(f"[K030] {path} is not GeoVirus XML: {exc}") from None
    out: list[GoldArticle] = []
    for i, node in enumerate(root.iter("article")):
        text = node.findtext("text") or ""
        toponyms = []
        for loc in node.iter("location"):
            try:
                toponyms.append(
                    GoldToponym(
                        int(loc.findtext("start") or ""),
                        int(loc.findtext("end") or ""),
                        loc.findtext("name") or "",
                        float(loc.findtext("lat") or ""),
                        float(loc.findtext("lon") or ""),
                    )
                )
            except ValueError:
                continue  # a location without offsets or coordinates cannot be scored
        out.append(GoldArticle(i, text, tuple(toponyms)))
    return out


def split_articles(articles: Sequence[GoldArticle], split: str) -> list[GoldArticle]:
    """look: even article indices; check: odd; all: every article."""
    if split == "all":
        return list(articles)
    parity = 0 if split == "look" else 1
    return [a for a in articles if a.index % 2 == parity]


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


@dataclass
class Tally:
    """Counts over articles, turned into the figures by ``figures``."""

    n_gold: int = 0
    n_found: int = 0  # places khabar found
    matched: int = 0  # gold toponyms paired with a found place
    within: int = 0
    errors: list[float] | None = None

    def __post_init__(self) -> None:
        self.errors = []

    def figures(self) -> dict[str, Any]:
        errors = self.errors or []
        p = self.matched / self.n_found if self.n_found else 0.0
        r = self.matched / self.n_gold if self.n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {
            "n_gold": self.n_gold,
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(f, 4),
            "acc161": round(self.within / self.n_gold, 4) if self.n_gold else 0.0,
            "acc161_found": round(self.within / self.matched, 4) if self.matched else 0.0,
            "median_km": round(statistics.median(errors), 1) if errors else None,
        }


def pair(gold: Sequence[GoldToponym], found: Sequence[Place]) -> Iterator[tuple[GoldToponym, Place]]:
    """Gold toponyms with the found place whose span overlaps most (one to one, larger overlap first)."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(found):
            overlap = min(g.end, p.span.end) - max(g.start, p.span.start)
            if overlap > 0:
                candidates.append((-overlap, gi, pi))
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _neg, gi, pi in sorted(candidates):
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        yield gold[gi], found[pi]


def score_article(article: GoldArticle, report: Report | None, tally: Tally) -> list[dict[str, Any]]:
    """Add one article to ``tally``; return its gold toponyms with what khabar made of them, then the places
    it found that match no gold toponym (for reading)."""
    found = list(report.places) if report is not None else []
    tally.n_gold += len(article.toponyms)
    tally.n_found += len(found)
    rows: dict[int, dict[str, Any]] = {}
    paired: set[int] = set()
    for g, p in pair(article.toponyms, found):
        paired.add(id(p))
        tally.matched += 1
        error = _FAR if p.lat is None or p.lon is None else km(g.lat, g.lon, p.lat, p.lon)
        assert tally.errors is not None
        tally.errors.append(error)
        tally.within += error <= KM_161
        rows[id(g)] = {"found": p.name, "kind": p.kind, "country": p.country, "km": round(error)}
    spurious = [
        {"gold": None, "at": p.span.start, "found": p.name, "kind": p.kind} for p in found if id(p) not in paired
    ]
    return [{"gold": g.name, "at": g.start, **rows.get(id(g), {"found": None})} for g in article.toponyms] + spurious


def evaluate_geoparse(
    gold: Path, split: str = "all", *, progress: bool = True, errors_to: Path | None = None
) -> dict[str, Any]:
    """Run khabar over the articles of ``split`` and score its places."""
    from tqdm import tqdm

    from khabar import extract_batch

    articles = split_articles(load_geovirus(gold), split)
    inputs = [Article.new(a.text, id=f"geovirus-{a.index}") for a in articles]
    tally = Tally()
    lines: list[str] = []
    bar = tqdm(total=len(inputs), disable=not progress, unit=" articles", desc="geoparse", dynamic_ncols=True)
    for article, result in zip(articles, extract_batch(inputs), strict=True):
        report = result if isinstance(result, Report) else None
        for row in score_article(article, report, tally):
            lines.append(f"{article.index}\t{row}")
        bar.update(1)
    bar.close()
    if errors_to is not None:
        errors_to.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {**tally.figures(), "split": split, "articles": len(articles)}


@click.command("geoparse")
@click.option("--gold", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="GeoVirus XML (default: $KHABAR_SHARED/gold/geovirus/GeoVirus.xml).")  # fmt: skip
@click.option("--split", type=click.Choice(["look", "check", "all"]), default="all", show_default=True,
              help="look: even-indexed articles; check: odd; all: both.")  # fmt: skip
@click.option("--errors", "errors_to", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write each gold toponym with what khabar made of it to this file.")  # fmt: skip
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON line last.")
def geoparse_command(gold: Path | None, split: str, errors_to: Path | None, quiet: bool, as_json: bool) -> None:
    """Score toponym recognition and resolution on raw news text (GeoVirus): P/R/F1, accuracy within 161 km."""
    from khabar.cli_options import print_json_last, shared_dir

    path = gold or shared_dir() / "gold" / "geovirus" / "GeoVirus.xml"
    if not path.is_file():
        raise click.UsageError(f"no GeoVirus file at {path}: pass --gold PATH or set KHABAR_SHARED")
    figures = evaluate_geoparse(path, split, progress=not quiet, errors_to=errors_to)
    if as_json:
        print_json_last(figures)
        return
    click.echo(f"geoparse vs {path} ({split}, {figures['articles']} articles)")
    for key in ("n_gold", "precision", "recall", "f1", "acc161", "acc161_found", "median_km"):
        click.echo(f"  {key:<13} {figures[key]}")
