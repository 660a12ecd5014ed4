"""The attribute table gives every token the attributes the model's own attribute ruler gives it."""

import spacy
from spacy.language import Language

from khabar.attribute_table import AttributeTable, UnknownRule, use_attribute_table
from khabar.pipeline import LEMMA_CORRECTIONS, PipelineConfig, get_pipeline

# Sentences written for this test: tag-only rules, word-and-tag rules, the two-token rules of the model
# ("there are", "gon na", "let 's", "y' all", "ai n't") and khabar's own lemma corrections.
TEXTS = [
    "There are 40 soldiers who fled across the border, and there was no fighting at the crossing.",
    "Protesters staged a sit-in on Monday; the police said they were staging arrests by themselves.",
    '"We\'re gonna stay," he said. "Let\'s go, y\'all," she shouted, "it ain\'t over."',
    "The ministry had been warned, but it wasn't clear whether 2,000 people would be evacuated.",
    "  Kabul,\n\nJuly 9 (Reuters) - Iran will send them back by flight, officials said.",
]


def _attrs(nlp: Language) -> list[list[tuple[str, str, str, str]]]:
    return [[(t.text, t.pos_, str(t.morph), t.lemma_) for t in doc] for doc in nlp.pipe(TEXTS)]


def _stock() -> Language:
    nlp = spacy.load(PipelineConfig().model)
    ruler = nlp.get_pipe("attribute_ruler")
    for form, lemma in LEMMA_CORRECTIONS.items():
        ruler.add([[{"LOWER": form}]], {"LEMMA": lemma})  # type: ignore[attr-defined]
    return nlp


def test_table_and_ruler_give_the_same_attributes() -> None:
    stock = _stock()
    expected = _attrs(stock)
    assert use_attribute_table(stock)
    assert "attribute_ruler" not in stock.pipe_names and "khabar_attribute_table" in stock.pipe_names
    assert _attrs(stock) == expected
    flat = [token for doc in expected for token in doc]
    assert ("staged", "VERB", "Tense=Past|VerbForm=Fin", "stage") in flat  # khabar's correction applies
    assert any(text == "There" and pos == "PRON" for text, pos, _, _ in flat)


def test_the_pipeline_uses_the_table() -> None:
    names = get_pipeline().nlp.pipe_names
    assert "khabar_attribute_table" in names and "attribute_ruler" not in names


def test_a_rule_the_table_cannot_reproduce_keeps_the_stock_ruler() -> None:
    nlp = spacy.load(PipelineConfig().model)
    nlp.get_pipe("attribute_ruler").add([[{"LOWER": "very", "OP": "+"}]], {"LEMMA": "very"})  # type: ignore[attr-defined]
    try:
        AttributeTable(nlp.get_pipe("attribute_ruler"))
    except UnknownRule:
        pass
    else:
        raise AssertionError("a quantified rule must not be taken by the table")
    assert not use_attribute_table(nlp)
    assert "attribute_ruler" in nlp.pipe_names


def test_a_rule_setting_a_lexeme_attribute_keeps_the_stock_ruler() -> None:
    # the table writes token columns; NORM (and the lexeme's flags) live partly on the lexeme
    nlp = spacy.load(PipelineConfig().model)
    nlp.get_pipe("attribute_ruler").add([[{"LOWER": "gonna"}]], {"NORM": "going to"})  # type: ignore[attr-defined]
    assert not use_attribute_table(nlp)
    assert "attribute_ruler" in nlp.pipe_names


def test_an_empty_doc_and_a_doc_of_one_token() -> None:
    stock = _stock()
    expected = [[(t.text, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in stock(text)] for text in ("", "Go", "\n")]
    assert use_attribute_table(stock)
    got = [[(t.text, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in stock(text)] for text in ("", "Go", "\n")]
    assert got == expected
