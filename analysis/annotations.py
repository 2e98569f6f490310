"""The stand-off annotation schema: records, JSON loading with full verification, saving.

One schema serves hand-made gold and the automatic annotator.  Every span holds
`start`/`end` character offsets into the repaired article text and the `text`
found there; loading checks every span, id and reference and reports all problems
at once.  The format is documented in docs/annotations.md.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import MISSING, asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from .affiliations import looping
from .atomic import write_text
from .errors import AnnotationError, InputError
from .ingest import read_bytes
from .vocabularies import (
    ACTOR_TYPES,
    CASUALTY_KINDS,
    DATE_KINDS,
    EVENT_TYPES,
    MODALITIES,
    PRECISIONS,
    QUALIFIERS,
    QUOTE_KINDS,
    RESOLUTIONS,
    ROLES,
    SCOPES,
    SOURCES,
)

SCHEMA_VERSION = "1.0"
# The largest count a table column (pandas Int64) can hold.
MAX_COUNT = 2**63 - 1


@dataclass
class Span:
    """A stretch of the repaired text."""

    start: int
    end: int
    text: str


@dataclass
class ArticleMeta:
    """What is known of the article itself, with the evidence for the publication date."""

    file: str
    sha256: str
    title: str
    outlet: str | None
    published: str | None
    published_evidence: str | None = None


@dataclass
class Actor:
    """Someone who acts or is acted upon; `affiliation` is the id of the actor it belongs to."""

    id: str
    name: str
    type: str
    affiliation: str | None = None
    aliases: list[str] = field(default_factory=list)


@dataclass
class Mention:
    """One place an actor is named; `metonymy` marks a place standing for a government."""

    id: str
    actor: str
    start: int
    end: int
    text: str
    metonymy: bool = False


@dataclass
class Casualty:
    """A casualty figure as written: the span is the number with its qualifier."""

    id: str
    kind: str
    start: int
    end: int
    text: str
    count_low: int | None
    count_high: int | None
    qualifier: str
    scope: str
    vague_word: str | None = None
    victims: str | None = None
    victim_actor: str | None = None
    perpetrator: str | None = None
    event: str | None = None
    date: str | None = None
    reported_by: str | None = None
    reported_by_actor: str | None = None


@dataclass
class DateExpr:
    """A temporal expression and its resolved value (TIMEX3-like: 2024-08-10, 2024-W32, 2024-07, P10M)."""

    id: str
    start: int
    end: int
    text: str
    value: str
    kind: str
    precision: str
    resolution: str
    start_date: str | None = None
    end_date: str | None = None


@dataclass
class Participant:
    """An actor taking part in an event, and its role."""

    actor: str
    role: str


@dataclass
class Event:
    """Something that happened, is planned, expected or threatened; the span is its trigger."""

    id: str
    type: str
    start: int
    end: int
    text: str
    modality: str
    date: str | None = None
    location: str | None = None
    participants: list[Participant] = field(default_factory=list)


@dataclass
class Quote:
    """What someone said: the span is the content; `cue` is the speech verb."""

    id: str
    kind: str
    start: int
    end: int
    text: str
    speaker: str | None
    cue: Span | None = None
    speaker_mention: str | None = None
    # The other parties of speech attributed jointly ("the US, Egypt and Qatar said"): `speaker` is the first-named.
    co_speakers: list[str] = field(default_factory=list)


@dataclass
class Annotation:
    """Every layer of one article's annotation."""

    article: ArticleMeta
    source: str = "gold"
    annotator: str = ""
    schema_version: str = SCHEMA_VERSION
    actors: list[Actor] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    casualties: list[Casualty] = field(default_factory=list)
    dates: list[DateExpr] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with layers in a fixed order."""
        return asdict(self)

    def to_json(self) -> str:
        """Stable JSON text: same annotation, same bytes."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=1) + "\n"

    def actor(self, actor_id: str) -> Actor | None:
        """The actor with this id, if any."""
        return next((a for a in self.actors if a.id == actor_id), None)


LAYERS: dict[str, type] = {
    "actors": Actor, "mentions": Mention, "casualties": Casualty,
    "dates": DateExpr, "events": Event, "quotes": Quote,
}
_ISO_WEEK = re.compile(r"^\d{4}-W\d{2}$")
_ISO_MONTH = re.compile(r"^\d{4}-\d{2}$")
_ISO_YEAR = re.compile(r"^\d{4}$")
_DURATION = re.compile(r"^P(\d+[YMWD])+$")


# Declared field types that _build checks; offsets, counts and ids get their own checks in _verify.
_TYPE_CHECKS: dict[str, tuple[str, Any]] = {
    "str": ("a string", lambda v: isinstance(v, str)),
    "str | None": ("a string or null", lambda v: v is None or isinstance(v, str)),
    "bool": ("true or false", lambda v: isinstance(v, bool)),
    "list[str]": ("a list of strings", lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v)),
}
_OWN_CHECKS = frozenset({"id"})


class _Problems:
    """Collects problems so that one load reports all of them."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, where: str, message: str) -> None:
        self.items.append(f"{where}: {message}")


def _build(cls: type, raw: Any, where: str, problems: _Problems) -> Any | None:
    """Make a dataclass from a dict, reporting missing and unknown keys."""
    if not isinstance(raw, dict):
        problems.add(where, f"expected an object, found {type(raw).__name__}")
        return None
    names = {f.name for f in fields(cls)}
    required = {f.name for f in fields(cls)
                if f.default is MISSING and f.default_factory is MISSING}
    unknown = sorted(set(raw) - names)
    missing = sorted(required - set(raw))
    if unknown:
        problems.add(where, f"unknown field(s) {', '.join(unknown)}")
    if missing:
        problems.add(where, f"missing field(s) {', '.join(missing)}")
        return None
    values = {k: v for k, v in raw.items() if k in names}
    _check_types(cls, values, where, problems)
    if cls is Event:
        values["participants"] = _build_participants(values.get("participants"), where, problems)
    if cls is Quote and values.get("cue") is not None:
        if isinstance(values["cue"], dict):
            values["cue"] = _build(Span, values["cue"], f"{where} cue", problems)
        else:
            problems.add(where, f"cue must be an object with start, end and text, or null; "
                                f"found {_json_type(values['cue'])}")
            values["cue"] = None
    return cls(**values)


def _json_type(value: Any) -> str:
    """A value's type as JSON calls it, for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    return {str: "a string", int: "a number", float: "a number", list: "a list", dict: "an object"}.get(
        type(value), type(value).__name__)


def _shorten(text: str, limit: int = 80) -> str:
    """A value's repr cut to `limit` characters, so one huge value cannot flood the message."""
    return text if len(text) <= limit else text[:limit - 1] + "\u2026"


def _check_types(cls: type, values: dict[str, Any], where: str, problems: _Problems) -> None:
    """Every string, boolean and string-list field must hold that type."""
    for f in fields(cls):
        check = _TYPE_CHECKS.get(str(f.type))
        if check is None or f.name in _OWN_CHECKS or f.name not in values:
            continue
        expected, ok = check
        if not ok(values[f.name]):
            problems.add(where, f"{f.name} must be {expected}, found {_json_type(values[f.name])} "
                                f"{_shorten(repr(values[f.name]))}")


def _build_participants(raw: Any, where: str, problems: _Problems) -> list[Participant]:
    """An event's participants: a list of {actor, role} objects."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        problems.add(where, f"participants must be a list of objects with actor and role, found {_json_type(raw)}")
        return []
    return [p for i, r in enumerate(raw)
            if (p := _build(Participant, r, f"{where} participant {i}", problems)) is not None]


def _check_span(text: str, start: Any, end: Any, claimed: Any, where: str, problems: _Problems) -> None:
    """A span's offsets must lie in the text and cover exactly the text it claims."""
    if not isinstance(start, int) or not isinstance(end, int) or isinstance(start, bool):
        problems.add(where, f"offsets must be integers, found start={start!r} end={end!r}")
        return
    if not 0 <= start < end <= len(text):
        problems.add(where, f"offsets {start}-{end} lie outside the text (length {len(text)})")
        return
    found = text[start:end]
    if isinstance(claimed, str) and found != claimed:
        problems.add(where, f"expected text {claimed!r} at {start}-{end}, but the article has {found!r}")


def _check_choice(value: Any, allowed: tuple[str, ...], where: str, name: str, problems: _Problems) -> None:
    """A vocabulary field must hold one of its allowed words (a wrong type is reported by _check_types)."""
    if isinstance(value, str) and value not in allowed:
        problems.add(where, f"{name} {value!r} is not one of {', '.join(allowed)}")


def _check_iso_date(value: Any, where: str, name: str, problems: _Problems) -> None:
    """A date field must hold a real calendar date as YYYY-MM-DD."""
    if not isinstance(value, str):
        return
    try:
        dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        problems.add(where, f"{name} {value!r} is not a date (YYYY-MM-DD)")


def _check_value(date: DateExpr, where: str, problems: _Problems) -> None:
    """A date's value must have the form its precision implies."""
    value = date.value
    if not isinstance(value, str) or not isinstance(date.precision, str):
        return
    ok = {
        "day": lambda v: bool(re.match(r"^\d{4}-\d{2}-\d{2}$", v or "")),
        "week": lambda v: bool(_ISO_WEEK.match(v or "")),
        "month": lambda v: bool(_ISO_MONTH.match(v or "")),
        "year": lambda v: bool(_ISO_YEAR.match(v or "")),
        "duration": lambda v: bool(_DURATION.match(v or "")),
    }.get(date.precision, lambda v: True)(value)
    if not ok:
        problems.add(where, f"value {value!r} does not fit precision {date.precision!r}")
    if date.precision == "day":
        _check_iso_date(value, where, "value", problems)


def _verify(ann: Annotation, text: str, problems: _Problems,
            unbuilt: dict[str, set[str] | None] | None = None) -> None:
    """Check spans, ids, references and vocabularies of every record.

    `unbuilt` holds, per layer, ids of records that could not be built or None for a layer
    that is not a list: references to them are not reported again.
    """
    unbuilt = unbuilt or {}
    ids: dict[str, str] = {}
    for layer in LAYERS:
        for rec in getattr(ann, layer):
            where = f"{layer} {rec.id!r}"
            if not isinstance(rec.id, str) or not rec.id:
                problems.add(where, "id must be a non-empty string")
            elif rec.id in ids:
                problems.add(where, f"duplicate id (also used in {ids[rec.id]})")
            else:
                ids[rec.id] = layer

    def pool(layer: str) -> set[str] | None:
        if layer in unbuilt and unbuilt[layer] is None:
            return None
        return {r.id for r in getattr(ann, layer) if isinstance(r.id, str)} | (unbuilt.get(layer) or set())

    actor_ids, date_ids, event_ids, mention_ids = (pool(x) for x in ("actors", "dates", "events", "mentions"))

    def ref(value: str | None, ids: set[str] | None, where: str, name: str) -> None:
        if isinstance(value, str) and ids is not None and value not in ids:
            problems.add(where, f"{name} {value!r} is not a known id")

    for a in ann.actors:
        where = f"actors {a.id!r}"
        _check_choice(a.type, ACTOR_TYPES, where, "type", problems)
        ref(a.affiliation, actor_ids, where, "affiliation")
    _check_affiliation_cycles(ann.actors, problems)
    for m in ann.mentions:
        where = f"mentions {m.id!r}"
        _check_span(text, m.start, m.end, m.text, where, problems)
        ref(m.actor, actor_ids, where, "actor")
    for c in ann.casualties:
        where = f"casualties {c.id!r}"
        _check_span(text, c.start, c.end, c.text, where, problems)
        _check_choice(c.kind, CASUALTY_KINDS, where, "kind", problems)
        _check_choice(c.qualifier, QUALIFIERS, where, "qualifier", problems)
        _check_choice(c.scope, SCOPES, where, "scope", problems)
        for name in ("count_low", "count_high"):
            value = getattr(c, name)
            if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
                problems.add(where, f"{name} {value!r} must be a whole number of at least 0")
            elif isinstance(value, int) and value > MAX_COUNT:
                problems.add(where, f"{name} {value} is larger than the tables can hold (at most {MAX_COUNT:,}): "
                                    "check the figure, or leave the bound null when it is open")
        if (isinstance(c.count_low, int) and isinstance(c.count_high, int)
                and c.count_low > c.count_high):
            problems.add(where, f"count_low {c.count_low} exceeds count_high {c.count_high}")
        for name in ("victim_actor", "perpetrator", "reported_by_actor"):
            ref(getattr(c, name), actor_ids, where, name)
        ref(c.event, event_ids, where, "event")
        ref(c.date, date_ids, where, "date")
    for d in ann.dates:
        where = f"dates {d.id!r}"
        _check_span(text, d.start, d.end, d.text, where, problems)
        _check_choice(d.kind, DATE_KINDS, where, "kind", problems)
        _check_choice(d.precision, PRECISIONS, where, "precision", problems)
        _check_choice(d.resolution, RESOLUTIONS, where, "resolution", problems)
        _check_value(d, where, problems)
        _check_iso_date(d.start_date, where, "start_date", problems)
        _check_iso_date(d.end_date, where, "end_date", problems)
    for e in ann.events:
        where = f"events {e.id!r}"
        _check_span(text, e.start, e.end, e.text, where, problems)
        _check_choice(e.type, EVENT_TYPES, where, "type", problems)
        _check_choice(e.modality, MODALITIES, where, "modality", problems)
        ref(e.date, date_ids, where, "date")
        for p in e.participants:
            ref(p.actor, actor_ids, where, "participant actor")
            _check_choice(p.role, ROLES, where, "participant role", problems)
    for q in ann.quotes:
        where = f"quotes {q.id!r}"
        _check_span(text, q.start, q.end, q.text, where, problems)
        _check_choice(q.kind, QUOTE_KINDS, where, "kind", problems)
        ref(q.speaker, actor_ids, where, "speaker")
        ref(q.speaker_mention, mention_ids, where, "speaker_mention")
        for co in q.co_speakers if isinstance(q.co_speakers, list) else []:
            ref(co, actor_ids, where, "co_speakers")
        if q.cue is not None:
            _check_span(text, q.cue.start, q.cue.end, q.cue.text, f"{where} cue", problems)
    _check_choice(ann.source, SOURCES, "annotation", "source", problems)
    if not isinstance(ann.source, str):
        problems.add("annotation", f"source must be one of {', '.join(SOURCES)}, found {_json_type(ann.source)}")
    if not isinstance(ann.annotator, str):
        problems.add("annotation", f"annotator must be a string, found {_json_type(ann.annotator)}")
    _check_iso_date(ann.article.published, "article", "published", problems)


def _check_affiliation_cycles(actors: list[Actor], problems: _Problems) -> None:
    """An actor may not belong, through its chain of affiliations, to itself (checked in linear time)."""
    known = {a.id: a for a in actors if isinstance(a.id, str) and isinstance(a.affiliation, (str, type(None)))}
    for actor_id in looping(known):
        problems.add(f"actors {actor_id!r}", "affiliation chain loops back on itself")


def annotation_from_dict(data: Any, text: str, source_name: str = "<annotation>") -> Annotation:
    """Build and verify an annotation against the repaired text; raise AnnotationError listing every problem."""
    problems = _Problems()
    if not isinstance(data, dict):
        raise AnnotationError(source_name, [f"top level: expected an object, found {type(data).__name__}"])
    version = data.get("schema_version")
    if version != SCHEMA_VERSION:
        raise AnnotationError(source_name, [
            f"schema_version {version!r} is not {SCHEMA_VERSION!r}: "
            "re-create the file with this version of the suite (python -m analysis annotate)"])
    article = _build(ArticleMeta, data.get("article"), "article", problems)
    layers: dict[str, list[Any]] = {}
    unbuilt: dict[str, set[str] | None] = {}
    for layer, cls in LAYERS.items():
        raw_records = data.get(layer, [])
        if not isinstance(raw_records, list):
            problems.add(layer, f"expected a list of records, found {_json_type(raw_records)}")
            unbuilt[layer] = None
            raw_records = []
        built = []
        for i, raw in enumerate(raw_records):
            rid = raw.get("id", f"#{i}") if isinstance(raw, dict) else f"#{i}"
            rec = _build(cls, raw, f"{layer} {rid!r}", problems)
            if rec is not None:
                built.append(rec)
            elif isinstance(rid, str) and unbuilt.get(layer, set()) is not None:
                unbuilt.setdefault(layer, set()).add(rid)
        layers[layer] = built
    known = {"schema_version", "article", "source", "annotator", *LAYERS}
    extra = sorted(set(data) - known)
    if extra:
        problems.add("top level", f"unknown key(s) {', '.join(extra)}")
    if article is None:
        raise AnnotationError(source_name, problems.items)
    ann = Annotation(article=article, source=data.get("source", "gold"),
                     annotator=data.get("annotator", ""), **layers)
    _verify(ann, text, problems, unbuilt)
    if problems.items:
        raise AnnotationError(source_name, problems.items)
    return ann


def _parse_json(raw: str) -> tuple[Any, list[str]]:
    """Parse JSON, also returning every key given twice in one object (json would keep only the last)."""
    duplicates: list[str] = []

    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj: dict[str, Any] = {}
        for key, value in pairs:
            if key in obj:
                rid = dict(pairs).get("id")
                where = f"record {rid!r}" if isinstance(rid, str) else "an object"
                duplicates.append(f"{where}: key {key!r} appears twice (JSON would silently keep the last "
                                  "value): keep one")
            obj[key] = value
        return obj

    return json.loads(raw, object_pairs_hook=hook), duplicates


def _read_annotation_text(path: Path) -> str:
    """The file's text as UTF-8 (a BOM is allowed); a FIFO, directory or unreadable file is an AnnotationError."""
    if not path.exists() and not path.is_symlink():
        raise AnnotationError(path, ["file does not exist: create it with "
                                     "`python -m analysis annotate ARTICLE` or write gold by hand"])
    try:
        data = read_bytes(path)
    except InputError as exc:
        raise AnnotationError(path, [f"{exc.problem}: {exc.fix}"]) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise AnnotationError(path, [f"line {line}: byte {exc.start} ({data[exc.start:exc.start + 1]!r}) is not "
                                     "UTF-8: save the annotation as UTF-8"]) from None


def load_annotation(path: Path | str, text: str) -> Annotation:
    """Read a JSON annotation file and verify it against the repaired article text."""
    path = Path(path)
    raw = _read_annotation_text(path)
    if not raw.strip():
        raise AnnotationError(path, ["file is empty: write the annotation as JSON (see docs/annotations.md)"])
    try:
        data, duplicates = _parse_json(raw)
    except json.JSONDecodeError as exc:
        raise AnnotationError(path, [f"line {exc.lineno} column {exc.colno}: malformed JSON ({exc.msg})"]) from None
    except RecursionError:
        raise AnnotationError(path, ["malformed JSON: nested too deeply to be an annotation"]) from None
    except ValueError as exc:
        raise AnnotationError(path, [f"malformed JSON: {exc}"]) from None
    if not duplicates:
        return annotation_from_dict(data, text, str(path))
    try:
        annotation_from_dict(data, text, str(path))
    except AnnotationError as exc:
        raise AnnotationError(path, duplicates + exc.problems) from None
    raise AnnotationError(path, duplicates)


def save_annotation(ann: Annotation, path: Path | str) -> None:
    """Write the annotation as stable JSON, atomically."""
    write_text(path, ann.to_json())
