"""Issue 13 flow: a half-right suggestion costs at most three keys; (the verdict rule is tested in tests/test_tag_change.py)."""

from __future__ import annotations

from pathlib import Path

from test_app import loaded, make_app, saved_tags, until

from tui.app.screens.main import MainScreen


def first_with_suggested_actor(screen: MainScreen) -> tuple[int, str, str | None]:
    article = screen.current_article
    for index, pair in sorted(screen.model.suggestions_for(article).items()):
        actor, stance = pair
        if actor:
            return index, actor, stance
    raise AssertionError("no suggestion with an actor in the first article")


async def test_changing_the_stance_of_a_suggestion_keeps_its_actor_in_two_keys(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    app = make_app(db)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        index, actor, _ = first_with_suggested_actor(screen)
        while screen.statement_index < index:
            await pilot.press("j")
        keys = ["s", "2"]  # the stance is wrong, the actor right
        await pilot.press(*keys)
        await until(pilot, lambda: app.store.count() == 1)
        await until(pilot, lambda: isinstance(app.screen, MainScreen))
        await pilot.press("q")
    app.store.close()
    (tag,) = saved_tags(db)
    second_stance = app.codebook.stances[1].name
    assert (tag["actor"], tag["stance"], tag["suggested"]) == (actor, second_stance, False)
    assert len(keys) <= 3
