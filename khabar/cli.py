"""The ``khabar`` command: a thin layer over the library. Every command's --help says what it does.

Exit codes: 0 all went well; 2 a usage error; 3 some inputs were skipped (each listed with its reason on
stderr); 4 nothing could be processed.
"""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import click

from khabar.cli_options import parse_published, print_json_last, shared_dir

EXIT_SKIPPED = 3
EXIT_NOTHING = 4


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="khabar")
def main() -> None:
    """khabar reads news and turns it into structured, mapped event data: who did what to whom, where,
    when, how much, and who says so, each fact with the span of its evidence in the article."""


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--published", callback=parse_published, help="Publication date (YYYY-MM-DD) for inputs without one.")
@click.option("--title", help="Title for plain-text inputs.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "jsonl", "summary"]),
    default="json",
    show_default=True,
    help="json: one indented Report per input; jsonl: one Report per line; summary: readable events.",
)
def extract(files: tuple[Path, ...], published: date | None, title: str | None, fmt: str) -> None:
    """Read FILES (.txt, .html, .jsonl, feeds, WARC; folders and globs too) and write their Reports to
    stdout. Inputs that cannot be read are listed on stderr with the reason, and the others still go out."""
    from khabar import extract_batch
    from khabar.ingest import ReadOptions, expand_sources, read_path
    from khabar.metadata import FieldWarning
    from khabar.model import Article, Report, Skipped

    warned: list[FieldWarning] = []
    options = ReadOptions(published=published, title=title, on_warning=warned.append)
    skipped: list[Skipped] = []
    origin: dict[str, str] = {}  # article id or url -> the file it came from, to name it in skip lines
    written = 0

    def articles() -> Any:
        for path in expand_sources([str(f) for f in files]):
            if isinstance(path, Skipped):
                skipped.append(path)
                continue
            for item in read_path(path, options):  # each file once, so each skip can name its file
                if isinstance(item, Article):
                    origin[item.url or item.id] = str(path)
                    yield item
                else:
                    skipped.append(item)

    for result in extract_batch(articles()):
        if isinstance(result, Skipped):
            skipped.append(replace(result, source=origin.get(result.source, result.source)))
            continue
        assert isinstance(result, Report)
        written += 1
        if fmt == "jsonl":
            click.echo(result.to_json())
        elif fmt == "json":
            click.echo(result.to_json(indent=2))
        else:
            from khabar.summary import summarise

            click.echo(summarise(result))
    for warning in warned:
        click.echo(f"warning {warning.source}: {warning.message} [{warning.code}]; kept without it", err=True)
    for skip in skipped:
        click.echo(f"skipped {skip.source}: {skip.reason} [{skip.code}]", err=True)
    if skipped:
        sys.exit(EXIT_NOTHING if written == 0 else EXIT_SKIPPED)


@main.command()
def schema() -> None:
    """Print the JSON Schema of a Report."""
    from khabar.model import report_json_schema

    click.echo(json.dumps(report_json_schema(), indent=2))


@main.group(name="eval")
def eval_group() -> None:
    """Score khabar against gold data: precision, recall, F1. With --json, the figures come last as one
    JSON line."""


@eval_group.command(name="seed")
@click.option("--gold", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="The seed folder (article.txt, expected.json). Default: $KHABAR_SHARED/gold/seed.")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON line last.")
def eval_seed(gold: Path | None, as_json: bool) -> None:
    """Score the Report of the founding article against its hand-made reading."""
    from khabar.evaluate.seed import evaluate_seed

    gold = gold or shared_dir() / "gold" / "seed"
    if not (gold / "expected.json").is_file():
        raise click.UsageError(f"no expected.json in {gold}: pass --gold DIR or set KHABAR_SHARED")
    _, figures = evaluate_seed(gold)
    if not as_json:
        click.echo(f"events: {figures['required_matched']}/{figures['required_total']} required gold events "
                   f"matched; precision {figures['precision']:.2f} over {figures['n_events']} events")  # fmt: skip
        for key in ("attributions", "claims", "places", "quantities"):
            click.echo(f"{key}: {figures[key + '_matched']}/{figures[key + '_total']} matched")
        click.echo(f"matched: {figures['matched']}")
        click.echo(f"missed: {figures['missed'] or 'none'}")
        for line in figures["violations"]:
            click.echo(f"MUST NOT: {line}")
    keys = ("recall", "precision", "required_matched", "required_total", "must_not_violations")
    head = {k: figures[k] for k in keys}
    rest = {k: v for k, v in figures.items() if k not in keys and not isinstance(v, dict | list)}
    if as_json:
        print_json_last({**head, **rest})


def _attach_commands() -> None:
    """Commands defined beside the code they drive (each module owns its command and its options)."""
    from khabar.api.cli import serve_command
    from khabar.evaluate.attribution import attribution_command
    from khabar.evaluate.clusters import clusters_command
    from khabar.evaluate.events import events_command
    from khabar.evaluate.geoparse import geoparse_command
    from khabar.evaluate.places import places_command
    from khabar.evaluate.time import time_command
    from khabar.ingest.cli import cluster_command, export_command, ingest_command
    from khabar.ingest.cli import events_command as list_events_command
    from khabar.kb.gazetteer import gazetteer_cli
    from khabar.load import load_command

    eval_group.add_command(attribution_command, name="attribution")
    eval_group.add_command(events_command, name="events")
    eval_group.add_command(clusters_command, name="clusters")
    eval_group.add_command(geoparse_command, name="geoparse")
    eval_group.add_command(places_command, name="places")
    eval_group.add_command(time_command, name="time")
    main.add_command(ingest_command, name="ingest")
    main.add_command(list_events_command, name="events")
    main.add_command(export_command, name="export")
    main.add_command(cluster_command, name="cluster")
    main.add_command(gazetteer_cli, name="gazetteer")
    main.add_command(serve_command, name="serve")
    main.add_command(load_command, name="load")


_attach_commands()


if __name__ == "__main__":
    main()
