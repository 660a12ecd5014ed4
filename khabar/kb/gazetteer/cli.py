"""The ``khabar gazetteer`` commands."""

from __future__ import annotations

from pathlib import Path

import click

from khabar.kb.gazetteer.builder import build
from khabar.kb.gazetteer.lookup import get_gazetteer


@click.group("gazetteer")
def gazetteer_cli() -> None:
    """Build and inspect the offline gazetteer (GeoNames data, CC BY 4.0)."""


@gazetteer_cli.command("build")
@click.option(
    "--geonames",
    "geonames",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="A GeoNames dump (allCountries.zip, a country .zip or .txt) to add.",
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Where to write the SQLite file (default: $KHABAR_CACHE/gazetteer.sqlite).",
)
@click.option("--dump-only", is_flag=True, help="Leave out the package cities; use only the dump's places.")
def build_command(geonames: Path | None, output: Path | None, dump_only: bool) -> None:
    """Build the gazetteer from pip-installed data (and a GeoNames dump, if given)."""
    stats = build(output, geonames, base=not dump_only)
    get_gazetteer.cache_clear()
    click.echo(
        f"gazetteer: {stats.places:,} places, {stats.names:,} names, "
        f"{stats.dump_places:,} from the GeoNames dump, {stats.seconds:.1f}s -> {stats.path}"
    )
