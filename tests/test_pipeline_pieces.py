"""Long texts are parsed in pieces (bounded memory) and joined back so that every offset still holds."""

from __future__ import annotations

from datetime import date

from khabar.model import Article, Report, iter_spans
from khabar.pipeline import split_text


def test_split_text_joins_back_and_cuts_at_paragraphs() -> None:
    text = ("A paragraph of news. " * 40 + "\n\n") * 30
    pieces = split_text(text, 2000)
    assert "".join(pieces) == text
    assert all(len(p) <= 2000 for p in pieces)
    assert all(p.endswith("\n\n") for p in pieces[:-1])
    assert split_text("short", 2000) == ["short"]
    assert "".join(split_text("x" * 5000, 2000)) == "x" * 5000  # no break at all: a hard cut


def test_a_long_article_keeps_every_span(pipeline, founding_text: str) -> None:  # type: ignore[no-untyped-def]
    text = "\n\n".join([founding_text] * 12)
    assert len(text) > pipeline.config.piece_chars
    report = next(iter(pipeline.run([Article.new(text, published=date(2021, 7, 9))])))
    assert isinstance(report, Report)
    spans = list(iter_spans(report))
    assert len(spans) > 100
    for path, span in spans:
        assert text[span.start : span.end] == span.text, path
    assert max(a.span.start for a in report.actors) > pipeline.config.piece_chars  # the later pieces count
