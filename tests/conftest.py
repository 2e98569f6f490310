"""Shared fixtures: the seed article, and a small hand-built article with an annotation."""
from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from analysis import fields
from analysis.annotations import SCHEMA_VERSION, Annotation, annotation_from_dict, save_annotation
from analysis.ingest import Article, article_from_bytes, load_article
from analysis.paths import SEED_ARTICLE, gold_path_for

MINI_TEXT = (
    "Strike on Gaza school kills at least 12\n"
    "Israel said on Saturday that the IDF struck a school in Gaza City. "
    "At least 12 people were killed, local officials said.\n"
    "Hamas condemned the strike. Abu Obaida of the Qassam Brigades said “we will respond” to Israel.\n"
    "Talks in Cairo are set to resume on Thursday.\n"
)


def make_frame(table: str, rows: list[dict]) -> pd.DataFrame:
    """A frame with exactly the declared columns and dtypes of `table` (missing values empty)."""
    unknown = set().union(*rows) - set(fields.columns(table))
    assert not unknown, f"{table} declares no column(s) {sorted(unknown)}"
    out = {}
    for c in fields.TABLES[table]:
        values = pd.Series([r.get(c.name) for r in rows], dtype="object")
        if c.dtype == "category":
            out[c.name] = values.astype(pd.CategoricalDtype(list(c.categories)) if c.categories else "category")
        elif c.dtype.startswith("datetime"):
            out[c.name] = pd.to_datetime(values, format="ISO8601").astype(c.dtype)
        else:
            out[c.name] = values.astype(c.dtype)
    return pd.DataFrame(out)


def span(text: str, needle: str, nth: int = 0) -> dict[str, Any]:
    """start/end/text of the nth occurrence of `needle` in `text`."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return {"start": start, "end": start + len(needle), "text": needle}


def mini_annotation_dict() -> dict[str, Any]:
    """A valid annotation of MINI_TEXT exercising every layer and a three-step affiliation chain."""
    t = MINI_TEXT
    return {
        "schema_version": SCHEMA_VERSION,
        "source": "gold",
        "annotator": "tests",
        "article": {"file": "mini.txt", "sha256": "0" * 64, "title": t.splitlines()[0],
                    "outlet": None, "published": "2024-08-12", "published_evidence": "test"},
        "actors": [
            {"id": "israel", "name": "Israel", "type": "state"},
            {"id": "idf", "name": "Israel Defense Forces", "type": "government_institution",
             "affiliation": "israel", "aliases": ["IDF"]},
            {"id": "hamas", "name": "Hamas", "type": "armed_group"},
            {"id": "qassam", "name": "Qassam Brigades", "type": "armed_group", "affiliation": "hamas"},
            {"id": "abu_obaida", "name": "Abu Obaida", "type": "person", "affiliation": "qassam"},
            {"id": "unused", "name": "Nobody", "type": "population"},
        ],
        "mentions": [
            {"id": "m1", "actor": "israel", **span(t, "Israel", 0)},
            {"id": "m2", "actor": "idf", **span(t, "IDF", 0)},
            {"id": "m3", "actor": "hamas", **span(t, "Hamas", 0)},
            {"id": "m4", "actor": "abu_obaida", **span(t, "Abu Obaida")},
            {"id": "m5", "actor": "qassam", **span(t, "Qassam Brigades")},
            {"id": "m6", "actor": "israel", **span(t, "Israel", 1)},
        ],
        "casualties": [
            {"id": "c1", "kind": "killed", "count_low": 12, "count_high": None, "qualifier": "at_least",
             "scope": "incident", "victims": "people", "perpetrator": "idf", "event": "e1", "date": "d1",
             "reported_by": "local officials", **span(t, "At least 12")},
        ],
        "dates": [
            {"id": "d1", **span(t, "Saturday"), "value": "2024-08-10", "kind": "point", "precision": "day",
             "resolution": "weekday_past", "start_date": "2024-08-10", "end_date": "2024-08-10"},
            {"id": "d2", **span(t, "Thursday"), "value": "2024-08-15", "kind": "point", "precision": "day",
             "resolution": "weekday_future", "start_date": "2024-08-15", "end_date": "2024-08-15"},
        ],
        "events": [
            {"id": "e2", "type": "negotiation", "modality": "planned", "date": "d2", "location": "Cairo",
             **span(t, "Talks"), "participants": []},
            {"id": "e1", "type": "air_strike", "modality": "happened", "date": "d1", "location": "Gaza City",
             **span(t, "struck"), "participants": [{"actor": "idf", "role": "attacker"}]},
            {"id": "e3", "type": "condemnation", "modality": "happened", **span(t, "condemned"),
             "participants": [{"actor": "hamas", "role": "speaker"}]},
        ],
        "quotes": [
            {"id": "q1", "kind": "direct", **span(t, "we will respond"), "speaker": "abu_obaida",
             "cue": span(t, "said", 1), "speaker_mention": "m4"},
        ],
    }


@pytest.fixture
def mini_dict() -> dict[str, Any]:
    """A fresh copy of the small annotation dict, safe to mutate."""
    return copy.deepcopy(mini_annotation_dict())


@pytest.fixture(scope="session")
def mini_article() -> Article:
    """MINI_TEXT as an Article."""
    return article_from_bytes(MINI_TEXT.encode("utf-8"), "mini.txt")


@pytest.fixture(scope="session")
def mini_annotation(mini_article: Article) -> Annotation:
    """The small annotation, verified against its article."""
    return annotation_from_dict(mini_annotation_dict(), mini_article.text, "mini.gold.json")


@pytest.fixture(scope="session")
def seed_article() -> Article:
    """The seed article, loaded and repaired."""
    return load_article(SEED_ARTICLE)


@pytest.fixture(scope="session")
def seed_gold_path():
    """Path of the seed's gold annotation (fails, never skips, when it is missing)."""
    path = gold_path_for(SEED_ARTICLE)
    assert path.is_file(), f"seed gold annotation {path} does not exist yet"
    return path


@pytest.fixture
def mini_files(tmp_path: Path) -> Path:
    """The small article with its gold annotation beside it; returns the article path."""
    article = tmp_path / "mini.txt"
    article.write_text(MINI_TEXT, encoding="utf-8")
    save_annotation(annotation_from_dict(mini_annotation_dict(), MINI_TEXT), gold_path_for(article))
    return article
