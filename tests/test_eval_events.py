"""khabar eval events on the PLOVER gold sentences (development half): floors that only ever go up."""

from __future__ import annotations

from conftest import shared_path

# Measured 2026-11-26: macro F1 0.710, micro F1 0.754, actor country 0.889, sector 0.805.
# Measured 2026-12-01 (evening): macro F1 0.778, micro F1 0.806, actor country 0.887, sector 0.813, silent 0.056.
FLOORS = {"macro_f1": 0.77, "micro_f1": 0.80, "actor_country_acc": 0.88, "actor_sector_acc": 0.81}


def test_plover_dev_floors() -> None:
    from khabar.evaluate.events import evaluate_events

    gold = shared_path("gold", "plover_gsr", "PLOVER_GSR_CAMEO.dev.json")
    figures = evaluate_events(gold)
    assert figures["n"] == 161
    for key, floor in FLOORS.items():
        assert figures[key] >= floor, f"{key} {figures[key]} fell below its floor {floor}"
    assert set(figures["per_category"]) >= {"ASSAULT", "PROTEST", "REQUEST", "REJECT", "THREATEN"}
