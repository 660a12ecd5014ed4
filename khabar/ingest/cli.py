"""Click commands for storing and reading events: ``ingest``, ``events``, ``export`` and ``cluster``.

Thin adapters over ``khabar.ingest.run.ingest``, ``Store.events``, ``khabar.export`` and
``khabar.cluster``; the main ``khabar`` group attaches them.
"""

from __future__ import annotations

import csv
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

import click

from khabar.cli_options import parse_date, parse_published

EXIT_SKIPPED = 3

DB_HELP = "Store URL: sqlite:///path, a file path, or postgresql://... [default: $KHABAR_DB or khabar.db]"


def _bbox(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[float, ...] | None:
    if value is None:
        return None
    try:
        west, south, east, north = (float(x) for x in value.split(","))
    except ValueError:
        raise click.BadParameter(f"{value!r} is not W,S,E,N: four numbers in degrees") from None
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
        raise click.BadParameter(f"{value!r} is outside -180..180 / -90..90 or has south above north")
    return west, south, east, north


@click.command(name="ingest")
@click.argument("sources", nargs=-1, required=True)
@click.option("--db", default=None, help=DB_HELP)
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Processes running the pipeline (one model load each).")  # fmt: skip
@click.option("--published", callback=parse_published, help="Publication date (YYYY-MM-DD) for inputs without one.")
@click.option("--force", is_flag=True, help="Extract articles again even when the store has them.")
@click.option("--strict", is_flag=True,
              help="Skip an article whose date, URL or title is refused (default: store it without).")  # fmt: skip
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as one JSON line last.")
def ingest_command(
    sources: tuple[str, ...],
    db: str | None,
    workers: int,
    published: date | None,
    force: bool,
    strict: bool,
    quiet: bool,
    as_json: bool,
) -> None:
    """Read SOURCES (files, folders, globs: .txt, .html, .jsonl, .csv, RSS/Atom, WARC, gzip/zstd of
    these), extract their events and store the Reports. Articles the store already has are not read
    again, so an interrupted run can simply be repeated. Exit code 3 when anything was skipped; every
    skip is listed with its reason. A publication date that is not a date or not plausible (before 1900,
    after tomorrow), or an overlong title or URL, is a warning: the article is stored without that field
    (with --strict it is skipped). Records of one text with different dates keep the earliest."""
    from khabar.ingest.run import ingest
    from khabar.store import open_store

    with open_store(db) as store:
        summary = ingest(sources, store, workers=workers, progress=not quiet, published=published, force=force,
                         strict=strict)  # fmt: skip
    for line in summary.lines():
        click.echo(line, err=True)
    if as_json:
        figures = summary.to_dict()
        figures.pop("skips")
        figures.pop("warning_list")
        click.echo(json.dumps(figures))
    if not summary.ok:
        sys.exit(EXIT_SKIPPED)


TABLE_COLUMNS = ("date_earliest", "type", "country", "admin1", "actor1", "actor2", "evidence")


@click.command(name="events")
@click.option("--db", default=None, help=DB_HELP)
@click.option("--since", callback=parse_date, help="Events whose date interval ends on or after this date.")
@click.option("--until", callback=parse_date, help="Events whose date interval starts on or before this date.")
@click.option("--country", help="ISO 3166 alpha-3 code of the event's location, e.g. AFG.")
@click.option("--type", "type_", help="PLOVER event type, e.g. ASSAULT.")
@click.option("--actor", help="Part of an actor's or target's name, country code or id.")
@click.option("--bbox", callback=_bbox, help="Bounding box W,S,E,N in degrees (longitude, latitude).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True, help="table for people, csv or json (one array) for programs.")  # fmt: skip
@click.option(
    "--limit", type=click.IntRange(min=0), default=100, show_default=True, help="At most this many events (0: all)."
)
@click.option("--all", "all_", is_flag=True, help="Every matching event (the same as --limit 0).")
@click.option("--background", is_flag=True,
              help="Also list background events (acts the text dates well before the article).")  # fmt: skip
def events_command(
    db: str | None,
    since: date | None,
    until: date | None,
    country: str | None,
    type_: str | None,
    actor: str | None,
    bbox: tuple[float, float, float, float] | None,
    fmt: str,
    limit: int,
    all_: bool,
    background: bool,
) -> None:
    """List stored events newest first (undated ones last), filtered by time, place, type and actor.
    Background events are left out unless --background; when the list stops short, stderr says how many
    matched."""
    from khabar.store import open_store

    filters: dict[str, Any] = {"since": since, "until": until, "country": country, "type": type_, "actor": actor,
                               "bbox": bbox, "background": background}  # fmt: skip
    cap = None if all_ or limit == 0 else limit
    with open_store(db) as store:
        rows = store.events(**filters, limit=cap, newest_first=True)
        total = store.count_events(**filters) if cap is not None and len(rows) == cap else len(rows)
    if total > len(rows):
        click.echo(f"showing {len(rows)} of {total} (--limit N, --all)", err=True)
    if fmt == "json":
        click.echo(json.dumps(rows, default=str, ensure_ascii=False, indent=1))
    elif fmt == "csv":
        from khabar.store.sql import EVENT_COLUMNS

        writer = csv.DictWriter(sys.stdout, fieldnames=EVENT_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    else:
        click.echo(_table(rows))


def _table(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return "(no events)"
    widths = {"date_earliest": 10, "type": 9, "country": 3, "admin1": 14, "actor1": 22, "actor2": 22}
    header = "  ".join(c.replace("date_earliest", "date").ljust(w) for c, w in widths.items()) + "  evidence"
    lines = [header]
    for row in rows:
        cells = [_cell(row.get(c), w) for c, w in widths.items()]
        lines.append("  ".join(cells) + "  " + _cell(row.get("evidence"), 60).rstrip())
    return "\n".join(lines)


def _cell(value: object, width: int) -> str:
    text = "" if value is None else " ".join(str(value).split())
    return (text[: width - 1] + "…" if len(text) > width else text).ljust(width)


@click.command(name="export")
@click.argument("fmt", metavar="FORMAT", type=click.Choice(["acled", "gdelt", "plover", "geojson", "parquet"]))
@click.option("--db", default=None, help=DB_HELP)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Output file (default stdout; required for parquet and gdelt).",
)
@click.option("--include-unrealised", is_flag=True,
              help="acled, gdelt: also count events that did not happen as reported (negated, future, "
                   "hypothetical ..., claimed or disputed) and background events.")  # fmt: skip
def export_command(fmt: str, db: str | None, output: Path | None, include_unrealised: bool) -> None:
    """Write all stored events as FORMAT: acled (ACLED-style CSV), gdelt (GDELT 2.0 event TSV plus a
    .mentions file beside it), plover (PLOVER JSON lines), geojson (located events), parquet. ACLED and
    GDELT rows are real-world events that happened; the other formats hold every reported event with
    its modality and background flag."""
    from khabar.export import export_store
    from khabar.store import open_store

    if output is None and fmt in ("parquet", "gdelt"):
        raise click.UsageError(f"{fmt} needs -o PATH")
    with open_store(db) as store:
        written = export_store(store, fmt, output, include_unrealised=include_unrealised)
    for name, count in written.items():
        click.echo(f"wrote {count} rows to {name}", err=True)


@click.command(name="cluster")
@click.option("--db", default=None, help=DB_HELP)
@click.option("--min-sources", type=click.IntRange(min=1), default=1, show_default=True,
              help="With --json, list only merged events reported by this many articles.")  # fmt: skip
@click.option("--json", "as_json", is_flag=True,
              help="Print one JSON line last: the figures and, under merged, each merged event with its "
                   "reports, sources and disputes.")  # fmt: skip
def cluster_command(db: str | None, min_sources: int, as_json: bool) -> None:
    """Merge reports of the same real-world event (from one article or many) into merged events, replacing
    the previous ones (they are derived data and always recomputable). A party's denial of an event becomes
    a dispute on it."""
    from khabar.cluster import merge_store
    from khabar.store import open_store

    with open_store(db) as store:
        figures, clusters = merge_store(store)
    click.echo(f"{figures['events']} events in {figures['clusters']} merged events; "
               f"{figures['multi_source']} reported by more than one article, {figures['disputed']} disputed",
               err=True)  # fmt: skip
    if as_json:
        merged = [c.record() for c in clusters if c.n_sources >= min_sources]
        click.echo(json.dumps({**figures, "merged": merged}, default=str, ensure_ascii=False))
