"""Tests for the TIMEX3 tagger (tui.core.extract.timex.tagger) and its scorers (tui.core.timebank)."""

from __future__ import annotations

import random
import time
from datetime import date
from pathlib import Path

import pytest

from tui.core.extract.timex.tagger import find_timexes

REPO = Path(__file__).resolve().parents[1]
TIMEBANK = REPO.parent / "shared" / "data" / "timebank"
WEDNESDAY = date(2025, 5, 28)
NEW_YEAR = date(2025, 1, 2)  # a Thursday


def tag(text: str, anchor: date | None = WEDNESDAY):
    found = find_timexes(text, anchor)
    for timex in found:
        assert text[timex.start : timex.end] == timex.text
    return found


def only(text: str, anchor: date | None = WEDNESDAY):
    found = tag(text, anchor)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    "sentence, phrase, value",
    [
        ("Lavrov said on Friday that talks went well.", "Friday", "2025-05-23"),
        ("The minister announced Wednesday that a delegation is ready.", "Wednesday", "2025-05-28"),
        ("The delegation will arrive on Friday for more talks.", "Friday", "2025-05-30"),
        ("Officials met last Thursday in Geneva.", "last Thursday", "2025-05-22"),
        ("The vote is planned for next Tuesday.", "next Tuesday", "2025-06-03"),
        ("Prisoners were swapped on May 16.", "May 16", "2025-05-16"),
        ("The photo was taken on Monday, May 19, 2025, in Moscow.", "Monday, May 19, 2025", "2025-05-19"),
        ("They had not met since March 2022, officials said.", "March 2022", "2022-03"),
        ("The war began in 2022.", "2022", "2022"),
        ("Prices rose sharply in 1998.", "1998", "1998"),
        ("The treaty was signed on 16 May 2024 in Paris.", "16 May 2024", "2024-05-16"),
        ("Posted 26-05-2025 at noon", "26-05-2025", "2025-05-26"),
        ("The report is dated 2025-05-26.", "2025-05-26", "2025-05-26"),
        ("Sales grew last week.", "last week", "2025-W21"),
        ("Sales will grow next week.", "next week", "2025-W23"),
        ("The two sides met earlier this month in Istanbul.", "earlier this month", "2025-05"),
        ("Growth will slow this year.", "this year", "2025"),
        ("Growth slowed last year.", "last year", "2024"),
        ("The plan will be published next month.", "next month", "2025-06"),
        ("The minister resigned yesterday.", "yesterday", "2025-05-27"),
        ("The talks open today.", "today", "2025-05-28"),
        ("The talks open tomorrow.", "tomorrow", "2025-05-29"),
        ("The strike began two weeks ago.", "two weeks ago", "2025-W20"),
        ("The bank failed three years ago.", "three years ago", "2022"),
        ("The ministers met this morning.", "this morning", "2025-05-28TMO"),
        ("The ministers will meet at 3 p.m. to discuss the plan.", "3 p.m.", "2025-05-28T15:00"),
        ("The company reported lower profit for the third quarter.", "the third quarter", "2024-Q3"),
        ("Exports boomed in the 1990s.", "the 1990s", "199"),
        ("Sales fell in the winter of 2023.", "winter of 2023", "2023-WI"),
        ("Elections were held in the winter.", "the winter", "2024-WI"),
    ],
)
def test_dates(sentence, phrase, value):
    found = tag(sentence)
    matching = [t for t in found if phrase in t.text or t.text in phrase]
    assert matching, found
    assert matching[0].value == value, matching[0]


def test_quarter_uses_anchor_year():
    timex = only("The company reported lower profit for the third quarter.", date(1998, 11, 2))
    assert (timex.value, timex.type) == ("1998-Q3", "DATE")


def test_weekday_with_explicit_date():
    found = tag("The next round of talks is set for Istanbul next Monday, June 2.")
    assert found and all(t.value == "2025-06-02" for t in found)
    found = tag("The delegation will be ready on Monday [June 2] morning.", date(2025, 5, 30))
    assert [t.value for t in found][:2] == ["2025-06-02", "2025-06-02"]


def test_modifiers():
    timex = only("Both sides released detainees in mid-May.")
    assert (timex.text, timex.value, timex.mod) == ("mid-May", "2025-05", "MID")
    timex = only("The fighting eased in early 2024.")
    assert (timex.value, timex.mod) == ("2024", "START")
    timex = only("A deal is expected by the end of the year.")
    assert (timex.value, timex.mod) == ("2025", "END")
    timex = only("It lasted about two hours.")
    assert (timex.text, timex.value, timex.mod) == ("about two hours", "PT2H", "APPROX")


@pytest.mark.parametrize(
    "sentence, value",
    [
        ("The war has lasted three years.", "P3Y"),
        ("The call lasted 90 minutes.", "PT90M"),
        ("Talks could take several weeks.", "PXW"),
        ("He served a two-year term.", "P2Y"),
        ("The ceasefire held for a year and a half.", "P1Y6M"),
        ("The siege lasted 2 1/2 days.", "P2DT12H"),
        ("Inflation eased over the past six months.", "P6M"),
        ("Prices have climbed in recent months.", "PXM"),
    ],
)
def test_durations(sentence, value):
    timex = only(sentence)
    assert (timex.type, timex.value) == ("DURATION", value)


@pytest.mark.parametrize(
    "sentence, value",
    [
        ("The paper is published daily.", "P1D"),
        ("The committee meets every week.", "P1W"),
        ("The council meets every two years.", "P2Y"),
        ("The market opens on Sundays.", "XXXX-WXX-7"),
        ("Reports are filed quarterly.", "P3M"),
    ],
)
def test_sets(sentence, value):
    timex = only(sentence)
    assert (timex.type, timex.value) == ("SET", value)


@pytest.mark.parametrize(
    "sentence, value",
    [
        ("Russia is now focused on the talks.", "PRESENT_REF"),
        ("The army currently holds the town.", "PRESENT_REF"),
        ("Such deals failed in the past.", "PAST_REF"),
        ("Talks may resume in the future.", "FUTURE_REF"),
        ("The rebels recently seized a town.", "PAST_REF"),
    ],
)
def test_vague_references(sentence, value):
    assert only(sentence).value == value


def test_anaphora_follows_last_explicit_date():
    found = tag("The attack happened on March 3, 2024. The day before, police had warned residents.")
    assert [t.value for t in found] == ["2024-03-03", "2024-03-02"]
    found = tag("The ship sank on June 10, 2023. Rescuers arrived the next day.")
    assert found[-1].value == "2023-06-11"


OCT_1989 = date(1989, 10, 26)  # a Thursday


def _value(sentence: str, phrase: str, anchor: date | None = OCT_1989):
    found = [t for t in tag(sentence, anchor) if phrase in t.text or t.text in phrase]
    assert found, tag(sentence, anchor)
    return found[0]


@pytest.mark.parametrize(
    "sentence, phrase, value",
    [
        # tense: a modal or "effective" outweighs an -ed adjective; passive participles after "be" are not past
        ("The dividend would be paid on a still unspecified date in January.", "January", "1990-01"),
        ("The board named a new chairman, effective Feb. 1.", "Feb. 1", "1990-02-01"),
        ("The father would be traveling to the United States Thursday.", "Thursday", "1989-10-26"),
        # a month without a year: the nearest one, leaning to the past when the tense is unclear
        ("In January, a week after the hearing, the group met.", "January", "1989-01"),
        ("The case will be heard in May by the appeals court.", "May", "1990-05"),
        ("The merger was approved last April.", "last April", "1989-04"),
        ("The helicopters crashed last February.", "last February", "1989-02"),
    ],
)
def test_year_of_month_and_weekday_from_tense(sentence, phrase, value):
    assert _value(sentence, phrase).value == value


@pytest.mark.parametrize(
    "sentence, phrase, value",
    [
        ("It expects a fourth-quarter charge. Profit fell in the latest quarter.", "the latest quarter", "1989-Q3"),
        ("The company earned $3 million in the 1988 quarter.", "the 1988 quarter", "1988-Q3"),
        ("U.K. sales for last year's quarter were about $3 million.", "last year's quarter", "1988-Q3"),
        ("For the quarter a year ago, the bank earned $16 million.", "the quarter a year ago", "1988-Q3"),
        ("Net was $1.8 million for the corresponding period last year.", "the corresponding period last year",
         "1988-Q3"),
        ("The fiscal first quarter was weak. For the quarter ended Sept. 30, net rose.", "the quarter ended",
         "1989-Q3"),
        ("Earnings will be lower for the last half of 1989.", "the last half of 1989", "1989-H2"),
        ("The current quarter has begun well.", "The current quarter", "1989-Q4"),
        ("Demand stays weak through the first two quarters of 1990.", "the first two quarters of 1990", "1990-H1"),
    ],
)
def test_fiscal_quarters(sentence, phrase, value):
    assert _value(sentence, phrase).value == value


@pytest.mark.parametrize(
    "sentence, phrase, kind, value",
    [
        ("The unit had losses in the past two quarters.", "the past two quarters", "DURATION", "P2Q"),
        ("Interest is paid every quarter.", "every quarter", "SET", "P1Q"),
        ("Revenue was $76 million for the year ended March 31.", "the year", "DURATION", "P1Y"),
        ("Sales for the full year were $6.6 billion.", "the full year", "DATE", "1989"),
        ("Herbicide use was delayed earlier in the year by rain.", "the year", "DATE", "1989"),
        ("The deal should close by year-end.", "year-end", "DATE", "1989"),
        ("Net for the year-earlier nine months included a gain.", "the year-earlier nine months", "DURATION",
         "P9M"),
        ("Three days later, the index was down.", "Three days", "DURATION", "P3D"),
        ("The offer runs until 5 p.m. EST, Nov. 6.", "5 p.m. EST, Nov. 6", "TIME", "1989-11-06T17:00"),
        ("Shares were up at mid-afternoon yesterday.", "mid-afternoon yesterday", "TIME", "1989-10-25TAF"),
        ("Shareholders responded coolly to yesterday's announcement.", "yesterday", "DATE", "1989-10-25"),
        ("Hate groups grew through the nineties.", "the nineties", "DATE", "199"),
        ("The group began to fall apart in mid-1996.", "mid-1996", "DATE", "1996"),
        ("It is a theme of the campaign until Election Day.", "Election Day", "DATE", "1989-11-07"),
    ],
)
def test_financial_and_spoken_forms(sentence, phrase, kind, value):
    timex = _value(sentence, phrase)
    assert (timex.type, timex.value) == (kind, value)


def test_spoken_year_joins_month_or_season():
    timex = only("January nineteen ninety-seven. Atlanta again.", date(1998, 2, 27))
    assert (timex.text, timex.value) == ("January nineteen ninety-seven", "1997-01")
    timex = only("Prices fell to the level of the winter of nineteen ninety-four.", date(1998, 2, 23))
    assert timex.value == "1994-WI"


def test_present_references():
    assert only("Aqaba is the only outlet now that a noose has tightened.").value == "PRESENT_REF"
    assert only("For now, the embassy works from a hotel.").value == "PRESENT_REF"
    assert only("The plant was delayed by current market conditions.").value == "PRESENT_REF"
    assert tag("Now, he says, the plan looks weak.") == []
    assert tag("Year-end net was below the 1987 level.", OCT_1989)[0].text == "1987"
    assert tag("The case matters for today's youth.") == []
    assert only("But tomorrow's vote has wider implications.").value == "2025-05-29"


def test_anaphora_at_the_grain_of_the_unit():
    found = tag("She fled to Florida in June 1998 and returned to Cuba later that year.", date(2000, 1, 28))
    assert [t.value for t in found] == ["1998-06", "1998"]
    found = tag("In March the board met. The following month, the company put itself up for sale.", OCT_1989)
    assert [t.value for t in found] == ["1989-03", "1989-04"]


def test_weekday_and_weekend_context():
    monday = date(1989, 10, 30)
    found = tag("The index closed at 2082.1 on Friday, down 4.5% from the previous Friday.", monday)
    assert [t.value for t in found] == ["1989-10-27", "1989-10-20"]
    assert only("Traders squared positions ahead of the weekend.", monday).value == "1989-W44-WE"
    assert only("Over the weekend, the bidder raised its offer.", monday).value == "1989-W43-WE"
    assert only("Until Thursday, they had not called him a suspect.", date(1999, 5, 7)).value == "1999-05-06"
    assert only("The two leaders meet separately Monday in London.", date(1998, 5, 1)).value == "1998-05-04"


def test_reported_quarter_and_figures():
    found = tag("Net rose in the third quarter. After a flat second quarter, sales grew. In the 1989 period, "
                "costs fell.", OCT_1989)
    assert [t.value for t in found] == ["1989-Q3", "1989-Q2", "1989-Q3"]
    assert tag("The quarter-to-quarter comparison was better.", OCT_1989) == []
    assert tag("The company raised its quarterly dividend to 30 cents.", OCT_1989) == []
    assert tag("Nasdaq's average daily volume was 133 million shares.", OCT_1989) == []
    assert only("Average hourly earnings rose.", OCT_1989).value == "PT1H"
    timex = only("Unemployment should halve by the year two thousand.", date(1998, 2, 5))
    assert (timex.text, timex.value) == ("the year two thousand", "2000")


def test_year_boundary():
    assert only("Prices peaked last December.", NEW_YEAR).value == "2024-12"
    assert only("The minister said on Monday that he would resign.", NEW_YEAR).value == "2024-12-30"
    assert only("The minister will travel to Kyiv on Monday.", NEW_YEAR).value == "2025-01-06"
    assert only("The deal was signed on Dec. 28 in Ankara.", NEW_YEAR).value == "2024-12-28"
    assert only("Sales fell last week.", NEW_YEAR).value == "2024-W52"
    assert only("Growth will pick up next year.", NEW_YEAR).value == "2026"
    assert only("Unemployment rose in the fourth quarter.", NEW_YEAR).value == "2024-Q4"


def test_without_anchor():
    assert only("Lavrov said on Friday that talks went well.", None).value is None
    assert only("Prisoners were swapped on May 16.", None).value == "XXXX-05-16"
    assert only("The war began in 2022.", None).value == "2022"
    assert only("The war has lasted three years.", None).value == "P3Y"


def test_output_is_sorted_and_disjoint():
    text = "On Monday, May 19, 2025, and again last week, the two sides met for three hours; talks resume next month."
    found = tag(text)
    assert len(found) >= 4
    for first, second in zip(found, found[1:]):
        assert first.end <= second.start


def test_robust_on_odd_input():
    assert find_timexes("", WEDNESDAY) == []
    assert find_timexes("   \n\t", None) == []
    rng = random.Random(7)
    for _ in range(30):
        noise = "".join(chr(rng.randrange(1, 0x2FFFF)) for _ in range(rng.randrange(1, 400)))
        tag(noise)
        tag(noise + " May 16 " + noise, None)
    tag("İ" * 50 + " on Friday " + "ß" * 20)  # characters whose lower case changes length
    tag("1" * 5000 + " 12/12/2012 " + "-" * 5000)
    tag("May " * 3000)
    tag("the past " * 2000 + "three years ago")


def test_large_input_finishes_quickly():
    chunk = "Officials said on Friday that talks held in mid-May lasted three hours, and 1,000 prisoners were swapped. "
    text = (chunk * (1_000_000 // len(chunk) + 1))[:1_000_000]
    began = time.perf_counter()
    found = find_timexes(text, WEDNESDAY)
    assert time.perf_counter() - began < 20
    assert len(found) > 1000


def test_speed_on_a_news_sized_article():
    text = (REPO / "seeds" / "004_1b5e5c2c27ae4aa4.txt").read_text(encoding="utf-8")[:4096]
    find_timexes(text, WEDNESDAY)
    began = time.perf_counter()
    for _ in range(20):
        find_timexes(text, WEDNESDAY)
    assert (time.perf_counter() - began) / 20 < 0.01  # generous: CI machines are slow


def test_seeds_gold_value_f1(seeds_gold_path):
    from timebank import evaluate_seeds

    result = evaluate_seeds(seeds_gold_path, REPO / "seeds")
    assert result["value_f1"] >= 0.95, result["errors"]


@pytest.mark.skipif(not TIMEBANK.is_dir(), reason="TempEval-3 TBAQ data not available")
def test_timebank_value_f1():
    from timebank import evaluate_timebank

    result = evaluate_timebank(TIMEBANK)
    assert result["value_f1"] >= 0.80, result


def test_word_guided_scan_matches_finditer():
    """The throughput shortcut (trying a rule only where one of its leading words starts) finds what finditer does."""
    import random
    from pathlib import Path

    from tui.core.extract.timex.tagger import _RULES, _matches

    seeds = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
    texts = [path.read_text(encoding="utf-8").lower() for path in seeds]
    words = "jan january mid-may may 5 1999 last next week monday the day before ago years q3 fiscal 1990s".split()
    rng = random.Random(7)
    texts += [" ".join(rng.choice(words) for _ in range(300)) for _ in range(20)]
    guided = [rule for rule in _RULES if rule[2] is not None]
    assert guided, "no rule uses the shortcut: the test would prove nothing"
    for pattern, _handler, lead in _RULES:
        for text in texts:
            assert [m.span() for m in _matches(pattern, lead, text)] == [m.span() for m in pattern.finditer(text)]


# ----------------------------------------------------------------------------------- narrative anchoring

HISTORY_DCT = date(2009, 12, 19)


def test_story_about_the_past_gives_partial_dates_its_own_year() -> None:
    text = ("The siege began on March 3, 1862 and lasted until 1863. By 1863 the town had fallen. In November the rebels "
            "regrouped, and on 12 June they attacked again. In January the fleet sailed.")
    found = {t.text: t for t in tag(text, HISTORY_DCT)}
    assert found["November"].value == "1863-11"
    assert found["12 June"].value == "1863-06-12"
    assert found["November"].rule == "month_first+narrative"


def test_story_runs_forward_into_the_next_year() -> None:
    text = "The army crossed the river in 1810. It reached the coast in May 1811 and the capital in December 1811. In January it surrendered."
    assert {t.text: t.value for t in tag(text, HISTORY_DCT)}["January"] == "1812-01"


def test_news_naming_an_old_year_keeps_the_publication_year() -> None:
    # one old year in passing is no story about the past (negative control for the rule above)
    text = "The firm has grown since 1980. In September it announced a merger."
    assert {t.text: t.value for t in tag(text, date(1989, 10, 30))}["September"] == "1989-09"


def test_each_value_names_its_rule() -> None:
    assert only("The talks open tomorrow.").rule == "deictic_day"


def test_a_season_in_a_story_takes_the_story_year() -> None:
    text = "Rebels took the port on 2 May 1791. In 1792 they marched north, and in 1793 the war spread. During the winter the army rested."
    assert {t.text: t.value for t in tag(text, HISTORY_DCT)}["the winter"] == "1793-WI"


@pytest.mark.parametrize(
    "sentence, phrase, value",
    [
        ("The city fell in 480 BC after a long siege.", "480 BC", "BC0480"),
        ("The temple was built ca. 466 BC by the league.", "ca. 466 BC", "BC0466"),
        ("The town was razed in 146 B.C. by the legions.", "146 B.C.", "BC0146"),
        ("The walls were rebuilt in AD 70 by the governor.", "AD 70", "0070"),
        ("Trade flourished in the 4th century BC along the coast.", "the 4th century BC", "BC03"),
        ("Revolts spread at the end of the 460s BC in the islands.", "the end of the 460s BC", "BC046"),
    ],
)
def test_years_of_other_eras(sentence: str, phrase: str, value: str) -> None:
    found = {t.text: t.value for t in tag(sentence, HISTORY_DCT)}
    assert found.get(phrase) == value, found


def test_an_era_word_in_lower_case_is_no_era() -> None:
    assert [t.text for t in tag("They bought 5 ad slots on the radio.")] == []


def test_a_range_of_years_is_two_dates() -> None:
    found = [(t.text, t.value) for t in tag("The Eastern Theater 1861-1863 saw heavy losses; the 1957-58 season was wet.")]
    assert ("1861", "1861") in found and ("1863", "1863") in found
    assert ("1957", "1957") in found and ("58", "1958") in found


def test_a_bare_old_year_counts_only_in_a_story_about_the_past() -> None:
    story = "The war began on 4 May 1789. In June 1789 the estates met. By July 1790 the king fled. Anaconda Plan, 1791"
    assert ("1791", "1791") in [(t.text, t.value) for t in tag(story, HISTORY_DCT)]
    # negative control: in a report about today the same number is not a year
    assert [t.text for t in tag("Route 1861 was closed today.", WEDNESDAY)] == ["today"]


def test_the_end_of_the_year_in_a_story() -> None:
    text = "The siege began on 3 May 1776. In June 1776 the fleet came. By July 1776 the city fell. At the end of the year the army retreated."
    assert {t.text: t.value for t in tag(text, HISTORY_DCT)}["the end of the year"] == "1776"


def test_part_of_day_on_a_weekday() -> None:
    found = only("The ministers met on Friday afternoon in Rome.")
    assert (found.text, found.type, found.value) == ("Friday afternoon", "TIME", "2025-05-23TAF")


def test_appositive_pair_is_one_expression_with_the_explicit_value() -> None:
    found = only("The leaders will meet tomorrow, May 29, in Rome.")
    assert (found.text, found.value) == ("tomorrow, May 29", "2025-05-29")
    found = only("They met yesterday (May 27) in Rome.")
    assert (found.text, found.value) == ("yesterday (May 27)", "2025-05-27")


def test_a_deictic_day_and_a_date_in_another_clause_stay_apart() -> None:
    # negative control: "today" and "May 20" are not in apposition
    assert [t.text for t in tag("The court ruled today that the May 20 vote stands.")] == ["today", "May 20"]


def test_earlier_in_the_day_is_the_day_last_talked_about() -> None:
    found = {t.text: t for t in tag("The blast hit on May 20, 2024. Earlier in the day troops had left.")}
    assert (found["Earlier in the day"].value, found["Earlier in the day"].mod) == ("2024-05-20", "START")
