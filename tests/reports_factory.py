"""Real Reports for store, merge and export tests, built from text with spans found in it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from khabar.model import Actor, Article, Attribution, Event, Place, Quantity, Report, Span, When


def span(text: str, words: str) -> Span:
    start = text.index(words)
    return Span.of(text, start, start + len(words))


def sentence_of(text: str, words: str) -> Span:
    start = text.index(words)
    begin = text.rfind(". ", 0, start)
    begin = 0 if begin < 0 else begin + 2
    end = text.find(". ", start)
    end = len(text) if end < 0 else end + 1
    return Span.of(text, begin, end)


@dataclass
class Spec:
    """One event to put in a Report: the words are looked up in the text for their spans."""

    type: str
    trigger: str
    actor: tuple[str, str | None, tuple[str, ...]] | None = None
    recipient: tuple[str, str | None, tuple[str, ...]] | None = None
    place: tuple[str, str | None, str | None, float | None, float | None] | None = None
    when: tuple[str, date, date, str] | None = None
    killed: tuple[str, float] | None = None
    speaker: tuple[str, str] | None = None  # (speaker words, stance)
    mode: str | None = None
    contexts: tuple[str, ...] = ()
    cameo: str | None = None
    extra: dict[str, object] = field(default_factory=dict)


def make_report(
    text: str,
    specs: list[Spec],
    *,
    url: str | None = None,
    title: str | None = None,
    published: date | None = None,
    outlet: str | None = None,
) -> Report:
    article = Article.new(text, url=url, title=title, published=published, outlet=outlet)
    events = []
    for n, s in enumerate(specs, start=1):
        actors = (Actor(s.actor[0], span(text, s.actor[0]), s.actor[1], s.actor[2]),) if s.actor else ()
        recipients = (
            (Actor(s.recipient[0], span(text, s.recipient[0]), s.recipient[1], s.recipient[2]),) if s.recipient else ()
        )
        place = None
        if s.place:
            name, country, admin1, lat, lon = s.place
            place = Place(
                name,
                span(text, name),
                "city",
                country,
                admin1,
                None,
                lat,
                lon,
                precision="locality" if lat is not None else None,
                resolution="curated",
                confidence=0.9,
            )
        when = None
        if s.when:
            words, earliest, latest, precision = s.when
            when = When(words, span(text, words), earliest, latest, precision, earliest.isoformat())  # type: ignore[arg-type]
        quantities = ()
        if s.killed:
            quantities = (Quantity(s.killed[0], span(text, s.killed[0]), s.killed[1], "people", kind="killed"),)
        attribution = None
        if s.speaker:
            attribution = Attribution(s.speaker[0], span(text, s.speaker[0]), cue="said", stance=s.speaker[1])  # type: ignore[arg-type]
        events.append(
            Event(
                id=f"e{n}",
                type=s.type,
                trigger=span(text, s.trigger),
                sentence=sentence_of(text, s.trigger),
                actors=actors,
                recipients=recipients,
                mode=s.mode,
                contexts=s.contexts,
                cameo=s.cameo,
                place=place,
                when=when,
                quantities=quantities,
                attribution=attribution,
                confidence=0.8,
            )
        )
    return Report(article=article, events=tuple(events), pipeline={"test": "factory"})


ATTACK_TEXT = (
    "Taliban fighters attacked a police checkpoint in Kandahar on Monday, killing 12 officers, "
    "a provincial spokesman said. The government condemned the assault."
)
PROTEST_TEXT = (
    "Thousands of students protested against fuel prices in Kandahar on Monday. "
    "Police dispersed the crowd, witnesses said."
)


def attack_report(url: str = "https://a.example/attack", title: str = "Checkpoint attacked") -> Report:
    return make_report(
        ATTACK_TEXT,
        [
            Spec(
                "ASSAULT",
                "attacked",
                actor=("Taliban fighters", "AFG", ("INS",)),
                recipient=("police checkpoint", "AFG", ("COP",)),
                place=("Kandahar", "AFG", "Kandahar", 31.61, 65.71),
                when=("on Monday", date(2021, 7, 5), date(2021, 7, 5), "day"),
                killed=("12 officers", 12),
                speaker=("a provincial spokesman", "attributed"),
                cameo="190",
            )
        ],
        url=url,
        title=title,
        published=date(2021, 7, 6),
        outlet=url.split("/")[2] if url else None,
    )


def protest_report(url: str = "https://b.example/protest") -> Report:
    return make_report(
        PROTEST_TEXT,
        [
            Spec(
                "PROTEST",
                "protested",
                actor=("Thousands of students", None, ("CVL",)),
                place=("Kandahar", "AFG", "Kandahar", 31.61, 65.71),
                when=("on Monday", date(2021, 7, 5), date(2021, 7, 5), "day"),
                cameo="140",
            )
        ],
        url=url,
        title="Students protest",
        published=date(2021, 7, 6),
        outlet="b.example",
    )
