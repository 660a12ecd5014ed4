"""The runners give the Reports the pipeline gives: the local process pool, and Ray (when installed)."""

from __future__ import annotations

import csv
import importlib.util
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SEED_PUBLISHED, SEED_TITLE

from khabar.model import Article, Report, Skipped
from khabar.runner import article_from_json, article_to_json, from_record, to_record

WIKINEWS = Path(os.environ.get("KHABAR_SHARED", Path(__file__).resolve().parents[2] / "shared")) / (
    "corpora/wikinews/wikinews_2019.csv"
)
EXTRA_TEXTS = [
    "Protesters gathered in Kabul on Monday, police said. At least 12 people were hurt.",
    "",  # a Skip must travel through a runner like a Report does
]


@pytest.fixture(scope="module")
def articles(founding_text: str) -> list[Article]:
    """The founding article, a few Wikinews articles when the corpus is there, and texts of our own."""
    out = [Article.new(founding_text, title=SEED_TITLE, published=SEED_PUBLISHED)]
    if WIKINEWS.exists():
        with WIKINEWS.open(encoding="utf-8", newline="") as handle:
            for n, row in enumerate(csv.DictReader(handle)):
                if n == 3:
                    break
                out.append(Article.new(row["text"], title=row["title"], url=row["url"]))
    out.extend(Article.new(text, url=f"test:{i}") for i, text in enumerate(EXTRA_TEXTS))
    return out


@pytest.fixture(scope="module")
def direct(pipeline, articles: list[Article]) -> list[Report | Skipped]:  # type: ignore[no-untyped-def]
    return list(pipeline.run(articles))


def as_plain(results: list[Report | Skipped]) -> list[dict[str, object]]:
    """Records compared by their JSON form, so a difference shows as a readable diff."""
    return [to_record(r) for r in results]


def test_records_round_trip(direct: list[Report | Skipped], articles: list[Article]) -> None:
    assert [from_record(to_record(r)) for r in direct] == direct
    assert [article_from_json(article_to_json(a)) for a in articles] == articles
    assert any(isinstance(r, Skipped) for r in direct) and any(isinstance(r, Report) for r in direct)


def test_local_runner_equals_pipeline(direct: list[Report | Skipped], articles: list[Article]) -> None:
    from khabar.runner.local import run_local

    assert as_plain(list(run_local(articles, workers=1))) == as_plain(direct)
    # two spawned workers and small chunks: order and content must survive the pool
    assert as_plain(list(run_local(articles, workers=2, chunk=2))) == as_plain(direct)


needs_ray = pytest.mark.skipif(
    importlib.util.find_spec("ray") is None, reason="ray is not installed: pip install 'khabar[ray]' to run this"
)


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    """One local Ray instance with 2 CPUs for this module's Ray tests (starting one costs seconds)."""
    import ray

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        yield
    finally:
        ray.shutdown()


@needs_ray
def test_ray_runner_equals_local_runner(
    local_ray: None, direct: list[Report | Skipped], articles: list[Article]
) -> None:
    from khabar.runner.ray_runner import run_ray

    assert as_plain(run_ray(articles, workers=2, chunk=2)) == as_plain(direct)


def write_shards(folder: Path, founding_text: str) -> list[Path]:
    """Two JSONL shards: the founding article and short texts, with a bad line and an empty text that
    must come out as the same skips ``khabar ingest`` records."""
    lines: list[list[dict[str, str] | str]] = [
        [
            {"text": founding_text, "title": SEED_TITLE, "published": "2021-07-09", "url": "https://example.org/a"},
            {"text": EXTRA_TEXTS[0], "url": "https://example.org/b"},
            "{not json",
        ],
        [
            {"text": "Rebels attacked an army base near Goma on Sunday, killing three soldiers, officials said.",
             "published": "2024-03-04", "url": "https://example.org/c"},
            {"text": "", "url": "https://example.org/empty"},
            {"text": "The minister met the Chinese ambassador in Islamabad to discuss trade.",
             "url": "https://example.org/d"},
        ],
    ]  # fmt: skip
    shards = []
    for n, records in enumerate(lines):
        path = folder / f"shard-{n}.jsonl"
        path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records), "utf-8")
        shards.append(path)
    return shards


def stored(url: str) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Report JSON per article id, and the (source, code) of every skip, of the store at ``url``."""
    from khabar.store import open_store

    with open_store(url) as store:
        reports = {r.article.id: r.to_json() for r in store.reports()}
        skips = sorted((s["source"], s["code"]) for s in store.skips())
    return reports, skips


@needs_ray
def test_ray_shards_load_equals_ingest(local_ray: None, pipeline, founding_text: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Shards -> Ray (2 workers) -> one Parquet file per shard -> ``khabar load`` gives the store that
    ``khabar ingest`` of the same shards gives, Report for Report; a rerun skips the finished shards."""
    from click.testing import CliRunner

    from khabar.cli import main
    from khabar.load import load_command
    from khabar.runner.ray_runner import run_ray_shards, shard_output

    shards = write_shards(tmp_path, founding_text)
    out = tmp_path / "parquet"
    first = run_ray_shards(shards, out, workers=2, chunk=2)
    assert sorted(first.written) == shards and not first.done
    assert (first.reports, first.skipped) == (4, 2)
    files = sorted(out.iterdir())
    assert files == sorted(shard_output(s, out) for s in shards)  # one file per shard, no temp file left
    stamps = [f.stat().st_mtime_ns for f in files]

    again = run_ray_shards(shards, out, workers=2)
    assert not again.written and sorted(again.done) == shards
    assert [f.stat().st_mtime_ns for f in files] == stamps  # finished shards are not rewritten

    runner = CliRunner()
    ingested = f"sqlite:///{tmp_path / 'ingest.db'}"
    result = runner.invoke(main, ["ingest", *map(str, shards), "--db", ingested, "--quiet"])
    assert result.exit_code == 3, result.output  # 3: the bad line and the empty text were skipped
    loaded = f"sqlite:///{tmp_path / 'load.db'}"
    result = runner.invoke(load_command, [str(out), "--db", loaded, "--quiet", "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert (summary["files"], summary["inserted"], summary["skips"]) == (2, 4, 2)

    want, got = stored(ingested), stored(loaded)
    assert sorted(got[0]) == sorted(want[0])
    for article_id, report in want[0].items():
        assert got[0][article_id] == report, article_id
    assert got[1] == want[1]

    result = runner.invoke(load_command, [str(out), "--db", loaded, "--quiet", "--json"])
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert (summary["inserted"], summary["unchanged"]) == (0, 4)  # loading twice changes nothing
