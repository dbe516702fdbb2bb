"""The export dialog: the choices of ``newsdesk export`` (format, file, annotator, article, actor, stance, since),
run in a worker with a progress bar.  The main screen hands over ``run_export``, which reads its store, so this
screen never touches the database itself."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, ProgressBar, Select, Static
from textual.worker import get_current_worker

from tui.core.sets.annotation_set import (
    FORMATS,
    AnnotationSetError,
    ExportResult,
    TagFilter,
)
from tui.core.sets.formats import module
from tui.core.store.database import StoreError

from ..commands import bindings

RunExport = Callable[..., ExportResult]
ALL = "(everyone)"


def default_target(fmt: str, stamp: str | None = None) -> str:
    """``exports/annotations-<time>.<suffix>`` (a folder for brat)."""
    stamp = stamp or time.strftime("%Y%m%d-%H%M%S")
    return str(Path("exports") / f"annotations-{stamp}{module(fmt).SUFFIX}")


def written_summary(result: ExportResult) -> str:
    """One line: how much went where. A format of many files (brat: two per article) is named by its folder and
    counted, so the line stays one line whatever the corpus."""
    files = result.files_written
    if len(files) <= 2:
        where = ", ".join(str(p) for p in files) or str(result.out)
    else:
        where = f"{result.out or files[0].parent} ({len(files)} files)"
    return f"{result.tags_written} tag(s) of {result.articles} article(s) written to {where}"


class ExportScreen(ModalScreen[ExportResult | None]):
    AUTO_FOCUS = "#export-run"  # enter exports at once with the defaults, as the title says; tab reaches the rest
    BINDINGS = bindings("export")

    def __init__(self, run_export: RunExport, annotators: list[str], article_id: str | None) -> None:
        super().__init__()
        self.run_export = run_export
        self.annotators = annotators
        self.article_id = article_id
        self.result: ExportResult | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="export"):
            yield Label(Text("Export annotations — tab moves, enter or ctrl+s exports, escape closes",
                             style="bold"), id="export-title")
            with Horizontal(classes="export-row"):
                yield Label("format", classes="export-label")
                yield Select([(f, f) for f in FORMATS], value="jsonl", allow_blank=False, id="export-format")
            with Horizontal(classes="export-row"):
                yield Label("write to", classes="export-label")
                yield Input(default_target("jsonl"), id="export-out")
            with Horizontal(classes="export-row"):
                yield Label("annotator", classes="export-label")
                yield Select([(ALL, ALL)] + [(a, a) for a in self.annotators], value=ALL, allow_blank=False,
                             id="export-annotator")
            with Horizontal(classes="export-row"):
                yield Label("actor", classes="export-label")
                yield Input(placeholder="any", id="export-actor")
            with Horizontal(classes="export-row"):
                yield Label("stance", classes="export-label")
                yield Input(placeholder="any", id="export-stance")
            with Horizontal(classes="export-row"):
                yield Label("since", classes="export-label")
                yield Input(placeholder="YYYY-MM-DD (tags changed on or after)", id="export-since")
            yield Checkbox("only the article on screen", value=False, id="export-article",
                           disabled=self.article_id is None)
            yield Checkbox("replace the file if it exists", value=False, id="export-force")
            yield Button("Export", variant="primary", id="export-run")
            yield ProgressBar(id="export-progress", show_eta=False)
            yield Static(id="export-message")

    @on(Select.Changed, "#export-format")
    def _format_changed(self, event: Select.Changed) -> None:
        """Follow the format with the suggested file name, unless the person typed their own."""
        out = self.query_one("#export-out", Input)
        if out.value == "" or Path(out.value).parent == Path("exports") and out.value.startswith(
                str(Path("exports") / "annotations-")):
            out.value = default_target(str(event.value))

    @on(Input.Submitted)
    @on(Button.Pressed, "#export-run")
    def action_export(self) -> None:
        try:
            request = self._request()
        except ValueError as exc:
            self._say(str(exc), error=True)
            return
        self.query_one("#export-run", Button).disabled = True
        self._say("exporting …")
        self.export(**request)

    def _request(self) -> dict:
        value = lambda wid: self.query_one(wid, Input).value.strip() or None  # noqa: E731
        annotator = self.query_one("#export-annotator", Select).value
        out = value("#export-out")
        if out is None:
            raise ValueError("say where to write the export")
        filters = TagFilter(annotator=None if annotator == ALL else str(annotator),
                            article=self.article_id if self.query_one("#export-article", Checkbox).value else None,
                            actor=value("#export-actor"), stance=value("#export-stance"), since=value("#export-since"))
        return {"fmt": str(self.query_one("#export-format", Select).value), "out": out, "filters": filters,
                "force": self.query_one("#export-force", Checkbox).value}

    @work(thread=True, exclusive=True, group="export")
    def export(self, fmt: str, out: str, filters: TagFilter, force: bool) -> None:
        worker = get_current_worker()

        def progress(done: int, total: int) -> None:
            if not worker.is_cancelled:
                self.app.call_from_thread(self.query_one(ProgressBar).update, total=max(total, 1), progress=done)

        try:
            result = self.run_export(fmt=fmt, out=out, filters=filters, force=force, progress=progress)
        except (AnnotationSetError, StoreError, OSError, ValueError) as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        self.app.call_from_thread(self._done, result)

    def _failed(self, message: str) -> None:
        self.query_one("#export-run", Button).disabled = False
        self._say(message, error=True)

    def _done(self, result: ExportResult) -> None:
        self.result = result
        self.query_one("#export-run", Button).disabled = False
        lines = [written_summary(result)]
        if result.left_out:
            lines.append(f"{result.left_out} tag(s) left out (their article text was not found)")
        lines += result.warnings[:5]
        self._say("\n".join(lines), error=bool(result.left_out))
        self.notify(lines[0], timeout=4)  # short: the dialog below says the rest

    def _say(self, message: str, error: bool = False) -> None:
        self.query_one("#export-message", Static).update(Text(message, style="red" if error else "green"))
