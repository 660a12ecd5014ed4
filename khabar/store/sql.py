"""``SqlStore``: the Store on any SQLAlchemy engine; dialect modules supply the engine and the upsert."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Any, Literal

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from khabar.model import Report, Skipped
from khabar.store import schema as t
from khabar.store.rows import article_row, event_rows

PutResult = Literal["inserted", "replaced", "unchanged"]
Upsert = Callable[[sa.Table, Sequence[str], Sequence[str]], Any]

# Columns a caller gets from ``events()``; the event JSON only with ``with_json=True``.
EVENT_COLUMNS = [c.name for c in t.events.columns if c.name != "event"]


class SqlStore:
    """Reports, skips and clusters in one relational database (SQLite or PostgreSQL)."""

    def __init__(self, engine: Engine, upsert: Upsert, url: str) -> None:
        self.engine = engine
        self.url = url
        self._upsert = upsert
        t.metadata.create_all(engine)
        with self._write() as conn:
            stmt = upsert(t.meta, ["key"], ["value"]).values(key="store_schema", value=t.STORE_SCHEMA)
            conn.execute(stmt)

    # writing -----------------------------------------------------------------------------------------

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """A write transaction (on SQLite one that takes the write lock at BEGIN)."""
        with self.engine.connect().execution_options(khabar_write=True) as conn, conn.begin():
            yield conn

    def put(self, report: Report) -> PutResult:
        """Store one Report and its events in one transaction; the same Report again changes nothing,
        a changed one (same article id) replaces the old one and all its events atomically."""
        report_json = report.to_dict()
        row = article_row(report, report_json)
        with self._write() as conn:
            old = conn.execute(
                sa.select(t.articles.c.report_hash).where(t.articles.c.id == row["id"])
            ).scalar_one_or_none()
            if old == row["report_hash"]:
                return "unchanged"
            columns = [c for c in row if c != "id"]
            conn.execute(self._upsert(t.articles, ["id"], columns).values(**row))
            # after the upsert holds the article row: a concurrent writer of the same article has
            # committed by now, and its events go too (the last writer's version wins, whole)
            conn.execute(sa.delete(t.cluster_events).where(t.cluster_events.c.article_id == row["id"]))
            conn.execute(sa.delete(t.events).where(t.events.c.article_id == row["id"]))
            rows = event_rows(report, report_json)
            if rows:
                conn.execute(sa.insert(t.events), _unique(rows))
        return "inserted" if old is None else "replaced"

    def put_skip(self, skip: Skipped) -> None:
        """Record why an input produced no Report; the same source and code again updates the row."""
        row = {"source": _storable(skip.source), "code": skip.code, "reason": _storable(skip.reason),
               "seen_at": datetime.now(UTC)}  # fmt: skip
        with self._write() as conn:
            conn.execute(self._upsert(t.skips, ["source", "code"], ["reason", "seen_at"]).values(**row))

    def replace_clusters(self, clusters: Iterable[dict[str, Any]], members: Iterable[dict[str, Any]]) -> None:
        """Swap in a freshly computed merge; clusters are derived data, so the old ones simply go."""
        cluster_rows = list(clusters)
        member_rows = list(members)
        with self._write() as conn:
            conn.execute(sa.delete(t.cluster_events))
            conn.execute(sa.delete(t.clusters))
            if cluster_rows:
                conn.execute(sa.insert(t.clusters), cluster_rows)
            if member_rows:
                conn.execute(sa.insert(t.cluster_events), member_rows)

    # reading -----------------------------------------------------------------------------------------

    def has(self, article_id: str) -> bool:
        with self.engine.connect() as conn:
            found = conn.execute(sa.select(t.articles.c.id).where(t.articles.c.id == article_id)).first()
        return found is not None

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of ``ids`` are stored already (one query per thousand, for skipping re-ingests)."""
        wanted = list(dict.fromkeys(ids))
        found: set[str] = set()
        with self.engine.connect() as conn:
            for i in range(0, len(wanted), 1000):
                chunk = wanted[i : i + 1000]
                found.update(conn.execute(sa.select(t.articles.c.id).where(t.articles.c.id.in_(chunk))).scalars())
        return found

    def published_dates(self, ids: Iterable[str]) -> dict[str, date | None]:
        """The stored publication date of each of ``ids`` that is stored (an ingest keeps the earliest)."""
        wanted = list(dict.fromkeys(ids))
        found: dict[str, date | None] = {}
        columns = (t.articles.c.id, t.articles.c.published)
        with self.engine.connect() as conn:
            for i in range(0, len(wanted), 1000):
                chunk = wanted[i : i + 1000]
                rows = conn.execute(sa.select(*columns).where(t.articles.c.id.in_(chunk)))
                found.update((row.id, row.published) for row in rows)
        return found

    def events(
        self,
        *,
        since: date | None = None,
        until: date | None = None,
        country: str | None = None,
        type: str | None = None,
        actor: str | None = None,
        bbox: tuple[float, float, float, float] | None = None,
        article_id: str | None = None,
        limit: int | None = 100,
        offset: int = 0,
        with_json: bool = False,
        background: bool = True,
        newest_first: bool = False,
    ) -> list[dict[str, Any]]:
        """Events as plain dicts, oldest first (``newest_first``: newest first); undated ones last either
        way. ``since``/``until`` keep events whose date interval overlaps them; ``actor`` matches any
        party's name, country code or id (case-insensitive); ``bbox`` is (west, south, east, north) in
        degrees and may cross the antimeridian; ``background=False`` leaves out events the text dates
        well before the article (``Event.background``)."""
        c = t.events.c
        columns = [c[name] for name in EVENT_COLUMNS] + ([c.event] if with_json else [])
        query = _filtered(sa.select(*columns), since, until, country, type, actor, bbox, article_id, background)
        day = c.date_earliest.desc() if newest_first else c.date_earliest
        query = query.order_by(c.date_earliest.is_(None), day, c.id).offset(offset)
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            return [_plain(row._mapping) for row in conn.execute(query)]

    def count_events(
        self,
        *,
        since: date | None = None,
        until: date | None = None,
        country: str | None = None,
        type: str | None = None,
        actor: str | None = None,
        bbox: tuple[float, float, float, float] | None = None,
        article_id: str | None = None,
        background: bool = True,
    ) -> int:
        """How many events ``events()`` would return with these filters and no limit."""
        query = _filtered(sa.select(sa.func.count()).select_from(t.events), since, until, country, type, actor, bbox,
                          article_id, background)  # fmt: skip
        with self.engine.connect() as conn:
            return int(conn.execute(query).scalar_one())

    def iter_events(self, batch: int = 1000, **filters: Any) -> Iterator[dict[str, Any]]:
        """All matching events (with their JSON), page by page, for exports and merging."""
        offset = 0
        while True:
            page = self.events(limit=batch, offset=offset, with_json=True, **filters)
            yield from page
            if len(page) < batch:
                return
            offset += batch

    def get_event(self, event_id: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(t.events).where(t.events.c.id == event_id)).first()
            if row is None:
                return None
            found = _plain(row._mapping)
            members = conn.execute(
                sa.select(t.cluster_events.c.cluster_id).where(t.cluster_events.c.event_id == event_id)
            ).scalars()
            found["clusters"] = list(members)
        return found

    def get_article(self, article_id: str) -> dict[str, Any] | None:
        """The article row with its Report (as a dict) under ``report``."""
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(t.articles).where(t.articles.c.id == article_id)).first()
        return _plain(row._mapping) if row is not None else None

    def get_report(self, article_id: str) -> Report | None:
        found = self.get_article(article_id)
        return Report.from_dict(found["report"]) if found is not None else None

    def reports(self) -> Iterator[Report]:
        """Every stored Report, in id order."""
        with self.engine.connect() as conn:
            for (report,) in conn.execute(sa.select(t.articles.c.report).order_by(t.articles.c.id)):
                yield Report.from_dict(_json(report))

    def skips(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            query = sa.select(t.skips).order_by(t.skips.c.seen_at, t.skips.c.source)
            return [_plain(row._mapping) for row in conn.execute(query)]

    def clusters(
        self, *, min_sources: int = 1, limit: int | None = None, cluster_id: str | None = None
    ) -> list[dict[str, Any]]:
        """Clusters with their members (``members``: event id, article, outlet, stance, score, reason, and the
        report's url, type, dates, place, speaker and evidence sentence, so outlets can be read side by side)."""
        c = t.clusters.c
        query = sa.select(t.clusters).where(c.n_sources >= min_sources)
        if cluster_id is not None:
            query = query.where(c.id == cluster_id)
        query = query.order_by(c.n_sources.desc(), c.date_earliest, c.id)
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            found = [_plain(row._mapping) for row in conn.execute(query)]
            ids = [cl["id"] for cl in found]
            members: dict[str, list[dict[str, Any]]] = {i: [] for i in ids}
            for i in range(0, len(ids), 500):
                e = t.events.c
                report = (e.url, e.type, e.date_earliest, e.date_latest, e.place, e.speaker, e.evidence)
                rows = conn.execute(
                    sa.select(t.cluster_events, *report)
                    .join(t.events, t.events.c.id == t.cluster_events.c.event_id)
                    .where(t.cluster_events.c.cluster_id.in_(ids[i : i + 500]))
                    .order_by(t.cluster_events.c.published, t.cluster_events.c.event_id)
                )
                for row in rows:
                    members[row.cluster_id].append(_plain(row._mapping))
        for cluster in found:
            cluster["members"] = members[cluster["id"]]
        return found

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {
                name: conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
                for name, table in (
                    ("articles", t.articles),
                    ("events", t.events),
                    ("skips", t.skips),
                    ("clusters", t.clusters),
                )
            }

    def stats(self, background: bool = True) -> dict[str, Any]:
        """Event counts by day (of the event's earliest date), by type, and by day and type
        (``background=False``: without background events)."""
        c = t.events.c
        keep = sa.true() if background else _foreground()
        with self.engine.connect() as conn:
            by_day_type = conn.execute(
                sa.select(c.date_earliest, c.type, sa.func.count())
                .where(c.date_earliest.is_not(None), keep)
                .group_by(c.date_earliest, c.type)
                .order_by(c.date_earliest, c.type)
            ).all()
            by_type = conn.execute(
                sa.select(c.type, sa.func.count()).where(keep).group_by(c.type).order_by(sa.func.count().desc(), c.type)
            ).all()
        by_day: dict[str, int] = {}
        for day, _, n in by_day_type:
            by_day[str(day)] = by_day.get(str(day), 0) + n
        counts = self.counts()
        if not background:
            counts["events"] = sum(n for _, n in by_type)
        return {
            "counts": counts,
            "by_day": [{"day": day, "events": n} for day, n in by_day.items()],
            "by_type": {kind: n for kind, n in by_type},
            "by_day_type": [{"day": str(day), "type": kind, "events": n} for day, kind, n in by_day_type],
        }

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> SqlStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def connect(self) -> Connection:
        """A raw connection for ad-hoc SQL (the caller closes it)."""
        return self.engine.connect()


def _filtered(
    query: Any,
    since: date | None,
    until: date | None,
    country: str | None,
    type: str | None,
    actor: str | None,
    bbox: tuple[float, float, float, float] | None,
    article_id: str | None,
    background: bool,
) -> Any:
    """``query`` narrowed by the event filters ``events()`` and ``count_events()`` share."""
    c = t.events.c
    if since is not None:
        query = query.where(c.date_latest >= since)
    if until is not None:
        query = query.where(c.date_earliest <= until)
    if country:
        query = query.where(c.country == country.upper())
    if type:
        query = query.where(c.type == type.upper())
    if actor:
        query = query.where(c.parties.like(f"%{_escape_like(actor.lower())}%", escape="\\"))
    if article_id:
        query = query.where(c.article_id == article_id)
    if bbox is not None:
        west, south, east, north = bbox
        query = query.where(c.lat.between(south, north))
        if west <= east:
            query = query.where(c.lon.between(west, east))
        else:
            query = query.where(sa.or_(c.lon >= west, c.lon <= east))
    if not background:
        query = query.where(_foreground())
    return query


def _foreground() -> Any:
    """Events not marked background in their JSON (1.0 Reports have no mark: they count as foreground)."""
    return sa.func.coalesce(t.events.c.event["background"].as_boolean(), sa.false()) == sa.false()


def _unique(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per event id: a Report that repeats an Event id must not fail the whole put."""
    seen: dict[str, dict[str, Any]] = {}
    for row in rows:
        seen.setdefault(row["id"], row)
    return list(seen.values())


def _storable(text: str) -> str:
    """A file name that is not UTF-8 (``bad\\udcff.txt`` after surrogateescape) as ``bad\\xff.txt``: the
    database cannot hold lone surrogates, and a skip must never fail to be recorded."""
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate that is no escaped byte (\ud800 from JSON): as \ud800
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str | bytes) else value


def _plain(mapping: Any) -> dict[str, Any]:
    row = dict(mapping)
    for key in ("event", "report"):
        if key in row:
            row[key] = _json(row[key])
    return row
