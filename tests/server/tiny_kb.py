"""A tiny KB copied from the bundled one, for server tests that edit or break a KB on disk. (A module of its own:
test modules cannot import from conftest.py reliably, since every test folder has one.)"""
from __future__ import annotations

import shutil
from pathlib import Path

from caveat.server.config import BUNDLED_KB

TINY_KB_ENTRIES = ("ivermectin", "semaglutide", "hydroxychloroquine")


def copy_kb(target: Path, entries=TINY_KB_ENTRIES) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for entry in entries:
        shutil.copy(BUNDLED_KB / f"{entry}.yaml", target / f"{entry}.yaml")
    return target
