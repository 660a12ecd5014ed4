"""The HTTP API and the page: events of a store on a map and a timeline, each opening to its evidence.

``create_app(db_url, token)`` builds the FastAPI app; ``khabar serve`` runs it under uvicorn on
127.0.0.1. Reads are open; the one write (``POST /api/articles``) exists only when a token is given.
Everything the page loads comes from ``khabar/api/static`` (no CDN, no tile server).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from khabar.api.app import create_app

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    # lazy: `khabar --help` imports khabar.api.cli, which must not pay for importing FastAPI
    if name == "create_app":
        from khabar.api.app import create_app

        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
