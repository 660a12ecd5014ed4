"""Time expressions scored against TIMEX3 gold, TempEval-3 style: extents (strict and relaxed) and values.

Gold comes from MEANTIME (CAT XML: tokens plus stand-off TIMEX3 markables) or TempEval-3 (TimeML ``.tml``
with inline TIMEX3 tags). Both are turned into one plain text per document with character offsets, so
the regex extractor sees prose ("June 13, 2005", "$15bn") and its spans compare directly with the gold.

Scoring follows the TempEval-3 scorer: a strict extent match has the same (start, end), a relaxed one
overlaps; each system timex pairs with at most one gold timex (greedily, largest overlap first), and a
value counts as right only on a relaxed match with the identical value string, over all system (value
precision) or all gold (value recall) timexes. Types are not scored: ``When`` carries none.
System timexes past the stretch the annotators covered (MEANTIME: the first six sentences) are not scored.
"""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
import zlib
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import click

from khabar.cli_options import print_json_last, shared_dir
from khabar.model import When

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_NUMERIC_DATE = re.compile(r"(\d{1,2})[-/](\d{1,2})[-/](\d{4})$")
_MONTH_NAME = re.compile(r"\b(" + "|".join(_MONTHS) + r")[a-z]*\.?", re.I)

# Detokenisation of MEANTIME's tokens: no space before closing punctuation and clitics, none after
# openers and currency signs, so "June 13 , 2005" reads "June 13, 2005" and "$ 15bn" reads "$15bn".
_NO_SPACE_BEFORE = frozenset(
    {
        ",",
        ".",
        ";",
        ":",
        ")",
        "]",
        "}",
        "?",
        "!",
        "%",
        "...",
        "''",
        "'",
        "’",
        "”",
        "'s",
        "'re",
        "'ve",
        "'ll",
        "'d",
        "'m",
        "n't",
        "’s",
    }
)
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "£", "€", "¥", "#", "``", "`", "“"})

FIGURE_KEYS = (
    "n_docs", "n_gold", "n_system",
    "extent_precision_strict", "extent_recall_strict", "extent_f1_strict",
    "extent_precision_relaxed", "extent_recall_relaxed", "extent_f1_relaxed",
    "value_precision", "value_recall", "value_f1",
)  # fmt: skip


@dataclass(frozen=True)
class GoldTimex:
    """One gold TIMEX3: half-open character range of ``TimeDoc.text``, its words, value and type."""

    start: int
    end: int
    text: str
    value: str
    type: str


@dataclass(frozen=True)
class TimeDoc:
    """One gold document: the text the extractor reads, its creation date (the anchor) and its timexes.

    ``annotated_end`` is where the annotators stopped: MEANTIME marks up only the title, the date line and
    the first four sentences, so a system timex found past that point is neither right nor wrong and is
    not scored. None means the whole text is annotated.
    """

    doc_id: str
    text: str
    dct: date | None
    gold: list[GoldTimex]
    annotated_end: int | None = None


def _local(tag: str) -> str:
    """A tag without its XML namespace, so namespaced TimeML reads like plain TimeML."""
    return tag.rsplit("}", 1)[-1]


def parse_dct(value: str | None, text: str = "") -> date | None:
    """A creation date from a TIMEX3 value: ISO, else the numeric DD-MM/MM-DD form some files use.

    MEANTIME's one malformed DCT ("03-02-2009" for "February 03, 2009") is day first, against the US
    habit, so when the timex's own words name a month the reading with that month wins; without one,
    month first is assumed.
    """
    value = (value or "").strip()
    iso = _ISO_DATE.match(value)
    if iso:
        try:
            return date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        except ValueError:
            return None
    numeric = _NUMERIC_DATE.match(value)
    if not numeric:
        return None
    a, b, year = int(numeric.group(1)), int(numeric.group(2)), int(numeric.group(3))
    readings: list[date] = []
    for month, day in ((a, b), (b, a)):
        try:
            readings.append(date(year, month, day))
        except ValueError:
            continue
    named = _MONTH_NAME.search(text)
    if named:
        month = _MONTHS.index(named.group(1).lower()) + 1
        for reading in readings:
            if reading.month == month:
                return reading
    return readings[0] if readings else None


def read_meantime(path: Path) -> TimeDoc:
    """A MEANTIME CAT XML document: detokenised text (sentences on their own lines) and its TIMEX3s.

    Markables anchored to no token (MEANTIME's empty, implicit timexes) are dropped: nothing in the text
    can match them. The creation-time TIMEX3 stays, since its words ("June 13, 2005") are in the text.
    """
    root = ET.parse(path).getroot()
    if _local(root.tag) != "Document":
        raise ValueError(f"{path}: root element is <{root.tag}>, not a MEANTIME <Document>")
    parts: list[str] = []
    offsets: dict[str, tuple[int, int]] = {}
    sentence_of: dict[str, str] = {}
    sentence_end: dict[str, int] = {}
    length = 0
    previous: str | None = None
    sentence: str | None = None
    for token in root.iter("token"):
        word = token.text or ""
        if previous is not None:
            if token.get("sentence") != sentence:
                sep = "\n"
            elif word in _NO_SPACE_BEFORE or previous in _NO_SPACE_AFTER:
                sep = ""
            else:
                sep = " "
            parts.append(sep)
            length += len(sep)
        offsets[token.get("t_id", "")] = (length, length + len(word))
        parts.append(word)
        length += len(word)
        previous, sentence = word, token.get("sentence")
        sentence_of[token.get("t_id", "")] = sentence or ""
        sentence_end[sentence or ""] = length
    text = "".join(parts)

    gold: list[GoldTimex] = []
    dct: date | None = None
    markables = root.find("Markables")
    for timex in markables.iter("TIMEX3") if markables is not None else ():
        spans = [offsets[a.get("t_id", "")] for a in timex.iter("token_anchor") if a.get("t_id", "") in offsets]
        if not spans:
            continue
        start, end = min(s for s, _ in spans), max(e for _, e in spans)
        value = timex.get("value") or ""
        if timex.get("functionInDocument") == "CREATION_TIME" and dct is None:
            dct = parse_dct(value, text[start:end])
            if dct is not None and not _ISO_DATE.fullmatch(value):
                value = dct.isoformat()  # the malformed gold value would count a right answer wrong
        gold.append(GoldTimex(start, end, text[start:end], value, timex.get("type") or ""))
    gold.sort(key=lambda g: (g.start, g.end))
    # The annotated stretch ends with the last sentence any markable (timex, event, entity...) touches.
    anchored = [sentence_end[sentence_of[a.get("t_id", "")]] for a in root.iter("token_anchor")
                if a.get("t_id", "") in sentence_of]  # fmt: skip
    doc_id = root.get("doc_name") or path.stem
    return TimeDoc(doc_id, text, dct, gold, max(anchored) if anchored else None)


def read_tml(path: Path) -> TimeDoc:
    """A TempEval-3 TimeML file: the TEXT element's words with every tag removed, and its inline TIMEX3s.

    Only TIMEX3s inside TEXT are gold; the one in DCT gives the creation date. EVENT, SIGNAL and any
    other inline tags are dropped but their words kept.
    """
    root = ET.parse(path).getroot()
    body = next((e for e in root.iter() if _local(e.tag) == "TEXT"), None)
    if body is None:
        raise ValueError(f"{path}: no <TEXT> element")
    dct: date | None = None
    for dct_element in (e for e in root.iter() if _local(e.tag) == "DCT"):
        for timex in dct_element.iter():
            if _local(timex.tag) == "TIMEX3" and dct is None:
                dct = parse_dct(timex.get("value"), "".join(timex.itertext()))
    parts: list[str] = []
    found: list[tuple[int, int, str, str]] = []
    length = 0

    def walk(element: ET.Element) -> None:
        nonlocal length
        start = length
        if element.text:
            parts.append(element.text)
            length += len(element.text)
        for child in element:
            walk(child)
            if child.tail:
                parts.append(child.tail)
                length += len(child.tail)
        if _local(element.tag) == "TIMEX3" and length > start:
            found.append((start, length, element.get("value") or "", element.get("type") or ""))

    walk(body)
    text = "".join(parts)
    gold = [GoldTimex(start, end, text[start:end], value, kind) for start, end, value, kind in found]
    gold.sort(key=lambda g: (g.start, g.end))
    docid = next((e for e in root.iter() if _local(e.tag) == "DOCID"), None)
    doc_id = (docid.text or "").strip() if docid is not None and docid.text else path.stem
    return TimeDoc(doc_id, text, dct, gold)


def _warn(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr)


def _read_file(path: Path) -> TimeDoc | None:
    """One gold document, or None (with a warning) when the file does not parse or is not gold."""
    try:
        return read_tml(path) if path.suffix.lower() == ".tml" else read_meantime(path)
    except (ET.ParseError, ValueError, OSError, UnicodeDecodeError) as exc:
        _warn(f"skipping {path}: {exc}")
        return None


def _is_meantime(path: Path) -> bool:
    """Whether an .xml file's root is <Document>, read without parsing the whole file."""
    try:
        for _, element in ET.iterparse(path, events=("start",)):
            return _local(element.tag) == "Document"
    except (ET.ParseError, OSError) as exc:
        _warn(f"skipping {path}: {exc}")
    return False


def load_gold(path: Path) -> list[TimeDoc]:
    """Gold documents from one .xml/.tml file or, recursively, every MEANTIME .xml and .tml under a folder.

    A file that fails to parse is skipped with a warning, so one broken file does not stop a run. Two
    documents with the same id (e.g. both MEANTIME annotation folders) keep apart by their relative path.
    """
    if path.is_file():
        doc = _read_file(path)
        return [doc] if doc is not None else []
    files = sorted(
        p for p in path.rglob("*") if p.is_file() and (p.suffix.lower() == ".tml" or p.suffix.lower() == ".xml")
    )
    docs: list[TimeDoc] = []
    seen: set[str] = set()
    for file in files:
        if file.suffix.lower() == ".xml" and not _is_meantime(file):
            continue
        doc = _read_file(file)
        if doc is None:
            continue
        if doc.doc_id in seen:
            doc = replace(doc, doc_id=str(file.relative_to(path).with_suffix("")))
        seen.add(doc.doc_id)
        docs.append(doc)
    return docs


def _prf(correct: int, n_system: int, n_gold: int) -> tuple[float, float, float]:
    precision = correct / n_system if n_system else 0.0
    recall = correct / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return round(precision, 4), round(recall, 4), round(f1, 4)


def match(gold: Sequence[GoldTimex], system: Sequence[When]) -> list[tuple[int, int]]:
    """(gold index, system index) pairs of overlapping timexes, one-to-one, largest overlap first.

    Ties go to the identical extent, then to the earlier pair, so an exact match is never stolen by a
    timex that merely contains it.
    """
    candidates: list[tuple[int, bool, int, int]] = []
    for si, when in enumerate(system):
        if when.span is None:
            continue
        for gi, g in enumerate(gold):
            overlap = min(g.end, when.span.end) - max(g.start, when.span.start)
            if overlap > 0:
                exact = (g.start, g.end) == (when.span.start, when.span.end)
                candidates.append((-overlap, not exact, gi, si))
    candidates.sort()
    used_gold: set[int] = set()
    used_system: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, _, gi, si in candidates:
        if gi in used_gold or si in used_system:
            continue
        used_gold.add(gi)
        used_system.add(si)
        pairs.append((gi, si))
    return sorted(pairs)


def _context(text: str, start: int, end: int, width: int = 30) -> str:
    """The words around a span with the span in brackets, on one line."""
    before = text[max(0, start - width) : start]
    after = text[end : end + width]
    return f"...{before}[{text[start:end]}]{after}...".replace("\n", " / ")


def score(
    gold_docs: Sequence[TimeDoc], system_by_doc: Mapping[str, Sequence[When]], errors: int = 0
) -> tuple[dict[str, Any], list[str]]:
    """TempEval-3 extent and value figures, micro-averaged over documents, and up to ``errors`` examples.

    A system ``When`` with no span (the publication date filled in with nothing in the text) is not a
    timex in the text and is left out, as is one past the document's annotated stretch. A document
    missing from ``system_by_doc`` has no system timexes. The examples mix the kinds of mistake (missed,
    spurious, wrong value, wrong extent) in turn, so a few lines show more than the first document's troubles.
    """
    n_gold = n_system = strict = relaxed = value_ok = 0
    kinds: dict[str, list[str]] = {"MISSED": [], "SPURIOUS": [], "VALUE": [], "EXTENT": []}
    for doc in gold_docs:
        end = len(doc.text) if doc.annotated_end is None else doc.annotated_end
        system = [w for w in system_by_doc.get(doc.doc_id, ()) if w.span is not None and w.span.start < end]
        n_gold += len(doc.gold)
        n_system += len(system)
        gold_spans = Counter((g.start, g.end) for g in doc.gold)
        system_spans = Counter((w.span.start, w.span.end) for w in system if w.span is not None)
        strict += sum((gold_spans & system_spans).values())
        pairs = match(doc.gold, system)
        relaxed += len(pairs)
        for gi, si in pairs:
            g, w = doc.gold[gi], system[si]
            assert w.span is not None
            if (w.value or "") == g.value:
                value_ok += 1
            else:
                kinds["VALUE"].append(
                    f"VALUE    {doc.doc_id} {_context(doc.text, g.start, g.end)} gold={g.value} "
                    f"system={w.value} ({w.span.text!r})"
                )
            if (g.start, g.end) != (w.span.start, w.span.end):
                kinds["EXTENT"].append(
                    f"EXTENT   {doc.doc_id} gold {g.text!r} system {w.span.text!r} "
                    f"{_context(doc.text, min(g.start, w.span.start), max(g.end, w.span.end))}"
                )
        matched_gold = {gi for gi, _ in pairs}
        matched_system = {si for _, si in pairs}
        for gi, g in enumerate(doc.gold):
            if gi not in matched_gold:
                kinds["MISSED"].append(f"MISSED   {doc.doc_id} {_context(doc.text, g.start, g.end)} {g.type} {g.value}")
        for si, w in enumerate(system):
            if si not in matched_system and w.span is not None:
                kinds["SPURIOUS"].append(
                    f"SPURIOUS {doc.doc_id} {_context(doc.text, w.span.start, w.span.end)} {w.value}"
                )
    examples: list[str] = []
    queues = [list(lines) for lines in kinds.values()]
    while len(examples) < errors and any(queues):
        for queue in queues:
            if queue and len(examples) < errors:
                examples.append(queue.pop(0))
    sp, sr, sf = _prf(strict, n_system, n_gold)
    rp, rr, rf = _prf(relaxed, n_system, n_gold)
    vp, vr, vf = _prf(value_ok, n_system, n_gold)
    figures: dict[str, Any] = dict(
        zip(FIGURE_KEYS, (len(gold_docs), n_gold, n_system, sp, sr, sf, rp, rr, rf, vp, vr, vf), strict=True)
    )
    return figures, examples


SPLITS = ("look", "check", "all")


def split_of(doc_id: str) -> str:
    """The half a document belongs to, "look" (errors read while writing rules) or "check" (only measured).

    A stable hash of the document id, so the halves do not depend on file order or on which folder is read.
    """
    return "look" if zlib.crc32(doc_id.encode("utf-8")) % 2 == 0 else "check"


def evaluate_time(gold: Path, errors: int = 0, split: str = "all") -> tuple[dict[str, Any], list[str]]:
    """Run the time extractor over every gold document (or one half of them), anchored on its creation
    date, and score it."""
    # Imported here so the readers and the scorer work (and are tested) without the extractor loaded.
    from khabar.extractors.timex import find_times

    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, not {split!r}")
    docs = [d for d in load_gold(gold) if split == "all" or split_of(d.doc_id) == split]
    system = {doc.doc_id: find_times(doc.text, doc.dct) for doc in docs}
    return score(docs, system, errors)


def default_gold() -> Path:
    return shared_dir() / "corpora" / "meantime_english" / "intra-doc_annotation"


@click.command("time")
@click.option(
    "--gold",
    type=click.Path(path_type=Path),
    default=None,
    help="A MEANTIME .xml or TempEval-3 .tml file, or a folder of them "
    "(default: $KHABAR_SHARED/corpora/meantime_english/intra-doc_annotation).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the scores as one JSON line, last.")
@click.option("--errors", type=click.IntRange(min=0), default=0, help="Print N example mistakes.")
@click.option(
    "--split",
    type=click.Choice(SPLITS),
    default="all",
    show_default=True,
    help="Score one half of the documents (split by a hash of the document id): 'look' is the half whose "
    "errors are read, 'check' the half only measured.",
)
def time_command(gold: Path | None, as_json: bool, errors: int, split: str) -> None:
    """Score time expressions against TIMEX3 gold (TempEval-3 extent and value F1)."""
    path = gold or default_gold()
    if not path.exists():
        raise click.UsageError(f"gold path {path} not found; set KHABAR_SHARED or pass --gold")
    figures, examples = evaluate_time(path, errors, split)
    if not figures["n_docs"]:
        raise click.UsageError(f"no MEANTIME .xml or TempEval-3 .tml documents found in {path}")
    for line in examples:
        click.echo(line)
    if as_json:
        print_json_last(figures)
        return
    counts = f"{figures['n_docs']} docs, {figures['n_gold']} gold, {figures['n_system']} system"
    click.echo(f"time vs {path} ({split}): {counts}")
    click.echo(f"  {'':<16} {'precision':>9} {'recall':>9} {'F1':>9}")
    for label, key in (
        ("extent strict", "extent_{}_strict"),
        ("extent relaxed", "extent_{}_relaxed"),
        ("value", "value_{}"),
    ):
        p, r, f = (figures[key.format(m)] for m in ("precision", "recall", "f1"))
        click.echo(f"  {label:<16} {p:>9.4f} {r:>9.4f} {f:>9.4f}")
