"""``newsdesk serve`` in a real browser: headless Chromium opens the page, the article is drawn, `a` `1` tags the
statement, and the tag is in the database file. A screenshot and the timings go to bench/output/ (git-ignored)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "bench" / "output"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
ANNOTATOR = "browser-test"

pytestmark = pytest.mark.browser

# xterm.js draws on a canvas, and textual-serve keeps its terminal in a closure; this hook, run before the page's
# own scripts, keeps a reference to each object assigned to a ``terminal`` property, so the test can read the
# screen buffer xterm.js draws from (its public buffer API), as a terminal test reads the screen.
KEEP_TERMINALS = """
window.__terminals = [];
Object.defineProperty(Object.prototype, 'terminal', {
  configurable: true,
  set(value) {
    Object.defineProperty(this, 'terminal', {value, writable: true, configurable: true, enumerable: true});
    if (value && value.buffer && value.onData) { window.__terminals.push(value); }
  },
});
"""
SCREEN_TEXT = """
const term = window.__terminals[0];
if (!term) { return ''; }
const buffer = term.buffer.active, lines = [];
for (let y = 0; y < term.rows; y++) {
  const line = buffer.getLine(buffer.viewportY + y);
  lines.push(line ? line.translateToString(true) : '');
}
return lines.join('\\n');
"""


def _need_browser() -> None:
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.skip("Chromium is not installed (apt-get install chromium chromium-driver; .ci/run installs them)")
    pytest.importorskip("selenium", reason="selenium is in the test extra")
    pytest.importorskip("textual_serve", reason="textual-serve is in the serve extra")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(check, timeout: float, what: str, interval: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def listening(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[int, Path, float]]:
    _need_browser()
    port, db = free_port(), tmp_path / "annotations.json"
    started = time.monotonic()
    process = subprocess.Popen([sys.executable, "-m", "tui", "serve", str(ROOT / "seeds"), "--db", str(db),
                                "--annotator", ANNOTATOR, "--port", str(port)], cwd=tmp_path,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        wait_for(lambda: listening(port) or process.poll() is not None, 30, "the server to listen")
        assert process.poll() is None, process.stderr.read().decode() if process.stderr else ""
        yield port, db, started
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)  # textual-serve exits gracefully, ending each session's app
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        if process.stderr:
            process.stderr.close()


@pytest.fixture
def browser(tmp_path: Path):
    _need_browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--window-size=1400,900", f"--user-data-dir={tmp_path / 'chromium-profile'}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def open_app(browser, port: int) -> None:
    browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": KEEP_TERMINALS})  # per tab
    browser.get(f"http://127.0.0.1:{port}/")


def tags(db: Path) -> list[dict]:
    from tui.core.store.database import AnnotationStore

    if not db.exists() and not db.with_name(db.name + ".journal").exists():
        return []  # the first save makes the journal; the JSON file comes when the journal is folded in
    store = AnnotationStore.open(db, read_only=True)  # beside the writing session, as a second app would
    try:
        return [t for t in store.all_tags() if t.get("annotator") == ANNOTATOR]
    finally:
        store.close()


def test_a_browser_tab_reads_and_tags(server, browser) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    port, db, started = server
    listening_at = time.monotonic()
    first_sentence = "After months of tension and sporadic backchannel talks"  # the first seed article's text
    open_app(browser, port)
    screen = wait_for(lambda: (text := browser.execute_script(SCREEN_TEXT)) and first_sentence in text and text,
                      60, "the article text to be drawn")
    drawn = time.monotonic()
    browser.execute_script("return new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    assert "newsdesk" in screen or "Russia" in screen
    OUTPUT.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(OUTPUT / "serve-browser.png"))

    assert tags(db) == []  # negative control: nothing tagged before the keys
    ActionChains(browser).click(browser.find_element(By.CSS_SELECTOR, ".xterm-screen")).perform()
    keys_sent = time.monotonic()
    ActionChains(browser).send_keys("a").perform()
    wait_for(lambda: "press a key" in browser.execute_script(SCREEN_TEXT), 20, "the actor picker to be drawn")
    ActionChains(browser).send_keys("1").perform()
    found = wait_for(lambda: tags(db), 30, "the tag in the database")
    tagged = time.monotonic()
    assert found[0]["actor"] == "Russia" and found[0]["quote"]
    browser.save_screenshot(str(OUTPUT / "serve-browser-tagged.png"))

    app_tab = browser.current_window_handle
    browser.switch_to.new_window("tab")  # a second tab: a session of its own, read-only while the first writes
    open_app(browser, port)
    second = wait_for(lambda: (text := browser.execute_script(SCREEN_TEXT)) and "read-only" in text
                      and first_sentence in text and text, 60, "the second session's article and read-only notice")
    assert "1/30 tagged" in second  # it reads the tag the first session wrote
    browser.save_screenshot(str(OUTPUT / "serve-browser-second-tab.png"))
    browser.switch_to.window(app_tab)
    browser.close()  # the first tab's session ends: its app quits and folds the journal into the JSON file
    browser.switch_to.window(browser.window_handles[0])
    from tinydb import TinyDB

    def in_json_file() -> list[dict]:
        try:
            with TinyDB(db) as plain:
                return [t for t in plain.table("annotations").all() if t.get("annotator") == ANNOTATOR]
        except (OSError, ValueError):
            return []

    wait_for(in_json_file, 30, "the tag in the database file after the session ended")
    timings = {"server start to listening (s)": round(listening_at - started, 2),
               "page requested to article text drawn (s)": round(drawn - listening_at, 2),
               "first key sent to tag in the database (s)": round(tagged - keys_sent, 2)}
    (OUTPUT / "serve-browser-timings.json").write_text(json.dumps(timings, indent=2) + "\n", encoding="utf-8")
    print(timings)
