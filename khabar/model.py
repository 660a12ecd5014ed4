"""The data model: what a Report says about one article, and its JSON form.

Everything downstream of extraction (store, merge, export, API) works on these types and never re-reads
text, so every fact carries the character Span of its evidence in ``Article.text``. Unknown values stay
``None``: the model never forces a stage to invent a country, a coordinate or a date.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Literal

from pydantic import TypeAdapter

from khabar.metadata import clean_outlet, clean_published, clean_title, clean_url

SCHEMA_VERSION = "1.1"
# Reports of these versions read as the current one: each later version only added fields with defaults.
READABLE_VERSIONS = frozenset({"1.0", SCHEMA_VERSION})

Precision = Literal[
    "day", "week", "month", "quarter", "season", "year", "decade", "before", "after", "reported", "duration"
]
PlacePrecision = Literal["point", "locality", "admin2", "admin1", "region", "country"]
Stance = Literal["asserted", "attributed", "claimed", "disputed"]
# Event.modality values: the act was not done (yet) or not as a fact. None means reported as done.
MODALITIES = (
    "negated",  # "did not attack"
    "future",  # "will extend the curfew", "is due to meet"
    "intended",  # planned or announced: "plans to", "intends to", "announced it would"
    "conditional",  # "if ... then", "unless"
    "hypothetical",  # "could", "might", "would"
    "attempted",  # "tried to", "sought to"
    "threatened",  # "threatened to"
    "cancelled",  # prevented, cancelled, called off, postponed
    "denied",  # a party denies the act took place
)
# Modalities under which an act did not happen as reported: the event-count exports leave them out.
UNREALISED = frozenset(MODALITIES)


@dataclass(frozen=True)
class Span:
    """Half-open character range [start, end) of ``Article.text`` and the text it covers."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        return cls(start, end, text[start:end])


@dataclass(frozen=True)
class Article:
    """One news article as the extractors see it: ``text`` is the cleaned text all offsets refer to."""

    id: str
    text: str
    title: str | None = None
    published: date | None = None
    url: str | None = None
    outlet: str | None = None
    language: str = "en"
    # How ``published`` was found when the source gave none ("url", "dateline", "text"); None when given.
    published_inferred: str | None = None

    @staticmethod
    def make_id(text: str, url: str | None = None) -> str:
        """A stable id from the content (and URL): the same text at the same URL is the same article."""
        digest = hashlib.sha256(text.encode("utf-8", "surrogatepass"))
        if url:
            digest.update(b"\0" + url.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()[:16]

    @classmethod
    def new(
        cls,
        text: str,
        *,
        title: str | None = None,
        published: date | str | None = None,
        url: str | None = None,
        outlet: str | None = None,
        language: str = "en",
        id: str | None = None,
    ) -> Article:
        """An Article with its metadata checked (khabar.metadata): ``published`` as a date or a date string
        (ISO 8601, RFC 822, ...), the title, URL and outlet cleaned. Raises ValueError naming the field and
        the value when one is not a date, not plausible (before 1900, or more than a day ahead) or too long.
        """
        url = clean_url(url)
        return cls(
            id=id or cls.make_id(text, url),
            text=text,
            title=clean_title(title),
            published=clean_published(published),
            url=url,
            outlet=clean_outlet(outlet),
            language=language,
        )


@dataclass(frozen=True)
class Actor:
    """A party to an event: coded by country (ISO 3166 alpha-3) and sector codes (GOV, MIL, REB, ...)."""

    name: str
    span: Span
    country: str | None = None
    sectors: tuple[str, ...] = ()
    actor_id: str | None = None
    kind: str | None = None  # "state", "group", "person", "organisation", "source"
    role: str | None = None  # "spokesman", "officials", ...
    # How it was coded: "dictionary" (actors.tsv, people.tsv), "country", "capital", "demonym", "ethnic" (a
    # people named as an ethnic group: no state), "title", "apposition", "name" (a person, nothing more known),
    # "role" (a role noun, no country known), "foreign" (a role called foreign), "context" (the article's home
    # country), "place" (the country of the place the event happened, set by the events coder), "ambiguous" (a
    # dictionary actor whose role changed over time, in an article with no date: only what the roles share).
    how: str = ""


@dataclass(frozen=True)
class Place:
    """A place name and, where known, where it is: coordinates, admin areas and how sure we are."""

    name: str
    span: Span
    kind: str | None = None  # "country", "admin1", "admin2", "city", "border crossing", ...
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    precision: PlacePrecision | None = None
    resolution: str = "unresolved"  # how it was resolved: "curated", "country", "alternate-name", ...
    confidence: float = 0.0
    source: str | None = None  # provenance of the gazetteer entry


@dataclass(frozen=True)
class When:
    """A time expression normalised to an interval [earliest, latest] with its precision."""

    text: str
    span: Span | None  # None when the date is the publication date with nothing in the text
    earliest: date | None
    latest: date | None
    precision: Precision
    value: str | None = None  # TimeML-style value ("2021-07-09", "2021-W27", "PAST_REF")
    anchor: str = "publication"  # what it was resolved against
    timex_type: str | None = None  # TimeML TIMEX3 type: DATE, TIME, DURATION or SET (None: not from the text)


@dataclass(frozen=True)
class Quantity:
    """A number with what it counts: "over 1,000 soldiers" is value 1000, qualifier "more than"."""

    text: str
    span: Span
    value: float
    unit: str | None = None
    qualifier: str | None = None  # "more than", "less than", "about", "at least", "up to"
    per: str | None = None  # "month" in "$20 million per month"
    kind: str = "count"  # "count", "money", "percent", "killed", "injured", "arrested", "displaced"


@dataclass(frozen=True)
class Attribution:
    """Who says so: the speaker, the cue that attributes, the channel, and the stance."""

    speaker: str
    span: Span  # the speaker's words
    cue: str | None = None
    cue_span: Span | None = None
    via: str | None = None  # channel: "AFP" in "told AFP"
    anonymous: bool = False
    country: str | None = None
    sectors: tuple[str, ...] = ()
    role: str | None = None
    stance: Stance = "attributed"
    disputed_by: str | None = None
    content: Span | None = None  # the words attributed (a quote or reported clause), where marked
    # Added in 1.1 (defaults keep older Reports readable):
    id: str | None = None  # stable within the article: its hash and the cue's offset
    parent: str | None = None  # the attribution whose content holds this one ("X said Y told them ...")
    # How the speaker was found when ``span`` does not name it: "pronoun" ("he said"), "relative" ("who
    # said"), "shared" (a participial or conjoined cue takes its verb's subject: ", saying"), "role" ("the
    # spokesman", linked to the named one), "implicit" (no source in the text: "reportedly").
    how: str | None = None
    antecedent: Span | None = None  # the named speaker a pronoun, "who" or shared subject stands for
    title: str | None = None  # the speaker's title and apposition: "a Democrat from New York"
    cue_class: str | None = None  # the lexicon's class: speech, thought, nominal, adverbial, according, colon
    events: tuple[str, ...] = ()  # ids of the events whose sentences lie in its content


@dataclass(frozen=True)
class Claim:
    """A contested or self-serving statement: who claims it, what, and who disputes it."""

    id: str
    claimant: Actor
    content: Span
    cue: str | None = None
    quantity: Quantity | None = None
    disputed_by: Actor | None = None


@dataclass(frozen=True)
class Event:
    """One PLOVER event: who did what to whom, where, when, how much, and who says so."""

    id: str
    type: str  # PLOVER category
    trigger: Span
    sentence: Span
    actors: tuple[Actor, ...] = ()
    recipients: tuple[Actor, ...] = ()
    mode: str | None = None  # PLOVER category mode, e.g. "withdraw", "arrest", "demo"
    # How real the act is (PLOVER's auxiliary modes); None for an act reported as done. One of MODALITIES.
    modality: str | None = None
    contexts: tuple[str, ...] = ()
    cameo: str | None = None
    place: Place | None = None
    places_mentioned: tuple[Place, ...] = ()
    place_how: str | None = None  # how the place was chosen: "argument", "anaphora", "sentence"
    when: When | None = None
    quantities: tuple[Quantity, ...] = ()
    attribution: Attribution | None = None
    confidence: float = 0.5
    # The text dates the act well before the article ("In 1905 ...", "since the 2006 riots"): kept, but
    # left out of event lists, the page and the event-count exports unless asked for.
    background: bool = False


@dataclass(frozen=True)
class Report:
    """Everything khabar read in one article. The contract between extraction and everything else."""

    article: Article
    events: tuple[Event, ...] = ()
    actors: tuple[Actor, ...] = ()
    places: tuple[Place, ...] = ()
    times: tuple[When, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    claims: tuple[Claim, ...] = ()
    pipeline: dict[str, str] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    schema_version: str = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = _REPORT.dump_python(self, mode="json")
        return data

    def to_json(self, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Report:
        version = data.get("schema_version")
        if version not in READABLE_VERSIONS:
            raise ValueError(f"Report schema {version!r} is not {SCHEMA_VERSION!r}: migrate stored data first")
        return _REPORT.validate_python({**data, "schema_version": SCHEMA_VERSION})

    @classmethod
    def from_json(cls, text: str) -> Report:
        return cls.from_dict(json.loads(text))

    def with_pipeline(self, pipeline: dict[str, str]) -> Report:
        return replace(self, pipeline=dict(pipeline))


@dataclass(frozen=True)
class Skipped:
    """An input that produced no Report, and why: every input ends as a Report or as one of these."""

    source: str
    reason: str
    code: str = "skipped"  # stable machine-readable reason: "empty", "binary", "too-large", "not-english", ...


_REPORT: TypeAdapter[Report] = TypeAdapter(Report)


def report_json_schema() -> dict[str, Any]:
    """The JSON Schema of a Report, generated from the dataclasses above (kept in khabar/schema/)."""
    schema = _REPORT.json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"khabar Report {SCHEMA_VERSION}"
    return schema


def iter_spans(report: Report) -> list[tuple[str, Span]]:
    """Every (field path, Span) in a Report: the test that evidence is real walks this."""
    found: list[tuple[str, Span]] = []

    def walk(obj: Any, path: str) -> None:
        if isinstance(obj, Span):
            found.append((path, obj))
        elif isinstance(obj, tuple | list):
            for i, item in enumerate(obj):
                walk(item, f"{path}[{i}]")
        elif hasattr(obj, "__dataclass_fields__") and not isinstance(obj, Article):
            for name in obj.__dataclass_fields__:
                walk(getattr(obj, name), f"{path}.{name}" if path else name)

    walk(report, "")
    return found
