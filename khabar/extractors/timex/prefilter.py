"""Where in a text a time rule can match at all, so each rule's regex runs over a few windows, not the whole text.

Running ~70 regexes over every character of an article was a tenth of the pipeline's time, yet most rules
can only match around one of a few words ("ago", "century", a month name, a digit). Each rule's *anchors* are
read off its own regex (the literal strings one of which every match must contain: a mandatory word, an
alternation of words, a digit), so a new or edited rule needs no second list kept in step. The text is
searched for the anchors with plain substring search (fast C code), and the rule runs only within
``RADIUS`` characters of them. A rule whose regex names no usable anchor runs over the whole text.

The windowed scan finds exactly what the full scan finds, provided each match lies within ``RADIUS`` of an
anchor it contains: windows are merged, a scan starts at a window's start with the real text around it (so
look-behinds see what precedes), and only matches starting inside the window are kept.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from functools import cache
from typing import Any

_c: Any
_p: Any
try:  # the regex parser is CPython's own module; without it every rule simply runs over the whole text
    _c = importlib.import_module("re._constants")
    _p = importlib.import_module("re._parser")
except ImportError:  # pragma: no cover - other interpreters
    _c = _p = None

RADIUS = 160  # characters around an anchor: longer than any time expression with its look-around
MIN_TEXT = 4 * RADIUS  # shorter texts are scanned whole (windows would cover them anyway)
_DIGITS = tuple("0123456789")


# Anchors that occur everywhere in prose would make windows of the whole text: a rule whose only anchors are
# these runs over the whole text instead (single letters and punctuation are judged by ``_weight``).
_COMMON = frozenset(
    {"the", "a", "an", "of", "in", "on", "at", "to", "for", "by", "this", "that", "these", "those", "be", "being"}
    | {"per", "and", "or", "is", "was"}
)
MAX_ANCHORS = 12  # the most strings one rule is searched by
_CAP = 64  # the most strings a fixed piece of a regex may stand for before it counts as open


_CASED = "\x00"  # marks an anchor that is searched as written (a case-sensitive piece, or one without letters)


def _mark(text: str, cased: bool) -> str:
    return _CASED + text if cased or not any(c.isalpha() for c in text) else text.lower()


def _plain(anchor: str) -> str:
    return anchor[1:] if anchor.startswith(_CASED) else anchor


def _join(a: str, b: str) -> str:
    if a.startswith(_CASED) and b.startswith(_CASED):
        return a + b[1:]
    return (_plain(a) + _plain(b)).lower()


def _weight(anchor: str) -> float:
    """How selective one anchor is: its length, with digits and rare punctuation as weak single characters."""
    word = _plain(anchor)
    if word.lower() in _COMMON:
        return 0.0
    if len(word) == 1:
        return 1.5 if word in ":/" else 1.0 if word.isdigit() else 0.0
    return float(len(word))


def _score(anchors: frozenset[str]) -> tuple[float, int]:
    """The more selective anchor set is the one whose weakest anchor is strongest, then the smaller one."""
    return (min(_weight(a) for a in anchors), -len(anchors))


def _charset(items: list[Any], ignore: bool) -> frozenset[str] | None:
    """The characters of a character class (``[ap]``, ``\\d``), when it is small and explicit."""
    out: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL:
            out.add(_mark(chr(av), not ignore))
        elif op is _c.CATEGORY and av in (_c.CATEGORY_DIGIT, _c.CATEGORY_UNI_DIGIT):
            out.update(_mark(d, True) for d in _DIGITS)
        elif op is _c.RANGE and av[1] - av[0] < 10:
            out.update(_mark(chr(i), not ignore) for i in range(av[0], av[1] + 1))
        else:
            return None
    return frozenset(out) or None


def _union(branches: list[frozenset[str] | None]) -> frozenset[str] | None:
    """An alternation's strings: every branch must have some, or the alternation has none."""
    out: set[str] = set()
    for branch in branches:
        if branch is None:
            return None
        out |= branch
    return frozenset(out)


def _product(run: frozenset[str], piece: frozenset[str]) -> frozenset[str]:
    return frozenset(_join(a, b) for a in run for b in piece)


def _scoped(av: Any, ignore: bool) -> bool:
    """Whether a group's contents ignore case: ``(?i:...)`` turns it on, ``(?-i:...)`` off."""
    add, drop = av[1], av[2]
    return (ignore or bool(add & re.IGNORECASE)) and not drop & re.IGNORECASE


_EMPTY = frozenset({_CASED})


def _exact(items: list[Any], ignore: bool) -> frozenset[str] | None:
    """The finite set of strings a piece of regex matches, or None when it is open or large."""
    out = _EMPTY
    for op, av in items:
        part: frozenset[str] | None
        if op is _c.LITERAL:
            part = frozenset({_mark(chr(av), not ignore)})
        elif op is _c.IN:
            part = _charset(list(av), ignore)
        elif op is _c.SUBPATTERN:
            part = _exact(list(av[-1]), _scoped(av, ignore))
        elif op is _c.BRANCH:
            part = _union([_exact(list(b), ignore) for b in av[1]])
        else:
            part = None
        if part is None or len(out) * len(part) > _CAP:
            return None
        out = _product(out, part)
    return out


def _required(items: list[Any], ignore: bool) -> frozenset[str] | None:
    """Strings one of which every match of this sequence contains, or None."""
    options: list[frozenset[str]] = []
    run = _EMPTY  # the fixed strings the items just read spell, joined
    for op, av in [*items, (None, None)]:
        piece = _exact([(op, av)], ignore) if op is not None else None
        if piece is not None and len(run) * len(piece) <= _CAP:
            run = _product(run, piece)
            continue
        if run != _EMPTY:
            options.append(run)
        run = piece if piece is not None else _EMPTY
        found: frozenset[str] | None = None
        if piece is not None:
            continue
        if op is _c.SUBPATTERN:
            found = _required(list(av[-1]), _scoped(av, ignore))
        elif op is _c.ATOMIC_GROUP:
            found = _required(list(av), ignore)
        elif op is _c.BRANCH:
            found = _union([_required(list(b), ignore) for b in av[1]])
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and av[0] >= 1:
            found = _required(list(av[2]), ignore)
        if found:
            options.append(found)
    options = [o for o in options if all(_plain(a) for a in o)]
    return max(options, key=_score) if options else None


Anchor = tuple[str, bool]  # a string, and whether it is searched as written (else in the lower-cased text)


@cache
def anchors(pattern: re.Pattern[str]) -> tuple[Anchor, ...] | None:
    """The anchor strings of one rule's regex, or None when it has none worth searching for."""
    if _p is None:
        return None
    try:
        found = _required(list(_p.parse(pattern.pattern, pattern.flags)), bool(pattern.flags & re.IGNORECASE))
    except Exception:  # an unexpected parse tree: scan the whole text, as before
        return None
    if not found or _score(found)[0] == 0.0:
        return None
    words = {(_plain(a), a.startswith(_CASED)) for a in found}
    for keep in range(max(len(w) for w, _ in words), 0, -1):
        # many anchors (":00" .. ":59") are searched by a shared prefix (":0" .. ":5"): each search is a pass
        # over the text, and a prefix finds every place the longer anchor is (windows only grow)
        if len({(w[:keep], c) for w, c in words}) <= MAX_ANCHORS:
            words = {(w[:keep], c) for w, c in words}
            break
    return tuple(sorted(words))


def windows(text: str, lower: str, words: tuple[Anchor, ...]) -> list[tuple[int, int]]:
    """Merged [start, end) windows of ``RADIUS`` around every occurrence of ``words``: those marked cased in
    ``text`` as written, the others in its lower-cased copy ``lower``."""
    spots: list[int] = []
    for word, cased in words:
        within = text if cased else lower
        at = within.find(word)
        while at >= 0:
            spots.append(at)
            at = within.find(word, at + 1)
    spots.sort()
    out: list[tuple[int, int]] = []
    for at in spots:
        start, end = max(0, at - RADIUS), at + RADIUS
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def matches(
    pattern: re.Pattern[str], text: str, lower: str | None, memo: dict[Any, list[tuple[int, int]]] | None = None
) -> Iterator[re.Match[str]]:
    """Every match of ``pattern`` in ``text``, as ``pattern.finditer(text)`` gives them, scanning only the
    windows around its anchors (``lower`` is ``text.lower()`` when it keeps every offset, else None; ``memo``
    keeps the windows of one text for rules that share their anchors)."""
    words = anchors(pattern) if len(text) >= MIN_TEXT else None
    if words is None or lower is None:
        yield from pattern.finditer(text)
        return
    spans = memo.get(words) if memo is not None else None
    if spans is None:
        spans = windows(text, lower, words)
        if memo is not None:
            memo[words] = spans
    for start, end in spans:
        for m in pattern.finditer(text, start, min(len(text), end + RADIUS)):
            if m.start() >= end:
                break
            yield m


def lowered(text: str) -> str | None:
    """``text.lower()`` when lower-casing keeps every character's offset (it does for almost all text)."""
    lower = text.lower()
    return lower if len(lower) == len(text) else None
