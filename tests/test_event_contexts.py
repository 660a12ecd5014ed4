"""PLOVER contexts: what an event's sentence is about, from its words, its CAMEO code and its parties."""

from __future__ import annotations

from datetime import date

import pytest

from khabar.evaluate.events import gold_contexts, score_events
from khabar.extractors.event_contexts import CONTEXTS, cameo_contexts, event_contexts, sentence_contexts
from khabar.kb.tables import read_tsv
from khabar.model import Article, Event, Report, Span


def _events(pipeline, text: str) -> list[Event]:  # type: ignore[no-untyped-def]
    report = next(iter(pipeline.run([Article.new(text, published=date(2024, 5, 10))])))
    assert isinstance(report, Report)
    return list(report.events)


def _contexts(pipeline, text: str) -> frozenset[str]:  # type: ignore[no-untyped-def]
    return sentence_contexts(next(iter(pipeline.nlp(text).sents)))


def test_tables_name_only_the_manuals_contexts() -> None:
    rows = read_tsv("context_keywords.tsv")
    assert len(rows) > 1000
    assert {r["context"] for r in rows} <= set(CONTEXTS)
    assert all(r["source"] and r["kind"] in ("keyword", "except") for r in rows)
    for row in read_tsv("cameo_contexts.tsv"):
        assert set(row["contexts"].split(";")) <= set(CONTEXTS)


def test_cameo_code_carries_its_context() -> None:
    assert cameo_contexts("0312") == ("military",)  # express intent to cooperate militarily
    assert cameo_contexts("075") == ("asylum",)  # grant asylum
    assert cameo_contexts("1385") == ("cbrn",)  # threaten attack with WMD
    assert cameo_contexts("0811") == ("pro_democracy",)  # the 2021 table's "democracy"
    assert cameo_contexts("030") == ()  # a category's default code says nothing of the field
    assert cameo_contexts(None) == ()


def test_meeting_about_refugees_is_migration(pipeline) -> None:  # type: ignore[no-untyped-def]
    events = _events(pipeline, "The foreign ministers of Jordan and Egypt met in Amman on Monday to discuss the "
                               "return of Syrian refugees.")  # fmt: skip
    consult = next(e for e in events if e.type == "CONSULT")
    assert "migration" in consult.contexts
    assert "diplomatic" in consult.contexts  # foreign ministers
    assert list(consult.contexts) == sorted(consult.contexts)


def test_protest_against_vote_rigging_is_election(pipeline) -> None:  # type: ignore[no-untyped-def]
    events = _events(pipeline, "Thousands of Kenyans demonstrated in Nairobi on Sunday against vote rigging.")
    protest = next(e for e in events if e.type == "PROTEST")
    assert "election" in protest.contexts


def test_airstrike_is_military(pipeline) -> None:  # type: ignore[no-untyped-def]
    events = _events(pipeline, "Turkish warplanes bombed a village in northern Iraq on Tuesday in an airstrike.")
    assault = next(e for e in events if e.type == "ASSAULT")
    assert "military" in assault.contexts


@pytest.mark.parametrize(
    ("text", "context"),
    [
        ("Officials said the cholera epidemic had spread to three provinces.", "health"),
        ("The court sentenced the former mayor to five years for embezzlement.", "corruption"),
        ("Police seized two tonnes of cocaine at the port.", "illegal_drugs"),
        ("Hackers hit the ministry with a ransomware attack.", "cyber"),
        ("Floods swept away hundreds of homes after the monsoon rains.", "disasters"),
        ("The minister spoke about the rights of gay and lesbian couples.", "lgbt"),
        ("Inspectors said the country was enriching uranium for a nuclear weapon.", "cbrn"),
        ("The two governments argued over sovereignty of the disputed islands.", "territory"),
        ("The ruling junta suspended the constitution after the coup.", "pro_autocracy"),
        ("Lawmakers debated the budget in parliament.", "legislative"),
        ("Observers denounced widespread vote-rigging.", "election"),  # a Phoenix "+" phrase, hyphenated
        ("Thousands of asylum-seekers waited at the border.", "asylum"),
    ],
)
def test_keywords_and_lemmas_give_the_context(pipeline, text: str, context: str) -> None:  # type: ignore[no-untyped-def]
    assert context in _contexts(pipeline, text)


def test_an_exception_phrase_cancels_its_keyword(pipeline) -> None:  # type: ignore[no-untyped-def]
    assert "disasters" not in _contexts(pipeline, "The president won a landslide victory in the vote.")
    assert "disasters" in _contexts(pipeline, "A landslide buried the village.")
    assert "intelligence" not in _contexts(pipeline, "The firm builds artificial intelligence software.")
    assert "diplomatic" not in _contexts(pipeline, "According to witnesses, the men left at noon.")  # lemma accord


def test_plain_sentence_has_no_context(pipeline) -> None:  # type: ignore[no-untyped-def]
    assert _contexts(pipeline, "The two men shook hands and smiled.") == frozenset()


def test_state_forces_among_the_parties_add_military(pipeline) -> None:  # type: ignore[no-untyped-def]
    sent = next(iter(pipeline.nlp("They met on Monday.").sents))
    from khabar.model import Actor

    army = Actor(name="Army", span=Span.of("Army", 0, 4), country="PAK", sectors=("MIL",))
    assert event_contexts(sent, "ASSAULT", None, None, [army]) == ("military",)
    assert event_contexts(sent, "COOPERATE", "0312", "cyber") == ("cyber", "military")


def test_one_state_speaking_to_another_is_diplomatic(pipeline) -> None:  # type: ignore[no-untyped-def]
    sent = next(iter(pipeline.nlp("They spoke on Monday.").sents))
    from khabar.model import Actor

    chile = Actor(name="Chile", span=Span.of("Chile", 0, 5), country="CHL", kind="state")
    peru = Actor(name="Peru", span=Span.of("Peru", 0, 4), country="PER", kind="state")
    assert event_contexts(sent, "ACCUSE", None, None, [chile], [peru]) == ("diplomatic",)
    assert event_contexts(sent, "ASSAULT", None, None, [chile], [peru]) == ()  # force is not diplomacy


def test_gold_context_names_map_to_todays() -> None:
    assert gold_contexts({"context": "diplomatic, refugee"}) == {"diplomatic", "migration"}
    assert gold_contexts({"context": "resource; historical"}) == {"natural_resource"}
    assert gold_contexts({"context": None}) == frozenset()


def test_context_f1_scores_only_records_whose_category_is_coded() -> None:
    text = "A sentence."
    article = Article.new(text, id="x")
    span = Span.of(text, 0, 1)
    hit = Event(id="1", type="AID", trigger=span, sentence=span, contexts=("economic", "military"))
    miss = Event(id="2", type="ASSAULT", trigger=span, sentence=span, contexts=("military",))
    records = [{"event": "AID", "context": "economic"}, {"event": "AID", "context": "legal"}]
    reports = [Report(article=article, events=(hit,)), Report(article=article, events=(miss,))]
    figures = score_events(records, reports)
    assert figures["context_precision"] == 0.5 and figures["context_recall"] == 1.0
    assert figures["context_f1"] == pytest.approx(0.6667, abs=1e-4)
