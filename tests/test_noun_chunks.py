"""khabar's noun chunks are spaCy's: the same spans, labels and order, read off the doc's columns."""

import spacy

from khabar.extractors.noun_chunks import noun_chunks
from khabar.pipeline import PipelineConfig

# Written for this test: coordination (chains of conjuncts, a conjunct of a verb), appositions, pronouns,
# nested prepositional phrases, a passive subject, a dative, a sentence of proper nouns, a line of no nouns.
TEXTS = [
    "The army, the police and three rebel groups signed the accord with Kenya, Uganda and Ethiopia.",
    "She gave the minister a letter about the talks between the two governments of the region.",
    "Maria Lopez, the governor of the province, was asked by reporters whether it had been worth it.",
    "Protesters marched and shouted; they were dispersed by riot police near the old city hall.",
    "Ouch!",
    "",
]


def test_the_same_chunks_as_spacy() -> None:
    nlp = spacy.load(PipelineConfig().model)
    for doc in nlp.pipe(TEXTS):
        expected = [(s.start, s.end, s.label_) for s in doc.noun_chunks]
        assert [(s.start, s.end, s.label_) for s in noun_chunks(doc)] == expected
    doc = nlp(TEXTS[0])
    assert [s.text for s in noun_chunks(doc)][:3] == ["The army", "the police", "three rebel groups"]


def test_a_doc_without_a_parse_is_refused_as_spacy_refuses_it() -> None:
    nlp = spacy.load(PipelineConfig().model)
    doc = nlp.make_doc("The army left.")
    try:
        noun_chunks(doc)
    except ValueError as exc:
        assert "E029" in str(exc)
    else:
        raise AssertionError("a doc without a dependency parse has no noun chunks")
