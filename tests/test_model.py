"""The Report contract: exact JSON round-trip, a versioned schema kept in the repo, spans that are real."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import jsonschema
import pytest

from khabar.model import (
    SCHEMA_VERSION,
    Actor,
    Article,
    Attribution,
    Event,
    Place,
    Quantity,
    Report,
    Span,
    When,
    iter_spans,
    report_json_schema,
)

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "khabar" / "schema" / "report.schema.json"
TEXT = "Rebels attacked Goma on Monday, killing 12, a spokesman said."


def sample_report() -> Report:
    article = Article.new(TEXT, published=date(2024, 3, 6), title="Goma", url="https://example.org/a")
    actor = Actor("Rebels", Span.of(TEXT, 0, 6), sectors=("REB",), kind="group", how="role")
    place = Place("Goma", Span.of(TEXT, 16, 20), kind="city", country="COD", lat=-1.68, lon=29.22,
                  precision="locality", resolution="name", confidence=0.9)  # fmt: skip
    when = When("on Monday", Span.of(TEXT, 21, 30), date(2024, 3, 4), date(2024, 3, 4), "day", "2024-03-04")
    qty = Quantity("12", Span.of(TEXT, 40, 42), 12.0, unit="people", kind="killed")
    attribution = Attribution("a spokesman", Span.of(TEXT, 44, 55), cue="said", cue_span=Span.of(TEXT, 56, 60))
    event = Event(id="e1", type="ASSAULT", trigger=Span.of(TEXT, 7, 15), sentence=Span.of(TEXT, 0, len(TEXT)),
                  actors=(actor,), place=place, when=when, quantities=(qty,), attribution=attribution,
                  cameo="190")  # fmt: skip
    return Report(article=article, events=(event,), actors=(actor,), places=(place,), times=(when,),
                  quantities=(qty,), attributions=(attribution,))  # fmt: skip


def test_json_round_trip_is_exact() -> None:
    report = sample_report()
    again = Report.from_json(report.to_json())
    assert again == report
    assert again.to_json() == report.to_json()


def test_unknown_schema_version_is_refused_with_a_reason() -> None:
    data = sample_report().to_dict()
    data["schema_version"] = "0.9"
    with pytest.raises(ValueError, match="migrate"):
        Report.from_dict(data)


def test_report_validates_against_the_committed_schema() -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.validate(sample_report().to_dict(), schema)
    assert schema["title"].endswith(SCHEMA_VERSION)


def test_committed_schema_is_generated_from_the_model() -> None:
    committed = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert committed == report_json_schema(), "run `make schema` after changing khabar/model.py"


def test_iter_spans_finds_every_span_and_each_cuts_its_text() -> None:
    report = sample_report()
    spans = iter_spans(report)
    assert len(spans) == 14
    for path, span in spans:
        assert TEXT[span.start : span.end] == span.text, path


def test_article_id_depends_on_text_and_url() -> None:
    a = Article.new("same words", url="https://a.example/1")
    b = Article.new("same words", url="https://a.example/2")
    c = Article.new("same words", url="https://a.example/1")
    assert a.id != b.id and a.id == c.id
