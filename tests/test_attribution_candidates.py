"""The attribution extractor looks only at tokens that may be cues, and never misses one that is."""

# Written for this test: verb, noun, adverb and "according to" cues, capitalised and inflected forms.
TEXTS = [
    "According to the ministry, 40 people died. Officials Said the road was closed, reportedly by rebels.",
    "The governor's statement claimed victory; in a warning, the general added that troops would stay.",
    "We are leaving, she told reporters, according as the law allows. No cue here at all.",
]


def _is_cue(coder, doc, token) -> bool:  # type: ignore[no-untyped-def]
    lemma = token.lemma_.lower()
    words = coder.lexicon
    return bool(
        (token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to")
        or (token.pos_ in ("VERB", "AUX") and lemma in words.verbs and token.dep_ != "amod")
        or token.lower_ in words.adverbs
        or (token.pos_ == "NOUN" and lemma in words.nouns)
    )


def test_every_cue_token_is_a_candidate(pipeline) -> None:  # type: ignore[no-untyped-def]
    coder = pipeline.attribution
    for _ in range(2):  # the second time from the memo
        for doc in pipeline.nlp.pipe(TEXTS):
            cues = [t.i for t in doc if _is_cue(coder, doc, t)]
            candidates = coder._may_cue(doc)
            assert set(cues) <= set(candidates) and candidates == sorted(candidates)
            assert len(candidates) < len(doc) / 2
    doc = pipeline.nlp(TEXTS[0])
    assert {doc[i].lower_ for i in coder._may_cue(doc)} >= {"according", "said", "reportedly"}
    assert coder._may_cue(pipeline.nlp("")) == []
