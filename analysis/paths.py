"""Where things live, resolved from the package so that any working directory works."""
from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
SEEDS_DIR = PROJECT_DIR / "seeds"
NOTEBOOKS_DIR = PROJECT_DIR / "notebooks"
REPORTS_DIR = PROJECT_DIR / "reports"
DATA_DIR = PACKAGE_DIR / "data"
SEED_ARTICLE = SEEDS_DIR / "000_d9e28a5d5fb01913.txt"
GOLD_SUFFIX = ".gold.json"


def gold_path_for(article: Path | str) -> Path:
    """The gold annotation beside an article: `name.txt` -> `name.gold.json`."""
    article = Path(article)
    return article.with_name(article.stem + GOLD_SUFFIX)
