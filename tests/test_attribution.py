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


# -- constructions, on sentences written for these tests ---------------------------------------------------


def _attributions(pipeline, text: str) -> list:  # type: ignore[no-untyped-def,type-arg]
    from khabar.model import Article

    report = next(iter(pipeline.run([Article.new(text)])))
    assert isinstance(report, Report)
    return list(report.attributions)


def _one(found: list, cue: str):  # type: ignore[no-untyped-def,type-arg]
    hits = [a for a in found if a.cue == cue]
    assert len(hits) == 1, [(a.cue, a.speaker) for a in found]
    return hits[0]


def test_pronoun_speaker_keeps_the_pronoun_and_names_its_antecedent(pipeline) -> None:  # type: ignore[no-untyped-def]
    found = _attributions(pipeline, "Maria Okafor chairs the port authority. She told reporters that the docks "
                                    "would reopen on Monday.")  # fmt: skip
    told = _one(found, "told")
    assert told.span.text == "She" and told.how == "pronoun"
    assert told.speaker == "Maria Okafor" and told.antecedent is not None and told.antecedent.text == "Maria Okafor"
    assert told.content is not None and told.content.text == "the docks would reopen on Monday"


def test_participial_and_conjoined_cues_share_their_verb_subject(pipeline) -> None:  # type: ignore[no-untyped-def]
    found = _attributions(pipeline, "The fire brigade confirmed two deaths on Sunday, adding that the cause of "
                                    "the blaze was still unknown.")  # fmt: skip
    adding = _one(found, "adding")
    assert adding.how == "shared" and adding.speaker == "The fire brigade"
    assert adding.content is not None and adding.content.text.startswith("the cause of the blaze")
    confirmed = _one(found, "confirmed")
    assert confirmed.content is not None and confirmed.content.text == "two deaths"


def test_relative_who_stands_for_its_noun(pipeline) -> None:  # type: ignore[no-untyped-def]
    found = _attributions(pipeline, "The bill was written by Tomas Lindqvist, who said it would cut waiting "
                                    "times in half.")  # fmt: skip
    said = _one(found, "said")
    assert said.how == "relative" and said.span.text == "who" and said.speaker == "Tomas Lindqvist"


def test_a_quotation_runs_across_sentences_to_its_closing_mark(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ('The mayor spoke after the vote. "The tunnel will open in May. Buses will run every ten minutes. '
            'Nobody will pay more," Mayor Ines Duarte said.')  # fmt: skip
    said = _one(_attributions(pipeline, text), "said")
    assert said.speaker == "Ines Duarte" and said.title == "Mayor"
    assert said.content is not None and said.content.text.startswith("The tunnel will open in May.")
    assert said.content.text.rstrip(',"').endswith("Nobody will pay more")


def test_a_quote_paragraph_carried_on_after_the_cue_is_the_same_speaker(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = '"We were ready for a long night," coach Ada Brennan said. "The second half was ours."'
    said = _one(_attributions(pipeline, text), "said")
    assert said.content is not None and "The second half was ours" in said.content.text


def test_apposition_is_the_title_not_the_name(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "Rafael Moreno, the regional health minister, said the clinic had run out of vaccine."
    said = _one(_attributions(pipeline, text), "said")
    assert said.speaker == "Rafael Moreno" and said.title is not None and "health minister" in said.title


def test_cue_classes_beyond_saying(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Engineers believe the bridge can carry heavier trucks. The storm reportedly flooded three villages. "
            "The union's claim that wages fell by a third was rejected.")  # fmt: skip
    found = _attributions(pipeline, text)
    believe = _one(found, "believe")
    assert believe.cue_class == "thought" and believe.speaker == "Engineers"
    reportedly = _one(found, "reportedly")
    assert reportedly.how == "implicit" and reportedly.cue_class == "adverbial"
    claim = _one(found, "claim")
    assert claim.cue_class == "nominal" and claim.stance == "claimed"
    assert claim.content is not None and claim.content.text == "wages fell by a third"


def test_thought_verbs_need_a_clause_and_announced_measures_are_acts(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("The council expects to finish the road by June. The government announced new curfew measures on "
            "Friday.")  # fmt: skip
    cues = {a.cue for a in _attributions(pipeline, text)}
    assert "expects" not in cues and "announced" not in cues


def test_nested_attribution_is_a_child_of_the_outer_one(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "According to the state news agency, the defence minister said the border would stay closed."
    found = _attributions(pipeline, text)
    outer, inner = _one(found, "According to"), _one(found, "said")
    assert inner.parent == outer.id and outer.parent is None


def test_first_person_in_a_quote_is_the_quote_s_speaker(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = '"I think the harvest will be late this year," farmer Jonas Bergman said.'
    think = _one(_attributions(pipeline, text), "think")
    assert think.span.text == "I" and think.speaker == "Jonas Bergman"


def test_events_in_a_quote_are_attributed_and_listed(pipeline) -> None:  # type: ignore[no-untyped-def]
    from khabar.model import Article

    text = ('"Rebels attacked the convoy near the river. Our soldiers arrested six men," the army spokesman '
            "Omar Haddad told reporters.")  # fmt: skip
    report = next(iter(pipeline.run([Article.new(text)])))
    told = _one(list(report.attributions), "told")
    quoted = [
        e
        for e in report.events
        if told.content is not None and told.content.start <= e.trigger.start < told.content.end
    ]
    assert quoted, [e.trigger.text for e in report.events]
    for event in quoted:
        assert event.attribution is not None and event.attribution.id == told.id
        assert event.id in told.events


def test_colon_before_a_quotation_attributes_it(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ('Governor Maria Lopez addressed the crowd: "We will rebuild every school that the flood destroyed."\n\n'
            'Howard Kurtz, Fox News: "The coverage has been relentless and one-sided."\n\n'
            'The results were clear: "a landslide for the incumbent party and its leader."')  # fmt: skip
    found = [a for a in _attributions(pipeline, text) if a.cue_class == "colon"]
    by_name = {a.speaker: a for a in found}
    assert set(by_name) == {"Maria Lopez", "Howard Kurtz"}
    assert by_name["Maria Lopez"].cue == "addressed the crowd" and by_name["Maria Lopez"].title == "Governor"
    kurtz = by_name["Howard Kurtz"]
    assert kurtz.title == "Fox News" and kurtz.content is not None and kurtz.content.text.startswith("The coverage")


def test_title_case_headline_verbs_are_read(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "Police Chief Anna Berg Says Arrests Will Follow The Riots\n\nThe riots ended on Sunday."
    says = _one(_attributions(pipeline, text), "Says")
    assert says.speaker == "Anna Berg" and says.title == "Police Chief"
    assert says.content is not None and says.content.text == "Arrests Will Follow The Riots"


def test_gerunds_and_joined_reports_are_not_cues(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Judge Ellen Park wrote denying the farmers water rights broke the treaty. Senator Ruth Alder told "
            'reporters the plan "was a disaster," while Governor Tim Olsen noted its "careful and honest '
            'costing".')  # fmt: skip
    found = _attributions(pipeline, text)
    assert "denying" not in {a.cue for a in found}
    told, noted = _one(found, "told"), _one(found, "noted")
    assert told.content is not None and "Olsen" not in told.content.text
    assert noted.speaker == "Tim Olsen" and noted.content is not None and "disaster" not in noted.content.text


def test_a_statement_saying_is_its_issuer_s(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The water board issued a statement saying the dam was safe. "
        "A statement saying the border was open circulated online."
    )
    found = _attributions(pipeline, text)
    issued = next(a for a in found if a.content is not None and a.content.text == "the dam was safe")
    assert issued.cue == "saying" and issued.speaker == "The water board" and issued.how == "shared"
    unsigned = next(a for a in found if a.content is not None and a.content.text == "the border was open")
    assert unsigned.span.text == "A statement"


def test_a_parenthetical_cue_attributes_the_clause_around_it(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "If she is elected president, Clara Voss said, taxes will fall."
    said = _one(_attributions(pipeline, text), "said")
    assert said.speaker == "Clara Voss" and said.content is not None
    assert said.content.text.startswith("If she is elected") and said.content.text.endswith("taxes will fall")
