"""User-facing fixes in the widgets and dialogs, checked on what is drawn (the screen's rendered text), not only
on state: keys pressed at once into a picker, names that carry escape codes, ctrl+c and ctrl+z."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events

from tui.app import NewsdeskApp
from tui.app.screens.main import MainScreen
from tui.app.screens.picker import PickerScreen
from tui.core.codebook import Code, default_codebook
from tui.core.store.database import AnnotationStore

ROOT = Path(__file__).resolve().parent.parent
SIZE = (120, 36)


def screen_text(app) -> str:
    """Every cell of the top screen as drawn (what the terminal would show), one line per row."""
    return "\n".join("".join(segment.text for segment in strip) for strip in app.screen._compositor.render_strips())


def region_text(app, selector: str, content: bool = False) -> str:
    """What is drawn inside one widget (found by ``selector`` on the top screen), one line per row; ``content``:
    inside its padding and scrollbars only."""
    widget = app.screen.query_one(selector)
    region = widget.scrollable_content_region if content else widget.region
    rows = screen_text(app).split("\n")[region.y:region.bottom]
    return "\n".join(row[region.x:region.right] for row in rows)


async def until(pilot, condition, limit: int = 2000) -> None:
    """Let the app run until ``condition()`` holds (no fixed sleeps)."""
    for _ in range(limit):
        if condition():
            return
        await pilot.pause()
    raise AssertionError("condition not reached")


def still_extracting(screen: MainScreen) -> bool:
    """The screen's extraction flag (named ``extracting`` on the typed screen, ``loading`` before it)."""
    return bool(getattr(screen, "extracting", getattr(screen, "loading", False)))


async def loaded(pilot) -> MainScreen:
    await until(pilot, lambda: isinstance(pilot.app.screen, MainScreen) and not still_extracting(pilot.app.screen)
                and all(a.complete for a in pilot.app.screen.articles))
    return pilot.app.screen


def make_app(db: Path, paths: list[Path] | None = None, codebook=None, annotator: str = "tester") -> NewsdeskApp:
    store = AnnotationStore.open(db, annotator=annotator)
    return NewsdeskApp(paths or [ROOT / "seeds"], store, codebook or default_codebook())


async def press_at_once(pilot, *keys: str) -> None:
    """Keys that arrive in one read (a paste, a batched SSH link): all queued before the app handles the first."""
    for key in keys:
        pilot.app._driver.send_message(events.Key(key, key if len(key) == 1 else None))
    await pilot.pause()


# -- f: a key that arrives with the picker's opening ----------------------------------------------------------------

async def test_a_digit_arriving_with_a_picks_the_actor(tmp_path: Path) -> None:
    app = make_app(tmp_path / "db.json")
    async with app.run_test(size=SIZE) as pilot:
        screen = await loaded(pilot)
        await press_at_once(pilot, "a", "1")
        await until(pilot, lambda: app.store.count() == 1)
        await until(pilot, lambda: isinstance(app.screen, MainScreen))
        assert "⟨Russia · " in screen_text(app)  # the suggested stance is kept (tui.core.tag_change)
        await press_at_once(pilot, "s", "5")
        await until(pilot, lambda: isinstance(app.screen, MainScreen) and "⟨Russia · oppose⟩" in screen_text(app))
        await pilot.press("j", "a", "2")  # pilot.press, no pauses asked for
        await until(pilot, lambda: isinstance(app.screen, MainScreen) and "⟨Ukraine · —⟩" in screen_text(app))
    app.store.close()
    assert sorted(t["actor"] for t in AnnotationStore.open(tmp_path / "db.json", read_only=True).all_tags()) == [
        "Russia", "Ukraine"]


async def test_letters_arriving_with_a_filter_the_picker(tmp_path: Path) -> None:
    app = make_app(tmp_path / "db.json")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await press_at_once(pilot, "a", "n", "a", "t")
        await until(pilot, lambda: isinstance(app.screen, PickerScreen)
                    and "nat" in region_text(app, "#picker-filter"))
        assert "6 NATO" in region_text(app, "#picker-options")
        assert "Russia" not in region_text(app, "#picker-options")
        await pilot.press("enter")
        await until(pilot, lambda: app.store.count() == 1)
        assert next(app.store.all_tags())["actor"] == "NATO"
    app.store.close()


async def test_a_note_typed_with_n_keeps_its_first_letters(tmp_path: Path) -> None:
    app = make_app(tmp_path / "db.json")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("a", "1")
        await until(pilot, lambda: app.store.count() == 1 and isinstance(app.screen, MainScreen))
        await press_at_once(pilot, "n", *"check")
        await until(pilot, lambda: not isinstance(app.screen, MainScreen) and "check" in screen_text(app))
        await pilot.press("enter")
        await until(pilot, lambda: next(app.store.all_tags()).get("note") == "check")
    app.store.close()


# -- e: names from a codebook or an imported tag are data on the screen ---------------------------------------------

HOSTILE_ACTOR = "\x1b]0;pwned\x07Evil\u202eLivE"  # an OSC that retitles the window, then a right-to-left override
HOSTILE_STANCE = "\x1b[2Jwipe\u2066"  # clears the screen, then an isolate


def hostile_codebook():
    codebook = default_codebook()
    codebook.actors.insert(0, Code(HOSTILE_ACTOR, "9", "red"))
    codebook.actors = [a for a in codebook.actors if a.key != "9" or a.name == HOSTILE_ACTOR]
    codebook.stances.append(Code(HOSTILE_STANCE, "8", "blue"))
    return codebook


def no_raw_controls(text: str) -> bool:
    return not any(ch in text for ch in ("\x1b", "\x07", "\u202e", "\u2066"))


async def test_escape_and_bidi_in_names_show_as_marks_in_chips_and_picker(tmp_path: Path) -> None:
    app = make_app(tmp_path / "db.json", codebook=hostile_codebook())
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, PickerScreen) and "Evil" in screen_text(app))
        drawn = region_text(app, "#picker-options")
        assert no_raw_controls(drawn) and "␛]0;pwned␇Evil⇄LivE" in drawn
        await pilot.press("9")
        await until(pilot, lambda: isinstance(app.screen, MainScreen) and app.store.count() == 1)
        await pilot.press("s", "8")
        await until(pilot, lambda: isinstance(app.screen, MainScreen) and "wipe" in screen_text(app))
        drawn = screen_text(app)
        chips = "".join(drawn.split("\n"))
        assert no_raw_controls(drawn) and "⟨␛]0;pwned␇Evil⇄LivE · ␛[2Jwipe⇄⟩" in chips
    app.store.close()


def test_the_one_screen_sanitiser_maps_one_code_point_to_one() -> None:
    from tui.app.widgets.article_reader import visible as reader_visible
    from tui.core.text import visible

    assert reader_visible is visible  # one sanitiser, not a copy per widget
    text = "a\x1b[31mb\u202ec\u2067d\x9be\tf\ng"
    shown = visible(text)
    assert len(shown) == len(text) and no_raw_controls(shown) and "\x9b" not in shown
    assert shown == "a␛[31mb⇄c⇄d\ufffde f\ng"


# -- c: ctrl+c says how to quit in plain words; ctrl+z suspends ----------------------------------------------------

async def test_ctrl_c_says_how_to_quit_without_markup(tmp_path: Path) -> None:
    app = make_app(tmp_path / "db.json")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+c")
        await until(pilot, lambda: "to quit" in screen_text(app))
        drawn = screen_text(app)
        assert "Press q" in drawn and "[b]" not in drawn and "[/b]" not in drawn
    app.store.close()


async def test_ctrl_z_suspends_the_process(tmp_path: Path, monkeypatch) -> None:
    import os
    import signal

    app = make_app(tmp_path / "db.json")
    sent = []
    monkeypatch.setattr(os, "kill", lambda pid, sig: sent.append((pid, sig)))
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        monkeypatch.setattr(type(app._driver), "can_suspend", property(lambda self: True))
        await pilot.press("ctrl+z")
        await until(pilot, lambda: bool(sent))
        assert sent == [(os.getpid(), signal.SIGTSTP)]
        assert "Suspend" in " ".join(b.description for b in app.BINDINGS if hasattr(b, "description"))
    app.store.close()


# -- a: the reader wraps to the width it is drawn at ----------------------------------------------------------------

def squeezed(text: str) -> str:
    return "".join(text.split())


async def test_reader_at_80_by_24_with_events_panel_cuts_no_word(tmp_path: Path) -> None:
    app = make_app(tmp_path / "db.json")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("e")
        await until(pilot, lambda: screen.query_one("#events").display and screen.query_one("#events").region.width)
        await pilot.pause()
        article = screen.current_article
        for index in (0, 1):
            drawn = region_text(app, "#reader", content=True)
            statement = article.statements[index]
            words = squeezed(article.text[statement.start:statement.end])
            assert words[:60] in squeezed(drawn.replace("▶", "")), (words[:60], drawn)
            await pilot.press("j")
        reader = screen.query_one("#reader")
        assert reader.virtual_size.width <= reader.scrollable_content_region.width  # nothing to scroll sideways
    app.store.close()


# -- b: what matters most is drawn first ----------------------------------------------------------------------------

async def test_footer_at_80_columns_shows_help_and_quit(tmp_path: Path) -> None:
    app = make_app(tmp_path / "db.json")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await until(pilot, lambda: "Quit" in screen_text(app).split("\n")[-1])
        footer = screen_text(app).split("\n")[-1]
        assert "? Help" in footer and "q Quit" in footer and "j Next" in footer
    app.store.close()


@pytest.mark.skipif(not hasattr(MainScreen, "extracting"),
                    reason="the status bar's order (state first) comes with the typed main screen (branch ui)")
async def test_status_bar_below_200_columns_shows_read_only(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    first = AnnotationStore.open(db, annotator="writer")  # holds the lock: the app opens read-only
    store = AnnotationStore.open(db, annotator="tester", read_only=True)
    app = NewsdeskApp([ROOT / "seeds"], store, default_codebook())
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        status = region_text(app, "#status")
        assert "READ-ONLY" in status
    store.close()
    first.close()


# -- d: search results read well, and an empty result says so -------------------------------------------------------

def test_clip_words_cuts_at_a_word_end() -> None:
    from tui.app.screens.lists import clip_words

    assert clip_words("short one", 40) == "short one"
    clipped = clip_words("Negotiators at the climate summit failed on Friday to agree", 30)
    assert clipped == "Negotiators at the climate…" and len(clipped) <= 30
    assert clip_words("Supercalifragilisticexpialidocious", 10) == "Supercali…"  # one long word is cut


async def test_search_labels_by_title_or_file_name_and_says_when_empty(tmp_path: Path) -> None:
    from tui.app.screens.lists import SearchScreen

    corpus = tmp_path / "deep" / "folders" / "here"
    corpus.mkdir(parents=True)
    (corpus / "talks.txt").write_text("Negotiators met in Geneva on Monday. The envoys said the talks would go on "
                                      "through the week and that a statement would follow on Friday evening.\n",
                                      encoding="utf-8")
    app = make_app(tmp_path / "db.json", paths=[corpus])
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("slash", *"envoys")
        await until(pilot, lambda: isinstance(app.screen, SearchScreen) and app.screen.hits
                    and "envoys" in region_text(app, "#search-results"))
        drawn = region_text(app, "#search-results")
        assert "deep/folders" not in drawn and str(tmp_path) not in drawn
        await pilot.press(*"zzq")
        await until(pilot, lambda: "No statement contains “envoyszzq”" in region_text(app, "#search-results"))
        await pilot.press("enter")
        assert isinstance(app.screen, SearchScreen)  # nothing to open
    app.store.close()


# -- g: the export dialog --------------------------------------------------------------------------------------------

async def test_export_dialog_enter_exports_and_brat_says_one_line(tmp_path: Path, monkeypatch) -> None:
    from textual.widgets import Select

    from tests.test_app_annotation_sets import two_coders
    from tui.app.screens.export import ExportScreen

    monkeypatch.chdir(tmp_path)
    db = tmp_path / "db.json"
    two_coders(db)
    app = make_app(db, annotator="judge")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("E")
        await until(pilot, lambda: isinstance(app.screen, ExportScreen) and app.screen.focused is not None)
        dialog = app.screen
        await pilot.press("enter")  # nothing else: the defaults
        await until(pilot, lambda: dialog.result is not None and "written to" in region_text(app, "#export"))
        assert dialog.result.fmt == "jsonl" and dialog.result.tags_written == 6
        dialog.query_one("#export-format", Select).value = "brat"
        dialog.query_one("#export-run").focus()
        await pilot.press("enter")
        await until(pilot, lambda: dialog.result.fmt == "brat" and "files)" in region_text(app, "#export"))
        drawn = region_text(app, "#export")
        assert ".ann" not in drawn and "6 tag(s) of 1 article(s) written to" in drawn
        assert len(dialog.result.files_written) > 2
    app.store.close()


# -- h: the encoding warning extract prints is shown by the app, once per file ---------------------------------------

async def test_app_shows_the_encoding_warning_once_per_file(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = ("Ministr zahraničí řekl v pondělí, že vláda schválila návrh smlouvy. Poslanci o něm budou "
            "hlasovat příští týden, uvedl mluvčí úřadu. Opozice žádá, aby se hlasování odložilo.\n")
    (corpus / "zpravy.txt").write_bytes(text.encode("cp1250"))
    (corpus / "plain.txt").write_text("The envoys met on Monday and said the talks would go on.\n", encoding="utf-8")
    app = make_app(tmp_path / "db.json", paths=[corpus])
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await loaded(pilot)
        await until(pilot, lambda: "not UTF-8" in screen_text(app))
        drawn = "".join(screen_text(app).split())
        assert drawn.count("notUTF-8") == 1 and "zpravy.txt" in drawn
        assert sum("not UTF-8" in str(n.message) for n in app._notifications) == 1
    app.store.close()


# -- i: orphans can be re-attached or deleted, undoably -------------------------------------------------------------

async def test_orphan_reattached_to_the_statement_under_the_cursor_then_undone_and_deleted(tmp_path: Path) -> None:
    import shutil

    from tui.app.screens.lists import OrphansScreen

    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "seeds", corpus)
    db = tmp_path / "db.json"
    app = make_app(db, [corpus])
    async with app.run_test(size=SIZE) as pilot:
        screen = await loaded(pilot)
        await pilot.press("j", "a", "2")
        await until(pilot, lambda: app.store.count() == 1 and isinstance(app.screen, MainScreen))
        statement = screen.current_article.statements[screen.statement_index]
        removed = screen.current_article.text[statement.start:statement.end]
        path = corpus / Path(screen.current_article.path).name
    app.store.close()
    path.write_text(path.read_text(encoding="utf-8").replace(removed, ""), encoding="utf-8")
    again = make_app(db, [corpus])
    async with again.run_test(size=SIZE) as pilot:
        screen = await loaded(pilot)
        assert len(screen.orphans) == 1
        await pilot.press("J", "K", "g")  # back on the first article's first statement
        await pilot.press("o")
        await until(pilot, lambda: isinstance(again.screen, OrphansScreen) and "Ukraine" in screen_text(again))
        assert "enter re-attaches the highlighted tag to" in screen_text(again)
        await pilot.press("down", "enter")
        await until(pilot, lambda: isinstance(again.screen, MainScreen) and "⟨Ukraine · —⟩" in screen_text(again))
        (tag,) = again.store.all_tags()
        assert not tag["orphan"] and not screen.orphans
        await pilot.press("u")
        await until(pilot, lambda: next(again.store.all_tags())["orphan"])
        await until(pilot, lambda: "⟨Ukraine · —⟩" not in screen_text(again))
        await pilot.press("o")  # the list is up to date: the undone orphan is back in it
        await until(pilot, lambda: isinstance(again.screen, OrphansScreen) and "Ukraine" in screen_text(again))
        await pilot.press("down", "d")
        await until(pilot, lambda: again.store.count() == 0 and isinstance(again.screen, MainScreen))
    again.store.close()
