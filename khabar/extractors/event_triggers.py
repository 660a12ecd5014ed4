"""Which CAMEO verb pattern a verb fits, read off the dependency parse.

The CAMEO dictionary (``kb/cameo_verbs.py``) says which words after a verb turn it into which event:
"call off a strike" is a concession, "take control of a town" an occupation, "call" alone a phone call.
PETRARCH matched those words on a constituency parse; here each pattern's slots are checked against the
verb's dependents: its particles and prepositions (with the words of their objects) and the words of its
object and complements. The subject's words fill the rare slots before the verb.
"""

from __future__ import annotations

import threading
from functools import lru_cache

from spacy.tokens import Token

from khabar.extractors.attribution import SAY_VERBS
from khabar.kb.cameo_verbs import CameoPattern, CameoVerb, cameo_verbs, pattern_index
from khabar.kb.event_patterns import TriggerPattern

# Dependents that carry the words after the verb; clauses of their own (conj, advcl, ccomp, relcl) do not.
AFTER_DEPS = frozenset({"dobj", "attr", "oprd", "prt", "prep", "agent", "dative", "npadvmod", "acomp", "advmod",
                        "xcomp", "nsubjpass", "obj"})  # fmt: skip
PREP_DEPS = frozenset({"prep", "prt", "agent", "advmod"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
# Light verbs: the most frequent English verbs, whose event meaning comes from their object ("take control",
# "make a visit", "hold talks", "give aid"). Neither CAMEO's default code nor its patterns for them are used
# ("hold elections" is no agreement): khabar's constructions and the event nouns they carry code them.
LIGHT_VERBS = frozenset({"take", "make", "have", "get", "give", "go", "come", "put", "set", "do", "hold", "keep",
                         "run", "bring", "see", "turn", "move", "let", "carry", "show", "open", "leave", "pass",
                         "use", "find", "become", "stand", "play", "begin", "start", "look", "stay", "remain",
                         "follow", "work", "reach", "meet", "fall", "face", "send", "receive", "raise",
                         "change", "call", "say", "tell", "speak", "lead", "join", "head", "back", "mark",
                         "press", "step", "sit", "end", "close", "continue", "act", "base", "place", "post",
                         "appear", "seem", "add", "note", "believe", "expect", "cross", "return",
                         "deliver"})  # fmt: skip
# A pattern that says this use of the verb is no event; or only a statement (CAMEO 010, "make a statement":
# "released a statement"), which PLOVER does not code, whatever else the verb can mean.
BLOCKED = TriggerPattern("", "VERB", "cameo", "", None)
STATEMENT = TriggerPattern("", "VERB", "cameo", "", None, cameo="010")


def _words(token: Token) -> set[str]:
    return {token.lower_, token.lemma_.lower()}


class _Dependents:
    """The words after a verb, gathered once: objects' words and each preposition's object words."""

    def __init__(self, verb: Token) -> None:
        self.words: set[str] = set()
        self.preps: dict[str, set[str]] = {}
        self.subject: set[str] = set()
        self._first: dict[str, CameoPattern | None] = {}
        for child in verb.children:
            if child.dep_ in SUBJECT_DEPS and child.dep_ != "nsubjpass":
                for t in child.subtree:
                    self.subject |= _words(t)
            if child.dep_ not in AFTER_DEPS:
                continue
            if child.dep_ in PREP_DEPS:
                self._add_prep(child)
                continue
            for t in child.subtree:
                if t.dep_ == "prep":  # "took control of the town": the object's own prepositions count too
                    self._add_prep(t)
                self.words |= _words(t)

    def _add_prep(self, prep: Token) -> None:
        if any(t.ent_type_ in ("DATE", "TIME") for t in prep.children):
            return  # "on Tuesday", "in May": a time adjunct, not the argument a pattern names ("call on X")
        self.preps.setdefault(prep.lower_, set()).update(w for t in prep.subtree if t is not prep for w in _words(t))

    def fits(self, pattern: CameoPattern) -> bool:
        if any(not (slot & self.words) for slot in pattern.objects):
            return False
        for prep, wanted in pattern.preps:
            found = self.preps.get(prep)
            if found is None or (wanted and not wanted & found):
                return False
        return all(slot & self.subject for slot in pattern.subject)

    def first_fit(self, synset: str) -> CameoPattern | None:
        """The first of the set's patterns (in the table's order) that the verb fits, or None; only the
        patterns one of the verb's words names are tried, and the answer is kept for the verb."""
        if synset in self._first:
            return self._first[synset]
        index = pattern_index().get(synset)
        found = None
        if index is not None:
            candidates = index.candidates(self.preps, self.words, self.subject)
            found = next((pattern for pattern in candidates if self.fits(pattern)), None)
        self._first[synset] = found
        return found


_memo = threading.local()  # per thread: the doc in hand and its verbs' dependents


def _dependents(token: Token) -> _Dependents:
    """A verb's dependents, gathered once per verb of the doc in hand (the coder asks of a verb more than once)."""
    if getattr(_memo, "doc", None) is not token.doc:
        _memo.doc, _memo.deps = token.doc, {}
    deps: dict[int, _Dependents] = _memo.deps
    found = deps.get(token.i)
    if found is None:
        found = deps[token.i] = _Dependents(token)
    return found


@lru_cache(maxsize=4096)
def _entries(lemma: str) -> tuple[CameoVerb, ...]:
    return cameo_verbs().get(lemma, ())


def _as_trigger(lemma: str, pattern: CameoPattern | None, verb: CameoVerb) -> TriggerPattern:
    if pattern is None:
        return TriggerPattern(lemma, "VERB", "cameo-default", verb.type, verb.mode, cameo=verb.cameo or None)
    if not pattern.type:
        return STATEMENT if pattern.cameo == "010" else BLOCKED
    condition = "construction" if pattern.synset.startswith("lemma:") else "cameo"
    if condition == "cameo" and not pattern.objects and not pattern.subject and not any(w for _, w in pattern.preps):
        condition = "cameo-default"  # "head (for)", "aim (at)": a bare preposition says as little as no pattern
    return TriggerPattern(lemma, "VERB", condition, pattern.type, pattern.mode, cameo=pattern.cameo or None,
                          doer=pattern.doer, reversed=pattern.reversed)  # fmt: skip


def _quotative_inversion(verb: Token) -> bool:
    """ "..., reports aid agencies", "..., said the minister": a verb of saying after what it reports, with its
    speaker after it. The words after it name who speaks, not an object ("aid" is no aid here)."""
    if verb.lemma_.lower() not in SAY_VERBS or verb.i == 0 or verb.doc[verb.i - 1].text not in (",", "”", '"'):
        return False
    return not any(c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i for c in verb.children)


def match_cameo(token: Token, dictionary: bool = True) -> TriggerPattern | None:
    """The event a verb signals by khabar's constructions and (``dictionary``) the CAMEO dictionary: the first
    pattern whose slots the verb's dependents fill, else the verb's default code unless it is a light verb.
    ``BLOCKED`` when a pattern says this use of the verb is no event; None when nothing is known."""
    lemma = token.lemma_.lower()
    if _quotative_inversion(token):
        return None  # "..., reports aid agencies": who reports, not what is reported on
    entries = _entries(lemma) if dictionary else ()
    own = f"lemma:{lemma}"
    if not entries and own not in pattern_index():
        return None
    deps = _dependents(token)
    # a phrasal entry ("call off") whose particle the verb governs comes before the bare verb
    phrasal = [v for v in entries if v.particle and v.particle in deps.preps]
    bare = [v for v in entries if not v.particle]
    chosen = phrasal[0] if phrasal else (bare[0] if bare else None)
    fallback = chosen or CameoVerb(lemma, "", "", "", None, "")
    pattern = deps.first_fit(own)
    if pattern is not None:
        return _as_trigger(lemma, pattern, fallback)
    if chosen is None or (lemma in LIGHT_VERBS and not chosen.particle):
        return None  # a light verb means what its object means: khabar's constructions and event nouns say it
    pattern = deps.first_fit(chosen.synset)
    if pattern is not None:
        return _as_trigger(lemma, pattern, chosen)
    if chosen.type and (chosen.particle or lemma not in LIGHT_VERBS):
        return _as_trigger(lemma, None, chosen)
    return None


@lru_cache(maxsize=4096)
def is_statement_verb(lemma: str) -> bool:
    """A verb of public statement (CAMEO 01: say, conclude, declare, stress ...): what it reports that another
    party must do is a demand of the speaker's."""
    return any(v.cameo.startswith("01") and not v.particle for v in _entries(lemma))
