"""Cross-article merge: the same event from two articles is one cluster; different events stay apart."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from reports_factory import ATTACK_TEXT, Spec, attack_report, make_report, protest_report

from khabar.cluster import cluster_events, cluster_store
from khabar.export import event_rows_from_reports
from khabar.store import open_store

BOMB_TEXT = (
    "A roadside bomb exploded near a market in Spin Boldak on Monday, killing three civilians, local elders said."
)


def bomb_report() -> object:
    return make_report(
        BOMB_TEXT,
        [
            Spec(
                "ASSAULT",
                "exploded",
                recipient=("three civilians", None, ("CVL",)),
                place=("Spin Boldak", "AFG", "Kandahar", 31.0, 66.4),
                when=("on Monday", date(2021, 7, 5), date(2021, 7, 5), "day"),
                killed=("three civilians", 3),
            )
        ],
        url="https://c.example/bomb",
        published=date(2021, 7, 6),
        outlet="c.example",
    )


def test_same_text_under_two_urls_is_one_cluster_with_two_sources() -> None:
    one = attack_report(url="https://a.example/attack", title="Checkpoint attacked")
    two = attack_report(url="https://mirror.example/story/99", title="Twelve police killed in Kandahar")
    assert one.article.id != two.article.id
    clusters = cluster_events(event_rows_from_reports([one, two]))
    assert len(clusters) == 1
    [cluster] = clusters
    assert cluster.n_sources == 2
    [link] = cluster.links.values()
    assert "evidence similarity 1.00" in link.reason and link.score > 0.9


def test_different_events_same_day_same_province_stay_apart() -> None:
    rows = event_rows_from_reports([attack_report(), bomb_report(), protest_report()])  # type: ignore[list-item]
    clusters = cluster_events(rows)
    assert len(clusters) == 3
    assert all(c.n_sources == 1 for c in clusters)


def test_paraphrase_with_same_actors_and_toll_joins() -> None:
    text = (
        "Taliban fighters stormed a police checkpoint in Kandahar province on Monday and killed 12 officers, "
        "the interior ministry said."
    )
    other = make_report(
        text,
        [
            Spec(
                "ASSAULT",
                "stormed",
                actor=("Taliban fighters", "AFG", ("INS",)),
                recipient=("police checkpoint", "AFG", ("COP",)),
                place=("Kandahar", "AFG", "Kandahar", 31.61, 65.71),
                when=("on Monday", date(2021, 7, 5), date(2021, 7, 5), "day"),
                killed=("12 officers", 12),
                speaker=("the interior ministry", "attributed"),
            )
        ],
        url="https://d.example/x",
        published=date(2021, 7, 7),
        outlet="d.example",
    )
    clusters = cluster_events(event_rows_from_reports([attack_report(), other]))
    assert [c.n_sources for c in clusters] == [2]


def test_conflicting_dates_or_places_never_join() -> None:
    later = make_report(
        ATTACK_TEXT,
        [Spec("ASSAULT", "attacked", actor=("Taliban fighters", "AFG", ("INS",)),
              place=("Kandahar", "AFG", "Kandahar", 31.61, 65.71),
              when=("on Monday", date(2021, 8, 2), date(2021, 8, 2), "day"))],
        url="https://e.example/later",
    )  # fmt: skip
    elsewhere = make_report(
        ATTACK_TEXT,
        [Spec("ASSAULT", "attacked", actor=("Taliban fighters", "AFG", ("INS",)),
              place=("Kandahar", "AFG", "Herat", 34.35, 62.2),
              when=("on Monday", date(2021, 7, 5), date(2021, 7, 5), "day"))],
        url="https://f.example/elsewhere",
    )  # fmt: skip
    clusters = cluster_events(event_rows_from_reports([attack_report(), later, elsewhere]))
    assert len(clusters) == 3


def test_clusters_are_stored_with_reasons_and_recomputable(tmp_path: Path) -> None:
    with open_store(tmp_path / "k.db") as store:
        store.put(attack_report(url="https://a.example/1"))
        store.put(attack_report(url="https://b.example/2", title="Other title"))
        store.put(protest_report())
        first = cluster_store(store)
        assert first == {"events": 3, "clusters": 2, "multi_source": 1, "disputed": 0}
        [merged] = store.clusters(min_sources=2)
        assert merged["n_sources"] == 2 and merged["n_outlets"] == 2 and merged["type"] == "ASSAULT"
        assert merged["first_report"] == date(2021, 7, 6) and merged["admin1"] == "Kandahar"
        reasons = sorted(m["reason"] for m in merged["members"])
        assert reasons[0].startswith("first report") or reasons[1].startswith("first report")
        assert any("evidence similarity" in r for r in reasons)
        assert {m["stance"] for m in merged["members"]} == {"attributed"}
        event = store.get_event(merged["members"][0]["event_id"])
        assert event is not None and event["clusters"] == [merged["id"]]
        assert cluster_store(store) == first  # recomputing replaces, never accumulates
        assert store.counts()["clusters"] == 2


def test_cluster_command_lists_merged_events_with_reports(tmp_path: Path) -> None:
    import json

    from click.testing import CliRunner

    from khabar.cli import main

    db = f"sqlite:///{tmp_path / 'k.db'}"
    with open_store(db) as store:
        store.put(attack_report(url="https://a.example/1"))
        store.put(attack_report(url="https://b.example/2", title="Other title"))
        store.put(protest_report())
    result = CliRunner().invoke(main, ["cluster", "--db", db, "--json", "--min-sources", "2"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    assert (figures["clusters"], figures["multi_source"], figures["disputed"]) == (2, 1, 0)
    [merged] = figures["merged"]  # --min-sources 2 lists only the attack
    assert merged["n_sources"] == 2 and merged["type"] == "ASSAULT" and merged["disputes"] == []
    assert {s["outlet"] for s in merged["sources"]} == {"a.example", "b.example"}
    assert all(s["evidence"] and s["stance"] == "attributed" for s in merged["sources"])
    assert merged["date_earliest"] == merged["date_latest"] == "2021-07-05" and merged["place"] == "Kandahar"
