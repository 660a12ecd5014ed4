"""The lemma table gives every token the lemma the model's own lemmatizer gives it."""

import spacy
from spacy.language import Language

from khabar.lemma_table import LemmaTable, use_lemma_table
from khabar.pipeline import PipelineConfig, get_pipeline

# Sentences written for this test: regular and irregular inflections of nouns, verbs and adjectives, base
# forms, proper nouns, numbers, punctuation, spaces, and words that come back with another part of speech.
TEXTS = [
    "The soldiers fled across the borders; two children were carried by their mothers.",
    "She had written to the ministers, who were meeting in Geneva and said the talks went better.",
    "Rebels seized the towns, shelled the bridges and are holding 1,200 prisoners in the hills.",
    "  Kabul,\n\nJuly 9 - Iran's police arrested the protesters' leaders; the leaders' lawyers protested.",
    "The protest protests protested: it was the best, the worst and the most dangerous of the crises.",
]


def _lemmas(nlp: Language) -> list[list[tuple[str, str, str, str]]]:
    return [[(t.text, t.pos_, str(t.morph), t.lemma_) for t in doc] for doc in nlp.pipe(TEXTS * 2)]


def test_table_and_lemmatizer_give_the_same_lemmas() -> None:
    nlp = spacy.load(PipelineConfig().model)
    expected = _lemmas(nlp)
    assert use_lemma_table(nlp)
    assert "lemmatizer" not in nlp.pipe_names and "khabar_lemma_table" in nlp.pipe_names
    assert _lemmas(nlp) == expected  # the second copy of each text is answered from the memo
    flat = {(text, lemma) for doc in expected for text, _, _, lemma in doc}
    assert {("fled", "flee"), ("children", "child"), ("written", "write"), ("crises", "crisis")} <= flat
    table = nlp.get_pipe("khabar_lemma_table")
    assert isinstance(table, LemmaTable) and table.memo
    index = table.lemmatizer.lookups.get_table("lemma_index")  # the word lists, as sets of the same words
    assert index and all(isinstance(words, frozenset) for words in index.values())


def test_a_lemma_already_set_is_kept_unless_the_lemmatizer_overwrites() -> None:
    nlp = spacy.load(PipelineConfig().model)
    use_lemma_table(nlp)
    table = nlp.get_pipe("khabar_lemma_table")
    with nlp.select_pipes(disable=["khabar_lemma_table"]):
        doc = nlp("The soldiers fled.")
    doc[1].lemma_ = "troop"
    assert [t.lemma_ for t in table(doc)] == ["the", "troop", "flee", "."]
    table.lemmatizer.overwrite = True
    assert [t.lemma_ for t in table(doc)] == ["the", "soldier", "flee", "."]


def test_the_pipeline_uses_the_table() -> None:
    names = get_pipeline().nlp.pipe_names
    assert "khabar_lemma_table" in names and "lemmatizer" not in names


def test_a_lemmatizer_in_another_mode_keeps_the_stock_component() -> None:
    nlp = spacy.load(PipelineConfig().model)
    nlp.get_pipe("lemmatizer")._mode = "custom"  # type: ignore[attr-defined]  # (a subclass's own mode)
    assert not use_lemma_table(nlp)
    assert "lemmatizer" in nlp.pipe_names
