"""Page structure and publication dates on hand-made pages."""

from __future__ import annotations

from datetime import date

import pytest

from tui.core.extract.layout import analyse
from tui.core.extract.published import decide, infer_from_text, parse_date

TODAY = date(2026, 1, 1)


def kinds(text: str) -> dict[str, list[str]]:
    layout = analyse(text)
    found: dict[str, list[str]] = {}
    for region in layout.regions:
        found.setdefault(region.kind, []).append(text[region.start:region.end])
    return found


def test_raw_page_parts_are_marked_not_deleted() -> None:
    text = (" date 2024-03-02 Menu\n\nFloods Hit the Coast Again\n\nBy Jane Doe\n\nMarch 2, 2024\n\n"
            "Rivers burst their banks on Friday. Thousands were evacuated.\n"
            "In this photo taken on March 1, rescuers carry a boy (AP Photo/John Roe)\n"
            "What Comes Next\n"
            "Officials said more rain is expected.\n"
            "Read more: Storm season starts early\n"
            "Related article: Why floods are getting worse\n"
            "(With inputs from agencies.)\n"
            "Follow us on X for more.\n"
            "This image is AI-generated and does not depict any real event.\n"
            "Updated: 03-03-2024 10:00 IST\n"
            "Original url:\nhttps://example.com/2024/03/02/floods\n")
    found = kinds(text)
    assert found["header"] == ["date 2024-03-02 Menu"]
    assert found["title"] == ["Floods Hit the Coast Again"]
    assert found["byline"] == ["By Jane Doe"]
    assert found["dateline"] == ["March 2, 2024"]
    assert found["caption"] == ["In this photo taken on March 1, rescuers carry a boy (AP Photo/John Roe)"]
    assert found["heading"] == ["What Comes Next"]
    assert len(found["boilerplate"]) == 5
    assert found["updated"] == ["Updated: 03-03-2024 10:00 IST"]
    assert found["url"] == ["Original url:", "https://example.com/2024/03/02/floods"]
    layout = analyse(text)
    assert layout.source == "Jane Doe" and layout.url == "https://example.com/2024/03/02/floods"
    assert decide(layout.hints, text, today=TODAY) == (date(2024, 3, 2), "header")


def test_agency_dateline_prefix() -> None:
    text = "MOSCOW, May 23. /TASS/. Russia and Ukraine exchanged prisoners on Friday.\n"
    layout = analyse(text)
    (region,) = layout.regions
    assert region.kind == "dateline" and text[region.start:region.end].startswith("MOSCOW, May 23.")
    assert text[layout.paragraphs[0][0]:].startswith("Russia and Ukraine")
    assert layout.source == "TASS"
    assert decide(layout.hints, text, reference=date(2025, 5, 20), today=TODAY) == (date(2025, 5, 23), "dateline")


def test_hard_wrapped_lines_join_into_one_paragraph() -> None:
    text = "The minister said the talks\nwould resume next week.\nA second paragraph.\n"
    layout = analyse(text)
    assert [text[s:e] for s, e in layout.paragraphs] == [
        "The minister said the talks\nwould resume next week.", "A second paragraph."]


def test_markdown_headings() -> None:
    text = "# Big News\n\nSome body text here.\n\n## Background\n\nMore text.\n"
    found = kinds_md(text)
    assert found["title"] == ["Big News"] and found["heading"] == ["Background"]


def kinds_md(text: str) -> dict[str, list[str]]:
    layout = analyse(text, "md")
    found: dict[str, list[str]] = {}
    for region in layout.regions:
        found.setdefault(region.kind, []).append(text[region.start:region.end])
    return found


def test_last_updated_is_not_the_publication_date() -> None:
    text = "Last updated: 12 June 2024\nPosted on June 10, 2024\nThe council voted on Monday.\n"
    layout = analyse(text)
    assert decide(layout.hints, text, today=TODAY) == (date(2024, 6, 10), "stamp")


def test_url_date_and_override() -> None:
    text = "The council voted.\nhttps://news.example/world/2023/11/05/vote\n"
    layout = analyse(text)
    assert decide(layout.hints, text, today=TODAY) == (date(2023, 11, 5), "url")
    assert decide(layout.hints, text, override=date(2020, 1, 1)) == (date(2020, 1, 1), "--published")
    assert decide(layout.hints, text, container="2022-02-02T08:00:00+01:00") == (date(2022, 2, 2), "metadata")


@pytest.mark.parametrize("value,expected", [
    ("2025-05-26", date(2025, 5, 26)),
    ("26-05-2025", date(2025, 5, 26)),
    ("05/26/2025", date(2025, 5, 26)),
    ("May 28, 2025", date(2025, 5, 28)),
    ("Wednesday, 28 May 2025", date(2025, 5, 28)),
    ("May 28", None),
    ("31-02-2025", None),
])
def test_parse_date(value: str, expected: date | None) -> None:
    assert parse_date(value) == expected


def test_weekday_against_next_date_infers_the_day() -> None:
    text = ("The minister announced Wednesday that the delegation will travel to the talks next Monday, June 2.\n"
            "Earlier, on May 19, the leaders spoke.\n")
    assert infer_from_text(text, today=TODAY) == date(2025, 5, 28)


def test_weekday_coinciding_with_latest_date_fixes_the_year() -> None:
    text = "The ministry said on Friday the swap was done. The first phase took place on May 23.\n"
    assert infer_from_text(text, today=TODAY) == date(2025, 5, 23)


def test_latest_past_date_when_no_weekday() -> None:
    text = ("At a press conference on March 3, 2021, she said the vote would be held on March 20.\n"
            "The last vote was on February 14.\n")
    assert infer_from_text(text, today=TODAY) == date(2021, 3, 3)


def test_no_dates_no_inference() -> None:
    assert infer_from_text("Nothing dated here at all.", today=TODAY) is None
    assert decide([], "Nothing dated.", today=TODAY) == (None, None)


def test_header_sharing_its_line_with_the_first_paragraph_takes_only_its_own_tokens() -> None:
    text = (" date 2024-06-03 The council voted on Monday to close the old bridge, the mayor said.\n"
            "Work starts next week.\n")
    layout = analyse(text)
    found = kinds(text)
    assert found["header"] == ["date 2024-06-03"]
    assert [text[s:e] for s, e in layout.paragraphs][0].startswith("The council voted on Monday")
    assert decide(layout.hints, text, today=TODAY) == (date(2024, 6, 3), "header")


def test_header_with_navigation_words_keeps_them() -> None:
    # negative control for the rule above: two menu words are no paragraph
    assert kinds(" date 2024-06-03 Left Menu\n\nA story.\n")["header"] == ["date 2024-06-03 Left Menu"]


def test_dateline_with_agency_and_no_place() -> None:
    text = "May 10 (Reuters) — The two leaders met for three hours.\n"
    layout = analyse(text)
    assert kinds(text)["dateline"] == ["May 10 (Reuters) — "]
    assert layout.source == "Reuters"
    assert decide(layout.hints, text, reference=date(2025, 5, 1), today=TODAY) == (date(2025, 5, 10), "dateline")


def test_dateline_with_a_place_in_mixed_case() -> None:
    text = "Port Louis, May 10: The island's parliament passed the budget.\n"
    layout = analyse(text)
    assert kinds(text)["dateline"] == ["Port Louis, May 10: "]
    assert decide(layout.hints, text, reference=date(2025, 5, 1), today=TODAY) == (date(2025, 5, 10), "dateline")


def test_dateline_after_title_and_standfirst() -> None:
    text = ("Budget Passes After Long Night\n"
            "Lawmakers approved spending plans after a twelve-hour debate.\n"
            "ROME, June 4 (AFP) — The vote came shortly after midnight.\n")
    layout = analyse(text)
    assert kinds(text)["dateline"] == ["ROME, June 4 (AFP) — "]
    assert decide(layout.hints, text, reference=date(2025, 6, 1), today=TODAY) == (date(2025, 6, 4), "dateline")


def test_a_sentence_with_a_capitalised_subject_is_no_dateline() -> None:
    text = "Title Here\nMinisters, who met on May 10, said little.\n"
    assert "dateline" not in kinds(text)


def test_layout_is_a_table_of_line_rules() -> None:
    from tui.core.extract.layout import LINE_RULES

    assert len(LINE_RULES) > 10 and LINE_RULES[-1].__name__ == "_body"
