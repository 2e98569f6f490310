"""The hand-made gold annotation of the seed article: it loads, verifies, and holds the key facts."""
from __future__ import annotations

import copy
import datetime as dt
import json

import pytest

from analysis.annotations import Annotation, annotation_from_dict, load_annotation
from analysis.errors import AnnotationError
from analysis.ingest import Article
from analysis.paths import SEED_ARTICLE
from analysis.quantities import vague_range

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@pytest.fixture(scope="module")
def article(seed_article: Article) -> Article:
    """The repaired seed article (shared session fixture)."""
    return seed_article


@pytest.fixture(scope="module")
def gold(seed_gold_path, article: Article) -> Annotation:
    """The seed gold, loaded and verified against the repaired text."""
    return load_annotation(seed_gold_path, article.text)


@pytest.fixture(scope="module")
def raw(seed_gold_path) -> dict:
    """The seed gold as plain JSON, for corrupting copies."""
    return json.loads(seed_gold_path.read_text(encoding="utf-8"))


def _chain(ann: Annotation, actor_id: str) -> list[str]:
    """The actor ids from `actor_id` up its affiliations to the top."""
    chain = [actor_id]
    while (actor := ann.actor(chain[-1])) is not None and actor.affiliation:
        chain.append(actor.affiliation)
    return chain


def _date_value(ann: Annotation, date_id: str | None) -> str | None:
    return next((d.value for d in ann.dates if d.id == date_id), None)


def test_gold_lives_beside_the_article_and_describes_it(seed_gold_path, gold: Annotation,
                                                         article: Article) -> None:
    assert seed_gold_path.parent == SEED_ARTICLE.parent
    assert gold.source == "gold"
    assert gold.article.sha256 == article.sha256
    assert gold.article.title == article.title
    assert gold.article.outlet == "CNN"
    assert gold.article.published == "2024-08-12"
    assert "Monday" in gold.article.published_evidence


def test_every_layer_is_filled(gold: Annotation) -> None:
    for layer in ("actors", "mentions", "casualties", "dates", "events", "quotes"):
        assert getattr(gold, layer), f"gold layer {layer} is empty"


def test_every_span_is_the_article_text(gold: Annotation, article: Article) -> None:
    spans = [*gold.mentions, *gold.casualties, *gold.dates, *gold.events, *gold.quotes,
             *(q.cue for q in gold.quotes if q.cue is not None)]
    for span in spans:
        assert article.text[span.start:span.end] == span.text
        assert span.text == span.text.strip(), f"span {span.text!r} has surrounding space"


def test_at_least_93_killed_in_gaza_city(gold: Annotation) -> None:
    claim = next(c for c in gold.casualties if c.text == "at least 93")
    assert (claim.kind, claim.qualifier, claim.scope) == ("killed", "at_least", "incident")
    assert (claim.count_low, claim.count_high) == (93, None)
    assert claim.reported_by == "local officials"
    assert claim.victim_actor == "palestinians"
    assert _date_value(gold, claim.date) == "2024-08-10"
    event = next(e for e in gold.events if e.id == claim.event)
    assert event.location == "Gaza City"
    assert {"actor": "israel", "role": "attacker"} in [vars(p) for p in event.participants]


def test_nearly_40000_killed_over_the_war(gold: Annotation) -> None:
    claim = next(c for c in gold.casualties if "40,000" in c.text)
    assert claim.text == "edging closer to 40,000"
    assert (claim.qualifier, claim.scope) == ("nearly", "cumulative")
    assert (claim.count_low, claim.count_high) == (None, 40000)
    assert _date_value(gold, claim.date) == "P10M"


def test_several_fighters_is_vague_and_reported_by_the_idf(gold: Annotation) -> None:
    claim = next(c for c in gold.casualties if c.text == "several")
    assert (claim.qualifier, claim.vague_word) == ("vague", "several")
    assert (claim.count_low, claim.count_high) == vague_range("several")
    assert claim.reported_by_actor == "idf"


def test_nobody_knows_what_bibi_wants(gold: Annotation) -> None:
    quote = next(q for q in gold.quotes if q.text == "Nobody knows what Bibi wants,")
    assert quote.kind == "direct"
    speaker = gold.actor(quote.speaker)
    assert speaker.type == "anonymous_source"
    assert speaker.affiliation == "israel"
    mention = next(m for m in gold.mentions if m.id == quote.speaker_mention)
    assert (mention.actor, mention.text) == (quote.speaker, "Israeli source")
    bibi = next(m for m in gold.mentions if m.text == "Bibi")
    assert bibi.actor == "benjamin_netanyahu"


def test_kirby_quote_and_chain(gold: Annotation) -> None:
    quote = next(q for q in gold.quotes if q.text.startswith("It’s difficult to ascertain"))
    assert (quote.kind, quote.speaker, quote.cue.text) == ("direct", "john_kirby", "said")
    assert _chain(gold, "john_kirby") == ["john_kirby", "us_nsc", "united_states"]


def test_netanyahu_rolls_up_to_israel(gold: Annotation) -> None:
    assert _chain(gold, "benjamin_netanyahu")[-1] == "israel"
    assert gold.actor("israel").type == "state"


def test_weekday_dates_fall_on_the_weekday_named(gold: Annotation) -> None:
    published = dt.date.fromisoformat(gold.article.published)
    for date in gold.dates:
        named = [w for w in WEEKDAYS if w in date.text]
        if not named:
            continue
        day = dt.date.fromisoformat(date.value)
        assert WEEKDAYS[day.weekday()] == named[0], date
        if date.resolution == "weekday_past":
            assert published - dt.timedelta(days=6) <= day <= published, date
        if date.resolution == "weekday_future":
            assert published < day <= published + dt.timedelta(days=7), date


def test_interval_dates_cover_their_value(gold: Annotation) -> None:
    for date in gold.dates:
        if date.kind == "duration":
            assert date.start_date is None and date.end_date is None
            continue
        start, end = dt.date.fromisoformat(date.start_date), dt.date.fromisoformat(date.end_date)
        assert start <= end
        if date.precision == "week":
            year, week, _ = start.isocalendar()
            assert date.value == f"{year}-W{week:02d}" and end.isocalendar()[1] == week
        if date.precision == "month":
            assert start.isoformat()[:7] == end.isoformat()[:7] == date.value


def test_shifted_offset_is_reported_with_its_record(raw: dict, article: Article) -> None:
    broken = copy.deepcopy(raw)
    record = next(c for c in broken["casualties"] if c["text"] == "at least 93")
    record["start"] += 1
    record["end"] += 1
    found = article.text[record["start"]:record["end"]]
    with pytest.raises(AnnotationError) as caught:
        annotation_from_dict(broken, article.text, "broken.gold.json")
    problems = caught.value.problems
    assert len(problems) == 1
    assert f"casualties {record['id']!r}" in problems[0]
    assert repr("at least 93") in problems[0]
    assert repr(found) in problems[0]


def test_every_corrupted_record_is_listed(raw: dict, article: Article, tmp_path) -> None:
    broken = copy.deepcopy(raw)
    mention, quote = broken["mentions"][0], broken["quotes"][-1]
    mention["end"] -= 1
    quote["cue"]["start"] += 1
    path = tmp_path / "broken.gold.json"
    path.write_text(json.dumps(broken), encoding="utf-8")
    with pytest.raises(AnnotationError) as caught:
        load_annotation(path, article.text)
    message = str(caught.value)
    assert str(path) in message
    assert f"mentions {mention['id']!r}" in message
    assert f"quotes {quote['id']!r} cue" in message
    assert len(caught.value.problems) == 2
