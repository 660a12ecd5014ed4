"""Issue 9: ``kill -9`` of ``khabar ingest`` at random points, ten seeded trials. After every kill the
store must be consistent (SQLite's integrity check, no event without its article, no article with only
part of its events), and a rerun must finish the work with exactly what an uninterrupted run stores.

The corpus is 30 short articles cut from the founding article (so the test needs no gold data and the
NLP pass stays cheap), in text files and a JSON lines file, plus one empty file for a recorded skip.
Trial 0 starts ``khabar ingest`` as a fresh interpreter, as a user would; trials 1-9 fork the test
process (whose pipeline is already loaded) into a child that runs the same CLI entry point, so the ten
kills cost ten ingests rather than ten model loads (about 3 s of CPU each). Either way the child is a
separate process that gets SIGKILL and leaves its store behind.

Kill points alternate between "a few milliseconds after the k-th commit" (k random), which lands inside
the burst of commits that ends each chunk of articles, and a random time within an uninterrupted run's
duration, which mostly lands while the pipeline extracts. A point that falls after the run ended is drawn again.
"""

from __future__ import annotations

import json
import random
import signal
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import SAMPLE, SEED_PUBLISHED
from hostile import Ingest, Seed, consistency_problems

from khabar.ingest.run import ingest
from khabar.store import open_store

TRIALS = 10
SEED = 9
N_TEXT_FILES, N_JSONL_RECORDS = 20, 10


def write_corpus(folder: Path) -> int:
    """30 distinct articles of a few sentences each; returns how many."""
    rng = random.Random(SEED)
    seed = Seed(SAMPLE.read_text(encoding="utf-8"))
    folder.mkdir()

    def article(n: int) -> str:
        start = rng.randrange(len(seed.sentences) - 4)
        return f"Dispatch {n} from Kabul.\n\n" + " ".join(seed.sentences[start : start + rng.randint(1, 3)])

    for n in range(N_TEXT_FILES):
        (folder / f"{n:02d}.txt").write_text(article(n), encoding="utf-8")
    with (folder / "more.jsonl").open("w", encoding="utf-8") as out:
        for n in range(N_TEXT_FILES, N_TEXT_FILES + N_JSONL_RECORDS):
            record = {"text": article(n), "url": f"https://example.org/{n}", "published": "2021-07-09"}
            out.write(json.dumps(record) + "\n")
    (folder / "empty.txt").write_text("")
    return N_TEXT_FILES + N_JSONL_RECORDS


def contents(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """What a finished run leaves: each article's Report hash, each event id, each skip."""
    con = sqlite3.connect(db)
    try:
        return {
            "articles": con.execute("SELECT id, report_hash FROM articles ORDER BY id").fetchall(),
            "events": con.execute("SELECT id FROM events ORDER BY id").fetchall(),
            "skips": con.execute("SELECT source, code, reason FROM skips ORDER BY source, code").fetchall(),
        }
    finally:
        con.close()


def stored(db: Path) -> int:
    """Articles committed so far, read from outside like any other reader of the store."""
    if not db.exists():
        return 0
    try:
        con = sqlite3.connect(db, timeout=1)
        try:
            return int(con.execute("SELECT count(*) FROM articles").fetchone()[0])
        finally:
            con.close()
    except sqlite3.Error:  # the schema is not there yet
        return 0


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, dict[str, list[tuple[Any, ...]]], float]:
    """The articles, what an uninterrupted run of the command stores from them, and how long it takes."""
    import khabar.cli  # noqa: F401  (imported before forking too, so a child's run time is steady)

    root = tmp_path_factory.mktemp("kill")
    n = write_corpus(root / "in")
    with open_store(root / "warm.db") as store:  # the whole pipeline (lazy parts too) runs before any fork
        ingest([root / "in"], store, published=SEED_PUBLISHED, progress=False)
    started = time.monotonic()
    clean = Ingest(argv(root / "in", root / "clean.db"), fresh=False)
    while clean.running():
        time.sleep(0.01)
    seconds = time.monotonic() - started
    assert clean.status() == 3, "the empty file is skipped, so the exit code is 3"
    expected = contents(root / "clean.db")
    assert contents(root / "warm.db")["articles"] == expected["articles"], "the CLI and ingest() disagree"
    assert len(expected["articles"]) == n and expected["events"], expected
    return root / "in", n, expected, seconds


def argv(folder: Path, db: Path) -> list[str]:
    return ["ingest", str(folder), "--db", str(db), "--quiet", "--published", str(SEED_PUBLISHED)]


def test_kill_at_random_points_then_rerun(
    corpus: tuple[Path, int, dict[str, list[tuple[Any, ...]]], float], tmp_path: Path
) -> None:
    folder, n, expected, seconds = corpus
    rng = random.Random(SEED)
    report = []
    for trial in range(TRIALS):
        db = tmp_path / f"trial{trial}.db"
        for _attempt in range(5):  # a kill point after the run ended is drawn again
            db.unlink(missing_ok=True)
            process = Ingest(argv(folder, db), fresh=trial == 0)
            started = time.monotonic()
            if trial % 2 or trial == 0:  # inside the burst of commits that ends each chunk of articles
                target, deadline = rng.randrange(1, n), time.monotonic() + 300
                while process.running() and stored(db) < target and time.monotonic() < deadline:
                    time.sleep(0.002)
                time.sleep(rng.uniform(0, 0.005))
            else:  # anywhere in the run, mostly while the pipeline is extracting
                time.sleep(rng.uniform(0, 0.9 * seconds))
            status = process.kill()
            if status == -signal.SIGKILL:
                break
            seconds = min(seconds, time.monotonic() - started)  # runs are quicker now: aim earlier
        assert status == -signal.SIGKILL, f"trial {trial}: every run ended before its kill point"
        at_kill = stored(db)
        assert consistency_problems(db) == [], f"trial {trial}: inconsistent after a kill at {at_kill} articles"
        with open_store(db) as store:  # the rerun: the real ingest over the same sources and store
            rerun = ingest([folder], store, published=SEED_PUBLISHED, progress=False)
        assert rerun.already_stored == at_kill and rerun.inserted == n - at_kill, (trial, rerun.lines())
        assert consistency_problems(db) == []
        assert contents(db) == expected, f"trial {trial}: the rerun does not give the uninterrupted result"
        report.append(at_kill)
    halfway = [k for k in report if 0 < k < n]
    assert len(halfway) >= 3 and len(set(report)) >= 3, f"kills should land mid-work, at different points: {report}"
