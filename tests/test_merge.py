"""Merging as an analyst would (issue 15): compatible types, places nested in the hierarchy, date intervals,
denials as disputes, no chaining through a bridge, and the merged record. Reports are built from sentences
written for these tests (reports_factory), so no NLP runs."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from reports_factory import Spec, make_report

from khabar.cluster import MergeRules, cluster_events, cluster_store, stored_view
from khabar.export import event_rows_from_reports
from khabar.merge_pairs import COMPATIBLE_TYPES, Where, compatible_types, place_piece
from khabar.store import open_store

THURSDAY = ("on Thursday", date(2024, 3, 7), date(2024, 3, 7), "day")
REBELS = ("Rebel fighters", "SYR", ("REB",))


def seizure(text: str, url: str, *, trigger: str = "seized", kind: str = "COERCE", mode: str | None = "seize",
            place: tuple[str, str | None, str | None, float | None, float | None] | None = None,
            when: tuple[str, date, date, str] | None = THURSDAY, actor: tuple[str, str | None, tuple[str, ...]]
            | None = REBELS, published: date = date(2024, 3, 8)) -> object:  # fmt: skip
    return make_report(
        text,
        [Spec(kind, trigger, actor=actor, place=place, when=when, mode=mode)],
        url=url,
        published=published,
        outlet=url.split("/")[2],
    )


CROSSING = ("Bab al-Hawa", "SYR", "Idlib", 36.23, 36.67)
OTHER_CROSSING = ("Kassab", "SYR", "Latakia", 35.92, 35.98)


def test_one_seizure_told_at_three_levels_of_place_and_as_two_types_is_one_event() -> None:
    reports = [
        seizure("Rebel fighters seized the Bab al-Hawa crossing on Thursday, officials said.",
                "https://a.example/1", place=CROSSING),
        seizure("Rebel fighters attacked and took the border post at Bab al-Hawa in Idlib on Thursday.",
                "https://b.example/2", trigger="attacked", kind="ASSAULT", mode=None,
                place=("Idlib", "SYR", "Idlib", None, None)),
        seizure("Rebel fighters seized a major crossing into Turkey on Thursday, Syrian officials said.",
                "https://c.example/3", place=("Syria", "SYR", None, None, None)),
    ]  # fmt: skip
    clusters = cluster_events(event_rows_from_reports(reports))  # type: ignore[arg-type]
    assert [c.n_sources for c in clusters] == [3]
    record = clusters[0].record()
    assert record["place"] == "Bab al-Hawa" and record["lat"] == 36.23  # the most specific place
    assert record["date_earliest"] == record["date_latest"] == date(2024, 3, 7)
    assert {s["outlet"] for s in record["sources"]} == {"a.example", "b.example", "c.example"}
    assert all(s["reason"] for s in record["sources"])


def test_another_crossing_on_the_same_day_stays_apart() -> None:
    reports = [
        seizure("Rebel fighters seized the Bab al-Hawa crossing on Thursday.", "https://a.example/1", place=CROSSING),
        seizure("Rebel fighters seized the Kassab crossing on Thursday.", "https://b.example/2", place=OTHER_CROSSING),
        seizure("Rebel fighters seized a crossing in Syria on Thursday, officials said.", "https://c.example/3",
                place=("Syria", "SYR", None, None, None)),
    ]  # fmt: skip
    clusters = cluster_events(event_rows_from_reports(reports))  # type: ignore[arg-type]
    for cluster in clusters:  # the country-level report may join either, never both crossings in one event
        assert len({m.get("admin1") for m in cluster.members if m.get("admin1")}) <= 1
    assert len(clusters) >= 2


def test_no_chaining_through_a_bridge() -> None:
    """A vague report close to two different events must not pull them into one (average linkage)."""
    a = seizure("Rebel fighters seized the Bab al-Hawa crossing on Thursday.", "https://a.example/1", place=CROSSING)
    b = seizure("Rebel fighters seized the Kassab crossing on Thursday.", "https://b.example/2", place=OTHER_CROSSING)
    bridge = seizure("Rebel fighters seized the Bab al-Hawa and Kassab crossings in Syria on Thursday.",
                     "https://c.example/3",
                     place=("Syria", "SYR", None, None, None))  # fmt: skip
    for threshold in (0.55, 0.9, 0.99):
        clusters = cluster_events(event_rows_from_reports([a, b, bridge]), MergeRules(threshold=threshold))  # type: ignore[list-item]
        together = [c for c in clusters if {"Bab al-Hawa", "Kassab"} <= {m.get("place") for m in c.members}]
        assert not together, threshold


def test_types_compatible_only_through_the_table() -> None:
    assert compatible_types("ASSAULT", None, "COERCE", "seize")
    assert compatible_types("COERCE", "seize", "ASSAULT", None)
    assert not compatible_types("ASSAULT", None, "COERCE", "deport")
    assert not compatible_types("ASSAULT", None, "AGREE", None)
    assert all(len(row) == 5 and row[4] for row in COMPATIBLE_TYPES)  # every row says why
    seized = seizure("Rebel fighters seized the Bab al-Hawa crossing on Thursday.", "https://a.example/1",
                     place=CROSSING)  # fmt: skip
    agreed = seizure("Rebel fighters agreed to hand over the Bab al-Hawa crossing on Thursday.", "https://b.example/2",
                     trigger="agreed", kind="AGREE", mode=None, place=CROSSING)  # fmt: skip
    assert len(cluster_events(event_rows_from_reports([seized, agreed]))) == 2  # type: ignore[list-item]


def test_places_in_the_hierarchy() -> None:
    def where(country: str | None, admin1: str | None = None, lat: float | None = None, precision: str | None = None):  # type: ignore[no-untyped-def]
        return Where.of({"country": country, "admin1": admin1, "lat": lat, "lon": lat, "geo_precision": precision})

    crossing, province, country = where("SYR", "Idlib", 36.2, "point"), where("SYR", "Idlib"), where("SYR")
    assert not place_piece(crossing, province, 50).conflict and not place_piece(crossing, country, 50).conflict
    assert place_piece(crossing, where("SYR", "Latakia"), 50).conflict
    assert place_piece(country, where("TUR"), 50).conflict
    assert place_piece(crossing, where("SYR", "Idlib", 37.5, "point"), 50).conflict  # ~180 km apart
    assert place_piece(crossing, province, 50).score > place_piece(crossing, country, 50).score


def test_an_undated_report_meets_a_dated_one_in_its_publication_week() -> None:
    dated = seizure("Rebel fighters seized the Bab al-Hawa crossing on Thursday.", "https://a.example/1",
                    place=CROSSING)  # fmt: skip
    undated = seizure("Rebel fighters have seized the Bab al-Hawa crossing, officials said.", "https://b.example/2",
                      place=CROSSING, when=None, published=date(2024, 3, 9))  # fmt: skip
    much_later = seizure("Rebel fighters have seized the Bab al-Hawa crossing, officials said.", "https://c.example/3",
                         place=CROSSING, when=None, published=date(2024, 5, 9))  # fmt: skip
    clusters = cluster_events(event_rows_from_reports([dated, undated, much_later]))  # type: ignore[list-item]
    assert sorted(c.n_sources for c in clusters) == [1, 2]


def test_wire_copies_and_a_repeated_ingest(tmp_path: Path) -> None:
    text = "Rebel fighters seized the Bab al-Hawa crossing on Thursday after a day of fighting, officials said."
    wire = seizure(text, "https://wire.example/1", place=CROSSING)
    copy = seizure(text.replace("after a day of fighting", "after a day of heavy fighting") + " (Wire)",
                   "https://paper.example/world/2", place=CROSSING)  # fmt: skip
    with open_store(tmp_path / "k.db") as store:
        store.put(wire)  # type: ignore[arg-type]
        store.put(wire)  # type: ignore[arg-type]  # the same article again: nothing new
        store.put(copy)  # type: ignore[arg-type]
        figures = cluster_store(store)
        assert figures["clusters"] == 1 and figures["multi_source"] == 1 and figures["events"] == 2
        [merged] = [stored_view(c) for c in store.clusters()]
        assert merged["n_sources"] == 2 and len(merged["reports"]) == 2 and merged["disputes"] == []
        assert {r["evidence"] for r in merged["reports"]} == {text, copy.article.text.removesuffix(" (Wire)")}  # type: ignore[attr-defined]


def test_a_denial_is_a_dispute_on_the_event_not_an_event() -> None:
    one = seizure("Rebel fighters seized the Bab al-Hawa crossing on Thursday, officials said.",
                  "https://a.example/1", place=CROSSING)  # fmt: skip
    two = seizure("Rebel fighters captured the Bab al-Hawa border crossing on Thursday.", "https://b.example/2",
                  trigger="captured", place=CROSSING)  # fmt: skip
    denial = make_report(
        "The defence ministry denied that rebel fighters had seized the Bab al-Hawa crossing on Thursday.",
        [Spec("REJECT", "denied", actor=("The defence ministry", "SYR", ("GOV",)), when=THURSDAY)],
        url="https://c.example/3",
        published=date(2024, 3, 8),
        outlet="c.example",
    )
    unrelated = make_report(
        "The defence ministry rejected a ceasefire proposal on Thursday.",
        [Spec("REJECT", "rejected", actor=("The defence ministry", "SYR", ("GOV",)), when=THURSDAY)],
        url="https://d.example/4",
        published=date(2024, 3, 8),
        outlet="d.example",
    )
    clusters = cluster_events(event_rows_from_reports([one, two, denial, unrelated]))  # type: ignore[list-item]
    [seized] = [c for c in clusters if c.members[0]["type"] == "COERCE"]
    assert seized.n_sources == 2
    assert [d["article_id"] for d in seized.disputes] == [denial.article.id]
    record = seized.record()
    assert record["disputes"][0]["by"] == "The defence ministry"
    assert all(c.members[0]["article_id"] != denial.article.id for c in clusters)  # not an event of its own
    assert any(c.members[0]["article_id"] == unrelated.article.id for c in clusters)  # a rejection of a proposal


def test_narrowest_date_all_reports_allow() -> None:
    day = seizure("Rebel fighters seized the Bab al-Hawa crossing on Thursday.", "https://a.example/1",
                  place=CROSSING)  # fmt: skip
    month = seizure("Rebel fighters seized the Bab al-Hawa crossing in March.", "https://b.example/2", place=CROSSING,
                    when=("in March", date(2024, 3, 1), date(2024, 3, 31), "month"))  # fmt: skip
    clusters = cluster_events(event_rows_from_reports([day, month]))  # type: ignore[list-item]
    assert len(clusters) == 1
    record = clusters[0].record()
    assert (record["date_earliest"], record["date_latest"]) == (date(2024, 3, 7), date(2024, 3, 7))


def test_the_events_of_one_trigger_are_one_act() -> None:
    """The coder emits one event per candidate place when it cannot choose: one act, alternative places."""
    report = seizure("Rebel fighters seized the Bab al-Hawa crossing on Thursday.", "https://a.example/1",
                     place=CROSSING)  # fmt: skip
    event = report.events[0]  # type: ignore[attr-defined]
    wrong = replace(event, id="e2", place=replace(event.place, name="Ankara", country="TUR", admin1="Ankara"))
    twin = replace(report, events=(event, wrong))  # type: ignore[type-var]
    other = seizure("Rebel fighters took the Bab al-Hawa crossing on Thursday.", "https://b.example/2",
                    trigger="took", place=CROSSING)  # fmt: skip
    clusters = cluster_events(event_rows_from_reports([twin, other]))  # type: ignore[list-item]
    assert [len(c.members) for c in clusters] == [3]


def test_a_country_level_report_meets_the_finer_place_its_sentence_names() -> None:
    """Placed in the neighbouring country (the coder could only choose a country), the report still meets the
    reports of the crossing its sentence names; a report placed there with no such place does not."""
    at_crossing = seizure("Rebel fighters seized the Bab al-Hawa crossing on Thursday, officials said.",
                          "https://a.example/1", place=CROSSING)  # fmt: skip
    text = "Rebel fighters seized the Bab al-Hawa crossing on the border with Turkey on Thursday."
    elsewhere = seizure(text, "https://b.example/2", place=("Turkey", "TUR", None, None, None))
    event = elsewhere.events[0]  # type: ignore[attr-defined]
    named = replace(event.place, name="Bab al-Hawa", span=event.trigger, country="SYR", admin1="Idlib",
                    lat=36.23, lon=36.67, precision="point")  # fmt: skip
    turkey = replace(event.place, precision="country", kind="country")
    elsewhere = replace(elsewhere, events=(replace(event, place=turkey, places_mentioned=(named, turkey)),))  # type: ignore[type-var]
    alone = replace(elsewhere, events=(replace(event, place=turkey, places_mentioned=(turkey,)),))  # type: ignore[type-var]
    assert [c.n_sources for c in cluster_events(event_rows_from_reports([at_crossing, elsewhere]))] == [2]  # type: ignore[list-item]
    assert len(cluster_events(event_rows_from_reports([at_crossing, alone]))) == 2  # type: ignore[list-item]


def test_with_nothing_to_date_them_only_near_identical_wording_merges() -> None:
    """Two leaders meet many times: undated reports of a meeting stay apart unless worded alike (a wire copy)."""

    def meeting(text: str, url: str) -> object:
        return make_report(text, [Spec("CONSULT", "met", actor=("Lena Marsh", "NOR", ("GOV",)))], url=url)

    one = meeting("Lena Marsh met the Danish prime minister in Oslo to discuss fishing quotas.", "https://a.example/1")
    other = meeting("Lena Marsh met her Danish counterpart in Copenhagen about energy.", "https://b.example/2")
    copy = meeting("Lena Marsh met the Danish prime minister in Oslo to discuss fishing quotas, officials said.",
                   "https://c.example/3")  # fmt: skip
    assert all(r.article.published is None for r in (one, other, copy))  # type: ignore[attr-defined]
    clusters = cluster_events(event_rows_from_reports([one, other, copy]))  # type: ignore[list-item]
    assert sorted(c.n_sources for c in clusters) == [1, 2]
    [pair] = [c for c in clusters if c.n_sources == 2]
    assert {m["article_id"] for m in pair.members} == {one.article.id, copy.article.id}  # type: ignore[attr-defined]
