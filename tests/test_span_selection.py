"""Selecting part of a statement by word and clause (the core of span tagging by keyboard)."""

from tui.core.span_selection import SpanSelection, words_in

SENTENCE = 'The minister said the plan was "a serious step, not a gesture", and the talks would resume on Monday.'


def select(sentence: str = SENTENCE) -> SpanSelection:
    return SpanSelection.first_word(sentence, 0, len(sentence))


def test_words_leave_out_the_punctuation_around_them():
    text = '"Peace," he said, citing the U.S. plan.'
    assert [text[s:e] for s, e in words_in(text, 0, len(text))] == [
        "Peace", "he", "said", "citing", "the", "U.S.", "plan"]


def test_selection_starts_on_the_first_word_and_grows_word_by_word():
    chosen = select()
    assert chosen.quote == "The"
    assert chosen.grow().grow().quote == "The minister said"
    assert chosen.grow().grow().shrink().quote == "The minister"
    assert chosen.shrink().quote == "The"  # one word always stays


def test_the_left_edge_moves_too():
    chosen = select().grow().grow().shrink_left()
    assert chosen.quote == "minister said"
    assert chosen.grow_left().quote == "The minister said"
    assert chosen.grow_left().grow_left().quote == "The minister said"  # never leaves the statement


def test_clause_snaps_to_the_clause_and_then_takes_in_the_next():
    chosen = select()
    inside = chosen.grow().grow().grow().grow().grow().grow()  # up to 'a' inside the quote
    assert inside.quote.endswith('"a')
    quoted = SpanSelection.covering(SENTENCE, chosen.bounds, SENTENCE.index("serious"), SENTENCE.index("serious") + 7)
    assert quoted.clause().quote == "a serious step"
    assert quoted.clause().clause().quote == "a serious step, not a gesture"


def test_whole_is_the_statement_and_a_quote_span_is_clipped_to_it():
    chosen = select()
    assert chosen.whole().is_whole and chosen.whole().quote == SENTENCE
    start = SENTENCE.index("a serious")
    clipped = SpanSelection.covering(SENTENCE, (0, 20), start - 50, start + 5)
    assert (clipped.start, clipped.end) == (0, 20)


def test_a_statement_with_no_words_selects_itself():
    assert SpanSelection.first_word("...", 0, 3).quote == "..."
