"""A change to one half of a suggestion keeps the other half; the verdict starts from what coders agreed on."""

from tui.core.sets.agreement import ContestedUnit
from tui.core.tag_change import fields_to_save


def test_changing_the_stance_of_a_suggestion_keeps_its_actor():
    assert fields_to_save({"stance": "conditional support"}, None, ("Russia", "neutral")) == {
        "stance": "conditional support", "actor": "Russia"}


def test_choosing_an_actor_keeps_the_suggested_stance():
    assert fields_to_save({"actor": "Ukraine"}, None, (None, "support")) == {"actor": "Ukraine", "stance": "support"}


def test_an_accepted_suggestion_changed_later_becomes_confirmed():
    accepted = {"actor": "Russia", "stance": "neutral", "suggested": True}
    assert fields_to_save({"stance": "oppose"}, accepted, ("Russia", "neutral")) == {"stance": "oppose",
                                                                                      "suggested": False}


def test_a_confirmed_tag_changes_only_the_field_named():
    mine = {"actor": "Ukraine", "stance": None}
    assert fields_to_save({"stance": "oppose"}, mine, ("Russia", "neutral")) == {"stance": "oppose"}


def test_no_suggestion_adds_nothing():
    assert fields_to_save({"actor": "Turkey"}, None, (None, None)) == {"actor": "Turkey"}


def unit(tags: dict, adjudicated: dict | None = None) -> ContestedUnit:
    return ContestedUnit("a", "a.txt", 0, 10, "0123456789", ["stance"], tags, adjudicated)


def test_a_first_verdict_starts_from_the_fields_the_coders_agree_on():
    contested = unit({"ann": {"actor": "Russia", "stance": "support"}, "bob": {"actor": "Russia", "stance": "oppose"}})
    assert contested.agreed() == {"actor": "Russia"}
    assert contested.verdict_change({"stance": "neutral"}) == {"actor": "Russia", "stance": "neutral"}


def test_an_empty_field_is_not_agreement_and_a_later_change_touches_only_its_field():
    contested = unit({"ann": {"actor": None, "stance": "support"}, "bob": {"actor": None, "stance": "oppose"}})
    assert contested.agreed() == {}
    decided = unit({"ann": {"actor": "Russia"}, "bob": {"actor": "Russia"}}, adjudicated={"actor": "Ukraine"})
    assert decided.verdict_change({"stance": "neutral"}) == {"stance": "neutral"}
