"""Quote records, and the index that finds the quotes holding a span among those of its sentence."""
from __future__ import annotations

from dataclasses import dataclass, field

from .context import Context
from .mentions import MentionRec


@dataclass
class QuoteRec:
    """A quote with its speaker's actor id and the mention that names the speaker."""

    kind: str
    start: int
    end: int
    text: str
    speaker: str | None
    speaker_mention: MentionRec | None
    cue: tuple[int, int] | None
    co_speakers: list[str] = field(default_factory=list)


class QuoteIndex:
    """Finds the quotes holding a span among those of its sentence, instead of among all the article's quotes."""

    def __init__(self, quotes: list[QuoteRec], ctx: Context) -> None:
        self.ctx = ctx
        self.by_sentence: dict[int, list[QuoteRec]] = {}
        for q in quotes:
            for s in range(ctx.sentence_index(q.start), ctx.sentence_index(q.end) + 1):
                self.by_sentence.setdefault(s, []).append(q)

    def covering(self, start: int, end: int) -> QuoteRec | None:
        """The innermost quote whose span holds [start, end) (start <= end); the first of equally long ones."""
        holding = [q for q in self.by_sentence.get(self.ctx.sentence_index(start), ())
                   if q.start <= start and end <= q.end]
        return min(holding, key=lambda q: q.end - q.start) if holding else None
