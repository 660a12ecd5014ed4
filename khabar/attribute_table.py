"""The model's attribute rules (tag -> part of speech and morphology, lemma exceptions), applied through an index.

spaCy's ``attribute_ruler`` runs its ~180 rules through a Matcher that tries every rule at every token: a
sixth of the whole spaCy pass of the small English model, for what is mostly a table lookup by tag or word.
``AttributeTable`` takes the very same rules from the loaded ruler and finds, for each token, only the rules
whose first token names its tag, word or dependency; it applies them in the ruler's order (a later rule
overrides an earlier one), each to the token the rule's ``index`` names, and writes the attributes back as
columns of the doc (one ``from_array``, where spaCy's setter is called per token).
The output is identical (``tests/test_attribute_table.py`` compares every token's attributes). A rule in a form
it does not know (a quantifier ``OP``, another predicate, an attribute other than tag, POS, morphology,
lemma or dependency) makes it keep the stock ruler.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc

_COLUMNS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}
_ARRAY_ATTRS = [TAG, LOWER, DEP, IS_SPACE]

# What a rule may set: fields of the token alone (spaCy's setter also writes a lexeme field of the same name,
# and these have none), so the table writes them as columns of the doc.
TARGETS = (TAG, POS, MORPH, LEMMA, DEP)
CACHE_LIMIT = 200_000  # distinct (tag, word, dependency, space) tokens remembered before the memo starts anew


@dataclass(frozen=True)
class _Rule:
    order: int
    length: int
    checks: tuple[tuple[tuple[int, str, Any], ...], ...]  # per token of the pattern: (column, operator, value)
    attrs: Any  # the ruler's normalised attributes, as spaCy's setter takes them
    index: int


@dataclass(frozen=True)
class _Entry:
    """What the rules say of one distinct token."""

    singles: tuple[tuple[int, Any], ...]  # its one-token rules: (order, attrs)
    sets: tuple[bool, ...]  # per target column: whether they set it
    values: tuple[int, ...]  # per target column: the value they set (0 where they set nothing)
    longer: tuple[_Rule, ...]  # the longer rules whose first token it matches


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
        self.cache: dict[tuple[int, ...], _Entry] = {}
        self.column = {attr: k for k, attr in enumerate(TARGETS)}
        for order, rule in enumerate(ruler.patterns):
            unknown = [attr for attr in ruler.attrs[order] if attr not in self.column]
            if unknown:
                raise UnknownRule(f"sets {unknown}")
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

    def _entry(self, row: tuple[int, ...]) -> _Entry:
        """For a token with these attributes: the one-token rules it matches, what they set together, and the
        longer rules whose first token it matches. A one-token rule depends on nothing else, so the answer is
        kept per distinct token (most tokens of news repeat ones seen before)."""
        entry = self.cache.get(row)
        if entry is None:
            candidates = {id(r): r for c in range(len(row)) for r in self.index.get((c, row[c]), ())}
            candidates.update((id(r), r) for r in self.unindexed)
            fitting = sorted((r for r in candidates.values() if self._passes(r.checks[0], row)), key=_order)
            singles = tuple((r.order, r.attrs) for r in fitting if r.length == 1)
            columns = dict(self._columns(singles))
            entry = _Entry(
                singles,
                tuple(k in columns for k in range(len(TARGETS))),
                tuple(columns.get(k, 0) for k in range(len(TARGETS))),
                tuple(r for r in fitting if r.length > 1),
            )
            if len(self.cache) > CACHE_LIMIT:
                self.cache.clear()
            self.cache[row] = entry
        return entry

    def _columns(self, ordered: Any) -> tuple[tuple[int, int], ...]:
        """(column, value) of what rules set, applied in the ruler's order (a later rule overrides)."""
        merged: dict[Any, Any] = {}
        for _order, attrs in ordered:
            merged.update(attrs)
        return tuple((self.column[attr], value) for attr, value in merged.items())

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        table = doc.to_array(_ARRAY_ATTRS)
        # the distinct tokens of the doc (by the four attributes the rules read), each looked up once
        order = numpy.lexsort(table.T[::-1])
        ranked = table[order]
        new = numpy.ones(n, dtype=bool)
        new[1:] = (ranked[1:] != ranked[:-1]).any(axis=1)
        inverse = numpy.empty(n, dtype=numpy.intp)
        inverse[order] = numpy.cumsum(new) - 1
        distinct = [tuple(row) for row in ranked[new].tolist()]
        entries = [self._entry(row) for row in distinct]
        sets = numpy.array([e.sets for e in entries], dtype=bool)
        values = numpy.array([e.values for e in entries], dtype=numpy.uint64)
        rows: dict[int, tuple[int, ...]] = {}  # the attributes of tokens a longer rule looks at

        def row(i: int) -> tuple[int, ...]:
            if i not in rows:
                rows[i] = tuple(table[i].tolist())
            return rows[i]

        found: dict[int, dict[int, Any]] = defaultdict(dict)  # token -> the longer rules applying: order -> attrs
        for k, entry in enumerate(entries):
            if not entry.longer:
                continue
            for i in numpy.flatnonzero(inverse == k).tolist():
                for rule in entry.longer:
                    if i + rule.length <= n and all(
                        self._passes(checks, row(i + j)) for j, checks in enumerate(rule.checks) if j
                    ):
                        target = (i if rule.index >= 0 else i + rule.length) + rule.index
                        if not i <= target < i + rule.length:
                            raise ValueError(f"attribute rule {rule.order}: index {rule.index} outside its match")
                        found[target][rule.order] = rule.attrs
        if not sets.any() and not found:
            return doc
        result = doc.to_array(list(TARGETS))
        result = numpy.where(sets[inverse], values[inverse], result)
        for i, rules in found.items():  # a token some longer rule applies to: all its rules in the ruler's order
            singles = entries[inverse[i]].singles
            for column, value in self._columns(sorted([*singles, *rules.items()], key=_first)):
                result[i, column] = value
        doc.from_array(list(TARGETS), result.astype(numpy.uint64))  # type: ignore[arg-type]
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
