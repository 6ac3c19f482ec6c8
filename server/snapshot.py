"""A copy of the last KB that loaded cleanly, so that a worker which (re)starts while the KB on disk is broken can
still serve the last good entries instead of failing to boot.

Layout: SNAPSHOT_DIR/<kb version>/ holds the files; SNAPSHOT_DIR/current is a symlink to one of them, swapped with
os.replace so that a reader (another worker) never sees a half-written snapshot.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from caveat.annotator.kb import kb_version


def save(kb_dir: str, version: str, snapshot_dir: str) -> bool:
    """Snapshot the KB folder as version `version`. False (and nothing saved) when the files changed after they were
    loaded: the copy would not be the KB that loaded cleanly."""
    root = Path(snapshot_dir)
    root.mkdir(parents=True, exist_ok=True)
    target = root / version
    if not target.is_dir():
        staging = Path(tempfile.mkdtemp(dir=root, prefix=".staging-"))
        shutil.copytree(kb_dir, staging, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".*"))
        if kb_version(staging) != version:
            shutil.rmtree(staging, ignore_errors=True)
            return False
        try:
            staging.rename(target)
        except OSError:  # another worker saved the same version first
            shutil.rmtree(staging, ignore_errors=True)
    link = root / f".current-{os.getpid()}"
    link.unlink(missing_ok=True)
    link.symlink_to(version)
    os.replace(link, root / "current")
    _prune(root, keep=version)
    return True


def _prune(root: Path, keep: str) -> None:
    """Old versions are only disk clutter once `current` points elsewhere."""
    for child in root.iterdir():
        if child.is_dir() and not child.is_symlink() and child.name not in (keep, "current") \
                and not child.name.startswith("."):
            shutil.rmtree(child, ignore_errors=True)


def latest(snapshot_dir: str) -> str | None:
    current = Path(snapshot_dir) / "current"
    return str(current.resolve()) if current.is_dir() else None
