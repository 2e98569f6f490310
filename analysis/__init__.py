"""conflict-notebooks: turn a news article about an armed conflict into checkable data and reports."""

__version__ = "0.1.0"
