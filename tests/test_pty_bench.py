"""The pty benchmark's harness, run once: the installed `newsdesk` on the seeds in an 80×24 tmux pane shows
article text, and the harness sees it (no timing is asserted). Skips without tmux or an installed script."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from bench.pty_latency import Tmux, article_needles, first_text, key_to_frame, windows
from tui.core.seeds import seeds_dir

SCRIPT = Path(sys.executable).parent / "newsdesk"

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None or not SCRIPT.exists(),
                                reason="needs tmux and the installed newsdesk script")


def test_harness_sees_article_text_of_the_seeds_at_80x24(tmp_path: Path) -> None:
    needles = article_needles([seeds_dir()])
    db = tmp_path / "db.json"
    env = {"NEWSDESK_DB": str(db), "NEWSDESK_ANNOTATOR": "bench", "XDG_CONFIG_HOME": str(tmp_path / "config")}
    tmux = Tmux()
    try:
        took = first_text(tmux, "seeds", [str(SCRIPT), str(seeds_dir()), "--db", str(db)], needles, 80, 24, env,
                          timeout=90)
        screen = tmux.capture("seeds")
        assert took is not None, screen
        assert len(screen.splitlines()) <= 24
        assert not windows(screen).isdisjoint(needles)
        # the control: words of an article that is not in the seeds are not found on the same screen
        assert windows(screen).isdisjoint({("Glaciers", "in", "the", "Andes")})
        assert key_to_frame(tmux, "seeds", "j", timeout=30) is not None  # the screen changes on a key
    finally:
        tmux.close()
