"""``khabar eval clusters`` (issue 15): the scores, the story-set gold of our own reports, and MEANTIME's
cross-document event instances, each with the floors of the acceptance (B-cubed F1 >= 0.85, pairs
precision >= 0.90)."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import shared_path

from khabar.cli import main
from khabar.evaluate.clusters import load_gold, load_stories, pairs_and_bcubed

STORIES = Path(__file__).resolve().parent / "fixtures" / "stories" / "clusters_gold.jsonl"


def test_pairs_and_bcubed_by_hand() -> None:
    gold = {"a": "X", "b": "X", "c": "X", "d": "Y"}
    system = {"a": "1", "b": "1", "c": "2", "d": "2"}
    f = pairs_and_bcubed(gold, system)
    # gold pairs ab ac bc; system pairs ab cd; one shared
    assert (f["pairs_precision"], f["pairs_recall"]) == (0.5, 0.3333)
    # B-cubed precision: a 1, b 1, c 1/2, d 1/2 -> 0.75; recall: a 2/3, b 2/3, c 1/3, d 1 -> 0.6667
    assert (f["bcubed_precision"], f["bcubed_recall"]) == (0.75, 0.6667)
    assert f["n_events"] == 2 and f["n_reports"] == 4
    perfect = pairs_and_bcubed(gold, {"a": "p", "b": "p", "c": "p", "d": "q"})
    assert perfect["pairs_f1"] == perfect["bcubed_f1"] == 1.0


def test_the_story_set_is_what_the_issue_asks() -> None:
    """At least three stories many outlets reported, five reports or more each, plus distractors; every
    labelled trigger is in its text (load_stories raises otherwise)."""
    docs = load_stories(STORIES)
    reports_of: dict[str, set[str]] = defaultdict(set)
    for doc in docs:
        for _, _, label in doc.mentions:
            reports_of[label].add(doc.article.id)
    stories = [label for label, ids in reports_of.items() if len(ids) >= 5]
    assert len(stories) >= 3, stories
    assert len({doc.article.outlet for doc in docs}) >= 5
    assert sum(len(ids) == 1 for ids in reports_of.values()) >= 5  # distractors: similar events, told once
    assert any(doc.article.published is None for doc in docs)  # undated reports, dated by inference


def test_eval_clusters_on_the_story_set() -> None:
    result = CliRunner().invoke(main, ["eval", "clusters", "--gold", str(STORIES), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    assert list(figures)[:5] == ["pairs_precision", "pairs_recall", "pairs_f1", "bcubed_f1", "n_events"]
    assert figures["pairs_precision"] >= 0.9 and figures["bcubed_f1"] >= 0.85
    # Each half is small (about ten merged pairs), so one wrong pair moves its precision by 0.1: the halves are
    # held by B-cubed F1, and the check half (never read) by its pair precision too. Measured 2026-12-01 with
    # the issue-13 coder: look 0.80 pairs P (two meetings with Singapore's Prime Minister a day apart merged),
    # B-cubed 0.90; check 1.00 / 0.97.
    assert figures["look"]["bcubed_f1"] >= 0.85 and figures["check"]["bcubed_f1"] >= 0.85
    assert figures["check"]["pairs_precision"] >= 0.9
    assert figures["n_events"] >= 10


def test_eval_clusters_on_meantime() -> None:
    gold = shared_path("corpora", "meantime_english", "intra_cross-doc_annotation")
    docs = load_gold(gold)
    assert len(docs) == 120 and sum(len(d.mentions) for d in docs) > 1000
    result = CliRunner().invoke(main, ["eval", "clusters", "--gold", str(gold), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    assert figures["pairs_precision"] >= 0.9 and figures["bcubed_f1"] >= 0.85
    assert figures["n_documents"] == 120 and figures["n_reports"] >= 10


def test_a_missing_or_empty_gold_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["eval", "clusters", "--gold", str(tmp_path)])
    assert result.exit_code == 2 and "no .xml" in result.output
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "text": "Troops withdrew.", "mentions": [{"trigger": "stormed", "event": "e"}]}\n')
    result = CliRunner().invoke(main, ["eval", "clusters", "--gold", str(bad)])
    assert result.exit_code == 2 and "not found" in result.output


@pytest.mark.parametrize("name", ["clusters_gold.jsonl"])
def test_fixture_is_credited(name: str) -> None:
    readme = (STORIES.parent.parent / "README.md").read_text(encoding="utf-8")
    assert name in readme
