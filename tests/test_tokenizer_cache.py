"""Emptying the tokenizer's cache after the EntityRuler is built keeps every rule and every split."""

import spacy
from spacy.attrs import ORTH

from khabar.pipeline import PipelineConfig, fresh_tokenizer_cache, get_pipeline

# Written for this test: a special case of khabar's, the model's own (contractions, abbreviations), infixes.
TEXTS = [
    "Workers staged a sit-in and two walk-outs; the cease-fire held.",
    "We're sure it ain't over, Dr. Smith said at 5 p.m. in the U.S. on Jan. 3rd.",
    "A 12-year-old girl's e-mail: https://example.org/a-b?c=d, (sic) -- 3.5km/h!",
]


def _splits(nlp: spacy.language.Language) -> list[list[tuple[str, str]]]:
    return [[(t.text, t.whitespace_) for t in nlp.tokenizer(text)] for text in TEXTS]


def test_an_emptied_cache_keeps_the_rules_and_the_splits() -> None:
    nlp = spacy.load(PipelineConfig().model)
    nlp.tokenizer.add_special_case("sit-in", [{ORTH: "sit-in"}])  # type: ignore[union-attr]
    for i in range(12_000):  # more chunks than the cache keeps
        nlp.tokenizer(f"Name{i}-Other{i}")
    rules = dict(nlp.tokenizer.rules)  # type: ignore[union-attr]
    before = _splits(nlp)
    fresh_tokenizer_cache(nlp)
    assert nlp.tokenizer.rules == rules  # type: ignore[union-attr]
    assert _splits(nlp) == before
    assert ("sit-in", " ") in before[0]


def test_the_pipeline_splits_as_a_fresh_model_does_but_for_its_own_special_cases() -> None:
    stock = _splits(spacy.load(PipelineConfig().model))
    ours = _splits(get_pipeline().nlp)
    assert ours[1:] == stock[1:]
    assert ("sit-in", " ") in ours[0] and ("cease-fire", " ") in ours[0]
