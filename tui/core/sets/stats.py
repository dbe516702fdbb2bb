"""Counts of the tags for ``newsdesk stats`` and the app's statistics screen: plain data, no rendering.

* Actors by stance: every tag counts once (the adjudicated ones too); a missing actor or stance is ``None``.
  Actors are ordered by number of tags (ties in codebook order, no actor last); stances in codebook order, then
  stances the codebook does not know (by name), then ``None``.
* Articles: tags, tagged statements (statements with a tag of anyone) and, for the articles given, the number of
  statements that can be tagged (every kind but :data:`UNTAGGABLE_KINDS`) — hence the progress.  Tags of
  articles that were not given are still counted; their progress is unknown (``None``).
* Annotators: tags, statements tagged, articles touched.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from typing import Any, Iterable, Protocol, Sequence

from tui.core.codebook import Codebook, default_codebook
from tui.core.model import UNTAGGABLE_KINDS

BLOCKS = " ▏▎▍▌▋▊▉█"  # 0 to 8 eighths of a character cell


class _Article(Protocol):
    id: str
    path: str
    title: str | None
    statements: list[Any]  # each with start, end and kind


@dataclass
class ActorRow:
    actor: str | None
    total: int
    counts: list[int]  # aligned with Stats.stances


@dataclass
class ArticleRow:
    article_id: str
    path: str | None
    title: str | None
    tags: int
    tagged_statements: int
    total_statements: int | None  # None: the article was not among those read

    @property
    def progress(self) -> float | None:
        if self.total_statements is None:
            return None
        return self.tagged_statements / self.total_statements if self.total_statements else 1.0


@dataclass
class AnnotatorRow:
    annotator: str
    tags: int
    statements: int
    articles: int


@dataclass
class Stats:
    tags: int
    stances: list[str | None]
    actors: list[ActorRow]
    articles: list[ArticleRow]
    annotators: list[AnnotatorRow]
    tagged_statements: int = 0  # over the articles read
    total_statements: int = 0

    @property
    def progress(self) -> float | None:
        return self.tagged_statements / self.total_statements if self.total_statements else None

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["progress"] = self.progress
        for row, article in zip(out["articles"], self.articles):
            row["progress"] = article.progress
        return out


def compute_stats(tags: Iterable[dict], articles: Iterable[_Article] | None = None,
                  codebook: Codebook | None = None) -> Stats:
    """Counts over ``tags`` (store tag documents); ``articles`` (e.g. from ``extract_paths``) give the progress."""
    tags = list(tags)
    codebook = codebook or default_codebook()
    stances = _stance_order(tags, codebook)
    column = {stance: i for i, stance in enumerate(stances)}
    counts: dict[str | None, list[int]] = {}
    for tag in tags:
        row = counts.setdefault(tag.get("actor"), [0] * len(stances))
        row[column[tag.get("stance")]] += 1
    actor_rank = {a.name: i for i, a in enumerate(codebook.actors)}
    actors = [ActorRow(actor, sum(row), row) for actor, row in counts.items()]
    actors.sort(key=lambda r: (r.actor is None, -r.total, actor_rank.get(r.actor or "", len(actor_rank)), str(r.actor)))
    article_rows, tagged, total = _article_rows(tags, articles)
    return Stats(tags=len(tags), stances=stances, actors=actors, articles=article_rows,
                 annotators=_annotator_rows(tags), tagged_statements=tagged, total_statements=total)


def bar(fraction: float, width: int) -> str:
    """A horizontal bar of ``fraction`` (clamped to 0..1) of ``width`` cells, in eighth-cell steps, unpadded."""
    width = max(0, int(width))
    fraction = min(1.0, max(0.0, float(fraction))) if fraction == fraction else 0.0
    eighths = round(fraction * width * 8)
    full, part = divmod(eighths, 8)
    return ("█" * full + (BLOCKS[part] if part else ""))[:width]


def split_widths(counts: Sequence[int], width: int) -> list[int]:
    """Cell widths for the parts of a ``width``-cell bar split in proportion to ``counts`` (largest remainder).

    The widths sum to ``width`` (0 if every count is 0); a nonzero count gets at least one cell when there is room.
    """
    total = sum(counts)
    if total <= 0 or width <= 0:
        return [0] * len(counts)
    exact = [c * width / total for c in counts]
    widths = [int(x) for x in exact]
    by_remainder = sorted(range(len(counts)), key=lambda i: exact[i] - widths[i], reverse=True)
    for i in by_remainder[: width - sum(widths)]:
        widths[i] += 1
    for i, count in enumerate(counts):  # keep small parts visible, taking cells from the widest
        if count and not widths[i]:
            widest = max(range(len(widths)), key=lambda j: widths[j])
            if widths[widest] > 1:
                widths[widest] -= 1
                widths[i] = 1
    return widths


def _stance_order(tags: list[dict], codebook: Codebook) -> list[str | None]:
    known = [s.name for s in codebook.stances]
    used = {tag.get("stance") for tag in tags}
    extra = sorted((s for s in used if s is not None and s not in known), key=str)
    return [*known, *extra, *([None] if None in used else [])]


def _article_rows(tags: list[dict], articles: Iterable[_Article] | None) -> tuple[list[ArticleRow], int, int]:
    by_article: dict[str, list[dict]] = defaultdict(list)
    for tag in tags:
        by_article[tag["article_id"]].append(tag)
    rows: list[ArticleRow] = []
    tagged_sum = total_sum = 0
    seen: set[str] = set()
    for article in articles or ():
        if article.id in seen:
            continue
        seen.add(article.id)
        mine = by_article.get(article.id, [])
        spans = {(t["start"], t["end"]) for t in mine}
        taggable = [s for s in article.statements if s.kind not in UNTAGGABLE_KINDS]
        tagged = sum(1 for s in taggable if (s.start, s.end) in spans)
        rows.append(ArticleRow(article.id, str(article.path), article.title, len(mine), tagged, len(taggable)))
        tagged_sum += tagged
        total_sum += len(taggable)
    unknown = [(article_id, mine) for article_id, mine in by_article.items() if article_id not in seen]
    unknown.sort(key=lambda item: (str(_newest_path(item[1]) or ""), item[0]))
    for article_id, mine in unknown:
        rows.append(ArticleRow(article_id, _newest_path(mine), None, len(mine),
                               len({(t["start"], t["end"]) for t in mine}), None))
    return rows, tagged_sum, total_sum


def _newest_path(tags: list[dict]) -> str | None:
    newest = max(tags, key=lambda t: str(t.get("updated") or ""))
    return newest.get("article_path")


def _annotator_rows(tags: list[dict]) -> list[AnnotatorRow]:
    count: Counter[str] = Counter()
    statements: dict[str, set] = defaultdict(set)
    articles: dict[str, set] = defaultdict(set)
    for tag in tags:
        who = tag["annotator"]
        count[who] += 1
        statements[who].add((tag["article_id"], tag["start"], tag["end"]))
        articles[who].add(tag["article_id"])
    return [AnnotatorRow(who, n, len(statements[who]), len(articles[who]))
            for who, n in sorted(count.items(), key=lambda item: (-item[1], item[0]))]
