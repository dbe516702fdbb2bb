"""Event extraction and the corpus timeline on hand-made sentences (general rules, not the seeds)."""

from __future__ import annotations

from datetime import date

from tui.core.extract.corpus import CorpusContext
from tui.core.extract.pipeline import extract_article
from tui.core.extract.reader import RawArticle
from tui.core.extract.timeline import build_timeline, same_event
from tui.core.model import Event


def events_of(text: str, published: date, path: str = "a.txt"):
    article = extract_article(RawArticle(path, text, "txt"), CorpusContext(published=published))
    return article, [(e.type, e.date, e.status) for e in article.events]


def test_date_after_trigger_in_its_clause() -> None:
    _, found = events_of("Chinese and Japanese diplomats held talks in Tokyo on March 3, officials said.\n",
                         date(2025, 3, 10))
    assert ("MEET", "2025-03-03", "occurred") in found


def test_opening_date_dates_the_main_clause() -> None:
    article, found = events_of("On March 3, the French president spoke by phone with the German chancellor.\n",
                               date(2025, 3, 10))
    assert ("CALL", "2025-03-03", "occurred") in found
    (call,) = [e for e in article.events if e.type == "CALL"]
    assert {"France", "Germany"} <= set(call.actors)


def test_speech_verb_takes_only_its_own_date() -> None:
    _, found = events_of("Iran has confirmed that a new round of negotiations will take place in Oman on June 2.\n"
                         "Later Iran's foreign minister said on Wednesday that the plan was ready.\n",
                         date(2025, 5, 30))
    assert ("MEET", "2025-06-02", "planned") in found
    assert ("STATEMENT", "2025-06-02", "planned") not in found
    assert ("STATEMENT", "2025-05-28", "occurred") in found


def test_a_date_after_since_does_not_date_the_event() -> None:
    _, found = events_of("The first direct talks between Armenia and Azerbaijan since 2020 ended without a deal.\n",
                         date(2025, 4, 1))
    assert not [f for f in found if f[0] == "MEET" and f[1] == "2020"]


def test_exchange_numbers_and_phase() -> None:
    article, _ = events_of("The second phase of the prisoner exchange took place on May 23, involving 390 prisoners.\n",
                           date(2025, 5, 28))
    (exchange,) = [e for e in article.events if e.type == "EXCHANGE"]
    assert exchange.date == "2025-05-23" and exchange.numbers == [390] and exchange.ordinal == "second"


def test_accusation_and_rejection_plover() -> None:
    article, _ = events_of("Israel accused Hamas of violating the truce. Hamas rejected the claim on Sunday.\n",
                           date(2024, 1, 10))
    plover = {e.plover for e in article.events if e.type == "ACCUSE"}
    assert plover <= {"ACCUSE", "REJECT"} and plover


def test_attack_is_dated() -> None:
    _, found = events_of("Russian drones struck Kharkiv on Tuesday, killing three people.\n", date(2024, 6, 13))
    assert ("ATTACK", "2024-06-11", "occurred") in found


def test_two_mentions_of_one_event_are_one_event() -> None:
    _, found = events_of("The leaders met in Paris on May 5. The meeting in Paris on May 5 lasted an hour.\n",
                         date(2025, 5, 6))
    assert found.count(("MEET", "2025-05-05", "occurred")) == 1


def test_future_event_is_planned() -> None:
    _, found = events_of("The two sides will hold talks in Geneva on July 14.\n", date(2025, 7, 1))
    assert ("MEET", "2025-07-14", "planned") in found


def _event(kind: str, when: str | None, actors: list[str], numbers: list[int] | None = None,
           place: str | None = None) -> Event:
    return Event("ev1", kind, "", when, None, "occurred", actors, place, 0, 1, "s", numbers or [])


def test_same_event_rule() -> None:
    assert same_event(_event("MEET", "2025-05-16", ["Russia"]), _event("MEET", "2025-05-17", ["Russia", "Ukraine"]))
    assert not same_event(_event("MEET", "2025-05-16", ["Russia"]), _event("MEET", "2025-05-18", ["Russia"]))
    assert not same_event(_event("MEET", "2025-05-16", ["Chile"]), _event("MEET", "2025-05-16", ["Peru"]))
    assert not same_event(_event("MEET", "2025-05-16", ["Russia"]), _event("CALL", "2025-05-16", ["Russia"]))
    assert not same_event(_event("MEET", None, ["Russia"]), _event("MEET", None, ["Russia"]))


def test_timeline_merges_sources_and_flags_conflicts() -> None:
    a = "Ministers from Chile and Peru met in Lima on April 2, 2025.\nThe swap freed 200 prisoners on April 3, 2025.\n"
    b = "Chile and Peru held talks in Quito on April 2, 2025.\nOn April 4, 2025, 150 prisoners were released.\n"
    articles = [extract_article(RawArticle(p, t, "txt"), CorpusContext(published=date(2025, 4, 5))) for p, t in (("a.txt", a),
                                                                                                  ("b.txt", b))]
    entries = build_timeline(articles)
    (meet,) = [e for e in entries if e.type == "MEET"]
    assert len(meet.sources) == 2
    assert any(c.startswith("places differ") for c in meet.conflicts)
    (exchange,) = [e for e in entries if e.type == "EXCHANGE"]
    assert len(exchange.sources) == 2
    assert any(c.startswith("numbers differ") for c in exchange.conflicts)
    assert any(c.startswith("dates differ") for c in exchange.conflicts)
