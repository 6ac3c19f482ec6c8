"""A small, fixed knowledge base for the browser tests, copied from the bundled one."""
from __future__ import annotations

import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# The entries the fixture pages name: the e2e server runs on a copy of just these, so curators adding entries to
# the bundled KB (a new alias that matches some word of a fixture) cannot change what these tests expect.
KB_ENTRIES = ("stem-cell-therapy", "umbilical-cord-products", "iv-vitamin-drips", "ozone-therapy", "sunscreen",
              "chlorine-dioxide", "colloidal-silver", "ivermectin", "kratom", "coffee-enema", "cupping", "homeopathy",
              "acupuncture", "statins", "ketamine", "hyperbaric-oxygen")


def pinned_kb(folder: Path, entries=KB_ENTRIES) -> Path:
    """A KB folder holding copies of `entries` from the bundled KB."""
    folder.mkdir(parents=True, exist_ok=True)
    for entry in entries:
        shutil.copy(REPO / "annotator" / "kb" / f"{entry}.yaml", folder)
    return folder
