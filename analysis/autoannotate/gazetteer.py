"""The actor gazetteer (analysis/data/gazetteer.json): loading, checking, and one PhraseMatcher over it."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..affiliations import affiliation_chain, affiliation_root
from ..annotations import Actor
from ..errors import AnnotationError
from ..paths import DATA_DIR
from ..vocabularies import ACTOR_TYPES
from .context import blank_pipeline

GAZETTEER_PATH = DATA_DIR / "gazetteer.json"
# Surface kinds, in the order a tie between equally long matches is settled.
KINDS = ("seat", "name", "capital", "demonym", "plural_demonym")


# The annotator works on the schema's own actor record.
Entry = Actor


@dataclass
class Gazetteer:
    """Actors by id, and every surface form mapped to (kind, actor id)."""

    entries: dict[str, Entry]
    surfaces: dict[str, list[tuple[str, str]]]
    populations: dict[str, str]
    owned: dict[tuple[str, str], str] = field(default_factory=dict)

    def institution(self, state_id: str, form: str) -> str | None:
        """The actor a state's institution is, named by its bare form after a possessive ("Ukraine's Navy")."""
        return self.owned.get((state_id, form.replace("\u2019", "'")))

    def root(self, actor_id: str | None) -> str | None:
        """The top of an actor's affiliation chain."""
        return affiliation_root(actor_id, self.entries)

    def chain(self, actor_id: str | None) -> list[str]:
        """The actor and every actor above it."""
        return affiliation_chain(actor_id, self.entries)


def _variants(surface: str) -> set[str]:
    """A surface form with both straight and curly apostrophes."""
    return {surface, surface.replace("'", "\u2019"), surface.replace("\u2019", "'")}


def parse_gazetteer(data: Any, source: str) -> Gazetteer:
    """Build a gazetteer from the JSON structure, listing every problem in one error."""
    problems: list[str] = []
    entries: dict[str, Entry] = {}
    surfaces: dict[str, list[tuple[str, str]]] = {}
    populations: dict[str, str] = {}

    def add(surface: str, kind: str, actor_id: str) -> None:
        for v in _variants(surface.strip()):
            if v and (kind, actor_id) not in surfaces.setdefault(v, []):
                surfaces[v].append((kind, actor_id))

    if not isinstance(data, dict):
        raise AnnotationError(source, ["top level: expected an object with 'states', 'actors' and 'seats'"])
    for i, st in enumerate(data.get("states", [])):
        if not isinstance(st, dict) or not st.get("id") or not st.get("name"):
            problems.append(f"states #{i}: needs at least 'id' and 'name'")
            continue
        entries[st["id"]] = Entry(st["id"], st["name"], "state", None, list(st.get("aliases", [])))
        for s in [st["name"], *st.get("aliases", [])]:
            add(s, "name", st["id"])
        for s in st.get("demonyms", []):
            add(s, "demonym", st["id"])
        for s in st.get("plural_demonyms", []):
            add(s, "plural_demonym", st["id"])
            populations[s] = st["id"]
        for s in st.get("capitals", []):
            add(s, "capital", st["id"])
    for i, ac in enumerate(data.get("actors", [])):
        if not isinstance(ac, dict) or not ac.get("id") or not ac.get("name"):
            problems.append(f"actors #{i}: needs at least 'id', 'name' and 'type'")
            continue
        if ac.get("type") not in ACTOR_TYPES:
            problems.append(f"actors {ac['id']!r}: type {ac.get('type')!r} is not one of {', '.join(ACTOR_TYPES)}")
            continue
        if ac["id"] in entries:
            problems.append(f"actors {ac['id']!r}: id used twice")
        entries[ac["id"]] = Entry(ac["id"], ac["name"], ac["type"], ac.get("affiliation"), list(ac.get("aliases", [])))
        for s in [ac["name"], *ac.get("aliases", [])]:
            add(s, "name", ac["id"])
    for i, seat in enumerate(data.get("seats", [])):
        if not isinstance(seat, dict) or "text" not in seat or "actor" not in seat:
            problems.append(f"seats #{i}: needs 'text' and 'actor'")
            continue
        add(seat["text"], "seat", seat["actor"])
    owned = _institutions(data.get("institutions", []), data.get("states", []), entries, surfaces, add, problems)
    for e in entries.values():
        if e.affiliation and e.affiliation not in entries:
            problems.append(f"actors {e.id!r}: affiliation {e.affiliation!r} is not a known id")
    for surface, pairs in surfaces.items():
        for _, actor_id in pairs:
            if actor_id not in entries:
                problems.append(f"seat {surface!r}: actor {actor_id!r} is not a known id")
    if problems:
        raise AnnotationError(source, problems + ["fix the gazetteer entries named above"])
    return Gazetteer(entries, surfaces, populations, owned)


def _owns(entries: dict[str, Entry], actor_id: str, state_id: str) -> bool:
    return state_id in affiliation_chain(actor_id, entries)


def proper_form(form: str) -> bool:
    """A form that is a proper name ("Foreign Ministry"), not a description ("mission to the United Nations")."""
    return all(w[:1].isupper() or w in ("of", "the", "to", "for", "and") for w in form.split())


def _institutions(patterns: Any, states: list[Any], entries: dict[str, Entry],
                  surfaces: dict[str, list[tuple[str, str]]], add: Any, problems: list[str]
                  ) -> dict[tuple[str, str], str]:
    """Every state's institutions from the patterns: "<demonym> <form>" surfaces, and (state, form) -> actor id.

    An actor listed under 'actors' that already owns "<demonym or name> <form>" is that state's
    institution; otherwise one is made, id "<state>_<key>", named after the first demonym and form.
    """
    owned: dict[tuple[str, str], str] = {}
    for i, pat in enumerate(patterns):
        if not isinstance(pat, dict) or not pat.get("key") or not pat.get("forms"):
            problems.append(f"institutions #{i}: needs 'key' and a non-empty list 'forms'")
            continue
        for st in states:
            if not isinstance(st, dict) or st.get("id") not in entries:
                continue
            sid = st["id"]
            heads = [*st.get("demonyms", []), st["name"]]
            prefixes = heads + ([f"Royal {h}" for h in st.get("demonyms", [])] if pat.get("royal") else [])
            candidates = [(f"{p} {form}", form) for form in pat["forms"] for p in prefixes]
            existing = next((a for surface, _ in candidates for k, a in surfaces.get(surface, [])
                             if k == "name" and a != sid and _owns(entries, a, sid)), None)
            actor_id = existing or f"{sid}_{pat['key']}"
            if actor_id not in entries:
                name = pat["name"].format(state=st["name"]) if pat.get("name") else f"{heads[0]} {pat['forms'][0]}"
                entries[actor_id] = Entry(actor_id, name, pat.get("type", "government_institution"), sid, [])
            for surface, form in candidates:
                if surface not in surfaces and proper_form(form):
                    add(surface, "name", actor_id)
                owned.setdefault((sid, form), actor_id)
    return owned


@lru_cache(maxsize=4)
def load_gazetteer(path: str | None = None) -> Gazetteer:
    """Read and check the gazetteer file (cached per path)."""
    p = Path(path) if path else GAZETTEER_PATH
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AnnotationError(p, ["gazetteer file does not exist: restore analysis/data/gazetteer.json"]) from None
    except json.JSONDecodeError as exc:
        raise AnnotationError(p, [f"line {exc.lineno} column {exc.colno}: malformed JSON ({exc.msg})"]) from None
    return parse_gazetteer(data, str(p))


@dataclass
class SurfaceMatcher:
    """A case-sensitive matcher over every surface form: token sequences by their first token's text."""

    by_tokens: dict[tuple[str, ...], str]
    lengths: dict[str, tuple[int, ...]]

    def __call__(self, texts: list[str], spaced: set[int]) -> list[tuple[str, int, int]]:
        """(surface, first token, end token) of every match in a list of token texts, overlapping ones included;
        no match runs across white space of its own (the tokens in `spaced` follow some)."""
        out = []
        for i, first in enumerate(texts):
            for n in self.lengths.get(first, ()):
                if i + n > len(texts):
                    break  # a shorter surface must not match the cut-off tail of the text
                surface = self.by_tokens.get(tuple(texts[i:i + n]))
                if surface is not None and not any(k in spaced for k in range(i + 1, i + n)):
                    out.append((surface, i, i + n))
        return out


_PLAIN = re.compile(r"[A-Za-z]+(?: [A-Za-z]+)*")


def _tokenize_surfaces(nlp: Any, names: list[str]) -> list[tuple[str, ...]]:
    """The tokens of each surface: plain words split on spaces (what the tokenizer does with them), the rest tokenized."""
    rules = nlp.tokenizer.rules or {}
    out: list[tuple[str, ...] | None] = []
    hard: list[int] = []
    for n, name in enumerate(names):
        words = name.split(" ")
        if _PLAIN.fullmatch(name) and not any(w in rules for w in words):
            out.append(tuple(words))
        else:
            out.append(None)
            hard.append(n)
    for n, doc in zip(hard, nlp.tokenizer.pipe([names[n] for n in hard])):
        out[n] = tuple(t.text for t in doc)
    return out  # type: ignore[return-value]


@lru_cache(maxsize=4)
def phrase_matcher(path: str | None = None) -> SurfaceMatcher:
    """The matcher over every surface form of the gazetteer (built once; only names with punctuation are tokenized)."""
    gaz = load_gazetteer(path)
    names = sorted(gaz.surfaces)
    by_tokens: dict[tuple[str, ...], str] = {}
    lengths: dict[str, set[int]] = {}
    for name, toks in zip(names, _tokenize_surfaces(blank_pipeline(), names)):
        if toks:
            by_tokens.setdefault(toks, name)
            lengths.setdefault(toks[0], set()).add(len(toks))
    return SurfaceMatcher(by_tokens, {k: tuple(sorted(v)) for k, v in lengths.items()})
