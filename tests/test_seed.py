"""The founding article end to end: the first acceptance test of the whole pipeline.

Floors only ever go up: raise them when khabar gets better, never lower them.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from conftest import shared_path

from khabar.evaluate.seed import load_seed, score_seed
from khabar.model import Report, iter_spans

GOLDEN = Path(__file__).resolve().parent / "golden" / "founding-article.report.json"

# Floors for `khabar eval seed`, raised as khabar improves (measured 2026-11-26: 9/9, precision 0.91,
# attributions 5/5, claims 2/2; issue 2 asked >= 6 and 0.6, issue 5 asks 9, 0.8 and all of both).
REQUIRED_MATCHED_FLOOR = 9
PRECISION_FLOOR = 0.8
ATTRIBUTIONS_FLOOR = 5
CLAIMS_FLOOR = 2


def test_every_span_cuts_the_words_it_was_read_from(seed_report: Report) -> None:
    text = seed_report.article.text
    spans = iter_spans(seed_report)
    assert len(spans) > 50
    for path, span in spans:
        assert 0 <= span.start < span.end <= len(text), path
        assert text[span.start : span.end] == span.text, path
        assert span.text.strip() == span.text, f"{path}: span {span.text!r} has untrimmed whitespace"


def test_seed_scores_at_least_the_floors() -> None:
    gold_dir = shared_path("gold", "seed")
    from khabar.evaluate.seed import evaluate_seed

    _, figures = evaluate_seed(gold_dir)
    assert figures["must_not_violations"] == 0, figures["violations"]
    assert figures["required_matched"] >= REQUIRED_MATCHED_FLOOR, figures
    assert figures["precision"] >= PRECISION_FLOOR, figures
    assert figures["attributions_matched"] >= ATTRIBUTIONS_FLOOR, figures
    assert figures["claims_matched"] >= CLAIMS_FLOOR, figures


def test_bundled_sample_is_the_gold_article() -> None:
    text, _ = load_seed(shared_path("gold", "seed"))
    sample = Path(__file__).resolve().parent.parent / "khabar" / "samples" / "founding-article.txt"
    assert sample.read_text(encoding="utf-8") == text


def _diff(expected: Any, actual: Any, path: str, out: list[str]) -> None:
    if isinstance(expected, dict) and isinstance(actual, dict):
        for key in sorted(set(expected) | set(actual)):
            _diff(expected.get(key, "<absent>"), actual.get(key, "<absent>"), f"{path}.{key}", out)
    elif isinstance(expected, list) and isinstance(actual, list):
        if len(expected) != len(actual):
            out.append(f"{path}: {len(expected)} items in the golden file, {len(actual)} now")
        for i, (e, a) in enumerate(zip(expected, actual, strict=False)):
            _diff(e, a, f"{path}[{i}]", out)
    elif expected != actual:
        out.append(f"{path}: golden {expected!r}, now {actual!r}")


def test_report_equals_the_golden_report_field_by_field(seed_report: Report) -> None:
    actual = json.loads(seed_report.to_json())
    if os.environ.get("KHABAR_UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(actual, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    differences: list[str] = []
    _diff(expected, actual, "report", differences)
    assert not differences, (
        "the Report of the founding article changed; if the change is an improvement, rerun with "
        "KHABAR_UPDATE_GOLDEN=1 and commit the new golden file:\n" + "\n".join(differences[:40])
    )


def test_score_rules_reject_a_place_for_the_talks() -> None:
    """must_not: a place for E9 fails outright (the article does not say where the talks were)."""
    _, gold = load_seed(shared_path("gold", "seed"))
    from dataclasses import replace

    from khabar.evaluate.seed import event_matches

    e9 = next(g for g in gold["events"] if g["id"] == "E9")
    assert e9["place"] is None
    # a Report event that is the talks but names a place does not match E9
    from conftest import SAMPLE, SEED_PUBLISHED, SEED_TITLE

    import khabar

    report = khabar.extract(SAMPLE.read_text(encoding="utf-8"), published=SEED_PUBLISHED, title=SEED_TITLE)
    talks = [e for e in report.events if event_matches(e9, e)]
    assert talks, "the talks on Thursday should be coded"
    some_place = report.places[0]
    assert not event_matches(e9, replace(talks[0], place=some_place))
    scored = score_seed(replace(report, events=(replace(talks[0], place=some_place),)), gold)
    assert scored["must_not_violations"] >= 1
