"""Write a large, realistic corpus for the scale benchmarks: N articles recombined from the seed articles and,
when present, the TimeBank texts (read where they are, never copied whole).

    python bench/make_corpus.py OUT_DIR [--articles 10000] [--seed 1] [--timebank DIR | --no-timebank]

Each article gets a title (a seed heading, a TimeBank opening or a made-up headline), and by chance a
``" date YYYY-MM-DD"`` header line, a byline, a "Published ..." stamp, a URL with the date in it, a dateline with
a news agency, sub-headings and a boilerplate tail, with a body of whole paragraphs drawn from the pool until it
reaches a size between 1 and 12 KB. About 80% are .txt, 6% .md, 6% .html and 8% are records of .jsonl feeds
(each feed holds 10-60 records). Files go into ``YYYY/MM/`` folders by date, feeds into ``feeds/``.
The same --seed gives the same files, byte for byte.
"""

from __future__ import annotations

import argparse
import html
import json
import math
import random
import re
import sys
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))  # the TimeBank reader

from tui.core.extract.reader import article_id  # noqa: E402
from tui.core.seeds import seeds_dir  # noqa: E402

DEFAULT_TIMEBANK = ROOT.parent / "shared" / "data" / "timebank"
MIN_BYTES, MAX_BYTES = 1024, 12 * 1024
FORMATS = (("txt", 0.80), ("md", 0.06), ("html", 0.06), ("jsonl", 0.08))
AGENCIES = ("Reuters", "AP", "AFP", "TASS", "Anadolu", "Ukrinform", "dpa", "Xinhua", "ANSA", "EFE")
OUTLETS = ("Kyiv Independent", "Al Jazeera", "BBC News", "Deutsche Welle", "Euronews", "Hurriyet Daily News",
           "The Moscow Times", "Politico Europe", "Devdiscourse", "Pravda", "The Guardian", "NV")
PLACES = ("ISTANBUL", "KYIV", "MOSCOW", "BRUSSELS", "WASHINGTON", "ANKARA", "GENEVA", "DOHA", "VATICAN CITY",
          "RIYADH", "WARSAW", "BERLIN", "PARIS", "LONDON", "CAIRO", "JERUSALEM", "BEIJING", "NEW YORK")
REPORTERS = ("Olena Harmash", "Guy Faulconbridge", "Tom Balmforth", "Darya Korsunskaya", "Humeyra Pamuk",
             "Andrew Osborn", "Pavel Polityuk", "Max Hunder", "Lidia Kelly", "Ece Toksabay", "John Irish")
SUBJECTS = ("Russia", "Ukraine", "Kyiv", "Moscow", "The Kremlin", "Zelensky", "Putin", "Lavrov", "Erdogan",
            "NATO", "The EU", "Washington", "Turkey", "The UN", "Sybiha", "Medinsky", "Umerov", "Peskov")
HEADLINE_VERBS = ("says", "rejects", "welcomes", "proposes", "warns of", "calls for", "accuses West over",
                  "prepares", "signals openness to", "dismisses", "confirms", "hails")
HEADLINE_OBJECTS = ("peace memorandum", "ceasefire terms", "prisoner exchange", "new round of Istanbul talks",
                    "security guarantees", "energy truce", "sanctions package", "Black Sea deal",
                    "drone strikes on energy grid", "humanitarian corridor", "Vatican mediation offer",
                    "draft settlement", "troop withdrawal plan", "summit proposal")
BOILERPLATE = ("Read more: {title}", "© {year} {source}. All rights reserved.", "Follow us on Telegram",
               "Reporting by {reporter}; Editing by {other}", "(With inputs from {agency})", "Advertisement",
               "Subscribe to our newsletter for the latest news")


@dataclass(slots=True)
class Pools:
    """What articles are built from: body paragraphs, headings and titles."""

    paragraphs: list[str]
    headings: list[str]
    titles: list[str]


def split_long(paragraph: str, limit: int = 1500) -> list[str]:
    """Cut a paragraph longer than ``limit`` characters at sentence ends."""
    if len(paragraph) <= limit:
        return [paragraph]
    parts, current = [], ""
    for sentence in re.split(r"(?<=[.!?])\s+", paragraph):
        if current and len(current) + len(sentence) > limit:
            parts.append(current)
            current = ""
        current = f"{current} {sentence}".strip()
    return parts + ([current] if current else [])


def load_pools(timebank: Path | None) -> Pools:
    paragraphs, headings, titles = [], [], []
    for path in sorted(seeds_dir().glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            words = len(line.split())
            if 3 <= words <= 14 and not re.search(r"[.!?,;:\"”]$", line):
                headings.append(line)
            elif words > 6:
                paragraphs.extend(split_long(line))
    titles.extend(headings)
    if timebank is not None and timebank.is_dir():
        from timebank import parse_tml

        for path in sorted(timebank.glob("*.tml")):
            try:
                text = parse_tml(path).text
            except (OSError, UnicodeDecodeError):
                continue
            blocks = [" ".join(b.split()) for b in re.split(r"\n\s*\n", text)]
            blocks = [b for b in blocks if len(b.split()) > 6]
            for block in blocks:
                paragraphs.extend(split_long(block))
            if blocks:  # the opening words of a wire story make a plausible headline
                opening = " ".join(blocks[0].split()[:9]).rstrip(",.;:")
                titles.append(opening[0].upper() + opening[1:])
    return Pools(paragraphs, headings, titles)


def made_up_title(rng: random.Random) -> str:
    title = f"{rng.choice(SUBJECTS)} {rng.choice(HEADLINE_VERBS)} {rng.choice(HEADLINE_OBJECTS)}"
    if rng.random() < 0.3:
        title += f" in {rng.choice(PLACES).title()}"
    return title


def pick_title(rng: random.Random, pools: Pools) -> str:
    title = made_up_title(rng) if rng.random() < 0.4 else rng.choice(pools.titles)
    if rng.random() < 0.15:
        title += f" | {rng.choice(OUTLETS)}"
    return title


def body_paragraphs(rng: random.Random, pools: Pools, target: int) -> list[str]:
    """Paragraphs (and the odd sub-heading) until the body reaches ``target`` bytes, never past MAX_BYTES."""
    out: list[str] = []
    size = 0
    start = rng.randrange(len(pools.paragraphs))
    run = 0
    while size < target:
        if out and rng.random() < 0.08 and pools.headings:
            piece = rng.choice(pools.headings)
        elif run and rng.random() < 0.7:  # consecutive paragraphs keep some of a story's flow
            piece = pools.paragraphs[(start + run) % len(pools.paragraphs)]
        else:
            start, run = rng.randrange(len(pools.paragraphs)), 0
            piece = pools.paragraphs[start]
        run += 1
        grow = len(piece.encode()) + 2
        if size + grow > MAX_BYTES - 600:  # room for the header lines
            if size >= MIN_BYTES:
                break
            continue
        out.append(piece)
        size += grow
    return out


@dataclass(slots=True)
class Parts:
    title: str
    day: date
    source: str
    url: str
    byline: str | None
    paragraphs: list[str]
    tail: list[str]


def make_parts(rng: random.Random, pools: Pools, day: date) -> Parts:
    title = pick_title(rng, pools)
    target = int(math.exp(rng.uniform(math.log(MIN_BYTES), math.log(MAX_BYTES - 800))))
    paragraphs = body_paragraphs(rng, pools, target)
    agency, source = rng.choice(AGENCIES), rng.choice(OUTLETS + AGENCIES)
    if rng.random() < 0.5:  # a wire dateline on the first paragraph
        paragraphs[0] = f"{rng.choice(PLACES)}, {day:%B} {day.day} ({agency}) - {paragraphs[0]}"
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60]
    url = f"https://{source.lower().replace(' ', '')}.example/{day:%Y/%m/%d}/{slug}"
    byline = f"By {rng.choice(REPORTERS)}" if rng.random() < 0.4 else None
    tail = []
    for template in rng.sample(BOILERPLATE, k=rng.choice((0, 0, 1, 2))):
        tail.append(template.format(title=pick_title(rng, pools), year=day.year, source=source, agency=agency,
                                    reporter=rng.choice(REPORTERS), other=rng.choice(REPORTERS)))
    return Parts(title, day, source, url, byline, paragraphs, tail)


def as_text(rng: random.Random, parts: Parts) -> str:
    lines = []
    if rng.random() < 0.25:
        lines.append(f" date {parts.day.isoformat()} {rng.choice(('Left Menu', '', 'World News'))}".rstrip())
        lines.append("")
    lines.append(parts.title)
    if parts.byline:
        lines.append(parts.byline)
    if rng.random() < 0.3:
        lines.append(f"{parts.source} | Published {parts.day:%B} {parts.day.day}, {parts.day.year}")
    if rng.random() < 0.2:
        lines.append(f"URL: {parts.url}")
    lines.append("")
    separator = "\n\n" if rng.random() < 0.5 else "\n"
    body = separator.join(parts.paragraphs + parts.tail)
    return "\n".join(lines) + "\n" + body + "\n"


def as_markdown(parts: Parts) -> str:
    lines = [f"# {parts.title}", ""]
    if parts.byline:
        lines += [f"*{parts.byline}*", ""]
    for paragraph in parts.paragraphs:
        heading = len(paragraph.split()) <= 14 and not paragraph.endswith((".", "!", "?", "”", '"'))
        lines += [f"## {paragraph}" if heading else paragraph, ""]
    return "\n".join(lines + parts.tail) + "\n"


def as_html(parts: Parts) -> str:
    e = html.escape
    head = (f"<title>{e(parts.title)}</title>\n<meta property=\"og:site_name\" content=\"{e(parts.source)}\">\n"
            f"<meta property=\"article:published_time\" content=\"{parts.day.isoformat()}T08:00:00Z\">\n"
            f"<link rel=\"canonical\" href=\"{e(parts.url)}\">")
    body = [f"<nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav>", f"<h1>{e(parts.title)}</h1>"]
    if parts.byline:
        body.append(f"<p class=\"byline\">{e(parts.byline)}</p>")
    for paragraph in parts.paragraphs:
        heading = len(paragraph.split()) <= 14 and not paragraph.endswith((".", "!", "?", "”", '"'))
        body.append(f"<h2>{e(paragraph)}</h2>" if heading else f"<p>{e(paragraph)}</p>")
    body.append("<footer>" + "".join(f"<p>{e(line)}</p>" for line in parts.tail) + "</footer>")
    return (f"<!DOCTYPE html>\n<html lang=\"en\"><head>\n<meta charset=\"utf-8\">\n{head}\n</head>\n<body><article>\n"
            + "\n".join(body) + "\n</article></body></html>\n")


def as_record(parts: Parts) -> str:
    record = {"title": parts.title, "url": parts.url, "published": parts.day.isoformat(), "source": parts.source,
              "text": "\n\n".join(parts.paragraphs + parts.tail)}
    return json.dumps(record, ensure_ascii=False)


def write_corpus(folder: Path, count: int = 10_000, seed: int = 1,
                 timebank: Path | None = DEFAULT_TIMEBANK) -> dict[str, int]:
    """Write ``count`` articles under ``folder`` (which must be empty or new); returns articles per format."""
    folder.mkdir(parents=True, exist_ok=True)
    if any(folder.iterdir()):
        raise SystemExit(f"make_corpus: {folder} is not empty")
    pools = load_pools(timebank)
    rng = random.Random(seed)
    first_day, days = date(2024, 1, 1), 730
    counts = dict.fromkeys((name for name, _ in FORMATS), 0)
    seen: set[str] = set()
    feed: list[str] = []
    feed_size = rng.randint(10, 60)
    feeds = 0

    def flush_feed() -> None:
        nonlocal feed, feeds, feed_size
        if feed:
            path = folder / "feeds" / f"feed-{feeds:04d}.jsonl"
            path.parent.mkdir(exist_ok=True)
            path.write_text("\n".join(feed) + "\n", encoding="utf-8")
            feeds += 1
            feed, feed_size = [], rng.randint(10, 60)

    number = 0
    while number < count:
        day = first_day + timedelta(days=rng.randrange(days))
        parts = make_parts(rng, pools, day)
        fmt = rng.choices([name for name, _ in FORMATS], weights=[w for _, w in FORMATS])[0]
        content = {"txt": lambda: as_text(rng, parts), "md": lambda: as_markdown(parts), "html": lambda: as_html(parts),
                   "jsonl": lambda: as_record(parts)}[fmt]()
        key = article_id(content)
        if key in seen:  # the same recombination twice: draw again
            continue
        seen.add(key)
        counts[fmt] += 1
        number += 1
        if fmt == "jsonl":
            feed.append(content)
            if len(feed) >= feed_size:
                flush_feed()
            continue
        path = folder / f"{day:%Y}" / f"{day:%m}" / f"{number:05d}.{fmt}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    flush_feed()
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="an empty or new folder")
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timebank", type=Path, default=DEFAULT_TIMEBANK,
                        help="folder of TimeML .tml files (default: ../shared/data/timebank, used when present)")
    parser.add_argument("--no-timebank", action="store_true", help="build from the seed articles only")
    args = parser.parse_args()
    started = time.perf_counter()
    counts = write_corpus(args.out, args.articles, args.seed, None if args.no_timebank else args.timebank)
    files = [p for p in args.out.rglob("*") if p.is_file()]
    size = sum(p.stat().st_size for p in files)
    print(f"wrote {sum(counts.values()):,} articles ({', '.join(f'{n:,} {f}' for f, n in counts.items())}) in "
          f"{len(files):,} files, {size / 1e6:.1f} MB, to {args.out} in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
