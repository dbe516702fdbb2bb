"""ArticleReader: the article as a column of statements, drawn with the line API.

Each statement is wrapped once into strips and cached; moving the cursor redraws the two statements whose highlight
changed, not the article. Article text is data: it is put on screen through ``rich.text.Text`` (never parsed as
markup) and control characters (escape codes included) are shown as visible symbols, one cell each.
"""

from __future__ import annotations

from bisect import bisect_right

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.core.codebook import Codebook
from tui.core.model import Article, Statement
from tui.core.text import visible  # the one sanitiser for the screen (imported from here by the screens)

from ..model import TagView  # the screen's model makes them; defined there, without Textual

DIMMED_KINDS = {"boilerplate", "caption", "meta"}
MIN_WIDTH = 4  # the gutter (2) and a column of text: narrower than that, nothing can be read anyway



class ArticleReader(ScrollView, can_focus=True):
    """Shows one article; the screen binds ``article``, ``statement_index`` and ``tags`` down to it."""

    DEFAULT_CSS = """
    ArticleReader { background: $surface; }
    """

    article: reactive[Article | None] = reactive(None, always_update=True)
    statement_index: reactive[int] = reactive(0)
    tags: reactive[dict[int, list[TagView]]] = reactive(dict, always_update=True)

    class StatementClicked(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, codebook: Codebook, **kwargs) -> None:
        super().__init__(**kwargs)
        self.codebook = codebook
        self._blocks: list[list[Strip]] = []  # strips per statement
        self._tops: list[int] = []  # first line of each statement
        self._width = 0
        self._rewrap_pending = False

    # -- layout -------------------------------------------------------------------------------------------------

    def _text_width(self) -> int:
        """The width to wrap to: the width actually drawn (a floor wider than that cut words at the right edge
        when the events panel took its share of a narrow terminal), less a column kept clear of the scrollbar."""
        return max(MIN_WIDTH, self.scrollable_content_region.width - 1)

    def watch_article(self) -> None:
        self._rebuild()
        self.scroll_to(y=0, animate=False)

    def watch_tags(self, old: dict[int, list[TagView]], new: dict[int, list[TagView]]) -> None:
        """Redraw only the statements whose tags changed."""
        if len(self._blocks) != len(self._statements):
            self._rebuild()
            return
        changed = [i for i in old.keys() | new.keys() if old.get(i) != new.get(i) and i < len(self._blocks)]
        for index in changed:
            self._blocks[index] = self._render_statement(index)
        if changed:
            self._layout()
            self.refresh()

    def on_resize(self) -> None:
        if self._text_width() != self._width:
            self._rebuild()

    def _check_width(self) -> None:
        """Wrapping is for one width: if the widget is drawn at another (laid out after the article arrived),
        wrap again once this frame is done."""
        if self._text_width() != self._width and not self._rewrap_pending:
            self._rewrap_pending = True
            self.call_after_refresh(self._rebuild)

    def _rebuild(self) -> None:
        self._rewrap_pending = False
        self._width = self._text_width()
        self._blocks = [self._render_statement(i) for i in range(len(self._statements))]
        self._layout()
        self.refresh()

    def _layout(self) -> None:
        tops, y = [], 0
        statements = self._statements
        for i, block in enumerate(self._blocks):
            if i and self.article and "\n" in self.article.text[statements[i - 1].end:statements[i].start]:
                y += 1  # a blank line between paragraphs (or lines of the page)
            tops.append(y)
            y += len(block)
        self._tops = tops
        self.virtual_size = Size(self._width + 1, y)

    @property
    def _statements(self) -> list[Statement]:
        return self.article.statements if self.article else []

    def _render_statement(self, index: int) -> list[Strip]:
        article = self.article
        if article is None:
            return []
        statement = article.statements[index]
        current = index == self.statement_index
        base = Style(dim=True, italic=statement.kind == "caption") if statement.kind in DIMMED_KINDS else Style()
        if statement.kind in ("title", "heading"):
            base = Style(bold=True)
        text = Text(visible(article.text[statement.start:statement.end]).replace("\n", " "), style=base)
        for quote in article.quotes:
            if quote.start < statement.end and quote.end > statement.start:
                text.stylize(Style(italic=True, color="bright_cyan"),
                             max(0, quote.start - statement.start), quote.end - statement.start)
        for tag in self.tags.get(index, []):
            text.append("  ")
            text.append_text(self._chip(tag))
        gutter = self._gutter(index)
        lines = self.app.console.render_lines(text, self.app.console.options.update_width(self._width - 2),
                                              pad=True, style=Style(bgcolor="grey23") if current else None)
        strips = []
        for number, line in enumerate(lines):
            mark = gutter if number == 0 or current else Segment("  ")
            strips.append(Strip([mark, *line]))
        return strips

    def _gutter(self, index: int) -> Segment:
        tags = [t for t in self.tags.get(index, []) if not t.suggested]
        color = None
        if tags and (code := self.codebook.actor(tags[0].actor)):
            color = code.color
        if index == self.statement_index:
            return Segment("▶ ", Style(color=color or "yellow", bold=True))
        return Segment("▌ " if color else "  ", Style(color=color))

    def _chip(self, tag: TagView) -> Text:
        actor = self.codebook.actor(tag.actor)
        stance = self.codebook.stance(tag.stance)
        chip = Text()
        if tag.suggested:
            chip.append("suggest: ", Style(dim=True, italic=True))
        label_style = Style(italic=tag.suggested, dim=tag.suggested, underline=not tag.own)
        chip.append("⟨", label_style)
        chip.append(visible(tag.actor or "—"),
                    label_style + Style(color=actor.color if actor else None, bold=not tag.suggested))
        chip.append(" · ", label_style)
        chip.append(visible(tag.stance or "—"), label_style + Style(color=stance.color if stance else None))
        if tag.note:
            chip.append(" ✎", label_style)
        if not tag.own and tag.annotator:
            chip.append(f" @{visible(tag.annotator)}", Style(dim=True))
        if tag.unsaved:
            chip.append(" UNSAVED", Style(color="red", bold=True, reverse=True))
        chip.append("⟩", label_style)
        return chip

    # -- cursor -------------------------------------------------------------------------------------------------

    def watch_statement_index(self, old: int, new: int) -> None:
        for index in {old, new}:
            if 0 <= index < len(self._blocks):
                before = len(self._blocks[index])
                self._blocks[index] = self._render_statement(index)
                if len(self._blocks[index]) != before:
                    self._layout()
                    self.refresh()
                else:
                    self.refresh_lines(self._tops[index], before)
        self.scroll_to_statement(new)

    def scroll_to_statement(self, index: int) -> None:
        if not 0 <= index < len(self._tops):
            return
        top = self._tops[index]
        height = len(self._blocks[index])
        view = self.scrollable_content_region.height
        y = self.scroll_offset.y
        if top < y:
            self.scroll_to(y=max(0, top - 1), animate=False)
        elif top + height > y + view:
            self.scroll_to(y=max(0, top + height - view + 1), animate=False)

    def statement_at_line(self, y: int) -> int | None:
        index = bisect_right(self._tops, y) - 1
        if 0 <= index < len(self._blocks) and y < self._tops[index] + len(self._blocks[index]):
            return index
        return None

    def on_click(self, event) -> None:
        index = self.statement_at_line(event.y + self.scroll_offset.y)
        if index is not None:
            self.post_message(self.StatementClicked(index))

    # -- line API -----------------------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        if y == 0:
            self._check_width()
        line = y + self.scroll_offset.y
        index = self.statement_at_line(line)
        width = self.scrollable_content_region.width
        if index is None:
            return Strip.blank(width)
        strip = self._blocks[index][line - self._tops[index]]
        return strip.crop_extend(self.scroll_offset.x, self.scroll_offset.x + width, None)
