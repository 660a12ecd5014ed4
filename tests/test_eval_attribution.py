"""khabar eval attribution: the scorer on relations written here, and the floors on the Wikinews gold."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from khabar.cli import main
from khabar.evaluate.attribution import Relation, load_gold, overlaps, same, score

GOLD = Path(__file__).parent / "fixtures" / "wikinews_attribution.jsonl"


def test_overlap_needs_a_shared_word_and_exact_ignores_quotes() -> None:
    text = 'The mayor said "the road is open." today'
    assert overlaps(text, (0, 9), (4, 20)) and not overlaps(text, (9, 10), (9, 11))
    assert same(text, (15, 34), (16, 32)) and not same(text, (15, 34), (20, 32))


def test_scores_pair_relations_one_to_one() -> None:
    text = "Officials said the bridge was closed, and police said it would reopen."
    gold = [Relation((0, 9), (10, 14), (15, 36)), Relation((42, 48), (49, 53), (54, 69))]
    system = [Relation((0, 9), (10, 14), (15, 36)), Relation((0, 9), (10, 14), (15, 36))]
    figures = score([(text, system, gold)])
    assert figures["relations"] == 2 and figures["relation_f1"] == 0.5 and figures["exact"]["cue_f1"] == 0.5


def test_gold_splits_by_document() -> None:
    look, check = load_gold(GOLD, "look"), load_gold(GOLD, "check")
    assert len(look) + len(check) == len(load_gold(GOLD)) >= 40
    assert not {d["id"] for d in look} & {d["id"] for d in check}
    for doc in look + check:
        for relation in doc["relations"]:
            for part in ("source", "cue", "content"):
                span = relation[part]
                if span is not None:
                    assert doc["text"][span["start"] : span["end"]] == span["text"]


def test_wikinews_floors() -> None:
    runner = CliRunner()
    for split, relation_floor, content_floor in (("look", 0.95, 0.95), ("check", 0.87, 0.89)):
        result = runner.invoke(main, ["eval", "attribution", "--gold", str(GOLD), "--split", split, "--json"])
        assert result.exit_code == 0, result.output
        figures = json.loads(result.stdout.strip().splitlines()[-1])
        assert figures["relation_f1"] >= relation_floor and figures["content_f1"] >= content_floor, figures
