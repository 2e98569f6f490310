"""A long article with a valid gold annotation, made from the gold seed articles, for size tests.

Each seed's repaired text is repeated, its sentences split into paragraphs of their own (a
space between two sentences, outside every span, becomes a line break, so offsets do not
move), and its gold annotation is shifted and renamed to match.  Actors keep one id per seed
across copies, as a long article names the same actors again and again.
"""
from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

from analysis import paths
from analysis.annotations import SCHEMA_VERSION
from analysis.ingest import load_article

SENTENCE_GAP = re.compile(r"(?<=[.!?”\"]) (?=[A-Z“\"])|(?<=[,;]) (?=[a-z])")
ID_FIELDS = ("id", "actor", "event", "date", "speaker", "speaker_mention", "perpetrator", "victim_actor",
             "reported_by_actor", "affiliation")
ACTOR_FIELDS = ("actor", "speaker", "perpetrator", "victim_actor", "reported_by_actor", "affiliation")


def _gold_seeds() -> list[tuple[str, dict[str, Any]]]:
    """(repaired text, gold annotation) of every seed article that has gold."""
    found = []
    for article in sorted(paths.SEEDS_DIR.glob("[0-9][0-9][0-9]_*.txt")):
        gold = paths.gold_path_for(article)
        if gold.is_file():
            found.append((load_article(article).text, json.loads(gold.read_text(encoding="utf-8"))))
    return found


def _spans(gold: dict[str, Any]) -> list[tuple[int, int]]:
    """Every annotated span but the quotes (a quote may run over paragraphs), cues included."""
    out = []
    for layer in ("mentions", "casualties", "dates", "events", "quotes"):
        for record in gold[layer]:
            if layer != "quotes":
                out.append((record["start"], record["end"]))
            if isinstance(record.get("cue"), dict):
                out.append((record["cue"]["start"], record["cue"]["end"]))
    return out


def _split_sentences(text: str, gold: dict[str, Any]) -> str:
    """The text with each gap between sentences outside every span turned into a line break."""
    spans = _spans(gold)
    chars = list(text)
    for match in SENTENCE_GAP.finditer(text):
        at = match.start()
        if not any(start <= at < end for start, end in spans):
            chars[at] = "\n"
    return "".join(chars)


def _retext(node: Any, text: str) -> None:
    """Set the `text` of every span in an annotation record from the (re-broken) article text."""
    if isinstance(node, list):
        for n in node:
            _retext(n, text)
    elif isinstance(node, dict):
        for value in node.values():
            _retext(value, text)
        if isinstance(node.get("start"), int) and isinstance(node.get("text"), str):
            node["text"] = text[node["start"]:node["end"]]


def _renamed(node: Any, prefix: str, actor_prefix: str, shift: int) -> Any:
    """A copy of an annotation record: ids prefixed, actor ids prefixed per seed, spans shifted."""
    if isinstance(node, list):
        return [_renamed(n, prefix, actor_prefix, shift) for n in node]
    if not isinstance(node, dict):
        return node
    out = {k: _renamed(v, prefix, actor_prefix, shift) for k, v in node.items()}
    for key in ID_FIELDS:
        if isinstance(out.get(key), str):
            out[key] = (actor_prefix if key in ACTOR_FIELDS else prefix) + out[key]
    if isinstance(out.get("co_speakers"), list):
        out["co_speakers"] = [actor_prefix + actor for actor in out["co_speakers"]]
    if isinstance(out.get("start"), int) and isinstance(out.get("end"), int):
        out["start"] += shift
        out["end"] += shift
    return out


def write_big_article(folder: Path, copies: int = 15, name: str = "big") -> Path:
    """Write `NAME.txt` (the gold seeds repeated `copies` times) and its gold annotation; returns the article."""
    seeds = _gold_seeds()
    texts: list[str] = []
    layers: dict[str, list] = {k: [] for k in ("mentions", "casualties", "dates", "events", "quotes")}
    actors: dict[str, dict] = {}
    offset = 0
    for number in range(copies):
        for index, (text, gold) in enumerate(seeds):
            actor_prefix = f"s{index}_"
            for actor in gold["actors"]:
                actors.setdefault(actor_prefix + actor["id"], _renamed(actor, actor_prefix, actor_prefix, 0))
            for layer in layers:
                layers[layer].extend(_renamed(copy.deepcopy(gold[layer]), f"c{number}s{index}_", actor_prefix, offset))
            piece = _split_sentences(text.rstrip("\n"), gold) + "\n"
            texts.append(piece)
            offset += len(piece)
    first = seeds[0][1]
    annotation = {"schema_version": SCHEMA_VERSION, "source": "gold", "annotator": "tests (big article)",
                  "article": {**first["article"], "file": f"{name}.txt", "sha256": "0" * 64},
                  "actors": list(actors.values()), **layers}
    whole = "".join(texts)
    _retext(layers["quotes"], whole)
    article = folder / f"{name}.txt"
    article.write_text(whole, encoding="utf-8")
    paths.gold_path_for(article).write_text(json.dumps(annotation), encoding="utf-8")
    return article
