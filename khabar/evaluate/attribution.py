"""Scoring attribution against hand-annotated relations (source, cue, content spans), PARC 3.0 style.

The gold is JSON lines, one article a line: ``id``, ``split`` ("look" or "check"), ``text``, ``published``
and ``relations``, each with ``source`` (None when the text names no source: "reportedly"), ``cue`` and
``content`` as ``{"start", "end", "text"}`` character spans of ``text``.

Two matchings, as attribution extraction is usually scored: *overlap* (the two spans share a word) and
*exact* (the same span once quotes, spaces and end punctuation are trimmed). Each figure pairs system and
gold relations one to one, greedily in text order: ``cue_f1``, ``source_f1`` and ``content_f1`` pair on
that element alone; ``relation_f1`` pairs relations whose cue and source both match (two relations
without a named source match on the cue).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import click

from khabar.model import Article, Attribution, Report

SPLITS = ("look", "check", "all")
_TRIM = " \t\n\"'“”‘’.,;:!?"

Range = tuple[int, int]


@dataclass(frozen=True)
class Relation:
    """One attribution relation as character ranges of the article text (source None when unnamed)."""

    source: Range | None
    cue: Range
    content: Range | None


def load_gold(path: Path, split: str = "all") -> list[dict[str, Any]]:
    """The annotated articles of ``split``; a clear error for a file that is not such a gold."""
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}: choose one of {', '.join(SPLITS)}")
    docs = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            doc = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}:{n}: not JSON ({exc.msg})") from None
        if not isinstance(doc, dict) or not {"id", "text", "relations"} <= doc.keys():
            raise ValueError(f"{path}:{n}: a gold line needs id, text and relations")
        if split == "all" or doc.get("split") == split:
            docs.append(doc)
    return docs


def gold_relations(doc: dict[str, Any]) -> list[Relation]:
    def rng(span: dict[str, Any] | None) -> Range | None:
        return None if span is None else (int(span["start"]), int(span["end"]))

    out = []
    for r in doc["relations"]:
        cue = rng(r["cue"])
        if cue is None:
            raise ValueError(f"{doc['id']}: a relation without a cue")
        out.append(Relation(rng(r.get("source")), cue, rng(r.get("content"))))
    return out


def system_relations(report: Report) -> list[Relation]:
    """khabar's attributions as relations: the speaker's words in the text (the pronoun itself when the
    speaker was resolved from one), the cue and the content; an implicit source ("reportedly") is None."""
    out = []
    for a in report.attributions:
        if a.cue_span is None:
            continue
        source = None if a.how == "implicit" else (a.span.start, a.span.end)
        content = None if a.content is None else (a.content.start, a.content.end)
        out.append(Relation(source, (a.cue_span.start, a.cue_span.end), content))
    return out


def overlaps(text: str, a: Range | None, b: Range | None) -> bool:
    """The two spans share a word (a letter or digit of the text lies in both)."""
    if a is None or b is None:
        return False
    lo, hi = max(a[0], b[0]), min(a[1], b[1])
    return lo < hi and any(c.isalnum() for c in text[lo:hi])


def same(text: str, a: Range | None, b: Range | None) -> bool:
    """The same span once quotes, spaces and end punctuation are trimmed from both ends."""
    if a is None or b is None:
        return False
    return _trimmed(text, a) == _trimmed(text, b)


def _trimmed(text: str, r: Range) -> Range:
    start, end = r
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


def _pair(system: list[Relation], gold: list[Relation], match: Callable[[Relation, Relation], bool]) -> int:
    """How many one-to-one pairs (greedy, in text order) ``match`` accepts."""
    used: set[int] = set()
    n = 0
    for s in system:
        for j, g in enumerate(gold):
            if j not in used and match(s, g):
                used.add(j)
                n += 1
                break
    return n


def _f1(tp: int, n_system: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_system if n_system else 0.0
    r = tp / n_gold if n_gold else 0.0
    return round(p, 4), round(r, 4), round(2 * p * r / (p + r), 4) if p + r else 0.0


def _matched(text: str, system: list[Relation], gold: list[Relation], eq: Callable[..., bool]) -> dict[str, int]:
    """One article's one-to-one matches by element and by relation, under the span equality ``eq``."""

    def relation(s: Relation, g: Relation) -> bool:
        sources = eq(text, s.source, g.source) or (s.source is None and g.source is None)
        return bool(eq(text, s.cue, g.cue)) and sources

    sys_src = [s for s in system if s.source is not None]
    gold_src = [g for g in gold if g.source is not None]
    sys_con = [s for s in system if s.content is not None]
    gold_con = [g for g in gold if g.content is not None]
    return {
        "source": _pair(sys_src, gold_src, lambda s, g: eq(text, s.source, g.source)),
        "cue": _pair(system, gold, lambda s, g: eq(text, s.cue, g.cue)),
        "content": _pair(sys_con, gold_con, lambda s, g: eq(text, s.content, g.content)),
        "relation": _pair(system, gold, relation),
    }


def score(docs: Iterable[tuple[str, list[Relation], list[Relation]]]) -> dict[str, Any]:
    """Figures over (text, system, gold) triples: overlap figures at the top, exact ones under ``exact``."""
    totals: dict[str, dict[str, int]] = {m: {} for m in ("overlap", "exact")}
    n_gold = n_system = 0
    counted = {"source": [0, 0], "cue": [0, 0], "content": [0, 0], "relation": [0, 0]}
    for text, system, gold in docs:
        n_gold += len(gold)
        n_system += len(system)
        sys_src = [s for s in system if s.source is not None]
        gold_src = [g for g in gold if g.source is not None]
        sys_con = [s for s in system if s.content is not None]
        gold_con = [g for g in gold if g.content is not None]
        for name, n_s, n_g in (("source", sys_src, gold_src), ("cue", system, gold), ("content", sys_con, gold_con),
                               ("relation", system, gold)):  # fmt: skip
            counted[name][0] += len(n_s)
            counted[name][1] += len(n_g)
        for mode, eq in (("overlap", overlaps), ("exact", same)):
            for name, tp in _matched(text, system, gold, eq).items():
                totals[mode][name] = totals[mode].get(name, 0) + tp
    figures: dict[str, Any] = {"relations": n_gold, "system_relations": n_system}
    exact: dict[str, float] = {}
    for mode, out in (("overlap", figures), ("exact", exact)):
        for name in ("source", "cue", "content", "relation"):
            p, r, f = _f1(totals[mode].get(name, 0), counted[name][0], counted[name][1])
            out[f"{name}_f1"] = f
            if name == "relation":
                out["relation_precision"], out["relation_recall"] = p, r
    figures["exact"] = exact
    return figures


def evaluate_attribution(gold: Path, split: str = "all", errors: list[str] | None = None) -> dict[str, Any]:
    """Run khabar over the gold articles of ``split`` and score its attributions (progress on stderr).
    With ``errors`` given, the unmatched relations of each article are appended to it as lines to read."""
    from khabar.pipeline import extract_batch

    docs = load_gold(gold, split)
    if not docs:
        raise ValueError(f"{gold}: no articles in split {split!r}")
    articles = [
        Article.new(d["text"], id=d["id"], published=date.fromisoformat(d["published"]) if d.get("published") else None)
        for d in docs
    ]
    triples = []
    for n, (doc, result) in enumerate(zip(docs, extract_batch(articles), strict=True), 1):
        report = result if isinstance(result, Report) else Report(article=articles[n - 1])
        system, gold_rel = system_relations(report), gold_relations(doc)
        triples.append((doc["text"], system, gold_rel))
        if errors is not None:
            errors.extend(_unmatched(doc, system, gold_rel, report.attributions))
        print(f"\rattribution: {n}/{len(docs)} articles", end="", file=sys.stderr)
    print(file=sys.stderr)
    figures = score(triples)
    return {"split": split, "documents": len(docs), **figures}


def _unmatched(doc: dict[str, Any], system: list[Relation], gold: list[Relation],
               attributions: tuple[Attribution, ...]) -> list[str]:  # fmt: skip
    text = doc["text"]

    def show(r: Range | None) -> str:
        return "-" if r is None else repr(text[r[0] : r[1]][:70])

    def hit(s: Relation, g: Relation) -> bool:
        return overlaps(text, s.cue, g.cue) and (overlaps(text, s.source, g.source) or s.source == g.source is None)

    lines = []
    for g in gold:
        if not any(hit(s, g) for s in system):
            lines.append(f"{doc['id']} MISS  src={show(g.source)} cue={show(g.cue)} content={show(g.content)}")
    for s in system:
        if not any(hit(s, g) for g in gold):
            lines.append(f"{doc['id']} EXTRA src={show(s.source)} cue={show(s.cue)} content={show(s.content)}")
    for s in system:
        for g in gold:
            if hit(s, g) and g.content is not None and not overlaps(text, s.content, g.content):
                lines.append(f"{doc['id']} CONTENT cue={show(s.cue)} got={show(s.content)} want={show(g.content)}")
    return lines


@click.command(name="attribution")
@click.option("--gold", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Attribution gold, JSON lines. Default: tests/fixtures/wikinews_attribution.jsonl of this "
                   "checkout.")  # fmt: skip
@click.option("--split", type=click.Choice(SPLITS), default="all", show_default=True,
              help="look: the articles whose errors are read; check: the ones only measured.")  # fmt: skip
@click.option("--errors", is_flag=True, help="Print each missed, extra and mis-cut relation.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON line last.")
def attribution_command(gold: Path | None, split: str, errors: bool, as_json: bool) -> None:
    """Score attribution (source, cue, content) against hand-annotated relations."""
    from khabar.cli_options import print_json_last

    gold = gold or Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "wikinews_attribution.jsonl"
    if not gold.is_file():
        raise click.UsageError(f"no attribution gold at {gold}: pass --gold PATH")
    lines: list[str] | None = [] if errors else None
    try:
        figures = evaluate_attribution(gold, split, lines)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    for line in lines or []:
        click.echo(line)
    if as_json:
        print_json_last(figures)
    else:
        ex = figures["exact"]
        click.echo(f"{figures['documents']} articles ({split}), {figures['relations']} gold relations, "
                   f"{figures['system_relations']} found")  # fmt: skip
        click.echo(f"overlap: relation F1 {figures['relation_f1']:.3f} (P {figures['relation_precision']:.3f} "
                   f"R {figures['relation_recall']:.3f}), source {figures['source_f1']:.3f}, cue "
                   f"{figures['cue_f1']:.3f}, content {figures['content_f1']:.3f}")  # fmt: skip
        click.echo(f"exact:   relation F1 {ex['relation_f1']:.3f}, source {ex['source_f1']:.3f}, cue "
                   f"{ex['cue_f1']:.3f}, content {ex['content_f1']:.3f}")  # fmt: skip
