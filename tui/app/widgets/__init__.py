from .article_list import ArticleList
from .article_reader import ArticleReader, TagView
from .events_panel import EventsPanel
from .key_footer import KeyFooter

__all__ = ["ArticleList", "ArticleReader", "EventsPanel", "KeyFooter", "TagView"]
