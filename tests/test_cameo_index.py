"""The CAMEO pattern index tries a verb only against the patterns it can fit, and finds the same first fit."""

from __future__ import annotations

from khabar.extractors.event_triggers import _Dependents, _dependents
from khabar.kb.cameo_verbs import CameoPattern, cameo_patterns, pattern_index


def _filling(pattern: CameoPattern, pick: int) -> _Dependents:
    """Dependents that fill every slot of ``pattern`` with its ``pick``-th alternative (and nothing else)."""

    def one(slot: frozenset[str]) -> str:
        words = sorted(slot)
        return words[pick % len(words)]

    deps = object.__new__(_Dependents)
    deps.words = {one(slot) for slot in pattern.objects if slot}
    deps.preps = {}
    for prep, wanted in pattern.preps:
        deps.preps.setdefault(prep, set()).update({one(wanted)} if wanted else set())
    deps.subject = {one(slot) for slot in pattern.subject if slot}
    deps._first = {}
    return deps


def _linear(deps: _Dependents, synset: str) -> CameoPattern | None:
    return next((p for p in cameo_patterns()[synset] if deps.fits(p)), None)


def test_every_pattern_is_found_through_the_index_and_the_first_fit_is_the_same() -> None:
    checked = 0
    for synset, patterns in cameo_patterns().items():
        index = pattern_index()[synset]
        assert index.patterns == patterns
        for pattern in patterns:
            for pick in (0, 1):
                deps = _filling(pattern, pick)
                if not deps.fits(pattern):
                    continue  # a slot no word can fill
                assert pattern in index.candidates(deps.preps, deps.words, deps.subject), (synset, pattern)
                assert deps.first_fit(synset) is _linear(deps, synset), (synset, pattern)
                checked += 1
    assert checked > 4000


def test_a_verb_with_no_word_a_pattern_names_is_tried_against_none(pipeline) -> None:  # type: ignore[no-untyped-def]
    doc = pipeline.nlp("The rebels took control of the border town, and the minister called off the strike.")
    took, called = doc[2], doc[12]
    assert (took.lemma_, called.lemma_) == ("take", "call")
    for verb in (took, called):
        deps = _dependents(verb)
        for synset in pattern_index():
            assert deps.first_fit(synset) is _linear(deps, synset)
    assert pattern_index()["lemma:take"].candidates((), set(), set()) == []
    control = _dependents(took).first_fit("lemma:take")
    assert control is not None and control.type == "COERCE"
