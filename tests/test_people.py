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
