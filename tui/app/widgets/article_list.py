"""ArticleList: one row per article — title, source, publication date, tagged/total statements.

An OptionList (it serves ~10,000 rows); rows are plain ``Text``, never markup.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.core.model import Article

from .article_reader import visible


def display_title(article: Article) -> str:
    """The title, else the first sentence (pages without a title line), else the file name."""
    if article.title:
        return article.title
    first = next((s for s in article.statements if s.kind in ("sentence", "quote")), None)
    if first is not None:
        return " ".join(article.text[first.start:first.end].split())[:120]
    return article.path.rsplit("/", 1)[-1]


def article_prompt(article: Article, tagged: int, total: int) -> Text:
    title = visible(display_title(article))
    prompt = Text(title, style="bold", overflow="ellipsis", no_wrap=True)
    details = " · ".join(part for part in (
        visible(article.source or ""), article.published.isoformat() if article.published else "undated") if part)
    prompt.append("\n")
    prompt.append(details, style="dim")
    prompt.append(f"  {tagged}/{total}", style="green" if total and tagged == total else "dim")
    return prompt


class ArticleList(OptionList):
    DEFAULT_CSS = """
    ArticleList { width: 32; }
    """

    def add_articles(self, rows: list[tuple[Article, int, int]]) -> None:
        self.add_options([Option(article_prompt(a, tagged, total), id=a.id + f"#{self.option_count + i}")
                          for i, (a, tagged, total) in enumerate(rows)])

    def update_counts(self, index: int, article: Article, tagged: int, total: int) -> None:
        if 0 <= index < self.option_count:
            self.replace_option_prompt_at_index(index, article_prompt(article, tagged, total))
