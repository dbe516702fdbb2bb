"""Write the TBAQ texts as one JSON Lines feed (text, title, published = the DCT) for `newsdesk extract`.

    python tools/tbaq_feed.py [../shared/data/timebank] > /tmp/tbaq.jsonl
    newsdesk extract /tmp/tbaq.jsonl > /tmp/tbaq-out.jsonl

Used to check that a refactor leaves extraction output byte for byte the same. The data is read in place.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from timebank import DEFAULT_FOLDER, parse_tml  # noqa: E402


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else DEFAULT_FOLDER
    for path in sorted(folder.glob("*.tml")):
        doc = parse_tml(path)
        record = {"text": doc.text, "title": doc.name,
                  "published": doc.anchor.isoformat() if doc.anchor else None}
        print(json.dumps(record, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
