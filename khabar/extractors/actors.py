"""Actors: every noun phrase that names a party, coded by country (ISO alpha-3) and sector.

Coding comes from, in order of trust: the actor dictionary (time-bounded roles), a country named as the
phrase itself or its owner ("Iran", "Iran's customs administration"), a demonym ("Afghan soldiers"), the
phrase a role noun is "of/for/in" ("a source in the Iranian armed forces"), and last the article's focus
country for a home institution with no other clue ("the interior ministry"), marked ``how="context"``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from khabar.extractors.noun_chunks import noun_chunks
from khabar.kb.actors import ActorDictionary, ActorEntry, actor_dictionary, sector_nouns
from khabar.kb.countries import capital_country, country_code, demonym_country
from khabar.model import Actor, Article, Span
from khabar.registry import register

# Role nouns that, without a country of their own, belong to the article's home country.
HOME_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "POL"})
# "a spokesman for X", "a source in X", "students throughout X": the role noun belongs to X.
# Roles that stand for whoever sent them: their sector is their owner's ("representatives of the rebels"), a
# state's being its government's ("Iranian negotiators", "representatives of Iraq").
REPRESENTATIVE_NOUNS = frozenset({"representative", "negotiator", "delegation", "delegate"})
OWNER_PREPS = frozenset({"for", "of", "in", "from", "within", "at", "throughout", "across"})
# Modifiers that say the party is not the home country's.
FOREIGN_WORDS = frozenset({"foreign", "international", "western", "coalition", "allied", "multinational"})
SOURCE_NOUNS = frozenset({"source", "member", "official", "officer", "spokesman", "spokeswoman", "spokesperson"})
ANONYMOUS_NOUNS = frozenset({"source", "sources"})
# Nouns for the people of an organisation, who act in its sector rather than the noun's own.
STAFF_NOUNS = SOURCE_NOUNS | {"leader", "representative", "delegate", "delegation", "staff", "worker", "envoy"}
# A people or a group named by its demonym or ethnonym, with no role ("Iraqi Kurds", "Kenyan truckers"): in
# CAMEO's terms civilians.
PEOPLE_SECTORS = ("CVL",)
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "some", "all", "its", "their"})


@dataclass(frozen=True)
class Coding:
    country: str | None
    sectors: tuple[str, ...]
    actor_id: str | None = None
    kind: str | None = None
    how: str = ""


FOCUS_KEY = "khabar.focus_country"


def focus_country(doc: Doc) -> str | None:
    """The country the article is most about: the most named country or demonym, ties to the first seen.

    Counted on tokens, not entities, so a demonym inside a longer name ("Afghan government") counts too.
    """
    if FOCUS_KEY in doc.user_data:  # three extractors ask; count once per document
        return doc.user_data[FOCUS_KEY]
    counts: Counter[str] = Counter()
    for ent in doc.ents:
        if ent.label_ == "GPE" and len(ent) > 1:
            code = country_code(ent.text)
            if code:
                counts[code] += 1
    for token in doc:
        if token.is_title or token.is_upper:
            code = demonym_country(token.text) or (country_code(token.text) if token.ent_type_ == "GPE" else None)
            if code:
                counts[code] += 1
    focus = counts.most_common(1)[0][0] if counts else None
    doc.user_data[FOCUS_KEY] = focus
    return focus


def _how(entry: ActorEntry) -> str:
    """ "ambiguous" for an actor whose roles changed over time, read in a text with no date to choose one."""
    return "ambiguous" if entry.source.startswith("ambiguous") else "dictionary"


class ActorCoder:
    """Finds and codes actor mentions; also codes a single phrase for the events and attribution coders."""

    def __init__(self, dictionary: ActorDictionary | None = None) -> None:
        self.dictionary = dictionary or actor_dictionary()
        self.nouns = sector_nouns()

    def patterns(self) -> list[dict[str, Any]]:
        """Every name for the phrase matcher, the office holders of the field's dictionaries included: the
        statistical NER misses or mislabels many foreign names, and a name it misses is no actor."""
        out: list[dict[str, Any]] = []
        for name, actor_id in self.dictionary.names().items():
            entry = self.dictionary.by_id(actor_id, None) or self.dictionary.entries[0]
            label = "PERSON" if entry.kind == "person" else "ORG"
            out.append({"label": label, "pattern": name, "id": actor_id})
        return out

    def __call__(self, doc: Doc, article: Article) -> list[Actor]:
        home = focus_country(doc)
        seen: set[tuple[int, int]] = set()
        actors: list[Actor] = []
        for phrase in _candidate_phrases(doc):
            key = (phrase.start_char, phrase.end_char)
            if key in seen:
                continue
            actor = self.code_phrase(phrase, article, home)
            if actor is not None:
                seen.add(key)
                actors.append(actor)
        actors.sort(key=lambda a: a.span.start)
        return actors

    # -- coding one phrase -------------------------------------------------------------------------

    def code_phrase(self, phrase: SpacySpan, article: Article, home: str | None) -> Actor | None:
        """An Actor for a noun phrase, or None when it does not name a party."""
        phrase = _trim(phrase)
        if len(phrase) == 0:
            return None
        coding = self.code_head(phrase.root, article, home, depth=0)
        if coding is None:
            return None
        head = phrase.root
        role = head.lemma_.lower() if head.lemma_.lower() in self.nouns and coding.kind != "state" else None
        span = Span.of(article.text, phrase.start_char, phrase.end_char)
        return Actor(
            name=span.text,
            span=span,
            country=coding.country,
            sectors=coding.sectors,
            actor_id=coding.actor_id,
            kind=coding.kind,
            role=role,
            how=coding.how,
        )

    def code_head(self, head: Token, article: Article, home: str | None, depth: int) -> Coding | None:
        """The coding of the phrase headed by ``head``, from its own words and its modifiers."""
        if depth > 3:
            return None
        day = article.published
        role = self._role(head)
        # 1. the dictionary: the phrase is a known actor, or a role of one ("Taliban forces" are the Taliban;
        #    "Afghan government forces" are forces of the Afghan state)
        tokens = _phrase_tokens(head)
        if head.ent_id_:  # the head's own name first: "U.N. Security Council" is the Council, not the U.N.
            tokens = [head, *(t for t in tokens if t.i != head.i)]
        for tok in tokens:
            entry = self.dictionary.mention(tok.ent_id_, _ent_text(tok), day) if tok.ent_id_ else None
            if entry is None:
                continue
            if tok.i == head.i or tok.ent_id_ == head.ent_id_ or entry.kind == "group":
                return self._known(entry.country, entry.sectors, entry.id, entry.kind, head, _how(entry))
            if role is not None:
                # "Red Cross officials" work for the Red Cross; "UN peacekeepers" are soldiers of the UN
                generic = head.lemma_.lower() in STAFF_NOUNS and entry.kind == "organisation"
                return Coding(entry.country, entry.sectors if generic else role[0], None, role[1], "dictionary")
        name_entry = self.dictionary.lookup(_phrase_text(head), day)  # an alias the ruler did not tag
        if name_entry is None and head.ent_type_ == "PERSON":  # "Prime Minister Mahendra Chaudhry"
            name_entry = self.dictionary.lookup(_ent_text(head), day)
        if name_entry is not None:
            return self._known(
                name_entry.country, name_entry.sectors, name_entry.id, name_entry.kind, head, _how(name_entry)
            )
        # 2. the phrase is a country
        if head.ent_type_ == "GPE" or head.pos_ == "PROPN":
            code = country_code(_ent_text(head))
            if code:
                return Coding(code, (), f"country:{code}", "state", "country")
            seat = capital_country(_ent_text(head)) if head.ent_type_ == "GPE" else None
            if seat and head.dep_ in ("nsubj", "nsubjpass", "agent"):
                # "Beirut rejected the appeal": a capital acting is its country's government
                return Coding(seat, ("GOV",), f"country:{seat}", "state", "capital")
        if role is None:
            # "The Palestinians reject ...": a people named by its demonym
            people = demonym_country(head.text) or demonym_country(head.lemma_)
            if people and head.pos_ in ("NOUN", "PROPN") and head.tag_ in ("NNS", "NNPS"):
                for child in head.children:
                    if child.dep_ in ("amod", "compound") and child.i < head.i:
                        if child.lower_ == "ethnic":  # "ethnic Albanians in Serbia": a people, not a state
                            return Coding(None, PEOPLE_SECTORS, None, "people", "ethnic")
                        if demonym_country(child.text):  # "Bosnian Serbs" live in Bosnia
                            return Coding(demonym_country(child.text), PEOPLE_SECTORS, None, "people", "demonym")
                return Coding(people, PEOPLE_SECTORS, None, "people", "demonym")
            if head.pos_ in ("NOUN", "PROPN") and head.tag_ in ("NNS", "NNPS"):
                # "Kenyan truckers", "Iraqi Kurds": a group of people of a country, civilians as far as we know
                for child in head.children:
                    if child.dep_ in ("amod", "compound") and child.i < head.i and demonym_country(child.text):
                        return Coding(demonym_country(child.text), PEOPLE_SECTORS, None, "group", "demonym")
            return self._person(head, article, home, depth)
        sectors, kind = role
        if not sectors or head.lemma_.lower() in STAFF_NOUNS:
            # "opposition groups", "rebel delegations": the modifier names the sector; so it does for a
            # generic role ("rebel leaders", "intelligence officials", "army spokesman")
            for child in head.children:
                if child.dep_ in ("compound", "amod") and child.i < head.i:
                    modifier = self._role(child)
                    if modifier is not None and modifier[0]:
                        sectors = modifier[0]
                        break
        # 3. a country or demonym among its modifiers, or the owner ("Iran's ...")
        foreign = False
        for child in head.children:
            if child.dep_ in ("amod", "compound", "poss", "nmod") and child.i < head.i:
                word = child.text
                if word.lower() in FOREIGN_WORDS:
                    foreign = True
                code = demonym_country(word) or country_code(_ent_text(child))
                if code:
                    if head.lemma_.lower() in REPRESENTATIVE_NOUNS and not sectors:
                        sectors = ("GOV",)  # "Iranian negotiators": a state's representatives speak for its government
                    return Coding(code, sectors, None, kind, "demonym" if demonym_country(word) else "country")
                if child.dep_ in ("poss", "compound") and child.pos_ in ("PROPN", "NOUN"):
                    inner = self.code_head(child, article, home, depth + 1)
                    if inner is not None and inner.country:
                        return Coding(
                            inner.country, inner.sectors if inner.actor_id else sectors, inner.actor_id, kind, inner.how
                        )
        # 4. "a spokesman for X", "a source in X", "members of X": take X's coding
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in OWNER_PREPS:
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        inner = self.code_head(obj, article, home, depth + 1)
                        if inner is not None:
                            # "a spokesman for the Taliban" speaks as the Taliban; "students in Iran" stay students
                            inherit = head.lemma_.lower() in SOURCE_NOUNS or (
                                inner.actor_id is not None and inner.kind != "state"
                            )
                            if head.lemma_.lower() in REPRESENTATIVE_NOUNS and not inherit:
                                sectors = inner.sectors or (("GOV",) if inner.kind == "state" else ())
                            return Coding(
                                inner.country,
                                inner.sectors if inherit else sectors,
                                inner.actor_id,
                                "source" if head.lower_ in ANONYMOUS_NOUNS else kind,
                                inner.how,
                            )
        # 5. a home institution with nothing else to go on
        if not foreign and home and set(sectors) & HOME_SECTORS:
            return Coding(home, sectors, None, kind, "context")
        return Coding(None, sectors, None, kind, "foreign" if foreign else "role")

    def partner_countries(self, head: Token) -> list[str]:
        """Countries of demonyms coordinated in front of a head, or of countries coordinated after "of/from":
        "Hungarian and Romanian officials", "representatives of Hungary and Romania" -> HUN, ROU."""
        out: list[str] = []
        for child in head.children:
            if child.dep_ in ("amod", "compound") and child.i < head.i and demonym_country(child.text):
                words = [child, *child.conjuncts]
            elif child.dep_ == "prep" and child.lower_ in ("of", "from") and child.i > head.i:
                words = [w for o in child.children if o.dep_ == "pobj" for w in (o, *o.conjuncts)]
                if not all(w.ent_type_ == "GPE" for w in words):
                    continue  # "of Iran and its allies": only a list of countries gives each its own party
            else:
                continue
            for word in words:
                code = demonym_country(word.text) or country_code(_ent_text(word))
                if code and code not in out:
                    out.append(code)
        return out

    def _known(
        self, country: str | None, sectors: tuple[str, ...], actor_id: str, kind: str, head: Token, how: str
    ) -> Coding:
        """A dictionary coding. A person out of office on the article's date (no sector) takes the sector of
        a title in front of the name, if there is one: the text calls them by an office."""
        if kind == "person" and not sectors:
            titled = self._title(head)
            if titled is not None:
                sectors = titled.sectors
        return Coding(country, sectors, actor_id, kind, how)

    def _role(self, head: Token) -> tuple[tuple[str, ...], str] | None:
        lemma = head.lemma_.lower()
        if head.i > 0:
            two = f"{head.doc[head.i - 1].lemma_.lower()} {lemma}"
            two_text = f"{head.doc[head.i - 1].lower_} {head.lower_}"
            for key in (two_text, two):
                if key in self.nouns:
                    noun = self.nouns[key]
                    return noun.sectors, noun.kind
        if lemma in self.nouns:
            noun = self.nouns[lemma]
            if noun.kind == "state" and head.tag_ != "NNS":
                return None  # "the two countries" act; "the country" is most often a territory ("85% of the country")
            return noun.sectors, noun.kind
        if lemma in ANONYMOUS_NOUNS:
            return (), "source"
        if lemma == "member":
            return (), "person"
        return None

    def _title(self, head: Token) -> Coding | None:
        """A person named with a title in front: "Georgian President Eduard Shevardnadze", "British Foreign
        Secretary Jack Straw". The title gives the sector, a demonym or country among its words the country."""
        sectors: tuple[str, ...] | None = None
        country: str | None = None
        for tok in head.subtree:
            if tok.i >= head.i:
                continue
            role = self._role(tok)
            if tok.ent_type_ == "PERSON" and role is None:
                continue  # the rest of the name
            if role is not None and sectors is None:
                sectors = role[0]
            country = country or demonym_country(tok.text) or country_code(_ent_text(tok))
        if sectors is None:
            return None
        return Coding(country, sectors, None, "person", "title")

    def _person(self, head: Token, article: Article, home: str | None, depth: int) -> Coding | None:
        """A named person coded through an appositive role ("a spokesman for the Taliban, Zabihullah Mujahid")."""
        if head.ent_type_ != "PERSON":
            return None
        titled = self._title(head)
        if titled is not None:
            return titled
        partners = [c for c in head.children if c.dep_ == "appos"]
        if head.dep_ == "appos":
            partners.append(head.head)
        for partner in partners:
            inner = self.code_head(partner, article, home, depth + 1)
            if inner is not None:
                return Coding(
                    inner.country,
                    inner.sectors,
                    inner.actor_id if inner.kind == "person" else None,
                    "person",
                    "apposition",
                )
        return Coding(None, (), None, "person", "name")


def _candidate_phrases(doc: Doc) -> list[SpacySpan]:
    phrases: list[SpacySpan] = noun_chunks(doc)  # the spans of doc.noun_chunks, read off the columns
    for ent in doc.ents:
        if ent.label_ in ("ORG", "PERSON", "GPE", "NORP"):
            phrases.append(ent)
    return phrases


def _trim(phrase: SpacySpan) -> SpacySpan:
    """Drop leading determiners and trailing punctuation: "the Afghan government" -> "Afghan government"."""
    start, end = phrase.start, phrase.end
    doc = phrase.doc
    for tok in phrase:  # a phrase never runs across a line break
        if tok.is_space and "\n" in tok.text:
            if tok.i <= phrase.root.i:
                start = tok.i + 1
            else:
                end = tok.i
                break
    while start < end and (doc[start].lower_ in DETERMINERS or doc[start].is_punct):
        start += 1
    while end > start and doc[end - 1].is_punct:
        end -= 1
    return doc[start:end]


def _phrase_tokens(head: Token) -> list[Token]:
    """The head and its pre-modifiers (not its prepositional phrases or clauses)."""
    return [t for t in head.lefts if t.dep_ in ("compound", "amod", "nmod", "poss")] + [head]


def _phrase_text(head: Token) -> str:
    return " ".join(t.text for t in _phrase_tokens(head) if t.dep_ != "poss")


def entity_of(token: Token) -> SpacySpan | None:
    """The named entity a token belongs to, found by walking its IOB tags (``doc.ents`` rebuilds every
    entity span on each call, which cost a fifth of the extraction time on long articles)."""
    if token.ent_iob_ not in ("B", "I"):
        return None
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def _ent_text(token: Token) -> str:
    """The whole named entity a token belongs to, else the token."""
    ent = entity_of(token)
    return ent.text if ent is not None else token.text


@register("khabar.actors.dictionary.v1")
def make_actor_coder() -> ActorCoder:
    return ActorCoder()
