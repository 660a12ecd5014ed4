"""Issue 9 at test scale: 1,000 generated hostile inputs (``tests/hostile.py``) through the real
``khabar ingest`` command, into a store that already holds the founding article.

Nothing may crash (a traceback, or a reader bug caught as an ``error`` skip), every input must end as
stored Reports or as skips with a code and a reason, and the article stored before must be untouched.
The full 10,000-input run is ``bench/hostile.py``; ``KHABAR_HOSTILE_N`` sets the size here.

The command runs in a forked child of the test process, so the model is not loaded twice; the kill test
(tests/test_kill.py) and the bench start it as a fresh interpreter.

The oracle for "every input is accounted for" is the real reader (``read_path``) run file by file in the
test process: it says which Articles and skips each file gives, and the store must hold each of them.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import SAMPLE, SEED_PUBLISHED
from hostile import Hostile, Ingest, account, consistency_problems, snapshot, write_corpus

from khabar.ingest import read_path
from khabar.ingest.cli import ingest_command
from khabar.ingest.run import ingest
from khabar.model import Article, Skipped
from khabar.store import open_store

N_INPUTS = int(os.environ.get("KHABAR_HOSTILE_N", "1000"))
SEED = 9


@dataclass
class Run:
    """One hostile ingest: its inputs, what the command said, and the store before and after."""

    inputs: list[Hostile]
    db: Path
    before: dict[str, list[tuple[Any, ...]]]
    returncode: int | None
    stderr: str
    summary: dict[str, Any]


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    root = tmp_path_factory.mktemp("hostile")
    db = root / "k.db"
    with open_store(db) as store:
        first = ingest([SAMPLE], store, published=SEED_PUBLISHED, progress=False)
    assert first.inserted == 1 and first.events > 0, first.lines()
    before = snapshot(db)
    inputs = write_corpus(root / "in", N_INPUTS, SEED)
    # the command in a process of its own (a fork of this one, which has the pipeline loaded already):
    # a reader that segfaults or exhausts memory ends that process, not pytest, and shows in its status
    out, err = root / "stdout", root / "stderr"
    command = Ingest(["ingest", str(root / "in"), "--db", str(db), "--quiet", "--json"], fresh=False,
                     out=str(out), err=str(err))  # fmt: skip
    status = command.status()
    stderr = err.read_bytes().decode("utf-8", "backslashreplace")
    lines = out.read_bytes().decode("utf-8", "backslashreplace").strip().splitlines()
    summary = json.loads(lines[-1]) if lines and lines[-1].startswith("{") else {}
    return Run(inputs, db, before, status, stderr, summary)


def test_nothing_crashes(run: Run) -> None:
    assert "Traceback" not in run.stderr, run.stderr[-3000:]
    assert run.returncode == 3, f"exit {run.returncode} (3: some inputs skipped)\n{run.stderr[-3000:]}"
    assert run.summary, "no JSON summary on stdout"
    assert not errors(run, "reading failed"), "a reader raised and was caught by read_path's safety net"


def errors(run: Run, prefix: str) -> list[str]:
    """Skips with code ``error``: an exception that a safety net caught (reader or extractor)."""
    with open_store(run.db) as store:
        return [
            f"{r['source']}: {r['reason']}"
            for r in store.skips()
            if r["code"] == "error" and r["reason"].startswith(prefix)
        ]


def test_no_extractor_fails(run: Run) -> None:
    assert errors(run, "extraction failed") == []


def test_stored_reports_are_strict_json(run: Run) -> None:
    con = sqlite3.connect(run.db)
    try:
        invalid = con.execute("SELECT id FROM articles WHERE NOT json_valid(report)").fetchall()
    finally:
        con.close()
    assert invalid == []


def test_every_input_is_accounted_for(run: Run) -> None:
    """Each file gives at least one item; each item is a stored Report, a stored skip, or a repeat."""
    problems = account(run.inputs, run.db, run.summary)
    assert {k: v[:10] for k, v in problems.items() if v} == {}


def test_earlier_contents_unchanged_and_store_consistent(run: Run) -> None:
    after = snapshot(run.db)
    founding = {row[0] for row in run.before["articles"]}
    assert [r for r in after["articles"] if r[0] in founding] == run.before["articles"]
    assert [r for r in after["events"] if r[1] in founding] == run.before["events"]
    assert consistency_problems(run.db) == []


def test_no_local_file_leaks_through_an_external_entity(run: Run) -> None:
    con = sqlite3.connect(run.db)
    try:
        leaked = con.execute("SELECT count(*) FROM articles WHERE report LIKE '%root:x:0:0%'").fetchone()[0]
    finally:
        con.close()
    assert leaked == 0


def test_rerun_adds_nothing(run: Run) -> None:
    """Again over the first 200 inputs (the whole corpus again is the bench's job): nothing new stored."""
    sources = [str(h.path) for h in run.inputs[:200]]
    before = snapshot(run.db)
    again = CliRunner().invoke(ingest_command, [*sources, "--db", str(run.db), "--quiet", "--json"])
    assert again.exception is None or isinstance(again.exception, SystemExit), again.exception
    figures = json.loads(again.stdout.strip().splitlines()[-1])
    assert figures["inserted"] == figures["replaced"] == 0 and figures["already_stored"] > 0, figures
    assert snapshot(run.db) == before


# regressions for what the hostile corpus found (cheap: no pipeline) -------------------------------------


def test_entity_bomb_feed_costs_no_cpu(tmp_path: Path) -> None:
    """A 1 KB billion-laughs feed cost expat 1-2 s of CPU before its amplification guard stopped it."""
    lol = '<!ENTITY l0 "lol">' + "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    path = tmp_path / "bomb.rss"
    path.write_text(f'<?xml version="1.0"?><!DOCTYPE rss [{lol}]><rss version="2.0"><channel><title>T</title>'
                    "<item><title>&l9;</title><description>Taliban fighters captured the crossing on Friday."
                    "</description></item></channel></rss>")  # fmt: skip
    started = time.process_time()
    items = list(read_path(path))
    assert time.process_time() - started < 0.5
    assert [type(i).__name__ for i in items] == ["Article"]


def test_unstorable_characters_and_unparsable_lines(tmp_path: Path) -> None:
    """Lone surrogates and NULs from JSON escapes crashed spaCy (and PostgreSQL); a 100,000-deep array or a
    5,000-digit number made the whole file an 'error'; a file of blank lines vanished from the summary."""
    path = tmp_path / "a.jsonl"
    lines = ['{"text": "Kabul \\ud800 said \\u0000 on Friday.", "title": "\\udfff", "url": "http://[::1"}',
             "[" * 100_000, '{"text": "x", "published": ' + "9" * 5000 + "}", '{"text": "Still read."}']  # fmt: skip
    path.write_text("\n".join(lines), encoding="utf-8")
    items = list(read_path(path))
    first = items[0]
    assert isinstance(first, Article) and first.text == "Kabul \ufffd said \ufffd on Friday." and first.url
    assert [(type(i).__name__, getattr(i, "code", None)) for i in items[1:]] == [
        ("Skipped", "bad-json"), ("Skipped", "bad-json"), ("Article", None)]  # fmt: skip
    (tmp_path / "blank.jsonl").write_text("\n\n\n")
    assert [i.code for i in read_path(tmp_path / "blank.jsonl") if isinstance(i, Skipped)] == ["empty"]
