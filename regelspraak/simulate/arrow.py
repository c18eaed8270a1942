"""pyarrow, imported in one place.

pyarrow ships no type information; mypy --strict would refuse the import. Importing it here,
typed as Any, keeps the `type: ignore` in one line (and `unused-ignore` keeps that line clean
should stubs be installed one day).
"""

from __future__ import annotations

import pyarrow as pa  # type: ignore[import-untyped, unused-ignore]
import pyarrow.compute as pc  # type: ignore[import-untyped, unused-ignore]
import pyarrow.parquet as pq  # type: ignore[import-untyped, unused-ignore]

__all__ = ["pa", "pc", "pq"]
