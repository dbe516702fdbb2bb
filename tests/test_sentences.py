"""Sentence splitter: tricky boundaries, offsets, robustness."""

import random

import pytest

from tui.core.extract.sentences import split_sentences


def sentences(text):
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The U.S. Senate approved the bill. It now goes to the House.",
         ["The U.S. Senate approved the bill.", "It now goes to the House."]),
        ("U.S. President Joe Hale met Dr. Anna Meyer. She thanked him.",
         ["U.S. President Joe Hale met Dr. Anna Meyer.", "She thanked him."]),
        ("Sanctions were imposed by the U.S. It was the third round.",
         ["Sanctions were imposed by the U.S.", "It was the third round."]),
        ("Gen. Mark Ellis said troops stay until Jan. 15. The decision surprised many.",
         ["Gen. Mark Ellis said troops stay until Jan. 15.", "The decision surprised many."]),
        ("The decree was signed by V.R. Putin. Critics objected.",
         ["The decree was signed by V.R. Putin.", "Critics objected."]),
        ("They met at No. 10 Downing Street. It lasted an hour.",
         ["They met at No. 10 Downing Street.", "It lasted an hour."]),
        ("Inflation rose to 3.5 percent. Economists expected 3.1.",
         ["Inflation rose to 3.5 percent.", "Economists expected 3.1."]),
        ("He paused... and then continued. Nobody spoke.", ["He paused... and then continued.", "Nobody spoke."]),
        ('"We will go. We will win," he said. The crowd cheered.',
         ['"We will go. We will win," he said.', "The crowd cheered."]),
        ('Asked about the deal, he said: "No." The talks ended.',
         ['Asked about the deal, he said: "No."', "The talks ended."]),
        ('"Go," she said. He went.', ['"Go," she said.', "He went."]),
        ('"Stop!" she shouted. Nobody did.', ['"Stop!" she shouted.', "Nobody did."]),
        ("Mr. Peskov spoke first. Ms. Ardern won.", ["Mr. Peskov spoke first.", "Ms. Ardern won."]),
        ("Approx. 200 people came. Police counted fewer.", ["Approx. 200 people came.", "Police counted fewer."]),
        ("Oil fell 2.5 pct. on Monday. Brent rose.", ["Oil fell 2.5 pct. on Monday.", "Brent rose."]),
        ("Polls close at 8 p.m. on Sunday. Results are due by 10 a.m. Monday.",
         ["Polls close at 8 p.m. on Sunday.", "Results are due by 10 a.m. Monday."]),
        ("Headline Without Stop\nBody sentence here.", ["Headline Without Stop", "Body sentence here."]),
    ],
)
def test_tricky_boundaries(text, expected):
    assert sentences(text) == expected


def test_offsets_point_into_text_and_respect_range():
    text = "Intro. First one here. Second one here. Tail."
    start = text.index("First")
    end = text.index(" Tail")
    spans = split_sentences(text, start, end)
    assert [text[s:e] for s, e in spans] == ["First one here.", "Second one here."]
    assert all(start <= s < e <= end for s, e in spans)


def test_hard_wrapped_lines_are_joined():
    text = "The minister said the talks would\ncontinue next week. Nobody objected."
    assert sentences(text) == ["The minister said the talks would\ncontinue next week.", "Nobody objected."]


def _check_invariants(text, spans):
    previous_end = 0
    for s, e in spans:
        assert previous_end <= s < e <= len(text)
        assert not text[s].isspace() and not text[e - 1].isspace()
        previous_end = e
    kept = "".join(text[s:e] for s, e in spans)
    assert "".join(kept.split()) == "".join(text.split())


@pytest.mark.parametrize("text", ["", " ", "\n\n", ".", "...", "“”", "a", "¦", "\u2028", "\x00"])
def test_edge_inputs(text):
    _check_invariants(text, split_sentences(text))


def test_random_unicode_never_raises_and_keeps_text():
    rng = random.Random(7)
    alphabet = "aZ .!?\n\"'“”«»‘’…—0123456789Ωжह語😀\t\u200b"
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 120)))
        _check_invariants(text, split_sentences(text))


def test_bad_arguments_do_not_raise():
    assert split_sentences("Some text.", 50, 10) == []
    assert split_sentences("Some text.", -5, None) == [(0, 10)]
    assert split_sentences(None) == []


def test_one_megabyte_input():
    text = ("The U.S. envoy met Gen. Ellis in Kyiv. “We will go. We will win,” he said.\n" * 14000)[:1_000_000]
    spans = split_sentences(text)
    _check_invariants(text, spans)
    assert len(spans) > 20000


def test_seed_paragraph_sentences():
    line = ("Putin’s press secretary Dmitrii Peskov said that the draft memorandums would be discussed at a second "
            "round in Istanbul, “for which the Russian delegation will be ready on Monday [June 2] morning”. Peskov "
            "had said the day before that “demanding [to hand over the memorandum] immediately is not constructive”.")
    assert len(sentences(line)) == 2
