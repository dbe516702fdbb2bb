"""Hostile input: random text and bytes as article files, markup and escape codes in titles and text.

Reading and extraction never raise and every offset they report lies inside the text (and slices to the text
reported with it); the CLI's tables and messages carry no control characters; the app shows markup and escape
codes literally and keeps working.
"""

from __future__ import annotations

import json
import tempfile
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.cli import main as cli_main
from tui.cli.common import plain
from tui.core.extract.pipeline import extract_article, extract_paths
from tui.core.extract.reader import RawArticle, Skipped, read_articles
from tui.core.model import Article

SUFFIXES = (".txt", ".html", ".jsonl", ".md")
# pieces that reach the interesting paths: layout lines, quotes, cue verbs, dates, actors, HTML, JSON, escapes
FRAGMENTS = (
    "\n", "\n\n", " ", ". ", "“", "”", '"', "'", "‘", "’", " said ", " told reporters ", "according to ",
    "Russia", "Ukraine", "Lavrov", "Sergey Lavrov", "Zelensky", "NATO", "the Kremlin", "Istanbul", "Russian ",
    "on Monday", "May 16", "June 2, 2025", "2025-05-26", " date 2025-05-26", "last week", "next Friday", "in 2024",
    "ISTANBUL (Reuters) - ", "By John Smith", "Published May 26, 2025", "URL: https://x.example/2025/05/26/a",
    "Read more: ", "# ", "## ", "<p>", "</p>", "<h1>", "</h1>", "<title>", "</title>", "<script>", "&amp;",
    "&#0;", "&#x110000;", "&#xD800;", '<meta property="article:published_time" content="', '">', "{", "}",
    '"text": ', "[bold]", "[/]", "[link=x]", "\x1b[31m", "\x1b]8;;http://x\x1b\\", "\x1b]0;title\x07", "\x00",
    "\x9b", "\r\n", "\r", "\ufeff", "\u200b", "\u202e", "e\u0301", "👍🏽", "exchanged 390 prisoners", "met ",
    "talks", "agreed to ", "ceasefire", "—", "…", "1.", "Mr.", "U.S.", "(", ")",
)
texts = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=40).map("".join)
names = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="/\x00"), min_size=1,
                max_size=12).filter(lambda n: not n.startswith("."))  # hidden files are left out on purpose
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check_offsets(article: Article) -> None:
    """Every span is inside the text; spans that come with their text slice to it."""
    text = article.text
    n = len(text)

    def inside(start: int, end: int, what: str) -> None:
        assert isinstance(start, int) and isinstance(end, int), what
        assert 0 <= start <= end <= n, f"{what} [{start}, {end}) outside a text of {n}"

    for region in article.regions:
        inside(region.start, region.end, f"region {region.kind}")
    for statement in article.statements:
        inside(statement.start, statement.end, f"statement {statement.kind}")
    for mention in article.mentions:
        inside(mention.start, mention.end, "mention")
        assert text[mention.start:mention.end] == mention.text
    for quote in article.quotes:
        inside(quote.start, quote.end, "quote")
        assert text[quote.start:quote.end] == quote.text
    for timex in article.timexes:
        inside(timex.start, timex.end, "timex")
        assert text[timex.start:timex.end] == timex.text
    for event in article.events:
        inside(event.start, event.end, "event")
    json.dumps(article.to_dict(), ensure_ascii=False)  # what `newsdesk extract` prints


def write_and_read(folder: Path, name: str, data: bytes) -> list[RawArticle | Skipped]:
    path = folder / name
    path.write_bytes(data)
    return list(read_articles([folder]))


def extract_all(items: list[RawArticle | Skipped]) -> None:
    for item in items:
        if isinstance(item, Skipped):
            assert item.reason
            continue
        for start, end in item.headings:
            assert 0 <= start <= end <= len(item.text)
        check_offsets(extract_article(item))


@FAST
@given(text=texts, suffix=st.sampled_from(SUFFIXES))
def test_random_text_files_read_and_extract(text: str, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        items = write_and_read(Path(folder), "article" + suffix, text.encode("utf-8", "surrogatepass"))
        extract_all(items)
        for article in extract_paths([folder]):
            check_offsets(article)


@FAST
@given(data=st.binary(max_size=600), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes_files_read_and_extract(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        extract_all(write_and_read(Path(folder), "article" + suffix, data))
        skipped: list[Skipped] = []
        for article in extract_paths([folder], on_skip=skipped.append):
            check_offsets(article)


@FAST
@given(records=st.lists(st.fixed_dictionaries(
    {"text": texts}, optional={"title": st.one_of(texts, st.integers(), st.none()), "url": texts,
                               "published": st.one_of(texts, st.just("2025-05-26")), "source": texts}), max_size=4))
def test_random_jsonl_records_read_and_extract(records: list[dict]) -> None:
    lines = "\n".join(json.dumps(r, ensure_ascii=bool(len(records) % 2)) for r in records)
    with tempfile.TemporaryDirectory() as folder:
        extract_all(write_and_read(Path(folder), "feed.jsonl", lines.encode("utf-8", "surrogatepass")))


@FAST
@given(text=texts, fmt=st.sampled_from(("txt", "md", "html", "jsonl")), title=st.one_of(st.none(), texts))
def test_extract_article_on_any_text(text: str, fmt: str, title: str | None) -> None:
    check_offsets(extract_article(RawArticle("x." + fmt, text, fmt, title=title)))


@settings(max_examples=200, deadline=None)
@given(text=st.one_of(texts, st.text()))
def test_plain_leaves_no_control_characters(text: str) -> None:
    cleaned = plain(text)
    assert not [c for c in cleaned if unicodedata.category(c) == "Cc" and c not in "\t\n"]


@settings(max_examples=30, deadline=None)
@given(name=names)
def test_any_file_name_is_read_or_skipped(name: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        try:
            items = write_and_read(Path(folder), name, b"Russia said talks would resume on Monday.\n")
        except OSError:  # the file system refuses the name: nothing to test
            return
        assert len(items) == 1
        extract_all(items)


# -- the CLI: tables and messages carry no control characters ------------------------------------------------------

HOSTILE_TITLE = "[bold]Talks[/] \x1b[31mred\x1b[0m \x1b]0;pwned\x07 [link=http://evil]title[/link]"
HOSTILE_BODY = (
    "ISTANBUL, May 16 (Reuters) - Russian and Ukrainian delegations met in Istanbul [link=http://evil]on Friday"
    "[/link] \x1b]8;;http://evil\x1b\\here\x1b]8;;\x1b\\ and agreed a prisoner exchange \x9b31m, [red]Lavrov[/red] "
    "said.\n\nRussia and Ukraine [/] exchanged 390 prisoners on May 23 \x07\x08\x7f, officials said.\n")


def hostile_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "talks.txt").write_text(HOSTILE_TITLE + "\n\n" + HOSTILE_BODY, encoding="utf-8")
    record = {"title": HOSTILE_TITLE, "text": HOSTILE_BODY, "source": "\x1b[5mBlink[/] News",
              "published": "2025-05-16"}
    (folder / "feed.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    (folder / "evil \x1b[31m[bold]name\x07.bin").write_bytes(b"\x00\x01binary")  # skipped, named on stderr
    return folder


def controls(text: str) -> list[str]:
    return [repr(c) for c in text if unicodedata.category(c) == "Cc" and c not in "\n"]


def run_cli(argv: list[str], capsys, monkeypatch) -> tuple[int, str, str]:
    monkeypatch.setenv("COLUMNS", "400")
    monkeypatch.setenv("TERM", "xterm-256color")
    status = cli_main(argv)
    out, err = capsys.readouterr()
    return status, out, err


def test_timeline_table_strips_escapes_and_prints_markup_literally(tmp_path, capsys, monkeypatch) -> None:
    status, out, err = run_cli(["timeline", str(hostile_corpus(tmp_path / "corpus"))], capsys, monkeypatch)
    assert status == 2  # the .bin file was skipped
    assert not controls(out) and not controls(err)
    squeezed = "".join(out.split())
    assert "[link=http://evil]onFriday[/link]" in squeezed and "Ukraine[/]exchanged" in squeezed
    assert err.count("\n") == 1 and "skipped" in err and "[bold]name" in err


def test_skip_message_is_one_line_whatever_the_file_name(tmp_path, capsys, monkeypatch) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Russia said talks would resume on Monday.\n", encoding="utf-8")
    (corpus / "two\nlines.pdf").write_bytes(b"%PDF-1.4")
    status, _out, err = run_cli(["extract", str(corpus)], capsys, monkeypatch)
    assert status == 2 and err.count("\n") == 1 and "lines.pdf" in err


def test_extract_messages_strip_escapes(tmp_path, capsys, monkeypatch) -> None:
    status, out, err = run_cli(["extract", str(hostile_corpus(tmp_path / "corpus"))], capsys, monkeypatch)
    assert status == 2 and not controls(err) and err.count("\n") == 1
    articles = json.loads(out)
    feed = next(a for a in articles if a["path"].endswith("feed.jsonl:1"))
    assert feed["title"] == HOSTILE_TITLE and feed["text"] == HOSTILE_BODY  # the JSON keeps the data as it was


def test_stats_and_agree_tables_strip_escapes(tmp_path, capsys, monkeypatch) -> None:
    from tui.core.store.database import AnnotationStore

    corpus = hostile_corpus(tmp_path / "corpus")
    (corpus / "evil \x1b[31m[bold]name\x07.bin").unlink()
    text = (corpus / "talks.txt").read_text(encoding="utf-8")
    raw = next(r for r in read_articles([corpus / "talks.txt"]) if isinstance(r, RawArticle))
    db = tmp_path / "db.json"
    start = text.index("Russian and")
    for who, actor, stance in (("[bold]eve\x1b[31m", "[red]Russia\x1b]0;x\x07", "support"),
                               ("\x1b]8;;http://evil\x1b\\mallory", "Ukraine", "[/]oppose\x9b1m")):
        with AnnotationStore.open(db, annotator=who) as store:
            store.set_tag(article_id=raw.id, article_path=raw.path, text=raw.text, start=start,
                          end=text.index("said.", start), actor=actor, stance=stance, note="\x1b[2J[blink]note")
    for argv in (["agree", "--db", str(db)], ["stats", str(corpus / "talks.txt"), "--db", str(db)]):
        status, out, err = run_cli(argv, capsys, monkeypatch)
        assert status == 0 and not controls(out) and not controls(err), argv
        squeezed = "".join(out.split())
        assert "[bold]eve" in squeezed and "[red]Russia" in squeezed, argv


# -- the app: markup and escape codes show literally, nothing crashes -----------------------------------------------

def screen_text(app) -> str:
    """Every character the app would draw now (the composed frame)."""
    from rich.console import Console

    console = Console(width=120, height=36, color_system=None, force_terminal=False, legacy_windows=False)
    with console.capture() as capture:
        console.print(app.screen._compositor.render_update(full=True))
    return capture.get()


@pytest.fixture
def make_app():
    opened = []

    def make(db: Path, paths: list[Path]):
        from tui.app import NewsdeskApp
        from tui.core.codebook import default_codebook
        from tui.core.store.database import AnnotationStore

        store = AnnotationStore.open(db, annotator="[bold]tester\x1b[31m")
        opened.append(store)
        return NewsdeskApp(paths, store, default_codebook())

    yield make
    for store in opened:
        store.close()


async def test_app_shows_hostile_titles_and_text_literally(tmp_path: Path, make_app) -> None:
    from tests.test_app import SIZE, loaded, until
    from tui.app.screens.main import MainScreen
    from tui.app.screens.timeline import TimelineScreen
    from tui.app.widgets import ArticleList

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "talks.txt").write_text(HOSTILE_TITLE + "\n\n" + HOSTILE_BODY, encoding="utf-8")
    record = {"title": HOSTILE_TITLE, "text": HOSTILE_BODY, "source": "\x1b[5mBlink[/] News"}
    (corpus / "feed.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    app = make_app(tmp_path / "db.json", [corpus])
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await loaded(pilot)
        assert len(screen.articles) == 2
        await pilot.pause()
        drawn = screen_text(app)
        assert "\x1b" not in drawn and "\x07" not in drawn and "\x9b" not in drawn
        assert "[bold]Talks[/]" in drawn  # the list row and the reader show the title as typed
        assert "[bold]tester" in drawn  # the annotator's name in the status line, literally
        assert screen.query_one(ArticleList).option_count == 2
        await pilot.press("j", "a", "1")
        await until(pilot, lambda: app.store.count() == 1)
        await pilot.press("s", "1", "J", "e", "t")
        await until(pilot, lambda: isinstance(app.screen, TimelineScreen))
        assert "\x1b" not in screen_text(app)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, MainScreen))
        await pilot.press("slash", *"[/]", "enter")
        await until(pilot, lambda: isinstance(app.screen, MainScreen))


async def test_app_survives_a_skipped_file_whose_name_is_markup(tmp_path: Path, make_app) -> None:
    from tests.test_app import SIZE, loaded

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Russia said talks would resume on Monday.\n", encoding="utf-8")
    (corpus / "evil[").mkdir()  # the path reads ".../evil[/]x [bold]y.pdf"
    (corpus / "evil[" / "]x [bold]y.pdf").write_bytes(b"%PDF-1.4")
    app = make_app(tmp_path / "db.json", [corpus])
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await loaded(pilot)
        for _ in range(5):
            await pilot.pause()
        assert "evil[/]x [bold]y.pdf" in "".join(screen_text(app).split("\n"))
