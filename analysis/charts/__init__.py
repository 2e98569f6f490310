"""Charts made from the suite's dataframes (never from text); each returns a matplotlib Figure."""
from __future__ import annotations

from .actors import cooccurrence_chart, mentions_chart
from .casualties import casualties_chart
from .places import places_chart
from .style import alt_text, source_line, to_png
from .timeline import timeline_chart
from .voices import voices_chart

__all__ = ["alt_text", "casualties_chart", "cooccurrence_chart", "mentions_chart", "places_chart", "source_line",
           "timeline_chart", "to_png", "voices_chart"]
