"""``newsdesk [PATH ...]``: open the reader and annotator (the default command)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from tui.core.codebook import Codebook, CodebookError, default_codebook, load_codebook
from tui.core.config import ConfigError, default_config_path, load_keymap
from tui.core.seeds import seeds_dir
from tui.core.store.database import (
    AnnotationStore,
    CompactionFailed,
    StoreError,
    StoreLocked,
    default_annotator,
    default_db_path,
)
from tui.core.text import plain

from .common import report_journal_only, warn


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("open", help="open the reader and annotator (the default command)")
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: ./seeds or the seeds)")
    parser.add_argument("--db", type=Path, help="TinyDB file (default: $NEWSDESK_DB or ./annotations/annotations.json)")
    parser.add_argument("--annotator", help="your name on the tags (default: $NEWSDESK_ANNOTATOR or the login name)")
    parser.add_argument("--codebook", type=Path, help="a TOML codebook of actors and stances")
    parser.add_argument("--config", type=Path, help="a TOML config file with [keys] rebindings")
    parser.add_argument("--read-only", action="store_true", help="open the database without writing to it")
    parser.add_argument("--no-ansi", action="store_true",
                        help="use Textual's own theme instead of the terminal's colours (also NEWSDESK_ANSI=0)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..app.keys import BINDING_IDS, keymap_with_prefix
    from . import CliError

    for path in args.paths:
        if not Path(path).exists():
            raise CliError(f"{path}: no such file or folder")
    paths = [Path(p) for p in args.paths] or [seeds_dir()]
    refuse_without_articles(paths)
    try:
        config_path = args.config or default_config_path()
        keymap = keymap_with_prefix(load_keymap(config_path, BINDING_IDS, explicit=args.config is not None))
        codebook = load_codebook(args.codebook) if args.codebook else None
    except (ConfigError, CodebookError) as exc:
        raise CliError(str(exc)) from None
    db = args.db or default_db_path()
    annotator = default_annotator(args.annotator)
    notice = None
    try:
        store = AnnotationStore.open(db, annotator=annotator, read_only=args.read_only)
    except StoreLocked as exc:
        store = _open_read_only(db, annotator)
        notice = f"{exc} — opened read-only"
    except (StoreError, OSError) as exc:
        raise CliError(str(exc)) from None
    if unreadable := store.journal_warning():  # only a read-only open gets this far with a damaged journal
        notice = f"{notice}; {unreadable}" if notice else unreadable
    try:
        if codebook is not None:
            _replace_codebook(store, codebook, db, args.codebook)
        else:
            stored = store.get_meta("codebook")
            codebook = Codebook.from_dict(stored, str(db)) if stored else default_codebook()
        from ..app import NewsdeskApp

        ansi = not args.no_ansi and os.environ.get("NEWSDESK_ANSI", "1") != "0"
        NewsdeskApp(paths, store, codebook, keymap, ansi=ansi, notice=notice).run()
    except BaseException as exc:
        _close_after(store, exc)
        if isinstance(exc, CodebookError):
            raise CliError(str(exc)) from None
        raise
    return close_store(store)


def refuse_without_articles(paths: list[Path]) -> None:
    """One line and status 2 before the app starts when ``paths`` hold no article at all (an empty folder, only
    unsupported or unreadable files), instead of a blank app. Reading stops at the first article found."""
    from tui.core.extract.reader import Skipped, read_articles

    from . import CliError

    if _any_article(paths):
        return
    skipped: list[Skipped] = []
    for item in read_articles(paths):  # no article anywhere: list what was skipped, in order
        if not isinstance(item, Skipped):
            return
        skipped.append(item)
    where = ", ".join(plain(p) for p in paths)
    if not skipped:
        raise CliError(f"no articles in {where} (no files; expected .txt, .md, .html, .htm or .jsonl)")
    first = skipped[0]
    more = f"; and {len(skipped) - 1} more" if len(skipped) > 1 else ""
    raise CliError(f"no articles in {where} ({len(skipped)} skipped: {plain(first.path)}: "
                   f"{plain(first.reason)}{more})")


def _any_article(paths: list[Path]) -> bool:
    """Whether one readable article is found, walking folders lazily and unsorted: listing and sorting 10,000
    files first (as reading does) took half a second before the first frame."""
    from tui.core.extract.reader import TEXT_SUFFIXES, RawArticle, read_file

    for path in paths:
        if path.is_dir():
            for folder, dirs, files in os.walk(path):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                for name in files:
                    if not name.startswith(".") and Path(name).suffix.lower() in TEXT_SUFFIXES \
                            and any(isinstance(item, RawArticle) for item in read_file(Path(folder, name))):
                        return True
        elif any(isinstance(item, RawArticle) for item in read_file(path)):
            return True
    return False


def _open_read_only(db: Path, annotator: str) -> AnnotationStore:
    from . import CliError

    try:
        return AnnotationStore.open(db, annotator=annotator, read_only=True)
    except (StoreError, OSError) as exc:
        raise CliError(str(exc)) from None


def close_store(store: AnnotationStore) -> int:
    """Close (compact) the store: 0, or :data:`EXIT_JOURNAL_ONLY` with one line when the snapshot could not be
    written (disk full, folder read-only) while every change is safe in the journal."""
    try:
        store.close()
    except CompactionFailed as exc:
        return report_journal_only(exc)
    return 0


def _replace_codebook(store: AnnotationStore, codebook: Codebook, db: Path, source: Path) -> None:
    """Store ``codebook`` in place of the database's, saying in a line per kind what changes (tags keep
    their labels)."""
    import sys

    from tui.core.codebook_diff import codebook_changes

    from . import CliError

    stored = store.get_meta("codebook")
    if stored == codebook.to_dict():
        return
    if stored:
        try:
            old = Codebook.from_dict(stored, f"{db}: codebook")
        except CodebookError:
            old = None
        if old is not None:
            changes = codebook_changes(old, codebook, store.all_tags())
            where = "" if not store.read_only else " (not saved: the database is open read-only)"
            for line in changes.lines():
                print(f"newsdesk: {plain(source)} changes the codebook of {plain(db)}{where}: {plain(line)}",
                      file=sys.stderr)
    if not store.read_only:
        try:
            store.set_meta("codebook", codebook.to_dict())
        except StoreError as exc:
            raise CliError(str(exc)) from None


def _close_after(store: AnnotationStore, error: BaseException) -> None:
    """Close on the way out of a failure: a compaction problem is said, the first error is the one raised."""
    try:
        store.close()
    except CompactionFailed as exc:
        report_journal_only(exc)
    except StoreError as exc:
        warn(str(exc))
