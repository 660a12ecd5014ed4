"""Quantities: counts, money and percentages with their qualifier, unit and period.

"over 1,000 soldiers" is 1000 soldiers, qualifier "more than"; "around $20 million per month" is
20,000,000 USD per month, qualifier "about". Counts governed by a casualty verb ("12 people were killed")
get that kind, which the events coder uses as PLOVER's size fields.
"""

from __future__ import annotations

import math
import re
from typing import Any

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from khabar.model import Article, Quantity, Span
from khabar.registry import register

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12, "a": 1, "an": 1,
    "dozens": 24, "hundreds": 200, "thousands": 2000,
}  # fmt: skip
SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}
QUALIFIERS = {
    "over": "more than", "more than": "more than", "above": "more than", "exceeding": "more than",
    "at least": "at least", "nearly": "less than", "almost": "less than", "under": "less than",
    "less than": "less than", "fewer than": "less than", "up to": "up to", "about": "about", "around": "about",
    "some": "about", "approximately": "about", "roughly": "about", "an estimated": "about", "estimated": "about",
}  # fmt: skip
CURRENCIES = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "dollar": "USD", "euro": "EUR",
              "pound": "GBP", "afghani": "AFN", "rial": "IRR", "rupee": "INR", "yuan": "CNY", "rouble": "RUB",
              "ruble": "RUB"}  # fmt: skip
CASUALTY_VERBS = {
    "kill": "killed", "die": "killed", "dead": "killed", "injure": "injured", "wound": "injured",
    "hurt": "injured", "arrest": "arrested", "detain": "arrested", "displace": "displaced",
}  # fmt: skip
PERIODS = frozenset({"day", "week", "month", "year", "hour", "annum", "quarter"})
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def parse_number(words: list[str]) -> float | None:
    """The value of number words and digits: ["1,000"] -> 1000, ["$", "20", "million"] -> 2e7, ["two"] -> 2."""
    value: float | None = None
    for word in words:
        w = word.lower().strip()
        if _NUMBER.fullmatch(w):
            try:
                value = float(w.replace(",", ""))  # English news writes 1,000 for a thousand
            except ValueError:
                return None
        elif w in NUMBER_WORDS and (value is None or w in ("hundred",)):
            value = NUMBER_WORDS[w] * (value or 1) if w == "hundred" else NUMBER_WORDS[w]
        elif w in SCALES and value is not None:
            value *= SCALES[w]
    if value is not None and not math.isfinite(value):
        return None  # a 300-digit number: no count, and Infinity is not JSON
    return value


class QuantityExtractor:
    def patterns(self) -> list[dict[str, Any]]:
        return []

    def __call__(self, doc: Doc, article: Article) -> list[Quantity]:
        out: list[Quantity] = []
        for ent in doc.ents:
            if ent.label_ not in ("CARDINAL", "MONEY", "PERCENT", "QUANTITY"):
                continue
            quantity = self._read(ent, article)
            if quantity is not None:
                out.append(quantity)
        return out

    def _read(self, ent: SpacySpan, article: Article) -> Quantity | None:
        doc = ent.doc
        words = [t.text for t in ent]
        value = parse_number(words)
        if value is None:
            return None
        start, end = ent.start, ent.end
        qualifier, start = _qualifier(doc, start, end)
        unit: str | None = None
        kind = "count"
        per: str | None = None
        if ent.label_ == "PERCENT" or any(t.lower_ in ("percent", "per cent", "%") for t in ent):
            unit, kind = "percent", "percent"
        elif ent.label_ == "MONEY" or any(t.lower_ in CURRENCIES for t in ent):
            unit = next((CURRENCIES[t.lower_] for t in ent if t.lower_ in CURRENCIES), None)
            unit = unit or next((CURRENCIES.get(t.lemma_.lower()) for t in ent if t.lemma_.lower() in CURRENCIES), None)
            kind = "money"
        else:
            noun = _counted_noun(ent)
            if noun is not None:
                first = min([noun.i, *[c.i for c in noun.lefts if c.dep_ == "compound"]])
                if first >= end:
                    unit = doc[first : noun.i + 1].text
                    end = noun.i + 1
                kind = _casualty_kind(noun) or kind
        # "per month", "a month", "each year"
        if (
            end + 1 < len(doc)
            and doc[end].lower_ in ("per", "a", "an", "each", "every")
            and doc[end + 1].lemma_ in PERIODS
        ):
            per = doc[end + 1].lemma_
            end += 2
        span = Span.of(article.text, doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text))
        return Quantity(text=span.text, span=span, value=value, unit=unit, qualifier=qualifier, per=per, kind=kind)


def _qualifier(doc: Doc, start: int, end: int) -> tuple[str | None, int]:
    """A qualifier inside the entity's first words or just before it, and the span start it implies."""
    for size in (2, 1):
        # inside the entity ("over 1,000", "around $20 million")
        inside = " ".join(t.lower_ for t in doc[start : min(start + size, end)])
        if inside in QUALIFIERS and start + size < end:
            return QUALIFIERS[inside], start
        # just before it
        if start - size >= 0:
            before = " ".join(t.lower_ for t in doc[start - size : start])
            if before in QUALIFIERS:
                return QUALIFIERS[before], start - size
    return None, start


def _counted_noun(ent: SpacySpan) -> Token | None:
    """The noun a number counts: "1,000" in "over 1,000 soldiers" -> soldiers."""
    last = ent[-1]
    if last.dep_ == "nummod" and last.head.pos_ in ("NOUN", "PROPN") and last.head.i >= ent.end:
        return last.head
    for tok in ent:
        if tok.dep_ == "nummod" and tok.head.pos_ in ("NOUN", "PROPN") and tok.head.i >= ent.end:
            return tok.head
    return None


def _casualty_kind(noun: Token) -> str | None:
    head = noun.head
    for tok in (head, head.head):
        kind = CASUALTY_VERBS.get(tok.lemma_.lower())
        if kind:
            return kind
    return None


@register("khabar.quantities.rules.v1")
def make_quantity_extractor() -> QuantityExtractor:
    return QuantityExtractor()
