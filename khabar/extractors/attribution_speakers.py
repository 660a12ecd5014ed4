"""Who is the speaker of a cue: its subject, the subject a participial or conjoined cue shares, the noun a
relative "who" stands for, and the named antecedent of a pronoun.

The speaker is a noun phrase. Its name and its title or apposition are kept apart ("Rep. Jerry Nadler, a
Democrat from New York": the name, and "Rep." / "a Democrat from New York"), so the name can be coded and
the description still shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from khabar.extractors.actors import entity_of
from khabar.extractors.attribution_cues import lexicon
from khabar.kb.actors import sector_nouns

NOUNISH = frozenset({"NOUN", "PROPN", "PRON", "NUM", "X"})
PERSONAL = frozenset({"he", "she", "him", "her"})
GROUP = frozenset({"they", "them", "it"})
FIRST = frozenset({"i", "we", "me", "us"})
RELATIVE = frozenset({"who", "which", "that"})
# parties a pronoun can stand for: people for he/she, bodies and places for it/they
PERSON_LABELS = frozenset({"PERSON"})
BODY_LABELS = frozenset({"ORG", "GPE", "NORP"})
# a participial or conjoined cue hangs on its verb by one of these
SHARED_DEPS = frozenset({"advcl", "conj", "xcomp", "dep", "acl"})
MAX_PHRASE = 25  # a speaker's phrase longer than this is a parse gone wrong: the name stands alone
ADJUNCTS = frozenset({"after", "before", "during", "on", "at", "in", "while", "since", "outside"})
SEARCH_SENTENCES = 3  # a pronoun's antecedent is looked for this many sentences back
# forms of address and abbreviated offices written before a name (role nouns come from sector_nouns.tsv)
TITLE_WORDS = frozenset({"mr", "mrs", "ms", "dr", "prof", "rep", "sen", "gov", "gen", "col", "lt", "sgt", "capt",
                         "rev", "sir", "dame", "lord", "lady", "justice", "judge", "coach", "chief"})  # fmt: skip


@dataclass(frozen=True)
class Speaker:
    """The token heading the speaker's words, how it was found, and the named party it stands for."""

    head: Token
    how: str | None = None  # "pronoun", "relative", "shared" or None when the head names the speaker
    named: tuple[int, int] | None = None  # token range of the named antecedent, where found
    bound: tuple[int, int] | None = None  # token range the speaker's phrase must stay in (a headline's name)


def subject_of(verb: Token) -> Speaker | None:
    """The speaker of a verb cue, or None when there is none (an imperative, an infinitive, a clause)."""
    shared = False
    current = verb
    for _ in range(4):  # ", saying", "and added", "..., adding that": climb to the verb with a subject
        subject = _direct_subject(current)
        if subject is not None:
            return _resolved(subject, "shared" if shared else None)
        if current.dep_ in SHARED_DEPS and current.head.i != current.i and current.head.pos_ in ("VERB", "AUX"):
            if current.dep_ in ("xcomp", "acl") and current.tag_ != "VBG":
                return None  # "wants to say": the wanting is the cue, not the saying
            shared = True
            current = current.head
            if current.dep_ == "ccomp" and current.head.lemma_.lower() in cue_lemmas():
                current = current.head  # "stated the trial would be X, saying ...": the stating verb's subject
            continue
        if current.dep_ == "acl" and current.tag_ == "VBG" and current.head.pos_ in ("NOUN", "PROPN"):
            # "the ministry issued a statement saying ...": whoever issued it; else the statement itself
            noun = current.head
            issuer = _direct_subject(noun.head) if noun.dep_ == "dobj" else None
            return _resolved(issuer, "shared") if issuer is not None else Speaker(noun, "shared")
        return None
    return None


def cue_lemmas() -> dict[str, object]:
    return lexicon().verbs  # type: ignore[return-value]


def _direct_subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "nsubj" and child.pos_ in NOUNISH:
            return child
    for child in verb.children:  # passive: "was acknowledged ... by a spokesman"
        if child.dep_ == "agent":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def _resolved(subject: Token, how: str | None) -> Speaker:
    lower = subject.lower_
    if lower in RELATIVE and subject.tag_ in ("WP", "WDT"):
        clause = subject.head
        if clause.dep_ == "relcl" and clause.head.pos_ in NOUNISH:
            noun = clause.head
            return Speaker(subject, "relative", noun_range(noun))
        return Speaker(subject, "relative")
    if subject.pos_ == "PRON" and lower in PERSONAL | GROUP | FIRST:
        return Speaker(subject, "pronoun", antecedent(subject))
    return Speaker(subject, how, noun_range(subject) if how == "shared" else None)


def antecedent(pronoun: Token) -> tuple[int, int] | None:
    """Token range of the nearest named party before the pronoun that it can stand for: a person for
    he/she, a body or place for it/they (or a plural noun subject for they). First-person pronouns are
    resolved by the caller (they are the speaker of the quotation they stand in)."""
    lower = pronoun.lower_
    if lower in FIRST:
        return None
    doc = pronoun.doc
    first_sent = pronoun.sent
    for _ in range(SEARCH_SENTENCES - 1):
        if first_sent.start == 0:
            break
        first_sent = doc[first_sent.start - 1].sent
    labels = PERSON_LABELS if lower in PERSONAL else BODY_LABELS
    for i in range(pronoun.i - 1, first_sent.start - 1, -1):  # nearest first
        token = doc[i]
        if token.ent_type_ in labels:
            ent = entity_of(token)
            if ent is not None:
                return ent.start, ent.end
        if lower in ("they", "them") and token.dep_ in ("nsubj", "nsubjpass") and token.tag_ in ("NNS", "NNPS"):
            return noun_range(token)
    return None


def noun_range(head: Token) -> tuple[int, int]:
    """The name when the head is in a named entity, else the noun phrase without its trailing clause or
    apposition ("officials who asked not to be named" -> "officials"); a title in front of a proper name
    is left out ("Mayor Ines Duarte" -> "Ines Duarte")."""
    ent = entity_of(head)
    if ent is not None and ent.label_ in PERSON_LABELS | BODY_LABELS:
        start, end = ent.start, ent.end
    else:
        tokens = [t for t in head.subtree if not _trailing(t, head)]
        kept = [t for t in tokens if t.i <= head.i or not any(_trailing(a, head) for a in t.ancestors)]
        start, end = min(t.i for t in kept), max(t.i for t in kept) + 1
    if head.pos_ != "PROPN":
        return start, end
    doc, roles = head.doc, sector_nouns()
    for k in range(head.i - 1, start - 1, -1):  # the last office word before the name ends the title
        word = doc[k]
        role = roles.get(word.lemma_.lower())
        if (role is not None and role.kind == "person") or word.lower_.rstrip(".") in TITLE_WORDS:
            if all(t.pos_ == "PROPN" for t in doc[k + 1 : head.i + 1]):
                return k + 1, end
            break
    return start, end


def phrase_range(head: Token, name: tuple[int, int]) -> tuple[int, int]:
    """The speaker's words as the text gives them: the whole noun phrase with its title, apposition and
    modifiers ("Satyendra Jain, the city's home minister"), without a relative clause or a time or place
    adjunct of an inverted name ("said Kosgei after the race"); the name alone when the phrase is long."""
    drop: set[int] = set()
    for child in head.children:
        late = child.i > head.i
        adjunct = head.pos_ == "PROPN" and child.dep_ == "prep" and child.lower_ in ADJUNCTS
        if late and (child.dep_ == "relcl" or adjunct or (child.dep_ == "acl" and child.tag_ == "VBG")):
            drop.update(t.i for t in child.subtree)
    tokens = [t for t in head.subtree if t.i not in drop]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space) and tokens[-1].text != ")":
        tokens.pop()
    while tokens and (tokens[0].is_punct or tokens[0].is_space):
        tokens.pop(0)
    if not tokens or len(tokens) > MAX_PHRASE or not (tokens[0].i <= name[0] and name[1] <= tokens[-1].i + 1):
        return name
    start, end = tokens[0].i, tokens[-1].i + 1
    doc = head.doc
    if doc[start:end].text.count("(") > doc[start:end].text.count(")") and end < len(doc) and doc[end].text == ")":
        end += 1  # "Member of parliament (MP" -> "(MP)"
    return start, end


def title_of(head: Token, name: tuple[int, int]) -> str | None:
    """The speaker's title and apposition: words of its phrase before the name ("Former prime minister",
    "Prosecutor") and an apposed description (", the city's home minister")."""
    doc: Doc = head.doc
    parts: list[str] = []
    before = [t for t in head.subtree if t.i < name[0] and t.dep_ in ("compound", "amod", "nmod", "det", "poss")]
    before = [t for t in before if not (t.dep_ == "det" and t.i == name[0] - 1 and t.lower_ == "the")]
    if before:
        parts.append(doc[before[0].i : name[0]].text)
    for child in head.children:
        if child.dep_ == "appos" and child.i > head.i:
            span = doc[min(t.i for t in child.subtree) : max(t.i for t in child.subtree) + 1]
            parts.append(span.text.strip(" ,"))
    text = "; ".join(p for p in parts if p)
    return text or None


def _trailing(token: Token, head: Token) -> bool:
    return token.i > head.i and token.head == head and token.dep_ in ("relcl", "acl", "appos", "punct")
