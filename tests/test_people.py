"""People named bare in one article are recognised from how another article of the corpus introduces them."""

from __future__ import annotations

from pathlib import Path

from tui.core.extract.pipeline import extract_paths


def test_side_and_full_name_learned_from_the_corpus(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Chilean Foreign Minister Alberto van Klaveren met his Peruvian counterpart.\n")
    (tmp_path / "b.txt").write_text('"We will keep talking," Klaveren said after the meeting in Lima.\n')
    first, second = extract_paths([tmp_path])
    (quote,) = second.quotes
    assert quote.side == "Chile"


def test_a_surname_shared_by_two_sides_stays_open(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Chilean minister Ana Lopez spoke. Peruvian minister Juan Lopez replied.\n")
    (tmp_path / "b.txt").write_text('"No deal yet," Lopez said on Friday.\n')
    _, second = extract_paths([tmp_path])
    (quote,) = second.quotes
    assert quote.side is None


def test_merging_learners_in_input_order_equals_learning_in_sequence() -> None:
    """Split anywhere and merged in input order, the registry answers as one registry that read every article:
    ties between two full names of one surname go to the first seen either way."""
    from tui.core.extract.actors import find_mentions
    from tui.core.extract.people import PeopleRegistry

    texts = [
        "Chilean Foreign Minister Ana Lopez spoke first.",
        "Chilean Foreign Minister Anna Lopez replied later.",  # a tie with 'Ana Lopez': the first seen wins
        "Peruvian President Juan Quispe arrived on Monday.",
        "Chilean Foreign Minister Anna Lopez spoke again.",
        "Peruvian President Juan Quispe left on Tuesday.",
    ]
    mentions = [find_mentions(text) for text in texts]
    whole = PeopleRegistry()
    for found in mentions:
        whole.learn(found)
    for split in range(len(texts) + 1):
        first, second = PeopleRegistry(), PeopleRegistry()
        for found in mentions[:split]:
            first.learn(found)
        for found in mentions[split:]:
            second.learn(found)
        first.merge(second)
        for name in ("Lopez", "Anna Lopez", "Ana Lopez", "Quispe", "Juan Quispe", "Smith"):
            assert first.lookup(name) == whole.lookup(name), (split, name)
