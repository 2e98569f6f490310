"""Mojibake repair: each repair kind on hand-made samples, the seed's required results, and properties."""
from __future__ import annotations

import unicodedata

import ftfy.bad_codecs  # noqa: F401  (registers the sloppy-windows-1252 codec)
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from analysis.repair import LOST, Repair, choose_lost_punctuation, repair_text


def gbk_mojibake(text: str) -> str:
    """What a UTF-8 file looks like after being decoded as GBK and saved again."""
    return text.encode("utf-8").decode("gbk", errors="replace")


def cp1252_mojibake(text: str) -> str:
    """What a UTF-8 file looks like after being decoded as cp1252 (undefined bytes kept) and saved again."""
    return text.encode("utf-8").decode("sloppy-windows-1252")


def apply_log(raw: str, log: list[Repair]) -> str:
    """Rebuild the repaired text from the raw text and the repair log alone."""
    out, pos = [], 0
    for rep in sorted(log, key=lambda r: r.raw_start):
        out.append(raw[pos:rep.raw_start])
        out.append(rep.replacement)
        pos = rep.raw_end
    out.append(raw[pos:])
    return "".join(out)


def has_cjk(text: str) -> bool:
    return any("CJK" in unicodedata.name(ch, "") for ch in text)


# --- GBK mojibake, one lost-byte rule at a time -------------------------------------------------

@pytest.mark.parametrize(("original", "rule"), [
    ("The allies \u2014 France and Germany \u2014 agreed to talk.", "spaced_dash"),
    ("She said \u201cwe will not leave\u201d and walked out.", "open_quote_pending"),
    ("The rebels\u2019 base fell after a siege.", "letter_before"),
    ("Fighting lasted 1990\u20131995 in the north.", "digit_range"),
])
def test_gbk_lost_byte_rules(original: str, rule: str) -> None:
    raw = gbk_mojibake(original)
    assert LOST in raw, "the sample must really lose a byte"
    repaired, log = repair_text(raw)
    assert repaired == original
    assert any(r.rule.startswith("gbk_lost_byte") and rule in r.rule.split(":")[1].split("+") for r in log)


def test_gbk_roundtrip_without_loss() -> None:
    original = "It\u2019s the caf\u00e9\u2019s \u201cbest\u201d dish."
    raw = gbk_mojibake(original)
    repaired, log = repair_text(raw)
    assert repaired == original
    assert log and all(r.rule.startswith("gbk_") for r in log)


@pytest.mark.parametrize(("before", "after", "quote_open", "expected"), [
    ("", " ", False, "\u2014"),
    (" ", " ", True, "\u2014"),
    ("1", "9", False, "\u2013"),
    ("d", " ", True, "\u201d"),
    ("s", " ", False, "\u2019"),
    (".", " ", False, "\u201d"),
])
def test_choose_lost_punctuation(before: str, after: str, quote_open: bool, expected: str) -> None:
    assert choose_lost_punctuation(before, after, quote_open)[0] == expected


def test_cp1252_mojibake_fixed_by_ftfy() -> None:
    original = "Israel\u2019s army said \u201cno comment\u201d."
    raw = cp1252_mojibake(original)
    assert "\u00e2\u20ac" in raw
    repaired, log = repair_text(raw)
    assert repaired == original
    assert log and {r.rule for r in log} == {"ftfy"}


def test_known_cp1252_sequence() -> None:
    repaired, log = repair_text("Israel\u00e2\u20ac\u2122s army")
    assert repaired == "Israel\u2019s army"
    assert [(r.raw_text, r.replacement, r.rule) for r in log] == [("\u00e2\u20ac\u2122", "\u2019", "ftfy")]


def test_mixed_gbk_and_cp1252_lines() -> None:
    first = "Hamas\u2019 leader \u2014 a veteran \u2014 spoke."
    second = "Iran\u2019s mission said \u201cnothing\u201d."
    raw = gbk_mojibake(first) + "\n" + cp1252_mojibake(second)
    repaired, log = repair_text(raw)
    assert repaired == first + "\n" + second
    rules = {r.rule.split(":")[0] for r in log}
    assert rules == {"gbk_lost_byte", "ftfy"} or rules == {"gbk_lost_byte", "gbk_roundtrip", "ftfy"}
    assert apply_log(raw, log) == repaired


def test_genuine_chinese_is_left_alone() -> None:
    text = "\u5317\u4eac\u662f\u4e2d\u56fd\u7684\u9996\u90fd\u3002 Beijing is the capital."
    assert repair_text(text) == (text, [])


# --- the seed article -------------------------------------------------------------------------

def test_seed_has_no_replacement_characters_or_cjk(seed_article) -> None:
    assert LOST not in seed_article.text
    assert not has_cjk(seed_article.text)
    assert seed_article.repairs


@pytest.mark.parametrize("expected", [
    "Israel\u2019s",
    "Hamas\u2019 political leader",
    "\u201cfinal bridging proposal\u201d",
    "\u2014 key mediators in talks between Israel and Hamas \u2014",
])
def test_seed_required_repairs(seed_article, expected: str) -> None:
    assert expected in seed_article.text


def test_seed_log_rebuilds_the_text(seed_article) -> None:
    assert apply_log(seed_article.raw_text, seed_article.repairs) == seed_article.text


# --- properties -------------------------------------------------------------------------------

ALPHABET = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "\u00e9\u00e8\u00ea\u00e0\u00e7\u00f1\u00fc\u00f6\u00c9\u00c0\u00d6\u00df"
    "0123456789"
    " .,;:!?'\"()-/%$"
    "\u201c\u201d\u2018\u2019\u2014\u2013\u2026"
    "\n"
    "\u4e2d\u56fd\u4eba\u6c11\u7684\u548c\u5e73\u6218\u4e89\u8305\u53f0\u5317\u4eac"
)
clean_text = st.text(alphabet=ALPHABET, max_size=80)
PROPERTY_SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY_SETTINGS
@given(clean_text)
@example("Caf\u00e9 \u201cquoted\u201d \u2014 1990\u20131995")
# Counterexamples hypothesis found (each was once "repaired" into another character):
@example("\u5e73")            # 平 -> ƽ (GBK)
@example("\u00c9\u20180")     # É‘ -> ɑ (ftfy)
@example("\u00df\u20180")     # ß‘ -> an N'Ko letter (ftfy)
@example("\u201d\u00c9")      # ”É -> Ӄ (ftfy)
@example("\u00e7\u201d\u2018")  # ç”‘ -> 甑 (ftfy)
def test_clean_text_is_unchanged(text: str) -> None:
    assert repair_text(text) == (text, [])


@PROPERTY_SETTINGS
@given(clean_text, st.booleans())
def test_repair_is_idempotent(text: str, garble: bool) -> None:
    raw = gbk_mojibake(text) if garble else text
    once, _ = repair_text(raw)
    assert repair_text(once) == (once, [])


@PROPERTY_SETTINGS
@given(clean_text, st.sampled_from(["none", "gbk", "cp1252"]))
@example("\u2013\u4e2d\u201c", "cp1252")
def test_log_offsets_cover_what_they_claim(text: str, garble: str) -> None:
    raw = {"none": text, "gbk": gbk_mojibake(text), "cp1252": cp1252_mojibake(text)}[garble]
    repaired, log = repair_text(raw)
    for rep in log:
        assert raw[rep.raw_start:rep.raw_end] == rep.raw_text
        assert repaired[rep.start:rep.start + len(rep.replacement)] == rep.replacement
    assert apply_log(raw, log) == repaired
