"""A line break ends a sentence: the component marks the token after every space token that holds one."""

import pytest
import spacy
from spacy.attrs import SENT_START
from spacy.tokens import Doc

from khabar.pipeline import line_breaks

# Written for this test: a headline, a dateline, a caption, runs of blank lines and spaces, a trailing break.
TEXTS = [
    "Floods close the main road\nKABUL, March 3 - Heavy rain closed the road on Sunday.\n\nPhoto: the bridge\n",
    "One line.  Two spaces, no break.\n \n  Indented after a blank line \n\n\nThree breaks.",
    "\n\nStarts with breaks",
    "",
    "\n",
]


def _by_token(doc: Doc) -> Doc:
    """The rule read token by token (the component reads it off the columns at once)."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if previous.is_space and "\n" in previous.text and not token.is_space:
            token.is_sent_start = True
    return doc


def test_the_token_after_a_line_break_starts_a_sentence() -> None:
    nlp = spacy.blank("en")
    for text in TEXTS:
        doc = line_breaks(nlp.make_doc(text))
        assert doc.to_array(SENT_START).tolist() == _by_token(nlp.make_doc(text)).to_array(SENT_START).tolist()
    doc = line_breaks(nlp.make_doc(TEXTS[0]))
    starts = [t.text for t in doc if t.is_sent_start and t.i > 0]
    assert starts == ["KABUL", "Photo"]
    assert doc[1].is_sent_start is None  # no break, nothing said: the parser decides


def test_a_parsed_doc_is_refused_as_before() -> None:
    nlp = spacy.blank("en")
    doc = nlp.make_doc("First line\nSecond line")
    doc[1].dep_ = "nsubj"
    with pytest.raises(ValueError, match="E043"):
        line_breaks(doc)
