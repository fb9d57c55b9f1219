# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Paths shared by the plain-Python tests (no Odoo import)."""

import os
import unittest
from pathlib import Path

TESTS_DIR = Path(__file__).resolve().parent
DATA_DIR = TESTS_DIR / "data"
ADDON_DIR = TESTS_DIR.parent
REPO_ROOT = Path(__file__).resolve().parents[2]


def shared_dir():
    """The project's shared folder: ``$BALTIC_SHARED_DIR`` or
    ``<repo_root>.parent / "shared"``."""
    override = os.environ.get("BALTIC_SHARED_DIR")
    return Path(override) if override else REPO_ROOT.parent / "shared"


def shared_path(*parts):
    """A path inside the shared folder; skips the test cleanly when it is absent."""
    path = shared_dir().joinpath(*parts)
    if not path.exists():
        raise unittest.SkipTest(
            f"shared data not available: {path} (set BALTIC_SHARED_DIR)"
        )
    return path


def sample(name):
    """Bytes of a sample under tests/data."""
    return (DATA_DIR / name).read_bytes()
