"""conflict-notebooks: turn a news article about an armed conflict into checkable data and reports."""
from __future__ import annotations

__version__ = "0.1.0"
