"""Imports sqlite-utils without pandas.

`sqlite_utils.db` imports pandas at module level when it is installed (only to map
`pandas.Timestamp` columns to TEXT, which the project never writes), and pandas brings pyarrow:
some 0.5 s and 70 MB on every start and every command. Hiding pandas while sqlite-utils loads
keeps it out; pandas stays importable afterwards for whoever needs it (the test of the dataset
export's readers).
"""

from __future__ import annotations

import sys

if "sqlite_utils" not in sys.modules and "pandas" not in sys.modules:
    sys.modules["pandas"] = None  # type: ignore[assignment]  # `import pandas` raises ImportError
    try:
        import sqlite_utils  # noqa: F401
    finally:
        del sys.modules["pandas"]

import sqlite_utils  # noqa: E402,F401
