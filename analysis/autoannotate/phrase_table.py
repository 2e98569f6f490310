"""Fixed word phrases and their values, looked up at a word by its first word, the longest phrase first."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Generic, TypeVar

V = TypeVar("V")


class PhraseTable(Generic[V]):
    """Phrases (tuples of words) with a value each; `at` finds the longest one the words spell from a position."""

    def __init__(self, phrases: Iterable[tuple[tuple[str, ...], V]]) -> None:
        self.by_first: dict[str, list[tuple[tuple[str, ...], V]]] = {}
        for phrase, value in sorted(phrases, key=lambda p: -len(p[0])):
            self.by_first.setdefault(phrase[0], []).append((phrase, value))

    def at(self, words: Sequence[str], i: int) -> tuple[tuple[str, ...], V] | None:
        """The longest phrase the words from i spell, with its value (the first given among equally long ones)."""
        for phrase, value in self.by_first.get(words[i], ()) if i < len(words) else ():
            if tuple(words[i:i + len(phrase)]) == phrase:
                return phrase, value
        return None
