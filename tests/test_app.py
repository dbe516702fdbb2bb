"""The reader and annotator driven by keys (Textual Pilot), asserting on state and on the TinyDB file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tinydb import TinyDB

from tui.app import NewsdeskApp
from tui.app.screens.lists import FilterScreen, OrphansScreen, SearchScreen
from tui.app.screens.main import MainScreen
from tui.app.screens.picker import PickerScreen
from tui.app.screens.timeline import TimelineScreen
from tui.app.widgets import ArticleReader, EventsPanel
from tui.core.codebook import default_codebook
from tui.core.store.database import AnnotationStore

ROOT = Path(__file__).resolve().parent.parent
SIZE = (120, 36)


def make_app(db: Path, paths: list[Path] | None = None, annotator: str = "tester") -> NewsdeskApp:
    store = AnnotationStore.open(db, annotator=annotator)
    return NewsdeskApp(paths or [ROOT / "seeds"], store, default_codebook())


async def until(pilot, condition, limit: int = 2000) -> None:
    """Let the app run until ``condition()`` holds (no fixed sleeps)."""
    for _ in range(limit):
        if condition():
            return
        await pilot.pause()
    raise AssertionError("condition not reached")


async def loaded(pilot) -> MainScreen:
    await until(pilot, lambda: isinstance(pilot.app.screen, MainScreen) and not pilot.app.screen.extracting)
    return pilot.app.screen


def saved_tags(db: Path) -> list[dict]:
    return TinyDB(db).table("annotations").all()


async def test_tag_by_keys_is_on_disk_after_quit(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await loaded(pilot)
        assert len(screen.articles) == 5
        # kept lean: what the extraction worked from is let go, what the screens show stays
        assert all(a.complete and not (a.mentions or a.timexes or a.regions) for a in screen.articles)
        assert all(a.statements for a in screen.articles) and any(a.events for a in screen.articles)
        await pilot.press("j", "j")
        statement = screen.current_article.statements[screen.statement_index]
        await pilot.press("a", "1")
        await until(pilot, lambda: isinstance(app.screen, MainScreen))
        await pilot.press("s", "5")
        await until(pilot, lambda: app.store.count() == 1 and app.store.tags_for(screen.current_article.id)[0]["stance"])
        await pilot.press("q")
    app.store.close()
    (tag,) = saved_tags(db)
    article = screen.articles[0]
    assert (tag["actor"], tag["stance"], tag["annotator"], tag["suggested"]) == ("Russia", "oppose", "tester", False)
    assert (tag["start"], tag["end"]) == (statement.start, statement.end)
    assert tag["quote"] == article.text[statement.start:statement.end]
    assert tag["article_id"] == article.id and tag["article_path"].endswith(Path(article.path).name)


async def test_accept_suggestion_advances_and_marks_suggested(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await loaded(pilot)
        await pilot.press("j")  # "Russia says it's gearing up ..."
        first = screen.statement_index
        await pilot.press("enter")
        await until(pilot, lambda: app.store.count() == 1)
        assert screen.statement_index > first
        (tag,) = app.store.all_tags()
        assert tag["suggested"] is True and tag["actor"] == "Russia"
    app.store.close()


async def test_undo_redo_across_articles_and_restart(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await loaded(pilot)
        await pilot.press("a", "2")
        await until(pilot, lambda: app.store.count() == 1)
        await pilot.press("J")
        await until(pilot, lambda: screen.article_index == 1)
        await pilot.press("a", "3")
        await until(pilot, lambda: app.store.count() == 2)
        await pilot.press("J", "J")
        await pilot.press("u")
        await until(pilot, lambda: app.store.count() == 1)
        assert screen.article_index == 1  # undo went back to where the change was
        await pilot.press("ctrl+r")
        await until(pilot, lambda: app.store.count() == 2)
        await pilot.press("u")
        await until(pilot, lambda: app.store.count() == 1)
    app.store.close()
    again = make_app(db)
    async with again.run_test(size=SIZE) as pilot:
        screen = await loaded(pilot)
        await pilot.press("u")
        await until(pilot, lambda: again.store.count() == 0)
        assert screen.article_index == 0
        await pilot.press("ctrl+r")
        await until(pilot, lambda: again.store.count() == 1)
    again.store.close()
    assert [t["actor"] for t in saved_tags(db)] == ["Ukraine"]


async def test_clear_note_and_resume_position(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await loaded(pilot)
        await pilot.press("J", "J", "j", "j", "j")
        where = (screen.article_index, screen.statement_index)
        await pilot.press("a", "1")
        await until(pilot, lambda: app.store.count() == 1)
        await pilot.press("n")
        await until(pilot, lambda: not isinstance(app.screen, MainScreen))
        await pilot.press(*"check source", "enter")
        await until(pilot, lambda: next(app.store.all_tags())["note"] == "check source")
        await pilot.press("x")
        await until(pilot, lambda: app.store.count() == 0)
        await pilot.press("q")
    app.store.close()
    again = make_app(db)
    async with again.run_test(size=SIZE) as pilot:
        screen = await loaded(pilot)
        assert (screen.article_index, screen.statement_index) == where
    again.store.close()


async def test_filter_untagged_and_search(tmp_path: Path) -> None:
    app = make_app(tmp_path / "db.json")
    async with app.run_test(size=SIZE) as pilot:
        screen = await loaded(pilot)
        await pilot.press("a", "1")
        await until(pilot, lambda: app.store.count() == 1)
        tagged = screen.statement_index
        await pilot.press("f")
        await until(pilot, lambda: isinstance(app.screen, FilterScreen))
        await pilot.press("down", "enter")  # "untagged"
        await until(pilot, lambda: screen.filter.kind == "untagged")
        await pilot.press("g")
        assert screen.statement_index != tagged
        for _ in range(40):
            await pilot.press("j")
            assert screen.statement_index != tagged
        await pilot.press("slash")
        await until(pilot, lambda: isinstance(app.screen, SearchScreen))
        await pilot.press(*"Zakharova")
        await until(pilot, lambda: bool(app.screen.hits))
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, MainScreen))
        article = screen.current_article
        statement = article.statements[screen.statement_index]
        assert "Zakharova" in article.text[statement.start:statement.end]
    app.store.close()


async def test_events_panel_and_timeline_move_the_reader(tmp_path: Path) -> None:
    app = make_app(tmp_path / "db.json")
    async with app.run_test(size=SIZE) as pilot:
        screen = await loaded(pilot)
        panel = screen.query_one(EventsPanel)
        panel.focus()
        await pilot.press("end", "enter")
        event = screen.current_article.events[-1]
        statement = screen.current_article.statements[screen.statement_index]
        assert statement.start <= event.start < statement.end or statement.start == event.start
        await pilot.press("t")
        await until(pilot, lambda: isinstance(app.screen, TimelineScreen))
        timeline = app.screen
        assert any(len(e.sources) >= 3 for e in timeline.entries)
        await pilot.press("end", "enter")
        await until(pilot, lambda: isinstance(app.screen, MainScreen))
    app.store.close()


async def test_picker_filters_by_typing(tmp_path: Path) -> None:
    app = make_app(tmp_path / "db.json")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, PickerScreen))
        await pilot.press(*"nat", "enter")
        await until(pilot, lambda: app.store.count() == 1)
        assert next(app.store.all_tags())["actor"] == "NATO"
    app.store.close()


async def test_markup_and_escape_codes_show_literally(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    hostile = ("[bold]Breaking[/] [link=http://x]news[/link] \x1b[31mred\x1b[0m\n\n"
               "The minister said [/] and [red]not markup[/red] in Paris on Monday.\n\x1b]0;pwned\x07 end.\n")
    (corpus / "hostile.txt").write_text(hostile, encoding="utf-8")
    app = make_app(tmp_path / "db.json", [corpus])
    async with app.run_test(size=SIZE) as pilot:
        screen = await loaded(pilot)
        reader = screen.query_one(ArticleReader)
        lines = "".join("".join(seg.text for seg in reader.render_line(y)) for y in range(reader.size.height))
        assert "[bold]Breaking[/]" in lines and "[red]not" in lines and "markup[/red]" in lines
        assert "\x1b" not in lines and "␛" in lines
        await pilot.press("j", "a", "1")
        await until(pilot, lambda: app.store.count() == 1)
    app.store.close()


async def test_orphans_are_listed_after_the_text_changed(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "seeds", corpus)
    db = tmp_path / "db.json"
    app = make_app(db, [corpus])
    async with app.run_test(size=SIZE) as pilot:
        screen = await loaded(pilot)
        await pilot.press("j", "a", "1", "j", "a", "2")
        await until(pilot, lambda: app.store.count() == 2)
        first, second = (screen.current_article.statements[i] for i in screen.stops()[1:3])
        removed = screen.current_article.text[second.start:second.end]
    app.store.close()
    path = corpus / Path(screen.articles[0].path).name
    path.write_text("A new first line.\n" + path.read_text(encoding="utf-8").replace(removed, ""), encoding="utf-8")
    again = make_app(db, [corpus])
    async with again.run_test(size=SIZE) as pilot:
        screen = await loaded(pilot)
        assert len(screen.orphans) == 1
        assert any(view.actor == "Russia" for views in screen.tags.values() for view in views if not view.suggested)
        await pilot.press("o")
        await until(pilot, lambda: isinstance(again.screen, OrphansScreen))
    again.store.close()
    assert len(saved_tags(db)) == 2  # the orphan is kept


async def test_second_app_on_the_same_db_is_read_only(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    writer = AnnotationStore.open(db, annotator="first")
    reader_store = AnnotationStore.open(db, annotator="second", read_only=True)
    app = NewsdeskApp([ROOT / "seeds"], reader_store, default_codebook())
    async with app.run_test(size=SIZE) as pilot:
        screen = await loaded(pilot)
        await pilot.press("a")
        assert isinstance(app.screen, MainScreen)  # no picker: nothing can be saved
        assert "READ-ONLY" in screen.status
    reader_store.close()
    writer.close()


async def test_narrow_terminal_hides_and_toggles_the_events_panel(tmp_path: Path) -> None:
    app = make_app(tmp_path / "db.json")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        panel = screen.query_one(EventsPanel)
        assert screen.has_class("narrow") and (not panel.display or panel.region.width == 0)
        await pilot.press("e")
        await until(pilot, lambda: panel.region.width > 0)
    app.store.close()


def test_cli_refuses_a_corrupt_db_without_touching_it(tmp_path: Path) -> None:
    import subprocess
    import sys

    db = tmp_path / "db.json"
    db.write_bytes(b"{not json")
    result = subprocess.run([sys.executable, "-m", "tui", "--db", str(db)], capture_output=True, text=True,
                            timeout=60, cwd=ROOT)
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and str(db) in result.stderr
    assert db.read_bytes() == b"{not json"


async def test_keys_rebound_from_a_config_file(tmp_path: Path) -> None:
    from tui.app.keys import BINDING_IDS, keymap_with_prefix
    from tui.core.config import load_keymap

    config = tmp_path / "config.toml"
    config.write_text('[keys]\nnext_statement = "ctrl+n"\nset_actor = "A"\n')
    keymap = keymap_with_prefix(load_keymap(config, BINDING_IDS))
    store = AnnotationStore.open(tmp_path / "db.json", annotator="tester")
    app = NewsdeskApp([ROOT / "seeds"], store, default_codebook(), keymap)
    async with app.run_test(size=SIZE) as pilot:
        screen = await loaded(pilot)
        await pilot.press("ctrl+n")
        assert screen.statement_index > 0
        moved = screen.statement_index
        await pilot.press("j")
        assert screen.statement_index == moved  # j is no longer bound
        await pilot.press("A", "2")
        await until(pilot, lambda: store.count() == 1)
    store.close()


def test_bad_config_is_one_line(tmp_path: Path) -> None:
    from tui.app.keys import BINDING_IDS
    from tui.core.config import ConfigError, load_keymap

    config = tmp_path / "config.toml"
    for content, expected in (("[keys]\nfly = 'x'\n", "unknown binding id"), ("[keys\n", "not valid TOML"),
                              ("keys = 3\n", "must be a table")):
        config.write_text(content)
        with pytest.raises(ConfigError) as error:
            load_keymap(config, BINDING_IDS)
        assert expected in str(error.value) and str(config) in str(error.value) and "\n" not in str(error.value)


async def test_command_palette_offers_every_key(tmp_path: Path) -> None:
    from tui.app.keys import KEYS

    app = make_app(tmp_path / "db.json")
    async with app.run_test(size=SIZE) as pilot:
        screen = await loaded(pilot)
        titles = [command.title for command in app.get_system_commands(screen)]
        for binding in KEYS:
            assert any(title.startswith(binding.description) for title in titles)
        actor = next(c for c in app.get_system_commands(screen) if c.title.startswith("Actor"))
        actor.callback()
        await until(pilot, lambda: isinstance(app.screen, PickerScreen))
        await pilot.press("1")
        await until(pilot, lambda: app.store.count() == 1)
        undo = next(c for c in app.get_system_commands(screen) if c.title.startswith("Undo"))
        undo.callback()
        await until(pilot, lambda: app.store.count() == 0)
    app.store.close()


async def test_detected_sides_join_the_codebook_saved_in_the_db(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "seeds", corpus)
    (corpus / "zz-china.txt").write_text(  # a side outside the default codebook, speaking twice
        "China weighs in on the talks\n\nBeijing, May 20 (Wire) - China said on Tuesday that it supported a "
        "ceasefire.\n\nChina also said it would send an envoy to the talks next week.\n", encoding="utf-8")
    db = tmp_path / "db.json"
    app = make_app(db, [corpus])
    async with app.run_test(size=SIZE) as pilot:
        screen = await loaded(pilot)
        names = [a.name for a in screen.codebook.actors]
        fixed = ["Russia", "Ukraine", "United States", "European Union", "Turkey", "NATO", "Other"]
        assert names[:7] == fixed
        spoken = {s.side for a in screen.articles for s in a.statements if s.side}
        added = names[7:]
        assert "China" in added and set(added) <= spoken  # sides the corpus speaks for joined the fixed actors
    app.store.close()
    stored = TinyDB(db).table("meta").all()
    codebook = next(d["value"] for d in stored if d.get("key") == "codebook")
    assert [a["name"] for a in codebook["actors"]] == names  # the codebook in use, with its added sides
    assert [s["name"] for s in codebook["stances"]] == ["support", "conditional support", "neutral", "sceptical",
                                                        "oppose"]


async def test_loaded_articles_are_kept_out_of_full_collections_while_the_screen_lives(tmp_path: Path) -> None:
    import gc

    app = make_app(tmp_path / "db.json")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        assert gc.get_freeze_count() > 0  # the articles: full collections no longer walk them between keys
        await pilot.press("q")
    app.store.close()
    assert gc.get_freeze_count() == 0
