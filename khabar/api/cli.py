"""``khabar serve``: the API and the page under uvicorn, on 127.0.0.1 unless told otherwise."""

from __future__ import annotations

import os

import click

from khabar.ingest.cli import DB_HELP


@click.command(name="serve")
@click.option("--db", default=None, help=DB_HELP)
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to listen on; the default keeps the server on this machine.")  # fmt: skip
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="TCP port.")
@click.option("--token", default=None, envvar="KHABAR_TOKEN", show_envvar=True,
              help="Enable POST /api/articles for clients that send `Authorization: Bearer TOKEN` "
                   "(at least 8 characters). Without it the server is read-only.")  # fmt: skip
@click.option("--log-level", type=click.Choice(["critical", "error", "warning", "info", "debug"]),
              default="info", show_default=True, help="uvicorn's log level.")  # fmt: skip
def serve_command(db: str | None, host: str, port: int, token: str | None, log_level: str) -> None:
    """Serve the events of the store at --db: the page (map, timeline, evidence) at / and the API
    under /api (OpenAPI docs at /docs). Nothing the page loads comes from another host."""
    import uvicorn

    from khabar.api.app import create_app

    if token is not None and len(token) < 8:
        raise click.BadParameter("the token must be at least 8 characters long", param_hint="--token")
    url = db or os.environ.get("KHABAR_DB") or "sqlite:///khabar.db"
    app = create_app(url, token=token)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"khabar: serving {url} at http://{shown}:{port}/ ({'read-write' if token else 'read-only'})",
               err=True)  # fmt: skip
    uvicorn.run(app, host=host, port=port, log_level=log_level)


if __name__ == "__main__":
    serve_command()
