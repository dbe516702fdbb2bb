"""``newsdesk export --format FORMAT``: write the annotation set for another tool (or a backup).

Formats (the layouts are described in ``tui/core/sets/formats/`` and the README):
  jsonl        one tag per line, every field plus the article's title and date; imports back
  csv          one tag per row (RFC 4180; UTF-8 with BOM in a file, none on standard output, where control
               characters of cells are written as \\uXXXX); cells starting with = + - @ TAB CR ' get a leading '
               against formula injection: strip the first ' of any cell that starts with one to undo it
  w3c          W3C Web Annotation AnnotationCollection (JSON-LD), --language on bodies and target; imports back
  brat         a brat standoff folder (--out required): OUT/<annotator>/<article>.txt/.ann + annotation.conf
  labelstudio  Label Studio tasks JSON (completed_by NAME@newsdesk.local), plus OUT's name with
               .label_config.xml: the labeling config; imports back, Label Studio's own exports too
  doccano      a folder of doccano sequence-labelling JSONL, one file per annotator (--out required, or
               --annotator NAME to write that one file to standard output)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tui.core.sets.annotation_set import (
    FORMATS,
    AnnotationSetError,
    TagFilter,
    export,
    parse_since,
)
from tui.core.store.database import StoreError, default_db_path

from .common import plain


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("export", help="write the tags as jsonl, csv, w3c, brat, labelstudio or doccano",
                            description=__doc__.split("\n", 1)[0].replace("``", ""),
                            epilog=__doc__.split("\n\n", 1)[1], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--format", required=True, choices=FORMATS, help="what to write")
    parser.add_argument("--db", type=Path, help="the annotation database (default: $NEWSDESK_DB or "
                                                "./annotations/annotations.json); opened read-only")
    parser.add_argument("--out", type=Path,
                        help="file (or folder, for brat and doccano) to write; default or -: standard output")
    parser.add_argument("--force", action="store_true", help="replace --out if it exists")
    parser.add_argument("--annotator", help="only this annotator's tags")
    parser.add_argument("--article", metavar="ID_OR_PATH", help="only this article (an id, or its start, or a path)")
    parser.add_argument("--actor", help="only tags of this actor (any case)")
    parser.add_argument("--stance", help="only tags with this stance (any case)")
    parser.add_argument("--language", default="en", metavar="TAG",
                        help="BCP 47 language of the articles and tag names, recorded by w3c (default: en)")
    parser.add_argument("--since", metavar="DATE", help="only tags updated on or after DATE (YYYY-MM-DD or ISO time)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from . import CliError

    if args.since is not None:
        try:
            parse_since(args.since)
        except ValueError as exc:
            raise CliError(f"export: --since: {plain(exc)}") from None
    if args.article is not None and not args.article.strip():
        raise CliError("export: --article: give an article id (or its start) or an article path")
    filters = TagFilter(annotator=args.annotator, article=args.article, actor=args.actor, stance=args.stance,
                        since=args.since)
    db = args.db or default_db_path()
    out = None if args.out is None or str(args.out) == "-" else args.out
    try:
        result = export(db, args.format, out, filters, force=args.force, stream=sys.stdout, language=args.language)
    except (AnnotationSetError, StoreError) as exc:
        raise CliError(f"export: {plain(exc)}") from None
    sys.stdout.flush()
    for warning in result.warnings:
        print(f"newsdesk: export: {plain(warning)}", file=sys.stderr)
    where = f" to {plain(out)}" if out else ""
    extra = f"; {result.reanchored} re-anchored to the current article text" if result.reanchored else ""
    left = f"; {result.left_out} left out (see above)" if result.left_out else ""
    print(f"newsdesk: exported {result.tags_written} tag(s) from {result.articles} article(s) as {args.format}"
          f"{where}{extra}{left}", file=sys.stderr)
    return 0
