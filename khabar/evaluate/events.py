"""Scoring the events coder against PLOVER-coded sentences (the PLOVER gold standard records).

Each gold record is one sentence with one event category and its source and target actors. A sentence's
coded events are compared by category: a coded event of the gold category is a true positive (and is the
matched event whose actors are checked), every other coded category is a false positive, and a gold
category with no coded event of its type is a false negative. Old PLOVER names are mapped to today's.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import click

from khabar.kb.event_patterns import PLOVER_TYPES
from khabar.model import Actor, Article, Event, Report

# PLOVER 0.5b1 category names used in the gold records, and today's names (gold README).
OLD_NAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
# CAMEO's codes for parties of no country (in the gold's country slot), and the sectors khabar gives them:
# intergovernmental and non-governmental organisations, and transnational militant groups (al-Qaeda).
_ORGANISATION = frozenset({"IGO", "NGO"})
TRANSNATIONAL = {"IGO": _ORGANISATION, "NGO": _ORGANISATION, "IMG": frozenset({"INS", "REB"})}
# The gold's PLOVER 0.5 context names and today's (the manual's list); None: no context of today's list
# ("historical" is an auxiliary mode now, "assets" and "unknown" name none).
OLD_CONTEXTS: dict[str, str | None] = {
    "refugee": "migration", "refugees": "migration", "resource": "natural_resource",
    "political": "political_institutions", "government": "executive", "rights": "rights_freedoms",
    "discrimination": "inequality",  # the manual: "societal discrimination ... should also be coded as inequality"
    "historical": None, "assets": None, "unknown": None,
}  # fmt: skip


def gold_contexts(record: dict[str, Any]) -> frozenset[str]:
    """A gold record's contexts in today's names ("diplomatic, refugee" -> {diplomatic, migration})."""
    names = re.split(r"[,;]", record.get("context") or "")
    return frozenset(c for n in names if (c := OLD_CONTEXTS.get(n.strip(), n.strip())))


def load_records(path: Path) -> list[dict[str, Any]]:
    """The coded sentences of a PLOVER GSR JSON file, with categories mapped to today's names."""
    records = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for record in records:
        category = OLD_NAMES.get(record.get("event", ""), record.get("event", ""))
        if category not in PLOVER_TYPES or not record.get("text"):
            continue  # the DOCUMENT header and anything uncoded
        out.append({**record, "event": category})
    return out


SPLITS = ("look", "check", "all")


def split_of(record_id: str) -> str:
    """The part of a dev set a record belongs to: "look" (its errors may be read) or "check" (only measured).
    Decided by a hash of the record id, so the split does not follow the file's order or its categories."""
    return "look" if hashlib.sha1(record_id.encode()).digest()[0] % 2 == 0 else "check"


def select_split(records: list[dict[str, Any]], split: str) -> list[dict[str, Any]]:
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, not {split!r}")
    return records if split == "all" else [r for r in records if split_of(str(r.get("id", ""))) == split]


def _gold_actor_matches(gold: dict[str, Any], actor: Actor) -> tuple[bool, bool]:
    """(country right, sector right) for one gold actor against one coded actor."""
    code = (gold.get("code") or "")[:3].upper()
    if code in TRANSNATIONAL:
        # CAMEO puts a transnational code where a country would be; khabar says "no country" and the kind
        # of body in its sectors. Amnesty is coded IGO by the gold and NGO by CAMEO: both are "no country".
        country_ok = actor.country is None and bool(TRANSNATIONAL[code] & set(actor.sectors))
    else:
        country_ok = bool(code) and actor.country == code
    sector = (gold.get("sector") or "")[:3].upper()
    sector_ok = (not sector and not actor.sectors) or (bool(sector) and sector in actor.sectors)
    return country_ok, sector_ok


def score_events(
    records: list[dict[str, Any]], reports: list[Report], context_vocabulary: frozenset[str] | None = None
) -> dict[str, Any]:
    """Category P/R/F1, actor codes, silence, and context P/R/F1. Contexts are scored on the labels of
    ``context_vocabulary`` (the gold's own: a context PLOVER added after the gold was coded, such as
    religion_ethnicity, is one its coders could not give, so it counts neither way); ``context_f1_any`` scores
    every label."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    country_right = country_total = sector_right = sector_total = silent = 0
    context_tp = context_fp = context_fn = 0
    any_tp = any_fp = any_fn = 0
    for record, report in zip(records, reports, strict=True):
        gold_type = record["event"]
        silent += not report.events
        coded_types = {e.type for e in report.events}
        for t in coded_types - {gold_type}:
            fp[t] += 1
        matched: list[Event] = [e for e in report.events if e.type == gold_type]
        if not matched:
            fn[gold_type] += 1
            continue
        tp[gold_type] += 1
        if gold := gold_contexts(record):  # contexts are scored where the category is right
            coded = {c for e in matched for c in e.contexts}
            any_tp, any_fp, any_fn = any_tp + len(coded & gold), any_fp + len(coded - gold), any_fn + len(gold - coded)
            if context_vocabulary is not None:
                coded &= context_vocabulary
            context_tp += len(coded & gold)
            context_fp += len(coded - gold)
            context_fn += len(gold - coded)
        actors = [a for e in matched for a in e.actors]
        for gold_actor in record.get("source") or []:
            code = (gold_actor.get("code") or "")[:3]
            if code:
                country_total += 1
                country_right += any(_gold_actor_matches(gold_actor, a)[0] for a in actors)
            if gold_actor.get("sector"):
                sector_total += 1
                sector_right += any(_gold_actor_matches(gold_actor, a)[1] for a in actors)
    per_category: dict[str, dict[str, float]] = {}
    for category in sorted({r["event"] for r in records}):
        p = tp[category] / (tp[category] + fp[category]) if tp[category] + fp[category] else 0.0
        r = tp[category] / (tp[category] + fn[category]) if tp[category] + fn[category] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        per_category[category] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
                                  "n": tp[category] + fn[category]}  # fmt: skip
    all_tp, all_fp, all_fn = sum(tp.values()), sum(fp.values()), sum(fn.values())
    micro_p = all_tp / (all_tp + all_fp) if all_tp + all_fp else 0.0
    micro_r = all_tp / (all_tp + all_fn) if all_tp + all_fn else 0.0
    micro_f = 2 * micro_p * micro_r / (micro_p + micro_r) if micro_p + micro_r else 0.0
    context_p, context_r, context_f = _prf(context_tp, context_fp, context_fn)
    macro_f = sum(c["f1"] for c in per_category.values()) / len(per_category) if per_category else 0.0
    return {
        "n": len(records),
        "macro_f1": round(macro_f, 4),
        "micro_f1": round(micro_f, 4),
        "micro_precision": round(micro_p, 4),
        "micro_recall": round(micro_r, 4),
        "actor_country_acc": round(country_right / country_total, 4) if country_total else 0.0,
        "actor_sector_acc": round(sector_right / sector_total, 4) if sector_total else 0.0,
        "silent": round(silent / len(records), 4) if records else 0.0,
        # micro over context labels, on records whose gold names a context and whose category khabar coded
        "context_f1": round(context_f, 4),
        "context_precision": round(context_p, 4),
        "context_recall": round(context_r, 4),
        "context_f1_any": round(_prf(any_tp, any_fp, any_fn)[2], 4),
        "per_category": per_category,
    }


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate_events(gold: Path, split: str = "all") -> dict[str, Any]:
    from khabar import extract_batch

    every = load_records(gold)
    vocabulary = frozenset(c for r in every for c in gold_contexts(r))  # the labels the gold's coders used
    records = select_split(every, split)
    articles = [Article.new(r["text"], id=f"plover-{i}") for i, r in enumerate(records)]
    reports: list[Report] = []
    for result in extract_batch(articles):
        # a sentence khabar refuses still counts: as no events
        reports.append(result if isinstance(result, Report) else Report(article=articles[len(reports)]))
    return {**score_events(records, reports, vocabulary), "split": split}


@click.command(name="events")
@click.option("--gold", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="PLOVER GSR JSON. Default: $KHABAR_SHARED/gold/plover_gsr/PLOVER_GSR_CAMEO.dev.json.")  # fmt: skip
@click.option("--split", type=click.Choice(SPLITS), default="all", show_default=True,
              help="Score the records whose errors are read (look), those only measured (check), or all.")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON line last.")
def events_command(gold: Path | None, split: str, as_json: bool) -> None:
    """Score event categories and actor codes against PLOVER-coded sentences."""
    from khabar.cli_options import print_json_last, shared_dir

    gold = gold or shared_dir() / "gold" / "plover_gsr" / "PLOVER_GSR_CAMEO.dev.json"
    if not gold.is_file():
        raise click.UsageError(f"no PLOVER gold file at {gold}: pass --gold PATH or set KHABAR_SHARED")
    figures = evaluate_events(gold, split)
    if not as_json:
        click.echo(f"{'category':<10} {'n':>4} {'P':>6} {'R':>6} {'F1':>6}")
        for category, row in figures["per_category"].items():
            click.echo(f"{category:<10} {row['n']:>4} {row['precision']:>6.2f} {row['recall']:>6.2f} {row['f1']:>6.2f}")
        click.echo(f"macro F1 {figures['macro_f1']:.3f}, micro F1 {figures['micro_f1']:.3f} over {figures['n']} "
                   f"sentences; actor country {figures['actor_country_acc']:.3f}, sector "
                   f"{figures['actor_sector_acc']:.3f}; no event for {figures['silent']:.1%} of sentences; "
                   f"context F1 {figures['context_f1']:.3f} (split {split})")  # fmt: skip
    else:
        print_json_last({k: v for k, v in figures.items() if k != "per_category"})
