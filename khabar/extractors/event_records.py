"""One real event, one record: repeated mentions within an article merge, a later mention lends its date and
place, talks with no parties named are those just mentioned.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from khabar.model import Event, When


def _actor_codes(event: Event) -> frozenset[tuple[str, tuple[str, ...]]]:
    return frozenset((a.country or "", a.sectors) for a in event.actors)


def _bridge(event: Event, earlier: list[Event]) -> Event:
    """ "Recently, Iran tried to broker a deal between the Taliban and the government. Talks on Thursday
    resulted in a statement": talks with no participants named are those of the talks just mentioned."""
    if event.actors or not earlier:
        return event
    previous = earlier[-1]
    if previous.type == event.type and event.sentence.start - previous.sentence.end < 400:
        return replace(event, actors=previous.actors, recipients=previous.recipients)
    return event


def _same_as_earlier(event: Event, earlier: list[Event]) -> int | None:
    """One real event, one record: a later mention with the same type and actors that adds no place of its
    own ("the soldiers who fled", "the seizure of the crossing") is the earlier event told again."""
    codes = _actor_codes(event)
    for i, prior in enumerate(earlier):
        if prior.type != event.type or not codes or _actor_codes(prior) != codes:
            continue
        if event.place_how != "argument" or (prior.place is not None and event.place is not None
                                             and prior.place.name == event.place.name):  # fmt: skip
            return i
    return None


PRECISION_RANK = {"reported": 0, "before": 1, "after": 1, "decade": 2, "year": 3, "season": 4, "quarter": 4,
                  "month": 5, "week": 6, "day": 7}  # fmt: skip


ANCHOR_RANK = {"sentence": 2, "preceding": 1}


def _date_evidence(when: When | None) -> tuple[int, int]:
    """How strongly a date is evidenced: a date written in the event's own sentence beats one carried over
    from an earlier sentence, whatever their precisions; then the more precise wins."""
    if when is None or when.span is None:
        return (0, 0)
    return (ANCHOR_RANK.get(when.anchor, 0), PRECISION_RANK[when.precision])


def _merge(prior: Event, again: Event) -> Event:
    """The record keeps its first mention's evidence and takes what a later mention adds: a date written in
    its own sentence or a more precise one ("Talks on Thursday"), a place."""
    out = prior
    if _date_evidence(again.when) > _date_evidence(prior.when):
        out = replace(out, when=again.when)
    # The attribution stays the first mention's: an event the outlet asserts in its own voice and a party
    # later also reports is still the outlet's report (the capture of Islam Qala is not the customs office's).
    if out.place is None and again.place is not None and again.place_how == "argument":
        out = replace(out, place=again.place, place_how=again.place_how)
    return out


def _dedupe(events: list[Event]) -> list[Event]:
    """One real event, one record: same type, actors, place and modality in one sentence is one event ("did not
    attack the town but seized the airport" tells an act that did not happen and one that did)."""
    out: list[Event] = []
    keys: set[tuple[Any, ...]] = set()
    for event in events:
        key = (event.type, tuple(sorted((a.country or "", a.name) for a in event.actors)),
               event.place.name if event.place else None, event.modality)  # fmt: skip
        if key in keys:
            continue
        keys.add(key)
        out.append(event)
    return out


def _framed_defaults(events: list[Event], default_triggers: set[int]) -> list[Event]:
    """A verb known only by its set's default adds nothing beside an event of its category in the same
    sentence ("gathered in Cairo to discuss": one meeting, told by "discuss")."""
    told = {e.type for e in events if e.trigger.start not in default_triggers}
    return [e for e in events if e.trigger.start not in default_triggers or e.type not in told]
