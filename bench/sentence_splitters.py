"""Compare sentence splitters on accuracy, speed and offset fidelity.

Run from the repository root:  python bench/sentence_splitters.py

Accuracy uses hand-made paragraphs in which "¦" marks each gold boundary, plus
paragraphs taken from the seed articles.  A boundary counts when a splitter
starts a sentence exactly where the gold does (whitespace ignored).  Speed is the
median time to split 4 KB of seed text (each run gets a fresh string, so caches
do not help).  "offsets" says whether the library reports character offsets
itself ("native"), whether they had to be recovered by searching its output
("search"), and whether all non-space text was kept.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

MARK = "¦"

TRICKY = [
    "The U.S. Senate approved the bill on Tuesday. ¦It now goes to the House.",
    "U.S. President Joe Hale spoke with Dr. Anna Meyer in Berlin. ¦She thanked him.",
    "New sanctions were imposed by the U.S. ¦It was the third round this year.",
    "Gen. Mark Ellis said troops would stay until Jan. 15, officials said. ¦The decision surprised many.",
    "The decree was signed by V.R. Putin in Moscow. ¦Critics objected at once.",
    "Officials gathered at No. 10 Downing Street on Monday. ¦The meeting lasted an hour.",
    "Inflation rose to 3.5 percent in March, from 2.9 percent. ¦Economists had expected 3.1.",
    "He paused... and then continued speaking. ¦Nobody interrupted him.",
    "The talks stalled... ¦Then a new offer arrived from Cairo.",
    '"We will go. We will win," he said. ¦The crowd cheered.',
    'Asked about the deal, he said: "No." ¦The talks ended there.',
    '"Go," she said. ¦He went.',
    '"Stop!" she shouted. ¦Nobody did.',
    '"Is it over?" he asked. ¦No one answered.',
    "Shares of Acme Corp. rose 4% after Sen. Warren criticised Rep. John Doe. ¦The company declined to comment.",
    "The company, based in St. Louis, hired Mr. Brown as chief executive. ¦He starts on Feb. 3.",
    "Polls close at 8 p.m. on Sunday. ¦Results are due by 10 a.m. Monday.",
    "J.K. Rowling and George R.R. Martin attended. ¦Both spoke briefly.",
    "The firm moved its headquarters to the U.K. ¦Its rivals stayed in Dublin.",
    "The U.N. Security Council met on Friday. ¦Russia vetoed the draft.",
    "Growth slowed to 0.4% in the third quarter, the ECB said. ¦Markets fell 1.2%.",
    "The agency (known then as the F.B.I.) opened a case. ¦Agents searched two homes.",
    "Who will pay? ¦That is the question, he wrote.",
    'He called the plan "a disaster". ¦Aides disagreed.',
    "He called it \u201ca disaster.\u201d ¦Aides disagreed.",
    "Ms. Jones met Prof. Ito in Washington, D.C. on Friday. ¦They talked for an hour.",
    "Lt. Col. Dan Rye and Maj. Gen. Ann Oduya toured the base. ¦No statement followed.",
    "The company reported revenue of $4.2 billion. ¦Its shares rose 3 pct.",
    "\u201cWe are ready. The door is open,\u201d the minister said on Monday. ¦Talks resume next week.",
    "Prime Minister Keir Starmer left No. 10 at 9 a.m. ¦He returned at noon.",
    "The vote was 52 to 48. ¦Opponents vowed to appeal.",
    "Sgt. Pepper's band and the Rev. Al Green performed. ¦Tickets sold out.",
    "Storm damage ran to $1.5bn, the Ministry of Emergencies said. ¦Repairs began.",
    "She was born on Jan. 1, 1990, in Kyiv. ¦She moved to Toronto in 2010.",
    "Headline Without A Full Stop\n¦The first sentence of the body follows here.",
    "The company's chief executive, John Smith Jr., resigned. ¦His deputy takes over.",
    "He earned a Ph.D. in economics from Harvard. ¦He later joined the IMF.",
    "Sales rose 5% vs. last year. ¦Margins shrank.",
    "The E.U. and the U.K. signed a deal. ¦It takes effect in 2026.",
    'The minister said: "We reject this. It is unacceptable." ¦He left the room.',
    "He was a member of the U.S. House. ¦Then he ran for governor.",
    "The cargo was sent to the U.S. ¦Trump then called Putin.",
    "Mr. Peskov spoke first. ¦Mrs. May left early. ¦Ms. Ardern won the vote.",
    "KYIV, Ukraine (AP) — Russian forces struck overnight. ¦Officials said two people died.",
    "He said: «Nous sommes prêts. Allons-y.» ¦Then he left.",
    "Sen. Lindsey Graham (R-S.C.) said he agreed. ¦Others did not.",
    "Approx. 200 people attended. ¦Police counted fewer.",
    "Oil fell 2.5 pct. on Monday. ¦Brent rose later.",
    "Russia's Defence Ministry said it downed 41 drones overnight.¦Ukraine did not comment.",
    "He asked:\"Why now?\" ¦Nobody answered.",
    "The plan, he said, was 'dead on arrival.' ¦Aides disagreed.",
    "Peace Talks Resume in Geneva\n¦Delegations arrived on Monday.\n¦Talks begin today.",
]

SEED_PARAGRAPHS = [
    "Russian Foreign Minister Sergey Lavrov announced Wednesday that the Russian delegation, headed by presidential aide"
    " Vladimir Medinsky, is ready to hand over the document and explain its provisions during the talks. ¦\"The Russian"
    " side, as agreed, has promptly developed a relevant memorandum, which sets out our position on all aspects of"
    " reliably overcoming the root causes of the crisis,\" Lavrov said. ¦\"Our delegation, headed by Vladimir Medinsky, is"
    " ready to present this memorandum to the Ukrainian delegation and give the necessary explanations during the second"
    " round of resumed direct talks in Istanbul next Monday, June 2.\"",
    "Russia is actively pursuing a potential peace deal for the ongoing Ukraine conflict, as serious work continues on its"
    " proposal. ¦Kremlin spokesperson Dmitry Peskov confirmed that a draft version of the memorandum has not been"
    " submitted yet, but significant progress is being made. ¦Last week, in a conversation with U.S. President Donald"
    " Trump, Russian President Vladimir Putin indicated that efforts with Ukraine would be focused on crafting this peace"
    " accord. ¦However, Kyiv and European governments remain skeptical, accusing Moscow of dragging its feet and"
    " questioning its commitment to achieving lasting peace.",
    "Ukrainian Foreign Minister Andriy Sybiha has accused Russia of dragging out peace talks. ¦At a joint press conference"
    " with his Turkish counterpart on May 30, he said that Moscow has yet to provide the promised \u201cmemorandum\u201d with"
    " its peace terms. ¦He stressed that Kyiv wants to familiarize itself with the document before sending a delegation"
    " to a new round of talks in Istanbul. ¦This is necessary for any meeting to be \u201cmeaningful and productive\u201d.",
    "Putin\u2019s press secretary Dmitrii Peskov said that the draft memorandums would be discussed at a second round in"
    " Istanbul, \u201cfor which the Russian delegation will be ready on Monday [June 2] morning\u201d. ¦Peskov had said the"
    " day before that \u201cdemanding [to hand over the memorandum] immediately is not constructive\u201d.",
    "Under pressure from U.S. President Donald Trump to end the bloodiest conflict in Europe since World War II, delegates"
    " from the warring countries met earlier this month in Istanbul for the first time since March 2022, the month after"
    " Russia sent troops to its neighbor.",
    "Devdiscourse News Desk | Updated: 26-05-2025 15:28 IST | Created: 26-05-2025 15:28 IST",
    "On May 19, Trump spoke with Putin, as well as with Zelensky and a number of European leaders. ¦Putin said after the"
    " conversation that he was ready to work on a memorandum with Ukraine that includes a ceasefire. ¦Trump says that"
    " Russia and Ukraine \u201cwill immediately begin negotiations on a ceasefire and, more importantly, an end to the"
    " war\u201d.",
    "Meanwhile, tensions are escalating as Washington considers lifting restrictions on Ukraine's use of US-supplied"
    " weapons to strike targets inside Russian territory\u2014a shift that would bring the US into alignment with the UK,"
    " France, and Germany. ¦Kremlin officials have warned that such a move would mark a dangerous escalation and could"
    " undermine ongoing peace efforts.",
    "In this photo taken from video distributed by Russian Defense Ministry Press Service on Monday, May 19, 2025, A"
    " Russian Army soldier controls an area from a board of military helicopter in an undisclosed location in Ukraine"
    " (Russian Defense Ministry Press Service via AP)",
    "This is reported by The New York Times, citing sources.",
]


def parse_case(marked: str) -> tuple[str, set[int]]:
    """Remove the boundary marks; return the text and the gold sentence starts (after the first)."""
    text_parts: list[str] = []
    starts: set[int] = set()
    length = 0
    for index, piece in enumerate(marked.split(MARK)):
        if index:
            starts.add(length)
        text_parts.append(piece)
        length += len(piece)
    return "".join(text_parts), starts


def spans_from_strings(text: str, pieces: list[str]) -> list[tuple[int, int]]:
    """Recover offsets of returned sentence strings by searching forward in the text."""
    spans: list[tuple[int, int]] = []
    cursor = 0
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        found = text.find(piece, cursor)
        if found < 0:
            found = cursor  # text was altered; keep going
        spans.append((found, found + len(piece)))
        cursor = found + len(piece)
    return spans


def make_splitters() -> dict[str, tuple[Callable[[str], list[tuple[int, int]]], str]]:
    """name -> (function returning spans, how offsets are obtained)."""
    splitters: dict[str, tuple[Callable[[str], list[tuple[int, int]]], str]] = {}
    try:
        import pysbd

        segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
        splitters["pysbd"] = (lambda t: [(s.start, s.end) for s in segmenter.segment(t)], "native")
    except ImportError:
        pass
    try:
        import sentencex

        splitters["sentencex"] = (
            lambda t: [(b["start_index"], b["end_index"]) for b in sentencex.get_sentence_boundaries("en", t)],
            "native",
        )
    except ImportError:
        pass
    try:
        from syntok import segmenter as syntok_segmenter

        def syntok_spans(t: str) -> list[tuple[int, int]]:
            out = []
            for paragraph in syntok_segmenter.analyze(t):
                for sentence in paragraph:
                    last = sentence[-1]
                    out.append((sentence[0].offset, last.offset + len(last.value)))
            return out

        splitters["syntok"] = (syntok_spans, "native(tokens)")
    except ImportError:
        pass
    try:
        import blingfire

        splitters["blingfire"] = (lambda t: list(blingfire.text_to_sentences_and_offsets(t)[1]), "native")
    except ImportError:
        pass
    try:
        import nupunkt

        splitters["nupunkt"] = (lambda t: list(nupunkt.sent_spans(t)), "native")
    except ImportError:
        pass
    from tui.core.extract.sentences import split_sentences

    splitters["newsdesk"] = (lambda t: split_sentences(t), "native")
    return splitters


def predicted_starts(text: str, spans: list[tuple[int, int]]) -> set[int]:
    starts = set()
    for start, end in spans:
        while start < end and text[start].isspace():
            start += 1
        if start < end:
            starts.add(start)
    first = min(starts, default=0)
    starts.discard(first)
    return starts


def keeps_all_text(text: str, spans: list[tuple[int, int]]) -> bool:
    kept = "".join(text[s:e] for s, e in spans)
    return "".join(kept.split()) == "".join(text.split())


def score(split: Callable[[str], list[tuple[int, int]]], cases: list[str]) -> tuple[float, float, float, int, bool]:
    true_pos = false_pos = false_neg = exact = 0
    lossless = True
    for marked in cases:
        text, gold = parse_case(marked)
        spans = split(text)
        lossless &= keeps_all_text(text, spans)
        predicted = predicted_starts(text, spans)
        true_pos += len(gold & predicted)
        false_pos += len(predicted - gold)
        false_neg += len(gold - predicted)
        exact += predicted == gold
    precision = true_pos / max(1, true_pos + false_pos)
    recall = true_pos / max(1, true_pos + false_neg)
    f1 = 2 * precision * recall / max(1e-9, precision + recall)
    return precision, recall, f1, exact, lossless


def time_per_4kb(split: Callable[[str], list[tuple[int, int]]], repeats: int = 30) -> float:
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    corpus = " ".join(p.read_text(encoding="utf-8") for p in seeds)
    base = corpus[:4096]
    split(base)
    timings = []
    for run in range(repeats):
        text = base[: 4096 - 8] + f" {run:06d}."
        started = time.perf_counter()
        split(text)
        timings.append(time.perf_counter() - started)
    return statistics.median(timings) * 1000


def show_errors(name: str, split: Callable[[str], list[tuple[int, int]]], cases: list[str]) -> None:
    for marked in cases:
        text, gold = parse_case(marked)
        predicted = predicted_starts(text, split(text))
        if predicted != gold:
            missed = sorted(gold - predicted)
            extra = sorted(predicted - gold)
            print(f"  [{name}] missed={[text[m:m + 12] for m in missed]} extra={[text[x:x + 12] for x in extra]}")
            print(f"      in: {text[:90]!r}")


def main() -> None:
    splitters = make_splitters()
    header = f"{'splitter':<10} {'tricky P/R/F1':>18} {'exact':>7} {'seeds P/R/F1':>18} {'exact':>7} {'ms/4KB':>8}  offsets"
    print(header)
    print("-" * len(header))
    for name, (split, offsets) in splitters.items():
        tp, tr, tf, texact, tloss = score(split, TRICKY)
        sp, sr, sf, sexact, sloss = score(split, SEED_PARAGRAPHS)
        ms = time_per_4kb(split)
        kept = "lossless" if tloss and sloss else "LOSES TEXT"
        print(
            f"{name:<10} {tp:5.2f}/{tr:4.2f}/{tf:4.2f}     {texact:3d}/{len(TRICKY):<3d}"
            f" {sp:5.2f}/{sr:4.2f}/{sf:4.2f}     {sexact:3d}/{len(SEED_PARAGRAPHS):<3d} {ms:8.3f}  {offsets}, {kept}"
        )
    if "-v" in sys.argv:
        for name, (split, _) in splitters.items():
            show_errors(name, split, TRICKY + SEED_PARAGRAPHS)


if __name__ == "__main__":
    main()
