"""``newsdesk import FILE``: add the tags of a jsonl, w3c or labelstudio export to the annotation database.

The whole file is checked before anything is written: a bad line or item refuses it, naming the file and the
line (or item) and leaving the database as it was.  A tag already in the database (same id, or same span and
annotator) is replaced only by a newer version.  Tags whose quote is no longer where it was in the article
text found here are re-anchored, or kept as orphans; both are counted.  Label Studio's own exports work too
(annotators become labelstudio:<user>).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tui.core.sets.annotation_set import AnnotationSetError
from tui.core.sets.importing import IMPORT_FORMATS, import_file
from tui.core.store.database import CompactionFailed, StoreError, default_db_path

from .common import plain, report_journal_only


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("import", help="add the tags of a jsonl, w3c or labelstudio file to the database",
                            description=__doc__.split("\n", 1)[0].replace("``", ""),
                            epilog=__doc__.split("\n\n", 1)[1], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", type=Path, metavar="FILE", help="the file to import")
    parser.add_argument("--format", choices=IMPORT_FORMATS,
                        help="the file's format (default: from its name and contents)")
    parser.add_argument("--db", type=Path, help="the annotation database (default: $NEWSDESK_DB or "
                                                "./annotations/annotations.json)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from . import CliError

    try:
        result = import_file(args.file, args.db or default_db_path(), args.format)
    except CompactionFailed as exc:  # the tags are in: saved in the journal, not yet folded into the file
        return report_journal_only(exc)
    except (AnnotationSetError, StoreError) as exc:
        raise CliError(f"import: {plain(exc)}") from None
    except OSError as exc:
        raise CliError(f"import: {plain(exc.filename or args.file)}: {plain(exc.strerror or exc)}") from None
    for warning in result.warnings:
        print(f"newsdesk: import: {plain(warning)}", file=sys.stderr)
    print(plain(result.summary()))
    return 0
