"""The model's attribute rules (tag -> part of speech and morphology, lemma exceptions), applied through an index.

spaCy's ``attribute_ruler`` runs its ~180 rules through a Matcher that tries every rule at every token: a
sixth of the whole spaCy pass of the small English model, for what is mostly a table lookup by tag or word.
``AttributeTable`` takes the very same rules from the loaded ruler and finds, for each token, only the rules
whose first token names its tag, word or dependency; it applies them in the ruler's order (a later rule
overrides an earlier one), each to the token the rule's ``index`` names, with spaCy's own attribute setter.
The output is identical (``tests/test_attribute_table.py`` compares every token's attributes). A rule in a form
it does not know (a quantifier ``OP``, another predicate) makes it keep the stock ruler.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

_COLUMNS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}
_ARRAY_ATTRS = [TAG, LOWER, DEP, IS_SPACE]

CACHE_LIMIT = 200_000  # distinct (tag, word, dependency, space) tokens remembered before the memo starts anew


@dataclass(frozen=True)
class _Rule:
    order: int
    length: int
    checks: tuple[tuple[tuple[int, str, Any], ...], ...]  # per token of the pattern: (column, operator, value)
    attrs: Any  # the ruler's normalised attributes, as spaCy's setter takes them
    index: int


class UnknownRule(ValueError):
    """A rule in a form the table does not reproduce exactly."""


def _token_checks(spec: dict[str, Any], strings: Any) -> tuple[tuple[int, str, Any], ...]:
    checks: list[tuple[int, str, Any]] = []
    for key, value in spec.items():
        if key not in _COLUMNS:
            raise UnknownRule(key)
        column = _COLUMNS[key]
        flag = key == "IS_SPACE"

        def code(v: Any, flag: bool = flag) -> Any:
            return int(bool(v)) if flag else strings.add(v)

        if not isinstance(value, dict):
            checks.append((column, "==", code(value)))
            continue
        for op, arg in value.items():
            if op == "IN":
                checks.append((column, "in", frozenset(code(v) for v in arg)))
            elif op == "NOT_IN":
                checks.append((column, "not in", frozenset(code(v) for v in arg)))
            elif op == "REGEX" and key == "LOWER":
                checks.append((column, "regex", re.compile(arg)))
            else:
                raise UnknownRule(f"{key} {op}")
    return tuple(checks)


class AttributeTable:
    """The attribute ruler's rules, indexed by what their first token requires."""

    def __init__(self, ruler: Any) -> None:
        strings = ruler.vocab.strings
        self.strings = strings
        self.index: dict[tuple[int, int], list[_Rule]] = defaultdict(list)
        self.unindexed: list[_Rule] = []
        self.cache: dict[tuple[int, ...], tuple[tuple[tuple[int, Any], ...], tuple[_Rule, ...]]] = {}
        for order, rule in enumerate(ruler.patterns):
            for pattern in rule["patterns"]:
                checks = tuple(_token_checks(spec, strings) for spec in pattern)
                entry = _Rule(order, len(pattern), checks, ruler.attrs[order], rule["index"])
                keys = next(
                    (
                        [(column, value)] if op == "==" else [(column, v) for v in value]
                        for column, op, value in checks[0]
                        if op in ("==", "in")
                    ),
                    None,
                )
                if keys is None:
                    self.unindexed.append(entry)
                for key in keys or ():
                    self.index[key].append(entry)

    def _passes(self, checks: tuple[tuple[int, str, Any], ...], row: tuple[int, ...]) -> bool:
        for column, op, value in checks:
            got = row[column]
            if op == "==":
                ok = got == value
            elif op == "in":
                ok = got in value
            elif op == "not in":
                ok = got not in value
            else:
                ok = value.search(self.strings[got]) is not None
            if not ok:
                return False
        return True

    def _entry(self, row: tuple[int, ...]) -> tuple[tuple[tuple[int, Any], ...], tuple[_Rule, ...]]:
        """For a token with these attributes: the (order, attrs) of every one-token rule it matches, and the
        longer rules whose first token it matches. A one-token rule depends on nothing else, so the answer
        is kept per distinct token (a news corpus has a few thousand)."""
        entry = self.cache.get(row)
        if entry is None:
            candidates = {id(r): r for c in range(len(row)) for r in self.index.get((c, row[c]), ())}
            candidates.update((id(r), r) for r in self.unindexed)
            fitting = sorted((r for r in candidates.values() if self._passes(r.checks[0], row)), key=_order)
            singles = tuple((r.order, r.attrs) for r in fitting if r.length == 1)
            entry = (singles, tuple(r for r in fitting if r.length > 1))
            if len(self.cache) > CACHE_LIMIT:
                self.cache.clear()
            self.cache[row] = entry
        return entry

    def __call__(self, doc: Doc) -> Doc:
        rows = [tuple(r) for r in doc.to_array(_ARRAY_ATTRS).tolist()]
        n = len(rows)
        found: dict[int, dict[int, Any]] = defaultdict(dict)  # token -> the longer rules applying: order -> attrs
        plain: dict[int, tuple[tuple[int, Any], ...]] = {}
        for i, row in enumerate(rows):
            singles, longer = self._entry(row)
            for rule in longer:
                if i + rule.length <= n and all(
                    self._passes(checks, rows[i + k]) for k, checks in enumerate(rule.checks) if k
                ):
                    target = (i if rule.index >= 0 else i + rule.length) + rule.index
                    if not i <= target < i + rule.length:
                        raise ValueError(f"attribute rule {rule.order}: index {rule.index} outside its match")
                    found[target][rule.order] = rule.attrs
            if singles:
                plain[i] = singles
        for i in set(plain) | set(found):
            ordered = sorted([*plain.get(i, ()), *found.get(i, {}).items()], key=_first)
            merged: dict[Any, Any] = {}
            for _order, attrs in ordered:  # the ruler's order: a later rule overrides an earlier one
                merged.update(attrs)
            if merged:
                set_token_attrs(doc[i], merged)
        return doc


def _order(rule: _Rule) -> int:
    return rule.order


def _first(pair: tuple[int, Any]) -> int:
    return pair[0]


@Language.factory("khabar_attribute_table")
def make_attribute_table(nlp: Language, name: str) -> AttributeTable:
    """The table of the pipeline's ``attribute_ruler`` (added after it, which is then removed)."""
    return AttributeTable(nlp.get_pipe("attribute_ruler"))


def use_attribute_table(nlp: Language) -> bool:
    """Put an ``AttributeTable`` in place of the pipeline's ``attribute_ruler``; False (and the stock ruler
    kept) when one of its rules has a form the table does not reproduce."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    try:
        nlp.add_pipe("khabar_attribute_table", after="attribute_ruler")
    except UnknownRule:
        return False
    nlp.remove_pipe("attribute_ruler")
    return True
