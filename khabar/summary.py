"""A readable account of a Report's events, for people at a terminal (``khabar extract --format summary``)."""

from __future__ import annotations

from khabar.model import Actor, Event, Report


def _actor(actor: Actor) -> str:
    code = "/".join(x for x in (actor.country or "?", "+".join(actor.sectors)) if x)
    return f"{actor.name} [{code}]"


def _when(event: Event) -> str:
    when = event.when
    if when is None:
        return "date unknown"
    if when.earliest == when.latest and when.earliest is not None:
        text = when.earliest.isoformat()
    else:
        text = f"{when.earliest or '…'} to {when.latest or '…'}"
    if when.span is None:
        return f"{text} ({when.precision})"
    carried = ", carried from an earlier sentence" if when.anchor == "preceding" else ""
    return f"{text} ({when.precision}: {when.text!r}{carried})"


def describe_event(event: Event) -> list[str]:
    who = ", ".join(_actor(a) for a in event.actors) or "(no actor named)"
    whom = ", ".join(_actor(a) for a in event.recipients)
    head = f"{event.type:<9} {who}"
    if whom:
        head += f" -> {whom}"
    lines = [head]
    cameo = f"CAMEO {event.cameo}" if event.cameo else ""
    extra = ", ".join(x for x in (event.mode or "", event.modality or "", cameo) if x)
    lines.append(f"          trigger {event.trigger.text!r}" + (f"  ({extra})" if extra else ""))
    if event.place is not None:
        p = event.place
        where = f"{p.name}: {p.kind or 'place'}"
        if p.admin1:
            where += f", {p.admin1}"
        if p.country:
            where += f", {p.country}"
        if p.lat is not None and p.lon is not None:
            where += f" ({p.lat:.3f}, {p.lon:.3f})"
        lines.append(f"          where   {where}")
    lines.append(f"          when    {_when(event)}")
    for q in event.quantities:
        lines.append(f"          size    {q.qualifier + ' ' if q.qualifier else ''}{q.value:g} {q.unit or ''}".rstrip())
    if event.attribution is not None:
        a = event.attribution
        via = f" via {a.via}" if a.via else ""
        anon = " (anonymous)" if a.anonymous else ""
        lines.append(f"          source  {a.speaker}{anon}, {a.cue!r}{via}; {a.stance}")
    else:
        lines.append("          source  the outlet (asserted)")
    lines.append(f"          evidence “{event.sentence.text}”")
    return lines


def summarise(report: Report) -> str:
    article = report.article
    lines = [
        f"{article.title or article.url or article.id}  ({article.published or 'undated'})",
        f"{len(report.events)} events, {len(report.actors)} actor mentions, {len(report.places)} places, "
        f"{len(report.times)} time expressions, {len(report.quantities)} quantities, "
        f"{len(report.attributions)} attributions, {len(report.claims)} claims",
        "",
    ]
    for i, event in enumerate(report.events, 1):
        body = describe_event(event)
        lines.append(f"{i:>2}. {body[0]}")
        lines.extend("    " + line for line in body[1:])
        lines.append("")
    for claim in report.claims:
        disputed = f"; disputed by {claim.disputed_by.name}" if claim.disputed_by else ""
        lines.append(f"CLAIM {claim.claimant.name}: “{claim.content.text}”{disputed}")
    return "\n".join(lines).rstrip() + "\n"
