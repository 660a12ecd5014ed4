"""The distance between two reports: each report's facts computed once, and the weighted similarity of a pair.

``khabar.merge_pairs`` says what agrees and what conflicts for each piece (type, place, date, parties);
this module adds the words (TF-IDF of the evidence sentences and of their proper names, scikit-learn) and
weighs them all with ``MergeRules``. ``khabar.cluster`` decides over groups with these distances.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sklearn.feature_extraction.text import TfidfVectorizer

from khabar.merge_pairs import (
    ALTERNATIVE,
    Parties,
    Piece,
    Where,
    alternatives,
    date_piece,
    interval,
    party_piece,
    place_piece,
    type_family,
    type_piece,
)

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

FAR = 1e9  # the distance of a conflicting pair: average linkage never merges across one


@dataclass(frozen=True)
class MergeRules:
    """The weights and the cut, in one place; ``docs/merging.md`` shows the threshold's effect."""

    threshold: float = 0.55  # average-linkage distance (1 - similarity) at which groups stop merging
    w_text: float = 0.25  # TF-IDF cosine of the evidence sentences
    w_names: float = 0.25  # TF-IDF cosine of the proper names the sentences use (who and where, in words)
    w_parties: float = 0.2
    w_place: float = 0.1
    w_date: float = 0.1
    w_type: float = 0.1
    undated_text: float = 0.6  # with no date on one side, only wording this close tells the same event
    max_km: float = 50.0
    date_slack_days: int = 1
    exact_group: int = 300  # up to this many reports a group weighs every pair; above, the compared pairs only
    max_group: int = 5000  # a larger candidate group is cut by week before linkage (bounds memory)
    dispute_text: float = 0.3  # a denial's similarity (words and names) to the event it denies in its own
    # sentence; 0.5 from another sentence or article
    analyzer: str = "char_wb"  # TF-IDF over 3-5 letter n-grams (meets "resigns" and "resigned") or "word"


class Facts:
    """The reports as items and each item's places, interval, parties and TF-IDF vector, computed once;
    ``distance`` for a pair of items.

    An item is one act: the events of one article coded from the same trigger with the same type (the coder
    emits one per candidate place when it cannot choose). They are one report with several possible places,
    so a pair of items agrees on place when any of their places agree.
    """

    def __init__(self, rows: list[dict[str, Any]], rules: MergeRules) -> None:
        self.rows = rows
        self.rules = rules
        acts: dict[tuple[str, Any, str], list[int]] = defaultdict(list)
        for r, row in enumerate(rows):
            acts[(row["article_id"], _trigger_start(row), row["type"])].append(r)
        self.items = list(acts.values())
        heads = [rows[item[0]] for item in self.items]
        # each item's TF-IDF vector as {feature: weight}: a pair's cosine is a short dict walk, far cheaper
        # than slicing two rows out of a sparse matrix for each of the many pairs
        self._words = _rows_as_dicts(_tfidf(heads, rules.analyzer))
        self._names = _rows_as_dicts(_tfidf(heads, "names"))
        # blocking keys where neither place nor date localises a report: its rarest letter n-grams and names
        # (the highest TF-IDF weights), which any close rewording of the same sentence shares
        self.keys = [_top(w, KEY_WORDS) | {("name", k) for k in _top(n, KEY_NAMES)}
                     for w, n in zip(self._words, self._names, strict=True)]  # fmt: skip
        self.wheres = [[Where.of(rows[r]) for r in item] for item in self.items]
        # the other places the sentence names, when the coder could only choose a country (or nothing)
        self.others = [[w for r in item for w in alternatives(rows[r])] for item in self.items]
        self.when = [interval(h) for h in heads]
        self.parties = [Parties.of(h) for h in heads]
        self.family = [type_family(h["type"]) for h in heads]
        self._cache: dict[tuple[int, int], tuple[float, str]] = {}
        self.near: dict[int, list[tuple[int, float]]] = defaultdict(list)  # compared pairs that do not conflict

    def head(self, i: int) -> dict[str, Any]:
        return self.rows[self.items[i][0]]

    def text(self, i: int, j: int) -> float:
        return _dot(self._words[i], self._words[j])

    def names(self, i: int, j: int) -> float:
        return _dot(self._names[i], self._names[j])

    def place(self, i: int, j: int) -> Piece:
        """The best agreement between any place of one and any of the other (the other places a sentence
        names count less); a conflict only when all conflict."""
        best: Piece | None = None
        mine = [(w, 1.0) for w in self.wheres[i]] + [(w, ALTERNATIVE) for w in self.others[i]]
        theirs = [(w, 1.0) for w in self.wheres[j]] + [(w, ALTERNATIVE) for w in self.others[j]]
        for a, weight_a in mine:
            for b, weight_b in theirs:
                piece = place_piece(a, b, self.rules.max_km)
                if weight_a * weight_b < 1 and not piece.conflict:
                    piece = Piece(piece.score * weight_a * weight_b, piece.reason + " (a place the sentence names)")
                if (
                    best is None
                    or (best.conflict and not piece.conflict)
                    or (piece.conflict == best.conflict and piece.score > best.score)
                ):
                    best = piece
        assert best is not None
        return best

    def conflict(self, i: int, j: int) -> bool:
        """Whether the date or the place rules the pair out (what a denial must not contradict)."""
        return date_piece(self.when[i], self.when[j], self.rules.date_slack_days).conflict or self.place(i, j).conflict

    def distance(self, i: int, j: int) -> tuple[float, str]:
        """1 - the weighted similarity, with the reasons; ``FAR`` when anything conflicts."""
        key = (i, j) if i < j else (j, i)
        found = self._cache.get(key)
        if found is not None:
            return found
        r = self.rules
        x, y = self.head(i), self.head(j)
        when = date_piece(self.when[i], self.when[j], r.date_slack_days)
        place = self.place(i, j) if not when.conflict else when
        kind = type_piece(x, y) if not place.conflict else place
        parties = party_piece(self.parties[i], self.parties[j]) if not kind.conflict else kind
        text = self.text(i, j) if not parties.conflict else 0.0
        if parties.conflict:
            found = (FAR, parties.reason)
        elif (self.when[i] is None or self.when[j] is None) and text < r.undated_text:
            # nothing dates one of them: the same leaders meeting, the same town shelled, could be any day
            found = (FAR, f"undated, and worded differently (evidence similarity {text:.2f})")
        else:
            names = self.names(i, j)
            score = (r.w_text * text + r.w_names * names + r.w_parties * parties.score + r.w_place * place.score
                     + r.w_date * when.score + r.w_type * kind.score)  # fmt: skip
            reasons = [kind.reason, when.reason, place.reason, parties.reason, f"evidence similarity {text:.2f}",
                       f"names {names:.2f}"]  # fmt: skip
            found = (round(1.0 - score, 4), "; ".join(x for x in reasons if x))
        self._cache[key] = found
        return found


def _rows_as_dicts(matrix: csr_matrix) -> list[dict[int, float]]:
    indptr, indices, data = matrix.indptr, matrix.indices, matrix.data
    return [
        dict(zip(indices[indptr[i] : indptr[i + 1]].tolist(), data[indptr[i] : indptr[i + 1]].tolist(), strict=True))
        for i in range(matrix.shape[0])
    ]


KEY_WORDS, KEY_NAMES = 8, 8


def _top(vector: dict[int, float], n: int) -> set[Any]:
    return set(sorted(vector, key=lambda k: (-vector[k], k))[:n])


def _dot(a: dict[int, float], b: dict[int, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(k, 0.0) for k, v in a.items())


def _trigger_start(row: dict[str, Any]) -> Any:
    trigger = (row.get("event") or {}).get("trigger") or {}
    return trigger.get("start", row["id"])


def _tfidf(rows: list[dict[str, Any]], analyzer: str = "word") -> csr_matrix:
    """L2-normalised TF-IDF vectors of the evidence sentences, so a dot product is the cosine similarity:
    over words (unigrams and bigrams, English stop words out), letter n-grams ("char_wb", which meets
    "resigns" and "resigned"), or the sentence's proper names ("names")."""
    texts = [(r.get("evidence") or "") + " " + (r.get("trigger") or "") for r in rows]
    if analyzer == "names":
        texts = [r.get("evidence") or "" for r in rows]
        vectorizer = TfidfVectorizer(lowercase=False, analyzer=_proper_names, sublinear_tf=True)
    elif analyzer == "char_wb":
        vectorizer = TfidfVectorizer(lowercase=True, analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
    else:
        vectorizer = TfidfVectorizer(
            lowercase=True, stop_words="english", ngram_range=(1, 2), sublinear_tf=True, min_df=1,
            token_pattern=r"(?u)\b[a-zA-Z][a-zA-Z0-9-]+\b",
        )  # fmt: skip
    try:
        matrix: csr_matrix = vectorizer.fit_transform(texts).tocsr()
    except ValueError:  # no word at all in any evidence (empty vocabulary): no text similarity
        from scipy.sparse import csr_matrix as empty

        matrix = empty((len(rows), 1))
    return matrix


_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
# capitalised words that name no one: calendar words (dates are compared as dates) and function words
_NOT_NAMES = frozenset(
    ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February",
     "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
     "The", "A", "An", "In", "On", "At", "But", "And", "Its", "It", "He", "She", "They", "We", "This", "That",
     "There", "After", "Before", "Two", "Three", "Hours", "Later")
)  # fmt: skip


def _proper_names(sentence: str) -> list[str]:
    """The capitalised words of a sentence after its first word, calendar and function words left out."""
    words = _WORD.findall(sentence)
    return [w.removesuffix("'s") for w in words[1:] if w[0].isupper() and w not in _NOT_NAMES]
