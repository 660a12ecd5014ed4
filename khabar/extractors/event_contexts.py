"""PLOVER contexts of an event: what its sentence is about (military, election, migration, ...).

The PLOVER manual's contexts say why or in what field an act happened ("a meeting dealing with military
issues and a meeting dealing with economic issues"). khabar gives an event the contexts whose keywords its
sentence contains (``kb/data/context_keywords.tsv``: Phoenix issue phrases and khabar's own rows, each
following the manual's definition), plus those its CAMEO code carries in the PLOVER team's CAMEO2PLOVER table
(``kb/data/cameo_contexts.tsv``: 0312 "cooperate militarily" is `military`) and those its mode implies (the
manual: the `cyber` and `misinformation` modes "automatically add" their context). The tables load once per
process; matching is one dictionary look-up per token, so it is cheap enough for every event.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from spacy.tokens import Span as SpacySpan

from khabar.kb.tables import read_tsv
from khabar.model import Actor

# The PLOVER manual's contexts (draft 0.8, 2021, "Context codes that can be used with any category").
CONTEXTS = (
    "military", "intelligence", "executive", "legislative", "election", "political_institutions",
    "pro_democracy", "pro_autocracy", "economic", "legal", "reparations", "human_rights", "rights_freedoms",
    "repression", "human_security", "gender", "lgbt", "religion_ethnicity", "inequality", "diplomatic",
    "territory", "peacekeeping", "health", "asylum", "migration", "disasters", "natural_resource", "environment",
    "technology", "terrorism", "cbrn", "cyber", "misinformation", "crime", "corruption", "illegal_drugs",
    "trafficking",
)  # fmt: skip
# The manual: "will also automatically add [the same-named] context".
MODE_CONTEXTS = {"cyber": "cyber", "misinformation": "misinformation"}
# Sectors of a party that are themselves a field of the manual's contexts: a state's armed forces
# (`military`: "only covers official state military bodies") and its courts (`legal`: "courts and judiciary").
SECTOR_CONTEXTS = {"MIL": "military", "JUD": "legal"}
# `diplomatic`: "formal diplomatic relations, negotiations, and interactions between nation-states". Acts of
# these categories (words, meetings, agreements, relations; not force) from one state to another are such.
INTERACTION_TYPES = frozenset({"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "REQUEST", "ACCUSE", "REJECT",
                               "THREATEN", "SANCTION", "CONCEDE"})  # fmt: skip

_Phrase = tuple[tuple[str, ...], str, bool]  # words, context, is an exception


@lru_cache(maxsize=1)
def _keywords() -> dict[str, tuple[_Phrase, ...]]:
    """First word -> the phrases starting with it, longest first."""
    index: dict[str, list[_Phrase]] = {}
    for row in read_tsv("context_keywords.tsv"):
        words = tuple(row["phrase"].split())
        if words:
            index.setdefault(words[0], []).append((words, row["context"], row["kind"] == "except"))
    return {k: tuple(sorted(v, key=lambda p: -len(p[0]))) for k, v in index.items()}


@lru_cache(maxsize=1)
def _cameo_contexts() -> dict[str, tuple[str, ...]]:
    return {row["cameo"]: tuple(row["contexts"].split(";")) for row in read_tsv("cameo_contexts.tsv")}


def cameo_contexts(cameo: str | None) -> tuple[str, ...]:
    """The contexts CAMEO2PLOVER gives a code, or its nearest listed ancestor's (4 digits -> 3). A code "not
    specified below" (three digits ending in 0: 030 express intent to cooperate) is the category's default,
    which khabar also gives any event of the category: it tells nothing of the field, so it adds nothing."""
    if not cameo or (len(cameo) == 3 and cameo.endswith("0")):
        return ()
    table = _cameo_contexts()
    for length in range(len(cameo), 2, -1):
        found = table.get(cameo[:length])
        if found is not None:
            return found
    return ()


def sentence_contexts(sent: SpacySpan) -> frozenset[str]:
    """The contexts whose keywords occur in the sentence, matched on each token's lowercased text or lemma."""
    index = _keywords()
    forms = [(t.lower_, t.lemma_.lower()) for t in sent]
    found: list[tuple[int, int, str]] = []
    blocked: list[tuple[int, int, str]] = []
    for i, (text, lemma) in enumerate(forms):
        for key in (text, lemma) if lemma != text else (text,):
            for words, context, exception in index.get(key, ()):
                end = i + len(words)
                if end <= len(forms) and all(w in forms[i + k] for k, w in enumerate(words[1:], 1)):
                    (blocked if exception else found).append((i, end, context))
    return frozenset(
        context
        for start, end, context in found
        if not any(b_ctx == context and start < b_end and b_start < end for b_start, b_end, b_ctx in blocked)
    )


def _state(actor: Actor) -> bool:
    """A nation-state or its government speaking as such ("Iran", "the French government")."""
    return actor.country is not None and (actor.kind == "state" or "GOV" in actor.sectors)


def event_contexts(
    sent: SpacySpan,
    event_type: str = "",
    cameo: str | None = None,
    mode: str | None = None,
    actors: Sequence[Actor] = (),
    recipients: Sequence[Actor] = (),
) -> tuple[str, ...]:
    """The sorted PLOVER contexts of an event told in ``sent``: its words, its CAMEO code and mode, and its
    parties (a state's forces or courts among them: `military`, `legal`; one state acting on another by word
    or relations: `diplomatic`)."""
    found = set(sentence_contexts(sent)) | set(cameo_contexts(cameo))
    parties = [*actors, *recipients]
    found.update(SECTOR_CONTEXTS[s] for p in parties if p.country for s in p.sectors if s in SECTOR_CONTEXTS)
    if event_type in INTERACTION_TYPES and any(
        _state(a) and _state(r) and a.country != r.country for a in actors for r in recipients
    ):
        found.add("diplomatic")
    if mode in MODE_CONTEXTS:
        found.add(MODE_CONTEXTS[mode])
    return tuple(sorted(found))
