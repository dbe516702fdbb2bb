"""Where the five seed articles live: ./seeds when present, else the copy shipped inside the package."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent


def seeds_dir(cwd: Path | None = None) -> Path:
    local = (cwd or Path.cwd()) / "seeds"
    if local.is_dir():
        return local
    shipped = PACKAGE_DIR / "seeds"  # inside an installed wheel
    if shipped.is_dir():
        return shipped
    return PACKAGE_DIR.parent / "seeds"  # an editable install: the repository's own folder
