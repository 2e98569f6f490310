"""Undo mojibake: UTF-8 text that was decoded with the wrong codec and saved again.

Two kinds are repaired, each logged as a `Repair` with offsets into the raw text:

* GBK mojibake (UTF-8 bytes read as GBK): reversed by re-encoding runs of CJK
  characters as GBK and decoding the bytes as UTF-8.  A byte the GBK decoder
  could not read was replaced by U+FFFD and is lost; when it was the last byte
  of a General Punctuation character (``鈥�`` = E2 80 ??) the character is
  chosen from context, and the rule used is logged.
* cp1252 / Latin-1 mojibake (``â€™``): repaired with ftfy, configured to fix
  encodings only (no quote uncurling, no normalisation).
"""
from __future__ import annotations

import bisect
import difflib
import re
from dataclasses import dataclass

import ftfy

LOST = "\ufffd"

# Characters whose UTF-8 encoding starts E2 80 and whose third byte the GBK
# decoder may drop when the next byte is not a valid GBK trail byte.
EM_DASH, EN_DASH = "\u2014", "\u2013"
RIGHT_DQUOTE, LEFT_DQUOTE = "\u201d", "\u201c"
RIGHT_SQUOTE = "\u2019"

# A run of characters that GBK mojibake produces: CJK ideographs and full-width
# forms (two GBK bytes each), plus the replacement character for lost bytes.
_GBK_RUN = re.compile(r"[\u00a4-\u00ff\u0391-\u0451\u2010-\u2312\u2460-\u2642\u3000-\u33ff"
                      r"\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe6b\uff01-\uffe5\ufffd]+")

_FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=True,
    decode_inconsistent_utf8=True,
    fix_c1_controls=True,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=True,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)


@dataclass(frozen=True)
class Repair:
    """One replacement: `raw_text` at `raw_start` in the raw text became `replacement`.

    `start` is where the replacement begins in the repaired text; `rule` names the
    decision (``gbk_roundtrip``, ``gbk_lost_byte:<context rule>``, ``ftfy``).
    """

    raw_start: int
    raw_end: int
    raw_text: str
    start: int
    replacement: str
    rule: str


# What a repaired stretch of a Western article may hold beyond ASCII: Latin-1 and Latin
# Extended-A letters, Greek and basic Cyrillic, General Punctuation, currency and letterlike
# symbols, Latin ligatures.  Clean text that only looks like mojibake by chance decodes
# into something else ("平" -> "ƽ", "茅台" -> a combining mark, "ß‘" -> an N'Ko letter).
_WESTERN_RANGES = ((0x00A0, 0x017F), (0x0370, 0x03FF), (0x0400, 0x045F), (0x2000, 0x206F),
                   (0x20A0, 0x20CF), (0x2100, 0x214F), (0xFB00, 0xFB06))


def _is_western(text: str) -> bool:
    """True when every character is one a repaired Western article plausibly holds."""
    for ch in text:
        code = ord(ch)
        if code < 0x80 or any(lo <= code <= hi for lo, hi in _WESTERN_RANGES):
            continue
        return False
    return True


def _is_evidence(rep: Repair) -> bool:
    """A repair that only mojibake explains: a lost byte, or a General Punctuation character (鈥 = E2 80)."""
    return rep.rule.startswith("gbk_lost_byte") or any("\u2010" <= ch <= "\u205f" for ch in rep.replacement)


def choose_lost_punctuation(before: str, after: str, quote_open: bool) -> tuple[str, str]:
    """Pick the character whose third UTF-8 byte was lost (E2 80 ??) from its context.

    `before` is the repaired character before it ('' at a line start), `after`
    the raw character after it, `quote_open` whether a double quote is open in
    the paragraph.  Returns (character, rule name).
    """
    space_before = before == "" or before.isspace()
    space_after = after == "" or after.isspace()
    if before.isdigit() and after.isdigit():
        return EN_DASH, "digit_range"
    if space_before and space_after:
        return EM_DASH, "spaced_dash"
    if quote_open:
        return RIGHT_DQUOTE, "open_quote_pending"
    if before.isalpha() and (space_after or after in ",.;:!?)"):
        return RIGHT_SQUOTE, "letter_before"
    if before in ",.!?":
        return RIGHT_DQUOTE, "after_punctuation"
    return EM_DASH, "fallback_dash"


def _gbk_bytes(run: str) -> list[bytes | None]:
    """GBK bytes of each character of a run; None for a lost byte (U+FFFD)."""
    out: list[bytes | None] = []
    for ch in run:
        if ch == LOST:
            out.append(None)
        else:
            out.append(ch.encode("gbk"))
    return out


def _decode_run(run: str, before: str, after: str, quote_open: bool) -> tuple[str, str] | None:
    """Decode one run of GBK mojibake; None when it is not mojibake (real CJK text)."""
    try:
        parts = _gbk_bytes(run)
    except UnicodeEncodeError:
        return None
    out: list[str] = []
    rules: list[str] = []
    pending = bytearray()
    for part in parts:
        if part is not None:
            pending += part
            continue
        if not pending.endswith(b"\xe2\x80"):
            return None
        try:
            head = pending[:-2].decode("utf-8")
        except UnicodeDecodeError:
            return None
        out.append(head)
        context_before = out[-1][-1:] or before[-1:]
        # Whatever follows within the run, or the raw text after it.
        char, rule = choose_lost_punctuation(context_before, after, quote_open)
        out.append(char)
        rules.append(rule)
        pending = bytearray()
    if pending:
        try:
            out.append(pending.decode("utf-8"))
        except UnicodeDecodeError:
            return None
    decoded = "".join(out)
    if not _is_western(decoded):
        return None
    rule = "gbk_roundtrip" if not rules else "gbk_lost_byte:" + "+".join(rules)
    return decoded, rule


def _update_quote_state(piece: str, quote_open: bool) -> bool:
    """Track whether a double quote is open, resetting at each line break."""
    for ch in piece:
        if ch == "\n":
            quote_open = False
        elif ch == LEFT_DQUOTE:
            quote_open = True
        elif ch == RIGHT_DQUOTE:
            quote_open = False
        elif ch == '"':
            quote_open = not quote_open
    return quote_open


def repair_gbk(text: str) -> tuple[str, list[Repair]]:
    """Reverse GBK mojibake run by run, leaving genuine CJK text untouched."""
    out: list[str] = []
    repairs: list[Repair] = []
    pos = 0
    out_len = 0
    quote_open = False
    last_char = ""
    for match in _GBK_RUN.finditer(text):
        plain = text[pos:match.start()]
        out.append(plain)
        out_len += len(plain)
        quote_open = _update_quote_state(plain, quote_open)
        if plain:
            last_char = plain[-1]
        run = match.group()
        after = text[match.end():match.end() + 1]
        decoded = _decode_run(run, last_char, after, quote_open)
        if decoded is None:
            replacement, rule = run, ""
        else:
            replacement, rule = decoded
            repairs.append(Repair(match.start(), match.end(), run, out_len, replacement, rule))
        out.append(replacement)
        out_len += len(replacement)
        quote_open = _update_quote_state(replacement, quote_open)
        if replacement:
            last_char = replacement[-1]
        pos = match.end()
    out.append(text[pos:])
    if not any(_is_evidence(rep) for rep in repairs):
        # Isolated CJK characters can decode into Latin letters by chance ("平" -> "ƽ");
        # without a curly quote, dash or lost byte the text is not GBK mojibake.
        return text, []
    return "".join(out), repairs


# ASCII letters and digits survive every ftfy fix used here, so they anchor the diff.
_ANCHORS = re.compile(r"([A-Za-z0-9]+)")
# Stretches between anchors longer than this are logged as one replacement: difflib's time
# grows faster than quadratically on long repetitive strings.
_MAX_DIFF = 64


def _diff_small(raw: str, fixed: str) -> list[tuple[int, int, int, int]]:
    """(raw start, raw end, fixed start, fixed end) of each change between two short strings."""
    if len(raw) > _MAX_DIFF or len(fixed) > _MAX_DIFF:
        return _diff_trimmed(raw, fixed)
    matcher = difflib.SequenceMatcher(None, raw, fixed, autojunk=False)
    return [(i1, i2, j1, j2) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


def _diff_trimmed(raw: str, fixed: str) -> list[tuple[int, int, int, int]]:
    """One change: what is left of two strings once their common start and end are cut off."""
    if raw == fixed:
        return []
    head = 0
    limit = min(len(raw), len(fixed))
    while head < limit and raw[head] == fixed[head]:
        head += 1
    tail = 0
    while tail < limit - head and raw[-1 - tail] == fixed[-1 - tail]:
        tail += 1
    return [(head, len(raw) - tail, head, len(fixed) - tail)]


def _diff_anchored(raw: str, fixed: str) -> list[tuple[int, int, int, int]]:
    """The changes from `raw` to `fixed`, diffing only the stretches between shared letters and digits.

    Linear in the line length, where difflib on a whole long line can take minutes.
    """
    raw_parts, fixed_parts = _ANCHORS.split(raw), _ANCHORS.split(fixed)
    if raw_parts[1::2] != fixed_parts[1::2]:
        return _diff_trimmed(raw, fixed)
    changes = []
    raw_pos = fixed_pos = 0
    for raw_part, fixed_part in zip(raw_parts, fixed_parts):
        if raw_part != fixed_part:
            for i1, i2, j1, j2 in _diff_small(raw_part, fixed_part):
                changes.append((i1 + raw_pos, i2 + raw_pos, j1 + fixed_pos, j2 + fixed_pos))
        raw_pos += len(raw_part)
        fixed_pos += len(fixed_part)
    return changes


def _diff_repairs(raw: str, fixed: str, rule: str, shift: int = 0) -> list[Repair]:
    """The replacements that turned `raw` into `fixed`, as Repair records."""
    return [Repair(i1 + shift, i2 + shift, raw[i1:i2], j1, fixed[j1:j2], rule)
            for i1, i2, j1, j2 in _diff_anchored(raw, fixed)]


def _plausible_ftfy(line: str) -> str:
    """ftfy's fix of one line, or the line itself when the fix makes a character no mojibake explains.

    Clean text can look like cp1252 mojibake by chance: two characters ("É‘", "ß‘",
    "”É") are the UTF-8 bytes of an IPA, N'Ko or rare Cyrillic letter.  Such a fix
    is refused; real two-byte mojibake decodes to Latin, Greek or basic Cyrillic.
    """
    fixed = ftfy.fix_text(line, config=_FTFY_CONFIG) if not line.isascii() else line
    if fixed == line:
        return line
    introduced = set(fixed) - set(line)
    if any(0x80 <= ord(ch) < 0x800 and not _is_western(ch) for ch in introduced):
        return line
    if introduced and not any(_is_western(ch) for ch in introduced):
        return line  # only CJK or the like appeared ("ç”‘" -> "甑"): no Western text was repaired
    return fixed


def repair_cp1252(text: str) -> tuple[str, list[Repair]]:
    """Fix UTF-8 read as cp1252/Latin-1 with ftfy, line by line, logging each change."""
    repairs: list[Repair] = []
    out: list[str] = []
    raw_pos = 0
    out_pos = 0
    for line in text.splitlines(keepends=True):
        fixed = _plausible_ftfy(line)
        if fixed != line:
            for rep in _diff_repairs(line, fixed, "ftfy", raw_pos):
                repairs.append(Repair(rep.raw_start, rep.raw_end, rep.raw_text,
                                      rep.start + out_pos, rep.replacement, rep.rule))
        out.append(fixed)
        raw_pos += len(line)
        out_pos += len(fixed)
    return "".join(out), repairs


class _RawMapper:
    """Maps offsets in the output of a first pass back to the raw text, by binary search."""

    def __init__(self, first: list[Repair]) -> None:
        self.first = first
        self.ends = [rep.start + len(rep.replacement) for rep in first]
        self.shifts = [0]
        for rep in first:
            self.shifts.append(self.shifts[-1] + (rep.raw_end - rep.raw_start) - len(rep.replacement))

    def to_raw(self, pos: int) -> int:
        """The raw offset of `pos`; a position inside a replacement maps to that replacement's raw start."""
        done = bisect.bisect_right(self.ends, pos)
        if done < len(self.first) and self.first[done].start < pos:
            return self.first[done].raw_start
        return pos + self.shifts[done]


def _renumber(repairs: list[Repair]) -> list[Repair]:
    """Sort repairs by raw offset and recompute where each lands in the repaired text."""
    out = []
    delta = 0
    for rep in sorted(repairs, key=lambda r: r.raw_start):
        out.append(Repair(rep.raw_start, rep.raw_end, rep.raw_text, rep.raw_start + delta,
                          rep.replacement, rep.rule))
        delta += len(rep.replacement) - (rep.raw_end - rep.raw_start)
    return out


def _overlapping(first: list[Repair], ends: list[int], lo: int, hi: int) -> list[int]:
    """Indices of first-pass repairs whose output overlaps [lo, hi) (or holds `lo` when empty)."""
    found = []
    i = bisect.bisect_right(ends, lo)
    while i < len(first):
        start, end = first[i].start, ends[i]
        if (hi > lo and start >= hi) or (hi == lo and start >= lo):
            break
        if (hi > lo and end > lo) or (hi == lo and start < lo < end):
            found.append(i)
        i += 1
    return found


def compose(first: list[Repair], second: list[Repair], raw: str) -> list[Repair]:
    """Merge two passes into one log in raw-text offsets (`second` ran on `first`'s output).

    A second-pass repair that overlaps first-pass repairs (mojibake of mojibake) is merged
    with them into one repair whose rules are joined with '+'.  Both lists are in text order.
    """
    mapper = _RawMapper(first)
    ends = mapper.ends
    clusters: list[tuple[int, int, list[Repair], set[int]]] = []
    for rep in sorted(second, key=lambda r: r.raw_start):
        lo, hi = rep.raw_start, rep.raw_end
        hits = _overlapping(first, ends, lo, hi)
        if hits:
            lo, hi = min(lo, first[hits[0]].start), max(hi, ends[hits[-1]])
        if clusters and lo < clusters[-1][1]:
            prev_lo, prev_hi, reps, used = clusters.pop()
            lo, hi = min(lo, prev_lo), max(hi, prev_hi)
            reps.append(rep)
            used.update(hits)
            clusters.append((lo, hi, reps, used))
        else:
            clusters.append((lo, hi, [rep], set(hits)))
    merged: list[Repair] = []
    used_all: set[int] = set()
    for lo, hi, reps, hit in clusters:
        used = set(_overlapping(first, ends, lo, hi)) if hit else set()
        used_all |= used
        raw_start, raw_end = mapper.to_raw(lo), mapper.to_raw(hi)
        if not used:
            rep = reps[0]
            merged.append(Repair(raw_start, raw_end, raw[raw_start:raw_end], 0, rep.replacement, rep.rule))
            continue
        pieces, pos = [], lo
        first_text_piece = _first_pass_text(first, sorted(used), raw, mapper, lo, hi)
        for rep in reps:
            pieces.append(first_text_piece[pos - lo:rep.raw_start - lo])
            pieces.append(rep.replacement)
            pos = rep.raw_end
        pieces.append(first_text_piece[pos - lo:])
        rules = sorted({first[i].rule for i in used} | {r.rule for r in reps})
        merged.append(Repair(raw_start, raw_end, raw[raw_start:raw_end], 0, "".join(pieces), "+".join(rules)))
    kept = [rep for i, rep in enumerate(first) if i not in used_all]
    return _renumber(kept + merged)


def _first_pass_text(first: list[Repair], used: list[int], raw: str, mapper: _RawMapper,
                     lo: int, hi: int) -> str:
    """The first pass's output between offsets lo and hi, rebuilt from the raw text and its repairs."""
    out, pos = [], mapper.to_raw(lo)
    for i in used:
        rep = first[i]
        out.append(raw[pos:rep.raw_start])
        out.append(rep.replacement)
        pos = rep.raw_end
    out.append(raw[pos:mapper.to_raw(hi)])
    return "".join(out)


def repair_text(text: str) -> tuple[str, list[Repair]]:
    """Apply every repair pass; clean text comes back unchanged with an empty log.

    Offsets in the log: `raw_start`/`raw_end` into `text`, `start` into the result.
    """
    gbk_text, gbk_repairs = repair_gbk(text)
    final, cp_repairs = repair_cp1252(gbk_text)
    if not cp_repairs:
        return final, gbk_repairs
    if not gbk_repairs:
        return final, cp_repairs
    return final, compose(gbk_repairs, cp_repairs, text)
