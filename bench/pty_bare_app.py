"""The bare Textual app the pty benchmark compares newsdesk with: a static line, a list to move a highlight in,
a footer. Run as newsdesk is (a fresh interpreter, under the same terminal)."""

from textual.app import App, ComposeResult
from textual.widgets import Footer, OptionList, Static

BARE_TEXT = "A static line of text in a bare Textual app"


class BareApp(App[None]):
    BINDINGS = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Static(BARE_TEXT)
        yield OptionList(*(f"Option number {n}" for n in range(1, 31)))
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()


if __name__ == "__main__":
    BareApp().run()
