"""The publication date inferred from the text: weekdays in the past tense, relative days next to explicit dates."""

from __future__ import annotations

from datetime import date

from tui.core.extract.layout import analyse
from tui.core.extract.pipeline import extract_article
from tui.core.extract.published import decide, infer_from_text
from tui.core.extract.reader import RawArticle

TODAY = date(2026, 1, 1)


def test_past_weekday_does_not_move_publication_past_the_latest_date() -> None:
    # Saturday May 24, 2025 is the latest date; "on Friday" is the Friday before it, not the one after
    text = "The ministry said on Friday that more prisoners would follow. The swap was completed on May 24, 2025.\n"
    assert infer_from_text(text, today=TODAY) == date(2025, 5, 24)


def test_yesterday_next_to_a_date_puts_publication_a_day_later() -> None:
    text = "The treaty was signed yesterday (May 12, 2025) in Geneva, officials said.\n"
    assert infer_from_text(text, today=TODAY) == date(2025, 5, 13)


def test_a_week_ago_next_to_a_date() -> None:
    text = "The talks, held on May 5, 2025, a week ago, ended without a deal.\n"
    assert infer_from_text(text, today=TODAY) == date(2025, 5, 12)


def test_a_relative_day_in_another_sentence_is_no_evidence() -> None:
    # negative control: "yesterday" belongs to a different sentence than the date
    text = "The talks were held on May 5, 2025. Officials met again yesterday.\n"
    assert infer_from_text(text, today=TODAY) == date(2025, 5, 5)


def test_header_on_the_first_paragraph_keeps_its_dates_and_quotes() -> None:
    text = (' date 2025-05-26 Russia said on Friday it would present a memorandum on June 2. "We are ready," '
            "the minister said.\n")
    layout = analyse(text)
    assert decide(layout.hints, text, today=TODAY) == (date(2025, 5, 26), "header")
    article = extract_article(RawArticle("page.txt", text, "txt"))
    assert article.published == date(2025, 5, 26)
    assert {t.text for t in article.timexes} >= {"Friday", "June 2"}
    assert [q.text for q in article.quotes] and "We are ready" in article.quotes[0].text
