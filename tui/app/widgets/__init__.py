from .article_list import ArticleList
from .article_reader import ArticleReader, TagView
from .events_panel import EventsPanel

__all__ = ["ArticleList", "ArticleReader", "EventsPanel", "TagView"]
