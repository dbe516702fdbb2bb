"""Finding a tagged passage again after the article text changed (TextQuoteSelector re-anchoring)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.store.anchoring import CONTEXT_CHARS, locate, selector

TEXT = ("MOSCOW, May 28 (Reuters) - Russia said on Wednesday that talks with Ukraine could resume in Istanbul. "
        "Ukraine rejected the proposal as a stalling tactic, officials in Kyiv said. "
        "The European Union welcomed any step towards a ceasefire. "
        "Turkey offered to host the delegations again next week.")


def span_of(text: str, sentence: str) -> tuple[int, int]:
    start = text.index(sentence)
    return start, start + len(sentence)


def relocate(old: str, new: str, sentence: str):
    start, end = span_of(old, sentence)
    sel = selector(old, start, end)
    return locate(new, sel["quote"], sel["prefix"], sel["suffix"], hint=start)


def test_selector_has_quote_and_up_to_32_characters_of_context() -> None:
    start, end = span_of(TEXT, "The European Union welcomed any step towards a ceasefire.")
    sel = selector(TEXT, start, end)
    assert sel["quote"] == TEXT[start:end]
    assert sel["prefix"] == TEXT[start - CONTEXT_CHARS:start] and len(sel["prefix"]) == 32
    assert sel["suffix"] == TEXT[end:end + CONTEXT_CHARS]
    assert selector(TEXT, 0, 6)["prefix"] == ""
    assert selector(TEXT, len(TEXT) - 5, len(TEXT))["suffix"] == ""


def test_unchanged_text_gives_the_same_span() -> None:
    sentence = "Ukraine rejected the proposal as a stalling tactic, officials in Kyiv said."
    placed = relocate(TEXT, TEXT, sentence)
    assert placed is not None and (placed.start, placed.end) == span_of(TEXT, sentence)
    assert placed.method == "exact"


def test_insertion_before_the_tag_shifts_it_exactly() -> None:
    sentence = "The European Union welcomed any step towards a ceasefire."
    new = "UPDATED 3 hours ago. " + TEXT.replace("on Wednesday", "late on Wednesday evening")
    placed = relocate(TEXT, new, sentence)
    assert placed is not None and placed.method == "exact"
    assert new[placed.start:placed.end] == sentence


def test_repeated_quote_is_told_apart_by_prefix_and_suffix() -> None:
    text = "Alpha said no. Peace now. Beta said yes. Peace now. Gamma said maybe."
    second = text.index("Peace now.", text.index("Beta"))
    sel = selector(text, second, second + len("Peace now."))
    new = "Intro line. " + text
    placed = locate(new, sel["quote"], sel["prefix"], sel["suffix"], hint=0)  # a misleading hint
    assert placed is not None and placed.start == second + len("Intro line. ")


def test_repeated_quote_without_context_takes_the_nearest_to_the_old_offset() -> None:
    text = "Peace now. Peace now. Peace now."
    placed = locate(text, "Peace now.", "", "", hint=12)
    assert placed is not None and placed.start == 11


def test_reworded_sentence_between_unchanged_neighbours_is_found_by_context() -> None:
    old = "Ukraine rejected the proposal as a stalling tactic, officials in Kyiv said."
    new_sentence = "Ukraine firmly rejected the new proposal as a stalling tactic, officials in Kyiv said."
    placed = relocate(TEXT, TEXT.replace(old, new_sentence), old)
    assert placed is not None and placed.method in ("context", "fuzzy")
    assert TEXT.replace(old, new_sentence)[placed.start:placed.end] == new_sentence


def test_reworded_sentence_with_changed_neighbours_is_found_fuzzily() -> None:
    old = "The European Union welcomed any step towards a ceasefire."
    new_sentence = "The European Union warmly welcomed every step towards a ceasefire."
    new = (TEXT.replace(old, new_sentence)
               .replace("officials in Kyiv said.", "a spokesman in Kyiv told reporters.")
               .replace("Turkey offered", "Ankara has offered"))
    placed = relocate(TEXT, new, old)
    assert placed is not None and placed.method == "fuzzy"
    assert new[placed.start:placed.end] == new_sentence


def test_deleted_sentence_is_not_found() -> None:
    for sentence in ("The European Union welcomed any step towards a ceasefire.",
                     "Ukraine rejected the proposal as a stalling tactic, officials in Kyiv said.",
                     "Turkey offered to host the delegations again next week."):
        new = TEXT.replace(sentence, "").replace("  ", " ").strip()
        assert relocate(TEXT, new, sentence) is None, sentence


def test_empty_quote_or_empty_text_is_not_found() -> None:
    assert locate(TEXT, "", "a", "b") is None
    assert locate("", "Peace now.", "", "") is None


words = st.sampled_from(["talks", "Kyiv", "Moscow", "said", "the", "ceasefire", "on", "Monday", "a", "deal"])
texts = st.lists(words, min_size=3, max_size=60).map(" ".join)


@settings(max_examples=80, deadline=None)
@given(text=texts, data=st.data())
def test_any_span_of_an_unchanged_text_is_found_with_the_same_quote(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    sel = selector(text, start, end)
    placed = locate(text, sel["quote"], sel["prefix"], sel["suffix"], hint=start)
    assert placed is not None and placed.method == "exact"
    assert text[placed.start:placed.end] == sel["quote"]


@settings(max_examples=60, deadline=None)
@given(text=texts, inserted=texts, data=st.data())
def test_text_inserted_before_a_span_keeps_an_exact_match(text: str, inserted: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    sel = selector(text, start, end)
    new = inserted + "\n\n" + text
    placed = locate(new, sel["quote"], sel["prefix"], sel["suffix"], hint=start)
    assert placed is not None and new[placed.start:placed.end] == sel["quote"]
