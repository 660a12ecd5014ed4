"""Scoring the merge against golds of which reports describe the same real-world event.

Two kinds of gold are read:

- a MEANTIME folder (``intra_cross-doc_annotation`` of the NewsReader MEANTIME corpus, CAT XML): each
  document's text is rebuilt from its tokens (one line per sentence, the headline first), its creation time
  is its publication date, and each event mention that REFERS_TO an event instance carries that instance
  (cross-document instances share their id);
- a story set (JSON lines: ``id``, ``text``, ``title``, ``url``, ``outlet``, ``published``, ``mentions``:
  ``[{"trigger": word, "nth": 1, "event": label}]``), written for khabar's tests.

khabar reads every document, merges all its events, and the score is taken over the events khabar coded
whose trigger overlaps a gold mention (the gold restricted to events khabar codes): pairwise precision,
recall and F1 (of the pairs put in one cluster) and B-cubed F1, on all documents and on the "look" and
"check" halves (split by document id).
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
import zlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from itertools import combinations
from pathlib import Path
from typing import Any

import click

from khabar.model import Article, Report


@dataclass(frozen=True)
class GoldDoc:
    article: Article
    mentions: tuple[tuple[int, int, str], ...]  # (start, end, event label) in article.text


def split_of(doc_id: str) -> str:
    """ "look" or "check", by a stable hash of the document id."""
    return "look" if zlib.crc32(doc_id.encode()) % 2 == 0 else "check"


# reading the golds --------------------------------------------------------------------------------------


def load_gold(path: Path) -> list[GoldDoc]:
    """A story set (a .jsonl file) or a MEANTIME folder (any folder holding its CAT XML files)."""
    if path.is_file():
        return load_stories(path)
    files = sorted(path.rglob("*.xml"))
    if not files:
        raise ValueError(f"{path} holds no .xml (MEANTIME) files and is not a .jsonl story set")
    return [load_meantime_doc(f) for f in files]


def load_stories(path: Path) -> list[GoldDoc]:
    docs = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        record = json.loads(line)
        text = record["text"]
        published = date.fromisoformat(record["published"]) if record.get("published") else None
        article = Article.new(text, title=record.get("title"), published=published, url=record.get("url"),
                              outlet=record.get("outlet"), id=record["id"])  # fmt: skip
        mentions = []
        for mention in record.get("mentions", []):
            start = _nth(text, mention["trigger"], int(mention.get("nth", 1)))
            if start < 0:
                raise ValueError(f"{path}:{n}: trigger {mention['trigger']!r} not found in {record['id']}")
            mentions.append((start, start + len(mention["trigger"]), mention["event"]))
        docs.append(GoldDoc(article, tuple(mentions)))
    return docs


def _nth(text: str, word: str, nth: int) -> int:
    start = -1
    for _ in range(nth):
        start = text.find(word, start + 1)
        if start < 0:
            return -1
    return start


# tokens written against the word before or after them, to give the tokenised text back its spacing
_NO_SPACE_BEFORE = frozenset({".", ",", ";", ":", "!", "?", ")", "%", "n't"})
_NO_SPACE_AFTER = frozenset({"(", "$", "#"})


def load_meantime_doc(path: Path) -> GoldDoc:
    """One CAT XML document: its text rebuilt from tokens, its creation date, its event mentions' instances."""
    root = ET.parse(path).getroot()
    doc_id = root.get("doc_id") or path.stem
    sentences: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for token in root.iter("token"):
        sentences[int(token.get("sentence", "0"))].append((token.get("t_id", ""), token.text or ""))
    offsets: dict[str, tuple[int, int]] = {}
    lines, position = [], 0
    for number in sorted(sentences):
        line = ""
        for t_id, word in sentences[number]:
            glue = not line or word in _NO_SPACE_BEFORE or word.startswith("'") or line[-1] in _NO_SPACE_AFTER
            line += "" if glue else " "
            offsets[t_id] = (position + len(line), position + len(line) + len(word))
            line += word
        lines.append(line)
        position += len(line) + 1
    text = "\n".join(lines)
    markables = root.find("Markables")
    published = None
    instances: dict[str, str] = {}
    spans: dict[str, tuple[int, int]] = {}
    for node in markables if markables is not None else []:
        if node.tag == "TIMEX3" and node.get("functionInDocument") == "CREATION_TIME":
            try:
                published = date.fromisoformat((node.get("value") or "")[:10])
            except ValueError:
                published = None  # one malformed creation time: the article is undated, as many are
        elif node.tag == "EVENT" and node.get("instance_id"):
            instances[node.get("m_id", "")] = node.get("instance_id", "")
        elif node.tag == "EVENT_MENTION":
            anchors = [offsets[a.get("t_id", "")] for a in node.iter("token_anchor") if a.get("t_id") in offsets]
            if anchors:
                spans[node.get("m_id", "")] = (min(a[0] for a in anchors), max(a[1] for a in anchors))
    mentions = []
    relations = root.find("Relations")
    for relation in relations.iter("REFERS_TO") if relations is not None else []:
        target = relation.find("target")
        instance = instances.get(target.get("m_id", "") if target is not None else "")
        if not instance:
            continue
        for source in relation.iter("source"):
            span = spans.get(source.get("m_id", ""))
            if span is not None:
                mentions.append((span[0], span[1], instance))
    url = root.get("url")
    article = Article.new(
        text, title=lines[0] if lines else None, published=published, url=url, id=f"meantime-{doc_id}"
    )
    return GoldDoc(article, tuple(sorted(mentions)))


# scoring ------------------------------------------------------------------------------------------------


def pairs_and_bcubed(gold: dict[str, str], system: dict[str, str]) -> dict[str, float]:
    """Pairwise P/R/F1 and B-cubed P/R/F1 of a system partition against a gold one over the same items."""
    items = sorted(gold)
    gold_pairs = {(a, b) for a, b in combinations(items, 2) if gold[a] == gold[b]}
    system_pairs = {(a, b) for a, b in combinations(items, 2) if system[a] == system[b]}
    both = len(gold_pairs & system_pairs)
    p = both / len(system_pairs) if system_pairs else 1.0
    r = both / len(gold_pairs) if gold_pairs else 1.0
    by_gold: dict[str, set[str]] = defaultdict(set)
    by_system: dict[str, set[str]] = defaultdict(set)
    for item in items:
        by_gold[gold[item]].add(item)
        by_system[system[item]].add(item)
    bp = br = 0.0
    for item in items:
        g, s = by_gold[gold[item]], by_system[system[item]]
        shared = len(g & s)
        bp += shared / len(s)
        br += shared / len(g)
    n = len(items) or 1
    bp, br = bp / n, br / n
    return {
        "pairs_precision": round(p, 4),
        "pairs_recall": round(r, 4),
        "pairs_f1": round(_f1(p, r), 4),
        "bcubed_precision": round(bp, 4),
        "bcubed_recall": round(br, 4),
        "bcubed_f1": round(_f1(bp, br), 4),
        "n_events": len(set(gold.values())),
        "n_reports": len(items),
        "n_gold_pairs": len(gold_pairs),
    }


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def read_reports(docs: list[GoldDoc], progress: bool = False) -> list[Report]:
    """Each gold document through the pipeline (a document khabar skips counts as one with no events)."""
    from khabar import extract_batch

    reports: list[Report] = []
    for result in extract_batch(d.article for d in docs):
        article = docs[len(reports)].article
        reports.append(result if isinstance(result, Report) else Report(article=article))
        if progress and len(reports) % 20 == 0:
            click.echo(f"read {len(reports)}/{len(docs)} documents", err=True)
    return reports


def matched_items(docs: list[GoldDoc], rows: Iterable[dict[str, Any]]) -> dict[str, tuple[str, str]]:
    """Event row id -> (gold label, split) for every coded event whose trigger overlaps a gold mention (the
    mention it overlaps most)."""
    by_doc = {d.article.id: d for d in docs}
    out: dict[str, tuple[str, str]] = {}
    for row in rows:
        doc = by_doc.get(row["article_id"])
        trigger = (row.get("event") or {}).get("trigger") or {}
        if doc is None or "start" not in trigger:
            continue
        start, end = trigger["start"], trigger["end"]
        overlaps = [(min(end, e) - max(start, s), label) for s, e, label in doc.mentions if s < end and start < e]
        if overlaps:
            out[row["id"]] = (max(overlaps)[1], split_of(doc.article.id))
    return out


def score_clusters(docs: list[GoldDoc], reports: list[Report], rules: Any = None) -> dict[str, Any]:
    """Merge every event of the reports and score the partition on the matched events (all, look, check)."""
    from khabar.cluster import cluster_events
    from khabar.export import event_rows_from_reports

    rows = event_rows_from_reports(_with_ids(docs, reports))
    clusters = cluster_events(rows, rules)
    system = {m["id"]: c.id for c in clusters for m in (*c.members, *c.disputes)}
    items = matched_items(docs, rows)
    figures: dict[str, Any] = pairs_and_bcubed({k: v[0] for k, v in items.items()}, {k: system[k] for k in items})
    for part in ("look", "check"):
        chosen = {k: v[0] for k, v in items.items() if v[1] == part}
        figures[part] = pairs_and_bcubed(chosen, {k: system[k] for k in chosen})
    figures["n_documents"] = len(docs)
    figures["n_coded_events"] = len(rows)
    figures["n_clusters"] = len(clusters)
    return figures


def _with_ids(docs: list[GoldDoc], reports: list[Report]) -> list[Report]:
    """Reports keep the gold document's id (the pipeline keeps it; a skipped one is rebuilt with it)."""
    return [
        r if r.article.id == d.article.id else replace(r, article=d.article) for d, r in zip(docs, reports, strict=True)
    ]


def evaluate_clusters(gold: Path, progress: bool = False) -> dict[str, Any]:
    docs = load_gold(gold)
    reports = read_reports(docs, progress)
    return score_clusters(docs, reports)


@click.command(name="clusters")
@click.option("--gold", type=click.Path(path_type=Path, exists=True), default=None,
              help="A story set (.jsonl) or a MEANTIME folder. "
                   "Default: $KHABAR_SHARED/corpora/meantime_english/intra_cross-doc_annotation.")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON line last.")
def clusters_command(gold: Path | None, as_json: bool) -> None:
    """Score the merge of reports into real-world events: pairwise and B-cubed, over the events khabar
    codes that the gold annotates (all documents, and the look / check halves)."""
    from khabar.cli_options import print_json_last, shared_dir

    gold = gold or shared_dir() / "corpora" / "meantime_english" / "intra_cross-doc_annotation"
    if not gold.exists():
        raise click.UsageError(f"no cluster gold at {gold}: pass --gold PATH or set KHABAR_SHARED")
    try:
        figures = evaluate_clusters(gold, progress=True)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    if not as_json:
        for part in ("all", "look", "check"):
            f = figures if part == "all" else figures[part]
            click.echo(f"{part:<6} pairs P {f['pairs_precision']:.3f} R {f['pairs_recall']:.3f} F1 "
                       f"{f['pairs_f1']:.3f}; B-cubed F1 {f['bcubed_f1']:.3f}; {f['n_reports']} reports of "
                       f"{f['n_events']} events")  # fmt: skip
    else:
        keys = ("pairs_precision", "pairs_recall", "pairs_f1", "bcubed_f1", "n_events")
        rest = {k: v for k, v in figures.items() if k not in keys}
        print_json_last({**{k: figures[k] for k in keys}, **rest})
