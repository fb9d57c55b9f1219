# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Helpers shared by the plain-Python parser tests (no Odoo, no database)."""

import os
import unittest
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
REPO_ROOT = Path(__file__).resolve().parents[2]


def shared_dir():
    """The project's shared folder: ``$BALTIC_SHARED_DIR``, else ``<repo>/../shared``;
    ``None`` if absent."""
    override = os.environ.get("BALTIC_SHARED_DIR")
    path = Path(override) if override else REPO_ROOT.parent / "shared"
    return path if path.is_dir() else None


def shared_path(*parts):
    """A path under the shared folder; skips the test with a clear reason when it is
    absent."""
    base = shared_dir()
    if base is None:
        raise unittest.SkipTest(
            "shared data folder not found (set BALTIC_SHARED_DIR or put shared/ "
            "beside the repository)"
        )
    path = base.joinpath(*parts)
    if not path.exists():
        raise unittest.SkipTest(f"shared data {'/'.join(parts)} not found in {base}")
    return path


def sample(name):
    """Bytes of a committed sample under ``tests/data``."""
    return (DATA_DIR / name).read_bytes()
