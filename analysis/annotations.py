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

from .atomic import write_text
from .errors import AnnotationError

SCHEMA_VERSION = "1.0"

ACTOR_TYPES = ("state", "armed_group", "political_organisation", "government_institution",
               "international_organisation", "person", "media", "population", "anonymous_source")
CASUALTY_KINDS = ("killed", "injured", "missing", "hostage")
QUALIFIERS = ("exact", "at_least", "more_than", "about", "nearly", "up_to", "vague")
SCOPES = ("incident", "cumulative")
PRECISIONS = ("day", "week", "month", "year", "duration")
DATE_KINDS = ("point", "interval", "duration")
RESOLUTIONS = ("explicit", "explicit_year_inferred", "weekday_past", "weekday_future", "relative_day",
               "relative_week", "relative_month", "relative_year", "publication_date", "duration")
EVENT_TYPES = ("air_strike", "shelling", "rocket_fire", "armed_clash", "assassination", "attack",
               "killing", "abduction", "negotiation", "agreement", "statement", "threat", "deployment",
               "arms_transfer", "protest", "arrest", "condemnation", "appointment", "other")
MODALITIES = ("happened", "planned", "expected", "threatened", "denied", "possible")
ROLES = ("attacker", "target", "victim", "mediator", "negotiator", "speaker", "addressee",
         "sender", "recipient", "participant")
QUOTE_KINDS = ("direct", "indirect")
SOURCES = ("gold", "auto")


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
    if cls is Event:
        values["participants"] = [
            p for i, r in enumerate(values.get("participants") or [])
            if (p := _build(Participant, r, f"{where} participant {i}", problems)) is not None
        ]
    if cls is Quote and isinstance(values.get("cue"), dict):
        values["cue"] = _build(Span, values["cue"], f"{where} cue", problems)
    return cls(**values)


def _check_span(text: str, start: Any, end: Any, claimed: Any, where: str, problems: _Problems) -> None:
    """A span's offsets must lie in the text and cover exactly the text it claims."""
    if not isinstance(start, int) or not isinstance(end, int) or isinstance(start, bool):
        problems.add(where, f"offsets must be integers, found start={start!r} end={end!r}")
        return
    if not 0 <= start < end <= len(text):
        problems.add(where, f"offsets {start}-{end} lie outside the text (length {len(text)})")
        return
    found = text[start:end]
    if found != claimed:
        problems.add(where, f"expected text {claimed!r} at {start}-{end}, but the article has {found!r}")


def _check_choice(value: Any, allowed: tuple[str, ...], where: str, name: str, problems: _Problems) -> None:
    if value not in allowed:
        problems.add(where, f"{name} {value!r} is not one of {', '.join(allowed)}")


def _check_iso_date(value: Any, where: str, name: str, problems: _Problems) -> None:
    if value is None:
        return
    try:
        dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        problems.add(where, f"{name} {value!r} is not a date (YYYY-MM-DD)")


def _check_value(date: DateExpr, where: str, problems: _Problems) -> None:
    """A date's value must have the form its precision implies."""
    value = date.value
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


def _verify(ann: Annotation, text: str, problems: _Problems) -> None:
    """Check spans, ids, references and vocabularies of every record."""
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
    actor_ids = {a.id for a in ann.actors}
    date_ids = {d.id for d in ann.dates}
    event_ids = {e.id for e in ann.events}
    mention_ids = {m.id for m in ann.mentions}

    def ref(value: str | None, pool: set[str], where: str, name: str) -> None:
        if value is not None and value not in pool:
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
        if q.cue is not None:
            _check_span(text, q.cue.start, q.cue.end, q.cue.text, f"{where} cue", problems)
    _check_choice(ann.source, SOURCES, "annotation", "source", problems)
    _check_iso_date(ann.article.published, "article", "published", problems)


def _check_affiliation_cycles(actors: list[Actor], problems: _Problems) -> None:
    """An actor may not belong, through its chain of affiliations, to itself."""
    parent = {a.id: a.affiliation for a in actors}
    for a in actors:
        seen = {a.id}
        node = parent.get(a.id)
        while node is not None and node in parent:
            if node in seen:
                problems.add(f"actors {a.id!r}", "affiliation chain loops back on itself")
                break
            seen.add(node)
            node = parent[node]


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
    for layer, cls in LAYERS.items():
        raw_records = data.get(layer, [])
        if not isinstance(raw_records, list):
            problems.add(layer, f"expected a list, found {type(raw_records).__name__}")
            raw_records = []
        built = []
        for i, raw in enumerate(raw_records):
            rid = raw.get("id", f"#{i}") if isinstance(raw, dict) else f"#{i}"
            rec = _build(cls, raw, f"{layer} {rid!r}", problems)
            if rec is not None:
                built.append(rec)
        layers[layer] = built
    known = {"schema_version", "article", "source", "annotator", *LAYERS}
    extra = sorted(set(data) - known)
    if extra:
        problems.add("top level", f"unknown key(s) {', '.join(extra)}")
    if article is None:
        raise AnnotationError(source_name, problems.items)
    ann = Annotation(article=article, source=data.get("source", "gold"),
                     annotator=data.get("annotator", ""), **layers)
    _verify(ann, text, problems)
    if problems.items:
        raise AnnotationError(source_name, problems.items)
    return ann


def load_annotation(path: Path | str, text: str) -> Annotation:
    """Read a JSON annotation file and verify it against the repaired article text."""
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise AnnotationError(path, ["file does not exist: create it with "
                                     "`python -m analysis annotate ARTICLE` or write gold by hand"]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise AnnotationError(path, [f"cannot be read: {exc}"]) from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise AnnotationError(path, [f"line {exc.lineno} column {exc.colno}: malformed JSON ({exc.msg})"]) from None
    return annotation_from_dict(data, text, str(path))


def save_annotation(ann: Annotation, path: Path | str) -> None:
    """Write the annotation as stable JSON, atomically."""
    write_text(path, ann.to_json())
