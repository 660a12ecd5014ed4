"""Issue 5: a sentence with no event yields none, and the events khabar emits are mostly right.

200 Wikinews sentences (tests/fixtures/wikinews_judged.jsonl, see tests/fixtures/README.md), each emitted
event judged by hand. An event the coder now emits that was never judged counts as incorrect: a changed
coder must be re-judged (add its events to the fixture), never silently credited.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import khabar
from khabar.model import Article, Report

FIXTURE = Path(__file__).parent / "fixtures" / "wikinews_judged.jsonl"

# Floors: the figures measured on 2026-11-26 (rounded down). Raise them as the coder improves; never lower.
# First measured 0.59 (under issue 5's target of 0.8); after fixing the coder by error kind, 0.803; after
# topics stopped being meeting places and "called X for Y" stopped being a call for, 0.833 (50 of 60); after
# one person discussing something stopped being a consultation, 0.877 (50 of 57).
PRECISION_FLOOR = 0.88
ISSUE_TARGET_PRECISION = 0.8
# Of the sentences judged to hold no event (no correct event, nothing missed), the share that yields none.
NO_EVENT_SILENCE_FLOOR = 0.94  # measured 0.946

Key = tuple[int, int, str]


@dataclass(frozen=True)
class Outcome:
    sentence_id: str
    key: Key
    trigger: str
    correct: bool
    judged: bool


def _records() -> list[dict[str, Any]]:
    with FIXTURE.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


@cache
def _outcomes() -> tuple[tuple[dict[str, Any], tuple[Outcome, ...]], ...]:
    records = _records()
    articles = [Article.new(r["sentence"], published=date.fromisoformat(r["published"])) for r in records]
    results: list[tuple[dict[str, Any], tuple[Outcome, ...]]] = []
    for record, report in zip(records, khabar.extract_batch(articles), strict=True):
        assert isinstance(report, Report), f"{record['id']} skipped: {report}"
        # Each judgment is used once, so an event emitted twice counts only once as judged.
        pool: Counter[Key] = Counter()
        verdicts: dict[Key, list[bool]] = {}
        for judged in record["events"]:
            key = (judged["start"], judged["end"], judged["type"])
            pool[key] += 1
            verdicts.setdefault(key, []).append(bool(judged["correct"]))
        outcomes: list[Outcome] = []
        for event in report.events:
            key = (event.trigger.start, event.trigger.end, event.type)
            if pool[key] > 0:
                pool[key] -= 1
                correct = verdicts[key].pop(0)
                outcomes.append(Outcome(record["id"], key, event.trigger.text, correct, judged=True))
            else:
                outcomes.append(Outcome(record["id"], key, event.trigger.text, False, judged=False))
        results.append((record, tuple(outcomes)))
    return tuple(results)


def test_fixture_is_well_formed() -> None:
    records = _records()
    assert len(records) == 200
    assert len({r["id"] for r in records}) == len(records)
    for record in records:
        for judged in record["events"]:
            assert record["sentence"][judged["start"] : judged["end"]] == judged["trigger"], record["id"]
            assert isinstance(judged["correct"], bool)
            assert judged["correct"] or judged["note"], f"{record['id']}: an incorrect event needs a note"


def test_precision_of_emitted_events() -> None:
    outcomes = [o for _, sentence_outcomes in _outcomes() for o in sentence_outcomes]
    assert outcomes, "no events emitted at all"
    precision = sum(o.correct for o in outcomes) / len(outcomes)
    unjudged = [f"{o.sentence_id} {o.key[2]} {o.trigger!r}" for o in outcomes if not o.judged]
    assert precision >= PRECISION_FLOOR, (
        f"precision {precision:.3f} < floor {PRECISION_FLOOR} (issue target {ISSUE_TARGET_PRECISION}); "
        f"{len(unjudged)} emitted events have no judgment in {FIXTURE.name} (re-judge them): {unjudged[:20]}"
    )


def test_sentences_without_events_yield_none() -> None:
    no_event = [
        (record, outcomes)
        for record, outcomes in _outcomes()
        if not record["missed"] and not any(j["correct"] for j in record["events"])
    ]
    assert no_event
    silent = [record for record, outcomes in no_event if not outcomes]
    rate = len(silent) / len(no_event)
    loud = [f"{r['id']}: {[o.trigger for o in outs]}" for r, outs in no_event if outs]
    assert rate >= NO_EVENT_SILENCE_FLOOR, f"{rate:.3f} of {len(no_event)} no-event sentences yield none: {loud[:20]}"
