"""Small modal screens that show a list and return the chosen row: search, filter, orphans."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from tui.core.model import Article

from ..commands import bindings
from ..widgets.article_reader import visible
from ..widgets.late_keys import TakesEarlyKeys
from .filters import Filter

SEARCH_LIMIT = 300


def clip_words(text: str, width: int) -> str:
    """``text`` cut to at most ``width`` characters at a word's end, with an ellipsis when something was left out."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    cut = text[:width - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > width // 2 else cut).rstrip(" ,;:") + "…"


class SearchScreen(TakesEarlyKeys, ModalScreen[tuple[int, int] | None]):
    """Search every article's statements; returns (article index, statement index)."""

    BINDINGS = bindings("search")

    def __init__(self, articles: list[Article]) -> None:
        super().__init__()
        self.articles = articles
        self.hits: list[tuple[int, int]] = []
        self.note_opening()

    def compose(self) -> ComposeResult:
        with Vertical(id="search"):
            yield Label("Search all articles")
            yield Input(placeholder="words to find", id="search-input")
            yield OptionList(id="search-results")

    def on_input_changed(self, event: Input.Changed) -> None:
        self.search(event.value)

    @work(thread=True, exclusive=True)
    def search(self, needle: str) -> None:
        needle = needle.strip().lower()
        hits: list[tuple[int, int]] = []
        rows: list[Option] = []
        if needle:
            for a_index, article in enumerate(self.articles):
                lowered = article.text.lower()
                if needle not in lowered:
                    continue
                for s_index, statement in enumerate(article.statements):
                    if needle in lowered[statement.start:statement.end]:
                        hits.append((a_index, s_index))
                        snippet = " ".join(article.text[statement.start:statement.end].split())
                        label = article.title or article.path.rsplit("/", 1)[-1]  # a file name, not its folders
                        rows.append(Option(Text.assemble((visible(clip_words(label, 40)), "bold"),
                                                         "  ", visible(clip_words(snippet, 160)))))
                        if len(hits) >= SEARCH_LIMIT:
                            break
                if len(hits) >= SEARCH_LIMIT:
                    break
        if needle and not rows:
            rows = [Option(Text(f"No statement contains “{visible(needle)}”", style="italic"), disabled=True)]
        self.app.call_from_thread(self._show, hits, rows)

    def _show(self, hits: list[tuple[int, int]], rows: list[Option]) -> None:
        self.hits = hits
        results = self.query_one(OptionList)
        results.clear_options()
        results.add_options(rows)

    def on_input_submitted(self) -> None:
        if self.hits:
            self.dismiss(self.hits[0])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_index < len(self.hits):
            self.dismiss(self.hits[event.option_index])


class FilterScreen(ModalScreen[Filter | None]):
    BINDINGS = bindings("filter")

    def __init__(self, actors: list[str], stances: list[str], annotators: list[str]) -> None:
        super().__init__()
        self.choices = [Filter(), Filter("untagged")]
        self.choices += [Filter("actor", a) for a in actors]
        self.choices += [Filter("stance", s) for s in stances]
        self.choices += [Filter("annotator", a) for a in annotators]

    def compose(self) -> ComposeResult:
        with Vertical(id="filter"):
            yield Label("Show statements")
            yield OptionList(*(Option(Text(visible(c.label()))) for c in self.choices), id="filter-options")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.choices[event.option_index])


class OrphansScreen(ModalScreen[tuple[str, dict] | None]):
    """Tags whose text could not be found again after the article changed: kept and listed; the highlighted one
    can be re-attached to the statement under the reader's cursor, or deleted (both undoable with u)."""

    BINDINGS = bindings("orphans")

    def __init__(self, orphans: list[dict], target: str | None = None) -> None:
        super().__init__()
        self.orphans = orphans
        self.target = target  # the text of the statement under the reader's cursor

    def compose(self) -> ComposeResult:
        with Vertical(id="orphans"):
            yield Label(f"{len(self.orphans)} orphan tag(s): their text is no longer in the article")
            if self.orphans:
                where = (f"enter re-attaches the highlighted tag to “{visible(clip_words(self.target, 60))}”"
                         if self.target else "enter: (open a statement to re-attach to first)")
                yield Label(Text(f"{where} · d deletes it · u undoes either · escape closes", style="dim"),
                            id="orphans-help")
            yield OptionList(*(Option(Text.assemble(
                (visible(str(t.get("actor") or "—")), "bold"), " · ", visible(str(t.get("stance") or "—")), "  ",
                (visible(str(t.get("article_path", ""))), "dim"), "\n  ", visible(str(t.get("quote", "")))[:200]))
                for t in self.orphans) or [Option("No orphan tags", disabled=True)], id="orphans-list")

    def _highlighted(self) -> dict | None:
        index = self.query_one(OptionList).highlighted
        return self.orphans[index] if index is not None and 0 <= index < len(self.orphans) else None

    def action_attach(self) -> None:
        if (orphan := self._highlighted()) is not None and self.target:
            self.dismiss(("attach", orphan))

    def action_delete(self) -> None:
        if (orphan := self._highlighted()) is not None:
            self.dismiss(("delete", orphan))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_attach()


def orphans_now(main) -> list[dict]:
    """The main screen's orphans brought up to date from the store (an undo may have brought one back, or taken a
    re-attachment back); a read-only store saved none, so the list found at opening stands."""
    if not main.store.read_only:
        paths = {article.path for article in main.articles}
        main.orphans[:] = [t for t in main.store.all_tags() if t.get("orphan") and t.get("article_path") in paths]
    return main.orphans


def statement_under_cursor(main) -> str | None:
    """The text of the main screen's current statement, when it can take a tag."""
    article = main.current_article
    if article is None or not article.complete or not 0 <= main.statement_index < len(article.statements):
        return None
    statement = article.statements[main.statement_index]
    return article.text[statement.start:statement.end]


def resolve_orphan(main, choice: tuple[str, dict] | None) -> None:
    """Carry out the orphans dialog's choice on the main screen's store and show the result."""
    from tui.core.store.database import StoreError

    if choice is None:
        return
    what, orphan = choice
    if main.store.read_only:
        main.notify("This database is open read-only: orphans cannot be changed", severity="error")
        return
    try:
        if what == "delete":
            main.store.delete_tag(orphan["id"])
            done = "Orphan tag deleted (u undoes)"
        else:
            article = main.current_article
            statement = article.statements[main.statement_index]
            main.store.reattach_orphan(orphan["id"], article_id=article.id, article_path=article.path,
                                       text=article.text, start=statement.start, end=statement.end)
            done = "Orphan tag re-attached to this statement (u undoes)"
    except (StoreError, ValueError) as exc:
        main.notify(f"Not changed: {exc}", severity="error", timeout=10)
        return
    main.orphans[:] = [o for o in main.orphans if o["id"] != orphan["id"]]
    main._refresh_article()
    main.notify(done)
