"""A headline is a title-case line without a closing stop; the stop is read off the sentence's last tokens."""

from khabar.extractors.event_headlines import _closes, is_headline

# Written for this test.
LINES = {
    "Rebels Seize Key Border Crossing With Neighbour\n": True,
    "Rebels Seize Key Border Crossing With Neighbour.\n\n": False,
    "Rebels Seize Key Border Crossing?  \n": False,
    "Rebels seized the key border crossing on Monday\n": False,
    "UN Envoy Meets Leaders In Capital !": False,
    "Talks Resume\n": False,
}


def test_headlines_and_their_closing_marks(pipeline) -> None:  # type: ignore[no-untyped-def]
    for text, headline in LINES.items():
        sent = next(iter(pipeline.nlp(text).sents))
        assert _closes(sent) == sent.text.rstrip().endswith((".", "?", "!")), text
        assert is_headline(sent) is headline, text
