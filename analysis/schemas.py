"""Dataframe schemas (pandera) made from the column declarations in analysis.fields.

Every table's dtypes, categorical levels and nullability come from `fields.TABLES`;
`conform` casts a frame to exactly that shape and `validate` checks it, so that a
frame that passes has the declared dtypes and nothing else.
"""
from __future__ import annotations

from functools import cache
from typing import Any

import pandas as pd
import pandera.pandas as pa

from .fields import TABLES, Column


def pandas_dtype(column: Column) -> Any:
    """The pandas dtype object a declaration names (categoricals with their levels when declared)."""
    if column.dtype == "category":
        return pd.CategoricalDtype(list(column.categories)) if column.categories else "category"
    return pd.api.types.pandas_dtype(column.dtype)


def _exact_dtype_check(column: Column) -> pa.Check:
    """pandera accepts look-alike dtypes (str for string, datetime64[us] for [ns]); this does not."""
    expected = pandas_dtype(column)
    if expected == "category":
        return pa.Check(lambda s: isinstance(s.dtype, pd.CategoricalDtype), element_wise=False,
                        name="exact_dtype", error="dtype must be category")
    return pa.Check(lambda s: s.dtype == expected, element_wise=False,
                    name="exact_dtype", error=f"dtype must be exactly {column.dtype}")


@cache
def schema(table: str, declared: tuple[Column, ...] | None = None) -> pa.DataFrameSchema:
    """The pandera schema of a table: declared columns only, in declared order.

    `declared` gives the columns of a table not in `fields.TABLES` (the corpus tables).
    """
    return pa.DataFrameSchema(
        {c.name: pa.Column(pandas_dtype(c), nullable=c.nullable, checks=[_exact_dtype_check(c)],
                           description=c.description)
         for c in declared or TABLES[table]},
        name=table,
        strict=True,
        ordered=True,
    )


def empty_frame(table: str, declared: tuple[Column, ...] | None = None) -> pd.DataFrame:
    """A frame with no rows and every declared column at its declared dtype."""
    return pd.DataFrame({c.name: pd.Series([], dtype=pandas_dtype(c)) for c in declared or TABLES[table]})


def _cast(values: pd.Series, column: Column) -> pd.Series:
    """One column at its declared dtype; undeclared categorical levels are sorted for determinism."""
    if column.dtype == "category":
        if column.categories:
            unknown = sorted(set(values.dropna().astype(str)) - set(column.categories))
            if unknown:
                raise ValueError(f"column {column.name!r}: {', '.join(unknown)} not among its declared levels")
            return values.astype(pd.CategoricalDtype(list(column.categories)))
        levels = sorted(values.dropna().astype(str).unique())
        return values.astype(pd.CategoricalDtype(levels))
    if column.dtype.startswith("datetime64"):
        return pd.to_datetime(values, format="ISO8601").astype(column.dtype)
    if column.dtype == "string":
        return values.astype("object").where(values.notna(), None).astype("string")
    return values.astype(column.dtype)


def conform(df: pd.DataFrame, table: str, declared: tuple[Column, ...] | None = None) -> pd.DataFrame:
    """Select the declared columns in declared order, cast to declared dtypes, reset the index."""
    columns = declared or TABLES[table]
    missing = [c.name for c in columns if c.name not in df.columns]
    if missing:
        raise KeyError(f"table {table!r} lacks declared column(s): {', '.join(missing)}")
    if df.empty:
        return empty_frame(table, declared)
    return pd.DataFrame({c.name: _cast(df[c.name].reset_index(drop=True), c) for c in columns})


def validate(df: pd.DataFrame, table: str, declared: tuple[Column, ...] | None = None) -> pd.DataFrame:
    """Check a frame against its schema, reporting every failure at once."""
    return schema(table, declared).validate(df, lazy=True)
