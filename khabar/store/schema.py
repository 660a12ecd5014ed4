"""The one relational schema, in SQLAlchemy Core, shared by SQLite and PostgreSQL.

``articles`` keeps each Report whole (JSON) so nothing is lost; ``events`` flattens each Event into
columns people filter on (type, dates, place, actors) so SQL, Datasette and the API need no JSON
functions. ``clusters``/``cluster_events`` hold the cross-article merge, which is derived data and can
be dropped and recomputed at any time.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB

STORE_SCHEMA = "1"

metadata = sa.MetaData()

JSONType = sa.JSON().with_variant(JSONB(), "postgresql")
Stamp = sa.DateTime(timezone=True)

articles = sa.Table(
    "articles",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True, comment="content hash + URL (Article.make_id)"),
    sa.Column("url", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("published", sa.Date, index=True),
    sa.Column("outlet", sa.String(255), index=True),
    sa.Column("language", sa.String(16)),
    sa.Column("text_hash", sa.String(64), nullable=False, comment="sha256 of Article.text"),
    sa.Column("report_hash", sa.String(64), nullable=False, comment="sha256 of the Report JSON"),
    sa.Column("n_events", sa.Integer, nullable=False, server_default="0"),
    sa.Column("report", JSONType, nullable=False),
    sa.Column("schema_version", sa.String(16), nullable=False),
    sa.Column("ingested_at", Stamp, nullable=False),
)

events = sa.Table(
    "events",
    metadata,
    sa.Column("id", sa.String(160), primary_key=True, comment="article id + ':' + Event.id"),
    sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    sa.Column("event_id", sa.String(96), nullable=False),
    sa.Column("type", sa.String(32), nullable=False, index=True),
    sa.Column("mode", sa.String(32)),
    sa.Column("contexts", sa.Text),
    sa.Column("cameo", sa.String(8)),
    sa.Column("date_earliest", sa.Date, index=True),
    sa.Column("date_latest", sa.Date, index=True),
    sa.Column("date_precision", sa.String(16)),
    sa.Column("date_text", sa.Text),
    sa.Column("place", sa.Text),
    sa.Column("country", sa.String(3), index=True),
    sa.Column("admin1", sa.Text),
    sa.Column("admin2", sa.Text),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("geo_precision", sa.String(16)),
    sa.Column("geonames_id", sa.Integer),
    sa.Column("actor1", sa.Text),
    sa.Column("actor1_country", sa.String(3)),
    sa.Column("actor1_sectors", sa.Text),
    sa.Column("actor2", sa.Text),
    sa.Column("actor2_country", sa.String(3)),
    sa.Column("actor2_sectors", sa.Text),
    sa.Column("actors", sa.Text, comment="all source actors, ' | '-separated"),
    sa.Column("recipients", sa.Text, comment="all target actors, ' | '-separated"),
    sa.Column("parties", sa.Text, comment="lower-case names and countries of every party, for search"),
    sa.Column("fatalities", sa.Integer),
    sa.Column("speaker", sa.Text),
    sa.Column("stance", sa.String(16)),
    sa.Column("confidence", sa.Float),
    sa.Column("trigger", sa.Text),
    sa.Column("evidence", sa.Text, comment="the sentence that states the event"),
    sa.Column("evidence_start", sa.Integer),
    sa.Column("evidence_end", sa.Integer),
    sa.Column("published", sa.Date),
    sa.Column("url", sa.Text),
    sa.Column("outlet", sa.String(255)),
    sa.Column("event", JSONType, nullable=False),
    sa.Index("ix_events_article", "article_id"),
    sa.Index("ix_events_geo", "lat", "lon"),
)

skips = sa.Table(
    "skips",
    metadata,
    sa.Column("source", sa.Text, primary_key=True),
    sa.Column("code", sa.String(32), primary_key=True),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("seen_at", Stamp, nullable=False),
)

clusters = sa.Table(
    "clusters",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True, comment="hash of the member event ids"),
    sa.Column("type", sa.String(32), nullable=False, index=True),
    sa.Column("n_events", sa.Integer, nullable=False),
    sa.Column("n_sources", sa.Integer, nullable=False, comment="distinct articles"),
    sa.Column("n_outlets", sa.Integer, nullable=False),
    sa.Column("first_report", sa.Date),
    sa.Column("last_report", sa.Date),
    sa.Column("date_earliest", sa.Date),
    sa.Column("date_latest", sa.Date),
    sa.Column("country", sa.String(3), index=True),
    sa.Column("admin1", sa.Text),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("actor1", sa.Text),
    sa.Column("actor2", sa.Text),
    sa.Column("evidence", sa.Text, comment="evidence sentence of the representative event"),
    sa.Column("method", sa.String(64), nullable=False),
    sa.Column("computed_at", Stamp, nullable=False),
)

cluster_events = sa.Table(
    "cluster_events",
    metadata,
    sa.Column("cluster_id", sa.String(64), sa.ForeignKey("clusters.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("event_id", sa.String(160), sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("article_id", sa.String(64), nullable=False, index=True),
    sa.Column("outlet", sa.String(255)),
    sa.Column("published", sa.Date),
    sa.Column("stance", sa.String(16), comment="how this source reports it: asserted, attributed, ..."),
    sa.Column("score", sa.Float, nullable=False, comment="similarity to the cluster's first event"),
    sa.Column("reason", sa.Text, nullable=False, comment="why it joined: the evidence that matched"),
)

meta = sa.Table(
    "khabar_meta",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)
