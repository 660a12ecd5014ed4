"""Attribution on the founding article: who says so, through which cue and channel, and disputes."""

from __future__ import annotations

from khabar.model import Report


def _by_speaker(report: Report, words: str) -> list:  # type: ignore[type-arg]
    return [a for a in report.attributions if words in a.speaker]


def test_anonymous_source_with_its_affiliation(seed_report: Report) -> None:
    (source,) = _by_speaker(seed_report, "a source in the Iranian armed forces")
    assert source.anonymous and source.cue == "According to"
    assert (source.country, source.sectors) == ("IRN", ("MIL",))


def test_spokesman_told_afp_is_linked_to_the_named_spokesman(seed_report: Report) -> None:
    told = [a for a in seed_report.attributions if a.cue == "told"]
    assert len(told) == 1
    assert told[0].speaker == "a spokesman for the interior ministry"
    assert told[0].via == "AFP" and not told[0].anonymous
    assert told[0].content is not None and told[0].content.text.startswith("All Afghan security forces")


def test_named_speaker_with_apposed_role(seed_report: Report) -> None:
    (mujahid,) = _by_speaker(seed_report, "Zabihullah Mujahid")
    assert mujahid.cue == "said" and mujahid.role == "spokesman for the Taliban"
    assert mujahid.country == "AFG"


def test_claim_disputed_by_the_government(seed_report: Report) -> None:
    (officials,) = _by_speaker(seed_report, "Taliban officials")
    assert officials.cue == "claim" and officials.stance == "disputed"
    assert officials.disputed_by is not None and "Afghan government" in officials.disputed_by
    claims = [c for c in seed_report.claims if c.claimant.name == "Taliban officials"]
    assert len(claims) == 1 and claims[0].quantity is not None and claims[0].quantity.value == 85
    assert claims[0].disputed_by is not None and claims[0].disputed_by.sectors == ("GOV",)


def test_getty_photo_credit_is_no_source(seed_report: Report) -> None:
    names = [a.speaker for a in seed_report.attributions] + [a.name for a in seed_report.actors]
    assert not any("Getty" in n for n in names)
