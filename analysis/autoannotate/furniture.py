"""Page furniture: the lines of a web page that belong to the site, not to the story (navigation words, metadata
and breadcrumb lines, photo credits, the headline of another story linked mid-article, outlet boilerplate).

No record of any layer is made inside them (seeds/README.md, "Furniture"). Headlines, captions, bylines and
datelines belong to the story and are kept.
"""
from __future__ import annotations

import re

# Whole lines that are site navigation or page chrome (compared in lower case, without bullets or end colons).
NAVIGATION_LINES = frozenset("""
accessibility links|breaking news|news|share|share this|share this article|follow us|skip links|skip to content
|skip to main content|jump to content|print|email|menu|search|home|update|updated|live|advertisement|subscribe
|sign in|log in|listen|watch|comments|related|more|read more|related stories|related articles|global perspective
human stories|xs|sm|md|lg|xs sm md lg|unchecked|page version status|edit|[edit]|top stories|most read|trending
""".replace("\n", " ").split("|"))
NAVIGATION_LINES = frozenset(" ".join(w.split()) for w in NAVIGATION_LINES)
# A kicker that opens the headline of another story linked from this one ("RELATED: …", "Read more: …").
RELATED_KICKER = re.compile(r"^(?:related|read more|read also|also read|see also|more on this|more|watch|listen"
                            r"|recommended|further reading)\s*:", re.I)
# Words of a site's own boilerplate: about the page, the website, its links and its rules, not about the story.
BOILERPLATE = re.compile(r"(?:\bthis (?:page|site|website)\b|\.gov website|\bofficial websites?\b|\bwebmaster\b"
                         r"|\bexternal links\b|\bprivacy policy\b|\bterms of (?:use|service)\b|\ball rights reserved\b"
                         r"|\bfree news source\b|\breviewed versions\b|\bhistorical collection\b|\bhas not been checked\b"
                         r"|https?://)", re.I)
# A metadata line's fields are separated by bars; a byline among them names its publication or its date
# ("AWP | Published …", "ANALYSIS | Outlet | Sunday, October 12, 2025").
PUBLICATION_WORDS = re.compile(r"\b(?:published|updated|posted|by)\b|\b(?:19|20)\d{2}\b", re.I)
# A photo credit: "Agency/Photographer Name" alone on a line, no spaces around the slash.
CREDIT = re.compile(r"^[A-Z][\w.'\u2019-]*(?: [A-Z][\w.'\u2019-]*){0,3}/[A-Z][\w.'\u2019-]*(?: [A-Z][\w.'\u2019-]*){0,3}$")


def _is_furniture(line: str) -> bool:
    """True when a stripped line belongs to the site rather than to the story."""
    bare = " ".join(line.strip(" \t\u2022\u00b7*-:").lower().split())
    if bare in NAVIGATION_LINES or RELATED_KICKER.match(line):
        return True
    if " | " in line or line.count("|") >= 2:
        return not PUBLICATION_WORDS.search(line)
    if " > " in line or bare.startswith("you are in"):
        return True
    return bool(CREDIT.match(line)) or bool(BOILERPLATE.search(line))


def furniture_spans(text: str) -> list[tuple[int, int]]:
    """Character spans (sorted, not overlapping) of the lines of `text` that are page furniture."""
    spans = []
    for match in re.finditer(r"[^\n]+", text):
        line = match.group()
        stripped = line.strip()
        if stripped and _is_furniture(stripped):
            lead = len(line) - len(line.lstrip())
            spans.append((match.start() + lead, match.start() + lead + len(stripped)))
    return spans
