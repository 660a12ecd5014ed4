"""The FastAPI app: read endpoints over a Store, one token-guarded write, and the page's static files.

Rows leave the store as plain dicts and go out as JSON unchanged (minus the internal ``parties`` search
column), so the API shows exactly what ``khabar events`` and the exports show. Every 4xx answer carries
a ``message`` a person can read, next to FastAPI's structured ``detail``.
"""

from __future__ import annotations

import logging
import math
import secrets
import threading
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Query, Request, Response
from fastapi import Path as PathParam
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from khabar import __version__
from khabar.kb.event_patterns import PLOVER_TYPES
from khabar.store import SqlStore, open_store

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())

STATIC = Path(__file__).resolve().parent / "static"
MAX_PAGE = 1000  # events per /api/events page
MAX_GEO = 20000  # features per /api/events.geojson answer
MAX_TEXT = 2_000_000  # characters in one POSTed article
HIDDEN = ("parties",)  # store columns for search only, not for people

# The page may load only what this app serves; the docs page needs its inline start-up script.
CSP_PAGE = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)
CSP_DOCS = CSP_PAGE.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(
    "style-src 'self'", "style-src 'self' 'unsafe-inline'"
)


# query and body models ------------------------------------------------------------------------------


class EventFilters(BaseModel):
    """The filters every event query shares; unknown parameters are refused so a typo cannot silently
    return everything."""

    model_config = ConfigDict(extra="forbid")

    since: date | None = Field(None, description="Events whose date interval ends on or after this day.")
    until: date | None = Field(None, description="Events whose date interval starts on or before this day.")
    country: str | None = Field(
        None, pattern=r"^[A-Za-z]{3}$", description="ISO 3166 alpha-3 code of the event's place, e.g. AFG."
    )
    type: str | None = Field(None, description="PLOVER event type, e.g. ASSAULT (any case).")
    actor: str | None = Field(
        None, min_length=1, max_length=200, description="Part of a party's name, country code or id."
    )
    bbox: str | None = Field(
        None, description="W,S,E,N in degrees; west above east crosses the antimeridian.", examples=["60,29,75,39"]
    )
    background: bool = Field(
        False, description="Also include background events (acts the text dates well before the article)."
    )

    @field_validator("type")
    @classmethod
    def _plover(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if value.upper() not in PLOVER_TYPES:
            raise ValueError(f"{value!r} is not a PLOVER event type; use one of {', '.join(PLOVER_TYPES)}")
        return value.upper()

    @field_validator("country")
    @classmethod
    def _upper(cls, value: str | None) -> str | None:
        return value.upper() if value else value

    @field_validator("bbox")
    @classmethod
    def _bbox(cls, value: str | None) -> str | None:
        if value is not None:
            parse_bbox(value)
        return value

    @model_validator(mode="after")
    def _order(self) -> EventFilters:
        if self.since and self.until and self.since > self.until:
            raise ValueError(f"since ({self.since}) is after until ({self.until})")
        return self

    def store_filters(self) -> dict[str, Any]:
        """Keyword arguments for ``Store.events``."""
        return {
            "since": self.since,
            "until": self.until,
            "country": self.country,
            "type": self.type,
            "actor": self.actor,
            "bbox": parse_bbox(self.bbox) if self.bbox else None,
            "background": self.background,
        }


class EventPage(EventFilters):
    limit: int = Field(100, ge=1, le=MAX_PAGE, description=f"Events per page (1-{MAX_PAGE}).")
    offset: int = Field(0, ge=0, le=10**9, description="Events to skip, for paging.")
    order: Literal["newest", "oldest"] = Field("newest", description="newest or oldest first; undated last.")


class GeoQuery(EventFilters):
    limit: int = Field(5000, ge=1, le=MAX_GEO, description=f"At most this many located events (1-{MAX_GEO}).")
    cell: float | None = Field(
        None, gt=0, le=90, description="Aggregate the events into cells of this many degrees, one point each."
    )


class ClusterQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    min_sources: int = Field(1, ge=1, le=10**6, description="Only clusters reported by this many articles.")
    limit: int = Field(100, ge=1, le=MAX_PAGE)


class ArticleIn(BaseModel):
    """One article to extract and store (the body of ``POST /api/articles``)."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=MAX_TEXT, description="The article's plain text.")
    title: str | None = Field(None, max_length=2000)
    published: date | None = Field(None, description="Publication day; relative dates are read against it.")
    url: str | None = Field(None, max_length=4000)
    outlet: str | None = Field(None, max_length=255)

    @field_validator("text")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("text is blank")
        return value


def parse_bbox(value: str) -> tuple[float, float, float, float]:
    """``W,S,E,N`` to four floats, or ValueError saying what is wrong (pydantic turns it into a 422)."""
    parts = value.split(",")
    try:
        west, south, east, north = (float(p) for p in parts)
    except ValueError:
        raise ValueError(f"bbox {value!r} is not W,S,E,N: four numbers in degrees") from None
    if not all(math.isfinite(x) for x in (west, south, east, north)):
        raise ValueError(f"bbox {value!r} has a value that is not a finite number")
    if not (-180 <= west <= 180 and -180 <= east <= 180):
        raise ValueError(f"bbox {value!r}: longitudes must be within -180..180")
    if not (-90 <= south <= north <= 90):
        raise ValueError(f"bbox {value!r}: latitudes must be within -90..90 with south <= north")
    return west, south, east, north


# the app ---------------------------------------------------------------------------------------------


def create_app(db_url: str, token: str | None = None) -> FastAPI:
    """The API over the store at ``db_url``. Read-only unless ``token`` is given, which then must be
    sent as ``Authorization: Bearer <token>`` to ``POST /api/articles``."""
    if token is not None and len(token) < 8:
        raise ValueError("the write token must be at least 8 characters long")
    store = open_store(db_url)
    extract_lock = threading.Lock()  # one extraction at a time: the pipeline is shared by all requests

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
        title="khabar",
        version=__version__,
        description="Events read from news, each with the span of its evidence. "
        "Reads are open; `POST /api/articles` needs the server's token.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.read_only = token is None
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.middleware("http")
    async def _security_headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP_DOCS if request.url.path == "/docs" else CSP_PAGE)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse(
            status_code=422,
            content={"message": validation_message(exc.errors()), "detail": jsonable_encoder(exc.errors())},
        )

    @app.exception_handler(HTTPException)
    async def _http_error(_request: Request, exc: HTTPException) -> JSONResponse:
        message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        return JSONResponse(
            status_code=exc.status_code, content={"message": message, "detail": exc.detail}, headers=exc.headers
        )

    def require_token(request: Request) -> None:
        """The token rule: no token configured -> the server is read-only (403); otherwise a missing
        token is 401 and a wrong one 403, compared in constant time."""
        if token is None:
            raise HTTPException(403, "this server is read-only: start `khabar serve` with --token to accept articles")
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not given:
            raise HTTPException(
                401, "send the server's token as `Authorization: Bearer <token>`", {"WWW-Authenticate": "Bearer"}
            )
        if not secrets.compare_digest(given.strip().encode(), token.encode()):
            raise HTTPException(403, "wrong token")

    # the page and the docs -------------------------------------------------------------------------

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> FileResponse:
        return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="khabar API",
            swagger_js_url="/static/vendor/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
        )

    @app.get("/healthz", tags=["meta"])
    def healthz() -> dict[str, Any]:
        """Liveness and the store's size; 503 when the store cannot be read."""
        try:
            counts = store.counts()
        except Exception as exc:  # the store is down: say so rather than fail opaquely
            log.exception("store unreadable")
            raise HTTPException(503, f"store unreadable: {type(exc).__name__}") from exc
        return {"status": "ok", "version": __version__, "read_only": token is None, "counts": counts}

    # reading ---------------------------------------------------------------------------------------

    @app.get("/api/events", tags=["events"])
    def events(q: Annotated[EventPage, Query()]) -> dict[str, Any]:
        """Events newest first (``order=oldest``: oldest first), undated ones last, filtered; background
        events only with ``background=true``; ``next_offset`` is set when there are more and ``total``
        counts every match."""
        filters = q.store_filters()
        rows = store.events(**filters, limit=q.limit + 1, offset=q.offset, newest_first=q.order == "newest")
        more = len(rows) > q.limit
        rows = [public(r) for r in rows[: q.limit]]
        return {
            "events": rows,
            "count": len(rows),
            "total": store.count_events(**filters) if more or q.offset else len(rows),
            "limit": q.limit,
            "offset": q.offset,
            "next_offset": q.offset + q.limit if more else None,
        }

    @app.get("/api/events.geojson", tags=["events"])
    def events_geojson(q: Annotated[GeoQuery, Query()]) -> JSONResponse:
        """The located events as a GeoJSON FeatureCollection, or with ``cell`` one point per grid cell
        holding ``count``, the types and the first event ids (for maps of many events)."""
        from khabar.export import geojson_collection

        located: list[dict[str, Any]] = []
        truncated = False
        offset, batch = 0, 2000
        while not truncated:  # pages of rows without their JSON, until the limit or the last page
            page = store.events(**q.store_filters(), limit=batch, offset=offset)
            for row in page:
                if row.get("lat") is None or row.get("lon") is None:
                    continue
                if len(located) == q.limit:
                    truncated = True
                    break
                located.append(row)
            if len(page) < batch:
                break
            offset += batch
        collection = aggregate(located, q.cell) if q.cell else geojson_collection(located)
        collection["truncated"] = truncated
        return JSONResponse(collection, media_type="application/geo+json")

    @app.get("/api/events/{event_id}", tags=["events"])
    def event(event_id: Annotated[str, PathParam(max_length=400)]) -> dict[str, Any]:
        """One event with its full JSON (spans, actors, attribution) and the clusters it belongs to."""
        found = store.get_event(event_id)
        if found is None:
            raise HTTPException(404, f"no event {event_id!r}")
        return public(found)

    @app.get("/api/articles/{article_id}", tags=["articles"])
    def article(article_id: Annotated[str, PathParam(max_length=200)]) -> dict[str, Any]:
        """The article's Report whole: ``article.text`` and every span that points into it."""
        found = store.get_article(article_id)
        if found is None:
            raise HTTPException(404, f"no article {article_id!r}")
        report = found["report"]
        return {"id": found["id"], "ingested_at": found["ingested_at"], "n_events": found["n_events"], **report}

    @app.get("/api/articles/{article_id}/attributions", tags=["articles"])
    def attributions(article_id: Annotated[str, PathParam(max_length=200)]) -> dict[str, Any]:
        """Who says what in the article: every attribution (speaker, cue, content, nesting) with the
        events whose trigger lies in its content."""
        found = store.get_article(article_id)
        if found is None:
            raise HTTPException(404, f"no article {article_id!r}")
        return {"id": found["id"], "attributions": attributions_with_events(found["report"])}

    @app.get("/api/clusters", tags=["events"])
    def clusters(q: Annotated[ClusterQuery, Query()]) -> dict[str, Any]:
        """Merged real-world events (after ``khabar cluster``), most sources first, each with its reports
        (every outlet's evidence sentence, speaker and stance) and the disputes of it."""
        from khabar.cluster import stored_view

        return {"clusters": [stored_view(c) for c in store.clusters(min_sources=q.min_sources, limit=q.limit)]}

    @app.get("/api/clusters/{cluster_id}", tags=["events"])
    def cluster(cluster_id: Annotated[str, PathParam(max_length=64)]) -> dict[str, Any]:
        """One merged event with its reports and disputes."""
        from khabar.cluster import stored_view

        found = store.clusters(cluster_id=cluster_id, limit=1)
        if not found:
            raise HTTPException(404, f"no merged event {cluster_id!r}: run `khabar cluster` after ingesting")
        return stored_view(found[0])

    @app.get("/api/stats", tags=["events"])
    def stats(q: Annotated[EventFilters, Query()]) -> dict[str, Any]:
        """Event counts by day and type, for the timeline; with filters, counts of the matching events."""
        filters = q.store_filters()
        if not any(v is not None for k, v in filters.items() if k != "background"):
            return store.stats(background=q.background)
        return filtered_stats(store, filters)

    # writing ---------------------------------------------------------------------------------------

    @app.post("/api/articles", tags=["articles"], status_code=201, dependencies=[Depends(require_token)])
    def post_article(body: ArticleIn) -> dict[str, Any]:
        """Extract one article and store its Report (needs the token). The same article again changes
        nothing; 422 with the reason when it cannot be read."""
        from khabar.model import Article, Skipped
        from khabar.pipeline import extract_batch

        try:  # the metadata checks every reader applies (khabar.metadata): a date before 1900, a script URL
            item = Article.new(body.text, title=body.title, published=body.published, url=body.url,
                               outlet=body.outlet)  # fmt: skip
        except ValueError as exc:
            raise HTTPException(422, f"[bad-metadata] {exc}") from None
        with extract_lock:
            result = next(iter(extract_batch([item])))
        if isinstance(result, Skipped):
            store.put_skip(result)
            raise HTTPException(422, f"[{result.code}] {result.reason}")
        outcome = store.put(result)
        return {"id": item.id, "outcome": outcome, "events": len(result.events)}

    return app


# helpers ---------------------------------------------------------------------------------------------


def attributions_with_events(report: dict[str, Any]) -> list[dict[str, Any]]:
    """A stored Report's attributions, each with the events it covers spelt out (id, type, trigger)."""
    events = {e["id"]: e for e in report.get("events") or []}
    out = []
    for attribution in report.get("attributions") or []:
        covered = [events[i] for i in attribution.get("events") or [] if i in events]
        summary = [{"id": e["id"], "type": e["type"], "mode": e.get("mode"), "trigger": e["trigger"]} for e in covered]
        out.append({**attribution, "events": summary})
    return out


def public(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k not in HIDDEN}


def validation_message(errors: Any) -> str:
    """pydantic's errors as one line: ``since: Input should be a valid date ...; limit: ...``."""
    parts = []
    for error in errors:
        loc = [str(x) for x in error.get("loc", ()) if x not in ("query", "body", "path")]
        msg = str(error.get("msg", "invalid")).removeprefix("Value error, ")
        parts.append(f"{'.'.join(loc)}: {msg}" if loc else msg)
    return "; ".join(parts) or "invalid request"


def aggregate(rows: list[dict[str, Any]], cell: float) -> dict[str, Any]:
    """One point per grid cell (at the mean of its events), for maps where points would pile up."""
    cells: dict[tuple[int, int], list[dict[str, Any]]] = {}
    for row in rows:
        key = (math.floor(row["lat"] / cell), math.floor(row["lon"] / cell))
        cells.setdefault(key, []).append(row)
    features = []
    for (y, x), members in sorted(cells.items()):
        lat = sum(r["lat"] for r in members) / len(members)
        lon = sum(r["lon"] for r in members) / len(members)
        features.append(
            {
                "type": "Feature",
                "id": f"cell:{cell}:{y}:{x}",
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": {
                    "count": len(members),
                    "types": dict(Counter(r["type"] for r in members).most_common()),
                    "event_ids": [r["id"] for r in members[:20]],
                    "cell": cell,
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def filtered_stats(store: SqlStore, filters: dict[str, Any]) -> dict[str, Any]:
    """``Store.stats`` for a filtered set, counted here from the matching rows (the store's own stats
    take no filters)."""
    by_day_type: Counter[tuple[str, str]] = Counter()
    by_type: Counter[str] = Counter()
    total = 0
    for row in store.events(**filters, limit=None):
        total += 1
        by_type[row["type"]] += 1
        if row["date_earliest"] is not None:
            by_day_type[(str(row["date_earliest"]), row["type"])] += 1
    by_day: Counter[str] = Counter()
    for (day, _), n in by_day_type.items():
        by_day[day] += n
    return {
        "counts": {"events": total},
        "by_day": [{"day": day, "events": by_day[day]} for day in sorted(by_day)],
        "by_type": dict(sorted(by_type.items(), key=lambda kv: (-kv[1], kv[0]))),
        "by_day_type": [{"day": d, "type": k, "events": n} for (d, k), n in sorted(by_day_type.items())],
    }
